//! The xlsx export of MANO, the outreach teams' case tool, read into typed tables
//! (reference/logframes-indicators.md §4.1 data model and field types, §4.3 export layout,
//! §7.10 loader path (a)).
//!
//! MANO's "Exporter les données en .xlsx" writes `data.xlsx` (SheetJS) with one sheet per
//! collection; a sheet's header row is the union of the records' keys, custom-field keys
//! replaced by their labels (§4.3). [`read_export`] reads each sheet into a
//! [`Table`]: the columns are the sheet's headers, in order, each typed by
//! the sheet's default fields (below) or by the organisation's custom-field configuration;
//! every row is loaded or rejected with findings by the data loader (a JSON-lines feed, so the
//! cell rules are `data::cell`'s), numbered as the spreadsheet numbers it (header = row 1).
//!
//! # Decisions
//!
//! * **Field types** (`dashboard/src/types/field.ts`, §4.1) map to column types:
//!
//!   | MANO | column | why |
//!   |---|---|---|
//!   | `text`, `textarea`, `enum` | `text` | as written |
//!   | `number` | `decimal` | MANO does not distinguish whole numbers |
//!   | `date` | `date` | MANO stores `toISOString()` at midnight: a `T…` time part is dropped |
//!   | `date-with-time` | `date_time` | a time without offset (an xlsx date cell) is UTC, as `toISOString()` writes |
//!   | `yes-no` | `boolean` | MANO writes `Oui`/`Non`, read as true/false; anything else rejects the row |
//!   | `boolean` | `boolean` | `TRUE`/`FALSE` cells |
//!   | `multi-choice` | `text` | kept as exported, `, `-joined: option labels hold spaces (`Régime Général`) that the space-separated `choices` encoding cannot carry; a migration rule (`list: ", "` with a value map) turns them into choice names |
//! * **Default fields** per sheet are the plaintext and payload fields of §4.1 (persons'
//!   `gender`, `nationalitySituation`, `healthInsurances`, `resources` from its examples;
//!   actions' `status`, `dueAt`, …); `comments`, `treatments`, `medical-files`, `lieux
//!   fréquentés` and `utilisateurs` are "various" in §4.1 and list the fields we know, not
//!   re-verified. Every sheet also has `_id`, `organisation`, `user`, `team`, `createdAt`,
//!   `updatedAt`, `deletedAt`, `encryptedEntityKey`, `entityKey`.
//! * **Custom fields** come from `config`, an object with any of the organisation keys
//!   `customFieldsPersons` (→ `personnes suivies`), `groupedCustomFieldsObs` (→ `observations
//!   de territoires`), `groupedCustomFieldsMedicalFile` (→ `medical-files`), `consultations`
//!   (→ `consultations`); each a list of fields `{name, label, type, …}` or of groups
//!   `{name, fields: [field]}` (MANO has both shapes). Other keys and field keys (`enabled`,
//!   `options`, …) are ignored: it is MANO's document, not ours. A header matches a field by
//!   label (what the export writes) or by name; a default field of the same header wins.
//! * **Nothing is dropped**: a header neither default nor configured is a `text` column with a
//!   warning; a sheet MANO does not export is read all-text with a warning; a blank header
//!   over values gets the column letter as name, a repeated header gets ` (B)` after it.
//!
//! # Codes
//!
//! | code | severity | when |
//! |---|---|---|
//! | `mano.unreadable` | `MealError` | not an xlsx workbook (`detail`) |
//! | `mano.bad_config` | `MealError` | `config` is not a JSON object of field lists (`detail`) |
//! | `mano.no_known_sheet` | warning | no sheet of the export is a MANO sheet (an empty workbook too) |
//! | `mano.unknown_sheet` | warning | a sheet MANO does not export (`sheet`), read as text |
//! | `mano.unknown_column` | warning | a header neither a default field nor configured (`sheet`, `column`), read as text |
//! | `mano.blank_header` | warning | values under an empty header (`sheet`, `column` = the letter used) |
//! | `mano.duplicate_header` | warning | a header written twice (`sheet`, `column` = the new name) |
//!
//! Row findings are the data loader's (`data.not_decimal`, `data.not_boolean`, …).

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::{Map, Value as Json};

use crate::data::{ColumnSpec, ColumnType, Loaded, Schema, Table};
use crate::error::{sort_findings, Finding, MealError};
use crate::i18n::Message;
use crate::workbook::{column_letters, read_workbook, Sheet};

/// One sheet of the export.
#[derive(Debug)]
pub struct ManoSheet {
    /// The sheet name as in the workbook.
    pub name: String,
    pub loaded: Loaded,
}

/// The whole export.
#[derive(Debug)]
pub struct ManoExport {
    pub sheets: Vec<ManoSheet>,
    /// Workbook-level findings (unknown sheet, unknown column, …).
    pub findings: Vec<Finding>,
}

/// A MANO field type (`dashboard/src/types/field.ts`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FieldType {
    Text,
    Textarea,
    Number,
    Date,
    DateWithTime,
    YesNo,
    Enum,
    MultiChoice,
    Boolean,
}

impl FieldType {
    /// The column type of this field's values (module docs, table).
    pub fn column_type(self) -> ColumnType {
        match self {
            FieldType::Text | FieldType::Textarea | FieldType::Enum | FieldType::MultiChoice => {
                ColumnType::Text
            }
            FieldType::Number => ColumnType::Decimal,
            FieldType::Date => ColumnType::Date,
            FieldType::DateWithTime => ColumnType::DateTime,
            FieldType::YesNo | FieldType::Boolean => ColumnType::Boolean,
        }
    }
}

use FieldType::{Boolean, Date, DateWithTime as Stamp, Enum, MultiChoice as Multi, Number};
use FieldType::{Text, Textarea};

/// A sheet's default fields: header and MANO type.
type DefaultFields = &'static [(&'static str, FieldType)];

/// Fields of every sheet.
const COMMON: DefaultFields = &[
    ("_id", Text),
    ("organisation", Text),
    ("user", Text),
    ("team", Text),
    ("createdAt", Stamp),
    ("updatedAt", Stamp),
    ("deletedAt", Stamp),
    ("encryptedEntityKey", Text),
    ("entityKey", Text),
];

/// The sheets MANO exports (§4.3), their default fields (§4.1) and their configuration key.
const SHEETS: &[(&str, DefaultFields, Option<&str>)] = &[
    ("personnes suivies", PERSONS, Some("customFieldsPersons")),
    ("actions", ACTIONS, None),
    ("consultations", CONSULTATIONS, Some("consultations")),
    ("comptes rendus", REPORTS, None),
    ("services", SERVICES, None),
    ("passages", PASSAGES, None),
    ("rencontres", RENCONTRES, None),
    ("territoires", TERRITORIES, None),
    (
        "observations de territoires",
        OBSERVATIONS,
        Some("groupedCustomFieldsObs"),
    ),
    ("lieux fréquentés", PLACES, None),
    ("équipes", TEAMS, None),
    ("utilisateurs", USERS, None),
    ("comments", COMMENTS, None),
    ("treatments", TREATMENTS, None),
    (
        "medical-files",
        MEDICAL_FILES,
        Some("groupedCustomFieldsMedicalFile"),
    ),
];

const PERSONS: &[(&str, FieldType)] = &[
    ("name", Text),
    ("otherNames", Text),
    ("gender", Enum),
    ("birthdate", Date),
    ("description", Textarea),
    ("alertness", Boolean),
    ("wanderingAt", Date),
    ("phone", Text),
    ("email", Text),
    ("assignedTeams", Multi),
    ("followedSince", Date),
    ("outOfActiveList", Boolean),
    ("outOfActiveListDate", Date),
    ("outOfActiveListReasons", Multi),
    ("nationalitySituation", Enum),
    ("healthInsurances", Multi),
    ("resources", Multi),
    ("documents", Text),
    ("history", Text),
];
const ACTIONS: &[(&str, FieldType)] = &[
    ("name", Text),
    ("description", Textarea),
    ("categories", Multi),
    ("person", Text),
    ("group", Text),
    ("structure", Text),
    ("teams", Multi),
    ("urgent", Boolean),
    ("status", Enum),
    ("dueAt", Stamp),
    ("withTime", Boolean),
    ("completedAt", Stamp),
    ("recurrence", Text),
    ("documents", Text),
    ("history", Text),
];
const CONSULTATIONS: &[(&str, FieldType)] = &[
    ("name", Text),
    ("type", Enum),
    ("person", Text),
    ("status", Enum),
    ("dueAt", Stamp),
    ("completedAt", Stamp),
    ("onlyVisibleBy", Multi),
    ("documents", Text),
];
const REPORTS: &[(&str, FieldType)] = &[
    ("date", Date),
    ("description", Textarea),
    ("collaborations", Multi),
    ("updatedBy", Text),
];
const SERVICES: &[(&str, FieldType)] = &[("date", Date), ("service", Text), ("count", Number)];
const PASSAGES: &[(&str, FieldType)] = &[("person", Text), ("date", Stamp), ("comment", Textarea)];
const RENCONTRES: &[(&str, FieldType)] = &[
    ("person", Text),
    ("date", Stamp),
    ("comment", Textarea),
    ("observation", Text),
];
const TERRITORIES: &[(&str, FieldType)] = &[
    ("name", Text),
    ("perimeter", Text),
    ("description", Textarea),
    ("types", Multi),
    ("documents", Text),
];
const OBSERVATIONS: &[(&str, FieldType)] = &[
    ("territory", Text),
    ("observedAt", Stamp),
    ("personsMale", Number),
    ("personsFemale", Number),
    ("police", Number),
    ("material", Number),
    ("atmosphere", Enum),
    ("mediation", Number),
    ("comment", Textarea),
];
const PLACES: &[(&str, FieldType)] = &[("name", Text), ("person", Text), ("place", Text)];
const TEAMS: &[(&str, FieldType)] = &[("name", Text), ("nightSession", Boolean), ("color", Text)];
const USERS: &[(&str, FieldType)] = &[("name", Text), ("email", Text), ("role", Enum)];
const COMMENTS: &[(&str, FieldType)] = &[
    ("comment", Textarea),
    ("person", Text),
    ("action", Text),
    ("group", Text),
    ("date", Stamp),
    ("urgent", Boolean),
];
const TREATMENTS: &[(&str, FieldType)] = &[
    ("person", Text),
    ("name", Text),
    ("dosage", Text),
    ("frequency", Text),
    ("indication", Text),
    ("startDate", Date),
    ("endDate", Date),
    ("documents", Text),
];
const MEDICAL_FILES: &[(&str, FieldType)] = &[("person", Text), ("documents", Text)];

/// A custom field as MANO's organisation configuration holds it (other keys ignored).
#[derive(Debug, Deserialize)]
struct CustomField {
    name: String,
    #[serde(default)]
    label: Option<String>,
    #[serde(rename = "type")]
    field_type: FieldType,
}

/// An entry of a configuration list: a field, or a group of fields.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum ConfigEntry {
    Group { fields: Vec<CustomField> },
    Field(CustomField),
}

/// Custom fields by configuration key, then by header (label and name).
type Custom = BTreeMap<String, BTreeMap<String, FieldType>>;

/// Reads a MANO `data.xlsx` export (module docs). `config` is the organisation's custom-field
/// configuration (JSON), when known. Errors: `mano.unreadable`, `mano.bad_config`.
pub fn read_export(bytes: &[u8], config: Option<&str>) -> Result<ManoExport, MealError> {
    let custom = config.map(read_config).transpose()?.unwrap_or_default();
    let sheets = read_workbook(bytes, "mano.unreadable")?;
    let mut findings = Vec::new();
    let mut out = Vec::with_capacity(sheets.len());
    for sheet in &sheets {
        let known = SHEETS
            .iter()
            .find(|(name, _, _)| name.eq_ignore_ascii_case(sheet.name.trim()));
        if known.is_none() {
            findings.push(
                Finding::warning("mano.unknown_sheet", sheet.name.as_str())
                    .with("sheet", &sheet.name),
            );
        }
        let fields = known.map(|(_, defaults, key)| {
            let configured = key.and_then(|k| custom.get(k));
            (*defaults, configured)
        });
        let loaded = read_sheet(sheet, fields, &mut findings)?;
        out.push(ManoSheet {
            name: sheet.name.clone(),
            loaded,
        });
    }
    let any_known = sheets.iter().any(|s| {
        SHEETS
            .iter()
            .any(|(name, _, _)| name.eq_ignore_ascii_case(s.name.trim()))
    });
    if !any_known {
        findings.push(Finding::warning("mano.no_known_sheet", ""));
    }
    sort_findings(&mut findings);
    Ok(ManoExport {
        sheets: out,
        findings,
    })
}

/// The custom fields of `config` (module docs, "Custom fields").
fn read_config(config: &str) -> Result<Custom, MealError> {
    let bad =
        |detail: &dyn std::fmt::Display| MealError::new("mano.bad_config").with("detail", detail);
    let value: Json = serde_json::from_str(config).map_err(|e| bad(&e))?;
    let Json::Object(object) = value else {
        return Err(bad(&"not a JSON object"));
    };
    let mut custom = Custom::new();
    for key in SHEETS.iter().filter_map(|(_, _, key)| *key) {
        let Some(list) = object.get(key) else {
            continue;
        };
        let entries: Vec<ConfigEntry> =
            serde_json::from_value(list.clone()).map_err(|e| bad(&format!("{key}: {e}")))?;
        let fields = custom.entry(key.to_owned()).or_default();
        for entry in entries {
            let group = match entry {
                ConfigEntry::Group { fields } => fields,
                ConfigEntry::Field(field) => vec![field],
            };
            for field in group {
                if let Some(label) = &field.label {
                    fields.insert(label.clone(), field.field_type);
                }
                fields.insert(field.name, field.field_type);
            }
        }
    }
    Ok(custom)
}

/// A known sheet's default fields and its configured custom fields.
type Fields<'a> = (
    &'a [(&'a str, FieldType)],
    Option<&'a BTreeMap<String, FieldType>>,
);

/// One sheet into a loaded table (module docs).
fn read_sheet(
    sheet: &Sheet,
    fields: Option<Fields<'_>>,
    findings: &mut Vec<Finding>,
) -> Result<Loaded, MealError> {
    let rows = sheet.rows();
    // The first row with a value is the header (SheetJS writes it on row 1).
    let (header, body) = match rows.split_first() {
        Some(((_, header), body)) => (header.clone(), body),
        None => (BTreeMap::new(), &[][..]),
    };
    let mut positions: Vec<u32> = header.keys().copied().collect();
    for (_, cells) in body {
        positions.extend(cells.keys());
    }
    positions.sort_unstable();
    positions.dedup();
    let mut columns: Vec<(u32, ColumnSpec)> = Vec::with_capacity(positions.len());
    for col in positions {
        let name = column_name(sheet, &header, col, &columns, findings);
        let column_type = field_type(&name, fields).map_or_else(
            || {
                if fields.is_some() {
                    findings.push(
                        Finding::warning("mano.unknown_column", sheet.name.as_str())
                            .with("sheet", &sheet.name)
                            .with("column", &name),
                    );
                }
                ColumnType::Text
            },
            FieldType::column_type,
        );
        columns.push((col, ColumnSpec::new(&name, column_type, false)));
    }
    let schema = Schema::new(columns.iter().map(|(_, spec)| spec.clone()).collect());
    let mut feed = String::new();
    for (_, cells) in body {
        let object: Map<String, Json> = columns
            .iter()
            .filter_map(|(col, spec)| {
                let text = cells.get(col)?;
                Some((
                    spec.name.clone(),
                    Json::from(normalised(text, spec.column_type)),
                ))
            })
            .collect();
        feed.push_str(&Json::Object(object).to_string());
        feed.push('\n');
    }
    let loaded = Table::from_json_lines(&schema, &feed)?;
    let numbers: Vec<u64> = body.iter().map(|(row, _)| u64::from(*row) + 1).collect();
    Ok(renumbered(loaded, &numbers))
}

/// The name of the column at `col`: its header, or its letter when blank, made unique.
fn column_name(
    sheet: &Sheet,
    header: &BTreeMap<u32, &str>,
    col: u32,
    columns: &[(u32, ColumnSpec)],
    findings: &mut Vec<Finding>,
) -> String {
    let letter = column_letters(col);
    let taken = |name: &str| columns.iter().any(|(_, c)| c.name == name);
    let warn = |code: &str, name: &str| {
        Finding::warning(code, sheet.name.as_str())
            .with("sheet", &sheet.name)
            .with("column", name)
    };
    match header.get(&col) {
        Some(name) if !taken(name) => (*name).to_owned(),
        Some(name) => {
            let unique = format!("{name} ({letter})");
            findings.push(warn("mano.duplicate_header", &unique));
            unique
        }
        None => {
            findings.push(warn("mano.blank_header", &letter));
            // A header could be the letter itself; the letter in brackets cannot collide
            // with another blank column.
            if taken(&letter) {
                format!("({letter})")
            } else {
                letter
            }
        }
    }
}

/// The MANO type of a header on a known sheet: default field first, then custom field.
fn field_type(name: &str, fields: Option<Fields<'_>>) -> Option<FieldType> {
    let (defaults, custom) = fields?;
    COMMON
        .iter()
        .chain(defaults.iter())
        .find(|(field, _)| *field == name)
        .map(|(_, t)| *t)
        .or_else(|| custom.and_then(|c| c.get(name).copied()))
}

/// MANO's representation of a value as the data loader reads it (module docs, table).
fn normalised(text: &str, column_type: ColumnType) -> String {
    match column_type {
        ColumnType::Boolean => match text {
            "Oui" | "oui" | "OUI" => "true".to_owned(),
            "Non" | "non" | "NON" => "false".to_owned(),
            other => other.to_owned(),
        },
        ColumnType::Date => match text.split_once('T') {
            Some((day, _)) if day.len() == 10 => day.to_owned(),
            _ => text.to_owned(),
        },
        ColumnType::DateTime if has_no_offset(text) => format!("{text}Z"),
        _ => text.to_owned(),
    }
}

/// `YYYY-MM-DDTHH:MM:SS[.fff]` with nothing after: a spreadsheet timestamp, no offset.
fn has_no_offset(text: &str) -> bool {
    let Some((_, time)) = text.split_once('T') else {
        return false;
    };
    !time.is_empty()
        && time
            .chars()
            .all(|c| c.is_ascii_digit() || c == ':' || c == '.')
}

/// The loaded table with the loader's line numbers replaced by spreadsheet row numbers.
fn renumbered(mut loaded: Loaded, rows: &[u64]) -> Loaded {
    let row_of = |line: u64| {
        usize::try_from(line.saturating_sub(1))
            .ok()
            .and_then(|i| rows.get(i).copied())
            .unwrap_or(line)
    };
    for rejected in &mut loaded.rejected {
        rejected.row = row_of(rejected.row);
    }
    let source_rows: Vec<u64> = loaded
        .table
        .source_rows()
        .iter()
        .map(|&l| row_of(l))
        .collect();
    let schema = loaded.table.schema().clone();
    let columns = loaded.table.columns().to_vec();
    loaded.table = Table::from_parts(schema, columns, source_rows);
    loaded
}

/// Every code this file raises, in English and French.
pub const MESSAGES: &[Message] = &[
    Message {
        code: "mano.unreadable",
        en: "The MANO export cannot be read: {detail}",
        fr: "L'export MANO ne peut pas être lu : {detail}",
    },
    Message {
        code: "mano.bad_config",
        en: "The MANO custom-field configuration cannot be read: {detail}",
        fr: "La configuration des champs personnalisés MANO ne peut pas être lue : {detail}",
    },
    Message {
        code: "mano.no_known_sheet",
        en: "No sheet of this workbook is a sheet of the MANO export",
        fr: "Aucune feuille de ce classeur n'est une feuille de l'export MANO",
    },
    Message {
        code: "mano.unknown_sheet",
        en: "Sheet '{sheet}' is not a sheet of the MANO export; it was read as text",
        fr: "La feuille « {sheet} » n'est pas une feuille de l'export MANO ; elle a été lue comme du texte",
    },
    Message {
        code: "mano.unknown_column",
        en: "Column '{column}' of sheet '{sheet}' is neither a MANO field nor a configured custom field; it was read as text",
        fr: "La colonne « {column} » de la feuille « {sheet} » n'est ni un champ MANO ni un champ personnalisé configuré ; elle a été lue comme du texte",
    },
    Message {
        code: "mano.blank_header",
        en: "Sheet '{sheet}' has values under a blank header; the column is named {column}",
        fr: "La feuille « {sheet} » a des valeurs sous un en-tête vide ; la colonne est nommée {column}",
    },
    Message {
        code: "mano.duplicate_header",
        en: "Sheet '{sheet}' repeats a header; the repeated column is named '{column}'",
        fr: "La feuille « {sheet} » répète un en-tête ; la colonne répétée est nommée « {column} »",
    },
];

#[cfg(test)]
mod tests {
    use super::*;
    use rust_xlsxwriter::Workbook;

    /// A cell written by the generator: SheetJS writes strings, numbers and booleans.
    enum Cell<'a> {
        S(&'a str),
        N(f64),
        B(bool),
    }
    use Cell::{B, N, S};

    /// A MANO-style `data.xlsx`: each sheet a header row and its records.
    type SheetSpec<'a> = (&'a str, &'a [&'a str], &'a [&'a [Cell<'a>]]);

    fn workbook(sheets: &[SheetSpec<'_>]) -> Vec<u8> {
        let mut book = Workbook::new();
        for (name, header, rows) in sheets {
            let sheet = book.add_worksheet();
            sheet.set_name(*name).unwrap();
            for (col, text) in header.iter().enumerate() {
                sheet.write_string(0, col as u16, *text).unwrap();
            }
            for (r, row) in rows.iter().enumerate() {
                for (c, cell) in row.iter().enumerate() {
                    let (r, c) = (r as u32 + 1, c as u16);
                    match cell {
                        S("") => {}
                        S(text) => {
                            sheet.write_string(r, c, *text).unwrap();
                        }
                        N(n) => {
                            sheet.write_number(r, c, *n).unwrap();
                        }
                        B(b) => {
                            sheet.write_boolean(r, c, *b).unwrap();
                        }
                    }
                }
            }
        }
        book.save_to_buffer().unwrap()
    }

    const CONFIG: &str = r#"{
        "customFieldsPersons": [{"name": "Informations sociales", "fields": [
            {"name": "custom-2024-01-01T00:00:00.000Z", "label": "Hébergé", "type": "yes-no", "enabled": true},
            {"name": "custom-2024-02-01T00:00:00.000Z", "label": "Nombre d'enfants", "type": "number"}]}],
        "groupedCustomFieldsObs": [{"name": "Jauge", "label": "Jauge", "type": "number"}],
        "organisationName": "ignored"}"#;

    fn persons() -> Vec<u8> {
        workbook(&[
            (
                "personnes suivies",
                &[
                    "_id",
                    "name",
                    "birthdate",
                    "healthInsurances",
                    "alertness",
                    "Hébergé",
                    "Nombre d'enfants",
                    "createdAt",
                    "pointure",
                ],
                &[
                    &[
                        S("p1"),
                        S("Amina"),
                        S("1990-01-31T00:00:00.000Z"),
                        S("AME, Régime Général"),
                        B(true),
                        S("Oui"),
                        N(2.0),
                        S("2025-03-01T10:00:00.000Z"),
                        S("42"),
                    ],
                    &[
                        S("p2"),
                        S("Bakary"),
                        S("31/01/1990"),
                        S(""),
                        B(false),
                        S("Non"),
                        S(""),
                        S(""),
                        S(""),
                    ],
                    &[
                        S("p3"),
                        S(""),
                        S(""),
                        S(""),
                        S(""),
                        S("Peut-être"),
                        S("deux"),
                        S(""),
                        S(""),
                    ],
                ],
            ),
            (
                "services",
                &["date", "service", "count", "team"],
                &[&[S("2026-01-05"), S("Douche"), N(14.0), S("t1")]],
            ),
            ("notes", &["texte"], &[&[S("libre")]]),
        ])
    }

    fn codes(findings: &[Finding]) -> Vec<String> {
        findings.iter().map(|f| f.code.clone()).collect()
    }

    #[test]
    fn sheets_are_typed_by_default_and_custom_fields() {
        let export = read_export(&persons(), Some(CONFIG)).unwrap();
        assert_eq!(export.sheets.len(), 3);
        let persons = &export.sheets[0].loaded;
        let types: Vec<_> = persons
            .table
            .schema()
            .columns
            .iter()
            .map(|c| c.column_type.name())
            .collect();
        assert_eq!(
            types,
            [
                "text",
                "text",
                "date",
                "text",
                "boolean",
                "boolean",
                "decimal",
                "date_time",
                "text"
            ]
        );
        assert_eq!(persons.rows_read, 3);
        assert_eq!(persons.table.source_rows(), [2]);
        assert_eq!(
            persons.table.to_json_lines(),
            concat!(
                r#"{"_id":"p1","name":"Amina","birthdate":"1990-01-31","healthInsurances":"AME, Régime Général","#,
                r#""alertness":true,"Hébergé":true,"Nombre d'enfants":"2","createdAt":"2025-03-01T10:00:00+00:00","pointure":"42"}"#,
                "\n"
            )
        );
        let rejected: Vec<_> = persons
            .rejected
            .iter()
            .map(|r| (r.row, codes(&r.findings)))
            .collect();
        assert_eq!(
            rejected,
            [
                (3, vec!["data.not_date".to_owned()]),
                (
                    4,
                    vec!["data.not_boolean".to_owned(), "data.not_decimal".to_owned()]
                ),
            ]
        );
        let services = &export.sheets[1].loaded;
        assert_eq!(
            services.table.to_json_lines(),
            "{\"date\":\"2026-01-05\",\"service\":\"Douche\",\"count\":\"14\",\"team\":\"t1\"}\n"
        );
        assert_eq!(
            codes(&export.findings),
            ["mano.unknown_sheet", "mano.unknown_column"]
        );
        assert_eq!(export.findings[1].params["column"], "pointure");
        assert_eq!(
            export.sheets[2].loaded.table.to_json_lines(),
            "{\"texte\":\"libre\"}\n"
        );
    }

    #[test]
    fn without_config_custom_columns_are_text_and_said_so() {
        let export = read_export(&persons(), None).unwrap();
        let persons = &export.sheets[0].loaded;
        assert_eq!(persons.rows_read, 3);
        assert_eq!(persons.rejected.len(), 1, "only the bad birthdate remains");
        let unknown: Vec<_> = export
            .findings
            .iter()
            .filter(|f| f.code == "mano.unknown_column")
            .map(|f| f.params["column"].as_str())
            .collect();
        assert_eq!(unknown, ["Hébergé", "Nombre d'enfants", "pointure"]);
    }

    #[test]
    fn headers_blank_or_repeated_and_workbooks_without_mano_sheets() {
        let bytes = workbook(&[("équipes", &["name", "name"], &[&[S("A"), S("B"), S("C")]])]);
        let export = read_export(&bytes, None).unwrap();
        let names: Vec<_> = export.sheets[0]
            .loaded
            .table
            .schema()
            .columns
            .iter()
            .map(|c| c.name.as_str())
            .collect();
        assert_eq!(names, ["name", "name (B)", "C"]);
        assert_eq!(
            codes(&export.findings),
            [
                "mano.blank_header",
                "mano.duplicate_header",
                "mano.unknown_column",
                "mano.unknown_column"
            ]
        );
        let empty = read_export(&workbook(&[("Feuil1", &[], &[])]), None).unwrap();
        assert_eq!(
            codes(&empty.findings),
            ["mano.no_known_sheet", "mano.unknown_sheet"]
        );
        assert_eq!(empty.sheets[0].loaded.rows_read, 0);
    }

    #[test]
    fn unreadable_inputs_are_errors() {
        assert_eq!(
            read_export(b"not a zip", None).unwrap_err().code,
            "mano.unreadable"
        );
        assert_eq!(
            read_export(&persons(), Some("[]")).unwrap_err().code,
            "mano.bad_config"
        );
        let bad_type = r#"{"customFieldsPersons": [{"name": "x", "type": "colour"}]}"#;
        assert_eq!(
            read_export(&persons(), Some(bad_type)).unwrap_err().code,
            "mano.bad_config"
        );
    }
}
