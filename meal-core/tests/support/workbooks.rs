//! Workbooks built cell by cell with rust_xlsxwriter, for the tests that need real `.xlsx`
//! bytes: the XLSForm corpus, the workbook vectors, and the template unit tests
//! (`src/template/tests.rs`, through `#[path]`). Each takes what it needs.

// Shared by several test crates, each using a part.
#![allow(dead_code)]
// A test helper: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used)]

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Workbook};

/// The rows of a sheet; an empty string is an empty cell.
pub type Rows<'a> = Vec<Vec<&'a str>>;
/// A sheet: its name and its rows.
pub type Sheet<'a> = (&'a str, Rows<'a>);

/// A workbook of text cells. Its creation time is fixed (the only part that would vary), so
/// vectors written from it keep stable bytes.
pub fn book(sheets: &[Sheet<'_>]) -> Vec<u8> {
    let mut workbook = Workbook::new();
    let created = ExcelDateTime::from_ymd(2026, 1, 15).unwrap();
    workbook.set_properties(&DocProperties::new().set_creation_datetime(&created));
    for (name, rows) in sheets {
        let sheet = workbook.add_worksheet();
        sheet.set_name(*name).unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, text) in row.iter().enumerate() {
                if !text.is_empty() {
                    sheet
                        .write_string(u32::try_from(r).unwrap(), u16::try_from(c).unwrap(), *text)
                        .unwrap();
                }
            }
        }
    }
    workbook.save_to_buffer().unwrap()
}

/// A small valid logframe: an impact, an outcome, one indicator with a target.
pub fn logframe_sheets() -> Vec<Sheet<'static>> {
    vec![
        (
            "project",
            vec![
                vec!["code", "name::en", "name::fr"],
                vec!["IDF", "Paris", "Paris"],
            ],
        ),
        (
            "objectives",
            vec![
                vec![
                    "code",
                    "level",
                    "parent",
                    "kind",
                    "title::en",
                    "title::fr",
                    "disciplines",
                    "indicators",
                ],
                vec![
                    "IDF",
                    "impact",
                    "",
                    "operational",
                    "Health",
                    "Santé",
                    "medical",
                    "IDF.I1",
                ],
                vec![
                    "IDF.OC1",
                    "outcome",
                    "IDF",
                    "operational",
                    "Care",
                    "Soins",
                    "medical; protection",
                    "IDF.I2",
                ],
            ],
        ),
        (
            "indicators",
            vec![
                vec![
                    "code",
                    "name::en",
                    "name::fr",
                    "measure",
                    "factor",
                    "unit::en",
                    "unit::fr",
                    "direction",
                    "aggregation",
                ],
                vec![
                    "IDF.I1",
                    "Consultations",
                    "Consultations",
                    "count",
                    "",
                    "consultations",
                    "consultations",
                    "increase",
                    "incremental",
                ],
                vec![
                    "IDF.I2",
                    "Share seen",
                    "Part vue",
                    "ratio",
                    "100",
                    "%",
                    "%",
                    "increase",
                    "ratio_of_sums",
                ],
            ],
        ),
        (
            "targets",
            vec![
                vec!["indicator", "period", "value", "cell"],
                vec!["IDF.I1", "2026", "100.50", ""],
            ],
        ),
    ]
}

/// A small valid MEAL plan of the IDF project starting on `start` (`YYYY-MM-DD`).
pub fn plan_sheets(start: &'static str) -> Vec<Sheet<'static>> {
    vec![
        (
            "plan",
            vec![
                vec![
                    "project",
                    "start",
                    "sitrep",
                    "sitrep_due_days",
                    "annual_report_due_days",
                    "quality_review",
                ],
                vec!["IDF", start, "monthly", "10", "60", "quarterly"],
            ],
        ),
        (
            "roles",
            vec![
                vec!["code", "name::en"],
                vec!["meal_officer", "MEAL officer"],
            ],
        ),
        (
            "indicators",
            vec![
                vec![
                    "indicator",
                    "source",
                    "form",
                    "field",
                    "method",
                    "frequency",
                    "responsible",
                ],
                vec![
                    "IDF.I1",
                    "form",
                    "consultation",
                    "date",
                    "routine_records",
                    "continuous",
                    "meal_officer",
                ],
            ],
        ),
    ]
}
