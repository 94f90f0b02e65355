//! A recipe's expression evaluated row after row over a table, as fast as its shape allows.
//!
//! Most recipe expressions read a handful of low-cardinality columns: a filter on project and
//! activity, an age band from an age, a date column. Such an expression is *memoised* on the
//! values of the columns it reads (their [`Values::discrete_key`]): it is evaluated once per
//! distinct combination and looked up afterwards, which is what lets one pass over ten million
//! rows evaluate every filter of every indicator. A bare `${column}` over a non-discrete column
//! (decimals, timestamps) is read straight from the column. Anything else is evaluated with the
//! expression engine for each row. All three give exactly the value the engine would: the
//! cache only skips recomputing it.
//!
//! A runtime evaluation error (an invalid regex built at runtime, `expr.regex`) is taken as an
//! empty value, as ODK engines do for a calculation that fails; recipes are type-checked before
//! they run, so only such data-dependent failures can reach here.

use std::borrow::Cow;

use chrono::{DateTime, FixedOffset, NaiveDate};
use rustc_hash::FxHashMap;

use crate::data::{RowContext, Schema, Table, Values};
use crate::expr::{Expr, Node, Value};

/// Most columns one memoised expression may read.
const MAX_KEY_COLUMNS: usize = 4;

/// Most distinct keys a cache holds; past it, further combinations are evaluated every time
/// (a high-cardinality column would otherwise grow the cache to one entry per row).
const MAX_CACHE_ENTRIES: usize = 1 << 16;

/// How an expression is evaluated.
#[derive(Debug, Clone)]
enum Shape {
    /// `${column}` over a non-discrete column: read the value.
    Column(usize),
    /// Reads only discrete columns (indices): memoise on their keys.
    Memoised(Vec<usize>),
    /// Anything else: evaluate each row.
    Evaluated,
}

/// A parsed recipe expression and how it is evaluated over a table of a given schema.
#[derive(Debug, Clone)]
pub(crate) struct RowExpr {
    expr: Expr,
    shape: Shape,
    /// The column when the expression is a bare `${column}`.
    field: Option<usize>,
}

/// The evaluation clock (`today()`, `now()`).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Clock {
    pub today: NaiveDate,
    pub now: DateTime<FixedOffset>,
}

/// Memoised results of one expression, converted to what the engine needs (`T`).
#[derive(Debug)]
pub(crate) struct Cache<T> {
    entries: FxHashMap<[u128; MAX_KEY_COLUMNS], T>,
}

impl<T> Default for Cache<T> {
    fn default() -> Self {
        Cache {
            entries: FxHashMap::default(),
        }
    }
}

impl RowExpr {
    /// Decides the shape of `expr` over tables of `schema` (the schema the engine was built for;
    /// every table it runs on has that schema).
    pub fn new(expr: Expr, schema: &Schema, discrete: impl Fn(usize) -> bool) -> RowExpr {
        let columns: Option<Vec<usize>> = expr
            .references()
            .iter()
            .map(|name| schema.index_of(name))
            .collect();
        let field = match expr.ast() {
            Node::Field(name) => schema.index_of(name),
            _ => None,
        };
        // The clock is fixed for a whole computation, so an expression reading `today()` is
        // still a function of the row's columns and may be memoised.
        let shape = match (field, columns) {
            (Some(column), _) if !discrete(column) => Shape::Column(column),
            (_, Some(columns))
                if columns.len() <= MAX_KEY_COLUMNS && columns.iter().all(|&c| discrete(c)) =>
            {
                Shape::Memoised(columns)
            }
            _ => Shape::Evaluated,
        };
        RowExpr { expr, shape, field }
    }

    /// The value of this expression on `row`, converted by `convert`, from `cache` when the
    /// same column values were seen before.
    pub fn eval<T: Copy>(
        &self,
        table: &Table,
        row: usize,
        clock: Clock,
        cache: &mut Cache<T>,
        convert: impl Fn(&Value) -> T,
    ) -> T {
        match &self.shape {
            Shape::Column(column) => {
                convert(&table.columns().get(*column).map_or(Value::Empty, |c| c.value(row)))
            }
            Shape::Memoised(columns) => {
                let mut key = [0u128; MAX_KEY_COLUMNS];
                for (slot, column) in key.iter_mut().zip(columns) {
                    *slot = table
                        .columns()
                        .get(*column)
                        .and_then(|c| c.discrete_key(row))
                        .unwrap_or(0);
                }
                if let Some(hit) = cache.entries.get(&key) {
                    return *hit;
                }
                let value = convert(&self.evaluate(table, row, clock));
                if cache.entries.len() < MAX_CACHE_ENTRIES {
                    cache.entries.insert(key, value);
                }
                value
            }
            Shape::Evaluated => convert(&self.evaluate(table, row, clock)),
        }
    }

    /// The text of this expression on `row` (persons' pseudonyms), borrowed from the column
    /// when the expression is a bare text column.
    pub fn text<'t>(&self, table: &'t Table, row: usize, clock: Clock) -> Cow<'t, str> {
        if let Some(column @ Values::Text { .. }) = self.field.and_then(|c| table.columns().get(c)) {
            return Cow::Borrowed(column.text(row).unwrap_or(""));
        }
        Cow::Owned(self.evaluate(table, row, clock).to_text())
    }

    fn evaluate(&self, table: &Table, row: usize, clock: Clock) -> Value {
        let context = RowContext {
            table,
            row,
            today: clock.today,
            now: clock.now,
        };
        self.expr.evaluate(&context).unwrap_or(Value::Empty)
    }
}
