//! Complaint and feedback mechanisms for JavaScript: the taxonomy and routing documents, intake
//! (sealed when sensitive, pseudonymous subject, claim codes), who sees what, two-consent
//! referrals, sealed boxes, the case workflow, response deadlines, and testimonies.
//!
//! Randomness (sealing, claim codes, new keys) comes from `crypto.getRandomValues` unless the
//! caller passes the bytes (to reproduce a result in a test); the core has no generator.

use chrono::{DateTime, FixedOffset};
use meal_core::feedback::seal::SEAL_RANDOM_BYTES;
use meal_core::feedback::{self as core, intake::CLAIM_BYTES_PER_GROUP, workflow};
use tsify::{Ts, Tsify};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use zeroize::{Zeroize, Zeroizing};

use crate::dto::{self, Finding, LocaleOptions};
use crate::error::{bad_argument, to_js};
use crate::person::Pseudonymiser;
use crate::privacy::variant_name;
use crate::{date, json_text, locale_of, options_or_default, parse_json, with_json};

#[wasm_bindgen(typescript_custom_section)]
const FEEDBACK_TS: &'static str = r#"
/** How a feedback item reached the mission. */
export type Channel = "face_to_face" | "hotline" | "suggestion_box" | "messaging" | "web_form" | "mobile_app";

/** A field of an item a referral route may receive. */
export type SharedField = "id" | "received_on" | "channel" | "project" | "site" | "code" | "content" | "subject";

/** One feedback or complaint item as stored (document keys). */
export interface FeedbackItem {
  id: string;
  /** RFC 3339 with the offset of the place it was received. */
  received_at: string;
  channel: Channel;
  project: string;
  site?: string;
  /** The taxonomy code. */
  code: string;
  sensitive: boolean;
  anonymous?: boolean;
  /** SHA-256 (hex) of the claim code the person keeps. */
  claim_code_sha256?: string;
  /** The person's pseudonym, never a name. */
  subject?: string;
  content: Content;
}

/** What a channel brought in, as the worker or the app recorded it (document keys). */
export interface Intake {
  channel: Channel;
  /** RFC 3339 with the offset of the place it was received. */
  received_at: string;
  project: string;
  site?: string;
  code: string;
  /** The person's or the worker's flag (a sensitive family's code forces it). */
  sensitive?: boolean;
  anonymous?: boolean;
  /** The person's raw identifier: only its pseudonym is kept (`intakeWithPseudonymiser`). */
  subject?: string;
  text: string;
}

/** Where a case stands. */
export type CaseState = "received" | "acknowledged" | "referred" | "in_progress" | "responded" | "loop_closed" | "withdrawn";
/** What someone does to a case. */
export type CaseAction = "acknowledge" | "refer" | "start" | "respond" | "close_loop" | "withdraw";

/** Something done to a case, by someone (a role or a pseudonymous staff id), at an RFC 3339 instant. */
export interface CaseEvent {
  action: CaseAction;
  actor: string;
  at: string;
}

/** A case as saved by `Case.toJson()` (document keys). */
export interface CaseDocument {
  format_version: 1;
  item_id: string;
  received_at: string;
  state: CaseState;
  history: Array<{ from: CaseState; action: CaseAction; to: CaseState; actor: string; at: string }>;
}

/** What a testimony is published for. */
export type TestimonyScope = "internal_learning" | "advocacy_report" | "press" | "social_media";
/** An element that can identify a person in a publication. */
export type IdentifyingElement = "face" | "voice" | "name" | "place";

/** A publication being considered. */
export interface PublicationTarget {
  scope: TestimonyScope;
  /** The date of publication, `YYYY-MM-DD`. */
  on: string;
  /** Attributed to the person (by name or otherwise). */
  identified?: boolean;
  /** The identifying elements it shows unmasked. */
  shows?: IdentifyingElement[];
}
"#;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = crypto, js_name = getRandomValues, catch)]
    fn get_random_values(buffer: &js_sys::Uint8Array) -> Result<JsValue, JsValue>;
}

/// `count` fresh bytes from `crypto.getRandomValues` (the JavaScript copy is wiped).
fn fresh_random(count: usize) -> Result<Zeroizing<Vec<u8>>, JsValue> {
    let length = u32::try_from(count).map_err(bad_argument)?;
    let buffer = js_sys::Uint8Array::new_with_length(length);
    get_random_values(&buffer)
        .map_err(|_| bad_argument("crypto.getRandomValues refused to give the random bytes"))?;
    let bytes = Zeroizing::new(buffer.to_vec());
    buffer.fill(0, 0, length);
    Ok(bytes)
}

/// The 32 bytes of one seal: the caller's (exactly 32, else `feedback.seal_random_length`),
/// else fresh ones from `crypto.getRandomValues`.
fn seal_random(given: Option<Vec<u8>>) -> Result<Zeroizing<[u8; SEAL_RANDOM_BYTES]>, JsValue> {
    let bytes = match given {
        Some(bytes) => Zeroizing::new(bytes),
        None => fresh_random(SEAL_RANDOM_BYTES)?,
    };
    core::seal::seal_random(&bytes).map_err(to_js)
}

/// An RFC 3339 instant argument (error `input.date_time`).
fn instant_of(text: &str) -> Result<DateTime<FixedOffset>, JsValue> {
    meal_core::input::parse_date_time(text).map_err(to_js)
}

/// An instant as the core writes it in JSON (RFC 3339, its own offset).
fn instant(at: DateTime<FixedOffset>) -> String {
    match serde_json::to_value(at) {
        Ok(serde_json::Value::String(text)) => text,
        _ => at.to_rfc3339(),
    }
}

/// A JavaScript array argument (error `document.invalid` for anything else).
fn array_of(value: JsValue, what: &str) -> Result<Vec<JsValue>, JsValue> {
    value
        .dyn_into::<js_sys::Array>()
        .map(|array| array.iter().collect())
        .map_err(|_| bad_argument(format!("{what} must be an array")))
}

/// A document given as an object of this package (read through its `toJson()`), JSON text, or
/// a plain value.
fn document_of(value: JsValue, what: &str) -> Result<String, JsValue> {
    let method = js_sys::Reflect::get(&value, &JsValue::from_str("toJson")).ok();
    if let Some(method) = method.and_then(|m| m.dyn_into::<js_sys::Function>().ok()) {
        return method
            .call0(&value)
            .ok()
            .and_then(|text| text.as_string())
            .ok_or_else(|| bad_argument(format!("{what} could not be written as JSON")));
    }
    json_text(value, what)
}

/// A feedback item (an object or its JSON text): `json.malformed`, `document.invalid`.
fn item_of(value: JsValue) -> Result<core::Item, JsValue> {
    core::Item::from_json(&json_text(value, "the item")?).map_err(to_js)
}

fn item_json(item: &core::Item) -> Result<serde_json::Value, JsValue> {
    serde_json::to_value(item).map_err(bad_argument)
}

fn route_decision(decision: &core::RouteDecision) -> dto::RouteDecision {
    dto::RouteDecision {
        route: decision.route.clone(),
        reason: variant_name(&decision.reason),
        family: decision.family.clone(),
        referral: decision
            .referral
            .as_ref()
            .map(|fields| fields.iter().map(variant_name).collect()),
    }
}

fn content_ts(content: &core::Content) -> Result<Ts<dto::Content>, JsValue> {
    dto::Content::from_core(content)
        .into_ts()
        .map_err(bad_argument)
}

/// Read through JSON, not `to_rust()`: serde buffers an internally tagged enum before reading
/// its tag, and buffering a 10 000-deep value overflowed the stack (`memory access out of
/// bounds`, the module unusable); serde_json's depth limit refuses it instead.
fn content_of(content: Ts<dto::Content>) -> Result<core::Content, JsValue> {
    let text = json_text(content.into(), "the content")?;
    let content: dto::Content = serde_json::from_str(&text).map_err(bad_argument)?;
    Ok(content.into_core())
}

// ---- documents: taxonomy and routing

/// The feedback taxonomy: type → category → code, and the sensitive families with their
/// route. `Taxonomy.fromJson(textOrObject)`; `findings()` says what is wrong with it.
#[wasm_bindgen]
#[derive(Debug)]
pub struct Taxonomy {
    taxonomy: core::Taxonomy,
    reading: Vec<meal_core::Finding>,
}

#[wasm_bindgen]
impl Taxonomy {
    /// Reads a taxonomy document (JSON text, or the object).
    #[wasm_bindgen(js_name = fromJson)]
    pub fn from_json(
        #[wasm_bindgen(unchecked_param_type = "string | object")] document: JsValue,
    ) -> Result<Taxonomy, JsValue> {
        let parsed =
            core::Taxonomy::from_json(&json_text(document, "the taxonomy")?).map_err(to_js)?;
        Ok(Taxonomy {
            taxonomy: parsed.value,
            reading: parsed.findings,
        })
    }

    /// Problems of the document (reading and the taxonomy checks), sorted by path then code,
    /// messages in `locale`.
    pub fn findings(&self, locale: Option<String>) -> Result<Vec<Ts<Finding>>, JsValue> {
        let all = meal_core::error::merged_findings(&self.reading, self.taxonomy.check());
        Finding::all_to_js(&all, locale_of(locale))
    }

    /// The route ids the taxonomy names checked against `routing` (paths into the taxonomy):
    /// every route exists, and a sensitive family's route is internal with a key.
    #[wasm_bindgen(js_name = checkRoutes)]
    pub fn check_routes(
        &self,
        routing: &Routing,
        locale: Option<String>,
    ) -> Result<Vec<Ts<Finding>>, JsValue> {
        let found = core::check_routes(&self.taxonomy, &routing.routing);
        Finding::all_to_js(&found, locale_of(locale))
    }

    #[wasm_bindgen(getter)]
    pub fn id(&self) -> String {
        self.taxonomy.id.clone()
    }

    /// The mission's version of the taxonomy.
    #[wasm_bindgen(getter)]
    pub fn version(&self) -> String {
        self.taxonomy.version.clone()
    }

    /// Every code id, in document order.
    #[wasm_bindgen(getter)]
    pub fn codes(&self) -> Vec<String> {
        self.taxonomy.codes().map(|e| e.code.id.clone()).collect()
    }

    /// The document as JSON text (it round-trips).
    #[wasm_bindgen(js_name = toJson)]
    pub fn to_json(&self) -> String {
        self.taxonomy.to_json()
    }
}

/// Who sees what: the routes (internal, or referral to an actor outside the mission), the roles
/// and the routes each reads. `Routing.fromJson(textOrObject)`.
#[wasm_bindgen]
#[derive(Debug)]
pub struct Routing {
    routing: core::Routing,
    reading: Vec<meal_core::Finding>,
}

#[wasm_bindgen]
impl Routing {
    /// Reads a routing document (JSON text, or the object).
    #[wasm_bindgen(js_name = fromJson)]
    pub fn from_json(
        #[wasm_bindgen(unchecked_param_type = "string | object")] document: JsValue,
    ) -> Result<Routing, JsValue> {
        let parsed =
            core::Routing::from_json(&json_text(document, "the routing")?).map_err(to_js)?;
        Ok(Routing {
            routing: parsed.value,
            reading: parsed.findings,
        })
    }

    /// Problems of the document (reading and the routing checks), sorted by path then code,
    /// messages in `locale`.
    pub fn findings(&self, locale: Option<String>) -> Result<Vec<Ts<Finding>>, JsValue> {
        let all = meal_core::error::merged_findings(&self.reading, self.routing.check());
        Finding::all_to_js(&all, locale_of(locale))
    }

    #[wasm_bindgen(getter)]
    pub fn id(&self) -> String {
        self.routing.id.clone()
    }

    #[wasm_bindgen(getter)]
    pub fn version(&self) -> String {
        self.routing.version.clone()
    }

    /// The route ids, in document order.
    #[wasm_bindgen(getter)]
    pub fn routes(&self) -> Vec<String> {
        self.routing.routes.iter().map(|r| r.id.clone()).collect()
    }

    /// The role ids, in document order.
    #[wasm_bindgen(getter)]
    pub fn roles(&self) -> Vec<String> {
        self.routing.roles.iter().map(|r| r.id.clone()).collect()
    }

    /// The public key items on `route` are sealed to, if it has one
    /// (`feedback.unknown_route`).
    #[wasm_bindgen(js_name = recipientKey)]
    pub fn recipient_key(&self, route: &str) -> Result<Option<RecipientKey>, JsValue> {
        let route = self.routing.require_route(route).map_err(to_js)?;
        Ok(route.recipient_key.clone().map(RecipientKey))
    }

    /// The document as JSON text (it round-trips).
    #[wasm_bindgen(js_name = toJson)]
    pub fn to_json(&self) -> String {
        self.routing.to_json()
    }
}

// ---- routing an item: route, view, referral

/// The route of `item` (an object or its JSON text) and why.
#[wasm_bindgen(js_name = routeItem)]
pub fn route_item(
    taxonomy: &Taxonomy,
    routing: &Routing,
    #[wasm_bindgen(unchecked_param_type = "FeedbackItem | string")] item: JsValue,
) -> Result<Ts<dto::RouteDecision>, JsValue> {
    let item = item_of(item)?;
    let decision = core::route(&taxonomy.taxonomy, &routing.routing, &item).map_err(to_js)?;
    route_decision(&decision).into_ts().map_err(bad_argument)
}

/// What `role` sees of `item`: `{view: "full", item}` when it reads the item's route (sealed
/// content stays sealed), else `{view: "stub", id, receivedOn, status}` and nothing more.
#[wasm_bindgen(js_name = viewItem)]
pub fn view_item(
    taxonomy: &Taxonomy,
    routing: &Routing,
    #[wasm_bindgen(unchecked_param_type = "FeedbackItem | string")] item: JsValue,
    role: &str,
) -> Result<Ts<dto::ItemView>, JsValue> {
    let item = item_of(item)?;
    match core::view(&taxonomy.taxonomy, &routing.routing, &item, role).map_err(to_js)? {
        core::View::Full { item } => {
            let js = dto::ItemView::Full {
                item: serde_json::Value::Null,
            }
            .into_ts()
            .map_err(bad_argument)?;
            with_json(js, "item", &item_json(&item)?)
        }
        core::View::Stub {
            id,
            received_on,
            status,
        } => dto::ItemView::Stub {
            id,
            received_on: received_on.to_string(),
            status: variant_name(&status),
        }
        .into_ts()
        .map_err(bad_argument),
    }
}

/// The packet that refers `item` to the route `to`, sent by `role`, under the person's two
/// consents: none without `referAllegation` (`feedback.referral_refused`), no pseudonym
/// without `shareIdentity`; only the fields `to` receives.
#[wasm_bindgen(js_name = referItem)]
pub fn refer_item(
    taxonomy: &Taxonomy,
    routing: &Routing,
    #[wasm_bindgen(unchecked_param_type = "FeedbackItem | string")] item: JsValue,
    role: &str,
    to: &str,
    consent: Ts<dto::ReferralConsent>,
) -> Result<Ts<dto::ReferralPacket>, JsValue> {
    // Read through JSON, not `to_rust()`: serde-wasm-bindgen looks up only the declared
    // fields, and a consent with an unknown field must be refused as the core refuses it.
    let consent: dto::ReferralConsent =
        serde_json::from_str(&json_text(consent.into(), "the consent")?).map_err(bad_argument)?;
    let item = item_of(item)?;
    let consent = core::ReferralConsent {
        refer_allegation: consent.refer_allegation,
        share_identity: consent.share_identity,
    };
    let packet = core::refer(
        &taxonomy.taxonomy,
        &routing.routing,
        &item,
        role,
        to,
        &consent,
    )
    .map_err(to_js)?;
    dto::ReferralPacket {
        to: packet.to,
        id: packet.id,
        received_on: packet.received_on.map(|d| d.to_string()),
        channel: packet.channel.map(|c| variant_name(&c)),
        project: packet.project,
        site: packet.site,
        code: packet.code,
        content: packet.content.as_ref().map(dto::Content::from_core),
        subject: packet.subject,
    }
    .into_ts()
    .map_err(bad_argument)
}

// ---- intake and claim codes

/// Makes the item `id` from `intake` (an object or its JSON text): checks the code, decides
/// sensitivity, routes it, seals a sensitive text to its route's key and hashes the claim
/// code. An intake that names the person needs `intakeWithPseudonymiser`
/// (`feedback.no_pseudonymiser`).
#[wasm_bindgen]
pub fn intake(
    taxonomy: &Taxonomy,
    routing: &Routing,
    #[wasm_bindgen(unchecked_param_type = "Intake | string")] intake: JsValue,
    id: &str,
    options: Option<Ts<dto::IntakeOptions>>,
) -> Result<Ts<dto::Received>, JsValue> {
    receive(taxonomy, routing, intake, id, None, options)
}

/// `intake`, keeping only the pseudonym of the person's identifier (`intake.subject`) made by
/// `pseudonymiser` (built for the feedback purpose).
#[wasm_bindgen(js_name = intakeWithPseudonymiser)]
pub fn intake_with_pseudonymiser(
    taxonomy: &Taxonomy,
    routing: &Routing,
    #[wasm_bindgen(unchecked_param_type = "Intake | string")] intake: JsValue,
    id: &str,
    pseudonymiser: &Pseudonymiser,
    options: Option<Ts<dto::IntakeOptions>>,
) -> Result<Ts<dto::Received>, JsValue> {
    receive(
        taxonomy,
        routing,
        intake,
        id,
        Some(pseudonymiser.core()),
        options,
    )
}

fn receive(
    taxonomy: &Taxonomy,
    routing: &Routing,
    intake: JsValue,
    id: &str,
    pseudonymiser: Option<&meal_core::privacy::Pseudonymiser>,
    options: Option<Ts<dto::IntakeOptions>>,
) -> Result<Ts<dto::Received>, JsValue> {
    let intake = core::Intake::from_json(&json_text(intake, "the intake")?).map_err(to_js)?;
    let mut options: dto::IntakeOptions = options_or_default(options)?;
    let claim_code = claim_code_of(&options);
    if let Some(bytes) = options.claim_random.as_mut() {
        bytes.zeroize();
    }
    let claim_code = claim_code?;
    let mut keys = core::IntakeKeys {
        pseudonymiser,
        claim_code: claim_code.as_ref(),
        seal_random: *seal_random(options.seal_random.take())?,
    };
    let received = core::intake(&taxonomy.taxonomy, &routing.routing, &intake, id, &keys);
    keys.seal_random.zeroize();
    let received = received.map_err(to_js)?;
    let js = dto::Received {
        item: serde_json::Value::Null,
        route: route_decision(&received.route),
        claim_code: claim_code.as_ref().map(core::ClaimCode::as_text),
    }
    .into_ts()
    .map_err(bad_argument)?;
    with_json(js, "item", &item_json(&received.item)?)
}

/// The claim code an intake asks for: the caller's random bytes, the code as printed, or a new
/// one from fresh random bytes.
fn claim_code_of(options: &dto::IntakeOptions) -> Result<Option<core::ClaimCode>, JsValue> {
    use serde_json::Value;
    let code = match (&options.claim_random, &options.claim_code) {
        (Some(_), Some(Value::String(_))) => {
            return Err(bad_argument(
                "claimRandom makes a new code; claimCode as text is a code already printed",
            ))
        }
        (Some(bytes), _) => core::ClaimCode::from_random(bytes),
        (None, Some(Value::String(text))) => core::ClaimCode::parse(text),
        (None, Some(Value::Bool(true))) => {
            let count = options.claim_bytes.unwrap_or(CLAIM_BYTES_PER_GROUP);
            core::ClaimCode::from_random(&fresh_random(count)?)
        }
        (None, None | Some(Value::Bool(false) | Value::Null)) => return Ok(None),
        (None, Some(_)) => {
            return Err(bad_argument(
                "claimCode is true (a new code) or the code as printed",
            ))
        }
    };
    code.map(Some).map_err(to_js)
}

/// True when `code`, as the person types it, is the claim code of `item` (constant-time);
/// false for an item without a code or a text that is no code.
#[wasm_bindgen(js_name = checkClaim)]
pub fn check_claim(
    #[wasm_bindgen(unchecked_param_type = "FeedbackItem | string")] item: JsValue,
    code: &str,
) -> Result<bool, JsValue> {
    Ok(core::claim(&item_of(item)?, code))
}

/// What the person keeps to follow their item without giving a name: Crockford base32 grouped
/// by four (`7572-MWRZ`). It never shows itself: `toString()` and `toJSON()` give
/// `"ClaimCode(<redacted>)"`; `asText()` gives the code to show the person, once.
#[wasm_bindgen]
#[derive(Debug)]
pub struct ClaimCode(core::ClaimCode);

const CLAIM_REDACTED: &str = "ClaimCode(<redacted>)";

#[wasm_bindgen]
impl ClaimCode {
    /// A new code from `byteCount` fresh random bytes (default 5 → 8 characters; 10 → 16 where
    /// the item may leave the mission's systems). `feedback.claim_random_length` unless a
    /// positive multiple of 5.
    pub fn generate(
        #[wasm_bindgen(js_name = byteCount, unchecked_optional_param_type = "number | null")]
        byte_count: JsValue,
    ) -> Result<ClaimCode, JsValue> {
        let byte_count = crate::count_of(&byte_count, "byteCount")?;
        let random = fresh_random(byte_count.unwrap_or(CLAIM_BYTES_PER_GROUP))?;
        core::ClaimCode::from_random(&random)
            .map(ClaimCode)
            .map_err(to_js)
    }

    /// A code from the caller's random bytes (the copy made to cross is wiped).
    #[wasm_bindgen(js_name = fromRandom)]
    pub fn from_random(mut bytes: Vec<u8>) -> Result<ClaimCode, JsValue> {
        let code = core::ClaimCode::from_random(&bytes);
        bytes.zeroize();
        code.map(ClaimCode).map_err(to_js)
    }

    /// Reads a code as a person types it (case, hyphens and spaces ignored; `O` = `0`, `I`/`L`
    /// = `1`). `feedback.bad_claim_code` (the text is not echoed).
    pub fn parse(mut text: String) -> Result<ClaimCode, JsValue> {
        let code = core::ClaimCode::parse(&text);
        text.zeroize();
        code.map(ClaimCode).map_err(to_js)
    }

    /// The code to give the person, grouped by four: `7572-MWRZ`.
    #[wasm_bindgen(js_name = asText)]
    pub fn as_text(&self) -> String {
        self.0.as_text()
    }

    /// SHA-256 (lowercase hex) of the code: what an item stores.
    #[wasm_bindgen(getter)]
    pub fn sha256(&self) -> String {
        self.0.sha256_hex()
    }

    /// `"ClaimCode(<redacted>)"`.
    #[wasm_bindgen(js_name = toString)]
    pub fn to_string_js(&self) -> String {
        CLAIM_REDACTED.to_owned()
    }

    /// `"ClaimCode(<redacted>)"`: a code inside logged or saved data never shows.
    #[wasm_bindgen(js_name = toJSON)]
    pub fn to_json(&self) -> String {
        CLAIM_REDACTED.to_owned()
    }
}

// ---- sealing

/// A recipient's public key (the safeguarding focal point, an investigation unit): what a
/// sensitive text is sealed to. Public, so printable: `toString()` and `toJSON()` give its
/// base64.
#[wasm_bindgen]
#[derive(Debug, Clone)]
pub struct RecipientKey(core::RecipientKey);

#[wasm_bindgen]
impl RecipientKey {
    /// A key from its 32 bytes (`feedback.seal_bad_public_key`).
    #[wasm_bindgen(constructor)]
    pub fn new(bytes: Vec<u8>) -> Result<RecipientKey, JsValue> {
        core::RecipientKey::from_bytes(&bytes)
            .map(RecipientKey)
            .map_err(to_js)
    }

    /// A key from standard base64, 44 characters (`feedback.seal_bad_public_key`).
    #[wasm_bindgen(js_name = fromBase64)]
    pub fn from_base64(text: &str) -> Result<RecipientKey, JsValue> {
        core::RecipientKey::from_base64(text)
            .map(RecipientKey)
            .map_err(to_js)
    }

    /// The key as standard base64.
    #[wasm_bindgen(js_name = toBase64)]
    pub fn to_base64(&self) -> String {
        self.0.to_base64()
    }

    /// True when both are the same key.
    pub fn equals(&self, other: &RecipientKey) -> bool {
        self.0 == other.0
    }

    /// Seals `text` to this key (libsodium's sealed box). `random`: 32 fresh bytes, never
    /// reused; from `crypto.getRandomValues` when absent.
    pub fn seal(&self, text: &str, random: Option<Vec<u8>>) -> Result<Ts<dto::Content>, JsValue> {
        let random = seal_random(random)?;
        content_ts(&core::seal(&self.0, text, &random).map_err(to_js)?)
    }

    /// The key as standard base64.
    #[wasm_bindgen(js_name = toString)]
    pub fn to_string_js(&self) -> String {
        self.0.to_base64()
    }

    /// The key as standard base64.
    #[wasm_bindgen(js_name = toJSON)]
    pub fn to_json(&self) -> String {
        self.0.to_base64()
    }
}

const SECRET_REDACTED: &str = "SafeguardingSecretKey(<redacted>)";

/// The secret key of a recipient: it alone opens what was sealed to its public key.
/// `SafeguardingSecretKey.generate()` (fresh random bytes), `new SafeguardingSecretKey(bytes)`
/// or `SafeguardingSecretKey.fromBase64(text)`. It never shows itself: `toString()` and
/// `toJSON()` give `"SafeguardingSecretKey(<redacted>)"`; its memory is zeroed when freed
/// (`free()`).
#[wasm_bindgen]
#[derive(Debug)]
pub struct SafeguardingSecretKey(core::SafeguardingSecretKey);

#[wasm_bindgen]
impl SafeguardingSecretKey {
    /// A key from 32 bytes (`feedback.seal_bad_secret_key`); the copy made to cross is wiped.
    #[wasm_bindgen(constructor)]
    pub fn new(mut bytes: Vec<u8>) -> Result<SafeguardingSecretKey, JsValue> {
        let key = core::SafeguardingSecretKey::from_bytes(&bytes);
        bytes.zeroize();
        key.map(SafeguardingSecretKey).map_err(to_js)
    }

    /// A key from standard base64 (`feedback.seal_bad_secret_key`; the text is never echoed).
    #[wasm_bindgen(js_name = fromBase64)]
    pub fn from_base64(mut text: String) -> Result<SafeguardingSecretKey, JsValue> {
        let key = core::SafeguardingSecretKey::from_base64(&text);
        text.zeroize();
        key.map(SafeguardingSecretKey).map_err(to_js)
    }

    /// A new key from 32 bytes of `crypto.getRandomValues`.
    pub fn generate() -> Result<SafeguardingSecretKey, JsValue> {
        let random = fresh_random(core::seal::KEY_BYTES)?;
        core::SafeguardingSecretKey::from_bytes(&random)
            .map(SafeguardingSecretKey)
            .map_err(to_js)
    }

    /// The public key that seals to this key.
    #[wasm_bindgen(getter, js_name = publicKey)]
    pub fn public_key(&self) -> RecipientKey {
        RecipientKey(self.0.public_key())
    }

    /// Opens sealed `content` (an item's `content`): `feedback.seal_not_sealed`,
    /// `feedback.seal_wrong_key`, `feedback.seal_corrupt`.
    pub fn open(&self, content: Ts<dto::Content>) -> Result<String, JsValue> {
        core::open(&self.0, &content_of(content)?).map_err(to_js)
    }

    /// Opens `content` and seals it again to `to` (an onward referral); `random` as in `seal`.
    pub fn reseal(
        &self,
        content: Ts<dto::Content>,
        to: &RecipientKey,
        random: Option<Vec<u8>>,
    ) -> Result<Ts<dto::Content>, JsValue> {
        let content = content_of(content)?;
        let random = seal_random(random)?;
        content_ts(&core::reseal(&self.0, &content, &to.0, &random).map_err(to_js)?)
    }

    /// `"SafeguardingSecretKey(<redacted>)"`.
    #[wasm_bindgen(js_name = toString)]
    pub fn to_string_js(&self) -> String {
        SECRET_REDACTED.to_owned()
    }

    /// `"SafeguardingSecretKey(<redacted>)"`: a key inside logged or saved data never shows,
    /// and reading it back fails loudly (`feedback.seal_bad_secret_key`).
    #[wasm_bindgen(js_name = toJSON)]
    pub fn to_json(&self) -> String {
        SECRET_REDACTED.to_owned()
    }
}

// ---- the case workflow

/// One item's way through the workflow: `received` → `acknowledged` / `referred` →
/// `in_progress` → `responded` → `loop_closed`, or `withdrawn`. The history only grows, through
/// `apply`; `Case.fromJson` replays a saved case and refuses a doctored one.
#[wasm_bindgen]
#[derive(Debug)]
pub struct Case {
    case: core::Case,
    reading: Vec<meal_core::Finding>,
}

impl Case {
    fn of(case: core::Case) -> Case {
        Case {
            case,
            reading: Vec::new(),
        }
    }
}

#[wasm_bindgen]
impl Case {
    /// A new case in state `received` (`receivedAt` RFC 3339 with offset).
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(js_name = itemId)] item_id: &str,
        #[wasm_bindgen(js_name = receivedAt)] received_at: &str,
    ) -> Result<Case, JsValue> {
        Ok(Case::of(core::Case::new(item_id, instant_of(received_at)?)))
    }

    /// The case of a newly received item.
    #[wasm_bindgen(js_name = forItem)]
    pub fn for_item(
        #[wasm_bindgen(unchecked_param_type = "FeedbackItem | string")] item: JsValue,
    ) -> Result<Case, JsValue> {
        Ok(Case::of(core::Case::for_item(&item_of(item)?)))
    }

    /// A case built by applying `events` in order; an error carries the path `/events/<i>` of
    /// the first event rejected.
    #[wasm_bindgen(js_name = fromEvents)]
    pub fn from_events(
        #[wasm_bindgen(js_name = itemId)] item_id: &str,
        #[wasm_bindgen(js_name = receivedAt)] received_at: &str,
        #[wasm_bindgen(unchecked_param_type = "Array<CaseEvent | string>")] events: JsValue,
    ) -> Result<Case, JsValue> {
        let received_at = instant_of(received_at)?;
        let events = array_of(events, "the events")?
            .into_iter()
            .map(event_of)
            .collect::<Result<Vec<_>, _>>()?;
        core::Case::from_events(item_id, received_at, &events)
            .map(Case::of)
            .map_err(to_js)
    }

    /// Reads a saved case (JSON text, or the object) and replays its history
    /// (`feedback.case_history_mismatch` for a doctored one).
    #[wasm_bindgen(js_name = fromJson)]
    pub fn from_json(
        #[wasm_bindgen(unchecked_param_type = "CaseDocument | string")] document: JsValue,
    ) -> Result<Case, JsValue> {
        let parsed = core::Case::from_json(&json_text(document, "the case")?).map_err(to_js)?;
        Ok(Case {
            case: parsed.value,
            reading: parsed.findings,
        })
    }

    /// Problems noticed while reading (unknown fields), messages in `locale`.
    pub fn findings(&self, locale: Option<String>) -> Result<Vec<Ts<Finding>>, JsValue> {
        Finding::all_to_js(&self.reading, locale_of(locale))
    }

    /// Applies `event` and returns the new state; on error (`feedback.illegal_transition`,
    /// `feedback.time_reversed`, `feedback.event_without_actor`) the case is unchanged.
    #[wasm_bindgen(unchecked_return_type = "CaseState")]
    pub fn apply(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "CaseEvent | string")] event: JsValue,
    ) -> Result<String, JsValue> {
        self.case.apply(event_of(event)?).map_err(to_js)?;
        Ok(self.case.state().as_str().to_owned())
    }

    #[wasm_bindgen(getter, js_name = itemId)]
    pub fn item_id(&self) -> String {
        self.case.item_id().to_owned()
    }

    /// RFC 3339, in the offset it was received in.
    #[wasm_bindgen(getter, js_name = receivedAt)]
    pub fn received_at(&self) -> String {
        instant(self.case.received_at())
    }

    #[wasm_bindgen(getter, unchecked_return_type = "CaseState")]
    pub fn state(&self) -> String {
        self.case.state().as_str().to_owned()
    }

    /// True for `loop_closed` and `withdrawn`: no action is allowed any more.
    #[wasm_bindgen(getter, js_name = isFinal)]
    pub fn is_final(&self) -> bool {
        self.case.state().is_final()
    }

    /// The actions the current state allows, in workflow order.
    #[wasm_bindgen(getter, js_name = allowedActions, unchecked_return_type = "CaseAction[]")]
    pub fn allowed_actions(&self) -> Result<JsValue, JsValue> {
        let actions: Vec<&str> = workflow::allowed_actions(self.case.state())
            .into_iter()
            .map(core::Action::as_str)
            .collect();
        parse_json(&serde_json::to_string(&actions).map_err(bad_argument)?)
    }

    /// The accepted events, oldest first.
    #[wasm_bindgen(getter)]
    pub fn history(&self) -> Result<Vec<Ts<dto::Transition>>, JsValue> {
        self.case
            .history()
            .iter()
            .map(|t| {
                dto::Transition {
                    from: t.from.as_str().to_owned(),
                    action: t.action.as_str().to_owned(),
                    to: t.to.as_str().to_owned(),
                    actor: t.actor.clone(),
                    at: instant(t.at),
                }
                .into_ts()
                .map_err(bad_argument)
            })
            .collect()
    }

    /// The instant of the last event, or the receipt.
    #[wasm_bindgen(getter, js_name = lastAt)]
    pub fn last_at(&self) -> String {
        instant(self.case.last_at())
    }

    /// The case as JSON text (read back by `Case.fromJson`).
    #[wasm_bindgen(js_name = toJson)]
    pub fn to_json(&self) -> String {
        self.case.to_json()
    }

    /// The case document as plain data (what `JSON.stringify` uses).
    #[wasm_bindgen(js_name = toJSON, unchecked_return_type = "CaseDocument")]
    pub fn to_data(&self) -> Result<JsValue, JsValue> {
        parse_json(&self.case.to_json())
    }
}

fn event_of(event: JsValue) -> Result<core::Event, JsValue> {
    core::Event::from_json(&json_text(event, "the event")?).map_err(to_js)
}

/// A case given as a `Case`, its document or its JSON text.
fn case_of(value: JsValue) -> Result<core::Case, JsValue> {
    core::Case::from_json(&document_of(value, "the case")?)
        .map(|parsed| parsed.value)
        .map_err(to_js)
}

// ---- deadlines

/// Response deadlines per type and sensitivity (acknowledge, respond, close the loop):
/// `Deadlines.proposed()` (the §5.6 proposals, to be reviewed by each mission) or
/// `Deadlines.fromJson(textOrObject)`.
#[wasm_bindgen]
#[derive(Debug)]
pub struct Deadlines {
    deadlines: core::Deadlines,
    reading: Vec<meal_core::Finding>,
}

#[wasm_bindgen]
impl Deadlines {
    /// The proposed defaults (proposals, not sourced figures).
    pub fn proposed() -> Deadlines {
        Deadlines {
            deadlines: core::Deadlines::proposed(),
            reading: Vec::new(),
        }
    }

    /// Reads a deadlines document (JSON text, or the object).
    #[wasm_bindgen(js_name = fromJson)]
    pub fn from_json(
        #[wasm_bindgen(unchecked_param_type = "string | object")] document: JsValue,
    ) -> Result<Deadlines, JsValue> {
        let parsed =
            core::Deadlines::from_json(&json_text(document, "the deadlines")?).map_err(to_js)?;
        Ok(Deadlines {
            deadlines: parsed.value,
            reading: parsed.findings,
        })
    }

    /// Problems of the document (reading, duplicate rules, spans beyond the bound, no working
    /// day), sorted by path then code, messages in `locale`.
    pub fn findings(&self, locale: Option<String>) -> Result<Vec<Ts<Finding>>, JsValue> {
        Finding::all_to_js(&self.reading, locale_of(locale))
    }

    /// The deadlines of `item` and what its case (`itemCase`: a `Case`, its document or JSON
    /// text) did of them; `feedback.case_item_mismatch` when the case is another item's.
    pub fn due(
        &self,
        #[wasm_bindgen(unchecked_param_type = "FeedbackItem | string")] item: JsValue,
        #[wasm_bindgen(
            js_name = itemCase,
            unchecked_optional_param_type = "Case | CaseDocument | string | null"
        )]
        item_case: Option<JsValue>,
    ) -> Result<Ts<dto::Dues>, JsValue> {
        let item = item_of(item)?;
        let case = match item_case {
            Some(value) if !value.is_null() && !value.is_undefined() => Some(case_of(value)?),
            _ => None,
        };
        let dues = core::due(&item, case.as_ref(), &self.deadlines).map_err(to_js)?;
        let step = |s: &core::StepDue| dto::StepDue {
            by: s.by.map(instant),
            done_at: s.done_at.map(instant),
            on_time: s.on_time,
        };
        dto::Dues {
            item: dues.item.clone(),
            rule: dues.rule.clone(),
            acknowledge: step(&dues.acknowledge),
            respond: step(&dues.respond),
            close_loop: step(&dues.close_loop),
        }
        .into_ts()
        .map_err(bad_argument)
    }

    /// Every step overdue at `at` (RFC 3339; now when absent), most late first: `items`, and
    /// their `cases` (items without one are `received`). Ids and steps only, never content.
    pub fn overdue(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Array<FeedbackItem | string>")] items: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Array<Case | CaseDocument | string>")]
        cases: JsValue,
        at: Option<String>,
    ) -> Result<Vec<Ts<dto::Overdue>>, JsValue> {
        let items = array_of(items, "the items")?
            .into_iter()
            .map(item_of)
            .collect::<Result<Vec<_>, _>>()?;
        let cases = array_of(cases, "the cases")?
            .into_iter()
            .map(case_of)
            .collect::<Result<Vec<_>, _>>()?;
        let at = crate::clock(at.as_deref())?;
        core::overdue(&items, &cases, &self.deadlines, at)
            .map_err(to_js)?
            .iter()
            .map(|late| {
                dto::Overdue {
                    item: late.item.clone(),
                    step: late.step.as_str().to_owned(),
                    due: instant(late.due),
                    late_by_seconds: late.late_by_seconds,
                }
                .into_ts()
                .map_err(bad_argument)
            })
            .collect()
    }

    /// The document as JSON text.
    #[wasm_bindgen(js_name = toJson)]
    pub fn to_json(&self) -> String {
        self.deadlines.to_json()
    }
}

// ---- testimonies

/// A testimony with its consent record, identification level, masking and register of
/// publications: `Testimony.fromJson(textOrObject)`. `canPublish` decides, `publish` registers
/// an allowed publication, `withdraw` lists every publication to take down.
#[wasm_bindgen]
#[derive(Debug)]
pub struct Testimony {
    testimony: core::Testimony,
    reading: Vec<meal_core::Finding>,
}

#[wasm_bindgen]
impl Testimony {
    /// Reads a testimony document (JSON text, or the object).
    #[wasm_bindgen(js_name = fromJson)]
    pub fn from_json(
        #[wasm_bindgen(unchecked_param_type = "string | object")] document: JsValue,
    ) -> Result<Testimony, JsValue> {
        let parsed =
            core::Testimony::from_json(&json_text(document, "the testimony")?).map_err(to_js)?;
        Ok(Testimony {
            testimony: parsed.value,
            reading: parsed.findings,
        })
    }

    /// Problems noticed while reading (unknown fields, publications the consent did not
    /// cover), messages in `locale`.
    pub fn findings(&self, locale: Option<String>) -> Result<Vec<Ts<Finding>>, JsValue> {
        Finding::all_to_js(&self.reading, locale_of(locale))
    }

    #[wasm_bindgen(getter)]
    pub fn id(&self) -> String {
        self.testimony.id.clone()
    }

    /// May `target` (an object or its JSON text) publish the testimony? Every reason,
    /// sorted by path then code, messages in `options.locale`.
    #[wasm_bindgen(js_name = canPublish)]
    pub fn can_publish(
        &self,
        #[wasm_bindgen(unchecked_param_type = "PublicationTarget | string")] target: JsValue,
        options: Option<Ts<LocaleOptions>>,
    ) -> Result<Ts<dto::PublicationDecision>, JsValue> {
        let options: LocaleOptions = options_or_default(options)?;
        let target = target_of(target)?;
        decision(
            &core::can_publish(&self.testimony, &target),
            locale_of(options.locale),
        )
    }

    /// Registers the publication `targetId` when `canPublish` allows it; returns the decision
    /// either way.
    pub fn publish(
        &mut self,
        #[wasm_bindgen(js_name = targetId)] target_id: &str,
        #[wasm_bindgen(unchecked_param_type = "PublicationTarget | string")] target: JsValue,
        options: Option<Ts<LocaleOptions>>,
    ) -> Result<Ts<dto::PublicationDecision>, JsValue> {
        let options: LocaleOptions = options_or_default(options)?;
        let target = target_of(target)?;
        decision(
            &core::publish(&mut self.testimony, target_id, &target),
            locale_of(options.locale),
        )
    }

    /// Withdraws the consent on `on` (`YYYY-MM-DD`) and lists every registered publication to
    /// take down. On error (`privacy.consent_already_withdrawn`, …) nothing changes.
    pub fn withdraw(&mut self, on: &str) -> Result<Ts<dto::Takedown>, JsValue> {
        let on = date(on)?;
        let mut testimony = self.testimony.clone();
        let takedown = core::withdraw_testimony(&mut testimony, on).map_err(to_js)?;
        self.testimony = testimony;
        takedown_ts(&takedown)
    }

    /// The takedown of a withdrawn testimony, or `undefined`.
    #[wasm_bindgen(getter)]
    pub fn takedown(&self) -> Result<Option<Ts<dto::Takedown>>, JsValue> {
        self.testimony
            .takedown()
            .as_ref()
            .map(takedown_ts)
            .transpose()
    }

    /// The elements every publication must mask.
    #[wasm_bindgen(getter, js_name = requiredMasking, unchecked_return_type = "IdentifyingElement[]")]
    pub fn required_masking(&self) -> Result<JsValue, JsValue> {
        let masked: Vec<&str> = self
            .testimony
            .required_masking()
            .into_iter()
            .map(core::Element::as_str)
            .collect();
        parse_json(&serde_json::to_string(&masked).map_err(bad_argument)?)
    }

    /// The registered publications, in register order.
    #[wasm_bindgen(getter)]
    pub fn publications(&self) -> Result<Vec<Ts<dto::Publication>>, JsValue> {
        self.testimony
            .publications
            .iter()
            .map(|p| publication(p).into_ts().map_err(bad_argument))
            .collect()
    }

    /// The testimony as JSON text (with its register and its consent).
    #[wasm_bindgen(js_name = toJson)]
    pub fn to_json(&self) -> String {
        self.testimony.to_json()
    }
}

fn target_of(target: JsValue) -> Result<core::Target, JsValue> {
    core::Target::from_json(&json_text(target, "the target")?).map_err(to_js)
}

fn decision(
    decision: &core::Decision,
    locale: meal_core::Locale,
) -> Result<Ts<dto::PublicationDecision>, JsValue> {
    dto::PublicationDecision {
        allowed: decision.allowed,
        reasons: Finding::all(&decision.reasons, locale),
    }
    .into_ts()
    .map_err(bad_argument)
}

fn publication(p: &core::Publication) -> dto::Publication {
    dto::Publication {
        target: p.target.clone(),
        scope: variant_name(&p.scope),
        published_on: p.published_on.to_string(),
    }
}

fn takedown_ts(takedown: &core::Takedown) -> Result<Ts<dto::Takedown>, JsValue> {
    dto::Takedown {
        testimony: takedown.testimony.clone(),
        withdrawn_at: takedown.withdrawn_at.to_string(),
        publications: takedown.publications.iter().map(publication).collect(),
    }
    .into_ts()
    .map_err(bad_argument)
}
