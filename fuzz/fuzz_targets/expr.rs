//! Expressions: `Expr::parse`, then `check` against a small type map, canonical text and
//! references, and evaluation against values of every kind (a `regex()` runs its compiled
//! pattern). Nothing may panic, whatever the text.
#![no_main]
use libfuzzer_sys::fuzz_target;
use meal_core::expr::{Expr, MapContext, TypeMap, Value};

fuzz_target!(|data: &[u8]| {
    let Ok(source) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(expr) = Expr::parse(source) {
        let names = [
            ("age", "number"),
            ("name", "text"),
            ("ok", "bool"),
            ("born", "date"),
            ("at", "datetime"),
            ("pick", "choices"),
            ("x", "any"),
        ];
        if let Ok(types) = TypeMap::from_names(names) {
            let _ = expr.check(&types);
        }
        let _ = expr.check(&TypeMap::default());
        let canonical = expr.to_canonical();
        let _ = expr.references();
        let _ = Expr::parse(&canonical);
        if let (Some(today), Ok(now)) = (
            chrono::NaiveDate::from_ymd_opt(2026, 11, 27),
            chrono::DateTime::parse_from_rfc3339("2026-11-27T10:00:00+01:00"),
        ) {
            let values = [
                ("age", Value::Number(Value::parse_number("17"))),
                ("name", Value::Text("Zoé N'Diaye 0612345678".to_owned())),
                ("ok", Value::Bool(true)),
                ("born", Value::Date(today)),
                ("at", Value::DateTime(now)),
                ("pick", Value::Text("a b".to_owned())),
            ];
            let mut context = MapContext::new(
                values.into_iter().map(|(k, v)| (k.to_owned(), v)).collect(),
                today,
                now,
            );
            context.current = Value::Text(source.to_owned());
            let _ = expr.evaluate(&context);
            let _ = expr.evaluate_bool(&context);
        }
    }
});
