//! The structure of a report as a reader sees it — headings, facts, tables, lists, footer — built
//! once from the model and written by the Markdown and HTML writers alike.
//!
//! Reading order: title; scope, period and audience; then each project (objectives in
//! results-chain order with their indicator table, the disaggregations, the indicators not
//! computed, the computation's notes); the figures no logframe defines; the report's notes; the
//! data-quality summary; and a footer with the legend and the sources (rows read, document
//! fingerprints, engine version). A SITREP (one period) shows value, target, achievement and
//! status in separate columns; an annual report (five periods) shows one column per period, each
//! cell reading `value / target · achievement · status`.

use crate::compute::Sources;
use crate::i18n::Locale;
use crate::indicator::Status;
use crate::period::Period;
use crate::quality::Score;
use crate::report::model::{
    Content, Entry, EntryState, Group, IndicatorLine, Note, ProjectSection, QualitySummary,
};
use crate::report::render::View;
use crate::report::terms::{self, Label, NOTHING, SUPPRESSED_SYMBOL};
use crate::report::{Audience, Scope};

/// A laid-out document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    pub title: String,
    pub lang: &'static str,
    pub blocks: Vec<Block>,
    pub footer: Vec<Block>,
}

/// One block of a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A heading of level 2–5 (the title is level 1).
    Heading(u8, String),
    /// Label–value pairs.
    Facts(Vec<(String, String)>),
    Table(Grid),
    List(Vec<String>),
    Paragraph(String),
}

/// A table: a header row and rows of cells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grid {
    pub header: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

/// A table cell: its text and what it shows, for styling.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    pub text: String,
    pub class: Class,
}

/// What a cell shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    Text,
    Number,
    /// A status (or a figure carrying one): styled by it.
    Status(Status),
    Suppressed,
}

impl Cell {
    fn text(text: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            class: Class::Text,
        }
    }

    fn number(text: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            class: Class::Number,
        }
    }
}

/// Lays `view` out.
pub fn layout(view: &View<'_>) -> Layout {
    let writer = Writer {
        locale: view.locale,
        periods: &view.content.periods,
    };
    let content = view.content;
    let mut blocks = vec![Block::Facts(writer.facts(view))];
    for project in &content.projects {
        writer.project(project, &mut blocks);
    }
    if !content.unlisted.is_empty() {
        blocks.push(Block::Heading(2, writer.label(Label::Unlisted)));
        blocks.push(Block::Table(writer.indicator_table(&content.unlisted)));
        for line in &content.unlisted {
            writer.disaggregations(line, &mut blocks);
        }
    }
    if !content.notes.is_empty() {
        blocks.push(Block::Heading(2, writer.label(Label::Notes)));
        blocks.push(Block::List(notes(&content.notes)));
    }
    blocks.push(Block::Heading(2, writer.label(Label::DataQuality)));
    match &content.quality {
        Some(quality) => writer.quality(quality, &mut blocks),
        None => blocks.push(Block::Paragraph(writer.label(Label::NoQuality))),
    }
    Layout {
        title: view.title.to_owned(),
        lang: view.locale.as_str(),
        blocks,
        footer: writer.footer(content),
    }
}

/// The notes as list items: `code — message`.
fn notes(notes: &[Note]) -> Vec<String> {
    notes
        .iter()
        .map(|n| format!("{} — {}", n.code, n.message))
        .collect()
}

/// A period with its dates: `2026Q1 (2026-01-01 – 2026-03-31)`.
fn period_text(period: &Period) -> String {
    format!("{} ({} – {})", period.id(), period.start(), period.end())
}

struct Writer<'a> {
    locale: Locale,
    periods: &'a [Period],
}

impl Writer<'_> {
    fn label(&self, label: Label) -> String {
        label.text(self.locale).to_owned()
    }

    fn facts(&self, view: &View<'_>) -> Vec<(String, String)> {
        let scope = match view.scope {
            Scope::Mission => {
                let codes: Vec<&str> = view
                    .content
                    .projects
                    .iter()
                    .map(|p| p.project.as_str())
                    .collect();
                format!("{} ({})", self.label(Label::Mission), codes.join(", "))
            }
            Scope::Project(code) => match view.content.projects.first() {
                Some(project) => {
                    format!("{} {code} — {}", self.label(Label::Project), project.name)
                }
                None => format!("{} {code}", self.label(Label::Project)),
            },
        };
        let audience = match (&view.content.disclosure, view.audience) {
            (Some(note), _) => format!("{} — {}", self.label(Label::External), note.legend),
            (None, Audience::External) => self.label(Label::External),
            (None, Audience::Internal) => self.label(Label::Internal),
        };
        vec![
            (self.label(Label::Scope), scope),
            (self.label(Label::Period), period_text(view.span)),
            (self.label(Label::Audience), audience),
        ]
    }

    fn project(&self, project: &ProjectSection, blocks: &mut Vec<Block>) {
        blocks.push(Block::Heading(
            2,
            format!("{} — {}", project.project, project.name),
        ));
        for group in &project.groups {
            blocks.push(Block::Heading(3, self.group_title(group)));
            blocks.push(Block::Table(self.indicator_table(&group.indicators)));
        }
        let lines = project.groups.iter().flat_map(|g| g.indicators.iter());
        let mut detail = Vec::new();
        for line in lines {
            self.disaggregations(line, &mut detail);
        }
        if !detail.is_empty() {
            blocks.push(Block::Heading(3, self.label(Label::Disaggregations)));
            blocks.extend(detail);
        }
        if !project.not_computed.is_empty() {
            blocks.push(Block::Heading(3, self.label(Label::NotComputed)));
            blocks.push(Block::List(
                project
                    .not_computed
                    .iter()
                    .map(|n| {
                        let reasons: Vec<&str> =
                            n.reasons.iter().map(|r| r.message.as_str()).collect();
                        format!("{} — {}: {}", n.code, n.name, reasons.join("; "))
                    })
                    .collect(),
            ));
        }
        if !project.notes.is_empty() {
            blocks.push(Block::Heading(3, self.label(Label::Notes)));
            blocks.push(Block::List(notes(&project.notes)));
        }
    }

    fn group_title(&self, group: &Group) -> String {
        match (&group.objective, group.level, group.kind) {
            (Some(code), Some(level), Some(kind)) => format!(
                "{} {code} — {} ({})",
                terms::level(level).text(self.locale),
                group.title,
                terms::kind(kind).text(self.locale)
            ),
            (Some(code), _, _) => format!("{code} — {}", group.title),
            _ => group.title.clone(),
        }
    }

    /// True when the report has one period: value, target, achievement and status get a
    /// column each.
    fn single(&self) -> bool {
        self.periods.len() == 1
    }

    /// The columns after the row's own: one per figure part, or one per period.
    fn entry_header(&self) -> Vec<String> {
        if self.single() {
            [
                Label::Value,
                Label::Target,
                Label::Achievement,
                Label::Status,
            ]
            .iter()
            .map(|l| self.label(*l))
            .collect()
        } else {
            self.periods.iter().map(Period::id).collect()
        }
    }

    fn entry_cells(&self, entries: &[Entry]) -> Vec<Cell> {
        if self.single() {
            entries
                .first()
                .map_or_else(Vec::new, |e| self.entry_parts(e))
        } else {
            entries.iter().map(|e| self.entry_compact(e)).collect()
        }
    }

    fn value(&self, entry: &Entry) -> String {
        match entry.state {
            EntryState::Suppressed => SUPPRESSED_SYMBOL.to_owned(),
            _ => entry
                .value
                .map_or_else(|| NOTHING.to_owned(), |v| terms::number(v, self.locale)),
        }
    }

    fn target(&self, entry: &Entry) -> String {
        entry
            .target
            .map_or_else(|| NOTHING.to_owned(), |v| terms::number(v, self.locale))
    }

    fn achievement(&self, entry: &Entry) -> String {
        match entry.state {
            EntryState::Suppressed => SUPPRESSED_SYMBOL.to_owned(),
            _ => entry
                .achievement
                .and_then(|a| terms::percent(a, self.locale))
                .unwrap_or_else(|| NOTHING.to_owned()),
        }
    }

    fn status_cell(&self, entry: &Entry, text: String) -> Cell {
        let class = match (entry.state, entry.status) {
            (EntryState::Suppressed, _) => Class::Suppressed,
            (_, Some(status)) => Class::Status(status),
            (_, None) => Class::Text,
        };
        Cell { text, class }
    }

    /// Value, target, achievement, status: four cells.
    fn entry_parts(&self, entry: &Entry) -> Vec<Cell> {
        let status = match (entry.state, entry.status) {
            (EntryState::Suppressed, _) => SUPPRESSED_SYMBOL.to_owned(),
            (_, Some(status)) => terms::status(status, self.locale),
            (_, None) => NOTHING.to_owned(),
        };
        let value = match entry.state {
            EntryState::Suppressed => Cell {
                text: SUPPRESSED_SYMBOL.to_owned(),
                class: Class::Suppressed,
            },
            _ => Cell::number(self.value(entry)),
        };
        vec![
            value,
            Cell::number(self.target(entry)),
            Cell::number(self.achievement(entry)),
            self.status_cell(entry, status),
        ]
    }

    /// `value / target · achievement · status` in one cell.
    fn entry_compact(&self, entry: &Entry) -> Cell {
        let text = match (entry.state, entry.status) {
            (EntryState::NotComputed, _) => NOTHING.to_owned(),
            (EntryState::Suppressed, _) => {
                format!("{SUPPRESSED_SYMBOL} / {}", self.target(entry))
            }
            (EntryState::Published, status) => format!(
                "{} / {} · {} · {}",
                self.value(entry),
                self.target(entry),
                self.achievement(entry),
                status.map_or_else(|| NOTHING.to_owned(), |s| terms::status(s, self.locale))
            ),
        };
        self.status_cell(entry, text)
    }

    fn indicator_table(&self, lines: &[IndicatorLine]) -> Grid {
        let mut header: Vec<String> = [Label::Code, Label::Indicator, Label::Unit, Label::Baseline]
            .iter()
            .map(|l| self.label(*l))
            .collect();
        header.extend(self.entry_header());
        let rows = lines
            .iter()
            .map(|line| {
                let baseline = line.baseline.as_ref().map_or_else(
                    || NOTHING.to_owned(),
                    |b| {
                        format!(
                            "{} ({})",
                            terms::number(b.value, self.locale),
                            b.period.id()
                        )
                    },
                );
                let mut row = vec![
                    Cell::text(&line.code),
                    Cell::text(&line.name),
                    Cell::text(&line.unit),
                    Cell::number(baseline),
                ];
                row.extend(self.entry_cells(&line.entries));
                row
            })
            .collect();
        Grid { header, rows }
    }

    fn disaggregations(&self, line: &IndicatorLine, blocks: &mut Vec<Block>) {
        if line.disaggregations.is_empty() && line.crossed.is_empty() {
            return;
        }
        blocks.push(Block::Heading(4, format!("{} — {}", line.code, line.name)));
        for d in &line.disaggregations {
            blocks.push(Block::Heading(
                5,
                format!("{} {}", self.label(Label::By), d.name),
            ));
            let mut header = vec![self.label(Label::Category)];
            header.extend(self.entry_header());
            let rows = d
                .categories
                .iter()
                .map(|c| {
                    let mut row = vec![Cell::text(&c.name)];
                    row.extend(self.entry_cells(&c.entries));
                    row
                })
                .collect();
            blocks.push(Block::Table(Grid { header, rows }));
        }
        if !line.crossed.is_empty() {
            blocks.push(Block::Heading(5, self.label(Label::CrossedCells)));
            let mut header = vec![self.label(Label::Cell)];
            header.extend(self.entry_header());
            let rows = line
                .crossed
                .iter()
                .map(|c| {
                    let mut row = vec![Cell::text(&c.name)];
                    row.extend(self.entry_cells(&c.entries));
                    row
                })
                .collect();
            blocks.push(Block::Table(Grid { header, rows }));
        }
    }

    fn quality(&self, quality: &QualitySummary, blocks: &mut Vec<Block>) {
        let header = [
            Label::Project,
            Label::Site,
            Label::Period,
            Label::Records,
            Label::Completeness,
            Label::Timeliness,
            Label::ReportsReceived,
            Label::Duplicates,
            Label::RuleViolations,
            Label::Outliers,
            Label::InvalidNumerics,
        ]
        .iter()
        .map(|l| self.label(*l))
        .collect();
        let mut rows: Vec<Vec<Cell>> = quality
            .scores
            .iter()
            .map(|s| self.score_row(s, false))
            .collect();
        if let Some(total) = &quality.total {
            rows.push(self.score_row(total, true));
        }
        blocks.push(Block::Table(Grid { header, rows }));
        let mut facts = vec![(
            self.label(Label::RowsChecked),
            quality.rows_checked.to_string(),
        )];
        if !quality.failures_by_check.is_empty() {
            let listed: Vec<String> = quality
                .failures_by_check
                .iter()
                .map(|(check, n)| format!("{check}: {n}"))
                .collect();
            facts.push((self.label(Label::FailuresByCheck), listed.join(", ")));
        }
        blocks.push(Block::Facts(facts));
    }

    fn score_row(&self, score: &Score, total: bool) -> Vec<Cell> {
        let share = |s: Option<rust_decimal::Decimal>| {
            Cell::number(
                s.and_then(|v| terms::percent(v, self.locale))
                    .unwrap_or_else(|| NOTHING.to_owned()),
            )
        };
        let unknown = self.label(Label::Unknown);
        let (project, site) = if total {
            (self.label(Label::Total), self.label(Label::AllSites))
        } else {
            (
                score.project.clone().unwrap_or_else(|| unknown.clone()),
                score.site.clone().unwrap_or(unknown),
            )
        };
        let period = if total {
            self.periods.first().map_or_else(String::new, Period::id)
        } else {
            score.period.id()
        };
        vec![
            Cell::text(project),
            Cell::text(site),
            Cell::text(period),
            Cell::number(score.records.to_string()),
            share(score.completeness),
            share(score.timeliness),
            Cell::number(format!(
                "{} / {}",
                score.reports_received, score.reports_expected
            )),
            Cell::number(score.duplicates.to_string()),
            Cell::number(score.rule_violations.to_string()),
            Cell::number(score.outliers.to_string()),
            Cell::number(score.invalid_numerics.to_string()),
        ]
    }

    fn footer(&self, content: &Content) -> Vec<Block> {
        let mut legend: Vec<String> = [
            Status::OnTrack,
            Status::AtRisk,
            Status::OffTrack,
            Status::NoData,
            Status::NoTarget,
        ]
        .iter()
        .map(|s| terms::status(*s, self.locale))
        .collect();
        legend.push(self.label(Label::StatusLegend));
        legend.push(format!("{NOTHING} {}", self.label(Label::NoValue)));
        if let Some(note) = &content.disclosure {
            legend.push(note.legend.clone());
        }
        vec![
            Block::Heading(2, self.label(Label::Legend)),
            Block::List(legend),
            Block::Heading(2, self.label(Label::Sources)),
            Block::Facts(self.sources(&content.sources, content)),
        ]
    }

    fn sources(&self, sources: &Sources, content: &Content) -> Vec<(String, String)> {
        let documents: Vec<String> = sources
            .documents
            .iter()
            .map(|(name, fingerprint)| format!("{name} {fingerprint}"))
            .collect();
        let mut facts = vec![
            (self.label(Label::RowsRead), sources.rows_read.to_string()),
            (
                self.label(Label::RowsWithoutDate),
                sources.rows_without_date.to_string(),
            ),
            (self.label(Label::Documents), documents.join(", ")),
            (self.label(Label::Engine), sources.engine.clone()),
        ];
        if let Some(note) = &content.disclosure {
            facts.push((
                self.label(Label::SuppressedCount),
                note.suppressed_entries.to_string(),
            ));
        }
        facts
    }
}
