//! Disclosure control for JavaScript: frequencies, k-anonymity, local suppression, risk and
//! recoding over the key columns of microdata. Risks are decimal strings (exact).

use meal_core::disclosure::recode::{recode_column, recode_values, Recoding};
use meal_core::disclosure::table::Table;
use meal_core::disclosure::{anonymity, frequency, microdata::Microdata, risk, suppression};
use meal_core::input::parse_decimal;
use tsify::{Ts, Tsify};
use wasm_bindgen::prelude::*;

use crate::dto::{self, KOptions, RiskOptions, SuppressionOptions};
use crate::error::{bad_argument, to_js};
use crate::privacy::variant_name;
use crate::{json_text, locale_of, options_or_default, parse_json, texts_of, with_json};

#[wasm_bindgen(typescript_custom_section)]
const DISCLOSURE_TS: &'static str = r#"
/** Microdata: an array of records (only the key columns are read; a key absent, `null` or
 * `""` is missing, numbers and booleans read as text), its JSON text, or columns
 * `{name: (string | number | boolean | null)[]}` read the same way. Missing values match anything (sdcMicro's wildcard rule). */
export type Microdata = Array<Record<string, unknown>> | string | Record<string, Array<string | number | boolean | null>>;

/** How to recode values. */
export type Recoding =
  | { kind: "age_band"; bands: "standard" | "minors" | Array<{ from: number; to?: number }> }
  | { kind: "month" }
  | { kind: "quarter" }
  | { kind: "region"; mapping: Record<string, string>; other?: string };
"#;

/// The key columns of `data` (see the `Microdata` type), in the order of `keys` (`string[]`).
fn microdata(data: JsValue, keys: &JsValue) -> Result<Microdata, JsValue> {
    let keys = &texts_of(keys, "keys")?;
    if data.is_string() || js_sys::Array::is_array(&data) {
        return Microdata::from_json_records(&json_text(data, "the records")?, keys).map_err(to_js);
    }
    if !data.is_object() {
        return Err(bad_argument(
            "microdata must be an array of records, JSON text or an object of columns",
        ));
    }
    Microdata::from_json_columns(&json_text(data, "the columns")?, keys).map_err(to_js)
}

/// f_k of every row: how many rows could be this one on `keys` (missing = wildcard).
#[wasm_bindgen(unchecked_return_type = "number[]")]
pub fn frequencies(
    #[wasm_bindgen(unchecked_param_type = "Microdata")] data: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string[]")] keys: JsValue,
) -> Result<JsValue, JsValue> {
    json_js(&frequency::frequencies(&microdata(data, &keys)?))
}

/// The k-anonymity check on `keys`; `options.k` defaults to 5 (3 for partner sharing).
#[wasm_bindgen(js_name = kAnonymity)]
pub fn k_anonymity(
    #[wasm_bindgen(unchecked_param_type = "Microdata")] data: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string[]")] keys: JsValue,
    options: Option<Ts<KOptions>>,
) -> Result<Ts<dto::KAnonymity>, JsValue> {
    let options: KOptions = options_or_default(options)?;
    let k = options.k.unwrap_or(anonymity::DEFAULT_K_PUBLIC);
    let checked = anonymity::check(&microdata(data, &keys)?, k).map_err(to_js)?;
    dto::KAnonymity {
        k: checked.k,
        satisfied: checked.satisfied,
        violations: checked.violations,
        violating_rows: checked.violating_rows,
        classes_below_k: checked.classes_below_k,
    }
    .into_ts()
    .map_err(bad_argument)
}

/// Blanks key values until every row has at least `options.k` (default 5) look-alikes;
/// `options.importance`: one number per key, lower = more important, suppressed last.
#[wasm_bindgen(js_name = localSuppression)]
pub fn local_suppression(
    #[wasm_bindgen(unchecked_param_type = "Microdata")] data: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string[]")] keys: JsValue,
    options: Option<Ts<SuppressionOptions>>,
) -> Result<Ts<dto::LocalSuppression>, JsValue> {
    let options: SuppressionOptions = options_or_default(options)?;
    let k = options.k.unwrap_or(anonymity::DEFAULT_K_PUBLIC);
    let done =
        anonymity::local_suppression(&microdata(data, &keys)?, k, options.importance.as_deref())
            .map_err(to_js)?;
    let js = dto::LocalSuppression {
        records: serde_json::Value::Null,
        suppressed: done.suppressed.clone(),
        k_reached: done.k_reached,
    }
    .into_ts()
    .map_err(bad_argument)?;
    with_json(js, "records", &done.data.to_json_records())
}

/// Re-identification risk (r = 1/f_k): individual risks, global risk, expected
/// re-identifications, rows above `options.threshold` (default `"0.05"`), and whether the
/// file may be published; reasons in `options.locale`.
#[wasm_bindgen(js_name = disclosureRisk)]
pub fn disclosure_risk(
    #[wasm_bindgen(unchecked_param_type = "Microdata")] data: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string[]")] keys: JsValue,
    options: Option<Ts<RiskOptions>>,
) -> Result<Ts<dto::Risk>, JsValue> {
    let options: RiskOptions = options_or_default(options)?;
    let threshold = match options.threshold.as_deref() {
        Some(text) => parse_decimal(text).map_err(to_js)?,
        None => risk::DEFAULT_RISK_THRESHOLD,
    };
    let measured = risk::risk(&microdata(data, &keys)?, threshold).map_err(to_js)?;
    dto::Risk {
        individual: measured
            .individual
            .iter()
            .map(ToString::to_string)
            .collect(),
        global: measured.global.to_string(),
        expected_reidentifications: measured.expected_reidentifications.to_string(),
        max_individual: measured.max_individual.to_string(),
        threshold: measured.threshold.to_string(),
        rows_above_threshold: measured.rows_above_threshold,
        publishable: measured.publishable,
        reasons: dto::Finding::all(&measured.reasons, locale_of(options.locale)),
    }
    .into_ts()
    .map_err(bad_argument)
}

/// Recodes values (`null` stays missing) with `recoding` (an object or its JSON text, see the
/// `Recoding` type).
#[wasm_bindgen(unchecked_return_type = "Array<string | null>")]
pub fn recode(
    #[wasm_bindgen(unchecked_param_type = "Array<string | null>")] values: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Recoding | string")] recoding: JsValue,
) -> Result<JsValue, JsValue> {
    // Read as JSON text: serde-wasm-bindgen describing a 10 000-deep array in its error
    // overflowed the JavaScript stack.
    let values: Vec<Option<String>> =
        serde_json::from_str(&json_text(values, "the values")?).map_err(bad_argument)?;
    json_js(&recode_values(&values, &recoding_of(recoding)?).map_err(to_js)?)
}

/// The key columns of `data` with `column` recoded, one object per row (`null` = missing).
#[wasm_bindgen(js_name = recodeColumn, unchecked_return_type = "Array<Record<string, string | null>>")]
pub fn recode_microdata_column(
    #[wasm_bindgen(unchecked_param_type = "Microdata")] data: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string[]")] keys: JsValue,
    column: &str,
    #[wasm_bindgen(unchecked_param_type = "Recoding | string")] recoding: JsValue,
) -> Result<JsValue, JsValue> {
    let recoding = recoding_of(recoding)?;
    let recoded = recode_column(&microdata(data, &keys)?, column, &recoding).map_err(to_js)?;
    json_js(&recoded.to_json_records())
}

/// Plain data as `JSON.parse` gives it (`null` for missing values, arrays as arrays).
fn json_js<T: serde::Serialize>(value: &T) -> Result<JsValue, JsValue> {
    parse_json(&serde_json::to_string(value).map_err(bad_argument)?)
}

fn recoding_of(recoding: JsValue) -> Result<Recoding, JsValue> {
    Recoding::from_json(&json_text(recoding, "the recoding")?).map_err(to_js)
}

/// Counts records (an array of objects, or its JSON text) by `columns`: every cell with its
/// margins. Missing values count in the `unknown` category.
#[wasm_bindgen]
pub fn tabulate(
    #[wasm_bindgen(unchecked_param_type = "Array<Record<string, unknown>> | string")]
    records: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string[]")] columns: JsValue,
) -> Result<Vec<Ts<dto::TableCell>>, JsValue> {
    let columns = texts_of(&columns, "columns")?;
    let names: Vec<&str> = columns.iter().map(String::as_str).collect();
    let table = Table::from_records(&json_text(records, "the records")?, &names).map_err(to_js)?;
    table
        .cells()
        .into_iter()
        .map(|c| {
            dto::TableCell {
                coords: c.coords,
                count: c.count,
            }
            .into_ts()
            .map_err(bad_argument)
        })
        .collect()
}

/// Primary and secondary cell suppression: no suppressed cell can be recomputed from the
/// published margins. `table` is `{dimensions: [{name, categories}], cells: [{coords, count}]}`
/// (or its JSON text), or records to count by `options.columns`.
#[wasm_bindgen(js_name = suppressTable)]
pub fn suppress_table(
    #[wasm_bindgen(unchecked_param_type = "object | string")] table: JsValue,
    options: Option<Ts<dto::TableOptions>>,
) -> Result<Ts<dto::SuppressedTable>, JsValue> {
    let options: dto::TableOptions = options_or_default(options)?;
    let text = json_text(table, "the table")?;
    let table = match &options.columns {
        Some(columns) => {
            let names: Vec<&str> = columns.iter().map(String::as_str).collect();
            Table::from_records(&text, &names)
        }
        None => Table::from_json(&text),
    }
    .map_err(to_js)?;
    let defaults = suppression::Rules::default();
    let rules = suppression::Rules {
        threshold: options.threshold.unwrap_or(defaults.threshold),
        zeros: match options.zeros.as_deref() {
            Some(name) => suppression::ZeroRule::from_name(name).map_err(to_js)?,
            None => defaults.zeros,
        },
        singletons: options.singletons.unwrap_or(defaults.singletons),
        ambiguity_limit: options.ambiguity_limit,
    };
    let done = suppression::suppress(&table, &rules).map_err(to_js)?;
    dto::SuppressedTable {
        cells: done
            .cells
            .into_iter()
            .map(|c| dto::SuppressedTableCell {
                coords: c.coords,
                status: variant_name(&c.status),
                value: c.value,
            })
            .collect(),
        loss: dto::InformationLoss {
            cells: done.loss.cells,
            published: done.loss.published,
            primary: done.loss.primary,
            secondary: done.loss.secondary,
            inner_suppressed: done.loss.inner_suppressed,
            suppressed_count: done.loss.suppressed_count,
            grand_total: done.loss.grand_total,
            suppressed_share: variant_name(&done.loss.suppressed_share),
        },
    }
    .into_ts()
    .map_err(bad_argument)
}
