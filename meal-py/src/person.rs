//! Data protection for Python, the person's side: pseudonyms and tokenisation, consent,
//! retention, and data-subject requests (access, rectification, erasure).

use meal_core::privacy::pseudonym::{self, PseudonymKey as CoreKey};
use meal_core::privacy::records::{records_digest as digest_of, records_from_json, Record};
use meal_core::privacy::{consent, retention, subject_request};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::PyTuple;

use crate::args::{self, Arg};
use crate::error::to_py;
use crate::exact::IsoDate;
use crate::finding::Finding;
use crate::form::Form;
use crate::json;
use crate::privacy::PrivacyRules;

/// A pseudonymisation key held by the key custodian: at least 32 bytes. It cannot be printed,
/// pickled or serialised; its memory is zeroed when it is dropped; equality is constant-time.
#[pyclass(frozen, module = "meal", eq)]
#[derive(Debug, PartialEq)]
pub struct PseudonymKey(CoreKey);

#[pymethods]
impl PseudonymKey {
    /// A key from its bytes (`secrets.token_bytes(32)`).
    #[new]
    fn new(key: Arg<&[u8]>) -> PyResult<Self> {
        CoreKey::from_bytes(*key).map(PseudonymKey).map_err(to_py)
    }

    /// A key from hexadecimal text.
    #[staticmethod]
    fn from_hex(text: Arg<String>) -> PyResult<Self> {
        CoreKey::from_hex(&text).map(PseudonymKey).map_err(to_py)
    }

    fn __repr__(&self) -> &'static str {
        "PseudonymKey(<redacted>)"
    }

    fn __reduce__(&self) -> PyResult<Bound<'_, PyTuple>> {
        Err(PyTypeError::new_err(
            "a PseudonymKey cannot be pickled / une clé de pseudonymisation ne se sérialise pas",
        ))
    }
}

/// Pseudonyms for one purpose (its own domain: the same person gets unrelated pseudonyms under
/// two purposes). `Pseudonymiser(key, "medical_care")("Amadou Diallo")`.
#[pyclass(frozen, module = "meal")]
#[derive(Debug)]
pub struct Pseudonymiser(pseudonym::Pseudonymiser);

impl Pseudonymiser {
    /// The core pseudonymiser, for operations that take one (feedback intake).
    pub fn core(&self) -> &pseudonym::Pseudonymiser {
        &self.0
    }
}

#[pymethods]
impl Pseudonymiser {
    #[new]
    fn new(key: Arg<PyRef<'_, PseudonymKey>>, purpose: Arg<String>) -> PyResult<Self> {
        pseudonym::Pseudonymiser::new(&key.0, &purpose)
            .map(Pseudonymiser)
            .map_err(to_py)
    }

    /// The pseudonym of one identifier (trimmed, spaces collapsed, lowercased first).
    fn pseudonym(&self, identifier: Arg<String>) -> PyResult<String> {
        self.0.pseudonym(&identifier).map_err(to_py)
    }

    fn __call__(&self, identifier: Arg<String>) -> PyResult<String> {
        self.pseudonym(identifier)
    }

    /// The pseudonyms of many identifiers, in order (one crossing for a whole column).
    fn pseudonyms(&self, identifiers: Arg<Vec<String>>) -> PyResult<Vec<String>> {
        identifiers
            .iter()
            .map(|id| self.0.pseudonym(id))
            .collect::<Result<_, _>>()
            .map_err(to_py)
    }

    /// True when `pseudonym` is the pseudonym of `identifier` (constant-time comparison).
    fn verify(&self, identifier: Arg<String>, pseudonym: Arg<String>) -> bool {
        self.0.verify(&identifier, &pseudonym)
    }
}

/// Replaces every direct identifier of a submission (dict or JSON text) by its pseudonym for
/// `purpose`: `{submission, tokenised: [paths]}`.
#[pyfunction]
pub fn tokenise<'py>(
    py: Python<'py>,
    form: Arg<PyRef<'_, Form>>,
    key: Arg<PyRef<'_, PseudonymKey>>,
    purpose: Arg<String>,
    submission: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let done = pseudonym::tokenise(
        form.document()?,
        &key.0,
        &purpose,
        &json::to_text(submission)?,
    )
    .map_err(to_py)?;
    json::from_serde(py, &done)
}

/// A consent record: scopes, who gave it, the person's age and situation, withdrawal.
#[pyclass(frozen, module = "meal")]
#[derive(Debug)]
pub struct ConsentRecord {
    record: consent::ConsentRecord,
    reading: Vec<meal_core::Finding>,
}

/// Whether a consent covers a use, and every rule it breaks.
#[pyclass(frozen, module = "meal", get_all, skip_from_py_object)]
#[derive(Debug)]
pub struct ConsentDecision {
    valid: bool,
    findings: Vec<Finding>,
}

#[pymethods]
impl ConsentDecision {
    fn __bool__(&self) -> bool {
        self.valid
    }

    fn __repr__(&self) -> String {
        let codes: Vec<&str> = self.findings.iter().map(|f| f.code()).collect();
        format!("ConsentDecision(valid={}, findings={codes:?})", self.valid)
    }
}

#[pymethods]
impl ConsentRecord {
    /// Reads a consent record (JSON text or a dict).
    #[staticmethod]
    fn from_json(document: &Bound<'_, PyAny>) -> PyResult<Self> {
        let parsed = consent::ConsentRecord::from_json(&json::to_text(document)?).map_err(to_py)?;
        Ok(ConsentRecord {
            record: parsed.value,
            reading: parsed.findings,
        })
    }

    /// Problems noticed while reading (unknown fields).
    #[pyo3(signature = (locale = "en"))]
    fn findings(&self, #[pyo3(from_py_with = args::locale)] locale: &str) -> Vec<Finding> {
        Finding::all(&self.reading, locale)
    }

    /// Does this consent cover `scope` on date `on`? (withdrawal, expiry, minors' rules, …)
    #[pyo3(signature = (scope, on, locale = "en"))]
    fn check(
        &self,
        scope: Arg<String>,
        on: IsoDate,
        #[pyo3(from_py_with = args::locale)] locale: &str,
    ) -> ConsentDecision {
        let request = consent::ConsentRequest {
            scope: scope.into_inner().to_owned(),
            on: on.0,
        };
        let decision = consent::check(&self.record, &request);
        ConsentDecision {
            valid: decision.valid,
            findings: Finding::all(&decision.findings, locale),
        }
    }

    /// The same record withdrawn on `on` (withdrawal is as easy as giving, Art. 7(3)).
    fn withdrawn(&self, on: IsoDate) -> PyResult<ConsentRecord> {
        let mut record = self.record.clone();
        consent::withdraw(&mut record, on.0).map_err(to_py)?;
        Ok(ConsentRecord {
            record,
            reading: self.reading.clone(),
        })
    }

    fn to_json(&self) -> String {
        self.record.to_json()
    }
}

/// Reads a record set: a list of record dicts, or its JSON text.
fn record_set(data: &Bound<'_, PyAny>) -> PyResult<Vec<Record>> {
    records_from_json(&json::to_text(data)?).map_err(to_py)
}

/// SHA-256 (hex) of a record set's canonical JSON: what an auditor compares to say two record
/// sets are the same, after reading them with every check (unique ids, no key written twice).
#[pyfunction]
pub fn records_digest(records: &Bound<'_, PyAny>) -> PyResult<String> {
    Ok(digest_of(&record_set(records)?))
}

/// For each record, its retention phase on `on` (active, intermediate, due with the end
/// action, held, undetermined) and why, in input order.
#[pyfunction]
pub fn retention_due<'py>(
    py: Python<'py>,
    records: &Bound<'py, PyAny>,
    rules: Arg<PyRef<'_, PrivacyRules>>,
    on: IsoDate,
) -> PyResult<Bound<'py, PyAny>> {
    let decisions = retention::due(&record_set(records)?, rules.core(), on.0);
    json::from_serde(py, &decisions)
}

/// Everything about one person (Art. 15): `{records, outcome}`; `.to_json()` and `.to_csv()`
/// are the portable exports.
#[pyclass(frozen, module = "meal")]
#[derive(Debug)]
pub struct SubjectAccess(subject_request::Access);

#[pymethods]
impl SubjectAccess {
    #[getter]
    fn records<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json::from_serde(py, &self.0.records)
    }

    #[getter]
    fn outcome<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json::from_serde(py, &self.0.outcome)
    }

    fn to_json(&self) -> String {
        self.0.to_json()
    }

    fn to_csv(&self) -> String {
        self.0.to_csv()
    }
}

/// The records about `subject`, exported on `on`.
#[pyfunction]
pub fn subject_access(
    records: &Bound<'_, PyAny>,
    subject: Arg<String>,
    on: IsoDate,
) -> PyResult<SubjectAccess> {
    Ok(SubjectAccess(subject_request::access(
        &record_set(records)?,
        &subject,
        on.0,
    )))
}

/// Sets `field` of the person's record `record_id` to `value` (Art. 16): `(records, outcome)`.
#[pyfunction]
pub fn rectify<'py>(
    py: Python<'py>,
    records: &Bound<'py, PyAny>,
    subject: Arg<String>,
    record_id: Arg<String>,
    field: Arg<String>,
    value: &Bound<'py, PyAny>,
    on: IsoDate,
) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyAny>)> {
    let value: serde_json::Value = serde_json::from_str(&json::dumps(value)?)
        .map_err(|e| to_py(meal_core::document::malformed(&e)))?;
    let (result, outcome) = subject_request::rectify(
        &record_set(records)?,
        &subject,
        &record_id,
        &field,
        value,
        on.0,
    )
    .map_err(to_py)?;
    Ok((
        json::from_serde(py, &result)?,
        json::from_serde(py, &outcome)?,
    ))
}

/// Erases the person's records except those an Art. 17(3) exception or a legal hold keeps:
/// `(records, outcome)` — the outcome lists erased and retained ids with reasons.
#[pyfunction]
pub fn erase<'py>(
    py: Python<'py>,
    records: &Bound<'py, PyAny>,
    rules: Arg<PyRef<'_, PrivacyRules>>,
    subject: Arg<String>,
    on: IsoDate,
) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyAny>)> {
    let (result, outcome) =
        subject_request::erase(&record_set(records)?, rules.core(), &subject, on.0);
    Ok((
        json::from_serde(py, &result)?,
        json::from_serde(py, &outcome)?,
    ))
}
