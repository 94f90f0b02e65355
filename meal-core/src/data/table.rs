//! A typed, columnar record table and the result of loading one.
//!
//! CONTRACT — Owner: data helper.

use serde::Serialize;

use crate::data::{Schema, Values};
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
    /// Why (`data.not_integer`, `data.required`, …), each with the column in `path`.
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

impl Table {
    /// An empty table of `schema`.
    pub fn empty(schema: Schema) -> Table {
        Table {
            schema,
            columns: Vec::new(),
            source_rows: Vec::new(),
        }
    }

    /// Reads CSV text (RFC 4180, header row, `,` separator, UTF-8, optional BOM) typed by
    /// `schema`. Error only when the input cannot be read as a table at all (`data.no_header`,
    /// a required column missing from the header: `data.missing_column`); every row problem is
    /// a [`Rejected`] entry.
    pub fn from_csv(schema: &Schema, text: &str) -> Result<Loaded, MealError> {
        let _ = (schema, text);
        Err(MealError::new("data.not_implemented"))
    }

    /// Reads JSON lines (one object per line; blank lines skipped but counted nowhere) typed by
    /// `schema`. A line that is not a JSON object is rejected (`data.not_object`).
    pub fn from_json_lines(schema: &Schema, text: &str) -> Result<Loaded, MealError> {
        let _ = (schema, text);
        Err(MealError::new("data.not_implemented"))
    }

    /// A table from columns already typed (the Python binding's Arrow import, tests). Error
    /// `data.shape` when the columns do not match the schema's count and types or differ in
    /// length from `source_rows`.
    pub fn from_columns(
        schema: Schema,
        columns: Vec<Values>,
        source_rows: Vec<u64>,
    ) -> Result<Table, MealError> {
        let _ = (schema, columns, source_rows);
        Err(MealError::new("data.not_implemented"))
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

    /// A new table of the rows `rows` (in that order), keeping their source row numbers:
    /// partitions for merge tests and parallel work.
    pub fn select(&self, rows: &[usize]) -> Table {
        let _ = rows;
        Table::empty(self.schema.clone())
    }

    /// The table as JSON lines (the inverse of [`Table::from_json_lines`] for what it loaded).
    pub fn to_json_lines(&self) -> String {
        String::new()
    }
}

/// Messages of the codes this file raises.
pub const MESSAGES: &[Message] = &[];
