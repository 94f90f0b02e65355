//! Writes the conformance vectors of the `.xlsx` readers other than XLSForm:
//! `tests/vectors/template.json` (the authoring templates of logframes and MEAL plans, ops
//! `template.read` and `template.write`) and `tests/vectors/mano.json` (MANO's export, op
//! `mano.read`). Each workbook is built here cell by cell with rust_xlsxwriter and carries its
//! expected result written by hand from the module docs (`meal_core::template`,
//! `meal_core::interop::mano`), not taken from the readers. The shared runners
//! (`meal-core/tests/vectors.rs` and the bindings') check the readers against them.
//!
//! After changing a case: `MEAL_UPDATE_VECTORS=1 cargo test -p meal-core --test
//! workbook_vectors` (otherwise the test fails when a committed file is stale).

// A test file: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)]

use std::path::PathBuf;

use base64::Engine as _;
use serde_json::{json, Value};

#[path = "support/workbooks.rs"]
mod workbooks;
use workbooks::{book, logframe_sheets, plan_sheets, Rows, Sheet};

fn base64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

fn vector(name: &str, op: &str, input: Value, expect: Value) -> Value {
    json!({ "name": name, "op": op, "input": input, "expect": expect })
}

fn located(findings: &[(&str, &str)]) -> Vec<Value> {
    findings
        .iter()
        .map(|(code, path)| json!({ "code": code, "path": path }))
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Templates

/// The findings of the valid logframe itself (`Logframe::validate`, moved to the cells of
/// their fields): the impact and the outcome have no means of verification, the outcome no
/// assumption and no output; the ratio indicator IDF.I2 has no numerator nor denominator text
/// (its `measure` cell); the count target `100.50` is not a whole count.
const LOGFRAME_OWN: &[(&str, &str)] = &[
    ("logframe.no_means_of_verification", "objectives!A2"),
    ("logframe.no_assumptions", "objectives!A3"),
    ("logframe.no_children", "objectives!A3"),
    ("logframe.no_means_of_verification", "objectives!A3"),
    ("indicator.blank_text", "indicators!D3"),
    ("indicator.blank_text", "indicators!D3"),
    ("indicator.invalid_count", "targets!C2"),
];

/// The template's sheet order; a sheet it does not have comes after.
const LOGFRAME_SHEETS: &[&str] = &["project", "objectives", "indicators", "targets"];

/// The logframe's own findings with `extra`, in the documented order: template sheet order,
/// then row, column, code.
fn own_and(extra: &[(&'static str, &'static str)]) -> Vec<(&'static str, &'static str)> {
    let key = |(code, path): &(&'static str, &'static str)| {
        let (sheet, cell) = path.split_once('!').unwrap();
        let order = LOGFRAME_SHEETS
            .iter()
            .position(|s| *s == sheet)
            .unwrap_or(LOGFRAME_SHEETS.len());
        let letters: String = cell.chars().take_while(char::is_ascii_alphabetic).collect();
        let row: u32 = cell[letters.len()..].parse().unwrap();
        (order, row, letters.len(), letters, *code)
    };
    let mut all: Vec<_> = LOGFRAME_OWN.iter().chain(extra).copied().collect();
    all.sort_by_key(key);
    all
}

/// The logframe with `edit` applied to the sheet `name`.
fn logframe_edited(name: &str, edit: impl FnOnce(&mut Rows)) -> Vec<u8> {
    let mut sheets = logframe_sheets();
    let (_, rows) = sheets.iter_mut().find(|(n, _)| *n == name).unwrap();
    edit(rows);
    book(&sheets)
}

fn with_sheet(extra: Sheet) -> Vec<u8> {
    let mut sheets = logframe_sheets();
    sheets.push(extra);
    book(&sheets)
}

/// A template vector: `document` whether the workbook gave one, then the findings.
fn read(name: &str, kind: &str, bytes: &[u8], document: bool, findings: &[(&str, &str)]) -> Value {
    vector(
        name,
        "template.read",
        json!({ "kind": kind, "workbook": base64(bytes) }),
        json!({ "ok": { "document": document, "findings": located(findings) } }),
    )
}

fn read_error(name: &str, kind: &str, bytes: &[u8], code: &str) -> Value {
    vector(
        name,
        "template.read",
        json!({ "kind": kind, "workbook": base64(bytes) }),
        json!({ "error": code }),
    )
}

fn template_vectors() -> Vec<Value> {
    let lf = "logframe";
    let mut vectors = vec![
        read(
            "logframe-valid",
            lf,
            &book(&logframe_sheets()),
            true,
            &own_and(&[]),
        ),
        read_error(
            "logframe-not-a-workbook",
            lf,
            b"not a workbook",
            "template.unreadable",
        ),
        read_error(
            "logframe-without-objectives-sheet",
            lf,
            &book(&logframe_sheets()[..1]),
            "template.missing_sheet",
        ),
        // Sheets: an unknown one is a warning and not read; the same list twice blocks.
        read(
            "logframe-unknown-sheet",
            lf,
            &with_sheet(("notes", vec![vec!["anything"]])),
            true,
            &own_and(&[("template.unknown_sheet", "notes!A1")]),
        ),
        read(
            "logframe-same-list-in-two-languages",
            lf,
            &with_sheet(("Objectifs", vec![vec!["code"]])),
            false,
            &[("template.duplicate_sheet", "Objectifs!A1")],
        ),
        // Columns
        read(
            "logframe-unknown-column",
            lf,
            &logframe_edited("objectives", |rows| {
                rows[0].push("colour");
                rows[1].push("blue");
            }),
            true,
            &own_and(&[("template.unknown_column", "objectives!I1")]),
        ),
        read(
            "logframe-column-repeated-in-french",
            lf,
            &logframe_edited("objectives", |rows| rows[0].push("niveau")),
            false,
            &[("template.duplicate_column", "objectives!I1")],
        ),
        read(
            "logframe-required-column-missing",
            lf,
            &logframe_edited("objectives", |rows| {
                for row in rows.iter_mut() {
                    row.remove(3); // kind
                }
            }),
            false,
            // At the first free header cell; the column's blank cells are not reported again.
            &[("template.missing_column", "objectives!H1")],
        ),
        // Rows
        read(
            "logframe-project-without-its-row",
            lf,
            &logframe_edited("project", |rows| rows.truncate(1)),
            false,
            &[("template.missing_row", "project!A2")],
        ),
        read(
            "logframe-second-project-row",
            lf,
            &logframe_edited("project", |rows| rows.push(vec!["CAL", "Calais"])),
            true,
            &own_and(&[("template.extra_row", "project!A3")]),
        ),
        // Cells
        read(
            "logframe-blank-required-cell",
            lf,
            &logframe_edited("objectives", |rows| rows[2][1] = "  "),
            false,
            &[("template.blank_cell", "objectives!B3")],
        ),
        read(
            "logframe-ratio-without-factor",
            lf,
            &logframe_edited("indicators", |rows| rows[2][4] = ""),
            false,
            &[("template.blank_cell", "indicators!E3")],
        ),
        read(
            "logframe-unknown-level",
            lf,
            &logframe_edited("objectives", |rows| rows[2][1] = "goal"),
            false,
            &[("template.unknown_value", "objectives!B3")],
        ),
        read(
            "logframe-unknown-discipline-in-a-list",
            lf,
            &logframe_edited("objectives", |rows| rows[1][6] = "medical; surgery"),
            false,
            &[("template.unknown_value", "objectives!G2")],
        ),
        read(
            "logframe-decimal-comma",
            lf,
            &logframe_edited("targets", |rows| rows[1][2] = "12,5"),
            false,
            &[("template.bad_number", "targets!C2")],
        ),
        read(
            "logframe-fifth-quarter",
            lf,
            &logframe_edited("targets", |rows| rows[1][1] = "2026Q5"),
            false,
            &[("template.bad_period", "targets!B2")],
        ),
        read(
            "logframe-target-cell-without-equals",
            lf,
            &logframe_edited("targets", |rows| rows[1][3] = "sex"),
            false,
            &[("template.bad_cell", "targets!D2")],
        ),
        read(
            "logframe-target-cell-repeating-a-dimension",
            lf,
            &logframe_edited("targets", |rows| rows[1][3] = "sex=f; sex=m"),
            false,
            &[("template.bad_cell", "targets!D2")],
        ),
        read(
            "logframe-target-of-an-unknown-indicator",
            lf,
            &logframe_edited("targets", |rows| rows[1][0] = "IDF.I9"),
            false,
            &[("template.unknown_reference", "targets!A2")],
        ),
        read(
            "logframe-factor-on-a-count",
            lf,
            &logframe_edited("indicators", |rows| rows[1][4] = "100"),
            true,
            &own_and(&[("template.ignored_cell", "indicators!E2")]),
        ),
        // The document's own findings, moved to the cell of their field.
        read(
            "logframe-unknown-parent-at-its-cell",
            lf,
            &logframe_edited("objectives", |rows| rows[2][2] = "IDF.X"),
            true,
            // The impact has lost its only outcome: it has no child now.
            &own_and(&[
                ("logframe.no_children", "objectives!A2"),
                ("logframe.unknown_parent", "objectives!C3"),
            ]),
        ),
    ];
    let plan = "plan";
    vectors.extend([
        // The plan's own findings: the role has no French name, the indicator row no tool and
        // no report it feeds.
        read(
            "plan-valid",
            plan,
            &book(&plan_sheets("2026-01-01")),
            true,
            &[
                ("plan.missing_translation", "roles!B2"),
                ("plan.missing_text", "indicators!A2"),
                ("plan.unreported", "indicators!A2"),
            ],
        ),
        read(
            "plan-start-not-iso",
            plan,
            &book(&plan_sheets("31/01/2026")),
            false,
            &[("template.bad_date", "plan!B2")],
        ),
        read_error(
            "plan-truncated-zip",
            plan,
            b"PK\x03\x04 truncated",
            "template.unreadable",
        ),
    ]);
    vectors.extend(write_vectors());
    vectors
}

/// The clean logframe of `logframe.json` (`clean-small-logframe`: no finding), as a document.
fn clean_logframe() -> Value {
    let path: PathBuf = [
        env!("CARGO_MANIFEST_DIR"),
        "..",
        "tests",
        "vectors",
        "logframe.json",
    ]
    .iter()
    .collect();
    let file: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let clean = file["vectors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["name"] == "clean-small-logframe")
        .unwrap();
    assert_eq!(clean["expect"], json!({ "findings": [] }));
    clean["input"]["document"].clone()
}

/// `template.write`: the logframe written as a workbook with headers in `locale`, then read
/// back (a clean document reads back clean: `from_xlsx(to_xlsx(doc))` is `doc`); what a
/// workbook cannot carry back is refused.
fn write_vectors() -> Vec<Value> {
    let written = |name: &str, locale: &str, document: Value, expect: Value| {
        vector(
            name,
            "template.write",
            json!({ "kind": "logframe", "locale": locale, "document": document }),
            expect,
        )
    };
    let reads_back = json!({ "ok": { "document": true, "findings": [] } });
    let unwritable = json!({ "error": "template.unwritable" });
    let mut empty_parent = clean_logframe();
    empty_parent["objectives"][1]["parent"] = json!("");
    let mut entry_with_separator = clean_logframe();
    entry_with_separator["objectives"][0]["indicators"] = json!(["IMP.1;OC1.1"]);
    vec![
        written(
            "logframe-written-in-english-reads-back",
            "en",
            clean_logframe(),
            reads_back.clone(),
        ),
        written(
            "logframe-written-in-french-reads-back",
            "fr",
            clean_logframe(),
            reads_back,
        ),
        // Excel stores no empty text: the parent would read back as absent.
        written(
            "logframe-empty-parent-cannot-be-written",
            "en",
            empty_parent,
            unwritable.clone(),
        ),
        // `;` separates the entries of a list cell: the entry would read back as two.
        written(
            "logframe-list-entry-holding-the-separator-cannot-be-written",
            "en",
            entry_with_separator,
            unwritable,
        ),
    ]
}

// ---------------------------------------------------------------------------------------------
// MANO

fn mano(name: &str, bytes: &[u8], config: Option<Value>, expect: Value) -> Value {
    let mut input = json!({ "workbook": base64(bytes) });
    if let Some(config) = config {
        input["config"] = config;
    }
    vector(name, "mano.read", input, expect)
}

/// A MANO workbook-level finding: path the sheet name, params as the reader sets them.
fn warning(code: &str, sheet: &str, column: Option<&str>) -> Value {
    let mut params = json!({});
    if !sheet.is_empty() {
        params["sheet"] = json!(sheet);
    }
    if let Some(column) = column {
        params["column"] = json!(column);
    }
    json!({ "code": code, "path": sheet, "params": params })
}

/// A sheet's `Loaded` summary with no rejected row and no table finding.
fn loaded(rows: Value, source_rows: &[u64]) -> Value {
    json!({
        "rows_read": source_rows.len(),
        "rows": rows,
        "source_rows": source_rows,
        "rejected": [],
        "findings": [],
    })
}

fn mano_vectors() -> Vec<Value> {
    let services = || -> Sheet {
        (
            "services",
            vec![
                vec!["date", "service", "count"],
                vec!["2026-03-02", "douche", "12"],
            ],
        )
    };
    vec![
        mano(
            "services-typed-by-their-default-fields",
            &book(&[services()]),
            None,
            json!({ "ok": {
                "sheets": [{ "name": "services", "loaded": loaded(
                    json!([{ "date": "2026-03-02", "service": "douche", "count": "12" }]), &[2]) }],
                "findings": [],
            }}),
        ),
        mano(
            "services-count-not-a-number-rejects-the-row",
            &book(&[(
                "services",
                vec![
                    vec!["date", "service", "count"],
                    vec!["2026-03-02", "douche", "beaucoup"],
                    vec!["2026-03-03", "repas", "40"],
                ],
            )]),
            None,
            json!({ "ok": {
                "sheets": [{ "name": "services", "loaded": {
                    "rows_read": 2,
                    "rows": [{ "date": "2026-03-03", "service": "repas", "count": "40" }],
                    "source_rows": [3],
                    "rejected": [{ "row": 2, "codes": ["data.not_decimal"] }],
                    "findings": [],
                }}],
                "findings": [],
            }}),
        ),
        mano(
            "not-a-workbook",
            b"not a workbook",
            None,
            json!({ "error": "mano.unreadable" }),
        ),
        mano(
            "configuration-not-an-object",
            &book(&[services()]),
            Some(json!("[]")),
            json!({ "error": "mano.bad_config" }),
        ),
        mano(
            "configuration-field-without-a-type",
            &book(&[services()]),
            Some(json!({ "customFieldsPersons": [{ "name": "custom-1" }] })),
            json!({ "error": "mano.bad_config" }),
        ),
        mano(
            "no-sheet-mano-exports",
            &book(&[("feuille", vec![vec!["a"], vec!["1"]])]),
            None,
            json!({ "ok": {
                "sheets": [{ "name": "feuille", "loaded": loaded(json!([{ "a": "1" }]), &[2]) }],
                "findings": [
                    warning("mano.no_known_sheet", "", None),
                    warning("mano.unknown_sheet", "feuille", None),
                ],
            }}),
        ),
        mano(
            "unknown-column-read-as-text",
            &book(&[(
                "équipes",
                vec![vec!["name", "couleur"], vec!["Maraude nord", "bleu"]],
            )]),
            None,
            json!({ "ok": {
                "sheets": [{ "name": "équipes", "loaded": loaded(
                    json!([{ "name": "Maraude nord", "couleur": "bleu" }]), &[2]) }],
                "findings": [warning("mano.unknown_column", "équipes", Some("couleur"))],
            }}),
        ),
        mano(
            "custom-field-typed-by-the-configuration",
            &book(&[(
                "personnes suivies",
                vec![vec!["name", "Suivi juridique"], vec!["A.", "Oui"]],
            )]),
            Some(json!({ "customFieldsPersons": [
                { "name": "Suivi", "fields": [
                    { "name": "custom-17", "label": "Suivi juridique", "type": "yes-no" }
                ]}
            ]})),
            json!({ "ok": {
                "sheets": [{ "name": "personnes suivies", "loaded": loaded(
                    json!([{ "name": "A.", "Suivi juridique": true }]), &[2]) }],
                "findings": [],
            }}),
        ),
        mano(
            "values-under-a-blank-header",
            &book(&[(
                "équipes",
                vec![vec!["name", ""], vec!["Maraude nord", "bleu"]],
            )]),
            None,
            json!({ "ok": {
                "sheets": [{ "name": "équipes", "loaded": loaded(
                    json!([{ "name": "Maraude nord", "B": "bleu" }]), &[2]) }],
                "findings": [
                    warning("mano.blank_header", "équipes", Some("B")),
                    warning("mano.unknown_column", "équipes", Some("B")),
                ],
            }}),
        ),
        mano(
            "header-written-twice",
            &book(&[(
                "équipes",
                vec![vec!["name", "name"], vec!["Maraude nord", "Nord"]],
            )]),
            None,
            json!({ "ok": {
                "sheets": [{ "name": "équipes", "loaded": loaded(
                    json!([{ "name": "Maraude nord", "name (B)": "Nord" }]), &[2]) }],
                "findings": [
                    warning("mano.duplicate_header", "équipes", Some("name (B)")),
                    warning("mano.unknown_column", "équipes", Some("name (B)")),
                ],
            }}),
        ),
    ]
}

// ---------------------------------------------------------------------------------------------
// The files

fn file_text(description: &str, vectors: Vec<Value>) -> String {
    let file = json!({ "description": description, "vectors": vectors });
    serde_json::to_string_pretty(&file).unwrap() + "\n"
}

fn check_or_write(name: &str, generated: &str) {
    let path: PathBuf = [env!("CARGO_MANIFEST_DIR"), "..", "tests", "vectors", name]
        .iter()
        .collect();
    if std::env::var_os("MEAL_UPDATE_VECTORS").is_some() {
        std::fs::write(&path, generated).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "{} is stale: run `MEAL_UPDATE_VECTORS=1 cargo test -p meal-core --test workbook_vectors`",
        path.display()
    );
}

#[test]
fn the_template_vectors_are_current() {
    check_or_write(
        "template.json",
        &file_text(
            "Authoring templates: logframe and MEAL-plan workbooks read with findings at \
             sheet!cell, and logframes written back. Workbooks and hand-written expectations \
             from meal-core/tests/workbook_vectors.rs.",
            template_vectors(),
        ),
    );
}

#[test]
fn the_mano_vectors_are_current() {
    check_or_write(
        "mano.json",
        &file_text(
            "MANO's data.xlsx export read into typed tables, with workbook-level findings. \
             Workbooks and hand-written expectations from meal-core/tests/workbook_vectors.rs.",
            mano_vectors(),
        ),
    );
}
