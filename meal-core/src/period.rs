//! Period identifiers after DHIS2 (dhis2-core is the authority): parsing, formatting, dates,
//! containment, navigation and iteration.
//!
//! SKELETON — the public API below is the contract the bindings are written against.
//! Implementation to be completed (owned by the period work stream).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::error::MealError;
use crate::i18n::Message;

/// The kinds of period DHIS2 defines (names as in dhis2-core's `PeriodTypeEnum`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum PeriodType {
    Daily,
    Weekly,
    WeeklyWednesday,
    WeeklyThursday,
    WeeklyFriday,
    WeeklySaturday,
    WeeklySunday,
    BiWeekly,
    Monthly,
    BiMonthly,
    Quarterly,
    QuarterlyNov,
    SixMonthly,
    SixMonthlyApril,
    SixMonthlyNov,
    Yearly,
    FinancialFeb,
    FinancialApril,
    FinancialJuly,
    FinancialAug,
    FinancialSep,
    FinancialOct,
    FinancialNov,
}

impl PeriodType {
    /// The DHIS2 name (`"Weekly"`, `"FinancialApril"`, …).
    pub fn name(self) -> &'static str {
        "Daily"
    }

    /// Reads a DHIS2 period type name. Error `period.unknown_type`.
    pub fn from_name(name: &str) -> Result<PeriodType, MealError> {
        Err(MealError::new("period.unknown_type").with("name", name))
    }
}

/// One period: a type and the inclusive date range it covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Period {
    period_type: PeriodType,
    start: NaiveDate,
    end: NaiveDate,
}

impl Period {
    /// Parses a DHIS2 period id (`2026W05`, `2026Q1`, `2026AprilS1`, …).
    pub fn parse(id: &str) -> Result<Period, MealError> {
        Err(MealError::new("period.invalid").with("id", id))
    }

    /// The period of `period_type` that contains `date`.
    pub fn containing(period_type: PeriodType, date: NaiveDate) -> Result<Period, MealError> {
        Ok(Period {
            period_type,
            start: date,
            end: date,
        })
    }

    /// The canonical id.
    pub fn id(&self) -> String {
        self.start.to_string()
    }

    /// The type.
    pub fn period_type(&self) -> PeriodType {
        self.period_type
    }

    /// First day, inclusive.
    pub fn start(&self) -> NaiveDate {
        self.start
    }

    /// Last day, inclusive.
    pub fn end(&self) -> NaiveDate {
        self.end
    }

    /// True when `date` lies in the period.
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.start <= date && date <= self.end
    }

    /// The following period of the same type.
    pub fn next(&self) -> Result<Period, MealError> {
        Ok(*self)
    }

    /// The preceding period of the same type.
    pub fn previous(&self) -> Result<Period, MealError> {
        Ok(*self)
    }

    /// The periods of type `inner` that lie wholly inside this one, in order.
    pub fn periods_within(&self, inner: PeriodType) -> Vec<Period> {
        let _ = inner;
        Vec::new()
    }
}

/// Every period of `period_type` that overlaps `[start, end]`, in order.
pub fn periods_between(
    period_type: PeriodType,
    start: NaiveDate,
    end: NaiveDate,
) -> Result<Vec<Period>, MealError> {
    let _ = (period_type, start, end);
    Ok(Vec::new())
}

/// Messages of this module's codes.
pub const MESSAGES: &[Message] = &[];

impl Serialize for Period {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.id())
    }
}

impl<'de> Deserialize<'de> for Period {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let id = String::deserialize(deserializer)?;
        Period::parse(&id).map_err(serde::de::Error::custom)
    }
}
