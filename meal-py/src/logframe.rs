//! Logframes for Python.

use std::path::PathBuf;

use meal_core::logframe;
use meal_core::template;
use pyo3::prelude::*;
use pyo3::types::PyBytes;

use crate::args::{self, Arg};
use crate::error::to_py;
use crate::finding::Finding;
use crate::plan::{read_authored, workbook_out};

/// Reads and validates a logframe (JSON text): the findings, sorted by path then code, with
/// messages in `locale`. Raises `MealError` when the text cannot be read as a logframe at all
/// (`json.malformed`, `document.format_version`, `document.invalid`, `logframe.cycle`).
#[pyfunction]
#[pyo3(signature = (json, locale = "en"))]
pub fn check_logframe(
    json: Arg<String>,
    #[pyo3(from_py_with = args::locale)] locale: &str,
) -> PyResult<Vec<Finding>> {
    let findings = logframe::check(&json).map_err(to_py)?;
    Ok(Finding::all(&findings, locale))
}

/// A project's logframe: `Logframe.from_json(text)`.
#[pyclass(frozen, module = "meal")]
#[derive(Debug)]
pub struct Logframe {
    logframe: logframe::Logframe,
    /// What a reviewer sees, fixed when read: from JSON, the reading findings and the
    /// structural ones (JSON paths); from a workbook, the workbook's findings, which already
    /// hold the structural ones moved to their cells (so they are not added twice).
    findings: Vec<meal_core::Finding>,
}

impl Logframe {
    /// The logframe document, for operations that compute or report on it.
    pub fn core(&self) -> &logframe::Logframe {
        &self.logframe
    }
}

#[pymethods]
impl Logframe {
    /// Reads a logframe from JSON text.
    #[staticmethod]
    fn from_json(json: Arg<String>) -> PyResult<Self> {
        let parsed = logframe::Logframe::from_json(&json).map_err(to_py)?;
        Ok(Logframe {
            findings: logframe::all_findings(&parsed),
            logframe: parsed.value,
        })
    }

    /// Reads a logframe workbook of the template (`examples/templates/`, English or French
    /// headers): a path or the `.xlsx` bytes. `findings()` names the sheet, row and column
    /// (`objectives!C12`) of each problem. Raises `template.unreadable` (not an `.xlsx`),
    /// `template.missing_sheet`, or — when the workbook gives no logframe — its first
    /// blocking finding, with every finding in the error's `.findings`.
    #[staticmethod]
    fn from_xlsx(py: Python<'_>, source: &Bound<'_, PyAny>) -> PyResult<Self> {
        let (logframe, findings) = read_authored(py, source, template::logframe::from_xlsx)?;
        Ok(Logframe { logframe, findings })
    }

    /// The logframe as a template workbook (`bytes`) with headers in `locale` (`"en"`,
    /// `"fr"`), also written to `path` when one is given.
    #[pyo3(signature = (path = None, locale = "en"))]
    fn to_xlsx<'py>(
        &self,
        py: Python<'py>,
        path: Option<Arg<PathBuf>>,
        #[pyo3(from_py_with = args::locale)] locale: &str,
    ) -> PyResult<Bound<'py, PyBytes>> {
        let locale = crate::locale(locale);
        let bytes = py
            .detach(|| template::logframe::to_xlsx(&self.logframe, locale))
            .map_err(to_py)?;
        workbook_out(py, bytes, path.map(Arg::into_inner))
    }

    /// The canonical JSON text.
    fn to_json(&self) -> String {
        self.logframe.to_json()
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other
            .cast::<Logframe>()
            .is_ok_and(|o| o.get().logframe == self.logframe)
    }

    /// The project's code.
    #[getter]
    fn project_code(&self) -> String {
        self.logframe.project.code.clone()
    }

    /// Codes of the objectives, in document order.
    #[getter]
    fn objective_codes(&self) -> Vec<String> {
        self.logframe
            .objectives
            .iter()
            .map(|o| o.code.clone())
            .collect()
    }

    /// Codes of the indicators, in document order.
    #[getter]
    fn indicator_codes(&self) -> Vec<String> {
        self.logframe
            .indicators
            .iter()
            .map(|i| i.code.clone())
            .collect()
    }

    /// Reading findings (unknown fields) and structural findings, sorted, in `locale`.
    #[pyo3(signature = (locale = "en"))]
    fn findings(&self, #[pyo3(from_py_with = args::locale)] locale: &str) -> Vec<Finding> {
        Finding::all(&self.findings, locale)
    }

    fn _repr_html_(slf: &Bound<'_, Self>) -> PyResult<String> {
        crate::html::render(slf.as_any(), "logframe")
    }

    fn __repr__(&self) -> String {
        format!(
            "Logframe(project={:?}, objectives={}, indicators={})",
            self.logframe.project.code,
            self.logframe.objectives.len(),
            self.logframe.indicators.len()
        )
    }
}
