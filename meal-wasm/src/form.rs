//! Forms for JavaScript: load from JSON or XLSForm bytes, validate submissions on every
//! keystroke, live-form state, JSON Schema export.

use meal_core::form::{LoadedForm, Options};
use tsify::{Ts, Tsify};
use wasm_bindgen::prelude::*;

use crate::dto::{FieldState, Finding, FormOptions, Report, Verdict};
use crate::error::{bad_argument, to_js};
use crate::{json_text, locale_of, with_json};

/// A form, read and compiled: `Form.fromXlsform(bytes)` or `Form.fromJson(text)`.
#[wasm_bindgen]
#[derive(Debug)]
pub struct Form(LoadedForm);

impl Form {
    /// The form document, for operations that read its schema (privacy classification).
    /// `form.not_compilable` when the form could not be built.
    pub(crate) fn document(&self) -> Result<&meal_core::form::Form, JsValue> {
        self.0.compiled().map(|c| c.form()).map_err(to_js)
    }

    /// The compiled form (a table schema is derived from it). `form.not_compilable` when the
    /// form could not be built.
    pub(crate) fn compiled(&self) -> Result<&meal_core::form::CompiledForm, JsValue> {
        self.0.compiled().map_err(to_js)
    }
}

/// XLSForm import: the full package only. A page that collects data loads the form document
/// (JSON) the XLSForm was converted to when it was published — as ODK servers convert XLSForms
/// to XForms once — so the lean module `meal/forms` carries no workbook reader (calamine, zip,
/// encoding tables: about a fifth of its size).
#[cfg(feature = "full")]
#[wasm_bindgen]
impl Form {
    /// Reads an XLSForm workbook from the bytes of an `.xlsx` file.
    #[wasm_bindgen(js_name = fromXlsform)]
    pub fn from_xlsform(bytes: &[u8]) -> Result<Form, JsValue> {
        LoadedForm::from_xlsform(bytes).map(Form).map_err(to_js)
    }
}

#[wasm_bindgen]
impl Form {
    /// Reads a form from its JSON document text.
    #[wasm_bindgen(js_name = fromJson)]
    pub fn from_json(json: &str) -> Result<Form, JsValue> {
        LoadedForm::from_json(json).map(Form).map_err(to_js)
    }

    /// What is wrong with the form itself, sorted, messages in `locale`.
    pub fn findings(&self, locale: Option<String>) -> Result<Vec<Ts<Finding>>, JsValue> {
        Finding::all_to_js(self.0.findings(), locale_of(locale))
    }

    /// Validates one submission (an object, or JSON text). `options.locale` picks the message
    /// language, `options.now` (RFC 3339 with offset) the clock; defaults: English, now.
    pub fn validate(
        &self,
        submission: JsValue,
        options: Option<Ts<FormOptions>>,
    ) -> Result<Ts<Report>, JsValue> {
        let form = self.0.compiled().map_err(to_js)?;
        let report = form
            .validate(
                &json_text(submission, "the submission")?,
                &options_of(options)?,
            )
            .map_err(to_js)?;
        let js = Report::from_core(&report).into_ts().map_err(bad_argument)?;
        with_json(js, "cleaned", &report.cleaned)
    }

    /// The verdict on one submission (an object, or JSON text) without the cleaned copy: what
    /// a page checking on every keystroke needs, cheaper than `validate`. Same options.
    pub fn check(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Record<string, unknown> | string")]
        submission: JsValue,
        options: Option<Ts<FormOptions>>,
    ) -> Result<Ts<Verdict>, JsValue> {
        let form = self.0.compiled().map_err(to_js)?;
        let verdict = form
            .check(
                &json_text(submission, "the submission")?,
                &options_of(options)?,
            )
            .map_err(to_js)?;
        Verdict::from_core(&verdict).into_ts().map_err(bad_argument)
    }

    /// The verdicts on many submissions in one crossing: `submissions` is an array of objects
    /// or its JSON text; one verdict per element, in order. An element that is not an object
    /// gets the blocking finding `form.submission_not_object` at `/<index>`; text that is not a
    /// JSON array throws `form.batch_not_array`. The batch crosses as JSON text both ways (the
    /// fastest transfer measured, see `benches/wasm`).
    #[wasm_bindgen(js_name = checkMany, unchecked_return_type = "Verdict[]")]
    pub fn check_many(
        &self,
        #[wasm_bindgen(unchecked_param_type = "unknown[] | string")] submissions: JsValue,
        options: Option<Ts<FormOptions>>,
    ) -> Result<JsValue, JsValue> {
        let text = json_text(submissions, "the submissions")?;
        crate::parse_json(&self.check_many_text(&text, options)?)
    }

    /// The live state of every field instance for a partial submission.
    pub fn state(
        &self,
        submission: JsValue,
        options: Option<Ts<FormOptions>>,
    ) -> Result<Vec<Ts<FieldState>>, JsValue> {
        let form = self.0.compiled().map_err(to_js)?;
        let states = form
            .state(
                &json_text(submission, "the submission")?,
                &options_of(options)?,
            )
            .map_err(to_js)?;
        states
            .iter()
            .map(|s| {
                let js = FieldState::from_core(s).into_ts().map_err(bad_argument)?;
                with_json(js, "value", &s.value)
            })
            .collect()
    }

    /// The JSON Schema (draft 2020-12) of the submissions, as `JSON.parse` gives it (64-bit
    /// integer bounds become the nearest JavaScript number, as for any JSON read in JS).
    #[wasm_bindgen(js_name = jsonSchema)]
    pub fn json_schema(&self) -> Result<JsValue, JsValue> {
        let form = self.0.compiled().map_err(to_js)?;
        js_sys::JSON::parse(&form.json_schema().to_string())
            .map_err(|_| bad_argument("the JSON Schema could not be read back"))
    }

    /// The canonical JSON form document.
    #[wasm_bindgen(js_name = toJson)]
    pub fn to_json(&self) -> Result<String, JsValue> {
        Ok(self.0.compiled().map_err(to_js)?.form().to_json())
    }
}

impl Form {
    /// The verdicts of a JSON array of submissions, written as JSON text.
    pub(crate) fn check_many_text(
        &self,
        submissions: &str,
        options: Option<Ts<FormOptions>>,
    ) -> Result<String, JsValue> {
        let form = self.0.compiled().map_err(to_js)?;
        let verdicts = form
            .check_many(submissions, &options_of(options)?)
            .map_err(to_js)?;
        let dtos: Vec<Verdict> = verdicts.iter().map(Verdict::from_core).collect();
        serde_json::to_string(&dtos).map_err(bad_argument)
    }

    /// The core verdicts of a batch (for the transfer comparison).
    #[cfg(feature = "transfer-variants")]
    pub(crate) fn check_many_core(
        &self,
        submissions: &str,
        options: Option<Ts<FormOptions>>,
    ) -> Result<Vec<meal_core::form::Verdict>, JsValue> {
        let form = self.0.compiled().map_err(to_js)?;
        form.check_many(submissions, &options_of(options)?)
            .map_err(to_js)
    }
}

pub(crate) fn options_of(options: Option<Ts<FormOptions>>) -> Result<Options, JsValue> {
    let given: FormOptions = crate::options_or_default(options)?;
    Ok(Options {
        locale: locale_of(given.locale).as_str().to_owned(),
        now: crate::clock(given.now.as_deref())?,
    })
}
