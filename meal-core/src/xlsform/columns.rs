//! Header rows: which column holds what, in which language.

use std::collections::BTreeMap;

use super::report::{Loc, Report, SheetKind};
use crate::form::Labels;
use crate::workbook::Sheet;

/// What a survey, choices or settings column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Kind {
    Type,
    Name,
    Label,
    Hint,
    Required,
    RequiredMessage,
    Constraint,
    ConstraintMessage,
    Warning,
    WarningMessage,
    Relevant,
    Calculation,
    Default,
    ReadOnly,
    Appearance,
    ChoiceFilter,
    RepeatCount,
    MinCount,
    MaxCount,
    Parameters,
    /// Data protection: the field's classification (`direct_identifier`, …).
    Privacy,
    /// Data protection: the purpose ids the field serves, separated by spaces.
    Purposes,
    /// Choices: the list a choice belongs to.
    ListName,
    /// Settings.
    FormId,
    Version,
    FormTitle,
    DefaultLanguage,
    /// An XLSForm column this library knows and does not carry (media, guidance hints, …).
    Unsupported,
    /// A settings column that changes nothing here (`instance_name`, `public_key`, …).
    Ignored,
    /// Choices: an extra column, kept as a property of each choice.
    Property,
    Unknown,
}

impl Kind {
    /// Columns whose header may carry a language (`label::Français (fr)`).
    pub fn translatable(self) -> bool {
        matches!(
            self,
            Kind::Label
                | Kind::Hint
                | Kind::RequiredMessage
                | Kind::ConstraintMessage
                | Kind::WarningMessage
                | Kind::FormTitle
        )
    }
}

/// One column of a header row.
#[derive(Debug, Clone)]
pub(crate) struct Column {
    pub col: u32,
    pub kind: Kind,
    /// The header as written.
    pub header: String,
    /// The language key of a translatable column (the default language for a plain one).
    pub lang: Option<String>,
    /// Choices: the property name of an extra column.
    pub property: String,
}

/// The header row of a sheet, read.
#[derive(Debug, Clone, Default)]
pub(crate) struct Columns {
    /// 0-based row of the header.
    pub row: u32,
    pub columns: Vec<Column>,
}

impl Columns {
    /// The first column of `kind` (languages aside).
    pub fn first(&self, kind: Kind) -> Option<&Column> {
        self.columns.iter().find(|c| c.kind == kind)
    }

    /// The column of `kind`, the first one, or `None`.
    pub fn col(&self, kind: Kind) -> Option<u32> {
        self.first(kind).map(|c| c.col)
    }

    /// Every column of `kind`.
    pub fn all(&self, kind: Kind) -> impl Iterator<Item = &Column> {
        self.columns.iter().filter(move |c| c.kind == kind)
    }

    /// The text of the first column of `kind` in `row`, if not empty.
    pub fn text<'a>(&self, kind: Kind, row: &BTreeMap<u32, &'a str>) -> Option<(u32, &'a str)> {
        let col = self.col(kind)?;
        row.get(&col).map(|text| (col, *text))
    }

    /// The texts of every language column of `kind` in `row`.
    pub fn labels(&self, kind: Kind, row: &BTreeMap<u32, &str>) -> Labels {
        self.all(kind)
            .filter_map(|c| {
                let text = row.get(&c.col)?;
                Some((c.lang.clone().unwrap_or_default(), (*text).to_owned()))
            })
            .collect()
    }

    /// The language keys used by translatable columns.
    pub fn languages(&self) -> Vec<String> {
        let mut langs: Vec<String> = self.columns.iter().filter_map(|c| c.lang.clone()).collect();
        langs.sort();
        langs.dedup();
        langs
    }
}

/// Reads the header row (the first non-empty row) of `sheet`. `classify` names the kind of a
/// base header (lowercase, spaces as `_`). Reports duplicate, unknown and unsupported columns,
/// and language suffixes without a code.
pub(crate) fn read(
    sheet: &Sheet,
    kind: SheetKind,
    default_lang: &str,
    classify: fn(&str) -> Kind,
    report: &mut Report,
) -> Columns {
    let Some((row, cells)) = sheet.rows().into_iter().next() else {
        return Columns::default();
    };
    let mut columns = Vec::new();
    let mut seen: BTreeMap<(Kind, Option<String>, String), u32> = BTreeMap::new();
    for (col, header) in cells {
        let loc = Loc::new(kind, &sheet.name, row, col);
        let (base, suffix) = match header.split_once("::") {
            Some((base, suffix)) => (base, Some(suffix.trim())),
            None => (header, None),
        };
        let base = normalise(base);
        let mut kind_of = classify(&base);
        let mut lang = None;
        let mut property = String::new();
        match (kind_of, suffix) {
            (Kind::Property, _) => property = header.to_owned(),
            (k, Some(suffix)) if k.translatable() => {
                lang = Some(language_code(suffix, &loc, report));
            }
            (k, None) if k.translatable() => lang = Some(default_lang.to_owned()),
            (Kind::Unsupported | Kind::Ignored | Kind::Unknown, _) => {}
            (_, Some(_)) => kind_of = Kind::Unknown,
            (_, None) => {}
        }
        match kind_of {
            Kind::Unknown => {
                report.warning("xlsform.unknown_column", &loc, header);
                continue;
            }
            Kind::Unsupported => {
                report.warning("xlsform.unsupported_column", &loc, header);
                continue;
            }
            Kind::Ignored => continue,
            _ => {}
        }
        let key = (kind_of, lang.clone(), property.clone());
        if let Some(&first) = seen.get(&key) {
            report.push(
                report::error("xlsform.duplicate_column", &loc, header)
                    .with("first", Loc::new(kind, &sheet.name, row, first).a1()),
                &loc,
            );
            continue;
        }
        seen.insert(key, col);
        columns.push(Column {
            col,
            kind: kind_of,
            header: header.to_owned(),
            lang,
            property,
        });
    }
    Columns { row, columns }
}

use super::report;

/// A header's base name: lowercase, inner spaces as underscores.
fn normalise(base: &str) -> String {
    base.split_whitespace()
        .collect::<Vec<_>>()
        .join("_")
        .to_lowercase()
}

/// The language code of a header suffix: `Français (fr)` → `fr`; a suffix without a code in
/// parentheses is used as written, with a warning.
fn language_code(suffix: &str, loc: &Loc, report: &mut Report) -> String {
    if let Some(open) = suffix.rfind('(') {
        if let Some(code) = suffix
            .get(open + 1..)
            .and_then(|rest| rest.strip_suffix(')'))
            .map(str::trim)
        {
            if is_language_code(code) {
                return code.to_owned();
            }
        }
    }
    if is_language_code(suffix) {
        return suffix.to_owned();
    }
    report.warning("xlsform.language_without_code", loc, suffix);
    suffix.to_owned()
}

/// A BCP 47-looking tag: a 2–3 letter language subtag, optionally followed by subtags.
fn is_language_code(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let language = parts.next().unwrap_or_default();
    (2..=3).contains(&language.len())
        && language.chars().all(|c| c.is_ascii_lowercase())
        && parts
            .all(|p| !p.is_empty() && p.len() <= 8 && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// Survey columns (pyxform's aliases included).
pub(crate) fn survey_kind(base: &str) -> Kind {
    match base {
        "type" => Kind::Type,
        "name" => Kind::Name,
        "label" => Kind::Label,
        "hint" => Kind::Hint,
        "required" => Kind::Required,
        "required_message" | "jr:requiredmsg" => Kind::RequiredMessage,
        "constraint" => Kind::Constraint,
        "constraint_message" | "jr:constraintmsg" => Kind::ConstraintMessage,
        "warning" => Kind::Warning,
        "warning_message" => Kind::WarningMessage,
        "relevant" | "relevance" => Kind::Relevant,
        "calculation" | "calculate" => Kind::Calculation,
        "default" => Kind::Default,
        "read_only" | "readonly" => Kind::ReadOnly,
        "appearance" => Kind::Appearance,
        "choice_filter" => Kind::ChoiceFilter,
        "repeat_count" | "jr:count" => Kind::RepeatCount,
        "min_count" => Kind::MinCount,
        "max_count" => Kind::MaxCount,
        "parameters" => Kind::Parameters,
        "privacy" => Kind::Privacy,
        "purposes" => Kind::Purposes,
        "guidance_hint" | "image" | "big-image" | "audio" | "video" | "media" | "trigger"
        | "body" | "bind" | "instance" | "autoplay" | "intent" => Kind::Unsupported,
        _ => Kind::Unknown,
    }
}

/// Choices columns: every column that is not a list name, name or label is a property.
pub(crate) fn choices_kind(base: &str) -> Kind {
    match base {
        "list_name" => Kind::ListName,
        "name" | "value" => Kind::Name,
        "label" => Kind::Label,
        "image" | "big-image" | "audio" | "video" | "media" => Kind::Unsupported,
        _ => Kind::Property,
    }
}

/// Settings columns.
pub(crate) fn settings_kind(base: &str) -> Kind {
    match base {
        "form_id" | "id_string" => Kind::FormId,
        "version" => Kind::Version,
        "form_title" => Kind::FormTitle,
        "default_language" => Kind::DefaultLanguage,
        "instance_name"
        | "public_key"
        | "submission_url"
        | "style"
        | "name"
        | "allow_choice_duplicates"
        | "namespaces"
        | "auto_send"
        | "auto_delete"
        | "clean_text_values"
        | "omit_instanceid"
        | "instance_xmlns"
        | "client_editable" => Kind::Ignored,
        _ => Kind::Unknown,
    }
}

/// The code of a `default_language` setting: `Français (fr)` → `fr`.
pub(crate) fn setting_language(value: &str) -> String {
    if let Some(open) = value.rfind('(') {
        if let Some(code) = value
            .get(open + 1..)
            .and_then(|rest| rest.strip_suffix(')'))
            .map(str::trim)
        {
            if is_language_code(code) {
                return code.to_owned();
            }
        }
    }
    value.trim().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_codes() {
        assert!(is_language_code("fr"));
        assert!(is_language_code("en-GB"));
        assert!(is_language_code("prs"));
        assert!(!is_language_code("Français"));
        assert!(!is_language_code("f"));
        assert_eq!(setting_language("Français (fr)"), "fr");
        assert_eq!(setting_language("en"), "en");
    }
}
