//! The quality-checks document: which columns place a record (project, site, date), what is
//! expected, which rules and outlier tests apply.
//!
//! CONTRACT — Owner: quality helper. Shape to be designed; it must be a `format_version`
//! document read through `crate::document::read` with `from_json`.

use serde::{Deserialize, Serialize};

use crate::document::Parsed;
use crate::error::MealError;
use crate::i18n::Message;

/// Current format version.
pub const FORMAT_VERSION: u32 = 1;

/// The checks to run on a table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Checks {
    pub format_version: u32,
}

impl Checks {
    /// Reads a checks document (`document::read`: syntax, version, shape, unknown fields).
    pub fn from_json(json: &str) -> Result<Parsed<Checks>, MealError> {
        crate::document::read(json, "quality_checks", FORMAT_VERSION)
    }
}

/// Messages of the codes this file raises.
pub const MESSAGES: &[Message] = &[];
