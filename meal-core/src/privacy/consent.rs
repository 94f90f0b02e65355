//! Consent records, scopes, withdrawal, and the rules for minors.
//!
//! Consent (GDPR Art. 6(1)(a), Art. 9(2)(a) for special categories) is reserved for optional
//! uses — testimonies, photos, follow-up contact, research — never for care (ICRC Handbook
//! ch. 3; reference/gdpr-feedback.md §1.2). A [`ConsentRecord`] says who consented to which
//! scopes, when, how, and whether it was withdrawn; [`check`] says whether it covers one scope
//! on one date, with a finding for every rule it breaks.
//!
//! # Scopes
//!
//! Scopes are machine names; a new use needs a new scope (§4 rule 7). The **testimony scopes**
//! are those of the §4 consent model — [`TESTIMONY_SCOPES`]: `testimony_text`,
//! `internal_advocacy_briefing`, `public_report_text`, `press_quote`, `social_media`,
//! `photo_face_visible`, `photo_obscured`, `audio_voice`, `video`, `fundraising`,
//! `donor_report` — and any scope starting with `testimony_`. Other scopes
//! (`follow_up_contact`, `research`, …) follow the general rules only.
//!
//! # Rules (each a finding code; the consent is valid when no rule is broken)
//!
//! | code | path | rule | source |
//! |---|---|---|---|
//! | `privacy.consent_not_yet_given` | `/given_at` | the date is before the consent was given | Art. 7(1): consent precedes processing |
//! | `privacy.consent_withdrawn` | `/withdrawn_at` | withdrawn on or before the date | Art. 7(3) |
//! | `privacy.consent_expired` | `/valid_until` | the date is after `valid_until` (its last valid day) | §4 model `valid_until` |
//! | `privacy.consent_scope_missing` | `/scopes` | the scope was not consented to (`scope`) | §4 rule 7: consent is per scope |
//! | `privacy.consent_under_15_alone` | `/given_by` | a person under 15 consented alone: joint consent with the holder of parental authority, or a legal representative, is needed | LIL art. 45, §1.4 |
//! | `privacy.consent_minor_testimony` | `/scopes` | a minor (under 18) consented to a testimony scope — invalid whoever consented, jointly included | MSF rule, IFRC tool 7, §4 rule 1 |
//! | `privacy.consent_unaccompanied_no_guardian` | `/guardian_ref` | an unaccompanied minor without a recorded guardian (ASE tutor, *administrateur ad hoc*): no consent-based scope at all | §1.4 (derived from LIL art. 45 + MSF rule) |
//! | `privacy.consent_no_guardian_ref` | `/guardian_ref` | consent given jointly or by a legal representative without saying who | Art. 7(1): the controller must demonstrate consent |
//! | `privacy.consent_not_informed` | `/information_given` | a testimony scope without every item of the information checklist (`missing`) | ICRC ethical content gathering, §4 |
//!
//! Decisions:
//! * **Age is taken at consent** (`given_at`): a consent given at 14 alone, or at 17 for a
//!   testimony, does not become valid on a birthday — the person consents again.
//! * **Presumption of minority** (§1.4): the person is a minor when *any* indication says so —
//!   `is_minor` (claimed or assessed), `unaccompanied` (an MNA is a minor by definition), an
//!   age from `birth_date` or the claimed `age_at_consent` under 18. A minor whose age is
//!   unknown counts as under 15: the protective reading.
//! * **`valid_until` is inclusive**, `withdrawn_at` takes effect on its own day (Art. 7(3):
//!   withdrawal stops processing from then on; what was done before stays lawful).
//! * The information checklist ([`INFORMATION_ITEMS`]) is required for testimony scopes only:
//!   `who_we_are`, `where_it_appears`, `no_impact_on_aid`, `how_to_withdraw`, `risks_discussed`.
//!
//! [`withdraw`] records a withdrawal with its date; its errors:
//!
//! | code | when |
//! |---|---|
//! | `privacy.consent_already_withdrawn` | the consent was already withdrawn (`withdrawn_at`); the first date stands |
//! | `privacy.consent_withdrawal_before_given` | the withdrawal date is before `given_at` |
//!
//! Reading a record ([`ConsentRecord::from_json`]) follows [`crate::document::read`]
//! (`format_version` 1; unknown fields are `document.unknown_field` findings).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::document::{self, Parsed};
use crate::error::{sort_findings, Finding, MealError};

/// Format version of the consent record document.
pub const FORMAT_VERSION: u32 = 1;

/// The testimony scopes of the §4 consent model (plus any scope starting with `testimony_`).
pub const TESTIMONY_SCOPES: &[&str] = &[
    "testimony_text",
    "internal_advocacy_briefing",
    "public_report_text",
    "press_quote",
    "social_media",
    "photo_face_visible",
    "photo_obscured",
    "audio_voice",
    "video",
    "fundraising",
    "donor_report",
];

/// What the person must have been told before a testimony (ICRC; §4 `information_given`).
pub const INFORMATION_ITEMS: &[&str] = &[
    "who_we_are",
    "where_it_appears",
    "no_impact_on_aid",
    "how_to_withdraw",
    "risks_discussed",
];

/// The age from which a person consents alone (LIL art. 45).
pub const DIGITAL_CONSENT_AGE: u32 = 15;

/// The age of majority (and of the MSF testimony rule).
pub const MAJORITY: u32 = 18;

/// True for a testimony scope.
pub fn is_testimony_scope(scope: &str) -> bool {
    TESTIMONY_SCOPES.contains(&scope) || scope.starts_with("testimony_")
}

/// Who gave the consent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GivenBy {
    /// The person alone.
    Subject,
    /// The person together with the holder(s) of parental authority (LIL art. 45).
    Joint,
    /// A legal representative (guardian, ASE tutor, *administrateur ad hoc*).
    LegalRepresentative,
}

/// One person's consent to a set of scopes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsentRecord {
    pub format_version: u32,
    /// The person's pseudonym.
    pub subject: String,
    /// The scopes consented to (machine names).
    pub scopes: Vec<String>,
    pub given_at: NaiveDate,
    pub given_by: GivenBy,
    /// Date of birth, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub birth_date: Option<NaiveDate>,
    /// The age claimed or assessed at consent, when no birth date is known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub age_at_consent: Option<u32>,
    /// Claimed or assessed minority (presumption of minority).
    #[serde(default)]
    pub is_minor: bool,
    /// An unaccompanied minor (MNA).
    #[serde(default)]
    pub unaccompanied: bool,
    /// Who co-consented or represents the person (parent, guardian, ASE tutor): a reference.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guardian_ref: Option<String>,
    /// Items of [`INFORMATION_ITEMS`] the person was told.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub information_given: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub withdrawn_at: Option<NaiveDate>,
    /// Last day the consent is valid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_until: Option<NaiveDate>,
}

impl ConsentRecord {
    /// Reads a consent record (unknown fields are findings).
    pub fn from_json(json: &str) -> Result<Parsed<ConsentRecord>, MealError> {
        document::read(json, "consent", FORMAT_VERSION)
    }

    /// The JSON form.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The ages known at consent: from the birth date, and the claimed one.
    fn ages_at_consent(&self) -> impl Iterator<Item = u32> + '_ {
        let from_birth = self.birth_date.and_then(|b| self.given_at.years_since(b));
        from_birth.into_iter().chain(self.age_at_consent)
    }

    /// Presumption of minority: a minor when any indication says so.
    pub fn is_minor_at_consent(&self) -> bool {
        self.is_minor || self.unaccompanied || self.ages_at_consent().any(|age| age < MAJORITY)
    }

    /// Under 15 at consent; a minor of unknown age counts as under 15.
    pub fn is_under_15_at_consent(&self) -> bool {
        let mut ages = self.ages_at_consent().peekable();
        if ages.peek().is_none() {
            return self.is_minor_at_consent();
        }
        ages.any(|age| age < DIGITAL_CONSENT_AGE)
    }
}

/// A use of the data: one scope on one date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConsentRequest {
    pub scope: String,
    pub on: NaiveDate,
}

/// Whether a consent covers a request, and every rule it breaks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ConsentDecision {
    /// True when no finding is an error.
    pub valid: bool,
    /// Sorted by path, then code.
    pub findings: Vec<Finding>,
}

/// Checks `record` against `request` (the rules of the module docs).
pub fn check(record: &ConsentRecord, request: &ConsentRequest) -> ConsentDecision {
    let mut findings = Vec::new();
    findings.extend(timing(record, request.on));
    findings.extend(scope(record, &request.scope));
    findings.extend(capacity(record, &request.scope));
    sort_findings(&mut findings);
    ConsentDecision {
        valid: !findings.iter().any(Finding::is_blocking),
        findings,
    }
}

/// Given, not withdrawn, not expired on `on`.
fn timing(record: &ConsentRecord, on: NaiveDate) -> Vec<Finding> {
    let mut found = Vec::new();
    if on < record.given_at {
        found.push(
            Finding::error("privacy.consent_not_yet_given", "/given_at")
                .with("given_at", record.given_at),
        );
    }
    if let Some(withdrawn) = record.withdrawn_at.filter(|w| *w <= on) {
        found.push(
            Finding::error("privacy.consent_withdrawn", "/withdrawn_at")
                .with("withdrawn_at", withdrawn),
        );
    }
    if let Some(until) = record.valid_until.filter(|u| *u < on) {
        found.push(
            Finding::error("privacy.consent_expired", "/valid_until").with("valid_until", until),
        );
    }
    found
}

/// The scope was consented to, and informed when it is a testimony.
fn scope(record: &ConsentRecord, scope: &str) -> Vec<Finding> {
    let mut found = Vec::new();
    if !record.scopes.iter().any(|s| s == scope) {
        found.push(Finding::error("privacy.consent_scope_missing", "/scopes").with("scope", scope));
    }
    if is_testimony_scope(scope) {
        let missing: Vec<&str> = INFORMATION_ITEMS
            .iter()
            .copied()
            .filter(|item| !record.information_given.iter().any(|given| given == item))
            .collect();
        if !missing.is_empty() {
            found.push(
                Finding::error("privacy.consent_not_informed", "/information_given")
                    .with("missing", missing.join(", ")),
            );
        }
    }
    found
}

/// Who may consent: minors, under 15, unaccompanied minors, representatives.
fn capacity(record: &ConsentRecord, scope: &str) -> Vec<Finding> {
    let mut found = Vec::new();
    if record.is_minor_at_consent() && is_testimony_scope(scope) {
        found.push(
            Finding::error("privacy.consent_minor_testimony", "/scopes").with("scope", scope),
        );
    }
    if record.is_under_15_at_consent() && record.given_by == GivenBy::Subject {
        found.push(Finding::error(
            "privacy.consent_under_15_alone",
            "/given_by",
        ));
    }
    if record.guardian_ref.is_none() {
        if record.unaccompanied {
            found.push(Finding::error(
                "privacy.consent_unaccompanied_no_guardian",
                "/guardian_ref",
            ));
        }
        if record.given_by != GivenBy::Subject {
            found.push(Finding::error(
                "privacy.consent_no_guardian_ref",
                "/guardian_ref",
            ));
        }
    }
    found
}

/// Records the withdrawal of `record` on `on` (Art. 7(3)).
pub fn withdraw(record: &mut ConsentRecord, on: NaiveDate) -> Result<(), MealError> {
    if let Some(withdrawn) = record.withdrawn_at {
        return Err(MealError::new("privacy.consent_already_withdrawn")
            .at("/withdrawn_at")
            .with("withdrawn_at", withdrawn));
    }
    if on < record.given_at {
        return Err(MealError::new("privacy.consent_withdrawal_before_given")
            .at("/withdrawn_at")
            .with("given_at", record.given_at)
            .with("withdrawn_at", on));
    }
    record.withdrawn_at = Some(on);
    Ok(())
}

use crate::i18n::{Message, Term};

/// Codes raised here, in French and English.
pub(crate) const MESSAGES: &[Message] = &[
    Message {
        code: "privacy.consent_not_yet_given",
        en: "Consent was only given on {given_at}",
        fr: "Le consentement n'a été donné que le {given_at}",
    },
    Message {
        code: "privacy.consent_withdrawn",
        en: "Consent was withdrawn on {withdrawn_at}",
        fr: "Le consentement a été retiré le {withdrawn_at}",
    },
    Message {
        code: "privacy.consent_expired",
        en: "Consent was valid until {valid_until}",
        fr: "Le consentement était valable jusqu'au {valid_until}",
    },
    Message {
        code: "privacy.consent_scope_missing",
        en: "The person did not consent to '{scope}'; a new use needs a new consent",
        fr: "La personne n'a pas consenti à « {scope} » ; un nouvel usage demande un nouveau consentement",
    },
    Message {
        code: "privacy.consent_under_15_alone",
        en: "Under 15, consent must be given jointly with the holder of parental authority, or by a legal representative (LIL art. 45)",
        fr: "Avant 15 ans, le consentement doit être donné conjointement avec le titulaire de l'autorité parentale, ou par un représentant légal (LIL art. 45)",
    },
    Message {
        code: "privacy.consent_minor_testimony",
        en: "A minor cannot consent to '{scope}', a testimony use, even jointly: minors cannot give informed consent to testimonies",
        fr: "Un mineur ne peut pas consentir à « {scope} », un usage de témoignage, même conjointement : les mineurs ne peuvent pas donner un consentement éclairé aux témoignages",
    },
    Message {
        code: "privacy.consent_unaccompanied_no_guardian",
        en: "An unaccompanied minor without a recorded guardian cannot consent to any use",
        fr: "Un mineur non accompagné sans tuteur enregistré ne peut consentir à aucun usage",
    },
    Message {
        code: "privacy.consent_no_guardian_ref",
        en: "Consent given jointly or by a legal representative must say who (guardian_ref)",
        fr: "Un consentement conjoint ou donné par un représentant légal doit indiquer par qui (guardian_ref)",
    },
    Message {
        code: "privacy.consent_not_informed",
        en: "Before a testimony the person must be told: {missing}",
        fr: "Avant un témoignage, la personne doit être informée : {missing}",
    },
    Message {
        code: "privacy.consent_already_withdrawn",
        en: "This consent was already withdrawn on {withdrawn_at}",
        fr: "Ce consentement a déjà été retiré le {withdrawn_at}",
    },
    Message {
        code: "privacy.consent_withdrawal_before_given",
        en: "A withdrawal on {withdrawn_at} cannot precede the consent given on {given_at}",
        fr: "Un retrait le {withdrawn_at} ne peut pas précéder le consentement donné le {given_at}",
    },
];

/// Domain terms carried in params of these codes.
pub(crate) const TERMS: &[Term] = &[];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Locale;

    fn date(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    fn adult() -> ConsentRecord {
        ConsentRecord::from_json(
            r#"{"format_version": 1, "subject": "p1", "scopes": ["testimony_text", "follow_up_contact"],
                "given_at": "2026-03-01", "given_by": "subject", "age_at_consent": 30,
                "information_given": ["who_we_are", "where_it_appears", "no_impact_on_aid",
                                      "how_to_withdraw", "risks_discussed"]}"#,
        )
        .unwrap()
        .value
    }

    fn codes(record: &ConsentRecord, scope: &str, on: &str) -> Vec<String> {
        let decision = check(
            record,
            &ConsentRequest {
                scope: scope.into(),
                on: date(on),
            },
        );
        assert_eq!(decision.valid, decision.findings.is_empty());
        decision.findings.into_iter().map(|f| f.code).collect()
    }

    #[test]
    fn an_informed_adult_consent_covers_its_scopes_in_its_time() {
        let record = adult();
        assert!(codes(&record, "testimony_text", "2026-03-01").is_empty());
        assert_eq!(
            codes(&record, "video", "2026-03-01"),
            ["privacy.consent_scope_missing"]
        );
        assert_eq!(
            codes(&record, "testimony_text", "2026-02-28"),
            ["privacy.consent_not_yet_given"]
        );
        let mut expiring = record.clone();
        expiring.valid_until = Some(date("2026-06-30"));
        assert!(codes(&expiring, "follow_up_contact", "2026-06-30").is_empty());
        assert_eq!(
            codes(&expiring, "follow_up_contact", "2026-07-01"),
            ["privacy.consent_expired"]
        );
    }

    #[test]
    fn withdrawal_takes_effect_on_its_day_and_is_recorded_once() {
        let mut record = adult();
        assert_eq!(
            withdraw(&mut record, date("2026-02-01")).unwrap_err().code,
            "privacy.consent_withdrawal_before_given"
        );
        withdraw(&mut record, date("2026-04-10")).unwrap();
        assert!(codes(&record, "follow_up_contact", "2026-04-09").is_empty());
        assert_eq!(
            codes(&record, "follow_up_contact", "2026-04-10"),
            ["privacy.consent_withdrawn"]
        );
        let again = withdraw(&mut record, date("2026-05-01")).unwrap_err();
        assert_eq!(again.code, "privacy.consent_already_withdrawn");
        assert_eq!(record.withdrawn_at, Some(date("2026-04-10")));
    }

    #[test]
    fn minors_never_consent_to_testimonies_and_under_15_never_alone() {
        let mut minor = adult();
        minor.age_at_consent = Some(16);
        assert_eq!(
            codes(&minor, "testimony_text", "2026-03-02"),
            ["privacy.consent_minor_testimony"]
        );
        assert!(codes(&minor, "follow_up_contact", "2026-03-02").is_empty());
        minor.age_at_consent = Some(14);
        assert_eq!(
            codes(&minor, "follow_up_contact", "2026-03-02"),
            ["privacy.consent_under_15_alone"]
        );
        minor.given_by = GivenBy::Joint;
        minor.guardian_ref = Some("parent-1".into());
        assert!(codes(&minor, "follow_up_contact", "2026-03-02").is_empty());
        assert_eq!(
            codes(&minor, "testimony_custom", "2026-03-02").len(),
            2,
            "scope + minor"
        );
    }

    #[test]
    fn presumption_of_minority() {
        let mut claimed = adult();
        claimed.age_at_consent = None;
        claimed.is_minor = true;
        assert!(claimed.is_minor_at_consent() && claimed.is_under_15_at_consent());
        let mut born = adult();
        born.age_at_consent = None;
        born.birth_date = Some(date("2011-03-02"));
        assert!(
            born.is_under_15_at_consent(),
            "14 the day before the 15th birthday"
        );
        born.birth_date = Some(date("2011-03-01"));
        assert!(born.is_minor_at_consent() && !born.is_under_15_at_consent());
        let mut mna = adult();
        mna.unaccompanied = true;
        assert_eq!(
            codes(&mna, "follow_up_contact", "2026-03-02"),
            ["privacy.consent_unaccompanied_no_guardian"]
        );
    }

    #[test]
    fn representatives_are_named() {
        let mut record = adult();
        record.given_by = GivenBy::LegalRepresentative;
        assert_eq!(
            codes(&record, "follow_up_contact", "2026-03-02"),
            ["privacy.consent_no_guardian_ref"]
        );
    }

    #[test]
    fn every_code_renders_with_its_params() {
        for message in MESSAGES {
            let error = MealError::new(message.code)
                .with("given_at", "d")
                .with("withdrawn_at", "d")
                .with("valid_until", "d")
                .with("scope", "s")
                .with("missing", "m");
            for locale in [Locale::En, Locale::Fr] {
                assert!(!error.message(locale).contains('{'), "{}", message.code);
            }
        }
    }
}
