//! The Art. 30 register of processing activities (*registre des activités de traitement*),
//! generated from the rules and the forms (JSON, Markdown, XLSX).
//!
//! One [`Activity`] per purpose of the rules, in document order, with the fields of
//! Art. 30(1) (reference/gdpr-feedback.md §1.7) and the extras §1.7 and §5.5 recommend:
//!
//! | Art. 30(1) | field | from |
//! |---|---|---|
//! | (a) | `controller` (register level) | the rules' controller and DPO |
//! | (b) | `purpose`, `name` | the purpose |
//! | (c) | `data_subjects` | the purpose |
//! | (c) | `data_categories` | the classified **personal** fields of the forms that serve the purpose, grouped by class (`form_id/field`) |
//! | (d) | `recipients` | the purpose's recipients, with their HDS flag |
//! | (e) | `transfers` | the recipients with a `third_country` |
//! | (f) | `retention`, `erasure_exceptions` | the purpose |
//! | (g) | `security_measures` (register level) | the rules |
//! | extra | `lawful_basis`, `special_condition`, `conditions_care`, `dpia`, `forms`, `rules_version` | the purpose, [`super::dpia::screen_all`], the forms |
//!
//! Decisions: the register says what the documents say and no more — a purpose without basis
//! shows none (the rules check and minimisation report it); a recipient id the rules do not
//! list is left out (the rules check reports `privacy.unknown_recipient`). Lists are sorted
//! (categories by class then form then field), so the same documents give the same register.
//!
//! | code | kind | when |
//! |---|---|---|
//! | `privacy.register_xlsx` | `MealError` | the workbook could not be written (param `detail`) |

use serde::Serialize;

use super::classification::{fields_with_paths, Classification};
use super::dpia::{screen_all, Screening};
use super::retention::{EndAction, RetentionRule};
use super::rules::{
    pick, Controller, ErasureException, LawfulBasis, Purpose, Rules, SpecialCondition,
};
use crate::error::MealError;
use crate::form::Form;
use crate::i18n::Locale;
use crate::text::Text;

/// The register.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Register {
    /// The version of the rules it was generated from.
    pub rules_version: String,
    /// Art. 30(1)(a).
    pub controller: Controller,
    /// Art. 30(1)(g), common to every activity.
    pub security_measures: Vec<Text>,
    pub activities: Vec<Activity>,
}

/// One processing activity: one purpose.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Activity {
    /// The purpose id.
    pub purpose: String,
    pub name: Text,
    pub lawful_basis: Option<LawfulBasis>,
    pub special_condition: Option<SpecialCondition>,
    pub conditions_care: bool,
    pub data_subjects: Vec<String>,
    pub data_categories: Vec<DataCategory>,
    /// Ids of the forms that collect for this purpose, sorted.
    pub forms: Vec<String>,
    pub recipients: Vec<RegisterRecipient>,
    pub transfers: Vec<Transfer>,
    pub retention: Option<RetentionRule>,
    pub erasure_exceptions: Vec<ErasureException>,
    pub dpia: DpiaStatus,
}

/// The personal fields of one class serving a purpose.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DataCategory {
    pub classification: Classification,
    /// `form_id/field_name`, sorted.
    pub fields: Vec<String>,
}

/// A recipient as the register shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RegisterRecipient {
    pub id: String,
    pub name: Text,
    pub hds_certified: bool,
}

/// A transfer outside the EU/EEA (Art. 30(1)(e)).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Transfer {
    pub recipient: String,
    pub country: String,
}

/// The DPIA screening summary of an activity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DpiaStatus {
    pub required: bool,
    /// Codes of the criteria met ([`super::dpia::CRITERIA`]).
    pub reasons: Vec<String>,
    pub dpia_ref: Option<String>,
}

impl Register {
    /// Builds the register of `rules` over `forms`.
    pub fn build(rules: &Rules, forms: &[Form]) -> Register {
        let screenings = screen_all(rules, forms);
        let activities = rules
            .purposes
            .iter()
            .zip(screenings)
            .map(|(purpose, screening)| activity(rules, forms, purpose, screening))
            .collect();
        Register {
            rules_version: rules.version.clone(),
            controller: rules.controller.clone(),
            security_measures: rules.security_measures.clone(),
            activities,
        }
    }

    /// The register as pretty-printed JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// The register as a Markdown document in `locale`.
    pub fn to_markdown(&self, locale: Locale) -> String {
        let tr = |en, fr| pick(locale, en, fr);
        let mut out = format!(
            "# {}\n\n",
            tr(
                "Register of processing activities (GDPR Art. 30)",
                "Registre des activités de traitement (RGPD art. 30)"
            )
        );
        out.push_str(&format!(
            "- {}: {} — {}\n",
            tr(
                "Controller (Art. 30(1)(a))",
                "Responsable du traitement (art. 30(1)(a))"
            ),
            self.controller.name,
            self.controller.contact
        ));
        if let Some(dpo) = &self.controller.dpo_contact {
            out.push_str(&format!(
                "- {}: {dpo}\n",
                tr(
                    "Data protection officer",
                    "Délégué à la protection des données"
                )
            ));
        }
        out.push_str(&format!(
            "- {}: {}\n",
            tr("Rules version", "Version des règles"),
            self.rules_version
        ));
        for (n, activity) in self.activities.iter().enumerate() {
            out.push_str(&format!(
                "\n## {}. {} (`{}`)\n\n| {} | |\n|---|---|\n",
                n + 1,
                cell(activity.name.get(locale)),
                activity.purpose,
                tr("Art. 30", "Art. 30"),
            ));
            for (label, value) in self.rows(activity, locale) {
                out.push_str(&format!("| {label} | {} |\n", cell(&value)));
            }
        }
        out
    }

    /// The register as an `.xlsx` workbook in `locale`: one sheet, a header row, one row per
    /// activity, in the columns of [`Register::to_markdown`].
    pub fn to_xlsx(&self, locale: Locale) -> Result<Vec<u8>, MealError> {
        let failed = |e: rust_xlsxwriter::XlsxError| {
            MealError::new("privacy.register_xlsx").with("detail", e)
        };
        let mut workbook = rust_xlsxwriter::Workbook::new();
        let sheet = workbook.add_worksheet();
        sheet
            .set_name(pick(locale, "register", "registre"))
            .map_err(failed)?;
        let bold = rust_xlsxwriter::Format::new().set_bold();
        let mut header = vec![pick(locale, "Purpose id", "Identifiant de finalité").to_owned()];
        let mut rows: Vec<Vec<String>> = Vec::new();
        for activity in &self.activities {
            let pairs = self.rows(activity, locale);
            if header.len() == 1 {
                header.extend(pairs.iter().map(|(label, _)| label.clone()));
            }
            let mut row = vec![activity.purpose.clone()];
            row.extend(pairs.into_iter().map(|(_, value)| value));
            rows.push(row);
        }
        for (c, title) in header.iter().enumerate() {
            sheet
                .write_string_with_format(0, column(c), title, &bold)
                .map_err(failed)?;
        }
        for (r, row) in rows.iter().enumerate() {
            let r = u32::try_from(r + 1).unwrap_or(u32::MAX);
            for (c, value) in row.iter().enumerate() {
                sheet.write_string(r, column(c), value).map_err(failed)?;
            }
        }
        workbook.save_to_buffer().map_err(failed)
    }

    /// (label, value) of each Art. 30 field of an activity, in register order.
    fn rows(&self, a: &Activity, locale: Locale) -> Vec<(String, String)> {
        let tr = |en, fr| pick(locale, en, fr).to_owned();
        let none = tr("none", "aucun");
        let or_none = |items: Vec<String>| {
            if items.is_empty() {
                none.clone()
            } else {
                items.join("; ")
            }
        };
        let categories = a
            .data_categories
            .iter()
            .map(|c| {
                format!(
                    "{}: {}",
                    c.classification.label(locale),
                    c.fields.join(", ")
                )
            })
            .collect();
        let recipients = a
            .recipients
            .iter()
            .map(|r| {
                let hds = if r.hds_certified {
                    tr(" (HDS)", " (HDS)")
                } else {
                    String::new()
                };
                format!("{}{hds}", r.name.get(locale))
            })
            .collect();
        let transfers = a
            .transfers
            .iter()
            .map(|t| format!("{} → {}", t.recipient, t.country))
            .collect();
        let dpia = match (&a.dpia.required, &a.dpia.dpia_ref) {
            (true, Some(reference)) => format!("{} ({reference})", tr("required", "requise")),
            (true, None) => tr("required, not carried out", "requise, non réalisée"),
            (false, _) => tr("not required", "non requise"),
        };
        let reasons = a
            .dpia
            .reasons
            .iter()
            .map(|code| criterion_label(code, locale))
            .collect();
        vec![
            (
                tr("(b) Purpose", "(b) Finalité"),
                a.name.get(locale).to_owned(),
            ),
            (
                tr("Lawful basis (Art. 6)", "Base légale (art. 6)"),
                a.lawful_basis
                    .map_or(none.clone(), |b| b.label(locale).to_owned()),
            ),
            (
                tr("Condition (Art. 9(2))", "Condition (art. 9(2))"),
                a.special_condition
                    .map_or(none.clone(), |c| c.label(locale).to_owned()),
            ),
            (
                tr("Conditions care", "Conditionne les soins"),
                if a.conditions_care {
                    tr("yes", "oui")
                } else {
                    tr("no", "non")
                },
            ),
            (
                tr("(c) Data subjects", "(c) Personnes concernées"),
                or_none(a.data_subjects.clone()),
            ),
            (
                tr(
                    "(c) Categories of personal data",
                    "(c) Catégories de données personnelles",
                ),
                or_none(categories),
            ),
            (tr("Forms", "Formulaires"), or_none(a.forms.clone())),
            (
                tr("(d) Recipients", "(d) Destinataires"),
                or_none(recipients),
            ),
            (
                tr(
                    "(e) Transfers outside the EU",
                    "(e) Transferts hors de l'UE",
                ),
                or_none(transfers),
            ),
            (
                tr("(f) Retention", "(f) Durée de conservation"),
                a.retention
                    .as_ref()
                    .map_or(none.clone(), |r| retention_text(r, locale)),
            ),
            (
                tr(
                    "Erasure exceptions (Art. 17(3))",
                    "Exceptions à l'effacement (art. 17(3))",
                ),
                or_none(
                    a.erasure_exceptions
                        .iter()
                        .map(|e| e.label(locale).to_owned())
                        .collect(),
                ),
            ),
            (
                tr("(g) Security measures", "(g) Mesures de sécurité"),
                or_none(
                    self.security_measures
                        .iter()
                        .map(|m| m.get(locale).to_owned())
                        .collect(),
                ),
            ),
            (tr("DPIA", "AIPD"), dpia),
            (
                tr("DPIA criteria met", "Critères d'AIPD remplis"),
                or_none(reasons),
            ),
        ]
    }
}

fn activity(rules: &Rules, forms: &[Form], purpose: &Purpose, screening: Screening) -> Activity {
    let recipients: Vec<RegisterRecipient> = purpose
        .recipients
        .iter()
        .filter_map(|id| rules.recipient(id))
        .map(|r| RegisterRecipient {
            id: r.id.clone(),
            name: r.name.clone(),
            hds_certified: r.hds_certified,
        })
        .collect();
    let transfers = purpose
        .recipients
        .iter()
        .filter_map(|id| rules.recipient(id))
        .filter_map(|r| {
            r.third_country.as_ref().map(|country| Transfer {
                recipient: r.id.clone(),
                country: country.clone(),
            })
        })
        .collect();
    let (data_categories, forms_used) = categories(forms, &purpose.id);
    Activity {
        purpose: purpose.id.clone(),
        name: purpose.name.clone(),
        lawful_basis: purpose.lawful_basis,
        special_condition: purpose.special_condition,
        conditions_care: purpose.conditions_care,
        data_subjects: purpose.data_subjects.clone(),
        data_categories,
        forms: forms_used,
        recipients,
        transfers,
        retention: purpose.retention.clone(),
        erasure_exceptions: purpose.erasure_exceptions.clone(),
        dpia: DpiaStatus {
            required: screening.required,
            reasons: screening.reasons.into_iter().map(|r| r.code).collect(),
            dpia_ref: screening.dpia_ref,
        },
    }
}

/// The personal fields serving `purpose`, grouped by class, and the forms they come from.
fn categories(forms: &[Form], purpose: &str) -> (Vec<DataCategory>, Vec<String>) {
    let mut by_class: std::collections::BTreeMap<Classification, Vec<String>> = Default::default();
    let mut used = std::collections::BTreeSet::new();
    for form in forms {
        for (_, field) in fields_with_paths(form) {
            let Some(privacy) = &field.privacy else {
                continue;
            };
            if privacy.serves(purpose) && privacy.classification.is_personal() {
                used.insert(form.id.clone());
                by_class
                    .entry(privacy.classification)
                    .or_default()
                    .push(format!("{}/{}", form.id, field.name));
            }
        }
    }
    let categories = by_class
        .into_iter()
        .map(|(classification, mut fields)| {
            fields.sort();
            fields.dedup();
            DataCategory {
                classification,
                fields,
            }
        })
        .collect();
    (categories, used.into_iter().collect())
}

fn criterion_label(code: &str, locale: Locale) -> String {
    super::dpia::TERMS
        .iter()
        .find(|t| t.key == code)
        .map_or_else(|| code.to_owned(), |t| pick(locale, t.en, t.fr).to_owned())
}

fn retention_text(rule: &RetentionRule, locale: Locale) -> String {
    let action = match rule.end_action {
        EndAction::Delete => pick(locale, "delete", "suppression"),
        EndAction::Anonymise => pick(locale, "anonymise", "anonymisation"),
        EndAction::Archive => pick(locale, "final archive", "archivage définitif"),
    };
    let mut text = match locale {
        Locale::En => format!(
            "from {}: {} months active, {} months intermediate archive, then {action}",
            rule.trigger, rule.active_months, rule.intermediate_months
        ),
        Locale::Fr => format!(
            "à partir de {} : {} mois en base active, {} mois en archivage intermédiaire, puis {action}",
            rule.trigger, rule.active_months, rule.intermediate_months
        ),
    };
    if let Some(age) = rule.not_before_age {
        text.push_str(&match locale {
            Locale::En => format!("; never before the age of {age}"),
            Locale::Fr => format!(" ; jamais avant l'âge de {age} ans"),
        });
    }
    text
}

/// A Markdown table cell: pipes escaped, one line.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace(['\n', '\r'], " ")
}

fn column(index: usize) -> u16 {
    u16::try_from(index).unwrap_or(u16::MAX)
}

use crate::i18n::{Message, Term};

/// Codes raised here, in French and English.
pub(crate) const MESSAGES: &[Message] = &[Message {
    code: "privacy.register_xlsx",
    en: "The register workbook could not be written: {detail}",
    fr: "Le classeur du registre n'a pas pu être écrit : {detail}",
}];

/// Domain terms carried in params of these codes.
pub(crate) const TERMS: &[Term] = &[];

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::{Reader, Xlsx};
    use serde_json::json;

    fn documents() -> (Rules, Vec<Form>) {
        let rules = json!({
            "format_version": 1, "version": "2026.1",
            "controller": {"name": "Mission", "contact": "m@example.org", "dpo_contact": "dpo@example.org"},
            "purposes": [
                {"id": "care", "name": {"en": "Care | follow-up", "fr": "Soins"},
                 "lawful_basis": "legitimate_interests", "special_condition": "health_care",
                 "conditions_care": true, "data_subjects": ["patients"],
                 "recipients": ["host", "hq", "ghost"],
                 "retention": {"trigger": "last_contact", "active_months": 24,
                               "intermediate_months": 216, "not_before_age": 28, "end_action": "delete"},
                 "erasure_exceptions": ["public_health"], "dpia_ref": "AIPD-1"},
                {"id": "stats", "name": {"en": "Stats", "fr": "Statistiques"}}
            ],
            "recipients": [
                {"id": "host", "name": {"en": "Host", "fr": "Hébergeur"}, "hds_certified": true},
                {"id": "hq", "name": {"en": "HQ", "fr": "Siège"}, "third_country": "CH"}
            ],
            "security_measures": [{"en": "Encryption", "fr": "Chiffrement"}]
        });
        let form = json!({"format_version": 1, "id": "consult", "fields": [
            {"name": "dx", "type": {"kind": "text"},
             "privacy": {"classification": "special_category", "purposes": ["care"]}},
            {"name": "code", "type": {"kind": "text"},
             "privacy": {"classification": "direct_identifier", "purposes": ["care"]}},
            {"name": "age", "type": {"kind": "integer"},
             "privacy": {"classification": "special_category", "purposes": ["care"]}},
            {"name": "site", "type": {"kind": "text"},
             "privacy": {"classification": "non_personal", "purposes": ["care"]}}
        ]});
        (
            Rules::from_json(&rules.to_string()).unwrap().value,
            vec![Form::from_json(&form.to_string()).unwrap().value],
        )
    }

    #[test]
    fn activities_carry_the_art_30_fields() {
        let (rules, forms) = documents();
        let register = Register::build(&rules, &forms);
        let value = serde_json::to_value(&register).unwrap();
        let care = &value["activities"][0];
        assert_eq!(
            care["data_categories"],
            json!([
                {"classification": "direct_identifier", "fields": ["consult/code"]},
                {"classification": "special_category", "fields": ["consult/age", "consult/dx"]}
            ])
        );
        assert_eq!(care["forms"], json!(["consult"]));
        assert_eq!(
            care["transfers"],
            json!([{"recipient": "hq", "country": "CH"}])
        );
        assert_eq!(
            care["recipients"].as_array().unwrap().len(),
            2,
            "unknown ids left out"
        );
        assert_eq!(care["dpia"]["required"], json!(true));
        assert_eq!(care["dpia"]["dpia_ref"], json!("AIPD-1"));
        let stats = &value["activities"][1];
        assert_eq!(stats["lawful_basis"], json!(null));
        assert_eq!(stats["dpia"]["required"], json!(false));
        assert_eq!(value["rules_version"], json!("2026.1"));
    }

    #[test]
    fn markdown_in_both_languages() {
        let (rules, forms) = documents();
        let register = Register::build(&rules, &forms);
        let fr = register.to_markdown(Locale::Fr);
        assert!(fr.starts_with("# Registre des activités de traitement (RGPD art. 30)"));
        assert!(fr.contains("| Base légale (art. 6) | Art. 6(1)(f) intérêts légitimes |"));
        assert!(fr.contains("jamais avant l'âge de 28 ans"));
        let en = register.to_markdown(Locale::En);
        assert!(en.contains("## 1. Care \\| follow-up (`care`)"));
        assert!(en.contains("| (e) Transfers outside the EU | hq → CH |"));
        assert!(en.contains("| DPIA | required (AIPD-1) |"));
    }

    #[test]
    fn the_workbook_reads_back() {
        let (rules, forms) = documents();
        let register = Register::build(&rules, &forms);
        let bytes = register.to_xlsx(Locale::Fr).unwrap();
        let mut book: Xlsx<_> =
            calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
        let range = book.worksheet_range("registre").unwrap();
        assert_eq!(range.height(), 3, "header and one row per activity");
        let text = |r: usize, c: usize| {
            range
                .get((r, c))
                .map(ToString::to_string)
                .unwrap_or_default()
        };
        assert_eq!(text(0, 0), "Identifiant de finalité");
        assert_eq!(text(0, 1), "(b) Finalité");
        assert_eq!(text(1, 0), "care");
        assert_eq!(text(2, 0), "stats");
        assert_eq!(text(1, 2), "Art. 6(1)(f) intérêts légitimes");
        assert_eq!(text(2, 2), "aucun");
    }

    #[test]
    fn a_text_longer_than_a_cell_holds_is_an_error_not_a_cut() {
        let (mut rules, forms) = documents();
        rules.purposes[1].name.en = "x".repeat(32_768);
        let register = Register::build(&rules, &forms);
        let err = register.to_xlsx(Locale::En).unwrap_err();
        assert_eq!(err.code, "privacy.register_xlsx");
        assert!(register.to_xlsx(Locale::Fr).is_ok(), "the French name fits");
    }
}
