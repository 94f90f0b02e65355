//! Reports: the SITREP of a period and the annual report, built from `Results` (and a
//! `QualityReport`), rendered to Markdown, HTML, CSV, JSON or XLSX.
//!
//! `render(format)` gives a `Rendered` record — bytes, media type and extension, as the core
//! gives them — rather than a `String` for some formats and bytes for others: an app writes the
//! bytes to a file or shares them with their media type whatever the format, and text formats
//! are UTF-8 (`rendered.bytes.decodeToString()` in Kotlin, `String(decoding:as:)` in Swift).
//! The request is JSON text (`{"scope": "mission" | {"project": "IDF"}, "period" | "year",
//! "audience": "internal" | "external", "locale", "threshold"?}`), as every binding takes it.

use std::sync::Arc;

use meal_core::report::{self, Format};

use crate::compute::Results;
use crate::error::Result;
use crate::logframe::Logframe;
use crate::quality::QualityReport;

/// An output format.
#[uniffi::remote(Enum)]
pub enum Format {
    Markdown,
    Html,
    Csv,
    Json,
    Xlsx,
}

/// A rendered report.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Rendered {
    /// The file: UTF-8 text for every format but XLSX.
    pub bytes: Vec<u8>,
    /// `text/markdown`, `text/html`, `text/csv`, `application/json`, or the XLSX type.
    pub media_type: String,
    /// The file extension, without the dot.
    pub extension: String,
}

impl From<report::Rendered> for Rendered {
    fn from(rendered: report::Rendered) -> Self {
        Rendered {
            bytes: rendered.bytes,
            media_type: rendered.media_type.to_owned(),
            extension: rendered.extension.to_owned(),
        }
    }
}

fn core_logframes(logframes: &[Arc<Logframe>]) -> Vec<meal_core::logframe::Logframe> {
    logframes.iter().map(|l| l.core().clone()).collect()
}

/// The SITREP of a project or the whole mission for a period. Immutable.
#[derive(Debug, uniffi::Object)]
pub struct Sitrep(report::Sitrep);

#[uniffi::export]
impl Sitrep {
    /// Builds the SITREP of `requestJson` from the figures and (optionally) the quality
    /// report. Errors `json.malformed`, `document.invalid` (the request),
    /// `report.unknown_project`, `report.period_not_computed`, `disclosure.bad_threshold`.
    #[uniffi::constructor]
    pub fn build(
        logframes: Vec<Arc<Logframe>>,
        results: Arc<Results>,
        quality: Option<Arc<QualityReport>>,
        request_json: String,
    ) -> Result<Arc<Sitrep>> {
        let request = report::SitrepRequest::from_json(&request_json)?;
        Ok(Arc::new(Sitrep(report::Sitrep::build(
            &core_logframes(&logframes),
            results.core(),
            quality.as_ref().map(|q| q.core()),
            &request,
        )?)))
    }

    /// The title, in the request's language.
    pub fn title(&self) -> String {
        self.0.title.clone()
    }

    /// The SITREP in `format`. Error `report.render_failed`.
    pub fn render(&self, format: Format) -> Result<Rendered> {
        Ok(self.0.render(format)?.into())
    }
}

/// The annual report: each indicator over the year and its quarters. Immutable.
#[derive(Debug, uniffi::Object)]
pub struct AnnualReport(report::AnnualReport);

#[uniffi::export]
impl AnnualReport {
    /// Builds the annual report of `requestJson` (with `year`) from figures computed for the
    /// year and its quarters. Errors `json.malformed`, `document.invalid`, `report.bad_year`,
    /// and those of `Sitrep.build`.
    #[uniffi::constructor]
    pub fn build(
        logframes: Vec<Arc<Logframe>>,
        results: Arc<Results>,
        quality: Option<Arc<QualityReport>>,
        request_json: String,
    ) -> Result<Arc<AnnualReport>> {
        let request = report::AnnualRequest::from_json(&request_json)?;
        Ok(Arc::new(AnnualReport(report::AnnualReport::build(
            &core_logframes(&logframes),
            results.core(),
            quality.as_ref().map(|q| q.core()),
            &request,
        )?)))
    }

    /// The title, in the request's language.
    pub fn title(&self) -> String {
        self.0.title.clone()
    }

    /// The report in `format`. Error `report.render_failed`.
    pub fn render(&self, format: Format) -> Result<Rendered> {
        Ok(self.0.render(format)?.into())
    }
}
