//! The SITREP and the annual report for Python: built from logframes, results and an optional
//! quality report; rendered to Markdown, HTML, CSV, JSON (`str`) or XLSX (`bytes`), written to
//! a file by its extension, and shown as HTML in notebooks.

use std::path::PathBuf;

use meal_core::report::{self, Format, Rendered};
use pyo3::prelude::*;
use pyo3::types::PyBytes;

use crate::args::{self, Arg};
use crate::compute::{logframes, period, Results};
use crate::error::to_py;
use crate::json;
use crate::quality::QualityReport;

/// The request of a report as the core reads it: `scope` `"mission"` or a project code, and
/// `span` (`("period", id)` or `("year", n)`).
fn request(
    scope: &str,
    span: (&str, serde_json::Value),
    audience: &str,
    locale: &str,
    threshold: Option<i64>,
) -> String {
    let scope = if scope == "mission" {
        serde_json::json!("mission")
    } else {
        serde_json::json!({ "project": scope })
    };
    let mut request = serde_json::Map::new();
    request.insert("scope".to_owned(), scope);
    request.insert(span.0.to_owned(), span.1);
    request.insert("audience".to_owned(), audience.into());
    request.insert(
        "locale".to_owned(),
        serde_json::json!(crate::locale(locale)),
    );
    if let Some(threshold) = threshold {
        request.insert("threshold".to_owned(), threshold.into());
    }
    serde_json::Value::Object(request).to_string()
}

/// A format by name (`markdown`, `html`, `csv`, `json`, `xlsx`).
fn format(name: &str) -> PyResult<Format> {
    json::from_text(&serde_json::Value::from(name).to_string(), "report_format").map_err(to_py)
}

/// The format a file extension names (`.md`, `.html`, `.csv`, `.json`, `.xlsx`).
fn format_of(path: &std::path::Path) -> PyResult<Format> {
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let name = match extension.as_str() {
        "md" => "markdown",
        "htm" => "html",
        other => other,
    };
    format(name)
}

/// Rendered bytes as Python: `str` for text formats, `bytes` for XLSX.
fn output<'py>(py: Python<'py>, rendered: Rendered, format: Format) -> PyResult<Bound<'py, PyAny>> {
    if format == Format::Xlsx {
        return Ok(PyBytes::new(py, &rendered.bytes).into_any());
    }
    let text = String::from_utf8(rendered.bytes)
        .map_err(|e| pyo3::exceptions::PyValueError::new_err(e.to_string()))?;
    Ok(text.into_pyobject(py)?.into_any())
}

fn write(rendered: Rendered, path: &std::path::Path) -> PyResult<()> {
    std::fs::write(path, rendered.bytes)?;
    Ok(())
}

fn html(rendered: PyResult<Rendered>) -> PyResult<String> {
    String::from_utf8(rendered?.bytes)
        .map_err(|e| pyo3::exceptions::PyValueError::new_err(e.to_string()))
}

/// The SITREP of a project (`scope` its code) or the whole mission (`"mission"`) for `period`
/// (a `Period` or its id): `Sitrep(logframes, results, period, quality=None, scope="mission",
/// audience="internal", locale="en", threshold=None)`. External reports hide disaggregation
/// cells counting fewer than `threshold` persons or records (the core's default when `None`).
#[pyclass(frozen, module = "meal")]
#[derive(Debug)]
pub struct Sitrep(report::Sitrep);

#[pymethods]
impl Sitrep {
    #[new]
    #[pyo3(
        signature = (logframes, results, period, quality = None, scope = Arg::text("mission"), audience = Arg::text("internal"), locale = "en", threshold = None),
        text_signature = r#"(logframes, results, period, quality=None, scope="mission", audience="internal", locale="en", threshold=None)"#
    )]
    #[allow(clippy::too_many_arguments)]
    fn new(
        py: Python<'_>,
        logframes: &Bound<'_, PyAny>,
        results: Arg<PyRef<'_, Results>>,
        period: &Bound<'_, PyAny>,
        quality: Option<Arg<PyRef<'_, QualityReport>>>,
        scope: Arg<String>,
        audience: Arg<String>,
        #[pyo3(from_py_with = args::locale)] locale: &str,
        threshold: Option<Arg<i64>>,
    ) -> PyResult<Self> {
        let logframes = self::logframes(logframes)?;
        let period = self::period(period)?;
        let request = request(
            &scope,
            ("period", serde_json::json!(period)),
            &audience,
            locale,
            threshold.map(Arg::into_inner),
        );
        let request = report::SitrepRequest::from_json(&request).map_err(to_py)?;
        let (results, quality) = (&results.0, quality.as_deref().map(|q| &q.0));
        py.detach(|| report::Sitrep::build(&logframes, results, quality, &request))
            .map(Sitrep)
            .map_err(to_py)
    }

    /// The report in `format` (`markdown`, `html`, `csv`, `json`: `str`; `xlsx`: `bytes`).
    #[pyo3(
        signature = (format = Arg::text("markdown")),
        text_signature = r#"($self, format="markdown")"#
    )]
    fn render<'py>(&self, py: Python<'py>, format: Arg<String>) -> PyResult<Bound<'py, PyAny>> {
        let format = self::format(&format)?;
        output(py, self.0.render(format).map_err(to_py)?, format)
    }

    /// Writes the report to `path` in the format its extension names (`.md`, `.html`, `.csv`,
    /// `.json`, `.xlsx`).
    fn write(&self, path: Arg<PathBuf>) -> PyResult<()> {
        let format = format_of(&path)?;
        write(self.0.render(format).map_err(to_py)?, &path)
    }

    fn _repr_html_(&self) -> PyResult<String> {
        html(self.0.render(Format::Html).map_err(to_py))
    }

    fn __repr__(&self) -> String {
        format!("Sitrep(period={:?})", self.0.request.period.id())
    }
}

/// The annual report of a project or the mission for `year`: each indicator over the year
/// and its quarters. `AnnualReport(logframes, results, year, quality=None, scope="mission",
/// audience="internal", locale="en", threshold=None)`.
#[pyclass(frozen, module = "meal")]
#[derive(Debug)]
pub struct AnnualReport(report::AnnualReport);

#[pymethods]
impl AnnualReport {
    #[new]
    #[pyo3(
        signature = (logframes, results, year, quality = None, scope = Arg::text("mission"), audience = Arg::text("internal"), locale = "en", threshold = None),
        text_signature = r#"(logframes, results, year, quality=None, scope="mission", audience="internal", locale="en", threshold=None)"#
    )]
    #[allow(clippy::too_many_arguments)]
    fn new(
        py: Python<'_>,
        logframes: &Bound<'_, PyAny>,
        results: Arg<PyRef<'_, Results>>,
        year: Arg<i32>,
        quality: Option<Arg<PyRef<'_, QualityReport>>>,
        scope: Arg<String>,
        audience: Arg<String>,
        #[pyo3(from_py_with = args::locale)] locale: &str,
        threshold: Option<Arg<i64>>,
    ) -> PyResult<Self> {
        let logframes = self::logframes(logframes)?;
        let request = request(
            &scope,
            ("year", serde_json::json!(*year)),
            &audience,
            locale,
            threshold.map(Arg::into_inner),
        );
        let request = report::AnnualRequest::from_json(&request).map_err(to_py)?;
        let (results, quality) = (&results.0, quality.as_deref().map(|q| &q.0));
        py.detach(|| report::AnnualReport::build(&logframes, results, quality, &request))
            .map(AnnualReport)
            .map_err(to_py)
    }

    /// The report in `format` (`markdown`, `html`, `csv`, `json`: `str`; `xlsx`: `bytes`).
    #[pyo3(
        signature = (format = Arg::text("markdown")),
        text_signature = r#"($self, format="markdown")"#
    )]
    fn render<'py>(&self, py: Python<'py>, format: Arg<String>) -> PyResult<Bound<'py, PyAny>> {
        let format = self::format(&format)?;
        output(py, self.0.render(format).map_err(to_py)?, format)
    }

    /// Writes the report to `path` in the format its extension names.
    fn write(&self, path: Arg<PathBuf>) -> PyResult<()> {
        let format = format_of(&path)?;
        write(self.0.render(format).map_err(to_py)?, &path)
    }

    fn _repr_html_(&self) -> PyResult<String> {
        html(self.0.render(Format::Html).map_err(to_py))
    }

    fn __repr__(&self) -> String {
        format!("AnnualReport(year={})", self.0.request.year)
    }
}
