//! Scalars that arrive as text from a binding, a form or a file: dates and decimals; and the
//! codes of a binding argument of the wrong type (`input.wrong_type`), out of range
//! (`input.out_of_range`) or that is not Unicode text (`input.not_text`).
//!
//! The bindings carry dates and exact decimals across the boundary as strings where the host
//! language has no native type (Kotlin, Swift, JavaScript). Reading them here keeps one rule
//! and one error code for every language.

use chrono::{DateTime, FixedOffset, NaiveDate};
use rust_decimal::Decimal;

use crate::error::MealError;
use crate::i18n::Message;

/// Reads an ISO 8601 calendar date, exactly `YYYY-MM-DD` (four-digit year, two-digit month and
/// day: chrono alone would also take `2026-2-8`). Error `input.date`.
pub fn parse_date(text: &str) -> Result<NaiveDate, MealError> {
    let shaped = text.len() == 10
        && text.char_indices().all(|(i, c)| match i {
            4 | 7 => c == '-',
            _ => c.is_ascii_digit(),
        });
    shaped
        .then(|| NaiveDate::parse_from_str(text, "%Y-%m-%d").ok())
        .flatten()
        .ok_or_else(|| MealError::new("input.date").with("value", text))
}

/// Reads an RFC 3339 timestamp with its UTC offset (`2026-11-27T10:00:00+01:00`), keeping the
/// offset as the ODK spec asks. Error `input.date_time`.
pub fn parse_date_time(text: &str) -> Result<DateTime<FixedOffset>, MealError> {
    DateTime::parse_from_rfc3339(text)
        .map_err(|_| MealError::new("input.date_time").with("value", text))
}

/// Reads an exact decimal in plain notation (`12`, `-0.75`) or scientific notation (`1e3`).
/// Error `input.decimal`. Binary floats never enter: a figure a person reads stays exact.
pub fn parse_decimal(text: &str) -> Result<Decimal, MealError> {
    let trimmed = text.trim();
    trimmed
        .parse::<Decimal>()
        .or_else(|_| Decimal::from_scientific(trimmed))
        .map_err(|_| MealError::new("input.decimal").with("value", text))
}

/// Messages of this module's codes.
pub const MESSAGES: &[Message] = &[
    Message {
        code: "input.not_json",
        en: "This value cannot be written as JSON data: {detail}",
        fr: "Cette valeur ne peut pas être écrite en données JSON : {detail}",
    },
    Message {
        code: "input.freed_object",
        en: "'{argument}' is an object whose memory was already released (free() was called on it): create it again",
        fr: "« {argument} » est un objet dont la mémoire a déjà été libérée (free() a été appelé) : créez-le à nouveau",
    },
    Message {
        code: "input.date",
        en: "'{value}' is not a date; expected YYYY-MM-DD, e.g. 2026-03-31",
        fr: "« {value} » n'est pas une date ; format attendu AAAA-MM-JJ, par ex. 2026-03-31",
    },
    Message {
        code: "input.date_time",
        en: "'{value}' is not a date and time with its offset; expected e.g. 2026-11-27T10:00:00+01:00",
        fr: "« {value} » n'est pas une date et heure avec son décalage ; attendu par ex. 2026-11-27T10:00:00+01:00",
    },
    Message {
        code: "input.decimal",
        en: "'{value}' is not a decimal number; expected e.g. 12 or 0.75",
        fr: "« {value} » n'est pas un nombre décimal ; attendu par ex. 12 ou 0.75",
    },
    Message {
        code: "input.wrong_type",
        en: "This argument has the wrong type: expected {expected}, got {got}",
        fr: "Cet argument n'a pas le bon type : attendu {expected}, reçu {got}",
    },
    Message {
        code: "input.out_of_range",
        en: "This number is out of range: expected {expected}",
        fr: "Ce nombre est hors limites : attendu {expected}",
    },
    Message {
        code: "input.not_text",
        en: "This text cannot be read as Unicode: {detail}",
        fr: "Ce texte ne peut pas être lu en Unicode : {detail}",
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_iso_only() {
        assert_eq!(
            parse_date("2026-02-28").unwrap(),
            NaiveDate::from_ymd_opt(2026, 2, 28).unwrap()
        );
        assert_eq!(parse_date("2026-02-29").unwrap_err().code, "input.date");
        for bad in [
            "2026-02-30",
            "2026-2-28",
            "26-02-28",
            "2026/02/28",
            "2026-02-28T00:00",
            "+2026-02-2",
            "２０２６-02-28",
        ] {
            assert_eq!(parse_date(bad).unwrap_err().code, "input.date", "{bad}");
        }
        assert_eq!(parse_date("").unwrap_err().params["value"], "");
    }

    #[test]
    fn timestamps_keep_their_offset() {
        let at = parse_date_time("2026-11-27T10:00:00+01:00").unwrap();
        assert_eq!(at.offset().local_minus_utc(), 3600);
        assert_eq!(
            parse_date_time("2026-11-27 10:00").unwrap_err().code,
            "input.date_time"
        );
    }

    #[test]
    fn decimals_are_exact() {
        assert_eq!(
            parse_decimal("0.1").unwrap() + parse_decimal("0.2").unwrap(),
            parse_decimal("0.3").unwrap()
        );
        assert_eq!(parse_decimal("1e3").unwrap(), Decimal::from(1000));
        assert_eq!(parse_decimal(" 12 ").unwrap(), Decimal::from(12));
        assert_eq!(parse_decimal("NaN").unwrap_err().code, "input.decimal");
        assert_eq!(parse_decimal("1e999").unwrap_err().code, "input.decimal");
    }
}
