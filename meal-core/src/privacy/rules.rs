//! The data-protection rules document: controller, processing purposes with their lawful
//! bases and retention, and the recipients data may be exported to.
//!
//! CONTRACT (base commit): the types are shared by every `privacy` submodule. Owner: rules
//! helper (adds reading, unknown-field findings, documentation).

use serde::{Deserialize, Serialize};

use super::retention::RetentionRule;
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
#[serde(deny_unknown_fields)]
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
#[serde(deny_unknown_fields)]
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
#[serde(deny_unknown_fields)]
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
    /// The purpose with this id.
    pub fn purpose(&self, id: &str) -> Option<&Purpose> {
        self.purposes.iter().find(|p| p.id == id)
    }

    /// The recipient with this id.
    pub fn recipient(&self, id: &str) -> Option<&Recipient> {
        self.recipients.iter().find(|r| r.id == id)
    }
}

use crate::i18n::{Message, Term};

/// Codes raised here, in French and English.
pub(crate) const MESSAGES: &[Message] = &[];

/// Domain terms carried in params of these codes.
pub(crate) const TERMS: &[Term] = &[];
