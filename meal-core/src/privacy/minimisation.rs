//! Minimisation: every personal field of a form has a purpose, a lawful basis and a retention
//! rule, or the form is not ready for production.
//!
//! GDPR Art. 5(1)(b), (c) and (e) as a schema linter (reference/gdpr-feedback.md §1.1 "every
//! field MUST declare ≥1 purpose_id", §7 item 1: a form refuses to go live with a field that
//! has no purpose, no basis or no retention). [`check`] reads a form against the rules and
//! returns an [`Assessment`]: its findings, and `production_ready` — true when no finding is an
//! error.
//!
//! Decisions:
//! * Every field that holds a value must be classified: questions, calculations (a value
//!   computed from personal data is personal data), device metadata (`start`, `deviceid`, …).
//!   Groups, repeats and notes hold nothing; a classification on them is a warning.
//! * A personal field needs at least one purpose; each purpose must exist in the rules, have an
//!   Art. 6 basis and a retention rule, and not rest on consent when it conditions care
//!   ([`super::rules`] says the same of the rules document, at rules paths).
//! * A `special_category` field needs an Art. 9(2) condition on each of its purposes; explicit
//!   consent cannot be that condition for a purpose that conditions care.
//! * A `non_personal` field needs no purpose; a purpose on it is a warning (the field is
//!   probably misclassified), and its purposes are not checked further.
//!
//! Paths point into the form document, like compile findings: the field's
//! `/fields/3/children/0/privacy`, and `…/privacy/purposes/k` for a finding about its k-th
//! purpose. Params: `name` (the field), `purpose`.
//!
//! | code | severity | path | when |
//! |---|---|---|---|
//! | `privacy.unclassified_field` | error | `…/privacy` | a value field without classification |
//! | `privacy.no_purpose` | error | `…/privacy` | a personal field without purpose |
//! | `privacy.unknown_purpose` | error | `…/privacy/purposes/k` | a purpose the rules do not declare |
//! | `privacy.no_lawful_basis` | error | `…/privacy/purposes/k/lawful_basis` | the purpose has no Art. 6 basis |
//! | `privacy.no_retention` | error | `…/privacy/purposes/k/retention` | the purpose has no retention rule |
//! | `privacy.consent_for_care` | error | `…/privacy/purposes/k/lawful_basis` | consent as the basis of a purpose that conditions care |
//! | `privacy.explicit_consent_for_care` | error | `…/privacy/purposes/k/special_condition` | explicit consent as the Art. 9 condition of a care purpose |
//! | `privacy.no_special_condition` | error | `…/privacy/purposes/k` | a special-category field serves a purpose without Art. 9(2) condition |
//! | `privacy.purpose_on_non_personal` | warning | `…/privacy` | a non-personal field lists purposes |
//! | `privacy.misplaced_classification` | warning | `…/privacy` | a group, repeat or note carries a classification |

use serde::Serialize;

use super::classification::{fields_with_paths, holds_value, Classification};
use super::rules::Rules;
use crate::error::{Finding, MealError};
use crate::form::{Field, Form};

/// The verdict on a form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Assessment {
    /// Sorted by path, then code.
    pub findings: Vec<Finding>,
    /// True when no finding is an error: the form may collect real data.
    pub production_ready: bool,
}

/// Checks every field of `form` against `rules` (table in the module doc).
pub fn check(form: &Form, rules: &Rules) -> Assessment {
    let mut findings: Vec<Finding> = fields_with_paths(form)
        .into_iter()
        .flat_map(|(path, field)| check_field(&format!("{path}/privacy"), field, rules))
        .collect();
    crate::error::sort_findings(&mut findings);
    let production_ready = !findings.iter().any(Finding::is_blocking);
    Assessment {
        findings,
        production_ready,
    }
}

/// Reads a form and a rules document from JSON and checks them. Reading findings (unknown
/// fields of either document) are not repeated here; [`crate::form::Form::from_json`] and
/// [`super::rules::check`] report them.
pub fn check_json(form: &str, rules: &str) -> Result<Assessment, MealError> {
    let form = Form::from_json(form)?.value;
    let rules = Rules::from_json(rules)?.value;
    Ok(check(&form, &rules))
}

fn check_field(at: &str, field: &Field, rules: &Rules) -> Vec<Finding> {
    let named = |finding: Finding| finding.with("name", &field.name);
    let Some(privacy) = &field.privacy else {
        return if holds_value(field) {
            vec![named(Finding::error("privacy.unclassified_field", at))]
        } else {
            Vec::new()
        };
    };
    if !holds_value(field) {
        return vec![named(Finding::warning(
            "privacy.misplaced_classification",
            at,
        ))];
    }
    let class = privacy.classification;
    if !class.is_personal() {
        return if privacy.purposes.is_empty() {
            Vec::new()
        } else {
            vec![named(Finding::warning(
                "privacy.purpose_on_non_personal",
                at,
            ))]
        };
    }
    if privacy.purposes.is_empty() {
        return vec![named(Finding::error("privacy.no_purpose", at))];
    }
    privacy
        .purposes
        .iter()
        .enumerate()
        .flat_map(|(k, id)| check_purpose(&format!("{at}/purposes/{k}"), id, class, rules))
        .map(named)
        .collect()
}

/// The findings about one purpose of a field of class `class`.
fn check_purpose(at: &str, id: &str, class: Classification, rules: &Rules) -> Vec<Finding> {
    let Some(purpose) = rules.purpose(id) else {
        return vec![Finding::error("privacy.unknown_purpose", at).with("purpose", id)];
    };
    let mut out = purpose.basis_findings(at);
    if class == Classification::SpecialCategory && purpose.special_condition.is_none() {
        out.push(Finding::error("privacy.no_special_condition", at).with("purpose", id));
    }
    out
}

use crate::i18n::{Message, Term};

/// Codes raised here, in French and English.
pub(crate) const MESSAGES: &[Message] = &[
    Message {
        code: "privacy.unclassified_field",
        en: "The field '{name}' has no data-protection classification; every field that holds a value needs one",
        fr: "Le champ « {name} » n'a pas de classification de protection des données ; tout champ qui porte une valeur en a besoin",
    },
    Message {
        code: "privacy.no_purpose",
        en: "The field '{name}' holds personal data and serves no purpose; remove it or name its purposes",
        fr: "Le champ « {name} » porte des données personnelles et ne sert aucune finalité ; supprimez-le ou nommez ses finalités",
    },
    Message {
        code: "privacy.unknown_purpose",
        en: "The field '{name}' serves the purpose '{purpose}', which the privacy rules do not declare",
        fr: "Le champ « {name} » sert la finalité « {purpose} », que les règles de protection des données ne déclarent pas",
    },
    Message {
        code: "privacy.no_special_condition",
        en: "The field '{name}' holds special-category data (Art. 9) and its purpose '{purpose}' has no Art. 9(2) condition",
        fr: "Le champ « {name} » porte des données sensibles (art. 9) et sa finalité « {purpose} » n'a pas de condition de l'art. 9(2)",
    },
    Message {
        code: "privacy.purpose_on_non_personal",
        en: "The field '{name}' is classified non-personal but lists purposes; check its classification",
        fr: "Le champ « {name} » est classé non personnel mais liste des finalités ; vérifiez sa classification",
    },
    Message {
        code: "privacy.misplaced_classification",
        en: "'{name}' is a group, repeat or note: it holds no value, so its classification is not used",
        fr: "« {name} » est un groupe, une répétition ou une note : il ne porte pas de valeur, sa classification n'est pas utilisée",
    },
];

/// Domain terms carried in params of these codes.
pub(crate) const TERMS: &[Term] = &[];

#[cfg(test)]
mod tests {
    use super::*;

    const RULES: &str = r#"{"format_version": 1, "version": "1",
      "controller": {"name": "c", "contact": "c"},
      "purposes": [
        {"id": "care", "name": {"en": "Care", "fr": "Soins"}, "lawful_basis": "legitimate_interests",
         "special_condition": "health_care", "conditions_care": true,
         "retention": {"trigger": "last_contact", "active_months": 240, "end_action": "delete"}},
        {"id": "loose", "name": {"en": "Loose", "fr": "Lâche"}, "lawful_basis": "consent",
         "conditions_care": true}
      ]}"#;

    fn assess(fields: &str) -> Assessment {
        let form = format!(r#"{{"format_version": 1, "id": "f", "fields": {fields}}}"#);
        check_json(&form, RULES).unwrap()
    }

    fn found(a: &Assessment) -> Vec<(&str, &str)> {
        a.findings
            .iter()
            .map(|f| (f.code.as_str(), f.path.as_str()))
            .collect()
    }

    #[test]
    fn a_fully_classified_form_is_ready() {
        let a = assess(
            r#"[{"name": "g", "type": {"kind": "group"}, "children": [
                 {"name": "dx", "type": {"kind": "text"},
                  "privacy": {"classification": "special_category", "purposes": ["care"]}},
                 {"name": "n", "type": {"kind": "integer"},
                  "privacy": {"classification": "non_personal"}}]},
               {"name": "note", "type": {"kind": "note"}}]"#,
        );
        assert!(a.production_ready, "{:?}", a.findings);
        assert!(a.findings.is_empty());
    }

    #[test]
    fn every_gap_is_found_at_its_path() {
        let a = assess(
            r#"[{"name": "calc", "type": {"kind": "calculate"}, "calculation": "1"},
               {"name": "age", "type": {"kind": "integer"},
                "privacy": {"classification": "quasi_identifier"}},
               {"name": "dx", "type": {"kind": "text"},
                "privacy": {"classification": "special_category", "purposes": ["nope", "loose"]}},
               {"name": "site", "type": {"kind": "text"},
                "privacy": {"classification": "non_personal", "purposes": ["care"]}},
               {"name": "g", "type": {"kind": "group"},
                "privacy": {"classification": "sensitive", "purposes": ["care"]},
                "children": [{"name": "c", "type": {"kind": "text"}}]}]"#,
        );
        assert!(!a.production_ready);
        assert_eq!(
            found(&a),
            [
                ("privacy.unclassified_field", "/fields/0/privacy"),
                ("privacy.no_purpose", "/fields/1/privacy"),
                ("privacy.unknown_purpose", "/fields/2/privacy/purposes/0"),
                (
                    "privacy.no_special_condition",
                    "/fields/2/privacy/purposes/1"
                ),
                (
                    "privacy.consent_for_care",
                    "/fields/2/privacy/purposes/1/lawful_basis"
                ),
                (
                    "privacy.no_retention",
                    "/fields/2/privacy/purposes/1/retention"
                ),
                ("privacy.purpose_on_non_personal", "/fields/3/privacy"),
                ("privacy.unclassified_field", "/fields/4/children/0/privacy"),
                ("privacy.misplaced_classification", "/fields/4/privacy"),
            ]
        );
        let params = &a.findings.get(2).unwrap().params;
        assert_eq!(params["name"], "dx");
        assert_eq!(params["purpose"], "nope");
    }

    #[test]
    fn warnings_alone_leave_the_form_ready() {
        let a = assess(
            r#"[{"name": "site", "type": {"kind": "text"},
                "privacy": {"classification": "non_personal", "purposes": ["care"]}}]"#,
        );
        assert!(a.production_ready);
        assert_eq!(a.findings.len(), 1);
    }
}
