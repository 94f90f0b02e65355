//! Rich notebook display: `_repr_html_` of the native classes delegates to `meal._html`, where
//! the HTML is built (and every user text escaped) in Python, next to the other display code.

use pyo3::prelude::*;

/// `meal._html.<kind>(obj)`: the HTML of `obj` for Jupyter.
pub fn render(obj: &Bound<'_, PyAny>, kind: &str) -> PyResult<String> {
    obj.py()
        .import("meal._html")?
        .call_method1(kind, (obj,))?
        .extract()
}
