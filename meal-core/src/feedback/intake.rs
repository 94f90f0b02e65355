//! Intake: an item received by a channel, coded, flagged, sealed when sensitive, linked to the
//! person only through a pseudonym, and followed anonymously with a claim code.
//!
//! reference/gdpr-feedback.md §3.5 (rule 1: sensitivity set at intake, before anything else;
//! rule 4: anonymous intake must be possible — UNHCR, CNIL 2023; rule 6: the loop closes through
//! a claim code the complainant holds), §7 item 6 (seal on the device before sync).
//!
//! # Decisions
//!
//! * **One call, nothing readable left behind.** [`intake`] checks the code against the
//!   taxonomy, decides sensitivity, routes the item ([`super::routing::route_code`]), seals the
//!   text of a sensitive item to its route's `recipient_key`, pseudonymises the subject and
//!   hashes the claim code. The [`Item`] it returns never holds the text of a sensitive item in
//!   clear, a raw identifier, or a claim code.
//! * **Sensitive** = the flag the person or the worker set, *or* a code in a sensitive family
//!   (the family forces it: an SEA allegation coded as such is never left in clear because a
//!   box was not ticked). The flag alone (a code in no family) routes to the routing
//!   document's `sensitive_default`.
//! * **The subject is a pseudonym.** A caller who links the item to a person passes the raw
//!   identifier (a name, a phone number) and a [`Pseudonymiser`] (for the feedback purpose);
//!   the item keeps the pseudonym only. A subject without a pseudonymiser is refused
//!   (`feedback.no_pseudonymiser`) rather than stored raw.
//! * **Anonymous means no subject.** An anonymous intake that carries an identifier is a
//!   contradiction: dropping the identifier silently would lose what the worker typed, keeping
//!   it would break the promise made to the person — so it is an error
//!   (`feedback.anonymous_with_subject`).
//! * **Claim codes** ([`ClaimCode`]) are Crockford base32 (digits and capitals without I, L,
//!   O, U), grouped by four: `7572-MWRZ`. Every 5 random bytes give 8 characters (40 bits);
//!   the caller gives the random bytes (the core has no random generator) or the code printed
//!   on a card handed to the person ([`ClaimCode::parse`]). Reading forgives what people do when
//!   they copy a code: case, hyphens and spaces are ignored, `O` reads as `0`, `I` and `L` as
//!   `1`. The item stores only the SHA-256 (hex) of the code's canonical text (capitals, no
//!   hyphens); [`claim`] compares in constant time. A code is optional, even for an anonymous
//!   item (a note left in a box has no one to hand a code to). 40 bits are enough against
//!   guessing through a counter or a hotline, but whoever holds the stored item can test all
//!   2⁴⁰ codes offline: where the item may leave the mission's systems, give 10 random bytes
//!   (16 characters, 80 bits).
//! * **Non-blank** id, project and text (`feedback.blank_field`): an item without them cannot
//!   be followed, routed or answered.
//!
//! # Codes
//!
//! | code | when |
//! |---|---|
//! | `feedback.blank_field` | the id, project or text is blank (`field`) |
//! | `feedback.unknown_code` | the code is not in the taxonomy (`code`) |
//! | `feedback.anonymous_with_subject` | an anonymous intake carries a subject identifier |
//! | `feedback.no_pseudonymiser` | a subject identifier without a pseudonymiser to replace it |
//! | `feedback.no_recipient_key` | a sensitive item whose route has no key to seal to (`route`) |
//! | `feedback.claim_random_length` | claim-code random bytes not a positive multiple of 5 (`found`) |
//! | `feedback.bad_claim_code` | a claim code that is not Crockford base32 in groups of 8 characters |
//!
//! and the errors of routing ([`super::routing`]), sealing ([`mod@super::seal`]) and
//! pseudonymisation ([`mod@crate::privacy::pseudonym`]).

use std::fmt;

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;
use zeroize::Zeroizing;

use super::item::{Channel, Content, Item};
use super::routing::{route_code, RouteDecision, Routing};
use super::seal::{seal, SEAL_RANDOM_BYTES};
use super::taxonomy::Taxonomy;
use crate::document;
use crate::error::MealError;
use crate::i18n::{Message, Term};
use crate::privacy::Pseudonymiser;

/// Crockford's base32 alphabet.
const CROCKFORD: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// Random bytes per 8 characters of claim code.
pub const CLAIM_BYTES_PER_GROUP: usize = 5;

/// Characters per group of 5 random bytes.
const CLAIM_CHARS_PER_GROUP: usize = 8;

/// What the channel brought in, as the worker or the app recorded it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Intake {
    pub channel: Channel,
    /// RFC 3339 with the offset of the place it was received.
    pub received_at: DateTime<FixedOffset>,
    pub project: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub site: Option<String>,
    /// The taxonomy code.
    pub code: String,
    /// The person's or the worker's flag (a sensitive family's code forces it).
    #[serde(default)]
    pub sensitive: bool,
    #[serde(default)]
    pub anonymous: bool,
    /// The raw identifier of the person (replaced by its pseudonym), if they gave one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    /// What the person said.
    pub text: String,
}

impl Intake {
    /// Reads an intake from JSON: `json.malformed`, or `document.invalid` (kind `intake`).
    pub fn from_json(json: &str) -> Result<Self, MealError> {
        let value: serde_json::Value =
            serde_json::from_str(json).map_err(|e| document::malformed(&e))?;
        serde_json::from_value(value).map_err(|e| {
            MealError::new("document.invalid")
                .with("kind", "intake")
                .with("detail", e)
        })
    }
}

/// The secrets and randomness one intake uses.
#[derive(Debug)]
pub struct IntakeKeys<'a> {
    /// Replaces the subject identifier (built for the feedback purpose).
    pub pseudonymiser: Option<&'a Pseudonymiser>,
    /// The code handed to the person.
    pub claim_code: Option<&'a ClaimCode>,
    /// 32 fresh random bytes for sealing (used only when the item is sensitive).
    pub seal_random: [u8; SEAL_RANDOM_BYTES],
}

/// The item made at intake and its route.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Received {
    pub item: Item,
    pub route: RouteDecision,
}

/// Makes the item `id` from `intake`. Errors: see the module's table.
pub fn intake(
    taxonomy: &Taxonomy,
    routing: &Routing,
    intake: &Intake,
    id: &str,
    keys: &IntakeKeys<'_>,
) -> Result<Received, MealError> {
    for (field, value) in [
        ("id", id),
        ("project", &intake.project),
        ("text", &intake.text),
    ] {
        if value.trim().is_empty() {
            return Err(MealError::new("feedback.blank_field").with("field", field));
        }
    }
    let entry = taxonomy.require_code(&intake.code)?;
    let sensitive = intake.sensitive || entry.is_sensitive();
    let route = route_code(taxonomy, routing, &intake.code, sensitive)?;
    let subject = pseudonymous_subject(intake, keys.pseudonymiser)?;
    let content = if sensitive {
        let key = routing
            .require_route(&route.route)?
            .recipient_key
            .as_ref()
            .ok_or_else(|| {
                MealError::new("feedback.no_recipient_key").with("route", &route.route)
            })?;
        seal(key, &intake.text, &keys.seal_random)?
    } else {
        Content::Plain {
            text: intake.text.clone(),
        }
    };
    let item = Item {
        id: id.to_owned(),
        received_at: intake.received_at,
        channel: intake.channel,
        project: intake.project.clone(),
        site: intake.site.clone(),
        code: intake.code.clone(),
        sensitive,
        anonymous: intake.anonymous,
        claim_code_sha256: keys.claim_code.map(ClaimCode::sha256_hex),
        subject,
        content,
    };
    Ok(Received { item, route })
}

fn pseudonymous_subject(
    intake: &Intake,
    pseudonymiser: Option<&Pseudonymiser>,
) -> Result<Option<String>, MealError> {
    let Some(identifier) = &intake.subject else {
        return Ok(None);
    };
    if intake.anonymous {
        return Err(MealError::new("feedback.anonymous_with_subject"));
    }
    let pseudonymiser = pseudonymiser.ok_or_else(|| MealError::new("feedback.no_pseudonymiser"))?;
    pseudonymiser.pseudonym(identifier).map(Some)
}

/// A claim code: what the person keeps to follow their item without giving a name. Printed
/// only by [`as_text`](Self::as_text); wiped on drop.
pub struct ClaimCode {
    /// Canonical text: Crockford capitals, no hyphens.
    canonical: Zeroizing<String>,
}

impl fmt::Debug for ClaimCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ClaimCode(<redacted>)")
    }
}

/// The longest text read as a claim code (characters as typed, separators included).
const CLAIM_TEXT_MAX: usize = 256;

impl ClaimCode {
    /// A code from fresh random bytes, 8 characters per 5 bytes (5 → 40 bits, 10 → 80 bits).
    /// Error `feedback.claim_random_length`.
    pub fn from_random(bytes: &[u8]) -> Result<Self, MealError> {
        if bytes.is_empty() || bytes.len() % CLAIM_BYTES_PER_GROUP != 0 {
            return Err(MealError::new("feedback.claim_random_length")
                .with("found", bytes.len())
                .with("group", CLAIM_BYTES_PER_GROUP));
        }
        let mut canonical = Zeroizing::new(String::new());
        for group in bytes.chunks(CLAIM_BYTES_PER_GROUP) {
            let bits = group.iter().fold(0u64, |n, b| n << 8 | u64::from(*b));
            for index in (0..CLAIM_CHARS_PER_GROUP).rev() {
                let digit = (bits >> (5 * index)) & 31;
                let letter = CROCKFORD.get(usize::try_from(digit).unwrap_or_default());
                canonical.push(char::from(letter.copied().unwrap_or(b'0')));
            }
        }
        Ok(Self { canonical })
    }

    /// Reads a code as a person types it (case, hyphens and spaces ignored; `O` = `0`, `I`/`L`
    /// = `1`). Error `feedback.bad_claim_code` (the text is not echoed).
    pub fn parse(text: &str) -> Result<Self, MealError> {
        // A typed code is a few groups; a pasted megabyte is no code, and hashing it would make
        // every claim check as slow as the text is long.
        if text.len() > CLAIM_TEXT_MAX {
            return Err(MealError::new("feedback.bad_claim_code"));
        }
        let mut canonical = Zeroizing::new(String::with_capacity(text.len()));
        for c in text.chars().filter(|c| *c != '-' && !c.is_whitespace()) {
            let c = match c.to_ascii_uppercase() {
                'O' => '0',
                'I' | 'L' => '1',
                other => other,
            };
            if !c.is_ascii() || !CROCKFORD.contains(&(c as u8)) {
                return Err(MealError::new("feedback.bad_claim_code"));
            }
            canonical.push(c);
        }
        if canonical.is_empty() || canonical.len() % CLAIM_CHARS_PER_GROUP != 0 {
            return Err(MealError::new("feedback.bad_claim_code"));
        }
        Ok(Self { canonical })
    }

    /// The code to give the person, grouped by four: `7572-MWRZ`.
    pub fn as_text(&self) -> String {
        let chars: Vec<char> = self.canonical.chars().collect();
        chars
            .chunks(4)
            .map(|group| group.iter().collect::<String>())
            .collect::<Vec<_>>()
            .join("-")
    }

    /// SHA-256 (lowercase hex) of the canonical text: what the item stores.
    pub fn sha256_hex(&self) -> String {
        Sha256::digest(self.canonical.as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }
}

/// True when `code`, as the person types it, is the claim code of `item` (constant-time
/// comparison of the hashes). False for an item without a code or a text that is no code.
pub fn claim(item: &Item, code: &str) -> bool {
    let (Some(stored), Ok(code)) = (&item.claim_code_sha256, ClaimCode::parse(code)) else {
        return false;
    };
    code.sha256_hex().as_bytes().ct_eq(stored.as_bytes()).into()
}

/// Codes raised here, in French and English.
pub(crate) const MESSAGES: &[Message] = &[
    Message {
        code: "feedback.blank_field",
        en: "The {field} of a feedback item cannot be blank",
        fr: "Le champ {field} d'un retour ne peut pas être vide",
    },
    Message {
        code: "feedback.anonymous_with_subject",
        en: "An anonymous item cannot name the person: remove the identifier, or record the item as not anonymous",
        fr: "Un retour anonyme ne peut pas désigner la personne : retirez l'identifiant, ou enregistrez le retour comme non anonyme",
    },
    Message {
        code: "feedback.no_pseudonymiser",
        en: "A person's identifier is kept only as a pseudonym; give a pseudonymiser for the feedback purpose",
        fr: "L'identifiant d'une personne n'est conservé que sous forme de pseudonyme ; fournissez un pseudonymiseur pour la finalité retours",
    },
    Message {
        code: "feedback.no_recipient_key",
        en: "This sensitive item goes to the route '{route}', which has no key to seal it to; it cannot be recorded in clear",
        fr: "Ce retour sensible va au circuit « {route} », qui n'a pas de clé pour le sceller ; il ne peut pas être enregistré en clair",
    },
    Message {
        code: "feedback.claim_random_length",
        en: "A claim code takes a multiple of {group} random bytes; {found} were given",
        fr: "Un code de suivi demande un multiple de {group} octets aléatoires ; {found} ont été fournis",
    },
    Message {
        code: "feedback.bad_claim_code",
        en: "This is not a claim code: groups of letters and digits such as 7572-MWRZ",
        fr: "Ce n'est pas un code de suivi : des groupes de lettres et de chiffres comme 7572-MWRZ",
    },
];

/// Domain terms carried in params of these codes.
pub(crate) const TERMS: &[Term] = &[Term {
    key: "intake",
    en: "feedback intake",
    fr: "réception d'un retour",
}];

#[cfg(test)]
mod tests {
    use super::*;

    // Expected codes and hashes computed independently in Python (int.from_bytes, 5-bit
    // digits over Crockford's alphabet; hashlib.sha256 of the code without hyphens).
    #[test]
    fn claim_codes_from_random_bytes() {
        let cases = [
            ("0000000000", "0000-0000"),
            ("ffffffffff", "ZZZZ-ZZZZ"),
            ("394e2a731f", "7572-MWRZ"),
            ("0123456789abcdeffedc", "04HM-ASW9-NF6Y-ZZPW"),
        ];
        for (hex, expected) in cases {
            let bytes: Vec<u8> = (0..hex.len())
                .step_by(2)
                .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap())
                .collect();
            assert_eq!(ClaimCode::from_random(&bytes).unwrap().as_text(), expected);
        }
        assert_eq!(
            ClaimCode::parse("7572-MWRZ").unwrap().sha256_hex(),
            "c272f511dbbe44ba0ffc772722116925fa98c9801d054680f438f9a7415532bc"
        );
        for bad in [&[][..], &[1; 4], &[1; 6]] {
            assert_eq!(
                ClaimCode::from_random(bad).unwrap_err().code,
                "feedback.claim_random_length"
            );
        }
    }

    #[test]
    fn claim_codes_read_as_people_copy_them() {
        let canonical = ClaimCode::parse("7572-MWRZ").unwrap().sha256_hex();
        for typed in ["7572MWRZ", " 7572 mwrz ", "7572-mwrz", "7572-M-W-R-Z"] {
            assert_eq!(ClaimCode::parse(typed).unwrap().sha256_hex(), canonical);
        }
        assert_eq!(
            ClaimCode::parse("O1IL-0000").unwrap().as_text(),
            "0111-0000"
        );
        // 256 characters is the longest text read; longer is refused before any work.
        let longest = "7572MWRZ".repeat(32);
        assert_eq!(longest.len(), 256);
        assert!(ClaimCode::parse(&longest).is_ok());
        let too_long = longest.clone() + "7572";
        for bad in [
            "",
            "7572-MWR",
            "7572-MWRU",
            "FB-2026-014",
            "7572-MWRÉ",
            too_long.as_str(),
        ] {
            let error = ClaimCode::parse(bad).unwrap_err();
            assert_eq!(error.code, "feedback.bad_claim_code", "{bad}");
            assert!(error.params.is_empty());
        }
        assert_eq!(
            format!("{:?}", ClaimCode::parse("7572-MWRZ").unwrap()),
            "ClaimCode(<redacted>)"
        );
    }

    #[test]
    fn every_code_renders_with_its_params() {
        use crate::i18n::Locale;
        for message in MESSAGES {
            let error = MealError::new(message.code)
                .with("field", "text")
                .with("route", "r")
                .with("found", 3)
                .with("group", 5);
            for locale in [Locale::En, Locale::Fr] {
                assert!(!error.message(locale).contains('{'), "{}", message.code);
            }
        }
    }
}
