//! Interoperability for JavaScript: IATI 2.03 results out (from logframes and computed
//! figures) and back in, HXL hashtags (columns by tag pattern, CSV with the hashtag row), the
//! xlsx export of MANO read into typed tables, and schema-to-schema migration with its
//! reconciliation (every source record migrated or rejected).

use meal_core::data::Table as CoreTable;
use meal_core::interop::{hxl, iati, mano, migration};
use meal_core::Locale;
use tsify::{Ts, Tsify};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::data::{Loaded, Table};
use crate::dto::{self, Finding, MigrateOptions};
use crate::error::{bad_argument, to_js};
use crate::plan::to_plain;
use crate::{
    any_document_text, bytes_of, json_text, locale_of, logframes_of, options_or_default,
    parse_json, schema_of, text_of,
};

#[wasm_bindgen(typescript_custom_section)]
const INTEROP_TS: &'static str = r#"
/** The reporting organisation (`reporting-org`). */
export interface IatiOrganisation {
  /** The organisation identifier (`FR-RNA-W751234567`). */
  ref: string;
  /** OrganisationType code (`21` international NGO). */
  type: string;
  name: BilingualText;
}

/** What an IATI export needs besides the logframes and figures (document keys). */
export interface IatiRequest {
  organisation: IatiOrganisation;
  /** Activity identifiers are `{prefix}-{project code}`; the prefix starts with the organisation identifier. */
  activity_prefix: string;
  /** `generated-datetime`, RFC 3339 with offset (given, so exports are reproducible). */
  generated: string;
  /** The period ids whose targets and actuals are exported. */
  periods: string[];
  /** Disclosure threshold k for the actuals (the file is public): default 5; 0 is refused. */
  threshold?: number;
}

/** An IATI activities file as this library models it (document keys, as the core writes it). */
export interface IatiActivities { generated: string; activities: IatiActivity[]; }
export interface IatiActivity {
  identifier: string;
  organisation: IatiOrganisation;
  title: BilingualText;
  description: BilingualText;
  /** ActivityStatus code (2 implementation, 3 finalisation, …). */
  status: number;
  /** ActivityDateType codes (1 planned start, 2 actual start, 3 planned end, 4 actual end). */
  dates: Array<{ type: number; iso_date: string }>;
  results: IatiResult[];
}
/** A result: a logframe objective (ResultType 3 impact, 2 outcome, 1 output). */
export interface IatiResult { result_type: number; aggregation_status: boolean; title: BilingualText; indicators: IatiIndicator[]; }
export interface IatiIndicator {
  /** IndicatorMeasure (1 unit, 2 percentage, 3 nominal, 4 ordinal, 5 qualitative). */
  measure: number;
  /** `null` for "maintain". */
  ascending: boolean | null;
  aggregation_status: boolean;
  /** The logframe indicator code. */
  code: string;
  title: BilingualText;
  baseline: IatiBaseline | null;
  periods: IatiPeriod[];
}
/** Decimals are strings. */
export interface IatiBaseline { year: number; iso_date: string | null; value: string | null; }
export interface IatiPeriod { start: string; end: string; targets: IatiValue[]; actuals: IatiValue[]; }
/** A target or actual: the value and its cell's dimensions (`[name, value]`; none for the total). */
export interface IatiValue { value: string | null; dimensions: Array<[string, string]>; }
"#;

/// The IATI 2.03 XML (`iati-activities`, one activity per logframe, results → indicators →
/// baseline → periods with targets and actuals by dimension) of `logframes` and their figures
/// (`results` as `Engine.compute` returns them or their JSON text; none for targets only).
/// Throws `iati.*` for what IATI forbids and cannot be mended.
#[wasm_bindgen(js_name = iatiExport)]
pub fn iati_export(
    #[wasm_bindgen(unchecked_param_type = "Logframe[]")] logframes: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Results | string | null | undefined")] results: JsValue,
    #[wasm_bindgen(unchecked_param_type = "IatiRequest")] request: JsValue,
) -> Result<String, JsValue> {
    let logframes = logframes_of(&logframes)?;
    let results = crate::report::plain_or_json::<dto::Results, _>(
        results,
        "the results",
        "results",
        dto::Results::into_core,
    )?;
    if !(request.is_object() || request.is_string()) {
        return Err(bad_argument("the request must be an object"));
    }
    let request: iati::IatiRequest =
        meal_core::report::render::from_json(&json_text(request, "the request")?, "iati_request")
            .map_err(to_js)?;
    iati::Activities::from_logframes(&logframes, results.as_ref(), &request)
        .map(|activities| activities.to_xml())
        .map_err(to_js)
}

/// Reads an IATI activities file (XML text): `iati.malformed` when it is not XML, `iati.invalid`
/// (with a path) when an element the model needs is missing or wrong.
#[wasm_bindgen(js_name = iatiImport, unchecked_return_type = "IatiActivities")]
pub fn iati_import(
    #[wasm_bindgen(unchecked_param_type = "string")] xml: JsValue,
) -> Result<JsValue, JsValue> {
    let xml = text_of(&xml, "the IATI file")?;
    let activities = iati::Activities::from_xml(&xml).map_err(to_js)?;
    to_plain(&activities)
}

/// The names of the columns of `schema` whose HXL hashtag matches `pattern`
/// (`#affected+f-adult`: the tag, attributes required, attributes excluded), in column order;
/// `hxl.invalid_pattern`.
#[wasm_bindgen(js_name = hxlColumns)]
pub fn hxl_columns(
    #[wasm_bindgen(unchecked_param_type = "Schema | string | object")] schema: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] pattern: JsValue,
) -> Result<Vec<String>, JsValue> {
    let schema = schema_of(schema)?;
    let pattern = hxl::Pattern::parse(&text_of(&pattern, "the pattern")?).map_err(to_js)?;
    Ok(hxl::columns_matching(&schema, &pattern))
}

#[wasm_bindgen]
impl Table {
    /// The table as CSV: the header row, then the HXL hashtag row when any column declares
    /// one, then the rows (RFC 4180 quoting).
    #[wasm_bindgen(js_name = toCsv)]
    pub fn to_csv(&self) -> String {
        hxl::to_csv(&self.0)
    }
}

#[wasm_bindgen]
extern "C" {
    /// MANO's custom-field configuration (`customFieldsPersons`, …): JSON text or the object.
    #[wasm_bindgen(typescript_type = "string | object")]
    pub type ManoConfig;
}

/// The xlsx export of MANO read into typed tables: `readManoExport(bytes, config?)`, then
/// `sheet(name)` for each sheet's rows and rejected rows.
#[wasm_bindgen]
#[derive(Debug)]
pub struct ManoExport(mano::ManoExport);

#[wasm_bindgen]
impl ManoExport {
    /// The sheets read, in workbook order.
    #[wasm_bindgen(getter, js_name = sheetNames)]
    pub fn sheet_names(&self) -> Vec<String> {
        self.0.sheets.iter().map(|s| s.name.clone()).collect()
    }

    /// The rows of sheet `name`, every row loaded or rejected (a new `Loaded` each call);
    /// `undefined` for a sheet that was not read.
    pub fn sheet(&self, name: &str) -> Option<Loaded> {
        self.0
            .sheets
            .iter()
            .find(|s| s.name == name)
            .map(|s| Loaded(s.loaded.clone()))
    }

    /// Workbook-level findings (unknown sheet, unknown column, …), messages in `locale`.
    pub fn findings(&self, locale: Option<String>) -> Result<Vec<Ts<Finding>>, JsValue> {
        Finding::all_to_js(&self.0.findings, locale_of(locale))
    }
}

/// Reads MANO's `data.xlsx` export (its bytes); `config` is the organisation's custom-field
/// configuration (JSON text or the object), when known, typing its custom fields.
/// `mano.unreadable` when the bytes are not a MANO export.
#[wasm_bindgen(js_name = readManoExport)]
pub fn read_mano_export(
    #[wasm_bindgen(unchecked_param_type = "Uint8Array")] bytes: JsValue,
    config: Option<ManoConfig>,
) -> Result<ManoExport, JsValue> {
    let bytes = bytes_of(&bytes, "the MANO export")?;
    let config = match config.map(JsValue::from) {
        Some(config) if !(config.is_undefined() || config.is_null()) => {
            Some(json_text(config, "the configuration")?)
        }
        _ => None,
    };
    mano::read_export(&bytes, config.as_deref())
        .map(ManoExport)
        .map_err(to_js)
}

/// Checks a migration mapping (JSON text or the object) against the source schema (a `Schema`,
/// or its document): reading findings of both and the mapping's (unknown source column, target
/// column with no rule, …), sorted by path then code, messages in `locale`.
#[wasm_bindgen(js_name = checkMapping)]
pub fn check_mapping(
    #[wasm_bindgen(unchecked_param_type = "string | object")] mapping: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Schema | string | object")] source_schema: JsValue,
    locale: Option<String>,
) -> Result<Vec<Ts<Finding>>, JsValue> {
    let source = any_document_text(source_schema, "the source schema")?;
    let mapping = mapping_text(mapping)?;
    let found = migration::check_documents(&source, &mapping).map_err(to_js)?;
    Finding::all_to_js(&found, locale_of(locale))
}

/// Migrates the records of `csv` (text, or the bytes of a file, a cell that is not UTF-8
/// rejecting its record), typed by `sourceSchema`, to the mapping's target schema: the migrated
/// `table` (and its `rows`), and the `reconciliation` accounting for every source record.
/// Throws what reading the documents or loading a CSV throws (`data.no_header`, …) and
/// `migration.invalid_mapping` for a mapping whose check finds an error.
#[wasm_bindgen]
pub fn migrate(
    #[wasm_bindgen(unchecked_param_type = "string | object")] mapping: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Schema | string | object")] source_schema: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] csv: JsValue,
    options: Option<Ts<MigrateOptions>>,
) -> Result<Migration, JsValue> {
    let options: MigrateOptions = options_or_default(options)?;
    let source = any_document_text(source_schema, "the source schema")?;
    let mapping = mapping_text(mapping)?;
    let done = if let Some(text) = csv.as_string() {
        migration::migrate_csv(&source, &text, &mapping)
    } else if let Some(bytes) = csv.dyn_ref::<js_sys::Uint8Array>() {
        // The same steps as `migrate_csv`, with the bytes loader.
        meal_core::data::Schema::from_json(&source)
            .and_then(|schema| CoreTable::from_csv_bytes(&schema.value, &bytes.to_vec()))
            .and_then(|loaded| {
                migration::Mapping::from_json(&mapping).and_then(|m| m.value.migrate(&loaded))
            })
    } else {
        return Err(bad_argument("the CSV must be a string or a Uint8Array"));
    }
    .map_err(to_js)?;
    Ok(Migration {
        table: done.table,
        reconciliation: done.reconciliation,
        locale: locale_of(options.locale),
    })
}

/// A migration done: the migrated `table`, its `rows` as plain objects, and the
/// `reconciliation` (`rowsRead === migrated + rejected.length`).
#[wasm_bindgen]
#[derive(Debug)]
pub struct Migration {
    table: CoreTable,
    reconciliation: migration::Reconciliation,
    locale: Locale,
}

#[wasm_bindgen]
impl Migration {
    /// The migrated records, typed by the target schema (a new `Table` each time it is read).
    #[wasm_bindgen(getter)]
    pub fn table(&self) -> Table {
        Table(self.table.clone())
    }

    /// The migrated records as plain objects, keys in target schema order (as
    /// `Table.toJsonLines` writes them).
    #[wasm_bindgen(getter, unchecked_return_type = "Array<Record<string, unknown>>")]
    pub fn rows(&self) -> Result<JsValue, JsValue> {
        let rows = js_sys::Array::new();
        for line in self.table.to_json_lines().lines().filter(|l| !l.is_empty()) {
            rows.push(&parse_json(line)?);
        }
        Ok(rows.into())
    }

    /// Every source record accounted for, messages in the language given to `migrate`.
    #[wasm_bindgen(getter)]
    pub fn reconciliation(&self) -> Result<Ts<dto::Reconciliation>, JsValue> {
        dto::Reconciliation::from_core(&self.reconciliation, self.locale)
            .into_ts()
            .map_err(bad_argument)
    }
}

fn mapping_text(value: JsValue) -> Result<String, JsValue> {
    if !(value.is_object() || value.is_string()) {
        return Err(bad_argument("the mapping must be JSON text or an object"));
    }
    json_text(value, "the mapping")
}
