//! The shapes of feedback: intake, routing, sealing, cases, deadlines, testimonies.

use serde::{Deserialize, Serialize};
use tsify::Tsify;

use super::Finding;

/// What an item says: readable, or sealed to a recipient's public key (base64).
#[derive(Debug, Clone, Serialize, Deserialize, Tsify)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Content {
    /// Free text as given (non-sensitive items only).
    Plain { text: String },
    /// Base64 of a sealed box; only the recipient's secret key opens it.
    Sealed { recipient: String, sealed: String },
}

impl Content {
    pub fn from_core(content: &meal_core::feedback::Content) -> Self {
        match content {
            meal_core::feedback::Content::Plain { text } => Content::Plain { text: text.clone() },
            meal_core::feedback::Content::Sealed { recipient, sealed } => Content::Sealed {
                recipient: recipient.clone(),
                sealed: sealed.clone(),
            },
        }
    }

    pub fn into_core(self) -> meal_core::feedback::Content {
        match self {
            Content::Plain { text } => meal_core::feedback::Content::Plain { text },
            Content::Sealed { recipient, sealed } => {
                meal_core::feedback::Content::Sealed { recipient, sealed }
            }
        }
    }
}

/// The route of an item and why.
#[derive(Debug, Clone, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct RouteDecision {
    pub route: String,
    #[tsify(
        type = "\"sensitive_family\" | \"sensitive_flag\" | \"out_of_scope\" | \"code\" | \"type\""
    )]
    pub reason: String,
    /// The sensitive family, for reason `sensitive_family`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub family: Option<String>,
    /// For a referral route: the only fields the actor receives (the minimal data).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional, type = "SharedField[]")]
    pub referral: Option<Vec<String>>,
}

/// The item made at intake, its route, and the claim code to show the person once.
#[derive(Debug, Clone, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
#[tsify(hashmap_as_object)]
pub struct Received {
    /// Never holds a sensitive text in clear, a raw identifier or a claim code.
    #[tsify(type = "FeedbackItem")]
    pub item: serde_json::Value,
    pub route: RouteDecision,
    /// The code to give the person (`7572-MWRZ`), when one was asked for; the item keeps only
    /// its SHA-256.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub claim_code: Option<String>,
}

/// Options of `intake`: the claim code and the randomness (fresh from
/// `crypto.getRandomValues` when absent; pass bytes only to reproduce a result in tests).
#[derive(Debug, Clone, Default, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct IntakeOptions {
    /// `true`: a new code from fresh random bytes (`claimBytes`, default 5 → 8 characters;
    /// 10 → 16 characters where the item may leave the mission's systems); a string: the code
    /// printed on a card handed to the person.
    #[serde(default)]
    #[tsify(optional, type = "boolean | string")]
    pub claim_code: Option<serde_json::Value>,
    /// How many random bytes a new code takes (a positive multiple of 5).
    #[serde(default)]
    #[tsify(optional)]
    pub claim_bytes: Option<usize>,
    /// The random bytes of a new code (implies `claimCode: true`).
    #[serde(default)]
    #[tsify(optional, type = "Uint8Array")]
    pub claim_random: Option<Vec<u8>>,
    /// 32 random bytes for sealing a sensitive text; never reuse them.
    #[serde(default)]
    #[tsify(optional, type = "Uint8Array")]
    pub seal_random: Option<Vec<u8>>,
}

/// The person's two decisions about an onward referral (both required, nothing else).
#[derive(Debug, Clone, Copy, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ReferralConsent {
    /// The allegation (or request) may be referred.
    pub refer_allegation: bool,
    /// The person's identity (their pseudonym) may go with it.
    pub share_identity: bool,
}

/// What a role sees of an item: all of it (sealed content still sealed), or a stub.
#[derive(Debug, Clone, Serialize, Deserialize, Tsify)]
#[serde(
    tag = "view",
    rename_all = "snake_case",
    rename_all_fields = "camelCase"
)]
#[tsify(hashmap_as_object)]
pub enum ItemView {
    Full {
        #[tsify(type = "FeedbackItem")]
        item: serde_json::Value,
    },
    /// The id, the day received and why, nothing else.
    Stub {
        id: String,
        received_on: String,
        #[tsify(type = "\"referred\" | \"restricted\"")]
        status: String,
    },
}

/// What a referral sends: only the receiving route's fields, the subject only with consent.
#[derive(Debug, Clone, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct ReferralPacket {
    /// The receiving route.
    pub to: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub received_on: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional, type = "Channel")]
    pub channel: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub project: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub site: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub content: Option<Content>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub subject: Option<String>,
}

/// One accepted event of a case, with the states it moved the case between.
#[derive(Debug, Clone, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct Transition {
    #[tsify(type = "CaseState")]
    pub from: String,
    #[tsify(type = "CaseAction")]
    pub action: String,
    #[tsify(type = "CaseState")]
    pub to: String,
    pub actor: String,
    /// RFC 3339 with the offset it was recorded in.
    pub at: String,
}

/// One step's deadline and what became of it (RFC 3339 instants, `null` when none).
#[derive(Debug, Clone, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
#[tsify(missing_as_null)]
pub struct StepDue {
    /// The deadline, in the item's offset; `null` when the rule sets none.
    pub by: Option<String>,
    /// When the case first did the step.
    pub done_at: Option<String>,
    /// Done by the deadline (to the second); `null` until both are known.
    pub on_time: Option<bool>,
}

/// The deadlines of one item, and the rule they come from.
#[derive(Debug, Clone, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
#[tsify(missing_as_null)]
pub struct Dues {
    pub item: String,
    /// The path of the rule in the deadlines document (`/rules/3`, `/default`).
    pub rule: String,
    pub acknowledge: StepDue,
    pub respond: StepDue,
    pub close_loop: StepDue,
}

/// A step past its deadline at the instant asked.
#[derive(Debug, Clone, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct Overdue {
    pub item: String,
    #[tsify(type = "\"acknowledge\" | \"respond\" | \"close_loop\"")]
    pub step: String,
    /// The deadline, in the item's offset.
    pub due: String,
    /// Whole seconds between the deadline and the instant asked.
    pub late_by_seconds: i64,
}

/// Whether a target may publish a testimony, with every reason.
#[derive(Debug, Clone, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
#[tsify(hashmap_as_object)]
pub struct PublicationDecision {
    /// True when no reason is an error.
    pub allowed: bool,
    /// Sorted by path, then code.
    pub reasons: Vec<Finding>,
}

/// A registered use of a testimony.
#[derive(Debug, Clone, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct Publication {
    /// Where it appeared: a report id, a URL, a press contact.
    pub target: String,
    #[tsify(type = "TestimonyScope")]
    pub scope: String,
    pub published_on: String,
}

/// What a withdrawal asks to take down: every registered publication, by date, then target.
#[derive(Debug, Clone, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct Takedown {
    pub testimony: String,
    pub withdrawn_at: String,
    pub publications: Vec<Publication>,
}

/// Options of `suppressTable`: `threshold` (default 5), `zeros` (`"safe"`, the default, or
/// `"sensitive"`), `singletons` (protect sums of suppressed singletons, default true), and
/// `columns` when the table is given as records to count.
#[derive(Debug, Clone, Default, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct TableOptions {
    #[serde(default)]
    #[tsify(optional)]
    pub threshold: Option<u64>,
    #[serde(default)]
    #[tsify(optional)]
    pub zeros: Option<String>,
    #[serde(default)]
    #[tsify(optional)]
    pub singletons: Option<bool>,
    #[serde(default)]
    #[tsify(optional)]
    pub columns: Option<Vec<String>>,
    /// Bounds the work on large tables of 3+ dimensions (more suppression, just as safe).
    #[serde(default)]
    #[tsify(optional)]
    pub ambiguity_limit: Option<u64>,
}

/// One cell of a suppressed table: category per dimension (`"Total"` for a margin), status,
/// and the count only when published.
#[derive(Debug, Clone, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct SuppressedTableCell {
    pub coords: Vec<String>,
    /// `"published"`, `"primary"` or `"secondary"`.
    pub status: String,
    #[tsify(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<u64>,
}

/// What a suppression hides (counts of cells, the units hidden, their share as a decimal string).
#[derive(Debug, Clone, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct InformationLoss {
    pub cells: usize,
    pub published: usize,
    pub primary: usize,
    pub secondary: usize,
    pub inner_suppressed: usize,
    pub suppressed_count: u64,
    pub grand_total: u64,
    pub suppressed_share: String,
}

/// A suppressed table.
#[derive(Debug, Clone, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct SuppressedTable {
    pub cells: Vec<SuppressedTableCell>,
    pub loss: InformationLoss,
}

/// One cell of a counted table with its margins.
#[derive(Debug, Clone, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct TableCell {
    pub coords: Vec<String>,
    pub count: u64,
}
