//! # meal (WebAssembly)
//!
//! meal-core for browsers and Node: the same periods, logframe validation and indicator
//! assessment as in Python and Kotlin, with the same error codes. Thin by rule: every export
//! converts its arguments, calls the core, converts the result. Errors are thrown as
//! `MealError` (see `error.rs`).

mod dto;
mod error;
mod expr;
mod form;
mod indicator;
mod logframe;
mod period;

use std::collections::BTreeMap;

use meal_core::{i18n, Locale};
use wasm_bindgen::prelude::*;

pub use expr::Expr;
pub use form::Form;
pub use indicator::Indicator;
pub use logframe::Logframe;
pub use period::Period;

/// Renders the message of a stable `code` with its `params` in `locale` (`"fr"`, `"en"`, …;
/// unknown locales fall back to English).
#[wasm_bindgen(js_name = renderMessage)]
pub fn render_message(
    code: &str,
    params: JsValue,
    locale: Option<String>,
) -> Result<String, JsValue> {
    let params: BTreeMap<String, String> = if params.is_undefined() || params.is_null() {
        BTreeMap::new()
    } else {
        serde_wasm_bindgen::from_value(params).map_err(error::bad_argument)?
    };
    Ok(i18n::render(code, &params, locale_of(locale)))
}

/// The clock of a call: the RFC 3339 timestamp given (error `input.date_time`), else the
/// browser's (or Node's) clock as a UTC timestamp.
fn clock(given: Option<&str>) -> Result<chrono::DateTime<chrono::FixedOffset>, JsValue> {
    match given {
        Some(text) => meal_core::input::parse_date_time(text).map_err(error::to_js),
        None => {
            let now = String::from(js_sys::Date::new_0().to_iso_string());
            Ok(meal_core::input::parse_date_time(&now).unwrap_or_default())
        }
    }
}

/// Options given as a plain object, or their defaults when absent.
fn options_or_default<T>(options: Option<tsify::Ts<T>>) -> Result<T, JsValue>
where
    T: tsify::Tsify + serde::de::DeserializeOwned + Default,
    <T as tsify::Tsify>::JsType: Clone,
{
    options.map_or_else(
        || Ok(T::default()),
        |o| o.to_rust().map_err(error::bad_argument),
    )
}

/// A JavaScript value as JSON (objects, arrays, strings, numbers, booleans, null).
fn js_to_json(value: JsValue) -> Result<serde_json::Value, JsValue> {
    if value.is_undefined() || value.is_null() {
        return Ok(serde_json::Value::Null);
    }
    serde_wasm_bindgen::from_value(value).map_err(error::bad_argument)
}

/// The locale of an optional tag; English when absent or unknown.
fn locale_of(tag: Option<String>) -> Locale {
    tag.as_deref().map(Locale::parse).unwrap_or_default()
}
