//! Data protection, the person's side: pseudonyms and tokenisation, consent, retention, and
//! data-subject requests (access, rectification, erasure) over a `RecordSet`.

use std::sync::Arc;

use meal_core::privacy::pseudonym::{self, PseudonymKey as CoreKey};
use meal_core::privacy::records::{records_digest, records_from_json, records_to_json, Record};
use meal_core::privacy::{consent, retention, subject_request};
use zeroize::Zeroize;

use crate::error::Result;
use crate::form::Form;
use crate::logframe::Finding;
use crate::privacy::{json, serde_name, PrivacyRules};
use crate::types::IsoDate;

/// A pseudonymisation key, held by the key custodian: at least 32 bytes. Nothing in the API
/// gives the bytes back, and `toString()` is the default object one; the Rust copy is zeroed
/// when the key is dropped. Wipe your own copy of the bytes (`bytes.fill(0)`).
#[derive(Debug, uniffi::Object)]
pub struct PseudonymKey(CoreKey);

#[uniffi::export]
impl PseudonymKey {
    /// A key from its bytes (`SecureRandom().nextBytes(ByteArray(32))`).
    /// Error `privacy.key_too_short`.
    #[uniffi::constructor]
    pub fn new(bytes: Vec<u8>) -> Result<Arc<PseudonymKey>> {
        let mut bytes = bytes;
        let key = CoreKey::from_bytes(&bytes);
        bytes.zeroize();
        Ok(Arc::new(PseudonymKey(key?)))
    }

    /// A key from hexadecimal text. Errors `privacy.key_not_hex` (the text is never echoed),
    /// `privacy.key_too_short`.
    #[uniffi::constructor]
    pub fn from_hex(hex: String) -> Result<Arc<PseudonymKey>> {
        let mut hex = hex;
        let key = CoreKey::from_hex(&hex);
        hex.zeroize();
        Ok(Arc::new(PseudonymKey(key?)))
    }
}

/// Pseudonyms for one purpose: the same person gets unrelated pseudonyms under two purposes.
/// The key and purpose are absorbed once, so a column of identifiers costs only their bytes.
/// Immutable; share it across threads.
#[derive(Debug, uniffi::Object)]
pub struct Pseudonymiser(pub(crate) pseudonym::Pseudonymiser);

#[uniffi::export]
impl Pseudonymiser {
    /// A pseudonymiser for `purpose` (an exact purpose id). Error
    /// `privacy.pseudonym_bad_purpose`.
    #[uniffi::constructor]
    pub fn new(key: Arc<PseudonymKey>, purpose: String) -> Result<Arc<Pseudonymiser>> {
        Ok(Arc::new(Pseudonymiser(pseudonym::Pseudonymiser::new(
            &key.0, &purpose,
        )?)))
    }

    /// The pseudonym of one identifier (trimmed, spaces collapsed, lowercased first): 32
    /// lowercase hex characters. Error `privacy.empty_identifier`.
    pub fn pseudonym(&self, identifier: String) -> Result<String> {
        Ok(self.0.pseudonym(&identifier)?)
    }

    /// The pseudonyms of many identifiers, in order (one crossing for a whole column). Error
    /// `privacy.empty_identifier` for the first blank one.
    pub fn pseudonyms(&self, identifiers: Vec<String>) -> Result<Vec<String>> {
        Ok(identifiers
            .iter()
            .map(|id| self.0.pseudonym(id))
            .collect::<std::result::Result<_, _>>()?)
    }

    /// True when `pseudonym` is the pseudonym of `identifier` (constant-time comparison).
    pub fn verify(&self, identifier: String, pseudonym: String) -> bool {
        self.0.verify(&identifier, &pseudonym)
    }
}

/// A submission with its direct identifiers replaced by pseudonyms.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Tokenised {
    /// The submission as JSON, every direct identifier pseudonymised.
    pub submission_json: String,
    /// JSON-pointer paths of the values replaced (`/members/0/member_name`), in key order.
    pub tokenised: Vec<String>,
}

/// Replaces every direct identifier of `submissionJson` (a JSON object) by its pseudonym for
/// `purpose` under `key`. Errors `json.malformed`, `form.submission_not_object`,
/// `privacy.pseudonym_bad_purpose`, `form.not_compilable`.
#[uniffi::export]
pub fn tokenise(
    form: Arc<Form>,
    key: Arc<PseudonymKey>,
    purpose: String,
    submission_json: String,
) -> Result<Tokenised> {
    let done = pseudonym::tokenise(form.document()?, &key.0, &purpose, &submission_json)?;
    Ok(Tokenised {
        submission_json: done.submission.to_string(),
        tokenised: done.tokenised,
    })
}

/// Whether a consent covers a use, and every rule it breaks.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ConsentDecision {
    /// True when no finding is an error.
    pub valid: bool,
    /// Sorted by path, then code, messages in the requested locale.
    pub findings: Vec<Finding>,
}

/// One person's consent: scopes, who gave it, age and situation, withdrawal. Immutable:
/// `withdrawn` gives a new record.
#[derive(Debug, uniffi::Object)]
pub struct ConsentRecord {
    record: consent::ConsentRecord,
    reading: Vec<meal_core::Finding>,
}

#[uniffi::export]
impl ConsentRecord {
    /// Reads a consent record. Errors `json.malformed`, `document.*`.
    #[uniffi::constructor]
    pub fn from_json(json: String) -> Result<Arc<ConsentRecord>> {
        let parsed = consent::ConsentRecord::from_json(&json)?;
        Ok(Arc::new(ConsentRecord {
            record: parsed.value,
            reading: parsed.findings,
        }))
    }

    /// Problems noticed while reading (unknown fields), messages in `locale`.
    pub fn findings(&self, locale: String) -> Vec<Finding> {
        Finding::all_from_core(self.reading.clone(), &locale)
    }

    /// Does this consent cover `scope` on `on`? (withdrawal, expiry, minors' rules, …)
    /// Messages in `locale`. Error `input.date`.
    pub fn check(&self, scope: String, on: IsoDate, locale: String) -> Result<ConsentDecision> {
        let decision = consent::check(&self.record, &consent::ConsentRequest { scope, on });
        Ok(ConsentDecision {
            valid: decision.valid,
            findings: Finding::all_from_core(decision.findings, &locale),
        })
    }

    /// The same record withdrawn on `on` (withdrawal is as easy as giving, Art. 7(3)).
    /// Errors `input.date` and the core's withdrawal errors.
    pub fn withdrawn(&self, on: IsoDate) -> Result<Arc<ConsentRecord>> {
        let mut record = self.record.clone();
        consent::withdraw(&mut record, on)?;
        Ok(Arc::new(ConsentRecord {
            record,
            reading: self.reading.clone(),
        }))
    }

    /// The person's pseudonym.
    pub fn subject(&self) -> String {
        self.record.subject.clone()
    }

    /// The withdrawal date, if withdrawn.
    pub fn withdrawn_at(&self) -> Option<IsoDate> {
        self.record.withdrawn_at
    }

    /// The record as JSON text.
    pub fn to_json(&self) -> String {
        self.record.to_json()
    }
}

/// A record set: cleaned submissions with their purpose, subject pseudonym, dated events and
/// legal hold — what retention and data-subject requests act on. Immutable.
#[derive(Debug, uniffi::Object)]
pub struct RecordSet(Vec<Record>);

impl RecordSet {
    fn wrap(records: Vec<Record>) -> Arc<RecordSet> {
        Arc::new(RecordSet(records))
    }
}

#[uniffi::export]
impl RecordSet {
    /// Reads a JSON array of records with unique ids. Errors `json.malformed`,
    /// `privacy.records_not_array`, `privacy.records_invalid`, `privacy.duplicate_record`,
    /// `privacy.records_duplicate_key`.
    #[uniffi::constructor]
    pub fn from_json(json: String) -> Result<Arc<RecordSet>> {
        Ok(RecordSet::wrap(records_from_json(&json)?))
    }

    /// The number of records.
    pub fn size(&self) -> u64 {
        u64::try_from(self.0.len()).unwrap_or(u64::MAX)
    }

    /// The record ids, in order.
    pub fn ids(&self) -> Vec<String> {
        self.0.iter().map(|r| r.id.clone()).collect()
    }

    /// The canonical JSON (compact, keys sorted, records in order).
    pub fn to_json(&self) -> String {
        records_to_json(&self.0)
    }

    /// SHA-256 of the canonical JSON, lowercase hex.
    pub fn digest(&self) -> String {
        records_digest(&self.0)
    }
}

/// The dates a retention rule gives one record.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct RetentionSchedule {
    /// The date of the record's trigger event.
    pub trigger_date: IsoDate,
    /// First day of the intermediate phase.
    pub active_until: IsoDate,
    /// First day the end action is due.
    pub intermediate_until: IsoDate,
    /// The birthday floor of the rule's `not_before_age`, when it has one.
    pub not_before: Option<IsoDate>,
}

/// Where one record stands in its retention lifecycle on a date, and why.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct RetentionDecision {
    /// The record's id.
    pub record: String,
    /// The record's purpose.
    pub purpose: String,
    /// `active`, `intermediate`, `due`, `held` or `undetermined`.
    pub phase: String,
    /// `delete`, `anonymise` or `archive`, when due.
    pub end_action: Option<String>,
    /// The rule's trigger event, when the purpose has a rule.
    pub trigger: Option<String>,
    /// The dates, when they could be computed.
    pub schedule: Option<RetentionSchedule>,
    /// Why, message in the requested locale.
    pub reason: Finding,
}

/// For each record, its retention phase on `on` and why, in input order; messages in `locale`.
/// Error `input.date`.
#[uniffi::export]
pub fn retention_due(
    records: Arc<RecordSet>,
    rules: Arc<PrivacyRules>,
    on: IsoDate,
    locale: String,
) -> Result<Vec<RetentionDecision>> {
    let language = meal_core::Locale::parse(&locale);
    Ok(retention::due(&records.0, rules.core(), on)
        .into_iter()
        .map(|d| RetentionDecision {
            record: d.record,
            purpose: d.purpose,
            phase: serde_name(&d.phase),
            end_action: d.end_action.map(|a| a.as_str().to_owned()),
            trigger: d.trigger,
            schedule: d.schedule.map(|s| RetentionSchedule {
                trigger_date: s.trigger_date,
                active_until: s.active_until,
                intermediate_until: s.intermediate_until,
                not_before: s.not_before,
            }),
            reason: Finding::from_core(d.reason, language),
        })
        .collect())
}

/// Everything about one person (Art. 15), with the auditable outcome. Immutable.
#[derive(Debug, uniffi::Object)]
pub struct SubjectAccess(subject_request::Access);

#[uniffi::export]
impl SubjectAccess {
    /// The person's records.
    pub fn records(&self) -> Arc<RecordSet> {
        RecordSet::wrap(self.0.records.clone())
    }

    /// The outcome (kind, subject hash, counts, digest) as JSON text.
    pub fn outcome_json(&self) -> String {
        self.0.outcome.to_json()
    }

    /// The portable JSON export (canonical).
    pub fn to_json(&self) -> String {
        self.0.to_json()
    }

    /// The portable CSV export (RFC 4180, one row per record × item).
    pub fn to_csv(&self) -> String {
        self.0.to_csv()
    }
}

/// The records about the person with pseudonym `subject`, exported on `on`. Error `input.date`.
#[uniffi::export]
pub fn subject_access(
    records: Arc<RecordSet>,
    subject: String,
    on: IsoDate,
) -> Result<Arc<SubjectAccess>> {
    Ok(Arc::new(SubjectAccess(subject_request::access(
        &records.0, &subject, on,
    ))))
}

/// The result of a rectification or an erasure: the new record set and the auditable outcome.
#[derive(Debug, Clone, uniffi::Record)]
pub struct RequestResult {
    /// The record set after the request.
    pub records: Arc<RecordSet>,
    /// The outcome (affected and retained ids with reasons, counts, digest) as JSON text.
    pub outcome_json: String,
}

/// Sets `field` of the person's record `recordId` to `valueJson` (any JSON value), Art. 16.
/// Errors `json.malformed`, `privacy.request_bad_field`, `privacy.request_unknown_record`,
/// `input.date`.
#[uniffi::export]
pub fn rectify(
    records: Arc<RecordSet>,
    subject: String,
    record_id: String,
    field: String,
    value_json: String,
    on: IsoDate,
) -> Result<RequestResult> {
    let value = json(&value_json)?;
    let (after, outcome) =
        subject_request::rectify(&records.0, &subject, &record_id, &field, value, on)?;
    Ok(RequestResult {
        records: RecordSet::wrap(after),
        outcome_json: outcome.to_json(),
    })
}

/// Erases the person's records except those an Art. 17(3) exception or a legal hold keeps.
/// Error `input.date`.
#[uniffi::export]
pub fn erase(
    records: Arc<RecordSet>,
    rules: Arc<PrivacyRules>,
    subject: String,
    on: IsoDate,
) -> Result<RequestResult> {
    let (after, outcome) = subject_request::erase(&records.0, rules.core(), &subject, on);
    Ok(RequestResult {
        records: RecordSet::wrap(after),
        outcome_json: outcome.to_json(),
    })
}
