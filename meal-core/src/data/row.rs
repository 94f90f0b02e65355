//! One row of a table seen by the expression language: `${name}` is column `name` of the
//! row, with the clock given (so a filter evaluated twice gives the same answer).

use chrono::{DateTime, FixedOffset, NaiveDate};

use crate::data::Table;
use crate::expr::{Context, Value};

/// `${name}` reads column `name` of row `row`; `.` is empty; the clock is given.
#[derive(Debug, Clone, Copy)]
pub struct RowContext<'a> {
    pub table: &'a Table,
    pub row: usize,
    pub today: NaiveDate,
    pub now: DateTime<FixedOffset>,
}

impl Context for RowContext<'_> {
    fn field(&self, name: &str) -> Option<Value> {
        self.table.column(name).map(|c| c.value(self.row))
    }
    fn current(&self) -> Value {
        Value::Empty
    }
    fn position(&self) -> Option<usize> {
        None
    }
    fn today(&self) -> NaiveDate {
        self.today
    }
    fn now(&self) -> DateTime<FixedOffset> {
        self.now
    }
    fn choice_label(&self, _field: &str, _value: &str) -> Option<String> {
        None
    }
}
