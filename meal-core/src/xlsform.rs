//! XLSForm import: a real `.xlsx` (survey, choices and settings sheets) into a [`Form`].
//!
//! SKELETON — owned by the XLSForm work stream.

use crate::document::Parsed;
use crate::error::MealError;
use crate::form::Form;
use crate::i18n::{Message, Term};

/// Reads an XLSForm workbook from its bytes. Errors when the bytes are not a workbook or the
/// survey sheet is missing; every problem inside the sheets is a finding whose path names the
/// sheet, row and column (`survey!D12`).
pub fn read(bytes: &[u8]) -> Result<Parsed<Form>, MealError> {
    let _ = bytes;
    Err(MealError::new("xlsform.unreadable"))
}

/// Messages of this module's codes.
pub const MESSAGES: &[Message] = &[];

/// Domain terms this module puts in message parameters.
pub const TERMS: &[Term] = &[];
