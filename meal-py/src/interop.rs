//! Interoperability for Python: IATI 2.03 results export and import, HXL column selection,
//! the MANO case-tool export read into typed tables, and schema-to-schema migration with a
//! reconciliation in which every input record is migrated or rejected.

use chrono::{DateTime, FixedOffset};
use meal_core::interop::{hxl, iati, mano, migration};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyTuple};

use crate::args::{self, Arg};
use crate::compute::{logframes, Results};
use crate::data::{Loaded, Rejected, Schema, Table};
use crate::error::to_py;
use crate::finding::Finding;
use crate::json;
use crate::plan::{row, workbook};

// ---- IATI

/// A results argument: `Results`, its JSON text, or `None`.
fn results_of(results: Option<&Bound<'_, PyAny>>) -> PyResult<Option<meal_core::compute::Results>> {
    let Some(results) = results else {
        return Ok(None);
    };
    if results.is_none() {
        return Ok(None);
    }
    match results.cast::<Results>() {
        Ok(results) => Ok(Some(results.get().0.clone())),
        Err(_) => json::from_text(&json::to_text(results)?, "results")
            .map(Some)
            .map_err(to_py),
    }
}

/// An IATI request: a dict or its JSON text — `organisation` (`ref`, `type`, `name`
/// `{"en", "fr"}`), `activity_prefix`, `generated` (RFC 3339), `periods` (ids).
fn request_of(request: &Bound<'_, PyAny>) -> PyResult<iati::IatiRequest> {
    iati::IatiRequest::from_json(&json::to_text(request)?).map_err(to_py)
}

/// IATI 2.03 `iati-activities`: one activity per logframe with its results (result →
/// indicator → baseline → period target/actual with dimensions).
/// `IatiActivities.from_logframes(logframes, results, request)` or
/// `IatiActivities.from_xml(text)`; `to_xml()` writes the file, `to_dict()` / `to_json()`
/// give the structure (decimals and dates as strings).
#[pyclass(frozen, module = "meal")]
#[derive(Debug)]
pub struct IatiActivities(iati::Activities);

#[pymethods]
impl IatiActivities {
    /// The activities of `logframes` (objects or documents) with the figures of `results`
    /// (`Results`, its JSON text, or `None` for targets only) for `request["periods"]`.
    /// `iati.*` for what the IATI rules forbid.
    #[staticmethod]
    #[pyo3(signature = (logframes, results, request))]
    fn from_logframes(
        py: Python<'_>,
        logframes: &Bound<'_, PyAny>,
        results: Option<&Bound<'_, PyAny>>,
        request: &Bound<'_, PyAny>,
    ) -> PyResult<Self> {
        let logframes = self::logframes(logframes)?;
        let results = results_of(results)?;
        let request = request_of(request)?;
        py.detach(|| iati::Activities::from_logframes(&logframes, results.as_ref(), &request))
            .map(IatiActivities)
            .map_err(to_py)
    }

    /// Reads an IATI activities file: `iati.malformed` (not XML), `iati.invalid` (an element
    /// or attribute the model needs is missing or wrong).
    #[staticmethod]
    fn from_xml(py: Python<'_>, xml: Arg<String>) -> PyResult<Self> {
        py.detach(|| iati::Activities::from_xml(&xml))
            .map(IatiActivities)
            .map_err(to_py)
    }

    /// The IATI 2.03 XML document.
    fn to_xml(&self) -> String {
        self.0.to_xml()
    }

    /// Reads the structure from `to_json`'s text or `to_dict`'s dict: `json.malformed`,
    /// `document.invalid`.
    #[staticmethod]
    fn from_json(document: &Bound<'_, PyAny>) -> PyResult<Self> {
        iati::Activities::from_json(&json::to_text(document)?)
            .map(IatiActivities)
            .map_err(to_py)
    }

    /// The structure as JSON text (as the `iati.import` vectors write it).
    fn to_json(&self) -> String {
        self.0.to_json()
    }

    /// The structure as a dict (its JSON form).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json::from_serde(py, &self.0)
    }

    /// `iati-activities/@generated-datetime`.
    #[getter]
    fn generated(&self) -> DateTime<FixedOffset> {
        self.0.generated
    }

    /// The activity identifiers, in order.
    #[getter]
    fn identifiers(&self) -> Vec<String> {
        self.0
            .activities
            .iter()
            .map(|a| a.identifier.clone())
            .collect()
    }

    fn __len__(&self) -> usize {
        self.0.activities.len()
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other
            .cast::<IatiActivities>()
            .is_ok_and(|o| o.get().0 == self.0)
    }

    fn __repr__(&self) -> String {
        format!("IatiActivities(activities={:?})", self.identifiers())
    }
}

/// The IATI 2.03 XML of `logframes` and `results` (see `IatiActivities.from_logframes`).
#[pyfunction]
#[pyo3(signature = (logframes, results, request))]
pub fn iati_export(
    py: Python<'_>,
    logframes: &Bound<'_, PyAny>,
    results: Option<&Bound<'_, PyAny>>,
    request: &Bound<'_, PyAny>,
) -> PyResult<String> {
    Ok(IatiActivities::from_logframes(py, logframes, results, request)?.to_xml())
}

// ---- HXL

/// The names of `schema`'s columns (a `Schema` or a document) whose HXL hashtag matches
/// `pattern` (`#affected+f-adult`: the tag, attributes present, attributes absent), in column
/// order. `hxl.invalid_pattern` for a pattern that cannot be read.
///
/// >>> columns = [{"name": "girls", "type": "integer", "hxl": "#affected+f+children"},
/// ...            {"name": "site", "type": "text", "hxl": "#loc+name"}]
/// >>> hxl_columns({"format_version": 1, "columns": columns}, "#affected+f-adult")
/// ['girls']
#[pyfunction]
pub fn hxl_columns(schema: &Bound<'_, PyAny>, pattern: Arg<String>) -> PyResult<Vec<String>> {
    let schema = Schema::extract(schema)?;
    let pattern = hxl::Pattern::parse(&pattern).map_err(to_py)?;
    Ok(hxl::columns_matching(&schema, &pattern))
}

// ---- MANO

/// A MANO `data.xlsx` export read into typed tables: `export["personnes suivies"]` is a
/// `Loaded` (every row loaded or rejected), `names` the sheets in workbook order,
/// `findings()` what concerns the workbook as a whole (unknown sheet or column).
#[pyclass(frozen, module = "meal", skip_from_py_object)]
#[derive(Debug)]
pub struct ManoExport {
    names: Vec<String>,
    sheets: Py<PyDict>,
    findings: Vec<meal_core::Finding>,
}

#[pymethods]
impl ManoExport {
    /// Sheet name → `Loaded`, in workbook order.
    #[getter]
    fn sheets(&self, py: Python<'_>) -> Py<PyDict> {
        self.sheets.clone_ref(py)
    }

    /// The sheet names, in workbook order.
    #[getter]
    fn names(&self) -> Vec<String> {
        self.names.clone()
    }

    /// Workbook-level findings, sorted.
    #[pyo3(signature = (locale = "en"))]
    fn findings(&self, #[pyo3(from_py_with = args::locale)] locale: &str) -> Vec<Finding> {
        Finding::all(&self.findings, locale)
    }

    fn __getitem__<'py>(&self, py: Python<'py>, name: Arg<String>) -> PyResult<Bound<'py, PyAny>> {
        self.sheets.bind(py).as_any().get_item(&*name)
    }

    fn __contains__(&self, name: Arg<String>) -> bool {
        self.names.contains(&name)
    }

    fn __iter__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(PyList::new(py, &self.names)?.try_iter()?.into_any())
    }

    fn __len__(&self) -> usize {
        self.names.len()
    }

    fn __repr__(&self) -> String {
        format!("ManoExport(sheets={:?})", self.names)
    }
}

/// Reads a MANO `data.xlsx` export (a path or its bytes); `config` is the organisation's
/// custom-field configuration (JSON text or a dict/list), which types its custom fields.
/// `mano.unreadable` when the workbook cannot be read.
#[pyfunction]
#[pyo3(signature = (source, config = None))]
pub fn read_mano_export(
    py: Python<'_>,
    source: &Bound<'_, PyAny>,
    config: Option<&Bound<'_, PyAny>>,
) -> PyResult<ManoExport> {
    let bytes = workbook(source)?;
    let config = config.map(json::to_text).transpose()?;
    let export = py
        .detach(|| mano::read_export(&bytes, config.as_deref()))
        .map_err(to_py)?;
    let sheets = PyDict::new(py);
    let mut names = Vec::new();
    for sheet in export.sheets {
        sheets.set_item(&sheet.name, Loaded::new(py, sheet.loaded)?)?;
        names.push(sheet.name);
    }
    Ok(ManoExport {
        names,
        sheets: sheets.unbind(),
        findings: export.findings,
    })
}

// ---- migration

/// A declarative migration from one tool's export to another tool's schema (renames, value
/// maps, type conversions, splits and merges of fields, defaults):
/// `Mapping.from_json(text_or_dict)`; `check(source_schema)` finds what cannot work,
/// `migrate(loaded)` gives `(table, reconciliation)`.
#[pyclass(frozen, module = "meal")]
#[derive(Debug)]
pub struct Mapping {
    mapping: migration::Mapping,
    reading: Vec<meal_core::Finding>,
}

#[pymethods]
impl Mapping {
    /// Reads a mapping document: JSON text, or a dict.
    #[staticmethod]
    fn from_json(document: &Bound<'_, PyAny>) -> PyResult<Self> {
        let parsed = migration::Mapping::from_json(&json::to_text(document)?).map_err(to_py)?;
        Ok(Mapping {
            mapping: parsed.value,
            reading: parsed.findings,
        })
    }

    /// What reading found (unknown fields), sorted.
    #[pyo3(signature = (locale = "en"))]
    fn findings(&self, #[pyo3(from_py_with = args::locale)] locale: &str) -> Vec<Finding> {
        Finding::all(&self.reading, locale)
    }

    /// The mapping against the source schema (a `Schema` or a document): an unknown source
    /// column, a target column with no rule, …
    #[pyo3(signature = (schema, locale = "en"))]
    fn check(
        &self,
        schema: &Bound<'_, PyAny>,
        #[pyo3(from_py_with = args::locale)] locale: &str,
    ) -> PyResult<Vec<Finding>> {
        let schema = Schema::extract(schema)?;
        Ok(Finding::all(&self.mapping.check(&schema), locale))
    }

    /// Migrates the loaded source records: `(table, reconciliation)`, where every input record
    /// is migrated or rejected (`rows_read == migrated + len(rejected)`; load rejections are
    /// carried in).
    fn migrate<'py>(
        &self,
        py: Python<'py>,
        loaded: Arg<PyRef<'_, Loaded>>,
    ) -> PyResult<Bound<'py, PyTuple>> {
        let source = loaded.core();
        let migration = py.detach(|| self.mapping.migrate(&source)).map_err(to_py)?;
        let table = Py::new(py, Table(migration.table))?;
        let reconciliation = Py::new(py, Reconciliation(migration.reconciliation))?;
        PyTuple::new(py, [table.into_any(), reconciliation.into_any()])
    }

    /// The schema records are migrated into.
    #[getter]
    fn target(&self) -> Schema {
        Schema::new(self.mapping.target.clone())
    }

    /// The canonical JSON text (`Mapping.from_json` reads it back identically).
    fn to_json(&self) -> String {
        self.mapping.to_json()
    }

    fn __repr__(&self) -> String {
        format!(
            "Mapping(target_columns={}, rules={})",
            self.mapping.target.columns.len(),
            self.mapping.columns.len()
        )
    }
}

/// The accounting of a migration: `rows_read` records in, `migrated` out, and every other
/// one in `rejected` (its 1-based source `row` and why); `findings()` are warnings about
/// records that were migrated.
#[pyclass(frozen, module = "meal")]
#[derive(Debug)]
pub struct Reconciliation(migration::Reconciliation);

#[pymethods]
impl Reconciliation {
    /// Records in the source (loaded or rejected at load).
    #[getter]
    fn rows_read(&self) -> u64 {
        self.0.rows_read
    }

    /// Records migrated.
    #[getter]
    fn migrated(&self) -> u64 {
        self.0.migrated
    }

    /// Records rejected at load or by the mapping, in source order.
    #[getter]
    fn rejected(&self) -> Vec<Rejected> {
        self.0
            .rejected
            .iter()
            .map(|r| {
                Rejected::from(meal_core::data::Rejected {
                    row: r.source_row,
                    findings: r.findings.clone(),
                })
            })
            .collect()
    }

    /// Warnings about migrated records, sorted as the core gives them.
    #[pyo3(signature = (locale = "en"))]
    fn findings(&self, #[pyo3(from_py_with = args::locale)] locale: &str) -> Vec<Finding> {
        Finding::all(&self.0.findings, locale)
    }

    /// The reconciliation as JSON text.
    fn to_json(&self) -> PyResult<String> {
        serde_json::to_string(&self.0)
            .map_err(|e| pyo3::exceptions::PyValueError::new_err(e.to_string()))
    }

    /// The reconciliation as a dict (its JSON form).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json::from_serde(py, &self.0)
    }

    fn __repr__(&self) -> String {
        format!(
            "Reconciliation(rows_read={}, migrated={}, rejected={})",
            self.0.rows_read,
            self.0.migrated,
            self.0.rejected.len()
        )
    }

    /// Counts in and out, then each rejected record with its codes.
    fn _repr_html_(&self) -> String {
        let mut html = String::from("<table><thead>");
        html.push_str(&row(&["rows read", "migrated", "rejected"], "th"));
        html.push_str("</thead><tbody>");
        html.push_str(&row(
            &[
                self.0.rows_read.to_string(),
                self.0.migrated.to_string(),
                self.0.rejected.len().to_string(),
            ],
            "td",
        ));
        html.push_str("</tbody></table>");
        if !self.0.rejected.is_empty() {
            html.push_str("<table><thead>");
            html.push_str(&row(&["source row", "codes"], "th"));
            html.push_str("</thead><tbody>");
            for rejected in &self.0.rejected {
                let codes: Vec<&str> = rejected.findings.iter().map(|f| f.code.as_str()).collect();
                html.push_str(&row(
                    &[rejected.source_row.to_string(), codes.join(", ")],
                    "td",
                ));
            }
            html.push_str("</tbody></table>");
        }
        html
    }
}
