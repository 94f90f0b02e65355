//! Properties of the expression language: the parser never panics, canonical printing
//! round-trips, evaluation never panics. (The `expr.*` vectors run in `tests/vectors.rs`.)

// A test file: a malformed vector file should fail loudly.
#![allow(
    clippy::panic,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::unwrap_used
)]

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset, NaiveDate};
use meal_core::expr::{Context, Expr, Function, MapContext, Schema, Value, ValueType};
use proptest::prelude::*;
use rust_decimal::Decimal;
use serde_json::json;

// ---- conformance vectors -------------------------------------------------------------------

// ---- generators ----------------------------------------------------------------------------

fn number_literal() -> impl Strategy<Value = String> {
    prop_oneof![
        (0u64..1000).prop_map(|n| n.to_string()),
        (0u64..100_000, 0u32..6).prop_map(|(n, scale)| Decimal::new(
            i64::try_from(n).unwrap_or(0),
            scale
        )
        .to_string()),
        Just("79228162514264337593543950335".to_owned()),
        Just(".5".to_owned()),
        Just("0".to_owned()),
    ]
}

fn text_literal() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z0-9 ]{0,6}".prop_map(|s| format!("'{s}'")),
        "[^'\"]{0,6}".prop_map(|s| format!("'{s}'")),
        Just("\"it's\"".to_owned()),
        Just("'2026-01-01'".to_owned()),
        Just("'2026-11-27T10:00:00+01:00'".to_owned()),
        Just("'a b c'".to_owned()),
        Just("'%Y-%m-%d %a %b %H:%M:%S %3 %e %n %h %y %%'".to_owned()),
        Just("'[a-z]+'".to_owned()),
        Just("'${s}'".to_owned()),
    ]
}

fn leaf() -> impl Strategy<Value = String> {
    prop_oneof![
        number_literal(),
        text_literal(),
        prop::sample::select(vec!["${a}", "${b}", "${s}", "${r}", "${d}", "."])
            .prop_map(str::to_owned),
    ]
}

const OPERATORS: &[&str] = &[
    "or", "and", "=", "!=", "<", "<=", ">", ">=", "+", "-", "*", "div", "mod",
];

/// Expression strings from the grammar: every operator, every function with a valid number of
/// arguments, parentheses, unary minus.
fn expression() -> impl Strategy<Value = String> {
    leaf().prop_recursive(5, 48, 4, |inner| {
        prop_oneof![
            (
                inner.clone(),
                prop::sample::select(OPERATORS.to_vec()),
                inner.clone()
            )
                .prop_map(|(a, op, b)| format!("{a} {op} {b}")),
            inner.clone().prop_map(|a| format!("({a})")),
            inner.clone().prop_map(|a| format!("-{a}")),
            (
                prop::sample::select(Function::ALL.to_vec()),
                prop::collection::vec(inner, 0..4)
            )
                .prop_map(|(function, mut args)| {
                    let (min, max) = function.arity();
                    if function == Function::Regex {
                        // Keep generated patterns valid: a computed invalid one is an Err.
                        args = vec![args.first().cloned().unwrap_or_default(), "'[a-z]+'".into()];
                    }
                    args.truncate(max.unwrap_or(usize::MAX));
                    while args.len() < min {
                        args.push("1".to_owned());
                    }
                    args.retain(|a| !a.is_empty());
                    while args.len() < min {
                        args.push("'x'".to_owned());
                    }
                    format!("{}({})", function.name(), args.join(","))
                }),
        ]
    })
}

fn value() -> impl Strategy<Value = Value> {
    let scalar = prop_oneof![
        Just(Value::Empty),
        any::<String>().prop_map(Value::Text),
        "[a-z ]{0,12}".prop_map(Value::Text),
        (any::<i64>(), 0u32..29).prop_map(|(n, s)| Value::Number(Some(Decimal::new(n, s)))),
        Just(Value::Number(Some(Decimal::MAX))),
        Just(Value::Number(Some(Decimal::MIN))),
        Just(Value::Number(None)),
        any::<bool>().prop_map(Value::Bool),
        (-800_000i32..800_000).prop_map(|d| Value::Date(
            NaiveDate::from_num_days_from_ce_opt(d.abs() + 1).unwrap_or_default()
        )),
        Just(Value::DateTime(
            DateTime::parse_from_rfc3339("2026-11-27T10:00:00+01:00").unwrap()
        )),
    ];
    scalar.prop_recursive(2, 16, 4, |inner| {
        prop::collection::vec(inner, 0..4).prop_map(Value::List)
    })
}

/// A context whose every method answers (labels and position included).
#[derive(Debug)]
struct Full {
    values: BTreeMap<String, Value>,
    current: Value,
}

impl Context for Full {
    fn field(&self, name: &str) -> Option<Value> {
        self.values.get(name).cloned()
    }
    fn current(&self) -> Value {
        self.current.clone()
    }
    fn position(&self) -> Option<usize> {
        Some(2)
    }
    fn today(&self) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()
    }
    fn now(&self) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339("2026-11-27T10:00:00+01:00").unwrap()
    }
    fn choice_label(&self, field: &str, value: &str) -> Option<String> {
        Some(format!("{field}:{value}"))
    }
}

struct AllKnown;

impl Schema for AllKnown {
    fn field_type(&self, name: &str) -> Option<ValueType> {
        match name {
            "a" => Some(ValueType::Number),
            "b" => Some(ValueType::Text),
            "s" => Some(ValueType::Choices),
            "d" => Some(ValueType::Date),
            _ => None,
        }
    }
}

/// The context of the generated expressions: `values` for `${a}`, `${b}`, `${s}`, `${r}`,
/// `${d}`, and `current` for `.`.
fn full(values: Vec<Value>, current: Value) -> Full {
    let names = ["a", "b", "s", "r", "d"];
    Full {
        values: names.iter().map(|n| (*n).to_owned()).zip(values).collect(),
        current,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn parser_never_panics_on_arbitrary_text(source in any::<String>()) {
        let _ = Expr::parse(&source);
    }

    #[test]
    fn parser_never_panics_on_near_expressions(source in "[-+*=!<>().,'\"${}a-z0-9 :]{0,40}") {
        if let Ok(expr) = Expr::parse(&source) {
            let again = Expr::parse(&expr.to_canonical()).expect("canonical parses");
            prop_assert_eq!(again.ast(), expr.ast());
        }
    }

    #[test]
    fn canonical_text_round_trips(source in expression()) {
        let expr = match Expr::parse(&source) {
            Ok(expr) => expr,
            // Only depth and regex limits may refuse a grammatical expression.
            Err(e) => {
                prop_assert!(e.code == "expr.too_deep" || e.code == "expr.number", "{source}: {e}");
                return Ok(());
            }
        };
        let canonical = expr.to_canonical();
        let reparsed = Expr::parse(&canonical).expect("canonical parses");
        prop_assert_eq!(reparsed.ast(), expr.ast(), "{} -> {}", source, canonical);
        prop_assert_eq!(reparsed.to_canonical(), canonical);
        prop_assert_eq!(reparsed.references(), expr.references());
    }

    #[test]
    fn evaluation_never_panics(
        source in expression(),
        values in prop::collection::vec(value(), 5),
        current in value(),
    ) {
        let Ok(expr) = Expr::parse(&source) else { return Ok(()) };
        let full = full(values, current.clone());
        match expr.evaluate(&full) {
            Ok(value) => { let _ = (value.to_text(), value.truthy()); }
            Err(e) => prop_assert_eq!(e.code, "expr.regex"),
        }
        let mut map = MapContext::new(
            full.values.clone(),
            full.today(),
            full.now(),
        );
        map.current = current;
        let _ = expr.evaluate_bool(&map);
        let _ = expr.check(&AllKnown);
    }

    /// The boolean evaluator (`and`/`or`/`not()`/one comparison answered without building
    /// values) gives what evaluating the value and taking its truth gives, errors included.
    #[test]
    fn eval_bool_is_truthy_of_eval(
        source in expression(),
        values in prop::collection::vec(value(), 5),
        current in value(),
    ) {
        let Ok(expr) = Expr::parse(&source) else { return Ok(()) };
        let full = full(values, current);
        let as_bool = expr.evaluate_bool(&full).map_err(|e| e.code);
        let truth = expr.evaluate(&full).map(|v| v.truthy()).map_err(|e| e.code);
        prop_assert_eq!(as_bool, truth, "{}", source);
    }

    /// Two numbers compare as `Decimal`s do, whatever their scales.
    #[test]
    fn numbers_compare_as_decimals(
        (a, b) in prop_oneof![
            ((any::<i64>(), 0u32..29), (any::<i64>(), 0u32..29)),
            // Same scale, close mantissas: the comparison's fast path.
            (any::<i32>(), -3i64..4, 0u32..29).prop_map(|(n, d, s)| ((i64::from(n), s), (i64::from(n) + d, s))),
        ],
    ) {
        let (a, b) = (Decimal::new(a.0, a.1), Decimal::new(b.0, b.1));
        let context = MapContext::new(
            [("a".to_owned(), Value::Number(Some(a))), ("b".to_owned(), Value::Number(Some(b)))].into(),
            NaiveDate::from_ymd_opt(2026, 11, 27).unwrap(),
            DateTime::parse_from_rfc3339("2026-11-27T10:00:00+01:00").unwrap(),
        );
        let holds = |op: &str| Expr::parse(&format!("${{a}} {op} ${{b}}")).unwrap().evaluate_bool(&context).unwrap();
        prop_assert_eq!(holds("<"), a < b);
        prop_assert_eq!(holds("<="), a <= b);
        prop_assert_eq!(holds(">"), a > b);
        prop_assert_eq!(holds(">="), a >= b);
        prop_assert_eq!(holds("="), a == b);
        prop_assert_eq!(holds("!="), a != b);
    }

    #[test]
    fn json_values_never_panic(n in any::<f64>(), s in any::<String>(), b in any::<bool>()) {
        let json = json!([n, s, b, null, [n], {"k": s}]);
        let value = Value::from_json(&json);
        let _ = (value.to_text(), value.truthy(), value.to_number(), value.to_date());
    }
}
