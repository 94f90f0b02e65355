//! The records privacy rules act on: one collected record about (at most) one person.
//!
//! CONTRACT (base commit). Owner: person helper (may add constructors and readers).

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One record of a record set: a cleaned submission with what retention and data-subject
/// requests need to know about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Record {
    /// Unique in the record set.
    pub id: String,
    /// The form it was collected with.
    pub form: String,
    /// The purpose (rules-document id) it was collected for.
    pub purpose: String,
    /// The person's pseudonym, when the record is about one person.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    /// Dated events retention rules start from (`collected`, `last_contact`, `birth`, …).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub events: BTreeMap<String, NaiveDate>,
    /// A legal hold (claim in progress) suspends every retention end (CNIL 2020-076).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub legal_hold: bool,
    /// Field name → value, as in a cleaned submission.
    #[serde(default)]
    pub values: serde_json::Map<String, serde_json::Value>,
}

use crate::i18n::{Message, Term};

/// Codes raised here, in French and English.
pub(crate) const MESSAGES: &[Message] = &[];

/// Domain terms carried in params of these codes.
pub(crate) const TERMS: &[Term] = &[];
