//! Feedback intake, routing and sealing: the reference mission's taxonomy, routing and feedback
//! form agree; a form submission becomes an item routed as expected; and the invariants —
//! no operation available to a role that does not read an item's route returns the content
//! or the subject of a sensitive item, and sealed content opens only with its recipient's key.

// A test file: a failed unwrap is a failed test (helpers outside `#[test]` need saying so).
#![allow(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)]

use std::collections::BTreeSet;
use std::path::PathBuf;

use meal_core::feedback::routing::{self, RouteReason};
use meal_core::feedback::{
    claim, intake, open, refer, view, Channel, ClaimCode, Content, Intake, IntakeKeys,
    ReferralConsent, Routing, SafeguardingSecretKey, Taxonomy, View,
};
use meal_core::form::CompiledForm;
use meal_core::privacy::{PseudonymKey, Pseudonymiser};
use meal_core::xlsform;
use proptest::prelude::*;

// ---------------------------------------------------------------------------------------------
// The reference mission

fn examples() -> PathBuf {
    [env!("CARGO_MANIFEST_DIR"), "..", "examples"]
        .iter()
        .collect()
}

fn mission() -> (Taxonomy, Routing) {
    let read = |name: &str| std::fs::read_to_string(examples().join("data").join(name)).unwrap();
    let taxonomy = Taxonomy::from_json(&read("feedback-taxonomy.json")).unwrap();
    let routing = Routing::from_json(&read("feedback-routing.json")).unwrap();
    assert!(taxonomy.findings.is_empty(), "{:?}", taxonomy.findings);
    assert!(routing.findings.is_empty(), "{:?}", routing.findings);
    (taxonomy.value, routing.value)
}

/// The secret keys of the example routing document's sealed routes: RFC 7748 §6.1's Alice
/// (safeguarding) and Bob (integrity), and SHA-256 of `meal example <name> key` for the others.
/// Example keys only: a mission makes its own and keeps the secret ones off every device.
const SECRETS: &[(&str, &str)] = &[
    (
        "referent_protection",
        "dwdtCnMYpX08FsFyUbJmRd9ML4frwJkqsXf7pR25LCo=",
    ),
    (
        "ligne_integrite",
        "XasIfmJKikt54X+Lg4AO5m87sSkmGLb9HC+LJ/+I4Os=",
    ),
    (
        "referent_enfance",
        "uU+MKQzWujgyVdhqfyNz2D3N+FTK0Ldwf5rv+baFWzw=",
    ),
    (
        "referent_securite",
        "AxA3o9vizUzg2Rm4dgA/MLhaKgQVInoKy/71FYI0BiQ=",
    ),
    ("dpo", "VUlTQ1vL9THAS5no+SsMVWK4gpsJalwaNRi30r894z0="),
];

fn secret(route: &str) -> SafeguardingSecretKey {
    let (_, key) = SECRETS.iter().find(|(r, _)| *r == route).unwrap();
    SafeguardingSecretKey::from_base64(key).unwrap()
}

fn pseudonymiser() -> Pseudonymiser {
    let key = PseudonymKey::from_bytes(&[0x42; 32]).unwrap();
    Pseudonymiser::new(&key, "feedback").unwrap()
}

#[test]
fn the_example_keys_are_the_routing_document_s() {
    let (_, routing) = mission();
    for (route, _) in SECRETS {
        let public = routing.route(route).unwrap().recipient_key.clone();
        assert_eq!(public, Some(secret(route).public_key()), "{route}");
    }
}

#[test]
fn the_feedback_form_speaks_the_taxonomy() {
    let (taxonomy, routing) = mission();
    let bytes = std::fs::read(examples().join("forms/feedback_plainte.xlsx")).unwrap();
    let form = xlsform::read(&bytes).unwrap().value;
    let names = |list: &str| -> BTreeSet<String> {
        form.choices[list].iter().map(|c| c.name.clone()).collect()
    };
    let type_ids: BTreeSet<String> = taxonomy.types.iter().map(|t| t.id.clone()).collect();
    assert_eq!(names("types"), type_ids);
    for choice in &form.choices["categories"] {
        let entry = taxonomy
            .code(&choice.name)
            .unwrap_or_else(|| panic!("{} is no taxonomy code", choice.name));
        assert_eq!(
            choice.properties["type"], entry.feedback_type.id,
            "{}",
            choice.name
        );
    }
    let code_ids: BTreeSet<String> = taxonomy.codes().map(|e| e.code.id.clone()).collect();
    assert_eq!(names("categories"), code_ids, "every code can be chosen");
    for route in names("routage") {
        assert!(routing.route(&route).is_some(), "{route}");
    }
}

/// The form's channel choices as item channels.
fn channel(name: &str) -> Channel {
    match name {
        "entretien" | "tiers" => Channel::FaceToFace,
        "boite" => Channel::SuggestionBox,
        "telephone" => Channel::Hotline,
        "messagerie" | "courriel" => Channel::Messaging,
        "formulaire_web" => Channel::WebForm,
        "application" => Channel::MobileApp,
        other => panic!("unknown channel {other}"),
    }
}

/// A validated feedback-form submission as an intake (what the mission's app does).
fn from_submission(cleaned: &serde_json::Value) -> Intake {
    let text = |name: &str| cleaned[name].as_str().map(str::to_owned);
    let site = text("site").unwrap();
    Intake {
        channel: channel(&text("canal").unwrap()),
        received_at: chrono::DateTime::parse_from_rfc3339(&text("fin").unwrap()).unwrap(),
        project: site.split('_').next().unwrap().to_owned(),
        site: Some(site),
        code: text("categorie").unwrap(),
        sensitive: text("sensible").as_deref() == Some("oui"),
        anonymous: text("anonyme").as_deref() == Some("oui"),
        subject: text("contact"),
        text: text("description").unwrap(),
    }
}

fn submit(answers: &str) -> serde_json::Value {
    let bytes = std::fs::read(examples().join("forms/feedback_plainte.xlsx")).unwrap();
    let form = CompiledForm::new(xlsform::read(&bytes).unwrap().value)
        .0
        .unwrap();
    let options = meal_core::form::Options {
        locale: "fr".into(),
        now: chrono::DateTime::parse_from_rfc3339("2026-03-10T10:00:00+01:00").unwrap(),
    };
    let report = form.validate(answers, &options).unwrap();
    assert!(report.valid, "{:?}", report.findings);
    report.cleaned
}

#[test]
fn a_sensitive_form_submission_is_sealed_to_the_integrity_line() {
    let (taxonomy, routing) = mission();
    let cleaned = submit(
        r#"{"fin": "2026-03-09T14:12:00+01:00", "date_reception": "2026-03-09",
        "site": "calais_centre", "canal": "telephone", "anonyme": "oui",
        "code_reclamation": "7572-MWRZ", "type_retour": "plainte_sensible",
        "categorie": "fraude", "sensible": "oui", "routage": "ligne_integrite",
        "description": "On m'a demandé de payer pour un rendez-vous.",
        "consentement_enregistrement": "oui", "consentement_partage": "non",
        "reponse_immediate": "non"}"#,
    );
    let code = ClaimCode::parse(cleaned["code_reclamation"].as_str().unwrap()).unwrap();
    let keys = IntakeKeys {
        pseudonymiser: None,
        claim_code: Some(&code),
        seal_random: [9; 32],
    };
    let received = intake(
        &taxonomy,
        &routing,
        &from_submission(&cleaned),
        "fb-7",
        &keys,
    )
    .unwrap();
    let item = &received.item;
    assert_eq!(
        (received.route.route.as_str(), received.route.reason),
        ("ligne_integrite", RouteReason::SensitiveFamily)
    );
    assert!(item.sensitive && item.anonymous && item.subject.is_none());
    assert_eq!(item.channel, Channel::Hotline);
    assert!(claim(item, "7572 mwrz") && !claim(item, "7572-MWRX"));
    assert_eq!(
        open(&secret("ligne_integrite"), &item.content).unwrap(),
        "On m'a demandé de payer pour un rendez-vous."
    );
    let stub = serde_json::to_value(view(&taxonomy, &routing, item, "programme").unwrap()).unwrap();
    assert_eq!(
        stub,
        serde_json::json!({"view": "stub", "id": "fb-7", "received_on": "2026-03-09", "status": "referred"})
    );
}

#[test]
fn a_non_sensitive_form_submission_reaches_programme_staff_in_clear() {
    let (taxonomy, routing) = mission();
    let cleaned = submit(
        r#"{"fin": "2026-03-09T16:40:00+01:00", "date_reception": "2026-03-09",
        "site": "dunkerque_femmes", "canal": "entretien", "anonyme": "non",
        "contact": "Amina Diallo, 06 12 34 56 78", "type_retour": "plainte",
        "categorie": "attente", "sensible": "non",
        "description": "Trois heures d'attente mardi matin.",
        "consentement_enregistrement": "oui", "consentement_recontact": "oui",
        "consentement_partage": "oui", "reponse_immediate": "non"}"#,
    );
    let keys = IntakeKeys {
        pseudonymiser: Some(&pseudonymiser()),
        claim_code: None,
        seal_random: [0; 32],
    };
    let received = intake(
        &taxonomy,
        &routing,
        &from_submission(&cleaned),
        "fb-8",
        &keys,
    )
    .unwrap();
    let item = &received.item;
    assert_eq!(received.route.route, "coordination");
    assert_eq!(
        item.content,
        Content::Plain {
            text: "Trois heures d'attente mardi matin.".into()
        }
    );
    assert_eq!(
        item.subject.as_deref(),
        Some(
            pseudonymiser()
                .pseudonym("Amina Diallo, 06 12 34 56 78")
                .unwrap()
                .as_str()
        )
    );
    assert_eq!(item.project, "dunkerque");
    match view(&taxonomy, &routing, item, "programme").unwrap() {
        View::Full { item: seen } => assert_eq!(&seen, item),
        stub => panic!("programme staff should see it: {stub:?}"),
    }
}

// ---------------------------------------------------------------------------------------------
// Invariants

fn arbitrary_intake(codes: Vec<String>) -> impl Strategy<Value = (Intake, u64)> {
    (
        proptest::sample::select(codes),
        any::<bool>(),
        any::<bool>(),
        "[A-Za-zÀ-ÿ ,.'!?]{12,60}",
        proptest::option::of("[A-Za-z ]{3,20}"),
        0u32..6,
        any::<u64>(),
    )
        .prop_map(
            |(code, sensitive, anonymous, text, subject, channel, seed)| {
                let channels = [
                    Channel::FaceToFace,
                    Channel::Hotline,
                    Channel::SuggestionBox,
                    Channel::Messaging,
                    Channel::WebForm,
                    Channel::MobileApp,
                ];
                let intake = Intake {
                    channel: channels[channel as usize],
                    received_at: chrono::DateTime::parse_from_rfc3339("2026-05-02T21:15:00+02:00")
                        .unwrap(),
                    project: "calais".into(),
                    site: Some("calais_centre".into()),
                    code,
                    sensitive,
                    anonymous,
                    subject: subject.filter(|s| !anonymous && !s.trim().is_empty()),
                    text: format!("«{text}»"),
                };
                (intake, seed)
            },
        )
}

fn random_bytes<const N: usize>(seed: u64) -> [u8; N] {
    let mut out = [0u8; N];
    for (index, byte) in out.iter_mut().enumerate() {
        *byte = (seed.rotate_left(index as u32 * 7) >> (index % 8)) as u8 ^ index as u8;
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// No view, route decision or referral a role can obtain when it does not read the item's
    /// route carries the text or the subject of a sensitive item.
    #[test]
    fn nothing_a_non_reader_obtains_carries_a_sensitive_item_s_content(
        (input, seed) in arbitrary_intake(mission().0.codes().map(|e| e.code.id.clone()).collect())
    ) {
        let (taxonomy, routing) = mission();
        let pseudonymiser = pseudonymiser();
        let code = ClaimCode::from_random(&random_bytes::<5>(seed)).unwrap();
        let keys = IntakeKeys {
            pseudonymiser: Some(&pseudonymiser),
            claim_code: Some(&code),
            seal_random: random_bytes::<32>(seed),
        };
        let received = intake(&taxonomy, &routing, &input, "fb-p", &keys).unwrap();
        let item = &received.item;
        prop_assert!(claim(item, &code.as_text()));
        if !item.sensitive {
            prop_assert_eq!(&item.content, &Content::Plain { text: input.text.clone() });
            return Ok(());
        }
        prop_assert!(matches!(item.content, Content::Sealed { .. }), "never plain when sensitive");
        let item_json = serde_json::to_string(item).unwrap();
        prop_assert!(!item_json.contains(&input.text), "the item itself holds no clear text");
        let route_json = serde_json::to_string(&routing::route(&taxonomy, &routing, item).unwrap()).unwrap();
        prop_assert!(!route_json.contains(&input.text));
        let consent = ReferralConsent { refer_allegation: true, share_identity: true };
        for role in &routing.roles {
            if role.reads.contains(&received.route.route) {
                continue;
            }
            let seen = serde_json::to_string(&view(&taxonomy, &routing, item, &role.id).unwrap()).unwrap();
            prop_assert!(seen.contains("\"view\":\"stub\""), "{} saw {}", role.id, seen);
            prop_assert!(!seen.contains(&input.text));
            prop_assert!(!seen.contains("sealed"));
            if let Some(subject) = &item.subject {
                prop_assert!(!seen.contains(subject.as_str()));
            }
            for to in routing.routes.iter().map(|r| r.id.as_str()) {
                let referred = refer(&taxonomy, &routing, item, &role.id, to, &consent);
                prop_assert_eq!(referred.unwrap_err().code, "feedback.not_permitted");
            }
        }
    }

    /// Sealed content opens with its route's secret key and with no other.
    #[test]
    fn sealed_content_opens_only_with_the_recipient_s_key(
        (mut input, seed) in arbitrary_intake(mission().0.codes().map(|e| e.code.id.clone()).collect())
    ) {
        let (taxonomy, routing) = mission();
        input.sensitive = true;
        input.subject = None;
        let keys = IntakeKeys { pseudonymiser: None, claim_code: None, seal_random: random_bytes::<32>(seed) };
        let received = intake(&taxonomy, &routing, &input, "fb-q", &keys).unwrap();
        for (route, _) in SECRETS {
            let opened = open(&secret(route), &received.item.content);
            if *route == received.route.route {
                prop_assert_eq!(opened.unwrap(), input.text.clone());
            } else {
                prop_assert_eq!(opened.unwrap_err().code, "feedback.seal_wrong_key");
            }
        }
        let stranger = SafeguardingSecretKey::from_bytes(&random_bytes::<32>(!seed)).unwrap();
        prop_assert!(open(&stranger, &received.item.content).is_err());
    }
}
