//! Filters that read the same columns, decided together.
//!
//! The indicators of a mission filter the same few columns (`${project} = 'IDF' and
//! ${activity} = 'medical_consultation'`, …): dozens of filters, each a function of the same
//! two or three dictionary codes. Rather than looking each one up per row, the filters over
//! one set of columns form a group whose verdicts — one per filter — are memoised together on
//! the row's keys: one lookup per group and row, then a plain read per indicator. A filter
//! whose columns cannot be memoised (decimals, timestamps, too many columns) is left to the
//! per-expression path.

use rustc_hash::FxHashMap;

use crate::compute::plan::Expressions;
use crate::compute::row_expr::{key, Clock};
use crate::data::Table;

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
    row: Option<usize>,
    current: usize,
    verdicts: Vec<Box<[bool]>>,
    by_key: FxHashMap<u128, usize>,
    /// When every column is text and the product of their dictionaries is small: verdict
    /// index + 1 by the combination's position (0 = not seen yet), with each column's stride.
    dense: Option<(Vec<u32>, Vec<usize>)>,
    /// Verdicts of a row whose key could not be packed (computed, not memoised).
    scratch: Vec<bool>,
    unkeyed: bool,
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
    #[allow(clippy::too_many_arguments)]
    pub fn verdict(
        &self,
        g: usize,
        position: usize,
        memo: &mut GroupMemo,
        expressions: &Expressions,
        table: &Table,
        row: usize,
        clock: Clock,
    ) -> bool {
        let Some(group) = self.groups.get(g) else {
            return false;
        };
        if memo.row.is_none() {
            memo.dense = dense_layout(table, &group.columns);
        }
        if memo.row != Some(row) {
            memo.row = Some(row);
            if let Some(slot) = dense_slot(memo, table, &group.columns, row) {
                if let Some(&seen) = memo.dense.as_ref().and_then(|(d, _)| d.get(slot)) {
                    if seen > 0 {
                        memo.unkeyed = false;
                        memo.current = (seen - 1) as usize;
                        return current(memo, position);
                    }
                }
            }
            let decide = |out: &mut Vec<bool>| {
                out.clear();
                out.extend(group.members.iter().map(|&e| {
                    expressions
                        .list
                        .get(e)
                        .is_some_and(|x| x.truthy(table, row, clock))
                }));
            };
            match key(table, &group.columns, row) {
                Some(k) => {
                    memo.unkeyed = false;
                    memo.current = match memo.by_key.get(&k) {
                        Some(&index) => index,
                        None => {
                            decide(&mut memo.scratch);
                            memo.verdicts.push(memo.scratch.clone().into_boxed_slice());
                            memo.by_key.insert(k, memo.verdicts.len() - 1);
                            memo.verdicts.len() - 1
                        }
                    };
                    if let Some(slot) = dense_slot(memo, table, &group.columns, row) {
                        let index = u32::try_from(memo.current + 1).unwrap_or(0);
                        if let Some(entry) = memo.dense.as_mut().and_then(|(d, _)| d.get_mut(slot))
                        {
                            *entry = index;
                        }
                    }
                }
                None => {
                    memo.unkeyed = true;
                    decide(&mut memo.scratch);
                }
            }
        }
        current(memo, position)
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

/// Strides over the text columns' keys (0 = empty, code + 1 otherwise) when every column is
/// text and all combinations fit in [`DENSE_COMBINATIONS`].
fn dense_layout(table: &Table, columns: &[usize]) -> Option<(Vec<u32>, Vec<usize>)> {
    let mut strides = Vec::with_capacity(columns.len());
    let mut size = 1usize;
    for &column in columns {
        let Some(crate::data::Values::Text { dictionary, .. }) = table.columns().get(column) else {
            return None;
        };
        strides.push(size);
        size = size.checked_mul(dictionary.len() + 1)?;
        if size > DENSE_COMBINATIONS {
            return None;
        }
    }
    Some((vec![0; size], strides))
}

/// The position of `row`'s combination in the dense memo, if it has one.
fn dense_slot(memo: &GroupMemo, table: &Table, columns: &[usize], row: usize) -> Option<usize> {
    let (_, strides) = memo.dense.as_ref()?;
    let mut slot = 0usize;
    for (&column, &stride) in columns.iter().zip(strides) {
        let key = usize::try_from(table.columns().get(column)?.discrete_key(row)?).ok()?;
        slot += key * stride;
    }
    Some(slot)
}
