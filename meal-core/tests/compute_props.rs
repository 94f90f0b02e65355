//! Invariants of the indicator engine over arbitrary tables (the fixtures' logframe and
//! recipes, random records):
//! * partial/merge/finalize equals the one-shot result for any partitioning;
//! * the cells of each dimension, `unknown` included, add up to the total;
//! * running totals never decrease from one month to the next, nor year-to-date totals
//!   within a year;
//! * a CSV stream computed chunk by chunk equals one load and one pass;
//! * no row is lost: a count of every row up to a late date, plus the rows without a date,
//!   is the number of rows read, which is the number of rows loaded.

// A test file: a broken fixture should fail loudly.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::BTreeMap;

use chrono::DateTime;
use meal_core::compute::{Engine, Recipes, Results};
use meal_core::data::{Schema, Table};
use meal_core::logframe::Logframe;
use meal_core::period::Period;
use proptest::prelude::*;
use rust_decimal::Decimal;

const LOGFRAME: &str = include_str!("fixtures/compute-logframe.json");
const RECIPES: &str = include_str!("fixtures/compute-recipes.json");
const SCHEMA: &str = include_str!("fixtures/compute-schema.json");

#[path = "support/records.rs"]
mod records;
use records::{csv, row, Row};

/// The fixtures plus `ALL`, a running count of every record (no filter).
fn engine(periods: &[&str]) -> (Engine, Schema) {
    let mut logframe: serde_json::Value = serde_json::from_str(LOGFRAME).unwrap();
    logframe["indicators"]
        .as_array_mut()
        .unwrap()
        .push(serde_json::json!({
        "code": "ALL", "name": {"en": "All", "fr": "Tous"}, "measure": {"kind": "count"},
        "unit": {"en": "records", "fr": "enregistrements"}, "direction": {"kind": "increase"},
        "aggregation": "running_total"}));
    let logframe: Logframe = serde_json::from_value(logframe).unwrap();
    let mut recipes: Recipes = Recipes::from_json(RECIPES).unwrap().value;
    let mut all = recipes.recipes[0].clone();
    all.indicator = "ALL".to_owned();
    all.filter = None;
    recipes.recipes.push(all);
    let schema = Schema::from_json(SCHEMA).unwrap().value;
    let periods: Vec<Period> = periods.iter().map(|p| Period::parse(p).unwrap()).collect();
    let now = DateTime::parse_from_rfc3339("2026-06-01T00:00:00Z").unwrap();
    let (engine, _) = Engine::new(&[logframe], &recipes, &schema, &periods, now).unwrap();
    (engine, schema)
}

fn load(schema: &Schema, rows: &[Row]) -> Table {
    let loaded = Table::from_csv(schema, &csv(rows)).unwrap();
    assert!(loaded.rejected.is_empty(), "{:?}", loaded.rejected);
    loaded.table
}

fn total_of(results: &Results, indicator: &str, period: &Period) -> Option<Decimal> {
    results
        .figure(indicator, period, &BTreeMap::new())
        .and_then(|f| f.value)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn merged_partitions_equal_one_pass(
        rows in prop::collection::vec(row(), 0..60),
        parts in prop::collection::vec(0usize..4, 60),
    ) {
        let (engine, schema) = engine(&["2026Q1", "202601", "202602", "202603", "2025"]);
        let table = load(&schema, &rows);
        let whole = engine.compute(&table).unwrap();
        let mut merged = engine.empty();
        for part in 0..4 {
            let rows: Vec<usize> = (0..table.len()).filter(|&i| parts[i] == part).collect();
            let state = engine.partial(&table.select(&rows)).unwrap();
            let state = meal_core::compute::Partial::from_json(&state.to_json()).unwrap();
            merged.merge(&state).unwrap();
        }
        prop_assert_eq!(engine.finalize(&merged).unwrap(), whole);
    }

    #[test]
    fn a_stream_in_chunks_equals_one_load(
        rows in prop::collection::vec(row(), 0..60),
        chunk_bytes in 1usize..400,
    ) {
        let (engine, schema) = engine(&["2026Q1", "202602", "2026"]);
        let text = csv(&rows);
        let whole = engine.compute(&load(&schema, &rows)).unwrap();
        let streamed = engine.compute_csv(text.as_bytes(), chunk_bytes).unwrap();
        prop_assert_eq!(streamed.rows_read, rows.len() as u64);
        prop_assert_eq!(streamed.results, whole);
    }

    #[test]
    fn cells_add_up_to_the_total(rows in prop::collection::vec(row(), 0..60)) {
        let (engine, schema) = engine(&["2026Q1", "202602"]);
        let results = engine.compute(&load(&schema, &rows)).unwrap();
        for indicator in ["C1", "P1"] {
            for period in &results.periods {
                let total = total_of(&results, indicator, period);
                let cells: Vec<Option<Decimal>> = results
                    .figures
                    .iter()
                    .filter(|f| f.indicator == indicator && &f.period == period && f.cell.contains_key("sex"))
                    .map(|f| f.value)
                    .collect();
                prop_assert_eq!(cells.len(), 3);
                let sum = cells.iter().try_fold(Decimal::ZERO, |s, v| v.map(|v| s + v));
                prop_assert_eq!(sum, total, "{} {:?}", indicator, period);
            }
        }
    }

    #[test]
    fn running_totals_never_decrease(rows in prop::collection::vec(row(), 0..60)) {
        let months = ["202512", "202601", "202602", "202603", "202604"];
        let (engine, schema) = engine(&months);
        let results = engine.compute(&load(&schema, &rows)).unwrap();
        let series = |indicator: &str| -> Vec<Decimal> {
            results.periods.iter()
                .map(|p| total_of(&results, indicator, p).unwrap_or(Decimal::ZERO))
                .collect()
        };
        let running = series("RT");
        prop_assert!(running.windows(2).all(|w| w[0] <= w[1]), "{:?}", running);
        let this_year = series("YR");
        prop_assert!(this_year[1..].windows(2).all(|w| w[0] <= w[1]), "{:?}", this_year);
    }

    #[test]
    fn no_row_is_lost(rows in prop::collection::vec(row(), 0..80)) {
        let (engine, schema) = engine(&["2026"]);
        let table = load(&schema, &rows);
        prop_assert_eq!(table.len(), rows.len());
        let results = engine.compute(&table).unwrap();
        let year = Period::parse("2026").unwrap();
        let counted = total_of(&results, "ALL", &year).unwrap_or(Decimal::ZERO);
        prop_assert_eq!(results.sources.rows_read, rows.len() as u64);
        prop_assert_eq!(
            counted + Decimal::from(results.sources.rows_without_date),
            Decimal::from(rows.len() as u64)
        );
    }
}
