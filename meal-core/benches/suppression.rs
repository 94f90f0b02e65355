//! Secondary cell suppression on a 4-dimension frequency table of 10 000 inner cells
//! (10 × 10 × 10 × 10, 14 641 cells with all margins), as the issue asks.
//!
//! ```text
//! cargo bench -p meal-core --bench suppression
//! ```
//!
//! Counts come from a fixed-seed generator: about 3 % zeros, 7 % in 1–4 (below the default
//! threshold 5, so primary) and the rest in 5–60. Printed, with the number of primary and
//! secondary cells and the share of units hidden:
//! * the exact greedy (`Rules::default()`), timed once: it takes minutes on this table (see
//!   the `suppression` module docs, "Cost");
//! * the same with `ambiguity_limit: Some(256)`, best of 3; criterion then measures this one.
//!
//! There is no peer library in Rust (`reference/gdpr-feedback.md` §2.6: no Rust crate
//! implements secondary suppression), and the reference records no timing of sdcTable or
//! GaussSuppression for a table of this size, so no ratio is claimed: the figures stand alone.

// A benchmark: a broken fixture should stop it loudly.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, Criterion};
use meal_core::disclosure::suppression::{suppress, Rules, Suppression};
use meal_core::disclosure::table::{Dimension, Table};

/// The benchmark table: 4 dimensions of 10 categories, fixed-seed counts.
fn table() -> Table {
    let dimensions = ["site", "age_band", "sex_group", "month"]
        .iter()
        .map(|name| Dimension {
            name: (*name).to_owned(),
            categories: (0..10).map(|c| format!("{name}_{c}")).collect(),
        })
        .collect();
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        // xorshift64*: deterministic and good enough for a fixture
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        state.wrapping_mul(0x2545_F491_4F6C_DD1D)
    };
    let counts = (0..10_000)
        .map(|_| match next() % 100 {
            0..=2 => 0,
            3..=9 => 1 + next() % 4,
            _ => 5 + next() % 56,
        })
        .collect();
    Table::new(dimensions, counts).expect("a valid table")
}

/// Runs `suppress` `runs` times and prints the best time with the result's figures.
fn report(label: &str, table: &Table, rules: &Rules, runs: usize) {
    let mut best = Duration::MAX;
    let mut last: Option<Suppression> = None;
    for _ in 0..runs {
        let start = Instant::now();
        let result = suppress(black_box(table), rules).expect("suppression succeeds");
        best = best.min(start.elapsed());
        last = Some(result);
    }
    let loss = last.expect("ran").loss;
    println!(
        "suppress {label}, {} cells: {:.1} ms; primary {}, secondary {}, inner suppressed {}, share of units hidden {}",
        loss.cells,
        best.as_secs_f64() * 1e3,
        loss.primary,
        loss.secondary,
        loss.inner_suppressed,
        loss.suppressed_share
    );
}

fn bench(c: &mut Criterion) {
    let table = table();
    let limited = Rules {
        ambiguity_limit: Some(256),
        ..Rules::default()
    };
    report("exact (default rules)", &table, &Rules::default(), 1);
    report("ambiguity_limit 256", &table, &limited, 3);
    let mut group = c.benchmark_group("suppression");
    group.sample_size(10);
    group.bench_function("suppress_4d_10000_limit_256", |b| {
        b.iter(|| suppress(black_box(&table), &limited).expect("suppression succeeds"))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
