//! The pass over a table block by block: a block's rows are read column by column first —
//! each distinct date expression into a vector, each filter into the list of the rows it
//! selects — then every plan takes its selected rows in order.
//!
//! Why: a mission has dozens of indicators, and a row matches the filters of one or two.
//! Asking each plan's filter on each row costs a lookup per row and plan; here each group of
//! filters over the same columns is decided once per row from a dense memo (its position
//! summed over the block's codes, see [`crate::compute::filters`]) and a row reaches only the
//! plans whose filter it passes. What a matching row adds is the row interpreter's own
//! [`Pass::add_row`], and every value is the one the interpreter gives (same expressions, same
//! caches); each plan still sees its rows in table order, so sums add in the same order. The
//! interpreter stays the reference: `block_props` checks both give the same state.

use std::ops::Range;

use chrono::NaiveDate;

use super::Pass;
use crate::compute::partial::Window;
use crate::compute::Partial;
use crate::data::Values;

/// Rows per block: the block's vectors stay in the L1/L2 caches.
pub(crate) const BLOCK_ROWS: usize = 2048;

/// One thread's block vectors, reused from block to block.
#[derive(Default)]
struct Columns {
    /// Per distinct date expression: the date of each row of the block.
    dates: Vec<Vec<Option<NaiveDate>>>,
    /// Per expression (filters only): the rows of the block it selects, in order.
    selected: Vec<Vec<usize>>,
    /// Whether each row of the block passed some filter without a date.
    dateless: Vec<bool>,
    /// Scratch: rows' positions in a dense filter memo.
    slots: Vec<usize>,
    /// The distinct filters of the plans that no group memoises.
    ungrouped: Vec<usize>,
}

impl Pass<'_, '_> {
    /// Accumulates `rows` into `state`, `block_rows` rows at a time.
    pub(super) fn blocks(&mut self, rows: Range<usize>, block_rows: usize, state: &mut Partial) {
        let engine = self.engine;
        let mut ungrouped: Vec<usize> = (engine.plans.iter())
            .filter_map(|plan| plan.filter)
            .filter(|&f| engine.filters.of(f).is_none())
            .collect();
        ungrouped.sort_unstable();
        ungrouped.dedup();
        let mut columns = Columns {
            dates: vec![Vec::new(); engine.date_expressions.len()],
            selected: vec![Vec::new(); engine.expressions.list.len()],
            ungrouped,
            ..Columns::default()
        };
        let size = block_rows.max(1);
        let mut start = rows.start;
        while start < rows.end {
            let block = start..rows.end.min(start.saturating_add(size));
            start = block.end;
            state.rows_read += block.len() as u64;
            state.rows_without_date += self.block(block, &mut columns, &mut state.windows);
        }
    }

    /// Accumulates one block; the number of its rows that passed a filter without a date.
    fn block(&mut self, rows: Range<usize>, columns: &mut Columns, windows: &mut [Window]) -> u64 {
        self.block_dates(rows.clone(), &mut columns.dates);
        self.block_filters(rows.clone(), columns);
        columns.dateless.clear();
        columns.dateless.resize(rows.len(), false);
        let engine = self.engine;
        for (p, plan) in engine.plans.iter().enumerate() {
            let selected = plan.filter.and_then(|f| columns.selected.get(f));
            let dates = columns.dates.get(plan.date_slot);
            let mut take = |pass: &mut Self, row: usize| {
                // Selections hold rows of this block only.
                let Some(at) = row.checked_sub(rows.start) else {
                    return;
                };
                match dates.and_then(|d| d.get(at)).copied().flatten() {
                    Some(date) => pass.add_row(p, plan, row, date, windows),
                    None => {
                        if let Some(dateless) = columns.dateless.get_mut(at) {
                            *dateless = true;
                        }
                    }
                }
            };
            match selected {
                Some(selected) => selected.iter().for_each(|&row| take(self, row)),
                None if plan.filter.is_none() => rows.clone().for_each(|row| take(self, row)),
                None => {}
            }
        }
        columns.dateless.iter().filter(|&&d| d).count() as u64
    }

    /// The date of every row of the block for each distinct date expression (a date column is
    /// copied as it is), each date counted in `Partial::dates`.
    fn block_dates(&mut self, rows: Range<usize>, dates: &mut [Vec<Option<NaiveDate>>]) {
        let engine = self.engine;
        for (slot, (&e, out)) in engine.date_expressions.iter().zip(dates).enumerate() {
            out.clear();
            let column = (engine.expressions.list.get(e))
                .and_then(|x| x.date_column(&engine.schema))
                .and_then(|c| self.table.columns().get(c));
            let copied = match column {
                Some(Values::Date(values)) => values.get(rows.clone()),
                _ => None,
            };
            match copied {
                Some(values) => out.extend_from_slice(values),
                None => out.extend(rows.clone().map(|row| self.date(e, row))),
            }
            for &date in out.iter().flatten() {
                self.count_date(slot, date);
            }
        }
    }

    /// The rows of the block each plan filter selects: grouped filters all at once from their
    /// memos, the others by the row interpreter.
    fn block_filters(&mut self, rows: Range<usize>, columns: &mut Columns) {
        let engine = self.engine;
        for plan in &engine.plans {
            if let Some(rows) = plan.filter.and_then(|f| columns.selected.get_mut(f)) {
                rows.clear();
            }
        }
        let reading = engine.reading(self.table);
        engine.filters.select(
            &mut self.filter_memos,
            reading,
            rows.clone(),
            &mut columns.slots,
            &mut columns.selected,
        );
        for &f in &columns.ungrouped {
            if let Some(selected) = columns.selected.get_mut(f) {
                selected.extend(rows.clone().filter(|&row| self.boolean(f, row)));
            }
        }
    }
}
