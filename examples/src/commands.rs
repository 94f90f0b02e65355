//! The benchmark's two commands: `generate` writes the reference mission's records as CSV,
//! `indicators` loads such a CSV and computes every indicator of the mission for a quarter and
//! its months in one call, then prints the time, the rows per second and a checksum of the
//! figures the peers in `benches/peers/` reproduce (`meal_demo::reference::totals`).
//!
//! ```sh
//! cargo run --release -p meal-demo -- generate --rows 10000000 --out /tmp/mission-1e7.csv
//! cargo run --release -p meal-demo -- indicators /tmp/mission-1e7.csv --totals /tmp/meal.txt
//! cargo run --release -p meal-demo -- indicators /tmp/mission-1e7.csv --chunk-rows 1000000
//! ```
//!
//! By default the whole file is loaded as one table and computed in one call. With
//! `--chunk-rows N` the file is read N records at a time, each chunk loaded and reduced to the
//! engine's mergeable partial state, and the states merged before one `finalize`: the same
//! figures (the partial/merge/finalize = one-shot property of `compute`) in the memory of one
//! chunk. Chunks are cut at line ends, which is right for CSV without quoted line breaks (what
//! the generator writes).

use std::fs::File;
use std::io::{self, BufRead, Write};
use std::process::ExitCode;
use std::time::Instant;

use meal_core::compute::{Engine, Partial};
use meal_core::data::{Loaded, Schema, Table};
use meal_core::{Locale, MealError};
use meal_demo::{reference, synthetic};
use sha2::{Digest, Sha256};

pub const USAGE: &str = "usage: meal-demo generate [--rows N] [--seed S] [--out FILE]
       meal-demo indicators FILE [--quarter 2026Q1] [--totals FILE] [--chunk-rows N]";

/// True when `first` names one of these commands.
pub fn is_command(first: &str) -> bool {
    matches!(first, "generate" | "indicators")
}

/// Runs the command in `args` (its name first).
pub fn run(args: &[String]) -> ExitCode {
    let outcome = match args.split_first() {
        Some((name, rest)) if name == "generate" => generate(rest),
        Some((name, rest)) if name == "indicators" => indicators(rest),
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

impl Counts {
    fn add(&mut self, loaded: &Loaded) {
        self.read += loaded.rows_read;
        self.loaded += loaded.table.len() as u64;
        self.rejected += loaded.rejected.len() as u64;
    }
}

fn error(e: MealError) -> String {
    format!("{} {}", e.code, e.message(Locale::En))
}

fn indicators(args: &[String]) -> Result<(), String> {
    let options = Options::parse(args, &["--quarter", "--totals", "--chunk-rows"])?;
    let &[path] = options.positional.as_slice() else {
        return Err(format!("indicators takes one CSV file\n{USAGE}"));
    };
    let logframes = reference::logframes().map_err(error)?;
    let quarter = options.get("--quarter").unwrap_or(reference::QUARTER);
    let periods = reference::quarter_and_months(quarter).map_err(error)?;
    let schema = reference::schema().map_err(error)?.value;
    let chunk_rows = options.number("--chunk-rows", 0)?;

    let started = Instant::now();
    let (engine, _) = reference::engine(&logframes, &schema, &periods).map_err(error)?;
    let mut counts = Counts::default();
    let (results, read) = if chunk_rows == 0 {
        // Read as it goes: the CSV text is never held whole, only the table.
        let file = std::fs::File::open(path).map_err(|e| format!("{path}: {e}"))?;
        let loaded = Table::from_csv_reader(&schema, file).map_err(error)?;
        counts.add(&loaded);
        let read = started.elapsed().as_secs_f64();
        (engine.compute(&loaded.table).map_err(error)?, read)
    } else {
        let partial = by_chunks(path, chunk_rows, &schema, &engine, &mut counts)?;
        (engine.finalize(&partial).map_err(error)?, 0.0)
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

/// The merged partial state of the file read `chunk_rows` records at a time (loading and
/// computing interleave, so no load time is reported apart).
fn by_chunks(
    path: &str,
    chunk_rows: u64,
    schema: &Schema,
    engine: &Engine,
    counts: &mut Counts,
) -> Result<Partial, String> {
    let file = File::open(path).map_err(|e| format!("{path}: {e}"))?;
    let mut lines = io::BufReader::with_capacity(1 << 20, file).lines();
    let header = match lines.next() {
        Some(line) => line.map_err(|e| format!("{path}: {e}"))?,
        None => return Err(format!("{path}: empty file")),
    };
    let mut merged: Option<Partial> = None;
    let mut chunk = String::new();
    loop {
        chunk.clear();
        chunk.push_str(&header);
        chunk.push('\n');
        let mut rows = 0;
        for line in lines.by_ref() {
            chunk.push_str(&line.map_err(|e| format!("{path}: {e}"))?);
            chunk.push('\n');
            rows += 1;
            if rows == chunk_rows {
                break;
            }
        }
        if rows == 0 && merged.is_some() {
            break;
        }
        let loaded = Table::from_csv(schema, &chunk).map_err(error)?;
        counts.add(&loaded);
        let partial = engine.partial(&loaded.table).map_err(error)?;
        match merged.as_mut() {
            Some(state) => state.merge(&partial).map_err(error)?,
            None => merged = Some(partial),
        }
        if rows < chunk_rows {
            break;
        }
    }
    merged.ok_or_else(|| format!("{path}: no records"))
}
