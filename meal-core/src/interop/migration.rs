//! CONTRACT (owner: migration helper). Schema-to-schema migration with reconciliation: a
//! declarative [`Mapping`] (renames, value maps, type conversions, splits and merges of
//! fields, defaults) turns the records of one tool's export into another tool's schema, and the
//! [`Reconciliation`] accounts for every input record — migrated, or rejected with findings —
//! so counts in equal counts out (`rows_read == migrated + rejected.len()`).

use serde::{Deserialize, Serialize};

use crate::data::{Loaded, Schema, Table};
use crate::document::Parsed;
use crate::error::{Finding, MealError};
use crate::i18n::{Message, Term};

/// The format version this library reads and writes.
pub const FORMAT_VERSION: u32 = 1;

/// How every column of the target schema is produced from a source record. The helper fixes
/// the rule shapes (rename, value map, conversion, split, merge, default) in the module docs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mapping {
    pub format_version: u32,
    /// The schema records are migrated into.
    pub target: Schema,
    pub columns: Vec<serde_json::Value>,
}

/// One input record that did not make it, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RejectedRecord {
    /// 1-based record number in the source (as `Loaded` numbers them).
    pub source_row: u64,
    pub findings: Vec<Finding>,
}

/// The accounting of a migration.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reconciliation {
    /// Records in the source (loaded or rejected at load).
    pub rows_read: u64,
    pub migrated: u64,
    /// Records rejected at load or by the mapping, in source order.
    pub rejected: Vec<RejectedRecord>,
    /// Warnings about records that were migrated (a value mapped to a default, …).
    pub findings: Vec<Finding>,
}

/// The migrated table and its reconciliation.
#[derive(Debug)]
pub struct Migration {
    pub table: Table,
    pub reconciliation: Reconciliation,
}

impl Mapping {
    /// Reads a mapping (syntax, version, shape; unknown fields as findings).
    pub fn from_json(json: &str) -> Result<Parsed<Mapping>, MealError> {
        crate::document::read(json, "migration_mapping", FORMAT_VERSION)
    }

    /// Checks the mapping against the source schema (unknown source column, target column with
    /// no rule, …).
    pub fn check(&self, source: &Schema) -> Vec<Finding> {
        let _ = source;
        Vec::new()
    }

    /// Migrates the loaded source records (load rejections are carried into the report).
    pub fn migrate(&self, source: &Loaded) -> Result<Migration, MealError> {
        let _ = source;
        Err(MealError::new("migration.invalid_mapping"))
    }
}

/// Every code this file raises, in English and French.
pub const MESSAGES: &[Message] = &[Message {
    code: "migration.invalid_mapping",
    en: "The migration mapping cannot be applied",
    fr: "La correspondance de migration ne peut pas être appliquée",
}];

/// The document names of this file, in messages.
pub const TERMS: &[Term] = &[Term {
    key: "migration_mapping",
    en: "migration mapping",
    fr: "correspondance de migration",
}];
