//! Template workbooks (logframe, MEAL plan, lessons register): every reader on the same bytes.
#![no_main]
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;
use meal_core::template::{lessons, logframe, plan};

fuzz_target!(|data: &[u8]| {
    common::init();
    let _ = logframe::from_xlsx(data);
    let _ = plan::from_xlsx(data);
    let _ = lessons::from_xlsx(data);
});
