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
            periods: vec![request.period],
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Finding;
    use crate::report::fixture::{logframe, q1, quality, results, sitrep};
    use serde_json::Value;

    #[test]
    fn a_request_reads_from_json_with_the_default_threshold() {
        let request = SitrepRequest::from_json(
            r#"{"scope": {"project": "T"}, "period": "2026Q1", "audience": "external", "locale": "fr"}"#,
        )
        .unwrap();
        assert_eq!(request.threshold, 5);
        assert_eq!(request.scope, Scope::Project("T".into()));
        let mission =
            SitrepRequest::from_json(r#"{"scope": "mission", "period": "2026Q1", "audience": "internal", "locale": "en", "threshold": 3}"#)
                .unwrap();
        assert_eq!((mission.scope, mission.threshold), (Scope::Mission, 3));
        let bad = SitrepRequest::from_json(r#"{"scope": "mission"}"#).unwrap_err();
        assert_eq!(bad.code, "document.invalid");
    }

    #[test]
    fn an_unknown_project_or_period_is_an_error_not_an_empty_report() {
        let request = SitrepRequest::new(
            Scope::Project("ZZ".into()),
            q1(),
            Audience::Internal,
            Locale::En,
        );
        let error = Sitrep::build(&[logframe()], &results(), None, &request).unwrap_err();
        assert_eq!(error.code, "report.unknown_project");
        let request = SitrepRequest::new(
            Scope::Mission,
            Period::parse("2026Q2").unwrap(),
            Audience::Internal,
            Locale::En,
        );
        let error = Sitrep::build(&[logframe()], &results(), None, &request).unwrap_err();
        assert_eq!(error.code, "report.period_not_computed");
        assert_eq!(error.params["period"], "2026Q2");
    }

    #[test]
    fn the_computation_s_reason_explains_a_missing_indicator() {
        let mut results = results();
        results.findings.push(
            Finding::warning("indicator.not_quantitative", "/recipes/T-3")
                .with("code", "T-3")
                .with("measure", "qualitative"),
        );
        results.findings.push(
            Finding::warning("report.no_figure", "")
                .with("indicator", "Q-1")
                .with("measure", "count"),
        );
        let request = SitrepRequest::new(Scope::Mission, q1(), Audience::Internal, Locale::En);
        let report = Sitrep::build(&[logframe()], &results, Some(&quality()), &request).unwrap();
        let missing = &report.content.projects[0].not_computed[0];
        assert_eq!(missing.code, "T-3");
        assert_eq!(missing.reasons.len(), 1);
        assert_eq!(missing.reasons[0].code, "indicator.not_quantitative");
        // A finding about an indicator no logframe defines is a report note, not lost.
        assert!(report
            .content
            .notes
            .iter()
            .any(|n| n.indicator.as_deref() == Some("Q-1")));
    }

    #[test]
    fn external_json_marks_suppressed_cells_and_holds_no_hidden_value() {
        let rendered = sitrep(Audience::External, Locale::En)
            .render(Format::Json)
            .unwrap();
        let text = String::from_utf8(rendered.bytes).unwrap();
        assert!(!text.contains("39"), "the hidden count appears nowhere");
        let json: Value = serde_json::from_str(&text).unwrap();
        let categories = &json["content"]["projects"][0]["groups"][0]["indicators"][0]
            ["disaggregations"][0]["categories"];
        assert_eq!(categories[1]["category"], "m");
        assert_eq!(categories[1]["entries"][0]["state"], "suppressed");
        assert_eq!(categories[1]["entries"][0]["value"], Value::Null);
        assert_eq!(categories[0]["entries"][0]["value"], "70");
        assert_eq!(json["content"]["disclosure"]["threshold"], 5);
        assert_eq!(json["content"]["disclosure"]["suppressed_entries"], 2);
        // The JSON reads back into the same model.
        let back: Sitrep = serde_json::from_str(&text).unwrap();
        assert_eq!(back, sitrep(Audience::External, Locale::En));
    }
}
