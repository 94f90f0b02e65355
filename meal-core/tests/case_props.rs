//! Invariants of the case side of `feedback`: the workflow, deadlines and overdue steps,
//! testimony decisions. Expected values come from tables written here by hand or from
//! independent arithmetic (days since the epoch), never from the code under test.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use chrono::{DateTime, FixedOffset, NaiveDate, TimeZone};
use meal_core::feedback::{
    can_publish, due, overdue, withdraw_testimony, Action, Case, Deadlines, Element, Event, Item,
    Scope, Span, State, Step, Target, Testimony,
};
use proptest::prelude::*;
use serde_json::json;

/// The transition table of the workflow docs, written out by hand.
const TABLE: &[(State, Action, State)] = {
    use Action as A;
    use State as S;
    &[
        (S::Received, A::Acknowledge, S::Acknowledged),
        (S::Received, A::Refer, S::Referred),
        (S::Received, A::Withdraw, S::Withdrawn),
        (S::Acknowledged, A::Refer, S::Referred),
        (S::Acknowledged, A::Start, S::InProgress),
        (S::Acknowledged, A::Respond, S::Responded),
        (S::Acknowledged, A::Withdraw, S::Withdrawn),
        (S::Referred, A::Start, S::InProgress),
        (S::Referred, A::Respond, S::Responded),
        (S::Referred, A::Withdraw, S::Withdrawn),
        (S::InProgress, A::Refer, S::Referred),
        (S::InProgress, A::Respond, S::Responded),
        (S::InProgress, A::Withdraw, S::Withdrawn),
        (S::Responded, A::CloseLoop, S::LoopClosed),
        (S::Responded, A::Withdraw, S::Withdrawn),
    ]
};

fn table(from: State, action: Action) -> Option<State> {
    TABLE
        .iter()
        .find(|(f, a, _)| *f == from && *a == action)
        .map(|(_, _, to)| *to)
}

/// The steps a state has done, by hand.
fn done_in(state: State) -> &'static [Step] {
    match state {
        State::Received | State::Withdrawn => &[],
        State::Acknowledged | State::Referred | State::InProgress => &[Step::Acknowledge],
        State::Responded => &[Step::Acknowledge, Step::Respond],
        State::LoopClosed => &[Step::Acknowledge, Step::Respond, Step::CloseLoop],
    }
}

const RECEIVED: &str = "2026-03-02T09:00:00+01:00";

fn at(text: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(text).unwrap()
}

fn event(action: Action, when: DateTime<FixedOffset>) -> Event {
    Event {
        action,
        actor: "focal".into(),
        at: when,
    }
}

/// A path from `received` to each state, by hand.
fn reach(state: State) -> Case {
    use Action as A;
    let path: &[Action] = match state {
        State::Received => &[],
        State::Acknowledged => &[A::Acknowledge],
        State::Referred => &[A::Refer],
        State::InProgress => &[A::Acknowledge, A::Start],
        State::Responded => &[A::Acknowledge, A::Respond],
        State::LoopClosed => &[A::Acknowledge, A::Respond, A::CloseLoop],
        State::Withdrawn => &[A::Withdraw],
    };
    let events: Vec<Event> = path.iter().map(|a| event(*a, at(RECEIVED))).collect();
    Case::from_events("fb", at(RECEIVED), &events).unwrap()
}

#[test]
fn every_pair_outside_the_table_is_rejected_with_the_stable_code() {
    for from in State::ALL {
        for action in Action::ALL {
            let mut case = reach(from);
            assert_eq!(case.state(), from);
            let result = case.apply(event(action, at("2026-03-03T09:00:00+01:00")));
            match table(from, action) {
                Some(to) => {
                    assert!(result.is_ok(), "{from:?} {action:?}");
                    assert_eq!(case.state(), to);
                }
                None => {
                    let error = result.unwrap_err();
                    assert_eq!(error.code, "feedback.illegal_transition");
                    assert_eq!(error.params["from"], from.as_str());
                    assert_eq!(error.params["action"], action.as_str());
                    assert_eq!(case.state(), from, "a rejected event changes nothing");
                }
            }
        }
    }
}

fn action() -> impl Strategy<Value = Action> {
    (0..Action::ALL.len()).prop_map(|i| Action::ALL[i])
}

/// Events with steps in minutes (sometimes backwards) and offsets of -3h..+3h.
fn events() -> impl Strategy<Value = Vec<Event>> {
    prop::collection::vec((action(), -30i64..600, -3i32..=3, any::<bool>()), 0..12).prop_map(
        |steps| {
            let mut clock = at(RECEIVED).timestamp();
            steps
                .into_iter()
                .map(|(action, minutes, hours, with_actor)| {
                    clock += minutes * 60;
                    let offset = FixedOffset::east_opt(hours * 3600).unwrap();
                    Event {
                        action,
                        actor: if with_actor || minutes % 7 != 0 {
                            "focal".into()
                        } else {
                            String::new()
                        },
                        at: offset.timestamp_opt(clock, 0).unwrap(),
                    }
                })
                .collect()
        },
    )
}

proptest! {
    #[test]
    fn replaying_the_accepted_events_gives_the_same_case(events in events()) {
        let mut case = Case::new("fb", at(RECEIVED));
        let mut accepted = Vec::new();
        for event in events {
            let state = case.state();
            let before = case.last_at();
            match case.apply(event.clone()) {
                Ok(()) => accepted.push(event),
                Err(error) => {
                    let expected = if table(state, event.action).is_none() {
                        "feedback.illegal_transition"
                    } else if event.at < before {
                        "feedback.time_reversed"
                    } else {
                        "feedback.event_without_actor"
                    };
                    prop_assert_eq!(error.code, expected);
                }
            }
        }
        prop_assert_eq!(case.history().len(), accepted.len());
        let replayed = Case::from_events("fb", at(RECEIVED), &accepted).unwrap();
        prop_assert_eq!(&replayed, &case);
        let read = Case::from_json(&case.to_json()).unwrap();
        prop_assert!(read.findings.is_empty());
        prop_assert_eq!(read.value, case);
    }
}

// ---- deadlines ----

fn item(id: &str, code: &str, sensitive: bool, received_at: DateTime<FixedOffset>) -> Item {
    serde_json::from_value(json!({
        "id": id, "received_at": received_at.to_rfc3339(), "channel": "web_form",
        "project": "p", "code": code, "sensitive": sensitive,
        "content": {"kind": "plain", "text": ""}
    }))
    .unwrap()
}

/// An instant in 2026–2028 (to the quarter second) in an offset between -11:00 and +14:00.
fn instant() -> impl Strategy<Value = DateTime<FixedOffset>> {
    (1_767_225_600i64..1_861_920_000, 0u32..4, -44i32..=56).prop_map(
        |(seconds, quarter, quarter_hours)| {
            FixedOffset::east_opt(quarter_hours * 900)
                .unwrap()
                .timestamp_opt(seconds, quarter * 250_000_000)
                .unwrap()
        },
    )
}

/// Days since 1970-01-01 of the local date of `instant` in its offset: independent arithmetic.
fn local_epoch_day(instant: DateTime<FixedOffset>) -> i64 {
    (instant.timestamp() + i64::from(instant.offset().local_minus_utc())).div_euclid(86_400)
}

fn epoch_day(date: NaiveDate) -> i64 {
    (date - NaiveDate::from_ymd_opt(1970, 1, 1).unwrap()).num_days()
}

/// 1970-01-01 was a Thursday: Monday = 0 … Sunday = 6.
fn weekday(day: i64) -> i64 {
    (day + 3).rem_euclid(7)
}

fn config_with(span: Span, holidays: Vec<NaiveDate>) -> Deadlines {
    let mut config = Deadlines::proposed();
    config.rules.clear();
    config.default.acknowledge = Some(span);
    config.holidays = holidays;
    config
}

fn end_of_local_day_is(by: DateTime<FixedOffset>, received: DateTime<FixedOffset>, day: i64) {
    assert_eq!(
        by.offset(),
        received.offset(),
        "reported in the item's offset"
    );
    assert_eq!(local_epoch_day(by), day);
    let seconds_in_day =
        (by.timestamp() + i64::from(by.offset().local_minus_utc())).rem_euclid(86_400);
    assert_eq!(seconds_in_day, 86_399, "23:59:59");
}

proptest! {
    #[test]
    fn hours_add_to_the_whole_second(received in instant(), n in 0u32..2000) {
        let config = config_with(Span::Hours(n), vec![]);
        let by = due(&item("a", "x", false, received), None, &config).unwrap().acknowledge.by.unwrap();
        prop_assert_eq!(by.timestamp(), received.timestamp() + 3600 * i64::from(n));
        prop_assert_eq!(by.timestamp_subsec_nanos(), 0);
        prop_assert_eq!(by.offset(), received.offset());
    }

    #[test]
    fn calendar_days_end_on_the_local_day_n_days_later(received in instant(), n in 0u32..800) {
        let config = config_with(Span::Days(n), vec![]);
        let by = due(&item("a", "x", false, received), None, &config).unwrap().acknowledge.by.unwrap();
        end_of_local_day_is(by, received, local_epoch_day(received) + i64::from(n));
    }

    #[test]
    fn working_days_count_n_working_days_after_receipt(
        received in instant(),
        n in 1u32..40,
        holiday_offsets in prop::collection::vec(0i64..60, 0..6),
    ) {
        let start = local_epoch_day(received);
        let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap();
        let holidays: Vec<NaiveDate> = holiday_offsets
            .iter()
            .map(|d| epoch + chrono::Days::new(u64::try_from(start + d).unwrap()))
            .collect();
        let holiday_days: Vec<i64> = holidays.iter().map(|h| epoch_day(*h)).collect();
        let config = config_with(Span::WorkingDays(n), holidays);
        let by = due(&item("a", "x", false, received), None, &config).unwrap().acknowledge.by.unwrap();
        let last = local_epoch_day(by);
        end_of_local_day_is(by, received, last);
        let working = |day: i64| weekday(day) < 5 && !holiday_days.contains(&day);
        prop_assert!(working(last));
        let counted = (start + 1..=last).filter(|d| working(*d)).count();
        prop_assert_eq!(counted, n as usize);
    }
}

/// A random item and a valid case for it (events generated then filtered by the workflow).
fn item_and_case() -> impl Strategy<Value = (Item, Case)> {
    let codes = prop::sample::select(vec![
        "question.x",
        "sea.staff",
        "complaint.quality",
        "request_support.food",
        "data_protection.access",
        "security.threat",
        "other",
    ]);
    (
        instant(),
        codes,
        any::<bool>(),
        prop::collection::vec((action(), 0i64..5_000), 0..6),
    )
        .prop_map(|(received, code, sensitive, steps)| {
            let item = item("it", code, sensitive, received);
            let mut case = Case::for_item(&item);
            let mut clock = received.timestamp();
            for (action, minutes) in steps {
                clock += minutes * 60;
                let when = received.offset().timestamp_opt(clock, 0).unwrap();
                let _ = case.apply(event(action, when));
            }
            (item, case)
        })
}

/// When the case settled `step` (did it, or was withdrawn), from the history and the
/// hand-written table of done steps.
fn settled_at(case: &Case, step: Step) -> Option<i64> {
    case.history()
        .iter()
        .find(|t| t.to == State::Withdrawn || done_in(t.to).contains(&step))
        .map(|t| t.at.timestamp())
}

proptest! {
    #[test]
    fn once_overdue_a_step_stays_overdue_until_settled(
        (item, case) in item_and_case(),
        first_hours in 0i64..3_000,
        more_hours in 0i64..3_000,
    ) {
        let config = Deadlines::proposed();
        let received = item.received_at;
        let t1 = received + chrono::Duration::hours(first_hours);
        let t2 = t1 + chrono::Duration::hours(more_hours);
        let items = [item];
        let cases = [case];
        let early = overdue(&items, &cases, &config, t1).unwrap();
        let late = overdue(&items, &cases, &config, t2.with_timezone(&FixedOffset::east_opt(0).unwrap())).unwrap();
        for o in &early {
            let settled_between = settled_at(&cases[0], o.step)
                .is_some_and(|s| s > t1.timestamp() && s <= t2.timestamp());
            let still = late.iter().any(|l| l.step == o.step);
            prop_assert!(still || settled_between, "{:?} left the list", o.step);
            prop_assert!(o.late_by_seconds > 0);
        }
        for o in &late {
            prop_assert_eq!(o.late_by_seconds, t2.timestamp() - o.due.timestamp());
        }
    }
}

// ---- testimonies ----

fn testimony(age: u32, scopes: &[Scope]) -> Testimony {
    let scopes: Vec<&str> = scopes.iter().map(|s| s.consent_scope()).collect();
    Testimony::from_json(
        &json!({
            "format_version": 1, "id": "t", "identification": "identified",
            "consent": {"format_version": 1, "subject": "p", "given_at": "2026-03-01",
                "given_by": "joint", "guardian_ref": "g", "age_at_consent": age, "scopes": scopes,
                "information_given": ["who_we_are", "where_it_appears", "no_impact_on_aid",
                                      "how_to_withdraw", "risks_discussed"]}
        })
        .to_string(),
    )
    .unwrap()
    .value
}

fn scope() -> impl Strategy<Value = Scope> {
    prop::sample::select(vec![
        Scope::InternalLearning,
        Scope::AdvocacyReport,
        Scope::Press,
        Scope::SocialMedia,
    ])
}

fn target() -> impl Strategy<Value = Target> {
    (
        scope(),
        0u64..1_200,
        any::<bool>(),
        prop::sample::subsequence(
            vec![Element::Face, Element::Voice, Element::Name, Element::Place],
            0..=4,
        ),
    )
        .prop_map(|(scope, days, identified, shows)| Target {
            scope,
            on: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap() + chrono::Days::new(days),
            identified,
            shows,
        })
}

proptest! {
    #[test]
    fn a_minor_is_never_publishable(age in 0u32..18, scopes in prop::collection::vec(scope(), 0..4), target in target()) {
        let decision = can_publish(&testimony(age, &scopes), &target);
        prop_assert!(!decision.allowed);
        prop_assert!(decision.reasons.iter().any(|r| r.code == "privacy.consent_minor_testimony"));
    }

    #[test]
    fn allowed_means_no_reason(age in 18u32..90, scopes in prop::collection::vec(scope(), 0..4), target in target()) {
        let decision = can_publish(&testimony(age, &scopes), &target);
        prop_assert_eq!(decision.allowed, decision.reasons.is_empty());
        prop_assert_eq!(decision.allowed, scopes.contains(&target.scope)
            && target.on >= NaiveDate::from_ymd_opt(2026, 3, 1).unwrap()
            && target.on <= NaiveDate::from_ymd_opt(2028, 3, 1).unwrap());
    }

    #[test]
    fn withdrawal_takes_down_every_publication_and_stops_publishing(
        publications in prop::collection::vec((scope(), 0u64..90, "[a-z]{1,6}"), 0..8),
        withdraw_after in 0u64..120,
        target in target(),
    ) {
        let mut t = testimony(30, &[Scope::InternalLearning, Scope::AdvocacyReport, Scope::Press, Scope::SocialMedia]);
        let start = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
        for (scope, days, name) in &publications {
            t.publications.push(meal_core::feedback::Publication {
                target: name.clone(),
                scope: *scope,
                published_on: start + chrono::Days::new(*days),
            });
        }
        let on = start + chrono::Days::new(withdraw_after);
        let takedown = withdraw_testimony(&mut t, on).unwrap();
        let mut expected = t.publications.clone();
        let mut got = takedown.publications.clone();
        expected.sort();
        got.sort();
        prop_assert_eq!(got, expected, "every publication, none invented");
        let sorted = takedown.publications.windows(2).all(|w| w[0].published_on <= w[1].published_on);
        prop_assert!(sorted);
        if target.on >= on {
            prop_assert!(!can_publish(&t, &target).allowed);
        }
    }
}
