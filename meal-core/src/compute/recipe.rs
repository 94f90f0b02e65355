//! How each indicator is computed from records: the recipe document.
//!
//! Every expression is in the expression language (`${column}` reads a column of the row):
//! ```json
//! {"format_version": 1,
//!  "dimensions": {"sex": "${sex}", "site": "${site}",
//!                 "age_band": "if(string-length(string(${age})) = 0, '', if(${age} < 15, 'under_15', if(${age} < 18, '15_17', '18_plus')))"},
//!  "recipes": [
//!   {"indicator": "IDF-IND-06", "date": "${date}", "filter": "${project} = 'IDF' and ${activity} = 'medical_consultation'"},
//!   {"indicator": "IDF-IND-01", "date": "${date}", "filter": "${new_minor}",
//!    "numerator": "${assessment_within_30d}", "denominator": "1"},
//!   {"indicator": "IDF-IND-07", "date": "${date}", "filter": "...", "person": "${person}"}]}
//! ```
//!
//! A dimension's expression gives the category code; an empty or undeclared code lands in the
//! explicit `unknown` cell (so an empty age is written to give `''`, not to fall through to a
//! band). The measure decides which parts are needed (see [`crate::compute::plan`]).

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::document::Parsed;
use crate::error::MealError;
use crate::i18n::Term;

/// Current format version of a recipes document.
pub const FORMAT_VERSION: u32 = 1;

/// The recipes of a set of indicators, with the default source of each dimension.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recipes {
    pub format_version: u32,
    /// Dimension code → expression giving the category code of a row.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub dimensions: BTreeMap<String, String>,
    pub recipes: Vec<Recipe>,
}

/// How one indicator is computed from records. Which of `value`, `numerator`/`denominator`
/// and `person` is needed follows the indicator's measure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recipe {
    /// The indicator's code.
    pub indicator: String,
    /// Expression giving the date that places a record in periods.
    pub date: String,
    /// Which records count (all when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filter: Option<String>,
    /// Sum and mean: the quantity; ordinal: the level (1 = first); nominal: the category
    /// number (1 = first).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// Ratio: the record's contribution to the numerator (a boolean counts as 1 or 0).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub numerator: Option<String>,
    /// Ratio: the record's contribution to the denominator (a boolean counts as 1 or 0).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub denominator: Option<String>,
    /// Distinct persons: the person's pseudonym.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub person: Option<String>,
    /// Dimension sources for this indicator only (override the document's).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub dimensions: BTreeMap<String, String>,
    /// Running totals of counts and sums whose records do not go back to the start (a project
    /// opened in 2017, records kept since 2025): the total carried forward.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub opening: Option<Opening>,
}

/// A running total carried forward from before the records: `value` as of the end of
/// `through`. Records dated on or before `through` are already in it, so they are not counted
/// again; the opening has no breakdown, so it is counted in each dimension's `unknown` cell.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Opening {
    pub value: Decimal,
    pub through: NaiveDate,
}

impl Recipes {
    /// Reads a recipes document (syntax, version, shape; unknown fields as findings).
    pub fn from_json(json: &str) -> Result<Parsed<Recipes>, MealError> {
        crate::document::read(json, "recipes", FORMAT_VERSION)
    }
}

/// The names of the documents this module reads, in messages (`document.invalid`, …).
pub const TERMS: &[Term] = &[
    Term {
        key: "recipes",
        en: "indicator recipes",
        fr: "recettes d'indicateurs",
    },
    Term {
        key: "partial_state",
        en: "partial state",
        fr: "état partiel",
    },
];
