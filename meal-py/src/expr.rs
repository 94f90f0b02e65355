//! Expressions for Python: parse once, evaluate on dicts of values.

use chrono::{DateTime, FixedOffset, NaiveDate};
use std::collections::BTreeMap;

use meal_core::expr::{self, MapContext, TypeMap};
use pyo3::prelude::*;

use crate::args::{self, Arg};
use crate::error::to_py;
use crate::finding::Finding;
use crate::json;

/// An expression of the XLSForm/ODK subset: `Expr("${age} >= 15 and selected(${services}, 'mh')")`.
///
/// >>> Expr("${age} >= 15").evaluate({"age": 16})
/// 'true'
#[pyclass(frozen, module = "meal")]
#[derive(Debug)]
pub struct Expr(expr::Expr);

#[pymethods]
impl Expr {
    #[new]
    fn new(source: Arg<String>) -> PyResult<Self> {
        expr::Expr::parse(&source).map(Expr).map_err(to_py)
    }

    /// The source as written.
    #[getter]
    fn source(&self) -> &str {
        self.0.source()
    }

    /// The canonical text; parsing it gives the same expression.
    #[getter]
    fn canonical(&self) -> String {
        self.0.to_canonical()
    }

    /// The field names referenced as `${name}`, sorted.
    #[getter]
    fn references(&self) -> Vec<String> {
        self.0.references()
    }

    /// Evaluates with `values` (a dict: name → str, int, Decimal, bool, None, or a list for a
    /// repeat) and returns the result as text, exactly as every binding shows it
    /// (`"true"`, `"12.5"`, `"2026-11-27"`, `"NaN"`).
    #[pyo3(signature = (values = None, current = None, today = None, now = None))]
    fn evaluate(
        &self,
        values: Option<&Bound<'_, PyAny>>,
        current: Option<&Bound<'_, PyAny>>,
        today: Option<Arg<NaiveDate>>,
        now: Option<Arg<DateTime<FixedOffset>>>,
    ) -> PyResult<String> {
        let context = context(
            values,
            current,
            today.map(Arg::into_inner),
            now.map(Arg::into_inner),
        )?;
        self.0
            .evaluate(&context)
            .map(|v| v.to_text())
            .map_err(to_py)
    }

    /// Type-checks against `types` (field name → `text`, `number`, `bool`, `date`,
    /// `datetime`, `choices` or `any`): unknown fields, operands that cannot work.
    #[pyo3(signature = (types, locale = "en"))]
    fn check(
        &self,
        types: Arg<BTreeMap<String, String>>,
        #[pyo3(from_py_with = args::locale)] locale: &str,
    ) -> PyResult<Vec<Finding>> {
        let schema = TypeMap::from_names(types.iter().map(|(k, v)| (k.as_str(), v.as_str())))
            .map_err(to_py)?;
        Ok(Finding::all(&self.0.check(&schema), locale))
    }

    fn __repr__(&self) -> String {
        format!("Expr({:?})", self.0.source())
    }

    fn __str__(&self) -> String {
        self.0.source().to_owned()
    }
}

fn value_of(obj: Option<&Bound<'_, PyAny>>) -> PyResult<serde_json::Value> {
    match obj {
        None => Ok(serde_json::Value::Null),
        Some(obj) => serde_json::from_str(&json::dumps(obj)?)
            .map_err(|e| to_py(meal_core::document::malformed(&e))),
    }
}

fn context(
    values: Option<&Bound<'_, PyAny>>,
    current: Option<&Bound<'_, PyAny>>,
    today: Option<NaiveDate>,
    now: Option<DateTime<FixedOffset>>,
) -> PyResult<MapContext> {
    let now = crate::clock(now);
    Ok(MapContext::from_json(
        &value_of(values)?,
        &value_of(current)?,
        today,
        now,
    ))
}
