//! Indicators for JavaScript.

use meal_core::indicator::{self, Thresholds};
use meal_core::input::parse_decimal;
use rust_decimal::Decimal;
use tsify::{Ts, Tsify};
use wasm_bindgen::prelude::*;

use crate::dto::{self, Assessment, Observation};
use crate::error::{bad_argument, to_js};
use crate::period::Period;

/// An indicator definition: `Indicator.fromJson(text)`.
#[wasm_bindgen]
#[derive(Debug)]
pub struct Indicator(indicator::Indicator);

#[wasm_bindgen]
impl Indicator {
    /// Reads one indicator definition from JSON text.
    #[wasm_bindgen(js_name = fromJson)]
    pub fn from_json(json: &str) -> Result<Indicator, JsValue> {
        indicator::Indicator::from_json(json)
            .map(Indicator)
            .map_err(to_js)
    }

    /// The indicator's code.
    #[wasm_bindgen(getter)]
    pub fn code(&self) -> String {
        self.0.code.clone()
    }

    /// The target of `period` (total cell) as a decimal string, or `undefined`.
    #[wasm_bindgen(js_name = targetFor)]
    pub fn target_for(&self, period: &Period) -> Option<String> {
        self.0.target_for(&period.0).map(decimal_text)
    }

    /// The value of `period` from `observations` under the indicator's aggregation, or
    /// `undefined` when no observation counts for it.
    #[wasm_bindgen(js_name = actualFor)]
    pub fn actual_for(
        &self,
        period: &Period,
        observations: Vec<Ts<Observation>>,
    ) -> Result<Option<String>, JsValue> {
        let observations = observations
            .iter()
            .map(|o| {
                o.to_rust()
                    .map_err(bad_argument)
                    .and_then(|o| observation(&o).map_err(to_js))
            })
            .collect::<Result<Vec<_>, _>>()?;
        let actual = self.0.actual_for(&period.0, &observations).map_err(to_js)?;
        Ok(actual.map(decimal_text))
    }

    /// Sets `actual` (a decimal string, or `null` when nothing was reported) against the target
    /// of `period`, with `thresholds` (the defaults when omitted).
    pub fn assess(
        &self,
        period: &Period,
        actual: Option<String>,
        thresholds: Option<Ts<dto::Thresholds>>,
    ) -> Result<Ts<Assessment>, JsValue> {
        let actual = actual
            .as_deref()
            .map(parse_decimal)
            .transpose()
            .map_err(to_js)?;
        let thresholds = match thresholds {
            Some(given) => {
                core_thresholds(&given.to_rust().map_err(bad_argument)?).map_err(to_js)?
            }
            None => Thresholds::default(),
        };
        let assessment = self.0.assess(&period.0, actual, &thresholds);
        Assessment {
            period: assessment.period.id(),
            target: assessment.target.map(decimal_text),
            actual: assessment.actual.map(decimal_text),
            achievement: assessment.achievement.map(decimal_text),
            status: assessment.status.as_str().to_owned(),
        }
        .into_ts()
        .map_err(bad_argument)
    }
}

fn core_thresholds(given: &dto::Thresholds) -> Result<Thresholds, meal_core::MealError> {
    let defaults = Thresholds::default();
    Ok(Thresholds {
        on_track: given
            .on_track
            .as_deref()
            .map(parse_decimal)
            .transpose()?
            .unwrap_or(defaults.on_track),
        at_risk: given
            .at_risk
            .as_deref()
            .map(parse_decimal)
            .transpose()?
            .unwrap_or(defaults.at_risk),
    })
}

fn observation(o: &Observation) -> Result<indicator::Observation, meal_core::MealError> {
    Ok(indicator::Observation {
        period: meal_core::period::Period::parse(&o.period)?,
        value: parse_decimal(&o.value)?,
        denominator: o.denominator.as_deref().map(parse_decimal).transpose()?,
    })
}

/// Decimals leave in normalised form ("0.8", never "0.8000"), as in every binding.
fn decimal_text(value: Decimal) -> String {
    value.normalize().to_string()
}
