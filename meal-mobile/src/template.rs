//! Spreadsheet authoring: logframes and MEAL plans read from and written to `.xlsx` workbooks
//! of the documented template (`examples/templates/`, English or French headers).
//!
//! Reading gives the document (null when a blocking problem prevented it) with findings that
//! name the sheet, row and column (params `sheet`, `row`, `column`, `value`); writing gives the
//! bytes of the workbook, headers in the requested locale. `read(write(doc))` is `doc`.

use std::sync::Arc;

use meal_core::document::Parsed;
use meal_core::template;
use meal_core::Locale;

use crate::error::Result;
use crate::logframe::{Finding, Logframe};
use crate::plan::MealPlan;

/// A logframe read from a workbook.
#[derive(Debug, Clone, uniffi::Record)]
pub struct AuthoredLogframe {
    /// The logframe, when it could be built (findings may still hold warnings or errors).
    pub logframe: Option<Arc<Logframe>>,
    /// Every problem, naming sheet, row and column, messages in the requested locale.
    pub findings: Vec<Finding>,
}

/// A MEAL plan read from a workbook.
#[derive(Debug, Clone, uniffi::Record)]
pub struct AuthoredMealPlan {
    /// The plan, when it could be built (findings may still hold warnings or errors).
    pub plan: Option<Arc<MealPlan>>,
    /// Every problem, naming sheet, row and column, messages in the requested locale.
    pub findings: Vec<Finding>,
}

/// Reads a logframe workbook (headers in English or French), findings' messages in `locale`.
/// Errors `template.unreadable` (not an `.xlsx`), `template.missing_sheet`.
#[uniffi::export]
pub fn logframe_from_xlsx(bytes: Vec<u8>, locale: String) -> Result<AuthoredLogframe> {
    let authored = template::logframe::from_xlsx(&bytes)?;
    Ok(AuthoredLogframe {
        logframe: authored.document.map(|value| {
            Arc::new(Logframe::wrap(Parsed {
                value,
                findings: Vec::new(),
            }))
        }),
        findings: Finding::all_from_core(authored.findings, &locale),
    })
}

/// Writes `logframe` as a template workbook, headers in `locale` (`en`, `fr`).
#[uniffi::export]
pub fn logframe_to_xlsx(logframe: Arc<Logframe>, locale: String) -> Result<Vec<u8>> {
    Ok(template::logframe::to_xlsx(
        logframe.core(),
        Locale::parse(&locale),
    )?)
}

/// Reads a MEAL plan workbook (headers in English or French), findings' messages in `locale`.
/// Errors `template.unreadable` (not an `.xlsx`), `template.missing_sheet`.
#[uniffi::export]
pub fn meal_plan_from_xlsx(bytes: Vec<u8>, locale: String) -> Result<AuthoredMealPlan> {
    let authored = template::plan::from_xlsx(&bytes)?;
    Ok(AuthoredMealPlan {
        plan: authored.document.map(MealPlan::wrap),
        findings: Finding::all_from_core(authored.findings, &locale),
    })
}

/// Writes `plan` as a template workbook, headers in `locale` (`en`, `fr`).
#[uniffi::export]
pub fn meal_plan_to_xlsx(plan: Arc<MealPlan>, locale: String) -> Result<Vec<u8>> {
    Ok(template::plan::to_xlsx(
        plan.core(),
        Locale::parse(&locale),
    )?)
}
