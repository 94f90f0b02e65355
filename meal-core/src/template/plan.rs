//! CONTRACT (owner: template helper). The MEAL plan workbook.

use crate::error::MealError;
use crate::i18n::Locale;
use crate::plan::MealPlan;

use super::Authored;

/// Writes `plan` as a template workbook with headers in `locale`.
pub fn to_xlsx(plan: &MealPlan, locale: Locale) -> Result<Vec<u8>, MealError> {
    let _ = (plan, locale);
    Err(super::not_implemented())
}

/// Reads a MEAL plan workbook (headers in English or French). Errors as
/// [`super::logframe::from_xlsx`].
pub fn from_xlsx(bytes: &[u8]) -> Result<Authored<MealPlan>, MealError> {
    let _ = bytes;
    Err(super::not_implemented())
}
