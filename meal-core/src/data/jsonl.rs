//! JSON lines loading into a typed table.
//!
//! Decisions:
//! * **Lines**: split on `\n` (a `\r` before it is dropped); a line of only whitespace is
//!   skipped and counted nowhere; every other line is one row, numbered by its line number
//!   (1-based), so a finding points into the file as an editor shows it.
//! * **Each line is one JSON object**: a line that is not JSON is rejected
//!   (`data.malformed_line`, with serde_json's description), a JSON value that is not an object
//!   too (`data.not_object`).
//! * **Values** are typed by `cell.rs`: a string in any column is read by the CSV text rules
//!   (so `"12"` is an integer, `"yes"` a boolean, `"2026-03-31"` a date — a record means the
//!   same in both formats, and what [`crate::data::Table::to_json_lines`] writes reads back);
//!   numbers for integer and decimal columns, booleans for boolean columns, arrays of strings
//!   for choices (joined by one space); `null`, `""`, `[]` and an absent key are the empty
//!   value. Any other JSON value is `data.wrong_type`.
//! * **No header**, so no `data.missing_column`: a key absent from a line is an empty value
//!   (`data.required` when the column is required).
//! * **A key the schema does not declare** is not loaded; one warning per key name for the
//!   whole input (`data.unknown_column`, `rows` = the number of lines that had it) rather than
//!   one per line, which would bury everything else.
//! * **A key twice in one object** rejects the row (`data.duplicate_key`, path = the key):
//!   JSON parsers disagree on which value wins, so neither is trusted. The row's other
//!   problems are reported too.
//!
//! | code | severity | when |
//! |---|---|---|
//! | `data.malformed_line` | error (row) | the line is not JSON (`detail`) |
//! | `data.not_object` | error (row) | the line is JSON but not an object |
//! | `data.duplicate_key` | error (row) | a key written twice in the line's object |
//!
//! Row typing codes (`data.required`, `data.wrong_type`, …) and `data.unknown_column` are in
//! `table.rs`.

use std::collections::BTreeMap;
use std::fmt;

use rustc_hash::FxHashMap;
use serde::de::{Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::Value as Json;

use crate::data::cell::Cell;
use crate::data::load::TableBuilder;
use crate::data::{Loaded, Schema};
use crate::error::{Finding, MealError};
use crate::i18n::Message;

/// Loads JSON lines `text` typed by `schema` (see the module docs).
pub(crate) fn load(schema: &Schema, text: &str) -> Result<Loaded, MealError> {
    schema.usable()?;
    let columns: FxHashMap<&str, usize> = schema
        .columns
        .iter()
        .enumerate()
        .map(|(index, c)| (c.name.as_str(), index))
        .collect();
    let mut builder = TableBuilder::new(schema);
    let mut unknown: BTreeMap<String, u64> = BTreeMap::new();
    // Reused per line: which entry of the object holds each schema column.
    let mut slots: Vec<Option<usize>> = vec![None; schema.columns.len()];
    for (index, line) in text.split('\n').enumerate() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.trim().is_empty() {
            continue;
        }
        let row = u64::try_from(index).unwrap_or(u64::MAX).saturating_add(1);
        let entries = match serde_json::from_str::<Line>(line) {
            Err(error) => {
                let finding = Finding::error("data.malformed_line", "").with("detail", error);
                builder.reject(row, vec![finding]);
                continue;
            }
            Ok(Line::Other) => {
                builder.reject(row, vec![Finding::error("data.not_object", "")]);
                continue;
            }
            Ok(Line::Object(entries)) => entries,
        };
        slots.iter_mut().for_each(|slot| *slot = None);
        let mut findings = Vec::new();
        let mut unknown_here: Vec<&str> = Vec::new();
        for (position, (key, _)) in entries.iter().enumerate() {
            let seen_before = match columns.get(key.as_str()) {
                // The first value is typed (and its problems reported); the row is rejected.
                Some(&column) => match slots.get_mut(column) {
                    Some(slot @ None) => {
                        *slot = Some(position);
                        false
                    }
                    _ => true,
                },
                None if unknown_here.contains(&key.as_str()) => true,
                None => {
                    unknown_here.push(key);
                    false
                }
            };
            if seen_before {
                findings.push(Finding::error("data.duplicate_key", key.as_str()).with("key", key));
            }
        }
        for key in unknown_here {
            *unknown.entry(key.to_owned()).or_default() += 1;
        }
        let cell = |column: usize| {
            let value = slots
                .get(column)
                .copied()
                .flatten()
                .and_then(|position| entries.get(position))
                .map(|(_, value)| value);
            match value {
                None | Some(Json::Null) => Cell::Empty,
                Some(Json::String(text)) => Cell::Text(text.as_bytes()),
                Some(other) => Cell::Json(other),
            }
        };
        builder.push_row(row, findings, cell)?;
    }
    let findings = unknown
        .into_iter()
        .map(|(key, rows)| {
            Finding::warning("data.unknown_column", key.as_str())
                .with("column", &key)
                .with("rows", rows)
        })
        .collect();
    Ok(builder.finish(findings))
}

/// One line: an object's entries in order (duplicates kept, to be reported), or anything else.
enum Line {
    Object(Vec<(String, Json)>),
    Other,
}

impl<'de> Deserialize<'de> for Line {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Line, D::Error> {
        deserializer.deserialize_any(LineVisitor)
    }
}

struct LineVisitor;

impl<'de> Visitor<'de> for LineVisitor {
    type Value = Line;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Line, A::Error> {
        let mut entries = Vec::new();
        while let Some(entry) = map.next_entry::<String, Json>()? {
            entries.push(entry);
        }
        Ok(Line::Object(entries))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Line, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Line::Other)
    }

    fn visit_bool<E>(self, _: bool) -> Result<Line, E> {
        Ok(Line::Other)
    }

    fn visit_i64<E>(self, _: i64) -> Result<Line, E> {
        Ok(Line::Other)
    }

    fn visit_u64<E>(self, _: u64) -> Result<Line, E> {
        Ok(Line::Other)
    }

    fn visit_f64<E>(self, _: f64) -> Result<Line, E> {
        Ok(Line::Other)
    }

    fn visit_str<E>(self, _: &str) -> Result<Line, E> {
        Ok(Line::Other)
    }

    fn visit_unit<E>(self) -> Result<Line, E> {
        Ok(Line::Other)
    }
}

/// Messages of the codes this file raises.
pub const MESSAGES: &[Message] = &[
    Message {
        code: "data.malformed_line",
        en: "This line is not valid JSON: {detail}",
        fr: "Cette ligne n'est pas du JSON valide : {detail}",
    },
    Message {
        code: "data.not_object",
        en: "This line is JSON but not an object; each line must be one record, an object of column names and values",
        fr: "Cette ligne est du JSON mais pas un objet ; chaque ligne doit être un enregistrement, un objet de noms de colonnes et de valeurs",
    },
    Message {
        code: "data.duplicate_key",
        en: "The key '{key}' is written twice in this line's object; the row is not loaded, as neither value can be trusted",
        fr: "La clé « {key} » figure deux fois dans l'objet de cette ligne ; la ligne n'est pas chargée, aucune des deux valeurs n'étant fiable",
    },
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::{ColumnSpec, ColumnType, Table, Values};

    fn schema() -> Schema {
        Schema::new(vec![
            ColumnSpec::new("id", ColumnType::Text, true),
            ColumnSpec::new("age", ColumnType::Integer, false),
            ColumnSpec::new("needs", ColumnType::Choices, false),
            ColumnSpec::new("weight", ColumnType::Decimal, false),
            ColumnSpec::new("ok", ColumnType::Boolean, false),
        ])
    }

    fn rejected(loaded: &Loaded) -> Vec<(u64, Vec<&str>)> {
        loaded
            .rejected
            .iter()
            .map(|r| (r.row, r.findings.iter().map(|f| f.code.as_str()).collect()))
            .collect()
    }

    #[test]
    fn native_values_and_text_values_mean_the_same() {
        let text = concat!(
            r#"{"id": "a", "age": 7, "needs": ["food", "water"], "weight": 0.1, "ok": true}"#,
            "\n",
            r#"{"id": "b", "age": "7", "needs": "food water", "weight": "0.1", "ok": "yes"}"#,
            "\r\n\n  \n",
            r#"{"id": "c", "age": null, "needs": []}"#,
        );
        let loaded = Table::from_json_lines(&schema(), text).unwrap();
        assert!(loaded.rejected.is_empty());
        let table = &loaded.table;
        assert_eq!(table.source_rows(), [1, 2, 5]);
        for column in ["age", "needs", "weight", "ok"] {
            let values = table.column(column).unwrap();
            assert_eq!(values.value(0), values.value(1), "{column}");
            assert!(values.is_empty_at(2), "{column}");
        }
        assert_eq!(table.column("needs").unwrap().text(0), Some("food water"));
        assert_eq!(
            table.column("weight"),
            Some(&Values::Decimal(
                vec![Some(rust_decimal::Decimal::new(1, 1)); 2]
                    .into_iter()
                    .chain([None])
                    .collect()
            ))
        );
    }

    #[test]
    fn line_problems_are_rejections() {
        let text = "{\"id\": \"a\"\n[1, 2]\n{\"id\": \"b\", \"id\": \"c\", \"age\": true}\n{\"age\": 1.5}\n";
        let loaded = Table::from_json_lines(&schema(), text).unwrap();
        assert_eq!(
            rejected(&loaded),
            [
                (1, vec!["data.malformed_line"]),
                (2, vec!["data.not_object"]),
                (3, vec!["data.wrong_type", "data.duplicate_key"]),
                (4, vec!["data.not_integer", "data.required"]),
            ]
        );
        assert_eq!(loaded.rows_read, 4);
        assert!(loaded.table.is_empty());
    }

    #[test]
    fn unknown_keys_are_one_warning_each() {
        let text = "{\"id\": \"a\", \"x\": 1, \"y\": 2}\n{\"id\": \"b\", \"x\": 3}\n{\"x\": 4, \"x\": 5}\n";
        let loaded = Table::from_json_lines(&schema(), text).unwrap();
        let found: Vec<_> = loaded
            .findings
            .iter()
            .map(|f| (f.path.as_str(), f.params["rows"].as_str()))
            .collect();
        assert_eq!(found, [("x", "3"), ("y", "1")]);
        assert_eq!(
            rejected(&loaded),
            [(3, vec!["data.required", "data.duplicate_key"])]
        );
    }
}
