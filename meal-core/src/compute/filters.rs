//! Filters that read the same columns, decided together.
//!
//! The indicators of a mission filter the same few columns (`${project} = 'IDF' and
//! ${activity} = 'medical_consultation'`, …): dozens of filters, each a function of the same
//! two or three dictionary codes. Rather than looking each one up per row, the filters over
//! one set of columns form a group whose verdicts — one per filter — are memoised together on
//! the row's keys: one lookup per group and row. When the group's columns are text or boolean
//! and their combinations few, the memo is a plain vector indexed by the combination, whose
//! positions the block pass sums over a whole block of codes ([`FilterGroups::select`]) and
//! which lists, per combination, the filters it passes: a row then reaches only the
//! indicators whose filter it passes. A filter whose columns cannot be memoised (decimals,
//! timestamps, too many columns) is left to the per-expression path.

use std::ops::Range;

use rustc_hash::FxHashMap;

use crate::compute::plan::Expressions;
use crate::compute::row_expr::{key, Clock};
use crate::data::{Table, Values};

/// Filters grouped by the columns they read.
#[derive(Debug, Clone, Default)]
pub(crate) struct FilterGroups {
    groups: Vec<Group>,
    /// Expression index → (group, position in the group).
    of: Vec<Option<(usize, usize)>>,
}

#[derive(Debug, Clone)]
struct Group {
    columns: Vec<usize>,
    /// Expression indices.
    members: Vec<usize>,
}

/// One thread's memo of one group: the verdicts of each key seen, and the current row's.
#[derive(Debug, Default)]
pub(crate) struct GroupMemo {
    /// Whether `dense` was decided (on the first row, from the table's dictionaries).
    laid_out: bool,
    row: Option<usize>,
    current: usize,
    verdicts: Vec<Box<[bool]>>,
    /// Per entry of `verdicts`: the filter expressions it passes (the block pass reads these,
    /// most rows passing one filter of a group or none).
    passing: Vec<Box<[usize]>>,
    by_key: FxHashMap<u128, usize>,
    /// When every column is text or boolean and the product of their keys is small: verdict
    /// index + 1 by the combination's position (0 = not seen yet), with each column's stride.
    dense: Option<(Vec<u32>, Vec<Place>)>,
    /// Verdicts of a row whose key could not be packed (computed, not memoised).
    scratch: Vec<bool>,
    unkeyed: bool,
}

/// What a group's filters are evaluated with on one row.
#[derive(Clone, Copy)]
pub(crate) struct Reading<'a> {
    pub expressions: &'a Expressions,
    pub table: &'a Table,
    pub clock: Clock,
}

impl FilterGroups {
    /// Groups the memoisable expressions among `filters` by their columns.
    pub fn new(expressions: &Expressions, filters: impl IntoIterator<Item = usize>) -> Self {
        let mut grouped = FilterGroups {
            groups: Vec::new(),
            of: vec![None; expressions.list.len()],
        };
        for e in filters {
            let Some(columns) = expressions.list.get(e).and_then(|x| x.memo_columns()) else {
                continue;
            };
            if grouped.of.get(e).is_some_and(Option::is_some) {
                continue;
            }
            let g = match grouped.groups.iter().position(|g| g.columns == columns) {
                Some(g) => g,
                None => {
                    grouped.groups.push(Group {
                        columns: columns.to_vec(),
                        members: Vec::new(),
                    });
                    grouped.groups.len() - 1
                }
            };
            if let (Some(group), Some(slot)) = (grouped.groups.get_mut(g), grouped.of.get_mut(e)) {
                *slot = Some((g, group.members.len()));
                group.members.push(e);
            }
        }
        grouped
    }

    /// The group and position of expression `e`, if it is grouped.
    pub fn of(&self, e: usize) -> Option<(usize, usize)> {
        self.of.get(e).copied().flatten()
    }

    /// Fresh memos, one per group.
    pub fn memos(&self) -> Vec<GroupMemo> {
        self.groups.iter().map(|_| GroupMemo::default()).collect()
    }

    /// The verdict of member `position` of group `g` on `row`.
    pub fn verdict(
        &self,
        g: usize,
        position: usize,
        memo: &mut GroupMemo,
        reading: Reading<'_>,
        row: usize,
    ) -> bool {
        let Some(group) = self.groups.get(g) else {
            return false;
        };
        memo.lay_out(reading.table, &group.columns);
        if memo.row != Some(row) {
            memo.row = Some(row);
            let slot = dense_slot(memo, reading.table, &group.columns, row);
            memo.decide(group, reading, row, slot);
        }
        current(memo, position)
    }

    /// Every row of `rows` whose verdict is true for some grouped filter, appended in row order
    /// to `selected[filter expression]`. The rows' positions in a dense memo are summed column
    /// by column over the block (`slots`, scratch space), so a row costs one read per group
    /// when its combination was seen before.
    pub fn select(
        &self,
        memos: &mut [GroupMemo],
        reading: Reading<'_>,
        rows: Range<usize>,
        slots: &mut Vec<usize>,
        selected: &mut [Vec<usize>],
    ) {
        for (group, memo) in self.groups.iter().zip(memos.iter_mut()) {
            memo.lay_out(reading.table, &group.columns);
            let dense = block_slots(memo, reading.table, &group.columns, rows.clone(), slots);
            for (i, row) in rows.clone().enumerate() {
                let slot = if dense { slots.get(i).copied() } else { None };
                match slot.and_then(|s| memo.seen(s)) {
                    Some(index) => {
                        memo.unkeyed = false;
                        memo.current = index;
                    }
                    None => memo.decide(group, reading, row, slot),
                }
                memo.row = Some(row);
                memo.for_each_passing(group, |e| {
                    if let Some(rows) = selected.get_mut(e) {
                        rows.push(row);
                    }
                });
            }
        }
    }
}

impl GroupMemo {
    /// Decides the dense layout on the memo's first use.
    fn lay_out(&mut self, table: &Table, columns: &[usize]) {
        if !self.laid_out {
            self.laid_out = true;
            self.dense = dense_layout(table, columns);
        }
    }

    /// The verdict index memoised at dense position `slot`, if that combination was seen.
    #[inline]
    fn seen(&self, slot: usize) -> Option<usize> {
        let (dense, _) = self.dense.as_ref()?;
        let seen = *dense.get(slot)?;
        (seen > 0).then(|| (seen - 1) as usize)
    }

    /// Makes `row`'s verdicts current: from the dense memo at `slot` (the row's position
    /// there, if it has one), else from the memo by key, else evaluated (and memoised when
    /// the key packs).
    fn decide(&mut self, group: &Group, reading: Reading<'_>, row: usize, slot: Option<usize>) {
        if let Some(index) = slot.and_then(|s| self.seen(s)) {
            self.unkeyed = false;
            self.current = index;
            return;
        }
        let decide = |out: &mut Vec<bool>| {
            out.clear();
            out.extend(group.members.iter().map(|&e| {
                reading
                    .expressions
                    .list
                    .get(e)
                    .is_some_and(|x| x.truthy(reading.table, row, reading.clock))
            }));
        };
        let Some(k) = key(reading.table, &group.columns, row) else {
            self.unkeyed = true;
            decide(&mut self.scratch);
            return;
        };
        self.unkeyed = false;
        self.current = match self.by_key.get(&k) {
            Some(&index) => index,
            None => {
                decide(&mut self.scratch);
                let passing: Vec<usize> = (self.scratch.iter().zip(&group.members))
                    .filter_map(|(&pass, &e)| pass.then_some(e))
                    .collect();
                self.passing.push(passing.into_boxed_slice());
                self.verdicts.push(self.scratch.clone().into_boxed_slice());
                self.by_key.insert(k, self.verdicts.len() - 1);
                self.verdicts.len() - 1
            }
        };
        let index = u32::try_from(self.current + 1).unwrap_or(0);
        let entry = slot.and_then(|s| self.dense.as_mut().and_then(|(d, _)| d.get_mut(s)));
        if let Some(entry) = entry {
            *entry = index;
        }
    }

    /// Calls `each` with every filter expression of `group` true on the current row.
    #[inline]
    fn for_each_passing(&self, group: &Group, mut each: impl FnMut(usize)) {
        if self.unkeyed {
            (self.scratch.iter().zip(&group.members))
                .filter(|(&pass, _)| pass)
                .for_each(|(_, &e)| each(e));
        } else if let Some(passing) = self.passing.get(self.current) {
            passing.iter().for_each(|&e| each(e));
        }
    }
}

/// The verdict of member `position` for the memo's current row.
fn current(memo: &GroupMemo, position: usize) -> bool {
    let verdicts = if memo.unkeyed {
        Some(&memo.scratch[..])
    } else {
        memo.verdicts.get(memo.current).map(|v| &v[..])
    };
    verdicts
        .and_then(|v| v.get(position))
        .copied()
        .unwrap_or(false)
}

/// Most combinations a dense memo holds.
const DENSE_COMBINATIONS: usize = 1 << 20;

/// Where one column's key counts in a dense memo's position: `key * stride`, for keys below
/// `radix` (a key out of that range has no position: the row is looked up by key instead).
#[derive(Debug, Clone, Copy)]
struct Place {
    stride: usize,
    radix: usize,
}

/// The places of the columns' keys (0 = empty; a text's code + 1, a boolean's 1 or 2) when
/// every column is text or boolean and all combinations fit in [`DENSE_COMBINATIONS`].
fn dense_layout(table: &Table, columns: &[usize]) -> Option<(Vec<u32>, Vec<Place>)> {
    let mut places = Vec::with_capacity(columns.len());
    let mut size = 1usize;
    for &column in columns {
        let radix = match table.columns().get(column) {
            Some(Values::Text { dictionary, .. }) => dictionary.len() + 1,
            Some(Values::Boolean(_)) => 3,
            _ => return None,
        };
        places.push(Place {
            stride: size,
            radix,
        });
        size = size.checked_mul(radix)?;
        if size > DENSE_COMBINATIONS {
            return None;
        }
    }
    Some((vec![0; size], places))
}

/// The position of `row`'s combination in the dense memo, if it has one.
fn dense_slot(memo: &GroupMemo, table: &Table, columns: &[usize], row: usize) -> Option<usize> {
    let (_, places) = memo.dense.as_ref()?;
    let mut slot = 0usize;
    for (&column, place) in columns.iter().zip(places) {
        let key = usize::try_from(table.columns().get(column)?.discrete_key(row)?).ok()?;
        if key >= place.radix {
            return None;
        }
        slot += key * place.stride;
    }
    Some(slot)
}

/// Fills `slots` with the dense position of each row of `rows`, column by column (loops the
/// compiler vectorises); false when the memo is not dense or some key of the block is out of
/// its column's range, and `slots` is then not to be read (the rows go by key).
fn block_slots(
    memo: &GroupMemo,
    table: &Table,
    columns: &[usize],
    rows: Range<usize>,
    slots: &mut Vec<usize>,
) -> bool {
    let Some((_, places)) = memo.dense.as_ref() else {
        return false;
    };
    slots.clear();
    slots.resize(rows.len(), 0);
    for (&column, place) in columns.iter().zip(places) {
        match table.columns().get(column) {
            Some(Values::Text { codes, .. }) => {
                let Some(codes) = codes.get(rows.clone()) else {
                    return false;
                };
                // The key is the code + 1, and the empty cell's NULL_CODE (u32::MAX) wraps to 0.
                let key = |code: u32| code.wrapping_add(1) as usize;
                if codes.iter().map(|&c| key(c)).max().unwrap_or(0) >= place.radix {
                    return false;
                }
                for (slot, &code) in slots.iter_mut().zip(codes) {
                    *slot += key(code) * place.stride;
                }
            }
            Some(Values::Boolean(values)) => {
                let Some(values) = values.get(rows.clone()) else {
                    return false;
                };
                for (slot, value) in slots.iter_mut().zip(values) {
                    let key = match value {
                        None => 0,
                        Some(false) => 1,
                        Some(true) => 2,
                    };
                    *slot += key * place.stride;
                }
            }
            _ => return false,
        }
    }
    true
}
