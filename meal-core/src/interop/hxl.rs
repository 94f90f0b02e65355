//! CONTRACT (owner: iati helper). HXL, the Humanitarian Exchange Language: a hashtag row under
//! the header row of a CSV (`#affected+f+children`). Hashtags are declared on schema columns
//! (`data::ColumnSpec::hxl`), written by the CSV export, and matched by HXL tag patterns
//! (`#affected+f-adult`: the tag, attributes that must be present, attributes that must not),
//! which the Python binding uses to select columns.

use crate::data::{Schema, Table};
use crate::error::MealError;
use crate::i18n::Message;

/// A parsed hashtag: lower-case tag without `#`, attributes sorted and unique.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Hashtag {
    pub tag: String,
    pub attributes: Vec<String>,
}

/// A tag pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern {
    pub tag: String,
    pub include: Vec<String>,
    pub exclude: Vec<String>,
}

impl Hashtag {
    /// Errors: `hxl.invalid_hashtag`.
    pub fn parse(text: &str) -> Result<Hashtag, MealError> {
        let _ = text;
        Err(MealError::new("hxl.invalid_hashtag"))
    }
}

impl Pattern {
    /// Errors: `hxl.invalid_pattern`.
    pub fn parse(text: &str) -> Result<Pattern, MealError> {
        let _ = text;
        Err(MealError::new("hxl.invalid_pattern"))
    }

    pub fn matches(&self, hashtag: &Hashtag) -> bool {
        let _ = hashtag;
        false
    }
}

/// The names of the schema's columns whose hashtag matches `pattern`, in column order.
pub fn columns_matching(schema: &Schema, pattern: &Pattern) -> Vec<String> {
    let _ = (schema, pattern);
    Vec::new()
}

/// The table as CSV: header row, then the HXL hashtag row when any column declares one, then
/// the rows (values as `Table::to_json_lines` shows them, RFC 4180 quoting).
pub fn to_csv(table: &Table) -> String {
    let _ = table;
    String::new()
}

/// Every code this file raises, in English and French.
pub const MESSAGES: &[Message] = &[
    Message {
        code: "hxl.invalid_hashtag",
        en: "{value} is not a valid HXL hashtag",
        fr: "{value} n'est pas un hashtag HXL valide",
    },
    Message {
        code: "hxl.invalid_pattern",
        en: "{value} is not a valid HXL tag pattern",
        fr: "{value} n'est pas un motif de hashtag HXL valide",
    },
];
