//! Data quality of record tables: completeness, timeliness, duplicates, validation rules,
//! outliers and invalid numerics — a scorecard per project, site and period, and one row per
//! failing check for drill-down.
//!
//! [`check`] runs a [`Checks`] document over a [`crate::data::Loaded`] table and returns a
//! [`QualityReport`]: the [`Score`] of each project, site and period, every [`Failure`]
//! (pandera's failure-table convention, `reference/python-analytics.md` §1.6), and
//! [`QualityReport::summary`] for a SITREP. Each check's decisions are in its file:
//!
//! | file | concept |
//! |---|---|
//! | [`checks`] | the checks document and its validation against the table's schema |
//! | `place.rs` | where a record counts: project, site, period |
//! | [`completeness`] | required cells, expected reports, rejected and unplaced rows |
//! | [`timeliness`] | deadlines and late records |
//! | [`duplicates`] | exact and key duplicates |
//! | [`rules`] | DHIS2-style validation rules |
//! | [`outliers`] | outlier tests and invalid numerics |
//! | [`stats`] | the exact statistics the outlier tests use |
//! | `key.rs` | how cells compare when grouped or matched |
//! | [`scorecard`] | the report, its rows and failures |
//! | [`summary`] | totals for a SITREP |

pub mod checks;
pub mod completeness;
pub mod duplicates;
pub(crate) mod key;
pub mod outliers;
pub(crate) mod place;
pub mod rules;
pub mod scorecard;
pub mod stats;
pub mod summary;
pub mod timeliness;

pub use checks::Checks;
pub use scorecard::{check, Check, Failure, QualityReport, Score};
pub use summary::{FailureCount, Summary};
