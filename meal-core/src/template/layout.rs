//! The template's vocabulary: sheets and columns, each named in English and French, and the
//! document field each column holds (so a finding about a field can name its cell).

use crate::i18n::Locale;

/// One column of a sheet.
#[derive(Debug)]
pub(crate) struct Column {
    /// The English header; also the key the readers look the column up by.
    pub en: &'static str,
    /// The French header.
    pub fr: &'static str,
    /// Where the column's value sits in the document, as a JSON-pointer suffix under the row's
    /// item (`title/en`, `baseline/value`); `.` for the item itself (the text of an
    /// assumption); `/…` for a field of the document (`/format_version`); empty when the
    /// column names the owner of the row.
    pub field: &'static str,
    /// Every row must fill it: the item cannot be built without it (a level, a measure, a
    /// period). Blank codes and texts are the document's own validation findings instead.
    pub required: bool,
}

/// An optional column.
pub(crate) const fn col(en: &'static str, fr: &'static str, field: &'static str) -> Column {
    Column {
        en,
        fr,
        field,
        required: false,
    }
}

/// A column every row must fill.
pub(crate) const fn req(en: &'static str, fr: &'static str, field: &'static str) -> Column {
    Column {
        en,
        fr,
        field,
        required: true,
    }
}

impl Column {
    /// The header in `locale`.
    pub fn header(&self, locale: Locale) -> &'static str {
        match locale {
            Locale::En => self.en,
            Locale::Fr => self.fr,
        }
    }

    /// True when `header` (trimmed, any case) is this column's header in either language.
    pub fn matches(&self, header: &str) -> bool {
        same_name(header, self.en) || same_name(header, self.fr)
    }
}

/// One sheet of a template.
#[derive(Debug)]
pub(crate) struct SheetSpec {
    pub en: &'static str,
    pub fr: &'static str,
    pub columns: &'static [Column],
    /// Reading fails with `template.missing_sheet` without it; other sheets may be deleted
    /// (an absent sheet is an empty list).
    pub required: bool,
    /// A sheet of one data row (the project, the plan's settings); rows after it are
    /// `template.extra_row`.
    pub single: bool,
}

impl SheetSpec {
    /// The sheet name in `locale`.
    pub fn name(&self, locale: Locale) -> &'static str {
        match locale {
            Locale::En => self.en,
            Locale::Fr => self.fr,
        }
    }

    /// True when `name` (trimmed, any case) is this sheet's name in either language.
    pub fn matches(&self, name: &str) -> bool {
        same_name(name, self.en) || same_name(name, self.fr)
    }

    /// The column whose English header is `key`.
    pub fn column(&self, key: &str) -> Option<&'static Column> {
        self.columns.iter().find(|c| c.en == key)
    }
}

/// Names compare trimmed and case-insensitively (`Objectives`, ` objectifs `).
fn same_name(written: &str, name: &str) -> bool {
    written.trim().to_lowercase() == name.to_lowercase()
}

/// The separator of list cells (`medical; protection`).
pub(crate) const LIST_SEPARATOR: char = ';';

/// The separator between a dimension and its category in a target's cell (`sex=f`).
pub(crate) const CELL_SEPARATOR: char = '=';
