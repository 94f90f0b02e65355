//! Frequency tables with margins, as published.
//!
//! A [`Table`] counts units (persons, households, complaints) over n ≥ 1 dimensions, each with
//! named categories. The counts of the category combinations are the *inner cells*; every
//! *margin* is published with them: for every subset of dimensions summed out, the totals
//! (for two dimensions: the row totals, the column totals and the grand total). This is the
//! shape a MEAL report publishes and the shape cell suppression protects
//! (`reference/gdpr-feedback.md` §2.6, §6.1 items 11–12).
//!
//! Decisions:
//! * A cell is addressed by one [`Coord`] per dimension: a category index or `Total`. Outputs
//!   name coordinates by category name and `"Total"`; a category may therefore not be called
//!   `Total` (`disclosure.reserved_category`), so that a published coordinate is never ambiguous.
//! * Cell order is row-major, first dimension slowest, each coordinate running through its
//!   categories and then `Total` — the order in which a printed table reads.
//! * All margins are computed once, exactly (`u64`, checked: `disclosure.count_overflow`).
//! * Tables are bounded to [`MAX_CELLS`] cells (inner and margins), so a binding cannot ask
//!   for an allocation that fails (`disclosure.table_too_large`).
//! * From JSON (`{"dimensions": [...], "cells": [{"coords": [...], "count": n}]}`) an inner
//!   cell not listed counts 0; a cell listed twice or naming an unknown category is an error,
//!   never a silent merge.
//! * From records (a JSON array of objects), a missing, `null` or empty value is counted in an
//!   explicit [`UNKNOWN_CATEGORY`] rather than dropped, so the grand total equals the number of
//!   records (nothing lost). A value spelled `unknown` counts there too: both mean unknown.
//!   Categories are sorted (byte order), `unknown` last, so the table does not depend on the
//!   order of the records.
//!
//! | code | raised when |
//! |---|---|
//! | `disclosure.no_dimensions` | a table has no dimension |
//! | `disclosure.empty_dimension` | a dimension has no category |
//! | `disclosure.duplicate_dimension` | two dimensions share a name |
//! | `disclosure.duplicate_category` | a category is listed twice in a dimension |
//! | `disclosure.reserved_category` | a category is named `Total` |
//! | `disclosure.table_shape` | the number of counts is not the number of inner cells |
//! | `disclosure.table_too_large` | the table would have more than [`MAX_CELLS`] cells |
//! | `disclosure.count_overflow` | a margin exceeds 2^64 − 1 |
//! | `disclosure.coords_length` | a cell gives the wrong number of coordinates |
//! | `disclosure.unknown_category` | a cell names a category its dimension lacks |
//! | `disclosure.duplicate_cell` | a cell is listed twice |
//! | `disclosure.record_not_object` | a record is not a JSON object (the code and message of [`super::microdata`]) |
//! | `disclosure.record_value` | a record's value is an array or an object |
//!
//! Shape errors of the JSON itself are `json.malformed` and `document.invalid`.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::error::MealError;
use crate::i18n::{Message, Term};

/// How a `Total` coordinate is written in inputs and outputs.
pub const TOTAL: &str = "Total";

/// The category that counts records whose value is missing, `null` or empty.
pub const UNKNOWN_CATEGORY: &str = "unknown";

/// The most cells (inner and margins together) a table may have.
pub const MAX_CELLS: usize = 1_000_000;

/// The `kind` of this module's JSON in `document.invalid` errors.
const KIND: &str = "frequency_table";

/// One dimension of a table: its name and its categories, in order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dimension {
    /// The dimension's name (`sex`, `age_band`, `site`).
    pub name: String,
    /// Its categories, in the order they are published.
    pub categories: Vec<String>,
}

/// One coordinate of a cell: a category (its index in the dimension) or the total over it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Coord {
    /// The category at this index.
    Category(usize),
    /// The sum over every category of the dimension.
    Total,
}

/// A cell of a table and its count, coordinates named as published.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CellCount {
    /// One category name (or `"Total"`) per dimension.
    pub coords: Vec<String>,
    /// The number of units in the cell.
    pub count: u64,
}

/// A frequency table with all its margins. See the module docs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    dimensions: Vec<Dimension>,
    /// Every cell's count, inner cells and margins, in cell order.
    values: Vec<u64>,
}

/// The JSON shape of a table given by its inner cells.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TableJson {
    dimensions: Vec<Dimension>,
    #[serde(default)]
    cells: Vec<CellCount>,
}

impl Table {
    /// A table from its dimensions and its inner counts in row-major order (first dimension
    /// slowest). Errors: see the module's table of codes.
    pub fn new(dimensions: Vec<Dimension>, counts: Vec<u64>) -> Result<Table, MealError> {
        let inner = check_dimensions(&dimensions)?;
        if counts.len() != inner {
            return Err(MealError::new("disclosure.table_shape")
                .with("expected", inner)
                .with("found", counts.len()));
        }
        let mut table = Table {
            values: Vec::new(),
            dimensions,
        };
        table.values = table.with_margins(&counts)?;
        Ok(table)
    }

    /// Reads `{"dimensions": [{"name", "categories"}], "cells": [{"coords", "count"}]}`;
    /// inner cells not listed count 0.
    pub fn from_json(json: &str) -> Result<Table, MealError> {
        let parsed: TableJson = serde_json::from_str(json).map_err(|e| {
            if e.is_data() {
                MealError::new("document.invalid")
                    .with("kind", KIND)
                    .with("detail", e)
            } else {
                crate::document::malformed(&e)
            }
        })?;
        let inner = check_dimensions(&parsed.dimensions)?;
        let mut counts = vec![0u64; inner];
        let mut seen = BTreeSet::new();
        for (index, cell) in parsed.cells.iter().enumerate() {
            let at = inner_index_of(&parsed.dimensions, &cell.coords, index)?;
            if !seen.insert(at) {
                return Err(MealError::new("disclosure.duplicate_cell")
                    .at(format!("/cells/{index}"))
                    .with("coords", cell.coords.join(", ")));
            }
            if let Some(slot) = counts.get_mut(at) {
                *slot = cell.count;
            }
        }
        Table::new(parsed.dimensions, counts)
    }

    /// Counts a JSON array of records (objects) by the values of `columns`, one dimension per
    /// column. Missing, `null` and empty values count in [`UNKNOWN_CATEGORY`]; strings are
    /// taken as written, numbers and booleans as their JSON text.
    pub fn from_records(records_json: &str, columns: &[&str]) -> Result<Table, MealError> {
        let records: Vec<serde_json::Value> = serde_json::from_str(records_json).map_err(|e| {
            if e.is_data() {
                MealError::new("document.invalid")
                    .with("kind", KIND)
                    .with("detail", e)
            } else {
                crate::document::malformed(&e)
            }
        })?;
        let rows = records
            .iter()
            .enumerate()
            .map(|(index, record)| record_categories(record, index, columns))
            .collect::<Result<Vec<_>, _>>()?;
        let dimensions: Vec<Dimension> = columns
            .iter()
            .enumerate()
            .map(|(k, name)| Dimension {
                name: (*name).to_owned(),
                categories: sorted_categories(rows.iter().filter_map(|row| row.get(k))),
            })
            .collect();
        let inner = check_dimensions(&dimensions)?;
        let mut counts = vec![0u64; inner];
        for (index, row) in rows.iter().enumerate() {
            let at = inner_index_of(&dimensions, row, index)?;
            if let Some(slot) = counts.get_mut(at) {
                *slot = slot.saturating_add(1);
            }
        }
        Table::new(dimensions, counts)
    }

    /// The dimensions, in order.
    pub fn dimensions(&self) -> &[Dimension] {
        &self.dimensions
    }

    /// The number of cells, inner cells and margins together.
    pub fn cell_count(&self) -> usize {
        self.values.len()
    }

    /// The number of inner cells (category combinations).
    pub fn inner_count(&self) -> usize {
        self.dimensions.iter().map(|d| d.categories.len()).product()
    }

    /// The count of the cell at `coords`, or `None` when the coordinates do not address a cell.
    pub fn count(&self, coords: &[Coord]) -> Option<u64> {
        self.index_of(coords)
            .and_then(|index| self.values.get(index).copied())
    }

    /// The grand total (every coordinate `Total`).
    pub fn grand_total(&self) -> u64 {
        self.values.last().copied().unwrap_or(0)
    }

    /// Every cell with its count, in cell order (see the module docs).
    pub fn cells(&self) -> Vec<CellCount> {
        (0..self.cell_count())
            .map(|index| CellCount {
                coords: self.coord_names(index),
                count: self.value(index),
            })
            .collect()
    }

    /// The count of cell `index` (0 outside the table).
    pub(crate) fn value(&self, index: usize) -> u64 {
        self.values.get(index).copied().unwrap_or(0)
    }

    /// The coordinates of cell `index`.
    pub(crate) fn coords(&self, index: usize) -> Vec<Coord> {
        let mut rest = index;
        let mut coords = vec![Coord::Total; self.dimensions.len()];
        for (k, dimension) in self.dimensions.iter().enumerate().rev() {
            let radix = dimension.categories.len() + 1;
            let digit = rest % radix;
            rest /= radix;
            if let Some(slot) = coords.get_mut(k) {
                *slot = if digit == dimension.categories.len() {
                    Coord::Total
                } else {
                    Coord::Category(digit)
                };
            }
        }
        coords
    }

    /// The coordinates of cell `index` as published: category names and `"Total"`.
    pub(crate) fn coord_names(&self, index: usize) -> Vec<String> {
        self.coords(index)
            .iter()
            .zip(&self.dimensions)
            .map(|(coord, dimension)| match coord {
                Coord::Category(c) => dimension.categories.get(*c).cloned().unwrap_or_default(),
                Coord::Total => TOTAL.to_owned(),
            })
            .collect()
    }

    /// The number of `Total` coordinates of cell `index` (0 for an inner cell).
    pub(crate) fn totals_in(&self, index: usize) -> usize {
        self.coords(index)
            .iter()
            .filter(|c| **c == Coord::Total)
            .count()
    }

    /// The inner cells (numbered in row-major order over categories only) that cell `index`
    /// sums, ascending.
    pub(crate) fn covered_inner(&self, index: usize) -> Vec<u32> {
        let mut covered = vec![0u32];
        for (coord, dimension) in self.coords(index).iter().zip(&self.dimensions) {
            let size = u32::try_from(dimension.categories.len()).unwrap_or(u32::MAX);
            covered = match coord {
                Coord::Category(c) => {
                    let c = u32::try_from(*c).unwrap_or(u32::MAX);
                    covered.iter().map(|i| i * size + c).collect()
                }
                Coord::Total => covered
                    .iter()
                    .flat_map(|i| (0..size).map(move |c| i * size + c))
                    .collect(),
            };
        }
        covered
    }

    /// The cell index of inner cell `inner` (row-major over categories).
    pub(crate) fn cell_of_inner(&self, inner: usize) -> usize {
        let mut rest = inner;
        let mut digits = vec![0usize; self.dimensions.len()];
        for (k, dimension) in self.dimensions.iter().enumerate().rev() {
            let size = dimension.categories.len().max(1);
            if let Some(slot) = digits.get_mut(k) {
                *slot = rest % size;
            }
            rest /= size;
        }
        self.dimensions
            .iter()
            .zip(&digits)
            .fold(0, |index, (dimension, digit)| {
                index * (dimension.categories.len() + 1) + digit
            })
    }

    fn index_of(&self, coords: &[Coord]) -> Option<usize> {
        if coords.len() != self.dimensions.len() {
            return None;
        }
        let mut index = 0usize;
        for (coord, dimension) in coords.iter().zip(&self.dimensions) {
            let size = dimension.categories.len();
            let digit = match coord {
                Coord::Category(c) if *c < size => *c,
                Coord::Category(_) => return None,
                Coord::Total => size,
            };
            index = index * (size + 1) + digit;
        }
        Some(index)
    }

    /// Every cell's value from the inner counts: dimension by dimension, each `Total` along
    /// dimension k whose later coordinates are categories sums its k-children, which the
    /// earlier passes (or the inner counts) have already filled.
    fn with_margins(&self, counts: &[u64]) -> Result<Vec<u64>, MealError> {
        let cells: usize = self
            .dimensions
            .iter()
            .map(|d| d.categories.len() + 1)
            .product();
        let mut values = vec![0u64; cells];
        for (inner, count) in counts.iter().enumerate() {
            if let Some(slot) = values.get_mut(self.cell_of_inner(inner)) {
                *slot = *count;
            }
        }
        let mut stride = cells;
        for (k, dimension) in self.dimensions.iter().enumerate() {
            let size = dimension.categories.len();
            stride /= size + 1;
            for index in 0..cells {
                let coords = self.coords(index);
                let later_are_categories = coords
                    .get(k + 1..)
                    .is_some_and(|later| later.iter().all(|c| *c != Coord::Total));
                if coords.get(k) != Some(&Coord::Total) || !later_are_categories {
                    continue;
                }
                let first_child = index - size * stride;
                let mut sum = 0u64;
                for c in 0..size {
                    let child = values.get(first_child + c * stride).copied().unwrap_or(0);
                    sum = sum
                        .checked_add(child)
                        .ok_or_else(|| MealError::new("disclosure.count_overflow"))?;
                }
                if let Some(slot) = values.get_mut(index) {
                    *slot = sum;
                }
            }
        }
        Ok(values)
    }
}

/// Checks the dimensions and returns the number of inner cells.
fn check_dimensions(dimensions: &[Dimension]) -> Result<usize, MealError> {
    if dimensions.is_empty() {
        return Err(MealError::new("disclosure.no_dimensions").at("/dimensions"));
    }
    let mut names = BTreeSet::new();
    let mut cells = 1usize;
    for (k, dimension) in dimensions.iter().enumerate() {
        let at = format!("/dimensions/{k}");
        if !names.insert(dimension.name.as_str()) {
            return Err(MealError::new("disclosure.duplicate_dimension")
                .at(at)
                .with("dimension", &dimension.name));
        }
        if dimension.categories.is_empty() {
            return Err(MealError::new("disclosure.empty_dimension")
                .at(at)
                .with("dimension", &dimension.name));
        }
        let mut seen = BTreeSet::new();
        for (c, category) in dimension.categories.iter().enumerate() {
            let error = if category == TOTAL {
                "disclosure.reserved_category"
            } else if !seen.insert(category.as_str()) {
                "disclosure.duplicate_category"
            } else {
                continue;
            };
            return Err(MealError::new(error)
                .at(format!("{at}/categories/{c}"))
                .with("dimension", &dimension.name)
                .with("category", category));
        }
        cells = cells
            .checked_mul(dimension.categories.len() + 1)
            .filter(|n| *n <= MAX_CELLS)
            .ok_or_else(|| MealError::new("disclosure.table_too_large").with("limit", MAX_CELLS))?;
    }
    Ok(dimensions.iter().map(|d| d.categories.len()).product())
}

/// The inner index of the cell named by `coords` (category names); `entry` locates it.
fn inner_index_of(
    dimensions: &[Dimension],
    coords: &[String],
    entry: usize,
) -> Result<usize, MealError> {
    if coords.len() != dimensions.len() {
        return Err(MealError::new("disclosure.coords_length")
            .at(format!("/cells/{entry}/coords"))
            .with("expected", dimensions.len())
            .with("found", coords.len()));
    }
    let mut index = 0usize;
    for (k, (name, dimension)) in coords.iter().zip(dimensions).enumerate() {
        let digit = dimension
            .categories
            .iter()
            .position(|c| c == name)
            .ok_or_else(|| {
                MealError::new("disclosure.unknown_category")
                    .at(format!("/cells/{entry}/coords/{k}"))
                    .with("dimension", &dimension.name)
                    .with("category", name)
            })?;
        index = index * dimension.categories.len() + digit;
    }
    Ok(index)
}

/// The category of each column for one record.
fn record_categories(
    record: &serde_json::Value,
    index: usize,
    columns: &[&str],
) -> Result<Vec<String>, MealError> {
    let object = record.as_object().ok_or_else(|| {
        MealError::new("disclosure.record_not_object")
            .at(format!("/{index}"))
            .with("row", index)
    })?;
    columns
        .iter()
        .map(|column| match object.get(*column) {
            None | Some(serde_json::Value::Null) => Ok(UNKNOWN_CATEGORY.to_owned()),
            Some(serde_json::Value::String(text)) if text.is_empty() => {
                Ok(UNKNOWN_CATEGORY.to_owned())
            }
            Some(serde_json::Value::String(text)) => Ok(text.clone()),
            Some(value @ (serde_json::Value::Number(_) | serde_json::Value::Bool(_))) => {
                Ok(value.to_string())
            }
            Some(_) => Err(MealError::new("disclosure.record_value")
                .at(format!("/{index}/{column}"))
                .with("index", index)
                .with("column", column)),
        })
        .collect()
}

/// The distinct values, sorted, with [`UNKNOWN_CATEGORY`] last when present.
fn sorted_categories<'a>(values: impl Iterator<Item = &'a String>) -> Vec<String> {
    let distinct: BTreeMap<(bool, &str), ()> = values
        .map(|v| ((v == UNKNOWN_CATEGORY, v.as_str()), ()))
        .collect();
    distinct.keys().map(|(_, v)| (*v).to_owned()).collect()
}

/// Domain terms this module puts in message parameters.
pub(crate) const TERMS: &[Term] = &[Term {
    key: "frequency_table",
    en: "frequency table",
    fr: "tableau de fréquences",
}];

/// Codes raised here, in French and English.
pub(crate) const MESSAGES: &[Message] = &[
    Message {
        code: "disclosure.no_dimensions",
        en: "A table needs at least one dimension",
        fr: "Un tableau doit avoir au moins une dimension",
    },
    Message {
        code: "disclosure.empty_dimension",
        en: "The dimension '{dimension}' has no category",
        fr: "La dimension « {dimension} » n'a aucune catégorie",
    },
    Message {
        code: "disclosure.duplicate_dimension",
        en: "Two dimensions are named '{dimension}'",
        fr: "Deux dimensions s'appellent « {dimension} »",
    },
    Message {
        code: "disclosure.duplicate_category",
        en: "The category '{category}' is listed twice in the dimension '{dimension}'",
        fr: "La catégorie « {category} » figure deux fois dans la dimension « {dimension} »",
    },
    Message {
        code: "disclosure.reserved_category",
        en: "The dimension '{dimension}' has a category named '{category}', which names the margins; rename it",
        fr: "La dimension « {dimension} » a une catégorie nommée « {category} », nom réservé aux marges ; renommez-la",
    },
    Message {
        code: "disclosure.table_shape",
        en: "The table has {expected} inner cells but {found} counts were given",
        fr: "Le tableau a {expected} cellules intérieures mais {found} effectifs ont été donnés",
    },
    Message {
        code: "disclosure.table_too_large",
        en: "The table would have more than {limit} cells with its margins; use fewer dimensions or categories",
        fr: "Le tableau aurait plus de {limit} cellules avec ses marges ; utilisez moins de dimensions ou de catégories",
    },
    Message {
        code: "disclosure.count_overflow",
        en: "A total of the table is too large to be counted exactly",
        fr: "Un total du tableau est trop grand pour être compté exactement",
    },
    Message {
        code: "disclosure.coords_length",
        en: "A cell must give {expected} coordinates, one per dimension; it gives {found}",
        fr: "Une cellule doit donner {expected} coordonnées, une par dimension ; elle en donne {found}",
    },
    Message {
        code: "disclosure.unknown_category",
        en: "The dimension '{dimension}' has no category '{category}'",
        fr: "La dimension « {dimension} » n'a pas de catégorie « {category} »",
    },
    Message {
        code: "disclosure.duplicate_cell",
        en: "The cell ({coords}) is given twice",
        fr: "La cellule ({coords}) est donnée deux fois",
    },
    Message {
        code: "disclosure.record_value",
        en: "Record {index} has a list or an object in '{column}'; a table counts single values",
        fr: "L'enregistrement {index} a une liste ou un objet dans « {column} » ; un tableau compte des valeurs simples",
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    fn dim(name: &str, categories: &[&str]) -> Dimension {
        Dimension {
            name: name.to_owned(),
            categories: categories.iter().map(|c| (*c).to_owned()).collect(),
        }
    }

    #[test]
    fn margins_of_a_two_by_three_table() {
        // rows f, m; columns a, b, c
        let table = Table::new(
            vec![dim("sex", &["f", "m"]), dim("age", &["a", "b", "c"])],
            vec![1, 2, 3, 4, 5, 6],
        )
        .unwrap();
        assert_eq!(table.cell_count(), 12);
        use Coord::{Category as C, Total as T};
        assert_eq!(table.count(&[C(0), T]), Some(6));
        assert_eq!(table.count(&[C(1), T]), Some(15));
        assert_eq!(table.count(&[T, C(0)]), Some(5));
        assert_eq!(table.count(&[T, C(2)]), Some(9));
        assert_eq!(table.count(&[T, T]), Some(21));
        assert_eq!(table.grand_total(), 21);
        assert_eq!(table.count(&[C(2), T]), None);
        let cells = table.cells();
        assert_eq!(cells[3].coords, ["f", "Total"]);
        assert_eq!(cells[3].count, 6);
        assert_eq!(cells[11].coords, ["Total", "Total"]);
    }

    #[test]
    fn margins_of_three_dimensions_sum_every_subset() {
        let counts: Vec<u64> = (1..=8).collect();
        let table = Table::new(
            vec![
                dim("a", &["0", "1"]),
                dim("b", &["0", "1"]),
                dim("c", &["0", "1"]),
            ],
            counts,
        )
        .unwrap();
        use Coord::{Category as C, Total as T};
        // inner (a,b,c) = 4a + 2b + c + 1
        assert_eq!(table.count(&[T, C(1), C(0)]), Some(3 + 7));
        assert_eq!(table.count(&[C(1), T, T]), Some(5 + 6 + 7 + 8));
        assert_eq!(table.count(&[T, T, C(1)]), Some(2 + 4 + 6 + 8));
        assert_eq!(table.grand_total(), 36);
        assert_eq!(
            table.covered_inner(table.index_of(&[T, C(1), C(0)]).unwrap()),
            [2, 6]
        );
    }

    #[test]
    fn shape_errors_have_codes() {
        let code =
            |dims: Vec<Dimension>, counts: Vec<u64>| Table::new(dims, counts).unwrap_err().code;
        assert_eq!(code(vec![], vec![]), "disclosure.no_dimensions");
        assert_eq!(
            code(vec![dim("a", &[])], vec![]),
            "disclosure.empty_dimension"
        );
        assert_eq!(
            code(vec![dim("a", &["x", "x"])], vec![1, 1]),
            "disclosure.duplicate_category"
        );
        assert_eq!(
            code(vec![dim("a", &["Total"])], vec![1]),
            "disclosure.reserved_category"
        );
        assert_eq!(
            code(vec![dim("a", &["x"]), dim("a", &["y"])], vec![1]),
            "disclosure.duplicate_dimension"
        );
        assert_eq!(
            code(vec![dim("a", &["x", "y"])], vec![1]),
            "disclosure.table_shape"
        );
        assert_eq!(
            code(vec![dim("a", &["x", "y"])], vec![u64::MAX, 1]),
            "disclosure.count_overflow"
        );
        let wide: Vec<String> = (0..1000).map(|i| i.to_string()).collect();
        let wide = Dimension {
            name: "w".into(),
            categories: wide,
        };
        let mut second = wide.clone();
        second.name = "v".into();
        assert_eq!(
            code(vec![wide, second], vec![]),
            "disclosure.table_too_large"
        );
    }

    #[test]
    fn from_json_fills_missing_cells_with_zero_and_rejects_bad_cells() {
        let json = r#"{"dimensions":[{"name":"sex","categories":["f","m"]},{"name":"age","categories":["0-14","15+"]}],
                       "cells":[{"coords":["m","15+"],"count":7},{"coords":["f","0-14"],"count":2}]}"#;
        let table = Table::from_json(json).unwrap();
        use Coord::{Category as C, Total as T};
        assert_eq!(table.count(&[C(0), C(1)]), Some(0));
        assert_eq!(table.count(&[T, T]), Some(9));
        let err = |cells: &str| {
            Table::from_json(&format!(
                r#"{{"dimensions":[{{"name":"a","categories":["x","y"]}}],"cells":{cells}}}"#
            ))
            .unwrap_err()
        };
        assert_eq!(
            err(r#"[{"coords":["z"],"count":1}]"#).code,
            "disclosure.unknown_category"
        );
        assert_eq!(
            err(r#"[{"coords":["Total"],"count":1}]"#).code,
            "disclosure.unknown_category"
        );
        let twice = err(r#"[{"coords":["x"],"count":1},{"coords":["x"],"count":2}]"#);
        assert_eq!(
            (twice.code.as_str(), twice.path.as_str()),
            ("disclosure.duplicate_cell", "/cells/1")
        );
        assert_eq!(
            err(r#"[{"coords":["x","y"],"count":1}]"#).code,
            "disclosure.coords_length"
        );
        assert_eq!(
            err(r#"[{"coords":["x"],"count":-1}]"#).code,
            "document.invalid"
        );
        assert_eq!(
            err(r#"[{"coords":["x"],"count":1,"weight":2}]"#).code,
            "document.invalid"
        );
        assert_eq!(Table::from_json("{").unwrap_err().code, "json.malformed");
    }

    #[test]
    fn records_with_missing_values_count_as_unknown() {
        let records = r#"[{"sex":"f","age":15},{"sex":"m","age":15},{"sex":"f"},
                          {"sex":null,"age":16},{"sex":"","age":true},{"sex":"f","age":15}]"#;
        let table = Table::from_records(records, &["sex", "age"]).unwrap();
        assert_eq!(table.dimensions()[0].categories, ["f", "m", "unknown"]);
        assert_eq!(
            table.dimensions()[1].categories,
            ["15", "16", "true", "unknown"]
        );
        assert_eq!(table.grand_total(), 6, "every record is counted");
        use Coord::{Category as C, Total as T};
        assert_eq!(table.count(&[C(0), C(0)]), Some(2));
        assert_eq!(table.count(&[C(2), T]), Some(2));
        assert_eq!(table.count(&[T, C(3)]), Some(1));
        let bad = Table::from_records(r#"[{"sex":["f"]}]"#, &["sex"]).unwrap_err();
        assert_eq!(
            (bad.code.as_str(), bad.path.as_str()),
            ("disclosure.record_value", "/0/sex")
        );
        assert_eq!(
            Table::from_records("[1]", &["sex"]).unwrap_err().code,
            "disclosure.record_not_object"
        );
        assert_eq!(
            Table::from_records("[]", &["sex"]).unwrap_err().code,
            "disclosure.empty_dimension"
        );
        assert_eq!(
            Table::from_records("[{}]", &[]).unwrap_err().code,
            "disclosure.no_dimensions"
        );
    }
}
