//! Record tables against the mission schema (`examples/data/records-schema.json`): the first
//! byte picks CSV bytes, CSV text or JSON lines.
#![no_main]
use libfuzzer_sys::fuzz_target;
use meal_core::data::{Schema, Table};
use std::sync::OnceLock;

const RECORDS_SCHEMA: &str = include_str!("../../examples/data/records-schema.json");

fn schema() -> Option<&'static Schema> {
    static SCHEMA: OnceLock<Option<Schema>> = OnceLock::new();
    SCHEMA
        .get_or_init(|| Schema::from_json(RECORDS_SCHEMA).ok().map(|p| p.value))
        .as_ref()
}

fuzz_target!(|data: &[u8]| {
    let Some(schema) = schema() else {
        return;
    };
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let loaded = match selector % 3 {
        0 => Table::from_csv_bytes(schema, rest),
        1 => match std::str::from_utf8(rest) {
            Ok(text) => Table::from_csv(schema, text),
            Err(_) => return,
        },
        _ => match std::str::from_utf8(rest) {
            Ok(text) => Table::from_json_lines(schema, text),
            Err(_) => return,
        },
    };
    if let Ok(loaded) = loaded {
        let _ = loaded.summary_json();
    }
});
