//! Response deadlines per type and sensitivity (acknowledge, respond, close the loop) and what
//! is overdue at an instant.
//!
//! The CHS asks that complaints be handled "in a timely, fair and appropriate manner" (CHS 5.3)
//! and sets no number (reference/gdpr-feedback.md §3.1): the numbers are the mission's, in a
//! [`Deadlines`] document. [`Deadlines::proposed`] gives the defaults of §5.6 — **proposals
//! (\[P\]), not sourced figures**, to be reviewed by each mission:
//!
//! | rule | `code_prefix` | `sensitive` | acknowledge | respond | close the loop |
//! |---|---|---|---|---|---|
//! | `/default` | (any other item) | | 2 working days | 14 days | 14 days |
//! | `/rules/0` | `""` (any) | `true` | 24 hours | 90 days | — |
//! | `/rules/1` | `question` | `false` | 2 working days | 7 days | 7 days |
//! | `/rules/2` | `request_support` | `false` | same day (0 days) | 3 days | 3 days |
//! | `/rules/3` | `suggestion` | `false` | 7 days | — | 30 days (monthly summary) |
//! | `/rules/4` | `praise` | `false` | — | — | — (aggregate loop) |
//! | `/rules/5` | `complaint` | `false` | 2 working days | 14 days | 14 days |
//! | `/rules/6` | `rumour` | `false` | — | — | — (community messaging cycle) |
//! | `/rules/7` | `out_of_scope` | `false` | 2 days | — | — |
//! | `/rules/8` | `sea` | any | 24 hours | 90 days (investigation opened before the three-month MOS indicator, §3.3 \[V-sec\]) | — |
//! | `/rules/9` | `fraud` | any | 48 hours | — | — |
//! | `/rules/10` | `security` | any | 1 hour ("immediate") | — | — |
//! | `/rules/11` | `child_protection` | any | 1 hour ("immediate") | — | — |
//! | `/rules/12` | `data_protection` | any | 2 days | 1 month (GDPR Art. 12(3)) | 1 month |
//!
//! "—" is no deadline: the step is never overdue (§5.6 gives no figure, or "per investigation
//! policy"). "Immediate" has no measurable zero; one hour is the proposal.
//!
//! # How a rule matches an item
//!
//! Deadlines do not depend on the taxonomy's API: a rule names a **`code_prefix`** and,
//! optionally, the **`sensitive`** flag. It matches an [`Item`] whose `code` starts with the
//! prefix (plain, case-sensitive `starts_with`: end a prefix with the taxonomy's separator,
//! `question.`, to keep it from matching `questionnaire`) and whose `sensitive` flag equals
//! the rule's, when the rule gives one. Among the matching rules the **longest prefix** wins,
//! then a rule that names the flag over one that does not, then the first in the list; when
//! none matches, `default` applies — so every item has deadlines. This makes the sensitive
//! flag an override of the type, as §3.5 rule 1 asks (sensitivity is orthogonal to type): with
//! the defaults, a `question` flagged sensitive is not matched by the `question` rule
//! (`sensitive: false`) and falls to the "any sensitive item" rule (it goes to the
//! safeguarding focal point, §3.5 rule 2), while an `sea` item keeps its own rule whatever
//! its flag.
//!
//! # Counting
//!
//! Every step is counted **from the receipt** (`received_at`), in **the item's own offset**
//! (the time zone it was received in); the deadline is reported in that offset.
//!
//! | span | deadline |
//! |---|---|
//! | `{"hours": n}` | the receipt instant + n hours |
//! | `{"days": n}` | the end (23:59:59) of the n-th calendar day after the day of receipt; 0 = the same day. 31 December + 2 days = 2 January |
//! | `{"working_days": n}` | the end of the n-th working day after the day of receipt (0 = the first working day from the day of receipt on); weekends and `holidays` are skipped |
//! | `{"months": n}` | the end of the same day n months later, clamped to the month's end (31 January + 1 month = 28/29 February), as Regulation 1182/71 art. 3 counts months |
//!
//! * **Working days**: the weekend is Saturday and Sunday unless `weekend` lists other days
//!   (missions where Friday is not worked); public holidays are a list of dates in the
//!   document (`holidays`), none by default: they differ by country (and Alsace-Moselle).
//!   Holidays and weekends matter only to `working_days`.
//! * **Offsets are fixed.** An item carries a UTC offset, not a time zone: a deadline that
//!   spans a daylight-saving change keeps the receipt's offset (its end of day is 23:59:59 in
//!   that offset, an hour off the wall clock after the change). Comparisons are between
//!   instants, so `at` may be given in any offset.
//! * **To the second.** Deadlines are whole seconds and comparisons truncate to whole seconds:
//!   a step done at 23:59:59.8 on its last day is on time. `late_by_seconds` is whole seconds.
//! * **A step is done** when the case first reaches a state at or past it: `acknowledge` by
//!   `acknowledged`, `referred`, `in_progress`, `responded` or `loop_closed` (a referral to
//!   the focal point acknowledges, see [`super::workflow`]); `respond` by `responded` or
//!   `loop_closed`; `close_loop` by `loop_closed`. A **withdrawal** stops the clock of every
//!   step not yet done.
//! * **Overdue at `at`**: the step has a deadline, `at` is after it, and the step was neither
//!   done nor stopped at or before `at` — a step done later than `at` was still overdue at
//!   `at`, so the list can be computed for any past instant. Once overdue, a step stays
//!   overdue until it is done or the case withdrawn (property-tested). The list is sorted by
//!   deadline (most late first), then item id, then step; it shows ids and steps only, never
//!   content (§3.5 rule 2: a sensitive item leaves only a stub in programme views).
//! * Spans are bounded to about ten years (87 840 hours, 3 660 days, 2 610 working days,
//!   120 months) so that no document can make the computation run away.
//!
//! # Codes
//!
//! | code | kind | params | when |
//! |---|---|---|---|
//! | `feedback.deadline_duplicate_rule` | finding (error) | `code_prefix`, `sensitive` | two rules with the same prefix and flag; the first wins |
//! | `feedback.deadline_too_long` | finding (error) and `MealError` | `step`, `unit`, `amount`, `limit` | a span beyond the bound |
//! | `feedback.deadline_no_working_day` | finding (error) and `MealError` | — | `weekend` lists all seven days |
//! | `feedback.deadline_out_of_range` | `MealError` | `item` | the deadline falls beyond the calendar (year 262 143) |
//! | `feedback.case_item_mismatch` | `MealError` | `item`, `case_item` | the case is not the item's (other id, or other receipt instant) |
//! | `feedback.duplicate_item` | `MealError` | `item` | two items share an id (`/items/<i>`) |
//! | `feedback.duplicate_case` | `MealError` | `item` | two cases for one item (`/cases/<i>`) |
//! | `feedback.case_without_item` | `MealError` | `item` | a case whose item is not in the list (`/cases/<i>`) |

use std::collections::{BTreeMap, BTreeSet};

use chrono::{
    DateTime, Datelike, Days, FixedOffset, Months, NaiveDate, TimeDelta, TimeZone, Timelike,
};
use serde::{Deserialize, Serialize};

use super::item::Item;
use super::workflow::{Case, State};
use crate::document::{self, Parsed};
use crate::error::{sort_findings, Finding, MealError};

/// Format version of the deadlines document.
pub const FORMAT_VERSION: u32 = 1;

/// A response time, in one unit (see the module docs for how each counts).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Span {
    Hours(u32),
    Days(u32),
    WorkingDays(u32),
    Months(u32),
}

impl Span {
    /// The unit's JSON name.
    pub fn unit(self) -> &'static str {
        match self {
            Span::Hours(_) => "hours",
            Span::Days(_) => "days",
            Span::WorkingDays(_) => "working_days",
            Span::Months(_) => "months",
        }
    }

    /// The number of units.
    pub fn amount(self) -> u32 {
        match self {
            Span::Hours(n) | Span::Days(n) | Span::WorkingDays(n) | Span::Months(n) => n,
        }
    }

    /// The largest amount accepted in this unit: about ten years.
    pub fn limit(self) -> u32 {
        match self {
            Span::Hours(_) => 87_840,
            Span::Days(_) => 3_660,
            Span::WorkingDays(_) => 2_610,
            Span::Months(_) => 120,
        }
    }

    fn too_long(self, step: Step) -> Option<MealError> {
        (self.amount() > self.limit()).then(|| {
            MealError::new("feedback.deadline_too_long")
                .with("step", step.as_str())
                .with("unit", self.unit())
                .with("amount", self.amount())
                .with("limit", self.limit())
        })
    }
}

/// A step of the workflow that has a deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    Acknowledge,
    Respond,
    CloseLoop,
}

impl Step {
    /// The steps in workflow order.
    pub const ALL: [Step; 3] = [Step::Acknowledge, Step::Respond, Step::CloseLoop];

    /// The snake_case name used in JSON and in params.
    pub fn as_str(self) -> &'static str {
        match self {
            Step::Acknowledge => "acknowledge",
            Step::Respond => "respond",
            Step::CloseLoop => "close_loop",
        }
    }

    /// True when a case in `state` has done this step.
    pub fn is_done_in(self, state: State) -> bool {
        use State as S;
        match self {
            Step::Acknowledge => matches!(
                state,
                S::Acknowledged | S::Referred | S::InProgress | S::Responded | S::LoopClosed
            ),
            Step::Respond => matches!(state, S::Responded | S::LoopClosed),
            Step::CloseLoop => state == S::LoopClosed,
        }
    }
}

/// The three response times of a rule; absent means no deadline for that step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Steps {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub acknowledge: Option<Span>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub respond: Option<Span>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub close_loop: Option<Span>,
}

impl Steps {
    /// The span of `step`.
    pub fn span(&self, step: Step) -> Option<Span> {
        match step {
            Step::Acknowledge => self.acknowledge,
            Step::Respond => self.respond,
            Step::CloseLoop => self.close_loop,
        }
    }
}

/// Deadlines for the items whose code starts with `code_prefix` (and, when given, whose
/// sensitive flag is `sensitive`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rule {
    pub code_prefix: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sensitive: Option<bool>,
    pub steps: Steps,
}

impl Rule {
    fn matches(&self, item: &Item) -> bool {
        item.code.starts_with(&self.code_prefix)
            && self.sensitive.is_none_or(|flag| flag == item.sensitive)
    }

    /// Higher is more specific: prefix length, then a named flag.
    fn specificity(&self) -> (usize, bool) {
        (self.code_prefix.len(), self.sensitive.is_some())
    }
}

/// A day of the week, for the `weekend` list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Weekday {
    Monday,
    Tuesday,
    Wednesday,
    Thursday,
    Friday,
    Saturday,
    Sunday,
}

impl Weekday {
    fn of(date: NaiveDate) -> Weekday {
        match date.weekday() {
            chrono::Weekday::Mon => Weekday::Monday,
            chrono::Weekday::Tue => Weekday::Tuesday,
            chrono::Weekday::Wed => Weekday::Wednesday,
            chrono::Weekday::Thu => Weekday::Thursday,
            chrono::Weekday::Fri => Weekday::Friday,
            chrono::Weekday::Sat => Weekday::Saturday,
            chrono::Weekday::Sun => Weekday::Sunday,
        }
    }
}

/// The weekend when the document names none.
pub const DEFAULT_WEEKEND: [Weekday; 2] = [Weekday::Saturday, Weekday::Sunday];

/// The mission's response deadlines (see the module docs).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deadlines {
    pub format_version: u32,
    /// For items no rule matches.
    pub default: Steps,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rules: Vec<Rule>,
    /// Public holidays, skipped by `working_days`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub holidays: Vec<NaiveDate>,
    /// Days not worked; Saturday and Sunday when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weekend: Option<Vec<Weekday>>,
}

impl Deadlines {
    /// The §5.6 defaults of the module docs — proposals, to be reviewed by each mission.
    pub fn proposed() -> Deadlines {
        use Span::{Days, Hours, Months, WorkingDays};
        let steps = |acknowledge, respond, close_loop| Steps {
            acknowledge,
            respond,
            close_loop,
        };
        let rule = |prefix: &str, sensitive, steps| Rule {
            code_prefix: prefix.to_owned(),
            sensitive,
            steps,
        };
        let none = steps(None, None, None);
        Deadlines {
            format_version: FORMAT_VERSION,
            default: steps(Some(WorkingDays(2)), Some(Days(14)), Some(Days(14))),
            rules: vec![
                rule("", Some(true), steps(Some(Hours(24)), Some(Days(90)), None)),
                rule(
                    "question",
                    Some(false),
                    steps(Some(WorkingDays(2)), Some(Days(7)), Some(Days(7))),
                ),
                rule(
                    "request_support",
                    Some(false),
                    steps(Some(Days(0)), Some(Days(3)), Some(Days(3))),
                ),
                rule(
                    "suggestion",
                    Some(false),
                    steps(Some(Days(7)), None, Some(Days(30))),
                ),
                rule("praise", Some(false), none),
                rule(
                    "complaint",
                    Some(false),
                    steps(Some(WorkingDays(2)), Some(Days(14)), Some(Days(14))),
                ),
                rule("rumour", Some(false), none),
                rule(
                    "out_of_scope",
                    Some(false),
                    steps(Some(Days(2)), None, None),
                ),
                rule("sea", None, steps(Some(Hours(24)), Some(Days(90)), None)),
                rule("fraud", None, steps(Some(Hours(48)), None, None)),
                rule("security", None, steps(Some(Hours(1)), None, None)),
                rule("child_protection", None, steps(Some(Hours(1)), None, None)),
                rule(
                    "data_protection",
                    None,
                    steps(Some(Days(2)), Some(Months(1)), Some(Months(1))),
                ),
            ],
            holidays: Vec::new(),
            weekend: None,
        }
    }

    /// Reads a deadlines document; the findings are those of reading and of [`Self::check`].
    pub fn from_json(json: &str) -> Result<Parsed<Deadlines>, MealError> {
        let mut parsed: Parsed<Deadlines> =
            document::read(json, "feedback_deadlines", FORMAT_VERSION)?;
        parsed.findings.extend(parsed.value.check());
        sort_findings(&mut parsed.findings);
        Ok(parsed)
    }

    /// The JSON form.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The document's problems: duplicate rules, spans beyond the bound, no working day.
    pub fn check(&self) -> Vec<Finding> {
        let mut found = Vec::new();
        let mut seen = BTreeSet::new();
        for (index, rule) in self.rules.iter().enumerate() {
            if !seen.insert((&rule.code_prefix, rule.sensitive)) {
                found.push(
                    Finding::error(
                        "feedback.deadline_duplicate_rule",
                        format!("/rules/{index}"),
                    )
                    .with("code_prefix", &rule.code_prefix)
                    .with("sensitive", flag_name(rule.sensitive)),
                );
            }
            found.extend(span_findings(&rule.steps, &format!("/rules/{index}/steps")));
        }
        found.extend(span_findings(&self.default, "/default"));
        if self.calendar().is_err() {
            found.push(Finding::error(
                "feedback.deadline_no_working_day",
                "/weekend",
            ));
        }
        sort_findings(&mut found);
        found
    }

    /// The rule that applies to `item`: its path in the document (`/rules/3`, `/default`)
    /// and its steps.
    pub fn rule_for(&self, item: &Item) -> (String, &Steps) {
        let mut best: Option<(usize, &Rule)> = None;
        for (index, rule) in self.rules.iter().enumerate() {
            let better = best.is_none_or(|(_, b)| rule.specificity() > b.specificity());
            if rule.matches(item) && better {
                best = Some((index, rule));
            }
        }
        match best {
            Some((index, rule)) => (format!("/rules/{index}"), &rule.steps),
            None => ("/default".to_owned(), &self.default),
        }
    }

    fn calendar(&self) -> Result<Calendar, MealError> {
        let weekend: BTreeSet<Weekday> = match &self.weekend {
            Some(days) => days.iter().copied().collect(),
            None => DEFAULT_WEEKEND.into_iter().collect(),
        };
        if weekend.len() >= 7 {
            return Err(MealError::new("feedback.deadline_no_working_day").at("/weekend"));
        }
        Ok(Calendar {
            weekend,
            holidays: self.holidays.iter().copied().collect(),
        })
    }
}

fn flag_name(flag: Option<bool>) -> &'static str {
    match flag {
        Some(true) => "true",
        Some(false) => "false",
        None => "any",
    }
}

fn span_findings(steps: &Steps, path: &str) -> Vec<Finding> {
    Step::ALL
        .into_iter()
        .filter_map(|step| {
            let error = steps.span(step)?.too_long(step)?;
            let finding = Finding::error(&error.code, format!("{path}/{}", step.as_str()));
            Some(
                error
                    .params
                    .into_iter()
                    .fold(finding, |f, (k, v)| f.with(&k, v)),
            )
        })
        .collect()
}

/// Which days are worked.
#[derive(Debug, Clone)]
struct Calendar {
    weekend: BTreeSet<Weekday>,
    holidays: BTreeSet<NaiveDate>,
}

impl Calendar {
    fn is_working_day(&self, date: NaiveDate) -> bool {
        !self.weekend.contains(&Weekday::of(date)) && !self.holidays.contains(&date)
    }

    /// The n-th working day after `from` (0: the first working day from `from` on). Ends:
    /// at most seven days per working day plus one per holiday, since a week has a working day.
    fn nth_working_day(&self, from: NaiveDate, n: u32) -> Option<NaiveDate> {
        let mut day = from;
        let mut counted = 0u32;
        if n == 0 && self.is_working_day(day) {
            return Some(day);
        }
        let bound = (u64::from(n) + 1) * 7 + self.holidays.len() as u64;
        for _ in 0..bound {
            day = day.succ_opt()?;
            if self.is_working_day(day) {
                if counted == n.saturating_sub(1) {
                    return Some(day);
                }
                counted += 1;
            }
        }
        None
    }

    /// The deadline of `span` for something received at `received_at`.
    fn deadline(
        &self,
        span: Span,
        received_at: DateTime<FixedOffset>,
    ) -> Option<DateTime<FixedOffset>> {
        let day = received_at.date_naive();
        let last_day = match span {
            Span::Hours(n) => {
                let end = received_at.checked_add_signed(TimeDelta::hours(i64::from(n)))?;
                return end.with_nanosecond(0);
            }
            Span::Days(n) => day.checked_add_days(Days::new(u64::from(n)))?,
            Span::WorkingDays(n) => self.nth_working_day(day, n)?,
            Span::Months(n) => day.checked_add_months(Months::new(n))?,
        };
        let end_of_day = last_day.and_hms_opt(23, 59, 59)?;
        received_at
            .offset()
            .from_local_datetime(&end_of_day)
            .single()
    }
}

/// One step's deadline and what became of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct StepDue {
    /// The deadline, in the item's offset; `None` when the rule sets none.
    pub by: Option<DateTime<FixedOffset>>,
    /// When the case first did the step.
    pub done_at: Option<DateTime<FixedOffset>>,
    /// Done by the deadline (to the second); `None` until both are known.
    pub on_time: Option<bool>,
}

/// The deadlines of one item, and the rule they come from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Dues {
    pub item: String,
    /// The path of the rule in the deadlines document (`/rules/3`, `/default`).
    pub rule: String,
    pub acknowledge: StepDue,
    pub respond: StepDue,
    pub close_loop: StepDue,
}

impl Dues {
    /// The deadline of `step`.
    pub fn step(&self, step: Step) -> &StepDue {
        match step {
            Step::Acknowledge => &self.acknowledge,
            Step::Respond => &self.respond,
            Step::CloseLoop => &self.close_loop,
        }
    }
}

/// When `case` first did `step`.
pub fn done_at(case: &Case, step: Step) -> Option<DateTime<FixedOffset>> {
    case.history()
        .iter()
        .find(|t| step.is_done_in(t.to))
        .map(|t| t.at)
}

/// When `case` was withdrawn.
pub fn withdrawn_at(case: &Case) -> Option<DateTime<FixedOffset>> {
    case.history()
        .iter()
        .find(|t| t.to == State::Withdrawn)
        .map(|t| t.at)
}

/// The deadlines of `item` under `config`, with what its `case` (if any) did of them.
pub fn due(item: &Item, case: Option<&Case>, config: &Deadlines) -> Result<Dues, MealError> {
    dues_with(item, case, config, &config.calendar()?)
}

fn dues_with(
    item: &Item,
    case: Option<&Case>,
    config: &Deadlines,
    calendar: &Calendar,
) -> Result<Dues, MealError> {
    if let Some(case) = case {
        if case.item_id() != item.id || case.received_at() != item.received_at {
            return Err(MealError::new("feedback.case_item_mismatch")
                .with("item", &item.id)
                .with("case_item", case.item_id()));
        }
    }
    let (rule, steps) = config.rule_for(item);
    let step_due = |step: Step| -> Result<StepDue, MealError> {
        let by = match steps.span(step) {
            None => None,
            Some(span) => {
                if let Some(error) = span.too_long(step) {
                    return Err(error.at(format!("{rule}/{}", step.as_str())));
                }
                let deadline = calendar.deadline(span, item.received_at).ok_or_else(|| {
                    MealError::new("feedback.deadline_out_of_range").with("item", &item.id)
                })?;
                Some(deadline)
            }
        };
        let done_at = case.and_then(|c| done_at(c, step));
        let on_time = by
            .zip(done_at)
            .map(|(by, done)| done.timestamp() <= by.timestamp());
        Ok(StepDue {
            by,
            done_at,
            on_time,
        })
    };
    Ok(Dues {
        item: item.id.clone(),
        acknowledge: step_due(Step::Acknowledge)?,
        respond: step_due(Step::Respond)?,
        close_loop: step_due(Step::CloseLoop)?,
        rule,
    })
}

/// A step past its deadline at the instant asked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Overdue {
    pub item: String,
    pub step: Step,
    /// The deadline, in the item's offset.
    pub due: DateTime<FixedOffset>,
    /// Whole seconds between the deadline and the instant asked.
    pub late_by_seconds: i64,
}

/// Every step overdue at `at` (see the module docs): items without a case are `received`.
pub fn overdue(
    items: &[Item],
    cases: &[Case],
    config: &Deadlines,
    at: DateTime<FixedOffset>,
) -> Result<Vec<Overdue>, MealError> {
    let calendar = config.calendar()?;
    let cases = cases_by_item(items, cases)?;
    let mut late = Vec::new();
    for item in items {
        let case = cases.get(item.id.as_str()).copied();
        let dues = dues_with(item, case, config, &calendar)?;
        let stopped = case.and_then(withdrawn_at);
        for step in Step::ALL {
            let due = dues.step(step);
            let Some(by) = due.by else { continue };
            let settled = [due.done_at, stopped].into_iter().flatten().min();
            let open = settled.is_none_or(|s| s.timestamp() > at.timestamp());
            if open && at.timestamp() > by.timestamp() {
                late.push(Overdue {
                    item: item.id.clone(),
                    step,
                    due: by,
                    late_by_seconds: at.timestamp() - by.timestamp(),
                });
            }
        }
    }
    late.sort_by(|a, b| (a.due, &a.item, a.step).cmp(&(b.due, &b.item, b.step)));
    Ok(late)
}

/// The cases by item id, after checking that ids are unique and every case has its item.
fn cases_by_item<'a>(
    items: &[Item],
    cases: &'a [Case],
) -> Result<BTreeMap<&'a str, &'a Case>, MealError> {
    let mut ids = BTreeSet::new();
    for (index, item) in items.iter().enumerate() {
        if !ids.insert(item.id.as_str()) {
            return Err(MealError::new("feedback.duplicate_item")
                .at(format!("/items/{index}"))
                .with("item", &item.id));
        }
    }
    let mut by_item = BTreeMap::new();
    for (index, case) in cases.iter().enumerate() {
        let code = if !ids.contains(case.item_id()) {
            "feedback.case_without_item"
        } else if by_item.insert(case.item_id(), case).is_some() {
            "feedback.duplicate_case"
        } else {
            continue;
        };
        return Err(MealError::new(code)
            .at(format!("/cases/{index}"))
            .with("item", case.item_id()));
    }
    Ok(by_item)
}

use crate::i18n::{Message, Term};

/// Codes raised here, in French and English.
pub(crate) const MESSAGES: &[Message] = &[
    Message {
        code: "feedback.deadline_duplicate_rule",
        en: "Another rule already has the prefix '{code_prefix}' and sensitivity '{sensitive}'; only the first applies",
        fr: "Une autre règle a déjà le préfixe « {code_prefix} » et la sensibilité « {sensitive} » ; seule la première s'applique",
    },
    Message {
        code: "feedback.deadline_too_long",
        en: "The deadline to {step} of {amount} {unit} is beyond the limit of {limit}",
        fr: "Le délai pour l'étape {step}, {amount} {unit}, dépasse la limite de {limit}",
    },
    Message {
        code: "feedback.deadline_no_working_day",
        en: "The weekend lists every day of the week: no working day is left to count",
        fr: "Le week-end comprend tous les jours de la semaine : il ne reste aucun jour ouvré à compter",
    },
    Message {
        code: "feedback.deadline_out_of_range",
        en: "The deadline of item {item} falls beyond the calendar",
        fr: "L'échéance de l'élément {item} tombe au-delà du calendrier",
    },
    Message {
        code: "feedback.case_item_mismatch",
        en: "The case of item {case_item} is not the case of item {item} (other id or receipt time)",
        fr: "Le dossier de l'élément {case_item} n'est pas celui de l'élément {item} (autre identifiant ou heure de réception)",
    },
    Message {
        code: "feedback.duplicate_item",
        en: "Two items have the id {item}",
        fr: "Deux éléments ont l'identifiant {item}",
    },
    Message {
        code: "feedback.duplicate_case",
        en: "Item {item} has more than one case",
        fr: "L'élément {item} a plus d'un dossier",
    },
    Message {
        code: "feedback.case_without_item",
        en: "The case of item {item} has no item in the list",
        fr: "Le dossier de l'élément {item} n'a pas d'élément dans la liste",
    },
];

/// Domain terms carried in params of these codes.
pub(crate) const TERMS: &[Term] = &[Term {
    key: "feedback_deadlines",
    en: "feedback deadlines",
    fr: "délais de réponse aux retours",
}];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::feedback::workflow::{Action, Event};
    use crate::i18n::Locale;

    fn at(text: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(text).unwrap()
    }

    fn item(id: &str, code: &str, sensitive: bool, received: &str) -> Item {
        serde_json::from_value(serde_json::json!({
            "id": id, "received_at": received, "channel": "hotline", "project": "p",
            "code": code, "sensitive": sensitive, "content": {"kind": "plain", "text": ""}
        }))
        .unwrap()
    }

    fn by(dues: &Dues, step: Step) -> String {
        dues.step(step)
            .by
            .map(|d| d.to_rfc3339())
            .unwrap_or_default()
    }

    #[test]
    fn the_proposed_document_is_clean_and_round_trips() {
        let proposed = Deadlines::proposed();
        assert!(proposed.check().is_empty());
        let read = Deadlines::from_json(&proposed.to_json()).unwrap();
        assert!(read.findings.is_empty());
        assert_eq!(read.value, proposed);
    }

    #[test]
    fn the_longest_prefix_wins_then_the_named_flag() {
        let config = Deadlines::proposed();
        let rule = |code, sensitive| {
            config
                .rule_for(&item("a", code, sensitive, "2026-03-02T09:00:00+01:00"))
                .0
        };
        assert_eq!(rule("question.opening_hours", false), "/rules/1");
        assert_eq!(rule("question.opening_hours", true), "/rules/0");
        assert_eq!(rule("sea.staff", true), "/rules/8");
        assert_eq!(rule("sea.staff", false), "/rules/8");
        assert_eq!(rule("other.thing", false), "/default");
        assert_eq!(rule("other.thing", true), "/rules/0");
    }

    #[test]
    fn calendar_days_cross_the_year_in_the_item_offset() {
        let config = Deadlines::proposed();
        // 00:30 on 31 December at +02:00 is still 30 December in UTC.
        let dues = due(
            &item("a", "out_of_scope.x", false, "2026-12-31T00:30:00+02:00"),
            None,
            &config,
        )
        .unwrap();
        assert_eq!(by(&dues, Step::Acknowledge), "2027-01-02T23:59:59+02:00");
        assert_eq!(dues.respond.by, None);
    }

    #[test]
    fn working_days_skip_weekends_and_holidays() {
        let mut config = Deadlines::proposed();
        // Received Friday 2026-05-01 (the day of receipt never counts); two working days
        // after it, skipping the weekend: Monday 4, Tuesday 5.
        let received = item("a", "complaint.quality", false, "2026-05-01T16:00:00+02:00");
        assert_eq!(
            by(&due(&received, None, &config).unwrap(), Step::Acknowledge),
            "2026-05-05T23:59:59+02:00"
        );
        config.holidays = vec![NaiveDate::from_ymd_opt(2026, 5, 4).unwrap()];
        assert_eq!(
            by(&due(&received, None, &config).unwrap(), Step::Acknowledge),
            "2026-05-06T23:59:59+02:00"
        );
        config.weekend = Some(vec![Weekday::Friday, Weekday::Saturday]);
        config.holidays.clear();
        // Sunday 3 May and Monday 4 May are worked.
        assert_eq!(
            by(&due(&received, None, &config).unwrap(), Step::Acknowledge),
            "2026-05-04T23:59:59+02:00"
        );
        config.weekend = Some(vec![
            Weekday::Monday,
            Weekday::Tuesday,
            Weekday::Wednesday,
            Weekday::Thursday,
            Weekday::Friday,
            Weekday::Saturday,
            Weekday::Sunday,
        ]);
        assert_eq!(
            due(&received, None, &config).unwrap_err().code,
            "feedback.deadline_no_working_day"
        );
    }

    #[test]
    fn zero_working_days_is_the_next_working_day_when_received_on_a_weekend() {
        let calendar = Deadlines::proposed().calendar().unwrap();
        let saturday = NaiveDate::from_ymd_opt(2026, 5, 2).unwrap();
        assert_eq!(
            calendar.nth_working_day(saturday, 0),
            NaiveDate::from_ymd_opt(2026, 5, 4)
        );
        let monday = NaiveDate::from_ymd_opt(2026, 5, 4).unwrap();
        assert_eq!(calendar.nth_working_day(monday, 0), Some(monday));
        assert_eq!(
            calendar.nth_working_day(monday, 5),
            NaiveDate::from_ymd_opt(2026, 5, 11)
        );
    }

    #[test]
    fn hours_and_months() {
        let config = Deadlines::proposed();
        let threat = item(
            "a",
            "security.threat",
            true,
            "2026-03-29T01:30:10.250+01:00",
        );
        assert_eq!(
            by(&due(&threat, None, &config).unwrap(), Step::Acknowledge),
            "2026-03-29T02:30:10+01:00"
        );
        let dsar = item(
            "b",
            "data_protection.access",
            false,
            "2026-01-31T10:00:00+01:00",
        );
        assert_eq!(
            by(&due(&dsar, None, &config).unwrap(), Step::Respond),
            "2026-02-28T23:59:59+01:00"
        );
    }

    #[test]
    fn done_steps_are_on_time_or_late_and_a_foreign_case_is_refused() {
        let config = Deadlines::proposed();
        let question = item("q", "question.x", false, "2026-03-02T09:00:00+01:00");
        let mut case = Case::for_item(&question);
        case.apply(Event {
            action: Action::Acknowledge,
            actor: "cea".into(),
            at: at("2026-03-04T23:59:59.900+01:00"),
        })
        .unwrap();
        case.apply(Event {
            action: Action::Respond,
            actor: "cea".into(),
            at: at("2026-03-10T00:00:00+01:00"),
        })
        .unwrap();
        let dues = due(&question, Some(&case), &config).unwrap();
        assert_eq!(dues.acknowledge.on_time, Some(true), "to the second");
        assert_eq!(dues.respond.on_time, Some(false), "7 days end on 9 March");
        assert_eq!(dues.close_loop.on_time, None);
        let other = item("r", "question.x", false, "2026-03-02T09:00:00+01:00");
        assert_eq!(
            due(&other, Some(&case), &config).unwrap_err().code,
            "feedback.case_item_mismatch"
        );
    }

    #[test]
    fn spans_beyond_the_bound_are_findings_and_errors() {
        let mut config = Deadlines::proposed();
        config.default.respond = Some(Span::WorkingDays(u32::MAX));
        let found = config.check();
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].path, "/default/respond");
        let error = due(
            &item("a", "zzz", false, "2026-03-02T09:00:00+01:00"),
            None,
            &config,
        )
        .unwrap_err();
        assert_eq!(error.code, "feedback.deadline_too_long");
    }

    #[test]
    fn a_duplicate_rule_is_a_finding() {
        let mut config = Deadlines::proposed();
        config.rules.push(config.rules[1].clone());
        let found = config.check();
        assert_eq!(found[0].code, "feedback.deadline_duplicate_rule");
        assert_eq!(found[0].path, "/rules/13");
    }

    #[test]
    fn every_code_renders_with_its_params() {
        for message in MESSAGES {
            let error = MealError::new(message.code)
                .with("code_prefix", "a")
                .with("sensitive", "b")
                .with("step", "c")
                .with("unit", "d")
                .with("amount", "e")
                .with("limit", "f")
                .with("item", "g")
                .with("case_item", "h");
            for locale in [Locale::En, Locale::Fr] {
                assert!(!error.message(locale).contains('{'), "{}", message.code);
            }
        }
    }
}
