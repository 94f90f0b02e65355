//! The SITREP of a project or the whole mission for a period.
//!
//! CONTRACT — Owner: report helper.

use serde::{Deserialize, Serialize};

use crate::compute::Results;
use crate::error::MealError;
use crate::i18n::{Locale, Message};
use crate::logframe::Logframe;
use crate::period::Period;
use crate::quality::QualityReport;
use crate::report::{Format, Rendered};

/// Who will read the report. External reports have small disaggregation cells suppressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Audience {
    Internal,
    External,
}

/// One project (its code) or the whole mission.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    Project(String),
    Mission,
}

/// What to report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SitrepRequest {
    pub scope: Scope,
    pub period: Period,
    pub audience: Audience,
    pub locale: Locale,
}

/// A SITREP, ready to render.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sitrep {
    pub request: SitrepRequest,
}

impl Sitrep {
    /// Builds the SITREP from computed figures and (optionally) the quality report.
    pub fn build(
        logframes: &[Logframe],
        results: &Results,
        quality: Option<&QualityReport>,
        request: &SitrepRequest,
    ) -> Result<Sitrep, MealError> {
        let _ = (logframes, results, quality);
        Ok(Sitrep {
            request: request.clone(),
        })
    }

    /// The SITREP in `format`.
    pub fn render(&self, format: Format) -> Result<Rendered, MealError> {
        let _ = format;
        Err(MealError::new("report.not_implemented"))
    }
}

/// Messages of the codes this file raises.
pub const MESSAGES: &[Message] = &[];
