//! Record tables: typed, columnar, loaded from CSV and JSON lines, every input row accounted for.
//!
//! CONTRACT (integration base for issue 6) — Owner: data helper. Fill the bodies, keep the
//! public names and shapes (compute, quality, report and the bindings are written against them).
//!
//! A [`Table`] holds the records of one form (or any declared [`Schema`]) column by column:
//! text as a dictionary (one `u32` code per row, so grouping and memoised expressions work on
//! small integers), numbers, booleans, dates and timestamps as typed vectors with `None` for an
//! empty cell. Loading ([`Table::from_csv`], [`Table::from_json_lines`]) never drops a row: a
//! row that cannot be typed is in [`Loaded::rejected`] with its findings, and
//! `rows_read == table.len() + rejected.len()` always holds.

pub mod column;
pub mod csv;
pub mod jsonl;
pub mod row;
pub mod schema;
pub mod table;

pub use column::{Values, NULL_CODE};
pub use row::RowContext;
pub use schema::{ColumnSpec, ColumnType, Schema};
pub use table::{Loaded, Rejected, Table};
