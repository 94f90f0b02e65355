//! The feedback taxonomy: type → category → code after the IFRC coding framework, sensitivity
//! as a separate flag, and the sensitive families each with their own route. A versioned
//! document the mission extends.
//!
//! reference/gdpr-feedback.md §2.10 (the IFRC/NLRC coding framework has three levels, "coding
//! type → coding category → code", and "any feedback record, regardless of type, may carry a
//! sensitivity flag"), §3.2, §3.5 rule 1 and the §5.6 table (types, sensitive families and
//! where each goes).
//!
//! # Decisions
//!
//! * **Data, not code.** The taxonomy is a JSON document (`format_version` 1, and the
//!   mission's own `version`) read through [`crate::document::read`]; the reference mission
//!   ships `examples/data/feedback-taxonomy.json`, in French and English. Its ids are the
//!   choice names of the feedback XLSForm (`types` and `categories` lists), so a submission's
//!   answers are taxonomy ids as they are.
//! * **Ids are one namespace.** Type, category and code ids are unique across the whole
//!   document, non-blank and without white space (they are XLSForm choice names): a code is
//!   found by its id alone, and an item names only its code.
//! * **Sensitivity is a flag, and some codes force it.** A sensitive *family* (SEA and sexual
//!   harassment by staff, other abuse of power, fraud and corruption, threats to safety,
//!   child-protection concerns, data-protection complaints, …) lists codes and names the
//!   route that receives them. A code in a family is always sensitive ([`mod@super::intake`]
//!   sets the flag); any other item is sensitive when the person or the worker says so. A code
//!   is in at most one family (its route must be unambiguous) and never under an out-of-scope
//!   type (a sensitive allegation is not referred out with minimal data).
//! * **Routes are named here, defined in the routing document.** Each type names its route,
//!   a code may name its own (an out-of-scope code names the actor it is referred to), each
//!   family names its route; [`super::routing::check_routes`] checks them against
//!   `feedback-routing.json`.
//! * **Out of scope** is a property of a type (`out_of_scope: true`): its items are referred to
//!   another actor (CHS 5.7, §3.5 rule 5).
//!
//! # Codes (findings of [`Taxonomy::check`])
//!
//! | code | severity | when |
//! |---|---|---|
//! | `feedback.bad_id` | error | a type, category or code id that is blank or holds white space (`id`) |
//! | `feedback.duplicate_id` | error | an id used twice anywhere in the taxonomy (`id`) |
//! | `feedback.incomplete_label` | error | a label with a blank English or French text |
//! | `feedback.no_codes` | warning | a type without categories, or a category without codes |
//! | `feedback.family_unknown_code` | error | a family lists a code the taxonomy does not have (`code`) |
//! | `feedback.code_in_two_families` | error | a code listed by two families (`code`, `family`) |
//! | `feedback.sensitive_out_of_scope` | error | a family code under an out-of-scope type (`code`) |
//!
//! Reading also gives `document.*` findings and errors ([`crate::document`]).

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::document::{self, Parsed};
use crate::error::{sort_findings, Finding, MealError};
use crate::i18n::{Message, Term};
use crate::text::Text;

/// The format version this library reads.
pub const FORMAT_VERSION: u32 = 1;

/// The taxonomy document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Taxonomy {
    pub format_version: u32,
    /// The mission's id for this taxonomy.
    pub id: String,
    /// The mission's version of it (items are coded against one version).
    pub version: String,
    pub types: Vec<FeedbackType>,
    /// The sensitive families.
    #[serde(default)]
    pub families: Vec<Family>,
}

/// A feedback type (IFRC: question, request, suggestion, praise, complaint, rumour, …).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedbackType {
    pub id: String,
    pub label: Text,
    /// Items of this type are referred to another actor (CHS 5.7).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub out_of_scope: bool,
    /// The route of its codes, unless a code or a family names another.
    pub route: String,
    pub categories: Vec<Category>,
}

/// A category within a type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Category {
    pub id: String,
    pub label: Text,
    pub codes: Vec<Code>,
}

/// A code: the leaf an item is coded with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Code {
    pub id: String,
    pub label: Text,
    /// A route of its own (an out-of-scope code names the actor it is referred to).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub route: Option<String>,
}

/// A sensitive family: codes that are always sensitive and go to one route.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Family {
    pub id: String,
    pub label: Text,
    pub route: String,
    pub codes: Vec<String>,
}

/// A code with everything above it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CodeEntry<'t> {
    pub feedback_type: &'t FeedbackType,
    pub category: &'t Category,
    pub code: &'t Code,
    /// The sensitive family the code belongs to, if any.
    pub family: Option<&'t Family>,
}

impl CodeEntry<'_> {
    /// True when the code itself makes an item sensitive.
    pub fn is_sensitive(&self) -> bool {
        self.family.is_some()
    }

    /// The route the taxonomy names for this code: the family's, else the code's, else the
    /// type's.
    pub fn route(&self) -> &str {
        match (self.family, &self.code.route) {
            (Some(family), _) => &family.route,
            (None, Some(route)) => route,
            (None, None) => &self.feedback_type.route,
        }
    }
}

impl Taxonomy {
    /// Reads a taxonomy document (not checked: call [`check`](Self::check)).
    pub fn from_json(json: &str) -> Result<Parsed<Taxonomy>, MealError> {
        document::read(json, "feedback_taxonomy", FORMAT_VERSION)
    }

    /// The JSON document (pretty-printed).
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// The code `id` with its type, category and family; `None` when the taxonomy lacks it.
    pub fn code(&self, id: &str) -> Option<CodeEntry<'_>> {
        self.types.iter().find_map(|feedback_type| {
            feedback_type.categories.iter().find_map(|category| {
                category
                    .codes
                    .iter()
                    .find(|code| code.id == id)
                    .map(|code| CodeEntry {
                        feedback_type,
                        category,
                        code,
                        family: self
                            .families
                            .iter()
                            .find(|f| f.codes.iter().any(|c| c == id)),
                    })
            })
        })
    }

    /// The (first) sensitive family that lists the code `id`.
    fn family_of(&self, id: &str) -> Option<&Family> {
        self.families
            .iter()
            .find(|f| f.codes.iter().any(|c| c == id))
    }

    /// Like [`code`](Self::code), or the error `feedback.unknown_code`.
    pub fn require_code(&self, id: &str) -> Result<CodeEntry<'_>, MealError> {
        self.code(id)
            .ok_or_else(|| MealError::new("feedback.unknown_code").with("code", id))
    }

    /// Every code with its entry, in document order.
    pub fn codes(&self) -> impl Iterator<Item = CodeEntry<'_>> {
        self.types.iter().flat_map(move |feedback_type| {
            feedback_type.categories.iter().flat_map(move |category| {
                category.codes.iter().map(move |code| CodeEntry {
                    feedback_type,
                    category,
                    code,
                    family: self.family_of(&code.id),
                })
            })
        })
    }

    /// The document's problems, sorted by path then code.
    pub fn check(&self) -> Vec<Finding> {
        let mut findings = Vec::new();
        self.check_tree(&mut findings);
        self.check_families(&mut findings);
        sort_findings(&mut findings);
        findings
    }

    fn check_tree(&self, findings: &mut Vec<Finding>) {
        let mut ids = IdRegister::default();
        for (t, feedback_type) in self.types.iter().enumerate() {
            let at = format!("/types/{t}");
            ids.node(&feedback_type.id, &feedback_type.label, &at, findings);
            if feedback_type.categories.is_empty() {
                findings.push(Finding::warning("feedback.no_codes", at.clone()));
            }
            for (c, category) in feedback_type.categories.iter().enumerate() {
                let at = format!("{at}/categories/{c}");
                ids.node(&category.id, &category.label, &at, findings);
                if category.codes.is_empty() {
                    findings.push(Finding::warning("feedback.no_codes", at.clone()));
                }
                for (k, code) in category.codes.iter().enumerate() {
                    ids.node(&code.id, &code.label, &format!("{at}/codes/{k}"), findings);
                }
            }
        }
    }

    fn check_families(&self, findings: &mut Vec<Finding>) {
        let mut owner: BTreeMap<&str, &str> = BTreeMap::new();
        for (f, family) in self.families.iter().enumerate() {
            let at = format!("/families/{f}");
            if family.label.is_incomplete() {
                findings.push(Finding::error(
                    "feedback.incomplete_label",
                    format!("{at}/label"),
                ));
            }
            for (k, id) in family.codes.iter().enumerate() {
                let path = format!("{at}/codes/{k}");
                match self.code(id) {
                    None => findings.push(
                        Finding::error("feedback.family_unknown_code", path.clone())
                            .with("code", id),
                    ),
                    Some(entry) if entry.feedback_type.out_of_scope => findings.push(
                        Finding::error("feedback.sensitive_out_of_scope", path.clone())
                            .with("code", id),
                    ),
                    Some(_) => {}
                }
                if let Some(first) = owner.insert(id, &family.id) {
                    findings.push(
                        Finding::error("feedback.code_in_two_families", path)
                            .with("code", id)
                            .with("family", first),
                    );
                }
            }
        }
    }
}

/// Ids seen so far, for the one-namespace rule.
#[derive(Default)]
struct IdRegister<'t> {
    seen: BTreeSet<&'t str>,
}

impl<'t> IdRegister<'t> {
    /// Checks one node's id and label.
    fn node(&mut self, id: &'t str, label: &Text, at: &str, findings: &mut Vec<Finding>) {
        let path = format!("{at}/id");
        if id.trim().is_empty() || id.chars().any(char::is_whitespace) {
            findings.push(Finding::error("feedback.bad_id", path.clone()).with("id", id));
        }
        if !self.seen.insert(id) {
            findings.push(Finding::error("feedback.duplicate_id", path).with("id", id));
        }
        if label.is_incomplete() {
            findings.push(Finding::error(
                "feedback.incomplete_label",
                format!("{at}/label"),
            ));
        }
    }
}

/// Codes raised here, in French and English.
pub(crate) const MESSAGES: &[Message] = &[
    Message {
        code: "feedback.bad_id",
        en: "'{id}' is not a taxonomy id: it must be non-empty and without spaces (it is a form choice name)",
        fr: "« {id} » n'est pas un identifiant de taxonomie : il doit être non vide et sans espace (c'est un nom de choix de formulaire)",
    },
    Message {
        code: "feedback.duplicate_id",
        en: "The id '{id}' is used twice in the taxonomy; types, categories and codes share one set of ids",
        fr: "L'identifiant « {id} » figure deux fois dans la taxonomie ; types, catégories et codes partagent un même ensemble d'identifiants",
    },
    Message {
        code: "feedback.incomplete_label",
        en: "This label needs both an English and a French text",
        fr: "Ce libellé doit avoir un texte en anglais et un texte en français",
    },
    Message {
        code: "feedback.no_codes",
        en: "Nothing can be coded here: no categories or no codes",
        fr: "Rien ne peut être codé ici : aucune catégorie ou aucun code",
    },
    Message {
        code: "feedback.family_unknown_code",
        en: "This sensitive family lists '{code}', which is no code of the taxonomy",
        fr: "Cette famille sensible cite « {code} », qui n'est pas un code de la taxonomie",
    },
    Message {
        code: "feedback.code_in_two_families",
        en: "The code '{code}' is already in the sensitive family '{family}'; a code has one route",
        fr: "Le code « {code} » est déjà dans la famille sensible « {family} » ; un code n'a qu'un circuit",
    },
    Message {
        code: "feedback.sensitive_out_of_scope",
        en: "The sensitive code '{code}' is under an out-of-scope type; a sensitive allegation is not referred out with minimal data",
        fr: "Le code sensible « {code} » est rangé sous un type hors champ ; une allégation sensible n'est pas orientée vers un autre acteur avec des données minimales",
    },
    Message {
        code: "feedback.unknown_code",
        en: "'{code}' is no code of the feedback taxonomy",
        fr: "« {code} » n'est pas un code de la taxonomie des retours",
    },
];

/// Domain terms carried in params of these codes.
pub(crate) const TERMS: &[Term] = &[
    Term {
        key: "feedback_taxonomy",
        en: "feedback taxonomy",
        fr: "taxonomie des retours",
    },
    Term {
        key: "feedback_routing",
        en: "feedback routing",
        fr: "circuit des retours",
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    fn label() -> serde_json::Value {
        serde_json::json!({"en": "x", "fr": "x"})
    }

    fn small() -> serde_json::Value {
        serde_json::json!({
            "format_version": 1, "id": "t", "version": "1",
            "types": [
                {"id": "plainte", "label": label(), "route": "programme", "categories": [
                    {"id": "acces", "label": label(), "codes": [
                        {"id": "attente", "label": label()},
                        {"id": "fraude", "label": label()}
                    ]}
                ]},
                {"id": "hors_champ", "label": label(), "out_of_scope": true, "route": "autre",
                 "categories": [{"id": "autre_acteur", "label": label(), "codes": [
                     {"id": "asile", "label": label(), "route": "juriste"}
                 ]}]}
            ],
            "families": [{"id": "integrity", "label": label(), "route": "integrite", "codes": ["fraude"]}]
        })
    }

    fn taxonomy(value: &serde_json::Value) -> Taxonomy {
        Taxonomy::from_json(&value.to_string()).unwrap().value
    }

    fn codes_at(findings: &[Finding]) -> Vec<(&str, &str)> {
        findings
            .iter()
            .map(|f| (f.code.as_str(), f.path.as_str()))
            .collect()
    }

    #[test]
    fn a_clean_taxonomy_has_no_findings_and_round_trips() {
        let t = taxonomy(&small());
        assert!(t.check().is_empty(), "{:?}", t.check());
        assert_eq!(Taxonomy::from_json(&t.to_json()).unwrap().value, t);
        let back: serde_json::Value = serde_json::from_str(&t.to_json()).unwrap();
        assert_eq!(back, small());
    }

    #[test]
    fn a_code_knows_its_type_category_family_and_route() {
        let t = taxonomy(&small());
        let fraud = t.code("fraude").unwrap();
        assert_eq!(
            (fraud.feedback_type.id.as_str(), fraud.category.id.as_str()),
            ("plainte", "acces")
        );
        assert!(fraud.is_sensitive());
        assert_eq!(fraud.route(), "integrite", "the family's route wins");
        assert_eq!(t.code("attente").unwrap().route(), "programme");
        assert_eq!(t.code("asile").unwrap().route(), "juriste");
        assert!(t.code("plainte").is_none(), "a type is not a code");
        assert_eq!(
            t.require_code("nope").unwrap_err().code,
            "feedback.unknown_code"
        );
        let all: Vec<_> = t.codes().map(|e| e.code.id.as_str()).collect();
        assert_eq!(all, ["attente", "fraude", "asile"]);
    }

    #[test]
    fn every_structural_problem_is_a_finding() {
        let mut doc = small();
        doc["types"][0]["categories"][0]["codes"][0]["id"] = "acces".into();
        doc["types"][0]["categories"][0]["codes"][1]["label"]["fr"] = " ".into();
        doc["types"][1]["categories"][0]["id"] = "autre acteur".into();
        doc["types"].as_array_mut().unwrap().push(serde_json::json!(
            {"id": "vide", "label": label(), "route": "p", "categories": [
                {"id": "rien", "label": label(), "codes": []}]}
        ));
        doc["families"]
            .as_array_mut()
            .unwrap()
            .push(serde_json::json!(
                {"id": "other", "label": {"en": "", "fr": "x"}, "route": "r",
                 "codes": ["fraude", "absent", "asile"]}
            ));
        let found = taxonomy(&doc).check();
        assert_eq!(
            codes_at(&found),
            [
                ("feedback.code_in_two_families", "/families/1/codes/0"),
                ("feedback.family_unknown_code", "/families/1/codes/1"),
                ("feedback.sensitive_out_of_scope", "/families/1/codes/2"),
                ("feedback.incomplete_label", "/families/1/label"),
                ("feedback.duplicate_id", "/types/0/categories/0/codes/0/id"),
                (
                    "feedback.incomplete_label",
                    "/types/0/categories/0/codes/1/label"
                ),
                ("feedback.bad_id", "/types/1/categories/0/id"),
                ("feedback.no_codes", "/types/2/categories/0"),
            ]
        );
        assert_eq!(found[0].params["family"], "integrity");
    }

    #[test]
    fn a_type_without_categories_is_a_warning() {
        let mut doc = small();
        doc["types"][1]["categories"] = serde_json::json!([]);
        let found = taxonomy(&doc).check();
        assert_eq!(codes_at(&found), [("feedback.no_codes", "/types/1")]);
        assert!(!found[0].is_blocking());
    }

    #[test]
    fn reading_reports_unknown_fields_and_versions() {
        let mut doc = small();
        doc["colour"] = "red".into();
        let parsed = Taxonomy::from_json(&doc.to_string()).unwrap();
        assert_eq!(
            codes_at(&parsed.findings),
            [("document.unknown_field", "/colour")]
        );
        doc["format_version"] = 2.into();
        assert_eq!(
            Taxonomy::from_json(&doc.to_string()).unwrap_err().code,
            "document.format_version"
        );
    }

    #[test]
    fn every_code_renders_with_its_params() {
        use crate::i18n::Locale;
        for message in MESSAGES {
            let error = MealError::new(message.code)
                .with("id", "x")
                .with("code", "y")
                .with("family", "z");
            for locale in [Locale::En, Locale::Fr] {
                assert!(!error.message(locale).contains('{'), "{}", message.code);
            }
        }
    }
}
