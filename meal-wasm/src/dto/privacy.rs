//! The shapes of data protection and disclosure control results.

use serde::{Deserialize, Serialize};
use tsify::Tsify;

use super::Finding;

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
