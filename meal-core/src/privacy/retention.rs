//! Retention rules and what is due on a record set at a date.
//!
//! Storage limitation (GDPR Art. 5(1)(e)) made operational: every purpose of the rules
//! document carries a [`RetentionRule`] — a trigger event, an active phase, an optional
//! intermediate archive phase, and what happens at the end (reference/gdpr-feedback.md §1.1,
//! §1.9). [`due`] says, for each record of a set and a date, in which phase of the CNIL
//! lifecycle it is and why:
//!
//! | phase | meaning |
//! |---|---|
//! | `active` | *base active*: the purpose still needs it |
//! | `intermediate` | *archivage intermédiaire*: closed, kept for legal or administrative interest, access restricted to specifically authorised persons, occasional and motivated (CNIL, §1.9) |
//! | `due` | retention is over: the rule's [`EndAction`] (`delete`, `anonymise`, or `archive` — CNIL *archivage définitif*) must be carried out |
//! | `held` | a legal hold (claim in progress) suspends every end (CNIL 2020-076, CSP R.1112-7) |
//! | `undetermined` | the phase cannot be computed; the reason says what is missing |
//!
//! # Decisions
//!
//! * **One decision per record, in input order, none dropped** — a record whose phase cannot
//!   be computed is `undetermined` with an error reason, never left out.
//! * **Calendar months, clamped to the month's end** (chrono `checked_add_months`):
//!   31 January + 1 month = 28 February (29 in a leap year). The intermediate phase is counted
//!   from the end of the active phase, as the rule document says ("months after the active
//!   phase ends"), so 31 January + 1 + 1 month ends on 28 March, not 31 March.
//! * **Phase ends are exclusive**: `active_until` and `intermediate_until` are the first day of
//!   the next phase. A record whose last care was 2006-05-10 under "20 years" is due on
//!   2026-05-10 — on that day twenty years have passed. Before the trigger date a record is
//!   `active` (its clock has not started).
//! * **`not_before_age`** (CSP R.1112-7: records of minors kept at least until the 28th
//!   birthday): the end (`intermediate_until`) is never before the birthday, computed from the
//!   record's `birth` event; if the phases end earlier, the intermediate phase is extended to
//!   it. A person born on 29 February has that birthday on **1 March** in common years: the
//!   duration is a minimum to keep, and the later date satisfies every reading of it.
//! * **`held` never moves**: a legal hold holds whatever the date; `undetermined` does not
//!   depend on the date either. So, for a fixed record and rule, the phase is monotone in the
//!   date: `active` → `intermediate` → `due` (property-tested).
//! * **A broken rule outranks a hold**: a held record whose retention cannot be computed is
//!   `undetermined`, because the problem must be fixed whatever the hold (the hold stays on
//!   the record).
//!
//! # Codes
//!
//! Every decision carries its reason as a [`Finding`] at `/<record index>` (severity `info`
//! for `active`, `intermediate` and `held`; `warning` for `due`; `error` for `undetermined`):
//!
//! | code | phase | params |
//! |---|---|---|
//! | `privacy.retention_active` | active | `record`, `trigger`, `trigger_date`, `active_until` |
//! | `privacy.retention_intermediate` | intermediate | `record`, `intermediate_until` |
//! | `privacy.retention_due` | due | `record`, `intermediate_until`, `action` |
//! | `privacy.retention_held` | held | `record` |
//! | `privacy.retention_unknown_purpose` | undetermined | `record`, `purpose`: no such purpose in the rules |
//! | `privacy.retention_no_rule` | undetermined | `record`, `purpose`: the purpose has no retention rule |
//! | `privacy.retention_missing_trigger` | undetermined | `record`, `trigger`: the record lacks the trigger event |
//! | `privacy.retention_missing_birth` | undetermined | `record`, `age`: `not_before_age` without a `birth` event |
//! | `privacy.retention_out_of_range` | undetermined | `record`: a date beyond the calendar (year 262 143) |

use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Serialize};

use super::records::Record;
use super::rules::Rules;
use crate::error::{Finding, Params, Severity};

/// What happens to a record when its retention ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EndAction {
    Delete,
    Anonymise,
    /// CNIL final archiving (archivage définitif).
    Archive,
}

impl EndAction {
    /// The snake_case name used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            EndAction::Delete => "delete",
            EndAction::Anonymise => "anonymise",
            EndAction::Archive => "archive",
        }
    }
}

/// A retention rule: from a trigger event, an active phase, an optional intermediate archive
/// phase (CNIL *archivage intermédiaire*), then the end action.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RetentionRule {
    /// The record event the clock starts from (`last_contact`, `case_closed`, `collected`, …).
    pub trigger: String,
    /// Active phase, in months after the trigger.
    pub active_months: u32,
    /// Intermediate archive phase, in months after the active phase ends.
    #[serde(default)]
    pub intermediate_months: u32,
    /// For minors: the end is never before this birthday (CSP R.1112-7: the 28th for records
    /// of minors); needs a `birth` event on the record.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_before_age: Option<u32>,
    pub end_action: EndAction,
}

/// The event `not_before_age` counts from.
pub const BIRTH_EVENT: &str = "birth";

/// Where a record stands in the retention lifecycle. Ordered: `active` < `intermediate` <
/// `due`, then `held` and `undetermined`, which do not depend on the date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    Active,
    Intermediate,
    Due,
    Held,
    Undetermined,
}

/// The dates a rule gives one record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Schedule {
    /// The date of the record's trigger event.
    pub trigger_date: NaiveDate,
    /// First day of the intermediate phase.
    pub active_until: NaiveDate,
    /// First day the end action is due (after the `not_before_age` floor).
    pub intermediate_until: NaiveDate,
    /// The birthday floor of `not_before_age`, when the rule has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub not_before: Option<NaiveDate>,
}

impl Schedule {
    /// The phase on `on` (held records aside).
    pub fn phase(&self, on: NaiveDate) -> Phase {
        if on < self.active_until {
            Phase::Active
        } else if on < self.intermediate_until {
            Phase::Intermediate
        } else {
            Phase::Due
        }
    }
}

/// Why a schedule cannot be computed: a code and its params.
pub type Problem = (&'static str, Params);

impl RetentionRule {
    /// The dates this rule gives `record` (see the module docs for the calendar rules).
    pub fn schedule(&self, record: &Record) -> Result<Schedule, Problem> {
        let trigger_date = record.events.get(&self.trigger).copied().ok_or_else(|| {
            problem(
                "privacy.retention_missing_trigger",
                &[("trigger", &self.trigger)],
            )
        })?;
        let out_of_range = || problem("privacy.retention_out_of_range", &[]);
        let active_until = add_months(trigger_date, self.active_months).ok_or_else(out_of_range)?;
        let phases_end =
            add_months(active_until, self.intermediate_months).ok_or_else(out_of_range)?;
        let not_before = match self.not_before_age {
            None => None,
            Some(age) => {
                let birth = record.events.get(BIRTH_EVENT).copied().ok_or_else(|| {
                    problem(
                        "privacy.retention_missing_birth",
                        &[("age", &age.to_string())],
                    )
                })?;
                Some(birthday(birth, age).ok_or_else(out_of_range)?)
            }
        };
        Ok(Schedule {
            trigger_date,
            active_until,
            intermediate_until: not_before.map_or(phases_end, |floor| floor.max(phases_end)),
            not_before,
        })
    }
}

fn problem(code: &'static str, pairs: &[(&str, &str)]) -> Problem {
    (code, params(pairs))
}

fn params(pairs: &[(&str, &str)]) -> Params {
    pairs
        .iter()
        .map(|(name, value)| ((*name).to_owned(), (*value).to_owned()))
        .collect()
}

/// `date` + `months` calendar months, clamped to the end of the month.
pub fn add_months(date: NaiveDate, months: u32) -> Option<NaiveDate> {
    date.checked_add_months(Months::new(months))
}

/// The `age`-th birthday of someone born on `birth`; 29 February falls on 1 March in common
/// years (see the module docs).
pub fn birthday(birth: NaiveDate, age: u32) -> Option<NaiveDate> {
    let year = birth.year().checked_add(i32::try_from(age).ok()?)?;
    birth
        .with_year(year)
        .or_else(|| NaiveDate::from_ymd_opt(year, 3, 1))
}

/// The retention decision for one record at one date, with its reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RetentionDecision {
    /// The record's id.
    pub record: String,
    /// The record's purpose.
    pub purpose: String,
    pub phase: Phase,
    /// What must be done, when `due`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_action: Option<EndAction>,
    /// The rule's trigger event, when the purpose has a rule.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trigger: Option<String>,
    /// The dates, when they could be computed.
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub schedule: Option<Schedule>,
    /// Why: a finding at `/<record index>` (see the module docs).
    pub reason: Finding,
}

/// One decision per record, in input order: the phase of each record on `on` and why.
pub fn due(records: &[Record], rules: &Rules, on: NaiveDate) -> Vec<RetentionDecision> {
    records
        .iter()
        .enumerate()
        .map(|(index, record)| decide(index, record, rules, on))
        .collect()
}

fn decide(index: usize, record: &Record, rules: &Rules, on: NaiveDate) -> RetentionDecision {
    let mut decision = RetentionDecision {
        record: record.id.clone(),
        purpose: record.purpose.clone(),
        phase: Phase::Undetermined,
        end_action: None,
        trigger: None,
        schedule: None,
        reason: reason(
            index,
            record,
            "privacy.retention_unknown_purpose",
            Params::new(),
        ),
    };
    let purpose_param = || params(&[("purpose", &record.purpose)]);
    let Some(purpose) = rules.purpose(&record.purpose) else {
        decision.reason.params.extend(purpose_param());
        return decision;
    };
    let Some(rule) = &purpose.retention else {
        decision.reason = reason(index, record, "privacy.retention_no_rule", purpose_param());
        return decision;
    };
    decision.trigger = Some(rule.trigger.clone());
    let schedule = match rule.schedule(record) {
        Ok(schedule) => schedule,
        Err((code, params)) => {
            decision.reason = reason(index, record, code, params);
            return decision;
        }
    };
    decision.schedule = Some(schedule);
    decision.phase = if record.legal_hold {
        Phase::Held
    } else {
        schedule.phase(on)
    };
    decision.end_action = (decision.phase == Phase::Due).then_some(rule.end_action);
    decision.reason = phase_reason(index, record, decision.phase, &schedule, rule);
    decision
}

fn phase_reason(
    index: usize,
    record: &Record,
    phase: Phase,
    schedule: &Schedule,
    rule: &RetentionRule,
) -> Finding {
    let (code, params) = match phase {
        Phase::Active => (
            "privacy.retention_active",
            params(&[
                ("trigger", &rule.trigger),
                ("trigger_date", &schedule.trigger_date.to_string()),
                ("active_until", &schedule.active_until.to_string()),
            ]),
        ),
        Phase::Intermediate => (
            "privacy.retention_intermediate",
            params(&[(
                "intermediate_until",
                &schedule.intermediate_until.to_string(),
            )]),
        ),
        Phase::Due => (
            "privacy.retention_due",
            params(&[
                (
                    "intermediate_until",
                    &schedule.intermediate_until.to_string(),
                ),
                ("action", rule.end_action.as_str()),
            ]),
        ),
        Phase::Held | Phase::Undetermined => ("privacy.retention_held", Params::new()),
    };
    reason(index, record, code, params)
}

fn reason(index: usize, record: &Record, code: &str, mut params: Params) -> Finding {
    let severity = match code {
        "privacy.retention_due" => Severity::Warning,
        "privacy.retention_active"
        | "privacy.retention_intermediate"
        | "privacy.retention_held" => Severity::Info,
        _ => Severity::Error,
    };
    params.insert("record".to_owned(), record.id.clone());
    Finding {
        code: code.to_owned(),
        path: format!("/{index}"),
        severity,
        params,
    }
}

use crate::i18n::{Message, Term};

/// Codes raised here, in French and English.
pub(crate) const MESSAGES: &[Message] = &[
    Message {
        code: "privacy.retention_active",
        en: "Record {record} is in active use until {active_until} ({trigger} on {trigger_date})",
        fr: "L'enregistrement {record} est en base active jusqu'au {active_until} ({trigger} le {trigger_date})",
    },
    Message {
        code: "privacy.retention_intermediate",
        en: "Record {record} is in intermediate archive until {intermediate_until}: access restricted to specifically authorised persons",
        fr: "L'enregistrement {record} est en archivage intermédiaire jusqu'au {intermediate_until} : accès réservé aux personnes spécialement habilitées",
    },
    Message {
        code: "privacy.retention_due",
        en: "Record {record}: retention ended on {intermediate_until}; end action '{action}' is due",
        fr: "Enregistrement {record} : la conservation a pris fin le {intermediate_until} ; l'action de fin « {action} » est à réaliser",
    },
    Message {
        code: "privacy.retention_held",
        en: "Record {record} is under legal hold: its retention is suspended",
        fr: "L'enregistrement {record} fait l'objet d'un gel pour contentieux : sa conservation est suspendue",
    },
    Message {
        code: "privacy.retention_unknown_purpose",
        en: "Record {record}: the purpose '{purpose}' is not in the rules, so its retention is unknown",
        fr: "Enregistrement {record} : la finalité « {purpose} » n'est pas dans les règles, sa durée de conservation est donc inconnue",
    },
    Message {
        code: "privacy.retention_no_rule",
        en: "Record {record}: the purpose '{purpose}' has no retention rule (no indefinite retention)",
        fr: "Enregistrement {record} : la finalité « {purpose} » n'a pas de règle de conservation (pas de conservation illimitée)",
    },
    Message {
        code: "privacy.retention_missing_trigger",
        en: "Record {record} has no '{trigger}' date, which its retention starts from",
        fr: "L'enregistrement {record} n'a pas de date « {trigger} », point de départ de sa conservation",
    },
    Message {
        code: "privacy.retention_missing_birth",
        en: "Record {record} has no birth date, needed to keep it until age {age}",
        fr: "L'enregistrement {record} n'a pas de date de naissance, nécessaire pour le conserver jusqu'à {age} ans",
    },
    Message {
        code: "privacy.retention_out_of_range",
        en: "Record {record}: its retention dates fall beyond the calendar",
        fr: "Enregistrement {record} : ses dates de conservation dépassent le calendrier",
    },
];

/// Domain terms carried in params of these codes.
pub(crate) const TERMS: &[Term] = &[];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Locale;

    fn date(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    fn rule(active: u32, intermediate: u32, age: Option<u32>) -> RetentionRule {
        RetentionRule {
            trigger: "last_contact".into(),
            active_months: active,
            intermediate_months: intermediate,
            not_before_age: age,
            end_action: EndAction::Delete,
        }
    }

    fn record(events: &[(&str, &str)]) -> Record {
        Record {
            id: "r".into(),
            form: "f".into(),
            purpose: "care".into(),
            subject: None,
            events: events
                .iter()
                .map(|(k, v)| ((*k).to_owned(), date(v)))
                .collect(),
            legal_hold: false,
            values: serde_json::Map::new(),
        }
    }

    #[test]
    fn months_clamp_to_the_end_of_the_month() {
        assert_eq!(add_months(date("2025-01-31"), 1), Some(date("2025-02-28")));
        assert_eq!(add_months(date("2024-01-31"), 1), Some(date("2024-02-29")));
        assert_eq!(add_months(date("2025-01-31"), 2), Some(date("2025-03-31")));
        let s = rule(1, 1, None)
            .schedule(&record(&[("last_contact", "2025-01-31")]))
            .unwrap();
        assert_eq!(
            (s.active_until, s.intermediate_until),
            (date("2025-02-28"), date("2025-03-28"))
        );
    }

    #[test]
    fn phase_ends_are_exclusive() {
        let s = rule(240, 0, None)
            .schedule(&record(&[("last_contact", "2006-05-10")]))
            .unwrap();
        assert_eq!(s.phase(date("2026-05-09")), Phase::Active);
        assert_eq!(s.phase(date("2026-05-10")), Phase::Due);
        assert_eq!(s.phase(date("2000-01-01")), Phase::Active);
    }

    #[test]
    fn leap_day_birthdays_fall_on_the_first_of_march() {
        assert_eq!(birthday(date("2000-02-29"), 27), Some(date("2027-03-01")));
        assert_eq!(birthday(date("2000-02-29"), 28), Some(date("2028-02-29")));
        assert_eq!(birthday(date("2001-06-15"), 28), Some(date("2029-06-15")));
    }

    #[test]
    fn the_age_floor_extends_the_intermediate_phase() {
        let minor = record(&[("last_contact", "2010-03-01"), ("birth", "2005-07-01")]);
        let s = rule(60, 12, Some(28)).schedule(&minor).unwrap();
        assert_eq!(s.active_until, date("2015-03-01"));
        assert_eq!(s.not_before, Some(date("2033-07-01")));
        assert_eq!(s.intermediate_until, date("2033-07-01"));
        let adult = record(&[("last_contact", "2010-03-01"), ("birth", "1950-01-01")]);
        let s = rule(60, 12, Some(28)).schedule(&adult).unwrap();
        assert_eq!(s.intermediate_until, date("2016-03-01"));
    }

    #[test]
    fn problems_name_what_is_missing() {
        let none = record(&[]);
        assert_eq!(
            rule(1, 0, None).schedule(&none).unwrap_err().0,
            "privacy.retention_missing_trigger"
        );
        let no_birth = record(&[("last_contact", "2020-01-01")]);
        assert_eq!(
            rule(1, 0, Some(28)).schedule(&no_birth).unwrap_err().0,
            "privacy.retention_missing_birth"
        );
        let far = record(&[("last_contact", "+262000-01-01")]);
        assert_eq!(
            rule(u32::MAX, 0, None).schedule(&far).unwrap_err().0,
            "privacy.retention_out_of_range"
        );
    }

    #[test]
    fn every_code_renders_with_its_params() {
        for message in MESSAGES {
            let mut params = Params::new();
            for name in [
                "record",
                "trigger",
                "trigger_date",
                "active_until",
                "intermediate_until",
                "action",
                "purpose",
                "age",
            ] {
                params.insert(name.into(), "x".into());
            }
            for locale in [Locale::En, Locale::Fr] {
                let shown = crate::i18n::render(message.code, &params, locale);
                assert!(!shown.contains('{'), "{}", message.code);
            }
        }
    }
}
