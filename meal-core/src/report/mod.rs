//! The SITREP and the annual report: indicator tables with value, target, achievement, status
//! and disaggregations, a data-quality summary, disclosure control for external audiences —
//! rendered to Markdown, HTML, CSV, JSON and XLSX.
//!
//! CONTRACT (integration base for issue 6) — Owner: report helper. Keep the public names
//! below (bindings and the demo call them); shape the model as the work shows.

pub mod annual;
pub mod render;
pub mod sitrep;

pub use annual::{AnnualReport, AnnualRequest};
pub use render::{Format, Rendered};
pub use sitrep::{Audience, Scope, Sitrep, SitrepRequest};
