//! The quality-checks document: which columns place a record (project, site, date), what is
//! expected of the records, and which rules and outlier tests apply.
//!
//! ```json
//! {"format_version": 1, "project": "project", "site": "site", "date": "date",
//!  "period_type": "Monthly",
//!  "required": ["sex", "age"],
//!  "numeric": [],
//!  "expected_reports": [{"project": "IDF", "site": "day_centre", "from": "2026-01-01", "to": null}],
//!  "timeliness": {"submitted": "submitted_at", "timely_days": 7},
//!  "duplicates": {"ignore": ["record_id", "submitted_at"], "key": ["person", "date", "activity"]},
//!  "rules": [{"code": "VR-AGE", "name": {"en": "Age at most 120", "fr": "Âge d'au plus 120 ans"},
//!             "left": "${age}", "operator": "less_than_or_equal_to", "right": "120",
//!             "importance": "high", "missing_value_strategy": "skip_if_any_value_missing"}],
//!  "outliers": [{"column": "nights", "method": "modified_z_score", "threshold": "3.5",
//!                "group_by": ["project", "site"]}]}
//! ```
//!
//! Each part is described where its check lives: [`super::completeness`] (`required`,
//! `expected_reports`), [`super::timeliness`], [`super::duplicates`], [`super::rules`],
//! [`super::outliers`] (`outliers`, `numeric`). `project`, `site`, `date` and `period_type`
//! place every record in one scorecard row (project, site, period); they are required so that
//! a reader of the document sees where its figures come from.
//!
//! # Checking a document against a table
//!
//! [`Checks::check_against`] lists every problem of the document for a schema, as findings
//! (paths into the document); [`super::check`] refuses to run while one of them is an error and
//! returns the first as its `MealError`. Rule expressions are parsed and type-checked with the
//! expression language: their errors keep the language's codes (`expr.syntax`,
//! `expr.unknown_field`, …) with the path of the expression (`/rules/0/left`).
//!
//! # Codes
//!
//! | code | kind | when | params |
//! |---|---|---|---|
//! | `quality.unknown_column` | finding (error) | a column the document names is not in the schema | `column` |
//! | `quality.column_type` | finding (error) | a column of the wrong type (project/site not text, date not a date, an outlier column not a number, a `numeric` column not text) | `column`, `expected` |
//! | `quality.date_not_required` | finding (error) | the date column is not required in the schema, so a record could have no period | `column` |
//! | `quality.bad_threshold` | finding (error) | an outlier threshold that is not above 0 | `threshold` |
//! | `quality.duplicate_rule` | finding (error) | two rules share a code | `rule` |
//! | `quality.range_reversed` | finding (error) | an expected-reports range ends before it starts | `from`, `to` |

use serde::{Deserialize, Serialize};

use crate::data::{ColumnType, Schema};
use crate::document::Parsed;
use crate::error::{Finding, MealError};
use crate::i18n::{Message, Term};
use crate::period::PeriodType;
use crate::quality::completeness::ExpectedReports;
use crate::quality::duplicates::Duplicates;
use crate::quality::outliers::OutlierCheck;
use crate::quality::rules::{self, Rule};
use crate::quality::timeliness::Timeliness;

/// Current format version.
pub const FORMAT_VERSION: u32 = 1;

/// The checks to run on a table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Checks {
    pub format_version: u32,
    /// Column holding the project code (text).
    pub project: String,
    /// Column holding the site (text); an empty site is a scorecard row of its own.
    pub site: String,
    /// Column holding the record's date (date or date-time, required in the schema).
    pub date: String,
    /// The periods of the scorecard and of expected reports.
    pub period_type: PeriodType,
    /// Columns expected filled: completeness is the share of these cells filled.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub required: Vec<String>,
    /// Text columns whose values must read as numbers (DHIS2's INVALID_NUMERIC).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub numeric: Vec<String>,
    /// Which project and site must report, from when to when.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub expected_reports: Vec<ExpectedReports>,
    /// When a report is on time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timeliness: Option<Timeliness>,
    /// Exact and key duplicates.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duplicates: Option<Duplicates>,
    /// Validation rules, DHIS2 style, evaluated on each record.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rules: Vec<Rule>,
    /// Outlier tests.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub outliers: Vec<OutlierCheck>,
}

/// What a column named by the document must be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Expect {
    Any,
    Text,
    Date,
    Number,
}

impl Expect {
    fn accepts(self, column_type: ColumnType) -> bool {
        match self {
            Expect::Any => true,
            Expect::Text => column_type == ColumnType::Text,
            Expect::Date => matches!(column_type, ColumnType::Date | ColumnType::DateTime),
            Expect::Number => matches!(column_type, ColumnType::Integer | ColumnType::Decimal),
        }
    }

    fn name(self) -> &'static str {
        match self {
            Expect::Any => "any",
            Expect::Text => "text",
            Expect::Date => "date",
            Expect::Number => "number",
        }
    }
}

impl Checks {
    /// Reads a checks document (`document::read`: syntax, version, shape, unknown fields).
    pub fn from_json(json: &str) -> Result<Parsed<Checks>, MealError> {
        crate::document::read(json, "quality_checks", FORMAT_VERSION)
    }

    /// Every problem of this document for a table of `schema`, sorted by path then code.
    pub fn check_against(&self, schema: &Schema) -> Vec<Finding> {
        let mut findings = Vec::new();
        let mut column = |path: String, name: &str, expect: Expect| {
            findings.extend(column_finding(schema, path, name, expect));
        };
        column("/project".into(), &self.project, Expect::Text);
        column("/site".into(), &self.site, Expect::Text);
        column("/date".into(), &self.date, Expect::Date);
        for (i, name) in self.required.iter().enumerate() {
            column(format!("/required/{i}"), name, Expect::Any);
        }
        for (i, name) in self.numeric.iter().enumerate() {
            column(format!("/numeric/{i}"), name, Expect::Text);
        }
        if let Some(timeliness) = &self.timeliness {
            column(
                "/timeliness/submitted".into(),
                &timeliness.submitted,
                Expect::Date,
            );
        }
        if let Some(duplicates) = &self.duplicates {
            for (i, name) in duplicates.ignore.iter().enumerate() {
                column(format!("/duplicates/ignore/{i}"), name, Expect::Any);
            }
            for (i, name) in duplicates.key.iter().enumerate() {
                column(format!("/duplicates/key/{i}"), name, Expect::Any);
            }
        }
        for (i, outlier) in self.outliers.iter().enumerate() {
            column(
                format!("/outliers/{i}/column"),
                &outlier.column,
                Expect::Number,
            );
            for (j, name) in outlier.group_by.iter().enumerate() {
                column(format!("/outliers/{i}/group_by/{j}"), name, Expect::Any);
            }
        }
        findings.extend(self.date_required(schema));
        findings.extend(self.shape_findings());
        for (i, rule) in self.rules.iter().enumerate() {
            findings.extend(rules::expression_findings(
                rule,
                schema,
                &format!("/rules/{i}"),
            ));
        }
        crate::error::sort_findings(&mut findings);
        findings
    }

    /// The date column must be required so that every loaded record has a period.
    fn date_required(&self, schema: &Schema) -> Option<Finding> {
        let spec = schema.columns.iter().find(|c| c.name == self.date)?;
        (!spec.required).then(|| {
            Finding::error("quality.date_not_required", "/date").with("column", &self.date)
        })
    }

    /// Problems of the document itself: thresholds, rule codes, date ranges.
    fn shape_findings(&self) -> Vec<Finding> {
        let mut findings = Vec::new();
        for (i, outlier) in self.outliers.iter().enumerate() {
            if let Some(threshold) = outlier
                .threshold
                .filter(|t| *t <= rust_decimal::Decimal::ZERO)
            {
                findings.push(
                    Finding::error("quality.bad_threshold", format!("/outliers/{i}/threshold"))
                        .with("threshold", threshold),
                );
            }
        }
        let mut codes = std::collections::BTreeSet::new();
        for (i, rule) in self.rules.iter().enumerate() {
            if !codes.insert(rule.code.as_str()) {
                findings.push(
                    Finding::error("quality.duplicate_rule", format!("/rules/{i}/code"))
                        .with("rule", &rule.code),
                );
            }
        }
        for (i, expected) in self.expected_reports.iter().enumerate() {
            if let Some(to) = expected.to.filter(|to| *to < expected.from) {
                findings.push(
                    Finding::error("quality.range_reversed", format!("/expected_reports/{i}"))
                        .with("from", expected.from)
                        .with("to", to),
                );
            }
        }
        findings
    }
}

/// The finding for a column named at `path` that is absent or of the wrong type.
fn column_finding(schema: &Schema, path: String, name: &str, expect: Expect) -> Option<Finding> {
    match schema.columns.iter().find(|c| c.name == name) {
        None => Some(Finding::error("quality.unknown_column", path).with("column", name)),
        Some(spec) if !expect.accepts(spec.column_type) => Some(
            Finding::error("quality.column_type", path)
                .with("column", name)
                .with("expected", expect.name()),
        ),
        Some(_) => None,
    }
}

/// Messages of the codes this file raises.
pub const MESSAGES: &[Message] = &[
    Message {
        code: "quality.unknown_column",
        en: "The quality checks name the column {column}, which the table does not have",
        fr: "Les contrôles qualité citent la colonne {column}, absente de la table",
    },
    Message {
        code: "quality.column_type",
        en: "The column {column} must hold a {expected} for this check",
        fr: "La colonne {column} doit contenir une valeur de type {expected} pour ce contrôle",
    },
    Message {
        code: "quality.date_not_required",
        en: "The date column {column} must be required in the table's schema: a record without a date cannot be placed in a period",
        fr: "La colonne de date {column} doit être obligatoire dans le schéma de la table : un enregistrement sans date ne peut être rattaché à aucune période",
    },
    Message {
        code: "quality.bad_threshold",
        en: "The outlier threshold {threshold} must be above 0",
        fr: "Le seuil de valeur aberrante {threshold} doit être supérieur à 0",
    },
    Message {
        code: "quality.duplicate_rule",
        en: "Two validation rules have the code {rule}",
        fr: "Deux règles de validation ont le code {rule}",
    },
    Message {
        code: "quality.range_reversed",
        en: "Reports are expected from {from} to {to}: the end is before the start",
        fr: "Rapports attendus du {from} au {to} : la fin précède le début",
    },
];

/// The name of the checks document in messages (`document.invalid`, …).
pub const TERMS: &[Term] = &[Term {
    key: "quality_checks",
    en: "data-quality checks",
    fr: "contrôles de qualité des données",
}];
