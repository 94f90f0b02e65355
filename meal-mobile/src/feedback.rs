//! Complaint and feedback mechanisms: the taxonomy and routing documents, intake with claim
//! codes and pseudonymous subjects, who sees what, two-consent referrals, sealing to the
//! safeguarding recipient, the case workflow, response deadlines and testimonies.
//!
//! Documents (taxonomy, routing, deadlines, cases, testimonies) are objects read from JSON;
//! feedback items, item contents and referral packets cross as JSON text, as the core writes
//! them. Small results an app branches on are records (`RouteDecision`, `Received`, `Dues`,
//! `OverdueStep`, `PublishDecision`) or a sealed class (`FeedbackView`). Randomness comes from
//! the platform (`java.security.SecureRandom`): the app passes the bytes, the core uses them.
//! Secret keys and claim codes give nothing back but what they are for.

use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use meal_core::feedback::seal::SEAL_RANDOM_BYTES;
use meal_core::feedback::workflow::allowed_actions;
use meal_core::feedback::{self, Content, Event, Item, ReferralConsent, Target};
use meal_core::Locale;
use zeroize::{Zeroize, Zeroizing};

use crate::error::{MealError, Result};
use crate::logframe::Finding;
use crate::person::Pseudonymiser;
use crate::privacy::serde_name;
use crate::types::{timestamp_text, IsoDate, Timestamp};

// ---- documents: taxonomy and routing ----

/// The feedback taxonomy: type → category → code, sensitive families with their routes.
/// Immutable.
#[derive(Debug, uniffi::Object)]
pub struct Taxonomy {
    taxonomy: feedback::Taxonomy,
    reading: Vec<meal_core::Finding>,
}

/// One code of the taxonomy, with what is above it.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct TaxonomyCode {
    /// The code id (an XLSForm choice name).
    pub id: String,
    /// The code's label in the requested locale.
    pub label: String,
    /// The id of its type.
    pub feedback_type: String,
    /// The id of its category.
    pub category: String,
    /// The sensitive family that lists it, if any.
    pub family: Option<String>,
    /// True when the code itself makes an item sensitive (it is in a family).
    pub sensitive: bool,
    /// True when its type is out of scope (referred to another actor).
    pub out_of_scope: bool,
    /// The route the taxonomy names for it: the family's, else the code's, else the type's.
    pub route: String,
}

impl TaxonomyCode {
    fn from_core(entry: feedback::taxonomy::CodeEntry<'_>, locale: Locale) -> TaxonomyCode {
        TaxonomyCode {
            id: entry.code.id.clone(),
            label: entry.code.label.get(locale).to_owned(),
            feedback_type: entry.feedback_type.id.clone(),
            category: entry.category.id.clone(),
            family: entry.family.map(|f| f.id.clone()),
            sensitive: entry.is_sensitive(),
            out_of_scope: entry.feedback_type.out_of_scope,
            route: entry.route().to_owned(),
        }
    }
}

#[uniffi::export]
impl Taxonomy {
    /// Reads a taxonomy document (not checked: see `findings`). Errors `json.malformed`,
    /// `document.*`.
    #[uniffi::constructor]
    pub fn from_json(json: String) -> Result<Arc<Taxonomy>> {
        let parsed = feedback::Taxonomy::from_json(&json)?;
        Ok(Arc::new(Taxonomy {
            taxonomy: parsed.value,
            reading: parsed.findings,
        }))
    }

    /// What is wrong with the document: reading (unknown fields), the taxonomy checks and,
    /// with `routing`, the routes it names checked against it; sorted by path then code,
    /// messages in `locale`.
    #[uniffi::method(default(routing = None))]
    pub fn findings(&self, locale: String, routing: Option<Arc<Routing>>) -> Vec<Finding> {
        let mut checks = self.taxonomy.check();
        if let Some(routing) = routing {
            checks.extend(feedback::check_routes(&self.taxonomy, &routing.routing));
        }
        let all = meal_core::error::merged_findings(&self.reading, checks);
        Finding::all_from_core(all, &locale)
    }

    /// The mission's id for this taxonomy.
    pub fn id(&self) -> String {
        self.taxonomy.id.clone()
    }

    /// The mission's version of it (items are coded against one version).
    pub fn version(&self) -> String {
        self.taxonomy.version.clone()
    }

    /// Every code, in document order, labels in `locale`.
    pub fn codes(&self, locale: String) -> Vec<TaxonomyCode> {
        let locale = Locale::parse(&locale);
        self.taxonomy
            .codes()
            .map(|entry| TaxonomyCode::from_core(entry, locale))
            .collect()
    }

    /// The code `id`, label in `locale`; null when the taxonomy lacks it.
    pub fn code(&self, id: String, locale: String) -> Option<TaxonomyCode> {
        let locale = Locale::parse(&locale);
        self.taxonomy
            .code(&id)
            .map(|entry| TaxonomyCode::from_core(entry, locale))
    }

    /// The document as JSON text.
    pub fn to_json(&self) -> String {
        self.taxonomy.to_json()
    }
}

/// The routing document: routes (internal or referral, with their recipient keys) and the
/// roles that read them. Immutable.
#[derive(Debug, uniffi::Object)]
pub struct Routing {
    routing: feedback::Routing,
    reading: Vec<meal_core::Finding>,
}

#[uniffi::export]
impl Routing {
    /// Reads a routing document (not checked: see `findings`). Errors `json.malformed`,
    /// `document.*`.
    #[uniffi::constructor]
    pub fn from_json(json: String) -> Result<Arc<Routing>> {
        let parsed = feedback::Routing::from_json(&json)?;
        Ok(Arc::new(Routing {
            routing: parsed.value,
            reading: parsed.findings,
        }))
    }

    /// What is wrong with the document: reading and the routing checks, sorted by path then
    /// code, messages in `locale`.
    pub fn findings(&self, locale: String) -> Vec<Finding> {
        let all = meal_core::error::merged_findings(&self.reading, self.routing.check());
        Finding::all_from_core(all, &locale)
    }

    /// The document's id.
    pub fn id(&self) -> String {
        self.routing.id.clone()
    }

    /// The document's version.
    pub fn version(&self) -> String {
        self.routing.version.clone()
    }

    /// The route ids, in document order.
    pub fn routes(&self) -> Vec<String> {
        self.routing.routes.iter().map(|r| r.id.clone()).collect()
    }

    /// The role ids, in document order.
    pub fn roles(&self) -> Vec<String> {
        self.routing.roles.iter().map(|r| r.id.clone()).collect()
    }

    /// The key the items of `route` are sealed to; null when it has none. Error
    /// `feedback.unknown_route`.
    pub fn recipient_key(&self, route: String) -> Result<Option<Arc<RecipientKey>>> {
        Ok(self
            .routing
            .require_route(&route)?
            .recipient_key
            .clone()
            .map(|key| Arc::new(RecipientKey(key))))
    }

    /// The document as JSON text.
    pub fn to_json(&self) -> String {
        self.routing.to_json()
    }
}

// ---- keys and sealing ----

/// A recipient's public key (the safeguarding focal point, …). Public: `toString()` is its
/// base64, equality compares the keys.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Object)]
#[uniffi::export(Display, Eq)]
pub struct RecipientKey(feedback::RecipientKey);

impl std::fmt::Display for RecipientKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0.to_base64())
    }
}

#[uniffi::export]
impl RecipientKey {
    /// A key from its 32 bytes. Error `feedback.seal_bad_public_key`.
    #[uniffi::constructor]
    pub fn new(bytes: Vec<u8>) -> Result<Arc<RecipientKey>> {
        Ok(Arc::new(RecipientKey(feedback::RecipientKey::from_bytes(
            &bytes,
        )?)))
    }

    /// A key from standard base64 (44 characters). Error `feedback.seal_bad_public_key`.
    #[uniffi::constructor]
    pub fn from_base64(text: String) -> Result<Arc<RecipientKey>> {
        Ok(Arc::new(RecipientKey(feedback::RecipientKey::from_base64(
            &text,
        )?)))
    }

    /// The key as standard base64.
    pub fn to_base64(&self) -> String {
        self.0.to_base64()
    }

    /// Seals `plaintext` to this key: the item content `{"kind": "sealed", "recipient",
    /// "sealed"}` as JSON text. `random`: 32 fresh bytes of `SecureRandom`, never reused.
    /// Errors `feedback.seal_random_length`, `feedback.seal_failed`.
    pub fn seal(&self, plaintext: String, random: Vec<u8>) -> Result<String> {
        let random = seal_random(random)?;
        Ok(content_text(&feedback::seal(&self.0, &plaintext, &random)?))
    }
}

/// The secret key of a recipient: it alone opens what was sealed to its public key. Nothing
/// gives the bytes back, `toString()` is the default object one, and the Rust copy is zeroed
/// when the key is dropped. Wipe your own copy of the bytes (`bytes.fill(0)`).
#[derive(Debug, uniffi::Object)]
pub struct SafeguardingSecretKey(feedback::SafeguardingSecretKey);

#[uniffi::export]
impl SafeguardingSecretKey {
    /// A key from 32 bytes (`SecureRandom().nextBytes(ByteArray(32))` makes a new one).
    /// Error `feedback.seal_bad_secret_key`.
    #[uniffi::constructor]
    pub fn new(bytes: Vec<u8>) -> Result<Arc<SafeguardingSecretKey>> {
        let mut bytes = bytes;
        let key = feedback::SafeguardingSecretKey::from_bytes(&bytes);
        bytes.zeroize();
        Ok(Arc::new(SafeguardingSecretKey(key?)))
    }

    /// A key from standard base64. Error `feedback.seal_bad_secret_key` (the text is never
    /// echoed).
    #[uniffi::constructor]
    pub fn from_base64(text: String) -> Result<Arc<SafeguardingSecretKey>> {
        let mut text = text;
        let key = feedback::SafeguardingSecretKey::from_base64(&text);
        text.zeroize();
        Ok(Arc::new(SafeguardingSecretKey(key?)))
    }

    /// The public key that seals to this key (to publish in the routing document).
    pub fn public_key(&self) -> Arc<RecipientKey> {
        Arc::new(RecipientKey(self.0.public_key()))
    }

    /// Opens an item content (JSON text, as in an item). Errors `json.malformed`,
    /// `document.invalid`, `feedback.seal_not_sealed`, `feedback.seal_wrong_key`,
    /// `feedback.seal_corrupt`.
    pub fn open(&self, content_json: String) -> Result<String> {
        Ok(feedback::open(&self.0, &content(&content_json)?)?)
    }

    /// Opens `contentJson` and seals it again to `to` (an onward referral); the opened text
    /// is wiped. `random`: 32 fresh bytes. Errors of `open` and `RecipientKey.seal`.
    pub fn reseal(
        &self,
        content_json: String,
        to: Arc<RecipientKey>,
        random: Vec<u8>,
    ) -> Result<String> {
        let random = seal_random(random)?;
        let sealed = feedback::reseal(&self.0, &content(&content_json)?, &to.0, &random)?;
        Ok(content_text(&sealed))
    }
}

/// The 32 random bytes of a seal (`feedback.seal_random_length` otherwise), the caller's
/// copy wiped.
fn seal_random(bytes: Vec<u8>) -> Result<Zeroizing<[u8; SEAL_RANDOM_BYTES]>> {
    let mut bytes = bytes;
    let random = feedback::seal::seal_random(&bytes);
    bytes.zeroize();
    Ok(random?)
}

/// Reads an item content (`json.malformed`, `document.invalid` kind `feedback_content`).
fn content(text: &str) -> Result<Content> {
    Ok(Content::from_json(text)?)
}

fn content_text(content: &Content) -> String {
    serde_json::to_string(content).unwrap_or_default()
}

fn item(json: &str) -> Result<Item> {
    Ok(Item::from_json(json)?)
}

fn item_text(item: &Item) -> String {
    serde_json::to_string(item).unwrap_or_default()
}

// ---- intake and claim codes ----

/// A claim code: what an anonymous person keeps to follow their item. Shown once with
/// `text()`; the item stores only its SHA-256. `toString()` is the default object one.
#[derive(Debug, uniffi::Object)]
pub struct ClaimCode(feedback::ClaimCode);

#[uniffi::export]
impl ClaimCode {
    /// A new code from fresh random bytes of `SecureRandom`: 8 characters per 5 bytes (10
    /// bytes → 80 bits). The bytes are wiped. Error `feedback.claim_random_length`.
    #[uniffi::constructor]
    pub fn from_random(bytes: Vec<u8>) -> Result<Arc<ClaimCode>> {
        let mut bytes = bytes;
        let code = feedback::ClaimCode::from_random(&bytes);
        bytes.zeroize();
        Ok(Arc::new(ClaimCode(code?)))
    }

    /// A code as a person types it (case, hyphens and spaces ignored; `O` = `0`, `I`/`L` =
    /// `1`). Error `feedback.bad_claim_code` (the text is never echoed).
    #[uniffi::constructor]
    pub fn parse(text: String) -> Result<Arc<ClaimCode>> {
        let mut text = text;
        let code = feedback::ClaimCode::parse(&text);
        text.zeroize();
        Ok(Arc::new(ClaimCode(code?)))
    }

    /// The code to give the person, grouped by four: `7572-MWRZ`.
    pub fn text(&self) -> String {
        self.0.as_text()
    }

    /// SHA-256 (lowercase hex) of the canonical code: what the item stores.
    pub fn sha256(&self) -> String {
        self.0.sha256_hex()
    }
}

/// The secrets and randomness of one intake.
#[derive(Debug, Clone, uniffi::Record)]
pub struct IntakeKeys {
    /// 32 fresh bytes of `SecureRandom`, used to seal the text when the item is sensitive.
    pub seal_random: Vec<u8>,
    /// Replaces the person's identifier by its pseudonym (built for the feedback purpose).
    #[uniffi(default = None)]
    pub pseudonymiser: Option<Arc<Pseudonymiser>>,
    /// The code handed to the person (`ClaimCode.fromRandom`).
    #[uniffi(default = None)]
    pub claim_code: Option<Arc<ClaimCode>>,
}

/// The route of an item and why.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct RouteDecision {
    /// The route id.
    pub route: String,
    /// `sensitive_family`, `sensitive_flag`, `out_of_scope`, `code` or `type`.
    pub reason: String,
    /// The sensitive family, for reason `sensitive_family`.
    pub family: Option<String>,
    /// For a referral route: the only fields the actor receives (`id`, `received_on`,
    /// `channel`, `project`, `site`, `code`, `content`, `subject`).
    pub referral: Option<Vec<String>>,
}

impl From<feedback::RouteDecision> for RouteDecision {
    fn from(decision: feedback::RouteDecision) -> Self {
        RouteDecision {
            reason: serde_name(&decision.reason),
            referral: decision
                .referral
                .map(|fields| fields.iter().map(serde_name).collect()),
            route: decision.route,
            family: decision.family,
        }
    }
}

/// The item made at intake, its route, and the claim code to show the person once.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Received {
    /// The item as JSON text (a sensitive text is sealed; the subject is a pseudonym).
    pub item_json: String,
    pub route: RouteDecision,
    /// The claim code of the keys, grouped (`7572-MWRZ`): show it once, do not store it.
    pub claim_code: Option<String>,
}

/// Makes the item `id` from `intakeJson` (`{channel, received_at, project, site?, code,
/// sensitive?, anonymous?, subject?, text}`). Errors `json.malformed`, `document.invalid`,
/// `feedback.blank_field`, `feedback.unknown_code`, `feedback.unknown_route`,
/// `feedback.anonymous_with_subject`, `feedback.no_pseudonymiser`,
/// `feedback.no_recipient_key`, `feedback.seal_random_length`, `privacy.empty_identifier`.
#[uniffi::export]
pub fn receive_feedback(
    taxonomy: Arc<Taxonomy>,
    routing: Arc<Routing>,
    intake_json: String,
    id: String,
    keys: IntakeKeys,
) -> Result<Received> {
    let intake = feedback::Intake::from_json(&intake_json)?;
    let mut core_keys = feedback::IntakeKeys {
        pseudonymiser: keys.pseudonymiser.as_ref().map(|p| &p.0),
        claim_code: keys.claim_code.as_ref().map(|c| &c.0),
        seal_random: *seal_random(keys.seal_random)?,
    };
    let received = feedback::intake(
        &taxonomy.taxonomy,
        &routing.routing,
        &intake,
        &id,
        &core_keys,
    );
    core_keys.seal_random.zeroize();
    let received = received?;
    Ok(Received {
        item_json: item_text(&received.item),
        route: received.route.into(),
        claim_code: keys.claim_code.map(|c| c.0.as_text()),
    })
}

/// True when `code`, as the person types it, is the claim code of the item (constant-time).
/// False for an item without a code or a text that is no code. Errors `json.malformed`,
/// `document.invalid` (the item).
#[uniffi::export]
pub fn check_claim(item_json: String, code: String) -> Result<bool> {
    Ok(feedback::claim(&item(&item_json)?, &code))
}

// ---- routing: route, view, referral ----

/// The route of an item (JSON text) and why. Errors `json.malformed`, `document.invalid`,
/// `feedback.unknown_code`, `feedback.unknown_route`.
#[uniffi::export]
pub fn route_feedback(
    taxonomy: Arc<Taxonomy>,
    routing: Arc<Routing>,
    item_json: String,
) -> Result<RouteDecision> {
    Ok(feedback::route(&taxonomy.taxonomy, &routing.routing, &item(&item_json)?)?.into())
}

/// What a role sees of an item.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum FeedbackView {
    /// The whole item as JSON text (sealed content still sealed).
    Full { item_json: String },
    /// The routing stub, and nothing else.
    Stub {
        id: String,
        received_on: IsoDate,
        /// `referred` (a sensitive item, with its focal point) or `restricted`.
        status: String,
    },
}

/// What `role` sees of an item. Errors of `routeFeedback`, and `feedback.unknown_role`.
#[uniffi::export]
pub fn view_feedback(
    taxonomy: Arc<Taxonomy>,
    routing: Arc<Routing>,
    item_json: String,
    role: String,
) -> Result<FeedbackView> {
    let item = item(&item_json)?;
    Ok(
        match feedback::view(&taxonomy.taxonomy, &routing.routing, &item, &role)? {
            feedback::View::Full { item } => FeedbackView::Full {
                item_json: item_text(&item),
            },
            feedback::View::Stub {
                id,
                received_on,
                status,
            } => FeedbackView::Stub {
                id,
                received_on,
                status: serde_name(&status),
            },
        },
    )
}

/// The person's two decisions about an onward referral.
#[uniffi::remote(Record)]
pub struct ReferralConsent {
    /// The allegation (or request) may be referred.
    pub refer_allegation: bool,
    /// The person's identity (their pseudonym) may go with it.
    pub share_identity: bool,
}

/// Reads a stored consent `{refer_allegation, share_identity}`. Errors `json.malformed`,
/// `document.invalid` (kind `referral_consent`; both fields are required, no other).
#[uniffi::export]
pub fn referral_consent_from_json(json: String) -> Result<ReferralConsent> {
    Ok(ReferralConsent::from_json(&json)?)
}

/// The packet that refers an item to the route `to`, sent by `role` under `consent`: JSON
/// text `{to, id?, received_on?, channel?, project?, site?, code?, content?, subject?}` with
/// only the fields `to` receives, the subject only with `shareIdentity`. Errors of
/// `viewFeedback`, and `feedback.not_permitted`, `feedback.not_a_referral`,
/// `feedback.referral_refused`.
#[uniffi::export]
pub fn refer_feedback(
    taxonomy: Arc<Taxonomy>,
    routing: Arc<Routing>,
    item_json: String,
    role: String,
    to: String,
    consent: ReferralConsent,
) -> Result<String> {
    let packet = feedback::refer(
        &taxonomy.taxonomy,
        &routing.routing,
        &item(&item_json)?,
        &role,
        &to,
        &consent,
    )?;
    Ok(serde_json::to_string(&packet).unwrap_or_default())
}

// ---- the case workflow ----

/// Something done to a case.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct CaseEvent {
    /// `acknowledge`, `refer`, `start`, `respond`, `close_loop` or `withdraw`.
    pub action: String,
    /// A role or a pseudonymous staff id — never a name.
    pub actor: String,
    /// When, with the offset of where it happened.
    pub at: Timestamp,
}

impl CaseEvent {
    /// The core event, read by the core's reader (an unknown action is `document.invalid`).
    fn to_core(&self) -> Result<Event> {
        let event = serde_json::json!({
            "action": self.action,
            "actor": self.actor,
            "at": timestamp_text(&self.at),
        });
        Ok(Event::from_json(&event.to_string())?)
    }
}

/// One accepted event with the states it moved the case between.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Transition {
    pub from: String,
    pub action: String,
    pub to: String,
    pub actor: String,
    pub at: Timestamp,
}

/// One feedback item's way through the workflow, from `received` to `loop_closed` or
/// `withdrawn`. `apply` appends one transition or changes nothing; the history is
/// append-only. Thread-safe.
#[derive(Debug, uniffi::Object)]
pub struct Case {
    case: Mutex<feedback::Case>,
    reading: Vec<meal_core::Finding>,
}

impl Case {
    fn wrap(case: feedback::Case, reading: Vec<meal_core::Finding>) -> Arc<Case> {
        Arc::new(Case {
            case: Mutex::new(case),
            reading,
        })
    }

    fn lock(&self) -> MutexGuard<'_, feedback::Case> {
        // A poisoned lock means a panic elsewhere; apply changes the case only when it succeeds.
        self.case.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

#[uniffi::export]
impl Case {
    /// A new case in state `received`. Error `input.date_time`.
    #[uniffi::constructor]
    pub fn new(item_id: String, received_at: Timestamp) -> Result<Arc<Case>> {
        Ok(Case::wrap(
            feedback::Case::new(item_id, received_at),
            Vec::new(),
        ))
    }

    /// The case of a newly received item (JSON text). Errors `json.malformed`,
    /// `document.invalid`.
    #[uniffi::constructor]
    pub fn for_item(item_json: String) -> Result<Arc<Case>> {
        Ok(Case::wrap(
            feedback::Case::for_item(&item(&item_json)?),
            Vec::new(),
        ))
    }

    /// A case built by applying `events` in order; the error of the first event rejected
    /// carries the path `/events/<i>`. Errors those of `apply`, `input.date_time`.
    #[uniffi::constructor]
    pub fn from_events(
        item_id: String,
        received_at: Timestamp,
        events: Vec<CaseEvent>,
    ) -> Result<Arc<Case>> {
        let events = events
            .iter()
            .enumerate()
            .map(|(index, event)| {
                event
                    .to_core()
                    .map_err(|e| at_path(e, &format!("/events/{index}")))
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(Case::wrap(
            feedback::Case::from_events(item_id, received_at, &events)?,
            Vec::new(),
        ))
    }

    /// Reads a case document and replays its history: a doctored history is an error
    /// (`feedback.case_history_mismatch`, `feedback.illegal_transition`,
    /// `feedback.time_reversed`), never a case. Errors also `json.malformed`, `document.*`.
    #[uniffi::constructor]
    pub fn from_json(json: String) -> Result<Arc<Case>> {
        let parsed = feedback::Case::from_json(&json)?;
        Ok(Case::wrap(parsed.value, parsed.findings))
    }

    /// Problems noticed while reading (unknown fields), messages in `locale`.
    pub fn findings(&self, locale: String) -> Vec<Finding> {
        Finding::all_from_core(self.reading.clone(), &locale)
    }

    /// Applies `event`: appends one transition, or throws and changes nothing. Errors
    /// `feedback.illegal_transition` (`from`, `action`, `allowed`), `feedback.time_reversed`,
    /// `feedback.event_without_actor`, `document.invalid` (an unknown action),
    /// `input.date_time`.
    pub fn apply(&self, event: CaseEvent) -> Result<()> {
        let event = event.to_core()?;
        Ok(self.lock().apply(event)?)
    }

    /// The item's id.
    pub fn item_id(&self) -> String {
        self.lock().item_id().to_owned()
    }

    /// When the item was received.
    pub fn received_at(&self) -> Timestamp {
        self.lock().received_at()
    }

    /// `received`, `acknowledged`, `referred`, `in_progress`, `responded`, `loop_closed` or
    /// `withdrawn`.
    pub fn state(&self) -> String {
        self.lock().state().as_str().to_owned()
    }

    /// True for `loop_closed` and `withdrawn`: no action is allowed any more.
    pub fn is_final(&self) -> bool {
        self.lock().state().is_final()
    }

    /// The actions allowed now, in workflow order (the buttons to show).
    pub fn allowed_actions(&self) -> Vec<String> {
        allowed_actions(self.lock().state())
            .into_iter()
            .map(|a| a.as_str().to_owned())
            .collect()
    }

    /// The accepted events, oldest first.
    pub fn history(&self) -> Vec<Transition> {
        self.lock()
            .history()
            .iter()
            .map(|t| Transition {
                from: t.from.as_str().to_owned(),
                action: t.action.as_str().to_owned(),
                to: t.to.as_str().to_owned(),
                actor: t.actor.clone(),
                at: t.at,
            })
            .collect()
    }

    /// The instant of the last event, or the receipt.
    pub fn last_at(&self) -> Timestamp {
        self.lock().last_at()
    }

    /// The case document as JSON text (read back by `fromJson`).
    pub fn to_json(&self) -> String {
        self.lock().to_json()
    }
}

fn at_path(error: MealError, path: &str) -> MealError {
    match error {
        MealError::Failed {
            code,
            path: _,
            reason,
            params,
        } => MealError::Failed {
            code,
            path: path.to_owned(),
            reason,
            params,
        },
    }
}

// ---- response deadlines ----

/// One step's deadline and what became of it.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct StepDue {
    /// The deadline, in the item's offset; null when the rule sets none.
    pub by: Option<Timestamp>,
    /// When the case first did the step.
    pub done_at: Option<Timestamp>,
    /// Done by the deadline (to the second); null until both are known.
    pub on_time: Option<bool>,
}

impl From<feedback::StepDue> for StepDue {
    fn from(due: feedback::StepDue) -> Self {
        StepDue {
            by: due.by,
            done_at: due.done_at,
            on_time: due.on_time,
        }
    }
}

/// The deadlines of one item, and the rule they come from.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Dues {
    /// The item's id.
    pub item: String,
    /// The path of the rule in the deadlines document (`/rules/3`, `/default`).
    pub rule: String,
    pub acknowledge: StepDue,
    pub respond: StepDue,
    pub close_loop: StepDue,
}

/// A step past its deadline at the instant asked.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct OverdueStep {
    /// The item's id.
    pub item: String,
    /// `acknowledge`, `respond` or `close_loop`.
    pub step: String,
    /// The deadline, in the item's offset.
    pub due: Timestamp,
    /// Whole seconds between the deadline and the instant asked.
    pub late_by_seconds: i64,
}

/// The mission's response deadlines: a default, rules by code prefix and sensitivity,
/// holidays and weekend. Immutable.
#[derive(Debug, uniffi::Object)]
pub struct Deadlines {
    deadlines: feedback::Deadlines,
    findings: Vec<meal_core::Finding>,
}

#[uniffi::export]
impl Deadlines {
    /// The proposed defaults (to be reviewed by each mission).
    #[uniffi::constructor]
    pub fn proposed() -> Arc<Deadlines> {
        let deadlines = feedback::Deadlines::proposed();
        let findings = deadlines.check();
        Arc::new(Deadlines {
            deadlines,
            findings,
        })
    }

    /// Reads a deadlines document (see `findings`). Errors `json.malformed`, `document.*`.
    #[uniffi::constructor]
    pub fn from_json(json: String) -> Result<Arc<Deadlines>> {
        let parsed = feedback::Deadlines::from_json(&json)?;
        Ok(Arc::new(Deadlines {
            deadlines: parsed.value,
            findings: parsed.findings,
        }))
    }

    /// What is wrong with the document: reading and its checks (duplicate rules, spans beyond
    /// the bound, no working day), sorted by path then code, messages in `locale`.
    pub fn findings(&self, locale: String) -> Vec<Finding> {
        Finding::all_from_core(self.findings.clone(), &locale)
    }

    /// The deadlines of an item (JSON text), with what its `case` (if any) did of them.
    /// Errors `json.malformed`, `document.invalid`, `feedback.case_item_mismatch`,
    /// `feedback.deadline_*`.
    #[uniffi::method(default(case = None))]
    pub fn due(&self, item_json: String, case: Option<Arc<Case>>) -> Result<Dues> {
        let item = item(&item_json)?;
        let guard = case.as_ref().map(|c| c.lock());
        let dues = feedback::due(&item, guard.as_deref(), &self.deadlines)?;
        Ok(Dues {
            item: dues.item,
            rule: dues.rule,
            acknowledge: dues.acknowledge.into(),
            respond: dues.respond.into(),
            close_loop: dues.close_loop.into(),
        })
    }

    /// Every step overdue at `at`, sorted by deadline, then item, then step; items without a
    /// case are `received`. Errors `json.malformed` and `document.invalid` (at `/items/<i>`),
    /// `feedback.duplicate_item`, `feedback.duplicate_case`, `feedback.case_without_item`,
    /// `feedback.case_item_mismatch`, `feedback.deadline_*`, `input.date_time`.
    pub fn overdue(
        &self,
        items_json: Vec<String>,
        cases: Vec<Arc<Case>>,
        at: Timestamp,
    ) -> Result<Vec<OverdueStep>> {
        let items = items_json
            .iter()
            .enumerate()
            .map(|(index, text)| item(text).map_err(|e| at_path(e, &format!("/items/{index}"))))
            .collect::<Result<Vec<_>>>()?;
        let cases: Vec<feedback::Case> = cases.iter().map(|c| c.lock().clone()).collect();
        Ok(feedback::overdue(&items, &cases, &self.deadlines, at)?
            .into_iter()
            .map(|late| OverdueStep {
                item: late.item,
                step: late.step.as_str().to_owned(),
                due: late.due,
                late_by_seconds: late.late_by_seconds,
            })
            .collect())
    }

    /// The document as JSON text.
    pub fn to_json(&self) -> String {
        self.deadlines.to_json()
    }
}

// ---- testimonies ----

/// A publication being considered.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct PublicationTarget {
    /// `internal_learning`, `advocacy_report`, `press` or `social_media`.
    pub scope: String,
    /// The date of publication.
    pub on: IsoDate,
    /// The testimony is attributed to the person (by name or otherwise).
    #[uniffi(default = false)]
    pub identified: bool,
    /// The identifying elements shown unmasked: `face`, `voice`, `name`, `place`.
    #[uniffi(default = [])]
    pub shows: Vec<String>,
}

impl PublicationTarget {
    /// The core target, read by the core's reader (an unknown scope or element is
    /// `document.invalid`).
    fn to_core(&self) -> Result<Target> {
        let target = serde_json::json!({
            "scope": self.scope,
            "on": self.on.to_string(),
            "identified": self.identified,
            "shows": self.shows,
        });
        Ok(Target::from_json(&target.to_string())?)
    }
}

/// Whether a target may publish the testimony, with every reason.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct PublishDecision {
    /// True when no reason is an error.
    pub allowed: bool,
    /// Sorted by path, then code, messages in the requested locale.
    pub reasons: Vec<Finding>,
}

/// A registered use of a testimony.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Publication {
    /// Where it appeared: a report id, a URL, a press contact.
    pub target: String,
    /// `internal_learning`, `advocacy_report`, `press` or `social_media`.
    pub scope: String,
    pub published_on: IsoDate,
}

/// What a withdrawal asks to take down.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Takedown {
    /// The testimony's id.
    pub testimony: String,
    pub withdrawn_at: IsoDate,
    /// Every registered publication, by date, then target, then scope.
    pub publications: Vec<Publication>,
}

impl From<feedback::Takedown> for Takedown {
    fn from(takedown: feedback::Takedown) -> Self {
        Takedown {
            testimony: takedown.testimony,
            withdrawn_at: takedown.withdrawn_at,
            publications: takedown
                .publications
                .into_iter()
                .map(|p| Publication {
                    target: p.target,
                    scope: serde_name(&p.scope),
                    published_on: p.published_on,
                })
                .collect(),
        }
    }
}

/// A withdrawn testimony and what to take down.
#[derive(Debug, Clone, uniffi::Record)]
pub struct TestimonyWithdrawal {
    /// The testimony with its consent withdrawn.
    pub testimony: Arc<Testimony>,
    pub takedown: Takedown,
}

/// The result of `Testimony.published`: the decision, and the testimony with the publication
/// registered when it was allowed.
#[derive(Debug, Clone, uniffi::Record)]
pub struct PublishResult {
    pub decision: PublishDecision,
    pub testimony: Arc<Testimony>,
}

/// A testimony and its consent. Immutable: `withdrawn` and `published` give new testimonies.
#[derive(Debug, uniffi::Object)]
pub struct Testimony {
    testimony: feedback::Testimony,
    findings: Vec<meal_core::Finding>,
}

impl Testimony {
    fn wrap(testimony: feedback::Testimony, findings: Vec<meal_core::Finding>) -> Arc<Testimony> {
        Arc::new(Testimony {
            testimony,
            findings,
        })
    }
}

fn decision(decision: feedback::Decision, locale: &str) -> PublishDecision {
    PublishDecision {
        allowed: decision.allowed,
        reasons: Finding::all_from_core(decision.reasons, locale),
    }
}

#[uniffi::export]
impl Testimony {
    /// Reads a testimony. Errors `json.malformed`, `document.*` (also for its consent).
    #[uniffi::constructor]
    pub fn from_json(json: String) -> Result<Arc<Testimony>> {
        let parsed = feedback::Testimony::from_json(&json)?;
        Ok(Testimony::wrap(parsed.value, parsed.findings))
    }

    /// Reading findings and the registered publications the consent did not cover
    /// (`feedback.testimony_publication_unconsented`), messages in `locale`.
    pub fn findings(&self, locale: String) -> Vec<Finding> {
        Finding::all_from_core(self.findings.clone(), &locale)
    }

    /// The testimony's id.
    pub fn id(&self) -> String {
        self.testimony.id.clone()
    }

    /// May `target` publish the testimony? Every reason, messages in `locale`. Errors
    /// `document.invalid` (an unknown scope or element), `input.date`.
    pub fn can_publish(
        &self,
        target: PublicationTarget,
        locale: String,
    ) -> Result<PublishDecision> {
        Ok(decision(
            feedback::can_publish(&self.testimony, &target.to_core()?),
            &locale,
        ))
    }

    /// Registers the publication `targetId` when `canPublish` allows it: the decision either
    /// way, and the testimony (a new one when registered). Errors of `canPublish`.
    pub fn published(
        &self,
        target_id: String,
        target: PublicationTarget,
        locale: String,
    ) -> Result<PublishResult> {
        let mut testimony = self.testimony.clone();
        let done = feedback::publish(&mut testimony, &target_id, &target.to_core()?);
        Ok(PublishResult {
            decision: decision(done, &locale),
            testimony: Testimony::wrap(testimony, self.findings.clone()),
        })
    }

    /// Withdraws the consent on `on`: the withdrawn testimony and every publication to take
    /// down. Errors `privacy.consent_already_withdrawn`,
    /// `privacy.consent_withdrawal_before_given`, `input.date`.
    pub fn withdrawn(&self, on: IsoDate) -> Result<TestimonyWithdrawal> {
        let mut testimony = self.testimony.clone();
        let takedown = feedback::withdraw_testimony(&mut testimony, on)?;
        Ok(TestimonyWithdrawal {
            testimony: Testimony::wrap(testimony, self.findings.clone()),
            takedown: takedown.into(),
        })
    }

    /// The takedown of a withdrawn testimony; null while the consent stands.
    pub fn takedown(&self) -> Option<Takedown> {
        self.testimony.takedown().map(Takedown::from)
    }

    /// The testimony as JSON text.
    pub fn to_json(&self) -> String {
        self.testimony.to_json()
    }
}
