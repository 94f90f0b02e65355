//! Shared by the form property tests: a form document compiled (it must compile without a
//! blocking finding), and the fixed clock and locale every vector uses.

// Each test crate that includes this file uses part of it.
#![allow(dead_code)]
#![allow(clippy::unwrap_used)]

use meal_core::form::{CompiledForm, Form, Options};
use serde_json::Value;

/// `document` read and compiled; a blocking finding stops the test with the findings.
pub fn compile(document: Value) -> CompiledForm {
    let form: Form = serde_json::from_value(document).unwrap();
    let (compiled, findings) = CompiledForm::new(form);
    assert!(findings.iter().all(|f| !f.is_blocking()), "{findings:#?}");
    compiled.unwrap()
}

/// French messages, 2026-11-27 10:00 in Paris: the vectors' defaults.
pub fn options() -> Options {
    Options::new(
        "fr",
        chrono::DateTime::parse_from_rfc3339("2026-11-27T10:00:00+01:00").unwrap(),
    )
}
