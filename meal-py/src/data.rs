//! Record tables for Python: schemas (a JSON document, or derived from a form), CSV and JSON
//! lines loading with every input row accounted for, selection and JSON lines output.
//!
//! Named so that `Table.from_arrow` (issue 8) sits next to `Table.from_csv` and
//! `Table.from_json_lines`.

use meal_core::data;
use pyo3::exceptions::PyImportError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyCapsule, PyString};

use crate::args::{self, Arg};
use crate::error::to_py;
use crate::finding::Finding;
use crate::form::Form;
use crate::json;

/// The declared columns of a table: `Schema.from_json(text_or_dict)` or
/// `Schema.from_form(form)`.
#[pyclass(frozen, module = "meal")]
#[derive(Debug)]
pub struct Schema {
    schema: data::Schema,
    reading: Vec<meal_core::Finding>,
}

impl Schema {
    /// A schema the core made (a migration's target).
    pub fn new(schema: data::Schema) -> Self {
        Schema {
            schema,
            reading: Vec::new(),
        }
    }

    pub fn core(&self) -> &data::Schema {
        &self.schema
    }

    /// A schema argument: a `Schema`, or a schema document (JSON text or a dict).
    pub fn extract(obj: &Bound<'_, PyAny>) -> PyResult<data::Schema> {
        match obj.cast::<Schema>() {
            Ok(schema) => Ok(schema.get().schema.clone()),
            Err(_) => Ok(read(obj)?.schema),
        }
    }
}

fn read(document: &Bound<'_, PyAny>) -> PyResult<Schema> {
    let parsed = data::Schema::from_json(&json::to_text(document)?).map_err(to_py)?;
    Ok(Schema {
        schema: parsed.value,
        reading: parsed.findings,
    })
}

/// One declared column: `name`, `type` (`text`, `choices`, `integer`, `decimal`, `boolean`,
/// `date`, `date_time`) and `required`.
#[pyclass(frozen, module = "meal", get_all, eq, hash, skip_from_py_object)]
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Column {
    name: String,
    #[pyo3(name = "type")]
    column_type: &'static str,
    required: bool,
    /// The HXL hashtag declared on the column (`#affected+f`), if any.
    hxl: Option<String>,
}

#[pymethods]
impl Column {
    fn __repr__(&self) -> String {
        format!(
            "Column(name={:?}, type={:?}, required={})",
            self.name,
            self.column_type,
            if self.required { "True" } else { "False" }
        )
    }
}

#[pymethods]
impl Schema {
    /// Reads a schema document (JSON text or a dict).
    #[staticmethod]
    fn from_json(document: &Bound<'_, PyAny>) -> PyResult<Self> {
        read(document)
    }

    /// The columns of a form's submissions (top-level value fields and metadata).
    /// `form.not_compilable` when the form could not be built.
    #[staticmethod]
    fn from_form(form: Arg<PyRef<'_, Form>>) -> PyResult<Self> {
        Ok(Schema {
            schema: data::Schema::from_form(form.compiled()?),
            reading: Vec::new(),
        })
    }

    /// The columns, in order.
    #[getter]
    fn columns(&self) -> Vec<Column> {
        self.schema
            .columns
            .iter()
            .map(|c| Column {
                name: c.name.clone(),
                column_type: c.column_type.name(),
                required: c.required,
                hxl: c.hxl.clone(),
            })
            .collect()
    }

    /// Reading findings (unknown fields) and duplicate or blank column names, sorted.
    #[pyo3(signature = (locale = "en"))]
    fn findings(&self, #[pyo3(from_py_with = args::locale)] locale: &str) -> Vec<Finding> {
        Finding::all(&self.reading, locale)
    }

    /// The schema document as JSON text (it round-trips).
    fn to_json(&self) -> String {
        self.schema.to_json()
    }

    fn __len__(&self) -> usize {
        self.schema.columns.len()
    }

    fn __repr__(&self) -> String {
        let names: Vec<&str> = self
            .schema
            .columns
            .iter()
            .map(|c| c.name.as_str())
            .collect();
        format!("Schema(columns={names:?})")
    }
}

/// Records typed by a schema, column by column: `Table.from_csv(schema, source)` or
/// `Table.from_json_lines(schema, source)` give a `Loaded` with the table and the rejected
/// rows.
///
/// >>> schema = Schema.from_json({"format_version": 1, "columns": [{"name": "n", "type": "integer"}]})
/// >>> loaded = Table.from_csv(schema, "n\n1\nx\n")
/// >>> loaded.rows_read, len(loaded.table), [(r.row, r.codes) for r in loaded.rejected]
/// (2, 1, [(2, ['data.not_integer'])])
#[pyclass(frozen, module = "meal")]
#[derive(Debug)]
pub struct Table(pub data::Table);

/// A loaded table with every input row accounted for:
/// `rows_read == len(table) + len(rejected)`.
#[pyclass(frozen, module = "meal", skip_from_py_object)]
#[derive(Debug)]
pub struct Loaded {
    #[pyo3(get)]
    table: Py<Table>,
    #[pyo3(get)]
    rows_read: u64,
    #[pyo3(get)]
    rejected: Vec<Rejected>,
    findings: Vec<meal_core::Finding>,
}

/// An input row that could not be loaded: its 1-based `row` number and why.
#[pyclass(frozen, module = "meal", skip_from_py_object)]
#[derive(Debug, Clone)]
pub struct Rejected {
    #[pyo3(get)]
    row: u64,
    findings: Vec<meal_core::Finding>,
}

impl From<data::Rejected> for Rejected {
    fn from(rejected: data::Rejected) -> Self {
        Rejected {
            row: rejected.row,
            findings: rejected.findings,
        }
    }
}

impl Loaded {
    pub(crate) fn new(py: Python<'_>, loaded: data::Loaded) -> PyResult<Self> {
        Ok(Loaded {
            table: Py::new(py, Table(loaded.table))?,
            rows_read: loaded.rows_read,
            rejected: loaded.rejected.into_iter().map(Rejected::from).collect(),
            findings: loaded.findings,
        })
    }

    /// The core's loaded table (the table copied), for operations that read the rejected rows
    /// too (quality checks).
    pub fn core(&self) -> data::Loaded {
        data::Loaded {
            table: self.table.get().0.clone(),
            rejected: self
                .rejected
                .iter()
                .map(|r| data::Rejected {
                    row: r.row,
                    findings: r.findings.clone(),
                })
                .collect(),
            rows_read: self.rows_read,
            findings: self.findings.clone(),
        }
    }
}

/// Input bytes: `bytes` as given, an `os.PathLike` read from disk; `None` for a `str`.
pub(crate) fn source_bytes(source: &Bound<'_, PyAny>) -> PyResult<Option<Vec<u8>>> {
    if source.is_instance_of::<PyString>() {
        return Ok(None);
    }
    if let Ok(bytes) = source.cast::<PyBytes>() {
        return Ok(Some(bytes.as_bytes().to_vec()));
    }
    Ok(Some(std::fs::read(args::source_path(source)?)?))
}

/// The record batches of an object that exports Arrow (`__arrow_c_stream__` or
/// `__arrow_c_array__`), zero-copy: the buffers stay the producer's. `data.not_arrow` when it
/// exports neither, `data.arrow_unreadable` when the stream fails (an `ImportError` from the
/// producer — pandas without pyarrow — is kept as is).
pub(crate) fn arrow_input(
    data: &Bound<'_, PyAny>,
) -> PyResult<(Vec<arrow_array::RecordBatch>, arrow_schema::SchemaRef)> {
    let exports = data.hasattr("__arrow_c_stream__")? || data.hasattr("__arrow_c_array__")?;
    if !exports {
        return Err(to_py(meal_core::MealError::new("data.not_arrow")));
    }
    let py = data.py();
    let unreadable = |e: PyErr| {
        if e.is_instance_of::<PyImportError>(py) {
            e
        } else {
            to_py(meal_core::MealError::new("data.arrow_unreadable").with("detail", e))
        }
    };
    let input: pyo3_arrow::input::AnyRecordBatch = data.extract().map_err(unreadable)?;
    let table = input.into_table().map_err(|e| unreadable(PyErr::from(e)))?;
    Ok(table.into_inner())
}

#[pymethods]
impl Table {
    /// Reads CSV (header row, `,`, UTF-8) typed by `schema` (a `Schema`, or a schema document):
    /// `source` is the CSV text (`str`), its `bytes`, or a path (`pathlib.Path`). Rows that
    /// cannot be typed are in `Loaded.rejected`; raises `MealError` only when the input is not
    /// a table at all (`data.no_header`, `data.missing_column`, …).
    #[staticmethod]
    fn from_csv(
        py: Python<'_>,
        schema: &Bound<'_, PyAny>,
        source: &Bound<'_, PyAny>,
    ) -> PyResult<Loaded> {
        let schema = Schema::extract(schema)?;
        let loaded = match source_bytes(source)? {
            None => {
                let text: String = args::extract(source, "source")?;
                py.detach(|| data::Table::from_csv(&schema, &text))
            }
            Some(bytes) => py.detach(|| data::Table::from_csv_bytes(&schema, &bytes)),
        }
        .map_err(to_py)?;
        Loaded::new(py, loaded)
    }

    /// Reads JSON lines (one object per line) typed by `schema`: `source` is the text, its
    /// UTF-8 `bytes`, or a path.
    #[staticmethod]
    fn from_json_lines(
        py: Python<'_>,
        schema: &Bound<'_, PyAny>,
        source: &Bound<'_, PyAny>,
    ) -> PyResult<Loaded> {
        let schema = Schema::extract(schema)?;
        let text: String = match source_bytes(source)? {
            None => args::extract(source, "source")?,
            Some(bytes) => args::utf8(bytes, "source")?,
        };
        let loaded = py
            .detach(|| data::Table::from_json_lines(&schema, &text))
            .map_err(to_py)?;
        Loaded::new(py, loaded)
    }

    /// Reads Arrow data — any object with `__arrow_c_stream__` or `__arrow_c_array__` (a
    /// pyarrow Table or RecordBatchReader, a polars or pandas DataFrame, a DuckDB relation) —
    /// typed by `schema` (columns by name; extra columns are a `data.unknown_column` finding)
    /// or, without one, by the Arrow types (`meal.type`/`hxl` field metadata kept). Rows that
    /// cannot be typed (a null in a required column, NaN, a uint64 beyond i64) are in
    /// `Loaded.rejected`, as with CSV. Raises `MealError`: `data.not_arrow`,
    /// `data.missing_column`, `data.unsupported_arrow_type`, `data.arrow_unreadable`.
    ///
    /// >>> import pyarrow as pa
    /// >>> loaded = Table.from_arrow(pa.table({"n": [1, None]}))
    /// >>> loaded.rows_read, loaded.table.schema.columns[0].type
    /// (2, 'integer')
    #[staticmethod]
    #[pyo3(signature = (data, schema = None))]
    fn from_arrow(
        py: Python<'_>,
        data: &Bound<'_, PyAny>,
        schema: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Loaded> {
        let schema = schema.map(Schema::extract).transpose()?;
        let (batches, arrow_schema) = arrow_input(data)?;
        let loaded = py
            .detach(|| crate::arrow::load(schema, &arrow_schema, &batches))
            .map_err(to_py)?;
        Loaded::new(py, loaded)
    }

    /// The Arrow C stream of the table (one record batch), so `pyarrow.table(t)`,
    /// `polars.DataFrame(t)` and DuckDB read it: text as dictionary<int32, utf8>, integers as
    /// int64, decimals as decimal128(38, largest scale), dates as date32, timestamps as
    /// timestamp[us, UTC].
    #[pyo3(signature = (requested_schema = None))]
    fn __arrow_c_stream__<'py>(
        &self,
        py: Python<'py>,
        requested_schema: Option<Arg<Bound<'py, PyCapsule>>>,
    ) -> PyResult<Bound<'py, PyCapsule>> {
        use arrow_array::{ArrayRef, StructArray};
        let batch = py
            .detach(|| crate::arrow::to_batch(&self.0))
            .map_err(to_py)?;
        let fields = batch.schema().fields().clone();
        let array: ArrayRef = std::sync::Arc::new(StructArray::from(batch));
        let field = arrow_schema::Field::new_struct("", fields, false);
        let reader = pyo3_arrow::ffi::ArrayIterator::new(
            std::iter::once(Ok(array)),
            std::sync::Arc::new(field),
        );
        Ok(pyo3_arrow::ffi::to_stream_pycapsule(
            py,
            Box::new(reader),
            requested_schema.map(Arg::into_inner),
        )?)
    }

    /// The table as a `pyarrow.Table` (needs pyarrow).
    fn to_arrow<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
        needs(slf.py(), "pyarrow", "to_arrow")?.call_method1("table", (slf,))
    }

    /// The table as a pandas DataFrame (needs pandas and pyarrow): text columns categorical,
    /// integers and booleans as pandas' nullable `Int64` and `boolean` (an empty cell stays
    /// `<NA>` instead of turning the column into floats or objects).
    fn to_pandas<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
        let py = slf.py();
        let pd = needs(py, "pandas", "to_pandas")?;
        let table = Self::to_arrow(slf)?;
        let pa = py.import("pyarrow")?;
        let mapper = pyo3::types::PyDict::new(py);
        mapper.set_item(pa.call_method0("int64")?, pd.call_method0("Int64Dtype")?)?;
        mapper.set_item(pa.call_method0("bool_")?, pd.call_method0("BooleanDtype")?)?;
        let kwargs = pyo3::types::PyDict::new(py);
        kwargs.set_item("types_mapper", mapper.getattr("get")?)?;
        table.call_method("to_pandas", (), Some(&kwargs))
    }

    /// The table as a polars DataFrame (needs polars): text columns categorical.
    fn to_polars<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
        needs(slf.py(), "polars", "to_polars")?.call_method1("DataFrame", (slf,))
    }

    /// The schema.
    #[getter]
    fn schema(&self) -> Schema {
        Schema {
            schema: self.0.schema().clone(),
            reading: Vec::new(),
        }
    }

    /// The column names, in order.
    #[getter]
    fn columns(&self) -> Vec<String> {
        self.0
            .schema()
            .columns
            .iter()
            .map(|c| c.name.clone())
            .collect()
    }

    /// The 1-based input row number of each row.
    #[getter]
    fn source_rows(&self) -> Vec<u64> {
        self.0.source_rows().to_vec()
    }

    /// A new table of the rows at `rows` (0-based positions, in that order; positions past
    /// the end skipped), keeping their input row numbers: partitions for parallel work.
    fn select(&self, rows: Arg<Vec<usize>>) -> Table {
        Table(self.0.select(&rows))
    }

    /// A new table of the columns `selectors` pick, in the order given: a column name, or an
    /// HXL tag pattern (`#affected+f`, `#*+children`, `#org-code`) for every column whose
    /// hashtag matches it, in column order; a column picked twice is kept once. Rows and their
    /// input numbers are unchanged. Raises `MealError`: `data.no_such_column`,
    /// `hxl.invalid_pattern`, `hxl.no_column_matches`.
    ///
    /// >>> doc = {"format_version": 1, "columns": [{"name": "site", "type": "text"},
    /// ...     {"name": "women", "type": "integer", "hxl": "#reached+f+adult"},
    /// ...     {"name": "girls", "type": "integer", "hxl": "#reached+f+children"}]}
    /// >>> t = Table.from_csv(Schema.from_json(doc), "site,women,girls\nCalais,3,4\n").table
    /// >>> t.select_columns(["site", "#reached+f"]).columns
    /// ['site', 'women', 'girls']
    fn select_columns(&self, py: Python<'_>, selectors: Arg<Vec<String>>) -> PyResult<Table> {
        py.detach(|| meal_core::interop::hxl::select_columns(&self.0, &selectors))
            .map(Table)
            .map_err(to_py)
    }

    /// The names of the columns whose HXL hashtag matches `pattern` (`#reached+f`), in column
    /// order (empty when none does). `hxl.invalid_pattern` for a malformed pattern.
    fn columns_matching(&self, pattern: Arg<String>) -> PyResult<Vec<String>> {
        let pattern = meal_core::interop::hxl::Pattern::parse(&pattern).map_err(to_py)?;
        Ok(meal_core::interop::hxl::columns_matching(
            self.0.schema(),
            &pattern,
        ))
    }

    /// One object per row, keys in schema order, decimals as strings, `\n` after each line.
    fn to_json_lines(&self) -> String {
        self.0.to_json_lines()
    }

    /// The table as CSV (RFC 4180): the header row, then — when `hxl` and a column declares
    /// an HXL hashtag in the schema — the hashtag row, then the rows (values as
    /// `to_json_lines` shows them).
    #[pyo3(signature = (hxl = true))]
    fn to_csv(
        &self,
        py: Python<'_>,
        #[pyo3(from_py_with = args::checked)] hxl: bool,
    ) -> PyResult<String> {
        if hxl {
            return Ok(py.detach(|| meal_core::interop::hxl::to_csv(&self.0)));
        }
        let mut schema = self.0.schema().clone();
        for column in &mut schema.columns {
            column.hxl = None;
        }
        let plain = data::Table::from_columns(
            schema,
            self.0.columns().to_vec(),
            self.0.source_rows().to_vec(),
        )
        .map_err(to_py)?;
        Ok(py.detach(|| meal_core::interop::hxl::to_csv(&plain)))
    }

    fn __len__(&self) -> usize {
        self.0.len()
    }

    fn __repr__(&self) -> String {
        format!(
            "Table(rows={}, columns={})",
            self.0.len(),
            self.0.schema().columns.len()
        )
    }
}

/// The module `name`, or an `ImportError` saying which method needs it.
fn needs<'py>(py: Python<'py>, name: &str, method: &str) -> PyResult<Bound<'py, PyModule>> {
    py.import(name).map_err(|_| {
        PyImportError::new_err(format!("Table.{method}() needs {name}: pip install {name}"))
    })
}

#[pymethods]
impl Loaded {
    /// Findings about the input as a whole (`data.unknown_column`, …), sorted.
    #[pyo3(signature = (locale = "en"))]
    fn findings(&self, #[pyo3(from_py_with = args::locale)] locale: &str) -> Vec<Finding> {
        Finding::all(&self.findings, locale)
    }

    fn __repr__(&self) -> String {
        format!(
            "Loaded(rows_read={}, loaded={}, rejected={})",
            self.rows_read,
            self.table.get().0.len(),
            self.rejected.len()
        )
    }
}

#[pymethods]
impl Rejected {
    /// Why the row was rejected (`data.not_integer`, `data.required`, …; the column in
    /// `path`), sorted.
    #[pyo3(signature = (locale = "en"))]
    fn findings(&self, #[pyo3(from_py_with = args::locale)] locale: &str) -> Vec<Finding> {
        Finding::all(&self.findings, locale)
    }

    /// The stable codes of the findings, in order.
    #[getter]
    fn codes(&self) -> Vec<String> {
        self.findings.iter().map(|f| f.code.clone()).collect()
    }

    fn __repr__(&self) -> String {
        format!("Rejected(row={}, codes={:?})", self.row, self.codes())
    }
}
