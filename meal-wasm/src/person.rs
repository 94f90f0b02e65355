//! Data protection for JavaScript, the person's side: pseudonyms and tokenisation, consent,
//! retention, and data-subject requests (access, rectification, erasure).

use meal_core::privacy::pseudonym::{self, PseudonymKey as CoreKey};
use meal_core::privacy::records::{records_digest, records_from_json, records_to_json, Record};
use meal_core::privacy::{consent, retention, subject_request};
use tsify::{Ts, Tsify};
use wasm_bindgen::prelude::*;
use zeroize::Zeroize;

use crate::dto::{self, Finding, LocaleOptions};
use crate::error::{bad_argument, to_js};
use crate::form::Form;
use crate::privacy::{variant_name, PrivacyRules};
use crate::{date, json_text, locale_of, options_or_default, parse_json, with_json};

#[wasm_bindgen(typescript_custom_section)]
const PERSON_RECORD_TS: &'static str = r#"
/** One record of a record set (document keys): a cleaned submission with what retention and
 * data-subject requests need. Ids are unique in a set. */
export interface PersonRecord {
  id: string;
  form: string;
  purpose: string;
  /** The person's pseudonym. */
  subject?: string;
  /** Dated events (`YYYY-MM-DD`) retention rules start from: `collected`, `birth`, … */
  events?: Record<string, string>;
  legal_hold?: boolean;
  values?: Record<string, unknown>;
}
"#;

/// What a redacted key shows instead of itself.
const REDACTED: &str = "PseudonymKey(<redacted>)";

/// A pseudonymisation key held by the key custodian: at least 32 bytes,
/// `new PseudonymKey(crypto.getRandomValues(new Uint8Array(32)))`. It never shows itself:
/// `toString()` and `toJSON()` give `"PseudonymKey(<redacted>)"`; its memory is zeroed when
/// freed (`free()`); `equals` is constant-time.
#[wasm_bindgen]
#[derive(Debug)]
pub struct PseudonymKey(CoreKey);

#[wasm_bindgen]
impl PseudonymKey {
    /// A key from its bytes (the copy made to cross into WebAssembly is zeroed).
    #[wasm_bindgen(constructor)]
    pub fn new(mut bytes: Vec<u8>) -> Result<PseudonymKey, JsValue> {
        let key = CoreKey::from_bytes(&bytes);
        bytes.zeroize();
        key.map(PseudonymKey).map_err(to_js)
    }

    /// A key from hexadecimal text (`privacy.key_not_hex`; the text is never echoed).
    #[wasm_bindgen(js_name = fromHex)]
    pub fn from_hex(mut text: String) -> Result<PseudonymKey, JsValue> {
        let key = CoreKey::from_hex(&text);
        text.zeroize();
        key.map(PseudonymKey).map_err(to_js)
    }

    /// True when both are the same key (constant-time).
    pub fn equals(&self, other: &PseudonymKey) -> bool {
        self.0 == other.0
    }

    /// `"PseudonymKey(<redacted>)"`.
    #[wasm_bindgen(js_name = toString)]
    pub fn to_string_js(&self) -> String {
        REDACTED.to_owned()
    }

    /// `"PseudonymKey(<redacted>)"`: a key inside logged or saved data never shows, and saving
    /// it that way fails loudly on reading back (`privacy.key_not_hex`).
    #[wasm_bindgen(js_name = toJSON)]
    pub fn to_json(&self) -> String {
        REDACTED.to_owned()
    }
}

/// Pseudonyms for one purpose (its own domain: the same person gets unrelated pseudonyms under
/// two purposes): `new Pseudonymiser(key, "medical_care").pseudonym("Amadou Diallo")`.
#[wasm_bindgen]
#[derive(Debug)]
pub struct Pseudonymiser(pseudonym::Pseudonymiser);

impl Pseudonymiser {
    /// The core pseudonymiser, for operations that pseudonymise on the way in (feedback intake).
    pub(crate) fn core(&self) -> &pseudonym::Pseudonymiser {
        &self.0
    }
}

#[wasm_bindgen]
impl Pseudonymiser {
    /// `privacy.pseudonym_bad_purpose` when `purpose` is empty or has white space.
    #[wasm_bindgen(constructor)]
    pub fn new(key: &PseudonymKey, purpose: &str) -> Result<Pseudonymiser, JsValue> {
        pseudonym::Pseudonymiser::new(&key.0, purpose)
            .map(Pseudonymiser)
            .map_err(to_js)
    }

    /// The pseudonym of one identifier (trimmed, spaces collapsed, lowercased first).
    pub fn pseudonym(&self, identifier: &str) -> Result<String, JsValue> {
        self.0.pseudonym(identifier).map_err(to_js)
    }

    /// The pseudonyms of many identifiers, in order: a whole column crosses once.
    pub fn pseudonyms(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string[]")] identifiers: JsValue,
    ) -> Result<Vec<String>, JsValue> {
        crate::texts_of(&identifiers, "identifiers")?
            .iter()
            .map(|id| self.0.pseudonym(id))
            .collect::<Result<_, _>>()
            .map_err(to_js)
    }

    /// True when `pseudonym` is the pseudonym of `identifier` (constant-time comparison).
    pub fn verify(&self, identifier: &str, pseudonym: &str) -> bool {
        self.0.verify(identifier, pseudonym)
    }
}

/// Replaces every direct identifier of a submission (an object, or JSON text) by its pseudonym
/// for `purpose`; `tokenised` lists the paths replaced.
#[wasm_bindgen]
pub fn tokenise(
    form: &Form,
    key: &PseudonymKey,
    purpose: &str,
    #[wasm_bindgen(unchecked_param_type = "Record<string, unknown> | string")] submission: JsValue,
) -> Result<Ts<dto::Tokenised>, JsValue> {
    let done = pseudonym::tokenise(
        form.document()?,
        &key.0,
        purpose,
        &json_text(submission, "the submission")?,
    )
    .map_err(to_js)?;
    let js = dto::Tokenised {
        submission: serde_json::Value::Null,
        tokenised: done.tokenised,
    }
    .into_ts()
    .map_err(bad_argument)?;
    with_json(js, "submission", &done.submission)
}

/// A consent record: scopes, who gave it, the person's age and situation, withdrawal.
/// `ConsentRecord.fromJson(textOrObject)`.
#[wasm_bindgen]
#[derive(Debug)]
pub struct ConsentRecord {
    record: consent::ConsentRecord,
    reading: Vec<meal_core::Finding>,
}

#[wasm_bindgen]
impl ConsentRecord {
    /// Reads a consent record (JSON text, or the object).
    #[wasm_bindgen(js_name = fromJson)]
    pub fn from_json(
        #[wasm_bindgen(unchecked_param_type = "string | object")] document: JsValue,
    ) -> Result<ConsentRecord, JsValue> {
        let parsed = consent::ConsentRecord::from_json(&json_text(document, "the consent")?)
            .map_err(to_js)?;
        Ok(ConsentRecord {
            record: parsed.value,
            reading: parsed.findings,
        })
    }

    /// Problems noticed while reading (unknown fields), messages in `locale`.
    pub fn findings(&self, locale: Option<String>) -> Result<Vec<Ts<Finding>>, JsValue> {
        dto::Finding::all_to_js(&self.reading, locale_of(locale))
    }

    /// Does this consent cover `scope` on `on` (`YYYY-MM-DD`)? Withdrawal, expiry, minors'
    /// rules, testimony scopes… every rule broken is a finding.
    pub fn check(
        &self,
        scope: &str,
        on: &str,
        options: Option<Ts<LocaleOptions>>,
    ) -> Result<Ts<dto::ConsentDecision>, JsValue> {
        let options: LocaleOptions = options_or_default(options)?;
        let request = consent::ConsentRequest {
            scope: scope.to_owned(),
            on: date(on)?,
        };
        let decision = consent::check(&self.record, &request);
        dto::ConsentDecision {
            valid: decision.valid,
            findings: dto::Finding::all(&decision.findings, locale_of(options.locale)),
        }
        .into_ts()
        .map_err(bad_argument)
    }

    /// The same record withdrawn on `on` (withdrawing is as easy as giving, Art. 7(3)).
    pub fn withdrawn(&self, on: &str) -> Result<ConsentRecord, JsValue> {
        let mut record = self.record.clone();
        consent::withdraw(&mut record, date(on)?).map_err(to_js)?;
        Ok(ConsentRecord {
            record,
            reading: self.reading.clone(),
        })
    }

    /// The person's pseudonym.
    #[wasm_bindgen(getter)]
    pub fn subject(&self) -> String {
        self.record.subject.clone()
    }

    /// The scopes consented to.
    #[wasm_bindgen(getter)]
    pub fn scopes(&self) -> Vec<String> {
        self.record.scopes.clone()
    }

    /// The withdrawal date (`YYYY-MM-DD`), or `undefined`.
    #[wasm_bindgen(getter, js_name = withdrawnAt)]
    pub fn withdrawn_at(&self) -> Option<String> {
        self.record.withdrawn_at.map(|d| d.to_string())
    }

    /// The record as JSON text.
    #[wasm_bindgen(js_name = toJson)]
    pub fn to_json(&self) -> String {
        self.record.to_json()
    }
}

/// Reads a record set: an array of records, or its JSON text.
fn record_set(records: JsValue) -> Result<Vec<Record>, JsValue> {
    records_from_json(&json_text(records, "the records")?).map_err(to_js)
}

/// A record set as plain data (document keys, as it is read back).
fn records_js(records: &[Record]) -> Result<JsValue, JsValue> {
    parse_json(&records_to_json(records))
}

/// Reads a record set and says how many records it holds and its digest (the SHA-256 of its
/// canonical JSON, what an auditor recomputes).
#[wasm_bindgen(js_name = recordsDigest)]
pub fn records_summary(
    #[wasm_bindgen(unchecked_param_type = "PersonRecord[] | string")] records: JsValue,
) -> Result<Ts<dto::RecordsSummary>, JsValue> {
    let records = record_set(records)?;
    dto::RecordsSummary {
        count: records.len(),
        digest: records_digest(&records),
    }
    .into_ts()
    .map_err(bad_argument)
}

/// For each record, its retention phase on `on` (active, intermediate, due with the end
/// action, held, undetermined) and why, in input order; reasons in `options.locale`.
#[wasm_bindgen(js_name = retentionDue)]
pub fn retention_due(
    #[wasm_bindgen(unchecked_param_type = "PersonRecord[] | string")] records: JsValue,
    rules: &PrivacyRules,
    on: &str,
    options: Option<Ts<LocaleOptions>>,
) -> Result<Vec<Ts<dto::RetentionDecision>>, JsValue> {
    let options: LocaleOptions = options_or_default(options)?;
    let locale = locale_of(options.locale);
    let decisions = retention::due(&record_set(records)?, rules.core(), date(on)?);
    decisions
        .iter()
        .map(|d| {
            let schedule = d.schedule.as_ref();
            dto::RetentionDecision {
                record: d.record.clone(),
                purpose: d.purpose.clone(),
                phase: variant_name(&d.phase),
                end_action: d.end_action.map(|a| a.as_str().to_owned()),
                trigger: d.trigger.clone(),
                trigger_date: schedule.map(|s| s.trigger_date.to_string()),
                active_until: schedule.map(|s| s.active_until.to_string()),
                intermediate_until: schedule.map(|s| s.intermediate_until.to_string()),
                not_before: schedule.and_then(|s| s.not_before.map(|d| d.to_string())),
                reason: Finding::from_core(&d.reason, locale),
            }
            .into_ts()
            .map_err(bad_argument)
        })
        .collect()
}

/// Everything about one person (Art. 15): `records`, the `outcome` to keep, and the portable
/// exports `toJson()` and `toCsv()`.
#[wasm_bindgen]
#[derive(Debug)]
pub struct SubjectAccess(subject_request::Access);

#[wasm_bindgen]
impl SubjectAccess {
    /// The person's records, in input order.
    #[wasm_bindgen(getter, unchecked_return_type = "PersonRecord[]")]
    pub fn records(&self) -> Result<JsValue, JsValue> {
        records_js(&self.0.records)
    }

    /// The auditable outcome of the request.
    #[wasm_bindgen(getter)]
    pub fn outcome(&self) -> Result<Ts<dto::Outcome>, JsValue> {
        outcome(&self.0.outcome).into_ts().map_err(bad_argument)
    }

    /// The export as JSON text.
    #[wasm_bindgen(js_name = toJson)]
    pub fn to_json(&self) -> String {
        self.0.to_json()
    }

    /// The export as CSV text.
    #[wasm_bindgen(js_name = toCsv)]
    pub fn to_csv(&self) -> String {
        self.0.to_csv()
    }
}

/// The records about `subject`, exported on `on`.
#[wasm_bindgen(js_name = subjectAccess)]
pub fn subject_access(
    #[wasm_bindgen(unchecked_param_type = "PersonRecord[] | string")] records: JsValue,
    subject: &str,
    on: &str,
) -> Result<SubjectAccess, JsValue> {
    let records = record_set(records)?;
    Ok(SubjectAccess(subject_request::access(
        &records,
        subject,
        date(on)?,
    )))
}

/// Sets `field` of the person's record `recordId` to `value` (any JSON value) (Art. 16).
#[wasm_bindgen]
pub fn rectify(
    #[wasm_bindgen(unchecked_param_type = "PersonRecord[] | string")] records: JsValue,
    subject: &str,
    #[wasm_bindgen(js_name = recordId)] record_id: &str,
    field: &str,
    #[wasm_bindgen(unchecked_param_type = "unknown")] value: JsValue,
    on: &str,
) -> Result<Ts<dto::RequestResult>, JsValue> {
    let records = record_set(records)?;
    let value: serde_json::Value = serde_json::from_str(&json_text_of_value(value)?)
        .map_err(|e| to_js(meal_core::document::malformed(&e)))?;
    let (result, outcome) =
        subject_request::rectify(&records, subject, record_id, field, value, date(on)?)
            .map_err(to_js)?;
    request_result(&result, &outcome)
}

/// Erases the person's records except those an Art. 17(3) exception or a legal hold keeps;
/// the outcome lists the erased and the retained ids with reasons.
#[wasm_bindgen]
pub fn erase(
    #[wasm_bindgen(unchecked_param_type = "PersonRecord[] | string")] records: JsValue,
    rules: &PrivacyRules,
    subject: &str,
    on: &str,
) -> Result<Ts<dto::RequestResult>, JsValue> {
    let records = record_set(records)?;
    let (result, outcome) = subject_request::erase(&records, rules.core(), subject, date(on)?);
    request_result(&result, &outcome)
}

/// A value (never JSON text: a string is a string value) written as JSON.
fn json_text_of_value(value: JsValue) -> Result<String, JsValue> {
    js_sys::JSON::stringify(&value)
        .ok()
        .and_then(|text| text.as_string())
        .ok_or_else(|| bad_argument("the value cannot be written as JSON"))
}

fn request_result(
    records: &[Record],
    done: &subject_request::Outcome,
) -> Result<Ts<dto::RequestResult>, JsValue> {
    let js = dto::RequestResult {
        records: serde_json::Value::Null,
        outcome: outcome(done),
    }
    .into_ts()
    .map_err(bad_argument)?;
    let parsed = records_js(records)?;
    js_sys::Reflect::set(&js.js_value(), &JsValue::from_str("records"), &parsed)
        .map_err(|_| bad_argument("a value could not be set"))?;
    Ok(js)
}

fn outcome(o: &subject_request::Outcome) -> dto::Outcome {
    dto::Outcome {
        kind: variant_name(&o.kind),
        subject_sha256: o.subject_sha256.clone(),
        on: o.on.to_string(),
        rules_version: o.rules_version.clone(),
        field: o.field.clone(),
        subject_records: o.subject_records,
        affected: o.affected.clone(),
        retained: o
            .retained
            .iter()
            .map(|r| dto::Retained {
                record: r.record.clone(),
                reasons: r.reasons.clone(),
            })
            .collect(),
        unchanged: o.unchanged,
        records_before: o.records_before,
        records_after: o.records_after,
        digest: o.digest.clone(),
    }
}
