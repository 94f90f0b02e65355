//! Reports for JavaScript: the SITREP of a project or the mission for a period, and the annual
//! report, built from the figures `Engine.compute` returns (and optionally the quality report),
//! rendered to Markdown, HTML, CSV, JSON (strings) or XLSX (bytes, ready for a `Blob`).

use meal_core::report::{self, Audience, Format, Rendered, Scope};
use meal_core::{compute, quality, MealError};
use serde::de::DeserializeOwned;
use wasm_bindgen::prelude::*;

use crate::dto;
use crate::error::{bad_argument, to_js};
use crate::{field, locale_of, logframes_of, period_of};

#[wasm_bindgen(typescript_custom_section)]
const REPORT_TS: &'static str = r#"
/** One project (its code) or the whole mission. */
export type ReportScope = "mission" | { project: string };
/** Who will read a report: external reports have small disaggregation cells suppressed. */
export type ReportAudience = "internal" | "external";
/** An output format: `"xlsx"` renders to bytes, the others to a string. */
export type ReportFormat = "markdown" | "html" | "csv" | "json" | "xlsx";

/** What a SITREP reports. `results` and `quality` are what `Engine.compute` and `checkQuality`
 * return, or their JSON text as the core writes it (from another binding or a file). */
export interface SitrepOptions {
  logframes: Logframe[];
  results: Results | string;
  quality?: QualityReport | string | null;
  scope: ReportScope;
  period: Period | string;
  audience: ReportAudience;
  /** Language of the report; English when absent. */
  locale?: string;
  /** External reports hide disaggregation cells counting fewer than this (default 5, at least 1). */
  threshold?: number;
}

/** `render` typed by format (one literal per overload, so they come before the general one). */
export interface Sitrep {
  render(format: "xlsx"): Uint8Array<ArrayBuffer>;
  render(format: "markdown"): string;
  render(format: "html"): string;
  render(format: "csv"): string;
  render(format: "json"): string;
}
export interface AnnualReport {
  render(format: "xlsx"): Uint8Array<ArrayBuffer>;
  render(format: "markdown"): string;
  render(format: "html"): string;
  render(format: "csv"): string;
  render(format: "json"): string;
}

/** What an annual report covers: the year and its quarters must be in `results`. */
export interface AnnualReportOptions {
  logframes: Logframe[];
  results: Results | string;
  quality?: QualityReport | string | null;
  scope: ReportScope;
  year: number;
  audience: ReportAudience;
  /** Language of the report; English when absent. */
  locale?: string;
  /** External reports hide disaggregation cells counting fewer than this (default 5, at least 1). */
  threshold?: number;
}
"#;

/// A SITREP, ready to render: `Sitrep.build(options)`.
#[wasm_bindgen]
#[derive(Debug)]
pub struct Sitrep(report::Sitrep);

#[wasm_bindgen]
impl Sitrep {
    /// Builds the SITREP of `options.scope` for `options.period` from the figures.
    pub fn build(
        #[wasm_bindgen(unchecked_param_type = "SitrepOptions")] options: JsValue,
    ) -> Result<Sitrep, JsValue> {
        let inputs = Inputs::read(&options)?;
        let request = report::SitrepRequest {
            scope: inputs.scope,
            period: period_of(&field(&options, "period")?)?,
            audience: inputs.audience,
            locale: inputs.locale,
            threshold: inputs.threshold,
        };
        report::Sitrep::build(
            &inputs.logframes,
            &inputs.results,
            inputs.quality.as_ref(),
            &request,
        )
        .map(Sitrep)
        .map_err(to_js)
    }

    /// The SITREP in `format`: a string, or the bytes of an `.xlsx` workbook for `"xlsx"`.
    #[wasm_bindgen(unchecked_return_type = "string | Uint8Array<ArrayBuffer>")]
    pub fn render(
        &self,
        #[wasm_bindgen(unchecked_param_type = "ReportFormat")] format: JsValue,
    ) -> Result<JsValue, JsValue> {
        let format = format_of(format)?;
        rendered(format, self.0.render(format))
    }
}

/// An annual report (the year and its quarters), ready to render: `AnnualReport.build(options)`.
#[wasm_bindgen]
#[derive(Debug)]
pub struct AnnualReport(report::AnnualReport);

#[wasm_bindgen]
impl AnnualReport {
    /// Builds the annual report of `options.scope` for `options.year` from the figures.
    pub fn build(
        #[wasm_bindgen(unchecked_param_type = "AnnualReportOptions")] options: JsValue,
    ) -> Result<AnnualReport, JsValue> {
        let inputs = Inputs::read(&options)?;
        let year = field(&options, "year")?
            .as_f64()
            .filter(|y| y.fract() == 0.0 && y.abs() <= f64::from(i32::MAX))
            .ok_or_else(|| bad_argument("year must be a whole number"))?;
        let request = report::AnnualRequest {
            scope: inputs.scope,
            // In range and whole: checked above.
            year: year as i32,
            audience: inputs.audience,
            locale: inputs.locale,
            threshold: inputs.threshold,
        };
        report::AnnualReport::build(
            &inputs.logframes,
            &inputs.results,
            inputs.quality.as_ref(),
            &request,
        )
        .map(AnnualReport)
        .map_err(to_js)
    }

    /// The annual report in `format`: a string, or the bytes of an `.xlsx` workbook for
    /// `"xlsx"`.
    #[wasm_bindgen(unchecked_return_type = "string | Uint8Array<ArrayBuffer>")]
    pub fn render(
        &self,
        #[wasm_bindgen(unchecked_param_type = "ReportFormat")] format: JsValue,
    ) -> Result<JsValue, JsValue> {
        let format = format_of(format)?;
        rendered(format, self.0.render(format))
    }
}

/// What both reports read from their options.
struct Inputs {
    logframes: Vec<meal_core::logframe::Logframe>,
    results: compute::Results,
    quality: Option<quality::QualityReport>,
    scope: Scope,
    audience: Audience,
    locale: meal_core::Locale,
    threshold: u64,
}

impl Inputs {
    fn read(options: &JsValue) -> Result<Inputs, JsValue> {
        let logframes = logframes_of(&field(options, "logframes")?)?;
        let results = plain_or_json::<dto::Results, _>(
            field(options, "results")?,
            "the results",
            "results",
            dto::Results::into_core,
        )?
        .ok_or_else(|| bad_argument("results are required"))?;
        let quality = plain_or_json::<dto::QualityReport, _>(
            field(options, "quality")?,
            "the quality report",
            "quality_report",
            dto::QualityReport::into_core,
        )?;
        let scope = serde_wasm_bindgen::from_value(field(options, "scope")?)
            .map_err(|e| bad_argument(format!("scope: {e}")))?;
        let audience = serde_wasm_bindgen::from_value(field(options, "audience")?)
            .map_err(|e| bad_argument(format!("audience: {e}")))?;
        let locale = field(options, "locale")?;
        if !(locale.is_undefined() || locale.is_null() || locale.is_string()) {
            return Err(bad_argument("locale must be a string"));
        }
        let threshold = field(options, "threshold")?;
        let threshold = if threshold.is_undefined() || threshold.is_null() {
            report::sitrep::DEFAULT_THRESHOLD
        } else {
            threshold
                .as_f64()
                .filter(|t| t.fract() == 0.0 && (0.0..=9_007_199_254_740_991.0).contains(t))
                // Whole and in range: checked above.
                .map(|t| t as u64)
                .ok_or_else(|| bad_argument("threshold must be a whole number"))?
        };
        Ok(Inputs {
            threshold,
            logframes,
            results,
            quality,
            scope,
            audience,
            locale: locale_of(locale.as_string()),
        })
    }
}

/// A core value given as the plain object this package returns (`Dto`, converted by
/// `into_core`), or as the JSON text the core writes; `None` when absent.
pub(crate) fn plain_or_json<Dto, Core>(
    value: JsValue,
    what: &str,
    kind: &str,
    into_core: impl FnOnce(Dto) -> Result<Core, MealError>,
) -> Result<Option<Core>, JsValue>
where
    Dto: DeserializeOwned,
    Core: DeserializeOwned,
{
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    if let Some(text) = value.as_string() {
        return report::render::from_json(&text, kind)
            .map(Some)
            .map_err(to_js);
    }
    let plain: Dto =
        serde_wasm_bindgen::from_value(value).map_err(|e| bad_argument(format!("{what}: {e}")))?;
    into_core(plain).map(Some).map_err(to_js)
}

fn format_of(format: JsValue) -> Result<Format, JsValue> {
    serde_wasm_bindgen::from_value(format).map_err(|e| bad_argument(format!("format: {e}")))
}

/// Text formats as a string, XLSX as its bytes.
fn rendered(format: Format, result: Result<Rendered, MealError>) -> Result<JsValue, JsValue> {
    let rendered = result.map_err(to_js)?;
    if format == Format::Xlsx {
        return Ok(js_sys::Uint8Array::from(rendered.bytes.as_slice()).into());
    }
    String::from_utf8(rendered.bytes)
        .map(JsValue::from)
        .map_err(|_| bad_argument("the report is not UTF-8 text"))
}
