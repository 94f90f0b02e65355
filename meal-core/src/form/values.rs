//! Submission values: the typing of one value of the submission's JSON tree ([`Json`]) against
//! a field type into the expression [`Value`] and the canonical JSON of `cleaned`.

use std::str::FromStr;

use crate::expr::Value;
use chrono::{DateTime, NaiveTime};
use rust_decimal::Decimal;

pub(crate) use super::json::{parse, Json};

/// The runtime type of a value-holding field.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Kind {
    Text,
    Integer,
    Decimal,
    Range {
        start: Decimal,
        end: Decimal,
        step: Decimal,
    },
    Date,
    Time,
    DateTime,
    SelectOne(usize),
    SelectMultiple(usize),
    Acknowledge,
    Geopoint,
    Note,
    Calculate,
    Group,
    Repeat,
}

/// How the canonical JSON of a value is written in `cleaned`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Canon {
    /// The submitted string, as given.
    Raw,
    /// A JSON integer.
    Int(i64),
    /// The text of the typed value (normalised decimals, joined selections, geopoints).
    Text,
}

/// A value read against its field type.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Typed {
    /// Absent, null, `""` or `[]`.
    Empty,
    /// The value for expressions (left `Empty` for a text-like value no expression reads,
    /// to save a copy) and how to write it in `cleaned`.
    Ok(Value, Canon),
    /// Not a value of the type: the code, and params beyond `value`.
    Bad(&'static str, Vec<(&'static str, String)>),
}

fn bad(code: &'static str) -> Typed {
    Typed::Bad(code, Vec::new())
}

/// Reads `raw` as a value of `kind`. `choice` tells whether a choice name is in list `list`;
/// `want` whether an expression will read the value (else text-like values are not copied).
pub(crate) fn typed(
    kind: &Kind,
    raw: &Json<'_>,
    choice: &dyn Fn(usize, &str) -> bool,
    want: bool,
) -> Typed {
    if raw.is_empty() {
        return Typed::Empty;
    }
    let text = |s: &str| {
        if want {
            Value::Text(s.to_owned())
        } else {
            Value::Empty
        }
    };
    match kind {
        Kind::Text | Kind::Calculate | Kind::Note | Kind::Group | Kind::Repeat => match raw {
            Json::Str(s) => Typed::Ok(text(s), Canon::Raw),
            _ => bad("form.invalid_text"),
        },
        Kind::Integer => match integer(raw) {
            Some(i) => Typed::Ok(Value::Number(Some(Decimal::from(i))), Canon::Int(i)),
            None => bad("form.invalid_integer"),
        },
        Kind::Decimal => match decimal(raw) {
            Some(d) => decimal_value(d),
            None => bad("form.invalid_decimal"),
        },
        Kind::Range { start, end, step } => match decimal(raw) {
            None => bad("form.invalid_decimal"),
            Some(d) => {
                let (low, high) = if start <= end {
                    (start, end)
                } else {
                    (end, start)
                };
                if d < *low || d > *high {
                    Typed::Bad(
                        "form.range_bounds",
                        vec![("start", start.to_string()), ("end", end.to_string())],
                    )
                } else if !step.is_zero()
                    && !(d - start).checked_rem(*step).is_some_and(|r| r.is_zero())
                {
                    Typed::Bad("form.range_step", vec![("step", step.to_string())])
                } else {
                    decimal_value(d)
                }
            }
        },
        Kind::Date => match raw {
            Json::Str(s) => match date(s) {
                Some(d) => Typed::Ok(Value::Date(d), Canon::Raw),
                None => bad("form.invalid_date"),
            },
            _ => bad("form.invalid_date"),
        },
        Kind::Time => match raw {
            Json::Str(s) if is_time(s) => Typed::Ok(text(s), Canon::Raw),
            _ => bad("form.invalid_time"),
        },
        Kind::DateTime => match raw {
            Json::Str(s) => match date_time(s) {
                Some(v) => Typed::Ok(v, Canon::Raw),
                None => bad("form.invalid_datetime"),
            },
            _ => bad("form.invalid_datetime"),
        },
        Kind::SelectOne(list) => match raw {
            Json::Str(s) if choice(*list, s) => Typed::Ok(text(s), Canon::Raw),
            Json::Str(_) => bad("form.choice_not_in_list"),
            _ => bad("form.invalid_select"),
        },
        Kind::SelectMultiple(list) => select_multiple(*list, raw, choice),
        Kind::Acknowledge => match raw {
            Json::Str(s) if s == "OK" => Typed::Ok(text(s), Canon::Raw),
            _ => bad("form.invalid_acknowledge"),
        },
        Kind::Geopoint => match geopoint(raw) {
            Some(text) => Typed::Ok(Value::Text(text), Canon::Text),
            None => bad("form.invalid_geopoint"),
        },
    }
}

/// The canonical JSON of a value read as `Typed::Ok(value, canon)` from `raw`.
pub(crate) fn canonical(raw: &Json<'_>, value: &Value, canon: Canon) -> serde_json::Value {
    match canon {
        Canon::Raw => raw.to_value(),
        Canon::Int(i) => serde_json::Value::from(i),
        Canon::Text => serde_json::Value::String(value.to_text()),
    }
}

/// `YYYY-MM-DD`, read by hand (chrono's format parser is slow for a hot path); the same rule
/// as [`crate::input::parse_date`].
pub(crate) fn date(s: &str) -> Option<chrono::NaiveDate> {
    let b = s.as_bytes();
    if b.len() != 10 || b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
        return None;
    }
    let num = |from: usize, to: usize| -> Option<u32> {
        let part = b.get(from..to)?;
        part.iter().try_fold(0u32, |acc, c| {
            c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0'))
        })
    };
    let year = i32::try_from(num(0, 4)?).ok()?;
    chrono::NaiveDate::from_ymd_opt(year, num(5, 7)?, num(8, 10)?)
}

fn decimal_value(d: Decimal) -> Typed {
    Typed::Ok(Value::Number(Some(d.normalize())), Canon::Text)
}

/// An integer: a JSON integer in the i64 range, or a string of ASCII digits with an optional
/// leading `-`. `24.0` and `"24.0"` are refused (as ODK Collect does; Enketo accepted them,
/// enketo/enketo#527).
pub(crate) fn integer(raw: &Json<'_>) -> Option<i64> {
    match raw {
        Json::Int(i) => Some(*i),
        Json::UInt(u) => i64::try_from(*u).ok(),
        Json::Str(s) => {
            let digits = s.strip_prefix('-').unwrap_or(s);
            if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            s.parse().ok()
        }
        _ => None,
    }
}

/// A decimal: a JSON number (read as the shortest decimal that gives back the same binary64
/// number, so `0.1` is exactly 0.1) or a string in plain or scientific notation.
pub(crate) fn decimal(raw: &Json<'_>) -> Option<Decimal> {
    match raw {
        Json::Int(i) => Some(Decimal::from(*i)),
        Json::UInt(u) => Some(Decimal::from(*u)),
        Json::Float(f) => decimal_text(&f.to_string()),
        Json::Str(s) => decimal_text(s),
        _ => None,
    }
}

/// `-?digits(.digits)?([eE][+-]?digits)?`, also `.5` and `5.`; nothing else (no spaces, no
/// `NaN`, no `+`).
pub(crate) fn decimal_text(s: &str) -> Option<Decimal> {
    let body = s.strip_prefix('-').unwrap_or(s);
    let (mantissa, exponent) = match body.find(['e', 'E']) {
        Some(at) => (body.get(..at)?, Some(body.get(at + 1..)?)),
        None => (body, None),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits = |t: &str| t.bytes().all(|b| b.is_ascii_digit());
    if (int.is_empty() && frac.is_empty()) || !digits(int) || !digits(frac) {
        return None;
    }
    match exponent {
        None => Decimal::from_str(s).ok(),
        Some(e) => {
            let e = e.strip_prefix(['+', '-']).unwrap_or(e);
            if e.is_empty() || !digits(e) {
                return None;
            }
            Decimal::from_scientific(s).ok()
        }
    }
}

/// `HH:MM`, `HH:MM:SS` or `HH:MM:SS.fff`, optionally followed by `Z` or `±HH:MM` (ODK times
/// carry the device's offset).
pub(crate) fn is_time(s: &str) -> bool {
    let (core, offset) = if let Some(core) = s.strip_suffix('Z') {
        (core, None)
    } else if s.len() > 6 && matches!(s.as_bytes().get(s.len() - 6), Some(b'+' | b'-')) {
        (s.get(..s.len() - 6).unwrap_or(""), s.get(s.len() - 5..))
    } else {
        (s, None)
    };
    if let Some(offset) = offset {
        if !shaped_hh_mm(offset)
            || NaiveTime::parse_from_str(&format!("{offset}:00"), "%H:%M:%S").is_err()
        {
            return false;
        }
    }
    let ok_shape = match core.len() {
        5 => shaped_hh_mm(core),
        8 => shaped_hh_mm(core.get(..5).unwrap_or("")) && seconds(core.get(5..).unwrap_or("")),
        n if n > 9 => {
            shaped_hh_mm(core.get(..5).unwrap_or(""))
                && seconds(core.get(5..8).unwrap_or(""))
                && core.as_bytes().get(8) == Some(&b'.')
                && core
                    .get(9..)
                    .is_some_and(|f| f.bytes().all(|b| b.is_ascii_digit()))
        }
        _ => false,
    };
    ok_shape
        && NaiveTime::parse_from_str(core, "%H:%M:%S%.f")
            .or_else(|_| NaiveTime::parse_from_str(core, "%H:%M"))
            .is_ok()
}

fn shaped_hh_mm(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 5
        && b.iter().enumerate().all(|(i, c)| {
            if i == 2 {
                *c == b':'
            } else {
                c.is_ascii_digit()
            }
        })
}

fn seconds(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 3 && b.first() == Some(&b':') && b.iter().skip(1).all(u8::is_ascii_digit)
}

/// RFC 3339 with its offset (`2026-11-27T10:00:00+01:00`, `…Z`); the offset is kept.
pub(crate) fn date_time(s: &str) -> Option<Value> {
    let shaped = s.len() >= 20 && s.as_bytes().get(10).is_some_and(|b| *b == b'T');
    shaped
        .then(|| DateTime::parse_from_rfc3339(s).ok())
        .flatten()
        .map(Value::DateTime)
}

fn select_multiple(list: usize, raw: &Json<'_>, choice: &dyn Fn(usize, &str) -> bool) -> Typed {
    let mut names: Vec<&str> = Vec::new();
    match raw {
        Json::Str(s) => names.extend(s.split(' ').filter(|n| !n.is_empty())),
        Json::Array(items) => {
            for item in items {
                match item {
                    Json::Str(s) if !s.is_empty() && !s.contains(' ') => names.push(s),
                    _ => return bad("form.invalid_select"),
                }
            }
        }
        _ => return bad("form.invalid_select"),
    }
    if names.is_empty() {
        return Typed::Empty;
    }
    for (i, name) in names.iter().enumerate() {
        if !choice(list, name) {
            return Typed::Bad(
                "form.choice_not_in_list",
                vec![("choice", (*name).to_owned())],
            );
        }
        if names.iter().take(i).any(|earlier| earlier == name) {
            return Typed::Bad(
                "form.duplicate_selection",
                vec![("choice", (*name).to_owned())],
            );
        }
    }
    Typed::Ok(Value::Text(names.join(" ")), Canon::Text)
}

/// A geopoint: `"lat lon [alt [accuracy]]"` (ODK storage, separated by spaces) or a JSON array
/// of 2 to 4 numbers. Latitude −90…90, longitude −180…180 (Enketo accepts ±360), accuracy ≥ 0.
/// Canonical form: the numbers normalised, separated by one space.
pub(crate) fn geopoint(raw: &Json<'_>) -> Option<String> {
    // Read into a fixed array (a fifth number is refused): no vector per submission.
    let mut parts = [Decimal::ZERO; 4];
    let mut count = 0;
    let mut put = |d: Option<Decimal>| -> Option<()> {
        *parts.get_mut(count)? = d?;
        count += 1;
        Some(())
    };
    match raw {
        Json::Str(s) => s
            .split_whitespace()
            .try_for_each(|p| put(decimal_text(p)))?,
        Json::Array(items) => items.iter().try_for_each(|item| put(decimal(item)))?,
        _ => return None,
    }
    let parts = parts.get(..count)?;
    if !(2..=4).contains(&parts.len()) {
        return None;
    }
    let lat = parts.first()?;
    let lon = parts.get(1)?;
    let ninety = Decimal::from(90);
    let one_eighty = Decimal::from(180);
    let accuracy_ok = parts.get(3).is_none_or(|a| !a.is_sign_negative());
    if lat.abs() > ninety || lon.abs() > one_eighty || !accuracy_ok {
        return None;
    }
    let mut out = String::with_capacity(16 * parts.len());
    for (i, d) in parts.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(&crate::expr::number_text(*d));
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn yes(_: usize, name: &str) -> bool {
        ["a", "b", "c"].contains(&name)
    }

    fn t(kind: &Kind, text: &str) -> Typed {
        typed(kind, &parse(text).unwrap(), &yes, true)
    }

    /// The canonical JSON in place of the `Canon` marker.
    fn canon_of(kind: &Kind, text: &str) -> (Typed, serde_json::Value) {
        let raw = parse(text).unwrap();
        let typed = typed(kind, &raw, &yes, true);
        let json = match &typed {
            Typed::Ok(v, canon) => canonical(&raw, v, *canon),
            _ => serde_json::Value::Null,
        };
        (typed, json)
    }

    #[test]
    fn integers_are_strict() {
        let k = Kind::Integer;
        assert!(matches!(t(&k, "24"), Typed::Ok(_, _)));
        assert!(matches!(t(&k, "\"-24\""), Typed::Ok(_, _)));
        for bad in [
            "24.0",
            "\"24.0\"",
            "\"24.\"",
            "\" 24\"",
            "\"+1\"",
            "true",
            "1e3",
            "9223372036854775808",
            "\"-\"",
        ] {
            assert!(
                matches!(t(&k, bad), Typed::Bad("form.invalid_integer", _)),
                "{bad}"
            );
        }
        assert_eq!(t(&k, "null"), Typed::Empty);
        assert_eq!(t(&k, "\"\""), Typed::Empty);
    }

    #[test]
    fn decimals_are_exact_and_canonical() {
        let (Typed::Ok(v, _), c) = canon_of(&Kind::Decimal, "0.1") else {
            panic!()
        };
        assert_eq!(v, Value::Number(Some(Decimal::new(1, 1))));
        assert_eq!(c, serde_json::json!("0.1"));
        let (Typed::Ok(_, _), c) = canon_of(&Kind::Decimal, "\"12.50\"") else {
            panic!()
        };
        assert_eq!(c, serde_json::json!("12.5"));
        assert!(matches!(t(&Kind::Decimal, "\"1e2\""), Typed::Ok(_, _)));
        for bad in [
            "\"NaN\"", "\"1,5\"", "\" 1\"", "\"+1\"", "\".\"", "\"1e\"", "[1]",
        ] {
            assert!(
                matches!(
                    t(&Kind::Decimal, bad),
                    Typed::Bad("form.invalid_decimal", _)
                ),
                "{bad}"
            );
        }
    }

    #[test]
    fn ranges_check_bounds_and_step() {
        let k = Kind::Range {
            start: Decimal::from(0),
            end: Decimal::from(10),
            step: Decimal::new(5, 1),
        };
        assert!(matches!(t(&k, "2.5"), Typed::Ok(_, _)));
        assert!(matches!(t(&k, "2.25"), Typed::Bad("form.range_step", _)));
        assert!(matches!(t(&k, "11"), Typed::Bad("form.range_bounds", _)));
    }

    #[test]
    fn dates_times_and_datetimes() {
        assert!(matches!(t(&Kind::Date, "\"2026-02-28\""), Typed::Ok(_, _)));
        assert!(matches!(
            t(&Kind::Date, "\"2026-02-30\""),
            Typed::Bad("form.invalid_date", _)
        ));
        for ok in [
            "\"10:30\"",
            "\"10:30:00\"",
            "\"10:30:00.000+01:00\"",
            "\"23:59:59Z\"",
        ] {
            assert!(matches!(t(&Kind::Time, ok), Typed::Ok(_, _)), "{ok}");
        }
        for bad in [
            "\"24:00\"",
            "\"9:30\"",
            "\"10:30:00+1:00\"",
            "\"10:61\"",
            "\"10:30:00.\"",
        ] {
            assert!(matches!(t(&Kind::Time, bad), Typed::Bad(_, _)), "{bad}");
        }
        let (Typed::Ok(Value::DateTime(dt), _), c) =
            canon_of(&Kind::DateTime, "\"2026-11-27T10:00:00.5+01:00\"")
        else {
            panic!()
        };
        assert_eq!(dt.offset().local_minus_utc(), 3600);
        assert_eq!(c, serde_json::json!("2026-11-27T10:00:00.5+01:00"));
        assert!(matches!(
            t(&Kind::DateTime, "\"2026-11-27T10:00:00\""),
            Typed::Bad(_, _)
        ));
        assert!(matches!(
            t(&Kind::DateTime, "\"2026-11-27 10:00:00Z\""),
            Typed::Bad(_, _)
        ));
    }

    #[test]
    fn selects() {
        assert!(matches!(t(&Kind::SelectOne(0), "\"a\""), Typed::Ok(_, _)));
        assert!(matches!(
            t(&Kind::SelectOne(0), "\"z\""),
            Typed::Bad("form.choice_not_in_list", _)
        ));
        assert!(matches!(
            t(&Kind::SelectOne(0), "1"),
            Typed::Bad("form.invalid_select", _)
        ));
        let (Typed::Ok(_, _), c) = canon_of(&Kind::SelectMultiple(0), "[\"b\", \"a\"]") else {
            panic!()
        };
        assert_eq!(c, serde_json::json!("b a"));
        let (Typed::Ok(_, _), c) = canon_of(&Kind::SelectMultiple(0), "\"c  a\"") else {
            panic!()
        };
        assert_eq!(c, serde_json::json!("c a"));
        assert!(matches!(
            t(&Kind::SelectMultiple(0), "\"a a\""),
            Typed::Bad("form.duplicate_selection", _)
        ));
        assert!(matches!(
            t(&Kind::SelectMultiple(0), "[\"a b\"]"),
            Typed::Bad("form.invalid_select", _)
        ));
        assert_eq!(t(&Kind::SelectMultiple(0), "\"  \""), Typed::Empty);
    }

    #[test]
    fn geopoints_and_acknowledge() {
        let (Typed::Ok(_, _), c) = canon_of(&Kind::Geopoint, "\"12.50  -1.0 300 5\"") else {
            panic!()
        };
        assert_eq!(c, serde_json::json!("12.5 -1 300 5"));
        assert!(matches!(t(&Kind::Geopoint, "[12.5, 179]"), Typed::Ok(_, _)));
        for bad in [
            "\"91 0\"",
            "\"0 181\"",
            "\"0 200\"",
            "\"1\"",
            "\"1 2 3 -4\"",
            "\"1 2 3 4 5\"",
            "12",
        ] {
            assert!(
                matches!(
                    t(&Kind::Geopoint, bad),
                    Typed::Bad("form.invalid_geopoint", _)
                ),
                "{bad}"
            );
        }
        assert!(matches!(t(&Kind::Acknowledge, "\"OK\""), Typed::Ok(_, _)));
        assert!(matches!(t(&Kind::Acknowledge, "true"), Typed::Bad(_, _)));
    }
}
