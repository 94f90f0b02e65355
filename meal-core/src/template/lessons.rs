//! The lessons-learned register workbook ([`crate::plan::LessonsRegister`], the
//! *capitalisation* of issue 7): one row per lesson on the `lessons` sheet, so a project team
//! writes its lessons in the same spreadsheet tool as its logframe and MEAL plan, and the
//! mission consolidates them for the seminar. Conventions (bilingual columns, lists,
//! exactness, findings) are in the [module docs](super).
//!
//! Decisions:
//! * **The lessons come first.** The `lessons` sheet is the only required one and the first
//!   a person sees; the register's one document-level value, its `format_version`, sits on an
//!   optional one-row `register` sheet after it (absent or without its row = 1, the current
//!   version), as the logframe's sits on its `project` row and the plan's on its `plan` row.
//! * **Ids, project codes and tags are read exactly**, as in JSON: a blank id, a lower-case
//!   project code or a tag that is not snake_case are the register's own findings
//!   ([`crate::plan::LessonsRegister::validate`]), located at their cell, not reading errors.
//!
//! # Sheets and columns
//!
//! Sheets in workbook order, each with its English / French name. "required" columns must be
//! present and filled on every row; the other columns may be blank or absent.
//!
//! ## `lessons` / `leçons` (required sheet)
//!
//! | English header | French header | required | holds |
//! |---|---|---|---|
//! | `id` | `identifiant` |  | lesson id (`IDF-L-2026-01`), unique; text, exact |
//! | `project` | `projet` |  | project code (`IDF`), or `MISSION` |
//! | `discipline` | `discipline` |  | `medical`, `mental_health`, `protection`, `influence`; blank = none |
//! | `date` | `date` | yes | when the lesson was written down, `2026-02-12` |
//! | `status` | `statut` | yes | `draft`, `validated`, `applied`, `archived` |
//! | `lesson::en` | `leçon::en` |  | the lesson, English |
//! | `lesson::fr` | `leçon::fr` |  | the lesson, French |
//! | `context::en` | `contexte::en` |  | the context it was learned in, English |
//! | `context::fr` | `contexte::fr` |  | the context, French |
//! | `evidence::en` | `éléments_de_preuve::en` |  | what shows it, English |
//! | `evidence::fr` | `éléments_de_preuve::fr` |  | what shows it, French |
//! | `recommendation::en` | `recommandation::en` |  | what to do differently, English |
//! | `recommendation::fr` | `recommandation::fr` |  | what to do differently, French |
//! | `tags` | `étiquettes` |  | list of snake_case tags (`safeguarding; data_quality`) |
//!
//! ## `register` / `registre`
//!
//! | English header | French header | required | holds |
//! |---|---|---|---|
//! | `format_version` | `version_format` |  | whole number; blank or no row = 1 (current) |

use crate::error::MealError;
use crate::i18n::Locale;
use crate::plan::lessons::FORMAT_VERSION;
use crate::plan::{Lesson, LessonStatus, LessonsRegister};

use super::cells::{read_document, table, Origins, Report, Row, Table};
use super::layout::{col, req, SheetSpec};
use super::write::{self, Rows};
use super::Authored;

pub(crate) const LESSONS: SheetSpec = SheetSpec {
    en: "lessons",
    fr: "leçons",
    required: true,
    single: false,
    columns: &[
        col("id", "identifiant", "id"),
        col("project", "projet", "project"),
        col("discipline", "discipline", "discipline"),
        req("date", "date", "date"),
        req("status", "statut", "status"),
        col("lesson::en", "leçon::en", "lesson/en"),
        col("lesson::fr", "leçon::fr", "lesson/fr"),
        col("context::en", "contexte::en", "context/en"),
        col("context::fr", "contexte::fr", "context/fr"),
        col("evidence::en", "éléments_de_preuve::en", "evidence/en"),
        col("evidence::fr", "éléments_de_preuve::fr", "evidence/fr"),
        col(
            "recommendation::en",
            "recommandation::en",
            "recommendation/en",
        ),
        col(
            "recommendation::fr",
            "recommandation::fr",
            "recommendation/fr",
        ),
        col("tags", "étiquettes", "tags"),
    ],
};

pub(crate) const REGISTER: SheetSpec = SheetSpec {
    en: "register",
    fr: "registre",
    required: false,
    single: true,
    columns: &[col("format_version", "version_format", "format_version")],
};

/// The sheets of a lessons register workbook, in workbook order.
pub(crate) const SHEETS: [&SheetSpec; 2] = [&LESSONS, &REGISTER];

const DISCIPLINES: &[&str] = &["medical", "mental_health", "protection", "influence"];
const STATUSES: &[&str] = &["draft", "validated", "applied", "archived"];

// ---------------------------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------------------------

/// Writes `register` as a template workbook with headers and sheet names in `locale`.
///
/// Error `template.unwritable` (params `detail`, `sheet`, and `value` when one cell is at
/// fault) when the register holds something the template cannot carry back exactly: a tag
/// that is blank, padded with spaces or holds `;`, or a text longer than a cell holds (32 767
/// characters).
pub fn to_xlsx(register: &LessonsRegister, locale: Locale) -> Result<Vec<u8>, MealError> {
    let sheet = LESSONS.name(locale);
    let lessons = register
        .lessons
        .iter()
        .map(|lesson| lesson_row(lesson, sheet))
        .collect::<Result<Rows, MealError>>()?;
    let sheets: Vec<(&SheetSpec, Rows)> = vec![
        (&LESSONS, lessons),
        (&REGISTER, vec![vec![register.format_version.to_string()]]),
    ];
    write::workbook(&sheets, locale)
}

/// The cells of `lesson`, in the order of [`LESSONS`]; `sheet` names the sheet in an error.
fn lesson_row(lesson: &Lesson, sheet: &str) -> Result<Vec<String>, MealError> {
    let mut row = vec![
        lesson.id.clone(),
        lesson.project.clone(),
        write::optional_choice(lesson.discipline.as_ref()),
        lesson.date.format("%Y-%m-%d").to_string(),
        write::choice(&lesson.status),
    ];
    for text in [
        &lesson.lesson,
        &lesson.context,
        &lesson.evidence,
        &lesson.recommendation,
    ] {
        row.extend(write::bilingual(text));
    }
    row.push(write::list(&lesson.tags, sheet)?);
    Ok(row)
}

/// The blank template: both sheets with their header row in `locale`, no data row (the files
/// `examples/templates/lessons-template.{en,fr}.xlsx`).
pub fn blank(locale: Locale) -> Result<Vec<u8>, MealError> {
    write::blank(&SHEETS, locale)
}

// ---------------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------------

/// Reads a lessons register workbook (headers and sheet names in English or French, even
/// mixed).
///
/// Errors: `template.unreadable` (not an `.xlsx`), `template.missing_sheet` (no `lessons`
/// sheet). Every other problem is a finding naming its cell. When reading raised no error, the
/// register is built and its own findings ([`LessonsRegister::validate`]) are added, located
/// at the cell they are about (`lessons!A3` for a repeated id).
pub fn from_xlsx(bytes: &[u8]) -> Result<Authored<LessonsRegister>, MealError> {
    read_document(bytes, &SHEETS, read_register, |register| {
        Ok(register.validate())
    })
}

fn read_register(
    tables: &[Table<'_>],
    report: &mut Report,
    origins: &mut Origins,
) -> LessonsRegister {
    let mut register = LessonsRegister {
        format_version: FORMAT_VERSION,
        lessons: Vec::new(),
    };
    // The register's row, when there is one: a blank template has none, and means version 1.
    if let Some(row) = table(tables, &REGISTER).and_then(|t| t.rows(report).into_iter().next()) {
        row.register("", origins);
        if let Some(version) = row.whole("format_version", report) {
            register.format_version = version;
        }
    }
    if let Some(t) = table(tables, &LESSONS) {
        t.register("/lessons", origins);
        for row in t.rows(report) {
            row.register(&format!("/lessons/{}", register.lessons.len()), origins);
            if let Some(lesson) = read_lesson(&row, report) {
                register.lessons.push(lesson);
            }
        }
    }
    register
}

/// The lesson of one row; `None` (its findings reported) without a date or a status.
fn read_lesson(row: &Row<'_, '_>, report: &mut Report) -> Option<Lesson> {
    let date = row.date("date", report);
    let status: Option<LessonStatus> = row.choice("status", STATUSES, report);
    Some(Lesson {
        id: row.text("id"),
        project: row.text("project"),
        discipline: row.choice("discipline", DISCIPLINES, report),
        date: date?,
        status: status?,
        lesson: row.bilingual("lesson"),
        context: row.bilingual("context"),
        evidence: row.bilingual("evidence"),
        recommendation: row.bilingual("recommendation"),
        tags: row.list("tags"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Severity;
    use crate::template::tests::{book, only, params, Sheet};

    const HEADERS: [&str; 14] = [
        "id",
        "project",
        "discipline",
        "date",
        "status",
        "lesson::en",
        "lesson::fr",
        "context::en",
        "context::fr",
        "evidence::en",
        "evidence::fr",
        "recommendation::en",
        "recommendation::fr",
        "tags",
    ];

    /// A complete lesson row: `id` and `project` as given, every text in both languages.
    fn lesson(id: &'static str, project: &'static str) -> Vec<&'static str> {
        vec![
            id,
            project,
            "protection",
            "2026-02-12",
            "validated",
            "Lawyers early",
            "Avocats tôt",
            "Day centre",
            "Centre de jour",
            "71 % to 88 %",
            "71 % à 88 %",
            "Book a lawyer",
            "Prévoir un avocat",
            "legal; partnership",
        ]
    }

    fn sheets(rows: Vec<Vec<&'static str>>) -> Vec<Sheet<'static>> {
        let mut all = vec![HEADERS.to_vec()];
        all.extend(rows);
        vec![("lessons", all)]
    }

    fn read(sheets: &[Sheet]) -> Authored<LessonsRegister> {
        from_xlsx(&book(sheets)).unwrap()
    }

    #[test]
    fn a_valid_sheet_reads_into_the_register_it_says() {
        let mut second = lesson("MRS-L-1", "MRS");
        second[2] = "";
        second[13] = " shelter ;; ";
        let read = read(&sheets(vec![lesson("IDF-L-1", "IDF"), second]));
        assert_eq!(read.findings, vec![]);
        let register = read.document.unwrap();
        assert_eq!(register.format_version, 1);
        let [first, second] = &register.lessons[..] else {
            panic!("two lessons: {register:?}");
        };
        assert_eq!(first.id, "IDF-L-1");
        assert_eq!(
            first.discipline,
            Some(crate::logframe::Discipline::Protection)
        );
        assert_eq!(first.date.to_string(), "2026-02-12");
        assert_eq!(first.status, LessonStatus::Validated);
        assert_eq!(first.evidence.fr, "71 % à 88 %");
        assert_eq!(first.tags, ["legal", "partnership"]);
        assert_eq!(second.discipline, None);
        assert_eq!(second.tags, ["shelter"]);
    }

    #[test]
    fn french_headers_and_sheet_names_read_the_same() {
        let french = [
            "identifiant",
            "projet",
            "discipline",
            "date",
            "statut",
            "leçon::en",
            "leçon::fr",
            "contexte::en",
            "contexte::fr",
            "éléments_de_preuve::en",
            "éléments_de_preuve::fr",
            "recommandation::en",
            "recommandation::fr",
            "étiquettes",
        ];
        let english = read(&sheets(vec![lesson("IDF-L-1", "IDF")]));
        let workbook = vec![
            ("Leçons", vec![french.to_vec(), lesson("IDF-L-1", "IDF")]),
            ("registre", vec![vec!["version_format"], vec!["1"]]),
        ];
        assert_eq!(read(&workbook), english);
    }

    #[test]
    fn validation_findings_name_the_cell_of_their_field() {
        let mut untranslated = lesson("CAL-L-1", "cal");
        untranslated[8] = "";
        untranslated[13] = "Legal";
        let mut textless = lesson("", "DKQ");
        textless[5] = "";
        textless[6] = " ";
        let read = read(&sheets(vec![
            lesson("IDF-L-1", "IDF"),
            untranslated,
            lesson("IDF-L-1", "IDF"),
            textless,
        ]));
        let located: Vec<(&str, &str, &str)> = read
            .findings
            .iter()
            .map(|f| {
                (
                    f.code.as_str(),
                    f.path.as_str(),
                    f.params["document_path"].as_str(),
                )
            })
            .collect();
        assert_eq!(
            located,
            [
                (
                    "plan.lesson_bad_project",
                    "lessons!B3",
                    "/lessons/1/project"
                ),
                (
                    "plan.lesson_missing_translation",
                    "lessons!H3",
                    "/lessons/1/context"
                ),
                ("plan.lesson_bad_tag", "lessons!N3", "/lessons/1/tags/0"),
                ("plan.duplicate_lesson", "lessons!A4", "/lessons/2/id"),
                ("plan.lesson_blank_id", "lessons!A5", "/lessons/3/id"),
                (
                    "plan.lesson_missing_text",
                    "lessons!F5",
                    "/lessons/3/lesson"
                ),
            ]
        );
        let duplicate = only(&read.findings, "plan.duplicate_lesson");
        let p = params(&duplicate);
        assert_eq!(
            (p["first"], p["value"], p["row"]),
            ("/lessons/0", "IDF-L-1", "4")
        );
        let tag = only(&read.findings, "plan.lesson_bad_tag");
        assert_eq!(
            (params(&tag)["tag"], params(&tag)["value"]),
            ("Legal", "Legal")
        );
        // Findings about the register do not stop it being built.
        assert_eq!(read.document.map(|r| r.lessons.len()), Some(4));
    }

    #[test]
    fn a_row_without_date_or_status_is_an_error_and_no_register() {
        let mut undated = lesson("IDF-L-1", "IDF");
        undated[3] = " ";
        let mut misdated = lesson("IDF-L-2", "IDF");
        misdated[3] = "12/02/2026";
        let mut unknown = lesson("IDF-L-3", "IDF");
        unknown[4] = "done";
        unknown[2] = "health";
        let read = read(&sheets(vec![undated, misdated, unknown]));
        assert_eq!(read.document, None);
        let blank = only(&read.findings, "template.blank_cell");
        assert_eq!(
            (blank.path.as_str(), params(&blank)["header"]),
            ("lessons!D2", "date")
        );
        let bad = only(&read.findings, "template.bad_date");
        assert_eq!(
            (bad.path.as_str(), params(&bad)["value"]),
            ("lessons!D3", "12/02/2026")
        );
        let unknown: Vec<(&str, &str)> = read
            .findings
            .iter()
            .filter(|f| f.code == "template.unknown_value")
            .map(|f| (f.path.as_str(), f.params["expected"].as_str()))
            .collect();
        assert_eq!(
            unknown,
            [
                (
                    "lessons!C4",
                    "medical, mental_health, protection, influence"
                ),
                ("lessons!E4", "draft, validated, applied, archived"),
            ]
        );
    }

    #[test]
    fn the_register_row_carries_the_version() {
        let mut workbook = sheets(vec![lesson("IDF-L-1", "IDF")]);
        workbook.push((
            "register",
            vec![vec!["format_version"], vec!["7"], vec!["8"]],
        ));
        let read = read(&workbook);
        let extra = only(&read.findings, "template.extra_row");
        assert_eq!(
            (extra.path.as_str(), extra.severity),
            ("register!A3", Severity::Warning)
        );
        assert_eq!(read.document.map(|r| r.format_version), Some(7));
        let mut workbook = sheets(vec![]);
        workbook.push(("registre", vec![vec!["version_format"], vec!["v1"]]));
        let bad = only(
            &from_xlsx(&book(&workbook)).unwrap().findings,
            "template.bad_number",
        );
        assert_eq!(bad.path, "registre!A2");
    }

    #[test]
    fn a_workbook_without_lessons_sheet_is_an_error() {
        let err = from_xlsx(&book(&[("register", vec![vec!["format_version"]])])).unwrap_err();
        assert_eq!(
            (
                err.code.as_str(),
                err.params.get("sheet").map(String::as_str)
            ),
            ("template.missing_sheet", Some("lessons"))
        );
    }

    #[test]
    fn a_register_round_trips_and_a_blank_template_is_empty() {
        let register = read(&sheets(vec![
            lesson("IDF-L-1", "IDF"),
            lesson("X", "MISSION"),
        ]))
        .document
        .unwrap();
        for locale in [Locale::En, Locale::Fr] {
            let back = from_xlsx(&to_xlsx(&register, locale).unwrap()).unwrap();
            assert_eq!(back.findings, vec![]);
            assert_eq!(back.document.as_ref(), Some(&register));
        }
        let blank = from_xlsx(&blank(Locale::Fr).unwrap()).unwrap();
        assert_eq!(blank.findings, vec![]);
        assert_eq!(
            blank.document,
            Some(LessonsRegister {
                format_version: 1,
                lessons: vec![]
            })
        );
    }

    #[test]
    fn the_writer_refuses_a_tag_that_would_not_read_back() {
        let mut register = read(&sheets(vec![lesson("IDF-L-1", "IDF")]))
            .document
            .unwrap();
        register.lessons[0].tags.push("a; b".to_owned());
        let err = to_xlsx(&register, Locale::Fr).unwrap_err();
        let p = &err.params;
        assert_eq!(err.code, "template.unwritable");
        assert_eq!(
            (
                p.get("sheet").map(String::as_str),
                p.get("value").map(String::as_str)
            ),
            (Some("leçons"), Some("a; b"))
        );
    }
}
