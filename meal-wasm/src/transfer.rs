//! The other ways a batch of verdicts could cross the boundary, built only with the
//! `transfer-variants` feature so `benches/wasm` can measure them against `Form.checkMany`
//! (JSON text both ways) in the same run. Not part of the published package.

use tsify::{Ts, Tsify};
use wasm_bindgen::prelude::*;

use crate::dto::{FormOptions, Verdict};
use crate::error::bad_argument;
use crate::form::Form;

#[wasm_bindgen]
impl Form {
    /// In: JSON text or an array (`JSON.stringify`); out: the verdicts' JSON text, unparsed.
    #[wasm_bindgen(js_name = checkManyText)]
    pub fn check_many_text_out(
        &self,
        submissions: JsValue,
        options: Option<Ts<FormOptions>>,
    ) -> Result<String, JsValue> {
        self.check_many_text(&crate::json_text(submissions, "the submissions")?, options)
    }

    /// In: an array read field by field by serde-wasm-bindgen; out: JSON text parsed.
    #[wasm_bindgen(js_name = checkManyStructuredIn)]
    pub fn check_many_structured_in(
        &self,
        submissions: JsValue,
        options: Option<Ts<FormOptions>>,
    ) -> Result<JsValue, JsValue> {
        let value: serde_json::Value =
            serde_wasm_bindgen::from_value(submissions).map_err(bad_argument)?;
        crate::parse_json(&self.check_many_text(&value.to_string(), options)?)
    }

    /// In: JSON text or an array; out: objects built by serde-wasm-bindgen (tsify).
    #[wasm_bindgen(js_name = checkManyStructuredOut)]
    pub fn check_many_structured_out(
        &self,
        submissions: JsValue,
        options: Option<Ts<FormOptions>>,
    ) -> Result<Vec<Ts<Verdict>>, JsValue> {
        let text = crate::json_text(submissions, "the submissions")?;
        self.check_many_core(&text, options)?
            .iter()
            .map(|v| Verdict::from_core(v).into_ts().map_err(bad_argument))
            .collect()
    }

    /// In: JSON text or an array; out: `{valid: Uint8Array, findings}` where `findings` is the
    /// JSON text of `[[index, findings], …]` for the submissions with findings only.
    #[wasm_bindgen(js_name = checkManyFlags)]
    pub fn check_many_flags(
        &self,
        submissions: JsValue,
        options: Option<Ts<FormOptions>>,
    ) -> Result<js_sys::Array, JsValue> {
        let text = crate::json_text(submissions, "the submissions")?;
        let verdicts = self.check_many_core(&text, options)?;
        let flags: Vec<u8> = verdicts.iter().map(|v| u8::from(v.valid)).collect();
        let sparse: Vec<(usize, Verdict)> = verdicts
            .iter()
            .enumerate()
            .filter(|(_, v)| !v.findings.is_empty())
            .map(|(i, v)| (i, Verdict::from_core(v)))
            .collect();
        let findings = serde_json::to_string(&sparse).map_err(bad_argument)?;
        Ok(js_sys::Array::of2(
            &js_sys::Uint8Array::from(flags.as_slice()),
            &JsValue::from_str(&findings),
        ))
    }
}
