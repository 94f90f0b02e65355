//! k-anonymity: the check, and local suppression to reach k.
//!
//! A file is *k-anonymous* on its key variables when every row has f_k ≥ k: no one can be
//! narrowed down to fewer than k look-alikes (reference `gdpr-feedback.md` §2.4, "k-anonymity
//! violation count Σ I(f_k < k)"; §6.1 items 3–4). Frequencies count missing values as wildcards
//! ([`super::frequency`]).
//!
//! # Decisions
//!
//! * **k is the caller's.** k ≥ 1 (k = 1 always holds); the documented defaults are
//!   [`DEFAULT_K_PUBLIC`] = 5 for public outputs and [`DEFAULT_K_PARTNER`] = 3 for restricted
//!   sharing with partners — "in many institutions, typically required thresholds for
//!   k-anonymity are 3 and 5" (§2.4), the threshold being context-dependent (OCHA, §2.3).
//! * **Classes below k** counts the distinct key combinations (missing counted as a value of its
//!   own) among violating rows: what a reviewer would look at, one line per combination.
//! * **Local suppression** (§2.5, sdcMicro's `localSuppression` semantics, reimplemented from its
//!   documentation — sdcMicro is GPL-2): values are blanked, never changed into other values, and
//!   rows are never dropped. It runs in rounds; in each round every violating row blanks one key:
//!   - the candidate keys are the row's present keys; for each, f_k without that key is what the
//!     row would have after blanking it (frequencies with that key ignored);
//!   - the row blanks the *least important* key that lifts it to k; if none does, the key giving
//!     the largest f_k, the less important key on a tie;
//!   - *importance* follows sdcMicro: a lower number is more important and is suppressed last;
//!     ties go to column order (the later column is suppressed first). Without an importance
//!     vector, keys with more distinct values are suppressed first: they single people out most
//!     (a nationality among 40 before a sex among 3), and blanking them gains the most.
//! * **Termination and guarantee.** Blanking never lowers anyone's f_k, and a row with every key
//!   missing matches every row (f_k = n). Each round blanks one more key of every still-violating
//!   row, so after at most m rounds (m keys) every row reaches k — whenever n ≥ k. When
//!   0 < n < k no amount of suppression helps: the data come back unchanged with
//!   `k_reached: false` rather than wholly blanked.
//! * Rounds blank rows in parallel, so two look-alike rows may both be blanked where blanking one
//!   would have done: the heuristic can over-suppress, as any greedy one can, but never
//!   under-protects. The result is checked, not assumed.
//!
//! # Codes
//!
//! | code | when | params |
//! |---|---|---|
//! | `disclosure.bad_k` | k = 0 | `k` |
//! | `disclosure.bad_importance` | importance vector length ≠ number of keys | `count`, `columns` |

use std::collections::HashSet;

use serde::Serialize;

use super::frequency::{frequencies, frequencies_on};
use super::microdata::{Microdata, MISSING};
use crate::error::MealError;
use crate::i18n::{Message, Term};

/// k for outputs published to everyone (§2.4: "typically required thresholds … 3 and 5").
pub const DEFAULT_K_PUBLIC: u64 = 5;

/// k for restricted sharing with partners under an agreement (§2.4, §6.1 item 3).
pub const DEFAULT_K_PARTNER: u64 = 3;

/// The result of a k-anonymity check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KAnonymity {
    /// The k checked.
    pub k: u64,
    /// True when no row has f_k < k.
    pub satisfied: bool,
    /// The number of rows with f_k < k.
    pub violations: u64,
    /// Those rows, ascending.
    pub violating_rows: Vec<usize>,
    /// The distinct key combinations (missing as its own value) among those rows.
    pub classes_below_k: u64,
}

/// Checks k-anonymity. Error `disclosure.bad_k` when k = 0.
pub fn check(data: &Microdata, k: u64) -> Result<KAnonymity, MealError> {
    check_k(k)?;
    Ok(assess(data, &frequencies(data), k))
}

/// The check from frequencies already computed ([`frequencies`] of `data`).
fn assess(data: &Microdata, f: &[u64], k: u64) -> KAnonymity {
    let violating_rows: Vec<usize> = (0..f.len())
        .filter(|&row| f.get(row).is_some_and(|&fk| fk < k))
        .collect();
    let classes: HashSet<Vec<u32>> = violating_rows
        .iter()
        .map(|&row| row_codes(data, row))
        .collect();
    KAnonymity {
        k,
        satisfied: violating_rows.is_empty(),
        violations: violating_rows.len() as u64,
        classes_below_k: classes.len() as u64,
        violating_rows,
    }
}

fn row_codes(data: &Microdata, row: usize) -> Vec<u32> {
    (0..data.column_count())
        .map(|column| data.codes(column).get(row).copied().unwrap_or(MISSING))
        .collect()
}

fn check_k(k: u64) -> Result<(), MealError> {
    if k == 0 {
        return Err(MealError::new("disclosure.bad_k").with("k", k));
    }
    Ok(())
}

/// The outcome of local suppression.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Suppressed {
    /// The data after suppression: the same rows, some values made missing.
    #[serde(rename = "records")]
    pub data: Microdata,
    /// The blanked cells as `(row, column)` (column in key order), sorted.
    pub suppressed: Vec<(usize, usize)>,
    /// True when the result is k-anonymous.
    pub k_reached: bool,
}

/// Blanks key values until every row has f_k ≥ k (see the module docs for the rule).
/// `importance`: one number per key, lower = more important = suppressed last.
/// Errors: `disclosure.bad_k`, `disclosure.bad_importance`.
pub fn local_suppression(
    data: &Microdata,
    k: u64,
    importance: Option<&[u32]>,
) -> Result<Suppressed, MealError> {
    check_k(k)?;
    let order = suppression_order(data, importance)?;
    let mut current = data.clone();
    let mut suppressed = Vec::new();
    let rows = data.rows() as u64;
    if rows >= k {
        // Each round blanks a key of every violating row; m rounds blank everything.
        for _round in 0..data.column_count() {
            let blanked = suppression_round(&mut current, k, &order);
            if blanked.is_empty() {
                break;
            }
            suppressed.extend(blanked);
        }
    }
    suppressed.sort_unstable();
    let k_reached = assess(&current, &frequencies(&current), k).satisfied;
    Ok(Suppressed {
        data: current,
        suppressed,
        k_reached,
    })
}

/// Columns from first to last suppressed.
fn suppression_order(
    data: &Microdata,
    importance: Option<&[u32]>,
) -> Result<Vec<usize>, MealError> {
    let columns = data.column_count();
    let mut order: Vec<usize> = (0..columns).collect();
    match importance {
        Some(weights) if weights.len() != columns => {
            return Err(MealError::new("disclosure.bad_importance")
                .with("count", weights.len())
                .with("columns", columns))
        }
        Some(weights) => order.sort_by_key(|&c| {
            let weight = weights.get(c).copied().unwrap_or_default();
            (std::cmp::Reverse(weight), std::cmp::Reverse(c))
        }),
        None => order.sort_by_key(|&c| {
            (
                std::cmp::Reverse(data.distinct_values(c)),
                std::cmp::Reverse(c),
            )
        }),
    }
    Ok(order)
}

/// One round: every violating row blanks one key. Returns the blanked cells.
fn suppression_round(data: &mut Microdata, k: u64, order: &[usize]) -> Vec<(usize, usize)> {
    let f = frequencies(data);
    let violating: Vec<usize> = (0..f.len())
        .filter(|&row| f.get(row).is_some_and(|&fk| fk < k))
        .collect();
    if violating.is_empty() {
        return Vec::new();
    }
    let all_keys = (0..data.column_count()).fold(0u64, |mask, c| mask | (1u64 << c));
    // f_k of every row if column c were blanked, for the columns in suppression order.
    let without: Vec<Vec<u64>> = order
        .iter()
        .map(|&c| frequencies_on(data, all_keys & !(1u64 << c)))
        .collect();
    let choices: Vec<(usize, usize)> = violating
        .into_iter()
        .filter_map(|row| choose_column(data, row, k, order, &without).map(|c| (row, c)))
        .collect();
    for &(row, column) in &choices {
        data.suppress(row, column);
    }
    choices
}

/// The key `row` blanks: the first (least important) present key lifting it to k, else the
/// present key giving the largest f_k (earliest in `order` on a tie). `None` if none is present.
fn choose_column(
    data: &Microdata,
    row: usize,
    k: u64,
    order: &[usize],
    without: &[Vec<u64>],
) -> Option<usize> {
    let candidates = order.iter().zip(without).filter_map(|(&column, f)| {
        let present = data.codes(column).get(row).is_some_and(|&c| c != MISSING);
        present.then(|| (column, f.get(row).copied().unwrap_or_default()))
    });
    let mut best: Option<(usize, u64)> = None;
    for (column, fk) in candidates {
        if fk >= k {
            return Some(column);
        }
        if best.is_none_or(|(_, top)| fk > top) {
            best = Some((column, fk));
        }
    }
    best.map(|(column, _)| column)
}

/// Codes raised here, in French and English.
pub(crate) const MESSAGES: &[Message] = &[
    Message {
        code: "disclosure.bad_k",
        en: "k = {k} is not a valid anonymity level; k must be at least 1 (3 and 5 are usual)",
        fr: "k = {k} n'est pas un niveau d'anonymat valide ; k doit valoir au moins 1 (3 et 5 sont usuels)",
    },
    Message {
        code: "disclosure.bad_importance",
        en: "The importance vector has {count} values but there are {columns} key variables; give one per key",
        fr: "Le vecteur d'importance a {count} valeurs mais il y a {columns} variables clés ; donnez-en une par clé",
    },
];

/// Domain terms carried in params of these codes.
pub(crate) const TERMS: &[Term] = &[];

#[cfg(test)]
mod tests {
    use super::*;

    fn data(columns: &[(&str, &[Option<&str>])]) -> Microdata {
        Microdata::from_columns(
            columns
                .iter()
                .map(|(name, values)| ((*name).to_owned(), values.to_vec()))
                .collect(),
        )
        .unwrap()
    }

    #[test]
    fn check_counts_rows_and_classes_below_k() {
        let md = data(&[
            (
                "sex",
                &[Some("f"), Some("f"), Some("m"), Some("m"), Some("f")],
            ),
            (
                "site",
                &[Some("a"), Some("a"), Some("b"), Some("b"), Some("b")],
            ),
        ]);
        let result = check(&md, 2).unwrap();
        assert_eq!(result.violating_rows, vec![4]);
        assert_eq!((result.violations, result.classes_below_k), (1, 1));
        assert!(!result.satisfied);
        assert!(check(&md, 1).unwrap().satisfied);
        assert_eq!(check(&md, 0).unwrap_err().code, "disclosure.bad_k");
    }

    #[test]
    fn suppression_blanks_the_least_important_key_that_reaches_k() {
        // Both keys have 2 values, so the later one (site) is tried first. Row 2 (m, b): blanking
        // site gives (m, ·) ~ row 2 only, f = 1; blanking sex gives (·, b) ~ rows 2, 3, f = 2:
        // sex is blanked. Row 3 (f, b): blanking site gives (f, ·) ~ rows 0, 1, 3: site.
        let md = data(&[
            ("sex", &[Some("f"), Some("f"), Some("m"), Some("f")]),
            ("site", &[Some("a"), Some("a"), Some("b"), Some("b")]),
        ]);
        let result = local_suppression(&md, 2, None).unwrap();
        assert!(result.k_reached);
        assert_eq!(result.suppressed, vec![(2, 0), (3, 1)]);
        assert!(check(&result.data, 2).unwrap().satisfied);
    }

    #[test]
    fn importance_decides_between_equally_good_keys() {
        let md = data(&[
            ("a", &[Some("x"), Some("x"), Some("y")]),
            ("b", &[Some("p"), Some("q"), Some("q")]),
        ]);
        // Row 2 (y, q): blanking a → (·, q) ~ rows 1, 2; blanking b → (y, ·) ~ row 2 only.
        // Row 0 (x, p): blanking a → (·, p) ~ row 0; blanking b → (x, ·) ~ rows 0, 1.
        // Row 1 (x, q): either key lifts it to 2; importance picks.
        let keep_a = local_suppression(&md, 2, Some(&[1, 2])).unwrap();
        assert_eq!(keep_a.suppressed, vec![(0, 1), (1, 1), (2, 0)]);
        let keep_b = local_suppression(&md, 2, Some(&[2, 1])).unwrap();
        assert_eq!(keep_b.suppressed, vec![(0, 1), (1, 0), (2, 0)]);
        let err = local_suppression(&md, 2, Some(&[1])).unwrap_err();
        assert_eq!(err.code, "disclosure.bad_importance");
    }

    #[test]
    fn fewer_rows_than_k_are_left_alone() {
        let md = data(&[("a", &[Some("x"), Some("y")])]);
        let result = local_suppression(&md, 3, None).unwrap();
        assert!(!result.k_reached);
        assert!(result.suppressed.is_empty());
        assert_eq!(result.data, md);
    }
}
