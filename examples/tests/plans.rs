//! The reference mission's MEAL plans and lessons register: canonical, structurally clean, one
//! row per logframe indicator, data sources that exist in the forms and rest on a purpose the
//! field is collected for, clean under `plan::coverage`, a 2026 calendar with what the plans
//! promise, and workbooks that give the plans back exactly.
//!
//! The checks of sources and purposes are written here against the forms themselves, so they
//! hold whatever `plan::coverage` reports.

// A test reports a broken fixture by panicking, with the reason.
#![allow(
    clippy::panic,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing
)]

use std::collections::BTreeSet;

use chrono::NaiveDate;
use meal_core::form::{Field, Form};
use meal_core::plan::{
    DueKind, EvaluationKind, Frequency, LessonQuery, MealPlan, ReportingUse, Source,
};
use meal_core::privacy::Classification;
use meal_demo::{plans, reference};

fn the_plans() -> Vec<MealPlan> {
    plans::plans()
        .unwrap()
        .into_iter()
        .map(|(plan, findings)| {
            assert!(findings.is_empty(), "{}: {findings:?}", plan.project);
            plan
        })
        .collect()
}

/// Every field of a form, groups and repeats walked.
fn fields(form: &Form) -> Vec<&Field> {
    fn walk<'a>(list: &'a [Field], out: &mut Vec<&'a Field>) {
        for field in list {
            out.push(field);
            walk(&field.children, out);
        }
    }
    let mut out = Vec::new();
    walk(&form.fields, &mut out);
    out
}

#[test]
fn plans_are_canonical_and_structurally_clean() {
    for (source, plan) in plans::PLANS.iter().zip(the_plans()) {
        assert_eq!(plan.project, source.project);
        assert_eq!(
            plan.to_json() + "\n",
            source.json,
            "{} is not canonical",
            source.file
        );
        assert!(
            plan.validate().is_empty(),
            "{}: {:?}",
            source.file,
            plan.validate()
        );
    }
}

#[test]
fn one_row_per_logframe_indicator_in_order_with_its_dimensions() {
    let logframes = reference::logframes().unwrap();
    for (plan, logframe) in the_plans().iter().zip(&logframes) {
        assert_eq!(plan.project, logframe.project.code);
        let rows: Vec<&str> = plan
            .indicators
            .iter()
            .map(|r| r.indicator.as_str())
            .collect();
        let codes: Vec<&str> = logframe
            .indicators
            .iter()
            .map(|i| i.code.as_str())
            .collect();
        assert_eq!(rows, codes, "{}", plan.project);
        for (row, indicator) in plan.indicators.iter().zip(&logframe.indicators) {
            let dims: Vec<&str> = indicator
                .disaggregation
                .iter()
                .map(|d| d.code.as_str())
                .collect();
            assert_eq!(row.disaggregation, dims, "{}", row.indicator);
        }
    }
}

#[test]
fn form_sources_exist_and_rest_on_a_purpose_the_field_serves() {
    let forms = plans::forms().unwrap();
    let rules = plans::rules().unwrap();
    let mut form_rows = 0;
    for plan in the_plans() {
        for row in &plan.indicators {
            if let Some(id) = &row.processing {
                assert!(
                    rules.purpose(id).is_some(),
                    "{}: unknown purpose {id}",
                    row.indicator
                );
            }
            let Source::Form { form, field } = &row.source else {
                continue;
            };
            form_rows += 1;
            let form = forms
                .iter()
                .find(|f| &f.id == form)
                .unwrap_or_else(|| panic!("{}: no form {form}", row.indicator));
            let field = fields(form)
                .into_iter()
                .find(|f| &f.name == field)
                .unwrap_or_else(|| panic!("{}: no field {field}", row.indicator));
            let privacy = field
                .privacy
                .as_ref()
                .expect("every form field is classified");
            if privacy.classification != Classification::NonPersonal {
                let processing = row
                    .processing
                    .as_ref()
                    .expect("a personal field needs a processing");
                assert!(
                    privacy.purposes.contains(processing),
                    "{}: {} is not collected for {processing}",
                    row.indicator,
                    field.name
                );
            }
        }
    }
    assert!(
        form_rows >= 20,
        "only {form_rows} rows read the mission's forms"
    );
}

#[test]
fn collection_is_frequent_enough_for_every_report_it_feeds() {
    for plan in the_plans() {
        let schedule = &plan.reporting;
        for row in &plan.indicators {
            for report in &row.reporting {
                let needed = match report {
                    ReportingUse::Sitrep => schedule.sitrep,
                    ReportingUse::AnnualReport => Frequency::Yearly,
                    ReportingUse::Donor => schedule.donor.expect("a donor schedule"),
                };
                assert!(
                    row.frequency <= needed,
                    "{} feeds {report:?}",
                    row.indicator
                );
            }
            let roles: BTreeSet<&str> = plan.roles.iter().map(|r| r.code.as_str()).collect();
            assert!(
                roles.contains(row.responsible.as_str()),
                "{}",
                row.indicator
            );
        }
    }
}

#[test]
fn plans_carry_the_missions_evaluations_accountability_and_learning() {
    let plans = the_plans();
    let evaluation = |code: &str| {
        plans
            .iter()
            .flat_map(|p| &p.evaluations)
            .find(|e| e.code == code)
            .unwrap_or_else(|| panic!("no evaluation {code}"))
    };
    assert_eq!(evaluation("CAL-EVAL-02").kind, EvaluationKind::MidTerm);
    assert_eq!(evaluation("CAL-EVAL-02").period.id(), "2026Q4");
    assert_eq!(evaluation("IDF-EVAL-01").kind, EvaluationKind::Thematic);
    assert_eq!(evaluation("CAL-EVAL-01").kind, EvaluationKind::RealTime);
    let taxonomy: serde_json::Value =
        serde_json::from_str(include_str!("../data/feedback-taxonomy.json")).unwrap();
    for plan in &plans {
        assert!(plan.learning_agenda.len() >= 3, "{}", plan.project);
        assert!(!plan.accountability.is_empty(), "{}", plan.project);
        for mechanism in &plan.accountability {
            assert_eq!(mechanism.taxonomy, taxonomy["id"].as_str().unwrap());
            assert_eq!(
                mechanism.taxonomy_version,
                taxonomy["version"].as_str().unwrap()
            );
        }
        // Learning questions cite indicators or evaluations of their own plan.
        let known: BTreeSet<&str> = plan
            .indicators
            .iter()
            .map(|r| r.indicator.as_str())
            .chain(plan.evaluations.iter().map(|e| e.code.as_str()))
            .collect();
        for question in &plan.learning_agenda {
            for evidence in &question.evidence {
                assert!(
                    known.contains(evidence.as_str()),
                    "{}: {evidence}",
                    question.code
                );
            }
        }
    }
}

#[test]
fn plans_are_clean_under_coverage() {
    let findings = plans::coverage_findings(&the_plans()).unwrap();
    assert!(findings.is_empty(), "{findings:#?}");
}

/// True for the contract's placeholder of `Calendar::build` (a bare `plan.bad_range`).
#[test]
fn the_2026_calendar_lists_what_the_plans_promise() {
    let plans = the_plans();
    let calendar = plans::calendar(&plans).unwrap_or_else(|error| panic!("{error}"));
    let day = |s: &str| s.parse::<NaiveDate>().unwrap();
    let has = |date: &str, kind: DueKind, project: Option<&str>, what: &str| {
        calendar.due.iter().any(|d| {
            d.date == day(date)
                && d.kind == kind
                && d.project.as_deref() == project
                && (d.reference.as_deref() == Some(what)
                    || d.period.as_ref().is_some_and(|p| p.id() == what))
        })
    };
    // Worked out by hand from the plans: period end + due days; an evaluation at its end.
    assert!(has("2026-02-10", DueKind::Sitrep, Some("CAL"), "202601"));
    assert!(has("2026-04-15", DueKind::Sitrep, Some("IDF"), "2026Q1"));
    assert!(has(
        "2026-07-31",
        DueKind::Evaluation,
        Some("CAL"),
        "CAL-EVAL-01"
    ));
    assert!(has(
        "2026-06-30",
        DueKind::Evaluation,
        Some("DKQ"),
        "DKQ-EVAL-01"
    ));
    assert!(has(
        "2026-12-31",
        DueKind::Evaluation,
        Some("IDF"),
        "IDF-EVAL-01"
    ));
    assert!(calendar
        .due
        .iter()
        .any(|d| d.kind == DueKind::Seminar && d.date == day("2026-11-19") && d.project.is_none()));
    assert!(!calendar
        .due
        .iter()
        .any(|d| d.reference.as_deref() == Some("IDF-EVAL-02")));
    assert!(calendar
        .due
        .iter()
        .all(|d| d.date.format("%Y").to_string() == "2026"));
    assert!(calendar.due.windows(2).all(|w| w[0].date <= w[1].date));
}

#[test]
fn the_lessons_register_is_clean_and_covers_the_mission() {
    let (register, findings) = plans::lessons().unwrap();
    assert!(findings.is_empty(), "{findings:?}");
    assert!(register.validate().is_empty(), "{:?}", register.validate());
    assert_eq!(register.to_json() + "\n", plans::LESSONS);
    assert!((15..=25).contains(&register.lessons.len()));
    let projects: BTreeSet<&str> = register
        .lessons
        .iter()
        .map(|l| l.project.as_str())
        .collect();
    assert_eq!(
        projects,
        BTreeSet::from(["CAL", "DKQ", "IDF", "MISSION", "MRS"])
    );
    let disciplines: BTreeSet<_> = register
        .lessons
        .iter()
        .filter_map(|l| l.discipline)
        .collect();
    assert_eq!(disciplines.len(), 4);
    // The demo's search, typed without accents, finds the night interpreting lesson.
    let query = LessonQuery::from_json(r#"{"text": "interpretariat nuit"}"#).unwrap();
    let ids: Vec<&str> = register
        .search(&query)
        .iter()
        .map(|l| l.id.as_str())
        .collect();
    assert_eq!(ids, ["CAL-L-2026-01"]);
}

#[test]
fn committed_workbooks_give_back_the_json_plans() {
    for (source, plan) in plans::PLANS.iter().zip(the_plans()) {
        let path = plans::workbook_dir().join(source.workbook);
        let bytes = std::fs::read(&path).unwrap_or_else(|e| {
            panic!(
                "{}: {e} (run `cargo run -p meal-demo -- templates`)",
                path.display()
            )
        });
        let back = meal_core::template::plan::from_xlsx(&bytes).unwrap();
        assert!(
            back.findings.is_empty(),
            "{}: {:?}",
            source.workbook,
            back.findings
        );
        assert_eq!(back.document.as_ref(), Some(&plan), "{}", source.workbook);
    }
}
