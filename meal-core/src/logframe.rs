//! The logframe (cadre logique): impact → outcomes → outputs → activities, each objective with
//! its indicators, assumptions, risks and means of verification; and its structural validation.
//!
//! SKELETON — the types and signatures below are the contract the examples and the bindings are
//! written against. Validation logic to be completed by the logframe work stream.

use serde::{Deserialize, Serialize};

use crate::document::{self, Parsed};
use crate::error::{Finding, MealError};
use crate::i18n::Message;
use crate::indicator::Indicator;
use crate::text::Text;

/// The format version this library reads and writes.
pub const FORMAT_VERSION: u32 = 1;

/// Level of an objective in the results chain, from the top.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    Impact,
    Outcome,
    Output,
    Activity,
}

/// Operational objectives change services and people's situation; influence objectives change
/// policies, practices or public debate (advocacy, *plaidoyer*).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ObjectiveKind {
    Operational,
    Influence,
}

/// The four disciplines that work together in every project.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Discipline {
    Medical,
    MentalHealth,
    Protection,
    Influence,
}

/// Cross-cutting themes tagged on objectives and activities.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Theme {
    Safeguarding,
    PatientCentredApproach,
    LearningAndDevelopment,
    Partnership,
}

/// Likelihood or impact rating of a risk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rating {
    Low,
    Medium,
    High,
}

/// A risk to an objective and how it is mitigated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Risk {
    pub description: Text,
    pub likelihood: Rating,
    pub impact: Rating,
    pub mitigation: Text,
}

/// One node of the results chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Objective {
    /// Stable code, unique in the logframe (`IDF.OC1`).
    pub code: String,
    pub level: Level,
    /// Code of the objective one level up; `None` only for the impact.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    pub kind: ObjectiveKind,
    pub title: Text,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub disciplines: Vec<Discipline>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub themes: Vec<Theme>,
    /// Codes of the indicators (defined in [`Logframe::indicators`]) that measure this objective.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub indicators: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub assumptions: Vec<Text>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub risks: Vec<Risk>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub means_of_verification: Vec<Text>,
}

/// The project a logframe belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Project {
    /// Short stable code (`IDF`, `CAL`, `MRS`, `DKQ`).
    pub code: String,
    pub name: Text,
}

/// A project's logframe.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Logframe {
    pub format_version: u32,
    pub project: Project,
    pub objectives: Vec<Objective>,
    #[serde(default)]
    pub indicators: Vec<Indicator>,
}

impl Logframe {
    /// Reads a logframe from JSON. Errors: `json.malformed`, `document.*`, `logframe.cycle`
    /// (the parent links loop, so the results chain has no top). Unknown fields are findings.
    pub fn from_json(json: &str) -> Result<Parsed<Logframe>, MealError> {
        document::read(json, "logframe", FORMAT_VERSION)
    }

    /// The canonical JSON form (pretty-printed, fields in declaration order).
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// Structural findings, sorted by path then code.
    pub fn validate(&self) -> Vec<Finding> {
        Vec::new()
    }
}

/// Reads and validates a logframe: the reading findings (unknown fields) and the structural
/// ones, sorted. The one call a form, a notebook or an app needs.
pub fn check(json: &str) -> Result<Vec<Finding>, MealError> {
    let parsed = Logframe::from_json(json)?;
    let mut findings = parsed.findings;
    findings.extend(parsed.value.validate());
    crate::error::sort_findings(&mut findings);
    Ok(findings)
}

/// Messages of this module's codes.
pub const MESSAGES: &[Message] = &[];
