//! What a SITREP shows of a quality report: totals over the scorecard, and failures counted per
//! check and code.
//!
//! Shares are recomputed from their parts (Σ filled / Σ cells, Σ on time / Σ expected), never
//! averaged from the rows' rounded shares, so the mission's completeness is exact before its
//! one rounding (4 decimals, half to even). [`QualityReport::within`] cuts a report to a period
//! (a SITREP's quarter) and optionally a project before summarising it.

use rust_decimal::Decimal;
use serde::Serialize;

use crate::error::Severity;
use crate::period::Period;
use crate::quality::completeness::share;
use crate::quality::QualityReport;

/// Totals of a quality report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Rows checked (loaded and rejected).
    pub rows_checked: u64,
    pub rows_rejected: u64,
    pub rows_unplaced: u64,
    /// Records counted in the scorecard.
    pub records: u64,
    pub required_cells: u64,
    pub required_filled: u64,
    /// Σ filled / Σ cells.
    pub completeness: Option<Decimal>,
    pub reports_expected: u64,
    /// Expected reports that were received.
    pub reports_received: u64,
    pub reports_on_time: u64,
    /// Expected reports received / expected (DHIS2's reporting rate).
    pub reporting_rate: Option<Decimal>,
    /// Expected reports on time / expected, over the rows that measure timeliness.
    pub timeliness: Option<Decimal>,
    pub duplicates: u64,
    pub rule_violations: u64,
    pub outliers: u64,
    /// Invalid numerics among loaded records plus rejected rows' invalid numbers.
    pub invalid_numerics: u64,
    /// Failures per check and code, sorted by check then code.
    pub failures: Vec<FailureCount>,
}

/// How many failures one check raised with one code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FailureCount {
    pub check: String,
    pub code: String,
    pub severity: Severity,
    pub count: u64,
}

impl QualityReport {
    /// The totals a SITREP shows.
    pub fn summary(&self) -> Summary {
        let mut summary = Summary {
            rows_checked: self.rows_checked,
            rows_rejected: self.rows_rejected,
            rows_unplaced: self.rows_unplaced,
            records: 0,
            required_cells: 0,
            required_filled: 0,
            completeness: None,
            reports_expected: 0,
            reports_received: 0,
            reports_on_time: 0,
            reporting_rate: None,
            timeliness: None,
            duplicates: 0,
            rule_violations: 0,
            outliers: 0,
            invalid_numerics: 0,
            failures: Vec::new(),
        };
        let mut timed_expected = 0u64;
        for score in &self.scorecard {
            summary.records += score.records;
            summary.required_cells += score.required_cells;
            summary.required_filled += score.required_filled;
            summary.reports_expected += score.reports_expected;
            summary.reports_received += score.reports_expected.min(score.reports_received);
            summary.reports_on_time += score.reports_on_time;
            if score.timeliness.is_some() {
                timed_expected += score.reports_expected;
            }
            summary.duplicates += score.duplicates;
            summary.rule_violations += score.rule_violations;
            summary.outliers += score.outliers;
        }
        summary.completeness = share(summary.required_filled, summary.required_cells);
        summary.reporting_rate = share(summary.reports_received, summary.reports_expected);
        summary.timeliness = share(summary.reports_on_time, timed_expected);
        summary.invalid_numerics = self
            .failures
            .iter()
            .filter(|f| f.check == "invalid_numeric")
            .count() as u64;
        summary.failures = failure_counts(self);
        summary
    }

    /// The part of the report inside `period` (scorecard rows and failures whose period lies
    /// within it), for one project when given. Failures without a period (rejected rows,
    /// unplaced rows) belong to no period and are left out, as are the row totals: the view's
    /// `rows_checked` is its records.
    pub fn within(&self, period: &Period, project: Option<&str>) -> QualityReport {
        let inside = |p: Option<&Period>, of: Option<&str>| {
            p.is_some_and(|p| p.start() >= period.start() && p.end() <= period.end())
                && project.is_none_or(|wanted| of == Some(wanted))
        };
        let scorecard: Vec<_> = self
            .scorecard
            .iter()
            .filter(|s| inside(Some(&s.period), s.project.as_deref()))
            .cloned()
            .collect();
        QualityReport {
            rows_checked: scorecard.iter().map(|s| s.records).sum(),
            rows_rejected: 0,
            rows_unplaced: 0,
            failures: self
                .failures
                .iter()
                .filter(|f| inside(f.period.as_ref(), f.project.as_deref()))
                .cloned()
                .collect(),
            scorecard,
        }
    }
}

/// Failures counted per (check, code), with the most severe severity seen.
fn failure_counts(report: &QualityReport) -> Vec<FailureCount> {
    let mut counts: std::collections::BTreeMap<(&str, &str), (Severity, u64)> =
        std::collections::BTreeMap::new();
    for failure in &report.failures {
        let entry = counts
            .entry((&failure.check, &failure.code))
            .or_insert((failure.severity, 0));
        entry.0 = entry.0.min(failure.severity);
        entry.1 += 1;
    }
    counts
        .into_iter()
        .map(|((check, code), (severity, count))| FailureCount {
            check: check.to_owned(),
            code: code.to_owned(),
            severity,
            count,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quality::{Failure, Score};

    fn score(period: &str, project: &str, expected: u64, on_time: u64) -> Score {
        Score {
            project: Some(project.into()),
            site: Some("day_centre".into()),
            period: Period::parse(period).unwrap(),
            records: 2,
            required_cells: 4,
            required_filled: 3,
            completeness: share(3, 4),
            reports_expected: expected,
            reports_received: 1,
            reports_on_time: on_time,
            timeliness: share(on_time, expected),
            duplicates: 1,
            rule_violations: 0,
            outliers: 0,
            invalid_numerics: 0,
        }
    }

    fn failure(period: Option<&str>, project: Option<&str>) -> Failure {
        let mut failure = Failure::new(
            crate::quality::Check::Duplicate,
            "quality.duplicate_exact",
            Severity::Warning,
        );
        failure.period = period.map(|p| Period::parse(p).unwrap());
        failure.project = project.map(str::to_owned);
        failure
    }

    fn report() -> QualityReport {
        QualityReport {
            rows_checked: 7,
            rows_rejected: 1,
            rows_unplaced: 0,
            scorecard: vec![
                score("202601", "IDF", 1, 1),
                score("202602", "IDF", 1, 0),
                score("202604", "IDF", 0, 0),
            ],
            failures: vec![
                failure(None, None),
                failure(Some("202601"), Some("IDF")),
                failure(Some("202604"), Some("IDF")),
            ],
        }
    }

    #[test]
    fn shares_are_recomputed_from_their_parts() {
        let summary = report().summary();
        // 9 of 12 cells; 2 expected, 2 received, 1 on time.
        assert_eq!(summary.completeness, Some(Decimal::new(75, 2)));
        assert_eq!(summary.reporting_rate, Some(Decimal::ONE));
        assert_eq!(summary.timeliness, Some(Decimal::new(5, 1)));
        assert_eq!(summary.duplicates, 3);
        assert_eq!(summary.failures.len(), 1);
        assert_eq!(summary.failures[0].count, 3);
    }

    #[test]
    fn within_keeps_the_period_and_project() {
        let q1 = Period::parse("2026Q1").unwrap();
        let view = report().within(&q1, Some("IDF"));
        assert_eq!(view.scorecard.len(), 2);
        assert_eq!(
            view.failures.len(),
            1,
            "no-period and April failures left out"
        );
        assert_eq!(view.rows_checked, 4);
        assert!(report().within(&q1, Some("CAL")).scorecard.is_empty());
    }
}
