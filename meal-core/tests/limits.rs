//! The resource limits of docs/limits.md: each input past a documented maximum gets its error —
//! quickly, and without the stack overflow or allocation it would otherwise cause.

// A test file: unwrap on fixtures is the point.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use meal_core::MealError;

/// 100 000 unclosed `[`: far past serde_json's recursion limit (128) — a recursive reader
/// without one overflows the stack long before.
fn deep_json() -> String {
    "[".repeat(100_000)
}

/// The same depth inside an object member, where documents keep their fields.
fn deep_member() -> String {
    format!(
        "{{\"format_version\": 1, \"x\": {}",
        "{\"a\":".repeat(100_000)
    )
}

/// A document past the nesting limit is refused as unreadable JSON, or — for readers that first
/// take the JSON apart and then type it — as an invalid document; never a crash.
fn refused<T: std::fmt::Debug>(result: Result<T, MealError>) {
    let code = code(result);
    assert!(
        code == "json.malformed" || code == "document.invalid",
        "unexpected {code}"
    );
}

fn code<T: std::fmt::Debug>(result: Result<T, MealError>) -> String {
    result.expect_err("an input past a limit is refused").code
}

#[test]
fn deep_json_is_refused_by_every_document_reader() {
    use meal_core::{data, disclosure, feedback, form, logframe, plan, privacy};
    for text in [deep_json(), deep_member()] {
        refused(logframe::check(&text));
        refused(form::check(&text));
        refused(plan::meal_plan::check(&text));
        refused(privacy::rules::check(&text));
        refused(privacy::records_from_json(&text));
        refused(feedback::Taxonomy::from_json(&text));
        refused(data::Schema::from_json(&text));
        refused(plan::LessonsRegister::from_json(&text));
        refused(plan::Calendar::build_json(&text));
        refused(disclosure::table::Table::from_json(&text));
        let keys = ["site".to_owned()];
        assert!(disclosure::microdata::Microdata::from_json_records(&text, &keys).is_err());
    }
}

#[test]
fn a_deep_submission_is_an_error_not_a_crash() {
    let bytes = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../examples/forms/consultation_medicale.xlsx"
    ))
    .unwrap();
    let loaded = meal_core::form::LoadedForm::from_xlsform(&bytes).unwrap();
    let options = meal_core::form::Options::new(
        "en",
        chrono::DateTime::parse_from_rfc3339("2026-11-27T10:00:00+01:00").unwrap(),
    );
    let form = loaded.compiled().unwrap();
    let deep = format!("{{\"age\": {}", "[".repeat(100_000));
    assert_eq!(code(form.validate(&deep, &options)), "json.malformed");
    assert_eq!(code(form.check(&deep, &options)), "json.malformed");
}

#[test]
fn deep_json_lines_reject_the_row_not_the_process() {
    let schema = meal_core::data::Schema::from_json(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../examples/data/records-schema.json"
        ))
        .unwrap(),
    )
    .unwrap()
    .value;
    let text = format!("{}\n", deep_json());
    // Either the whole text is refused or the one line is rejected: no overflow either way.
    if let Ok(loaded) = meal_core::data::Table::from_json_lines(&schema, &text) {
        assert_eq!(loaded.rejected.len(), 1);
    }
}

#[test]
fn deep_expressions_stop_at_max_depth() {
    use meal_core::expr::{Expr, MAX_DEPTH};
    let deep = format!("{}1{}", "(".repeat(100_000), ")".repeat(100_000));
    assert_eq!(code(Expr::parse(&deep)), "expr.too_deep");
    let at_limit = format!("{}1{}", "(".repeat(MAX_DEPTH), ")".repeat(MAX_DEPTH));
    assert!(Expr::parse(&at_limit).is_ok());
}

#[test]
fn deep_iati_xml_is_read_without_recursion() {
    // Elements past MAX_DEPTH are skipped, so 100 000 nested elements cost neither stack nor a
    // tree: the document is simply not an IATI activity file.
    let xml = format!("{}{}", "<a>".repeat(100_000), "</a>".repeat(100_000));
    assert_eq!(
        code(meal_core::interop::iati::Activities::from_xml(&xml)),
        "iati.invalid"
    );
}

#[test]
fn a_table_past_max_cells_is_refused_before_allocation() {
    use meal_core::disclosure::table::{Table, MAX_CELLS};
    // Four dimensions of 40 categories: 41^4 ≈ 2.8 million cells with margins, from a few
    // hundred bytes of JSON.
    let categories: Vec<String> = (0..40).map(|i| format!("\"c{i}\"")).collect();
    let dimension = |name: &str| {
        format!(
            "{{\"name\":\"{name}\",\"categories\":[{}]}}",
            categories.join(",")
        )
    };
    let text = format!(
        "{{\"dimensions\":[{},{},{},{}],\"cells\":[]}}",
        dimension("a"),
        dimension("b"),
        dimension("c"),
        dimension("d")
    );
    let err = Table::from_json(&text).unwrap_err();
    assert_eq!(err.code, "disclosure.table_too_large");
    assert_eq!(err.params["limit"], MAX_CELLS.to_string());
}

#[test]
fn microdata_past_max_keys_is_refused() {
    use meal_core::disclosure::microdata::{Microdata, MAX_KEYS};
    let keys: Vec<String> = (0..=MAX_KEYS).map(|i| format!("k{i}")).collect();
    assert_eq!(
        code(Microdata::from_json_records("[]", &keys)),
        "disclosure.too_many_keys"
    );
}

#[test]
fn period_lists_stop_at_max_periods() {
    use meal_core::period::{periods_between, PeriodType};
    let day = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    let err = periods_between(PeriodType::Daily, day("1000-01-01"), day("9999-12-31"));
    assert_eq!(code(err), "period.too_many_periods");
}

#[test]
fn a_calendar_past_max_range_years_is_refused() {
    let request = r#"{"plans": [], "request": {"from": "2026-01-01", "to": "2046-12-31"}}"#;
    assert_eq!(
        code(meal_core::plan::Calendar::build_json(request)),
        "plan.bad_range"
    );
}
