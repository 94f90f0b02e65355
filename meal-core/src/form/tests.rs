use serde_json::{json, Value as J};

use super::*;
use crate::error::Severity;

fn now() -> chrono::DateTime<chrono::FixedOffset> {
    chrono::DateTime::parse_from_rfc3339("2026-11-27T10:00:00+01:00").unwrap()
}

fn opts(locale: &str) -> Options {
    Options::new(locale, now())
}

fn form(fields: J, choices: J) -> Form {
    serde_json::from_value(json!({
        "format_version": 1, "id": "t", "version": "1", "default_language": "en",
        "fields": fields, "choices": choices
    }))
    .unwrap()
}

fn compiled(fields: J, choices: J) -> CompiledForm {
    let (c, findings) = CompiledForm::new(form(fields, choices));
    assert!(findings.iter().all(|f| !f.is_blocking()), "{findings:#?}");
    c.unwrap()
}

fn codes(report: &Report) -> Vec<(String, String)> {
    report
        .findings
        .iter()
        .map(|f| (f.finding.code.clone(), f.finding.path.clone()))
        .collect()
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
        .collect()
}

fn household() -> CompiledForm {
    compiled(
        json!([
            {"name": "consent", "type": {"kind": "select_one", "list": "yn"}, "required": true,
             "label": {"en": "Consent?", "fr": "Consentement ?"}},
            {"name": "hh", "type": {"kind": "group"}, "relevant": "${consent} = 'yes'", "children": [
                {"name": "size", "type": {"kind": "integer"}, "required": true,
                 "constraint": ". >= 1 and . <= 30",
                 "constraint_message": {"en": "Between 1 and 30 people", "fr": "Entre 1 et 30 personnes"}},
                {"name": "income", "type": {"kind": "decimal"}, "warning": ". < 100000",
                 "warning_message": {"fr": "Revenu très élevé"}},
                {"name": "per_head", "type": {"kind": "calculate"}, "calculation": "${income} div ${size}"},
                {"name": "members", "type": {"kind": "repeat"}, "repeat_count": "${size}", "children": [
                    {"name": "age", "type": {"kind": "integer"}, "required": true},
                    {"name": "school", "type": {"kind": "select_one", "list": "yn"},
                     "relevant": "${age} >= 6 and ${age} < 18"}
                ]},
                {"name": "adults", "type": {"kind": "calculate"}, "calculation": "count(${members}) - 0"}
            ]},
            {"name": "note_end", "type": {"kind": "note"}}
        ]),
        json!({"yn": [{"name": "yes", "label": {"en": "Yes", "fr": "Oui"}},
                      {"name": "no", "label": {"en": "No", "fr": "Non"}}]}),
    )
}

#[test]
fn a_valid_submission_is_cleaned_and_computed() {
    let c = household();
    let r = c
        .validate(
            r#"{"consent": "yes", "size": "2", "income": 1000.50,
                "members": [{"age": 40}, {"age": 9, "school": "yes"}]}"#,
            &opts("en"),
        )
        .unwrap();
    assert!(r.valid, "{:#?}", r.findings);
    assert!(r.findings.is_empty(), "{:#?}", r.findings);
    assert_eq!(
        r.cleaned,
        json!({"consent": "yes", "size": 2, "income": "1000.5", "per_head": "500.25",
               "members": [{"age": 40}, {"age": 9, "school": "yes"}], "adults": "2"})
    );
}

#[test]
fn non_relevant_values_are_reported_and_removed() {
    let c = household();
    let r = c
        .validate(
            r#"{"consent": "no", "size": 3, "members": [{"age": 4, "school": "no"}], "income": null}"#,
            &opts("en"),
        )
        .unwrap();
    assert!(r.valid);
    assert_eq!(
        codes(&r),
        pairs(&[
            ("form.non_relevant_value", "/members"),
            ("form.non_relevant_value", "/size")
        ])
    );
    assert_eq!(r.findings[0].finding.severity, Severity::Warning);
    assert_eq!(r.cleaned, json!({"consent": "no"}));
    // inside a repeat, relevance per instance
    let r = c
        .validate(
            r#"{"consent": "yes", "size": 1, "members": [{"age": 30, "school": "no"}]}"#,
            &opts("en"),
        )
        .unwrap();
    assert_eq!(
        codes(&r),
        pairs(&[("form.non_relevant_value", "/members/0/school")])
    );
    assert_eq!(r.cleaned["members"], json!([{"age": 30}]));
}

#[test]
fn required_constraint_and_warning_with_author_messages() {
    let c = household();
    let r = c
        .validate(
            r#"{"consent": "yes", "size": 40, "income": 200000, "members": []}"#,
            &opts("fr"),
        )
        .unwrap();
    assert!(!r.valid);
    assert_eq!(
        codes(&r),
        pairs(&[
            ("form.warning", "/income"),
            ("form.repeat_count_mismatch", "/members"),
            ("form.constraint", "/size"),
        ])
    );
    assert_eq!(r.findings[0].message, "Revenu très élevé");
    assert_eq!(r.findings[2].message, "Entre 1 et 30 personnes");
    assert!(
        r.findings[1].message.contains("entrées"),
        "{}",
        r.findings[1].message
    );
    // English reader: the warning has no English text and the default language is en → library
    let r = c
        .validate(
            r#"{"consent": "yes", "size": 0, "income": 200000}"#,
            &opts("en-GB"),
        )
        .unwrap();
    assert_eq!(
        r.findings[0].message,
        "Please check this value (rule: . < 100000)"
    );
    assert_eq!(
        r.findings.last().unwrap().message,
        "Between 1 and 30 people"
    );
    // required only when relevant
    let r = c.validate(r#"{"consent": "yes"}"#, &opts("fr")).unwrap();
    assert_eq!(codes(&r), pairs(&[("form.required", "/size")]));
    assert_eq!(r.findings[0].message, "Ce champ est obligatoire");
    let r = c.validate(r#"{"consent": "no"}"#, &opts("fr")).unwrap();
    assert!(r.valid && r.findings.is_empty());
}

#[test]
fn type_errors_unknown_keys_and_structure() {
    let c = household();
    let r = c
        .validate(
            r#"{"consent": "maybe", "size": 2.0, "hh": {"size": 2}, "sise": 3, "note_end": "x",
                "members": [{"age": "x"}, 5], "consent": "yes"}"#,
            &opts("en"),
        )
        .unwrap();
    assert_eq!(
        codes(&r),
        pairs(&[
            ("form.choice_not_in_list", "/consent"),
            ("form.duplicate_key", "/consent"),
            ("form.group_value", "/hh"),
            ("form.non_relevant_value", "/members"),
            ("form.invalid_repeat", "/members/1"),
            ("form.note_value", "/note_end"),
            ("form.unknown_field", "/sise"),
            ("form.non_relevant_value", "/size"),
        ])
    );
    // consent is not "yes" (invalid → empty), so the group's content is not relevant
    let r = c
        .validate(
            r#"{"consent": "yes", "size": 2.0, "members": [{"age": "x", "village": 1}, 5]}"#,
            &opts("en"),
        )
        .unwrap();
    assert_eq!(
        codes(&r),
        pairs(&[
            ("form.invalid_integer", "/members/0/age"),
            ("form.unknown_field", "/members/0/village"),
            ("form.invalid_repeat", "/members/1"),
            ("form.invalid_integer", "/size"),
        ])
    );
    assert_eq!(r.cleaned["size"], json!(2.0));
    assert_eq!(r.cleaned["members"][1], json!(5));
}

#[test]
fn only_json_objects_are_submissions() {
    let c = household();
    assert_eq!(
        c.validate("[1]", &opts("en")).unwrap_err().code,
        "form.submission_not_object"
    );
    assert_eq!(
        c.validate("{", &opts("en")).unwrap_err().code,
        "json.malformed"
    );
    assert_eq!(
        c.state("3", &opts("en")).unwrap_err().code,
        "form.submission_not_object"
    );
}

#[test]
fn state_lists_every_instance_and_agrees_with_validate() {
    let c = household();
    let sub = r#"{"consent": "yes", "size": 2, "members": [{"age": 9}, {}]}"#;
    let states = c.state(sub, &opts("en")).unwrap();
    let paths: Vec<&str> = states.iter().map(|s| s.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "/consent",
            "/hh",
            "/size",
            "/income",
            "/per_head",
            "/members",
            "/members/0/age",
            "/members/0/school",
            "/members/1/age",
            "/members/1/school",
            "/adults",
            "/note_end"
        ]
    );
    let by: std::collections::BTreeMap<&str, &FieldState> =
        states.iter().map(|s| (s.path.as_str(), s)).collect();
    assert!(by["/members/0/school"].relevant);
    assert!(!by["/members/1/school"].relevant);
    assert!(by["/members/1/age"].required);
    assert_eq!(
        by["/members/1/age"].findings[0].finding.code,
        "form.required"
    );
    assert!(by["/per_head"].read_only);
    assert_eq!(by["/members"].value, json!(2));
    assert_eq!(by["/adults"].value, json!("2"));
    let report = c.validate(sub, &opts("en")).unwrap();
    let from_state: Vec<_> = states.iter().flat_map(|s| s.findings.clone()).collect();
    assert_eq!(from_state.len(), report.findings.len());
}

/// A repeat inside a repeat: a field reads the enclosing instance's fields, `position(..)` its
/// own instance, and a field outside a repeat the list of all instances below it.
#[test]
fn nested_repeats_read_their_enclosing_instances() {
    let c = compiled(
        json!([
            {"name": "outer", "type": {"kind": "repeat"}, "children": [
                {"name": "o_name", "type": {"kind": "text"}},
                {"name": "o_age", "type": {"kind": "integer"}},
                {"name": "o_pos", "type": {"kind": "calculate"}, "calculation": "position(..)"},
                {"name": "inner", "type": {"kind": "repeat"}, "children": [
                    {"name": "i_val", "type": {"kind": "decimal"}, "constraint": ". <= ${o_age}"},
                    {"name": "i_calc", "type": {"kind": "calculate"},
                     "calculation": "concat(${o_name}, '-', position(..))"}
                ]},
                {"name": "i_sum", "type": {"kind": "calculate"}, "calculation": "sum(${i_val})"}
            ]},
            {"name": "total", "type": {"kind": "calculate"}, "calculation": "sum(${i_val})"}
        ]),
        json!({}),
    );
    let report = c
        .validate(
            r#"{"outer": [{"o_name": "a", "o_age": 5, "inner": [{"i_val": 1}, {"i_val": 7}]},
                         {"o_name": "b", "o_age": 2, "inner": [{"i_val": 2}]}]}"#,
            &opts("en"),
        )
        .unwrap();
    // 7 > 5 (the first instance's age); 2 <= 2 in the second.
    assert_eq!(
        codes(&report),
        pairs(&[("form.constraint", "/outer/0/inner/1/i_val")])
    );
    assert_eq!(
        report.cleaned,
        json!({
            "outer": [
                {"i_sum": "8", "inner": [{"i_calc": "a-1", "i_val": "1"}, {"i_calc": "a-2", "i_val": "7"}],
                 "o_age": 5, "o_name": "a", "o_pos": "1"},
                {"i_sum": "2", "inner": [{"i_calc": "b-1", "i_val": "2"}], "o_age": 2, "o_name": "b",
                 "o_pos": "2"}
            ],
            "total": "10"
        })
    );
}

#[test]
fn choice_filters_read_choice_columns() {
    let c = compiled(
        json!([
            {"name": "region", "type": {"kind": "select_one", "list": "regions"}},
            {"name": "district", "type": {"kind": "select_one", "list": "districts"},
             "choice_filter": "region = ${region}"}
        ]),
        json!({
            "regions": [{"name": "north"}, {"name": "south"}],
            "districts": [{"name": "d1", "properties": {"region": "north"}},
                          {"name": "d2", "properties": {"region": "south"}}]
        }),
    );
    let ok = c
        .validate(r#"{"region": "north", "district": "d1"}"#, &opts("en"))
        .unwrap();
    assert!(ok.valid, "{:#?}", ok.findings);
    let bad = c
        .validate(r#"{"region": "north", "district": "d2"}"#, &opts("en"))
        .unwrap();
    assert_eq!(codes(&bad), pairs(&[("form.choice_filtered", "/district")]));
}

#[test]
fn compile_findings() {
    let f = form(
        json!([
            {"name": "a", "type": {"kind": "integer"}, "relevant": "${zz} > 1"},
            {"name": "a", "type": {"kind": "text"}},
            {"name": "1bad", "type": {"kind": "text"}, "constraint": "(. > "},
            {"name": "s", "type": {"kind": "select_one", "list": "nope"}},
            {"name": "m", "type": {"kind": "select_multiple", "list": ""}},
            {"name": "c", "type": {"kind": "calculate"}},
            {"name": "g", "type": {"kind": "group"}},
            {"name": "r", "type": {"kind": "repeat"}, "min_count": 3, "max_count": 1,
             "children": [{"name": "x", "type": {"kind": "text"}}]},
            {"name": "n", "type": {"kind": "note"}, "required": true},
            {"name": "t", "type": {"kind": "text"}, "children": [{"name": "y", "type": {"kind": "text"}}],
             "repeat_count": "2", "label": {"en": "T"}},
            {"name": "rg", "type": {"kind": "range", "start": "0", "end": "x", "step": "-1"}, "label": {"fr": "R", "en": "R"}},
            {"name": "d", "type": {"kind": "date"}, "default": "yesterday"}
        ]),
        json!({"empty": [], "l": [{"name": "a"}, {"name": "a"}, {"name": "b c"}]}),
    );
    let (c, findings) = CompiledForm::new(f);
    assert!(c.is_none(), "duplicate names: no compiled form");
    let got: Vec<(&str, &str)> = findings
        .iter()
        .map(|f| (f.code.as_str(), f.path.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("form.empty_list", "/choices/empty"),
            ("form.duplicate_choice", "/choices/l/1/name"),
            ("form.invalid_choice_name", "/choices/l/2/name"),
            ("form.unknown_reference", "/fields/0/relevant"),
            ("form.duplicate_name", "/fields/1/name"),
            ("form.bad_range", "/fields/10/type/end"),
            ("form.bad_range", "/fields/10/type/step"),
            ("form.bad_default", "/fields/11/default"),
            ("form.bad_expression", "/fields/2/constraint"),
            ("form.invalid_name", "/fields/2/name"),
            ("form.unknown_list", "/fields/3/type/list"),
            ("form.missing_list", "/fields/4/type/list"),
            ("form.missing_calculation", "/fields/5"),
            ("form.empty_group", "/fields/6"),
            ("form.count_bounds", "/fields/7/min_count"),
            ("form.required_note", "/fields/8/required"),
            ("form.unexpected_children", "/fields/9/children"),
            ("form.missing_translation", "/fields/9/label"),
            ("form.misplaced_property", "/fields/9/repeat_count"),
        ]
    );
}

#[test]
fn cycles_and_self_references() {
    let (c, findings) = CompiledForm::new(form(
        json!([
            {"name": "a", "type": {"kind": "calculate"}, "calculation": "${b} + 1"},
            {"name": "b", "type": {"kind": "calculate"}, "calculation": "${a} + 1"},
            {"name": "c", "type": {"kind": "integer"}, "relevant": "${d} > 1"},
            {"name": "d", "type": {"kind": "integer"}, "relevant": "${c} > 1"},
            {"name": "e", "type": {"kind": "calculate"}, "calculation": "${e} + 1"}
        ]),
        json!({}),
    ));
    assert!(c.is_none());
    let got: Vec<(&str, &str, Option<&String>)> = findings
        .iter()
        .map(|f| (f.code.as_str(), f.path.as_str(), f.params.get("names")))
        .collect();
    assert_eq!(got[0].0, "form.calculation_cycle");
    assert_eq!(got[0].2.unwrap(), "a, b");
    assert_eq!(
        got[1],
        (
            "form.dependency_cycle",
            "/fields/2/relevant",
            Some(&"c, d".to_owned())
        )
    );
    assert_eq!(got[2].0, "form.self_reference");
    assert_eq!(got.len(), 3);
}

#[test]
fn from_json_reads_compiles_and_round_trips() {
    let c = household();
    let text = c.form().to_json();
    let (again, findings) = CompiledForm::from_json(&text).unwrap();
    assert!(findings.is_empty());
    assert_eq!(again.form(), c.form());
    assert_eq!(c.field("age").unwrap().name, "age");
    assert!(c.field("nope").is_none());
    let broken = text.replace("\"per_head\"", "\"size\"");
    assert_eq!(
        CompiledForm::from_json(&broken).unwrap_err().code,
        "form.not_compilable"
    );
    let unknown = text.replacen("\"id\"", "\"colour\": 1, \"id\"", 1);
    let (_, findings) = CompiledForm::from_json(&unknown).unwrap();
    assert_eq!(findings[0].code, "document.unknown_field");
}

#[test]
fn every_type_reads_its_values() {
    let c = compiled(
        json!([
            {"name": "t", "type": {"kind": "text"}},
            {"name": "i", "type": {"kind": "integer"}},
            {"name": "d", "type": {"kind": "decimal"}},
            {"name": "r", "type": {"kind": "range", "start": "1", "end": "5", "step": "0.5"}},
            {"name": "da", "type": {"kind": "date"}},
            {"name": "ti", "type": {"kind": "time"}},
            {"name": "dt", "type": {"kind": "date_time"}},
            {"name": "so", "type": {"kind": "select_one", "list": "l"}},
            {"name": "sm", "type": {"kind": "select_multiple", "list": "l"}},
            {"name": "ack", "type": {"kind": "acknowledge"}},
            {"name": "gp", "type": {"kind": "geopoint"}},
            {"name": "st", "type": {"kind": "start"}},
            {"name": "td", "type": {"kind": "today"}},
            {"name": "bc", "type": {"kind": "barcode"}}
        ]),
        json!({"l": [{"name": "a"}, {"name": "b"}]}),
    );
    let good = r#"{"t": "x", "i": -3, "d": "1e1", "r": 4.5, "da": "2026-01-31", "ti": "08:30",
        "dt": "2026-11-27T10:00:00-05:00", "so": "a", "sm": ["b", "a"], "ack": "OK",
        "gp": [12.5, -3], "st": "2026-11-27T09:00:00Z", "td": "2026-11-27", "bc": "123"}"#;
    let r = c.validate(good, &opts("en")).unwrap();
    assert!(r.findings.is_empty(), "{:#?}", r.findings);
    assert_eq!(r.cleaned["d"], json!("10"));
    assert_eq!(r.cleaned["sm"], json!("b a"));
    assert_eq!(r.cleaned["gp"], json!("12.5 -3"));
    assert_eq!(r.cleaned["dt"], json!("2026-11-27T10:00:00-05:00"));
    let bad = r#"{"t": 1, "i": "1.5", "d": "x", "r": 6, "da": "2026-13-01", "ti": "8:30",
        "dt": "2026-11-27", "so": "c", "sm": "a a", "ack": "yes", "gp": "100 0", "st": 5,
        "td": "", "bc": null}"#;
    let r = c.validate(bad, &opts("en")).unwrap();
    let got: Vec<String> = r.findings.iter().map(|f| f.finding.code.clone()).collect();
    assert_eq!(
        got,
        [
            "form.invalid_acknowledge",
            "form.invalid_decimal",
            "form.invalid_date",
            "form.invalid_datetime",
            "form.invalid_geopoint",
            "form.invalid_integer",
            "form.range_bounds",
            "form.duplicate_selection",
            "form.choice_not_in_list",
            "form.invalid_datetime",
            "form.invalid_text",
            "form.invalid_time"
        ]
    );
    assert_eq!(r.findings[6].message, "6 is outside the range 1 to 5");
}

#[test]
fn json_schema_exports_static_rules() {
    let c = household();
    let schema = c.json_schema();
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    assert_eq!(schema["additionalProperties"], false);
    assert_eq!(schema["required"], json!(["consent"]));
    assert_eq!(
        schema["properties"]["consent"]["enum"],
        json!(["yes", "no"])
    );
    assert_eq!(
        schema["properties"]["members"]["items"]["additionalProperties"],
        false
    );
    assert!(schema["$comment"].as_str().unwrap().contains("relevance"));
    assert!(schema["properties"].get("hh").is_none());
}

#[test]
fn term_and_message_tables_cover_the_codes_raised() {
    for code in [
        "form.required",
        "form.constraint",
        "form.warning",
        "form.unknown_field",
        "form.calculation_cycle",
        "form.bad_expression",
        "form.not_compilable",
    ] {
        assert!(crate::i18n::lookup(code).is_some(), "{code}");
    }
}

#[test]
fn check_gives_validate_findings_without_the_cleaned_copy() {
    let form = household();
    let text = r#"{"consent": "yes", "size": 40, "income": 200000}"#;
    let report = form.validate(text, &opts("fr")).unwrap();
    let verdict = form.check(text, &opts("fr")).unwrap();
    assert_eq!(verdict.findings, report.findings);
    assert_eq!(verdict.valid, report.valid);
    assert!(!verdict.valid);
}

#[test]
fn check_many_keeps_one_verdict_per_element_in_order() {
    let form = household();
    let batch = r#"[{"consent": "no"}, 7, {"consent": "yes", "size": 0}, []]"#;
    let verdicts = form.check_many(batch, &opts("en")).unwrap();
    assert_eq!(verdicts.len(), 4);
    assert!(verdicts[0].valid && verdicts[0].findings.is_empty());
    fn lone(v: &Verdict) -> Vec<(&str, &str)> {
        v.findings
            .iter()
            .map(|f| (f.finding.code.as_str(), f.finding.path.as_str()))
            .collect()
    }
    assert_eq!(lone(&verdicts[1]), [("form.submission_not_object", "/1")]);
    assert_eq!(verdicts[1].findings[0].finding.params["found"], "number");
    assert!(verdicts[1].findings[0].message.contains("not a number"));
    assert!(!verdicts[2].valid);
    assert!(lone(&verdicts[2]).contains(&("form.constraint", "/size")));
    assert_eq!(lone(&verdicts[3]), [("form.submission_not_object", "/3")]);
}

#[test]
fn check_many_over_several_cores_gives_each_submission_its_own_verdict_in_order() {
    let form = household();
    // Several chunks of work: the 700th item sits in the third.
    let items: Vec<String> = (0..1000)
        .map(|i| match i % 7 {
            0 => "\"text\"".to_owned(),
            1 => r#"{"consent": "no"}"#.to_owned(),
            _ => format!(r#"{{"consent": "yes", "size": {}}}"#, i % 5),
        })
        .collect();
    let verdicts = form
        .check_many(&format!("[{}]", items.join(",")), &opts("en"))
        .unwrap();
    assert_eq!(verdicts.len(), items.len());
    for (i, (item, verdict)) in items.iter().zip(&verdicts).enumerate() {
        if i % 7 == 0 {
            let at = format!("/{i}");
            assert_eq!(verdict.findings[0].finding.path, at);
            assert_eq!(
                verdict.findings[0].finding.code,
                "form.submission_not_object"
            );
        } else {
            assert_eq!(*verdict, form.check(item, &opts("en")).unwrap(), "item {i}");
        }
    }
}

#[test]
fn check_many_refuses_text_that_is_no_array() {
    let form = household();
    let code = |text: &str| form.check_many(text, &opts("en")).unwrap_err().code;
    assert_eq!(code(r#"{"consent": "no"}"#), "form.batch_not_array");
    assert_eq!(code("[{"), "json.malformed");
    assert!(form.check_many("[]", &opts("en")).unwrap().is_empty());
}

#[test]
fn check_many_gives_the_error_of_the_whole_text_when_an_element_is_not_json() {
    let form = household();
    // Elements are parsed one by one; a bad one sends the whole text to the parser, whose
    // error (with its line and column) is the answer.
    for text in [
        "[{\"consent\": \"no\"},\n {\"consent\": tru}]",
        "[{\"consent\": \"no\"}, {\"consent\": 1]}]",
        "[{\"consent\": \"no\"}, 01]",
    ] {
        let error = form.check_many(text, &opts("en")).unwrap_err();
        let whole = super::values::parse(text).map_err(|e| crate::document::malformed(&e));
        assert_eq!(Err(error), whole.map(|_| ()), "{text}");
    }
}

#[test]
fn a_form_beyond_the_field_limit_is_refused_before_compiling() {
    let fields: Vec<J> = (0..=MAX_FORM_FIELDS)
        .map(|i| json!({"name": format!("f{i}"), "type": {"kind": "text"}}))
        .collect();
    let (compiled, findings) = CompiledForm::new(form(J::Array(fields), json!({})));
    assert!(compiled.is_none());
    assert_eq!(findings.len(), 1);
    let f = &findings[0];
    assert_eq!(
        (f.code.as_str(), f.path.as_str()),
        ("form.too_many_fields", "/fields")
    );
    assert_eq!(f.params["count"], "10001");
    assert_eq!(f.params["max"], "10000");
    assert_eq!(
        f.message(crate::i18n::Locale::parse("fr")),
        "Le formulaire a 10001 champs ; 10000 au plus sont admis"
    );
    // Children count: a group holding the limit's worth of fields is one field too many.
    let children: Vec<J> = (0..MAX_FORM_FIELDS)
        .map(|i| json!({"name": format!("f{i}"), "type": {"kind": "text"}}))
        .collect();
    let group = json!([{"name": "g", "type": {"kind": "group"}, "children": children}]);
    let (compiled, findings) = CompiledForm::new(form(group, json!({})));
    assert!(compiled.is_none());
    assert_eq!(findings[0].code, "form.too_many_fields");
}

#[test]
fn a_form_at_the_field_limit_compiles() {
    let fields: Vec<J> = (0..MAX_FORM_FIELDS)
        .map(|i| json!({"name": format!("f{i}"), "type": {"kind": "text"}}))
        .collect();
    let (compiled, findings) = CompiledForm::new(form(J::Array(fields), json!({})));
    assert!(compiled.is_some());
    assert!(findings.is_empty(), "{findings:?}");
}

#[test]
fn repeat_instances_beyond_the_limit_are_reported_not_dropped_silently() {
    let c = compiled(
        json!([{"name": "members", "type": {"kind": "repeat"}, "max_count": 20000, "children": [
            {"name": "age", "type": {"kind": "integer"}, "constraint": ". < 100"}
        ]}]),
        json!({}),
    );
    let mut items = vec![json!({"age": 1}); MAX_REPEAT_INSTANCES];
    // Past the limit: an invalid value nobody checks, then the count.
    items.push(json!({"age": 500}));
    let text = json!({ "members": items }).to_string();
    let report = c.validate(&text, &opts("en")).unwrap();
    assert!(!report.valid);
    assert_eq!(
        codes(&report),
        pairs(&[("form.too_many_instances", "/members")])
    );
    let f = &report.findings[0];
    assert_eq!(f.finding.params["count"], "10001");
    assert_eq!(f.finding.params["max"], "10000");
    assert_eq!(
        f.message,
        "10001 entries; at most 10000 are read: the entries after the first 10000 were neither checked nor kept"
    );
    assert_eq!(
        report.cleaned["members"].as_array().unwrap().len(),
        MAX_REPEAT_INSTANCES
    );
    assert_eq!(
        c.check(&text, &opts("en")).unwrap().findings,
        report.findings
    );
    // At the limit: nothing to say.
    let text = json!({ "members": vec![json!({"age": 1}); MAX_REPEAT_INSTANCES] }).to_string();
    assert!(c.validate(&text, &opts("en")).unwrap().findings.is_empty());
}
