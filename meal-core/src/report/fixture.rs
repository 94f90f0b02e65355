//! A small hand-built mission for the report's unit tests: one logframe with a count
//! disaggregated by sex, a ratio and a qualitative indicator; figures for 2026Q1 written by hand;
//! one quality row.

use std::collections::BTreeMap;
use std::str::FromStr;

use rust_decimal::Decimal;

use crate::compute::{Figure, Results, RowCounts, Sources};
use crate::error::Severity;
use crate::i18n::Locale;
use crate::indicator::Status;
use crate::logframe::Logframe;
use crate::period::Period;
use crate::quality::{Failure, QualityReport, Score};
use crate::report::{Audience, Scope, Sitrep, SitrepRequest};

pub const LOGFRAME: &str = r#"{
  "format_version": 1,
  "project": {"code": "T", "name": {"en": "Test project", "fr": "Projet test"}},
  "objectives": [
    {"code": "T", "level": "impact", "kind": "operational",
     "title": {"en": "People are healthier", "fr": "Les personnes sont en meilleure santé"},
     "indicators": ["T-1"]},
    {"code": "T.OC1", "level": "outcome", "parent": "T", "kind": "operational",
     "title": {"en": "Care is timely", "fr": "Les soins sont rapides"},
     "indicators": ["T-2", "T-3"]}
  ],
  "indicators": [
    {"code": "T-1", "name": {"en": "Consultations", "fr": "Consultations"},
     "measure": {"kind": "count"}, "unit": {"en": "consultations", "fr": "consultations"},
     "direction": {"kind": "increase"}, "aggregation": "incremental",
     "baseline": {"value": "100", "period": "2025"},
     "targets": [{"period": "2026Q1", "value": "120"}],
     "disaggregation": [{"code": "sex", "name": {"en": "Sex", "fr": "Sexe"},
       "categories": [{"code": "f", "name": {"en": "Female", "fr": "Féminin"}},
                      {"code": "m", "name": {"en": "Male", "fr": "Masculin"}}]}]},
    {"code": "T-2", "name": {"en": "Minors seen within 7 days", "fr": "Mineurs vus sous 7 jours"},
     "measure": {"kind": "ratio", "numerator": {"en": "seen", "fr": "vus"},
                 "denominator": {"en": "new", "fr": "nouveaux"}, "factor": "100"},
     "unit": {"en": "%", "fr": "%"}, "direction": {"kind": "increase"},
     "aggregation": "ratio_of_sums", "targets": [{"period": "2026Q1", "value": "70"}]},
    {"code": "T-3", "name": {"en": "Testimonies of change", "fr": "Témoignages de changement"},
     "measure": {"kind": "qualitative"}, "unit": {"en": "testimonies", "fr": "témoignages"},
     "direction": {"kind": "increase"}, "aggregation": "latest_snapshot"}
  ]
}"#;

pub fn d(text: &str) -> Decimal {
    Decimal::from_str(text).unwrap()
}

pub fn q1() -> Period {
    Period::parse("2026Q1").unwrap()
}

pub fn logframe() -> Logframe {
    Logframe::from_json(LOGFRAME).unwrap().value
}

#[allow(clippy::too_many_arguments)]
pub fn figure(
    indicator: &str,
    cell: &[(&str, &str)],
    value: Option<&str>,
    target: Option<&str>,
    achievement: Option<&str>,
    status: Status,
    matched: u64,
) -> Figure {
    Figure {
        indicator: indicator.into(),
        period: q1(),
        cell: cell
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect(),
        value: value.map(d),
        numerator: None,
        denominator: None,
        target: target.map(d),
        achievement: achievement.map(d),
        status,
        rows: RowCounts {
            in_window: matched,
            matched,
            without_value: 0,
        },
    }
}

pub fn results() -> Results {
    Results {
        periods: vec![q1()],
        figures: vec![
            figure(
                "T-1",
                &[],
                Some("112"),
                Some("120"),
                Some("0.9333"),
                Status::OnTrack,
                112,
            ),
            figure(
                "T-1",
                &[("sex", "f")],
                Some("70"),
                None,
                None,
                Status::NoTarget,
                70,
            ),
            figure(
                "T-1",
                &[("sex", "m")],
                Some("39"),
                None,
                None,
                Status::NoTarget,
                39,
            ),
            figure(
                "T-1",
                &[("sex", "unknown")],
                Some("3"),
                None,
                None,
                Status::NoTarget,
                3,
            ),
            figure(
                "T-2",
                &[],
                Some("75.5"),
                Some("70"),
                Some("1.0786"),
                Status::OnTrack,
                200,
            ),
            figure("X-9", &[], Some("4"), None, None, Status::NoTarget, 4),
        ],
        sources: Sources {
            rows_read: 500,
            rows_without_date: 1,
            documents: BTreeMap::from([("logframe T".into(), "sha256:0123456789abcdef".into())]),
            engine: "meal 0.1.0".into(),
        },
        findings: Vec::new(),
    }
}

pub fn quality() -> QualityReport {
    QualityReport {
        rows_checked: 501,
        rows_rejected: 1,
        rows_unplaced: 0,
        scorecard: vec![Score {
            project: Some("T".into()),
            site: Some("centre".into()),
            period: Period::parse("202601").unwrap(),
            records: 300,
            completeness: Some(d("0.9876")),
            required_cells: 2500,
            required_filled: 2469,
            reports_expected: 3,
            reports_received: 3,
            reports_on_time: 2,
            timeliness: Some(d("0.6667")),
            duplicates: 2,
            rule_violations: 1,
            outliers: 0,
            invalid_numerics: 1,
        }],
        failures: vec![Failure {
            check: "duplicate".into(),
            code: "quality.duplicate".into(),
            severity: Severity::Warning,
            project: Some("T".into()),
            site: Some("centre".into()),
            period: Some(Period::parse("202601").unwrap()),
            row: Some(7),
            column: None,
            value: None,
            params: BTreeMap::new(),
        }],
    }
}

pub fn sitrep(audience: Audience, locale: Locale) -> Sitrep {
    let request = SitrepRequest::new(Scope::Project("T".into()), q1(), audience, locale);
    Sitrep::build(&[logframe()], &results(), Some(&quality()), &request).unwrap()
}
