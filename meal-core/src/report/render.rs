//! Rendering a report model to Markdown, HTML, CSV, JSON or XLSX.
//!
//! Decisions (format by format, each in its own file):
//! * **Markdown** (`markdown.rs`) and **HTML** (`html.rs`) render the same `Layout`
//!   (`layout.rs`): headings, fact lists, tables, lists and a footer — so the two never drift.
//!   HTML is one self-contained UTF-8 document with a `lang` attribute, inline CSS, print
//!   styles and no script.
//! * **CSV** (`csv.rs`) is for machines: one row per figure, stable English snake_case headers
//!   and codes whatever the locale (a header that changes with the reader's language breaks
//!   every script reading it), decimals with a dot, RFC 4180 quoting.
//! * **JSON** is the model's serde form, pretty-printed: what bindings and scripts read.
//! * **XLSX** (`xlsx.rs`) is for people who keep working on the numbers: headings in the locale,
//!   numbers as numbers (the decimal comma is then the spreadsheet's display, per the reader's
//!   own settings), achievements as percentages, header rows frozen.
//! * A suppressed value is `*` (`terms::SUPPRESSED_SYMBOL`) in text formats, `"*"` in CSV's value
//!   column with status `suppressed`, the string `*` in XLSX, and `"state": "suppressed"` with a
//!   `null` value in JSON; the legend is in every format but CSV (whose status says it).
//!
//! | code | raised when |
//! |---|---|
//! | `report.render_failed` | a writer (CSV, XLSX, JSON) fails; `detail` says why |
//!
//! Reading a request from JSON fails with `json.malformed` or `document.invalid`.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::error::MealError;
use crate::i18n::{Locale, Message};
use crate::period::Period;
use crate::report::model::Content;
use crate::report::terms::Label;
use crate::report::{csv, html, layout, markdown, xlsx, Audience, Scope};

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    Markdown,
    Html,
    Csv,
    Json,
    Xlsx,
}

impl Format {
    /// Every format, in a fixed order.
    pub const ALL: [Format; 5] = [
        Format::Markdown,
        Format::Html,
        Format::Csv,
        Format::Json,
        Format::Xlsx,
    ];
}

/// A rendered report: bytes (UTF-8 text for every format but XLSX), media type, extension.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    pub bytes: Vec<u8>,
    pub media_type: &'static str,
    pub extension: &'static str,
}

/// Which report a view shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Sitrep,
    Annual,
}

/// What the renderers need of a report.
#[derive(Debug, Clone, Copy)]
pub struct View<'a> {
    pub kind: Kind,
    pub title: &'a str,
    pub scope: &'a Scope,
    /// The period the report covers (the SITREP's period, the annual report's year).
    pub span: &'a Period,
    pub audience: Audience,
    pub locale: Locale,
    pub content: &'a Content,
}

/// The title of a report: `Situation report (SITREP) — IDF — 2026Q1`.
pub fn title(
    kind: Kind,
    scope: &Scope,
    content: &Content,
    span: &Period,
    locale: Locale,
) -> String {
    let head = match kind {
        Kind::Sitrep => Label::SitrepTitle,
        Kind::Annual => Label::AnnualTitle,
    };
    let who = match scope {
        Scope::Mission => Label::Mission.text(locale).to_owned(),
        Scope::Project(code) => content
            .projects
            .first()
            .map_or_else(|| code.clone(), |p| format!("{code} — {}", p.name)),
    };
    format!("{} — {who} — {}", head.text(locale), span.id())
}

/// Renders `view` in a text or XLSX format (JSON is rendered from the report itself).
pub fn render(view: &View<'_>, format: Format) -> Result<Rendered, MealError> {
    let text = |bytes: Vec<u8>, media_type, extension| Rendered {
        bytes,
        media_type,
        extension,
    };
    Ok(match format {
        Format::Markdown => text(
            markdown::render(&layout::layout(view)).into_bytes(),
            "text/markdown; charset=utf-8",
            "md",
        ),
        Format::Html => text(
            html::render(&layout::layout(view)).into_bytes(),
            "text/html; charset=utf-8",
            "html",
        ),
        Format::Csv => text(csv::render(view.content)?, "text/csv; charset=utf-8", "csv"),
        Format::Xlsx => text(
            xlsx::render(view)?,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "xlsx",
        ),
        Format::Json => return Err(failed("json is rendered from the report")),
    })
}

/// The JSON rendering: the model, pretty-printed, with a final newline.
pub fn json<T: Serialize>(report: &T) -> Result<Rendered, MealError> {
    let mut bytes = serde_json::to_vec_pretty(report).map_err(failed)?;
    bytes.push(b'\n');
    Ok(Rendered {
        bytes,
        media_type: "application/json",
        extension: "json",
    })
}

/// `report.render_failed` with the writer's reason.
pub fn failed(detail: impl ToString) -> MealError {
    MealError::new("report.render_failed").with("detail", detail)
}

/// Reads a request of `kind` from JSON.
pub fn from_json<T: DeserializeOwned>(json: &str, kind: &str) -> Result<T, MealError> {
    serde_json::from_str(json).map_err(|e| {
        if e.is_data() {
            MealError::new("document.invalid")
                .with("kind", kind)
                .with("detail", e)
        } else {
            crate::document::malformed(&e)
        }
    })
}

/// Messages of the codes this file raises.
pub const MESSAGES: &[Message] = &[Message {
    code: "report.render_failed",
    en: "The report could not be written: {detail}",
    fr: "Le rapport n’a pas pu être écrit : {detail}",
}];
