//! Record tables: typed, columnar, loaded from CSV and JSON lines, every input row accounted for.
//!
//! A [`Table`] holds the records of one form (or any declared [`Schema`]) column by column:
//! text as a dictionary (one `u32` code per row, so grouping and memoised expressions work on
//! small integers), numbers, booleans, dates and timestamps as typed vectors with `None` for an
//! empty cell. Loading ([`Table::from_csv`], [`Table::from_json_lines`]) never drops a row: a
//! row that cannot be typed is in [`Loaded::rejected`] with its findings, and
//! `rows_read == table.len() + rejected.len()` always holds.
//!
//! | file | concept |
//! |---|---|
//! | `schema.rs` | the declared columns (a JSON document, or derived from a form) |
//! | `column.rs` | the values of one column, dictionary-encoded text or typed vectors |
//! | `table.rs` | the table, the result of loading, JSON lines output, the row codes |
//! | `cell.rs` | the text and JSON rules that type one cell |
//! | `intern.rs` | the dictionary of a text column while it is loaded |
//! | `load.rs` | building a table row by row, rejected rows leaving nothing behind |
//! | `batch.rs` | the same a batch of rows at a time, column by column (columnar sources) |
//! | `csv.rs`, `jsonl.rs` | the two loaders |
//! | `columnar.rs` | loading from typed columns (the Python binding's Arrow import) |
//! | `row.rs` | one row seen by the expression language |

mod batch;
mod cell;
pub mod chunks;
pub mod column;
pub mod columnar;
pub mod csv;
pub(crate) mod intern;
pub mod jsonl;
mod load;
pub mod row;
pub mod schema;
pub mod table;

pub use chunks::CsvChunks;
pub use column::{Values, NULL_CODE};
pub use columnar::{ColumnarLoad, SourceCell, SourceColumn, SourceType};
pub use row::RowContext;
pub use schema::{ColumnSpec, ColumnType, Schema};
pub use table::{Loaded, Rejected, Table};
