//! The indicator engine for Python: recipes, an engine built once and run on many tables
//! (with the GIL released), mergeable partial states that pickle as JSON text, and results
//! with exact `Decimal` figures.

use std::collections::BTreeMap;

use meal_core::compute;
use meal_core::logframe;
use pyo3::prelude::*;
use pyo3::types::PyTuple;

use crate::args::{self, Arg};
use crate::data::{Rejected, Schema, Table};
use crate::error::to_py;
use crate::exact::AwareDateTime;
use crate::finding::Finding;
use crate::json;
use crate::logframe::Logframe;
use crate::period::Period;

/// The decimal fields of a figure.
const FIGURE_DECIMALS: &[&str] = &[
    "value",
    "opening",
    "numerator",
    "denominator",
    "target",
    "achievement",
];

/// How each indicator is computed from records: `Recipes.from_json(text_or_dict)`.
#[pyclass(frozen, module = "meal")]
#[derive(Debug)]
pub struct Recipes {
    recipes: compute::Recipes,
    reading: Vec<meal_core::Finding>,
}

fn read_recipes(document: &Bound<'_, PyAny>) -> PyResult<Recipes> {
    let parsed = compute::Recipes::from_json(&json::to_text(document)?).map_err(to_py)?;
    Ok(Recipes {
        recipes: parsed.value,
        reading: parsed.findings,
    })
}

#[pymethods]
impl Recipes {
    /// Reads a recipes document (JSON text or a dict).
    #[staticmethod]
    fn from_json(document: &Bound<'_, PyAny>) -> PyResult<Self> {
        read_recipes(document)
    }

    /// The indicator codes that have a recipe, in document order.
    #[getter]
    fn indicators(&self) -> Vec<String> {
        self.recipes
            .recipes
            .iter()
            .map(|r| r.indicator.clone())
            .collect()
    }

    /// Reading findings (unknown fields), sorted. Recipe problems against a schema are the
    /// engine's findings.
    #[pyo3(signature = (locale = "en"))]
    fn findings(&self, #[pyo3(from_py_with = args::locale)] locale: &str) -> Vec<Finding> {
        Finding::all(&self.reading, locale)
    }

    fn __repr__(&self) -> String {
        format!("Recipes(recipes={})", self.recipes.recipes.len())
    }
}

/// A logframes argument: `Logframe` objects or logframe documents (JSON text or dicts).
pub fn logframes(items: &Bound<'_, PyAny>) -> PyResult<Vec<logframe::Logframe>> {
    args::items(items, "logframes")?
        .map(|item| {
            let item = item?;
            match item.cast::<Logframe>() {
                Ok(logframe) => Ok(logframe.get().core().clone()),
                Err(_) => logframe::Logframe::from_json(&json::to_text(&item)?)
                    .map(|parsed| parsed.value)
                    .map_err(to_py),
            }
        })
        .collect()
}

/// A period argument: a `Period` or its id.
pub fn period(obj: &Bound<'_, PyAny>) -> PyResult<meal_core::period::Period> {
    match obj.cast::<Period>() {
        Ok(period) => Ok(period.get().0),
        Err(_) => Ok(Period::parse(&args::text_of(obj)?)?.0),
    }
}

/// A computation compiled once — the indicators of `logframes` (`Logframe` objects or
/// documents), `recipes` (`Recipes` or a document), the table `schema` (`Schema` or a
/// document) and `periods` (`Period` objects or ids) — run on many tables. `now` (an aware
/// `datetime`, default the current time) is the clock of `today()`/`now()` in recipes.
#[pyclass(frozen, module = "meal")]
#[derive(Debug)]
pub struct Engine {
    engine: compute::Engine,
    findings: Vec<meal_core::Finding>,
}

impl Engine {
    fn streamed_arrow(&self, records: &Bound<'_, PyAny>) -> PyResult<compute::Streamed> {
        self.streamed_arrow_by(records, crate::arrow::DEFAULT_CHUNK_ROWS)
    }

    /// Arrow data computed by chunks of rows on every core (`compute_arrow`).
    fn streamed_arrow_by(
        &self,
        records: &Bound<'_, PyAny>,
        chunk_rows: usize,
    ) -> PyResult<compute::Streamed> {
        let (batches, arrow_schema) = crate::data::arrow_input(records)?;
        let mut chunks = crate::arrow::BatchChunks::new(batches, chunk_rows);
        records
            .py()
            .detach(|| {
                self.engine
                    .compute_chunks(&mut chunks, |schema, keep, run| {
                        crate::arrow::load_keeping(schema, &arrow_schema, &run, Some(keep))
                    })
            })
            .map_err(to_py)
    }
}

#[pymethods]
impl Engine {
    #[new]
    #[pyo3(signature = (logframes, recipes, schema, periods, now = None))]
    fn new(
        py: Python<'_>,
        logframes: &Bound<'_, PyAny>,
        recipes: &Bound<'_, PyAny>,
        schema: &Bound<'_, PyAny>,
        periods: &Bound<'_, PyAny>,
        now: Option<AwareDateTime>,
    ) -> PyResult<Self> {
        let logframes = self::logframes(logframes)?;
        let recipes = match recipes.cast::<Recipes>() {
            Ok(recipes) => recipes.get().recipes.clone(),
            Err(_) => read_recipes(recipes)?.recipes,
        };
        let schema = Schema::extract(schema)?;
        let periods = args::items(periods, "periods")?
            .map(|p| period(&p?))
            .collect::<PyResult<Vec<_>>>()?;
        let now = crate::clock(now.map(|n| n.0));
        let (engine, findings) = py
            .detach(|| compute::Engine::new(&logframes, &recipes, &schema, &periods, now))
            .map_err(to_py)?;
        Ok(Engine { engine, findings })
    }

    /// Which indicators will not be computed and why (no recipe, qualitative, a recipe
    /// expression that does not fit the schema, …), sorted.
    #[pyo3(signature = (locale = "en"))]
    fn findings(&self, #[pyo3(from_py_with = args::locale)] locale: &str) -> Vec<Finding> {
        Finding::all(&self.findings, locale)
    }

    /// The periods asked for, in order.
    #[getter]
    fn periods(&self) -> Vec<Period> {
        self.engine.periods().iter().copied().map(Period).collect()
    }

    /// The fingerprint every partial state of this engine carries.
    #[getter]
    fn fingerprint(&self) -> &str {
        self.engine.fingerprint()
    }

    /// Every figure over `records`, in one pass (the GIL released): a `Table` (of the engine's
    /// schema, else `compute.schema_mismatch`), or any Arrow data — a pyarrow Table or
    /// RecordBatchReader, a polars or pandas DataFrame, a DuckDB relation — read as
    /// `compute_arrow` reads it. For Arrow data the figures are those of
    /// `compute(Table.from_arrow(records, engine.schema).table)`; rows that could not be typed
    /// are left out, as from that table: `compute_arrow` lists them.
    fn compute(&self, py: Python<'_>, records: &Bound<'_, PyAny>) -> PyResult<Results> {
        if let Ok(table) = records.cast::<Table>() {
            let table = &table.get().0;
            return py
                .detach(|| self.engine.compute(table))
                .map(Results)
                .map_err(to_py);
        }
        Ok(Results(self.streamed_arrow(records)?.results))
    }

    /// Every figure of Arrow data (anything with `__arrow_c_stream__`/`__arrow_c_array__`),
    /// with its rows accounted for as `compute_csv` does (`rows_read == loaded +
    /// len(rejected)`, rows numbered from 1 in stream order). The batches are read in place —
    /// no copy of the producer's buffers — and loaded by runs of about `chunk_rows` rows, each
    /// on a core of its own (the GIL released), into the engine's schema: only the text
    /// columns some recipe reads are kept. Raises `MealError`: `data.not_arrow`,
    /// `data.arrow_unreadable`, `data.missing_column`, `data.unsupported_arrow_type`.
    #[pyo3(signature = (records, chunk_rows = crate::arrow::DEFAULT_CHUNK_ROWS))]
    fn compute_arrow(
        &self,
        py: Python<'_>,
        records: &Bound<'_, PyAny>,
        #[pyo3(from_py_with = args::checked)] chunk_rows: usize,
    ) -> PyResult<Streamed> {
        let streamed = self.streamed_arrow_by(records, chunk_rows)?;
        Ok(Streamed {
            results: Py::new(py, Results(streamed.results))?,
            rows_read: streamed.rows_read,
            loaded: streamed.loaded,
            rejected: streamed.rejected.into_iter().map(Rejected::from).collect(),
            findings: streamed.findings,
        })
    }

    /// The mergeable state of this computation over `records` — a `Table`, or Arrow data read
    /// into the engine's schema (rows that cannot be typed left out) — with the GIL released:
    /// compute partitions in other threads or processes, `merge` the states, then `finalize`.
    fn partial(&self, py: Python<'_>, records: &Bound<'_, PyAny>) -> PyResult<Partial> {
        if let Ok(table) = records.cast::<Table>() {
            let table = &table.get().0;
            return py
                .detach(|| self.engine.partial(table))
                .map(Partial)
                .map_err(to_py);
        }
        let (batches, arrow_schema) = crate::data::arrow_input(records)?;
        let schema = self.engine.schema();
        py.detach(|| {
            let loaded = crate::arrow::load_keeping(schema, &arrow_schema, &batches, None)?;
            self.engine.partial(&loaded.table)
        })
        .map(Partial)
        .map_err(to_py)
    }

    /// Every figure of a CSV file too large to hold, in one call (the GIL released): `source`
    /// is a path (read as it goes), the CSV `bytes` or its text. The file is cut into chunks of
    /// whole records, each loaded and computed on a core of its own, the states merged: the
    /// figures of `compute(Table.from_csv(...).table)` in the memory of a few chunks. Rows
    /// that could not be loaded are in `rejected`, numbered as in the file.
    #[pyo3(signature = (source, chunk_bytes = compute::DEFAULT_CHUNK_BYTES))]
    fn compute_csv(
        &self,
        py: Python<'_>,
        source: &Bound<'_, PyAny>,
        #[pyo3(from_py_with = args::checked)] chunk_bytes: usize,
    ) -> PyResult<Streamed> {
        let streamed = if source.is_instance_of::<pyo3::types::PyString>()
            || source.is_instance_of::<pyo3::types::PyBytes>()
        {
            let bytes = match crate::data::source_bytes(source)? {
                Some(bytes) => bytes,
                None => args::extract::<String>(source, "source")?.into_bytes(),
            };
            py.detach(|| self.engine.compute_csv(bytes.as_slice(), chunk_bytes))
        } else {
            let file = std::fs::File::open(args::source_path(source)?)?;
            py.detach(|| self.engine.compute_csv(file, chunk_bytes))
        }
        .map_err(to_py)?;
        Ok(Streamed {
            results: Py::new(py, Results(streamed.results))?,
            rows_read: streamed.rows_read,
            loaded: streamed.loaded,
            rejected: streamed.rejected.into_iter().map(Rejected::from).collect(),
            findings: streamed.findings,
        })
    }

    /// A state over no rows (the identity of `Partial.merge`).
    fn empty(&self) -> Partial {
        Partial(self.engine.empty())
    }

    /// The figures of a state. `compute.incompatible_partial` for a state of another engine.
    fn finalize(&self, py: Python<'_>, partial: Arg<PyRef<'_, Partial>>) -> PyResult<Results> {
        let partial: &Partial = &partial;
        py.detach(|| self.engine.finalize(&partial.0))
            .map(Results)
            .map_err(to_py)
    }

    fn __repr__(&self) -> String {
        let ids: Vec<String> = self.engine.periods().iter().map(|p| p.id()).collect();
        format!("Engine(periods={ids:?}, findings={})", self.findings.len())
    }
}

/// The figures of a CSV file computed by `Engine.compute_csv`, with its rows accounted for:
/// `rows_read == loaded + len(rejected)`.
#[pyclass(frozen, module = "meal", skip_from_py_object)]
#[derive(Debug)]
pub struct Streamed {
    #[pyo3(get)]
    results: Py<Results>,
    #[pyo3(get)]
    rows_read: u64,
    #[pyo3(get)]
    loaded: u64,
    #[pyo3(get)]
    rejected: Vec<Rejected>,
    findings: Vec<meal_core::Finding>,
}

#[pymethods]
impl Streamed {
    /// Findings about the file as a whole (an unknown or absent column).
    #[pyo3(signature = (locale = "en"))]
    fn findings(&self, #[pyo3(from_py_with = args::locale)] locale: &str) -> Vec<Finding> {
        Finding::all(&self.findings, locale)
    }

    fn __repr__(&self) -> String {
        format!(
            "Streamed(rows_read={}, loaded={}, rejected={})",
            self.rows_read,
            self.loaded,
            self.rejected.len()
        )
    }
}

/// The mergeable state of a computation over some rows. `a.merge(b)` gives a new state
/// (associative and commutative); `to_json()` / `Partial.from_json(text)` carry it across
/// processes, and it pickles as that text (multiprocessing, Dask).
#[pyclass(frozen, module = "meal")]
#[derive(Debug)]
pub struct Partial(compute::Partial);

#[pymethods]
impl Partial {
    /// Reads a state written by `to_json` (also what unpickling calls).
    #[new]
    fn new(json: Arg<String>) -> PyResult<Self> {
        Self::from_json(json)
    }

    /// Reads a state written by `to_json`: `json.malformed`, or `document.invalid` for JSON
    /// that is not a state.
    #[staticmethod]
    fn from_json(json: Arg<String>) -> PyResult<Self> {
        compute::Partial::from_json(&json)
            .map(Partial)
            .map_err(to_py)
    }

    /// JSON text of the state; equal states give equal text.
    fn to_json(&self) -> String {
        self.0.to_json()
    }

    /// A new state: this one and `other` together. `compute.incompatible_partial` when
    /// `other` comes from another engine.
    fn merge(&self, py: Python<'_>, other: Arg<PyRef<'_, Partial>>) -> PyResult<Partial> {
        let other: &Partial = &other;
        py.detach(|| {
            let mut merged = self.0.clone();
            merged.merge(&other.0).map(|()| Partial(merged))
        })
        .map_err(to_py)
    }

    /// Rows read into this state.
    #[getter]
    fn rows_read(&self) -> u64 {
        self.0.rows_read
    }

    /// The fingerprint of the engine that made the state.
    #[getter]
    fn engine(&self) -> &str {
        &self.0.engine
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyTuple>> {
        let args = PyTuple::new(slf.py(), [slf.get().0.to_json()])?;
        PyTuple::new(slf.py(), [slf.get_type().into_any(), args.into_any()])
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other
            .cast::<Partial>()
            .is_ok_and(|o| o.get().0.to_json() == self.0.to_json())
    }

    fn __repr__(&self) -> String {
        format!("Partial(rows_read={})", self.0.rows_read)
    }
}

/// All figures of one computation: `figures` (dicts with exact `Decimal` values),
/// `figure(indicator, period, cell)`, `sources`, `findings()`, `to_json()`; a table of the
/// totals in notebooks.
#[pyclass(frozen, module = "meal")]
#[derive(Debug)]
pub struct Results(pub compute::Results);

#[pymethods]
impl Results {
    /// Reads results written by `to_json`: `json.malformed`, or `document.invalid`.
    #[staticmethod]
    fn from_json(json: Arg<String>) -> PyResult<Self> {
        json::from_text(&json, "results")
            .map(Results)
            .map_err(to_py)
    }

    /// The results as JSON text (decimals as strings, periods as ids).
    fn to_json(&self) -> PyResult<String> {
        serde_json::to_string(&self.0)
            .map_err(|e| pyo3::exceptions::PyValueError::new_err(e.to_string()))
    }

    /// The periods asked for.
    #[getter]
    fn periods(&self) -> Vec<Period> {
        self.0.periods.iter().copied().map(Period).collect()
    }

    /// Every figure as a dict: `indicator`, `period` (id), `cell` (dimension → category;
    /// `{}` for the total), `value`, `opening` (running totals only), `numerator`, `denominator`, `target`, `achievement`
    /// (`Decimal` or `None`), `status`, `rows` (`in_window`, `matched`, `without_value`).
    #[getter]
    fn figures<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json::with_decimals(py, &self.0.figures, FIGURE_DECIMALS)
    }

    /// The figure of `indicator` in `period` (a `Period` or its id) and `cell` (`None` or `{}`
    /// for the total), as in `figures`; `None` when there is none.
    #[pyo3(signature = (indicator, period, cell = None))]
    fn figure<'py>(
        &self,
        py: Python<'py>,
        indicator: Arg<String>,
        period: &Bound<'py, PyAny>,
        cell: Option<Arg<BTreeMap<String, String>>>,
    ) -> PyResult<Option<Bound<'py, PyAny>>> {
        let period = self::period(period)?;
        self.0
            .figure(&indicator, &period, &cell.unwrap_or_default())
            .map(|figure| json::with_decimals(py, figure, FIGURE_DECIMALS))
            .transpose()
    }

    /// Where the figures come from: `rows_read`, `rows_without_date`, `documents`
    /// (name → fingerprint), `engine`.
    #[getter]
    fn sources<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json::from_serde(py, &self.0.sources)
    }

    /// Why an indicator was not computed, and recipe problems, sorted.
    #[pyo3(signature = (locale = "en"))]
    fn findings(&self, #[pyo3(from_py_with = args::locale)] locale: &str) -> Vec<Finding> {
        Finding::all(&self.0.findings, locale)
    }

    fn __len__(&self) -> usize {
        self.0.figures.len()
    }

    fn __repr__(&self) -> String {
        format!(
            "Results(periods={}, figures={}, rows_read={})",
            self.0.periods.len(),
            self.0.figures.len(),
            self.0.sources.rows_read
        )
    }

    /// The totals (one row per indicator and period) as an HTML table with a progress bar
    /// toward each target and the status in words and colour (built by `meal._html.results`).
    fn _repr_html_(slf: &Bound<'_, Self>) -> PyResult<String> {
        crate::html::render(slf.as_any(), "results")
    }
}
