//! The reference mission's logframes are complete, valid and cover the indicator model; the
//! broken example yields the findings a reviewer is trained on.

// A test reports a broken fixture by panicking, with the reason.
#![allow(clippy::panic)]

use std::collections::{BTreeMap, BTreeSet};

use meal_core::indicator::{Aggregation, Direction, Indicator, Measure};
use meal_core::logframe::{Level, Logframe, ObjectiveKind};
use meal_core::period::Period;
use meal_core::Finding;

const PROJECTS: [(&str, &str); 4] = [
    ("IDF", include_str!("../data/logframe-idf.json")),
    ("CAL", include_str!("../data/logframe-calais.json")),
    ("MRS", include_str!("../data/logframe-marseille.json")),
    ("DKQ", include_str!("../data/logframe-dunkerque.json")),
];

const INVALID: &str = include_str!("../data/invalid-logframe.json");

/// Finding codes the broken example must yield: an unknown field, a duplicate code, a
/// dangling indicator reference and an output hung directly under the impact.
const INVALID_CODES: &[&str] = &[
    "document.unknown_field",
    "logframe.duplicate_objective",
    "logframe.unknown_indicator",
    "logframe.level_order",
];

fn load(json: &str) -> (Logframe, Vec<Finding>) {
    let parsed = match Logframe::from_json(json) {
        Ok(parsed) => parsed,
        Err(error) => panic!("does not parse: {error} at {}", error.path),
    };
    let mut findings = parsed.findings;
    findings.extend(parsed.value.validate());
    (parsed.value, findings)
}

fn logframes() -> Vec<Logframe> {
    PROJECTS.iter().map(|(_, json)| load(json).0).collect()
}

fn indicators(logframes: &[Logframe]) -> impl Iterator<Item = &Indicator> {
    logframes.iter().flat_map(|l| l.indicators.iter())
}

#[test]
fn the_four_logframes_parse_without_blocking_findings() {
    for (code, json) in PROJECTS {
        let (logframe, findings) = load(json);
        assert_eq!(logframe.project.code, code);
        let blocking: Vec<_> = findings.iter().filter(|f| f.is_blocking()).collect();
        assert!(blocking.is_empty(), "{code}: {blocking:#?}");
    }
}

#[test]
fn the_reference_data_has_no_warnings_either() {
    for (code, json) in PROJECTS {
        let (_, findings) = load(json);
        assert!(findings.is_empty(), "{code}: {findings:#?}");
    }
}

#[test]
fn the_canonical_form_round_trips() {
    for (code, json) in PROJECTS {
        let (logframe, _) = load(json);
        let canonical = logframe.to_json();
        assert_eq!(load(&canonical).0, logframe, "{code}");
        // The files are kept in canonical form, so a tool that rewrites them changes nothing.
        assert_eq!(canonical.trim_end(), json.trim_end(), "{code}");
    }
}

#[test]
fn at_least_forty_indicators_and_every_measure_kind() {
    let logframes = logframes();
    let mut per_kind: BTreeMap<&str, usize> = BTreeMap::new();
    for indicator in indicators(&logframes) {
        *per_kind.entry(indicator.measure.kind()).or_default() += 1;
    }
    let total: usize = per_kind.values().sum();
    assert!(total >= 40, "{total} indicators");
    let kinds: Vec<&str> = per_kind.keys().copied().collect();
    assert_eq!(
        kinds,
        [
            "count",
            "distinct_persons",
            "mean",
            "nominal",
            "ordinal",
            "qualitative",
            "ratio",
            "sum"
        ]
    );
    for logframe in &logframes {
        assert!(
            logframe.indicators.len() >= 10,
            "{}: {}",
            logframe.project.code,
            logframe.indicators.len()
        );
    }
}

#[test]
fn every_aggregation_and_direction_is_used() {
    let logframes = logframes();
    let aggregations: BTreeSet<String> = indicators(&logframes)
        .map(|i| format!("{:?}", i.aggregation))
        .collect();
    for aggregation in [
        Aggregation::Incremental,
        Aggregation::RunningTotal,
        Aggregation::LatestSnapshot,
        Aggregation::YearlyResetRunningTotal,
        Aggregation::RatioOfSums,
    ] {
        assert!(
            aggregations.contains(&format!("{aggregation:?}")),
            "{aggregation:?}"
        );
    }
    let has = |f: fn(&Direction) -> bool| indicators(&logframes).any(|i| f(&i.direction));
    assert!(has(|d| matches!(d, Direction::Increase)));
    assert!(has(|d| matches!(d, Direction::Decrease)));
    assert!(has(|d| matches!(d, Direction::Maintain { .. })));
}

#[test]
fn every_influence_objective_has_a_qualitative_or_ordinal_indicator() {
    for logframe in logframes() {
        for objective in &logframe.objectives {
            if objective.kind != ObjectiveKind::Influence
                || !matches!(objective.level, Level::Outcome | Level::Output)
            {
                continue;
            }
            let ok = objective.indicators.iter().any(|code| {
                logframe.indicators.iter().any(|i| {
                    &i.code == code
                        && matches!(i.measure, Measure::Qualitative | Measure::Ordinal { .. })
                })
            });
            assert!(ok, "{}", objective.code);
        }
    }
}

#[test]
fn every_outcome_and_output_is_measured_and_every_indicator_used_once() {
    for logframe in logframes() {
        let mut uses: BTreeMap<&str, usize> = BTreeMap::new();
        for objective in &logframe.objectives {
            if matches!(objective.level, Level::Outcome | Level::Output) {
                assert!(!objective.indicators.is_empty(), "{}", objective.code);
            }
            for code in &objective.indicators {
                *uses.entry(code.as_str()).or_default() += 1;
            }
        }
        for indicator in &logframe.indicators {
            assert_eq!(
                uses.get(indicator.code.as_str()),
                Some(&1),
                "{}",
                indicator.code
            );
        }
        assert_eq!(
            uses.len(),
            logframe.indicators.len(),
            "{}",
            logframe.project.code
        );
    }
}

#[test]
fn quantitative_indicators_have_2026_quarterly_targets_and_rates_a_baseline() {
    let quarters: Vec<Period> = ["2026Q1", "2026Q2", "2026Q3", "2026Q4"]
        .iter()
        .filter_map(|id| Period::parse(id).ok())
        .collect();
    assert_eq!(quarters.len(), 4);
    let year = Period::parse("2026").ok();
    let logframes = logframes();
    let mut baselines = 0;
    for indicator in indicators(&logframes) {
        baselines += usize::from(indicator.baseline.is_some());
        if matches!(
            indicator.measure,
            Measure::Qualitative | Measure::Nominal { .. }
        ) {
            assert!(indicator.targets.is_empty(), "{}", indicator.code);
            continue;
        }
        // Rates, means and stages are levels: progress is measured from where they stood.
        if matches!(
            indicator.measure,
            Measure::Ratio { .. } | Measure::Mean | Measure::Ordinal { .. }
        ) {
            assert!(indicator.baseline.is_some(), "{}", indicator.code);
        }
        assert!(!indicator.targets.is_empty(), "{}", indicator.code);
        for target in &indicator.targets {
            assert!(quarters.contains(&target.period), "{}", indicator.code);
        }
        let annual = year.as_ref().and_then(|y| indicator.target_for(y));
        assert!(annual.is_some(), "{} has no 2026 target", indicator.code);
    }
    assert!(baselines >= 25, "{baselines} baselines");
}

#[test]
fn the_broken_example_yields_the_expected_findings() {
    let (_, findings) = load(INVALID);
    let codes: BTreeSet<&str> = findings.iter().map(|f| f.code.as_str()).collect();
    for expected in INVALID_CODES {
        assert!(
            codes.contains(expected),
            "{expected} missing from {findings:#?}"
        );
    }
    assert!(findings.iter().any(Finding::is_blocking));
}
