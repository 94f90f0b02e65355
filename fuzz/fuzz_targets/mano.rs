//! MANO `data.xlsx` exports: `interop::mano::read_export`, without a custom-field configuration.
#![no_main]
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;
use meal_core::interop::mano;

fuzz_target!(|data: &[u8]| {
    common::init();
    let _ = mano::read_export(data, None);
});
