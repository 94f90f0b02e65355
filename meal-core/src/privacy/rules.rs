//! The data-protection rules document: controller, processing purposes with their lawful
//! bases and retention, and the recipients data may be exported to.
//!
//! Reading: [`Rules::from_json`] (format version 1, through [`crate::document::read`]: unknown
//! keys are `document.unknown_field` findings, keys written twice `document.duplicate_key`);
//! [`Rules::to_json`] writes the canonical form, which reads back identical. [`Rules::check`]
//! then reports what is wrong with the document itself; [`check`] does both at once.
//!
//! Decisions (reference/gdpr-feedback.md):
//! * An Art. 6 basis and, for special categories, an Art. 9(2) condition are both required
//!   (§1.3, "stacking"): a purpose without a basis is an error, never a default.
//! * Consent is never the basis of processing that conditions care or assistance: it would not
//!   be freely given (§1.2, ICRC Handbook ch. 3). The same holds for Art. 9(2)(a) explicit
//!   consent. Care uses 6(1)(e)/(f) (or (d)) with 9(2)(h)/(c); consent is for optional uses
//!   (testimonies, photos).
//! * No indefinite retention (§1.1, storage limitation): a purpose without a retention rule is
//!   an error. A rule of zero months in every phase deletes at the trigger itself; it can be
//!   meant (an intake copy purged once transferred, §1.9) and is a warning.
//! * Ids are single words: the XLSForm `purposes` column lists them separated by spaces.
//! * Art. 9(2)(d) covers only members of a political, religious or trade-union body, never a
//!   medical NGO's patients (§1.3): a warning.
//! * DPIA facts must be names the screening knows ([`super::dpia`]): a misspelt fact would
//!   silently drop a criterion.
//!
//! | code | severity | path | when |
//! |---|---|---|---|
//! | `privacy.blank_value` | error | the value | version, controller name or contact, a retention trigger, a data-subject category, a DPIA reference or a third country is blank |
//! | `privacy.incomplete_text` | error | the text | a name or security measure lacks its English or French |
//! | `privacy.no_purposes` | error | `/purposes` | the document declares no purpose |
//! | `privacy.invalid_id` | error | `…/id` | a purpose or recipient id is empty or holds a space |
//! | `privacy.duplicate_purpose` / `privacy.duplicate_recipient` | error | `…/id` | an id used twice (the later one is flagged) |
//! | `privacy.unknown_recipient` | error | `/purposes/i/recipients/j` | a purpose names a recipient the document does not list |
//! | `privacy.no_lawful_basis` | error | `/purposes/i/lawful_basis` | no Art. 6 basis |
//! | `privacy.no_retention` | error | `/purposes/i/retention` | no retention rule |
//! | `privacy.zero_retention` | warning | `/purposes/i/retention` | every phase is 0 months |
//! | `privacy.consent_for_care` | error | `/purposes/i/lawful_basis` | consent as the basis of a purpose that conditions care |
//! | `privacy.explicit_consent_for_care` | error | `/purposes/i/special_condition` | explicit consent as the Art. 9 condition of a purpose that conditions care |
//! | `privacy.members_only_condition` | warning | `/purposes/i/special_condition` | Art. 9(2)(d) (members of a not-for-profit body) |
//! | `privacy.unknown_dpia_fact` | error | `/purposes/i/dpia_facts/j` | a DPIA fact the screening does not know |
//! | `privacy.unused_recipient` | warning | `/recipients/i` | a recipient no purpose names |

use serde::{Deserialize, Serialize};

use super::retention::RetentionRule;
use crate::document::{self, Parsed};
use crate::error::{Finding, MealError};
use crate::i18n::Locale;
use crate::text::Text;

/// Format version of the rules document.
pub const FORMAT_VERSION: u32 = 1;

/// GDPR Art. 6(1) lawful bases.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LawfulBasis {
    /// 6(1)(a)
    Consent,
    /// 6(1)(b)
    Contract,
    /// 6(1)(c)
    LegalObligation,
    /// 6(1)(d)
    VitalInterests,
    /// 6(1)(e)
    PublicInterest,
    /// 6(1)(f)
    LegitimateInterests,
}

/// GDPR Art. 9(2) conditions lifting the prohibition on special categories.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SpecialCondition {
    /// 9(2)(a)
    ExplicitConsent,
    /// 9(2)(b)
    EmploymentSocialProtection,
    /// 9(2)(c)
    VitalInterests,
    /// 9(2)(d)
    NonProfitMembers,
    /// 9(2)(e)
    MadePublic,
    /// 9(2)(f)
    LegalClaims,
    /// 9(2)(g)
    SubstantialPublicInterest,
    /// 9(2)(h) with 9(3)
    HealthCare,
    /// 9(2)(i)
    PublicHealth,
    /// 9(2)(j)
    ArchivingResearchStatistics,
}

/// Art. 17(3) exceptions to the right to erasure a purpose may rely on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErasureException {
    /// 17(3)(b) legal obligation
    LegalObligation,
    /// 17(3)(c) public health (health records kept under CSP R.1112-7)
    PublicHealth,
    /// 17(3)(d) archiving, research, statistics
    ArchivingResearch,
    /// 17(3)(e) legal claims
    LegalClaims,
}

/// One processing purpose (finalité).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Purpose {
    pub id: String,
    pub name: Text,
    /// Art. 6 basis; `None` is a finding, never a default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lawful_basis: Option<LawfulBasis>,
    /// Art. 9(2) condition, required when special-category fields serve this purpose.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub special_condition: Option<SpecialCondition>,
    /// True when the processing conditions care or assistance: consent is then never a valid
    /// basis (ICRC Handbook ch. 3; reference/gdpr-feedback.md §1.2).
    #[serde(default)]
    pub conditions_care: bool,
    /// `None` is a finding: no indefinite retention.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retention: Option<RetentionRule>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub erasure_exceptions: Vec<ErasureException>,
    /// Categories of data subjects (Art. 30(1)(c)): `unaccompanied_minors`, `patients`, …
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub data_subjects: Vec<String>,
    /// Recipient ids (Art. 30(1)(d)).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub recipients: Vec<String>,
    /// DPIA reference when one was carried out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dpia_ref: Option<String>,
    /// DPIA screening facts the schema cannot know (WP248 criteria such as large scale,
    /// innovative technology, systematic monitoring, matching datasets): machine names.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dpia_facts: Vec<String>,
}

/// Where data may go: a partner, a donor, a storage target.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recipient {
    pub id: String,
    pub name: Text,
    /// Certified health-data host (HDS, CSP L.1111-8): health data may go only to these.
    #[serde(default)]
    pub hds_certified: bool,
    /// Outside the EU/EEA (Art. 30(1)(e)): the country.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub third_country: Option<String>,
}

/// The controller (Art. 30(1)(a)).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Controller {
    pub name: String,
    pub contact: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dpo_contact: Option<String>,
}

/// The rules document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rules {
    pub format_version: u32,
    /// Version of this rule pack, recorded in every audit entry and register.
    pub version: String,
    pub controller: Controller,
    pub purposes: Vec<Purpose>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub recipients: Vec<Recipient>,
    /// Security measures (Art. 30(1)(g)), free text per language.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub security_measures: Vec<Text>,
}

impl Rules {
    /// Reads a rules document. Unknown and duplicate keys are findings; a wrong format
    /// version or shape is a [`MealError`].
    pub fn from_json(json: &str) -> Result<Parsed<Rules>, MealError> {
        document::read(json, KIND, FORMAT_VERSION)
    }

    /// The canonical JSON form (pretty-printed, fields in declaration order).
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// The purpose with this id.
    pub fn purpose(&self, id: &str) -> Option<&Purpose> {
        self.purposes.iter().find(|p| p.id == id)
    }

    /// The recipient with this id.
    pub fn recipient(&self, id: &str) -> Option<&Recipient> {
        self.recipients.iter().find(|r| r.id == id)
    }

    /// The purpose with this id, or `privacy.no_such_purpose`.
    pub fn require_purpose(&self, id: &str) -> Result<&Purpose, MealError> {
        self.purpose(id)
            .ok_or_else(|| MealError::new("privacy.no_such_purpose").with("purpose", id))
    }

    /// The recipient with this id, or `privacy.no_such_recipient`.
    pub fn require_recipient(&self, id: &str) -> Result<&Recipient, MealError> {
        self.recipient(id)
            .ok_or_else(|| MealError::new("privacy.no_such_recipient").with("recipient", id))
    }

    /// The problems of the document itself, sorted by path then code (table in the module doc).
    pub fn check(&self) -> Vec<Finding> {
        let mut out = Vec::new();
        blank(&mut out, "/version", &self.version);
        blank(&mut out, "/controller/name", &self.controller.name);
        blank(&mut out, "/controller/contact", &self.controller.contact);
        if let Some(dpo) = &self.controller.dpo_contact {
            blank(&mut out, "/controller/dpo_contact", dpo);
        }
        if self.purposes.is_empty() {
            out.push(Finding::error("privacy.no_purposes", "/purposes"));
        }
        check_ids(
            &mut out,
            "purposes",
            "privacy.duplicate_purpose",
            self.purposes.iter().map(|p| p.id.as_str()),
        );
        check_ids(
            &mut out,
            "recipients",
            "privacy.duplicate_recipient",
            self.recipients.iter().map(|r| r.id.as_str()),
        );
        for (i, purpose) in self.purposes.iter().enumerate() {
            self.check_purpose(&mut out, i, purpose);
        }
        for (i, recipient) in self.recipients.iter().enumerate() {
            let base = format!("/recipients/{i}");
            incomplete(&mut out, &format!("{base}/name"), &recipient.name);
            if let Some(country) = &recipient.third_country {
                blank(&mut out, &format!("{base}/third_country"), country);
            }
            let named = self
                .purposes
                .iter()
                .any(|p| p.recipients.contains(&recipient.id));
            if !named {
                out.push(
                    Finding::warning("privacy.unused_recipient", base)
                        .with("recipient", &recipient.id),
                );
            }
        }
        for (i, measure) in self.security_measures.iter().enumerate() {
            incomplete(&mut out, &format!("/security_measures/{i}"), measure);
        }
        crate::error::sort_findings(&mut out);
        out
    }

    fn check_purpose(&self, out: &mut Vec<Finding>, i: usize, purpose: &Purpose) {
        let base = format!("/purposes/{i}");
        let at = |field: &str| format!("{base}/{field}");
        let id = purpose.id.as_str();
        incomplete(out, &at("name"), &purpose.name);
        out.extend(purpose.basis_findings(&base));
        if purpose.special_condition == Some(SpecialCondition::NonProfitMembers) {
            out.push(
                Finding::warning("privacy.members_only_condition", at("special_condition"))
                    .with("purpose", id),
            );
        }
        match &purpose.retention {
            None => {}
            Some(rule) => {
                blank(out, &format!("{base}/retention/trigger"), &rule.trigger);
                if rule.active_months == 0 && rule.intermediate_months == 0 {
                    out.push(
                        Finding::warning("privacy.zero_retention", at("retention"))
                            .with("purpose", id),
                    );
                }
            }
        }
        for (j, subject) in purpose.data_subjects.iter().enumerate() {
            blank(out, &format!("{base}/data_subjects/{j}"), subject);
        }
        if let Some(reference) = &purpose.dpia_ref {
            blank(out, &at("dpia_ref"), reference);
        }
        for (j, recipient) in purpose.recipients.iter().enumerate() {
            if self.recipient(recipient).is_none() {
                out.push(
                    Finding::error(
                        "privacy.unknown_recipient",
                        format!("{base}/recipients/{j}"),
                    )
                    .with("purpose", id)
                    .with("recipient", recipient),
                );
            }
        }
        out.extend(super::dpia::unknown_facts(purpose, i));
    }
}

impl Purpose {
    /// The findings that make this purpose unusable for personal data, at `base` (a path into
    /// the rules document or, from [`super::minimisation`], into a form): no basis, no
    /// retention, consent for care. Shared so that the rules and the forms say the same.
    pub(crate) fn basis_findings(&self, base: &str) -> Vec<Finding> {
        let mut out = Vec::new();
        let at = |field: &str| format!("{base}/{field}");
        let mut push = |finding: Finding| out.push(finding.with("purpose", &self.id));
        match self.lawful_basis {
            None => push(Finding::error(
                "privacy.no_lawful_basis",
                at("lawful_basis"),
            )),
            Some(LawfulBasis::Consent) if self.conditions_care => {
                push(Finding::error(
                    "privacy.consent_for_care",
                    at("lawful_basis"),
                ));
            }
            Some(_) => {}
        }
        if self.special_condition == Some(SpecialCondition::ExplicitConsent) && self.conditions_care
        {
            push(Finding::error(
                "privacy.explicit_consent_for_care",
                at("special_condition"),
            ));
        }
        if self.retention.is_none() {
            push(Finding::error("privacy.no_retention", at("retention")));
        }
        out
    }
}

/// The document kind in messages (a term).
const KIND: &str = "privacy_rules";

/// Reads a rules document and checks it: the reading findings and [`Rules::check`], sorted.
pub fn check(json: &str) -> Result<Vec<Finding>, MealError> {
    let parsed = Rules::from_json(json)?;
    let mut findings = parsed.findings;
    findings.extend(parsed.value.check());
    crate::error::sort_findings(&mut findings);
    Ok(findings)
}

fn blank(out: &mut Vec<Finding>, path: &str, value: &str) {
    if value.trim().is_empty() {
        out.push(Finding::error("privacy.blank_value", path));
    }
}

fn incomplete(out: &mut Vec<Finding>, path: &str, text: &Text) {
    if text.is_incomplete() {
        out.push(Finding::error("privacy.incomplete_text", path));
    }
}

/// Ids must be single words (the XLSForm `purposes` column separates them by spaces) and
/// unique in their list; the later duplicate is flagged.
fn check_ids<'a>(
    out: &mut Vec<Finding>,
    list: &str,
    duplicate: &str,
    ids: impl Iterator<Item = &'a str>,
) {
    let mut seen = std::collections::BTreeSet::new();
    for (i, id) in ids.enumerate() {
        let path = format!("/{list}/{i}/id");
        if id.is_empty() || id.chars().any(char::is_whitespace) {
            out.push(Finding::error("privacy.invalid_id", path).with("id", id));
        } else if !seen.insert(id) {
            out.push(Finding::error(duplicate, path).with("id", id));
        }
    }
}

impl LawfulBasis {
    /// The article and its name, as a register shows it.
    pub fn label(self, locale: Locale) -> &'static str {
        let (en, fr) = match self {
            LawfulBasis::Consent => ("Art. 6(1)(a) consent", "Art. 6(1)(a) consentement"),
            LawfulBasis::Contract => ("Art. 6(1)(b) contract", "Art. 6(1)(b) contrat"),
            LawfulBasis::LegalObligation => (
                "Art. 6(1)(c) legal obligation",
                "Art. 6(1)(c) obligation légale",
            ),
            LawfulBasis::VitalInterests => (
                "Art. 6(1)(d) vital interests",
                "Art. 6(1)(d) intérêts vitaux",
            ),
            LawfulBasis::PublicInterest => (
                "Art. 6(1)(e) public interest",
                "Art. 6(1)(e) mission d'intérêt public",
            ),
            LawfulBasis::LegitimateInterests => (
                "Art. 6(1)(f) legitimate interests",
                "Art. 6(1)(f) intérêts légitimes",
            ),
        };
        pick(locale, en, fr)
    }
}

impl SpecialCondition {
    /// The article and its name, as a register shows it.
    pub fn label(self, locale: Locale) -> &'static str {
        let (en, fr) = match self {
            SpecialCondition::ExplicitConsent => (
                "Art. 9(2)(a) explicit consent",
                "Art. 9(2)(a) consentement explicite",
            ),
            SpecialCondition::EmploymentSocialProtection => (
                "Art. 9(2)(b) employment and social protection",
                "Art. 9(2)(b) droit du travail et protection sociale",
            ),
            SpecialCondition::VitalInterests => (
                "Art. 9(2)(c) vital interests",
                "Art. 9(2)(c) intérêts vitaux",
            ),
            SpecialCondition::NonProfitMembers => (
                "Art. 9(2)(d) members of a not-for-profit body",
                "Art. 9(2)(d) membres d'un organisme à but non lucratif",
            ),
            SpecialCondition::MadePublic => (
                "Art. 9(2)(e) made public by the person",
                "Art. 9(2)(e) rendues publiques par la personne",
            ),
            SpecialCondition::LegalClaims => (
                "Art. 9(2)(f) legal claims",
                "Art. 9(2)(f) droits en justice",
            ),
            SpecialCondition::SubstantialPublicInterest => (
                "Art. 9(2)(g) substantial public interest",
                "Art. 9(2)(g) intérêt public important",
            ),
            SpecialCondition::HealthCare => (
                "Art. 9(2)(h) health or social care (with 9(3))",
                "Art. 9(2)(h) soins de santé ou prise en charge sociale (avec 9(3))",
            ),
            SpecialCondition::PublicHealth => {
                ("Art. 9(2)(i) public health", "Art. 9(2)(i) santé publique")
            }
            SpecialCondition::ArchivingResearchStatistics => (
                "Art. 9(2)(j) archiving, research, statistics",
                "Art. 9(2)(j) archives, recherche, statistiques",
            ),
        };
        pick(locale, en, fr)
    }
}

impl ErasureException {
    /// The article and its name, as a register shows it.
    pub fn label(self, locale: Locale) -> &'static str {
        let (en, fr) = match self {
            ErasureException::LegalObligation => (
                "Art. 17(3)(b) legal obligation",
                "Art. 17(3)(b) obligation légale",
            ),
            ErasureException::PublicHealth => (
                "Art. 17(3)(c) public health",
                "Art. 17(3)(c) santé publique",
            ),
            ErasureException::ArchivingResearch => (
                "Art. 17(3)(d) archiving, research, statistics",
                "Art. 17(3)(d) archives, recherche, statistiques",
            ),
            ErasureException::LegalClaims => (
                "Art. 17(3)(e) legal claims",
                "Art. 17(3)(e) droits en justice",
            ),
        };
        pick(locale, en, fr)
    }
}

/// The English or French of a pair.
pub(crate) fn pick(locale: Locale, en: &'static str, fr: &'static str) -> &'static str {
    match locale {
        Locale::En => en,
        Locale::Fr => fr,
    }
}

use crate::i18n::{Message, Term};

/// Codes raised here, in French and English.
pub(crate) const MESSAGES: &[Message] = &[
    Message {
        code: "privacy.blank_value",
        en: "This value of the privacy rules is blank; write it",
        fr: "Cette valeur des règles de protection des données est vide ; renseignez-la",
    },
    Message {
        code: "privacy.incomplete_text",
        en: "This text of the privacy rules lacks its English or French version",
        fr: "Ce texte des règles de protection des données n'a pas sa version française ou anglaise",
    },
    Message {
        code: "privacy.no_purposes",
        en: "The privacy rules declare no processing purpose",
        fr: "Les règles de protection des données ne déclarent aucune finalité de traitement",
    },
    Message {
        code: "privacy.invalid_id",
        en: "The id '{id}' is not valid: it must be one word without spaces (forms list purposes separated by spaces)",
        fr: "L'identifiant « {id} » n'est pas valide : un seul mot sans espace (les formulaires listent les finalités séparées par des espaces)",
    },
    Message {
        code: "privacy.duplicate_purpose",
        en: "The purpose id '{id}' is used twice",
        fr: "L'identifiant de finalité « {id} » est utilisé deux fois",
    },
    Message {
        code: "privacy.duplicate_recipient",
        en: "The recipient id '{id}' is used twice",
        fr: "L'identifiant de destinataire « {id} » est utilisé deux fois",
    },
    Message {
        code: "privacy.unknown_recipient",
        en: "The purpose '{purpose}' names the recipient '{recipient}', which the rules do not list",
        fr: "La finalité « {purpose} » nomme le destinataire « {recipient} », que les règles ne listent pas",
    },
    Message {
        code: "privacy.no_lawful_basis",
        en: "The purpose '{purpose}' has no lawful basis (GDPR Art. 6)",
        fr: "La finalité « {purpose} » n'a pas de base légale (RGPD art. 6)",
    },
    Message {
        code: "privacy.no_retention",
        en: "The purpose '{purpose}' has no retention rule; data may not be kept indefinitely",
        fr: "La finalité « {purpose} » n'a pas de durée de conservation ; les données ne peuvent pas être conservées indéfiniment",
    },
    Message {
        code: "privacy.zero_retention",
        en: "The retention rule of the purpose '{purpose}' ends at its trigger (0 months in every phase); check it is meant",
        fr: "La durée de conservation de la finalité « {purpose} » s'achève dès son événement déclencheur (0 mois à chaque phase) ; vérifiez que c'est voulu",
    },
    Message {
        code: "privacy.consent_for_care",
        en: "The purpose '{purpose}' conditions care or assistance, so consent cannot be its lawful basis (it would not be freely given)",
        fr: "La finalité « {purpose} » conditionne des soins ou une aide : le consentement ne peut pas en être la base légale (il ne serait pas libre)",
    },
    Message {
        code: "privacy.explicit_consent_for_care",
        en: "The purpose '{purpose}' conditions care or assistance, so explicit consent cannot be its Art. 9 condition; use Art. 9(2)(h) or (c)",
        fr: "La finalité « {purpose} » conditionne des soins ou une aide : le consentement explicite ne peut pas en être la condition de l'art. 9 ; utilisez l'art. 9(2)(h) ou (c)",
    },
    Message {
        code: "privacy.members_only_condition",
        en: "The purpose '{purpose}' relies on Art. 9(2)(d), which covers only members of a not-for-profit body, not the people a mission serves",
        fr: "La finalité « {purpose} » s'appuie sur l'art. 9(2)(d), qui ne couvre que les membres d'un organisme à but non lucratif, pas les personnes qu'une mission accompagne",
    },
    Message {
        code: "privacy.unused_recipient",
        en: "No purpose names the recipient '{recipient}'",
        fr: "Aucune finalité ne nomme le destinataire « {recipient} »",
    },
    Message {
        code: "privacy.no_such_purpose",
        en: "The privacy rules have no purpose '{purpose}'",
        fr: "Les règles de protection des données n'ont pas de finalité « {purpose} »",
    },
    Message {
        code: "privacy.no_such_recipient",
        en: "The privacy rules have no recipient '{recipient}'",
        fr: "Les règles de protection des données n'ont pas de destinataire « {recipient} »",
    },
];

/// Domain terms carried in params of these codes.
pub(crate) const TERMS: &[Term] = &[Term {
    key: KIND,
    en: "privacy rules",
    fr: "règles de protection des données",
}];

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"{
      "format_version": 1, "version": "2026.1",
      "controller": {"name": "Mission", "contact": "m@example.org"},
      "purposes": [
        {"id": "care", "name": {"en": "Care", "fr": "Soins"},
         "lawful_basis": "legitimate_interests", "special_condition": "health_care",
         "conditions_care": true, "recipients": ["host"],
         "retention": {"trigger": "last_contact", "active_months": 240, "end_action": "delete"}}
      ],
      "recipients": [{"id": "host", "name": {"en": "Host", "fr": "Hébergeur"}, "hds_certified": true}]
    }"#;

    fn found(findings: &[Finding]) -> Vec<(&str, &str)> {
        findings
            .iter()
            .map(|f| (f.code.as_str(), f.path.as_str()))
            .collect()
    }

    #[test]
    fn a_good_document_is_clean_and_round_trips() {
        let parsed = Rules::from_json(GOOD).unwrap();
        assert!(parsed.findings.is_empty());
        assert!(parsed.value.check().is_empty());
        let again = Rules::from_json(&parsed.value.to_json()).unwrap();
        assert_eq!(again.value, parsed.value);
    }

    #[test]
    fn every_document_check_at_its_path() {
        let json = r#"{
          "format_version": 1, "version": " ",
          "controller": {"name": "", "contact": "c", "colour": "red"},
          "purposes": [
            {"id": "care", "name": {"en": "Care", "fr": ""}, "lawful_basis": "consent",
             "special_condition": "explicit_consent", "conditions_care": true,
             "recipients": ["host", "ghost"], "dpia_facts": ["big"],
             "retention": {"trigger": "", "active_months": 0, "end_action": "delete"}},
            {"id": "care", "name": {"en": "Again", "fr": "Encore"},
             "special_condition": "non_profit_members"},
            {"id": "two words", "name": {"en": "T", "fr": "T"}, "lawful_basis": "contract",
             "retention": {"trigger": "t", "active_months": 1, "end_action": "delete"}}
          ],
          "recipients": [{"id": "host", "name": {"en": "H", "fr": "H"}},
                         {"id": "host", "name": {"en": "H", "fr": "H"}},
                         {"id": "idle", "name": {"en": "I", "fr": "I"}, "third_country": ""}]
        }"#;
        let findings = check(json).unwrap();
        assert_eq!(
            found(&findings),
            [
                ("document.unknown_field", "/controller/colour"),
                ("privacy.blank_value", "/controller/name"),
                ("privacy.unknown_dpia_fact", "/purposes/0/dpia_facts/0"),
                ("privacy.consent_for_care", "/purposes/0/lawful_basis"),
                ("privacy.incomplete_text", "/purposes/0/name"),
                ("privacy.unknown_recipient", "/purposes/0/recipients/1"),
                ("privacy.zero_retention", "/purposes/0/retention"),
                ("privacy.blank_value", "/purposes/0/retention/trigger"),
                (
                    "privacy.explicit_consent_for_care",
                    "/purposes/0/special_condition"
                ),
                ("privacy.duplicate_purpose", "/purposes/1/id"),
                ("privacy.no_lawful_basis", "/purposes/1/lawful_basis"),
                ("privacy.no_retention", "/purposes/1/retention"),
                (
                    "privacy.members_only_condition",
                    "/purposes/1/special_condition"
                ),
                ("privacy.invalid_id", "/purposes/2/id"),
                ("privacy.duplicate_recipient", "/recipients/1/id"),
                ("privacy.unused_recipient", "/recipients/2"),
                ("privacy.blank_value", "/recipients/2/third_country"),
                ("privacy.blank_value", "/version"),
            ]
        );
    }

    #[test]
    fn no_purposes_and_lookups() {
        let json = r#"{"format_version": 1, "version": "1",
          "controller": {"name": "c", "contact": "c"}, "purposes": []}"#;
        assert_eq!(
            found(&check(json).unwrap()),
            [("privacy.no_purposes", "/purposes")]
        );
        let rules = Rules::from_json(GOOD).unwrap().value;
        assert!(rules.require_purpose("care").is_ok());
        assert_eq!(
            rules.require_recipient("x").unwrap_err().code,
            "privacy.no_such_recipient"
        );
        assert_eq!(
            LawfulBasis::LegitimateInterests.label(Locale::Fr),
            "Art. 6(1)(f) intérêts légitimes"
        );
    }
}
