//! Loading a batch of rows a column at a time: what a columnar source (Arrow) feeds, with the
//! same outcome as feeding the rows one by one (`load.rs`), only faster.
//!
//! Row by row, every cell costs a dynamic read, a typing and a push; a text repeated a
//! million times is hashed a million times. Here each column is typed whole: a column whose
//! source already has the column's type is appended as it is; a dictionary's values are typed
//! once each, and their texts interned once each, on the first loaded row that uses them (so
//! the table's dictionary keeps its first-seen order). The rules stay those of the row path:
//! 1. every non-text column is typed and appended, a problem recorded per bad cell (the same
//!    finding the row path gives), an empty cell of a required column included;
//! 2. the rows with a problem are rejected — their findings in column order, then sorted, as
//!    the row path does — and their values are taken back out of the typed columns;
//! 3. only then are the text cells of the loaded rows interned, in row order.

use crate::data::cell::{type_cell, Cell, Typed};
use crate::data::columnar::{SourceCell, SourceColumn};
use crate::data::load::{cell_finding, Builder, TableBuilder};
use crate::data::{ColumnSpec, Rejected, NULL_CODE};
use crate::error::{sort_findings, Finding, MealError};

/// A problem found in a batch: the row (0-based in the batch) and its finding.
type Problem = (usize, Finding);

impl TableBuilder<'_> {
    /// Reads `rows` rows given column by column: `column(i)` is the source of schema column
    /// `i` (module docs). `Err` only when a dictionary is full.
    pub(crate) fn push_columns<'a>(
        &mut self,
        rows: usize,
        mut column: impl FnMut(usize) -> SourceColumn<'a>,
    ) -> Result<(), MealError> {
        let before = self.source_rows.len();
        let mut problems: Vec<Problem> = Vec::new();
        // Text sources wait for step 3, when the rejected rows are known.
        let mut texts: Vec<(usize, SourceColumn<'a>)> = Vec::new();
        let schema = self.schema;
        for (index, (spec, builder)) in schema.columns.iter().zip(&mut self.columns).enumerate() {
            let source = column(index);
            check_column(spec, builder, &source, rows, &mut problems);
            if spec.column_type.is_text() {
                texts.push((index, source));
            }
        }
        let mut bad = vec![false; rows];
        for (row, _) in &problems {
            if let Some(flag) = bad.get_mut(*row) {
                *flag = true;
            }
        }
        if !problems.is_empty() {
            for builder in &mut self.columns {
                builder.drop_rows(before, &bad);
            }
        }
        for (index, source) in texts {
            let keep = self.keep_text.get(index) == Some(&true);
            if let (Some(spec), Some(builder)) =
                (schema.columns.get(index), self.columns.get_mut(index))
            {
                intern_column(spec, builder, &source, &bad, keep)?;
            }
        }
        self.account(rows, &bad, problems);
        Ok(())
    }

    /// Numbers the batch's rows after those read so far: loaded ones to `source_rows`, the
    /// others to `rejected` with their findings.
    fn account(&mut self, rows: usize, bad: &[bool], mut problems: Vec<Problem>) {
        let first = self.rows_read + 1;
        // Stable: a row's findings stay in column order before they are sorted.
        problems.sort_by_key(|(row, _)| *row);
        let mut problems = problems.into_iter().peekable();
        for (row, &rejected) in bad.iter().enumerate().take(rows) {
            let number = first + row as u64;
            if !rejected {
                self.source_rows.push(number);
                continue;
            }
            let mut findings = Vec::new();
            while let Some((_, finding)) = problems.next_if(|(r, _)| *r == row) {
                findings.push(finding);
            }
            sort_findings(&mut findings);
            self.rejected.push(Rejected {
                row: number,
                findings,
            });
        }
        self.rows_read += rows as u64;
    }
}

/// Step 1 for one column: a non-text column typed and appended, a text column checked only.
fn check_column(
    spec: &ColumnSpec,
    builder: &mut Builder,
    source: &SourceColumn<'_>,
    rows: usize,
    problems: &mut Vec<Problem>,
) {
    let required = |row: usize, empty: bool, problems: &mut Vec<Problem>| {
        if empty && spec.required {
            problems.push((row, cell_finding("data.required", &spec.name, None)));
        }
    };
    // The source already has the column's type: appended as it is (a short source's missing
    // cells empty).
    macro_rules! same_type {
        ($values:expr, $column:expr) => {{
            let target = $column.len() + rows;
            for row in 0..rows {
                required(row, $values.get(row).is_none_or(Option::is_none), problems);
            }
            $column.extend($values.iter().take(rows).copied());
            $column.resize(target, None);
            return;
        }};
    }
    match (&mut *builder, source) {
        (Builder::Integer(column), SourceColumn::Integers(values)) => same_type!(values, column),
        (Builder::Boolean(column), SourceColumn::Booleans(values)) => same_type!(values, column),
        (Builder::Date(column), SourceColumn::Dates(values)) => same_type!(values, column),
        (Builder::DateTime(column), SourceColumn::DateTimes(values)) => {
            same_type!(values, column)
        }
        (Builder::Text { .. }, SourceColumn::Texts(values)) => {
            for row in 0..rows {
                let empty = values.get(row).copied().flatten().is_none_or(str::is_empty);
                required(row, empty, problems);
            }
            return;
        }
        _ => {}
    }
    let text = spec.column_type.is_text();
    let mut take = |row: usize, typed: Result<Typed<'_>, &'static str>, cell: SourceCell<'_>| {
        let outcome = match typed {
            Ok(Typed::Empty) if spec.required => {
                Err(cell_finding("data.required", &spec.name, None))
            }
            Ok(typed) => Ok(typed),
            Err(code) => Err(cell_finding(code, &spec.name, Some(Cell::Source(cell)))),
        };
        let typed = outcome.unwrap_or_else(|finding| {
            problems.push((row, finding));
            Typed::Empty
        });
        if !text {
            // Only a full dictionary fails a push, and a non-text column has none.
            let _ = builder.push(typed);
        }
    };
    if let SourceColumn::Dictionary { keys, values } = source {
        let typed: Vec<_> = values
            .iter()
            .map(|v| type_cell(spec.column_type, Cell::Source(*v)))
            .collect();
        // A text column keeps nothing in this step: a row whose value types to a text has
        // nothing to check or push (its code comes in step 3), which is most rows.
        let fine: Vec<bool> = (typed.iter())
            .map(|t| text && matches!(t, Ok(Typed::Text(_))))
            .collect();
        for row in 0..rows {
            let key = keys.get(row).copied().flatten();
            let index = key.and_then(|k| usize::try_from(k).ok());
            if index.and_then(|k| fine.get(k)) == Some(&true) {
                continue;
            }
            match index.and_then(|k| Some((typed.get(k)?, values.get(k)?))) {
                Some((value, cell)) => take(row, value.clone(), *cell),
                None => take(row, Ok(Typed::Empty), SourceCell::Empty),
            }
        }
        return;
    }
    for row in 0..rows {
        let cell = source.cell(row);
        take(row, type_cell(spec.column_type, Cell::Source(cell)), cell);
    }
}

/// Step 3 for one text column: the codes of the loaded rows (`NULL_CODE` for all when the
/// column's text is not kept).
fn intern_column(
    spec: &ColumnSpec,
    builder: &mut Builder,
    source: &SourceColumn<'_>,
    bad: &[bool],
    keep: bool,
) -> Result<(), MealError> {
    let Builder::Text { codes, index } = builder else {
        return Ok(());
    };
    let loaded = bad
        .iter()
        .enumerate()
        .filter(|(_, b)| !**b)
        .map(|(row, _)| row);
    if !keep {
        codes.extend(loaded.map(|_| NULL_CODE));
        return Ok(());
    }
    let full = || MealError::new("data.too_many_values");
    let mut intern = |text: &str| {
        if text.is_empty() {
            Ok(NULL_CODE)
        } else {
            index.intern(text).ok_or_else(full)
        }
    };
    match source {
        SourceColumn::Texts(values) => {
            for row in loaded {
                codes.push(intern(values.get(row).copied().flatten().unwrap_or(""))?);
            }
        }
        SourceColumn::Dictionary { keys, values } => {
            // Each value's code, given on its first loaded row (first-seen order).
            let mut coded: Vec<Option<u32>> = vec![None; values.len()];
            for row in loaded {
                let key = keys.get(row).copied().flatten();
                let slot = key.and_then(|k| coded.get_mut(usize::try_from(k).ok()?));
                let code = match slot {
                    Some(Some(code)) => *code,
                    Some(slot) => {
                        let value = key
                            .and_then(|k| values.get(usize::try_from(k).ok()?))
                            .copied()
                            .unwrap_or(SourceCell::Empty);
                        let code = intern_cell(spec, value, &mut intern)?;
                        *slot = Some(code);
                        code
                    }
                    None => NULL_CODE,
                };
                codes.push(code);
            }
        }
        other => {
            for row in loaded {
                codes.push(intern_cell(spec, other.cell(row), &mut intern)?);
            }
        }
    }
    Ok(())
}

/// The code of one source cell in a text column (typed by the text rules first).
fn intern_cell(
    spec: &ColumnSpec,
    cell: SourceCell<'_>,
    intern: &mut impl FnMut(&str) -> Result<u32, MealError>,
) -> Result<u32, MealError> {
    match type_cell(spec.column_type, Cell::Source(cell)) {
        Ok(Typed::Text(text)) => intern(&text),
        _ => Ok(NULL_CODE),
    }
}
