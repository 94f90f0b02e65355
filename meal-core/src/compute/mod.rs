//! The indicator engine: every indicator of a logframe over a record table, for a range of
//! periods, in one pass, with mergeable partial state and provenance on every figure.
//!
//! CONTRACT (integration base for issue 6) — Owner: compute (lead). Public names and shapes
//! below are what report, quality and the bindings are written against.

pub mod engine;
mod filters;
pub mod finalize;
pub mod partial;
pub mod plan;
pub mod recipe;
pub mod results;
mod row_expr;

pub use engine::Engine;
pub use partial::Partial;
pub use recipe::{Recipe, Recipes};
pub use results::{Figure, Results, RowCounts, Sources};
