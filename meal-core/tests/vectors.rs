//! Runs every shared conformance vector (`tests/vectors/*.json`) through the Rust API.
//! The Python, Node and Kotlin runners execute the same files and must agree exactly.

// A test file: a malformed vector file should fail loudly (helpers outside `#[test]` need saying so).
#![allow(clippy::panic, clippy::expect_used, clippy::indexing_slicing)]

use std::path::PathBuf;

use meal_core::disclosure::suppression::{suppress, Rules, ZeroRule};
use meal_core::disclosure::table::Table;
use meal_core::expr::{Expr, MapContext, TypeMap};
use meal_core::form::Form;
use meal_core::form::{LoadedForm, Options};
use meal_core::indicator::{Indicator, Observation, Thresholds};
use meal_core::input::{parse_date, parse_date_time, parse_decimal};
use meal_core::logframe;
use meal_core::period::{periods_between, Period, PeriodType};
use meal_core::privacy;
use meal_core::privacy::{
    access, check_consent, erase, pseudonym, records_digest, records_from_json, rectify,
    retention_due, tokenise, verify_pseudonym, withdraw_consent, ConsentRecord, ConsentRequest,
    PseudonymKey, Record, RetentionDecision,
};
use meal_core::MealError;
// disclosure (micro helper)
use meal_core::disclosure::{anonymity, frequency, microdata::Microdata, recode, risk};
// feedback intake, routing and sealing (intake helper)
use meal_core::feedback::{
    self, check_routes, ClaimCode, Content, Intake, IntakeKeys, Item, RecipientKey,
    ReferralConsent, Routing, SafeguardingSecretKey, Taxonomy,
};
use meal_core::privacy::Pseudonymiser;
use rust_decimal::Decimal;
use serde_json::{json, Value};
// feedback, case side (case helper)
use meal_core::feedback::{
    can_publish, due, overdue, withdraw_testimony, Case, Deadlines, Event, Target, Testimony,
};

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

/// `[{code, path, message}]` of a submission's findings, in order.
fn messages(findings: &[meal_core::form::SubmissionFinding]) -> Vec<Value> {
    findings
        .iter()
        .map(|f| json!({ "code": f.finding.code, "path": f.finding.path, "message": f.message }))
        .collect()
}

/// `[{code, path}]` of findings, in order.
fn code_paths(findings: &[meal_core::Finding]) -> Value {
    findings
        .iter()
        .map(|f| json!({ "code": f.code, "path": f.path }))
        .collect()
}

fn privacy_rules(input: &Value) -> Result<privacy::Rules, MealError> {
    Ok(privacy::Rules::from_json(&document_text(&input["rules"]))?.value)
}

fn privacy_form(document: &Value) -> Result<meal_core::form::Form, MealError> {
    Ok(meal_core::form::Form::from_json(&document_text(document))?.value)
}

/// The decision of a `privacy.export` input, and its form.
fn privacy_export(
    input: &Value,
) -> Result<(privacy::export::ExportDecision, meal_core::form::Form), MealError> {
    let form = privacy_form(&input["form"])?;
    let fields: Vec<String> = input["fields"]
        .as_array()
        .expect("input.fields is a list")
        .iter()
        .map(|f| f.as_str().expect("field names are strings").to_owned())
        .collect();
    let decision = privacy::export::decide(
        &privacy_rules(input)?,
        &form,
        text(input, "recipient"),
        text(input, "purpose"),
        &fields,
    )?;
    Ok((decision, form))
}

// --- disclosure, microdata (micro helper): {keys, records | columns} inputs ---

/// `{keys, records}` (records an array, or raw JSON text) or `{keys, columns: {name: [text | null]}}`.
fn microdata(input: &Value) -> Result<Microdata, MealError> {
    let keys: Vec<String> = input["keys"]
        .as_array()
        .expect("input.keys is an array")
        .iter()
        .map(|k| k.as_str().expect("key names are strings").to_owned())
        .collect();
    match input.get("columns") {
        Some(columns) => Microdata::from_json_columns(&document_text(columns), &keys),
        None => Microdata::from_json_records(&document_text(&input["records"]), &keys),
    }
}

fn micro_op(op: &str, i: &Value) -> Result<Value, MealError> {
    let k = || i["k"].as_u64().expect("input.k is a whole number");
    Ok(match op {
        "disclosure.frequencies" => json!(frequency::frequencies(&microdata(i)?)),
        "disclosure.k_anonymity" => {
            serde_json::to_value(anonymity::check(&microdata(i)?, k())?).expect("serialisable")
        }
        "disclosure.local_suppression" => {
            let importance: Option<Vec<u32>> = i
                .get("importance")
                .map(|w| serde_json::from_value(w.clone()).expect("importance: whole numbers"));
            let result = anonymity::local_suppression(&microdata(i)?, k(), importance.as_deref())?;
            serde_json::to_value(result).expect("serialisable")
        }
        "disclosure.risk" => {
            let threshold = match i["threshold"].as_str() {
                Some(text) => parse_decimal(text)?,
                None => risk::DEFAULT_RISK_THRESHOLD,
            };
            let r = risk::risk(&microdata(i)?, threshold)?;
            let codes: Vec<&str> = r.reasons.iter().map(|f| f.code.as_str()).collect();
            json!({
                "individual": r.individual, "global": r.global,
                "expected_reidentifications": r.expected_reidentifications,
                "max_individual": r.max_individual, "rows_above_threshold": r.rows_above_threshold,
                "publishable": r.publishable, "reasons": codes,
            })
        }
        "disclosure.recode" => {
            let recoding = recode::Recoding::from_json(&i["recoding"].to_string())?;
            match i["column"].as_str() {
                Some(column) => {
                    recode::recode_column(&microdata(i)?, column, &recoding)?.to_json_records()
                }
                None => {
                    let values: Vec<Option<String>> =
                        serde_json::from_value(i["values"].clone()).expect("values: text or null");
                    json!(recode::recode_values(&values, &recoding)?)
                }
            }
        }
        _ => unreachable!("only disclosure microdata ops are routed here"),
    })
}

// ---- privacy, person side: pseudonyms, tokenisation, records, retention, consent, requests ----

fn privacy_key(input: &Value) -> Result<PseudonymKey, MealError> {
    PseudonymKey::from_hex(text(input, "key_hex"))
}

fn privacy_records(input: &Value) -> Result<Vec<Record>, MealError> {
    records_from_json(&document_text(&input["records"]))
}

fn privacy_on(input: &Value) -> Result<chrono::NaiveDate, MealError> {
    parse_date(text(input, "on"))
}

fn retention_data(d: &RetentionDecision) -> Value {
    let mut out = json!({ "record": d.record, "phase": d.phase, "reason": d.reason.code });
    if let Some(action) = d.end_action {
        out["end_action"] = json!(action);
    }
    if let Some(s) = &d.schedule {
        out["trigger_date"] = json!(s.trigger_date);
        out["active_until"] = json!(s.active_until);
        out["intermediate_until"] = json!(s.intermediate_until);
        if let Some(floor) = s.not_before {
            out["not_before"] = json!(floor);
        }
    }
    out
}

fn ids_of(records: &[Record]) -> Value {
    records.iter().map(|r| r.id.as_str()).collect()
}

/// The privacy ops of the person side (tests/vectors/privacy_person.json).
fn run_privacy_person(op: &str, i: &Value) -> Result<Value, MealError> {
    let ok = |value: Value| Ok(json!({ "ok": value }));
    match op {
        "privacy.pseudonym" => ok(json!(pseudonym(
            &privacy_key(i)?,
            text(i, "purpose"),
            text(i, "identifier")
        )?)),
        "privacy.verify" => ok(json!(verify_pseudonym(
            &privacy_key(i)?,
            text(i, "purpose"),
            text(i, "identifier"),
            text(i, "pseudonym")
        ))),
        "privacy.tokenise" => {
            let form = Form::from_json(&document_text(&i["form"]))?.value;
            let out = tokenise(
                &form,
                &privacy_key(i)?,
                text(i, "purpose"),
                &document_text(&i["submission"]),
            )?;
            ok(json!({ "submission": out.submission, "tokenised": out.tokenised }))
        }
        "privacy.records" => {
            let records = privacy_records(i)?;
            ok(json!({ "count": records.len(), "digest": records_digest(&records) }))
        }
        "privacy.retention" => {
            let decisions = retention_due(&privacy_records(i)?, &privacy_rules(i)?, privacy_on(i)?);
            ok(decisions.iter().map(retention_data).collect())
        }
        "privacy.consent" | "privacy.consent_withdraw" => {
            let parsed = ConsentRecord::from_json(&document_text(&i["consent"]))?;
            if !parsed.findings.is_empty() {
                let codes: Vec<_> = parsed.findings.iter().map(|f| f.code.clone()).collect();
                return Ok(json!({ "findings": codes }));
            }
            let mut consent = parsed.value;
            if op == "privacy.consent_withdraw" {
                withdraw_consent(&mut consent, privacy_on(i)?)?;
                return ok(json!({ "withdrawn_at": consent.withdrawn_at }));
            }
            let request = ConsentRequest {
                scope: text(i, "scope").to_owned(),
                on: privacy_on(i)?,
            };
            let decision = check_consent(&consent, &request);
            let codes: Vec<_> = decision.findings.iter().map(|f| f.code.clone()).collect();
            ok(json!({ "valid": decision.valid, "findings": codes }))
        }
        "privacy.access" => {
            let access = access(&privacy_records(i)?, text(i, "subject"), privacy_on(i)?);
            ok(
                json!({ "records": ids_of(&access.records), "csv": access.to_csv(), "outcome": access.outcome }),
            )
        }
        "privacy.erase" => {
            let (kept, outcome) = erase(
                &privacy_records(i)?,
                &privacy_rules(i)?,
                text(i, "subject"),
                privacy_on(i)?,
            );
            ok(json!({ "records": ids_of(&kept), "outcome": outcome }))
        }
        "privacy.rectify" => {
            let records = privacy_records(i)?;
            let record = text(i, "record");
            let (after, outcome) = rectify(
                &records,
                text(i, "subject"),
                record,
                text(i, "field"),
                i["value"].clone(),
                privacy_on(i)?,
            )?;
            let values = after
                .iter()
                .find(|r| r.id == record)
                .map(|r| r.values.clone());
            ok(json!({ "values": values, "outcome": outcome }))
        }
        unknown => Ok(json!({ "unknown_op": unknown })),
    }
}

// ---- feedback, case side (case helper): workflow, deadlines, overdue, testimonies ----

/// The codes of reading findings, as a `{findings}` expectation.
fn feedback_findings(findings: &[meal_core::Finding]) -> Value {
    json!({ "findings": findings.iter().map(|f| f.code.as_str()).collect::<Vec<_>>() })
}

fn feedback_events(value: &Value) -> Result<Vec<Event>, MealError> {
    let events = value.as_array().expect("events is an array");
    events
        .iter()
        .map(|e| Event::from_json(&e.to_string()))
        .collect()
}

fn feedback_item(value: &Value) -> Result<Item, MealError> {
    Item::from_json(&document_text(value))
}

/// The deadlines document of the input (`config`, or the proposed one), or its findings.
fn feedback_deadlines(i: &Value) -> Result<Result<Deadlines, Value>, MealError> {
    let Some(config) = i.get("config") else {
        return Ok(Ok(Deadlines::proposed()));
    };
    let parsed = Deadlines::from_json(&document_text(config))?;
    Ok(if parsed.findings.is_empty() {
        Ok(parsed.value)
    } else {
        Err(feedback_findings(&parsed.findings))
    })
}

/// A case document, or its findings.
fn feedback_case(value: &Value) -> Result<Result<Case, Value>, MealError> {
    let parsed = Case::from_json(&document_text(value))?;
    Ok(if parsed.findings.is_empty() {
        Ok(parsed.value)
    } else {
        Err(feedback_findings(&parsed.findings))
    })
}

fn run_feedback_case(op: &str, i: &Value) -> Result<Value, MealError> {
    let ok = |value: Value| Ok(json!({ "ok": value }));
    let case_summary =
        |case: &Case| json!({ "state": case.state(), "history_len": case.history().len() });
    match op {
        "feedback.workflow" => {
            let received_at = parse_date_time(text(i, "received_at"))?;
            let events = feedback_events(&i["events"])?;
            ok(case_summary(&Case::from_events(
                "item",
                received_at,
                &events,
            )?))
        }
        "feedback.case_read" => match feedback_case(&i["case"])? {
            Ok(case) => ok(case_summary(&case)),
            Err(findings) => Ok(findings),
        },
        "feedback.deadlines" | "feedback.overdue" => {
            let config = match feedback_deadlines(i)? {
                Ok(config) => config,
                Err(findings) => return Ok(findings),
            };
            if op == "feedback.deadlines" {
                let item = feedback_item(&i["item"])?;
                let case = match i.get("case") {
                    Some(value) => match feedback_case(value)? {
                        Ok(case) => Some(case),
                        Err(findings) => return Ok(findings),
                    },
                    None => None,
                };
                return ok(json!(due(&item, case.as_ref(), &config)?));
            }
            let items = i["items"].as_array().expect("items is an array");
            let items = items
                .iter()
                .map(feedback_item)
                .collect::<Result<Vec<_>, _>>()?;
            let mut cases = Vec::new();
            for value in i["cases"].as_array().expect("cases is an array") {
                match feedback_case(value)? {
                    Ok(case) => cases.push(case),
                    Err(findings) => return Ok(findings),
                }
            }
            let at = parse_date_time(text(i, "at"))?;
            ok(json!(overdue(&items, &cases, &config, at)?))
        }
        "feedback.can_publish" | "feedback.withdraw_testimony" => {
            let parsed = Testimony::from_json(&document_text(&i["testimony"]))?;
            if !parsed.findings.is_empty() {
                return Ok(feedback_findings(&parsed.findings));
            }
            let mut testimony = parsed.value;
            if op == "feedback.withdraw_testimony" {
                return ok(json!(withdraw_testimony(&mut testimony, privacy_on(i)?)?));
            }
            let target = Target::from_json(&document_text(&i["target"]))?;
            let decision = can_publish(&testimony, &target);
            let codes: Vec<_> = decision.reasons.iter().map(|f| f.code.as_str()).collect();
            ok(json!({ "allowed": decision.allowed, "reasons": codes }))
        }
        unknown => Ok(json!({ "unknown_op": unknown })),
    }
}

// ---- feedback intake, routing and sealing (intake helper): tests/vectors/feedback_intake.json ----

/// `input[field]` as a document, or the reference mission's file when absent.
fn feedback_document(input: &Value, field: &str, file: &str) -> String {
    match &input[field] {
        Value::Null => {
            std::fs::read_to_string(vectors_dir().join("../../examples/data").join(file))
                .expect("the mission's feedback documents exist")
        }
        document => document_text(document),
    }
}

fn feedback_taxonomy(input: &Value) -> Result<Taxonomy, MealError> {
    Ok(Taxonomy::from_json(&feedback_document(
        input,
        "taxonomy",
        "feedback-taxonomy.json",
    ))?
    .value)
}

fn feedback_routing(input: &Value) -> Result<Routing, MealError> {
    Ok(Routing::from_json(&feedback_document(
        input,
        "routing",
        "feedback-routing.json",
    ))?
    .value)
}

fn hex_bytes(text: &str) -> Vec<u8> {
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).expect("hex"))
        .collect()
}

/// Sealed content as `{kind, recipient}`: the box itself depends on the random bytes.
fn without_box(mut item: Value) -> Value {
    if let Some(content) = item["content"].as_object_mut() {
        content.remove("sealed");
    }
    item
}

fn run_feedback_intake(op: &str, i: &Value) -> Result<Value, MealError> {
    let ok = |value: Value| Ok(json!({ "ok": value }));
    match op {
        "feedback.taxonomy" => {
            let parsed =
                Taxonomy::from_json(&feedback_document(i, "taxonomy", "feedback-taxonomy.json"))?;
            let mut findings = parsed.findings.clone();
            findings.extend(parsed.value.check());
            findings.extend(check_routes(&parsed.value, &feedback_routing(i)?));
            meal_core::error::sort_findings(&mut findings);
            ok(code_paths(&findings))
        }
        "feedback.routing" => {
            let parsed = Routing::from_json(&document_text(&i["routing"]))?;
            let mut findings = parsed.findings.clone();
            findings.extend(parsed.value.check());
            meal_core::error::sort_findings(&mut findings);
            ok(code_paths(&findings))
        }
        "feedback.route" => ok(json!(feedback::route(
            &feedback_taxonomy(i)?,
            &feedback_routing(i)?,
            &feedback_item(&i["item"])?
        )?)),
        "feedback.view" => ok(json!(feedback::view(
            &feedback_taxonomy(i)?,
            &feedback_routing(i)?,
            &feedback_item(&i["item"])?,
            text(i, "role")
        )?)),
        "feedback.refer" => {
            let consent = ReferralConsent::from_json(&i["consent"].to_string())?;
            ok(json!(feedback::refer(
                &feedback_taxonomy(i)?,
                &feedback_routing(i)?,
                &feedback_item(&i["item"])?,
                text(i, "role"),
                text(i, "to"),
                &consent
            )?))
        }
        "feedback.intake" => {
            let intake = Intake::from_json(&i["intake"].to_string())?;
            let pseudonymiser = match i["key_hex"].as_str() {
                Some(key) => Some(Pseudonymiser::new(
                    &PseudonymKey::from_hex(key)?,
                    text(i, "purpose"),
                )?),
                None => None,
            };
            let claim_code = match (i["claim_random_hex"].as_str(), i["claim_code"].as_str()) {
                (Some(random), _) => Some(ClaimCode::from_random(&hex_bytes(random))?),
                (None, Some(code)) => Some(ClaimCode::parse(code)?),
                (None, None) => None,
            };
            let keys = IntakeKeys {
                pseudonymiser: pseudonymiser.as_ref(),
                claim_code: claim_code.as_ref(),
                seal_random: [7; 32],
            };
            let received = feedback::intake(
                &feedback_taxonomy(i)?,
                &feedback_routing(i)?,
                &intake,
                text(i, "id"),
                &keys,
            )?;
            ok(json!({ "item": without_box(json!(received.item)), "route": received.route }))
        }
        "feedback.claim_code" => {
            let code = match i["random_hex"].as_str() {
                Some(random) => ClaimCode::from_random(&hex_bytes(random))?,
                None => ClaimCode::parse(text(i, "code"))?,
            };
            ok(json!({ "code": code.as_text(), "sha256": code.sha256_hex() }))
        }
        "feedback.claim" => ok(json!(feedback::claim(
            &feedback_item(&i["item"])?,
            text(i, "code")
        ))),
        "feedback.seal" => {
            let key = RecipientKey::from_base64(text(i, "public_key"))?;
            let sealed = feedback::seal(&key, text(i, "text"), &[7; 32])?;
            ok(without_box(json!({ "content": sealed }))["content"].clone())
        }
        "feedback.open" => {
            let secret = SafeguardingSecretKey::from_base64(text(i, "secret_key"))?;
            let content: Content =
                serde_json::from_value(i["content"].clone()).expect("input.content is content");
            ok(json!(feedback::open(&secret, &content)?))
        }
        unknown => Ok(json!({ "unknown_op": unknown })),
    }
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

// Report (report helper): SITREP and annual report renderings.

/// Runs `report.sitrep` / `report.annual`: `{logframes, results, quality, request, format}` →
/// the rendered text.
fn run_report(op: &str, i: &Value) -> Result<Value, MealError> {
    use meal_core::compute::Results;
    use meal_core::quality::QualityReport;
    use meal_core::report::{AnnualReport, AnnualRequest, Format, Sitrep, SitrepRequest};
    let logframes = i["logframes"]
        .as_array()
        .expect("input.logframes is an array")
        .iter()
        .map(|doc| logframe::Logframe::from_json(&document_text(doc)).map(|p| p.value))
        .collect::<Result<Vec<_>, _>>()?;
    let results: Results = serde_json::from_value(i["results"].clone()).expect("input.results");
    let quality: Option<QualityReport> =
        serde_json::from_value(i["quality"].clone()).expect("input.quality");
    let format: Format = serde_json::from_value(i["format"].clone()).expect("input.format");
    let request = i["request"].to_string();
    let rendered = if op == "report.sitrep" {
        let request = SitrepRequest::from_json(&request)?;
        Sitrep::build(&logframes, &results, quality.as_ref(), &request)?.render(format)?
    } else {
        let request = AnnualRequest::from_json(&request)?;
        AnnualReport::build(&logframes, &results, quality.as_ref(), &request)?.render(format)?
    };
    Ok(json!({ "ok": String::from_utf8(rendered.bytes).expect("text formats are UTF-8") }))
}

/// One arm per op of tests/vectors/README.md; an unknown op fails the vector.
// compute (lead): the engine over CSV records, one pass or merged partitions.
fn compute_engine(i: &Value) -> Result<meal_core::compute::Engine, MealError> {
    let logframes = i["logframes"]
        .as_array()
        .expect("logframes")
        .iter()
        .map(|l| {
            serde_json::from_value(l.clone())
                .map_err(|e| MealError::new("document.invalid").with("detail", e))
        })
        .collect::<Result<Vec<meal_core::logframe::Logframe>, _>>()?;
    let recipes = meal_core::compute::Recipes::from_json(&document_text(&i["recipes"]))?.value;
    let schema = meal_core::data::Schema::from_json(&document_text(&i["schema"]))?.value;
    let periods = i["periods"]
        .as_array()
        .expect("periods")
        .iter()
        .map(|p| Period::parse(p.as_str().expect("period id")))
        .collect::<Result<Vec<_>, _>>()?;
    let now = parse_date_time(text(i, "now"))?;
    Ok(meal_core::compute::Engine::new(&logframes, &recipes, &schema, &periods, now)?.0)
}

/// The records of `csv` loaded with the input's `table_schema` when it has one (a table of
/// another schema than the engine's), else with the engine's `schema`.
fn compute_table(engine_input: &Value, csv: &str) -> Result<meal_core::data::Table, MealError> {
    let document = engine_input
        .get("table_schema")
        .unwrap_or(&engine_input["schema"]);
    let schema = meal_core::data::Schema::from_json(&document_text(document))?.value;
    Ok(meal_core::data::Table::from_csv(&schema, csv)?.table)
}

fn compute_op(op: &str, i: &Value) -> Result<Value, MealError> {
    let engine = compute_engine(i)?;
    let results = if op == "compute.run" {
        engine.compute(&compute_table(i, text(i, "csv"))?)?
    } else {
        let mut state = engine.empty();
        for csv in i["csv_parts"].as_array().expect("csv_parts") {
            let part = engine.partial(&compute_table(i, csv.as_str().expect("csv"))?)?;
            state.merge(&meal_core::compute::Partial::from_json(&part.to_json())?)?;
        }
        for raw in i["states"].as_array().into_iter().flatten() {
            state.merge(&meal_core::compute::Partial::from_json(
                raw.as_str().expect("state"),
            )?)?;
        }
        engine.finalize(&state)?
    };
    let codes: Vec<&str> = results.findings.iter().map(|f| f.code.as_str()).collect();
    Ok(json!({"ok": {
        "figures": serde_json::to_value(&results.figures).expect("serialisable"),
        "rows_read": results.sources.rows_read,
        "rows_without_date": results.sources.rows_without_date,
        "findings": codes,
    }}))
}

// ---- quality (quality helper): tests/vectors/quality.json ----
/// `quality.check` and `quality.summary`: the CSV loaded against the schema, the checks read
/// (reading findings answer `{findings}`), run at `now`.
fn quality_op(op: &str, i: &Value) -> Result<Value, MealError> {
    let schema = meal_core::data::Schema::from_json(&document_text(&i["schema"]))?.value;
    let loaded = meal_core::data::Table::from_csv(&schema, text(i, "csv"))?;
    let checks = meal_core::quality::Checks::from_json(&document_text(&i["checks"]))?;
    if !checks.findings.is_empty() {
        let codes: Vec<&str> = checks.findings.iter().map(|f| f.code.as_str()).collect();
        return Ok(json!({ "findings": codes }));
    }
    let report =
        meal_core::quality::check(&loaded, &checks.value, parse_date_time(text(i, "now"))?)?;
    let value = if op == "quality.summary" {
        serde_json::to_value(report.summary())
    } else {
        serde_json::to_value(report)
    };
    Ok(json!({ "ok": value.expect("serialisable") }))
}

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
            let findings = messages(&report.findings);
            ok(json!({ "valid": report.valid, "findings": findings, "cleaned": report.cleaned }))
        }
        "form.check_many" => {
            let verdicts = form(i)?
                .compiled()?
                .check_many(&document_text(&i["submissions"]), &form_options(i)?)?;
            ok(verdicts
                .iter()
                .map(|v| json!({ "valid": v.valid, "findings": messages(&v.findings) }))
                .collect())
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
        // ---- privacy: rules, minimisation, DPIA, export, register, audit (rules helper)
        "privacy.rules" => ok(code_paths(&privacy::rules::check(&document_text(
            &i["rules"],
        ))?)),
        "privacy.minimisation" => {
            let a = privacy::minimisation::check(&privacy_form(&i["form"])?, &privacy_rules(i)?);
            ok(
                json!({ "production_ready": a.production_ready, "findings": code_paths(&a.findings) }),
            )
        }
        "privacy.dpia" => {
            let forms = i["forms"]
                .as_array()
                .expect("input.forms is a list")
                .iter()
                .map(privacy_form)
                .collect::<Result<Vec<_>, _>>()?;
            let s = privacy::dpia::screen(&privacy_rules(i)?, &forms, text(i, "purpose"))?;
            let reasons: Vec<_> = s
                .reasons
                .iter()
                .map(|r| json!({ "code": r.code, "source": r.source }))
                .collect();
            ok(json!({
                "required": s.required, "wp248_count": s.wp248_count,
                "reasons": reasons, "findings": code_paths(&s.findings),
            }))
        }
        "privacy.export" => ok(json!(privacy_export(i)?.0)),
        "privacy.export_apply" => {
            let (decision, form) = privacy_export(i)?;
            ok(privacy::export::apply(&decision, &form, &i["records"])?)
        }
        "privacy.register" => {
            let forms = i["forms"]
                .as_array()
                .expect("input.forms is a list")
                .iter()
                .map(privacy_form)
                .collect::<Result<Vec<_>, _>>()?;
            let register = privacy::register::Register::build(&privacy_rules(i)?, &forms);
            ok(serde_json::from_str(&register.to_json()).expect("the register is JSON"))
        }
        "privacy.audit_verify" => {
            let log = privacy::audit::AuditLog::from_json(&document_text(&i["log"]))?.value;
            match i["head"].as_str() {
                Some(head) => log.verify_head(head)?,
                None => log.verify()?,
            }
            ok(Value::Null)
        }
        // disclosure, microdata (micro helper)
        "disclosure.frequencies"
        | "disclosure.k_anonymity"
        | "disclosure.local_suppression"
        | "disclosure.risk"
        | "disclosure.recode" => ok(micro_op(op, i)?),
        // privacy, person side (pseudonyms, tokenisation, records, retention, consent, requests)
        "privacy.pseudonym"
        | "privacy.verify"
        | "privacy.tokenise"
        | "privacy.records"
        | "privacy.retention"
        | "privacy.consent"
        | "privacy.consent_withdraw"
        | "privacy.access"
        | "privacy.erase"
        | "privacy.rectify" => run_privacy_person(op, i)?,
        // feedback, case side (workflow, deadlines, overdue, testimonies)
        "feedback.workflow"
        | "feedback.case_read"
        | "feedback.deadlines"
        | "feedback.overdue"
        | "feedback.can_publish"
        | "feedback.withdraw_testimony" => run_feedback_case(op, i)?,
        // feedback intake, routing and sealing (intake helper)
        "feedback.taxonomy"
        | "feedback.routing"
        | "feedback.route"
        | "feedback.view"
        | "feedback.refer"
        | "feedback.intake"
        | "feedback.claim_code"
        | "feedback.claim"
        | "feedback.seal"
        | "feedback.open" => run_feedback_intake(op, i)?,
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
        // compute (lead)
        "compute.run" | "compute.merge" => compute_op(op, i)?,
        // data (data helper): record tables loaded from CSV and JSON lines
        "data.load" => ok(data_load(i)?),
        // quality (quality helper)
        "quality.check" | "quality.summary" => quality_op(op, i)?,
        // Report (report helper).
        "report.sitrep" | "report.annual" => run_report(op, i)?,
        // Lessons-learned register (mission helper): tests/vectors/lessons.json
        "lessons.search" | "lessons.consolidate" | "lessons.check" => lessons_op(op, i)?,
        // ---- plan: MEAL plan check, coverage, reporting calendar (plan helper)
        "plan.check" | "plan.coverage" | "plan.calendar" => run_plan(op, i)?,
        // interop: IATI results and HXL (iati helper)
        "iati.export" | "iati.import" | "hxl.columns" | "hxl.csv" => interop_op(op, i)?,
        // migration (migration helper): mapping checks and runs with their reconciliation
        "migration.run" | "migration.check" => migration_op(op, i)?,
        // Submission envelopes for sync (mobile helper).
        "envelope.seal" | "envelope.verify" => envelope_op(op, i)?,
        // Authoring templates and MANO exports: tests/vectors/template.json, mano.json
        "template.read" | "template.write" => ok(template_op(op, i)?),
        "mano.read" => ok(mano_read(i)?),
        unknown => json!({ "unknown_op": unknown }),
    })
}

// ---- authoring templates and MANO exports (.xlsx readers) ----

fn workbook_bytes(input: &Value) -> Vec<u8> {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD
        .decode(text(input, "workbook"))
        .expect("input.workbook is base64")
}

/// `{document, findings: [{code, path}]}` of a template workbook read back.
fn authored<T>(read: meal_core::template::Authored<T>) -> Value {
    json!({ "document": read.document.is_some(), "findings": code_paths(&read.findings) })
}

/// `template.read` {kind, workbook} → what reading gives; `template.write` {kind: logframe,
/// locale, document} → the written workbook read back.
fn template_op(op: &str, i: &Value) -> Result<Value, MealError> {
    use meal_core::template;
    let bytes = if op == "template.write" {
        let logframe = logframe::Logframe::from_json(&document_text(&i["document"]))?.value;
        template::logframe::to_xlsx(&logframe, meal_core::Locale::parse(text(i, "locale")))?
    } else {
        workbook_bytes(i)
    };
    Ok(match i["kind"].as_str() {
        Some("plan") => authored(template::plan::from_xlsx(&bytes)?),
        _ => authored(template::logframe::from_xlsx(&bytes)?),
    })
}

/// `mano.read` {workbook, config?} → `{sheets: [{name, loaded}], findings: [{code, path,
/// params}]}`, `loaded` as `data.load` gives it.
fn mano_read(i: &Value) -> Result<Value, MealError> {
    let config = i.get("config").map(document_text);
    let export = meal_core::interop::mano::read_export(&workbook_bytes(i), config.as_deref())?;
    let sheets: Vec<_> = export
        .sheets
        .iter()
        .map(|s| json!({ "name": s.name, "loaded": s.loaded.summary_json() }))
        .collect();
    let findings: Vec<_> = export
        .findings
        .iter()
        .map(|f| json!({ "code": f.code, "path": f.path, "params": f.params }))
        .collect();
    Ok(json!({ "sheets": sheets, "findings": findings }))
}

// ---- envelope (mobile helper): submission envelopes sealed on the device, verified on the server ----

/// `envelope.seal` {form, submission, capture} → ok the envelope's JSON;
/// `envelope.verify` {envelope, form?} → findings (reading and verification codes).
fn envelope_op(op: &str, i: &Value) -> Result<Value, MealError> {
    use meal_core::envelope::{verify_json, Capture, Envelope};
    let form = match i.get("form") {
        Some(document) => Some(Form::from_json(&document_text(document))?.value),
        None => None,
    };
    if op == "envelope.verify" {
        let findings = verify_json(&document_text(&i["envelope"]), form.as_ref())?;
        let codes: Vec<_> = findings.into_iter().map(|f| f.code).collect();
        return Ok(json!({ "findings": codes }));
    }
    let c = &i["capture"];
    let capture = Capture {
        instance_id: text(c, "instance_id").to_owned(),
        device_id: text(c, "device_id").to_owned(),
        started_at: parse_date_time(text(c, "started_at"))?,
        completed_at: parse_date_time(text(c, "completed_at"))?,
        sealed_at: parse_date_time(text(c, "sealed_at"))?,
    };
    let form = form.expect("envelope.seal needs a form");
    let envelope = Envelope::seal(&form, &document_text(&i["submission"]), &capture)?;
    let written: Value = serde_json::from_str(&envelope.to_json()).expect("the envelope is JSON");
    Ok(json!({ "ok": written }))
}

// ---- migration (migration helper): mapping checks and runs with their reconciliation ----

/// `migration.run` {source_schema, csv, mapping} → ok `Migration::summary_json`;
/// `migration.check` {source_schema, mapping} → findings (codes).
fn migration_op(op: &str, i: &Value) -> Result<Value, MealError> {
    use meal_core::interop::migration;
    let schema = document_text(&i["source_schema"]);
    let mapping = document_text(&i["mapping"]);
    Ok(match op {
        "migration.run" => {
            json!({ "ok": migration::migrate_csv(&schema, text(i, "csv"), &mapping)?.summary_json() })
        }
        _ => {
            let findings = migration::check_documents(&schema, &mapping)?;
            json!({ "findings": findings.iter().map(|f| f.code.clone()).collect::<Vec<_>>() })
        }
    })
}

// ---- data (data helper): record tables loaded from CSV and JSON lines ----

/// `{schema, format: "csv" | "jsonl", text | bytes_base64}` → `Loaded::summary_json`.
fn data_load(input: &Value) -> Result<Value, MealError> {
    use base64::Engine as _;
    use meal_core::data::{Schema, Table as RecordTable};
    let schema = Schema::from_json(&document_text(&input["schema"]))?.value;
    let loaded = match (text(input, "format"), input["bytes_base64"].as_str()) {
        ("csv", Some(encoded)) => {
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(encoded)
                .expect("bytes_base64 is base64");
            RecordTable::from_csv_bytes(&schema, &bytes)?
        }
        ("csv", None) => RecordTable::from_csv(&schema, text(input, "text"))?,
        ("jsonl", None) => RecordTable::from_json_lines(&schema, text(input, "text"))?,
        (format, _) => panic!("data.load: unknown format {format}"),
    };
    Ok(loaded.summary_json())
}

// ---- plan (plan helper): MEAL plan check, coverage, reporting calendar ----

/// `plan.check` {plan} → findings; `plan.coverage` {plans, logframes, forms, rules} →
/// findings; `plan.calendar` {plans, request} → the calendar as serde JSON. The whole input is
/// the JSON the core's entry points read, as a binding passes it.
fn run_plan(op: &str, input: &Value) -> Result<Value, MealError> {
    use meal_core::plan::{calendar::Calendar, coverage, meal_plan};
    let codes = |findings: Vec<meal_core::Finding>| json!({ "findings": findings.into_iter().map(|f| f.code).collect::<Vec<_>>() });
    Ok(match op {
        "plan.check" => codes(meal_plan::check(&document_text(&input["plan"]))?),
        "plan.coverage" => codes(coverage::check_json(&input.to_string())?),
        "plan.calendar" => {
            let calendar = Calendar::build_json(&input.to_string())?;
            json!({ "ok": serde_json::to_value(calendar).expect("serialisable") })
        }
        _ => unreachable!("only plan ops are routed here"),
    })
}

// ---- interop: IATI results and HXL (iati helper) ----

/// `iati.export` {logframes, results: Results JSON | null, request} → the XML text;
/// `iati.import` {xml} → the model's serde JSON; `hxl.columns` {schema, pattern} → [names];
/// `hxl.csv` {schema, csv} → the CSV text, or `{findings}` when the schema has findings.
fn interop_op(op: &str, i: &Value) -> Result<Value, MealError> {
    use meal_core::compute::Results;
    use meal_core::data::{Schema, Table as RecordTable};
    use meal_core::interop::{hxl, iati};
    let ok = |value: Value| json!({ "ok": value });
    Ok(match op {
        "iati.export" => {
            let logframes = i["logframes"]
                .as_array()
                .expect("logframes is a list")
                .iter()
                .map(|l| logframe::Logframe::from_json(&document_text(l)).map(|p| p.value))
                .collect::<Result<Vec<_>, _>>()?;
            let results: Option<Results> = match &i["results"] {
                Value::Null => None,
                r => Some(serde_json::from_value(r.clone()).expect("results are Results JSON")),
            };
            let request = iati::IatiRequest::from_json(&document_text(&i["request"]))?;
            let activities =
                iati::Activities::from_logframes(&logframes, results.as_ref(), &request)?;
            ok(json!(activities.to_xml()))
        }
        "iati.import" => {
            let activities = iati::Activities::from_xml(text(i, "xml"))?;
            ok(serde_json::to_value(activities).expect("serialisable"))
        }
        "hxl.columns" => {
            let schema = Schema::from_json(&document_text(&i["schema"]))?.value;
            let pattern = hxl::Pattern::parse(text(i, "pattern"))?;
            ok(json!(hxl::columns_matching(&schema, &pattern)))
        }
        "hxl.csv" => {
            let parsed = Schema::from_json(&document_text(&i["schema"]))?;
            if !parsed.findings.is_empty() {
                let codes: Vec<&str> = parsed.findings.iter().map(|f| f.code.as_str()).collect();
                return Ok(json!({ "findings": codes }));
            }
            let loaded = RecordTable::from_csv(&parsed.value, text(i, "csv"))?;
            ok(json!(hxl::to_csv(&loaded.table)))
        }
        other => panic!("not an interop op: {other}"),
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
    let mut ran = String::new();
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
                let file_name = file.file_name().unwrap_or_default().to_string_lossy();
                ran.push_str(&format!("{file_name}:{name}\n"));
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
    record_ran("rust", &ran);
}

/// Writes the `file:name` of every passed vector to `$MEAL_VECTORS_RAN/<runner>.txt` when the
/// suite asks for it: `tests/vectors/runners.py` then checks that every runner ran every vector.
fn record_ran(runner: &str, ran: &str) {
    if let Some(dir) = std::env::var_os("MEAL_VECTORS_RAN") {
        let dir = PathBuf::from(dir);
        std::fs::create_dir_all(&dir).expect("MEAL_VECTORS_RAN is creatable");
        std::fs::write(dir.join(format!("{runner}.txt")), ran)
            .expect("MEAL_VECTORS_RAN is writable");
    }
}

// ---- lessons-learned register (mission helper): tests/vectors/lessons.json ----

/// Reads a lessons register given as an object or raw JSON text.
fn lessons_register(
    document: &Value,
) -> Result<meal_core::document::Parsed<meal_core::plan::LessonsRegister>, MealError> {
    meal_core::plan::LessonsRegister::from_json(&document_text(document))
}

/// `lessons.search` {register, query} → ok [ids]; `lessons.consolidate` {registers} →
/// ok {lessons: [ids], findings: [codes]}; `lessons.check` {register} → findings (reading
/// findings and `validate`). A register with reading findings answers `{findings}`.
fn lessons_op(op: &str, i: &Value) -> Result<Value, MealError> {
    use meal_core::plan::{LessonQuery, LessonsRegister};
    let codes = |findings: &[meal_core::Finding]| -> Vec<String> {
        findings.iter().map(|f| f.code.clone()).collect()
    };
    match op {
        "lessons.search" => {
            let register = lessons_register(&i["register"])?;
            if !register.findings.is_empty() {
                return Ok(json!({ "findings": codes(&register.findings) }));
            }
            let query = LessonQuery::from_json(&document_text(&i["query"]))?;
            let ids: Vec<&str> = register
                .value
                .search(&query)
                .iter()
                .map(|l| l.id.as_str())
                .collect();
            Ok(json!({ "ok": ids }))
        }
        "lessons.consolidate" => {
            let mut registers = Vec::new();
            for document in i["registers"].as_array().expect("registers is an array") {
                registers.push(lessons_register(document)?.value);
            }
            let (mission, findings) = LessonsRegister::consolidate(&registers);
            let ids: Vec<&str> = mission.lessons.iter().map(|l| l.id.as_str()).collect();
            Ok(json!({ "ok": { "lessons": ids, "findings": codes(&findings) } }))
        }
        _ => {
            let register = lessons_register(&i["register"])?;
            let all =
                meal_core::error::merged_findings(&register.findings, register.value.validate());
            Ok(json!({ "findings": codes(&all) }))
        }
    }
}
