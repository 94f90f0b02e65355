//! The reference mission's documents and the one computation the demo, the benchmark and the
//! tests share: its four logframes, the record schema, the recipes, the quality checks, the
//! reporting periods and the clock.
//!
//! The documents are embedded at build time (no file is needed at run time), except the
//! quality checks, which are read from `data/quality-checks.json` when the demo runs.
//!
//! [`totals`] writes the figures the benchmark peers (pandas, polars, DuckDB in
//! `benches/peers/`) must reproduce, one line each, in a canonical text: for every indicator
//! and period, the rows matched and the exact parts of the figure (the value of a count, sum or
//! distinct-person count, Σ numerator and Σ denominator of a ratio or mean), then the rows
//! matched in each category of each dimension, `unknown` included. Ordinal and nominal values
//! (a median, a mode) are left out of the comparison: only their rows are compared.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use chrono::{DateTime, FixedOffset, NaiveDate};
use meal_core::compute::{Engine, Recipes, Results};
use meal_core::data::Schema;
use meal_core::document::Parsed;
use meal_core::indicator::Measure;
use meal_core::logframe::Logframe;
use meal_core::period::Period;
use meal_core::quality::Checks;
use meal_core::{Finding, MealError};

/// The four logframes: file name and text.
pub const LOGFRAMES: [(&str, &str); 4] = [
    (
        "logframe-idf.json",
        include_str!("../data/logframe-idf.json"),
    ),
    (
        "logframe-calais.json",
        include_str!("../data/logframe-calais.json"),
    ),
    (
        "logframe-marseille.json",
        include_str!("../data/logframe-marseille.json"),
    ),
    (
        "logframe-dunkerque.json",
        include_str!("../data/logframe-dunkerque.json"),
    ),
];
/// The record table's schema document.
pub const SCHEMA: &str = include_str!("../data/records-schema.json");
/// How each quantitative indicator is computed from the records.
pub const RECIPES: &str = include_str!("../data/recipes.json");
/// Where the quality checks are read from when the demo runs.
pub const QUALITY_CHECKS_PATH: &str =
    concat!(env!("CARGO_MANIFEST_DIR"), "/data/quality-checks.json");

/// The quarter the demo reports on.
pub const QUARTER: &str = "2026Q1";
/// The seed of the reference mission's records.
pub const SEED: u64 = 2026;

/// The reporting clock: a fortnight after the quarter closed, when the SITREP is written.
pub fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-04-15T09:00:00+02:00").unwrap_or_default()
}

/// The four logframes, read (their own findings are the demo's section 1).
pub fn logframes() -> Result<Vec<Logframe>, MealError> {
    LOGFRAMES
        .iter()
        .map(|(_, json)| Logframe::from_json(json).map(|parsed| parsed.value))
        .collect()
}

/// The record schema.
pub fn schema() -> Result<Parsed<Schema>, MealError> {
    Schema::from_json(SCHEMA)
}

/// The recipes.
pub fn recipes() -> Result<Parsed<Recipes>, MealError> {
    Recipes::from_json(RECIPES)
}

/// The quality checks, read from [`QUALITY_CHECKS_PATH`]: an I/O error when the file cannot
/// be read, else what `Checks::from_json` makes of it.
pub fn quality_checks() -> std::io::Result<Result<Parsed<Checks>, MealError>> {
    let text = std::fs::read_to_string(QUALITY_CHECKS_PATH)?;
    Ok(Checks::from_json(&text))
}

/// A quarter and its three months, in that order (`2026Q1`, `202601`, `202602`, `202603`).
pub fn quarter_and_months(quarter: &str) -> Result<Vec<Period>, MealError> {
    let quarter = Period::parse(quarter)?;
    let mut periods = vec![quarter];
    let mut date = quarter.start();
    while date <= quarter.end() {
        let month = Period::parse(&date.format("%Y%m").to_string())?;
        date = month.end().succ_opt().unwrap_or(NaiveDate::MAX);
        periods.push(month);
    }
    Ok(periods)
}

/// The engine of every indicator of the mission for `periods`, with its findings.
pub fn engine(
    logframes: &[Logframe],
    schema: &Schema,
    periods: &[Period],
) -> Result<(Engine, Vec<Finding>), MealError> {
    let recipes = recipes()?;
    let (engine, mut findings) = Engine::new(logframes, &recipes.value, schema, periods, now())?;
    findings.extend(recipes.findings);
    Ok((engine, findings))
}

/// The figures the benchmark peers must reproduce, one per line (see the module docs).
pub fn totals(logframes: &[Logframe], results: &Results) -> String {
    let measures: BTreeMap<&str, &Measure> = logframes
        .iter()
        .flat_map(|l| l.indicators.iter())
        .map(|i| (i.code.as_str(), &i.measure))
        .collect();
    let mut lines: Vec<String> = Vec::new();
    for figure in &results.figures {
        let Some(measure) = measures.get(figure.indicator.as_str()) else {
            continue;
        };
        let cells: Vec<String> = figure
            .cell
            .iter()
            .map(|(d, c)| format!("{d}={c}"))
            .collect();
        // The total and each dimension alone; crossed cells are left to the engine's own tests.
        if cells.len() > 1 {
            continue;
        }
        let mut line = format!(
            "{} {} {} matched={}",
            figure.indicator,
            figure.period.id(),
            cells.first().map_or("total", String::as_str),
            figure.rows.matched
        );
        if cells.is_empty() {
            let number = |d: Option<rust_decimal::Decimal>| {
                d.map_or_else(|| "none".to_owned(), |d| d.normalize().to_string())
            };
            let _ = match measure {
                Measure::Count | Measure::Sum | Measure::DistinctPersons => {
                    write!(line, " value={}", number(figure.value))
                }
                Measure::Ratio { .. } | Measure::Mean => write!(
                    line,
                    " numerator={} denominator={}",
                    number(figure.numerator),
                    number(figure.denominator)
                ),
                _ => Ok(()),
            };
        }
        lines.push(line);
    }
    lines.sort();
    let mut text = lines.join("\n");
    text.push('\n');
    text
}
