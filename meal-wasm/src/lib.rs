//! # meal (WebAssembly)
//!
//! meal-core for browsers and Node: the same periods, logframe validation, indicator
//! assessment, forms, data protection and feedback mechanisms as in Python and Kotlin, with the
//! same error codes. Thin by rule: every export converts its arguments, calls the core,
//! converts the result. Errors are thrown as `MealError` (see `error.rs`).

// The lean build (`--no-default-features`, published as `meal/forms`) keeps the web form's
// part: forms, expressions, periods, sync envelopes. It leaves out DTOs and helpers only the
// other modules use, hence no dead-code lint there (the full build keeps it).
#![cfg_attr(not(feature = "full"), allow(dead_code))]

mod codes;
mod dto;
mod envelope;
mod error;
mod expr;
mod form;
mod period;
#[cfg(feature = "transfer-variants")]
mod transfer;

/// Items of the full package only (feature `full`, on by default).
macro_rules! full_only {
    ($($item:item)*) => { $(#[cfg(feature = "full")] $item)* };
}

full_only! {
    mod compute;
    mod data;
    mod disclosure;
    mod feedback;
    mod indicator;
    mod interop;
    mod logframe;
    mod person;
    mod plan;
    mod privacy;
    mod report;
    mod template;

    pub use compute::{Engine, Partial};
    pub use data::{Loaded, QualityChecks, Schema, Table};
    pub use feedback::{
        Case, ClaimCode, Deadlines, RecipientKey, Routing, SafeguardingSecretKey, Taxonomy, Testimony,
    };
    pub use indicator::Indicator;
    pub use interop::{ManoExport, Migration};
    pub use logframe::Logframe;
    pub use person::{ConsentRecord, PseudonymKey, Pseudonymiser, SubjectAccess};
    pub use plan::{LessonsRegister, MealPlan};
    pub use privacy::{AuditLog, PrivacyRules, Register};
    pub use report::{AnnualReport, Sitrep};
    pub use template::{AuthoredLogframe, AuthoredMealPlan};
}

use std::collections::BTreeMap;

use meal_core::{i18n, Locale};
use wasm_bindgen::prelude::*;

pub use expr::Expr;
pub use form::Form;
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
        // As JSON text: serde-wasm-bindgen describing a 10 000-deep value in its error
        // overflowed the JavaScript stack.
        serde_json::from_str(&json_text(params, "the params")?).map_err(error::bad_argument)?
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

/// A JavaScript value as JSON (objects, arrays, strings, numbers, booleans, null), read as
/// `JSON.stringify` writes it, like every document argument (`json_text`). Not field by field
/// across the boundary: 10 000 levels of nesting overflowed the JavaScript stack mid-call, and
/// serde_json's depth limit now refuses them with a `MealError`.
fn js_to_json(value: JsValue) -> Result<serde_json::Value, JsValue> {
    if value.is_undefined() || value.is_null() {
        return Ok(serde_json::Value::Null);
    }
    serde_json::from_str(&json_text(value, "the value")?).map_err(error::bad_argument)
}

/// The locale of an optional tag; English when absent or unknown.
fn locale_of(tag: Option<String>) -> Locale {
    tag.as_deref().map(Locale::parse).unwrap_or_default()
}

/// A document given as JSON text (kept verbatim) or as a JavaScript value (written with
/// `JSON.stringify`); `what` names it in the error.
fn json_text(value: JsValue, what: &str) -> Result<String, JsValue> {
    if let Some(text) = value.as_string() {
        return Ok(text);
    }
    js_sys::JSON::stringify(&value)
        .ok()
        .and_then(|text| text.as_string())
        .ok_or_else(|| error::bad_argument(format!("{what} cannot be written as JSON")))
}

/// JSON text the core wrote, as `JSON.parse` reads it (plain objects and arrays).
fn parse_json(text: &str) -> Result<JsValue, JsValue> {
    js_sys::JSON::parse(text).map_err(|_| error::bad_argument("a result could not be read back"))
}

/// Sets `field` of a plain-data object to `value` as `JSON.parse` reads it: submitted values
/// cross to JavaScript as any JSON does (a 64-bit integer beyond 2^53 becomes the nearest
/// number, rather than failing the whole report), and their keys stay as written.
fn with_json<T: tsify::Tsify>(
    js: tsify::Ts<T>,
    field: &str,
    value: &serde_json::Value,
) -> Result<tsify::Ts<T>, JsValue> {
    let parsed = parse_json(&value.to_string())?;
    js_sys::Reflect::set(&js.js_value(), &JsValue::from_str(field), &parsed)
        .map_err(|_| error::bad_argument("a value could not be set"))?;
    Ok(js)
}

/// A `YYYY-MM-DD` date argument (error `input.date`).
fn date(text: &str) -> Result<chrono::NaiveDate, JsValue> {
    meal_core::input::parse_date(text).map_err(error::to_js)
}

/// The field `name` of an options object (`undefined` when absent).
fn field(options: &JsValue, name: &str) -> Result<JsValue, JsValue> {
    if !options.is_object() {
        return Err(error::bad_argument("the options must be an object"));
    }
    js_sys::Reflect::get(options, &JsValue::from_str(name))
        .map_err(|_| error::bad_argument(format!("{name} cannot be read")))
}

/// The JSON text of one of this package's objects (a `Logframe`, a `Schema`: anything with a
/// `toJson(): string` method), so the caller keeps its object; `refusal` is the error detail
/// otherwise.
fn document_text(value: &JsValue, refusal: &str) -> Result<String, JsValue> {
    let method = js_sys::Reflect::get(value, &JsValue::from_str("toJson"))
        .ok()
        .filter(|m| value.is_object() && m.is_function())
        .ok_or_else(|| error::bad_argument(refusal))?;
    js_sys::Function::from(method)
        .call0(value)
        .ok()
        .and_then(|text| text.as_string())
        .ok_or_else(|| error::bad_argument(refusal))
}

/// The core logframes of an array of `Logframe` objects.
fn logframes_of(value: &JsValue) -> Result<Vec<meal_core::logframe::Logframe>, JsValue> {
    const REFUSAL: &str = "logframes must be an array of Logframe objects";
    if !js_sys::Array::is_array(value) {
        return Err(error::bad_argument(REFUSAL));
    }
    js_sys::Array::from(value)
        .iter()
        .map(|l| {
            meal_core::logframe::Logframe::from_json(&document_text(&l, REFUSAL)?)
                .map(|parsed| parsed.value)
                .map_err(error::to_js)
        })
        .collect()
}

/// A period given as a `Period` object or its id.
fn period_of(value: &JsValue) -> Result<meal_core::period::Period, JsValue> {
    let id = match value.as_string() {
        Some(id) => id,
        None if value.is_object() => js_sys::Reflect::get(value, &JsValue::from_str("id"))
            .ok()
            .and_then(|id| id.as_string())
            .ok_or_else(|| error::bad_argument("a period must be a Period or its id"))?,
        None => return Err(error::bad_argument("a period must be a Period or its id")),
    };
    meal_core::period::Period::parse(&id).map_err(error::to_js)
}

/// A document given as one of this package's objects (anything with `toJson()`), as JSON text,
/// or as a plain object; `what` names it in the error.
fn any_document_text(value: JsValue, what: &str) -> Result<String, JsValue> {
    let has_to_json = value.is_object()
        && js_sys::Reflect::get(&value, &JsValue::from_str("toJson"))
            .map(|m| m.is_function())
            .unwrap_or(false);
    if has_to_json {
        document_text(&value, &format!("{what} cannot be read"))
    } else if value.is_string() || value.is_object() {
        json_text(value, what)
    } else {
        Err(error::bad_argument(format!(
            "{what} must be JSON text, an object, or one of this package's objects"
        )))
    }
}

/// The items of an array argument; `refusal` is the error detail when it is not an array.
fn array_items(value: &JsValue, refusal: &str) -> Result<Vec<JsValue>, JsValue> {
    if !js_sys::Array::is_array(value) {
        return Err(error::bad_argument(refusal));
    }
    Ok(js_sys::Array::from(value).iter().collect())
}

/// The bytes of a file given as a `Uint8Array` (or an `ArrayBuffer`); `what` names it in the
/// error.
fn bytes_of(value: &JsValue, what: &str) -> Result<Vec<u8>, JsValue> {
    use wasm_bindgen::JsCast;
    if let Some(bytes) = value.dyn_ref::<js_sys::Uint8Array>() {
        Ok(bytes.to_vec())
    } else if let Some(buffer) = value.dyn_ref::<js_sys::ArrayBuffer>() {
        Ok(js_sys::Uint8Array::new(buffer).to_vec())
    } else {
        Err(error::bad_argument(format!("{what} must be a Uint8Array")))
    }
}

/// A data schema given as a `Schema` (or its document, JSON text or object).
fn schema_of(value: JsValue) -> Result<meal_core::data::Schema, JsValue> {
    let text = any_document_text(value, "the schema")?;
    meal_core::data::Schema::from_json(&text)
        .map(|parsed| parsed.value)
        .map_err(error::to_js)
}

/// A string argument; `what` names it in the error.
fn text_of(value: &JsValue, what: &str) -> Result<String, JsValue> {
    value
        .as_string()
        .ok_or_else(|| error::bad_argument(format!("{what} must be a string")))
}

/// An array of strings (`string[]`); `argument` names it in the error (`input.wrong_type`, the
/// offending item as `argument[i]`).
fn texts_of(value: &JsValue, argument: &str) -> Result<Vec<String>, JsValue> {
    if !js_sys::Array::is_array(value) {
        return Err(error::wrong_type(argument, "string[]", value));
    }
    js_sys::Array::from(value)
        .iter()
        .enumerate()
        .map(|(i, item)| {
            item.as_string()
                .ok_or_else(|| error::wrong_type(&format!("{argument}[{i}]"), "string", &item))
        })
        .collect()
}

/// An optional count (`number`, absent → `None`): a finite whole number from 0 up, never
/// coerced (`"5"`, `NaN`, `-1`, `2.5` are refused with `input.wrong_type`).
fn count_of(value: &JsValue, argument: &str) -> Result<Option<usize>, JsValue> {
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    const EXPECTED: &str = "integer ≥ 0";
    let number = value
        .as_f64()
        .ok_or_else(|| error::wrong_type(argument, EXPECTED, value))?;
    if number.fract() != 0.0 || !(0.0..=f64::from(u32::MAX)).contains(&number) {
        let shown = js_sys::Number::from(number)
            .to_string_with_radix(10)
            .map(String::from);
        return Err(error::wrong_value(
            argument,
            EXPECTED,
            &shown.unwrap_or_default(),
        ));
    }
    // Whole, finite and within u32: the conversion is exact.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    Ok(Some(number as usize))
}
