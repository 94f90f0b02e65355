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

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use rustc_hash::FxHashMap;

use crate::compute::filters::{FilterGroups, GroupMemo, Reading};
use crate::compute::partial::{FirstSeen, Window};
use crate::compute::plan::{Compiler, Expressions, Kind, Plan};
use crate::compute::row_expr::{Cache, Clock, RowExpr};
use crate::compute::{Partial, Recipes, Results};
use crate::data::intern::Interner;
use crate::data::{Schema, Table, Values, NULL_CODE};
use crate::error::{Finding, MealError};
use crate::i18n::Message;
use crate::indicator::Indicator;
use crate::logframe::Logframe;
use crate::period::Period;

mod block;
mod days;
#[cfg(test)]
pub(crate) use block::BLOCK_ROWS;

/// A compiled computation: definitions, recipes, periods. Build once, run on many tables.
#[derive(Debug, Clone)]
pub struct Engine {
    pub(crate) periods: Vec<Period>,
    /// Every indicator of the logframes, in order (those not computed have no plan).
    pub(crate) indicators: Vec<Indicator>,
    pub(crate) plans: Vec<Plan>,
    pub(crate) expressions: Expressions,
    /// The distinct date expressions of the plans (indices in `expressions`).
    pub(crate) date_expressions: Vec<usize>,
    filters: FilterGroups,
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
    /// A person by the dictionary code of a bare text column (within one table).
    PersonCode(u32),
    /// A person by text (any other person expression).
    Person(std::borrow::Cow<'t, str>),
    Level(u32),
    /// No usable value: counted as such.
    Missing,
}

/// The value of one shared expression on the current row, computed at most once per row.
struct Slot<T> {
    row: usize,
    value: T,
    cache: Cache<T>,
}

impl<T: Copy + Default> Default for Slot<T> {
    fn default() -> Self {
        Slot {
            row: usize::MAX,
            value: T::default(),
            cache: Cache::default(),
        }
    }
}

impl<T: Copy> Slot<T> {
    /// `expression` on `row`, converted by `convert`: computed on the row's first asking only.
    fn value_of(
        &mut self,
        expression: &RowExpr,
        table: &Table,
        row: usize,
        clock: Clock,
        convert: impl Fn(&crate::expr::Value) -> T,
    ) -> T {
        if self.row != row {
            self.value = expression.eval(table, row, clock, &mut self.cache, convert);
            self.row = row;
        }
        self.value
    }
}

/// One thread's evaluation state: a slot per shared expression and type, a cache per
/// plan dimension (its categories are the plan's), persons by code per window.
struct Pass<'e, 't> {
    engine: &'e Engine,
    table: &'t Table,
    bools: Vec<Slot<bool>>,
    filter_memos: Vec<GroupMemo>,
    dates: Vec<Slot<Option<NaiveDate>>>,
    numbers: Vec<Slot<Option<Decimal>>>,
    categories: Vec<Vec<Cache<u32>>>,
    person_codes: PersonCodes,
    /// Per distinct date expression: rows per day.
    date_rows: Vec<days::DayCounts>,
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
        let mut compiler = Compiler {
            schema,
            recipes,
            periods,
            expressions: Expressions::default(),
        };
        let (mut plans, findings) = compiler.compile(&indicators);
        let mut date_expressions: Vec<usize> = Vec::new();
        for plan in &mut plans {
            plan.date_slot = match date_expressions.iter().position(|&e| e == plan.date) {
                Some(slot) => slot,
                None => {
                    date_expressions.push(plan.date);
                    date_expressions.len() - 1
                }
            };
        }
        let mut documents = BTreeMap::new();
        for logframe in logframes {
            documents.insert(
                format!("logframe:{}", logframe.project.code),
                crate::document::fingerprint(logframe),
            );
        }
        documents.insert("recipes".to_owned(), crate::document::fingerprint(recipes));
        let fingerprint =
            crate::document::fingerprint(&(&documents, periods, schema, now.to_rfc3339()));
        let filters = FilterGroups::new(
            &compiler.expressions,
            plans.iter().filter_map(|plan| plan.filter),
        );
        let engine = Engine {
            filters,
            periods: periods.to_vec(),
            indicators,
            plans,
            expressions: compiler.expressions,
            date_expressions,
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
        let (mut state, persons) = self.pass(table)?;
        persons.resolve(self, table, &mut state);
        Ok(state)
    }

    /// The state of `table` computed on the calling thread only (each chunk of a stream is
    /// already on a core of its own), persons read by dictionary code still by code.
    pub(crate) fn coded_here(&self, table: &Table) -> Result<(Partial, PersonCodes), MealError> {
        if table.schema().columns != self.schema.columns {
            return Err(MealError::new("compute.schema_mismatch"));
        }
        Ok(self.accumulate(table, 0..table.len()))
    }

    /// For each column of the schema, whether some expression of the recipes reads it.
    pub(crate) fn columns_read(&self) -> Vec<bool> {
        let mut read = vec![false; self.schema.columns.len()];
        for name in self.expressions.list.iter().flat_map(|e| e.references()) {
            if let Some(slot) = self.schema.index_of(&name).and_then(|i| read.get_mut(i)) {
                *slot = true;
            }
        }
        read
    }

    /// What the filters of this engine read `table` with.
    fn reading<'a>(&'a self, table: &'a Table) -> Reading<'a> {
        Reading {
            expressions: &self.expressions,
            table,
            clock: self.clock,
        }
    }

    /// The schema the engine was built for.
    pub fn schema(&self) -> &Schema {
        &self.schema
    }

    /// One pass over `table` on every core: the merged state, with the persons read by
    /// dictionary code still by code.
    fn pass(&self, table: &Table) -> Result<(Partial, PersonCodes), MealError> {
        if table.schema().columns != self.schema.columns {
            return Err(MealError::new("compute.schema_mismatch"));
        }
        let chunks = chunks(table.len(), workers());
        let mut states = run_chunks(self, table, chunks)?.into_iter();
        let (mut state, mut persons) = states
            .next()
            .unwrap_or_else(|| (self.empty(), PersonCodes::default()));
        // The chunks share the table's dictionaries, so their persons merge by code; each
        // person's text is looked up once, at the end.
        for (other, other_persons) in states {
            state.merge(&other)?;
            persons.merge(other_persons);
        }
        Ok((state, persons))
    }

    /// Figures from a state (one table's, or merged partitions'). Error
    /// `compute.incompatible_partial` for a state of another engine.
    pub fn finalize(&self, partial: &Partial) -> Result<Results, MealError> {
        crate::compute::finalize::results(self, partial, &PersonCodes::default())
    }

    /// `finalize(partial(table))`, without writing out each person's pseudonym: persons are
    /// counted by their code in the table.
    pub fn compute(&self, table: &Table) -> Result<Results, MealError> {
        let (state, persons) = self.pass(table)?;
        crate::compute::finalize::results(self, &state, &persons)
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
            dates: vec![BTreeMap::new(); self.date_expressions.len()],
            windows: self
                .plans
                .iter()
                .flat_map(|plan| plan.spans.iter().map(|_| Window::new(plan.cell_count())))
                .collect(),
        }
    }

    /// Accumulates the rows `rows` of `table` block by block (see [`block`]); persons read by
    /// dictionary code are returned apart, still by code.
    fn accumulate(&self, table: &Table, rows: Range<usize>) -> (Partial, PersonCodes) {
        let mut state = self.empty();
        let mut pass = Pass::new(self, table, state.windows.len());
        pass.blocks(rows, block::BLOCK_ROWS, &mut state);
        let persons = pass.finish(&mut state);
        (state, persons)
    }

    /// The state of `rows` of `table` on the calling thread, by the block pass (`block_rows`
    /// rows a block) or, when `block_rows` is `None`, by the row interpreter: the reference
    /// the block pass is property-tested against (`block_props`).
    #[cfg(test)]
    pub(crate) fn state_by(
        &self,
        table: &Table,
        rows: Range<usize>,
        block_rows: Option<usize>,
    ) -> Partial {
        let mut state = self.empty();
        let mut pass = Pass::new(self, table, state.windows.len());
        match block_rows {
            Some(size) => pass.blocks(rows, size, &mut state),
            None => {
                for row in rows {
                    state.rows_read += 1;
                    if pass.row(row, &mut state.windows) {
                        state.rows_without_date += 1;
                    }
                }
            }
        }
        let persons = pass.finish(&mut state);
        persons.resolve(self, table, &mut state);
        state
    }
}

impl<'e, 't> Pass<'e, 't> {
    /// A fresh evaluation state over `table` for a state of `windows` windows.
    fn new(engine: &'e Engine, table: &'t Table, windows: usize) -> Self {
        let expressions = engine.expressions.list.len();
        Pass {
            engine,
            table,
            bools: (0..expressions).map(|_| Slot::default()).collect(),
            filter_memos: engine.filters.memos(),
            dates: (0..expressions).map(|_| Slot::default()).collect(),
            numbers: (0..expressions).map(|_| Slot::default()).collect(),
            categories: engine
                .plans
                .iter()
                .map(|p| p.dimensions.iter().map(|_| Cache::default()).collect())
                .collect(),
            person_codes: PersonCodes(vec![FxHashMap::default(); windows]),
            date_rows: (engine.date_expressions.iter())
                .map(|_| days::DayCounts::default())
                .collect(),
        }
    }
}

impl Pass<'_, '_> {
    /// Adds `row` to every plan's windows, one plan after the other (the row interpreter); true
    /// when some plan's filter matched a row without a date.
    #[cfg(test)]
    fn row(&mut self, row: usize, windows: &mut [Window]) -> bool {
        let engine = self.engine;
        for (slot, &expression) in engine.date_expressions.iter().enumerate() {
            if let Some(date) = self.date(expression, row) {
                self.count_date(slot, date);
            }
        }
        let mut dateless = false;
        for (p, plan) in engine.plans.iter().enumerate() {
            if !plan.filter.is_none_or(|f| self.boolean(f, row)) {
                continue;
            }
            match self.date(plan.date, row) {
                Some(date) => self.add_row(p, plan, row, date, windows),
                None => dateless = true,
            }
        }
        dateless
    }

    /// One more row on `date` for distinct date expression `slot` (`Partial::dates`).
    fn count_date(&mut self, slot: usize, date: NaiveDate) {
        if let Some(rows) = self.date_rows.get_mut(slot) {
            rows.add(date.num_days_from_ce());
        }
    }

    /// Adds `row`, which passed plan `p`'s filter and falls on `date`, to the plan's windows
    /// that contain the date: the one place a matching row is accumulated, whichever pass
    /// found it.
    fn add_row(
        &mut self,
        p: usize,
        plan: &Plan,
        row: usize,
        date: NaiveDate,
        windows: &mut [Window],
    ) {
        if !plan.spans.iter().any(|s| s.contains(date)) {
            return;
        }
        let first = p * self.engine.periods.len();
        let cell = self.cell(p, plan, row);
        let contribution = self.contribution(plan, row);
        for (k, span) in plan.spans.iter().enumerate() {
            if !span.contains(date) {
                continue;
            }
            let Some(window) = windows.get_mut(first + k) else {
                continue;
            };
            let codes = self.person_codes.0.get_mut(first + k);
            add(window, codes, span.snapshot, date, cell, &contribution);
        }
    }

    /// Turns the day counts into dates; hands back the persons seen by code.
    fn finish(self, state: &mut Partial) -> PersonCodes {
        for (dates, rows) in state.dates.iter_mut().zip(self.date_rows) {
            for (day, count) in rows.days() {
                if let Some(date) = NaiveDate::from_num_days_from_ce_opt(day) {
                    *dates.entry(date).or_default() += count;
                }
            }
        }
        self.person_codes
    }
}

/// Per window: persons seen by the dictionary code of a bare text column — one table's codes.
/// A person is in these or in the window's `persons` by text, never both.
#[derive(Debug, Default)]
pub(crate) struct PersonCodes(pub(crate) Vec<FxHashMap<u32, FirstSeen>>);

impl PersonCodes {
    /// Keeps the earlier sighting of each person of `other` (a chunk of the same table).
    fn merge(&mut self, other: PersonCodes) {
        if self.0.is_empty() {
            *self = other;
            return;
        }
        for (mine, theirs) in self.0.iter_mut().zip(other.0) {
            for (code, seen) in theirs {
                mine.entry(code)
                    .and_modify(|first| *first = (*first).min(seen))
                    .or_insert(seen);
            }
        }
    }

    /// Adds `other`, coded in `table`'s dictionaries, to these persons coded in `texts` (the
    /// codes of a whole stream of tables): each person's text is looked up in `texts` once per
    /// table, not once per window, and nothing is copied for a person already seen.
    pub(crate) fn merge_coded(
        &mut self,
        other: PersonCodes,
        engine: &Engine,
        table: &Table,
        texts: &mut Interner,
    ) -> Result<(), MealError> {
        if self.0.is_empty() {
            self.0 = vec![FxHashMap::default(); other.0.len()];
        }
        let periods = engine.periods.len().max(1);
        // Per person column, the stream code of each of the table's codes (NULL_CODE: not yet).
        let mut stream_codes: Vec<Option<Vec<u32>>> = vec![None; table.columns().len()];
        for (w, (mine, theirs)) in self.0.iter_mut().zip(other.0).enumerate() {
            let Some(column) = person_column_index(engine, w / periods) else {
                continue;
            };
            let (Some(Values::Text { dictionary, .. }), Some(slot)) =
                (table.columns().get(column), stream_codes.get_mut(column))
            else {
                continue;
            };
            let known = slot.get_or_insert_with(|| vec![NULL_CODE; dictionary.len()]);
            for (code, seen) in theirs {
                let at = usize::try_from(code).ok();
                let (Some(text), Some(stream)) = (
                    at.and_then(|c| dictionary.get(c)),
                    at.and_then(|c| known.get_mut(c)),
                ) else {
                    continue;
                };
                if *stream == NULL_CODE {
                    *stream = texts
                        .intern(text)
                        .ok_or_else(|| MealError::new("data.too_many_values"))?;
                }
                mine.entry(*stream)
                    .and_modify(|first| *first = (*first).min(seen))
                    .or_insert(seen);
            }
        }
        Ok(())
    }

    /// Moves the persons into `state`'s windows by text.
    fn resolve(self, engine: &Engine, table: &Table, state: &mut Partial) {
        let periods = engine.periods.len().max(1);
        for (w, (window, codes)) in state.windows.iter_mut().zip(self.0).enumerate() {
            let Some(Values::Text { dictionary, .. }) = person_column(engine, table, w / periods)
            else {
                continue;
            };
            window.persons.reserve(codes.len());
            for (code, seen) in codes {
                if let Some(person) = usize::try_from(code).ok().and_then(|c| dictionary.get(c)) {
                    window.see(person, seen);
                }
            }
        }
    }
}

/// The text column plan `p` reads persons from by code, if its person expression is a bare
/// text column.
fn person_column<'t>(engine: &Engine, table: &'t Table, p: usize) -> Option<&'t Values> {
    table.columns().get(person_column_index(engine, p)?)
}

/// The schema index of [`person_column`].
fn person_column_index(engine: &Engine, p: usize) -> Option<usize> {
    let plan = engine.plans.get(p)?;
    if plan.kind != Kind::Persons {
        return None;
    }
    let expression = engine.expressions.list.get(plan.first?)?;
    expression.text_column(&engine.schema)
}

impl<'t> Pass<'_, 't> {
    /// Shared expression `e` on `row` as a boolean (filters), once per row.
    fn boolean(&mut self, e: usize, row: usize) -> bool {
        let (engine, table) = (self.engine, self.table);
        if let Some((g, position)) = engine.filters.of(e) {
            let Some(memo) = self.filter_memos.get_mut(g) else {
                return false;
            };
            return engine
                .filters
                .verdict(g, position, memo, engine.reading(table), row);
        }
        let (Some(slot), Some(expression)) =
            (self.bools.get_mut(e), engine.expressions.list.get(e))
        else {
            return false;
        };
        slot.value_of(expression, table, row, engine.clock, |v| v.truthy())
    }

    /// Shared expression `e` on `row` as a date, once per row.
    fn date(&mut self, e: usize, row: usize) -> Option<NaiveDate> {
        let (engine, table) = (self.engine, self.table);
        let expression = engine.expressions.list.get(e)?;
        self.dates
            .get_mut(e)?
            .value_of(expression, table, row, engine.clock, |v| v.to_date())
    }

    /// Shared expression `e` on `row` as a number (a boolean is 1 or 0), once per row.
    fn number(&mut self, e: usize, row: usize) -> Option<Decimal> {
        let (engine, table) = (self.engine, self.table);
        let expression = engine.expressions.list.get(e)?;
        self.numbers
            .get_mut(e)?
            .value_of(expression, table, row, engine.clock, |v| v.to_number())
    }

    /// The crossed cell of `row` for plan `p`: mixed radix over the dimensions, first dimension
    /// most significant, `unknown` the last category of each.
    fn cell(&mut self, p: usize, plan: &Plan, row: usize) -> u32 {
        let (engine, table) = (self.engine, self.table);
        let mut cell = 0u32;
        let Some(caches) = self.categories.get_mut(p) else {
            return cell;
        };
        for (dimension, cache) in plan.dimensions.iter().zip(caches.iter_mut()) {
            let unknown = dimension.categories.len();
            let category = engine
                .expressions
                .list
                .get(dimension.source)
                .map_or(unknown, |e| {
                    let index = e.eval(table, row, engine.clock, cache, |value| {
                        let text = value.to_text();
                        let found = dimension.categories.iter().position(|c| *c == text);
                        u32::try_from(found.unwrap_or(unknown)).unwrap_or(u32::MAX)
                    });
                    usize::try_from(index).unwrap_or(unknown)
                });
            let radix = u32::try_from(unknown + 1).unwrap_or(u32::MAX);
            cell = cell
                .saturating_mul(radix)
                .saturating_add(u32::try_from(category).unwrap_or(u32::MAX));
        }
        cell
    }

    fn contribution(&mut self, plan: &Plan, row: usize) -> Contribution<'t> {
        let number = |pass: &mut Self, e: Option<usize>| e.and_then(|e| pass.number(e, row));
        match plan.kind {
            Kind::Count => Contribution::Record,
            Kind::Sum | Kind::Mean => match number(self, plan.first) {
                Some(value) => Contribution::Pair(value, Decimal::ONE),
                None => Contribution::Missing,
            },
            Kind::Ratio(_) => match (number(self, plan.first), number(self, plan.second)) {
                (Some(n), Some(d)) => Contribution::Pair(n, d),
                _ => Contribution::Missing,
            },
            Kind::Persons => self.person(plan, row),
            Kind::Levels { levels, .. } => number(self, plan.first)
                .filter(|n| n.fract().is_zero())
                .and_then(|n| n.to_u32())
                .filter(|l| (1..=levels).contains(l))
                .map_or(Contribution::Missing, Contribution::Level),
        }
    }

    /// A person by dictionary code when the person expression is a bare text column, else by
    /// text; empty is no person.
    fn person(&self, plan: &Plan, row: usize) -> Contribution<'t> {
        let engine = self.engine;
        let table: &'t Table = self.table;
        let Some(expression) = plan.first.and_then(|e| engine.expressions.list.get(e)) else {
            return Contribution::Missing;
        };
        if let Some(Values::Text { codes, .. }) = expression
            .text_column(&engine.schema)
            .and_then(|c| table.columns().get(c))
        {
            return match codes.get(row) {
                Some(&code) if code != crate::data::NULL_CODE => Contribution::PersonCode(code),
                _ => Contribution::Missing,
            };
        }
        let person = expression.text(table, row, engine.clock);
        if person.is_empty() {
            Contribution::Missing
        } else {
            Contribution::Person(person)
        }
    }
}

/// Adds one matching record to a window.
fn add(
    window: &mut Window,
    codes: Option<&mut FxHashMap<u32, FirstSeen>>,
    snapshot: bool,
    date: NaiveDate,
    cell: u32,
    contribution: &Contribution,
) {
    if snapshot {
        match window.latest {
            Some(latest) if date < latest => return,
            Some(latest) if date == latest => {}
            _ => {
                window.latest = Some(date);
                window
                    .cells
                    .iter_mut()
                    .for_each(|c| *c = Default::default());
            }
        }
    }
    let Some(target) = usize::try_from(cell)
        .ok()
        .and_then(|c| window.cells.get_mut(c))
    else {
        return;
    };
    target.matched += 1;
    match contribution {
        Contribution::Record => {}
        Contribution::Pair(numerator, denominator) => target.add(*numerator, *denominator),
        Contribution::Level(level) => *target.levels.entry(*level).or_default() += 1,
        Contribution::Person(person) => window.see(person, FirstSeen { date, cell }),
        Contribution::PersonCode(code) => {
            if let Some(codes) = codes {
                let seen = FirstSeen { date, cell };
                codes
                    .entry(*code)
                    .and_modify(|first| *first = (*first).min(seen))
                    .or_insert(seen);
            }
        }
        Contribution::Missing => target.without_value += 1,
    }
}

/// How many threads to use: the cores, at most 8; one on wasm32 (no threads there).
pub(crate) fn workers() -> usize {
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
) -> Result<Vec<(Partial, PersonCodes)>, MealError> {
    if chunks.len() <= 1 {
        return Ok(chunks
            .into_iter()
            .map(|r| engine.accumulate(table, r))
            .collect());
    }
    std::thread::scope(|scope| {
        let handles: Vec<_> = chunks
            .into_iter()
            .map(|range| scope.spawn(move || engine.accumulate(table, range)))
            .collect();
        // A worker only stops early on a defect; its rows must not go missing silently.
        handles
            .into_iter()
            .map(|h| {
                h.join()
                    .map_err(|_| MealError::new("compute.worker_failed"))
            })
            .collect()
    })
}

/// The state of each chunk, one after the other (no threads on wasm32).
#[cfg(target_arch = "wasm32")]
fn run_chunks(
    engine: &Engine,
    table: &Table,
    chunks: Vec<Range<usize>>,
) -> Result<Vec<(Partial, PersonCodes)>, MealError> {
    Ok(chunks
        .into_iter()
        .map(|r| engine.accumulate(table, r))
        .collect())
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
