//! What this library carries of an IATI 2.03 activity file: the activity's required parts
//! (the schema makes `iati-identifier`, `reporting-org`, `title`, `description`,
//! `participating-org`, `activity-status` and `activity-date` mandatory) and its results
//! (reference/logframes-indicators.md §2). Codes are IATI codelist codes, kept as numbers.

use chrono::{DateTime, FixedOffset, NaiveDate};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::period::Period;
use crate::text::Text;

/// The reporting organisation (`reporting-org`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Organisation {
    /// The organisation identifier (`FR-RNA-W751234567`).
    #[serde(rename = "ref")]
    pub reference: String,
    /// OrganisationType code (`21` international NGO).
    #[serde(rename = "type")]
    pub kind: String,
    pub name: Text,
}

/// What an export needs besides the logframes and figures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IatiRequest {
    pub organisation: Organisation,
    /// Activity identifiers are `{prefix}-{project code}`; the prefix starts with the
    /// organisation identifier, as IATI asks.
    pub activity_prefix: String,
    /// `iati-activities/@generated-datetime` (given, so exports are reproducible).
    pub generated: DateTime<FixedOffset>,
    /// The periods whose targets and actuals are exported (each an IATI `period`).
    pub periods: Vec<Period>,
    /// Disclosure threshold `k` for the actuals: an IATI file is public, so the figures pass
    /// the external SITREP's disclosure control (`report::protect`: cells under `k` and the
    /// cells that would reveal them are left out, crossed cells are never published).
    /// Default [`crate::report::DEFAULT_THRESHOLD`], the SITREP's; 0 is refused
    /// (`disclosure.bad_threshold`).
    #[serde(default = "default_threshold")]
    pub threshold: u64,
}

fn default_threshold() -> u64 {
    crate::report::DEFAULT_THRESHOLD
}

/// `iati-activities`: one activity per logframe.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Activities {
    pub generated: DateTime<FixedOffset>,
    pub activities: Vec<Activity>,
}

/// One `iati-activity` with what this library carries of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Activity {
    pub identifier: String,
    /// The reporting organisation; the export also names it the implementing
    /// `participating-org` (role 4), which reading does not keep.
    pub organisation: Organisation,
    pub title: Text,
    /// The general `description` (type 1).
    pub description: Text,
    /// ActivityStatus code (`2` implementation).
    pub status: u8,
    /// The `activity-date`s (the schema asks for at least one).
    pub dates: Vec<ActivityDate>,
    pub results: Vec<IatiResult>,
}

/// An `activity-date`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivityDate {
    /// ActivityDateType code (1 planned start, 2 actual start, 3 planned end, 4 actual end).
    #[serde(rename = "type")]
    pub kind: u8,
    pub iso_date: NaiveDate,
}

/// One `result`: a logframe objective (impact 3, outcome 2, output 1, activity 9 other).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IatiResult {
    /// ResultType code.
    pub result_type: u8,
    pub aggregation_status: bool,
    pub title: Text,
    pub indicators: Vec<IatiIndicator>,
}

/// One `indicator` of a result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IatiIndicator {
    /// IndicatorMeasure code (1 unit, 2 percentage, 3 nominal, 4 ordinal, 5 qualitative).
    pub measure: u8,
    /// `None` for `maintain` (no better direction).
    pub ascending: Option<bool>,
    pub aggregation_status: bool,
    /// The logframe indicator code (reference vocabulary 99); empty when the indicator has no
    /// such reference.
    pub code: String,
    pub title: Text,
    pub baseline: Option<IatiBaseline>,
    pub periods: Vec<IatiPeriod>,
}

/// A `baseline`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IatiBaseline {
    pub year: i32,
    pub iso_date: Option<NaiveDate>,
    pub value: Option<Decimal>,
}

/// A `period` with its targets and actuals (the total, then one per disaggregation cell).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IatiPeriod {
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub targets: Vec<IatiValue>,
    pub actuals: Vec<IatiValue>,
}

/// A `target` or `actual`: a value and the `dimension`s of its cell (none for the total).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IatiValue {
    pub value: Option<Decimal>,
    /// (dimension name, value), in the cell's dimension order.
    pub dimensions: Vec<(String, String)>,
}
