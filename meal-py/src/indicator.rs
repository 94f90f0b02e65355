//! Indicators for Python, with exact `decimal.Decimal` figures.

use meal_core::indicator;
use pyo3::prelude::*;
use rust_decimal::Decimal;

use crate::args::Arg;
use crate::error::to_py;
use crate::exact::ExactDecimal;
use crate::period::Period;

/// An indicator definition: `Indicator.from_json(text)`.
#[pyclass(frozen, module = "meal")]
#[derive(Debug)]
pub struct Indicator(indicator::Indicator);

/// One reported value of a period; for ratios `value` is the numerator.
#[pyclass(frozen, module = "meal", get_all, from_py_object)]
#[derive(Debug, Clone)]
pub struct Observation {
    period: Period,
    value: Decimal,
    denominator: Option<Decimal>,
}

#[pymethods]
impl Observation {
    #[new]
    #[pyo3(signature = (period, value, denominator = None))]
    fn new(period: Arg<Period>, value: ExactDecimal, denominator: Option<ExactDecimal>) -> Self {
        Observation {
            period: period.into_inner(),
            value: value.0,
            denominator: denominator.map(|d| d.0),
        }
    }

    fn __repr__(&self) -> String {
        format!(
            "Observation({:?}, {}, {:?})",
            self.period.0.id(),
            self.value,
            self.denominator
        )
    }
}

/// Achievement thresholds (fractions of the target) separating on track / at risk / off track.
/// `Thresholds()` gives the documented defaults (0.85 and 0.60).
#[pyclass(frozen, module = "meal", get_all, from_py_object)]
#[derive(Debug, Clone, Copy)]
pub struct Thresholds {
    on_track: Decimal,
    at_risk: Decimal,
}

#[pymethods]
impl Thresholds {
    #[new]
    #[pyo3(signature = (on_track = None, at_risk = None))]
    fn new(on_track: Option<ExactDecimal>, at_risk: Option<ExactDecimal>) -> Self {
        let defaults = indicator::Thresholds::default();
        Thresholds {
            on_track: on_track.map_or(defaults.on_track, |d| d.0),
            at_risk: at_risk.map_or(defaults.at_risk, |d| d.0),
        }
    }

    fn __repr__(&self) -> String {
        format!(
            "Thresholds(on_track={}, at_risk={})",
            self.on_track, self.at_risk
        )
    }
}

/// An actual value set against the target of a period.
#[pyclass(frozen, module = "meal", get_all, skip_from_py_object)]
#[derive(Debug, Clone)]
pub struct Assessment {
    period: Period,
    target: Option<Decimal>,
    actual: Option<Decimal>,
    /// Fraction of the target achieved (1 = 100 %).
    achievement: Option<Decimal>,
    /// `"on_track"`, `"at_risk"`, `"off_track"`, `"no_data"` or `"no_target"`.
    status: &'static str,
}

#[pymethods]
impl Assessment {
    fn _repr_html_(slf: &Bound<'_, Self>) -> PyResult<String> {
        crate::html::render(slf.as_any(), "assessment")
    }

    fn __repr__(&self) -> String {
        format!(
            "Assessment(period={:?}, target={:?}, actual={:?}, achievement={:?}, status={:?})",
            self.period.0.id(),
            self.target,
            self.actual,
            self.achievement,
            self.status
        )
    }
}

#[pymethods]
impl Indicator {
    /// Reads one indicator definition from JSON text.
    #[staticmethod]
    fn from_json(json: Arg<String>) -> PyResult<Self> {
        indicator::Indicator::from_json(&json)
            .map(Indicator)
            .map_err(to_py)
    }

    /// The indicator's code.
    #[getter]
    fn code(&self) -> String {
        self.0.code.clone()
    }

    /// The target of `period` (total cell), or `None`.
    fn target_for(&self, period: Arg<PyRef<'_, Period>>) -> Option<Decimal> {
        self.0.target_for(&period.0)
    }

    /// The value of `period` from `observations` under the indicator's aggregation, or `None`
    /// when no observation counts for it.
    fn actual_for(
        &self,
        period: Arg<PyRef<'_, Period>>,
        observations: Arg<Vec<Observation>>,
    ) -> PyResult<Option<Decimal>> {
        let observations: Vec<indicator::Observation> = observations
            .into_inner()
            .into_iter()
            .map(|o| indicator::Observation {
                period: o.period.0,
                value: o.value,
                denominator: o.denominator,
            })
            .collect();
        self.0.actual_for(&period.0, &observations).map_err(to_py)
    }

    /// Sets `actual` (or `None` when nothing was reported) against the target of `period`, with
    /// `thresholds` (the defaults when omitted).
    #[pyo3(signature = (period, actual, thresholds = None))]
    fn assess(
        &self,
        period: Arg<PyRef<'_, Period>>,
        actual: Option<ExactDecimal>,
        thresholds: Option<Arg<Thresholds>>,
    ) -> Assessment {
        let thresholds =
            thresholds.map_or_else(indicator::Thresholds::default, |t| indicator::Thresholds {
                on_track: t.on_track,
                at_risk: t.at_risk,
            });
        let a = self.0.assess(&period.0, actual.map(|a| a.0), &thresholds);
        Assessment {
            period: Period(a.period),
            target: a.target,
            actual: a.actual,
            achievement: a.achievement,
            status: a.status.as_str(),
        }
    }

    fn __repr__(&self) -> String {
        format!("Indicator({:?})", self.0.code)
    }
}
