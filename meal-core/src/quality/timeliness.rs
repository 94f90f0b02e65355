//! Timeliness: was a period's report in by its deadline?
//!
//! # Decisions
//!
//! * **The deadline is the period's, as DHIS2's `timelyDays`**: "days after period end to
//!   qualify for timely data submission" (`reference/logframes-indicators.md` §1.8, §7.8):
//!   deadline = last day of the period + `timely_days`, inclusive. DHIS2 has no verified
//!   default (§1.8), so `timely_days` is required.
//! * **A report is on time when every one of its records was** — submitted on or before the
//!   deadline. A report is the records of a project, site and period (see
//!   [`super::completeness`]); the figures a SITREP computes at the deadline are complete only
//!   when all of them were in, so one late record makes the report late. Per-record lateness
//!   measured from the record's own date (date + n days) was not chosen: it says how fast a
//!   team syncs, not whether the period's figures were ready; the failure rows still give
//!   each late record with its delay for that reading.
//! * **Submission time** is a date or date-time column; a date-time counts by its own local
//!   date (the field team's calendar day). A record without one cannot be shown on time: it
//!   makes its report late and is one failure (`quality.submitted_missing`).
//! * Timeliness of a scorecard row = reports on time / reports expected (DHIS2's
//!   `REPORTING_RATE_ON_TIME`, §1.8): 1 or 0 for one place and period, `None` when no report
//!   was expected; the summary adds them up over the mission.
//!
//! # Codes
//!
//! | code | check | when | params |
//! |---|---|---|---|
//! | `quality.submitted_late` | timeliness | a record submitted after its period's deadline | `submitted`, `deadline`, `days_late` |
//! | `quality.submitted_missing` | timeliness | a record without a submission time | `column` |

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::data::Table;
use crate::error::Severity;
use crate::i18n::Message;
use crate::period::Period;
use crate::quality::place::Places;
use crate::quality::scorecard::{Check, Failure};

/// When a report is on time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Timeliness {
    /// Column holding when the record was submitted (date or date-time).
    pub submitted: String,
    /// Days after the period's end a submission is still on time.
    pub timely_days: u32,
}

/// The last day a record of `period` is on time; `None` past the calendar's end.
pub fn deadline(period: &Period, timely_days: u32) -> Option<NaiveDate> {
    period
        .end()
        .checked_add_days(Days::new(u64::from(timely_days)))
}

/// One failure per record submitted after its period's deadline or without a submission time.
pub(crate) fn late_records(
    table: &Table,
    timeliness: &Timeliness,
    places: &Places,
) -> Vec<Failure> {
    let Some(submitted) = table.column(&timeliness.submitted) else {
        return Vec::new();
    };
    let mut failures = Vec::new();
    for row in 0..table.len() {
        let Some((_, _, Some(period))) = places.of(row) else {
            continue;
        };
        let failure = |code| places.failure(row, Check::Timeliness, code, Severity::Warning);
        match submitted.date(row) {
            None => failures.push(
                failure("quality.submitted_missing")
                    .column(&timeliness.submitted)
                    .with("column", &timeliness.submitted),
            ),
            Some(day) => {
                let Some(due) = deadline(period, timeliness.timely_days) else {
                    continue;
                };
                if day > due {
                    let shown = submitted.value(row).to_text();
                    failures.push(
                        failure("quality.submitted_late")
                            .column(&timeliness.submitted)
                            .value(&shown)
                            .with("submitted", &shown)
                            .with("deadline", due)
                            .with("days_late", (day - due).num_days()),
                    );
                }
            }
        }
    }
    failures
}

/// Messages of the codes this file raises.
pub const MESSAGES: &[Message] = &[
    Message {
        code: "quality.submitted_late",
        en: "Submitted {submitted}, {days_late} day(s) after the deadline {deadline}",
        fr: "Transmis le {submitted}, {days_late} jour(s) après l'échéance du {deadline}",
    },
    Message {
        code: "quality.submitted_missing",
        en: "The record has no submission time ({column}): it cannot be shown on time",
        fr: "L'enregistrement n'a pas d'heure de transmission ({column}) : il ne peut être compté à temps",
    },
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::period::PeriodType;

    #[test]
    fn the_deadline_counts_days_after_the_period_end() {
        let january = Period::parse("202601").unwrap();
        let day = |t: &str| NaiveDate::parse_from_str(t, "%Y-%m-%d").unwrap();
        assert_eq!(deadline(&january, 7), Some(day("2026-02-07")));
        assert_eq!(deadline(&january, 0), Some(day("2026-01-31")));
        let q1 = Period::containing(PeriodType::Quarterly, day("2026-02-10")).unwrap();
        assert_eq!(deadline(&q1, 15), Some(day("2026-04-15")));
    }
}
