//! Type checks for the JavaScript glue wasm-bindgen generates.
//!
//! The glue converts `string`, `Uint8Array`, array and class arguments itself, before any Rust
//! code runs, and trusts their JavaScript type: a number given as a `string` makes
//! `passStringToWasm0` ask the Rust allocator for a garbage length (`RuntimeError:
//! unreachable`, which can leave the instance unusable), `null` throws a raw `TypeError`, a
//! `Date` given as a `Form` throws a plain `Error("expected instance of Form")`. Every such
//! argument goes through one of four helpers, so each helper gets a type check as its first
//! statement that throws the package's `MealError` (`input.wrong_type`, built by the Rust export
//! `__mealWrongType`), and every call passes the argument's name for the message. The object a
//! method is called on is checked the same way (`this`, see `check_receivers`). An object
//! used after `free()` (as an argument, or as the object a method is called on, which Rust
//! refuses with a bare "null pointer passed to rust") is `input.freed_object` (`__mealFreed`).
//!
//! Checked here rather than by declaring every parameter `JsValue` in Rust: a class argument
//! cannot be borrowed back from a `JsValue` without `unsafe` (the crate forbids it), and the
//! helpers are the few places every argument of every present and future export passes.
//! A refusal happens before the call reaches Rust; the copies of the arguments converted before
//! the refused one stay allocated (bytes per mistaken call), the instance stays sound.
//!
//! Each rewrite must match exactly as written for wasm-bindgen 0.2.130: if an upgrade changes
//! the glue, the build fails here rather than shipping unchecked arguments.

use std::path::Path;

/// The Rust exports (see `meal-wasm/src/error.rs`) the checks throw the result of.
const THROWERS: [&str; 2] = [
    "export function __mealWrongType(",
    "export function __mealFreed(",
];

/// One helper of the glue, its check, and how its calls look.
struct Guard {
    /// The helper's definition as generated (header, or the whole function).
    generated: &'static str,
    /// Its replacement: the `argument` parameter added and the type check in place.
    guarded: &'static str,
    /// How a call begins; the first argument is the checked value, named by an identifier.
    call: &'static str,
}

const GUARDS: &[Guard] = &[
    Guard {
        generated: "function passStringToWasm0(arg, malloc, realloc) {\n",
        guarded: "function passStringToWasm0(arg, malloc, realloc, argument) {\n    \
                  if (typeof arg !== 'string') throw __mealWrongType(argument, 'string', arg);\n",
        call: "passStringToWasm0(",
    },
    Guard {
        generated: "function passArray8ToWasm0(arg, malloc) {\n",
        guarded: "function passArray8ToWasm0(arg, malloc, argument) {\n    \
                  const bytes = arg instanceof Uint8Array\n        \
                  || Array.isArray(arg) && arg.every((b) => Number.isInteger(b) && b >= 0 && b <= 255);\n    \
                  if (!bytes) throw __mealWrongType(argument, 'Uint8Array | number[] (0-255)', arg);\n",
        call: "passArray8ToWasm0(",
    },
    Guard {
        generated: "function passArrayJsValueToWasm0(array, malloc) {\n",
        guarded: "function passArrayJsValueToWasm0(array, malloc, argument) {\n    \
                  if (!Array.isArray(array)) throw __mealWrongType(argument, 'array', array);\n",
        call: "passArrayJsValueToWasm0(",
    },
    Guard {
        generated: "function _assertClass(instance, klass) {\n    \
                    if (!(instance instanceof klass)) {\n        \
                    throw new Error(`expected instance of ${klass.name}`);\n",
        guarded: "function _assertClass(instance, klass, argument) {\n    \
                  if (!(instance instanceof klass)) {\n        \
                  throw __mealWrongType(argument, klass.name, instance);\n    \
                  }\n    \
                  if (instance.__wbg_ptr === 0) {\n        \
                  throw __mealFreed(argument);\n",
        call: "_assertClass(",
    },
];

/// Rust refuses a method call on a freed object (`this.__wbg_ptr` is 0) by throwing
/// wasm-bindgen's `NULL_ERROR` through this import; it becomes `input.freed_object` too.
const NULL_POINTER: Rewrite = Rewrite {
    generated: "            throw new Error(getStringFromWasm0(arg0, arg1));\n",
    guarded: "            const message = getStringFromWasm0(arg0, arg1);\n            \
              throw message === 'null pointer passed to rust' ? __mealFreed('this') : new Error(message);\n",
};

/// A text of the glue replaced as a whole.
struct Rewrite {
    generated: &'static str,
    guarded: &'static str,
}

/// Hardens the glue file in `out_dir` (the one `.js` file defining the helpers).
pub fn harden_out_dir(out_dir: &Path) -> Result<(), String> {
    let entries = std::fs::read_dir(out_dir).map_err(|e| format!("{}: {e}", out_dir.display()))?;
    let mut hardened = 0;
    for entry in entries.flatten() {
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "js") {
            continue;
        }
        let glue =
            std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        if !glue.contains("function passStringToWasm0(") {
            continue;
        }
        let done = harden(&glue).map_err(|e| format!("{}: {e}", path.display()))?;
        std::fs::write(&path, done).map_err(|e| format!("{}: {e}", path.display()))?;
        hardened += 1;
    }
    match hardened {
        1 => Ok(()),
        n => Err(format!(
            "{} has {n} glue files, expected one",
            out_dir.display()
        )),
    }
}

/// The glue with every guard applied.
pub fn harden(glue: &str) -> Result<String, String> {
    if let Some(missing) = THROWERS.iter().find(|t| glue.matches(**t).count() != 1) {
        return Err(format!("`{missing}` must be exported exactly once"));
    }
    let guarded = GUARDS
        .iter()
        .try_fold(glue.to_owned(), |text, guard| guard.apply(&text))?;
    check_receivers(&NULL_POINTER.apply(&guarded)?)
}

/// The method calls' receivers, checked: a method called on an object of another class
/// (`Form.prototype.findings.call(period)`) handed Rust a pointer to the wrong type (`memory
/// access out of bounds`). Every `wasm.f(this.__wbg_ptr, …)` inside `export class C` becomes
/// `wasm.f(__mealSelf(this, C), …)`.
fn check_receivers(glue: &str) -> Result<String, String> {
    const RECEIVER: &str = "(this.__wbg_ptr";
    let mut class: Option<&str> = None;
    let mut checked = 0;
    let mut out: Vec<String> = Vec::new();
    for line in glue.split('\n') {
        if let Some(rest) = line.strip_prefix("export class ") {
            class = rest.split(' ').next();
        } else if line == "}" {
            class = None;
        }
        let calls = line.matches(&format!("{RECEIVER},")).count()
            + line.matches(&format!("{RECEIVER})")).count();
        match class {
            Some(name) if calls > 0 && line.contains("wasm.") => {
                checked += calls;
                out.push(line.replace(RECEIVER, &format!("(__mealSelf(this, {name})")));
            }
            _ => out.push(line.to_owned()),
        }
    }
    let all = glue.matches(RECEIVER).count();
    if checked == 0 || checked != all {
        return Err(format!(
            "{checked} of the glue's {all} `{RECEIVER}` are method calls of a class: review \
             meal-wasm/bindgen-runner/src/harden.rs"
        ));
    }
    out.push(SELF_CHECK.to_owned());
    Ok(out.join("\n"))
}

/// The receiver check `check_receivers` calls (a function declaration: hoisted).
const SELF_CHECK: &str = "function __mealSelf(self, klass) {
    if (!(self instanceof klass)) throw __mealWrongType('this', klass.name, self);
    return self.__wbg_ptr;
}
";

impl Rewrite {
    fn apply(&self, glue: &str) -> Result<String, String> {
        match glue.matches(self.generated).count() {
            1 => Ok(glue.replacen(self.generated, self.guarded, 1)),
            n => Err(format!(
                "the glue's `{}` is not as wasm-bindgen 0.2.130 writes it ({n} matches): review \
                 meal-wasm/bindgen-runner/src/harden.rs",
                self.generated.trim()
            )),
        }
    }
}

impl Guard {
    fn apply(&self, glue: &str) -> Result<String, String> {
        let definition = format!("function {}", self.call);
        let calls = glue.matches(self.call).count() - glue.matches(&definition).count();
        match glue.matches(self.generated).count() {
            // A helper nothing calls is not generated: nothing to guard.
            0 if calls == 0 => return Ok(glue.to_owned()),
            1 => {}
            n => {
                return Err(format!(
                    "the glue's `{}` is not as wasm-bindgen 0.2.130 writes it ({n} matches): \
                     review meal-wasm/bindgen-runner/src/harden.rs",
                    self.call
                ))
            }
        }
        name_calls(&glue.replacen(self.generated, self.guarded, 1), self.call)
    }
}

/// Appends the checked argument's name to every call of `call` (`f(text, …)` becomes
/// `f(text, …, 'text')`); fails on a call whose first argument is not an identifier or whose
/// arguments hold parentheses, since its name could not be given.
fn name_calls(glue: &str, call: &str) -> Result<String, String> {
    let mut out = String::with_capacity(glue.len() + 4096);
    let mut rest = glue;
    while let Some(at) = rest.find(call) {
        let (before, from_call) = rest.split_at(at);
        out.push_str(before);
        let arguments = &from_call[call.len()..];
        let close = arguments
            .find(')')
            .ok_or_else(|| format!("unclosed call of `{call}`"))?;
        let (inside, after) = arguments.split_at(close);
        let name: String = inside
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '$')
            .collect();
        out.push_str(call);
        out.push_str(inside);
        if !before.ends_with("function ") {
            if name.is_empty() || inside.contains('(') {
                return Err(format!(
                    "a call `{call}{inside})` does not name its argument"
                ));
            }
            out.push_str(&format!(", '{name}'"));
        }
        rest = after;
    }
    out.push_str(rest);
    Ok(out)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn sample() -> String {
        let mut glue = THROWERS.map(|t| format!("{t}a) {{}}\n")).concat();
        glue.push_str(NULL_POINTER.generated);
        for guard in GUARDS {
            glue.push_str(guard.generated);
            glue.push_str("}\n");
        }
        glue.push_str(
            "export class Form {\n    findings(locale) {\n        \
                       const ret = wasm.form_findings(this.__wbg_ptr, locale);\n    }\n}\n",
        );
        glue.push_str(
            "export function f(text, form, bytes, list) {\n    _assertClass(form, Form);\n    \
             const p = passStringToWasm0(text, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);\n    \
             const b = passArray8ToWasm0(bytes, wasm.__wbindgen_malloc);\n    \
             const l = passArrayJsValueToWasm0(list, wasm.__wbindgen_malloc);\n}\n",
        );
        glue
    }

    #[test]
    fn every_helper_checks_and_every_call_names_its_argument() {
        let done = harden(&sample()).unwrap();
        for guard in GUARDS {
            assert!(done.contains(guard.guarded), "{}", guard.call);
        }
        assert!(done.contains(NULL_POINTER.guarded));
        assert!(done.contains("wasm.form_findings(__mealSelf(this, Form), locale)"));
        assert!(done.contains(SELF_CHECK));
        assert!(done.contains("_assertClass(form, Form, 'form');"));
        assert!(done.contains(
            "passStringToWasm0(text, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc, 'text')"
        ));
        assert!(done.contains("passArray8ToWasm0(bytes, wasm.__wbindgen_malloc, 'bytes')"));
        assert!(done.contains("passArrayJsValueToWasm0(list, wasm.__wbindgen_malloc, 'list')"));
    }

    #[test]
    fn a_changed_glue_fails_loudly() {
        let changed = sample().replace(
            "function _assertClass(instance, klass)",
            "function _assertClass(i, k)",
        );
        assert!(harden(&changed).unwrap_err().contains("_assertClass"));
        let twice = format!("{}{}", sample(), GUARDS[0].generated);
        assert!(harden(&twice).is_err());
        let unnamed = sample().replace("passArray8ToWasm0(bytes,", "passArray8ToWasm0(f(bytes),");
        assert!(harden(&unnamed).unwrap_err().contains("does not name"));
        let no_thrower = sample().replace(THROWERS[1], "export function other(");
        assert!(harden(&no_thrower).is_err());
        let outside = format!("{}const p = wasm.g(this.__wbg_ptr);\n", sample());
        assert!(harden(&outside).unwrap_err().contains("method calls"));
        let no_null_pointer = sample().replace(NULL_POINTER.generated, "");
        assert!(harden(&no_null_pointer).is_err());
    }

    #[test]
    fn an_unused_helper_is_not_required() {
        let without = sample().replace(GUARDS[1].generated, "").replace(
            "    const b = passArray8ToWasm0(bytes, wasm.__wbindgen_malloc);\n",
            "",
        );
        assert!(harden(&without).is_ok());
    }
}
