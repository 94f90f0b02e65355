//! Data quality of a loaded input: `QualityChecks` (which columns place a record, what is
//! expected, which rules and outlier tests apply), `checkQuality` and the `QualityReport`
//! (a scorecard per project, site and period, and one row per failing check).
//!
//! The report crosses as an object with `toJson`: its scorecard and failures are a document a
//! dashboard or a sync reads as JSON, and the same object goes to `Sitrep.build`.

use std::sync::Arc;

use meal_core::quality;

use crate::compute::read_json;
use crate::data::Loaded;
use crate::error::Result;
use crate::logframe::Finding;
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
        Ok(Arc::new(QualityReport(read_json(&json, "quality_report")?)))
    }

    /// Rows checked: the loaded rows plus the rejected ones (which count as invalid).
    pub fn rows_checked(&self) -> u64 {
        self.0.rows_checked
    }

    /// The number of failing checks.
    pub fn failure_count(&self) -> u64 {
        crate::data::count(self.0.failures.len())
    }

    /// The report as JSON text: `{rows_checked, scorecard: [...], failures: [...]}`.
    pub fn to_json(&self) -> String {
        serde_json::to_string(&self.0).unwrap_or_default()
    }
}

/// Runs `checks` over `loaded` (its rejected rows count as invalid); `now` (RFC 3339 with
/// offset) is the clock for timeliness and expressions. Errors those of the checks,
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
