//! The declared columns of a record table: name, type, required.
//!
//! A [`Schema`] is a JSON document (`format_version` 1) read through [`crate::document::read`]
//! (syntax → version → shape; unknown fields and duplicate keys are findings), or derived from
//! a form with [`Schema::from_form`]. Column names are unique and not blank: a table is
//! addressed by name (`${age}` in the expression language, CSV headers, JSON keys), so two
//! columns with one name would make a value ambiguous.
//!
//! # From a form
//!
//! [`Schema::from_form`] gives the columns of the form's submissions as the form module stores
//! them (`form` module docs, "Type decisions"): the value of a field is the canonical value in
//! `cleaned`, so each column type is the one that reads that canonical value back.
//!
//! | form field type | column type | why |
//! |---|---|---|
//! | `text`, `barcode`, `hidden`, `calculate`, `image`, `audio`, `file`, `deviceid`, `instanceid` | `text` | stored as text (calculations are text, as XPath node values are) |
//! | `select_one` | `text` | the choice name |
//! | `select_multiple` | `choices` | space-separated choice names |
//! | `integer` | `integer` | |
//! | `decimal` | `decimal` | exact |
//! | `range` with integer `start`, `end` and `step` | `integer` | every value on the range is whole |
//! | `range` otherwise | `decimal` | |
//! | `date`, `today` | `date` | |
//! | `dateTime`, `start`, `end` | `date_time` | RFC 3339 with offset |
//! | `time` | `text` | no time-of-day type in the expression language; kept as given |
//! | `geopoint` | `text` | `lat lon [alt [accuracy]]` as one value |
//! | `acknowledge` | `text` | the stored value is `OK` (a boolean column would refuse it) |
//! | `note`, `group`, `repeat` | — | a note stores nothing; a group's fields are columns themselves (names are unique form-wide); a repeat is a table of its own |
//!
//! A column is `required` when its field is required without condition (`required: yes`)
//! **and** always relevant (neither the field nor an enclosing group has a `relevant`): a
//! required field that is not relevant is legitimately empty, and rejecting such a row would
//! lose a valid submission (the same rule as the form's JSON Schema export).
//!
//! # Codes
//!
//! | code | severity | when |
//! |---|---|---|
//! | `data.duplicate_column` | error | a column name used twice (the later one is flagged) |
//! | `data.blank_column` | error | an empty or whitespace-only column name |
//! | `data.invalid_hxl` | error | a column's `hxl` is not an HXL hashtag ([`crate::interop::hxl`] grammar); `column`, `value` |
//!
//! A bad hashtag does not stop a table from loading (loading needs names only): the CSV export
//! writes it as declared, and tag patterns never match it.

use serde::{Deserialize, Serialize};

use crate::document::{self, Parsed};
use crate::error::{sort_findings, Finding, MealError};
use crate::expr::ValueType;
use crate::form::{CompiledForm, Field, FieldType, Required};
use crate::i18n::{Message, Term};

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
pub struct ColumnSpec {
    pub name: String,
    #[serde(rename = "type")]
    pub column_type: ColumnType,
    /// An empty cell in a required column rejects the row (`data.required`).
    #[serde(default)]
    pub required: bool,
    /// The column's HXL hashtag (`#affected+f`), written under the header by the CSV export
    /// and matched by tag patterns (see [`crate::interop::hxl`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hxl: Option<String>,
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

    /// The name used in schema documents and messages (`date_time`).
    pub fn name(self) -> &'static str {
        match self {
            ColumnType::Text => "text",
            ColumnType::Choices => "choices",
            ColumnType::Integer => "integer",
            ColumnType::Decimal => "decimal",
            ColumnType::Boolean => "boolean",
            ColumnType::Date => "date",
            ColumnType::DateTime => "date_time",
        }
    }

    /// True for the dictionary-encoded types (text and choices).
    pub fn is_text(self) -> bool {
        matches!(self, ColumnType::Text | ColumnType::Choices)
    }
}

impl ColumnSpec {
    /// A column `name` of `column_type`.
    pub fn new(name: &str, column_type: ColumnType, required: bool) -> ColumnSpec {
        ColumnSpec {
            name: name.to_owned(),
            column_type,
            required,
            hxl: None,
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
        let mut parsed: Parsed<Schema> = document::read(json, "schema", FORMAT_VERSION)?;
        parsed.findings.extend(parsed.value.check());
        sort_findings(&mut parsed.findings);
        Ok(parsed)
    }

    /// The schema document as JSON (read back identically by [`Schema::from_json`]).
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// Duplicate and blank column names, with the path of the offending name
    /// (`/columns/3/name`), and hashtags that do not parse (`/columns/3/hxl`).
    pub fn check(&self) -> Vec<Finding> {
        let mut findings = self.check_names();
        for (index, column) in self.columns.iter().enumerate() {
            if let Some(text) = &column.hxl {
                if crate::interop::hxl::Hashtag::parse(text).is_err() {
                    findings.push(
                        Finding::error("data.invalid_hxl", format!("/columns/{index}/hxl"))
                            .with("column", &column.name)
                            .with("value", text),
                    );
                }
            }
        }
        sort_findings(&mut findings);
        findings
    }

    /// Duplicate and blank column names: what loading needs to be right.
    fn check_names(&self) -> Vec<Finding> {
        let mut findings = Vec::new();
        let mut seen = std::collections::BTreeSet::new();
        for (index, column) in self.columns.iter().enumerate() {
            let path = format!("/columns/{index}/name");
            if column.name.trim().is_empty() {
                findings.push(Finding::error("data.blank_column", path));
            } else if !seen.insert(column.name.as_str()) {
                findings.push(
                    Finding::error("data.duplicate_column", path).with("column", &column.name),
                );
            }
        }
        findings
    }

    /// The schema's first problem as an error: loading needs every name to mean one column.
    pub(crate) fn usable(&self) -> Result<(), MealError> {
        match self.check_names().into_iter().next() {
            Some(problem) => {
                let mut error = MealError::new(&problem.code).at(problem.path);
                error.params = problem.params;
                Err(error)
            }
            None => Ok(()),
        }
    }

    /// The columns of a form's submissions: every top-level field that holds a value (not
    /// notes, groups or repeats — repeats are tables of their own), typed from the field type,
    /// `required` when the field is required unconditionally (`yes`). The metadata fields the
    /// form declares (start, end, today, instanceID, …) are columns too. See the module docs
    /// for the type table.
    pub fn from_form(form: &CompiledForm) -> Schema {
        let mut columns = Vec::new();
        add_form_columns(&form.form().fields, true, &mut columns);
        Schema::new(columns)
    }

    /// Index of the column `name`.
    pub fn index_of(&self, name: &str) -> Option<usize> {
        self.columns.iter().position(|c| c.name == name)
    }
}

/// Adds the value fields of `fields` (descending into groups, not repeats); `relevant` is
/// false once an enclosing group has a relevance condition.
fn add_form_columns(fields: &[Field], relevant: bool, columns: &mut Vec<ColumnSpec>) {
    for field in fields {
        let always_relevant = relevant && field.relevant.is_none();
        match &field.field_type {
            FieldType::Group => add_form_columns(&field.children, always_relevant, columns),
            FieldType::Repeat | FieldType::Note => {}
            field_type => {
                let required = always_relevant && field.required == Some(Required::Always(true));
                columns.push(ColumnSpec::new(
                    &field.name,
                    column_type(field_type),
                    required,
                ));
            }
        }
    }
}

/// The column type of a value field (module docs, "From a form").
fn column_type(field_type: &FieldType) -> ColumnType {
    match field_type {
        FieldType::Integer => ColumnType::Integer,
        FieldType::Decimal => ColumnType::Decimal,
        FieldType::Range { start, end, step } => {
            let whole = [start, end, step]
                .iter()
                .all(|bound| bound.trim().parse::<i64>().is_ok());
            if whole {
                ColumnType::Integer
            } else {
                ColumnType::Decimal
            }
        }
        FieldType::Date | FieldType::Today => ColumnType::Date,
        FieldType::DateTime | FieldType::Start | FieldType::End => ColumnType::DateTime,
        FieldType::SelectMultiple { .. } => ColumnType::Choices,
        FieldType::Text
        | FieldType::SelectOne { .. }
        | FieldType::Time
        | FieldType::Acknowledge
        | FieldType::Geopoint
        | FieldType::Note
        | FieldType::Calculate
        | FieldType::Hidden
        | FieldType::Barcode
        | FieldType::Image
        | FieldType::Audio
        | FieldType::File
        | FieldType::DeviceId
        | FieldType::InstanceId
        | FieldType::Group
        | FieldType::Repeat => ColumnType::Text,
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
pub const MESSAGES: &[Message] = &[
    Message {
        code: "data.duplicate_column",
        en: "The column name '{column}' is declared twice; each column needs its own name",
        fr: "Le nom de colonne « {column} » est déclaré deux fois ; chaque colonne doit avoir son propre nom",
    },
    Message {
        code: "data.blank_column",
        en: "A column has no name; every column needs one",
        fr: "Une colonne n'a pas de nom ; chaque colonne doit en avoir un",
    },
    Message {
        code: "data.invalid_hxl",
        en: "The HXL hashtag '{value}' of column '{column}' is not valid (#tag+attribute, letters, digits and _)",
        fr: "Le hashtag HXL « {value} » de la colonne « {column} » n'est pas valide (#tag+attribut, lettres, chiffres et _)",
    },
];

/// The name of the schema document in messages (`document.invalid`, …).
pub const TERMS: &[Term] = &[Term {
    key: "schema",
    en: "table schema",
    fr: "schéma de table",
}];

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(findings: &[Finding]) -> Vec<(&str, &str)> {
        findings
            .iter()
            .map(|f| (f.code.as_str(), f.path.as_str()))
            .collect()
    }

    #[test]
    fn a_schema_document_reads_and_round_trips() {
        let json = r#"{"format_version": 1, "columns": [
            {"name": "record_id", "type": "text", "required": true},
            {"name": "age", "type": "integer"},
            {"name": "submitted_at", "type": "date_time"}]}"#;
        let parsed = Schema::from_json(json).unwrap();
        assert!(parsed.findings.is_empty());
        let schema = parsed.value;
        assert_eq!(schema.columns[2].column_type, ColumnType::DateTime);
        assert!(schema.columns[0].required && !schema.columns[1].required);
        assert_eq!(Schema::from_json(&schema.to_json()).unwrap().value, schema);
    }

    #[test]
    fn duplicate_blank_and_unknown_names_are_findings() {
        let json = r#"{"format_version": 1, "columns": [
            {"name": "a", "type": "text"}, {"name": " ", "type": "text"},
            {"name": "a", "type": "integer", "colour": "red"}]}"#;
        let parsed = Schema::from_json(json).unwrap();
        assert_eq!(
            codes(&parsed.findings),
            [
                ("data.blank_column", "/columns/1/name"),
                ("document.unknown_field", "/columns/2/colour"),
                ("data.duplicate_column", "/columns/2/name"),
            ]
        );
        assert_eq!(parsed.value.usable().unwrap_err().code, "data.blank_column");
    }

    #[test]
    fn a_bad_hashtag_is_a_finding_that_does_not_stop_loading() {
        let json = r##"{"format_version": 1, "columns": [
            {"name": "women", "type": "integer", "hxl": "#reached+f"},
            {"name": "men", "type": "integer", "hxl": "reached+m"}]}"##;
        let parsed = Schema::from_json(json).unwrap();
        assert_eq!(
            codes(&parsed.findings),
            [("data.invalid_hxl", "/columns/1/hxl")]
        );
        assert_eq!(parsed.findings[0].params["column"], "men");
        assert_eq!(parsed.findings[0].params["value"], "reached+m");
        assert!(parsed.value.usable().is_ok());
    }

    #[test]
    fn bad_documents_are_errors() {
        let err = |json: &str| Schema::from_json(json).unwrap_err().code;
        assert_eq!(err("{"), "json.malformed");
        assert_eq!(
            err(r#"{"format_version": 2, "columns": []}"#),
            "document.format_version"
        );
        assert_eq!(
            err(r#"{"format_version": 1, "columns": [{"name": "a", "type": "float"}]}"#),
            "document.invalid"
        );
    }

    #[test]
    fn a_form_gives_its_value_fields_typed() {
        let form = r#"{"format_version": 1, "id": "f", "fields": [
            {"name": "start", "type": {"kind": "start"}},
            {"name": "intro", "type": {"kind": "note"}},
            {"name": "age", "type": {"kind": "integer"}, "required": true},
            {"name": "household", "type": {"kind": "group"}, "children": [
                {"name": "size", "type": {"kind": "range", "start": "1", "end": "20", "step": "1"}, "required": true},
                {"name": "income", "type": {"kind": "range", "start": "0", "end": "1", "step": "0.5"}},
                {"name": "needs", "type": {"kind": "select_multiple", "list": "needs"}}]},
            {"name": "later", "type": {"kind": "group"}, "relevant": "${age} > 17", "children": [
                {"name": "visit", "type": {"kind": "date"}, "required": true}]},
            {"name": "members", "type": {"kind": "repeat"}, "children": [
                {"name": "member_age", "type": {"kind": "integer"}}]},
            {"name": "ok", "type": {"kind": "acknowledge"}, "required": "${age} > 1"},
            {"name": "weight", "type": {"kind": "decimal"}},
            {"name": "at", "type": {"kind": "date_time"}},
            {"name": "seen", "type": {"kind": "time"}},
            {"name": "where", "type": {"kind": "geopoint"}},
            {"name": "sex", "type": {"kind": "select_one", "list": "sex"}},
            {"name": "instanceID", "type": {"kind": "instance_id"}}],
            "choices": {"needs": [{"name": "food"}], "sex": [{"name": "f"}]}}"#;
        let (compiled, _) = CompiledForm::from_json(form).unwrap();
        let schema = Schema::from_form(&compiled);
        let got: Vec<(&str, &str, bool)> = schema
            .columns
            .iter()
            .map(|c| (c.name.as_str(), c.column_type.name(), c.required))
            .collect();
        assert_eq!(
            got,
            [
                ("start", "date_time", false),
                ("age", "integer", true),
                ("size", "integer", true),
                ("income", "decimal", false),
                ("needs", "choices", false),
                ("visit", "date", false),
                ("ok", "text", false),
                ("weight", "decimal", false),
                ("at", "date_time", false),
                ("seen", "text", false),
                ("where", "text", false),
                ("sex", "text", false),
                ("instanceID", "text", false),
            ]
        );
    }
}
