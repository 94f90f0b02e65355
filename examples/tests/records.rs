//! The generated records load against their schema document, and the recipes' `age_band`
//! dimension bands ages as the logframes declare them.

// A test reports a broken fixture by panicking, with the reason.
#![allow(clippy::panic)]

use chrono::NaiveDate;
use meal_core::data::{RowContext, Schema, Table};
use meal_core::expr::{Expr, Value};
use meal_demo::{reference, synthetic};

fn schema() -> Schema {
    match reference::schema() {
        Ok(parsed) if parsed.findings.is_empty() => parsed.value,
        Ok(parsed) => panic!("records-schema.json: {:#?}", parsed.findings),
        Err(error) => panic!("records-schema.json: {error}"),
    }
}

#[test]
fn every_generated_row_loads_except_the_injected_unreadable_ages() {
    let config = synthetic::Config {
        rows: 20_000,
        seed: 11,
    };
    let (csv, summary) = synthetic::csv_string(&config).unwrap();
    let loaded = Table::from_csv(&schema(), &csv).unwrap();
    assert_eq!(loaded.rows_read, 20_000);
    assert!(loaded.findings.is_empty(), "{:#?}", loaded.findings);
    assert_eq!(loaded.rejected.len() as u64, summary.invalid_ages);
    for rejected in &loaded.rejected {
        let codes: Vec<(&str, &str)> = rejected
            .findings
            .iter()
            .map(|f| (f.code.as_str(), f.path.as_str()))
            .collect();
        assert_eq!(codes, [("data.not_integer", "age")], "row {}", rejected.row);
    }
    assert_eq!(loaded.table.len() + loaded.rejected.len(), 20_000);
}

#[test]
fn age_bands_follow_the_declared_categories_and_leave_the_rest_unknown() {
    let recipes = reference::recipes().unwrap().value;
    let band = Expr::parse(&recipes.dimensions["age_band"]).unwrap();
    // Expected bands worked out from the logframes' categories: under 15, 15 to 17, 18 and
    // over; an empty or impossible age is no band (the unknown cell).
    let cases = [
        ("", ""),
        ("0", "under_15"),
        ("14", "under_15"),
        ("15", "15_17"),
        ("17", "15_17"),
        ("18", "18_plus"),
        ("120", "18_plus"),
        ("121", ""),
        ("150", ""),
        ("999", ""),
        ("-1", ""),
    ];
    let schema = Schema::new(
        synthetic::schema()
            .columns
            .into_iter()
            .filter(|c| c.name == "age" || c.name == "sex")
            .collect(),
    );
    // Two columns, so that an empty age is an empty cell and not a blank line.
    let csv: String = std::iter::once("sex,age".to_owned())
        .chain(cases.iter().map(|(age, _)| format!("m,{age}")))
        .collect::<Vec<_>>()
        .join("\n");
    let loaded = Table::from_csv(&schema, &csv).unwrap();
    assert!(loaded.rejected.is_empty());
    for (row, (age, expected)) in cases.iter().enumerate() {
        let context = RowContext {
            table: &loaded.table,
            row,
            today: NaiveDate::from_ymd_opt(2026, 4, 15).unwrap(),
            now: reference::now(),
        };
        let value = band.evaluate(&context).unwrap();
        assert_eq!(value, Value::Text((*expected).to_owned()), "age {age:?}");
    }
}

#[test]
fn the_quarter_comes_with_its_months() {
    let ids: Vec<String> = reference::quarter_and_months("2026Q1")
        .unwrap()
        .iter()
        .map(|p| p.id())
        .collect();
    assert_eq!(ids, ["2026Q1", "202601", "202602", "202603"]);
}

#[test]
fn a_csv_export_carries_the_schemas_hxl_hashtags_under_its_header() {
    use meal_core::interop::hxl::{self, Pattern};
    let config = synthetic::Config { rows: 50, seed: 3 };
    let (csv, _) = synthetic::csv_string(&config).unwrap();
    let loaded = Table::from_csv(&schema(), &csv).unwrap();
    let exported = hxl::to_csv(&loaded.table);
    let mut lines = exported.split("\r\n");
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let hashtags: Vec<&str> = lines.next().unwrap().split(',').collect();
    assert_eq!(header.len(), hashtags.len());
    let tag_of = |name: &str| hashtags[header.iter().position(|h| *h == name).unwrap()];
    assert_eq!(tag_of("record_id"), "#meta+id");
    assert_eq!(tag_of("sex"), "#beneficiary+sex");
    assert_eq!(
        tag_of("consent"),
        "",
        "columns without a hashtag leave the cell empty"
    );
    // The rows follow the two header lines, one per loaded record.
    assert_eq!(
        exported.trim_end().split("\r\n").count(),
        2 + loaded.table.len()
    );
    // Selecting by pattern: every #beneficiary column but the identifier.
    let pattern = Pattern::parse("#beneficiary-id").unwrap();
    assert_eq!(
        hxl::columns_matching(&schema(), &pattern),
        ["sex", "age", "population_group"]
    );
}
