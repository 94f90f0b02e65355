//! DPIA screening (GDPR Art. 35): for one purpose of the rules, is a data-protection impact
//! assessment (*AIPD*) required, and why.
//!
//! The rule (reference/gdpr-feedback.md §5.4, §1.8):
//!
//! ```text
//! required := any Art. 35(3) case  ||  any CNIL list 2018-327 item  ||  at least 2 WP248 criteria
//! ```
//!
//! (The "two WP248 criteria" threshold is the EDPB rule of thumb, §1.8 and §8.) Each criterion
//! met is a [`Reason`] whose `code` is stable; its label in English and French is [`Reason::label`] (this module's `TERMS`).
//!
//! Where a criterion comes from:
//! * **Declared** in the purpose's `dpia_facts`, by its code: any criterion may be declared,
//!   because the schema cannot know scale, technology, monitoring or matching of datasets —
//!   nor data collected on paper or audio.
//! * **Derived** from the forms and the rules, for the criteria they show:
//!   * `wp248_sensitive_data` — a field serving the purpose is `special_category` or
//!     `sensitive` (WP248 criterion 4 covers "sensitive data or data of a highly personal
//!     nature");
//!   * `wp248_vulnerable_subjects` — the purpose's `data_subjects` names a vulnerable category
//!     ([`VULNERABLE_SUBJECTS`]: WP248's own list — children, employees, mentally ill, asylum
//!     seekers, elderly, patients — and the mission's populations, which share the imbalance of
//!     power WP248 looks for);
//!   * `cnil_health_care` — Art. 9(2)(h) condition, a `special_category` field, and `patients`
//!     among the data subjects: health data processed for the care of patients;
//!   * `art35_3_b_large_scale_special` — `wp248_large_scale` declared and a `special_category`
//!     field.
//!
//! A derived reason has `source: "derived"`; a declared one `source: "declared"` (a criterion
//! both declared and derived is reported once, as derived).
//!
//! | code | severity | path | when |
//! |---|---|---|---|
//! | `privacy.dpia_missing` | error | `/purposes/i/dpia_ref` (rules) | a DPIA is required and the purpose has no `dpia_ref` |
//! | `privacy.unknown_dpia_fact` | error | `/purposes/i/dpia_facts/j` (rules) | a declared fact is no criterion code |
//!
//! [`screen`] fails with `privacy.no_such_purpose` when the rules have no such purpose.

use serde::Serialize;

use super::classification::{fields_serving, Classification};
use super::rules::{Purpose, Rules, SpecialCondition};
use crate::error::{Finding, MealError};
use crate::form::Form;
use crate::i18n::Locale;

/// The framework a criterion comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Framework {
    /// GDPR Art. 35(3): the mandatory cases.
    Art35_3,
    /// CNIL deliberation 2018-327: processing for which a DPIA is always required in France.
    Cnil,
    /// WP248 rev.01 (endorsed by the EDPB): the nine criteria.
    Wp248,
}

/// Where a reason comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// Named in the purpose's `dpia_facts`.
    Declared,
    /// Shown by the forms, the data subjects or the Art. 9 condition.
    Derived,
}

/// One criterion met.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reason {
    /// Stable code, e.g. `wp248_vulnerable_subjects`.
    pub code: String,
    pub framework: Framework,
    pub source: Source,
}

impl Reason {
    /// The criterion as a person reads it.
    pub fn label(&self, locale: Locale) -> &'static str {
        TERMS
            .iter()
            .find(|t| t.key == self.code)
            .map_or("", |t| super::rules::pick(locale, t.en, t.fr))
    }
}

/// The screening of one purpose.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Screening {
    /// The purpose id.
    pub purpose: String,
    /// True when a DPIA is required.
    pub required: bool,
    /// Every criterion met, in catalogue order (Art. 35(3), CNIL, WP248).
    pub reasons: Vec<Reason>,
    /// How many WP248 criteria are met.
    pub wp248_count: usize,
    /// The DPIA reference the rules give, if any.
    pub dpia_ref: Option<String>,
    /// `privacy.dpia_missing`, `privacy.unknown_dpia_fact`.
    pub findings: Vec<Finding>,
}

/// Data-subject categories WP248 criterion 7 counts as vulnerable (machine names of
/// `Purpose::data_subjects`).
pub const VULNERABLE_SUBJECTS: &[&str] = &[
    "asylum_seekers",
    "children",
    "elderly",
    "employees",
    "mentally_ill",
    "migrants",
    "minors",
    "patients",
    "shipwreck_survivors",
    "survivors_of_violence",
    "unaccompanied_minors",
];

/// Screens the purpose `purpose_id` of `rules` against the forms that use it.
pub fn screen(rules: &Rules, forms: &[Form], purpose_id: &str) -> Result<Screening, MealError> {
    let purpose = rules.require_purpose(purpose_id)?;
    let index = rules
        .purposes
        .iter()
        .position(|p| p.id == purpose_id)
        .unwrap_or_default();
    Ok(screen_purpose(purpose, index, forms))
}

/// Screens every purpose of `rules`, in document order.
pub fn screen_all(rules: &Rules, forms: &[Form]) -> Vec<Screening> {
    rules
        .purposes
        .iter()
        .enumerate()
        .map(|(i, purpose)| screen_purpose(purpose, i, forms))
        .collect()
}

fn screen_purpose(purpose: &Purpose, index: usize, forms: &[Form]) -> Screening {
    let derived = derived_criteria(purpose, forms);
    let reasons: Vec<Reason> = CRITERIA
        .iter()
        .filter_map(|(code, framework)| {
            let source = if derived.contains(code) {
                Source::Derived
            } else if purpose.dpia_facts.iter().any(|f| f == code) {
                Source::Declared
            } else {
                return None;
            };
            Some(Reason {
                code: (*code).to_owned(),
                framework: *framework,
                source,
            })
        })
        .collect();
    let wp248_count = reasons
        .iter()
        .filter(|r| r.framework == Framework::Wp248)
        .count();
    let required = wp248_count >= 2 || reasons.iter().any(|r| r.framework != Framework::Wp248);
    let dpia_ref = purpose.dpia_ref.clone().filter(|r| !r.trim().is_empty());
    let mut findings = unknown_facts(purpose, index);
    if required && dpia_ref.is_none() {
        let codes: Vec<&str> = reasons.iter().map(|r| r.code.as_str()).collect();
        findings.push(
            Finding::error(
                "privacy.dpia_missing",
                format!("/purposes/{index}/dpia_ref"),
            )
            .with("purpose", &purpose.id)
            .with("reasons", codes.join(", ")),
        );
    }
    crate::error::sort_findings(&mut findings);
    Screening {
        purpose: purpose.id.clone(),
        required,
        reasons,
        wp248_count,
        dpia_ref,
        findings,
    }
}

/// The criteria the forms, the data subjects and the Art. 9 condition show.
fn derived_criteria(purpose: &Purpose, forms: &[Form]) -> Vec<&'static str> {
    let classes: Vec<Classification> = fields_serving(forms, &purpose.id)
        .iter()
        .filter_map(|(_, field)| field.privacy.as_ref().map(|p| p.classification))
        .collect();
    let special = classes.contains(&Classification::SpecialCategory);
    let sensitive = special || classes.contains(&Classification::Sensitive);
    let subject = |name: &str| purpose.data_subjects.iter().any(|s| s == name);
    let vulnerable = VULNERABLE_SUBJECTS.iter().any(|v| subject(v));
    let declared_large_scale = purpose.dpia_facts.iter().any(|f| f == "wp248_large_scale");
    let mut out = Vec::new();
    if declared_large_scale && special {
        out.push("art35_3_b_large_scale_special");
    }
    if special
        && subject("patients")
        && purpose.special_condition == Some(SpecialCondition::HealthCare)
    {
        out.push("cnil_health_care");
    }
    if sensitive {
        out.push("wp248_sensitive_data");
    }
    if vulnerable {
        out.push("wp248_vulnerable_subjects");
    }
    out
}

/// `privacy.unknown_dpia_fact` for each declared fact that is no criterion code; `index` is the
/// purpose's place in the rules document.
pub(crate) fn unknown_facts(purpose: &Purpose, index: usize) -> Vec<Finding> {
    purpose
        .dpia_facts
        .iter()
        .enumerate()
        .filter(|(_, fact)| !CRITERIA.iter().any(|(code, _)| code == fact))
        .map(|(j, fact)| {
            Finding::error(
                "privacy.unknown_dpia_fact",
                format!("/purposes/{index}/dpia_facts/{j}"),
            )
            .with("purpose", &purpose.id)
            .with("fact", fact)
        })
        .collect()
}

/// Every criterion, in the order reasons are reported.
pub const CRITERIA: &[(&str, Framework)] = &[
    ("art35_3_a_profiling_with_effects", Framework::Art35_3),
    ("art35_3_b_large_scale_special", Framework::Art35_3),
    ("art35_3_c_public_monitoring", Framework::Art35_3),
    ("cnil_health_care", Framework::Cnil),
    ("cnil_genetic_vulnerable", Framework::Cnil),
    ("cnil_health_warehouse", Framework::Cnil),
    ("cnil_biometric_vulnerable", Framework::Cnil),
    ("cnil_social_support", Framework::Cnil),
    ("cnil_alerts_reports", Framework::Cnil),
    ("cnil_professional_alerts", Framework::Cnil),
    ("cnil_large_scale_location", Framework::Cnil),
    ("cnil_profiling_external_data", Framework::Cnil),
    ("cnil_profiling_exclusion", Framework::Cnil),
    ("cnil_hr_profiling", Framework::Cnil),
    ("cnil_employee_monitoring", Framework::Cnil),
    ("cnil_social_housing", Framework::Cnil),
    ("wp248_evaluation_scoring", Framework::Wp248),
    ("wp248_automated_decision", Framework::Wp248),
    ("wp248_systematic_monitoring", Framework::Wp248),
    ("wp248_sensitive_data", Framework::Wp248),
    ("wp248_large_scale", Framework::Wp248),
    ("wp248_matching_datasets", Framework::Wp248),
    ("wp248_vulnerable_subjects", Framework::Wp248),
    ("wp248_innovative_technology", Framework::Wp248),
    ("wp248_prevents_right_or_service", Framework::Wp248),
];

use crate::i18n::{Message, Term};

/// Codes raised here, in French and English.
pub(crate) const MESSAGES: &[Message] = &[
    Message {
        code: "privacy.dpia_missing",
        en: "A DPIA is required for the purpose '{purpose}' (criteria met: {reasons}) and the rules reference none",
        fr: "Une AIPD est requise pour la finalité « {purpose} » (critères remplis : {reasons}) et les règles n'en référencent aucune",
    },
    Message {
        code: "privacy.unknown_dpia_fact",
        en: "The purpose '{purpose}' declares the DPIA fact '{fact}', which is no screening criterion (check its spelling)",
        fr: "La finalité « {purpose} » déclare le fait « {fact} » pour l'AIPD, qui n'est pas un critère de l'analyse (vérifiez son orthographe)",
    },
];

/// The criteria, in both languages (keys are the reason codes).
pub(crate) const TERMS: &[Term] = &[
    Term {
        key: "art35_3_a_profiling_with_effects",
        en: "Art. 35(3)(a): systematic and extensive evaluation, including profiling, with legal or similarly significant effects",
        fr: "Art. 35(3)(a) : évaluation systématique et approfondie, profilage compris, produisant des effets juridiques ou similaires",
    },
    Term {
        key: "art35_3_b_large_scale_special",
        en: "Art. 35(3)(b): large-scale processing of special-category data",
        fr: "Art. 35(3)(b) : traitement à grande échelle de données sensibles",
    },
    Term {
        key: "art35_3_c_public_monitoring",
        en: "Art. 35(3)(c): large-scale systematic monitoring of a publicly accessible area",
        fr: "Art. 35(3)(c) : surveillance systématique à grande échelle d'une zone accessible au public",
    },
    Term {
        key: "cnil_health_care",
        en: "CNIL list: health data processed for the care of patients",
        fr: "Liste CNIL : données de santé traitées pour la prise en charge des patients",
    },
    Term {
        key: "cnil_genetic_vulnerable",
        en: "CNIL list: genetic data of vulnerable persons",
        fr: "Liste CNIL : données génétiques de personnes vulnérables",
    },
    Term {
        key: "cnil_health_warehouse",
        en: "CNIL list: health-data warehouse or registry",
        fr: "Liste CNIL : entrepôt ou registre de données de santé",
    },
    Term {
        key: "cnil_biometric_vulnerable",
        en: "CNIL list: biometric identification including vulnerable persons",
        fr: "Liste CNIL : identification biométrique incluant des personnes vulnérables",
    },
    Term {
        key: "cnil_social_support",
        en: "CNIL list: social or medico-social support of persons",
        fr: "Liste CNIL : accompagnement social ou médico-social des personnes",
    },
    Term {
        key: "cnil_alerts_reports",
        en: "CNIL list: management of alerts and reports in social and health matters",
        fr: "Liste CNIL : gestion des alertes et des signalements en matière sociale et sanitaire",
    },
    Term {
        key: "cnil_professional_alerts",
        en: "CNIL list: professional whistleblowing alerts",
        fr: "Liste CNIL : alertes professionnelles",
    },
    Term {
        key: "cnil_large_scale_location",
        en: "CNIL list: large-scale location data",
        fr: "Liste CNIL : données de localisation à grande échelle",
    },
    Term {
        key: "cnil_profiling_external_data",
        en: "CNIL list: profiling from external data",
        fr: "Liste CNIL : profilage à partir de données externes",
    },
    Term {
        key: "cnil_profiling_exclusion",
        en: "CNIL list: profiling that may exclude a person from a contract",
        fr: "Liste CNIL : profilage pouvant exclure une personne d'un contrat",
    },
    Term {
        key: "cnil_hr_profiling",
        en: "CNIL list: profiling in human-resources management",
        fr: "Liste CNIL : profilage en gestion des ressources humaines",
    },
    Term {
        key: "cnil_employee_monitoring",
        en: "CNIL list: constant monitoring of employees",
        fr: "Liste CNIL : surveillance constante des salariés",
    },
    Term {
        key: "cnil_social_housing",
        en: "CNIL list: instruction of social-housing applications",
        fr: "Liste CNIL : instruction des demandes de logement social",
    },
    Term {
        key: "wp248_evaluation_scoring",
        en: "WP248 criterion 1: evaluation or scoring",
        fr: "Critère WP248 n° 1 : évaluation ou notation",
    },
    Term {
        key: "wp248_automated_decision",
        en: "WP248 criterion 2: automated decision with legal or similar effect",
        fr: "Critère WP248 n° 2 : décision automatisée avec effet juridique ou similaire",
    },
    Term {
        key: "wp248_systematic_monitoring",
        en: "WP248 criterion 3: systematic monitoring",
        fr: "Critère WP248 n° 3 : surveillance systématique",
    },
    Term {
        key: "wp248_sensitive_data",
        en: "WP248 criterion 4: sensitive or highly personal data",
        fr: "Critère WP248 n° 4 : données sensibles ou à caractère hautement personnel",
    },
    Term {
        key: "wp248_large_scale",
        en: "WP248 criterion 5: large-scale processing",
        fr: "Critère WP248 n° 5 : traitement à grande échelle",
    },
    Term {
        key: "wp248_matching_datasets",
        en: "WP248 criterion 6: matching or combining datasets",
        fr: "Critère WP248 n° 6 : croisement ou combinaison d'ensembles de données",
    },
    Term {
        key: "wp248_vulnerable_subjects",
        en: "WP248 criterion 7: vulnerable data subjects",
        fr: "Critère WP248 n° 7 : personnes concernées vulnérables",
    },
    Term {
        key: "wp248_innovative_technology",
        en: "WP248 criterion 8: innovative use or new technology",
        fr: "Critère WP248 n° 8 : usage innovant ou nouvelle technologie",
    },
    Term {
        key: "wp248_prevents_right_or_service",
        en: "WP248 criterion 9: processing that prevents exercising a right or using a service",
        fr: "Critère WP248 n° 9 : traitement empêchant d'exercer un droit ou de bénéficier d'un service",
    },
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::form::{Field, FieldType};
    use crate::privacy::FieldPrivacy;
    use crate::text::Text;

    fn purpose(id: &str) -> Purpose {
        Purpose {
            id: id.into(),
            name: Text::new("P", "P"),
            lawful_basis: None,
            special_condition: None,
            conditions_care: false,
            retention: None,
            erasure_exceptions: Vec::new(),
            data_subjects: Vec::new(),
            recipients: Vec::new(),
            dpia_ref: None,
            dpia_facts: Vec::new(),
        }
    }

    fn rules(purposes: Vec<Purpose>) -> Rules {
        Rules {
            format_version: 1,
            version: "1".into(),
            controller: crate::privacy::rules::Controller {
                name: "c".into(),
                contact: "c".into(),
                dpo_contact: None,
            },
            purposes,
            recipients: Vec::new(),
            security_measures: Vec::new(),
        }
    }

    fn form(class: Classification, purpose: &str) -> Form {
        let json = serde_json::json!({
            "format_version": 1, "id": "f",
            "fields": [{"name": "x", "type": {"kind": "text"}}]
        });
        let mut form: Form = serde_json::from_value(json).unwrap();
        let field: &mut Field = form.fields.first_mut().unwrap();
        assert_eq!(field.field_type, FieldType::Text);
        field.privacy = Some(FieldPrivacy::new(class, &[purpose]));
        form
    }

    fn codes(s: &Screening) -> Vec<&str> {
        s.reasons.iter().map(|r| r.code.as_str()).collect()
    }

    #[test]
    fn one_wp248_criterion_is_not_enough_two_are() {
        let mut p = purpose("p");
        p.data_subjects = vec!["patients".into()];
        let r = rules(vec![p]);
        let only_vulnerable = screen(&r, &[], "p").unwrap();
        assert!(!only_vulnerable.required);
        assert_eq!(codes(&only_vulnerable), ["wp248_vulnerable_subjects"]);
        assert!(only_vulnerable.findings.is_empty());
        let with_form = screen(&r, &[form(Classification::Sensitive, "p")], "p").unwrap();
        assert!(with_form.required);
        assert_eq!(with_form.wp248_count, 2);
        let found: Vec<_> = with_form
            .findings
            .iter()
            .map(|f| (f.code.as_str(), f.path.as_str()))
            .collect();
        assert_eq!(found, [("privacy.dpia_missing", "/purposes/0/dpia_ref")]);
    }

    #[test]
    fn a_cnil_item_alone_requires_a_dpia() {
        let mut p = purpose("p");
        p.dpia_facts = vec!["cnil_social_support".into(), "big".into()];
        p.dpia_ref = Some("AIPD-1".into());
        let s = screen(&rules(vec![p]), &[], "p").unwrap();
        assert!(s.required);
        assert_eq!(s.reasons.first().unwrap().source, Source::Declared);
        let found: Vec<_> = s.findings.iter().map(|f| f.code.as_str()).collect();
        assert_eq!(found, ["privacy.unknown_dpia_fact"]);
    }

    #[test]
    fn health_care_of_patients_and_large_scale_health_data_are_derived() {
        let mut p = purpose("care");
        p.data_subjects = vec!["patients".into()];
        p.special_condition = Some(SpecialCondition::HealthCare);
        p.dpia_facts = vec!["wp248_large_scale".into()];
        let s = screen(
            &rules(vec![p]),
            &[form(Classification::SpecialCategory, "care")],
            "care",
        )
        .unwrap();
        assert_eq!(
            codes(&s),
            [
                "art35_3_b_large_scale_special",
                "cnil_health_care",
                "wp248_sensitive_data",
                "wp248_large_scale",
                "wp248_vulnerable_subjects"
            ]
        );
        assert_eq!(s.wp248_count, 3);
    }

    #[test]
    fn unknown_purpose_is_an_error_and_labels_exist_for_every_criterion() {
        let err = screen(&rules(vec![]), &[], "nope").unwrap_err();
        assert_eq!(err.code, "privacy.no_such_purpose");
        for (code, _) in CRITERIA {
            let reason = Reason {
                code: (*code).to_owned(),
                framework: Framework::Cnil,
                source: Source::Declared,
            };
            assert!(!reason.label(Locale::Fr).is_empty(), "{code}");
        }
        assert_eq!(CRITERIA.len(), TERMS.len());
    }
}
