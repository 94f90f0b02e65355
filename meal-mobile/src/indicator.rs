//! `Indicator`: targets, actual values from observations, achievement and status.

use std::sync::Arc;

use meal_core::indicator::{self, Thresholds};

use crate::error::Result;
use crate::period::Period;
use crate::types::DecimalString;

/// Achievement thresholds, as fractions of the target: at or above `on_track` is on track, at or
/// above `at_risk` is at risk, below is off track. `defaultThresholds()` gives the documented
/// defaults.
#[uniffi::remote(Record)]
pub struct Thresholds {
    /// Achievement at or above this is on track.
    pub on_track: DecimalString,
    /// Achievement at or above this (and below `on_track`) is at risk; below is off track.
    pub at_risk: DecimalString,
}

/// The core's default thresholds.
#[uniffi::export]
pub fn default_thresholds() -> Thresholds {
    Thresholds::default()
}

/// One reported value. `period` is a DHIS2 period id; `value` and `denominator` are decimal
/// strings. For ratio measures `value` is the numerator and `denominator` is required; for the
/// other measures `denominator` must be absent.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Observation {
    /// The period the value is for (DHIS2 id).
    pub period: String,
    /// The value (the numerator for a ratio).
    pub value: DecimalString,
    /// The denominator of a ratio.
    #[uniffi(default = None)]
    pub denominator: Option<DecimalString>,
}

impl Observation {
    fn to_core(&self) -> Result<indicator::Observation> {
        Ok(indicator::Observation {
            period: meal_core::period::Period::parse(&self.period)?,
            value: self.value,
            denominator: self.denominator,
        })
    }
}

/// An actual value set against the target of a period.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Assessment {
    /// The period's DHIS2 id.
    pub period: String,
    /// The period's target, if any.
    pub target: Option<DecimalString>,
    /// The actual value, if any.
    pub actual: Option<DecimalString>,
    /// Fraction of the target achieved (1 = 100 %), when both are known.
    pub achievement: Option<DecimalString>,
    /// `on_track`, `at_risk`, `off_track`, `no_data` or `no_target`.
    pub status: String,
}

impl From<indicator::Assessment> for Assessment {
    fn from(assessment: indicator::Assessment) -> Self {
        Assessment {
            period: assessment.period.id(),
            target: assessment.target,
            actual: assessment.actual,
            achievement: assessment.achievement,
            status: serde_name(&assessment.status),
        }
    }
}

/// The JSON name of a status (`on_track`): the one spelling every binding shares.
fn serde_name(status: &indicator::Status) -> String {
    match serde_json::to_value(status) {
        Ok(serde_json::Value::String(name)) => name,
        _ => String::new(),
    }
}

/// An indicator definition, read from its JSON form. Immutable.
#[derive(Debug, uniffi::Object)]
pub struct Indicator(indicator::Indicator);

#[uniffi::export]
impl Indicator {
    /// Reads one indicator definition. Error `json.malformed`.
    #[uniffi::constructor]
    pub fn from_json(json: String) -> Result<Arc<Indicator>> {
        Ok(Arc::new(Indicator(indicator::Indicator::from_json(&json)?)))
    }

    /// The indicator's code.
    pub fn code(&self) -> String {
        self.0.code.clone()
    }

    /// The target of `period` (the total cell) under the indicator's aggregation, or null.
    pub fn target_for(&self, period: Arc<Period>) -> Option<DecimalString> {
        self.0.target_for(&period.0)
    }

    /// The value of `period` from `observations`, under the indicator's aggregation; null when
    /// no observation counts for it. Errors `indicator.observation_mismatch`, `period.invalid`,
    /// `input.decimal`.
    pub fn actual_for(
        &self,
        period: Arc<Period>,
        observations: Vec<Observation>,
    ) -> Result<Option<DecimalString>> {
        let observations = observations
            .iter()
            .map(Observation::to_core)
            .collect::<Result<Vec<_>>>()?;
        Ok(self.0.actual_for(&period.0, &observations)?)
    }

    /// Sets `actual` (null when nothing was reported) against the target of `period`, with
    /// `thresholds` or, when null, the defaults. Error `input.decimal`.
    #[uniffi::method(default(thresholds = None))]
    pub fn assess(
        &self,
        period: Arc<Period>,
        actual: Option<DecimalString>,
        thresholds: Option<Thresholds>,
    ) -> Result<Assessment> {
        let thresholds = thresholds.unwrap_or_default();
        Ok(self.0.assess(&period.0, actual, &thresholds).into())
    }
}
