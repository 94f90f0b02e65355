//! Data quality for Python: the checks document, and the scorecard and failures of a loaded
//! table as lists of dicts with exact `Decimal` shares.

use meal_core::quality;
use pyo3::prelude::*;

use crate::args::{self, Arg};
use crate::data::Loaded;
use crate::error::to_py;
use crate::exact::AwareDateTime;
use crate::finding::Finding;
use crate::json;

/// The decimal fields of scorecard rows and failures.
const QUALITY_DECIMALS: &[&str] = &["completeness", "reporting_rate", "timeliness"];

/// Which columns place a record and which checks run: `QualityChecks.from_json(text_or_dict)`.
#[pyclass(frozen, module = "meal")]
#[derive(Debug)]
pub struct QualityChecks {
    checks: quality::Checks,
    reading: Vec<meal_core::Finding>,
}

fn read_checks(document: &Bound<'_, PyAny>) -> PyResult<QualityChecks> {
    let parsed = quality::Checks::from_json(&json::to_text(document)?).map_err(to_py)?;
    Ok(QualityChecks {
        checks: parsed.value,
        reading: parsed.findings,
    })
}

#[pymethods]
impl QualityChecks {
    /// Reads a quality-checks document (JSON text or a dict).
    #[staticmethod]
    fn from_json(document: &Bound<'_, PyAny>) -> PyResult<Self> {
        read_checks(document)
    }

    /// Reading findings (unknown fields), sorted; with `schema` (a `Schema` or a document),
    /// also every problem of the checks for that table (a column it names that the schema
    /// lacks, of the wrong type, …).
    #[pyo3(signature = (locale = "en", schema = None))]
    fn findings(
        &self,
        #[pyo3(from_py_with = args::locale)] locale: &str,
        schema: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Vec<Finding>> {
        let mut all = self.reading.clone();
        if let Some(schema) = schema {
            let schema = crate::data::Schema::extract(schema)?;
            all = meal_core::error::merged_findings(&all, self.checks.check_against(&schema));
        }
        Ok(Finding::all(&all, locale))
    }

    /// The document as JSON text.
    fn to_json(&self) -> PyResult<String> {
        serde_json::to_string(&self.checks)
            .map_err(|e| pyo3::exceptions::PyValueError::new_err(e.to_string()))
    }

    fn __repr__(&self) -> String {
        "QualityChecks()".to_owned()
    }
}

/// The quality of a loaded table: `scorecard` (one dict per project, site and period) and
/// `failures` (one dict per failing check, with the input `row`), `rows_checked`.
#[pyclass(frozen, module = "meal")]
#[derive(Debug)]
pub struct QualityReport(pub quality::QualityReport);

#[pymethods]
impl QualityReport {
    /// Reads a report written by `to_json`: `json.malformed`, or `document.invalid`.
    #[staticmethod]
    fn from_json(json: Arg<String>) -> PyResult<Self> {
        json::from_text(&json, "quality_report")
            .map(QualityReport)
            .map_err(to_py)
    }

    /// The report as JSON text (decimals as strings, periods as ids).
    fn to_json(&self) -> PyResult<String> {
        serde_json::to_string(&self.0)
            .map_err(|e| pyo3::exceptions::PyValueError::new_err(e.to_string()))
    }

    /// Rows checked: loaded plus rejected.
    #[getter]
    fn rows_checked(&self) -> u64 {
        self.0.rows_checked
    }

    /// Rows the loader rejected (counted as invalid).
    #[getter]
    fn rows_rejected(&self) -> u64 {
        self.0.rows_rejected
    }

    /// Loaded rows no scorecard row could place (no usable date).
    #[getter]
    fn rows_unplaced(&self) -> u64 {
        self.0.rows_unplaced
    }

    /// The totals over the scorecard as a dict: counts, shares (`Decimal`) recomputed from
    /// their parts, and `failures` counted per check and code.
    fn summary<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json::with_decimals(py, &self.0.summary(), QUALITY_DECIMALS)
    }

    /// One dict per project, site and period: `records`, `completeness` and `timeliness`
    /// (`Decimal` shares or `None`), report counts and the count of each kind of failure.
    #[getter]
    fn scorecard<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json::with_decimals(py, &self.0.scorecard, QUALITY_DECIMALS)
    }

    /// One dict per failing check: `check`, `code`, `severity`, `project`, `site`, `period`,
    /// `row`, `column`, `value`, `params`.
    #[getter]
    fn failures<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json::from_serde(py, &self.0.failures)
    }

    fn _repr_html_(slf: &Bound<'_, Self>) -> PyResult<String> {
        crate::html::render(slf.as_any(), "quality")
    }

    fn __repr__(&self) -> String {
        format!(
            "QualityReport(rows_checked={}, scorecard={}, failures={})",
            self.0.rows_checked,
            self.0.scorecard.len(),
            self.0.failures.len()
        )
    }
}

/// Runs `checks` (`QualityChecks` or a document) over `loaded` — its rejected rows count as
/// invalid — with the clock at `now` (an aware `datetime`; the current time when omitted).
/// The GIL is released while checking.
#[pyfunction]
#[pyo3(signature = (loaded, checks, now = None))]
pub fn check_quality(
    py: Python<'_>,
    loaded: Arg<PyRef<'_, Loaded>>,
    checks: &Bound<'_, PyAny>,
    now: Option<AwareDateTime>,
) -> PyResult<QualityReport> {
    let checks = match checks.cast::<QualityChecks>() {
        Ok(checks) => checks.get().checks.clone(),
        Err(_) => read_checks(checks)?.checks,
    };
    let loaded = loaded.core();
    let now = crate::clock(now.map(|n| n.0));
    py.detach(|| quality::check(&loaded, &checks, now))
        .map(QualityReport)
        .map_err(to_py)
}
