//! The IATI rules an activity file must keep beyond the schema (reference/logframes-indicators.md
//! §2 "Validator rules", §7.9 "Enforce rules … before export"), checked on the model so every
//! way in — an export from logframes, an import, a model built by hand — is held to them.
//!
//! | rule | how it is met |
//! |---|---|
//! | 8.5.1 numeric values when `result/@aggregation-status` is true | by construction: every value is a `Decimal` |
//! | 8.6.1 `period-start` ≤ `period-end` | refused: `iati.period_order` |
//! | 8.8.1 / 8.9.1 / 8.10.1 baseline / target / actual `@value` for measures 1–4 | refused: `iati.missing_value`; the export leaves out a target or actual it has no value for instead of writing one without |
//! | 8.11.1 no indicator reference when the result has one | the model has no result reference, so an export never writes one; an import refuses a file that breaks it (`iati.reference_conflict`, in `read.rs`) |
//!
//! Codelist codes outside their list (ResultType 1, 2, 3, 9; IndicatorMeasure 1–5) and a
//! baseline year that is not a positive integer are `iati.invalid` with the path.

use crate::error::MealError;

use super::model::{Activities, IatiIndicator, IatiPeriod};

/// ResultType codes (`1` output, `2` outcome, `3` impact, `9` other).
const RESULT_TYPES: [u8; 4] = [1, 2, 3, 9];

/// True for the IndicatorMeasure codes whose values must be given (rules 8.8.1–8.10.1).
fn needs_value(measure: u8) -> bool {
    (1..=4).contains(&measure)
}

impl Activities {
    /// Checks the IATI rules the schema does not (module docs). Paths are XPath-like with
    /// 1-based positions (`/iati-activities/iati-activity[1]/result[2]/indicator[1]/period[1]`).
    /// Errors: `iati.period_order`, `iati.missing_value`, `iati.invalid` (params `path`).
    pub fn validate(&self) -> Result<(), MealError> {
        for (a, activity) in self.activities.iter().enumerate() {
            let activity_path = format!("/iati-activities/iati-activity[{}]", a + 1);
            for (r, result) in activity.results.iter().enumerate() {
                let result_path = format!("{activity_path}/result[{}]", r + 1);
                if !RESULT_TYPES.contains(&result.result_type) {
                    return Err(invalid(&format!("{result_path}/@type")));
                }
                for (i, indicator) in result.indicators.iter().enumerate() {
                    check_indicator(indicator, &format!("{result_path}/indicator[{}]", i + 1))?;
                }
            }
        }
        Ok(())
    }
}

/// `iati.invalid` at `path`.
pub(super) fn invalid(path: &str) -> MealError {
    MealError::new("iati.invalid").at(path).with("path", path)
}

fn check_indicator(indicator: &IatiIndicator, path: &str) -> Result<(), MealError> {
    if !(1..=5).contains(&indicator.measure) {
        return Err(invalid(&format!("{path}/@measure")));
    }
    if let Some(baseline) = &indicator.baseline {
        let baseline_path = format!("{path}/baseline[1]");
        if baseline.year < 1 {
            return Err(invalid(&format!("{baseline_path}/@year")));
        }
        if needs_value(indicator.measure) && baseline.value.is_none() {
            return Err(missing_value(&baseline_path));
        }
    }
    for (p, period) in indicator.periods.iter().enumerate() {
        check_period(
            period,
            indicator.measure,
            &format!("{path}/period[{}]", p + 1),
        )?;
    }
    Ok(())
}

fn check_period(period: &IatiPeriod, measure: u8, path: &str) -> Result<(), MealError> {
    if period.start > period.end {
        return Err(MealError::new("iati.period_order")
            .at(path)
            .with("path", path)
            .with("start", period.start)
            .with("end", period.end));
    }
    let kinds = [("target", &period.targets), ("actual", &period.actuals)];
    for (kind, values) in kinds {
        for (v, value) in values.iter().enumerate() {
            if needs_value(measure) && value.value.is_none() {
                return Err(missing_value(&format!("{path}/{kind}[{}]", v + 1)));
            }
        }
    }
    Ok(())
}

fn missing_value(path: &str) -> MealError {
    MealError::new("iati.missing_value")
        .at(path)
        .with("path", path)
}
