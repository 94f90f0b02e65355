//! From logframes and computed figures to the model (reference/logframes-indicators.md §7.9).
//!
//! | IATI | from |
//! |---|---|
//! | `iati-activity` | one per logframe, identifier `{prefix}-{project code}`, title the project name, description the impact objective's title (the project name when there is no impact), status `2` (implementation), dates `1` planned start and `3` planned end = first start and last end of the requested periods |
//! | `result` | one per objective that has indicators, in results-chain order ([`Logframe::tree`]): impact `3`, outcome `2`, output `1`, activity `9` (other: nothing is left out); aggregation status true when every indicator's is |
//! | `indicator/@measure` | count, sum, distinct persons, mean `1` (unit); ratio with factor 100 `2` (percentage), other ratios `1`; ordinal `4`; nominal `3`; qualitative `5` |
//! | `@ascending` | increase true, decrease false, maintain omitted (no better way) |
//! | `@aggregation-status` | true for the measures that add up (count, sum, distinct persons) |
//! | `reference` | vocabulary `99` (reporting organisation), code = the indicator code, on the indicator only (rule 8.11.1) |
//! | `baseline` | `@year` = year the baseline period starts, `@iso-date` = the day it ends (the date the value was true), `@value` the value (left out for qualitative measures) |
//! | `period` | one per requested period, each indicator, even without data (it says the period was reported on) |
//! | `target` | the total from [`Indicator::target_for`], then the targets declared for exactly that period on a cell, in declared order (the first of a repeated cell) |
//! | `actual` | the figures of the period from [`Results`] **after disclosure control** (below): the total, then each dimension's cells (declared categories in order, then `unknown`); a figure without value or hidden is left out (rules 8.9.1/8.10.1 ask a value for measures 1–4) |
//! | `dimension` | `@name` = dimension code, `@value` = category code: IATI dimensions are free text with no codelist, and codes are stable across languages and read back to the logframe's categories (names are in the logframe, in both languages) |
//!
//! Figures are matched to indicators by indicator code (codes are unique mission-wide; the
//! reference mission prefixes them with the project).
//!
//! **Disclosure control.** An IATI file is published on a public registry, so its actuals are
//! the external SITREP's: the figures go through [`crate::report::content::build`] for an
//! external audience with the request's `threshold` (`report::protect`: a cell counting fewer
//! than `k` persons or records is hidden, and so are the cells that would let a reader
//! recompute it from the total; crossed cells are never published; when a dimension's total
//! itself is under `k`, the total is hidden too). A hidden figure is simply absent — IATI has
//! no "suppressed" marker, and an `actual` without value is not allowed for measures 1–4.
//! Targets are plans, not data about people, and are exported whole.

use std::collections::BTreeSet;

use chrono::Datelike;

use std::collections::BTreeMap;

use crate::compute::Results;
use crate::error::MealError;
use crate::indicator::{Direction, Indicator, Measure};
use crate::logframe::{Level, Logframe, Objective};
use crate::period::Period;
use crate::report::content::{self, Spec};
use crate::report::model::{Entry, EntryState, IndicatorLine};
use crate::report::{Audience, Scope};

use super::model::{
    Activities, Activity, ActivityDate, IatiBaseline, IatiIndicator, IatiPeriod, IatiRequest,
    IatiResult, IatiValue,
};

/// ActivityStatus `2`: implementation.
const STATUS_IMPLEMENTATION: u8 = 2;
/// ActivityDateType `1` planned start and `3` planned end.
const PLANNED_START: u8 = 1;
const PLANNED_END: u8 = 3;

impl Activities {
    /// The model of `logframes` and their `results` (figures of `request.periods`; module docs
    /// of `build.rs`). Errors: `iati.no_activity` (no logframe: a file needs one activity),
    /// `iati.no_period` (no period: the dates an activity must have come from them),
    /// `iati.identifier_prefix` (the prefix does not start with the organisation identifier),
    /// `iati.duplicate_activity` (two logframes of one project), and the rules' codes
    /// ([`Activities::validate`]).
    pub fn from_logframes(
        logframes: &[Logframe],
        results: Option<&Results>,
        request: &IatiRequest,
    ) -> Result<Activities, MealError> {
        if logframes.is_empty() {
            return Err(MealError::new("iati.no_activity"));
        }
        let (Some(first), Some(last)) = (
            request.periods.iter().map(Period::start).min(),
            request.periods.iter().map(Period::end).max(),
        ) else {
            return Err(MealError::new("iati.no_period"));
        };
        let prefix = &request.activity_prefix;
        if prefix.is_empty() || !prefix.starts_with(&request.organisation.reference) {
            return Err(MealError::new("iati.identifier_prefix")
                .with("prefix", prefix)
                .with("organisation", &request.organisation.reference));
        }
        let actuals = match results {
            Some(results) => published_actuals(logframes, results, request)?,
            None => Actuals::new(),
        };
        let mut seen = BTreeSet::new();
        let mut activities = Vec::with_capacity(logframes.len());
        for logframe in logframes {
            let identifier = format!("{prefix}-{}", logframe.project.code);
            if !seen.insert(identifier.clone()) {
                return Err(MealError::new("iati.duplicate_activity").with("id", identifier));
            }
            let dates = vec![
                ActivityDate {
                    kind: PLANNED_START,
                    iso_date: first,
                },
                ActivityDate {
                    kind: PLANNED_END,
                    iso_date: last,
                },
            ];
            let context = Context {
                actuals: &actuals,
                request,
            };
            activities.push(Activity {
                identifier,
                organisation: request.organisation.clone(),
                title: logframe.project.name.clone(),
                description: logframe
                    .impact()
                    .map_or_else(|| logframe.project.name.clone(), |o| o.title.clone()),
                status: STATUS_IMPLEMENTATION,
                dates,
                results: context.results_of(logframe),
            });
        }
        let activities = Activities {
            generated: request.generated,
            activities,
        };
        activities.validate()?;
        Ok(activities)
    }
}

/// The publishable actuals of each indicator and period, in export order.
type Actuals = BTreeMap<(String, Period), Vec<IatiValue>>;

/// The actuals an external reader may see (module docs, "Disclosure control"): the results'
/// figures of the requested periods that were computed, protected as for an external SITREP.
/// Errors: `disclosure.bad_threshold` (a threshold of 0).
fn published_actuals(
    logframes: &[Logframe],
    results: &Results,
    request: &IatiRequest,
) -> Result<Actuals, MealError> {
    let periods: Vec<Period> = request
        .periods
        .iter()
        .filter(|p| results.periods.contains(p))
        .copied()
        .collect();
    let spec = Spec {
        scope: &Scope::Mission,
        periods: periods.clone(),
        audience: Audience::External,
        locale: crate::Locale::En,
        threshold: request.threshold,
    };
    let protected = content::build(logframes, results, None, &spec)?;
    let mut actuals = Actuals::new();
    for (_, line) in protected.lines() {
        for (index, period) in periods.iter().enumerate() {
            actuals.insert((line.code.clone(), *period), line_actuals(line, index));
        }
    }
    Ok(actuals)
}

/// The published values of `line` in its `period`-th entry: the total, then each dimension's
/// categories.
fn line_actuals(line: &IndicatorLine, period: usize) -> Vec<IatiValue> {
    let value = |entry: Option<&Entry>, dimensions: Vec<(String, String)>| {
        let entry = entry.filter(|e| e.state == EntryState::Published)?;
        entry.value.map(|value| IatiValue {
            value: Some(value.normalize()),
            dimensions,
        })
    };
    let total = value(line.entries.get(period), Vec::new());
    let cells = line.disaggregations.iter().flat_map(|d| {
        d.categories.iter().filter_map(move |c| {
            let cell = vec![(d.dimension.clone(), c.category.clone())];
            value(c.entries.get(period), cell)
        })
    });
    total.into_iter().chain(cells).collect()
}

/// What every indicator's export reads besides the indicator.
struct Context<'a> {
    actuals: &'a Actuals,
    request: &'a IatiRequest,
}

impl Context<'_> {
    fn results_of(&self, logframe: &Logframe) -> Vec<IatiResult> {
        logframe
            .tree()
            .into_iter()
            .filter_map(|objective| self.result(logframe, objective))
            .collect()
    }

    /// The result of `objective`; `None` when it has no indicator (the schema asks for one).
    fn result(&self, logframe: &Logframe, objective: &Objective) -> Option<IatiResult> {
        let indicators: Vec<IatiIndicator> = logframe
            .indicators_of(&objective.code)
            .into_iter()
            .map(|indicator| self.indicator(indicator))
            .collect();
        if indicators.is_empty() {
            return None;
        }
        Some(IatiResult {
            result_type: result_type(objective.level),
            aggregation_status: indicators.iter().all(|i| i.aggregation_status),
            title: objective.title.clone(),
            indicators,
        })
    }

    fn indicator(&self, indicator: &Indicator) -> IatiIndicator {
        let measure = measure_code(&indicator.measure);
        IatiIndicator {
            measure,
            ascending: match indicator.direction {
                Direction::Increase => Some(true),
                Direction::Decrease => Some(false),
                Direction::Maintain { .. } => None,
            },
            aggregation_status: matches!(
                indicator.measure,
                Measure::Count | Measure::Sum | Measure::DistinctPersons
            ),
            code: indicator.code.clone(),
            title: indicator.name.clone(),
            baseline: indicator.baseline.as_ref().map(|b| IatiBaseline {
                year: b.period.start().year(),
                iso_date: Some(b.period.end()),
                value: (measure != QUALITATIVE).then(|| b.value.normalize()),
            }),
            periods: self
                .request
                .periods
                .iter()
                .map(|period| self.period(indicator, period))
                .collect(),
        }
    }

    /// The period's targets and actuals; none for a qualitative indicator, whose values IATI
    /// asks to leave out.
    fn period(&self, indicator: &Indicator, period: &Period) -> IatiPeriod {
        let qualitative = indicator.measure == Measure::Qualitative;
        IatiPeriod {
            start: period.start(),
            end: period.end(),
            targets: if qualitative {
                Vec::new()
            } else {
                targets(indicator, period)
            },
            actuals: if qualitative {
                Vec::new()
            } else {
                self.actuals(indicator, period)
            },
        }
    }

    /// The published actuals of `indicator` and `period` (none without results).
    fn actuals(&self, indicator: &Indicator, period: &Period) -> Vec<IatiValue> {
        self.actuals
            .get(&(indicator.code.clone(), *period))
            .cloned()
            .unwrap_or_default()
    }
}

/// IndicatorMeasure `5`: qualitative (no values).
const QUALITATIVE: u8 = 5;

fn measure_code(measure: &Measure) -> u8 {
    match measure {
        Measure::Ratio { factor, .. } if *factor == rust_decimal::Decimal::ONE_HUNDRED => 2,
        Measure::Count
        | Measure::Sum
        | Measure::DistinctPersons
        | Measure::Mean
        | Measure::Ratio { .. } => 1,
        Measure::Ordinal { .. } => 4,
        Measure::Nominal { .. } => 3,
        Measure::Qualitative => QUALITATIVE,
    }
}

fn result_type(level: Level) -> u8 {
    match level {
        Level::Impact => 3,
        Level::Outcome => 2,
        Level::Output => 1,
        Level::Activity => 9,
    }
}

/// The total target of `period`, then the cell targets declared for exactly that period.
fn targets(indicator: &Indicator, period: &Period) -> Vec<IatiValue> {
    let total = indicator.target_for(period).map(|value| IatiValue {
        value: Some(value),
        dimensions: Vec::new(),
    });
    let mut cells: Vec<IatiValue> = Vec::new();
    let declared = indicator.targets.iter().filter(|t| {
        !t.cell.is_empty() && t.period.start() == period.start() && t.period.end() == period.end()
    });
    for target in declared {
        let dimensions: Vec<(String, String)> = target
            .cell
            .iter()
            .map(|(d, c)| (d.clone(), c.clone()))
            .collect();
        if !cells.iter().any(|c| c.dimensions == dimensions) {
            cells.push(IatiValue {
                value: Some(target.value.normalize()),
                dimensions,
            });
        }
    }
    total.into_iter().chain(cells).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Text;

    #[test]
    fn measures_map_to_iati_codes() {
        let ratio = |factor: i64| Measure::Ratio {
            numerator: Text::default(),
            denominator: Text::default(),
            factor: rust_decimal::Decimal::from(factor),
        };
        let cases = [
            (Measure::Count, 1),
            (Measure::Sum, 1),
            (Measure::Mean, 1),
            (Measure::DistinctPersons, 1),
            (ratio(100), 2),
            (ratio(1000), 1),
            (Measure::Ordinal { levels: vec![] }, 4),
            (Measure::Nominal { categories: vec![] }, 3),
            (Measure::Qualitative, 5),
        ];
        for (measure, code) in cases {
            assert_eq!(measure_code(&measure), code, "{}", measure.kind());
        }
        let levels = [
            Level::Impact,
            Level::Outcome,
            Level::Output,
            Level::Activity,
        ];
        assert_eq!(levels.map(result_type), [3, 2, 1, 9]);
    }
}
