//! Data quality of record tables: completeness, timeliness, duplicates, validation rules,
//! outliers and invalid numerics — a scorecard per project, site and period, and one row per
//! failing check for drill-down.
//!
//! CONTRACT (integration base for issue 6) — Owner: quality helper. Keep the public names of
//! `scorecard.rs` (the report module reads them); shape the rest as the work shows.

pub mod checks;
pub mod completeness;
pub mod duplicates;
pub mod outliers;
pub mod rules;
pub mod scorecard;
pub mod timeliness;

pub use checks::Checks;
pub use scorecard::{check, Failure, QualityReport, Score};
