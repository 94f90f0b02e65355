//! Plain data crossing the boundary, typed in the `.d.ts` by tsify. Dates and decimals cross as
//! strings (ISO `YYYY-MM-DD`, plain decimal notation) so no figure passes through a binary float.

use meal_core::form;
use meal_core::{Finding as CoreFinding, Locale};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use tsify::Tsify;

// What the lean module (meal/forms) leaves out: its .d.ts then names no type it lacks.
#[cfg(feature = "full")]
mod feedback;
#[cfg(feature = "full")]
mod privacy;
#[cfg(feature = "full")]
mod tables;
#[cfg(feature = "full")]
pub use {feedback::*, privacy::*, tables::*};

/// One validation result, with its message in the requested language.
#[derive(Debug, Clone, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
#[tsify(hashmap_as_object)]
pub struct Finding {
    pub code: String,
    pub path: String,
    #[tsify(type = "\"error\" | \"warning\" | \"info\"")]
    pub severity: String,
    pub params: BTreeMap<String, String>,
    pub message: String,
}

impl Finding {
    /// A submission finding, whose message the form engine already rendered.
    pub fn from_submission(found: &form::SubmissionFinding) -> Self {
        Finding {
            code: found.finding.code.clone(),
            path: found.finding.path.clone(),
            severity: found.finding.severity.as_str().to_owned(),
            params: found.finding.params.clone(),
            message: found.message.clone(),
        }
    }

    /// Every finding of `found`, messages in `locale`.
    pub fn all(found: &[CoreFinding], locale: Locale) -> Vec<Finding> {
        found
            .iter()
            .map(|f| Finding::from_core(f, locale))
            .collect()
    }

    /// Every finding of `found` as typed JavaScript values, messages in `locale`.
    pub fn all_to_js(
        found: &[CoreFinding],
        locale: Locale,
    ) -> Result<Vec<tsify::Ts<Finding>>, wasm_bindgen::JsValue> {
        found
            .iter()
            .map(|f| {
                Finding::from_core(f, locale)
                    .into_ts()
                    .map_err(crate::error::bad_argument)
            })
            .collect()
    }

    pub fn from_core(finding: &CoreFinding, locale: Locale) -> Self {
        Finding {
            code: finding.code.clone(),
            path: finding.path.clone(),
            severity: finding.severity.as_str().to_owned(),
            params: finding.params.clone(),
            message: finding.message(locale),
        }
    }
}

/// One reported value of a period; for ratios `value` is the numerator.
#[derive(Debug, Clone, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct Observation {
    pub period: String,
    pub value: String,
    #[serde(default)]
    #[tsify(optional)]
    pub denominator: Option<String>,
}

/// An actual value set against the target of a period.
#[derive(Debug, Clone, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct Assessment {
    pub period: String,
    pub target: Option<String>,
    pub actual: Option<String>,
    /// Fraction of the target achieved ("1" = 100 %).
    pub achievement: Option<String>,
    #[tsify(type = "\"on_track\" | \"at_risk\" | \"off_track\" | \"no_data\" | \"no_target\"")]
    pub status: String,
}

/// A period as plain data (what `Period.toJSON()` returns).
#[derive(Debug, Clone, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct PeriodData {
    pub id: String,
    #[serde(rename = "type")]
    pub period_type: String,
    pub start: String,
    pub end: String,
}

/// Achievement thresholds (fractions of the target, decimal strings); absent fields take the
/// documented defaults (0.85 and 0.60).
#[derive(Debug, Clone, Default, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct Thresholds {
    #[serde(default)]
    #[tsify(optional)]
    pub on_track: Option<String>,
    #[serde(default)]
    #[tsify(optional)]
    pub at_risk: Option<String>,
}

/// Options of `Form.validate` and `Form.state`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct FormOptions {
    /// Message language (`"fr"`, `"en"`, or a language of the form's own messages).
    #[serde(default)]
    #[tsify(optional)]
    pub locale: Option<String>,
    /// The clock, RFC 3339 with offset; the browser's clock when absent.
    #[serde(default)]
    #[tsify(optional)]
    pub now: Option<String>,
}

/// Options of `Expr.evaluate`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct EvaluateOptions {
    /// The value of `.`.
    #[serde(default)]
    #[tsify(optional, type = "string | number | boolean | null")]
    pub current: Option<serde_json::Value>,
    /// `YYYY-MM-DD`; the date of `now` when absent.
    #[serde(default)]
    #[tsify(optional)]
    pub today: Option<String>,
    /// RFC 3339 with offset; the browser's clock when absent.
    #[serde(default)]
    #[tsify(optional)]
    pub now: Option<String>,
}

/// The verdict on one submission.
#[derive(Debug, Clone, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
#[tsify(hashmap_as_object, missing_as_null)]
pub struct Report {
    pub valid: bool,
    pub findings: Vec<Finding>,
    /// The submission as stored: non-relevant values removed, calculations computed.
    #[tsify(type = "Record<string, unknown>")]
    pub cleaned: serde_json::Value,
}

impl Report {
    pub fn from_core(report: &form::Report) -> Self {
        Report {
            valid: report.valid,
            findings: report
                .findings
                .iter()
                .map(Finding::from_submission)
                .collect(),
            // Set afterwards as JSON.parse reads it (see form.rs `with_json`).
            cleaned: serde_json::Value::Null,
        }
    }
}

/// The verdict on one submission without the cleaned copy (`Form.check`, `Form.checkMany`).
#[derive(Debug, Clone, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
#[tsify(hashmap_as_object, missing_as_null)]
pub struct Verdict {
    pub valid: bool,
    pub findings: Vec<Finding>,
}

impl Verdict {
    pub fn from_core(verdict: &form::Verdict) -> Self {
        Verdict {
            valid: verdict.valid,
            findings: verdict
                .findings
                .iter()
                .map(Finding::from_submission)
                .collect(),
        }
    }
}

/// The state of one field instance, for a UI on every keystroke.
#[derive(Debug, Clone, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
#[tsify(hashmap_as_object, missing_as_null)]
pub struct FieldState {
    pub path: String,
    pub relevant: bool,
    pub required: bool,
    pub read_only: bool,
    #[tsify(type = "unknown")]
    pub value: serde_json::Value,
    pub findings: Vec<Finding>,
}

impl FieldState {
    pub fn from_core(state: &form::FieldState) -> Self {
        FieldState {
            path: state.path.clone(),
            relevant: state.relevant,
            required: state.required,
            read_only: state.read_only,
            // Set afterwards as JSON.parse reads it (see form.rs `with_json`).
            value: serde_json::Value::Null,
            findings: state
                .findings
                .iter()
                .map(Finding::from_submission)
                .collect(),
        }
    }
}
