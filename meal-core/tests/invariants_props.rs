//! Invariants of docs/invariants.md that no other property test enforced: determinism (the same
//! input twice gives byte-identical output), idempotent validation (cleaning a cleaned
//! submission changes nothing and finds nothing new), agreement of `check` with `validate`, and
//! the exact round trip of every example document type.
//!
//! Forms are only *called* here through their public API (`CompiledForm::validate`, `check`):
//! the property holds whatever the validator's implementation.

// A test file: unwrap on fixtures is the point.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::path::PathBuf;
use std::sync::OnceLock;

use meal_core::disclosure::suppression::{suppress, Rules, ZeroRule};
use meal_core::disclosure::table::{Dimension, Table};
use meal_core::document::Parsed;
use meal_core::form::{CompiledForm, LoadedForm};
use meal_core::MealError;
use proptest::prelude::*;
use serde_json::{json, Map, Value};

#[path = "support/forms.rs"]
mod forms;
use forms::options;

fn repo(path: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join(path)
}

/// The mission's consultation form (a repeat, relevance, constraints, calculations), read once.
fn form() -> &'static CompiledForm {
    static FORM: OnceLock<CompiledForm> = OnceLock::new();
    FORM.get_or_init(|| {
        let bytes = std::fs::read(repo("examples/forms/consultation_medicale.xlsx")).unwrap();
        LoadedForm::from_xlsform(&bytes)
            .unwrap()
            .into_parts()
            .unwrap()
            .0
    })
}

/// The form's top-level field names (from its JSON Schema), so submissions mostly hit real fields.
fn field_names() -> Vec<String> {
    let schema = form().json_schema();
    let mut names: Vec<String> = schema["properties"]
        .as_object()
        .map(|p| p.keys().cloned().collect())
        .unwrap_or_default();
    names.push("not_a_field".to_owned());
    names
}

fn scalar() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        (-5i64..200).prop_map(|n| json!(n)),
        Just(json!(36.6)),
        prop::sample::select(vec!["oui", "non", "f", "m", "2026-11-20", "", "x y"])
            .prop_map(|s| json!(s)),
    ]
}

/// A submission: field names of the form (and one unknown), scalar values or lists of
/// objects (repeat instances) holding the same.
fn submission() -> impl Strategy<Value = Value> {
    let names = field_names();
    let member = prop::collection::btree_map(prop::sample::select(names.clone()), scalar(), 0..4)
        .prop_map(|m| Value::Object(m.into_iter().collect::<Map<_, _>>()));
    let value = prop_oneof![
        5 => scalar(),
        1 => prop::collection::vec(member, 0..3).prop_map(Value::Array),
    ];
    prop::collection::btree_map(prop::sample::select(names), value, 0..12)
        .prop_map(|m| Value::Object(m.into_iter().collect()))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    /// Determinism: validating the same text twice gives byte-identical reports, and the cheap
    /// `check` gives exactly `validate`'s verdict.
    #[test]
    fn validation_is_deterministic_and_check_agrees(sub in submission()) {
        let text = sub.to_string();
        let first = form().validate(&text, &options()).unwrap();
        let second = form().validate(&text, &options()).unwrap();
        prop_assert_eq!(serde_json::to_string(&first).unwrap(), serde_json::to_string(&second).unwrap());
        let verdict = form().check(&text, &options()).unwrap();
        prop_assert_eq!(verdict.valid, first.valid);
        prop_assert_eq!(verdict.findings, first.findings);
    }

    /// Idempotent validation: the cleaned copy of a cleaned copy is itself, with the same
    /// findings — storing what validation returned and validating it again changes nothing.
    #[test]
    fn cleaning_is_idempotent(sub in submission()) {
        let once = form().validate(&sub.to_string(), &options()).unwrap();
        let twice = form().validate(&once.cleaned.to_string(), &options()).unwrap();
        let thrice = form().validate(&twice.cleaned.to_string(), &options()).unwrap();
        prop_assert_eq!(&thrice.cleaned, &twice.cleaned);
        prop_assert_eq!(&thrice.findings, &twice.findings);
        if once.valid {
            prop_assert_eq!(&twice.cleaned, &once.cleaned);
            prop_assert!(twice.valid);
        }
    }

    /// Determinism of disclosure control: suppressing the same table twice publishes the same
    /// cells with the same statuses.
    #[test]
    fn suppression_is_deterministic(
        counts in prop::collection::vec(0u64..12, 12),
        threshold in 1u64..8,
        sensitive in any::<bool>(),
    ) {
        let dimension = |name: &str, categories: &[&str]| Dimension {
            name: name.to_owned(),
            categories: categories.iter().map(|c| (*c).to_owned()).collect(),
        };
        let table = Table::new(
            vec![dimension("site", &["calais", "dunkerque", "paris"]), dimension("sex", &["f", "m", "x", "unknown"])],
            counts,
        ).unwrap();
        let rules = Rules {
            threshold,
            zeros: if sensitive { ZeroRule::Sensitive } else { ZeroRule::Safe },
            ..Rules::default()
        };
        let first = serde_json::to_string(&suppress(&table, &rules).unwrap()).unwrap();
        let second = serde_json::to_string(&suppress(&table, &rules).unwrap()).unwrap();
        prop_assert_eq!(first, second);
    }
}

/// Reads `path` with `read`, writes it with `write`, reads that back: the document must read
/// without findings, come back equal, and be written identically the second time.
fn round_trips<T: PartialEq + std::fmt::Debug>(
    path: &str,
    read: impl Fn(&str) -> Result<Parsed<T>, MealError>,
    write: impl Fn(&T) -> String,
) {
    let text = std::fs::read_to_string(repo(path)).unwrap();
    let first = read(&text).unwrap();
    assert!(first.findings.is_empty(), "{path}: {:?}", first.findings);
    let written = write(&first.value);
    let again = read(&written).unwrap();
    assert!(
        again.findings.is_empty(),
        "{path} rewritten: {:?}",
        again.findings
    );
    assert_eq!(again.value, first.value, "{path}");
    assert_eq!(write(&again.value), written, "{path}");
}

/// Round trip of every document type the mission keeps as JSON (the logframe, plan, lessons,
/// privacy-rules, form and template round trips with generated documents are in their own
/// property tests; this one pins the real example files).
#[test]
fn every_example_document_round_trips() {
    use meal_core::{data, feedback, interop::migration, logframe, plan, privacy};
    for project in ["calais", "dunkerque", "idf", "marseille"] {
        let logframe = format!("examples/data/logframe-{project}.json");
        round_trips(
            &logframe,
            logframe::Logframe::from_json,
            logframe::Logframe::to_json,
        );
        let meal_plan = format!("examples/data/plan-{project}.json");
        round_trips(
            &meal_plan,
            plan::MealPlan::from_json,
            plan::MealPlan::to_json,
        );
    }
    round_trips(
        "examples/data/lessons.json",
        plan::LessonsRegister::from_json,
        plan::LessonsRegister::to_json,
    );
    round_trips(
        "examples/data/privacy-rules.json",
        privacy::Rules::from_json,
        privacy::Rules::to_json,
    );
    round_trips(
        "examples/data/feedback-taxonomy.json",
        feedback::Taxonomy::from_json,
        feedback::Taxonomy::to_json,
    );
    round_trips(
        "examples/data/feedback-routing.json",
        feedback::Routing::from_json,
        feedback::Routing::to_json,
    );
    round_trips(
        "examples/data/records-schema.json",
        data::Schema::from_json,
        data::Schema::to_json,
    );
    round_trips(
        "examples/data/migration-voozanoo-schema.json",
        data::Schema::from_json,
        data::Schema::to_json,
    );
    round_trips(
        "examples/data/migration-voozanoo-mano.json",
        migration::Mapping::from_json,
        migration::Mapping::to_json,
    );
}
