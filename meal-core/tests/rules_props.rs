//! The privacy rules side: the reference mission's forms and rules are complete (and each
//! personal field's purposes are load-bearing), the XLSForm `privacy`/`purposes` columns, and
//! the invariants — rules round-trip, minimisation never panics and passes fully classified
//! forms, and the audit log detects any single edit, removal or swap.

// A test file: a failed unwrap is a failed test (helpers outside `#[test]` need saying so).
#![allow(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)]

use std::path::PathBuf;

use meal_core::form::{Field, FieldType, Form};
use meal_core::privacy::audit::{AuditEvent, AuditLog};
use meal_core::privacy::classification::{fields_with_paths, holds_value};
use meal_core::privacy::dpia::screen_all;
use meal_core::privacy::minimisation;
use meal_core::privacy::register::Register;
use meal_core::privacy::rules::{Controller, ErasureException, LawfulBasis, Purpose, Recipient};
use meal_core::privacy::{
    Classification, EndAction, FieldPrivacy, RetentionRule, Rules, SpecialCondition,
};
use meal_core::text::Text;
use meal_core::xlsform;
use proptest::prelude::*;

// ---------------------------------------------------------------------------------------------
// The reference mission

const FORMS: &[&str] = &[
    "consultation_medicale",
    "suivi_sante_mentale",
    "dossier_socio_juridique",
    "contact_maraude_littoral",
    "feedback_plainte",
];

fn examples() -> PathBuf {
    [env!("CARGO_MANIFEST_DIR"), "..", "examples"]
        .iter()
        .collect()
}

fn mission_rules_text() -> String {
    std::fs::read_to_string(examples().join("data/privacy-rules.json")).unwrap()
}

fn mission_rules() -> Rules {
    Rules::from_json(&mission_rules_text()).unwrap().value
}

fn mission_forms() -> Vec<Form> {
    FORMS
        .iter()
        .map(|name| {
            let bytes = std::fs::read(examples().join(format!("forms/{name}.xlsx"))).unwrap();
            let parsed = xlsform::read(&bytes).unwrap();
            assert!(parsed.findings.is_empty(), "{name}: {:?}", parsed.findings);
            parsed.value
        })
        .collect()
}

#[test]
fn the_mission_rules_are_clean_and_canonical() {
    let text = mission_rules_text();
    let parsed = Rules::from_json(&text).unwrap();
    assert!(parsed.findings.is_empty(), "{:?}", parsed.findings);
    assert!(
        parsed.value.check().is_empty(),
        "{:?}",
        parsed.value.check()
    );
    assert_eq!(parsed.value.to_json().trim_end(), text.trim_end());
    let ids: Vec<&str> = parsed
        .value
        .purposes
        .iter()
        .map(|p| p.id.as_str())
        .collect();
    assert_eq!(
        ids,
        [
            "medical_care",
            "psychological_follow_up",
            "socio_legal_support",
            "outreach",
            "meal_monitoring",
            "feedback",
            "safeguarding",
            "testimonies"
        ]
    );
    let care = parsed.value.purpose("medical_care").unwrap();
    assert_eq!(care.lawful_basis, Some(LawfulBasis::LegitimateInterests));
    assert_eq!(care.special_condition, Some(SpecialCondition::HealthCare));
    let retention = care.retention.as_ref().unwrap();
    assert_eq!(
        retention.active_months + retention.intermediate_months,
        240,
        "20 years"
    );
    assert_eq!(retention.not_before_age, Some(28));
    assert_eq!(care.erasure_exceptions, [ErasureException::PublicHealth]);
    let testimonies = parsed.value.purpose("testimonies").unwrap();
    assert_eq!(testimonies.lawful_basis, Some(LawfulBasis::Consent));
    assert_eq!(
        testimonies.special_condition,
        Some(SpecialCondition::ExplicitConsent)
    );
    assert!(!testimonies.conditions_care);
}

#[test]
fn every_mission_form_is_classified_and_production_ready() {
    let rules = mission_rules();
    for form in mission_forms() {
        let assessment = minimisation::check(&form, &rules);
        assert!(
            assessment.findings.is_empty(),
            "{}: {:?}",
            form.id,
            assessment.findings
        );
        assert!(assessment.production_ready, "{}", form.id);
        for (path, field) in fields_with_paths(&form) {
            assert_eq!(
                holds_value(field),
                field.privacy.is_some(),
                "{}{path} {}",
                form.id,
                field.name
            );
        }
    }
}

#[test]
fn removing_the_purposes_of_any_personal_field_blocks_its_form() {
    let rules = mission_rules();
    let mut checked = 0;
    for form in mission_forms() {
        for (path, field) in fields_with_paths(&form) {
            let personal = field
                .privacy
                .as_ref()
                .is_some_and(|p| p.classification.is_personal());
            if !personal {
                continue;
            }
            let mut stripped = form.clone();
            let privacy = field_at(&mut stripped, &path).privacy.as_mut().unwrap();
            privacy.purposes.clear();
            let assessment = minimisation::check(&stripped, &rules);
            let found: Vec<_> = assessment
                .findings
                .iter()
                .map(|f| (f.code.as_str(), f.path.as_str()))
                .collect();
            let expected = format!("{path}/privacy");
            assert_eq!(
                found,
                [("privacy.no_purpose", expected.as_str())],
                "{}",
                form.id
            );
            assert!(!assessment.production_ready);
            checked += 1;
        }
    }
    assert!(checked > 100, "{checked} personal fields");
}

/// The field at a document path such as `/fields/3/children/0`.
fn field_at<'f>(form: &'f mut Form, path: &str) -> &'f mut Field {
    let indexes: Vec<usize> = path.split('/').filter_map(|s| s.parse().ok()).collect();
    let (first, rest) = indexes.split_first().unwrap();
    let mut field = &mut form.fields[*first];
    for i in rest {
        field = &mut field.children[*i];
    }
    field
}

#[test]
fn every_mission_purpose_has_its_dpia() {
    let rules = mission_rules();
    let forms = mission_forms();
    for screening in screen_all(&rules, &forms) {
        assert!(screening.required, "{}", screening.purpose);
        assert!(screening.findings.is_empty(), "{:?}", screening.findings);
    }
    let register = Register::build(&rules, &forms);
    assert_eq!(register.activities.len(), rules.purposes.len());
    let monitoring = &register.activities[4];
    assert_eq!(monitoring.purpose, "meal_monitoring");
    assert_eq!(
        monitoring.forms.len(),
        5,
        "every form feeds MEAL monitoring"
    );
    let testimonies = register.activities.last().unwrap();
    assert!(
        testimonies.forms.is_empty(),
        "no form collects testimonies yet"
    );
}

// ---------------------------------------------------------------------------------------------
// XLSForm columns

fn workbook(rows: &[[&str; 5]]) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("survey").unwrap();
    let header = ["type", "name", "label", "privacy", "purposes"];
    for (r, row) in std::iter::once(&header).chain(rows.iter()).enumerate() {
        for (c, text) in row.iter().enumerate() {
            if !text.is_empty() {
                sheet
                    .write_string(u32::try_from(r).unwrap(), u16::try_from(c).unwrap(), *text)
                    .unwrap();
            }
        }
    }
    let settings = book.add_worksheet();
    settings.set_name("settings").unwrap();
    settings.write_string(0, 0, "form_id").unwrap();
    settings.write_string(1, 0, "essai").unwrap();
    book.save_to_buffer().unwrap()
}

#[test]
fn the_survey_reads_privacy_and_purposes() {
    let bytes = workbook(&[
        [
            "text",
            "code",
            "Code",
            "Direct identifier",
            "medical_care  meal_monitoring",
        ],
        ["integer", "n", "N", "non_personal", ""],
        ["text", "x", "X", "", ""],
    ]);
    let parsed = xlsform::read(&bytes).unwrap();
    assert!(parsed.findings.is_empty(), "{:?}", parsed.findings);
    let fields = &parsed.value.fields;
    assert_eq!(
        fields[0].privacy,
        Some(FieldPrivacy::new(
            Classification::DirectIdentifier,
            &["medical_care", "meal_monitoring"]
        ))
    );
    assert_eq!(
        fields[1].privacy,
        Some(FieldPrivacy::new(Classification::NonPersonal, &[]))
    );
    assert_eq!(fields[2].privacy, None);
}

#[test]
fn unknown_classes_and_orphan_purposes_are_cell_findings() {
    let bytes = workbook(&[
        ["text", "a", "A", "health", "medical_care"],
        ["text", "b", "B", "", "medical_care"],
    ]);
    let parsed = xlsform::read(&bytes).unwrap();
    let found: Vec<_> = parsed
        .findings
        .iter()
        .map(|f| (f.code.as_str(), f.path.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            ("xlsform.unknown_classification", "survey!D2"),
            ("xlsform.purposes_without_classification", "survey!E3"),
        ]
    );
    let first = &parsed.findings[0];
    assert_eq!(first.params["value"], "health");
    assert!(first
        .message(meal_core::Locale::Fr)
        .contains("« health » en survey!D2"));
    assert!(parsed.value.fields.iter().all(|f| f.privacy.is_none()));
}

// ---------------------------------------------------------------------------------------------
// Strategies

fn word() -> impl Strategy<Value = String> {
    "[a-z][a-z_]{0,7}"
}

fn text() -> impl Strategy<Value = Text> {
    ("[A-Za-zé ]{1,8}", "[A-Za-zé ]{1,8}").prop_map(|(en, fr)| Text::new(en, fr))
}

fn retention() -> impl Strategy<Value = RetentionRule> {
    (
        word(),
        0u32..300,
        0u32..300,
        proptest::option::of(0u32..40),
        0usize..3,
    )
        .prop_map(
            |(trigger, active_months, intermediate_months, not_before_age, action)| RetentionRule {
                trigger,
                active_months,
                intermediate_months,
                not_before_age,
                end_action: [EndAction::Delete, EndAction::Anonymise, EndAction::Archive][action],
            },
        )
}

fn basis() -> impl Strategy<Value = LawfulBasis> {
    prop_oneof![
        Just(LawfulBasis::Consent),
        Just(LawfulBasis::Contract),
        Just(LawfulBasis::LegalObligation),
        Just(LawfulBasis::VitalInterests),
        Just(LawfulBasis::PublicInterest),
        Just(LawfulBasis::LegitimateInterests),
    ]
}

fn condition() -> impl Strategy<Value = SpecialCondition> {
    prop_oneof![
        Just(SpecialCondition::ExplicitConsent),
        Just(SpecialCondition::VitalInterests),
        Just(SpecialCondition::HealthCare),
        Just(SpecialCondition::PublicHealth),
        Just(SpecialCondition::LegalClaims),
        Just(SpecialCondition::ArchivingResearchStatistics),
    ]
}

fn purpose() -> impl Strategy<Value = Purpose> {
    (
        (
            word(),
            text(),
            proptest::option::of(basis()),
            proptest::option::of(condition()),
        ),
        (any::<bool>(), proptest::option::of(retention())),
        (
            proptest::collection::vec(word(), 0..3),
            proptest::collection::vec(word(), 0..3),
            proptest::option::of(word()),
            proptest::collection::vec(word(), 0..2),
        ),
    )
        .prop_map(
            |((id, name, lawful_basis, special_condition), (conditions_care, retention), lists)| {
                let (data_subjects, recipients, dpia_ref, dpia_facts) = lists;
                Purpose {
                    id,
                    name,
                    lawful_basis,
                    special_condition,
                    conditions_care,
                    retention,
                    erasure_exceptions: vec![ErasureException::PublicHealth],
                    data_subjects,
                    recipients,
                    dpia_ref,
                    dpia_facts,
                }
            },
        )
}

fn rules() -> impl Strategy<Value = Rules> {
    (
        word(),
        proptest::collection::vec(purpose(), 0..5),
        proptest::collection::vec(
            (
                word(),
                text(),
                any::<bool>(),
                proptest::option::of("[A-Z]{2}"),
            ),
            0..3,
        ),
        proptest::collection::vec(text(), 0..2),
    )
        .prop_map(|(version, purposes, recipients, security_measures)| Rules {
            format_version: 1,
            version,
            controller: Controller {
                name: "Mission".into(),
                contact: "m@example.org".into(),
                dpo_contact: None,
            },
            purposes,
            recipients: recipients
                .into_iter()
                .map(|(id, name, hds_certified, third_country)| Recipient {
                    id,
                    name,
                    hds_certified,
                    third_country,
                })
                .collect(),
            security_measures,
        })
}

fn class() -> impl Strategy<Value = Classification> {
    proptest::sample::select(Classification::ALL.to_vec())
}

fn leaf_type() -> impl Strategy<Value = FieldType> {
    prop_oneof![
        Just(FieldType::Text),
        Just(FieldType::Integer),
        Just(FieldType::Calculate),
        Just(FieldType::Note),
        Just(FieldType::DeviceId),
    ]
}

/// A field tree; privacy is `None` or a class with purposes drawn from `pool`.
fn fields(pool: Vec<String>) -> impl Strategy<Value = Vec<Field>> {
    let privacy = proptest::option::of((
        class(),
        proptest::collection::vec(proptest::sample::select(pool), 0..3),
    ))
    .prop_map(|p| {
        p.map(|(classification, purposes)| FieldPrivacy {
            classification,
            purposes,
        })
    });
    let leaf =
        (word(), leaf_type(), privacy).prop_map(|(name, t, privacy)| field(&name, t, privacy));
    let tree = leaf.prop_recursive(3, 24, 4, |inner| {
        (
            word(),
            any::<bool>(),
            proptest::collection::vec(inner, 0..4),
        )
            .prop_map(|(name, repeat, children)| {
                let t = if repeat {
                    FieldType::Repeat
                } else {
                    FieldType::Group
                };
                let mut group = field(&name, t, None);
                group.children = children;
                group
            })
    });
    proptest::collection::vec(tree, 0..6)
}

fn field(name: &str, field_type: FieldType, privacy: Option<FieldPrivacy>) -> Field {
    let mut f: Field = serde_json::from_value(serde_json::json!({
        "name": name, "type": {"kind": "text"}
    }))
    .unwrap();
    f.field_type = field_type;
    f.privacy = privacy;
    f
}

fn form(fields: Vec<Field>) -> Form {
    Form {
        format_version: 1,
        id: "f".into(),
        version: String::new(),
        title: Default::default(),
        default_language: None,
        fields,
        choices: Default::default(),
    }
}

/// A purpose a personal field of any class may use.
fn valid_purpose(id: &str) -> Purpose {
    Purpose {
        id: id.into(),
        name: Text::new("P", "P"),
        lawful_basis: Some(LawfulBasis::LegitimateInterests),
        special_condition: Some(SpecialCondition::HealthCare),
        conditions_care: true,
        retention: Some(RetentionRule {
            trigger: "collected".into(),
            active_months: 12,
            intermediate_months: 0,
            not_before_age: None,
            end_action: EndAction::Delete,
        }),
        erasure_exceptions: Vec::new(),
        data_subjects: Vec::new(),
        recipients: Vec::new(),
        dpia_ref: None,
        dpia_facts: Vec::new(),
    }
}

/// Classifies every value field: personal ones get their purposes (at least one from `pool`),
/// non-personal ones none; containers and notes none.
fn classify_all(fields: &mut [Field], pool: &[String], class_seed: &mut usize) {
    for f in fields {
        classify_all(&mut f.children, pool, class_seed);
        if !holds_value(f) {
            f.privacy = None;
            continue;
        }
        *class_seed += 1;
        let class = Classification::ALL[*class_seed % Classification::ALL.len()];
        let purposes = if class.is_personal() {
            vec![pool[*class_seed % pool.len()].clone()]
        } else {
            Vec::new()
        };
        f.privacy = Some(FieldPrivacy {
            classification: class,
            purposes,
        });
    }
}

fn event(actor: &str, n: usize) -> AuditEvent {
    AuditEvent {
        timestamp: format!("2026-11-27T10:{:02}:00+01:00", n % 60),
        actor: actor.into(),
        action: "export".into(),
        purpose: "meal_monitoring".into(),
        recipient: (n % 2 == 0).then(|| "donor".to_owned()),
        decision: serde_json::json!({"allowed": [format!("f{n}")], "refused": []}),
        rules_version: "2026.1".into(),
    }
}

fn audit_log(actors: &[String]) -> AuditLog {
    let mut log = AuditLog::new();
    for (n, actor) in actors.iter().enumerate() {
        log.append(event(actor, n)).unwrap();
    }
    log
}

/// The log's document with its entries replaced.
fn with_entries(log: &AuditLog, change: impl FnOnce(&mut Vec<serde_json::Value>)) -> AuditLog {
    let mut doc: serde_json::Value = serde_json::from_str(&log.to_json()).unwrap();
    change(doc["entries"].as_array_mut().unwrap());
    AuditLog::from_json(&doc.to_string()).unwrap().value
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn rules_round_trip(rules in rules()) {
        let parsed = Rules::from_json(&rules.to_json()).unwrap();
        prop_assert!(parsed.findings.is_empty());
        prop_assert_eq!(parsed.value, rules);
    }

    #[test]
    fn minimisation_never_panics_and_ready_means_no_error(
        rules in rules(),
        fields in fields(vec!["care".into(), "stats".into(), "ghost".into()]),
    ) {
        let form = form(fields);
        let assessment = minimisation::check(&form, &rules);
        prop_assert_eq!(
            assessment.production_ready,
            !assessment.findings.iter().any(|f| f.is_blocking())
        );
        for finding in &assessment.findings {
            prop_assert!(finding.path.starts_with("/fields/"), "{}", finding.path);
            prop_assert!(finding.path.contains("/privacy"), "{}", finding.path);
        }
        // The linter is the same on the form read back from its JSON.
        let again = Form::from_json(&form.to_json()).unwrap().value;
        prop_assert_eq!(minimisation::check(&again, &rules), assessment);
    }

    #[test]
    fn a_fully_classified_form_is_production_ready(
        fields in fields(vec!["x".into()]),
        ids in proptest::collection::btree_set(word(), 1..4),
        seed in 0usize..100,
    ) {
        let pool: Vec<String> = ids.into_iter().collect();
        let rules = Rules {
            format_version: 1,
            version: "1".into(),
            controller: Controller { name: "c".into(), contact: "c".into(), dpo_contact: None },
            purposes: pool.iter().map(|id| valid_purpose(id)).collect(),
            recipients: Vec::new(),
            security_measures: Vec::new(),
        };
        let mut fields = fields;
        let mut seed = seed;
        classify_all(&mut fields, &pool, &mut seed);
        let assessment = minimisation::check(&form(fields), &rules);
        prop_assert!(assessment.findings.is_empty(), "{:?}", assessment.findings);
        prop_assert!(assessment.production_ready);
    }

    #[test]
    fn any_single_edit_removal_or_swap_is_detected(
        actors in proptest::collection::vec("[a-z]{1,6}", 2..8),
        at in any::<prop::sample::Index>(),
        other in any::<prop::sample::Index>(),
        change in 0usize..5,
    ) {
        let log = audit_log(&actors);
        prop_assert!(log.verify().is_ok());
        let head = log.head().to_owned();
        let n = actors.len();
        let i = at.index(n);
        let tampered = match change {
            0 => with_entries(&log, |e| e[i]["event"]["actor"] = format!("{}x", actors[i]).into()),
            1 => with_entries(&log, |e| e[i]["event"]["decision"]["refused"] = serde_json::json!(["f"])),
            2 => with_entries(&log, |e| e[i]["event"]["timestamp"] = "2027-01-01T00:00:00Z".into()),
            3 => with_entries(&log, |e| { e.remove(i); }),
            _ => {
                let j = (i + 1 + other.index(n - 1)) % n;
                with_entries(&log, |e| e.swap(i, j))
            }
        };
        // Removing the last entry leaves a valid shorter chain: only the kept head shows it.
        let truncated = change == 3 && i == n - 1;
        prop_assert_eq!(tampered.verify().is_err(), !truncated);
        prop_assert!(tampered.verify_head(&head).is_err());
    }
}
