//! Logframes for JavaScript.

use meal_core::document::Parsed;
use meal_core::logframe;
use tsify::Ts;
use wasm_bindgen::prelude::*;

use crate::dto::Finding;
use crate::error::to_js;
use crate::locale_of;

/// Reads and validates a logframe (JSON text): the findings, sorted by path then code, with
/// messages in `locale`. Throws `MealError` when the text cannot be read as a logframe at all
/// (`json.malformed`, `document.format_version`, `document.invalid`, `logframe.cycle`).
#[wasm_bindgen(js_name = checkLogframe)]
pub fn check_logframe(json: &str, locale: Option<String>) -> Result<Vec<Ts<Finding>>, JsValue> {
    let findings = logframe::check(json).map_err(to_js)?;
    Finding::all_to_js(&findings, locale_of(locale))
}

/// A project's logframe: `Logframe.fromJson(text)`.
#[wasm_bindgen]
#[derive(Debug)]
pub struct Logframe {
    parsed: Parsed<logframe::Logframe>,
}

impl Logframe {
    /// A logframe built elsewhere (read from a workbook), with no reading findings.
    pub(crate) fn from_core(value: logframe::Logframe) -> Logframe {
        Logframe {
            parsed: Parsed {
                value,
                findings: Vec::new(),
            },
        }
    }
}

#[wasm_bindgen]
impl Logframe {
    /// Reads a logframe from JSON text.
    #[wasm_bindgen(js_name = fromJson)]
    pub fn from_json(json: &str) -> Result<Logframe, JsValue> {
        let parsed = logframe::Logframe::from_json(json).map_err(to_js)?;
        Ok(Logframe { parsed })
    }

    /// The canonical JSON text.
    #[wasm_bindgen(js_name = toJson)]
    pub fn to_json(&self) -> String {
        self.parsed.value.to_json()
    }

    /// The project's code.
    #[wasm_bindgen(getter, js_name = projectCode)]
    pub fn project_code(&self) -> String {
        self.parsed.value.project.code.clone()
    }

    /// Codes of the objectives, in document order.
    #[wasm_bindgen(getter, js_name = objectiveCodes)]
    pub fn objective_codes(&self) -> Vec<String> {
        self.parsed
            .value
            .objectives
            .iter()
            .map(|o| o.code.clone())
            .collect()
    }

    /// Codes of the indicators, in document order.
    #[wasm_bindgen(getter, js_name = indicatorCodes)]
    pub fn indicator_codes(&self) -> Vec<String> {
        self.parsed
            .value
            .indicators
            .iter()
            .map(|i| i.code.clone())
            .collect()
    }

    /// Reading findings (unknown fields) and structural findings, sorted, in `locale`.
    pub fn findings(&self, locale: Option<String>) -> Result<Vec<Ts<Finding>>, JsValue> {
        let all = logframe::all_findings(&self.parsed);
        Finding::all_to_js(&all, locale_of(locale))
    }
}
