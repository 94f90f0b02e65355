//! What a field is, for data protection: the classification a form binds to each field.
//!
//! A form field carries an optional [`FieldPrivacy`] (form document: `"privacy":
//! {"classification": "special_category", "purposes": ["medical_care"]}`; XLSForm: the survey
//! columns `privacy` and `purposes`). The classes follow the IHSN variable classes
//! (reference/gdpr-feedback.md §2.4, §6.1 step 1) crossed with the GDPR categories of §5.1:
//!
//! | class | what | examples in the mission | export default |
//! |---|---|---|---|
//! | `direct_identifier` | identifies a person alone, or with the site register that holds the key | name, phone, pseudonym code, follow-up code | never leaves (one exception, see [`super::export`]) |
//! | `quasi_identifier` | identifies in combination; also the safe default for any other personal value | age, sex, dates, site, channel | leaves for its purposes |
//! | `special_category` | GDPR Art. 9(1): health, sex life, ethnic origin, … | diagnosis, vital signs, screening scores, pregnancy, needs for care | only to HDS-certified hosts |
//! | `sensitive` | not Art. 9 but highly harmful if disclosed (§1.3, §5.1) | migration status, violence, age dispute, minority, precise location, free text | leaves for its purposes |
//! | `non_personal` | nothing about a person | counts of people met, emergency services present | leaves freely |
//!
//! Decisions:
//! * Every value-carrying field is classified — calculations included: a value computed from
//!   personal data is personal data (a BMI is health data; a response delay derived from the
//!   "sensitive" flag reveals it). Groups, repeats and notes carry no value and no class.
//! * A personal value that identifies neither alone nor in combination (a yes/no
//!   acknowledgement) is still personal data: class it `quasi_identifier`, the least protective
//!   personal class, rather than `non_personal`.
//! * In doubt between two classes, pick the more protective one (special category over
//!   sensitive over quasi-identifier): minimisation and export then err on the side of the
//!   person.
//!
//! This file raises no code; the checks live in [`super::minimisation`] and the XLSForm reader
//! (`xlsform.unknown_classification`).

use serde::{Deserialize, Serialize};

use crate::form::{Field, FieldType, Form};
use crate::i18n::Locale;

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
    /// Every class, in declaration order.
    pub const ALL: [Classification; 5] = [
        Classification::DirectIdentifier,
        Classification::QuasiIdentifier,
        Classification::SpecialCategory,
        Classification::Sensitive,
        Classification::NonPersonal,
    ];

    /// True for every class but [`Classification::NonPersonal`].
    pub fn is_personal(self) -> bool {
        self != Classification::NonPersonal
    }

    /// The machine name used in documents and XLSForm cells (`direct_identifier`).
    pub fn as_str(self) -> &'static str {
        match self {
            Classification::DirectIdentifier => "direct_identifier",
            Classification::QuasiIdentifier => "quasi_identifier",
            Classification::SpecialCategory => "special_category",
            Classification::Sensitive => "sensitive",
            Classification::NonPersonal => "non_personal",
        }
    }

    /// Reads a machine name as a person may type it in a spreadsheet: case and the separator
    /// (`_`, `-` or spaces) do not matter (`Direct identifier` is `direct_identifier`).
    pub fn parse(text: &str) -> Option<Classification> {
        let normalised = text
            .split(|c: char| c.is_whitespace() || c == '-' || c == '_')
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join("_")
            .to_lowercase();
        Self::ALL.into_iter().find(|c| c.as_str() == normalised)
    }

    /// How a person reads the class.
    pub fn label(self, locale: Locale) -> &'static str {
        match (self, locale) {
            (Classification::DirectIdentifier, Locale::En) => "direct identifiers",
            (Classification::DirectIdentifier, Locale::Fr) => "identifiants directs",
            (Classification::QuasiIdentifier, Locale::En) => "quasi-identifiers",
            (Classification::QuasiIdentifier, Locale::Fr) => "quasi-identifiants",
            (Classification::SpecialCategory, Locale::En) => {
                "special-category data (Art. 9: health)"
            }
            (Classification::SpecialCategory, Locale::Fr) => {
                "données sensibles au sens de l'art. 9 (santé)"
            }
            (Classification::Sensitive, Locale::En) => {
                "highly personal data (migration status, violence, age dispute, minority)"
            }
            (Classification::Sensitive, Locale::Fr) => {
                "données à caractère hautement personnel (statut migratoire, violences, contestation de l'âge, minorité)"
            }
            (Classification::NonPersonal, Locale::En) => "non-personal data",
            (Classification::NonPersonal, Locale::Fr) => "données non personnelles",
        }
    }
}

/// What a form says of one field: its class and the processing purposes (ids of
/// [`super::rules::Purpose`]) it is collected for.
///
/// Unknown keys are not an error of shape: a form read through [`crate::form::Form::from_json`]
/// reports them as `document.unknown_field` findings, like every other document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldPrivacy {
    pub classification: Classification,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub purposes: Vec<String>,
}

impl FieldPrivacy {
    /// A classification with its purposes.
    pub fn new(classification: Classification, purposes: &[&str]) -> Self {
        Self {
            classification,
            purposes: purposes.iter().map(|p| (*p).to_owned()).collect(),
        }
    }

    /// True when the field serves the purpose `id`.
    pub fn serves(&self, id: &str) -> bool {
        self.purposes.iter().any(|p| p == id)
    }
}

/// Every field of a form with its path in the form document (`/fields/3/children/0`), in
/// document order, groups and repeats before their children.
pub fn fields_with_paths(form: &Form) -> Vec<(String, &Field)> {
    fn walk<'f>(fields: &'f [Field], base: &str, out: &mut Vec<(String, &'f Field)>) {
        for (i, field) in fields.iter().enumerate() {
            let path = format!("{base}/{i}");
            out.push((path.clone(), field));
            walk(&field.children, &format!("{path}/children"), out);
        }
    }
    let mut out = Vec::new();
    walk(&form.fields, "/fields", &mut out);
    out
}

/// True for the fields that hold a value in a submission (everything but groups, repeats and
/// notes). Calculations and device metadata hold values, so they are classified too.
pub fn holds_value(field: &Field) -> bool {
    !matches!(
        field.field_type,
        FieldType::Group | FieldType::Repeat | FieldType::Note
    )
}

/// The classified fields of `forms` that serve `purpose`, as (form id, field).
pub fn fields_serving<'f>(forms: &'f [Form], purpose: &str) -> Vec<(&'f str, &'f Field)> {
    forms
        .iter()
        .flat_map(|form| {
            fields_with_paths(form)
                .into_iter()
                .filter(|(_, field)| field.privacy.as_ref().is_some_and(|p| p.serves(purpose)))
                .map(move |(_, field)| (form.id.as_str(), field))
        })
        .collect()
}

use crate::i18n::{Message, Term};

/// Codes raised here, in French and English.
pub(crate) const MESSAGES: &[Message] = &[];

/// Domain terms carried in params of these codes.
pub(crate) const TERMS: &[Term] = &[];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_read_as_people_type_them() {
        assert_eq!(
            Classification::parse("Direct identifier"),
            Some(Classification::DirectIdentifier)
        );
        assert_eq!(
            Classification::parse(" special-category "),
            Some(Classification::SpecialCategory)
        );
        assert_eq!(Classification::parse("health"), None);
        assert_eq!(Classification::parse(""), None);
        for class in Classification::ALL {
            assert_eq!(Classification::parse(class.as_str()), Some(class));
            let json = serde_json::to_string(&class).unwrap();
            assert_eq!(json, format!("\"{}\"", class.as_str()));
        }
    }

    #[test]
    fn only_non_personal_is_not_personal() {
        let personal: Vec<_> = Classification::ALL
            .into_iter()
            .filter(|c| !c.is_personal())
            .collect();
        assert_eq!(personal, [Classification::NonPersonal]);
    }
}
