//! The logframe workbook ([`crate::logframe::Logframe`] and its [`crate::indicator::Indicator`]s):
//! one sheet per kind of item, one row per item. Conventions (bilingual columns, lists,
//! exactness, findings) are in the [module docs](super).
//!
//! # Sheets and columns
//!
//! Sheets in workbook order, each with its English / French name. "required" columns must be
//! present and filled on every row; the other columns may be blank or absent.
//!
//! ## `project` / `projet` (required sheet)
//!
//! | English header | French header | required | holds |
//! |---|---|---|---|
//! | `code` | `code` |  | project code (`IDF`); text, exact |
//! | `name::en` | `nom::en` |  | project name, English |
//! | `name::fr` | `nom::fr` |  | project name, French |
//! | `format_version` | `version_format` |  | whole number; blank = 1 (current) |
//!
//! ## `objectives` / `objectifs` (required sheet)
//!
//! | English header | French header | required | holds |
//! |---|---|---|---|
//! | `code` | `code` |  | objective code (`IDF.OC1`), unique; text, exact |
//! | `level` | `niveau` | yes | `impact`, `outcome`, `output`, `activity` |
//! | `parent` | `parent` |  | code of the objective one level up; blank for the impact |
//! | `kind` | `nature` | yes | `operational`, `influence` |
//! | `title::en` | `titre::en` |  | title, English |
//! | `title::fr` | `titre::fr` |  | title, French |
//! | `disciplines` | `disciplines` |  | list of `medical`, `mental_health`, `protection`, `influence` |
//! | `themes` | `thèmes` |  | list of `safeguarding`, `patient_centred_approach`, `learning_and_development`, `partnership` |
//! | `indicators` | `indicateurs` |  | list of indicator codes measuring it |
//!
//! ## `assumptions` / `hypothèses`
//!
//! | English header | French header | required | holds |
//! |---|---|---|---|
//! | `objective` | `objectif` | yes | code of the objective (one row per assumption) |
//! | `assumption::en` | `hypothèse::en` |  | assumption, English |
//! | `assumption::fr` | `hypothèse::fr` |  | assumption, French |
//!
//! ## `risks` / `risques`
//!
//! | English header | French header | required | holds |
//! |---|---|---|---|
//! | `objective` | `objectif` | yes | code of the objective (one row per risk) |
//! | `description::en` | `description::en` |  | risk, English |
//! | `description::fr` | `description::fr` |  | risk, French |
//! | `likelihood` | `probabilité` | yes | `low`, `medium`, `high` |
//! | `impact` | `impact` | yes | `low`, `medium`, `high` |
//! | `mitigation::en` | `atténuation::en` |  | mitigation, English (blank = accepted risk) |
//! | `mitigation::fr` | `atténuation::fr` |  | mitigation, French |
//!
//! ## `objective_verification` / `vérification_objectifs`
//!
//! | English header | French header | required | holds |
//! |---|---|---|---|
//! | `objective` | `objectif` | yes | code of the objective (one row per means) |
//! | `means::en` | `moyen::en` |  | means of verification, English |
//! | `means::fr` | `moyen::fr` |  | means of verification, French |
//!
//! ## `indicators` / `indicateurs` (required sheet)
//!
//! | English header | French header | required | holds |
//! |---|---|---|---|
//! | `code` | `code` |  | indicator code, unique; text, exact |
//! | `name::en` | `nom::en` |  | name, English |
//! | `name::fr` | `nom::fr` |  | name, French |
//! | `definition::en` | `définition::en` |  | definition, English (both blank = none) |
//! | `definition::fr` | `définition::fr` |  | definition, French |
//! | `measure` | `mesure` | yes | `count`, `sum`, `mean`, `ratio`, `distinct_persons`, `ordinal`, `nominal`, `qualitative` |
//! | `numerator::en` | `numérateur::en` |  | ratio only: numerator, English |
//! | `numerator::fr` | `numérateur::fr` |  | ratio only: numerator, French |
//! | `denominator::en` | `dénominateur::en` |  | ratio only: denominator, English |
//! | `denominator::fr` | `dénominateur::fr` |  | ratio only: denominator, French |
//! | `factor` | `facteur` |  | ratio only (needed): decimal, `100` for a percentage |
//! | `unit::en` | `unité::en` |  | unit, English |
//! | `unit::fr` | `unité::fr` |  | unit, French |
//! | `direction` | `sens` | yes | `increase`, `decrease`, `maintain` |
//! | `tolerance` | `tolérance` |  | maintain only (needed): decimal |
//! | `aggregation` | `agrégation` | yes | `incremental`, `running_total`, `latest_snapshot`, `yearly_reset_running_total`, `ratio_of_sums` |
//! | `baseline_value` | `référence_valeur` |  | decimal; with a baseline period (both or neither) |
//! | `baseline_period` | `référence_période` |  | period id (`2025`, `2025Q4`, `2025-11`) |
//! | `baseline_source::en` | `référence_source::en` |  | source of the baseline, English |
//! | `baseline_source::fr` | `référence_source::fr` |  | source of the baseline, French |
//!
//! ## `scale` / `échelle`
//!
//! | English header | French header | required | holds |
//! |---|---|---|---|
//! | `indicator` | `indicateur` | yes | code of an `ordinal` or `nominal` indicator (one row per level or category, in order) |
//! | `label::en` | `libellé::en` |  | level or category, English |
//! | `label::fr` | `libellé::fr` |  | level or category, French |
//!
//! ## `targets` / `cibles`
//!
//! | English header | French header | required | holds |
//! |---|---|---|---|
//! | `indicator` | `indicateur` | yes | indicator code (one row per target) |
//! | `period` | `période` | yes | period id |
//! | `value` | `valeur` | yes | decimal, kept as written (`0.50`) |
//! | `cell` | `cellule` |  | disaggregation cell: `dimension=category` pairs, `sex=f; age_band=under_15`; blank = total |
//!
//! ## `dimensions` / `dimensions`
//!
//! | English header | French header | required | holds |
//! |---|---|---|---|
//! | `indicator` | `indicateur` | yes | indicator code (one row per dimension) |
//! | `dimension` | `dimension` |  | dimension code (`sex`) |
//! | `name::en` | `nom::en` |  | name, English |
//! | `name::fr` | `nom::fr` |  | name, French |
//!
//! ## `categories` / `catégories`
//!
//! | English header | French header | required | holds |
//! |---|---|---|---|
//! | `indicator` | `indicateur` | yes | indicator code |
//! | `dimension` | `dimension` | yes | dimension code of that indicator (one row per category) |
//! | `category` | `catégorie` |  | category code (`f`) |
//! | `name::en` | `nom::en` |  | name, English |
//! | `name::fr` | `nom::fr` |  | name, French |
//!
//! ## `indicator_verification` / `vérification_indicateurs`
//!
//! | English header | French header | required | holds |
//! |---|---|---|---|
//! | `indicator` | `indicateur` | yes | indicator code (one row per means) |
//! | `means::en` | `moyen::en` |  | means of verification, English |
//! | `means::fr` | `moyen::fr` |  | means of verification, French |

use crate::error::{Finding, MealError};
use crate::i18n::Locale;
use crate::indicator::{Baseline, Category, Dimension, Direction, Indicator, Measure, Target};
use crate::logframe::{Logframe, Objective, Project, Risk, FORMAT_VERSION};
use crate::text::Text;

use super::cells::{owned, read_document, table, Origins, Owners, Report, Row, Table};
use super::layout::{col, req, Column, SheetSpec, CELL_SEPARATOR};
use super::write::{self, owned_rows, owned_texts, Rows};
use super::Authored;

pub(crate) const PROJECT: SheetSpec = SheetSpec {
    en: "project",
    fr: "projet",
    required: true,
    single: true,
    columns: &[
        col("code", "code", "/project/code"),
        col("name::en", "nom::en", "/project/name/en"),
        col("name::fr", "nom::fr", "/project/name/fr"),
        col("format_version", "version_format", "/format_version"),
    ],
};

pub(crate) const OBJECTIVES: SheetSpec = SheetSpec {
    en: "objectives",
    fr: "objectifs",
    required: true,
    single: false,
    columns: &[
        col("code", "code", "code"),
        req("level", "niveau", "level"),
        col("parent", "parent", "parent"),
        req("kind", "nature", "kind"),
        col("title::en", "titre::en", "title/en"),
        col("title::fr", "titre::fr", "title/fr"),
        col("disciplines", "disciplines", "disciplines"),
        col("themes", "thèmes", "themes"),
        col("indicators", "indicateurs", "indicators"),
    ],
};

/// A sheet of bilingual texts owned by the items of another sheet, one row per text.
const fn text_list(en: &'static str, fr: &'static str, columns: &'static [Column; 3]) -> SheetSpec {
    SheetSpec {
        en,
        fr,
        required: false,
        single: false,
        columns,
    }
}

pub(crate) const ASSUMPTIONS: SheetSpec = text_list(
    "assumptions",
    "hypothèses",
    &[
        req("objective", "objectif", ""),
        col("assumption::en", "hypothèse::en", "."),
        col("assumption::fr", "hypothèse::fr", "."),
    ],
);

pub(crate) const RISKS: SheetSpec = SheetSpec {
    en: "risks",
    fr: "risques",
    required: false,
    single: false,
    columns: &[
        req("objective", "objectif", ""),
        col("description::en", "description::en", "description/en"),
        col("description::fr", "description::fr", "description/fr"),
        req("likelihood", "probabilité", "likelihood"),
        req("impact", "impact", "impact"),
        col("mitigation::en", "atténuation::en", "mitigation/en"),
        col("mitigation::fr", "atténuation::fr", "mitigation/fr"),
    ],
};

pub(crate) const OBJECTIVE_VERIFICATION: SheetSpec = text_list(
    "objective_verification",
    "vérification_objectifs",
    &[
        req("objective", "objectif", ""),
        col("means::en", "moyen::en", "."),
        col("means::fr", "moyen::fr", "."),
    ],
);

pub(crate) const INDICATORS: SheetSpec = SheetSpec {
    en: "indicators",
    fr: "indicateurs",
    required: true,
    single: false,
    columns: &[
        col("code", "code", "code"),
        col("name::en", "nom::en", "name/en"),
        col("name::fr", "nom::fr", "name/fr"),
        col("definition::en", "définition::en", "definition/en"),
        col("definition::fr", "définition::fr", "definition/fr"),
        req("measure", "mesure", "measure"),
        col("numerator::en", "numérateur::en", "measure/numerator/en"),
        col("numerator::fr", "numérateur::fr", "measure/numerator/fr"),
        col(
            "denominator::en",
            "dénominateur::en",
            "measure/denominator/en",
        ),
        col(
            "denominator::fr",
            "dénominateur::fr",
            "measure/denominator/fr",
        ),
        col("factor", "facteur", "measure/factor"),
        col("unit::en", "unité::en", "unit/en"),
        col("unit::fr", "unité::fr", "unit/fr"),
        req("direction", "sens", "direction"),
        col("tolerance", "tolérance", "direction/tolerance"),
        req("aggregation", "agrégation", "aggregation"),
        col("baseline_value", "référence_valeur", "baseline/value"),
        col("baseline_period", "référence_période", "baseline/period"),
        col(
            "baseline_source::en",
            "référence_source::en",
            "baseline/source/en",
        ),
        col(
            "baseline_source::fr",
            "référence_source::fr",
            "baseline/source/fr",
        ),
    ],
};

pub(crate) const SCALE: SheetSpec = text_list(
    "scale",
    "échelle",
    &[
        req("indicator", "indicateur", ""),
        col("label::en", "libellé::en", "."),
        col("label::fr", "libellé::fr", "."),
    ],
);

pub(crate) const TARGETS: SheetSpec = SheetSpec {
    en: "targets",
    fr: "cibles",
    required: false,
    single: false,
    columns: &[
        req("indicator", "indicateur", ""),
        req("period", "période", "period"),
        req("value", "valeur", "value"),
        col("cell", "cellule", "cell"),
    ],
};

pub(crate) const DIMENSIONS: SheetSpec = SheetSpec {
    en: "dimensions",
    fr: "dimensions",
    required: false,
    single: false,
    columns: &[
        req("indicator", "indicateur", ""),
        col("dimension", "dimension", "code"),
        col("name::en", "nom::en", "name/en"),
        col("name::fr", "nom::fr", "name/fr"),
    ],
};

pub(crate) const CATEGORIES: SheetSpec = SheetSpec {
    en: "categories",
    fr: "catégories",
    required: false,
    single: false,
    columns: &[
        req("indicator", "indicateur", ""),
        req("dimension", "dimension", ""),
        col("category", "catégorie", "code"),
        col("name::en", "nom::en", "name/en"),
        col("name::fr", "nom::fr", "name/fr"),
    ],
};

pub(crate) const INDICATOR_VERIFICATION: SheetSpec = text_list(
    "indicator_verification",
    "vérification_indicateurs",
    &[
        req("indicator", "indicateur", ""),
        col("means::en", "moyen::en", "."),
        col("means::fr", "moyen::fr", "."),
    ],
);

/// The sheets of a logframe workbook, in workbook order.
pub(crate) const SHEETS: [&SheetSpec; 11] = [
    &PROJECT,
    &OBJECTIVES,
    &ASSUMPTIONS,
    &RISKS,
    &OBJECTIVE_VERIFICATION,
    &INDICATORS,
    &SCALE,
    &TARGETS,
    &DIMENSIONS,
    &CATEGORIES,
    &INDICATOR_VERIFICATION,
];

const LEVELS: &[&str] = &["impact", "outcome", "output", "activity"];
const KINDS: &[&str] = &["operational", "influence"];
const DISCIPLINES: &[&str] = &["medical", "mental_health", "protection", "influence"];
const THEMES: &[&str] = &[
    "safeguarding",
    "patient_centred_approach",
    "learning_and_development",
    "partnership",
];
const RATINGS: &[&str] = &["low", "medium", "high"];
const MEASURES: &[&str] = &[
    "count",
    "sum",
    "mean",
    "ratio",
    "distinct_persons",
    "ordinal",
    "nominal",
    "qualitative",
];
const DIRECTIONS: &[&str] = &["increase", "decrease", "maintain"];
const AGGREGATIONS: &[&str] = &[
    "incremental",
    "running_total",
    "latest_snapshot",
    "yearly_reset_running_total",
    "ratio_of_sums",
];

// ---------------------------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------------------------

/// Writes `logframe` as a template workbook with headers and sheet names in `locale`.
///
/// Error `template.unwritable` (params `detail`, and `sheet`, `value` when one cell is at fault)
/// when the logframe holds something the template cannot carry back exactly: a text longer
/// than a cell holds (32 767 characters), a list entry or target cell part that is blank,
/// padded with spaces or holds a separator (`;`, `=`), or rows owned by an item whose code is
/// blank or repeated (see the module docs).
pub fn to_xlsx(logframe: &Logframe, locale: Locale) -> Result<Vec<u8>, MealError> {
    let objectives = Owners::new(logframe.objectives.iter().map(|o| o.code.as_str()));
    let indicators = Owners::new(logframe.indicators.iter().map(|i| i.code.as_str()));
    let sheets: Vec<(&SheetSpec, Rows)> = vec![
        (&PROJECT, project_rows(logframe)),
        (&OBJECTIVES, objective_rows(logframe)?),
        (
            &ASSUMPTIONS,
            owned_texts(&logframe.objectives, &objectives, &ASSUMPTIONS, |o| {
                &o.assumptions
            })?,
        ),
        (&RISKS, risk_rows(logframe, &objectives)?),
        (
            &OBJECTIVE_VERIFICATION,
            owned_texts(
                &logframe.objectives,
                &objectives,
                &OBJECTIVE_VERIFICATION,
                |o| &o.means_of_verification,
            )?,
        ),
        (
            &INDICATORS,
            logframe
                .indicators
                .iter()
                .map(indicator_row)
                .collect::<Result<_, _>>()?,
        ),
        (
            &SCALE,
            owned_texts(&logframe.indicators, &indicators, &SCALE, |i| {
                scale(&i.measure)
            })?,
        ),
        (&TARGETS, target_rows(logframe, &indicators)?),
        (&DIMENSIONS, dimension_rows(logframe, &indicators)?),
        (&CATEGORIES, category_rows(logframe, &indicators)?),
        (
            &INDICATOR_VERIFICATION,
            owned_texts(
                &logframe.indicators,
                &indicators,
                &INDICATOR_VERIFICATION,
                |i| &i.means_of_verification,
            )?,
        ),
    ];
    write::workbook(&sheets, locale)
}

fn project_rows(logframe: &Logframe) -> Rows {
    let [en, fr] = write::bilingual(&logframe.project.name);
    vec![vec![
        logframe.project.code.clone(),
        en,
        fr,
        logframe.format_version.to_string(),
    ]]
}

fn objective_rows(logframe: &Logframe) -> Result<Rows, MealError> {
    let sheet = OBJECTIVES.en;
    logframe
        .objectives
        .iter()
        .map(|o| {
            let [en, fr] = write::bilingual(&o.title);
            Ok(vec![
                o.code.clone(),
                write::choice(&o.level),
                write::optional_text(o.parent.as_ref(), sheet)?,
                write::choice(&o.kind),
                en,
                fr,
                write::choices(&o.disciplines),
                write::choices(&o.themes),
                write::list(&o.indicators, sheet)?,
            ])
        })
        .collect()
}

fn risk_rows(logframe: &Logframe, owners: &Owners) -> Result<Rows, MealError> {
    owned_rows(&logframe.objectives, owners, &RISKS, |o, code| {
        Ok(o.risks
            .iter()
            .map(|r| {
                let [de, df] = write::bilingual(&r.description);
                let [me, mf] = write::bilingual(&r.mitigation);
                vec![
                    code.to_owned(),
                    de,
                    df,
                    write::choice(&r.likelihood),
                    write::choice(&r.impact),
                    me,
                    mf,
                ]
            })
            .collect())
    })
}

fn indicator_row(i: &Indicator) -> Result<Vec<String>, MealError> {
    let sheet = INDICATORS.en;
    let [name_en, name_fr] = write::bilingual(&i.name);
    let [def_en, def_fr] = write::optional_bilingual(i.definition.as_ref(), sheet)?;
    let ([num_en, num_fr], [den_en, den_fr], factor) = match &i.measure {
        Measure::Ratio {
            numerator,
            denominator,
            factor,
        } => (
            write::bilingual(numerator),
            write::bilingual(denominator),
            write::decimal(*factor),
        ),
        _ => Default::default(),
    };
    let [unit_en, unit_fr] = write::bilingual(&i.unit);
    let tolerance = match &i.direction {
        Direction::Maintain { tolerance } => write::decimal(*tolerance),
        _ => String::new(),
    };
    let baseline = i.baseline.as_ref();
    let [source_en, source_fr] =
        write::optional_bilingual(baseline.and_then(|b| b.source.as_ref()), sheet)?;
    Ok(vec![
        i.code.clone(),
        name_en,
        name_fr,
        def_en,
        def_fr,
        i.measure.kind().to_owned(),
        num_en,
        num_fr,
        den_en,
        den_fr,
        factor,
        unit_en,
        unit_fr,
        i.direction.kind().to_owned(),
        tolerance,
        write::choice(&i.aggregation),
        baseline
            .map(|b| write::decimal(b.value))
            .unwrap_or_default(),
        baseline.map(|b| b.period.id()).unwrap_or_default(),
        source_en,
        source_fr,
    ])
}

/// The levels of an ordinal measure or the categories of a nominal one.
fn scale(measure: &Measure) -> &[Text] {
    match measure {
        Measure::Ordinal { levels } => levels,
        Measure::Nominal { categories } => categories,
        _ => &[],
    }
}

fn target_rows(logframe: &Logframe, owners: &Owners) -> Result<Rows, MealError> {
    owned_rows(&logframe.indicators, owners, &TARGETS, |i, code| {
        i.targets
            .iter()
            .map(|t| {
                Ok(vec![
                    code.to_owned(),
                    t.period.id(),
                    write::decimal(t.value),
                    write::cell(&t.cell, TARGETS.en)?,
                ])
            })
            .collect()
    })
}

fn dimension_rows(logframe: &Logframe, owners: &Owners) -> Result<Rows, MealError> {
    owned_rows(&logframe.indicators, owners, &DIMENSIONS, |i, code| {
        Ok(i.disaggregation
            .iter()
            .map(|d| {
                let [en, fr] = write::bilingual(&d.name);
                vec![code.to_owned(), d.code.clone(), en, fr]
            })
            .collect())
    })
}

fn category_rows(logframe: &Logframe, owners: &Owners) -> Result<Rows, MealError> {
    owned_rows(&logframe.indicators, owners, &CATEGORIES, |i, code| {
        let dimensions = Owners::new(i.disaggregation.iter().map(|d| d.code.as_str()));
        let mut rows = Vec::new();
        for (index, d) in i.disaggregation.iter().enumerate() {
            if d.categories.is_empty() {
                continue;
            }
            let dimension = dimensions.writable(&d.code, index, CATEGORIES.en)?;
            for c in &d.categories {
                let [en, fr] = write::bilingual(&c.name);
                rows.push(vec![
                    code.to_owned(),
                    dimension.clone(),
                    c.code.clone(),
                    en,
                    fr,
                ]);
            }
        }
        Ok(rows)
    })
}

/// The blank template: every sheet with its header row in `locale`, no data row (the files
/// of `examples/templates/`).
pub fn blank(locale: Locale) -> Result<Vec<u8>, MealError> {
    write::blank(&SHEETS, locale)
}

// ---------------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------------

/// Reads a logframe workbook (headers and sheet names in English or French, even mixed).
///
/// Errors: `template.unreadable` (not an `.xlsx`), `template.missing_sheet` (no `project`,
/// `objectives` or `indicators` sheet). Every other problem is a finding naming its cell. When
/// reading raised no error, the logframe is built and its own findings
/// ([`Logframe::validate`], or `logframe.cycle` when the parent links loop, which leaves the
/// document out as [`Logframe::from_json`] does) are added, located at the cell they are about.
pub fn from_xlsx(bytes: &[u8]) -> Result<Authored<Logframe>, MealError> {
    read_document(
        bytes,
        &SHEETS,
        |tables, report, origins| Reader { report, origins }.logframe(tables),
        |logframe| match logframe.ensure_acyclic() {
            Ok(()) => Ok(logframe.validate()),
            Err(cycle) => {
                let mut finding = Finding::error(&cycle.code, cycle.path);
                finding.params = cycle.params;
                Err(finding)
            }
        },
    )
}

/// The findings and origins of one read.
struct Reader<'r> {
    report: &'r mut Report,
    origins: &'r mut Origins,
}

impl Reader<'_> {
    fn logframe(&mut self, tables: &[Table<'_>]) -> Logframe {
        let mut logframe = Logframe {
            format_version: FORMAT_VERSION,
            project: Project {
                code: String::new(),
                name: Text::default(),
            },
            objectives: Vec::new(),
            indicators: Vec::new(),
        };
        for (spec, pointer) in [
            (&PROJECT, ""),
            (&OBJECTIVES, "/objectives"),
            (&INDICATORS, "/indicators"),
        ] {
            if let Some(t) = table(tables, spec) {
                t.register(pointer, self.origins);
            }
        }
        if let Some(row) = table(tables, &PROJECT).and_then(|t| t.first_row(self.report)) {
            logframe.project.code = row.text("code");
            logframe.project.name = row.bilingual("name");
            if let Some(version) = row.whole("format_version", self.report) {
                logframe.format_version = version;
            }
            row.register("/project", self.origins);
        }
        if let Some(t) = table(tables, &OBJECTIVES) {
            for row in t.rows(self.report) {
                let pointer = format!("/objectives/{}", logframe.objectives.len());
                row.register(&pointer, self.origins);
                logframe.objectives.push(self.objective(&row));
            }
        }
        self.objective_children(tables, &mut logframe.objectives);
        if let Some(t) = table(tables, &INDICATORS) {
            for row in t.rows(self.report) {
                let pointer = format!("/indicators/{}", logframe.indicators.len());
                row.register(&pointer, self.origins);
                logframe.indicators.push(self.indicator(&row));
            }
        }
        self.indicator_children(tables, &mut logframe.indicators);
        logframe
    }

    fn objective(&mut self, row: &Row<'_, '_>) -> Objective {
        Objective {
            code: row.text("code"),
            level: row
                .choice("level", LEVELS, self.report)
                .unwrap_or(crate::logframe::Level::Impact),
            parent: row.raw("parent").map(str::to_owned),
            kind: row
                .choice("kind", KINDS, self.report)
                .unwrap_or(crate::logframe::ObjectiveKind::Operational),
            title: row.bilingual("title"),
            disciplines: row.choices("disciplines", DISCIPLINES, self.report),
            themes: row.choices("themes", THEMES, self.report),
            indicators: row.list("indicators"),
            assumptions: Vec::new(),
            risks: Vec::new(),
            means_of_verification: Vec::new(),
        }
    }

    fn objective_children(&mut self, tables: &[Table<'_>], objectives: &mut [Objective]) {
        let owners = Owners::new(objectives.iter().map(|o| o.code.as_str()));
        let key = "objective";
        for (at, row) in owned(tables, &ASSUMPTIONS, &owners, key, self.report) {
            if let Some(o) = objectives.get_mut(at) {
                let pointer = format!("/objectives/{at}/assumptions/{}", o.assumptions.len());
                row.register(&pointer, self.origins);
                o.assumptions.push(row.bilingual("assumption"));
            }
        }
        for (at, row) in owned(tables, &RISKS, &owners, key, self.report) {
            if let Some(o) = objectives.get_mut(at) {
                let pointer = format!("/objectives/{at}/risks/{}", o.risks.len());
                row.register(&pointer, self.origins);
                let likelihood = row.choice("likelihood", RATINGS, self.report);
                let impact = row.choice("impact", RATINGS, self.report);
                if let (Some(likelihood), Some(impact)) = (likelihood, impact) {
                    o.risks.push(Risk {
                        description: row.bilingual("description"),
                        likelihood,
                        impact,
                        mitigation: row.bilingual("mitigation"),
                    });
                }
            }
        }
        for (at, row) in owned(tables, &OBJECTIVE_VERIFICATION, &owners, key, self.report) {
            if let Some(o) = objectives.get_mut(at) {
                let pointer = format!(
                    "/objectives/{at}/means_of_verification/{}",
                    o.means_of_verification.len()
                );
                row.register(&pointer, self.origins);
                o.means_of_verification.push(row.bilingual("means"));
            }
        }
    }

    fn indicator(&mut self, row: &Row<'_, '_>) -> Indicator {
        Indicator {
            code: row.text("code"),
            name: row.bilingual("name"),
            definition: row.optional_bilingual("definition"),
            measure: self.measure(row),
            unit: row.bilingual("unit"),
            direction: self.direction(row),
            aggregation: row
                .choice("aggregation", AGGREGATIONS, self.report)
                .unwrap_or(crate::indicator::Aggregation::Incremental),
            baseline: self.baseline(row),
            targets: Vec::new(),
            disaggregation: Vec::new(),
            means_of_verification: Vec::new(),
        }
    }

    fn measure(&mut self, row: &Row<'_, '_>) -> Measure {
        let kind = row.value("measure");
        if kind != Some("ratio") {
            for key in [
                "numerator::en",
                "numerator::fr",
                "denominator::en",
                "denominator::fr",
                "factor",
            ] {
                row.unused(key, self.report);
            }
        }
        match kind {
            Some("count") | None => Measure::Count,
            Some("sum") => Measure::Sum,
            Some("mean") => Measure::Mean,
            Some("distinct_persons") => Measure::DistinctPersons,
            Some("ordinal") => Measure::Ordinal { levels: Vec::new() },
            Some("nominal") => Measure::Nominal {
                categories: Vec::new(),
            },
            Some("qualitative") => Measure::Qualitative,
            Some("ratio") => {
                row.needed("factor", self.report);
                Measure::Ratio {
                    numerator: row.bilingual("numerator"),
                    denominator: row.bilingual("denominator"),
                    factor: row.decimal("factor", self.report).unwrap_or_default(),
                }
            }
            Some(other) => {
                row.unknown("measure", other, MEASURES, self.report);
                Measure::Count
            }
        }
    }

    fn direction(&mut self, row: &Row<'_, '_>) -> Direction {
        let kind = row.value("direction");
        if kind != Some("maintain") {
            row.unused("tolerance", self.report);
        }
        match kind {
            Some("increase") | None => Direction::Increase,
            Some("decrease") => Direction::Decrease,
            Some("maintain") => {
                row.needed("tolerance", self.report);
                Direction::Maintain {
                    tolerance: row.decimal("tolerance", self.report).unwrap_or_default(),
                }
            }
            Some(other) => {
                row.unknown("direction", other, DIRECTIONS, self.report);
                Direction::Increase
            }
        }
    }

    /// A baseline when any of its cells is filled: then value and period are needed.
    fn baseline(&mut self, row: &Row<'_, '_>) -> Option<Baseline> {
        let source = row.optional_bilingual("baseline_source");
        if row.raw("baseline_value").is_none()
            && row.raw("baseline_period").is_none()
            && source.is_none()
        {
            return None;
        }
        row.needed("baseline_value", self.report);
        row.needed("baseline_period", self.report);
        Some(Baseline {
            value: row.decimal("baseline_value", self.report)?,
            period: row.period("baseline_period", self.report)?,
            source,
        })
    }

    fn indicator_children(&mut self, tables: &[Table<'_>], indicators: &mut [Indicator]) {
        let owners = Owners::new(indicators.iter().map(|i| i.code.as_str()));
        let key = "indicator";
        for (at, row) in owned(tables, &SCALE, &owners, key, self.report) {
            if let Some(i) = indicators.get_mut(at) {
                let (name, entries) = match &mut i.measure {
                    Measure::Ordinal { levels } => ("levels", levels),
                    Measure::Nominal { categories } => ("categories", categories),
                    _ => {
                        let value = row.text(key);
                        self.report
                            .warning("template.ignored_cell", &row.loc(key), &value);
                        continue;
                    }
                };
                let pointer = format!("/indicators/{at}/measure/{name}/{}", entries.len());
                row.register(&pointer, self.origins);
                entries.push(row.bilingual("label"));
            }
        }
        for (at, row) in owned(tables, &TARGETS, &owners, key, self.report) {
            if let Some(i) = indicators.get_mut(at) {
                let pointer = format!("/indicators/{at}/targets/{}", i.targets.len());
                row.register(&pointer, self.origins);
                let period = row.period("period", self.report);
                let value = row.decimal("value", self.report);
                let cell = self.cell(&row);
                if let (Some(period), Some(value)) = (period, value) {
                    i.targets.push(Target {
                        period,
                        value,
                        cell,
                    });
                }
            }
        }
        for (at, row) in owned(tables, &DIMENSIONS, &owners, key, self.report) {
            if let Some(i) = indicators.get_mut(at) {
                let pointer = format!("/indicators/{at}/disaggregation/{}", i.disaggregation.len());
                row.register(&pointer, self.origins);
                i.disaggregation.push(Dimension {
                    code: row.text("dimension"),
                    name: row.bilingual("name"),
                    categories: Vec::new(),
                });
            }
        }
        for (at, row) in owned(tables, &CATEGORIES, &owners, key, self.report) {
            let Some(i) = indicators.get_mut(at) else {
                continue;
            };
            let dimensions = Owners::new(i.disaggregation.iter().map(|d| d.code.as_str()));
            let Some(d) = dimensions
                .find(&row, "dimension", self.report)
                .and_then(|d| i.disaggregation.get_mut(d).map(|dim| (d, dim)))
            else {
                continue;
            };
            let (index, dimension) = d;
            let pointer = format!(
                "/indicators/{at}/disaggregation/{index}/categories/{}",
                dimension.categories.len()
            );
            row.register(&pointer, self.origins);
            dimension.categories.push(Category {
                code: row.text("category"),
                name: row.bilingual("name"),
            });
        }
        for (at, row) in owned(tables, &INDICATOR_VERIFICATION, &owners, key, self.report) {
            if let Some(i) = indicators.get_mut(at) {
                let pointer = format!(
                    "/indicators/{at}/means_of_verification/{}",
                    i.means_of_verification.len()
                );
                row.register(&pointer, self.origins);
                i.means_of_verification.push(row.bilingual("means"));
            }
        }
    }

    /// A target's cell: `dimension=category` pairs separated by `;`. A pair without `=`, with
    /// a blank side, or repeating a dimension is `template.bad_cell`.
    fn cell(&mut self, row: &Row<'_, '_>) -> std::collections::BTreeMap<String, String> {
        let mut cell = std::collections::BTreeMap::new();
        for pair in row.list("cell") {
            let parsed = pair
                .split_once(CELL_SEPARATOR)
                .map(|(d, c)| (d.trim(), c.trim()))
                .filter(|(d, c)| !d.is_empty() && !c.is_empty());
            match parsed {
                Some((d, c)) if !cell.contains_key(d) => {
                    cell.insert(d.to_owned(), c.to_owned());
                }
                _ => self
                    .report
                    .error("template.bad_cell", &row.loc("cell"), &pair),
            }
        }
        cell
    }
}
