//! The one place where core errors become foreign exceptions.
//!
//! Kotlin sees `MealException.Failed`, Swift `MealError.Failed`, with the stable `code`, the
//! `path` to the offending place, the English `reason` and the `params` that
//! `renderMessage(code, params, locale)` turns into a message in any catalogue language.
//! No field is called `message`: that name belongs to `Throwable` in Kotlin.

use std::collections::HashMap;

/// An operation failed. Raised by every fallible export, and by argument conversion (a date or
/// decimal string that does not read: codes `input.date`, `input.decimal`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, uniffi::Error)]
pub enum MealError {
    /// The only variant: everything about the failure is in its fields.
    #[error("{code}: {reason}")]
    Failed {
        /// Stable machine code, e.g. `period.invalid`, `json.malformed`.
        code: String,
        /// Where the problem is (a JSON pointer such as `/objectives/3/parent`), or empty.
        path: String,
        /// The message in English.
        reason: String,
        /// Values interpolated into the message (for `renderMessage` in another locale).
        params: HashMap<String, String>,
    },
}

impl MealError {
    /// The stable code.
    pub fn code(&self) -> &str {
        match self {
            MealError::Failed { code, .. } => code,
        }
    }
}

impl From<meal_core::MealError> for MealError {
    fn from(error: meal_core::MealError) -> Self {
        let reason = error.message(meal_core::Locale::En);
        MealError::Failed {
            code: error.code,
            path: error.path,
            reason,
            params: error.params.into_iter().collect(),
        }
    }
}

/// Shorthand for the exports' results.
pub type Result<T> = std::result::Result<T, MealError>;
