//! The reference mission's MEAL plans (*plans SERA*), its lessons-learned register and the
//! documents a coverage check reads them against — shared by the demo, the `templates`
//! command and the tests.
//!
//! | file | what |
//! |---|---|
//! | `data/plan-{idf,calais,marseille,dunkerque}.json` | one `plan::MealPlan` per project: a row per logframe indicator, evaluations, accountability mechanisms, learning agenda, reporting schedule |
//! | `data/lessons.json` | the mission's starter `plan::LessonsRegister` |
//! | `plans/plan-*.xlsx` | the same plans as template workbooks (`meal-demo templates` writes them) |
//!
//! Everything is embedded at build time except the workbooks, which are read from disk so
//! that the `templates` command can write them before any test reads them.

use std::path::PathBuf;

use chrono::NaiveDate;
use meal_core::form::Form;
use meal_core::logframe::Logframe;
use meal_core::plan::{coverage, Calendar, CalendarRequest, Coverage, LessonsRegister, MealPlan};
use meal_core::privacy::Rules;
use meal_core::{Finding, MealError};

use crate::reference;

/// One project's plan: its code, JSON file, workbook file and text.
#[derive(Debug, Clone, Copy)]
pub struct PlanSource {
    pub project: &'static str,
    pub file: &'static str,
    pub workbook: &'static str,
    pub json: &'static str,
}

/// The four MEAL plans, in the logframes' order.
pub const PLANS: [PlanSource; 4] = [
    PlanSource {
        project: "IDF",
        file: "plan-idf.json",
        workbook: "plan-idf.xlsx",
        json: include_str!("../data/plan-idf.json"),
    },
    PlanSource {
        project: "CAL",
        file: "plan-calais.json",
        workbook: "plan-calais.xlsx",
        json: include_str!("../data/plan-calais.json"),
    },
    PlanSource {
        project: "MRS",
        file: "plan-marseille.json",
        workbook: "plan-marseille.xlsx",
        json: include_str!("../data/plan-marseille.json"),
    },
    PlanSource {
        project: "DKQ",
        file: "plan-dunkerque.json",
        workbook: "plan-dunkerque.xlsx",
        json: include_str!("../data/plan-dunkerque.json"),
    },
];

/// The mission's lessons-learned register.
pub const LESSONS: &str = include_str!("../data/lessons.json");

/// The mission's GDPR rules (purposes the plans' processing ids name).
pub const PRIVACY_RULES: &str = include_str!("../data/privacy-rules.json");

/// The five XLSForms the plans' data sources point at.
pub const FORMS: [(&str, &[u8]); 5] = [
    (
        "consultation_medicale.xlsx",
        include_bytes!("../forms/consultation_medicale.xlsx"),
    ),
    (
        "suivi_sante_mentale.xlsx",
        include_bytes!("../forms/suivi_sante_mentale.xlsx"),
    ),
    (
        "dossier_socio_juridique.xlsx",
        include_bytes!("../forms/dossier_socio_juridique.xlsx"),
    ),
    (
        "contact_maraude_littoral.xlsx",
        include_bytes!("../forms/contact_maraude_littoral.xlsx"),
    ),
    (
        "feedback_plainte.xlsx",
        include_bytes!("../forms/feedback_plainte.xlsx"),
    ),
];

/// The year the reporting calendar covers.
pub const CALENDAR_YEAR: i32 = 2026;

/// The annual mission seminar: the third Thursday of November, after the Q3 SITREPs and the
/// coastal season's review, in time for the next year's plans.
pub fn seminar() -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(CALENDAR_YEAR, 11, 19)
}

/// The folder of the plan workbooks (`examples/plans`).
pub fn workbook_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("plans")
}

/// The four plans, with the findings of reading each (unknown fields, duplicate keys).
pub fn plans() -> Result<Vec<(MealPlan, Vec<Finding>)>, MealError> {
    PLANS
        .iter()
        .map(|source| MealPlan::from_json(source.json).map(|p| (p.value, p.findings)))
        .collect()
}

/// The lessons register, with its reading findings.
pub fn lessons() -> Result<(LessonsRegister, Vec<Finding>), MealError> {
    LessonsRegister::from_json(LESSONS).map(|p| (p.value, p.findings))
}

/// The mission's GDPR rules.
pub fn rules() -> Result<Rules, MealError> {
    Rules::from_json(PRIVACY_RULES).map(|p| p.value)
}

/// The five forms, read from their workbooks.
pub fn forms() -> Result<Vec<Form>, MealError> {
    FORMS
        .iter()
        .map(|(_, bytes)| meal_core::xlsform::read(bytes).map(|p| p.value))
        .collect()
}

/// The coverage findings of `plans` against the mission's logframes, forms and GDPR rules.
pub fn coverage_findings(plans: &[MealPlan]) -> Result<Vec<Finding>, MealError> {
    let logframes: Vec<Logframe> = reference::logframes()?;
    let forms = forms()?;
    let rules = rules()?;
    Ok(coverage(&Coverage {
        plans,
        logframes: &logframes,
        forms: &forms,
        rules: Some(&rules),
    }))
}

/// The mission's reporting calendar for [`CALENDAR_YEAR`], seminar included.
pub fn calendar(plans: &[MealPlan]) -> Result<Calendar, MealError> {
    let day = |month, day| {
        NaiveDate::from_ymd_opt(CALENDAR_YEAR, month, day)
            .ok_or_else(|| MealError::new("plan.bad_range"))
    };
    Calendar::build(
        plans,
        &CalendarRequest {
            from: day(1, 1)?,
            to: day(12, 31)?,
            seminar: seminar(),
        },
    )
}
