//! Building a table row by row: what the CSV and JSON lines loaders share.
//!
//! A row is typed in two passes so that a rejected row leaves nothing behind and no cell is
//! copied: the first pass types every cell, pushes the typed (non-text) values and collects
//! the row's problems — all of them, not only the first; when there is any, the typed columns
//! are cut back to their length before the row and the row becomes a [`Rejected`]. Only a
//! clean row reaches the second pass, which interns its text cells. So a dictionary holds
//! exactly the texts of loaded rows, in first-seen order, and a text is hashed once per cell
//! (`intern.rs`).

use crate::data::cell::{type_cell, Cell, Typed};
use crate::data::intern::Interner;
use crate::data::{ColumnType, Loaded, Rejected, Schema, Table, Values, NULL_CODE};
use crate::error::{sort_findings, Finding, MealError};

/// A column being filled.
#[derive(Debug)]
pub(super) enum Builder {
    Text {
        codes: Vec<u32>,
        /// Text → code, the dictionary being built.
        index: Interner,
    },
    Integer(Vec<Option<i64>>),
    Decimal(Vec<Option<rust_decimal::Decimal>>),
    Boolean(Vec<Option<bool>>),
    Date(Vec<Option<chrono::NaiveDate>>),
    DateTime(Vec<Option<chrono::DateTime<chrono::FixedOffset>>>),
}

impl Builder {
    fn new(column_type: ColumnType) -> Builder {
        match column_type {
            ColumnType::Text | ColumnType::Choices => Builder::Text {
                codes: Vec::new(),
                index: Interner::default(),
            },
            ColumnType::Integer => Builder::Integer(Vec::new()),
            ColumnType::Decimal => Builder::Decimal(Vec::new()),
            ColumnType::Boolean => Builder::Boolean(Vec::new()),
            ColumnType::Date => Builder::Date(Vec::new()),
            ColumnType::DateTime => Builder::DateTime(Vec::new()),
        }
    }

    /// Appends `typed` (the loader typed it for this column, so the kinds agree; an empty or
    /// mismatched value appends an empty cell). `Err` only when a dictionary is full.
    pub(super) fn push(&mut self, typed: Typed<'_>) -> Result<(), MealError> {
        match (self, typed) {
            (Builder::Text { codes, index }, typed) => {
                let code = match typed {
                    Typed::Text(text) => index
                        .intern(&text)
                        .ok_or_else(|| MealError::new("data.too_many_values"))?,
                    _ => NULL_CODE,
                };
                codes.push(code);
            }
            (Builder::Integer(v), Typed::Integer(i)) => v.push(Some(i)),
            (Builder::Decimal(v), Typed::Decimal(d)) => v.push(Some(d)),
            (Builder::Boolean(v), Typed::Boolean(b)) => v.push(Some(b)),
            (Builder::Date(v), Typed::Date(d)) => v.push(Some(d)),
            (Builder::DateTime(v), Typed::DateTime(t)) => v.push(Some(t)),
            (Builder::Integer(v), _) => v.push(None),
            (Builder::Decimal(v), _) => v.push(None),
            (Builder::Boolean(v), _) => v.push(None),
            (Builder::Date(v), _) => v.push(None),
            (Builder::DateTime(v), _) => v.push(None),
        }
        Ok(())
    }

    /// Cuts a typed column back to `len` rows (a rejected row's values go).
    fn truncate(&mut self, len: usize) {
        match self {
            Builder::Text { codes, .. } => codes.truncate(len),
            Builder::Integer(v) => v.truncate(len),
            Builder::Decimal(v) => v.truncate(len),
            Builder::Boolean(v) => v.truncate(len),
            Builder::Date(v) => v.truncate(len),
            Builder::DateTime(v) => v.truncate(len),
        }
    }

    /// Takes out the rows from `start` on that `bad` marks (`bad[0]` is row `start`).
    pub(super) fn drop_rows(&mut self, start: usize, bad: &[bool]) {
        // Only the batch's tail is rewritten: a column of many batches is not rescanned.
        fn keep<T>(values: &mut Vec<T>, start: usize, bad: &[bool]) {
            if start >= values.len() {
                return;
            }
            let tail = values.split_off(start);
            let flags = bad.iter().chain(std::iter::repeat(&false));
            values.extend(
                tail.into_iter()
                    .zip(flags)
                    .filter(|(_, b)| !**b)
                    .map(|(v, _)| v),
            );
        }
        match self {
            Builder::Text { codes, .. } => keep(codes, start, bad),
            Builder::Integer(v) => keep(v, start, bad),
            Builder::Decimal(v) => keep(v, start, bad),
            Builder::Boolean(v) => keep(v, start, bad),
            Builder::Date(v) => keep(v, start, bad),
            Builder::DateTime(v) => keep(v, start, bad),
        }
    }

    fn finish(self) -> Values {
        match self {
            Builder::Text { codes, index } => Values::Text {
                codes,
                dictionary: index.into_dictionary(),
            },
            Builder::Integer(v) => Values::Integer(v),
            Builder::Decimal(v) => Values::Decimal(v),
            Builder::Boolean(v) => Values::Boolean(v),
            Builder::Date(v) => Values::Date(v),
            Builder::DateTime(v) => Values::DateTime(v),
        }
    }
}

/// A table being loaded, with every row read so far accounted for.
#[derive(Debug)]
pub(crate) struct TableBuilder<'s> {
    pub(super) schema: &'s Schema,
    /// Text columns whose values are kept (interned); the others are checked like every
    /// column but stored empty, for a caller that never reads them (`compute_csv`).
    pub(super) keep_text: Vec<bool>,
    pub(super) columns: Vec<Builder>,
    pub(super) source_rows: Vec<u64>,
    pub(super) rejected: Vec<Rejected>,
    pub(super) rows_read: u64,
}

impl<'s> TableBuilder<'s> {
    pub(crate) fn new(schema: &'s Schema) -> TableBuilder<'s> {
        TableBuilder {
            schema,
            keep_text: vec![true; schema.columns.len()],
            columns: schema
                .columns
                .iter()
                .map(|c| Builder::new(c.column_type))
                .collect(),
            source_rows: Vec::new(),
            rejected: Vec::new(),
            rows_read: 0,
        }
    }

    /// Rows read so far.
    /// Keeps the values of the text columns marked in `keep` only (see `keep_text`).
    pub(crate) fn keeping_text(mut self, keep: &[bool]) -> Self {
        for (slot, &kept) in self.keep_text.iter_mut().zip(keep) {
            *slot = kept;
        }
        self
    }

    pub(crate) fn rows_read(&self) -> u64 {
        self.rows_read
    }

    /// Reads one row: `cell(i)` is the input of schema column `i`; `findings` are problems
    /// the loader already found (a duplicate key). The row is loaded, or rejected with every
    /// problem found.
    pub(crate) fn push_row<'a>(
        &mut self,
        source_row: u64,
        mut findings: Vec<Finding>,
        cell: impl Fn(usize) -> Cell<'a>,
    ) -> Result<(), MealError> {
        let before = self.source_rows.len();
        for (index, (spec, column)) in self
            .schema
            .columns
            .iter()
            .zip(&mut self.columns)
            .enumerate()
        {
            match type_cell(spec.column_type, cell(index)) {
                Ok(Typed::Empty) if spec.required => {
                    findings.push(cell_finding("data.required", &spec.name, None));
                }
                Ok(_) if spec.column_type.is_text() => {}
                Ok(typed) => column.push(typed)?,
                Err(code) => findings.push(cell_finding(code, &spec.name, Some(cell(index)))),
            }
        }
        if !findings.is_empty() {
            self.columns.iter_mut().for_each(|c| c.truncate(before));
            self.reject(source_row, findings);
            return Ok(());
        }
        for (index, (spec, column)) in self
            .schema
            .columns
            .iter()
            .zip(&mut self.columns)
            .enumerate()
        {
            if spec.column_type.is_text() {
                let typed = if self.keep_text.get(index) == Some(&true) {
                    type_cell(spec.column_type, cell(index)).unwrap_or(Typed::Empty)
                } else {
                    Typed::Empty
                };
                column.push(typed)?;
            }
        }
        self.source_rows.push(source_row);
        self.rows_read += 1;
        Ok(())
    }

    /// Records a row that could not be read at all (malformed line, wrong field count).
    pub(crate) fn reject(&mut self, source_row: u64, mut findings: Vec<Finding>) {
        sort_findings(&mut findings);
        self.rejected.push(Rejected {
            row: source_row,
            findings,
        });
        self.rows_read += 1;
    }

    /// The loaded table, with `findings` about the input as a whole (sorted).
    pub(crate) fn finish(self, mut findings: Vec<Finding>) -> Loaded {
        sort_findings(&mut findings);
        Loaded {
            table: Table::from_parts(
                self.schema.clone(),
                self.columns.into_iter().map(Builder::finish).collect(),
                self.source_rows,
            ),
            rejected: self.rejected,
            rows_read: self.rows_read,
            findings,
        }
    }
}

/// A problem with one cell: path and `column` the column name, `value` what was there
/// (invalid UTF-8 shown with replacement characters).
pub(super) fn cell_finding(code: &str, column: &str, cell: Option<Cell<'_>>) -> Finding {
    let finding = Finding::error(code, column).with("column", column);
    match cell {
        Some(Cell::Text(bytes)) => finding.with("value", String::from_utf8_lossy(bytes)),
        Some(Cell::Json(json)) => finding.with("value", json),
        Some(Cell::Source(source)) => finding.with("value", source.to_text()),
        Some(Cell::Empty) | None => finding,
    }
}
