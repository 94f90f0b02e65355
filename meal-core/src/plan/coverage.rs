//! Coverage validation: does each MEAL plan cover its logframe, do its data sources exist, do
//! they rest on GDPR rules, and can each collection feed the reports it is listed for.
//!
//! [`coverage`] reads the mission's documents together — plans, logframes, forms and the
//! privacy rules — and returns every finding at once, sorted by path then code. Paths point
//! into the set as the `plan.coverage` operation receives it: `/plans/{i}/indicators/{j}/…`
//! for a plan, `/logframes/{i}/indicators/{j}` for a logframe indicator, `/rules` for the
//! rules. Each plan's own [`MealPlan::validate`] findings are included under `/plans/{i}`.
//! [`check_json`] does the same from the operation's JSON text, reading findings included.
//!
//! A plan measures the logframe whose project code equals its `project`. A form source names a
//! form by its `id` and a field by its `name`, wherever it sits in the form ([`Form::field`]).
//!
//! | code | severity | when |
//! |---|---|---|
//! | `plan.no_logframe` | error | no logframe has the plan's project code: nothing says what the plan measures |
//! | `plan.duplicate_plan` | error | a second plan for one project (the first is the one coverage compares with the logframe) |
//! | `plan.duplicate_logframe` | error | two logframes share a project code: a plan cannot say which it measures (the first is used) |
//! | `plan.no_plan` | error | a logframe has no plan at all (its indicators are then not listed one by one) |
//! | `plan.no_plan_row` | error | a logframe indicator has no row in its project's plan: nobody measures it |
//! | `plan.unknown_indicator` | error | a plan row measures an indicator the logframe does not define |
//! | `plan.unknown_dimension` | error | a row breaks its data down by a dimension the indicator does not declare, so the figures have no cell to go to |
//! | `plan.unknown_form` | error | a form source names a form id none of the forms has |
//! | `plan.unknown_field` | error | the form exists but has no field of that name |
//! | `plan.field_holds_no_value` | error | the field is a group, repeat or note: it holds no value to measure |
//! | `plan.no_gdpr_rule` | error | the source field is unclassified, or personal with no purposes, or its purposes do not include the row's `processing` (`reason`) |
//! | `plan.no_processing` | error | the source field is personal but the row names no GDPR processing |
//! | `plan.unknown_purpose` | error | `processing` is not a purpose id of the privacy rules |
//! | `plan.no_rules` | warning | no privacy rules were given, so the rows' processing ids could not be checked (one finding, raised only when some row names a processing) |
//! | `plan.no_donor_schedule` | error | a row feeds the donor report but the plan has no donor frequency |
//! | `plan.frequency_cannot_feed` | error | a row is collected less often than a report it feeds (`report`, `frequency`, `cadence`) |
//!
//! Decisions worth knowing:
//! * **GDPR** (reference/gdpr-feedback.md §5.1, [`crate::privacy::classification`]): an
//!   unclassified field is treated as possibly personal, so it needs a classification before a
//!   plan may rely on it. A personal field must serve the row's processing (GDPR Art. 5(1)(b):
//!   data collected for one purpose is not used for another). A `non_personal` field needs no
//!   processing; one named is still checked against the rules.
//! * **External sources** (a partner's register, a donor database, the focus-group notes of a
//!   qualitative indicator) raise nothing here, whatever the indicator's measure: they hold no
//!   field this library can see, and qualitative indicators are mostly measured that way.
//! * **Frequency against cadence**: frequencies are ordered finest to coarsest
//!   (weekly < monthly < quarterly < six-monthly < yearly); a collection feeds a report when it
//!   is at least as fine as the report's cadence (SITREP: the plan's SITREP cadence; annual
//!   report: yearly; donor: the donor frequency). `continuous` collections feed everything;
//!   `once` (a baseline or end-line survey) feeds the one edition after it, which no cadence
//!   can check, so it is never flagged. A cadence that is not a period is `plan.bad_cadence`
//!   from [`MealPlan::validate`] and is not compared again.
//! * One finding per cause: a blank reference is `plan.empty_code` from the plan's own checks
//!   and is not looked up again; an unknown form stops the field and GDPR checks of that row;
//!   a logframe with no plan is one `plan.no_plan`, not one finding per indicator; a logframe
//!   indicator whose code repeats is checked once (the repeat is `logframe.duplicate_indicator`).

use std::collections::{BTreeMap, BTreeSet};

use serde::Deserialize;

use crate::document::Parsed;
use crate::error::{Finding, MealError};
use crate::form::{Field, Form};
use crate::i18n::Message;
use crate::logframe::Logframe;
use crate::privacy::classification::holds_value;
use crate::privacy::Rules;

use super::{MealPlan, PlanRow, Source};

/// The documents a coverage check reads.
#[derive(Debug, Clone, Copy)]
pub struct Coverage<'a> {
    pub plans: &'a [MealPlan],
    pub logframes: &'a [Logframe],
    pub forms: &'a [Form],
    /// The mission's GDPR rules; without them, processing ids cannot be checked (a finding says so).
    pub rules: Option<&'a Rules>,
}

/// Every coverage finding, plus each plan's own [`MealPlan::validate`] findings (paths under
/// `/plans/{i}`), sorted by path then code.
pub fn coverage(input: &Coverage<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    let logframes = first_by_code(
        &mut out,
        input.logframes.iter().map(|lf| lf.project.code.as_str()),
        "plan.duplicate_logframe",
        |i| format!("/logframes/{i}/project/code"),
    );
    let plans = first_by_code(
        &mut out,
        input.plans.iter().map(|p| p.project.as_str()),
        "plan.duplicate_plan",
        |i| format!("/plans/{i}/project"),
    );
    let mut forms: BTreeMap<&str, &Form> = BTreeMap::new();
    for form in input.forms {
        forms.entry(form.id.as_str()).or_insert(form);
    }
    let context = Context {
        forms,
        rules: input.rules,
    };
    for (i, plan) in input.plans.iter().enumerate() {
        let base = format!("/plans/{i}");
        out.extend(plan.validate().into_iter().map(|f| under(&base, f)));
        let logframe = logframes
            .get(plan.project.as_str())
            .and_then(|&l| input.logframes.get(l));
        if logframe.is_none() && !plan.project.trim().is_empty() {
            out.push(
                Finding::error("plan.no_logframe", format!("{base}/project"))
                    .with("project", &plan.project),
            );
        }
        for (j, row) in plan.indicators.iter().enumerate() {
            let row_base = format!("{base}/indicators/{j}");
            if let Some(logframe) = logframe {
                against_logframe(&mut out, &row_base, row, logframe);
            }
            context.source(&mut out, &row_base, row);
            context.processing(&mut out, &row_base, row);
            feeds(&mut out, &row_base, plan, row);
        }
    }
    for (l, logframe) in input.logframes.iter().enumerate() {
        let project = logframe.project.code.as_str();
        if project.trim().is_empty() || logframes.get(project) != Some(&l) {
            continue;
        }
        match plans.get(project).and_then(|&p| input.plans.get(p)) {
            Some(plan) => missing_rows(&mut out, l, logframe, plan),
            None => out.push(
                Finding::error("plan.no_plan", format!("/logframes/{l}")).with("project", project),
            ),
        }
    }
    let names_processing = input
        .plans
        .iter()
        .flat_map(|p| &p.indicators)
        .any(|row| processing_of(row).is_some());
    if input.rules.is_none() && names_processing {
        out.push(Finding::warning("plan.no_rules", "/rules"));
    }
    crate::error::sort_findings(&mut out);
    out
}

/// Reads the `plan.coverage` input — `{plans: [..], logframes: [..], forms: [..], rules: doc |
/// null}`, each document a JSON object — and returns the reading findings of every document
/// (paths under its place in the input) and [`coverage`], sorted by path then code.
///
/// Errors: `json.malformed`, `document.invalid` (the input's own shape, or a document's, with
/// the path into the input), `document.format_version`, `logframe.cycle`.
pub fn check_json(input: &str) -> Result<Vec<Finding>, MealError> {
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Input {
        #[serde(default)]
        plans: Vec<serde_json::Value>,
        #[serde(default)]
        logframes: Vec<serde_json::Value>,
        #[serde(default)]
        forms: Vec<serde_json::Value>,
        #[serde(default)]
        rules: Option<serde_json::Value>,
    }
    let raw: Input = serde_json::from_str(input).map_err(|e| {
        if e.is_data() {
            MealError::new("document.invalid")
                .at("/")
                .with("kind", "plan.coverage")
                .with("detail", e)
        } else {
            crate::document::malformed(&e)
        }
    })?;
    let mut findings: Vec<Finding> = crate::document::duplicate_keys(input)
        .into_iter()
        .map(|(path, key)| Finding::error("document.duplicate_key", path).with("key", key))
        .collect();
    let plans = read_all(&raw.plans, "/plans", MealPlan::from_json, &mut findings)?;
    let logframes = read_all(
        &raw.logframes,
        "/logframes",
        Logframe::from_json,
        &mut findings,
    )?;
    let forms = read_all(&raw.forms, "/forms", Form::from_json, &mut findings)?;
    let rules = raw
        .rules
        .as_ref()
        .map(|value| read_one(value, "/rules", Rules::from_json, &mut findings))
        .transpose()?;
    findings.extend(coverage(&Coverage {
        plans: &plans,
        logframes: &logframes,
        forms: &forms,
        rules: rules.as_ref(),
    }));
    crate::error::sort_findings(&mut findings);
    Ok(findings)
}

/// Reads each document of `values` with `read`, as [`read_one`] at `{base}/{i}`.
fn read_all<T>(
    values: &[serde_json::Value],
    base: &str,
    read: impl Fn(&str) -> Result<Parsed<T>, MealError>,
    findings: &mut Vec<Finding>,
) -> Result<Vec<T>, MealError> {
    values
        .iter()
        .enumerate()
        .map(|(i, value)| read_one(value, &format!("{base}/{i}"), &read, findings))
        .collect()
}

/// Reads the document `value` with `read`, moving its reading findings and its error under
/// its place `at` in the input.
fn read_one<T>(
    value: &serde_json::Value,
    at: &str,
    read: impl Fn(&str) -> Result<Parsed<T>, MealError>,
    findings: &mut Vec<Finding>,
) -> Result<T, MealError> {
    let parsed = read(&value.to_string()).map_err(|mut e| {
        e.path = join(at, &e.path);
        e
    })?;
    findings.extend(parsed.findings.into_iter().map(|f| under(at, f)));
    Ok(parsed.value)
}

/// `path` (a pointer into a document) as a pointer into the input, the document at `base`.
fn join(base: &str, path: &str) -> String {
    if path == "/" || path.is_empty() {
        base.to_owned()
    } else {
        format!("{base}{path}")
    }
}

/// A finding of a document, with its path moved under the document's place `base`.
fn under(base: &str, mut finding: Finding) -> Finding {
    finding.path = join(base, &finding.path);
    finding
}

/// The first index of each non-blank code; every later one is a `code` finding at `path(i)`.
fn first_by_code<'a>(
    out: &mut Vec<Finding>,
    codes: impl Iterator<Item = &'a str>,
    code: &str,
    path: impl Fn(usize) -> String,
) -> BTreeMap<&'a str, usize> {
    let mut first = BTreeMap::new();
    for (i, project) in codes.enumerate() {
        if project.trim().is_empty() {
            continue;
        }
        if first.contains_key(project) {
            out.push(Finding::error(code, path(i)).with("project", project));
        } else {
            first.insert(project, i);
        }
    }
    first
}

/// `plan.no_plan_row` for each indicator of the logframe (index `l`) that `plan` does not
/// measure; a repeated indicator code is looked at once.
fn missing_rows(out: &mut Vec<Finding>, l: usize, logframe: &Logframe, plan: &MealPlan) {
    let planned: BTreeSet<&str> = plan
        .indicators
        .iter()
        .map(|r| r.indicator.as_str())
        .collect();
    let mut seen = BTreeSet::new();
    for (j, indicator) in logframe.indicators.iter().enumerate() {
        let code = indicator.code.as_str();
        if code.trim().is_empty() || !seen.insert(code) || planned.contains(code) {
            continue;
        }
        out.push(
            Finding::error("plan.no_plan_row", format!("/logframes/{l}/indicators/{j}"))
                .with("indicator", code)
                .with("project", &plan.project),
        );
    }
}

/// `plan.unknown_indicator` and `plan.unknown_dimension` for one row.
fn against_logframe(out: &mut Vec<Finding>, base: &str, row: &PlanRow, logframe: &Logframe) {
    let code = row.indicator.as_str();
    if code.trim().is_empty() {
        return;
    }
    let Some(indicator) = logframe.indicator(code) else {
        out.push(
            Finding::error("plan.unknown_indicator", format!("{base}/indicator"))
                .with("indicator", code)
                .with("project", &logframe.project.code),
        );
        return;
    };
    for (k, dimension) in row.disaggregation.iter().enumerate() {
        let declared = indicator
            .disaggregation
            .iter()
            .any(|d| &d.code == dimension);
        if !dimension.trim().is_empty() && !declared {
            out.push(
                Finding::error(
                    "plan.unknown_dimension",
                    format!("{base}/disaggregation/{k}"),
                )
                .with("indicator", code)
                .with("dimension", dimension),
            );
        }
    }
}

/// `plan.no_donor_schedule` and `plan.frequency_cannot_feed` for one row's reporting uses.
fn feeds(out: &mut Vec<Finding>, base: &str, plan: &MealPlan, row: &PlanRow) {
    for (k, report) in row.reporting.iter().enumerate() {
        let path = format!("{base}/reporting/{k}");
        let Some(cadence) = plan.cadence(*report) else {
            out.push(
                Finding::error("plan.no_donor_schedule", path).with("indicator", &row.indicator),
            );
            continue;
        };
        let comparable = cadence.period_type().is_some() && row.frequency.period_type().is_some();
        if comparable && row.frequency > cadence {
            out.push(
                Finding::error("plan.frequency_cannot_feed", path)
                    .with("indicator", &row.indicator)
                    .with("report", report.as_str())
                    .with("frequency", row.frequency.as_str())
                    .with("cadence", cadence.as_str()),
            );
        }
    }
}

/// The row's processing when it names one (a blank one is `plan.empty_code` already).
fn processing_of(row: &PlanRow) -> Option<&str> {
    row.processing.as_deref().filter(|p| !p.trim().is_empty())
}

/// The forms and rules rows are checked against.
struct Context<'a> {
    forms: BTreeMap<&'a str, &'a Form>,
    rules: Option<&'a Rules>,
}

impl Context<'_> {
    /// The form, field and GDPR checks of a form source; nothing for an external source.
    fn source(&self, out: &mut Vec<Finding>, base: &str, row: &PlanRow) {
        let Source::Form { form, field } = &row.source else {
            return;
        };
        if form.trim().is_empty() || field.trim().is_empty() {
            return;
        }
        let Some(found) = self.forms.get(form.as_str()) else {
            out.push(
                Finding::error("plan.unknown_form", format!("{base}/source/form"))
                    .with("form", form),
            );
            return;
        };
        let path = format!("{base}/source/field");
        let Some(source) = found.field(field) else {
            out.push(
                Finding::error("plan.unknown_field", path)
                    .with("form", form)
                    .with("form_field", field),
            );
            return;
        };
        if !holds_value(source) {
            out.push(
                Finding::error("plan.field_holds_no_value", path)
                    .with("form", form)
                    .with("form_field", field),
            );
            return;
        }
        gdpr(out, base, row, form, source);
    }

    /// `plan.unknown_purpose` for a processing the rules do not define.
    fn processing(&self, out: &mut Vec<Finding>, base: &str, row: &PlanRow) {
        let (Some(rules), Some(processing)) = (self.rules, processing_of(row)) else {
            return;
        };
        if rules.purpose(processing).is_none() {
            out.push(
                Finding::error("plan.unknown_purpose", format!("{base}/processing"))
                    .with("processing", processing),
            );
        }
    }
}

/// `plan.no_gdpr_rule` and `plan.no_processing` for a row whose source is `field` of `form`.
fn gdpr(out: &mut Vec<Finding>, base: &str, row: &PlanRow, form: &str, field: &Field) {
    let path = format!("{base}/source/field");
    let no_rule = |reason: &str| {
        Finding::error("plan.no_gdpr_rule", path.as_str())
            .with("form", form)
            .with("form_field", &field.name)
            .with("reason", reason)
    };
    let Some(privacy) = &field.privacy else {
        out.push(no_rule("unclassified"));
        return;
    };
    if !privacy.classification.is_personal() {
        return;
    }
    if privacy.purposes.is_empty() {
        out.push(no_rule("no_purposes"));
    }
    match row.processing.as_deref() {
        None => out.push(
            Finding::error("plan.no_processing", format!("{base}/processing"))
                .with("form", form)
                .with("form_field", &field.name),
        ),
        Some(processing) => {
            let blank = processing.trim().is_empty();
            if !blank && !privacy.purposes.is_empty() && !privacy.serves(processing) {
                out.push(no_rule("purpose_not_served").with("processing", processing));
            }
        }
    }
}

/// Every code this file raises, in English and French.
pub const MESSAGES: &[Message] = &[
    Message {
        code: "plan.no_logframe",
        en: "No logframe has the project code '{project}': the plan measures nothing",
        fr: "Aucun cadre logique n'a le code de projet « {project} » : le plan ne mesure rien",
    },
    Message {
        code: "plan.duplicate_plan",
        en: "Project '{project}' already has a MEAL plan; the first one is compared with the logframe",
        fr: "Le projet « {project} » a déjà un plan SERA ; c'est le premier qui est comparé au cadre logique",
    },
    Message {
        code: "plan.duplicate_logframe",
        en: "Another logframe already has the project code '{project}'; plans are compared with the first",
        fr: "Un autre cadre logique a déjà le code de projet « {project} » ; les plans sont comparés au premier",
    },
    Message {
        code: "plan.no_plan",
        en: "Project '{project}' has a logframe but no MEAL plan",
        fr: "Le projet « {project} » a un cadre logique mais pas de plan SERA",
    },
    Message {
        code: "plan.no_plan_row",
        en: "Indicator {indicator} has no row in the MEAL plan of {project}: nobody measures it",
        fr: "L'indicateur {indicator} n'a pas de ligne dans le plan SERA de {project} : personne ne le mesure",
    },
    Message {
        code: "plan.unknown_indicator",
        en: "The logframe of {project} has no indicator {indicator}",
        fr: "Le cadre logique de {project} n'a pas d'indicateur {indicator}",
    },
    Message {
        code: "plan.unknown_dimension",
        en: "Indicator {indicator} declares no disaggregation dimension '{dimension}'",
        fr: "L'indicateur {indicator} ne déclare pas de dimension de désagrégation « {dimension} »",
    },
    Message {
        code: "plan.unknown_form",
        en: "No form has the id '{form}'",
        fr: "Aucun formulaire n'a l'identifiant « {form} »",
    },
    Message {
        code: "plan.unknown_field",
        en: "Form '{form}' has no field '{form_field}'",
        fr: "Le formulaire « {form} » n'a pas de champ « {form_field} »",
    },
    Message {
        code: "plan.field_holds_no_value",
        en: "Field '{form_field}' of form '{form}' is a group, repeat or note: it holds no value to measure",
        fr: "Le champ « {form_field} » du formulaire « {form} » est un groupe, une répétition ou une note : il ne porte aucune valeur à mesurer",
    },
    Message {
        code: "plan.no_gdpr_rule",
        en: "Field '{form_field}' of form '{form}' rests on no GDPR rule for this row: {reason}",
        fr: "Le champ « {form_field} » du formulaire « {form} » ne repose sur aucune règle RGPD pour cette ligne : {reason}",
    },
    Message {
        code: "plan.no_processing",
        en: "Field '{form_field}' of form '{form}' is personal data, but the row names no GDPR processing",
        fr: "Le champ « {form_field} » du formulaire « {form} » est une donnée personnelle, mais la ligne ne nomme aucun traitement RGPD",
    },
    Message {
        code: "plan.unknown_purpose",
        en: "The processing '{processing}' is not a purpose of the privacy rules",
        fr: "Le traitement « {processing} » n'est pas une finalité des règles de confidentialité",
    },
    Message {
        code: "plan.no_rules",
        en: "No privacy rules were given: the processing named by plan rows could not be checked",
        fr: "Aucune règle de confidentialité fournie : les traitements nommés par les lignes du plan n'ont pas pu être vérifiés",
    },
    Message {
        code: "plan.no_donor_schedule",
        en: "Indicator {indicator} feeds the donor report, but the plan has no donor reporting frequency",
        fr: "L'indicateur {indicator} alimente le rapport bailleur, mais le plan n'a pas de périodicité de rapport bailleur",
    },
    Message {
        code: "plan.frequency_cannot_feed",
        en: "Indicator {indicator} is collected {frequency}, less often than the {report} it feeds ({cadence})",
        fr: "L'indicateur {indicator} est collecté selon la périodicité {frequency}, moins souvent que le rapport {report} qu'il alimente ({cadence})",
    },
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::{CollectionMethod, Frequency, ReportingSchedule, ReportingUse, Role};
    use crate::text::Text;

    const LOGFRAME: &str = r#"{"format_version": 1, "project": {"code": "P", "name": {"en": "P", "fr": "P"}},
        "objectives": [], "indicators": [
        {"code": "I1", "name": {"en": "n", "fr": "n"}, "measure": {"kind": "count"}, "unit": {"en": "u", "fr": "u"},
         "direction": {"kind": "increase"}, "aggregation": "incremental",
         "disaggregation": [{"code": "sex", "name": {"en": "Sex", "fr": "Sexe"}, "categories": []}]},
        {"code": "I2", "name": {"en": "n", "fr": "n"}, "measure": {"kind": "count"}, "unit": {"en": "u", "fr": "u"},
         "direction": {"kind": "increase"}, "aggregation": "incremental"}]}"#;

    const FORM: &str = r#"{"format_version": 1, "id": "f", "version": "1", "fields": [
        {"name": "age", "type": {"kind": "integer"},
         "privacy": {"classification": "quasi_identifier", "purposes": ["care"]}}]}"#;

    fn row(indicator: &str, field: &str) -> PlanRow {
        PlanRow {
            indicator: indicator.into(),
            source: Source::Form {
                form: "f".into(),
                field: field.into(),
            },
            method: CollectionMethod::RoutineRecords,
            tool: Text::new("ODK", "ODK"),
            frequency: Frequency::Monthly,
            responsible: "meal".into(),
            disaggregation: Vec::new(),
            quality_assurance: Vec::new(),
            reporting: vec![ReportingUse::Sitrep],
            processing: Some("care".into()),
        }
    }

    fn plan(rows: Vec<PlanRow>) -> MealPlan {
        MealPlan {
            format_version: 1,
            project: "P".into(),
            start: chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
            roles: vec![Role {
                code: "meal".into(),
                name: Text::new("MEAL", "SERA"),
            }],
            reporting: ReportingSchedule {
                sitrep: Frequency::Monthly,
                sitrep_due_days: 10,
                annual_report_due_days: 90,
                donor: None,
                donor_due_days: None,
                quality_review: Frequency::Quarterly,
            },
            indicators: rows,
            evaluations: Vec::new(),
            accountability: Vec::new(),
            learning_agenda: Vec::new(),
        }
    }

    fn run(plans: &[MealPlan]) -> Vec<Finding> {
        let logframe = Logframe::from_json(LOGFRAME).unwrap().value;
        let form = Form::from_json(FORM).unwrap().value;
        coverage(&Coverage {
            plans,
            logframes: &[logframe],
            forms: &[form],
            rules: None,
        })
    }

    fn codes_and_paths(found: &[Finding]) -> Vec<(&str, &str)> {
        found
            .iter()
            .map(|f| (f.code.as_str(), f.path.as_str()))
            .collect()
    }

    #[test]
    fn missing_row_points_into_the_logframe() {
        let found = run(&[plan(vec![row("I1", "age")])]);
        assert_eq!(
            codes_and_paths(&found),
            [
                ("plan.no_plan_row", "/logframes/0/indicators/1"),
                ("plan.no_rules", "/rules"),
            ]
        );
        assert_eq!(found[0].params["indicator"], "I2");
    }

    #[test]
    fn source_findings_point_into_the_plan() {
        let mut second = row("I2", "weight");
        second.disaggregation = vec!["sex".into()];
        second.frequency = Frequency::Quarterly;
        let found = run(&[plan(vec![row("I1", "age"), second])]);
        assert_eq!(
            codes_and_paths(&found),
            [
                (
                    "plan.unknown_dimension",
                    "/plans/0/indicators/1/disaggregation/0"
                ),
                (
                    "plan.frequency_cannot_feed",
                    "/plans/0/indicators/1/reporting/0"
                ),
                ("plan.unknown_field", "/plans/0/indicators/1/source/field"),
                ("plan.no_rules", "/rules"),
            ]
        );
        assert_eq!(found[1].params["cadence"], "monthly");
        assert_eq!(found[1].params["frequency"], "quarterly");
        assert_eq!(found[2].params["form_field"], "weight");
    }

    #[test]
    fn gdpr_reason_is_a_translated_term() {
        let mut first = row("I1", "age");
        first.processing = Some("research".into());
        let found = run(&[plan(vec![first, row("I2", "age")])]);
        let rule = found
            .iter()
            .find(|f| f.code == "plan.no_gdpr_rule")
            .unwrap();
        assert_eq!(rule.params["reason"], "purpose_not_served");
        assert!(rule.message(crate::Locale::Fr).contains("finalités"));
    }

    #[test]
    fn json_entry_moves_paths_under_each_document() {
        let input = format!(
            r#"{{"plans": [{}], "logframes": [{LOGFRAME}], "forms": [{FORM}], "rules": null}}"#,
            plan(vec![row("I1", "age"), row("I2", "age")])
                .to_json()
                .replacen("\"project\"", "\"colour\": 1, \"project\"", 1)
        );
        let found = check_json(&input).unwrap();
        assert_eq!(
            codes_and_paths(&found),
            [
                ("document.unknown_field", "/plans/0/colour"),
                ("plan.no_rules", "/rules"),
            ]
        );
        let bad = check_json(r#"{"plans": [{"format_version": 1}]}"#).unwrap_err();
        assert_eq!(bad.code, "document.invalid");
        assert!(bad.path.starts_with("/plans/0"), "{}", bad.path);
        assert_eq!(check_json("[").unwrap_err().code, "json.malformed");
        assert_eq!(
            check_json(r#"{"x": 1}"#).unwrap_err().code,
            "document.invalid"
        );
    }
}
