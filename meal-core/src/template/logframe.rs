//! CONTRACT (owner: template helper). The logframe workbook.

use crate::error::MealError;
use crate::i18n::Locale;
use crate::logframe::Logframe;

use super::Authored;

/// Writes `logframe` as a template workbook with headers in `locale`.
pub fn to_xlsx(logframe: &Logframe, locale: Locale) -> Result<Vec<u8>, MealError> {
    let _ = (logframe, locale);
    Err(super::not_implemented())
}

/// Reads a logframe workbook (headers in English or French). Errors: `template.unreadable`,
/// `template.missing_sheet`; everything else is a finding naming sheet, row and column.
pub fn from_xlsx(bytes: &[u8]) -> Result<Authored<Logframe>, MealError> {
    let _ = bytes;
    Err(super::not_implemented())
}
