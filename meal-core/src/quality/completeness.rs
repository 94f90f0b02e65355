//! Completeness: required cells filled, expected reports received, and the records that could
//! not be counted at all (rejected by the loader, or without a period).
//!
//! # Decisions
//!
//! * **Required cells are the checks' `required` list.** The schema's required columns are
//!   enforced by the loader: a row missing one is rejected (`data.required`) and reported here
//!   as a rejected row, so counting them again among loaded rows would only inflate the share.
//!   Completeness of a scorecard row = filled cells / (records × required columns), 0–1,
//!   4 decimals, half to even; `None` when there is no required cell (pandera's and GX's
//!   `not_null`, as a share: `reference/python-analytics.md` §1.6). Every empty required cell
//!   is one failure (`quality.required_missing`, the column and the row), pandera's
//!   `failure_cases` convention.
//! * **A report is at least one record** of the project and site in the period (DHIS2 counts
//!   a data set registration; for record data the record is the registration,
//!   `reference/logframes-indicators.md` §1.8, §7.8). Reports are **expected** for each period
//!   of the checks' type that overlaps the site's open range `from`–`to` (`to` absent: still
//!   open) — the open/close dates DHIS2 users asked for (§8 item 7) — and has **ended before
//!   the day of `now`**: a period still running is not yet due. An expected report without a
//!   record is one failure (`quality.report_missing`, no row). A place with records and no
//!   expectation still gets its scorecard row (`reports_expected` 0): data from a site nobody
//!   declared is worth seeing.
//! * **Nothing lost.** Every rejected row gives one failure per finding of the loader
//!   (`quality.rejected_row`, with the loader's code as `reason`): the check is
//!   `invalid_numeric` for `data.not_integer` and `data.not_decimal` (DHIS2's INVALID_NUMERIC,
//!   §1.8), `rejected` otherwise. The loader's row is not placed (it has no typed values), so
//!   these failures have no project, site or period. A loaded row whose date has no period is
//!   `quality.unplaced`.
//!
//! # Codes
//!
//! | code | check | when | params |
//! |---|---|---|---|
//! | `quality.required_missing` | completeness | a required cell is empty | `column` |
//! | `quality.report_missing` | completeness | an expected report has no record | `project`, `site`, `period` |
//! | `quality.rejected_row` | invalid_numeric / rejected | the loader rejected the row | `reason`, `column` |
//! | `quality.unplaced` | completeness | the row's date has no period of the checks' type | `date` |

use chrono::NaiveDate;
use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

use crate::data::{Rejected, Table};
use crate::error::{MealError, Severity};
use crate::i18n::Message;
use crate::period::{periods_between, Period, PeriodType};
use crate::quality::key::is_blank;
use crate::quality::place::Places;
use crate::quality::scorecard::{Check, Failure};

/// Decimal places of completeness and timeliness shares (half to even).
pub const SHARE_DECIMALS: u32 = 4;

/// The loader codes that make a rejected row an invalid numeric.
pub const NUMERIC_REJECTIONS: &[&str] = &["data.not_integer", "data.not_decimal"];

/// A project and site expected to report every period while open.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExpectedReports {
    pub project: String,
    pub site: String,
    /// First day the site is open.
    pub from: NaiveDate,
    /// Last day the site is open; `None` while it stays open.
    #[serde(default)]
    pub to: Option<NaiveDate>,
}

/// `part / whole` rounded to [`SHARE_DECIMALS`] places half to even; `None` when `whole` is 0.
pub fn share(part: u64, whole: u64) -> Option<Decimal> {
    if whole == 0 {
        return None;
    }
    Decimal::from(part)
        .checked_div(Decimal::from(whole))
        .map(|s| {
            s.round_dp_with_strategy(SHARE_DECIMALS, RoundingStrategy::MidpointNearestEven)
                .normalize()
        })
}

/// The periods of `period_type` in which `expected` must report, seen on day `today`: those
/// overlapping `from`–`to` that ended before `today`. Error `period.date_out_of_range` for
/// dates whose periods cannot be named.
pub fn expected_periods(
    expected: &ExpectedReports,
    period_type: PeriodType,
    today: NaiveDate,
) -> Result<Vec<Period>, MealError> {
    let Some(yesterday) = today.pred_opt() else {
        return Ok(Vec::new());
    };
    let last = expected.to.map_or(yesterday, |to| to.min(yesterday));
    if last < expected.from {
        return Ok(Vec::new());
    }
    let mut periods = periods_between(period_type, expected.from, last)?;
    periods.retain(|p| p.end() < today);
    Ok(periods)
}

/// One failure per empty cell of the `required` columns.
pub(crate) fn missing_required(
    table: &Table,
    required: &[String],
    places: &Places,
) -> Vec<Failure> {
    let mut failures = Vec::new();
    for name in required {
        let Some(values) = table.column(name) else {
            continue;
        };
        for row in (0..table.len()).filter(|&row| is_blank(values, row)) {
            failures.push(
                places
                    .failure(
                        row,
                        Check::Completeness,
                        "quality.required_missing",
                        Severity::Warning,
                    )
                    .column(name)
                    .with("column", name),
            );
        }
    }
    failures
}

/// The failure of an expected report without records.
pub(crate) fn report_missing(project: &str, site: &str, period: Period) -> Failure {
    let mut failure = Failure::new(
        Check::Completeness,
        "quality.report_missing",
        Severity::Warning,
    )
    .with("project", project)
    .with("site", site)
    .with("period", period.id());
    failure.project = Some(project.to_owned());
    failure.site = Some(site.to_owned());
    failure.period = Some(period);
    failure
}

/// One failure per finding of each rejected row.
pub(crate) fn rejected_rows(rejected: &[Rejected]) -> Vec<Failure> {
    let mut failures = Vec::new();
    for row in rejected {
        for finding in &row.findings {
            let check = if NUMERIC_REJECTIONS.contains(&finding.code.as_str()) {
                Check::InvalidNumeric
            } else {
                Check::Rejected
            };
            let column = finding
                .params
                .get("column")
                .cloned()
                .unwrap_or_else(|| last_segment(&finding.path).to_owned());
            let mut failure = Failure::new(check, "quality.rejected_row", Severity::Error)
                .with("reason", &finding.code)
                .with("column", &column);
            if !column.is_empty() {
                failure = failure.column(&column);
            }
            if let Some(value) = finding.params.get("value") {
                failure = failure.value(value);
            }
            failure.row = Some(row.row);
            failures.push(failure);
        }
    }
    failures
}

/// The failure of a loaded row whose date has no period.
pub(crate) fn unplaced(places: &Places, row: usize, date: &str) -> Failure {
    places
        .failure(
            row,
            Check::Completeness,
            "quality.unplaced",
            Severity::Error,
        )
        .value(date)
        .with("date", date)
}

/// The last `/`-separated segment of a finding's path (the column of a loader finding).
fn last_segment(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or_default()
}

/// Messages of the codes this file raises.
pub const MESSAGES: &[Message] = &[
    Message {
        code: "quality.required_missing",
        en: "The required value {column} is missing",
        fr: "La valeur obligatoire {column} est manquante",
    },
    Message {
        code: "quality.report_missing",
        en: "No record from {project}, {site} for {period}, though a report was expected",
        fr: "Aucun enregistrement de {project}, {site} pour {period}, alors qu'un rapport était attendu",
    },
    Message {
        code: "quality.rejected_row",
        en: "The row was not loaded ({reason}, column {column}): it counts in no figure",
        fr: "La ligne n'a pas été chargée ({reason}, colonne {column}) : elle n'entre dans aucun chiffre",
    },
    Message {
        code: "quality.unplaced",
        en: "The date {date} falls in no period that can be named: the record counts in no period",
        fr: "La date {date} ne tombe dans aucune période nommable : l'enregistrement n'est compté dans aucune période",
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    fn ids(periods: &[Period]) -> Vec<String> {
        periods.iter().map(Period::id).collect()
    }

    fn open(from: &str, to: Option<&str>) -> ExpectedReports {
        ExpectedReports {
            project: "IDF".into(),
            site: "day_centre".into(),
            from: date(from),
            to: to.map(date),
        }
    }

    #[test]
    fn only_ended_periods_of_the_open_range_are_expected() {
        let monthly = PeriodType::Monthly;
        let today = date("2026-04-10");
        assert_eq!(
            ids(&expected_periods(&open("2026-01-15", None), monthly, today).unwrap()),
            ["202601", "202602", "202603"],
            "January counts from the 15th (overlap); April is still running"
        );
        assert_eq!(
            ids(
                &expected_periods(&open("2025-11-01", Some("2026-02-01")), monthly, today).unwrap()
            ),
            ["202511", "202512", "202601", "202602"],
            "closed on 1 February: February still overlaps"
        );
        assert!(expected_periods(&open("2026-04-01", None), monthly, today)
            .unwrap()
            .is_empty());
        assert_eq!(
            ids(&expected_periods(&open("2026-03-01", None), monthly, date("2026-04-01")).unwrap()),
            ["202603"],
            "March ended the day before"
        );
    }

    #[test]
    fn shares_are_rounded_half_to_even() {
        assert_eq!(share(1, 3), Some(Decimal::new(3333, 4)));
        assert_eq!(share(2, 3), Some(Decimal::new(6667, 4)));
        assert_eq!(share(1, 2), Some(Decimal::new(5, 1)));
        assert_eq!(share(3, 3), Some(Decimal::ONE));
        // 1/32 = 0.03125: a tie, to the even 0.0312; 3/32 = 0.09375 → 0.0938.
        assert_eq!(share(1, 32), Some(Decimal::new(312, 4)));
        assert_eq!(share(3, 32), Some(Decimal::new(938, 4)));
        assert_eq!(share(0, 0), None);
    }

    #[test]
    fn rejected_rows_are_invalid_numerics_or_rejected() {
        use crate::error::Finding;
        let rejected = vec![Rejected {
            row: 4,
            findings: vec![
                Finding::error("data.not_integer", "/age").with("value", "abc"),
                Finding::error("data.required", "/date"),
            ],
        }];
        let failures = rejected_rows(&rejected);
        assert_eq!(failures.len(), 2);
        let first = &failures[0];
        assert_eq!(first.check, "invalid_numeric");
        assert_eq!(first.row, Some(4));
        assert_eq!(first.column.as_deref(), Some("age"));
        assert_eq!(first.value.as_deref(), Some("abc"));
        assert_eq!(first.params["reason"], "data.not_integer");
        assert_eq!(failures[1].check, "rejected");
        assert_eq!(failures[1].column.as_deref(), Some("date"));
    }
}
