//! Forms for Python: load from JSON or an XLSForm workbook, validate submissions (dicts or
//! JSON text), live-form state, JSON Schema export.

use std::path::PathBuf;

use chrono::{DateTime, FixedOffset};
use meal_core::form::{LoadedForm, Options};
use pyo3::prelude::*;
use pyo3::types::PyBytes;

use crate::error::to_py;
use crate::finding::Finding;
use crate::json;

/// A form, read and compiled: `Form.from_xlsform("consultation.xlsx")` or
/// `Form.from_json(text)`. `findings` lists what is wrong with the form itself.
#[pyclass(frozen, module = "meal")]
#[derive(Debug)]
pub struct Form(LoadedForm);

/// The verdict on one submission: `valid`, `findings` (with messages), and `cleaned` — the
/// submission as it would be stored (non-relevant values removed, calculations computed).
#[pyclass(frozen, module = "meal", get_all, skip_from_py_object)]
#[derive(Debug)]
pub struct Report {
    valid: bool,
    findings: Vec<Finding>,
    cleaned: Py<PyAny>,
}

/// The state of one field instance, for a UI on every keystroke.
#[pyclass(frozen, module = "meal", get_all, skip_from_py_object)]
#[derive(Debug)]
pub struct FieldState {
    path: String,
    relevant: bool,
    required: bool,
    read_only: bool,
    value: Py<PyAny>,
    findings: Vec<Finding>,
}

impl Form {
    /// The form document, for operations that read its schema (privacy classification).
    /// `form.not_compilable` when the form could not be built.
    pub fn document(&self) -> PyResult<&meal_core::form::Form> {
        self.0.compiled().map(|c| c.form()).map_err(to_py)
    }

    /// The compiled form, for operations that read its fields (a table schema).
    /// `form.not_compilable` when the form could not be built.
    pub fn compiled(&self) -> PyResult<&meal_core::form::CompiledForm> {
        self.0.compiled().map_err(to_py)
    }
}

#[pymethods]
impl Form {
    /// Reads a form from its JSON document (text, or a dict).
    #[staticmethod]
    fn from_json(document: &Bound<'_, PyAny>) -> PyResult<Self> {
        LoadedForm::from_json(&json::to_text(document)?)
            .map(Form)
            .map_err(to_py)
    }

    /// Reads an XLSForm workbook: a path to an `.xlsx` file, or its bytes.
    #[staticmethod]
    fn from_xlsform(source: &Bound<'_, PyAny>) -> PyResult<Self> {
        let bytes = match source.cast::<PyBytes>() {
            Ok(bytes) => bytes.as_bytes().to_vec(),
            Err(_) => std::fs::read(source.extract::<PathBuf>()?)?,
        };
        LoadedForm::from_xlsform(&bytes).map(Form).map_err(to_py)
    }

    /// What is wrong with the form itself, sorted by path then code, messages in `locale`.
    #[pyo3(signature = (locale = "en"))]
    fn findings(&self, locale: &str) -> Vec<Finding> {
        Finding::all(self.0.findings(), locale)
    }

    /// Validates one submission (a dict, or JSON text) with messages in `locale` and the clock
    /// at `now` (an aware `datetime`; the current time when omitted).
    #[pyo3(signature = (submission, locale = "en", now = None))]
    fn validate(
        &self,
        py: Python<'_>,
        submission: &Bound<'_, PyAny>,
        locale: &str,
        now: Option<DateTime<FixedOffset>>,
    ) -> PyResult<Report> {
        let form = self.0.compiled().map_err(to_py)?;
        let report = form
            .validate(&json::to_text(submission)?, &options(locale, now))
            .map_err(to_py)?;
        Ok(Report {
            valid: report.valid,
            findings: report
                .findings
                .iter()
                .map(Finding::from_submission)
                .collect(),
            cleaned: json::to_python(py, &report.cleaned)?.unbind(),
        })
    }

    /// The live state of every field instance for a partial submission.
    #[pyo3(signature = (submission, locale = "en", now = None))]
    fn state(
        &self,
        py: Python<'_>,
        submission: &Bound<'_, PyAny>,
        locale: &str,
        now: Option<DateTime<FixedOffset>>,
    ) -> PyResult<Vec<FieldState>> {
        let form = self.0.compiled().map_err(to_py)?;
        let states = form
            .state(&json::to_text(submission)?, &options(locale, now))
            .map_err(to_py)?;
        states
            .iter()
            .map(|s| {
                Ok(FieldState {
                    path: s.path.clone(),
                    relevant: s.relevant,
                    required: s.required,
                    read_only: s.read_only,
                    value: json::to_python(py, &s.value)?.unbind(),
                    findings: s.findings.iter().map(Finding::from_submission).collect(),
                })
            })
            .collect()
    }

    /// The JSON Schema (draft 2020-12) of the submissions, as a dict.
    fn json_schema<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let form = self.0.compiled().map_err(to_py)?;
        json::to_python(py, &form.json_schema())
    }

    /// The canonical JSON form document.
    fn to_json(&self) -> PyResult<String> {
        Ok(self.0.compiled().map_err(to_py)?.form().to_json())
    }

    fn __repr__(&self) -> String {
        match self.0.compiled() {
            Ok(form) => format!(
                "Form(id={:?}, version={:?})",
                form.form().id,
                form.form().version
            ),
            Err(_) => format!("Form(unusable, findings={})", self.0.findings().len()),
        }
    }
}

#[pymethods]
impl Report {
    fn __repr__(&self) -> String {
        format!(
            "Report(valid={}, findings={})",
            self.valid,
            self.findings.len()
        )
    }
}

#[pymethods]
impl FieldState {
    fn __repr__(&self) -> String {
        format!(
            "FieldState(path={:?}, relevant={}, required={}, read_only={})",
            self.path, self.relevant, self.required, self.read_only
        )
    }
}

fn options(locale: &str, now: Option<DateTime<FixedOffset>>) -> Options {
    Options {
        locale: locale.to_owned(),
        now: crate::clock(now),
    }
}
