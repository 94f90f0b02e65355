//! A typed, columnar record table and the result of loading one.
//!
//! A [`Table`] keeps one [`Values`] per schema column, all of the same length, and the input
//! row number of each row (`source_rows`), so a figure or a finding can always name the input
//! rows it comes from. [`Loaded`] is a table with the rows that could not be loaded
//! ([`Rejected`], with their findings) and the findings about the input as a whole:
//! `rows_read == table.len() + rejected.len()` always — nothing is lost between a file and a
//! report (issue 6, "every input row is accounted for").
//!
//! The loaders are [`Table::from_csv`] (`csv.rs`) and [`Table::from_json_lines`]
//! (`jsonl.rs`); both type cells by the rules of `cell.rs` and build rows as `load.rs` says.
//!
//! # JSON lines written
//!
//! [`Table::to_json_lines`] writes one object per row, keys in schema order, every column
//! present: `null` for an empty cell, text and choices as strings (choices as stored, so
//! `"a  b"` comes back as it went), integers and booleans as JSON numbers and booleans,
//! **decimals as strings** (`"12.50"`, scale kept: a JSON number would pass through binary
//! floats in most readers and could come back different), dates as `YYYY-MM-DD` and
//! timestamps in RFC 3339 with their own offset. [`Table::from_json_lines`] reads all of these
//! back to the same values, because it reads a string in any column by the CSV text rules.
//!
//! # Codes
//!
//! Row codes (in [`Rejected::findings`], path and `column` = the column name, `value` = the
//! cell as found) and input codes shared by both loaders:
//!
//! | code | severity | when |
//! |---|---|---|
//! | `data.required` | error | an empty cell in a required column |
//! | `data.not_integer` | error | not `-?[0-9]+` in the i64 range (`24.0` is refused, as in forms) |
//! | `data.not_decimal` | error | not a decimal ([`crate::input::parse_decimal`]) |
//! | `data.not_boolean` | error | not `true`/`false`/`1`/`0`/`yes`/`no` (any case) |
//! | `data.not_date` | error | not `YYYY-MM-DD` |
//! | `data.not_date_time` | error | not RFC 3339 with an offset |
//! | `data.wrong_type` | error | JSON lines: a JSON value of the wrong kind (a number in a text column, an object anywhere) |
//! | `data.unknown_column` | warning | an input column (CSV header, JSON key) the schema does not declare; its values are not loaded; `rows` says in how many rows it appeared |
//! | `data.shape` | `MealError` | [`Table::from_columns`]: columns that do not fit the schema |
//! | `data.too_many_values` | `MealError` | a text column with more than 4 294 967 294 distinct values |

use serde::Serialize;
use serde_json::{json, Map, Value as Json};

use crate::data::{ColumnType, Schema, Values, NULL_CODE};
use crate::error::{Finding, MealError};
use crate::i18n::Message;

/// Records typed by a schema, column by column.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    schema: Schema,
    columns: Vec<Values>,
    /// 1-based row number of each loaded row in its input (CSV: the record number after the
    /// header; JSON lines: the line number), for findings and provenance.
    source_rows: Vec<u64>,
}

/// A row that could not be loaded, and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Rejected {
    /// 1-based row number in the input (as [`Table::source_row`]).
    pub row: u64,
    /// Why (`data.not_integer`, `data.required`, …), each with the column in `path`, sorted
    /// by path then code.
    pub findings: Vec<Finding>,
}

/// A loaded table with every input row accounted for.
#[derive(Debug, Clone, PartialEq)]
pub struct Loaded {
    pub table: Table,
    pub rejected: Vec<Rejected>,
    /// Rows read from the input: always `table.len() + rejected.len()`.
    pub rows_read: u64,
    /// Findings about the input as a whole (unknown column kept out: `data.unknown_column`, a
    /// declared column absent: `data.missing_column`), sorted.
    pub findings: Vec<Finding>,
}

impl Loaded {
    /// What the bindings and the `data.load` vectors return:
    /// `{rows_read, rows: [row objects as to_json_lines writes them], source_rows,
    /// rejected: [{row, codes}], findings: [code]}`.
    pub fn summary_json(&self) -> Json {
        let codes = |findings: &[Finding]| -> Vec<String> {
            findings.iter().map(|f| f.code.clone()).collect()
        };
        let rejected: Vec<Json> = self
            .rejected
            .iter()
            .map(|r| json!({ "row": r.row, "codes": codes(&r.findings) }))
            .collect();
        let rows: Vec<Json> = (0..self.table.len())
            .map(|row| Json::Object(self.table.row_json(row)))
            .collect();
        json!({
            "rows_read": self.rows_read,
            "rows": rows,
            "source_rows": self.table.source_rows,
            "rejected": rejected,
            "findings": codes(&self.findings),
        })
    }
}

impl Table {
    /// An empty table of `schema`, with a typed empty column per declared column.
    pub fn empty(schema: Schema) -> Table {
        let columns = schema
            .columns
            .iter()
            .map(|c| empty_values(c.column_type))
            .collect();
        Table {
            schema,
            columns,
            source_rows: Vec::new(),
        }
    }

    /// A table the loaders built (shapes agree by construction).
    pub(crate) fn from_parts(schema: Schema, columns: Vec<Values>, source_rows: Vec<u64>) -> Table {
        Table {
            schema,
            columns,
            source_rows,
        }
    }

    /// Reads CSV text (RFC 4180, header row, `,` separator, UTF-8, optional BOM) typed by
    /// `schema`. Error only when the input cannot be read as a table at all (`data.no_header`,
    /// a required column missing from the header: `data.missing_column`); every row problem is
    /// a [`Rejected`] entry. See `data::csv` for the rules.
    pub fn from_csv(schema: &Schema, text: &str) -> Result<Loaded, MealError> {
        crate::data::csv::load(schema, text.as_bytes())
    }

    /// As [`Table::from_csv`], from bytes that may not be UTF-8 (a file as read): a cell that
    /// is not UTF-8 rejects its row (`data.not_utf8`).
    pub fn from_csv_bytes(schema: &Schema, bytes: &[u8]) -> Result<Loaded, MealError> {
        crate::data::csv::load(schema, bytes)
    }

    /// As [`Table::from_csv_bytes`], reading `source` (a file) as it goes: the CSV text is
    /// never held in memory whole, only the table. Error `data.unreadable` when reading fails.
    pub fn from_csv_reader(
        schema: &Schema,
        source: impl std::io::Read,
    ) -> Result<Loaded, MealError> {
        crate::data::csv::load_from(schema, source)
    }

    /// Reads JSON lines (one object per line; blank lines skipped but counted nowhere) typed by
    /// `schema`. A line that is not a JSON object is rejected (`data.not_object`). See
    /// `data::jsonl` for the rules.
    pub fn from_json_lines(schema: &Schema, text: &str) -> Result<Loaded, MealError> {
        crate::data::jsonl::load(schema, text)
    }

    /// A table from columns already typed (the Python binding's Arrow import, tests). Error
    /// `data.shape` when the columns do not match the schema's count and types or differ in
    /// length from `source_rows`, when a text code points outside its dictionary, when a
    /// dictionary repeats a text, or when a required column has an empty cell.
    pub fn from_columns(
        schema: Schema,
        columns: Vec<Values>,
        source_rows: Vec<u64>,
    ) -> Result<Table, MealError> {
        schema.usable()?;
        if columns.len() != schema.columns.len() {
            return Err(shape("column_count", "").with("found", columns.len()));
        }
        for (spec, values) in schema.columns.iter().zip(&columns) {
            let problem = column_shape(spec.column_type, spec.required, values, source_rows.len());
            if let Some(detail) = problem {
                return Err(shape(detail, &spec.name));
            }
        }
        Ok(Table {
            schema,
            columns,
            source_rows,
        })
    }

    /// The schema.
    pub fn schema(&self) -> &Schema {
        &self.schema
    }

    /// Number of rows.
    pub fn len(&self) -> usize {
        self.source_rows.len()
    }

    /// True when there are no rows.
    pub fn is_empty(&self) -> bool {
        self.source_rows.is_empty()
    }

    /// The columns, in schema order.
    pub fn columns(&self) -> &[Values] {
        &self.columns
    }

    /// The column `name`.
    pub fn column(&self, name: &str) -> Option<&Values> {
        self.schema.index_of(name).and_then(|i| self.columns.get(i))
    }

    /// The input row number of `row`.
    pub fn source_row(&self, row: usize) -> Option<u64> {
        self.source_rows.get(row).copied()
    }

    /// The input row numbers of every row, in order.
    pub fn source_rows(&self) -> &[u64] {
        &self.source_rows
    }

    /// A new table of the rows `rows` (in that order), keeping their source row numbers:
    /// partitions for merge tests and parallel work. Text columns keep the whole dictionary,
    /// so a code means the same text in every partition of one table. Row numbers past the end
    /// are skipped.
    pub fn select(&self, rows: &[usize]) -> Table {
        let kept: Vec<usize> = rows.iter().copied().filter(|&r| r < self.len()).collect();
        let columns = self
            .columns
            .iter()
            .map(|c| select_values(c, &kept))
            .collect();
        let source_rows = kept.iter().filter_map(|&r| self.source_row(r)).collect();
        Table {
            schema: self.schema.clone(),
            columns,
            source_rows,
        }
    }

    /// A new table of the columns `names` (in that order; a name given twice is kept once),
    /// sharing nothing with this one but copying only those columns: what a notebook selects
    /// before exporting. Error `data.no_such_column` (`column`) for a name the table lacks.
    pub fn project(&self, names: &[String]) -> Result<Table, MealError> {
        let mut specs = Vec::with_capacity(names.len());
        let mut columns = Vec::with_capacity(names.len());
        for name in names {
            if specs
                .iter()
                .any(|s: &crate::data::ColumnSpec| &s.name == name)
            {
                continue;
            }
            let index = self.schema.index_of(name).ok_or_else(|| {
                MealError::new("data.no_such_column")
                    .at(name.as_str())
                    .with("column", name)
            })?;
            let (Some(spec), Some(values)) =
                (self.schema.columns.get(index), self.columns.get(index))
            else {
                continue;
            };
            specs.push(spec.clone());
            columns.push(values.clone());
        }
        Ok(Table {
            schema: Schema::new(specs),
            columns,
            source_rows: self.source_rows.clone(),
        })
    }

    /// One row as a JSON object, as [`Table::to_json_lines`] writes it (module docs).
    pub fn row_json(&self, row: usize) -> Map<String, Json> {
        self.schema
            .columns
            .iter()
            .zip(&self.columns)
            .map(|(spec, values)| (spec.name.clone(), cell_json(values, row)))
            .collect()
    }

    /// The table as JSON lines (the inverse of [`Table::from_json_lines`] for what it loaded):
    /// one object per row, keys in schema order, `\n` after each line.
    pub fn to_json_lines(&self) -> String {
        let names: Vec<String> = self
            .schema
            .columns
            .iter()
            .map(|c| Json::from(c.name.as_str()).to_string())
            .collect();
        let mut out = String::new();
        for row in 0..self.len() {
            out.push('{');
            for (index, (name, values)) in names.iter().zip(&self.columns).enumerate() {
                if index > 0 {
                    out.push(',');
                }
                out.push_str(name);
                out.push(':');
                out.push_str(&cell_json(values, row).to_string());
            }
            out.push_str("}\n");
        }
        out
    }
}

/// The JSON of one cell (module docs, "JSON lines written").
fn cell_json(values: &Values, row: usize) -> Json {
    let value = match values {
        Values::Text { .. } => values.text(row).map(Json::from),
        Values::Integer(v) => v.get(row).copied().flatten().map(Json::from),
        Values::Decimal(v) => v
            .get(row)
            .copied()
            .flatten()
            .map(|d| Json::from(d.to_string())),
        Values::Boolean(v) => v.get(row).copied().flatten().map(Json::from),
        Values::Date(v) => v
            .get(row)
            .copied()
            .flatten()
            .map(|d| Json::from(d.to_string())),
        Values::DateTime(v) => v
            .get(row)
            .copied()
            .flatten()
            .map(|t| Json::from(t.to_rfc3339())),
    };
    value.unwrap_or(Json::Null)
}

fn empty_values(column_type: ColumnType) -> Values {
    match column_type {
        ColumnType::Text | ColumnType::Choices => Values::Text {
            codes: Vec::new(),
            dictionary: Vec::new(),
        },
        ColumnType::Integer => Values::Integer(Vec::new()),
        ColumnType::Decimal => Values::Decimal(Vec::new()),
        ColumnType::Boolean => Values::Boolean(Vec::new()),
        ColumnType::Date => Values::Date(Vec::new()),
        ColumnType::DateTime => Values::DateTime(Vec::new()),
    }
}

fn select_values(values: &Values, rows: &[usize]) -> Values {
    fn pick<T: Copy>(v: &[T], rows: &[usize]) -> Vec<T> {
        rows.iter().filter_map(|&r| v.get(r).copied()).collect()
    }
    match values {
        Values::Text { codes, dictionary } => Values::Text {
            codes: pick(codes, rows),
            dictionary: dictionary.clone(),
        },
        Values::Integer(v) => Values::Integer(pick(v, rows)),
        Values::Decimal(v) => Values::Decimal(pick(v, rows)),
        Values::Boolean(v) => Values::Boolean(pick(v, rows)),
        Values::Date(v) => Values::Date(pick(v, rows)),
        Values::DateTime(v) => Values::DateTime(pick(v, rows)),
    }
}

/// What is wrong with `values` as the column of a table of `rows` rows, if anything.
fn column_shape(
    column_type: ColumnType,
    required: bool,
    values: &Values,
    rows: usize,
) -> Option<&'static str> {
    if std::mem::discriminant(values) != std::mem::discriminant(&empty_values(column_type)) {
        return Some("type");
    }
    if values.len() != rows {
        return Some("length");
    }
    if let Values::Text { codes, dictionary } = values {
        let distinct: std::collections::HashSet<&String> = dictionary.iter().collect();
        if distinct.len() != dictionary.len() {
            return Some("dictionary_duplicate");
        }
        let in_range =
            |&c: &u32| c == NULL_CODE || usize::try_from(c).is_ok_and(|c| c < dictionary.len());
        if !codes.iter().all(in_range) {
            return Some("code_out_of_range");
        }
    }
    (required && (0..rows).any(|row| values.is_empty_at(row))).then_some("required_empty")
}

fn shape(detail: &str, column: &str) -> MealError {
    MealError::new("data.shape")
        .at(column)
        .with("column", column)
        .with("detail", detail)
}

/// Messages of the codes this file raises (and of the row codes `cell.rs` and `load.rs` raise
/// for both loaders).
pub const MESSAGES: &[Message] = &[
    Message {
        code: "data.no_such_column",
        en: "The table has no column {column}",
        fr: "La table n'a pas de colonne {column}",
    },
    Message {
        code: "data.required",
        en: "Column {column} is required but this row leaves it empty",
        fr: "La colonne {column} est obligatoire mais cette ligne la laisse vide",
    },
    Message {
        code: "data.not_integer",
        en: "Column {column} holds whole numbers; '{value}' is not one (digits with an optional leading minus, e.g. 24)",
        fr: "La colonne {column} contient des nombres entiers ; « {value} » n'en est pas un (des chiffres, avec un signe moins éventuel, par ex. 24)",
    },
    Message {
        code: "data.not_decimal",
        en: "Column {column} holds decimal numbers; '{value}' is not one (e.g. 12 or 0.75)",
        fr: "La colonne {column} contient des nombres décimaux ; « {value} » n'en est pas un (par ex. 12 ou 0.75)",
    },
    Message {
        code: "data.not_boolean",
        en: "Column {column} holds yes/no values; '{value}' is not one (true, false, 1, 0, yes or no)",
        fr: "La colonne {column} contient des valeurs oui/non ; « {value} » n'en est pas une (true, false, 1, 0, yes ou no)",
    },
    Message {
        code: "data.not_date",
        en: "Column {column} holds dates; '{value}' is not one (YYYY-MM-DD, e.g. 2026-03-31)",
        fr: "La colonne {column} contient des dates ; « {value} » n'en est pas une (AAAA-MM-JJ, par ex. 2026-03-31)",
    },
    Message {
        code: "data.not_date_time",
        en: "Column {column} holds dates and times with their offset; '{value}' is not one (e.g. 2026-11-27T10:00:00+01:00)",
        fr: "La colonne {column} contient des dates et heures avec leur décalage ; « {value} » n'en est pas une (par ex. 2026-11-27T10:00:00+01:00)",
    },
    Message {
        code: "data.wrong_type",
        en: "Column {column} cannot hold the JSON value {value}; write a string, or a value of the column's type",
        fr: "La colonne {column} ne peut pas contenir la valeur JSON {value} ; écrivez une chaîne ou une valeur du type de la colonne",
    },
    Message {
        code: "data.unknown_column",
        en: "Column {column} is not in the schema; its values ({rows} rows) were not loaded",
        fr: "La colonne {column} n'est pas dans le schéma ; ses valeurs ({rows} lignes) n'ont pas été chargées",
    },
    Message {
        code: "data.shape",
        en: "These columns do not fit the schema at column '{column}': {detail}",
        fr: "Ces colonnes ne correspondent pas au schéma à la colonne « {column} » : {detail}",
    },
    Message {
        code: "data.too_many_values",
        en: "A text column has more distinct values than a table can hold (4 294 967 294)",
        fr: "Une colonne de texte a plus de valeurs distinctes qu'une table ne peut en contenir (4 294 967 294)",
    },
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::ColumnSpec;
    use chrono::NaiveDate;
    use rust_decimal::Decimal;

    fn schema() -> Schema {
        Schema::new(vec![
            ColumnSpec::new("site", ColumnType::Text, true),
            ColumnSpec::new("age", ColumnType::Integer, false),
            ColumnSpec::new("weight", ColumnType::Decimal, false),
            ColumnSpec::new("on", ColumnType::Date, false),
            ColumnSpec::new("at", ColumnType::DateTime, false),
            ColumnSpec::new("ok", ColumnType::Boolean, false),
        ])
    }

    const LINES: &str = concat!(
        r#"{"site":"shelter","age":34,"weight":"61.50","on":"2026-03-31","at":"2026-03-31T10:00:00+02:00","ok":true}"#,
        "\n",
        r#"{"site":"day_centre","age":null,"weight":null,"on":null,"at":null,"ok":null}"#,
        "\n",
        r#"{"site":"shelter","age":-1,"weight":"0.1","on":"2025-10-01","at":"2025-10-01T00:00:00+00:00","ok":false}"#,
        "\n",
    );

    #[test]
    fn json_lines_written_read_back_to_the_same_text() {
        let loaded = Table::from_json_lines(&schema(), LINES).unwrap();
        assert!(loaded.rejected.is_empty());
        assert_eq!(loaded.table.to_json_lines(), LINES);
        assert_eq!(
            loaded.table.column("weight"),
            Some(&Values::Decimal(vec![
                Some(Decimal::new(6150, 2)),
                None,
                Some(Decimal::new(1, 1))
            ]))
        );
    }

    #[test]
    fn select_keeps_source_rows_and_the_dictionary() {
        let table = Table::from_json_lines(&schema(), LINES).unwrap().table;
        let picked = table.select(&[2, 0, 9]);
        assert_eq!(picked.source_rows(), [3, 1]);
        assert_eq!(
            picked.column("age"),
            Some(&Values::Integer(vec![Some(-1), Some(34)]))
        );
        assert_eq!(
            picked.column("site"),
            Some(&Values::Text {
                codes: vec![0, 0],
                dictionary: vec!["shelter".into(), "day_centre".into()]
            })
        );
    }

    #[test]
    fn an_empty_table_has_typed_columns() {
        let table = Table::empty(schema());
        assert_eq!(table.columns().len(), 6);
        assert_eq!(table.column("on"), Some(&Values::Date(Vec::new())));
        assert!(table.is_empty() && table.to_json_lines().is_empty());
    }

    #[test]
    fn from_columns_checks_the_shape() {
        let schema = Schema::new(vec![
            ColumnSpec::new("site", ColumnType::Text, true),
            ColumnSpec::new("on", ColumnType::Date, false),
        ]);
        let site = |codes: Vec<u32>, dictionary: &[&str]| Values::Text {
            codes,
            dictionary: dictionary.iter().map(|s| s.to_string()).collect(),
        };
        let on = Values::Date(vec![NaiveDate::from_ymd_opt(2026, 1, 1), None]);
        let detail = |columns: Vec<Values>| {
            Table::from_columns(schema.clone(), columns, vec![1, 2])
                .unwrap_err()
                .params["detail"]
                .clone()
        };
        assert!(Table::from_columns(
            schema.clone(),
            vec![site(vec![0, 1], &["a", "b"]), on.clone()],
            vec![1, 2]
        )
        .is_ok());
        assert_eq!(detail(vec![site(vec![0, 1], &["a", "b"])]), "column_count");
        assert_eq!(detail(vec![on.clone(), on.clone()]), "type");
        assert_eq!(detail(vec![site(vec![0], &["a"]), on.clone()]), "length");
        assert_eq!(
            detail(vec![site(vec![0, 2], &["a", "b"]), on.clone()]),
            "code_out_of_range"
        );
        assert_eq!(
            detail(vec![site(vec![0, 1], &["a", "a"]), on.clone()]),
            "dictionary_duplicate"
        );
        assert_eq!(
            detail(vec![site(vec![0, NULL_CODE], &["a"]), on]),
            "required_empty"
        );
    }

    #[test]
    fn the_summary_lists_rows_rejections_and_findings() {
        let text = "{\"site\":\"a\",\"age\":\"x\"}\n{\"site\":\"b\",\"colour\":1}\n";
        let summary = Table::from_json_lines(&schema(), text)
            .unwrap()
            .summary_json();
        assert_eq!(
            summary,
            json!({
                "rows_read": 2,
                "rows": [{"site": "b", "age": null, "weight": null, "on": null, "at": null, "ok": null}],
                "source_rows": [2],
                "rejected": [{"row": 1, "codes": ["data.not_integer"]}],
                "findings": ["data.unknown_column"],
            })
        );
    }
}
