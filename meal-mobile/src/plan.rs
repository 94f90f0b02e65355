//! The MEAL plan (*plan SERA*) on the device: `MealPlan` (read, validated, written back),
//! `planCoverage` (does each plan cover its logframe, forms and GDPR rules) and
//! `reportingCalendar` (what is due when, a `ReportingCalendar`).
//!
//! Findings are records with their message in the requested locale, as everywhere in this
//! binding; the calendar is a record of `Due` items whose dates are `IsoDate` strings and whose
//! period is a `Period`, so an app lists and filters it without parsing JSON (the mission's
//! items have no project: `calendar.due.filter { it.project == null || it.project == "IDF" }`
//! is the calendar of one project).

use std::sync::Arc;

use meal_core::document::Parsed;
use meal_core::error::merged_findings;
use meal_core::plan::{self, coverage, meal_plan, CalendarRequest, DueKind};

use crate::error::Result;
use crate::form::Form;
use crate::logframe::{Finding, Logframe};
use crate::period::Period;
use crate::privacy::{documents, PrivacyRules};
use crate::types::IsoDate;

/// The MEAL plan of one project, read from its JSON document. Immutable.
#[derive(Debug, uniffi::Object)]
pub struct MealPlan(Parsed<plan::MealPlan>);

impl MealPlan {
    pub(crate) fn wrap(plan: plan::MealPlan) -> Arc<MealPlan> {
        Arc::new(MealPlan(Parsed {
            value: plan,
            findings: Vec::new(),
        }))
    }

    pub(crate) fn core(&self) -> &plan::MealPlan {
        &self.0.value
    }
}

#[uniffi::export]
impl MealPlan {
    /// Reads a plan. Errors `json.malformed`, `document.*`; unknown fields are findings.
    #[uniffi::constructor]
    pub fn from_json(json: String) -> Result<Arc<MealPlan>> {
        Ok(Arc::new(MealPlan(plan::MealPlan::from_json(&json)?)))
    }

    /// The canonical JSON form (read back identically by `fromJson`).
    pub fn to_json(&self) -> String {
        self.0.value.to_json()
    }

    /// The project code of the logframe the plan measures.
    pub fn project(&self) -> String {
        self.0.value.project.clone()
    }

    /// The plan's own structural findings (blank or duplicate codes, unknown role, …), sorted
    /// by path then code, messages in `locale`. Cross-document checks are `planCoverage`.
    pub fn validate(&self, locale: String) -> Vec<Finding> {
        Finding::all_from_core(self.0.value.validate(), &locale)
    }

    /// Everything wrong with the document: reading findings (unknown fields) and `validate`,
    /// sorted by path then code, messages in `locale`.
    pub fn findings(&self, locale: String) -> Vec<Finding> {
        let all = merged_findings(&self.0.findings, self.0.value.validate());
        Finding::all_from_core(all, &locale)
    }
}

/// Reads a MEAL plan and validates it: the reading findings (unknown fields, duplicate keys)
/// and `MealPlan.validate`, sorted by path then code, messages in `locale` — the list
/// `MealPlan.findings` gives for the same text. Throws when the text cannot be read
/// (`json.malformed`, `document.*`).
#[uniffi::export]
pub fn check_meal_plan(json: String, locale: String) -> Result<Vec<Finding>> {
    Ok(Finding::all_from_core(meal_plan::check(&json)?, &locale))
}

/// Does each plan cover its logframe, and do its data sources exist and rest on GDPR rules:
/// indicators with no plan row, unknown forms, fields, roles or purposes, personal fields
/// without GDPR rules, frequencies that cannot feed a report — plus each plan's own `validate`
/// findings (paths under `/plans/{i}`), sorted by path then code, messages in `locale`.
/// Without `rules` processing ids cannot be checked (a finding says so). Error
/// `form.not_compilable` for a form that could not be built.
#[uniffi::export]
pub fn plan_coverage(
    plans: Vec<Arc<MealPlan>>,
    logframes: Vec<Arc<Logframe>>,
    forms: Vec<Arc<Form>>,
    rules: Option<Arc<PrivacyRules>>,
    locale: String,
) -> Result<Vec<Finding>> {
    let plans: Vec<plan::MealPlan> = plans.iter().map(|p| p.core().clone()).collect();
    let logframes: Vec<_> = logframes.iter().map(|l| l.core().clone()).collect();
    let forms = documents(&forms)?;
    let findings = plan::coverage(&plan::Coverage {
        plans: &plans,
        logframes: &logframes,
        forms: &forms,
        rules: rules.as_ref().map(|r| r.core()),
    });
    Ok(Finding::all_from_core(findings, &locale))
}

/// `planCoverage` of documents given as one JSON text, `{"plans": [..], "logframes": [..],
/// "forms": [..], "rules": doc | null}`, as an app keeps them: every document's reading
/// findings (paths under its place in the input: `/plans/0/...`, `/rules/...`), each plan's
/// own checks and the coverage checks, sorted by path then code, messages in `locale`. Errors
/// `json.malformed`, `document.*` (with the path into the input), `logframe.cycle`.
#[uniffi::export]
pub fn check_plan_coverage(json: String, locale: String) -> Result<Vec<Finding>> {
    Ok(Finding::all_from_core(
        coverage::check_json(&json)?,
        &locale,
    ))
}

/// What is due.
#[uniffi::remote(Enum)]
pub enum DueKind {
    Sitrep,
    AnnualReport,
    DonorReport,
    Evaluation,
    QualityReview,
    Seminar,
}

/// One thing due.
#[derive(Debug, Clone, uniffi::Record)]
pub struct Due {
    /// The day it is due.
    pub date: IsoDate,
    pub kind: DueKind,
    /// The project code; null for the mission (the seminar).
    pub project: Option<String>,
    /// The period reported on (SITREP, annual, donor, quality review, evaluation).
    pub period: Option<Arc<Period>>,
    /// The evaluation code, for an evaluation.
    pub reference: Option<String>,
    /// The responsible role code, when the plan names one.
    pub responsible: Option<String>,
}

/// Everything due in a date range, sorted by date, then project (mission first), kind, period.
/// (Not `Calendar`, which would shadow Foundation's `Calendar` in Swift.)
#[derive(Debug, Clone, uniffi::Record)]
pub struct ReportingCalendar {
    /// First day of the range (inclusive).
    pub from: IsoDate,
    /// Last day of the range (inclusive).
    pub to: IsoDate,
    pub due: Vec<Due>,
}

impl From<plan::Calendar> for ReportingCalendar {
    fn from(calendar: plan::Calendar) -> Self {
        ReportingCalendar {
            from: calendar.from,
            to: calendar.to,
            due: calendar
                .due
                .into_iter()
                .map(|d| Due {
                    date: d.date,
                    kind: d.kind,
                    project: d.project,
                    period: d.period.map(Period::wrap),
                    reference: d.reference,
                    responsible: d.responsible,
                })
                .collect(),
        }
    }
}

/// The reporting calendar of `plans` from `from` to `to` (inclusive): SITREPs, annual and donor
/// reports, evaluations, data-quality reviews, and the mission `seminar` when one is set.
/// Errors `input.date` (a date that does not read), `plan.bad_range` (from after to, or a
/// range too long to list).
#[uniffi::export]
pub fn reporting_calendar(
    plans: Vec<Arc<MealPlan>>,
    from: IsoDate,
    to: IsoDate,
    seminar: Option<IsoDate>,
) -> Result<ReportingCalendar> {
    let plans: Vec<plan::MealPlan> = plans.iter().map(|p| p.core().clone()).collect();
    let request = CalendarRequest { from, to, seminar };
    Ok(plan::Calendar::build(&plans, &request)?.into())
}
