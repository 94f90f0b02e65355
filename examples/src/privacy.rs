//! Section 6 of the demo: the mission's GDPR rules bound to its forms, a pseudonym made at
//! collection, the minors' consent rule, and disclosure control before an outreach table is
//! shared.

use chrono::NaiveDate;
use meal_core::disclosure::{anonymity, microdata::Microdata, risk};
use meal_core::form::{Form, LoadedForm};
use meal_core::privacy::{consent, dpia, minimisation, Classification, Pseudonymiser, Rules};
use meal_core::privacy::{ConsentRecord, ConsentRequest, PseudonymKey};
use meal_core::Locale;

use crate::forms::WORKBOOKS;
use crate::{tr, Out};

const RULES: &str = include_str!("../data/privacy-rules.json");

/// A demonstration key: in the field the key lives on the custodian's device, never in code.
const DEMO_KEY: &str = "6d65616c2d64656d6f2d6b65792d6e6f742d666f722d7265616c2d7573652121";

/// A 16-year-old's consent, given alone, to a testimony and to being contacted again.
const CONSENT: &str = r#"{"format_version": 1, "subject": "p-kab17", "given_at": "2026-11-02",
  "given_by": "subject", "age_at_consent": 16, "scopes": ["testimony_text", "follow_up_contact"],
  "information_given": ["who_we_are", "where_it_appears", "no_impact_on_aid", "how_to_withdraw", "risks_discussed"]}"#;

/// Outreach contacts on the coast as the analyst would share them: sex, age band, nationality.
const CONTACTS: &str = r#"[
  {"sexe": "m", "age": "15-17", "nationalite": "SD"}, {"sexe": "m", "age": "15-17", "nationalite": "SD"},
  {"sexe": "m", "age": "15-17", "nationalite": "SD"}, {"sexe": "m", "age": "18-24", "nationalite": "AF"},
  {"sexe": "m", "age": "18-24", "nationalite": "AF"}, {"sexe": "m", "age": "18-24", "nationalite": "AF"},
  {"sexe": "f", "age": "15-17", "nationalite": "ER"}, {"sexe": "m", "age": "25-59", "nationalite": null}
]"#;

/// Prints the section. Returns true when the mission's rules or forms are not production-ready.
pub fn section(out: &mut Out, locale: Locale) -> bool {
    out.heading(tr(
        locale,
        "6. Data protection (GDPR) and disclosure control",
        "6. Protection des données (RGPD) et contrôle de la divulgation",
    ));
    let rules = match Rules::from_json(RULES) {
        Ok(parsed) => parsed.value,
        Err(error) => {
            out.line(format!("  {}: {}", error.code, error.message(locale)));
            return true;
        }
    };
    let forms: Vec<Form> = WORKBOOKS
        .iter()
        .filter_map(|(_, bytes)| LoadedForm::from_xlsform(bytes).ok())
        .filter_map(|loaded| loaded.compiled().ok().map(|c| c.form().clone()))
        .collect();
    let blocking = minimisation_lines(out, locale, &rules, &forms);
    dpia_lines(out, locale, &rules, &forms);
    pseudonym_line(out, locale);
    consent_lines(out, locale);
    disclosure_lines(out, locale);
    blocking
}

fn minimisation_lines(out: &mut Out, locale: Locale, rules: &Rules, forms: &[Form]) -> bool {
    out.line(tr(
        locale,
        "Every field classified, with a purpose, a lawful basis and a retention rule:",
        "Chaque champ classé, avec une finalité, une base légale et une durée de conservation :",
    ));
    let mut blocking = !rules.check().iter().all(|f| !f.is_blocking());
    for form in forms {
        let assessment = minimisation::check(form, rules);
        blocking |= !assessment.production_ready;
        let classified = meal_core::privacy::classification::fields_with_paths(form);
        let count = |class: Classification| {
            classified
                .iter()
                .filter(|(_, f)| f.privacy.as_ref().map(|p| p.classification) == Some(class))
                .count()
        };
        let verdict = if assessment.production_ready {
            tr(locale, "ready for production", "prêt pour la production")
        } else {
            tr(locale, "BLOCKED", "BLOQUÉ")
        };
        out.line(format!(
            "  {:<26} {:>2} {} · {:>2} {} · {:>2} {}  {verdict}",
            form.id,
            count(Classification::DirectIdentifier),
            tr(locale, "identifiers", "identifiants"),
            count(Classification::SpecialCategory),
            tr(locale, "health (Art. 9)", "santé (art. 9)"),
            count(Classification::Sensitive),
            tr(locale, "sensitive", "sensibles"),
        ));
    }
    blocking
}

fn dpia_lines(out: &mut Out, locale: Locale, rules: &Rules, forms: &[Form]) {
    let screenings = dpia::screen_all(rules, forms);
    let required = screenings.iter().filter(|s| s.required).count();
    out.line(format!(
        "  {} {required}/{}",
        tr(
            locale,
            "Purposes for which a DPIA is required (CNIL list, WP248, Art. 35(3)):",
            "Finalités pour lesquelles une AIPD est obligatoire (liste CNIL, WP248, art. 35(3)) :"
        ),
        screenings.len()
    ));
}

fn pseudonym_line(out: &mut Out, locale: Locale) {
    let pseudonym = PseudonymKey::from_hex(DEMO_KEY)
        .and_then(|key| Pseudonymiser::new(&key, "medical_care")?.pseudonym("KAB-0417"));
    let shown = pseudonym.unwrap_or_else(|error| error.code);
    out.line(format!(
        "  {} KAB-0417 → {shown}",
        tr(
            locale,
            "Patient code pseudonymised at collection (HMAC-SHA-256, purpose medical_care):",
            "Code patient pseudonymisé à la collecte (HMAC-SHA-256, finalité medical_care) :"
        )
    ));
}

fn consent_lines(out: &mut Out, locale: Locale) {
    let Ok(record) = ConsentRecord::from_json(CONSENT) else {
        return;
    };
    out.line(tr(
        locale,
        "  Consent of a 16-year-old, given alone:",
        "  Consentement d'un mineur de 16 ans, donné seul :",
    ));
    let on = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap_or_default();
    for scope in ["follow_up_contact", "testimony_text"] {
        let request = ConsentRequest {
            scope: scope.to_owned(),
            on,
        };
        let decision = consent::check(&record.value, &request);
        let verdict = match decision.findings.first() {
            None => tr(locale, "valid", "valide").to_owned(),
            Some(finding) => finding.message(locale),
        };
        out.line(format!("    {scope:<18} {verdict}"));
    }
}

fn disclosure_lines(out: &mut Out, locale: Locale) {
    let keys = ["sexe", "age", "nationalite"].map(str::to_owned);
    let Ok(data) = Microdata::from_json_records(CONTACTS, &keys) else {
        return;
    };
    let (Ok(checked), Ok(measured)) = (
        anonymity::check(&data, anonymity::DEFAULT_K_PARTNER),
        risk::risk(&data, risk::DEFAULT_RISK_THRESHOLD),
    ) else {
        return;
    };
    out.line(format!(
        "  {} k=3: {} {} · {} {}",
        tr(
            locale,
            "Outreach contacts before sharing with a partner,",
            "Contacts de maraude avant partage avec un partenaire,"
        ),
        checked.violations,
        tr(locale, "rows below k", "lignes sous k"),
        tr(locale, "global risk", "risque global"),
        measured.global,
    ));
    if let Ok(done) = anonymity::local_suppression(&data, anonymity::DEFAULT_K_PARTNER, None) {
        out.line(format!(
            "    {} {} · k {}",
            done.suppressed.len(),
            tr(
                locale,
                "values suppressed locally",
                "valeurs supprimées localement"
            ),
            if done.k_reached {
                tr(locale, "reached", "atteint")
            } else {
                tr(locale, "not reached", "non atteint")
            }
        ));
    }
}
