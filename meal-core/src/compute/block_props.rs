//! The block pass ([`crate::compute::engine`]'s `block`) against the row interpreter it
//! replaced: on random tables and random recipes — filters on text, boolean, integer, decimal
//! and date columns, combined with `and`/`or`/`not`/`if`; dates that may be missing; values,
//! ratios, persons, levels and dimensions read by several shapes of expression — both give the
//! same state, for any block size (rows not a multiple of it included).

// A test file: a broken fixture should fail loudly.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use chrono::DateTime;
use proptest::prelude::*;

use crate::compute::{Engine, Recipes};
use crate::data::{Schema, Table};
use crate::logframe::Logframe;
use crate::period::Period;

const LOGFRAME: &str = include_str!("../../tests/fixtures/compute-logframe.json");
const SCHEMA: &str = include_str!("../../tests/fixtures/compute-schema.json");

/// Filters: grouped ones (text, boolean, integer and date columns, each combination memoised)
/// and ungrouped ones (a decimal column is read each row).
const FILTERS: &[&str] = &[
    "${activity} = 'consult'",
    "${activity} = 'shelter'",
    "${referred}",
    "not(${referred})",
    "${activity} = 'consult' and ${referred}",
    "${activity} = 'shelter' or ${sex} = 'f'",
    "${sex} != '' and not(${activity} = 'other')",
    "if(${referred}, ${activity} = 'consult', ${sex} = 'm')",
    "${nights} > 2",
    "${age} >= 18 and ${activity} = 'consult'",
    "${date} > '2026-01-15'",
    "${waiting_days} >= 10.5",
    "${waiting_days} < 20 or ${referred}",
];

const DATES: &[&str] = &["${date}", "if(${referred}, ${date}, '')", "${date} + 3"];

const VALUES: &[&str] = &[
    "${nights}",
    "${waiting_days}",
    "${satisfaction}",
    "${nights} + ${satisfaction}",
    "if(${referred}, 1, 0)",
    "${referred}",
    "1",
];

const PERSONS: &[&str] = &["${person}", "if(${sex} = 'f', ${person}, '')", "${sex}"];

const SEXES: &[&str] = &["${sex}", "if(${age} >= 18, ${sex}, 'f')", "${activity}"];

#[path = "../../tests/support/records.rs"]
mod records;
use records::{csv, row, Row};

/// Per indicator of the fixture: (filter, date, value, second value, person), each an index
/// into its list (a filter past the end: none).
type Choice = (usize, usize, usize, usize, usize);

fn choice() -> impl Strategy<Value = Choice> {
    (
        0..FILTERS.len() + 2,
        0..DATES.len(),
        0..VALUES.len(),
        0..VALUES.len(),
        0..PERSONS.len(),
    )
}

fn engine(choices: &[Choice], sex: usize) -> Engine {
    let logframe: Logframe = serde_json::from_str(LOGFRAME).unwrap();
    let computed = ["C1", "S1", "M1", "R1", "P1", "RT", "YR", "LS", "O1", "N1"];
    let recipes: Vec<serde_json::Value> = computed
        .iter()
        .zip(choices)
        .map(|(code, &(filter, date, value, second, person))| {
            let mut recipe = serde_json::json!({"indicator": code, "date": DATES[date]});
            if let Some(filter) = FILTERS.get(filter) {
                recipe["filter"] = (*filter).into();
            }
            match *code {
                "S1" | "M1" | "O1" | "N1" => recipe["value"] = VALUES[value].into(),
                "R1" => {
                    recipe["numerator"] = VALUES[value].into();
                    recipe["denominator"] = VALUES[second].into();
                }
                "P1" => recipe["person"] = PERSONS[person].into(),
                _ => {}
            }
            recipe
        })
        .collect();
    let recipes = serde_json::json!({
        "format_version": 1, "dimensions": {"sex": SEXES[sex]}, "recipes": recipes,
    });
    let recipes = Recipes::from_json(&recipes.to_string()).unwrap().value;
    let schema = Schema::from_json(SCHEMA).unwrap().value;
    let periods: Vec<Period> = ["2026Q1", "202601", "202602", "2025"]
        .iter()
        .map(|p| Period::parse(p).unwrap())
        .collect();
    let now = DateTime::parse_from_rfc3339("2026-06-01T00:00:00Z").unwrap();
    Engine::new(&[logframe], &recipes, &schema, &periods, now)
        .unwrap()
        .0
}

fn table(engine: &Engine, rows: &[Row]) -> Table {
    let loaded = Table::from_csv(engine.schema(), &csv(rows)).unwrap();
    assert!(loaded.rejected.is_empty(), "{:?}", loaded.rejected);
    loaded.table
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn blocks_equal_the_row_interpreter(
        rows in prop::collection::vec(row(), 0..150),
        choices in prop::collection::vec(choice(), 10),
        sex in 0..SEXES.len(),
        block_rows in 1usize..70,
        skip in 0usize..5,
    ) {
        let engine = engine(&choices, sex);
        prop_assert_eq!(engine.plans.len(), 10, "{:?}", engine.findings);
        let table = table(&engine, &rows);
        // Some rows left out at the start: blocks need not begin at row 0.
        let range = skip.min(table.len())..table.len();
        let by_rows = engine.state_by(&table, range.clone(), None);
        let by_blocks = engine.state_by(&table, range.clone(), Some(block_rows));
        prop_assert_eq!(&by_blocks, &by_rows);
        let default_blocks = engine.state_by(&table, range, Some(super::engine::BLOCK_ROWS));
        prop_assert_eq!(&default_blocks, &by_rows);
        prop_assert_eq!(engine.finalize(&by_blocks).unwrap(), engine.finalize(&by_rows).unwrap());
    }
}
