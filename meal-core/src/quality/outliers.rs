//! Outliers and invalid numerics: DHIS2's outlier-detection algorithms (z-score, modified
//! z-score, invalid numeric; `reference/logframes-indicators.md` §1.8, §7.7) and Tukey's IQR
//! fences, over numeric columns of loaded records.
//!
//! # Decisions
//!
//! * **Methods and default thresholds** (used when the check gives none):
//!   `z_score` 3.0 (DHIS2's default, §1.8); `modified_z_score` **3.5**, the value Iglewicz and
//!   Hoaglin recommend — DHIS2 uses 3.0 for both, which flags more values of skewed data, the
//!   false positives users complain about (§8 item 6); `iqr` **1.5** (Tukey's inner fences). The
//!   peer benchmark's q9 (`reference/python-analytics.md` §4.3) uses 3 × IQR, Tukey's "far out"
//!   fences: write `"threshold": "3"` to get it.
//! * **Groups.** Statistics are computed per group of `group_by` columns (DHIS2 groups by data
//!   element, org unit and disaggregation, §1.8); `[]` is one group over the whole table. A blank
//!   group cell is a group of its own. The statistics use every loaded record with a value in
//!   the column (DHIS2's data window is the whole table); blank cells are not tested. Groups
//!   without spread are skipped ([`super::stats`]), as DHIS2 skips σ = 0 and MAD = 0.
//! * The exact arithmetic and the quantile definition are in [`super::stats`].
//! * **Invalid numerics.** Columns typed integer or decimal are checked by the loader: a value
//!   that is not a number rejects its row (`data.not_integer`, `data.not_decimal`), reported as
//!   `quality.rejected_row` under the `invalid_numeric` check ([`super::completeness`]). Text
//!   columns listed in `numeric` hold numbers written as text (a form's text field, an
//!   import): each non-blank value that does not read as a number (`Value::parse_number`:
//!   `12`, `-0.5`; not `N/A`, `1,5`, `1e3`) is one failure — DHIS2's INVALID_NUMERIC, which
//!   DHIS2 lists among its outlier algorithms (§1.8), and Akvo users' "N/A", "n.a." actuals
//!   (§8 item 5).
//!
//! # Codes
//!
//! | code | check | when | params |
//! |---|---|---|---|
//! | `quality.outlier` | outlier | a value outside the test's bounds | `method`, `threshold`, `centre`, `lower`, `upper` |
//! | `quality.outlier_overflow` | outlier | a group's sums do not fit a decimal: not tested | `column`, `method` |
//! | `quality.invalid_numeric` | invalid_numeric | a `numeric` text value that is not a number | `column` |

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::data::{Table, Values};
use crate::error::Severity;
use crate::expr::Value;
use crate::i18n::Message;
use crate::quality::key::{cell_key, is_blank, CellKey};
use crate::quality::place::Places;
use crate::quality::scorecard::{Check, Failure};
use crate::quality::stats::{self, Test};

/// One outlier test.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutlierCheck {
    /// A numeric column.
    pub column: String,
    pub method: OutlierMethod,
    /// The method's default when absent ([`OutlierMethod::default_threshold`]); above 0.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub threshold: Option<Decimal>,
    /// Columns whose values form the groups; one group when empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub group_by: Vec<String>,
}

/// How outliers are found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OutlierMethod {
    /// `|x − mean| ≥ t·σ_pop`.
    ZScore,
    /// `0.6745·|x − median| ≥ t·MAD`.
    ModifiedZScore,
    /// Outside `Q1 − k·IQR`, `Q3 + k·IQR`.
    Iqr,
}

impl OutlierMethod {
    /// The threshold used when a check gives none: 3.0, 3.5 and 1.5.
    pub fn default_threshold(self) -> Decimal {
        match self {
            OutlierMethod::ZScore => Decimal::new(30, 1),
            OutlierMethod::ModifiedZScore => Decimal::new(35, 1),
            OutlierMethod::Iqr => Decimal::new(15, 1),
        }
    }

    /// The name used in documents and failures.
    pub fn as_str(self) -> &'static str {
        match self {
            OutlierMethod::ZScore => "z_score",
            OutlierMethod::ModifiedZScore => "modified_z_score",
            OutlierMethod::Iqr => "iqr",
        }
    }

    /// Runs the method on one group of values.
    pub fn test(self, values: &[Decimal], threshold: Decimal) -> Test {
        match self {
            OutlierMethod::ZScore => stats::z_score(values, threshold),
            OutlierMethod::ModifiedZScore => stats::modified_z_score(values, threshold),
            OutlierMethod::Iqr => stats::iqr(values, threshold),
        }
    }
}

/// The non-blank values of a numeric column in one group, with their rows.
#[derive(Debug, Default)]
struct Group {
    values: Vec<Decimal>,
    rows: Vec<usize>,
}

/// One failure per value outside its group's bounds, for every test.
pub(crate) fn outliers(table: &Table, checks: &[OutlierCheck], places: &Places) -> Vec<Failure> {
    let mut failures = Vec::new();
    for check in checks {
        let Some(column) = table.column(&check.column) else {
            continue;
        };
        let threshold = check.threshold.unwrap_or(check.method.default_threshold());
        for group in groups(table, column, &check.group_by) {
            match check.method.test(&group.values, threshold) {
                Test::NoSpread => {}
                Test::Overflow => failures.push(overflow(check)),
                Test::Ran(fences) => {
                    for index in fences.flagged {
                        let (Some(&row), Some(value)) =
                            (group.rows.get(index), group.values.get(index))
                        else {
                            continue;
                        };
                        failures.push(
                            places
                                .failure(row, Check::Outlier, "quality.outlier", Severity::Warning)
                                .column(&check.column)
                                .value(value.normalize().to_string())
                                .with("method", check.method.as_str())
                                .with("threshold", threshold.normalize())
                                .with("centre", fences.centre)
                                .with("lower", fences.lower)
                                .with("upper", fences.upper),
                        );
                    }
                }
            }
        }
    }
    failures
}

/// The values of `column` grouped by the `group_by` columns, groups in key order.
fn groups(table: &Table, column: &Values, group_by: &[String]) -> impl Iterator<Item = Group> {
    let by: Vec<&Values> = group_by.iter().filter_map(|c| table.column(c)).collect();
    let mut groups: BTreeMap<Vec<CellKey>, Group> = BTreeMap::new();
    for row in 0..table.len() {
        let Some(value) = number(column, row) else {
            continue;
        };
        let key = by.iter().map(|values| cell_key(values, row)).collect();
        let group = groups.entry(key).or_default();
        group.values.push(value);
        group.rows.push(row);
    }
    groups.into_values()
}

/// The number in a numeric cell.
fn number(values: &Values, row: usize) -> Option<Decimal> {
    match values {
        Values::Integer(v) => v.get(row).copied().flatten().map(Decimal::from),
        Values::Decimal(v) => v.get(row).copied().flatten(),
        _ => None,
    }
}

/// The failure of a group that could not be tested: about the group, so about no row or place.
fn overflow(check: &OutlierCheck) -> Failure {
    Failure::new(
        Check::Outlier,
        "quality.outlier_overflow",
        Severity::Warning,
    )
    .column(&check.column)
    .with("column", &check.column)
    .with("method", check.method.as_str())
}

/// One failure per non-blank value of a `numeric` text column that is not a number.
pub(crate) fn invalid_numerics(table: &Table, numeric: &[String], places: &Places) -> Vec<Failure> {
    let mut failures = Vec::new();
    for name in numeric {
        let Some(values) = table.column(name) else {
            continue;
        };
        for row in 0..table.len() {
            let Some(text) = values.text(row).filter(|_| !is_blank(values, row)) else {
                continue;
            };
            if Value::parse_number(text).is_none() {
                failures.push(
                    places
                        .failure(
                            row,
                            Check::InvalidNumeric,
                            "quality.invalid_numeric",
                            Severity::Error,
                        )
                        .column(name)
                        .value(text)
                        .with("column", name),
                );
            }
        }
    }
    failures
}

/// Messages of the codes this file raises.
pub const MESSAGES: &[Message] = &[
    Message {
        code: "quality.outlier",
        en: "Outlier ({method}, threshold {threshold}): outside {lower} to {upper} around {centre}",
        fr: "Valeur aberrante ({method}, seuil {threshold}) : hors de l'intervalle {lower} à {upper} autour de {centre}",
    },
    Message {
        code: "quality.outlier_overflow",
        en: "The values of {column} in this group are too large to test for outliers ({method})",
        fr: "Les valeurs de {column} de ce groupe sont trop grandes pour rechercher des valeurs aberrantes ({method})",
    },
    Message {
        code: "quality.invalid_numeric",
        en: "The value of {column} is not a number",
        fr: "La valeur de {column} n'est pas un nombre",
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_thresholds_are_the_documented_ones() {
        assert_eq!(OutlierMethod::ZScore.default_threshold().to_string(), "3.0");
        assert_eq!(
            OutlierMethod::ModifiedZScore
                .default_threshold()
                .to_string(),
            "3.5"
        );
        assert_eq!(OutlierMethod::Iqr.default_threshold().to_string(), "1.5");
    }

    #[test]
    fn methods_read_by_their_snake_case_names() {
        let check: OutlierCheck =
            serde_json::from_str(r#"{"column": "nights", "method": "modified_z_score"}"#).unwrap();
        assert_eq!(check.method, OutlierMethod::ModifiedZScore);
        assert_eq!(check.threshold, None);
        assert!(check.group_by.is_empty());
    }
}
