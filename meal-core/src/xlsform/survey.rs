//! The `survey` sheet: one row per field; `begin_group`/`end_group` and
//! `begin_repeat`/`end_repeat` rows build the tree.

use std::collections::BTreeMap;
use std::str::FromStr;

use rust_decimal::Decimal;

use super::choices::Choices;
use super::columns::{self, Columns, Kind};
use super::report::{self, Loc, Report, SheetKind};
use crate::error::Severity;
use crate::expr::Expr;
use crate::form::{choice_filter_expression, Field, FieldType, Required, CHOICE_PREFIX};
use crate::privacy::{Classification, FieldPrivacy};
use crate::workbook::Sheet;

/// The survey read: the field tree and where each field was written.
#[derive(Debug, Clone, Default)]
pub(crate) struct Survey {
    pub fields: Vec<Field>,
    /// The type cell of each field, by index path (`[2, 0]`: first child of the third field).
    pub rows: BTreeMap<Vec<usize>, Loc>,
    pub columns: Columns,
}

/// What the `type` cell says.
#[derive(Debug, Clone, PartialEq, Eq)]
enum RowType {
    Field(FieldType),
    Begin { repeat: bool },
    End { repeat: bool },
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum TypeProblem {
    Unknown,
    Unsupported,
    SelectWithoutList,
}

/// A group or repeat whose `end` row has not come yet.
#[derive(Debug)]
struct Open {
    field: Field,
    loc: Loc,
    repeat: bool,
}

/// Columns holding expressions.
const EXPRESSION_COLUMNS: &[Kind] = &[
    Kind::Constraint,
    Kind::Relevant,
    Kind::Calculation,
    Kind::RepeatCount,
    Kind::Warning,
];

/// Translatable columns of the survey.
const TEXT_COLUMNS: &[Kind] = &[
    Kind::Label,
    Kind::Hint,
    Kind::ConstraintMessage,
    Kind::RequiredMessage,
    Kind::WarningMessage,
];

/// Defaults of `range` parameters (pyxform's).
const RANGE_DEFAULTS: [(&str, &str); 3] = [("start", "1"), ("end", "10"), ("step", "1")];

#[derive(Debug, Default)]
struct State {
    fields: Vec<Field>,
    stack: Vec<Open>,
    rows: BTreeMap<Vec<usize>, Loc>,
    names: BTreeMap<String, Loc>,
    /// Expression cells to parse, and cells whose `${…}` references to check.
    expressions: Vec<(Loc, String)>,
    references: Vec<(Loc, String)>,
    /// Selects: type cell, list, multiple.
    selects: Vec<(Loc, String, bool)>,
    /// Choice filters: cell, list, the filter as written (bare choice columns).
    filters: Vec<(Loc, String, String)>,
}

impl State {
    /// The index path the next field of the current container gets.
    fn next_path(&self) -> Vec<usize> {
        let mut path = Vec::with_capacity(self.stack.len() + 1);
        let mut len = self.fields.len();
        for open in &self.stack {
            path.push(len);
            len = open.field.children.len();
        }
        path.push(len);
        path
    }

    fn add(&mut self, field: Field) {
        match self.stack.last_mut() {
            Some(open) => open.field.children.push(field),
            None => self.fields.push(field),
        }
    }

    /// Closes the innermost open block.
    fn close(&mut self, report: &mut Report) {
        if let Some(open) = self.stack.pop() {
            if open.field.children.is_empty() {
                report.warning("xlsform.empty_group", &open.loc, &open.field.name);
            }
            self.add(open.field);
        }
    }
}

pub(crate) fn read(
    sheet: &Sheet,
    default_lang: &str,
    choices: &Choices,
    report: &mut Report,
) -> Survey {
    let header = columns::read(
        sheet,
        SheetKind::Survey,
        default_lang,
        columns::survey_kind,
        report,
    );
    let header_loc = Loc::new(SheetKind::Survey, &sheet.name, header.row, 0);
    let missing = |report: &mut Report, name: &str| {
        report.push(
            report::error("xlsform.missing_column", &header_loc, "").with("header", name),
            &header_loc,
        );
    };
    let (Some(type_col), Some(name_col)) = (header.col(Kind::Type), header.col(Kind::Name)) else {
        for (kind, name) in [(Kind::Type, "type"), (Kind::Name, "name")] {
            if header.col(kind).is_none() {
                missing(report, name);
            }
        }
        return Survey {
            columns: header,
            ..Survey::default()
        };
    };
    let has_label_columns = header.col(Kind::Label).is_some() || header.col(Kind::Hint).is_some();
    if !has_label_columns {
        missing(report, "label");
    }

    let mut state = State::default();
    for (row, cells) in sheet.rows().into_iter().filter(|(r, _)| *r > header.row) {
        let loc = Loc::new(SheetKind::Survey, &sheet.name, row, type_col);
        if !header.columns.iter().any(|c| cells.contains_key(&c.col)) {
            continue;
        }
        let Some(type_text) = cells.get(&type_col).copied() else {
            let value = cells.get(&name_col).copied().unwrap_or_default();
            report.error("xlsform.missing_type", &loc, value);
            continue;
        };
        let row_type = match parse_type(type_text) {
            Ok(t) => t,
            Err(problem) => {
                let code = match problem {
                    TypeProblem::Unknown => "xlsform.unknown_type",
                    TypeProblem::Unsupported => "xlsform.unsupported_type",
                    TypeProblem::SelectWithoutList => "xlsform.select_without_list",
                };
                report.error(code, &loc, type_text);
                continue;
            }
        };
        if let RowType::End { repeat } = row_type {
            match state.stack.last() {
                Some(open) if open.repeat == repeat => state.close(report),
                _ => {
                    let code = if repeat {
                        "xlsform.unmatched_end_repeat"
                    } else {
                        "xlsform.unmatched_end_group"
                    };
                    report.error(code, &loc, type_text);
                }
            }
            continue;
        }
        let name_loc = loc.at_col(name_col);
        let name = cells.get(&name_col).copied().unwrap_or_default();
        let mut keep = true;
        if name.is_empty() {
            report.error("xlsform.missing_name", &name_loc, "");
            keep = false;
        } else if !is_name(name) {
            report.error("xlsform.invalid_name", &name_loc, name);
            keep = false;
        } else if let Some(first) = state.names.get(name) {
            report.push(
                report::error("xlsform.duplicate_name", &name_loc, name).with("first", first.a1()),
                &name_loc,
            );
            keep = false;
        } else {
            state.names.insert(name.to_owned(), name_loc.clone());
        }
        let field_type = match &row_type {
            RowType::Field(t) => t.clone(),
            RowType::Begin { repeat: true } => FieldType::Repeat,
            _ => FieldType::Group,
        };
        let field = build_field(
            name,
            field_type,
            &header,
            &cells,
            &loc,
            has_label_columns,
            &mut state,
            report,
        );
        if let FieldType::SelectOne { list } | FieldType::SelectMultiple { list } =
            &field.field_type
        {
            let multiple = matches!(field.field_type, FieldType::SelectMultiple { .. });
            state.selects.push((loc.clone(), list.clone(), multiple));
        }
        match row_type {
            RowType::Begin { repeat } => {
                // A block is always opened so that its end row still balances, even when its
                // name is wrong; a nameless block is dropped when it closes.
                let path = state.next_path();
                if keep {
                    state.rows.insert(path, loc.clone());
                }
                state.stack.push(Open { field, loc, repeat });
            }
            _ if keep => {
                let path = state.next_path();
                state.rows.insert(path, loc);
                state.add(field);
            }
            _ => {}
        }
    }
    while let Some(open) = state.stack.last() {
        let code = if open.repeat {
            "xlsform.unclosed_repeat"
        } else {
            "xlsform.unclosed_group"
        };
        report.error(code, &open.loc, &open.field.name);
        state.close(report);
    }
    check_references(&state, choices, report);
    check_expressions(&state, choices, report);
    check_selects(&state, choices, report);
    Survey {
        fields: drop_nameless(state.fields),
        rows: state.rows,
        columns: header,
    }
}

/// Blocks kept open for balance but reported as nameless are dropped with their fields.
fn drop_nameless(fields: Vec<Field>) -> Vec<Field> {
    fields
        .into_iter()
        .filter(|f| is_name(&f.name))
        .map(|mut f| {
            f.children = drop_nameless(std::mem::take(&mut f.children));
            f
        })
        .collect()
}

#[allow(clippy::too_many_arguments)]
fn build_field(
    name: &str,
    mut field_type: FieldType,
    header: &Columns,
    cells: &BTreeMap<u32, &str>,
    loc: &Loc,
    has_label_columns: bool,
    state: &mut State,
    report: &mut Report,
) -> Field {
    let text = |kind: Kind| header.text(kind, cells).map(|(_, t)| t.to_owned());
    let cell = |col: u32| loc.at_col(col);

    for kind in EXPRESSION_COLUMNS {
        if let Some((col, source)) = header.text(*kind, cells) {
            state.expressions.push((cell(col), source.to_owned()));
            state.references.push((cell(col), source.to_owned()));
        }
    }
    for kind in TEXT_COLUMNS {
        for column in header.all(*kind) {
            if let Some(text) = cells.get(&column.col) {
                state
                    .references
                    .push((cell(column.col), (*text).to_owned()));
            }
        }
        missing_translations(header, *kind, cells, loc, report);
    }
    let mut choice_filter = None;
    if let Some((col, source)) = header.text(Kind::ChoiceFilter, cells) {
        let filter = source.to_owned();
        if let FieldType::SelectOne { list } | FieldType::SelectMultiple { list } = &field_type {
            state
                .filters
                .push((cell(col), list.clone(), filter.clone()));
        } else {
            state.expressions.push((cell(col), filter.clone()));
            state.references.push((cell(col), filter.clone()));
        }
        choice_filter = Some(filter);
    }
    if let Some((col, value)) = header.text(Kind::Default, cells) {
        state.references.push((cell(col), value.to_owned()));
    }
    for (message, check) in [
        (Kind::ConstraintMessage, Kind::Constraint),
        (Kind::RequiredMessage, Kind::Required),
        (Kind::WarningMessage, Kind::Warning),
    ] {
        let written = header.all(message).find(|c| cells.contains_key(&c.col));
        if let (Some(column), None) = (written, header.text(check, cells)) {
            let value = cells.get(&column.col).copied().unwrap_or_default();
            report.push(
                report::finding(
                    "xlsform.message_without_check",
                    Severity::Warning,
                    &cell(column.col),
                    value,
                )
                .with("header", &column.header),
                &cell(column.col),
            );
        }
    }

    let label = header.labels(Kind::Label, cells);
    let hint = header.labels(Kind::Hint, cells);
    let needs_label = !matches!(
        field_type,
        FieldType::Calculate
            | FieldType::Hidden
            | FieldType::Start
            | FieldType::End
            | FieldType::Today
            | FieldType::DeviceId
            | FieldType::InstanceId
            | FieldType::Group
            | FieldType::Repeat
    );
    if needs_label && has_label_columns && label.is_empty() && hint.is_empty() {
        let col = header
            .col(Kind::Label)
            .or(header.col(Kind::Hint))
            .unwrap_or(loc.col);
        report.error("xlsform.missing_label", &cell(col), name);
    }
    if field_type == FieldType::Calculate && text(Kind::Calculation).is_none() {
        let col = header.col(Kind::Calculation).unwrap_or(loc.col);
        report.error("xlsform.missing_calculation", &cell(col), name);
    }

    let mut parameters = BTreeMap::new();
    if let Some((col, raw)) = header.text(Kind::Parameters, cells) {
        match parse_parameters(raw) {
            Some(p) => parameters = p,
            None => report.error("xlsform.bad_parameters", &cell(col), raw),
        }
    }
    if let FieldType::Range { start, end, step } = &mut field_type {
        let mut value =
            |key: &str, default: &str| parameters.remove(key).unwrap_or_else(|| default.to_owned());
        let [(s, ds), (e, de), (p, dp)] = RANGE_DEFAULTS;
        *start = value(s, ds);
        *end = value(e, de);
        *step = value(p, dp);
        if !range_ok(start, end, step) {
            let (col, raw) = header
                .text(Kind::Parameters, cells)
                .unwrap_or((loc.col, ""));
            report.error("xlsform.bad_range", &cell(col), raw);
        }
    }

    let mut count = |kind: Kind| {
        let (col, raw) = header.text(kind, cells)?;
        let parsed = raw.parse::<u32>().ok();
        if parsed.is_none() {
            report.error("xlsform.bad_count", &cell(col), raw);
        }
        parsed
    };
    let min_count = count(Kind::MinCount);
    let max_count = count(Kind::MaxCount);

    Field {
        name: name.to_owned(),
        label,
        hint,
        required: yes_no_or_expression(Kind::Required, header, cells, loc, state, report),
        required_message: header.labels(Kind::RequiredMessage, cells),
        constraint: text(Kind::Constraint),
        constraint_message: header.labels(Kind::ConstraintMessage, cells),
        warning: text(Kind::Warning),
        warning_message: header.labels(Kind::WarningMessage, cells),
        relevant: text(Kind::Relevant),
        calculation: text(Kind::Calculation),
        default: text(Kind::Default),
        read_only: yes_no_or_expression(Kind::ReadOnly, header, cells, loc, state, report),
        choice_filter,
        repeat_count: text(Kind::RepeatCount),
        min_count,
        max_count,
        parameters,
        appearance: text(Kind::Appearance),
        children: Vec::new(),
        privacy: privacy(header, cells, loc, report),
        field_type,
    }
}

/// The `privacy` and `purposes` columns: a classification ([`Classification::parse`]: case and
/// separators do not matter) and purpose ids separated by spaces. An unknown class is
/// `xlsform.unknown_classification`; purposes without a class
/// `xlsform.purposes_without_classification` (a purpose says nothing without the class it
/// protects). Whether the purposes exist is the rules' business ([`crate::privacy::minimisation`]).
fn privacy(
    header: &Columns,
    cells: &BTreeMap<u32, &str>,
    loc: &Loc,
    report: &mut Report,
) -> Option<FieldPrivacy> {
    let purposes: Vec<String> = header
        .text(Kind::Purposes, cells)
        .map(|(_, text)| text.split_whitespace().map(str::to_owned).collect())
        .unwrap_or_default();
    let Some((col, text)) = header.text(Kind::Privacy, cells) else {
        if let (Some((col, text)), false) =
            (header.text(Kind::Purposes, cells), purposes.is_empty())
        {
            report.error(
                "xlsform.purposes_without_classification",
                &loc.at_col(col),
                text,
            );
        }
        return None;
    };
    let Some(classification) = Classification::parse(text) else {
        report.error("xlsform.unknown_classification", &loc.at_col(col), text);
        return None;
    };
    Some(FieldPrivacy {
        classification,
        purposes,
    })
}

/// Warns on each empty language column of `kind` in a row where another language has text.
pub(crate) fn missing_translations(
    header: &Columns,
    kind: Kind,
    cells: &BTreeMap<u32, &str>,
    loc: &Loc,
    report: &mut Report,
) {
    let columns: Vec<_> = header.all(kind).collect();
    if !columns.iter().any(|c| cells.contains_key(&c.col)) {
        return;
    }
    for column in columns.iter().filter(|c| !cells.contains_key(&c.col)) {
        let at = loc.at_col(column.col);
        report.push(
            report::finding("xlsform.missing_translation", Severity::Warning, &at, "")
                .with("header", &column.header),
            &at,
        );
    }
}

/// `required` / `read_only`: yes or no (XLSForm spellings), else an expression.
fn yes_no_or_expression(
    kind: Kind,
    header: &Columns,
    cells: &BTreeMap<u32, &str>,
    loc: &Loc,
    state: &mut State,
    report: &mut Report,
) -> Option<Required> {
    let (col, text) = header.text(kind, cells)?;
    let at = loc.at_col(col);
    match text.to_lowercase().as_str() {
        "yes" | "true" | "true()" => Some(Required::Always(true)),
        "no" | "false" | "false()" => None,
        _ if is_bare_word(text) => {
            let header_name = header
                .first(kind)
                .map(|c| c.header.clone())
                .unwrap_or_default();
            report.push(
                report::error("xlsform.bad_yes_no", &at, text).with("header", header_name),
                &at,
            );
            None
        }
        _ => {
            state.expressions.push((at.clone(), text.to_owned()));
            state.references.push((at, text.to_owned()));
            Some(Required::When(text.to_owned()))
        }
    }
}

/// A single word (`oui`, `maybe`): neither yes/no nor an expression a person meant.
fn is_bare_word(text: &str) -> bool {
    text.chars().next().is_some_and(char::is_alphabetic)
        && text.chars().all(|c| c.is_alphanumeric() || c == '_')
}

/// An XML-style name: a letter or `_`, then letters, digits, `_`, `.` or `-`.
pub(crate) fn is_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_alphabetic() || c == '_')
        && chars.all(|c| c.is_alphanumeric() || matches!(c, '_' | '.' | '-'))
}

fn parse_type(text: &str) -> Result<RowType, TypeProblem> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
    let lower: Vec<&str> = lower.iter().map(String::as_str).collect();
    let simple = |t: FieldType| Ok(RowType::Field(t));
    match lower.as_slice() {
        ["begin_group" | "begin-group"] | ["begin", "group"] => {
            Ok(RowType::Begin { repeat: false })
        }
        ["begin_repeat" | "begin-repeat"] | ["begin", "repeat"] => {
            Ok(RowType::Begin { repeat: true })
        }
        ["end_group" | "end-group"] | ["end", "group"] => Ok(RowType::End { repeat: false }),
        ["end_repeat" | "end-repeat"] | ["end", "repeat"] => Ok(RowType::End { repeat: true }),
        ["select_one" | "select_multiple"] => Err(TypeProblem::SelectWithoutList),
        [kind @ ("select_one" | "select_multiple"), _] => {
            let list = words.get(1).copied().unwrap_or_default().to_owned();
            if *kind == "select_one" {
                simple(FieldType::SelectOne { list })
            } else {
                simple(FieldType::SelectMultiple { list })
            }
        }
        ["select_one" | "select_multiple", _, "or_other"] => Err(TypeProblem::Unsupported),
        [one] => match *one {
            "text" | "string" => simple(FieldType::Text),
            "integer" | "int" => simple(FieldType::Integer),
            "decimal" => simple(FieldType::Decimal),
            "range" => simple(FieldType::Range {
                start: String::new(),
                end: String::new(),
                step: String::new(),
            }),
            "date" => simple(FieldType::Date),
            "time" => simple(FieldType::Time),
            "datetime" => simple(FieldType::DateTime),
            "acknowledge" => simple(FieldType::Acknowledge),
            "geopoint" => simple(FieldType::Geopoint),
            "note" => simple(FieldType::Note),
            "calculate" => simple(FieldType::Calculate),
            "hidden" => simple(FieldType::Hidden),
            "barcode" => simple(FieldType::Barcode),
            "image" => simple(FieldType::Image),
            "audio" => simple(FieldType::Audio),
            "file" => simple(FieldType::File),
            "start" => simple(FieldType::Start),
            "end" => simple(FieldType::End),
            "today" => simple(FieldType::Today),
            "deviceid" => simple(FieldType::DeviceId),
            "instanceid" => simple(FieldType::InstanceId),
            "rank" | "geotrace" | "geoshape" | "video" | "background-audio" | "username"
            | "phonenumber" | "email" | "audit" | "xml-external" | "csv-external"
            | "start-geopoint" | "simserial" | "subscriberid" | "trigger" => {
                Err(TypeProblem::Unsupported)
            }
            _ => Err(TypeProblem::Unknown),
        },
        ["select_one_from_file" | "select_multiple_from_file" | "rank", ..] => {
            Err(TypeProblem::Unsupported)
        }
        _ => Err(TypeProblem::Unknown),
    }
}

/// `start=0 end=10 step=1` (spaces, `;` or `,` between pairs; spaces around `=` allowed).
fn parse_parameters(raw: &str) -> Option<BTreeMap<String, String>> {
    let mut compact = String::with_capacity(raw.len());
    let mut chars = raw.trim().chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_whitespace() {
            while chars.peek().is_some_and(|n| n.is_whitespace()) {
                chars.next();
            }
            if chars.peek() == Some(&'=') || compact.ends_with('=') {
                continue;
            }
            compact.push(' ');
        } else {
            compact.push(c);
        }
    }
    let mut out = BTreeMap::new();
    for pair in compact.split([' ', ';', ',']).filter(|p| !p.is_empty()) {
        let (key, value) = pair.split_once('=')?;
        if key.is_empty() || value.is_empty() || value.contains('=') {
            return None;
        }
        if out.insert(key.to_lowercase(), value.to_owned()).is_some() {
            return None;
        }
    }
    Some(out)
}

/// Range parameters: numbers, a positive step that divides `end − start`.
fn range_ok(start: &str, end: &str, step: &str) -> bool {
    let (Ok(start), Ok(end), Ok(step)) = (
        Decimal::from_str(start),
        Decimal::from_str(end),
        Decimal::from_str(step),
    ) else {
        return false;
    };
    if step <= Decimal::ZERO || start == end {
        return false;
    }
    let span = (end - start).abs();
    span.checked_rem(step).is_some_and(|r| r.is_zero())
}

/// `${name}` references in a cell, with their text.
pub(crate) fn references(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find("${") {
        let after = rest.get(open + 2..).unwrap_or_default();
        match after.find('}') {
            Some(close) => {
                out.push(after.get(..close).unwrap_or_default().trim());
                rest = after.get(close + 1..).unwrap_or_default();
            }
            None => break,
        }
    }
    out
}

fn check_references(state: &State, choices: &Choices, report: &mut Report) {
    let unknown = |loc: &Loc, text: &str, name: &str, report: &mut Report| {
        report.push(
            report::error("xlsform.unknown_reference", loc, text).with("name", name),
            loc,
        );
    };
    for (loc, text) in &state.references {
        for name in references(text) {
            if !state.names.contains_key(name) {
                unknown(loc, text, name, report);
            }
        }
    }
    for (loc, filter, expression) in filter_expressions(state, choices) {
        for name in references(&expression) {
            if !name.starts_with(CHOICE_PREFIX) && !state.names.contains_key(name) {
                unknown(loc, filter, name, report);
            }
        }
    }
}

/// Each choice filter with its expression form, as the form compiler reads it.
fn filter_expressions<'s>(
    state: &'s State,
    choices: &'s Choices,
) -> impl Iterator<Item = (&'s Loc, &'s String, String)> {
    state.filters.iter().map(|(loc, list, filter)| {
        let list = choices.lists.get(list).map_or(&[][..], |l| &l[..]);
        (loc, filter, choice_filter_expression(filter, list))
    })
}

fn check_expressions(state: &State, choices: &Choices, report: &mut Report) {
    let plain = state
        .expressions
        .iter()
        .map(|(loc, source)| (loc, source, source.clone()));
    for (loc, source, expression) in plain.chain(filter_expressions(state, choices)) {
        if let Err(error) = Expr::parse(&expression) {
            let position = error
                .params
                .get("position")
                .cloned()
                .unwrap_or_else(|| "-".to_owned());
            report.push(
                report::error("xlsform.bad_expression", loc, source)
                    .with("expr_code", &error.code)
                    .with("position", position),
                loc,
            );
        }
    }
}

fn check_selects(state: &State, choices: &Choices, report: &mut Report) {
    for (loc, list, multiple) in &state.selects {
        let Some(names) = choices.lists.get(list) else {
            report.push(
                report::error("xlsform.missing_choice_list", loc, list).with("list", list),
                loc,
            );
            continue;
        };
        if !multiple {
            continue;
        }
        let cells = choices
            .cells
            .get(list)
            .map(Vec::as_slice)
            .unwrap_or_default();
        for (choice, at) in names.iter().zip(cells) {
            if choice.name.chars().any(char::is_whitespace) {
                report.push(
                    report::error("xlsform.choice_name_with_space", at, &choice.name)
                        .with("list", list),
                    at,
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_read_in_their_usual_spellings() {
        assert_eq!(
            parse_type("begin group"),
            Ok(RowType::Begin { repeat: false })
        );
        assert_eq!(
            parse_type("begin_repeat"),
            Ok(RowType::Begin { repeat: true })
        );
        assert_eq!(parse_type("END REPEAT"), Ok(RowType::End { repeat: true }));
        assert_eq!(
            parse_type("dateTime"),
            Ok(RowType::Field(FieldType::DateTime))
        );
        assert_eq!(
            parse_type("select_multiple  motifs"),
            Ok(RowType::Field(FieldType::SelectMultiple {
                list: "motifs".into()
            }))
        );
        assert_eq!(
            parse_type("select_one"),
            Err(TypeProblem::SelectWithoutList)
        );
        assert_eq!(parse_type("geoshape"), Err(TypeProblem::Unsupported));
        assert_eq!(parse_type("integr"), Err(TypeProblem::Unknown));
        assert_eq!(parse_type("text extra"), Err(TypeProblem::Unknown));
    }

    #[test]
    fn parameters_and_ranges() {
        let p = parse_parameters("start=0 end = 10;step=1").unwrap_or_default();
        assert_eq!(p.get("end").map(String::as_str), Some("10"));
        assert_eq!(p.len(), 3);
        assert!(parse_parameters("start").is_none());
        assert!(parse_parameters("start=1 start=2").is_none());
        assert!(range_ok("0", "10", "1"));
        assert!(range_ok("10", "0", "2"));
        assert!(range_ok("0", "1", "0.25"));
        assert!(!range_ok("0", "10", "3"));
        assert!(!range_ok("0", "10", "0"));
        assert!(!range_ok("0", "10", "-1"));
        assert!(!range_ok("a", "10", "1"));
        assert!(!range_ok("5", "5", "1"));
    }

    #[test]
    fn references_are_found_in_text() {
        assert_eq!(references("${a} + ${ b } > ${c"), ["a", "b"]);
        assert!(references("no refs").is_empty());
    }

    #[test]
    fn names() {
        assert!(is_name("age_years"));
        assert!(is_name("_x.y-z"));
        assert!(is_name("âge"));
        assert!(!is_name("1age"));
        assert!(!is_name("my age"));
        assert!(!is_name(""));
    }
}
