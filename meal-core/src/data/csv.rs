//! CSV loading (RFC 4180) into a typed table.
//!
//! Decisions:
//! * **A header row is required** and names the columns; their order is free. Names must be
//!   unique (`data.duplicate_header`: two columns with one name would make a value ambiguous).
//! * **Encoding**: UTF-8, with an optional byte-order mark (spreadsheets write one). A cell
//!   that is not UTF-8 rejects its row (`data.not_utf8`); a header that is not UTF-8 is an
//!   error, as no column could be named.
//! * **A declared column absent from the header**: an error when it is required (no row could
//!   be loaded), else a warning and an all-empty column (`data.missing_column`).
//! * **A header column the schema does not declare**: a warning `data.unknown_column` with its
//!   name and the number of rows; its values are **not** loaded (the schema says what a table
//!   holds), and the finding says so.
//! * **Rows** are numbered from 1 after the header, counting every record (loaded or not).
//!   Empty lines are not records (the `csv` crate skips them): in a one-column file, write `""`
//!   for an empty value. An empty cell is the empty value.
//! * **A record with more or fewer fields than the header** is rejected with
//!   `data.field_count` alone: its fields cannot be matched to columns, so typing them would
//!   report problems that are not there.
//! * Cells are typed by the text rules of `cell.rs`, straight from the record's bytes (no
//!   allocation per cell; a text is hashed once to find its dictionary code).
//!
//! | code | severity | when |
//! |---|---|---|
//! | `data.no_header` | `MealError` | the input has no header row (empty) |
//! | `data.header_not_utf8` | `MealError` | a header name is not UTF-8 |
//! | `data.duplicate_header` | `MealError` | a header name appears twice |
//! | `data.missing_column` | `MealError` / warning | a declared column absent from the header (error when required) |
//! | `data.field_count` | error (row) | a record with more or fewer fields than the header |
//! | `data.not_utf8` | error (row) | a cell that is not UTF-8 |
//! | `data.unreadable` | `MealError` | the source could not be read (an I/O error of a file or stream; cannot happen on in-memory input) |
//!
//! Row typing codes (`data.required`, `data.not_integer`, …) and `data.unknown_column` are in
//! `table.rs`.

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader, Read};

use crate::data::cell::Cell;
use crate::data::load::TableBuilder;
use crate::data::{Loaded, Schema};
use crate::error::{Finding, MealError};
use crate::i18n::Message;

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Loads CSV `bytes` typed by `schema` (see the module docs).
pub(crate) fn load(schema: &Schema, bytes: &[u8]) -> Result<Loaded, MealError> {
    read(schema, bytes.strip_prefix(BOM).unwrap_or(bytes), None)
}

/// As [`load`], keeping the values of only the text columns marked in `keep_text`: every cell
/// is still checked (the same rows load and are rejected), but the others are stored empty.
/// For a caller that reads only some columns and drops the table (`Engine::compute_csv`).
pub(crate) fn load_reading(
    schema: &Schema,
    bytes: &[u8],
    keep_text: &[bool],
) -> Result<Loaded, MealError> {
    read(
        schema,
        bytes.strip_prefix(BOM).unwrap_or(bytes),
        Some(keep_text),
    )
}

/// Loads CSV from `source` (a file, a socket) as it is read, so the text is never held whole:
/// only the table is. An I/O failure is the error `data.unreadable`.
pub(crate) fn load_from(schema: &Schema, source: impl Read) -> Result<Loaded, MealError> {
    let mut source = BufReader::with_capacity(1 << 16, source);
    let starts_with_bom = source
        .fill_buf()
        .map_err(|e| MealError::new("data.unreadable").with("detail", e))?
        .starts_with(BOM);
    if starts_with_bom {
        source.consume(BOM.len());
    }
    read(schema, source, None)
}

/// Loads CSV read from `source`, BOM already skipped.
fn read(
    schema: &Schema,
    source: impl Read,
    keep_text: Option<&[bool]>,
) -> Result<Loaded, MealError> {
    schema.usable()?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(source);
    let mut record = csv::ByteRecord::new();
    if !reader.read_byte_record(&mut record).map_err(unreadable)? {
        return Err(MealError::new("data.no_header"));
    }
    let header = header_names(&record)?;
    let (positions, mut findings) = match_columns(schema, &header)?;
    let mut builder = TableBuilder::new(schema);
    if let Some(keep) = keep_text {
        builder = builder.keeping_text(keep);
    }
    let mut row: u64 = 0;
    while reader.read_byte_record(&mut record).map_err(unreadable)? {
        row += 1;
        if record.len() != header.len() {
            let finding = Finding::error("data.field_count", "")
                .with("header", header.len())
                .with("fields", record.len());
            builder.reject(row, vec![finding]);
            continue;
        }
        let cell = |column: usize| match positions.get(column).copied().flatten() {
            Some(field) => Cell::Text(record.get(field).unwrap_or_default()),
            None => Cell::Empty,
        };
        builder.push_row(row, Vec::new(), cell)?;
    }
    let rows = builder.rows_read();
    findings.extend(
        header
            .iter()
            .filter(|name| schema.index_of(name).is_none())
            .map(|name| {
                Finding::warning("data.unknown_column", name.as_str())
                    .with("column", name)
                    .with("rows", rows)
            }),
    );
    Ok(builder.finish(findings))
}

/// The header's names: UTF-8 and unique.
fn header_names(record: &csv::ByteRecord) -> Result<Vec<String>, MealError> {
    let mut names = Vec::with_capacity(record.len());
    let mut seen = BTreeSet::new();
    for field in record {
        let name = std::str::from_utf8(field).map_err(|_| {
            MealError::new("data.header_not_utf8").with("column", String::from_utf8_lossy(field))
        })?;
        if !seen.insert(name) {
            return Err(MealError::new("data.duplicate_header")
                .at(name)
                .with("column", name));
        }
        names.push(name.to_owned());
    }
    Ok(names)
}

/// For each schema column, its field position in the header (`None` when absent), and the
/// warnings about absent optional columns. Error when a required column is absent.
pub(crate) fn match_columns(
    schema: &Schema,
    header: &[String],
) -> Result<(Vec<Option<usize>>, Vec<Finding>), MealError> {
    let mut positions = Vec::with_capacity(schema.columns.len());
    let mut findings = Vec::new();
    for spec in &schema.columns {
        let position = header.iter().position(|name| *name == spec.name);
        if position.is_none() {
            if spec.required {
                return Err(MealError::new("data.missing_column")
                    .at(spec.name.as_str())
                    .with("column", &spec.name));
            }
            findings.push(
                Finding::warning("data.missing_column", spec.name.as_str())
                    .with("column", &spec.name),
            );
        }
        positions.push(position);
    }
    Ok((positions, findings))
}

fn unreadable(error: csv::Error) -> MealError {
    MealError::new("data.unreadable").with("detail", error)
}

/// Messages of the codes this file raises.
pub const MESSAGES: &[Message] = &[
    Message {
        code: "data.no_header",
        en: "The CSV text is empty; it needs a header row naming the columns",
        fr: "Le texte CSV est vide ; il lui faut une ligne d'en-tête qui nomme les colonnes",
    },
    Message {
        code: "data.header_not_utf8",
        en: "The CSV header name '{column}' is not valid UTF-8 text; save the file as UTF-8",
        fr: "Le nom d'en-tête CSV « {column} » n'est pas un texte UTF-8 valide ; enregistrez le fichier en UTF-8",
    },
    Message {
        code: "data.duplicate_header",
        en: "The CSV header names column '{column}' twice; each column needs its own name",
        fr: "L'en-tête CSV nomme deux fois la colonne « {column} » ; chaque colonne doit avoir son propre nom",
    },
    Message {
        code: "data.missing_column",
        en: "Column {column} is declared in the schema but absent from the input (an optional column is then loaded empty in every row)",
        fr: "La colonne {column} est déclarée dans le schéma mais absente des données (une colonne facultative est alors chargée vide dans toutes les lignes)",
    },
    Message {
        code: "data.field_count",
        en: "This record has {fields} fields where the header has {header}; its values cannot be matched to columns",
        fr: "Cet enregistrement a {fields} champs alors que l'en-tête en a {header} ; ses valeurs ne peuvent pas être associées aux colonnes",
    },
    Message {
        code: "data.not_utf8",
        en: "Column {column} holds text that is not valid UTF-8 ('{value}'); save the file as UTF-8",
        fr: "La colonne {column} contient un texte qui n'est pas en UTF-8 valide (« {value} ») ; enregistrez le fichier en UTF-8",
    },
    Message {
        code: "data.unreadable",
        en: "The CSV text could not be read: {detail}",
        fr: "Le texte CSV n'a pas pu être lu : {detail}",
    },
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::{ColumnSpec, ColumnType, Table};

    fn schema() -> Schema {
        Schema::new(vec![
            ColumnSpec::new("id", ColumnType::Text, true),
            ColumnSpec::new("age", ColumnType::Integer, false),
            ColumnSpec::new("on", ColumnType::Date, false),
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
    fn columns_in_any_order_with_a_bom_and_crlf() {
        let loaded =
            Table::from_csv(&schema(), "\u{feff}on,id,age\r\n2026-03-01,a,7\r\n,b,\r\n").unwrap();
        assert_eq!(loaded.rows_read, 2);
        assert!(loaded.findings.is_empty() && loaded.rejected.is_empty());
        let table = &loaded.table;
        assert_eq!(
            table.column("age"),
            Some(&crate::data::Values::Integer(vec![Some(7), None]))
        );
        assert_eq!(table.column("id").unwrap().text(1), Some("b"));
        assert_eq!(table.source_rows(), [1, 2]);
    }

    #[test]
    fn every_problem_of_a_row_is_reported_and_the_row_kept_out() {
        let text = "id,age,on\na,24.0,31/03/2026\n,5,2026-03-31\nc,1\nd,2,2026-01-01\n";
        let loaded = Table::from_csv(&schema(), text).unwrap();
        assert_eq!(
            rejected(&loaded),
            [
                (1, vec!["data.not_integer", "data.not_date"]),
                (2, vec!["data.required"]),
                (3, vec!["data.field_count"]),
            ]
        );
        assert_eq!(loaded.table.len(), 1);
        assert_eq!(loaded.table.source_rows(), [4]);
        // The rejected rows left no text behind in the dictionary.
        assert_eq!(
            loaded.table.column("id"),
            Some(&crate::data::Values::Text {
                codes: vec![0],
                dictionary: vec!["d".into()]
            })
        );
    }

    #[test]
    fn header_problems() {
        let code = |text: &str| Table::from_csv(&schema(), text).unwrap_err().code;
        assert_eq!(code(""), "data.no_header");
        assert_eq!(code("id,age,id\n"), "data.duplicate_header");
        assert_eq!(code("age,on\n1,2026-01-01\n"), "data.missing_column");
        let bytes = Table::from_csv_bytes(&schema(), b"id,\xff\n").unwrap_err();
        assert_eq!(bytes.code, "data.header_not_utf8");
    }

    #[test]
    fn absent_optional_and_unknown_columns_are_warnings() {
        let loaded = Table::from_csv(&schema(), "id,colour\na,red\nb,blue\n").unwrap();
        let found: Vec<_> = loaded
            .findings
            .iter()
            .map(|f| {
                (
                    f.code.as_str(),
                    f.path.as_str(),
                    f.params.get("rows").cloned(),
                )
            })
            .collect();
        assert_eq!(
            found,
            [
                ("data.missing_column", "age", None),
                ("data.unknown_column", "colour", Some("2".to_owned())),
                ("data.missing_column", "on", None),
            ]
        );
        assert_eq!(loaded.table.len(), 2);
        assert!(loaded.table.column("age").unwrap().is_empty_at(1));
        assert!(loaded.table.column("colour").is_none());
    }

    #[test]
    fn invalid_utf8_rejects_its_row_only() {
        let loaded = Table::from_csv_bytes(&schema(), b"id,age\n\xffx,1\nb,\xff\nc,3\n").unwrap();
        assert_eq!(
            rejected(&loaded),
            [(1, vec!["data.not_utf8"]), (2, vec!["data.not_utf8"])]
        );
        assert_eq!(loaded.rejected[0].findings[0].params["value"], "\u{fffd}x");
        assert_eq!(loaded.table.len(), 1);
    }

    #[test]
    fn quoted_fields_and_blank_lines() {
        let text = "id,age\n\"a, \"\"quoted\"\"\n line\",1\n\n\"\",2\n";
        let loaded = Table::from_csv(&schema(), text).unwrap();
        assert_eq!(loaded.rows_read, 2, "a blank line is not a record");
        assert_eq!(
            loaded.table.column("id").unwrap().text(0),
            Some("a, \"quoted\"\n line")
        );
        assert_eq!(rejected(&loaded), [(2, vec!["data.required"])]);
    }
}
