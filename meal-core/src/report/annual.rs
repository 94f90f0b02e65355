//! The annual report: each indicator over the year and its four quarters, with target,
//! achievement and status per column, its disaggregations per column, the indicators not
//! computed, the data-quality summary of the year and the provenance of the figures.
//!
//! The figures of the year and of its quarters come from one `Results` computed for those five
//! periods (so the year is the indicator's own aggregation over the year — a running total, a
//! latest value or a ratio of sums — never a sum of the quarter columns the report adds up).
//! The content is built by the same rules as the SITREP (`content.rs`, `protect.rs`);
//! disclosure control runs per column.
//!
//! | code | raised when |
//! |---|---|
//! | `report.bad_year` | the year has no DHIS2 period id (outside 1000–9999) |

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
use crate::report::sitrep::DEFAULT_THRESHOLD;
use crate::report::{Audience, Format, Rendered, Scope};

fn default_threshold() -> u64 {
    DEFAULT_THRESHOLD
}

/// What to report for a year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnnualRequest {
    pub scope: Scope,
    pub year: i32,
    pub audience: Audience,
    pub locale: Locale,
    /// As `SitrepRequest::threshold`.
    #[serde(default = "default_threshold")]
    pub threshold: u64,
}

impl AnnualRequest {
    /// A request with the default threshold.
    pub fn new(scope: Scope, year: i32, audience: Audience, locale: Locale) -> Self {
        AnnualRequest {
            scope,
            year,
            audience,
            locale,
            threshold: DEFAULT_THRESHOLD,
        }
    }

    /// Reads a request from JSON (as `SitrepRequest::from_json`, with `year` for `period`).
    pub fn from_json(json: &str) -> Result<AnnualRequest, MealError> {
        render::from_json(json, "annual_request")
    }

    /// The year and its quarters, in that order: the report's columns.
    pub fn periods(&self) -> Result<Vec<Period>, MealError> {
        let bad = || MealError::new("report.bad_year").with("year", self.year);
        if !(1000..=9999).contains(&self.year) {
            return Err(bad());
        }
        let mut periods = vec![Period::parse(&self.year.to_string()).map_err(|_| bad())?];
        for quarter in 1..=4 {
            periods.push(Period::parse(&format!("{}Q{quarter}", self.year)).map_err(|_| bad())?);
        }
        Ok(periods)
    }
}

/// An annual report, ready to render.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnnualReport {
    pub request: AnnualRequest,
    /// The title in the request's language.
    pub title: String,
    pub content: Content,
}

impl AnnualReport {
    /// Builds the annual report from figures computed for the year and its quarters. Errors:
    /// `report.bad_year`, and those of `Sitrep::build`.
    pub fn build(
        logframes: &[Logframe],
        results: &Results,
        quality: Option<&QualityReport>,
        request: &AnnualRequest,
    ) -> Result<AnnualReport, MealError> {
        let periods = request.periods()?;
        let spec = Spec {
            scope: &request.scope,
            periods: periods.clone(),
            audience: request.audience,
            locale: request.locale,
            threshold: request.threshold,
        };
        let content = content::build(logframes, results, quality, &spec)?;
        let year = periods
            .first()
            .cloned()
            .ok_or_else(|| MealError::new("report.bad_year").with("year", request.year))?;
        let title = render::title(
            Kind::Annual,
            &request.scope,
            &content,
            &year,
            request.locale,
        );
        Ok(AnnualReport {
            request: request.clone(),
            title,
            content,
        })
    }

    /// The report in `format`. Errors only from the writers (`report.render_failed`).
    pub fn render(&self, format: Format) -> Result<Rendered, MealError> {
        if format == Format::Json {
            return render::json(self);
        }
        let Some(year) = self.content.periods.first() else {
            return Err(MealError::new("report.render_failed").with("detail", "no period"));
        };
        render::render(
            &View {
                kind: Kind::Annual,
                title: &self.title,
                scope: &self.request.scope,
                span: year,
                audience: self.request.audience,
                locale: self.request.locale,
                content: &self.content,
            },
            format,
        )
    }
}

/// Messages of the codes this file raises.
pub const MESSAGES: &[Message] = &[Message {
    code: "report.bad_year",
    en: "There is no annual report for year {year}: years run from 1000 to 9999",
    fr: "Il n’y a pas de rapport annuel pour l’année {year} : les années vont de 1000 à 9999",
}];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::indicator::Status;
    use crate::report::fixture::{figure, logframe, results};

    /// T-1 over 2026 and its quarters: Q1 112 of 120, Q2 90 of 120, nothing after; the year
    /// 202 of 480. Values written by hand.
    fn annual_results() -> Results {
        let mut results = results();
        let periods: Vec<Period> = ["2026", "2026Q1", "2026Q2", "2026Q3", "2026Q4"]
            .iter()
            .map(|p| Period::parse(p).unwrap())
            .collect();
        results.periods = periods.clone();
        let mut year = figure(
            "T-1",
            &[],
            Some("202"),
            Some("480"),
            Some("0.4208"),
            Status::OffTrack,
            202,
        );
        year.period = periods[0];
        let mut q2 = figure(
            "T-1",
            &[],
            Some("90"),
            Some("120"),
            Some("0.75"),
            Status::AtRisk,
            90,
        );
        q2.period = periods[2];
        let mut q3 = figure("T-1", &[], None, Some("120"), None, Status::NoData, 0);
        q3.period = periods[3];
        results
            .figures
            .retain(|f| f.indicator == "T-1" && f.cell.is_empty());
        results.figures.extend([year, q2, q3]);
        results
    }

    #[test]
    fn the_year_and_its_quarters_are_the_columns() {
        let request = AnnualRequest::new(
            Scope::Project("T".into()),
            2026,
            Audience::Internal,
            Locale::En,
        );
        let report = AnnualReport::build(&[logframe()], &annual_results(), None, &request).unwrap();
        assert_eq!(report.title, "Annual report — T — Test project — 2026");
        let text = String::from_utf8(report.render(Format::Markdown).unwrap().bytes).unwrap();
        assert!(text.contains(
            "| Code | Indicator | Unit | Baseline | 2026 | 2026Q1 | 2026Q2 | 2026Q3 | 2026Q4 |"
        ));
        assert!(text.contains(
            "| T-1 | Consultations | consultations | 100 (2025) | 202 / 480 · 42.1% · ✗ off track | 112 / 120 · 93.3% · ✓ on track | 90 / 120 · 75.0% · ! at risk | — / 120 · — · ∅ no data | — |"
        ), "{text}");
        // T-2 has no figure in any column: listed, not dropped.
        assert_eq!(report.content.projects[0].not_computed[0].code, "T-2");
    }

    #[test]
    fn a_year_without_its_quarters_or_out_of_range_is_refused() {
        let request = AnnualRequest::new(Scope::Mission, 2026, Audience::Internal, Locale::En);
        let error = AnnualReport::build(&[logframe()], &results(), None, &request).unwrap_err();
        assert_eq!(error.code, "report.period_not_computed");
        let request = AnnualRequest::new(Scope::Mission, 99_999, Audience::Internal, Locale::En);
        let error = AnnualReport::build(&[logframe()], &results(), None, &request).unwrap_err();
        assert_eq!(error.code, "report.bad_year");
    }
}
