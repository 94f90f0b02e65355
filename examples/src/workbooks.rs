//! The reference mission's documents authored through the xlsx templates (issue 7: "its four
//! MEAL plans, its learning agenda and a starter lessons register … authored through the xlsx
//! templates"): each JSON document of `data/` with the workbook that carries it, written by
//! `meal-demo templates` and checked, there and in `tests/workbooks.rs`, to read back to the
//! JSON document exactly.
//!
//! | workbook | document | written by |
//! |---|---|---|
//! | `logframes/logframe-{idf,calais,marseille,dunkerque}.xlsx` | `data/logframe-*.json` | `template::logframe::to_xlsx` |
//! | `plans/plan-{idf,calais,marseille,dunkerque}.xlsx` | `data/plan-*.json` (learning agenda included) | `template::plan::to_xlsx` |
//! | `plans/lessons.xlsx` | `data/lessons.json` | `template::lessons::to_xlsx` |
//!
//! The lessons register sits with the plans: it belongs to the plan module
//! (`meal_core::plan::lessons`) and the seminar reads it with them. The broken logframe
//! (`data/invalid-logframe.json`) has no workbook: it exists to show findings, not to be
//! authored. Paths are relative to the `examples` folder, so `--out DIR` keeps the same layout.

use std::path::{Path, PathBuf};

use meal_core::logframe::Logframe;
use meal_core::plan::{LessonsRegister, MealPlan};
use meal_core::template::{self, Authored};
use meal_core::{Finding, Locale, MealError};

use crate::{plans, reference};

/// A document of the mission, parsed from its JSON.
#[derive(Debug, Clone, PartialEq)]
pub enum Document {
    Logframe(Logframe),
    Plan(MealPlan),
    Lessons(LessonsRegister),
}

/// What reading a workbook back gave, compared with the document it was written from.
#[derive(Debug, Clone, PartialEq)]
pub struct ReadBack {
    /// True when the workbook gives back the document exactly.
    pub same: bool,
    /// The reader's findings (template findings and the document's own).
    pub findings: Vec<Finding>,
}

impl Document {
    /// The workbook of the document, headers in `locale`.
    pub fn to_xlsx(&self, locale: Locale) -> Result<Vec<u8>, MealError> {
        match self {
            Document::Logframe(doc) => template::logframe::to_xlsx(doc, locale),
            Document::Plan(doc) => template::plan::to_xlsx(doc, locale),
            Document::Lessons(doc) => template::lessons::to_xlsx(doc, locale),
        }
    }

    /// Reads `bytes` with the reader of the document's kind and compares.
    pub fn read_back(&self, bytes: &[u8]) -> Result<ReadBack, MealError> {
        Ok(match self {
            Document::Logframe(doc) => compare(doc, template::logframe::from_xlsx(bytes)?),
            Document::Plan(doc) => compare(doc, template::plan::from_xlsx(bytes)?),
            Document::Lessons(doc) => compare(doc, template::lessons::from_xlsx(bytes)?),
        })
    }
}

fn compare<T: PartialEq>(document: &T, read: Authored<T>) -> ReadBack {
    ReadBack {
        same: read.document.as_ref() == Some(document),
        findings: read.findings,
    }
}

/// One document with its workbook.
#[derive(Debug, Clone, PartialEq)]
pub struct MissionWorkbook {
    /// The workbook, relative to the `examples` folder (`plans/lessons.xlsx`).
    pub file: String,
    /// The JSON document it carries, relative to `examples/data`.
    pub source: &'static str,
    pub document: Document,
}

impl MissionWorkbook {
    /// The committed workbook's path.
    pub fn path(&self) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join(&self.file)
    }

    /// The workbook written with headers in `locale`, once it is checked to read back to the
    /// document exactly; otherwise a message saying which and why.
    pub fn written(&self, locale: Locale) -> Result<Vec<u8>, String> {
        let fail = |e: MealError| format!("{}: {} {:?}", self.file, e.code, e.params);
        let bytes = self.document.to_xlsx(locale).map_err(fail)?;
        let back = self.document.read_back(&bytes).map_err(fail)?;
        if !back.same {
            return Err(format!(
                "{}: the workbook does not give back {} ({} findings)",
                self.file,
                self.source,
                back.findings.len()
            ));
        }
        Ok(bytes)
    }
}

/// Every document of the mission that is authored as a workbook: the four logframes, the four
/// MEAL plans, the lessons register, in that order.
pub fn workbooks() -> Result<Vec<MissionWorkbook>, MealError> {
    let mut all = Vec::new();
    for (source, json) in reference::LOGFRAMES {
        all.push(MissionWorkbook {
            file: format!("logframes/{}", source.replace(".json", ".xlsx")),
            source,
            document: Document::Logframe(Logframe::from_json(json)?.value),
        });
    }
    for source in plans::PLANS {
        all.push(MissionWorkbook {
            file: format!("plans/{}", source.workbook),
            source: source.file,
            document: Document::Plan(MealPlan::from_json(source.json)?.value),
        });
    }
    all.push(MissionWorkbook {
        file: "plans/lessons.xlsx".to_owned(),
        source: "lessons.json",
        document: Document::Lessons(plans::lessons()?.0),
    });
    Ok(all)
}
