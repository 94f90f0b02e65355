//! Spreadsheet authoring in the browser: logframes and MEAL plans read from and written to
//! `.xlsx` workbooks of the documented template (`examples/templates/`, English or French
//! headers). Findings of reading name the sheet, row and column (params `sheet`, `row`,
//! `column`, `value`).

use meal_core::template::{self, Authored};
use tsify::Ts;
use wasm_bindgen::prelude::*;

use crate::dto::Finding;
use crate::error::to_js;
use crate::logframe::Logframe;
use crate::plan::MealPlan;
use crate::{any_document_text, bytes_of, locale_of};

/// A logframe read from a workbook: `logframe` when it could be built, and what reading found.
#[wasm_bindgen]
#[derive(Debug)]
pub struct AuthoredLogframe(Authored<meal_core::logframe::Logframe>);

#[wasm_bindgen]
impl AuthoredLogframe {
    /// The logframe (a new `Logframe` each time it is read: keep it); `undefined` when a
    /// blocking problem prevented building it.
    #[wasm_bindgen(getter)]
    pub fn logframe(&self) -> Option<Logframe> {
        self.0.document.clone().map(Logframe::from_core)
    }

    /// What reading found, each naming sheet, row and column; messages in `locale`.
    pub fn findings(&self, locale: Option<String>) -> Result<Vec<Ts<Finding>>, JsValue> {
        Finding::all_to_js(&self.0.findings, locale_of(locale))
    }
}

/// A MEAL plan read from a workbook: `plan` when it could be built, and what reading found.
#[wasm_bindgen]
#[derive(Debug)]
pub struct AuthoredMealPlan(Authored<meal_core::plan::MealPlan>);

#[wasm_bindgen]
impl AuthoredMealPlan {
    /// The plan (a new `MealPlan` each time it is read: keep it); `undefined` when a blocking
    /// problem prevented building it.
    #[wasm_bindgen(getter)]
    pub fn plan(&self) -> Option<MealPlan> {
        self.0.document.clone().map(MealPlan::from_core)
    }

    /// What reading found, each naming sheet, row and column; messages in `locale`.
    pub fn findings(&self, locale: Option<String>) -> Result<Vec<Ts<Finding>>, JsValue> {
        Finding::all_to_js(&self.0.findings, locale_of(locale))
    }
}

/// Reads a logframe workbook (the bytes of an `.xlsx` file, headers in English or French):
/// `template.unreadable` when it is not an `.xlsx`, `template.missing_sheet`; every other
/// problem is a finding.
#[wasm_bindgen(js_name = logframeFromXlsx)]
pub fn logframe_from_xlsx(
    #[wasm_bindgen(unchecked_param_type = "Uint8Array")] bytes: JsValue,
) -> Result<AuthoredLogframe, JsValue> {
    let bytes = bytes_of(&bytes, "the workbook")?;
    template::logframe::from_xlsx(&bytes)
        .map(AuthoredLogframe)
        .map_err(to_js)
}

/// Writes `logframe` (a `Logframe`, or its document) as a template workbook with headers in
/// `locale` (English when absent): the bytes of an `.xlsx` file, ready for a `Blob`.
#[wasm_bindgen(js_name = logframeToXlsx, unchecked_return_type = "Uint8Array<ArrayBuffer>")]
pub fn logframe_to_xlsx(
    #[wasm_bindgen(unchecked_param_type = "Logframe | string | object")] logframe: JsValue,
    locale: Option<String>,
) -> Result<Vec<u8>, JsValue> {
    let text = any_document_text(logframe, "the logframe")?;
    let logframe = meal_core::logframe::Logframe::from_json(&text).map_err(to_js)?;
    template::logframe::to_xlsx(&logframe.value, locale_of(locale)).map_err(to_js)
}

/// Reads a MEAL plan workbook (the bytes of an `.xlsx` file); errors as `logframeFromXlsx`.
#[wasm_bindgen(js_name = mealPlanFromXlsx)]
pub fn meal_plan_from_xlsx(
    #[wasm_bindgen(unchecked_param_type = "Uint8Array")] bytes: JsValue,
) -> Result<AuthoredMealPlan, JsValue> {
    let bytes = bytes_of(&bytes, "the workbook")?;
    template::plan::from_xlsx(&bytes)
        .map(AuthoredMealPlan)
        .map_err(to_js)
}

/// Writes `plan` (a `MealPlan`, or its document) as a template workbook with headers in
/// `locale` (English when absent).
#[wasm_bindgen(js_name = mealPlanToXlsx, unchecked_return_type = "Uint8Array<ArrayBuffer>")]
pub fn meal_plan_to_xlsx(
    #[wasm_bindgen(unchecked_param_type = "MealPlan | string | object")] plan: JsValue,
    locale: Option<String>,
) -> Result<Vec<u8>, JsValue> {
    let text = any_document_text(plan, "the MEAL plan")?;
    let plan = meal_core::plan::MealPlan::from_json(&text).map_err(to_js)?;
    template::plan::to_xlsx(&plan.value, locale_of(locale)).map_err(to_js)
}
