//! Section 8 of the demo, the main job: the mission's records for 2026Q1, from the field to the
//! SITREP.
//!
//! 1. The synthetic records of the whole mission (`meal_demo::synthetic`, fixed seed, the
//!    mission's real volume) are written as CSV and loaded against `data/records-schema.json`:
//!    every row is loaded or rejected with its reasons.
//! 2. Every quantitative indicator of the four logframes is computed for 2026Q1 and its three
//!    months in one pass (`data/recipes.json`).
//! 3. The data quality is checked (`data/quality-checks.json`).
//! 4. The mission's SITREP for 2026Q1 is written to the output directory for an external
//!    audience (small cells suppressed) in every format, and once for internal use.
//!
//! Each step prints its failure with its code and stops only what depends on it.

use std::collections::BTreeMap;
use std::path::Path;

use meal_core::compute::Results;
use meal_core::data::{Loaded, Table};
use meal_core::indicator::Status;
use meal_core::logframe::Logframe;
use meal_core::period::Period;
use meal_core::quality::{self, QualityReport};
use meal_core::report::{Audience, Format, Scope, Sitrep, SitrepRequest};
use meal_core::{Finding, Locale, MealError, Severity};
use meal_demo::{reference, synthetic};
use rust_decimal::Decimal;

use crate::{print_findings, status_label, tr, Out};

/// Every format a SITREP is written in.
const FORMATS: [Format; 5] = [
    Format::Markdown,
    Format::Html,
    Format::Csv,
    Format::Json,
    Format::Xlsx,
];

/// What the section did, for the caller's exit code.
#[derive(Debug, Default)]
pub struct Outcome {
    /// A step could not be done (printed with its code).
    pub failed: bool,
    /// The 2026Q1 figures, for the sections that report them further (IATI).
    pub results: Option<Results>,
}

/// Prints the section; the SITREP files go to `out_dir`.
pub fn section(out: &mut Out, locale: Locale, logframes: &[Logframe], out_dir: &Path) -> Outcome {
    out.heading(tr(
        locale,
        "8. The mission's records for 2026Q1, from the field to the SITREP",
        "8. Les données de la mission pour 2026Q1, du terrain au SITREP",
    ));
    let mut outcome = Outcome::default();
    let Some(loaded) = records(out, locale) else {
        outcome.failed = true;
        return outcome;
    };
    let results = indicators(out, locale, logframes, &loaded.table);
    let quality = data_quality(out, locale, &loaded);
    outcome.failed = results.is_none() || quality.is_none();
    if let Some(results) = &results {
        let written = sitreps(out, locale, logframes, results, quality.as_ref(), out_dir);
        outcome.failed |= written.len() != FORMATS.len() + 1;
    }
    outcome.results = results;
    outcome
}

fn print_error(out: &mut Out, locale: Locale, step: &str, error: &MealError) {
    out.line(format!(
        "  {} {step}: {} {}",
        tr(locale, "ERROR", "ERREUR"),
        error.code,
        error.message(locale)
    ));
}

/// Step 1: generates the records and loads them.
fn records(out: &mut Out, locale: Locale) -> Option<Loaded> {
    let config = synthetic::Config {
        rows: synthetic::MISSION_ROWS,
        seed: reference::SEED,
    };
    let (csv, summary) = match synthetic::csv_string(&config) {
        Ok(made) => made,
        Err(error) => {
            out.line(format!("  {} {error}", tr(locale, "ERROR", "ERREUR")));
            return None;
        }
    };
    out.line(format!(
        "{} {}{} {} {}, {} {}, {} {}",
        tr(
            locale,
            "Records generated (seed",
            "Données générées (graine"
        ),
        config.seed,
        tr(locale, "):", ") :"),
        summary.rows,
        tr(locale, "rows", "lignes"),
        summary.persons,
        tr(locale, "persons", "personnes"),
        summary.duplicates,
        tr(
            locale,
            "exact duplicates injected",
            "doublons exacts injectés"
        ),
    ));
    let schema = match reference::schema() {
        Ok(parsed) => parsed.value,
        Err(error) => {
            print_error(out, locale, "records-schema.json", &error);
            return None;
        }
    };
    match Table::from_csv(&schema, &csv) {
        Ok(loaded) => {
            print_loaded(out, locale, &loaded);
            Some(loaded)
        }
        Err(error) => {
            print_error(out, locale, tr(locale, "loading", "chargement"), &error);
            None
        }
    }
}

fn print_loaded(out: &mut Out, locale: Locale, loaded: &Loaded) {
    out.line(format!(
        "{} {}, {} {}, {} {}",
        tr(locale, "Rows read:", "Lignes lues :"),
        loaded.rows_read,
        tr(locale, "loaded:", "chargées :"),
        loaded.table.len(),
        tr(locale, "rejected:", "rejetées :"),
        loaded.rejected.len(),
    ));
    let mut reasons: BTreeMap<(String, String), usize> = BTreeMap::new();
    for rejected in &loaded.rejected {
        for finding in &rejected.findings {
            *reasons
                .entry((finding.code.clone(), finding.path.clone()))
                .or_default() += 1;
        }
    }
    for ((code, path), count) in reasons {
        out.line(format!("    {count:>5} x {code} ({path})"));
    }
    print_findings(out, locale, &loaded.findings);
}

/// Step 2: every indicator for the quarter and its months.
fn indicators(
    out: &mut Out,
    locale: Locale,
    logframes: &[Logframe],
    table: &Table,
) -> Option<Results> {
    let step = tr(locale, "indicators", "indicateurs");
    let computed = reference::quarter_and_months(reference::QUARTER).and_then(|periods| {
        let schema = table.schema();
        let (engine, findings) = reference::engine(logframes, schema, &periods)?;
        Ok((engine.compute(table)?, findings))
    });
    let (results, findings) = match computed {
        Ok(done) => done,
        Err(error) => {
            print_error(out, locale, step, &error);
            return None;
        }
    };
    print_statuses(out, locale, &results);
    let blocking: Vec<Finding> = findings
        .into_iter()
        .chain(results.findings.iter().cloned())
        .filter(|f| f.severity != Severity::Info)
        .collect();
    print_findings(out, locale, &blocking);
    Some(results)
}

/// Status of each indicator's total for the quarter.
fn print_statuses(out: &mut Out, locale: Locale, results: &Results) {
    let quarter = Period::parse(reference::QUARTER).ok();
    let totals: Vec<_> = results
        .figures
        .iter()
        .filter(|f| f.cell.is_empty() && Some(&f.period) == quarter.as_ref())
        .collect();
    let mut by_status: BTreeMap<&str, usize> = BTreeMap::new();
    for figure in &totals {
        *by_status
            .entry(status_label(locale, figure.status))
            .or_default() += 1;
    }
    out.line(format!(
        "{} {} {} ({} {}, {} {})",
        tr(
            locale,
            "Indicators computed for",
            "Indicateurs calculés pour"
        ),
        reference::QUARTER,
        totals.len(),
        results.figures.len(),
        tr(
            locale,
            "figures with months and cells",
            "chiffres avec mois et cellules"
        ),
        results.sources.rows_read,
        tr(locale, "rows read", "lignes lues"),
    ));
    let order = [
        Status::OnTrack,
        Status::AtRisk,
        Status::OffTrack,
        Status::NoData,
        Status::NoTarget,
    ];
    let counts: Vec<String> = order
        .iter()
        .map(|s| status_label(locale, *s))
        .map(|label| format!("{label}: {}", by_status.get(label).copied().unwrap_or(0)))
        .collect();
    out.line(format!("  {}", counts.join(", ")));
}

/// Step 3: the quality checks.
fn data_quality(out: &mut Out, locale: Locale, loaded: &Loaded) -> Option<QualityReport> {
    let step = tr(locale, "data quality", "qualité des données");
    let checks = match reference::quality_checks() {
        Ok(Ok(parsed)) => {
            print_findings(out, locale, &parsed.findings);
            parsed.value
        }
        Ok(Err(error)) => {
            print_error(out, locale, "quality-checks.json", &error);
            return None;
        }
        Err(error) => {
            out.line(format!(
                "  {} {}: {error}",
                tr(locale, "ERROR", "ERREUR"),
                reference::QUALITY_CHECKS_PATH
            ));
            return None;
        }
    };
    match quality::check(loaded, &checks, reference::now()) {
        Ok(report) => {
            print_quality(out, locale, &report);
            Some(report)
        }
        Err(error) => {
            print_error(out, locale, step, &error);
            None
        }
    }
}

/// The quality headline of the quarter: completeness, reporting, timeliness, the counts of
/// each check and the most frequent failures.
fn print_quality(out: &mut Out, locale: Locale, report: &QualityReport) {
    let Ok(quarter) = Period::parse(reference::QUARTER) else {
        return;
    };
    let summary = report.within(&quarter, None).summary();
    let percent = |share: Option<Decimal>| {
        share.map_or_else(
            || "-".to_owned(),
            |s| format!("{} %", (s * Decimal::ONE_HUNDRED).round_dp(1)),
        )
    };
    out.line(format!(
        "{} {}: {} {} ({} {}); {} {}, {} {}, {} {}",
        tr(locale, "Data quality", "Qualité des données"),
        reference::QUARTER,
        summary.rows_checked,
        tr(locale, "rows checked", "lignes vérifiées"),
        summary.rows_rejected,
        tr(locale, "rejected", "rejetées"),
        tr(locale, "completeness", "complétude"),
        percent(summary.completeness),
        tr(locale, "reporting rate", "taux de rapportage"),
        percent(summary.reporting_rate),
        tr(locale, "on time", "à temps"),
        percent(summary.timeliness),
    ));
    out.line(format!(
        "  {} {}, {} {}, {} {}, {} {}",
        summary.duplicates,
        tr(locale, "duplicates", "doublons"),
        summary.rule_violations,
        tr(locale, "rule violations", "règles non respectées"),
        summary.outliers,
        tr(locale, "outliers", "valeurs aberrantes"),
        summary.invalid_numerics,
        tr(locale, "invalid numbers", "nombres invalides"),
    ));
    let mut failures = summary.failures;
    failures.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.code.cmp(&b.code)));
    for failure in failures.iter().take(5) {
        out.line(format!(
            "    {:>6} x {:<32} {}",
            failure.count,
            failure.code,
            severity_label(locale, failure.severity)
        ));
    }
}

/// Step 4: the SITREP, external in every format and internal once. Returns the files written.
fn sitreps(
    out: &mut Out,
    locale: Locale,
    logframes: &[Logframe],
    results: &Results,
    quality: Option<&QualityReport>,
    out_dir: &Path,
) -> Vec<String> {
    let Ok(period) = Period::parse(reference::QUARTER) else {
        return Vec::new();
    };
    let request = |audience| SitrepRequest::new(Scope::Mission, period, audience, locale);
    let mut jobs: Vec<(Audience, Format, String)> = FORMATS
        .iter()
        .map(|&f| {
            (
                Audience::External,
                f,
                format!("sitrep-{}", reference::QUARTER),
            )
        })
        .collect();
    let internal = format!("sitrep-{}-internal", reference::QUARTER);
    jobs.push((Audience::Internal, Format::Markdown, internal));
    if let Err(error) = std::fs::create_dir_all(out_dir) {
        out.line(format!(
            "  {} {}: {error}",
            tr(locale, "ERROR", "ERREUR"),
            out_dir.display()
        ));
        return Vec::new();
    }
    let mut written = Vec::new();
    for (audience, format, stem) in jobs {
        let rendered = Sitrep::build(logframes, results, quality, &request(audience))
            .and_then(|sitrep| sitrep.render(format));
        match rendered {
            Ok(rendered) => {
                let path = out_dir.join(format!("{stem}.{}", rendered.extension));
                match std::fs::write(&path, &rendered.bytes) {
                    Ok(()) => written.push(path.display().to_string()),
                    Err(error) => out.line(format!(
                        "  {} {}: {error}",
                        tr(locale, "ERROR", "ERREUR"),
                        path.display()
                    )),
                }
            }
            Err(error) => print_error(out, locale, &format!("SITREP {stem} {format:?}"), &error),
        }
    }
    out.line(format!(
        "{} {}",
        tr(locale, "Files written:", "Fichiers écrits :"),
        if written.is_empty() {
            "-".to_owned()
        } else {
            written.join(", ")
        }
    ));
    written
}

fn severity_label(locale: Locale, severity: Severity) -> &'static str {
    match severity {
        Severity::Error => tr(locale, "error", "erreur"),
        Severity::Warning => tr(locale, "warning", "alerte"),
        Severity::Info => tr(locale, "note", "remarque"),
    }
}
