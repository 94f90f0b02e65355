//! The `settings` sheet: form id, version, title and default language (header row, then one
//! row of values).

use super::columns::{self, Kind};
use super::report::{Loc, Report, SheetKind};
use super::survey::is_name;
use crate::form::Labels;
use crate::workbook::Sheet;

/// The language key of unlabelled columns when the settings name none (XLSForm `default`).
pub(crate) const DEFAULT_LANGUAGE: &str = "default";

/// The form id used when the settings give none.
pub(crate) const DEFAULT_FORM_ID: &str = "form";

#[derive(Debug, Clone, Default)]
pub(crate) struct Settings {
    pub id: Option<String>,
    pub version: String,
    pub title: Labels,
    pub default_language: Option<String>,
    /// Where `default_language` is written, to report it when no column uses it.
    pub default_language_loc: Option<Loc>,
}

impl Settings {
    /// The language key of unlabelled columns.
    pub fn default_key(&self) -> String {
        self.default_language
            .clone()
            .unwrap_or_else(|| DEFAULT_LANGUAGE.to_owned())
    }
}

pub(crate) fn read(sheet: Option<&Sheet>, report: &mut Report) -> Settings {
    let mut settings = Settings::default();
    let Some(sheet) = sheet else {
        report.warning(
            "xlsform.missing_form_id",
            &Loc::new(SheetKind::Settings, "settings", 0, 0),
            "",
        );
        return settings;
    };
    let header = columns::read(
        sheet,
        SheetKind::Settings,
        DEFAULT_LANGUAGE,
        columns::settings_kind,
        report,
    );
    let rows = sheet.rows();
    let values = rows.iter().find(|(row, _)| *row > header.row);
    for (row, cells) in rows.iter().filter(|(row, _)| *row > header.row).skip(1) {
        let col = cells.keys().next().copied().unwrap_or(0);
        let loc = Loc::new(SheetKind::Settings, &sheet.name, *row, col);
        let value = cells.values().next().copied().unwrap_or_default();
        report.warning("xlsform.extra_settings_row", &loc, value);
    }
    let empty = std::collections::BTreeMap::new();
    let (values_row, cells) = values.map_or((header.row + 1, &empty), |(r, c)| (*r, c));
    let loc_of = |col: u32| Loc::new(SheetKind::Settings, &sheet.name, values_row, col);

    if let Some((col, lang)) = header.text(Kind::DefaultLanguage, cells) {
        settings.default_language = Some(columns::setting_language(lang));
        settings.default_language_loc = Some(loc_of(col));
    }
    let default_key = settings.default_key();
    settings.title = header
        .labels(Kind::FormTitle, cells)
        .into_iter()
        .map(|(lang, text)| {
            let lang = if lang == DEFAULT_LANGUAGE {
                default_key.clone()
            } else {
                lang
            };
            (lang, text)
        })
        .collect();
    if let Some((_, version)) = header.text(Kind::Version, cells) {
        version.clone_into(&mut settings.version);
    }
    match header.text(Kind::FormId, cells) {
        Some((_, id)) if is_name(id) => settings.id = Some(id.to_owned()),
        Some((col, id)) => report.error("xlsform.invalid_form_id", &loc_of(col), id),
        None => {
            let col = header.col(Kind::FormId).unwrap_or(0);
            report.warning("xlsform.missing_form_id", &loc_of(col), "");
        }
    }
    settings
}
