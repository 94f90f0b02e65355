//! Submission validation throughput: `CompiledForm::check` (parse + relevance + calculations +
//! types + constraints + messages; findings only) and `CompiledForm::validate` (the same plus
//! the cleaned copy) against the `jsonschema` crate validating the same submissions (parse +
//! validate) against the form's exported `json_schema()`, in the same run.
//!
//! ```text
//! cargo bench -p meal-core --bench forms
//! FORMS_PROFILE=check FORMS_PROFILE_COUNT=3000 valgrind --tool=callgrind \
//!     target/release/deps/forms-<hash> --bench      # one path alone (check|validate|jsonschema)
//! ```
//!
//! The form is a household survey: 50 fields (metadata, a consent gate, a household group with
//! skip logic, constraints, a warning, calculations, food-consumption ranges, a filtered
//! cascading select, a repeat of household members with per-member relevance). 100 000
//! submissions are generated from a fixed seed, 10 % with one error. A full pass over all of
//! them is timed first (best of 3 per path) and the ratios printed; criterion then measures
//! batches of 1 000 for the record (throughput per submission).
//!
//! Where the time goes (callgrind, instructions per `check` of one submission,
//! `--toggle-collect='meal_core::form::CompiledForm::check'`, 2 000 submissions, a release
//! build without LTO and with debug info): 2026-11-28, ~117 000 (the same build of the code
//! before was ~134 000; with LTO that code took ~129 000). `validate` ~174 000. The peer costs
//! ~119 000 (`serde_json::from_str`, `iter_errors`, dropping the `Value`). What changed: a
//! boolean evaluator (`and`, `or`, one comparison answered as `bool`s, numbers of equal scale
//! compared by mantissa: ~590 instructions per boolean expression, was ~900 per expression),
//! simple regex patterns on a bit-parallel automaton (`[0-9]{8,12}` took ~6 000 instructions
//! in `regex-lite`'s PikeVM), fields of the same scope or the top level read without
//! comparing repeat chains. Where the ~117 000 go: reading the text into the borrowed JSON tree
//! ~22 000 (our reader, strings scanned eight bytes at a time) and dropping it ~3 000; reading
//! the tree into the instance table ~32 000, of which typing values ~13 000 (~350 per value:
//! choice lookups, geopoint normalisation ~2 900, date-times, text copies for fields
//! expressions read); evaluating relevance, calculations and constraints ~27 000; the two
//! passes' walks, findings, messages and dropping the run ~15 000 (~9 000 of all this is
//! `malloc`/`free`). Tried and dropped earlier (no gain measured): boxing the evaluator's
//! error to shrink its `Result`; guessing a key's node from the previous key before hashing.
//! Reaching 2× needs about 60 000: typing values while reading the text (no JSON tree to
//! build and drop), values that borrow the submission's text instead of copying it, and
//! fewer allocations per run.

// A benchmark: a broken fixture should stop it loudly.
#![recursion_limit = "512"]
#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use meal_core::form::{CompiledForm, Form, Options};
use serde_json::{json, Value};

const SUBMISSIONS: usize = 100_000;

fn form() -> Form {
    let yn = |name: &str| json!({"name": name, "type": {"kind": "select_one", "list": "yn"}});
    let fcs = |name: &str| json!({"name": name, "type": {"kind": "range", "start": "0", "end": "7", "step": "1"}, "required": true});
    let fields = json!([
        {"name": "start", "type": {"kind": "start"}},
        {"name": "end", "type": {"kind": "end"}},
        {"name": "today", "type": {"kind": "today"}},
        {"name": "deviceid", "type": {"kind": "device_id"}},
        {"name": "enumerator", "type": {"kind": "text"}, "required": true},
        {"name": "interview_date", "type": {"kind": "date"}, "required": true, "constraint": ". <= today()"},
        {"name": "region", "type": {"kind": "select_one", "list": "regions"}, "required": true},
        {"name": "district", "type": {"kind": "select_one", "list": "districts"}, "required": true,
         "choice_filter": "region = ${region}"},
        {"name": "village", "type": {"kind": "text"}},
        {"name": "gps", "type": {"kind": "geopoint"}},
        {"name": "consent", "type": {"kind": "select_one", "list": "yn"}, "required": true},
        {"name": "hh", "type": {"kind": "group"}, "relevant": "${consent} = 'yes'", "children": [
            {"name": "head_name", "type": {"kind": "text"}, "required": true},
            {"name": "head_sex", "type": {"kind": "select_one", "list": "sex"}, "required": true},
            {"name": "head_age", "type": {"kind": "integer"}, "required": true, "constraint": ". >= 15 and . <= 110",
             "constraint_message": {"en": "Head of household: 15 to 110 years", "fr": "Chef de ménage : 15 à 110 ans"}},
            {"name": "hh_size", "type": {"kind": "integer"}, "required": true, "constraint": ". >= 1 and . <= 30"},
            yn("displaced"),
            {"name": "displacement_date", "type": {"kind": "date"}, "relevant": "${displaced} = 'yes'",
             "required": true, "constraint": ". <= ${interview_date}"},
            {"name": "shelter", "type": {"kind": "select_one", "list": "shelter"}},
            {"name": "rooms", "type": {"kind": "integer"}, "constraint": ". >= 0 and . <= 20"},
            {"name": "water_source", "type": {"kind": "select_one", "list": "water"}, "required": true},
            {"name": "water_time", "type": {"kind": "integer"}, "relevant": "${water_source} != 'piped'",
             "constraint": ". <= 600"},
            {"name": "income", "type": {"kind": "decimal"}, "constraint": ". >= 0", "warning": ". < 100000"},
            {"name": "expenses_food", "type": {"kind": "decimal"}, "constraint": ". >= 0"},
            {"name": "expenses_health", "type": {"kind": "decimal"}, "constraint": ". >= 0"},
            yn("debt"),
            {"name": "debt_amount", "type": {"kind": "decimal"}, "relevant": "${debt} = 'yes'", "required": true},
            {"name": "food_share", "type": {"kind": "calculate"},
             "calculation": "if(${income} > 0, round(${expenses_food} div ${income}, 2), 0)"},
            fcs("fcs_cereals"), fcs("fcs_pulses"), fcs("fcs_veg"), fcs("fcs_fruit"), fcs("fcs_meat"), fcs("fcs_milk"),
            {"name": "fcs", "type": {"kind": "calculate"},
             "calculation": "${fcs_cereals} * 2 + ${fcs_pulses} * 3 + ${fcs_veg} + ${fcs_fruit} + ${fcs_meat} * 4 + ${fcs_milk} * 4"},
            {"name": "needs", "type": {"kind": "select_multiple", "list": "needs"}, "constraint": "count-selected(.) <= 3"},
            {"name": "needs_other", "type": {"kind": "text"}, "relevant": "selected(${needs}, 'other')", "required": true},
            yn("assisted"),
            {"name": "assistance_date", "type": {"kind": "date"}, "relevant": "${assisted} = 'yes'"},
            {"name": "satisfaction", "type": {"kind": "range", "start": "1", "end": "5", "step": "1"},
             "relevant": "${assisted} = 'yes'"},
            {"name": "feedback", "type": {"kind": "text"}},
            {"name": "members", "type": {"kind": "repeat"}, "repeat_count": "${hh_size}", "max_count": 30, "children": [
                {"name": "m_name", "type": {"kind": "text"}, "required": true},
                {"name": "m_sex", "type": {"kind": "select_one", "list": "sex"}, "required": true},
                {"name": "m_age", "type": {"kind": "integer"}, "required": true, "constraint": ". >= 0 and . <= 110"},
                {"name": "m_school", "type": {"kind": "select_one", "list": "yn"}, "relevant": "${m_age} >= 6 and ${m_age} < 18"},
                {"name": "m_disability", "type": {"kind": "select_one", "list": "yn"}},
                {"name": "m_vaccinated", "type": {"kind": "select_one", "list": "yn"}, "relevant": "${m_age} < 5"}
            ]},
            {"name": "n_members", "type": {"kind": "calculate"}, "calculation": "count(${members})"}
        ]},
        {"name": "phone", "type": {"kind": "text"}, "constraint": "regex(., '[0-9]{8,12}')"},
        {"name": "ack_end", "type": {"kind": "acknowledge"}},
        {"name": "thanks", "type": {"kind": "note"}}
    ]);
    let list = |names: &[&str]| -> Value {
        names
            .iter()
            .map(|n| json!({"name": n, "label": {"en": n}}))
            .collect()
    };
    let districts: Vec<Value> = (0..12)
        .map(|i| json!({"name": format!("d{i}"), "properties": {"region": format!("r{}", i % 4)}}))
        .collect();
    serde_json::from_value(json!({
        "format_version": 1, "id": "household_survey", "version": "2026-11",
        "default_language": "en", "fields": fields,
        "choices": {
            "yn": list(&["yes", "no"]),
            "sex": list(&["f", "m"]),
            "regions": list(&["r0", "r1", "r2", "r3"]),
            "districts": districts,
            "shelter": list(&["tent", "house", "collective", "none"]),
            "water": list(&["piped", "well", "truck", "river"]),
            "needs": list(&["food", "water", "shelter", "health", "education", "cash", "other"]),
        }
    }))
    .expect("a valid form")
}

/// xorshift64*: a fixed, dependency-free generator.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }
}

fn submission(rng: &mut Rng, invalid: bool) -> String {
    let size = 1 + rng.below(8);
    let region = rng.below(4);
    let district = region + 4 * rng.below(3);
    let displaced = rng.below(3) == 0;
    let debt = rng.below(4) == 0;
    let assisted = rng.below(2) == 0;
    let water = rng.pick(&["piped", "well", "truck", "river"]);
    let mut s = json!({
        "start": "2026-11-20T08:00:00+01:00", "end": "2026-11-20T08:40:00+01:00",
        "today": "2026-11-20", "deviceid": format!("collect:{}", rng.below(1000)),
        "enumerator": rng.pick(&["amina", "jean", "li", "sara"]),
        "interview_date": "2026-11-20", "region": format!("r{region}"), "district": format!("d{district}"),
        "village": "Kalemie", "gps": format!("-5.9{} 29.19{} 780 5", rng.below(10), rng.below(10)),
        "consent": "yes", "head_name": "Head", "head_sex": rng.pick(&["f", "m"]),
        "head_age": 18 + rng.below(60), "hh_size": size,
        "displaced": if displaced { "yes" } else { "no" },
        "shelter": rng.pick(&["tent", "house", "collective"]), "rooms": rng.below(5),
        "water_source": water,
        "income": format!("{}.{}", rng.below(5000), rng.below(100)),
        "expenses_food": rng.below(2000), "expenses_health": rng.below(500),
        "debt": if debt { "yes" } else { "no" },
        "fcs_cereals": rng.below(8), "fcs_pulses": rng.below(8), "fcs_veg": rng.below(8),
        "fcs_fruit": rng.below(8), "fcs_meat": rng.below(8), "fcs_milk": rng.below(8),
        "needs": ["food", "water"], "assisted": if assisted { "yes" } else { "no" },
        "feedback": "Thanks for the visit", "phone": format!("0{}", 810_000_000 + rng.below(99_999_999)),
        "ack_end": "OK",
    });
    let o = s.as_object_mut().expect("an object");
    if displaced {
        o.insert("displacement_date".into(), json!("2025-03-14"));
    }
    if water != "piped" {
        o.insert("water_time".into(), json!(rng.below(120)));
    }
    if debt {
        o.insert("debt_amount".into(), json!(rng.below(1000)));
    }
    if assisted {
        o.insert("assistance_date".into(), json!("2026-10-01"));
        o.insert("satisfaction".into(), json!(1 + rng.below(5)));
    }
    let members: Vec<Value> = (0..size)
        .map(|_| {
            let age = rng.below(80);
            let mut m = json!({"m_name": "Member", "m_sex": rng.pick(&["f", "m"]), "m_age": age,
                               "m_disability": "no"});
            if (6..18).contains(&age) {
                m["m_school"] = json!("yes");
            }
            if age < 5 {
                m["m_vaccinated"] = json!("yes");
            }
            m
        })
        .collect();
    o.insert("members".into(), Value::Array(members));
    if invalid {
        match rng.below(6) {
            0 => {
                o.insert("head_age".into(), json!(7));
            }
            1 => {
                o.insert("interview_date".into(), json!("2026-13-01"));
            }
            2 => {
                o.insert("water_source".into(), json!("lake"));
            }
            3 => {
                o.remove("enumerator");
            }
            4 => {
                o.insert("colour".into(), json!("blue"));
            }
            _ => {
                o.insert("rooms".into(), json!("three"));
            }
        }
    }
    s.to_string()
}

fn submissions() -> Vec<String> {
    let mut rng = Rng(0x5EED_2026_1127);
    (0..SUBMISSIONS)
        .map(|i| submission(&mut rng, i % 10 == 9))
        .collect()
}

fn options() -> Options {
    Options::new(
        "fr",
        chrono::DateTime::parse_from_rfc3339("2026-11-27T10:00:00+01:00").expect("a date"),
    )
}

/// Writes `form.json`, `schema.json` (its JSON Schema) and `submissions.json` (the 100 000
/// submissions as one JSON array) into `dir`, for `benches/node/wasm.mjs`.
fn emit(dir: &std::path::Path, compiled: &CompiledForm, schema: &Value) {
    std::fs::create_dir_all(dir).expect("the emit directory");
    std::fs::write(dir.join("form.json"), compiled.form().to_json()).expect("form.json");
    std::fs::write(dir.join("schema.json"), schema.to_string()).expect("schema.json");
    let array = format!("[{}]", submissions().join(","));
    std::fs::write(dir.join("submissions.json"), array).expect("submissions.json");
}

fn best_of<F: FnMut() -> usize>(runs: usize, mut f: F) -> (Duration, usize) {
    let mut best = Duration::MAX;
    let mut result = 0;
    for _ in 0..runs {
        let start = Instant::now();
        result = f();
        best = best.min(start.elapsed());
    }
    (best, result)
}

fn per_second(count: usize, d: Duration) -> f64 {
    count as f64 / d.as_secs_f64()
}

fn forms(c: &mut Criterion) {
    let (compiled, findings) = CompiledForm::new(form());
    assert!(findings.iter().all(|f| !f.is_blocking()), "{findings:#?}");
    let compiled = compiled.expect("compiled");
    let schema = compiled.json_schema();
    if let Some(dir) = std::env::var_os("FORMS_EMIT") {
        // `FORMS_EMIT=dir`: the same form, schema and submissions for the Node benchmark.
        return emit(std::path::Path::new(&dir), &compiled, &schema);
    }
    let validator = jsonschema::validator_for(&schema).expect("a valid schema");
    let subs = submissions();
    let opts = options();
    let bytes: usize = subs.iter().map(String::len).sum();

    let check = || {
        subs.iter()
            .filter(|s| compiled.check(s, &opts).is_ok_and(|v| v.valid))
            .count()
    };
    // The whole set as one JSON array, checked on every core of the machine (`check_many`).
    let array = format!("[{}]", subs.join(","));
    let check_many = || {
        compiled
            .check_many(&array, &opts)
            .map_or(0, |verdicts| verdicts.iter().filter(|v| v.valid).count())
    };
    let validate = || {
        subs.iter()
            .filter(|s| compiled.validate(s, &opts).is_ok_and(|r| r.valid))
            .count()
    };
    let theirs_all = || {
        subs.iter()
            .filter(|s| {
                let v: Value = serde_json::from_str(s).expect("json");
                validator.iter_errors(&v).count() == 0
            })
            .count()
    };
    let theirs_valid = || {
        subs.iter()
            .filter(|s| {
                let v: Value = serde_json::from_str(s).expect("json");
                validator.is_valid(&v)
            })
            .count()
    };
    if let Some(which) = std::env::var_os("FORMS_PROFILE") {
        // `FORMS_PROFILE=check valgrind --tool=callgrind …` (or `=validate`, `=jsonschema`): one path alone,
        // one pass over the first FORMS_PROFILE_COUNT submissions (default all), for a profiler.
        let count = std::env::var("FORMS_PROFILE_COUNT")
            .ok()
            .and_then(|c| c.parse().ok())
            .unwrap_or(SUBMISSIONS)
            .min(SUBMISSIONS);
        let start = Instant::now();
        let valid = if which == "validate" {
            subs[..count]
                .iter()
                .filter(|s| compiled.validate(s, &opts).is_ok_and(|r| r.valid))
                .count()
        } else if which == "jsonschema" {
            subs[..count]
                .iter()
                .filter(|s| {
                    let v: Value = serde_json::from_str(s).expect("json");
                    validator.iter_errors(&v).count() == 0
                })
                .count()
        } else {
            subs[..count]
                .iter()
                .filter(|s| compiled.check(s, &opts).is_ok_and(|v| v.valid))
                .count()
        };
        println!(
            "meal {} alone: {:.2} µs each ({valid} of {count} valid)",
            which.to_string_lossy(),
            start.elapsed().as_secs_f64() * 1e6 / count as f64
        );
        return;
    }
    let (t_check, valid_check) = best_of(3, check);
    let (t_many, valid_many) = best_of(3, check_many);
    let (t_validate, valid_validate) = best_of(3, validate);
    let (t_all, valid_all) = best_of(3, theirs_all);
    let (t_valid, _) = best_of(3, theirs_valid);
    assert_eq!(valid_check, valid_validate, "check and validate disagree");
    assert_eq!(valid_check, valid_many, "check and check_many disagree");
    let (r_check, r_many, r_validate, r_all, r_valid) = (
        per_second(SUBMISSIONS, t_check),
        per_second(SUBMISSIONS, t_many),
        per_second(SUBMISSIONS, t_validate),
        per_second(SUBMISSIONS, t_all),
        per_second(SUBMISSIONS, t_valid),
    );
    println!(
        "\nforms: {SUBMISSIONS} submissions, {:.0} bytes on average, {} fields",
        bytes as f64 / SUBMISSIONS as f64,
        50
    );
    println!(
        "  meal CompiledForm::check         {r_check:>10.0} submissions/s  ({:.2} µs each; {valid_check} valid)",
        1e6 / r_check
    );
    println!(
        "  meal CompiledForm::check_many    {r_many:>10.0} submissions/s  ({:.2} µs each; one array, {} threads)",
        1e6 / r_many,
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    println!(
        "  meal CompiledForm::validate      {r_validate:>10.0} submissions/s  ({:.2} µs each; + cleaned copy)",
        1e6 / r_validate
    );
    println!(
        "  jsonschema iter_errors (all)     {r_all:>10.0} submissions/s  ({:.2} µs each; {valid_all} valid)",
        1e6 / r_all
    );
    println!(
        "  jsonschema is_valid (first)      {r_valid:>10.0} submissions/s  ({:.2} µs each)",
        1e6 / r_valid
    );
    println!(
        "  ratio meal check / jsonschema: {:.2}× (all errors), {:.2}× (is_valid); validate: {:.2}× (all errors)",
        r_check / r_all,
        r_check / r_valid,
        r_validate / r_all
    );
    println!(
        "  ratio meal check_many (every core) / jsonschema (one core): {:.2}× (all errors)\n",
        r_many / r_all
    );

    let batch = &subs[..1000];
    let mut group = c.benchmark_group("forms");
    group.throughput(Throughput::Elements(batch.len() as u64));
    group.sample_size(20);
    group.measurement_time(Duration::from_secs(5));
    group.bench_function("meal_check", |b| {
        b.iter(|| {
            for s in batch {
                black_box(compiled.check(black_box(s), &opts).ok());
            }
        })
    });
    group.bench_function("meal_validate", |b| {
        b.iter(|| {
            for s in batch {
                black_box(compiled.validate(black_box(s), &opts).ok());
            }
        })
    });
    group.bench_function("jsonschema_iter_errors", |b| {
        b.iter(|| {
            for s in batch {
                let v: Value = serde_json::from_str(black_box(s)).expect("json");
                black_box(validator.iter_errors(&v).count());
            }
        })
    });
    group.bench_function("jsonschema_is_valid", |b| {
        b.iter(|| {
            for s in batch {
                let v: Value = serde_json::from_str(black_box(s)).expect("json");
                black_box(validator.is_valid(&v));
            }
        })
    });
    group.finish();
}

criterion_group!(benches, forms);
criterion_main!(benches);
