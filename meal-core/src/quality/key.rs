//! How cells compare when rows are grouped (outlier groups) or matched (duplicates).
//!
//! Two cells of one column are equal when their values are: the column's discrete key
//! ([`Values::discrete_key`]: dictionary code, integer, boolean, day) where it has one, else the
//! canonical text of the value (decimals normalised, so `1.0` equals `1.00`; a timestamp with
//! its offset, so the same instant written with two offsets is two values — the record was
//! written differently). An empty cell is a value of its own and equals another empty cell.

use crate::data::{Table, Values};

/// The comparable value of one cell.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum CellKey {
    Discrete(u128),
    Text(String),
}

/// The key of `row` in `values`.
pub(crate) fn cell_key(values: &Values, row: usize) -> CellKey {
    match values.discrete_key(row) {
        Some(key) => CellKey::Discrete(key),
        None => CellKey::Text(values.value(row).to_text()),
    }
}

/// The keys of `row` in `columns` (the indices into the table's columns), in that order.
pub(crate) fn row_key(table: &Table, columns: &[usize], row: usize) -> Vec<CellKey> {
    columns
        .iter()
        .filter_map(|&c| table.columns().get(c))
        .map(|values| cell_key(values, row))
        .collect()
}

/// True when the cell is empty (no value, or empty text).
pub(crate) fn is_blank(values: &Values, row: usize) -> bool {
    match values {
        Values::Text { .. } => values.text(row).is_none_or(str::is_empty),
        _ => values.value(row).is_empty(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;
    use std::str::FromStr;

    #[test]
    fn equal_decimals_have_equal_keys_whatever_their_scale() {
        let values = Values::Decimal(vec![
            Some(Decimal::from_str("1.0").unwrap()),
            Some(Decimal::from_str("1.00").unwrap()),
            None,
        ]);
        assert_eq!(cell_key(&values, 0), cell_key(&values, 1));
        assert_ne!(cell_key(&values, 0), cell_key(&values, 2));
        assert!(is_blank(&values, 2) && !is_blank(&values, 0));
    }

    #[test]
    fn text_blanks_are_empty_codes_or_empty_text() {
        let values = Values::Text {
            codes: vec![0, crate::data::NULL_CODE, 1],
            dictionary: vec!["a".into(), String::new()],
        };
        assert!(!is_blank(&values, 0));
        assert!(is_blank(&values, 1));
        assert!(is_blank(&values, 2));
        assert!(is_blank(&values, 9), "a row out of range is blank");
    }
}
