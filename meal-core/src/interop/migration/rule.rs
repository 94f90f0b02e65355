//! One target column's rule, and how it turns a source record into the column's value: source
//! (rename, merge, split), list, value map, conversion, default — the order of the module docs.
//! The value produced is text the target loader types (`data::cell`); this file only does what
//! the loader cannot know: the source's own formats.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use crate::data::ColumnType;
use crate::error::Finding;

/// What happens to a value the map does not list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unmapped {
    /// The record is rejected (`migration.unmapped_value`).
    #[default]
    Reject,
    /// The value is kept as it is.
    Keep,
    /// The rule's `default` takes its place, with a warning.
    Default,
}

impl Unmapped {
    fn is_reject(&self) -> bool {
        *self == Unmapped::Reject
    }
}

/// How one target column is produced (module docs, "The mapping document").
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rule {
    /// The target column.
    pub target: String,
    /// A source column, renamed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    /// Source columns whose non-empty values are joined by `separator` (default one space).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub merge: Option<Vec<String>>,
    /// A source column cut at `separator`, of which part `part` is taken.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub split: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub separator: Option<String>,
    /// 0-based part of a split (default 0).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub part: Option<u32>,
    /// The separator of a list value (choices targets): items mapped one by one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub list: Option<String>,
    /// Value map, old → new.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub map: Option<BTreeMap<String, String>>,
    #[serde(default, skip_serializing_if = "Unmapped::is_reject")]
    pub unmapped: Unmapped,
    /// Source date or timestamp format (chrono `strftime`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<String>,
    /// UTC offset of timestamps whose format has no `%z` (`+01:00`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offset: Option<String>,
    /// Numbers written with a decimal comma (`12,5`, `1 200,00`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub decimal_comma: bool,
    /// Words meaning true (compared without case).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub yes: Option<Vec<String>>,
    /// Words meaning false (compared without case).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub no: Option<Vec<String>>,
    /// The value of an empty cell, as the target column holds it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<String>,
}

/// A rule's value for one record: the text for the target loader (empty = no value), and
/// the findings (errors reject the record, warnings are kept for a migrated one).
#[derive(Debug, Default)]
pub(super) struct Produced {
    pub value: String,
    pub findings: Vec<Finding>,
}

impl Rule {
    /// True when the rule reads the source (so a default fills a missing value).
    pub(super) fn has_source(&self) -> bool {
        self.from.is_some() || self.merge.is_some() || self.split.is_some()
    }

    /// The value of this rule for the record whose source values `source` gives (`""` for an
    /// empty or absent cell); `row` is the source row, for warnings.
    pub(super) fn produce(
        &self,
        column_type: ColumnType,
        source: &dyn Fn(&str) -> String,
        row: u64,
    ) -> Produced {
        let mut out = Produced::default();
        let raw = self.source_value(source);
        let mapped = match &self.list {
            Some(separator) if !raw.is_empty() => self.mapped_list(&raw, separator, row, &mut out),
            _ => self.mapped(raw, row, &mut out),
        };
        if out.findings.iter().any(Finding::is_blocking) {
            return out;
        }
        out.value = match self.converted(mapped, column_type) {
            Ok(value) => value,
            Err(finding) => {
                out.findings.push(finding);
                return out;
            }
        };
        if out.value.is_empty() {
            if let Some(default) = &self.default {
                out.value.clone_from(default);
                if self.has_source() {
                    out.findings.push(
                        self.warning("migration.default_used", row)
                            .with("value", default),
                    );
                }
            }
        }
        out
    }

    /// Step 1: rename, merge or split.
    fn source_value(&self, source: &dyn Fn(&str) -> String) -> String {
        if let Some(column) = &self.from {
            return source(column);
        }
        if let Some(columns) = &self.merge {
            let separator = self.separator.as_deref().unwrap_or(" ");
            let parts: Vec<String> = columns
                .iter()
                .map(|c| source(c))
                .filter(|v| !v.is_empty())
                .collect();
            return parts.join(separator);
        }
        match (&self.split, self.separator.as_deref()) {
            (Some(column), Some(separator)) if !separator.is_empty() => {
                let part = usize::try_from(self.part.unwrap_or(0)).unwrap_or(usize::MAX);
                let value = source(column);
                value
                    .split(separator)
                    .nth(part)
                    .map(|p| p.trim().to_owned())
                    .unwrap_or_default()
            }
            _ => String::new(),
        }
    }

    /// Step 2: a list, each item mapped, joined by one space (choices).
    fn mapped_list(&self, raw: &str, separator: &str, row: u64, out: &mut Produced) -> String {
        let items: Vec<String> = raw
            .split(separator)
            .map(str::trim)
            .filter(|item| !item.is_empty())
            .map(|item| self.mapped(item.to_owned(), row, out))
            .filter(|item| !item.is_empty())
            .collect();
        items.join(" ")
    }

    /// Step 3: the value map (an empty value is not looked up).
    fn mapped(&self, value: String, row: u64, out: &mut Produced) -> String {
        let Some(map) = &self.map else {
            return value;
        };
        if value.is_empty() {
            return value;
        }
        if let Some(new) = map.get(&value) {
            return new.clone();
        }
        match self.unmapped {
            Unmapped::Keep => value,
            Unmapped::Reject => {
                out.findings
                    .push(self.error("migration.unmapped_value").with("value", value));
                String::new()
            }
            Unmapped::Default => {
                out.findings.push(
                    self.warning("migration.unmapped_default", row)
                        .with("value", value),
                );
                self.default.clone().unwrap_or_default()
            }
        }
    }

    /// Step 4: the source's own formats into the loader's (an empty value stays empty).
    fn converted(&self, value: String, column_type: ColumnType) -> Result<String, Finding> {
        if value.is_empty() {
            return Ok(value);
        }
        match column_type {
            ColumnType::Date | ColumnType::DateTime if self.format.is_some() => {
                self.date_text(&value, column_type).ok_or_else(|| {
                    self.error("migration.bad_date")
                        .with("value", &value)
                        .with("format", self.format.as_deref().unwrap_or_default())
                })
            }
            ColumnType::Integer | ColumnType::Decimal if self.decimal_comma => Ok(value
                .chars()
                .filter(|c| !c.is_whitespace())
                .map(|c| if c == ',' { '.' } else { c })
                .collect()),
            ColumnType::Boolean if self.yes.is_some() || self.no.is_some() => {
                let is_in = |words: &Option<Vec<String>>| {
                    words
                        .iter()
                        .flatten()
                        .any(|w| w.trim().to_lowercase() == value.trim().to_lowercase())
                };
                if is_in(&self.yes) {
                    Ok("true".to_owned())
                } else if is_in(&self.no) {
                    Ok("false".to_owned())
                } else {
                    Err(self.error("migration.bad_boolean").with("value", &value))
                }
            }
            _ => Ok(value),
        }
    }

    /// A date as `YYYY-MM-DD`, a timestamp as RFC 3339, from the rule's `format`.
    fn date_text(&self, value: &str, column_type: ColumnType) -> Option<String> {
        let format = self.format.as_deref()?;
        let value = value.trim();
        if column_type == ColumnType::Date {
            return NaiveDate::parse_from_str(value, format)
                .ok()
                .map(|d| d.format("%Y-%m-%d").to_string());
        }
        if let Ok(instant) = DateTime::parse_from_str(value, format) {
            return Some(instant.to_rfc3339());
        }
        let local = NaiveDateTime::parse_from_str(value, format).ok()?;
        let offset = parse_offset(self.offset.as_deref()?)?;
        local
            .and_local_timezone(offset)
            .single()
            .map(|t| t.to_rfc3339())
    }

    fn error(&self, code: &str) -> Finding {
        Finding::error(code, self.target.as_str()).with("column", &self.target)
    }

    fn warning(&self, code: &str, row: u64) -> Finding {
        Finding::warning(code, self.target.as_str())
            .with("column", &self.target)
            .with("row", row)
    }
}

/// A `±HH:MM` UTC offset.
pub(super) fn parse_offset(text: &str) -> Option<chrono::FixedOffset> {
    DateTime::parse_from_rfc3339(&format!("2000-01-01T00:00:00{text}"))
        .ok()
        .map(|t| *t.offset())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(name: &str) -> String {
        match name {
            "first" => "Amina".into(),
            "last" => "Diallo".into(),
            "address" => "12 rue X, 75019, Paris".into(),
            "services" => "Douche; Repas;;Vestiaire".into(),
            "born" => "31/01/1990".into(),
            "bad_born" => "31/02/1990".into(),
            "seen" => "05/01/2026 14:30".into(),
            "amount" => "1 200,50".into(),
            "housed" => "OUI".into(),
            _ => String::new(),
        }
    }

    fn run(rule: Rule, column_type: ColumnType) -> (String, Vec<String>) {
        let out = rule.produce(column_type, &source, 7);
        let codes = out.findings.iter().map(|f| f.code.clone()).collect();
        (out.value, codes)
    }

    fn rule() -> Rule {
        Rule {
            target: "t".into(),
            ..Rule::default()
        }
    }

    #[test]
    fn sources_rename_merge_and_split() {
        let from = Rule {
            from: Some("first".into()),
            ..rule()
        };
        assert_eq!(run(from, ColumnType::Text).0, "Amina");
        let merge = Rule {
            merge: Some(vec!["first".into(), "nothing".into(), "last".into()]),
            ..rule()
        };
        assert_eq!(run(merge, ColumnType::Text).0, "Amina Diallo");
        let split = |part| Rule {
            split: Some("address".into()),
            separator: Some(",".into()),
            part,
            ..rule()
        };
        assert_eq!(run(split(Some(1)), ColumnType::Text).0, "75019");
        assert_eq!(run(split(None), ColumnType::Text).0, "12 rue X");
        assert_eq!(run(split(Some(9)), ColumnType::Text).0, "");
    }

    #[test]
    fn lists_are_mapped_item_by_item_into_choices() {
        let map = BTreeMap::from([
            ("Douche".to_owned(), "shower".to_owned()),
            ("Repas".to_owned(), "meal".to_owned()),
        ]);
        let list = |unmapped| Rule {
            from: Some("services".into()),
            list: Some(";".into()),
            map: Some(map.clone()),
            unmapped,
            default: Some("other".into()),
            ..rule()
        };
        assert_eq!(
            run(list(Unmapped::Reject), ColumnType::Choices).1,
            ["migration.unmapped_value"]
        );
        assert_eq!(
            run(list(Unmapped::Keep), ColumnType::Choices),
            ("shower meal Vestiaire".into(), vec![])
        );
        assert_eq!(
            run(list(Unmapped::Default), ColumnType::Choices),
            (
                "shower meal other".into(),
                vec!["migration.unmapped_default".into()]
            )
        );
    }

    #[test]
    fn conversions_read_the_source_formats() {
        let date = |from: &str| Rule {
            from: Some(from.into()),
            format: Some("%d/%m/%Y".into()),
            ..rule()
        };
        assert_eq!(run(date("born"), ColumnType::Date).0, "1990-01-31");
        assert_eq!(
            run(date("bad_born"), ColumnType::Date).1,
            ["migration.bad_date"]
        );
        let seen = Rule {
            from: Some("seen".into()),
            format: Some("%d/%m/%Y %H:%M".into()),
            offset: Some("+01:00".into()),
            ..rule()
        };
        assert_eq!(
            run(seen, ColumnType::DateTime).0,
            "2026-01-05T14:30:00+01:00"
        );
        let amount = Rule {
            from: Some("amount".into()),
            decimal_comma: true,
            ..rule()
        };
        assert_eq!(run(amount, ColumnType::Decimal).0, "1200.50");
        let housed = |yes: &str| Rule {
            from: Some("housed".into()),
            yes: Some(vec![yes.into()]),
            no: Some(vec!["non".into()]),
            ..rule()
        };
        assert_eq!(run(housed("oui"), ColumnType::Boolean).0, "true");
        assert_eq!(
            run(housed("o"), ColumnType::Boolean).1,
            ["migration.bad_boolean"]
        );
    }

    #[test]
    fn a_default_fills_an_empty_value_and_warns_only_when_read_from_the_source() {
        let filled = Rule {
            from: Some("nothing".into()),
            default: Some("x".into()),
            ..rule()
        };
        assert_eq!(
            run(filled, ColumnType::Text),
            ("x".into(), vec!["migration.default_used".into()])
        );
        let constant = Rule {
            default: Some("x".into()),
            ..rule()
        };
        assert_eq!(run(constant, ColumnType::Text), ("x".into(), vec![]));
    }
}
