//! The submission envelope: what a collection device sends to the server for one finished
//! submission, sealed so the server can tell whether it arrived as it left the device.
//!
//! An envelope is a versioned JSON document (`format_version` 1):
//!
//! | field | what |
//! |---|---|
//! | `instance_id` | the submission's identity: a UUID v4 in lowercase text, made on the device, so a resent envelope is recognised as the same submission |
//! | `form_id`, `form_version` | the form it was filled in (XLSForm `form_id`, `version`) |
//! | `device_id` | the device (or a pseudonym of it) that collected it |
//! | `started_at`, `completed_at`, `sealed_at` | RFC 3339 instants with the offset of where they happened, written `Z` for a zero offset |
//! | `submission_json` | the submission as canonical JSON text ([`canonical_json`]: compact, keys sorted at every depth) |
//! | `content_hash` | SHA-256, lowercase hex, of the envelope's canonical bytes |
//!
//! **Canonical bytes.** The UTF-8 bytes of the canonical JSON ([`canonical_json`]) of the
//! envelope object without its `content_hash` field: every other field, keys sorted, no
//! spaces. Every value in it is a string except `format_version`, so any JSON library that
//! sorts keys and writes compact output reproduces the bytes exactly — in Python
//! `json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()`.
//! The submission is kept as text for the same reason: its numbers are hashed as the device
//! wrote them, never re-formatted by another JSON library.
//!
//! **What the hash protects against, and what it does not.** It detects an envelope changed by
//! accident: a truncated upload, a storage or sync bug, a hand edit of the file, a field
//! rewritten by a tool on the way. It does not stop someone who changes the content on
//! purpose: anyone can recompute a plain hash. Proving origin needs a key the device holds
//! (a MAC or a signature) and a server that knows it; that is out of this document's scope.
//! The envelope is not encrypted either: sensitive feedback is sealed in the submission by
//! [`crate::feedback`] before it is enveloped, and transport security is the app's.

use chrono::{DateTime, FixedOffset, SecondsFormat};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::document::{self, canonical_json, Parsed};
use crate::error::{sort_findings, Finding, MealError};
use crate::form::Form;
use crate::i18n::Message;
use crate::input::parse_date_time;

/// The format version this library writes and reads.
pub const FORMAT_VERSION: u32 = 1;

/// A sealed submission, ready to sync. Build with [`Envelope::seal`], read with
/// [`Envelope::from_json`], check with [`Envelope::verify`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Envelope {
    /// [`FORMAT_VERSION`].
    pub format_version: u32,
    /// UUID v4, lowercase: `0f8fad5b-d9cb-469f-a165-70867728950e`.
    pub instance_id: String,
    /// The form's `id`.
    pub form_id: String,
    /// The form's `version`.
    pub form_version: String,
    /// The collecting device.
    pub device_id: String,
    /// When the enumerator opened the form (RFC 3339 with offset).
    pub started_at: String,
    /// When the submission was finalised.
    pub completed_at: String,
    /// When the envelope was sealed.
    pub sealed_at: String,
    /// The submission, canonical JSON text.
    pub submission_json: String,
    /// SHA-256 of the canonical bytes, lowercase hex.
    pub content_hash: String,
}

/// Who collected a submission and when: the envelope's fields that do not come from the form
/// or the submission.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Capture {
    /// UUID v4, lowercase (`java.util.UUID.randomUUID().toString()`, Python `str(uuid4())`).
    pub instance_id: String,
    /// The collecting device.
    pub device_id: String,
    /// When the form was opened.
    pub started_at: DateTime<FixedOffset>,
    /// When the submission was finalised.
    pub completed_at: DateTime<FixedOffset>,
    /// When it is sealed (now, on the device).
    pub sealed_at: DateTime<FixedOffset>,
}

impl Envelope {
    /// Seals `submission_json` (a JSON object) filled in `form`. Errors: `json.malformed`,
    /// `envelope.submission_not_object`, and the first of [`Envelope::verify`]'s findings the
    /// result would have (`envelope.instance_id`, `envelope.missing_field`,
    /// `envelope.completed_before_started`, `envelope.sealed_before_completed`), so a sealed
    /// envelope always verifies clean.
    pub fn seal(form: &Form, submission_json: &str, capture: &Capture) -> Result<Self, MealError> {
        let submission: serde_json::Value =
            serde_json::from_str(submission_json).map_err(|e| document::malformed(&e))?;
        if !submission.is_object() {
            return Err(MealError::new("envelope.submission_not_object").at("/submission_json"));
        }
        let mut envelope = Envelope {
            format_version: FORMAT_VERSION,
            instance_id: capture.instance_id.clone(),
            form_id: form.id.clone(),
            form_version: form.version.clone(),
            device_id: capture.device_id.clone(),
            started_at: timestamp_text(&capture.started_at),
            completed_at: timestamp_text(&capture.completed_at),
            sealed_at: timestamp_text(&capture.sealed_at),
            submission_json: canonical_json(&submission),
            content_hash: String::new(),
        };
        envelope.content_hash = envelope.computed_hash();
        match envelope.verify(None).into_iter().next() {
            Some(finding) => Err(MealError {
                code: finding.code,
                path: finding.path,
                params: finding.params,
            }),
            None => Ok(envelope),
        }
    }

    /// Reads an envelope document. Unknown fields become `document.unknown_field` findings
    /// (they are not covered by the hash); errors `json.malformed`, `document.format_version`,
    /// `document.invalid`.
    pub fn from_json(json: &str) -> Result<Parsed<Envelope>, MealError> {
        document::read(json, "envelope", FORMAT_VERSION)
    }

    /// The envelope document as compact JSON, keys sorted (what a device stores and uploads).
    pub fn to_json(&self) -> String {
        serde_json::to_value(self).map_or_else(|_| String::new(), |value| value.to_string())
    }

    /// The bytes the content hash covers (module documentation).
    pub fn canonical_bytes(&self) -> Vec<u8> {
        let mut value = serde_json::to_value(self).unwrap_or(serde_json::Value::Null);
        if let Some(fields) = value.as_object_mut() {
            fields.remove("content_hash");
        }
        canonical_json(&value).into_bytes()
    }

    /// SHA-256 of [`Envelope::canonical_bytes`], lowercase hex.
    pub fn computed_hash(&self) -> String {
        Sha256::digest(self.canonical_bytes())
            .iter()
            .map(|byte| format!("{byte:02x}"))
            .collect()
    }

    /// Everything wrong with the envelope, sorted by path then code; empty when it is intact
    /// and coherent. With `form`, also whether it was filled in that form and version
    /// (`envelope.form_mismatch`, `envelope.form_version_mismatch`).
    pub fn verify(&self, form: Option<&Form>) -> Vec<Finding> {
        let mut findings = Vec::new();
        if self.content_hash != self.computed_hash() {
            findings.push(Finding::error("envelope.hash_mismatch", "/content_hash"));
        }
        if !is_uuid_v4(&self.instance_id) {
            findings.push(
                Finding::error("envelope.instance_id", "/instance_id")
                    .with("value", &self.instance_id),
            );
        }
        for (name, value) in [("form_id", &self.form_id), ("device_id", &self.device_id)] {
            if value.trim().is_empty() {
                findings.push(
                    Finding::error("envelope.missing_field", format!("/{name}"))
                        .with("field", name),
                );
            }
        }
        findings.extend(self.timestamp_findings());
        findings.extend(self.submission_findings());
        if let Some(form) = form {
            findings.extend(self.form_findings(form));
        }
        sort_findings(&mut findings);
        findings
    }

    /// Unreadable instants, and instants out of order (start ≤ completion ≤ seal).
    fn timestamp_findings(&self) -> Vec<Finding> {
        let read = |name: &str, text: &str| {
            parse_date_time(text).map_err(|_| {
                Finding::error("envelope.timestamp", format!("/{name}")).with("value", text)
            })
        };
        let instants = [
            read("started_at", &self.started_at),
            read("completed_at", &self.completed_at),
            read("sealed_at", &self.sealed_at),
        ];
        let mut findings: Vec<Finding> = instants
            .iter()
            .filter_map(|instant| instant.as_ref().err().cloned())
            .collect();
        if let [Ok(started), Ok(completed), Ok(sealed)] = instants {
            if completed < started {
                findings.push(
                    Finding::error("envelope.completed_before_started", "/completed_at")
                        .with("started", &self.started_at)
                        .with("completed", &self.completed_at),
                );
            }
            if sealed < completed {
                findings.push(
                    Finding::error("envelope.sealed_before_completed", "/sealed_at")
                        .with("completed", &self.completed_at)
                        .with("sealed", &self.sealed_at),
                );
            }
        }
        findings
    }

    /// The submission must be a JSON object written canonically: a non-canonical text was
    /// not written by [`Envelope::seal`], so something rewrote it on the way.
    fn submission_findings(&self) -> Vec<Finding> {
        let at = "/submission_json";
        match serde_json::from_str::<serde_json::Value>(&self.submission_json) {
            Err(_) => vec![Finding::error("envelope.submission_malformed", at)],
            Ok(value) if !value.is_object() => {
                vec![Finding::error("envelope.submission_not_object", at)]
            }
            Ok(value) if canonical_json(&value) != self.submission_json => {
                vec![Finding::error("envelope.submission_not_canonical", at)]
            }
            Ok(_) => Vec::new(),
        }
    }

    fn form_findings(&self, form: &Form) -> Vec<Finding> {
        if self.form_id != form.id {
            return vec![Finding::error("envelope.form_mismatch", "/form_id")
                .with("expected", &form.id)
                .with("found", &self.form_id)];
        }
        if self.form_version != form.version {
            return vec![
                Finding::error("envelope.form_version_mismatch", "/form_version")
                    .with("expected", &form.version)
                    .with("found", &self.form_version),
            ];
        }
        Vec::new()
    }
}

/// Reads an envelope document and verifies it: the reading findings (unknown fields) and
/// [`Envelope::verify`]'s, sorted by path then code. What a server runs on an upload.
/// Errors: `json.malformed`, `document.format_version`, `document.invalid`.
pub fn verify_json(json: &str, form: Option<&Form>) -> Result<Vec<Finding>, MealError> {
    let parsed = Envelope::from_json(json)?;
    let mut findings = parsed.findings;
    findings.extend(parsed.value.verify(form));
    sort_findings(&mut findings);
    Ok(findings)
}

/// An instant as envelopes write it: RFC 3339, its own offset, `Z` for zero, fractions of a
/// second only when present.
pub fn timestamp_text(instant: &DateTime<FixedOffset>) -> String {
    instant.to_rfc3339_opts(SecondsFormat::AutoSi, true)
}

/// `xxxxxxxx-xxxx-4xxx-[89ab]xxx-xxxxxxxxxxxx`, lowercase hex digits (RFC 9562 version 4,
/// variant 10). Uppercase is refused so that one submission has one spelling.
pub fn is_uuid_v4(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() == 36
        && bytes.iter().enumerate().all(|(index, &byte)| match index {
            8 | 13 | 18 | 23 => byte == b'-',
            14 => byte == b'4',
            19 => matches!(byte, b'8' | b'9' | b'a' | b'b'),
            _ => byte.is_ascii_digit() || (b'a'..=b'f').contains(&byte),
        })
}

/// Messages of this module's codes.
pub const MESSAGES: &[Message] = &[
    Message {
        code: "envelope.hash_mismatch",
        en: "The content hash does not match the envelope's content: it was changed after sealing",
        fr: "L'empreinte ne correspond pas au contenu de l'enveloppe : il a été modifié après le scellement",
    },
    Message {
        code: "envelope.instance_id",
        en: "The instance id '{value}' is not a lowercase UUID v4",
        fr: "L'identifiant d'instance « {value} » n'est pas un UUID v4 en minuscules",
    },
    Message {
        code: "envelope.missing_field",
        en: "The envelope field '{field}' is empty",
        fr: "Le champ « {field} » de l'enveloppe est vide",
    },
    Message {
        code: "envelope.timestamp",
        en: "'{value}' is not an RFC 3339 instant with its UTC offset",
        fr: "« {value} » n'est pas un instant RFC 3339 avec son décalage UTC",
    },
    Message {
        code: "envelope.completed_before_started",
        en: "The submission was completed ({completed}) before it was started ({started})",
        fr: "La saisie a été terminée ({completed}) avant d'avoir commencé ({started})",
    },
    Message {
        code: "envelope.sealed_before_completed",
        en: "The envelope was sealed ({sealed}) before the submission was completed ({completed})",
        fr: "L'enveloppe a été scellée ({sealed}) avant la fin de la saisie ({completed})",
    },
    Message {
        code: "envelope.submission_malformed",
        en: "The enveloped submission is not valid JSON",
        fr: "La saisie contenue dans l'enveloppe n'est pas du JSON valide",
    },
    Message {
        code: "envelope.submission_not_object",
        en: "The enveloped submission must be a JSON object",
        fr: "La saisie contenue dans l'enveloppe doit être un objet JSON",
    },
    Message {
        code: "envelope.submission_not_canonical",
        en: "The enveloped submission is not in canonical form (compact, keys sorted): it was rewritten after sealing",
        fr: "La saisie contenue dans l'enveloppe n'est pas sous forme canonique (compacte, clés triées) : elle a été réécrite après le scellement",
    },
    Message {
        code: "envelope.form_mismatch",
        en: "The envelope is for form '{found}', not '{expected}'",
        fr: "L'enveloppe concerne le formulaire « {found} » et non « {expected} »",
    },
    Message {
        code: "envelope.form_version_mismatch",
        en: "The envelope was filled in version '{found}' of the form; this is version '{expected}'",
        fr: "L'enveloppe a été remplie avec la version « {found} » du formulaire ; celle-ci est la version « {expected} »",
    },
];

#[cfg(test)]
mod tests;
