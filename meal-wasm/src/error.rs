//! The one place where core errors become JavaScript errors.
//!
//! Every failure thrown to JavaScript is an `Error` whose `name` is `"MealError"`, with the
//! stable `code`, the `path` to the offending place, the `params`, and the English message as
//! `message` (`messageFr` holds the French one). The `.d.ts` declares this shape.

use meal_core::{Locale, MealError};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const MEAL_ERROR_TS: &'static str = r#"
/** Thrown by every function of this package when an operation cannot proceed. */
export interface MealError extends Error {
  name: "MealError";
  /** Stable machine code, identical in Python, Kotlin and Rust, e.g. "period.invalid". */
  code: MealErrorCode;
  /** Where the problem is (a JSON pointer into the input), or "". */
  path: string;
  /** Values interpolated into the message. */
  params: Record<string, string>;
  /** The message in French (`message` is English). */
  messageFr: string;
}

/** True when `e` is an error this package threw (narrows `catch (e)` to `MealError`). */
export function isMealError(e: unknown): e is MealError;
"#;

/// Converts a core error into the thrown JavaScript value.
pub fn to_js(error: MealError) -> JsValue {
    let js = js_sys::Error::new(&error.message(Locale::En));
    js.set_name("MealError");
    let params = js_sys::Object::new();
    for (name, value) in &error.params {
        set(&params, name, &JsValue::from_str(value));
    }
    set(&js, "code", &JsValue::from_str(&error.code));
    set(&js, "path", &JsValue::from_str(&error.path));
    set(&js, "params", &params);
    set(
        &js,
        "messageFr",
        &JsValue::from_str(&error.message(Locale::Fr)),
    );
    js.into()
}

/// True when `value` is an error this package threw: an `Error` named `"MealError"` with a
/// string `code` (what `to_js` builds).
#[wasm_bindgen(js_name = isMealError, skip_typescript)]
pub fn is_meal_error(value: &JsValue) -> bool {
    value.is_instance_of::<js_sys::Error>()
        && js_sys::Error::from(value.clone()).name() == "MealError"
        && js_sys::Reflect::get(value, &JsValue::from_str("code")).is_ok_and(|c| c.is_string())
}

/// An argument JavaScript passed that does not have the declared shape.
pub fn bad_argument(detail: impl ToString) -> JsValue {
    to_js(
        MealError::new("document.invalid")
            .with("kind", "argument")
            .with("detail", detail.to_string()),
    )
}

/// A JavaScript argument of the wrong type, e.g. a number where the declaration says `string`
/// (`input.wrong_type`: the `argument`, the `expected` type as declared, the type it `got`).
pub fn wrong_type(argument: &str, expected: &str, got: &JsValue) -> JsValue {
    wrong_value(argument, expected, &type_name(got))
}

/// `input.wrong_type` where `got` is already described (a value rather than a type: `NaN`).
pub fn wrong_value(argument: &str, expected: &str, got: &str) -> JsValue {
    to_js(
        MealError::new("input.wrong_type")
            .with("argument", argument)
            .with("expected", expected)
            .with("got", got),
    )
}

/// The error the generated glue throws when it refuses an argument before any Rust code runs
/// (the bindgen runner points its type checks here; see `meal-wasm/bindgen-runner`). Not part
/// of the declared API.
#[wasm_bindgen(js_name = __mealWrongType, skip_typescript)]
pub fn glue_wrong_type(argument: JsValue, expected: JsValue, got: JsValue) -> JsValue {
    wrong_type(
        &argument.as_string().unwrap_or_default(),
        &expected.as_string().unwrap_or_default(),
        &got,
    )
}

/// The error the generated glue throws for an object of this package used after `free()`: as
/// an argument (`argument` is its name) or as the object a method is called on (`"this"`).
#[wasm_bindgen(js_name = __mealFreed, skip_typescript)]
pub fn glue_freed(argument: JsValue) -> JsValue {
    to_js(
        MealError::new("input.freed_object")
            .with("argument", argument.as_string().unwrap_or_default()),
    )
}

/// What a JavaScript value is, for messages: `null`, `undefined`, `array`, the `typeof` of a
/// primitive or function, the class of an object (`Date`, `Period`, `Uint8Array`), else
/// `object`.
pub fn type_name(value: &JsValue) -> String {
    if value.is_null() {
        return "null".into();
    }
    if js_sys::Array::is_array(value) {
        return "array".into();
    }
    let kind = value.js_typeof().as_string().unwrap_or_default();
    if kind != "object" {
        return kind;
    }
    js_sys::Reflect::get(value, &JsValue::from_str("constructor"))
        .ok()
        .filter(|constructor| constructor.is_function())
        .map(|constructor| js_sys::Function::from(constructor).name())
        .and_then(|name| name.as_string())
        .filter(|name| !name.is_empty() && name != "Object")
        .unwrap_or_else(|| "object".into())
}

fn set(target: &JsValue, name: &str, value: &JsValue) {
    // Reflect.set only fails on frozen or proxied objects; ours are fresh plain objects.
    let _ = js_sys::Reflect::set(target, &JsValue::from_str(name), value);
}
