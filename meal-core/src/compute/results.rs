//! Finalised figures: value, target, achievement and status of every indicator, period and
//! disaggregation cell, each with the rows it was computed from.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::Finding;
use crate::indicator::Status;
use crate::period::Period;

/// All figures of one computation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Results {
    /// The periods asked for, in the order asked.
    pub periods: Vec<Period>,
    /// For each indicator (in the order of the definitions), each period, the total (empty
    /// `cell`) then the cells of each dimension alone (categories in declared order, then
    /// `unknown`), then the crossed cells of all dimensions when there are two or more.
    pub figures: Vec<Figure>,
    pub sources: Sources,
    /// Why an indicator was not computed (no recipe, qualitative, …), and recipe problems.
    pub findings: Vec<Finding>,
}

/// One figure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Figure {
    pub indicator: String,
    pub period: Period,
    /// Dimension code → category code; empty for the total.
    pub cell: BTreeMap<String, String>,
    /// `None`: no data (or a zero denominator).
    pub value: Option<Decimal>,
    /// Ratio and mean: Σ numerators (sums) and Σ denominators (counts), so readers and later
    /// roll-ups can recompute the value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub numerator: Option<Decimal>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub denominator: Option<Decimal>,
    /// The declared target of this period and cell (derived for the total as
    /// `Indicator::target_for` does).
    pub target: Option<Decimal>,
    pub achievement: Option<Decimal>,
    pub status: Status,
    pub rows: RowCounts,
}

/// Provenance counts of one figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct RowCounts {
    /// Rows of the table whose date fell in the figure's window, before the filter: the rows
    /// the figure was computed from.
    pub in_window: u64,
    /// Rows that passed the filter and fell in the figure's window and cell.
    pub matched: u64,
    /// Of those, rows whose value (or numerator, denominator, person) was empty, so counted
    /// nowhere else — reported, never silently dropped.
    pub without_value: u64,
}

/// Where the figures come from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sources {
    /// Rows of the table(s) read.
    pub rows_read: u64,
    /// Rows whose filter was true for at least one indicator but whose date was empty.
    pub rows_without_date: u64,
    /// Document name → fingerprint (`sha256:` + 16 hex of the canonical JSON): each logframe,
    /// the recipes.
    pub documents: BTreeMap<String, String>,
    /// `meal <version>`: the rules in force.
    pub engine: String,
}

impl Results {
    /// The figure of `indicator`, `period` and `cell` (empty for the total).
    pub fn figure(
        &self,
        indicator: &str,
        period: &Period,
        cell: &BTreeMap<String, String>,
    ) -> Option<&Figure> {
        self.figures
            .iter()
            .find(|f| f.indicator == indicator && &f.period == period && &f.cell == cell)
    }
}
