//! The shapes of record tables, the indicator engine and data quality.

use meal_core::period::Period;
use meal_core::{compute, quality};
use meal_core::{Finding as CoreFinding, Locale, MealError};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use tsify::Tsify;

use super::Finding;

/// The figures of a CSV file computed by `Engine.computeCsv`, with its rows accounted for:
/// `rowsRead == loaded + rejected.length`.
#[derive(Debug, Clone, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
#[tsify(hashmap_as_object, missing_as_null)]
pub struct Streamed {
    pub results: Results,
    pub rows_read: u64,
    pub loaded: u64,
    /// Rows not loaded, numbered as in the file.
    pub rejected: Vec<Rejected>,
    /// Findings about the file as a whole (an unknown or absent column).
    pub findings: Vec<Finding>,
}

impl Streamed {
    pub fn from_core(streamed: &compute::Streamed, locale: Locale) -> Self {
        Streamed {
            results: Results::from_core(&streamed.results, locale),
            rows_read: streamed.rows_read,
            loaded: streamed.loaded,
            rejected: streamed
                .rejected
                .iter()
                .map(|r| Rejected::from_core(r, locale))
                .collect(),
            findings: Finding::all(&streamed.findings, locale),
        }
    }
}

impl Rejected {
    pub fn from_core(rejected: &meal_core::data::Rejected, locale: Locale) -> Self {
        Rejected {
            row: rejected.row,
            findings: Finding::all(&rejected.findings, locale),
        }
    }
}

/// A row that could not be loaded, and why.
#[derive(Debug, Clone, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
#[tsify(hashmap_as_object)]
pub struct Rejected {
    /// 1-based row number in the input (CSV: the record after the header; JSON lines: the line).
    pub row: u64,
    /// Why, each with the column in `path`, sorted by path then code.
    pub findings: Vec<Finding>,
}

/// Options of `checkQuality`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct QualityOptions {
    /// The clock for timeliness, RFC 3339 with offset; the browser's clock when absent.
    #[serde(default)]
    #[tsify(optional)]
    pub now: Option<String>,
    /// Language of the failure messages (`"fr"`, `"en"`); English when absent.
    #[serde(default)]
    #[tsify(optional)]
    pub locale: Option<String>,
}

/// Provenance counts of one figure.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct RowCounts {
    /// Rows whose date fell in the figure's window, before the filter.
    pub in_window: u64,
    /// Rows that passed the filter and fell in the figure's window and cell.
    pub matched: u64,
    /// Of those, rows whose value was empty, so counted nowhere else.
    pub without_value: u64,
}

/// One figure: an indicator's value, target, achievement and status for a period and a
/// disaggregation cell. Decimals are strings (`"0.85"`), `null` when there is none.
#[derive(Debug, Clone, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
#[tsify(hashmap_as_object, missing_as_null)]
pub struct Figure {
    pub indicator: String,
    /// The period id (`2026Q1`).
    pub period: String,
    /// Dimension code → category code (`unknown` for an empty value); `{}` for the total.
    pub cell: BTreeMap<String, String>,
    /// `null`: no data (or a zero denominator).
    pub value: Option<String>,
    /// Running totals: the part of `value` carried forward from before the records.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub opening: Option<String>,
    /// Ratio and mean: Σ numerators and Σ denominators, to recompute or roll up the value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub numerator: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub denominator: Option<String>,
    pub target: Option<String>,
    /// Fraction of the target achieved (`"1"` = 100 %).
    pub achievement: Option<String>,
    #[tsify(type = "\"on_track\" | \"at_risk\" | \"off_track\" | \"no_data\" | \"no_target\"")]
    pub status: String,
    pub rows: RowCounts,
}

/// Where the figures come from.
#[derive(Debug, Clone, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
#[tsify(hashmap_as_object)]
pub struct Sources {
    pub rows_read: u64,
    /// Rows a filter matched but whose date was empty.
    pub rows_without_date: u64,
    /// Document name (`logframe:IDF`, `recipes`) → fingerprint.
    pub documents: BTreeMap<String, String>,
    /// `meal <version>`: the rules in force.
    pub engine: String,
}

/// Every figure of one computation (what `Engine.compute` returns; `Sitrep.build` reads it).
#[derive(Debug, Clone, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
#[tsify(hashmap_as_object, missing_as_null)]
pub struct Results {
    /// The period ids asked for, in order.
    pub periods: Vec<String>,
    /// Per indicator and period: the total, each dimension's cells, then crossed cells.
    pub figures: Vec<Figure>,
    pub sources: Sources,
    /// Why an indicator was not computed, and recipe problems.
    pub findings: Vec<Finding>,
}

/// The quality of one project, site and period. Shares are decimal strings (0–1).
#[derive(Debug, Clone, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
#[tsify(missing_as_null)]
pub struct Score {
    pub project: Option<String>,
    pub site: Option<String>,
    /// The period id.
    pub period: String,
    pub records: u64,
    /// Cells of the checks' required columns (records × required columns), and those filled.
    pub required_cells: u64,
    pub required_filled: u64,
    /// Share of required cells filled; `null` without required cells.
    pub completeness: Option<String>,
    /// 1 when the place must report for the period, else 0.
    pub reports_expected: u64,
    /// 1 when the place has at least one record in the period, else 0.
    pub reports_received: u64,
    /// 1 when an expected report was received with every record on time, else 0.
    pub reports_on_time: u64,
    /// Share of expected reports received on time; `null` when none expected.
    pub timeliness: Option<String>,
    pub duplicates: u64,
    pub rule_violations: u64,
    pub outliers: u64,
    pub invalid_numerics: u64,
}

/// One failing check, for drill-down, with its message in the requested language.
#[derive(Debug, Clone, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
#[tsify(hashmap_as_object, missing_as_null)]
pub struct Failure {
    #[tsify(
        type = "\"completeness\" | \"timeliness\" | \"duplicate\" | \"rule\" | \"outlier\" | \"invalid_numeric\" | \"rejected\""
    )]
    pub check: String,
    pub code: String,
    #[tsify(type = "\"error\" | \"warning\" | \"info\"")]
    pub severity: String,
    pub project: Option<String>,
    pub site: Option<String>,
    pub period: Option<String>,
    /// Input row number, when the failure is about one row.
    pub row: Option<u64>,
    pub column: Option<String>,
    pub value: Option<String>,
    pub params: BTreeMap<String, String>,
    /// The failure as a person reads it; ignored when the report is read back.
    #[serde(default)]
    pub message: String,
}

/// The result of every quality check over a loaded table (what `checkQuality` returns).
#[derive(Debug, Clone, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
#[tsify(hashmap_as_object, missing_as_null)]
pub struct QualityReport {
    /// Loaded rows plus rejected ones (which count as invalid).
    pub rows_checked: u64,
    /// Rows the loader rejected (reported as failures, counted in no scorecard row).
    pub rows_rejected: u64,
    /// Loaded rows whose date has no period of the checks' type (`quality.unplaced`).
    pub rows_unplaced: u64,
    /// One row per (project, site, period), sorted.
    pub scorecard: Vec<Score>,
    /// One row per failing check, sorted by project, site, period, row, check.
    pub failures: Vec<Failure>,
}

/// How many failures one check raised with one code.
#[derive(Debug, Clone, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct FailureCount {
    pub check: String,
    pub code: String,
    #[tsify(type = "\"error\" | \"warning\" | \"info\"")]
    pub severity: String,
    pub count: u64,
}

/// The totals of a quality report (what a SITREP shows): shares recomputed from their parts.
#[derive(Debug, Clone, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
#[tsify(missing_as_null)]
pub struct QualitySummary {
    pub rows_checked: u64,
    pub rows_rejected: u64,
    pub rows_unplaced: u64,
    /// Records counted in the scorecard.
    pub records: u64,
    pub required_cells: u64,
    pub required_filled: u64,
    /// Σ filled / Σ cells.
    pub completeness: Option<String>,
    pub reports_expected: u64,
    pub reports_received: u64,
    pub reports_on_time: u64,
    /// Expected reports received / expected (DHIS2's reporting rate).
    pub reporting_rate: Option<String>,
    /// Expected reports on time / expected, over the rows that measure timeliness.
    pub timeliness: Option<String>,
    pub duplicates: u64,
    pub rule_violations: u64,
    pub outliers: u64,
    pub invalid_numerics: u64,
    /// Failures per check and code, sorted by check then code.
    pub failures: Vec<FailureCount>,
}

impl QualitySummary {
    pub fn from_core(summary: &quality::Summary) -> Self {
        QualitySummary {
            rows_checked: summary.rows_checked,
            rows_rejected: summary.rows_rejected,
            rows_unplaced: summary.rows_unplaced,
            records: summary.records,
            required_cells: summary.required_cells,
            required_filled: summary.required_filled,
            completeness: decimal_text(summary.completeness),
            reports_expected: summary.reports_expected,
            reports_received: summary.reports_received,
            reports_on_time: summary.reports_on_time,
            reporting_rate: decimal_text(summary.reporting_rate),
            timeliness: decimal_text(summary.timeliness),
            duplicates: summary.duplicates,
            rule_violations: summary.rule_violations,
            outliers: summary.outliers,
            invalid_numerics: summary.invalid_numerics,
            failures: summary
                .failures
                .iter()
                .map(|f| FailureCount {
                    check: f.check.clone(),
                    code: f.code.clone(),
                    severity: f.severity.as_str().to_owned(),
                    count: f.count,
                })
                .collect(),
        }
    }
}

// Conversions both ways: out of the core for JavaScript, and back when a report reads the
// figures or the quality report a caller holds (messages are dropped: the core renders its own).

fn decimal_text(value: Option<Decimal>) -> Option<String> {
    value.map(|d| d.to_string())
}

fn decimal_of(text: Option<&str>) -> Result<Option<Decimal>, MealError> {
    text.map(meal_core::input::parse_decimal).transpose()
}

/// A core enum from its snake_case name (`on_track`, `warning`).
fn variant<T: serde::de::DeserializeOwned>(name: &str, what: &str) -> Result<T, MealError> {
    serde_json::from_value(serde_json::Value::String(name.to_owned())).map_err(|_| {
        MealError::new("document.invalid")
            .with("kind", what)
            .with("detail", format!("unknown {what} '{name}'"))
    })
}

impl Finding {
    /// The core finding (the message is not kept).
    pub fn into_core(self) -> Result<CoreFinding, MealError> {
        Ok(CoreFinding {
            code: self.code,
            path: self.path,
            severity: variant(&self.severity, "severity")?,
            params: self.params,
        })
    }
}

impl Results {
    pub fn from_core(results: &compute::Results, locale: Locale) -> Self {
        Results {
            periods: results.periods.iter().map(|p| p.id()).collect(),
            figures: results.figures.iter().map(Figure::from_core).collect(),
            sources: Sources {
                rows_read: results.sources.rows_read,
                rows_without_date: results.sources.rows_without_date,
                documents: results.sources.documents.clone(),
                engine: results.sources.engine.clone(),
            },
            findings: Finding::all(&results.findings, locale),
        }
    }

    pub fn into_core(self) -> Result<compute::Results, MealError> {
        Ok(compute::Results {
            periods: self
                .periods
                .iter()
                .map(|p| Period::parse(p))
                .collect::<Result<_, _>>()?,
            figures: self
                .figures
                .into_iter()
                .map(Figure::into_core)
                .collect::<Result<_, _>>()?,
            sources: compute::Sources {
                rows_read: self.sources.rows_read,
                rows_without_date: self.sources.rows_without_date,
                documents: self.sources.documents,
                engine: self.sources.engine,
            },
            findings: self
                .findings
                .into_iter()
                .map(Finding::into_core)
                .collect::<Result<_, _>>()?,
        })
    }
}

impl Figure {
    pub fn from_core(figure: &compute::Figure) -> Self {
        Figure {
            indicator: figure.indicator.clone(),
            period: figure.period.id(),
            cell: figure.cell.clone(),
            value: decimal_text(figure.value),
            opening: decimal_text(figure.opening),
            numerator: decimal_text(figure.numerator),
            denominator: decimal_text(figure.denominator),
            target: decimal_text(figure.target),
            achievement: decimal_text(figure.achievement),
            status: figure.status.as_str().to_owned(),
            rows: RowCounts {
                in_window: figure.rows.in_window,
                matched: figure.rows.matched,
                without_value: figure.rows.without_value,
            },
        }
    }

    fn into_core(self) -> Result<compute::Figure, MealError> {
        Ok(compute::Figure {
            indicator: self.indicator,
            period: Period::parse(&self.period)?,
            cell: self.cell,
            value: decimal_of(self.value.as_deref())?,
            opening: decimal_of(self.opening.as_deref())?,
            numerator: decimal_of(self.numerator.as_deref())?,
            denominator: decimal_of(self.denominator.as_deref())?,
            target: decimal_of(self.target.as_deref())?,
            achievement: decimal_of(self.achievement.as_deref())?,
            status: variant(&self.status, "status")?,
            rows: compute::RowCounts {
                in_window: self.rows.in_window,
                matched: self.rows.matched,
                without_value: self.rows.without_value,
            },
        })
    }
}

impl QualityReport {
    pub fn from_core(report: &quality::QualityReport, locale: Locale) -> Self {
        QualityReport {
            rows_checked: report.rows_checked,
            rows_rejected: report.rows_rejected,
            rows_unplaced: report.rows_unplaced,
            scorecard: report
                .scorecard
                .iter()
                .map(|s| Score {
                    project: s.project.clone(),
                    site: s.site.clone(),
                    period: s.period.id(),
                    records: s.records,
                    required_cells: s.required_cells,
                    required_filled: s.required_filled,
                    completeness: decimal_text(s.completeness),
                    reports_expected: s.reports_expected,
                    reports_received: s.reports_received,
                    reports_on_time: s.reports_on_time,
                    timeliness: decimal_text(s.timeliness),
                    duplicates: s.duplicates,
                    rule_violations: s.rule_violations,
                    outliers: s.outliers,
                    invalid_numerics: s.invalid_numerics,
                })
                .collect(),
            failures: report
                .failures
                .iter()
                .map(|f| Failure {
                    check: f.check.clone(),
                    code: f.code.clone(),
                    severity: f.severity.as_str().to_owned(),
                    project: f.project.clone(),
                    site: f.site.clone(),
                    period: f.period.map(|p| p.id()),
                    row: f.row,
                    column: f.column.clone(),
                    value: f.value.clone(),
                    params: f.params.clone(),
                    message: meal_core::i18n::render(&f.code, &f.params, locale),
                })
                .collect(),
        }
    }

    pub fn into_core(self) -> Result<quality::QualityReport, MealError> {
        let scorecard = self
            .scorecard
            .into_iter()
            .map(|s| {
                Ok(quality::Score {
                    project: s.project,
                    site: s.site,
                    period: Period::parse(&s.period)?,
                    records: s.records,
                    required_cells: s.required_cells,
                    required_filled: s.required_filled,
                    completeness: decimal_of(s.completeness.as_deref())?,
                    reports_expected: s.reports_expected,
                    reports_received: s.reports_received,
                    reports_on_time: s.reports_on_time,
                    timeliness: decimal_of(s.timeliness.as_deref())?,
                    duplicates: s.duplicates,
                    rule_violations: s.rule_violations,
                    outliers: s.outliers,
                    invalid_numerics: s.invalid_numerics,
                })
            })
            .collect::<Result<_, MealError>>()?;
        let failures = self
            .failures
            .into_iter()
            .map(|f| {
                Ok(quality::Failure {
                    check: f.check,
                    code: f.code,
                    severity: variant(&f.severity, "severity")?,
                    project: f.project,
                    site: f.site,
                    period: f.period.as_deref().map(Period::parse).transpose()?,
                    row: f.row,
                    column: f.column,
                    value: f.value,
                    params: f.params,
                })
            })
            .collect::<Result<_, MealError>>()?;
        Ok(quality::QualityReport {
            rows_checked: self.rows_checked,
            rows_rejected: self.rows_rejected,
            rows_unplaced: self.rows_unplaced,
            scorecard,
            failures,
        })
    }
}

/// The range of a reporting calendar (`reportingCalendar`): dates `YYYY-MM-DD`, both inclusive.
#[derive(Debug, Clone, Default, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct CalendarRequest {
    pub from: String,
    pub to: String,
    /// The day of the annual mission seminar, when one is set.
    #[serde(default)]
    #[tsify(optional, type = "string | null")]
    pub seminar: Option<String>,
    /// Only what concerns this project (its items and the mission's); every project when absent.
    #[serde(default)]
    #[tsify(optional, type = "string | null")]
    pub project: Option<String>,
}

/// Options of `migrate`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct MigrateOptions {
    /// Language of the reconciliation's messages; English when absent.
    #[serde(default)]
    #[tsify(optional)]
    pub locale: Option<String>,
}

/// A source record that was not migrated, and why.
#[derive(Debug, Clone, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
#[tsify(hashmap_as_object)]
pub struct RejectedRecord {
    /// 1-based record number in the source (as `Loaded` numbers rows).
    pub source_row: u64,
    pub findings: Vec<Finding>,
}

/// The accounting of a migration: `rowsRead === migrated + rejected.length`.
#[derive(Debug, Clone, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
#[tsify(hashmap_as_object)]
pub struct Reconciliation {
    /// Records in the source (loaded, or rejected at load).
    pub rows_read: u64,
    pub migrated: u64,
    /// Records rejected at load or by the mapping, in source order.
    pub rejected: Vec<RejectedRecord>,
    /// Warnings about records that were migrated (a value mapped to a default, …).
    pub findings: Vec<Finding>,
}

impl Reconciliation {
    pub fn from_core(
        reconciliation: &meal_core::interop::migration::Reconciliation,
        locale: Locale,
    ) -> Self {
        Reconciliation {
            rows_read: reconciliation.rows_read,
            migrated: reconciliation.migrated,
            rejected: reconciliation
                .rejected
                .iter()
                .map(|r| RejectedRecord {
                    source_row: r.source_row,
                    findings: Finding::all(&r.findings, locale),
                })
                .collect(),
            findings: Finding::all(&reconciliation.findings, locale),
        }
    }
}
