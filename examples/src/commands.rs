//! The benchmark's two commands: `generate` writes the reference mission's records as CSV,
//! `indicators` loads such a CSV and computes every indicator of the mission for a quarter and
//! its months in one call, then prints the time, the rows per second and a checksum of the
//! figures the peers in `benches/peers/` reproduce (`meal_demo::reference::totals`).
//! And `templates`, which writes the four MEAL plans as template workbooks
//! (`examples/plans/plan-*.xlsx`, headers in French unless `--lang en`) through
//! `template::plan::to_xlsx`, reads each back and refuses to keep one that does not give back
//! its JSON plan exactly.
//!
//! ```sh
//! cargo run --release -p meal-demo -- generate --rows 10000000 --out /tmp/mission-1e7.csv
//! cargo run --release -p meal-demo -- indicators /tmp/mission-1e7.csv --totals /tmp/meal.txt
//! cargo run --release -p meal-demo -- indicators /tmp/mission-1e7.csv --table
//! cargo run -p meal-demo -- templates [--out DIR] [--lang fr|en]
//! ```
//!
//! By default the file goes through `Engine::compute_csv`: one call that cuts the CSV into
//! chunks of whole records, loads and computes each on its own core, and merges the partial
//! states — the memory of the chunks in flight, loading on every core. With `--table` the
//! whole file is first loaded as one table (`Table::from_csv_reader`), then computed with
//! `Engine::compute`: load and compute times apart, the memory of the whole table.

use std::fs::File;
use std::io::{self, Write};
use std::process::ExitCode;
use std::time::Instant;

use meal_core::compute::DEFAULT_CHUNK_BYTES;
use meal_core::data::Table;
use meal_core::template;
use meal_core::{Locale, MealError};
use meal_demo::{plans, reference, synthetic};
use sha2::{Digest, Sha256};

pub const USAGE: &str = "usage: meal-demo generate [--rows N] [--seed S] [--out FILE]
       meal-demo indicators FILE [--quarter 2026Q1] [--totals FILE] [--table]
       meal-demo templates [--out DIR] [--lang fr|en]";

/// True when `first` names one of these commands.
pub fn is_command(first: &str) -> bool {
    matches!(first, "generate" | "indicators" | "templates")
}

/// Runs the command in `args` (its name first).
pub fn run(args: &[String]) -> ExitCode {
    let outcome = match args.split_first() {
        Some((name, rest)) if name == "generate" => generate(rest),
        Some((name, rest)) if name == "indicators" => indicators(rest),
        Some((name, rest)) if name == "templates" => templates(rest),
        _ => Err(USAGE.to_owned()),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("meal-demo: {message}");
            ExitCode::FAILURE
        }
    }
}

/// `--name value` pairs and positional arguments.
struct Options<'a> {
    positional: Vec<&'a str>,
    named: Vec<(&'a str, &'a str)>,
}

impl<'a> Options<'a> {
    fn parse(args: &'a [String], names: &[&str]) -> Result<Options<'a>, String> {
        let mut options = Options {
            positional: Vec::new(),
            named: Vec::new(),
        };
        let mut args = args.iter();
        while let Some(arg) = args.next() {
            if names.contains(&arg.as_str()) {
                let value = args.next().ok_or(format!("{arg} needs a value\n{USAGE}"))?;
                options.named.push((arg.as_str(), value.as_str()));
            } else if arg.starts_with("--") {
                return Err(format!("unknown option `{arg}`\n{USAGE}"));
            } else {
                options.positional.push(arg.as_str());
            }
        }
        Ok(options)
    }

    fn get(&self, name: &str) -> Option<&'a str> {
        self.named
            .iter()
            .rev()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| *v)
    }

    fn number(&self, name: &str, default: u64) -> Result<u64, String> {
        self.get(name).map_or(Ok(default), |v| {
            v.replace('_', "")
                .parse::<f64>()
                .ok()
                .filter(|n| n.is_finite() && *n >= 0.0 && n.fract() == 0.0)
                .map(|n| n as u64)
                .ok_or(format!("{name}: `{v}` is not a whole number"))
        })
    }
}

fn generate(args: &[String]) -> Result<(), String> {
    let options = Options::parse(args, &["--rows", "--seed", "--out"])?;
    let config = synthetic::Config {
        rows: options.number("--rows", synthetic::MISSION_ROWS)?,
        seed: options.number("--seed", reference::SEED)?,
    };
    let started = Instant::now();
    let summary = match options.get("--out") {
        None | Some("-") => synthetic::write_csv(&config, io::stdout().lock()),
        Some(path) => File::create(path).and_then(|file| synthetic::write_csv(&config, file)),
    }
    .map_err(|e| format!("cannot write the records: {e}"))?;
    let seconds = started.elapsed().as_secs_f64();
    eprintln!(
        "generated {} rows ({} persons, {} duplicates, {} unreadable ages) in {seconds:.2} s: {:.0} rows/s",
        summary.rows,
        summary.persons,
        summary.duplicates,
        summary.invalid_ages,
        summary.rows as f64 / seconds.max(1e-9),
    );
    Ok(())
}

/// Rows read, loaded and rejected.
#[derive(Debug, Default)]
struct Counts {
    read: u64,
    loaded: u64,
    rejected: u64,
}

fn error(e: MealError) -> String {
    format!("{} {}", e.code, e.message(Locale::En))
}

fn indicators(args: &[String]) -> Result<(), String> {
    let whole_table = args.iter().any(|a| a == "--table");
    let args: Vec<String> = args.iter().filter(|a| *a != "--table").cloned().collect();
    let options = Options::parse(&args, &["--quarter", "--totals"])?;
    let &[path] = options.positional.as_slice() else {
        return Err(format!("indicators takes one CSV file\n{USAGE}"));
    };
    let logframes = reference::logframes().map_err(error)?;
    let quarter = options.get("--quarter").unwrap_or(reference::QUARTER);
    let periods = reference::quarter_and_months(quarter).map_err(error)?;
    let schema = reference::schema().map_err(error)?.value;

    let started = Instant::now();
    let (engine, _) = reference::engine(&logframes, &schema, &periods).map_err(error)?;
    let file = File::open(path).map_err(|e| format!("{path}: {e}"))?;
    let (results, counts, read) = if whole_table {
        let loaded = Table::from_csv_reader(&schema, file).map_err(error)?;
        let counts = Counts {
            read: loaded.rows_read,
            loaded: loaded.table.len() as u64,
            rejected: loaded.rejected.len() as u64,
        };
        let read = started.elapsed().as_secs_f64();
        (engine.compute(&loaded.table).map_err(error)?, counts, read)
    } else {
        // Loading and computing interleave: no load time apart.
        let streamed = engine
            .compute_csv(file, DEFAULT_CHUNK_BYTES)
            .map_err(error)?;
        let counts = Counts {
            read: streamed.rows_read,
            loaded: streamed.loaded,
            rejected: streamed.rejected.len() as u64,
        };
        (streamed.results, counts, 0.0)
    };
    let total = started.elapsed().as_secs_f64();

    let totals = reference::totals(&logframes, &results);
    if let Some(out) = options.get("--totals") {
        std::fs::write(out, &totals).map_err(|e| format!("{out}: {e}"))?;
    }
    let digest = Sha256::digest(totals.as_bytes());
    let checksum: String = digest.iter().take(8).map(|b| format!("{b:02x}")).collect();
    let mut out = io::stdout().lock();
    let _ = writeln!(
        out,
        "engine=meal rows_read={} loaded={} rejected={} figures={} load_s={read:.3} compute_s={:.3} total_s={total:.3} rows_per_s={:.0} totals_sha256={checksum}",
        counts.read,
        counts.loaded,
        counts.rejected,
        results.figures.len(),
        total - read,
        counts.read as f64 / total.max(1e-9),
    );
    Ok(())
}

/// Writes each MEAL plan as a template workbook and checks that reading it back gives the plan.
fn templates(args: &[String]) -> Result<(), String> {
    let options = Options::parse(args, &["--out", "--lang"])?;
    let locale = match options.get("--lang").unwrap_or("fr") {
        "fr" => Locale::Fr,
        "en" => Locale::En,
        other => return Err(format!("unknown language `{other}` (en or fr)\n{USAGE}")),
    };
    let dir = options
        .get("--out")
        .map_or_else(plans::workbook_dir, std::path::PathBuf::from);
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for (source, (plan, _)) in plans::PLANS.iter().zip(plans::plans().map_err(error)?) {
        let bytes = template::plan::to_xlsx(&plan, locale).map_err(error)?;
        let back = template::plan::from_xlsx(&bytes).map_err(error)?;
        if back.document.as_ref() != Some(&plan) {
            return Err(format!(
                "{}: the workbook does not give back the plan ({} findings)",
                source.workbook,
                back.findings.len()
            ));
        }
        let path = dir.join(source.workbook);
        std::fs::write(&path, &bytes).map_err(|e| format!("{}: {e}", path.display()))?;
        eprintln!("wrote {} ({} bytes)", path.display(), bytes.len());
    }
    Ok(())
}
