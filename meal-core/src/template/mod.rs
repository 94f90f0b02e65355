//! CONTRACT (owner: template helper). Spreadsheet authoring: logframes and MEAL plans written
//! and read as `.xlsx` workbooks of a documented template — the XLSForm idea applied to
//! logframes. Coordinators author in Excel or LibreOffice; the library reads the workbook back
//! with findings that name the sheet, row and column of every problem (`objectives!C12`), and
//! writes any document back to the same layout, so `read(write(doc)) == doc` exactly.
//!
//! Headers exist in English and French (the template ships in both, `examples/templates/`);
//! the reader accepts either language, a writer takes the locale of its headers.
//!
//! | file | concept |
//! |---|---|
//! | `logframe.rs` | the logframe workbook (project, objectives, indicators, targets, …) |
//! | `plan.rs` | the MEAL plan workbook (plan rows, roles, evaluations, …) |
//!
//! Errors: `template.unreadable` (not an `.xlsx`), `template.missing_sheet`. Every other problem
//! is a [`crate::Finding`] with params `sheet`, `row` (1-based), `column` (letters), `value`.

mod cells;
mod layout;
pub mod logframe;
pub mod plan;
mod write;

use crate::error::Finding;

/// A document read from a workbook: `Some` when it could be built (findings may still hold
/// warnings or errors a later validation repeats), `None` when a blocking problem prevented it.
#[derive(Debug, Clone, PartialEq)]
pub struct Authored<T> {
    pub document: Option<T>,
    pub findings: Vec<Finding>,
}

/// Every code this module raises, in English and French.
pub const MESSAGES: &[crate::i18n::Message] = &[crate::i18n::Message {
    code: "template.unreadable",
    en: "The workbook cannot be read as an .xlsx file: {detail}",
    fr: "Le classeur ne peut pas être lu comme un fichier .xlsx : {detail}",
}];
