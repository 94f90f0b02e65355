//! Building a report's [`Content`] from logframes, computed figures and the quality report —
//! the part the SITREP and the annual report share.
//!
//! Decisions:
//! * **Scope.** A project scope takes the logframe(s) of that project code; the mission takes
//!   every logframe, in the order given (the caller's order is the reading order). An unknown
//!   project is an error (`report.unknown_project`): an empty report would look like a quiet
//!   quarter.
//! * **Periods.** Every report period must be among `Results.periods`
//!   (`report.period_not_computed`): figures of another period cannot stand in for it.
//! * **Order.** Indicators are grouped by the objective that lists them first, objectives in the
//!   logframe's results-chain reading order (`Logframe::tree`: the impact, then each outcome
//!   followed by its outputs and activities — the order of a printed logframe,
//!   `reference/logframes-indicators.md` §7.2), then the indicators no objective lists.
//!   Disaggregation dimensions follow the indicator's declaration, then any dimension only the
//!   figures know; categories follow the declaration, then categories the logframe does not
//!   declare (figure order), then `unknown`, always shown (the explicit unknown cell).
//! * **Nothing silently missing.** An indicator of the scope with no total figure for any
//!   period is listed under "not computed" with the computation's findings about it, or
//!   `report.qualitative` / `report.no_figure` when the results give no reason. Figures whose
//!   indicator no logframe defines are shown in their own section, with
//!   `report.unknown_indicator`. Findings of the computation are attached to an indicator when
//!   their `indicator` (or else `code`) parameter names one; the others are report notes.
//! * **Quality.** The scorecard rows of the scope (project code; rows without a project only in
//!   a mission report) whose period lies within the report's span, their total, and the failures
//!   in scope counted by check. Completeness is weighted by records and timeliness by expected
//!   reports, rounded to 4 decimals half to even as the quality module rounds.
//!
//! | code | severity | raised when |
//! |---|---|---|
//! | `report.unknown_project` | error | the scope names a project no logframe has |
//! | `report.period_not_computed` | error | a report period is not among the results' periods |
//! | `report.unknown_indicator` | warning (note) | figures name an indicator no logframe defines |
//! | `report.qualitative` | warning (note) | a qualitative/ordinal/nominal indicator has no figure |
//! | `report.no_figure` | warning (note) | an indicator has no figure and the results say nothing |

use std::collections::{BTreeMap, BTreeSet};

use crate::compute::{Figure, Results};
use crate::error::{Finding, MealError};
use crate::i18n::{Locale, Message};
use crate::indicator::{Indicator, UNKNOWN_CATEGORY};
use crate::logframe::Logframe;
use crate::period::Period;
use crate::quality::completeness::share;
use crate::quality::{QualityReport, Score};
use crate::report::model::{
    BaselineLine, CategoryLine, Content, CrossedLine, Disaggregation, DisclosureNote, Entry, Group,
    IndicatorLine, NotComputed, Note, ProjectSection, QualitySummary,
};
use crate::report::protect::{protect, Basis};
use crate::report::terms::{self, Label};
use crate::report::{Audience, Scope};

/// What to build: the parts of a request both report kinds share.
#[derive(Debug, Clone)]
pub struct Spec<'a> {
    pub scope: &'a Scope,
    pub periods: Vec<Period>,
    pub audience: Audience,
    pub locale: Locale,
    pub threshold: u64,
}

/// Builds the content. Errors: `report.unknown_project`, `report.period_not_computed`,
/// `disclosure.bad_threshold` (external, threshold 0).
pub fn build(
    logframes: &[Logframe],
    results: &Results,
    quality: Option<&QualityReport>,
    spec: &Spec<'_>,
) -> Result<Content, MealError> {
    let in_scope = scoped(logframes, spec.scope)?;
    for period in &spec.periods {
        if !results.periods.contains(period) {
            return Err(MealError::new("report.period_not_computed").with("period", period.id()));
        }
    }
    let builder = Builder::new(logframes, results, spec);
    let mut projects: Vec<ProjectSection> = in_scope.iter().map(|lf| builder.project(lf)).collect();
    let mut unlisted = builder.unlisted();
    let mut notes = builder.loose_notes();
    notes.extend(unlisted.iter().map(|line| {
        note(
            &Finding::warning("report.unknown_indicator", "").with("indicator", &line.code),
            spec.locale,
        )
    }));
    let disclosure = match spec.audience {
        Audience::Internal => None,
        Audience::External => Some(protect_all(
            &mut projects,
            &mut unlisted,
            spec.threshold,
            spec.locale,
        )?),
    };
    let projects_codes: BTreeSet<&str> =
        in_scope.iter().map(|lf| lf.project.code.as_str()).collect();
    Ok(Content {
        periods: spec.periods.clone(),
        projects,
        unlisted,
        notes,
        quality: quality.map(|q| summarise(q, &projects_codes, spec)),
        disclosure,
        sources: results.sources.clone(),
    })
}

/// The logframes of the scope.
fn scoped<'a>(logframes: &'a [Logframe], scope: &Scope) -> Result<Vec<&'a Logframe>, MealError> {
    match scope {
        Scope::Mission => Ok(logframes.iter().collect()),
        Scope::Project(code) => {
            let found: Vec<&Logframe> = logframes
                .iter()
                .filter(|lf| &lf.project.code == code)
                .collect();
            if found.is_empty() {
                Err(MealError::new("report.unknown_project").with("project", code))
            } else {
                Ok(found)
            }
        }
    }
}

/// Applies disclosure control to every line; the note saying so.
fn protect_all(
    projects: &mut [ProjectSection],
    unlisted: &mut [IndicatorLine],
    threshold: u64,
    locale: Locale,
) -> Result<DisclosureNote, MealError> {
    let mut hidden = 0u64;
    let listed = projects
        .iter_mut()
        .flat_map(|p| p.groups.iter_mut())
        .flat_map(|g| g.indicators.iter_mut());
    for line in listed.chain(unlisted.iter_mut()) {
        let basis = Basis::for_measure(&line.measure);
        hidden = hidden.saturating_add(protect(line, basis, threshold)?);
    }
    Ok(DisclosureNote {
        threshold,
        suppressed_entries: hidden,
        legend: terms::suppressed_legend(threshold, locale),
    })
}

/// The figures of the report's periods, by indicator, in results order.
struct Builder<'a> {
    spec: &'a Spec<'a>,
    by_indicator: BTreeMap<&'a str, Vec<&'a Figure>>,
    defined: BTreeSet<&'a str>,
    findings: &'a [Finding],
}

impl<'a> Builder<'a> {
    fn new(logframes: &'a [Logframe], results: &'a Results, spec: &'a Spec<'a>) -> Builder<'a> {
        let mut by_indicator: BTreeMap<&str, Vec<&Figure>> = BTreeMap::new();
        for figure in &results.figures {
            if spec.periods.contains(&figure.period) {
                by_indicator
                    .entry(figure.indicator.as_str())
                    .or_default()
                    .push(figure);
            }
        }
        let defined = logframes
            .iter()
            .flat_map(|lf| lf.indicators.iter().map(|i| i.code.as_str()))
            .collect();
        Builder {
            spec,
            by_indicator,
            defined,
            findings: &results.findings,
        }
    }

    fn locale(&self) -> Locale {
        self.spec.locale
    }

    /// One project's section.
    fn project(&self, logframe: &Logframe) -> ProjectSection {
        let mut placed = BTreeSet::new();
        let mut groups = Vec::new();
        let mut not_computed = Vec::new();
        let mut notes = Vec::new();
        let mut take = |indicator: &Indicator, lines: &mut Vec<IndicatorLine>| {
            if !placed.insert(indicator.code.clone()) {
                return;
            }
            let about = self.notes_about(&indicator.code);
            match self.line(&indicator.code, Some(indicator)) {
                Some(line) => {
                    lines.push(line);
                    notes.extend(about);
                }
                None => not_computed.push(self.not_computed(indicator, about)),
            }
        };
        for objective in logframe.tree() {
            let mut lines = Vec::new();
            for indicator in logframe.indicators_of(&objective.code) {
                take(indicator, &mut lines);
            }
            if !lines.is_empty() {
                groups.push(Group {
                    objective: Some(objective.code.clone()),
                    level: Some(objective.level),
                    kind: Some(objective.kind),
                    title: objective.title.get(self.locale()).to_owned(),
                    indicators: lines,
                });
            }
        }
        let mut unlinked = Vec::new();
        for indicator in &logframe.indicators {
            take(indicator, &mut unlinked);
        }
        if !unlinked.is_empty() {
            groups.push(Group {
                objective: None,
                level: None,
                kind: None,
                title: Label::NotLinked.text(self.locale()).to_owned(),
                indicators: unlinked,
            });
        }
        ProjectSection {
            project: logframe.project.code.clone(),
            name: logframe.project.name.get(self.locale()).to_owned(),
            groups,
            not_computed,
            notes,
        }
    }

    /// Why an indicator has no figure.
    fn not_computed(&self, indicator: &Indicator, mut reasons: Vec<Note>) -> NotComputed {
        if reasons.is_empty() {
            let code = if indicator.is_quantitative() {
                "report.no_figure"
            } else {
                "report.qualitative"
            };
            let finding = Finding::warning(code, "")
                .with("indicator", &indicator.code)
                .with("measure", indicator.measure.kind());
            reasons.push(note(&finding, self.locale()));
        }
        NotComputed {
            code: indicator.code.clone(),
            name: indicator.name.get(self.locale()).to_owned(),
            reasons,
        }
    }

    /// The lines of indicators the figures name but no logframe defines.
    fn unlisted(&self) -> Vec<IndicatorLine> {
        self.by_indicator
            .keys()
            .filter(|code| !self.defined.contains(*code))
            .filter_map(|code| self.line(code, None))
            .collect()
    }

    /// Findings naming no defined indicator.
    fn loose_notes(&self) -> Vec<Note> {
        self.findings
            .iter()
            .filter(|f| finding_indicator(f).is_none_or(|code| !self.defined.contains(code)))
            .map(|f| note(f, self.locale()))
            .collect()
    }

    /// The computation's findings about `code`.
    fn notes_about(&self, code: &str) -> Vec<Note> {
        self.findings
            .iter()
            .filter(|f| finding_indicator(f) == Some(code))
            .map(|f| note(f, self.locale()))
            .collect()
    }

    /// The line of `code`, or `None` when it has no total figure in any report period.
    fn line(&self, code: &str, definition: Option<&Indicator>) -> Option<IndicatorLine> {
        let figures = self.by_indicator.get(code)?;
        let entries = self.entries(figures, &BTreeMap::new());
        if entries
            .iter()
            .all(|e| e.state == crate::report::model::EntryState::NotComputed)
        {
            return None;
        }
        let locale = self.locale();
        Some(IndicatorLine {
            code: code.to_owned(),
            name: definition.map_or_else(|| code.to_owned(), |d| d.name.get(locale).to_owned()),
            unit: definition.map_or_else(String::new, |d| d.unit.get(locale).to_owned()),
            measure: definition.map_or_else(String::new, |d| d.measure.kind().to_owned()),
            baseline: definition
                .and_then(|d| d.baseline.as_ref())
                .map(|b| BaselineLine {
                    value: b.value,
                    period: b.period,
                }),
            entries,
            disaggregations: self.disaggregations(figures, definition),
            crossed: self.crossed(figures, definition),
        })
    }

    /// One entry per report period for `cell`.
    fn entries(&self, figures: &[&Figure], cell: &BTreeMap<String, String>) -> Vec<Entry> {
        self.spec
            .periods
            .iter()
            .map(|period| {
                figures
                    .iter()
                    .find(|f| &f.period == period && &f.cell == cell)
                    .map_or_else(|| Entry::not_computed(period), |f| Entry::published(f))
            })
            .collect()
    }

    /// The one-way tables, dimensions and categories in declared order (module docs).
    fn disaggregations(
        &self,
        figures: &[&Figure],
        definition: Option<&Indicator>,
    ) -> Vec<Disaggregation> {
        let locale = self.locale();
        let mut found: Vec<(&str, Vec<&str>)> = Vec::new();
        for figure in figures {
            let mut pairs = figure.cell.iter();
            let (Some((dimension, category)), None) = (pairs.next(), pairs.next()) else {
                continue;
            };
            match found.iter_mut().find(|(d, _)| d == dimension) {
                Some((_, categories)) if !categories.contains(&category.as_str()) => {
                    categories.push(category)
                }
                Some(_) => {}
                None => found.push((dimension, vec![category])),
            }
        }
        let declared = definition.map_or(&[][..], |d| d.disaggregation.as_slice());
        let mut order: Vec<&str> = declared
            .iter()
            .map(|d| d.code.as_str())
            .filter(|code| found.iter().any(|(d, _)| d == code))
            .collect();
        order.extend(
            found
                .iter()
                .map(|(d, _)| *d)
                .filter(|d| !declared.iter().any(|x| x.code == *d)),
        );
        order
            .into_iter()
            .map(|dimension| {
                let declaration = declared.iter().find(|d| d.code == dimension);
                let seen = found
                    .iter()
                    .find(|(d, _)| *d == dimension)
                    .map_or(&[][..], |(_, c)| c.as_slice());
                let mut codes: Vec<&str> = declaration
                    .map(|d| d.categories.iter().map(|c| c.code.as_str()).collect())
                    .unwrap_or_default();
                for code in seen {
                    if !codes.contains(code) && *code != UNKNOWN_CATEGORY {
                        codes.push(code);
                    }
                }
                codes.push(UNKNOWN_CATEGORY);
                let categories = codes
                    .into_iter()
                    .map(|category| {
                        let cell = BTreeMap::from([(dimension.to_owned(), category.to_owned())]);
                        CategoryLine {
                            category: category.to_owned(),
                            name: category_name(definition, dimension, category, locale),
                            entries: self.entries(figures, &cell),
                        }
                    })
                    .collect();
                Disaggregation {
                    dimension: dimension.to_owned(),
                    name: declaration
                        .map_or_else(|| dimension.to_owned(), |d| d.name.get(locale).to_owned()),
                    categories,
                }
            })
            .collect()
    }

    /// The cells of two or more dimensions, in the order the figures first give them.
    fn crossed(&self, figures: &[&Figure], definition: Option<&Indicator>) -> Vec<CrossedLine> {
        let mut cells: Vec<&BTreeMap<String, String>> = Vec::new();
        for figure in figures {
            if figure.cell.len() >= 2 && !cells.contains(&&figure.cell) {
                cells.push(&figure.cell);
            }
        }
        cells
            .into_iter()
            .map(|cell| CrossedLine {
                cell: cell.clone(),
                name: cell
                    .iter()
                    .map(|(d, c)| {
                        format!(
                            "{}: {}",
                            dimension_name(definition, d, self.locale()),
                            category_name(definition, d, c, self.locale())
                        )
                    })
                    .collect::<Vec<_>>()
                    .join(" · "),
                entries: self.entries(figures, cell),
            })
            .collect()
    }
}

/// The name of a dimension in `locale` (its code when undeclared).
fn dimension_name(definition: Option<&Indicator>, dimension: &str, locale: Locale) -> String {
    definition
        .and_then(|d| d.disaggregation.iter().find(|x| x.code == dimension))
        .map_or_else(|| dimension.to_owned(), |d| d.name.get(locale).to_owned())
}

/// The name of a category in `locale`: declared name, `unknown`/`inconnu`, or its code.
fn category_name(
    definition: Option<&Indicator>,
    dimension: &str,
    category: &str,
    locale: Locale,
) -> String {
    if category == UNKNOWN_CATEGORY {
        return Label::Unknown.text(locale).to_owned();
    }
    definition
        .and_then(|d| d.disaggregation.iter().find(|x| x.code == dimension))
        .and_then(|d| d.categories.iter().find(|c| c.code == category))
        .map_or_else(|| category.to_owned(), |c| c.name.get(locale).to_owned())
}

/// The indicator a finding is about: its `indicator` parameter, else its `code` parameter.
fn finding_indicator(finding: &Finding) -> Option<&str> {
    finding
        .params
        .get("indicator")
        .or_else(|| finding.params.get("code"))
        .map(String::as_str)
}

/// A finding as a note in `locale`.
fn note(finding: &Finding, locale: Locale) -> Note {
    Note {
        code: finding.code.clone(),
        indicator: finding_indicator(finding).map(str::to_owned),
        message: finding.message(locale),
    }
}

/// The quality summary of the scope (module docs).
fn summarise(
    quality: &QualityReport,
    projects: &BTreeSet<&str>,
    spec: &Spec<'_>,
) -> QualitySummary {
    let start = spec.periods.iter().map(Period::start).min();
    let end = spec.periods.iter().map(Period::end).max();
    let within = |period: &Period| {
        start.is_some_and(|s| s <= period.start()) && end.is_some_and(|e| period.end() <= e)
    };
    let in_scope = |project: &Option<String>| match project {
        Some(code) => projects.contains(code.as_str()),
        None => spec.scope == &Scope::Mission,
    };
    let scores: Vec<Score> = quality
        .scorecard
        .iter()
        .filter(|s| in_scope(&s.project) && within(&s.period))
        .cloned()
        .collect();
    let mut failures_by_check: BTreeMap<String, u64> = BTreeMap::new();
    for failure in &quality.failures {
        let period_ok = failure.period.as_ref().is_none_or(within);
        if in_scope(&failure.project) && period_ok {
            let slot = failures_by_check.entry(failure.check.clone()).or_default();
            *slot = slot.saturating_add(1);
        }
    }
    QualitySummary {
        rows_checked: quality.rows_checked,
        total: total_score(&scores, spec.periods.first()),
        scores,
        failures_by_check,
    }
}

/// The sum of several scores; `None` when there are none.
fn total_score(scores: &[Score], period: Option<&Period>) -> Option<Score> {
    let period = *period?;
    if scores.is_empty() {
        return None;
    }
    let sum = |f: fn(&Score) -> u64| scores.iter().fold(0u64, |a, s| a.saturating_add(f(s)));
    // Shares of the total from the summed parts, as the quality module computes each row's:
    // never an average of rounded shares.
    let (required_cells, required_filled) = (sum(|s| s.required_cells), sum(|s| s.required_filled));
    let (reports_expected, reports_on_time) =
        (sum(|s| s.reports_expected), sum(|s| s.reports_on_time));
    Some(Score {
        project: None,
        site: None,
        period,
        records: sum(|s| s.records),
        completeness: share(required_filled, required_cells),
        required_cells,
        required_filled,
        reports_expected,
        reports_received: sum(|s| s.reports_received),
        reports_on_time,
        timeliness: share(reports_on_time, reports_expected),
        duplicates: sum(|s| s.duplicates),
        rule_violations: sum(|s| s.rule_violations),
        outliers: sum(|s| s.outliers),
        invalid_numerics: sum(|s| s.invalid_numerics),
    })
}

/// Messages of the codes this file raises.
pub const MESSAGES: &[Message] = &[
    Message {
        code: "report.unknown_project",
        en: "No logframe belongs to project {project}",
        fr: "Aucun cadre logique n’appartient au projet {project}",
    },
    Message {
        code: "report.period_not_computed",
        en: "The results hold no figures for period {period}: compute it before reporting on it",
        fr: "Les résultats ne contiennent aucun chiffre pour la période {period} : calculez-la avant d’en rendre compte",
    },
    Message {
        code: "report.unknown_indicator",
        en: "The results give figures for indicator {indicator}, which no logframe defines",
        fr: "Les résultats donnent des chiffres pour l’indicateur {indicator}, qu’aucun cadre logique ne définit",
    },
    Message {
        code: "report.qualitative",
        en: "Indicator {indicator} has a {measure} measure: it is reported in words, not computed",
        fr: "L’indicateur {indicator} a une mesure {measure} : il se rapporte en mots, il n’est pas calculé",
    },
    Message {
        code: "report.no_figure",
        en: "The results hold no figure for indicator {indicator} ({measure}) and give no reason",
        fr: "Les résultats ne contiennent aucun chiffre pour l’indicateur {indicator} ({measure}) et n’en donnent pas la raison",
    },
];
