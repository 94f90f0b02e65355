//! Properties of record tables: loading never panics and accounts for every input row, JSON
//! lines written read back to the same table, selection keeps source rows, dictionaries hold
//! each text once in first-seen order. Expected values come from the generated records, not
//! from the library.

// Tests: a failing property should fail loudly.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use chrono::{DateTime, FixedOffset, NaiveDate, TimeZone};
use meal_core::data::{ColumnSpec, ColumnType, Loaded, Schema, Table, Values, NULL_CODE};
use meal_core::expr::Value;
use proptest::prelude::*;
use rust_decimal::Decimal;
use serde_json::{json, Map, Value as Json};

fn schema() -> Schema {
    Schema::new(vec![
        ColumnSpec::new("a", ColumnType::Text, false),
        ColumnSpec::new("b", ColumnType::Integer, false),
        ColumnSpec::new("c", ColumnType::Choices, false),
        ColumnSpec::new("d", ColumnType::Decimal, false),
        ColumnSpec::new("e", ColumnType::Boolean, false),
        ColumnSpec::new("f", ColumnType::Date, false),
        ColumnSpec::new("g", ColumnType::DateTime, false),
        ColumnSpec::new("h", ColumnType::Text, true),
    ])
}

/// Every row accounted for, and every text column a dictionary without repeats whose codes
/// first appear in dictionary order.
fn check_invariants(loaded: &Loaded) {
    assert_eq!(
        loaded.rows_read,
        (loaded.table.len() + loaded.rejected.len()) as u64
    );
    for values in loaded.table.columns() {
        assert_eq!(values.len(), loaded.table.len());
        if let Values::Text { codes, dictionary } = values {
            let distinct: std::collections::BTreeSet<&String> = dictionary.iter().collect();
            assert_eq!(
                distinct.len(),
                dictionary.len(),
                "a dictionary repeats a text"
            );
            let mut next = 0u32;
            for &code in codes.iter().filter(|&&c| c != NULL_CODE) {
                assert!(code <= next, "code {code} appears before code {next}");
                if code == next {
                    next += 1;
                }
            }
            assert_eq!(
                next as usize,
                dictionary.len(),
                "a dictionary text no row uses"
            );
        }
    }
}

/// One generated record: every column optional.
#[derive(Debug, Clone)]
struct Record {
    a: Option<String>,
    b: Option<i64>,
    c: Vec<String>,
    d: Option<Decimal>,
    e: Option<bool>,
    f: Option<NaiveDate>,
    g: Option<DateTime<FixedOffset>>,
    h: String,
}

fn record() -> impl Strategy<Value = Record> {
    (
        proptest::option::of("\\PC{1,6}"),
        proptest::option::of(any::<i64>()),
        proptest::collection::vec("[a-z_]{1,5}", 0..3),
        proptest::option::of((any::<i64>(), 0u32..8)),
        proptest::option::of(any::<bool>()),
        proptest::option::of(0i64..200_000),
        proptest::option::of((0i64..4_000_000_000, -12i32..14)),
        "[A-Z]{1,3}",
    )
        .prop_map(|(a, b, c, d, e, f, g, h)| Record {
            a,
            b,
            c,
            d: d.map(|(mantissa, scale)| Decimal::new(mantissa, scale)),
            e,
            f: f.map(|days| {
                NaiveDate::from_ymd_opt(1900, 1, 1).unwrap() + chrono::Days::new(days as u64)
            }),
            g: g.map(|(seconds, hours)| {
                FixedOffset::east_opt(hours * 3600)
                    .unwrap()
                    .timestamp_opt(seconds, 0)
                    .unwrap()
            }),
            h,
        })
}

/// The record as a JSON line, written here with native JSON values where they exist.
fn line(record: &Record) -> String {
    let mut object = Map::new();
    let mut put = |key: &str, value: Option<Json>| {
        if let Some(value) = value {
            object.insert(key.to_owned(), value);
        }
    };
    put("a", record.a.clone().map(Json::from));
    put("b", record.b.map(Json::from));
    put("c", Some(json!(record.c)));
    put("d", record.d.map(|d| Json::from(d.to_string())));
    put("e", record.e.map(Json::from));
    put(
        "f",
        record
            .f
            .map(|d| Json::from(d.format("%Y-%m-%d").to_string())),
    );
    put("g", record.g.map(|t| Json::from(t.to_rfc3339())));
    put("h", Some(Json::from(record.h.clone())));
    Json::Object(object).to_string()
}

fn expected(record: &Record, column: &str) -> Value {
    let number = |d: Decimal| Value::Number(Some(d));
    let value = match column {
        "a" => record.a.clone().map(Value::Text),
        "b" => record.b.map(|b| number(Decimal::from(b))),
        "c" => (!record.c.is_empty()).then(|| Value::Text(record.c.join(" "))),
        "d" => record.d.map(number),
        "e" => record.e.map(Value::Bool),
        "f" => record.f.map(Value::Date),
        "g" => record.g.map(Value::DateTime),
        _ => Some(Value::Text(record.h.clone())),
    };
    value.unwrap_or(Value::Empty)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn csv_bytes_never_panic_and_every_row_is_accounted_for(
        bytes in proptest::collection::vec(any::<u8>(), 0..400),
    ) {
        let mut input = b"h,a,b,c,d,e,f,g\n".to_vec();
        input.extend(&bytes);
        if let Ok(loaded) = Table::from_csv_bytes(&schema(), &input) {
            check_invariants(&loaded);
        }
        if let Ok(loaded) = Table::from_csv_bytes(&schema(), &bytes) {
            check_invariants(&loaded);
        }
    }

    #[test]
    fn csv_text_never_panics_and_counts_records(
        cells in proptest::collection::vec(
            proptest::collection::vec("[abc01\\-\\.:T ]{0,4}|\"[a,\n\"]{0,4}\"|2026-03-0[1-9]", 8),
            0..20,
        ),
    ) {
        let mut text = String::from("h,a,b,c,d,e,f,g\n");
        for row in &cells {
            // A quoted cell has its inner quotes doubled, so each row stays one record of 8
            // fields whatever commas and line breaks it holds.
            let row: Vec<String> = row
                .iter()
                .map(|c| match c.strip_prefix('"') {
                    Some(_) => format!("\"{}\"", c.trim_matches('"').replace('"', "\"\"")),
                    None => c.clone(),
                })
                .collect();
            text.push_str(&row.join(","));
            text.push('\n');
        }
        let loaded = Table::from_csv(&schema(), &text).unwrap();
        check_invariants(&loaded);
        let nonblank = cells.len();
        prop_assert_eq!(loaded.rows_read, nonblank as u64);
    }

    #[test]
    fn json_lines_text_never_panics(text in "[{}\\[\\]\":,abh0-9 \n\\\\tnul.e-]{0,300}") {
        let loaded = Table::from_json_lines(&schema(), &text).unwrap();
        check_invariants(&loaded);
        let nonblank = text.split('\n').filter(|l| !l.trim().is_empty()).count();
        prop_assert_eq!(loaded.rows_read, nonblank as u64);
    }

    #[test]
    fn json_lines_load_what_was_written_and_round_trip(
        records in proptest::collection::vec(record(), 0..30),
    ) {
        let text: String = records.iter().map(|r| line(r) + "\n").collect();
        let loaded = Table::from_json_lines(&schema(), &text).unwrap();
        check_invariants(&loaded);
        prop_assert!(loaded.rejected.is_empty(), "{:?}", loaded.rejected);
        let table = &loaded.table;
        for (row, record) in records.iter().enumerate() {
            for column in ["a", "b", "c", "d", "e", "f", "g", "h"] {
                prop_assert_eq!(table.column(column).unwrap().value(row), expected(record, column));
            }
        }
        let written = table.to_json_lines();
        let again = Table::from_json_lines(&schema(), &written).unwrap();
        prop_assert_eq!(again.table.columns(), table.columns());
        prop_assert_eq!(again.table.to_json_lines(), written);
    }

    #[test]
    fn select_keeps_source_rows_and_values(
        records in proptest::collection::vec(record(), 1..20),
        blank_every in 1usize..4,
        picks in proptest::collection::vec(0usize..25, 0..30),
    ) {
        // Blank lines shift line numbers, so source rows differ from positions.
        let text: String = records
            .iter()
            .enumerate()
            .map(|(i, r)| if i % blank_every == 0 { format!("\n{}\n", line(r)) } else { line(r) + "\n" })
            .collect();
        let table = Table::from_json_lines(&schema(), &text).unwrap().table;
        let picked = table.select(&picks);
        let kept: Vec<usize> = picks.iter().copied().filter(|&p| p < table.len()).collect();
        prop_assert_eq!(picked.len(), kept.len());
        for (row, &source) in kept.iter().enumerate() {
            prop_assert_eq!(picked.source_row(row), table.source_row(source));
            for column in ["a", "b", "c", "d", "e", "f", "g", "h"] {
                prop_assert_eq!(
                    picked.column(column).unwrap().value(row),
                    table.column(column).unwrap().value(source)
                );
            }
        }
    }
}
