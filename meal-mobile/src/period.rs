//! `Period`: a DHIS2 period (`2026W5`, `2026Q1`, `2026AprilS1`…) and its dates.

use std::fmt;
use std::sync::Arc;

use meal_core::period::{self, PeriodType};

use crate::error::Result;
use crate::types::IsoDate;

/// One period: a DHIS2 type and the inclusive range of dates it covers. Immutable.
///
/// Kotlin: `Period.parse("2026W05")`, `Period.containing("Monthly", "2026-02-14")`; equality,
/// hash and `toString()` (the canonical id) come from the core.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Object)]
#[uniffi::export(Display, Eq, Hash)]
pub struct Period(pub(crate) period::Period);

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.id())
    }
}

impl Period {
    pub(crate) fn wrap(inner: period::Period) -> Arc<Period> {
        Arc::new(Period(inner))
    }
}

#[uniffi::export]
impl Period {
    /// Reads a DHIS2 period id. Error `period.invalid`.
    #[uniffi::constructor]
    pub fn parse(id: String) -> Result<Arc<Period>> {
        Ok(Period::wrap(period::Period::parse(&id)?))
    }

    /// The period of `period_type` (a DHIS2 type name such as `Weekly`) that contains `date`.
    /// Errors `period.unknown_type`, `input.date`.
    #[uniffi::constructor]
    pub fn containing(period_type: String, date: IsoDate) -> Result<Arc<Period>> {
        let period_type = PeriodType::from_name(&period_type)?;
        Ok(Period::wrap(period::Period::containing(period_type, date)?))
    }

    /// The canonical DHIS2 id.
    pub fn id(&self) -> String {
        self.0.id()
    }

    /// The DHIS2 period type name (`Weekly`, `FinancialApril`…).
    pub fn period_type(&self) -> String {
        self.0.period_type().name().to_owned()
    }

    /// First day, inclusive.
    pub fn start(&self) -> IsoDate {
        self.0.start()
    }

    /// Last day, inclusive.
    pub fn end(&self) -> IsoDate {
        self.0.end()
    }

    /// True when `date` lies in the period. Error `input.date`.
    pub fn contains(&self, date: IsoDate) -> Result<bool> {
        Ok(self.0.contains(date))
    }

    /// The following period of the same type.
    pub fn next(&self) -> Result<Arc<Period>> {
        Ok(Period::wrap(self.0.next()?))
    }

    /// The preceding period of the same type.
    pub fn previous(&self) -> Result<Arc<Period>> {
        Ok(Period::wrap(self.0.previous()?))
    }

    /// The periods of `period_type` lying wholly inside this one, in order.
    /// Error `period.unknown_type`.
    pub fn periods_within(&self, period_type: String) -> Result<Vec<Arc<Period>>> {
        let inner = PeriodType::from_name(&period_type)?;
        Ok(self
            .0
            .periods_within(inner)
            .into_iter()
            .map(Period::wrap)
            .collect())
    }
}

/// Every period of `period_type` overlapping `[start, end]`, in order.
/// Errors `period.unknown_type`, `input.date`, and the core's range errors.
#[uniffi::export]
pub fn periods_between(
    period_type: String,
    start: IsoDate,
    end: IsoDate,
) -> Result<Vec<Arc<Period>>> {
    let period_type = PeriodType::from_name(&period_type)?;
    Ok(period::periods_between(period_type, start, end)?
        .into_iter()
        .map(Period::wrap)
        .collect())
}
