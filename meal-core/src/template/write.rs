//! Writing template sheets: a header row in one language, then one row per item, every value a
//! text cell so it reads back exactly as written (`0.50` keeps its scale, `007` its zeros,
//! ` padded ` its spaces), and the columns formatted as text so what a person types stays text.
//! Control characters are stored as Excel does (`_x000D_`, and a literal `_x000D_` as
//! `_x005F_x000D_`: rust_xlsxwriter writes both, calamine reads both back).

use rust_decimal::Decimal;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet, XlsxError};
use serde::Serialize;

use crate::error::MealError;
use crate::i18n::Locale;
use crate::text::Text;

use super::cells::Owners;
use super::layout::{SheetSpec, CELL_SEPARATOR, LIST_SEPARATOR};

/// The rows of one sheet, each with one cell per column of its layout, in layout order (an
/// empty string is an empty cell).
pub(crate) type Rows = Vec<Vec<String>>;

fn unwritable(detail: impl std::fmt::Display) -> MealError {
    MealError::new("template.unwritable").with("detail", detail)
}

/// The blank template of a layout: every sheet with its header row in `locale`, no data row
/// (the files of `examples/templates/`).
pub(crate) fn blank(specs: &[&SheetSpec], locale: Locale) -> Result<Vec<u8>, MealError> {
    let sheets: Vec<(&SheetSpec, Rows)> = specs.iter().map(|s| (*s, Rows::new())).collect();
    workbook(&sheets, locale)
}

/// The workbook of `sheets`, headers and sheet names in `locale`. Its bytes depend only on
/// its content (the creation date is fixed), so a blank template can be compared byte for byte.
pub(crate) fn workbook(
    sheets: &[(&SheetSpec, Rows)],
    locale: Locale,
) -> Result<Vec<u8>, MealError> {
    let mut book = Workbook::new();
    let created = ExcelDateTime::from_ymd(2026, 1, 1).map_err(unwritable)?;
    book.set_properties(&DocProperties::new().set_creation_datetime(&created));
    for (spec, rows) in sheets {
        if rows.iter().any(|cells| cells.iter().all(String::is_empty)) {
            // A row with no cell reads as no row: the item would be lost.
            return Err(
                unwritable("an item whose every cell is empty").with("sheet", spec.name(locale))
            );
        }
        let sheet = book.add_worksheet();
        write_sheet(sheet, spec, rows, locale)
            .map_err(|e| unwritable(e).with("sheet", spec.name(locale)))?;
    }
    book.save_to_buffer().map_err(unwritable)
}

fn write_sheet(
    sheet: &mut Worksheet,
    spec: &SheetSpec,
    rows: &Rows,
    locale: Locale,
) -> Result<(), XlsxError> {
    let bold = Format::new().set_bold().set_num_format("@");
    let text = Format::new().set_num_format("@");
    sheet.set_name(spec.name(locale))?;
    for (index, column) in spec.columns.iter().enumerate() {
        let col = u16::try_from(index).map_err(|_| XlsxError::RowColumnLimitError)?;
        sheet.set_column_format(col, &text)?;
        sheet.set_column_width(col, 20)?;
        sheet.write_string_with_format(0, col, column.header(locale), &bold)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    for (index, cells) in rows.iter().enumerate() {
        let row = u32::try_from(index)
            .ok()
            .and_then(|r| r.checked_add(1))
            .ok_or(XlsxError::RowColumnLimitError)?;
        for (index, value) in cells.iter().enumerate() {
            let col = u16::try_from(index).map_err(|_| XlsxError::RowColumnLimitError)?;
            if !value.is_empty() {
                sheet.write_string_with_format(row, col, value, &text)?;
            }
        }
    }
    Ok(())
}

/// A snake_case value as in the JSON documents (`mid_term`).
pub(crate) fn choice<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

/// An optional snake_case value.
pub(crate) fn optional_choice<T: Serialize>(value: Option<&T>) -> String {
    value.map(choice).unwrap_or_default()
}

/// A decimal at its scale (`0.50`).
pub(crate) fn decimal(value: Decimal) -> String {
    value.to_string()
}

/// The two cells of a bilingual text.
pub(crate) fn bilingual(text: &Text) -> [String; 2] {
    [text.en.clone(), text.fr.clone()]
}

/// The two cells of an optional bilingual text, empty when absent. A text that is present
/// but empty in both languages would read back as absent (Excel stores no empty text), so it
/// is the error `template.unwritable`.
pub(crate) fn optional_bilingual(
    text: Option<&Text>,
    sheet: &str,
) -> Result<[String; 2], MealError> {
    match text {
        Some(t) if t.en.is_empty() && t.fr.is_empty() => Err(present_but_empty(sheet)),
        Some(t) => Ok(bilingual(t)),
        None => Ok(Default::default()),
    }
}

/// The cell of an optional text (a parent code, a processing id), empty when absent; present
/// but empty is `template.unwritable`, as for [`optional_bilingual`].
pub(crate) fn optional_text(text: Option<&String>, sheet: &str) -> Result<String, MealError> {
    match text {
        Some(t) if t.is_empty() => Err(present_but_empty(sheet)),
        Some(t) => Ok(t.clone()),
        None => Ok(String::new()),
    }
}

fn present_but_empty(sheet: &str) -> MealError {
    unwritable("an optional value that is present but empty").with("sheet", sheet)
}

/// A list cell (`a; b`). An entry that could not be read back as itself (blank, with
/// surrounding spaces, or holding the separator) is the error `template.unwritable`.
pub(crate) fn list<S: AsRef<str>>(entries: &[S], sheet: &str) -> Result<String, MealError> {
    let mut parts = Vec::with_capacity(entries.len());
    for entry in entries {
        let entry = entry.as_ref();
        if !is_list_entry(entry, &[LIST_SEPARATOR]) {
            return Err(unlistable(entry, sheet));
        }
        parts.push(entry);
    }
    Ok(parts.join("; "))
}

/// A list cell of snake_case values.
pub(crate) fn choices<T: Serialize>(values: &[T]) -> String {
    values.iter().map(choice).collect::<Vec<_>>().join("; ")
}

/// A target's cell: `dimension=category` pairs (`age_band=under_15; sex=f`), by dimension.
pub(crate) fn cell<'a>(
    pairs: impl IntoIterator<Item = (&'a String, &'a String)>,
    sheet: &str,
) -> Result<String, MealError> {
    let separators = [LIST_SEPARATOR, CELL_SEPARATOR];
    let mut parts = Vec::new();
    for (dimension, category) in pairs {
        for part in [dimension, category] {
            if !is_list_entry(part, &separators) {
                return Err(unlistable(part, sheet));
            }
        }
        parts.push(format!("{dimension}{CELL_SEPARATOR}{category}"));
    }
    Ok(parts.join("; "))
}

fn is_list_entry(entry: &str, separators: &[char]) -> bool {
    !entry.is_empty() && entry.trim() == entry && !entry.contains(separators)
}

fn unlistable(entry: &str, sheet: &str) -> MealError {
    unwritable("a list entry that is blank, padded with spaces or holds a separator")
        .with("sheet", sheet)
        .with("value", entry)
}

/// Items that own rows of other sheets, named there by their code.
pub(crate) trait Coded {
    fn code(&self) -> &str;
}

impl Coded for crate::logframe::Objective {
    fn code(&self) -> &str {
        &self.code
    }
}

impl Coded for crate::indicator::Indicator {
    fn code(&self) -> &str {
        &self.code
    }
}

/// Rows `[owner code, text::en, text::fr]` of the texts each item owns.
pub(crate) fn owned_texts<T: Coded>(
    items: &[T],
    owners: &Owners,
    spec: &SheetSpec,
    texts: impl Fn(&T) -> &[Text],
) -> Result<Rows, MealError> {
    owned_rows(items, owners, spec, |item, code| {
        texts(item)
            .iter()
            .map(|text| {
                let [en, fr] = bilingual(text);
                Ok(vec![code.to_owned(), en, fr])
            })
            .collect()
    })
}

/// The rows `rows_of` makes for each item that owns some, given the item's code.
pub(crate) fn owned_rows<T: Coded>(
    items: &[T],
    owners: &Owners,
    spec: &SheetSpec,
    rows_of: impl Fn(&T, &str) -> Result<Rows, MealError>,
) -> Result<Rows, MealError> {
    let mut rows = Vec::new();
    for (index, item) in items.iter().enumerate() {
        let owned = rows_of(item, item.code())?;
        if !owned.is_empty() {
            owners.writable(item.code(), index, spec.en)?;
            rows.extend(owned);
        }
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_refuse_entries_that_cannot_come_back() {
        assert_eq!(list(&["a", "b.c"], "s").ok(), Some("a; b.c".to_owned()));
        for bad in ["", " a", "a;b", "a "] {
            assert_eq!(
                list(&[bad], "s").err().map(|e| e.code),
                Some("template.unwritable".to_owned())
            );
        }
    }
}
