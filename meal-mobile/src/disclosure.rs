//! Statistical disclosure control of microdata: frequencies with wildcards, k-anonymity, local
//! suppression, re-identification risk and recoding, over the key columns of a `Microdata`.

use std::sync::Arc;

use meal_core::disclosure::recode::{self, recode_values};
use meal_core::disclosure::table::Table;
use meal_core::disclosure::{anonymity, frequency, microdata, risk, suppression};

use crate::error::Result;
use crate::logframe::Finding;
use crate::privacy::serde_name;
use crate::types::DecimalString;

/// One key column: its name and a value per row (`null` or `""` is missing).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct KeyColumn {
    pub name: String,
    pub values: Vec<Option<String>>,
}

/// The key columns of a record set, dictionary-encoded. Missing values match anything
/// (sdcMicro's wildcard rule). Immutable: suppression and recoding give new microdata.
#[derive(Debug, uniffi::Object)]
pub struct Microdata(microdata::Microdata);

/// The result of a k-anonymity check.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct KAnonymity {
    /// The k checked.
    pub k: u64,
    /// True when no row has fewer than k look-alikes.
    pub satisfied: bool,
    /// The number of rows with f_k < k.
    pub violations: u64,
    /// Those rows (0-based), ascending.
    pub violating_rows: Vec<u64>,
    /// The distinct key combinations among those rows.
    pub classes_below_k: u64,
}

/// One blanked cell: row and key column (in key order), 0-based.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Record)]
pub struct SuppressedCell {
    pub row: u64,
    pub column: u64,
}

/// The outcome of local suppression.
#[derive(Debug, Clone, uniffi::Record)]
pub struct LocalSuppression {
    /// The same rows, some key values made missing.
    pub data: Arc<Microdata>,
    /// The blanked cells, sorted.
    pub suppressed: Vec<SuppressedCell>,
    /// True when the result is k-anonymous.
    pub k_reached: bool,
}

/// The re-identification risk of a file (r_k = 1/f_k), decimals rounded half-even to 6 places.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Risk {
    /// r_k per row, in row order.
    pub individual: Vec<DecimalString>,
    /// The mean individual risk.
    pub global: DecimalString,
    /// Σ r_k, the expected number of re-identifications.
    pub expected_reidentifications: DecimalString,
    /// The largest r_k (0 for an empty file).
    pub max_individual: DecimalString,
    /// The threshold rows were compared with.
    pub threshold: DecimalString,
    /// The rows with r_k above the threshold, ascending.
    pub rows_above_threshold: Vec<u64>,
    /// True when the global risk is under 3 % and no row is above the threshold.
    pub publishable: bool,
    /// Why not, as blocking findings in the requested locale (empty when publishable).
    pub reasons: Vec<Finding>,
}

/// The k for outputs published to everyone (5).
#[uniffi::export]
pub fn default_k_public() -> u64 {
    anonymity::DEFAULT_K_PUBLIC
}

/// The k for restricted sharing with partners under an agreement (3).
#[uniffi::export]
pub fn default_k_partner() -> u64 {
    anonymity::DEFAULT_K_PARTNER
}

/// The default individual risk threshold (0.05).
#[uniffi::export]
pub fn default_risk_threshold() -> DecimalString {
    risk::DEFAULT_RISK_THRESHOLD
}

#[uniffi::export]
impl Microdata {
    /// Microdata from key columns of equal length, in key order. Errors `disclosure.no_keys`,
    /// `disclosure.too_many_keys`, `disclosure.duplicate_key_column`,
    /// `disclosure.column_length`, `disclosure.too_many_rows`.
    #[uniffi::constructor]
    pub fn from_columns(columns: Vec<KeyColumn>) -> Result<Arc<Microdata>> {
        let columns = columns.into_iter().map(|c| (c.name, c.values)).collect();
        Ok(wrap(microdata::Microdata::from_columns::<String>(columns)?))
    }

    /// Reads a JSON array of record objects, keeping the `keys` columns in that order. A key
    /// absent, `null` or `""` is missing; numbers and booleans read as text. Errors
    /// `json.malformed`, `disclosure.records_not_array`, `disclosure.record_not_object`,
    /// `disclosure.nested_value`, `disclosure.duplicate_record_key` and the key checks.
    #[uniffi::constructor]
    pub fn from_json_records(json: String, keys: Vec<String>) -> Result<Arc<Microdata>> {
        Ok(wrap(microdata::Microdata::from_json_records(&json, &keys)?))
    }

    /// Reads a JSON object of columns (`{"sex": ["f", null], "age": [16, 17]}`), keeping the
    /// `keys` columns in that order; values as in records (numbers and booleans as their JSON
    /// text). Errors `json.malformed`, `disclosure.columns_not_object`,
    /// `disclosure.missing_column`, `disclosure.column_not_array`, `disclosure.nested_value`
    /// and the key checks.
    #[uniffi::constructor]
    pub fn from_json_columns(json: String, keys: Vec<String>) -> Result<Arc<Microdata>> {
        Ok(wrap(microdata::Microdata::from_json_columns(&json, &keys)?))
    }

    /// The number of rows.
    pub fn rows(&self) -> u64 {
        count(self.0.rows())
    }

    /// The key names, in key order.
    pub fn keys(&self) -> Vec<String> {
        self.0.column_names().to_vec()
    }

    /// Every row as a JSON object `{key: value | null}`, as JSON text (the shape
    /// `fromJsonRecords` reads).
    pub fn to_json_records(&self) -> String {
        self.0.to_json_records().to_string()
    }

    /// f_k of every row: how many rows could be this one on the keys (missing = wildcard).
    pub fn frequencies(&self) -> Vec<u64> {
        frequency::frequencies(&self.0)
    }

    /// Checks k-anonymity; `k` null is `defaultKPublic()` (5; partners: `defaultKPartner()`).
    /// Error `disclosure.bad_k`.
    #[uniffi::method(default(k = None))]
    pub fn k_anonymity(&self, k: Option<u64>) -> Result<KAnonymity> {
        let checked = anonymity::check(&self.0, k.unwrap_or(anonymity::DEFAULT_K_PUBLIC))?;
        Ok(KAnonymity {
            k: checked.k,
            satisfied: checked.satisfied,
            violations: checked.violations,
            violating_rows: checked.violating_rows.into_iter().map(count).collect(),
            classes_below_k: checked.classes_below_k,
        })
    }

    /// Blanks key values until every row has at least `k` (null: 5) look-alikes. `importance`: one
    /// number per key, lower = more important = suppressed last (null: keys with more distinct
    /// values go first). Errors `disclosure.bad_k`, `disclosure.bad_importance`.
    #[uniffi::method(default(k = None, importance = None))]
    pub fn local_suppression(
        &self,
        k: Option<u64>,
        importance: Option<Vec<u32>>,
    ) -> Result<LocalSuppression> {
        let k = k.unwrap_or(anonymity::DEFAULT_K_PUBLIC);
        let done = anonymity::local_suppression(&self.0, k, importance.as_deref())?;
        Ok(LocalSuppression {
            data: wrap(done.data),
            suppressed: done
                .suppressed
                .into_iter()
                .map(|(row, column)| SuppressedCell {
                    row: count(row),
                    column: count(column),
                })
                .collect(),
            k_reached: done.k_reached,
        })
    }

    /// The re-identification risk; rows with r_k above `threshold` (in (0, 1], null: 0.05) are
    /// flagged. Reasons in `locale`. Errors `disclosure.bad_risk_threshold`, `input.decimal`.
    pub fn risk(&self, threshold: Option<DecimalString>, locale: String) -> Result<Risk> {
        let measured = risk::risk(&self.0, threshold.unwrap_or(risk::DEFAULT_RISK_THRESHOLD))?;
        Ok(Risk {
            individual: measured.individual,
            global: measured.global,
            expected_reidentifications: measured.expected_reidentifications,
            max_individual: measured.max_individual,
            threshold: measured.threshold,
            rows_above_threshold: measured
                .rows_above_threshold
                .into_iter()
                .map(count)
                .collect(),
            publishable: measured.publishable,
            reasons: Finding::all_from_core(measured.reasons, &locale),
        })
    }

    /// The same microdata with key `column` recoded. Errors `disclosure.unknown_column` and
    /// those of the recoding, at the first row holding the value.
    pub fn recode(&self, column: String, recoding: Arc<Recoding>) -> Result<Arc<Microdata>> {
        Ok(wrap(recode::recode_column(&self.0, &column, &recoding.0)?))
    }
}

/// A recoding of one key column, read from JSON: `{"kind": "age_band", "bands": "standard" |
/// "minors" | [{"from": 0, "to": 4}, …]}`, `{"kind": "month"}`, `{"kind": "quarter"}`,
/// `{"kind": "region", "mapping": {place: region}, "other": region?}`. Immutable.
#[derive(Debug, uniffi::Object)]
pub struct Recoding(recode::Recoding);

#[uniffi::export]
impl Recoding {
    /// Reads a recoding. Errors `json.malformed`, `disclosure.bad_recoding` and the band
    /// errors.
    #[uniffi::constructor]
    pub fn from_json(json: String) -> Result<Arc<Recoding>> {
        Ok(Arc::new(Recoding(recode::Recoding::from_json(&json)?)))
    }

    /// Recodes a list of values (null or `""` stays missing, as null). Errors carry the index
    /// (param `row`): `disclosure.bad_age`, `disclosure.age_outside_bands`,
    /// `disclosure.unknown_place`, and the date errors of `month` and `quarter`.
    pub fn recode(&self, values: Vec<Option<String>>) -> Result<Vec<Option<String>>> {
        Ok(recode_values(&values, &self.0)?)
    }
}

fn wrap(data: microdata::Microdata) -> Arc<Microdata> {
    Arc::new(Microdata(data))
}

fn count(n: usize) -> u64 {
    u64::try_from(n).unwrap_or(u64::MAX)
}

/// The rules of a table suppression: counts `0 < n < threshold` are hidden, zeros are `"safe"`
/// (published) or `"sensitive"` (hidden), and sums of suppressed singletons are protected.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct TableRules {
    pub threshold: u64,
    pub zeros: String,
    pub singletons: bool,
    /// `None`: the exact greedy; `Some(n)` bounds the work on large tables of 3+ dimensions
    /// (more suppression, just as safe).
    pub ambiguity_limit: Option<u64>,
}

/// The default table rules (threshold 5, zeros safe, singletons protected), from the core.
#[uniffi::export]
pub fn default_table_rules() -> TableRules {
    let defaults = suppression::Rules::default();
    TableRules {
        threshold: defaults.threshold,
        zeros: serde_name(&defaults.zeros),
        singletons: defaults.singletons,
        ambiguity_limit: defaults.ambiguity_limit,
    }
}

/// One cell of a counted table: a category per dimension (`"Total"` for a margin).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct TableCell {
    pub coords: Vec<String>,
    pub count: u64,
}

/// One cell of a suppressed table: `published` (with its value), `primary` or `secondary`.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct PublishedCell {
    pub coords: Vec<String>,
    pub status: String,
    pub value: Option<u64>,
}

/// What a suppression hides.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct InformationLoss {
    pub cells: u64,
    pub published: u64,
    pub primary: u64,
    pub secondary: u64,
    pub inner_suppressed: u64,
    pub suppressed_count: u64,
    pub grand_total: u64,
    pub suppressed_share: DecimalString,
}

/// A suppressed table: every cell in cell order, and the information loss.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct SuppressedTable {
    pub cells: Vec<PublishedCell>,
    pub loss: InformationLoss,
}

/// Counts a JSON array of records by `columns`, with every margin. Missing values count in
/// the `unknown` category. Errors `json.malformed`, `document.invalid`, `disclosure.*`.
#[uniffi::export]
pub fn tabulate(records_json: String, columns: Vec<String>) -> Result<Vec<TableCell>> {
    let names: Vec<&str> = columns.iter().map(String::as_str).collect();
    let table = Table::from_records(&records_json, &names)?;
    Ok(table
        .cells()
        .into_iter()
        .map(|c| TableCell {
            coords: c.coords,
            count: c.count,
        })
        .collect())
}

/// Primary and secondary suppression of a table given as JSON
/// (`{"dimensions": [{"name", "categories"}], "cells": [{"coords", "count"}]}`): no suppressed
/// cell can be recomputed from the published margins.
#[uniffi::export]
pub fn suppress_table(table_json: String, rules: TableRules) -> Result<SuppressedTable> {
    suppressed(&Table::from_json(&table_json)?, &rules)
}

/// The same, for records counted by `columns`.
#[uniffi::export]
pub fn suppress_records(
    records_json: String,
    columns: Vec<String>,
    rules: TableRules,
) -> Result<SuppressedTable> {
    let names: Vec<&str> = columns.iter().map(String::as_str).collect();
    suppressed(&Table::from_records(&records_json, &names)?, &rules)
}

fn suppressed(table: &Table, rules: &TableRules) -> Result<SuppressedTable> {
    let rules = suppression::Rules {
        threshold: rules.threshold,
        zeros: suppression::ZeroRule::from_name(&rules.zeros)?,
        singletons: rules.singletons,
        ambiguity_limit: rules.ambiguity_limit,
    };
    let done = suppression::suppress(table, &rules)?;
    let loss = &done.loss;
    Ok(SuppressedTable {
        cells: done
            .cells
            .iter()
            .map(|c| PublishedCell {
                coords: c.coords.clone(),
                status: serde_name(&c.status),
                value: c.value,
            })
            .collect(),
        loss: InformationLoss {
            cells: count(loss.cells),
            published: count(loss.published),
            primary: count(loss.primary),
            secondary: count(loss.secondary),
            inner_suppressed: count(loss.inner_suppressed),
            suppressed_count: loss.suppressed_count,
            grand_total: loss.grand_total,
            suppressed_share: loss.suppressed_share,
        },
    })
}
