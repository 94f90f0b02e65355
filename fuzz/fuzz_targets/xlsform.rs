//! XLSForm workbooks: `LoadedForm::from_xlsform` (read and compile) on arbitrary bytes.
#![no_main]
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;
use meal_core::form::LoadedForm;

fuzz_target!(|data: &[u8]| {
    common::init();
    if let Ok(loaded) = LoadedForm::from_xlsform(data) {
        let _ = loaded.findings();
        let _ = loaded.compiled();
    }
});
