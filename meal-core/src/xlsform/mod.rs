//! XLSForm import: a real `.xlsx` workbook (`survey`, `choices` and `settings` sheets) into a
//! [`Form`].
//!
//! # What is read
//!
//! * `survey`: `type`, `name`, `label`, `hint`, `required`, `required_message`, `constraint`,
//!   `constraint_message`, `relevant`, `calculation`, `default`, `read_only`, `appearance`,
//!   `choice_filter`, `repeat_count`, `parameters`, and this library's extensions `warning` /
//!   `warning_message` (a soft check: a warning, not an error, when false) and `min_count` /
//!   `max_count` (repeat bounds). pyxform's usual aliases are accepted (`calculate`,
//!   `relevance`, `readonly`, `jr:constraintMsg`, …); header names are case-insensitive and a
//!   space counts as `_` (`constraint message`).
//! * Translatable columns (`label`, `hint`, `*_message`, `form_title`) carry a language:
//!   `label::Français (fr)` is keyed `fr`, `label::fr` too; a plain `label` is keyed by the
//!   `default_language` setting, or `default` when there is none.
//! * `choices`: `list_name`, `name`, `label`; every other column is a property of the choice
//!   (for `choice_filter`).
//! * `settings`: `form_id`, `version`, `form_title`, `default_language`; the other XLSForm
//!   settings are accepted and not carried.
//! * Types: every type of [`FieldType`], with `begin_group`/`begin group`, `end_group`, …,
//!   `select_one list`, `select_multiple list`, `range` (parameters `start`, `end`, `step`,
//!   pyxform's defaults 1, 10, 1). Known XLSForm types this model cannot carry (`rank`,
//!   `geotrace`, `video`, `or_other`, …) are `xlsform.unsupported_type`.
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
//! When reading found no error, the form is compiled ([`CompiledForm::new`]) and the compiler's
//! findings (types of expressions, …) are reported too, their paths mapped back from the form
//! document (`/fields/3/constraint`) to the cell (`survey!F5`).

mod choices;
mod columns;
mod messages;
mod report;
mod settings;
mod sheet;
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
    let sheets = sheet::read_workbook(bytes)?;
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
