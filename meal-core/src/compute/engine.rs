//! One pass over a table: filters, values, windows, cells.
//!
//! CONTRACT — Owner: compute (lead).

use chrono::{DateTime, FixedOffset};

use crate::compute::{Partial, Recipes, Results};
use crate::data::{Schema, Table};
use crate::error::{Finding, MealError};
use crate::logframe::Logframe;
use crate::period::Period;

/// A compiled computation: definitions, recipes, periods. Build once, run on many tables.
#[derive(Debug, Clone)]
pub struct Engine {
    periods: Vec<Period>,
}

impl Engine {
    /// Compiles the recipes of the indicators of `logframes` against `schema` for `periods`.
    /// `now` is the clock of `today()`/`now()` in expressions. Findings say which indicators
    /// will not be computed and why; error only when nothing can be computed
    /// (`compute.no_periods`).
    pub fn new(
        logframes: &[Logframe],
        recipes: &Recipes,
        schema: &Schema,
        periods: &[Period],
        now: DateTime<FixedOffset>,
    ) -> Result<(Engine, Vec<Finding>), MealError> {
        let _ = (logframes, recipes, schema, now);
        Ok((
            Engine {
                periods: periods.to_vec(),
            },
            Vec::new(),
        ))
    }

    /// The state of this computation over `table`.
    pub fn partial(&self, table: &Table) -> Partial {
        Partial {
            engine: String::new(),
            rows_read: table.len() as u64,
        }
    }

    /// Figures from a state (one table's, or merged partitions'). Error
    /// `compute.incompatible_partial` for a state of another engine.
    pub fn finalize(&self, partial: &Partial) -> Result<Results, MealError> {
        let _ = partial;
        Err(MealError::new("compute.not_implemented"))
    }

    /// `finalize(partial(table))`.
    pub fn compute(&self, table: &Table) -> Result<Results, MealError> {
        self.finalize(&self.partial(table))
    }

    /// The periods asked for.
    pub fn periods(&self) -> &[Period] {
        &self.periods
    }
}
