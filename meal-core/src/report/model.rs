//! The report model shared by the SITREP and the annual report: what a reader will see, before
//! any format. Its serde form is the JSON rendering, so every binding reads the same shape.
//!
//! A report covers one or more periods (one for a SITREP; the year and its four quarters for
//! the annual report). Each indicator line carries one [`Entry`] per period, in the report's
//! period order, for its total, each category of each disaggregation dimension, and each crossed
//! cell. An entry is published, suppressed (disclosure control, see `protect.rs`) or not
//! computed (no figure for it in the results): nothing is left out silently.
//!
//! A suppressed entry carries **no** value, achievement, status or row counts — only its
//! period and its declared target (a plan, not data) — so that the hidden number appears in
//! no rendering, JSON included.
//!
//! This file raises no code.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::compute::{Figure, RowCounts, Sources};
use crate::indicator::Status;
use crate::logframe::{Level, ObjectiveKind};
use crate::period::Period;
use crate::quality::Score;

/// Whether an entry is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntryState {
    /// Shown with its value.
    Published,
    /// Hidden by disclosure control.
    Suppressed,
    /// The results hold no figure for it.
    NotComputed,
}

/// One figure of a report: a period of a total, a category or a crossed cell.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub period: Period,
    pub state: EntryState,
    /// `None`: no data, suppressed, or not computed (see `state`).
    pub value: Option<Decimal>,
    pub target: Option<Decimal>,
    /// Fraction of the target (1 = 100 %), as the core computes it.
    pub achievement: Option<Decimal>,
    /// `None` when suppressed or not computed.
    pub status: Option<Status>,
    /// Rows behind the figure; `None` when suppressed, not computed, or (external reports) a
    /// disaggregation cell.
    pub rows: Option<RowCounts>,
}

impl Entry {
    /// The published entry of a figure.
    pub fn published(figure: &Figure) -> Entry {
        Entry {
            period: figure.period,
            state: EntryState::Published,
            value: figure.value,
            target: figure.target,
            achievement: figure.achievement,
            status: Some(figure.status),
            rows: Some(figure.rows),
        }
    }

    /// The entry of a period the results hold no figure for.
    pub fn not_computed(period: &Period) -> Entry {
        Entry {
            period: *period,
            state: EntryState::NotComputed,
            value: None,
            target: None,
            achievement: None,
            status: None,
            rows: None,
        }
    }

    /// Hides everything that derives from the data; keeps the period and the target.
    pub fn suppress(&mut self) {
        self.state = EntryState::Suppressed;
        self.value = None;
        self.achievement = None;
        self.status = None;
        self.rows = None;
    }

    /// True when the entry is suppressed.
    pub fn is_suppressed(&self) -> bool {
        self.state == EntryState::Suppressed
    }
}

/// The baseline of an indicator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BaselineLine {
    pub value: Decimal,
    pub period: Period,
}

/// One category of a dimension, with its entries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryLine {
    /// Category code (`f`, `under_15`, `unknown`).
    pub category: String,
    /// Its name in the report's language (the code when the logframe does not declare it).
    pub name: String,
    pub entries: Vec<Entry>,
}

/// The one-way table of one dimension: declared categories in order, then any category the
/// logframe does not declare, then `unknown`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Disaggregation {
    pub dimension: String,
    pub name: String,
    pub categories: Vec<CategoryLine>,
}

/// A cell crossing two or more dimensions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CrossedLine {
    /// Dimension code → category code.
    pub cell: BTreeMap<String, String>,
    /// The cell in words: `Sex: female · Age band: under 15`.
    pub name: String,
    pub entries: Vec<Entry>,
}

/// An indicator and its figures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndicatorLine {
    pub code: String,
    pub name: String,
    pub unit: String,
    /// The measure kind (`count`, `ratio`, …); empty when no logframe defines the indicator.
    pub measure: String,
    pub baseline: Option<BaselineLine>,
    /// The total, one entry per report period.
    pub entries: Vec<Entry>,
    pub disaggregations: Vec<Disaggregation>,
    pub crossed: Vec<CrossedLine>,
}

/// The indicators of one objective (or, when `objective` is `None`, those no objective lists).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Group {
    pub objective: Option<String>,
    pub level: Option<Level>,
    pub kind: Option<ObjectiveKind>,
    pub title: String,
    pub indicators: Vec<IndicatorLine>,
}

/// A finding of the computation or of the report, rendered for the reader.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Note {
    pub code: String,
    /// The indicator it is about, when it names one.
    pub indicator: Option<String>,
    /// The message in the report's language.
    pub message: String,
}

/// An indicator of the scope that has no total figure for any report period, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotComputed {
    pub code: String,
    pub name: String,
    pub reasons: Vec<Note>,
}

/// One project of the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProjectSection {
    pub project: String,
    pub name: String,
    /// Objectives in results-chain order (the logframe's tree), then unlinked indicators.
    pub groups: Vec<Group>,
    pub not_computed: Vec<NotComputed>,
    /// Findings of the computation about this project's computed indicators.
    pub notes: Vec<Note>,
}

/// The data-quality summary of the scope and period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QualitySummary {
    pub rows_checked: u64,
    /// The scorecard rows of the scope whose period lies within the report's periods.
    pub scores: Vec<Score>,
    /// The sum of `scores` (completeness weighted by records, timeliness by reports expected).
    pub total: Option<Score>,
    /// Failures in scope, counted by check (`duplicate`, `outlier`, …).
    pub failures_by_check: BTreeMap<String, u64>,
}

/// How disclosure control was applied (external reports only).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DisclosureNote {
    /// Counts below this are suppressed.
    pub threshold: u64,
    /// Entries hidden, primary and secondary together.
    pub suppressed_entries: u64,
    /// The legend of the suppression symbol, in the report's language.
    pub legend: String,
}

/// Everything a report shows, whatever its kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Content {
    /// The report's periods: the columns of every entry list.
    pub periods: Vec<Period>,
    pub projects: Vec<ProjectSection>,
    /// Figures whose indicator no logframe defines: shown, never dropped.
    pub unlisted: Vec<IndicatorLine>,
    /// Findings that name no indicator of a logframe, and the report's own findings.
    pub notes: Vec<Note>,
    pub quality: Option<QualitySummary>,
    pub disclosure: Option<DisclosureNote>,
    pub sources: Sources,
}

impl Content {
    /// Every indicator line, project by project, then the unlisted ones, with its project.
    pub fn lines(&self) -> impl Iterator<Item = (Option<&str>, &IndicatorLine)> {
        let listed = self.projects.iter().flat_map(|project| {
            project
                .groups
                .iter()
                .flat_map(|group| group.indicators.iter())
                .map(move |line| (Some(project.project.as_str()), line))
        });
        listed.chain(self.unlisted.iter().map(|line| (None, line)))
    }
}
