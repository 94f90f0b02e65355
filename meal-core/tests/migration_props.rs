//! Properties of migration and of the MANO reader: every source record is accounted for once,
//! an identity mapping gives the source table back, and no input makes the MANO reader panic.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use meal_core::data::{ColumnSpec, ColumnType, Schema, Table};
use meal_core::interop::mano::read_export;
use meal_core::interop::migration::{Mapping, Rule, Unmapped};
use proptest::prelude::*;

const TYPES: [ColumnType; 7] = [
    ColumnType::Text,
    ColumnType::Choices,
    ColumnType::Integer,
    ColumnType::Decimal,
    ColumnType::Boolean,
    ColumnType::Date,
    ColumnType::DateTime,
];

/// Cell texts of every kind: valid values of each type, near misses and blanks.
fn cell() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("12".to_owned()),
        Just("1,5".to_owned()),
        Just("true".to_owned()),
        Just("Oui".to_owned()),
        Just("2026-02-28".to_owned()),
        Just("31/02/2026".to_owned()),
        Just("2026-01-05T10:00:00+01:00".to_owned()),
        "[a-c ;]{0,6}",
    ]
}

/// A source schema of 1–4 columns and CSV rows for it.
fn source() -> impl Strategy<Value = (Schema, Vec<Vec<String>>)> {
    prop::collection::vec((0..TYPES.len(), any::<bool>()), 1..5).prop_flat_map(|cols| {
        let schema = Schema::new(
            cols.iter()
                .enumerate()
                .map(|(i, (t, required))| ColumnSpec::new(&format!("c{i}"), TYPES[*t], *required))
                .collect(),
        );
        let width = cols.len();
        let rows = prop::collection::vec(prop::collection::vec(cell(), width), 0..12);
        (Just(schema), rows)
    })
}

fn csv(schema: &Schema, rows: &[Vec<String>]) -> String {
    let mut out = String::new();
    let header: Vec<&str> = schema.columns.iter().map(|c| c.name.as_str()).collect();
    out.push_str(&header.join(","));
    out.push('\n');
    for row in rows {
        let cells: Vec<String> = row.iter().map(|c| format!("\"{c}\"")).collect();
        out.push_str(&cells.join(","));
        out.push('\n');
    }
    out
}

/// An arbitrary mapping rule for target column `t` of `column_type` over source columns `c*`.
fn rule(target: String, width: usize) -> impl Strategy<Value = Rule> {
    let column = move || (0..width).prop_map(|i| format!("c{i}"));
    (
        prop_oneof![
            column().prop_map(|c| (Some(c), None, None)),
            prop::collection::vec(column(), 1..3).prop_map(|m| (None, Some(m), None)),
            column().prop_map(|c| (None, None, Some(c))),
        ],
        prop::option::of(prop_oneof![Just("a".to_owned()), Just("12".to_owned())]),
        any::<bool>(),
        0..3usize,
    )
        .prop_map(
            move |((from, merge, split), default, mapped, unmapped)| Rule {
                target: target.clone(),
                separator: split.as_ref().map(|_| ";".to_owned()),
                from,
                merge,
                split,
                map: mapped.then(|| [("a".to_owned(), "b".to_owned())].into_iter().collect()),
                unmapped: if mapped {
                    [Unmapped::Reject, Unmapped::Keep, Unmapped::Default][unmapped]
                } else {
                    Unmapped::Reject
                },
                default: default.or_else(|| (mapped && unmapped == 2).then(|| "a".to_owned())),
                ..Rule::default()
            },
        )
}

fn mapping(width: usize) -> impl Strategy<Value = Mapping> {
    prop::collection::vec((0..TYPES.len(), any::<bool>()), 1..4)
        .prop_flat_map(move |cols| {
            let target = Schema::new(
                cols.iter()
                    .enumerate()
                    .map(|(i, (t, r))| ColumnSpec::new(&format!("t{i}"), TYPES[*t], *r))
                    .collect(),
            );
            let rules: Vec<_> = (0..cols.len())
                .map(|i| rule(format!("t{i}"), width))
                .collect();
            (Just(target), rules, any::<bool>())
        })
        .prop_map(|(target, columns, keyed)| Mapping {
            format_version: 1,
            key: keyed.then(|| "t0".to_owned()),
            target,
            columns,
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn every_source_row_is_migrated_or_rejected_exactly_once(
        (schema, rows, mapping) in source().prop_flat_map(|(s, r)| {
            let width = s.columns.len();
            (Just(s), Just(r), mapping(width))
        })
    ) {
        let loaded = Table::from_csv(&schema, &csv(&schema, &rows)).unwrap();
        let Ok(migration) = mapping.migrate(&loaded) else {
            // Only a mapping its own check refuses may fail.
            prop_assert!(mapping.check(&schema).iter().any(|f| f.is_blocking()));
            return Ok(());
        };
        let r = &migration.reconciliation;
        prop_assert_eq!(r.rows_read, rows.len() as u64);
        prop_assert_eq!(r.migrated + r.rejected.len() as u64, r.rows_read);
        let mut seen: Vec<u64> = migration.table.source_rows().to_vec();
        seen.extend(r.rejected.iter().map(|x| x.source_row));
        seen.sort_unstable();
        prop_assert_eq!(seen, (1..=rows.len() as u64).collect::<Vec<_>>());
        prop_assert!(r.rejected.iter().all(|x| !x.findings.is_empty()));
    }

    #[test]
    fn an_identity_mapping_gives_the_source_table_back((schema, rows) in source()) {
        let loaded = Table::from_csv(&schema, &csv(&schema, &rows)).unwrap();
        let identity = Mapping {
            format_version: 1,
            target: schema.clone(),
            key: None,
            columns: schema
                .columns
                .iter()
                .map(|c| Rule { target: c.name.clone(), from: Some(c.name.clone()), ..Rule::default() })
                .collect(),
        };
        let migration = identity.migrate(&loaded).unwrap();
        prop_assert_eq!(&migration.table, &loaded.table);
        prop_assert_eq!(migration.reconciliation.rejected.len(), loaded.rejected.len());
    }

    #[test]
    fn the_mano_reader_never_panics_on_arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        let _ = read_export(&bytes, None);
    }

    #[test]
    fn the_mano_reader_never_panics_on_a_zip_with_damage(cut in 0usize..4000, flip in any::<u8>()) {
        let mut bytes = sample_workbook();
        if let Some(b) = bytes.get_mut(cut) {
            *b ^= flip;
        }
        let _ = read_export(&bytes, Some("{}"));
    }
}

/// A small MANO-style workbook (written once per damaged copy; cheap enough).
fn sample_workbook() -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("personnes suivies").unwrap();
    for (col, header) in ["_id", "name", "birthdate", "alertness"].iter().enumerate() {
        sheet.write_string(0, col as u16, *header).unwrap();
    }
    sheet.write_string(1, 0, "p1").unwrap();
    sheet
        .write_string(1, 2, "1990-01-31T00:00:00.000Z")
        .unwrap();
    sheet.write_boolean(1, 3, true).unwrap();
    book.save_to_buffer().unwrap()
}
