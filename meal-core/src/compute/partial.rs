//! Mergeable partial state: compute on partitions, serialize, merge, finalize.
//!
//! A [`Partial`] holds, for every (indicator, period) *window* of an engine, the accumulators
//! of every crossed disaggregation cell. Everything in it merges by addition, except two
//! things, which merge by rules that do not depend on how the rows were partitioned:
//! * **distinct persons** keep an exact set: each person with the date and cell of their
//!   earliest record in the window; merging keeps the earlier (on the same day, the first cell
//!   in declared order). A person is therefore counted once and in one cell whatever the
//!   partitioning — exact, at the cost of one entry per person (the alternative,
//!   hash-partitioning rows on the pseudonym so per-partition counts add up, is exact only if
//!   every caller partitions that way; an exact set cannot be misused);
//! * **latest snapshots** keep the latest date seen and the accumulators of that date only;
//!   merging keeps the later date, adding the two when the dates are equal.
//!
//! So `finalize(merge(partial(A), partial(B))) = finalize(partial(A ∪ B))` for any split of
//! the rows (property-tested in `meal-core/tests/compute_props.rs`). A state records the
//! fingerprint of the engine that made it; merging or finalizing states of different engines
//! (other definitions, recipes, periods or schema) is the error `compute.incompatible_partial`.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use crate::error::MealError;
use crate::i18n::Message;

/// The accumulated state of an [`crate::compute::Engine`] over some rows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Partial {
    /// Fingerprint of the engine (definitions, recipes, periods, schema) that made it.
    pub engine: String,
    pub rows_read: u64,
    /// Rows that passed an indicator's filter but had no date.
    pub rows_without_date: u64,
    /// One per distinct date expression of the recipes: rows per date, before any filter.
    /// A figure's `rows.in_window` is the sum over its window.
    pub(crate) dates: Vec<BTreeMap<NaiveDate, u64>>,
    /// One per (computed indicator, period), indicator-major.
    pub(crate) windows: Vec<Window>,
}

/// The state of one indicator over one period.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Window {
    /// Latest snapshots: the date whose records the cells hold.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub latest: Option<NaiveDate>,
    /// One per crossed cell (mixed radix over the dimensions, `unknown` last in each).
    pub cells: Vec<Cell>,
    /// Distinct persons: pseudonym → earliest record.
    #[serde(
        default,
        skip_serializing_if = "FxHashMap::is_empty",
        serialize_with = "sorted_persons"
    )]
    pub persons: FxHashMap<Box<str>, FirstSeen>,
}

/// Where and when a person was first seen in a window.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub(crate) struct FirstSeen {
    pub date: NaiveDate,
    pub cell: u32,
}

/// The accumulators of one crossed cell.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Cell {
    /// Rows that passed the filter.
    pub matched: u64,
    /// Of those, rows without a usable value (counted nowhere else).
    pub without_value: u64,
    /// Σ values (sum, mean) or Σ numerators (ratio).
    #[serde(default, skip_serializing_if = "Decimal::is_zero")]
    pub numerator: Decimal,
    /// Σ denominators (ratio) or the number of values (mean).
    #[serde(default, skip_serializing_if = "Decimal::is_zero")]
    pub denominator: Decimal,
    /// Ordinal and nominal: level (1-based) → rows.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub levels: BTreeMap<u32, u64>,
    /// A sum went beyond what a decimal holds: the figure is withheld (`compute.overflow`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub overflow: bool,
}

fn sorted_persons<S: serde::Serializer>(
    persons: &FxHashMap<Box<str>, FirstSeen>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    let sorted: BTreeMap<&str, &FirstSeen> = persons.iter().map(|(k, v)| (&**k, v)).collect();
    serializer.collect_map(sorted)
}

impl Cell {
    /// Adds a numerator and a denominator, remembering an overflow instead of wrapping.
    pub fn add(&mut self, numerator: Decimal, denominator: Decimal) {
        match (
            self.numerator.checked_add(numerator),
            self.denominator.checked_add(denominator),
        ) {
            (Some(n), Some(d)) => {
                self.numerator = n;
                self.denominator = d;
            }
            _ => self.overflow = true,
        }
    }

    /// Adds every accumulator of `other`.
    pub fn merge(&mut self, other: &Cell) {
        self.matched += other.matched;
        self.without_value += other.without_value;
        self.add(other.numerator, other.denominator);
        self.overflow |= other.overflow;
        for (level, rows) in &other.levels {
            *self.levels.entry(*level).or_default() += rows;
        }
    }
}

impl Window {
    /// A window of `cells` empty cells.
    pub fn new(cells: usize) -> Window {
        Window {
            cells: vec![Cell::default(); cells],
            ..Window::default()
        }
    }

    /// Keeps the earlier sighting of `person`.
    pub fn see(&mut self, person: &str, seen: FirstSeen) {
        match self.persons.get_mut(person) {
            Some(first) => *first = (*first).min(seen),
            None => {
                self.persons.insert(person.into(), seen);
            }
        }
    }

    /// Adds `other` into `self` under the rules of the module docs.
    fn merge(&mut self, other: &Window) -> Result<(), MealError> {
        if self.cells.len() != other.cells.len() {
            return Err(incompatible());
        }
        match (self.latest, other.latest) {
            (Some(mine), Some(theirs)) if theirs > mine => {
                self.latest = other.latest;
                self.cells.clone_from(&other.cells);
            }
            (Some(mine), Some(theirs)) if theirs < mine => {}
            (None, Some(_)) => {
                self.latest = other.latest;
                self.cells.clone_from(&other.cells);
            }
            (Some(_), None) => {}
            _ => {
                for (mine, theirs) in self.cells.iter_mut().zip(&other.cells) {
                    mine.merge(theirs);
                }
            }
        }
        for (person, seen) in &other.persons {
            self.see(person, *seen);
        }
        Ok(())
    }
}

fn incompatible() -> MealError {
    MealError::new("compute.incompatible_partial")
}

impl Partial {
    /// Adds `other` (same engine) into `self`. Error `compute.incompatible_partial`.
    pub fn merge(&mut self, other: &Partial) -> Result<(), MealError> {
        if self.engine != other.engine
            || self.windows.len() != other.windows.len()
            || self.dates.len() != other.dates.len()
        {
            return Err(incompatible());
        }
        for (mine, theirs) in self.dates.iter_mut().zip(&other.dates) {
            for (date, rows) in theirs {
                *mine.entry(*date).or_default() += rows;
            }
        }
        for (mine, theirs) in self.windows.iter_mut().zip(&other.windows) {
            mine.merge(theirs)?;
        }
        self.rows_read += other.rows_read;
        self.rows_without_date += other.rows_without_date;
        Ok(())
    }

    /// JSON text of the state (for another process to merge); persons sorted, so equal states
    /// give equal text.
    pub fn to_json(&self) -> String {
        // Serializing plain data with string keys cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Reads a state written by [`Partial::to_json`]. Error `json.malformed`, or
    /// `document.invalid` for JSON that is not a state of this library.
    pub fn from_json(json: &str) -> Result<Partial, MealError> {
        serde_json::from_str(json).map_err(|e| {
            if e.is_data() {
                MealError::new("document.invalid")
                    .with("kind", "partial_state")
                    .with("detail", e)
            } else {
                crate::document::malformed(&e)
            }
        })
    }
}

/// Messages of the codes this file raises.
pub const MESSAGES: &[Message] = &[Message {
    code: "compute.incompatible_partial",
    en: "This partial state was not made by the same computation (definitions, recipes, periods and schema must be identical)",
    fr: "Cet état partiel ne provient pas du même calcul (définitions, recettes, périodes et schéma doivent être identiques)",
}];
