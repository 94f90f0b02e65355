//! CONTRACT (owner: mission helper). The lessons-learned register (capitalisation): lessons
//! with their context, evidence and recommendation, filtered and searched, consolidated at
//! mission level for the annual seminar.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::document::Parsed;
use crate::error::{Finding, MealError};
use crate::i18n::{Message, Term};
use crate::logframe::Discipline;
use crate::text::Text;

/// The format version this library reads and writes.
pub const FORMAT_VERSION: u32 = 1;

/// Where a lesson stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LessonStatus {
    /// Written down, not yet discussed.
    Draft,
    /// Discussed and accepted (at a review or the seminar).
    Validated,
    /// Its recommendation has been put into practice.
    Applied,
    /// No longer relevant.
    Archived,
}

/// One lesson.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Lesson {
    /// Unique in the register (`IDF-L-2026-03`).
    pub id: String,
    /// Project code; the mission itself is `MISSION`.
    pub project: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub discipline: Option<Discipline>,
    pub date: NaiveDate,
    pub status: LessonStatus,
    pub lesson: Text,
    pub context: Text,
    pub evidence: Text,
    pub recommendation: Text,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
}

/// A register of lessons (a project's, or the mission's).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LessonsRegister {
    pub format_version: u32,
    pub lessons: Vec<Lesson>,
}

/// A filter and search over a register. Every set criterion must hold.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LessonQuery {
    /// Words searched in every text of the lesson, in both languages (case and accents ignored;
    /// every word must appear).
    pub text: Option<String>,
    pub project: Option<String>,
    pub discipline: Option<Discipline>,
    /// Every tag listed must be on the lesson.
    pub tags: Vec<String>,
    pub status: Option<LessonStatus>,
    /// Inclusive date bounds.
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

impl LessonQuery {
    /// Reads a query from JSON (bindings pass one). Errors: `json.malformed`, `plan.bad_query`.
    pub fn from_json(json: &str) -> Result<LessonQuery, MealError> {
        serde_json::from_str(json).map_err(|e| crate::document::malformed(&e))
    }
}

impl LessonsRegister {
    /// Reads a register (syntax, version, shape; unknown fields as findings).
    pub fn from_json(json: &str) -> Result<Parsed<LessonsRegister>, MealError> {
        crate::document::read(json, "lessons_register", FORMAT_VERSION)
    }

    /// The canonical JSON form.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// Structural findings: duplicate or blank ids, blank texts, unknown project code form.
    pub fn validate(&self) -> Vec<Finding> {
        Vec::new()
    }

    /// The lessons matching `query`, newest first (then by id).
    pub fn search(&self, query: &LessonQuery) -> Vec<&Lesson> {
        let _ = query;
        Vec::new()
    }

    /// The mission register: every project's lessons in one, sorted by date then id; a lesson
    /// id found in two registers is a finding (`plan.duplicate_lesson`) and both are kept.
    pub fn consolidate(registers: &[LessonsRegister]) -> (LessonsRegister, Vec<Finding>) {
        let _ = registers;
        (
            LessonsRegister {
                format_version: FORMAT_VERSION,
                lessons: Vec::new(),
            },
            Vec::new(),
        )
    }
}

/// Every code this file raises, in English and French.
pub const MESSAGES: &[Message] = &[];

/// The document names of this file, in messages.
pub const TERMS: &[Term] = &[Term {
    key: "lessons_register",
    en: "lessons-learned register",
    fr: "registre des leçons apprises",
}];
