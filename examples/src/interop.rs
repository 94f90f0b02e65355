//! Section 10 of the demo: what leaves the mission and what comes in. The 2026Q1 figures of
//! section 8 exported as an IATI 2.03 results file (`./out/iati-2026Q1.xml`, one activity per
//! project), and a migration of a legacy case-tool export (VOOZANOO-like, with deliberate
//! defects) into a MANO-like schema, followed record by record: counts in equal counts out.

use std::collections::BTreeMap;
use std::path::Path;

use meal_core::compute::Results;
use meal_core::data::{Schema, Table};
use meal_core::input::parse_date_time;
use meal_core::interop::iati::{Activities, IatiRequest, Organisation};
use meal_core::interop::migration::Mapping;
use meal_core::logframe::Logframe;
use meal_core::period::Period;
use meal_core::text::Text;
use meal_core::{Finding, Locale, MealError};
use meal_demo::legacy;

use crate::{tr, Out};

/// Legacy records the migration example reads.
const LEGACY_RECORDS: u64 = 1_000;
const LEGACY_SCHEMA: &str = include_str!("../data/migration-voozanoo-schema.json");
const LEGACY_MAPPING: &str = include_str!("../data/migration-voozanoo-mano.json");

/// Prints the section. Returns true when a step failed (printed with its code).
pub fn section(
    out: &mut Out,
    locale: Locale,
    logframes: &[Logframe],
    results: Option<&Results>,
    out_dir: &Path,
) -> bool {
    out.heading(tr(
        locale,
        "10. Interoperability: IATI results out, a legacy case file in",
        "10. Interopérabilité : résultats IATI sortants, un ancien fichier de suivi entrant",
    ));
    let exported = iati(out, locale, logframes, results, out_dir);
    let migrated = migration(out, locale);
    let failed = exported.is_err() || migrated.is_err();
    for problem in [exported.err(), migrated.err()].into_iter().flatten() {
        out.line(format!("  {} {problem}", tr(locale, "ERROR", "ERREUR")));
    }
    failed
}

/// A failed step as the demo prints it: the code and the message, or the file and the reason.
fn explain(locale: Locale) -> impl Fn(MealError) -> String {
    move |error| format!("{}: {}", error.code, error.message(locale))
}

/// The reporting organisation of the reference mission (an illustrative identifier).
fn request() -> Result<IatiRequest, MealError> {
    Ok(IatiRequest {
        organisation: Organisation {
            reference: "FR-RNA-W000000000".to_owned(),
            kind: "21".to_owned(),
            name: Text::new(
                "Mission France (reference mission)",
                "Mission France (mission de référence)",
            ),
        },
        activity_prefix: "FR-RNA-W000000000-FRANCE".to_owned(),
        generated: parse_date_time("2026-04-15T09:00:00+02:00")?,
        periods: vec![Period::parse(crate::QUARTER)?],
        threshold: meal_core::report::DEFAULT_THRESHOLD,
    })
}

fn iati(
    out: &mut Out,
    locale: Locale,
    logframes: &[Logframe],
    results: Option<&Results>,
    out_dir: &Path,
) -> Result<(), String> {
    let activities = request()
        .and_then(|request| Activities::from_logframes(logframes, results, &request))
        .map_err(explain(locale))?;
    let xml = activities.to_xml();
    let path = out_dir.join(format!("iati-{}.xml", crate::QUARTER));
    std::fs::create_dir_all(out_dir)
        .and_then(|()| std::fs::write(&path, &xml))
        .map_err(|e| format!("{}: {e}", path.display()))?;
    for activity in &activities.activities {
        let indicators: usize = activity.results.iter().map(|r| r.indicators.len()).sum();
        out.line(format!(
            "  {:<28} {:>2} {}  {:>2} {}",
            activity.identifier,
            activity.results.len(),
            tr(locale, "results", "résultats"),
            indicators,
            tr(locale, "indicators", "indicateurs"),
        ));
    }
    out.line(format!(
        "  {} {} ({} {})",
        tr(
            locale,
            "IATI 2.03 file written:",
            "Fichier IATI 2.03 écrit :"
        ),
        path.display(),
        xml.len(),
        tr(locale, "bytes", "octets"),
    ));
    Ok(())
}

fn migration(out: &mut Out, locale: Locale) -> Result<(), String> {
    let export = legacy::legacy_export(LEGACY_RECORDS);
    let migration = migrate(&export.csv).map_err(explain(locale))?;
    let r = &migration.reconciliation;
    out.blank();
    out.line(tr(
        locale,
        "  Legacy export (VOOZANOO-like) migrated to the MANO person schema:",
        "  Ancien export (type VOOZANOO) migré vers le schéma des personnes de MANO :",
    ));
    out.line(format!(
        "    {} {}  =  {} {}  +  {} {}",
        r.rows_read,
        tr(locale, "records in", "dossiers lus"),
        r.migrated,
        tr(locale, "migrated", "migrés"),
        r.rejected.len(),
        tr(locale, "rejected", "rejetés"),
    ));
    let rejected = r.rejected.iter().flat_map(|record| &record.findings);
    print_codes(out, tr(locale, "rejected:", "rejetés :"), rejected);
    let warned = tr(
        locale,
        "migrated with a warning:",
        "migrés avec un avertissement :",
    );
    print_codes(out, warned, &r.findings);
    Ok(())
}

/// How many findings of each code, under a heading.
fn print_codes<'a>(out: &mut Out, heading: &str, findings: impl IntoIterator<Item = &'a Finding>) {
    let mut by_code: BTreeMap<&str, usize> = BTreeMap::new();
    for finding in findings {
        *by_code.entry(finding.code.as_str()).or_default() += 1;
    }
    out.line(format!("    {heading}"));
    for (code, count) in by_code {
        out.line(format!("      {count:>4}  {code}"));
    }
}

fn migrate(csv: &str) -> Result<meal_core::interop::migration::Migration, MealError> {
    let schema: Schema = Schema::from_json(LEGACY_SCHEMA)?.value;
    let mapping = Mapping::from_json(LEGACY_MAPPING)?.value;
    let loaded = Table::from_csv(&schema, csv)?;
    mapping.migrate(&loaded)
}
