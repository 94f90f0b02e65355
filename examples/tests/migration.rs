//! The migration of a generated legacy export with deliberate defects reconciles exactly: every
//! record is migrated or rejected, every defect is reported with its code on its record, and
//! nothing else is (issue 7, "Done when").

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::collections::BTreeMap;

use meal_core::data::{Schema, Table};
use meal_core::interop::migration::{Mapping, Migration};
use meal_demo::legacy::{legacy_export, LegacyExport};

fn data(name: &str) -> String {
    let path = format!("{}/data/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).expect(&path)
}

fn migrate(export: &LegacyExport) -> Migration {
    let schema = Schema::from_json(&data("migration-voozanoo-schema.json")).unwrap();
    assert!(schema.findings.is_empty(), "{:?}", schema.findings);
    let mapping = Mapping::from_json(&data("migration-voozanoo-mano.json")).unwrap();
    assert!(mapping.findings.is_empty(), "{:?}", mapping.findings);
    assert!(mapping.value.check(&schema.value).is_empty());
    let loaded = Table::from_csv(&schema.value, &export.csv).unwrap();
    mapping.value.migrate(&loaded).unwrap()
}

#[test]
fn counts_in_equal_counts_out_and_every_defect_is_on_its_record() {
    let export = legacy_export(1_000);
    let migration = migrate(&export);
    let r = &migration.reconciliation;
    let rejecting: Vec<_> = export.defects.iter().filter(|(_, d)| !d.migrated).collect();
    assert_eq!(r.rows_read, export.records);
    assert_eq!(r.migrated + r.rejected.len() as u64, r.rows_read);
    assert_eq!(r.rejected.len(), rejecting.len());
    assert_eq!(r.migrated as usize, migration.table.len());

    // Rejected: exactly the rejecting defects, each with its code and only it.
    let rejected: BTreeMap<u64, Vec<&str>> = r
        .rejected
        .iter()
        .map(|x| {
            (
                x.source_row,
                x.findings.iter().map(|f| f.code.as_str()).collect(),
            )
        })
        .collect();
    for (row, defect) in &rejecting {
        assert_eq!(
            rejected.get(row),
            Some(&vec![defect.code]),
            "row {row}: {}",
            defect.what
        );
    }
    // Warnings: exactly the migrated defects, each on its row.
    let warnings: Vec<(u64, &str)> = r
        .findings
        .iter()
        .map(|f| (f.params["row"].parse().unwrap(), f.code.as_str()))
        .collect();
    let expected: Vec<(u64, &str)> = export
        .defects
        .iter()
        .filter(|(_, d)| d.migrated)
        .map(|(row, d)| (*row, d.code))
        .collect();
    assert_eq!(warnings, expected);

    // Every record number appears exactly once, migrated or rejected.
    let mut seen: Vec<u64> = migration.table.source_rows().to_vec();
    seen.extend(rejected.keys());
    seen.sort_unstable();
    assert_eq!(seen, (1..=export.records).collect::<Vec<_>>());
}

#[test]
fn a_clean_record_arrives_in_the_target_schema() {
    let migration = migrate(&legacy_export(2));
    // Record 1 by hand from the generator: VZ-00001, Haile / Amina, H, 02/02/1961,
    // registered 02/01/2025, insurance index 1/3 = 0 → AME, 1 + 1 % 3 = 2 services from
    // index 1 (Repas;Vestiaire), amount "1,01", Non, "2 rue des Lilas, 62100, Calais".
    let first = migration.table.row_json(0);
    let expected = serde_json::json!({
        "_id": "VZ-00001", "name": "Amina Haile", "gender": "Homme", "birthdate": "1961-02-02",
        "followedSince": "2025-01-02", "healthInsurances": "AME", "services": "meal clothing",
        "resources": "1.01", "housed": false, "postcode": "62100", "team": "street_outreach",
    });
    assert_eq!(serde_json::Value::Object(first), expected);
    assert_eq!(migration.table.source_rows(), [1, 2]);
}
