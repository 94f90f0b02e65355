//! Property tests of indicator aggregation, achievement and status.

// A test file: a failed unwrap is a failed test (helpers outside `#[test]` need saying so).
#![allow(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)]

use std::collections::BTreeMap;

use meal_core::indicator::{
    achievement, Aggregation, Baseline, Direction, Indicator, Measure, Observation, Status, Target,
    Thresholds,
};
use meal_core::period::Period;
use meal_core::text::Text;
use proptest::prelude::*;
use rust_decimal::{Decimal, RoundingStrategy};

fn p(id: &str) -> Period {
    Period::parse(id).unwrap()
}

fn t(en: &str) -> Text {
    Text::new(en, en.to_uppercase())
}

fn indicator(measure: Measure, direction: Direction, aggregation: Aggregation) -> Indicator {
    Indicator {
        code: "P-1".into(),
        name: t("property"),
        definition: None,
        measure,
        unit: t("unit"),
        direction,
        aggregation,
        baseline: None,
        targets: Vec::new(),
        disaggregation: Vec::new(),
        means_of_verification: Vec::new(),
    }
}

fn percent() -> Measure {
    Measure::Ratio {
        numerator: t("numerator"),
        denominator: t("denominator"),
        factor: Decimal::ONE_HUNDRED,
    }
}

fn baseline(value: Decimal) -> Option<Baseline> {
    Some(Baseline {
        value,
        period: p("2025"),
        source: None,
    })
}

fn months(year: u32) -> Vec<Period> {
    (1..=12).map(|m| p(&format!("{year}{m:02}"))).collect()
}

const QUARTERS: [&str; 4] = ["2026Q1", "2026Q2", "2026Q3", "2026Q4"];

/// A decimal with 2 places in ±10^7.
fn money() -> impl Strategy<Value = Decimal> {
    (-1_000_000_000i64..1_000_000_000).prop_map(|n| Decimal::new(n, 2))
}

/// Any decimal rust_decimal can hold.
fn any_decimal() -> impl Strategy<Value = Decimal> {
    (
        any::<u32>(),
        any::<u32>(),
        any::<u32>(),
        any::<bool>(),
        0u32..=28,
    )
        .prop_map(|(lo, mid, hi, negative, scale)| {
            Decimal::from_parts(lo, mid, hi, negative, scale)
        })
}

fn any_direction() -> impl Strategy<Value = Direction> {
    prop_oneof![
        Just(Direction::Increase),
        Just(Direction::Decrease),
        any_decimal().prop_map(|tolerance| Direction::Maintain { tolerance }),
    ]
}

proptest! {
    /// Running totals of non-negative increments never decrease from one month to the next,
    /// nor do yearly-reset totals within a year (the Akvo #5212 bug class).
    #[test]
    fn running_totals_never_decrease(
        increments in proptest::collection::vec(proptest::option::of(0u32..100_000), 24),
    ) {
        let periods: Vec<Period> = months(2025).into_iter().chain(months(2026)).collect();
        let observations: Vec<Observation> = periods
            .iter()
            .zip(&increments)
            .filter_map(|(period, value)| {
                value.map(|v| Observation { period: *period, value: Decimal::from(v), denominator: None })
            })
            .collect();
        for aggregation in [Aggregation::RunningTotal, Aggregation::YearlyResetRunningTotal] {
            let ind = indicator(Measure::Count, Direction::Increase, aggregation);
            let mut previous = Decimal::ZERO;
            for (i, period) in periods.iter().enumerate() {
                if aggregation == Aggregation::YearlyResetRunningTotal && i == 12 {
                    previous = Decimal::ZERO;
                }
                let total = ind.actual_for(period, &observations).unwrap().unwrap_or_default();
                prop_assert!(total >= previous, "{aggregation:?} {} fell from {previous} to {total}", period.id());
                previous = total;
            }
            // Quarters and the year agree with their last month.
            let year = ind.actual_for(&p("2026"), &observations).unwrap();
            let december = ind.actual_for(&p("202612"), &observations).unwrap();
            prop_assert_eq!(year, december);
        }
    }

    /// A year's ratio is Σ numerators / Σ denominators, not the mean of quarterly ratios.
    #[test]
    fn ratio_of_sums_is_not_a_mean_of_ratios(
        parts in proptest::collection::vec((0u32..10_000, 1u32..10_000), 4),
    ) {
        let parts: Vec<(Decimal, Decimal)> = parts
            .into_iter()
            .map(|(n, extra)| (Decimal::from(n), Decimal::from(n) + Decimal::from(extra)))
            .collect();
        let observations: Vec<Observation> = QUARTERS
            .iter()
            .zip(&parts)
            .map(|(q, (n, den))| Observation { period: p(q), value: *n, denominator: Some(*den) })
            .collect();
        let ind = indicator(percent(), Direction::Increase, Aggregation::RatioOfSums);
        let actual = ind.actual_for(&p("2026"), &observations).unwrap().unwrap();

        let numerators: Decimal = parts.iter().map(|(n, _)| *n).sum();
        let denominators: Decimal = parts.iter().map(|(_, d)| *d).sum();
        let expected = (numerators * Decimal::ONE_HUNDRED / denominators)
            .round_dp_with_strategy(4, RoundingStrategy::MidpointNearestEven)
            .normalize();
        prop_assert_eq!(actual, expected);

        let mean: Decimal = parts
            .iter()
            .map(|(n, d)| *n * Decimal::ONE_HUNDRED / *d)
            .sum::<Decimal>()
            / Decimal::from(4);
        let exact = numerators * Decimal::ONE_HUNDRED / denominators;
        let denominators_differ = parts.iter().any(|(_, d)| *d != parts[0].1);
        if denominators_differ && (exact - mean).abs() > Decimal::new(1, 4) {
            let rounded_mean = mean.round_dp_with_strategy(4, RoundingStrategy::MidpointNearestEven).normalize();
            prop_assert_ne!(actual, rounded_mean);
        }
    }

    /// An increasing indicator and its mirror image as a decreasing one (baseline, target and
    /// actual reflected about any point) have the same achievement and status.
    #[test]
    fn status_is_symmetric_under_mirroring(
        base in money(),
        target in money(),
        actual in proptest::option::of(money()),
        centre in money(),
    ) {
        let twice = centre * Decimal::TWO;
        // Levels, so the baseline is the point both directions measure progress from.
        let mut up = indicator(Measure::Sum, Direction::Increase, Aggregation::LatestSnapshot);
        up.baseline = baseline(base);
        up.targets = vec![Target { period: p("2026"), value: target, cell: BTreeMap::new() }];
        let mut down = indicator(Measure::Sum, Direction::Decrease, Aggregation::LatestSnapshot);
        down.baseline = baseline(twice - base);
        down.targets = vec![Target { period: p("2026"), value: twice - target, cell: BTreeMap::new() }];

        let thresholds = Thresholds::default();
        let x = up.assess(&p("2026"), actual, &thresholds);
        let y = down.assess(&p("2026"), actual.map(|a| twice - a), &thresholds);
        prop_assert_eq!(x.achievement, y.achievement);
        prop_assert_eq!(x.status, y.status);
        prop_assert!(actual.is_some() || x.status == Status::NoData);
    }

    /// Without a baseline the two directions mirror under x ↦ 1/x; exact for powers of 2.
    #[test]
    fn no_baseline_directions_mirror_under_reciprocals(target in 0u32..12, actual in 0u32..12) {
        let power = |k: u32| Decimal::from(1u64 << k);
        let up = achievement(&Direction::Increase, None, power(target), power(actual));
        let down = achievement(
            &Direction::Decrease,
            None,
            Decimal::ONE / power(target),
            Decimal::ONE / power(actual),
        );
        prop_assert_eq!(up, down);
    }

    /// Achievement is total: any decimals, any direction, never a panic.
    #[test]
    fn achievement_never_panics(
        direction in any_direction(),
        base in proptest::option::of(any_decimal()),
        target in any_decimal(),
        actual in any_decimal(),
    ) {
        if let Some(value) = achievement(&direction, base, target, actual) {
            prop_assert!(value.scale() <= 4);
        }
        let mut ind = indicator(Measure::Sum, direction, Aggregation::Incremental);
        ind.baseline = base.and_then(baseline);
        ind.targets = vec![Target { period: p("2026"), value: target, cell: BTreeMap::new() }];
        let assessed = ind.assess(&p("2026"), Some(actual), &Thresholds::default());
        prop_assert!(assessed.status != Status::NoTarget && assessed.status != Status::NoData);
    }

    /// Sums never panic either: overflow is an error.
    #[test]
    fn actual_never_panics(values in proptest::collection::vec(any_decimal(), 4)) {
        let observations: Vec<Observation> = QUARTERS
            .iter()
            .zip(&values)
            .map(|(q, v)| Observation { period: p(q), value: *v, denominator: None })
            .collect();
        let ind = indicator(Measure::Sum, Direction::Increase, Aggregation::Incremental);
        match ind.actual_for(&p("2026"), &observations) {
            Ok(value) => prop_assert!(value.is_some()),
            Err(error) => prop_assert_eq!(error.code, "indicator.overflow"),
        }
    }

    /// The incremental target of a year is the sum of its four quarterly targets, in whatever
    /// order they are declared; with one quarter missing there is none.
    #[test]
    fn incremental_year_target_sums_quarters(
        values in proptest::collection::vec(0u32..1_000_000, 4),
        order in Just([0usize, 1, 2, 3]).prop_shuffle(),
        missing in 0usize..4,
    ) {
        let mut ind = indicator(Measure::Count, Direction::Increase, Aggregation::Incremental);
        ind.targets = order
            .iter()
            .map(|&i| Target { period: p(QUARTERS[i]), value: Decimal::from(values[i]), cell: BTreeMap::new() })
            .collect();
        let sum: u32 = values.iter().sum();
        prop_assert_eq!(ind.target_for(&p("2026")), Some(Decimal::from(sum)));
        ind.targets.retain(|target| target.period != p(QUARTERS[missing]));
        prop_assert_eq!(ind.target_for(&p("2026")), None);
    }
}
