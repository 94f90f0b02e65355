//! One pass over a table: for every row, every computed indicator — its date, its windows, its
//! filter, its cell, its contribution — accumulated into a [`Partial`].
//!
//! The rows are split in contiguous chunks, one per core (two on the reference machine; no
//! threads on wasm32); each chunk makes its own partial state and the states are merged, which
//! is exactly the partition/merge path a caller can take across processes. Merging does not
//! depend on the order or the split (see [`crate::compute::partial`]), so the result is the
//! same on any number of cores.
//!
//! Errors (`MealError`): `compute.no_periods` (nothing asked), `compute.duplicate_period`
//! (the same period twice: its figures would appear twice), `compute.schema_mismatch` (a table
//! of another schema than the engine was built for).

use std::collections::BTreeMap;
use std::ops::Range;

use chrono::{DateTime, FixedOffset, NaiveDate};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

use crate::compute::partial::{FirstSeen, Window};
use crate::compute::plan::{Compiler, Kind, Plan};
use crate::compute::row_expr::{Cache, Clock};
use crate::compute::{Partial, Recipes, Results};
use crate::data::{Schema, Table};
use crate::error::{Finding, MealError};
use crate::i18n::Message;
use crate::indicator::Indicator;
use crate::logframe::Logframe;
use crate::period::Period;

/// A compiled computation: definitions, recipes, periods. Build once, run on many tables.
#[derive(Debug, Clone)]
pub struct Engine {
    pub(crate) periods: Vec<Period>,
    /// Every indicator of the logframes, in order (those not computed have no plan).
    pub(crate) indicators: Vec<Indicator>,
    pub(crate) plans: Vec<Plan>,
    pub(crate) findings: Vec<Finding>,
    /// Document name → fingerprint.
    pub(crate) documents: BTreeMap<String, String>,
    schema: Schema,
    clock: Clock,
    fingerprint: String,
}

/// What one matching record adds to its cell.
enum Contribution<'t> {
    /// Counts: the record itself.
    Record,
    /// Sums, means, ratios: (numerator, denominator).
    Pair(Decimal, Decimal),
    Person(std::borrow::Cow<'t, str>),
    Level(u32),
    /// No usable value: counted as such.
    Missing,
}

/// The memo caches of one plan, private to one thread.
#[derive(Default)]
struct Caches {
    date: Cache<Option<NaiveDate>>,
    filter: Cache<bool>,
    first: Cache<Option<Decimal>>,
    second: Cache<Option<Decimal>>,
    dimensions: Vec<Cache<u32>>,
}

impl Engine {
    /// Compiles the recipes of the indicators of `logframes` against `schema` for `periods`.
    /// `now` is the clock of `today()`/`now()` in expressions. Findings say which indicators
    /// will not be computed and why (see [`crate::compute::plan`] for the codes).
    pub fn new(
        logframes: &[Logframe],
        recipes: &Recipes,
        schema: &Schema,
        periods: &[Period],
        now: DateTime<FixedOffset>,
    ) -> Result<(Engine, Vec<Finding>), MealError> {
        if periods.is_empty() {
            return Err(MealError::new("compute.no_periods"));
        }
        for (i, period) in periods.iter().enumerate() {
            if periods.iter().take(i).any(|p| p == period) {
                return Err(MealError::new("compute.duplicate_period").with("period", period.id()));
            }
        }
        let indicators: Vec<Indicator> = logframes
            .iter()
            .flat_map(|l| l.indicators.iter().cloned())
            .collect();
        let discrete = |column: usize| {
            schema.columns.get(column).is_some_and(|c| {
                !matches!(
                    c.column_type,
                    crate::data::ColumnType::Decimal | crate::data::ColumnType::DateTime
                )
            })
        };
        let (plans, findings) = Compiler {
            schema,
            recipes,
            periods,
            discrete: &discrete,
        }
        .compile(&indicators);
        let mut documents = BTreeMap::new();
        for logframe in logframes {
            documents.insert(
                format!("logframe:{}", logframe.project.code),
                crate::document::fingerprint(logframe),
            );
        }
        documents.insert("recipes".to_owned(), crate::document::fingerprint(recipes));
        let fingerprint = crate::document::fingerprint(&(
            &documents,
            periods,
            schema,
            now.to_rfc3339(),
        ));
        let engine = Engine {
            periods: periods.to_vec(),
            indicators,
            plans,
            findings: findings.clone(),
            documents,
            schema: schema.clone(),
            clock: Clock {
                today: now.date_naive(),
                now,
            },
            fingerprint,
        };
        Ok((engine, findings))
    }

    /// The state of this computation over `table`. Error `compute.schema_mismatch` for a
    /// table of another schema.
    pub fn partial(&self, table: &Table) -> Result<Partial, MealError> {
        if table.schema().columns != self.schema.columns {
            return Err(MealError::new("compute.schema_mismatch"));
        }
        let chunks = chunks(table.len(), workers());
        let mut states = run_chunks(self, table, chunks)?.into_iter();
        let mut state = states.next().unwrap_or_else(|| self.empty());
        for other in states {
            state.merge(&other)?;
        }
        Ok(state)
    }

    /// Figures from a state (one table's, or merged partitions'). Error
    /// `compute.incompatible_partial` for a state of another engine.
    pub fn finalize(&self, partial: &Partial) -> Result<Results, MealError> {
        crate::compute::finalize::results(self, partial)
    }

    /// `finalize(partial(table))`.
    pub fn compute(&self, table: &Table) -> Result<Results, MealError> {
        self.finalize(&self.partial(table)?)
    }

    /// The periods asked for.
    pub fn periods(&self) -> &[Period] {
        &self.periods
    }

    /// The fingerprint a state of this engine carries.
    pub fn fingerprint(&self) -> &str {
        &self.fingerprint
    }

    /// A state over no rows.
    pub fn empty(&self) -> Partial {
        Partial {
            engine: self.fingerprint.clone(),
            rows_read: 0,
            rows_without_date: 0,
            windows: self
                .plans
                .iter()
                .flat_map(|plan| plan.spans.iter().map(|_| Window::new(plan.cell_count())))
                .collect(),
        }
    }

    /// Accumulates the rows `rows` of `table`.
    fn accumulate(&self, table: &Table, rows: Range<usize>) -> Partial {
        let mut state = self.empty();
        let mut caches: Vec<Caches> = self
            .plans
            .iter()
            .map(|plan| Caches {
                dimensions: plan.dimensions.iter().map(|_| Cache::default()).collect(),
                ..Caches::default()
            })
            .collect();
        let periods = self.periods.len();
        for row in rows {
            state.rows_read += 1;
            let mut dateless = false;
            for (p, (plan, caches)) in self.plans.iter().zip(caches.iter_mut()).enumerate() {
                let windows = state
                    .windows
                    .get_mut(p * periods..(p + 1) * periods)
                    .unwrap_or_default();
                dateless |= self.add_row(plan, caches, table, row, windows);
            }
            if dateless {
                state.rows_without_date += 1;
            }
        }
        state
    }

    /// Adds `row` to the windows of `plan`; true when the row matched the filter but had no
    /// date.
    fn add_row(
        &self,
        plan: &Plan,
        caches: &mut Caches,
        table: &Table,
        row: usize,
        windows: &mut [Window],
    ) -> bool {
        let clock = self.clock;
        let date = plan
            .date
            .eval(table, row, clock, &mut caches.date, |v| v.to_date());
        let passes = |caches: &mut Caches| {
            plan.filter.as_ref().is_none_or(|filter| {
                filter.eval(table, row, clock, &mut caches.filter, |v| v.truthy())
            })
        };
        let Some(date) = date else {
            return passes(caches);
        };
        let mut inside = false;
        for (span, window) in plan.spans.iter().zip(windows.iter_mut()) {
            if span.contains(date) {
                window.in_window += 1;
                inside = true;
            }
        }
        if !inside || !passes(caches) {
            return false;
        }
        let cell = self.cell(plan, caches, table, row);
        let contribution = self.contribution(plan, caches, table, row);
        for (span, window) in plan.spans.iter().zip(windows.iter_mut()) {
            if span.contains(date) {
                add(window, span.snapshot, date, cell, &contribution);
            }
        }
        false
    }

    /// The crossed cell of `row`: mixed radix over the dimensions, first dimension most
    /// significant, `unknown` the last category of each.
    fn cell(&self, plan: &Plan, caches: &mut Caches, table: &Table, row: usize) -> u32 {
        let mut cell = 0u32;
        for (dimension, cache) in plan.dimensions.iter().zip(caches.dimensions.iter_mut()) {
            let unknown = dimension.categories.len();
            let category = dimension.source.eval(table, row, self.clock, cache, |value| {
                let text = value.to_text();
                let index = dimension
                    .categories
                    .iter()
                    .position(|c| *c == text)
                    .unwrap_or(unknown);
                u32::try_from(index).unwrap_or(u32::MAX)
            });
            let radix = u32::try_from(unknown + 1).unwrap_or(u32::MAX);
            cell = cell.saturating_mul(radix).saturating_add(category);
        }
        cell
    }

    fn contribution<'t>(
        &self,
        plan: &Plan,
        caches: &mut Caches,
        table: &'t Table,
        row: usize,
    ) -> Contribution<'t> {
        let clock = self.clock;
        let number = |expr: &Option<crate::compute::row_expr::RowExpr>,
                      cache: &mut Cache<Option<Decimal>>| {
            expr.as_ref()
                .and_then(|e| e.eval(table, row, clock, cache, |v| v.to_number()))
        };
        match plan.kind {
            Kind::Count => Contribution::Record,
            Kind::Sum | Kind::Mean => match number(&plan.first, &mut caches.first) {
                Some(value) => Contribution::Pair(value, Decimal::ONE),
                None => Contribution::Missing,
            },
            Kind::Ratio(_) => match (
                number(&plan.first, &mut caches.first),
                number(&plan.second, &mut caches.second),
            ) {
                (Some(n), Some(d)) => Contribution::Pair(n, d),
                _ => Contribution::Missing,
            },
            Kind::Persons => match plan.first.as_ref().map(|e| e.text(table, row, clock)) {
                Some(person) if !person.is_empty() => Contribution::Person(person),
                _ => Contribution::Missing,
            },
            Kind::Levels { levels, .. } => {
                let level = number(&plan.first, &mut caches.first)
                    .filter(|n| n.fract().is_zero())
                    .and_then(|n| n.to_u32())
                    .filter(|l| (1..=levels).contains(l));
                level.map_or(Contribution::Missing, Contribution::Level)
            }
        }
    }
}

/// Adds one matching record to a window.
fn add(window: &mut Window, snapshot: bool, date: NaiveDate, cell: u32, contribution: &Contribution) {
    if snapshot {
        match window.latest {
            Some(latest) if date < latest => return,
            Some(latest) if date == latest => {}
            _ => {
                window.latest = Some(date);
                window.cells.iter_mut().for_each(|c| *c = Default::default());
            }
        }
    }
    let Some(target) = usize::try_from(cell).ok().and_then(|c| window.cells.get_mut(c)) else {
        return;
    };
    target.matched += 1;
    match contribution {
        Contribution::Record => {}
        Contribution::Pair(numerator, denominator) => target.add(*numerator, *denominator),
        Contribution::Level(level) => *target.levels.entry(*level).or_default() += 1,
        Contribution::Person(person) => window.see(person, FirstSeen { date, cell }),
        Contribution::Missing => target.without_value += 1,
    }
}

/// How many threads to use: the cores, at most 8; one on wasm32 (no threads there).
fn workers() -> usize {
    if cfg!(target_arch = "wasm32") {
        1
    } else {
        std::thread::available_parallelism().map_or(1, |n| n.get().min(8))
    }
}

/// `len` rows split in `parts` contiguous ranges (fewer when rows are few).
fn chunks(len: usize, parts: usize) -> Vec<Range<usize>> {
    let parts = parts.clamp(1, len.max(1));
    let size = len.div_ceil(parts).max(1);
    (0..parts)
        .map(|i| (i * size).min(len)..((i + 1) * size).min(len))
        .filter(|r| !r.is_empty())
        .collect()
}

/// The state of each chunk, each on its own thread.
#[cfg(not(target_arch = "wasm32"))]
fn run_chunks(
    engine: &Engine,
    table: &Table,
    chunks: Vec<Range<usize>>,
) -> Result<Vec<Partial>, MealError> {
    if chunks.len() <= 1 {
        return Ok(chunks.into_iter().map(|r| engine.accumulate(table, r)).collect());
    }
    std::thread::scope(|scope| {
        let handles: Vec<_> = chunks
            .into_iter()
            .map(|range| scope.spawn(move || engine.accumulate(table, range)))
            .collect();
        // A worker only stops early on a defect; its rows must not go missing silently.
        handles
            .into_iter()
            .map(|h| h.join().map_err(|_| MealError::new("compute.worker_failed")))
            .collect()
    })
}

/// The state of each chunk, one after the other (no threads on wasm32).
#[cfg(target_arch = "wasm32")]
fn run_chunks(
    engine: &Engine,
    table: &Table,
    chunks: Vec<Range<usize>>,
) -> Result<Vec<Partial>, MealError> {
    Ok(chunks.into_iter().map(|r| engine.accumulate(table, r)).collect())
}

/// Messages of the codes this file raises.
pub const MESSAGES: &[Message] = &[
    Message {
        code: "compute.no_periods",
        en: "No period was asked for: give at least one period to compute",
        fr: "Aucune période demandée : indiquez au moins une période à calculer",
    },
    Message {
        code: "compute.duplicate_period",
        en: "Period {period} is asked for twice",
        fr: "La période {period} est demandée deux fois",
    },
    Message {
        code: "compute.worker_failed",
        en: "A computing thread stopped before the end of its rows; no figures are given rather than incomplete ones",
        fr: "Un fil de calcul s'est arrêté avant la fin de ses lignes ; aucun chiffre n'est donné plutôt que des chiffres incomplets",
    },
    Message {
        code: "compute.schema_mismatch",
        en: "This table does not have the columns the computation was prepared for",
        fr: "Ce tableau n'a pas les colonnes pour lesquelles le calcul a été préparé",
    },
];
