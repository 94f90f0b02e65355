//! Conversions between values: to text, to number, to boolean, to dates; JSON in; comparison.

use std::borrow::Cow;
use std::cmp::Ordering;

use chrono::{DateTime, FixedOffset, NaiveDate};
use rust_decimal::Decimal;

use super::ast::BinOp;
use super::Value;

/// 1970-01-01, day 0 of `date()` and `decimal-date-time()`.
pub(crate) fn epoch() -> NaiveDate {
    NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default()
}

/// Seconds in a day, for fractional days.
const DAY_SECONDS: i64 = 86_400;

impl Value {
    /// Reads a number as XPath 1.0 does (`number()`): optional whitespace, an optional `-`,
    /// digits with an optional fraction (`12`, `-0.5`, `.5`, `3.`); nothing else (no `+`, no
    /// exponent, no thousands separator). `None` when the text is not such a number or does not
    /// fit a 96-bit decimal with at most 28 decimal places.
    pub fn parse_number(text: &str) -> Option<Decimal> {
        let trimmed = text.trim_matches(|c| matches!(c, ' ' | '\t' | '\n' | '\r'));
        let unsigned = trimmed.strip_prefix('-').unwrap_or(trimmed);
        let (int, frac) = unsigned.split_once('.').unwrap_or((unsigned, ""));
        let shaped = !(int.is_empty() && frac.is_empty())
            && int.chars().all(|c| c.is_ascii_digit())
            && frac.chars().all(|c| c.is_ascii_digit());
        if !shaped {
            return None;
        }
        let plain = trimmed.strip_suffix('.').unwrap_or(trimmed);
        Decimal::from_str_exact(plain).ok().map(|d| d.normalize())
    }

    /// Reads an ISO calendar date `YYYY-MM-DD`.
    pub fn parse_date(text: &str) -> Option<NaiveDate> {
        crate::input::parse_date(text.trim()).ok()
    }

    /// Reads an RFC 3339 date-time with its offset (`2026-11-27T10:00:00+01:00`,
    /// `2026-11-27T09:00:00.250Z`).
    pub fn parse_datetime(text: &str) -> Option<DateTime<FixedOffset>> {
        DateTime::parse_from_rfc3339(text.trim()).ok()
    }

    /// Maps a JSON value to a value, the one mapping every binding and the vectors use:
    /// string → `Text`, number → `Number` (exact decimal of its JSON spelling; NaN when it does
    /// not fit), `true`/`false` → `Bool`, `null` → `Empty`, array → `List` (each item mapped the
    /// same way), object → `Empty`. Strings are never guessed into dates or numbers: conversions
    /// happen where the expression asks for them.
    pub fn from_json(json: &serde_json::Value) -> Value {
        match json {
            serde_json::Value::Null | serde_json::Value::Object(_) => Value::Empty,
            serde_json::Value::Bool(b) => Value::Bool(*b),
            serde_json::Value::Number(n) => {
                let text = n.to_string();
                Value::Number(
                    Decimal::from_str_exact(&text)
                        .or_else(|_| Decimal::from_scientific(&text))
                        .ok()
                        .map(|d| d.normalize()),
                )
            }
            serde_json::Value::String(s) => Value::Text(s.clone()),
            serde_json::Value::Array(items) => {
                Value::List(items.iter().map(Value::from_json).collect())
            }
        }
    }

    /// The value as a number (XPath `number()` with this library's rules): `Empty` and text that
    /// is not a number are NaN (`None`); text holding an ISO date or date-time counts its days
    /// since 1970-01-01; `true` is 1 and `false` 0; a date is its day count, a date-time its
    /// fractional day count (UTC); a list converts through its text.
    pub fn to_number(&self) -> Option<Decimal> {
        match self {
            Value::Empty => None,
            Value::Number(n) => *n,
            Value::Bool(b) => Some(if *b { Decimal::ONE } else { Decimal::ZERO }),
            Value::Date(d) => Some(days(*d)),
            Value::DateTime(dt) => decimal_days(dt),
            Value::Text(text) => Value::parse_number(text)
                .or_else(|| Value::parse_date(text).map(days))
                .or_else(|| Value::parse_datetime(text).and_then(|dt| decimal_days(&dt))),
            Value::List(_) => Value::parse_number(&self.to_text()),
        }
    }

    /// The value as a date, for `date()`, `format-date()` and comparisons with dates: a date;
    /// a date-time's date in its own offset; text holding an ISO date or date-time; a number of
    /// days since 1970-01-01 (fraction dropped toward the past). `None` otherwise.
    pub fn to_date(&self) -> Option<NaiveDate> {
        match self {
            Value::Date(d) => Some(*d),
            Value::DateTime(dt) => Some(dt.date_naive()),
            Value::Text(text) => Value::parse_date(text)
                .or_else(|| Value::parse_datetime(text).map(|dt| dt.date_naive()))
                .or_else(|| date_from_days(Value::parse_number(text)?)),
            Value::Number(Some(n)) => date_from_days(*n),
            Value::List(_) => Value::Text(self.to_text()).to_date(),
            Value::Empty | Value::Number(None) | Value::Bool(_) => None,
        }
    }

    /// True when the value is blank: `Empty`, empty text, or a list whose text is empty.
    pub fn is_empty(&self) -> bool {
        match self {
            Value::Empty => true,
            Value::Text(t) => t.is_empty(),
            Value::List(items) => items.iter().all(Value::is_empty),
            _ => false,
        }
    }
}

/// Days since 1970-01-01.
pub(crate) fn days(date: NaiveDate) -> Decimal {
    Decimal::from(date.signed_duration_since(epoch()).num_days())
}

/// Fractional days since 1970-01-01T00:00:00Z, exact to the millisecond input, rounded to
/// 28 significant places by the decimal division.
pub(crate) fn decimal_days(dt: &DateTime<FixedOffset>) -> Option<Decimal> {
    let millis = Decimal::from(dt.timestamp_millis());
    millis
        .checked_div(Decimal::from(DAY_SECONDS * 1000))
        .map(|d| d.normalize())
}

/// The date `n` days after 1970-01-01 (a fraction counts toward the past: −0.5 is 1969-12-31).
pub(crate) fn date_from_days(n: Decimal) -> Option<NaiveDate> {
    use rust_decimal::prelude::ToPrimitive;
    let whole = n.floor().to_i64()?;
    epoch().checked_add_signed(chrono::TimeDelta::try_days(whole)?)
}

/// Normalised decimal text; `-0` is `0`.
pub(crate) fn number_text(n: Decimal) -> String {
    // What `Display` writes (sign, digits, `scale` of them after the point), without its
    // formatting machinery: this runs for every number of every `cleaned`.
    use std::fmt::Write;
    let n = n.normalize();
    let magnitude = n.mantissa().unsigned_abs();
    let scale = usize::try_from(n.scale()).unwrap_or(0);
    // 29 digits at most, a sign, `0.` and up to 28 zeros: one allocation, never regrown.
    let mut out = String::with_capacity(if scale == 0 { 24 } else { 64 });
    if n.is_sign_negative() {
        out.push('-');
    }
    let start = out.len();
    let _ = match u64::try_from(magnitude) {
        Ok(small) => write!(out, "{small}"),
        Err(_) => write!(out, "{magnitude}"),
    };
    let digits = out.len() - start;
    if scale > 0 {
        if digits > scale {
            out.insert(out.len() - scale, '.');
        } else {
            let zeros = "0.0000000000000000000000000000";
            out.insert_str(start, zeros.get(..2 + scale - digits).unwrap_or("0."));
        }
    }
    out
}

/// XPath `string()`, see [`Value::to_text`].
pub(crate) fn text_of(value: &Value) -> String {
    match value {
        Value::Empty => String::new(),
        Value::Text(t) => t.clone(),
        Value::Number(Some(n)) => number_text(*n),
        Value::Number(None) => "NaN".to_owned(),
        Value::Bool(b) => if *b { "true" } else { "false" }.to_owned(),
        Value::Date(d) => d.format("%Y-%m-%d").to_string(),
        Value::DateTime(dt) => dt.format("%Y-%m-%dT%H:%M:%S%.3f%:z").to_string(),
        Value::List(items) => items.iter().map(text_of).collect::<Vec<_>>().join(" "),
    }
}

/// [`text_of`] without a copy when the text is already there (text, empty, booleans, NaN).
pub(crate) fn text_cow(value: &Value) -> Cow<'_, str> {
    match value {
        Value::Empty => Cow::Borrowed(""),
        Value::Text(t) => Cow::Borrowed(t),
        Value::Number(None) => Cow::Borrowed("NaN"),
        Value::Bool(b) => Cow::Borrowed(if *b { "true" } else { "false" }),
        other => Cow::Owned(text_of(other)),
    }
}

/// [`text_of`] of a value that may be owned: an owned text moves instead of being copied.
pub(crate) fn text_of_cow<'a>(value: Cow<'a, Value>) -> Cow<'a, str> {
    match value {
        Cow::Borrowed(v) => text_cow(v),
        Cow::Owned(Value::Text(t)) => Cow::Owned(t),
        Cow::Owned(other) => Cow::Owned(text_of(&other)),
    }
}

/// XPath `boolean()`, see [`Value::truthy`].
pub(crate) fn truthy(value: &Value) -> bool {
    match value {
        Value::Empty => false,
        Value::Text(t) => !t.is_empty(),
        Value::Number(n) => n.is_some_and(|n| !n.is_zero()),
        Value::Bool(b) => *b,
        Value::Date(_) | Value::DateTime(_) => true,
        Value::List(items) => !items.is_empty(),
    }
}

fn is_temporal(value: &Value) -> bool {
    matches!(value, Value::Date(_) | Value::DateTime(_))
}

/// A date-like value's position in time as fractional days, for comparisons.
fn temporal_days(value: &Value) -> Option<Decimal> {
    match value {
        Value::Date(d) => Some(days(*d)),
        Value::DateTime(dt) => decimal_days(dt),
        Value::Text(text) => Value::parse_date(text)
            .map(days)
            .or_else(|| Value::parse_datetime(text).and_then(|dt| decimal_days(&dt))),
        Value::Number(n) => *n,
        _ => None,
    }
}

/// Compares two values with a comparison operator (`= != < <= > >=`), XPath 1.0 style:
/// * a list compares item by item: true if any item satisfies the comparison;
/// * `=`/`!=` with a boolean compare booleans;
/// * with a date or date-time, the other side is read as a date (text) or day count (number);
///   what cannot be read makes `=` and the order comparisons false and `!=` true;
/// * `=`/`!=` with a number compare numbers, otherwise texts (so `'' = ''` and an empty field
///   equals `''`);
/// * `< <= > >=` compare numbers (text converted; NaN makes them false).
pub(crate) fn compare(op: BinOp, left: &Value, right: &Value) -> bool {
    // The shapes forms compare on every submission, answered before the general rules (which
    // give the same result for them): two numbers, and two texts for (in)equality.
    match (left, right) {
        (Value::Number(Some(a)), Value::Number(Some(b))) => {
            return holds(op, Some(compare_decimals(a, b)))
        }
        (Value::Text(a), Value::Text(b)) if matches!(op, BinOp::Eq | BinOp::Ne) => {
            return (a == b) == (op == BinOp::Eq)
        }
        _ => {}
    }
    if let Value::List(items) = left {
        return items.iter().any(|item| compare(op, item, right));
    }
    if let Value::List(items) = right {
        return items.iter().any(|item| compare(op, left, item));
    }
    let equality = matches!(op, BinOp::Eq | BinOp::Ne);
    if equality && (matches!(left, Value::Bool(_)) || matches!(right, Value::Bool(_))) {
        let same = truthy(left) == truthy(right);
        return if op == BinOp::Eq { same } else { !same };
    }
    let ordering = if is_temporal(left) || is_temporal(right) {
        match (temporal_days(left), temporal_days(right)) {
            (Some(a), Some(b)) => Some(a.cmp(&b)),
            _ => None,
        }
    } else if equality && !matches!(left, Value::Number(_)) && !matches!(right, Value::Number(_)) {
        Some(if text_cow(left) == text_cow(right) {
            Ordering::Equal
        } else {
            Ordering::Less
        })
    } else {
        match (left.to_number(), right.to_number()) {
            (Some(a), Some(b)) => Some(compare_decimals(&a, &b)),
            _ => None,
        }
    };
    holds(op, ordering)
}

/// `a.cmp(b)`, without `Decimal`'s rescaling when both have the same scale (the usual case:
/// an integer field against an integer literal).
fn compare_decimals(a: &Decimal, b: &Decimal) -> Ordering {
    if a.scale() == b.scale() {
        a.mantissa().cmp(&b.mantissa())
    } else {
        a.cmp(b)
    }
}

/// Whether comparison `op` holds for `ordering` (`None`: incomparable, only `!=` holds).
fn holds(op: BinOp, ordering: Option<Ordering>) -> bool {
    match (op, ordering) {
        (BinOp::Ne, None) => true,
        (_, None) => false,
        (BinOp::Eq, Some(o)) => o == Ordering::Equal,
        (BinOp::Ne, Some(o)) => o != Ordering::Equal,
        (BinOp::Lt, Some(o)) => o == Ordering::Less,
        (BinOp::Le, Some(o)) => o != Ordering::Greater,
        (BinOp::Gt, Some(o)) => o == Ordering::Greater,
        (BinOp::Ge, Some(o)) => o != Ordering::Less,
        _ => false,
    }
}

#[cfg(test)]
mod number_text_tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn number_text_writes_what_display_writes() {
        let mut cases: Vec<Decimal> = [
            "0",
            "-0",
            "0.000",
            "-0.0",
            "1",
            "-1",
            "10",
            "100.00",
            "0.5",
            "-0.05",
            "12.50",
            "0.0000000000000000000000000001",
            "-0.1000",
            "123456789.987654321",
            "79228162514264337593543950335",
            "-79228162514264337593543950335",
            "7.9228162514264337593543950335",
            "18446744073709551615",
            "18446744073709551616",
        ]
        .iter()
        .map(|t| Decimal::from_str(t).unwrap())
        .collect();
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..5000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let lo = u32::try_from(x & 0xFFFF_FFFF).unwrap();
            let mid = u32::try_from(x >> 32).unwrap() >> (x % 32);
            let hi = if x % 3 == 0 { lo ^ mid } else { 0 };
            let scale = u32::try_from(x % 29).unwrap();
            cases.push(Decimal::from_parts(lo, mid, hi, x % 2 == 0, scale));
        }
        for d in cases {
            assert_eq!(number_text(d), d.normalize().to_string(), "{d:?}");
        }
    }
}
