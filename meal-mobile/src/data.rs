//! Record tables: `Schema` (declared columns), `Loaded` (a CSV or JSON-lines input read against a
//! schema, every row loaded or rejected with its findings) and `Table` (the typed, columnar
//! records the engine and the quality checks read).
//!
//! A field app validates and buffers records offline, loads them here and computes its site's
//! indicators on the phone. Reading returns a `Loaded` rather than a bare `Table` because no row
//! may disappear between the input and a report: `rowsRead == table.size + rejected.size`.
//! (uniffi constructors build their own type, so the readers are `Loaded.fromCsv`,
//! `Loaded.fromJsonLines`, not `Table.fromCsv`.)

use std::sync::Arc;

use meal_core::data;

use crate::error::Result;
use crate::form::Form;
use crate::logframe::Finding;

/// The declared columns of a record table (name, type, required). Immutable.
#[derive(Debug, uniffi::Object)]
pub struct Schema {
    schema: data::Schema,
    reading: Vec<meal_core::Finding>,
}

impl Schema {
    pub(crate) fn wrap(schema: data::Schema) -> Arc<Schema> {
        Arc::new(Schema {
            schema,
            reading: Vec::new(),
        })
    }

    pub(crate) fn core(&self) -> &data::Schema {
        &self.schema
    }

    /// The findings of reading the document.
    pub(crate) fn reading(&self) -> &[meal_core::Finding] {
        &self.reading
    }
}

#[uniffi::export]
impl Schema {
    /// Reads a schema document (`{"format_version": 1, "columns": [{"name", "type",
    /// "required"?}]}`; types `text`, `choices`, `integer`, `decimal`, `boolean`, `date`,
    /// `date_time`). Errors `json.malformed`, `document.*`; duplicate and blank column names
    /// are findings (and make loading fail).
    #[uniffi::constructor]
    pub fn from_json(json: String) -> Result<Arc<Schema>> {
        let parsed = data::Schema::from_json(&json)?;
        Ok(Arc::new(Schema {
            schema: parsed.value,
            reading: parsed.findings,
        }))
    }

    /// The columns of a form's submissions: every top-level field that holds a value, typed
    /// from the field type, required when the field always is. Error `form.not_compilable`.
    #[uniffi::constructor]
    pub fn from_form(form: Arc<Form>) -> Result<Arc<Schema>> {
        let schema = data::Schema::from_form(form.compiled()?);
        let reading = schema.check();
        Ok(Arc::new(Schema { schema, reading }))
    }

    /// What is wrong with the document (unknown fields, duplicate or blank column names),
    /// sorted by path then code, messages in `locale`.
    pub fn findings(&self, locale: String) -> Vec<Finding> {
        Finding::all_from_core(self.reading.clone(), &locale)
    }

    /// The column names, in order.
    pub fn column_names(&self) -> Vec<String> {
        self.schema.columns.iter().map(|c| c.name.clone()).collect()
    }

    /// The schema document as JSON text (read back identically by `fromJson`).
    pub fn to_json(&self) -> String {
        self.schema.to_json()
    }
}

/// Typed records, column by column, with the input row number of each row. Immutable:
/// `select` gives a new table.
#[derive(Debug, uniffi::Object)]
pub struct Table(data::Table);

impl Table {
    pub(crate) fn core(&self) -> &data::Table {
        &self.0
    }
}

#[uniffi::export]
impl Table {
    /// The number of rows.
    pub fn size(&self) -> u64 {
        count(self.0.len())
    }

    /// True when there are no rows.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The schema the records were typed by.
    pub fn schema(&self) -> Arc<Schema> {
        Arc::new(Schema {
            schema: self.0.schema().clone(),
            reading: Vec::new(),
        })
    }

    /// The 1-based input row number of every row (CSV: record number after the header; JSON
    /// lines: line number), in order.
    pub fn source_rows(&self) -> Vec<u64> {
        self.0.source_rows().to_vec()
    }

    /// A new table of the rows at `rows` (0-based positions, in that order), keeping their
    /// input row numbers: a partition to compute apart and merge. Positions past the end are
    /// skipped.
    pub fn select(&self, rows: Vec<u64>) -> Arc<Table> {
        let rows: Vec<usize> = rows
            .into_iter()
            .map(|r| usize::try_from(r).unwrap_or(usize::MAX))
            .collect();
        Arc::new(Table(self.0.select(&rows)))
    }

    /// The records as JSON lines: one object per row, keys in schema order, `null` for an
    /// empty cell, decimals as strings (read back to the same values by `Loaded.fromJsonLines`).
    pub fn to_json_lines(&self) -> String {
        self.0.to_json_lines()
    }

    /// The records as CSV text: the header row, then the HXL hashtag row when any column of
    /// the schema declares one, then the rows (values as `toJsonLines` shows them, RFC 4180
    /// quoting) — the export a humanitarian partner reads with HXL tools.
    pub fn to_csv(&self) -> String {
        meal_core::interop::hxl::to_csv(&self.0)
    }
}

impl Table {
    pub(crate) fn wrap(table: data::Table) -> Arc<Table> {
        Arc::new(Table(table))
    }
}

/// Rows that could not be loaded, with their findings' messages in `locale`.
pub(crate) fn rejected_in(rejected: &[data::Rejected], locale: &str) -> Vec<Rejected> {
    rejected
        .iter()
        .map(|r| Rejected {
            row: r.row,
            findings: Finding::all_from_core(r.findings.clone(), locale),
        })
        .collect()
}

/// A row that could not be loaded, and why.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Rejected {
    /// 1-based row number in the input (as `Table.sourceRows`).
    pub row: u64,
    /// Why (`data.not_integer`, `data.required`, …), the column in `path`, sorted by path then
    /// code.
    pub findings: Vec<Finding>,
}

/// An input read against a schema: the table of the rows that loaded, the rows that did not
/// with their findings, and the findings about the input as a whole. Immutable.
#[derive(Debug, uniffi::Object)]
pub struct Loaded {
    table: Arc<Table>,
    rejected: Vec<data::Rejected>,
    rows_read: u64,
    findings: Vec<meal_core::Finding>,
}

impl Loaded {
    pub(crate) fn wrap(loaded: data::Loaded) -> Arc<Loaded> {
        Arc::new(Loaded {
            table: Arc::new(Table(loaded.table)),
            rejected: loaded.rejected,
            rows_read: loaded.rows_read,
            findings: loaded.findings,
        })
    }

    /// The core's view (a copy of the table), for the operations that read a whole input.
    pub(crate) fn to_core(&self) -> data::Loaded {
        data::Loaded {
            table: self.table.0.clone(),
            rejected: self.rejected.clone(),
            rows_read: self.rows_read,
            findings: self.findings.clone(),
        }
    }
}

#[uniffi::export]
impl Loaded {
    /// Reads CSV text (RFC 4180, header row, `,`, optional BOM) typed by `schema`. Throws only
    /// when the input is not a table at all (`data.no_header`, `data.missing_column` for a
    /// required column absent from the header, a schema with duplicate or blank names); every
    /// row problem is a `Rejected` entry.
    #[uniffi::constructor]
    pub fn from_csv(schema: Arc<Schema>, text: String) -> Result<Arc<Loaded>> {
        Ok(Loaded::wrap(data::Table::from_csv(&schema.schema, &text)?))
    }

    /// As `fromCsv`, from the bytes of a file that may not be UTF-8: a cell that is not UTF-8
    /// rejects its row (`data.not_utf8`).
    #[uniffi::constructor]
    pub fn from_csv_bytes(schema: Arc<Schema>, bytes: Vec<u8>) -> Result<Arc<Loaded>> {
        Ok(Loaded::wrap(data::Table::from_csv_bytes(
            &schema.schema,
            &bytes,
        )?))
    }

    /// Reads JSON lines (one object per line; blank lines skipped) typed by `schema`; a line
    /// that is not an object is rejected (`data.not_object`). Errors as `fromCsv`.
    #[uniffi::constructor]
    pub fn from_json_lines(schema: Arc<Schema>, text: String) -> Result<Arc<Loaded>> {
        Ok(Loaded::wrap(data::Table::from_json_lines(
            &schema.schema,
            &text,
        )?))
    }

    /// Rows read from the input: always `table().size() + rejected().size`.
    pub fn rows_read(&self) -> u64 {
        self.rows_read
    }

    /// The rows that loaded.
    pub fn table(&self) -> Arc<Table> {
        Arc::clone(&self.table)
    }

    /// The rows that did not load, in input order, messages in `locale`.
    pub fn rejected(&self, locale: String) -> Vec<Rejected> {
        rejected_in(&self.rejected, &locale)
    }

    /// Findings about the input as a whole (`data.unknown_column`, `data.missing_column`),
    /// sorted, messages in `locale`.
    pub fn findings(&self, locale: String) -> Vec<Finding> {
        Finding::all_from_core(self.findings.clone(), &locale)
    }

    /// Everything at once as JSON text: `{rows_read, rows: [objects as toJsonLines writes
    /// them], source_rows, rejected: [{row, codes}], findings: [code]}`.
    pub fn summary_json(&self) -> String {
        self.to_core().summary_json().to_string()
    }
}

/// A length as the foreign side counts.
pub(crate) fn count(n: usize) -> u64 {
    u64::try_from(n).unwrap_or(u64::MAX)
}
