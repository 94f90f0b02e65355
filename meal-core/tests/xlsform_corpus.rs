//! XLSForm import against real workbooks: the reference mission's five forms in
//! `examples/forms/` read with no finding, and a corpus of deliberately broken forms — written
//! as real `.xlsx` bytes at test time with rust_xlsxwriter — each gives exactly the expected
//! findings (code and cell). Arbitrary and mutated bytes never panic.
//!
//! The corpus is also a set of conformance vectors (`tests/vectors/xlsform_corpus.json`: the
//! same bytes, base64, with the same hand-written expectations), so every binding's reader
//! is checked on it. After changing the corpus:
//! `MEAL_UPDATE_VECTORS=1 cargo test -p meal-core --test xlsform_corpus`.

// A test file: a failed unwrap is a failed test (helpers outside `#[test]` need saying so).
#![allow(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)]

use std::path::PathBuf;

use meal_core::form::{CompiledForm, Field, FieldType, Form, Required};
use meal_core::xlsform;
use meal_core::{Finding, Locale, Severity};
use proptest::prelude::*;

// ---------------------------------------------------------------------------------------------
// Workbooks written at test time

const FR: &str = "label::Français (fr)";
const EN: &str = "label::English (en)";

/// The survey header of most corpus cases, columns A to K.
const HEADER: &[&str] = &[
    "type",                            // A
    "name",                            // B
    FR,                                // C
    EN,                                // D
    "required",                        // E
    "constraint",                      // F
    "relevant",                        // G
    "calculation",                     // H
    "parameters",                      // I
    "required_message::Français (fr)", // J
    "required_message::English (en)",  // K
];

#[path = "support/workbooks.rs"]
mod workbooks;
use workbooks::{book, Rows};

fn choices_yes_no<'a>() -> Rows<'a> {
    vec![
        vec!["list_name", "name", FR, EN],
        vec!["oui_non", "oui", "Oui", "Yes"],
        vec!["oui_non", "non", "Non", "No"],
    ]
}

fn settings<'a>() -> Rows<'a> {
    vec![
        vec!["form_id", "version", "default_language"],
        vec!["essai", "1", "fr"],
    ]
}

/// A workbook whose survey has the standard header and `rows`, with standard choices and
/// settings.
fn survey(rows: &[&[&'static str]]) -> Vec<u8> {
    let mut sheet = vec![HEADER.to_vec()];
    sheet.extend(rows.iter().map(|r| r.to_vec()));
    book(&[
        ("survey", sheet),
        ("choices", choices_yes_no()),
        ("settings", settings()),
    ])
}

/// The same with a choices sheet of its own.
fn survey_with_choices(rows: &[&[&'static str]], choices: Rows<'static>) -> Vec<u8> {
    let mut sheet = vec![HEADER.to_vec()];
    sheet.extend(rows.iter().map(|r| r.to_vec()));
    book(&[
        ("survey", sheet),
        ("choices", choices),
        ("settings", settings()),
    ])
}

/// A valid first row most cases start from.
const AGE: &[&str] = &["integer", "age", "Âge", "Age"];

fn findings(bytes: &[u8]) -> Vec<(String, String)> {
    let parsed = xlsform::read(bytes).unwrap_or_else(|e| panic!("read failed: {e}"));
    parsed
        .findings
        .iter()
        .map(|f| (f.code.clone(), f.path.clone()))
        .collect()
}

fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
    expected
        .iter()
        .map(|(c, p)| ((*c).to_owned(), (*p).to_owned()))
        .collect()
}

// ---------------------------------------------------------------------------------------------
// The reference mission's forms

const FORMS: &[&str] = &[
    "consultation_medicale",
    "suivi_sante_mentale",
    "dossier_socio_juridique",
    "contact_maraude_littoral",
    "feedback_plainte",
];

fn example(name: &str) -> Vec<u8> {
    let path: PathBuf = [
        env!("CARGO_MANIFEST_DIR"),
        "..",
        "examples",
        "forms",
        &format!("{name}.xlsx"),
    ]
    .iter()
    .collect();
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn count_fields(fields: &[Field]) -> usize {
    fields.iter().map(|f| 1 + count_fields(&f.children)).sum()
}

fn find<'a>(fields: &'a [Field], name: &str) -> Option<&'a Field> {
    fields.iter().find_map(|f| {
        if f.name == name {
            Some(f)
        } else {
            find(&f.children, name)
        }
    })
}

#[test]
fn the_five_mission_forms_read_and_compile_without_findings() {
    for name in FORMS {
        let parsed = xlsform::read(&example(name)).unwrap();
        let shown: Vec<String> = parsed
            .findings
            .iter()
            .map(|f| format!("{} {} {}", f.path, f.code, f.message(Locale::En)))
            .collect();
        assert!(shown.is_empty(), "{name}:\n{}", shown.join("\n"));
        let form = parsed.value;
        assert_eq!(form.id, *name);
        assert_eq!(form.default_language.as_deref(), Some("fr"));
        assert_eq!(form.title.keys().collect::<Vec<_>>(), ["en", "fr"]);
        assert!(count_fields(&form.fields) >= 15, "{name}");
        assert!(
            form.fields
                .iter()
                .any(|f| matches!(f.field_type, FieldType::Group | FieldType::Repeat)),
            "{name} has a group"
        );
        let (compiled, compile_findings) = CompiledForm::new(form);
        assert!(compiled.is_some(), "{name}");
        assert!(compile_findings.is_empty(), "{name}: {compile_findings:?}");
    }
}

#[test]
fn two_mission_forms_have_a_repeat() {
    let with_repeat = FORMS
        .iter()
        .filter(|name| {
            let form = xlsform::read(&example(name)).unwrap().value;
            form.fields
                .iter()
                .any(|f| f.field_type == FieldType::Repeat)
        })
        .count();
    assert!(with_repeat >= 2);
}

#[test]
fn the_consultation_form_reads_as_written() {
    let form: Form = xlsform::read(&example("consultation_medicale"))
        .unwrap()
        .value;
    let age = find(&form.fields, "age").unwrap();
    assert_eq!(age.field_type, FieldType::Integer);
    assert_eq!(age.label["fr"], "Âge (années, déclaré)");
    assert_eq!(age.label["en"], "Age (years, as stated)");
    assert_eq!(age.required, Some(Required::Always(true)));
    assert_eq!(age.constraint.as_deref(), Some(". >= 0 and . <= 110"));
    assert!(age.warning.is_some() && age.warning_message.contains_key("fr"));
    let patient = find(&form.fields, "patient").unwrap();
    assert_eq!(patient.field_type, FieldType::Group);
    assert!(patient.children.iter().any(|f| f.name == "enceinte"));
    let motifs = find(&form.fields, "motifs").unwrap();
    assert_eq!(
        motifs.field_type,
        FieldType::SelectMultiple {
            list: "motifs".into()
        }
    );
    let other = find(&form.fields, "motif_autre").unwrap();
    assert_eq!(
        other.relevant.as_deref(),
        Some("selected(${motifs}, 'autre')")
    );
    assert_eq!(
        find(&form.fields, "debut").unwrap().field_type,
        FieldType::Start
    );
    assert_eq!(form.choices["sites"].len(), 6);
    assert_eq!(form.choices["motifs"].last().unwrap().label["en"], "Other");
}

#[test]
fn ranges_repeats_and_choice_properties_are_kept() {
    let suivi = xlsform::read(&example("suivi_sante_mentale"))
        .unwrap()
        .value;
    assert_eq!(
        find(&suivi.fields, "thermometre").unwrap().field_type,
        FieldType::Range {
            start: "0".into(),
            end: "10".into(),
            step: "1".into()
        }
    );
    let maraude = xlsform::read(&example("contact_maraude_littoral"))
        .unwrap()
        .value;
    let people = find(&maraude.fields, "personnes").unwrap();
    assert_eq!(people.field_type, FieldType::Repeat);
    assert_eq!(people.children.len(), 5);
    let feedback = xlsform::read(&example("feedback_plainte")).unwrap().value;
    let fraud = feedback.choices["categories"]
        .iter()
        .find(|c| c.name == "fraude")
        .unwrap();
    assert_eq!(fraud.properties["type"], "plainte_sensible");
}

// ---------------------------------------------------------------------------------------------
// The broken corpus: each case, exactly its findings

struct Case {
    name: &'static str,
    bytes: Vec<u8>,
    expected: &'static [(&'static str, &'static str)],
}

fn case(
    name: &'static str,
    bytes: Vec<u8>,
    expected: &'static [(&'static str, &'static str)],
) -> Case {
    Case {
        name,
        bytes,
        expected,
    }
}

fn corpus() -> Vec<Case> {
    vec![
        // Types
        case(
            "unknown type",
            survey(&[AGE, &["integr", "poids", "Poids", "Weight"]]),
            &[("xlsform.unknown_type", "survey!A3")],
        ),
        case(
            "known XLSForm type the model cannot carry",
            survey(&[&["geoshape", "zone", "Zone", "Area"]]),
            &[("xlsform.unsupported_type", "survey!A2")],
        ),
        case(
            "select without a list",
            survey(&[
                AGE,
                AGE.get(..0).unwrap(),
                &["select_one", "choix", "Choix", "Choice"],
            ]),
            &[("xlsform.select_without_list", "survey!A4")],
        ),
        case(
            "a row with a name and no type",
            survey(&[AGE, &["", "poids", "Poids", "Weight"]]),
            &[("xlsform.missing_type", "survey!A3")],
        ),
        // Names
        case(
            "missing name",
            survey(&[AGE, &["text", "", "Nom", "Name"]]),
            &[("xlsform.missing_name", "survey!B3")],
        ),
        case(
            "invalid name",
            survey(&[&["integer", "2age", "Âge", "Age"]]),
            &[("xlsform.invalid_name", "survey!B2")],
        ),
        case(
            "name with a space",
            survey(&[&["integer", "mon age", "Âge", "Age"]]),
            &[("xlsform.invalid_name", "survey!B2")],
        ),
        case(
            "duplicate name",
            survey(&[
                AGE,
                &["text", "nom", "Nom", "Name"],
                &["integer", "age", "Âge", "Age"],
            ]),
            &[("xlsform.duplicate_name", "survey!B4")],
        ),
        case(
            "a group and a question with the same name",
            survey(&[
                &["begin_group", "age", "Groupe", "Group"],
                &["integer", "age", "Âge", "Age"],
                &["text", "nom", "Nom", "Name"],
                &["end_group"],
            ]),
            &[("xlsform.duplicate_name", "survey!B3")],
        ),
        // Groups and repeats
        case(
            "group never closed",
            survey(&[&["begin_group", "identite", "Identité", "Identity"], AGE]),
            &[("xlsform.unclosed_group", "survey!A2")],
        ),
        case(
            "repeat never closed",
            survey(&[
                AGE,
                &["begin repeat", "membres", "Membres", "Members"],
                &["text", "prenom", "Prénom", "First name"],
            ]),
            &[("xlsform.unclosed_repeat", "survey!A3")],
        ),
        case(
            "end_group with no group open",
            survey(&[AGE, &["end_group"]]),
            &[("xlsform.unmatched_end_group", "survey!A3")],
        ),
        case(
            "end_repeat closing a group",
            survey(&[
                &["begin_group", "identite", "Identité", "Identity"],
                AGE,
                &["end_repeat"],
                &["end_group"],
            ]),
            &[("xlsform.unmatched_end_repeat", "survey!A4")],
        ),
        case(
            "interleaved group and repeat",
            survey(&[
                &["begin_group", "g", "Groupe", "Group"],
                &["begin_repeat", "r", "Répétition", "Repeat"],
                AGE,
                &["end_group"],
                &["end_repeat"],
            ]),
            &[
                ("xlsform.unclosed_group", "survey!A2"),
                ("xlsform.unmatched_end_group", "survey!A5"),
            ],
        ),
        case(
            "empty group",
            survey(&[
                &["begin group", "vide", "Vide", "Empty"],
                &["end group"],
                AGE,
            ]),
            &[("xlsform.empty_group", "survey!A2")],
        ),
        // Choices
        case(
            "select of a list the choices sheet lacks",
            survey(&[AGE, &["select_one sites", "site", "Site", "Site"]]),
            &[("xlsform.missing_choice_list", "survey!A3")],
        ),
        case(
            "duplicate choice",
            survey_with_choices(
                &[&["select_one oui_non", "accord", "Accord ?", "Agree?"]],
                vec![
                    vec!["list_name", "name", FR, EN],
                    vec!["oui_non", "oui", "Oui", "Yes"],
                    vec!["oui_non", "non", "Non", "No"],
                    vec!["oui_non", "oui", "Oui encore", "Yes again"],
                ],
            ),
            &[("xlsform.duplicate_choice", "choices!B4")],
        ),
        case(
            "choice without a name",
            survey_with_choices(
                &[&["select_one oui_non", "accord", "Accord ?", "Agree?"]],
                vec![
                    vec!["list_name", "name", FR, EN],
                    vec!["oui_non", "oui", "Oui", "Yes"],
                    vec!["oui_non", "", "Non", "No"],
                ],
            ),
            &[("xlsform.missing_choice_name", "choices!B3")],
        ),
        case(
            "choice without a list name",
            survey_with_choices(
                &[&["select_one oui_non", "accord", "Accord ?", "Agree?"]],
                vec![
                    vec!["list_name", "name", FR, EN],
                    vec!["oui_non", "oui", "Oui", "Yes"],
                    vec!["", "non", "Non", "No"],
                ],
            ),
            &[("xlsform.missing_list_name", "choices!A3")],
        ),
        case(
            "choice name with a space in a select_multiple list",
            survey_with_choices(
                &[&["select_multiple besoins", "besoins", "Besoins", "Needs"]],
                vec![
                    vec!["list_name", "name", FR, EN],
                    vec!["besoins", "soins", "Soins", "Care"],
                    vec!["besoins", "eau potable", "Eau potable", "Drinking water"],
                ],
            ),
            &[("xlsform.choice_name_with_space", "choices!B3")],
        ),
        case(
            "choice without a label",
            survey_with_choices(
                &[&["select_one oui_non", "accord", "Accord ?", "Agree?"]],
                vec![
                    vec!["list_name", "name", FR, EN],
                    vec!["oui_non", "oui", "Oui", "Yes"],
                    vec!["oui_non", "non"],
                ],
            ),
            &[("xlsform.missing_choice_label", "choices!C3")],
        ),
        case(
            "choices sheet without a name column",
            survey_with_choices(
                &[AGE],
                vec![
                    vec!["list_name", "valeur", FR, EN],
                    vec!["oui_non", "oui", "Oui", "Yes"],
                ],
            ),
            &[("xlsform.missing_column", "choices!A1")],
        ),
        // Expressions
        case(
            "unbalanced parenthesis",
            survey(&[&["integer", "age", "Âge", "Age", "", ". > (3"]]),
            &[("xlsform.bad_expression", "survey!F2")],
        ),
        case(
            "unknown function",
            survey(&[&["integer", "age", "Âge", "Age", "", "plusgrand(., 3)"]]),
            &[("xlsform.bad_expression", "survey!F2")],
        ),
        case(
            "operator with no right operand",
            survey(&[
                AGE,
                &["text", "ecole", "École", "School", "", "", "${age} <"],
            ]),
            &[("xlsform.bad_expression", "survey!G3")],
        ),
        case(
            "two operators in a row",
            survey(&[
                AGE,
                &["calculate", "double", "", "", "", "", "", "${age} * * 2"],
            ]),
            &[("xlsform.bad_expression", "survey!H3")],
        ),
        case(
            "unterminated string",
            survey(&[
                AGE,
                &["text", "nom", "Nom", "Name", "", "regex(., '^[A-Z]+)"],
            ]),
            &[("xlsform.bad_expression", "survey!F3")],
        ),
        case(
            "required as a broken expression",
            survey(&[AGE, &["text", "nom", "Nom", "Name", "${age} >="]]),
            &[("xlsform.bad_expression", "survey!E3")],
        ),
        case(
            "reference to an unknown field",
            survey(&[
                AGE,
                &["text", "ecole", "École", "School", "", "", "${agee} < 18"],
            ]),
            &[("xlsform.unknown_reference", "survey!G3")],
        ),
        case(
            "reference to an unknown field in a label",
            survey(&[AGE, &["note", "resume", "Âge : ${ag}", "Age: ${age}"]]),
            &[("xlsform.unknown_reference", "survey!C3")],
        ),
        case(
            "calculate without a calculation",
            survey(&[AGE, &["calculate", "double"]]),
            &[("xlsform.missing_calculation", "survey!H3")],
        ),
        // Parameters, required, counts
        case(
            "range step that does not divide the span",
            survey(&[&[
                "range",
                "score",
                "Score",
                "Score",
                "",
                "",
                "",
                "",
                "start=0 end=10 step=3",
            ]]),
            &[("xlsform.bad_range", "survey!I2")],
        ),
        case(
            "range with a non-numeric bound",
            survey(&[&[
                "range",
                "score",
                "Score",
                "Score",
                "",
                "",
                "",
                "",
                "start=a end=10",
            ]]),
            &[("xlsform.bad_range", "survey!I2")],
        ),
        case(
            "range with a zero step",
            survey(&[&[
                "range",
                "score",
                "Score",
                "Score",
                "",
                "",
                "",
                "",
                "start=0 end=10 step=0",
            ]]),
            &[("xlsform.bad_range", "survey!I2")],
        ),
        case(
            "parameters that are not key=value",
            survey(&[&[
                "range",
                "score",
                "Score",
                "Score",
                "",
                "",
                "",
                "",
                "start 0 end 10",
            ]]),
            &[("xlsform.bad_parameters", "survey!I2")],
        ),
        case(
            "required neither yes, no nor an expression",
            survey(&[&["integer", "age", "Âge", "Age", "oui"]]),
            &[("xlsform.bad_yes_no", "survey!E2")],
        ),
        case(
            "required message with nothing required",
            survey(&[&[
                "integer",
                "age",
                "Âge",
                "Age",
                "",
                "",
                "",
                "",
                "",
                "Obligatoire",
                "Required",
            ]]),
            &[("xlsform.message_without_check", "survey!J2")],
        ),
        // Labels and columns
        case(
            "question without a label",
            survey(&[AGE, &["text", "nom"]]),
            &[("xlsform.missing_label", "survey!C3")],
        ),
        case(
            "label in one language only",
            survey(&[AGE, &["text", "nom", "Nom"]]),
            &[("xlsform.missing_translation", "survey!D3")],
        ),
        case(
            "survey without label columns",
            book(&[
                ("survey", vec![vec!["type", "name"], vec!["integer", "age"]]),
                ("settings", settings()),
            ]),
            &[("xlsform.missing_column", "survey!A1")],
        ),
        case(
            "survey without a name column",
            book(&[
                ("survey", vec![vec!["type", FR], vec!["integer", "Âge"]]),
                ("settings", settings()),
            ]),
            &[("xlsform.missing_column", "survey!A1")],
        ),
        case(
            "misspelt column",
            book(&[
                (
                    "survey",
                    vec![
                        vec!["type", "name", FR, EN, "contraint"],
                        vec!["integer", "age", "Âge", "Age", ". > 0"],
                    ],
                ),
                ("settings", settings()),
            ]),
            &[("xlsform.unknown_column", "survey!E1")],
        ),
        case(
            "XLSForm column the library does not carry",
            book(&[
                (
                    "survey",
                    vec![
                        vec!["type", "name", FR, EN, "guidance_hint"],
                        vec!["integer", "age", "Âge", "Age", "…"],
                    ],
                ),
                ("settings", settings()),
            ]),
            &[("xlsform.unsupported_column", "survey!E1")],
        ),
        case(
            "the same language column twice",
            book(&[
                (
                    "survey",
                    vec![
                        vec!["type", "name", FR, EN, EN],
                        vec!["integer", "age", "Âge", "Age", "Age"],
                    ],
                ),
                ("settings", settings()),
            ]),
            &[("xlsform.duplicate_column", "survey!E1")],
        ),
        case(
            "language without a code",
            book(&[
                (
                    "survey",
                    vec![
                        vec!["type", "name", "label::Français"],
                        vec!["integer", "age", "Âge"],
                    ],
                ),
                (
                    "settings",
                    vec![
                        vec!["form_id", "default_language"],
                        vec!["essai", "Français"],
                    ],
                ),
            ]),
            &[("xlsform.language_without_code", "survey!C1")],
        ),
        case(
            "repeat bound that is not a number",
            book(&[
                (
                    "survey",
                    vec![
                        vec!["type", "name", FR, EN, "max_count"],
                        vec!["begin_repeat", "membres", "Membres", "Members", "deux"],
                        vec!["text", "prenom", "Prénom", "First name"],
                        vec!["end_repeat"],
                    ],
                ),
                ("settings", settings()),
            ]),
            &[("xlsform.bad_count", "survey!E2")],
        ),
        // Settings
        case(
            "no settings sheet",
            book(&[(
                "survey",
                vec![
                    vec!["type", "name", FR, EN],
                    vec!["integer", "age", "Âge", "Age"],
                ],
            )]),
            &[("xlsform.missing_form_id", "settings!A1")],
        ),
        case(
            "settings without form_id",
            book(&[
                (
                    "survey",
                    vec![
                        vec!["type", "name", FR, EN],
                        vec!["integer", "age", "Âge", "Age"],
                    ],
                ),
                (
                    "settings",
                    vec![vec!["version", "default_language"], vec!["3", "fr"]],
                ),
            ]),
            &[("xlsform.missing_form_id", "settings!A2")],
        ),
        case(
            "form_id that is not a name",
            book(&[
                (
                    "survey",
                    vec![
                        vec!["type", "name", FR, EN],
                        vec!["integer", "age", "Âge", "Age"],
                    ],
                ),
                (
                    "settings",
                    vec![vec!["version", "form_id"], vec!["3", "mon formulaire"]],
                ),
            ]),
            &[("xlsform.invalid_form_id", "settings!B2")],
        ),
        case(
            "default language no column uses",
            book(&[
                (
                    "survey",
                    vec![
                        vec!["type", "name", FR, EN],
                        vec!["integer", "age", "Âge", "Age"],
                    ],
                ),
                (
                    "settings",
                    vec![vec!["form_id", "default_language"], vec!["essai", "es"]],
                ),
            ]),
            &[("xlsform.unknown_default_language", "settings!B2")],
        ),
        case(
            "a second settings row",
            book(&[
                (
                    "survey",
                    vec![
                        vec!["type", "name", FR, EN],
                        vec!["integer", "age", "Âge", "Age"],
                    ],
                ),
                (
                    "settings",
                    vec![vec!["form_id"], vec!["essai"], vec!["autre"]],
                ),
            ]),
            &[("xlsform.extra_settings_row", "settings!A3")],
        ),
        case(
            "unknown setting",
            book(&[
                (
                    "survey",
                    vec![
                        vec!["type", "name", FR, EN],
                        vec!["integer", "age", "Âge", "Age"],
                    ],
                ),
                (
                    "settings",
                    vec![vec!["form_id", "langue"], vec!["essai", "fr"]],
                ),
            ]),
            &[("xlsform.unknown_column", "settings!B1")],
        ),
        // Data-protection columns
        case(
            "privacy cell that is no classification",
            book(&[
                (
                    "survey",
                    vec![
                        vec!["type", "name", FR, EN, "privacy", "purposes"],
                        vec!["integer", "age", "Âge", "Age", "secret", "suivi"],
                    ],
                ),
                ("settings", settings()),
            ]),
            &[("xlsform.unknown_classification", "survey!E2")],
        ),
        case(
            "purposes with no classification",
            book(&[
                (
                    "survey",
                    vec![
                        vec!["type", "name", FR, EN, "privacy", "purposes"],
                        vec!["integer", "age", "Âge", "Age", "", "suivi"],
                    ],
                ),
                ("settings", settings()),
            ]),
            &[("xlsform.purposes_without_classification", "survey!F2")],
        ),
        // The compiler's findings, mapped back to their cells
        case(
            "calculation that depends on itself",
            survey(&[
                AGE,
                &[
                    "calculate",
                    "double",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "${double} + ${age}",
                ],
            ]),
            &[("form.self_reference", "survey!H3")],
        ),
        case(
            "calculations that depend on each other",
            survey(&[
                &["calculate", "a", "", "", "", "", "", "${b} + 1"],
                &["calculate", "b", "", "", "", "", "", "${a} + 1"],
            ]),
            &[("form.calculation_cycle", "survey!H2")],
        ),
        case(
            "required note",
            survey(&[AGE, &["note", "info", "Info", "Info", "yes"]]),
            &[("form.required_note", "survey!E3")],
        ),
        // Several problems at once come in workbook order
        case(
            "several problems, in sheet, row and column order",
            survey_with_choices(
                &[
                    &["integr", "a", "A", "A"],
                    &["text", "", "B", "B"],
                    &["select_one listes", "c", "C", "C"],
                ],
                vec![
                    vec!["list_name", "name", FR, EN],
                    vec!["x", "1", "Un", "One"],
                    vec!["x", "1", "Un", "One"],
                ],
            ),
            &[
                ("xlsform.unknown_type", "survey!A2"),
                ("xlsform.missing_name", "survey!B3"),
                ("xlsform.missing_choice_list", "survey!A4"),
                ("xlsform.duplicate_choice", "choices!B3"),
            ],
        ),
    ]
}

#[test]
fn every_broken_form_gives_exactly_its_findings() {
    let cases = corpus();
    assert!(cases.len() >= 30, "{} cases", cases.len());
    let mut failures = Vec::new();
    for case in &cases {
        let got = findings(&case.bytes);
        if got != pairs(case.expected) {
            failures.push(format!(
                "{}:\n  expected {:?}\n  got      {:?}",
                case.name, case.expected, got
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The corpus as conformance vectors of the op `xlsform.read`: each case's bytes and its
/// hand-written expectation, in corpus order.
fn corpus_vectors() -> String {
    use base64::Engine;
    let vectors: Vec<serde_json::Value> = corpus()
        .iter()
        .map(|case| {
            let expected: Vec<_> = case
                .expected
                .iter()
                .map(|(code, path)| serde_json::json!({ "code": code, "path": path }))
                .collect();
            serde_json::json!({
                "name": case.name.replace([' ', '_'], "-"),
                "op": "xlsform.read",
                "input": { "workbook": base64::engine::general_purpose::STANDARD.encode(&case.bytes) },
                "expect": { "ok": expected },
            })
        })
        .collect();
    let file = serde_json::json!({
        "description": "The broken-form corpus of meal-core/tests/xlsform_corpus.rs as vectors: \
            each workbook written there with rust_xlsxwriter, with its hand-written findings \
            (code and sheet!cell). Regenerate with `MEAL_UPDATE_VECTORS=1 cargo test -p \
            meal-core --test xlsform_corpus`.",
        "vectors": vectors,
    });
    serde_json::to_string_pretty(&file).unwrap() + "\n"
}

#[test]
fn the_corpus_vectors_are_current() {
    let path: PathBuf = [
        env!("CARGO_MANIFEST_DIR"),
        "..",
        "tests",
        "vectors",
        "xlsform_corpus.json",
    ]
    .iter()
    .collect();
    let generated = corpus_vectors();
    if std::env::var_os("MEAL_UPDATE_VECTORS").is_some() {
        std::fs::write(&path, &generated).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "{} is stale: run `MEAL_UPDATE_VECTORS=1 cargo test -p meal-core --test xlsform_corpus`",
        path.display()
    );
}

#[test]
fn located_findings_carry_sheet_row_column_and_value() {
    let parsed = xlsform::read(&survey(&[AGE, &["integr", "poids", "Poids", "Weight"]])).unwrap();
    let finding: &Finding = &parsed.findings[0];
    assert_eq!(finding.severity, Severity::Error);
    assert_eq!(finding.params["sheet"], "survey");
    assert_eq!(finding.params["row"], "3");
    assert_eq!(finding.params["column"], "A");
    assert_eq!(finding.params["value"], "integr");
    assert_eq!(
        finding.message(Locale::En),
        "Unknown question type 'integr' at survey!A3"
    );
    assert_eq!(
        finding.message(Locale::Fr),
        "Type de question inconnu « integr » en survey!A3"
    );
}

#[test]
fn warnings_do_not_block() {
    let parsed = xlsform::read(&survey(&[AGE, &["text", "nom", "Nom"]])).unwrap();
    assert!(parsed.findings.iter().all(|f| !f.is_blocking()));
    assert_eq!(find(&parsed.value.fields, "nom").unwrap().label.len(), 1);
}

#[test]
fn bad_expression_names_the_expression_error() {
    let parsed =
        xlsform::read(&survey(&[&["integer", "age", "Âge", "Age", "", ". > (3"]])).unwrap();
    let finding = &parsed.findings[0];
    assert!(
        finding.params["expr_code"].starts_with("expr."),
        "{finding:?}"
    );
    assert!(finding.params.contains_key("position"));
}

#[test]
fn empty_rows_and_a_late_header_keep_spreadsheet_row_numbers() {
    let bytes = book(&[
        (
            "survey",
            vec![
                vec![],
                vec!["type", "name", FR, EN],
                vec!["integer", "age", "Âge", "Age"],
                vec![],
                vec![],
                vec!["integr", "poids", "Poids", "Weight"],
            ],
        ),
        ("settings", settings()),
    ]);
    assert_eq!(
        findings(&bytes),
        pairs(&[("xlsform.unknown_type", "survey!A6")])
    );
}

#[test]
fn plain_label_columns_take_the_default_language() {
    let bytes = book(&[
        (
            "survey",
            vec![
                vec!["type", "name", "label", EN],
                vec!["integer", "age", "Âge", "Age"],
            ],
        ),
        ("settings", settings()),
    ]);
    let parsed = xlsform::read(&bytes).unwrap();
    assert!(parsed.findings.is_empty(), "{:?}", parsed.findings);
    let age = &parsed.value.fields[0];
    assert_eq!(age.label["fr"], "Âge");
    assert_eq!(age.label["en"], "Age");

    let no_settings = book(&[(
        "survey",
        vec![vec!["type", "name", "label"], vec!["text", "nom", "Nom"]],
    )]);
    let parsed = xlsform::read(&no_settings).unwrap();
    assert_eq!(parsed.value.fields[0].label["default"], "Nom");
    assert_eq!(parsed.value.id, "form");
}

#[test]
fn required_spellings() {
    let parsed = xlsform::read(&survey(&[
        &["integer", "a", "A", "A", "yes"],
        &["integer", "b", "B", "B", "TRUE"],
        &["integer", "c", "C", "C", "true()"],
        &["integer", "d", "D", "D", "no"],
        &["integer", "e", "E", "E", ""],
        &["integer", "f", "F", "F", "${a} > 3"],
    ]))
    .unwrap();
    assert!(parsed.findings.is_empty(), "{:?}", parsed.findings);
    let required: Vec<_> = parsed
        .value
        .fields
        .iter()
        .map(|f| f.required.clone())
        .collect();
    assert_eq!(
        required,
        [
            Some(Required::Always(true)),
            Some(Required::Always(true)),
            Some(Required::Always(true)),
            None,
            None,
            Some(Required::When("${a} > 3".into())),
        ]
    );
}

#[test]
fn nested_groups_and_repeats_build_the_tree() {
    let parsed = xlsform::read(&survey(&[
        &["begin_group", "menage", "Ménage", "Household"],
        &["integer", "taille", "Taille", "Size"],
        &["begin_repeat", "membres", "Membres", "Members"],
        &["text", "prenom", "Prénom", "First name"],
        &["begin group", "sante", "Santé", "Health"],
        &["select_one oui_non", "malade", "Malade ?", "Ill?"],
        &["end group"],
        &["end_repeat"],
        &["end_group"],
        &["note", "fin", "Fin", "End"],
    ]))
    .unwrap();
    assert!(parsed.findings.is_empty(), "{:?}", parsed.findings);
    let fields = &parsed.value.fields;
    assert_eq!(fields.len(), 2);
    assert_eq!(fields[0].children.len(), 2);
    let members = &fields[0].children[1];
    assert_eq!(members.field_type, FieldType::Repeat);
    assert_eq!(members.children[1].children[0].name, "malade");
}

#[test]
fn workbook_level_failures_are_errors() {
    assert_eq!(
        xlsform::read(b"not a workbook").unwrap_err().code,
        "xlsform.unreadable"
    );
    assert_eq!(xlsform::read(&[]).unwrap_err().code, "xlsform.unreadable");
    let no_survey = book(&[("choices", choices_yes_no()), ("settings", settings())]);
    assert_eq!(
        xlsform::read(&no_survey).unwrap_err().code,
        "xlsform.no_survey"
    );
    let err = xlsform::read(b"nope").unwrap_err();
    assert!(
        err.message(Locale::Fr).starts_with("Ce fichier"),
        "{}",
        err.message(Locale::Fr)
    );
}

#[test]
fn every_xlsform_code_has_a_message_in_both_languages() {
    for message in xlsform::MESSAGES {
        assert!(message.code.starts_with("xlsform."));
    }
    for case in corpus() {
        for finding in xlsform::read(&case.bytes).unwrap().findings {
            let en = finding.message(Locale::En);
            let fr = finding.message(Locale::Fr);
            assert!(
                !en.starts_with(&finding.code),
                "{}: no message",
                finding.code
            );
            let message = meal_core::i18n::lookup(&finding.code).unwrap();
            for name in meal_core::i18n::placeholders(message.en) {
                let left = format!("{{{name}}}");
                assert!(
                    !en.contains(&left) && !fr.contains(&left),
                    "{}: {en} / {fr}",
                    finding.code
                );
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Never panic

const TOKENS: &[&str] = &[
    "",
    "type",
    "name",
    "label",
    FR,
    "label::",
    "label::x (",
    "required",
    "constraint",
    "relevant",
    "calculation",
    "parameters",
    "begin_group",
    "end_group",
    "begin repeat",
    "end_repeat",
    "select_one",
    "select_one oui_non",
    "select_multiple x",
    "range",
    "integer",
    "calculate",
    "${",
    "${a}",
    "${age}",
    "a",
    "age",
    "oui",
    ". > 3",
    "((",
    "start=",
    "start=1 end=0",
    "step=0",
    "yes",
    "list_name",
    "oui_non",
    "form_id",
    "default_language",
    "é",
    "\u{0}",
    "9",
];

fn token() -> impl Strategy<Value = &'static str> {
    prop::sample::select(TOKENS)
}

fn sheet_rows() -> impl Strategy<Value = Vec<Vec<&'static str>>> {
    prop::collection::vec(prop::collection::vec(token(), 0..8), 0..10)
}

const XML_CELLS: &[&str] = &[
    "<c r=\"A2\" t=\"inlineStr\"><is><t>integer</t></is></c>",
    "<c r=\"B2\" t=\"inlineStr\"><is><t>age</t></is></c>",
    "<c t=\"inlineStr\"><is><t>begin_group</t></is></c>",
    "<c r=\"A3\" t=\"s\"><v>0</v></c>",
    "<c r=\"A3\" t=\"s\"><v>-1</v></c>",
    "<c r=\"C9\" t=\"n\"><v>1e308</v></c>",
    "<c r=\"C9\" t=\"n\"><v>NaN</v></c>",
    "<c r=\"C9\" s=\"99\"><v>45000.5</v></c>",
    "<c r=\"D4\" t=\"b\"><v>1</v></c>",
    "<c r=\"D4\" t=\"d\"><v>2026-13-45</v></c>",
    "<c r=\"D4\" t=\"e\"><v>#DIV/0!</v></c>",
    "<c r=\"D4\" t=\"str\"><f>1+1</f><v>2</v></c>",
    "<c r=\"A1048577\"><v>1</v></c>",
    "<c r=\"AAAAAAA1\"><v>1</v></c>",
    "<c r=\"a1\"><v>1</v></c>",
    "<c r=\"A1\"><v>1</v>",
    "</row><row r=\"0\">",
    "</row><row r=\"4294967295\">",
    "</row><row>",
    "<c/>",
    "&amp;",
    "<",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn hostile_sheet_xml_never_panics(cells in prop::collection::vec(prop::sample::select(XML_CELLS), 0..12)) {
        let header = format!("<row r=\"1\">{}{}{}", inline("A1", "type"), inline("B1", "name"), inline("C1", "label"));
        let rows = format!("{header}{}</row>", cells.concat());
        let _ = xlsform::read(&raw_workbook(&rows));
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        let _ = xlsform::read(&bytes);
    }

    #[test]
    fn mutated_mission_forms_never_panic(
        form in 0..FORMS.len(),
        edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8),
        cut in any::<prop::sample::Index>(),
    ) {
        let mut bytes = example(FORMS[form]);
        for (at, byte) in edits {
            let i = at.index(bytes.len());
            bytes[i] = byte;
        }
        let _ = xlsform::read(&bytes);
        let truncated = &bytes[..cut.index(bytes.len())];
        let _ = xlsform::read(truncated);
    }

    #[test]
    fn arbitrary_sheet_contents_never_panic(
        survey_rows in sheet_rows(),
        choice_rows in sheet_rows(),
        settings_rows in sheet_rows(),
    ) {
        let bytes = book(&[
            ("survey", survey_rows),
            ("choices", choice_rows),
            ("settings", settings_rows),
        ]);
        let parsed = xlsform::read(&bytes).unwrap();
        for finding in &parsed.findings {
            prop_assert!(finding.path.contains('!') || finding.path.starts_with('/'));
            let _ = finding.message(Locale::Fr);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Hostile workbooks, written byte by byte (a stored zip: the sheet XML is whatever we say)

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &byte in bytes {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// A zip with stored (uncompressed) entries.
fn stored_zip(files: &[(&str, String)]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, body) in files {
        let offset = u32::try_from(out.len()).unwrap();
        let (name, body) = (name.as_bytes(), body.as_bytes());
        let (crc, size) = (crc32(body), u32::try_from(body.len()).unwrap());
        let name_len = u16::try_from(name.len()).unwrap();
        let mut common = Vec::new();
        common.extend_from_slice(&20u16.to_le_bytes()); // version needed
        common.extend_from_slice(&0u16.to_le_bytes()); // flags
        common.extend_from_slice(&0u16.to_le_bytes()); // stored
        common.extend_from_slice(&0u32.to_le_bytes()); // time, date
        common.extend_from_slice(&crc.to_le_bytes());
        common.extend_from_slice(&size.to_le_bytes());
        common.extend_from_slice(&size.to_le_bytes());
        common.extend_from_slice(&name_len.to_le_bytes());
        common.extend_from_slice(&0u16.to_le_bytes()); // extra
        out.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        out.extend_from_slice(&common);
        out.extend_from_slice(name);
        out.extend_from_slice(body);
        central.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
        central.extend_from_slice(&20u16.to_le_bytes()); // version made by
        central.extend_from_slice(&common);
        central.extend_from_slice(&[0; 6]); // comment, disk, internal attributes
        central.extend_from_slice(&0u32.to_le_bytes()); // external attributes
        central.extend_from_slice(&offset.to_le_bytes());
        central.extend_from_slice(name);
    }
    let central_offset = u32::try_from(out.len()).unwrap();
    let count = u16::try_from(files.len()).unwrap();
    let central_len = u32::try_from(central.len()).unwrap();
    out.extend_from_slice(&central);
    out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    out.extend_from_slice(&[0; 4]);
    out.extend_from_slice(&count.to_le_bytes());
    out.extend_from_slice(&count.to_le_bytes());
    out.extend_from_slice(&central_len.to_le_bytes());
    out.extend_from_slice(&central_offset.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out
}

/// A one-sheet workbook (`survey`) whose `sheetData` is `rows` verbatim.
fn raw_workbook(rows: &str) -> Vec<u8> {
    let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    let rel = "http://schemas.openxmlformats.org/package/2006/relationships";
    let office = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    stored_zip(&[
        (
            "[Content_Types].xml",
            "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
             <Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
             <Default Extension=\"xml\" ContentType=\"application/xml\"/>\
             <Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>\
             <Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/></Types>"
                .to_owned(),
        ),
        (
            "_rels/.rels",
            format!("<?xml version=\"1.0\"?><Relationships xmlns=\"{rel}\"><Relationship Id=\"rId1\" Type=\"{office}/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"),
        ),
        (
            "xl/workbook.xml",
            format!("<?xml version=\"1.0\"?><workbook xmlns=\"{main}\" xmlns:r=\"{office}\"><sheets><sheet name=\"survey\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"),
        ),
        (
            "xl/_rels/workbook.xml.rels",
            format!("<?xml version=\"1.0\"?><Relationships xmlns=\"{rel}\"><Relationship Id=\"rId1\" Type=\"{office}/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>"),
        ),
        (
            "xl/worksheets/sheet1.xml",
            format!("<?xml version=\"1.0\"?><worksheet xmlns=\"{main}\"><sheetData>{rows}</sheetData></worksheet>"),
        ),
    ])
}

fn inline(cell: &str, text: &str) -> String {
    format!("<c r=\"{cell}\" t=\"inlineStr\"><is><t>{text}</t></is></c>")
}

#[test]
fn a_hand_written_workbook_reads() {
    let rows = format!(
        "<row r=\"1\">{}{}{}</row><row r=\"7\">{}{}{}</row>",
        inline("A1", "type"),
        inline("B1", "name"),
        inline("C1", "label"),
        inline("A7", "integr"),
        inline("B7", "age"),
        inline("C7", "Âge"),
    );
    assert_eq!(
        findings(&raw_workbook(&rows)),
        pairs(&[
            ("xlsform.unknown_type", "survey!A7"),
            ("xlsform.missing_form_id", "settings!A1"),
        ])
    );
}

#[test]
fn hostile_cell_references_never_panic() {
    let header = format!(
        "<row r=\"1\">{}{}</row>",
        inline("A1", "type"),
        inline("B1", "name")
    );
    for reference in [
        "A99999999999",
        "A4294967296",
        "A4294967295",
        "XFD1048576",
        "ZZZZZZZZZZ1",
        "A0",
        "1A",
        "",
        "Ω1",
    ] {
        let rows = format!("{header}<row r=\"2\">{}</row>", inline(reference, "text"));
        let _ = xlsform::read(&raw_workbook(&rows));
        let rows = format!(
            "{header}<row r=\"{reference}\"><c t=\"inlineStr\"><is><t>x</t></is></c></row>"
        );
        let _ = xlsform::read(&raw_workbook(&rows));
    }
    // A shared-string index past the table (calamine indexes it unchecked).
    let rows = format!("{header}<row r=\"2\"><c r=\"A2\" t=\"s\"><v>99</v></c></row>");
    assert_eq!(
        xlsform::read(&raw_workbook(&rows)).unwrap_err().code,
        "xlsform.unreadable"
    );
    // A far cell costs what it holds, not the rectangle up to it (17 billion cells).
    let header = format!(
        "<row r=\"1\">{}{}{}</row>",
        inline("A1", "type"),
        inline("B1", "name"),
        inline("C1", "label")
    );
    let far = format!(
        "{header}<row r=\"1048576\">{}{}{}</row>",
        inline("A1048576", "integr"),
        inline("B1048576", "x"),
        inline("XFD1048576", "far")
    );
    assert_eq!(
        findings(&raw_workbook(&far)),
        pairs(&[
            ("xlsform.unknown_type", "survey!A1048576"),
            ("xlsform.missing_form_id", "settings!A1"),
        ])
    );
}

// ---------------------------------------------------------------------------------------------
// End to end: a form read from its workbook validates submissions

fn options() -> meal_core::form::Options {
    meal_core::form::Options {
        locale: "fr".into(),
        now: chrono::DateTime::parse_from_rfc3339("2026-03-10T10:00:00+01:00").unwrap(),
    }
}

fn compiled(name: &str) -> CompiledForm {
    let form = xlsform::read(&example(name)).unwrap().value;
    CompiledForm::new(form).0.unwrap()
}

fn codes(report: &meal_core::form::Report) -> Vec<(String, String)> {
    report
        .findings
        .iter()
        .map(|f| (f.finding.code.clone(), f.finding.path.clone()))
        .collect()
}

#[test]
fn the_feedback_form_filters_categories_by_type() {
    let form = compiled("feedback_plainte");
    let base = r#""date_reception": "2026-03-09", "site": "calais_centre", "canal": "entretien",
        "anonyme": "oui", "code_reclamation": "FB-2026-014", "description": "…",
        "consentement_enregistrement": "oui", "consentement_partage": "oui",
        "reponse_immediate": "non""#;
    let ok = format!(
        r#"{{{base}, "type_retour": "plainte_sensible", "categorie": "fraude", "sensible": "oui",
            "routage": "referent_protection"}}"#
    );
    let report = form.validate(&ok, &options()).unwrap();
    assert!(report.valid, "{:?}", codes(&report));
    assert_eq!(report.cleaned["delai_reponse_jours"], "2");

    let filtered = format!(
        r#"{{{base}, "type_retour": "question", "categorie": "fraude", "sensible": "non"}}"#
    );
    let report = form.validate(&filtered, &options()).unwrap();
    assert!(!report.valid);
    assert!(
        codes(&report)
            .iter()
            .any(|(c, _)| c == "form.choice_filtered"),
        "{:?}",
        codes(&report)
    );
}

#[test]
fn the_consultation_form_checks_what_its_sheet_says() {
    let form = compiled("consultation_medicale");
    let submission = r#"{"date_consultation": "2026-03-10", "site": "dunkerque_femmes",
        "code_patient": "kab-417", "age": 34, "sexe": "f", "enceinte": "oui",
        "semaines_amenorrhee": 20, "poids": 60, "taille": 165,
        "motifs": "sante_sexuelle autre", "diagnostic": "Suivi de grossesse",
        "orientation": "specialiste", "orientation_urgente": "non"}"#;
    let report = form.validate(submission, &options()).unwrap();
    let found = codes(&report);
    assert!(
        found.contains(&("form.constraint".into(), "/code_patient".into())),
        "{found:?}"
    );
    assert!(
        found.contains(&("form.required".into(), "/motif_autre".into())),
        "{found:?}"
    );
    assert_eq!(report.cleaned["imc"], "22");
}
