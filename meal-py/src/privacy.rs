//! Data protection for Python: the rules document, minimisation, DPIA screening, the Art. 30
//! register, export decisions and the audit log. Pseudonyms, consent, retention and
//! data-subject requests are in `person.rs`.

use meal_core::privacy::{audit, dpia, export, minimisation, register, Rules};
use pyo3::prelude::*;
use pyo3::types::PyBytes;

use crate::args::{self, Arg};
use crate::error::to_py;
use crate::finding::Finding;
use crate::form::Form;
use crate::json;

/// The data-protection rules: controller, purposes with lawful bases and retention, recipients.
/// `PrivacyRules.from_json(text_or_dict)`; `findings()` says what is wrong with the document.
#[pyclass(frozen, module = "meal")]
#[derive(Debug)]
pub struct PrivacyRules {
    rules: Rules,
    reading: Vec<meal_core::Finding>,
}

impl PrivacyRules {
    pub fn core(&self) -> &Rules {
        &self.rules
    }
}

#[pymethods]
impl PrivacyRules {
    /// Reads the rules document (JSON text or a dict).
    #[staticmethod]
    fn from_json(document: &Bound<'_, PyAny>) -> PyResult<Self> {
        let parsed = Rules::from_json(&json::to_text(document)?).map_err(to_py)?;
        Ok(PrivacyRules {
            rules: parsed.value,
            reading: parsed.findings,
        })
    }

    /// Problems of the document: reading (unknown fields) and the rules checks, sorted.
    #[pyo3(signature = (locale = "en"))]
    fn findings(&self, #[pyo3(from_py_with = args::locale)] locale: &str) -> Vec<Finding> {
        let all = meal_core::error::merged_findings(&self.reading, self.rules.check());
        Finding::all(&all, locale)
    }

    /// The rule pack's version, recorded in every audit entry and register.
    #[getter]
    fn version(&self) -> &str {
        &self.rules.version
    }

    /// The purpose ids, in document order.
    #[getter]
    fn purposes(&self) -> Vec<String> {
        self.rules.purposes.iter().map(|p| p.id.clone()).collect()
    }

    /// The document as JSON text (it round-trips).
    fn to_json(&self) -> String {
        self.rules.to_json()
    }

    fn __repr__(&self) -> String {
        format!(
            "PrivacyRules(version={:?}, purposes={})",
            self.rules.version,
            self.rules.purposes.len()
        )
    }
}

/// Whether a form may go to production: every personal field classified, with purposes that
/// have a lawful basis, an Art. 9 condition where needed, and retention.
#[pyclass(frozen, module = "meal", get_all, skip_from_py_object)]
#[derive(Debug)]
pub struct Minimisation {
    production_ready: bool,
    findings: Vec<Finding>,
}

#[pymethods]
impl Minimisation {
    fn __repr__(&self) -> String {
        format!(
            "Minimisation(production_ready={}, findings={})",
            self.production_ready,
            self.findings.len()
        )
    }
}

/// Checks `form` against `rules` (minimisation, GDPR Art. 5(1)(b)(c)(e)).
#[pyfunction]
#[pyo3(signature = (form, rules, locale = "en"))]
pub fn check_minimisation(
    form: Arg<PyRef<'_, Form>>,
    rules: Arg<PyRef<'_, PrivacyRules>>,
    #[pyo3(from_py_with = args::locale)] locale: &str,
) -> PyResult<Minimisation> {
    let assessment = minimisation::check(form.document()?, &rules.rules);
    Ok(Minimisation {
        production_ready: assessment.production_ready,
        findings: Finding::all(&assessment.findings, locale),
    })
}

/// The DPIA screening of one purpose (CNIL list, WP248, Art. 35(3)) as a dict:
/// `{purpose, required, reasons: [{code, framework, source}], wp248_count, dpia_ref, findings}`.
#[pyfunction]
pub fn screen_dpia<'py>(
    py: Python<'py>,
    rules: Arg<PyRef<'_, PrivacyRules>>,
    forms: Arg<Vec<PyRef<'py, Form>>>,
    purpose: Arg<String>,
) -> PyResult<Bound<'py, PyAny>> {
    let documents = documents(&forms)?;
    let screening = dpia::screen(&rules.rules, &documents, &purpose).map_err(to_py)?;
    json::from_serde(py, &screening)
}

/// The Art. 30 register of processing activities, built from the rules and the forms.
#[pyclass(frozen, module = "meal")]
#[derive(Debug)]
pub struct Register(register::Register);

#[pymethods]
impl Register {
    /// Builds the register: one activity per purpose.
    #[new]
    fn new(
        rules: Arg<PyRef<'_, PrivacyRules>>,
        forms: Arg<Vec<PyRef<'_, Form>>>,
    ) -> PyResult<Self> {
        Ok(Register(register::Register::build(
            &rules.rules,
            &documents(&forms)?,
        )))
    }

    /// The register as a dict (the JSON form).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json::from_serde(py, &self.0)
    }

    fn to_json(&self) -> String {
        self.0.to_json()
    }

    /// Markdown, headings and labels in `locale`.
    #[pyo3(signature = (locale = "en"))]
    fn to_markdown(&self, #[pyo3(from_py_with = args::locale)] locale: &str) -> String {
        self.0.to_markdown(crate::locale(locale))
    }

    /// An `.xlsx` workbook (bytes), one row per activity.
    #[pyo3(signature = (locale = "en"))]
    fn to_xlsx<'py>(
        &self,
        py: Python<'py>,
        #[pyo3(from_py_with = args::locale)] locale: &str,
    ) -> PyResult<Bound<'py, PyBytes>> {
        let bytes = self.0.to_xlsx(crate::locale(locale)).map_err(to_py)?;
        Ok(PyBytes::new(py, &bytes))
    }

    fn _repr_markdown_(&self) -> String {
        self.0.to_markdown(meal_core::Locale::En)
    }
}

/// Which of `fields` of `form` may go to `recipient` for `purpose`, without logging:
/// `{allowed: [field], refused: [{field, code}]}`.
#[pyfunction]
pub fn decide_export<'py>(
    py: Python<'py>,
    rules: Arg<PyRef<'_, PrivacyRules>>,
    form: Arg<PyRef<'_, Form>>,
    recipient: Arg<String>,
    purpose: Arg<String>,
    fields: Arg<Vec<String>>,
) -> PyResult<Bound<'py, PyAny>> {
    let decision = export::decide(
        &rules.rules,
        form.document()?,
        &recipient,
        &purpose,
        &fields,
    )
    .map_err(to_py)?;
    json::from_serde(py, &decision)
}

/// Decides, appends the decision to `log`, and returns the records (a list of dicts) with only
/// the allowed fields: `{decision, records}`.
#[pyfunction]
pub fn export_records<'py>(
    py: Python<'py>,
    rules: Arg<PyRef<'_, PrivacyRules>>,
    form: Arg<PyRef<'_, Form>>,
    request: &Bound<'py, PyAny>,
    records: &Bound<'py, PyAny>,
    log: Arg<PyRef<'_, AuditLog>>,
) -> PyResult<Bound<'py, PyAny>> {
    let request = export::ExportRequest::from_json(&json::to_text(request)?).map_err(to_py)?;
    let records: serde_json::Value = serde_json::from_str(&json::dumps(records)?)
        .map_err(|e| to_py(meal_core::document::malformed(&e)))?;
    let mut entries = log.lock();
    let done = export::export(
        &rules.rules,
        form.document()?,
        &request,
        &records,
        &mut entries,
    )
    .map_err(to_py)?;
    json::from_serde(py, &done)
}

/// The append-only, hash-chained audit log of privacy decisions.
#[pyclass(module = "meal")]
#[derive(Debug)]
pub struct AuditLog(std::sync::Mutex<audit::AuditLog>);

impl AuditLog {
    fn lock(&self) -> std::sync::MutexGuard<'_, audit::AuditLog> {
        // A poisoned lock means a panic elsewhere; the log itself is still consistent.
        self.0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

#[pymethods]
impl AuditLog {
    #[new]
    fn new() -> Self {
        AuditLog(std::sync::Mutex::new(audit::AuditLog::new()))
    }

    /// Reads a log saved with `to_json` (the chain is checked by `verify`, not here).
    #[staticmethod]
    fn from_json(document: &Bound<'_, PyAny>) -> PyResult<Self> {
        let parsed = audit::AuditLog::from_json(&json::to_text(document)?).map_err(to_py)?;
        Ok(AuditLog(std::sync::Mutex::new(parsed.value)))
    }

    /// Appends an event `{timestamp, actor, action, purpose, recipient?, decision, rules_version}`;
    /// returns the new head hash.
    fn append(&self, event: &Bound<'_, PyAny>) -> PyResult<String> {
        let event = audit::AuditEvent::from_json(&json::to_text(event)?).map_err(to_py)?;
        self.lock().append(event).map_err(to_py)
    }

    /// Raises `MealError` (`privacy.audit_tampered`, with the index) if any entry was changed,
    /// removed or reordered; with `head`, also if the log does not end at that hash.
    #[pyo3(signature = (head = None))]
    fn verify(&self, head: Option<Arg<String>>) -> PyResult<()> {
        let log = self.lock();
        match head {
            Some(head) => log.verify_head(&head),
            None => log.verify(),
        }
        .map_err(to_py)
    }

    /// The hash of the last entry: keep it elsewhere to detect truncation.
    #[getter]
    fn head(&self) -> String {
        self.lock().head().to_owned()
    }

    /// The entries as dicts.
    fn entries<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json::from_serde(py, &self.lock().entries())
    }

    fn to_json(&self) -> String {
        self.lock().to_json()
    }

    fn __len__(&self) -> usize {
        self.lock().entries().len()
    }
}

fn documents(forms: &[PyRef<'_, Form>]) -> PyResult<Vec<meal_core::form::Form>> {
    forms.iter().map(|f| Ok(f.document()?.clone())).collect()
}
