//! Python objects ↔ JSON text, for documents and submissions. Notebook users pass dicts; the
//! core reads JSON. `Decimal`, dates and other non-JSON values are written as their `str()`,
//! which is the form the core reads them in.

use pyo3::prelude::*;
use pyo3::types::PyString;

/// A document or submission as JSON text: a `str` is taken as JSON text already, anything
/// else goes through [`dumps`]. A `str` that is not Unicode text (lone surrogates) is
/// `input.not_json`.
pub fn to_text(obj: &Bound<'_, PyAny>) -> PyResult<String> {
    if let Ok(text) = obj.cast::<PyString>() {
        return text.extract::<String>().map_err(|e| not_json(obj.py(), &e));
    }
    dumps(obj)
}

/// A value as JSON text: `json.dumps(obj, default=str, allow_nan=False)` (a `str` becomes a
/// JSON string). What JSON cannot hold — NaN and infinities, nesting deeper than Python's
/// recursion limit, cycles, non-text keys, lone surrogates — is `input.not_json`, never a
/// Python-internal error.
pub fn dumps(obj: &Bound<'_, PyAny>) -> PyResult<String> {
    let py = obj.py();
    let json = py.import("json")?;
    let kwargs = pyo3::types::PyDict::new(py);
    kwargs.set_item("default", py.get_type::<PyString>())?;
    kwargs.set_item("ensure_ascii", false)?;
    kwargs.set_item("allow_nan", false)?;
    json.call_method("dumps", (obj,), Some(&kwargs))
        .and_then(|text| text.extract())
        .map_err(|e| not_json(py, &e))
}

/// `input.not_json` for what Python's `json` refused (value, type, Unicode and recursion
/// errors); any other exception (memory, interrupt) passes unchanged.
fn not_json(py: Python<'_>, error: &PyErr) -> PyErr {
    let refused = error.is_instance_of::<pyo3::exceptions::PyValueError>(py)
        || error.is_instance_of::<pyo3::exceptions::PyTypeError>(py)
        || error.is_instance_of::<pyo3::exceptions::PyRecursionError>(py);
    if !refused {
        return error.clone_ref(py);
    }
    let detail = error.value(py).to_string();
    crate::error::to_py(meal_core::MealError::new("input.not_json").with("detail", detail))
}

/// `json.loads(text, parse_float=Decimal)`: dicts, lists, str, int, exact `Decimal`, bool and
/// None — never a binary float for a figure.
pub fn to_python<'py>(py: Python<'py>, value: &serde_json::Value) -> PyResult<Bound<'py, PyAny>> {
    let kwargs = pyo3::types::PyDict::new(py);
    kwargs.set_item("parse_float", py.import("decimal")?.getattr("Decimal")?)?;
    py.import("json")?
        .call_method("loads", (value.to_string(),), Some(&kwargs))
}

/// Any serialisable core result as Python data (dicts, lists, exact `Decimal`s), through JSON.
pub fn from_serde<'py, T: serde::Serialize>(
    py: Python<'py>,
    value: &T,
) -> PyResult<Bound<'py, PyAny>> {
    let value = serde_json::to_value(value)
        .map_err(|e| pyo3::exceptions::PyValueError::new_err(e.to_string()))?;
    to_python(py, &value)
}

/// A serialisable core value read back from JSON text (results, quality reports, states that
/// crossed a process): `json.malformed` for bad syntax, `document.invalid` (with `kind`) for
/// JSON of another shape — the codes the core uses for such reads.
pub fn from_text<T: serde::de::DeserializeOwned>(
    text: &str,
    kind: &str,
) -> Result<T, meal_core::MealError> {
    serde_json::from_str(text).map_err(|e| {
        if e.is_data() {
            meal_core::MealError::new("document.invalid")
                .with("kind", kind)
                .with("detail", e)
        } else {
            meal_core::document::malformed(&e)
        }
    })
}

/// Core data with exact decimals as Python data: [`from_serde`], then the values under `keys`
/// of every dict (serialised as decimal strings) become `decimal.Decimal`.
pub fn with_decimals<'py, T: serde::Serialize>(
    py: Python<'py>,
    value: &T,
    keys: &[&str],
) -> PyResult<Bound<'py, PyAny>> {
    let data = from_serde(py, value)?;
    let decimal = py.import("decimal")?.getattr("Decimal")?;
    convert_decimals(&data, &decimal, keys)?;
    Ok(data)
}

/// Core data with dates as Python data: [`from_serde`], then the ISO dates under `keys` of every
/// dict become `datetime.date`.
pub fn with_dates<'py, T: serde::Serialize>(
    py: Python<'py>,
    value: &T,
    keys: &[&str],
) -> PyResult<Bound<'py, PyAny>> {
    let data = from_serde(py, value)?;
    let date = py
        .import("datetime")?
        .getattr("date")?
        .getattr("fromisoformat")?;
    convert_decimals(&data, &date, keys)?;
    Ok(data)
}

/// The serde name of a unit enum variant (`"annual_report"`).
pub fn name_of<T: serde::Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(name)) => name,
        Ok(other) => other.to_string(),
        Err(_) => String::new(),
    }
}

/// Converts, in place, the `str` values under `keys` of every dict with `convert`.
fn convert_decimals(
    data: &Bound<'_, PyAny>,
    decimal: &Bound<'_, PyAny>,
    keys: &[&str],
) -> PyResult<()> {
    if let Ok(dict) = data.cast::<pyo3::types::PyDict>() {
        for (key, value) in dict.iter().collect::<Vec<_>>() {
            let is_decimal = key
                .extract::<String>()
                .is_ok_and(|k| keys.contains(&k.as_str()));
            if is_decimal && value.is_instance_of::<PyString>() {
                dict.set_item(&key, decimal.call1((value,))?)?;
            } else {
                convert_decimals(&value, decimal, keys)?;
            }
        }
    } else if let Ok(list) = data.cast::<pyo3::types::PyList>() {
        for item in list.iter() {
            convert_decimals(&item, decimal, keys)?;
        }
    }
    Ok(())
}
