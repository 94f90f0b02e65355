//! Properties of forms: validation never panics, nothing is lost, state agrees with validate,
//! check gives validate's findings and check_many each element's,
//! cleaned submissions are stable, form documents round-trip.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::BTreeSet;
use std::sync::OnceLock;

use meal_core::form::{CompiledForm, Field, FieldType, Form, Required};
use proptest::prelude::*;
use serde_json::{json, Map, Value};

#[path = "support/forms.rs"]
mod forms;
use forms::options;

fn compiled() -> &'static CompiledForm {
    static FORM: OnceLock<CompiledForm> = OnceLock::new();
    FORM.get_or_init(|| {
        forms::compile(json!({
            "format_version": 1, "id": "props", "default_language": "en",
            "fields": [
                {"name": "consent", "type": {"kind": "select_one", "list": "yn"}, "required": true},
                {"name": "hh", "type": {"kind": "group"}, "relevant": "${consent} = 'yes'", "children": [
                    {"name": "size", "type": {"kind": "integer"}, "required": true, "constraint": ". >= 1 and . <= 30"},
                    {"name": "income", "type": {"kind": "decimal"}, "warning": ". < 100000"},
                    {"name": "per_head", "type": {"kind": "calculate"}, "calculation": "${income} div ${size}"},
                    {"name": "needs", "type": {"kind": "select_multiple", "list": "needs"}},
                    {"name": "other", "type": {"kind": "text"}, "relevant": "selected(${needs}, 'other')"},
                    {"name": "members", "type": {"kind": "repeat"}, "max_count": 5, "children": [
                        {"name": "age", "type": {"kind": "integer"}, "required": true},
                        {"name": "school", "type": {"kind": "select_one", "list": "yn"}, "relevant": "${age} >= 6"},
                        {"name": "born", "type": {"kind": "date"}, "constraint": ". <= today()"}
                    ]}
                ]},
                {"name": "when", "type": {"kind": "date_time"}},
                {"name": "gps", "type": {"kind": "geopoint"}},
                {"name": "score", "type": {"kind": "range", "start": "0", "end": "10", "step": "2"}},
                {"name": "ok", "type": {"kind": "acknowledge"}},
                {"name": "at", "type": {"kind": "time"}},
                {"name": "info", "type": {"kind": "note"}}
            ],
            "choices": {
                "yn": [{"name": "yes"}, {"name": "no"}],
                "needs": [{"name": "food"}, {"name": "water"}, {"name": "other"}]
            }
        }))
    })
}

const TOP: &[&str] = &[
    "consent", "hh", "size", "income", "per_head", "needs", "other", "members", "when", "gps",
    "score", "ok", "at", "info", "age", "nope", "a/b~c",
];
const MEMBER: &[&str] = &["age", "school", "born", "size", "x"];

fn scalar() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        (-1000i64..1000).prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(Value::from),
        prop::sample::select(vec![
            "",
            "yes",
            "no",
            "food other",
            "food food",
            "other",
            "3",
            "-2",
            "24.0",
            "1e3",
            "OK",
            "2026-02-28",
            "2026-02-30",
            "2026-11-27T10:00:00+01:00",
            "12.5 -3",
            "95 0",
            "10:30",
            "4",
            "abc",
            " ",
        ])
        .prop_map(|s| Value::String(s.to_owned())),
        "\\PC{0,6}".prop_map(Value::String),
    ]
}

fn any_json() -> impl Strategy<Value = Value> {
    scalar().prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::vec(("\\PC{0,4}", inner), 0..4)
                .prop_map(|pairs| Value::Object(pairs.into_iter().collect())),
        ]
    })
}

fn member() -> impl Strategy<Value = Value> {
    prop_oneof![
        3 => prop::collection::btree_map(prop::sample::select(MEMBER), scalar(), 0..4).prop_map(|m| {
            Value::Object(m.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())
        }),
        1 => any_json(),
    ]
}

fn submission() -> impl Strategy<Value = Value> {
    let value = prop_oneof![
        4 => scalar(),
        1 => prop::collection::vec(member(), 0..4).prop_map(Value::Array),
        1 => any_json(),
    ];
    prop::collection::btree_map(prop::sample::select(TOP), value, 0..10)
        .prop_map(|m| Value::Object(m.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()))
}

fn escape(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

fn is_empty(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::String(s) => s.is_empty(),
        Value::Array(a) => a.is_empty(),
        _ => false,
    }
}

/// Every key is in `cleaned`, or has a finding at (or under) its path, or holds the empty value.
fn accounted(
    object: &Map<String, Value>,
    cleaned: Option<&Value>,
    prefix: &str,
    paths: &BTreeSet<String>,
) {
    for (key, value) in object {
        let path = format!("{prefix}/{}", escape(key));
        let reported = paths
            .iter()
            .any(|p| *p == path || p.starts_with(&format!("{path}/")));
        let kept = cleaned.and_then(|c| c.get(key));
        assert!(
            kept.is_some() || reported || is_empty(value),
            "{path} = {value} neither kept nor reported"
        );
        if let (Some(Value::Array(items)), Some(Value::Array(kept_items))) = (Some(value), kept) {
            for (i, item) in items.iter().enumerate() {
                if let Value::Object(fields) = item {
                    accounted(fields, kept_items.get(i), &format!("{path}/{i}"), paths);
                }
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_json_never_panics(value in any_json(), text in "\\PC{0,40}") {
        let form = compiled();
        for input in [value.to_string(), text] {
            match form.validate(&input, &options()) {
                Ok(_) => prop_assert!(input.trim_start().starts_with('{'), "only objects validate"),
                Err(e) => prop_assert!(["json.malformed", "form.submission_not_object"].contains(&e.code.as_str())),
            }
            let _ = form.state(&input, &options());
        }
    }

    #[test]
    fn every_key_is_accounted_for(sub in submission()) {
        let report = compiled().validate(&sub.to_string(), &options()).unwrap();
        let paths: BTreeSet<String> = report.findings.iter().map(|f| f.finding.path.clone()).collect();
        accounted(sub.as_object().unwrap(), Some(&report.cleaned), "", &paths);
        prop_assert_eq!(report.valid, report.findings.iter().all(|f| !f.finding.is_blocking()));
    }

    #[test]
    fn check_gives_the_findings_of_validate(sub in submission()) {
        let text = sub.to_string();
        let report = compiled().validate(&text, &options()).unwrap();
        let verdict = compiled().check(&text, &options()).unwrap();
        prop_assert_eq!(verdict.valid, report.valid);
        prop_assert_eq!(verdict.findings, report.findings);
    }

    #[test]
    fn check_many_is_check_of_each_element(
        batch in prop::collection::vec(prop_oneof![4 => submission(), 1 => any_json()], 0..5)
    ) {
        let verdicts = compiled().check_many(&Value::Array(batch.clone()).to_string(), &options()).unwrap();
        prop_assert_eq!(verdicts.len(), batch.len());
        for (i, (element, verdict)) in batch.iter().zip(&verdicts).enumerate() {
            match compiled().check(&element.to_string(), &options()) {
                Ok(alone) => prop_assert_eq!(verdict, &alone),
                Err(error) => {
                    // Not an object: one blocking finding at the element's index instead.
                    prop_assert_eq!(error.code.as_str(), "form.submission_not_object");
                    prop_assert!(!verdict.valid);
                    prop_assert_eq!(verdict.findings.len(), 1);
                    let finding = &verdict.findings[0].finding;
                    prop_assert_eq!(finding.code.as_str(), "form.submission_not_object");
                    prop_assert_eq!(&finding.path, &format!("/{i}"));
                    prop_assert_eq!(&finding.params, &error.params);
                }
            }
        }
    }

    #[test]
    fn state_agrees_with_validate(sub in submission()) {
        let text = sub.to_string();
        let report = compiled().validate(&text, &options()).unwrap();
        let states = compiled().state(&text, &options()).unwrap();
        let state_paths: BTreeSet<&str> = states.iter().map(|s| s.path.as_str()).collect();
        let from_validate: Vec<(String, String)> = report
            .findings
            .iter()
            .filter(|f| state_paths.contains(f.finding.path.as_str()))
            .map(|f| (f.finding.path.clone(), f.finding.code.clone()))
            .collect();
        let mut from_state: Vec<(String, String)> = states
            .iter()
            .flat_map(|s| s.findings.iter().map(|f| (f.finding.path.clone(), f.finding.code.clone())))
            .collect();
        from_state.sort();
        let mut sorted = from_validate.clone();
        sorted.sort();
        prop_assert_eq!(sorted, from_state);
        for s in &states {
            prop_assert!(s.relevant || s.value.is_null());
            prop_assert!(s.relevant || !s.required);
        }
    }

    #[test]
    fn a_valid_cleaned_submission_is_stable(sub in submission()) {
        let report = compiled().validate(&sub.to_string(), &options()).unwrap();
        if report.valid {
            let again = compiled().validate(&report.cleaned.to_string(), &options()).unwrap();
            prop_assert!(again.valid, "{:#?}", again.findings);
            prop_assert!(again.findings.iter().all(|f| f.finding.code != "form.non_relevant_value"
                && f.finding.code != "form.calculation_mismatch"), "{:#?}", again.findings);
            prop_assert_eq!(again.cleaned, report.cleaned);
        }
    }

    #[test]
    fn form_documents_round_trip(form in arb_form()) {
        let text = form.to_json();
        let parsed = Form::from_json(&text).unwrap();
        prop_assert!(parsed.findings.is_empty());
        prop_assert_eq!(&parsed.value, &form);
        let (_, findings) = CompiledForm::new(form);
        let mut sorted = findings.clone();
        meal_core::error::sort_findings(&mut sorted);
        prop_assert_eq!(sorted, findings);
    }
}

fn arb_type() -> impl Strategy<Value = FieldType> {
    prop_oneof![
        Just(FieldType::Text),
        Just(FieldType::Integer),
        Just(FieldType::Decimal),
        Just(FieldType::Date),
        Just(FieldType::DateTime),
        Just(FieldType::Geopoint),
        Just(FieldType::Note),
        Just(FieldType::Calculate),
        Just(FieldType::Acknowledge),
        ("\\PC{0,3}", "\\PC{0,3}", "\\PC{0,3}").prop_map(|(start, end, step)| FieldType::Range {
            start,
            end,
            step
        }),
        "[a-c]{0,2}".prop_map(|list| FieldType::SelectOne { list }),
        "[a-c]{0,2}".prop_map(|list| FieldType::SelectMultiple { list }),
    ]
}

fn arb_field(depth: u32) -> BoxedStrategy<Field> {
    let leaf = (
        "[a-z_][a-z0-9_]{0,5}",
        arb_type(),
        prop::collection::btree_map("fr|en|sw", "\\PC{0,8}", 0..3),
        prop::option::of(prop_oneof![
            any::<bool>().prop_map(Required::Always),
            "\\PC{0,8}".prop_map(Required::When)
        ]),
        prop::option::of("(\\$\\{[a-z]{1,3}\\} ?[<=>]? ?[0-9]{0,2}|\\PC{0,8})"),
        prop::option::of("\\PC{0,8}"),
        prop::option::of(0u32..5),
    )
        .prop_map(
            |(name, field_type, label, required, relevant, calculation, min_count)| Field {
                name,
                field_type,
                label,
                hint: Default::default(),
                required,
                required_message: Default::default(),
                constraint: None,
                constraint_message: Default::default(),
                warning: None,
                warning_message: Default::default(),
                relevant,
                calculation,
                default: None,
                read_only: None,
                choice_filter: None,
                repeat_count: None,
                min_count,
                max_count: None,
                parameters: Default::default(),
                appearance: None,
                children: Vec::new(),
                privacy: None,
            },
        );
    if depth == 0 {
        return leaf.boxed();
    }
    (
        leaf,
        any::<bool>(),
        prop::collection::vec(arb_field(depth - 1), 0..3),
    )
        .prop_map(|(mut f, repeat, children)| {
            if !children.is_empty() {
                f.field_type = if repeat {
                    FieldType::Repeat
                } else {
                    FieldType::Group
                };
                f.children = children;
            }
            f
        })
        .boxed()
}

fn arb_form() -> impl Strategy<Value = Form> {
    (
        "\\PC{0,6}",
        prop::collection::vec(arb_field(2), 0..5),
        prop::collection::btree_map(
            "[a-c]{1,2}",
            prop::collection::vec(
                (
                    "[a-z ]{0,3}",
                    prop::collection::btree_map("fr|en", "\\PC{0,4}", 0..2),
                ),
                0..3,
            ),
            0..3,
        ),
    )
        .prop_map(|(id, fields, lists)| Form {
            format_version: 1,
            id,
            version: String::new(),
            title: Default::default(),
            default_language: None,
            fields,
            choices: lists
                .into_iter()
                .map(|(k, v)| {
                    (
                        k,
                        v.into_iter()
                            .map(|(name, label)| meal_core::form::Choice {
                                name,
                                label,
                                properties: Default::default(),
                            })
                            .collect(),
                    )
                })
                .collect(),
        })
}
