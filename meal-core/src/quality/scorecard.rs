//! The quality report: a scorecard row per project, site and period, and every failure.
//!
//! The report module reads [`QualityReport`], [`Score`] and [`Failure`]; fields may be added,
//! not renamed.
//!
//! # Decisions
//!
//! * **One scorecard row per place** — (project, site, period) present in the records or
//!   expected to report — sorted by project, site, period (a blank project or site, `None`,
//!   first). Every loaded record counts in exactly one row's `records`, unless its date has no
//!   period (`rows_unplaced`); every rejected row is in `rows_rejected`. So
//!   `rows_checked = Σ records + rows_rejected + rows_unplaced`: nothing lost.
//! * **One failure per failing check, row and column** (pandera's `failure_cases`,
//!   `reference/python-analytics.md` §1.6): the check, a stable code, the severity, the place,
//!   the input row number, the column and value, and the code's params. Sorted by project,
//!   site, period, row, check, code, column, value, params. Failures about no row (a missing
//!   report) or no place (a rejected row) sort first within their key.
//! * **Counts in a scorecard row**: `duplicates` counts rows flagged by either duplicate check,
//!   once; `rule_violations`, `outliers` and `invalid_numerics` count failures (a value flagged
//!   by two tests counts twice). Shares (completeness, timeliness) keep their numerator and
//!   denominator (`required_filled`/`required_cells`, `reports_on_time`/`reports_expected`) so
//!   they add up across rows exactly ([`super::summary`]).
//! * The checks document is checked against the table's schema first; the first blocking
//!   finding is the error (its code, path and params).

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, FixedOffset};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::data::Loaded;
use crate::error::{MealError, Params, Severity};
use crate::period::Period;
use crate::quality::completeness::{self, share};
use crate::quality::place::Places;
use crate::quality::{duplicates, outliers, rules, timeliness, Checks};

/// The result of every check over a loaded table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QualityReport {
    /// Rows checked: the loaded rows plus the rejected ones (which count as invalid).
    pub rows_checked: u64,
    /// Rows the loader rejected (each reported as failures, counted in no scorecard row).
    pub rows_rejected: u64,
    /// Loaded rows whose date has no period of the checks' type (`quality.unplaced`).
    pub rows_unplaced: u64,
    /// One row per (project, site, period), sorted.
    pub scorecard: Vec<Score>,
    /// One row per failing check, sorted by project, site, period, row, check.
    pub failures: Vec<Failure>,
}

/// The quality of one project, site and period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Score {
    pub project: Option<String>,
    pub site: Option<String>,
    pub period: Period,
    pub records: u64,
    /// Cells of the checks' `required` columns: records × required columns.
    pub required_cells: u64,
    /// Those cells filled.
    pub required_filled: u64,
    /// Share of required cells filled (0–1, 4 decimals, half to even); `None` without
    /// required cells (no records or no required columns).
    pub completeness: Option<Decimal>,
    /// 1 when the place must report for the period, else 0.
    pub reports_expected: u64,
    /// 1 when the place has at least one record in the period, else 0.
    pub reports_received: u64,
    /// 1 when an expected report was received with every record on time, else 0.
    pub reports_on_time: u64,
    /// Share of expected reports received on time; `None` when none expected or no
    /// timeliness check.
    pub timeliness: Option<Decimal>,
    pub duplicates: u64,
    pub rule_violations: u64,
    pub outliers: u64,
    pub invalid_numerics: u64,
}

/// One failing check, for drill-down.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Failure {
    /// `completeness`, `timeliness`, `duplicate`, `rule`, `outlier`, `invalid_numeric`,
    /// `rejected` ([`Check`]).
    pub check: String,
    /// Stable code (`quality.required_missing`, `quality.outlier`, …).
    pub code: String,
    pub severity: Severity,
    pub project: Option<String>,
    pub site: Option<String>,
    pub period: Option<Period>,
    /// Input row number (as `Table::source_row`), when the failure is about one row.
    pub row: Option<u64>,
    pub column: Option<String>,
    pub value: Option<String>,
    pub params: BTreeMap<String, String>,
}

/// The kinds of check, as [`Failure::check`] names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Check {
    Completeness,
    Timeliness,
    Duplicate,
    Rule,
    Outlier,
    InvalidNumeric,
    /// A row the loader rejected for another reason than an invalid number.
    Rejected,
}

impl Check {
    /// The name used in [`Failure::check`].
    pub fn as_str(self) -> &'static str {
        match self {
            Check::Completeness => "completeness",
            Check::Timeliness => "timeliness",
            Check::Duplicate => "duplicate",
            Check::Rule => "rule",
            Check::Outlier => "outlier",
            Check::InvalidNumeric => "invalid_numeric",
            Check::Rejected => "rejected",
        }
    }
}

impl Failure {
    /// A failure about no place or row yet.
    pub(crate) fn new(check: Check, code: &str, severity: Severity) -> Failure {
        Failure {
            check: check.as_str().to_owned(),
            code: code.to_owned(),
            severity,
            project: None,
            site: None,
            period: None,
            row: None,
            column: None,
            value: None,
            params: Params::new(),
        }
    }

    /// Sets the column.
    #[must_use]
    pub(crate) fn column(mut self, column: &str) -> Failure {
        self.column = Some(column.to_owned());
        self
    }

    /// Sets the value as the record holds it.
    #[must_use]
    pub(crate) fn value(mut self, value: impl Into<String>) -> Failure {
        self.value = Some(value.into());
        self
    }

    /// Adds a message parameter.
    #[must_use]
    pub(crate) fn with(mut self, name: &str, value: impl ToString) -> Failure {
        self.params.insert(name.to_owned(), value.to_string());
        self
    }

    /// The message in `locale`, rendered from the catalogue.
    pub fn message(&self, locale: crate::i18n::Locale) -> String {
        crate::i18n::render(&self.code, &self.params, locale)
    }

    /// The place of a failure, when it has one.
    fn place(&self) -> Option<PlaceKey> {
        Some((self.project.clone(), self.site.clone(), self.period?))
    }
}

/// Project, site and period of a scorecard row.
type PlaceKey = (Option<String>, Option<String>, Period);

/// Runs `checks` over `loaded` (its rejected rows count as invalid). `now` is the clock for
/// expected reports and expressions. Errors: the first blocking finding of
/// [`Checks::check_against`]; `period.date_out_of_range` for expected reports outside the years
/// periods can name.
pub fn check(
    loaded: &Loaded,
    checks: &Checks,
    now: DateTime<FixedOffset>,
) -> Result<QualityReport, MealError> {
    let table = &loaded.table;
    if let Some(blocking) = checks
        .check_against(table.schema())
        .into_iter()
        .find(|f| f.is_blocking())
    {
        let mut error = MealError::new(&blocking.code).at(blocking.path);
        error.params = blocking.params;
        return Err(error);
    }
    let places = Places::locate(table, checks);
    let mut failures = completeness::rejected_rows(&loaded.rejected);
    failures.extend(unplaced_rows(loaded, checks, &places));
    failures.extend(completeness::missing_required(
        table,
        &checks.required,
        &places,
    ));
    failures.extend(outliers::invalid_numerics(table, &checks.numeric, &places));
    if let Some(rule) = &checks.timeliness {
        failures.extend(timeliness::late_records(table, rule, &places));
    }
    if let Some(rule) = &checks.duplicates {
        failures.extend(duplicates::duplicates(table, rule, &places));
    }
    failures.extend(rules::violations(table, &checks.rules, &places, now)?);
    failures.extend(outliers::outliers(table, &checks.outliers, &places));
    let mut tallies = tallies(&places, checks, now)?;
    for (key, tally) in &tallies {
        if tally.score.reports_expected > 0 && tally.score.records == 0 {
            let (Some(project), Some(site), period) = key else {
                continue;
            };
            failures.push(completeness::report_missing(project, site, *period));
        }
    }
    count_failures(&mut tallies, &failures);
    sort_failures(&mut failures);
    let rows_unplaced = failures
        .iter()
        .filter(|f| f.code == "quality.unplaced")
        .count();
    Ok(QualityReport {
        rows_checked: loaded.rows_read,
        rows_rejected: loaded.rejected.len() as u64,
        rows_unplaced: rows_unplaced as u64,
        scorecard: tallies
            .into_values()
            .map(|tally| tally.finish(checks))
            .collect(),
        failures,
    })
}

/// A scorecard row being counted, with the counts its shares are made of.
#[derive(Debug)]
struct Tally {
    score: Score,
    required_missing: u64,
    late: u64,
    duplicated_rows: BTreeSet<u64>,
}

impl Tally {
    fn new((project, site, period): PlaceKey) -> Tally {
        Tally {
            score: Score {
                project,
                site,
                period,
                records: 0,
                required_cells: 0,
                required_filled: 0,
                completeness: None,
                reports_expected: 0,
                reports_received: 0,
                reports_on_time: 0,
                timeliness: None,
                duplicates: 0,
                rule_violations: 0,
                outliers: 0,
                invalid_numerics: 0,
            },
            required_missing: 0,
            late: 0,
            duplicated_rows: BTreeSet::new(),
        }
    }

    /// The score with its shares computed.
    fn finish(self, checks: &Checks) -> Score {
        let mut score = self.score;
        let required = checks.required.len() as u64;
        score.required_cells = score.records.saturating_mul(required);
        score.required_filled = score.required_cells.saturating_sub(self.required_missing);
        score.completeness = share(score.required_filled, score.required_cells);
        score.reports_received = u64::from(score.records > 0);
        score.duplicates = self.duplicated_rows.len() as u64;
        if checks.timeliness.is_some() {
            let on_time =
                score.reports_expected > 0 && score.reports_received > 0 && self.late == 0;
            score.reports_on_time = u64::from(on_time);
            score.timeliness = share(score.reports_on_time, score.reports_expected);
        }
        score
    }
}

/// A tally per place with records, and per place expected to report.
fn tallies(
    places: &Places,
    checks: &Checks,
    now: DateTime<FixedOffset>,
) -> Result<BTreeMap<PlaceKey, Tally>, MealError> {
    let mut tallies: BTreeMap<PlaceKey, Tally> = BTreeMap::new();
    for ((project, site, period), count) in places.counts() {
        let Some(period) = *period else { continue };
        let key = (project.clone(), site.clone(), period);
        tallies
            .entry(key.clone())
            .or_insert_with(|| Tally::new(key))
            .score
            .records += count;
    }
    for expected in &checks.expected_reports {
        let periods =
            completeness::expected_periods(expected, checks.period_type, now.date_naive())?;
        for period in periods {
            let key = (
                Some(expected.project.clone()),
                Some(expected.site.clone()),
                period,
            );
            tallies
                .entry(key.clone())
                .or_insert_with(|| Tally::new(key))
                .score
                .reports_expected = 1;
        }
    }
    Ok(tallies)
}

/// Adds each placed failure to its scorecard row's counts.
fn count_failures(tallies: &mut BTreeMap<PlaceKey, Tally>, failures: &[Failure]) {
    for failure in failures {
        let Some(tally) = failure.place().and_then(|key| tallies.get_mut(&key)) else {
            continue;
        };
        match failure.code.as_str() {
            "quality.required_missing" => tally.required_missing += 1,
            "quality.submitted_late" | "quality.submitted_missing" => tally.late += 1,
            "quality.duplicate_exact" | "quality.duplicate_key" => {
                tally.duplicated_rows.extend(failure.row);
            }
            "quality.rule_violation" => tally.score.rule_violations += 1,
            "quality.outlier" => tally.score.outliers += 1,
            "quality.invalid_numeric" => tally.score.invalid_numerics += 1,
            _ => {}
        }
    }
}

/// The failures of loaded rows whose date has no period.
fn unplaced_rows(
    loaded: &Loaded,
    checks: &Checks,
    places: &Places,
) -> Vec<crate::quality::Failure> {
    let date = loaded.table.column(&checks.date);
    (0..loaded.table.len())
        .filter(|&row| {
            places
                .of(row)
                .is_some_and(|(_, _, period)| period.is_none())
        })
        .map(|row| {
            let shown = date.map(|d| d.value(row).to_text()).unwrap_or_default();
            completeness::unplaced(places, row, &shown)
        })
        .collect()
}

/// Sorts failures by project, site, period, row, check, code, column, value, params.
fn sort_failures(failures: &mut [Failure]) {
    failures.sort_by(|a, b| sort_key(a).cmp(&sort_key(b)));
}

type SortKey<'a> = (
    &'a Option<String>,
    &'a Option<String>,
    Option<Period>,
    Option<u64>,
    &'a str,
    &'a str,
    &'a Option<String>,
    &'a Option<String>,
    &'a Params,
);

fn sort_key(f: &Failure) -> SortKey<'_> {
    (
        &f.project, &f.site, f.period, f.row, &f.check, &f.code, &f.column, &f.value, &f.params,
    )
}
