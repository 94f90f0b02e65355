//! The mission's documents authored through the xlsx templates: every committed workbook reads
//! back to its JSON document exactly, with no finding, and is what `meal-demo templates` writes
//! today (so the committed files are never stale).

// A test reports a broken fixture by panicking, with the reason.
#![allow(
    clippy::panic,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing
)]

use std::process::Command;

use meal_core::Locale;
use meal_demo::workbooks::{workbooks, Document, MissionWorkbook};

fn committed(workbook: &MissionWorkbook) -> Vec<u8> {
    std::fs::read(workbook.path()).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (run `cargo run -p meal-demo -- templates`)",
            workbook.file
        )
    })
}

#[test]
fn the_four_logframes_four_plans_and_the_register_have_workbooks() {
    let files: Vec<(String, &str)> = workbooks()
        .unwrap()
        .into_iter()
        .map(|w| (w.file, w.source))
        .collect();
    let expected = [
        ("logframes/logframe-idf.xlsx", "logframe-idf.json"),
        ("logframes/logframe-calais.xlsx", "logframe-calais.json"),
        (
            "logframes/logframe-marseille.xlsx",
            "logframe-marseille.json",
        ),
        (
            "logframes/logframe-dunkerque.xlsx",
            "logframe-dunkerque.json",
        ),
        ("plans/plan-idf.xlsx", "plan-idf.json"),
        ("plans/plan-calais.xlsx", "plan-calais.json"),
        ("plans/plan-marseille.xlsx", "plan-marseille.json"),
        ("plans/plan-dunkerque.xlsx", "plan-dunkerque.json"),
        ("plans/lessons.xlsx", "lessons.json"),
    ];
    let expected: Vec<(String, &str)> = expected
        .iter()
        .map(|(file, source)| (file.to_string(), *source))
        .collect();
    assert_eq!(files, expected);
}

#[test]
fn every_committed_workbook_gives_back_its_json_document_without_findings() {
    for workbook in workbooks().unwrap() {
        let back = workbook.document.read_back(&committed(&workbook)).unwrap();
        assert_eq!(back.findings, vec![], "{}", workbook.file);
        assert!(
            back.same,
            "{} does not give back {}",
            workbook.file, workbook.source
        );
    }
}

/// Independent of the crate's own comparison: the register read from the workbook is the
/// JSON document, field by field, through its canonical JSON.
#[test]
fn the_lessons_workbook_holds_the_lessons_json() {
    let all = workbooks().unwrap();
    let lessons = all.iter().find(|w| w.file == "plans/lessons.xlsx").unwrap();
    let read = meal_core::template::lessons::from_xlsx(&committed(lessons)).unwrap();
    let json: serde_json::Value = serde_json::from_str(meal_demo::plans::LESSONS).unwrap();
    let back: serde_json::Value = serde_json::from_str(&read.document.unwrap().to_json()).unwrap();
    assert_eq!(back, json);
    assert!(matches!(lessons.document, Document::Lessons(ref r) if r.lessons.len() == 19));
}

#[test]
fn the_committed_workbooks_are_what_the_code_writes() {
    for workbook in workbooks().unwrap() {
        let written = workbook.written(Locale::Fr).unwrap();
        assert!(
            written == committed(&workbook),
            "{} is stale: run `cargo run -p meal-demo -- templates`",
            workbook.file
        );
    }
}

#[test]
fn the_templates_command_writes_the_same_layout_under_out() {
    let dir = std::env::temp_dir().join(format!("meal-demo-templates-{}", std::process::id()));
    let status = Command::new(env!("CARGO_BIN_EXE_meal-demo"))
        .args(["templates", "--out"])
        .arg(&dir)
        .status()
        .unwrap();
    assert!(status.success());
    for workbook in workbooks().unwrap() {
        let written = std::fs::read(dir.join(&workbook.file)).unwrap();
        assert!(written == committed(&workbook), "{}", workbook.file);
    }
    std::fs::remove_dir_all(&dir).unwrap();
}
