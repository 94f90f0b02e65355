//! Disclosure control for Python: k-anonymity, local suppression, risk and recoding over key
//! columns, and cell suppression of frequency tables. Results are plain dicts and lists (exact
//! `Decimal` risks), ready for `pandas.DataFrame(...)`.

use meal_core::disclosure::recode::{recode_column as recode_key_column, recode_values, Recoding};
use meal_core::disclosure::table::Table;
use meal_core::disclosure::{anonymity, frequency, microdata::Microdata, risk, suppression};
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::args::{self, Arg};
use crate::error::to_py;
use crate::exact::ExactDecimal;
use crate::json;

/// The key columns of `data`: a list of record dicts (or their JSON text), or a dict of
/// columns `{name: [str | None, ...]}`. Only `keys` are read; `None`, `""` and an absent key
/// are missing values, which match anything (sdcMicro's wildcard rule).
fn microdata(data: &Bound<'_, PyAny>, keys: Vec<String>) -> PyResult<Microdata> {
    let text = json::to_text(data)?;
    match data.cast::<PyDict>() {
        Ok(_) => Microdata::from_json_columns(&text, &keys),
        Err(_) => Microdata::from_json_records(&text, &keys),
    }
    .map_err(to_py)
}

/// f_k of every row: how many rows could be this one on the keys (missing = wildcard).
#[pyfunction]
pub fn frequencies(data: &Bound<'_, PyAny>, keys: Arg<Vec<String>>) -> PyResult<Vec<u64>> {
    Ok(frequency::frequencies(&microdata(data, keys.into_inner())?))
}

/// The k-anonymity check: `{k, satisfied, violations, violating_rows, classes_below_k}`.
/// `k` defaults to 5 (public outputs; 3 is the usual partner-sharing threshold).
#[pyfunction]
#[pyo3(signature = (data, keys, k = anonymity::DEFAULT_K_PUBLIC))]
pub fn k_anonymity<'py>(
    py: Python<'py>,
    data: &Bound<'py, PyAny>,
    keys: Arg<Vec<String>>,
    #[pyo3(from_py_with = args::checked)] k: u64,
) -> PyResult<Bound<'py, PyAny>> {
    let checked = anonymity::check(&microdata(data, keys.into_inner())?, k).map_err(to_py)?;
    json::from_serde(py, &checked)
}

/// Local suppression until every row has at least `k` look-alikes:
/// `{records, suppressed: [(row, column)], k_reached}`. `importance` per key: lower numbers
/// are more important and suppressed last.
#[pyfunction]
#[pyo3(signature = (data, keys, k = anonymity::DEFAULT_K_PUBLIC, importance = None))]
pub fn local_suppression<'py>(
    py: Python<'py>,
    data: &Bound<'py, PyAny>,
    keys: Arg<Vec<String>>,
    #[pyo3(from_py_with = args::checked)] k: u64,
    importance: Option<Arg<Vec<u32>>>,
) -> PyResult<Bound<'py, PyAny>> {
    let done = anonymity::local_suppression(
        &microdata(data, keys.into_inner())?,
        k,
        importance.as_ref().map(|i| i.as_slice()),
    )
    .map_err(to_py)?;
    json::from_serde(py, &done)
}

/// Re-identification risk (r = 1/f_k, census-like registers): individual risks, global risk,
/// expected re-identifications, rows above `threshold`, and whether the HDX gate passes.
#[pyfunction]
#[pyo3(signature = (data, keys, threshold = ExactDecimal(risk::DEFAULT_RISK_THRESHOLD)))]
pub fn disclosure_risk<'py>(
    py: Python<'py>,
    data: &Bound<'py, PyAny>,
    keys: Arg<Vec<String>>,
    threshold: ExactDecimal,
) -> PyResult<Bound<'py, PyAny>> {
    let measured = risk::risk(&microdata(data, keys.into_inner())?, threshold.0).map_err(to_py)?;
    json::from_serde(py, &measured)
}

/// Recodes values (`None` stays missing) with a recoding described as a dict:
/// `{"kind": "age_band", "bands": "minors"}`, `{"kind": "month"}`, `{"kind": "quarter"}`,
/// `{"kind": "region", "mapping": {...}, "other": "…"}`.
#[pyfunction]
pub fn recode(
    values: Arg<Vec<Option<String>>>,
    recoding: &Bound<'_, PyAny>,
) -> PyResult<Vec<Option<String>>> {
    let recoding = Recoding::from_json(&json::to_text(recoding)?).map_err(to_py)?;
    recode_values(&values, &recoding).map_err(to_py)
}

/// `data` with one key column recoded: the key columns as a list of record dicts.
#[pyfunction]
pub fn recode_column<'py>(
    py: Python<'py>,
    data: &Bound<'py, PyAny>,
    keys: Arg<Vec<String>>,
    column: Arg<String>,
    recoding: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let recoding = Recoding::from_json(&json::to_text(recoding)?).map_err(to_py)?;
    let recoded = recode_key_column(&microdata(data, keys.into_inner())?, &column, &recoding)
        .map_err(to_py)?;
    json::to_python(py, &recoded.to_json_records())
}

/// Counts records (a list of dicts, or their JSON text) by `columns` into a frequency table
/// with every margin: `[{coords, count}]`. Missing values count in the `unknown` category.
#[pyfunction]
pub fn tabulate<'py>(
    py: Python<'py>,
    records: &Bound<'py, PyAny>,
    columns: Arg<Vec<String>>,
) -> PyResult<Bound<'py, PyAny>> {
    let names: Vec<&str> = columns.iter().map(String::as_str).collect();
    let table = Table::from_records(&json::to_text(records)?, &names).map_err(to_py)?;
    json::from_serde(py, &table.cells())
}

/// Primary suppression (counts below `threshold`, zeros per `zeros`: `"safe"` or
/// `"sensitive"`) and secondary suppression so that no suppressed cell can be recomputed from
/// the published margins: `{cells: [{coords, status, value?}], loss}`. `table` is
/// `{dimensions: [{name, categories}], cells: [{coords, count}]}` (a dict or JSON text), or
/// records with `columns` to count them by. `ambiguity_limit` bounds the work on large tables of
/// three or more dimensions at the price of more secondary suppression (just as safe).
#[pyfunction]
// `zeros` is open text with a literal default: the default is written as an `Arg` and the
// signature Python shows is spelled out (see `args`).
#[pyo3(
    signature = (table, threshold = 5, zeros = Arg::text("safe"), singletons = true, columns = None, ambiguity_limit = None),
    text_signature = r#"(table, threshold=5, zeros="safe", singletons=True, columns=None, ambiguity_limit=None)"#
)]
pub fn suppress_table<'py>(
    py: Python<'py>,
    table: &Bound<'py, PyAny>,
    #[pyo3(from_py_with = args::checked)] threshold: u64,
    zeros: Arg<String>,
    #[pyo3(from_py_with = args::checked)] singletons: bool,
    columns: Option<Arg<Vec<String>>>,
    ambiguity_limit: Option<Arg<u64>>,
) -> PyResult<Bound<'py, PyAny>> {
    let text = json::to_text(table)?;
    let table = match &columns {
        Some(columns) => {
            let names: Vec<&str> = columns.iter().map(String::as_str).collect();
            Table::from_records(&text, &names)
        }
        None => Table::from_json(&text),
    }
    .map_err(to_py)?;
    let rules = suppression::Rules {
        threshold,
        zeros: suppression::ZeroRule::from_name(&zeros).map_err(to_py)?,
        singletons,
        ambiguity_limit: ambiguity_limit.map(Arg::into_inner),
    };
    let done = suppression::suppress(&table, &rules).map_err(to_py)?;
    json::from_serde(py, &done)
}
