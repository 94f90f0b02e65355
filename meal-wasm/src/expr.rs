//! Expressions for JavaScript: parse once, evaluate on plain objects of values.

use std::collections::BTreeMap;

use meal_core::expr::{self, MapContext, TypeMap};
use meal_core::input;
use tsify::Ts;
use wasm_bindgen::prelude::*;

use crate::dto::{EvaluateOptions, Finding};
use crate::error::{bad_argument, to_js};

/// An expression of the XLSForm/ODK subset: `Expr.parse("${age} >= 15")`.
#[wasm_bindgen]
#[derive(Debug)]
pub struct Expr(expr::Expr);

#[wasm_bindgen]
impl Expr {
    /// Parses an expression; throws `MealError` (`expr.syntax`, …) with the position.
    pub fn parse(source: &str) -> Result<Expr, JsValue> {
        expr::Expr::parse(source).map(Expr).map_err(to_js)
    }

    /// The source as written.
    #[wasm_bindgen(getter)]
    pub fn source(&self) -> String {
        self.0.source().to_owned()
    }

    /// The canonical text; parsing it gives the same expression.
    #[wasm_bindgen(getter)]
    pub fn canonical(&self) -> String {
        self.0.to_canonical()
    }

    /// The field names referenced as `${name}`, sorted.
    #[wasm_bindgen(getter)]
    pub fn references(&self) -> Vec<String> {
        self.0.references()
    }

    /// Evaluates with `values` (name → string, number, boolean, null, or an array for a
    /// repeat) and returns the result as text, exactly as every binding shows it.
    pub fn evaluate(
        &self,
        values: JsValue,
        options: Option<Ts<EvaluateOptions>>,
    ) -> Result<String, JsValue> {
        let options: EvaluateOptions = crate::options_or_default(options)?;
        let now = crate::clock(options.now.as_deref())?;
        let today = options
            .today
            .as_deref()
            .map(input::parse_date)
            .transpose()
            .map_err(to_js)?;
        let values: serde_json::Value = crate::js_to_json(values)?;
        let current = options.current.unwrap_or(serde_json::Value::Null);
        let context = MapContext::from_json(&values, &current, today, now);
        self.0
            .evaluate(&context)
            .map(|v| v.to_text())
            .map_err(to_js)
    }

    /// Type-checks against `types` (field name → `"text"`, `"number"`, `"bool"`, `"date"`,
    /// `"datetime"`, `"choices"` or `"any"`), messages in `locale`.
    pub fn check(
        &self,
        types: JsValue,
        locale: Option<String>,
    ) -> Result<Vec<Ts<Finding>>, JsValue> {
        // As JSON text: serde-wasm-bindgen describing a 10 000-deep value in its error
        // overflowed the JavaScript stack.
        if !types.is_object() || types.is_function() {
            return Err(bad_argument("the types must be an object of field names"));
        }
        let types: BTreeMap<String, String> =
            serde_json::from_str(&crate::json_text(types, "the types")?).map_err(bad_argument)?;
        let schema = TypeMap::from_names(types.iter().map(|(k, v)| (k.as_str(), v.as_str())))
            .map_err(to_js)?;
        Finding::all_to_js(&self.0.check(&schema), crate::locale_of(locale))
    }
}
