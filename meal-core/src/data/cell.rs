//! One cell of input, typed by its column: the text rules every loader shares.
//!
//! A CSV cell is bytes; a JSON lines value is a string (read by the same text rules, so a
//! record means the same in both formats), or a native JSON number, boolean or array.
//!
//! | column type | text accepted | JSON accepted besides text |
//! |---|---|---|
//! | `text` | any UTF-8, as given | — |
//! | `choices` | any UTF-8 (space-separated names), as given | an array of strings, joined by one space |
//! | `integer` | `-?[0-9]+` in the i64 range — the form rule: `24.0`, `+5`, ` 5` are refused | a number with an integer value in the i64 range (`24.0` is refused; `1e2` too) |
//! | `decimal` | [`crate::input::parse_decimal`] (plain or scientific, surrounding spaces ignored) | a number, read as the shortest decimal giving back the same binary64 (send strings beyond 15 significant digits) |
//! | `boolean` | `true`/`false`, `1`/`0`, `yes`/`no`, any case (what spreadsheets and ODK exports write) | `true`/`false` |
//! | `date` | `YYYY-MM-DD` ([`crate::input::parse_date`]) | — |
//! | `date_time` | RFC 3339 with its offset ([`crate::input::parse_date_time`]) | — |
//!
//! An empty text (`""`, an empty CSV cell), JSON `null`, `[]` and an absent key are the empty
//! value. Spaces are kept in text: `" "` is a value, not empty.

use std::borrow::Cow;

use chrono::{DateTime, FixedOffset, NaiveDate};
use rust_decimal::Decimal;
use serde_json::Value as Json;

use crate::data::columnar::{exact_decimal, SourceCell};
use crate::data::ColumnType;
use crate::input::{parse_date_time, parse_decimal};

/// A cell as a loader found it.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Cell<'a> {
    /// No value (absent key, absent column, JSON `null`).
    Empty,
    /// Text: a CSV cell or a JSON string (bytes, as CSV cells need not be UTF-8).
    Text(&'a [u8]),
    /// A JSON value other than a string or `null`.
    Json(&'a Json),
    /// A typed cell of a columnar source (`columnar.rs`).
    Source(SourceCell<'a>),
}

/// A cell's typed value.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Typed<'a> {
    Empty,
    Text(Cow<'a, str>),
    Integer(i64),
    Decimal(Decimal),
    Boolean(bool),
    Date(NaiveDate),
    DateTime(DateTime<FixedOffset>),
}

/// Types `cell` for a column of `column_type`; `Err` is the code of the problem
/// (`data.not_integer`, `data.wrong_type`, `data.not_utf8`, …).
pub(crate) fn type_cell(
    column_type: ColumnType,
    cell: Cell<'_>,
) -> Result<Typed<'_>, &'static str> {
    match cell {
        Cell::Empty => Ok(Typed::Empty),
        Cell::Text([]) => Ok(Typed::Empty),
        Cell::Text(bytes) => type_text(column_type, bytes),
        Cell::Json(json) => type_json(column_type, json),
        Cell::Source(source) => type_source(column_type, source),
    }
}

/// A typed source cell (the rules of `columnar.rs`).
fn type_source(column_type: ColumnType, cell: SourceCell<'_>) -> Result<Typed<'_>, &'static str> {
    match (column_type, cell) {
        (_, SourceCell::Empty | SourceCell::Text("")) => Ok(Typed::Empty),
        (_, SourceCell::Float(f)) if !f.is_finite() => Err("data.not_finite"),
        (_, SourceCell::Float32(f)) if !f.is_finite() => Err("data.not_finite"),
        (_, SourceCell::Text(text)) => type_text(column_type, text.as_bytes()),
        (ColumnType::Integer, SourceCell::Integer(i)) => i64::try_from(i)
            .map(Typed::Integer)
            .map_err(|_| "data.not_integer"),
        (ColumnType::Decimal, SourceCell::Integer(mantissa)) => exact_decimal(mantissa, 0)
            .map(Typed::Decimal)
            .ok_or("data.not_decimal"),
        (ColumnType::Decimal, SourceCell::Decimal { mantissa, scale }) => {
            exact_decimal(mantissa, scale)
                .map(Typed::Decimal)
                .ok_or("data.not_decimal")
        }
        (ColumnType::Boolean, SourceCell::Boolean(b)) => Ok(Typed::Boolean(b)),
        (ColumnType::Date, SourceCell::Date(d)) => Ok(Typed::Date(d)),
        (ColumnType::DateTime, SourceCell::DateTime(t)) => Ok(Typed::DateTime(t)),
        (_, other) => {
            let text = other.to_text();
            type_text(column_type, text.as_bytes()).map(|typed| match typed {
                Typed::Text(t) => Typed::Text(Cow::Owned(t.into_owned())),
                Typed::Empty => Typed::Empty,
                Typed::Integer(i) => Typed::Integer(i),
                Typed::Decimal(d) => Typed::Decimal(d),
                Typed::Boolean(b) => Typed::Boolean(b),
                Typed::Date(d) => Typed::Date(d),
                Typed::DateTime(t) => Typed::DateTime(t),
            })
        }
    }
}

fn type_text(column_type: ColumnType, bytes: &[u8]) -> Result<Typed<'_>, &'static str> {
    let typed = match column_type {
        ColumnType::Text | ColumnType::Choices => {
            return std::str::from_utf8(bytes)
                .map(|text| Typed::Text(Cow::Borrowed(text)))
                .map_err(|_| "data.not_utf8")
        }
        ColumnType::Integer => parse_integer(bytes).map(Typed::Integer),
        ColumnType::Boolean => parse_boolean(bytes).map(Typed::Boolean),
        ColumnType::Date => parse_date(bytes).map(Typed::Date),
        ColumnType::Decimal => as_text(bytes)
            .and_then(|t| parse_decimal(t).ok())
            .map(Typed::Decimal),
        ColumnType::DateTime => as_text(bytes)
            .and_then(|t| parse_date_time(t).ok())
            .map(Typed::DateTime),
    };
    typed.ok_or_else(|| {
        if std::str::from_utf8(bytes).is_err() {
            "data.not_utf8"
        } else {
            not_a(column_type)
        }
    })
}

fn type_json(column_type: ColumnType, json: &Json) -> Result<Typed<'_>, &'static str> {
    match (column_type, json) {
        (ColumnType::Integer, Json::Number(n)) => {
            n.as_i64().map(Typed::Integer).ok_or("data.not_integer")
        }
        (ColumnType::Decimal, Json::Number(n)) => json_decimal(n)
            .map(Typed::Decimal)
            .ok_or("data.not_decimal"),
        (ColumnType::Boolean, Json::Bool(b)) => Ok(Typed::Boolean(*b)),
        (ColumnType::Choices, Json::Array(items)) => joined_choices(items),
        _ => Err("data.wrong_type"),
    }
}

/// A JSON number as an exact decimal: whole numbers as they are, others as the shortest
/// decimal that gives back the same binary64 (Rust's `f64` display: `0.1` → 0.1, `1e3` →
/// 1000), the rule of the form module.
fn json_decimal(n: &serde_json::Number) -> Option<Decimal> {
    if let Some(whole) = n.as_i64() {
        return Some(Decimal::from(whole));
    }
    if let Some(whole) = n.as_u64() {
        return Some(Decimal::from(whole));
    }
    parse_decimal(&n.as_f64()?.to_string()).ok()
}

/// An array of choice names as the stored text: names joined by one space; `[]` is empty.
fn joined_choices(items: &[Json]) -> Result<Typed<'static>, &'static str> {
    let names: Option<Vec<&str>> = items.iter().map(Json::as_str).collect();
    match names {
        Some(names) if names.iter().all(|n| n.is_empty()) => Ok(Typed::Empty),
        Some(names) => Ok(Typed::Text(Cow::Owned(names.join(" ")))),
        None => Err("data.wrong_type"),
    }
}

/// The code for a text that is not a value of `column_type`.
fn not_a(column_type: ColumnType) -> &'static str {
    match column_type {
        ColumnType::Integer => "data.not_integer",
        ColumnType::Decimal => "data.not_decimal",
        ColumnType::Boolean => "data.not_boolean",
        ColumnType::Date => "data.not_date",
        ColumnType::DateTime => "data.not_date_time",
        ColumnType::Text | ColumnType::Choices => "data.not_utf8",
    }
}

fn as_text(bytes: &[u8]) -> Option<&str> {
    std::str::from_utf8(bytes).ok()
}

/// `-?[0-9]+` in the i64 range, read straight from the bytes (no allocation, no UTF-8 pass).
pub(crate) fn parse_integer(bytes: &[u8]) -> Option<i64> {
    let (negative, digits) = match bytes.split_first() {
        Some((b'-', rest)) => (true, rest),
        _ => (false, bytes),
    };
    if digits.is_empty() {
        return None;
    }
    let mut value: i64 = 0;
    for &byte in digits {
        let digit = i64::from(byte.checked_sub(b'0').filter(|d| *d <= 9)?);
        // Accumulating negatively reaches i64::MIN, whose magnitude no positive i64 holds.
        value = value.checked_mul(10)?;
        value = if negative {
            value.checked_sub(digit)?
        } else {
            value.checked_add(digit)?
        };
    }
    Some(value)
}

/// `true`/`false`, `1`/`0`, `yes`/`no`, ASCII case-insensitive.
pub(crate) fn parse_boolean(bytes: &[u8]) -> Option<bool> {
    const TRUE: [&[u8]; 3] = [b"true", b"1", b"yes"];
    const FALSE: [&[u8]; 3] = [b"false", b"0", b"no"];
    let is = |words: [&[u8]; 3]| words.iter().any(|w| w.eq_ignore_ascii_case(bytes));
    if is(TRUE) {
        Some(true)
    } else if is(FALSE) {
        Some(false)
    } else {
        None
    }
}

/// Exactly `YYYY-MM-DD` (the rule of [`crate::input::parse_date`]), read from the bytes.
pub(crate) fn parse_date(bytes: &[u8]) -> Option<NaiveDate> {
    let [y1, y2, y3, y4, b'-', m1, m2, b'-', d1, d2] = *bytes else {
        return None;
    };
    let number = |digits: &[u8]| {
        digits.iter().try_fold(0u32, |acc, &b| {
            b.is_ascii_digit().then(|| acc * 10 + u32::from(b - b'0'))
        })
    };
    let year = i32::try_from(number(&[y1, y2, y3, y4])?).ok()?;
    NaiveDate::from_ymd_opt(year, number(&[m1, m2])?, number(&[d1, d2])?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(column_type: ColumnType, cell: &str) -> Result<Typed<'_>, &'static str> {
        type_cell(column_type, Cell::Text(cell.as_bytes()))
    }

    #[test]
    fn integers_follow_the_form_rule() {
        assert_eq!(parse_integer(b"42"), Some(42));
        assert_eq!(parse_integer(b"-7"), Some(-7));
        assert_eq!(parse_integer(b"007"), Some(7));
        assert_eq!(parse_integer(b"9223372036854775807"), Some(i64::MAX));
        assert_eq!(parse_integer(b"-9223372036854775808"), Some(i64::MIN));
        for bad in [
            "",
            "-",
            "24.0",
            "+5",
            " 5",
            "5 ",
            "1e2",
            "9223372036854775808",
            "٣",
        ] {
            assert_eq!(parse_integer(bad.as_bytes()), None, "{bad}");
        }
    }

    #[test]
    fn booleans_take_three_spellings_in_any_case() {
        for (cell, value) in [
            ("TRUE", true),
            ("1", true),
            ("Yes", true),
            ("false", false),
            ("0", false),
            ("NO", false),
        ] {
            assert_eq!(parse_boolean(cell.as_bytes()), Some(value), "{cell}");
        }
        for bad in ["y", "n", "oui", "2", "true "] {
            assert_eq!(parse_boolean(bad.as_bytes()), None, "{bad}");
        }
    }

    #[test]
    fn dates_match_the_input_rule() {
        for cell in [
            "2026-02-28",
            "2026-02-29",
            "2026-2-28",
            "0000-01-01",
            "2026-13-01",
            "20260228",
            "2026/02/28",
            "１２３４-01-01",
        ] {
            assert_eq!(
                parse_date(cell.as_bytes()),
                crate::input::parse_date(cell).ok(),
                "{cell}"
            );
        }
    }

    #[test]
    fn every_problem_has_its_code() {
        assert_eq!(text(ColumnType::Integer, "24.0"), Err("data.not_integer"));
        assert_eq!(text(ColumnType::Decimal, "1,5"), Err("data.not_decimal"));
        assert_eq!(
            text(ColumnType::Decimal, " 1.50 "),
            Ok(Typed::Decimal(Decimal::new(150, 2)))
        );
        assert_eq!(text(ColumnType::Boolean, "maybe"), Err("data.not_boolean"));
        assert_eq!(text(ColumnType::Date, "31/03/2026"), Err("data.not_date"));
        assert_eq!(
            text(ColumnType::DateTime, "2026-03-31T10:00:00"),
            Err("data.not_date_time")
        );
        assert_eq!(
            type_cell(ColumnType::Text, Cell::Text(b"\xff")),
            Err("data.not_utf8")
        );
        assert_eq!(
            type_cell(ColumnType::Integer, Cell::Text(b"\xff")),
            Err("data.not_utf8")
        );
        assert_eq!(text(ColumnType::Text, ""), Ok(Typed::Empty));
        assert_eq!(
            text(ColumnType::Text, " "),
            Ok(Typed::Text(Cow::Borrowed(" ")))
        );
    }

    #[test]
    fn json_values_are_typed_natively_or_as_text() {
        let json = |column_type, raw: &str| {
            let value: Json = serde_json::from_str(raw).unwrap();
            type_cell(column_type, Cell::Json(&value)).map(|t| format!("{t:?}"))
        };
        assert_eq!(json(ColumnType::Integer, "12"), Ok("Integer(12)".into()));
        assert_eq!(json(ColumnType::Integer, "24.0"), Err("data.not_integer"));
        assert_eq!(json(ColumnType::Integer, "true"), Err("data.wrong_type"));
        assert_eq!(json(ColumnType::Decimal, "0.1"), Ok("Decimal(0.1)".into()));
        assert_eq!(json(ColumnType::Decimal, "1e30"), Err("data.not_decimal"));
        assert_eq!(
            json(ColumnType::Boolean, "false"),
            Ok("Boolean(false)".into())
        );
        assert_eq!(
            json(ColumnType::Choices, r#"["a","b"]"#),
            Ok(r#"Text("a b")"#.into())
        );
        assert_eq!(json(ColumnType::Choices, "[]"), Ok("Empty".into()));
        assert_eq!(json(ColumnType::Choices, "[1]"), Err("data.wrong_type"));
        assert_eq!(json(ColumnType::Text, "12"), Err("data.wrong_type"));
        assert_eq!(json(ColumnType::Date, "{}"), Err("data.wrong_type"));
    }
}
