//! The two kinds of failure.
//!
//! * [`MealError`]: an operation could not proceed (unparseable input, unknown reference,
//!   a cycle that makes a document meaningless). Returned as `Err`.
//! * [`Finding`]: a document or record was read and has a problem. Returned as data, many at
//!   once, with a [`Severity`] so soft checks (warnings) live beside blocking ones.
//!
//! Both carry a stable machine `code` (`period.invalid`, `logframe.orphan_indicator`, …) that
//! never changes once released, a `path` to the offending place, and `params` that the
//! [`crate::i18n`] catalogue interpolates into French and English messages.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::i18n::{self, Locale};

/// Named values interpolated into a message (`{id}`, `{expected}`, …). Sorted for determinism.
pub type Params = BTreeMap<String, String>;

/// An operation failed. `code` is stable across releases and identical in every binding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MealError {
    /// Stable machine code, e.g. `period.invalid`.
    pub code: String,
    /// Where the problem is: a JSON pointer-like path (`/objectives/3/parent`) or the input itself.
    pub path: String,
    /// Values interpolated into the message.
    pub params: Params,
}

impl MealError {
    /// A new error with `code` and no path or params.
    pub fn new(code: &str) -> Self {
        Self {
            code: code.to_owned(),
            path: String::new(),
            params: Params::new(),
        }
    }

    /// Sets the path to the offending place.
    #[must_use]
    pub fn at(mut self, path: impl Into<String>) -> Self {
        self.path = path.into();
        self
    }

    /// Adds a message parameter.
    #[must_use]
    pub fn with(mut self, name: &str, value: impl ToString) -> Self {
        self.params.insert(name.to_owned(), value.to_string());
        self
    }

    /// The message in `locale`, rendered from the catalogue.
    pub fn message(&self, locale: Locale) -> String {
        i18n::render(&self.code, &self.params, locale)
    }
}

impl fmt::Display for MealError {
    /// English message prefixed by the code, so logs stay greppable by code.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code, self.message(Locale::En))
    }
}

impl std::error::Error for MealError {}

/// How much a finding matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Blocks use of the document or record.
    Error,
    /// Should be looked at; does not block.
    Warning,
    /// For information only.
    Info,
}

impl Severity {
    /// The lowercase name used in JSON and every binding.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// One validation result about a document or record.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Finding {
    /// Stable machine code, e.g. `logframe.duplicate_code`.
    pub code: String,
    /// Where in the document: `/objectives/2/parent`.
    pub path: String,
    /// Error, warning or info.
    pub severity: Severity,
    /// Values interpolated into the message.
    pub params: Params,
}

impl Finding {
    /// A blocking finding.
    pub fn error(code: &str, path: impl Into<String>) -> Self {
        Self::new(code, path, Severity::Error)
    }

    /// A non-blocking finding.
    pub fn warning(code: &str, path: impl Into<String>) -> Self {
        Self::new(code, path, Severity::Warning)
    }

    /// A finding for information only.
    pub fn info(code: &str, path: impl Into<String>) -> Self {
        Self::new(code, path, Severity::Info)
    }

    fn new(code: &str, path: impl Into<String>, severity: Severity) -> Self {
        Self {
            code: code.to_owned(),
            path: path.into(),
            severity,
            params: Params::new(),
        }
    }

    /// Adds a message parameter.
    #[must_use]
    pub fn with(mut self, name: &str, value: impl ToString) -> Self {
        self.params.insert(name.to_owned(), value.to_string());
        self
    }

    /// The message in `locale`, rendered from the catalogue.
    pub fn message(&self, locale: Locale) -> String {
        i18n::render(&self.code, &self.params, locale)
    }

    /// True when the finding blocks use of what it is about.
    pub fn is_blocking(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// A document's findings: those of reading it (unknown fields, duplicate keys) and those of
/// checking it, sorted — what every binding reports for a document it holds.
pub fn merged_findings(
    reading: &[Finding],
    checks: impl IntoIterator<Item = Finding>,
) -> Vec<Finding> {
    let mut all = reading.to_vec();
    all.extend(checks);
    sort_findings(&mut all);
    all
}

/// Sorts findings by path, then code, so every binding emits them in the same order.
pub fn sort_findings(findings: &mut [Finding]) {
    findings.sort_by(|a, b| (&a.path, &a.code, &a.params).cmp(&(&b.path, &b.code, &b.params)));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_display_carries_code_and_english_message() {
        let err = MealError::new("json.malformed")
            .with("line", 1)
            .with("column", 2)
            .with("detail", "EOF");
        let shown = err.to_string();
        assert!(shown.starts_with("json.malformed: "), "{shown}");
        assert!(shown.contains("line 1"), "{shown}");
    }

    #[test]
    fn findings_sort_by_path_then_code() {
        let mut found = vec![
            Finding::error("b.code", "/b"),
            Finding::warning("z.code", "/a"),
            Finding::error("a.code", "/a"),
        ];
        sort_findings(&mut found);
        let order: Vec<_> = found
            .iter()
            .map(|f| (f.path.as_str(), f.code.as_str()))
            .collect();
        assert_eq!(
            order,
            [("/a", "a.code"), ("/a", "z.code"), ("/b", "b.code")]
        );
    }
}
