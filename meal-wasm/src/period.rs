//! Periods (DHIS2 ids) for JavaScript.

use meal_core::input::parse_date;
use meal_core::period::{self, PeriodType};
use tsify::{Ts, Tsify};
use wasm_bindgen::prelude::*;

use crate::dto::PeriodData;
use crate::error::to_js;

/// A reporting period: `Period.parse("2026Q1")`.
#[wasm_bindgen]
#[derive(Debug, Clone, Copy)]
pub struct Period(pub(crate) period::Period);

#[wasm_bindgen]
impl Period {
    /// Parses a DHIS2 period id (`2026W5`, `202603`, `2026Q1`, `2026AprilS1`, `2026April`, …).
    pub fn parse(id: &str) -> Result<Period, JsValue> {
        period::Period::parse(id).map(Period).map_err(to_js)
    }

    /// The period of `periodType` (a DHIS2 type name such as `"Quarterly"`) containing `date`
    /// (`YYYY-MM-DD`).
    pub fn containing(
        #[wasm_bindgen(js_name = periodType)] period_type: &str,
        date: &str,
    ) -> Result<Period, JsValue> {
        let period_type = PeriodType::from_name(period_type).map_err(to_js)?;
        let date = parse_date(date).map_err(to_js)?;
        period::Period::containing(period_type, date)
            .map(Period)
            .map_err(to_js)
    }

    /// The canonical id.
    #[wasm_bindgen(getter)]
    pub fn id(&self) -> String {
        self.0.id()
    }

    /// The DHIS2 period type name.
    #[wasm_bindgen(getter, js_name = periodType)]
    pub fn period_type(&self) -> String {
        self.0.period_type().name().to_owned()
    }

    /// First day, `YYYY-MM-DD`.
    #[wasm_bindgen(getter)]
    pub fn start(&self) -> String {
        self.0.start().to_string()
    }

    /// Last day (inclusive), `YYYY-MM-DD`.
    #[wasm_bindgen(getter)]
    pub fn end(&self) -> String {
        self.0.end().to_string()
    }

    /// True when `date` (`YYYY-MM-DD`) lies in the period.
    pub fn contains(&self, date: &str) -> Result<bool, JsValue> {
        parse_date(date).map(|d| self.0.contains(d)).map_err(to_js)
    }

    /// The following period of the same type.
    pub fn next(&self) -> Result<Period, JsValue> {
        self.0.next().map(Period).map_err(to_js)
    }

    /// The preceding period of the same type.
    pub fn previous(&self) -> Result<Period, JsValue> {
        self.0.previous().map(Period).map_err(to_js)
    }

    /// The periods of `periodType` lying wholly inside this one.
    #[wasm_bindgen(js_name = periodsWithin)]
    pub fn periods_within(
        &self,
        #[wasm_bindgen(js_name = periodType)] period_type: &str,
    ) -> Result<Vec<Period>, JsValue> {
        let inner = PeriodType::from_name(period_type).map_err(to_js)?;
        Ok(self
            .0
            .periods_within(inner)
            .into_iter()
            .map(Period)
            .collect())
    }

    /// True when both are the same period.
    pub fn equals(&self, other: &Period) -> bool {
        self.0 == other.0
    }

    /// The canonical id (so template strings show it).
    #[wasm_bindgen(js_name = toString)]
    pub fn to_string_js(&self) -> String {
        self.0.id()
    }

    /// Plain data: `{id, type, start, end}` (what `JSON.stringify` uses).
    #[wasm_bindgen(js_name = toJSON)]
    pub fn to_json(&self) -> Result<Ts<PeriodData>, JsValue> {
        let data = PeriodData {
            id: self.id(),
            period_type: self.period_type(),
            start: self.start(),
            end: self.end(),
        };
        data.into_ts().map_err(crate::error::bad_argument)
    }
}

/// Every period of `periodType` overlapping `start`..`end` (inclusive, `YYYY-MM-DD`), in order.
#[wasm_bindgen(js_name = periodsBetween)]
pub fn periods_between(
    #[wasm_bindgen(js_name = periodType)] period_type: &str,
    start: &str,
    end: &str,
) -> Result<Vec<Period>, JsValue> {
    let period_type = PeriodType::from_name(period_type).map_err(to_js)?;
    let start = parse_date(start).map_err(to_js)?;
    let end = parse_date(end).map_err(to_js)?;
    let periods = period::periods_between(period_type, start, end).map_err(to_js)?;
    Ok(periods.into_iter().map(Period).collect())
}
