//! Migrating every record and accounting for it. Each loaded source record becomes a JSON line
//! of target values (`rule.rs`), and the lines are loaded into the target schema by the data
//! loader — so the migrated table is typed by exactly the rules of a CSV load, and every
//! problem of a record (mapping and typing) is reported together. A record is migrated when it
//! has no error and its key is new; otherwise it is rejected; nothing else can happen to it,
//! which is what makes `rows_read == migrated + rejected.len()` hold.

use std::collections::HashMap;

use serde_json::{Map, Value as Json};

use super::{Mapping, Migration, Reconciliation, RejectedRecord};
use crate::data::{ColumnType, Loaded, Schema, Table};
use crate::error::{sort_findings, Finding, MealError};

/// One source record on its way: the target values and what was found.
struct Record {
    source_row: u64,
    values: Vec<String>,
    findings: Vec<Finding>,
}

pub(super) fn migrate(mapping: &Mapping, source: &Loaded) -> Result<Migration, MealError> {
    let checked = mapping.check(source.table.schema());
    if let Some(blocking) = checked.iter().find(|f| f.is_blocking()) {
        return Err(MealError::new("migration.invalid_mapping")
            .at(blocking.path.clone())
            .with("code", &blocking.code)
            .with("path", &blocking.path));
    }
    let mut records = produce_all(mapping, &source.table);
    let typed =
        Table::from_json_lines(&mapping.target, &feed(&mapping.target, &records, |_| true))?;
    merge_load_findings(&mut records, &typed);
    reject_duplicate_keys(mapping, &mut records);

    let kept = |r: &Record| !r.findings.iter().any(Finding::is_blocking);
    let kept_rows: Vec<u64> = records
        .iter()
        .filter(|r| kept(r))
        .map(|r| r.source_row)
        .collect();
    let table = if typed.rejected.is_empty() && kept_rows.len() == records.len() {
        typed.table
    } else {
        // Reloaded from the kept lines only, so the text dictionaries hold exactly the texts
        // of migrated records (a property of every loaded table).
        Table::from_json_lines(&mapping.target, &feed(&mapping.target, &records, kept))?.table
    };
    let table = Table::from_columns(mapping.target.clone(), table.columns().to_vec(), kept_rows)?;

    let mut findings: Vec<Finding> = checked;
    findings.extend(source.findings.iter().cloned());
    let mut rejected: Vec<RejectedRecord> = source
        .rejected
        .iter()
        .map(|r| RejectedRecord {
            source_row: r.row,
            findings: r.findings.clone(),
        })
        .collect();
    for record in records {
        if kept(&record) {
            findings.extend(record.findings);
        } else {
            let mut errors = record.findings;
            errors.retain(Finding::is_blocking);
            sort_findings(&mut errors);
            rejected.push(RejectedRecord {
                source_row: record.source_row,
                findings: errors,
            });
        }
    }
    rejected.sort_by_key(|r| r.source_row);
    let reconciliation = Reconciliation {
        rows_read: u64::try_from(source.table.len() + source.rejected.len()).unwrap_or(u64::MAX),
        migrated: u64::try_from(table.len()).unwrap_or(u64::MAX),
        rejected,
        findings,
    };
    Ok(Migration {
        table,
        reconciliation,
    })
}

/// The target values of every loaded source record, with the mapping's findings.
fn produce_all(mapping: &Mapping, source: &Table) -> Vec<Record> {
    let rules: Vec<_> = mapping
        .target
        .columns
        .iter()
        .map(|spec| {
            let rule = mapping.columns.iter().find(|r| r.target == spec.name);
            (spec.column_type, rule)
        })
        .collect();
    (0..source.len())
        .map(|row| {
            let source_row = source.source_row(row).unwrap_or_default();
            let cells = source.row_json(row);
            let read = |name: &str| cell_text(cells.get(name));
            let mut record = Record {
                source_row,
                values: Vec::with_capacity(rules.len()),
                findings: Vec::new(),
            };
            for (column_type, rule) in &rules {
                let produced = rule.map(|r| r.produce(*column_type, &read, source_row));
                let produced = produced.unwrap_or_default();
                record.values.push(produced.value);
                record.findings.extend(produced.findings);
            }
            record
        })
        .collect()
}

/// A source cell as text: text as it is, other values as `to_json_lines` writes them.
fn cell_text(value: Option<&Json>) -> String {
    match value {
        None | Some(Json::Null) => String::new(),
        Some(Json::String(text)) => text.clone(),
        Some(other) => other.to_string(),
    }
}

/// The JSON lines of the records `include` selects (line n = the n-th selected record).
fn feed(target: &Schema, records: &[Record], include: impl Fn(&Record) -> bool) -> String {
    let mut text = String::new();
    for record in records.iter().filter(|r| include(r)) {
        let object: Map<String, Json> = target
            .columns
            .iter()
            .zip(&record.values)
            .map(|(spec, value)| {
                let json = if value.is_empty() {
                    Json::Null
                } else {
                    Json::from(value.as_str())
                };
                (spec.name.clone(), json)
            })
            .collect();
        text.push_str(&Json::Object(object).to_string());
        text.push('\n');
    }
    text
}

/// Adds the target loader's findings to their records (line n is record n-1), except on a
/// column the mapping already faulted: its empty value would only repeat the problem.
fn merge_load_findings(records: &mut [Record], typed: &Loaded) {
    for rejected in &typed.rejected {
        let index = usize::try_from(rejected.row.saturating_sub(1)).unwrap_or(usize::MAX);
        let Some(record) = records.get_mut(index) else {
            continue;
        };
        let faulted: Vec<String> = record
            .findings
            .iter()
            .filter(|f| f.is_blocking())
            .map(|f| f.path.clone())
            .collect();
        record.findings.extend(
            rejected
                .findings
                .iter()
                .filter(|f| !faulted.contains(&f.path))
                .cloned(),
        );
    }
}

/// Rejects, in source order, a record whose key value an earlier migrated record has.
fn reject_duplicate_keys(mapping: &Mapping, records: &mut [Record]) {
    let Some(key) = &mapping.key else {
        return;
    };
    let Some(column) = mapping.target.index_of(key) else {
        return;
    };
    let is_text = mapping
        .target
        .columns
        .get(column)
        .is_some_and(|c| c.column_type.is_text() || c.column_type == ColumnType::Boolean);
    let mut first: HashMap<String, u64> = HashMap::new();
    for record in records.iter_mut() {
        if record.findings.iter().any(Finding::is_blocking) {
            continue;
        }
        let Some(value) = record.values.get(column).filter(|v| !v.is_empty()) else {
            continue;
        };
        let value = if is_text {
            value.clone()
        } else {
            value.trim().to_owned()
        };
        match first.get(&value) {
            Some(first_row) => record.findings.push(
                Finding::error("migration.duplicate_key", key.as_str())
                    .with("column", key)
                    .with("value", &value)
                    .with("first_row", first_row),
            ),
            None => {
                first.insert(value, record.source_row);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    /// For the tests: the source rows of a reconciliation, migrated or rejected, by outcome.
    fn outcomes(migration: &Migration) -> BTreeMap<u64, Vec<String>> {
        let mut out: BTreeMap<u64, Vec<String>> = migration
            .table
            .source_rows()
            .iter()
            .map(|&r| (r, Vec::new()))
            .collect();
        for r in &migration.reconciliation.rejected {
            out.insert(
                r.source_row,
                r.findings.iter().map(|f| f.code.clone()).collect(),
            );
        }
        out
    }

    const SOURCE: &str = r#"{"format_version": 1, "columns": [
        {"name": "N°", "type": "text"}, {"name": "Sexe", "type": "text"},
        {"name": "Né le", "type": "text"}, {"name": "Âge", "type": "integer"}]}"#;

    const MAPPING: &str = r#"{"format_version": 1,
        "target": {"format_version": 1, "columns": [
            {"name": "id", "type": "text", "required": true},
            {"name": "gender", "type": "text"},
            {"name": "birthdate", "type": "date"},
            {"name": "age", "type": "integer", "required": true}]},
        "key": "id",
        "columns": [
            {"target": "id", "from": "N°"},
            {"target": "gender", "from": "Sexe", "map": {"H": "man", "F": "woman"}, "default": "unknown"},
            {"target": "birthdate", "from": "Né le", "format": "%d/%m/%Y"},
            {"target": "age", "from": "Âge"}]}"#;

    fn run(csv: &str) -> Migration {
        let schema = Schema::from_json(SOURCE).unwrap().value;
        let loaded = Table::from_csv(&schema, csv).unwrap();
        let mapping = Mapping::from_json(MAPPING).unwrap().value;
        mapping.migrate(&loaded).unwrap()
    }

    #[test]
    fn every_record_is_migrated_or_rejected_with_its_reasons() {
        let m = run(concat!(
            "N°,Sexe,Né le,Âge\n",
            "A1,H,31/01/1990,36\n",
            "A2,X,31/02/1990,\n",
            "A3,,,abc\n",
            "A1,F,01/01/2000,26\n",
            ",F,,30\n",
            "A4,,,40\n",
        ));
        let expected: BTreeMap<u64, Vec<String>> = BTreeMap::from([
            (1, vec![]),
            (
                2,
                vec![
                    "data.required".into(),
                    "migration.bad_date".into(),
                    "migration.unmapped_value".into(),
                ],
            ),
            (3, vec!["data.not_integer".into()]),
            (4, vec!["migration.duplicate_key".into()]),
            (5, vec!["data.required".into()]),
            (6, vec![]),
        ]);
        assert_eq!(outcomes(&m), expected);
        let r = &m.reconciliation;
        assert_eq!((r.rows_read, r.migrated, r.rejected.len()), (6, 2, 4));
        assert_eq!(m.table.source_rows(), [1, 6]);
        assert_eq!(
            m.table.to_json_lines(),
            concat!(
                r#"{"id":"A1","gender":"man","birthdate":"1990-01-31","age":36}"#,
                "\n",
                r#"{"id":"A4","gender":"unknown","birthdate":null,"age":40}"#,
                "\n"
            )
        );
        let warnings: Vec<_> = r
            .findings
            .iter()
            .map(|f| (&f.code, &f.params["row"]))
            .collect();
        assert_eq!(
            warnings,
            [(&"migration.default_used".to_owned(), &"6".to_owned())]
        );
        let dictionary = match m.table.column("gender") {
            Some(crate::data::Values::Text { dictionary, .. }) => dictionary.clone(),
            _ => Vec::new(),
        };
        assert_eq!(
            dictionary,
            ["man", "unknown"],
            "rejected texts are not kept"
        );
    }

    #[test]
    fn load_rejections_are_carried_in_and_a_bad_mapping_is_an_error() {
        let m = run("N°,Sexe,Né le,Âge\nA1,H,,x\nA2,F,,1\n");
        assert_eq!(m.reconciliation.rejected.len(), 1);
        assert_eq!(m.reconciliation.rejected[0].source_row, 1);
        assert_eq!(
            m.reconciliation.rejected[0].findings[0].code,
            "data.not_integer"
        );
        let schema = Schema::from_json(SOURCE).unwrap().value;
        let loaded = Table::from_csv(&schema, "N°\nA\n").unwrap();
        let mut mapping = Mapping::from_json(MAPPING).unwrap().value;
        mapping.columns[0].from = Some("nope".into());
        let error = mapping.migrate(&loaded).unwrap_err();
        assert_eq!(error.code, "migration.invalid_mapping");
        assert_eq!(error.params["code"], "migration.unknown_source");
    }
}
