//! Feedback and complaints for Python, the intake side: the taxonomy and routing documents,
//! intake with claim codes and a pseudonymous subject, who sees what, two-consent referrals,
//! and sealing to the safeguarding recipient. The case workflow, deadlines and testimonies are
//! in `case.rs`.
//!
//! Items, routes, views and packets are plain dicts (the JSON form of the core's types), so an
//! app stores them as they are. Randomness comes from `os.urandom` here, never from the caller
//! (except a claim code's bytes, given for reproducibility through `ClaimCode.from_random`).

use meal_core::feedback::{self, check_routes, Content, IntakeKeys, Item, ReferralConsent};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyTuple};

use crate::args::{self, Arg};
use crate::error::to_py;
use crate::finding::Finding;
use crate::json;
use crate::person::Pseudonymiser;

/// `n` bytes from the platform's secure generator (`os.urandom`).
pub(crate) fn urandom(py: Python<'_>, n: usize) -> PyResult<Vec<u8>> {
    py.import("os")?.call_method1("urandom", (n,))?.extract()
}

/// The 32 fresh random bytes one seal needs, from `os.urandom`.
fn seal_random(py: Python<'_>) -> PyResult<[u8; feedback::seal::SEAL_RANDOM_BYTES]> {
    urandom(py, feedback::seal::SEAL_RANDOM_BYTES)?
        .try_into()
        .map_err(|_| PyValueError::new_err("os.urandom returned too few bytes"))
}

/// Reads a feedback item: a dict or its JSON text.
pub(crate) fn item_of(item: &Bound<'_, PyAny>) -> PyResult<Item> {
    Item::from_json(&json::to_text(item)?).map_err(to_py)
}

/// Reads a list of feedback items; an error names the item (`/items/<i>`).
pub(crate) fn items_of(items: &[Bound<'_, PyAny>]) -> PyResult<Vec<Item>> {
    items
        .iter()
        .enumerate()
        .map(|(index, item)| {
            Item::from_json(&json::to_text(item)?)
                .map_err(|e| to_py(e.at(format!("/items/{index}"))))
        })
        .collect()
}

/// Reads an item's `content` (a dict or its JSON text): `json.malformed`, or
/// `document.invalid` (kind `feedback_content`).
fn content_of(content: &Bound<'_, PyAny>) -> PyResult<Content> {
    Content::from_json(&json::to_text(content)?).map_err(to_py)
}

/// The feedback taxonomy: type → category → code, and the sensitive families with their route.
/// `Taxonomy.from_json(text_or_dict)`; `findings(routing)` says what is wrong with it.
#[pyclass(frozen, module = "meal")]
#[derive(Debug)]
pub struct Taxonomy {
    taxonomy: feedback::Taxonomy,
    reading: Vec<meal_core::Finding>,
}

#[pymethods]
impl Taxonomy {
    /// Counts `items` by `by` (`"type"`, `"category"`, `"code"`, `"project"`, `"site"`,
    /// `"channel"`, `"sensitivity"`, `"period:Monthly"`, …) and suppresses the small cells and
    /// their complements before anything leaves: `{cells: [{coords, status, value?}], loss}`.
    #[pyo3(
        signature = (items, by, threshold = 5, zeros = Arg::text("safe"), singletons = true, ambiguity_limit = None),
        text_signature = r#"($self, items, by, threshold=5, zeros="safe", singletons=True, ambiguity_limit=None)"#
    )]
    #[allow(clippy::too_many_arguments)]
    fn aggregate<'py>(
        &self,
        py: Python<'py>,
        items: Arg<Vec<Bound<'py, PyAny>>>,
        by: Arg<Vec<String>>,
        #[pyo3(from_py_with = args::checked)] threshold: u64,
        zeros: Arg<String>,
        #[pyo3(from_py_with = args::checked)] singletons: bool,
        ambiguity_limit: Option<Arg<u64>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let by = by
            .iter()
            .map(|b| feedback::learning::By::parse(b))
            .collect::<Result<Vec<_>, _>>()
            .map_err(to_py)?;
        let rules = meal_core::disclosure::suppression::Rules {
            threshold,
            zeros: meal_core::disclosure::suppression::ZeroRule::from_name(&zeros)
                .map_err(to_py)?,
            singletons,
            ambiguity_limit: ambiguity_limit.map(Arg::into_inner),
        };
        let done = feedback::learning::aggregate(&items_of(&items)?, &self.taxonomy, &by, &rules)
            .map_err(to_py)?;
        json::from_serde(py, &done)
    }

    /// Reads the taxonomy document (JSON text or a dict).
    #[staticmethod]
    fn from_json(document: &Bound<'_, PyAny>) -> PyResult<Self> {
        let parsed = feedback::Taxonomy::from_json(&json::to_text(document)?).map_err(to_py)?;
        Ok(Taxonomy {
            taxonomy: parsed.value,
            reading: parsed.findings,
        })
    }

    /// Problems of the document (reading, then the taxonomy checks), and with `routing` also
    /// the routes it names checked against that routing document; sorted by path then code.
    #[pyo3(signature = (routing = None, locale = "en"))]
    fn findings(
        &self,
        routing: Option<Arg<PyRef<'_, Routing>>>,
        #[pyo3(from_py_with = args::locale)] locale: &str,
    ) -> Vec<Finding> {
        let mut checks = self.taxonomy.check();
        if let Some(routing) = routing {
            checks.extend(check_routes(&self.taxonomy, &routing.routing));
        }
        let all = meal_core::error::merged_findings(&self.reading, checks);
        Finding::all(&all, locale)
    }

    #[getter]
    fn id(&self) -> &str {
        &self.taxonomy.id
    }

    /// The mission's version of the taxonomy (items are coded against one version).
    #[getter]
    fn version(&self) -> &str {
        &self.taxonomy.version
    }

    /// Every code id, in document order.
    #[getter]
    fn codes(&self) -> Vec<String> {
        self.taxonomy.codes().map(|e| e.code.id.clone()).collect()
    }

    /// The document as JSON text (it round-trips).
    fn to_json(&self) -> String {
        self.taxonomy.to_json()
    }

    fn __repr__(&self) -> String {
        format!(
            "Taxonomy(id={:?}, version={:?}, codes={})",
            self.taxonomy.id,
            self.taxonomy.version,
            self.taxonomy.codes().count()
        )
    }
}

/// The routing document: routes (internal, or referral to another actor), roles and the routes
/// each reads, and the route of a sensitive item in no family.
#[pyclass(frozen, module = "meal")]
#[derive(Debug)]
pub struct Routing {
    routing: feedback::Routing,
    reading: Vec<meal_core::Finding>,
}

#[pymethods]
impl Routing {
    /// Reads the routing document (JSON text or a dict).
    #[staticmethod]
    fn from_json(document: &Bound<'_, PyAny>) -> PyResult<Self> {
        let parsed = feedback::Routing::from_json(&json::to_text(document)?).map_err(to_py)?;
        Ok(Routing {
            routing: parsed.value,
            reading: parsed.findings,
        })
    }

    /// Problems of the document: reading and the routing checks, sorted by path then code.
    #[pyo3(signature = (locale = "en"))]
    fn findings(&self, #[pyo3(from_py_with = args::locale)] locale: &str) -> Vec<Finding> {
        let all = meal_core::error::merged_findings(&self.reading, self.routing.check());
        Finding::all(&all, locale)
    }

    #[getter]
    fn id(&self) -> &str {
        &self.routing.id
    }

    #[getter]
    fn version(&self) -> &str {
        &self.routing.version
    }

    /// The route ids, in document order.
    #[getter]
    fn routes(&self) -> Vec<String> {
        self.routing.routes.iter().map(|r| r.id.clone()).collect()
    }

    /// The role ids, in document order.
    #[getter]
    fn roles(&self) -> Vec<String> {
        self.routing.roles.iter().map(|r| r.id.clone()).collect()
    }

    /// The document as JSON text (it round-trips).
    fn to_json(&self) -> String {
        self.routing.to_json()
    }

    fn __repr__(&self) -> String {
        format!(
            "Routing(id={:?}, version={:?}, routes={}, roles={})",
            self.routing.id,
            self.routing.version,
            self.routing.routes.len(),
            self.routing.roles.len()
        )
    }
}

/// A recipient's public key (base64 of 32 bytes): what sensitive content is sealed to. Public,
/// so printable and picklable.
#[pyclass(frozen, module = "meal", eq)]
#[derive(Debug, PartialEq)]
pub struct RecipientKey(feedback::RecipientKey);

#[pymethods]
impl RecipientKey {
    /// A key from its 32 bytes.
    #[new]
    fn new(key: Arg<&[u8]>) -> PyResult<Self> {
        feedback::RecipientKey::from_bytes(*key)
            .map(RecipientKey)
            .map_err(to_py)
    }

    /// A key from standard base64 (44 characters), as in a routing document.
    #[staticmethod]
    fn from_base64(text: Arg<String>) -> PyResult<Self> {
        feedback::RecipientKey::from_base64(&text)
            .map(RecipientKey)
            .map_err(to_py)
    }

    fn to_base64(&self) -> String {
        self.0.to_base64()
    }

    /// Seals `text` to this key with 32 fresh bytes of `os.urandom`: the content dict
    /// `{kind: "sealed", recipient, sealed}` that only the secret key opens.
    fn seal<'py>(&self, py: Python<'py>, text: Arg<String>) -> PyResult<Bound<'py, PyAny>> {
        let sealed = feedback::seal(&self.0, &text, &seal_random(py)?).map_err(to_py)?;
        json::from_serde(py, &sealed)
    }

    fn __str__(&self) -> String {
        self.0.to_base64()
    }

    fn __repr__(&self) -> String {
        format!("RecipientKey({:?})", self.0.to_base64())
    }

    fn __hash__(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        self.0.to_base64().hash(&mut hasher);
        hasher.finish()
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        let from_base64 = slf.get_type().getattr("from_base64")?;
        Ok((from_base64, (slf.get().0.to_base64(),)))
    }
}

/// The secret key of a recipient (the safeguarding focal point, the integrity line): it alone
/// opens what was sealed to its public key. It cannot be printed, pickled or serialised; its
/// memory is zeroed when it is dropped.
#[pyclass(frozen, module = "meal")]
#[derive(Debug)]
pub struct SafeguardingSecretKey(feedback::SafeguardingSecretKey);

#[pymethods]
impl SafeguardingSecretKey {
    /// A key from its 32 bytes.
    #[new]
    fn new(key: Arg<&[u8]>) -> PyResult<Self> {
        feedback::SafeguardingSecretKey::from_bytes(*key)
            .map(SafeguardingSecretKey)
            .map_err(to_py)
    }

    /// A key from standard base64 (the text is never echoed in an error).
    #[staticmethod]
    fn from_base64(text: Arg<String>) -> PyResult<Self> {
        feedback::SafeguardingSecretKey::from_base64(&text)
            .map(SafeguardingSecretKey)
            .map_err(to_py)
    }

    /// A new key from 32 bytes of `os.urandom`; give `public_key` to the routing document.
    #[staticmethod]
    fn generate(py: Python<'_>) -> PyResult<Self> {
        let bytes = urandom(py, feedback::seal::KEY_BYTES)?;
        feedback::SafeguardingSecretKey::from_bytes(&bytes)
            .map(SafeguardingSecretKey)
            .map_err(to_py)
    }

    /// The public key that seals to this key.
    #[getter]
    fn public_key(&self) -> RecipientKey {
        RecipientKey(self.0.public_key())
    }

    /// Opens sealed content (an item's `content`, dict or JSON text) and returns the text.
    fn open(&self, content: &Bound<'_, PyAny>) -> PyResult<String> {
        feedback::open(&self.0, &content_of(content)?).map_err(to_py)
    }

    /// Opens `content` and seals it again to `to` (an onward referral), with fresh bytes of
    /// `os.urandom`; the opened text is wiped.
    fn reseal<'py>(
        &self,
        py: Python<'py>,
        content: &Bound<'py, PyAny>,
        to: Arg<PyRef<'_, RecipientKey>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let content = content_of(content)?;
        let sealed =
            feedback::reseal(&self.0, &content, &to.0, &seal_random(py)?).map_err(to_py)?;
        json::from_serde(py, &sealed)
    }

    fn __repr__(&self) -> &'static str {
        "SafeguardingSecretKey(<redacted>)"
    }

    fn __reduce__(&self) -> PyResult<Bound<'_, PyTuple>> {
        Err(PyTypeError::new_err(
            "a SafeguardingSecretKey cannot be pickled / une clé secrète de protection ne se sérialise pas",
        ))
    }
}

/// A claim code: what the person keeps to follow their item without giving a name (Crockford
/// base32 in groups of four, `7572-MWRZ`). Show `text` to the person once; the item keeps only
/// `sha256`. Not printed by `repr`, not picklable.
#[pyclass(frozen, module = "meal")]
#[derive(Debug)]
pub struct ClaimCode(feedback::ClaimCode);

#[pymethods]
impl ClaimCode {
    /// A new code from `os.urandom`: 8 characters (40 bits) per group; give `groups=2` (80
    /// bits) where the item may leave the mission's systems.
    #[staticmethod]
    #[pyo3(signature = (groups = 1))]
    fn generate(
        py: Python<'_>,
        #[pyo3(from_py_with = args::checked)] groups: usize,
    ) -> PyResult<Self> {
        let n = groups.saturating_mul(feedback::intake::CLAIM_BYTES_PER_GROUP);
        let random = urandom(py, n)?;
        feedback::ClaimCode::from_random(&random)
            .map(ClaimCode)
            .map_err(to_py)
    }

    /// A code from given random bytes (a positive multiple of 5): for tests and reproducible
    /// runs; use `generate` in the field.
    #[staticmethod]
    fn from_random(random: Arg<&[u8]>) -> PyResult<Self> {
        feedback::ClaimCode::from_random(*random)
            .map(ClaimCode)
            .map_err(to_py)
    }

    /// A code as a person types it, or as printed on a card handed out (case, hyphens and
    /// spaces ignored; `O` reads as `0`, `I` and `L` as `1`).
    #[staticmethod]
    fn parse(text: Arg<String>) -> PyResult<Self> {
        feedback::ClaimCode::parse(&text)
            .map(ClaimCode)
            .map_err(to_py)
    }

    /// The code to give the person, grouped by four.
    #[getter]
    fn text(&self) -> String {
        self.0.as_text()
    }

    /// SHA-256 (hex) of the code: what the item stores.
    #[getter]
    fn sha256(&self) -> String {
        self.0.sha256_hex()
    }

    fn __repr__(&self) -> &'static str {
        "ClaimCode(<redacted>)"
    }

    fn __reduce__(&self) -> PyResult<Bound<'_, PyTuple>> {
        Err(PyTypeError::new_err(
            "a ClaimCode cannot be pickled: show it to the person once / un code de suivi ne se sérialise pas",
        ))
    }
}

/// Receives one item: checks its code, decides sensitivity, routes it, seals the text of a
/// sensitive item to its route's key (fresh bytes of `os.urandom`), replaces the subject by its
/// pseudonym, and stores only the hash of the claim code. `claim_code` is a `ClaimCode`, or
/// `True` for a new one. Returns `{item, route, claim_code}`: the item (dict) to store, its
/// route, and the `ClaimCode` to show the person once (or `None`).
#[pyfunction]
#[pyo3(signature = (taxonomy, routing, intake, id, *, pseudonymiser = None, claim_code = None))]
pub fn intake<'py>(
    py: Python<'py>,
    taxonomy: Arg<PyRef<'_, Taxonomy>>,
    routing: Arg<PyRef<'_, Routing>>,
    intake: &Bound<'py, PyAny>,
    id: Arg<String>,
    pseudonymiser: Option<Arg<PyRef<'_, Pseudonymiser>>>,
    claim_code: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let intake = feedback::Intake::from_json(&json::to_text(intake)?).map_err(to_py)?;
    let code: Option<Bound<'py, ClaimCode>> = match claim_code {
        None => None,
        Some(given) => match given.cast::<ClaimCode>() {
            Ok(code) => Some(code.clone()),
            Err(_) => match given.cast::<PyBool>() {
                Ok(flag) if flag.is_true() => Some(Bound::new(py, ClaimCode::generate(py, 1)?)?),
                Ok(_) => None,
                Err(_) => {
                    return Err(PyTypeError::new_err(
                        "claim_code is a meal.ClaimCode, True (a new code) or None",
                    ))
                }
            },
        },
    };
    let keys = IntakeKeys {
        pseudonymiser: pseudonymiser.as_deref().map(|p| p.core()),
        claim_code: code.as_ref().map(|c| &c.get().0),
        seal_random: seal_random(py)?,
    };
    let received = feedback::intake(&taxonomy.taxonomy, &routing.routing, &intake, &id, &keys)
        .map_err(to_py)?;
    let out = PyDict::new(py);
    out.set_item("item", json::from_serde(py, &received.item)?)?;
    out.set_item("route", json::from_serde(py, &received.route)?)?;
    out.set_item("claim_code", code)?;
    Ok(out.into_any())
}

/// True when `code`, as the person types it, is the claim code of `item` (constant-time);
/// false for an item without a code or a text that is no code.
#[pyfunction]
pub fn claim(item: &Bound<'_, PyAny>, code: Arg<String>) -> PyResult<bool> {
    Ok(feedback::claim(&item_of(item)?, &code))
}

/// The route of `item` and why: `{route, reason, family?, referral?}`.
#[pyfunction]
pub fn route<'py>(
    py: Python<'py>,
    taxonomy: Arg<PyRef<'_, Taxonomy>>,
    routing: Arg<PyRef<'_, Routing>>,
    item: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let decision =
        feedback::route(&taxonomy.taxonomy, &routing.routing, &item_of(item)?).map_err(to_py)?;
    json::from_serde(py, &decision)
}

/// What `role` sees of `item`: `{view: "full", item}`, or the stub
/// `{view: "stub", id, received_on, status}`.
#[pyfunction]
pub fn view<'py>(
    py: Python<'py>,
    taxonomy: Arg<PyRef<'_, Taxonomy>>,
    routing: Arg<PyRef<'_, Routing>>,
    item: &Bound<'py, PyAny>,
    role: Arg<String>,
) -> PyResult<Bound<'py, PyAny>> {
    let seen = feedback::view(&taxonomy.taxonomy, &routing.routing, &item_of(item)?, &role)
        .map_err(to_py)?;
    json::from_serde(py, &seen)
}

/// The packet that refers `item` to the route `to`, sent by `role`, under the person's two
/// consents `{refer_allegation, share_identity}` (a dict or its JSON text; both required): only
/// the fields `to` receives, the subject only with `share_identity`.
#[pyfunction]
pub fn refer<'py>(
    py: Python<'py>,
    taxonomy: Arg<PyRef<'_, Taxonomy>>,
    routing: Arg<PyRef<'_, Routing>>,
    item: &Bound<'py, PyAny>,
    role: Arg<String>,
    to: Arg<String>,
    consent: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let consent = ReferralConsent::from_json(&json::to_text(consent)?).map_err(to_py)?;
    let packet = feedback::refer(
        &taxonomy.taxonomy,
        &routing.routing,
        &item_of(item)?,
        &role,
        &to,
        &consent,
    )
    .map_err(to_py)?;
    json::from_serde(py, &packet)
}
