//! Section 5 of the demo: the mission's field forms, read from their XLSForm workbooks, and a
//! consultation checked the way a phone, a browser or a notebook checks it.

use chrono::DateTime;
use meal_core::form::{Field, LoadedForm, Options};
use meal_core::Locale;

use crate::{severity, tr, Out};

/// The five XLSForms, embedded at build time (the library's list, which the MEAL plans'
/// data sources point at too).
pub(crate) use meal_demo::plans::FORMS as WORKBOOKS;

/// A consultation as a field worker might send it: a code in the wrong shape, an implausible
/// age for the clinic (a warning, not an error), and a pregnancy question that does not apply.
const SUBMISSION: &str = r#"{
  "date_consultation": "2026-11-26", "site": "idf_centre", "code_patient": "kab-17",
  "age": 92, "sexe": "m", "enceinte": "non", "poids": "70", "taille": 175,
  "motifs": "autre", "motif_autre": "douleur dentaire", "diagnostic": "carie",
  "orientation": "aucune"
}"#;

/// Prints the forms and the check of one submission. Returns true when a reference form has
/// blocking findings.
pub fn section(out: &mut Out, locale: Locale) -> bool {
    out.heading(tr(
        locale,
        "5. Field forms (XLSForm)",
        "5. Formulaires de terrain (XLSForm)",
    ));
    let mut blocking = false;
    let mut consultation = None;
    for (file, bytes) in WORKBOOKS {
        match LoadedForm::from_xlsform(bytes) {
            Ok(loaded) => {
                let problems = loaded.findings().iter().filter(|f| f.is_blocking()).count();
                blocking |= problems > 0;
                let fields = loaded
                    .compiled()
                    .map(|c| count(&c.form().fields))
                    .unwrap_or_default();
                let verdict = match problems {
                    0 => tr(locale, "no findings", "aucun constat").to_owned(),
                    n => format!("{n} {}", tr(locale, "blocking", "bloquant(s)")),
                };
                out.line(format!(
                    "  {file:<32} {fields:>3} {}  {verdict}",
                    tr(locale, "fields", "champs")
                ));
                if file.starts_with("consultation") {
                    consultation = Some(loaded);
                }
            }
            Err(error) => {
                blocking = true;
                out.line(format!(
                    "  {file:<32} {}: {}",
                    error.code,
                    error.message(locale)
                ));
            }
        }
    }
    if let Some(form) = consultation.as_ref().and_then(|l| l.compiled().ok()) {
        out.blank();
        out.line(tr(
            locale,
            "A consultation as sent from the field:",
            "Une consultation telle qu'envoyée du terrain :",
        ));
        let options = Options {
            locale: locale.as_str().to_owned(),
            now: DateTime::parse_from_rfc3339("2026-11-27T10:00:00+01:00").unwrap_or_default(),
        };
        match form.validate(SUBMISSION, &options) {
            Ok(report) => {
                for found in &report.findings {
                    let shown = severity(locale, &found.finding);
                    out.line(format!(
                        "    {shown:<8} {:<26} {:<20} {}",
                        found.finding.code, found.finding.path, found.message
                    ));
                }
                let bmi = report
                    .cleaned
                    .get("imc")
                    .and_then(|v| v.as_str())
                    .unwrap_or("-");
                out.line(format!(
                    "    {} {bmi}",
                    tr(locale, "calculated BMI:", "IMC calculé :")
                ));
            }
            Err(error) => out.line(format!("    {}: {}", error.code, error.message(locale))),
        }
    }
    blocking
}

/// Fields in a tree, groups and repeats included.
fn count(fields: &[Field]) -> usize {
    fields.iter().map(|f| 1 + count(&f.children)).sum()
}
