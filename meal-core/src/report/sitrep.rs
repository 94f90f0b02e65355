//! The SITREP of a project or the whole mission for a period: each indicator's value, target,
//! achievement and status grouped by objective, its disaggregations, the indicators not
//! computed, the data-quality summary and the provenance of the figures — with disclosure
//! control when the audience is external.
//!
//! The model is built once ([`Sitrep::build`], see `content.rs` for the rules and `protect.rs`
//! for disclosure control) and rendered to any [`Format`]; its serde form is the JSON
//! rendering. `SitrepRequest` is plain data so that bindings read it from JSON.
//!
//! This file raises no code of its own: building raises those of `content.rs`, rendering those
//! of `render.rs`.

use serde::{Deserialize, Serialize};

use crate::compute::Results;
use crate::error::MealError;
use crate::i18n::{Locale, Message};
use crate::logframe::Logframe;
use crate::period::Period;
use crate::quality::QualityReport;
use crate::report::content::{self, Spec};
use crate::report::model::Content;
use crate::report::render::{self, Kind, View};
use crate::report::{Format, Rendered};

/// The mission's threshold for public tables: counts below 5 are hidden
/// (`reference/gdpr-feedback.md` §6.1 items 3 and 11).
pub const DEFAULT_THRESHOLD: u64 = 5;

fn default_threshold() -> u64 {
    DEFAULT_THRESHOLD
}

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
    /// External reports hide disaggregation cells counting fewer than this many persons or
    /// records. Default [`DEFAULT_THRESHOLD`]; must be ≥ 1. Ignored for internal reports.
    #[serde(default = "default_threshold")]
    pub threshold: u64,
}

impl SitrepRequest {
    /// A request with the default threshold.
    pub fn new(scope: Scope, period: Period, audience: Audience, locale: Locale) -> Self {
        SitrepRequest {
            scope,
            period,
            audience,
            locale,
            threshold: DEFAULT_THRESHOLD,
        }
    }

    /// Reads a request from JSON (`{"scope": "mission" | {"project": "IDF"}, "period",
    /// "audience", "locale", "threshold"?}`). Errors `json.malformed`, `document.invalid`.
    pub fn from_json(json: &str) -> Result<SitrepRequest, MealError> {
        render::from_json(json, "sitrep_request")
    }
}

/// A SITREP, ready to render.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sitrep {
    pub request: SitrepRequest,
    /// The title in the request's language.
    pub title: String,
    pub content: Content,
}

impl Sitrep {
    /// Builds the SITREP from computed figures and (optionally) the quality report. Errors:
    /// `report.unknown_project`, `report.period_not_computed`, `disclosure.bad_threshold`.
    pub fn build(
        logframes: &[Logframe],
        results: &Results,
        quality: Option<&QualityReport>,
        request: &SitrepRequest,
    ) -> Result<Sitrep, MealError> {
        let spec = Spec {
            scope: &request.scope,
            periods: vec![request.period.clone()],
            audience: request.audience,
            locale: request.locale,
            threshold: request.threshold,
        };
        let content = content::build(logframes, results, quality, &spec)?;
        let title = render::title(
            Kind::Sitrep,
            &request.scope,
            &content,
            &request.period,
            request.locale,
        );
        Ok(Sitrep {
            request: request.clone(),
            title,
            content,
        })
    }

    /// The SITREP in `format`. Errors only from the writers (`report.render_failed`).
    pub fn render(&self, format: Format) -> Result<Rendered, MealError> {
        if format == Format::Json {
            return render::json(self);
        }
        render::render(&self.view(), format)
    }

    fn view(&self) -> View<'_> {
        View {
            kind: Kind::Sitrep,
            title: &self.title,
            scope: &self.request.scope,
            span: &self.request.period,
            audience: self.request.audience,
            locale: self.request.locale,
            content: &self.content,
        }
    }
}

/// Messages of the codes this file raises (none: see the module docs).
pub const MESSAGES: &[Message] = &[];
