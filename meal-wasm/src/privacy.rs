//! Data protection for JavaScript: the rules document, minimisation, DPIA screening, the
//! Art. 30 register, export decisions and the audit log. Pseudonyms, consent, retention and
//! data-subject requests are in `person.rs`.

use meal_core::privacy::{audit, dpia, export, minimisation, register, Rules};
use tsify::{Ts, Tsify};
use wasm_bindgen::prelude::*;

use crate::dto::{self, DpiaReason, DpiaScreening, ExportRefusal, Finding, LocaleOptions};
use crate::error::{bad_argument, to_js};
use crate::form::Form;
use crate::{json_text, locale_of, options_or_default, parse_json, with_json};

#[wasm_bindgen]
extern "C" {
    /// Any object with a `toJson(): string` method: a `Form`.
    #[wasm_bindgen(typescript_type = "Form")]
    pub type FormLike;

    #[wasm_bindgen(method, catch, js_name = toJson)]
    fn to_json(this: &FormLike) -> Result<JsValue, JsValue>;
}

/// The data-protection rules: controller, purposes with lawful bases and retention, recipients.
/// `PrivacyRules.fromJson(textOrObject)`; `findings()` says what is wrong with the document.
#[wasm_bindgen]
#[derive(Debug)]
pub struct PrivacyRules {
    rules: Rules,
    reading: Vec<meal_core::Finding>,
}

impl PrivacyRules {
    pub(crate) fn core(&self) -> &Rules {
        &self.rules
    }
}

#[wasm_bindgen]
impl PrivacyRules {
    /// Reads the rules document (JSON text, or the object).
    #[wasm_bindgen(js_name = fromJson)]
    pub fn from_json(
        #[wasm_bindgen(unchecked_param_type = "string | object")] document: JsValue,
    ) -> Result<PrivacyRules, JsValue> {
        let parsed = Rules::from_json(&json_text(document, "the rules")?).map_err(to_js)?;
        Ok(PrivacyRules {
            rules: parsed.value,
            reading: parsed.findings,
        })
    }

    /// Problems of the document: reading (unknown fields) and the rules checks, sorted by path
    /// then code, messages in `locale`.
    pub fn findings(&self, locale: Option<String>) -> Result<Vec<Ts<Finding>>, JsValue> {
        let all = meal_core::error::merged_findings(&self.reading, self.rules.check());
        Finding::all_to_js(&all, locale_of(locale))
    }

    /// The rule pack's version, recorded in every audit entry and register.
    #[wasm_bindgen(getter)]
    pub fn version(&self) -> String {
        self.rules.version.clone()
    }

    /// The purpose ids, in document order.
    #[wasm_bindgen(getter)]
    pub fn purposes(&self) -> Vec<String> {
        self.rules.purposes.iter().map(|p| p.id.clone()).collect()
    }

    /// The document as JSON text (it round-trips).
    #[wasm_bindgen(js_name = toJson)]
    pub fn to_json(&self) -> String {
        self.rules.to_json()
    }
}

/// Checks `form` against `rules` (minimisation, GDPR Art. 5(1)(b)(c)(e)): production-ready when
/// every personal field has a purpose with a lawful basis, an Art. 9 condition where needed,
/// and retention.
#[wasm_bindgen(js_name = checkMinimisation)]
pub fn check_minimisation(
    form: &Form,
    rules: &PrivacyRules,
    options: Option<Ts<LocaleOptions>>,
) -> Result<Ts<dto::Minimisation>, JsValue> {
    let locale = locale_option(options)?;
    let assessment = minimisation::check(form.document()?, &rules.rules);
    dto::Minimisation {
        production_ready: assessment.production_ready,
        findings: Finding::all(&assessment.findings, locale),
    }
    .into_ts()
    .map_err(bad_argument)
}

/// The DPIA screening of `purpose` (CNIL list, WP248, Art. 35(3)) over the forms serving it;
/// reason labels and findings in `options.locale`.
#[wasm_bindgen(js_name = screenDpia)]
pub fn screen_dpia(
    rules: &PrivacyRules,
    #[wasm_bindgen(unchecked_param_type = "Form[]")] forms: Vec<FormLike>,
    purpose: &str,
    options: Option<Ts<LocaleOptions>>,
) -> Result<Ts<DpiaScreening>, JsValue> {
    let locale = locale_option(options)?;
    let screening = dpia::screen(&rules.rules, &documents(&forms)?, purpose).map_err(to_js)?;
    DpiaScreening {
        purpose: screening.purpose.clone(),
        required: screening.required,
        reasons: screening
            .reasons
            .iter()
            .map(|r| DpiaReason {
                code: r.code.clone(),
                framework: variant_name(&r.framework),
                source: variant_name(&r.source),
                label: r.label(locale).to_owned(),
            })
            .collect(),
        wp248_count: screening.wp248_count,
        dpia_ref: screening.dpia_ref.clone(),
        findings: Finding::all(&screening.findings, locale),
    }
    .into_ts()
    .map_err(bad_argument)
}

/// The Art. 30 register of processing activities: `new Register(rules, forms)`, one activity
/// per purpose.
#[wasm_bindgen]
#[derive(Debug)]
pub struct Register(register::Register);

#[wasm_bindgen]
impl Register {
    #[wasm_bindgen(constructor)]
    pub fn new(
        rules: &PrivacyRules,
        #[wasm_bindgen(unchecked_param_type = "Form[]")] forms: Vec<FormLike>,
    ) -> Result<Register, JsValue> {
        Ok(Register(register::Register::build(
            &rules.rules,
            &documents(&forms)?,
        )))
    }

    /// The register as JSON text.
    #[wasm_bindgen(js_name = toJson)]
    pub fn to_json(&self) -> String {
        self.0.to_json()
    }

    /// The register as plain data (what `JSON.stringify` uses).
    #[wasm_bindgen(js_name = toJSON, unchecked_return_type = "Record<string, unknown>")]
    pub fn to_data(&self) -> Result<JsValue, JsValue> {
        parse_json(&self.0.to_json())
    }

    /// Markdown, headings and labels in `locale`.
    #[wasm_bindgen(js_name = toMarkdown)]
    pub fn to_markdown(&self, locale: Option<String>) -> String {
        self.0.to_markdown(locale_of(locale))
    }

    /// An `.xlsx` workbook (its bytes), one row per activity, labels in `locale`.
    #[wasm_bindgen(js_name = toXlsx)]
    pub fn to_xlsx(&self, locale: Option<String>) -> Result<Vec<u8>, JsValue> {
        self.0.to_xlsx(locale_of(locale)).map_err(to_js)
    }
}

/// Which of `fields` of `form` may go to `recipient` for `purpose`, without logging anything.
#[wasm_bindgen(js_name = decideExport)]
pub fn decide_export(
    rules: &PrivacyRules,
    form: &Form,
    recipient: &str,
    purpose: &str,
    #[wasm_bindgen(unchecked_param_type = "string[]")] fields: JsValue,
) -> Result<Ts<dto::ExportDecision>, JsValue> {
    let fields = crate::texts_of(&fields, "fields")?;
    let decision = export::decide(&rules.rules, form.document()?, recipient, purpose, &fields)
        .map_err(to_js)?;
    export_decision(&decision).into_ts().map_err(bad_argument)
}

/// Decides `request`, appends the decision to `log`, and returns the records (an array of
/// objects, or its JSON text) with only the allowed fields. A refused export (bad records)
/// leaves the log as it was.
#[wasm_bindgen(js_name = exportRecords)]
pub fn export_records(
    rules: &PrivacyRules,
    form: &Form,
    request: Ts<dto::ExportRequest>,
    #[wasm_bindgen(unchecked_param_type = "Array<Record<string, unknown>> | string")]
    records: JsValue,
    log: &mut AuditLog,
) -> Result<Ts<dto::Export>, JsValue> {
    let request = export::ExportRequest::from_json(&json_text(request.into(), "the request")?)
        .map_err(to_js)?;
    let records: serde_json::Value = serde_json::from_str(&json_text(records, "the records")?)
        .map_err(|e| to_js(meal_core::document::malformed(&e)))?;
    let done = export::export(
        &rules.rules,
        form.document()?,
        &request,
        &records,
        &mut log.0,
    )
    .map_err(to_js)?;
    let js = dto::Export {
        decision: export_decision(&done.decision),
        records: serde_json::Value::Null,
    }
    .into_ts()
    .map_err(bad_argument)?;
    with_json(js, "records", &done.records)
}

/// The append-only, hash-chained audit log of privacy decisions: `new AuditLog()` or
/// `AuditLog.fromJson(text)`.
#[wasm_bindgen]
#[derive(Debug, Default)]
pub struct AuditLog(audit::AuditLog);

#[wasm_bindgen]
impl AuditLog {
    /// An empty log.
    #[wasm_bindgen(constructor)]
    pub fn new() -> AuditLog {
        AuditLog(audit::AuditLog::new())
    }

    /// Reads a log saved with `toJson` (JSON text or the object); `verify` checks the chain.
    #[wasm_bindgen(js_name = fromJson)]
    pub fn from_json(
        #[wasm_bindgen(unchecked_param_type = "string | object")] document: JsValue,
    ) -> Result<AuditLog, JsValue> {
        audit::AuditLog::from_json(&json_text(document, "the audit log")?)
            .map(|parsed| AuditLog(parsed.value))
            .map_err(to_js)
    }

    /// Appends an event and returns the new head hash (`input.date_time` when the timestamp is
    /// not RFC 3339 with an offset).
    pub fn append(&mut self, event: Ts<dto::AuditEvent>) -> Result<String, JsValue> {
        let text = json_text(event.into(), "the event")?;
        let event = audit::AuditEvent::from_json(&text).map_err(to_js)?;
        self.0.append(event).map_err(to_js)
    }

    /// Throws `MealError` (`privacy.audit_tampered`, with the index) if any entry was changed,
    /// removed or reordered; with `head`, also (`privacy.audit_head_mismatch`) if the log does
    /// not end at that hash.
    pub fn verify(&self, head: Option<String>) -> Result<(), JsValue> {
        match head {
            Some(head) => self.0.verify_head(&head),
            None => self.0.verify(),
        }
        .map_err(to_js)
    }

    /// The hash of the last entry: keep it elsewhere to detect truncation.
    #[wasm_bindgen(getter)]
    pub fn head(&self) -> String {
        self.0.head().to_owned()
    }

    /// The number of entries.
    #[wasm_bindgen(getter)]
    pub fn length(&self) -> usize {
        self.0.entries().len()
    }

    /// The entries, oldest first, as stored and hashed.
    #[wasm_bindgen(unchecked_return_type = "AuditEntry[]")]
    pub fn entries(&self) -> Result<JsValue, JsValue> {
        let text = serde_json::to_string(self.0.entries()).map_err(bad_argument)?;
        parse_json(&text)
    }

    /// The log as JSON text.
    #[wasm_bindgen(js_name = toJson)]
    pub fn to_json(&self) -> String {
        self.0.to_json()
    }
}

fn locale_option(options: Option<Ts<LocaleOptions>>) -> Result<meal_core::Locale, JsValue> {
    let options: LocaleOptions = options_or_default(options)?;
    Ok(locale_of(options.locale))
}

fn export_decision(decision: &export::ExportDecision) -> dto::ExportDecision {
    dto::ExportDecision {
        allowed: decision.allowed.clone(),
        refused: decision
            .refused
            .iter()
            .map(|r| ExportRefusal {
                field: r.field.clone(),
                code: r.code.clone(),
            })
            .collect(),
    }
}

/// The snake_case name a core enum serialises to.
pub(crate) fn variant_name<T: serde::Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(name)) => name,
        _ => String::new(),
    }
}

/// The form documents of `Form` objects, read back from their canonical JSON (a `Form` given
/// to wasm-bindgen in an array would be consumed; reading its JSON leaves it usable).
fn documents(forms: &[FormLike]) -> Result<Vec<meal_core::form::Form>, JsValue> {
    forms
        .iter()
        .map(|form| {
            let text = form
                .to_json()
                .ok()
                .and_then(|text| text.as_string())
                .ok_or_else(|| bad_argument("forms must be Form objects"))?;
            meal_core::form::Form::from_json(&text)
                .map(|parsed| parsed.value)
                .map_err(to_js)
        })
        .collect()
}
