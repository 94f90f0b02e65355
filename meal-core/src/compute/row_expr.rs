//! A recipe's expression evaluated row after row over a table, as fast as its shape allows.
//!
//! Most recipe expressions read a handful of low-cardinality columns: a filter on project and
//! activity, an age band from an age. Such an expression is *memoised* on the values of the
//! columns it reads (their [`Values::discrete_key`]): it is evaluated once per distinct
//! combination and looked up afterwards — in a plain vector when the combination is one small
//! key (a dictionary code), in a hash map otherwise. A bare `${column}` over a column that is
//! not text is read straight from the column. Anything else is evaluated with the expression
//! engine for each row. All three give exactly the value the engine would: the cache only
//! skips recomputing it, and the clock is fixed for a whole computation.
//!
//! A runtime evaluation error (an invalid regex built at runtime, `expr.regex`) is taken as an
//! empty value, as ODK engines do for a calculation that fails; recipes are type-checked before
//! they run, so only such data-dependent failures can reach here.

use std::borrow::Cow;

use chrono::{DateTime, FixedOffset, NaiveDate};
use rustc_hash::FxHashMap;

use crate::data::{RowContext, Schema, Table, Values};
use crate::expr::{Expr, Node, Value};

/// Most columns one memoised expression may read: their keys are packed 32 bits each.
const MAX_KEY_COLUMNS: usize = 4;

/// Keys below this are cached in a vector indexed by the key.
const DENSE_KEYS: u128 = 1 << 16;

/// Most distinct keys a hash cache holds; past it, further combinations are evaluated every
/// time (a high-cardinality column would otherwise grow the cache to one entry per row).
const MAX_CACHE_ENTRIES: usize = 1 << 16;

/// How an expression is evaluated.
#[derive(Debug, Clone)]
enum Shape {
    /// `${column}` over a column that is not text: read the value.
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
    dense: Vec<Option<T>>,
    sparse: FxHashMap<u128, T>,
}

impl<T> Default for Cache<T> {
    fn default() -> Self {
        Cache {
            dense: Vec::new(),
            sparse: FxHashMap::default(),
        }
    }
}

impl<T: Copy> Cache<T> {
    fn get(&self, key: u128) -> Option<T> {
        if key < DENSE_KEYS {
            usize::try_from(key)
                .ok()
                .and_then(|k| self.dense.get(k).copied().flatten())
        } else {
            self.sparse.get(&key).copied()
        }
    }

    fn put(&mut self, key: u128, value: T) {
        match usize::try_from(key) {
            Ok(k) if key < DENSE_KEYS => {
                if self.dense.len() <= k {
                    self.dense.resize(k + 1, None);
                }
                if let Some(slot) = self.dense.get_mut(k) {
                    *slot = Some(value);
                }
            }
            _ if self.sparse.len() < MAX_CACHE_ENTRIES => {
                self.sparse.insert(key, value);
            }
            _ => {}
        }
    }
}

impl RowExpr {
    /// Decides the shape of `expr` over tables of `schema` (the schema the engine was built for;
    /// every table it runs on has that schema).
    pub fn new(expr: Expr, schema: &Schema) -> RowExpr {
        use crate::data::ColumnType as T;
        let column_type = |c: usize| schema.columns.get(c).map(|c| c.column_type);
        let discrete = |c: usize| !matches!(column_type(c), Some(T::Decimal | T::DateTime) | None);
        let columns: Option<Vec<usize>> = expr
            .references()
            .iter()
            .map(|name| schema.index_of(name))
            .collect();
        let field = match expr.ast() {
            Node::Field(name) => schema.index_of(name),
            _ => None,
        };
        let shape = match (field, columns) {
            (Some(column), _) if !matches!(column_type(column), Some(T::Text | T::Choices)) => {
                Shape::Column(column)
            }
            (_, Some(columns))
                if columns.len() <= MAX_KEY_COLUMNS && columns.iter().all(|&c| discrete(c)) =>
            {
                Shape::Memoised(columns)
            }
            _ => Shape::Evaluated,
        };
        RowExpr { expr, shape, field }
    }

    /// The column of a bare `${column}` over a date or timestamp column: its value as a date is
    /// the column's date ([`Values::date`]), read without building an expression value.
    pub fn date_column(&self, schema: &Schema) -> Option<usize> {
        self.field.filter(|&c| {
            schema.columns.get(c).is_some_and(|c| {
                matches!(
                    c.column_type,
                    crate::data::ColumnType::Date | crate::data::ColumnType::DateTime
                )
            })
        })
    }

    /// The column of a bare `${column}` over a text column: its dictionary code identifies the
    /// value (the engine keys persons by it within a pass).
    pub fn text_column(&self, schema: &Schema) -> Option<usize> {
        self.field.filter(|&c| {
            schema.columns.get(c).is_some_and(|c| {
                matches!(
                    c.column_type,
                    crate::data::ColumnType::Text | crate::data::ColumnType::Choices
                )
            })
        })
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
            Shape::Column(column) => convert(
                &table
                    .columns()
                    .get(*column)
                    .map_or(Value::Empty, |c| c.value(row)),
            ),
            Shape::Memoised(columns) => match key(table, columns, row) {
                Some(key) => {
                    if let Some(hit) = cache.get(key) {
                        return hit;
                    }
                    let value = convert(&self.evaluate(table, row, clock));
                    cache.put(key, value);
                    value
                }
                None => convert(&self.evaluate(table, row, clock)),
            },
            Shape::Evaluated => convert(&self.evaluate(table, row, clock)),
        }
    }

    /// The names of the columns the expression reads.
    pub fn references(&self) -> Vec<String> {
        self.expr.references()
    }

    /// The columns a memoised expression reads (its value is a function of their keys).
    pub fn memo_columns(&self) -> Option<&[usize]> {
        match &self.shape {
            Shape::Memoised(columns) => Some(columns),
            Shape::Column(_) | Shape::Evaluated => None,
        }
    }

    /// The truth of this expression on `row`, evaluated (no cache).
    pub fn truthy(&self, table: &Table, row: usize, clock: Clock) -> bool {
        self.evaluate(table, row, clock).truthy()
    }

    /// The text of this expression on `row` (persons' pseudonyms), borrowed from the column
    /// when the expression is a bare text column.
    pub fn text<'t>(&self, table: &'t Table, row: usize, clock: Clock) -> Cow<'t, str> {
        if let Some(column @ Values::Text { .. }) = self.field.and_then(|c| table.columns().get(c))
        {
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

/// The keys of `columns` on `row` packed 32 bits each; `None` when one does not fit (a
/// negative integer, say), and the expression is then evaluated.
pub(crate) fn key(table: &Table, columns: &[usize], row: usize) -> Option<u128> {
    let mut packed = 0u128;
    for (i, column) in columns.iter().enumerate() {
        let part = table.columns().get(*column)?.discrete_key(row)?;
        if part > u128::from(u32::MAX) {
            return None;
        }
        packed |= part << (32 * i);
    }
    Some(packed)
}
