//! The declared columns of a record table: name, type, required.
//!
//! CONTRACT — Owner: data helper.

use serde::{Deserialize, Serialize};

use crate::document::Parsed;
use crate::error::MealError;
use crate::expr::ValueType;
use crate::form::CompiledForm;
use crate::i18n::Message;

/// Current format version of a schema document.
pub const FORMAT_VERSION: u32 = 1;

/// The type of a column's values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ColumnType {
    /// Free text and select_one choice names (dictionary-encoded).
    Text,
    /// A select_multiple: space-separated choice names (dictionary-encoded).
    Choices,
    /// Whole numbers (i64).
    Integer,
    /// Exact decimals.
    Decimal,
    /// `true`/`false` (also `1`/`0`, `yes`/`no`; see the loaders).
    Boolean,
    /// ISO dates `YYYY-MM-DD`.
    Date,
    /// RFC 3339 timestamps with their UTC offset.
    DateTime,
}

/// One declared column.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ColumnSpec {
    pub name: String,
    #[serde(rename = "type")]
    pub column_type: ColumnType,
    /// An empty cell in a required column rejects the row (`data.required`).
    #[serde(default)]
    pub required: bool,
}

/// The columns of a table, in order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Schema {
    pub format_version: u32,
    pub columns: Vec<ColumnSpec>,
}

impl ColumnType {
    /// The expression-language type of this column's values.
    pub fn value_type(self) -> ValueType {
        match self {
            ColumnType::Text => ValueType::Text,
            ColumnType::Choices => ValueType::Choices,
            ColumnType::Integer | ColumnType::Decimal => ValueType::Number,
            ColumnType::Boolean => ValueType::Bool,
            ColumnType::Date => ValueType::Date,
            ColumnType::DateTime => ValueType::DateTime,
        }
    }
}

impl Schema {
    /// A schema over `columns` at the current format version.
    pub fn new(columns: Vec<ColumnSpec>) -> Schema {
        Schema {
            format_version: FORMAT_VERSION,
            columns,
        }
    }

    /// Reads a schema document (`document::read`: syntax, version, shape, unknown fields).
    /// Findings also name duplicate and blank column names (`data.duplicate_column`,
    /// `data.blank_column`).
    pub fn from_json(json: &str) -> Result<Parsed<Schema>, MealError> {
        let _ = json;
        Err(MealError::new("data.not_implemented"))
    }

    /// The columns of a form's submissions: every top-level field that holds a value (not
    /// notes, groups or repeats — repeats are tables of their own), typed from the field type,
    /// `required` when the field is required unconditionally (`yes`). The metadata fields the
    /// form declares (start, end, today, instanceID, …) are columns too.
    pub fn from_form(form: &CompiledForm) -> Schema {
        let _ = form;
        Schema::new(Vec::new())
    }

    /// Index of the column `name`.
    pub fn index_of(&self, name: &str) -> Option<usize> {
        self.columns.iter().position(|c| c.name == name)
    }
}

impl crate::expr::Schema for Schema {
    fn field_type(&self, name: &str) -> Option<ValueType> {
        self.columns
            .iter()
            .find(|c| c.name == name)
            .map(|c| c.column_type.value_type())
    }
}

/// Messages of the codes this file raises.
pub const MESSAGES: &[Message] = &[];
