//! Feedback and complaints for Python, the follow-up side: the case workflow with its
//! append-only history, response deadlines and the overdue list, and testimonies with the
//! publication decision and withdrawal takedown.
//!
//! Timestamps go in as aware `datetime`s or RFC 3339 text, dates as `datetime.date` or ISO
//! text; getters give `datetime`s; dict results carry the core's JSON text forms.

use meal_core::feedback::{self, workflow, Event};
use pyo3::prelude::*;

use crate::args::{self, Arg};
use crate::error::to_py;
use crate::exact::{AwareDateTime, IsoDate};
use crate::feedback::{item_of, items_of};
use crate::finding::Finding;
use crate::json;

type Instant = chrono::DateTime<chrono::FixedOffset>;

/// The clock of a call: the instant given, else now (UTC).
fn instant(at: Option<AwareDateTime>) -> Instant {
    crate::clock(at.map(|a| a.0))
}

/// Reads one event (a dict or its JSON text).
fn event_of(event: &Bound<'_, PyAny>) -> PyResult<Event> {
    Event::from_json(&json::to_text(event)?).map_err(to_py)
}

/// One feedback item's way through the workflow: `received` → `acknowledged` → … →
/// `loop_closed` (or `withdrawn`). The history only grows, through `apply`, which appends one
/// transition or raises and changes nothing.
#[pyclass(module = "meal", eq)]
#[derive(Debug)]
pub struct Case {
    case: feedback::Case,
    reading: Vec<meal_core::Finding>,
}

impl PartialEq for Case {
    fn eq(&self, other: &Self) -> bool {
        self.case == other.case
    }
}

impl Case {
    fn of(case: feedback::Case) -> Self {
        Case {
            case,
            reading: Vec::new(),
        }
    }
}

#[pymethods]
impl Case {
    /// A new case, in state `received`.
    #[new]
    fn new(item_id: Arg<String>, received_at: AwareDateTime) -> Self {
        Case::of(feedback::Case::new(item_id.into_inner(), received_at.0))
    }

    /// The case of a newly received item (a dict or its JSON text).
    #[staticmethod]
    fn for_item(item: &Bound<'_, PyAny>) -> PyResult<Self> {
        Ok(Case::of(feedback::Case::for_item(&item_of(item)?)))
    }

    /// A case built by applying `events` (`{action, actor, at}` dicts or JSON texts) in order;
    /// an error carries the path `/events/<i>` of the first event rejected.
    #[staticmethod]
    fn from_events(
        item_id: Arg<String>,
        received_at: AwareDateTime,
        events: Arg<Vec<Bound<'_, PyAny>>>,
    ) -> PyResult<Self> {
        let events = events
            .iter()
            .enumerate()
            .map(|(index, event)| {
                let text = json::to_text(event)?;
                Event::from_json(&text).map_err(|e| to_py(e.at(format!("/events/{index}"))))
            })
            .collect::<PyResult<Vec<_>>>()?;
        feedback::Case::from_events(item_id.into_inner(), received_at.0, &events)
            .map(Case::of)
            .map_err(to_py)
    }

    /// Reads a case saved with `to_json` (text or a dict) and replays its history: a doctored
    /// history raises (`feedback.case_history_mismatch`, …), it never gives a case.
    #[staticmethod]
    fn from_json(document: &Bound<'_, PyAny>) -> PyResult<Self> {
        let parsed = feedback::Case::from_json(&json::to_text(document)?).map_err(to_py)?;
        Ok(Case {
            case: parsed.value,
            reading: parsed.findings,
        })
    }

    /// Problems noticed while reading (unknown fields).
    #[pyo3(signature = (locale = "en"))]
    fn findings(&self, #[pyo3(from_py_with = args::locale)] locale: &str) -> Vec<Finding> {
        Finding::all(&self.reading, locale)
    }

    /// Applies one event: `action` (`acknowledge`, `refer`, `start`, `respond`, `close_loop`,
    /// `withdraw`) by `actor` (a role or a pseudonymous staff id) at `at` (an aware `datetime`
    /// or RFC 3339 text; now when omitted).
    #[pyo3(signature = (action, actor, at = None))]
    fn apply(
        &mut self,
        action: Arg<String>,
        actor: Arg<String>,
        at: Option<AwareDateTime>,
    ) -> PyResult<()> {
        let event = serde_json::json!({
            "action": *action,
            "actor": *actor,
            "at": instant(at).to_rfc3339(),
        });
        let event = Event::from_json(&event.to_string()).map_err(to_py)?;
        self.case.apply(event).map_err(to_py)
    }

    /// Applies one event given as a dict or JSON text `{action, actor, at}`.
    fn apply_event(&mut self, event: &Bound<'_, PyAny>) -> PyResult<()> {
        let event = event_of(event)?;
        self.case.apply(event).map_err(to_py)
    }

    #[getter]
    fn item_id(&self) -> &str {
        self.case.item_id()
    }

    #[getter]
    fn received_at(&self) -> Instant {
        self.case.received_at()
    }

    /// `received`, `acknowledged`, `referred`, `in_progress`, `responded`, `loop_closed` or
    /// `withdrawn`.
    #[getter]
    fn state(&self) -> &'static str {
        self.case.state().as_str()
    }

    /// The actions the state allows, in workflow order (none once the case is finished).
    #[getter]
    fn allowed_actions(&self) -> Vec<&'static str> {
        workflow::allowed_actions(self.case.state())
            .into_iter()
            .map(feedback::Action::as_str)
            .collect()
    }

    /// True for `loop_closed` and `withdrawn`.
    #[getter]
    fn is_final(&self) -> bool {
        self.case.state().is_final()
    }

    /// The instant of the last event, or the receipt.
    #[getter]
    fn last_at(&self) -> Instant {
        self.case.last_at()
    }

    /// The accepted events, oldest first: `[{from, action, to, actor, at}]`.
    #[getter]
    fn history<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json::from_serde(py, &self.case.history())
    }

    /// The case document read by `from_json`.
    fn to_json(&self) -> String {
        self.case.to_json()
    }

    fn __len__(&self) -> usize {
        self.case.history().len()
    }

    fn __repr__(&self) -> String {
        format!(
            "Case(item_id={:?}, state={:?}, events={})",
            self.case.item_id(),
            self.case.state().as_str(),
            self.case.history().len()
        )
    }
}

/// The mission's response deadlines (acknowledge, respond, close the loop) per code prefix and
/// sensitivity. `Deadlines.proposed()` gives the reference's proposals, to be reviewed.
#[pyclass(frozen, module = "meal")]
#[derive(Debug)]
pub struct Deadlines {
    deadlines: feedback::Deadlines,
    reading: Vec<meal_core::Finding>,
}

#[pymethods]
impl Deadlines {
    /// The proposed defaults (reference §5.6) — proposals, not sourced figures.
    #[staticmethod]
    fn proposed() -> Self {
        let deadlines = feedback::Deadlines::proposed();
        let reading = deadlines.check();
        Deadlines { deadlines, reading }
    }

    /// Reads a deadlines document (JSON text or a dict).
    #[staticmethod]
    fn from_json(document: &Bound<'_, PyAny>) -> PyResult<Self> {
        let parsed = feedback::Deadlines::from_json(&json::to_text(document)?).map_err(to_py)?;
        Ok(Deadlines {
            deadlines: parsed.value,
            reading: parsed.findings,
        })
    }

    /// Problems of the document: reading and its checks, sorted by path then code.
    #[pyo3(signature = (locale = "en"))]
    fn findings(&self, #[pyo3(from_py_with = args::locale)] locale: &str) -> Vec<Finding> {
        Finding::all(&self.reading, locale)
    }

    /// The document as JSON text.
    fn to_json(&self) -> String {
        self.deadlines.to_json()
    }

    /// The deadlines of `item` (a dict or its JSON text), with what its `case` did of them:
    /// `{item, rule, acknowledge, respond, close_loop}`, each step `{by, done_at, on_time}`.
    #[pyo3(signature = (item, case = None))]
    fn due<'py>(
        &self,
        py: Python<'py>,
        item: &Bound<'py, PyAny>,
        case: Option<Arg<PyRef<'py, Case>>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let item = item_of(item)?;
        let case = case.as_ref().map(|c| &c.case);
        let dues = feedback::due(&item, case, &self.deadlines).map_err(to_py)?;
        json::from_serde(py, &dues)
    }

    /// Every step overdue at `at` (an aware `datetime` or RFC 3339 text; now when omitted):
    /// `[{item, step, due, late_by_seconds}]`, most late first. Items without a case are
    /// `received`. Ids and steps only, never content.
    #[pyo3(signature = (items, cases = None, at = None))]
    fn overdue<'py>(
        &self,
        py: Python<'py>,
        items: Arg<Vec<Bound<'py, PyAny>>>,
        cases: Option<Arg<Vec<PyRef<'py, Case>>>>,
        at: Option<AwareDateTime>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let items = items_of(&items)?;
        let cases: Vec<feedback::Case> = cases
            .unwrap_or_default()
            .iter()
            .map(|c| c.case.clone())
            .collect();
        let late =
            feedback::overdue(&items, &cases, &self.deadlines, instant(at)).map_err(to_py)?;
        json::from_serde(py, &late)
    }

    /// Accountability indicators at `at` (now when omitted): acknowledgements due and done on
    /// time, loops closed, and items per 1 000 `consultations`, shares as exact decimal text
    /// (4 places; `None` without a denominator).
    #[pyo3(signature = (items, cases = None, at = None, consultations = None))]
    fn indicators<'py>(
        &self,
        py: Python<'py>,
        items: Arg<Vec<Bound<'py, PyAny>>>,
        cases: Option<Arg<Vec<PyRef<'py, Case>>>>,
        at: Option<AwareDateTime>,
        consultations: Option<Arg<u64>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let cases: Vec<feedback::Case> = cases
            .unwrap_or_default()
            .iter()
            .map(|c| c.case.clone())
            .collect();
        let found = feedback::learning::indicators(
            &items_of(&items)?,
            &cases,
            &self.deadlines,
            instant(at),
            consultations.map(Arg::into_inner),
        )
        .map_err(to_py)?;
        json::from_serde(py, &found)
    }

    fn __repr__(&self) -> String {
        format!("Deadlines(rules={})", self.deadlines.rules.len())
    }
}

/// Whether a publication of a testimony is allowed, with every reason (sorted by path, then
/// code). Truthy when allowed.
#[pyclass(frozen, module = "meal", get_all, skip_from_py_object)]
#[derive(Debug)]
pub struct PublicationDecision {
    allowed: bool,
    reasons: Vec<Finding>,
}

#[pymethods]
impl PublicationDecision {
    fn __bool__(&self) -> bool {
        self.allowed
    }

    fn __repr__(&self) -> String {
        let codes: Vec<&str> = self.reasons.iter().map(|f| f.code()).collect();
        format!(
            "PublicationDecision(allowed={}, reasons={codes:?})",
            self.allowed
        )
    }
}

impl PublicationDecision {
    fn of(decision: &feedback::Decision, locale: &str) -> Self {
        PublicationDecision {
            allowed: decision.allowed,
            reasons: Finding::all(&decision.reasons, locale),
        }
    }
}

/// Reads a publication target through the core's reader (scope and elements by name).
fn target(
    scope: &str,
    on: IsoDate,
    identified: bool,
    shows: Option<Vec<String>>,
) -> PyResult<feedback::Target> {
    let target = serde_json::json!({
        "scope": scope,
        "on": on.0.to_string(),
        "identified": identified,
        "shows": shows.unwrap_or_default(),
    });
    feedback::Target::from_json(&target.to_string()).map_err(to_py)
}

/// A testimony and the person's consent: the identification level, the elements to mask, the
/// legal-proceedings check, and the register of publications.
#[pyclass(module = "meal")]
#[derive(Debug)]
pub struct Testimony {
    testimony: feedback::Testimony,
    reading: Vec<meal_core::Finding>,
}

#[pymethods]
impl Testimony {
    /// Reads a testimony document (JSON text or a dict).
    #[staticmethod]
    fn from_json(document: &Bound<'_, PyAny>) -> PyResult<Self> {
        let parsed = feedback::Testimony::from_json(&json::to_text(document)?).map_err(to_py)?;
        Ok(Testimony {
            testimony: parsed.value,
            reading: parsed.findings,
        })
    }

    /// Problems noticed while reading: unknown fields, publications the consent did not cover.
    #[pyo3(signature = (locale = "en"))]
    fn findings(&self, #[pyo3(from_py_with = args::locale)] locale: &str) -> Vec<Finding> {
        Finding::all(&self.reading, locale)
    }

    #[getter]
    fn id(&self) -> &str {
        &self.testimony.id
    }

    /// The registered publications: `[{target, scope, published_on}]`.
    #[getter]
    fn publications<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json::from_serde(py, &self.testimony.publications)
    }

    /// What to take down once the consent is withdrawn (every publication), else `None`.
    #[getter]
    fn takedown<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json::from_serde(py, &self.testimony.takedown())
    }

    /// May the testimony be published for `scope` (`internal_learning`, `advocacy_report`,
    /// `press`, `social_media`) on `on`, attributed to the person (`identified`) and showing
    /// the elements `shows` (`face`, `voice`, `name`, `place`)?
    #[pyo3(signature = (scope, on, *, identified = false, shows = None, locale = "en"))]
    fn can_publish(
        &self,
        scope: Arg<String>,
        on: IsoDate,
        #[pyo3(from_py_with = args::checked)] identified: bool,
        shows: Option<Arg<Vec<String>>>,
        #[pyo3(from_py_with = args::locale)] locale: &str,
    ) -> PyResult<PublicationDecision> {
        let target = target(&scope, on, identified, shows.map(Arg::into_inner))?;
        let decision = feedback::can_publish(&self.testimony, &target);
        Ok(PublicationDecision::of(&decision, locale))
    }

    /// Registers the publication `target_id` (a report id, a URL, a press contact) when
    /// `can_publish` allows it; returns the decision either way.
    #[pyo3(signature = (target_id, scope, on, *, identified = false, shows = None, locale = "en"))]
    #[allow(clippy::too_many_arguments)]
    fn publish(
        &mut self,
        target_id: Arg<String>,
        scope: Arg<String>,
        on: IsoDate,
        #[pyo3(from_py_with = args::checked)] identified: bool,
        shows: Option<Arg<Vec<String>>>,
        #[pyo3(from_py_with = args::locale)] locale: &str,
    ) -> PyResult<PublicationDecision> {
        let target = target(&scope, on, identified, shows.map(Arg::into_inner))?;
        let decision = feedback::publish(&mut self.testimony, &target_id, &target);
        Ok(PublicationDecision::of(&decision, locale))
    }

    /// Withdraws the consent on `on` and returns the takedown `{testimony, withdrawn_at,
    /// publications}`: every registered publication, whatever its date or scope.
    fn withdraw<'py>(&mut self, py: Python<'py>, on: IsoDate) -> PyResult<Bound<'py, PyAny>> {
        let takedown = feedback::withdraw_testimony(&mut self.testimony, on.0).map_err(to_py)?;
        json::from_serde(py, &takedown)
    }

    /// The document as JSON text.
    fn to_json(&self) -> String {
        self.testimony.to_json()
    }

    fn __repr__(&self) -> String {
        format!(
            "Testimony(id={:?}, publications={}, withdrawn={})",
            self.testimony.id,
            self.testimony.publications.len(),
            self.testimony.consent.withdrawn_at.is_some()
        )
    }
}
