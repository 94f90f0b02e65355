//! Testimonies: a consent record per testimony, the `can_publish` decision, and withdrawal
//! that propagates to every publication.
//!
//! A [`Testimony`] is a person's account used for learning or advocacy. It carries the
//! person's consent — a [`ConsentRecord`] of the privacy module, reused as is: scopes, who
//! consented, age, unaccompanied minor, guardian, the information checklist, validity and
//! withdrawal (reference/gdpr-feedback.md §4 consent model) — plus what only a testimony has:
//! the identification level consented to, the elements to mask, the legal-proceedings check,
//! and the register of publications.
//!
//! # Scopes
//!
//! A testimony is published for one of four [`Scope`]s: `internal_learning`,
//! `advocacy_report`, `press`, `social_media`. In the consent record they are written
//! **`testimony_<scope>`** (`testimony_press`): the privacy module treats every `testimony_`
//! scope as a testimony scope, so its testimony rules (minors, the information checklist)
//! apply, and one record can also hold other scopes (`follow_up_contact`) without confusion.
//! Consent is per scope (§4 rule 7): a new scope needs a new consent.
//!
//! # The decision
//!
//! [`can_publish`] checks a [`Target`] — a scope, a date, whether it attributes the testimony
//! to the person (`identified`) and which identifying elements it `shows` (`face`, `voice`,
//! `name`, `place`) — and says yes or no with every reason (sorted by path, then code):
//!
//! | code | path | rule | source |
//! |---|---|---|---|
//! | `privacy.consent_*` | `/consent/…` | the consent covers the scope on the date: given, not withdrawn, not expired, scope consented, person informed, capacity (under 15, minors, unaccompanied minors, guardian named) — [`crate::privacy::consent::check`] | §4, §1.4, Art. 7 |
//! | `feedback.testimony_legal_review_required` | `/legal_review_done` | an asylum or court procedure is pending and no legal review was done, for a public scope | §4 rule 4, IFRC child-safeguarding tool 7 |
//! | `feedback.testimony_minor_identified` | `/target` | the person is a minor and the target identifies them (attributed, or shows any element) | §4 rule 1 (MSF) |
//! | `feedback.testimony_not_anonymous` | `/target/identified` | the consent is for an anonymised testimony and the target attributes it | §4 `identification_level` |
//! | `feedback.testimony_unmasked` | `/target/shows` | the target shows an element (`term`: `face`, `voice`, `name`, `place`, translated in messages) that must be masked | §4, ICRC "identifying includes faces, names, audio…" |
//!
//! Decisions:
//! * **Minors: no.** Minors cannot consent to testimonies (MSF; the privacy module's
//!   `privacy.consent_minor_testimony`, presumption of minority included), so no testimony of
//!   a minor is publishable; a target that would also identify them says so separately, since
//!   that is never allowed whatever the consent (§4 rule 1).
//! * **Unaccompanied minors without a guardian: refuse**, not "fully anonymised only": §4 rule 2
//!   leaves both; the refusal is the protective branch, after the Ituri case (§4: an orphan
//!   without guardian who had consented and volunteered) and because nobody can consent for
//!   them (`privacy.consent_unaccompanied_no_guardian`).
//! * **Anonymised means all four elements masked**: the masking required is the testimony's
//!   `masking` list, plus `face`, `voice`, `name` and `place` when the identification level is
//!   `anonymised`.
//! * **Validity**: a consent without `valid_until` is valid for 24 months from the day it was
//!   given ([`DEFAULT_VALIDITY_MONTHS`], a §4 proposal \[P\]), through the same date 24 months
//!   later (Regulation 1182/71 art. 3); set `valid_until` on the record to choose otherwise.
//! * **Legal review applies to public scopes** (`advocacy_report`, `press`, `social_media`):
//!   the IFRC concern is "drawing public attention" to an account that could conflict with
//!   formal declarations; `internal_learning` stays inside the organisation.
//!
//! [`withdraw`] records the withdrawal (with the privacy module's rules and errors:
//! `privacy.consent_already_withdrawn`, `privacy.consent_withdrawal_before_given`) and returns
//! the [`Takedown`]: **every** registered publication, whatever its date or scope (§4 rule 6),
//! sorted by date, then target, then scope. [`publish`] registers a publication only when
//! the decision allows it, so the register withdrawal relies on stays complete.
//!
//! Reading a testimony ([`Testimony::from_json`], format version 1; the embedded consent
//! record is version 1 of its own document) adds one finding:
//!
//! | code | severity | path | when |
//! |---|---|---|---|
//! | `feedback.testimony_publication_unconsented` | warning | `/publications/<i>` | a registered publication (`target`) that the consent did not cover on its date |

use std::collections::BTreeSet;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::document::{self, Parsed};
use crate::error::{sort_findings, Finding, MealError};
use crate::privacy::consent::{self, ConsentRecord, ConsentRequest};
use crate::privacy::retention::add_months;

/// Format version of the testimony document.
pub const FORMAT_VERSION: u32 = 1;

/// How long a consent without `valid_until` lasts (\[P\], §4 `valid_until`).
pub const DEFAULT_VALIDITY_MONTHS: u32 = 24;

/// What a testimony is published for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    InternalLearning,
    AdvocacyReport,
    Press,
    SocialMedia,
}

impl Scope {
    /// The scope's name in a consent record: `testimony_<scope>`.
    pub fn consent_scope(self) -> &'static str {
        match self {
            Scope::InternalLearning => "testimony_internal_learning",
            Scope::AdvocacyReport => "testimony_advocacy_report",
            Scope::Press => "testimony_press",
            Scope::SocialMedia => "testimony_social_media",
        }
    }

    /// True when the publication leaves the organisation.
    pub fn is_public(self) -> bool {
        self != Scope::InternalLearning
    }
}

/// The identification level the person consented to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Identification {
    Identified,
    Anonymised,
}

/// An element that can identify a person in a publication.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Element {
    Face,
    Voice,
    Name,
    Place,
}

impl Element {
    pub const ALL: [Element; 4] = [Element::Face, Element::Voice, Element::Name, Element::Place];

    /// The snake_case name used in JSON and in params.
    pub fn as_str(self) -> &'static str {
        match self {
            Element::Face => "face",
            Element::Voice => "voice",
            Element::Name => "name",
            Element::Place => "place",
        }
    }
}

/// A registered use of the testimony.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Publication {
    /// Where it appeared: a report id, a URL, a press contact.
    pub target: String,
    pub scope: Scope,
    pub published_on: NaiveDate,
}

/// A testimony and its consent (see the module docs).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Testimony {
    pub format_version: u32,
    pub id: String,
    /// The person's consent; its `subject` is the person's pseudonym.
    pub consent: ConsentRecord,
    pub identification: Identification,
    /// Elements every publication must mask.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub masking: Vec<Element>,
    /// An asylum or court procedure is pending for the person.
    #[serde(default)]
    pub legal_proceedings_pending: bool,
    /// A legal review of the testimony was done.
    #[serde(default)]
    pub legal_review_done: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub publications: Vec<Publication>,
}

/// A publication being considered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Target {
    pub scope: Scope,
    /// The date of publication.
    pub on: NaiveDate,
    /// The testimony is attributed to the person (by name or otherwise).
    #[serde(default)]
    pub identified: bool,
    /// The identifying elements it shows unmasked.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub shows: Vec<Element>,
}

impl Target {
    /// Reads a target: `json.malformed`, or `document.invalid` (kind `publication_target`).
    pub fn from_json(json: &str) -> Result<Target, MealError> {
        let value: serde_json::Value =
            serde_json::from_str(json).map_err(|e| document::malformed(&e))?;
        serde_json::from_value(value).map_err(|e| {
            MealError::new("document.invalid")
                .with("kind", "publication_target")
                .with("detail", e)
        })
    }

    /// Attributed, or showing any identifying element.
    pub fn identifies(&self) -> bool {
        self.identified || !self.shows.is_empty()
    }
}

impl Testimony {
    /// Reads a testimony; the findings are those of reading and the publications the consent
    /// did not cover.
    pub fn from_json(json: &str) -> Result<Parsed<Testimony>, MealError> {
        let mut parsed: Parsed<Testimony> = document::read(json, "testimony", FORMAT_VERSION)?;
        let nested = parsed.value.consent.format_version;
        if nested != consent::FORMAT_VERSION {
            return Err(MealError::new("document.format_version")
                .at("/consent/format_version")
                .with("kind", "consent")
                .with("expected", consent::FORMAT_VERSION)
                .with("found", nested));
        }
        parsed
            .findings
            .extend(parsed.value.unconsented_publications());
        sort_findings(&mut parsed.findings);
        Ok(parsed)
    }

    /// The JSON form.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The elements every publication must mask.
    pub fn required_masking(&self) -> BTreeSet<Element> {
        let mut masked: BTreeSet<Element> = self.masking.iter().copied().collect();
        if self.identification == Identification::Anonymised {
            masked.extend(Element::ALL);
        }
        masked
    }

    /// The consent with its validity made explicit ([`DEFAULT_VALIDITY_MONTHS`]).
    pub fn effective_consent(&self) -> ConsentRecord {
        let mut record = self.consent.clone();
        if record.valid_until.is_none() {
            record.valid_until = add_months(record.given_at, DEFAULT_VALIDITY_MONTHS);
        }
        record
    }

    /// The takedown of a withdrawn testimony: every registered publication.
    pub fn takedown(&self) -> Option<Takedown> {
        self.consent.withdrawn_at.map(|on| self.takedown_on(on))
    }

    fn takedown_on(&self, withdrawn_at: NaiveDate) -> Takedown {
        let mut publications = self.publications.clone();
        publications.sort_by(|a, b| {
            (a.published_on, &a.target, a.scope).cmp(&(b.published_on, &b.target, b.scope))
        });
        Takedown {
            testimony: self.id.clone(),
            withdrawn_at,
            publications,
        }
    }

    fn unconsented_publications(&self) -> Vec<Finding> {
        let record = self.effective_consent();
        self.publications
            .iter()
            .enumerate()
            .filter(|(_, p)| {
                !consent::check(&record, &consent_request(p.scope, p.published_on)).valid
            })
            .map(|(index, p)| {
                Finding::warning(
                    "feedback.testimony_publication_unconsented",
                    format!("/publications/{index}"),
                )
                .with("target", &p.target)
            })
            .collect()
    }
}

fn consent_request(scope: Scope, on: NaiveDate) -> ConsentRequest {
    ConsentRequest {
        scope: scope.consent_scope().to_owned(),
        on,
    }
}

/// Whether a target may publish the testimony, with every reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Decision {
    /// True when no reason is an error.
    pub allowed: bool,
    /// Sorted by path, then code.
    pub reasons: Vec<Finding>,
}

/// The rules of the module docs, for `testimony` published as `target`.
pub fn can_publish(testimony: &Testimony, target: &Target) -> Decision {
    let record = testimony.effective_consent();
    let consented = consent::check(&record, &consent_request(target.scope, target.on));
    let mut reasons: Vec<Finding> = consented
        .findings
        .into_iter()
        .map(|f| Finding {
            path: format!("/consent{}", f.path),
            ..f
        })
        .collect();
    if testimony.legal_proceedings_pending
        && !testimony.legal_review_done
        && target.scope.is_public()
    {
        reasons.push(Finding::error(
            "feedback.testimony_legal_review_required",
            "/legal_review_done",
        ));
    }
    if record.is_minor_at_consent() && target.identifies() {
        reasons.push(Finding::error(
            "feedback.testimony_minor_identified",
            "/target",
        ));
    }
    if testimony.identification == Identification::Anonymised && target.identified {
        reasons.push(Finding::error(
            "feedback.testimony_not_anonymous",
            "/target/identified",
        ));
    }
    let masked = testimony.required_masking();
    let shown: BTreeSet<Element> = target.shows.iter().copied().collect();
    for element in shown.intersection(&masked) {
        reasons.push(
            Finding::error("feedback.testimony_unmasked", "/target/shows")
                .with("term", element.as_str()),
        );
    }
    sort_findings(&mut reasons);
    Decision {
        allowed: !reasons.iter().any(Finding::is_blocking),
        reasons,
    }
}

/// Registers the publication `target_id` when [`can_publish`] allows it; returns the decision
/// either way.
pub fn publish(testimony: &mut Testimony, target_id: &str, target: &Target) -> Decision {
    let decision = can_publish(testimony, target);
    if decision.allowed {
        testimony.publications.push(Publication {
            target: target_id.to_owned(),
            scope: target.scope,
            published_on: target.on,
        });
    }
    decision
}

/// What a withdrawal asks to take down.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Takedown {
    pub testimony: String,
    pub withdrawn_at: NaiveDate,
    /// Every registered publication, by date, then target, then scope.
    pub publications: Vec<Publication>,
}

/// Withdraws the consent on `on` and lists every publication to take down (§4 rule 6).
pub fn withdraw(testimony: &mut Testimony, on: NaiveDate) -> Result<Takedown, MealError> {
    consent::withdraw(&mut testimony.consent, on).map_err(|e| {
        let path = format!("/consent{}", e.path);
        e.at(path)
    })?;
    Ok(testimony.takedown_on(on))
}

use crate::i18n::{Message, Term};

/// Codes raised here, in French and English.
pub(crate) const MESSAGES: &[Message] = &[
    Message {
        code: "feedback.testimony_legal_review_required",
        en: "An asylum or court procedure is pending: a legal review must clear the testimony before it is made public",
        fr: "Une procédure d'asile ou judiciaire est en cours : une relecture juridique doit valider le témoignage avant sa publication",
    },
    Message {
        code: "feedback.testimony_minor_identified",
        en: "The person is a minor: a publication must never identify them",
        fr: "La personne est mineure : une publication ne doit jamais permettre de l'identifier",
    },
    Message {
        code: "feedback.testimony_not_anonymous",
        en: "The person consented to an anonymised testimony only; this publication attributes it to them",
        fr: "La personne n'a consenti qu'à un témoignage anonymisé ; cette publication le lui attribue",
    },
    Message {
        code: "feedback.testimony_unmasked",
        en: "The publication shows the {term}, which must be masked",
        fr: "La publication montre {term}, à masquer",
    },
    Message {
        code: "feedback.testimony_publication_unconsented",
        en: "The publication '{target}' was not covered by the consent on its date",
        fr: "La publication « {target} » n'était pas couverte par le consentement à sa date",
    },
];

/// Domain terms carried in params of these codes.
pub(crate) const TERMS: &[Term] = &[
    Term {
        key: "testimony",
        en: "testimony",
        fr: "témoignage",
    },
    Term {
        key: "face",
        en: "face",
        fr: "le visage",
    },
    Term {
        key: "voice",
        en: "voice",
        fr: "la voix",
    },
    Term {
        key: "name",
        en: "name",
        fr: "le nom",
    },
    Term {
        key: "place",
        en: "place",
        fr: "le lieu",
    },
    Term {
        key: "publication_target",
        en: "publication target",
        fr: "cible de publication",
    },
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Locale;

    fn date(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    /// An adult who consented, informed, to press and internal learning, identified, with the
    /// place masked.
    fn testimony() -> Testimony {
        Testimony::from_json(
            r#"{"format_version": 1, "id": "t1", "identification": "identified", "masking": ["place"],
                "consent": {"format_version": 1, "subject": "p1", "given_at": "2026-03-01",
                  "given_by": "subject", "age_at_consent": 34,
                  "scopes": ["testimony_press", "testimony_internal_learning"],
                  "information_given": ["who_we_are", "where_it_appears", "no_impact_on_aid",
                                        "how_to_withdraw", "risks_discussed"]}}"#,
        )
        .unwrap()
        .value
    }

    fn target(scope: Scope, on: &str, identified: bool, shows: &[Element]) -> Target {
        Target {
            scope,
            on: date(on),
            identified,
            shows: shows.to_vec(),
        }
    }

    fn codes(decision: &Decision) -> Vec<&str> {
        decision.reasons.iter().map(|f| f.code.as_str()).collect()
    }

    #[test]
    fn an_adult_identified_testimony_is_publishable_within_its_consent() {
        let t = testimony();
        let press = target(
            Scope::Press,
            "2026-04-01",
            true,
            &[Element::Face, Element::Name],
        );
        let decision = can_publish(&t, &press);
        assert!(decision.allowed, "{:?}", decision.reasons);
        let social = target(Scope::SocialMedia, "2026-04-01", false, &[]);
        assert_eq!(
            codes(&can_publish(&t, &social)),
            ["privacy.consent_scope_missing"]
        );
        let placed = target(Scope::Press, "2026-04-01", true, &[Element::Place]);
        let decision = can_publish(&t, &placed);
        assert_eq!(decision.reasons[0].params["term"], "place");
        assert_eq!(
            decision.reasons[0].message(Locale::Fr),
            "La publication montre le lieu, à masquer"
        );
    }

    #[test]
    fn consent_lasts_24_months_by_default_through_the_same_date() {
        let t = testimony();
        assert!(can_publish(&t, &target(Scope::Press, "2028-03-01", false, &[])).allowed);
        assert_eq!(
            codes(&can_publish(
                &t,
                &target(Scope::Press, "2028-03-02", false, &[])
            )),
            ["privacy.consent_expired"]
        );
    }

    #[test]
    fn anonymised_masks_everything_and_refuses_attribution() {
        let mut t = testimony();
        t.identification = Identification::Anonymised;
        let decision = can_publish(
            &t,
            &target(Scope::Press, "2026-04-01", true, &[Element::Voice]),
        );
        assert_eq!(
            codes(&decision),
            [
                "feedback.testimony_not_anonymous",
                "feedback.testimony_unmasked"
            ]
        );
    }

    #[test]
    fn legal_review_gates_public_scopes_only() {
        let mut t = testimony();
        t.legal_proceedings_pending = true;
        assert_eq!(
            codes(&can_publish(
                &t,
                &target(Scope::Press, "2026-04-01", false, &[])
            )),
            ["feedback.testimony_legal_review_required"]
        );
        assert!(
            can_publish(
                &t,
                &target(Scope::InternalLearning, "2026-04-01", false, &[])
            )
            .allowed
        );
        t.legal_review_done = true;
        assert!(can_publish(&t, &target(Scope::Press, "2026-04-01", false, &[])).allowed);
    }

    #[test]
    fn minors_are_refused_and_never_identified() {
        let mut t = testimony();
        t.consent.age_at_consent = Some(16);
        assert_eq!(
            codes(&can_publish(
                &t,
                &target(Scope::Press, "2026-04-01", false, &[])
            )),
            ["privacy.consent_minor_testimony"]
        );
        assert_eq!(
            codes(&can_publish(
                &t,
                &target(Scope::Press, "2026-04-01", false, &[Element::Voice])
            )),
            [
                "privacy.consent_minor_testimony",
                "feedback.testimony_minor_identified"
            ]
        );
    }

    #[test]
    fn withdrawal_lists_every_publication_and_stops_publishing() {
        let mut t = testimony();
        let first = target(Scope::Press, "2026-05-02", false, &[]);
        assert!(publish(&mut t, "le-monde", &first).allowed);
        let second = target(Scope::InternalLearning, "2026-04-01", false, &[]);
        assert!(publish(&mut t, "learning-review", &second).allowed);
        let refused = target(Scope::SocialMedia, "2026-04-01", false, &[]);
        assert!(!publish(&mut t, "instagram", &refused).allowed);
        assert_eq!(
            t.publications.len(),
            2,
            "a refused publication is not registered"
        );

        let takedown = withdraw(&mut t, date("2026-06-01")).unwrap();
        let targets: Vec<_> = takedown
            .publications
            .iter()
            .map(|p| p.target.as_str())
            .collect();
        assert_eq!(targets, ["learning-review", "le-monde"]);
        assert_eq!(
            codes(&can_publish(
                &t,
                &target(Scope::Press, "2026-06-01", false, &[])
            )),
            ["privacy.consent_withdrawn"]
        );
        let again = withdraw(&mut t, date("2026-06-02")).unwrap_err();
        assert_eq!(
            (again.code.as_str(), again.path.as_str()),
            ("privacy.consent_already_withdrawn", "/consent/withdrawn_at")
        );
        assert_eq!(t.takedown().unwrap(), takedown);
    }

    #[test]
    fn reading_flags_publications_the_consent_did_not_cover() {
        let mut t = testimony();
        t.publications.push(Publication {
            target: "tiktok".into(),
            scope: Scope::SocialMedia,
            published_on: date("2026-04-01"),
        });
        let read = Testimony::from_json(&t.to_json()).unwrap();
        assert_eq!(read.value, t);
        assert_eq!(read.findings.len(), 1);
        assert_eq!(
            read.findings[0].code,
            "feedback.testimony_publication_unconsented"
        );
        assert_eq!(read.findings[0].path, "/publications/0");
        let nested = t.to_json().replace(
            r#""format_version":1,"subject""#,
            r#""format_version":2,"subject""#,
        );
        assert_eq!(
            Testimony::from_json(&nested).unwrap_err().path,
            "/consent/format_version"
        );
    }

    #[test]
    fn every_code_renders_with_its_params() {
        for message in MESSAGES {
            let error = MealError::new(message.code)
                .with("term", "face")
                .with("target", "t");
            for locale in [Locale::En, Locale::Fr] {
                assert!(!error.message(locale).contains('{'), "{}", message.code);
            }
        }
    }
}
