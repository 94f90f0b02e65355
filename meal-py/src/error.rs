//! The one place where core errors become Python exceptions.
//!
//! `meal.MealError` subclasses `ValueError` (bad input is a value error in Python's taxonomy) and
//! carries the stable `code`, the `path` to the offending place, the `params`, the message in
//! the locale chosen with `meal.set_locale` (English by default) as `str(error)` and `.message`,
//! and both languages as `message_en` / `message_fr`. The class raised is the subclass of the
//! code's family (`period.*` → `PeriodError`, …), so `except meal.PrivacyError` catches what the
//! privacy modules refuse and `except meal.MealError` still catches everything. An argument
//! of the wrong Python type is `ArgumentTypeError` (also a `TypeError`), an `int` out of the
//! parameter's range `ArgumentRangeError` (also an `OverflowError`): see `args`.

use std::sync::atomic::{AtomicBool, Ordering};

use meal_core::{Locale, MealError as CoreError};
use pyo3::exceptions::{PyOverflowError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyType};

pyo3::create_exception!(
    meal,
    MealError,
    PyValueError,
    "An operation of meal could not proceed. `.code` is stable across versions and languages."
);

/// Declares the family subclasses of `MealError`, one per core module.
macro_rules! families {
    ($($name:ident: $doc:literal,)*) => {
        $(pyo3::create_exception!(meal, $name, MealError, $doc);)*
    };
}

families! {
    DocumentError: "JSON text, a document of the wrong shape or a value that is not data (`json.*`, `document.*`, `input.*`).",
    PeriodError: "A reporting period that does not exist (`period.*`).",
    LogframeError: "A logframe that cannot be read or used (`logframe.*`).",
    IndicatorError: "An indicator that cannot be read or assessed (`indicator.*`).",
    FormError: "A form, XLSForm, expression, submission or sync envelope that cannot be used (`form.*`, `xlsform.*`, `expr.*`, `envelope.*`).",
    DataError: "A table or schema that cannot be loaded (`data.*`).",
    ComputeError: "Indicators that cannot be computed (`compute.*`).",
    QualityError: "Data-quality checks that cannot run (`quality.*`).",
    ReportError: "A report that cannot be built or rendered (`report.*`).",
    PrivacyError: "Personal data handling refused (`privacy.*`).",
    DisclosureError: "Statistical disclosure control refused (`disclosure.*`).",
    FeedbackError: "Feedback, complaints or testimonies refused (`feedback.*`).",
    PlanError: "A MEAL plan, calendar or lessons register refused (`plan.*`).",
    TemplateError: "An authoring workbook that gave no document (`template.*`).",
    InteropError: "An exchange format refused: IATI, HXL, Mano, migration (`iati.*`, `hxl.*`, `mano.*`, `migration.*`).",
}

/// `ArgumentTypeError(DocumentError, TypeError)`: an argument of the wrong Python type
/// (`input.wrong_type`), still caught by `except TypeError` as any typed Python API's refusal.
static ARGUMENT_TYPE_ERROR: PyOnceLock<Py<PyType>> = PyOnceLock::new();

/// `ArgumentRangeError(DocumentError, OverflowError)`: an `int` beyond what the parameter holds
/// (`input.out_of_range`), still caught by `except OverflowError`.
static ARGUMENT_RANGE_ERROR: PyOnceLock<Py<PyType>> = PyOnceLock::new();

/// The class raised for a refused argument: both a `DocumentError` (so a `MealError` with a
/// code) and the builtin Python raises for such an argument. Built once, at import, with
/// `type(...)`: `create_exception!` takes a single base.
fn argument_error<'py>(
    py: Python<'py>,
    cell: &'static PyOnceLock<Py<PyType>>,
    name: &str,
    builtin: Bound<'py, PyType>,
    doc: &str,
) -> PyResult<Bound<'py, PyType>> {
    let class = cell.get_or_try_init(py, || {
        let namespace = PyDict::new(py);
        namespace.set_item("__module__", "meal")?;
        namespace.set_item("__doc__", doc)?;
        let bases = (py.get_type::<DocumentError>(), builtin);
        py.get_type::<PyType>()
            .call1((name, bases, namespace))?
            .cast_into::<PyType>()
            .map(Bound::unbind)
            .map_err(PyErr::from)
    })?;
    Ok(class.bind(py).clone())
}

/// The class of `input.wrong_type`.
pub fn argument_type_error(py: Python<'_>) -> PyResult<Bound<'_, PyType>> {
    argument_error(
        py,
        &ARGUMENT_TYPE_ERROR,
        "ArgumentTypeError",
        py.get_type::<PyTypeError>(),
        "An argument of the wrong Python type (`input.wrong_type`, params `expected`, `got`): a \
         `DocumentError` and a `TypeError`.",
    )
}

/// The class of `input.out_of_range`.
pub fn argument_range_error(py: Python<'_>) -> PyResult<Bound<'_, PyType>> {
    argument_error(
        py,
        &ARGUMENT_RANGE_ERROR,
        "ArgumentRangeError",
        py.get_type::<PyOverflowError>(),
        "An `int` argument beyond what the parameter holds (`input.out_of_range`, params \
         `expected`, `got`): a `DocumentError` and an `OverflowError`.",
    )
}

/// The exception class of a code: its family, or `MealError` for a family this binding does
/// not know yet (a newer core). A refused argument gets its own class, a `DocumentError` that
/// is also the builtin Python raises for it (falling back to `DocumentError` alone if that
/// class cannot be built).
fn family<'py>(py: Python<'py>, code: &str) -> Bound<'py, PyType> {
    let argument = match code {
        "input.wrong_type" => Some(argument_type_error(py)),
        "input.out_of_range" => Some(argument_range_error(py)),
        _ => None,
    };
    if let Some(Ok(class)) = argument {
        return class;
    }
    match code.split('.').next().unwrap_or_default() {
        "json" | "document" | "input" => py.get_type::<DocumentError>(),
        "period" => py.get_type::<PeriodError>(),
        "logframe" => py.get_type::<LogframeError>(),
        "indicator" => py.get_type::<IndicatorError>(),
        "form" | "xlsform" | "expr" | "envelope" => py.get_type::<FormError>(),
        "data" => py.get_type::<DataError>(),
        "compute" => py.get_type::<ComputeError>(),
        "quality" => py.get_type::<QualityError>(),
        "report" => py.get_type::<ReportError>(),
        "privacy" => py.get_type::<PrivacyError>(),
        "disclosure" => py.get_type::<DisclosureError>(),
        "feedback" => py.get_type::<FeedbackError>(),
        "plan" => py.get_type::<PlanError>(),
        "template" => py.get_type::<TemplateError>(),
        "iati" | "hxl" | "mano" | "migration" => py.get_type::<InteropError>(),
        _ => py.get_type::<MealError>(),
    }
}

/// The language of error messages (`str(error)`); English unless `set_locale` chose French.
static FRENCH: AtomicBool = AtomicBool::new(false);

fn error_locale() -> Locale {
    if FRENCH.load(Ordering::Relaxed) {
        Locale::Fr
    } else {
        Locale::En
    }
}

/// Sets the language of the messages of raised `MealError`s (`str(error)`, `.message`):
/// `"fr"`, `"en"` (other tags fall back to English, like every `locale=` argument). Returns
/// the locale now in effect. Findings keep their per-call `locale=` argument.
///
/// >>> import meal
/// >>> meal.set_locale("fr")
/// 'fr'
/// >>> meal.set_locale("en")
/// 'en'
#[pyfunction]
pub fn set_locale(#[pyo3(from_py_with = crate::args::locale)] locale: &str) -> &'static str {
    let chosen = crate::locale(locale);
    FRENCH.store(chosen == Locale::Fr, Ordering::Relaxed);
    chosen.as_str()
}

/// The language of error messages set by `set_locale` (`"en"` by default).
#[pyfunction]
pub fn get_locale() -> &'static str {
    error_locale().as_str()
}

/// Converts a core error into the raised Python exception.
pub fn to_py(error: CoreError) -> PyErr {
    Python::attach(|py| {
        let message = error.message(error_locale());
        let raised = PyErr::from_type(family(py, &error.code), message.clone());
        let value = raised.value(py);
        // Setting attributes on a fresh exception instance cannot fail short of memory
        // exhaustion; if it did, the exception still carries its message.
        let _ = value.setattr("code", &error.code);
        let _ = value.setattr("path", &error.path);
        let _ = value.setattr("message", message);
        let _ = value.setattr("message_en", error.message(Locale::En));
        let _ = value.setattr("message_fr", error.message(Locale::Fr));
        let params = PyDict::new(py);
        for (name, param) in &error.params {
            let _ = params.set_item(name, param);
        }
        let _ = value.setattr("params", params);
        raised
    })
}

/// A workbook that gave no document: its first blocking finding raised as the error (code,
/// path — `sheet!A1` — and params), and every finding of the workbook in `.findings`.
pub fn not_authored(findings: &[meal_core::Finding]) -> PyErr {
    let first = findings
        .iter()
        .find(|f| f.is_blocking())
        .or(findings.first());
    let error = match first {
        Some(finding) => finding.params.iter().fold(
            CoreError::new(&finding.code).at(finding.path.clone()),
            |e, (k, v)| e.with(k, v),
        ),
        None => CoreError::new("template.unreadable").with("detail", "no document"),
    };
    let raised = to_py(error);
    Python::attach(|py| {
        let all = crate::finding::Finding::all(findings, "en");
        let _ = raised.value(py).setattr("findings", all);
    });
    raised
}
