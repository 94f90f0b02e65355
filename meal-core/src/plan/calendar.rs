//! The reporting calendar: for a date range, what is due when — SITREPs, annual reports, donor
//! reports, evaluations, data-quality reviews and the mission seminar — per project and for the
//! mission.
//!
//! [`Calendar::build`] lists every item whose **due date** falls in `[from, to]` (both
//! inclusive), sorted by date, then project (the mission first), kind, period, reference and
//! responsible role. Each plan contributes from its `start` on:
//!
//! | item | periods | due |
//! |---|---|---|
//! | SITREP | the periods of the SITREP cadence (`2026-01` … for monthly) | period end + `sitrep_due_days` |
//! | annual report | calendar years (`2026`) | December 31 + `annual_report_due_days` |
//! | donor report | the periods of the donor frequency, when the plan has one and its due days | period end + `donor_due_days` |
//! | quality review | the periods of the quality-review cadence | period end |
//! | evaluation | the evaluation's own period | its end |
//! | seminar | — (the request's `seminar` day, for the mission: `project` is `null`) | that day |
//!
//! Periods are [`crate::period`] periods (DHIS2 ids: `202601`, `2026Q1`, `2026S2`, `2026W5`),
//! so month ends, leap years and ISO weeks are theirs. Due dates are counted in calendar days
//! after the period's last day, as DHIS2 counts `timelyDays` after a period's end
//! (reference/logframes-indicators.md §1.8, §7.8).
//!
//! Decisions worth knowing:
//! * **Plan start.** A period is reported on when it ends on or after the plan's `start`: a plan
//!   starting on 15 March reports on March (a partial month) but not on February, even when
//!   February's SITREP would only be due after 15 March. An evaluation ending before `start`
//!   is never listed (`plan.evaluation_before_start` says so).
//! * **What cannot be placed is left out, not guessed**: a `continuous` or `once` cadence
//!   (`plan.bad_cadence`) or a donor frequency without due days (`plan.donor_without_due_days`)
//!   lists nothing; [`super::MealPlan::validate`] reports each.
//! * **Monotone.** Whether an item is listed depends only on its plan and on its due date
//!   lying in the range, so widening the range never drops an item.
//! * **Range guard** (`plan.bad_range`): `from` after `to`; a range longer than
//!   [`MAX_RANGE_YEARS`] years (`to` later than the same day ten years on), which keeps a
//!   calendar a list a person reads rather than an accidental century of weekly items; or a
//!   date outside the years [`FIRST_YEAR`]–[`LAST_YEAR`], so that every period a due date can
//!   come from has a period id (ids name years 1000–9999).
//! * Two plans of one project both contribute (nothing is dropped); coverage reports the
//!   duplicate (`plan.duplicate_plan`).
//!
//! | code | when |
//! |---|---|
//! | `plan.bad_range` | `from` after `to`, longer than ten years, or outside the years 1001–9998 (`from`, `to`) |

use chrono::{Datelike, Days, Months, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::error::MealError;
use crate::i18n::Message;
use crate::period::Period;

use super::{Frequency, MealPlan};

/// What is due.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DueKind {
    Sitrep,
    AnnualReport,
    DonorReport,
    Evaluation,
    QualityReview,
    Seminar,
}

/// The calendar asked for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarRequest {
    /// First and last day (inclusive) of the range: items *due* in it are listed.
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// The day of the annual mission seminar, when one is set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seminar: Option<NaiveDate>,
}

/// One thing due.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Due {
    pub date: NaiveDate,
    pub kind: DueKind,
    /// The project code; `None` for the mission (the seminar).
    pub project: Option<String>,
    /// The period reported on (SITREP, annual, donor, quality review, evaluation).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<Period>,
    /// The evaluation code, for an evaluation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    /// The responsible role code, when the plan names one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub responsible: Option<String>,
}

/// Everything due in the range, sorted by date, then project (mission first), kind, period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Calendar {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub due: Vec<Due>,
}

/// The longest range a calendar lists, in years.
pub const MAX_RANGE_YEARS: u32 = 10;
/// The first year a range may start in (a period id year of 1000 has a year before it).
pub const FIRST_YEAR: i32 = 1001;
/// The last year a range may end in.
pub const LAST_YEAR: i32 = 9998;

impl Calendar {
    /// The calendar of `plans` over the request's range. Errors: `plan.bad_range` (from after
    /// to, a range longer than [`MAX_RANGE_YEARS`], or a date outside
    /// [`FIRST_YEAR`]–[`LAST_YEAR`]).
    pub fn build(plans: &[MealPlan], request: &CalendarRequest) -> Result<Calendar, MealError> {
        check_range(request)?;
        let mut due = Vec::new();
        for plan in plans {
            plan_items(plan, request, &mut due);
        }
        if let Some(day) = request.seminar.filter(|d| in_range(request, *d)) {
            due.push(Due {
                date: day,
                kind: DueKind::Seminar,
                project: None,
                period: None,
                reference: None,
                responsible: None,
            });
        }
        due.sort_by(|a, b| sort_key(a).cmp(&sort_key(b)));
        Ok(Calendar {
            from: request.from,
            to: request.to,
            due,
        })
    }

    /// Reads the `plan.calendar` input — `{plans: [..], request: {from, to, seminar?}}` — and
    /// builds the calendar. Reading findings of the plans (unknown fields) do not stop it.
    /// Errors: `json.malformed`, `document.invalid` (paths into the input), `document.*` of a
    /// plan (under `/plans/{i}`), `plan.bad_range`.
    pub fn build_json(input: &str) -> Result<Calendar, MealError> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Input {
            #[serde(default)]
            plans: Vec<serde_json::Value>,
            request: CalendarRequest,
        }
        let raw: Input = serde_json::from_str(input).map_err(|e| {
            if e.is_data() {
                MealError::new("document.invalid")
                    .at("/")
                    .with("kind", "plan.calendar")
                    .with("detail", e)
            } else {
                crate::document::malformed(&e)
            }
        })?;
        let plans = raw
            .plans
            .iter()
            .enumerate()
            .map(|(i, value)| {
                MealPlan::from_json(&value.to_string())
                    .map(|parsed| parsed.value)
                    .map_err(|mut e| {
                        e.path = format!("/plans/{i}{}", e.path.trim_end_matches('/'));
                        e
                    })
            })
            .collect::<Result<Vec<_>, _>>()?;
        Calendar::build(&plans, &raw.request)
    }

    /// The items of one project (and the mission's, which concern every project).
    pub fn for_project(&self, project: &str) -> Vec<&Due> {
        self.due
            .iter()
            .filter(|d| d.project.as_deref().is_none_or(|p| p == project))
            .collect()
    }
}

/// The order items are listed in: date, project (mission first), kind, period, reference, role.
type SortKey<'a> = (
    NaiveDate,
    Option<&'a str>,
    DueKind,
    Option<Period>,
    Option<&'a str>,
    Option<&'a str>,
);

fn sort_key(due: &Due) -> SortKey<'_> {
    (
        due.date,
        due.project.as_deref(),
        due.kind,
        due.period,
        due.reference.as_deref(),
        due.responsible.as_deref(),
    )
}

/// `plan.bad_range` unless the request's range can be listed.
fn check_range(request: &CalendarRequest) -> Result<(), MealError> {
    let (from, to) = (request.from, request.to);
    let years = FIRST_YEAR..=LAST_YEAR;
    let limit = from.checked_add_months(Months::new(12 * MAX_RANGE_YEARS));
    let fits = from <= to
        && years.contains(&from.year())
        && years.contains(&to.year())
        && limit.is_some_and(|limit| to <= limit);
    if fits {
        Ok(())
    } else {
        Err(MealError::new("plan.bad_range")
            .with("from", from)
            .with("to", to)
            .with("max_years", MAX_RANGE_YEARS)
            .with("first_year", FIRST_YEAR)
            .with("last_year", LAST_YEAR))
    }
}

/// A day every period type of year 1000 can hold (a November-anchored one starts in 999).
fn first_period_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(1000, 2, 1).unwrap_or(NaiveDate::MIN)
}

fn in_range(request: &CalendarRequest, day: NaiveDate) -> bool {
    request.from <= day && day <= request.to
}

/// One kind of recurring report of a plan: its cadence and delay.
struct Recurring {
    kind: DueKind,
    cadence: Frequency,
    due_days: u32,
}

/// Every item of `plan` due in the request's range.
fn plan_items(plan: &MealPlan, request: &CalendarRequest, out: &mut Vec<Due>) {
    let schedule = &plan.reporting;
    let mut recurring = vec![
        Recurring {
            kind: DueKind::Sitrep,
            cadence: schedule.sitrep,
            due_days: schedule.sitrep_due_days,
        },
        Recurring {
            kind: DueKind::AnnualReport,
            cadence: Frequency::Yearly,
            due_days: schedule.annual_report_due_days,
        },
        Recurring {
            kind: DueKind::QualityReview,
            cadence: schedule.quality_review,
            due_days: 0,
        },
    ];
    if let (Some(cadence), Some(due_days)) = (schedule.donor, schedule.donor_due_days) {
        recurring.push(Recurring {
            kind: DueKind::DonorReport,
            cadence,
            due_days,
        });
    }
    for report in &recurring {
        for (period, date) in due_periods(plan.start, report, request) {
            out.push(Due {
                date,
                kind: report.kind,
                project: Some(plan.project.clone()),
                period: Some(period),
                reference: None,
                responsible: None,
            });
        }
    }
    for evaluation in &plan.evaluations {
        let date = evaluation.period.end();
        if date >= plan.start && in_range(request, date) {
            out.push(Due {
                date,
                kind: DueKind::Evaluation,
                project: Some(plan.project.clone()),
                period: Some(evaluation.period),
                reference: Some(evaluation.code.clone()),
                responsible: Some(evaluation.responsible.clone()),
            });
        }
    }
}

/// The periods of `report`'s cadence that end on or after `start` and whose due date (end +
/// due days) lies in the range, with that date.
///
/// Only periods ending in `[from − due days, to − due days]` can be due in the range, so the
/// walk starts at the period holding the later of that bound and `start`. When `to − due days`
/// is before every date chrono knows, nothing can be due.
fn due_periods(
    start: NaiveDate,
    report: &Recurring,
    request: &CalendarRequest,
) -> Vec<(Period, NaiveDate)> {
    let mut found = Vec::new();
    let Some(period_type) = report.cadence.period_type() else {
        return found;
    };
    let delay = Days::new(u64::from(report.due_days));
    let Some(last_end) = request.to.checked_sub_days(delay) else {
        return found;
    };
    // Periods ending before the first period ids (year 1000) have no id, and none can be due.
    let first_end = request
        .from
        .checked_sub_days(delay)
        .map_or(start, |d| d.max(start))
        .max(first_period_day());
    let mut current = Period::containing(period_type, first_end);
    while let Ok(period) = current {
        if period.end() > last_end {
            break;
        }
        let due = period.end().checked_add_days(delay);
        if let Some(due) = due.filter(|d| period.end() >= start && in_range(request, *d)) {
            found.push((period, due));
        }
        current = period.next();
    }
    found
}

/// Every code this file raises, in English and French.
pub const MESSAGES: &[Message] = &[Message {
    code: "plan.bad_range",
    en: "The calendar range {from} to {to} cannot be listed: it must not end before it starts, span more than {max_years} years, or leave the years {first_year} to {last_year}",
    fr: "La période du calendrier du {from} au {to} ne peut pas être listée : elle ne doit ni finir avant de commencer, ni dépasser {max_years} ans, ni sortir des années {first_year} à {last_year}",
}];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::{ReportingSchedule, Role};
    use crate::text::Text;

    fn date(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    fn plan(sitrep: Frequency, due_days: u32) -> MealPlan {
        MealPlan {
            format_version: 1,
            project: "P".into(),
            start: date("2026-01-01"),
            roles: vec![Role {
                code: "meal".into(),
                name: Text::new("MEAL", "SERA"),
            }],
            reporting: ReportingSchedule {
                sitrep,
                sitrep_due_days: due_days,
                annual_report_due_days: 90,
                donor: None,
                donor_due_days: None,
                quality_review: Frequency::Once,
            },
            indicators: Vec::new(),
            evaluations: Vec::new(),
            accountability: Vec::new(),
            learning_agenda: Vec::new(),
        }
    }

    fn request(from: &str, to: &str) -> CalendarRequest {
        CalendarRequest {
            from: date(from),
            to: date(to),
            seminar: None,
        }
    }

    fn listed(calendar: &Calendar) -> Vec<(String, String)> {
        calendar
            .due
            .iter()
            .map(|d| {
                let period = d.period.map(|p| p.id()).unwrap_or_default();
                (d.date.to_string(), period)
            })
            .collect()
    }

    #[test]
    fn six_monthly_sitreps_due_after_half_year_ends() {
        // 2026S1 ends 06-30, + 31 days = 07-31; 2026S2 ends 12-31, + 31 = 2027-01-31.
        let calendar = Calendar::build(
            &[plan(Frequency::SixMonthly, 31)],
            &request("2026-07-01", "2027-01-31"),
        )
        .unwrap();
        let expected = [("2026-07-31", "2026S1"), ("2027-01-31", "2026S2")];
        let expected: Vec<_> = expected
            .iter()
            .map(|(d, p)| (d.to_string(), p.to_string()))
            .collect();
        assert_eq!(listed(&calendar), expected);
    }

    #[test]
    fn the_range_guard_names_the_dates() {
        let err = Calendar::build(&[], &request("2026-03-01", "2026-02-01")).unwrap_err();
        assert_eq!(err.code, "plan.bad_range");
        assert_eq!(err.params["from"], "2026-03-01");
        assert!(err.message(crate::Locale::Fr).contains("10 ans"));
        assert!(Calendar::build(&[], &request("2024-02-29", "2034-02-28")).is_ok());
        assert!(Calendar::build(&[], &request("2024-02-29", "2034-03-01")).is_err());
        assert!(Calendar::build(&[], &request("9998-01-01", "9998-12-31")).is_ok());
    }

    #[test]
    fn for_project_keeps_the_mission_items() {
        let mut other = plan(Frequency::Monthly, 0);
        other.project = "Q".into();
        let mut asked = request("2026-01-31", "2026-01-31");
        asked.seminar = Some(date("2026-01-31"));
        let calendar = Calendar::build(&[plan(Frequency::Monthly, 0), other], &asked).unwrap();
        assert_eq!(calendar.due.len(), 3);
        assert_eq!(calendar.due[0].kind, DueKind::Seminar);
        let kinds: Vec<_> = calendar.for_project("Q").iter().map(|d| d.kind).collect();
        assert_eq!(kinds, [DueKind::Seminar, DueKind::Sitrep]);
    }

    #[test]
    fn json_entry_reads_plans_and_request() {
        let input = format!(
            r#"{{"plans": [{}], "request": {{"from": "2026-02-10", "to": "2026-02-10"}}}}"#,
            plan(Frequency::Monthly, 10).to_json()
        );
        let calendar = Calendar::build_json(&input).unwrap();
        assert_eq!(
            listed(&calendar),
            [("2026-02-10".to_owned(), "202601".to_owned())]
        );
        let err = Calendar::build_json(r#"{"plans": [{"format_version": 3}], "request": {"from": "2026-01-01", "to": "2026-01-02"}}"#)
            .unwrap_err();
        assert_eq!(err.code, "document.format_version");
        assert_eq!(err.path, "/plans/0/format_version");
    }
}
