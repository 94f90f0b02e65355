//! The MEAL plan workbook ([`crate::plan::MealPlan`]): the plan's settings and reporting
//! schedule on one row of the `plan` sheet, then one sheet per kind of item, one row per item.
//! Conventions (bilingual columns, lists, exactness, findings) are in the [module docs](super).
//!
//! # Sheets and columns
//!
//! Sheets in workbook order, each with its English / French name. "required" columns must be
//! present and filled on every row; the other columns may be blank or absent. Frequencies are
//! `continuous`, `weekly`, `monthly`, `quarterly`, `six_monthly`, `yearly`, `once`.
//!
//! ## `plan` / `plan` (required sheet)
//!
//! | English header | French header | required | holds |
//! |---|---|---|---|
//! | `project` | `projet` |  | project code of the logframe measured |
//! | `start` | `début` | yes | first day the plan applies, `2026-01-01` |
//! | `format_version` | `version_format` |  | whole number; blank = 1 (current) |
//! | `sitrep` | `sitrep` | yes | SITREP frequency (see the frequencies above) |
//! | `sitrep_due_days` | `sitrep_délai_jours` | yes | whole number of days after the period end |
//! | `annual_report_due_days` | `rapport_annuel_délai_jours` | yes | whole number of days after 31 December |
//! | `donor` | `bailleur` |  | donor reporting frequency; blank = none |
//! | `donor_due_days` | `bailleur_délai_jours` |  | whole number of days; blank = none |
//! | `quality_review` | `revue_qualité` | yes | data-quality review frequency |
//!
//! ## `roles` / `rôles`
//!
//! | English header | French header | required | holds |
//! |---|---|---|---|
//! | `code` | `code` |  | role code (`meal_officer`) |
//! | `name::en` | `nom::en` |  | name, English |
//! | `name::fr` | `nom::fr` |  | name, French |
//!
//! ## `indicators` / `indicateurs` (required sheet)
//!
//! | English header | French header | required | holds |
//! |---|---|---|---|
//! | `indicator` | `indicateur` |  | logframe indicator code (one row per indicator) |
//! | `source` | `source` | yes | `form` or `external` |
//! | `form` | `formulaire` |  | form source: form id |
//! | `field` | `champ` |  | form source: field name |
//! | `source_description::en` | `source_description::en` |  | external source: description, English |
//! | `source_description::fr` | `source_description::fr` |  | external source: description, French |
//! | `method` | `méthode` | yes | `routine_records`, `survey`, `focus_group`, `key_informant_interview`, `observation`, `document_review`, `feedback_mechanism`, `external_report` |
//! | `tool::en` | `outil::en` |  | collection tool, English |
//! | `tool::fr` | `outil::fr` |  | collection tool, French |
//! | `frequency` | `fréquence` | yes | collection frequency |
//! | `responsible` | `responsable` |  | role code |
//! | `disaggregation` | `désagrégation` |  | list of dimension codes |
//! | `reporting` | `rapports` |  | list of `sitrep`, `annual_report`, `donor` |
//! | `processing` | `traitement` |  | GDPR processing (purpose id); blank = none |
//!
//! ## `quality_assurance` / `assurance_qualité`
//!
//! | English header | French header | required | holds |
//! |---|---|---|---|
//! | `indicator` | `indicateur` | yes | indicator code of a plan row (one row per step, in order) |
//! | `step::en` | `étape::en` |  | quality-assurance step, English |
//! | `step::fr` | `étape::fr` |  | quality-assurance step, French |
//!
//! ## `evaluations` / `évaluations`
//!
//! | English header | French header | required | holds |
//! |---|---|---|---|
//! | `code` | `code` |  | evaluation code |
//! | `kind` | `type` | yes | `real_time`, `mid_term`, `final`, `thematic` |
//! | `title::en` | `titre::en` |  | title, English |
//! | `title::fr` | `titre::fr` |  | title, French |
//! | `period` | `période` | yes | period id of when it takes place |
//! | `responsible` | `responsable` |  | role code |
//!
//! ## `evaluation_questions` / `questions_évaluation`
//!
//! | English header | French header | required | holds |
//! |---|---|---|---|
//! | `evaluation` | `évaluation` | yes | evaluation code (one row per question) |
//! | `question::en` | `question::en` |  | question, English |
//! | `question::fr` | `question::fr` |  | question, French |
//!
//! ## `accountability` / `redevabilité`
//!
//! | English header | French header | required | holds |
//! |---|---|---|---|
//! | `code` | `code` |  | mechanism code |
//! | `name::en` | `nom::en` |  | name, English |
//! | `name::fr` | `nom::fr` |  | name, French |
//! | `taxonomy` | `taxonomie` |  | feedback taxonomy id |
//! | `taxonomy_version` | `version_taxonomie` |  | feedback taxonomy version |
//! | `channels` | `canaux` |  | list of channel ids (`hotline; suggestion_box`) |
//! | `responsible` | `responsable` |  | role code |
//!
//! ## `learning_agenda` / `agenda_apprentissage`
//!
//! | English header | French header | required | holds |
//! |---|---|---|---|
//! | `code` | `code` |  | question code |
//! | `question::en` | `question::en` |  | question, English |
//! | `question::fr` | `question::fr` |  | question, French |
//! | `evidence` | `éléments_de_preuve` |  | list of indicator or evaluation codes |
//! | `responsible` | `responsable` |  | role code |

use crate::error::MealError;
use crate::i18n::Locale;
use crate::plan::meal_plan::FORMAT_VERSION;
use crate::plan::{
    Accountability, CollectionMethod, Evaluation, Frequency, LearningQuestion, MealPlan, PlanRow,
    ReportingSchedule, Role, Source,
};

use super::cells::{owned, read_document, table, Origins, Owners, Report, Row, Table};
use super::layout::{col, req, SheetSpec};
use super::write::{self, owned_texts, Coded, Rows};
use super::Authored;

pub(crate) const SETTINGS: SheetSpec = SheetSpec {
    en: "plan",
    fr: "plan",
    required: true,
    single: true,
    columns: &[
        col("project", "projet", "project"),
        req("start", "début", "start"),
        col("format_version", "version_format", "format_version"),
        req("sitrep", "sitrep", "reporting/sitrep"),
        req(
            "sitrep_due_days",
            "sitrep_délai_jours",
            "reporting/sitrep_due_days",
        ),
        req(
            "annual_report_due_days",
            "rapport_annuel_délai_jours",
            "reporting/annual_report_due_days",
        ),
        col("donor", "bailleur", "reporting/donor"),
        col(
            "donor_due_days",
            "bailleur_délai_jours",
            "reporting/donor_due_days",
        ),
        req(
            "quality_review",
            "revue_qualité",
            "reporting/quality_review",
        ),
    ],
};

pub(crate) const ROLES: SheetSpec = SheetSpec {
    en: "roles",
    fr: "rôles",
    required: false,
    single: false,
    columns: &[
        col("code", "code", "code"),
        col("name::en", "nom::en", "name/en"),
        col("name::fr", "nom::fr", "name/fr"),
    ],
};

pub(crate) const INDICATORS: SheetSpec = SheetSpec {
    en: "indicators",
    fr: "indicateurs",
    required: true,
    single: false,
    columns: &[
        col("indicator", "indicateur", "indicator"),
        req("source", "source", "source/kind"),
        col("form", "formulaire", "source/form"),
        col("field", "champ", "source/field"),
        col(
            "source_description::en",
            "source_description::en",
            "source/description/en",
        ),
        col(
            "source_description::fr",
            "source_description::fr",
            "source/description/fr",
        ),
        req("method", "méthode", "method"),
        col("tool::en", "outil::en", "tool/en"),
        col("tool::fr", "outil::fr", "tool/fr"),
        req("frequency", "fréquence", "frequency"),
        col("responsible", "responsable", "responsible"),
        col("disaggregation", "désagrégation", "disaggregation"),
        col("reporting", "rapports", "reporting"),
        col("processing", "traitement", "processing"),
    ],
};

pub(crate) const QUALITY_ASSURANCE: SheetSpec = SheetSpec {
    en: "quality_assurance",
    fr: "assurance_qualité",
    required: false,
    single: false,
    columns: &[
        req("indicator", "indicateur", ""),
        col("step::en", "étape::en", "."),
        col("step::fr", "étape::fr", "."),
    ],
};

pub(crate) const EVALUATIONS: SheetSpec = SheetSpec {
    en: "evaluations",
    fr: "évaluations",
    required: false,
    single: false,
    columns: &[
        col("code", "code", "code"),
        req("kind", "type", "kind"),
        col("title::en", "titre::en", "title/en"),
        col("title::fr", "titre::fr", "title/fr"),
        req("period", "période", "period"),
        col("responsible", "responsable", "responsible"),
    ],
};

pub(crate) const EVALUATION_QUESTIONS: SheetSpec = SheetSpec {
    en: "evaluation_questions",
    fr: "questions_évaluation",
    required: false,
    single: false,
    columns: &[
        req("evaluation", "évaluation", ""),
        col("question::en", "question::en", "."),
        col("question::fr", "question::fr", "."),
    ],
};

pub(crate) const ACCOUNTABILITY: SheetSpec = SheetSpec {
    en: "accountability",
    fr: "redevabilité",
    required: false,
    single: false,
    columns: &[
        col("code", "code", "code"),
        col("name::en", "nom::en", "name/en"),
        col("name::fr", "nom::fr", "name/fr"),
        col("taxonomy", "taxonomie", "taxonomy"),
        col("taxonomy_version", "version_taxonomie", "taxonomy_version"),
        col("channels", "canaux", "channels"),
        col("responsible", "responsable", "responsible"),
    ],
};

pub(crate) const LEARNING_AGENDA: SheetSpec = SheetSpec {
    en: "learning_agenda",
    fr: "agenda_apprentissage",
    required: false,
    single: false,
    columns: &[
        col("code", "code", "code"),
        col("question::en", "question::en", "question/en"),
        col("question::fr", "question::fr", "question/fr"),
        col("evidence", "éléments_de_preuve", "evidence"),
        col("responsible", "responsable", "responsible"),
    ],
};

/// The sheets of a MEAL plan workbook, in workbook order.
pub(crate) const SHEETS: [&SheetSpec; 8] = [
    &SETTINGS,
    &ROLES,
    &INDICATORS,
    &QUALITY_ASSURANCE,
    &EVALUATIONS,
    &EVALUATION_QUESTIONS,
    &ACCOUNTABILITY,
    &LEARNING_AGENDA,
];

const FREQUENCIES: &[&str] = &[
    "continuous",
    "weekly",
    "monthly",
    "quarterly",
    "six_monthly",
    "yearly",
    "once",
];
const SOURCES: &[&str] = &["form", "external"];
const METHODS: &[&str] = &[
    "routine_records",
    "survey",
    "focus_group",
    "key_informant_interview",
    "observation",
    "document_review",
    "feedback_mechanism",
    "external_report",
];
const REPORTING_USES: &[&str] = &["sitrep", "annual_report", "donor"];
const EVALUATION_KINDS: &[&str] = &["real_time", "mid_term", "final", "thematic"];

impl Coded for PlanRow {
    fn code(&self) -> &str {
        &self.indicator
    }
}

impl Coded for Evaluation {
    fn code(&self) -> &str {
        &self.code
    }
}

// ---------------------------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------------------------

/// Writes `plan` as a template workbook with headers and sheet names in `locale`.
///
/// Error `template.unwritable` (params `detail`, and `sheet`, `value` when one cell is at
/// fault) when the plan holds something the template cannot carry back exactly: a text longer
/// than a cell holds (32 767 characters), a list entry that is blank, padded with spaces or
/// holds `;`, or rows owned by an item whose code is blank or repeated (see the module docs).
pub fn to_xlsx(plan: &MealPlan, locale: Locale) -> Result<Vec<u8>, MealError> {
    let rows = Owners::new(plan.indicators.iter().map(|r| r.indicator.as_str()));
    let evaluations = Owners::new(plan.evaluations.iter().map(|e| e.code.as_str()));
    let sheets: Vec<(&SheetSpec, Rows)> = vec![
        (&SETTINGS, settings_rows(plan)),
        (&ROLES, plan.roles.iter().map(role_row).collect()),
        (&INDICATORS, plan_rows(plan)?),
        (
            &QUALITY_ASSURANCE,
            owned_texts(&plan.indicators, &rows, &QUALITY_ASSURANCE, |r| {
                &r.quality_assurance
            })?,
        ),
        (
            &EVALUATIONS,
            plan.evaluations.iter().map(evaluation_row).collect(),
        ),
        (
            &EVALUATION_QUESTIONS,
            owned_texts(
                &plan.evaluations,
                &evaluations,
                &EVALUATION_QUESTIONS,
                |e| &e.questions,
            )?,
        ),
        (&ACCOUNTABILITY, accountability_rows(plan)?),
        (&LEARNING_AGENDA, learning_rows(plan)?),
    ];
    write::workbook(&sheets, locale)
}

fn settings_rows(plan: &MealPlan) -> Rows {
    let r = &plan.reporting;
    vec![vec![
        plan.project.clone(),
        plan.start.format("%Y-%m-%d").to_string(),
        plan.format_version.to_string(),
        write::choice(&r.sitrep),
        r.sitrep_due_days.to_string(),
        r.annual_report_due_days.to_string(),
        write::optional_choice(r.donor.as_ref()),
        r.donor_due_days.map(|d| d.to_string()).unwrap_or_default(),
        write::choice(&r.quality_review),
    ]]
}

fn role_row(role: &Role) -> Vec<String> {
    let [en, fr] = write::bilingual(&role.name);
    vec![role.code.clone(), en, fr]
}

fn plan_rows(plan: &MealPlan) -> Result<Rows, MealError> {
    let sheet = INDICATORS.en;
    plan.indicators
        .iter()
        .map(|r| {
            let (kind, form, field, [desc_en, desc_fr]) = match &r.source {
                Source::Form { form, field } => {
                    ("form", form.clone(), field.clone(), Default::default())
                }
                Source::External { description } => (
                    "external",
                    String::new(),
                    String::new(),
                    write::bilingual(description),
                ),
            };
            let [tool_en, tool_fr] = write::bilingual(&r.tool);
            Ok(vec![
                r.indicator.clone(),
                kind.to_owned(),
                form,
                field,
                desc_en,
                desc_fr,
                write::choice(&r.method),
                tool_en,
                tool_fr,
                write::choice(&r.frequency),
                r.responsible.clone(),
                write::list(&r.disaggregation, sheet)?,
                write::choices(&r.reporting),
                write::optional_text(r.processing.as_ref(), sheet)?,
            ])
        })
        .collect()
}

fn evaluation_row(e: &Evaluation) -> Vec<String> {
    let [en, fr] = write::bilingual(&e.title);
    vec![
        e.code.clone(),
        write::choice(&e.kind),
        en,
        fr,
        e.period.id(),
        e.responsible.clone(),
    ]
}

fn accountability_rows(plan: &MealPlan) -> Result<Rows, MealError> {
    plan.accountability
        .iter()
        .map(|a| {
            let [en, fr] = write::bilingual(&a.name);
            Ok(vec![
                a.code.clone(),
                en,
                fr,
                a.taxonomy.clone(),
                a.taxonomy_version.clone(),
                write::list(&a.channels, ACCOUNTABILITY.en)?,
                a.responsible.clone(),
            ])
        })
        .collect()
}

fn learning_rows(plan: &MealPlan) -> Result<Rows, MealError> {
    plan.learning_agenda
        .iter()
        .map(|q| {
            let [en, fr] = write::bilingual(&q.question);
            Ok(vec![
                q.code.clone(),
                en,
                fr,
                write::list(&q.evidence, LEARNING_AGENDA.en)?,
                q.responsible.clone(),
            ])
        })
        .collect()
}

/// The blank template: every sheet with its header row in `locale`, no data row (the files
/// of `examples/templates/`).
pub fn blank(locale: Locale) -> Result<Vec<u8>, MealError> {
    write::blank(&SHEETS, locale)
}

// ---------------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------------

/// Reads a MEAL plan workbook (headers and sheet names in English or French, even mixed).
///
/// Errors: `template.unreadable` (not an `.xlsx`), `template.missing_sheet` (no `plan` or
/// `indicators` sheet). Every other problem is a finding naming its cell. When reading raised
/// no error, the plan is built and its own findings ([`MealPlan::validate`]) are added,
/// located at the cell they are about.
pub fn from_xlsx(bytes: &[u8]) -> Result<Authored<MealPlan>, MealError> {
    read_document(
        bytes,
        &SHEETS,
        |tables, report, origins| Reader { report, origins }.plan(tables),
        |plan| Ok(plan.validate()),
    )
}

/// The findings and origins of one read.
struct Reader<'r> {
    report: &'r mut Report,
    origins: &'r mut Origins,
}

impl Reader<'_> {
    fn plan(&mut self, tables: &[Table<'_>]) -> MealPlan {
        let mut plan = MealPlan {
            format_version: FORMAT_VERSION,
            project: String::new(),
            start: chrono::NaiveDate::MIN,
            roles: Vec::new(),
            reporting: ReportingSchedule {
                sitrep: Frequency::Monthly,
                sitrep_due_days: 0,
                annual_report_due_days: 0,
                donor: None,
                donor_due_days: None,
                quality_review: Frequency::Quarterly,
            },
            indicators: Vec::new(),
            evaluations: Vec::new(),
            accountability: Vec::new(),
            learning_agenda: Vec::new(),
        };
        for (spec, pointer) in [
            (&SETTINGS, ""),
            (&ROLES, "/roles"),
            (&INDICATORS, "/indicators"),
            (&EVALUATIONS, "/evaluations"),
            (&ACCOUNTABILITY, "/accountability"),
            (&LEARNING_AGENDA, "/learning_agenda"),
        ] {
            if let Some(t) = table(tables, spec) {
                t.register(pointer, self.origins);
            }
        }
        if let Some(row) = table(tables, &SETTINGS).and_then(|t| t.first_row(self.report)) {
            self.settings(&row, &mut plan);
        }
        self.items(tables, &ROLES, "/roles", &mut plan.roles, Self::role);
        self.items(
            tables,
            &INDICATORS,
            "/indicators",
            &mut plan.indicators,
            Self::plan_row,
        );
        let owners = Owners::new(plan.indicators.iter().map(|r| r.indicator.as_str()));
        for (at, row) in owned(
            tables,
            &QUALITY_ASSURANCE,
            &owners,
            "indicator",
            self.report,
        ) {
            if let Some(r) = plan.indicators.get_mut(at) {
                let pointer = format!(
                    "/indicators/{at}/quality_assurance/{}",
                    r.quality_assurance.len()
                );
                row.register(&pointer, self.origins);
                r.quality_assurance.push(row.bilingual("step"));
            }
        }
        self.items(
            tables,
            &EVALUATIONS,
            "/evaluations",
            &mut plan.evaluations,
            Self::evaluation,
        );
        let owners = Owners::new(plan.evaluations.iter().map(|e| e.code.as_str()));
        for (at, row) in owned(
            tables,
            &EVALUATION_QUESTIONS,
            &owners,
            "evaluation",
            self.report,
        ) {
            if let Some(e) = plan.evaluations.get_mut(at) {
                let pointer = format!("/evaluations/{at}/questions/{}", e.questions.len());
                row.register(&pointer, self.origins);
                e.questions.push(row.bilingual("question"));
            }
        }
        self.items(
            tables,
            &ACCOUNTABILITY,
            "/accountability",
            &mut plan.accountability,
            Self::accountability,
        );
        self.items(
            tables,
            &LEARNING_AGENDA,
            "/learning_agenda",
            &mut plan.learning_agenda,
            Self::learning_question,
        );
        plan
    }

    /// One item per row of `spec`, at `{pointer}/{index}`; a row that cannot be built
    /// (`None`, its findings reported) is skipped.
    fn items<T>(
        &mut self,
        tables: &[Table<'_>],
        spec: &SheetSpec,
        pointer: &str,
        items: &mut Vec<T>,
        build: impl Fn(&mut Self, &Row<'_, '_>) -> Option<T>,
    ) {
        let Some(t) = table(tables, spec) else {
            return;
        };
        for row in t.rows(self.report) {
            row.register(&format!("{pointer}/{}", items.len()), self.origins);
            if let Some(item) = build(self, &row) {
                items.push(item);
            }
        }
    }

    fn settings(&mut self, row: &Row<'_, '_>, plan: &mut MealPlan) {
        row.register("", self.origins);
        let report = &mut *self.report;
        plan.project = row.text("project");
        if let Some(start) = row.date("start", report) {
            plan.start = start;
        }
        if let Some(version) = row.whole("format_version", report) {
            plan.format_version = version;
        }
        let r = &mut plan.reporting;
        if let Some(sitrep) = row.choice("sitrep", FREQUENCIES, report) {
            r.sitrep = sitrep;
        }
        r.sitrep_due_days = row.whole("sitrep_due_days", report).unwrap_or_default();
        r.annual_report_due_days = row
            .whole("annual_report_due_days", report)
            .unwrap_or_default();
        r.donor = row.choice("donor", FREQUENCIES, report);
        r.donor_due_days = row.whole("donor_due_days", report);
        if let Some(review) = row.choice("quality_review", FREQUENCIES, report) {
            r.quality_review = review;
        }
    }

    fn role(&mut self, row: &Row<'_, '_>) -> Option<Role> {
        Some(Role {
            code: row.text("code"),
            name: row.bilingual("name"),
        })
    }

    fn plan_row(&mut self, row: &Row<'_, '_>) -> Option<PlanRow> {
        let report = &mut *self.report;
        let source = match row.value("source") {
            Some("form") => {
                row.unused("source_description::en", report);
                row.unused("source_description::fr", report);
                Some(Source::Form {
                    form: row.text("form"),
                    field: row.text("field"),
                })
            }
            Some("external") => {
                row.unused("form", report);
                row.unused("field", report);
                Some(Source::External {
                    description: row.bilingual("source_description"),
                })
            }
            Some(other) => {
                row.unknown("source", other, SOURCES, report);
                None
            }
            None => None,
        };
        let method: Option<CollectionMethod> = row.choice("method", METHODS, report);
        let frequency: Option<Frequency> = row.choice("frequency", FREQUENCIES, report);
        Some(PlanRow {
            indicator: row.text("indicator"),
            source: source?,
            method: method?,
            tool: row.bilingual("tool"),
            frequency: frequency?,
            responsible: row.text("responsible"),
            disaggregation: row.list("disaggregation"),
            quality_assurance: Vec::new(),
            reporting: row.choices("reporting", REPORTING_USES, report),
            processing: row.raw("processing").map(str::to_owned),
        })
    }

    fn evaluation(&mut self, row: &Row<'_, '_>) -> Option<Evaluation> {
        let kind = row.choice("kind", EVALUATION_KINDS, self.report);
        let period = row.period("period", self.report);
        Some(Evaluation {
            code: row.text("code"),
            kind: kind?,
            title: row.bilingual("title"),
            questions: Vec::new(),
            period: period?,
            responsible: row.text("responsible"),
        })
    }

    fn accountability(&mut self, row: &Row<'_, '_>) -> Option<Accountability> {
        Some(Accountability {
            code: row.text("code"),
            name: row.bilingual("name"),
            taxonomy: row.text("taxonomy"),
            taxonomy_version: row.text("taxonomy_version"),
            channels: row.list("channels"),
            responsible: row.text("responsible"),
        })
    }

    fn learning_question(&mut self, row: &Row<'_, '_>) -> Option<LearningQuestion> {
        Some(LearningQuestion {
            code: row.text("code"),
            question: row.bilingual("question"),
            evidence: row.list("evidence"),
            responsible: row.text("responsible"),
        })
    }
}
