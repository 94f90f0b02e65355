//! Properties of validation on a form with nested repeats, fields read across repeat levels,
//! `position()`, repeat counts, a relevant repeat and a choice filter inside a repeat: nothing
//! panics, `check` gives `validate`'s findings, `state` puts each of them at its field.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::sync::OnceLock;

use meal_core::form::CompiledForm;
use proptest::prelude::*;
use serde_json::{json, Value};

#[path = "support/forms.rs"]
mod forms;
use forms::options;

fn compiled() -> &'static CompiledForm {
    static FORM: OnceLock<CompiledForm> = OnceLock::new();
    FORM.get_or_init(|| {
        forms::compile(json!({
            "format_version": 1, "id": "nested", "default_language": "en",
            "fields": [
                {"name": "n", "type": {"kind": "integer"}},
                {"name": "flag", "type": {"kind": "select_one", "list": "yn"}},
                {"name": "outer", "type": {"kind": "repeat"}, "relevant": "${flag} != 'no'",
                 "min_count": 1, "repeat_count": "${n}", "children": [
                    {"name": "o_name", "type": {"kind": "text"}, "required": "${flag} = 'yes'"},
                    {"name": "o_pos", "type": {"kind": "calculate"}, "calculation": "position(..)"},
                    {"name": "g", "type": {"kind": "group"}, "relevant": "${o_name} != 'skip'", "children": [
                        {"name": "o_age", "type": {"kind": "integer"}, "constraint": ". < ${n} * 100"},
                        {"name": "inner", "type": {"kind": "repeat"}, "max_count": 3, "children": [
                            {"name": "i_val", "type": {"kind": "decimal"}, "constraint": ". <= ${o_age}",
                             "relevant": "${flag} != 'x'"},
                            {"name": "i_pick", "type": {"kind": "select_one", "list": "yn"},
                             "choice_filter": "name != ${flag}"},
                            {"name": "i_calc", "type": {"kind": "calculate"},
                             "calculation": "concat(${o_name}, '-', position(..), '-', count(${inner}))"}
                        ]},
                        {"name": "i_sum", "type": {"kind": "calculate"}, "calculation": "sum(${i_val})"}
                    ]}
                ]},
                {"name": "total", "type": {"kind": "calculate"}, "calculation": "sum(${o_age}) + count(${i_val})"},
                {"name": "all_vals", "type": {"kind": "calculate"}, "calculation": "join(' ', ${i_calc})"},
                {"name": "last", "type": {"kind": "text"}, "read_only": "${total} > 3",
                 "required": "count(${outer}) > 1", "constraint": "regex(., '^[a-z]+$')"}
            ],
            "choices": {"yn": [{"name": "yes", "label": {"en": "Yes", "fr": "Oui"}}, {"name": "no"}]}
        }))
    })
}

fn scalar() -> impl Strategy<Value = Value> {
    prop_oneof![
        4 => prop::sample::select(vec![
            json!(null), json!(""), json!("yes"), json!("no"), json!("x"), json!("skip"),
            json!("abc"), json!(1), json!(2), json!(3), json!(50), json!(250), json!("2"),
            json!(1.5), json!("ab1"), json!([]), json!("3"), json!({"k": 1}), json!(true),
        ]),
        1 => "\\PC{0,5}".prop_map(Value::String),
        1 => any::<i64>().prop_map(Value::from),
    ]
}

/// An object whose keys are drawn from `keys` (fields of the level, of other levels, unknown).
fn object(keys: &'static [&'static str], value: BoxedStrategy<Value>) -> BoxedStrategy<Value> {
    prop::collection::btree_map(prop::sample::select(keys), value, 0..6)
        .prop_map(|m| Value::Object(m.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()))
        .boxed()
}

/// A repeat's value: mostly a list of instances (some not objects), sometimes a scalar.
fn instances(item: BoxedStrategy<Value>) -> BoxedStrategy<Value> {
    let item = prop_oneof![6 => item, 1 => scalar()];
    prop_oneof![
        3 => prop::collection::vec(item, 0..5).prop_map(Value::Array),
        1 => scalar(),
    ]
    .boxed()
}

fn submission() -> impl Strategy<Value = Value> {
    const INNER: &[&str] = &["i_val", "i_pick", "i_calc", "o_age"];
    const OUTER: &[&str] = &["o_name", "o_pos", "g", "o_age", "inner", "i_sum", "n"];
    const TOP: &[&str] = &[
        "n", "flag", "outer", "total", "all_vals", "last", "o_name", "zz",
    ];
    let inner = object(INNER, scalar().boxed());
    let outer_value = prop_oneof![3 => scalar(), 2 => instances(inner)].boxed();
    let outer = object(OUTER, outer_value);
    let top_value = prop_oneof![3 => scalar(), 2 => instances(outer)].boxed();
    object(TOP, top_value)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn check_gives_the_findings_of_validate(sub in submission()) {
        let text = sub.to_string();
        let report = compiled().validate(&text, &options()).unwrap();
        let verdict = compiled().check(&text, &options()).unwrap();
        prop_assert_eq!(verdict.valid, report.valid);
        prop_assert_eq!(&verdict.findings, &report.findings);
        let many = compiled().check_many(&format!("[{text}]"), &options()).unwrap();
        prop_assert_eq!(&many, &vec![verdict]);
    }

    #[test]
    fn state_puts_each_finding_at_its_field(sub in submission()) {
        let text = sub.to_string();
        let report = compiled().validate(&text, &options()).unwrap();
        let states = compiled().state(&text, &options()).unwrap();
        for state in &states {
            let here: Vec<_> = report.findings.iter().filter(|f| f.finding.path == state.path).collect();
            prop_assert_eq!(state.findings.iter().collect::<Vec<_>>(), here);
            prop_assert!(state.relevant || state.value.is_null());
        }
    }

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,60}", sub in submission()) {
        let shaken = sub.to_string().replacen(':', ":[", 1);
        for input in [text, shaken] {
            let _ = compiled().validate(&input, &options());
            let _ = compiled().check(&input, &options());
            let _ = compiled().state(&input, &options());
        }
    }
}
