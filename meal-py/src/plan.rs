//! The MEAL plan (*plan SERA*) for Python: plan documents from JSON, dicts or the xlsx
//! template, their own and cross-document (coverage) findings, the reporting calendar with
//! native `datetime.date`, and the lessons-learned register with search and mission
//! consolidation. Calendar items and lessons are plain dicts, ready for `pandas.DataFrame`.

use std::path::PathBuf;

use chrono::NaiveDate;
use meal_core::plan;
use meal_core::template;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList, PyTuple};

use crate::args::{self, Arg};
use crate::error::{not_authored, to_py};
use crate::exact::IsoDate;
use crate::finding::Finding;
use crate::form::Form;
use crate::json;
use crate::privacy::PrivacyRules;

/// The date fields of a lesson.
const LESSON_DATES: &[&str] = &["date"];

/// Workbook bytes: `bytes` as given, or a path (`str` or `os.PathLike`) read from disk.
pub(crate) fn workbook(source: &Bound<'_, PyAny>) -> PyResult<Vec<u8>> {
    match source.cast::<PyBytes>() {
        Ok(bytes) => Ok(bytes.as_bytes().to_vec()),
        Err(_) => Ok(std::fs::read(args::source_path(source)?)?),
    }
}

/// A template workbook (a path or bytes) read by `read` without the GIL: the document and the
/// findings naming its cells, or — when the workbook gives no document — its first blocking
/// finding raised (see [`not_authored`]).
pub(crate) fn read_authored<T: Send>(
    py: Python<'_>,
    source: &Bound<'_, PyAny>,
    read: impl FnOnce(&[u8]) -> Result<template::Authored<T>, meal_core::MealError> + Send,
) -> PyResult<(T, Vec<meal_core::Finding>)> {
    let bytes = workbook(source)?;
    let authored = py.detach(|| read(&bytes)).map_err(to_py)?;
    match authored.document {
        Some(document) => Ok((document, authored.findings)),
        None => Err(not_authored(&authored.findings)),
    }
}

/// Workbook bytes as Python `bytes`, also written to `path` when one is given.
pub(crate) fn workbook_out<'py>(
    py: Python<'py>,
    bytes: Vec<u8>,
    path: Option<PathBuf>,
) -> PyResult<Bound<'py, PyBytes>> {
    if let Some(path) = path {
        std::fs::write(path, &bytes)?;
    }
    Ok(PyBytes::new(py, &bytes))
}

/// Text for HTML.
pub(crate) fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// An HTML table row of cells (`th` or `td`), escaped.
pub(crate) fn row<S: AsRef<str>>(cells: &[S], tag: &str) -> String {
    let mut html = String::from("<tr>");
    for cell in cells {
        html.push_str(&format!("<{tag}>{}</{tag}>", escape(cell.as_ref())));
    }
    html.push_str("</tr>");
    html
}

/// The `pandas.DataFrame` of `rows` (dicts); `ImportError` when pandas is not installed.
pub(crate) fn data_frame<'py>(
    py: Python<'py>,
    rows: Bound<'py, PyList>,
) -> PyResult<Bound<'py, PyAny>> {
    py.import("pandas")?.getattr("DataFrame")?.call1((rows,))
}

/// The MEAL plan of one project: how each logframe indicator is measured, by whom, how often,
/// where it is reported and under which GDPR processing; evaluations, accountability
/// mechanisms, learning agenda and reporting schedule.
///
/// `MealPlan.from_json(text_or_dict)`, `MealPlan.from_dict(dict)`, or
/// `MealPlan.from_xlsx(path_or_bytes)` for the spreadsheet template; `findings()` lists what
/// reading found (unknown fields, workbook cells as `sheet!C12`), `validate()` the plan's own
/// structural problems, and `coverage(...)` the cross-document ones.
#[pyclass(frozen, module = "meal")]
#[derive(Debug)]
pub struct MealPlan {
    plan: plan::MealPlan,
    reading: Vec<meal_core::Finding>,
}

impl MealPlan {
    fn read(text: &str) -> PyResult<Self> {
        let parsed = plan::MealPlan::from_json(text).map_err(to_py)?;
        Ok(MealPlan {
            plan: parsed.value,
            reading: parsed.findings,
        })
    }
}

/// A plans argument: `MealPlan` objects or plan documents (JSON text or dicts).
pub fn plans(items: &Bound<'_, PyAny>) -> PyResult<Vec<plan::MealPlan>> {
    args::items(items, "plans")?
        .map(|item| {
            let item = item?;
            match item.cast::<MealPlan>() {
                Ok(plan) => Ok(plan.get().plan.clone()),
                Err(_) => Ok(MealPlan::read(&json::to_text(&item)?)?.plan),
            }
        })
        .collect()
}

#[pymethods]
impl MealPlan {
    /// Reads a plan document: JSON text, or a dict. `json.malformed`,
    /// `document.format_version`, `document.invalid` when it cannot be read.
    #[staticmethod]
    fn from_json(document: &Bound<'_, PyAny>) -> PyResult<Self> {
        Self::read(&json::to_text(document)?)
    }

    /// Reads a plan from its dict form (as `to_dict` gives it).
    #[staticmethod]
    fn from_dict(document: &Bound<'_, PyAny>) -> PyResult<Self> {
        Self::read(&json::dumps(document)?)
    }

    /// Reads a MEAL plan workbook of the template (`examples/templates/`, English or French
    /// headers): a path or the `.xlsx` bytes. `findings()` names the sheet, row and column of
    /// each problem. Raises `template.unreadable` (not an `.xlsx`), `template.missing_sheet`,
    /// or — when the workbook gives no plan — its first blocking finding, with every finding
    /// in the error's `.findings`.
    #[staticmethod]
    fn from_xlsx(py: Python<'_>, source: &Bound<'_, PyAny>) -> PyResult<Self> {
        let (plan, reading) = read_authored(py, source, template::plan::from_xlsx)?;
        Ok(MealPlan { plan, reading })
    }

    /// The plan as a template workbook (`bytes`) with headers in `locale` (`"en"`, `"fr"`),
    /// also written to `path` when one is given.
    #[pyo3(signature = (path = None, locale = "en"))]
    fn to_xlsx<'py>(
        &self,
        py: Python<'py>,
        path: Option<Arg<PathBuf>>,
        #[pyo3(from_py_with = args::locale)] locale: &str,
    ) -> PyResult<Bound<'py, PyBytes>> {
        let locale = crate::locale(locale);
        let bytes = py
            .detach(|| template::plan::to_xlsx(&self.plan, locale))
            .map_err(to_py)?;
        workbook_out(py, bytes, path.map(Arg::into_inner))
    }

    /// The canonical JSON text (`MealPlan.from_json(p.to_json())` gives `p` back).
    fn to_json(&self) -> String {
        self.plan.to_json()
    }

    /// The plan as a dict (its JSON form).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json::from_serde(py, &self.plan)
    }

    /// What reading found (unknown fields; workbook problems as `sheet!C12`), sorted.
    #[pyo3(signature = (locale = "en"))]
    fn findings(&self, #[pyo3(from_py_with = args::locale)] locale: &str) -> Vec<Finding> {
        Finding::all(&self.reading, locale)
    }

    /// The plan's own structural problems (blank or duplicate codes, an undefined role, …),
    /// sorted by path then code. Cross-document checks are `coverage`.
    #[pyo3(signature = (locale = "en"))]
    fn validate(&self, #[pyo3(from_py_with = args::locale)] locale: &str) -> Vec<Finding> {
        Finding::all(&self.plan.validate(), locale)
    }

    /// The project code of the logframe the plan measures.
    #[getter]
    fn project(&self) -> &str {
        &self.plan.project
    }

    /// The first day the plan applies.
    #[getter]
    fn start(&self) -> NaiveDate {
        self.plan.start
    }

    /// The indicator codes with a plan row, in document order.
    #[getter]
    fn indicators(&self) -> Vec<String> {
        self.plan
            .indicators
            .iter()
            .map(|r| r.indicator.clone())
            .collect()
    }

    /// The role codes, in document order.
    #[getter]
    fn roles(&self) -> Vec<String> {
        self.plan.roles.iter().map(|r| r.code.clone()).collect()
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other
            .cast::<MealPlan>()
            .is_ok_and(|o| o.get().plan == self.plan)
    }

    fn __repr__(&self) -> String {
        format!(
            "MealPlan(project={:?}, indicators={}, evaluations={})",
            self.plan.project,
            self.plan.indicators.len(),
            self.plan.evaluations.len()
        )
    }
}

/// Reads and validates a MEAL plan (JSON text or a dict): the reading findings and the plan's
/// own checks, sorted by path then code, with messages in `locale` — `check_logframe` for
/// plans. Raises `MealError` when the text cannot be read as a plan at all.
#[pyfunction]
#[pyo3(signature = (document, locale = "en"))]
pub fn check_plan(
    document: &Bound<'_, PyAny>,
    #[pyo3(from_py_with = args::locale)] locale: &str,
) -> PyResult<Vec<Finding>> {
    let findings = plan::meal_plan::check(&json::to_text(document)?).map_err(to_py)?;
    Ok(Finding::all(&findings, locale))
}

/// A document's JSON text for the core's combined readers: an object's canonical JSON, or the
/// document as given (text or a dict) — checked to be one JSON value, so it cannot change the
/// shape of the input it is placed in. `json.malformed` at `at` otherwise.
fn document_json(item: &Bound<'_, PyAny>, at: &str) -> PyResult<String> {
    let text = if let Ok(plan) = item.cast::<MealPlan>() {
        plan.get().plan.to_json()
    } else if let Ok(logframe) = item.cast::<crate::logframe::Logframe>() {
        logframe.get().core().to_json()
    } else if let Ok(form) = item.cast::<Form>() {
        form.get().document()?.to_json()
    } else if let Ok(rules) = item.cast::<PrivacyRules>() {
        rules.get().core().to_json()
    } else {
        json::to_text(item)?
    };
    serde_json::from_str::<serde::de::IgnoredAny>(&text)
        .map_err(|e| to_py(meal_core::document::malformed(&e).at(at)))?;
    Ok(text)
}

/// `[text, …]` of the documents of `items`, at `{base}/{i}`.
fn documents_json(items: &Bound<'_, PyAny>, base: &str) -> PyResult<String> {
    let texts = args::items(items, base.trim_start_matches('/'))?
        .enumerate()
        .map(|(i, item)| document_json(&item?, &format!("{base}/{i}")))
        .collect::<PyResult<Vec<_>>>()?;
    Ok(format!("[{}]", texts.join(",")))
}

/// Does each plan cover its logframe, and do its data sources exist and rest on GDPR rules:
/// every finding (an indicator with no plan row, an unknown form or field, a personal field
/// without GDPR rules, a frequency that cannot feed a report, an undefined role, …), each
/// plan's own, and the reading findings of documents given as text or dicts (paths under
/// `/plans/{i}`, `/logframes/{i}`, `/forms/{i}`, `/rules`), sorted by path then code.
/// `plans`, `logframes` and `forms` are objects (`MealPlan`, `Logframe`, `Form`) or
/// documents, `rules` `PrivacyRules` or a document; without rules, processing ids cannot be
/// checked and a finding says so. Raises `MealError` when a document cannot be read (its path
/// in the set).
#[pyfunction]
#[pyo3(signature = (plans, logframes, forms, rules = None, locale = "en"))]
pub fn coverage(
    py: Python<'_>,
    plans: &Bound<'_, PyAny>,
    logframes: &Bound<'_, PyAny>,
    forms: &Bound<'_, PyAny>,
    rules: Option<&Bound<'_, PyAny>>,
    #[pyo3(from_py_with = args::locale)] locale: &str,
) -> PyResult<Vec<Finding>> {
    let rules = match rules {
        Some(rules) if !rules.is_none() => document_json(rules, "/rules")?,
        _ => "null".to_owned(),
    };
    let input = format!(
        "{{\"plans\":{},\"logframes\":{},\"forms\":{},\"rules\":{}}}",
        documents_json(plans, "/plans")?,
        documents_json(logframes, "/logframes")?,
        documents_json(forms, "/forms")?,
        rules
    );
    let findings = py
        .detach(|| plan::coverage::check_json(&input))
        .map_err(to_py)?;
    Ok(Finding::all(&findings, locale))
}

/// One calendar item as a dict: `date` (`datetime.date`), `kind` (`sitrep`, `annual_report`,
/// `donor_report`, `evaluation`, `quality_review`, `seminar`), `project` (`None` for the
/// mission), `period` (id), `reference`, `responsible` — every key present.
fn item<'py>(py: Python<'py>, due: &plan::Due) -> PyResult<Bound<'py, PyDict>> {
    let item = PyDict::new(py);
    item.set_item("date", due.date)?;
    item.set_item("kind", json::name_of(&due.kind))?;
    item.set_item("project", &due.project)?;
    item.set_item("period", due.period.map(|p| p.id()))?;
    item.set_item("reference", &due.reference)?;
    item.set_item("responsible", &due.responsible)?;
    Ok(item)
}

fn items<'py>(py: Python<'py>, due: &[&plan::Due]) -> PyResult<Bound<'py, PyList>> {
    let list = PyList::empty(py);
    for due in due {
        list.append(item(py, due)?)?;
    }
    Ok(list)
}

/// The reporting calendar: what is due when (SITREPs, annual and donor reports, evaluations,
/// data-quality reviews, the seminar) per project and for the mission, sorted by date.
#[pyclass(frozen, module = "meal")]
#[derive(Debug)]
pub struct Calendar(plan::Calendar);

#[pymethods]
impl Calendar {
    /// The calendar of `plans` (`MealPlan` objects or documents) from `start` to `end`
    /// (inclusive, `datetime.date` or ISO text), with the mission `seminar` day when set.
    /// `plan.bad_range` when `start` is after `end` or the range is too long to list.
    #[staticmethod]
    #[pyo3(signature = (plans, start, end, seminar = None))]
    fn build(
        py: Python<'_>,
        plans: &Bound<'_, PyAny>,
        start: IsoDate,
        end: IsoDate,
        seminar: Option<IsoDate>,
    ) -> PyResult<Self> {
        let plans = self::plans(plans)?;
        let request = plan::CalendarRequest {
            from: start.0,
            to: end.0,
            seminar: seminar.map(|s| s.0),
        };
        py.detach(|| plan::Calendar::build(&plans, &request))
            .map(Calendar)
            .map_err(to_py)
    }

    /// First day of the range.
    #[getter]
    fn start(&self) -> NaiveDate {
        self.0.from
    }

    /// Last day of the range.
    #[getter]
    fn end(&self) -> NaiveDate {
        self.0.to
    }

    /// Every item as a dict (`date`, `kind`, `project`, `period`, `reference`,
    /// `responsible`), in calendar order.
    #[getter]
    fn items<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        items(py, &self.0.due.iter().collect::<Vec<_>>())
    }

    /// The items of one project, and the mission's (which concern every project).
    fn for_project<'py>(&self, py: Python<'py>, code: Arg<String>) -> PyResult<Bound<'py, PyList>> {
        items(py, &self.0.for_project(&code))
    }

    /// The calendar as JSON text (dates ISO, periods as ids).
    fn to_json(&self) -> PyResult<String> {
        serde_json::to_string(&self.0)
            .map_err(|e| pyo3::exceptions::PyValueError::new_err(e.to_string()))
    }

    /// The items as a `pandas.DataFrame` (one row per item); `ImportError` without pandas.
    fn to_pandas<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        data_frame(py, self.items(py)?)
    }

    fn __len__(&self) -> usize {
        self.0.due.len()
    }

    fn __repr__(&self) -> String {
        format!(
            "Calendar(start={}, end={}, items={})",
            self.0.from,
            self.0.to,
            self.0.due.len()
        )
    }

    /// A table grouped by month: a heading row per month, then its items.
    fn _repr_html_(&self) -> String {
        let mut html = String::from("<table><thead>");
        html.push_str(&row(
            &[
                "date",
                "kind",
                "project",
                "period",
                "reference",
                "responsible",
            ],
            "th",
        ));
        html.push_str("</thead><tbody>");
        let mut month = String::new();
        for due in &self.0.due {
            let this = due.date.format("%Y-%m").to_string();
            if this != month {
                html.push_str(&format!(
                    "<tr><th colspan=\"6\" style=\"text-align:left\">{}</th></tr>",
                    due.date.format("%B %Y")
                ));
                month = this;
            }
            html.push_str(&row(
                &[
                    due.date.to_string(),
                    json::name_of(&due.kind),
                    due.project.clone().unwrap_or_else(|| "mission".to_owned()),
                    due.period.map(|p| p.id()).unwrap_or_default(),
                    due.reference.clone().unwrap_or_default(),
                    due.responsible.clone().unwrap_or_default(),
                ],
                "td",
            ));
        }
        html.push_str("</tbody></table>");
        html
    }
}

/// The lessons-learned register (capitalisation): `LessonsRegister.from_json(text_or_dict)`;
/// `search(...)` filters it, `LessonsRegister.consolidate(registers)` makes the mission's.
/// Lessons are dicts (`id`, `project`, `discipline`, `date` as `datetime.date`, `status`,
/// `lesson`, `context`, `evidence`, `recommendation` as `{"en", "fr"}`, `tags`).
///
/// >>> register = LessonsRegister.from_dict({"format_version": 1, "lessons": []})
/// >>> len(register), register.search(text="night outreach")
/// (0, [])
/// >>> try:
/// ...     register.search(status="forgotten")
/// ... except MealError as error:
/// ...     error.code
/// 'plan.bad_query'
#[pyclass(frozen, module = "meal")]
#[derive(Debug)]
pub struct LessonsRegister {
    register: plan::LessonsRegister,
    reading: Vec<meal_core::Finding>,
}

impl LessonsRegister {
    fn read(text: &str) -> PyResult<Self> {
        let parsed = plan::LessonsRegister::from_json(text).map_err(to_py)?;
        Ok(LessonsRegister {
            register: parsed.value,
            reading: parsed.findings,
        })
    }

    fn extract(obj: &Bound<'_, PyAny>) -> PyResult<plan::LessonsRegister> {
        match obj.cast::<LessonsRegister>() {
            Ok(register) => Ok(register.get().register.clone()),
            Err(_) => Ok(Self::read(&json::to_text(obj)?)?.register),
        }
    }
}

fn lessons<'py>(py: Python<'py>, lessons: &[&plan::Lesson]) -> PyResult<Bound<'py, PyAny>> {
    json::with_dates(py, &lessons, LESSON_DATES)
}

#[pymethods]
impl LessonsRegister {
    /// Reads a register document: JSON text, or a dict.
    #[staticmethod]
    fn from_json(document: &Bound<'_, PyAny>) -> PyResult<Self> {
        Self::read(&json::to_text(document)?)
    }

    /// Reads a register from its dict form.
    #[staticmethod]
    fn from_dict(document: &Bound<'_, PyAny>) -> PyResult<Self> {
        Self::read(&json::dumps(document)?)
    }

    /// The mission register: every register's lessons in one (`LessonsRegister` objects or
    /// documents), sorted by date then id, and the findings (`plan.duplicate_lesson` for an
    /// id found twice; both are kept).
    #[staticmethod]
    #[pyo3(signature = (registers, locale = "en"))]
    fn consolidate<'py>(
        py: Python<'py>,
        registers: &Bound<'py, PyAny>,
        #[pyo3(from_py_with = args::locale)] locale: &str,
    ) -> PyResult<Bound<'py, PyTuple>> {
        let registers = args::items(registers, "registers")?
            .map(|r| Self::extract(&r?))
            .collect::<PyResult<Vec<_>>>()?;
        let (register, findings) = py.detach(|| plan::LessonsRegister::consolidate(&registers));
        let register = LessonsRegister {
            register,
            reading: Vec::new(),
        };
        (register, Finding::all(&findings, locale)).into_pyobject(py)
    }

    /// The lessons matching every criterion given, newest first: `text` (words searched in
    /// every text, both languages, case and accents ignored), `project`, `discipline`, `tags`
    /// (all present), `status`, and `start`/`end` date bounds (inclusive, `datetime.date` or
    /// ISO text). The core reads the criteria: an unknown discipline or status, a value of
    /// the wrong type or `start` after `end` is `plan.bad_query`.
    #[pyo3(signature = (text = None, project = None, discipline = None, tags = None, status = None, start = None, end = None))]
    #[allow(clippy::too_many_arguments)]
    fn search<'py>(
        &self,
        py: Python<'py>,
        text: Option<Bound<'py, PyAny>>,
        project: Option<Bound<'py, PyAny>>,
        discipline: Option<Bound<'py, PyAny>>,
        tags: Option<Bound<'py, PyAny>>,
        status: Option<Bound<'py, PyAny>>,
        start: Option<Bound<'py, PyAny>>,
        end: Option<Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let query = PyDict::new(py);
        for (key, value) in [
            ("text", text),
            ("project", project),
            ("discipline", discipline),
            ("status", status),
            ("from", start),
            ("to", end),
        ] {
            if let Some(value) = value {
                query.set_item(key, value)?;
            }
        }
        if let Some(tags) = tags {
            // A tuple or any iterable of tags is a list; a `str` stays a (wrong) string.
            let tags = match tags.cast::<pyo3::types::PyString>() {
                Ok(_) => tags,
                Err(_) => match tags.try_iter() {
                    Ok(items) => PyList::new(py, items.collect::<PyResult<Vec<_>>>()?)?.into_any(),
                    Err(_) => tags,
                },
            };
            query.set_item("tags", tags)?;
        }
        self.search_query(py, &query.into_any())
    }

    /// The lessons matching a query document — a dict or JSON text with the keys `text`,
    /// `project`, `discipline`, `tags`, `status`, `from`, `to` — as the other bindings pass it.
    /// `json.malformed`, `plan.bad_query`.
    fn search_query<'py>(
        &self,
        py: Python<'py>,
        query: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let query = plan::LessonQuery::from_json(&json::to_text(query)?).map_err(to_py)?;
        lessons(py, &self.register.search(&query))
    }

    /// Every lesson, in document order.
    #[getter]
    fn lessons<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        lessons(py, &self.register.lessons.iter().collect::<Vec<_>>())
    }

    /// What reading found (unknown fields), sorted.
    #[pyo3(signature = (locale = "en"))]
    fn findings(&self, #[pyo3(from_py_with = args::locale)] locale: &str) -> Vec<Finding> {
        Finding::all(&self.reading, locale)
    }

    /// Structural problems: duplicate or blank ids, blank texts, …
    #[pyo3(signature = (locale = "en"))]
    fn validate(&self, #[pyo3(from_py_with = args::locale)] locale: &str) -> Vec<Finding> {
        Finding::all(&self.register.validate(), locale)
    }

    /// The canonical JSON text.
    fn to_json(&self) -> String {
        self.register.to_json()
    }

    /// The register as a dict (its JSON form).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json::from_serde(py, &self.register)
    }

    /// The lessons as a `pandas.DataFrame`; `ImportError` without pandas.
    fn to_pandas<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let rows = self.lessons(py)?.cast_into::<PyList>()?;
        data_frame(py, rows)
    }

    fn __len__(&self) -> usize {
        self.register.lessons.len()
    }

    fn __repr__(&self) -> String {
        format!("LessonsRegister(lessons={})", self.register.lessons.len())
    }

    /// The lessons as an HTML table (texts in English).
    fn _repr_html_(&self) -> String {
        let mut html = String::from("<table><thead>");
        html.push_str(&row(
            &[
                "id",
                "date",
                "project",
                "discipline",
                "status",
                "lesson",
                "recommendation",
                "tags",
            ],
            "th",
        ));
        html.push_str("</thead><tbody>");
        for lesson in &self.register.lessons {
            html.push_str(&row(
                &[
                    lesson.id.clone(),
                    lesson.date.to_string(),
                    lesson.project.clone(),
                    lesson
                        .discipline
                        .map(|d| d.as_str().to_owned())
                        .unwrap_or_default(),
                    json::name_of(&lesson.status),
                    lesson.lesson.en.clone(),
                    lesson.recommendation.en.clone(),
                    lesson.tags.join(", "),
                ],
                "td",
            ));
        }
        html.push_str("</tbody></table>");
        html
    }
}
