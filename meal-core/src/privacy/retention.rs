//! Retention rules and what is due on a record set at a date.
//!
//! CONTRACT (base commit): `RetentionRule` and its parts are part of the rules document.
//! Owner: person helper (adds the `due` computation).

use serde::{Deserialize, Serialize};

/// What happens to a record when its retention ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EndAction {
    Delete,
    Anonymise,
    /// CNIL final archiving (archivage définitif).
    Archive,
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

use crate::i18n::{Message, Term};

/// Codes raised here, in French and English.
pub(crate) const MESSAGES: &[Message] = &[];

/// Domain terms carried in params of these codes.
pub(crate) const TERMS: &[Term] = &[];
