//! Indicator definitions, targets, aggregation over periods, achievement and status.
//!
//! Unknown fields of structs surface as `document.unknown_field` findings (see `document`);
//! the tagged enums (`measure`, `direction`) deny unknown fields outright because serde
//! cannot report what it skips inside them, and an error is better than a silent drop.
//!
//! SKELETON — the types and signatures below are the contract the logframe module, the
//! examples and the bindings are written against. Logic to be completed by the indicator
//! work stream.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::{Finding, MealError};
use crate::i18n::Message;
use crate::period::Period;
use crate::text::Text;

/// What an indicator measures, and so how its values combine.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Measure {
    /// Number of events or items (consultations, sessions).
    Count,
    /// Sum of a quantity (nights of shelter, kits).
    Sum,
    /// Mean of a quantity (waiting days).
    Mean,
    /// Numerator over denominator times `factor` (100 for a percentage). Both parts are kept so
    /// that roll-ups are ratios of sums, never means of ratios.
    Ratio {
        numerator: Text,
        denominator: Text,
        factor: Decimal,
    },
    /// Number of distinct persons (by pseudonym), not of contacts.
    DistinctPersons,
    /// A position on an ordered scale (e.g. a 1–4 policy-change stage).
    Ordinal { levels: Vec<Text> },
    /// One of unordered categories.
    Nominal { categories: Vec<Text> },
    /// A narrative (outcome harvesting statement, testimony of change).
    Qualitative,
}

/// Which way is better.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Direction {
    /// Higher is better.
    Increase,
    /// Lower is better.
    Decrease,
    /// Stay within `tolerance` (absolute, in the indicator's unit) of the target.
    Maintain { tolerance: Decimal },
}

/// How values of consecutive periods combine into the value of a longer period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Aggregation {
    /// Each period's value is new: a longer period sums them; its target sums the targets.
    Incremental,
    /// Values are increments reported as a running total since the start.
    RunningTotal,
    /// Each value is already a to-date total or a level: a longer period takes the latest.
    LatestSnapshot,
    /// A running total that restarts each calendar year.
    YearlyResetRunningTotal,
    /// Ratios: a longer period is Σ numerators / Σ denominators.
    RatioOfSums,
}

/// A baseline value and when it was measured.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Baseline {
    pub value: Decimal,
    /// Period of the measurement (its id in JSON).
    pub period: Period,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Text>,
}

/// A target for one period, optionally for one disaggregation cell.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Target {
    pub period: Period,
    pub value: Decimal,
    /// Dimension code → category code. Empty means the total.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub cell: BTreeMap<String, String>,
}

/// One category of a disaggregation dimension.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Category {
    pub code: String,
    pub name: Text,
}

/// A disaggregation dimension with declared categories. The "unknown" cell always exists
/// implicitly (code [`UNKNOWN_CATEGORY`]) so no value is ever dropped for lack of a category.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dimension {
    pub code: String,
    pub name: Text,
    pub categories: Vec<Category>,
}

/// Code of the implicit cell holding values whose category is missing or undeclared.
pub const UNKNOWN_CATEGORY: &str = "unknown";

/// An indicator definition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Indicator {
    pub code: String,
    pub name: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub definition: Option<Text>,
    pub measure: Measure,
    /// Unit in words (`persons`, `consultations`, `%`).
    pub unit: Text,
    pub direction: Direction,
    pub aggregation: Aggregation,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline: Option<Baseline>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub targets: Vec<Target>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub disaggregation: Vec<Dimension>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub means_of_verification: Vec<Text>,
}

/// Where an indicator stands against its target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    OnTrack,
    AtRisk,
    OffTrack,
    NoData,
    NoTarget,
}

/// Achievement thresholds (fractions of the target) that separate the statuses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Thresholds {
    /// Achievement at or above this is on track.
    pub on_track: Decimal,
    /// Achievement at or above this (and below `on_track`) is at risk; below is off track.
    pub at_risk: Decimal,
}

/// One reported value of a period. For ratio measures `value` is the numerator and
/// `denominator` is required; for other measures `denominator` must be absent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Observation {
    pub period: Period,
    pub value: Decimal,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub denominator: Option<Decimal>,
}

impl Default for Thresholds {
    /// Documented defaults (see the module docs for their source).
    fn default() -> Self {
        Thresholds {
            on_track: Decimal::new(85, 2),
            at_risk: Decimal::new(60, 2),
        }
    }
}

/// The result of setting an actual value against the target of a period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assessment {
    pub period: Period,
    pub target: Option<Decimal>,
    pub actual: Option<Decimal>,
    /// Fraction of the target achieved (1 = 100 %), rounded to 4 decimal places.
    pub achievement: Option<Decimal>,
    pub status: Status,
}

impl Indicator {
    /// Reads one indicator definition from JSON.
    pub fn from_json(json: &str) -> Result<Indicator, MealError> {
        serde_json::from_str(json).map_err(|e| crate::document::malformed(&e))
    }

    /// The target of `period` (the total cell), following the aggregation semantics.
    pub fn target_for(&self, period: &Period) -> Option<Decimal> {
        let _ = period;
        None
    }

    /// The value of `period` from `observations` (of that period or shorter ones), under the
    /// indicator's aggregation semantics; `None` when no observation counts for it.
    /// Error `indicator.observation_mismatch` when an observation's shape does not fit the
    /// measure (a ratio value without denominator, a denominator on a count).
    pub fn actual_for(
        &self,
        period: &Period,
        observations: &[Observation],
    ) -> Result<Option<Decimal>, MealError> {
        let _ = (period, observations);
        Ok(None)
    }

    /// Sets `actual` against the target of `period`.
    pub fn assess(
        &self,
        period: &Period,
        actual: Option<Decimal>,
        thresholds: &Thresholds,
    ) -> Assessment {
        let _ = thresholds;
        Assessment {
            period: *period,
            target: None,
            actual,
            achievement: None,
            status: Status::NoTarget,
        }
    }

    /// Structural findings about this definition, paths prefixed by `path`.
    pub fn validate(&self, path: &str) -> Vec<Finding> {
        let _ = path;
        Vec::new()
    }
}

/// Messages of this module's codes.
pub const MESSAGES: &[Message] = &[];

impl Status {
    /// The snake_case name used in JSON and every binding.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::OnTrack => "on_track",
            Status::AtRisk => "at_risk",
            Status::OffTrack => "off_track",
            Status::NoData => "no_data",
            Status::NoTarget => "no_target",
        }
    }
}
