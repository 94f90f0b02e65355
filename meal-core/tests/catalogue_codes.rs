//! Keeps `tests/vectors/catalogue.txt` — every code of the message catalogue, one per line, in
//! catalogue order — equal to `meal_core::i18n::catalogue()`. The conformance report
//! (`tests/vectors/report.py`, Python without a Rust build) reads that file to list the codes no
//! vector covers, so the Rust source stays the one truth and the file cannot drift from it.
//!
//! After adding or removing a code: `MEAL_UPDATE_CATALOGUE=1 cargo test -p meal-core --test
//! catalogue_codes`, then `python3 tests/vectors/report.py` to regenerate the report.

// A test file: a failed comparison should fail loudly.
#![allow(clippy::panic, clippy::expect_used)]

use std::path::PathBuf;

fn listed_codes() -> String {
    let mut text = String::new();
    for message in meal_core::i18n::catalogue() {
        text.push_str(message.code);
        text.push('\n');
    }
    text
}

#[test]
fn committed_code_list_matches_the_catalogue() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors/catalogue.txt");
    let wanted = listed_codes();
    if std::env::var_os("MEAL_UPDATE_CATALOGUE").is_some() {
        std::fs::write(&path, &wanted).expect("tests/vectors/catalogue.txt is writable");
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == wanted,
        "{} is stale: run `MEAL_UPDATE_CATALOGUE=1 cargo test -p meal-core --test \
         catalogue_codes`, then `python3 tests/vectors/report.py`",
        path.display()
    );
}
