//! Properties of the MEAL plan: exact JSON round-trip; validation and coverage deterministic and
//! panic-free on arbitrary plans; removing one indicator's row from a covered plan yields
//! exactly one `plan.no_plan_row`, at that indicator; calendar items lie in the range, are
//! sorted, and widening the range never removes one.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use chrono::{Days, NaiveDate};
use meal_core::indicator::{Aggregation, Direction, Indicator, Measure};
use meal_core::logframe::{Logframe, Project};
use meal_core::period::{Period, PeriodType};
use meal_core::plan::{
    coverage, Accountability, Calendar, CalendarRequest, CollectionMethod, Coverage, Evaluation,
    EvaluationKind, Frequency, LearningQuestion, MealPlan, PlanRow, ReportingSchedule,
    ReportingUse, Role, Source,
};
use meal_core::text::Text;
use proptest::prelude::*;

fn text() -> impl Strategy<Value = Text> {
    ("[a-z ]{0,6}", "[a-zé ]{0,6}").prop_map(|(en, fr)| Text::new(en, fr))
}

fn code() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[A-C][1-3]",
        1 => "[a-z .]{0,3}",
    ]
}

fn frequency() -> impl Strategy<Value = Frequency> {
    prop_oneof![
        Just(Frequency::Continuous),
        Just(Frequency::Weekly),
        Just(Frequency::Monthly),
        Just(Frequency::Quarterly),
        Just(Frequency::SixMonthly),
        Just(Frequency::Yearly),
        Just(Frequency::Once),
    ]
}

fn recurring() -> impl Strategy<Value = Frequency> {
    prop_oneof![
        Just(Frequency::Weekly),
        Just(Frequency::Monthly),
        Just(Frequency::Quarterly),
        Just(Frequency::SixMonthly),
        Just(Frequency::Yearly),
    ]
}

fn day(offset: u64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 1, 1).unwrap() + Days::new(offset)
}

fn period() -> impl Strategy<Value = Period> {
    (0u64..2000, 0usize..4).prop_map(|(offset, kind)| {
        let t = [
            PeriodType::Monthly,
            PeriodType::Quarterly,
            PeriodType::Weekly,
            PeriodType::Yearly,
        ][kind];
        Period::containing(t, day(offset)).unwrap()
    })
}

fn source() -> impl Strategy<Value = Source> {
    prop_oneof![
        ("[a-z]{0,3}", "[a-z]{0,3}").prop_map(|(form, field)| Source::Form { form, field }),
        text().prop_map(|description| Source::External { description }),
    ]
}

fn reporting_use() -> impl Strategy<Value = ReportingUse> {
    prop_oneof![
        Just(ReportingUse::Sitrep),
        Just(ReportingUse::AnnualReport),
        Just(ReportingUse::Donor),
    ]
}

fn row() -> impl Strategy<Value = PlanRow> {
    (
        code(),
        source(),
        text(),
        frequency(),
        code(),
        prop::collection::vec("[a-z]{0,3}", 0..3),
        prop::collection::vec(text(), 0..2),
        prop::collection::vec(reporting_use(), 0..3),
        prop::option::of("[a-z]{0,4}"),
    )
        .prop_map(
            |(indicator, source, tool, frequency, responsible, dims, qa, reporting, processing)| {
                PlanRow {
                    indicator,
                    source,
                    method: CollectionMethod::RoutineRecords,
                    tool,
                    frequency,
                    responsible,
                    disaggregation: dims,
                    quality_assurance: qa,
                    reporting,
                    processing,
                }
            },
        )
}

fn schedule() -> impl Strategy<Value = ReportingSchedule> {
    (
        frequency(),
        0u32..60,
        0u32..120,
        prop::option::of(frequency()),
        prop::option::of(0u32..90),
        frequency(),
    )
        .prop_map(
            |(sitrep, sitrep_due_days, annual, donor, donor_due_days, quality_review)| {
                ReportingSchedule {
                    sitrep,
                    sitrep_due_days,
                    annual_report_due_days: annual,
                    donor,
                    donor_due_days,
                    quality_review,
                }
            },
        )
}

fn plan() -> impl Strategy<Value = MealPlan> {
    (
        code(),
        0u64..1500,
        prop::collection::vec((code(), text()), 0..3),
        schedule(),
        prop::collection::vec(row(), 0..5),
        prop::collection::vec((code(), text(), period(), code()), 0..3),
        prop::collection::vec((code(), text(), code()), 0..2),
        prop::collection::vec((code(), text(), prop::collection::vec(code(), 0..3)), 0..3),
    )
        .prop_map(
            |(project, start, roles, reporting, indicators, evaluations, mechanisms, learning)| {
                MealPlan {
                    format_version: 1,
                    project,
                    start: day(start),
                    roles: roles
                        .into_iter()
                        .map(|(code, name)| Role { code, name })
                        .collect(),
                    reporting,
                    indicators,
                    evaluations: evaluations
                        .into_iter()
                        .map(|(code, title, period, responsible)| Evaluation {
                            code,
                            kind: EvaluationKind::Thematic,
                            title,
                            questions: Vec::new(),
                            period,
                            responsible,
                        })
                        .collect(),
                    accountability: mechanisms
                        .into_iter()
                        .map(|(code, name, responsible)| Accountability {
                            code,
                            name,
                            taxonomy: "ifrc".into(),
                            taxonomy_version: "1".into(),
                            channels: vec!["hotline".into()],
                            responsible,
                        })
                        .collect(),
                    learning_agenda: learning
                        .into_iter()
                        .map(|(code, question, evidence)| LearningQuestion {
                            code,
                            question,
                            evidence,
                            responsible: "meal".into(),
                        })
                        .collect(),
                }
            },
        )
}

fn indicator(code: &str) -> Indicator {
    Indicator {
        code: code.into(),
        name: Text::new(code, code),
        definition: None,
        measure: Measure::Count,
        unit: Text::new("u", "u"),
        direction: Direction::Increase,
        aggregation: Aggregation::Incremental,
        baseline: None,
        targets: Vec::new(),
        disaggregation: Vec::new(),
        means_of_verification: Vec::new(),
    }
}

/// A logframe of `n` indicators and a plan with one external-source row for each: covered.
fn covered(n: usize, frequency: Frequency) -> (Logframe, MealPlan) {
    let codes: Vec<String> = (0..n).map(|i| format!("I{i}")).collect();
    let logframe = Logframe {
        format_version: 1,
        project: Project {
            code: "P".into(),
            name: Text::new("P", "P"),
        },
        objectives: Vec::new(),
        indicators: codes.iter().map(|c| indicator(c)).collect(),
    };
    let plan = MealPlan {
        format_version: 1,
        project: "P".into(),
        start: day(0),
        roles: vec![Role {
            code: "meal".into(),
            name: Text::new("MEAL", "SERA"),
        }],
        reporting: ReportingSchedule {
            sitrep: Frequency::Monthly,
            sitrep_due_days: 10,
            annual_report_due_days: 90,
            donor: None,
            donor_due_days: None,
            quality_review: Frequency::Quarterly,
        },
        indicators: codes
            .iter()
            .map(|c| PlanRow {
                indicator: c.clone(),
                source: Source::External {
                    description: Text::new("register", "registre"),
                },
                method: CollectionMethod::ExternalReport,
                tool: Text::new("sheet", "tableur"),
                frequency,
                responsible: "meal".into(),
                disaggregation: Vec::new(),
                quality_assurance: Vec::new(),
                reporting: vec![ReportingUse::AnnualReport],
                processing: None,
            })
            .collect(),
        evaluations: Vec::new(),
        accountability: Vec::new(),
        learning_agenda: Vec::new(),
    };
    (logframe, plan)
}

fn check_coverage(plans: &[MealPlan], logframes: &[Logframe]) -> Vec<meal_core::Finding> {
    coverage(&Coverage {
        plans,
        logframes,
        forms: &[],
        rules: None,
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn json_round_trip_is_exact(plan in plan()) {
        let json = plan.to_json();
        let back = MealPlan::from_json(&json).unwrap();
        prop_assert!(back.findings.is_empty(), "{:?}", back.findings);
        prop_assert_eq!(&back.value, &plan);
        prop_assert_eq!(back.value.to_json(), json);
    }

    #[test]
    fn validation_and_coverage_are_deterministic(plans in prop::collection::vec(plan(), 0..3)) {
        for plan in &plans {
            let findings = plan.validate();
            prop_assert_eq!(&findings, &plan.validate());
            let mut sorted = findings.clone();
            meal_core::error::sort_findings(&mut sorted);
            prop_assert_eq!(sorted, findings);
        }
        let (logframe, _) = covered(3, Frequency::Monthly);
        let logframes = [logframe];
        let first = check_coverage(&plans, &logframes);
        prop_assert_eq!(&first, &check_coverage(&plans, &logframes));
        for finding in &first {
            prop_assert!(meal_core::i18n::lookup(&finding.code).is_some(), "{}", finding.code);
        }
    }

    #[test]
    fn removing_a_row_yields_one_no_plan_row_there(
        n in 1usize..6,
        pick in any::<prop::sample::Index>(),
        frequency in recurring(),
    ) {
        let (logframe, mut plan) = covered(n, frequency);
        let logframes = [logframe];
        prop_assert_eq!(check_coverage(std::slice::from_ref(&plan), &logframes), vec![]);
        let removed = pick.index(n);
        let row = plan.indicators.remove(removed);
        let found = check_coverage(&[plan], &logframes);
        prop_assert_eq!(found.len(), 1, "{:?}", found);
        prop_assert_eq!(found[0].code.as_str(), "plan.no_plan_row");
        prop_assert_eq!(&found[0].path, &format!("/logframes/0/indicators/{removed}"));
        prop_assert_eq!(&found[0].params["indicator"], &row.indicator);
    }

    #[test]
    fn calendar_is_in_range_sorted_and_monotone(
        plans in prop::collection::vec(plan(), 0..3),
        from in 0u64..1500,
        length in 0u64..800,
        widen_before in 0u64..200,
        widen_after in 0u64..200,
        seminar in prop::option::of(0u64..2500),
    ) {
        let request = CalendarRequest {
            from: day(from),
            to: day(from + length),
            seminar: seminar.map(day),
        };
        let calendar = Calendar::build(&plans, &request).unwrap();
        for item in &calendar.due {
            prop_assert!(request.from <= item.date && item.date <= request.to);
        }
        prop_assert!(calendar.due.windows(2).all(|w| w[0].date <= w[1].date));
        prop_assert_eq!(&calendar, &Calendar::build(&plans, &request).unwrap());
        let wider = CalendarRequest {
            from: request.from - Days::new(widen_before),
            to: request.to + Days::new(widen_after),
            seminar: request.seminar,
        };
        let more = Calendar::build(&plans, &wider).unwrap();
        for item in &calendar.due {
            prop_assert!(more.due.contains(item), "{:?} lost", item);
        }
    }
}
