//! Submissions (JSON text) validated against a mission form, `consultation_medicale.xlsx`,
//! read once: `CompiledForm::validate` and `CompiledForm::state`, and the text as a batch
//! (`CompiledForm::check_many`, whose element scan runs first).
#![no_main]
use libfuzzer_sys::fuzz_target;
use meal_core::form::{CompiledForm, LoadedForm, Options};
use std::sync::OnceLock;

const FORM: &[u8] = include_bytes!("../../examples/forms/consultation_medicale.xlsx");

fn form() -> Option<&'static CompiledForm> {
    static F: OnceLock<Option<CompiledForm>> = OnceLock::new();
    F.get_or_init(|| {
        LoadedForm::from_xlsform(FORM)
            .ok()
            .and_then(|l| l.into_parts().ok())
            .map(|(compiled, _)| compiled)
    })
    .as_ref()
}

fn options() -> Option<&'static Options> {
    static O: OnceLock<Option<Options>> = OnceLock::new();
    O.get_or_init(|| {
        chrono::DateTime::parse_from_rfc3339("2026-11-27T10:00:00+01:00")
            .ok()
            .map(|now| Options::new("fr", now))
    })
    .as_ref()
}

fuzz_target!(|data: &[u8]| {
    let (Some(form), Some(options)) = (form(), options()) else {
        return;
    };
    let Ok(submission) = std::str::from_utf8(data) else {
        return;
    };
    let _ = form.validate(submission, options);
    let _ = form.state(submission, options);
    let _ = form.check_many(submission, options);
});
