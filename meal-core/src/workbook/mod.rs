//! A `.xlsx` workbook as sparse sheets of trimmed text, read cell by cell (a sheet whose dimension
//! claims a million rows costs only the cells it really has). Shared by every spreadsheet
//! reader: XLSForm forms, logframe and MEAL-plan templates, case-tool exports. Each reader names
//! its own error code for a workbook it cannot read (`xlsform.unreadable`, `template.unreadable`,
//! …), so the code tells which import failed.

use std::collections::BTreeMap;
use std::io::Cursor;

mod shared_strings;

use calamine::{DataRef, Reader, Xlsx};
use chrono::{Duration, NaiveDate};

use crate::error::MealError;

/// One sheet: non-empty cells by (row, column), both 0-based, as trimmed text.
#[derive(Debug, Clone, Default)]
pub(crate) struct Sheet {
    /// The name as written in the workbook.
    pub name: String,
    pub cells: BTreeMap<(u32, u32), String>,
}

impl Sheet {
    /// The rows that have at least one non-empty cell, in order, each with its cells.
    pub fn rows(&self) -> Vec<(u32, BTreeMap<u32, &str>)> {
        let mut rows: Vec<(u32, BTreeMap<u32, &str>)> = Vec::new();
        for (&(row, col), text) in &self.cells {
            match rows.last_mut() {
                Some((last, cells)) if *last == row => {
                    cells.insert(col, text.as_str());
                }
                _ => rows.push((row, BTreeMap::from([(col, text.as_str())]))),
            }
        }
        rows
    }
}

/// The sheets of a workbook, in workbook order.
///
/// calamine 0.31 computes a cell reference's row with unchecked `u32` arithmetic
/// (`xlsx::get_row_and_optional_column`): a reference such as `A99999999999` overflows, which
/// panics in a build with overflow checks (debug) and wraps in release. A panic must never
/// cross into a binding, so reading is guarded and such a workbook is `unreadable` (the
/// caller's code, with a `detail` parameter).
pub(crate) fn read_workbook(
    bytes: &[u8],
    unreadable: &'static str,
) -> Result<Vec<Sheet>, MealError> {
    read_guarded(bytes, unreadable, true)
}

/// As [`read_workbook`], but every cell's text is kept exactly as stored: not trimmed, and a
/// text cell holding only spaces or newlines is kept. For readers whose documents round-trip
/// text exactly (the logframe and MEAL-plan templates).
pub(crate) fn read_workbook_exact(
    bytes: &[u8],
    unreadable: &'static str,
) -> Result<Vec<Sheet>, MealError> {
    read_guarded(bytes, unreadable, false)
}

fn read_guarded(
    bytes: &[u8],
    unreadable: &'static str,
    trim: bool,
) -> Result<Vec<Sheet>, MealError> {
    // Checked before calamine, not caught after it: a wasm32 build cannot catch a panic.
    shared_strings::check(bytes)
        .map_err(|detail| MealError::new(unreadable).with("detail", detail))?;
    std::panic::catch_unwind(|| read_sheets(bytes, unreadable, trim)).unwrap_or_else(|_| {
        Err(MealError::new(unreadable).with("detail", "malformed cell reference"))
    })
}

fn read_sheets(bytes: &[u8], code: &'static str, trim: bool) -> Result<Vec<Sheet>, MealError> {
    let unreadable = |e: &dyn std::fmt::Display| MealError::new(code).with("detail", e);
    let mut workbook = Xlsx::new(Cursor::new(bytes)).map_err(|e| unreadable(&e))?;
    let names = workbook.sheet_names();
    let mut sheets = Vec::with_capacity(names.len());
    for name in names {
        let mut cells = BTreeMap::new();
        let mut reader = workbook
            .worksheet_cells_reader(&name)
            .map_err(|e| unreadable(&e))?;
        while let Some(cell) = reader.next_cell().map_err(|e| unreadable(&e))? {
            let mut text = cell_text(cell.get_value());
            if trim {
                text = text.trim().to_owned();
            }
            if !text.is_empty() {
                cells.insert(cell.get_position(), text);
            }
        }
        sheets.push(Sheet { name, cells });
    }
    Ok(sheets)
}

/// The text a person sees in the cell: whole numbers without `.0`, booleans as
/// `TRUE`/`FALSE` (as a spreadsheet shows them), dates as ISO 8601.
fn cell_text(value: &DataRef<'_>) -> String {
    let text = match value {
        DataRef::Int(i) => i.to_string(),
        DataRef::Float(f) => number_text(*f),
        DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.clone(),
        DataRef::SharedString(s) => (*s).to_owned(),
        DataRef::Bool(true) => "TRUE".to_owned(),
        DataRef::Bool(false) => "FALSE".to_owned(),
        DataRef::DateTime(dt) => excel_date_text(dt.as_f64()),
        DataRef::Error(e) => format!("#{e:?}"),
        DataRef::Empty => String::new(),
    };
    text
}

fn number_text(f: f64) -> String {
    if f.is_finite() && f.fract() == 0.0 && f.abs() < 1e15 {
        // Exact: |f| < 2^53 and integral.
        #[allow(clippy::cast_possible_truncation)]
        let whole = f as i64;
        whole.to_string()
    } else {
        f.to_string()
    }
}

/// An Excel serial date (1900 system) as ISO text; times of day kept when present.
fn excel_date_text(serial: f64) -> String {
    if !serial.is_finite() || !(0.0..2_958_466.0).contains(&serial) {
        return number_text(serial);
    }
    #[allow(clippy::cast_possible_truncation)]
    let days = serial.floor() as i64;
    #[allow(clippy::cast_possible_truncation)]
    let seconds = ((serial - serial.floor()) * 86_400.0).round() as i64;
    let Some(epoch) = NaiveDate::from_ymd_opt(1899, 12, 30) else {
        return number_text(serial);
    };
    let Some(date) = epoch.checked_add_signed(Duration::days(days)) else {
        return number_text(serial);
    };
    if seconds == 0 {
        return date.format("%Y-%m-%d").to_string();
    }
    let time = date
        .and_hms_opt(0, 0, 0)
        .map(|t| t + Duration::seconds(seconds));
    match (days, time) {
        (0, Some(t)) => t.format("%H:%M:%S").to_string(),
        (_, Some(t)) => t.format("%Y-%m-%dT%H:%M:%S").to_string(),
        (_, None) => number_text(serial),
    }
}

/// The column letters of a 0-based column index: 0 → `A`, 26 → `AA`.
pub(crate) fn column_letters(col: u32) -> String {
    let mut n = u64::from(col) + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(char::from(b'A' + u8::try_from(rem).unwrap_or(0)));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters_follow_spreadsheets() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(701), "ZZ");
        assert_eq!(column_letters(702), "AAA");
        assert_eq!(column_letters(u32::MAX), "MWLQKWV");
    }

    #[test]
    fn numbers_and_dates_read_as_a_person_sees_them() {
        assert_eq!(number_text(1.0), "1");
        assert_eq!(number_text(-3.0), "-3");
        assert_eq!(number_text(0.5), "0.5");
        assert_eq!(excel_date_text(46023.0), "2026-01-01");
        assert_eq!(excel_date_text(0.5), "12:00:00");
        assert_eq!(excel_date_text(f64::NAN), "NaN");
    }
}
