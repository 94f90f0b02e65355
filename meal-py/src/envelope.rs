//! Submission envelopes for Python: a server verifies what a device sealed (and a script can
//! seal, to test a sync pipeline). Envelopes cross as JSON text; instants as aware datetimes.

use meal_core::envelope::{self, Capture, Envelope};
use pyo3::prelude::*;

use crate::args::{self, Arg};
use crate::error::to_py;
use crate::exact::AwareDateTime;
use crate::finding::Finding;
use crate::form::Form;
use crate::json;

/// Seals `submission` (a dict or JSON text of an object) filled in `form`; returns the
/// envelope's JSON text. Instants are aware `datetime`s (or RFC 3339 text), written with
/// their offsets; a naive `datetime` is `MealError` `input.date_time`.
#[pyfunction]
#[pyo3(signature = (form, submission, *, instance_id, device_id, started_at, completed_at, sealed_at))]
#[allow(clippy::too_many_arguments)]
pub fn seal_envelope(
    form: Arg<PyRef<'_, Form>>,
    submission: &Bound<'_, PyAny>,
    instance_id: Arg<String>,
    device_id: Arg<String>,
    started_at: AwareDateTime,
    completed_at: AwareDateTime,
    sealed_at: AwareDateTime,
) -> PyResult<String> {
    let capture = Capture {
        instance_id: instance_id.into_inner(),
        device_id: device_id.into_inner(),
        started_at: started_at.0,
        completed_at: completed_at.0,
        sealed_at: sealed_at.0,
    };
    Envelope::seal(form.document()?, &json::to_text(submission)?, &capture)
        .map(|sealed| sealed.to_json())
        .map_err(to_py)
}

/// Reads an envelope (JSON text or a dict) and verifies it: an empty list when it is intact
/// and coherent (and, with `form`, for that form and version). Raises `MealError` when the
/// text is not an envelope at all.
#[pyfunction]
#[pyo3(signature = (envelope, form = None, locale = "en"))]
pub fn verify_envelope(
    envelope: &Bound<'_, PyAny>,
    form: Option<Arg<PyRef<'_, Form>>>,
    #[pyo3(from_py_with = args::locale)] locale: &str,
) -> PyResult<Vec<Finding>> {
    let form = form.as_deref().map(|form| form.document()).transpose()?;
    let findings = envelope::verify_json(&json::to_text(envelope)?, form).map_err(to_py)?;
    Ok(Finding::all(&findings, locale))
}
