//! Properties of the logframe module: well-formed logframes validate clean and round-trip
//! through JSON exactly; rewiring parent links never panics and either fails with
//! `logframe.cycle` or reads into findings; arbitrary text fed to `check` never panics.
//! Also runs the conformance vectors of `tests/vectors/logframe.json` through `check`.

// Test code: an out-of-range index here is a failed test, as clippy.toml allows in #[test]s.
#![allow(clippy::indexing_slicing)]

use meal_core::indicator::{Aggregation, Direction, Indicator, Measure};
use meal_core::logframe::{
    self, Discipline, Level, Logframe, Objective, ObjectiveKind, Project, Rating, Risk, Theme,
    FORMAT_VERSION,
};
use meal_core::text::Text;
use meal_core::Locale;
use proptest::prelude::*;
use rust_decimal::Decimal;

/// A text that is not blank in either language (letters, accents, quotes, emoji, newlines).
fn text() -> impl Strategy<Value = Text> {
    let part = "[A-Za-zÀ-ÿ0-9 '\"\\\\\n🙂]{0,12}[a-zé]";
    (part, part).prop_map(|(en, fr)| Text::new(en, fr))
}

fn texts(max: usize) -> impl Strategy<Value = Vec<Text>> {
    prop::collection::vec(text(), 0..=max)
}

fn decimal() -> impl Strategy<Value = Decimal> {
    (-1_000_000i64..1_000_000, 0u32..5).prop_map(|(n, scale)| Decimal::new(n, scale))
}

fn quantitative() -> impl Strategy<Value = Measure> {
    prop_oneof![
        Just(Measure::Count),
        Just(Measure::Sum),
        Just(Measure::Mean),
        Just(Measure::DistinctPersons),
        (
            text(),
            text(),
            prop_oneof![Just(1i64), Just(100), Just(1000)]
        )
            .prop_map(|(numerator, denominator, factor)| Measure::Ratio {
                numerator,
                denominator,
                factor: Decimal::from(factor),
            }),
    ]
}

fn qualitative() -> impl Strategy<Value = Measure> {
    prop_oneof![
        Just(Measure::Qualitative),
        prop::collection::vec(text(), 2..5).prop_map(|levels| Measure::Ordinal { levels }),
        prop::collection::vec(text(), 2..5).prop_map(|categories| Measure::Nominal { categories }),
    ]
}

fn direction() -> impl Strategy<Value = Direction> {
    prop_oneof![
        Just(Direction::Increase),
        Just(Direction::Decrease),
        decimal().prop_map(|t| Direction::Maintain { tolerance: t.abs() }),
    ]
}

fn aggregation() -> impl Strategy<Value = Aggregation> {
    prop_oneof![
        Just(Aggregation::Incremental),
        Just(Aggregation::RunningTotal),
        Just(Aggregation::LatestSnapshot),
        Just(Aggregation::YearlyResetRunningTotal),
    ]
}

/// An indicator definition without a code (given later) for `measure`.
fn indicator(measure: impl Strategy<Value = Measure>) -> impl Strategy<Value = Indicator> {
    (
        text(),
        prop::option::of(text()),
        measure,
        text(),
        direction(),
        aggregation(),
        prop::collection::vec(text(), 1..3),
    )
        .prop_map(
            |(name, definition, measure, unit, direction, aggregation, mov)| {
                let aggregation = if matches!(measure, Measure::Ratio { .. }) {
                    Aggregation::RatioOfSums
                } else {
                    aggregation
                };
                Indicator {
                    code: String::new(),
                    name,
                    definition,
                    measure,
                    unit,
                    direction,
                    aggregation,
                    baseline: None,
                    targets: Vec::new(),
                    disaggregation: Vec::new(),
                    means_of_verification: mov,
                }
            },
        )
}

fn risk() -> impl Strategy<Value = Risk> {
    let rating = || prop_oneof![Just(Rating::Low), Just(Rating::Medium), Just(Rating::High)];
    (text(), rating(), rating(), text()).prop_map(
        |(description, likelihood, impact, mitigation)| Risk {
            description,
            likelihood,
            impact,
            mitigation,
        },
    )
}

/// The free parts of an objective: title, extra disciplines, themes, assumptions, risks, MoV.
#[derive(Debug, Clone)]
struct Details {
    title: Text,
    disciplines: Vec<Discipline>,
    themes: Vec<Theme>,
    assumptions: Vec<Text>,
    risks: Vec<Risk>,
    means: Vec<Text>,
    /// Quantitative and qualitative indicators measuring the objective.
    quantitative: Vec<Indicator>,
    qualitative: Vec<Indicator>,
}

fn details() -> impl Strategy<Value = Details> {
    let disciplines = prop::sample::subsequence(
        vec![
            Discipline::Medical,
            Discipline::MentalHealth,
            Discipline::Protection,
            Discipline::Influence,
        ],
        1..=4,
    );
    let themes = prop::sample::subsequence(
        vec![
            Theme::Safeguarding,
            Theme::PatientCentredApproach,
            Theme::LearningAndDevelopment,
            Theme::Partnership,
        ],
        0..=4,
    );
    (
        text(),
        disciplines,
        themes,
        texts(2),
        prop::collection::vec(risk(), 0..2),
        texts(2),
        prop::collection::vec(indicator(quantitative()), 0..2),
        prop::collection::vec(indicator(qualitative()), 1..2),
    )
        .prop_map(
            |(title, disciplines, themes, assumptions, risks, means, quantitative, qualitative)| {
                Details {
                    title,
                    disciplines,
                    themes,
                    assumptions,
                    risks,
                    means,
                    quantitative,
                    qualitative,
                }
            },
        )
}

/// Shape of the chain: for each outcome its kind and, per output, the number of activities.
fn shape() -> impl Strategy<Value = Vec<(bool, Vec<usize>)>> {
    prop::collection::vec(
        (any::<bool>(), prop::collection::vec(0usize..3, 1..3)),
        1..4,
    )
}

/// Builds a well-formed logframe from a shape and a pool of details (used round-robin).
fn build(project: &str, shape: &[(bool, Vec<usize>)], pool: &[Details], name: &Text) -> Logframe {
    let mut lf = Logframe {
        format_version: FORMAT_VERSION,
        project: Project {
            code: project.to_owned(),
            name: name.clone(),
        },
        objectives: Vec::new(),
        indicators: Vec::new(),
    };
    let mut next = 0usize;
    let mut add = |lf: &mut Logframe,
                   code: String,
                   level: Level,
                   parent: Option<String>,
                   kind: ObjectiveKind| {
        let d = &pool[next % pool.len()];
        next += 1;
        let mut disciplines = d.disciplines.clone();
        if kind == ObjectiveKind::Influence && !disciplines.contains(&Discipline::Influence) {
            disciplines.push(Discipline::Influence);
        }
        let mut objective = Objective {
            code: code.clone(),
            level,
            parent,
            kind,
            title: d.title.clone(),
            disciplines: if level == Level::Impact || level == Level::Activity {
                Vec::new()
            } else {
                disciplines
            },
            themes: d.themes.clone(),
            indicators: Vec::new(),
            assumptions: d.assumptions.clone(),
            risks: d
                .risks
                .iter()
                .cloned()
                .map(|mut r| {
                    if r.mitigation.is_incomplete() {
                        r.mitigation = Text::new("mitigate", "atténuer");
                    }
                    r
                })
                .collect(),
            means_of_verification: d.means.clone(),
        };
        if level == Level::Outcome && objective.assumptions.is_empty() {
            objective.assumptions.push(Text::new("access", "accès"));
        }
        if level != Level::Activity {
            let measures: Vec<&Indicator> = d.quantitative.iter().chain(&d.qualitative).collect();
            for (k, definition) in measures.into_iter().enumerate() {
                let mut definition = definition.clone();
                definition.code = format!("{code}.I{k}");
                objective.indicators.push(definition.code.clone());
                lf.indicators.push(definition);
            }
        }
        lf.objectives.push(objective);
    };
    let impact = format!("{project}.IMP");
    add(
        &mut lf,
        impact.clone(),
        Level::Impact,
        None,
        ObjectiveKind::Operational,
    );
    for (o, (influence, outputs)) in shape.iter().enumerate() {
        let kind = if *influence {
            ObjectiveKind::Influence
        } else {
            ObjectiveKind::Operational
        };
        let outcome = format!("{project}.OC{o}");
        add(
            &mut lf,
            outcome.clone(),
            Level::Outcome,
            Some(impact.clone()),
            kind,
        );
        for (p, activities) in outputs.iter().enumerate() {
            let output = format!("{outcome}.OP{p}");
            add(
                &mut lf,
                output.clone(),
                Level::Output,
                Some(outcome.clone()),
                kind,
            );
            for a in 0..*activities {
                add(
                    &mut lf,
                    format!("{output}.A{a}"),
                    Level::Activity,
                    Some(output.clone()),
                    kind,
                );
            }
        }
    }
    lf
}

fn logframe() -> impl Strategy<Value = Logframe> {
    (
        "[A-Z]{2,4}",
        shape(),
        prop::collection::vec(details(), 1..6),
        text(),
    )
        .prop_map(|(project, shape, pool, name)| build(&project, &shape, &pool, &name))
}

/// True when following parents from some objective comes back to it (parents resolve to the
/// first objective with the code), checked naively.
fn has_cycle(lf: &Logframe) -> bool {
    let parent_of = |i: usize| -> Option<usize> {
        let parent = lf.objectives[i].parent.as_deref()?;
        lf.objectives.iter().position(|o| o.code == parent)
    };
    (0..lf.objectives.len()).any(|start| {
        let mut at = parent_of(start);
        for _ in 0..lf.objectives.len() {
            match at {
                Some(i) if i == start => return true,
                Some(i) => at = parent_of(i),
                None => return false,
            }
        }
        false
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn well_formed_logframes_validate_clean_and_round_trip(lf in logframe()) {
        let json = lf.to_json();
        let parsed = Logframe::from_json(&json).unwrap();
        prop_assert_eq!(&parsed.findings, &Vec::new());
        prop_assert_eq!(&parsed.value, &lf);
        prop_assert_eq!(parsed.value.to_json(), json.clone());
        let findings = lf.validate();
        prop_assert!(findings.is_empty(), "{:#?}", findings);
        prop_assert_eq!(logframe::check(&json).unwrap(), Vec::new());
        prop_assert_eq!(lf.tree().len(), lf.objectives.len());
        prop_assert_eq!(lf.tree().first().map(|o| o.level), Some(Level::Impact));
    }

    #[test]
    fn rewiring_parents_never_panics(
        lf in logframe(),
        rewires in prop::collection::vec((any::<prop::sample::Index>(), 0u8..5, any::<prop::sample::Index>(), "[A-Z.]{0,4}"), 1..6),
    ) {
        let mut lf = lf;
        let n = lf.objectives.len();
        for (who, how, target, junk) in rewires {
            let i = who.index(n);
            let target_code = lf.objectives[target.index(n)].code.clone();
            let own = lf.objectives[i].code.clone();
            lf.objectives[i].parent = match how {
                0 => None,
                1 => Some(own),
                2 => Some(junk),
                _ => Some(target_code),
            };
        }
        let json = lf.to_json();
        let broken_parent = lf.objectives.iter().any(|o| {
            o.level != Level::Impact
                && o.parent.as_deref().is_none_or(|p| lf.objective(p).is_none())
        });
        match logframe::check(&json) {
            Err(err) => {
                prop_assert_eq!(err.code.as_str(), "logframe.cycle");
                prop_assert!(has_cycle(&lf));
                prop_assert!(err.path.starts_with("/objectives/") && err.path.ends_with("/parent"));
                let codes = &err.params["codes"];
                let first = codes.split(" → ").next().unwrap_or_default();
                prop_assert_eq!(codes.split(" → ").last(), Some(first));
            }
            Ok(findings) => {
                prop_assert!(!has_cycle(&lf));
                if broken_parent {
                    prop_assert!(!findings.is_empty());
                }
                let mut sorted = findings.clone();
                meal_core::error::sort_findings(&mut sorted);
                prop_assert_eq!(&findings, &sorted);
                for f in &findings {
                    prop_assert!(!f.message(Locale::Fr).starts_with(&f.code), "{} has no message", f.code);
                }
            }
        }
        // Values built in code with any wiring are safe to validate and to walk.
        let _ = lf.validate();
        prop_assert_eq!(lf.tree().len(), lf.objectives.len());
    }

    #[test]
    fn arbitrary_text_never_panics_check(input in ".*") {
        let _ = logframe::check(&input);
    }

    #[test]
    fn mangled_documents_never_panic_check(
        lf in logframe(),
        cuts in prop::collection::vec((any::<prop::sample::Index>(), "[\\[\\]{}\",:0-9a-z ]{0,3}"), 1..4),
    ) {
        let mut json = lf.to_json().chars().collect::<Vec<_>>();
        for (at, insert) in cuts {
            let i = at.index(json.len().max(1)).min(json.len());
            let end = (i + 2).min(json.len());
            json.splice(i..end, insert.chars());
        }
        let json: String = json.into_iter().collect();
        if let Ok(findings) = logframe::check(&json) {
            let mut sorted = findings.clone();
            meal_core::error::sort_findings(&mut sorted);
            prop_assert_eq!(findings, sorted);
        }
    }
}

/// The conformance vectors of `tests/vectors/logframe.json`, run through `check` (the Rust
/// runner of the workspace runs them too; this keeps the module's own vectors honest).
#[test]
fn conformance_vectors() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/vectors/logframe.json"
    );
    let file: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let vectors = file["vectors"].as_array().unwrap();
    assert!(vectors.len() >= 20);
    let mut names = std::collections::BTreeSet::new();
    for vector in vectors {
        let name = vector["name"].as_str().unwrap();
        assert!(names.insert(name), "duplicate vector name {name}");
        assert_eq!(vector["op"], "logframe.check", "{name}");
        let document = &vector["input"]["document"];
        let json = match document {
            serde_json::Value::String(raw) => raw.clone(),
            other => other.to_string(),
        };
        let expect = &vector["expect"];
        match logframe::check(&json) {
            Ok(findings) => {
                let codes: Vec<_> = findings.iter().map(|f| f.code.as_str()).collect();
                let expected: Vec<_> = expect["findings"]
                    .as_array()
                    .unwrap_or_else(|| panic!("{name}: got findings {codes:?}, expected {expect}"))
                    .iter()
                    .map(|c| c.as_str().unwrap())
                    .collect();
                assert_eq!(codes, expected, "{name}");
            }
            Err(err) => assert_eq!(
                Some(err.code.as_str()),
                expect["error"].as_str(),
                "{name}: {err}"
            ),
        }
    }
}
