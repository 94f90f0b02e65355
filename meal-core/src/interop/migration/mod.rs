//! Schema-to-schema migration with reconciliation: a declarative [`Mapping`] turns the records
//! of one tool's export (a loaded [`Table`]) into another tool's [`Schema`], and the
//! [`Reconciliation`] accounts for every input record — migrated, or rejected with findings —
//! so counts in equal counts out: `rows_read == migrated + rejected.len()`, always.
//!
//! | file | concept |
//! |---|---|
//! | `rule.rs` | one target column's rule and how it turns a source record into a value |
//! | `check.rs` | the mapping checked against the source schema before anything is migrated |
//! | `apply.rs` | migrating every record and accounting for it (the reconciliation) |
//!
//! # The mapping document (`format_version` 1)
//!
//! ```json
//! { "format_version": 1,
//!   "target": { "format_version": 1, "columns": [ … a data::Schema … ] },
//!   "key": "person_id",
//!   "columns": [
//!     { "target": "person_id", "from": "N° dossier" },
//!     { "target": "name", "merge": ["Prénom", "Nom"], "separator": " " },
//!     { "target": "postcode", "split": "Adresse", "separator": ",", "part": 1 },
//!     { "target": "gender", "from": "Sexe", "map": {"H": "Homme", "F": "Femme"}, "unmapped": "reject" },
//!     { "target": "services", "from": "Services", "list": ";", "map": {"Douche": "shower"} },
//!     { "target": "birthdate", "from": "Date de naissance", "format": "%d/%m/%Y" },
//!     { "target": "income", "from": "Ressources (€)", "decimal_comma": true },
//!     { "target": "housed", "from": "Hébergé", "yes": ["Oui", "O"], "no": ["Non", "N"] },
//!     { "target": "status", "default": "active" } ] }
//! ```
//!
//! Each target column has at most one rule; a value is produced in this order (`rule.rs`):
//! 1. **source** — exactly one of `from` (a rename), `merge` (the non-empty source values
//!    joined by `separator`, default one space), `split` (the source value cut at `separator`,
//!    part `part`, 0-based, default 0, trimmed; a missing part is empty); or none, for a
//!    constant column given by `default`. Source values are read as text (a typed source column
//!    as `Table::to_json_lines` writes it).
//! 2. **list** (choices targets) — the value is a list cut at `list` (`;`, `, `), each item
//!    trimmed, empty items dropped, mapped one by one, and joined by one space, the library's
//!    choices encoding.
//! 3. **map** — a value map old → new, exact match. A value not in the map: `unmapped`
//!    `reject` (the default: a code nobody planned for is a defect) rejects the record with
//!    `migration.unmapped_value`; `keep` keeps it as it is; `default` puts `default` in its
//!    place with a warning (`migration.unmapped_default`).
//! 4. **conversion** to the target column's type: dates and timestamps in the source `format`
//!    (chrono `strftime`, `%d/%m/%Y`; a timestamp format without `%z` takes its `offset`,
//!    `+01:00`, which the rule must give — a wall-clock time alone is not an instant);
//!    numbers with a decimal comma (`decimal_comma`: spaces dropped, `,` read as `.`); yes/no
//!    words for booleans (`yes`, `no`, compared without case). Everything else goes to the
//!    data loader's rules unchanged (`data::cell`), which the migrated table is loaded by: a
//!    migrated record is typed exactly as a record loaded from CSV.
//! 5. **default** — when the value is still empty, `default` (written as the *target* column
//!    holds it: `2026-01-01`, `true`); a warning (`migration.default_used`) when the rule had a
//!    source, because then a missing value was filled in; none for a constant column.
//!
//! `key` (optional) names a target column whose values must be unique: the first record with a
//! value is migrated, later ones are rejected (`migration.duplicate_key`, with `first_row`) —
//! the duplicates an old tool let through must not become two cases in the new one. Records
//! are considered in source order, among those otherwise migrated.
//!
//! # Reconciliation
//!
//! Every source record is counted once: rejected at load (its `data.*` findings carried in),
//! rejected by the mapping (all its problems, not only the first: mapping findings and the
//! target loader's findings, the latter dropped for a column the mapping already faulted), or
//! migrated. `rejected` is in source-row order, each record's findings sorted by column then
//! code. `findings` holds, in this order, the mapping's non-blocking check findings, the source
//! load's findings (`data.unknown_column`, …) and the warnings about migrated records, in
//! source order (param `row`).
//!
//! # Codes
//!
//! | code | severity | when |
//! |---|---|---|
//! | `migration.invalid_mapping` | `MealError` | `migrate` on a mapping whose check has an error (`code`, path of the first) |
//! | `migration.unknown_target` | error | a rule's `target` (or `key`) is not a target column |
//! | `migration.duplicate_rule` | error | two rules for one target column |
//! | `migration.no_rule` | error if the column is required, else warning | a target column no rule produces |
//! | `migration.ambiguous_source` | error | more than one of `from`, `merge`, `split` |
//! | `migration.no_source` | error | none of them and no `default` |
//! | `migration.unknown_source` | error | a source column the source schema does not have |
//! | `migration.no_separator` | error | `split` without `separator`, or an empty `separator`/`list` |
//! | `migration.misplaced_option` | error | an option that does nothing for this rule or target type (`option`) |
//! | `migration.bad_format` | error | a date `format` chrono cannot read |
//! | `migration.no_offset` | error | a timestamp `format` without `%z` and no `offset` |
//! | `migration.bad_offset` | error | an `offset` that is not `±HH:MM` |
//! | `migration.no_default` | error | `unmapped: default` without a `default` |
//! | `migration.bad_default` | error | a `default` the target column cannot hold (`code` of the loader) |
//! | `migration.unmapped_value` | error (record) | a value not in the map (`unmapped: reject`) |
//! | `migration.bad_date` | error (record) | a value that is not a date in `format` (31/02 included) |
//! | `migration.bad_boolean` | error (record) | a value in neither `yes` nor `no` |
//! | `migration.duplicate_key` | error (record) | a `key` value already migrated (`first_row`) |
//! | `migration.default_used` | warning (record) | an empty value filled by `default` |
//! | `migration.unmapped_default` | warning (record) | a value not in the map replaced by `default` |
//!
//! Record findings have the target column as path and param `column`; the target loader's
//! codes (`data.required`, `data.not_integer`, …) appear as in `data::table`, with the value as
//! converted.

mod apply;
mod check;
mod rule;

use serde::{Deserialize, Serialize};

use crate::data::{Loaded, Schema, Table};
use crate::document::Parsed;
use crate::error::{merged_findings, Finding, MealError};
use crate::i18n::{Message, Term};

pub use rule::{Rule, Unmapped};

/// The format version this library reads and writes.
pub const FORMAT_VERSION: u32 = 1;

/// How every column of the target schema is produced from a source record (module docs).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mapping {
    pub format_version: u32,
    /// The schema records are migrated into.
    pub target: Schema,
    /// A target column whose values must be unique (later duplicates are rejected).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// One rule per target column.
    pub columns: Vec<Rule>,
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

    /// The mapping as JSON, read back identically by [`Mapping::from_json`].
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// Checks the mapping against the source schema (module docs, "Codes"), sorted by path
    /// then code.
    pub fn check(&self, source: &Schema) -> Vec<Finding> {
        check::check(self, source)
    }

    /// Migrates the loaded source records (load rejections are carried into the report).
    /// Error `migration.invalid_mapping` when [`Mapping::check`] finds an error.
    pub fn migrate(&self, source: &Loaded) -> Result<Migration, MealError> {
        apply::migrate(self, source)
    }
}

impl Migration {
    /// What the bindings and the `migration.run` vectors return: `{reconciliation, rows}`,
    /// the reconciliation as serde writes it and the rows as [`Table::to_json_lines`] does.
    pub fn summary_json(&self) -> serde_json::Value {
        let rows: Vec<serde_json::Value> = (0..self.table.len())
            .map(|row| serde_json::Value::Object(self.table.row_json(row)))
            .collect();
        serde_json::json!({
            "reconciliation": serde_json::to_value(&self.reconciliation).unwrap_or_default(),
            "rows": rows,
        })
    }
}

/// The findings of a mapping document against a source schema document, for the bindings
/// (`migration.check`): reading findings of both and [`Mapping::check`], sorted.
pub fn check_documents(source_schema: &str, mapping: &str) -> Result<Vec<Finding>, MealError> {
    let source = Schema::from_json(source_schema)?;
    let mapping = Mapping::from_json(mapping)?;
    let reading: Vec<Finding> = source
        .findings
        .into_iter()
        .chain(mapping.findings)
        .collect();
    Ok(merged_findings(
        &reading,
        mapping.value.check(&source.value),
    ))
}

/// Loads `csv` by the source schema document and migrates it by the mapping document, for the
/// bindings (`migration.run`). Errors: the schema's or mapping's reading errors, the CSV
/// loader's (`data.no_header`, …), `migration.invalid_mapping`.
pub fn migrate_csv(source_schema: &str, csv: &str, mapping: &str) -> Result<Migration, MealError> {
    let source = Schema::from_json(source_schema)?.value;
    let loaded = Table::from_csv(&source, csv)?;
    Mapping::from_json(mapping)?.value.migrate(&loaded)
}

/// Every code this module raises, in English and French.
pub const MESSAGES: &[Message] = &[
    Message {
        code: "migration.invalid_mapping",
        en: "The migration mapping cannot be applied: {code} at {path}",
        fr: "La correspondance de migration ne peut pas être appliquée : {code} en {path}",
    },
    Message {
        code: "migration.unknown_target",
        en: "'{column}' is not a column of the target schema",
        fr: "« {column} » n'est pas une colonne du schéma cible",
    },
    Message {
        code: "migration.duplicate_rule",
        en: "Target column {column} has more than one rule",
        fr: "La colonne cible {column} a plus d'une règle",
    },
    Message {
        code: "migration.no_rule",
        en: "No rule produces target column {column}; it will be empty",
        fr: "Aucune règle ne produit la colonne cible {column} ; elle sera vide",
    },
    Message {
        code: "migration.ambiguous_source",
        en: "The rule for {column} gives more than one of from, merge and split",
        fr: "La règle de {column} donne plusieurs de from, merge et split",
    },
    Message {
        code: "migration.no_source",
        en: "The rule for {column} gives no source (from, merge, split) and no default",
        fr: "La règle de {column} ne donne ni source (from, merge, split) ni valeur par défaut",
    },
    Message {
        code: "migration.unknown_source",
        en: "Source column '{source}' (rule for {column}) is not in the source schema",
        fr: "La colonne source « {source} » (règle de {column}) n'est pas dans le schéma source",
    },
    Message {
        code: "migration.no_separator",
        en: "The rule for {column} needs a non-empty separator",
        fr: "La règle de {column} demande un séparateur non vide",
    },
    Message {
        code: "migration.misplaced_option",
        en: "Option {option} does nothing in the rule for {column} (a {type} column)",
        fr: "L'option {option} est sans effet dans la règle de {column} (colonne de type {type})",
    },
    Message {
        code: "migration.bad_format",
        en: "'{format}' is not a date format (rule for {column}); write e.g. %d/%m/%Y",
        fr: "« {format} » n'est pas un format de date (règle de {column}) ; écrivez par ex. %d/%m/%Y",
    },
    Message {
        code: "migration.no_offset",
        en: "The timestamp format of {column} has no %z; give the offset of its times (offset: \"+01:00\")",
        fr: "Le format d'horodatage de {column} n'a pas de %z ; donnez le décalage de ses heures (offset : \"+01:00\")",
    },
    Message {
        code: "migration.bad_offset",
        en: "'{value}' is not a UTC offset (rule for {column}); write e.g. +01:00",
        fr: "« {value} » n'est pas un décalage UTC (règle de {column}) ; écrivez par ex. +01:00",
    },
    Message {
        code: "migration.no_default",
        en: "The rule for {column} replaces unmapped values by the default but gives none",
        fr: "La règle de {column} remplace les valeurs absentes de la table par la valeur par défaut mais n'en donne pas",
    },
    Message {
        code: "migration.bad_default",
        en: "The default '{value}' cannot go in {column} ({code})",
        fr: "La valeur par défaut « {value} » ne peut pas aller dans {column} ({code})",
    },
    Message {
        code: "migration.unmapped_value",
        en: "'{value}' has no correspondence in the value map of {column}",
        fr: "« {value} » n'a pas de correspondance dans la table de valeurs de {column}",
    },
    Message {
        code: "migration.bad_date",
        en: "'{value}' is not a date in the format {format} (column {column})",
        fr: "« {value} » n'est pas une date au format {format} (colonne {column})",
    },
    Message {
        code: "migration.bad_boolean",
        en: "'{value}' is neither a yes nor a no word for {column}",
        fr: "« {value} » n'est ni un mot pour oui ni un mot pour non dans {column}",
    },
    Message {
        code: "migration.duplicate_key",
        en: "{column} '{value}' was already migrated from source row {first_row}",
        fr: "{column} « {value} » a déjà été migré depuis la ligne source {first_row}",
    },
    Message {
        code: "migration.default_used",
        en: "Source row {row}: {column} was empty and took the default '{value}'",
        fr: "Ligne source {row} : {column} était vide et a pris la valeur par défaut « {value} »",
    },
    Message {
        code: "migration.unmapped_default",
        en: "Source row {row}: '{value}' has no correspondence in the value map of {column}; the default was used",
        fr: "Ligne source {row} : « {value} » n'a pas de correspondance dans la table de valeurs de {column} ; la valeur par défaut a été utilisée",
    },
];

/// The document names of this module, in messages.
pub const TERMS: &[Term] = &[Term {
    key: "migration_mapping",
    en: "migration mapping",
    fr: "correspondance de migration",
}];
