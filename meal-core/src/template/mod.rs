//! Spreadsheet authoring: logframes and MEAL plans written and read as `.xlsx` workbooks of a
//! documented template — the XLSForm idea applied to logframes. Coordinators author in Excel
//! or LibreOffice; the library reads the workbook back with findings that name the sheet, row
//! and column of every problem (`objectives!C12`), and writes any document back to the same
//! layout, so `from_xlsx(to_xlsx(doc)).document == Some(doc)` exactly.
//!
//! | file | concept |
//! |---|---|
//! | `logframe.rs` | the logframe workbook and its sheet and column tables |
//! | `plan.rs` | the MEAL plan workbook and its sheet and column tables |
//! | `layout.rs` | sheets and columns named in English and French |
//! | `cells.rs` | reading a sheet: headers, typed cells, findings located at cells |
//! | `write.rs` | writing a sheet: text cells that read back as written |
//!
//! The blank templates, in both languages, are `examples/templates/*.xlsx` (written by
//! [`logframe::blank`] and [`plan::blank`]; a test keeps them equal), documented in
//! `examples/templates/README.md`.
//!
//! # Layout
//!
//! * One sheet per kind of item, one row per item, a header row first (row 1). Columns may come
//!   in any order; optional columns and optional sheets may be deleted (an absent sheet is an
//!   empty list). Empty rows are skipped.
//! * Headers and sheet names exist in English and French; the reader accepts either, trimmed
//!   and in any case, even mixed in one workbook. [`logframe::to_xlsx`] and [`plan::to_xlsx`]
//!   write one language ([`Locale`](crate::Locale)).
//! * A bilingual text is two columns, `title::en` and `title::fr` (`titre::en`, `titre::fr`).
//! * Values of choice columns (`level`, `measure`, `frequency`, …) are the snake_case names of
//!   the JSON documents in both languages (`outcome`, `mid_term`): they are codes, not words.
//! * A list of codes or choices is one cell, entries separated by `;` (`medical; protection`;
//!   spaces around an entry are ignored, blank entries skipped). A list of bilingual texts or
//!   of structured items (assumptions, risks, targets, dimensions, categories, means of
//!   verification, scale levels, quality-assurance steps, evaluation questions) is one row per
//!   item in its own sheet, the first column naming the owner by code, rows in list order.
//!   The owner is the first item with that code (as written, else trimmed).
//! * A target's disaggregation cell is `dimension=category` pairs in one cell
//!   (`sex=f; age_band=under_15`); blank is the total.
//! * Numbers are decimals as written (`0.50`, `-3`, `1e-3`), dates ISO 8601 (`2026-01-31`, a
//!   date cell reads the same), periods their DHIS2 ids ([`crate::period`]: `2026`, `2026Q1`, `202603` or `2026-03`, `2026W5`),
//!   written back in the canonical form (the same period).
//!
//! # Exactness
//!
//! Every value is written as a **text cell** and every column is formatted as text (`@`), so
//! what is written and what a person types stays text: `0.50` keeps its scale (decimals are
//! compared by value *and* their JSON keeps the scale), `007` its zeros. Text and code cells
//! are read **exactly as stored**, not trimmed (`crate::workbook::read_workbook_exact`): a title
//! ending in a newline or a code with a stray space comes back as it was — and such a code is
//! then a validation finding, as in JSON, where codes are compared exactly (see
//! [`crate::logframe`]). Cells of values (choices, numbers, dates, periods, lists) are trimmed
//! before they are parsed. Control characters are stored as Excel stores them (`_x000D_`, a
//! literal `_x000D_` as `_x005F_x000D_`).
//!
//! What a workbook cannot carry back exactly is refused by the writers with
//! `template.unwritable` rather than changed silently:
//! * a value that is present but empty (`"parent": ""`, a definition blank in both languages):
//!   Excel stores no empty text, so it would read back as absent;
//! * an item whose every cell is empty (a role with no code and no name): no row reads as no
//!   item;
//! * a list entry or target-cell part that is blank, padded with spaces or holds `;` (or `=`);
//! * rows owned by an item whose code is blank or repeats an earlier item's (they would read
//!   back under the other item);
//! * a text longer than a cell holds (32 767 characters).
//!
//! Every other document round-trips exactly, in both header languages
//! (`meal-core/tests/template_props.rs`).
//!
//! # Findings
//!
//! Errors (`Err`) only for a workbook that cannot be read at all: `template.unreadable` (not an
//! `.xlsx`; param `detail`) and `template.missing_sheet` (a required sheet is absent; param
//! `sheet`). Every other problem is a [`Finding`] whose path names the cell
//! (`objectives!C12`) with the params `sheet` (as named in the workbook), `row` (1-based),
//! `column` (letters) and `value` (the cell's text; empty for a blank cell). Findings come in
//! template sheet order, then row, column, code.
//!
//! | code | severity | when |
//! |---|---|---|
//! | `template.unknown_sheet` | warning | a sheet the template does not have (not read) |
//! | `template.duplicate_sheet` | error | a second sheet for the same list (`objectives` and `objectifs`; the second is not read) |
//! | `template.unknown_column` | warning | a header the sheet does not have (not read) |
//! | `template.duplicate_column` | error | a header that repeats another (in either language); the second is not read |
//! | `template.missing_column` | error | a required column is absent (param `header`) |
//! | `template.missing_row` | error | the `project` or `plan` sheet has no data row |
//! | `template.extra_row` | warning | rows after the first data row of `project` or `plan` (not read) |
//! | `template.blank_cell` | error | a required cell is blank, or a cell the row needs (a ratio's `factor`, a maintain `tolerance`, a baseline's value and period together) (param `header`) |
//! | `template.unknown_value` | error | a choice that is not one of the accepted values (param `expected`) |
//! | `template.bad_number` | error | a number or whole number that does not parse |
//! | `template.bad_date` | error | a date that is not `YYYY-MM-DD` |
//! | `template.bad_period` | error | a period id that does not parse |
//! | `template.bad_cell` | error | a target cell pair without `=`, with a blank side, or repeating a dimension |
//! | `template.unknown_reference` | error | a row naming an owner that does not exist (a target for an unknown indicator, a category of an unknown dimension) |
//! | `template.ignored_cell` | warning | a cell the row does not use (a `factor` on a count, a `form` on an external source, a scale row for a count indicator); not read |
//!
//! When reading raised no error, the document is built and its own findings
//! ([`crate::logframe::Logframe::validate`], [`crate::plan::MealPlan::validate`]) are added,
//! moved from their JSON path to the cell that holds the field (`/objectives/3/parent` →
//! `objectives!C5`), with the same params plus `sheet`, `row`, `column`, `value` (unless the
//! finding has its own) and `document_path`. A finding about a whole list ("no impact") points
//! at the header of its sheet. A logframe whose parent links loop is left out, with the
//! finding `logframe.cycle` at the parent cell, as [`crate::logframe::Logframe::from_json`]
//! refuses it. When reading raised an error, no document is built and only the reading
//! findings are given.
//!
//! The writers' error: `template.unwritable` (param `detail`, and `sheet`, `value` when one
//! cell is at fault).

mod cells;
mod layout;
pub mod logframe;
pub mod plan;
#[cfg(test)]
mod tests;
mod write;

use serde::Serialize;

use crate::error::Finding;

/// A document read from a workbook: `Some` when it could be built (findings may still hold
/// warnings or errors a later validation repeats), `None` when a blocking problem prevented it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Authored<T> {
    pub document: Option<T>,
    pub findings: Vec<Finding>,
}

/// Every code this module raises, in English and French.
pub const MESSAGES: &[crate::i18n::Message] = &[
    crate::i18n::Message {
        code: "template.unreadable",
        en: "The workbook cannot be read as an .xlsx file: {detail}",
        fr: "Le classeur ne peut pas être lu comme un fichier .xlsx : {detail}",
    },
    crate::i18n::Message {
        code: "template.unwritable",
        en: "The document cannot be written to the template exactly: {detail}",
        fr: "Le document ne peut pas être écrit tel quel dans le modèle : {detail}",
    },
    crate::i18n::Message {
        code: "template.missing_sheet",
        en: "The workbook has no sheet '{sheet}'",
        fr: "Le classeur n'a pas de feuille « {sheet} »",
    },
    crate::i18n::Message {
        code: "template.unknown_sheet",
        en: "Sheet '{sheet}' is not part of the template and was not read",
        fr: "La feuille « {sheet} » ne fait pas partie du modèle et n'a pas été lue",
    },
    crate::i18n::Message {
        code: "template.duplicate_sheet",
        en: "Sheet '{sheet}' repeats another sheet of the same list and was not read",
        fr: "La feuille « {sheet} » répète une autre feuille de la même liste et n'a pas été lue",
    },
    crate::i18n::Message {
        code: "template.unknown_column",
        en: "{sheet}!{column}{row}: column '{value}' is not part of the template and was not read",
        fr: "{sheet}!{column}{row} : la colonne « {value} » ne fait pas partie du modèle et n'a pas été lue",
    },
    crate::i18n::Message {
        code: "template.duplicate_column",
        en: "{sheet}!{column}{row}: column '{value}' repeats another column and was not read",
        fr: "{sheet}!{column}{row} : la colonne « {value} » répète une autre colonne et n'a pas été lue",
    },
    crate::i18n::Message {
        code: "template.missing_column",
        en: "Sheet '{sheet}' has no column '{header}'",
        fr: "La feuille « {sheet} » n'a pas de colonne « {header} »",
    },
    crate::i18n::Message {
        code: "template.missing_row",
        en: "Sheet '{sheet}' has no data row under its headers",
        fr: "La feuille « {sheet} » n'a pas de ligne de données sous ses en-têtes",
    },
    crate::i18n::Message {
        code: "template.extra_row",
        en: "{sheet}!{column}{row}: this sheet holds one row; this one was not read",
        fr: "{sheet}!{column}{row} : cette feuille ne contient qu'une ligne ; celle-ci n'a pas été lue",
    },
    crate::i18n::Message {
        code: "template.blank_cell",
        en: "{sheet}!{column}{row}: '{header}' must be filled",
        fr: "{sheet}!{column}{row} : « {header} » doit être rempli",
    },
    crate::i18n::Message {
        code: "template.unknown_value",
        en: "{sheet}!{column}{row}: '{value}' is not one of: {expected}",
        fr: "{sheet}!{column}{row} : « {value} » n'est pas l'une des valeurs : {expected}",
    },
    crate::i18n::Message {
        code: "template.bad_number",
        en: "{sheet}!{column}{row}: '{value}' is not a number",
        fr: "{sheet}!{column}{row} : « {value} » n'est pas un nombre",
    },
    crate::i18n::Message {
        code: "template.bad_date",
        en: "{sheet}!{column}{row}: '{value}' is not a date (YYYY-MM-DD)",
        fr: "{sheet}!{column}{row} : « {value} » n'est pas une date (AAAA-MM-JJ)",
    },
    crate::i18n::Message {
        code: "template.bad_period",
        en: "{sheet}!{column}{row}: '{value}' is not a period (2026, 2026Q1, 202603, …)",
        fr: "{sheet}!{column}{row} : « {value} » n'est pas une période (2026, 2026Q1, 202603, …)",
    },
    crate::i18n::Message {
        code: "template.bad_cell",
        en: "{sheet}!{column}{row}: '{value}' is not a dimension=category pair, or repeats a dimension",
        fr: "{sheet}!{column}{row} : « {value} » n'est pas une paire dimension=catégorie, ou répète une dimension",
    },
    crate::i18n::Message {
        code: "template.unknown_reference",
        en: "{sheet}!{column}{row}: no item has the code '{value}'",
        fr: "{sheet}!{column}{row} : aucun élément n'a le code « {value} »",
    },
    crate::i18n::Message {
        code: "template.ignored_cell",
        en: "{sheet}!{column}{row}: '{value}' is not used on this row and was not read",
        fr: "{sheet}!{column}{row} : « {value} » ne sert pas sur cette ligne et n'a pas été lu",
    },
];
