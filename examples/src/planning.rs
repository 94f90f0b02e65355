//! Section 9 of the demo: the MEAL plans of the four projects, their coverage of the logframes,
//! forms and GDPR rules, the mission's 2026 reporting calendar month by month (SITREPs, annual
//! and donor reports, evaluations, data-quality reviews and the mission seminar), and the
//! lessons-learned register searched the way a coordinator prepares the seminar.

use std::collections::BTreeMap;

use chrono::Datelike;
use meal_core::plan::{Calendar, Due, DueKind, LessonQuery, LessonsRegister, MealPlan};
use meal_core::{Finding, Locale, Severity};
use meal_demo::plans;

use crate::{print_findings, tr, Out};

/// The lessons search the demo shows: typed without accents, as people type.
const SEARCH: &str = r#"{"text": "interpretariat nuit"}"#;

/// Prints the section. Returns true when a plan or the lessons register has blocking findings.
pub fn section(out: &mut Out, locale: Locale) -> bool {
    out.heading(tr(
        locale,
        "9. MEAL plans, the 2026 reporting calendar and lessons learned",
        "9. Plans SERA, calendrier des rapports 2026 et leçons apprises",
    ));
    let plans = match plans::plans() {
        Ok(plans) => plans,
        Err(error) => {
            out.line(format!("  {}: {}", error.code, error.message(locale)));
            return true;
        }
    };
    let mut blocking = summary(out, locale, &plans);
    let plans: Vec<MealPlan> = plans.into_iter().map(|(plan, _)| plan).collect();
    blocking |= coverage(out, locale, &plans);
    calendar(out, locale, &plans);
    blocking |= lessons(out, locale);
    blocking
}

/// One line per plan: rows, evaluations, mechanisms, learning questions, reading findings.
fn summary(out: &mut Out, locale: Locale, plans: &[(MealPlan, Vec<Finding>)]) -> bool {
    let mut blocking = false;
    for (plan, findings) in plans {
        let mut all = findings.clone();
        all.extend(plan.validate());
        blocking |= all.iter().any(Finding::is_blocking);
        out.line(format!(
            "  {:<4} {:>3} {}, {} {}, {} {}, {} {}",
            plan.project,
            plan.indicators.len(),
            tr(locale, "indicator rows", "lignes d'indicateurs"),
            plan.evaluations.len(),
            tr(locale, "evaluations", "évaluations"),
            plan.accountability.len(),
            tr(
                locale,
                "accountability mechanisms",
                "mécanismes de redevabilité"
            ),
            plan.learning_agenda.len(),
            tr(locale, "learning questions", "questions d'apprentissage"),
        ));
        print_findings(out, locale, &all);
    }
    blocking
}

/// The coverage findings, counted by severity.
fn coverage(out: &mut Out, locale: Locale, plans: &[MealPlan]) -> bool {
    out.blank();
    let findings = match plans::coverage_findings(plans) {
        Ok(findings) => findings,
        Err(error) => {
            out.line(format!("  {}: {}", error.code, error.message(locale)));
            return true;
        }
    };
    let count = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
    out.line(format!(
        "{} {} {}, {} {}, {} {}",
        tr(
            locale,
            "Coverage of the logframes, forms and GDPR rules:",
            "Couverture des cadres logiques, formulaires et règles RGPD :"
        ),
        count(Severity::Error),
        tr(locale, "errors", "erreurs"),
        count(Severity::Warning),
        tr(locale, "warnings", "alertes"),
        count(Severity::Info),
        tr(locale, "for information", "pour information"),
    ));
    print_findings(out, locale, &findings);
    findings.iter().any(Finding::is_blocking)
}

/// The 2026 calendar, grouped by month.
fn calendar(out: &mut Out, locale: Locale, plans: &[MealPlan]) {
    out.blank();
    out.line(format!(
        "{} {} ({} {}):",
        tr(locale, "Reporting calendar", "Calendrier des rapports"),
        plans::CALENDAR_YEAR,
        tr(locale, "mission seminar on", "séminaire de mission le"),
        plans::seminar().map_or_else(|| "-".to_owned(), |d| d.to_string()),
    ));
    let calendar: Calendar = match plans::calendar(plans) {
        Ok(calendar) => calendar,
        Err(error) => {
            out.line(format!("  {}: {}", error.code, error.message(locale)));
            return;
        }
    };
    let mut months: BTreeMap<u32, Vec<&Due>> = BTreeMap::new();
    for due in &calendar.due {
        months.entry(due.date.month()).or_default().push(due);
    }
    for (month, items) in months {
        out.line(format!(
            "  {} {} ({})",
            month_name(locale, month),
            plans::CALENDAR_YEAR,
            items.len()
        ));
        for due in items {
            out.line(format!(
                "    {}  {:<8} {:<24} {:<12} {}",
                due.date,
                due.project.as_deref().unwrap_or("MISSION"),
                kind_label(locale, due.kind),
                due.reference
                    .clone()
                    .or_else(|| due.period.as_ref().map(|p| p.id()))
                    .unwrap_or_default(),
                role_name(locale, plans, due),
            ));
        }
    }
}

/// The name of the responsible role in the reader's language, from the item's plan.
fn role_name(locale: Locale, plans: &[MealPlan], due: &Due) -> String {
    let Some(code) = due.responsible.as_deref() else {
        return String::new();
    };
    plans
        .iter()
        .filter(|p| due.project.as_deref() == Some(p.project.as_str()))
        .flat_map(|p| p.roles.iter())
        .find(|r| r.code == code)
        .map_or_else(|| code.to_owned(), |r| r.name.get(locale).to_owned())
}

fn kind_label(locale: Locale, kind: DueKind) -> &'static str {
    match kind {
        DueKind::Sitrep => tr(locale, "SITREP", "SITREP"),
        DueKind::AnnualReport => tr(locale, "annual report", "rapport annuel"),
        DueKind::DonorReport => tr(locale, "donor report", "rapport bailleur"),
        DueKind::Evaluation => tr(locale, "evaluation", "évaluation"),
        DueKind::QualityReview => tr(locale, "data-quality review", "revue qualité données"),
        DueKind::Seminar => tr(locale, "mission seminar", "séminaire de mission"),
    }
}

fn month_name(locale: Locale, month: u32) -> &'static str {
    const NAMES: [(&str, &str); 12] = [
        ("January", "janvier"),
        ("February", "février"),
        ("March", "mars"),
        ("April", "avril"),
        ("May", "mai"),
        ("June", "juin"),
        ("July", "juillet"),
        ("August", "août"),
        ("September", "septembre"),
        ("October", "octobre"),
        ("November", "novembre"),
        ("December", "décembre"),
    ];
    let index = usize::try_from(month.saturating_sub(1)).unwrap_or_default();
    NAMES.get(index).map_or("?", |(en, fr)| tr(locale, en, fr))
}

/// The register's size per project, and one search.
fn lessons(out: &mut Out, locale: Locale) -> bool {
    out.blank();
    let (register, mut findings): (LessonsRegister, Vec<Finding>) = match plans::lessons() {
        Ok(read) => read,
        Err(error) => {
            out.line(format!("  {}: {}", error.code, error.message(locale)));
            return true;
        }
    };
    findings.extend(register.validate());
    let mut per_project: BTreeMap<&str, usize> = BTreeMap::new();
    for lesson in &register.lessons {
        *per_project.entry(lesson.project.as_str()).or_default() += 1;
    }
    let counts: Vec<String> = per_project
        .iter()
        .map(|(project, n)| format!("{project} {n}"))
        .collect();
    out.line(format!(
        "{} {} ({})",
        tr(
            locale,
            "Lessons-learned register:",
            "Registre des leçons apprises :"
        ),
        register.lessons.len(),
        counts.join(", "),
    ));
    print_findings(out, locale, &findings);
    match LessonQuery::from_json(SEARCH) {
        Ok(query) => {
            let found = register.search(&query);
            out.line(format!(
                "  {} {SEARCH} → {}",
                tr(locale, "Search", "Recherche"),
                found.len()
            ));
            for lesson in found {
                out.line(format!(
                    "    {}  {}  {}",
                    lesson.date,
                    lesson.id,
                    lesson.lesson.get(locale)
                ));
            }
        }
        Err(error) => out.line(format!("  {}: {}", error.code, error.message(locale))),
    }
    findings.iter().any(Finding::is_blocking)
}
