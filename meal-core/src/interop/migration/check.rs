//! A mapping checked against the source schema before any record moves: a rule that names a
//! column that does not exist, or an option that does nothing, would otherwise show up as
//! thousands of rejected records (or silently empty columns) instead of one finding.

use std::collections::BTreeSet;

use chrono::format::{Item, StrftimeItems};

use super::rule::{parse_offset, Rule, Unmapped};
use super::Mapping;
use crate::data::{ColumnSpec, ColumnType, Schema, Table};
use crate::error::{sort_findings, Finding};

/// Every problem of `mapping` against `source` (module docs, "Codes"), sorted.
pub(super) fn check(mapping: &Mapping, source: &Schema) -> Vec<Finding> {
    let mut findings: Vec<Finding> = mapping
        .target
        .check()
        .into_iter()
        .map(|mut f| {
            f.path = format!("/target{}", f.path);
            f
        })
        .collect();
    let mut ruled = BTreeSet::new();
    for (index, rule) in mapping.columns.iter().enumerate() {
        let path = format!("/columns/{index}");
        let Some(spec) = mapping
            .target
            .columns
            .iter()
            .find(|c| c.name == rule.target)
        else {
            findings.push(
                Finding::error("migration.unknown_target", format!("{path}/target"))
                    .with("column", &rule.target),
            );
            continue;
        };
        if !ruled.insert(rule.target.as_str()) {
            findings.push(
                Finding::error("migration.duplicate_rule", format!("{path}/target"))
                    .with("column", &rule.target),
            );
        }
        check_sources(rule, source, &path, &mut findings);
        check_options(rule, spec.column_type, &path, &mut findings);
        check_default(rule, spec, &path, &mut findings);
    }
    for (index, spec) in mapping.target.columns.iter().enumerate() {
        if !ruled.contains(spec.name.as_str()) {
            let path = format!("/target/columns/{index}");
            let finding = if spec.required {
                Finding::error("migration.no_rule", path)
            } else {
                Finding::warning("migration.no_rule", path)
            };
            findings.push(finding.with("column", &spec.name));
        }
    }
    if let Some(key) = &mapping.key {
        if mapping.target.index_of(key).is_none() {
            findings.push(Finding::error("migration.unknown_target", "/key").with("column", key));
        }
    }
    sort_findings(&mut findings);
    findings
}

/// Exactly one source (or a constant default), naming columns the source has.
fn check_sources(rule: &Rule, source: &Schema, path: &str, findings: &mut Vec<Finding>) {
    let given = [
        rule.from.is_some(),
        rule.merge.is_some(),
        rule.split.is_some(),
    ];
    let count = given.iter().filter(|g| **g).count();
    if count > 1 {
        findings.push(error("migration.ambiguous_source", path, rule));
    } else if count == 0 && rule.default.is_none() {
        findings.push(error("migration.no_source", path, rule));
    }
    let mut named: Vec<(String, &String)> = Vec::new();
    if let Some(from) = &rule.from {
        named.push((format!("{path}/from"), from));
    }
    for (i, column) in rule.merge.iter().flatten().enumerate() {
        named.push((format!("{path}/merge/{i}"), column));
    }
    if let Some(split) = &rule.split {
        named.push((format!("{path}/split"), split));
    }
    for (at, column) in named {
        if source.index_of(column).is_none() {
            findings.push(error("migration.unknown_source", &at, rule).with("source", column));
        }
    }
    let split_separator =
        rule.split.is_some() && rule.separator.as_deref().unwrap_or("").is_empty();
    if split_separator || rule.separator.as_deref() == Some("") && rule.merge.is_none() {
        findings.push(error(
            "migration.no_separator",
            &format!("{path}/separator"),
            rule,
        ));
    }
    if rule.list.as_deref() == Some("") {
        findings.push(error(
            "migration.no_separator",
            &format!("{path}/list"),
            rule,
        ));
    }
}

/// Options that the rule's source and target type use; the rest are mistakes.
fn check_options(rule: &Rule, column_type: ColumnType, path: &str, findings: &mut Vec<Finding>) {
    let is_date = matches!(column_type, ColumnType::Date | ColumnType::DateTime);
    let is_number = matches!(column_type, ColumnType::Integer | ColumnType::Decimal);
    let timestamp_format = column_type == ColumnType::DateTime && rule.format.is_some();
    let misplaced = [
        (
            "separator",
            rule.separator.is_some() && rule.split.is_none() && rule.merge.is_none(),
        ),
        ("part", rule.part.is_some() && rule.split.is_none()),
        (
            "list",
            rule.list.is_some() && column_type != ColumnType::Choices,
        ),
        (
            "unmapped",
            rule.unmapped != Unmapped::Reject && rule.map.is_none(),
        ),
        ("format", rule.format.is_some() && !is_date),
        ("offset", rule.offset.is_some() && !timestamp_format),
        ("decimal_comma", rule.decimal_comma && !is_number),
        (
            "yes",
            rule.yes.is_some() && column_type != ColumnType::Boolean,
        ),
        (
            "no",
            rule.no.is_some() && column_type != ColumnType::Boolean,
        ),
    ];
    for (option, wrong) in misplaced {
        if wrong {
            findings.push(
                error(
                    "migration.misplaced_option",
                    &format!("{path}/{option}"),
                    rule,
                )
                .with("option", option)
                .with("type", column_type.name()),
            );
        }
    }
    if let (Some(format), true) = (&rule.format, is_date) {
        check_format(rule, format, column_type, path, findings);
    }
    if rule.unmapped == Unmapped::Default && rule.default.is_none() {
        findings.push(error(
            "migration.no_default",
            &format!("{path}/unmapped"),
            rule,
        ));
    }
}

/// A format chrono can read; a timestamp format needs an offset from somewhere.
fn check_format(
    rule: &Rule,
    format: &str,
    column_type: ColumnType,
    path: &str,
    findings: &mut Vec<Finding>,
) {
    if StrftimeItems::new(format).any(|item| matches!(item, Item::Error)) {
        findings.push(
            error("migration.bad_format", &format!("{path}/format"), rule).with("format", format),
        );
        return;
    }
    if column_type != ColumnType::DateTime || format.contains("%z") || format.contains("%:z") {
        return;
    }
    match rule.offset.as_deref() {
        None => findings.push(error(
            "migration.no_offset",
            &format!("{path}/format"),
            rule,
        )),
        Some(offset) if parse_offset(offset).is_none() => findings.push(
            error("migration.bad_offset", &format!("{path}/offset"), rule).with("value", offset),
        ),
        Some(_) => {}
    }
}

/// A default the target column can hold, typed by the loader itself (a one-row table), so
/// "can hold" means exactly what loading the migrated records will mean.
fn check_default(rule: &Rule, spec: &ColumnSpec, path: &str, findings: &mut Vec<Finding>) {
    let Some(default) = &rule.default else {
        return;
    };
    if let Some(code) = loader_problem(spec.column_type, default) {
        findings.push(
            error("migration.bad_default", &format!("{path}/default"), rule)
                .with("value", default)
                .with("code", code),
        );
    }
}

/// The loader's code for `text` in a column of `column_type`, if it refuses it.
pub(super) fn loader_problem(column_type: ColumnType, text: &str) -> Option<String> {
    let schema = Schema::new(vec![ColumnSpec::new("value", column_type, false)]);
    let line = serde_json::json!({ "value": text }).to_string();
    let loaded = Table::from_json_lines(&schema, &line).ok()?;
    let rejected = loaded.rejected.first()?;
    rejected.findings.first().map(|f| f.code.clone())
}

fn error(code: &str, path: &str, rule: &Rule) -> Finding {
    Finding::error(code, path).with("column", &rule.target)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::ColumnSpec;

    fn mapping(columns: &str) -> Mapping {
        let json = format!(
            r#"{{"format_version": 1, "target": {{"format_version": 1, "columns": [
                {{"name": "id", "type": "text", "required": true}},
                {{"name": "born", "type": "date"}},
                {{"name": "seen", "type": "date_time"}},
                {{"name": "note", "type": "text"}}]}},
              "columns": {columns}}}"#
        );
        Mapping::from_json(&json).unwrap().value
    }

    fn codes(mapping: &Mapping) -> Vec<(String, String)> {
        let source = Schema::new(vec![
            ColumnSpec::new("N", ColumnType::Text, false),
            ColumnSpec::new("D", ColumnType::Text, false),
        ]);
        check(mapping, &source)
            .into_iter()
            .map(|f| (f.path, f.code))
            .collect()
    }

    fn pair(path: &str, code: &str) -> (String, String) {
        (path.to_owned(), code.to_owned())
    }

    #[test]
    fn a_complete_mapping_is_clean() {
        let m = mapping(
            r#"[{"target": "id", "from": "N"}, {"target": "born", "from": "D", "format": "%d/%m/%Y"},
                {"target": "seen", "from": "D", "format": "%d/%m/%Y %H:%M", "offset": "+01:00"},
                {"target": "note", "default": "migrated"}]"#,
        );
        assert_eq!(codes(&m), []);
    }

    #[test]
    fn rules_are_checked_against_both_schemas() {
        let m = mapping(
            r#"[{"target": "id", "from": "X", "merge": ["N"]}, {"target": "id", "from": "N"},
                {"target": "ghost", "from": "N"}, {"target": "born", "from": "D", "format": "%Q", "decimal_comma": true},
                {"target": "seen", "from": "D", "format": "%d/%m/%Y %H:%M"}, {"target": "note"}]"#,
        );
        assert_eq!(
            codes(&m),
            [
                pair("/columns/0", "migration.ambiguous_source"),
                pair("/columns/0/from", "migration.unknown_source"),
                pair("/columns/1/target", "migration.duplicate_rule"),
                pair("/columns/2/target", "migration.unknown_target"),
                pair("/columns/3/decimal_comma", "migration.misplaced_option"),
                pair("/columns/3/format", "migration.bad_format"),
                pair("/columns/4/format", "migration.no_offset"),
                pair("/columns/5", "migration.no_source"),
            ]
        );
    }

    #[test]
    fn defaults_are_typed_by_the_loader() {
        assert_eq!(
            loader_problem(ColumnType::Date, "01/02/2026").as_deref(),
            Some("data.not_date")
        );
        assert_eq!(loader_problem(ColumnType::Boolean, "yes"), None);
        let m =
            mapping(r#"[{"target": "id", "from": "N"}, {"target": "born", "default": "soon"}]"#);
        assert_eq!(
            codes(&m),
            [
                pair("/columns/1/default", "migration.bad_default"),
                pair("/target/columns/2", "migration.no_rule"),
                pair("/target/columns/3", "migration.no_rule"),
            ]
        );
    }
}
