//! Every finding and error code of the template readers and writers, on real workbooks built
//! here cell by cell with rust_xlsxwriter; the blank templates and their README kept in step
//! with the code.

use std::collections::BTreeMap;

use rust_xlsxwriter::{ExcelDateTime, Workbook};

use super::{lessons, logframe, plan};
use crate::error::{Finding, Severity};
use crate::i18n::Locale;

// The workbook builder and the small valid logframe the integration tests share.
#[path = "../../tests/support/workbooks.rs"]
mod workbooks;
pub(super) use workbooks::{book, Sheet};
use workbooks::{logframe_sheets, plan_sheets};

/// The logframe sheets with `edit` applied to the sheet `name`.
fn edited(name: &str, edit: impl FnOnce(&mut Vec<Vec<&'static str>>)) -> Vec<u8> {
    let mut sheets = logframe_sheets();
    if let Some((_, rows)) = sheets.iter_mut().find(|(n, _)| *n == name) {
        edit(rows);
    }
    book(&sheets)
}

fn read(bytes: &[u8]) -> super::Authored<crate::logframe::Logframe> {
    logframe::from_xlsx(bytes).unwrap()
}

/// The one finding of `code`, checked to be located where a person would look.
pub(super) fn only(findings: &[Finding], code: &str) -> Finding {
    let found: Vec<&Finding> = findings.iter().filter(|f| f.code == code).collect();
    assert_eq!(found.len(), 1, "{code} in {findings:#?}");
    found[0].clone()
}

pub(super) fn params(f: &Finding) -> BTreeMap<&str, &str> {
    f.params
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect()
}

#[test]
fn a_valid_workbook_reads_into_the_logframe_it_says() {
    let read = read(&book(&logframe_sheets()));
    let lf = read.document.unwrap();
    assert_eq!(lf.project.code, "IDF");
    assert_eq!(lf.objectives.len(), 2);
    assert_eq!(lf.objectives[1].parent.as_deref(), Some("IDF"));
    assert_eq!(lf.objectives[1].disciplines.len(), 2);
    let target = &lf.indicators[0].targets[0];
    assert_eq!(target.value.to_string(), "100.50");
    assert_eq!(target.period.id(), "2026");
    assert!(read
        .findings
        .iter()
        .all(|f| !f.code.starts_with("template.")));
}

#[test]
fn unreadable_bytes_are_an_error() {
    for result in [
        logframe::from_xlsx(b"not a workbook").map(|_| ()),
        plan::from_xlsx(b"PK\x03\x04 truncated").map(|_| ()),
    ] {
        assert_eq!(result.unwrap_err().code, "template.unreadable");
    }
}

#[test]
fn a_missing_required_sheet_is_an_error() {
    let bytes = book(&logframe_sheets()[..1]);
    let err = logframe::from_xlsx(&bytes).unwrap_err();
    assert_eq!(err.code, "template.missing_sheet");
    assert_eq!(
        err.params.get("sheet").map(String::as_str),
        Some("objectives")
    );
}

#[test]
fn optional_sheets_may_be_deleted() {
    let mut sheets = logframe_sheets();
    sheets.retain(|(name, _)| *name != "targets");
    let lf = read(&book(&sheets)).document.unwrap();
    assert!(lf.indicators[0].targets.is_empty());
}

#[test]
fn an_unknown_sheet_is_a_warning() {
    let mut sheets = logframe_sheets();
    sheets.push(("notes", vec![vec!["anything"]]));
    let read = read(&book(&sheets));
    let f = only(&read.findings, "template.unknown_sheet");
    assert_eq!(f.path, "notes!A1");
    assert_eq!(f.severity, Severity::Warning);
    assert!(read.document.is_some());
}

#[test]
fn a_second_sheet_for_the_same_list_is_an_error() {
    let mut sheets = logframe_sheets();
    sheets.push(("Objectifs", vec![vec!["code"]]));
    let read = read(&book(&sheets));
    assert_eq!(
        only(&read.findings, "template.duplicate_sheet").path,
        "Objectifs!A1"
    );
    assert!(read.document.is_none());
}

#[test]
fn an_unknown_column_is_a_warning_naming_its_header_cell() {
    let bytes = edited("objectives", |rows| {
        rows[0].push("colour");
        rows[1].push("blue");
    });
    let read = read(&bytes);
    let f = only(&read.findings, "template.unknown_column");
    assert_eq!(f.path, "objectives!I1");
    assert_eq!(
        params(&f),
        BTreeMap::from([
            ("sheet", "objectives"),
            ("row", "1"),
            ("column", "I"),
            ("value", "colour")
        ])
    );
    assert!(read.document.is_some());
}

#[test]
fn a_column_repeated_in_the_other_language_is_an_error() {
    let bytes = edited("objectives", |rows| {
        rows[0].push("niveau");
    });
    let read = read(&bytes);
    assert_eq!(
        only(&read.findings, "template.duplicate_column").path,
        "objectives!I1"
    );
    assert!(read.document.is_none());
}

#[test]
fn a_missing_required_column_is_an_error_with_its_header() {
    let bytes = edited("objectives", |rows| {
        for row in rows.iter_mut() {
            row.remove(3); // kind
        }
    });
    let read = read(&bytes);
    let f = only(&read.findings, "template.missing_column");
    assert_eq!(f.params["header"], "kind");
    assert_eq!(f.path, "objectives!H1");
    // The blank cells of the missing column are not reported once more per row.
    assert!(read
        .findings
        .iter()
        .all(|f| f.code != "template.blank_cell"));
    assert!(read.document.is_none());
}

#[test]
fn a_project_sheet_without_its_row_is_an_error() {
    let bytes = edited("project", |rows| rows.truncate(1));
    let read = read(&bytes);
    assert_eq!(
        only(&read.findings, "template.missing_row").path,
        "project!A2"
    );
}

#[test]
fn rows_after_the_project_row_are_reported_not_read() {
    let bytes = edited("project", |rows| rows.push(vec!["CAL", "Calais"]));
    let read = read(&bytes);
    let f = only(&read.findings, "template.extra_row");
    assert_eq!(
        (f.path.as_str(), f.params["value"].as_str()),
        ("project!A3", "CAL")
    );
    assert_eq!(read.document.unwrap().project.code, "IDF");
}

#[test]
fn a_blank_required_cell_is_an_error_at_that_cell() {
    let bytes = edited("objectives", |rows| rows[2][1] = "  ");
    let read = read(&bytes);
    let f = only(&read.findings, "template.blank_cell");
    assert_eq!(f.path, "objectives!B3");
    assert_eq!(f.params["header"], "level");
    assert!(read.document.is_none());
}

#[test]
fn a_cell_the_row_needs_is_required_too() {
    let bytes = edited("indicators", |rows| rows[2][4] = "");
    let f = only(&read(&bytes).findings, "template.blank_cell");
    assert_eq!(
        (f.path.as_str(), f.params["header"].as_str()),
        ("indicators!E3", "factor")
    );
}

#[test]
fn an_unknown_choice_lists_the_accepted_values() {
    let bytes = edited("objectives", |rows| rows[2][1] = "goal");
    let f = only(&read(&bytes).findings, "template.unknown_value");
    assert_eq!(f.path, "objectives!B3");
    assert_eq!(f.params["value"], "goal");
    assert_eq!(f.params["expected"], "impact, outcome, output, activity");
}

#[test]
fn each_bad_list_entry_is_reported() {
    let bytes = edited("objectives", |rows| rows[1][6] = "medical; surgery");
    let f = only(&read(&bytes).findings, "template.unknown_value");
    assert_eq!(
        (f.path.as_str(), f.params["value"].as_str()),
        ("objectives!G2", "surgery")
    );
}

#[test]
fn a_bad_number_is_an_error() {
    let bytes = edited("targets", |rows| rows[1][2] = "12,5");
    let f = only(&read(&bytes).findings, "template.bad_number");
    assert_eq!(
        (f.path.as_str(), f.params["value"].as_str()),
        ("targets!C2", "12,5")
    );
}

#[test]
fn a_bad_period_is_an_error() {
    let bytes = edited("targets", |rows| rows[1][1] = "2026Q5");
    assert_eq!(
        only(&read(&bytes).findings, "template.bad_period").path,
        "targets!B2"
    );
}

#[test]
fn a_bad_target_cell_is_an_error() {
    for cell in ["sex", "sex=", "sex=f; sex=m"] {
        let bytes = edited("targets", |rows| rows[1][3] = cell);
        assert_eq!(
            only(&read(&bytes).findings, "template.bad_cell").path,
            "targets!D2"
        );
    }
    let bytes = edited("targets", |rows| {
        rows[1][3] = " sex = f ;age_band=under_15;"
    });
    let lf = read(&bytes).document.unwrap();
    let cell = &lf.indicators[0].targets[0].cell;
    assert_eq!(cell.get("sex").map(String::as_str), Some("f"));
    assert_eq!(cell.get("age_band").map(String::as_str), Some("under_15"));
}

#[test]
fn a_target_for_an_unknown_indicator_is_an_error() {
    let bytes = edited("targets", |rows| rows[1][0] = "IDF.I9");
    let f = only(&read(&bytes).findings, "template.unknown_reference");
    assert_eq!(
        (f.path.as_str(), f.params["value"].as_str()),
        ("targets!A2", "IDF.I9")
    );
}

#[test]
fn an_owner_code_matches_trimmed_when_not_exactly() {
    let bytes = edited("targets", |rows| rows[1][0] = " IDF.I1 ");
    let lf = read(&bytes).document.unwrap();
    assert_eq!(lf.indicators[0].targets.len(), 1);
}

#[test]
fn a_cell_the_row_does_not_use_is_a_warning() {
    let bytes = edited("indicators", |rows| rows[1][4] = "100");
    let read = read(&bytes);
    let f = only(&read.findings, "template.ignored_cell");
    assert_eq!(
        (f.path.as_str(), f.severity),
        ("indicators!E2", Severity::Warning)
    );
    assert!(read.document.is_some());
}

#[test]
fn validation_findings_name_the_cell_of_their_field() {
    let bytes = edited("objectives", |rows| rows[2][2] = "IDF.X");
    let read = read(&bytes);
    let f = only(&read.findings, "logframe.unknown_parent");
    assert_eq!(f.path, "objectives!C3");
    assert_eq!(f.params["document_path"], "/objectives/1/parent");
    assert_eq!(f.params["value"], "IDF.X");
    assert_eq!(f.params["row"], "3");
    // Warnings and errors of validation leave the document in place.
    assert!(read.document.is_some());
}

#[test]
fn a_finding_about_a_whole_list_names_its_header() {
    let bytes = edited("objectives", |rows| rows[1][1] = "outcome");
    let f = only(&read(&bytes).findings, "logframe.no_impact");
    assert_eq!(f.path, "objectives!A1");
}

#[test]
fn a_parent_loop_is_a_finding_and_no_document() {
    let bytes = edited("objectives", |rows| {
        rows[1][1] = "outcome";
        rows[1][2] = "IDF.OC1";
    });
    let read = read(&bytes);
    let f = only(&read.findings, "logframe.cycle");
    assert_eq!(f.path, "objectives!C2");
    assert_eq!(f.params["codes"], "IDF → IDF.OC1 → IDF");
    assert!(read.document.is_none());
}

#[test]
fn french_headers_and_sheet_names_read_the_same() {
    let english = read(&book(&logframe_sheets())).document.unwrap();
    let french = logframe::to_xlsx(&english, Locale::Fr).unwrap();
    assert_eq!(read(&french).document, Some(english.clone()));
    // A hand-made French sheet, mixed case and spaces in its headers.
    let bytes = book(&[
        (
            "Projet",
            vec![vec![" CODE ", "Nom::fr"], vec!["IDF", "Paris"]],
        ),
        (
            "objectifs",
            vec![
                vec!["code", "niveau", "nature"],
                vec!["IDF", "impact", "influence"],
            ],
        ),
        // A sheet left empty, not even headers: an empty list.
        ("indicateurs", vec![]),
    ]);
    let lf = read(&bytes).document.unwrap();
    assert_eq!(lf.project.name.fr, "Paris");
    assert_eq!(
        lf.objectives[0].kind,
        crate::logframe::ObjectiveKind::Influence
    );
}

#[test]
fn a_plan_reads_with_its_schedule() {
    let read = plan::from_xlsx(&book(&plan_sheets("2026-01-01"))).unwrap();
    let plan = read.document.unwrap();
    assert_eq!(plan.start.to_string(), "2026-01-01");
    assert_eq!(plan.reporting.sitrep_due_days, 10);
    assert_eq!(plan.indicators[0].responsible, "meal_officer");
}

#[test]
fn a_bad_date_is_an_error() {
    let read = plan::from_xlsx(&book(&plan_sheets("31/01/2026"))).unwrap();
    let f = only(&read.findings, "template.bad_date");
    assert_eq!(
        (f.path.as_str(), f.params["value"].as_str()),
        ("plan!B2", "31/01/2026")
    );
    assert!(read.document.is_none());
}

#[test]
fn typed_cells_read_as_a_person_sees_them() {
    // A date cell and a number cell, as a person types them in a spreadsheet.
    let mut sheets = plan_sheets("");
    sheets[0].1[1][3] = "";
    let mut workbook = Workbook::new();
    for (name, rows) in &sheets {
        let sheet = workbook.add_worksheet();
        sheet.set_name(*name).unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, value) in row.iter().enumerate() {
                if !value.is_empty() {
                    sheet.write_string(r as u32, c as u16, *value).unwrap();
                }
            }
        }
        if *name == "plan" {
            let date = ExcelDateTime::from_ymd(2026, 3, 1).unwrap();
            let format = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd");
            sheet
                .write_datetime_with_format(1, 1, &date, &format)
                .unwrap();
            sheet.write_number(1, 3, 15).unwrap();
        }
    }
    let bytes = workbook.save_to_buffer().unwrap();
    let plan = plan::from_xlsx(&bytes).unwrap().document.unwrap();
    assert_eq!(plan.start.to_string(), "2026-03-01");
    assert_eq!(plan.reporting.sitrep_due_days, 15);
}

#[test]
fn writers_refuse_what_would_not_read_back() {
    let mut lf = read(&book(&logframe_sheets())).document.unwrap();
    lf.objectives[0].parent = Some(String::new());
    let err = logframe::to_xlsx(&lf, Locale::En).unwrap_err();
    assert_eq!(err.code, "template.unwritable");
    lf.objectives[0].parent = None;
    lf.objectives[0].indicators = vec!["A;B".to_owned()];
    let err = logframe::to_xlsx(&lf, Locale::En).unwrap_err();
    assert_eq!(err.params.get("value").map(String::as_str), Some("A;B"));
    lf.objectives[0].indicators.clear();
    lf.indicators[1].code = "IDF.I1".to_owned();
    lf.indicators[1].targets = lf.indicators[0].targets.clone();
    let err = logframe::to_xlsx(&lf, Locale::En).unwrap_err();
    assert_eq!(err.params.get("sheet").map(String::as_str), Some("targets"));
    let mut plan = plan::from_xlsx(&book(&plan_sheets("2026-01-01")))
        .unwrap()
        .document
        .unwrap();
    plan.roles.push(crate::plan::Role {
        code: String::new(),
        name: crate::text::Text::default(),
    });
    let err = plan::to_xlsx(&plan, Locale::Fr).unwrap_err();
    assert_eq!(err.params.get("sheet").map(String::as_str), Some("rôles"));
}

#[test]
fn every_code_has_both_languages() {
    for message in super::MESSAGES {
        assert!(message.code.starts_with("template."));
        assert_eq!(
            crate::i18n::placeholders(message.en),
            crate::i18n::placeholders(message.fr),
            "{}",
            message.code
        );
    }
}

/// The committed blank templates are what the code writes. `MEAL_WRITE_TEMPLATES=1` rewrites
/// them (after a deliberate change of the layout).
#[test]
fn committed_templates_match_the_code() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/templates");
    let files = [
        ("logframe-template.en.xlsx", logframe::blank(Locale::En)),
        ("logframe-template.fr.xlsx", logframe::blank(Locale::Fr)),
        ("meal-plan-template.en.xlsx", plan::blank(Locale::En)),
        ("meal-plan-template.fr.xlsx", plan::blank(Locale::Fr)),
        ("lessons-template.en.xlsx", lessons::blank(Locale::En)),
        ("lessons-template.fr.xlsx", lessons::blank(Locale::Fr)),
    ];
    for (name, bytes) in files {
        let bytes = bytes.unwrap();
        let path = dir.join(name);
        if std::env::var_os("MEAL_WRITE_TEMPLATES").is_some() {
            std::fs::write(&path, &bytes).unwrap();
        }
        let committed = std::fs::read(&path).unwrap();
        assert!(
            committed == bytes,
            "{name} differs from the code: MEAL_WRITE_TEMPLATES=1"
        );
    }
}

/// The README and the module docs document every sheet and column, in both languages.
#[test]
fn every_header_is_documented() {
    let readme = include_str!("../../../examples/templates/README.md");
    let documents = [
        (readme, &logframe::SHEETS[..]),
        (readme, &plan::SHEETS[..]),
        (readme, &lessons::SHEETS[..]),
        (include_str!("logframe.rs"), &logframe::SHEETS[..]),
        (include_str!("plan.rs"), &plan::SHEETS[..]),
        (include_str!("lessons.rs"), &lessons::SHEETS[..]),
    ];
    for (doc, specs) in documents {
        for spec in specs {
            let sheet = format!("`{}` / `{}`", spec.en, spec.fr);
            assert!(doc.contains(&sheet), "{}", spec.en);
            for column in spec.columns {
                let row = format!("| `{}` | `{}` |", column.en, column.fr);
                assert!(doc.contains(&row), "{}: {}", spec.en, column.en);
            }
        }
    }
}

#[test]
fn a_blank_template_reads_as_findings_not_errors() {
    let read = logframe::from_xlsx(&logframe::blank(Locale::Fr).unwrap()).unwrap();
    assert_eq!(
        only(&read.findings, "template.missing_row").path,
        "projet!A2"
    );
    let read = plan::from_xlsx(&plan::blank(Locale::En).unwrap()).unwrap();
    assert_eq!(only(&read.findings, "template.missing_row").path, "plan!A2");
}
