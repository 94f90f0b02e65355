//! Periods (DHIS2 ids) for Python.

use chrono::NaiveDate;
use meal_core::period::{self, PeriodType};
use pyo3::basic::CompareOp;
use pyo3::prelude::*;

use crate::args::Arg;
use crate::error::to_py;

/// A reporting period: `Period.parse("2026Q1")` or `Period("2026Q1")`.
///
/// >>> q1 = Period("2026Q1")
/// >>> q1.start, q1.end
/// (datetime.date(2026, 1, 1), datetime.date(2026, 3, 31))
/// >>> [p.id for p in q1.periods_within("Monthly")]
/// ['202601', '202602', '202603']
#[pyclass(frozen, module = "meal", from_py_object)]
#[derive(Debug, Clone, Copy)]
pub struct Period(pub(crate) period::Period);

impl Period {
    /// `Period.parse` for the other modules, which read ids out of larger arguments.
    pub fn parse(id: &str) -> PyResult<Self> {
        period::Period::parse(id).map(Period).map_err(to_py)
    }
}

#[pymethods]
impl Period {
    #[new]
    fn new(id: Arg<String>) -> PyResult<Self> {
        Self::parse(&id)
    }

    /// Parses a DHIS2 period id (`2026W5`, `202603`, `2026Q1`, `2026AprilS1`, `2026April`, …).
    #[staticmethod]
    #[pyo3(name = "parse")]
    fn parse_id(id: Arg<String>) -> PyResult<Self> {
        Self::parse(&id)
    }

    /// The period of `period_type` (a DHIS2 type name such as `"Quarterly"`) containing `date`.
    #[staticmethod]
    fn containing(period_type: Arg<String>, date: Arg<NaiveDate>) -> PyResult<Self> {
        let period_type = PeriodType::from_name(&period_type).map_err(to_py)?;
        period::Period::containing(period_type, date.into_inner())
            .map(Period)
            .map_err(to_py)
    }

    /// The canonical id.
    #[getter]
    fn id(&self) -> String {
        self.0.id()
    }

    /// The DHIS2 period type name.
    #[getter]
    fn period_type(&self) -> &'static str {
        self.0.period_type().name()
    }

    /// First day.
    #[getter]
    fn start(&self) -> NaiveDate {
        self.0.start()
    }

    /// Last day (inclusive).
    #[getter]
    fn end(&self) -> NaiveDate {
        self.0.end()
    }

    /// True when `date` lies in the period (also `date in period`).
    fn contains(&self, date: Arg<NaiveDate>) -> bool {
        self.0.contains(date.into_inner())
    }

    fn __contains__(&self, date: Arg<NaiveDate>) -> bool {
        self.0.contains(date.into_inner())
    }

    /// The following period of the same type.
    fn next(&self) -> PyResult<Self> {
        self.0.next().map(Period).map_err(to_py)
    }

    /// The preceding period of the same type.
    fn previous(&self) -> PyResult<Self> {
        self.0.previous().map(Period).map_err(to_py)
    }

    /// The periods of `period_type` lying wholly inside this one.
    fn periods_within(&self, period_type: Arg<String>) -> PyResult<Vec<Self>> {
        let inner = PeriodType::from_name(&period_type).map_err(to_py)?;
        Ok(self
            .0
            .periods_within(inner)
            .into_iter()
            .map(Period)
            .collect())
    }

    fn __str__(&self) -> String {
        self.0.id()
    }

    fn __repr__(&self) -> String {
        format!("Period({:?})", self.0.id())
    }

    fn __hash__(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        self.0.hash(&mut hasher);
        hasher.finish()
    }

    /// Periods compare by start, then end, then type, so sorting gives calendar order.
    fn __richcmp__(&self, other: PyRef<'_, Period>, op: CompareOp) -> bool {
        let key = |p: &period::Period| (p.start(), p.end(), p.period_type());
        op.matches(key(&self.0).cmp(&key(&other.0)))
    }
}

/// Every period of `period_type` overlapping `start`..`end` (inclusive), in order.
#[pyfunction]
pub fn periods_between(
    period_type: Arg<String>,
    start: Arg<NaiveDate>,
    end: Arg<NaiveDate>,
) -> PyResult<Vec<Period>> {
    let period_type = PeriodType::from_name(&period_type).map_err(to_py)?;
    let periods = period::periods_between(period_type, start.into_inner(), end.into_inner())
        .map_err(to_py)?;
    Ok(periods.into_iter().map(Period).collect())
}
