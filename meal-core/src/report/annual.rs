//! The annual report: each indicator over the year and its quarters.
//!
//! CONTRACT — Owner: report helper.

use serde::{Deserialize, Serialize};

use crate::compute::Results;
use crate::error::MealError;
use crate::i18n::{Locale, Message};
use crate::logframe::Logframe;
use crate::quality::QualityReport;
use crate::report::{Audience, Format, Rendered, Scope};

/// What to report for a year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnnualRequest {
    pub scope: Scope,
    pub year: i32,
    pub audience: Audience,
    pub locale: Locale,
}

/// An annual report, ready to render.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnnualReport {
    pub request: AnnualRequest,
}

impl AnnualReport {
    /// Builds the annual report from figures computed for the year and its quarters.
    pub fn build(
        logframes: &[Logframe],
        results: &Results,
        quality: Option<&QualityReport>,
        request: &AnnualRequest,
    ) -> Result<AnnualReport, MealError> {
        let _ = (logframes, results, quality);
        Ok(AnnualReport {
            request: request.clone(),
        })
    }

    /// The report in `format`.
    pub fn render(&self, format: Format) -> Result<Rendered, MealError> {
        let _ = format;
        Err(MealError::new("report.not_implemented"))
    }
}

/// Messages of the codes this file raises.
pub const MESSAGES: &[Message] = &[];
