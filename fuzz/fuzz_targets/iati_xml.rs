//! IATI activity XML import: `Activities::from_xml`.
#![no_main]
use libfuzzer_sys::fuzz_target;
use meal_core::interop::iati::Activities;

fuzz_target!(|data: &[u8]| {
    if let Ok(xml) = std::str::from_utf8(data) {
        let _ = Activities::from_xml(xml);
    }
});
