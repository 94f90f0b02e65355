//! Disclosure control of a report for an external audience: small disaggregation cells are
//! hidden, and so are the cells that would let a reader recompute them.
//!
//! Decisions:
//! * **Threshold.** A cell counting fewer than `k` persons or records is hidden (primary
//!   suppression); `k` is the request's `threshold`, default 5 — the mission's rule for public
//!   health-related tables (`reference/gdpr-feedback.md` §6.1 item 11, "n < 5 → suppress"; item 3
//!   sets k = 5 for public outputs and k = 3 for restricted partner sharing, hence a field).
//! * **What is counted.** For `count` and `distinct_persons` indicators the value *is* the
//!   number of records or persons, so the value is counted (for distinct persons it is smaller
//!   than the contacts behind it, so the stricter count). For `sum`, `mean` and `ratio` the
//!   value is not a head count (nights, days, a percentage): the cell's contributing records,
//!   `Figure.rows.matched`, are counted — a mean of two persons' waiting days is as revealing as
//!   a count of two. An indicator no logframe defines is counted by its matched rows too. A
//!   count whose value is not a whole number ≥ 0 (a malformed figure) falls back to matched rows.
//! * **Secondary suppression** runs on each dimension's one-way table and period
//!   ([`crate::disclosure::suppression::suppress`], Gaussian elimination after Langsrud,
//!   `reference/gdpr-feedback.md` §2.6, §6.1 item 12), with the table's total as its margin:
//!   a hidden category cannot be recomputed as total minus the others. When that total itself
//!   is hidden (the whole indicator counts fewer than `k`), the indicator's total entry for the
//!   period is hidden as well, since publishing it would undo the table.
//! * **Crossed cells** (two or more dimensions) are never published externally: protecting them
//!   needs the n-way table with all its margins, which the results do not carry for distinct
//!   persons (a margin of distinct persons is not the sum of its cells). The one-way tables are
//!   what a SITREP publishes.
//! * Row counts of disaggregation cells are dropped from external reports: matched rows are a
//!   second set of margins an attacker could combine with the first.
//! * A table the disclosure module refuses (a category spelt `Total`) is hidden whole rather
//!   than published unprotected.
//!
//! Zero cells follow the disclosure module's default (`ZeroRule::Safe`): "nobody" is published.
//!
//! This file raises no code of its own; a threshold of 0 is `disclosure.bad_threshold`.

use rust_decimal::prelude::ToPrimitive;

use crate::disclosure::suppression::{suppress, Rules, Status as CellStatus};
use crate::disclosure::table::{Dimension, Table, TOTAL};
use crate::error::MealError;
use crate::report::model::{Entry, EntryState, IndicatorLine};

/// What the primary rule counts in a cell. See the module docs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Basis {
    /// The value is a head count (count, distinct persons).
    Value,
    /// The matched rows (sum, mean, ratio, unknown indicators).
    Rows,
}

impl Basis {
    /// The basis for a measure kind (`Measure::kind`), empty for an undefined indicator.
    pub fn for_measure(kind: &str) -> Basis {
        match kind {
            "count" | "distinct_persons" => Basis::Value,
            _ => Basis::Rows,
        }
    }

    /// The number the primary rule looks at for `entry`.
    fn count(self, entry: &Entry) -> u64 {
        if entry.state == EntryState::NotComputed {
            return 0;
        }
        let rows = entry.rows.map_or(0, |r| r.matched);
        match self {
            Basis::Rows => rows,
            Basis::Value => entry
                .value
                .filter(|v| v.fract().is_zero())
                .and_then(|v| v.to_u64())
                .unwrap_or(rows),
        }
    }
}

/// Protects `line` under `threshold`; returns the number of entries hidden.
pub fn protect(line: &mut IndicatorLine, basis: Basis, threshold: u64) -> Result<u64, MealError> {
    let rules = Rules {
        threshold,
        ..Rules::default()
    };
    let periods = line.entries.len();
    for period in 0..periods {
        for index in 0..line.disaggregations.len() {
            let total_hidden = protect_table(line, index, period, basis, &rules)?;
            if total_hidden {
                if let Some(total) = line.entries.get_mut(period) {
                    hide(total);
                }
            }
        }
    }
    for crossed in &mut line.crossed {
        crossed.entries.iter_mut().for_each(hide);
    }
    let mut hidden = 0u64;
    let cells = line
        .disaggregations
        .iter_mut()
        .flat_map(|d| d.categories.iter_mut())
        .flat_map(|c| c.entries.iter_mut());
    for entry in cells {
        entry.rows = None;
    }
    let all = line.entries.iter().chain(
        line.disaggregations
            .iter()
            .flat_map(|d| d.categories.iter())
            .flat_map(|c| c.entries.iter())
            .chain(line.crossed.iter().flat_map(|c| c.entries.iter())),
    );
    for entry in all {
        if entry.is_suppressed() {
            hidden = hidden.saturating_add(1);
        }
    }
    Ok(hidden)
}

/// Suppresses one dimension's one-way table for one period; true when its total is hidden.
fn protect_table(
    line: &mut IndicatorLine,
    index: usize,
    period: usize,
    basis: Basis,
    rules: &Rules,
) -> Result<bool, MealError> {
    let Some(disaggregation) = line.disaggregations.get_mut(index) else {
        return Ok(false);
    };
    let counts: Vec<u64> = disaggregation
        .categories
        .iter()
        .map(|c| c.entries.get(period).map_or(0, |e| basis.count(e)))
        .collect();
    let dimension = Dimension {
        name: disaggregation.dimension.clone(),
        categories: disaggregation
            .categories
            .iter()
            .map(|c| c.category.clone())
            .collect(),
    };
    let Ok(table) = Table::new(vec![dimension], counts) else {
        for category in &mut disaggregation.categories {
            category.entries.get_mut(period).into_iter().for_each(hide);
        }
        return Ok(true);
    };
    let suppression = suppress(&table, rules)?;
    let mut total_hidden = false;
    for cell in suppression.cells {
        if cell.status == CellStatus::Published {
            continue;
        }
        let Some(coord) = cell.coords.first() else {
            continue;
        };
        if coord == TOTAL {
            total_hidden = true;
        } else if let Some(category) = disaggregation
            .categories
            .iter_mut()
            .find(|c| &c.category == coord)
        {
            category.entries.get_mut(period).into_iter().for_each(hide);
        }
    }
    Ok(total_hidden)
}

/// Hides an entry unless there is nothing to hide (not computed).
fn hide(entry: &mut Entry) {
    if entry.state != EntryState::NotComputed {
        entry.suppress();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compute::RowCounts;
    use crate::indicator::Status;
    use crate::period::Period;
    use crate::report::model::{CategoryLine, CrossedLine, Disaggregation};
    use rust_decimal::Decimal;

    fn entry(value: i64, matched: u64) -> Entry {
        Entry {
            period: Period::parse("2026Q1").unwrap(),
            state: EntryState::Published,
            value: Some(Decimal::from(value)),
            target: Some(Decimal::from(100)),
            achievement: Some(Decimal::new(5, 1)),
            status: Some(Status::OffTrack),
            rows: Some(RowCounts {
                in_window: matched,
                matched,
                without_value: 0,
            }),
        }
    }

    fn line(cells: &[(&str, i64, u64)], crossed: bool) -> IndicatorLine {
        let total: i64 = cells.iter().map(|c| c.1).sum();
        let matched: u64 = cells.iter().map(|c| c.2).sum();
        IndicatorLine {
            code: "X".into(),
            name: "X".into(),
            unit: String::new(),
            measure: "count".into(),
            baseline: None,
            entries: vec![entry(total, matched)],
            disaggregations: vec![Disaggregation {
                dimension: "sex".into(),
                name: "Sex".into(),
                categories: cells
                    .iter()
                    .map(|(code, value, matched)| CategoryLine {
                        category: (*code).into(),
                        name: (*code).into(),
                        entries: vec![entry(*value, *matched)],
                    })
                    .collect(),
            }],
            crossed: if crossed {
                vec![CrossedLine {
                    cell: Default::default(),
                    name: String::new(),
                    entries: vec![entry(40, 40)],
                }]
            } else {
                Vec::new()
            },
        }
    }

    fn states(line: &IndicatorLine) -> Vec<EntryState> {
        line.disaggregations[0]
            .categories
            .iter()
            .map(|c| c.entries[0].state)
            .collect()
    }

    #[test]
    fn a_small_cell_and_its_complement_are_hidden() {
        // f 30, m 20, unknown 3: unknown < 5 is primary; alone it could be recomputed as
        // 53 − 30 − 20, so the smallest other cell (m, 20) is hidden too.
        let mut l = line(&[("f", 30, 30), ("m", 20, 20), ("unknown", 3, 3)], false);
        let hidden = protect(&mut l, Basis::Value, 5).unwrap();
        use EntryState::*;
        assert_eq!(states(&l), vec![Published, Suppressed, Suppressed]);
        assert_eq!(hidden, 2);
        let m = &l.disaggregations[0].categories[1].entries[0];
        assert_eq!(
            (m.value, m.achievement, m.status, m.rows),
            (None, None, None, None)
        );
        assert_eq!(
            m.target,
            Some(Decimal::from(100)),
            "targets are plans, kept"
        );
        assert_eq!(l.entries[0].state, Published);
        assert!(l.disaggregations[0].categories[0].entries[0].rows.is_none());
    }

    #[test]
    fn rows_are_counted_for_ratios_and_the_total_follows_a_hidden_margin() {
        // A ratio: values are percentages, matched rows 2 + 1 = 3 < 5 — the whole table and
        // so the indicator's total are hidden.
        let mut l = line(&[("f", 80, 2), ("m", 100, 1)], false);
        l.measure = "ratio".into();
        protect(&mut l, Basis::for_measure("ratio"), 5).unwrap();
        use EntryState::*;
        assert_eq!(states(&l), vec![Suppressed, Suppressed]);
        assert_eq!(l.entries[0].state, Suppressed);
    }

    #[test]
    fn large_cells_stay_and_crossed_cells_never_publish() {
        let mut l = line(&[("f", 30, 30), ("m", 20, 20), ("unknown", 0, 0)], true);
        protect(&mut l, Basis::Value, 5).unwrap();
        use EntryState::*;
        assert_eq!(states(&l), vec![Published, Published, Published]);
        assert_eq!(l.crossed[0].entries[0].state, Suppressed);
    }

    #[test]
    fn a_zero_threshold_is_refused() {
        let mut l = line(&[("f", 30, 30)], false);
        let error = protect(&mut l, Basis::Value, 0).unwrap_err();
        assert_eq!(error.code, "disclosure.bad_threshold");
    }
}
