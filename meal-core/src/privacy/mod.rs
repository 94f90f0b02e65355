//! Data protection (GDPR / RGPD and French law) enforced where the data is born.
//!
//! See `reference/gdpr-feedback.md`. Submodules, one concept each:
//! * [`classification`] — what a field is (direct identifier, quasi-identifier, …);
//! * [`rules`] — the rules document: purposes, lawful bases, retention, recipients;
//! * [`minimisation`] — every personal field has a purpose, basis and retention, or the form is blocked;
//! * [`retention`] — retention rules and what is due on a record set at a date;
//! * [`records`] — the records the rules act on;
//! * [`mod@pseudonym`] — keyed pseudonyms and tokenisation at collection;
//! * [`consent`] — consent records, scopes, withdrawal, minors;
//! * [`subject_request`] — access, rectification, erasure;
//! * [`register`] — the Art. 30 register;
//! * [`dpia`] — DPIA screening;
//! * [`export`] — export policy per recipient and purpose;
//! * [`audit`] — the audit log of decisions.

pub mod audit;
pub mod classification;
pub mod consent;
pub mod dpia;
pub mod export;
pub mod minimisation;
pub mod pseudonym;
pub mod records;
pub mod register;
pub mod retention;
pub mod rules;
pub mod subject_request;

pub use audit::{AuditEntry, AuditEvent, AuditLog};
pub use classification::{Classification, FieldPrivacy};
pub use consent::{
    check as check_consent, withdraw as withdraw_consent, ConsentDecision, ConsentRecord,
    ConsentRequest, GivenBy,
};
pub use dpia::{screen, screen_all, Screening};
pub use export::{ExportDecision, ExportRequest, Refusal};
pub use minimisation::Assessment;
pub use pseudonym::{
    pseudonym, tokenise, verify as verify_pseudonym, PseudonymKey, Pseudonymiser, Tokenised,
};
pub use records::Record;
pub use records::{records_digest, records_from_json, records_to_json};
pub use register::Register;
pub use retention::{due as retention_due, Phase, RetentionDecision, Schedule};
pub use retention::{EndAction, RetentionRule};
pub use rules::{LawfulBasis, Purpose, Recipient, Rules, SpecialCondition};
pub use subject_request::{access, erase, rectify, Access, Outcome, RequestKind, Retained};
