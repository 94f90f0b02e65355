//! Generated records of the compute fixture (`fixtures/compute-schema.json`) and their CSV,
//! shared by the engine's property tests (`tests/compute_props.rs`) and the block pass's
//! (`src/compute/block_props.rs`, which includes this file by path).

use chrono::{Duration, NaiveDate};
use proptest::prelude::*;

/// One record: (day from 2025-12-01 or none, sex, activity, person, age, nights, waiting,
/// referred, satisfaction).
pub(crate) type Row = (
    Option<i64>,
    &'static str,
    &'static str,
    &'static str,
    Option<u8>,
    Option<u8>,
    Option<u16>,
    Option<bool>,
    Option<u8>,
);

pub(crate) fn row() -> impl Strategy<Value = Row> {
    (
        proptest::option::weighted(0.9, 0i64..150),
        prop::sample::select(vec!["f", "m", "", "x"]),
        prop::sample::select(vec!["consult", "shelter", "other", ""]),
        prop::sample::select(vec!["p1", "p2", "p3", "p4", ""]),
        proptest::option::of(0u8..40),
        proptest::option::of(0u8..6),
        proptest::option::of(0u16..400),
        proptest::option::of(any::<bool>()),
        proptest::option::of(0u8..6),
    )
}

pub(crate) fn csv(rows: &[Row]) -> String {
    let start = NaiveDate::from_ymd_opt(2025, 12, 1).unwrap();
    let mut out = String::from(
        "record_id,date,person,sex,age,activity,nights,waiting_days,referred,satisfaction\n",
    );
    let text = |v: Option<String>| v.unwrap_or_default();
    for (i, (day, sex, activity, person, age, nights, waiting, referred, level)) in
        rows.iter().enumerate()
    {
        let date = day.map(|d| (start + Duration::days(d)).to_string());
        out.push_str(&format!(
            "r{i},{},{person},{sex},{},{activity},{},{},{},{}\n",
            text(date),
            text(age.map(|n| n.to_string())),
            text(nights.map(|n| n.to_string())),
            text(waiting.map(|n| format!("{}.{}", n / 10, n % 10))),
            text(referred.map(|b| b.to_string())),
            text(level.map(|n| n.to_string())),
        ));
    }
    out
}
