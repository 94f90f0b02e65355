//! Dates and decimals cross the FFI as strings, through uniffi custom types.
//!
//! * `IsoDate` is a `chrono::NaiveDate`, written `YYYY-MM-DD`;
//! * `DecimalString` is a `rust_decimal::Decimal`, written as the core writes it (`"12.5"`);
//! * `Timestamp` is a `chrono::DateTime<FixedOffset>`, RFC 3339 with its offset
//!   (`2026-03-02T09:00:00+01:00`), written as the core's JSON writes it.
//!
//! They are named after what the foreign side holds, and not `Decimal`, which would shadow
//! Foundation's `Decimal` in Swift. A string that does not read fails the call with
//! `MealException.Failed` (`input.date` / `input.decimal` / `input.date_time`), never an
//! internal error: uniffi
//! hands a failed argument lift to the function's error type when it can downcast to it, which
//! is why every export that takes a date or a decimal returns `Result<_, MealError>`.

use chrono::{DateTime, FixedOffset, NaiveDate, SecondsFormat};
use meal_core::input;
use rust_decimal::Decimal;

use crate::error::MealError;

/// A calendar date as an ISO `YYYY-MM-DD` string on the foreign side.
pub type IsoDate = NaiveDate;

/// An exact decimal number as a string on the foreign side (`"0.85"`, `"1200"`).
pub type DecimalString = Decimal;

/// An instant with the UTC offset of where it happened, as an RFC 3339 string on the foreign
/// side (`2026-03-02T09:00:00+01:00`; the offset is required).
pub type Timestamp = DateTime<FixedOffset>;

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

uniffi::custom_type!(Timestamp, String, {
    remote,
    try_lift: |text| Ok(parse_timestamp(&text)?),
    lower: |instant| timestamp_text(&instant),
});

/// Reads an RFC 3339 instant with its offset, with the core's one rule (error
/// `input.date_time`).
pub fn parse_timestamp(text: &str) -> Result<Timestamp, MealError> {
    Ok(input::parse_date_time(text)?)
}

/// An instant as the core's JSON writes it (`Z` for a zero offset, fractions only when set).
pub fn timestamp_text(instant: &Timestamp) -> String {
    instant.to_rfc3339_opts(SecondsFormat::AutoSi, true)
}

/// Reads a `YYYY-MM-DD` date with the core's one rule (error `input.date`).
pub fn parse_date(text: &str) -> Result<NaiveDate, MealError> {
    Ok(input::parse_date(text)?)
}

/// Reads an exact decimal with the core's one rule (error `input.decimal`).
pub fn parse_decimal(text: &str) -> Result<Decimal, MealError> {
    Ok(input::parse_decimal(text)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unreadable_scalars_become_the_binding_error_with_the_core_code() {
        assert_eq!(parse_date("2026-2-28").unwrap_err().code(), "input.date");
        assert_eq!(parse_decimal("1,5").unwrap_err().code(), "input.decimal");
        assert_eq!(parse_decimal("1e3").ok(), Some(Decimal::new(1000, 0)));
        assert_eq!(
            parse_timestamp("2026-03-02T09:00").unwrap_err().code(),
            "input.date_time"
        );
    }

    #[test]
    fn timestamps_are_written_as_the_core_serialises_them() {
        for text in ["2026-03-02T09:00:00+01:00", "2026-03-02T09:00:00.500Z"] {
            let Ok(instant) = parse_timestamp(text) else {
                panic!("{text} is a valid timestamp");
            };
            let written = serde_json::to_value(instant).ok();
            assert_eq!(
                written,
                Some(serde_json::Value::String(timestamp_text(&instant)))
            );
            assert_eq!(timestamp_text(&instant), text);
        }
    }
}
