//! CONTRACT (owner: plan helper). The MEAL plan document of one project.
//!
//! A [`MealPlan`] is a versioned JSON document (`format_version` 1) read through
//! [`crate::document::read`]. One [`PlanRow`] per logframe indicator says how it is measured;
//! the plan also carries the project's roles, evaluations, accountability mechanisms, learning
//! agenda and reporting schedule (which feeds [`super::calendar`]).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::document::Parsed;
use crate::error::{Finding, MealError};
use crate::i18n::{Message, Term};
use crate::period::Period;
use crate::text::Text;

/// The format version this library reads and writes.
pub const FORMAT_VERSION: u32 = 1;

/// How often something is collected or reported. Ordered from finest to coarsest, `Once` last.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Frequency {
    /// Every record as it happens (routine case records).
    Continuous,
    Weekly,
    Monthly,
    Quarterly,
    SixMonthly,
    Yearly,
    /// A single collection (a baseline or end-line survey).
    Once,
}

/// How data for an indicator is collected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CollectionMethod {
    /// Routine records of care (consultations, follow-ups) in a form or case tool.
    RoutineRecords,
    Survey,
    FocusGroup,
    KeyInformantInterview,
    Observation,
    DocumentReview,
    /// Feedback and complaint mechanism records.
    FeedbackMechanism,
    /// A figure reported by another organisation or system.
    ExternalReport,
}

/// Where an indicator's data comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Source {
    /// A field of one of the mission's forms (`form` is the form id, `field` the field name).
    Form { form: String, field: String },
    /// A source outside the mission's forms (a partner's register, a donor database).
    External { description: Text },
}

/// A report the indicator feeds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReportingUse {
    Sitrep,
    AnnualReport,
    Donor,
}

/// A role named as responsible in the plan (`meal_officer`, `medical_coordinator`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Role {
    pub code: String,
    pub name: Text,
}

/// How one logframe indicator is measured and reported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanRow {
    /// The logframe indicator code.
    pub indicator: String,
    pub source: Source,
    pub method: CollectionMethod,
    /// The tool used to collect (`ODK Collect`, `MANO`, paper register).
    pub tool: Text,
    pub frequency: Frequency,
    /// A role code of [`MealPlan::roles`].
    pub responsible: String,
    /// Dimension codes of the indicator the data is broken down by.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub disaggregation: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub quality_assurance: Vec<Text>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reporting: Vec<ReportingUse>,
    /// The GDPR processing (a purpose id of the privacy rules) the collection relies on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub processing: Option<String>,
}

/// The kind of an evaluation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EvaluationKind {
    RealTime,
    MidTerm,
    Final,
    Thematic,
}

/// A planned evaluation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evaluation {
    pub code: String,
    pub kind: EvaluationKind,
    pub title: Text,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub questions: Vec<Text>,
    /// When it takes place (its report is due at the end of this period).
    pub period: Period,
    /// A role code.
    pub responsible: String,
}

/// An accountability mechanism and the feedback configuration it uses.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Accountability {
    pub code: String,
    pub name: Text,
    /// The feedback taxonomy id and version it codes items with (`feedback::Taxonomy`).
    pub taxonomy: String,
    pub taxonomy_version: String,
    /// Channel ids through which people reach it (`suggestion_box`, `hotline`, …).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub channels: Vec<String>,
    /// A role code.
    pub responsible: String,
}

/// A question the project wants answered, and the evidence that should answer it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LearningQuestion {
    pub code: String,
    pub question: Text,
    /// Indicator or evaluation codes whose results inform the answer.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<String>,
    /// A role code.
    pub responsible: String,
}

/// When the project reports, which feeds the reporting calendar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportingSchedule {
    /// SITREP period (monthly, quarterly, …).
    pub sitrep: Frequency,
    /// Days after the end of a period a SITREP is due.
    pub sitrep_due_days: u32,
    /// Days after the end of the calendar year the annual report is due.
    pub annual_report_due_days: u32,
    /// Donor reporting period, when the project has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub donor: Option<Frequency>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub donor_due_days: Option<u32>,
    /// How often data quality is reviewed (due at each period end).
    pub quality_review: Frequency,
}

/// The MEAL plan of one project.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MealPlan {
    pub format_version: u32,
    /// The project code of the logframe the plan measures.
    pub project: String,
    /// The first day the plan applies (nothing is due before it).
    pub start: NaiveDate,
    pub roles: Vec<Role>,
    pub reporting: ReportingSchedule,
    pub indicators: Vec<PlanRow>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evaluations: Vec<Evaluation>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub accountability: Vec<Accountability>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub learning_agenda: Vec<LearningQuestion>,
}

impl MealPlan {
    /// Reads a plan (syntax, version, shape; unknown fields as findings).
    pub fn from_json(json: &str) -> Result<Parsed<MealPlan>, MealError> {
        crate::document::read(json, "meal_plan", FORMAT_VERSION)
    }

    /// The canonical JSON form; `from_json(&p.to_json())` gives back `p`.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// The plan's own structural findings (blank or duplicate codes, unknown role, blank texts,
    /// a donor frequency without due days, …), sorted by path then code. Cross-document checks
    /// (logframe, forms, GDPR rules) are [`super::coverage`].
    pub fn validate(&self) -> Vec<Finding> {
        Vec::new()
    }
}

/// Every code this file raises, in English and French.
pub const MESSAGES: &[Message] = &[];

/// The document names of this file, in messages.
pub const TERMS: &[Term] = &[Term {
    key: "meal_plan",
    en: "MEAL plan",
    fr: "plan SERA",
}];
