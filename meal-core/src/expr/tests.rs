#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use super::*;
use chrono::TimeZone;

fn ctx(values: &[(&str, Value)]) -> MapContext {
    MapContext::new(
        values
            .iter()
            .map(|(k, v)| ((*k).to_owned(), v.clone()))
            .collect(),
        NaiveDate::from_ymd_opt(2026, 11, 27).unwrap(),
        FixedOffset::east_opt(3600)
            .unwrap()
            .with_ymd_and_hms(2026, 11, 27, 10, 0, 0)
            .unwrap(),
    )
}

fn eval_in(source: &str, context: &MapContext) -> String {
    Expr::parse(source)
        .unwrap_or_else(|e| panic!("{source}: {e}"))
        .evaluate(context)
        .unwrap_or_else(|e| panic!("{source}: {e}"))
        .to_text()
}

fn ev(source: &str) -> String {
    eval_in(source, &ctx(&[]))
}

fn err(source: &str) -> String {
    Expr::parse(source).unwrap_err().code
}

fn canon(source: &str) -> String {
    Expr::parse(source).unwrap().to_canonical()
}

#[test]
fn smoke() {
    assert_eq!(ev("1 + 2 * 3"), "7");
    assert_eq!(ev("0.1 + 0.2 = 0.3"), "true");
    assert_eq!(canon("(1+2)*3"), "(1 + 2) * 3");
    assert_eq!(err("1 +"), "expr.syntax");
}
