//! Accountability: complaint and feedback mechanisms, and testimonies under consent.
//!
//! See `reference/gdpr-feedback.md` §3 (CHS commitments 4 and 5, IFRC coding framework, IASC SEA
//! referral, survivor-centred principles) and §4 (consent for testimonies). Submodules:
//! * [`item`] — a feedback item as received;
//! * [`taxonomy`] — type → category → code, sensitivity as a separate flag;
//! * [`mod@intake`] — channels, anonymous intake with a claim code, pseudonymous link;
//! * [`routing`] — who sees what: the safeguarding focal point, stubs for everyone else;
//! * [`mod@seal`] — sensitive content encrypted to the safeguarding recipient on the device;
//! * [`workflow`] — the case state machine and its history;
//! * [`deadline`] — response deadlines and what is overdue;
//! * [`testimony`] — testimony consent and the publication decision;
//! * [`learning`] — aggregates under cell suppression, and accountability indicators.

pub mod deadline;
pub mod intake;
pub mod item;
pub mod learning;
pub mod routing;
pub mod seal;
pub mod taxonomy;
pub mod testimony;
pub mod workflow;

pub use deadline::{due, overdue, Deadlines, Dues, Overdue, Rule, Span, Step, StepDue, Steps};
pub use intake::{claim, intake, ClaimCode, Intake, IntakeKeys, Received};
pub use item::{Channel, Content, Item};
pub use routing::{
    check_routes, refer, route, view, ReferralConsent, ReferralPacket, RouteDecision, Routing, View,
};
pub use seal::{open, reseal, seal, RecipientKey, SafeguardingSecretKey};
pub use taxonomy::Taxonomy;
pub use testimony::{
    can_publish, publish, withdraw as withdraw_testimony, Decision, Element, Identification,
    Publication, Scope, Takedown, Target, Testimony,
};
pub use workflow::{next_state, Action, Case, Event, State, Transition};
