//! MEAL plans for JavaScript web forms and dashboards: the plan document of a project and its
//! own checks, coverage against the logframes, forms and GDPR rules, the reporting calendar,
//! and the lessons-learned register (search, mission consolidation).
//!
//! Documents (plans, registers, lessons, the calendar) cross with their document keys, as the
//! core writes them; every argument that is a document takes one of this package's objects, its
//! JSON text, or the plain object.

use meal_core::document::Parsed;
use meal_core::error::merged_findings;
use meal_core::plan::{self, coverage, meal_plan, Calendar, LessonQuery};
use tsify::Ts;
use wasm_bindgen::prelude::*;

use crate::dto::{self, Finding};
use crate::error::{bad_argument, to_js};
use crate::{
    any_document_text, array_items, field, json_text, locale_of, options_or_default, parse_json,
};

#[wasm_bindgen(typescript_custom_section)]
const PLAN_TS: &'static str = r#"
/** A text in English and French (document key order). */
export interface BilingualText { en: string; fr: string; }

/** What `planCoverage` checks: MEAL plans against their logframes, the mission's forms and GDPR rules. */
export interface CoverageOptions {
  /** Each document one of this package's objects, its JSON text, or the object; absent: none. */
  plans?: Array<MealPlan | string | object>;
  logframes?: Array<Logframe | string | object>;
  forms?: Array<Form | string | object>;
  /** The mission's rules; without them processing ids cannot be checked (a finding says so). */
  rules?: PrivacyRules | string | object | null;
}

/** What is due. */
export type DueKind = "sitrep" | "annual_report" | "donor_report" | "evaluation" | "quality_review" | "seminar";

/** One thing due (document keys). */
export interface Due {
  date: string;
  kind: DueKind;
  /** The project code; `null` for the mission (the seminar). */
  project: string | null;
  /** The period id reported on. */
  period?: string;
  /** The evaluation code, for an evaluation. */
  reference?: string;
  /** The responsible role code, when the plan names one. */
  responsible?: string;
}

/** Everything due in a range, by date, then project (mission first), kind, period. */
export interface Calendar { from: string; to: string; due: Due[]; }

export type Discipline = "medical" | "mental_health" | "protection" | "influence";
export type LessonStatus = "draft" | "validated" | "applied" | "archived";

/** One lesson of a register (document keys). */
export interface Lesson {
  id: string;
  /** Project code; the mission itself is `MISSION`. */
  project: string;
  discipline?: Discipline;
  date: string;
  status: LessonStatus;
  lesson: BilingualText;
  context: BilingualText;
  evidence: BilingualText;
  recommendation: BilingualText;
  tags?: string[];
}

/** A filter and search over a register: every criterion set must hold. */
export interface LessonQuery {
  /** Words searched in every text, both languages, case and accents ignored; all must appear. */
  text?: string | null;
  project?: string | null;
  discipline?: Discipline | null;
  /** Every tag listed must be on the lesson. */
  tags?: string[];
  status?: LessonStatus | null;
  /** Inclusive date bounds, `YYYY-MM-DD`. */
  from?: string | null;
  to?: string | null;
}

/** The mission register and what consolidating found (`plan.duplicate_lesson`). */
export interface ConsolidatedLessons { register: LessonsRegister; findings: Finding[]; }
"#;

/// The MEAL plan (*plan SERA*) of one project: `MealPlan.fromJson(textOrObject)`;
/// `findings()` says what is wrong with it on its own (`planCoverage` checks it against the
/// logframes, forms and rules).
#[wasm_bindgen]
#[derive(Debug)]
pub struct MealPlan {
    parsed: Parsed<plan::MealPlan>,
}

impl MealPlan {
    /// A plan built elsewhere (read from a workbook), with no reading findings.
    pub(crate) fn from_core(value: plan::MealPlan) -> MealPlan {
        MealPlan {
            parsed: Parsed {
                value,
                findings: Vec::new(),
            },
        }
    }
}

#[wasm_bindgen]
impl MealPlan {
    /// Reads a plan document (JSON text, or the object): `json.malformed`,
    /// `document.format_version`, `document.invalid` when it cannot be read at all.
    #[wasm_bindgen(js_name = fromJson)]
    pub fn from_json(
        #[wasm_bindgen(unchecked_param_type = "string | object")] document: JsValue,
    ) -> Result<MealPlan, JsValue> {
        let text = any_document_text(document, "the MEAL plan")?;
        let parsed = plan::MealPlan::from_json(&text).map_err(to_js)?;
        Ok(MealPlan { parsed })
    }

    /// Reading findings (unknown fields) and the plan's own structural findings, sorted by path
    /// then code, messages in `locale`.
    pub fn findings(&self, locale: Option<String>) -> Result<Vec<Ts<Finding>>, JsValue> {
        let all = merged_findings(&self.parsed.findings, self.parsed.value.validate());
        Finding::all_to_js(&all, locale_of(locale))
    }

    /// The project code of the logframe the plan measures.
    #[wasm_bindgen(getter)]
    pub fn project(&self) -> String {
        self.parsed.value.project.clone()
    }

    /// The indicator codes of the plan rows, in document order.
    #[wasm_bindgen(getter, js_name = indicatorCodes)]
    pub fn indicator_codes(&self) -> Vec<String> {
        self.parsed
            .value
            .indicators
            .iter()
            .map(|r| r.indicator.clone())
            .collect()
    }

    /// The canonical JSON text (it round-trips).
    #[wasm_bindgen(js_name = toJson)]
    pub fn to_json(&self) -> String {
        self.parsed.value.to_json()
    }

    /// The plan as plain data, document keys (what `JSON.stringify` uses).
    #[wasm_bindgen(js_name = toJSON, unchecked_return_type = "Record<string, unknown>")]
    pub fn to_data(&self) -> Result<JsValue, JsValue> {
        parse_json(&self.parsed.value.to_json())
    }
}

/// Reads and checks a MEAL plan document (JSON text or the object): reading and structural
/// findings, sorted by path then code, messages in `locale`. Throws when the document cannot
/// be read at all (`json.malformed`, `document.format_version`, `document.invalid`).
#[wasm_bindgen(js_name = checkMealPlan)]
pub fn check_meal_plan(
    #[wasm_bindgen(unchecked_param_type = "string | object")] document: JsValue,
    locale: Option<String>,
) -> Result<Vec<Ts<Finding>>, JsValue> {
    let text = any_document_text(document, "the MEAL plan")?;
    let found = meal_plan::check(&text).map_err(to_js)?;
    Finding::all_to_js(&found, locale_of(locale))
}

/// Every coverage finding of `options` (an indicator with no plan row, a source form or field
/// that does not exist, a personal field without GDPR rules, a frequency that cannot feed a
/// report, an unknown role, …), each plan's own findings and every document's reading
/// findings (paths under `/plans/{i}`, `/logframes/{i}`, `/forms/{i}`, `/rules`), sorted by path
/// then code, messages in `locale`. Throws when a document cannot be read (`json.malformed`,
/// `document.invalid`, `document.format_version`, `logframe.cycle`).
#[wasm_bindgen(js_name = planCoverage)]
pub fn plan_coverage(
    #[wasm_bindgen(unchecked_param_type = "CoverageOptions")] options: JsValue,
    locale: Option<String>,
) -> Result<Vec<Ts<Finding>>, JsValue> {
    let plans = documents_json(&field(&options, "plans")?, "a MEAL plan", "plans")?;
    let logframes = documents_json(&field(&options, "logframes")?, "a logframe", "logframes")?;
    let forms = documents_json(&field(&options, "forms")?, "a form", "forms")?;
    let rules = field(&options, "rules")?;
    let rules = if rules.is_undefined() || rules.is_null() {
        "null".to_owned()
    } else {
        checked_json(any_document_text(rules, "the rules")?)?
    };
    let input =
        format!(r#"{{"plans":{plans},"logframes":{logframes},"forms":{forms},"rules":{rules}}}"#);
    let found = coverage::check_json(&input).map_err(to_js)?;
    Finding::all_to_js(&found, locale_of(locale))
}

/// What is due from `request.from` to `request.to` (inclusive) under `plans`: SITREPs, annual
/// and donor reports, evaluations, data-quality reviews and the seminar, per project and for
/// the mission. With `request.project`, only that project's items and the mission's. Throws
/// `plan.bad_range`, `document.invalid` (a date that is not `YYYY-MM-DD`), or what reading a
/// plan throws.
#[wasm_bindgen(js_name = reportingCalendar, unchecked_return_type = "Calendar")]
pub fn reporting_calendar(
    #[wasm_bindgen(unchecked_param_type = "Array<MealPlan | string | object>")] plans: JsValue,
    request: Ts<dto::CalendarRequest>,
) -> Result<JsValue, JsValue> {
    let plans = documents_json(&plans, "a MEAL plan", "plans")?;
    let request: dto::CalendarRequest = options_or_default(Some(request))?;
    let core_request = serde_json::json!({
        "from": request.from,
        "to": request.to,
        "seminar": request.seminar,
    });
    let input = format!(r#"{{"plans":{plans},"request":{core_request}}}"#);
    let mut calendar = Calendar::build_json(&input).map_err(to_js)?;
    if let Some(project) = &request.project {
        calendar.due = calendar.for_project(project).into_iter().cloned().collect();
    }
    to_plain(&calendar)
}

/// A lessons-learned register (a project's, or the mission's):
/// `LessonsRegister.fromJson(textOrObject)`.
#[wasm_bindgen]
#[derive(Debug)]
pub struct LessonsRegister {
    parsed: Parsed<plan::LessonsRegister>,
}

#[wasm_bindgen]
impl LessonsRegister {
    /// Reads a register document (JSON text, or the object).
    #[wasm_bindgen(js_name = fromJson)]
    pub fn from_json(
        #[wasm_bindgen(unchecked_param_type = "string | object")] document: JsValue,
    ) -> Result<LessonsRegister, JsValue> {
        let text = any_document_text(document, "the lessons register")?;
        let parsed = plan::LessonsRegister::from_json(&text).map_err(to_js)?;
        Ok(LessonsRegister { parsed })
    }

    /// Reading findings and structural ones (duplicate or blank ids, blank texts), sorted by
    /// path then code, messages in `locale`.
    pub fn findings(&self, locale: Option<String>) -> Result<Vec<Ts<Finding>>, JsValue> {
        let all = merged_findings(&self.parsed.findings, self.parsed.value.validate());
        Finding::all_to_js(&all, locale_of(locale))
    }

    /// Every lesson, in document order.
    #[wasm_bindgen(getter, unchecked_return_type = "Lesson[]")]
    pub fn lessons(&self) -> Result<JsValue, JsValue> {
        to_plain(&self.parsed.value.lessons)
    }

    /// The number of lessons.
    #[wasm_bindgen(getter)]
    pub fn length(&self) -> usize {
        self.parsed.value.lessons.len()
    }

    /// The canonical JSON text (it round-trips).
    #[wasm_bindgen(js_name = toJson)]
    pub fn to_json(&self) -> String {
        self.parsed.value.to_json()
    }

    /// The register as plain data, document keys (what `JSON.stringify` uses).
    #[wasm_bindgen(js_name = toJSON, unchecked_return_type = "Record<string, unknown>")]
    pub fn to_data(&self) -> Result<JsValue, JsValue> {
        parse_json(&self.parsed.value.to_json())
    }
}

/// The lessons of `register` (a `LessonsRegister`, or its document) matching `query` (an
/// object or its JSON text; every lesson when absent), newest first, then by id. A query with
/// an unknown field throws `json.malformed`.
#[wasm_bindgen(js_name = searchLessons, unchecked_return_type = "Lesson[]")]
pub fn search_lessons(
    #[wasm_bindgen(unchecked_param_type = "LessonsRegister | string | object")] register: JsValue,
    #[wasm_bindgen(unchecked_param_type = "LessonQuery | string | null")] query: JsValue,
) -> Result<JsValue, JsValue> {
    let register = register_of(register)?;
    let query = if query.is_undefined() || query.is_null() {
        LessonQuery::default()
    } else {
        LessonQuery::from_json(&json_text(query, "the query")?).map_err(to_js)?
    };
    to_plain(&register.search(&query))
}

/// The mission register of `registers` (each a `LessonsRegister` or its document): every
/// lesson, by date then id; a lesson id found in two registers is a finding
/// (`plan.duplicate_lesson`, messages in `locale`) and both are kept.
#[wasm_bindgen(js_name = consolidateLessons, unchecked_return_type = "ConsolidatedLessons")]
pub fn consolidate_lessons(
    #[wasm_bindgen(unchecked_param_type = "Array<LessonsRegister | string | object>")]
    registers: JsValue,
    locale: Option<String>,
) -> Result<JsValue, JsValue> {
    let registers = array_items(
        &registers,
        "registers must be an array of LessonsRegister objects or documents",
    )?
    .into_iter()
    .map(register_of)
    .collect::<Result<Vec<_>, _>>()?;
    let (register, findings) = plan::LessonsRegister::consolidate(&registers);
    let out = js_sys::Object::new();
    let register = LessonsRegister {
        parsed: Parsed {
            value: register,
            findings: Vec::new(),
        },
    };
    let findings: js_sys::Array = Finding::all_to_js(&findings, locale_of(locale))?
        .into_iter()
        .map(|f| f.js_value())
        .collect();
    set(&out, "register", &register.into())?;
    set(&out, "findings", &findings.into())?;
    Ok(out.into())
}

/// The JSON array of the documents of `value` (absent: none), each one of this package's
/// objects, JSON text or a plain object, checked to be JSON on its own.
fn documents_json(value: &JsValue, what: &str, name: &str) -> Result<String, JsValue> {
    if value.is_undefined() || value.is_null() {
        return Ok("[]".to_owned());
    }
    let refusal = format!("{name} must be an array of documents");
    let texts = array_items(value, &refusal)?
        .into_iter()
        .map(|d| checked_json(any_document_text(d, what)?))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(format!("[{}]", texts.join(",")))
}

/// `text` when it is one JSON value (`json.malformed` otherwise), so it can be placed in a
/// larger document as it is.
fn checked_json(text: String) -> Result<String, JsValue> {
    serde_json::from_str::<serde::de::IgnoredAny>(&text)
        .map_err(|e| to_js(meal_core::document::malformed(&e)))?;
    Ok(text)
}

fn register_of(value: JsValue) -> Result<plan::LessonsRegister, JsValue> {
    let text = any_document_text(value, "the lessons register")?;
    plan::LessonsRegister::from_json(&text)
        .map(|parsed| parsed.value)
        .map_err(to_js)
}

/// A core value as the plain data `JSON.parse` gives of its serde JSON (document keys).
pub(crate) fn to_plain<T: serde::Serialize + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    let text = serde_json::to_string(value).map_err(bad_argument)?;
    parse_json(&text)
}

fn set(target: &js_sys::Object, name: &str, value: &JsValue) -> Result<(), JsValue> {
    js_sys::Reflect::set(target, &JsValue::from_str(name), value)
        .map(|_| ())
        .map_err(|_| bad_argument("a value could not be set"))
}
