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
    AuditLog,
    ConsentDecision,
    ConsentRecord,
    Expr,
    FieldState,
    Finding,
    Form,
    Indicator,
    Logframe,
    MealError,
    Minimisation,
    Observation,
    Period,
    PrivacyRules,
    PseudonymKey,
    Pseudonymiser,
    Register,
    Report,
    SubjectAccess,
    Thresholds,
    check_logframe,
    check_minimisation,
    decide_export,
    disclosure_risk,
    erase,
    export_records,
    frequencies,
    k_anonymity,
    local_suppression,
    periods_between,
    recode,
    recode_column,
    records_digest,
    rectify,
    render_message,
    retention_due,
    screen_dpia,
    subject_access,
    suppress_table,
    tabulate,
    tokenise,
)

__all__ = [
    "Assessment",
    "AuditLog",
    "ConsentDecision",
    "ConsentRecord",
    "Expr",
    "FieldState",
    "Finding",
    "Form",
    "Indicator",
    "Logframe",
    "MealError",
    "Minimisation",
    "Observation",
    "Period",
    "PrivacyRules",
    "PseudonymKey",
    "Pseudonymiser",
    "Register",
    "Report",
    "SubjectAccess",
    "Thresholds",
    "check_logframe",
    "check_minimisation",
    "decide_export",
    "disclosure_risk",
    "erase",
    "export_records",
    "frequencies",
    "k_anonymity",
    "local_suppression",
    "periods_between",
    "recode",
    "recode_column",
    "records_digest",
    "rectify",
    "render_message",
    "retention_due",
    "screen_dpia",
    "subject_access",
    "suppress_table",
    "tabulate",
    "tokenise",
]
