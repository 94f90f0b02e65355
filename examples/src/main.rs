//! `meal-demo`: the reference mission's logframes seen by its programme & MEAL coordinator.
//!
//! Run with `cargo run -p meal-demo` (English) or `cargo run -p meal-demo -- --lang fr`.
//! The four logframes (Île-de-France, Calais & northern coast, Marseille, Dunkerque) and a
//! deliberately broken one are embedded at build time, so the demo needs no file at run time.
//!
//! It prints, in plain text:
//! 1. the validation of each logframe (and what a reviewer sees on the broken one);
//! 2. the indicator catalogue per project and discipline, with baselines and 2026 targets;
//! 3. the 2026 reporting periods (quarters, months, ISO weeks);
//! 4. a few indicators assessed for 2026Q1 against made-up actuals;
//! 5. the five field forms read from their XLSForm workbooks, and one consultation checked;
//! 6. privacy and 7. feedback (see their files);
//! 8. the main job: the mission's synthetic records for 2026Q1 loaded, every indicator
//!    computed, the data quality checked and the SITREP written to `./out` in every format;
//! 9. the four MEAL plans, their coverage, the 2026 reporting calendar by month and a search of
//!    the lessons-learned register (see `planning.rs`);
//! 10. the 2026Q1 figures exported as IATI results to `./out`, and a legacy case-tool export
//!     migrated to MANO's schema with its reconciliation (see `interop.rs`).
//!
//! `meal-demo generate …` and `meal-demo indicators …` are the benchmark's commands, and
//! `meal-demo templates` writes the MEAL plans as template workbooks (see `commands.rs`).
//!
//! Exit code 0 when the reference data has no blocking finding, 1 when it has, 2 on bad
//! arguments. The demo never panics: every failure is printed with its code.

mod commands;
mod feedback;
mod forms;
mod interop;
mod mission;
mod planning;
mod privacy;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use meal_core::indicator::{
    Aggregation, Direction, Indicator, Measure, Observation, Status, Thresholds,
};
use meal_core::logframe::{self, Discipline, Logframe};
use meal_core::period::{self, Period, PeriodType};
use meal_core::{Finding, Locale, MealError};
use rust_decimal::{Decimal, RoundingStrategy};

/// An embedded logframe document and the file it came from.
struct Source {
    file: &'static str,
    json: &'static str,
}

/// The reference mission's four projects.
const PROJECTS: [Source; 4] = [
    Source {
        file: "logframe-idf.json",
        json: include_str!("../data/logframe-idf.json"),
    },
    Source {
        file: "logframe-calais.json",
        json: include_str!("../data/logframe-calais.json"),
    },
    Source {
        file: "logframe-marseille.json",
        json: include_str!("../data/logframe-marseille.json"),
    },
    Source {
        file: "logframe-dunkerque.json",
        json: include_str!("../data/logframe-dunkerque.json"),
    },
];

/// A logframe broken on purpose: what a reviewer sees.
const INVALID: Source = Source {
    file: "invalid-logframe.json",
    json: include_str!("../data/invalid-logframe.json"),
};

/// The year the demo reports on.
const YEAR: &str = "2026";
/// The quarter the assessment example looks at.
const QUARTER: &str = "2026Q1";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args
        .first()
        .is_some_and(|first| commands::is_command(first))
    {
        return commands::run(&args);
    }
    let options = match parse_args(args.into_iter()) {
        Ok(Some(options)) => options,
        Ok(None) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(message) => {
            eprintln!("meal-demo: {message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let locale = options.locale;
    let report = run(locale, &options.out_dir);
    print!("{}", report.text);
    if report.failed {
        eprintln!(
            "{}",
            tr(
                locale,
                "meal-demo: a step of the main job failed (see sections 8 and 10).",
                "meal-demo : une étape du travail principal a échoué (voir les sections 8 et 10).",
            )
        );
    }
    if report.blocking {
        eprintln!(
            "{}",
            tr(
                locale,
                "meal-demo: the reference data has blocking findings (see section 1).",
                "meal-demo : les données de référence ont des constats bloquants (voir la section 1).",
            )
        );
    }
    if report.failed || report.blocking {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

const USAGE: &str = "usage: meal-demo [--lang en|fr] [--out DIR]
       meal-demo generate [--rows N] [--seed S] [--out FILE]
       meal-demo indicators FILE [--quarter 2026Q1] [--totals FILE]
       meal-demo templates [--out DIR] [--lang fr|en]

Prints the validation, indicator catalogue, 2026 reporting periods and a Q1 assessment
of the reference mission's four logframes, then runs the main job on its synthetic records
and writes the 2026Q1 SITREP to DIR (default ./out), then prints the MEAL plans, the
2026 reporting calendar and a lessons search, exports the Q1 figures as IATI results and
migrates a legacy case-tool export. Exit code 1 if the reference data has
blocking findings or a step of the main job failed.";

/// What the command line asks for.
#[derive(Debug, PartialEq, Eq)]
struct Options {
    locale: Locale,
    out_dir: PathBuf,
}

/// Reads the command line: `Ok(None)` for `--help`.
fn parse_args(args: impl Iterator<Item = String>) -> Result<Option<Options>, String> {
    let mut locale = Locale::En;
    let mut out_dir = PathBuf::from("out");
    let mut args = args.peekable();
    while let Some(arg) = args.next() {
        if arg == "--out" {
            out_dir = PathBuf::from(args.next().ok_or("--out needs a directory")?);
            continue;
        }
        let value = if arg == "--lang" {
            args.next().ok_or("--lang needs a value: en or fr")?
        } else if let Some(value) = arg.strip_prefix("--lang=") {
            value.to_owned()
        } else if arg == "-h" || arg == "--help" {
            return Ok(None);
        } else {
            return Err(format!("unknown argument `{arg}`"));
        };
        locale = match value.as_str() {
            "en" => Locale::En,
            "fr" => Locale::Fr,
            other => return Err(format!("unknown language `{other}` (en or fr)")),
        };
    }
    Ok(Some(Options { locale, out_dir }))
}

/// The demo's output, whether the reference data has blocking findings, and whether a step
/// of the main job failed.
struct Report {
    text: String,
    blocking: bool,
    failed: bool,
}

/// Plain-text output, line by line.
#[derive(Default)]
pub(crate) struct Out(String);

impl Out {
    pub(crate) fn line(&mut self, text: impl AsRef<str>) {
        self.0.push_str(text.as_ref().trim_end());
        self.0.push('\n');
    }

    pub(crate) fn blank(&mut self) {
        self.0.push('\n');
    }

    pub(crate) fn heading(&mut self, text: &str) {
        self.blank();
        self.line(text);
        self.line("=".repeat(text.chars().count()));
    }
}

/// Picks the English or French version of a label.
pub(crate) fn tr(locale: Locale, en: &'static str, fr: &'static str) -> &'static str {
    match locale {
        Locale::En => en,
        Locale::Fr => fr,
    }
}

/// Runs the whole demo; the SITREP files go to `out_dir`.
fn run(locale: Locale, out_dir: &Path) -> Report {
    let mut out = Out::default();
    out.line(tr(
        locale,
        "MEAL demo - a medical mission in France serving migrants",
        "Démo SERA - une mission médicale en France auprès des personnes migrantes",
    ));
    out.line(tr(
        locale,
        "Projects: Île-de-France (IDF), Calais & northern coast (CAL), Marseille (MRS), Dunkerque (DKQ)",
        "Projets : Île-de-France (IDF), Calais et littoral nord (CAL), Marseille (MRS), Dunkerque (DKQ)",
    ));

    let (logframes, blocking) = validation(&mut out, locale);
    catalogue(&mut out, locale, &logframes);
    periods(&mut out, locale);
    assessment(&mut out, locale, &logframes);
    let forms_blocking = forms::section(&mut out, locale);
    let privacy_blocking = privacy::section(&mut out, locale);
    let feedback_blocking = feedback::section(&mut out, locale);
    let mission = mission::section(&mut out, locale, &logframes, out_dir);
    let plans_blocking = planning::section(&mut out, locale);
    let interop_failed = interop::section(
        &mut out,
        locale,
        &logframes,
        mission.results.as_ref(),
        out_dir,
    );

    Report {
        text: out.0,
        blocking: blocking
            || forms_blocking
            || privacy_blocking
            || feedback_blocking
            || plans_blocking,
        failed: mission.failed || interop_failed,
    }
}

/// Reads a logframe and gathers its reading and structural findings, sorted.
fn load(source: &Source) -> Result<(Logframe, Vec<Finding>), MealError> {
    let parsed = Logframe::from_json(source.json)?;
    let findings = logframe::all_findings(&parsed);
    Ok((parsed.value, findings))
}

/// Section 1: validates every logframe. Returns the ones that could be read, and whether the
/// reference data has blocking findings.
fn validation(out: &mut Out, locale: Locale) -> (Vec<Logframe>, bool) {
    out.heading(tr(
        locale,
        "1. Validation of the logframes",
        "1. Validation des cadres logiques",
    ));
    let mut logframes = Vec::new();
    let mut blocking = false;
    for source in &PROJECTS {
        match load(source) {
            Ok((logframe, findings)) => {
                blocking |= findings.iter().any(Finding::is_blocking);
                summary_line(out, locale, &logframe, &findings);
                print_findings(out, locale, &findings);
                logframes.push(logframe);
            }
            Err(error) => {
                blocking = true;
                print_error(out, locale, source.file, &error);
            }
        }
    }

    out.blank();
    out.line(tr(
        locale,
        "A deliberately broken logframe, as a reviewer sees it:",
        "Un cadre logique volontairement erroné, tel que le voit un relecteur :",
    ));
    match load(&INVALID) {
        Ok((logframe, findings)) => {
            summary_line(out, locale, &logframe, &findings);
            print_findings(out, locale, &findings);
        }
        Err(error) => print_error(out, locale, INVALID.file, &error),
    }
    (logframes, blocking)
}

fn summary_line(out: &mut Out, locale: Locale, logframe: &Logframe, findings: &[Finding]) {
    let errors = findings.iter().filter(|f| f.is_blocking()).count();
    let verdict = if findings.is_empty() {
        tr(locale, "no findings", "aucun constat").to_owned()
    } else {
        format!(
            "{} {}, {} {}",
            errors,
            tr(locale, "blocking", "bloquant(s)"),
            findings.len() - errors,
            tr(locale, "other", "autre(s)"),
        )
    };
    out.line(format!(
        "  {:<5} {:<52} {:>3} {:<10} {:>3} {:<11} {}",
        logframe.project.code,
        logframe.project.name.get(locale),
        logframe.objectives.len(),
        tr(locale, "objectives", "objectifs"),
        logframe.indicators.len(),
        tr(locale, "indicators", "indicateurs"),
        verdict,
    ));
}

pub(crate) fn print_findings(out: &mut Out, locale: Locale, findings: &[Finding]) {
    let code_width = findings.iter().map(|f| f.code.len()).max().unwrap_or(0);
    let path_width = findings.iter().map(|f| f.path.len()).max().unwrap_or(0);
    for finding in findings {
        out.line(format!(
            "        {:<8} {:<code_width$}  {:<path_width$}  {}",
            severity(locale, finding),
            finding.code,
            finding.path,
            finding.message(locale),
        ));
    }
}

pub(crate) fn severity(locale: Locale, finding: &Finding) -> &'static str {
    match finding.severity {
        meal_core::Severity::Error => tr(locale, "error", "erreur"),
        meal_core::Severity::Warning => tr(locale, "warning", "alerte"),
        meal_core::Severity::Info => tr(locale, "info", "info"),
    }
}

fn print_error(out: &mut Out, locale: Locale, file: &str, error: &MealError) {
    out.line(format!(
        "  {:<58} {} {}  {}  {}",
        file,
        tr(locale, "UNREADABLE:", "ILLISIBLE :"),
        error.code,
        error.path,
        error.message(locale),
    ));
}

/// Section 2: indicators per project and per discipline of the objective they measure.
fn catalogue(out: &mut Out, locale: Locale, logframes: &[Logframe]) {
    out.heading(tr(
        locale,
        "2. Indicator catalogue (per project and discipline)",
        "2. Catalogue des indicateurs (par projet et discipline)",
    ));
    out.line(tr(
        locale,
        "Discipline: the first discipline of the objective an indicator measures.",
        "Discipline : la première discipline de l'objectif que mesure l'indicateur.",
    ));
    let year = Period::parse(YEAR);
    if let Err(error) = &year {
        out.line(format!(
            "{} {}: {}",
            tr(locale, "No 2026 targets:", "Pas de cibles 2026 :"),
            error.code,
            error.message(locale),
        ));
    }
    if logframes.is_empty() {
        out.line(tr(
            locale,
            "  (no logframe could be read)",
            "  (aucun cadre logique lisible)",
        ));
    }
    let target_header = format!("{} {YEAR}", tr(locale, "target", "cible"));
    for logframe in logframes {
        out.blank();
        out.line(format!(
            "{} - {}",
            logframe.project.code,
            logframe.project.name.get(locale)
        ));
        out.line(format!(
            "    {:<11} {:<20} {:<13} {:<14} {:<24} {:>14} {:>12}",
            tr(locale, "code", "code"),
            tr(locale, "measure", "mesure"),
            tr(locale, "unit", "unité"),
            tr(locale, "direction", "sens"),
            tr(locale, "aggregation", "agrégation"),
            tr(locale, "baseline", "référence"),
            target_header,
        ));
        for (discipline, indicators) in by_discipline(logframe) {
            out.line(format!("  {}", discipline_label(locale, discipline)));
            for indicator in indicators {
                let baseline = indicator.baseline.as_ref().map_or_else(
                    || "-".to_owned(),
                    |b| format!("{} ({})", number(locale, b.value), b.period.id()),
                );
                let target = year
                    .as_ref()
                    .ok()
                    .and_then(|y| indicator.target_for(y))
                    .map_or_else(|| "-".to_owned(), |v| number(locale, v));
                out.line(format!(
                    "    {:<11} {:<20} {:<13} {:<14} {:<24} {:>14} {:>12}",
                    indicator.code,
                    measure_label(locale, &indicator.measure),
                    indicator.unit.get(locale),
                    direction_label(locale, &indicator.direction),
                    aggregation_label(locale, indicator.aggregation),
                    baseline,
                    target,
                ));
                out.line(format!("                {}", indicator.name.get(locale)));
            }
        }
    }
}

/// The logframe's indicators grouped by the first discipline of the objective that references
/// them (disciplines in their declared order, indicators by code); `None` last.
fn by_discipline(logframe: &Logframe) -> Vec<(Option<Discipline>, Vec<&Indicator>)> {
    let order = [
        Some(Discipline::Medical),
        Some(Discipline::MentalHealth),
        Some(Discipline::Protection),
        Some(Discipline::Influence),
        None,
    ];
    let mut groups = Vec::new();
    for discipline in order {
        let mut indicators: Vec<&Indicator> = logframe
            .objectives
            .iter()
            .filter(|o| o.disciplines.first().copied() == discipline)
            .flat_map(|o| o.indicators.iter())
            .filter_map(|code| logframe.indicators.iter().find(|i| &i.code == code))
            .collect();
        if indicators.is_empty() {
            continue;
        }
        indicators.sort_by(|a, b| a.code.cmp(&b.code));
        indicators.dedup_by(|a, b| a.code == b.code);
        groups.push((discipline, indicators));
    }
    groups
}

fn discipline_label(locale: Locale, discipline: Option<Discipline>) -> &'static str {
    match discipline {
        Some(Discipline::Medical) => tr(locale, "Medical", "Médical"),
        Some(Discipline::MentalHealth) => tr(locale, "Mental health", "Santé mentale"),
        Some(Discipline::Protection) => tr(
            locale,
            "Protection / socio-legal",
            "Protection / socio-juridique",
        ),
        Some(Discipline::Influence) => tr(locale, "Influence (advocacy)", "Influence (plaidoyer)"),
        None => tr(locale, "No discipline", "Sans discipline"),
    }
}

fn measure_label(locale: Locale, measure: &Measure) -> &'static str {
    match measure {
        Measure::Count => tr(locale, "count", "comptage"),
        Measure::Sum => tr(locale, "sum", "somme"),
        Measure::Mean => tr(locale, "mean", "moyenne"),
        Measure::Ratio { factor, .. } if *factor == Decimal::ONE_HUNDRED => {
            tr(locale, "percentage", "pourcentage")
        }
        Measure::Ratio { .. } => tr(locale, "ratio", "ratio"),
        Measure::DistinctPersons => tr(locale, "distinct persons", "personnes distinctes"),
        Measure::Ordinal { .. } => tr(locale, "ordinal scale", "échelle ordinale"),
        Measure::Nominal { .. } => tr(locale, "nominal", "nominale"),
        Measure::Qualitative => tr(locale, "qualitative", "qualitative"),
    }
}

fn direction_label(locale: Locale, direction: &Direction) -> String {
    match direction {
        Direction::Increase => tr(locale, "increase", "hausse").to_owned(),
        Direction::Decrease => tr(locale, "decrease", "baisse").to_owned(),
        Direction::Maintain { tolerance } => format!(
            "{} ±{}",
            tr(locale, "maintain", "maintien"),
            number(locale, *tolerance)
        ),
    }
}

fn aggregation_label(locale: Locale, aggregation: Aggregation) -> &'static str {
    match aggregation {
        Aggregation::Incremental => tr(locale, "sum of periods", "somme des périodes"),
        Aggregation::RunningTotal => tr(locale, "running total", "cumul depuis l'ouverture"),
        Aggregation::LatestSnapshot => tr(locale, "latest value", "dernière valeur"),
        Aggregation::YearlyResetRunningTotal => tr(
            locale,
            "total since 1 January",
            "cumul depuis le 1er janvier",
        ),
        Aggregation::RatioOfSums => tr(locale, "ratio of sums", "ratio des sommes"),
    }
}

/// A decimal without trailing zeros, with the locale's decimal separator.
fn number(locale: Locale, value: Decimal) -> String {
    let shown = value.normalize().to_string();
    match locale {
        Locale::En => shown,
        Locale::Fr => shown.replace('.', ","),
    }
}

/// Section 3: the 2026 reporting calendar.
fn periods(out: &mut Out, locale: Locale) {
    out.heading(tr(
        locale,
        "3. Reporting periods 2026",
        "3. Périodes de rapportage 2026",
    ));
    let year = match Period::parse(YEAR) {
        Ok(year) => year,
        Err(error) => {
            out.line(format!("  {}: {}", error.code, error.message(locale)));
            return;
        }
    };
    out.line(format!(
        "  {} {}  {} -> {}",
        tr(locale, "Year", "Année"),
        year.id(),
        year.start(),
        year.end()
    ));
    for quarter in year.periods_within(PeriodType::Quarterly) {
        out.line(format!(
            "  {:<8} {} -> {}",
            quarter.id(),
            quarter.start(),
            quarter.end()
        ));
        for month in quarter.periods_within(PeriodType::Monthly) {
            let days = (month.end() - month.start()).num_days() + 1;
            out.line(format!(
                "      {:<8} {} -> {}  ({days} {})",
                month.id(),
                month.start(),
                month.end(),
                tr(locale, "days", "jours"),
            ));
        }
    }
    match period::periods_between(PeriodType::Weekly, year.start(), year.end()) {
        Ok(weeks) => {
            let prefix = format!("{YEAR}W");
            let weeks: Vec<Period> = weeks
                .into_iter()
                .filter(|w| w.id().starts_with(&prefix))
                .collect();
            let span = match (weeks.first(), weeks.last()) {
                (Some(first), Some(last)) => format!(
                    "{} {} -> {} ... {} {} -> {}",
                    first.id(),
                    first.start(),
                    first.end(),
                    last.id(),
                    last.start(),
                    last.end()
                ),
                _ => String::new(),
            };
            out.line(format!(
                "  {} {}   {span}",
                tr(locale, "ISO weeks of 2026:", "Semaines ISO de 2026 :"),
                weeks.len(),
            ));
        }
        Err(error) => out.line(format!("  {}: {}", error.code, error.message(locale))),
    }
}

/// One made-up actual for the assessment example: the indicator, and observations given as
/// (period id, value, scale of the value, denominator for ratios and means); or, for an ordinal
/// indicator, the level of its scale observed at the end of the quarter.
struct Case {
    indicator: &'static str,
    observations: &'static [(&'static str, i64, u32, Option<i64>)],
    level: Option<i64>,
}

/// Made-up 2026Q1 actuals, reported by month or by quarter as field teams would.
const CASES: &[Case] = &[
    // Consultations reported monthly: the quarter sums them.
    Case {
        indicator: "IDF-IND-06",
        observations: &[
            ("202601", 342, 0, None),
            ("202602", 318, 0, None),
            ("202603", 352, 0, None),
        ],
        level: None,
    },
    // A percentage: numerator and denominator per month, the quarter is a ratio of sums.
    Case {
        indicator: "IDF-IND-01",
        observations: &[
            ("202601", 78, 0, Some(121)),
            ("202602", 71, 0, Some(109)),
            ("202603", 82, 0, Some(117)),
        ],
        level: None,
    },
    // Lower is better: average waiting days, each month's total days over its patients.
    Case {
        indicator: "IDF-IND-02",
        observations: &[
            ("202601", 812, 0, Some(92)),
            ("202602", 760, 0, Some(95)),
            ("202603", 700, 0, Some(103)),
        ],
        level: None,
    },
    // Maintain within tolerance: shelter occupancy.
    Case {
        indicator: "IDF-IND-10",
        observations: &[("2026Q1", 3312, 0, Some(3600))],
        level: None,
    },
    Case {
        indicator: "CAL-IND-07",
        observations: &[("2026Q1", 482, 0, None)],
        level: None,
    },
    // No coastal outreach in winter: no Q1 target.
    Case {
        indicator: "CAL-IND-09",
        observations: &[],
        level: None,
    },
    // An advocacy stage, as reviewed at the end of the quarter.
    Case {
        indicator: "CAL-IND-04",
        observations: &[],
        level: Some(2),
    },
    Case {
        indicator: "MRS-IND-12",
        observations: &[("2026Q1", 5, 0, None)],
        level: None,
    },
    Case {
        indicator: "DKQ-IND-07",
        observations: &[
            ("202601", 71, 0, None),
            ("202602", 84, 0, None),
            ("202603", 92, 0, None),
        ],
        level: None,
    },
];

/// Section 4: a few indicators assessed for 2026Q1.
fn assessment(out: &mut Out, locale: Locale, logframes: &[Logframe]) {
    out.heading(tr(
        locale,
        "4. Assessment example: 2026Q1 against made-up actuals",
        "4. Exemple d'appréciation : 2026Q1 face à des réalisations fictives",
    ));
    let quarter = match Period::parse(QUARTER) {
        Ok(quarter) => quarter,
        Err(error) => {
            out.line(format!("  {}: {}", error.code, error.message(locale)));
            return;
        }
    };
    let thresholds = Thresholds::default();
    out.line(format!(
        "  {} {} %, {} {} %",
        tr(locale, "On track from", "En bonne voie à partir de"),
        number(locale, thresholds.on_track * Decimal::ONE_HUNDRED),
        tr(locale, "at risk from", "à surveiller à partir de"),
        number(locale, thresholds.at_risk * Decimal::ONE_HUNDRED),
    ));
    out.line(format!(
        "  {:<11} {:>10} {:>10} {:>12}  {:<14} {}",
        tr(locale, "code", "code"),
        tr(locale, "target", "cible"),
        tr(locale, "actual", "réalisé"),
        tr(locale, "achievement", "atteinte"),
        tr(locale, "status", "statut"),
        tr(locale, "reported as", "saisi par"),
    ));
    for case in CASES {
        let Some(indicator) = logframes
            .iter()
            .flat_map(|l| l.indicators.iter())
            .find(|i| i.code == case.indicator)
        else {
            out.line(format!(
                "  {:<11} {}",
                case.indicator,
                tr(locale, "(indicator not found)", "(indicateur introuvable)")
            ));
            continue;
        };
        match assess_case(indicator, &quarter, case, &thresholds) {
            Ok(assessed) => {
                let achievement = assessed.achievement.map_or_else(
                    || "-".to_owned(),
                    |a| {
                        let pct = (a * Decimal::ONE_HUNDRED)
                            .round_dp_with_strategy(1, RoundingStrategy::MidpointAwayFromZero);
                        let shown = format!("{pct:.1} %");
                        match locale {
                            Locale::En => shown,
                            Locale::Fr => shown.replace('.', ","),
                        }
                    },
                );
                out.line(format!(
                    "  {:<11} {:>10} {:>10} {:>12}  {:<14} {}",
                    indicator.code,
                    assessed
                        .target
                        .map_or_else(|| "-".to_owned(), |v| number(locale, v)),
                    assessed
                        .actual
                        .map_or_else(|| "-".to_owned(), |a| number(locale, a.round_dp(2))),
                    achievement,
                    status_label(locale, assessed.status),
                    basis(locale, case),
                ));
            }
            Err(error) => out.line(format!(
                "  {:<11} {}: {}",
                indicator.code,
                error.code,
                error.message(locale)
            )),
        }
        out.line(format!("              {}", indicator.name.get(locale)));
    }
}

fn assess_case(
    indicator: &Indicator,
    quarter: &Period,
    case: &Case,
    thresholds: &Thresholds,
) -> Result<meal_core::indicator::Assessment, MealError> {
    let mut observations = Vec::new();
    for &(id, value, scale, denominator) in case.observations {
        observations.push(Observation {
            period: Period::parse(id)?,
            value: Decimal::new(value, scale),
            denominator: denominator.map(|d| Decimal::new(d, 0)),
        });
    }
    let actual = match case.level {
        Some(level) => Some(Decimal::from(level)),
        None => indicator.actual_for(quarter, &observations)?,
    };
    Ok(indicator.assess(quarter, actual, thresholds))
}

fn basis(locale: Locale, case: &Case) -> &'static str {
    if case.level.is_some() {
        return tr(locale, "stage reviewed", "étape constatée");
    }
    match case.observations.len() {
        0 => tr(locale, "nothing reported", "rien de saisi"),
        1 => tr(locale, "one quarterly value", "une valeur trimestrielle"),
        _ => tr(locale, "monthly values", "valeurs mensuelles"),
    }
}

pub(crate) fn status_label(locale: Locale, status: Status) -> &'static str {
    match status {
        Status::OnTrack => tr(locale, "on track", "en bonne voie"),
        Status::AtRisk => tr(locale, "at risk", "à surveiller"),
        Status::OffTrack => tr(locale, "off track", "en retard"),
        Status::NoData => tr(locale, "no data", "pas de donnée"),
        Status::NoTarget => tr(locale, "no target", "pas de cible"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> impl Iterator<Item = String> {
        list.iter()
            .map(|s| (*s).to_owned())
            .collect::<Vec<_>>()
            .into_iter()
    }

    fn locale(list: &[&str]) -> Option<Locale> {
        parse_args(args(list)).ok().flatten().map(|o| o.locale)
    }

    /// A fresh directory for the SITREP files of one test.
    fn out_dir(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("meal-demo-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        dir
    }

    #[test]
    fn language_flag() {
        assert_eq!(locale(&[]), Some(Locale::En));
        assert_eq!(locale(&["--lang", "fr"]), Some(Locale::Fr));
        assert_eq!(locale(&["--lang=en"]), Some(Locale::En));
        assert_eq!(parse_args(args(&["--help"])), Ok(None));
        assert!(parse_args(args(&["--lang", "de"])).is_err());
        assert!(parse_args(args(&["--lang"])).is_err());
        assert!(parse_args(args(&["extra"])).is_err());
        let options = parse_args(args(&["--out", "/tmp/x"])).unwrap().unwrap();
        assert_eq!(options.out_dir, PathBuf::from("/tmp/x"));
        assert!(parse_args(args(&["--out"])).is_err());
    }

    #[test]
    fn the_demo_runs_clean_in_both_languages() {
        for locale in [Locale::En, Locale::Fr] {
            let report = run(locale, &out_dir("clean"));
            assert!(!report.blocking, "{}", report.text);
            for project in ["IDF", "CAL", "MRS", "DKQ", "DEMO"] {
                assert!(report.text.contains(project), "{project} missing");
            }
            assert!(report.text.contains("2026Q4"), "{}", report.text);
            assert!(report.text.contains("202612"), "{}", report.text);
        }
    }

    #[test]
    fn the_main_job_writes_the_sitrep_in_every_format_and_the_iati_file() {
        let dir = out_dir("sitrep");
        let report = run(Locale::En, &dir);
        assert!(
            report.text.contains("8. The mission's records"),
            "{}",
            report.text
        );
        assert!(report.text.contains("Rows read: 42000"), "{}", report.text);
        assert!(
            report
                .text
                .contains("1000 records in  =  916 migrated  +  84 rejected"),
            "{}",
            report.text
        );
        assert!(!report.failed, "{}", report.text);
        let mut names: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        let expected = [
            "iati-2026Q1.xml",
            "sitrep-2026Q1-internal.md",
            "sitrep-2026Q1.csv",
            "sitrep-2026Q1.html",
            "sitrep-2026Q1.json",
            "sitrep-2026Q1.md",
            "sitrep-2026Q1.xlsx",
        ];
        assert_eq!(names, expected);
        for name in names {
            let size = std::fs::metadata(dir.join(&name)).unwrap().len();
            assert!(size > 0, "{name} is empty");
        }
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn every_assessment_case_names_a_reference_indicator() {
        let indicators: Vec<String> = PROJECTS
            .iter()
            .filter_map(|s| load(s).ok())
            .flat_map(|(l, _)| l.indicators.into_iter().map(|i| i.code))
            .collect();
        for case in CASES {
            assert!(
                indicators.iter().any(|c| c == case.indicator),
                "{}",
                case.indicator
            );
        }
    }
}
