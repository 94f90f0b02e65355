//! What a field is, for data protection: the classification a form binds to each field.
//!
//! CONTRACT (base commit): the types below are shared by every `privacy` submodule and by
//! `form::Field::privacy`. Owner: rules helper.

use serde::{Deserialize, Serialize};

/// The data-protection class of a field (reference/gdpr-feedback.md §5.1, IHSN variable classes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Classification {
    /// Names, phone numbers, document numbers, addresses, faces: identify a person alone.
    DirectIdentifier,
    /// Age, sex, nationality, arrival date, place: identify in combination.
    QuasiIdentifier,
    /// GDPR Art. 9 special category (health, sex life, ethnic origin, …).
    SpecialCategory,
    /// Not Art. 9 but highly harmful if disclosed: migration status, violence, age dispute, minority.
    Sensitive,
    /// Nothing about a person (a site code, a form version).
    NonPersonal,
}

impl Classification {
    /// True for every class but [`Classification::NonPersonal`].
    pub fn is_personal(self) -> bool {
        self != Classification::NonPersonal
    }
}

/// What a form says of one field: its class and the processing purposes (ids of
/// [`super::rules::Purpose`]) it is collected for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldPrivacy {
    pub classification: Classification,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub purposes: Vec<String>,
}

use crate::i18n::{Message, Term};

/// Codes raised here, in French and English.
pub(crate) const MESSAGES: &[Message] = &[];

/// Domain terms carried in params of these codes.
pub(crate) const TERMS: &[Term] = &[];
