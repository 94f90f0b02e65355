//! The values of one column, stored by type.
//!
//! Text and choices are dictionary-encoded: one `u32` code per row into a dictionary of the
//! distinct texts in first-seen order ([`NULL_CODE`] for an empty cell), so grouping,
//! duplicates and memoised expressions work on small integers and a repeated text (a site, a
//! sex, an activity) is stored once. The other types are plain vectors with `None` for an
//! empty cell. A dictionary never holds a text twice.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate};
use rust_decimal::Decimal;

use crate::expr::Value;

/// The code of an empty cell in a dictionary-encoded column.
pub const NULL_CODE: u32 = u32::MAX;

/// The values of one column; `None` (or [`NULL_CODE`]) is an empty cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Values {
    /// Text and choices: a code per row into `dictionary` (first-seen order).
    Text {
        codes: Vec<u32>,
        dictionary: Vec<String>,
    },
    Integer(Vec<Option<i64>>),
    Decimal(Vec<Option<Decimal>>),
    Boolean(Vec<Option<bool>>),
    Date(Vec<Option<NaiveDate>>),
    DateTime(Vec<Option<DateTime<FixedOffset>>>),
}

impl Values {
    /// Number of rows.
    pub fn len(&self) -> usize {
        match self {
            Values::Text { codes, .. } => codes.len(),
            Values::Integer(v) => v.len(),
            Values::Decimal(v) => v.len(),
            Values::Boolean(v) => v.len(),
            Values::Date(v) => v.len(),
            Values::DateTime(v) => v.len(),
        }
    }

    /// True when the column has no rows.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The value of `row` as the expression language sees it (`Value::Empty` for an empty
    /// cell or a row out of range).
    pub fn value(&self, row: usize) -> Value {
        let value = match self {
            Values::Text { .. } => self.text(row).map(|t| Value::Text(t.to_owned())),
            Values::Integer(v) => v
                .get(row)
                .copied()
                .flatten()
                .map(|i| Value::Number(Some(Decimal::from(i)))),
            Values::Decimal(v) => v
                .get(row)
                .copied()
                .flatten()
                .map(|d| Value::Number(Some(d))),
            Values::Boolean(v) => v.get(row).copied().flatten().map(Value::Bool),
            Values::Date(v) => v.get(row).copied().flatten().map(Value::Date),
            Values::DateTime(v) => v.get(row).copied().flatten().map(Value::DateTime),
        };
        value.unwrap_or(Value::Empty)
    }

    /// A small integer that identifies the value of `row` within this column, for grouping and
    /// memoising (0 = empty; else the dictionary code, the integer's bits, the boolean or the day
    /// number, plus one — distinct values, distinct keys); `None` for
    /// decimals and timestamps (not discrete) — callers then use [`Values::value`].
    pub fn discrete_key(&self, row: usize) -> Option<u128> {
        // 0 is an empty cell; every value is shifted by one so none can take that key.
        let key = |value: Option<u64>| value.map_or(0, |v| u128::from(v) + 1);
        match self {
            Values::Text { codes, .. } => codes
                .get(row)
                .map(|&c| key((c != NULL_CODE).then_some(u64::from(c)))),
            Values::Integer(v) => v.get(row).map(|i| key(i.map(|i| i as u64))),
            Values::Boolean(v) => v.get(row).map(|b| key(b.map(u64::from))),
            Values::Date(v) => v
                .get(row)
                .map(|d| key(d.map(|d| i64::from(d.num_days_from_ce()) as u64))),
            Values::Decimal(_) | Values::DateTime(_) => None,
        }
    }

    /// True when `row` is an empty cell (or out of range).
    pub fn is_empty_at(&self, row: usize) -> bool {
        match self {
            Values::Text { codes, .. } => codes.get(row).is_none_or(|&c| c == NULL_CODE),
            Values::Integer(v) => v.get(row).is_none_or(Option::is_none),
            Values::Decimal(v) => v.get(row).is_none_or(Option::is_none),
            Values::Boolean(v) => v.get(row).is_none_or(Option::is_none),
            Values::Date(v) => v.get(row).is_none_or(Option::is_none),
            Values::DateTime(v) => v.get(row).is_none_or(Option::is_none),
        }
    }

    /// The text of `row` for a text column (`None` when empty or not a text column).
    pub fn text(&self, row: usize) -> Option<&str> {
        match self {
            Values::Text { codes, dictionary } => {
                let code = *codes.get(row)?;
                dictionary
                    .get(usize::try_from(code).ok()?)
                    .map(String::as_str)
            }
            _ => None,
        }
    }

    /// The date of `row`: a date column's value, or a timestamp's local date.
    pub fn date(&self, row: usize) -> Option<NaiveDate> {
        match self {
            Values::Date(v) => v.get(row).copied().flatten(),
            Values::DateTime(v) => v.get(row).copied().flatten().map(|t| t.date_naive()),
            _ => None,
        }
    }
}
