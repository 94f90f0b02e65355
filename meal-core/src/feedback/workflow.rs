//! The case workflow: a state machine with typed rejections and an append-only history.
//!
//! A [`Case`] follows one feedback [`Item`] from receipt to the closing of the loop. The
//! states are the stages of the IFRC Feedback Starter Kit cycle ("answer, refer and follow
//! up") and of CHS commitment 5 (reference/gdpr-feedback.md §3.1, §3.2), with closing the loop
//! as a tracked state of its own (§3.5 rule 6):
//!
//! | from \ action | `acknowledge` | `refer` | `start` | `respond` | `close_loop` | `withdraw` |
//! |---|---|---|---|---|---|---|
//! | `received` | `acknowledged` | `referred` | — | — | — | `withdrawn` |
//! | `acknowledged` | — | `referred` | `in_progress` | `responded` | — | `withdrawn` |
//! | `referred` | — | — | `in_progress` | `responded` | — | `withdrawn` |
//! | `in_progress` | — | `referred` | — | `responded` | — | `withdrawn` |
//! | `responded` | — | — | — | — | `loop_closed` | `withdrawn` |
//! | `loop_closed` | — | — | — | — | — | — |
//! | `withdrawn` | — | — | — | — | — | — |
//!
//! Every pair marked — is rejected with `feedback.illegal_transition`, whatever its kind
//! (skipping a stage, going back, repeating one, acting on a finished case): one stable code,
//! with the state, the action and the actions the state allows as params.
//!
//! # Decisions
//!
//! * **Referral acknowledges.** `received → referred` is allowed without an acknowledgement:
//!   a sensitive item goes to the safeguarding focal point first (§3.5 rule 2; §5.6 "≤ 24 h to
//!   focal point"), and an anonymous complainant may have no channel to acknowledge on.
//! * **Referral is not a response.** After a referral, the case still needs `respond` (for an
//!   out-of-scope item: telling the person where it was referred, §5.6, CHS 5.7) and
//!   `close_loop`. `start` after `refer` means the receiving unit took it up.
//! * **No "rejected" state.** A complaint outside the mission's scope is referred (CHS 5.7); a
//!   complaint not upheld still gets a response and a closed loop, which by the IFRC definition
//!   says "what was feasible to do (or not)" (§3.2). An appeal is a new item.
//! * **`withdrawn`**: the person withdraws the feedback; it ends the case from any unfinished
//!   state and stops its deadline clocks ([`super::deadline`]). For a sensitive allegation the
//!   organisation's own duty to investigate is a separate decision (§3.5 rule 3), not a state
//!   of this case.
//! * **Time runs forward.** Each event is at or after the previous one (or the receipt),
//!   compared as instants whatever the offsets; equal instants are allowed (a hotline question
//!   acknowledged and answered in the same call). Each timestamp keeps its own offset.
//! * **Someone acts.** Every event names its actor (a role or a pseudonymous staff id):
//!   accountability needs to know who did what (CHS 5.4: a documented process).
//! * Checks run in that order: transition, time, actor; the first that fails is the error.
//! * **Append-only.** The history is private; it grows only through [`Case::apply`], which
//!   either appends exactly one [`Transition`] or changes nothing. Reading a case
//!   ([`Case::from_json`]) replays its history from `received`: a doctored history is an error,
//!   never a case.
//!
//! # Codes
//!
//! | code | kind | params | when |
//! |---|---|---|---|
//! | `feedback.illegal_transition` | `MealError` | `from`, `action`, `allowed` | the action is not allowed from the state (table above); `allowed` lists the state's actions, `—` for a finished case |
//! | `feedback.time_reversed` | `MealError` | `previous`, `at` | the event is before the previous event (or the receipt) |
//! | `feedback.event_without_actor` | `MealError` | `action` | the actor is empty |
//! | `feedback.case_history_mismatch` | `MealError` | `field`, `stored`, `replayed` | a stored `from`, `to` or `state` is not what replaying the actions gives |
//!
//! Errors raised while replaying a list carry its path (`/events/2`, `/history/2`).

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use super::item::Item;
use crate::document::{self, Parsed};
use crate::error::MealError;

/// Format version of the case document.
pub const FORMAT_VERSION: u32 = 1;

/// Where a case stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum State {
    Received,
    Acknowledged,
    Referred,
    InProgress,
    Responded,
    LoopClosed,
    Withdrawn,
}

impl State {
    /// Every state, in workflow order.
    pub const ALL: [State; 7] = [
        State::Received,
        State::Acknowledged,
        State::Referred,
        State::InProgress,
        State::Responded,
        State::LoopClosed,
        State::Withdrawn,
    ];

    /// The snake_case name used in JSON and in params.
    pub fn as_str(self) -> &'static str {
        match self {
            State::Received => "received",
            State::Acknowledged => "acknowledged",
            State::Referred => "referred",
            State::InProgress => "in_progress",
            State::Responded => "responded",
            State::LoopClosed => "loop_closed",
            State::Withdrawn => "withdrawn",
        }
    }

    /// True for `loop_closed` and `withdrawn`: no action is allowed any more.
    pub fn is_final(self) -> bool {
        Action::ALL
            .iter()
            .all(|action| next_state(self, *action).is_none())
    }
}

/// What someone does to a case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    Acknowledge,
    Refer,
    Start,
    Respond,
    CloseLoop,
    Withdraw,
}

impl Action {
    /// Every action, in workflow order.
    pub const ALL: [Action; 6] = [
        Action::Acknowledge,
        Action::Refer,
        Action::Start,
        Action::Respond,
        Action::CloseLoop,
        Action::Withdraw,
    ];

    /// The snake_case name used in JSON and in params.
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Acknowledge => "acknowledge",
            Action::Refer => "refer",
            Action::Start => "start",
            Action::Respond => "respond",
            Action::CloseLoop => "close_loop",
            Action::Withdraw => "withdraw",
        }
    }
}

/// The transition table of the module docs: the state `action` leads to from `from`, or
/// `None` when the action is not allowed there.
pub fn next_state(from: State, action: Action) -> Option<State> {
    use Action as A;
    use State as S;
    match (from, action) {
        (S::LoopClosed | S::Withdrawn, _) => None,
        (_, A::Withdraw) => Some(S::Withdrawn),
        (S::Received, A::Acknowledge) => Some(S::Acknowledged),
        (S::Received | S::Acknowledged | S::InProgress, A::Refer) => Some(S::Referred),
        (S::Acknowledged | S::Referred, A::Start) => Some(S::InProgress),
        (S::Acknowledged | S::Referred | S::InProgress, A::Respond) => Some(S::Responded),
        (S::Responded, A::CloseLoop) => Some(S::LoopClosed),
        _ => None,
    }
}

/// The actions allowed from `state`, in workflow order.
pub fn allowed_actions(state: State) -> Vec<Action> {
    Action::ALL
        .into_iter()
        .filter(|action| next_state(state, *action).is_some())
        .collect()
}

/// Something done to a case, by someone, at an instant with its offset.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Event {
    pub action: Action,
    /// A role or a pseudonymous staff id — never a name.
    pub actor: String,
    /// RFC 3339 with the offset of where it happened.
    pub at: DateTime<FixedOffset>,
}

impl Event {
    /// Reads one event: `json.malformed`, or `document.invalid` (kind `case_event`).
    pub fn from_json(json: &str) -> Result<Event, MealError> {
        let value: serde_json::Value =
            serde_json::from_str(json).map_err(|e| document::malformed(&e))?;
        serde_json::from_value(value).map_err(|e| {
            MealError::new("document.invalid")
                .with("kind", "case_event")
                .with("detail", e)
        })
    }
}

/// One accepted event with the states it moved the case between.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Transition {
    pub from: State,
    pub action: Action,
    pub to: State,
    pub actor: String,
    pub at: DateTime<FixedOffset>,
}

/// One feedback item's way through the workflow. The history is append-only: it is private
/// and grows only through [`Case::apply`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(into = "CaseDocument")]
pub struct Case {
    item_id: String,
    received_at: DateTime<FixedOffset>,
    state: State,
    history: Vec<Transition>,
}

/// The JSON form of a case (see [`Case::from_json`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct CaseDocument {
    format_version: u32,
    item_id: String,
    received_at: DateTime<FixedOffset>,
    state: State,
    history: Vec<Transition>,
}

impl From<Case> for CaseDocument {
    fn from(case: Case) -> Self {
        CaseDocument {
            format_version: FORMAT_VERSION,
            item_id: case.item_id,
            received_at: case.received_at,
            state: case.state,
            history: case.history,
        }
    }
}

impl Case {
    /// A new case in state `received`.
    pub fn new(item_id: impl Into<String>, received_at: DateTime<FixedOffset>) -> Case {
        Case {
            item_id: item_id.into(),
            received_at,
            state: State::Received,
            history: Vec::new(),
        }
    }

    /// The case of a newly received item.
    pub fn for_item(item: &Item) -> Case {
        Case::new(item.id.clone(), item.received_at)
    }

    /// A case built by applying `events` in order; an error carries the path `/events/<i>`
    /// of the first event rejected.
    pub fn from_events(
        item_id: impl Into<String>,
        received_at: DateTime<FixedOffset>,
        events: &[Event],
    ) -> Result<Case, MealError> {
        let mut case = Case::new(item_id, received_at);
        for (index, event) in events.iter().enumerate() {
            case.apply(event.clone())
                .map_err(|e| e.at(format!("/events/{index}")))?;
        }
        Ok(case)
    }

    pub fn item_id(&self) -> &str {
        &self.item_id
    }

    pub fn received_at(&self) -> DateTime<FixedOffset> {
        self.received_at
    }

    pub fn state(&self) -> State {
        self.state
    }

    /// The accepted events, oldest first.
    pub fn history(&self) -> &[Transition] {
        &self.history
    }

    /// The instant of the last event, or the receipt.
    pub fn last_at(&self) -> DateTime<FixedOffset> {
        self.history.last().map_or(self.received_at, |t| t.at)
    }

    /// Applies `event`: appends one transition, or returns the error and changes nothing.
    pub fn apply(&mut self, event: Event) -> Result<(), MealError> {
        let to = next_state(self.state, event.action).ok_or_else(|| self.illegal(event.action))?;
        let previous = self.last_at();
        if event.at < previous {
            return Err(MealError::new("feedback.time_reversed")
                .with("previous", previous.to_rfc3339())
                .with("at", event.at.to_rfc3339()));
        }
        if event.actor.trim().is_empty() {
            return Err(MealError::new("feedback.event_without_actor")
                .with("action", event.action.as_str()));
        }
        self.history.push(Transition {
            from: self.state,
            action: event.action,
            to,
            actor: event.actor,
            at: event.at,
        });
        self.state = to;
        Ok(())
    }

    fn illegal(&self, action: Action) -> MealError {
        let allowed: Vec<&str> = allowed_actions(self.state)
            .into_iter()
            .map(Action::as_str)
            .collect();
        MealError::new("feedback.illegal_transition")
            .with("from", self.state.as_str())
            .with("action", action.as_str())
            .with(
                "allowed",
                if allowed.is_empty() {
                    "—".to_owned()
                } else {
                    allowed.join(", ")
                },
            )
    }

    /// Reads a case document `{format_version, item_id, received_at, state, history: [{from,
    /// action, to, actor, at}]}` and replays its history from `received`: an illegal or
    /// backwards event is its own error at `/history/<i>`, a stored `from`, `to` or `state`
    /// that the replay contradicts is `feedback.case_history_mismatch`.
    pub fn from_json(json: &str) -> Result<Parsed<Case>, MealError> {
        let parsed: Parsed<CaseDocument> = document::read(json, "case", FORMAT_VERSION)?;
        Ok(Parsed {
            value: Case::try_from(parsed.value)?,
            findings: parsed.findings,
        })
    }

    /// The JSON form read by [`Case::from_json`].
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

impl TryFrom<CaseDocument> for Case {
    type Error = MealError;

    fn try_from(document: CaseDocument) -> Result<Case, MealError> {
        let mut case = Case::new(document.item_id, document.received_at);
        for (index, stored) in document.history.into_iter().enumerate() {
            let path = format!("/history/{index}");
            let event = Event {
                action: stored.action,
                actor: stored.actor,
                at: stored.at,
            };
            if stored.from != case.state {
                return Err(mismatch(&path, "from", stored.from, case.state));
            }
            case.apply(event).map_err(|e| e.at(&path))?;
            if stored.to != case.state {
                return Err(mismatch(&path, "to", stored.to, case.state));
            }
        }
        if document.state != case.state {
            return Err(mismatch("", "state", document.state, case.state));
        }
        Ok(case)
    }
}

fn mismatch(path: &str, field: &str, stored: State, replayed: State) -> MealError {
    MealError::new("feedback.case_history_mismatch")
        .at(format!("{path}/{field}"))
        .with("field", field)
        .with("stored", stored.as_str())
        .with("replayed", replayed.as_str())
}

impl<'de> Deserialize<'de> for Case {
    /// Deserialising a case replays it, like [`Case::from_json`]; prefer that reader, which
    /// also reports unknown fields (ignored here) and keeps the error codes (here in the
    /// serde message).
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Case, D::Error> {
        let document = CaseDocument::deserialize(deserializer)?;
        if document.format_version != FORMAT_VERSION {
            return Err(serde::de::Error::custom("document.format_version"));
        }
        Case::try_from(document).map_err(serde::de::Error::custom)
    }
}

use crate::i18n::{Message, Term};

/// Codes raised here, in French and English.
pub(crate) const MESSAGES: &[Message] = &[
    Message {
        code: "feedback.illegal_transition",
        en: "A case in state '{from}' cannot take the action '{action}'; allowed: {allowed}",
        fr: "Un dossier à l'état « {from} » ne peut pas recevoir l'action « {action} » ; actions permises : {allowed}",
    },
    Message {
        code: "feedback.time_reversed",
        en: "The event at {at} is before the previous one ({previous}); events are recorded in the order they happened",
        fr: "L'événement du {at} précède le précédent ({previous}) ; les événements sont enregistrés dans l'ordre où ils ont eu lieu",
    },
    Message {
        code: "feedback.event_without_actor",
        en: "The action '{action}' must say who took it (actor)",
        fr: "L'action « {action} » doit indiquer qui l'a effectuée (actor)",
    },
    Message {
        code: "feedback.case_history_mismatch",
        en: "The stored {field} '{stored}' contradicts the history, which gives '{replayed}'; the case was altered",
        fr: "La valeur enregistrée de {field}, « {stored} », contredit l'historique, qui donne « {replayed} » ; le dossier a été altéré",
    },
];

/// Domain terms carried in params of these codes.
pub(crate) const TERMS: &[Term] = &[
    Term {
        key: "case",
        en: "case",
        fr: "dossier",
    },
    Term {
        key: "case_event",
        en: "case event",
        fr: "événement de dossier",
    },
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Locale;

    fn at(text: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(text).unwrap()
    }

    fn event(action: Action, when: &str) -> Event {
        Event {
            action,
            actor: "cea_focal".into(),
            at: at(when),
        }
    }

    fn case() -> Case {
        Case::new("fb-1", at("2026-03-02T09:00:00+01:00"))
    }

    #[test]
    fn the_full_path_reaches_loop_closed() {
        let events = [
            event(Action::Acknowledge, "2026-03-02T10:00:00+01:00"),
            event(Action::Start, "2026-03-03T10:00:00+01:00"),
            event(Action::Refer, "2026-03-04T10:00:00+01:00"),
            event(Action::Start, "2026-03-05T10:00:00+01:00"),
            event(Action::Respond, "2026-03-06T10:00:00+01:00"),
            event(Action::CloseLoop, "2026-03-06T10:00:00+01:00"),
        ];
        let case = Case::from_events("fb-1", at("2026-03-02T09:00:00+01:00"), &events).unwrap();
        assert_eq!(case.state(), State::LoopClosed);
        assert_eq!(case.history().len(), 6);
        assert!(case.state().is_final());
    }

    #[test]
    fn an_illegal_action_changes_nothing_and_says_what_is_allowed() {
        let mut case = case();
        let error = case
            .apply(event(Action::Respond, "2026-03-02T10:00:00+01:00"))
            .unwrap_err();
        assert_eq!(error.code, "feedback.illegal_transition");
        assert_eq!(error.params["from"], "received");
        assert_eq!(error.params["action"], "respond");
        assert_eq!(error.params["allowed"], "acknowledge, refer, withdraw");
        assert_eq!(case.state(), State::Received);
        assert!(case.history().is_empty());
    }

    #[test]
    fn time_is_compared_as_instants_across_offsets() {
        let mut case = case();
        // 09:30+02:00 is 07:30Z, before the receipt at 08:00Z.
        let early = case
            .apply(event(Action::Acknowledge, "2026-03-02T09:30:00+02:00"))
            .unwrap_err();
        assert_eq!(early.code, "feedback.time_reversed");
        // 10:00+02:00 is 08:00Z, the receipt instant: allowed.
        case.apply(event(Action::Acknowledge, "2026-03-02T10:00:00+02:00"))
            .unwrap();
        assert_eq!(
            case.history()[0].at.offset().local_minus_utc(),
            7200,
            "own offset kept"
        );
    }

    #[test]
    fn actors_are_required_and_checked_after_the_transition() {
        let mut case = case();
        let mut nobody = event(Action::Acknowledge, "2026-03-02T10:00:00+01:00");
        nobody.actor = "  ".into();
        assert_eq!(
            case.apply(nobody.clone()).unwrap_err().code,
            "feedback.event_without_actor"
        );
        nobody.action = Action::CloseLoop;
        assert_eq!(
            case.apply(nobody).unwrap_err().code,
            "feedback.illegal_transition"
        );
    }

    #[test]
    fn json_round_trips_and_a_doctored_history_is_refused() {
        let case = Case::from_events(
            "fb-1",
            at("2026-03-02T09:00:00+01:00"),
            &[
                event(Action::Refer, "2026-03-02T10:00:00+01:00"),
                event(Action::Respond, "2026-03-03T10:00:00+01:00"),
            ],
        )
        .unwrap();
        let json = case.to_json();
        let read = Case::from_json(&json).unwrap();
        assert!(read.findings.is_empty());
        assert_eq!(read.value, case);
        let serde_read: Case = serde_json::from_str(&json).unwrap();
        assert_eq!(serde_read, case);

        let skipped = json.replace(r#""from":"referred""#, r#""from":"in_progress""#);
        let error = Case::from_json(&skipped).unwrap_err();
        assert_eq!(
            (error.code.as_str(), error.path.as_str()),
            ("feedback.case_history_mismatch", "/history/1/from")
        );
        let state = json.replace(r#""state":"responded""#, r#""state":"loop_closed""#);
        assert_eq!(Case::from_json(&state).unwrap_err().path, "/state");
        let to = json.replace(r#""to":"responded""#, r#""to":"loop_closed""#);
        assert_eq!(Case::from_json(&to).unwrap_err().path, "/history/1/to");
        let reordered = json.replace("2026-03-03T10:00:00", "2026-03-01T10:00:00");
        let error = Case::from_json(&reordered).unwrap_err();
        assert_eq!(
            (error.code.as_str(), error.path.as_str()),
            ("feedback.time_reversed", "/history/1")
        );
    }

    #[test]
    fn every_code_renders_with_its_params() {
        for message in MESSAGES {
            let error = MealError::new(message.code)
                .with("from", "a")
                .with("action", "b")
                .with("allowed", "c")
                .with("previous", "d")
                .with("at", "e")
                .with("field", "f")
                .with("stored", "g")
                .with("replayed", "h");
            for locale in [Locale::En, Locale::Fr] {
                assert!(!error.message(locale).contains('{'), "{}", message.code);
            }
        }
    }
}
