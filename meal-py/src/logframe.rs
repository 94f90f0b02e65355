//! Logframes for Python.

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
    inner: logframe::Logframe,
    reading: Vec<meal_core::Finding>,
}

#[pymethods]
impl Logframe {
    /// Reads a logframe from JSON text.
    #[staticmethod]
    fn from_json(json: &str) -> PyResult<Self> {
        let parsed = logframe::Logframe::from_json(json).map_err(to_py)?;
        Ok(Logframe {
            inner: parsed.value,
            reading: parsed.findings,
        })
    }

    /// The canonical JSON text.
    fn to_json(&self) -> String {
        self.inner.to_json()
    }

    /// The project's code.
    #[getter]
    fn project_code(&self) -> String {
        self.inner.project.code.clone()
    }

    /// Codes of the objectives, in document order.
    #[getter]
    fn objective_codes(&self) -> Vec<String> {
        self.inner
            .objectives
            .iter()
            .map(|o| o.code.clone())
            .collect()
    }

    /// Codes of the indicators, in document order.
    #[getter]
    fn indicator_codes(&self) -> Vec<String> {
        self.inner
            .indicators
            .iter()
            .map(|i| i.code.clone())
            .collect()
    }

    /// Reading findings (unknown fields) and structural findings, sorted, in `locale`.
    #[pyo3(signature = (locale = "en"))]
    fn findings(&self, locale: &str) -> Vec<Finding> {
        let mut all = self.reading.clone();
        all.extend(self.inner.validate());
        meal_core::error::sort_findings(&mut all);
        Finding::all(&all, locale)
    }

    fn __repr__(&self) -> String {
        format!(
            "Logframe(project={:?}, objectives={}, indicators={})",
            self.inner.project.code,
            self.inner.objectives.len(),
            self.inner.indicators.len()
        )
    }
}
