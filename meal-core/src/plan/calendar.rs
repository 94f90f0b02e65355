//! CONTRACT (owner: plan helper). The reporting calendar: for a date range, what is due when —
//! SITREPs, annual reports, donor reports, evaluations, data-quality reviews and the mission
//! seminar — per project and for the mission.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::error::MealError;
use crate::i18n::Message;
use crate::period::Period;

use super::MealPlan;

/// What is due.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DueKind {
    Sitrep,
    AnnualReport,
    DonorReport,
    Evaluation,
    QualityReview,
    Seminar,
}

/// The calendar asked for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarRequest {
    /// First and last day (inclusive) of the range: items *due* in it are listed.
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// The day of the annual mission seminar, when one is set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seminar: Option<NaiveDate>,
}

/// One thing due.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Due {
    pub date: NaiveDate,
    pub kind: DueKind,
    /// The project code; `None` for the mission (the seminar).
    pub project: Option<String>,
    /// The period reported on (SITREP, annual, donor, quality review, evaluation).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<Period>,
    /// The evaluation code, for an evaluation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    /// The responsible role code, when the plan names one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub responsible: Option<String>,
}

/// Everything due in the range, sorted by date, then project (mission first), kind, period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Calendar {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub due: Vec<Due>,
}

impl Calendar {
    /// The calendar of `plans` over the request's range. Errors: `plan.bad_range` (from after
    /// to, or a range too long to list).
    pub fn build(plans: &[MealPlan], request: &CalendarRequest) -> Result<Calendar, MealError> {
        let _ = (plans, request);
        Err(MealError::new("plan.bad_range"))
    }

    /// The items of one project (and the mission's, which concern every project).
    pub fn for_project(&self, project: &str) -> Vec<&Due> {
        self.due
            .iter()
            .filter(|d| d.project.as_deref().is_none_or(|p| p == project))
            .collect()
    }
}

/// Every code this file raises, in English and French.
pub const MESSAGES: &[Message] = &[Message {
    code: "plan.bad_range",
    en: "The calendar range is not valid",
    fr: "La période du calendrier n'est pas valide",
}];
