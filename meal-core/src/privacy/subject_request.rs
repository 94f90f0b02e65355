//! Data-subject requests over a record set: access, rectification, erasure — each with an
//! auditable result.
//!
//! GDPR Arts. 15–17 (reference/gdpr-feedback.md §1.5) over a record set (`&[Record]`, see
//! [`super::records`]), the person named by their pseudonym. Every request returns an
//! [`Outcome`]: what was asked, when, which records were touched and which kept and why, counts
//! that add up, and the SHA-256 of the resulting record set's canonical JSON
//! ([`super::records::records_digest`]) so an auditor can check the result later.
//!
//! # Decisions
//!
//! * **The input is never modified**: rectification and erasure return a new record set, in
//!   the input order. The caller keeps the old one for its audit store (§1.5: the old value of
//!   a rectification is kept only in the audit), and replaces the live set with the new one.
//! * **Outcomes name the person by a digest**: `subject_sha256` is the SHA-256 of the
//!   pseudonym, never the pseudonym itself, so the record of an erasure does not keep the
//!   identifier it erased; whoever holds the pseudonym can still recompute the digest.
//! * **Access** ([`access`], Art. 15, portable per Art. 20) exports every record about the
//!   person: [`Access::to_json`] (canonical JSON: the records and the subject digest) and [`Access::to_csv`]
//!   (RFC 4180: CRLF line ends, fields with `,` `"` CR or LF quoted, quotes doubled; one row per
//!   record × item: `section` is `value` for a field, `event` for a dated event, `record` for a
//!   legal hold; a record without any item gets one row with empty `section`, `name`, `value`
//!   so every record appears). Values that are not strings are written as compact JSON.
//!   Third-party data inside a record (other people named in a complaint) is not detected:
//!   review before sending.
//! * **Rectification** ([`rectify`], Art. 16) sets one field of one of the person's records;
//!   a field not yet present is added (Art. 16: incomplete data completed). A record that does
//!   not exist and a record of someone else give the same error, `privacy.request_unknown_record`,
//!   so a request cannot probe other people's records.
//! * **Erasure** ([`erase`], Art. 17) removes every record of the person except those the rules
//!   keep, each with its reasons (sorted): `legal_hold` (a claim in progress, Art. 17(3)(e)),
//!   the purpose's documented [`ErasureException`]s (`public_health` for medical records kept
//!   under CSP R.1112-7, Art. 17(3)(c); `legal_obligation`, `archiving_research`,
//!   `legal_claims`), or `unknown_purpose` — a purpose the rules do not know cannot be checked
//!   for exceptions, and an erasure cannot be undone, so the record is kept for review.
//!   Other people's records are untouched.
//! * **Counts add up**: `subject_records` = `affected.len()` + `retained.len()` + `unchanged`,
//!   and `records_after` = `records_before` − erased.
//!
//! # Codes
//!
//! | code | when |
//! |---|---|
//! | `privacy.request_unknown_record` | rectification of a record that is not one of the person's (`record`) |
//! | `privacy.request_bad_field` | rectification of a field with an empty name |

use chrono::NaiveDate;
use serde::Serialize;

use super::records::{canonical_json, records_digest, sha256_hex, Record};
use super::rules::{ErasureException, Rules};
use crate::error::MealError;

/// The kind of request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RequestKind {
    Access,
    Rectification,
    Erasure,
}

/// A record a request kept, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Retained {
    pub record: String,
    /// `legal_hold`, `unknown_purpose` or an erasure exception (`public_health`, …), sorted.
    pub reasons: Vec<String>,
}

/// The auditable result of a request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Outcome {
    pub kind: RequestKind,
    /// SHA-256 of the person's pseudonym (lowercase hex).
    pub subject_sha256: String,
    pub on: NaiveDate,
    /// The rules version applied (erasure).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rules_version: Option<String>,
    /// The field rectified.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// Records about the person in the input.
    pub subject_records: usize,
    /// Ids of the records exported, rectified or erased, in input order.
    pub affected: Vec<String>,
    /// Records an erasure kept, in input order.
    pub retained: Vec<Retained>,
    /// The person's records neither affected nor retained.
    pub unchanged: usize,
    pub records_before: usize,
    pub records_after: usize,
    /// SHA-256 of the canonical JSON of the resulting record set (for access: of the export).
    pub digest: String,
}

impl Outcome {
    /// The JSON form.
    pub fn to_json(&self) -> String {
        serde_json::to_value(self)
            .map(|value| canonical_json(&value))
            .unwrap_or_default()
    }

    fn new(kind: RequestKind, subject: &str, on: NaiveDate, records: &[Record]) -> Self {
        let subject_records = records.iter().filter(|r| r.is_about(subject)).count();
        Outcome {
            kind,
            subject_sha256: sha256_hex(subject.as_bytes()),
            on,
            rules_version: None,
            field: None,
            subject_records,
            affected: Vec::new(),
            retained: Vec::new(),
            unchanged: subject_records,
            records_before: records.len(),
            records_after: records.len(),
            digest: String::new(),
        }
    }
}

/// Everything about one person (Art. 15), with the audit of the export.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Access {
    /// The person's records, in input order.
    pub records: Vec<Record>,
    pub outcome: Outcome,
}

/// The records about `subject`, exported on `on`.
pub fn access(records: &[Record], subject: &str, on: NaiveDate) -> Access {
    let mine: Vec<Record> = records
        .iter()
        .filter(|r| r.is_about(subject))
        .cloned()
        .collect();
    let mut outcome = Outcome::new(RequestKind::Access, subject, on, records);
    outcome.affected = mine.iter().map(|r| r.id.clone()).collect();
    outcome.unchanged = 0;
    outcome.digest = records_digest(&mine);
    Access {
        records: mine,
        outcome,
    }
}

impl Access {
    /// Portable JSON: `{"records": [...], "subject_sha256": "..."}`, canonical. The records
    /// carry the pseudonym; the export itself adds only its digest.
    pub fn to_json(&self) -> String {
        let value = serde_json::json!({
            "records": self.records,
            "subject_sha256": self.outcome.subject_sha256,
        });
        canonical_json(&value)
    }

    /// RFC 4180 CSV, one row per record × item (see the module docs).
    pub fn to_csv(&self) -> String {
        let mut csv = Csv::default();
        csv.row(&["record", "form", "purpose", "section", "name", "value"]);
        for record in &self.records {
            let head = [record.id.as_str(), &record.form, &record.purpose];
            let mut items: Vec<(&str, &str, String)> = Vec::new();
            if record.legal_hold {
                items.push(("record", "legal_hold", "true".to_owned()));
            }
            for (name, date) in &record.events {
                items.push(("event", name, date.to_string()));
            }
            for (name, value) in &record.values {
                items.push(("value", name, value_text(value)));
            }
            if items.is_empty() {
                items.push(("", "", String::new()));
            }
            for (section, name, value) in &items {
                csv.row(&[head[0], head[1], head[2], section, name, value]);
            }
        }
        csv.text
    }
}

fn value_text(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(text) => text.clone(),
        other => canonical_json(other),
    }
}

/// A minimal RFC 4180 writer.
#[derive(Default)]
struct Csv {
    text: String,
}

impl Csv {
    fn row(&mut self, fields: &[&str]) {
        for (index, field) in fields.iter().enumerate() {
            if index > 0 {
                self.text.push(',');
            }
            if field.contains([',', '"', '\r', '\n']) {
                self.text.push('"');
                self.text.push_str(&field.replace('"', "\"\""));
                self.text.push('"');
            } else {
                self.text.push_str(field);
            }
        }
        self.text.push_str("\r\n");
    }
}

/// Sets `field` of the person's record `record_id` to `value` (Art. 16).
pub fn rectify(
    records: &[Record],
    subject: &str,
    record_id: &str,
    field: &str,
    value: serde_json::Value,
    on: NaiveDate,
) -> Result<(Vec<Record>, Outcome), MealError> {
    if field.is_empty() {
        return Err(MealError::new("privacy.request_bad_field"));
    }
    let position = records
        .iter()
        .position(|r| r.id == record_id && r.is_about(subject))
        .ok_or_else(|| {
            MealError::new("privacy.request_unknown_record").with("record", record_id)
        })?;
    let mut result = records.to_vec();
    if let Some(record) = result.get_mut(position) {
        record.values.insert(field.to_owned(), value);
    }
    let mut outcome = Outcome::new(RequestKind::Rectification, subject, on, records);
    outcome.field = Some(field.to_owned());
    outcome.affected = vec![record_id.to_owned()];
    outcome.unchanged = outcome.subject_records.saturating_sub(1);
    outcome.digest = records_digest(&result);
    Ok((result, outcome))
}

/// Removes the person's records except those the rules keep (Art. 17; see the module docs).
pub fn erase(
    records: &[Record],
    rules: &Rules,
    subject: &str,
    on: NaiveDate,
) -> (Vec<Record>, Outcome) {
    let mut outcome = Outcome::new(RequestKind::Erasure, subject, on, records);
    outcome.rules_version = Some(rules.version.clone());
    let mut kept = Vec::with_capacity(records.len());
    for record in records {
        if !record.is_about(subject) {
            kept.push(record.clone());
            continue;
        }
        let reasons = retention_reasons(record, rules);
        if reasons.is_empty() {
            outcome.affected.push(record.id.clone());
        } else {
            outcome.retained.push(Retained {
                record: record.id.clone(),
                reasons,
            });
            kept.push(record.clone());
        }
    }
    outcome.unchanged = 0;
    outcome.records_after = kept.len();
    outcome.digest = records_digest(&kept);
    (kept, outcome)
}

/// Why an erasure keeps `record`, sorted; empty when it goes.
fn retention_reasons(record: &Record, rules: &Rules) -> Vec<String> {
    let mut reasons = Vec::new();
    if record.legal_hold {
        reasons.push("legal_hold".to_owned());
    }
    match rules.purpose(&record.purpose) {
        None => reasons.push("unknown_purpose".to_owned()),
        Some(purpose) => reasons.extend(purpose.erasure_exceptions.iter().map(exception_name)),
    }
    reasons.sort();
    reasons.dedup();
    reasons
}

fn exception_name(exception: &ErasureException) -> String {
    serde_json::to_value(exception)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

use crate::i18n::{Message, Term};

/// Codes raised here, in French and English.
pub(crate) const MESSAGES: &[Message] = &[
    Message {
        code: "privacy.request_unknown_record",
        en: "The person has no record '{record}'",
        fr: "La personne n'a pas d'enregistrement « {record} »",
    },
    Message {
        code: "privacy.request_bad_field",
        en: "A rectification needs the name of the field to correct",
        fr: "Une rectification doit indiquer le nom du champ à corriger",
    },
];

/// Domain terms carried in params of these codes.
pub(crate) const TERMS: &[Term] = &[];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Locale;
    use crate::privacy::records::records_from_json;

    fn date(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    fn records() -> Vec<Record> {
        records_from_json(
            r#"[
            {"id": "c1", "form": "consult", "purpose": "care", "subject": "s1",
             "events": {"last_contact": "2026-01-10"}, "values": {"diagnosis": "asthma, \"mild\""}},
            {"id": "t1", "form": "testimony", "purpose": "testimony", "subject": "s1",
             "values": {"story": "line1\nline2", "age": 30}},
            {"id": "f1", "form": "feedback", "purpose": "feedback", "subject": "s2", "values": {"text": "ok"}},
            {"id": "x1", "form": "old", "purpose": "gone", "subject": "s1"},
            {"id": "h1", "form": "feedback", "purpose": "feedback", "subject": "s1", "legal_hold": true}
        ]"#,
        )
        .unwrap()
    }

    fn rules() -> Rules {
        serde_json::from_value(serde_json::json!({
            "format_version": 1, "version": "2026.1",
            "controller": {"name": "MSF", "contact": "dpo@example.org"},
            "purposes": [
                {"id": "care", "name": {"en": "Care", "fr": "Soins"}, "erasure_exceptions": ["public_health"]},
                {"id": "testimony", "name": {"en": "Testimony", "fr": "Témoignage"}},
                {"id": "feedback", "name": {"en": "Feedback", "fr": "Retours"}}
            ]
        }))
        .unwrap()
    }

    #[test]
    fn access_exports_everything_about_the_person_and_nothing_else() {
        let access = access(&records(), "s1", date("2026-05-01"));
        assert_eq!(access.outcome.affected, ["c1", "t1", "x1", "h1"]);
        assert_eq!(access.outcome.subject_records, 4);
        assert_eq!(access.outcome.subject_sha256, sha256_hex(b"s1"));
        assert!(!access.to_json().contains("s2"));
        assert_eq!(
            access.to_csv(),
            "record,form,purpose,section,name,value\r\n\
             c1,consult,care,event,last_contact,2026-01-10\r\n\
             c1,consult,care,value,diagnosis,\"asthma, \"\"mild\"\"\"\r\n\
             t1,testimony,testimony,value,age,30\r\n\
             t1,testimony,testimony,value,story,\"line1\nline2\"\r\n\
             x1,old,gone,,,\r\n\
             h1,feedback,feedback,record,legal_hold,true\r\n"
        );
    }

    #[test]
    fn erasure_keeps_only_what_an_exception_covers() {
        let before = records();
        let (after, outcome) = erase(&before, &rules(), "s1", date("2026-05-01"));
        let ids: Vec<_> = after.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids, ["c1", "f1", "x1", "h1"]);
        assert_eq!(outcome.affected, ["t1"]);
        let retained: Vec<_> = outcome
            .retained
            .iter()
            .map(|r| (r.record.as_str(), r.reasons.join("+")))
            .collect();
        assert_eq!(
            retained,
            [
                ("c1", "public_health".into()),
                ("x1", "unknown_purpose".into()),
                ("h1", "legal_hold".into())
            ]
        );
        assert_eq!((outcome.records_before, outcome.records_after), (5, 4));
        assert_eq!(
            outcome.subject_records,
            outcome.affected.len() + outcome.retained.len()
        );
        assert_eq!(
            outcome.digest,
            crate::privacy::records::records_digest(&after)
        );
        assert_eq!(outcome.rules_version.as_deref(), Some("2026.1"));
        assert!(!outcome.to_json().contains("\"s1\""));
    }

    #[test]
    fn rectification_touches_one_field_of_one_of_the_person_s_records() {
        let before = records();
        let (after, outcome) = rectify(
            &before,
            "s1",
            "t1",
            "age",
            serde_json::json!(31),
            date("2026-05-01"),
        )
        .unwrap();
        assert_eq!(after[1].values["age"], 31);
        assert_eq!(before[1].values["age"], 30, "the input is untouched");
        assert_eq!(after[0], before[0]);
        assert_eq!((outcome.affected.len(), outcome.unchanged), (1, 3));
        for (subject, id) in [("s1", "f1"), ("s1", "nope"), ("s2", "t1")] {
            let error = rectify(
                &before,
                subject,
                id,
                "age",
                serde_json::json!(1),
                date("2026-05-01"),
            )
            .unwrap_err();
            assert_eq!(error.code, "privacy.request_unknown_record");
        }
        let error = rectify(
            &before,
            "s1",
            "t1",
            "",
            serde_json::json!(1),
            date("2026-05-01"),
        )
        .unwrap_err();
        assert_eq!(error.code, "privacy.request_bad_field");
    }

    #[test]
    fn every_code_renders_with_its_params() {
        for message in MESSAGES {
            let error = MealError::new(message.code).with("record", "r");
            for locale in [Locale::En, Locale::Fr] {
                assert!(!error.message(locale).contains('{'), "{}", message.code);
            }
        }
    }
}
