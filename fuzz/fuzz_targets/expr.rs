//! Expressions: `Expr::parse`, then `check` against a small type map, canonical text and
//! references. Nothing may panic, whatever the text.
#![no_main]
use libfuzzer_sys::fuzz_target;
use meal_core::expr::{Expr, TypeMap};

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
    }
});
