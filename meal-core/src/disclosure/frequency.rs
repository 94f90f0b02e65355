//! Frequency counts f_k over the key variables, missing values as wildcards.
//!
//! f_k of a row is the number of rows in the file (itself included) that an intruder could not
//! tell apart from it using the key variables — the sample frequency of its key combination
//! (reference `gdpr-feedback.md` §2.4 and §6.1 item 2). It is the basis of k-anonymity
//! ([`super::anonymity`]) and of individual risk ([`super::risk`]).
//!
//! # Missing as wildcard
//!
//! As in sdcMicro (§2.4: "missing values treated as wildcards"), a missing value matches any
//! value of its column. Two rows are *compatible* when, on every key, they are equal or at least
//! one of them is missing; f_k of a row is the number of rows compatible with it. This works in
//! both directions: the complete row `(f, 30, SY)` counts `(f, ·, SY)` and `(·, ·, ·)` among its
//! look-alikes, and they count it. This is what makes local suppression work: blanking a value
//! makes a row match more rows, and never fewer. Compatibility is not transitive, so f_k is not
//! the size of a partition; rows with no missing value and the same values still share one f_k.
//!
//! # Algorithm and complexity
//!
//! Comparing every pair of rows is O(n²·m) for n rows and m keys. Instead:
//! 1. rows are grouped by *pattern* — the set of keys they have present (a `u64` bit set);
//! 2. within each pattern, rows with equal present values form a *class* (one integer key per row,
//!    built column by column in mixed radix, then numbered);
//! 3. for each pair of patterns (p, q), a class of p matches a class of q exactly when they agree
//!    on the keys present in both (`p & q`): both sides' classes are keyed on those columns and
//!    q's class sizes summed per key, then looked up for p's classes. Patterns q with the same
//!    intersection are handled together.
//!
//! With P patterns and C ≤ n classes in all, the cost is O(n·m) for steps 1–2 plus
//! O(P·C·m) for step 3, i.e. at worst O(P·n·m) — linear in n for the handful of patterns real
//! files have (5 keys with 2 % missing each give about 30). Keys are counted in a dense array when
//! their range is small and in a hash map otherwise. Patterns are processed on all available
//! threads (none on WebAssembly). A naive O(n²) count checks this in the property tests.
//!
//! # Codes
//!
//! This module raises no codes: any [`Microdata`] has frequencies.

use std::collections::{BTreeMap, HashMap};
use std::hash::{BuildHasherDefault, Hasher};

use super::microdata::{Microdata, MISSING};
use crate::i18n::{Message, Term};
use crate::parallel::parallel_map;

/// f_k of every row, in row order: the number of rows compatible with it on all keys, missing
/// values matching anything. Every f_k is at least 1 (the row itself).
pub fn frequencies(data: &Microdata) -> Vec<u64> {
    frequencies_on(data, u64::MAX)
}

/// f_k on the keys in the bit set `keys` only, as if the others were missing everywhere. Local
/// suppression asks this to see what blanking one column would give.
pub(crate) fn frequencies_on(data: &Microdata, keys: u64) -> Vec<u64> {
    let patterns = patterns(data, keys);
    let totals = parallel_map(patterns.iter().collect(), |p: &Pattern| {
        class_totals(data, p, &patterns)
    });
    let mut f = vec![0; data.rows()];
    for (pattern, totals) in patterns.iter().zip(totals) {
        for (&row, &class) in pattern.rows.iter().zip(&pattern.class_of_row) {
            if let (Some(slot), Some(&total)) = (f.get_mut(row), totals.get(class)) {
                *slot = total;
            }
        }
    }
    f
}

/// The rows sharing one set of present keys, split into classes of equal values.
#[derive(Debug)]
struct Pattern {
    /// Bit `c` set when key `c` is present.
    mask: u64,
    rows: Vec<usize>,
    /// The class of each row of `rows`.
    class_of_row: Vec<usize>,
    /// One row of each class, and the class sizes.
    representatives: Vec<usize>,
    sizes: Vec<u64>,
}

/// Groups rows by pattern on `keys` (in mask order, for determinism) and classifies each
/// pattern's rows.
fn patterns(data: &Microdata, keys: u64) -> Vec<Pattern> {
    let mut masks = vec![0u64; data.rows()];
    for column in (0..data.column_count()).filter(|c| keys & (1u64 << c) != 0) {
        let bit = 1u64 << column;
        for (mask, &code) in masks.iter_mut().zip(data.codes(column)) {
            if code != MISSING {
                *mask |= bit;
            }
        }
    }
    let mut by_mask: BTreeMap<u64, Vec<usize>> = BTreeMap::new();
    for (row, mask) in masks.into_iter().enumerate() {
        by_mask.entry(mask).or_default().push(row);
    }
    parallel_map(by_mask.into_iter().collect(), |(mask, rows)| {
        classify(data, mask, rows)
    })
}

fn classify(data: &Microdata, mask: u64, rows: Vec<usize>) -> Pattern {
    let (class_of_row, classes) = project(data, &rows, mask);
    let mut representatives = vec![usize::MAX; classes];
    let mut sizes = vec![0u64; classes];
    for (&row, &class) in rows.iter().zip(&class_of_row) {
        if let (Some(rep), Some(size)) = (representatives.get_mut(class), sizes.get_mut(class)) {
            if *rep == usize::MAX {
                *rep = row;
            }
            *size += 1;
        }
    }
    Pattern {
        mask,
        rows,
        class_of_row,
        representatives,
        sizes,
    }
}

/// For each class of `p`, the number of rows in the whole file compatible with it.
fn class_totals(data: &Microdata, p: &Pattern, patterns: &[Pattern]) -> Vec<u64> {
    let mut by_intersection: BTreeMap<u64, Vec<&Pattern>> = BTreeMap::new();
    for q in patterns {
        by_intersection.entry(p.mask & q.mask).or_default().push(q);
    }
    let mut totals = vec![0u64; p.sizes.len()];
    for (shared, qs) in by_intersection {
        add_compatible(data, p, shared, &qs, &mut totals);
    }
    totals
}

/// Adds to each class of `p` the rows of the patterns `qs` that agree with it on `shared`, the
/// keys present in both.
fn add_compatible(data: &Microdata, p: &Pattern, shared: u64, qs: &[&Pattern], totals: &mut [u64]) {
    let mut rows = p.representatives.clone();
    let mut weights = Vec::new();
    for q in qs {
        rows.extend_from_slice(&q.representatives);
        weights.extend_from_slice(&q.sizes);
    }
    let (ids, distinct) = project(data, &rows, shared);
    let (p_ids, q_ids) = ids.split_at(p.representatives.len().min(ids.len()));
    let mut counts = vec![0u64; distinct];
    for (&id, &weight) in q_ids.iter().zip(&weights) {
        if let Some(count) = counts.get_mut(id) {
            *count += weight;
        }
    }
    for (total, &id) in totals.iter_mut().zip(p_ids) {
        *total += counts.get(id).copied().unwrap_or_default();
    }
}

/// Numbers the distinct combinations of the keys in `mask` over `rows` (all present there):
/// returns an id per row, `0..distinct`, equal ids exactly for equal values, and `distinct`.
fn project(data: &Microdata, rows: &[usize], mask: u64) -> (Vec<usize>, usize) {
    let mut keys = vec![0u64; rows.len()];
    let mut space: u64 = 1;
    for column in (0..data.column_count()).filter(|c| mask & (1u64 << c) != 0) {
        let radix = u64::try_from(data.distinct_values(column))
            .unwrap_or(u64::MAX)
            .max(1);
        let next = match space.checked_mul(radix) {
            Some(next) => next,
            None => {
                // Renumber what we have: at most rows.len() < 2^32 values, times a radix < 2^32.
                let (ids, distinct) = number(&keys, space);
                keys = ids.into_iter().map(|id| id as u64).collect();
                space = u64::try_from(distinct).unwrap_or(u64::MAX);
                space.saturating_mul(radix)
            }
        };
        let codes = data.codes(column);
        for (key, &row) in keys.iter_mut().zip(rows) {
            let code = codes.get(row).copied().unwrap_or(MISSING);
            *key = *key * radix + u64::from(code.saturating_sub(1));
        }
        space = next;
    }
    number(&keys, space)
}

/// Numbers `keys` (each `< space`) in first-seen order: a dense table when the space is small
/// for the number of keys, a hash map otherwise.
fn number(keys: &[u64], space: u64) -> (Vec<usize>, usize) {
    let dense_limit = u64::try_from(keys.len())
        .unwrap_or(u64::MAX)
        .saturating_mul(4)
        .max(1 << 12);
    let mut next = 0usize;
    let mut fresh = || {
        next += 1;
        next - 1
    };
    let ids = match usize::try_from(space) {
        Ok(size) if space <= dense_limit => {
            let mut table = vec![usize::MAX; size];
            keys.iter()
                .map(
                    |&key| match table.get_mut(usize::try_from(key).unwrap_or(usize::MAX)) {
                        Some(slot) if *slot == usize::MAX => {
                            *slot = fresh();
                            *slot
                        }
                        Some(slot) => *slot,
                        None => usize::MAX,
                    },
                )
                .collect()
        }
        _ => {
            let mut table: HashMap<u64, usize, BuildHasherDefault<KeyHasher>> =
                HashMap::with_capacity_and_hasher(keys.len() / 2, BuildHasherDefault::default());
            keys.iter()
                .map(|&key| *table.entry(key).or_insert_with(&mut fresh))
                .collect()
        }
    };
    (ids, next)
}

/// A multiply-rotate hasher for the `u64` keys above: keys are numbers we built, not text an
/// attacker chose, so SipHash's flood resistance buys nothing and costs half the run time.
#[derive(Debug, Default)]
struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.write_u64(u64::from(byte));
        }
    }

    fn write_u64(&mut self, value: u64) {
        self.0 = (self.0.rotate_left(5) ^ value).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }

    fn finish(&self) -> u64 {
        self.0 ^ (self.0 >> 29)
    }
}

/// Codes raised here, in French and English.
pub(crate) const MESSAGES: &[Message] = &[];

/// Domain terms carried in params of these codes.
pub(crate) const TERMS: &[Term] = &[];

#[cfg(test)]
mod tests {
    use super::*;

    fn data(rows: &[&[Option<&str>]]) -> Microdata {
        let width = rows.first().map_or(0, |r| r.len());
        let columns = (0..width)
            .map(|c| {
                let values = rows.iter().map(|r| r[c]).collect();
                (format!("k{c}"), values)
            })
            .collect();
        Microdata::from_columns(columns).unwrap()
    }

    #[test]
    fn complete_rows_count_their_class() {
        let md = data(&[
            &[Some("f"), Some("SY")],
            &[Some("f"), Some("SY")],
            &[Some("m"), Some("SY")],
            &[Some("f"), Some("AF")],
        ]);
        assert_eq!(frequencies(&md), vec![2, 2, 1, 1]);
    }

    #[test]
    fn missing_matches_anything_in_both_directions() {
        // (f,SY) matches itself, (f,·) and (·,·): 3. (f,·) matches (f,SY), itself, (·,·), (f,AF): 4.
        // (·,·) matches all 5. (m,SY) matches itself and (·,·): 2. (f,AF): itself, (f,·), (·,·): 3.
        let md = data(&[
            &[Some("f"), Some("SY")],
            &[Some("f"), None],
            &[None, None],
            &[Some("m"), Some("SY")],
            &[Some("f"), Some("AF")],
        ]);
        assert_eq!(frequencies(&md), vec![3, 4, 5, 2, 3]);
    }

    #[test]
    fn no_rows_no_frequencies() {
        let md = Microdata::from_json_records("[]", &["a".to_owned()]).unwrap();
        assert!(frequencies(&md).is_empty());
    }

    #[test]
    fn keys_too_many_for_one_u64_are_renumbered_on_the_way() {
        // 20 keys of 30 values each: 30^20 > 2^64, so projecting complete rows renumbers midway.
        let rows: Vec<Vec<Option<String>>> = (0..60usize)
            .map(|r| {
                (0..20usize)
                    .map(|c| Some(((r % 30) * (c + 1) % 30).to_string()))
                    .collect()
            })
            .collect();
        let columns = (0..20)
            .map(|c| (format!("k{c}"), rows.iter().map(|r| r[c].clone()).collect()))
            .collect();
        let md = Microdata::from_columns(columns).unwrap();
        assert_eq!(md.distinct_values(0), 30);
        // Row r and row r + 30 are equal, and differ from every other row.
        assert_eq!(frequencies(&md), vec![2; 60]);
    }

    #[test]
    fn numbering_agrees_between_dense_and_hashed_tables() {
        let keys = [7u64, 3, 7, 9, 3];
        let dense = number(&keys, 10);
        assert_eq!(dense, (vec![0, 1, 0, 2, 1], 3));
        let hashed = number(&keys, u64::MAX);
        assert_eq!(hashed, dense);
    }
}
