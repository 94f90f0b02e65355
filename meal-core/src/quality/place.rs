//! Where a record counts: its project, site and period — one scorecard row.
//!
//! The project and site are the texts of their columns (an empty cell is `None`, a place of
//! its own, never dropped); the period is the one of the checks' period type that contains the
//! record's date (a date-time counts by its own local date). A date whose period cannot be
//! named (a year outside 1000–9999, `period::Period::containing`) leaves the record without a
//! period: it is reported (`quality.unplaced`) and counted apart.

use std::collections::HashMap;

use chrono::NaiveDate;
use rustc_hash::FxHashMap;

use crate::data::{Table, Values};
use crate::error::Severity;
use crate::period::{Period, PeriodType};
use crate::quality::scorecard::{Check, Failure};
use crate::quality::Checks;

/// A project, a site and a period (`None` when the record's date has no period).
pub(crate) type Place = (Option<String>, Option<String>, Option<Period>);

/// A place borrowing its texts from the table, while rows are placed.
type PlaceRef<'a> = (Option<&'a str>, Option<&'a str>, Option<Period>);

/// The place of every row of a table.
#[derive(Debug, Clone)]
pub(crate) struct Places {
    places: Vec<Place>,
    of_row: Vec<usize>,
    source_rows: Vec<Option<u64>>,
}

impl Places {
    /// Places every row of `table` by the columns `checks` names.
    pub(crate) fn locate(table: &Table, checks: &Checks) -> Places {
        let project = table.column(&checks.project);
        let site = table.column(&checks.site);
        let date = table.column(&checks.date);
        let mut periods = PeriodMemo::new(checks.period_type);
        let mut index: FxHashMap<PlaceRef<'_>, usize> = FxHashMap::default();
        let mut places = Vec::new();
        let mut of_row = Vec::with_capacity(table.len());
        for row in 0..table.len() {
            let period = date.and_then(|d| d.date(row)).and_then(|d| periods.of(d));
            let key = (text_of(project, row), text_of(site, row), period);
            let at = *index.entry(key).or_insert_with(|| {
                places.push((key.0.map(str::to_owned), key.1.map(str::to_owned), period));
                places.len() - 1
            });
            of_row.push(at);
        }
        let source_rows = (0..table.len()).map(|row| table.source_row(row)).collect();
        Places {
            places,
            of_row,
            source_rows,
        }
    }

    /// The place of `row`.
    pub(crate) fn of(&self, row: usize) -> Option<&Place> {
        self.of_row.get(row).and_then(|&at| self.places.get(at))
    }

    /// The number of rows in each place.
    pub(crate) fn counts(&self) -> Vec<(&Place, u64)> {
        let mut counts = vec![0u64; self.places.len()];
        for &at in &self.of_row {
            if let Some(count) = counts.get_mut(at) {
                *count += 1;
            }
        }
        self.places.iter().zip(counts).collect()
    }

    /// The input row number of `row`.
    pub(crate) fn source_row(&self, row: usize) -> Option<u64> {
        self.source_rows.get(row).copied().flatten()
    }

    /// A failure about `row`, placed.
    pub(crate) fn failure(
        &self,
        row: usize,
        check: Check,
        code: &str,
        severity: Severity,
    ) -> Failure {
        let mut failure = Failure::new(check, code, severity);
        if let Some((project, site, period)) = self.of(row) {
            failure.project.clone_from(project);
            failure.site.clone_from(site);
            failure.period = *period;
        }
        failure.row = self.source_row(row);
        failure
    }
}

/// The non-empty text of `row` in a text column.
fn text_of(values: Option<&Values>, row: usize) -> Option<&str> {
    values.and_then(|v| v.text(row)).filter(|t| !t.is_empty())
}

/// `Period::containing` once per distinct date.
struct PeriodMemo {
    period_type: PeriodType,
    seen: HashMap<NaiveDate, Option<Period>>,
}

impl PeriodMemo {
    fn new(period_type: PeriodType) -> Self {
        PeriodMemo {
            period_type,
            seen: HashMap::new(),
        }
    }

    fn of(&mut self, date: NaiveDate) -> Option<Period> {
        let period_type = self.period_type;
        *self
            .seen
            .entry(date)
            .or_insert_with(|| Period::containing(period_type, date).ok())
    }
}
