//! Properties of the quality checks: nothing lost, outliers independent of row order,
//! duplicates never flag their original, no spread flags nothing.

// Tests: a failing property should fail loudly.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::{BTreeMap, BTreeSet};

use chrono::DateTime;
use meal_core::data::{Schema, Table};
use meal_core::quality::{check, Checks, QualityReport};
use proptest::prelude::*;

const SCHEMA: &str = r#"{"format_version": 1, "columns": [
  {"name": "record_id", "type": "text", "required": true},
  {"name": "project", "type": "text", "required": true},
  {"name": "site", "type": "text"},
  {"name": "date", "type": "date", "required": true},
  {"name": "person", "type": "text"},
  {"name": "age", "type": "integer"},
  {"name": "nights", "type": "integer"}]}"#;

const CHECKS: &str = r#"{"format_version": 1, "project": "project", "site": "site",
  "date": "date", "period_type": "Monthly", "required": ["age"],
  "expected_reports": [{"project": "IDF", "site": "day_centre", "from": "2026-01-01", "to": null}],
  "duplicates": {"ignore": ["record_id"], "key": ["person", "date"]},
  "rules": [{"code": "VR-AGE", "left": "${age}", "operator": "less_than_or_equal_to", "right": "120"}],
  "outliers": [{"column": "nights", "method": "z_score", "group_by": ["site"]},
               {"column": "nights", "method": "modified_z_score"},
               {"column": "age", "method": "iqr", "group_by": ["project"]}]}"#;

/// One generated record: project, site, day of 2026 (or a bad date), person, age, nights.
type Row = (usize, usize, u32, usize, Option<String>, Option<i64>);

fn row() -> impl Strategy<Value = Row> {
    (
        0..2usize,
        0..3usize,
        0..150u32,
        0..4usize,
        prop_oneof![
            3 => (0..130i64).prop_map(|a| Some(a.to_string())),
            1 => Just(None),
            1 => Just(Some("abc".to_owned())),
        ],
        prop_oneof![3 => (0..20i64).prop_map(Some), 1 => Just(None)],
    )
}

fn csv(rows: &[Row]) -> String {
    let mut text = String::from("record_id,project,site,date,person,age,nights\n");
    for (i, (project, site, day, person, age, nights)) in rows.iter().enumerate() {
        let project = ["IDF", "CAL"][*project];
        let site = ["day_centre", "shelter", ""][*site];
        // Day 149 is written blank: a required cell, so the loader rejects the row.
        let date = if *day == 149 {
            String::new()
        } else {
            (chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()
                + chrono::Days::new(u64::from(*day)))
            .to_string()
        };
        let person = ["p1", "p2", "p3", ""][*person];
        let age = age.clone().unwrap_or_default();
        let nights = nights.map(|n| n.to_string()).unwrap_or_default();
        text.push_str(&format!(
            "r{i},{project},{site},{date},{person},{age},{nights}\n"
        ));
    }
    text
}

fn run(text: &str) -> QualityReport {
    let schema = Schema::from_json(SCHEMA).unwrap().value;
    let loaded = Table::from_csv(&schema, text).unwrap();
    let checks = Checks::from_json(CHECKS).unwrap().value;
    let now = DateTime::parse_from_rfc3339("2026-04-10T09:00:00+02:00").unwrap();
    check(&loaded, &checks, now).unwrap()
}

/// The outlier failures, keyed by record id (the row numbers change with the order).
fn outliers_by_record(report: &QualityReport, rows: &[u64]) -> BTreeSet<(usize, String)> {
    report
        .failures
        .iter()
        .filter(|f| f.check == "outlier")
        .map(|f| {
            let row = f.row.expect("an outlier is about a row");
            let position = usize::try_from(row - 1).unwrap();
            (rows[position] as usize, format!("{:?}", f.params))
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn every_row_is_in_one_scorecard_row_or_rejected(rows in prop::collection::vec(row(), 0..60)) {
        let report = run(&csv(&rows));
        let records: u64 = report.scorecard.iter().map(|s| s.records).sum();
        prop_assert_eq!(report.rows_checked, rows.len() as u64);
        prop_assert_eq!(records + report.rows_rejected + report.rows_unplaced, report.rows_checked);
        let places: BTreeSet<_> = report
            .scorecard
            .iter()
            .map(|s| (s.project.clone(), s.site.clone(), s.period))
            .collect();
        prop_assert_eq!(places.len(), report.scorecard.len(), "one row per place");
    }

    #[test]
    fn outliers_do_not_depend_on_row_order(
        rows in prop::collection::vec(row(), 1..40),
        seed in any::<u64>(),
    ) {
        let mut order: Vec<u64> = (0..rows.len() as u64).collect();
        // A permutation drawn from the seed (Fisher–Yates with a small LCG).
        let mut state = seed | 1;
        for i in (1..order.len()).rev() {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            order.swap(i, (state >> 33) as usize % (i + 1));
        }
        let shuffled: Vec<Row> = order.iter().map(|&i| rows[i as usize].clone()).collect();
        let identity: Vec<u64> = (0..rows.len() as u64).collect();
        // Record ids follow the rows: name each generated row by its original position.
        let original = outliers_by_record(&run(&csv(&rows)), &identity);
        let permuted = outliers_by_record(&run(&csv(&shuffled)), &order);
        prop_assert_eq!(original, permuted);
    }

    #[test]
    fn a_duplicate_original_is_never_flagged(rows in prop::collection::vec(row(), 0..60)) {
        let report = run(&csv(&rows));
        let flagged: BTreeSet<(String, u64)> = report
            .failures
            .iter()
            .filter(|f| f.check == "duplicate")
            .map(|f| (f.code.clone(), f.row.unwrap()))
            .collect();
        for failure in report.failures.iter().filter(|f| f.check == "duplicate") {
            let original: u64 = failure.params["original"].parse().unwrap();
            prop_assert!(original < failure.row.unwrap(), "the original comes first");
            prop_assert!(!flagged.contains(&(failure.code.clone(), original)));
        }
    }

    #[test]
    fn equal_values_flag_no_outlier(value in 0..1000i64, count in 1..30usize) {
        let rows: Vec<Row> = (0..count).map(|i| (i % 2, i % 3, (i % 90) as u32, 3, Some(value.to_string()), Some(value))).collect();
        let report = run(&csv(&rows));
        prop_assert!(report.failures.iter().all(|f| f.check != "outlier"));
        let values = vec![rust_decimal::Decimal::from(value); count];
        let threshold = rust_decimal::Decimal::new(1, 2);
        prop_assert_eq!(
            meal_core::quality::stats::z_score(&values, threshold),
            meal_core::quality::stats::Test::NoSpread
        );
    }
}

#[test]
fn the_summary_adds_the_scorecard_up() {
    let rows: Vec<Row> = (0..40)
        .map(|i| {
            (
                i % 2,
                i % 3,
                (i * 7 % 120) as u32,
                i % 4,
                Some((i * 3).to_string()),
                Some((i % 5) as i64),
            )
        })
        .collect();
    let report = run(&csv(&rows));
    let summary = report.summary();
    let by_check: BTreeMap<&str, u64> =
        summary.failures.iter().fold(BTreeMap::new(), |mut acc, f| {
            *acc.entry(f.check.as_str()).or_default() += f.count;
            acc
        });
    assert_eq!(by_check.values().sum::<u64>(), report.failures.len() as u64);
    assert_eq!(
        summary.records,
        report.scorecard.iter().map(|s| s.records).sum::<u64>()
    );
}

/// The reference mission's checks read cleanly and fit its record schema (the mission's file,
/// when present in this checkout).
#[test]
fn the_mission_checks_fit_the_record_schema() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/data");
    let text = std::fs::read_to_string(root.join("quality-checks.json")).unwrap();
    let checks = Checks::from_json(&text).unwrap();
    assert!(checks.findings.is_empty(), "{:?}", checks.findings);
    if let Ok(schema) = std::fs::read_to_string(root.join("records-schema.json")) {
        let schema = Schema::from_json(&schema).unwrap().value;
        let findings = checks.value.check_against(&schema);
        assert!(findings.is_empty(), "{findings:?}");
    }
}
