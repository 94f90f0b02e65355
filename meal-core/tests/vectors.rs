//! Runs every shared conformance vector (`tests/vectors/*.json`) through the Rust API.
//! The Python, Node and Kotlin runners execute the same files and must agree exactly.

// A test file: a malformed vector file should fail loudly (helpers outside `#[test]` need saying so).
#![allow(clippy::panic, clippy::expect_used, clippy::indexing_slicing)]

use std::path::PathBuf;

use meal_core::disclosure::suppression::{suppress, Rules, ZeroRule};
use meal_core::disclosure::table::Table;
use meal_core::expr::{Expr, MapContext, TypeMap};
use meal_core::form::{LoadedForm, Options};
use meal_core::indicator::{Indicator, Observation, Thresholds};
use meal_core::input::{parse_date, parse_date_time, parse_decimal};
use meal_core::logframe;
use meal_core::period::{periods_between, Period, PeriodType};
use meal_core::MealError;
use rust_decimal::Decimal;
use serde_json::{json, Value};

fn vectors_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors")
}

fn text<'a>(input: &'a Value, field: &str) -> &'a str {
    input[field]
        .as_str()
        .unwrap_or_else(|| panic!("input.{field} must be a string"))
}

fn period_data(p: &Period) -> Value {
    json!({"id": p.id(), "type": p.period_type().name(), "start": p.start().to_string(), "end": p.end().to_string()})
}

fn document_text(document: &Value) -> String {
    match document {
        Value::String(raw) => raw.clone(),
        other => other.to_string(),
    }
}

fn decimal_value(value: Option<Decimal>) -> Value {
    value.map_or(Value::Null, |d| Value::String(d.normalize().to_string()))
}

fn ids(periods: &[Period]) -> Value {
    periods.iter().map(Period::id).collect()
}

fn indicator(input: &Value) -> Result<Indicator, MealError> {
    Indicator::from_json(&document_text(&input["indicator"]))
}

fn observations(input: &Value) -> Result<Vec<Observation>, MealError> {
    let list = input["observations"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    list.iter()
        .map(|o| {
            Ok(Observation {
                period: Period::parse(text(o, "period"))?,
                value: parse_decimal(text(o, "value"))?,
                denominator: o["denominator"].as_str().map(parse_decimal).transpose()?,
            })
        })
        .collect()
}

/// The clock of every vector that does not set its own.
const DEFAULT_NOW: &str = "2026-11-27T10:00:00+01:00";

fn now(input: &Value) -> Result<chrono::DateTime<chrono::FixedOffset>, MealError> {
    parse_date_time(input["now"].as_str().unwrap_or(DEFAULT_NOW))
}

fn form(input: &Value) -> Result<LoadedForm, MealError> {
    LoadedForm::from_json(&document_text(&input["form"]))
}

fn form_options(input: &Value) -> Result<Options, MealError> {
    Ok(Options {
        locale: input["locale"].as_str().unwrap_or("en").to_owned(),
        now: now(input)?,
    })
}

// Tabular disclosure control (disclosure.suppress, disclosure.tabulate).

/// The rules of a `disclosure.suppress` vector: `threshold`, `zeros`, `singletons`,
/// `ambiguity_limit`, each optional (defaults 5, `safe`, true, none).
fn suppression_rules(input: &Value) -> Result<Rules, MealError> {
    let defaults = Rules::default();
    Ok(Rules {
        threshold: input["threshold"].as_u64().unwrap_or(defaults.threshold),
        zeros: match input["zeros"].as_str() {
            Some(name) => ZeroRule::from_name(name)?,
            None => defaults.zeros,
        },
        singletons: input["singletons"].as_bool().unwrap_or(defaults.singletons),
        ambiguity_limit: input["ambiguity_limit"].as_u64(),
    })
}

fn column_names(input: &Value) -> Vec<&str> {
    input["columns"]
        .as_array()
        .expect("input.columns is an array")
        .iter()
        .map(|c| c.as_str().expect("column names are strings"))
        .collect()
}

/// One arm per op of tests/vectors/README.md; an unknown op fails the vector.
fn run(op: &str, i: &Value) -> Result<Value, MealError> {
    let ok = |value: Value| json!({ "ok": value });
    Ok(match op {
        "period.parse" => ok(period_data(&Period::parse(text(i, "id"))?)),
        "period.containing" => {
            let period_type = PeriodType::from_name(text(i, "type"))?;
            ok(period_data(&Period::containing(
                period_type,
                parse_date(text(i, "date"))?,
            )?))
        }
        "period.next" => ok(period_data(&Period::parse(text(i, "id"))?.next()?)),
        "period.previous" => ok(period_data(&Period::parse(text(i, "id"))?.previous()?)),
        "period.between" => {
            let period_type = PeriodType::from_name(text(i, "type"))?;
            let (start, end) = (parse_date(text(i, "start"))?, parse_date(text(i, "end"))?);
            ok(ids(&periods_between(period_type, start, end)?))
        }
        "period.within" => {
            let inner = PeriodType::from_name(text(i, "type"))?;
            ok(ids(&Period::parse(text(i, "id"))?.periods_within(inner)))
        }
        "logframe.check" => {
            let findings = logframe::check(&document_text(&i["document"]))?;
            json!({ "findings": findings.iter().map(|f| f.code.clone()).collect::<Vec<_>>() })
        }
        "indicator.target" => ok(decimal_value(
            indicator(i)?.target_for(&Period::parse(text(i, "period"))?),
        )),
        "indicator.actual" => {
            let period = Period::parse(text(i, "period"))?;
            ok(decimal_value(
                indicator(i)?.actual_for(&period, &observations(i)?)?,
            ))
        }
        "indicator.assess" => {
            let actual = i["actual"].as_str().map(parse_decimal).transpose()?;
            let a = indicator(i)?.assess(
                &Period::parse(text(i, "period"))?,
                actual,
                &Thresholds::default(),
            );
            ok(json!({
                "target": decimal_value(a.target),
                "achievement": decimal_value(a.achievement),
                "status": a.status.as_str(),
            }))
        }
        "expr.parse" => {
            let expr = Expr::parse(text(i, "expression"))?;
            ok(json!({ "canonical": expr.to_canonical(), "references": expr.references() }))
        }
        "expr.evaluate" => {
            let expr = Expr::parse(text(i, "expression"))?;
            let today = i["today"].as_str().map(parse_date).transpose()?;
            let context = MapContext::from_json(&i["values"], &i["current"], today, now(i)?);
            ok(Value::String(expr.evaluate(&context)?.to_text()))
        }
        "expr.check" => {
            let types = i["types"].as_object().cloned().unwrap_or_default();
            let names = types
                .iter()
                .map(|(field, name)| (field.as_str(), name.as_str().unwrap_or_default()));
            let findings = Expr::parse(text(i, "expression"))?.check(&TypeMap::from_names(names)?);
            json!({ "findings": findings.iter().map(|f| f.code.clone()).collect::<Vec<_>>() })
        }
        "xlsform.read" => {
            use base64::Engine;
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(text(i, "workbook"))
                .expect("input.workbook is base64");
            let loaded = LoadedForm::from_xlsform(&bytes)?;
            let found: Vec<_> = loaded
                .findings()
                .iter()
                .map(|f| json!({ "code": f.code, "path": f.path }))
                .collect();
            ok(Value::Array(found))
        }
        "form.compile" => {
            let codes: Vec<_> = form(i)?.findings().iter().map(|f| f.code.clone()).collect();
            json!({ "findings": codes })
        }
        "form.validate" => {
            let report = form(i)?
                .compiled()?
                .validate(&document_text(&i["submission"]), &form_options(i)?)?;
            let findings: Vec<_> = report
                .findings
                .iter()
                .map(|f| json!({ "code": f.finding.code, "path": f.finding.path, "message": f.message }))
                .collect();
            ok(json!({ "valid": report.valid, "findings": findings, "cleaned": report.cleaned }))
        }
        "form.state" => {
            let states = form(i)?
                .compiled()?
                .state(&document_text(&i["submission"]), &form_options(i)?)?;
            let states: Vec<_> = states
                .iter()
                .map(|s| {
                    json!({
                        "path": s.path, "relevant": s.relevant, "required": s.required,
                        "read_only": s.read_only, "value": s.value,
                    })
                })
                .collect();
            ok(Value::Array(states))
        }
        // Tabular disclosure control.
        "disclosure.suppress" => {
            let table = Table::from_json(&document_text(&i["table"]))?;
            let suppression = suppress(&table, &suppression_rules(i)?)?;
            ok(serde_json::to_value(suppression).expect("serialisable"))
        }
        "disclosure.tabulate" => {
            let table = Table::from_records(&document_text(&i["records"]), &column_names(i))?;
            ok(serde_json::to_value(table.cells()).expect("serialisable"))
        }
        unknown => json!({ "unknown_op": unknown }),
    })
}

#[test]
fn every_vector_agrees() {
    let mut files: Vec<PathBuf> = std::fs::read_dir(vectors_dir())
        .expect("tests/vectors exists")
        .map(|entry| entry.expect("readable entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no vector files");
    let (mut passed, mut failed) = (0, Vec::new());
    for file in &files {
        let content: Value =
            serde_json::from_str(&std::fs::read_to_string(file).expect("readable"))
                .expect("valid JSON");
        let mut names = std::collections::BTreeSet::new();
        for vector in content["vectors"].as_array().expect("a vectors array") {
            let name = vector["name"].as_str().expect("every vector has a name");
            assert!(
                names.insert(name),
                "{}: duplicate vector name {name}",
                file.display()
            );
            let got = run(vector["op"].as_str().unwrap_or_default(), &vector["input"])
                .unwrap_or_else(|error| json!({ "error": error.code }));
            if got == vector["expect"] {
                passed += 1;
            } else {
                let name = file.file_name().unwrap_or_default().to_string_lossy();
                failed.push(format!(
                    "{name}: {}: expected {} got {got}",
                    vector["name"], vector["expect"]
                ));
            }
        }
    }
    assert!(
        failed.is_empty(),
        "{} failed, {passed} passed:\n{}",
        failed.len(),
        failed.join("\n")
    );
    println!("Rust vectors: {passed} passed, 0 failed");
}
