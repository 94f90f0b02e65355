//! The MEAL plan (*plan SERA*) of each project: how every logframe indicator is measured, by
//! whom, how often, where it is reported and under which GDPR processing; the project's
//! evaluations, accountability mechanisms and learning agenda; the mission's lessons-learned
//! register (capitalisation); the checks that a plan covers its logframe; and the reporting
//! calendar that falls out of the plans.
//!
//! | file | concept |
//! |---|---|
//! | `meal_plan.rs` | the plan document of one project and its own structural checks |
//! | `coverage.rs` | does a plan cover its logframe, forms and GDPR rules — findings |
//! | `calendar.rs` | what is due when, per project and for the mission |
//! | `lessons.rs` | the lessons-learned register: filtering, search, mission consolidation |
//!
//! Spreadsheet authoring of plans is in [`crate::template`].
//!
//! What the bindings call, JSON text in and serde values out:
//!
//! | call | input | output |
//! |---|---|---|
//! | [`meal_plan::check`] | a plan document | its reading and structural findings |
//! | [`coverage::check_json`] | `{plans, logframes, forms, rules}` | every document's reading findings and the coverage findings |
//! | [`Calendar::build_json`] | `{plans, request: {from, to, seminar?}}` | the [`Calendar`] |
//!
//! Each file's docs hold the table of the codes it raises, with severities and why.

pub mod calendar;
pub mod coverage;
pub mod lessons;
pub mod meal_plan;

pub use calendar::{Calendar, CalendarRequest, Due, DueKind};
pub use coverage::{coverage, Coverage};
pub use lessons::{Lesson, LessonQuery, LessonStatus, LessonsRegister};
pub use meal_plan::{
    Accountability, CollectionMethod, Evaluation, EvaluationKind, Frequency, LearningQuestion,
    MealPlan, PlanRow, ReportingSchedule, ReportingUse, Role, Source,
};
