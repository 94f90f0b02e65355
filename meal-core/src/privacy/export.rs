//! Export policy: per recipient and purpose, which fields may leave; every decision appended to
//! the audit log.
//!
//! [`decide`] answers, for a request "these fields of this form, to this recipient, for this
//! purpose", which fields may leave and why each other one may not. Every requested field is
//! accounted for: in `allowed`, or in `refused` with a code — in the order requested.
//! [`apply`] then keeps only the allowed fields of a record set. [`export`] does both and
//! appends the decision to the [`AuditLog`]; [`decide_logged`] decides and logs without
//! records. [`decide`] alone is a preview: code that lets data leave goes through `export` or
//! `decide_logged`, so that no decision escapes the log.
//!
//! The rules, tried in this order; the first that refuses gives the code:
//!
//! | # | rule | refusal code |
//! |---|---|---|
//! | 1 | a field is asked once | `privacy.export_duplicate_field` |
//! | 2 | the field is a value field of the form (not a group, repeat or note) | `privacy.export_unknown_field` |
//! | 3 | the recipient is listed on the purpose (Art. 30(1)(d): recipients are declared per purpose) | `privacy.export_recipient_not_listed` |
//! | 4 | the field is classified (an unclassified field is treated as the worst case) | `privacy.export_unclassified` |
//! | 5 | a `non_personal` field leaves freely (purpose limitation applies to personal data) | — |
//! | 6 | the field serves the purpose (purpose limitation, §1.1) | `privacy.export_off_purpose` |
//! | 7 | the purpose is usable: lawful basis, retention, no consent for care, and an Art. 9(2) condition for a `special_category` field (what [`super::minimisation`] requires) | `privacy.export_purpose_invalid` |
//! | 8 | a `direct_identifier` never leaves (§5.1), **except** to an HDS-certified recipient for a purpose that conditions care: the certified host keeps the care record on the care team's behalf (CSP L.1111-8, §1.3), and a care record without the person's identifier is no care record | `privacy.export_direct_identifier` |
//! | 9 | a `special_category` field goes only to an HDS-certified recipient (CSP L.1111-8, §1.3, §7 item 10) | `privacy.export_not_hds` |
//!
//! Errors (`MealError`): `privacy.no_such_recipient`, `privacy.no_such_purpose` (nothing is
//! decided, nothing logged); `privacy.export_not_records` when `apply` is given something else
//! than a list of objects; `input.date_time` when the request's timestamp is not RFC 3339 with
//! offset. Records keep their order and their count; within a record a repeat (array of
//! objects) is kept, with its instances filtered the same way, when one of its fields may leave.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::audit::{AuditEvent, AuditLog};
use super::classification::{holds_value, Classification};
use super::rules::{Purpose, Recipient, Rules};
use crate::error::MealError;
use crate::form::{Field, FieldType, Form};

/// A field that may not leave, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Refusal {
    pub field: String,
    /// One of the refusal codes of the module table.
    pub code: String,
}

/// The answer to an export request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportDecision {
    /// Fields that may leave, in the order asked.
    pub allowed: Vec<String>,
    /// Fields that may not, in the order asked.
    pub refused: Vec<Refusal>,
}

/// Who asks to send which fields where, and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportRequest {
    /// RFC 3339 with offset; the library has no clock.
    pub timestamp: String,
    pub actor: String,
    pub recipient: String,
    pub purpose: String,
    pub fields: Vec<String>,
}

impl ExportRequest {
    /// Reads a request from JSON (`json.malformed`, `document.invalid`).
    pub fn from_json(json: &str) -> Result<Self, MealError> {
        let value: Value =
            serde_json::from_str(json).map_err(|e| crate::document::malformed(&e))?;
        serde_json::from_value(value).map_err(|e| {
            MealError::new("document.invalid")
                .with("kind", "export_request")
                .with("detail", e)
        })
    }
}

/// A decision and the records it let through.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Export {
    pub decision: ExportDecision,
    /// The records with only the allowed fields.
    pub records: Value,
}

/// Decides which of `fields` may leave `form` for `recipient_id` and `purpose_id` (rules in the
/// module table). Pure: logs nothing.
pub fn decide(
    rules: &Rules,
    form: &Form,
    recipient_id: &str,
    purpose_id: &str,
    fields: &[String],
) -> Result<ExportDecision, MealError> {
    let recipient = rules.require_recipient(recipient_id)?;
    let purpose = rules.require_purpose(purpose_id)?;
    let mut decision = ExportDecision {
        allowed: Vec::new(),
        refused: Vec::new(),
    };
    for (i, name) in fields.iter().enumerate() {
        let asked_before = fields.get(..i).is_some_and(|before| before.contains(name));
        let refusal = if asked_before {
            Some("privacy.export_duplicate_field")
        } else {
            refusal(form.field(name), recipient, purpose)
        };
        match refusal {
            None => decision.allowed.push(name.clone()),
            Some(code) => decision.refused.push(Refusal {
                field: name.clone(),
                code: code.to_owned(),
            }),
        }
    }
    Ok(decision)
}

/// Rules 2–9 of the module table for one field.
fn refusal(
    field: Option<&Field>,
    recipient: &Recipient,
    purpose: &Purpose,
) -> Option<&'static str> {
    let Some(field) = field.filter(|f| holds_value(f)) else {
        return Some("privacy.export_unknown_field");
    };
    if !purpose.recipients.contains(&recipient.id) {
        return Some("privacy.export_recipient_not_listed");
    }
    let Some(privacy) = &field.privacy else {
        return Some("privacy.export_unclassified");
    };
    let class = privacy.classification;
    if !class.is_personal() {
        return None;
    }
    if !privacy.serves(&purpose.id) {
        return Some("privacy.export_off_purpose");
    }
    let no_art9_condition =
        class == Classification::SpecialCategory && purpose.special_condition.is_none();
    if no_art9_condition || !purpose.basis_findings("").is_empty() {
        return Some("privacy.export_purpose_invalid");
    }
    let care_host = purpose.conditions_care && recipient.hds_certified;
    match class {
        Classification::DirectIdentifier if !care_host => Some("privacy.export_direct_identifier"),
        Classification::SpecialCategory if !recipient.hds_certified => {
            Some("privacy.export_not_hds")
        }
        _ => None,
    }
}

/// Keeps only the allowed fields of each record of `records` (a JSON list of objects).
pub fn apply(decision: &ExportDecision, form: &Form, records: &Value) -> Result<Value, MealError> {
    let not_records = || MealError::new("privacy.export_not_records");
    let list = records.as_array().ok_or_else(not_records)?;
    list.iter()
        .map(|record| {
            record
                .as_object()
                .map(|object| Value::Object(keep_allowed(object, decision, form)))
                .ok_or_else(not_records)
        })
        .collect::<Result<Vec<_>, _>>()
        .map(Value::Array)
}

fn keep_allowed(
    object: &serde_json::Map<String, Value>,
    decision: &ExportDecision,
    form: &Form,
) -> serde_json::Map<String, Value> {
    let mut kept = serde_json::Map::new();
    for (key, value) in object {
        if decision.allowed.contains(key) {
            kept.insert(key.clone(), value.clone());
            continue;
        }
        let repeat = form
            .field(key)
            .filter(|f| f.field_type == FieldType::Repeat && any_allowed(f, decision));
        if let (Some(_), Some(instances)) = (repeat, value.as_array()) {
            let filtered = instances
                .iter()
                .map(|instance| match instance.as_object() {
                    Some(inner) => Value::Object(keep_allowed(inner, decision, form)),
                    None => Value::Null,
                })
                .collect();
            kept.insert(key.clone(), Value::Array(filtered));
        }
    }
    kept
}

/// True when a field inside `container` may leave.
fn any_allowed(container: &Field, decision: &ExportDecision) -> bool {
    container
        .children
        .iter()
        .any(|c| decision.allowed.contains(&c.name) || any_allowed(c, decision))
}

/// Decides and appends the decision to `log`.
pub fn decide_logged(
    rules: &Rules,
    form: &Form,
    request: &ExportRequest,
    log: &mut AuditLog,
) -> Result<ExportDecision, MealError> {
    let decision = decide_request(rules, form, request)?;
    log_decision(rules, request, &decision, log)?;
    Ok(decision)
}

/// Decides, logs, and keeps only the allowed fields of `records`. The records are checked
/// before anything is logged, so a failed export leaves the log as it was.
pub fn export(
    rules: &Rules,
    form: &Form,
    request: &ExportRequest,
    records: &Value,
    log: &mut AuditLog,
) -> Result<Export, MealError> {
    let decision = decide_request(rules, form, request)?;
    let records = apply(&decision, form, records)?;
    log_decision(rules, request, &decision, log)?;
    Ok(Export { decision, records })
}

/// The decision on a request whose timestamp is a valid RFC 3339 instant.
fn decide_request(
    rules: &Rules,
    form: &Form,
    request: &ExportRequest,
) -> Result<ExportDecision, MealError> {
    crate::input::parse_date_time(&request.timestamp)?;
    decide(
        rules,
        form,
        &request.recipient,
        &request.purpose,
        &request.fields,
    )
}

fn log_decision(
    rules: &Rules,
    request: &ExportRequest,
    decision: &ExportDecision,
    log: &mut AuditLog,
) -> Result<(), MealError> {
    log.append(AuditEvent {
        timestamp: request.timestamp.clone(),
        actor: request.actor.clone(),
        action: "export".to_owned(),
        purpose: request.purpose.clone(),
        recipient: Some(request.recipient.clone()),
        decision: serde_json::to_value(decision).unwrap_or_default(),
        rules_version: rules.version.clone(),
    })?;
    Ok(())
}

use crate::i18n::{Message, Term};

/// Codes raised here, in French and English.
pub(crate) const MESSAGES: &[Message] = &[
    Message {
        code: "privacy.export_duplicate_field",
        en: "This field is asked twice in the export; it is decided once",
        fr: "Ce champ est demandé deux fois dans l'export ; il n'est décidé qu'une fois",
    },
    Message {
        code: "privacy.export_unknown_field",
        en: "This is no value field of the form (unknown, or a group, repeat or note)",
        fr: "Ce n'est pas un champ à valeur du formulaire (inconnu, ou groupe, répétition ou note)",
    },
    Message {
        code: "privacy.export_recipient_not_listed",
        en: "The recipient is not listed on this purpose: nothing may go to it for this purpose",
        fr: "Le destinataire n'est pas listé pour cette finalité : rien ne peut lui être transmis à ce titre",
    },
    Message {
        code: "privacy.export_unclassified",
        en: "The field has no data-protection classification: it may not leave",
        fr: "Le champ n'a pas de classification de protection des données : il ne peut pas sortir",
    },
    Message {
        code: "privacy.export_off_purpose",
        en: "The field is not collected for this purpose: it may not leave for it",
        fr: "Le champ n'est pas collecté pour cette finalité : il ne peut pas sortir à ce titre",
    },
    Message {
        code: "privacy.export_purpose_invalid",
        en: "The purpose lacks a lawful basis, a retention rule or (for special-category data) an Art. 9 condition, or rests on consent for care: this field may not leave for it",
        fr: "La finalité n'a pas de base légale, de durée de conservation ou (pour des données sensibles) de condition de l'art. 9, ou repose sur le consentement pour des soins : ce champ ne peut pas sortir à ce titre",
    },
    Message {
        code: "privacy.export_direct_identifier",
        en: "Direct identifiers never leave, except to a certified health-data host for care",
        fr: "Les identifiants directs ne sortent jamais, sauf vers un hébergeur de données de santé certifié pour les soins",
    },
    Message {
        code: "privacy.export_not_hds",
        en: "Health and other special-category data go only to a certified health-data host (HDS)",
        fr: "Les données de santé et autres données sensibles ne vont qu'à un hébergeur de données de santé certifié (HDS)",
    },
    Message {
        code: "privacy.export_not_records",
        en: "The records to export must be a JSON list of objects",
        fr: "Les enregistrements à exporter doivent être une liste JSON d'objets",
    },
];

/// Domain terms carried in params of these codes.
pub(crate) const TERMS: &[Term] = &[Term {
    key: "export_request",
    en: "export request",
    fr: "demande d'export",
}];

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn rules() -> Rules {
        let json = json!({
            "format_version": 1, "version": "r1",
            "controller": {"name": "c", "contact": "c"},
            "purposes": [
                {"id": "care", "name": {"en": "Care", "fr": "Soins"},
                 "lawful_basis": "legitimate_interests", "special_condition": "health_care",
                 "conditions_care": true, "recipients": ["host", "partner"],
                 "retention": {"trigger": "last_contact", "active_months": 240, "end_action": "delete"}},
                {"id": "stats", "name": {"en": "Stats", "fr": "Stats"},
                 "lawful_basis": "legitimate_interests", "recipients": ["partner"]}
            ],
            "recipients": [
                {"id": "host", "name": {"en": "Host", "fr": "Hébergeur"}, "hds_certified": true},
                {"id": "partner", "name": {"en": "Partner", "fr": "Partenaire"}},
                {"id": "stranger", "name": {"en": "Stranger", "fr": "Inconnu"}}
            ]
        });
        Rules::from_json(&json.to_string()).unwrap().value
    }

    fn form() -> Form {
        let p = |c: &str, purposes: &[&str]| json!({"classification": c, "purposes": purposes});
        let json = json!({"format_version": 1, "id": "f", "fields": [
            {"name": "code", "type": {"kind": "text"}, "privacy": p("direct_identifier", &["care"])},
            {"name": "age", "type": {"kind": "integer"}, "privacy": p("quasi_identifier", &["care", "stats"])},
            {"name": "dx", "type": {"kind": "text"}, "privacy": p("special_category", &["care"])},
            {"name": "site", "type": {"kind": "text"}, "privacy": p("non_personal", &[])},
            {"name": "free", "type": {"kind": "text"}},
            {"name": "people", "type": {"kind": "repeat"}, "children": [
                {"name": "sex", "type": {"kind": "text"}, "privacy": p("quasi_identifier", &["care"])},
                {"name": "need", "type": {"kind": "text"}, "privacy": p("special_category", &["care"])}
            ]}
        ]});
        Form::from_json(&json.to_string()).unwrap().value
    }

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    fn refused(d: &ExportDecision) -> Vec<(&str, &str)> {
        d.refused
            .iter()
            .map(|r| (r.field.as_str(), r.code.as_str()))
            .collect()
    }

    #[test]
    fn the_certified_host_gets_the_care_record() {
        let d = decide(
            &rules(),
            &form(),
            "host",
            "care",
            &names(&["code", "dx", "site", "sex"]),
        )
        .unwrap();
        assert_eq!(d.allowed, ["code", "dx", "site", "sex"]);
        assert!(d.refused.is_empty());
    }

    #[test]
    fn a_partner_gets_neither_identifiers_nor_health_data() {
        let asked = names(&["code", "age", "dx", "site", "free", "people", "nope", "age"]);
        let d = decide(&rules(), &form(), "partner", "care", &asked).unwrap();
        assert_eq!(d.allowed, ["age", "site"]);
        assert_eq!(
            refused(&d),
            [
                ("code", "privacy.export_direct_identifier"),
                ("dx", "privacy.export_not_hds"),
                ("free", "privacy.export_unclassified"),
                ("people", "privacy.export_unknown_field"),
                ("nope", "privacy.export_unknown_field"),
                ("age", "privacy.export_duplicate_field"),
            ]
        );
    }

    #[test]
    fn purpose_and_recipient_rules() {
        let r = rules();
        let d = decide(
            &r,
            &form(),
            "partner",
            "stats",
            &names(&["age", "dx", "site"]),
        )
        .unwrap();
        assert_eq!(d.allowed, ["site"]);
        assert_eq!(
            refused(&d),
            [
                ("age", "privacy.export_purpose_invalid"),
                ("dx", "privacy.export_off_purpose")
            ]
        );
        let d = decide(&r, &form(), "stranger", "care", &names(&["site"])).unwrap();
        assert_eq!(
            refused(&d),
            [("site", "privacy.export_recipient_not_listed")]
        );
        assert_eq!(
            decide(&r, &form(), "nobody", "care", &[]).unwrap_err().code,
            "privacy.no_such_recipient"
        );
        assert_eq!(
            decide(&r, &form(), "host", "nothing", &[])
                .unwrap_err()
                .code,
            "privacy.no_such_purpose"
        );
    }

    #[test]
    fn export_filters_records_and_logs_the_decision() {
        let request = ExportRequest::from_json(
            r#"{"timestamp": "2026-11-27T10:00:00+01:00", "actor": "meal",
                "recipient": "partner", "purpose": "care", "fields": ["age", "sex", "dx"]}"#,
        )
        .unwrap();
        let records = json!([
            {"code": "KAB-0417", "age": 16, "dx": "x", "people": [{"sex": "f", "need": "n"}, 3]},
            {"site": "a"}
        ]);
        let mut log = AuditLog::new();
        let out = export(&rules(), &form(), &request, &records, &mut log).unwrap();
        assert_eq!(
            out.records,
            json!([{"age": 16, "people": [{"sex": "f"}, null]}, {}])
        );
        assert_eq!(log.entries().len(), 1);
        let entry = log.entries().first().unwrap();
        assert_eq!(entry.event.rules_version, "r1");
        assert_eq!(entry.event.decision["allowed"], json!(["age", "sex"]));
        assert!(log.verify().is_ok());
        let bad = export(&rules(), &form(), &request, &json!({"a": 1}), &mut log);
        assert_eq!(bad.unwrap_err().code, "privacy.export_not_records");
        assert_eq!(log.entries().len(), 1, "a failed export is not logged");
    }
}
