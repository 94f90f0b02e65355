//! The quality report: a scorecard row per project, site and period, and every failure.
//!
//! CONTRACT — Owner: quality helper. The report module reads `QualityReport`, `Score` and
//! `Failure` as they are here; fields may be added, not renamed.

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::data::Loaded;
use crate::error::{MealError, Severity};
use crate::period::Period;
use crate::quality::Checks;

/// The result of every check over a loaded table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QualityReport {
    /// Rows checked: the loaded rows plus the rejected ones (which count as invalid).
    pub rows_checked: u64,
    /// One row per (project, site, period), sorted.
    pub scorecard: Vec<Score>,
    /// One row per failing check, sorted by project, site, period, row, check.
    pub failures: Vec<Failure>,
}

/// The quality of one project, site and period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Score {
    pub project: Option<String>,
    pub site: Option<String>,
    pub period: Period,
    pub records: u64,
    /// Share of required cells filled (0–1, 4 decimals, half to even); `None` without records.
    pub completeness: Option<Decimal>,
    pub reports_expected: u64,
    pub reports_received: u64,
    /// Share of expected reports received on time; `None` when none expected.
    pub timeliness: Option<Decimal>,
    pub duplicates: u64,
    pub rule_violations: u64,
    pub outliers: u64,
    pub invalid_numerics: u64,
}

/// One failing check, for drill-down.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Failure {
    /// `completeness`, `timeliness`, `duplicate`, `rule`, `outlier`, `invalid_numeric`.
    pub check: String,
    /// Stable code (`quality.required_missing`, `quality.outlier`, …).
    pub code: String,
    pub severity: Severity,
    pub project: Option<String>,
    pub site: Option<String>,
    pub period: Option<Period>,
    /// Input row number (as `Table::source_row`), when the failure is about one row.
    pub row: Option<u64>,
    pub column: Option<String>,
    pub value: Option<String>,
    pub params: BTreeMap<String, String>,
}

/// Runs `checks` over `loaded` (its rejected rows count as invalid). `now` is the clock for
/// timeliness and expressions.
pub fn check(
    loaded: &Loaded,
    checks: &Checks,
    now: DateTime<FixedOffset>,
) -> Result<QualityReport, MealError> {
    let _ = (loaded, checks, now);
    Err(MealError::new("quality.not_implemented"))
}
