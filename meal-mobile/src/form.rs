//! `Form`: forms read from JSON or XLSForm bytes, submission validation and live-form state.
//! Submissions, cleaned submissions and values cross as JSON text (apps already hold JSON from
//! their storage or their serialization library).

use std::sync::Arc;

use meal_core::form::{self, LoadedForm, Options};
use meal_core::input;

use crate::error::Result;
use crate::logframe::Finding;

/// The verdict on one submission.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct Report {
    /// True when no finding is blocking.
    pub valid: bool,
    pub findings: Vec<Finding>,
    /// The submission as stored (non-relevant values removed, calculations computed), as JSON.
    pub cleaned_json: String,
}

/// The verdict on one submission without the cleaned copy (`check`, `checkMany`): what a
/// "save" button or a batch re-check needs, at a lower cost than `validate`.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct Verdict {
    /// True when no finding is blocking.
    pub valid: bool,
    pub findings: Vec<Finding>,
}

impl From<form::Verdict> for Verdict {
    fn from(verdict: form::Verdict) -> Self {
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
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct FieldState {
    /// `/members/2/age`.
    pub path: String,
    pub relevant: bool,
    pub required: bool,
    pub read_only: bool,
    /// The current or computed value, as JSON.
    pub value_json: String,
    pub findings: Vec<Finding>,
}

/// A form, read and compiled. Immutable; share it across threads.
#[derive(Debug, uniffi::Object)]
pub struct Form(LoadedForm);

impl Form {
    /// The form document, for the operations that read its schema (privacy classification).
    /// Error `form.not_compilable` when the form could not be built.
    pub(crate) fn document(&self) -> Result<&meal_core::form::Form> {
        Ok(self.0.compiled()?.form())
    }

    /// The compiled form, for the operations that read its fields (the record schema).
    /// Error `form.not_compilable`.
    pub(crate) fn compiled(&self) -> Result<&form::CompiledForm> {
        Ok(self.0.compiled()?)
    }
}

#[uniffi::export]
impl Form {
    /// Reads a form from its JSON document.
    #[uniffi::constructor]
    pub fn from_json(json: String) -> Result<Arc<Form>> {
        Ok(Arc::new(Form(LoadedForm::from_json(&json)?)))
    }

    /// Reads an XLSForm workbook from the bytes of an `.xlsx` file.
    #[uniffi::constructor]
    pub fn from_xlsform(bytes: Vec<u8>) -> Result<Arc<Form>> {
        Ok(Arc::new(Form(LoadedForm::from_xlsform(&bytes)?)))
    }

    /// What is wrong with the form itself, sorted, messages in `locale`.
    pub fn findings(&self, locale: String) -> Vec<Finding> {
        Finding::all_from_core(self.0.findings().to_vec(), &locale)
    }

    /// Validates one submission (JSON object text). `now` is RFC 3339 with offset.
    pub fn validate(&self, submission_json: String, locale: String, now: String) -> Result<Report> {
        let report = self
            .0
            .compiled()?
            .validate(&submission_json, &options(locale, &now)?)?;
        Ok(Report {
            valid: report.valid,
            findings: report
                .findings
                .iter()
                .map(Finding::from_submission)
                .collect(),
            cleaned_json: report.cleaned.to_string(),
        })
    }

    /// Checks one submission (JSON object text) without building the cleaned copy.
    pub fn check(&self, submission_json: String, locale: String, now: String) -> Result<Verdict> {
        let verdict = self
            .0
            .compiled()?
            .check(&submission_json, &options(locale, &now)?)?;
        Ok(verdict.into())
    }

    /// Checks a batch in one call: `submissions_json` is a JSON array of submissions; one
    /// verdict per element, in order (a non-object element gets the finding
    /// `form.submission_not_object`). Error `form.batch_not_array`.
    pub fn check_many(
        &self,
        submissions_json: String,
        locale: String,
        now: String,
    ) -> Result<Vec<Verdict>> {
        let verdicts = self
            .0
            .compiled()?
            .check_many(&submissions_json, &options(locale, &now)?)?;
        Ok(verdicts.into_iter().map(Verdict::from).collect())
    }

    /// The form's id (XLSForm `form_id`), to file stored forms and submissions by.
    pub fn id(&self) -> Result<String> {
        Ok(self.document()?.id.clone())
    }

    /// The form's version (XLSForm `version`).
    pub fn version(&self) -> Result<String> {
        Ok(self.document()?.version.clone())
    }

    /// The live state of every field instance for a partial submission.
    pub fn state(
        &self,
        submission_json: String,
        locale: String,
        now: String,
    ) -> Result<Vec<FieldState>> {
        let states = self
            .0
            .compiled()?
            .state(&submission_json, &options(locale, &now)?)?;
        Ok(states.iter().map(field_state).collect())
    }

    /// The JSON Schema (draft 2020-12) of the submissions, as JSON text.
    pub fn json_schema(&self) -> Result<String> {
        Ok(self.0.compiled()?.json_schema().to_string())
    }

    /// The canonical JSON form document.
    pub fn to_json(&self) -> Result<String> {
        Ok(self.0.compiled()?.form().to_json())
    }
}

fn options(locale: String, now: &str) -> Result<Options> {
    Ok(Options {
        locale,
        now: input::parse_date_time(now)?,
    })
}

fn field_state(state: &form::FieldState) -> FieldState {
    FieldState {
        path: state.path.clone(),
        relevant: state.relevant,
        required: state.required,
        read_only: state.read_only,
        value_json: state.value.to_string(),
        findings: state
            .findings
            .iter()
            .map(Finding::from_submission)
            .collect(),
    }
}
