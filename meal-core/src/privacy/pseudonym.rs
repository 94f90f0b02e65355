//! Pseudonymisation: a keyed HMAC-SHA-256 with one domain per purpose, and tokenisation of
//! direct identifiers at collection.
//!
//! A pseudonym replaces a direct identifier (a name, a phone number) by a value that cannot be
//! linked back to the person without an additional secret kept apart — the *pseudonymisation
//! secret* of GDPR Art. 4(5). Pseudonymised data stay personal data (EDPB Guidelines 01/2025;
//! reference/gdpr-feedback.md §1.6), so every other rule of [`crate::privacy`] still applies.
//!
//! # Decisions
//!
//! * **A keyed MAC, not a hash.** A plain hash of a name or phone number is reversed by
//!   hashing every candidate; HMAC-SHA-256 under a secret key is not (EDPB 01/2025: "one-way
//!   functions with a secret parameter"). The key is a [`PseudonymKey`] of at least
//!   [`MIN_KEY_BYTES`] (32) bytes, the HMAC-SHA-256 security level.
//! * **One pseudonymisation domain per purpose** (EDPB 01/2025 "pseudonymisation domain",
//!   §1.6): the purpose id is part of the MAC input, so the same person has unrelated
//!   pseudonyms in the care register and in the feedback log, and two data sets cannot be
//!   joined on pseudonyms without the key.
//! * **An unambiguous message.** The MAC input is
//!   `"meal.pseudonym.v1" ‖ u64be(len purpose) ‖ purpose ‖ u64be(len identifier) ‖ identifier`
//!   (lengths in bytes of UTF-8). The fixed tag (with its version) separates these MACs from
//!   any other use of the key; the length prefixes make the encoding injective, so no two
//!   (purpose, identifier) pairs feed the MAC the same bytes (`("ab", "c")` vs `("a", "bc")`).
//! * **128 bits shown.** The pseudonym is the lowercase hex of the first 16 bytes of the MAC
//!   (32 characters). 128 bits keep accidental collisions negligible for any register size
//!   (birthday bound ≈ 2⁶⁴ identifiers) and guessing infeasible, at half the width of the full
//!   MAC in every record and export.
//! * **Normalised identifiers.** Before the MAC, an identifier is trimmed, every run of Unicode
//!   white space becomes one space, and it is lowercased with Unicode `to_lowercase`: `"  Amina
//!   DIALLO "` and `"amina diallo"` are the same person. Lowercasing is not case folding:
//!   `STRASSE` and `straße` stay different. No Unicode normalisation form (NFC) is
//!   applied (no such table in the core's dependencies): a client must send NFC text, as
//!   keyboards do, or `é` typed as `e` + combining accent gets another pseudonym. An identifier
//!   empty after normalisation is `privacy.empty_identifier`: a pseudonym of nothing would link
//!   every blank record.
//! * **Purpose ids are exact**: non-empty, no white space or control characters, not
//!   normalised (`privacy.pseudonym_bad_purpose`), because a purpose is a rules-document id.
//! * **The key never shows.** [`PseudonymKey`] has no `Serialize`, `Display` or `Clone`; its
//!   `Debug` prints `PseudonymKey(<redacted>)`; its bytes are zeroized on drop (`zeroize`); two
//!   keys compare in constant time (`subtle`). Key errors never echo the key text.
//!   [`verify`] compares pseudonyms in constant time.
//! * **Derived key state.** A [`Pseudonymiser`] absorbs the key and the purpose once, so each
//!   identifier costs only its own bytes; that keyed HMAC state is overwritten on drop. The
//!   `hmac`/`sha2` crates offer no zeroization of their internal state, so the copies each call
//!   makes on the stack are not wiped: a process memory dump while pseudonymising can reveal
//!   keyed state, as with any in-process key.
//!
//! # Tokenisation at collection
//!
//! [`tokenise`] replaces, in a submission, the value of every field a form classifies
//! [`Classification::DirectIdentifier`] (groups and repeats walked; submissions as in
//! [`crate::form`]: groups do not nest, repeats are arrays of objects) by its pseudonym, and
//! lists the JSON-pointer paths it replaced, in key order (instances in order). Nothing else is
//! touched. Decisions:
//! * the empty value (absent, `null`, `""`, a string of white space) stays as it is: there is
//!   no one to pseudonymise;
//! * a **number** is tokenised through its JSON text (`612345678` as `"612345678"`), because a
//!   phone number sent as a number is still an identifier;
//! * a boolean, array or object where an identifier is expected is
//!   `privacy.identifier_not_text`: it cannot be pseudonymised, and keeping it would leak it;
//! * a key that is no field of its scope is `privacy.tokenise_unknown_field`, and a repeat that
//!   is not an array of objects `privacy.tokenise_bad_repeat`: a misspelt `nmae` would
//!   otherwise carry a name through untouched. Validate the submission first
//!   ([`crate::form::CompiledForm::validate`]) and tokenise its `cleaned` value.
//!
//! # Codes
//!
//! | code | kind | when |
//! |---|---|---|
//! | `privacy.key_too_short` | error | a key shorter than 32 bytes (`min`, `found`) |
//! | `privacy.key_not_hex` | error | a key text that is not an even number of hex digits |
//! | `privacy.pseudonym_bad_purpose` | error | a purpose id empty or with white space/control characters |
//! | `privacy.empty_identifier` | error | an identifier empty after normalisation |
//! | `privacy.identifier_not_text` | error | a direct identifier's value is a boolean, array or object (`found`) |
//! | `privacy.tokenise_unknown_field` | error | a submission key that is no field of its scope |
//! | `privacy.tokenise_bad_repeat` | error | a repeat value that is not an array of objects |
//!
//! Submission text that is not JSON is `json.malformed`; not an object,
//! `form.submission_not_object`.
//!
//! # Benchmark
//!
//! `cargo bench -p meal-core --bench pseudonym`: 1 000 000 identifiers against raw SHA-256 of
//! the same bytes and a Python `hmac` loop (`benches/peers/hmac_loop.py`), in one run.

use std::collections::BTreeMap;
use std::fmt;

use hmac::{Hmac, Mac};
use serde::Serialize;
use sha2::Sha256;
use subtle::ConstantTimeEq;
use zeroize::{Zeroize, ZeroizeOnDrop};

use crate::error::MealError;
use crate::form::{Field, FieldType, Form};
use crate::i18n::{Message, Term};
use crate::privacy::Classification;

/// The shortest key accepted, in bytes: the 256-bit security level of HMAC-SHA-256.
pub const MIN_KEY_BYTES: usize = 32;

/// The fixed tag that starts every MAC input: the library, the use and the version of the
/// encoding. A new encoding gets a new tag, so old and new pseudonyms never coincide.
pub const DOMAIN_TAG: &[u8] = b"meal.pseudonym.v1";

/// Bytes of the MAC kept in a pseudonym (128 bits, 32 hex characters).
pub const PSEUDONYM_BYTES: usize = 16;

type HmacSha256 = Hmac<Sha256>;

/// A pseudonymisation secret. Never serialized, printed or cloned; zeroized on drop; compared
/// in constant time.
#[derive(Zeroize, ZeroizeOnDrop)]
pub struct PseudonymKey {
    bytes: Vec<u8>,
}

impl PseudonymKey {
    /// A key from raw bytes (at least [`MIN_KEY_BYTES`]). Error `privacy.key_too_short`.
    /// The caller should wipe its own copy of the bytes.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, MealError> {
        if bytes.len() < MIN_KEY_BYTES {
            return Err(MealError::new("privacy.key_too_short")
                .with("min", MIN_KEY_BYTES)
                .with("found", bytes.len()));
        }
        Ok(Self {
            bytes: bytes.to_vec(),
        })
    }

    /// A key from hex text (upper or lower case, no separators), as bindings and vectors carry
    /// it. Errors `privacy.key_not_hex` (the text is never echoed) and `privacy.key_too_short`.
    pub fn from_hex(text: &str) -> Result<Self, MealError> {
        let mut bytes =
            decode_hex(text.as_bytes()).ok_or_else(|| MealError::new("privacy.key_not_hex"))?;
        let key = Self::from_bytes(&bytes);
        bytes.zeroize();
        key
    }
}

fn decode_hex(text: &[u8]) -> Option<Vec<u8>> {
    fn nibble(c: u8) -> Option<u8> {
        match c {
            b'0'..=b'9' => Some(c - b'0'),
            b'a'..=b'f' => Some(c - b'a' + 10),
            b'A'..=b'F' => Some(c - b'A' + 10),
            _ => None,
        }
    }
    if text.len() % 2 != 0 {
        return None;
    }
    text.chunks_exact(2)
        .map(|pair| match pair {
            [high, low] => Some(nibble(*high)? << 4 | nibble(*low)?),
            _ => None,
        })
        .collect()
}

impl fmt::Debug for PseudonymKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("PseudonymKey(<redacted>)")
    }
}

impl PartialEq for PseudonymKey {
    /// Constant time in the key bytes (keys of different lengths differ at once: the length
    /// is not secret).
    fn eq(&self, other: &Self) -> bool {
        self.bytes.ct_eq(&other.bytes).into()
    }
}

impl Eq for PseudonymKey {}

/// Pseudonymises identifiers for one purpose under one key: the key and the purpose are
/// absorbed once, so each identifier costs only its own bytes.
pub struct Pseudonymiser {
    /// HMAC state after the key, the tag and the length-prefixed purpose.
    keyed: HmacSha256,
}

impl fmt::Debug for Pseudonymiser {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Pseudonymiser(<redacted>)")
    }
}

impl Drop for Pseudonymiser {
    /// Overwrites the keyed state in place (best effort: the `hmac` crate has no zeroize
    /// support); `black_box` keeps the store from being optimised away.
    fn drop(&mut self) {
        self.keyed = blank_mac();
        std::hint::black_box(&self.keyed);
    }
}

fn blank_mac() -> HmacSha256 {
    <HmacSha256 as hmac::digest::KeyInit>::new(&Default::default())
}

impl Pseudonymiser {
    /// A pseudonymiser for `purpose` (an exact id). Error `privacy.pseudonym_bad_purpose`.
    pub fn new(key: &PseudonymKey, purpose: &str) -> Result<Self, MealError> {
        check_purpose(purpose)?;
        let mut keyed = HmacSha256::new_from_slice(&key.bytes).unwrap_or_else(|_| blank_mac());
        keyed.update(DOMAIN_TAG);
        update_prefixed(&mut keyed, purpose.as_bytes());
        Ok(Self { keyed })
    }

    /// The pseudonym of `identifier`. Error `privacy.empty_identifier`.
    pub fn pseudonym(&self, identifier: &str) -> Result<String, MealError> {
        let mut scratch = String::new();
        let mut out = String::with_capacity(2 * PSEUDONYM_BYTES);
        self.pseudonym_into(identifier, &mut scratch, &mut out)?;
        Ok(out)
    }

    /// Appends the pseudonym of `identifier` to `out`, normalising in `scratch`: with both
    /// buffers reused, no allocation per identifier (the batch path).
    pub fn pseudonym_into(
        &self,
        identifier: &str,
        scratch: &mut String,
        out: &mut String,
    ) -> Result<(), MealError> {
        let mac = self.mac(identifier, scratch)?;
        push_hex(&mac, out);
        Ok(())
    }

    /// True when `pseudonym` is the pseudonym of `identifier`, compared in constant time.
    /// Pseudonyms are lowercase: an uppercase text does not verify.
    pub fn verify(&self, identifier: &str, pseudonym: &str) -> bool {
        let mut scratch = String::new();
        let Ok(mac) = self.mac(identifier, &mut scratch) else {
            return false;
        };
        let mut expected = String::with_capacity(2 * PSEUDONYM_BYTES);
        push_hex(&mac, &mut expected);
        expected.as_bytes().ct_eq(pseudonym.as_bytes()).into()
    }

    /// The first [`PSEUDONYM_BYTES`] of the MAC of the normalised identifier.
    fn mac(
        &self,
        identifier: &str,
        scratch: &mut String,
    ) -> Result<[u8; PSEUDONYM_BYTES], MealError> {
        normalise_into(identifier, scratch);
        if scratch.is_empty() {
            return Err(MealError::new("privacy.empty_identifier"));
        }
        let mut mac = self.keyed.clone();
        update_prefixed(&mut mac, scratch.as_bytes());
        let full = mac.finalize().into_bytes();
        let mut kept = [0u8; PSEUDONYM_BYTES];
        for (slot, byte) in kept.iter_mut().zip(full.iter()) {
            *slot = *byte;
        }
        Ok(kept)
    }
}

/// The pseudonym of `identifier` for `purpose` under `key`.
pub fn pseudonym(key: &PseudonymKey, purpose: &str, identifier: &str) -> Result<String, MealError> {
    Pseudonymiser::new(key, purpose)?.pseudonym(identifier)
}

/// True when `pseudonym` is the pseudonym of `identifier` for `purpose` under `key` (constant
/// time comparison; false for a bad purpose or an empty identifier).
pub fn verify(key: &PseudonymKey, purpose: &str, identifier: &str, pseudonym: &str) -> bool {
    Pseudonymiser::new(key, purpose).is_ok_and(|p| p.verify(identifier, pseudonym))
}

/// The normalised form of an identifier: trimmed, white-space runs as one space, lowercase.
pub fn normalise(identifier: &str) -> String {
    let mut out = String::new();
    normalise_into(identifier, &mut out);
    out
}

/// Char by char, so nothing is allocated beyond `out`'s growth; `str::to_lowercase` differs
/// from per-char lowercasing only for `Σ` (final sigma, the one contextual mapping of Unicode
/// SpecialCasing), so text holding one takes the whole-string path.
fn normalise_into(identifier: &str, out: &mut String) {
    out.clear();
    let mut sigma = false;
    for word in identifier.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        for c in word.chars() {
            if c.is_ascii() {
                out.push(c.to_ascii_lowercase());
            } else {
                sigma |= c == 'Σ';
                out.extend(c.to_lowercase());
            }
        }
    }
    if sigma {
        let collapsed: Vec<&str> = identifier.split_whitespace().collect();
        *out = collapsed.join(" ").to_lowercase();
    }
}

fn check_purpose(purpose: &str) -> Result<(), MealError> {
    let bad = purpose.is_empty() || purpose.chars().any(|c| c.is_whitespace() || c.is_control());
    if bad {
        return Err(MealError::new("privacy.pseudonym_bad_purpose").with("purpose", purpose));
    }
    Ok(())
}

fn update_prefixed(mac: &mut HmacSha256, bytes: &[u8]) {
    let length = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
    mac.update(&length.to_be_bytes());
    mac.update(bytes);
}

fn push_hex(bytes: &[u8], out: &mut String) {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    for byte in bytes {
        for nibble in [byte >> 4, byte & 0x0f] {
            out.push(char::from(
                DIGITS.get(usize::from(nibble)).copied().unwrap_or(b'0'),
            ));
        }
    }
}

/// A submission with its direct identifiers replaced by pseudonyms.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Tokenised {
    /// The submission, every direct identifier pseudonymised, everything else as given.
    pub submission: serde_json::Value,
    /// JSON-pointer paths of the values replaced (`/members/0/member_name`), in key order.
    pub tokenised: Vec<String>,
}

/// What a submission key is, in one scope (the top level or one repeat's instances).
enum Slot<'f> {
    Identifier,
    Repeat(&'f [Field]),
    Other,
}

/// Replaces every non-empty direct identifier of a submission by its pseudonym for `purpose`
/// (see the module docs for the decisions).
pub fn tokenise(
    form: &Form,
    key: &PseudonymKey,
    purpose: &str,
    submission_json: &str,
) -> Result<Tokenised, MealError> {
    let pseudonymiser = Pseudonymiser::new(key, purpose)?;
    let mut submission: serde_json::Value =
        serde_json::from_str(submission_json).map_err(|e| crate::document::malformed(&e))?;
    let found = json_kind(&submission);
    let Some(object) = submission.as_object_mut() else {
        return Err(MealError::new("form.submission_not_object").with("found", found));
    };
    let mut walk = Walk {
        pseudonymiser: &pseudonymiser,
        scratch: String::new(),
        tokenised: Vec::new(),
    };
    walk.object(&form.fields, object, "")?;
    Ok(Tokenised {
        tokenised: walk.tokenised,
        submission,
    })
}

struct Walk<'p> {
    pseudonymiser: &'p Pseudonymiser,
    scratch: String,
    tokenised: Vec<String>,
}

impl Walk<'_> {
    fn object(
        &mut self,
        fields: &[Field],
        object: &mut serde_json::Map<String, serde_json::Value>,
        path: &str,
    ) -> Result<(), MealError> {
        let mut slots = BTreeMap::new();
        scope(fields, &mut slots);
        for (name, value) in object.iter_mut() {
            let at = format!("{path}/{}", escape_pointer(name));
            match slots.get(name.as_str()) {
                None => return Err(MealError::new("privacy.tokenise_unknown_field").at(at)),
                Some(Slot::Other) => {}
                Some(Slot::Identifier) => self.identifier(value, at)?,
                Some(Slot::Repeat(children)) => self.repeat(children, value, &at)?,
            }
        }
        Ok(())
    }

    fn repeat(
        &mut self,
        children: &[Field],
        value: &mut serde_json::Value,
        path: &str,
    ) -> Result<(), MealError> {
        let instances = match value {
            serde_json::Value::Null => return Ok(()),
            serde_json::Value::Array(instances) => instances,
            _ => return Err(MealError::new("privacy.tokenise_bad_repeat").at(path)),
        };
        for (index, instance) in instances.iter_mut().enumerate() {
            let at = format!("{path}/{index}");
            let object = instance
                .as_object_mut()
                .ok_or_else(|| MealError::new("privacy.tokenise_bad_repeat").at(at.clone()))?;
            self.object(children, object, &at)?;
        }
        Ok(())
    }

    fn identifier(&mut self, value: &mut serde_json::Value, path: String) -> Result<(), MealError> {
        let text = match value {
            serde_json::Value::Null => return Ok(()),
            serde_json::Value::String(text) if text.trim().is_empty() => return Ok(()),
            serde_json::Value::String(text) => std::mem::take(text),
            serde_json::Value::Number(number) => number.to_string(),
            other => {
                return Err(MealError::new("privacy.identifier_not_text")
                    .at(path)
                    .with("found", json_kind(other)))
            }
        };
        let mut pseudonym = String::with_capacity(2 * PSEUDONYM_BYTES);
        self.pseudonymiser
            .pseudonym_into(&text, &mut self.scratch, &mut pseudonym)
            .map_err(|e| e.at(path.clone()))?;
        *value = serde_json::Value::String(pseudonym);
        self.tokenised.push(path);
        Ok(())
    }
}

/// The value fields and repeats a submission object may hold: groups flattened (their
/// children sit in the same object), repeats open a new scope.
fn scope<'f>(fields: &'f [Field], slots: &mut BTreeMap<&'f str, Slot<'f>>) {
    for field in fields {
        match field.field_type {
            FieldType::Group => scope(&field.children, slots),
            FieldType::Repeat => {
                slots.insert(&field.name, Slot::Repeat(&field.children));
            }
            _ => {
                let identifier = field
                    .privacy
                    .as_ref()
                    .is_some_and(|p| p.classification == Classification::DirectIdentifier);
                let slot = if identifier {
                    Slot::Identifier
                } else {
                    Slot::Other
                };
                slots.insert(&field.name, slot);
            }
        }
    }
}

/// A JSON pointer segment (RFC 6901: `~` as `~0`, `/` as `~1`).
fn escape_pointer(name: &str) -> String {
    name.replace('~', "~0").replace('/', "~1")
}

fn json_kind(value: &serde_json::Value) -> &'static str {
    match value {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "boolean",
        serde_json::Value::Number(_) => "number",
        serde_json::Value::String(_) => "string",
        serde_json::Value::Array(_) => "array",
        serde_json::Value::Object(_) => "object",
    }
}

/// Codes raised here, in French and English.
pub(crate) const MESSAGES: &[Message] = &[
    Message {
        code: "privacy.key_too_short",
        en: "A pseudonymisation key needs at least {min} bytes; this one has {found}",
        fr: "Une clé de pseudonymisation doit faire au moins {min} octets ; celle-ci en a {found}",
    },
    Message {
        code: "privacy.key_not_hex",
        en: "The pseudonymisation key is not hexadecimal text (an even number of 0-9, a-f digits)",
        fr: "La clé de pseudonymisation n'est pas un texte hexadécimal (un nombre pair de chiffres 0-9, a-f)",
    },
    Message {
        code: "privacy.pseudonym_bad_purpose",
        en: "'{purpose}' is not a purpose id: it must be non-empty, without spaces or control characters",
        fr: "« {purpose} » n'est pas un identifiant de finalité : il doit être non vide, sans espace ni caractère de contrôle",
    },
    Message {
        code: "privacy.empty_identifier",
        en: "The identifier is empty once spaces are removed; there is nothing to pseudonymise",
        fr: "L'identifiant est vide une fois les espaces retirés ; il n'y a rien à pseudonymiser",
    },
    Message {
        code: "privacy.identifier_not_text",
        en: "A direct identifier must be text or a number to be pseudonymised; found a {found}",
        fr: "Un identifiant direct doit être un texte ou un nombre pour être pseudonymisé ; trouvé : {found}",
    },
    Message {
        code: "privacy.tokenise_unknown_field",
        en: "This key is no field of the form here; validate the submission before tokenising it (an identifier under a misspelt key would stay in clear)",
        fr: "Cette clé n'est pas un champ du formulaire à cet endroit ; validez la soumission avant de la pseudonymiser (un identifiant sous une clé mal orthographiée resterait en clair)",
    },
    Message {
        code: "privacy.tokenise_bad_repeat",
        en: "A repeat must be an array of objects; identifiers inside cannot be found",
        fr: "Une répétition doit être un tableau d'objets ; les identifiants qu'elle contient ne peuvent pas être trouvés",
    },
];

/// Domain terms carried in params of these codes.
pub(crate) const TERMS: &[Term] = &[];

#[cfg(test)]
mod tests {
    use super::*;

    // Expected pseudonyms computed independently with Python's `hmac` module
    // (`hmac.new(key, msg, 'sha256').hexdigest()[:32]`, msg built as in the module docs).
    const KEY: &str = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";

    fn key() -> PseudonymKey {
        PseudonymKey::from_hex(KEY).unwrap()
    }

    #[test]
    fn known_answers_from_python_hmac() {
        let cases = [
            ("care", "Amina Diallo", "733191a92dd3dc87d82f54eb4ae233cb"),
            (
                "care",
                "  AMINA   diallo ",
                "733191a92dd3dc87d82f54eb4ae233cb",
            ),
            (
                "feedback",
                "Amina Diallo",
                "feda97d1d2deb3ee83939d4ded002f07",
            ),
            (
                "care",
                "+33 6 12 34 56 78",
                "1ebe483b276c4cfb50564bdb6948ba1d",
            ),
            ("care", "ÉLODIE Müller", "64c798fe7a129c31cb7a474492ad9aff"),
            ("care", "ΟΔΥΣΣΕΥΣ", "208a317ac589310164928a78a131e067"),
            ("care", "Fatou\tSow\n", "a426d96dce8920c00d8db56e5d48c84a"),
            ("ab", "c", "6a2a6d933f1fb051c553d06e142f83a6"),
            ("a", "bc", "2ffe6840589bb123928a219ab650d3ec"),
        ];
        for (purpose, identifier, expected) in cases {
            assert_eq!(
                pseudonym(&key(), purpose, identifier).unwrap(),
                expected,
                "{identifier}"
            );
        }
        let other = PseudonymKey::from_bytes(&[0xab; 40]).unwrap();
        assert_eq!(
            pseudonym(&other, "care", "Amina Diallo").unwrap(),
            "ccec93145cad19190d81a5457906a1ea"
        );
    }

    #[test]
    fn the_mac_is_the_hmac_crate_s_over_the_documented_message() {
        // RFC 4231 test case 2 pins the primitive the pseudonymiser is built on.
        let mut mac = HmacSha256::new_from_slice(b"Jefe").unwrap();
        mac.update(b"what do ya want for nothing?");
        let mut hex = String::new();
        push_hex(&mac.finalize().into_bytes(), &mut hex);
        assert_eq!(
            hex,
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }

    #[test]
    fn keys_are_checked_and_never_shown() {
        let short = PseudonymKey::from_bytes(&[1; 31]).unwrap_err();
        assert_eq!(short.code, "privacy.key_too_short");
        assert_eq!(
            (short.params["min"].as_str(), short.params["found"].as_str()),
            ("32", "31")
        );
        for bad in ["0g", "abc", "zz".repeat(32).as_str()] {
            let error = PseudonymKey::from_hex(bad).unwrap_err();
            assert_eq!(error.code, "privacy.key_not_hex");
            assert!(error.params.is_empty(), "the key text is never echoed");
        }
        assert_eq!(PseudonymKey::from_hex(&KEY.to_uppercase()).unwrap(), key());
        assert_ne!(PseudonymKey::from_bytes(&[0; 32]).unwrap(), key());
        assert_eq!(format!("{:?}", key()), "PseudonymKey(<redacted>)");
        let pseudonymiser = Pseudonymiser::new(&key(), "care").unwrap();
        assert_eq!(format!("{pseudonymiser:?}"), "Pseudonymiser(<redacted>)");
    }

    #[test]
    fn purposes_and_identifiers_are_checked() {
        for bad in ["", "a b", "care\n", "\u{7}"] {
            assert_eq!(
                pseudonym(&key(), bad, "x").unwrap_err().code,
                "privacy.pseudonym_bad_purpose"
            );
        }
        for empty in ["", "   ", "\t\n"] {
            assert_eq!(
                pseudonym(&key(), "care", empty).unwrap_err().code,
                "privacy.empty_identifier"
            );
        }
    }

    #[test]
    fn normalisation_trims_collapses_and_lowercases() {
        assert_eq!(normalise("  Amina \u{a0}\t DIALLO "), "amina diallo");
        assert_eq!(normalise("ΟΔΥΣΣΕΥΣ"), "οδυσσευς");
        assert_eq!(normalise(" \n "), "");
    }

    #[test]
    fn verify_accepts_only_the_exact_lowercase_pseudonym() {
        let good = "733191a92dd3dc87d82f54eb4ae233cb";
        assert!(verify(&key(), "care", "amina diallo", good));
        assert!(!verify(
            &key(),
            "care",
            "amina diallo",
            &good.to_uppercase()
        ));
        assert!(!verify(&key(), "care", "amina diallo", &good[..31]));
        assert!(!verify(&key(), "feedback", "amina diallo", good));
        assert!(!verify(&key(), "care", "", good));
        assert!(!verify(&key(), "", "amina diallo", good));
    }

    #[test]
    fn batch_path_appends_without_losing_what_is_there() {
        let pseudonymiser = Pseudonymiser::new(&key(), "care").unwrap();
        let (mut scratch, mut out) = (String::new(), String::from(">"));
        pseudonymiser
            .pseudonym_into("x", &mut scratch, &mut out)
            .unwrap();
        assert_eq!(out, ">45c3e62c5ffb1f01d1c38982d058370d");
    }

    fn form() -> Form {
        let direct =
            serde_json::json!({"classification": "direct_identifier", "purposes": ["care"]});
        let form = serde_json::json!({
            "format_version": 1, "id": "intake",
            "fields": [
                {"name": "name", "type": {"kind": "text"}, "privacy": direct},
                {"name": "age", "type": {"kind": "integer"}},
                {"name": "contact", "type": {"kind": "group"}, "children": [
                    {"name": "phone", "type": {"kind": "text"}, "privacy": direct},
                    {"name": "site", "type": {"kind": "text"},
                     "privacy": {"classification": "quasi_identifier"}}
                ]},
                {"name": "members", "type": {"kind": "repeat"}, "children": [
                    {"name": "member_name", "type": {"kind": "text"}, "privacy": direct},
                    {"name": "member_age", "type": {"kind": "integer"}}
                ]}
            ]
        });
        serde_json::from_value(form).unwrap()
    }

    #[test]
    fn tokenise_replaces_identifiers_only() {
        let submission = r#"{"name": "Amina Diallo", "age": 34, "phone": 612345678, "site": "Calais",
            "members": [{"member_name": "x", "member_age": 7}, {"member_name": "", "member_age": 3}]}"#;
        let out = tokenise(&form(), &key(), "care", submission).unwrap();
        assert_eq!(out.tokenised, ["/members/0/member_name", "/name", "/phone"]);
        assert_eq!(
            out.submission,
            serde_json::json!({
                "name": "733191a92dd3dc87d82f54eb4ae233cb", "age": 34,
                "phone": "41b465f56bec60eb951f596062cc2422", "site": "Calais",
                "members": [{"member_name": "45c3e62c5ffb1f01d1c38982d058370d", "member_age": 7},
                            {"member_name": "", "member_age": 3}]
            })
        );
    }

    #[test]
    fn tokenise_refuses_what_it_cannot_make_safe() {
        let cases = [
            (r#"{"name": true}"#, "privacy.identifier_not_text", "/name"),
            (r#"{"name": ["a"]}"#, "privacy.identifier_not_text", "/name"),
            (
                r#"{"nmae": "Amina"}"#,
                "privacy.tokenise_unknown_field",
                "/nmae",
            ),
            (
                r#"{"contact": {}}"#,
                "privacy.tokenise_unknown_field",
                "/contact",
            ),
            (
                r#"{"members": {"member_name": "x"}}"#,
                "privacy.tokenise_bad_repeat",
                "/members",
            ),
            (
                r#"{"members": [5]}"#,
                "privacy.tokenise_bad_repeat",
                "/members/0",
            ),
            (
                r#"{"members": [{"name": "x"}]}"#,
                "privacy.tokenise_unknown_field",
                "/members/0/name",
            ),
            ("[1]", "form.submission_not_object", ""),
            ("{", "json.malformed", ""),
        ];
        for (submission, code, path) in cases {
            let error = tokenise(&form(), &key(), "care", submission).unwrap_err();
            assert_eq!(
                (error.code.as_str(), error.path.as_str()),
                (code, path),
                "{submission}"
            );
        }
        let bad_purpose = tokenise(&form(), &key(), "", "{}").unwrap_err();
        assert_eq!(bad_purpose.code, "privacy.pseudonym_bad_purpose");
    }

    #[test]
    fn every_code_renders_with_its_params() {
        use crate::i18n::Locale;
        for message in MESSAGES {
            let error = MealError::new(message.code)
                .with("min", 32)
                .with("found", 3)
                .with("purpose", "care");
            for locale in [Locale::En, Locale::Fr] {
                assert!(!error.message(locale).contains('{'), "{}", message.code);
            }
        }
    }
}
