//! Plain data crossing the boundary, typed in the `.d.ts` by tsify. Dates and decimals cross as
//! strings (ISO `YYYY-MM-DD`, plain decimal notation) so no figure passes through a binary float.

use meal_core::period::Period;
use meal_core::{compute, form, quality};
use meal_core::{Finding as CoreFinding, Locale, MealError};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use tsify::Tsify;

/// One validation result, with its message in the requested language.
#[derive(Debug, Clone, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
#[tsify(hashmap_as_object)]
pub struct Finding {
    pub code: String,
    pub path: String,
    #[tsify(type = "\"error\" | \"warning\" | \"info\"")]
    pub severity: String,
    pub params: BTreeMap<String, String>,
    pub message: String,
}

impl Finding {
    /// A submission finding, whose message the form engine already rendered.
    pub fn from_submission(found: &form::SubmissionFinding) -> Self {
        Finding {
            code: found.finding.code.clone(),
            path: found.finding.path.clone(),
            severity: found.finding.severity.as_str().to_owned(),
            params: found.finding.params.clone(),
            message: found.message.clone(),
        }
    }

    /// Every finding of `found`, messages in `locale`.
    pub fn all(found: &[CoreFinding], locale: Locale) -> Vec<Finding> {
        found
            .iter()
            .map(|f| Finding::from_core(f, locale))
            .collect()
    }

    /// Every finding of `found` as typed JavaScript values, messages in `locale`.
    pub fn all_to_js(
        found: &[CoreFinding],
        locale: Locale,
    ) -> Result<Vec<tsify::Ts<Finding>>, wasm_bindgen::JsValue> {
        found
            .iter()
            .map(|f| {
                Finding::from_core(f, locale)
                    .into_ts()
                    .map_err(crate::error::bad_argument)
            })
            .collect()
    }

    pub fn from_core(finding: &CoreFinding, locale: Locale) -> Self {
        Finding {
            code: finding.code.clone(),
            path: finding.path.clone(),
            severity: finding.severity.as_str().to_owned(),
            params: finding.params.clone(),
            message: finding.message(locale),
        }
    }
}

/// One reported value of a period; for ratios `value` is the numerator.
#[derive(Debug, Clone, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct Observation {
    pub period: String,
    pub value: String,
    #[serde(default)]
    #[tsify(optional)]
    pub denominator: Option<String>,
}

/// An actual value set against the target of a period.
#[derive(Debug, Clone, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct Assessment {
    pub period: String,
    pub target: Option<String>,
    pub actual: Option<String>,
    /// Fraction of the target achieved ("1" = 100 %).
    pub achievement: Option<String>,
    #[tsify(type = "\"on_track\" | \"at_risk\" | \"off_track\" | \"no_data\" | \"no_target\"")]
    pub status: String,
}

/// A period as plain data (what `Period.toJSON()` returns).
#[derive(Debug, Clone, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct PeriodData {
    pub id: String,
    #[serde(rename = "type")]
    pub period_type: String,
    pub start: String,
    pub end: String,
}

/// Achievement thresholds (fractions of the target, decimal strings); absent fields take the
/// documented defaults (0.85 and 0.60).
#[derive(Debug, Clone, Default, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct Thresholds {
    #[serde(default)]
    #[tsify(optional)]
    pub on_track: Option<String>,
    #[serde(default)]
    #[tsify(optional)]
    pub at_risk: Option<String>,
}

/// Options of `Form.validate` and `Form.state`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct FormOptions {
    /// Message language (`"fr"`, `"en"`, or a language of the form's own messages).
    #[serde(default)]
    #[tsify(optional)]
    pub locale: Option<String>,
    /// The clock, RFC 3339 with offset; the browser's clock when absent.
    #[serde(default)]
    #[tsify(optional)]
    pub now: Option<String>,
}

/// Options of `Expr.evaluate`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct EvaluateOptions {
    /// The value of `.`.
    #[serde(default)]
    #[tsify(optional, type = "string | number | boolean | null")]
    pub current: Option<serde_json::Value>,
    /// `YYYY-MM-DD`; the date of `now` when absent.
    #[serde(default)]
    #[tsify(optional)]
    pub today: Option<String>,
    /// RFC 3339 with offset; the browser's clock when absent.
    #[serde(default)]
    #[tsify(optional)]
    pub now: Option<String>,
}

/// The verdict on one submission.
#[derive(Debug, Clone, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
#[tsify(hashmap_as_object, missing_as_null)]
pub struct Report {
    pub valid: bool,
    pub findings: Vec<Finding>,
    /// The submission as stored: non-relevant values removed, calculations computed.
    #[tsify(type = "Record<string, unknown>")]
    pub cleaned: serde_json::Value,
}

impl Report {
    pub fn from_core(report: &form::Report) -> Self {
        Report {
            valid: report.valid,
            findings: report
                .findings
                .iter()
                .map(Finding::from_submission)
                .collect(),
            // Set afterwards as JSON.parse reads it (see form.rs `with_json`).
            cleaned: serde_json::Value::Null,
        }
    }
}

/// The verdict on one submission without the cleaned copy (`Form.check`, `Form.checkMany`).
#[derive(Debug, Clone, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
#[tsify(hashmap_as_object, missing_as_null)]
pub struct Verdict {
    pub valid: bool,
    pub findings: Vec<Finding>,
}

impl Verdict {
    pub fn from_core(verdict: &form::Verdict) -> Self {
        Verdict {
            valid: verdict.valid,
            findings: verdict
                .findings
                .iter()
                .map(Finding::from_submission)
                .collect(),
        }
    }
}

/// The state of one field instance, for a UI on every keystroke.
#[derive(Debug, Clone, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
#[tsify(hashmap_as_object, missing_as_null)]
pub struct FieldState {
    pub path: String,
    pub relevant: bool,
    pub required: bool,
    pub read_only: bool,
    #[tsify(type = "unknown")]
    pub value: serde_json::Value,
    pub findings: Vec<Finding>,
}

impl FieldState {
    pub fn from_core(state: &form::FieldState) -> Self {
        FieldState {
            path: state.path.clone(),
            relevant: state.relevant,
            required: state.required,
            read_only: state.read_only,
            // Set afterwards as JSON.parse reads it (see form.rs `with_json`).
            value: serde_json::Value::Null,
            findings: state
                .findings
                .iter()
                .map(Finding::from_submission)
                .collect(),
        }
    }
}

// ---- data protection and disclosure control ----

/// Options that only pick the message language.
#[derive(Debug, Clone, Default, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct LocaleOptions {
    /// Message language (`"fr"`, `"en"`); English when absent.
    #[serde(default)]
    #[tsify(optional)]
    pub locale: Option<String>,
}

/// Whether a form may go to production, and every rule a field breaks.
#[derive(Debug, Clone, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
#[tsify(hashmap_as_object)]
pub struct Minimisation {
    pub production_ready: bool,
    pub findings: Vec<Finding>,
}

/// One DPIA criterion met.
#[derive(Debug, Clone, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct DpiaReason {
    /// Stable code, e.g. `wp248_vulnerable_subjects`.
    pub code: String,
    #[tsify(type = "\"art35_3\" | \"cnil\" | \"wp248\"")]
    pub framework: String,
    /// `declared` in the purpose's `dpia_facts`, or `derived` from the forms and subjects.
    #[tsify(type = "\"declared\" | \"derived\"")]
    pub source: String,
    /// The criterion as a person reads it, in the requested language.
    pub label: String,
}

/// The DPIA screening of one purpose.
#[derive(Debug, Clone, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
#[tsify(hashmap_as_object, missing_as_null)]
pub struct DpiaScreening {
    pub purpose: String,
    pub required: bool,
    /// In catalogue order (Art. 35(3), CNIL, WP248).
    pub reasons: Vec<DpiaReason>,
    pub wp248_count: usize,
    pub dpia_ref: Option<String>,
    pub findings: Vec<Finding>,
}

/// A field that may not leave, and why.
#[derive(Debug, Clone, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct ExportRefusal {
    pub field: String,
    pub code: String,
}

/// Which fields may leave, both lists in the order asked.
#[derive(Debug, Clone, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct ExportDecision {
    pub allowed: Vec<String>,
    pub refused: Vec<ExportRefusal>,
}

/// Who asks to send which fields where, and when (`timestamp` RFC 3339 with offset).
#[derive(Debug, Clone, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct ExportRequest {
    pub timestamp: String,
    pub actor: String,
    pub recipient: String,
    pub purpose: String,
    pub fields: Vec<String>,
}

/// A logged decision and the records it let through (only the allowed fields).
#[derive(Debug, Clone, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
#[tsify(hashmap_as_object)]
pub struct Export {
    pub decision: ExportDecision,
    #[tsify(type = "Array<Record<string, unknown>>")]
    pub records: serde_json::Value,
}

/// What the caller says about a decision, as the audit log stores it (document keys).
#[derive(Debug, Clone, Serialize, Deserialize, Tsify)]
pub struct AuditEvent {
    /// RFC 3339 with its offset.
    pub timestamp: String,
    pub actor: String,
    /// `export`, `erasure`, …
    pub action: String,
    pub purpose: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub recipient: Option<String>,
    #[tsify(type = "unknown")]
    pub decision: serde_json::Value,
    pub rules_version: String,
}

/// One entry of the audit log, as stored and hashed (document keys). Only declares the type of
/// `AuditLog.entries()`, which crosses as `JSON.parse` reads the stored entries.
#[allow(dead_code)]
#[derive(Debug, Clone, Serialize, Deserialize, Tsify)]
pub struct AuditEntry {
    pub index: u64,
    pub event: AuditEvent,
    pub previous_hash: String,
    pub hash: String,
}

/// A submission with its direct identifiers replaced by pseudonyms.
#[derive(Debug, Clone, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
#[tsify(hashmap_as_object)]
pub struct Tokenised {
    #[tsify(type = "Record<string, unknown>")]
    pub submission: serde_json::Value,
    /// JSON-pointer paths of the values replaced, in key order.
    pub tokenised: Vec<String>,
}

/// Whether a consent covers a use, and every rule it breaks.
#[derive(Debug, Clone, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
#[tsify(hashmap_as_object)]
pub struct ConsentDecision {
    pub valid: bool,
    pub findings: Vec<Finding>,
}

/// The retention phase of one record on a date, and why (`reason`).
#[derive(Debug, Clone, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
#[tsify(hashmap_as_object)]
pub struct RetentionDecision {
    pub record: String,
    pub purpose: String,
    #[tsify(type = "\"active\" | \"intermediate\" | \"due\" | \"held\" | \"undetermined\"")]
    pub phase: String,
    /// What must be done, when `due`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional, type = "\"delete\" | \"anonymise\" | \"archive\"")]
    pub end_action: Option<String>,
    /// The rule's trigger event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub trigger: Option<String>,
    /// The dates (`YYYY-MM-DD`), when they could be computed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub trigger_date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub active_until: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub intermediate_until: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub not_before: Option<String>,
    pub reason: Finding,
}

/// A record a request kept, and why.
#[derive(Debug, Clone, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct Retained {
    pub record: String,
    pub reasons: Vec<String>,
}

/// The auditable result of a data-subject request.
#[derive(Debug, Clone, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct Outcome {
    #[tsify(type = "\"access\" | \"rectification\" | \"erasure\"")]
    pub kind: String,
    /// SHA-256 of the person's pseudonym.
    pub subject_sha256: String,
    pub on: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub rules_version: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub field: Option<String>,
    pub subject_records: usize,
    pub affected: Vec<String>,
    pub retained: Vec<Retained>,
    pub unchanged: usize,
    pub records_before: usize,
    pub records_after: usize,
    /// SHA-256 of the canonical JSON of the resulting record set.
    pub digest: String,
}

/// The record set after a rectification or an erasure, and its outcome.
#[derive(Debug, Clone, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
#[tsify(hashmap_as_object)]
pub struct RequestResult {
    #[tsify(type = "PersonRecord[]")]
    pub records: serde_json::Value,
    pub outcome: Outcome,
}

/// How many records a record set holds, and its SHA-256 (of the canonical JSON).
#[derive(Debug, Clone, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct RecordsSummary {
    pub count: usize,
    pub digest: String,
}

/// Options of `kAnonymity`: `k` defaults to 5 (public outputs; 3 for partner sharing).
#[derive(Debug, Clone, Default, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct KOptions {
    #[serde(default)]
    #[tsify(optional)]
    pub k: Option<u64>,
}

/// Options of `localSuppression`: `k` (default 5) and one importance per key (lower = more
/// important, suppressed last).
#[derive(Debug, Clone, Default, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct SuppressionOptions {
    #[serde(default)]
    #[tsify(optional)]
    pub k: Option<u64>,
    #[serde(default)]
    #[tsify(optional)]
    pub importance: Option<Vec<u32>>,
}

/// Options of `disclosureRisk`: the individual-risk threshold (decimal string, default
/// `"0.05"`) and the language of the reasons.
#[derive(Debug, Clone, Default, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct RiskOptions {
    #[serde(default)]
    #[tsify(optional)]
    pub threshold: Option<String>,
    #[serde(default)]
    #[tsify(optional)]
    pub locale: Option<String>,
}

/// The k-anonymity check.
#[derive(Debug, Clone, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct KAnonymity {
    pub k: u64,
    pub satisfied: bool,
    /// Rows with f_k < k.
    pub violations: u64,
    /// Those rows (0-based), ascending.
    pub violating_rows: Vec<usize>,
    pub classes_below_k: u64,
}

/// The outcome of local suppression.
#[derive(Debug, Clone, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
#[tsify(hashmap_as_object)]
pub struct LocalSuppression {
    /// The key columns after suppression, one object per row (`null` = missing).
    #[tsify(type = "Array<Record<string, string | null>>")]
    pub records: serde_json::Value,
    /// The blanked cells as `[row, column]` (column in key order), sorted.
    pub suppressed: Vec<(usize, usize)>,
    pub k_reached: bool,
}

/// Re-identification risk; every figure a decimal string (6 places, half-even).
#[derive(Debug, Clone, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
#[tsify(hashmap_as_object)]
pub struct Risk {
    pub individual: Vec<String>,
    pub global: String,
    pub expected_reidentifications: String,
    pub max_individual: String,
    pub threshold: String,
    pub rows_above_threshold: Vec<usize>,
    pub publishable: bool,
    pub reasons: Vec<Finding>,
}

// ---- feedback: intake, routing, sealing, cases, deadlines, testimonies ----

/// What an item says: readable, or sealed to a recipient's public key (base64).
#[derive(Debug, Clone, Serialize, Deserialize, Tsify)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Content {
    /// Free text as given (non-sensitive items only).
    Plain { text: String },
    /// Base64 of a sealed box; only the recipient's secret key opens it.
    Sealed { recipient: String, sealed: String },
}

impl Content {
    pub fn from_core(content: &meal_core::feedback::Content) -> Self {
        match content {
            meal_core::feedback::Content::Plain { text } => Content::Plain { text: text.clone() },
            meal_core::feedback::Content::Sealed { recipient, sealed } => Content::Sealed {
                recipient: recipient.clone(),
                sealed: sealed.clone(),
            },
        }
    }

    pub fn into_core(self) -> meal_core::feedback::Content {
        match self {
            Content::Plain { text } => meal_core::feedback::Content::Plain { text },
            Content::Sealed { recipient, sealed } => {
                meal_core::feedback::Content::Sealed { recipient, sealed }
            }
        }
    }
}

/// The route of an item and why.
#[derive(Debug, Clone, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct RouteDecision {
    pub route: String,
    #[tsify(
        type = "\"sensitive_family\" | \"sensitive_flag\" | \"out_of_scope\" | \"code\" | \"type\""
    )]
    pub reason: String,
    /// The sensitive family, for reason `sensitive_family`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub family: Option<String>,
    /// For a referral route: the only fields the actor receives (the minimal data).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional, type = "SharedField[]")]
    pub referral: Option<Vec<String>>,
}

/// The item made at intake, its route, and the claim code to show the person once.
#[derive(Debug, Clone, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
#[tsify(hashmap_as_object)]
pub struct Received {
    /// Never holds a sensitive text in clear, a raw identifier or a claim code.
    #[tsify(type = "FeedbackItem")]
    pub item: serde_json::Value,
    pub route: RouteDecision,
    /// The code to give the person (`7572-MWRZ`), when one was asked for; the item keeps only
    /// its SHA-256.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub claim_code: Option<String>,
}

/// Options of `intake`: the claim code and the randomness (fresh from
/// `crypto.getRandomValues` when absent; pass bytes only to reproduce a result in tests).
#[derive(Debug, Clone, Default, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct IntakeOptions {
    /// `true`: a new code from fresh random bytes (`claimBytes`, default 5 → 8 characters;
    /// 10 → 16 characters where the item may leave the mission's systems); a string: the code
    /// printed on a card handed to the person.
    #[serde(default)]
    #[tsify(optional, type = "boolean | string")]
    pub claim_code: Option<serde_json::Value>,
    /// How many random bytes a new code takes (a positive multiple of 5).
    #[serde(default)]
    #[tsify(optional)]
    pub claim_bytes: Option<usize>,
    /// The random bytes of a new code (implies `claimCode: true`).
    #[serde(default)]
    #[tsify(optional, type = "Uint8Array")]
    pub claim_random: Option<Vec<u8>>,
    /// 32 random bytes for sealing a sensitive text; never reuse them.
    #[serde(default)]
    #[tsify(optional, type = "Uint8Array")]
    pub seal_random: Option<Vec<u8>>,
}

/// The person's two decisions about an onward referral (both required, nothing else).
#[derive(Debug, Clone, Copy, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ReferralConsent {
    /// The allegation (or request) may be referred.
    pub refer_allegation: bool,
    /// The person's identity (their pseudonym) may go with it.
    pub share_identity: bool,
}

/// What a role sees of an item: all of it (sealed content still sealed), or a stub.
#[derive(Debug, Clone, Serialize, Deserialize, Tsify)]
#[serde(
    tag = "view",
    rename_all = "snake_case",
    rename_all_fields = "camelCase"
)]
#[tsify(hashmap_as_object)]
pub enum ItemView {
    Full {
        #[tsify(type = "FeedbackItem")]
        item: serde_json::Value,
    },
    /// The id, the day received and why, nothing else.
    Stub {
        id: String,
        received_on: String,
        #[tsify(type = "\"referred\" | \"restricted\"")]
        status: String,
    },
}

/// What a referral sends: only the receiving route's fields, the subject only with consent.
#[derive(Debug, Clone, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct ReferralPacket {
    /// The receiving route.
    pub to: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub received_on: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional, type = "Channel")]
    pub channel: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub project: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub site: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub content: Option<Content>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub subject: Option<String>,
}

/// One accepted event of a case, with the states it moved the case between.
#[derive(Debug, Clone, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct Transition {
    #[tsify(type = "CaseState")]
    pub from: String,
    #[tsify(type = "CaseAction")]
    pub action: String,
    #[tsify(type = "CaseState")]
    pub to: String,
    pub actor: String,
    /// RFC 3339 with the offset it was recorded in.
    pub at: String,
}

/// One step's deadline and what became of it (RFC 3339 instants, `null` when none).
#[derive(Debug, Clone, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
#[tsify(missing_as_null)]
pub struct StepDue {
    /// The deadline, in the item's offset; `null` when the rule sets none.
    pub by: Option<String>,
    /// When the case first did the step.
    pub done_at: Option<String>,
    /// Done by the deadline (to the second); `null` until both are known.
    pub on_time: Option<bool>,
}

/// The deadlines of one item, and the rule they come from.
#[derive(Debug, Clone, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
#[tsify(missing_as_null)]
pub struct Dues {
    pub item: String,
    /// The path of the rule in the deadlines document (`/rules/3`, `/default`).
    pub rule: String,
    pub acknowledge: StepDue,
    pub respond: StepDue,
    pub close_loop: StepDue,
}

/// A step past its deadline at the instant asked.
#[derive(Debug, Clone, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct Overdue {
    pub item: String,
    #[tsify(type = "\"acknowledge\" | \"respond\" | \"close_loop\"")]
    pub step: String,
    /// The deadline, in the item's offset.
    pub due: String,
    /// Whole seconds between the deadline and the instant asked.
    pub late_by_seconds: i64,
}

/// Whether a target may publish a testimony, with every reason.
#[derive(Debug, Clone, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
#[tsify(hashmap_as_object)]
pub struct PublicationDecision {
    /// True when no reason is an error.
    pub allowed: bool,
    /// Sorted by path, then code.
    pub reasons: Vec<Finding>,
}

/// A registered use of a testimony.
#[derive(Debug, Clone, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct Publication {
    /// Where it appeared: a report id, a URL, a press contact.
    pub target: String,
    #[tsify(type = "TestimonyScope")]
    pub scope: String,
    pub published_on: String,
}

/// What a withdrawal asks to take down: every registered publication, by date, then target.
#[derive(Debug, Clone, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct Takedown {
    pub testimony: String,
    pub withdrawn_at: String,
    pub publications: Vec<Publication>,
}

/// Options of `suppressTable`: `threshold` (default 5), `zeros` (`"safe"`, the default, or
/// `"sensitive"`), `singletons` (protect sums of suppressed singletons, default true), and
/// `columns` when the table is given as records to count.
#[derive(Debug, Clone, Default, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct TableOptions {
    #[serde(default)]
    #[tsify(optional)]
    pub threshold: Option<u64>,
    #[serde(default)]
    #[tsify(optional)]
    pub zeros: Option<String>,
    #[serde(default)]
    #[tsify(optional)]
    pub singletons: Option<bool>,
    #[serde(default)]
    #[tsify(optional)]
    pub columns: Option<Vec<String>>,
    /// Bounds the work on large tables of 3+ dimensions (more suppression, just as safe).
    #[serde(default)]
    #[tsify(optional)]
    pub ambiguity_limit: Option<u64>,
}

/// One cell of a suppressed table: category per dimension (`"Total"` for a margin), status,
/// and the count only when published.
#[derive(Debug, Clone, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct SuppressedTableCell {
    pub coords: Vec<String>,
    /// `"published"`, `"primary"` or `"secondary"`.
    pub status: String,
    #[tsify(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<u64>,
}

/// What a suppression hides (counts of cells, the units hidden, their share as a decimal string).
#[derive(Debug, Clone, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct InformationLoss {
    pub cells: usize,
    pub published: usize,
    pub primary: usize,
    pub secondary: usize,
    pub inner_suppressed: usize,
    pub suppressed_count: u64,
    pub grand_total: u64,
    pub suppressed_share: String,
}

/// A suppressed table.
#[derive(Debug, Clone, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct SuppressedTable {
    pub cells: Vec<SuppressedTableCell>,
    pub loss: InformationLoss,
}

/// One cell of a counted table with its margins.
#[derive(Debug, Clone, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct TableCell {
    pub coords: Vec<String>,
    pub count: u64,
}

// ---- record tables, the indicator engine, data quality ----

/// The figures of a CSV file computed by `Engine.computeCsv`, with its rows accounted for:
/// `rowsRead == loaded + rejected.length`.
#[derive(Debug, Clone, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
#[tsify(hashmap_as_object, missing_as_null)]
pub struct Streamed {
    pub results: Results,
    pub rows_read: u64,
    pub loaded: u64,
    /// Rows not loaded, numbered as in the file.
    pub rejected: Vec<Rejected>,
    /// Findings about the file as a whole (an unknown or absent column).
    pub findings: Vec<Finding>,
}

impl Streamed {
    pub fn from_core(streamed: &compute::Streamed, locale: Locale) -> Self {
        Streamed {
            results: Results::from_core(&streamed.results, locale),
            rows_read: streamed.rows_read,
            loaded: streamed.loaded,
            rejected: streamed
                .rejected
                .iter()
                .map(|r| Rejected::from_core(r, locale))
                .collect(),
            findings: Finding::all(&streamed.findings, locale),
        }
    }
}

impl Rejected {
    pub fn from_core(rejected: &meal_core::data::Rejected, locale: Locale) -> Self {
        Rejected {
            row: rejected.row,
            findings: Finding::all(&rejected.findings, locale),
        }
    }
}

/// A row that could not be loaded, and why.
#[derive(Debug, Clone, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
#[tsify(hashmap_as_object)]
pub struct Rejected {
    /// 1-based row number in the input (CSV: the record after the header; JSON lines: the line).
    pub row: u64,
    /// Why, each with the column in `path`, sorted by path then code.
    pub findings: Vec<Finding>,
}

/// Options of `checkQuality`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct QualityOptions {
    /// The clock for timeliness, RFC 3339 with offset; the browser's clock when absent.
    #[serde(default)]
    #[tsify(optional)]
    pub now: Option<String>,
    /// Language of the failure messages (`"fr"`, `"en"`); English when absent.
    #[serde(default)]
    #[tsify(optional)]
    pub locale: Option<String>,
}

/// Provenance counts of one figure.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct RowCounts {
    /// Rows whose date fell in the figure's window, before the filter.
    pub in_window: u64,
    /// Rows that passed the filter and fell in the figure's window and cell.
    pub matched: u64,
    /// Of those, rows whose value was empty, so counted nowhere else.
    pub without_value: u64,
}

/// One figure: an indicator's value, target, achievement and status for a period and a
/// disaggregation cell. Decimals are strings (`"0.85"`), `null` when there is none.
#[derive(Debug, Clone, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
#[tsify(hashmap_as_object, missing_as_null)]
pub struct Figure {
    pub indicator: String,
    /// The period id (`2026Q1`).
    pub period: String,
    /// Dimension code → category code (`unknown` for an empty value); `{}` for the total.
    pub cell: BTreeMap<String, String>,
    /// `null`: no data (or a zero denominator).
    pub value: Option<String>,
    /// Running totals: the part of `value` carried forward from before the records.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub opening: Option<String>,
    /// Ratio and mean: Σ numerators and Σ denominators, to recompute or roll up the value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub numerator: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub denominator: Option<String>,
    pub target: Option<String>,
    /// Fraction of the target achieved (`"1"` = 100 %).
    pub achievement: Option<String>,
    #[tsify(type = "\"on_track\" | \"at_risk\" | \"off_track\" | \"no_data\" | \"no_target\"")]
    pub status: String,
    pub rows: RowCounts,
}

/// Where the figures come from.
#[derive(Debug, Clone, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
#[tsify(hashmap_as_object)]
pub struct Sources {
    pub rows_read: u64,
    /// Rows a filter matched but whose date was empty.
    pub rows_without_date: u64,
    /// Document name (`logframe:IDF`, `recipes`) → fingerprint.
    pub documents: BTreeMap<String, String>,
    /// `meal <version>`: the rules in force.
    pub engine: String,
}

/// Every figure of one computation (what `Engine.compute` returns; `Sitrep.build` reads it).
#[derive(Debug, Clone, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
#[tsify(hashmap_as_object, missing_as_null)]
pub struct Results {
    /// The period ids asked for, in order.
    pub periods: Vec<String>,
    /// Per indicator and period: the total, each dimension's cells, then crossed cells.
    pub figures: Vec<Figure>,
    pub sources: Sources,
    /// Why an indicator was not computed, and recipe problems.
    pub findings: Vec<Finding>,
}

/// The quality of one project, site and period. Shares are decimal strings (0–1).
#[derive(Debug, Clone, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
#[tsify(missing_as_null)]
pub struct Score {
    pub project: Option<String>,
    pub site: Option<String>,
    /// The period id.
    pub period: String,
    pub records: u64,
    /// Cells of the checks' required columns (records × required columns), and those filled.
    pub required_cells: u64,
    pub required_filled: u64,
    /// Share of required cells filled; `null` without required cells.
    pub completeness: Option<String>,
    /// 1 when the place must report for the period, else 0.
    pub reports_expected: u64,
    /// 1 when the place has at least one record in the period, else 0.
    pub reports_received: u64,
    /// 1 when an expected report was received with every record on time, else 0.
    pub reports_on_time: u64,
    /// Share of expected reports received on time; `null` when none expected.
    pub timeliness: Option<String>,
    pub duplicates: u64,
    pub rule_violations: u64,
    pub outliers: u64,
    pub invalid_numerics: u64,
}

/// One failing check, for drill-down, with its message in the requested language.
#[derive(Debug, Clone, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
#[tsify(hashmap_as_object, missing_as_null)]
pub struct Failure {
    #[tsify(
        type = "\"completeness\" | \"timeliness\" | \"duplicate\" | \"rule\" | \"outlier\" | \"invalid_numeric\" | \"rejected\""
    )]
    pub check: String,
    pub code: String,
    #[tsify(type = "\"error\" | \"warning\" | \"info\"")]
    pub severity: String,
    pub project: Option<String>,
    pub site: Option<String>,
    pub period: Option<String>,
    /// Input row number, when the failure is about one row.
    pub row: Option<u64>,
    pub column: Option<String>,
    pub value: Option<String>,
    pub params: BTreeMap<String, String>,
    /// The failure as a person reads it; ignored when the report is read back.
    #[serde(default)]
    pub message: String,
}

/// The result of every quality check over a loaded table (what `checkQuality` returns).
#[derive(Debug, Clone, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
#[tsify(hashmap_as_object, missing_as_null)]
pub struct QualityReport {
    /// Loaded rows plus rejected ones (which count as invalid).
    pub rows_checked: u64,
    /// Rows the loader rejected (reported as failures, counted in no scorecard row).
    pub rows_rejected: u64,
    /// Loaded rows whose date has no period of the checks' type (`quality.unplaced`).
    pub rows_unplaced: u64,
    /// One row per (project, site, period), sorted.
    pub scorecard: Vec<Score>,
    /// One row per failing check, sorted by project, site, period, row, check.
    pub failures: Vec<Failure>,
}

/// How many failures one check raised with one code.
#[derive(Debug, Clone, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct FailureCount {
    pub check: String,
    pub code: String,
    #[tsify(type = "\"error\" | \"warning\" | \"info\"")]
    pub severity: String,
    pub count: u64,
}

/// The totals of a quality report (what a SITREP shows): shares recomputed from their parts.
#[derive(Debug, Clone, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
#[tsify(missing_as_null)]
pub struct QualitySummary {
    pub rows_checked: u64,
    pub rows_rejected: u64,
    pub rows_unplaced: u64,
    /// Records counted in the scorecard.
    pub records: u64,
    pub required_cells: u64,
    pub required_filled: u64,
    /// Σ filled / Σ cells.
    pub completeness: Option<String>,
    pub reports_expected: u64,
    pub reports_received: u64,
    pub reports_on_time: u64,
    /// Expected reports received / expected (DHIS2's reporting rate).
    pub reporting_rate: Option<String>,
    /// Expected reports on time / expected, over the rows that measure timeliness.
    pub timeliness: Option<String>,
    pub duplicates: u64,
    pub rule_violations: u64,
    pub outliers: u64,
    pub invalid_numerics: u64,
    /// Failures per check and code, sorted by check then code.
    pub failures: Vec<FailureCount>,
}

impl QualitySummary {
    pub fn from_core(summary: &quality::Summary) -> Self {
        QualitySummary {
            rows_checked: summary.rows_checked,
            rows_rejected: summary.rows_rejected,
            rows_unplaced: summary.rows_unplaced,
            records: summary.records,
            required_cells: summary.required_cells,
            required_filled: summary.required_filled,
            completeness: decimal_text(summary.completeness),
            reports_expected: summary.reports_expected,
            reports_received: summary.reports_received,
            reports_on_time: summary.reports_on_time,
            reporting_rate: decimal_text(summary.reporting_rate),
            timeliness: decimal_text(summary.timeliness),
            duplicates: summary.duplicates,
            rule_violations: summary.rule_violations,
            outliers: summary.outliers,
            invalid_numerics: summary.invalid_numerics,
            failures: summary
                .failures
                .iter()
                .map(|f| FailureCount {
                    check: f.check.clone(),
                    code: f.code.clone(),
                    severity: f.severity.as_str().to_owned(),
                    count: f.count,
                })
                .collect(),
        }
    }
}

// Conversions both ways: out of the core for JavaScript, and back when a report reads the
// figures or the quality report a caller holds (messages are dropped: the core renders its own).

fn decimal_text(value: Option<Decimal>) -> Option<String> {
    value.map(|d| d.to_string())
}

fn decimal_of(text: Option<&str>) -> Result<Option<Decimal>, MealError> {
    text.map(meal_core::input::parse_decimal).transpose()
}

/// A core enum from its snake_case name (`on_track`, `warning`).
fn variant<T: serde::de::DeserializeOwned>(name: &str, what: &str) -> Result<T, MealError> {
    serde_json::from_value(serde_json::Value::String(name.to_owned())).map_err(|_| {
        MealError::new("document.invalid")
            .with("kind", what)
            .with("detail", format!("unknown {what} '{name}'"))
    })
}

impl Finding {
    /// The core finding (the message is not kept).
    pub fn into_core(self) -> Result<CoreFinding, MealError> {
        Ok(CoreFinding {
            code: self.code,
            path: self.path,
            severity: variant(&self.severity, "severity")?,
            params: self.params,
        })
    }
}

impl Results {
    pub fn from_core(results: &compute::Results, locale: Locale) -> Self {
        Results {
            periods: results.periods.iter().map(|p| p.id()).collect(),
            figures: results.figures.iter().map(Figure::from_core).collect(),
            sources: Sources {
                rows_read: results.sources.rows_read,
                rows_without_date: results.sources.rows_without_date,
                documents: results.sources.documents.clone(),
                engine: results.sources.engine.clone(),
            },
            findings: Finding::all(&results.findings, locale),
        }
    }

    pub fn into_core(self) -> Result<compute::Results, MealError> {
        Ok(compute::Results {
            periods: self
                .periods
                .iter()
                .map(|p| Period::parse(p))
                .collect::<Result<_, _>>()?,
            figures: self
                .figures
                .into_iter()
                .map(Figure::into_core)
                .collect::<Result<_, _>>()?,
            sources: compute::Sources {
                rows_read: self.sources.rows_read,
                rows_without_date: self.sources.rows_without_date,
                documents: self.sources.documents,
                engine: self.sources.engine,
            },
            findings: self
                .findings
                .into_iter()
                .map(Finding::into_core)
                .collect::<Result<_, _>>()?,
        })
    }
}

impl Figure {
    pub fn from_core(figure: &compute::Figure) -> Self {
        Figure {
            indicator: figure.indicator.clone(),
            period: figure.period.id(),
            cell: figure.cell.clone(),
            value: decimal_text(figure.value),
            opening: decimal_text(figure.opening),
            numerator: decimal_text(figure.numerator),
            denominator: decimal_text(figure.denominator),
            target: decimal_text(figure.target),
            achievement: decimal_text(figure.achievement),
            status: figure.status.as_str().to_owned(),
            rows: RowCounts {
                in_window: figure.rows.in_window,
                matched: figure.rows.matched,
                without_value: figure.rows.without_value,
            },
        }
    }

    fn into_core(self) -> Result<compute::Figure, MealError> {
        Ok(compute::Figure {
            indicator: self.indicator,
            period: Period::parse(&self.period)?,
            cell: self.cell,
            value: decimal_of(self.value.as_deref())?,
            opening: decimal_of(self.opening.as_deref())?,
            numerator: decimal_of(self.numerator.as_deref())?,
            denominator: decimal_of(self.denominator.as_deref())?,
            target: decimal_of(self.target.as_deref())?,
            achievement: decimal_of(self.achievement.as_deref())?,
            status: variant(&self.status, "status")?,
            rows: compute::RowCounts {
                in_window: self.rows.in_window,
                matched: self.rows.matched,
                without_value: self.rows.without_value,
            },
        })
    }
}

impl QualityReport {
    pub fn from_core(report: &quality::QualityReport, locale: Locale) -> Self {
        QualityReport {
            rows_checked: report.rows_checked,
            rows_rejected: report.rows_rejected,
            rows_unplaced: report.rows_unplaced,
            scorecard: report
                .scorecard
                .iter()
                .map(|s| Score {
                    project: s.project.clone(),
                    site: s.site.clone(),
                    period: s.period.id(),
                    records: s.records,
                    required_cells: s.required_cells,
                    required_filled: s.required_filled,
                    completeness: decimal_text(s.completeness),
                    reports_expected: s.reports_expected,
                    reports_received: s.reports_received,
                    reports_on_time: s.reports_on_time,
                    timeliness: decimal_text(s.timeliness),
                    duplicates: s.duplicates,
                    rule_violations: s.rule_violations,
                    outliers: s.outliers,
                    invalid_numerics: s.invalid_numerics,
                })
                .collect(),
            failures: report
                .failures
                .iter()
                .map(|f| Failure {
                    check: f.check.clone(),
                    code: f.code.clone(),
                    severity: f.severity.as_str().to_owned(),
                    project: f.project.clone(),
                    site: f.site.clone(),
                    period: f.period.map(|p| p.id()),
                    row: f.row,
                    column: f.column.clone(),
                    value: f.value.clone(),
                    params: f.params.clone(),
                    message: meal_core::i18n::render(&f.code, &f.params, locale),
                })
                .collect(),
        }
    }

    pub fn into_core(self) -> Result<quality::QualityReport, MealError> {
        let scorecard = self
            .scorecard
            .into_iter()
            .map(|s| {
                Ok(quality::Score {
                    project: s.project,
                    site: s.site,
                    period: Period::parse(&s.period)?,
                    records: s.records,
                    required_cells: s.required_cells,
                    required_filled: s.required_filled,
                    completeness: decimal_of(s.completeness.as_deref())?,
                    reports_expected: s.reports_expected,
                    reports_received: s.reports_received,
                    reports_on_time: s.reports_on_time,
                    timeliness: decimal_of(s.timeliness.as_deref())?,
                    duplicates: s.duplicates,
                    rule_violations: s.rule_violations,
                    outliers: s.outliers,
                    invalid_numerics: s.invalid_numerics,
                })
            })
            .collect::<Result<_, MealError>>()?;
        let failures = self
            .failures
            .into_iter()
            .map(|f| {
                Ok(quality::Failure {
                    check: f.check,
                    code: f.code,
                    severity: variant(&f.severity, "severity")?,
                    project: f.project,
                    site: f.site,
                    period: f.period.as_deref().map(Period::parse).transpose()?,
                    row: f.row,
                    column: f.column,
                    value: f.value,
                    params: f.params,
                })
            })
            .collect::<Result<_, MealError>>()?;
        Ok(quality::QualityReport {
            rows_checked: self.rows_checked,
            rows_rejected: self.rows_rejected,
            rows_unplaced: self.rows_unplaced,
            scorecard,
            failures,
        })
    }
}

/// The range of a reporting calendar (`reportingCalendar`): dates `YYYY-MM-DD`, both inclusive.
#[derive(Debug, Clone, Default, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct CalendarRequest {
    pub from: String,
    pub to: String,
    /// The day of the annual mission seminar, when one is set.
    #[serde(default)]
    #[tsify(optional, type = "string | null")]
    pub seminar: Option<String>,
    /// Only what concerns this project (its items and the mission's); every project when absent.
    #[serde(default)]
    #[tsify(optional, type = "string | null")]
    pub project: Option<String>,
}

/// Options of `migrate`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct MigrateOptions {
    /// Language of the reconciliation's messages; English when absent.
    #[serde(default)]
    #[tsify(optional)]
    pub locale: Option<String>,
}

/// A source record that was not migrated, and why.
#[derive(Debug, Clone, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
#[tsify(hashmap_as_object)]
pub struct RejectedRecord {
    /// 1-based record number in the source (as `Loaded` numbers rows).
    pub source_row: u64,
    pub findings: Vec<Finding>,
}

/// The accounting of a migration: `rowsRead === migrated + rejected.length`.
#[derive(Debug, Clone, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
#[tsify(hashmap_as_object)]
pub struct Reconciliation {
    /// Records in the source (loaded, or rejected at load).
    pub rows_read: u64,
    pub migrated: u64,
    /// Records rejected at load or by the mapping, in source order.
    pub rejected: Vec<RejectedRecord>,
    /// Warnings about records that were migrated (a value mapped to a default, …).
    pub findings: Vec<Finding>,
}

impl Reconciliation {
    pub fn from_core(
        reconciliation: &meal_core::interop::migration::Reconciliation,
        locale: Locale,
    ) -> Self {
        Reconciliation {
            rows_read: reconciliation.rows_read,
            migrated: reconciliation.migrated,
            rejected: reconciliation
                .rejected
                .iter()
                .map(|r| RejectedRecord {
                    source_row: r.source_row,
                    findings: Finding::all(&r.findings, locale),
                })
                .collect(),
            findings: Finding::all(&reconciliation.findings, locale),
        }
    }
}
