//! Data quality of a loaded input: `QualityChecks` (which columns place a record, what is
//! expected, which rules and outlier tests apply), `checkQuality` and the `QualityReport`
//! (a scorecard per project, site and period, and one row per failing check).
//!
//! The report crosses as an object with `toJson`: its scorecard and failures are a document a
//! dashboard or a sync reads as JSON, and the same object goes to `Sitrep.build`.

use std::sync::Arc;

use meal_core::{quality, report};

use crate::data::{Loaded, Schema};
use crate::error::Result;
use crate::logframe::Finding;
use crate::period::Period;
use crate::types::Timestamp;

/// The quality-checks document. Immutable.
#[derive(Debug, uniffi::Object)]
pub struct QualityChecks {
    checks: quality::Checks,
    reading: Vec<meal_core::Finding>,
}

#[uniffi::export]
impl QualityChecks {
    /// Reads a quality-checks document. Errors `json.malformed`, `document.*`.
    #[uniffi::constructor]
    pub fn from_json(json: String) -> Result<Arc<QualityChecks>> {
        let parsed = quality::Checks::from_json(&json)?;
        Ok(Arc::new(QualityChecks {
            checks: parsed.value,
            reading: parsed.findings,
        }))
    }

    /// Problems noticed while reading the document, messages in `locale`.
    pub fn findings(&self, locale: String) -> Vec<Finding> {
        Finding::all_from_core(self.reading.clone(), &locale)
    }

    /// Every problem of the checks for a table of `schema` (a column that is absent or of the
    /// wrong type…), sorted by path then code, messages in `locale`; `checkQuality` throws on
    /// the first blocking one.
    pub fn check_against(&self, schema: Arc<Schema>, locale: String) -> Vec<Finding> {
        Finding::all_from_core(self.checks.check_against(schema.core()), &locale)
    }
}

/// The result of every check over a loaded input. Immutable.
#[derive(Debug, uniffi::Object)]
pub struct QualityReport(quality::QualityReport);

impl QualityReport {
    pub(crate) fn core(&self) -> &quality::QualityReport {
        &self.0
    }
}

#[uniffi::export]
impl QualityReport {
    /// Reads a report written by `toJson`. Errors `json.malformed`, `document.invalid`.
    #[uniffi::constructor]
    pub fn from_json(json: String) -> Result<Arc<QualityReport>> {
        Ok(Arc::new(QualityReport(report::render::from_json(
            &json,
            "quality_report",
        )?)))
    }

    /// Rows checked: the loaded rows plus the rejected ones (which count as invalid).
    pub fn rows_checked(&self) -> u64 {
        self.0.rows_checked
    }

    /// Rows the loader rejected (reported as failures, in no scorecard row).
    pub fn rows_rejected(&self) -> u64 {
        self.0.rows_rejected
    }

    /// Loaded rows whose date has no period of the checks' type (`quality.unplaced`).
    pub fn rows_unplaced(&self) -> u64 {
        self.0.rows_unplaced
    }

    /// The part of the report inside `period`, for one `project` when given (failures
    /// without a period are left out, and the view's `rowsChecked` is its records).
    #[uniffi::method(default(project = None))]
    pub fn within(&self, period: Arc<Period>, project: Option<String>) -> Arc<QualityReport> {
        Arc::new(QualityReport(self.0.within(&period.0, project.as_deref())))
    }

    /// The totals a SITREP shows, as JSON text: rows, completeness, reporting rate,
    /// timeliness, counts per check, and `failures: [{check, code, severity, count}]`.
    pub fn summary_json(&self) -> String {
        serde_json::to_string(&self.0.summary()).unwrap_or_default()
    }

    /// The number of failing checks.
    pub fn failure_count(&self) -> u64 {
        crate::data::count(self.0.failures.len())
    }

    /// The report as JSON text: `{rows_checked, rows_rejected, rows_unplaced, scorecard,
    /// failures}`.
    pub fn to_json(&self) -> String {
        serde_json::to_string(&self.0).unwrap_or_default()
    }
}

/// Runs `checks` over `loaded` (its rejected rows count as invalid); `now` (RFC 3339 with
/// offset) is the clock for expected reports and expressions. Errors: the first blocking
/// finding of `QualityChecks.checkAgainst` (as its code), `period.date_out_of_range`,
/// `input.date_time`.
#[uniffi::export]
pub fn check_quality(
    loaded: Arc<Loaded>,
    checks: Arc<QualityChecks>,
    now: Timestamp,
) -> Result<Arc<QualityReport>> {
    Ok(Arc::new(QualityReport(quality::check(
        &loaded.to_core(),
        &checks.checks,
        now,
    )?)))
}
