//! Duplicates: the same record twice (exact), or two records of one thing (key).
//!
//! # Decisions
//!
//! * **Exact duplicates** are rows equal on every column except those listed in `ignore` —
//!   typically the record id and the sync time, which differ on each copy of a record sent
//!   twice. Cells compare by value (`key.rs`); two empty cells are equal, as in pandas'
//!   `duplicated()` (`reference/python-analytics.md` §4.3 q8).
//! * **Key duplicates** are rows equal on the `key` columns (e.g. person, date, activity: one
//!   consultation recorded twice with different details). A row with an empty key cell is not
//!   compared — pandas would match the blanks, but an incomplete key identifies nothing (an
//!   advocacy meeting has no person); completeness reports the blank.
//! * **The first occurrence is the original** — the lowest input row number — and is never
//!   flagged; each later copy is one failure naming its original (`original`, the input row).
//!   Rows are never removed: deciding which copy is right is a person's job.
//! * Both checks run and are reported separately (a copy is usually both); the scorecard's
//!   `duplicates` counts rows flagged by either, once.
//!
//! # Codes
//!
//! | code | check | when | params |
//! |---|---|---|---|
//! | `quality.duplicate_exact` | duplicate | a row equal to an earlier one on every compared column | `original` |
//! | `quality.duplicate_key` | duplicate | a row equal to an earlier one on the key | `original`, `key` |

use std::hash::{BuildHasher, Hash};

use rustc_hash::{FxBuildHasher, FxHashMap};
use serde::{Deserialize, Serialize};

use crate::data::Table;
use crate::error::Severity;
use crate::i18n::Message;
use crate::quality::key::{is_blank, row_key};
use crate::quality::place::Places;
use crate::quality::scorecard::{Check, Failure};

/// Which duplicates to look for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Duplicates {
    /// Columns left out of the exact comparison (record id, sync time).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ignore: Vec<String>,
    /// Columns that identify one thing; no key check when empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub key: Vec<String>,
}

/// The repeats among `count` positions taken in order: `(copy, original)` pairs, where the
/// original is the first position with the same key. A `None` key is never compared.
///
/// Only a 64-bit hash of each key is kept; positions whose hashes meet are compared on their
/// keys (computed again), so the answer is exact and memory stays two words per position.
pub fn repeats<K: Hash + Eq>(
    count: usize,
    key_of: impl Fn(usize) -> Option<K>,
) -> Vec<(usize, usize)> {
    let mut seen: FxHashMap<u64, Vec<usize>> = FxHashMap::default();
    let mut found = Vec::new();
    for position in 0..count {
        let Some(key) = key_of(position) else {
            continue;
        };
        let candidates = seen.entry(FxBuildHasher.hash_one(&key)).or_default();
        let original = candidates
            .iter()
            .copied()
            .find(|&earlier| key_of(earlier).as_ref() == Some(&key));
        match original {
            Some(original) => found.push((position, original)),
            None => candidates.push(position),
        }
    }
    found
}

/// The failures of both duplicate checks.
pub(crate) fn duplicates(table: &Table, duplicates: &Duplicates, places: &Places) -> Vec<Failure> {
    let schema = table.schema();
    let index = |name: &String| schema.index_of(name);
    let compared: Vec<usize> = (0..schema.columns.len())
        .filter(|&c| {
            schema
                .columns
                .get(c)
                .is_some_and(|spec| !duplicates.ignore.contains(&spec.name))
        })
        .collect();
    let key: Vec<usize> = duplicates.key.iter().filter_map(index).collect();
    // Input order: the original is the lowest input row number.
    let mut order: Vec<usize> = (0..table.len()).collect();
    order.sort_by_key(|&row| (places.source_row(row), row));
    let at = |position: usize| order.get(position).copied();
    let exact = repeats(order.len(), |p| {
        at(p).map(|row| row_key(table, &compared, row))
    });
    let mut failures = copies(&order, &exact, places, "quality.duplicate_exact");
    if !key.is_empty() {
        let complete = |row: usize| {
            key.iter()
                .filter_map(|&c| table.columns().get(c))
                .all(|values| !is_blank(values, row))
        };
        let keyed = repeats(order.len(), |p| {
            at(p)
                .filter(|&row| complete(row))
                .map(|row| row_key(table, &key, row))
        });
        let named = duplicates.key.join(",");
        failures.extend(
            copies(&order, &keyed, places, "quality.duplicate_key")
                .into_iter()
                .map(|f| f.with("key", &named)),
        );
    }
    failures
}

/// One failure per copy found among rows taken in `order`.
fn copies(order: &[usize], found: &[(usize, usize)], places: &Places, code: &str) -> Vec<Failure> {
    found
        .iter()
        .filter_map(|&(copy, original)| Some((*order.get(copy)?, *order.get(original)?)))
        .map(|(copy, original)| {
            let original = places
                .source_row(original)
                .map_or_else(String::new, |r| r.to_string());
            places
                .failure(copy, Check::Duplicate, code, Severity::Warning)
                .with("original", original)
        })
        .collect()
}

/// Messages of the codes this file raises.
pub const MESSAGES: &[Message] = &[
    Message {
        code: "quality.duplicate_exact",
        en: "The row repeats row {original} exactly",
        fr: "La ligne reprend exactement la ligne {original}",
    },
    Message {
        code: "quality.duplicate_key",
        en: "The row has the same {key} as row {original}",
        fr: "La ligne a les mêmes {key} que la ligne {original}",
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_occurrence_is_the_original() {
        let keys = ["a", "b", "a", "c", "b", "a"];
        let found = repeats(keys.len(), |p| keys.get(p).copied());
        assert_eq!(found, vec![(2, 0), (4, 1), (5, 0)]);
    }

    #[test]
    fn missing_keys_are_never_duplicates() {
        let keys = [None, Some(1), None, Some(1)];
        assert_eq!(
            repeats(keys.len(), |p| keys.get(p).copied().flatten()),
            vec![(3, 1)]
        );
    }
}
