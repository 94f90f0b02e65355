//! The one place where core errors become Python exceptions.
//!
//! `meal.MealError` subclasses `ValueError` (bad input is a value error in Python's taxonomy) and
//! carries the stable `code`, the `path` to the offending place, the `params`, and the French
//! message as `message_fr`; `str(error)` is the English message.

use meal_core::{Locale, MealError as CoreError};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyDict;

pyo3::create_exception!(
    meal,
    MealError,
    PyValueError,
    "An operation of meal could not proceed. `.code` is stable across versions and languages."
);

/// Converts a core error into the raised Python exception.
pub fn to_py(error: CoreError) -> PyErr {
    Python::attach(|py| {
        let raised = MealError::new_err(error.message(Locale::En));
        let value = raised.value(py);
        // Setting attributes on a fresh exception instance cannot fail short of memory
        // exhaustion; if it did, the exception still carries its message.
        let _ = value.setattr("code", &error.code);
        let _ = value.setattr("path", &error.path);
        let _ = value.setattr("message_fr", error.message(Locale::Fr));
        let params = PyDict::new(py);
        for (name, param) in &error.params {
            let _ = params.set_item(name, param);
        }
        let _ = value.setattr("params", params);
        raised
    })
}

/// A workbook that gave no document: its first blocking finding raised as the error (code,
/// path — `sheet!A1` — and params), and every finding of the workbook in `.findings`.
pub fn not_authored(findings: &[meal_core::Finding]) -> PyErr {
    let first = findings
        .iter()
        .find(|f| f.is_blocking())
        .or(findings.first());
    let error = match first {
        Some(finding) => finding.params.iter().fold(
            CoreError::new(&finding.code).at(finding.path.clone()),
            |e, (k, v)| e.with(k, v),
        ),
        None => CoreError::new("template.unreadable").with("detail", "no document"),
    };
    let raised = to_py(error);
    Python::attach(|py| {
        let all = crate::finding::Finding::all(findings, "en");
        let _ = raised.value(py).setattr("findings", all);
    });
    raised
}
