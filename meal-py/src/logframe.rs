//! Logframes for Python.

use meal_core::document::Parsed;
use meal_core::logframe;
use pyo3::prelude::*;

use crate::error::to_py;
use crate::finding::Finding;

/// Reads and validates a logframe (JSON text): the findings, sorted by path then code, with
/// messages in `locale`. Raises `MealError` when the text cannot be read as a logframe at all
/// (`json.malformed`, `document.format_version`, `document.invalid`, `logframe.cycle`).
#[pyfunction]
#[pyo3(signature = (json, locale = "en"))]
pub fn check_logframe(json: &str, locale: &str) -> PyResult<Vec<Finding>> {
    let findings = logframe::check(json).map_err(to_py)?;
    Ok(Finding::all(&findings, locale))
}

/// A project's logframe: `Logframe.from_json(text)`.
#[pyclass(frozen, module = "meal")]
#[derive(Debug)]
pub struct Logframe {
    parsed: Parsed<logframe::Logframe>,
}

impl Logframe {
    /// The logframe document, for operations that compute or report on it.
    pub fn core(&self) -> &logframe::Logframe {
        &self.parsed.value
    }
}

#[pymethods]
impl Logframe {
    /// Reads a logframe from JSON text.
    #[staticmethod]
    fn from_json(json: &str) -> PyResult<Self> {
        let parsed = logframe::Logframe::from_json(json).map_err(to_py)?;
        Ok(Logframe { parsed })
    }

    /// The canonical JSON text.
    fn to_json(&self) -> String {
        self.parsed.value.to_json()
    }

    /// The project's code.
    #[getter]
    fn project_code(&self) -> String {
        self.parsed.value.project.code.clone()
    }

    /// Codes of the objectives, in document order.
    #[getter]
    fn objective_codes(&self) -> Vec<String> {
        self.parsed
            .value
            .objectives
            .iter()
            .map(|o| o.code.clone())
            .collect()
    }

    /// Codes of the indicators, in document order.
    #[getter]
    fn indicator_codes(&self) -> Vec<String> {
        self.parsed
            .value
            .indicators
            .iter()
            .map(|i| i.code.clone())
            .collect()
    }

    /// Reading findings (unknown fields) and structural findings, sorted, in `locale`.
    #[pyo3(signature = (locale = "en"))]
    fn findings(&self, locale: &str) -> Vec<Finding> {
        let all = logframe::all_findings(&self.parsed);
        Finding::all(&all, locale)
    }

    fn __repr__(&self) -> String {
        format!(
            "Logframe(project={:?}, objectives={}, indicators={})",
            self.parsed.value.project.code,
            self.parsed.value.objectives.len(),
            self.parsed.value.indicators.len()
        )
    }
}
