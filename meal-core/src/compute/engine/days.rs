//! Rows per day of one date expression (`Partial::dates`), counted on every row of a pass.
//!
//! Why not a hash map alone: this count is taken on every row, before any filter, and a
//! mission's dates fall within a few years. Days within [`SPAN`] days of the first one seen
//! are counted in a plain vector indexed by the day; any other day goes to a hash map.

use rustc_hash::FxHashMap;

/// Days counted in the vector: about eleven years, centred on the first day seen.
const SPAN: usize = 1 << 12;

/// Rows per day (days from the common era).
#[derive(Debug, Default)]
pub(super) struct DayCounts {
    /// The day counted at index 0 of `near`.
    first: i32,
    near: Vec<u64>,
    far: FxHashMap<i32, u64>,
}

impl DayCounts {
    /// One more row on `day`.
    #[inline]
    pub fn add(&mut self, day: i32) {
        if self.near.is_empty() {
            self.first = day.saturating_sub(SPAN as i32 / 2);
            self.near = vec![0; SPAN];
        }
        let at = day
            .checked_sub(self.first)
            .and_then(|i| usize::try_from(i).ok());
        match at.and_then(|i| self.near.get_mut(i)) {
            Some(count) => *count += 1,
            None => *self.far.entry(day).or_default() += 1,
        }
    }

    /// Every day counted, with its rows.
    pub fn days(self) -> impl Iterator<Item = (i32, u64)> {
        let first = self.first;
        let near = (self.near.into_iter().enumerate())
            .filter(|&(_, count)| count > 0)
            .filter_map(move |(i, count)| {
                Some((first.checked_add(i32::try_from(i).ok()?)?, count))
            });
        near.chain(self.far)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn near_and_far_days_are_all_counted() {
        let mut counts = DayCounts::default();
        for day in [
            739_000,
            739_000,
            739_001,
            0,
            i32::MIN,
            i32::MAX,
            739_000 + 5_000,
        ] {
            counts.add(day);
        }
        let mut days: Vec<(i32, u64)> = counts.days().collect();
        days.sort_unstable();
        assert_eq!(
            days,
            [
                (i32::MIN, 1),
                (0, 1),
                (739_000, 2),
                (739_001, 1),
                (744_000, 1),
                (i32::MAX, 1)
            ]
        );
    }
}
