//! Arguments of the wrong Python type, refused with a code like any other bad input.
//!
//! pyo3 refuses an argument it cannot convert with a builtin `TypeError`, `OverflowError` or
//! `UnicodeEncodeError` before meal runs. Here every such refusal becomes a `MealError` with a
//! stable code instead — still an instance of the builtin, so `except TypeError` keeps working:
//!
//! - `input.wrong_type` (`ArgumentTypeError`, a `TypeError`): an `int` where a `str` is
//!   expected, a `dict` where a `Form` is, `None` where the parameter is not optional;
//! - `input.out_of_range` (`ArgumentRangeError`, an `OverflowError`): an `int` the parameter
//!   cannot hold (`2**80`, or a negative count);
//! - `input.not_text` (`DocumentError`, a `ValueError` like `UnicodeEncodeError`): a `str` with
//!   lone surrogates (`'\ud800'`), which is not Unicode text.
//!
//! Params: `expected` (the Python type the parameter takes), `got` (the type given) and, where
//! known, `argument` (also the error's `path`). Values are never copied into the error: an
//! argument may be personal data.
//!
//! Parameters are declared `Arg<T>` (a `Deref` to the `T` pyo3 would have extracted). A
//! parameter with a literal default (`locale="en"`) must keep its own type for pyo3 to render
//! the default in the signature, so it converts with `#[pyo3(from_py_with = ...)]`: [`checked`],
//! or [`locale`] for the ubiquitous `locale` text. Parameters that take any object and convert
//! in the body use [`extract`], which also names the argument.

use std::collections::BTreeMap;
use std::ops::Deref;
use std::path::PathBuf;

use meal_core::MealError as CoreError;
use pyo3::exceptions::{PyOverflowError, PyTypeError, PyUnicodeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyIterator;
use pyo3::{PyClass, PyTypeInfo};

use crate::error::{to_py, MealError};

/// An argument converted like `T`, refused with a code when it cannot be. The field is
/// private so that `form.0` in a body still reaches through the `Deref` to the wrapped
/// class's own field, as it did when the parameter was `&Form`.
#[derive(Debug, Clone, Default)]
pub struct Arg<T>(T);

impl<T> Arg<T> {
    /// The converted value.
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl Arg<String> {
    /// A text default, for a parameter whose literal default pyo3 cannot render (the
    /// function then spells its signature out with `text_signature`).
    pub fn text(default: &str) -> Self {
        Arg(default.to_owned())
    }
}

impl<T> Deref for Arg<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.0
    }
}

impl<'a, 'py, T> FromPyObject<'a, 'py> for Arg<T>
where
    T: FromPyObject<'a, 'py> + Expected,
{
    type Error = PyErr;

    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        T::extract(obj)
            .map(Arg)
            .map_err(|error| refused(&obj, error.into(), T::expected(obj.py()), None))
    }
}

/// `obj` as a `T`, for a parameter taken as any object: refused with a code that names the
/// `argument`.
pub fn extract<'a, 'py, T>(obj: &'a Bound<'py, PyAny>, argument: &str) -> PyResult<T>
where
    T: FromPyObject<'a, 'py> + Expected,
{
    obj.extract::<T>()
        .map_err(|error| refused(obj, error.into(), T::expected(obj.py()), Some(argument)))
}

/// `#[pyo3(from_py_with = args::checked)]`: the conversion of [`Arg`] for a parameter that keeps
/// its own type because its default is a literal (`hxl=True`, `groups=1`).
pub fn checked<'a, 'py, T>(obj: &'a Bound<'py, PyAny>) -> PyResult<T>
where
    T: FromPyObject<'a, 'py> + Expected,
{
    obj.extract::<T>()
        .map_err(|error| refused(obj, error.into(), T::expected(obj.py()), None))
}

/// `#[pyo3(from_py_with = args::locale)]`: a `locale` argument as the tag of the language it
/// selects (`"fr"`, else `"en"`: unknown tags fall back to English, as everywhere). Returns a
/// `&'static str` so the parameter keeps its `"en"` default.
pub fn locale(obj: &Bound<'_, PyAny>) -> PyResult<&'static str> {
    let tag: String = extract(obj, "locale")?;
    Ok(crate::locale(&tag).as_str())
}

/// The `str()` of `obj` as Rust text, for arguments read from their text (decimals, dates):
/// text with lone surrogates is `input.not_text`.
pub fn text_of(obj: &Bound<'_, PyAny>) -> PyResult<String> {
    let text = obj.str()?;
    text.extract::<String>()
        .map_err(|error| refused(obj, error, String::expected(obj.py()), None))
}

/// The path of a `source` argument that is bytes or a path, once bytes were taken: anything
/// else is `input.wrong_type`, expecting either.
pub fn source_path(obj: &Bound<'_, PyAny>) -> PyResult<PathBuf> {
    obj.extract::<PathBuf>().map_err(|error| {
        let expected = "bytes, str or os.PathLike".to_owned();
        refused(obj, error, expected, Some("source"))
    })
}

/// `bytes` given for text (`source`) as text: bytes that are not UTF-8 are `input.not_text`.
pub fn utf8(bytes: Vec<u8>, argument: &str) -> PyResult<String> {
    String::from_utf8(bytes).map_err(|error| {
        to_py(
            CoreError::new("input.not_text")
                .with("detail", error)
                .with("argument", argument)
                .at(argument),
        )
    })
}

/// The items of an iterable `argument` (a list of documents or objects): what cannot be
/// iterated is `input.wrong_type`, expecting a list.
pub fn items<'py>(obj: &Bound<'py, PyAny>, argument: &str) -> PyResult<Bound<'py, PyIterator>> {
    obj.try_iter()
        .map_err(|error| refused(obj, error, "list".to_owned(), Some(argument)))
}

/// The `MealError` for the conversion `error` of `obj` to the `expected` type. A `MealError`
/// passes unchanged (a custom conversion already gave its code), and so does what is not about
/// the argument (memory, interrupt).
fn refused(
    obj: &Bound<'_, PyAny>,
    error: PyErr,
    expected: String,
    argument: Option<&str>,
) -> PyErr {
    let py = obj.py();
    let code = if error.is_instance_of::<MealError>(py) {
        return error;
    } else if error.is_instance_of::<PyOverflowError>(py) {
        "input.out_of_range"
    } else if error.is_instance_of::<PyUnicodeError>(py) {
        "input.not_text"
    } else if error.is_instance_of::<PyTypeError>(py) || error.is_instance_of::<PyValueError>(py) {
        "input.wrong_type"
    } else {
        return error;
    };
    let got = if obj.is_none() {
        "None".to_owned()
    } else {
        obj.get_type()
            .name()
            .map_or_else(|_| "object".to_owned(), |name| name.to_string())
    };
    let refusal = CoreError::new(code)
        .with("expected", expected)
        .with("got", got)
        .with("detail", error.value(py).to_string());
    to_py(match argument {
        Some(name) => refusal.with("argument", name).at(name),
        None => refusal,
    })
}

/// How a parameter's Python type reads in an error (`str`, `list[str]`, `Form`).
pub trait Expected {
    /// The expected type, as a Python user writes it.
    fn expected(py: Python<'_>) -> String;
}

/// `Expected` of types with a fixed name.
macro_rules! expected {
    ($($rust:ty => $python:literal,)*) => {
        $(impl Expected for $rust {
            fn expected(_: Python<'_>) -> String {
                $python.to_owned()
            }
        })*
    };
}

expected! {
    String => "str",
    bool => "bool",
    PathBuf => "str or os.PathLike",
    &[u8] => "bytes",
    Vec<u8> => "bytes",
    chrono::NaiveDate => "datetime.date",
    chrono::DateTime<chrono::FixedOffset> => "datetime.datetime with a tzinfo",
    Bound<'_, PyAny> => "object",
    Bound<'_, pyo3::types::PyCapsule> => "PyCapsule",
}

/// `Expected` of integer types: `int` with the range the parameter holds.
macro_rules! expected_int {
    ($($rust:ty,)*) => {
        $(impl Expected for $rust {
            fn expected(_: Python<'_>) -> String {
                format!("int from {} to {}", <$rust>::MIN, <$rust>::MAX)
            }
        })*
    };
}

expected_int! { u32, u64, usize, i32, i64, }

impl<T: Expected> Expected for Vec<T> {
    fn expected(py: Python<'_>) -> String {
        format!("list[{}]", T::expected(py))
    }
}

impl<T: Expected> Expected for Option<T> {
    fn expected(py: Python<'_>) -> String {
        format!("{} or None", T::expected(py))
    }
}

impl<K: Expected, V: Expected> Expected for BTreeMap<K, V> {
    fn expected(py: Python<'_>) -> String {
        format!("dict[{}, {}]", K::expected(py), V::expected(py))
    }
}

impl<T: PyClass> Expected for PyRef<'_, T> {
    fn expected(py: Python<'_>) -> String {
        class_name::<T>(py)
    }
}

/// The Python name of a class (`Form`).
fn class_name<T: PyTypeInfo>(py: Python<'_>) -> String {
    T::type_object(py)
        .name()
        .map_or_else(|_| "object".to_owned(), |name| name.to_string())
}

/// `Expected` of the classes taken by value (copied out of the Python object): their name.
macro_rules! expected_class {
    ($($class:ty,)*) => {
        $(impl Expected for $class {
            fn expected(py: Python<'_>) -> String {
                class_name::<$class>(py)
            }
        })*
    };
}

expected_class! {
    crate::period::Period,
    crate::indicator::Observation,
    crate::indicator::Thresholds,
}
