//! Properties of spreadsheet authoring: any logframe, MEAL plan and lessons register the
//! template can carry
//! round-trips exactly through `.xlsx` in both header languages (texts with spaces, newlines,
//! control characters and escape look-alikes; decimals at any scale; every enum value); a
//! roughened document (repeated or blank codes, bad list entries, present-but-empty values)
//! either round-trips or is refused with `template.unwritable`, never changed silently; the
//! document's own findings are all located at cells; and arbitrary or damaged bytes never
//! panic the readers.

// Test code: an out-of-range index here is a failed test.
#![allow(clippy::indexing_slicing)]

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use meal_core::indicator::{
    Aggregation, Baseline, Category, Dimension, Direction, Indicator, Measure, Target,
};
use meal_core::logframe::{
    Discipline, Level, Logframe, Objective, ObjectiveKind, Project, Rating, Risk, Theme,
};
use meal_core::period::{Period, PeriodType};
use meal_core::plan::{
    Accountability, CollectionMethod, Evaluation, EvaluationKind, Frequency, LearningQuestion,
    Lesson, LessonStatus, LessonsRegister, MealPlan, PlanRow, ReportingSchedule, ReportingUse,
    Role, Source,
};
use meal_core::template;
use meal_core::text::Text;
use meal_core::Locale;
use proptest::prelude::*;
use rust_decimal::Decimal;

/// Any text a cell can hold: letters, accents, emoji, spaces and newlines at either end,
/// control characters, and the `_x00HH_` look-alikes of xlsx escapes.
fn string() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => "[A-Za-zÀ-ÿ0-9 ]{1,6}",
        1 => Just(" ".to_owned()),
        1 => Just("\n".to_owned()),
        1 => Just("\r\n".to_owned()),
        1 => Just("\t".to_owned()),
        1 => Just("\u{1}\u{1f}".to_owned()),
        1 => Just("_x000D_".to_owned()),
        1 => Just("_x005F_".to_owned()),
        1 => Just("🙂;=\"'<&>".to_owned()),
        1 => any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(piece, 0..4).prop_map(|parts| parts.concat())
}

fn text() -> impl Strategy<Value = Text> {
    (string(), string()).prop_map(|(en, fr)| Text::new(en, fr))
}

fn texts() -> impl Strategy<Value = Vec<Text>> {
    prop::collection::vec(text(), 0..3)
}

/// An optional text: a present one is not empty in both languages (an empty cell reads as
/// absent, see the module docs).
fn optional_text() -> impl Strategy<Value = Option<Text>> {
    prop::option::of(text().prop_filter("present", |t| !t.en.is_empty() || !t.fr.is_empty()))
}

/// A code that a list cell can hold (no separator, no padding).
fn code() -> impl Strategy<Value = String> {
    "[A-Za-z0-9._-]{1,6}"
}

/// Distinct codes for `n` owners of rows; free strings (spaces, accents) are fine for owners.
fn owner_codes(n: usize) -> impl Strategy<Value = Vec<String>> {
    prop::collection::btree_set(prop_oneof![code(), "[ a-zé.]{1,5}[a-z]"], n..=n)
        .prop_map(|set| set.into_iter().collect::<Vec<_>>())
        .prop_shuffle()
}

fn decimal() -> impl Strategy<Value = Decimal> {
    (any::<i64>(), 0u32..=12).prop_map(|(n, scale)| Decimal::new(n, scale))
}

fn period() -> impl Strategy<Value = Period> {
    let types = vec![
        PeriodType::Daily,
        PeriodType::Weekly,
        PeriodType::WeeklySunday,
        PeriodType::BiWeekly,
        PeriodType::Monthly,
        PeriodType::BiMonthly,
        PeriodType::Quarterly,
        PeriodType::QuarterlyNov,
        PeriodType::SixMonthly,
        PeriodType::SixMonthlyApril,
        PeriodType::Yearly,
        PeriodType::FinancialJuly,
    ];
    (prop::sample::select(types), 0i64..5000).prop_filter_map("a period", |(kind, day)| {
        let date = NaiveDate::from_ymd_opt(2020, 1, 1)? + chrono::Duration::days(day);
        Period::containing(kind, date).ok()
    })
}

fn level() -> impl Strategy<Value = Level> {
    prop::sample::select(vec![
        Level::Impact,
        Level::Outcome,
        Level::Output,
        Level::Activity,
    ])
}

fn rating() -> impl Strategy<Value = Rating> {
    prop::sample::select(vec![Rating::Low, Rating::Medium, Rating::High])
}

fn risk() -> impl Strategy<Value = Risk> {
    (text(), rating(), rating(), text()).prop_map(
        |(description, likelihood, impact, mitigation)| Risk {
            description,
            likelihood,
            impact,
            mitigation,
        },
    )
}

fn measure() -> impl Strategy<Value = Measure> {
    prop_oneof![
        Just(Measure::Count),
        Just(Measure::Sum),
        Just(Measure::Mean),
        Just(Measure::DistinctPersons),
        Just(Measure::Qualitative),
        (text(), text(), decimal()).prop_map(|(numerator, denominator, factor)| {
            Measure::Ratio {
                numerator,
                denominator,
                factor,
            }
        }),
        texts().prop_map(|levels| Measure::Ordinal { levels }),
        texts().prop_map(|categories| Measure::Nominal { categories }),
    ]
}

fn direction() -> impl Strategy<Value = Direction> {
    prop_oneof![
        Just(Direction::Increase),
        Just(Direction::Decrease),
        decimal().prop_map(|tolerance| Direction::Maintain { tolerance }),
    ]
}

fn aggregation() -> impl Strategy<Value = Aggregation> {
    prop::sample::select(vec![
        Aggregation::Incremental,
        Aggregation::RunningTotal,
        Aggregation::LatestSnapshot,
        Aggregation::YearlyResetRunningTotal,
        Aggregation::RatioOfSums,
    ])
}

fn target() -> impl Strategy<Value = Target> {
    (
        period(),
        decimal(),
        prop::collection::btree_map(code(), code(), 0..3),
    )
        .prop_map(|(period, value, cell)| Target {
            period,
            value,
            cell,
        })
}

fn dimensions() -> impl Strategy<Value = Vec<Dimension>> {
    (0usize..3).prop_flat_map(|n| {
        (
            owner_codes(n),
            prop::collection::vec((text(), prop::collection::vec((string(), text()), 0..3)), n),
        )
            .prop_map(|(codes, parts)| {
                codes
                    .into_iter()
                    .zip(parts)
                    .map(|(code, (name, categories))| Dimension {
                        code,
                        name,
                        categories: categories
                            .into_iter()
                            .map(|(code, name)| Category { code, name })
                            .collect(),
                    })
                    .collect()
            })
    })
}

fn indicator(code: String) -> impl Strategy<Value = Indicator> {
    let baseline = prop::option::of((decimal(), period(), optional_text())).prop_map(|b| {
        b.map(|(value, period, source)| Baseline {
            value,
            period,
            source,
        })
    });
    (
        (text(), optional_text(), measure(), text(), direction()),
        (
            aggregation(),
            baseline,
            prop::collection::vec(target(), 0..3),
            dimensions(),
            texts(),
        ),
    )
        .prop_map(
            move |(
                (name, definition, measure, unit, direction),
                (aggregation, baseline, targets, disaggregation, means_of_verification),
            )| Indicator {
                code: code.clone(),
                name,
                definition,
                measure,
                unit,
                direction,
                aggregation,
                baseline,
                targets,
                disaggregation,
                means_of_verification,
            },
        )
}

/// An objective (parent chosen later among earlier objectives so links never loop).
fn objective(own: String) -> impl Strategy<Value = Objective> {
    (
        (
            level(),
            prop::sample::select(vec![ObjectiveKind::Operational, ObjectiveKind::Influence]),
            text(),
            prop::collection::vec(
                prop::sample::select(vec![
                    Discipline::Medical,
                    Discipline::MentalHealth,
                    Discipline::Protection,
                    Discipline::Influence,
                ]),
                0..3,
            ),
            prop::collection::vec(
                prop::sample::select(vec![
                    Theme::Safeguarding,
                    Theme::PatientCentredApproach,
                    Theme::LearningAndDevelopment,
                    Theme::Partnership,
                ]),
                0..3,
            ),
        ),
        (
            prop::collection::vec(code(), 0..3),
            texts(),
            prop::collection::vec(risk(), 0..3),
            texts(),
        ),
    )
        .prop_map(
            move |(
                (level, kind, title, disciplines, themes),
                (indicators, assumptions, risks, means_of_verification),
            )| Objective {
                code: own.clone(),
                level,
                parent: None,
                kind,
                title,
                disciplines,
                themes,
                indicators,
                assumptions,
                risks,
                means_of_verification,
            },
        )
}

fn logframe() -> impl Strategy<Value = Logframe> {
    (0usize..4, 0usize..4)
        .prop_flat_map(|(objectives, indicators)| {
            (owner_codes(objectives), owner_codes(indicators))
        })
        .prop_flat_map(|(objective_codes, indicator_codes)| {
            let objectives: Vec<_> = objective_codes.into_iter().map(objective).collect();
            let indicators: Vec<_> = indicator_codes.into_iter().map(indicator).collect();
            (
                (string(), text(), 0u32..3),
                objectives,
                indicators,
                prop::collection::vec((any::<prop::sample::Index>(), 0u8..4), 4),
            )
        })
        .prop_map(
            |((code, name, version), mut objectives, indicators, links)| {
                // Each objective's parent: none, an earlier objective, or a code nobody has.
                for (i, (pick, how)) in links.iter().enumerate().take(objectives.len()) {
                    objectives[i].parent = match how {
                        0 => None,
                        1 => Some("NOWHERE".to_owned()),
                        _ if i > 0 => Some(objectives[pick.index(i)].code.clone()),
                        _ => None,
                    };
                }
                Logframe {
                    format_version: version,
                    project: Project { code, name },
                    objectives,
                    indicators,
                }
            },
        )
}

fn frequency() -> impl Strategy<Value = Frequency> {
    prop::sample::select(vec![
        Frequency::Continuous,
        Frequency::Weekly,
        Frequency::Monthly,
        Frequency::Quarterly,
        Frequency::SixMonthly,
        Frequency::Yearly,
        Frequency::Once,
    ])
}

fn plan_row(indicator: String) -> impl Strategy<Value = PlanRow> {
    let source = prop_oneof![
        (string(), string()).prop_map(|(form, field)| Source::Form { form, field }),
        text().prop_map(|description| Source::External { description }),
    ];
    let method = prop::sample::select(vec![
        CollectionMethod::RoutineRecords,
        CollectionMethod::Survey,
        CollectionMethod::FocusGroup,
        CollectionMethod::KeyInformantInterview,
        CollectionMethod::Observation,
        CollectionMethod::DocumentReview,
        CollectionMethod::FeedbackMechanism,
        CollectionMethod::ExternalReport,
    ]);
    let uses = prop::collection::vec(
        prop::sample::select(vec![
            ReportingUse::Sitrep,
            ReportingUse::AnnualReport,
            ReportingUse::Donor,
        ]),
        0..3,
    );
    (
        (source, method, text(), frequency(), string()),
        (
            prop::collection::vec(code(), 0..3),
            texts(),
            uses,
            prop::option::of(string().prop_filter("present", |s| !s.is_empty())),
        ),
    )
        .prop_map(
            move |(
                (source, method, tool, frequency, responsible),
                (disaggregation, quality_assurance, reporting, processing),
            )| PlanRow {
                indicator: indicator.clone(),
                source,
                method,
                tool,
                frequency,
                responsible,
                disaggregation,
                quality_assurance,
                reporting,
                processing,
            },
        )
}

fn evaluation(code: String) -> impl Strategy<Value = Evaluation> {
    let kind = prop::sample::select(vec![
        EvaluationKind::RealTime,
        EvaluationKind::MidTerm,
        EvaluationKind::Final,
        EvaluationKind::Thematic,
    ]);
    (kind, text(), texts(), period(), string()).prop_map(
        move |(kind, title, questions, period, responsible)| Evaluation {
            code: code.clone(),
            kind,
            title,
            questions,
            period,
            responsible,
        },
    )
}

fn plan() -> impl Strategy<Value = MealPlan> {
    let roles = prop::collection::vec(
        (code(), text()).prop_map(|(code, name)| Role { code, name }),
        0..3,
    );
    let reporting = (
        frequency(),
        any::<u32>(),
        any::<u32>(),
        prop::option::of(frequency()),
        prop::option::of(any::<u32>()),
        frequency(),
    )
        .prop_map(
            |(
                sitrep,
                sitrep_due_days,
                annual_report_due_days,
                donor,
                donor_due_days,
                quality_review,
            )| {
                ReportingSchedule {
                    sitrep,
                    sitrep_due_days,
                    annual_report_due_days,
                    donor,
                    donor_due_days,
                    quality_review,
                }
            },
        );
    let accountability = prop::collection::vec(
        (
            code(),
            text(),
            string(),
            string(),
            prop::collection::vec(code(), 0..3),
            string(),
        )
            .prop_map(
                |(code, name, taxonomy, taxonomy_version, channels, responsible)| Accountability {
                    code,
                    name,
                    taxonomy,
                    taxonomy_version,
                    channels,
                    responsible,
                },
            ),
        0..3,
    );
    let learning = prop::collection::vec(
        (
            code(),
            text(),
            prop::collection::vec(code(), 0..3),
            string(),
        )
            .prop_map(|(code, question, evidence, responsible)| LearningQuestion {
                code,
                question,
                evidence,
                responsible,
            }),
        0..3,
    );
    let owned = (0usize..4, 0usize..3)
        .prop_flat_map(|(rows, evaluations)| (owner_codes(rows), owner_codes(evaluations)))
        .prop_flat_map(|(row_codes, evaluation_codes)| {
            let rows: Vec<_> = row_codes.into_iter().map(plan_row).collect();
            let evaluations: Vec<_> = evaluation_codes.into_iter().map(evaluation).collect();
            (rows, evaluations)
        });
    (
        (string(), 0i64..40_000, 0u32..3),
        roles,
        reporting,
        owned,
        accountability,
        learning,
    )
        .prop_map(
            |(
                (project, day, format_version),
                roles,
                reporting,
                (indicators, evaluations),
                accountability,
                learning_agenda,
            )| MealPlan {
                format_version,
                project,
                start: NaiveDate::from_ymd_opt(1950, 1, 1).unwrap_or_default()
                    + chrono::Duration::days(day),
                roles,
                reporting,
                indicators,
                evaluations,
                accountability,
                learning_agenda,
            },
        )
}
/// A logframe roughened in the ways the template cannot always carry: repeated and blank
/// codes, list entries with separators or padding, optional values present but empty.
fn rough_logframe() -> impl Strategy<Value = Logframe> {
    (
        logframe(),
        prop::collection::vec((0u8..6, any::<prop::sample::Index>(), string()), 1..4),
    )
        .prop_map(|(mut lf, edits)| {
            for (edit, pick, free) in edits {
                let objectives = lf.objectives.len();
                let indicators = lf.indicators.len();
                match edit {
                    0 if indicators > 1 => {
                        let first = lf.indicators[0].code.clone();
                        lf.indicators[pick.index(indicators)].code = first;
                    }
                    1 if objectives > 0 => lf.objectives[pick.index(objectives)].code = free,
                    2 if objectives > 0 => {
                        lf.objectives[pick.index(objectives)].indicators.push(free)
                    }
                    3 if indicators > 0 => {
                        lf.indicators[pick.index(indicators)].definition = Some(Text::default());
                    }
                    4 if objectives > 0 => {
                        lf.objectives[pick.index(objectives)].parent = Some(String::new());
                    }
                    5 if indicators > 0 => {
                        let target = Target {
                            period: Period::parse("2026").unwrap_or_else(|_| unreachable!()),
                            value: Decimal::ONE,
                            cell: BTreeMap::from([(free, "f".to_owned())]),
                        };
                        lf.indicators[pick.index(indicators)].targets.push(target);
                    }
                    _ => {}
                }
            }
            lf
        })
}

/// A plan roughened as [`rough_logframe`]: empty roles, repeated plan-row indicators that own
/// quality-assurance steps, free list entries, a processing present but empty.
fn rough_plan() -> impl Strategy<Value = MealPlan> {
    (
        plan(),
        prop::collection::vec((0u8..4, any::<prop::sample::Index>(), string()), 1..4),
    )
        .prop_map(|(mut plan, edits)| {
            for (edit, pick, free) in edits {
                let rows = plan.indicators.len();
                match edit {
                    0 => plan.roles.push(Role {
                        code: free,
                        name: Text::default(),
                    }),
                    1 if rows > 1 => {
                        let first = plan.indicators[0].indicator.clone();
                        let at = pick.index(rows);
                        plan.indicators[at].indicator = first;
                        plan.indicators[at]
                            .quality_assurance
                            .push(Text::new("check", ""));
                    }
                    2 if rows > 0 => plan.indicators[pick.index(rows)].disaggregation.push(free),
                    3 if rows > 0 => plan.indicators[pick.index(rows)].processing = Some(free),
                    _ => {}
                }
            }
            plan
        })
}

/// Any lesson the template can carry: free ids and project codes (blank, repeated, lower
/// case — validation findings, not reading problems), dates over four centuries, every status
/// and discipline, tags a list cell can hold (snake_case or not).
fn lesson() -> impl Strategy<Value = Lesson> {
    let discipline = prop::option::of(prop::sample::select(vec![
        Discipline::Medical,
        Discipline::MentalHealth,
        Discipline::Protection,
        Discipline::Influence,
    ]));
    let status = prop::sample::select(vec![
        LessonStatus::Draft,
        LessonStatus::Validated,
        LessonStatus::Applied,
        LessonStatus::Archived,
    ]);
    let date = (0i64..146_000).prop_filter_map("a date", |day| {
        Some(NaiveDate::from_ymd_opt(1900, 1, 1)? + chrono::Duration::days(day))
    });
    (
        (string(), string(), discipline, date, status),
        (text(), text(), text(), text()),
        prop::collection::vec(code(), 0..4),
    )
        .prop_map(
            |(
                (id, project, discipline, date, status),
                (lesson, context, evidence, recommendation),
                tags,
            )| Lesson {
                id,
                project,
                discipline,
                date,
                status,
                lesson,
                context,
                evidence,
                recommendation,
                tags,
            },
        )
}

fn register() -> impl Strategy<Value = LessonsRegister> {
    (any::<u32>(), prop::collection::vec(lesson(), 0..5)).prop_map(|(format_version, lessons)| {
        LessonsRegister {
            format_version,
            lessons,
        }
    })
}

const LOCALES: [Locale; 2] = [Locale::En, Locale::Fr];

/// A template layout's writer and reader.
type Layout<T> = (
    fn(&T, Locale) -> Result<Vec<u8>, meal_core::MealError>,
    fn(&[u8]) -> Result<template::Authored<T>, meal_core::MealError>,
);

/// Writes `document` with headers in `locale`, reads it back and checks the round trip is
/// exact: no `template.*` finding, the same document, and the same JSON (decimals keep their
/// scale). Returns the findings of the read.
fn round_trip<T: PartialEq + std::fmt::Debug>(
    document: &T,
    locale: Locale,
    (write, read): Layout<T>,
    json: fn(&T) -> String,
) -> Result<Vec<meal_core::Finding>, TestCaseError> {
    let failed = |e: meal_core::MealError| TestCaseError::fail(e.to_string());
    let bytes = write(document, locale).map_err(failed)?;
    let read = read(&bytes).map_err(failed)?;
    let template_findings: Vec<_> = read
        .findings
        .iter()
        .filter(|f| f.code.starts_with("template."))
        .collect();
    prop_assert!(template_findings.is_empty(), "{:?}", template_findings);
    prop_assert_eq!(read.document.as_ref(), Some(document));
    prop_assert_eq!(read.document.as_ref().map(json), Some(json(document)));
    Ok(read.findings)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn logframes_round_trip_exactly(logframe in logframe()) {
        for locale in LOCALES {
            let module: Layout<Logframe> = (template::logframe::to_xlsx, template::logframe::from_xlsx);
            round_trip(&logframe, locale, module, Logframe::to_json)?;
        }
    }

    #[test]
    fn plans_round_trip_exactly(plan in plan()) {
        for locale in LOCALES {
            let module: Layout<MealPlan> = (template::plan::to_xlsx, template::plan::from_xlsx);
            round_trip(&plan, locale, module, MealPlan::to_json)?;
        }
    }

    #[test]
    fn lessons_registers_round_trip_exactly(register in register()) {
        for locale in LOCALES {
            let module: Layout<LessonsRegister> = (template::lessons::to_xlsx, template::lessons::from_xlsx);
            let findings = round_trip(&register, locale, module, LessonsRegister::to_json)?;
            // The register's own findings, each at a cell, none lost.
            let expected: BTreeSet<(String, String)> =
                register.validate().into_iter().map(|f| (f.code, f.path)).collect();
            let found: BTreeSet<(String, String)> = findings
                .iter()
                .filter(|f| f.path.starts_with("lessons!") || f.path.starts_with("leçons!"))
                .map(|f| (f.code.clone(), f.params["document_path"].clone()))
                .collect();
            prop_assert_eq!(found.len(), findings.len());
            prop_assert_eq!(found, expected);
        }
    }

    /// A tag that cannot come back (blank, padded, holding `;`) is refused; everything else
    /// round-trips.
    #[test]
    fn lessons_round_trip_or_are_refused(
        mut register in register(),
        tags in prop::collection::vec(string(), 0..3),
    ) {
        if let Some(first) = register.lessons.first_mut() {
            first.tags.extend(tags);
        }
        match template::lessons::to_xlsx(&register, Locale::Fr) {
            Ok(bytes) => {
                let read = template::lessons::from_xlsx(&bytes).unwrap();
                prop_assert_eq!(read.document, Some(register));
            }
            Err(e) => prop_assert_eq!(e.code, "template.unwritable"),
        }
    }

    /// The writer never changes a document silently: what it writes reads back the same, and
    /// what it cannot carry is refused.
    #[test]
    fn documents_round_trip_or_are_refused(logframe in rough_logframe()) {
        match template::logframe::to_xlsx(&logframe, Locale::En) {
            Ok(bytes) => {
                let read = template::logframe::from_xlsx(&bytes).unwrap();
                prop_assert_eq!(read.document, Some(logframe));
            }
            Err(e) => prop_assert_eq!(e.code, "template.unwritable"),
        }
    }

    #[test]
    fn plans_round_trip_or_are_refused(plan in rough_plan()) {
        match template::plan::to_xlsx(&plan, Locale::Fr) {
            Ok(bytes) => {
                let read = template::plan::from_xlsx(&bytes).unwrap();
                prop_assert_eq!(read.document, Some(plan));
            }
            Err(e) => prop_assert_eq!(e.code, "template.unwritable"),
        }
    }

    #[test]
    fn validation_findings_name_a_cell(logframe in logframe()) {
        let bytes = template::logframe::to_xlsx(&logframe, Locale::En).unwrap();
        let read = template::logframe::from_xlsx(&bytes).unwrap();
        let expected: BTreeSet<(String, String)> =
            logframe.validate().into_iter().map(|f| (f.code, f.path)).collect();
        let found: BTreeSet<(String, String)> = read
            .findings
            .iter()
            .map(|f| (f.code.clone(), f.params.get("document_path").cloned().unwrap_or_default()))
            .collect();
        prop_assert_eq!(found, expected);
        for f in &read.findings {
            prop_assert!(f.path.contains('!'), "{:?}", f);
            for param in ["sheet", "row", "column", "value"] {
                prop_assert!(f.params.contains_key(param), "{:?}", f);
            }
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        for read in [
            template::logframe::from_xlsx(&bytes).map(|a| a.findings),
            template::plan::from_xlsx(&bytes).map(|a| a.findings),
            template::lessons::from_xlsx(&bytes).map(|a| a.findings),
        ] {
            if let Err(e) = read {
                prop_assert_eq!(e.code, "template.unreadable");
            }
        }
    }

    #[test]
    fn damaged_workbooks_never_panic(
        logframe in logframe(),
        cut in any::<prop::sample::Index>(),
        flip in any::<prop::sample::Index>(),
    ) {
        let mut bytes = template::logframe::to_xlsx(&logframe, Locale::Fr).unwrap();
        let at = flip.index(bytes.len());
        bytes[at] ^= 0x5a;
        bytes.truncate(cut.index(bytes.len()) + 1);
        if let Err(e) = template::logframe::from_xlsx(&bytes) {
            prop_assert!(
                ["template.unreadable", "template.missing_sheet"].contains(&e.code.as_str()),
                "{:?}", e
            );
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn damaged_registers_never_panic(
        register in register(),
        cut in any::<prop::sample::Index>(),
        flip in any::<prop::sample::Index>(),
    ) {
        let mut bytes = template::lessons::to_xlsx(&register, Locale::En).unwrap();
        let at = flip.index(bytes.len());
        bytes[at] ^= 0x5a;
        bytes.truncate(cut.index(bytes.len()) + 1);
        if let Err(e) = template::lessons::from_xlsx(&bytes) {
            prop_assert!(
                ["template.unreadable", "template.missing_sheet"].contains(&e.code.as_str()),
                "{:?}", e
            );
        }
    }
}

/// Strings become findings, not crashes, when a workbook is written by hand in any shape:
/// every cell of every sheet filled with arbitrary text.
#[test]
fn scrambled_cells_never_panic() {
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig::with_cases(32));
    runner
        .run(
            &prop::collection::btree_map((0u32..4, 0u16..22), string(), 0..40),
            |cells: BTreeMap<(u32, u16), String>| {
                let logframe =
                    |bytes: &[u8]| template::logframe::from_xlsx(bytes).map(|a| a.findings);
                let plan = |bytes: &[u8]| template::plan::from_xlsx(bytes).map(|a| a.findings);
                let lessons =
                    |bytes: &[u8]| template::lessons::from_xlsx(bytes).map(|a| a.findings);
                let books: [(Vec<String>, &Read); 3] = [
                    (
                        template_sheet_names(template::logframe::blank(Locale::En).unwrap()),
                        &logframe,
                    ),
                    (
                        template_sheet_names(template::plan::blank(Locale::Fr).unwrap()),
                        &plan,
                    ),
                    (
                        template_sheet_names(template::lessons::blank(Locale::Fr).unwrap()),
                        &lessons,
                    ),
                ];
                for (names, read) in books {
                    let mut book = rust_xlsxwriter::Workbook::new();
                    for name in &names {
                        let sheet = book.add_worksheet();
                        sheet.set_name(name).unwrap();
                        for ((row, col), text) in &cells {
                            sheet.write_string(*row, *col, text).unwrap();
                        }
                    }
                    let bytes = book.save_to_buffer().unwrap();
                    // Every sheet is there, so reading gives findings, never an error.
                    read(&bytes).unwrap();
                }
                Ok(())
            },
        )
        .unwrap();
}

/// A template reader, as the findings it gives.
type Read = dyn Fn(&[u8]) -> Result<Vec<meal_core::Finding>, meal_core::MealError>;

/// The sheet names of a workbook, in order (read back with calamine).
fn template_sheet_names(bytes: Vec<u8>) -> Vec<String> {
    use calamine::Reader;
    calamine::Xlsx::new(std::io::Cursor::new(bytes))
        .map(|book| book.sheet_names())
        .unwrap_or_default()
}
