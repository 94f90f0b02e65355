//! Data protection, the rules side: the rules document, minimisation, DPIA screening, the
//! Art. 30 register, export decisions and the audit log. Pseudonyms, consent, retention and
//! data-subject requests are in [`crate::person`].
//!
//! Small results an app branches on are records (`Minimisation`, `DpiaScreening`,
//! `ExportDecision`); documents and records sets cross as JSON text, workbooks as bytes.

use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use meal_core::privacy::export::{ExportDecision, ExportRequest, Refusal};
use meal_core::privacy::{audit, dpia, export, minimisation, register, Rules};
use meal_core::{document, Locale};

use crate::error::Result;
use crate::form::Form;
use crate::logframe::Finding;

/// The data-protection rules: controller, purposes with lawful bases and retention,
/// recipients. Immutable.
#[derive(Debug, uniffi::Object)]
pub struct PrivacyRules {
    rules: Rules,
    reading: Vec<meal_core::Finding>,
}

impl PrivacyRules {
    pub(crate) fn core(&self) -> &Rules {
        &self.rules
    }
}

#[uniffi::export]
impl PrivacyRules {
    /// Reads the rules document. Errors `json.malformed`, `document.*`.
    #[uniffi::constructor]
    pub fn from_json(json: String) -> Result<Arc<PrivacyRules>> {
        let parsed = Rules::from_json(&json)?;
        Ok(Arc::new(PrivacyRules {
            rules: parsed.value,
            reading: parsed.findings,
        }))
    }

    /// What is wrong with the document: reading (unknown fields) and the rules checks, sorted by
    /// path then code, messages in `locale` — the list `checkPrivacyRules` gives.
    pub fn findings(&self, locale: String) -> Vec<Finding> {
        let all = meal_core::error::merged_findings(&self.reading, self.rules.check());
        Finding::all_from_core(all, &locale)
    }

    /// The rule pack's version, recorded in every audit entry and register.
    pub fn version(&self) -> String {
        self.rules.version.clone()
    }

    /// The purpose ids, in document order.
    pub fn purposes(&self) -> Vec<String> {
        self.rules.purposes.iter().map(|p| p.id.clone()).collect()
    }

    /// The document as JSON text (it reads back to the same rules).
    pub fn to_json(&self) -> String {
        self.rules.to_json()
    }
}

/// Reads a rules document and checks it: reading findings and the rules checks, sorted by path
/// then code, messages in `locale`. Throws when the text cannot be read (`json.malformed`,
/// `document.*`).
#[uniffi::export]
pub fn check_privacy_rules(json: String, locale: String) -> Result<Vec<Finding>> {
    Ok(Finding::all_from_core(
        meal_core::privacy::rules::check(&json)?,
        &locale,
    ))
}

/// Whether a form may go to production.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Minimisation {
    /// True when no finding is an error: the form may collect real data.
    pub production_ready: bool,
    /// Sorted by path, then code; paths into the form (`/fields/3/privacy`).
    pub findings: Vec<Finding>,
}

/// Checks `form` against `rules` (minimisation, GDPR Art. 5(1)(b)(c)(e)): every personal
/// field classified, with purposes that have a lawful basis, an Art. 9 condition where needed
/// and retention. Messages in `locale`. Error `form.not_compilable`.
#[uniffi::export]
pub fn check_minimisation(
    form: Arc<Form>,
    rules: Arc<PrivacyRules>,
    locale: String,
) -> Result<Minimisation> {
    let assessment = minimisation::check(form.document()?, &rules.rules);
    Ok(Minimisation {
        production_ready: assessment.production_ready,
        findings: Finding::all_from_core(assessment.findings, &locale),
    })
}

/// One DPIA criterion met.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct DpiaReason {
    /// Stable code, e.g. `wp248_vulnerable_subjects`.
    pub code: String,
    /// `art35_3`, `cnil` or `wp248`.
    pub framework: String,
    /// `declared` (named in the purpose's `dpia_facts`) or `derived` (shown by the forms).
    pub source: String,
    /// The criterion as a person reads it, in the requested locale.
    pub label: String,
}

/// The DPIA screening of one purpose (Art. 35(3), CNIL list, WP248).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct DpiaScreening {
    /// The purpose id.
    pub purpose: String,
    /// True when a DPIA is required.
    pub required: bool,
    /// Every criterion met, in catalogue order (Art. 35(3), CNIL, WP248).
    pub reasons: Vec<DpiaReason>,
    /// How many WP248 criteria are met.
    pub wp248_count: u64,
    /// The DPIA reference the rules give, if any.
    pub dpia_ref: Option<String>,
    /// `privacy.dpia_missing`, `privacy.unknown_dpia_fact`, messages in the requested locale.
    pub findings: Vec<Finding>,
}

/// Screens `purpose` for a DPIA with the fields of `forms` that serve it, labels and messages
/// in `locale`. Errors `privacy.no_such_purpose`, `form.not_compilable`.
#[uniffi::export]
pub fn screen_dpia(
    rules: Arc<PrivacyRules>,
    forms: Vec<Arc<Form>>,
    purpose: String,
    locale: String,
) -> Result<DpiaScreening> {
    let screening = dpia::screen(&rules.rules, &documents(&forms)?, &purpose)?;
    let language = Locale::parse(&locale);
    Ok(DpiaScreening {
        reasons: screening
            .reasons
            .iter()
            .map(|r| DpiaReason {
                code: r.code.clone(),
                framework: serde_name(&r.framework),
                source: serde_name(&r.source),
                label: r.label(language).to_owned(),
            })
            .collect(),
        purpose: screening.purpose,
        required: screening.required,
        wp248_count: u64::try_from(screening.wp248_count).unwrap_or(u64::MAX),
        dpia_ref: screening.dpia_ref,
        findings: Finding::all_from_core(screening.findings, &locale),
    })
}

/// The Art. 30 register of processing activities, built from the rules and the forms: one
/// activity per purpose. Immutable.
#[derive(Debug, uniffi::Object)]
pub struct Register(register::Register);

#[uniffi::export]
impl Register {
    /// Builds the register. Error `form.not_compilable`.
    #[uniffi::constructor]
    pub fn new(rules: Arc<PrivacyRules>, forms: Vec<Arc<Form>>) -> Result<Arc<Register>> {
        Ok(Arc::new(Register(register::Register::build(
            &rules.rules,
            &documents(&forms)?,
        ))))
    }

    /// The register as JSON text.
    pub fn to_json(&self) -> String {
        self.0.to_json()
    }

    /// Markdown, headings and labels in `locale`.
    pub fn to_markdown(&self, locale: String) -> String {
        self.0.to_markdown(Locale::parse(&locale))
    }

    /// The bytes of an `.xlsx` workbook, one row per activity, headings in `locale`.
    pub fn to_xlsx(&self, locale: String) -> Result<Vec<u8>> {
        Ok(self.0.to_xlsx(Locale::parse(&locale))?)
    }
}

/// A field that may not leave, and why.
#[uniffi::remote(Record)]
pub struct Refusal {
    /// The field name.
    pub field: String,
    /// The refusal code (`privacy.export_special_category`, …).
    pub code: String,
}

/// Which fields may leave: both lists in the order asked.
#[uniffi::remote(Record)]
pub struct ExportDecision {
    /// Fields that may leave.
    pub allowed: Vec<String>,
    /// Fields that may not, with the reason.
    pub refused: Vec<Refusal>,
}

/// Who asks to send which fields where, and when.
#[uniffi::remote(Record)]
pub struct ExportRequest {
    /// RFC 3339 with offset (`2026-11-27T10:00:00+01:00`); the library has no clock.
    pub timestamp: String,
    /// Who asks (a user or device id).
    pub actor: String,
    /// The recipient id of the rules.
    pub recipient: String,
    /// The purpose id of the rules.
    pub purpose: String,
    /// The field names asked for.
    pub fields: Vec<String>,
}

/// Which of `fields` of `form` may go to `recipient` for `purpose`. Pure: logs nothing.
/// Errors `privacy.no_such_recipient`, `privacy.no_such_purpose`, `form.not_compilable`.
#[uniffi::export]
pub fn decide_export(
    rules: Arc<PrivacyRules>,
    form: Arc<Form>,
    recipient: String,
    purpose: String,
    fields: Vec<String>,
) -> Result<ExportDecision> {
    Ok(export::decide(
        &rules.rules,
        form.document()?,
        &recipient,
        &purpose,
        &fields,
    )?)
}

/// What an export let through.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ExportResult {
    /// The decision, as logged.
    pub decision: ExportDecision,
    /// The records (a JSON array of objects) with only the allowed fields, repeats filtered
    /// inside.
    pub records_json: String,
}

/// Decides `request`, appends the decision to `log`, and keeps only the allowed fields of
/// `recordsJson` (a JSON array of submission objects). The records are checked before anything
/// is logged: a failed export leaves the log as it was. Errors `json.malformed`,
/// `privacy.export_not_records`, `input.date_time`, and those of `decideExport`.
#[uniffi::export]
pub fn export_records(
    rules: Arc<PrivacyRules>,
    form: Arc<Form>,
    request: ExportRequest,
    records_json: String,
    log: Arc<AuditLog>,
) -> Result<ExportResult> {
    let records = json(&records_json)?;
    let done = export::export(
        &rules.rules,
        form.document()?,
        &request,
        &records,
        &mut log.lock(),
    )?;
    Ok(ExportResult {
        decision: done.decision,
        records_json: done.records.to_string(),
    })
}

/// What the caller says about a decision, for `AuditLog.append`.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct AuditEvent {
    /// RFC 3339 with its offset.
    pub timestamp: String,
    /// Who decided or asked.
    pub actor: String,
    /// What was done: `export`, `erasure`, …
    pub action: String,
    /// The purpose id the decision was taken for.
    pub purpose: String,
    /// The recipient id, when data was to leave.
    pub recipient: Option<String>,
    /// The decision, as JSON text.
    pub decision_json: String,
    /// The version of the rules the decision applied.
    pub rules_version: String,
}

/// The append-only, hash-chained audit log of privacy decisions. Thread-safe.
#[derive(Debug, uniffi::Object)]
pub struct AuditLog(Mutex<audit::AuditLog>);

impl AuditLog {
    fn lock(&self) -> MutexGuard<'_, audit::AuditLog> {
        // A poisoned lock means a panic elsewhere; the log itself is still consistent.
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

#[uniffi::export]
impl AuditLog {
    /// An empty log.
    #[uniffi::constructor]
    pub fn new() -> Arc<AuditLog> {
        Arc::new(AuditLog(Mutex::new(audit::AuditLog::new())))
    }

    /// Reads a log saved with `toJson`. The chain is not checked here: call `verify`.
    /// Errors `json.malformed`, `document.*`.
    #[uniffi::constructor]
    pub fn from_json(json: String) -> Result<Arc<AuditLog>> {
        let parsed = audit::AuditLog::from_json(&json)?;
        Ok(Arc::new(AuditLog(Mutex::new(parsed.value))))
    }

    /// Appends an event and returns the new head hash. Errors `json.malformed` (the decision),
    /// `input.date_time`.
    pub fn append(&self, event: AuditEvent) -> Result<String> {
        let event = audit::AuditEvent {
            decision: json(&event.decision_json)?,
            timestamp: event.timestamp,
            actor: event.actor,
            action: event.action,
            purpose: event.purpose,
            recipient: event.recipient,
            rules_version: event.rules_version,
        };
        Ok(self.lock().append(event)?)
    }

    /// Throws `privacy.audit_tampered` (param `index`) if any entry was changed, removed or
    /// reordered; with `head`, also `privacy.audit_head_mismatch` if the log does not end at
    /// that hash (entries cut from the end).
    #[uniffi::method(default(head = None))]
    pub fn verify(&self, head: Option<String>) -> Result<()> {
        let log = self.lock();
        Ok(match head {
            Some(head) => log.verify_head(&head),
            None => log.verify(),
        }?)
    }

    /// The hash of the last entry (all zeros when empty): keep it apart to detect truncation.
    pub fn head(&self) -> String {
        self.lock().head().to_owned()
    }

    /// The number of entries.
    pub fn size(&self) -> u64 {
        u64::try_from(self.lock().entries().len()).unwrap_or(u64::MAX)
    }

    /// The entries as a JSON array, oldest first.
    pub fn entries_json(&self) -> String {
        serde_json::to_string(self.lock().entries()).unwrap_or_default()
    }

    /// The log document, to save and read back with `fromJson`.
    pub fn to_json(&self) -> String {
        self.lock().to_json()
    }
}

pub(crate) fn documents(forms: &[Arc<Form>]) -> Result<Vec<meal_core::form::Form>> {
    forms.iter().map(|f| Ok(f.document()?.clone())).collect()
}

/// Reads JSON text (error `json.malformed`).
pub(crate) fn json(text: &str) -> Result<serde_json::Value> {
    serde_json::from_str(text).map_err(|e| document::malformed(&e).into())
}

/// The JSON name of a unit enum value (`art35_3`): the one spelling every binding shares.
pub(crate) fn serde_name<T: serde::Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(name)) => name,
        _ => String::new(),
    }
}
