//! Dates and decimals cross the FFI as strings, through uniffi custom types.
//!
//! * `IsoDate` is a `chrono::NaiveDate`, written `YYYY-MM-DD`;
//! * `DecimalString` is a `rust_decimal::Decimal`, written as the core writes it (`"12.5"`).
//!
//! They are named after what the foreign side holds, and not `Decimal`, which would shadow
//! Foundation's `Decimal` in Swift. A string that does not read fails the call with
//! `MealException.Failed` (`date.invalid` / `decimal.invalid`), never an internal error: uniffi
//! hands a failed argument lift to the function's error type when it can downcast to it, which
//! is why every export that takes a date or a decimal returns `Result<_, MealError>`.

use std::str::FromStr;

use chrono::NaiveDate;
use meal_core::MealError as CoreError;
use rust_decimal::Decimal;

use crate::error::MealError;

/// A calendar date as an ISO `YYYY-MM-DD` string on the foreign side.
pub type IsoDate = NaiveDate;

/// An exact decimal number as a string on the foreign side (`"0.85"`, `"1200"`).
pub type DecimalString = Decimal;

uniffi::custom_type!(IsoDate, String, {
    remote,
    try_lift: |text| Ok(parse_date(&text)?),
    lower: |date| date.format("%Y-%m-%d").to_string(),
});

uniffi::custom_type!(DecimalString, String, {
    remote,
    try_lift: |text| Ok(parse_decimal(&text)?),
    lower: |value| value.to_string(),
});

/// Reads a `YYYY-MM-DD` date: four-digit year, two-digit month and day, nothing else.
pub fn parse_date(text: &str) -> Result<NaiveDate, MealError> {
    let shaped = text.len() == 10
        && text.char_indices().all(|(i, c)| match i {
            4 | 7 => c == '-',
            _ => c.is_ascii_digit(),
        });
    shaped
        .then(|| NaiveDate::parse_from_str(text, "%Y-%m-%d").ok())
        .flatten()
        .ok_or_else(|| CoreError::new("date.invalid").with("value", text).into())
}

/// Reads a decimal the way the core reads the decimals of its documents (plain or scientific
/// notation).
pub fn parse_decimal(text: &str) -> Result<Decimal, MealError> {
    Decimal::from_str(text)
        .or_else(|_| Decimal::from_scientific(text))
        .map_err(|_| CoreError::new("decimal.invalid").with("value", text).into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_strict_iso() {
        assert_eq!(
            parse_date("2026-02-28").unwrap(),
            NaiveDate::from_ymd_opt(2026, 2, 28).unwrap()
        );
        for bad in [
            "2026-02-30",
            "2026-2-28",
            "26-02-28",
            "2026/02/28",
            "",
            "2026-02-28T00:00",
            "+2026-02-2",
            "２０２６-02-28",
        ] {
            assert_eq!(parse_date(bad).unwrap_err().code(), "date.invalid", "{bad}");
        }
    }

    #[test]
    fn decimals_read_like_the_core_reads_them() {
        assert_eq!(parse_decimal("0.85").unwrap(), Decimal::new(85, 2));
        assert_eq!(parse_decimal("1e3").unwrap(), Decimal::new(1000, 0));
        for bad in ["", "abc", "1,5", "NaN"] {
            assert_eq!(
                parse_decimal(bad).unwrap_err().code(),
                "decimal.invalid",
                "{bad}"
            );
        }
    }
}
