//! Period ids: `Period::parse`, neighbours, sub-periods and containing periods of every type;
//! period type names.
#![no_main]
use libfuzzer_sys::fuzz_target;
use meal_core::period::{Period, PeriodType};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = PeriodType::from_name(text);
    if let Ok(period) = Period::parse(text) {
        let _ = period.id();
        let _ = period.days();
        let _ = period.next();
        let _ = period.previous();
        let _ = Period::parse(&period.id());
        for inner in PeriodType::ALL {
            let _ = period.periods_within(inner);
            let _ = Period::containing(inner, period.start());
            let _ = Period::containing(inner, period.end());
        }
    }
});
