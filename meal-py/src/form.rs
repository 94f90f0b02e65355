//! Forms for Python: load from JSON or an XLSForm workbook, validate submissions (dicts or
//! JSON text), live-form state, JSON Schema export.

use chrono::{DateTime, FixedOffset};
use meal_core::form::{LoadedForm, Options};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PySequence, PyString};

use crate::args::{self, Arg};
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

/// The verdict on one submission, without the cleaned copy: `valid` and `findings` — what
/// `Form.check` and `Form.check_many` return.
#[pyclass(frozen, module = "meal", get_all, skip_from_py_object)]
#[derive(Debug)]
pub struct Verdict {
    valid: bool,
    findings: Vec<Finding>,
}

impl Verdict {
    fn from_core(verdict: &meal_core::form::Verdict) -> Self {
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

/// Submissions per native call when `check_many` shows progress: small enough for a bar that
/// moves, large enough that the crossings cost nothing next to the validation.
const PROGRESS_CHUNK: usize = 2_000;

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
            Err(_) => std::fs::read(args::source_path(source)?)?,
        };
        LoadedForm::from_xlsform(&bytes).map(Form).map_err(to_py)
    }

    /// What is wrong with the form itself, sorted by path then code, messages in `locale`.
    #[pyo3(signature = (locale = "en"))]
    fn findings(&self, #[pyo3(from_py_with = args::locale)] locale: &str) -> Vec<Finding> {
        Finding::all(self.0.findings(), locale)
    }

    /// Validates one submission (a dict, or JSON text) with messages in `locale` and the clock
    /// at `now` (an aware `datetime`; the current time when omitted).
    #[pyo3(signature = (submission, locale = "en", now = None))]
    fn validate(
        &self,
        py: Python<'_>,
        submission: &Bound<'_, PyAny>,
        #[pyo3(from_py_with = args::locale)] locale: &str,
        now: Option<Arg<DateTime<FixedOffset>>>,
    ) -> PyResult<Report> {
        let form = self.0.compiled().map_err(to_py)?;
        let text = json::to_text(submission)?;
        let options = options(locale, now.map(Arg::into_inner));
        let report = py
            .detach(|| form.validate(&text, &options))
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

    /// Checks one submission (a dict, or JSON text): the verdict without the cleaned copy,
    /// faster than `validate` when only validity and findings matter. The GIL is released
    /// while the core validates.
    ///
    /// >>> form.check({"consent": "yes", "size": 0}).valid   # doctest: +SKIP
    /// False
    #[pyo3(signature = (submission, locale = "en", now = None))]
    fn check(
        &self,
        py: Python<'_>,
        submission: &Bound<'_, PyAny>,
        #[pyo3(from_py_with = args::locale)] locale: &str,
        now: Option<Arg<DateTime<FixedOffset>>>,
    ) -> PyResult<Verdict> {
        let form = self.0.compiled().map_err(to_py)?;
        let text = json::to_text(submission)?;
        let options = options(locale, now.map(Arg::into_inner));
        let verdict = py.detach(|| form.check(&text, &options)).map_err(to_py)?;
        Ok(Verdict::from_core(&verdict))
    }

    /// Checks a batch: a list of submissions (dicts) or the JSON text of an array. One verdict
    /// per element, in order; an element that is not an object gets the blocking finding
    /// `form.submission_not_object` at its index (`/3`). The GIL is released while the core
    /// validates, on every core of the machine. `progress=True` shows a tqdm bar (needs
    /// `tqdm`), checking a list in chunks.
    #[pyo3(signature = (submissions, locale = "en", now = None, progress = false))]
    fn check_many(
        &self,
        py: Python<'_>,
        submissions: &Bound<'_, PyAny>,
        #[pyo3(from_py_with = args::locale)] locale: &str,
        now: Option<Arg<DateTime<FixedOffset>>>,
        #[pyo3(from_py_with = args::checked)] progress: bool,
    ) -> PyResult<Vec<Verdict>> {
        let form = self.0.compiled().map_err(to_py)?;
        let options = options(locale, now.map(Arg::into_inner));
        let batch = |text: String| {
            py.detach(|| form.check_many(&text, &options))
                .map_err(to_py)
        };
        let chunked = progress && !submissions.is_instance_of::<PyString>();
        let Some(list) = chunked
            .then(|| submissions.cast::<PySequence>().ok())
            .flatten()
        else {
            let verdicts = batch(json::to_text(submissions)?)?;
            return Ok(verdicts.iter().map(Verdict::from_core).collect());
        };
        let total = list.len()?;
        let bar = py
            .import("meal._progress")?
            .call_method1("bar", (total, "check_many"))?;
        let mut verdicts = Vec::with_capacity(total);
        for start in (0..total).step_by(PROGRESS_CHUNK) {
            let end = total.min(start.saturating_add(PROGRESS_CHUNK));
            let chunk = batch(json::dumps(list.get_slice(start, end)?.as_any())?)?;
            verdicts.extend(
                chunk
                    .iter()
                    .map(|v| at_offset(Verdict::from_core(v), start)),
            );
            bar.call_method1("update", (end - start,))?;
        }
        bar.call_method0("close")?;
        Ok(verdicts)
    }

    /// The live state of every field instance for a partial submission.
    #[pyo3(signature = (submission, locale = "en", now = None))]
    fn state(
        &self,
        py: Python<'_>,
        submission: &Bound<'_, PyAny>,
        #[pyo3(from_py_with = args::locale)] locale: &str,
        now: Option<Arg<DateTime<FixedOffset>>>,
    ) -> PyResult<Vec<FieldState>> {
        let form = self.0.compiled().map_err(to_py)?;
        let states = form
            .state(
                &json::to_text(submission)?,
                &options(locale, now.map(Arg::into_inner)),
            )
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
    fn _repr_html_(slf: &Bound<'_, Self>) -> PyResult<String> {
        crate::html::render(slf.as_any(), "verdict")
    }

    fn __repr__(&self) -> String {
        format!(
            "Report(valid={}, findings={})",
            self.valid,
            self.findings.len()
        )
    }
}

#[pymethods]
impl Verdict {
    fn _repr_html_(slf: &Bound<'_, Self>) -> PyResult<String> {
        crate::html::render(slf.as_any(), "verdict")
    }

    fn __repr__(&self) -> String {
        let valid = if self.valid { "True" } else { "False" };
        format!("Verdict(valid={valid}, findings={})", self.findings.len())
    }
}

/// A verdict of a chunk of a batch, with the index in the `form.submission_not_object` path
/// (the only finding a batch position is in) counted from the start of the whole batch.
fn at_offset(mut verdict: Verdict, offset: usize) -> Verdict {
    if offset > 0 {
        verdict.findings = verdict
            .findings
            .into_iter()
            .map(|f| f.with_batch_offset(offset))
            .collect();
    }
    verdict
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
