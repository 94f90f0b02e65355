"""meal — Monitoring, Evaluation, Accountability and Learning for humanitarian programmes.

The same core as the browser and mobile bindings: the same input gives the same answer and the
same error code everywhere. Figures are exact :class:`decimal.Decimal`, dates are
:class:`datetime.date`.

>>> import meal
>>> q1 = meal.Period("2026Q1")
>>> q1.end
datetime.date(2026, 3, 31)
>>> try:
...     meal.Period("2026Q5")
... except meal.MealError as error:
...     error.code
'period.out_of_range'
"""

from meal._meal import (
    Assessment,
    Expr,
    FieldState,
    Finding,
    Form,
    Indicator,
    Logframe,
    MealError,
    Observation,
    Period,
    Report,
    Thresholds,
    check_logframe,
    periods_between,
    render_message,
)

__all__ = [
    "Assessment",
    "Expr",
    "FieldState",
    "Finding",
    "Form",
    "Indicator",
    "Logframe",
    "MealError",
    "Observation",
    "Period",
    "Report",
    "Thresholds",
    "check_logframe",
    "periods_between",
    "render_message",
]
