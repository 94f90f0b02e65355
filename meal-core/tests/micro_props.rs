//! Invariants of microdata disclosure control: frequencies equal a naive pairwise wildcard
//! count; the k-anonymity check agrees with a naive recount; local suppression reaches k (when
//! n ≥ k) by blanking values only and keeps every row; recoding never adds distinct values;
//! risks lie in (0, 1] with the global risk between the smallest and the largest.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::collections::{BTreeSet, HashSet};

use meal_core::disclosure::anonymity::{check, local_suppression};
use meal_core::disclosure::frequency::frequencies;
use meal_core::disclosure::microdata::Microdata;
use meal_core::disclosure::recode::{recode_column, AgeBand, AgeBands, Recoding};
use meal_core::disclosure::risk::{risk, DEFAULT_RISK_THRESHOLD};
use proptest::prelude::*;
use rust_decimal::Decimal;

type Rows = Vec<Vec<Option<String>>>;

/// `rows` rows of `columns` keys, values drawn from `alphabet` letters, a quarter missing.
fn table(rows: usize, columns: usize, alphabet: u32) -> impl Strategy<Value = Rows> {
    let cell = prop_oneof![
        1 => Just(None),
        3 => (0..alphabet).prop_map(|v| Some(format!("v{v}"))),
    ];
    prop::collection::vec(prop::collection::vec(cell, columns), 0..=rows)
}

fn any_table() -> impl Strategy<Value = (usize, Rows)> {
    (1usize..=4, 1u32..=4).prop_flat_map(|(columns, alphabet)| {
        table(40, columns, alphabet).prop_map(move |rows| (columns, rows))
    })
}

fn microdata(columns: usize, rows: &Rows) -> Microdata {
    Microdata::from_columns(
        (0..columns)
            .map(|c| (format!("k{c}"), rows.iter().map(|r| r[c].clone()).collect()))
            .collect(),
    )
    .unwrap()
}

/// The definition, pair by pair: rows agree wherever both have a value.
fn naive_frequencies(rows: &Rows) -> Vec<u64> {
    rows.iter()
        .map(|a| {
            rows.iter()
                .filter(|b| {
                    a.iter()
                        .zip(b.iter())
                        .all(|(x, y)| x.is_none() || y.is_none() || x == y)
                })
                .count() as u64
        })
        .collect()
}

proptest! {
    #[test]
    fn frequencies_equal_the_naive_wildcard_count((columns, rows) in any_table()) {
        prop_assert_eq!(frequencies(&microdata(columns, &rows)), naive_frequencies(&rows));
    }

    /// Many keys with many values: the mixed-radix key overflows and is renumbered, and counts
    /// go through hash maps rather than dense tables.
    #[test]
    fn frequencies_hold_for_wide_and_sparse_keys(rows in table(30, 18, 40)) {
        prop_assert_eq!(frequencies(&microdata(18, &rows)), naive_frequencies(&rows));
    }

    #[test]
    fn k_anonymity_check_agrees_with_a_naive_recount((columns, rows) in any_table(), k in 1u64..6) {
        let result = check(&microdata(columns, &rows), k).unwrap();
        let f = naive_frequencies(&rows);
        let expected: Vec<usize> = (0..rows.len()).filter(|&r| f[r] < k).collect();
        let classes: HashSet<&Vec<Option<String>>> = expected.iter().map(|&r| &rows[r]).collect();
        prop_assert_eq!(result.violations, expected.len() as u64);
        prop_assert_eq!(result.satisfied, expected.is_empty());
        prop_assert_eq!(result.classes_below_k, classes.len() as u64);
        prop_assert_eq!(result.violating_rows, expected);
    }

    #[test]
    fn local_suppression_only_blanks_and_reaches_k(
        (columns, rows) in any_table(),
        k in 1u64..6,
        weights in prop::collection::vec(0u32..3, 4),
        use_weights in any::<bool>(),
    ) {
        let data = microdata(columns, &rows);
        let importance = use_weights.then(|| &weights[..columns]);
        let result = local_suppression(&data, k, importance).unwrap();
        let after = result.data.to_rows();
        prop_assert_eq!(after.len(), rows.len(), "no row is dropped");
        let mut blanked = BTreeSet::new();
        for (r, (before, now)) in rows.iter().zip(&after).enumerate() {
            for (c, (old, new)) in before.iter().zip(now).enumerate() {
                match (old.as_deref(), *new) {
                    (Some(o), Some(n)) => prop_assert_eq!(o, n, "a value never changes into another"),
                    (Some(_), None) => { blanked.insert((r, c)); }
                    (None, Some(_)) => prop_assert!(false, "a missing value never reappears"),
                    (None, None) => {}
                }
            }
        }
        prop_assert_eq!(blanked.into_iter().collect::<Vec<_>>(), result.suppressed);
        let reached = naive_frequencies(&rows_of(&after)).iter().all(|&f| f >= k);
        prop_assert_eq!(result.k_reached, reached);
        if rows.len() as u64 >= k {
            prop_assert!(reached, "k is always reachable when n >= k");
        }
    }

    #[test]
    fn recoding_never_adds_distinct_values(
        ages in prop::collection::vec(prop::option::of(0u32..100), 0..40),
        cut in 1u32..99,
    ) {
        let column: Vec<Option<String>> = ages.iter().map(|a| a.map(|a| a.to_string())).collect();
        let data = Microdata::from_columns(vec![("age".to_owned(), column)]).unwrap();
        let custom = AgeBands::new(vec![
            AgeBand { from: 0, to: Some(cut - 1) },
            AgeBand { from: cut, to: None },
        ]).unwrap();
        for bands in [AgeBands::standard(), AgeBands::minors(), custom] {
            let recoded = recode_column(&data, "age", &Recoding::AgeBand(bands)).unwrap();
            prop_assert!(recoded.distinct_values(0) <= data.distinct_values(0));
            let missing_before = data.codes(0).iter().filter(|&&c| c == 0).count();
            let missing_after = recoded.codes(0).iter().filter(|&&c| c == 0).count();
            prop_assert_eq!(missing_before, missing_after, "missing stays missing, nothing else becomes it");
        }
    }

    #[test]
    fn risks_lie_in_zero_one_and_the_mean_between_extremes((columns, rows) in any_table()) {
        let result = risk(&microdata(columns, &rows), DEFAULT_RISK_THRESHOLD).unwrap();
        for r in &result.individual {
            prop_assert!(*r > Decimal::ZERO && *r <= Decimal::ONE);
        }
        if let (Some(min), Some(max)) = (result.individual.iter().min(), result.individual.iter().max()) {
            prop_assert!(*min <= result.global && result.global <= *max);
            prop_assert_eq!(*max, result.max_individual);
        }
    }
}

fn rows_of(after: &[Vec<Option<&str>>]) -> Rows {
    after
        .iter()
        .map(|r| r.iter().map(|v| v.map(str::to_owned)).collect())
        .collect()
}
