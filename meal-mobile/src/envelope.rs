//! `Envelope`: a finished submission sealed on the device for sync (instance id, form and
//! version, device, instants with their offsets, canonical submission, content hash), and its
//! verification. The server verifies the same envelope with the Python binding.

use std::sync::Arc;

use meal_core::document::Parsed;
use meal_core::envelope::{self, Capture};

use crate::error::Result;
use crate::form::Form;
use crate::logframe::Finding;
use crate::types::Timestamp;

/// Who collected a submission and when.
#[uniffi::remote(Record)]
pub struct Capture {
    /// UUID v4, lowercase: `UUID.randomUUID().toString()`.
    pub instance_id: String,
    /// The collecting device (or a pseudonym of it).
    pub device_id: String,
    /// When the form was opened.
    pub started_at: Timestamp,
    /// When the submission was finalised.
    pub completed_at: Timestamp,
    /// When it is sealed: now.
    pub sealed_at: Timestamp,
}

/// A sealed submission. Immutable; `toJson()` is what the app stores and uploads.
#[derive(Debug, uniffi::Object)]
pub struct Envelope(Parsed<envelope::Envelope>);

#[uniffi::export]
impl Envelope {
    /// Seals a submission (JSON object text) filled in `form`. Errors `json.malformed`,
    /// `envelope.submission_not_object`, `envelope.instance_id`, `envelope.missing_field`,
    /// `envelope.completed_before_started`, `envelope.sealed_before_completed`,
    /// `form.not_compilable`.
    #[uniffi::constructor]
    pub fn seal(form: Arc<Form>, submission_json: String, capture: Capture) -> Result<Arc<Self>> {
        let sealed = envelope::Envelope::seal(form.document()?, &submission_json, &capture)?;
        Ok(Arc::new(Envelope(Parsed {
            value: sealed,
            findings: Vec::new(),
        })))
    }

    /// Reads a stored or received envelope. Errors `json.malformed`, `document.*`.
    #[uniffi::constructor]
    pub fn from_json(json: String) -> Result<Arc<Self>> {
        Ok(Arc::new(Envelope(envelope::Envelope::from_json(&json)?)))
    }

    /// What reading found (unknown fields, which the hash does not cover).
    pub fn findings(&self, locale: String) -> Vec<Finding> {
        Finding::all_from_core(self.0.findings.clone(), &locale)
    }

    /// Whether the envelope is intact and coherent (and, with `form`, for that form and
    /// version); empty when it is.
    pub fn verify(&self, form: Option<Arc<Form>>, locale: String) -> Result<Vec<Finding>> {
        let form = form.as_deref().map(Form::document).transpose()?;
        Ok(Finding::all_from_core(self.0.value.verify(form), &locale))
    }

    /// The envelope document.
    pub fn to_json(&self) -> String {
        self.0.value.to_json()
    }

    /// The submission's UUID.
    pub fn instance_id(&self) -> String {
        self.0.value.instance_id.clone()
    }

    /// The form's id.
    pub fn form_id(&self) -> String {
        self.0.value.form_id.clone()
    }

    /// The form's version.
    pub fn form_version(&self) -> String {
        self.0.value.form_version.clone()
    }

    /// The submission, canonical JSON text.
    pub fn submission_json(&self) -> String {
        self.0.value.submission_json.clone()
    }

    /// SHA-256 of the canonical bytes, lowercase hex.
    pub fn content_hash(&self) -> String {
        self.0.value.content_hash.clone()
    }
}

/// Reads an envelope document and verifies it: reading and verification findings, sorted by
/// path then code, messages in `locale`. Errors `json.malformed`, `document.*`.
#[uniffi::export]
pub fn verify_envelope(
    json: String,
    form: Option<Arc<Form>>,
    locale: String,
) -> Result<Vec<Finding>> {
    let form = form.as_deref().map(Form::document).transpose()?;
    Ok(Finding::all_from_core(
        envelope::verify_json(&json, form)?,
        &locale,
    ))
}
