//! Information loss of a suppression: what the reader of the published table no longer sees.
//!
//! `reference/gdpr-feedback.md` §6.1 item 14 asks for information-loss metrics beside the
//! protected table (sdcMicro's `report`, ACRO's summary). For a frequency table the figures a
//! coordinator can act on are counts: how many cells are hidden, why (primary: too small to
//! publish; secondary: hidden so the primary ones cannot be recomputed), and how many units
//! the hidden inner cells hold, also as a share of the grand total.
//!
//! Decisions:
//! * Counts of cells cover every cell, inner and margins: `published + primary + secondary =
//!   cells`. The units hidden are counted on inner cells only, since a margin's units are
//!   those of its inner cells (counting both would count a person twice).
//! * `suppressed_share = suppressed_count / grand_total`, a [`Decimal`] rounded to 4 decimal
//!   places, midpoint away from zero (`0.00005` → `0.0001`); `0` for an empty table.
//!
//! This module raises no code.

use rust_decimal::{Decimal, RoundingStrategy};
use serde::Serialize;

use crate::i18n::{Message, Term};

/// Decimal places of [`InformationLoss::suppressed_share`].
pub const SHARE_DECIMALS: u32 = 4;

/// What a suppression hides. See the module docs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InformationLoss {
    /// Every cell of the table, inner cells and margins.
    pub cells: usize,
    /// Cells published with their value.
    pub published: usize,
    /// Cells hidden because they are below the threshold (or zeros deemed sensitive).
    pub primary: usize,
    /// Cells hidden so that no primary cell can be recomputed from the published ones.
    pub secondary: usize,
    /// Inner cells hidden (primary or secondary).
    pub inner_suppressed: usize,
    /// The units counted in the hidden inner cells.
    pub suppressed_count: u64,
    /// The grand total of the table.
    pub grand_total: u64,
    /// `suppressed_count / grand_total`, 4 decimal places, midpoint away from zero.
    pub suppressed_share: Decimal,
}

/// One cell as the loss sees it: hidden or not, why, and whether it is inner.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct CellLoss {
    /// Published, primary or secondary.
    pub(crate) kind: LossKind,
    /// True for an inner cell.
    pub(crate) inner: bool,
    /// The cell's count.
    pub(crate) count: u64,
}

/// Why a cell is (not) published, as counted here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LossKind {
    Published,
    Primary,
    Secondary,
}

impl InformationLoss {
    /// Measures the loss over every cell and the table's grand total.
    pub(crate) fn measure(cells: impl Iterator<Item = CellLoss>, grand_total: u64) -> Self {
        let mut loss = InformationLoss {
            cells: 0,
            published: 0,
            primary: 0,
            secondary: 0,
            inner_suppressed: 0,
            suppressed_count: 0,
            grand_total,
            suppressed_share: Decimal::ZERO,
        };
        for cell in cells {
            loss.cells += 1;
            match cell.kind {
                LossKind::Published => loss.published += 1,
                LossKind::Primary => loss.primary += 1,
                LossKind::Secondary => loss.secondary += 1,
            }
            if cell.inner && cell.kind != LossKind::Published {
                loss.inner_suppressed += 1;
                loss.suppressed_count = loss.suppressed_count.saturating_add(cell.count);
            }
        }
        loss.suppressed_share = share(loss.suppressed_count, grand_total);
        loss
    }
}

/// `part / whole` rounded to [`SHARE_DECIMALS`] places; 0 when `whole` is 0. Counts above
/// Decimal's 96-bit range cannot occur (u64), so the division is exact before rounding.
fn share(part: u64, whole: u64) -> Decimal {
    if whole == 0 {
        return Decimal::ZERO;
    }
    let ratio = Decimal::from(part)
        .checked_div(Decimal::from(whole))
        .unwrap_or(Decimal::ZERO);
    ratio
        .round_dp_with_strategy(SHARE_DECIMALS, RoundingStrategy::MidpointAwayFromZero)
        .normalize()
}

/// Codes raised here, in French and English (none).
pub(crate) const MESSAGES: &[Message] = &[];

/// Domain terms carried in params of these codes (none).
pub(crate) const TERMS: &[Term] = &[];

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(kind: LossKind, inner: bool, count: u64) -> CellLoss {
        CellLoss { kind, inner, count }
    }

    #[test]
    fn counts_every_cell_and_hidden_units_of_inner_cells_only() {
        let cells = [
            cell(LossKind::Primary, true, 3),
            cell(LossKind::Secondary, true, 7),
            cell(LossKind::Published, true, 20),
            cell(LossKind::Secondary, false, 10),
            cell(LossKind::Published, false, 30),
        ];
        let loss = InformationLoss::measure(cells.into_iter(), 30);
        assert_eq!(
            (loss.cells, loss.published, loss.primary, loss.secondary),
            (5, 2, 1, 2)
        );
        assert_eq!((loss.inner_suppressed, loss.suppressed_count), (2, 10));
        assert_eq!(loss.suppressed_share.to_string(), "0.3333");
    }

    #[test]
    fn share_rounds_midpoints_away_from_zero_and_handles_empty_tables() {
        assert_eq!(share(1, 20_000).to_string(), "0.0001"); // 0.00005
        assert_eq!(share(1, 20_001).to_string(), "0");
        assert_eq!(share(0, 0), Decimal::ZERO);
        assert_eq!(share(5, 5).to_string(), "1");
    }
}
