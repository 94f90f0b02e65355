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

fn set(target: &JsValue, name: &str, value: &JsValue) {
    // Reflect.set only fails on frozen or proxied objects; ours are fresh plain objects.
    let _ = js_sys::Reflect::set(target, &JsValue::from_str(name), value);
}
