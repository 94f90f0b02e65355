//! Reading template sheets: the header row matched against the layout in either language, data
//! rows read cell by cell into typed values, every problem a finding that names its cell
//! (`objectives!C12`, params `sheet`, `row`, `column`, `value`), and the origin of every
//! document field kept so the document's own validation findings can name their cells too.

use std::collections::BTreeMap;
use std::str::FromStr;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::de::DeserializeOwned;

use crate::error::{Finding, MealError, Severity};
use crate::i18n::Locale;
use crate::period::Period;
use crate::text::Text;
use crate::workbook::{column_letters, Sheet};

use super::layout::{SheetSpec, LIST_SEPARATOR};

/// A cell of the workbook: the sheet as named in it, the sheet's place in the template (the
/// order findings come in), and 0-based row and column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Loc {
    pub sheet: String,
    pub order: usize,
    pub row: u32,
    pub col: u32,
}

impl Loc {
    /// `objectives!C12`.
    pub fn path(&self) -> String {
        format!(
            "{}!{}{}",
            self.sheet,
            column_letters(self.col),
            u64::from(self.row) + 1
        )
    }

    /// Adds `sheet`, `row` (1-based) and `column` (letters) to `finding`.
    fn locate(&self, finding: Finding) -> Finding {
        finding
            .with("sheet", &self.sheet)
            .with("row", u64::from(self.row) + 1)
            .with("column", column_letters(self.col))
    }
}

/// The findings of one read, in workbook order.
#[derive(Debug, Default)]
pub(crate) struct Report {
    located: Vec<((usize, u32, u32), Finding)>,
    /// Validation findings whose path names no cell (kept with their document path).
    unlocated: Vec<Finding>,
}

impl Report {
    /// A finding at `loc` with the offending `value` and `extra` params.
    fn add(
        &mut self,
        severity: Severity,
        code: &str,
        loc: &Loc,
        value: &str,
        extra: &[(&str, &str)],
    ) {
        let finding = match severity {
            Severity::Error => Finding::error(code, loc.path()),
            Severity::Warning => Finding::warning(code, loc.path()),
            Severity::Info => Finding::info(code, loc.path()),
        };
        let mut finding = loc.locate(finding).with("value", value);
        for (name, param) in extra {
            finding = finding.with(name, param);
        }
        self.located.push(((loc.order, loc.row, loc.col), finding));
    }

    pub fn error(&mut self, code: &str, loc: &Loc, value: &str) {
        self.add(Severity::Error, code, loc, value, &[]);
    }

    /// An error with one more param (`header`, `expected`).
    pub fn error_with(&mut self, code: &str, loc: &Loc, value: &str, name: &str, param: &str) {
        self.add(Severity::Error, code, loc, value, &[(name, param)]);
    }

    pub fn warning(&mut self, code: &str, loc: &Loc, value: &str) {
        self.add(Severity::Warning, code, loc, value, &[]);
    }

    /// True when a blocking finding was reported.
    pub fn has_errors(&self) -> bool {
        self.located.iter().any(|(_, f)| f.is_blocking())
            || self.unlocated.iter().any(Finding::is_blocking)
    }

    /// Adds the document's own findings, each moved to the cell its path came from (the
    /// document path kept as `document_path`, the cell's text as `value` unless the finding
    /// has one); a path no cell holds keeps its document path.
    pub fn add_validation(&mut self, findings: Vec<Finding>, origins: &Origins) {
        for finding in findings {
            match origins.locate(&finding.path) {
                Some((loc, value)) => {
                    let mut moved = loc.locate(Finding {
                        path: loc.path(),
                        ..finding.clone()
                    });
                    moved = moved.with("document_path", &finding.path);
                    moved
                        .params
                        .entry("value".to_owned())
                        .or_insert_with(|| value.clone());
                    self.located.push(((loc.order, loc.row, loc.col), moved));
                }
                None => self.unlocated.push(finding),
            }
        }
    }

    /// The findings by sheet, row, column, then code and params; unlocated ones last.
    pub fn into_findings(mut self) -> Vec<Finding> {
        self.located
            .sort_by(|(ka, a), (kb, b)| (ka, &a.code, &a.params).cmp(&(kb, &b.code, &b.params)));
        self.located.dedup();
        crate::error::sort_findings(&mut self.unlocated);
        let mut all: Vec<Finding> = self.located.into_iter().map(|(_, f)| f).collect();
        all.extend(self.unlocated);
        all
    }
}

/// Where each field of the document was read: JSON pointer → (cell, its text).
#[derive(Debug, Default)]
pub(crate) struct Origins {
    map: BTreeMap<String, (Loc, String)>,
}

impl Origins {
    /// Records `pointer` unless it already has a cell (the first column of a field wins:
    /// `title` points at `title::en`).
    pub fn insert(&mut self, pointer: String, loc: Loc, value: &str) {
        self.map
            .entry(pointer)
            .or_insert_with(|| (loc, value.to_owned()));
    }

    /// The cell of `path`, or of its nearest recorded parent (the document itself, `""`,
    /// last).
    fn locate(&self, path: &str) -> Option<&(Loc, String)> {
        let mut current = path;
        loop {
            if let Some(origin) = self.map.get(current) {
                return Some(origin);
            }
            match current.rfind('/') {
                Some(at) => current = current.get(..at)?,
                None => return None,
            }
        }
    }
}

/// A sheet of the workbook read against its layout.
#[derive(Debug)]
pub(crate) struct Table<'a> {
    pub spec: &'static SheetSpec,
    /// The name as written in the workbook (the layout's English name when absent).
    pub name: String,
    pub order: usize,
    /// The language of the sheet's name, for headers named in findings.
    pub locale: Locale,
    /// False for an optional sheet the workbook does not have.
    exists: bool,
    /// English header → column index.
    columns: BTreeMap<&'static str, u32>,
    header_row: u32,
    rows: Vec<(u32, BTreeMap<u32, &'a str>)>,
}

/// The tables of `specs`, in that order (see [`Table::open`]); sheets no layout names are
/// `template.unknown_sheet` warnings (not read).
pub(crate) fn open_all<'a>(
    sheets: &'a [Sheet],
    specs: &[&'static SheetSpec],
    report: &mut Report,
) -> Result<Vec<Table<'a>>, MealError> {
    report_unknown_sheets(sheets, specs, report);
    let mut tables = Vec::with_capacity(specs.len());
    for (order, spec) in specs.iter().enumerate() {
        tables.push(Table::open(sheets, spec, order, report)?);
    }
    Ok(tables)
}

/// The table of `spec` among `tables`.
pub(crate) fn table<'t, 'a>(tables: &'t [Table<'a>], spec: &SheetSpec) -> Option<&'t Table<'a>> {
    tables.iter().find(|t| t.spec.en == spec.en)
}

/// The rows of `spec` with the index of the item (among `owners`) each belongs to, named in
/// the column `owner_key`; rows naming no item are reported and skipped.
pub(crate) fn owned<'t, 'a>(
    tables: &'t [Table<'a>],
    spec: &SheetSpec,
    owners: &Owners,
    owner_key: &str,
    report: &mut Report,
) -> Vec<(usize, Row<'t, 'a>)> {
    let Some(t) = table(tables, spec) else {
        return Vec::new();
    };
    t.rows(report)
        .into_iter()
        .filter_map(|row| owners.find(&row, owner_key, report).map(|at| (at, row)))
        .collect()
}

/// Every `from_xlsx`: reads the workbook (cells kept exactly as stored), opens the layout's
/// sheets, lets `build` make the document from them, then adds the document's own findings
/// ([`authored`]). Errors: `template.unreadable`, `template.missing_sheet`.
pub(crate) fn read_document<T>(
    bytes: &[u8],
    specs: &[&'static SheetSpec],
    build: impl FnOnce(&[Table<'_>], &mut Report, &mut Origins) -> T,
    check: impl FnOnce(&T) -> Result<Vec<Finding>, Finding>,
) -> Result<super::Authored<T>, MealError> {
    let sheets = crate::workbook::read_workbook_exact(bytes, "template.unreadable")?;
    let mut report = Report::default();
    let tables = open_all(&sheets, specs, &mut report)?;
    let mut origins = Origins::default();
    let document = build(&tables, &mut report, &mut origins);
    Ok(authored(report, &origins, document, check))
}

/// The result of a read: no document when reading raised an error; otherwise the document's
/// own findings from `check` (located at their cells), and the document unless `check` gives
/// the one finding that leaves it out (a logframe's cycle).
pub(crate) fn authored<T>(
    mut report: Report,
    origins: &Origins,
    document: T,
    check: impl FnOnce(&T) -> Result<Vec<Finding>, Finding>,
) -> super::Authored<T> {
    if report.has_errors() {
        return super::Authored {
            document: None,
            findings: report.into_findings(),
        };
    }
    let (document, findings) = match check(&document) {
        Ok(findings) => (Some(document), findings),
        Err(finding) => (None, vec![finding]),
    };
    report.add_validation(findings, origins);
    super::Authored {
        document,
        findings: report.into_findings(),
    }
}

/// The sheets of `sheets` that no layout of `specs` names: `template.unknown_sheet` warnings.
fn report_unknown_sheets(sheets: &[Sheet], specs: &[&SheetSpec], report: &mut Report) {
    for sheet in sheets {
        if !specs.iter().any(|spec| spec.matches(&sheet.name)) {
            let loc = Loc {
                sheet: sheet.name.clone(),
                order: specs.len(),
                row: 0,
                col: 0,
            };
            report.warning("template.unknown_sheet", &loc, &sheet.name);
        }
    }
}

impl<'a> Table<'a> {
    /// Reads the sheet `spec` names (in either language): its header row, then its data rows.
    /// A required sheet that is absent is the error `template.missing_sheet`; an optional one
    /// is an empty table. A second sheet with the same meaning is `template.duplicate_sheet`.
    pub fn open(
        sheets: &'a [Sheet],
        spec: &'static SheetSpec,
        order: usize,
        report: &mut Report,
    ) -> Result<Table<'a>, MealError> {
        let mut matching = sheets.iter().filter(|s| spec.matches(&s.name));
        let Some(sheet) = matching.next() else {
            if spec.required {
                return Err(MealError::new("template.missing_sheet").with("sheet", spec.en));
            }
            return Ok(Table::empty(spec, order));
        };
        for other in matching {
            let loc = Loc {
                sheet: other.name.clone(),
                order,
                row: 0,
                col: 0,
            };
            report.error("template.duplicate_sheet", &loc, &other.name);
        }
        let locale = if spec.en.eq_ignore_ascii_case(sheet.name.trim()) {
            Locale::En
        } else {
            Locale::Fr
        };
        let mut rows = sheet.rows().into_iter();
        let mut table = Table {
            spec,
            name: sheet.name.clone(),
            order,
            locale,
            exists: true,
            columns: BTreeMap::new(),
            header_row: 0,
            rows: Vec::new(),
        };
        if let Some((header_row, headers)) = rows.next() {
            table.header_row = header_row;
            table.read_headers(&headers, report);
            table.rows = rows.collect();
            table.report_extra_rows(report);
        }
        Ok(table)
    }

    fn empty(spec: &'static SheetSpec, order: usize) -> Table<'a> {
        Table {
            spec,
            name: spec.en.to_owned(),
            order,
            locale: Locale::En,
            exists: false,
            columns: BTreeMap::new(),
            header_row: 0,
            rows: Vec::new(),
        }
    }

    fn loc(&self, row: u32, col: u32) -> Loc {
        Loc {
            sheet: self.name.clone(),
            order: self.order,
            row,
            col,
        }
    }

    fn read_headers(&mut self, headers: &BTreeMap<u32, &str>, report: &mut Report) {
        for (&col, &header) in headers {
            let loc = self.loc(self.header_row, col);
            match self.spec.columns.iter().find(|c| c.matches(header)) {
                None => {
                    report.warning("template.unknown_column", &loc, header);
                }
                Some(column) if self.columns.contains_key(column.en) => {
                    report.error("template.duplicate_column", &loc, header);
                }
                Some(column) => {
                    self.columns.insert(column.en, col);
                }
            }
        }
        let after_last = headers
            .keys()
            .next_back()
            .map_or(0, |c| c.saturating_add(1));
        for column in self.spec.columns.iter().filter(|c| c.required) {
            if !self.columns.contains_key(column.en) {
                let loc = self.loc(self.header_row, after_last);
                let header = column.header(self.locale);
                report.error_with("template.missing_column", &loc, "", "header", header);
            }
        }
    }

    /// In a single-row sheet, rows after the first data row are not read.
    fn report_extra_rows(&self, report: &mut Report) {
        if !self.spec.single {
            return;
        }
        for (row, cells) in self.rows.iter().skip(1) {
            let (col, value) = cells.iter().next().map_or((0, ""), |(c, v)| (*c, *v));
            report.warning("template.extra_row", &self.loc(*row, col), value);
        }
    }

    /// The data rows, each checked for blank required cells (`template.blank_cell`).
    pub fn rows(&self, report: &mut Report) -> Vec<Row<'_, 'a>> {
        let rows: Vec<Row<'_, 'a>> = self
            .rows
            .iter()
            .take(if self.spec.single { 1 } else { usize::MAX })
            .map(|(index, cells)| Row {
                table: self,
                index: *index,
                cells,
            })
            .collect();
        for row in &rows {
            for column in self.spec.columns.iter().filter(|c| c.required) {
                if self.columns.contains_key(column.en) && row.value(column.en).is_none() {
                    row.blank(column.en, report);
                }
            }
        }
        rows
    }

    /// Records the sheet's header row as the place of the list at `pointer` (`/objectives`,
    /// where a finding about the whole list points, such as "no impact").
    /// Nothing for a sheet the workbook does not have: the finding then points at the nearest
    /// place that exists.
    pub fn register(&self, pointer: &str, origins: &mut Origins) {
        if !self.exists {
            return;
        }
        let value = self.spec.name(self.locale);
        origins.insert(pointer.to_owned(), self.loc(self.header_row, 0), value);
    }

    /// The data row of a one-row sheet; `template.missing_row` when there is none.
    pub fn first_row(&self, report: &mut Report) -> Option<Row<'_, 'a>> {
        let row = self.rows(report).into_iter().next();
        if row.is_none() {
            let loc = self.loc(self.header_row.saturating_add(1), 0);
            report.error("template.missing_row", &loc, "");
        }
        row
    }
}

/// One data row of a table.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Row<'t, 'a> {
    table: &'t Table<'a>,
    index: u32,
    cells: &'t BTreeMap<u32, &'a str>,
}

impl<'t, 'a> Row<'t, 'a> {
    /// The cell of column `key` (its English header); the row's first cell when the sheet has
    /// no such column.
    pub fn loc(&self, key: &str) -> Loc {
        let col = self
            .table
            .columns
            .get(key)
            .copied()
            .or_else(|| self.cells.keys().next().copied())
            .unwrap_or(0);
        self.table.loc(self.index, col)
    }

    /// The cell's text exactly as written (`None` when empty or the column is absent).
    pub fn raw(&self, key: &str) -> Option<&'a str> {
        let col = self.table.columns.get(key)?;
        self.cells.get(col).copied()
    }

    /// The cell's text exactly as written, empty when there is none.
    pub fn text(&self, key: &str) -> String {
        self.raw(key).unwrap_or_default().to_owned()
    }

    /// The bilingual text of the columns `{base}::en` and `{base}::fr`.
    pub fn bilingual(&self, base: &str) -> Text {
        Text::new(
            self.text(&format!("{base}::en")),
            self.text(&format!("{base}::fr")),
        )
    }

    /// The bilingual text of `base`, `None` when both cells are empty.
    pub fn optional_bilingual(&self, base: &str) -> Option<Text> {
        let text = self.bilingual(base);
        (!text.en.is_empty() || !text.fr.is_empty()).then_some(text)
    }

    /// The trimmed value of a cell, `None` when blank.
    pub fn value(&self, key: &str) -> Option<&'a str> {
        self.raw(key).map(str::trim).filter(|v| !v.is_empty())
    }

    fn blank(&self, key: &str, report: &mut Report) {
        let header = self
            .table
            .spec
            .column(key)
            .map_or(key, |c| c.header(self.table.locale));
        report.error_with("template.blank_cell", &self.loc(key), "", "header", header);
    }

    /// The value of a cell this row needs although the column is optional (a ratio's factor):
    /// `template.blank_cell` when blank.
    pub fn needed(&self, key: &str, report: &mut Report) -> Option<&'a str> {
        let value = self.value(key);
        if value.is_none() {
            self.blank(key, report);
        }
        value
    }

    /// A cell this row does not use (a tolerance on an `increase` indicator) but that holds
    /// something: `template.ignored_cell`, so nothing written is dropped silently.
    pub fn unused(&self, key: &str, report: &mut Report) {
        if let Some(value) = self.raw(key) {
            report.warning("template.ignored_cell", &self.loc(key), value);
        }
    }

    /// `parse` of the trimmed value; `code` when it fails. `None` when blank or bad.
    fn parsed<T>(
        &self,
        key: &str,
        code: &str,
        report: &mut Report,
        parse: impl Fn(&str) -> Option<T>,
    ) -> Option<T> {
        let value = self.value(key)?;
        let parsed = parse(value);
        if parsed.is_none() {
            report.error(code, &self.loc(key), value);
        }
        parsed
    }

    /// A decimal, kept at the scale written (`0.50` stays `0.50`).
    pub fn decimal(&self, key: &str, report: &mut Report) -> Option<Decimal> {
        self.parsed(key, "template.bad_number", report, parse_decimal)
    }

    /// A whole number of days or a version.
    pub fn whole(&self, key: &str, report: &mut Report) -> Option<u32> {
        self.parsed(key, "template.bad_number", report, |v| v.parse().ok())
    }

    /// An ISO 8601 date (`2026-01-31`), as a date cell reads too.
    pub fn date(&self, key: &str, report: &mut Report) -> Option<NaiveDate> {
        self.parsed(key, "template.bad_date", report, |v| {
            NaiveDate::parse_from_str(v, "%Y-%m-%d").ok()
        })
    }

    /// A period id (`2026`, `2026Q1`, `202603`, …).
    pub fn period(&self, key: &str, report: &mut Report) -> Option<Period> {
        self.parsed(key, "template.bad_period", report, |v| {
            Period::parse(v).ok()
        })
    }

    /// One of the snake_case values `expected` (as in the JSON documents):
    /// `template.unknown_value` otherwise, with the accepted values in `expected`.
    pub fn choice<T: DeserializeOwned>(
        &self,
        key: &str,
        expected: &[&str],
        report: &mut Report,
    ) -> Option<T> {
        let value = self.value(key)?;
        self.choice_of(key, value, expected, report)
    }

    /// `template.unknown_value` for `value`, with the accepted values in `expected`.
    pub fn unknown(&self, key: &str, value: &str, expected: &[&str], report: &mut Report) {
        let expected = expected.join(", ");
        report.error_with(
            "template.unknown_value",
            &self.loc(key),
            value,
            "expected",
            &expected,
        );
    }

    fn choice_of<T: DeserializeOwned>(
        &self,
        key: &str,
        value: &str,
        expected: &[&str],
        report: &mut Report,
    ) -> Option<T> {
        let parsed = serde_json::from_value(serde_json::Value::String(value.to_owned())).ok();
        if parsed.is_none() {
            self.unknown(key, value, expected, report);
        }
        parsed
    }

    /// The entries of a list cell (`a; b; c`), trimmed, blanks skipped.
    pub fn list(&self, key: &str) -> Vec<String> {
        self.raw(key)
            .map(|cell| {
                cell.split(LIST_SEPARATOR)
                    .map(str::trim)
                    .filter(|v| !v.is_empty())
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default()
    }

    /// A list cell of snake_case values; each bad entry is `template.unknown_value`.
    pub fn choices<T: DeserializeOwned>(
        &self,
        key: &str,
        expected: &[&str],
        report: &mut Report,
    ) -> Vec<T> {
        self.list(key)
            .iter()
            .filter_map(|v| self.choice_of(key, v, expected, report))
            .collect()
    }

    /// Records where the fields of the item at `pointer` were read: each column's field
    /// (`{pointer}/title/en`, and its parents `{pointer}/title`; a field `.` is the item
    /// itself, a field starting with `/` is absolute), then the item itself at the row's first
    /// column unless a column claimed it.
    pub fn register(&self, pointer: &str, origins: &mut Origins) {
        for column in self.table.spec.columns {
            let Some(&col) = self.table.columns.get(column.en) else {
                continue;
            };
            let value = self.cells.get(&col).copied().unwrap_or_default();
            let loc = self.table.loc(self.index, col);
            if column.field == "." {
                origins.insert(pointer.to_owned(), loc, value);
                continue;
            }
            // `/format_version`: a field of the document itself, not of the row's item.
            let (base, mut field) = match column.field.strip_prefix('/') {
                Some(absolute) => ("", absolute),
                None => (pointer, column.field),
            };
            while !field.is_empty() {
                origins.insert(format!("{base}/{field}"), loc.clone(), value);
                field = field
                    .rfind('/')
                    .and_then(|at| field.get(..at))
                    .unwrap_or("");
            }
        }
        let first = self
            .table
            .columns
            .values()
            .min()
            .copied()
            .unwrap_or_default();
        let value = self.cells.get(&first).copied().unwrap_or_default();
        origins.insert(pointer.to_owned(), self.table.loc(self.index, first), value);
    }
}

/// A decimal as written: plain (`-12.50`) or scientific (`1e-3`).
fn parse_decimal(value: &str) -> Option<Decimal> {
    Decimal::from_str(value)
        .or_else(|_| Decimal::from_scientific(value))
        .ok()
}

/// The items that own rows of other sheets (an objective's risks, an indicator's targets),
/// found by code: the first item with a code owns the rows that name it.
#[derive(Debug, Default)]
pub(crate) struct Owners {
    first: BTreeMap<String, usize>,
}

impl Owners {
    pub fn new<'c>(codes: impl IntoIterator<Item = &'c str>) -> Self {
        let mut first = BTreeMap::new();
        for (index, code) in codes.into_iter().enumerate() {
            first.entry(code.to_owned()).or_insert(index);
        }
        Self { first }
    }

    /// The owner the cell `key` names, as written or trimmed; `template.unknown_reference`
    /// when no item has that code (a blank cell is already `template.blank_cell`).
    pub fn find(&self, row: &Row<'_, '_>, key: &str, report: &mut Report) -> Option<usize> {
        let raw = row.raw(key)?;
        let found = self
            .first
            .get(raw)
            .or_else(|| self.first.get(raw.trim()))
            .copied();
        if found.is_none() && !raw.trim().is_empty() {
            report.error("template.unknown_reference", &row.loc(key), raw);
        }
        found
    }

    /// The code to write in the owner column of the rows of item `index`: an item whose code is
    /// blank or repeats an earlier item's cannot own rows (they would read back elsewhere), so
    /// that is the error `template.unwritable`.
    pub fn writable(&self, code: &str, index: usize, sheet: &str) -> Result<String, MealError> {
        if !code.trim().is_empty() && self.first.get(code) == Some(&index) {
            return Ok(code.to_owned());
        }
        Err(MealError::new("template.unwritable")
            .with(
                "detail",
                "rows owned by an item whose code is blank or repeated",
            )
            .with("sheet", sheet)
            .with("value", code))
    }
}
