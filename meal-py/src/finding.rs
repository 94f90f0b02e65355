//! Findings and message rendering for Python.

use std::collections::BTreeMap;

use meal_core::i18n;
use pyo3::prelude::*;

use crate::args::{self, Arg};
use crate::locale;

/// One validation result: stable `code`, `path` into the document, `severity`
/// (`"error"`, `"warning"`, `"info"`), `params`, and `message` in the requested language.
#[pyclass(frozen, module = "meal", eq, hash, skip_from_py_object)]
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Finding {
    #[pyo3(get)]
    code: String,
    #[pyo3(get)]
    path: String,
    #[pyo3(get)]
    severity: String,
    params: BTreeMap<String, String>,
    #[pyo3(get)]
    message: String,
}

#[pymethods]
impl Finding {
    /// Values interpolated into the message.
    #[getter]
    fn params(&self) -> BTreeMap<String, String> {
        self.params.clone()
    }

    /// True when the finding blocks use of the document.
    #[getter]
    fn is_blocking(&self) -> bool {
        self.severity == "error"
    }

    /// The finding as a dict (`code`, `path`, `severity`, `params`, `message`): a list of them
    /// is a `pandas.DataFrame([f.to_dict() for f in findings])`.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, pyo3::types::PyDict>> {
        let dict = pyo3::types::PyDict::new(py);
        dict.set_item("code", &self.code)?;
        dict.set_item("path", &self.path)?;
        dict.set_item("severity", &self.severity)?;
        dict.set_item("params", self.params.clone())?;
        dict.set_item("message", &self.message)?;
        Ok(dict)
    }

    fn _repr_html_(slf: &Bound<'_, Self>) -> PyResult<String> {
        crate::html::render(slf.as_any(), "findings")
    }

    fn __repr__(&self) -> String {
        format!(
            "Finding(code={:?}, path={:?}, severity={:?})",
            self.code, self.path, self.severity
        )
    }
}

impl Finding {
    /// The stable code.
    pub fn code(&self) -> &str {
        &self.code
    }

    pub fn from_core(finding: &meal_core::Finding, tag: &str) -> Self {
        Finding {
            code: finding.code.clone(),
            path: finding.path.clone(),
            severity: finding.severity.as_str().to_owned(),
            params: finding.params.clone(),
            message: finding.message(locale(tag)),
        }
    }

    /// A submission finding, whose message the form engine already rendered (the form
    /// author's when there is one).
    pub fn from_submission(found: &meal_core::form::SubmissionFinding) -> Self {
        Finding {
            code: found.finding.code.clone(),
            path: found.finding.path.clone(),
            severity: found.finding.severity.as_str().to_owned(),
            params: found.finding.params.clone(),
            message: found.message.clone(),
        }
    }

    /// This finding of a batch chunk starting at `offset`: a `form.submission_not_object`
    /// path (`/3`) counts from the start of the whole batch; other findings are unchanged.
    pub fn with_batch_offset(mut self, offset: usize) -> Self {
        let index = self
            .path
            .strip_prefix('/')
            .and_then(|i| i.parse::<usize>().ok());
        if let (true, Some(index)) = (self.code == "form.submission_not_object", index) {
            self.path = format!("/{}", index.saturating_add(offset));
        }
        self
    }

    pub fn all(findings: &[meal_core::Finding], tag: &str) -> Vec<Finding> {
        findings
            .iter()
            .map(|f| Finding::from_core(f, tag))
            .collect()
    }
}

/// The message of a stable `code` with `params`, in `locale` (`"fr"`, `"en"`; others → English).
#[pyfunction]
#[pyo3(signature = (code, params = None, locale = "en"))]
pub fn render_message(
    code: Arg<String>,
    params: Option<Arg<BTreeMap<String, String>>>,
    #[pyo3(from_py_with = args::locale)] locale: &str,
) -> String {
    i18n::render(&code, &params.unwrap_or_default(), crate::locale(locale))
}
