//! # meal (Python)
//!
//! The native module `meal._meal`: meal-core for notebooks, with native `datetime.date` and
//! `decimal.Decimal`. Thin by rule: every function converts its arguments, calls the core and
//! converts the result; the curated public API is `python/meal/__init__.py`.

mod args;
mod arrow;
mod case;
mod compute;
mod data;
mod disclosure;
mod envelope;
mod error;
mod exact;
mod expr;
mod feedback;
mod finding;
mod form;
mod html;
mod indicator;
mod interop;
mod json;
mod logframe;
mod period;
mod person;
mod plan;
mod privacy;
mod quality;
mod report;

use pyo3::prelude::*;

/// The native module. Users import `meal`, which re-exports these names.
#[pymodule]
mod _meal {
    #[pymodule_export]
    use crate::case::{Case, Deadlines, PublicationDecision, Testimony};
    #[pymodule_export]
    use crate::compute::{Engine, Partial, Recipes, Results, Streamed};
    #[pymodule_export]
    use crate::data::{Column, Loaded, Rejected, Schema, Table};
    #[pymodule_export]
    use crate::disclosure::{
        disclosure_risk, frequencies, k_anonymity, local_suppression, recode, recode_column,
        suppress_table, tabulate,
    };
    #[pymodule_export]
    use crate::envelope::{seal_envelope, verify_envelope};
    /// The argument refusals (`input.wrong_type`, `input.out_of_range`): classes with two
    /// bases, built at import rather than declared (see `error::argument_error`).
    #[pymodule_init]
    fn init(module: &pyo3::Bound<'_, pyo3::types::PyModule>) -> pyo3::PyResult<()> {
        use pyo3::types::PyModuleMethods;
        let py = module.py();
        module.add("ArgumentTypeError", crate::error::argument_type_error(py)?)?;
        module.add(
            "ArgumentRangeError",
            crate::error::argument_range_error(py)?,
        )
    }

    #[pymodule_export]
    use crate::error::{
        get_locale, set_locale, ComputeError, DataError, DisclosureError, DocumentError,
        FeedbackError, FormError, IndicatorError, InteropError, LogframeError, MealError,
        PeriodError, PlanError, PrivacyError, QualityError, ReportError, TemplateError,
    };
    #[pymodule_export]
    use crate::expr::Expr;
    #[pymodule_export]
    use crate::feedback::{
        claim, intake, refer, route, view, ClaimCode, RecipientKey, Routing, SafeguardingSecretKey,
        Taxonomy,
    };
    #[pymodule_export]
    use crate::finding::{render_message, Finding};
    #[pymodule_export]
    use crate::form::{FieldState, Form, Report, Verdict};
    #[pymodule_export]
    use crate::indicator::{Assessment, Indicator, Observation, Thresholds};
    #[pymodule_export]
    use crate::interop::{
        hxl_columns, iati_export, read_mano_export, IatiActivities, ManoExport, Mapping,
        Reconciliation,
    };
    #[pymodule_export]
    use crate::logframe::{check_logframe, Logframe};
    #[pymodule_export]
    use crate::period::{periods_between, Period};
    #[pymodule_export]
    use crate::person::{
        erase, records_digest, rectify, retention_due, subject_access, tokenise, ConsentDecision,
        ConsentRecord, PseudonymKey, Pseudonymiser, SubjectAccess,
    };
    #[pymodule_export]
    use crate::plan::{check_plan, coverage, Calendar, LessonsRegister, MealPlan};
    #[pymodule_export]
    use crate::privacy::{
        check_minimisation, decide_export, export_records, screen_dpia, AuditLog, Minimisation,
        PrivacyRules, Register,
    };
    #[pymodule_export]
    use crate::quality::{check_quality, QualityChecks, QualityReport};
    #[pymodule_export]
    use crate::report::{AnnualReport, Sitrep};
}

/// The clock of a call: the aware `datetime` given, else now (UTC).
fn clock(
    now: Option<chrono::DateTime<chrono::FixedOffset>>,
) -> chrono::DateTime<chrono::FixedOffset> {
    now.unwrap_or_else(|| chrono::Utc::now().fixed_offset())
}

/// Reads a locale tag; unknown tags fall back to English.
fn locale(tag: &str) -> meal_core::Locale {
    meal_core::Locale::parse(tag)
}
