//! Interoperability: IATI 2.03 results out and in, HXL hashtag patterns, the MANO case-tool
//! export, and schema-to-schema migration with its reconciliation.
//!
//! IATI crosses as text — the XML file a donor portal takes, and the activities read back as
//! JSON (as the core serialises them: decimals as strings, dates ISO) — because that is what an
//! app stores or sends on. The export request is JSON text (`{"organisation": {"ref", "type",
//! "name": {"en", "fr"}}, "activity_prefix", "generated", "periods": [id]}`), as every binding
//! takes it. HXL-tagged CSV is `Table.toCsv()`. Tables the MANO reader and a migration produce
//! are the binding's `Loaded` and `Table`, so they feed the engine and the quality checks.

use std::sync::Arc;

use meal_core::error::merged_findings;
use meal_core::interop::{hxl, iati, mano, migration};

use crate::compute::Results;
use crate::data::{Loaded, Rejected, Schema, Table};
use crate::error::Result;
use crate::logframe::{Finding, Logframe};

// ---- IATI ----

/// The IATI 2.03 activities file (`iati-activities version="2.03"`, one activity per
/// logframe: result → indicator → baseline → period target/actual with dimensions) of
/// `logframes` and, when given, their computed `results` for the request's periods. Errors
/// `json.malformed`, `document.invalid` (the request), `iati.*` (what IATI forbids and cannot
/// be mended).
#[uniffi::export]
pub fn iati_export(
    logframes: Vec<Arc<Logframe>>,
    results: Option<Arc<Results>>,
    request_json: String,
) -> Result<String> {
    let request = iati::IatiRequest::from_json(&request_json)?;
    let logframes: Vec<_> = logframes.iter().map(|l| l.core().clone()).collect();
    let activities =
        iati::Activities::from_logframes(&logframes, results.as_ref().map(|r| r.core()), &request)?;
    Ok(activities.to_xml())
}

/// Reads an IATI activities file into what this library carries of it, as JSON text
/// (`{"generated", "activities": [{"identifier", "organisation", "title", "results"}]}`).
/// Errors `iati.malformed` (not XML), `iati.invalid` (an element or attribute the model needs
/// is missing or wrong).
#[uniffi::export]
pub fn iati_import(xml: String) -> Result<String> {
    let activities = iati::Activities::from_xml(&xml)?;
    Ok(serde_json::to_string(&activities).unwrap_or_default())
}

// ---- HXL ----

/// The names of the schema's columns whose HXL hashtag matches `pattern` (`#affected+f-adult`:
/// the tag, attributes that must be present, attributes that must not), in column order.
/// Error `hxl.invalid_pattern`.
#[uniffi::export]
pub fn hxl_columns(schema: Arc<Schema>, pattern: String) -> Result<Vec<String>> {
    let pattern = hxl::Pattern::parse(&pattern)?;
    Ok(hxl::columns_matching(schema.core(), &pattern))
}

// ---- MANO ----

/// One sheet of a MANO export, read into a typed table.
#[derive(Debug, Clone, uniffi::Record)]
pub struct ManoSheet {
    /// The sheet name as in the workbook (`personnes suivies`, `actions`, …).
    pub name: String,
    /// Every row loaded or rejected with its findings.
    pub loaded: Arc<Loaded>,
}

/// A MANO export, sheet by sheet.
#[derive(Debug, Clone, uniffi::Record)]
pub struct ManoExport {
    pub sheets: Vec<ManoSheet>,
    /// Workbook-level findings (unknown sheet, unknown column, …), messages in the requested
    /// locale.
    pub findings: Vec<Finding>,
}

/// Reads the `data.xlsx` export of MANO. `configJson` is the organisation's custom-field
/// configuration (MANO's `customFieldsPersons`, … shape), when known: its fields are then typed
/// by their MANO field type. Findings' messages in `locale`. Error `mano.unreadable`.
#[uniffi::export]
pub fn read_mano_export(
    bytes: Vec<u8>,
    config_json: Option<String>,
    locale: String,
) -> Result<ManoExport> {
    let export = mano::read_export(&bytes, config_json.as_deref())?;
    Ok(ManoExport {
        sheets: export
            .sheets
            .into_iter()
            .map(|sheet| ManoSheet {
                name: sheet.name,
                loaded: Loaded::wrap(sheet.loaded),
            })
            .collect(),
        findings: Finding::all_from_core(export.findings, &locale),
    })
}

// ---- migration ----

/// A declarative mapping (renames, value maps, type conversions, splits and merges of fields,
/// defaults) from one tool's export to another tool's schema. Immutable.
#[derive(Debug, uniffi::Object)]
pub struct Mapping {
    mapping: migration::Mapping,
    reading: Vec<meal_core::Finding>,
}

#[uniffi::export]
impl Mapping {
    /// Reads a mapping document. Errors `json.malformed`, `document.*`; unknown fields are
    /// findings.
    #[uniffi::constructor]
    pub fn from_json(json: String) -> Result<Arc<Mapping>> {
        let parsed = migration::Mapping::from_json(&json)?;
        Ok(Arc::new(Mapping {
            mapping: parsed.value,
            reading: parsed.findings,
        }))
    }

    /// The reading findings (unknown fields), sorted, messages in `locale`.
    pub fn findings(&self, locale: String) -> Vec<Finding> {
        Finding::all_from_core(self.reading.clone(), &locale)
    }

    /// The schema records are migrated into.
    pub fn target(&self) -> Arc<Schema> {
        Schema::wrap(self.mapping.target.clone())
    }

    /// The mapping checked against the `source` schema (unknown source column, target column
    /// with no rule, …), with the reading findings of both documents, sorted by path then
    /// code, messages in `locale`.
    pub fn check(&self, source: Arc<Schema>, locale: String) -> Vec<Finding> {
        let reading = [source.reading(), self.reading.as_slice()].concat();
        let all = merged_findings(&reading, self.mapping.check(source.core()));
        Finding::all_from_core(all, &locale)
    }

    /// The mapping document as JSON text (read back identically by `fromJson`).
    pub fn to_json(&self) -> String {
        self.mapping.to_json()
    }

    /// Migrates the loaded source records; rows rejected at load are carried into the
    /// reconciliation. Error `migration.invalid_mapping`.
    pub fn migrate(&self, source: Arc<Loaded>) -> Result<Arc<Migration>> {
        Ok(Migration::wrap(self.mapping.migrate(&source.to_core())?))
    }

    /// Reads CSV text against `source` and migrates it: `migrate(Loaded.fromCsv(source, csv))`.
    /// Errors those of `Loaded.fromCsv` and `migrate`.
    pub fn migrate_csv(&self, source: Arc<Schema>, csv: String) -> Result<Arc<Migration>> {
        let loaded = meal_core::data::Table::from_csv(source.core(), &csv)?;
        Ok(Migration::wrap(self.mapping.migrate(&loaded)?))
    }
}

/// The migrated records and their reconciliation: every input record migrated or rejected, so
/// `rowsRead == migrated + rejected.size`. Immutable.
#[derive(Debug, uniffi::Object)]
pub struct Migration(migration::Migration);

impl Migration {
    fn wrap(migration: migration::Migration) -> Arc<Migration> {
        Arc::new(Migration(migration))
    }
}

#[uniffi::export]
impl Migration {
    /// The migrated records, typed by the mapping's target schema.
    pub fn table(&self) -> Arc<Table> {
        Table::wrap(self.0.table.clone())
    }

    /// Records in the source (loaded or rejected at load).
    pub fn rows_read(&self) -> u64 {
        self.0.reconciliation.rows_read
    }

    /// Records migrated.
    pub fn migrated(&self) -> u64 {
        self.0.reconciliation.migrated
    }

    /// Records rejected at load or by the mapping, in source order (`row` the 1-based source
    /// record number), messages in `locale`.
    pub fn rejected(&self, locale: String) -> Vec<Rejected> {
        self.0
            .reconciliation
            .rejected
            .iter()
            .map(|r| Rejected {
                row: r.source_row,
                findings: Finding::all_from_core(r.findings.clone(), &locale),
            })
            .collect()
    }

    /// Warnings about records that were migrated (a value mapped to a default, …), messages
    /// in `locale`.
    pub fn findings(&self, locale: String) -> Vec<Finding> {
        Finding::all_from_core(self.0.reconciliation.findings.clone(), &locale)
    }

    /// Everything at once as JSON text, as every binding gives it: `{"reconciliation": ...,
    /// "rows": [objects as `Table.toJsonLines` writes them]}`.
    pub fn summary_json(&self) -> String {
        self.0.summary_json().to_string()
    }

    /// The reconciliation report as JSON text, as the core serialises it (`{rows_read,
    /// migrated, rejected: [{source_row, findings}], findings}`), to keep with the migration.
    pub fn reconciliation_json(&self) -> String {
        serde_json::to_string(&self.0.reconciliation).unwrap_or_default()
    }
}
