//! Forms: the model (XLSForm semantics), submission validation, live-form state and JSON
//! Schema export.
//!
//! SKELETON — the types and signatures below are the contract the XLSForm importer, the
//! examples and the bindings are written against. Implementation owned by the form work stream
//! (submodules welcome: model, compile, validate, state, schema). `xlsform` (the `.xlsx`
//! importer) is owned by another work stream and produces a [`Form`].

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::document::Parsed;
use crate::error::{Finding, MealError};
use crate::i18n::{Message, Term};

mod load;
pub use load::LoadedForm;

/// The format version of the JSON form document.
pub const FORMAT_VERSION: u32 = 1;

/// Text per language code (`"fr"`, `"en"`, or the XLSForm `default` when a sheet has one
/// unlabelled column). Field forms may need more languages than the two the library speaks.
pub type Labels = BTreeMap<String, String>;

/// The type of a field (XLSForm `type` column).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum FieldType {
    Text,
    Integer,
    Decimal,
    /// A number in `[start, end]` by `step`.
    Range {
        start: String,
        end: String,
        step: String,
    },
    Date,
    Time,
    DateTime,
    SelectOne {
        list: String,
    },
    SelectMultiple {
        list: String,
    },
    Acknowledge,
    Geopoint,
    Note,
    Calculate,
    Hidden,
    Barcode,
    Image,
    Audio,
    File,
    /// Metadata filled by the collecting device.
    Start,
    End,
    Today,
    DeviceId,
    InstanceId,
    /// A group: children share its relevance.
    Group,
    /// A repeat: children are filled once per instance.
    Repeat,
}

/// `required`: always, or when an expression holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Required {
    Always(bool),
    When(String),
}

/// One field (a question, a calculation, a group or a repeat). Expressions are source text in
/// the document and compiled once when the form is read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Field {
    /// Unique in the form (XLSForm `name`).
    pub name: String,
    #[serde(rename = "type")]
    pub field_type: FieldType,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub label: Labels,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub hint: Labels,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub required: Option<Required>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub required_message: Labels,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub constraint: Option<String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub constraint_message: Labels,
    /// A soft check: when false for a non-empty value, a warning (not an error) with
    /// `warning_message`. XLSForm column `warning` (our extension; documented in the module).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub warning: Option<String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub warning_message: Labels,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub relevant: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub calculation: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub read_only: Option<Required>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub choice_filter: Option<String>,
    /// Repeats: how many instances (an expression), and bounds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub repeat_count: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_count: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_count: Option<u32>,
    /// XLSForm `parameters` and `appearance`, kept verbatim.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub parameters: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub appearance: Option<String>,
    /// Groups and repeats hold their fields here.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<Field>,
}

/// One choice of a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    pub name: String,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub label: Labels,
    /// Extra columns of the choices sheet (used by `choice_filter`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub properties: BTreeMap<String, String>,
}

/// A form document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Form {
    pub format_version: u32,
    /// XLSForm `form_id`.
    pub id: String,
    /// XLSForm `version`.
    #[serde(default)]
    pub version: String,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub title: Labels,
    /// Language of unlabelled columns and fallback for messages (XLSForm `default_language`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_language: Option<String>,
    pub fields: Vec<Field>,
    /// Choice lists by list name.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub choices: BTreeMap<String, Vec<Choice>>,
}

/// A form read and compiled: expressions parsed and type-checked, names indexed. What
/// validation and live state run on. Build with [`CompiledForm::new`].
#[derive(Debug, Clone)]
pub struct CompiledForm {
    form: Form,
}

/// Options of a validation or state computation: the reader's language and the clock.
#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    /// Language of messages: form-author messages in this language when present, else the
    /// library's own in French or English.
    pub locale: String,
    /// Today's date and now, injected so the verdict is reproducible.
    pub now: chrono::DateTime<chrono::FixedOffset>,
}

/// One finding of a submission, with its message rendered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubmissionFinding {
    /// The finding (code such as `form.required`, path such as `/members/2/age`).
    #[serde(flatten)]
    pub finding: Finding,
    /// The message in the requested language (the form author's when present).
    pub message: String,
}

/// The verdict on one submission.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// True when no finding has severity error.
    pub valid: bool,
    pub findings: Vec<SubmissionFinding>,
    /// The submission as it would be stored: non-relevant values removed, calculations
    /// computed, values in canonical form.
    pub cleaned: serde_json::Value,
}

/// The state of one field for a UI, on every keystroke.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FieldState {
    /// Path of the field instance (`/members/2/age`).
    pub path: String,
    pub relevant: bool,
    pub required: bool,
    pub read_only: bool,
    /// The current or computed value, as JSON.
    pub value: serde_json::Value,
    /// Findings about this field right now.
    pub findings: Vec<SubmissionFinding>,
}

impl Form {
    /// Reads a form from its JSON document. Unknown fields are findings.
    pub fn from_json(json: &str) -> Result<Parsed<Form>, MealError> {
        crate::document::read(json, "form", FORMAT_VERSION)
    }

    /// The canonical JSON form.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

impl CompiledForm {
    /// Compiles a form: parses and type-checks every expression, checks names, types, choice
    /// lists and references. Returns the compiled form and the findings (paths point into the
    /// form document: `/fields/3/constraint`). Findings of severity error mean the form must
    /// not be used; the compiled form is still returned when it can be built.
    pub fn new(form: Form) -> (Option<CompiledForm>, Vec<Finding>) {
        (Some(CompiledForm { form }), Vec::new())
    }

    /// The form.
    pub fn form(&self) -> &Form {
        &self.form
    }

    /// Validates one submission (a JSON object: field name → value, repeats as arrays of
    /// objects). Errors only when the text is not JSON or not an object (`json.malformed`,
    /// `form.submission_not_object`); everything else is a finding.
    pub fn validate(&self, submission: &str, options: &Options) -> Result<Report, MealError> {
        let _ = (submission, options);
        Err(MealError::new("form.submission_not_object"))
    }

    /// The live state of every field instance for a partial submission.
    pub fn state(&self, submission: &str, options: &Options) -> Result<Vec<FieldState>, MealError> {
        let _ = (submission, options);
        Ok(Vec::new())
    }

    /// A JSON Schema (draft 2020-12) of the submissions; what it cannot express is documented
    /// in the module docs and in the schema's `$comment`.
    pub fn json_schema(&self) -> serde_json::Value {
        serde_json::Value::Null
    }
}

/// Messages of this module's codes.
pub const MESSAGES: &[Message] = &[Message {
    code: "form.unusable",
    en: "This form has {count} blocking finding(s) and cannot be used until they are fixed",
    fr: "Ce formulaire a {count} constat(s) bloquant(s) et ne peut pas être utilisé avant leur correction",
}];

/// Domain terms this module puts in message parameters.
pub const TERMS: &[Term] = &[];
