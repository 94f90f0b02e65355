//! Migration of CSV records through the example mapping (Voozanoo to MANO):
//! `interop::migration::migrate_csv`.
#![no_main]
use libfuzzer_sys::fuzz_target;
use meal_core::interop::migration;

const SCHEMA: &str = include_str!("../../examples/data/migration-voozanoo-schema.json");
const MAPPING: &str = include_str!("../../examples/data/migration-voozanoo-mano.json");

fuzz_target!(|data: &[u8]| {
    let Ok(csv) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(migrated) = migration::migrate_csv(SCHEMA, csv, MAPPING) {
        let _ = migrated.summary_json();
    }
});
