//! # meal-core
//!
//! The MEAL domain — Monitoring, Evaluation, Accountability and Learning — for humanitarian
//! programmes, as pure Rust. The Python, WebAssembly and mobile bindings carry it unchanged, so
//! the same input gives the same answer, and the same error code, in every language.
//!
//! Modules, one concept each:
//! * [`error`] — `MealError` (an operation failed) and `Finding` (a validation result);
//! * [`i18n`] — every code's message in French and English;
//! * [`text`] — bilingual text;
//! * [`input`] — dates and exact decimals read from text (the bindings' scalars);
//! * [`document`] — reading versioned JSON documents without losing unknown fields;
//! * [`period`] — DHIS2 period ids, dates, containment, iteration;
//! * [`indicator`] — indicator definitions, targets, aggregation, achievement, status;
//! * [`logframe`] — the results chain and its structural validation;
//! * [`expr`] — the expression language (XLSForm/ODK XPath subset);
//! * [`envelope`] — sealed submissions for sync: instance id, form version, instants, content hash;
//! * [`form`] — forms, submission validation, live state, JSON Schema export;
//! * [`xlsform`] — reading forms from XLSForm `.xlsx` workbooks;
//! * [`privacy`] — GDPR rules bound to forms: classification, purposes, retention, pseudonyms, consent, requests;
//! * [`disclosure`] — statistical disclosure control: k-anonymity, risk, cell suppression;
//! * [`feedback`] — complaint and feedback mechanisms, testimonies under consent;
//! * [`data`] — record tables: typed, columnar, from CSV and JSON lines, nothing lost;
//! * [`compute`] — the indicator engine: one pass, mergeable partial state, provenance;
//! * [`quality`] — completeness, timeliness, duplicates, validation rules, outliers;
//! * [`report`] — the SITREP and the annual report in Markdown, HTML, CSV, JSON and XLSX;
//! * [`plan`] — the MEAL plan, coverage checks, the reporting calendar, lessons learned;
//! * [`template`] — logframes, MEAL plans and lessons registers authored in `.xlsx` workbooks;
//! * [`interop`] — IATI results, HXL hashtags, MANO exports, migration with reconciliation.

pub mod compute;
pub mod data;
pub mod disclosure;
pub mod document;
pub mod envelope;
pub mod error;
pub mod expr;
pub mod feedback;
pub mod form;
pub mod i18n;
pub mod indicator;
pub mod input;
pub mod interop;
pub mod logframe;
mod parallel;
pub mod period;
pub mod plan;
pub mod privacy;
pub mod quality;
pub mod report;
pub mod template;
pub mod text;
mod workbook;
pub mod xlsform;

pub use error::{Finding, MealError, Severity};
pub use i18n::Locale;
