//! The indicator engine for JavaScript: `new Engine({logframes, recipes, schema, periods,
//! now})`, then `compute(table)` for the figures, or `partial(table)` per partition, `merge`,
//! and `finalize`. Runs on one thread in the browser (the core does so on wasm32).

use meal_core::compute::{self, Recipes};
use tsify::{Ts, Tsify};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::data::Table;
use crate::dto::{self, Finding};
use crate::error::{bad_argument, to_js};
use crate::{document_text, field, json_text, locale_of, logframes_of, period_of};

#[wasm_bindgen(typescript_custom_section)]
const COMPUTE_TS: &'static str = r#"
/** What an `Engine` computes: the indicators of `logframes`, by `recipes`, over tables of `schema`. */
export interface EngineOptions {
  logframes: Logframe[];
  /** The recipes document (JSON text, or the object): how each indicator is computed. */
  recipes: string | object;
  schema: Schema;
  /** The periods to compute, in the order the figures list them. */
  periods: Array<Period | string>;
  /** The clock of `today()`/`now()` in expressions, RFC 3339 with offset; the browser's clock when absent. */
  now?: string;
}
"#;

/// A compiled computation, built once and run on many tables: `new Engine(options)`;
/// `findings()` says which indicators will not be computed and why.
#[wasm_bindgen]
#[derive(Debug)]
pub struct Engine {
    engine: compute::Engine,
    findings: Vec<meal_core::Finding>,
    reading: Vec<meal_core::Finding>,
}

#[wasm_bindgen]
impl Engine {
    /// Compiles the recipes against the schema for the periods (`compute.no_periods`,
    /// `compute.duplicate_period`, a recipes document that cannot be read).
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "EngineOptions")] options: JsValue,
    ) -> Result<Engine, JsValue> {
        let logframes = logframes_of(&field(&options, "logframes")?)?;
        let recipes = Recipes::from_json(&json_text(field(&options, "recipes")?, "the recipes")?)
            .map_err(to_js)?;
        let schema = meal_core::data::Schema::from_json(&document_text(
            &field(&options, "schema")?,
            "the schema must be a Schema",
        )?)
        .map_err(to_js)?
        .value;
        let periods = field(&options, "periods")?;
        if !js_sys::Array::is_array(&periods) {
            return Err(bad_argument(
                "periods must be an array of Period objects or ids",
            ));
        }
        let periods = js_sys::Array::from(&periods)
            .iter()
            .map(|p| period_of(&p))
            .collect::<Result<Vec<_>, _>>()?;
        let now = field(&options, "now")?;
        let now = if now.is_undefined() || now.is_null() {
            crate::clock(None)?
        } else {
            let text = now
                .as_string()
                .ok_or_else(|| bad_argument("now must be an RFC 3339 string"))?;
            crate::clock(Some(&text))?
        };
        let (engine, findings) =
            compute::Engine::new(&logframes, &recipes.value, &schema, &periods, now)
                .map_err(to_js)?;
        Ok(Engine {
            engine,
            findings,
            reading: recipes.findings,
        })
    }

    /// Reading findings of the recipes document, then which indicators will not be computed
    /// and why, messages in `locale`.
    pub fn findings(&self, locale: Option<String>) -> Result<Vec<Ts<Finding>>, JsValue> {
        let all: Vec<_> = self.reading.iter().chain(&self.findings).cloned().collect();
        Finding::all_to_js(&all, locale_of(locale))
    }

    /// The period ids asked for, in order.
    #[wasm_bindgen(getter)]
    pub fn periods(&self) -> Vec<String> {
        self.engine.periods().iter().map(|p| p.id()).collect()
    }

    /// Every figure over `table` (`compute.schema_mismatch` for a table of another schema);
    /// finding messages in `locale`.
    pub fn compute(
        &self,
        table: &Table,
        locale: Option<String>,
    ) -> Result<Ts<dto::Results>, JsValue> {
        let results = self.engine.compute(&table.0).map_err(to_js)?;
        results_to_js(&results, locale)
    }

    /// Every figure of a CSV file in one call — text, or the bytes of a file — cut into chunks
    /// of whole records that are loaded, computed and merged one after the other (one thread
    /// in wasm): the memory of a chunk, not of the whole table. Throws what loading a CSV
    /// throws (`data.no_header`, `data.missing_column`, …).
    #[wasm_bindgen(js_name = computeCsv)]
    pub fn compute_csv(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] csv: JsValue,
        locale: Option<String>,
    ) -> Result<Ts<dto::Streamed>, JsValue> {
        let streamed = if let Some(text) = csv.as_string() {
            self.engine
                .compute_csv(text.as_bytes(), compute::DEFAULT_CHUNK_BYTES)
        } else if let Some(bytes) = csv.dyn_ref::<js_sys::Uint8Array>() {
            self.engine
                .compute_csv(bytes.to_vec().as_slice(), compute::DEFAULT_CHUNK_BYTES)
        } else {
            return Err(bad_argument("the CSV must be a string or a Uint8Array"));
        }
        .map_err(to_js)?;
        dto::Streamed::from_core(&streamed, locale_of(locale))
            .into_ts()
            .map_err(bad_argument)
    }

    /// The mergeable state of this computation over `table` (one partition).
    pub fn partial(&self, table: &Table) -> Result<Partial, JsValue> {
        self.engine.partial(&table.0).map(Partial).map_err(to_js)
    }

    /// A state over no rows, to merge partitions into.
    pub fn empty(&self) -> Partial {
        Partial(self.engine.empty())
    }

    /// The figures of a state (one table's, or merged partitions'); `compute.incompatible_partial`
    /// for a state of another engine.
    pub fn finalize(
        &self,
        partial: &Partial,
        locale: Option<String>,
    ) -> Result<Ts<dto::Results>, JsValue> {
        let results = self.engine.finalize(&partial.0).map_err(to_js)?;
        results_to_js(&results, locale)
    }
}

/// The mergeable state of a computation over some rows: merge states of partitions (in any
/// order), then `engine.finalize(state)`. `toJson()` / `Partial.fromJson(text)` carry a state
/// between workers or processes.
#[wasm_bindgen(js_name = Partial)]
#[derive(Debug)]
pub struct Partial(compute::Partial);

#[wasm_bindgen(js_class = Partial)]
impl Partial {
    /// Adds `other` (a state of the same engine) into this one; `compute.incompatible_partial`
    /// otherwise, leaving this state as it was.
    pub fn merge(&mut self, other: &Partial) -> Result<(), JsValue> {
        // Merged into a copy: a forged state of the same engine can fail half way.
        let mut merged = self.0.clone();
        merged.merge(&other.0).map_err(to_js)?;
        self.0 = merged;
        Ok(())
    }

    /// The state as JSON text (equal states give equal text).
    #[wasm_bindgen(js_name = toJson)]
    pub fn to_json(&self) -> String {
        self.0.to_json()
    }

    /// Reads a state written by `toJson` (`json.malformed`, or `document.invalid`).
    #[wasm_bindgen(js_name = fromJson)]
    pub fn from_json(json: &str) -> Result<Partial, JsValue> {
        compute::Partial::from_json(json)
            .map(Partial)
            .map_err(to_js)
    }
}

fn results_to_js(
    results: &compute::Results,
    locale: Option<String>,
) -> Result<Ts<dto::Results>, JsValue> {
    dto::Results::from_core(results, locale_of(locale))
        .into_ts()
        .map_err(bad_argument)
}
