//! IATI 2.03 activity results (reference/logframes-indicators.md §2, §7.9): a logframe and its
//! computed figures become `iati-activity/result` elements (result → indicator → baseline →
//! period target/actual with dimensions), valid against the official schema
//! (`meal-core/tests/iati/iati-activities-schema.xsd`, checked with `xmllint` in the tests),
//! and an IATI file is read back into the same model: `Activities::from_xml(&a.to_xml()) == a`
//! for every model that keeps the rules ([`Activities::validate`]).
//!
//! | file | concept |
//! |---|---|
//! | `model.rs` | the model: activities, results, indicators, baselines, periods, values |
//! | `build.rs` | [`Activities::from_logframes`]: the mapping from logframes and figures |
//! | `rules.rs` | [`Activities::validate`]: IATI rules 8.5.1, 8.6.1, 8.8.1–8.10.1, 8.11.1 |
//! | `write.rs` | [`Activities::to_xml`]: deterministic, escaped XML |
//! | `xml.rs` | a hostile-input-safe element tree over quick-xml's pull parser |
//! | `read.rs` | [`Activities::from_xml`]: the element tree back to the model |
//!
//! The round trip is exact for what the model carries; what it leaves out of an imported file
//! is listed in `read.rs`. The bindings pass the request and the model as JSON
//! ([`IatiRequest::from_json`], [`Activities::from_json`], serde for the rest).
//!
//! # Codes
//!
//! | code | kind | when |
//! |---|---|---|
//! | `iati.malformed` | `MealError` | not well-formed XML, an undeclared entity, two root elements; `line`, `column` |
//! | `iati.invalid` | `MealError` | a part the model needs is missing or unreadable, a code outside its codelist; `path` |
//! | `iati.period_order` | `MealError` | rule 8.6.1: a period starts after it ends; `path`, `start`, `end` |
//! | `iati.missing_value` | `MealError` | rules 8.8.1–8.10.1: a baseline, target or actual without value for measures 1–4; `path` |
//! | `iati.reference_conflict` | `MealError` | rule 8.11.1: a result and one of its indicators both have a reference; `path` |
//! | `iati.no_activity` | `MealError` | an export of no logframe |
//! | `iati.no_period` | `MealError` | an export with no period |
//! | `iati.identifier_prefix` | `MealError` | the activity prefix does not start with the organisation identifier; `prefix`, `organisation` |
//! | `iati.duplicate_activity` | `MealError` | two logframes give one activity identifier; `id` |

mod build;
mod model;
mod read;
mod rules;
mod write;
mod xml;

pub use model::{
    Activities, Activity, ActivityDate, IatiBaseline, IatiIndicator, IatiPeriod, IatiRequest,
    IatiResult, IatiValue, Organisation,
};
pub use write::VERSION;

use crate::error::MealError;
use crate::i18n::Message;

/// Reads `json` as a `T`: `json.malformed` for a syntax error, `document.invalid` (with
/// `kind`) for a value of the wrong shape.
fn from_json<T: serde::de::DeserializeOwned>(json: &str, kind: &str) -> Result<T, MealError> {
    serde_json::from_str(json).map_err(|e| {
        if e.is_data() {
            MealError::new("document.invalid")
                .with("kind", kind)
                .with("detail", e)
        } else {
            crate::document::malformed(&e)
        }
    })
}

impl IatiRequest {
    /// Reads an export request from JSON (its serde form).
    pub fn from_json(json: &str) -> Result<IatiRequest, MealError> {
        from_json(json, "iati_request")
    }
}

impl Activities {
    /// Reads the model from JSON (its serde form, as `iati.import` returns it).
    pub fn from_json(json: &str) -> Result<Activities, MealError> {
        from_json(json, "iati_activities")
    }

    /// The model as JSON (its serde form).
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// Every code this module raises, in English and French.
pub const MESSAGES: &[Message] = &[
    Message {
        code: "iati.invalid",
        en: "The IATI data is not valid at {path}",
        fr: "Les données IATI ne sont pas valides en {path}",
    },
    Message {
        code: "iati.malformed",
        en: "The IATI file is not well-formed XML (line {line}, column {column})",
        fr: "Le fichier IATI n'est pas du XML bien formé (ligne {line}, colonne {column})",
    },
    Message {
        code: "iati.period_order",
        en: "The period at {path} starts on {start}, after its end on {end} (IATI rule 8.6.1)",
        fr: "La période en {path} commence le {start}, après sa fin le {end} (règle IATI 8.6.1)",
    },
    Message {
        code: "iati.missing_value",
        en: "The value at {path} is missing; IATI asks one for unit, percentage, nominal and ordinal measures (rules 8.8.1–8.10.1)",
        fr: "La valeur en {path} manque ; IATI en demande une pour les mesures en unités, pourcentages, nominales et ordinales (règles 8.8.1–8.10.1)",
    },
    Message {
        code: "iati.reference_conflict",
        en: "The indicator at {path} has a reference while its result has one too (IATI rule 8.11.1)",
        fr: "L'indicateur en {path} a une référence alors que son résultat en a déjà une (règle IATI 8.11.1)",
    },
    Message {
        code: "iati.no_activity",
        en: "An IATI export needs at least one logframe",
        fr: "Un export IATI demande au moins un cadre logique",
    },
    Message {
        code: "iati.no_period",
        en: "An IATI export needs at least one period",
        fr: "Un export IATI demande au moins une période",
    },
    Message {
        code: "iati.identifier_prefix",
        en: "The activity prefix '{prefix}' must start with the organisation identifier '{organisation}'",
        fr: "Le préfixe d'activité « {prefix} » doit commencer par l'identifiant de l'organisation « {organisation} »",
    },
    Message {
        code: "iati.duplicate_activity",
        en: "Two logframes give the activity identifier '{id}'; each project may be exported once",
        fr: "Deux cadres logiques donnent l'identifiant d'activité « {id} » ; chaque projet ne peut être exporté qu'une fois",
    },
];
