//! The SITREP and the annual report: indicator tables with value, target, achievement and status
//! and disaggregations, a data-quality summary, disclosure control for external audiences —
//! rendered to Markdown, HTML, CSV, JSON and XLSX.
//!
//! | file | concept |
//! |---|---|
//! | `sitrep.rs` | the SITREP of a project or the mission for a period, and its request |
//! | `annual.rs` | the annual report (the year and its quarters), and its request |
//! | `model.rs` | the report model both share; its serde form is the JSON rendering |
//! | `content.rs` | building the model from logframes, results and the quality report |
//! | `protect.rs` | disclosure control of disaggregation cells for external audiences |
//! | `terms.rs` | labels in French and English, numbers and percentages for the reader |
//! | `render.rs` | formats and the rendering entry point |
//! | `layout.rs` | the document structure Markdown and HTML share |
//! | `markdown.rs`, `html.rs`, `csv.rs`, `xlsx.rs` | one writer per format |

mod csv;
mod html;
mod layout;
mod markdown;
mod xlsx;

#[cfg(test)]
mod fixture;

pub mod annual;
pub mod content;
pub mod model;
pub mod protect;
pub mod render;
pub mod sitrep;
pub mod terms;

pub use annual::{AnnualReport, AnnualRequest};
pub use model::{Content, Entry, EntryState};
pub use render::{Format, Rendered};
pub use sitrep::{Audience, Scope, Sitrep, SitrepRequest, DEFAULT_THRESHOLD};
