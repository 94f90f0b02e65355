//! The indicator engine: every indicator of a logframe over a record table, for a range of
//! periods, in one pass, with mergeable partial state and provenance on every figure.
//!
//! The flow, one concept per file:
//! * [`recipe`] — the document saying how each indicator is computed from records;
//! * [`plan`] — a recipe checked against its indicator and the table's schema: windows of the
//!   periods (the aggregation semantics), dimension cells, the measure from records;
//! * `row_expr` and `filters` — expressions evaluated over rows, memoised on the codes of the
//!   columns they read (the reason one pass can evaluate every filter of a mission);
//! * [`engine`] — the pass over a table, split over the cores, each core's rows taken block by
//!   block: dates and filters read for a whole block, then each indicator takes only the rows
//!   its filter selects (`engine/block.rs`; the row-by-row interpreter it replaced is kept as
//!   the reference of `block_props`, a property test that both give the same state);
//! * [`stream`] — a CSV file computed chunk by chunk on every core, in bounded memory;
//! * [`partial`] — the mergeable state and its merge rules;
//! * [`finalize`] — figures from a state: totals, cells, targets, achievement, status;
//! * [`results`] — what comes out, with provenance on every figure.
//!
//! Decisions are documented where they are taken (windows and measures in [`plan`], merge
//! rules in [`partial`], "no data" versus zero in [`finalize`]) and pinned by
//! `meal-core/tests/compute.rs` (a hand-checked table), `meal-core/tests/compute_props.rs`
//! (merge equals one pass for any partitioning, cells add up to totals, running totals never
//! decrease, no row lost) and `tests/vectors/compute.json` (all four languages).

#[cfg(test)]
mod block_props;
pub mod engine;
mod filters;
pub mod finalize;
pub mod partial;
pub mod plan;
pub mod recipe;
pub mod results;
mod row_expr;
pub mod stream;

pub use engine::Engine;
pub use partial::Partial;
pub use recipe::{Recipe, Recipes};
pub use results::{Figure, Results, RowCounts, Sources};
pub use stream::{Streamed, DEFAULT_CHUNK_BYTES};
