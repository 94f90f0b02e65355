//! The append-only, tamper-evident audit log of privacy decisions (Art. 5(2) accountability:
//! "be able to demonstrate compliance"; reference/gdpr-feedback.md §1.1: who, purpose, legal
//! basis, rule version, append-only and tamper-evident).
//!
//! Each [`AuditEntry`] records who decided what, when, for which purpose and recipient, under
//! which version of the rules. Entries are chained: each carries the hash of the previous one
//! (`previous_hash`; the first carries [`GENESIS`], 64 zeros) and its own `hash`, the SHA-256
//! (lowercase hex) of its **canonical JSON** without the `hash` key: object keys sorted by
//! code point at every level, no whitespace, strings and numbers as serde_json writes them
//! (RFC 8259 escapes). Any runtime can recompute it; the conformance vectors were computed
//! with Python's `json.dumps(entry, sort_keys=True, separators=(",", ":"), ensure_ascii=False)`.
//! An entry reads `{"index": 0, "event": {timestamp, actor, action, purpose, recipient?,
//! decision, rules_version}, "previous_hash": …, "hash": …}`; the log document
//! `{"format_version": 1, "entries": […]}`.
//!
//! [`AuditLog::verify`] recomputes the chain: an edited entry breaks its own hash, a removed or
//! reordered one breaks the next entry's link or the index sequence. Truncation of the tail
//! leaves a valid shorter chain; it is detected only against a head hash kept elsewhere
//! ([`AuditLog::head`], [`AuditLog::verify_head`]) — publish or store the head apart from the
//! log.
//!
//! Decisions: the timestamp is the caller's (the library has no clock), RFC 3339 with its
//! offset, kept as written; `decision` is any JSON value (the export policy writes its
//! [`super::export::ExportDecision`]), so other modules can log their decisions too.
//!
//! | code | kind | when |
//! |---|---|---|
//! | `privacy.audit_tampered` | `MealError` (param `index`) | the entry at `index` does not chain: wrong index, previous hash or hash |
//! | `privacy.audit_head_mismatch` | `MealError` | the log's head is not the expected one (entries removed from the end, or another log) |
//! | `input.date_time` | `MealError` | an appended timestamp is not RFC 3339 with offset |

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::document::{self, Parsed};
use crate::error::MealError;

/// Format version of the audit-log document.
pub const FORMAT_VERSION: u32 = 1;

/// The `previous_hash` of the first entry.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// What the caller says about a decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEvent {
    /// RFC 3339 with its offset (`2026-11-27T10:00:00+01:00`).
    pub timestamp: String,
    /// Who decided or asked (a user id, a device id).
    pub actor: String,
    /// What was done: `export`, `erasure`, …
    pub action: String,
    /// The purpose id the decision was taken for.
    pub purpose: String,
    /// The recipient id, when data was to leave.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recipient: Option<String>,
    /// The decision, as JSON.
    pub decision: serde_json::Value,
    /// The version of the rules the decision applied.
    pub rules_version: String,
}

impl AuditEvent {
    /// Reads an event from JSON: `json.malformed` when the text is not JSON, `document.invalid`
    /// (kind `audit_event`) when it is not an event.
    pub fn from_json(json: &str) -> Result<Self, MealError> {
        let value: serde_json::Value =
            serde_json::from_str(json).map_err(|e| crate::document::malformed(&e))?;
        serde_json::from_value(value).map_err(|e| {
            MealError::new("document.invalid")
                .with("kind", "audit_event")
                .with("detail", e)
        })
    }
}

/// One entry of the log: the event, its place and its links.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    /// 0-based position in the log.
    pub index: u64,
    pub event: AuditEvent,
    /// The hash of the entry before (or [`GENESIS`]).
    pub previous_hash: String,
    /// SHA-256 of this entry's canonical JSON without `hash`.
    pub hash: String,
}

/// The log. Entries can only be appended; the fields are private so that nothing else can
/// change them in place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditLog {
    format_version: u32,
    entries: Vec<AuditEntry>,
}

/// An empty log of the current format (a derived default would carry format version 0, which
/// its own reader refuses).
impl Default for AuditLog {
    fn default() -> Self {
        Self::new()
    }
}

impl AuditLog {
    /// An empty log.
    pub fn new() -> Self {
        Self {
            format_version: FORMAT_VERSION,
            entries: Vec::new(),
        }
    }

    /// The entries, oldest first.
    pub fn entries(&self) -> &[AuditEntry] {
        &self.entries
    }

    /// The hash of the last entry ([`GENESIS`] for an empty log): keep it apart from the log to
    /// detect truncation.
    pub fn head(&self) -> &str {
        self.entries.last().map_or(GENESIS, |e| e.hash.as_str())
    }

    /// Appends an event and returns the new head (the entry's hash). Fails when the timestamp
    /// is not RFC 3339 with an offset (`input.date_time`).
    pub fn append(&mut self, event: AuditEvent) -> Result<String, MealError> {
        crate::input::parse_date_time(&event.timestamp)?;
        let mut entry = AuditEntry {
            index: u64::try_from(self.entries.len()).unwrap_or(u64::MAX),
            event,
            previous_hash: self.head().to_owned(),
            hash: String::new(),
        };
        entry.hash = entry_hash(&entry);
        let head = entry.hash.clone();
        self.entries.push(entry);
        Ok(head)
    }

    /// Checks the whole chain; `privacy.audit_tampered` names the first entry that breaks it.
    pub fn verify(&self) -> Result<(), MealError> {
        let mut previous = GENESIS;
        for (i, entry) in self.entries.iter().enumerate() {
            let in_place = u64::try_from(i).is_ok_and(|i| i == entry.index);
            if !in_place || entry.previous_hash != previous || entry_hash(entry) != entry.hash {
                return Err(MealError::new("privacy.audit_tampered")
                    .at(format!("/entries/{i}"))
                    .with("index", i));
            }
            previous = &entry.hash;
        }
        Ok(())
    }

    /// [`verify`](Self::verify), then checks that the head is `expected` (detects entries removed
    /// from the end).
    pub fn verify_head(&self, expected: &str) -> Result<(), MealError> {
        self.verify()?;
        if self.head() == expected {
            Ok(())
        } else {
            Err(MealError::new("privacy.audit_head_mismatch")
                .with("expected", expected)
                .with("found", self.head()))
        }
    }

    /// Reads a log document. It is not verified: call [`verify`](Self::verify).
    pub fn from_json(json: &str) -> Result<Parsed<AuditLog>, MealError> {
        document::read(json, "audit_log", FORMAT_VERSION)
    }

    /// The JSON document (pretty-printed).
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

/// SHA-256 (lowercase hex) of the canonical JSON of `entry` without its `hash`.
pub fn entry_hash(entry: &AuditEntry) -> String {
    let mut value = serde_json::to_value(entry).unwrap_or_default();
    if let Some(object) = value.as_object_mut() {
        object.remove("hash");
    }
    let digest = Sha256::digest(canonical_json(&value).as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

pub use crate::document::canonical_json;

use crate::i18n::{Message, Term};

/// Codes raised here, in French and English.
pub(crate) const MESSAGES: &[Message] = &[
    Message {
        code: "privacy.audit_tampered",
        en: "The audit log was altered: entry {index} does not chain to the entries before it (edited, removed or moved)",
        fr: "Le journal d'audit a été modifié : l'entrée {index} ne s'enchaîne pas aux précédentes (modifiée, supprimée ou déplacée)",
    },
    Message {
        code: "privacy.audit_head_mismatch",
        en: "The audit log ends at {found}, not at the expected {expected}: entries were removed from its end, or it is another log",
        fr: "Le journal d'audit se termine par {found} et non par {expected} attendu : des entrées ont été retirées à la fin, ou c'est un autre journal",
    },
];

/// Domain terms carried in params of these codes.
pub(crate) const TERMS: &[Term] = &[Term {
    key: "audit_log",
    en: "audit log",
    fr: "journal d'audit",
}];

#[cfg(test)]
mod tests {
    use super::*;

    fn event(n: u32) -> AuditEvent {
        AuditEvent {
            timestamp: format!("2026-11-27T10:{n:02}:00+01:00"),
            actor: "coordinator".into(),
            action: "export".into(),
            purpose: "meal_monitoring".into(),
            recipient: Some("donor".into()),
            decision: serde_json::json!({"allowed": ["age"], "refused": []}),
            rules_version: "2026.1".into(),
        }
    }

    fn log(n: u32) -> AuditLog {
        let mut log = AuditLog::new();
        for i in 0..n {
            log.append(event(i)).unwrap();
        }
        log
    }

    #[test]
    fn hash_is_sha256_of_the_sorted_compact_json() {
        let log = log(1);
        let entry = log.entries().first().unwrap();
        // Written by hand from the rule: keys sorted, no spaces, no `hash`.
        let text = concat!(
            r#"{"event":{"action":"export","actor":"coordinator","#,
            r#""decision":{"allowed":["age"],"refused":[]},"purpose":"meal_monitoring","#,
            r#""recipient":"donor","rules_version":"2026.1","timestamp":"2026-11-27T10:00:00+01:00"},"#,
            r#""index":0,"previous_hash":"0000000000000000000000000000000000000000000000000000000000000000"}"#
        );
        let mut value = serde_json::to_value(entry).unwrap();
        value.as_object_mut().unwrap().remove("hash");
        assert_eq!(canonical_json(&value), text);
        let expected: String = Sha256::digest(text.as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(entry.hash, expected);
        assert_eq!(entry.previous_hash, GENESIS);
    }

    #[test]
    fn edits_removals_and_swaps_are_detected() {
        let good = log(4);
        assert!(good.verify().is_ok());
        let mut edited = good.clone();
        edited.entries.get_mut(1).unwrap().event.actor = "someone".into();
        assert_eq!(edited.verify().unwrap_err().params["index"], "1");
        let mut removed = good.clone();
        removed.entries.remove(1);
        assert_eq!(removed.verify().unwrap_err().params["index"], "1");
        let mut swapped = good.clone();
        swapped.entries.swap(2, 3);
        assert_eq!(swapped.verify().unwrap_err().params["index"], "2");
        let mut truncated = good.clone();
        truncated.entries.pop();
        assert!(
            truncated.verify().is_ok(),
            "a shorter chain is still a chain"
        );
        let err = truncated.verify_head(good.head()).unwrap_err();
        assert_eq!(err.code, "privacy.audit_head_mismatch");
    }

    #[test]
    fn round_trips_through_json_and_refuses_bad_timestamps() {
        let good = log(3);
        let back = AuditLog::from_json(&good.to_json()).unwrap();
        assert!(back.findings.is_empty());
        assert_eq!(back.value, good);
        assert!(back.value.verify_head(good.head()).is_ok());
        let mut bad = event(0);
        bad.timestamp = "2026-11-27 10:00".into();
        assert_eq!(
            AuditLog::new().append(bad).unwrap_err().code,
            "input.date_time"
        );
    }
}
