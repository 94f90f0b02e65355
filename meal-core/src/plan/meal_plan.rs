//! The MEAL plan (*plan SERA*) of one project: for every logframe indicator, how it is measured
//! (source, method, tool, frequency), by whom, broken down how, checked how, and which reports
//! it feeds under which GDPR processing; plus the project's roles, evaluations, accountability
//! mechanisms, learning agenda and reporting schedule (which feeds [`super::calendar`]).
//!
//! # Reading
//!
//! A [`MealPlan`] is a versioned JSON document (`format_version` 1) read through
//! [`crate::document::read`]: `json.malformed`, `document.format_version`, `document.invalid`
//! are errors; unknown fields and duplicate keys are findings. [`MealPlan::to_json`] writes the
//! canonical form and `from_json(&p.to_json())` gives back `p` exactly. [`check`] reads and
//! validates in one call (what every binding exposes).
//!
//! # Validation
//!
//! [`MealPlan::validate`] checks the plan on its own, sorted by path then code; paths are JSON
//! pointers (`/indicators/3/responsible`). Checks that need other documents (the logframe, the
//! forms, the GDPR rules) and the checks that a collection can feed the reports it is listed
//! for are in [`super::coverage()`]. Severities follow the logframe's rule
//! ([`crate::logframe`]): an **error** when the plan cannot be followed as written (a reference
//! that points nowhere, a date the calendar cannot place, two entries a reader cannot tell
//! apart); a **warning** for a quality issue a MEAL reviewer would raise but that does not stop
//! anyone using the plan.
//!
//! | code | severity | when |
//! |---|---|---|
//! | `document.format_version` | error | a plan built in code carries another format version |
//! | `plan.empty_code` | error | a code is blank: project, role, plan-row indicator, evaluation, mechanism, learning question, a `responsible`, a source's form or field, a `processing`, a taxonomy id or version, a dimension, a channel, an evidence code |
//! | `plan.invalid_code` | error | a project, role, indicator, evaluation, mechanism or question code breaks the logframe code grammar `[A-Za-z0-9._-]+` ([`crate::logframe::is_valid_code`]) |
//! | `plan.duplicate_code` | error | two roles, evaluations, mechanisms or learning questions share a code (the later one is flagged; `first` points at the earlier) |
//! | `plan.duplicate_row` | error | two plan rows measure the same indicator: which one is the rule? |
//! | `plan.unknown_role` | error | a `responsible` names no role of [`MealPlan::roles`] |
//! | `plan.missing_text` | error | a role name, tool, quality-assurance step, external source description, evaluation title or question, mechanism name or learning question is blank in both languages |
//! | `plan.missing_translation` | warning | one of those texts is blank in English or in French |
//! | `plan.bad_cadence` | error | the SITREP, quality-review or donor cadence is `continuous` or `once`: a report needs periods, so the calendar cannot place it |
//! | `plan.donor_without_due_days` | error | a donor frequency without `donor_due_days`: the calendar cannot date the donor reports |
//! | `plan.due_days_without_donor` | warning | `donor_due_days` without a donor frequency: the days are unused |
//! | `plan.evaluation_before_start` | error | an evaluation period ends before the plan's `start`, so it is never due (the calendar lists nothing before `start`) |
//! | `plan.no_questions` | warning | an evaluation lists no question: its terms of reference have nothing to answer |
//! | `plan.unknown_evidence` | error | a learning question's evidence names neither an indicator of a plan row nor an evaluation code of this plan |
//! | `plan.no_evidence` | warning | a learning question names no evidence that would answer it |
//! | `plan.unreported` | warning | a plan row feeds no report: data would be collected and never used |
//! | `plan.repeated_entry` | warning | a dimension, reporting use or channel is listed twice in one entry |
//!
//! Decisions worth knowing:
//! * Codes follow the logframe grammar so plan rows and logframe indicators compare exactly
//!   (case-sensitive, no trimming). Form ids, field names, purpose ids, taxonomy ids and
//!   channel ids belong to their own documents and are only checked for blankness here.
//! * Evaluation and learning codes share no namespace with indicators; a learning question's
//!   evidence matches an indicator code first, then an evaluation code.
//! * A `continuous` or `once` collection frequency on a plan row is fine (routine case records;
//!   a baseline or end-line survey); only a *reporting* cadence must be a recurring period:
//!   a report covers one period and is due a number of days after its end, as DHIS2 data sets
//!   are (`DataSet.timelyDays`, reference/logframes-indicators.md §1.8, §7.8).
//! * The SITREP, annual report and quality reviews name no responsible role in the schedule:
//!   the MEAL coordinator owns them (DOMAIN.md); only rows, evaluations, mechanisms and learning
//!   questions carry a `responsible`.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::document::Parsed;
use crate::error::{Finding, MealError};
use crate::i18n::{Message, Term};
use crate::logframe::is_valid_code;
use crate::period::{Period, PeriodType};
use crate::text::Text;

/// The format version this library reads and writes.
pub const FORMAT_VERSION: u32 = 1;

/// How often something is collected or reported. Ordered from finest to coarsest, `Once` last.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Frequency {
    /// Every record as it happens (routine case records).
    Continuous,
    Weekly,
    Monthly,
    Quarterly,
    SixMonthly,
    Yearly,
    /// A single collection (a baseline or end-line survey).
    Once,
}

/// How data for an indicator is collected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CollectionMethod {
    /// Routine records of care (consultations, follow-ups) in a form or case tool.
    RoutineRecords,
    Survey,
    FocusGroup,
    KeyInformantInterview,
    Observation,
    DocumentReview,
    /// Feedback and complaint mechanism records.
    FeedbackMechanism,
    /// A figure reported by another organisation or system.
    ExternalReport,
}

/// Where an indicator's data comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Source {
    /// A field of one of the mission's forms (`form` is the form id, `field` the field name).
    Form { form: String, field: String },
    /// A source outside the mission's forms (a partner's register, a donor database).
    External { description: Text },
}

/// A report the indicator feeds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReportingUse {
    Sitrep,
    AnnualReport,
    Donor,
}

/// A role named as responsible in the plan (`meal_officer`, `medical_coordinator`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Role {
    pub code: String,
    pub name: Text,
}

/// How one logframe indicator is measured and reported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanRow {
    /// The logframe indicator code.
    pub indicator: String,
    pub source: Source,
    pub method: CollectionMethod,
    /// The tool used to collect (`ODK Collect`, `MANO`, paper register).
    pub tool: Text,
    pub frequency: Frequency,
    /// A role code of [`MealPlan::roles`].
    pub responsible: String,
    /// Dimension codes of the indicator the data is broken down by.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub disaggregation: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub quality_assurance: Vec<Text>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reporting: Vec<ReportingUse>,
    /// The GDPR processing (a purpose id of the privacy rules) the collection relies on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub processing: Option<String>,
}

/// The kind of an evaluation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EvaluationKind {
    RealTime,
    MidTerm,
    Final,
    Thematic,
}

/// A planned evaluation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evaluation {
    pub code: String,
    pub kind: EvaluationKind,
    pub title: Text,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub questions: Vec<Text>,
    /// When it takes place (its report is due at the end of this period).
    pub period: Period,
    /// A role code.
    pub responsible: String,
}

/// An accountability mechanism and the feedback configuration it uses.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Accountability {
    pub code: String,
    pub name: Text,
    /// The feedback taxonomy id and version it codes items with (`feedback::Taxonomy`).
    pub taxonomy: String,
    pub taxonomy_version: String,
    /// Channel ids through which people reach it (`suggestion_box`, `hotline`, …).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub channels: Vec<String>,
    /// A role code.
    pub responsible: String,
}

/// A question the project wants answered, and the evidence that should answer it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LearningQuestion {
    pub code: String,
    pub question: Text,
    /// Indicator or evaluation codes whose results inform the answer.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<String>,
    /// A role code.
    pub responsible: String,
}

/// When the project reports, which feeds the reporting calendar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportingSchedule {
    /// SITREP period (monthly, quarterly, …).
    pub sitrep: Frequency,
    /// Days after the end of a period a SITREP is due.
    pub sitrep_due_days: u32,
    /// Days after the end of the calendar year the annual report is due.
    pub annual_report_due_days: u32,
    /// Donor reporting period, when the project has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub donor: Option<Frequency>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub donor_due_days: Option<u32>,
    /// How often data quality is reviewed (due at each period end).
    pub quality_review: Frequency,
}

/// The MEAL plan of one project.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MealPlan {
    pub format_version: u32,
    /// The project code of the logframe the plan measures.
    pub project: String,
    /// The first day the plan applies (nothing is due before it).
    pub start: NaiveDate,
    pub roles: Vec<Role>,
    pub reporting: ReportingSchedule,
    pub indicators: Vec<PlanRow>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evaluations: Vec<Evaluation>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub accountability: Vec<Accountability>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub learning_agenda: Vec<LearningQuestion>,
}

impl MealPlan {
    /// Reads a plan (syntax, version, shape; unknown fields as findings).
    pub fn from_json(json: &str) -> Result<Parsed<MealPlan>, MealError> {
        crate::document::read(json, "meal_plan", FORMAT_VERSION)
    }

    /// The canonical JSON form; `from_json(&p.to_json())` gives back `p`.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// The plan's own structural findings (see the module docs for the codes), sorted by path
    /// then code. Cross-document checks (logframe, forms, GDPR rules) are [`super::coverage()`].
    pub fn validate(&self) -> Vec<Finding> {
        let mut out = Vec::new();
        if self.format_version != FORMAT_VERSION {
            out.push(
                Finding::error("document.format_version", "/format_version")
                    .with("kind", KIND)
                    .with("expected", FORMAT_VERSION)
                    .with("found", self.format_version),
            );
        }
        check_code(&mut out, &self.project, "/project");
        let checker = Checker::new(self);
        checker.roles(&mut out);
        checker.rows(&mut out);
        checker.schedule(&mut out);
        checker.evaluations(&mut out);
        checker.accountability(&mut out);
        checker.learning(&mut out);
        crate::error::sort_findings(&mut out);
        out
    }

    /// The report cadence of each reporting use, as the plan's schedule sets it: the SITREP
    /// cadence, `yearly` for the annual report, the donor frequency (`None` when the plan has
    /// no donor reporting).
    pub fn cadence(&self, report: ReportingUse) -> Option<Frequency> {
        match report {
            ReportingUse::Sitrep => Some(self.reporting.sitrep),
            ReportingUse::AnnualReport => Some(Frequency::Yearly),
            ReportingUse::Donor => self.reporting.donor,
        }
    }
}

impl Frequency {
    /// The snake_case name used in JSON and in message parameters.
    pub fn as_str(self) -> &'static str {
        match self {
            Frequency::Continuous => "continuous",
            Frequency::Weekly => "weekly",
            Frequency::Monthly => "monthly",
            Frequency::Quarterly => "quarterly",
            Frequency::SixMonthly => "six_monthly",
            Frequency::Yearly => "yearly",
            Frequency::Once => "once",
        }
    }

    /// The period type of a recurring frequency; `None` for `continuous` and `once`, which
    /// have no periods.
    pub fn period_type(self) -> Option<PeriodType> {
        match self {
            Frequency::Continuous | Frequency::Once => None,
            Frequency::Weekly => Some(PeriodType::Weekly),
            Frequency::Monthly => Some(PeriodType::Monthly),
            Frequency::Quarterly => Some(PeriodType::Quarterly),
            Frequency::SixMonthly => Some(PeriodType::SixMonthly),
            Frequency::Yearly => Some(PeriodType::Yearly),
        }
    }
}

impl ReportingUse {
    /// The snake_case name used in JSON and in message parameters.
    pub fn as_str(self) -> &'static str {
        match self {
            ReportingUse::Sitrep => "sitrep",
            ReportingUse::AnnualReport => "annual_report",
            ReportingUse::Donor => "donor",
        }
    }
}

/// Reads and validates a plan: the reading findings (unknown fields, duplicate keys) and
/// [`MealPlan::validate`], sorted by path then code. Errors: `json.malformed`, `document.*`.
pub fn check(json: &str) -> Result<Vec<Finding>, MealError> {
    let parsed = MealPlan::from_json(json)?;
    Ok(crate::error::merged_findings(
        &parsed.findings,
        parsed.value.validate(),
    ))
}

/// The word used for plans in messages (`{kind}`).
const KIND: &str = "meal_plan";

/// `plan.empty_code` or `plan.invalid_code` for a code that must follow the code grammar.
fn check_code(out: &mut Vec<Finding>, code: &str, path: &str) {
    if code.trim().is_empty() {
        out.push(Finding::error("plan.empty_code", path));
    } else if !is_valid_code(code) {
        out.push(Finding::error("plan.invalid_code", path).with("code", code));
    }
}

/// `plan.empty_code` for a reference to another document's id (form, field, purpose, …),
/// whose grammar that document owns. True when the reference is not blank.
fn check_reference(out: &mut Vec<Finding>, reference: &str, path: &str) -> bool {
    let present = !reference.trim().is_empty();
    if !present {
        out.push(Finding::error("plan.empty_code", path));
    }
    present
}

/// `plan.missing_text` (blank in both languages) or `plan.missing_translation` (blank in one).
fn check_text(out: &mut Vec<Finding>, text: &Text, path: &str) {
    let en = text.en.trim().is_empty();
    let fr = text.fr.trim().is_empty();
    if en && fr {
        out.push(Finding::error("plan.missing_text", path));
    } else if en || fr {
        let language = if en { "en" } else { "fr" };
        out.push(Finding::warning("plan.missing_translation", path).with("language", language));
    }
}

/// `plan.duplicate_code` for every code of `codes` (at `{base}/{i}/code`) met before; blank
/// codes are `plan.empty_code` already.
fn check_unique<'a>(out: &mut Vec<Finding>, codes: impl Iterator<Item = &'a str>, base: &str) {
    let mut first: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, code) in codes.enumerate() {
        if code.trim().is_empty() {
            continue;
        }
        match first.get(code) {
            Some(earlier) => out.push(
                Finding::error("plan.duplicate_code", format!("{base}/{i}/code"))
                    .with("code", code)
                    .with("first", format!("{base}/{earlier}")),
            ),
            None => {
                first.insert(code, i);
            }
        }
    }
}

/// `plan.repeated_entry` for each entry of a list already listed before it.
fn check_repeats<'a>(out: &mut Vec<Finding>, entries: impl Iterator<Item = &'a str>, base: &str) {
    let mut seen = BTreeSet::new();
    for (k, entry) in entries.enumerate() {
        if !seen.insert(entry) {
            out.push(
                Finding::warning("plan.repeated_entry", format!("{base}/{k}")).with("entry", entry),
            );
        }
    }
}

/// The plan's checks, with the codes they resolve references against.
struct Checker<'a> {
    plan: &'a MealPlan,
    roles: BTreeSet<&'a str>,
}

impl<'a> Checker<'a> {
    fn new(plan: &'a MealPlan) -> Self {
        Checker {
            plan,
            roles: plan.roles.iter().map(|r| r.code.as_str()).collect(),
        }
    }

    /// `plan.empty_code` or `plan.unknown_role` for a `responsible` at `path`.
    fn responsible(&self, out: &mut Vec<Finding>, role: &str, path: &str) {
        if check_reference(out, role, path) && !self.roles.contains(role) {
            out.push(Finding::error("plan.unknown_role", path).with("role", role));
        }
    }

    fn roles(&self, out: &mut Vec<Finding>) {
        for (i, role) in self.plan.roles.iter().enumerate() {
            check_code(out, &role.code, &format!("/roles/{i}/code"));
            check_text(out, &role.name, &format!("/roles/{i}/name"));
        }
        check_unique(
            out,
            self.plan.roles.iter().map(|r| r.code.as_str()),
            "/roles",
        );
    }

    fn rows(&self, out: &mut Vec<Finding>) {
        let mut first: BTreeMap<&str, usize> = BTreeMap::new();
        for (j, row) in self.plan.indicators.iter().enumerate() {
            let base = format!("/indicators/{j}");
            let code = row.indicator.as_str();
            check_code(out, code, &format!("{base}/indicator"));
            if !code.trim().is_empty() {
                match first.get(code) {
                    Some(earlier) => out.push(
                        Finding::error("plan.duplicate_row", format!("{base}/indicator"))
                            .with("indicator", code)
                            .with("first", format!("/indicators/{earlier}")),
                    ),
                    None => {
                        first.insert(code, j);
                    }
                }
            }
            self.row(out, &base, row);
        }
    }

    fn row(&self, out: &mut Vec<Finding>, base: &str, row: &PlanRow) {
        match &row.source {
            Source::Form { form, field } => {
                check_reference(out, form, &format!("{base}/source/form"));
                check_reference(out, field, &format!("{base}/source/field"));
            }
            Source::External { description } => {
                check_text(out, description, &format!("{base}/source/description"));
            }
        }
        check_text(out, &row.tool, &format!("{base}/tool"));
        self.responsible(out, &row.responsible, &format!("{base}/responsible"));
        for (k, dimension) in row.disaggregation.iter().enumerate() {
            check_reference(out, dimension, &format!("{base}/disaggregation/{k}"));
        }
        check_repeats(
            out,
            row.disaggregation.iter().map(String::as_str),
            &format!("{base}/disaggregation"),
        );
        for (k, step) in row.quality_assurance.iter().enumerate() {
            check_text(out, step, &format!("{base}/quality_assurance/{k}"));
        }
        if row.reporting.is_empty() {
            out.push(
                Finding::warning("plan.unreported", format!("{base}/reporting"))
                    .with("indicator", &row.indicator),
            );
        }
        check_repeats(
            out,
            row.reporting.iter().map(|r| r.as_str()),
            &format!("{base}/reporting"),
        );
        if let Some(processing) = &row.processing {
            check_reference(out, processing, &format!("{base}/processing"));
        }
    }

    fn schedule(&self, out: &mut Vec<Finding>) {
        let schedule = &self.plan.reporting;
        let cadences = [
            ("sitrep", Some(schedule.sitrep)),
            ("quality_review", Some(schedule.quality_review)),
            ("donor", schedule.donor),
        ];
        for (report, cadence) in cadences {
            if let Some(frequency) = cadence.filter(|f| f.period_type().is_none()) {
                out.push(
                    Finding::error("plan.bad_cadence", format!("/reporting/{report}"))
                        .with("report", report)
                        .with("frequency", frequency.as_str()),
                );
            }
        }
        match (schedule.donor, schedule.donor_due_days) {
            (Some(frequency), None) => out.push(
                Finding::error("plan.donor_without_due_days", "/reporting/donor_due_days")
                    .with("frequency", frequency.as_str()),
            ),
            (None, Some(days)) => out.push(
                Finding::warning("plan.due_days_without_donor", "/reporting/donor_due_days")
                    .with("days", days),
            ),
            _ => {}
        }
    }

    fn evaluations(&self, out: &mut Vec<Finding>) {
        for (i, evaluation) in self.plan.evaluations.iter().enumerate() {
            let base = format!("/evaluations/{i}");
            check_code(out, &evaluation.code, &format!("{base}/code"));
            check_text(out, &evaluation.title, &format!("{base}/title"));
            if evaluation.questions.is_empty() {
                out.push(
                    Finding::warning("plan.no_questions", format!("{base}/questions"))
                        .with("code", &evaluation.code),
                );
            }
            for (k, question) in evaluation.questions.iter().enumerate() {
                check_text(out, question, &format!("{base}/questions/{k}"));
            }
            if evaluation.period.end() < self.plan.start {
                out.push(
                    Finding::error("plan.evaluation_before_start", format!("{base}/period"))
                        .with("code", &evaluation.code)
                        .with("period", evaluation.period.id())
                        .with("start", self.plan.start),
                );
            }
            self.responsible(out, &evaluation.responsible, &format!("{base}/responsible"));
        }
        check_unique(
            out,
            self.plan.evaluations.iter().map(|e| e.code.as_str()),
            "/evaluations",
        );
    }

    fn accountability(&self, out: &mut Vec<Finding>) {
        for (i, mechanism) in self.plan.accountability.iter().enumerate() {
            let base = format!("/accountability/{i}");
            check_code(out, &mechanism.code, &format!("{base}/code"));
            check_text(out, &mechanism.name, &format!("{base}/name"));
            check_reference(out, &mechanism.taxonomy, &format!("{base}/taxonomy"));
            check_reference(
                out,
                &mechanism.taxonomy_version,
                &format!("{base}/taxonomy_version"),
            );
            for (k, channel) in mechanism.channels.iter().enumerate() {
                check_reference(out, channel, &format!("{base}/channels/{k}"));
            }
            check_repeats(
                out,
                mechanism.channels.iter().map(String::as_str),
                &format!("{base}/channels"),
            );
            self.responsible(out, &mechanism.responsible, &format!("{base}/responsible"));
        }
        check_unique(
            out,
            self.plan.accountability.iter().map(|a| a.code.as_str()),
            "/accountability",
        );
    }

    fn learning(&self, out: &mut Vec<Finding>) {
        let known: BTreeSet<&str> = self
            .plan
            .indicators
            .iter()
            .map(|r| r.indicator.as_str())
            .chain(self.plan.evaluations.iter().map(|e| e.code.as_str()))
            .collect();
        for (i, question) in self.plan.learning_agenda.iter().enumerate() {
            let base = format!("/learning_agenda/{i}");
            check_code(out, &question.code, &format!("{base}/code"));
            check_text(out, &question.question, &format!("{base}/question"));
            if question.evidence.is_empty() {
                out.push(
                    Finding::warning("plan.no_evidence", format!("{base}/evidence"))
                        .with("code", &question.code),
                );
            }
            for (k, evidence) in question.evidence.iter().enumerate() {
                let path = format!("{base}/evidence/{k}");
                if check_reference(out, evidence, &path) && !known.contains(evidence.as_str()) {
                    out.push(
                        Finding::error("plan.unknown_evidence", path)
                            .with("code", &question.code)
                            .with("evidence", evidence),
                    );
                }
            }
            self.responsible(out, &question.responsible, &format!("{base}/responsible"));
        }
        check_unique(
            out,
            self.plan.learning_agenda.iter().map(|q| q.code.as_str()),
            "/learning_agenda",
        );
    }
}

/// Every code this file raises, in English and French.
pub const MESSAGES: &[Message] = &[
    Message {
        code: "plan.empty_code",
        en: "This code or reference is blank",
        fr: "Ce code ou cette référence est vide",
    },
    Message {
        code: "plan.invalid_code",
        en: "The code '{code}' may only hold letters, digits, '.', '_' and '-'",
        fr: "Le code « {code} » ne peut contenir que des lettres, des chiffres, « . », « _ » et « - »",
    },
    Message {
        code: "plan.duplicate_code",
        en: "The code '{code}' is already used at {first}",
        fr: "Le code « {code} » est déjà utilisé en {first}",
    },
    Message {
        code: "plan.duplicate_row",
        en: "Indicator {indicator} already has a plan row at {first}; keep one row per indicator",
        fr: "L'indicateur {indicator} a déjà une ligne du plan en {first} ; une seule ligne par indicateur",
    },
    Message {
        code: "plan.unknown_role",
        en: "The responsible role '{role}' is not one of the plan's roles",
        fr: "Le rôle responsable « {role} » ne fait pas partie des rôles du plan",
    },
    Message {
        code: "plan.missing_text",
        en: "This text is blank in both English and French",
        fr: "Ce texte est vide en anglais comme en français",
    },
    Message {
        code: "plan.missing_translation",
        en: "This text is blank in {language}",
        fr: "Ce texte est vide en {language}",
    },
    Message {
        code: "plan.bad_cadence",
        en: "The {report} cadence cannot be '{frequency}': a report covers a period (weekly, monthly, quarterly, six-monthly or yearly)",
        fr: "La périodicité {report} ne peut pas être « {frequency} » : un rapport couvre une période (hebdomadaire, mensuelle, trimestrielle, semestrielle ou annuelle)",
    },
    Message {
        code: "plan.donor_without_due_days",
        en: "Donor reports are {frequency} but no number of days after the period end says when they are due",
        fr: "Les rapports bailleur sont de périodicité {frequency} mais aucun délai en jours après la fin de période ne fixe leur échéance",
    },
    Message {
        code: "plan.due_days_without_donor",
        en: "A donor report delay of {days} days is set but the plan has no donor reporting frequency",
        fr: "Un délai de {days} jours est fixé pour les rapports bailleur, mais le plan n'a pas de périodicité de rapport bailleur",
    },
    Message {
        code: "plan.evaluation_before_start",
        en: "Evaluation {code} ends with period {period}, before the plan starts on {start}",
        fr: "L'évaluation {code} se termine avec la période {period}, avant le début du plan le {start}",
    },
    Message {
        code: "plan.no_questions",
        en: "Evaluation {code} lists no evaluation question",
        fr: "L'évaluation {code} ne pose aucune question évaluative",
    },
    Message {
        code: "plan.unknown_evidence",
        en: "Learning question {code} cites '{evidence}', which is neither an indicator of the plan nor one of its evaluations",
        fr: "La question d'apprentissage {code} cite « {evidence} », qui n'est ni un indicateur du plan ni une de ses évaluations",
    },
    Message {
        code: "plan.no_evidence",
        en: "Learning question {code} names no indicator or evaluation that would answer it",
        fr: "La question d'apprentissage {code} ne cite aucun indicateur ni aucune évaluation pour y répondre",
    },
    Message {
        code: "plan.unreported",
        en: "Indicator {indicator} feeds no report (SITREP, annual report or donor)",
        fr: "L'indicateur {indicator} n'alimente aucun rapport (SITREP, rapport annuel ou bailleur)",
    },
    Message {
        code: "plan.repeated_entry",
        en: "'{entry}' is listed twice",
        fr: "« {entry} » figure deux fois",
    },
];

/// The document names of this file, in messages.
pub const TERMS: &[Term] = &[
    Term {
        key: "meal_plan",
        en: "MEAL plan",
        fr: "plan SERA",
    },
    Term {
        key: "unclassified",
        en: "the field has no data-protection classification",
        fr: "le champ n'a pas de classification de protection des données",
    },
    Term {
        key: "no_purposes",
        en: "the field is personal but serves no processing purpose",
        fr: "le champ est personnel mais ne sert aucune finalité de traitement",
    },
    Term {
        key: "purpose_not_served",
        en: "the field's purposes do not include the row's processing",
        fr: "les finalités du champ n'incluent pas le traitement de la ligne",
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    fn plan() -> MealPlan {
        let text = |s: &str| Text::new(s, s);
        MealPlan {
            format_version: FORMAT_VERSION,
            project: "P".into(),
            start: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
            roles: vec![Role {
                code: "meal".into(),
                name: text("MEAL"),
            }],
            reporting: ReportingSchedule {
                sitrep: Frequency::Monthly,
                sitrep_due_days: 10,
                annual_report_due_days: 90,
                donor: None,
                donor_due_days: None,
                quality_review: Frequency::Quarterly,
            },
            indicators: vec![PlanRow {
                indicator: "I1".into(),
                source: Source::Form {
                    form: "f".into(),
                    field: "age".into(),
                },
                method: CollectionMethod::RoutineRecords,
                tool: text("ODK"),
                frequency: Frequency::Continuous,
                responsible: "meal".into(),
                disaggregation: vec!["sex".into()],
                quality_assurance: Vec::new(),
                reporting: vec![ReportingUse::Sitrep],
                processing: Some("care".into()),
            }],
            evaluations: vec![Evaluation {
                code: "EV1".into(),
                kind: EvaluationKind::Final,
                title: text("Final"),
                questions: vec![text("Why?")],
                period: Period::parse("2026Q4").unwrap(),
                responsible: "meal".into(),
            }],
            accountability: Vec::new(),
            learning_agenda: vec![LearningQuestion {
                code: "LQ1".into(),
                question: text("What works?"),
                evidence: vec!["I1".into(), "EV1".into()],
                responsible: "meal".into(),
            }],
        }
    }

    fn found(plan: &MealPlan) -> Vec<(String, String)> {
        plan.validate()
            .into_iter()
            .map(|f| (f.code, f.path))
            .collect()
    }

    fn one(code: &str, path: &str) -> Vec<(String, String)> {
        vec![(code.to_owned(), path.to_owned())]
    }

    #[test]
    fn a_complete_plan_is_clean_and_round_trips() {
        let p = plan();
        assert!(p.validate().is_empty(), "{:?}", p.validate());
        let back = MealPlan::from_json(&p.to_json()).unwrap();
        assert_eq!(back.value, p);
        assert!(back.findings.is_empty());
    }

    #[test]
    fn references_point_at_the_offending_place() {
        let mut p = plan();
        p.indicators[0].responsible = "ghost".into();
        let findings = p.validate();
        assert_eq!(findings[0].code, "plan.unknown_role");
        assert_eq!(findings[0].path, "/indicators/0/responsible");
        assert_eq!(findings[0].params["role"], "ghost");

        let mut p = plan();
        p.indicators.push(p.indicators[0].clone());
        let findings = p.validate();
        assert_eq!(findings[0].code, "plan.duplicate_row");
        assert_eq!(findings[0].path, "/indicators/1/indicator");
        assert_eq!(findings[0].params["first"], "/indicators/0");
    }

    #[test]
    fn evidence_names_rows_or_evaluations() {
        let mut p = plan();
        p.learning_agenda[0].evidence = vec!["EV1".into(), "EV2".into()];
        assert_eq!(
            found(&p),
            one("plan.unknown_evidence", "/learning_agenda/0/evidence/1")
        );
    }

    #[test]
    fn schedule_checks() {
        let mut p = plan();
        p.reporting.donor = Some(Frequency::Quarterly);
        assert_eq!(
            found(&p),
            one("plan.donor_without_due_days", "/reporting/donor_due_days")
        );
        p.reporting.donor_due_days = Some(30);
        p.reporting.sitrep = Frequency::Once;
        let findings = p.validate();
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].path, "/reporting/sitrep");
        assert_eq!(findings[0].params["frequency"], "once");
        assert!(findings[0].is_blocking());
    }

    #[test]
    fn half_translated_text_is_a_warning() {
        let mut p = plan();
        p.roles[0].name.fr = " ".into();
        let findings = p.validate();
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].severity, crate::error::Severity::Warning);
        assert_eq!(findings[0].params["language"], "fr");
    }

    #[test]
    fn evaluation_ending_the_day_before_start_is_flagged() {
        let mut p = plan();
        p.evaluations[0].period = Period::parse("202512").unwrap();
        assert_eq!(
            found(&p),
            one("plan.evaluation_before_start", "/evaluations/0/period")
        );
        p.evaluations[0].period = Period::parse("20260101").unwrap();
        assert!(p.validate().is_empty());
    }

    #[test]
    fn every_code_has_a_message() {
        for m in MESSAGES {
            assert!(crate::i18n::lookup(m.code).is_some());
        }
        let mut p = plan();
        p.indicators[0].reporting.clear();
        let finding = &p.validate()[0];
        assert!(finding.message(crate::Locale::Fr).contains("I1"));
    }
}
