//! The indicator engine: `Recipes` (how each indicator is computed from records), `Engine`
//! (logframes + recipes + schema + periods, compiled once, run on many tables), `Partial`
//! (mergeable state: a phone computes its own offline and syncs it as JSON; the coordinator
//! merges the states and finalizes) and `Results` (the figures).
//!
//! `Results` is an object rather than a record or bare JSON: the figures an app shows are typed
//! records (`figures`, `figure`), the same object goes to `Sitrep.build` without a round trip,
//! and `toJson`/`fromJson` give the serde document the other bindings and the reports share.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use meal_core::compute::{self, RowCounts};
use meal_core::report;

use crate::data::{Rejected, Schema, Table};
use crate::error::Result;
use crate::logframe::{Finding, Logframe};
use crate::period::Period;
use crate::privacy::serde_name;
use crate::types::{DecimalString, Timestamp};

/// The recipes document: the expression of each indicator's date, filter, value (or
/// numerator and denominator, or person) and dimensions. Immutable.
#[derive(Debug, uniffi::Object)]
pub struct Recipes {
    recipes: compute::Recipes,
    reading: Vec<meal_core::Finding>,
}

#[uniffi::export]
impl Recipes {
    /// Reads a recipes document. Errors `json.malformed`, `document.*`; unknown fields are
    /// findings.
    #[uniffi::constructor]
    pub fn from_json(json: String) -> Result<Arc<Recipes>> {
        let parsed = compute::Recipes::from_json(&json)?;
        Ok(Arc::new(Recipes {
            recipes: parsed.value,
            reading: parsed.findings,
        }))
    }

    /// Problems noticed while reading (unknown fields), messages in `locale`. The recipes are
    /// checked against the indicators and the schema by `Engine` (its `findings`).
    pub fn findings(&self, locale: String) -> Vec<Finding> {
        Finding::all_from_core(self.reading.clone(), &locale)
    }

    /// The indicator codes that have a recipe, in document order.
    pub fn indicators(&self) -> Vec<String> {
        self.recipes
            .recipes
            .iter()
            .map(|r| r.indicator.clone())
            .collect()
    }
}

/// A compiled computation. Immutable and thread-safe: build once, run on many tables.
#[derive(Debug, uniffi::Object)]
pub struct Engine {
    engine: compute::Engine,
    findings: Vec<meal_core::Finding>,
}

#[uniffi::export]
impl Engine {
    /// Compiles the recipes of the indicators of `logframes` against `schema` for `periods`;
    /// `now` is the clock of `today()`/`now()` in expressions (RFC 3339 with offset). Which
    /// indicators will not be computed, and why, is in `findings`. Errors
    /// `compute.no_periods`, `compute.duplicate_period`, `input.date_time`.
    #[uniffi::constructor]
    pub fn new(
        logframes: Vec<Arc<Logframe>>,
        recipes: Arc<Recipes>,
        schema: Arc<Schema>,
        periods: Vec<Arc<Period>>,
        now: Timestamp,
    ) -> Result<Arc<Engine>> {
        let logframes: Vec<_> = logframes.iter().map(|l| l.core().clone()).collect();
        let periods: Vec<_> = periods.iter().map(|p| p.0).collect();
        let (engine, findings) =
            compute::Engine::new(&logframes, &recipes.recipes, schema.core(), &periods, now)?;
        Ok(Arc::new(Engine { engine, findings }))
    }

    /// Indicators that will not be computed and recipe problems, messages in `locale`.
    pub fn findings(&self, locale: String) -> Vec<Finding> {
        Finding::all_from_core(self.findings.clone(), &locale)
    }

    /// The periods asked for, in order.
    pub fn periods(&self) -> Vec<Arc<Period>> {
        self.engine
            .periods()
            .iter()
            .copied()
            .map(Period::wrap)
            .collect()
    }

    /// The fingerprint every state of this engine carries (definitions, recipes, periods,
    /// schema, clock): states merge only with states of the same fingerprint.
    pub fn fingerprint(&self) -> String {
        self.engine.fingerprint().to_owned()
    }

    /// Every figure over `table`. Error `compute.schema_mismatch` (a table of another
    /// schema).
    pub fn compute(&self, table: Arc<Table>) -> Result<Arc<Results>> {
        Ok(Results::wrap(self.engine.compute(table.core())?))
    }

    /// Every figure of a CSV file's bytes in one call: the file cut into chunks of whole
    /// records, each loaded and computed on a core of its own, the states merged (bounded
    /// memory; see `computeCsvFile` to read a file without holding its bytes). Errors those of
    /// loading a CSV (`data.no_header`, `data.missing_column`, …).
    pub fn compute_csv(&self, csv: Vec<u8>) -> Result<Arc<Streamed>> {
        let streamed = self
            .engine
            .compute_csv(csv.as_slice(), compute::DEFAULT_CHUNK_BYTES)?;
        Ok(Streamed::wrap(streamed))
    }

    /// As `computeCsv`, reading the file at `path` as it goes. Error `data.unreadable` when it
    /// cannot be read.
    pub fn compute_csv_file(&self, path: String) -> Result<Arc<Streamed>> {
        let file = std::fs::File::open(&path).map_err(|e| {
            meal_core::MealError::new("data.unreadable").with("detail", format!("{path}: {e}"))
        })?;
        let streamed = self
            .engine
            .compute_csv(file, compute::DEFAULT_CHUNK_BYTES)?;
        Ok(Streamed::wrap(streamed))
    }

    /// The mergeable state of this computation over `table`. Error `compute.schema_mismatch`.
    pub fn partial(&self, table: Arc<Table>) -> Result<Arc<Partial>> {
        Ok(Partial::wrap(self.engine.partial(table.core())?))
    }

    /// A state over no rows, to merge others into.
    pub fn empty(&self) -> Arc<Partial> {
        Partial::wrap(self.engine.empty())
    }

    /// The figures of a state (one table's, or merged ones). Error
    /// `compute.incompatible_partial` for a state of another engine.
    pub fn finalize(&self, partial: Arc<Partial>) -> Result<Arc<Results>> {
        let state = partial.lock();
        Ok(Results::wrap(self.engine.finalize(&state)?))
    }
}

/// The accumulated state of an `Engine` over some rows. Thread-safe; `merge` adds another
/// state into this one.
#[derive(Debug, uniffi::Object)]
pub struct Partial(Mutex<compute::Partial>);

impl Partial {
    fn wrap(partial: compute::Partial) -> Arc<Partial> {
        Arc::new(Partial(Mutex::new(partial)))
    }

    fn lock(&self) -> MutexGuard<'_, compute::Partial> {
        // A poisoned lock means a panic elsewhere; merges leave the state whole or unchanged.
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

#[uniffi::export]
impl Partial {
    /// Reads a state written by `toJson` (on this device or another). Errors `json.malformed`,
    /// `document.invalid` (JSON that is not a state).
    #[uniffi::constructor]
    pub fn from_json(json: String) -> Result<Arc<Partial>> {
        Ok(Partial::wrap(compute::Partial::from_json(&json)?))
    }

    /// Adds `other` into this state; merging is associative and commutative, so the figures
    /// do not depend on how the rows were split. Error `compute.incompatible_partial` (a state
    /// of another engine), and the state is unchanged.
    pub fn merge(&self, other: Arc<Partial>) -> Result<()> {
        // Copy the other state first: locking both at once could deadlock (a.merge(b) while
        // b.merge(a)), and merging a state into itself must not lock it twice.
        let theirs = other.lock().clone();
        let mut mine = self.lock();
        let mut merged = mine.clone();
        merged.merge(&theirs)?;
        *mine = merged;
        Ok(())
    }

    /// The rows the state was computed from.
    pub fn rows_read(&self) -> u64 {
        self.lock().rows_read
    }

    /// The fingerprint of the engine that made it.
    pub fn engine(&self) -> String {
        self.lock().engine.clone()
    }

    /// The state as JSON text, to sync and merge elsewhere; equal states give equal text.
    pub fn to_json(&self) -> String {
        self.lock().to_json()
    }
}

/// The figures of a CSV file computed by `Engine.computeCsv`, with its rows accounted for:
/// `rowsRead == loaded + rejected.size`. Immutable.
#[derive(Debug, uniffi::Object)]
pub struct Streamed {
    results: Arc<Results>,
    rows_read: u64,
    loaded: u64,
    rejected: Vec<meal_core::data::Rejected>,
    findings: Vec<meal_core::Finding>,
}

impl Streamed {
    fn wrap(streamed: compute::Streamed) -> Arc<Streamed> {
        Arc::new(Streamed {
            results: Results::wrap(streamed.results),
            rows_read: streamed.rows_read,
            loaded: streamed.loaded,
            rejected: streamed.rejected,
            findings: streamed.findings,
        })
    }
}

#[uniffi::export]
impl Streamed {
    /// The figures.
    pub fn results(&self) -> Arc<Results> {
        Arc::clone(&self.results)
    }

    /// Records read from the file.
    pub fn rows_read(&self) -> u64 {
        self.rows_read
    }

    /// Records loaded (and computed).
    pub fn loaded(&self) -> u64 {
        self.loaded
    }

    /// Records not loaded, numbered as in the file, with their findings in `locale`.
    pub fn rejected(&self, locale: String) -> Vec<Rejected> {
        crate::data::rejected_in(&self.rejected, &locale)
    }

    /// Findings about the file as a whole (an unknown or absent column), in `locale`.
    pub fn findings(&self, locale: String) -> Vec<Finding> {
        Finding::all_from_core(self.findings.clone(), &locale)
    }
}

/// One figure: an indicator's value in one period and disaggregation cell, against its
/// target, with the rows it comes from.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Figure {
    /// The indicator's code.
    pub indicator: String,
    /// The canonical period id.
    pub period: String,
    /// Dimension code → category code (`unknown` for a row without one); empty for the total.
    pub cell: HashMap<String, String>,
    /// Null: no data (or a zero denominator).
    pub value: Option<DecimalString>,
    /// Running totals: the part of `value` carried forward from before the records.
    pub opening: Option<DecimalString>,
    /// Ratio and mean: Σ numerators, so a reader can recompute the value.
    pub numerator: Option<DecimalString>,
    /// Ratio and mean: Σ denominators.
    pub denominator: Option<DecimalString>,
    /// The target of this period and cell.
    pub target: Option<DecimalString>,
    /// Fraction of the target achieved (1 = 100 %).
    pub achievement: Option<DecimalString>,
    /// `on_track`, `at_risk`, `off_track`, `no_data` or `no_target`.
    pub status: String,
    pub rows: RowCounts,
}

/// Provenance counts of one figure.
#[uniffi::remote(Record)]
pub struct RowCounts {
    /// Rows whose date fell in the figure's window, before the filter.
    pub in_window: u64,
    /// Rows that passed the filter and fell in the window and cell.
    pub matched: u64,
    /// Of those, rows without a usable value, counted nowhere else.
    pub without_value: u64,
}

impl From<&compute::Figure> for Figure {
    fn from(figure: &compute::Figure) -> Self {
        Figure {
            indicator: figure.indicator.clone(),
            period: figure.period.id(),
            cell: figure
                .cell
                .iter()
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect(),
            value: figure.value,
            opening: figure.opening,
            numerator: figure.numerator,
            denominator: figure.denominator,
            target: figure.target,
            achievement: figure.achievement,
            status: serde_name(&figure.status),
            rows: figure.rows,
        }
    }
}

/// All figures of one computation, with their sources and findings. Immutable.
#[derive(Debug, uniffi::Object)]
pub struct Results(compute::Results);

impl Results {
    fn wrap(results: compute::Results) -> Arc<Results> {
        Arc::new(Results(results))
    }

    pub(crate) fn core(&self) -> &compute::Results {
        &self.0
    }
}

#[uniffi::export]
impl Results {
    /// Reads results written by `toJson` (or by another binding). Errors `json.malformed`,
    /// `document.invalid`.
    #[uniffi::constructor]
    pub fn from_json(json: String) -> Result<Arc<Results>> {
        Ok(Results::wrap(report::render::from_json(&json, "results")?))
    }

    /// The periods asked for, in order.
    pub fn periods(&self) -> Vec<Arc<Period>> {
        self.0.periods.iter().copied().map(Period::wrap).collect()
    }

    /// Every figure: for each indicator and period, the total, then each dimension's cells,
    /// then the crossed cells.
    pub fn figures(&self) -> Vec<Figure> {
        self.0.figures.iter().map(Figure::from).collect()
    }

    /// The figure of `indicator`, `period` (any DHIS2 id) and `cell` (empty for the total),
    /// or null. Error `period.invalid`.
    pub fn figure(
        &self,
        indicator: String,
        period: String,
        cell: HashMap<String, String>,
    ) -> Result<Option<Figure>> {
        let period = meal_core::period::Period::parse(&period)?;
        let cell = cell.into_iter().collect();
        Ok(self.0.figure(&indicator, &period, &cell).map(Figure::from))
    }

    /// Why indicators were not computed, and recipe problems, messages in `locale`.
    pub fn findings(&self, locale: String) -> Vec<Finding> {
        Finding::all_from_core(self.0.findings.clone(), &locale)
    }

    /// Rows of the table(s) read.
    pub fn rows_read(&self) -> u64 {
        self.0.sources.rows_read
    }

    /// Rows that passed a filter but had no date (counted in no period).
    pub fn rows_without_date(&self) -> u64 {
        self.0.sources.rows_without_date
    }

    /// Document name → fingerprint of each logframe and the recipes.
    pub fn documents(&self) -> HashMap<String, String> {
        self.0.sources.documents.clone().into_iter().collect()
    }

    /// The results as JSON text (serde: decimals as strings, periods as ids).
    pub fn to_json(&self) -> String {
        serde_json::to_string(&self.0).unwrap_or_default()
    }
}
