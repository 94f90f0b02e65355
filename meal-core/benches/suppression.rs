//! Secondary cell suppression on a 4-dimension frequency table of 10 000 inner cells
//! (10 × 10 × 10 × 10, 14 641 cells with all margins), as the issue asks.
//!
//! ```text
//! cargo bench -p meal-core --bench suppression
//! ```
//!
//! Counts come from a fixed-seed generator: about 3 % zeros, 7 % in 1–4 (below the default
//! threshold 5, so primary) and the rest in 5–60. One full `suppress` is timed first (best of
//! 3) and printed with the number of primary and secondary cells; criterion then measures it
//! for the record.
//!
//! There is no peer library in Rust (`reference/gdpr-feedback.md` §2.6: no Rust crate
//! implements secondary suppression), and the reference records no timing of sdcTable or
//! GaussSuppression for a table of this size, so no ratio is claimed: the figure stands alone.

// A benchmark: a broken fixture should stop it loudly.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, Criterion};
use meal_core::disclosure::suppression::{suppress, Rules};
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
        .map(|_| {
            let draw = next() % 100;
            match draw {
                0..=2 => 0,
                3..=9 => 1 + next() % 4,
                _ => 5 + next() % 56,
            }
        })
        .collect();
    Table::new(dimensions, counts).expect("a valid table")
}

fn bench(c: &mut Criterion) {
    let table = table();
    let rules = Rules::default();
    let mut best = Duration::MAX;
    let mut result = None;
    for _ in 0..3 {
        let start = Instant::now();
        let suppression = suppress(black_box(&table), &rules).expect("suppression succeeds");
        best = best.min(start.elapsed());
        result = Some(suppression);
    }
    let loss = result.expect("ran").loss;
    println!(
        "suppress 4-dim 10 000 inner cells ({} cells): {:.1} ms; primary {}, secondary {}, inner suppressed {}, share {}",
        loss.cells,
        best.as_secs_f64() * 1e3,
        loss.primary,
        loss.secondary,
        loss.inner_suppressed,
        loss.suppressed_share
    );
    let mut group = c.benchmark_group("suppression");
    group.sample_size(10);
    group.bench_function("suppress_4d_10000", |b| {
        b.iter(|| suppress(black_box(&table), &rules).expect("suppression succeeds"))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
