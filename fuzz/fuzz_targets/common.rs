//! Shared by every target: what counts as a crash.
//!
//! By default any panic is a crash, even one the core catches itself (libfuzzer-sys's panic
//! hook aborts before unwinding): a caught panic still aborts a `panic = "abort"` build, such as
//! the WebAssembly package, so the core must not rely on catching. With
//! `MEAL_FUZZ_CAUGHT_PANICS=allow`, a panic the core catches (its guard around the `.xlsx`
//! reader) passes silently, and only one that escapes the public API is a crash — for fuzzing
//! past a known, guarded panic until it is fixed at its source.

use std::sync::Once;

pub fn init() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        if std::env::var("MEAL_FUZZ_CAUGHT_PANICS").is_ok_and(|v| v == "allow") {
            // An escaping panic still aborts: libfuzzer-sys catches it around the target and
            // calls `process::abort`.
            std::panic::set_hook(Box::new(|_| {}));
        }
    });
}
