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
        if memo.row != Some(row) {
            memo.row = Some(row);
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
                }
                None => {
                    memo.unkeyed = true;
                    decide(&mut memo.scratch);
                }
            }
        }
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
}
