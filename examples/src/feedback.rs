//! Section 7 of the demo: two items reach the feedback mechanism in Calais — a complaint about
//! waiting times and an allegation of sexual exploitation by staff. The first goes to the project
//! team; the second is sealed on the device to the safeguarding focal point, and programme staff
//! see a stub and nothing else.

use meal_core::feedback::{
    intake, route, view, ClaimCode, Deadlines, Intake, IntakeKeys, Routing, Taxonomy, View,
};
use meal_core::Locale;

use crate::{tr, Out};

const TAXONOMY: &str = include_str!("../data/feedback-taxonomy.json");
const ROUTING: &str = include_str!("../data/feedback-routing.json");

/// Demonstration randomness: an app takes these bytes from the platform's secure generator.
const DEMO_SEAL_RANDOM: [u8; 32] = [7; 32];
const DEMO_CLAIM_RANDOM: [u8; 5] = [0x3a, 0x91, 0x5c, 0x07, 0xe2];

const ITEMS: [(&str, &str); 2] = [
    (
        "fb-cal-031",
        r#"{"channel": "face_to_face", "received_at": "2026-11-26T16:40:00+01:00", "project": "calais",
            "site": "accueil_jour", "code": "attente", "text": "Trois heures d'attente avant la consultation."}"#,
    ),
    (
        "fb-cal-032",
        r#"{"channel": "hotline", "received_at": "2026-11-26T22:05:00+01:00", "project": "calais",
            "code": "exploitation_abus_sexuels", "anonymous": true,
            "text": "Un chauffeur demande des faveurs en échange d'une place dans le bus."}"#,
    ),
];

/// Prints the section. Returns true when the mission's feedback configuration is broken.
pub fn section(out: &mut Out, locale: Locale) -> bool {
    out.heading(tr(
        locale,
        "7. Feedback and complaints",
        "7. Retours et plaintes",
    ));
    let (Ok(taxonomy), Ok(routing)) = (Taxonomy::from_json(TAXONOMY), Routing::from_json(ROUTING))
    else {
        out.line(tr(
            locale,
            "  the mission's taxonomy or routing cannot be read",
            "  la taxonomie ou le routage de la mission est illisible",
        ));
        return true;
    };
    let (taxonomy, routing) = (taxonomy.value, routing.value);
    let deadlines = Deadlines::proposed();
    for (id, text) in ITEMS {
        let claim = ClaimCode::from_random(&DEMO_CLAIM_RANDOM).ok();
        let keys = IntakeKeys {
            pseudonymiser: None,
            claim_code: claim.as_ref(),
            seal_random: DEMO_SEAL_RANDOM,
        };
        let received = Intake::from_json(text)
            .and_then(|given| intake(&taxonomy, &routing, &given, id, &keys));
        let received = match received {
            Ok(received) => received,
            Err(error) => {
                out.line(format!("  {id}: {}: {}", error.code, error.message(locale)));
                return true;
            }
        };
        let item = &received.item;
        let routed = route(&taxonomy, &routing, item).map(|r| r.route);
        let programme = match view(&taxonomy, &routing, item, "programme") {
            Ok(View::Full { .. }) => tr(locale, "reads the item", "lit l'élément").to_owned(),
            Ok(View::Stub { .. }) => tr(
                locale,
                "sees a stub only (id, date, referred)",
                "ne voit qu'un talon (id, date, orienté)",
            )
            .to_owned(),
            Err(error) => error.code,
        };
        let sealed = matches!(item.content, meal_core::feedback::Content::Sealed { .. });
        out.line(format!(
            "  {id} {:<28} → {:<20} {}: {}",
            item.code,
            routed.unwrap_or_else(|e| e.code),
            tr(locale, "programme staff", "équipe programme"),
            programme
        ));
        if sealed {
            out.line(format!(
                "    {} · {} {}",
                tr(
                    locale,
                    "content sealed on the device to the safeguarding focal point's key",
                    "contenu scellé sur l'appareil pour la clé du référent protection"
                ),
                tr(
                    locale,
                    "claim code kept by the person:",
                    "code de suivi gardé par la personne :"
                ),
                claim.as_ref().map(ClaimCode::as_text).unwrap_or_default()
            ));
        }
        if let Ok(dues) = meal_core::feedback::due(item, None, &deadlines) {
            if let Some(by) = dues.acknowledge.by {
                out.line(format!(
                    "    {} {by}",
                    tr(locale, "acknowledge by", "accuser réception avant le")
                ));
            }
        }
    }
    false
}
