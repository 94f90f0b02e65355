//! From a partial state to figures: totals, each dimension's cells, crossed cells; values,
//! targets, achievement and status.
//!
//! Every figure of a dimension is a sum over crossed cells, and so is the total, which is why
//! the cells of any dimension (with `unknown`) add up to the total for the additive measures
//! and distinct persons (each person sits in one crossed cell). Ratios and means are computed
//! from the summed numerators and denominators of the group, never from the cells' quotients.
//!
//! A figure's value is `None` ("no data", never zero) when no row of the table falls in its
//! window; once some row does, a count or sum with no matching row is 0. A quotient with a zero
//! denominator is `None`, as in DHIS2 (§1.3). Quotients are rounded as the `indicator` module
//! rounds them (4 places, half to even); sums and counts are exact.
//!
//! The target of a total is [`Indicator::target_for`]; the target of a cell is the one declared
//! for exactly that cell and period's dates, if any (cell targets are not derived). Achievement
//! and status follow `indicator`; the baseline, a figure of the total, plays no part in a
//! cell's achievement.
//!
//! | code | severity | when |
//! |---|---|---|
//! | `compute.overflow` | error | a sum went beyond what a decimal holds: the figure is withheld |

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use rustc_hash::FxHashMap;

use crate::compute::engine::PersonCodes;
use crate::compute::partial::{Cell, FirstSeen, Window};
use crate::compute::plan::{Kind, Plan};
use crate::compute::{Engine, Figure, Partial, Results, RowCounts, Sources};
use crate::error::{Finding, MealError};
use crate::i18n::Message;
use crate::indicator::{self, Indicator, Thresholds, UNKNOWN_CATEGORY};
use crate::period::Period;

/// A group of crossed cells reported as one figure.
struct Group {
    cell: BTreeMap<String, String>,
    members: Vec<usize>,
}

/// The figures of every computed indicator and period.
pub(crate) fn results(
    engine: &Engine,
    partial: &Partial,
    coded: &PersonCodes,
) -> Result<Results, MealError> {
    let periods = engine.periods.len();
    let compatible = partial.engine == engine.fingerprint()
        && partial.windows.len() == engine.plans.len() * periods
        && partial.dates.len() == engine.date_expressions.len()
        && engine.plans.iter().enumerate().all(|(p, plan)| {
            partial
                .windows
                .iter()
                .skip(p * periods)
                .take(periods)
                .all(|w| w.cells.len() == plan.cell_count())
        });
    if !compatible {
        return Err(MealError::new("compute.incompatible_partial"));
    }
    let mut figures = Vec::new();
    let mut findings = engine.findings.clone();
    for definition in &engine.indicators {
        let Some((p, plan)) = engine
            .plans
            .iter()
            .enumerate()
            .find(|(_, plan)| plan.indicator.code == definition.code)
        else {
            continue;
        };
        let groups = groups(plan);
        for (k, period) in engine.periods.iter().enumerate() {
            let Some(window) = partial.windows.get(p * periods + k) else {
                continue;
            };
            let persons = persons_per_cell(window, coded.0.get(p * periods + k), plan.cell_count());
            let in_window = in_window(partial, plan, k);
            for group in &groups {
                let figure = figure(plan, period, window, in_window, &persons, group);
                if figure.is_none() {
                    findings.push(
                        Finding::error("compute.overflow", "")
                            .with("indicator", &plan.indicator.code)
                            .with("period", period.id()),
                    );
                }
                figures.extend(figure);
            }
        }
    }
    findings.dedup();
    crate::error::sort_findings(&mut findings);
    Ok(Results {
        periods: engine.periods.clone(),
        figures,
        sources: Sources {
            rows_read: partial.rows_read,
            rows_without_date: partial.rows_without_date,
            documents: engine.documents.clone(),
            engine: format!("meal {}", env!("CARGO_PKG_VERSION")),
        },
        findings,
    })
}

/// The total, each dimension's categories (declared order, then `unknown`), then every
/// crossed cell when there are two dimensions or more.
fn groups(plan: &Plan) -> Vec<Group> {
    let count = plan.cell_count();
    let radices: Vec<usize> = plan
        .dimensions
        .iter()
        .map(|d| d.categories.len() + 1)
        .collect();
    let digits = |cell: usize| -> Vec<usize> {
        let mut rest = cell;
        let mut out = vec![0; radices.len()];
        for (slot, radix) in out.iter_mut().zip(&radices).rev() {
            *slot = rest % radix;
            rest /= radix;
        }
        out
    };
    let code = |d: usize, category: usize| -> (String, String) {
        let dimension = plan.dimensions.get(d);
        (
            dimension.map(|d| d.code.clone()).unwrap_or_default(),
            dimension
                .and_then(|d| d.categories.get(category).cloned())
                .unwrap_or_else(|| UNKNOWN_CATEGORY.to_owned()),
        )
    };
    let mut groups = vec![Group {
        cell: BTreeMap::new(),
        members: (0..count).collect(),
    }];
    for (d, radix) in radices.iter().enumerate() {
        for category in 0..*radix {
            groups.push(Group {
                cell: BTreeMap::from([code(d, category)]),
                members: (0..count)
                    .filter(|&c| digits(c).get(d) == Some(&category))
                    .collect(),
            });
        }
    }
    if radices.len() >= 2 {
        for c in 0..count {
            groups.push(Group {
                cell: digits(c)
                    .iter()
                    .enumerate()
                    .map(|(d, &k)| code(d, k))
                    .collect(),
                members: vec![c],
            });
        }
    }
    groups
}

/// Rows dated inside the window of period `k` of `plan`, before its filter.
fn in_window(partial: &Partial, plan: &Plan, k: usize) -> u64 {
    let (Some(dates), Some(span)) = (partial.dates.get(plan.date_slot), plan.spans.get(k)) else {
        return 0;
    };
    let rows = match span.start {
        // A window that opens after the period ends (a running total whose opening is dated
        // later than the period) holds no row; `BTreeMap::range` would panic on it.
        Some(start) if start > span.end => return 0,
        Some(start) => dates.range(start..=span.end),
        None => dates.range(..=span.end),
    };
    rows.map(|(_, n)| n).sum()
}

/// Distinct persons of each crossed cell, by text and by code.
fn persons_per_cell(
    window: &Window,
    coded: Option<&FxHashMap<u32, FirstSeen>>,
    cells: usize,
) -> Vec<u64> {
    let mut counts = vec![0u64; cells];
    let by_code = coded.into_iter().flat_map(|c| c.values());
    for seen in window.persons.values().chain(by_code) {
        if let Some(count) = usize::try_from(seen.cell)
            .ok()
            .and_then(|c| counts.get_mut(c))
        {
            *count += 1;
        }
    }
    counts
}

/// One figure; `None` when a sum overflowed.
fn figure(
    plan: &Plan,
    period: &Period,
    window: &Window,
    in_window: u64,
    persons: &[u64],
    group: &Group,
) -> Option<Figure> {
    let mut sum = Cell::default();
    let mut people = 0u64;
    for &member in &group.members {
        if let Some(cell) = window.cells.get(member) {
            sum.merge(cell);
        }
        people += persons.get(member).copied().unwrap_or(0);
    }
    if sum.overflow {
        return None;
    }
    // The opening counts in the total and wherever every dimension is `unknown`.
    let opening = plan
        .opening
        .filter(|_| is_unknown_everywhere(plan, &group.cell));
    let data = in_window > 0 || opening.is_some();
    let quotient = |factor: Decimal| {
        (!sum.denominator.is_zero())
            .then(|| {
                sum.numerator
                    .checked_mul(factor)?
                    .checked_div(sum.denominator)
            })
            .flatten()
            .map(indicator::round)
    };
    let (value, parts) = match plan.kind {
        Kind::Count => (
            data.then(|| Decimal::from(sum.matched))
                .and_then(|v| v.checked_add(opening.unwrap_or_default())),
            false,
        ),
        Kind::Sum => (
            data.then_some(sum.numerator)
                .and_then(|v| v.checked_add(opening.unwrap_or_default()))
                .map(|v| v.normalize()),
            false,
        ),
        Kind::Mean => (quotient(Decimal::ONE), true),
        Kind::Ratio(factor) => (quotient(factor), true),
        Kind::Persons => (data.then(|| Decimal::from(people)), false),
        Kind::Levels { median, .. } => (level(&sum.levels, median).map(Decimal::from), false),
    };
    let target = target(&plan.indicator, period, &group.cell);
    let baseline = plan
        .indicator
        .baseline
        .as_ref()
        .filter(|_| group.cell.is_empty() && plan.indicator.aggregation.compares_with_baseline())
        .map(|b| b.value);
    let achievement = match (target, value) {
        (Some(t), Some(v)) => indicator::achievement(&plan.indicator.direction, baseline, t, v),
        _ => None,
    };
    let status = indicator::status(
        &plan.indicator.direction,
        target,
        value,
        achievement,
        &Thresholds::default(),
    );
    Some(Figure {
        indicator: plan.indicator.code.clone(),
        period: *period,
        cell: group.cell.clone(),
        value,
        opening: opening.map(|o| o.normalize()),
        numerator: parts.then(|| sum.numerator.normalize()),
        denominator: parts.then(|| sum.denominator.normalize()),
        target,
        achievement,
        status,
        rows: RowCounts {
            in_window,
            matched: sum.matched,
            without_value: sum.without_value,
        },
    })
}

/// True when `cell` is the total or names `unknown` for each dimension it names.
fn is_unknown_everywhere(plan: &Plan, cell: &BTreeMap<String, String>) -> bool {
    let _ = plan;
    cell.values().all(|category| category == UNKNOWN_CATEGORY)
}

/// The lower median (ordinal) or the mode, ties to the first level (nominal) of a histogram.
fn level(levels: &BTreeMap<u32, u64>, median: bool) -> Option<u32> {
    let total: u64 = levels.values().sum();
    if total == 0 {
        return None;
    }
    if median {
        // The lower median is the ⌈n/2⌉-th value in order.
        let rank = total.div_ceil(2);
        let mut seen = 0;
        levels.iter().find_map(|(level, rows)| {
            seen += rows;
            (seen >= rank).then_some(*level)
        })
    } else {
        let most = levels.values().max().copied()?;
        levels
            .iter()
            .find(|(_, rows)| **rows == most)
            .map(|(level, _)| *level)
    }
}

/// The target of a figure: derived for the total, declared for a cell.
fn target(
    indicator: &Indicator,
    period: &Period,
    cell: &BTreeMap<String, String>,
) -> Option<Decimal> {
    if cell.is_empty() {
        return indicator.target_for(period);
    }
    indicator
        .targets
        .iter()
        .find(|t| {
            &t.cell == cell && t.period.start() == period.start() && t.period.end() == period.end()
        })
        .map(|t| t.value.normalize())
}

/// Messages of the codes this file raises.
pub const MESSAGES: &[Message] = &[Message {
    code: "compute.overflow",
    en: "A sum of indicator {indicator} for {period} is too large to hold exactly; the figure is withheld",
    fr: "Une somme de l'indicateur {indicator} pour {period} est trop grande pour être tenue exactement ; le chiffre n'est pas donné",
}];
