//! Every JSON document type. The first byte selects the reader, the rest is the text.
#![no_main]
use libfuzzer_sys::fuzz_target;
use meal_core::compute::Recipes;
use meal_core::data::Schema;
use meal_core::feedback::{routing, Routing, Taxonomy};
use meal_core::form::LoadedForm;
use meal_core::indicator::Indicator;
use meal_core::interop::{iati::IatiRequest, migration};
use meal_core::plan::{calendar::Calendar, coverage, meal_plan, LessonsRegister};
use meal_core::quality::Checks;
use meal_core::{logframe, privacy};
use std::sync::OnceLock;

const RECORDS_SCHEMA: &str = include_str!("../../examples/data/records-schema.json");
const TAXONOMY: &str = include_str!("../../examples/data/feedback-taxonomy.json");
const ROUTING: &str = include_str!("../../examples/data/feedback-routing.json");
const MIGRATION_SCHEMA: &str = include_str!("../../examples/data/migration-voozanoo-schema.json");
const MIGRATION_MAPPING: &str = include_str!("../../examples/data/migration-voozanoo-mano.json");

fn schema() -> Option<&'static Schema> {
    static SCHEMA: OnceLock<Option<Schema>> = OnceLock::new();
    SCHEMA
        .get_or_init(|| Schema::from_json(RECORDS_SCHEMA).ok().map(|p| p.value))
        .as_ref()
}

fn taxonomy() -> Option<&'static Taxonomy> {
    static T: OnceLock<Option<Taxonomy>> = OnceLock::new();
    T.get_or_init(|| Taxonomy::from_json(TAXONOMY).ok().map(|p| p.value))
        .as_ref()
}

fn routes() -> Option<&'static Routing> {
    static R: OnceLock<Option<Routing>> = OnceLock::new();
    R.get_or_init(|| Routing::from_json(ROUTING).ok().map(|p| p.value))
        .as_ref()
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    match selector % 16 {
        0 => {
            let _ = logframe::check(text);
        }
        1 => {
            if let Ok(indicator) = Indicator::from_json(text) {
                let _ = indicator.validate("");
            }
        }
        2 => {
            let _ = meal_core::form::check(text);
            if let Ok(loaded) = LoadedForm::from_json(text) {
                let _ = loaded.compiled();
            }
        }
        3 => {
            if let Ok(parsed) = Schema::from_json(text) {
                let _ = parsed.value.check();
            }
        }
        4 => {
            let _ = Recipes::from_json(text);
        }
        5 => {
            if let (Ok(parsed), Some(schema)) = (Checks::from_json(text), schema()) {
                let _ = parsed.value.check_against(schema);
            }
        }
        6 => {
            let _ = privacy::rules::check(text);
        }
        7 => {
            if let Ok(parsed) = Taxonomy::from_json(text) {
                let _ = parsed.value.check();
                if let Some(routing) = routes() {
                    let _ = routing::check_routes(&parsed.value, routing);
                }
            }
        }
        8 => {
            if let Ok(parsed) = Routing::from_json(text) {
                let _ = parsed.value.check();
                if let Some(taxonomy) = taxonomy() {
                    let _ = routing::check_routes(taxonomy, &parsed.value);
                }
            }
        }
        9 => {
            let _ = meal_plan::check(text);
        }
        10 => {
            if let Ok(parsed) = LessonsRegister::from_json(text) {
                let _ = parsed.value.validate();
            }
        }
        11 => {
            let _ = migration::check_documents(MIGRATION_SCHEMA, text);
        }
        12 => {
            let _ = migration::check_documents(text, MIGRATION_MAPPING);
        }
        13 => {
            let _ = IatiRequest::from_json(text);
        }
        14 => {
            let _ = coverage::check_json(text);
        }
        _ => {
            let _ = Calendar::build_json(text);
        }
    }
});
