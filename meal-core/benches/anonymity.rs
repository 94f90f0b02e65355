//! k-anonymity on 1 000 000 rows × 5 quasi-identifiers, against pandas `groupby().size()`.
//!
//! ```text
//! cargo bench -p meal-core --bench anonymity
//! /tmp/benchvenv/bin/python benches/peers/pandas_groupby.py
//! ```
//!
//! The rows are generated here and in the peer script by the same splitmix64 stream (seed
//! 2026, one draw per cell, row by row): sex (3 values), age band (8), nationality (40, skewed
//! towards a few), site (4), arrival month (24), each cell missing with probability 2 %. Both
//! print the same fingerprint (missing cells per column, the first row) so a mismatch shows.
//!
//! Timed, best of 3 passes, then by criterion for the record:
//! * **construction** — `Microdata::from_columns` from string columns (dictionary encoding);
//! * **check** — `anonymity::check(&data, 5)`: f_k with missing-as-wildcard semantics, the
//!   violating rows and the number of classes below k;
//! * the sum of both.
//!
//! The peer, `benches/peers/pandas_groupby.py`, times `df.groupby(keys, dropna=False)` group
//! sizes mapped back to rows (`transform("size")`) plus the count of rows below k — f_k with
//! missing as a value of its own. pandas does **less** than this benchmark: it does not match a
//! missing value against every value. It reports two figures: from string columns (compare
//! with construction + check, since grouping strings includes factorising them) and from
//! categorical columns (already encoded: compare with the check alone).

// A benchmark: a broken fixture should stop it loudly.
#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, Criterion};
use meal_core::disclosure::anonymity;
use meal_core::disclosure::microdata::Microdata;

const ROWS: usize = 1_000_000;
const SEED: u64 = 2026;

/// splitmix64 (Steele, Lea & Flood 2014): a tiny generator the Python peer repeats exactly.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

const AGE_BANDS: [&str; 8] = [
    "0-4", "5-11", "12-14", "15-17", "18-24", "25-39", "40-59", "60+",
];

/// The value of column `column` from one draw, or `None` (2 %).
fn cell(column: usize, x: u64) -> Option<String> {
    if x % 100 < 2 {
        return None;
    }
    let y = x >> 8;
    Some(match column {
        0 => match y % 100 {
            0..=48 => "f".to_owned(),
            49..=97 => "m".to_owned(),
            _ => "x".to_owned(),
        },
        1 => AGE_BANDS[(y % 8) as usize].to_owned(),
        // The product of two uniform draws: a few nationalities dominate, as in a real mission.
        2 => format!("N{:02}", (y % 40) * ((y >> 16) % 40) / 40),
        3 => format!("S{}", y % 4 + 1),
        _ => {
            let month = y % 24;
            format!("{}-{:02}", 2025 + month / 12, month % 12 + 1)
        }
    })
}

const KEYS: [&str; 5] = ["sex", "age_band", "nationality", "site", "arrival_month"];

fn columns() -> Vec<(String, Vec<Option<String>>)> {
    let mut rng = SplitMix(SEED);
    let mut columns: Vec<Vec<Option<String>>> = vec![Vec::with_capacity(ROWS); KEYS.len()];
    for _ in 0..ROWS {
        for (c, column) in columns.iter_mut().enumerate() {
            column.push(cell(c, rng.next()));
        }
    }
    KEYS.iter().map(|k| (*k).to_owned()).zip(columns).collect()
}

fn best_of_3<T>(mut run: impl FnMut() -> T) -> (Duration, T) {
    let mut best = Duration::MAX;
    let mut last = None;
    for _ in 0..3 {
        let start = Instant::now();
        let out = run();
        best = best.min(start.elapsed());
        last = Some(out);
    }
    (best, last.unwrap())
}

fn per_row(d: Duration) -> f64 {
    d.as_nanos() as f64 / ROWS as f64
}

fn bench(c: &mut Criterion) {
    let source = columns();
    let missing: Vec<usize> = source
        .iter()
        .map(|(_, v)| v.iter().filter(|x| x.is_none()).count())
        .collect();
    let first: Vec<_> = source.iter().map(|(_, v)| v[0].clone()).collect();
    println!("fingerprint: missing per column {missing:?}, first row {first:?}");

    // Construction borrows the generated strings; making the borrowed column vectors is not timed.
    let borrowed = || -> Vec<(String, Vec<Option<&str>>)> {
        source
            .iter()
            .map(|(k, v)| (k.clone(), v.iter().map(Option::as_deref).collect()))
            .collect()
    };
    let mut build = Duration::MAX;
    let mut data = None;
    for _ in 0..3 {
        let input = borrowed();
        let start = Instant::now();
        let built = Microdata::from_columns(black_box(input)).unwrap();
        build = build.min(start.elapsed());
        data = Some(built);
    }
    let data = data.unwrap();
    let (check, result) = best_of_3(|| anonymity::check(black_box(&data), 5).unwrap());
    println!(
        "k=5: {} violating rows in {} classes",
        result.violations, result.classes_below_k
    );
    println!(
        "meal construction: {:.1} ns/row ({build:?})",
        per_row(build)
    );
    println!(
        "meal check (k=5, wildcards): {:.1} ns/row ({check:?})",
        per_row(check)
    );
    println!(
        "meal construction + check: {:.1} ns/row ({:?})",
        per_row(build + check),
        build + check
    );

    let mut group = c.benchmark_group("anonymity_1m_x5");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(10));
    group.bench_function("check_k5", |b| {
        b.iter(|| anonymity::check(black_box(&data), 5).unwrap())
    });
    group.bench_function("construct", |b| {
        b.iter_batched(
            borrowed,
            |cols| Microdata::from_columns(cols).unwrap(),
            criterion::BatchSize::LargeInput,
        )
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
