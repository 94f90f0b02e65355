//! The indicator engine on a small hand-checked table (tests/fixtures/compute-*): every
//! measure, every aggregation window, cells with `unknown`, targets, statuses, provenance,
//! and the partial/merge path. Expected values are worked out by hand from the ten records of
//! `compute-records.csv` (see the comments).

// A test file: a broken fixture should fail loudly.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::BTreeMap;

use chrono::DateTime;
use meal_core::compute::{Engine, Partial, Recipes, Results};
use meal_core::data::{Schema, Table};
use meal_core::indicator::Status;
use meal_core::logframe::Logframe;
use meal_core::period::Period;
use rust_decimal::Decimal;

const LOGFRAME: &str = include_str!("fixtures/compute-logframe.json");
const RECIPES: &str = include_str!("fixtures/compute-recipes.json");
const SCHEMA: &str = include_str!("fixtures/compute-schema.json");
const RECORDS: &str = include_str!("fixtures/compute-records.csv");

fn periods() -> Vec<Period> {
    ["2026Q1", "202601", "202602", "202603"]
        .iter()
        .map(|id| Period::parse(id).unwrap())
        .collect()
}

fn engine() -> (Engine, Table) {
    let logframe: Logframe = serde_json::from_str(LOGFRAME).unwrap();
    let recipes = Recipes::from_json(RECIPES).unwrap();
    assert!(recipes.findings.is_empty(), "{:?}", recipes.findings);
    let schema = Schema::from_json(SCHEMA).unwrap().value;
    let loaded = Table::from_csv(&schema, RECORDS).unwrap();
    assert!(loaded.rejected.is_empty(), "{:?}", loaded.rejected);
    let now = DateTime::parse_from_rfc3339("2026-04-10T09:00:00+02:00").unwrap();
    let (engine, _) = Engine::new(&[logframe], &recipes.value, &schema, &periods(), now).unwrap();
    (engine, loaded.table)
}

fn results() -> Results {
    let (engine, table) = engine();
    engine.compute(&table).unwrap()
}

fn cell(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(d, c)| (d.to_string(), c.to_string()))
        .collect()
}

fn value(
    results: &Results,
    indicator: &str,
    period: &str,
    pairs: &[(&str, &str)],
) -> Option<String> {
    let period = Period::parse(period).unwrap();
    results
        .figure(indicator, &period, &cell(pairs))
        .unwrap_or_else(|| panic!("no figure {indicator} {period:?} {pairs:?}"))
        .value
        .map(|v| v.to_string())
}

fn values(results: &Results, indicator: &str, pairs: &[(&str, &str)]) -> Vec<Option<String>> {
    ["2026Q1", "202601", "202602", "202603"]
        .iter()
        .map(|p| value(results, indicator, p, pairs))
        .collect()
}

fn some(items: &[&str]) -> Vec<Option<String>> {
    items
        .iter()
        .map(|v| (!v.is_empty()).then(|| v.to_string()))
        .collect()
}

#[test]
fn count_with_cells_and_unknown() {
    let r = results();
    // Consultations dated in Q1: r2 (f), r3 (m), r4 (no sex), r6 (sex "x", undeclared), r10 (f).
    assert_eq!(values(&r, "C1", &[]), some(&["5", "2", "1", "2"]));
    assert_eq!(
        values(&r, "C1", &[("sex", "f")]),
        some(&["2", "1", "0", "1"])
    );
    assert_eq!(
        values(&r, "C1", &[("sex", "m")]),
        some(&["1", "1", "0", "0"])
    );
    assert_eq!(
        values(&r, "C1", &[("sex", "unknown")]),
        some(&["2", "0", "1", "1"])
    );
}

#[test]
fn targets_achievement_and_status_for_total_and_cell() {
    let r = results();
    let q1 = Period::parse("2026Q1").unwrap();
    let total = r.figure("C1", &q1, &cell(&[])).unwrap();
    assert_eq!(total.target, Some(Decimal::from(4)));
    assert_eq!(total.achievement, Some(Decimal::new(125, 2)));
    assert_eq!(total.status, Status::OnTrack);
    let women = r.figure("C1", &q1, &cell(&[("sex", "f")])).unwrap();
    assert_eq!(women.target, Some(Decimal::from(2)));
    assert_eq!(women.achievement, Some(Decimal::ONE));
    let men = r.figure("C1", &q1, &cell(&[("sex", "m")])).unwrap();
    assert_eq!((men.target, men.status), (None, Status::NoTarget));
    // Mean waiting days 3 against a decreasing target of 4: 4 / 3.
    let waiting = r.figure("M1", &q1, &cell(&[])).unwrap();
    assert_eq!(waiting.achievement, Some(Decimal::new(13333, 4)));
    assert_eq!(waiting.status, Status::OnTrack);
    // 40 % referred against 50 %: 0.8, at risk.
    let referred = r.figure("R1", &q1, &cell(&[])).unwrap();
    assert_eq!(referred.status, Status::AtRisk);
}

#[test]
fn sum_mean_and_ratio_are_sums_first() {
    let r = results();
    // Shelter nights: r5 (Feb) 3, r7 (Mar) 2. January has records, so its sum is 0, not "no data".
    assert_eq!(values(&r, "S1", &[]), some(&["5", "0", "3", "2"]));
    // Waiting days of consultations: 5 (r3, Jan) and 1 (r6, Mar); three without a value.
    assert_eq!(values(&r, "M1", &[]), some(&["3", "5", "", "1"]));
    let q1 = Period::parse("2026Q1").unwrap();
    let mean = r.figure("M1", &q1, &cell(&[])).unwrap();
    assert_eq!(
        (mean.numerator, mean.denominator),
        (Some(Decimal::from(6)), Some(Decimal::from(2)))
    );
    assert_eq!((mean.rows.matched, mean.rows.without_value), (5, 3));
    // Referred: 2 of 5 in Q1; Jan 1 of 2, Feb 1 of 1, Mar 0 of 2.
    assert_eq!(values(&r, "R1", &[]), some(&["40", "50", "100", "0"]));
}

#[test]
fn distinct_persons_counted_once_in_their_first_cell() {
    let r = results();
    // p1 (f), p2 (m in January, f in March: first seen as m), p3 and p4 (unknown sex).
    assert_eq!(values(&r, "P1", &[]), some(&["4", "2", "1", "2"]));
    assert_eq!(
        values(&r, "P1", &[("sex", "f")]),
        some(&["1", "1", "0", "1"])
    );
    assert_eq!(
        values(&r, "P1", &[("sex", "m")]),
        some(&["1", "1", "0", "0"])
    );
    assert_eq!(
        values(&r, "P1", &[("sex", "unknown")]),
        some(&["2", "0", "1", "1"])
    );
}

#[test]
fn windows_follow_the_aggregation() {
    let r = results();
    // Running total since the first record (r1 in December 2025 counts).
    assert_eq!(values(&r, "RT", &[]), some(&["6", "3", "4", "6"]));
    // From 1 January.
    assert_eq!(values(&r, "YR", &[]), some(&["5", "2", "3", "5"]));
    // Records of the latest day: 15 March holds r6, r7, r10.
    assert_eq!(values(&r, "LS", &[]), some(&["3", "1", "1", "3"]));
}

#[test]
fn ordinal_median_and_nominal_mode() {
    let r = results();
    // Levels in Q1: 3, 4, 2, 4 → lower median 3; Jan 3, 4 → 3; Feb 2; Mar 4.
    assert_eq!(values(&r, "O1", &[]), some(&["3", "3", "2", "4"]));
    // Three categories: 4 is no category. Q1: 3 and 2 once each → the first, 2.
    assert_eq!(values(&r, "N1", &[]), some(&["2", "3", "2", ""]));
}

#[test]
fn provenance_and_findings() {
    let r = results();
    assert_eq!(r.sources.rows_read, 10);
    assert_eq!(r.sources.rows_without_date, 1);
    assert!(r.sources.documents.contains_key("logframe:TST"));
    assert!(r.sources.documents["recipes"].starts_with("sha256:"));
    let codes: Vec<(&str, &str)> = r
        .findings
        .iter()
        .map(|f| (f.code.as_str(), f.params["indicator"].as_str()))
        .collect();
    assert_eq!(
        codes,
        [
            ("compute.no_recipe", "NR"),
            ("compute.not_computable", "Q1")
        ]
    );
    let q1 = Period::parse("2026Q1").unwrap();
    assert!(r.figure("Q1", &q1, &cell(&[])).is_none());
    assert_eq!(r.figure("C1", &q1, &cell(&[])).unwrap().rows.in_window, 7);
}

#[test]
fn partitions_merged_equal_one_pass() {
    let (engine, table) = engine();
    let whole = engine.compute(&table).unwrap();
    let odd: Vec<usize> = (0..table.len()).filter(|i| i % 2 == 1).collect();
    let even: Vec<usize> = (0..table.len()).filter(|i| i % 2 == 0).collect();
    let mut merged = engine.partial(&table.select(&odd)).unwrap();
    let other =
        Partial::from_json(&engine.partial(&table.select(&even)).unwrap().to_json()).unwrap();
    merged.merge(&other).unwrap();
    assert_eq!(engine.finalize(&merged).unwrap(), whole);
}

#[test]
fn recipe_problems_are_findings_with_paths() {
    let logframe: Logframe = serde_json::from_str(LOGFRAME).unwrap();
    let schema = Schema::from_json(SCHEMA).unwrap().value;
    let recipes = Recipes::from_json(
        r#"{"format_version": 1, "recipes": [
            {"indicator": "C1", "date": "${date}", "value": "${nights}"},
            {"indicator": "S1", "date": "${date}"},
            {"indicator": "M1", "date": "${date}", "value": "${nope}"},
            {"indicator": "R1", "date": "${date}", "numerator": "1 +", "denominator": "1"},
            {"indicator": "ZZ", "date": "${date}"},
            {"indicator": "S1", "date": "${date}", "value": "${nights}"}
        ]}"#,
    )
    .unwrap()
    .value;
    let now = DateTime::parse_from_rfc3339("2026-04-10T09:00:00+02:00").unwrap();
    let (engine, found) = Engine::new(&[logframe], &recipes, &schema, &periods(), now).unwrap();
    let listed: Vec<(&str, &str)> = found
        .iter()
        .filter(|f| !f.path.is_empty())
        .map(|f| (f.path.as_str(), f.code.as_str()))
        .collect();
    assert_eq!(
        listed,
        [
            ("/recipes/0/dimensions", "compute.no_dimension_source"),
            ("/recipes/0/value", "compute.unused_part"),
            ("/recipes/1/value", "compute.missing_part"),
            ("/recipes/2/value", "expr.unknown_field"),
            ("/recipes/3/numerator", "compute.bad_expression"),
            ("/recipes/4/indicator", "compute.unknown_indicator"),
            ("/recipes/5/indicator", "compute.duplicate_recipe"),
        ]
    );
    let table = Table::from_csv(&schema, RECORDS).unwrap().table;
    let computed: std::collections::BTreeSet<String> = engine
        .compute(&table)
        .unwrap()
        .figures
        .into_iter()
        .map(|f| f.indicator)
        .collect();
    assert!(computed.is_empty(), "{computed:?}");
}

#[test]
fn errors_for_periods_schema_and_foreign_state() {
    let logframe: Logframe = serde_json::from_str(LOGFRAME).unwrap();
    let recipes = Recipes::from_json(RECIPES).unwrap().value;
    let schema = Schema::from_json(SCHEMA).unwrap().value;
    let now = DateTime::parse_from_rfc3339("2026-04-10T09:00:00+02:00").unwrap();
    let err =
        Engine::new(std::slice::from_ref(&logframe), &recipes, &schema, &[], now).unwrap_err();
    assert_eq!(err.code, "compute.no_periods");
    let twice = [periods()[0], periods()[0]];
    let err = Engine::new(
        std::slice::from_ref(&logframe),
        &recipes,
        &schema,
        &twice,
        now,
    )
    .unwrap_err();
    assert_eq!(err.code, "compute.duplicate_period");
    let (engine, table) = engine();
    let (other, _) = Engine::new(&[logframe], &recipes, &schema, &periods()[1..], now).unwrap();
    let state = other.partial(&table).unwrap();
    assert_eq!(
        engine.finalize(&state).unwrap_err().code,
        "compute.incompatible_partial"
    );
    let mut mine = engine.partial(&table).unwrap();
    assert_eq!(
        mine.merge(&state).unwrap_err().code,
        "compute.incompatible_partial"
    );
    assert_eq!(Partial::from_json("{").unwrap_err().code, "json.malformed");
    assert_eq!(
        Partial::from_json("{}").unwrap_err().code,
        "document.invalid"
    );
}

#[test]
fn running_total_carries_its_opening_forward() {
    let logframe: Logframe = serde_json::from_str(LOGFRAME).unwrap();
    let schema = Schema::from_json(SCHEMA).unwrap().value;
    let mut recipes = Recipes::from_json(RECIPES).unwrap().value;
    let opening = serde_json::json!({"value": "100", "through": "2025-12-31"});
    for recipe in &mut recipes.recipes {
        if recipe.indicator == "RT" || recipe.indicator == "C1" {
            recipe.opening = Some(serde_json::from_value(opening.clone()).unwrap());
        }
    }
    let now = DateTime::parse_from_rfc3339("2026-04-10T09:00:00+02:00").unwrap();
    let (engine, found) = Engine::new(&[logframe], &recipes, &schema, &periods(), now).unwrap();
    // C1 is incremental: an opening balance means nothing there.
    let refused: Vec<(&str, &str)> = found
        .iter()
        .filter(|f| f.code == "compute.opening_not_allowed")
        .map(|f| (f.path.as_str(), f.params["indicator"].as_str()))
        .collect();
    assert_eq!(refused, [("/recipes/0/opening", "C1")]);
    let table = Table::from_csv(&schema, RECORDS).unwrap().table;
    let r = engine.compute(&table).unwrap();
    // 100 carried forward; r1 (December 2025) is in it, so only 2026's consultations add:
    // January r2 r3, February r4, March r6 r10.
    assert_eq!(values(&r, "RT", &[]), some(&["105", "102", "103", "105"]));
    let q1 = Period::parse("2026Q1").unwrap();
    assert_eq!(
        r.figure("RT", &q1, &cell(&[])).unwrap().opening,
        Some(Decimal::from(100))
    );
    assert!(r.figure("C1", &q1, &cell(&[])).is_none());
}

#[test]
fn a_period_that_ends_before_the_opening_counts_no_row() {
    // January ends before the opening's day after (2026-02-16): its window is empty, which
    // once panicked in `BTreeMap::range` (found by meal-py's notebook tests on 2025Q4).
    let logframe: Logframe = serde_json::from_str(LOGFRAME).unwrap();
    let schema = Schema::from_json(SCHEMA).unwrap().value;
    let mut recipes = Recipes::from_json(RECIPES).unwrap().value;
    let opening = serde_json::json!({"value": "100", "through": "2026-02-15"});
    for recipe in recipes.recipes.iter_mut().filter(|r| r.indicator == "RT") {
        recipe.opening = Some(serde_json::from_value(opening.clone()).unwrap());
    }
    let now = DateTime::parse_from_rfc3339("2026-04-10T09:00:00+02:00").unwrap();
    let (engine, _) = Engine::new(&[logframe], &recipes, &schema, &periods(), now).unwrap();
    let table = Table::from_csv(&schema, RECORDS).unwrap().table;
    let r = engine.compute(&table).unwrap();
    let january = Period::parse("202601").unwrap();
    assert_eq!(
        r.figure("RT", &january, &cell(&[])).unwrap().rows.in_window,
        0
    );
}

#[test]
fn a_csv_stream_in_chunks_gives_the_figures_and_rows_of_one_load() {
    let (engine, table) = engine();
    let whole = engine.compute(&table).unwrap();
    // A record with an unreadable age, rejected, numbered as in the whole file.
    let records = format!("{RECORDS}r11,2026-02-01,p9,f,old,consult,,,,\n");
    for chunk_bytes in [1, 40, 1 << 20] {
        let streamed = engine.compute_csv(records.as_bytes(), chunk_bytes).unwrap();
        assert_eq!(streamed.rows_read, 11);
        assert_eq!(streamed.loaded, 10);
        let rejected: Vec<u64> = streamed.rejected.iter().map(|r| r.row).collect();
        assert_eq!(rejected, [11], "chunks of {chunk_bytes} bytes");
        assert_eq!(streamed.results, whole, "chunks of {chunk_bytes} bytes");
    }
    let err = engine.compute_csv(&b""[..], 1).unwrap_err();
    assert_eq!(err.code, "data.no_header");
}

#[test]
fn recipe_documents_are_named_in_both_languages() {
    let err = Recipes::from_json(r#"{"format_version": 1, "recipes": 3}"#).unwrap_err();
    assert_eq!(err.code, "document.invalid");
    assert!(err
        .message(meal_core::Locale::Fr)
        .contains("recettes d'indicateurs"));
    assert!(err
        .message(meal_core::Locale::En)
        .contains("indicator recipes"));
    let err = Recipes::from_json(r#"{"format_version": 2, "recipes": []}"#).unwrap_err();
    assert_eq!(err.code, "document.format_version");
}
