//! XLSForm import: a real `.xlsx` workbook (`survey`, `choices` and `settings` sheets) into a
//! [`Form`].
//!
//! # What is read
//!
//! * `survey`: `type`, `name`, `label`, `hint`, `required`, `required_message`, `constraint`,
//!   `constraint_message`, `relevant`, `calculation`, `default`, `read_only`, `appearance`,
//!   `choice_filter`, `repeat_count`, `parameters`, and this library's extensions `warning` /
//!   `warning_message` (a soft check: a warning, not an error, when false) and `min_count` /
//!   `max_count` (repeat bounds), and `privacy` / `purposes` (the field's data-protection
//!   classification and the purpose ids it serves, separated by spaces: see
//!   [`crate::privacy::classification`]). pyxform's usual aliases are accepted (`calculate`,
//!   `relevance`, `readonly`, `jr:constraintMsg`, …); header names are case-insensitive and a
//!   space counts as `_` (`constraint message`).
//! * Translatable columns (`label`, `hint`, `*_message`, `form_title`) carry a language:
//!   `label::Français (fr)` is keyed `fr`, `label::fr` too; a plain `label` is keyed by the
//!   `default_language` setting, or `default` when there is none.
//! * `choices`: `list_name`, `name`, `label`; every other column is a property of the choice
//!   (for `choice_filter`).
//! * `settings`: `form_id`, `version`, `form_title`, `default_language`; the other XLSForm
//!   settings are accepted and not carried.
//! * Types: every type of [`FieldType`](crate::form::FieldType), with `begin_group`/`begin group`, `end_group`, …,
//!   `select_one list`, `select_multiple list`, `range` (parameters `start`, `end`, `step`,
//!   pyxform's defaults 1, 10, 1). Known XLSForm types this model cannot carry (`rank`,
//!   `geotrace`, `video`, `or_other`, …) are `xlsform.unsupported_type`.
//! * `choice_filter`: XLSForm writes a choice's columns as bare names
//!   (`type = ${type_retour}`); the form keeps this library's dialect, where they are
//!   `${type}` (names that are no field of the form read the choice's columns). The reader
//!   rewrites bare names that are not function names or `and`/`or`/`div`/`mod`.
//! * `required` and `read_only`: `yes`/`true`/`true()` (any case) is always, `no`/`false`/empty
//!   is never, anything else is an expression. A single other word (`oui`, `maybe`) is
//!   `xlsform.bad_yes_no`.
//!
//! # Errors and findings
//!
//! `Err` only when the bytes are not a readable `.xlsx` (`xlsform.unreadable`) or the workbook
//! has no `survey` sheet (`xlsform.no_survey`). Every other problem is a [`Finding`] whose path
//! names the cell, `survey!C12`, with the parameters `sheet`, `row` (1-based, as a spreadsheet
//! shows it), `column` (letters) and `value` (the offending text). Empty rows are skipped.
//! Findings come in workbook order: survey, choices, settings; then row, column, code.
//!
//! | code | severity | where |
//! |---|---|---|
//! | `xlsform.missing_column` | error | header row: `type`, `name` or a label column (survey); `list_name`, `name`, `label` (choices) |
//! | `xlsform.duplicate_column` | error | a header that repeats another (same column, same language) |
//! | `xlsform.unknown_column` | warning | a header no sheet knows (misspelt?) |
//! | `xlsform.unsupported_column` | warning | an XLSForm column this library does not carry (media, `guidance_hint`, `trigger`, …) |
//! | `xlsform.language_without_code` | warning | `label::Français` instead of `label::Français (fr)` |
//! | `xlsform.missing_type` | error | a row with content and no type |
//! | `xlsform.unknown_type` | error | a type XLSForm does not have |
//! | `xlsform.unsupported_type` | error | an XLSForm type this library does not carry |
//! | `xlsform.select_without_list` | error | `select_one` with no list name |
//! | `xlsform.missing_name`, `xlsform.invalid_name`, `xlsform.duplicate_name` | error | the `name` cell |
//! | `xlsform.unclosed_group`, `xlsform.unclosed_repeat` | error | the `begin` row never closed |
//! | `xlsform.unmatched_end_group`, `xlsform.unmatched_end_repeat` | error | an `end` row that closes nothing open of its kind |
//! | `xlsform.empty_group` | warning | a group or repeat with no field |
//! | `xlsform.missing_label` | error | a question with no label or hint in any language |
//! | `xlsform.missing_translation` | warning | an empty language column where another language has text |
//! | `xlsform.missing_calculation` | error | a `calculate` with no calculation |
//! | `xlsform.message_without_check` | warning | a `*_message` whose check column is empty |
//! | `xlsform.bad_yes_no` | error | `required`/`read_only` neither yes/no nor an expression |
//! | `xlsform.bad_expression` | error | an expression [`crate::expr::Expr::parse`] refuses; params `expr_code`, `position` |
//! | `xlsform.unknown_reference` | error | `${x}` (in an expression, label, hint, message or default) where no field is named `x` |
//! | `xlsform.missing_choice_list` | error | a select of a list the choices sheet lacks |
//! | `xlsform.bad_parameters` | error | `parameters` that are not distinct `key=value` pairs |
//! | `xlsform.bad_range` | error | range `start`/`end`/`step` not numbers, equal bounds, or a step that is not positive or does not divide the span |
//! | `xlsform.bad_count` | error | `min_count`/`max_count` not a whole number |
//! | `xlsform.unknown_classification` | error | a `privacy` cell that is no classification (the field is read without one) |
//! | `xlsform.purposes_without_classification` | error | a `purposes` cell on a row whose `privacy` cell is empty |
//! | `xlsform.missing_list_name`, `xlsform.missing_choice_name`, `xlsform.duplicate_choice` | error | choices rows |
//! | `xlsform.missing_choice_label` | warning | a choice with no label |
//! | `xlsform.choice_name_with_space` | error | a choice of a `select_multiple` list whose name holds a space |
//! | `xlsform.missing_form_id` | warning | no settings or no `form_id` (the form is called `form`) |
//! | `xlsform.invalid_form_id` | error | a `form_id` that is not a name |
//! | `xlsform.unknown_default_language` | warning | a `default_language` no column uses |
//! | `xlsform.extra_settings_row` | warning | settings rows after the first (not read) |
//!
//! When reading found no error, the form is compiled ([`CompiledForm::new`]) and the compiler's
//! findings (types of expressions, …) are reported too, their paths mapped back from the form
//! document (`/fields/3/constraint`) to the cell (`survey!F5`), with the document path kept
//! as the parameter `form_path`. A compiler finding that repeats one of the reader's own on the
//! same row (empty group, missing translation, …) is not reported twice.
//!
//! # Robustness
//!
//! Sheets are read cell by cell into a sparse map, so a lone cell at `XFD1048576` costs one
//! cell, not the rectangle up to it. calamine 0.31 has two input-reachable panics in its cell
//! reader (a row number beyond `u32` overflows in debug builds; a shared-string index past the
//! table is indexed unchecked); reading is guarded and both are `xlsform.unreadable` where
//! panics unwind. With `panic = "abort"` (wasm) the guard cannot help: this is to fix upstream.

mod choices;
mod columns;
mod messages;
mod report;
mod settings;
mod survey;

use crate::document::Parsed;
use crate::error::{Finding, MealError};
use crate::form::{CompiledForm, Form, FORMAT_VERSION};
use crate::i18n::Term;

pub use messages::MESSAGES;

use columns::Kind;
use report::{Loc, Report, SheetKind};

/// Reads an XLSForm workbook from its bytes. Errors when the bytes are not a workbook or the
/// survey sheet is missing; every problem inside the sheets is a finding whose path names the
/// sheet, row and column (`survey!D12`).
pub fn read(bytes: &[u8]) -> Result<Parsed<Form>, MealError> {
    let sheets = crate::workbook::read_workbook(bytes, "xlsform.unreadable")?;
    let find = |wanted: &str| {
        sheets
            .iter()
            .find(|s| s.name.trim().eq_ignore_ascii_case(wanted))
    };
    let survey_sheet = find("survey").ok_or_else(|| MealError::new("xlsform.no_survey"))?;
    let mut report = Report::default();
    let settings = settings::read(find("settings"), &mut report);
    let default_key = settings.default_key();
    let choices = choices::read(find("choices"), &default_key, &mut report);
    let survey = survey::read(survey_sheet, &default_key, &choices, &mut report);

    if let (Some(lang), Some(loc)) = (&settings.default_language, &settings.default_language_loc) {
        let mut used = survey.columns.languages();
        used.extend(choices.languages.iter().cloned());
        if !used.is_empty() && !used.contains(lang) {
            report.warning("xlsform.unknown_default_language", loc, lang);
        }
    }

    let form = Form {
        format_version: FORMAT_VERSION,
        id: settings
            .id
            .clone()
            .unwrap_or_else(|| settings::DEFAULT_FORM_ID.to_owned()),
        version: settings.version.clone(),
        title: settings.title.clone(),
        default_language: settings.default_language.clone(),
        fields: survey.fields.clone(),
        choices: choices.lists.clone(),
    };

    if !report.has_errors() {
        let (_, findings) = CompiledForm::new(form.clone());
        let reported = report.rows();
        for finding in findings {
            match locate(&finding.path, &survey, &choices) {
                Some(loc) if same_as_reported(&finding.code, &loc, &reported) => {}
                Some(loc) => {
                    let mapped = Finding {
                        path: loc.path(),
                        ..report::located(finding.clone(), &loc)
                    }
                    .with("form_path", &finding.path);
                    report.push(mapped, &loc);
                }
                None => {
                    let loc = Loc::new(SheetKind::Settings, "settings", 0, 0);
                    report.push(finding, &loc);
                }
            }
        }
    }
    Ok(Parsed {
        value: form,
        findings: report.into_findings(),
    })
}

/// Compiler codes this reader already checks in its own terms (cell, column), and the codes
/// it reports them with: a compiler finding of the first is dropped when the reader reported
/// the second on the same row.
const TWINS: &[(&str, &str)] = &[
    ("form.empty_group", "xlsform.empty_group"),
    ("form.missing_translation", "xlsform.missing_translation"),
    ("form.duplicate_name", "xlsform.duplicate_name"),
    ("form.invalid_name", "xlsform.invalid_name"),
    ("form.unknown_list", "xlsform.missing_choice_list"),
    ("form.duplicate_choice", "xlsform.duplicate_choice"),
    ("form.invalid_choice_name", "xlsform.choice_name_with_space"),
    ("form.bad_range", "xlsform.bad_range"),
    ("form.missing_calculation", "xlsform.missing_calculation"),
    ("form.bad_expression", "xlsform.bad_expression"),
    ("form.unknown_reference", "xlsform.unknown_reference"),
];

fn same_as_reported(
    code: &str,
    loc: &Loc,
    reported: &std::collections::BTreeSet<(SheetKind, u32, String)>,
) -> bool {
    TWINS.iter().any(|(form, ours)| {
        *form == code && reported.contains(&(loc.kind, loc.row, (*ours).to_owned()))
    })
}

/// The cell a form-document path (`/fields/3/children/0/constraint/fr`,
/// `/choices/sites/2/label`) was read from.
fn locate(path: &str, survey: &survey::Survey, choices: &choices::Choices) -> Option<Loc> {
    let mut segments = path.trim_start_matches('/').split('/');
    match segments.next()? {
        "fields" => {
            let mut index = vec![segments.next()?.parse::<usize>().ok()?];
            let mut rest: Vec<&str> = Vec::new();
            while let Some(segment) = segments.next() {
                if segment == "children" {
                    if let Some(i) = segments.clone().next().and_then(|s| s.parse().ok()) {
                        segments.next();
                        index.push(i);
                        continue;
                    }
                }
                rest.push(segment);
                rest.extend(segments.by_ref());
            }
            let row_loc = survey.rows.get(&index)?;
            let kind = match (rest.first().copied(), rest.get(1).copied()) {
                (Some("type"), Some("start" | "end" | "step")) => Kind::Parameters,
                (Some(attribute), _) => column_kind(attribute),
                (None, _) => Kind::Type,
            };
            let lang = rest.get(1).copied();
            let col = survey
                .columns
                .all(kind)
                .find(|c| lang.is_none() || c.lang.as_deref() == lang)
                .or_else(|| survey.columns.first(kind))
                .map_or(row_loc.col, |c| c.col);
            Some(row_loc.at_col(col))
        }
        "choices" => {
            let list = segments.next()?;
            let cells = choices.cells.get(list)?;
            match segments.next().and_then(|i| i.parse::<usize>().ok()) {
                Some(i) => cells.get(i).cloned(),
                None => cells.first().cloned(),
            }
        }
        _ => None,
    }
}

/// The survey column of a field attribute of the form document.
fn column_kind(attribute: &str) -> Kind {
    match attribute {
        "name" => Kind::Name,
        "label" => Kind::Label,
        "hint" => Kind::Hint,
        "required" => Kind::Required,
        "required_message" => Kind::RequiredMessage,
        "constraint" => Kind::Constraint,
        "constraint_message" => Kind::ConstraintMessage,
        "warning" => Kind::Warning,
        "warning_message" => Kind::WarningMessage,
        "relevant" => Kind::Relevant,
        "calculation" => Kind::Calculation,
        "default" => Kind::Default,
        "read_only" => Kind::ReadOnly,
        "appearance" => Kind::Appearance,
        "choice_filter" => Kind::ChoiceFilter,
        "repeat_count" => Kind::RepeatCount,
        "min_count" => Kind::MinCount,
        "max_count" => Kind::MaxCount,
        "parameters" => Kind::Parameters,
        _ => Kind::Type,
    }
}

/// Domain terms this module puts in message parameters.
pub const TERMS: &[Term] = &[];
