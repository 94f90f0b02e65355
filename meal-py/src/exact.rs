//! Exact decimals from Python: a `decimal.Decimal`, an `int` or a `str`, read by the core's one
//! rule, so `Decimal('NaN')`, `'lots'` or an infinity is a `MealError` (`input.decimal`) like
//! in every binding, rather than a conversion error of the binding layer.

use pyo3::prelude::*;
use rust_decimal::Decimal;

use crate::error::to_py;

/// An exact decimal argument.
#[derive(Debug, Clone, Copy)]
pub struct ExactDecimal(pub Decimal);

impl<'a, 'py> FromPyObject<'a, 'py> for ExactDecimal {
    type Error = PyErr;

    fn extract(obj: pyo3::Borrowed<'a, 'py, PyAny>) -> Result<Self, Self::Error> {
        let text = obj.str()?.extract::<String>()?;
        meal_core::input::parse_decimal(&text)
            .map(ExactDecimal)
            .map_err(to_py)
    }
}
