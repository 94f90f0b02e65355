//! Capitalisation: the lessons-learned register, searched (`searchLessons`) and consolidated at
//! mission level (`consolidateLessons`) for the annual seminar.
//!
//! A register is an object read from JSON; the lessons a search returns are records, their
//! texts in both languages (`Bilingual`). The query is JSON text (`{"text"?, "project"?,
//! "discipline"?, "tags"?, "status"?, "from"?, "to"?}`), as every binding takes it.

use std::sync::Arc;

use meal_core::document::Parsed;
use meal_core::error::merged_findings;
use meal_core::plan::{self, LessonQuery, LessonStatus};
use meal_core::text::Text;

use crate::error::Result;
use crate::logframe::Finding;
use crate::privacy::serde_name;
use crate::types::IsoDate;

/// Where a lesson stands.
#[uniffi::remote(Enum)]
pub enum LessonStatus {
    Draft,
    Validated,
    Applied,
    Archived,
}

/// A text in English and French.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Bilingual {
    pub en: String,
    pub fr: String,
}

impl From<&Text> for Bilingual {
    fn from(text: &Text) -> Self {
        Bilingual {
            en: text.en.clone(),
            fr: text.fr.clone(),
        }
    }
}

/// One lesson of a register.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Lesson {
    /// Unique in the register (`IDF-L-2026-03`).
    pub id: String,
    /// Project code; the mission itself is `MISSION`.
    pub project: String,
    /// `medical`, `mental_health`, `protection`, `influence`, or null.
    pub discipline: Option<String>,
    pub date: IsoDate,
    pub status: LessonStatus,
    pub lesson: Bilingual,
    pub context: Bilingual,
    pub evidence: Bilingual,
    pub recommendation: Bilingual,
    pub tags: Vec<String>,
}

impl From<&plan::Lesson> for Lesson {
    fn from(lesson: &plan::Lesson) -> Self {
        Lesson {
            id: lesson.id.clone(),
            project: lesson.project.clone(),
            discipline: lesson.discipline.as_ref().map(serde_name),
            date: lesson.date,
            status: lesson.status,
            lesson: (&lesson.lesson).into(),
            context: (&lesson.context).into(),
            evidence: (&lesson.evidence).into(),
            recommendation: (&lesson.recommendation).into(),
            tags: lesson.tags.clone(),
        }
    }
}

/// A register of lessons (a project's, or the mission's). Immutable.
#[derive(Debug, uniffi::Object)]
pub struct LessonsRegister(Parsed<plan::LessonsRegister>);

#[uniffi::export]
impl LessonsRegister {
    /// Reads a register. Errors `json.malformed`, `document.*`; unknown fields are findings.
    #[uniffi::constructor]
    pub fn from_json(json: String) -> Result<Arc<LessonsRegister>> {
        Ok(Arc::new(LessonsRegister(plan::LessonsRegister::from_json(
            &json,
        )?)))
    }

    /// The canonical JSON form.
    pub fn to_json(&self) -> String {
        self.0.value.to_json()
    }

    /// Every lesson, in document order.
    pub fn lessons(&self) -> Vec<Lesson> {
        self.0.value.lessons.iter().map(Lesson::from).collect()
    }

    /// Everything wrong with the register: reading findings and structural ones (duplicate or
    /// blank ids, blank texts), sorted by path then code, messages in `locale`.
    pub fn findings(&self, locale: String) -> Vec<Finding> {
        let all = merged_findings(&self.0.findings, self.0.value.validate());
        Finding::all_from_core(all, &locale)
    }
}

/// The lessons of `register` matching the query (JSON text; every set criterion must hold),
/// newest first, then by id. Errors `json.malformed`, `plan.bad_query`.
#[uniffi::export]
pub fn search_lessons(register: Arc<LessonsRegister>, query_json: String) -> Result<Vec<Lesson>> {
    let query = LessonQuery::from_json(&query_json)?;
    Ok(register
        .0
        .value
        .search(&query)
        .into_iter()
        .map(Lesson::from)
        .collect())
}

/// The mission register and what consolidating found.
#[derive(Debug, Clone, uniffi::Record)]
pub struct ConsolidatedLessons {
    /// Every project's lessons in one register, sorted by date then id.
    pub register: Arc<LessonsRegister>,
    /// `plan.duplicate_lesson` for a lesson id found in two registers (both are kept).
    pub findings: Vec<Finding>,
}

/// The mission register of the projects' `registers`, findings' messages in `locale`.
#[uniffi::export]
pub fn consolidate_lessons(
    registers: Vec<Arc<LessonsRegister>>,
    locale: String,
) -> ConsolidatedLessons {
    let registers: Vec<plan::LessonsRegister> =
        registers.iter().map(|r| r.0.value.clone()).collect();
    let (register, findings) = plan::LessonsRegister::consolidate(&registers);
    ConsolidatedLessons {
        register: Arc::new(LessonsRegister(Parsed {
            value: register,
            findings: Vec::new(),
        })),
        findings: Finding::all_from_core(findings, &locale),
    }
}
