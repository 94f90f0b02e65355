//! An indicator's recipe checked against its definition and the table's schema, compiled into
//! what one pass needs: the windows of each period, the dimension cells, the expressions.
//!
//! # Windows (the aggregation semantics over periods, as `indicator` defines them)
//!
//! A record counts for period P when its date (the recipe's `date`) lies in P's window:
//! * `incremental`, `ratio_of_sums`, `latest_snapshot`: P itself;
//! * `running_total`: everything up to P's last day (since the start of the data);
//! * `yearly_reset_running_total`: from 1 January of the year P ends in to P's last day.
//!
//! Under `latest_snapshot`, counts, sums, means and ratios take the records of the **latest
//! date** in P that has any matching record (DHIS2's "last value in period", §1.1 of
//! `reference/logframes-indicators.md`): a stock or a status is reported as of the last day it
//! was recorded, not summed over the period. Distinct persons, ordinal and nominal measures are
//! already levels of the whole window, so they take all of P.
//!
//! # Measures from records
//!
//! * `count`: one per matching record; `sum`: Σ `value`; `mean`: Σ `value` / number of values;
//! * `ratio`: Σ `numerator` / Σ `denominator` × factor (a boolean counts 1 or 0) — a ratio of
//!   sums, never a mean of per-record ratios (§7.2);
//! * `distinct_persons`: distinct non-empty `person` values; a person is counted in the cell of
//!   their earliest record in the window (on the same day, the first cell in declared order),
//!   so the cells of a dimension add up to the total;
//! * `ordinal`: the **lower median** level of the records (`value` = level, 1 = first; with an
//!   even number of records the lower of the two middle levels — an ordinal scale has no
//!   midpoint between levels, and the lower one never overstates);
//! * `nominal`: the **mode** (`value` = category number, 1 = first; ties go to the category
//!   declared first);
//! * `qualitative`: not computed from records (`compute.not_computable`, info).
//!
//! A record whose value, numerator, denominator, person or level is empty or unusable is
//! counted in the figure's `rows.without_value` and nowhere else — never silently dropped.
//!
//! # Dimensions
//!
//! Each declared dimension of the indicator reads its category code from an expression (the
//! recipe's own, else the document's default). A value that is empty or not a declared
//! category goes to the explicit `unknown` cell ([`crate::indicator::UNKNOWN_CATEGORY`]).
//!
//! # Codes
//!
//! | code | severity | when |
//! |---|---|---|
//! | `compute.unknown_indicator` | error | a recipe names no indicator of the logframes |
//! | `compute.duplicate_recipe` | error | two recipes for one indicator (the first is used) |
//! | `compute.no_recipe` | warning | a quantitative indicator has no recipe: not computed |
//! | `compute.not_computable` | info | a qualitative indicator: reported by narrative |
//! | `compute.missing_part` | error | the measure needs `value`, `numerator`, `denominator` or `person` |
//! | `compute.unused_part` | warning | a part the measure does not use (it is ignored) |
//! | `compute.bad_expression` | error | an expression does not parse |
//! | `compute.no_dimension_source` | error | a declared dimension has no source expression |
//! | `compute.unknown_dimension` | warning | a recipe gives a source for a dimension the indicator does not declare |
//!
//! Type-check findings of the expressions (`expr.unknown_field`, …) come with the recipe's path.
//! An indicator with any error finding is not computed; the others are.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

use crate::compute::recipe::Recipe;
use crate::compute::row_expr::RowExpr;
use crate::compute::Recipes;
use crate::data::Schema;
use crate::error::{Finding, Severity};
use crate::expr::Expr;
use crate::i18n::Message;
use crate::indicator::{Aggregation, Indicator, Measure};
use crate::period::Period;

/// How records of one measure make a figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Count,
    Sum,
    Mean,
    Ratio(Decimal),
    Persons,
    /// Ordinal (`median: true`) or nominal: histogram of `levels` levels.
    Levels {
        levels: u32,
        median: bool,
    },
}

/// The dates of one period's window; `start: None` reaches back to the first record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Span {
    pub start: Option<NaiveDate>,
    pub end: NaiveDate,
    /// Keep only the records of the latest date.
    pub snapshot: bool,
}

/// One disaggregation dimension: its declared categories and where a record's comes from.
#[derive(Debug, Clone)]
pub(crate) struct Dimension {
    pub code: String,
    /// Declared category codes; index `categories.len()` is `unknown`.
    pub categories: Vec<String>,
    /// Index of the source expression in [`Expressions`].
    pub source: usize,
}

/// The distinct expressions of all recipes, each compiled once: plans refer to them by index,
/// so an expression several indicators share (`${date}`, a common filter) is evaluated once
/// per row.
#[derive(Debug, Clone, Default)]
pub(crate) struct Expressions {
    pub list: Vec<RowExpr>,
    by_source: BTreeMap<String, usize>,
}

/// An indicator ready to be computed.
#[derive(Debug, Clone)]
pub(crate) struct Plan {
    pub indicator: Indicator,
    pub kind: Kind,
    /// Indices in [`Expressions`].
    pub date: usize,
    /// Index of `date` among the engine's distinct date expressions (its row histogram).
    pub date_slot: usize,
    pub filter: Option<usize>,
    /// `value` (sum, mean, levels), `numerator` (ratio) or `person` (distinct persons).
    pub first: Option<usize>,
    /// `denominator` (ratio).
    pub second: Option<usize>,
    pub dimensions: Vec<Dimension>,
    /// One per period asked, in order.
    pub spans: Vec<Span>,
}

impl Span {
    /// True when `date` lies in the window.
    pub fn contains(&self, date: NaiveDate) -> bool {
        date <= self.end && self.start.is_none_or(|start| start <= date)
    }

    fn of(aggregation: Aggregation, kind: Kind, period: &Period) -> Span {
        let end = period.end();
        let start = match aggregation {
            Aggregation::RunningTotal => None,
            Aggregation::YearlyResetRunningTotal => Some(end.with_ordinal(1).unwrap_or(end)),
            Aggregation::Incremental | Aggregation::RatioOfSums | Aggregation::LatestSnapshot => {
                Some(period.start())
            }
        };
        let snapshot = aggregation == Aggregation::LatestSnapshot
            && !matches!(kind, Kind::Persons | Kind::Levels { .. });
        Span {
            start,
            end,
            snapshot,
        }
    }
}

impl Plan {
    /// Number of crossed cells: Π (categories + 1) over the dimensions.
    pub fn cell_count(&self) -> usize {
        self.dimensions
            .iter()
            .map(|d| d.categories.len() + 1)
            .product()
    }
}

impl Kind {
    fn of(measure: &Measure) -> Option<Kind> {
        match measure {
            Measure::Count => Some(Kind::Count),
            Measure::Sum => Some(Kind::Sum),
            Measure::Mean => Some(Kind::Mean),
            Measure::Ratio { factor, .. } => Some(Kind::Ratio(*factor)),
            Measure::DistinctPersons => Some(Kind::Persons),
            Measure::Ordinal { levels } => Some(Kind::Levels {
                levels: u32::try_from(levels.len()).unwrap_or(u32::MAX),
                median: true,
            }),
            Measure::Nominal { categories } => Some(Kind::Levels {
                levels: u32::try_from(categories.len()).unwrap_or(u32::MAX),
                median: false,
            }),
            Measure::Qualitative => None,
        }
    }

    /// The recipe parts this measure needs, then those it does not use.
    fn parts(self) -> (&'static [&'static str], &'static [&'static str]) {
        match self {
            Kind::Count => (&[], &["value", "numerator", "denominator", "person"]),
            Kind::Sum | Kind::Mean | Kind::Levels { .. } => {
                (&["value"], &["numerator", "denominator", "person"])
            }
            Kind::Ratio(_) => (&["numerator", "denominator"], &["value", "person"]),
            Kind::Persons => (&["person"], &["value", "numerator", "denominator"]),
        }
    }
}

/// Everything needed to compile recipes against one table schema.
pub(crate) struct Compiler<'a> {
    pub schema: &'a Schema,
    pub recipes: &'a Recipes,
    pub periods: &'a [Period],
    pub expressions: Expressions,
}

impl Compiler<'_> {
    /// Plans for the computable indicators (in the order given) and the findings about the
    /// recipes; the plans follow `indicators`' order.
    pub fn compile(&mut self, indicators: &[Indicator]) -> (Vec<Plan>, Vec<Finding>) {
        let mut found = Vec::new();
        let mut chosen: Vec<Option<(usize, &Recipe)>> = vec![None; indicators.len()];
        for (i, recipe) in self.recipes.recipes.iter().enumerate() {
            let path = format!("/recipes/{i}/indicator");
            match indicators.iter().position(|d| d.code == recipe.indicator) {
                None => found.push(
                    Finding::error("compute.unknown_indicator", path)
                        .with("indicator", &recipe.indicator),
                ),
                Some(at) => match chosen.get_mut(at) {
                    Some(Some(_)) => found.push(
                        Finding::error("compute.duplicate_recipe", path)
                            .with("indicator", &recipe.indicator),
                    ),
                    Some(slot) => *slot = Some((i, recipe)),
                    None => {}
                },
            }
        }
        let mut plans = Vec::new();
        for (indicator, recipe) in indicators.iter().zip(chosen) {
            let Some(kind) = Kind::of(&indicator.measure) else {
                found.push(
                    Finding::info("compute.not_computable", "").with("indicator", &indicator.code),
                );
                continue;
            };
            let Some((index, recipe)) = recipe else {
                found.push(
                    Finding::warning("compute.no_recipe", "").with("indicator", &indicator.code),
                );
                continue;
            };
            let mut own = Vec::new();
            let plan = self.plan(
                indicator,
                kind,
                recipe,
                &format!("/recipes/{index}"),
                &mut own,
            );
            let blocked = own.iter().any(|f| f.severity == Severity::Error);
            found.extend(own);
            if let (Some(plan), false) = (plan, blocked) {
                plans.push(plan);
            }
        }
        crate::error::sort_findings(&mut found);
        (plans, found)
    }

    fn plan(
        &mut self,
        indicator: &Indicator,
        kind: Kind,
        recipe: &Recipe,
        path: &str,
        found: &mut Vec<Finding>,
    ) -> Option<Plan> {
        let (needed, unused) = kind.parts();
        let part = |name: &str| match name {
            "value" => recipe.value.as_deref(),
            "numerator" => recipe.numerator.as_deref(),
            "denominator" => recipe.denominator.as_deref(),
            _ => recipe.person.as_deref(),
        };
        for name in needed.iter().filter(|name| part(name).is_none()) {
            found.push(
                Finding::error("compute.missing_part", format!("{path}/{name}"))
                    .with("indicator", &indicator.code)
                    .with("part", name)
                    .with("measure", indicator.measure.kind()),
            );
        }
        for name in unused.iter().filter(|name| part(name).is_some()) {
            found.push(
                Finding::warning("compute.unused_part", format!("{path}/{name}"))
                    .with("indicator", &indicator.code)
                    .with("part", name)
                    .with("measure", indicator.measure.kind()),
            );
        }
        for code in recipe.dimensions.keys() {
            if !indicator.disaggregation.iter().any(|d| &d.code == code) {
                found.push(
                    Finding::warning(
                        "compute.unknown_dimension",
                        format!("{path}/dimensions/{code}"),
                    )
                    .with("indicator", &indicator.code)
                    .with("dimension", code),
                );
            }
        }
        let date = self.expression(&recipe.date, &format!("{path}/date"), found);
        let filter = recipe
            .filter
            .as_deref()
            .map(|source| self.expression(source, &format!("{path}/filter"), found));
        let mut operand = |compiler: &mut Self, name: &str| {
            part(name).map(|source| compiler.expression(source, &format!("{path}/{name}"), found))
        };
        let (first, second) = match kind {
            Kind::Count => (None, None),
            Kind::Sum | Kind::Mean | Kind::Levels { .. } => (operand(self, "value"), None),
            Kind::Ratio(_) => (operand(self, "numerator"), operand(self, "denominator")),
            Kind::Persons => (operand(self, "person"), None),
        };
        let dimensions = self.dimensions(indicator, recipe, path, found);
        // A part that failed to parse left an error finding, which keeps the plan from running.
        Some(Plan {
            indicator: indicator.clone(),
            kind,
            date: date?,
            date_slot: 0,
            filter: filter.flatten(),
            first: first.flatten(),
            second: second.flatten(),
            dimensions,
            spans: self
                .periods
                .iter()
                .map(|p| Span::of(indicator.aggregation, kind, p))
                .collect(),
        })
    }

    /// The indicator's dimensions with their sources (the recipe's, else the document's).
    fn dimensions(
        &mut self,
        indicator: &Indicator,
        recipe: &Recipe,
        path: &str,
        found: &mut Vec<Finding>,
    ) -> Vec<Dimension> {
        let mut dimensions = Vec::new();
        for (d, declared) in indicator.disaggregation.iter().enumerate() {
            let (source, at) = match (
                recipe.dimensions.get(&declared.code),
                self.recipes.dimensions.get(&declared.code),
            ) {
                (Some(own), _) => (own, format!("{path}/dimensions/{}", declared.code)),
                (None, Some(default)) => (default, format!("/dimensions/{}", declared.code)),
                (None, None) => {
                    found.push(
                        Finding::error("compute.no_dimension_source", format!("{path}/dimensions"))
                            .with("indicator", &indicator.code)
                            .with("dimension", &declared.code)
                            .with("index", d),
                    );
                    continue;
                }
            };
            let source = source.clone();
            if let Some(source) = self.expression(&source, &at, found) {
                dimensions.push(Dimension {
                    code: declared.code.clone(),
                    categories: declared.categories.iter().map(|c| c.code.clone()).collect(),
                    source,
                });
            }
        }
        dimensions
    }

    /// Parses and type-checks one expression (findings carry `path`); its index in the
    /// shared [`Expressions`].
    fn expression(&mut self, source: &str, path: &str, found: &mut Vec<Finding>) -> Option<usize> {
        match Expr::parse(source) {
            Ok(expr) => {
                found.extend(expr.check(self.schema).into_iter().map(|mut f| {
                    f.path = path.to_owned();
                    f
                }));
                let expressions = &mut self.expressions;
                let index = *expressions
                    .by_source
                    .entry(source.to_owned())
                    .or_insert_with(|| {
                        expressions.list.push(RowExpr::new(expr, self.schema));
                        expressions.list.len() - 1
                    });
                Some(index)
            }
            Err(error) => {
                let mut finding = Finding::error("compute.bad_expression", path)
                    .with("expression", source)
                    .with("reason", &error.code);
                for (name, value) in error.params {
                    finding = finding.with(&name, value);
                }
                found.push(finding);
                None
            }
        }
    }
}

/// Messages of the codes this file raises.
pub const MESSAGES: &[Message] = &[
    Message {
        code: "compute.unknown_indicator",
        en: "This recipe is for indicator {indicator}, which no logframe defines",
        fr: "Cette recette concerne l'indicateur {indicator}, qu'aucun cadre logique ne définit",
    },
    Message {
        code: "compute.duplicate_recipe",
        en: "Indicator {indicator} already has a recipe; this second one is not used",
        fr: "L'indicateur {indicator} a déjà une recette ; cette seconde recette n'est pas utilisée",
    },
    Message {
        code: "compute.no_recipe",
        en: "Indicator {indicator} has no recipe, so it is not computed from records",
        fr: "L'indicateur {indicator} n'a pas de recette : il n'est pas calculé à partir des enregistrements",
    },
    Message {
        code: "compute.not_computable",
        en: "Indicator {indicator} is qualitative: it is reported by narrative, not computed",
        fr: "L'indicateur {indicator} est qualitatif : il est rapporté par un récit, pas calculé",
    },
    Message {
        code: "compute.missing_part",
        en: "Indicator {indicator} ({measure}) needs a {part} expression in its recipe",
        fr: "L'indicateur {indicator} ({measure}) a besoin d'une expression {part} dans sa recette",
    },
    Message {
        code: "compute.unused_part",
        en: "A {measure} indicator does not use {part}; this expression of indicator {indicator} is ignored",
        fr: "Un indicateur {measure} n'utilise pas {part} ; cette expression de l'indicateur {indicator} est ignorée",
    },
    Message {
        code: "compute.bad_expression",
        en: "Expression {expression} cannot be read ({reason})",
        fr: "L'expression {expression} ne peut pas être lue ({reason})",
    },
    Message {
        code: "compute.no_dimension_source",
        en: "Indicator {indicator} is disaggregated by {dimension}, but no expression gives a record's {dimension}",
        fr: "L'indicateur {indicator} est ventilé par {dimension}, mais aucune expression ne donne la valeur {dimension} d'un enregistrement",
    },
    Message {
        code: "compute.unknown_dimension",
        en: "Indicator {indicator} is not disaggregated by {dimension}; this source is ignored",
        fr: "L'indicateur {indicator} n'est pas ventilé par {dimension} ; cette source est ignorée",
    },
];
