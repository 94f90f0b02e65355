//! Routing: who may see what. Sensitive items go to their focal point only, programme and MEAL
//! staff see a stub; out-of-scope items are referred to another actor with minimal data; an
//! onward referral needs the person's consent, and their identity a second consent.
//!
//! reference/gdpr-feedback.md §3.5 (rules 2, 3 and 5), §5.6 (the route of each type and
//! family), §7 item 7 (two-level referral consent), CHS 5.3–5.4 and 5.7 (§3.1), IASC SEA
//! referral procedures and the survivor-centred principles (§3.3).
//!
//! # Decisions
//!
//! * **A routing document** (`format_version` 1; the mission's is
//!   `examples/data/feedback-routing.json`) defines the *routes* (internal: a focal point, a
//!   team; or `referral`: an actor outside the mission, with the fields it receives), the
//!   *roles* and the routes each role reads, and the route of a sensitive item whose code is
//!   in no family (`sensitive_default`). A route that receives sensitive items carries the
//!   public key its items are sealed to (`recipient_key`, see [`mod@super::seal`]).
//! * **The route of an item** ([`route`]): the family's route when its code is in a sensitive
//!   family (reason `sensitive_family`); else, when the item is flagged sensitive,
//!   `sensitive_default` (`sensitive_flag`); else the code's own route or its type's
//!   (`out_of_scope` when the type is out of scope, `code` or `type` otherwise). A referral
//!   route comes with the list of fields it may receive: that list *is* the minimal data.
//! * **An item is sensitive** when its flag is set *or* its code is in a family, whatever the
//!   flag says: an item edited or forged with `sensitive: false` is still treated as sensitive.
//! * **What a role sees** ([`view`]): the whole item (sealed content stays sealed: opening it
//!   needs the route's secret key) when the role reads the item's route; otherwise a stub —
//!   the id, the date received (the day only: the time of day helps re-identify) and the
//!   status `referred` for a sensitive item, `restricted` for another. Nothing else: not the
//!   code, the site, the channel or the pseudonym, since for a sensitive item each of these
//!   can point at the person or the allegation.
//! * **Onward referral** ([`refer`]): only a role that reads the item's route may refer it,
//!   and only to the item's own referral route (out of scope) or to a route its route
//!   `refers_to` (e.g. the safeguarding focal point → the headquarters investigation unit).
//!   Two consents ([`ReferralConsent`]): without `refer_allegation` there is no referral
//!   (`feedback.referral_refused`); without `share_identity` the packet has no subject
//!   pseudonym, even when the route would receive it. The packet holds the content as stored:
//!   a sealed allegation stays sealed to the focal point, who [`super::seal::reseal`]s it to
//!   the receiving unit's key.
//!
//! # Codes
//!
//! Findings of [`Routing::check`] (paths into the routing document) and [`check_routes`]
//! (paths into the taxonomy):
//!
//! | code | severity | when |
//! |---|---|---|
//! | `feedback.duplicate_id` | error | a route or role id used twice (`id`) |
//! | `feedback.incomplete_label` | error | a label without English or French |
//! | `feedback.unknown_route` | error | a route id that the routing document does not define (`route`) |
//! | `feedback.not_a_referral_route` | error | `refers_to` names an internal route (`route`) |
//! | `feedback.referral_shares_nothing` | warning | a referral route with an empty `shares` list |
//! | `feedback.route_unread` | warning | no role reads this route (and no route refers on to it): its items would be seen by no one |
//! | `feedback.sensitive_route_without_key` | error | a route receiving sensitive items has no `recipient_key` (`route`) |
//! | `feedback.sensitive_route_external` | error | sensitive items routed straight to a referral route (`route`) |
//!
//! Errors of [`route`], [`view`] and [`refer`]:
//!
//! | code | when |
//! |---|---|
//! | `feedback.unknown_code` | the item's code is not in the taxonomy |
//! | `feedback.unknown_route` | the taxonomy names a route the routing document lacks |
//! | `feedback.unknown_role` | the role is not in the routing document (`role`) |
//! | `feedback.not_permitted` | the role does not read the item's route, so may not refer it (`role`) |
//! | `feedback.not_a_referral` | the item cannot be referred to this route (`to`, `route`) |
//! | `feedback.referral_refused` | the person did not consent to refer the allegation |

use std::collections::BTreeSet;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::item::{Channel, Content, Item};
use super::seal::RecipientKey;
use super::taxonomy::Taxonomy;
use crate::document::{self, Parsed};
use crate::error::{sort_findings, Finding, MealError};
use crate::i18n::{Message, Term};
use crate::text::Text;

/// The format version this library reads.
pub const FORMAT_VERSION: u32 = 1;

/// The routing document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Routing {
    pub format_version: u32,
    pub id: String,
    pub version: String,
    pub routes: Vec<Route>,
    pub roles: Vec<Role>,
    /// The route of a sensitive item whose code is in no sensitive family.
    pub sensitive_default: String,
}

/// Where items go.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Route {
    pub id: String,
    pub label: Text,
    #[serde(default, skip_serializing_if = "RouteKind::is_internal")]
    pub kind: RouteKind,
    /// The key sensitive items on this route are sealed to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recipient_key: Option<RecipientKey>,
    /// For a referral route: the fields the actor receives (the minimal data).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub shares: Vec<SharedField>,
    /// Referral routes this route's items may be referred on to.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub refers_to: Vec<String>,
}

/// Inside the mission, or an actor outside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RouteKind {
    #[default]
    Internal,
    Referral,
}

impl RouteKind {
    fn is_internal(&self) -> bool {
        *self == RouteKind::Internal
    }
}

/// A field of an item a referral may carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SharedField {
    Id,
    ReceivedOn,
    Channel,
    Project,
    Site,
    Code,
    Content,
    Subject,
}

/// A role and the routes whose items it reads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Role {
    pub id: String,
    pub label: Text,
    pub reads: Vec<String>,
}

/// Why an item takes its route.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RouteReason {
    /// Its code is in a sensitive family.
    SensitiveFamily,
    /// It was flagged sensitive; its code is in no family.
    SensitiveFlag,
    /// Its type is out of scope: referred to another actor.
    OutOfScope,
    /// Its code names its own route.
    Code,
    /// The route of its type.
    Type,
}

/// The route of an item and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RouteDecision {
    pub route: String,
    pub reason: RouteReason,
    /// The sensitive family, for reason `sensitive_family`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub family: Option<String>,
    /// For a referral route: the only fields the actor receives.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub referral: Option<Vec<SharedField>>,
}

/// What a role sees of an item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "view", rename_all = "snake_case")]
pub enum View {
    /// The whole item (sealed content still sealed).
    Full { item: Item },
    /// The routing stub, and nothing else.
    Stub {
        id: String,
        received_on: NaiveDate,
        status: StubStatus,
    },
}

/// Why a role sees only a stub.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StubStatus {
    /// A sensitive item, with its focal point.
    Referred,
    /// Another route's item.
    Restricted,
}

/// The person's two decisions about an onward referral (§3.5 rule 3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReferralConsent {
    /// The allegation (or request) may be referred.
    pub refer_allegation: bool,
    /// The person's identity (their pseudonym) may go with it.
    pub share_identity: bool,
}

/// What a referral sends: only the receiving route's fields, the subject only with consent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReferralPacket {
    /// The receiving route.
    pub to: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub received_on: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<Channel>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub site: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content: Option<Content>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
}

impl ReferralConsent {
    /// Reads `{refer_allegation, share_identity}`: `json.malformed`, or `document.invalid`
    /// (kind `referral_consent`).
    pub fn from_json(json: &str) -> Result<Self, MealError> {
        let value: serde_json::Value =
            serde_json::from_str(json).map_err(|e| document::malformed(&e))?;
        serde_json::from_value(value).map_err(|e| {
            MealError::new("document.invalid")
                .with("kind", "referral_consent")
                .with("detail", e)
        })
    }
}

impl Routing {
    /// Reads a routing document (not checked: call [`check`](Self::check)).
    pub fn from_json(json: &str) -> Result<Parsed<Routing>, MealError> {
        document::read(json, "feedback_routing", FORMAT_VERSION)
    }

    /// The JSON document (pretty-printed).
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// The route `id`.
    pub fn route(&self, id: &str) -> Option<&Route> {
        self.routes.iter().find(|r| r.id == id)
    }

    /// The route `id`, or `feedback.unknown_route`.
    pub fn require_route(&self, id: &str) -> Result<&Route, MealError> {
        self.route(id)
            .ok_or_else(|| MealError::new("feedback.unknown_route").with("route", id))
    }

    /// The role `id`, or `feedback.unknown_role`.
    pub fn role(&self, id: &str) -> Result<&Role, MealError> {
        self.roles
            .iter()
            .find(|r| r.id == id)
            .ok_or_else(|| MealError::new("feedback.unknown_role").with("role", id))
    }

    /// The document's own problems, sorted by path then code.
    pub fn check(&self) -> Vec<Finding> {
        let mut findings = Vec::new();
        self.check_ids(&mut findings);
        self.check_references(&mut findings);
        self.check_routes_read(&mut findings);
        let default = self.sensitive_default.as_str();
        findings.extend(self.sensitive_target(default, "/sensitive_default"));
        sort_findings(&mut findings);
        findings
    }

    fn check_ids(&self, findings: &mut Vec<Finding>) {
        let routes = self.routes.iter().map(|r| (&r.id, &r.label));
        let roles = self.roles.iter().map(|r| (&r.id, &r.label));
        for (list, entries) in [
            ("routes", routes.collect::<Vec<_>>()),
            ("roles", roles.collect()),
        ] {
            let mut seen = BTreeSet::new();
            for (index, (id, label)) in entries.into_iter().enumerate() {
                let at = format!("/{list}/{index}");
                if !seen.insert(id) {
                    findings.push(
                        Finding::error("feedback.duplicate_id", format!("{at}/id")).with("id", id),
                    );
                }
                if label.is_incomplete() {
                    findings.push(Finding::error(
                        "feedback.incomplete_label",
                        format!("{at}/label"),
                    ));
                }
            }
        }
    }

    fn check_references(&self, findings: &mut Vec<Finding>) {
        for (r, route) in self.routes.iter().enumerate() {
            let at = format!("/routes/{r}");
            if route.kind == RouteKind::Referral && route.shares.is_empty() {
                findings.push(Finding::warning(
                    "feedback.referral_shares_nothing",
                    at.clone(),
                ));
            }
            for (k, to) in route.refers_to.iter().enumerate() {
                let path = format!("{at}/refers_to/{k}");
                match self.route(to) {
                    None => findings.push(unknown_route(path, to)),
                    Some(target) if target.kind != RouteKind::Referral => findings.push(
                        Finding::error("feedback.not_a_referral_route", path).with("route", to),
                    ),
                    Some(_) => {}
                }
            }
        }
        for (r, role) in self.roles.iter().enumerate() {
            for (k, read) in role.reads.iter().enumerate() {
                if self.route(read).is_none() {
                    findings.push(unknown_route(format!("/roles/{r}/reads/{k}"), read));
                }
            }
        }
    }

    fn check_routes_read(&self, findings: &mut Vec<Finding>) {
        for (r, route) in self.routes.iter().enumerate() {
            let onward = self
                .routes
                .iter()
                .any(|from| from.refers_to.contains(&route.id));
            if !onward && !self.roles.iter().any(|role| role.reads.contains(&route.id)) {
                findings.push(Finding::warning(
                    "feedback.route_unread",
                    format!("/routes/{r}"),
                ));
            }
        }
    }

    /// The findings about `id` as a route for sensitive items, at `path`.
    fn sensitive_target(&self, id: &str, path: &str) -> Vec<Finding> {
        match self.route(id) {
            None => vec![unknown_route(path.to_owned(), id)],
            Some(route) if route.kind == RouteKind::Referral => {
                vec![Finding::error("feedback.sensitive_route_external", path).with("route", id)]
            }
            Some(route) if route.recipient_key.is_none() => {
                vec![Finding::error("feedback.sensitive_route_without_key", path).with("route", id)]
            }
            Some(_) => Vec::new(),
        }
    }
}

fn unknown_route(path: String, id: &str) -> Finding {
    Finding::error("feedback.unknown_route", path).with("route", id)
}

/// The taxonomy's route ids checked against `routing` (paths into the taxonomy): every route
/// named exists, and a family's route can receive sensitive items (internal, with a key).
pub fn check_routes(taxonomy: &Taxonomy, routing: &Routing) -> Vec<Finding> {
    let mut findings = Vec::new();
    let mut named = |path: String, id: &str| {
        if routing.route(id).is_none() {
            findings.push(unknown_route(path, id));
        }
    };
    for (t, feedback_type) in taxonomy.types.iter().enumerate() {
        named(format!("/types/{t}/route"), &feedback_type.route);
        for (c, category) in feedback_type.categories.iter().enumerate() {
            for (k, code) in category.codes.iter().enumerate() {
                if let Some(route) = &code.route {
                    named(format!("/types/{t}/categories/{c}/codes/{k}/route"), route);
                }
            }
        }
    }
    for (f, family) in taxonomy.families.iter().enumerate() {
        findings.extend(routing.sensitive_target(&family.route, &format!("/families/{f}/route")));
    }
    sort_findings(&mut findings);
    findings
}

/// True when `item` must be treated as sensitive: flagged, or coded in a sensitive family.
pub fn is_sensitive(taxonomy: &Taxonomy, item: &Item) -> bool {
    item.sensitive || taxonomy.code(&item.code).is_some_and(|e| e.is_sensitive())
}

/// The route of `item` and why. Errors `feedback.unknown_code`, `feedback.unknown_route`.
pub fn route(
    taxonomy: &Taxonomy,
    routing: &Routing,
    item: &Item,
) -> Result<RouteDecision, MealError> {
    route_code(taxonomy, routing, &item.code, item.sensitive)
}

/// The route of an item coded `code`, flagged `sensitive` or not (see [`route`]).
pub fn route_code(
    taxonomy: &Taxonomy,
    routing: &Routing,
    code: &str,
    sensitive: bool,
) -> Result<RouteDecision, MealError> {
    let entry = taxonomy.require_code(code)?;
    let (route, reason) = match (entry.family, sensitive) {
        (Some(family), _) => (family.route.as_str(), RouteReason::SensitiveFamily),
        (None, true) => (
            routing.sensitive_default.as_str(),
            RouteReason::SensitiveFlag,
        ),
        (None, false) if entry.feedback_type.out_of_scope => {
            (entry.route(), RouteReason::OutOfScope)
        }
        (None, false) if entry.code.route.is_some() => (entry.route(), RouteReason::Code),
        (None, false) => (entry.route(), RouteReason::Type),
    };
    let target = routing.require_route(route)?;
    Ok(RouteDecision {
        route: target.id.clone(),
        reason,
        family: entry.family.map(|f| f.id.clone()),
        referral: (target.kind == RouteKind::Referral).then(|| target.shares.clone()),
    })
}

/// What `role` sees of `item`. Errors of [`route`], and `feedback.unknown_role`.
pub fn view(
    taxonomy: &Taxonomy,
    routing: &Routing,
    item: &Item,
    role: &str,
) -> Result<View, MealError> {
    let role = routing.role(role)?;
    let decision = route(taxonomy, routing, item)?;
    if role.reads.contains(&decision.route) {
        return Ok(View::Full { item: item.clone() });
    }
    let status = if is_sensitive(taxonomy, item) {
        StubStatus::Referred
    } else {
        StubStatus::Restricted
    };
    Ok(View::Stub {
        id: item.id.clone(),
        received_on: item.received_at.date_naive(),
        status,
    })
}

/// The packet that refers `item` to the route `to`, sent by `role` under `consent`. Errors of
/// [`view`], and `feedback.not_permitted`, `feedback.not_a_referral`,
/// `feedback.referral_refused`.
pub fn refer(
    taxonomy: &Taxonomy,
    routing: &Routing,
    item: &Item,
    role: &str,
    to: &str,
    consent: &ReferralConsent,
) -> Result<ReferralPacket, MealError> {
    let reader = routing.role(role)?;
    let decision = route(taxonomy, routing, item)?;
    if !reader.reads.contains(&decision.route) {
        return Err(MealError::new("feedback.not_permitted").with("role", role));
    }
    let current = routing.require_route(&decision.route)?;
    let allowed = (decision.referral.is_some() && current.id == to)
        || current.refers_to.iter().any(|r| r == to);
    let target = routing.route(to).filter(|_| allowed).ok_or_else(|| {
        MealError::new("feedback.not_a_referral")
            .with("to", to)
            .with("route", &decision.route)
    })?;
    if !consent.refer_allegation {
        return Err(MealError::new("feedback.referral_refused"));
    }
    Ok(packet(item, target, consent.share_identity))
}

/// The fields `target` receives of `item`; the subject only when `share_identity`.
fn packet(item: &Item, target: &Route, share_identity: bool) -> ReferralPacket {
    let shares = |field| target.shares.contains(&field);
    let when = |field, value: Option<String>| value.filter(|_| shares(field));
    ReferralPacket {
        to: target.id.clone(),
        id: when(SharedField::Id, Some(item.id.clone())),
        received_on: shares(SharedField::ReceivedOn).then(|| item.received_at.date_naive()),
        channel: shares(SharedField::Channel).then_some(item.channel),
        project: when(SharedField::Project, Some(item.project.clone())),
        site: when(SharedField::Site, item.site.clone()),
        code: when(SharedField::Code, Some(item.code.clone())),
        content: shares(SharedField::Content).then(|| item.content.clone()),
        subject: when(SharedField::Subject, item.subject.clone()).filter(|_| share_identity),
    }
}

/// Codes raised here, in French and English.
pub(crate) const MESSAGES: &[Message] = &[
    Message {
        code: "feedback.unknown_route",
        en: "'{route}' is no route of the routing document",
        fr: "« {route} » n'est pas un circuit du document de circuits",
    },
    Message {
        code: "feedback.not_a_referral_route",
        en: "'{route}' is an internal route; items are referred on only to referral routes",
        fr: "« {route} » est un circuit interne ; un retour n'est orienté que vers un circuit d'orientation externe",
    },
    Message {
        code: "feedback.referral_shares_nothing",
        en: "This referral route receives no field; list the minimal data it needs",
        fr: "Ce circuit d'orientation ne reçoit aucun champ ; indiquez les données minimales dont il a besoin",
    },
    Message {
        code: "feedback.route_unread",
        en: "No role reads this route: its items would be seen by no one",
        fr: "Aucun rôle ne lit ce circuit : ses retours ne seraient vus par personne",
    },
    Message {
        code: "feedback.sensitive_route_without_key",
        en: "The route '{route}' receives sensitive items but has no recipient key to seal them to",
        fr: "Le circuit « {route} » reçoit des retours sensibles mais n'a pas de clé de destinataire pour les sceller",
    },
    Message {
        code: "feedback.sensitive_route_external",
        en: "Sensitive items go first to a focal point inside the mission, not straight to the referral route '{route}'",
        fr: "Les retours sensibles vont d'abord à un référent de la mission, pas directement au circuit d'orientation « {route} »",
    },
    Message {
        code: "feedback.unknown_role",
        en: "'{role}' is no role of the routing document",
        fr: "« {role} » n'est pas un rôle du document de circuits",
    },
    Message {
        code: "feedback.not_permitted",
        en: "The role '{role}' does not handle this item and cannot refer it",
        fr: "Le rôle « {role} » ne traite pas ce retour et ne peut pas l'orienter",
    },
    Message {
        code: "feedback.not_a_referral",
        en: "An item on the route '{route}' cannot be referred to '{to}'",
        fr: "Un retour du circuit « {route} » ne peut pas être orienté vers « {to} »",
    },
    Message {
        code: "feedback.referral_refused",
        en: "The person did not consent to refer this allegation; it is not referred",
        fr: "La personne n'a pas consenti à l'orientation de ce signalement ; il n'est pas orienté",
    },
];

/// Domain terms carried in params of these codes.
pub(crate) const TERMS: &[Term] = &[Term {
    key: "referral_consent",
    en: "referral consent",
    fr: "consentement à l'orientation",
}];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::feedback::item::Content;

    const TAXONOMY: &str = include_str!("../../../examples/data/feedback-taxonomy.json");
    const ROUTING: &str = include_str!("../../../examples/data/feedback-routing.json");

    fn mission() -> (Taxonomy, Routing) {
        let taxonomy = Taxonomy::from_json(TAXONOMY).unwrap();
        let routing = Routing::from_json(ROUTING).unwrap();
        assert!(taxonomy.findings.is_empty() && routing.findings.is_empty());
        (taxonomy.value, routing.value)
    }

    fn item(code: &str, sensitive: bool) -> Item {
        Item {
            id: "fb-1".into(),
            received_at: chrono::DateTime::parse_from_rfc3339("2026-03-09T23:30:00+01:00").unwrap(),
            channel: Channel::Hotline,
            project: "calais".into(),
            site: Some("calais_centre".into()),
            code: code.into(),
            sensitive,
            anonymous: false,
            claim_code_sha256: None,
            subject: Some("733191a92dd3dc87d82f54eb4ae233cb".into()),
            content: if sensitive {
                Content::Sealed {
                    recipient: "hSDwCYkwp1R0i33ctD73Wg2/Og0mOBr066SpjqqbTmo=".into(),
                    sealed: "AAAA".into(),
                }
            } else {
                Content::Plain {
                    text: "Trop d'attente".into(),
                }
            },
        }
    }

    fn codes_at(findings: &[Finding]) -> Vec<(&str, &str)> {
        findings
            .iter()
            .map(|f| (f.code.as_str(), f.path.as_str()))
            .collect()
    }

    #[test]
    fn the_mission_s_documents_are_clean_and_round_trip() {
        let (taxonomy, routing) = mission();
        assert!(taxonomy.check().is_empty(), "{:?}", taxonomy.check());
        assert!(routing.check().is_empty(), "{:?}", routing.check());
        assert!(check_routes(&taxonomy, &routing).is_empty());
        assert_eq!(
            Routing::from_json(&routing.to_json()).unwrap().value,
            routing
        );
        let written: serde_json::Value = serde_json::from_str(&routing.to_json()).unwrap();
        assert_eq!(
            written,
            serde_json::from_str::<serde_json::Value>(ROUTING).unwrap()
        );
    }

    #[test]
    fn each_item_takes_its_route_for_its_reason() {
        let (taxonomy, routing) = mission();
        let decide =
            |code: &str, sensitive| route(&taxonomy, &routing, &item(code, sensitive)).unwrap();
        let fraud = decide("fraude", true);
        assert_eq!(
            (fraud.route.as_str(), fraud.reason, fraud.family.as_deref()),
            (
                "ligne_integrite",
                RouteReason::SensitiveFamily,
                Some("fraud_corruption")
            )
        );
        assert_eq!(
            decide("fraude", false).route,
            "ligne_integrite",
            "the family wins over the flag"
        );
        let flagged = decide("info_services", true);
        assert_eq!(
            (flagged.route.as_str(), flagged.reason),
            ("referent_protection", RouteReason::SensitiveFlag)
        );
        let asylum = decide("hors_champ_asile", false);
        assert_eq!(
            (asylum.route.as_str(), asylum.reason),
            ("partenaire_juridique", RouteReason::OutOfScope)
        );
        use SharedField::*;
        assert_eq!(
            asylum.referral,
            Some(vec![ReceivedOn, Code, Content, Subject])
        );
        let waiting = decide("attente", false);
        assert_eq!(
            (waiting.route.as_str(), waiting.reason, waiting.referral),
            ("coordination", RouteReason::Type, None)
        );
        let unknown = route(&taxonomy, &routing, &item("nope", false)).unwrap_err();
        assert_eq!(unknown.code, "feedback.unknown_code");
    }

    #[test]
    fn only_the_route_s_readers_see_a_sensitive_item() {
        let (taxonomy, routing) = mission();
        let sea = item("exploitation_abus_sexuels", true);
        let stub = View::Stub {
            id: "fb-1".into(),
            received_on: NaiveDate::from_ymd_opt(2026, 3, 9).unwrap(),
            status: StubStatus::Referred,
        };
        for role in ["programme", "meal", "integrity_focal_point", "dpo"] {
            assert_eq!(
                view(&taxonomy, &routing, &sea, role).unwrap(),
                stub,
                "{role}"
            );
        }
        assert_eq!(
            view(&taxonomy, &routing, &sea, "safeguarding_focal_point").unwrap(),
            View::Full { item: sea.clone() }
        );
        // An item forged as not sensitive is still one, by its code.
        let forged = item("exploitation_abus_sexuels", false);
        assert_eq!(
            view(&taxonomy, &routing, &forged, "programme").unwrap(),
            View::Stub {
                id: "fb-1".into(),
                received_on: NaiveDate::from_ymd_opt(2026, 3, 9).unwrap(),
                status: StubStatus::Referred,
            }
        );
        let json = serde_json::to_value(&stub).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"view": "stub", "id": "fb-1", "received_on": "2026-03-09", "status": "referred"})
        );
        assert_eq!(
            view(&taxonomy, &routing, &sea, "boss").unwrap_err().code,
            "feedback.unknown_role"
        );
    }

    #[test]
    fn programme_staff_read_non_sensitive_items_and_focal_points_do_not() {
        let (taxonomy, routing) = mission();
        let waiting = item("attente", false);
        assert_eq!(
            view(&taxonomy, &routing, &waiting, "meal").unwrap(),
            View::Full {
                item: waiting.clone()
            }
        );
        let View::Stub { status, .. } =
            view(&taxonomy, &routing, &waiting, "safeguarding_focal_point").unwrap()
        else {
            panic!("a stub")
        };
        assert_eq!(status, StubStatus::Restricted);
    }

    #[test]
    fn a_referral_carries_the_allegation_and_the_identity_only_with_consent() {
        let (taxonomy, routing) = mission();
        let sea = item("harcelement_sexuel", true);
        let both = ReferralConsent {
            refer_allegation: true,
            share_identity: true,
        };
        let packet = refer(
            &taxonomy,
            &routing,
            &sea,
            "safeguarding_focal_point",
            "siege",
            &both,
        )
        .unwrap();
        assert_eq!(
            packet.subject.as_deref(),
            Some("733191a92dd3dc87d82f54eb4ae233cb")
        );
        assert_eq!(packet.id.as_deref(), Some("fb-1"));
        assert_eq!(
            (packet.site, packet.channel),
            (None, None),
            "siege does not receive them"
        );
        assert_eq!(packet.content, Some(sea.content.clone()));
        let no_identity = ReferralConsent {
            share_identity: false,
            ..both
        };
        let packet = refer(
            &taxonomy,
            &routing,
            &sea,
            "safeguarding_focal_point",
            "siege",
            &no_identity,
        )
        .unwrap();
        assert_eq!(packet.subject, None);
        let refused = ReferralConsent {
            refer_allegation: false,
            share_identity: true,
        };
        let err = |role: &str, to: &str, consent: &ReferralConsent, item: &Item| {
            refer(&taxonomy, &routing, item, role, to, consent)
                .unwrap_err()
                .code
        };
        assert_eq!(
            err("safeguarding_focal_point", "siege", &refused, &sea),
            "feedback.referral_refused"
        );
        assert_eq!(
            err("programme", "siege", &both, &sea),
            "feedback.not_permitted"
        );
        assert_eq!(
            err("safeguarding_focal_point", "crip", &both, &sea),
            "feedback.not_a_referral"
        );
        assert_eq!(
            err("safeguarding_focal_point", "nowhere", &both, &sea),
            "feedback.not_a_referral"
        );
    }

    #[test]
    fn an_out_of_scope_item_is_referred_with_minimal_data() {
        let (taxonomy, routing) = mission();
        let asylum = item("hors_champ_asile", false);
        let consent = ReferralConsent {
            refer_allegation: true,
            share_identity: false,
        };
        let packet = refer(
            &taxonomy,
            &routing,
            &asylum,
            "programme",
            "partenaire_juridique",
            &consent,
        )
        .unwrap();
        assert_eq!(
            serde_json::to_value(&packet).unwrap(),
            serde_json::json!({"to": "partenaire_juridique", "received_on": "2026-03-09",
                "code": "hors_champ_asile", "content": {"kind": "plain", "text": "Trop d'attente"}})
        );
        let other = refer(
            &taxonomy,
            &routing,
            &asylum,
            "programme",
            "orientation_externe",
            &consent,
        );
        assert_eq!(other.unwrap_err().code, "feedback.not_a_referral");
    }

    #[test]
    fn routing_problems_are_findings() {
        let mut doc: serde_json::Value = serde_json::from_str(ROUTING).unwrap();
        doc["routes"][1]["id"] = "equipe_projet".into();
        doc["routes"][2]["refers_to"] = serde_json::json!(["dpo", "ailleurs"]);
        doc["routes"][3]["recipient_key"] = serde_json::Value::Null;
        doc["routes"][3]["label"]["fr"] = "".into();
        doc["routes"][10]["shares"] = serde_json::json!([]);
        doc["roles"][6]["reads"] = serde_json::json!(["inconnu"]);
        doc["roles"][5]["reads"] = serde_json::json!(["equipe_projet"]);
        doc["sensitive_default"] = "siege".into();
        let routing = Routing::from_json(&doc.to_string()).unwrap().value;
        assert_eq!(
            codes_at(&routing.check()),
            [
                ("feedback.unknown_route", "/roles/6/reads/0"),
                ("feedback.duplicate_id", "/routes/1/id"),
                // Paths sort as text: /routes/10 before /routes/2.
                ("feedback.referral_shares_nothing", "/routes/10"),
                ("feedback.route_unread", "/routes/10"),
                ("feedback.not_a_referral_route", "/routes/2/refers_to/0"),
                ("feedback.unknown_route", "/routes/2/refers_to/1"),
                ("feedback.incomplete_label", "/routes/3/label"),
                ("feedback.route_unread", "/routes/9"),
                ("feedback.sensitive_route_external", "/sensitive_default"),
            ]
        );
        let (taxonomy, _) = mission();
        let found = check_routes(&taxonomy, &routing);
        assert_eq!(
            codes_at(&found),
            [
                ("feedback.sensitive_route_without_key", "/families/2/route"),
                // `coordination` was renamed above: suggestions and complaints lost their route.
                ("feedback.unknown_route", "/types/2/route"),
                ("feedback.unknown_route", "/types/4/route"),
            ]
        );
    }
}
