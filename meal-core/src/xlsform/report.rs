//! Findings located in the workbook: `survey!C12`, with `sheet`, `row` (as a person counts),
//! `column` (letters) and the offending `value` as parameters.

use crate::error::{Finding, Severity};

use crate::workbook::column_letters;

/// The sheets findings point into, in the order findings are emitted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum SheetKind {
    Survey,
    Choices,
    Settings,
}

/// A cell of the workbook (0-based row and column).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Loc {
    pub kind: SheetKind,
    pub sheet: String,
    pub row: u32,
    pub col: u32,
}

impl Loc {
    pub fn new(kind: SheetKind, sheet: &str, row: u32, col: u32) -> Self {
        Self {
            kind,
            sheet: sheet.to_owned(),
            row,
            col,
        }
    }

    /// The same row, another column.
    #[must_use]
    pub fn at_col(&self, col: u32) -> Self {
        Self {
            col,
            ..self.clone()
        }
    }

    /// The row as a person sees it (1-based).
    pub fn row_number(&self) -> u64 {
        u64::from(self.row) + 1
    }

    /// `C12`.
    pub fn a1(&self) -> String {
        format!("{}{}", column_letters(self.col), self.row_number())
    }

    /// `survey!C12`.
    pub fn path(&self) -> String {
        format!("{}!{}", self.sheet, self.a1())
    }
}

/// A finding at `loc` with the location parameters and the offending value.
pub(crate) fn finding(code: &str, severity: Severity, loc: &Loc, value: &str) -> Finding {
    let finding = match severity {
        Severity::Error => Finding::error(code, loc.path()),
        _ => Finding::warning(code, loc.path()),
    };
    located(finding, loc).with("value", value)
}

/// Adds `sheet`, `row` and `column` to a finding.
pub(crate) fn located(finding: Finding, loc: &Loc) -> Finding {
    finding
        .with("sheet", &loc.sheet)
        .with("row", loc.row_number())
        .with("column", column_letters(loc.col))
}

/// An error finding at `loc`.
pub(crate) fn error(code: &str, loc: &Loc, value: &str) -> Finding {
    finding(code, Severity::Error, loc, value)
}

/// The findings of one read, sorted by sheet, row, column, then code.
#[derive(Debug, Default)]
pub(crate) struct Report {
    items: Vec<((SheetKind, u32, u32), Finding)>,
}

impl Report {
    pub fn push(&mut self, finding: Finding, loc: &Loc) {
        self.items.push(((loc.kind, loc.row, loc.col), finding));
    }

    pub fn error(&mut self, code: &str, loc: &Loc, value: &str) {
        self.push(error(code, loc, value), loc);
    }

    pub fn warning(&mut self, code: &str, loc: &Loc, value: &str) {
        self.push(finding(code, Severity::Warning, loc, value), loc);
    }

    /// (sheet, row, code) of every finding reported so far.
    pub fn rows(&self) -> std::collections::BTreeSet<(SheetKind, u32, String)> {
        self.items
            .iter()
            .map(|((kind, row, _), f)| (*kind, *row, f.code.clone()))
            .collect()
    }

    /// True when a blocking finding was reported.
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|(_, f)| f.is_blocking())
    }

    /// The findings in workbook order (sheet, row, column), then by code and parameters.
    pub fn into_findings(mut self) -> Vec<Finding> {
        self.items
            .sort_by(|(ka, a), (kb, b)| (ka, &a.code, &a.params).cmp(&(kb, &b.code, &b.params)));
        self.items.dedup();
        self.items.into_iter().map(|(_, f)| f).collect()
    }
}
