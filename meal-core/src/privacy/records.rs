//! The records privacy rules act on: one collected record about (at most) one person.
//!
//! A record set is a JSON array of [`Record`]s: retention ([`super::retention`]) and
//! data-subject requests ([`super::subject_request`]) read it and give back decisions or a new
//! record set.
//!
//! # Decisions
//!
//! * **Record ids are unique** in a set: every later operation names records by id (an
//!   erasure lists the ids it removed, a rectification targets one id). Two records with one
//!   id make the set unusable, so [`records_from_json`] fails with `privacy.duplicate_record`
//!   (the index of both) rather than keep one and lose the other.
//! * **A key written twice in one object** (anywhere, values included) is
//!   `privacy.records_duplicate_key`: serde_json would keep the last value and drop the first
//!   without a word.
//! * **Unknown fields** in a record are refused (`privacy.records_invalid`): a record is
//!   machine-written, and a misspelt `legal_hold` must not silently lift a hold.
//! * **Canonical JSON** ([`records_to_json`]): compact, object keys sorted at every depth,
//!   records in their order. [`records_digest`] is the SHA-256 of it, lowercase hex: what an
//!   auditor recomputes to check a data-subject request's result.
//!
//! # Codes
//!
//! | code | when |
//! |---|---|
//! | `privacy.records_not_array` | the text is JSON but not an array |
//! | `privacy.records_invalid` | a record does not have the record shape (`index`, `detail`) |
//! | `privacy.records_duplicate_key` | a key written twice in one object (`key`) |
//! | `privacy.duplicate_record` | two records share an id (`id`, `first`, `second`) |
//!
//! Text that is not JSON is `json.malformed`.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::error::MealError;

/// One record of a record set: a cleaned submission with what retention and data-subject
/// requests need to know about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Record {
    /// Unique in the record set.
    pub id: String,
    /// The form it was collected with.
    pub form: String,
    /// The purpose (rules-document id) it was collected for.
    pub purpose: String,
    /// The person's pseudonym, when the record is about one person.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    /// Dated events retention rules start from (`collected`, `last_contact`, `birth`, …).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub events: BTreeMap<String, NaiveDate>,
    /// A legal hold (claim in progress) suspends every retention end (CNIL 2020-076).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub legal_hold: bool,
    /// Field name → value, as in a cleaned submission.
    #[serde(default)]
    pub values: serde_json::Map<String, serde_json::Value>,
}

impl Record {
    /// True when the record is about the person with this pseudonym.
    pub fn is_about(&self, subject: &str) -> bool {
        self.subject.as_deref() == Some(subject)
    }
}

/// Reads a record set: a JSON array of records with unique ids (see the module docs).
pub fn records_from_json(json: &str) -> Result<Vec<Record>, MealError> {
    let value = strict_value(json)?;
    let serde_json::Value::Array(items) = value else {
        return Err(MealError::new("privacy.records_not_array"));
    };
    let mut first_index: BTreeMap<String, usize> = BTreeMap::new();
    let mut records = Vec::with_capacity(items.len());
    for (index, item) in items.into_iter().enumerate() {
        let record: Record = serde_json::from_value(item).map_err(|e| {
            MealError::new("privacy.records_invalid")
                .at(format!("/{index}"))
                .with("index", index)
                .with("detail", e)
        })?;
        if let Some(first) = first_index.insert(record.id.clone(), index) {
            return Err(MealError::new("privacy.duplicate_record")
                .at(format!("/{index}/id"))
                .with("id", &record.id)
                .with("first", first)
                .with("second", index));
        }
        records.push(record);
    }
    Ok(records)
}

pub use crate::document::canonical_json;

/// The canonical JSON of a record set (compact, keys sorted at every depth, records in order).
pub fn records_to_json(records: &[Record]) -> String {
    let value = serde_json::to_value(records).unwrap_or_default();
    canonical_json(&value)
}

/// SHA-256 of [`records_to_json`], lowercase hex.
pub fn records_digest(records: &[Record]) -> String {
    sha256_hex(records_to_json(records).as_bytes())
}

/// SHA-256 of `bytes`, lowercase hex.
pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

/// Parses JSON, failing on a key written twice in one object (`privacy.records_duplicate_key`,
/// with the object's path): serde_json would keep the last value and lose the first.
fn strict_value(json: &str) -> Result<serde_json::Value, MealError> {
    let value = serde_json::from_str(json).map_err(|e| crate::document::malformed(&e))?;
    match crate::document::duplicate_keys(json).into_iter().next() {
        Some((path, key)) => Err(MealError::new("privacy.records_duplicate_key")
            .at(if path.is_empty() {
                "/".to_owned()
            } else {
                path
            })
            .with("key", key)),
        None => Ok(value),
    }
}

use crate::i18n::{Message, Term};

/// Codes raised here, in French and English.
pub(crate) const MESSAGES: &[Message] = &[
    Message {
        code: "privacy.records_not_array",
        en: "A record set is a JSON array of records",
        fr: "Un ensemble d'enregistrements est un tableau JSON d'enregistrements",
    },
    Message {
        code: "privacy.records_invalid",
        en: "Record {index} does not have the record shape: {detail}",
        fr: "L'enregistrement {index} n'a pas la forme attendue : {detail}",
    },
    Message {
        code: "privacy.records_duplicate_key",
        en: "The key '{key}' is written twice in this object; one of the values would be lost",
        fr: "La clé « {key} » figure deux fois dans cet objet ; l'une des valeurs serait perdue",
    },
    Message {
        code: "privacy.duplicate_record",
        en: "Records {first} and {second} share the id '{id}'; every record needs its own id",
        fr: "Les enregistrements {first} et {second} partagent l'identifiant « {id} » ; chaque enregistrement doit avoir le sien",
    },
];

/// Domain terms carried in params of these codes.
pub(crate) const TERMS: &[Term] = &[];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_record_set_and_writes_it_back_canonically() {
        let json = r#"[{"values": {"b": 1, "a": [true, null, 1.5]}, "purpose": "care", "form": "f",
            "id": "r1", "subject": "s", "events": {"last_contact": "2026-01-31"}, "legal_hold": true},
            {"id": "r2", "form": "f", "purpose": "care"}]"#;
        let records = records_from_json(json).unwrap();
        assert_eq!(records.len(), 2);
        assert!(records[0].is_about("s") && !records[1].is_about("s"));
        let canonical = records_to_json(&records);
        assert_eq!(
            canonical,
            r#"[{"events":{"last_contact":"2026-01-31"},"form":"f","id":"r1","legal_hold":true,"purpose":"care","subject":"s","values":{"a":[true,null,1.5],"b":1}},{"form":"f","id":"r2","purpose":"care","values":{}}]"#
        );
        assert_eq!(records_from_json(&canonical).unwrap(), records);
    }

    #[test]
    fn the_digest_is_sha256_of_the_canonical_json() {
        // `printf '[]' | sha256sum`
        assert_eq!(
            records_digest(&[]),
            "4f53cda18c2baa0c0354bb5f9a3ecbe5ed12ab4d8e11ba873c2f11161202b945"
        );
    }

    #[test]
    fn nothing_is_read_ambiguously() {
        let cases = [
            ("{}", "privacy.records_not_array", ""),
            ("[", "json.malformed", ""),
            (r#"[{"id": "r"}]"#, "privacy.records_invalid", "/0"),
            (
                r#"[{"id": "r", "form": "f", "purpose": "p", "legal_hlod": true}]"#,
                "privacy.records_invalid",
                "/0",
            ),
            (
                r#"[{"id": "r", "form": "f", "purpose": "p"}, {"id": "r", "form": "f", "purpose": "p"}]"#,
                "privacy.duplicate_record",
                "/1/id",
            ),
            (
                r#"[{"id": "r", "form": "f", "purpose": "p", "values": {"m": [{"a": 1, "a": 2}]}}]"#,
                "privacy.records_duplicate_key",
                "/0/values/m/0",
            ),
        ];
        for (json, code, path) in cases {
            let error = records_from_json(json).unwrap_err();
            assert_eq!(
                (error.code.as_str(), error.path.as_str()),
                (code, path),
                "{json}"
            );
        }
    }

    #[test]
    fn every_code_renders_with_its_params() {
        use crate::i18n::Locale;
        for message in MESSAGES {
            let error = MealError::new(message.code)
                .with("index", 1)
                .with("detail", "d")
                .with("key", "k")
                .with("id", "r")
                .with("first", 0)
                .with("second", 1);
            for locale in [Locale::En, Locale::Fr] {
                assert!(!error.message(locale).contains('{'), "{}", message.code);
            }
        }
    }
}
