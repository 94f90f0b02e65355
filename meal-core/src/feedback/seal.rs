//! Sealing: a sensitive item's content encrypted on the device to the recipient's public key,
//! so that neither programme staff nor a sync server can read it.
//!
//! reference/gdpr-feedback.md §7 item 6: nothing else "flags SEA/GBV/threat content on the
//! device before sync and routes it directly to a separate encrypted safeguarding channel so
//! programme systems never store it"; §3.5 rule 2: programme and MEAL staff must not see the
//! content of a sensitive item.
//!
//! # Decisions
//!
//! * **Sealed boxes, not home-made crypto.** [`seal`] is libsodium's `crypto_box_seal`
//!   (X25519, XSalsa20-Poly1305, nonce = BLAKE2b-24 of the ephemeral and recipient public
//!   keys) from the RustCrypto crate `crypto_box` 0.9: an anonymous sender, one recipient,
//!   authenticated encryption. A box sealed here opens with libsodium or PyNaCl's `SealedBox`
//!   and the other way round (the unit tests open a box sealed by PyNaCl).
//! * **No random number generator in the core.** A sealed box needs 32 fresh random bytes (its
//!   ephemeral key). The core takes them from the caller — `os.urandom(32)` in Python,
//!   `crypto.getRandomValues` in a browser, `SecureRandom` on Android — and expands them with
//!   ChaCha20 (`rand_chacha`, the RNG `crypto_box` draws from), so `meal-core` needs neither
//!   `getrandom` nor any OS interface and builds for `wasm32-unknown-unknown` as it is. The
//!   bytes **must be fresh for every seal**: the same bytes for two texts to the same
//!   recipient give the same ephemeral key and nonce, which reveals the XOR of the two texts.
//! * **The content names its recipient.** [`Content::Sealed`] carries the recipient's public
//!   key (base64) beside the box, so [`open`] with another key fails at once with
//!   `feedback.seal_wrong_key` (and a box whose recipient was edited fails authentication:
//!   `feedback.seal_corrupt`), and a reader knows which route's key opens it.
//! * **Keys.** A key is 32 bytes, carried as standard base64 with padding (44 characters).
//!   Any 32 random bytes make a secret key (X25519 clamps them): generating a key pair is
//!   [`SafeguardingSecretKey::from_bytes`] of 32 fresh random bytes, then
//!   [`SafeguardingSecretKey::public_key`]. The secret key has no `Serialize`, `Display` or
//!   `Clone`; its `Debug` prints `SafeguardingSecretKey(<redacted>)`; its bytes are zeroized
//!   on drop; key errors never echo the key text. Limit: `crypto_box` 0.9's `SecretKey`
//!   zeroizes its scalar but not its copy of the bytes on drop, so the transient key built at
//!   each [`open`] can leave a copy in freed memory — as with any in-process key.
//!
//! # Codes
//!
//! | code | kind | when |
//! |---|---|---|
//! | `feedback.seal_bad_public_key` | error | a public key that is not base64 of 32 bytes |
//! | `feedback.seal_bad_secret_key` | error | a secret key that is not 32 bytes (the text is never echoed) |
//! | `feedback.seal_not_sealed` | error | [`open`] of plain content |
//! | `feedback.seal_wrong_key` | error | the content is sealed to another recipient (`recipient`) |
//! | `feedback.seal_corrupt` | error | the box does not open: tampered, truncated, not base64, or not UTF-8 text |
//! | `feedback.seal_failed` | error | encryption refused the text (beyond XSalsa20's 256 GiB limit) |

use std::fmt;

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use crypto_box::{PublicKey, SecretKey, KEY_SIZE};
use rand_chacha::rand_core::SeedableRng;
use rand_chacha::ChaCha20Rng;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use zeroize::{Zeroize, ZeroizeOnDrop, Zeroizing};

use super::item::Content;
use crate::error::MealError;
use crate::i18n::{Message, Term};

/// Bytes of a public or secret key.
pub const KEY_BYTES: usize = KEY_SIZE;

/// Fresh random bytes each [`seal`] needs.
pub const SEAL_RANDOM_BYTES: usize = 32;

/// A recipient's public key: who a sealed box is for. Public, so printable and serialisable
/// (as base64 text).
#[derive(Clone, PartialEq, Eq)]
pub struct RecipientKey {
    key: PublicKey,
}

impl RecipientKey {
    /// A key from its 32 bytes. Error `feedback.seal_bad_public_key`.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, MealError> {
        let bytes: [u8; KEY_BYTES] = bytes
            .try_into()
            .map_err(|_| MealError::new("feedback.seal_bad_public_key"))?;
        Ok(Self {
            key: PublicKey::from(bytes),
        })
    }

    /// A key from standard base64 (44 characters). Error `feedback.seal_bad_public_key`.
    pub fn from_base64(text: &str) -> Result<Self, MealError> {
        let bytes = STANDARD
            .decode(text)
            .map_err(|_| MealError::new("feedback.seal_bad_public_key"))?;
        Self::from_bytes(&bytes)
    }

    /// The key as standard base64.
    pub fn to_base64(&self) -> String {
        STANDARD.encode(self.key.as_bytes())
    }
}

impl fmt::Debug for RecipientKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "RecipientKey({})", self.to_base64())
    }
}

impl Serialize for RecipientKey {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_base64())
    }
}

impl<'de> Deserialize<'de> for RecipientKey {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Self::from_base64(&text).map_err(|_| {
            serde::de::Error::custom("a public key is the standard base64 of 32 bytes")
        })
    }
}

/// The secret key of a recipient (the safeguarding focal point, the integrity line, …): it
/// alone opens what was sealed to its public key. Never serialized, printed or cloned;
/// zeroized on drop.
#[derive(Zeroize, ZeroizeOnDrop)]
pub struct SafeguardingSecretKey {
    bytes: [u8; KEY_BYTES],
    #[zeroize(skip)]
    public: Option<RecipientKey>,
}

impl SafeguardingSecretKey {
    /// A key from 32 bytes (fresh random bytes make a new key). Error
    /// `feedback.seal_bad_secret_key`. The caller should wipe its own copy of the bytes.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, MealError> {
        let bytes: [u8; KEY_BYTES] = bytes
            .try_into()
            .map_err(|_| MealError::new("feedback.seal_bad_secret_key"))?;
        let public = RecipientKey {
            key: SecretKey::from(bytes).public_key(),
        };
        Ok(Self {
            bytes,
            public: Some(public),
        })
    }

    /// A key from standard base64. Error `feedback.seal_bad_secret_key` (the text is never
    /// echoed).
    pub fn from_base64(text: &str) -> Result<Self, MealError> {
        let bytes = Zeroizing::new(
            STANDARD
                .decode(text)
                .map_err(|_| MealError::new("feedback.seal_bad_secret_key"))?,
        );
        Self::from_bytes(&bytes)
    }

    /// The public key that seals to this key.
    pub fn public_key(&self) -> RecipientKey {
        // Always set by the constructors; the Option only lets `Zeroize` skip the field.
        self.public.clone().unwrap_or_else(|| RecipientKey {
            key: SecretKey::from(self.bytes).public_key(),
        })
    }
}

impl fmt::Debug for SafeguardingSecretKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SafeguardingSecretKey(<redacted>)")
    }
}

/// The random bytes of one seal from a platform buffer of any length: exactly
/// [`SEAL_RANDOM_BYTES`] or `feedback.seal_random_length` (params `expected`, `found`). The
/// copy is wiped on drop; wiping the caller's buffer is the caller's job.
pub fn seal_random(bytes: &[u8]) -> Result<Zeroizing<[u8; SEAL_RANDOM_BYTES]>, MealError> {
    <[u8; SEAL_RANDOM_BYTES]>::try_from(bytes)
        .map(Zeroizing::new)
        .map_err(|_| {
            MealError::new("feedback.seal_random_length")
                .with("expected", SEAL_RANDOM_BYTES)
                .with("found", bytes.len())
        })
}

/// Seals `plaintext` to `recipient`, drawing the ephemeral key from `random`: 32 fresh random
/// bytes from the platform's secure generator, never reused. Error `feedback.seal_failed`.
pub fn seal(
    recipient: &RecipientKey,
    plaintext: &str,
    random: &[u8; SEAL_RANDOM_BYTES],
) -> Result<Content, MealError> {
    let mut rng = ChaCha20Rng::from_seed(*random);
    let sealed = recipient
        .key
        .seal(&mut rng, plaintext.as_bytes())
        .map_err(|_| MealError::new("feedback.seal_failed"))?;
    Ok(Content::Sealed {
        recipient: recipient.to_base64(),
        sealed: STANDARD.encode(sealed),
    })
}

/// Opens sealed `content` with `secret`. Errors `feedback.seal_not_sealed`,
/// `feedback.seal_wrong_key`, `feedback.seal_corrupt`.
pub fn open(secret: &SafeguardingSecretKey, content: &Content) -> Result<String, MealError> {
    let (recipient, sealed) = match content {
        Content::Plain { .. } => return Err(MealError::new("feedback.seal_not_sealed")),
        Content::Sealed { recipient, sealed } => (recipient, sealed),
    };
    if *recipient != secret.public_key().to_base64() {
        return Err(MealError::new("feedback.seal_wrong_key").with("recipient", recipient));
    }
    let corrupt = || MealError::new("feedback.seal_corrupt");
    let bytes = STANDARD.decode(sealed).map_err(|_| corrupt())?;
    let plaintext = SecretKey::from(secret.bytes)
        .unseal(&bytes)
        .map_err(|_| corrupt())?;
    String::from_utf8(plaintext).map_err(|_| corrupt())
}

/// Opens `content` with `secret` and seals it again to `to` (an onward referral to another
/// recipient, e.g. an investigation unit); the opened text is wiped. Errors of [`open`] and
/// [`seal`].
pub fn reseal(
    secret: &SafeguardingSecretKey,
    content: &Content,
    to: &RecipientKey,
    random: &[u8; SEAL_RANDOM_BYTES],
) -> Result<Content, MealError> {
    let plaintext = Zeroizing::new(open(secret, content)?);
    seal(to, &plaintext, random)
}

/// Codes raised here, in French and English.
pub(crate) const MESSAGES: &[Message] = &[
    Message {
        code: "feedback.seal_random_length",
        en: "Sealing takes {expected} random bytes from the platform's secure generator, not {found}",
        fr: "Le scellement prend {expected} octets aléatoires du générateur sûr de la plateforme, et non {found}",
    },
    Message {
        code: "feedback.seal_bad_public_key",
        en: "A public key must be the base64 text of 32 bytes",
        fr: "Une clé publique doit être le texte base64 de 32 octets",
    },
    Message {
        code: "feedback.seal_bad_secret_key",
        en: "A secret key must be 32 bytes (44 characters of base64)",
        fr: "Une clé secrète doit faire 32 octets (44 caractères en base64)",
    },
    Message {
        code: "feedback.seal_not_sealed",
        en: "This content is not sealed; there is nothing to open",
        fr: "Ce contenu n'est pas scellé ; il n'y a rien à ouvrir",
    },
    Message {
        code: "feedback.seal_wrong_key",
        en: "This content is sealed to another recipient ({recipient}); this key cannot open it",
        fr: "Ce contenu est scellé pour un autre destinataire ({recipient}) ; cette clé ne peut pas l'ouvrir",
    },
    Message {
        code: "feedback.seal_corrupt",
        en: "The sealed content does not open: it was altered, truncated or is not a sealed box",
        fr: "Le contenu scellé ne s'ouvre pas : il a été modifié, tronqué, ou n'est pas une boîte scellée",
    },
    Message {
        code: "feedback.seal_failed",
        en: "The text could not be sealed (too long to encrypt)",
        fr: "Le texte n'a pas pu être scellé (trop long pour être chiffré)",
    },
];

/// Domain terms carried in params of these codes.
pub(crate) const TERMS: &[Term] = &[];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seal_random_takes_exactly_32_bytes() {
        assert_eq!(*seal_random(&[7; 32]).unwrap(), [7; 32]);
        for wrong in [0, 31, 33] {
            let error = seal_random(&vec![0; wrong]).unwrap_err();
            assert_eq!(error.code, "feedback.seal_random_length");
            assert_eq!(error.params["found"], wrong.to_string());
        }
    }

    // RFC 7748 §6.1: Alice's and Bob's X25519 key pairs (independent known answers for the
    // public keys).
    const ALICE_SECRET: &str = "dwdtCnMYpX08FsFyUbJmRd9ML4frwJkqsXf7pR25LCo=";
    const ALICE_PUBLIC: &str = "hSDwCYkwp1R0i33ctD73Wg2/Og0mOBr066SpjqqbTmo=";
    const BOB_SECRET: &str = "XasIfmJKikt54X+Lg4AO5m87sSkmGLb9HC+LJ/+I4Os=";

    fn alice() -> SafeguardingSecretKey {
        SafeguardingSecretKey::from_base64(ALICE_SECRET).unwrap()
    }

    fn bob() -> SafeguardingSecretKey {
        SafeguardingSecretKey::from_base64(BOB_SECRET).unwrap()
    }

    #[test]
    fn public_keys_are_rfc_7748_s() {
        assert_eq!(alice().public_key().to_base64(), ALICE_PUBLIC);
        assert_eq!(
            bob().public_key().to_base64(),
            "3p7bfXt9wbTTW2HC7OQ1Nz+DQ8hbeGdNrfx+FG+IK08="
        );
    }

    #[test]
    fn a_box_opens_with_its_recipient_s_key_only() {
        let sealed = seal(&alice().public_key(), "Il m'a menacée", &[7; 32]).unwrap();
        assert_eq!(open(&alice(), &sealed).unwrap(), "Il m'a menacée");
        assert_eq!(
            open(&bob(), &sealed).unwrap_err().code,
            "feedback.seal_wrong_key"
        );
        // Claiming Bob as recipient does not help Bob: the box itself does not open.
        let Content::Sealed { sealed: body, .. } = &sealed else {
            unreachable!()
        };
        let relabelled = Content::Sealed {
            recipient: bob().public_key().to_base64(),
            sealed: body.clone(),
        };
        assert_eq!(
            open(&bob(), &relabelled).unwrap_err().code,
            "feedback.seal_corrupt"
        );
    }

    #[test]
    fn a_tampered_or_truncated_box_does_not_open() {
        let Content::Sealed { recipient, sealed } =
            seal(&alice().public_key(), "fraude", &[1; 32]).unwrap()
        else {
            unreachable!()
        };
        let mut bytes = STANDARD.decode(&sealed).unwrap();
        for index in [0, 31, 32, 47, bytes.len() - 1] {
            let mut flipped = bytes.clone();
            flipped[index] ^= 1;
            let content = Content::Sealed {
                recipient: recipient.clone(),
                sealed: STANDARD.encode(&flipped),
            };
            assert_eq!(
                open(&alice(), &content).unwrap_err().code,
                "feedback.seal_corrupt",
                "byte {index}"
            );
        }
        bytes.truncate(32);
        for body in [STANDARD.encode(&bytes), "not base64!".to_owned()] {
            let content = Content::Sealed {
                recipient: recipient.clone(),
                sealed: body,
            };
            assert_eq!(
                open(&alice(), &content).unwrap_err().code,
                "feedback.seal_corrupt"
            );
        }
    }

    #[test]
    fn sealing_twice_gives_different_boxes_that_both_open() {
        let first = seal(&alice().public_key(), "même texte", &[1; 32]).unwrap();
        let second = seal(&alice().public_key(), "même texte", &[2; 32]).unwrap();
        assert_ne!(first, second);
        assert_eq!(open(&alice(), &first).unwrap(), "même texte");
        assert_eq!(open(&alice(), &second).unwrap(), "même texte");
    }

    #[test]
    fn a_box_sealed_by_pynacl_opens() {
        // PyNaCl 1.6.2 (libsodium): SealedBox(PublicKey(alice_public)).encrypt("Sealed by libsodium".encode()).
        let from_libsodium = Content::Sealed {
            recipient: ALICE_PUBLIC.to_owned(),
            sealed: PYNACL_BOX.to_owned(),
        };
        assert_eq!(
            open(&alice(), &from_libsodium).unwrap(),
            "Sealed by libsodium"
        );
    }

    const PYNACL_BOX: &str =
        "12IPKJLIuS/9ItadjvPFHeehDppYkbeehAg/aR8GWjhjI3Km1pjOk4aRNaU/X986QD5kARMZ/GtrKNruleVPz5SgGQ==";

    #[test]
    fn plain_content_is_not_opened() {
        let plain = Content::Plain { text: "x".into() };
        assert_eq!(
            open(&alice(), &plain).unwrap_err().code,
            "feedback.seal_not_sealed"
        );
    }

    #[test]
    fn reseal_moves_a_box_to_another_recipient() {
        let sealed = seal(&alice().public_key(), "à transmettre", &[3; 32]).unwrap();
        let moved = reseal(&alice(), &sealed, &bob().public_key(), &[4; 32]).unwrap();
        assert_eq!(open(&bob(), &moved).unwrap(), "à transmettre");
        assert_eq!(
            open(&alice(), &moved).unwrap_err().code,
            "feedback.seal_wrong_key"
        );
    }

    #[test]
    fn keys_are_checked_and_secrets_never_shown() {
        for bad in ["", "AAAA", "not base64", &STANDARD.encode([0u8; 31])] {
            assert_eq!(
                RecipientKey::from_base64(bad).unwrap_err().code,
                "feedback.seal_bad_public_key"
            );
            let error = SafeguardingSecretKey::from_base64(bad).unwrap_err();
            assert_eq!(error.code, "feedback.seal_bad_secret_key");
            assert!(error.params.is_empty(), "the key text is never echoed");
        }
        assert_eq!(
            format!("{:?}", alice()),
            "SafeguardingSecretKey(<redacted>)"
        );
        assert_eq!(
            format!("{:?}", alice().public_key()),
            format!("RecipientKey({ALICE_PUBLIC})")
        );
        let json = serde_json::to_string(&alice().public_key()).unwrap();
        assert_eq!(json, format!("\"{ALICE_PUBLIC}\""));
        let back: RecipientKey = serde_json::from_str(&json).unwrap();
        assert_eq!(back, alice().public_key());
        assert!(serde_json::from_str::<RecipientKey>("\"AAAA\"").is_err());
    }

    #[test]
    fn every_code_renders_with_its_params() {
        use crate::i18n::Locale;
        for message in MESSAGES {
            let error = MealError::new(message.code)
                .with("recipient", ALICE_PUBLIC)
                .with("expected", SEAL_RANDOM_BYTES)
                .with("found", 1);
            for locale in [Locale::En, Locale::Fr] {
                assert!(!error.message(locale).contains('{'), "{}", message.code);
            }
        }
    }
}
