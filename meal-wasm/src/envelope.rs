//! Submission envelopes for JavaScript: seal a finished submission for sync, verify one.
//! Envelopes cross as JSON text (what is stored and uploaded); instants as RFC 3339 text.

use meal_core::envelope::{self, Capture as CoreCapture, Envelope};
use serde::{Deserialize, Serialize};
use tsify::{Ts, Tsify};
use wasm_bindgen::prelude::*;

use crate::dto::Finding;
use crate::error::{bad_argument, to_js};
use crate::form::Form;
use crate::{json_text, locale_of};

/// Who collected a submission and when (instants RFC 3339 with their offsets).
#[derive(Debug, Clone, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct Capture {
    /// UUID v4, lowercase: `crypto.randomUUID()`.
    pub instance_id: String,
    /// The collecting device.
    pub device_id: String,
    pub started_at: String,
    pub completed_at: String,
    pub sealed_at: String,
}

/// Seals a submission (an object, or JSON text) filled in `form`; returns the envelope's JSON
/// text. Errors (`MealError`): `json.malformed`, `input.date_time`, `envelope.*`.
#[wasm_bindgen(js_name = sealEnvelope)]
pub fn seal_envelope(
    form: &Form,
    submission: JsValue,
    capture: Ts<Capture>,
) -> Result<String, JsValue> {
    let capture = capture.to_rust().map_err(bad_argument)?;
    let instant = |text: &str| meal_core::input::parse_date_time(text).map_err(to_js);
    let capture = CoreCapture {
        started_at: instant(&capture.started_at)?,
        completed_at: instant(&capture.completed_at)?,
        sealed_at: instant(&capture.sealed_at)?,
        instance_id: capture.instance_id,
        device_id: capture.device_id,
    };
    let submission = json_text(submission, "the submission")?;
    Envelope::seal(form.document()?, &submission, &capture)
        .map(|sealed| sealed.to_json())
        .map_err(to_js)
}

/// Reads an envelope (an object, or JSON text) and verifies it: `[]` when it is intact and
/// coherent. `form.verifyEnvelope(envelope)` also checks it was filled in that form and version.
#[wasm_bindgen(js_name = verifyEnvelope)]
pub fn verify_envelope(
    envelope: JsValue,
    locale: Option<String>,
) -> Result<Vec<Ts<Finding>>, JsValue> {
    verified(envelope, None, locale)
}

#[wasm_bindgen]
impl Form {
    /// Verifies an envelope (an object, or JSON text) and that it was filled in this form and
    /// version (`envelope.form_mismatch`, `envelope.form_version_mismatch`).
    #[wasm_bindgen(js_name = verifyEnvelope)]
    pub fn verify_envelope(
        &self,
        envelope: JsValue,
        locale: Option<String>,
    ) -> Result<Vec<Ts<Finding>>, JsValue> {
        verified(envelope, Some(self.document()?), locale)
    }
}

fn verified(
    envelope: JsValue,
    form: Option<&meal_core::form::Form>,
    locale: Option<String>,
) -> Result<Vec<Ts<Finding>>, JsValue> {
    let findings =
        envelope::verify_json(&json_text(envelope, "the envelope")?, form).map_err(to_js)?;
    Finding::all_to_js(&findings, locale_of(locale))
}
