//! `Logframe`, `Finding` and `checkLogframe`: reading a logframe and its validation results.

use std::collections::HashMap;
use std::sync::Arc;

use meal_core::document::Parsed;
use meal_core::{logframe, Locale};

use crate::error::Result;

/// One validation result about a document, with its message rendered in the requested locale.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Finding {
    /// Stable machine code, e.g. `logframe.orphan_indicator`.
    pub code: String,
    /// Where in the document (JSON pointer): `/objectives/2/parent`.
    pub path: String,
    /// `error`, `warning` or `info`.
    pub severity: String,
    /// Values interpolated into the message.
    pub params: HashMap<String, String>,
    /// The message in the requested locale.
    pub message: String,
}

impl Finding {
    /// A submission finding, whose message the form engine already rendered.
    pub(crate) fn from_submission(found: &meal_core::form::SubmissionFinding) -> Finding {
        Finding {
            code: found.finding.code.clone(),
            path: found.finding.path.clone(),
            severity: found.finding.severity.as_str().to_owned(),
            params: found.finding.params.clone().into_iter().collect(),
            message: found.message.clone(),
        }
    }

    pub(crate) fn from_core(finding: meal_core::Finding, locale: Locale) -> Finding {
        Finding {
            message: finding.message(locale),
            severity: finding.severity.as_str().to_owned(),
            code: finding.code,
            path: finding.path,
            params: finding.params.into_iter().collect(),
        }
    }

    pub(crate) fn all_from_core(findings: Vec<meal_core::Finding>, locale: &str) -> Vec<Finding> {
        let locale = Locale::parse(locale);
        findings
            .into_iter()
            .map(|f| Finding::from_core(f, locale))
            .collect()
    }
}

/// Reads a logframe from JSON and validates it: the reading findings (unknown fields) and the
/// structural ones, sorted by path then code, messages in `locale`. Throws when the text cannot
/// be read at all (`json.malformed`, `document.*`, `logframe.cycle`).
#[uniffi::export]
pub fn check_logframe(json: String, locale: String) -> Result<Vec<Finding>> {
    Ok(Finding::all_from_core(logframe::check(&json)?, &locale))
}

/// A project's logframe, read from its JSON document. Immutable.
#[derive(Debug, uniffi::Object)]
pub struct Logframe(Parsed<logframe::Logframe>);

impl Logframe {
    /// A logframe read elsewhere (a workbook).
    pub(crate) fn wrap(parsed: Parsed<logframe::Logframe>) -> Logframe {
        Logframe(parsed)
    }

    /// The logframe, for the operations that compute and report on its indicators.
    pub(crate) fn core(&self) -> &logframe::Logframe {
        &self.0.value
    }
}

#[uniffi::export]
impl Logframe {
    /// Reads a logframe. Errors `json.malformed`, `document.*`, `logframe.cycle`.
    #[uniffi::constructor]
    pub fn from_json(json: String) -> Result<Arc<Logframe>> {
        Ok(Arc::new(Logframe(logframe::Logframe::from_json(&json)?)))
    }

    /// The canonical JSON form.
    pub fn to_json(&self) -> String {
        self.0.value.to_json()
    }

    /// The project's code.
    pub fn project_code(&self) -> String {
        self.0.value.project.code.clone()
    }

    /// The objectives' codes, in document order.
    pub fn objective_codes(&self) -> Vec<String> {
        self.0
            .value
            .objectives
            .iter()
            .map(|o| o.code.clone())
            .collect()
    }

    /// The indicators' codes, in document order.
    pub fn indicator_codes(&self) -> Vec<String> {
        self.0
            .value
            .indicators
            .iter()
            .map(|i| i.code.clone())
            .collect()
    }

    /// Findings of reading (unknown fields) and of structural validation, sorted by path then
    /// code, messages in `locale` — the same list `checkLogframe` gives for the same text.
    pub fn findings(&self, locale: String) -> Vec<Finding> {
        Finding::all_from_core(logframe::all_findings(&self.0), &locale)
    }
}
