//! Scalar arguments read by the core's one rule: exact decimals (a `decimal.Decimal`, an `int`
//! or a `str`) and dates (a `datetime.date` or ISO text), so `Decimal('NaN')`, `'lots'` or
//! `'2026-02-30'` is a `MealError` (`input.decimal`, `input.date`) like in every binding,
//! rather than a conversion error of the binding layer.

use pyo3::prelude::*;
use rust_decimal::Decimal;

use crate::args;
use crate::error::to_py;

/// An exact decimal argument.
#[derive(Debug, Clone, Copy)]
pub struct ExactDecimal(pub Decimal);

impl<'a, 'py> FromPyObject<'a, 'py> for ExactDecimal {
    type Error = PyErr;

    fn extract(obj: pyo3::Borrowed<'a, 'py, PyAny>) -> Result<Self, Self::Error> {
        let text = args::text_of(&obj)?;
        meal_core::input::parse_decimal(&text)
            .map(ExactDecimal)
            .map_err(to_py)
    }
}

/// A date argument: a `datetime.date`, or ISO `YYYY-MM-DD` text read by the core's rule, so a
/// malformed date is `MealError` `input.date` as in every binding (never a bare `TypeError`).
#[derive(Debug, Clone, Copy)]
pub struct IsoDate(pub chrono::NaiveDate);

impl<'a, 'py> FromPyObject<'a, 'py> for IsoDate {
    type Error = PyErr;

    fn extract(obj: pyo3::Borrowed<'a, 'py, PyAny>) -> Result<Self, Self::Error> {
        if let Ok(date) = obj.extract::<chrono::NaiveDate>() {
            return Ok(IsoDate(date));
        }
        let text = args::text_of(&obj)?;
        meal_core::input::parse_date(&text)
            .map(IsoDate)
            .map_err(to_py)
    }
}

/// An instant argument: an aware `datetime` (or anything with `isoformat()`, such as a pandas
/// `Timestamp`), or RFC 3339 text with its offset, read by the core's rule — so a naive
/// `datetime` or malformed text is `MealError` `input.date_time` as in every binding.
#[derive(Debug, Clone, Copy)]
pub struct AwareDateTime(pub chrono::DateTime<chrono::FixedOffset>);

impl<'a, 'py> FromPyObject<'a, 'py> for AwareDateTime {
    type Error = PyErr;

    fn extract(obj: pyo3::Borrowed<'a, 'py, PyAny>) -> Result<Self, Self::Error> {
        let text = match obj.call_method0("isoformat") {
            Ok(text) => args::text_of(&text)?,
            Err(_) => args::text_of(&obj)?,
        };
        meal_core::input::parse_date_time(&text)
            .map(AwareDateTime)
            .map_err(to_py)
    }
}
