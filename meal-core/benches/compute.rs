//! The indicator engine alone, on 1 000 000 generated records of the test fixture's shape
//! (`tests/fixtures/compute-*`: ten indicators — count with a dimension, sum, mean, ratio,
//! distinct persons, running and yearly totals, latest snapshot, ordinal, nominal — over four
//! periods). The mission-scale comparison with pandas, polars and DuckDB (10 000 000 rows,
//! loading included) is `bash benches/run indicators`; this one isolates the engine's pass for
//! profiling.
//!
//! ```text
//! cargo bench -p meal-core --bench compute
//! MEAL_BENCH_RECORDS=records.csv cargo bench -p meal-core --bench compute
//! ```
//!
//! With `MEAL_BENCH_RECORDS` (a CSV of the reference mission's records, as `benches/run
//! indicators` writes it), a second group times the mission's indicator set (four logframes,
//! 54 indicators, the quarter and its months) over that table, loaded once: the engine's pass
//! at mission scale, where most indicators filter on project and activity.

// A benchmark: a broken fixture should stop it loudly.
#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::fmt::Write;
use std::hint::black_box;
use std::time::Duration;

use chrono::DateTime;
use criterion::{criterion_group, criterion_main, Criterion};
use meal_core::compute::{Engine, Recipes};
use meal_core::data::{Schema, Table};
use meal_core::logframe::Logframe;
use meal_core::period::Period;

const ROWS: usize = 1_000_000;

/// splitmix64: a small, well-mixed, reproducible stream.
struct Stream(u64);

impl Stream {
    fn next(&mut self, bound: u64) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        (z ^ (z >> 31)) % bound
    }
}

fn records() -> String {
    let mut s = Stream(2026);
    let mut out = String::from(
        "record_id,date,person,sex,age,activity,nights,waiting_days,referred,satisfaction\n",
    );
    let start = chrono::NaiveDate::from_ymd_opt(2025, 10, 1).unwrap();
    for i in 0..ROWS {
        let date = start + chrono::Duration::days(s.next(240) as i64);
        let sex = ["f", "m", "other", ""][s.next(4) as usize];
        let activity = ["consult", "shelter", "other"][s.next(3) as usize];
        let person = s.next(ROWS as u64 / 3);
        let nights = s.next(6);
        let waiting = s.next(40);
        let referred = ["true", "false", ""][s.next(3) as usize];
        let level = s.next(6);
        writeln!(
            out,
            "r{i},{date},p{person:08x},{sex},{},{activity},{nights},{waiting}.5,{referred},{level}",
            10 + s.next(50)
        )
        .unwrap();
    }
    out
}

fn bench(c: &mut Criterion) {
    let logframe: Logframe =
        serde_json::from_str(include_str!("../tests/fixtures/compute-logframe.json")).unwrap();
    let recipes = Recipes::from_json(include_str!("../tests/fixtures/compute-recipes.json"))
        .unwrap()
        .value;
    let schema = Schema::from_json(include_str!("../tests/fixtures/compute-schema.json"))
        .unwrap()
        .value;
    let table = Table::from_csv(&schema, &records()).unwrap().table;
    let periods: Vec<Period> = ["2026Q1", "202601", "202602", "202603"]
        .iter()
        .map(|p| Period::parse(p).unwrap())
        .collect();
    let now = DateTime::parse_from_rfc3339("2026-04-10T09:00:00+02:00").unwrap();
    let (engine, _) = Engine::new(&[logframe], &recipes, &schema, &periods, now).unwrap();
    let mut group = c.benchmark_group("compute");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(20));
    group.bench_function("fixture indicators, 1e6 rows", |b| {
        b.iter(|| black_box(engine.compute(black_box(&table)).unwrap()))
    });
    group.finish();
}

/// The reference mission's indicator set over the records of `MEAL_BENCH_RECORDS`, if set.
fn mission(c: &mut Criterion) {
    let Ok(path) = std::env::var("MEAL_BENCH_RECORDS") else {
        return;
    };
    let data = |name: &str| {
        let path = format!("{}/../examples/data/{name}", env!("CARGO_MANIFEST_DIR"));
        std::fs::read_to_string(path).unwrap()
    };
    let logframes: Vec<Logframe> = ["idf", "calais", "marseille", "dunkerque"]
        .iter()
        .map(|l| serde_json::from_str(&data(&format!("logframe-{l}.json"))).unwrap())
        .collect();
    let recipes = Recipes::from_json(&data("recipes.json")).unwrap().value;
    let schema = Schema::from_json(&data("records-schema.json"))
        .unwrap()
        .value;
    let table = Table::from_csv(&schema, &std::fs::read_to_string(path).unwrap())
        .unwrap()
        .table;
    let periods: Vec<Period> = ["2026Q1", "202601", "202602", "202603"]
        .iter()
        .map(|p| Period::parse(p).unwrap())
        .collect();
    let now = DateTime::parse_from_rfc3339("2026-04-15T09:00:00+02:00").unwrap();
    let (engine, _) = Engine::new(&logframes, &recipes, &schema, &periods, now).unwrap();
    let mut group = c.benchmark_group("compute");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(20));
    let name = format!("mission indicators, {} rows", table.len());
    group.bench_function(name, |b| {
        b.iter(|| black_box(engine.compute(black_box(&table)).unwrap()))
    });
    group.finish();
}

criterion_group!(benches, bench, mission);
criterion_main!(benches);
