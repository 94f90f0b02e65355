//! Record tables for JavaScript: a schema (a JSON document, or derived from a form), typed
//! tables loaded from CSV or JSON lines with every input row accounted for, and the data-quality
//! checks over what was loaded.

use meal_core::data::{self, Loaded as CoreLoaded, Table as CoreTable};
use meal_core::quality;
use tsify::{Ts, Tsify};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::dto::{self, Finding, QualityOptions};
use crate::error::{bad_argument, to_js};
use crate::form::Form;
use crate::{json_text, locale_of, options_or_default};

/// The declared columns of a record table: `Schema.fromJson(textOrObject)` or
/// `Schema.fromForm(form)`.
#[wasm_bindgen]
#[derive(Debug)]
pub struct Schema {
    schema: data::Schema,
    reading: Vec<meal_core::Finding>,
}

#[wasm_bindgen]
impl Schema {
    /// Reads a schema document (JSON text, or the object): `{format_version: 1, columns:
    /// [{name, type, required?}]}`.
    #[wasm_bindgen(js_name = fromJson)]
    pub fn from_json(
        #[wasm_bindgen(unchecked_param_type = "string | object")] document: JsValue,
    ) -> Result<Schema, JsValue> {
        let parsed = data::Schema::from_json(&json_text(document, "the schema")?).map_err(to_js)?;
        Ok(Schema {
            schema: parsed.value,
            reading: parsed.findings,
        })
    }

    /// The columns of a form's submissions (`form.not_compilable` when the form cannot be
    /// built).
    #[wasm_bindgen(js_name = fromForm)]
    pub fn from_form(form: &Form) -> Result<Schema, JsValue> {
        Ok(Schema {
            schema: data::Schema::from_form(form.compiled()?),
            reading: Vec::new(),
        })
    }

    /// Problems of the document (unknown fields, duplicate or blank column names), sorted by
    /// path then code, messages in `locale`.
    pub fn findings(&self, locale: Option<String>) -> Result<Vec<Ts<Finding>>, JsValue> {
        Finding::all_to_js(&self.reading, locale_of(locale))
    }

    /// The column names, in order.
    #[wasm_bindgen(getter, js_name = columnNames)]
    pub fn column_names(&self) -> Vec<String> {
        self.schema.columns.iter().map(|c| c.name.clone()).collect()
    }

    /// The schema document as JSON text (it round-trips).
    #[wasm_bindgen(js_name = toJson)]
    pub fn to_json(&self) -> String {
        self.schema.to_json()
    }
}

/// Records typed by a schema, column by column: `Table.fromCsv(schema, text)` or
/// `Table.fromJsonLines(schema, text)`, both giving a `Loaded`.
#[wasm_bindgen]
#[derive(Debug)]
pub struct Table(pub(crate) CoreTable);

#[wasm_bindgen]
impl Table {
    /// Reads CSV (header row, `,` separator) typed by `schema`: text, or the bytes of a file (a
    /// cell that is not UTF-8 then rejects its row). Throws only when the input cannot be read
    /// as a table at all (`data.no_header`, `data.missing_column`); a bad row is rejected.
    #[wasm_bindgen(js_name = fromCsv)]
    pub fn from_csv(
        schema: &Schema,
        #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] csv: JsValue,
    ) -> Result<Loaded, JsValue> {
        let loaded = if let Some(text) = csv.as_string() {
            CoreTable::from_csv(&schema.schema, &text)
        } else if let Some(bytes) = csv.dyn_ref::<js_sys::Uint8Array>() {
            CoreTable::from_csv_bytes(&schema.schema, &bytes.to_vec())
        } else {
            return Err(bad_argument("the CSV must be a string or a Uint8Array"));
        };
        loaded.map(Loaded).map_err(to_js)
    }

    /// Reads JSON lines (one object per line) typed by `schema`; a line that is not an object
    /// is rejected (`data.not_object`).
    #[wasm_bindgen(js_name = fromJsonLines)]
    pub fn from_json_lines(schema: &Schema, text: &str) -> Result<Loaded, JsValue> {
        CoreTable::from_json_lines(&schema.schema, text)
            .map(Loaded)
            .map_err(to_js)
    }

    /// Number of rows.
    #[wasm_bindgen(getter)]
    pub fn length(&self) -> usize {
        self.0.len()
    }

    /// The input row number (1-based) of each row, in order.
    #[wasm_bindgen(getter, js_name = sourceRows, unchecked_return_type = "number[]")]
    pub fn source_rows(&self) -> js_sys::Array {
        // Row numbers are far below 2^53: exact as JavaScript numbers.
        self.0
            .source_rows()
            .iter()
            .map(|&r| JsValue::from_f64(r as f64))
            .collect()
    }

    /// The schema.
    #[wasm_bindgen(getter)]
    pub fn schema(&self) -> Schema {
        Schema {
            schema: self.0.schema().clone(),
            reading: Vec::new(),
        }
    }

    /// A new table of the rows at `rows` (0-based, in that order; past the end skipped),
    /// keeping their source row numbers: partitions for partial computations.
    pub fn select(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number[] | Uint32Array")] rows: JsValue,
    ) -> Result<Table, JsValue> {
        let rows: Vec<usize> = match rows.dyn_ref::<js_sys::Uint32Array>() {
            Some(typed) => typed.to_vec().into_iter().map(|r| r as usize).collect(),
            // As JSON text: serde-wasm-bindgen describing a 10 000-deep array in its error
            // overflowed the JavaScript stack.
            None if js_sys::Array::is_array(&rows) => {
                serde_json::from_str(&json_text(rows, "the rows")?).map_err(bad_argument)?
            }
            None => return Err(bad_argument("the rows must be an array of row numbers")),
        };
        Ok(Table(self.0.select(&rows)))
    }

    /// The rows as JSON lines: one object per row, keys in schema order, decimals as strings.
    #[wasm_bindgen(js_name = toJsonLines)]
    pub fn to_json_lines(&self) -> String {
        self.0.to_json_lines()
    }
}

/// A loaded table with every input row accounted for: `rowsRead === table.length +
/// rejected().length`.
#[wasm_bindgen]
#[derive(Debug)]
pub struct Loaded(pub(crate) CoreLoaded);

#[wasm_bindgen]
impl Loaded {
    /// The rows that could be loaded (a new `Table` each time it is read: keep it).
    #[wasm_bindgen(getter)]
    pub fn table(&self) -> Table {
        Table(self.0.table.clone())
    }

    /// Rows read from the input.
    #[wasm_bindgen(getter, js_name = rowsRead)]
    pub fn rows_read(&self) -> f64 {
        // Row counts are far below 2^53: exact as JavaScript numbers.
        self.0.rows_read as f64
    }

    /// The rows that could not be loaded, each with why (sorted by path then code), messages
    /// in `locale`.
    pub fn rejected(&self, locale: Option<String>) -> Result<Vec<Ts<dto::Rejected>>, JsValue> {
        let locale = locale_of(locale);
        self.0
            .rejected
            .iter()
            .map(|r| {
                dto::Rejected::from_core(r, locale)
                    .into_ts()
                    .map_err(bad_argument)
            })
            .collect()
    }

    /// Findings about the input as a whole (`data.unknown_column`, …), messages in `locale`.
    pub fn findings(&self, locale: Option<String>) -> Result<Vec<Ts<Finding>>, JsValue> {
        Finding::all_to_js(&self.0.findings, locale_of(locale))
    }
}

/// The quality checks to run on a table: `QualityChecks.fromJson(textOrObject)`;
/// `findings()` says what is wrong with the document.
#[wasm_bindgen]
#[derive(Debug)]
pub struct QualityChecks {
    checks: quality::Checks,
    reading: Vec<meal_core::Finding>,
}

#[wasm_bindgen]
impl QualityChecks {
    /// Reads a quality-checks document (JSON text, or the object).
    #[wasm_bindgen(js_name = fromJson)]
    pub fn from_json(
        #[wasm_bindgen(unchecked_param_type = "string | object")] document: JsValue,
    ) -> Result<QualityChecks, JsValue> {
        let parsed =
            quality::Checks::from_json(&json_text(document, "the checks")?).map_err(to_js)?;
        Ok(QualityChecks {
            checks: parsed.value,
            reading: parsed.findings,
        })
    }

    /// Problems of the document (unknown fields, …), sorted by path then code, messages in
    /// `locale`.
    pub fn findings(&self, locale: Option<String>) -> Result<Vec<Ts<Finding>>, JsValue> {
        Finding::all_to_js(&self.reading, locale_of(locale))
    }
}

/// Runs the quality `checks` over `loaded` (its rejected rows count as invalid): a scorecard per
/// project, site and period, and every failure. `options.now` (RFC 3339 with offset; the
/// browser's clock when absent) is the clock for timeliness, `options.locale` the language of
/// the failure messages.
#[wasm_bindgen(js_name = checkQuality)]
pub fn check_quality(
    loaded: &Loaded,
    checks: &QualityChecks,
    options: Option<Ts<QualityOptions>>,
) -> Result<Ts<dto::QualityReport>, JsValue> {
    let options: QualityOptions = options_or_default(options)?;
    let now = crate::clock(options.now.as_deref())?;
    let report = quality::check(&loaded.0, &checks.checks, now).map_err(to_js)?;
    dto::QualityReport::from_core(&report, locale_of(options.locale))
        .into_ts()
        .map_err(bad_argument)
}

/// The totals of a quality report (what `checkQuality` returns, or its JSON text as the core
/// writes it): shares recomputed from their parts, failures counted per check and code.
#[wasm_bindgen(js_name = qualitySummary)]
pub fn quality_summary(
    #[wasm_bindgen(unchecked_param_type = "QualityReport | string")] report: JsValue,
) -> Result<Ts<dto::QualitySummary>, JsValue> {
    let report = crate::report::plain_or_json::<dto::QualityReport, _>(
        report,
        "the quality report",
        "quality_report",
        dto::QualityReport::into_core,
    )?
    .ok_or_else(|| bad_argument("a quality report is required"))?;
    dto::QualitySummary::from_core(&report.summary())
        .into_ts()
        .map_err(bad_argument)
}
