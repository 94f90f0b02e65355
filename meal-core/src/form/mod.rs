//! Forms: the model (XLSForm semantics), compilation, submission validation, live-form state
//! and JSON Schema export.
//!
//! A [`Form`] is a versioned JSON document (`format_version` 1) — written by hand, or produced
//! by the XLSForm importer ([`crate::xlsform`]). [`CompiledForm::new`] checks it and compiles
//! every expression once; [`CompiledForm::validate`] then gives the verdict on a submission,
//! [`CompiledForm::state`] what a data-entry UI needs on each keystroke, and
//! [`CompiledForm::json_schema`] a JSON Schema for tools that speak only that.
//!
//! # Submissions
//!
//! A submission is a JSON object: field name → value. Groups do **not** nest (names are unique
//! form-wide, so `{"age": 34}` even when `age` sits in group `household`); a repeat is an array
//! of objects holding its own fields (`{"members": [{"member_age": 7}, …]}`), nested repeats
//! nest likewise. Null, `""` and `[]` are the empty value, the same as an absent key.
//!
//! Semantics follow the ODK XForms specification (`reference/forms-validation.md` §1.2):
//! * **Relevance** is evaluated top-down: a non-relevant group or repeat makes everything in it
//!   non-relevant. A non-relevant value is removed from `cleaned` and reported
//!   (`form.non_relevant_value`, warning) — nothing disappears silently. A non-relevant field
//!   reads as empty in every expression, so validating `cleaned` again gives the same verdict.
//! * **Calculations** are computed in dependency order and written to `cleaned` as text (XPath
//!   node values are strings); a submitted value that differs is overwritten and reported
//!   (`form.calculation_mismatch`, warning).
//! * **`required`** is checked only on relevant fields; **`constraint`** only on relevant,
//!   non-empty values that passed their type check; **`warning`** (our XLSForm extension
//!   columns `warning` and `warning::lang`/`warning_message`) is a soft constraint: the same
//!   rule, reported as a warning.
//! * **Choice filters** are checked on submission: a selected choice the filter excludes is
//!   `form.choice_filtered`. Inside the filter, names that are not form fields read the
//!   choice's columns (`name`, and the extra columns of the choices sheet).
//! * **Repeats**: instance count against `min_count`/`max_count` and, when relevant, against
//!   `repeat_count`.
//! * Keys that are no field of their scope are `form.unknown_field` (error): a misspelt key
//!   would otherwise lose data. A key repeated in one object is `form.duplicate_key`. A value
//!   for a group is `form.group_value` (error: nested groups are a client bug); for a note
//!   `form.note_value` (warning; notes are never stored).
//! * Nothing is lost: every key of the submission is in `cleaned` or has a finding at its path,
//!   except the empty value of a non-relevant field (there is nothing to lose) and the
//!   instances of a repeat beyond [`MAX_REPEAT_INSTANCES`] (`form.too_many_instances` at the
//!   repeat says so).
//!
//! Type decisions (one rule everywhere; where ODK engines differ, stated):
//!
//! | type | accepted | canonical in `cleaned` |
//! |---|---|---|
//! | `text`, `barcode`, `hidden`, media, `deviceid`, `instanceid` | a JSON string | the string |
//! | `integer` | a JSON integer, or a string of digits with optional `-`, in the i64 range (wider than JavaRosa's 32-bit `int`). `24.0` and `"24.0"` are refused, as Collect does (Enketo accepted them, enketo/enketo#527) | JSON number |
//! | `decimal` | a JSON number (read as the shortest decimal giving back the same binary64, so `0.1` is exactly 0.1) or a decimal string (`-1.5`, `1e3`); send strings beyond 15 significant digits | normalised decimal string (`"12.5"`) |
//! | `range` | as decimal, within `[start, end]` and on `start + k·step` | normalised decimal string |
//! | `date`, `today` | `YYYY-MM-DD` | as given |
//! | `time` | `HH:MM`, `HH:MM:SS(.f)`, optional `Z` or `±HH:MM` | as given |
//! | `dateTime`, `start`, `end` | RFC 3339 **with** its offset (`2026-11-27T10:00:00+01:00`); the offset is kept, never normalised to UTC | as given |
//! | `select_one` | a choice name | the name |
//! | `select_multiple` | space-separated names (ODK storage) or a JSON array of names; each in the list, no duplicates | space-separated names, in the order given |
//! | `geopoint` | `"lat lon [alt [accuracy]]"` or an array of 2–4 numbers; latitude −90…90, longitude −180…180 (Enketo accepts ±360), accuracy ≥ 0 | normalised numbers separated by one space |
//! | `acknowledge` | `"OK"` | `"OK"` |
//! | `calculate` | anything (recomputed) | the computed text |
//! | `note` | nothing (never stored) | — |
//!
//! # Findings of a submission
//!
//! Paths are JSON pointers into the submission with repeat indexes (`/members/2/age`). The
//! `message` is the form author's (`constraint_message`, `required_message`,
//! `warning_message`) in the requested locale when present — exact tag, then same language
//! (`fr-FR` → `fr`), then the form's `default_language`, then the unlabelled `default` — and the
//! library's own French or English message otherwise. `Report::valid` is true when no finding
//! is an error. Only input that is not JSON (`json.malformed`) or not an object
//! (`form.submission_not_object`) is an `Err`. [`CompiledForm::check`] gives the same findings
//! without the cleaned copy; [`CompiledForm::check_many`] checks a JSON array of submissions in
//! one call (one verdict per element, in order; an element that is not an object gets the
//! finding `form.submission_not_object` at `/<index>`; text that is not an array is
//! `form.batch_not_array`).
//!
//! | code | severity | when |
//! |---|---|---|
//! | `form.unknown_field` | error | a key that is no field of its scope (top level or repeat instance) |
//! | `form.duplicate_key` | error | a key repeated in one object (the first value is kept) |
//! | `form.group_value` | error | a value given for a group |
//! | `form.note_value` | warning | a value given for a note (dropped) |
//! | `form.invalid_repeat` | error | a repeat that is not an array, or an instance that is not an object |
//! | `form.invalid_text` … `form.invalid_geopoint` | error | a value not of its field's type (`invalid_text`, `invalid_integer`, `invalid_decimal`, `invalid_date`, `invalid_time`, `invalid_datetime`, `invalid_select`, `invalid_acknowledge`, `invalid_geopoint`) |
//! | `form.choice_not_in_list` | error | a choice name not in the field's list |
//! | `form.duplicate_selection` | error | a choice selected twice |
//! | `form.range_bounds`, `form.range_step` | error | a range value outside `[start, end]` or off its step |
//! | `form.non_relevant_value` | warning | a value for a non-relevant field (removed from `cleaned`) |
//! | `form.required` | error | a relevant required field is empty |
//! | `form.constraint` | error | the constraint is false for the value |
//! | `form.warning` | warning | the soft constraint is false for the value |
//! | `form.choice_filtered` | error | a selected choice the choice filter excludes |
//! | `form.repeat_too_few`, `form.repeat_too_many` | error | instance count outside `min_count`/`max_count` |
//! | `form.repeat_count_mismatch` | error | instance count differs from `repeat_count` |
//! | `form.too_many_instances` | error | a repeat with more than [`MAX_REPEAT_INSTANCES`] instances; the extra ones are neither checked nor kept |
//! | `form.calculation_mismatch` | warning | a submitted calculated value differs from the computed one |
//! | `form.expression_failed` | error | an expression could not be evaluated (`expr.regex`, …); a failing relevance counts as relevant |
//!
//! # Compiling a form
//!
//! [`CompiledForm::new`] reports every problem of the document at once, sorted by path then
//! code, paths pointing into the form (`/fields/3/children/0/constraint`). It returns no
//! compiled form when the form is too large (`form.too_many_fields`), names are ambiguous (`form.duplicate_name`) or dependencies loop
//! (`form.calculation_cycle`, `form.dependency_cycle`): there is then no way to tell which
//! field a name means or in which order to compute. Other errors leave a compiled form that
//! must not be used for real data (an expression that did not compile is not evaluated).
//!
//! | code | severity | when |
//! |---|---|---|
//! | `document.format_version` | error | a form built in code carries another format version |
//! | `form.blank_id` / `form.no_fields` | error | the form has no id / no field |
//! | `form.too_many_fields` | error | more than [`MAX_FORM_FIELDS`] fields (`count`, `max`); nothing else is checked and no compiled form is returned |
//! | `form.invalid_name` | error | a name breaks the XLSForm grammar ([`is_valid_name`]) |
//! | `form.duplicate_name` | error | two fields share a name (the later one is flagged) |
//! | `form.missing_list` / `form.unknown_list` | error | a select names no list / a list that does not exist |
//! | `form.empty_list` | error | a choice list without choices |
//! | `form.duplicate_choice` / `form.invalid_choice_name` | error | a choice name repeated in its list / empty or with spaces |
//! | `form.bad_range` | error | a range start, end or step that is not a number, or a step ≤ 0 |
//! | `form.missing_calculation` | error | a `calculate` without calculation |
//! | `form.empty_group` | error | a group or repeat without children |
//! | `form.unexpected_children` | error | children on a field that is not a group or repeat (ignored) |
//! | `form.count_bounds` | error | `min_count` > `max_count` |
//! | `form.required_note` | error | a note marked required (it can never be filled) |
//! | `form.bad_expression` | error | an expression does not parse; params carry the expr error (`expr_code`, `position`, …) and `source` |
//! | `form.unknown_reference` | error | `${name}` names no field |
//! | `form.self_reference` | error | a relevance or calculation reads its own field |
//! | `form.expression_type` | error/warning | the expression type-check (`expr_code`) says the operands cannot work |
//! | `form.calculation_cycle` | error | calculations read each other in a loop (`names`) |
//! | `form.dependency_cycle` | error | relevance and calculations read each other in a loop |
//! | `form.bad_default` | error | a literal default that is not a value of the field's type |
//! | `form.misplaced_property` | warning | a property the field type ignores (`repeat_count` on a non-repeat, `choice_filter` on a non-select, …) |
//! | `form.missing_translation` | warning | a label lacks a language other labels have |
//!
//! Defaults are checked, not applied: the collecting client fills them on load; a submission
//! is validated as it was entered.
//!
//! # State
//!
//! [`CompiledForm::state`] runs the same engine as `validate` and lists every field instance
//! in document order (groups and repeats included, repeat instances expanded), with whether it
//! is relevant, required and read-only now, its value (canonical, computed, or null when not
//! relevant; a repeat's value is its instance count) and the findings at its path — exactly
//! those `validate` reports there.
//!
//! # JSON Schema
//!
//! [`CompiledForm::json_schema`] exports a draft 2020-12 schema: a property per value field
//! with its accepted JSON types, enums for selects, patterns for dates, times and numeric
//! strings, bounds for ranges and repeat counts, `required` for fields that are required
//! without condition and always relevant, `additionalProperties: false` everywhere. It cannot
//! express relevance (and the removal of non-relevant data), calculations, expression
//! constraints and warnings, conditional `required`, choice filters, range steps, the i64
//! bound of integer strings, calendar validity of dates (`2026-02-30` matches the pattern),
//! geopoint bounds in the string form, duplicate selections in the string form, or author
//! messages; its `$comment` says so.
//!
//! # Benchmark
//!
//! `cargo bench -p meal-core --bench forms` checks generated household-survey submissions
//! with `check` and `validate` and with the `jsonschema` crate against `json_schema()`, in the
//! same run, and prints the throughput ratios (see `benches/forms.rs`).

mod compile;
mod json;
mod json_batch;
mod json_reader;
mod schema;
mod validate;
mod values;

pub use compile::is_valid_name;
pub(crate) use compile::{choice_filter_expression, CHOICE_PREFIX};

use serde::{Deserialize, Serialize};

use crate::document::{self, Parsed};
use crate::error::{Finding, MealError};
use crate::i18n::{Message, Term};
use std::collections::BTreeMap;

mod load;
pub use load::LoadedForm;

/// The format version of the JSON form document.
pub const FORMAT_VERSION: u32 = 1;

/// Most fields a form may have, groups, repeats and their children included: a form with more
/// is refused at compile time (`form.too_many_fields`) instead of costing memory per field.
/// Real XLSForms have hundreds.
pub const MAX_FORM_FIELDS: usize = 10_000;

/// Most instances of one repeat read per submission (per enclosing instance for a nested
/// repeat): the instances after this many are not checked and not kept, and the repeat gets the
/// blocking finding `form.too_many_instances` (`count`, `max`), so nothing is dropped silently.
pub const MAX_REPEAT_INSTANCES: usize = 10_000;

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
    /// Data protection: the field's classification and the purposes it is collected for
    /// (XLSForm columns `privacy` and `purposes`; see [`crate::privacy::minimisation`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub privacy: Option<crate::privacy::FieldPrivacy>,
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
    compiled: compile::Compiled,
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

impl Options {
    /// Options for `locale` (a BCP 47 tag such as `fr`, `en-GB`, `sw`) at `now`.
    pub fn new(locale: &str, now: chrono::DateTime<chrono::FixedOffset>) -> Self {
        Options {
            locale: locale.to_owned(),
            now,
        }
    }
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

/// The verdict on one submission without the cleaned submission: what a form UI checking
/// on every keystroke, or a bulk check of many submissions, needs. Cheaper than [`Report`]
/// (no cleaned copy is built).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verdict {
    /// True when no finding has severity error.
    pub valid: bool,
    pub findings: Vec<SubmissionFinding>,
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
        document::read(json, "form", FORMAT_VERSION)
    }

    /// The canonical JSON form.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// The field called `name`, wherever it sits (groups and repeats included).
    pub fn field(&self, name: &str) -> Option<&Field> {
        fn find<'f>(fields: &'f [Field], name: &str) -> Option<&'f Field> {
            fields.iter().find_map(|f| {
                (f.name == name)
                    .then_some(f)
                    .or_else(|| find(&f.children, name))
            })
        }
        find(&self.fields, name)
    }
}

impl CompiledForm {
    /// Compiles a form: parses and type-checks every expression, checks names, types, choice
    /// lists and references. Returns the compiled form and the findings (paths point into the
    /// form document: `/fields/3/constraint`). Findings of severity error mean the form must
    /// not be used; the compiled form is still returned when it can be built (not when names
    /// repeat or dependencies loop).
    pub fn new(form: Form) -> (Option<CompiledForm>, Vec<Finding>) {
        let (compiled, findings) = compile::compile(&form);
        (
            compiled.map(|compiled| CompiledForm { form, compiled }),
            findings,
        )
    }

    /// Reads and compiles a form document: the reading findings (unknown fields) and the
    /// compile findings together, sorted. `Err` when the text cannot be read
    /// (`json.malformed`, `document.*`) or the form cannot be compiled (`form.not_compilable`,
    /// with the first blocking finding's `code` and path).
    pub fn from_json(json: &str) -> Result<(CompiledForm, Vec<Finding>), MealError> {
        LoadedForm::from_json(json)?.into_parts()
    }

    /// The form.
    pub fn form(&self) -> &Form {
        &self.form
    }

    /// The field called `name`.
    pub fn field(&self, name: &str) -> Option<&Field> {
        self.form.field(name)
    }

    /// Validates one submission (a JSON object: field name → value, repeats as arrays of
    /// objects). Errors only when the text is not JSON or not an object (`json.malformed`,
    /// `form.submission_not_object`); everything else is a finding.
    pub fn validate(&self, submission: &str, options: &Options) -> Result<Report, MealError> {
        let json = values::parse(submission).map_err(|e| document::malformed(&e))?;
        let pairs = object(&json)?;
        let mut run = validate::Run::new(&self.form, &self.compiled, pairs, options);
        let findings = run.findings();
        Ok(Report {
            valid: !findings.iter().any(|f| f.finding.is_blocking()),
            cleaned: run.cleaned(),
            findings,
        })
    }

    /// The findings of one submission, as [`CompiledForm::validate`] gives them, without
    /// building the cleaned submission. Same errors as `validate`.
    pub fn check(&self, submission: &str, options: &Options) -> Result<Verdict, MealError> {
        let json = values::parse(submission).map_err(|e| document::malformed(&e))?;
        Ok(self.verdict(object(&json)?, options))
    }

    /// Many submissions in one call — one crossing of a binding boundary for a whole batch,
    /// checked on every core of the machine (one thread on WebAssembly).
    /// `submissions` is a JSON array of submissions; the verdicts come back in the same
    /// order, one per element, none dropped. An element that is not an object gets a verdict
    /// with one blocking finding `form.submission_not_object` at its index (`/3`). `Err` only
    /// when the text is not JSON (`json.malformed`) or not an array
    /// (`form.batch_not_array`).
    pub fn check_many(
        &self,
        submissions: &str,
        options: &Options,
    ) -> Result<Vec<Verdict>, MealError> {
        // Each element is parsed and checked on the core that checks it; the whole text is
        // parsed as one tree only when that fails (to give its error) or the text is unusual.
        if let Some(verdicts) = json_batch::array_elements(submissions)
            .and_then(|elements| self.check_elements(&elements, options))
        {
            return Ok(verdicts);
        }
        let json = values::parse(submissions).map_err(|e| document::malformed(&e))?;
        let values::Json::Array(items) = &json else {
            return Err(MealError::new("form.batch_not_array"));
        };
        let items: Vec<&values::Json<'_>> = items.iter().collect();
        Ok(in_chunks(&items, |first, chunk| {
            chunk
                .iter()
                .enumerate()
                .map(|(k, item)| self.item_verdict(first + k, item, options))
                .collect()
        }))
    }

    /// The verdicts of the elements' texts, on every core; `None` when one is not JSON.
    fn check_elements(&self, elements: &[&str], options: &Options) -> Option<Vec<Verdict>> {
        let verdicts = in_chunks(elements, |first, chunk| {
            chunk
                .iter()
                .enumerate()
                .map(|(k, text)| {
                    let json = values::parse(text).ok();
                    json.map(|item| self.item_verdict(first + k, &item, options))
                })
                .collect()
        });
        verdicts.into_iter().collect()
    }

    /// The verdict of element `index` of a batch.
    fn item_verdict(&self, index: usize, item: &values::Json<'_>, options: &Options) -> Verdict {
        match object(item) {
            Ok(pairs) => self.verdict(pairs, options),
            Err(error) => not_an_object(index, &error, options),
        }
    }

    fn verdict(&self, pairs: &Pairs<'_>, options: &Options) -> Verdict {
        let findings = validate::Run::new(&self.form, &self.compiled, pairs, options).findings();
        Verdict {
            valid: !findings.iter().any(|f| f.finding.is_blocking()),
            findings,
        }
    }

    /// The live state of every field instance for a partial submission.
    pub fn state(&self, submission: &str, options: &Options) -> Result<Vec<FieldState>, MealError> {
        let json = values::parse(submission).map_err(|e| document::malformed(&e))?;
        let pairs = object(&json)?;
        Ok(validate::Run::new(&self.form, &self.compiled, pairs, options).states())
    }

    /// A JSON Schema (draft 2020-12) of the submissions; what it cannot express is documented
    /// in the module docs and in the schema's `$comment`.
    pub fn json_schema(&self) -> serde_json::Value {
        schema::json_schema(&self.form, &self.compiled)
    }
}

type Pairs<'a> = [(std::borrow::Cow<'a, str>, values::Json<'a>)];

/// `check(first, chunk)` over chunks of [`CHECK_CHUNK`] items on every core (inline on
/// WebAssembly), the results in the items' order.
fn in_chunks<T: Sync, R: Send>(
    items: &[T],
    check: impl Fn(usize, &[T]) -> Vec<R> + Sync,
) -> Vec<R> {
    let chunks: Vec<(usize, &[T])> = items
        .chunks(CHECK_CHUNK)
        .enumerate()
        .map(|(n, chunk)| (n * CHECK_CHUNK, chunk))
        .collect();
    crate::parallel::parallel_map(chunks, |(first, chunk)| check(first, chunk))
        .into_iter()
        .flatten()
        .collect()
}

fn object<'j, 'a>(json: &'j values::Json<'a>) -> Result<&'j Pairs<'a>, MealError> {
    match json {
        values::Json::Object(pairs) => Ok(pairs),
        other => Err(MealError::new("form.submission_not_object").with(
            "found",
            match other {
                values::Json::Array(_) => "array",
                values::Json::Str(_) => "string",
                values::Json::Null => "null",
                values::Json::Bool(_) => "boolean",
                _ => "number",
            },
        )),
    }
}

/// The verdict of a batch element that is not a submission object: one blocking finding at
/// its index, with the kind of JSON value found.
/// Submissions per task when a batch is spread over the cores: enough that handing a task to
/// a thread costs nothing next to checking it, few enough that both cores finish together.
const CHECK_CHUNK: usize = 256;

fn not_an_object(index: usize, error: &MealError, options: &Options) -> Verdict {
    let mut finding = Finding::error("form.submission_not_object", format!("/{index}"));
    finding.params = error.params.clone();
    let message = finding.message(crate::i18n::Locale::parse(&options.locale));
    Verdict {
        valid: false,
        findings: vec![SubmissionFinding { finding, message }],
    }
}

/// Reads and compiles a form document and returns every finding (reading and compiling),
/// sorted by path then code: what a form author sees. `Err` only when the text cannot be read.
pub fn check(json: &str) -> Result<Vec<Finding>, MealError> {
    let parsed = Form::from_json(json)?;
    let (_, mut findings) = CompiledForm::new(parsed.value);
    findings.extend(parsed.findings);
    crate::error::sort_findings(&mut findings);
    Ok(findings)
}

/// Domain terms this module puts in message parameters (`term`: the column an expression sits
/// in; `kind`: the document kind).
pub const TERMS: &[Term] = &[
    Term {
        key: "form",
        en: "form",
        fr: "formulaire",
    },
    Term {
        key: "relevant",
        en: "relevance",
        fr: "pertinence",
    },
    Term {
        key: "required",
        en: "required",
        fr: "obligatoire",
    },
    Term {
        key: "read_only",
        en: "read-only",
        fr: "lecture seule",
    },
    Term {
        key: "constraint",
        en: "constraint",
        fr: "contrainte",
    },
    Term {
        key: "warning",
        en: "warning",
        fr: "avertissement",
    },
    Term {
        key: "calculation",
        en: "calculation",
        fr: "calcul",
    },
    Term {
        key: "choice_filter",
        en: "choice filter",
        fr: "filtre de choix",
    },
    Term {
        key: "repeat_count",
        en: "repeat count",
        fr: "nombre de répétitions",
    },
    Term {
        key: "default",
        en: "default value",
        fr: "valeur par défaut",
    },
    Term {
        key: "min_count",
        en: "minimum count",
        fr: "nombre minimum",
    },
    Term {
        key: "max_count",
        en: "maximum count",
        fr: "nombre maximum",
    },
    Term {
        key: "range_start",
        en: "start",
        fr: "début",
    },
    Term {
        key: "range_end",
        en: "end",
        fr: "fin",
    },
    Term {
        key: "range_step",
        en: "step",
        fr: "pas",
    },
];

/// Messages of this module's codes.
pub const MESSAGES: &[Message] = &[

    // Compiling a form.
    Message { code: "form.not_compilable", en: "The form cannot be used: {code} (see the findings)", fr: "Le formulaire est inutilisable : {code} (voir les constats)" },
    Message { code: "form.too_many_fields", en: "The form has {count} fields; at most {max} are allowed", fr: "Le formulaire a {count} champs ; {max} au plus sont admis" },
    Message { code: "form.blank_id", en: "The form has no id", fr: "Le formulaire n'a pas d'identifiant" },
    Message { code: "form.no_fields", en: "The form has no field", fr: "Le formulaire n'a aucun champ" },
    Message { code: "form.invalid_name", en: "'{name}' is not a valid field name: start with a letter or _, then letters, digits, _, - or .", fr: "« {name} » n'est pas un nom de champ valide : commencez par une lettre ou _, puis lettres, chiffres, _, - ou ." },
    Message { code: "form.duplicate_name", en: "The name '{name}' is already used by the field at {first}", fr: "Le nom « {name} » est déjà utilisé par le champ en {first}" },
    Message { code: "form.missing_list", en: "This select question names no choice list", fr: "Cette question à choix ne nomme aucune liste de choix" },
    Message { code: "form.unknown_list", en: "The choice list '{list}' does not exist", fr: "La liste de choix « {list} » n'existe pas" },
    Message { code: "form.empty_list", en: "The choice list '{list}' has no choices", fr: "La liste de choix « {list} » n'a aucun choix" },
    Message { code: "form.duplicate_choice", en: "The choice '{choice}' appears twice in list '{list}'", fr: "Le choix « {choice} » figure deux fois dans la liste « {list} »" },
    Message { code: "form.invalid_choice_name", en: "The choice name '{choice}' in list '{list}' is empty or contains spaces", fr: "Le nom de choix « {choice} » de la liste « {list} » est vide ou contient des espaces" },
    Message { code: "form.bad_range", en: "The range {term} '{value}' is not a valid number (the step must be positive)", fr: "Le paramètre {term} « {value} » de l'intervalle n'est pas un nombre valide (le pas doit être positif)" },
    Message { code: "form.missing_calculation", en: "The calculated field '{name}' has no calculation", fr: "Le champ calculé « {name} » n'a pas de calcul" },
    Message { code: "form.empty_group", en: "The group or repeat '{name}' has no fields", fr: "Le groupe ou la répétition « {name} » ne contient aucun champ" },
    Message { code: "form.unexpected_children", en: "'{name}' is not a group or repeat; its children are ignored", fr: "« {name} » n'est ni un groupe ni une répétition ; ses enfants sont ignorés" },
    Message { code: "form.count_bounds", en: "The minimum count {min} is greater than the maximum count {max}", fr: "Le nombre minimum {min} dépasse le nombre maximum {max}" },
    Message { code: "form.required_note", en: "The note '{name}' is marked required but a note never holds a value", fr: "La note « {name} » est obligatoire alors qu'une note n'a jamais de valeur" },
    Message { code: "form.misplaced_property", en: "The {term} of '{name}' is ignored for this type of field", fr: "Le paramètre {term} de « {name} » est ignoré pour ce type de champ" },
    Message { code: "form.missing_translation", en: "This label has no {language} text, unlike other labels of the form", fr: "Ce libellé n'a pas de texte en {language}, contrairement à d'autres libellés du formulaire" },
    Message { code: "form.bad_expression", en: "The {term} expression '{source}' cannot be read ({expr_code})", fr: "L'expression de {term} « {source} » est illisible ({expr_code})" },
    Message { code: "form.unknown_reference", en: "The {term} expression refers to '{name}', which is not a field of the form", fr: "L'expression de {term} fait référence à « {name} », qui n'est pas un champ du formulaire" },
    Message { code: "form.self_reference", en: "The {term} expression of '{name}' depends on '{name}' itself", fr: "L'expression de {term} de « {name} » dépend de « {name} » lui-même" },
    Message { code: "form.expression_type", en: "The {term} expression '{source}' cannot work with these types ({expr_code})", fr: "L'expression de {term} « {source} » ne peut pas fonctionner avec ces types ({expr_code})" },
    Message { code: "form.calculation_cycle", en: "These calculations depend on each other in a loop: {names}", fr: "Ces calculs dépendent les uns des autres en boucle : {names}" },
    Message { code: "form.dependency_cycle", en: "These fields' relevance and calculations depend on each other in a loop: {names}", fr: "La pertinence et les calculs de ces champs dépendent les uns des autres en boucle : {names}" },
    Message { code: "form.bad_default", en: "The default value '{value}' is not a valid value for this field", fr: "La valeur par défaut « {value} » n'est pas une valeur valide pour ce champ" },
    // Validating a submission.
    Message { code: "form.batch_not_array", en: "A batch of submissions must be a JSON array", fr: "Un lot de soumissions doit être un tableau JSON" },
    Message { code: "form.submission_not_object", en: "A submission must be a JSON object (field name → value), not a {found}", fr: "Une soumission doit être un objet JSON (nom de champ → valeur), pas : {found}" },
    Message { code: "form.unknown_field", en: "'{name}' is not a field here; the value was not kept (check the spelling)", fr: "« {name} » n'est pas un champ à cet endroit ; la valeur n'a pas été retenue (vérifiez l'orthographe)" },
    Message { code: "form.duplicate_key", en: "'{name}' is given twice; only the first value is kept", fr: "« {name} » est donné deux fois ; seule la première valeur est retenue" },
    Message { code: "form.group_value", en: "'{name}' is a group: its fields go at the top level of the submission, not inside it", fr: "« {name} » est un groupe : ses champs se placent au premier niveau de la soumission, pas à l'intérieur" },
    Message { code: "form.note_value", en: "'{name}' is a note; its value is not stored", fr: "« {name} » est une note ; sa valeur n'est pas enregistrée" },
    Message { code: "form.invalid_repeat", en: "'{name}' is a repeat: expected a list of objects", fr: "« {name} » est une répétition : une liste d'objets est attendue" },
    Message { code: "form.invalid_text", en: "'{value}' is not text", fr: "« {value} » n'est pas du texte" },
    Message { code: "form.invalid_integer", en: "'{value}' is not a whole number", fr: "« {value} » n'est pas un nombre entier" },
    Message { code: "form.invalid_decimal", en: "'{value}' is not a number; use a dot for decimals, e.g. 12.5", fr: "« {value} » n'est pas un nombre ; utilisez un point pour les décimales, par ex. 12.5" },
    Message { code: "form.invalid_date", en: "'{value}' is not a date; expected YYYY-MM-DD", fr: "« {value} » n'est pas une date ; format attendu AAAA-MM-JJ" },
    Message { code: "form.invalid_time", en: "'{value}' is not a time; expected HH:MM or HH:MM:SS", fr: "« {value} » n'est pas une heure ; format attendu HH:MM ou HH:MM:SS" },
    Message { code: "form.invalid_datetime", en: "'{value}' is not a date and time with its UTC offset, e.g. 2026-11-27T10:00:00+01:00", fr: "« {value} » n'est pas une date et heure avec son décalage UTC, par ex. 2026-11-27T10:00:00+01:00" },
    Message { code: "form.invalid_select", en: "'{value}' is not a selection: expected choice names", fr: "« {value} » n'est pas une sélection : des noms de choix sont attendus" },
    Message { code: "form.choice_not_in_list", en: "'{value}' is not one of the choices of this question", fr: "« {value} » ne fait pas partie des choix de cette question" },
    Message { code: "form.duplicate_selection", en: "The choice '{choice}' is selected twice", fr: "Le choix « {choice} » est sélectionné deux fois" },
    Message { code: "form.invalid_acknowledge", en: "'{value}' is not an acknowledgement; expected OK", fr: "« {value} » n'est pas une confirmation ; OK est attendu" },
    Message { code: "form.invalid_geopoint", en: "'{value}' is not a location: latitude (−90 to 90) and longitude (−180 to 180), then optional altitude and accuracy", fr: "« {value} » n'est pas une position : latitude (−90 à 90) et longitude (−180 à 180), puis altitude et précision facultatives" },
    Message { code: "form.range_bounds", en: "{value} is outside the range {start} to {end}", fr: "{value} est hors de l'intervalle {start} à {end}" },
    Message { code: "form.range_step", en: "{value} is not on a step of {step}", fr: "{value} ne tombe pas sur un pas de {step}" },
    Message { code: "form.non_relevant_value", en: "'{name}' does not apply given the other answers; its value was removed", fr: "« {name} » ne s'applique pas vu les autres réponses ; sa valeur a été retirée" },
    Message { code: "form.required", en: "This field is required", fr: "Ce champ est obligatoire" },
    Message { code: "form.constraint", en: "Value not allowed (rule: {expression})", fr: "Valeur non autorisée (règle : {expression})" },
    Message { code: "form.warning", en: "Please check this value (rule: {expression})", fr: "Veuillez vérifier cette valeur (règle : {expression})" },
    Message { code: "form.choice_filtered", en: "The choice '{choice}' is not available given the other answers", fr: "Le choix « {choice} » n'est pas disponible vu les autres réponses" },
    Message { code: "form.repeat_too_few", en: "{count} entries; at least {min} are needed", fr: "{count} entrées ; il en faut au moins {min}" },
    Message { code: "form.repeat_too_many", en: "{count} entries; at most {max} are allowed", fr: "{count} entrées ; {max} au plus sont admises" },
    Message { code: "form.too_many_instances", en: "{count} entries; at most {max} are read: the entries after the first {max} were neither checked nor kept", fr: "{count} entrées ; {max} au plus sont lues : les entrées au-delà des {max} premières n'ont été ni vérifiées ni conservées" },
    Message { code: "form.repeat_count_mismatch", en: "{count} entries; the form expects {wanted}", fr: "{count} entrées ; le formulaire en attend {wanted}" },
    Message { code: "form.calculation_mismatch", en: "The submitted value '{submitted}' was replaced by the calculated value '{computed}'", fr: "La valeur soumise « {submitted} » a été remplacée par la valeur calculée « {computed} »" },
    Message { code: "form.expression_failed", en: "The {term} expression could not be evaluated ({expr_code})", fr: "L'expression de {term} n'a pas pu être évaluée ({expr_code})" },
];

#[cfg(test)]
mod tests;
