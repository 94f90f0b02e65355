//! A deterministic generator of realistic synthetic records for the reference mission.
//!
//! One row is one thing that happened: a consultation, a night in a shelter, a survey answer, an
//! advocacy meeting. The columns are those of `data/records-schema.json` ([`COLUMNS`]): the core
//! columns every module of issue 6 is written against, then one column per fact an indicator of
//! the four logframes needs (`referral_attended`, `occupied_nights`, `level`, …), empty on the
//! rows of other activities. `data/recipes.json` turns them into the logframes' indicators.
//!
//! # What the records look like
//!
//! * **Four projects** in the proportions of their volumes (Calais and Île-de-France the
//!   largest), each with the `site` categories of its logframe.
//! * **Persons come back.** A person is an *episode*: an arrival date and on average three
//!   records spaced one to three weeks apart (so about `rows / 3` persons), the first one a
//!   `first_visit` when the person is new (60 %; the others were known before October 2025). The
//!   record after a first visit is the first medical consultation, a few days later: it carries
//!   `first_consultation` and `waiting_days`, computed from the two dates. Episodes are interleaved (256 open at a time),
//!   as records arrive in a real export.
//! * **Who they are.** Île-de-France and Marseille see unaccompanied minors aged 14 to 17 (5 %
//!   claim 18, a few are 13); Dunkerque sees women, a few of them minors; Calais sees single men,
//!   minors, single women, families and, from April to October, shipwreck survivors met by the
//!   coastal outreach. Winter shelter in Calais runs from November to March.
//! * **Imperfect data**, so that the quality checks have something to find: `site` missing on
//!   0.5 % of rows, `sex` on 1 %, `age` on 2 %, `population_group` on 0.5 %; ages 150, 999 or −1
//!   on 0.05 % of person rows; nights and kit quantities a hundred times too large on 0.1 % of
//!   their rows; 0.01 % of ages written as text (`17 ans`), which the loader rejects; 0.5 % of
//!   rows repeated
//!   exactly right after themselves (duplicates, same `record_id`). Records are synced within
//!   a few days, except the months a site's device synced late (one site-month in eight, by a
//!   hash, so all its records are late together): those records miss the period's deadline.
//! * **Rates near their targets.** Yes/no outcomes are drawn with probabilities a little above
//!   or below the 2026 targets of their indicators, so a SITREP shows every status.
//! * **Seasonal** where the logframes say so (shipwrecks April–October, winter shelter).
//! * **Stocks as registers.** Squats supported (Marseille) and partnership agreements in force
//!   (Dunkerque) are written as one row each on the day of a register, so the latest register
//!   of a period is its stock (`latest_snapshot`).
//!
//! # Determinism and speed
//!
//! The same [`Config`] gives the same bytes: one ChaCha8 stream seeded from `seed` drives every
//! choice (no clock, no hash-map order, no floating-point formatting — numbers are integers).
//! Rows are written as they are made into a buffered writer, with a fixed-size state (the open
//! episodes), so ten million rows take the time of writing 1.6 GB and no more memory than one
//! row; dates come from a table built once.

use std::collections::VecDeque;
use std::io::{self, Write};

use meal_core::data::{ColumnSpec, ColumnType, Schema};
use rand_chacha::rand_core::{RngCore, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Config {
    /// Rows to write (duplicates included).
    pub rows: u64,
    /// Seed of the random stream: same seed and rows, same bytes.
    pub seed: u64,
}

/// Rows of the reference mission at its real volume (about 8 400 records a quarter over the
/// 15 months covered), where counts meet their targets.
pub const MISSION_ROWS: u64 = 42_000;

/// What was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Summary {
    pub rows: u64,
    pub persons: u64,
    /// Rows that repeat the row before them exactly.
    pub duplicates: u64,
    /// Rows whose `age` is text the loader rejects.
    pub invalid_ages: u64,
}

/// The columns of the record table: name, type, required. `data/records-schema.json` is this
/// list as a `data::Schema` document (a test checks they agree).
pub const COLUMNS: [(&str, ColumnType, bool); 40] = [
    ("record_id", ColumnType::Text, true),
    ("project", ColumnType::Text, true),
    ("site", ColumnType::Text, false),
    ("date", ColumnType::Date, true),
    ("submitted_at", ColumnType::DateTime, false),
    ("person", ColumnType::Text, false),
    ("sex", ColumnType::Text, false),
    ("age", ColumnType::Integer, false),
    ("population_group", ColumnType::Text, false),
    ("activity", ColumnType::Text, true),
    ("nights", ColumnType::Integer, false),
    ("waiting_days", ColumnType::Integer, false),
    ("satisfaction", ColumnType::Integer, false),
    ("first_consultation", ColumnType::Boolean, false),
    ("assessment_within_30d", ColumnType::Boolean, false),
    ("minority_recognised", ColumnType::Boolean, false),
    ("distress_improved", ColumnType::Boolean, false),
    ("sessions", ColumnType::Integer, false),
    ("occupied_nights", ColumnType::Integer, false),
    ("available_nights", ColumnType::Integer, false),
    ("consent", ColumnType::Boolean, false),
    ("health_good", ColumnType::Boolean, false),
    ("level", ColumnType::Integer, false),
    ("referral_attended", ColumnType::Boolean, false),
    ("met_within_24h", ColumnType::Boolean, false),
    ("need", ColumnType::Text, false),
    ("needed_care", ColumnType::Boolean, false),
    ("saw_health_worker", ColumnType::Boolean, false),
    ("coverage_within_3m", ColumnType::Boolean, false),
    ("coverage_days", ColumnType::Integer, false),
    ("standards_met", ColumnType::Boolean, false),
    ("quantity", ColumnType::Integer, false),
    ("refusal_outcome", ColumnType::Text, false),
    ("coverage_open", ColumnType::Boolean, false),
    ("referring_doctor", ColumnType::Boolean, false),
    ("antenatal_visits", ColumnType::Integer, false),
    ("within_72h", ColumnType::Boolean, false),
    ("post_exposure_care", ColumnType::Boolean, false),
    ("violence_screened", ColumnType::Boolean, false),
    ("feels_safe", ColumnType::Boolean, false),
];

/// HXL hashtags of the core columns, written under the header of a CSV export
/// (`interop::hxl::to_csv`) so the table can travel to humanitarian data tools.
pub const HASHTAGS: [(&str, &str); 13] = [
    ("record_id", "#meta+id"),
    ("project", "#activity+code"),
    ("site", "#loc+site+code"),
    ("date", "#date+occurred"),
    ("submitted_at", "#date+reported"),
    ("person", "#beneficiary+id"),
    ("sex", "#beneficiary+sex"),
    ("age", "#beneficiary+age"),
    ("population_group", "#beneficiary+type"),
    ("activity", "#service+type"),
    ("nights", "#indicator+num+nights"),
    ("waiting_days", "#indicator+num+waiting_days"),
    ("satisfaction", "#indicator+satisfaction"),
];

/// The record table's schema ([`COLUMNS`], with the [`HASHTAGS`]).
pub fn schema() -> Schema {
    let hashtag = |name: &str| {
        HASHTAGS
            .iter()
            .find(|(column, _)| *column == name)
            .map(|(_, tag)| (*tag).to_owned())
    };
    Schema::new(
        COLUMNS
            .iter()
            .map(|&(name, column_type, required)| ColumnSpec {
                hxl: hashtag(name),
                ..ColumnSpec::new(name, column_type, required)
            })
            .collect(),
    )
}

/// Writes `config.rows` records as CSV (header first) to `out`.
pub fn write_csv<W: Write>(config: &Config, out: W) -> io::Result<Summary> {
    let mut writer = io::BufWriter::with_capacity(1 << 20, out);
    let mut line = Vec::with_capacity(512);
    header(&mut line);
    writer.write_all(&line)?;
    let mut generator = Generator::new(config.seed);
    let mut summary = Summary::default();
    while summary.rows < config.rows {
        let record = generator.next_record();
        line.clear();
        generator.calendar.write_row(&record, &mut line);
        let invalid_age = u64::from(matches!(record.get(AGE), Cell::Str(_)));
        writer.write_all(&line)?;
        summary.rows += 1;
        summary.invalid_ages += invalid_age;
        if summary.rows < config.rows && generator.rng.chance(DUPLICATE_RATE) {
            writer.write_all(&line)?;
            summary.rows += 1;
            summary.duplicates += 1;
            summary.invalid_ages += invalid_age;
        }
    }
    summary.persons = generator.persons;
    writer.flush()?;
    Ok(summary)
}

/// The CSV of `config` in memory (tests, the demo's small tables).
pub fn csv_string(config: &Config) -> io::Result<(String, Summary)> {
    let mut bytes = Vec::new();
    let summary = write_csv(config, &mut bytes)?;
    let text =
        String::from_utf8(bytes).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))?;
    Ok((text, summary))
}

const DUPLICATE_RATE: f64 = 0.005;

fn header(line: &mut Vec<u8>) {
    for (i, (name, _, _)) in COLUMNS.iter().enumerate() {
        if i > 0 {
            line.push(b',');
        }
        line.extend_from_slice(name.as_bytes());
    }
    line.push(b'\n');
}

// Column positions, in the order of COLUMNS.
const RECORD_ID: usize = 0;
const PROJECT: usize = 1;
const SITE: usize = 2;
const DATE: usize = 3;
const SUBMITTED_AT: usize = 4;
const PERSON: usize = 5;
const SEX: usize = 6;
const AGE: usize = 7;
const POPULATION_GROUP: usize = 8;
const ACTIVITY: usize = 9;
const NIGHTS: usize = 10;
const WAITING_DAYS: usize = 11;
const SATISFACTION: usize = 12;
const FIRST_CONSULTATION: usize = 13;
const ASSESSMENT_WITHIN_30D: usize = 14;
const MINORITY_RECOGNISED: usize = 15;
const DISTRESS_IMPROVED: usize = 16;
const SESSIONS: usize = 17;
const OCCUPIED_NIGHTS: usize = 18;
const AVAILABLE_NIGHTS: usize = 19;
const CONSENT: usize = 20;
const HEALTH_GOOD: usize = 21;
const LEVEL: usize = 22;
const REFERRAL_ATTENDED: usize = 23;
const MET_WITHIN_24H: usize = 24;
const NEED: usize = 25;
const NEEDED_CARE: usize = 26;
const SAW_HEALTH_WORKER: usize = 27;
const COVERAGE_WITHIN_3M: usize = 28;
const COVERAGE_DAYS: usize = 29;
const STANDARDS_MET: usize = 30;
const QUANTITY: usize = 31;
const REFUSAL_OUTCOME: usize = 32;
const COVERAGE_OPEN: usize = 33;
const REFERRING_DOCTOR: usize = 34;
const ANTENATAL_VISITS: usize = 35;
const WITHIN_72H: usize = 36;
const POST_EXPOSURE_CARE: usize = 37;
const VIOLENCE_SCREENED: usize = 38;
const FEELS_SAFE: usize = 39;

/// One cell as it will be written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum Cell {
    #[default]
    Empty,
    Str(&'static str),
    Int(i64),
    Bool(bool),
    /// A day of the calendar (index from [`FIRST_DAY`]).
    Day(u32),
    /// A day and the seconds into it, UTC.
    Stamp(u32, u32),
    /// A record id: project index and number.
    Id(usize, u64),
    /// A person's pseudonym: 128 bits written as 32 hex digits.
    Person(u128),
}

/// One row: a cell per column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Record([Cell; COLUMNS.len()]);

impl Record {
    fn get(&self, column: usize) -> Cell {
        self.0.get(column).copied().unwrap_or_default()
    }
    fn set(&mut self, column: usize, cell: Cell) {
        if let Some(slot) = self.0.get_mut(column) {
            *slot = cell;
        }
    }
    fn set_bool(&mut self, column: usize, value: bool) {
        self.set(column, Cell::Bool(value));
    }
    fn set_int(&mut self, column: usize, value: i64) {
        self.set(column, Cell::Int(value));
    }
}

// ---------------------------------------------------------------------------------------------
// Calendar: day indices from 2025-10-01, their text and month, written without formatting.

/// First day of the records: 2025-10-01.
const FIRST_DAY: (i32, u32, u32) = (2025, 10, 1);
/// Days covered: 2025-10-01 ..= 2026-12-31.
const DAYS: u32 = 457;
/// Submissions can come up to this many days after the last activity day.
const LATE_DAYS: u32 = 120;

/// The text (`YYYY-MM-DD`) and month of every day a record can carry.
#[derive(Debug)]
struct Calendar {
    text: Vec<[u8; 10]>,
    month: Vec<u8>,
    /// Days from each day to the last day of its month.
    days_left: Vec<u8>,
}

impl Calendar {
    fn new() -> Calendar {
        let (mut year, mut month, mut day) = FIRST_DAY;
        let mut text = Vec::new();
        let mut months = Vec::new();
        let mut days_left = Vec::new();
        for _ in 0..DAYS + LATE_DAYS {
            let mut t = [b'0'; 10];
            digits(&mut t[0..4], year as u64);
            t[4] = b'-';
            digits(&mut t[5..7], u64::from(month));
            t[7] = b'-';
            digits(&mut t[8..10], u64::from(day));
            text.push(t);
            months.push(month as u8);
            days_left.push((days_in_month(year, month) - day) as u8);
            day += 1;
            if day > days_in_month(year, month) {
                day = 1;
                month += 1;
                if month > 12 {
                    month = 1;
                    year += 1;
                }
            }
        }
        Calendar {
            text,
            month: months,
            days_left,
        }
    }

    fn month(&self, day: u32) -> u8 {
        self.month.get(day as usize).copied().unwrap_or(0)
    }

    fn days_left(&self, day: u32) -> u32 {
        self.days_left
            .get(day as usize)
            .copied()
            .map_or(0, u32::from)
    }

    fn write_row(&self, record: &Record, line: &mut Vec<u8>) {
        for (i, cell) in record.0.iter().enumerate() {
            if i > 0 {
                line.push(b',');
            }
            self.write_cell(*cell, line);
        }
        line.push(b'\n');
    }

    fn write_cell(&self, cell: Cell, line: &mut Vec<u8>) {
        match cell {
            Cell::Empty => {}
            Cell::Str(text) => line.extend_from_slice(text.as_bytes()),
            Cell::Int(value) => integer(value, line),
            Cell::Bool(value) => line.extend_from_slice(if value { b"true" } else { b"false" }),
            Cell::Day(day) => self.write_day(day, line),
            Cell::Stamp(day, seconds) => {
                self.write_day(day, line);
                let mut t = *b"T00:00:00Z";
                digits(&mut t[1..3], u64::from(seconds / 3600));
                digits(&mut t[4..6], u64::from(seconds / 60 % 60));
                digits(&mut t[7..9], u64::from(seconds % 60));
                line.extend_from_slice(&t);
            }
            Cell::Id(project, number) => {
                let code = PROJECTS.get(project).map_or("???", |p| p.code);
                line.extend_from_slice(code.as_bytes());
                line.push(b'-');
                let mut t = [b'0'; 7];
                if number < 10_000_000 {
                    digits(&mut t, number);
                    line.extend_from_slice(&t);
                } else {
                    integer(number as i64, line);
                }
            }
            Cell::Person(bits) => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                for shift in (0..32).rev() {
                    let nibble = (bits >> (shift * 4)) as usize & 0xf;
                    line.push(HEX.get(nibble).copied().unwrap_or(b'0'));
                }
            }
        }
    }

    fn write_day(&self, day: u32, line: &mut Vec<u8>) {
        match self.text.get(day as usize) {
            Some(text) => line.extend_from_slice(text),
            None => line.extend_from_slice(b"2027-12-31"),
        }
    }
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Writes `value` as decimal digits filling `out` (zero-padded on the left).
fn digits(out: &mut [u8], mut value: u64) {
    for slot in out.iter_mut().rev() {
        *slot = b'0' + (value % 10) as u8;
        value /= 10;
    }
}

fn integer(value: i64, line: &mut Vec<u8>) {
    if value < 0 {
        line.push(b'-');
    }
    let mut magnitude = value.unsigned_abs();
    let mut buffer = [0u8; 20];
    let mut start = buffer.len();
    loop {
        start -= 1;
        if let Some(slot) = buffer.get_mut(start) {
            *slot = b'0' + (magnitude % 10) as u8;
        }
        magnitude /= 10;
        if magnitude == 0 || start == 0 {
            break;
        }
    }
    line.extend_from_slice(buffer.get(start..).unwrap_or_default());
}

// ---------------------------------------------------------------------------------------------
// Randomness: a ChaCha8 stream and the few draws the generator needs.

#[derive(Debug)]
struct Rng(ChaCha8Rng);

impl Rng {
    /// A number in `0..n` (0 when `n` is 0), by multiply-shift: no loop, same draws everywhere.
    fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.0.next_u64()) * u128::from(n)) >> 64) as u64
    }
    /// A number in `low..=high`.
    fn between(&mut self, low: i64, high: i64) -> i64 {
        low + self.below(high.abs_diff(low) + 1) as i64
    }
    /// True with probability `p`.
    fn chance(&mut self, p: f64) -> bool {
        ((self.0.next_u64() >> 11) as f64) * (1.0 / (1u64 << 53) as f64) < p
    }
    /// One of `items`, with probability proportional to its weight.
    fn pick<T: Copy + Default>(&mut self, items: &[(T, u32)]) -> T {
        let total: u64 = items.iter().map(|&(_, w)| u64::from(w)).sum();
        let mut ticket = self.below(total);
        for &(item, weight) in items {
            if ticket < u64::from(weight) {
                return item;
            }
            ticket -= u64::from(weight);
        }
        T::default()
    }
}

/// SplitMix64's finaliser: a well-mixed 64-bit hash of `x`.
fn splitmix(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

// ---------------------------------------------------------------------------------------------
// The mission: projects, who they serve, what they do, at which rates.

/// How a project's people and activities are drawn.
#[derive(Debug)]
struct Project {
    code: &'static str,
    /// Share of person episodes.
    weight: u32,
    /// Population groups of the persons it serves.
    groups: &'static [(&'static str, u32)],
    /// Activities of a person's records after the first visit (weights ≈ records a quarter).
    person_activities: &'static [(&'static str, u32)],
    /// Activities not about a person (weights ≈ records a quarter).
    other_activities: &'static [(&'static str, u32)],
    /// Policy-stage level at the start and the end of the period covered.
    policy_levels: (i64, i64),
}

const PROJECTS: [Project; 4] = [
    Project {
        code: "IDF",
        weight: 34,
        groups: &[("mna", 1)],
        person_activities: &[
            ("medical_consultation", 1100),
            ("mental_health_session", 400),
            ("mental_health_review", 40),
            ("shelter_stay", 650),
            ("appeal_filed", 110),
            ("appeal_decision", 80),
            ("exit_interview", 60),
            ("feedback", 40),
        ],
        other_activities: &[
            ("occupancy_report", 13),
            ("advocacy_meeting", 6),
            ("testimony", 5),
            ("policy_stage_review", 3),
            ("engagement_review", 3),
        ],
        policy_levels: (2, 3),
    },
    Project {
        code: "CAL",
        weight: 42,
        groups: &[
            ("single_men", 45),
            ("mna", 20),
            ("single_women", 10),
            ("families", 15),
            ("shipwreck_survivors", 10),
        ],
        person_activities: &[
            ("medical_consultation", 1600),
            ("mental_health_session", 250),
            ("referral", 150),
            ("satisfaction_survey", 100),
            ("outreach_contact", 100),
            ("shelter_stay", 360),
            ("access_survey", 80),
            ("feedback", 40),
        ],
        other_activities: &[
            ("shipwreck", 5),
            ("incident_report", 15),
            ("policy_stage_review", 3),
        ],
        policy_levels: (1, 3),
    },
    Project {
        code: "MRS",
        weight: 14,
        groups: &[("mna", 75), ("squat_residents", 15), ("families", 10)],
        person_activities: &[
            ("medical_consultation", 600),
            ("mental_health_session", 250),
            ("coverage_application", 65),
            ("coverage_opened", 50),
            ("coverage_review", 40),
            ("care_refusal", 10),
            ("exit_interview", 20),
            ("feedback", 20),
        ],
        other_activities: &[
            ("squat_assessment", 7),
            ("squat_support", 3),
            ("kit_distribution", 30),
            ("squat_outreach_visit", 26),
            ("policy_stage_review", 3),
            ("engagement_review", 3),
        ],
        policy_levels: (2, 4),
    },
    Project {
        code: "DKQ",
        weight: 10,
        groups: &[("single_women", 65), ("mna", 15), ("families", 20)],
        person_activities: &[
            ("gynaecology_consultation", 100),
            ("antenatal_consultation", 90),
            ("contraception_consultation", 60),
            ("pregnancy_followup_end", 20),
            ("satisfaction_survey", 50),
            ("sv_consultation", 20),
            ("shelter_stay", 180),
            ("mental_health_session", 60),
            ("mental_health_review", 20),
            ("safety_survey", 40),
            ("feedback", 20),
        ],
        other_activities: &[
            ("occupancy_report", 13),
            ("partnership_agreement", 1),
            ("sv_documentation", 16),
            ("policy_stage_review", 3),
        ],
        policy_levels: (1, 3),
    },
];

const IDF: usize = 0;
const CAL: usize = 1;
const MRS: usize = 2;
const DKQ: usize = 3;

/// Activities of shipwreck survivors in Calais: mostly met by the coastal outreach.
const SURVIVOR_ACTIVITIES: &[(&str, u32)] = &[
    ("outreach_contact", 70),
    ("medical_consultation", 20),
    ("mental_health_session", 10),
];

/// Share of rows not about a person (meetings, reports, squats): ≈ 166 of 8 400 a quarter.
const OTHER_RATE: f64 = 0.02;
/// Episodes open at a time (interleaving of persons in the output).
const OPEN_EPISODES: usize = 256;

/// A person and where they are in their visits.
#[derive(Debug, Clone, Copy)]
struct Episode {
    project: usize,
    person: u128,
    sex: &'static str,
    age: i64,
    group: &'static str,
    /// Day of the next record.
    next_day: u32,
    /// Day of the first visit when it falls in the period covered.
    first_visit: Option<u32>,
    records_left: u32,
    had_first_visit_record: bool,
    /// The record after a first visit is the first consultation (IDF-IND-02's waiting time).
    consultation_next: bool,
    had_consultation: bool,
}

#[derive(Debug)]
struct Generator {
    rng: Rng,
    calendar: Calendar,
    open: Vec<Option<Episode>>,
    seed: u64,
    numbers: [u64; 4],
    persons: u64,
    /// Records made together and not yet written (the rows of a register).
    queue: VecDeque<Record>,
}

impl Generator {
    fn new(seed: u64) -> Generator {
        Generator {
            rng: Rng(ChaCha8Rng::seed_from_u64(seed)),
            calendar: Calendar::new(),
            open: vec![None; OPEN_EPISODES],
            seed,
            numbers: [0; 4],
            persons: 0,
            queue: VecDeque::new(),
        }
    }

    fn next_record(&mut self) -> Record {
        if let Some(record) = self.queue.pop_front() {
            return record;
        }
        if self.rng.chance(OTHER_RATE) {
            return self.other_record();
        }
        loop {
            let slot = self.rng.below(OPEN_EPISODES as u64) as usize;
            let episode = match self.open.get(slot).copied().flatten() {
                Some(episode) => episode,
                None => self.new_episode(),
            };
            let (record, next) = self.person_record(episode);
            if let Some(place) = self.open.get_mut(slot) {
                *place = next;
            }
            if let Some(record) = record {
                return record;
            }
        }
    }

    fn new_episode(&mut self) -> Episode {
        let weights: Vec<(usize, u32)> = PROJECTS
            .iter()
            .enumerate()
            .map(|(i, p)| (i, p.weight))
            .collect();
        let project = self.rng.pick(&weights);
        let groups = PROJECTS.get(project).map_or(&[][..], |p| p.groups);
        let group = self.rng.pick(groups);
        let (sex, age) = self.person_traits(project, group);
        let survivor = group == "shipwreck_survivors";
        let first_day = if survivor {
            self.day_in_season(|month| (4..=10).contains(&month))
        } else {
            self.rng.below(u64::from(DAYS)) as u32
        };
        let new_person = self.rng.chance(0.6);
        // Geometric number of records, mean 3: about rows / 3 persons.
        let mut records = 1;
        while records < 40 && self.rng.chance(2.0 / 3.0) {
            records += 1;
        }
        self.persons += 1;
        let person = u128::from(self.rng.0.next_u64()) << 64 | u128::from(self.rng.0.next_u64());
        Episode {
            project,
            person,
            sex,
            age,
            group,
            next_day: first_day,
            first_visit: new_person.then_some(first_day),
            records_left: records,
            had_first_visit_record: false,
            consultation_next: false,
            had_consultation: false,
        }
    }

    /// Sex and age of a new person of `group` in `project`.
    fn person_traits(&mut self, project: usize, group: &'static str) -> (&'static str, i64) {
        let sex = match (project, group) {
            (DKQ, _) | (_, "single_women") => self.rng.pick(&[("f", 98), ("other", 1), ("m", 1)]),
            (_, "single_men") => self.rng.pick(&[("m", 99), ("other", 1)]),
            (_, "mna") => self.rng.pick(&[("m", 91), ("f", 8), ("other", 1)]),
            (_, "shipwreck_survivors") => self.rng.pick(&[("m", 75), ("f", 24), ("other", 1)]),
            _ => self.rng.pick(&[("m", 50), ("f", 49), ("other", 1)]),
        };
        let age = match group {
            "mna" => self
                .rng
                .pick(&[(13, 3), (14, 10), (15, 24), (16, 34), (17, 24), (18, 5)]),
            "families" => self.rng.between(0, 50),
            "shipwreck_survivors" => self.rng.between(12, 45),
            _ => self.rng.between(18, 45),
        };
        (sex, age)
    }

    /// A day whose month satisfies `season` (the first day when none is found).
    fn day_in_season(&mut self, season: impl Fn(u8) -> bool) -> u32 {
        for _ in 0..64 {
            let day = self.rng.below(u64::from(DAYS)) as u32;
            if season(self.calendar.month(day)) {
                return day;
            }
        }
        0
    }

    /// The next record of `episode`, and the episode afterwards (`None` when it is over).
    fn person_record(&mut self, mut episode: Episode) -> (Option<Record>, Option<Episode>) {
        if episode.records_left == 0 || episode.next_day >= DAYS {
            return (None, None);
        }
        let day = episode.next_day;
        let activity = self.person_activity(&mut episode, day);
        let mut record = self.base(episode.project, activity, day);
        self.describe_person(&mut record, &episode);
        self.person_facts(&mut record, &mut episode, activity, day);
        episode.records_left -= 1;
        episode.next_day = day + 1 + self.rng.below(21) as u32;
        if activity == "first_visit" {
            // The first consultation follows the first visit by about a week (IDF-IND-02).
            episode.next_day = day + self.rng.below(17) as u32;
        }
        (Some(record), Some(episode))
    }

    fn person_activity(&mut self, episode: &mut Episode, day: u32) -> &'static str {
        if episode.first_visit.is_some() && !episode.had_first_visit_record {
            episode.had_first_visit_record = true;
            episode.consultation_next = episode.project != DKQ;
            return "first_visit";
        }
        if episode.consultation_next {
            episode.consultation_next = false;
            return "medical_consultation";
        }
        let project = PROJECTS.get(episode.project);
        let table = if episode.group == "shipwreck_survivors" {
            SURVIVOR_ACTIVITIES
        } else {
            project.map_or(&[][..], |p| p.person_activities)
        };
        let activity = self.rng.pick(table);
        let winter = matches!(self.calendar.month(day), 11 | 12 | 1 | 2 | 3);
        let calais_shelter = episode.project == CAL && activity == "shelter_stay";
        let cal_shelter_group = matches!(episode.group, "mna" | "single_women" | "families");
        if calais_shelter && !(winter && cal_shelter_group) {
            return "medical_consultation";
        }
        activity
    }

    /// Record id, project, site, dates and activity.
    fn base(&mut self, project: usize, activity: &'static str, day: u32) -> Record {
        let mut record = Record([Cell::Empty; COLUMNS.len()]);
        let number = self.numbers.get_mut(project).map_or(0, |n| {
            *n += 1;
            *n
        });
        record.set(RECORD_ID, Cell::Id(project, number));
        let code = PROJECTS.get(project).map_or("", |p| p.code);
        record.set(PROJECT, Cell::Str(code));
        let site = self.site(project, activity);
        if !self.rng.chance(0.005) {
            record.set(SITE, Cell::Str(site));
        }
        record.set(DATE, Cell::Day(day));
        let delay = if self.late_month(project, site, day) {
            // The month's records of this site synced after its deadline (end + 7 days).
            self.calendar.days_left(day) + self.rng.between(8, 40) as u32
        } else {
            self.rng.pick(&[(0, 60), (1, 25), (2, 10), (4, 5)])
        };
        let seconds = self.rng.between(6 * 3600, 22 * 3600) as u32;
        record.set(SUBMITTED_AT, Cell::Stamp(day + delay, seconds));
        record.set(ACTIVITY, Cell::Str(activity));
        record
    }

    /// True for about one site-month in eight, the same for every record of it: a device
    /// that synced late. A hash of the seed, project, site and month, not a draw, so that the
    /// rows of a month agree wherever they fall in the stream.
    fn late_month(&self, project: usize, site: &str, day: u32) -> bool {
        let mut key = self.seed ^ (project as u64) << 56;
        for byte in site.bytes() {
            key = (key ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
        }
        // The month's last day: the same for every day of the month.
        let month = u64::from(day + self.calendar.days_left(day)) << 32;
        splitmix(key ^ month).is_multiple_of(8)
    }

    fn site(&mut self, project: usize, activity: &str) -> &'static str {
        let medical = matches!(
            activity,
            "medical_consultation"
                | "gynaecology_consultation"
                | "antenatal_consultation"
                | "contraception_consultation"
                | "satisfaction_survey"
        );
        match (project, activity) {
            (IDF, _) if medical => self.rng.pick(&[("day_centre", 65), ("mobile_clinic", 35)]),
            (IDF, _) => "day_centre",
            (CAL, "outreach_contact" | "shipwreck") => "coast_mobile",
            (CAL, "satisfaction_survey") => self.rng.pick(&[
                ("calais_mobile", 60),
                ("coast_mobile", 25),
                ("calais_day_centre", 15),
            ]),
            (CAL, _) if medical => self.rng.pick(&[
                ("calais_day_centre", 40),
                ("calais_mobile", 40),
                ("coast_mobile", 20),
            ]),
            (CAL, _) => "calais_day_centre",
            (MRS, _) if medical => self.rng.pick(&[("day_centre", 75), ("shelter", 25)]),
            (MRS, "shelter_stay" | "exit_interview") => "shelter",
            (MRS, _) => "day_centre",
            (_, _) if medical => self.rng.pick(&[("womens_centre", 60), ("camps", 40)]),
            (_, _) => "womens_centre",
        }
    }

    /// Person, sex, age and group of a person's record, with their missing values and outliers.
    fn describe_person(&mut self, record: &mut Record, episode: &Episode) {
        // Half the feedback is anonymous: no pseudonym and none of the person's traits.
        let anonymous_feedback =
            record.get(ACTIVITY) == Cell::Str("feedback") && self.rng.chance(0.5);
        if anonymous_feedback {
            return;
        }
        record.set(PERSON, Cell::Person(episode.person));
        if !self.rng.chance(0.01) {
            record.set(SEX, Cell::Str(episode.sex));
        }
        if self.rng.chance(0.0001) {
            record.set(AGE, Cell::Str("17 ans"));
        } else if self.rng.chance(0.0005) {
            let outlier = self.rng.pick(&[(150, 1), (999, 1), (-1, 1)]);
            record.set_int(AGE, outlier);
        } else if !self.rng.chance(0.02) {
            record.set_int(AGE, episode.age);
        }
        if !self.rng.chance(0.005) {
            record.set(POPULATION_GROUP, Cell::Str(episode.group));
        }
    }

    /// The facts of a person's record that the indicators read.
    fn person_facts(
        &mut self,
        record: &mut Record,
        episode: &mut Episode,
        activity: &str,
        day: u32,
    ) {
        let project = episode.project;
        match activity {
            "first_visit" if project == IDF => {
                let within = self.rng.chance(0.66);
                record.set_bool(ASSESSMENT_WITHIN_30D, within);
            }
            "medical_consultation" => {
                if let (Some(first), false) = (episode.first_visit, episode.had_consultation) {
                    record.set_bool(FIRST_CONSULTATION, true);
                    record.set_int(WAITING_DAYS, i64::from(day.saturating_sub(first)));
                }
                episode.had_consultation = true;
            }
            "mental_health_review" if project == IDF => {
                let improved = self.rng.chance(0.47);
                record.set_bool(DISTRESS_IMPROVED, improved);
            }
            "mental_health_review" => {
                let sessions =
                    self.rng
                        .pick(&[(1, 15), (2, 20), (3, 25), (4, 20), (5, 10), (8, 10)]);
                record.set_int(SESSIONS, sessions);
            }
            "shelter_stay" => {
                let nights = self.rng.between(1, 9);
                let nights = self.outlying(nights);
                record.set_int(NIGHTS, nights);
            }
            "appeal_decision" => {
                let recognised = self.rng.chance(0.59);
                record.set_bool(MINORITY_RECOGNISED, recognised);
            }
            "exit_interview" if project == IDF => {
                let good = self.rng.chance(0.62);
                record.set_bool(HEALTH_GOOD, good);
            }
            "exit_interview" => {
                let open = self.rng.chance(0.7);
                let doctor = self.rng.chance(0.6);
                record.set_bool(COVERAGE_OPEN, open);
                record.set_bool(REFERRING_DOCTOR, doctor);
            }
            "satisfaction_survey" | "feedback" => {
                let weights: &[(i64, u32)] = if project == DKQ {
                    &[(1, 5), (2, 15), (3, 45), (4, 35)]
                } else {
                    &[(1, 10), (2, 20), (3, 45), (4, 25)]
                };
                let score = self.rng.pick(weights);
                if !self.rng.chance(0.02) {
                    record.set_int(SATISFACTION, score);
                }
            }
            _ => self.calais_marseille_dunkerque_facts(record, activity),
        }
    }

    fn calais_marseille_dunkerque_facts(&mut self, record: &mut Record, activity: &str) {
        match activity {
            "referral" => {
                let attended = self.rng.chance(0.57);
                record.set_bool(REFERRAL_ATTENDED, attended);
            }
            "outreach_contact" => {
                let need = self.rng.pick(&[
                    ("medical", 30),
                    ("shelter", 35),
                    ("food", 15),
                    ("rights", 10),
                    ("family", 10),
                ]);
                if !self.rng.chance(0.05) {
                    record.set(NEED, Cell::Str(need));
                }
            }
            "access_survey" => {
                let needed = self.rng.chance(0.8);
                record.set_bool(NEEDED_CARE, needed);
                if needed {
                    let saw = self.rng.chance(0.63);
                    record.set_bool(SAW_HEALTH_WORKER, saw);
                }
            }
            "coverage_review" => {
                let opened = self.rng.chance(0.48);
                record.set_bool(COVERAGE_WITHIN_3M, opened);
            }
            "coverage_opened" => {
                let days = self.rng.between(30, 120);
                record.set_int(COVERAGE_DAYS, days);
            }
            "care_refusal" => {
                let outcome = self.rng.pick(&[
                    ("resolved", 40),
                    ("pending", 30),
                    ("court", 10),
                    ("not_resolved", 20),
                ]);
                if !self.rng.chance(0.1) {
                    record.set(REFUSAL_OUTCOME, Cell::Str(outcome));
                }
            }
            "pregnancy_followup_end" => {
                let visits = self
                    .rng
                    .pick(&[(1, 15), (2, 20), (3, 27), (4, 20), (5, 10), (7, 8)]);
                record.set_int(ANTENATAL_VISITS, visits);
            }
            "sv_consultation" => {
                let within = self.rng.chance(0.6);
                record.set_bool(WITHIN_72H, within);
                if within {
                    let care = self.rng.chance(0.82);
                    record.set_bool(POST_EXPOSURE_CARE, care);
                }
            }
            "gynaecology_consultation"
            | "antenatal_consultation"
            | "contraception_consultation" => {
                let screened = self.rng.chance(0.75);
                record.set_bool(VIOLENCE_SCREENED, screened);
            }
            "safety_survey" => {
                let safe = self.rng.chance(0.38);
                record.set_bool(FEELS_SAFE, safe);
            }
            _ => {}
        }
    }

    /// A record not about a person.
    fn other_record(&mut self) -> Record {
        let weights: Vec<(usize, u32)> = PROJECTS
            .iter()
            .enumerate()
            .map(|(i, p)| (i, p.other_activities.iter().map(|&(_, w)| w).sum()))
            .collect();
        let project = self.rng.pick(&weights);
        let table = PROJECTS
            .get(project)
            .map_or(&[][..], |p| p.other_activities);
        let activity = self.rng.pick(table);
        let day = if activity == "shipwreck" {
            self.day_in_season(|month| (4..=10).contains(&month))
        } else {
            self.rng.below(u64::from(DAYS)) as u32
        };
        let mut record = self.base(project, activity, day);
        self.other_facts(&mut record, project, activity, day);
        for _ in 1..self.register_size(project, activity, day) {
            let mut entry = self.base(project, activity, day);
            self.other_facts(&mut entry, project, activity, day);
            self.queue.push_back(entry);
        }
        record
    }

    /// Rows of a register written on one day: one per squat supported (Marseille, six or
    /// seven) or per partnership agreement in force (Dunkerque, two growing to five), so that
    /// the latest day's rows are the stock (`latest_snapshot`); one row otherwise.
    fn register_size(&mut self, project: usize, activity: &str, day: u32) -> i64 {
        match activity {
            "squat_support" => self.rng.between(6, 7),
            "partnership_agreement" if project == DKQ => 2 + 3 * i64::from(day) / i64::from(DAYS),
            _ => 1,
        }
    }

    fn other_facts(&mut self, record: &mut Record, project: usize, activity: &str, day: u32) {
        match activity {
            "occupancy_report" => {
                // A week of a 36-bed (IDF) or 20-bed (DKQ) shelter.
                let (beds, rate) = if project == IDF {
                    (36, 0.9)
                } else {
                    (20, 0.82)
                };
                let available = 7 * beds;
                let occupied = (0..available).filter(|_| self.rng.chance(rate)).count() as i64;
                record.set_int(AVAILABLE_NIGHTS, available);
                record.set_int(OCCUPIED_NIGHTS, occupied);
            }
            "testimony" | "sv_documentation" => {
                let consent = self.rng.chance(0.88);
                record.set_bool(CONSENT, consent);
            }
            "policy_stage_review" | "engagement_review" => {
                let (start, end) = match (activity, PROJECTS.get(project)) {
                    ("policy_stage_review", Some(p)) => p.policy_levels,
                    _ => (2, 3),
                };
                let progress = start + (end - start) * i64::from(day) / i64::from(DAYS);
                let noise = self.rng.pick(&[(-1, 1), (0, 8), (1, 1)]);
                // Policy stages have five levels, engagement levels four (the logframes).
                let top = if activity == "policy_stage_review" {
                    5
                } else {
                    4
                };
                record.set_int(LEVEL, (progress + noise).clamp(1, top));
            }
            "shipwreck" => {
                let met = self.rng.chance(0.78);
                record.set_bool(MET_WITHIN_24H, met);
            }
            "squat_assessment" => {
                let met = self.rng.chance(0.43);
                record.set_bool(STANDARDS_MET, met);
            }
            "kit_distribution" => {
                let kits = self.rng.between(5, 15);
                let kits = self.outlying(kits);
                record.set_int(QUANTITY, kits);
            }
            "squat_outreach_visit" => {
                let group =
                    self.rng
                        .pick(&[("mna", 30), ("families", 30), ("squat_residents", 40)]);
                record.set(POPULATION_GROUP, Cell::Str(group));
            }
            _ => {}
        }
    }

    /// `value`, or a hundred times it on 0.1 % of draws (a typing slip the outlier tests find).
    fn outlying(&mut self, value: i64) -> i64 {
        if self.rng.chance(0.001) {
            value * 100
        } else {
            value
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn small() -> Config {
        Config {
            rows: 5_000,
            seed: 7,
        }
    }

    #[test]
    fn same_seed_same_bytes_other_seed_other_bytes() {
        let (a, _) = csv_string(&small()).unwrap();
        let (b, _) = csv_string(&small()).unwrap();
        let (c, _) = csv_string(&Config { seed: 8, ..small() }).unwrap();
        assert_eq!(a, b);
        assert_ne!(a, c);
    }

    #[test]
    fn writes_exactly_the_rows_asked_with_the_header() {
        let (text, summary) = csv_string(&small()).unwrap();
        assert_eq!(text.lines().count(), 5_001);
        assert_eq!(summary.rows, 5_000);
        let header: Vec<&str> = text.lines().next().unwrap().split(',').collect();
        let names: Vec<&str> = COLUMNS.iter().map(|c| c.0).collect();
        assert_eq!(header, names);
        for line in text.lines() {
            assert_eq!(line.split(',').count(), COLUMNS.len(), "{line}");
        }
    }

    #[test]
    fn about_a_third_as_many_persons_as_rows_and_some_duplicates() {
        let (text, summary) = csv_string(&Config {
            rows: 60_000,
            seed: 1,
        })
        .unwrap();
        let ratio = summary.persons as f64 / summary.rows as f64;
        assert!((0.25..0.45).contains(&ratio), "{ratio}");
        let duplicates = text
            .lines()
            .zip(text.lines().skip(1))
            .filter(|(a, b)| a == b)
            .count() as u64;
        assert_eq!(duplicates, summary.duplicates);
        assert!((150..450).contains(&duplicates), "{duplicates}");
    }

    #[test]
    fn calendar_text_of_known_days() {
        let calendar = Calendar::new();
        let text = |day: u32| String::from_utf8(calendar.text[day as usize].to_vec()).unwrap();
        assert_eq!(text(0), "2025-10-01");
        assert_eq!(text(92), "2026-01-01");
        assert_eq!(text(DAYS - 1), "2026-12-31");
        assert_eq!(calendar.month(92 + 31 + 28), 3);
    }

    #[test]
    fn integers_are_written_as_decimal_text() {
        for value in [0, 7, -1, 999, 1_234_567, i64::MIN, i64::MAX] {
            let mut line = Vec::new();
            integer(value, &mut line);
            assert_eq!(String::from_utf8(line).unwrap(), value.to_string());
        }
    }
}
