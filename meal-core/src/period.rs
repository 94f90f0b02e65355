//! Period identifiers after DHIS2: parsing, formatting, dates, containment, navigation and
//! iteration.
//!
//! A [`Period`] is a [`PeriodType`] and the inclusive range of days it covers. Its id is the
//! DHIS2 "ISO period" string (`2026W5`, `202603`, `2026Q1`, `2026AprilS1`, …). dhis2-core, the
//! Java server, is the authority (`dhis-2/dhis-api/src/main/java/org/hisp/dhis/period/` and
//! `…/calendar/DateUnitPeriodTypeParser.java`); the Gregorian (ISO 8601) calendar only.
//!
//! # Grammar
//!
//! `yyyy` is a 4-digit year from 1000 to 9999; `n` a number; ids are case-sensitive and carry no
//! whitespace. The **canonical** form is the one dhis2-core's `getIsoDate` writes; [`Period::id`]
//! always returns it, [`Period::parse`] also reads the alternates.
//!
//! | type | canonical | also read | example | covers |
//! |---|---|---|---|---|
//! | `Daily` | `yyyyMMdd` | `yyyy-MM-dd` | `20260315` | the day |
//! | `Weekly` | `yyyyWn` (n unpadded, 1–53) | `yyyyWnn` (`2026W05`) | `2026W5` | ISO week, Monday–Sunday |
//! | `WeeklyWednesday` … `WeeklySunday` | `yyyyWedWn`, `ThuW`, `FriW`, `SatW`, `SunW` | zero-padded `n` | `2026SunW8` | week starting that day |
//! | `BiWeekly` | `yyyyBiWn` (1–26 or 27) | zero-padded `n` | `2026BiW1` | ISO weeks 2n−1 and 2n |
//! | `Monthly` | `yyyyMM` | `yyyy-MM` | `202603` | the month |
//! | `BiMonthly` | `yyyyMMB` (MM = 01–06) | | `202602B` | months 2n−1, 2n |
//! | `Quarterly` | `yyyyQn` | | `2026Q1` | Jan–Mar … Oct–Dec |
//! | `QuarterlyNov` | `yyyyNovQn` | | `2026NovQ1` | 2025-11-01 – 2026-01-31 (see below) |
//! | `SixMonthly` | `yyyySn` | | `2026S2` | Jul–Dec |
//! | `SixMonthlyApril` | `yyyyAprilSn` | | `2026AprilS2` | 2026-10-01 – 2027-03-31 |
//! | `SixMonthlyNov` | `yyyyNovSn` | | `2026NovS1` | 2025-11-01 – 2026-04-30 (see below) |
//! | `Yearly` | `yyyy` | | `2026` | the calendar year |
//! | `FinancialFeb` … `FinancialOct` | `yyyyFeb`, `April`, `July`, `Aug`, `Sep`, `Oct` | | `2026April` | 2026-04-01 – 2027-03-31: `yyyy` is the **start** year |
//! | `FinancialNov` | `yyyyNov` | | `2026Nov` | 2025-11-01 – 2026-10-31: `yyyy` is the **end** year |
//!
//! ## Weeks
//!
//! Week 1 of a week-year is the week (starting on the type's first day) that contains January 4,
//! i.e. the first week with at least four days in January — dhis2-core's
//! `WeekFields.of(firstDayOfWeek, 4)` in `WeeklyAbstractPeriodType.getIsoDate` and
//! `DateUnitPeriodTypeParser.getDateTimeFromWeek`. For `Weekly` this is ISO 8601: `2026W1` starts on
//! 2025-12-29, and 2020 and 2026 have 53 weeks. A week number above the number of weeks of that
//! type's week-year is `period.out_of_range`.
//!
//! ## November-anchored types: the year is the year the November cycle ends
//!
//! In dhis2-core the year of a November-anchored id is the year in which the November–October
//! cycle **ends** (unlike April, July, … types, where it is the start year):
//!
//! * `QuarterlyNovemberPeriodType.getIsoDate` writes a period starting in November of year Y as
//!   `(Y+1)NovQ1`, and periods starting in February, May and August of Y as `YNovQ2`, `YNovQ3`,
//!   `YNovQ4`; `DateUnitPeriodTypeParser` reads `yyyyNovQ1` as starting in November of `yyyy − 1`.
//!   So `2026NovQ1` = 2025-11-01 – 2026-01-31 and `2026NovQ4` = 2026-08-01 – 2026-10-31.
//! * `SixMonthlyNovemberPeriodType.getIsoDate`: November of Y → `(Y+1)NovS1`, May of Y → `YNovS2`.
//!   So `2026NovS1` = 2025-11-01 – 2026-04-30 and `2026NovS2` = 2026-05-01 – 2026-10-31.
//! * `FinancialNovemberPeriodType.getIsoDate` writes `"%dNov", year + 1`, and the parser starts
//!   `yyyyNov` on November 1 of `yyyy − 1`. So `2026Nov` = 2025-11-01 – 2026-10-31.
//!
//! DHIS2's JavaScript library `@dhis2/multi-calendar-dates` reads these differently: it spells
//! the quarter and half-year ids `yyyyNovemberQn` / `yyyyNovemberSn` and takes `yyyy` as the
//! **start** year, and it reads `2023Nov` as 2023-11-01 – 2024-10-31. This module follows
//! dhis2-core and rejects the `November…` spellings (`period.invalid`), since their year would mean
//! something else.
//!
//! ## Where this module departs from dhis2-core, and why
//!
//! Periods of one type here tile time: every date lies in exactly one period of each type, and
//! [`Period::next`] starts the day after the period ends. Two dhis2-core behaviours break that:
//!
//! * **Last bi-week of a 53-week ISO year.** dhis2-core gives `yyyyBiW27` (ISO week 53) 14 days,
//!   overlapping next year's `BiW1`. Here it is the single week 53 (7 days): `2026BiW27` =
//!   2026-12-28 – 2027-01-03, and `2027BiW1` starts 2027-01-04. Its id and start date agree with
//!   dhis2-core; only its end differs.
//! * **Wednesday … Sunday week counts.** dhis2-core's parser checks these week numbers against the
//!   *ISO* week count of the year, although its own `getIsoDate` numbers them in the type's own
//!   week-year. Here the type's own count applies, so every id `getIsoDate` can write parses
//!   (`2025SunW53` = 2025-12-28 – 2026-01-03) and no id names a week twice (`2026SunW53` is out of
//!   range: it would be `2027SunW1`).
//!
//! # Errors
//!
//! Every failure is a [`MealError`], never a panic:
//!
//! * `period.invalid` — no grammar matches. `position` is the 0-based character index of the first
//!   character that cannot belong to any period id (the input length when the id is cut short);
//!   `expected` names the formats still possible there.
//! * `period.out_of_range` — a grammar matched but a number is out of range (`2026W54`, `202613`,
//!   `2026W53` in a 52-week year, `20260230`, year `0999`): `field`, `value`, `min`, `max`.
//! * `period.unknown_type` — [`PeriodType::from_name`] got a name DHIS2 does not define.
//! * `period.date_out_of_range` — [`Period::containing`], [`Period::next`], [`Period::previous`] or
//!   [`periods_between`] would need a period whose id year is outside 1000–9999.
//! * `period.range_reversed` — [`periods_between`] with `start` after `end`.
//! * `period.too_many_periods` — [`periods_between`] would list more than [`MAX_PERIODS`].

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, Days, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

use crate::error::MealError;
use crate::i18n::{Message, Term};

/// The first year an id can name (ids carry exactly four year digits).
pub const MIN_YEAR: i32 = 1000;
/// The last year an id can name.
pub const MAX_YEAR: i32 = 9999;

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

/// How a type cuts time.
#[derive(Debug, Clone, Copy)]
enum Shape {
    Day,
    /// Seven days starting on the weekday; week 1 contains January 4.
    Week(Weekday),
    /// Two ISO weeks (2n−1, 2n); the 27th of a 53-week year is week 53 alone.
    BiWeek,
    /// `span` months; the yearly cycle starts in month `anchor`; the id year is the cycle's start
    /// year plus `offset` (1 for the November-anchored types).
    Months {
        span: u32,
        anchor: u32,
        offset: i32,
    },
}

impl PeriodType {
    /// Every type, in declaration order (shortest first, as DHIS2 lists them).
    pub const ALL: [PeriodType; 23] = [
        PeriodType::Daily,
        PeriodType::Weekly,
        PeriodType::WeeklyWednesday,
        PeriodType::WeeklyThursday,
        PeriodType::WeeklyFriday,
        PeriodType::WeeklySaturday,
        PeriodType::WeeklySunday,
        PeriodType::BiWeekly,
        PeriodType::Monthly,
        PeriodType::BiMonthly,
        PeriodType::Quarterly,
        PeriodType::QuarterlyNov,
        PeriodType::SixMonthly,
        PeriodType::SixMonthlyApril,
        PeriodType::SixMonthlyNov,
        PeriodType::Yearly,
        PeriodType::FinancialFeb,
        PeriodType::FinancialApril,
        PeriodType::FinancialJuly,
        PeriodType::FinancialAug,
        PeriodType::FinancialSep,
        PeriodType::FinancialOct,
        PeriodType::FinancialNov,
    ];

    /// The DHIS2 name (`"Weekly"`, `"FinancialApril"`, …).
    pub fn name(self) -> &'static str {
        match self {
            PeriodType::Daily => "Daily",
            PeriodType::Weekly => "Weekly",
            PeriodType::WeeklyWednesday => "WeeklyWednesday",
            PeriodType::WeeklyThursday => "WeeklyThursday",
            PeriodType::WeeklyFriday => "WeeklyFriday",
            PeriodType::WeeklySaturday => "WeeklySaturday",
            PeriodType::WeeklySunday => "WeeklySunday",
            PeriodType::BiWeekly => "BiWeekly",
            PeriodType::Monthly => "Monthly",
            PeriodType::BiMonthly => "BiMonthly",
            PeriodType::Quarterly => "Quarterly",
            PeriodType::QuarterlyNov => "QuarterlyNov",
            PeriodType::SixMonthly => "SixMonthly",
            PeriodType::SixMonthlyApril => "SixMonthlyApril",
            PeriodType::SixMonthlyNov => "SixMonthlyNov",
            PeriodType::Yearly => "Yearly",
            PeriodType::FinancialFeb => "FinancialFeb",
            PeriodType::FinancialApril => "FinancialApril",
            PeriodType::FinancialJuly => "FinancialJuly",
            PeriodType::FinancialAug => "FinancialAug",
            PeriodType::FinancialSep => "FinancialSep",
            PeriodType::FinancialOct => "FinancialOct",
            PeriodType::FinancialNov => "FinancialNov",
        }
    }

    /// Reads a DHIS2 period type name, exactly as [`PeriodType::name`] writes it (case-sensitive).
    /// Error `period.unknown_type`.
    pub fn from_name(name: &str) -> Result<PeriodType, MealError> {
        PeriodType::ALL
            .iter()
            .copied()
            .find(|t| t.name() == name)
            .ok_or_else(|| MealError::new("period.unknown_type").with("name", name))
    }

    /// DHIS2's frequency order: the nominal length in days (`Daily` 1, `Weekly` 7, `Monthly` 30,
    /// `Quarterly` 91, `Yearly` 365, …). A type aggregates into types of a higher order.
    pub fn frequency_order(self) -> u32 {
        match self.shape() {
            Shape::Day => 1,
            Shape::Week(_) => 7,
            Shape::BiWeek => 14,
            Shape::Months { span, .. } => match span {
                1 => 30,
                2 => 61,
                3 => 91,
                6 => 182,
                _ => 365,
            },
        }
    }

    /// The ISO 8601 duration of one period (`P1D`, `P7D`, `P14D`, `P1M`, `P2M`, `P3M`, `P6M`, `P1Y`).
    pub fn iso8601_duration(self) -> &'static str {
        match self.shape() {
            Shape::Day => "P1D",
            Shape::Week(_) => "P7D",
            Shape::BiWeek => "P14D",
            Shape::Months { span, .. } => match span {
                1 => "P1M",
                2 => "P2M",
                3 => "P3M",
                6 => "P6M",
                _ => "P1Y",
            },
        }
    }

    /// The canonical id format, as DHIS2 documents it (`yyyyWn`, `yyyyNovQn`, …).
    pub fn iso_format(self) -> &'static str {
        match self {
            PeriodType::Daily => "yyyyMMdd",
            PeriodType::Weekly => "yyyyWn",
            PeriodType::WeeklyWednesday => "yyyyWedWn",
            PeriodType::WeeklyThursday => "yyyyThuWn",
            PeriodType::WeeklyFriday => "yyyyFriWn",
            PeriodType::WeeklySaturday => "yyyySatWn",
            PeriodType::WeeklySunday => "yyyySunWn",
            PeriodType::BiWeekly => "yyyyBiWn",
            PeriodType::Monthly => "yyyyMM",
            PeriodType::BiMonthly => "yyyyMMB",
            PeriodType::Quarterly => "yyyyQn",
            PeriodType::QuarterlyNov => "yyyyNovQn",
            PeriodType::SixMonthly => "yyyySn",
            PeriodType::SixMonthlyApril => "yyyyAprilSn",
            PeriodType::SixMonthlyNov => "yyyyNovSn",
            PeriodType::Yearly => "yyyy",
            PeriodType::FinancialFeb => "yyyyFeb",
            PeriodType::FinancialApril => "yyyyApril",
            PeriodType::FinancialJuly => "yyyyJuly",
            PeriodType::FinancialAug => "yyyyAug",
            PeriodType::FinancialSep => "yyyySep",
            PeriodType::FinancialOct => "yyyyOct",
            PeriodType::FinancialNov => "yyyyNov",
        }
    }

    fn shape(self) -> Shape {
        let months = |span, anchor, offset| Shape::Months {
            span,
            anchor,
            offset,
        };
        match self {
            PeriodType::Daily => Shape::Day,
            PeriodType::Weekly => Shape::Week(Weekday::Mon),
            PeriodType::WeeklyWednesday => Shape::Week(Weekday::Wed),
            PeriodType::WeeklyThursday => Shape::Week(Weekday::Thu),
            PeriodType::WeeklyFriday => Shape::Week(Weekday::Fri),
            PeriodType::WeeklySaturday => Shape::Week(Weekday::Sat),
            PeriodType::WeeklySunday => Shape::Week(Weekday::Sun),
            PeriodType::BiWeekly => Shape::BiWeek,
            PeriodType::Monthly => months(1, 1, 0),
            PeriodType::BiMonthly => months(2, 1, 0),
            PeriodType::Quarterly => months(3, 1, 0),
            PeriodType::QuarterlyNov => months(3, 11, 1),
            PeriodType::SixMonthly => months(6, 1, 0),
            PeriodType::SixMonthlyApril => months(6, 4, 0),
            PeriodType::SixMonthlyNov => months(6, 11, 1),
            PeriodType::Yearly => months(12, 1, 0),
            PeriodType::FinancialFeb => months(12, 2, 0),
            PeriodType::FinancialApril => months(12, 4, 0),
            PeriodType::FinancialJuly => months(12, 7, 0),
            PeriodType::FinancialAug => months(12, 8, 0),
            PeriodType::FinancialSep => months(12, 9, 0),
            PeriodType::FinancialOct => months(12, 10, 0),
            PeriodType::FinancialNov => months(12, 11, 1),
        }
    }

    /// The text between the year and the number in an id (`W`, `NovQ`, `April`, …).
    fn infix(self) -> &'static str {
        match self {
            PeriodType::Daily | PeriodType::Monthly | PeriodType::BiMonthly => "",
            PeriodType::Yearly => "",
            PeriodType::Weekly => "W",
            PeriodType::WeeklyWednesday => "WedW",
            PeriodType::WeeklyThursday => "ThuW",
            PeriodType::WeeklyFriday => "FriW",
            PeriodType::WeeklySaturday => "SatW",
            PeriodType::WeeklySunday => "SunW",
            PeriodType::BiWeekly => "BiW",
            PeriodType::Quarterly => "Q",
            PeriodType::QuarterlyNov => "NovQ",
            PeriodType::SixMonthly => "S",
            PeriodType::SixMonthlyApril => "AprilS",
            PeriodType::SixMonthlyNov => "NovS",
            PeriodType::FinancialFeb => "Feb",
            PeriodType::FinancialApril => "April",
            PeriodType::FinancialJuly => "July",
            PeriodType::FinancialAug => "Aug",
            PeriodType::FinancialSep => "Sep",
            PeriodType::FinancialOct => "Oct",
            PeriodType::FinancialNov => "Nov",
        }
    }
}

impl fmt::Display for PeriodType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for PeriodType {
    type Err = MealError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        PeriodType::from_name(s)
    }
}

/// One period: a type and the inclusive date range it covers.
///
/// Only [`Period::parse`] and [`Period::containing`] (and the navigation built on them) make
/// periods, so every value is a real period of its type with an id year in 1000–9999.
/// Periods order by start, then end, then type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Period {
    period_type: PeriodType,
    start: NaiveDate,
    end: NaiveDate,
}

impl Period {
    /// Parses a DHIS2 period id (`2026W05`, `2026Q1`, `2026AprilS1`, …), canonical or alternate.
    ///
    /// Errors: `period.invalid` (`id`, `position`, `expected`), `period.out_of_range` (`id`,
    /// `field`, `value`, `min`, `max`).
    pub fn parse(id: &str) -> Result<Period, MealError> {
        let (grammar, numbers) = match_grammar(id)?;
        let year_value = numbers.first().copied().unwrap_or(0);
        let first = numbers.get(1).copied().unwrap_or(0);
        let second = numbers.get(2).copied().unwrap_or(0);
        let year = i32::try_from(year_value).unwrap_or(0);
        check_range(id, "year", year_value, MIN_YEAR as u32, MAX_YEAR as u32)?;
        let period_type = grammar.period_type;
        let start = match period_type.shape() {
            Shape::Day => {
                check_range(id, "month", first, 1, 12)?;
                let last = days_in_month(year, first).unwrap_or(31);
                check_range(id, "day", second, 1, last)?;
                NaiveDate::from_ymd_opt(year, first, second)
            }
            Shape::Week(weekday) => {
                let weeks = weeks_in_year(year, weekday).unwrap_or(52);
                check_range(id, "week", first, 1, weeks)?;
                week_one_start(year, weekday).and_then(|d| add_days(d, 7 * i64::from(first - 1)))
            }
            Shape::BiWeek => {
                let weeks = weeks_in_year(year, Weekday::Mon).unwrap_or(52);
                check_range(id, "biweek", first, 1, weeks.div_ceil(2))?;
                week_one_start(year, Weekday::Mon)
                    .and_then(|d| add_days(d, 14 * i64::from(first - 1)))
            }
            Shape::Months {
                span,
                anchor,
                offset,
            } => {
                let index = if span == 12 {
                    1
                } else {
                    let (field, count) = match span {
                        1 => ("month", 12),
                        2 => ("bimonth", 6),
                        3 => ("quarter", 4),
                        _ => ("half", 2),
                    };
                    check_range(id, field, first, 1, count)?;
                    first
                };
                let cycle = i64::from(year - offset) * 12 + i64::from(anchor - 1);
                month_start(cycle + i64::from(span * (index - 1)))
            }
        };
        start
            .and_then(|start| Period::from_start(period_type, start))
            .ok_or_else(|| invalid(id, 0, "a period id"))
    }

    /// The period of `period_type` that contains `date`.
    ///
    /// Error `period.date_out_of_range` when that period's id year would be outside 1000–9999.
    pub fn containing(period_type: PeriodType, date: NaiveDate) -> Result<Period, MealError> {
        let out_of_range = || date_out_of_range(period_type, date);
        // A period of year 1000 may start in 999 and one of 9999 end in 10000; nothing further.
        if !(MIN_YEAR - 1..=MAX_YEAR + 1).contains(&date.year()) {
            return Err(out_of_range());
        }
        let start = start_containing(period_type, date).ok_or_else(out_of_range)?;
        let period = Period::from_start(period_type, start).ok_or_else(out_of_range)?;
        if (MIN_YEAR..=MAX_YEAR).contains(&period.id_year()) {
            Ok(period)
        } else {
            Err(out_of_range())
        }
    }

    /// The canonical id (what dhis2-core's `getIsoDate` writes).
    pub fn id(&self) -> String {
        let year = self.id_year();
        let t = self.period_type;
        match t.shape() {
            Shape::Day => format!("{year:04}{:02}{:02}", self.start.month(), self.start.day()),
            Shape::Week(_) | Shape::BiWeek => format!("{year:04}{}{}", t.infix(), self.index()),
            Shape::Months { span: 12, .. } => format!("{year:04}{}", t.infix()),
            Shape::Months { span: 1, .. } => format!("{year:04}{:02}", self.index()),
            Shape::Months { span: 2, .. } => format!("{year:04}{:02}B", self.index()),
            Shape::Months { .. } => format!("{year:04}{}{}", t.infix(), self.index()),
        }
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

    /// The number of days the period covers (1 for a day, 7 for a week, 28–31 for a month, …).
    pub fn days(&self) -> i64 {
        (self.end - self.start).num_days() + 1
    }

    /// True when `date` lies in the period.
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.start <= date && date <= self.end
    }

    /// The following period of the same type: it starts the day after this one ends.
    ///
    /// Error `period.date_out_of_range` past year 9999.
    pub fn next(&self) -> Result<Period, MealError> {
        let day = self
            .end
            .succ_opt()
            .ok_or_else(|| date_out_of_range(self.period_type, self.end))?;
        Period::containing(self.period_type, day)
    }

    /// The preceding period of the same type: it ends the day before this one starts.
    ///
    /// Error `period.date_out_of_range` before year 1000.
    pub fn previous(&self) -> Result<Period, MealError> {
        let day = self
            .start
            .pred_opt()
            .ok_or_else(|| date_out_of_range(self.period_type, self.start))?;
        Period::containing(self.period_type, day)
    }

    /// The periods of type `inner` that lie wholly inside this one, in order.
    ///
    /// Periods that only overlap this one are excluded: the ISO weeks within `202603` are the
    /// weeks from Monday 2 March to Sunday 29 March, not the ones straddling February or April.
    /// Use [`periods_between`] for every overlapping period.
    pub fn periods_within(&self, inner: PeriodType) -> Vec<Period> {
        let mut found = Vec::new();
        let mut current = Period::containing(inner, self.start);
        while let Ok(period) = current {
            if period.end > self.end {
                break;
            }
            if period.start >= self.start {
                found.push(period);
            }
            current = period.next();
        }
        found
    }

    /// Builds the period of `period_type` starting on `start`, which must be a period start.
    fn from_start(period_type: PeriodType, start: NaiveDate) -> Option<Period> {
        let end = match period_type.shape() {
            Shape::Day => start,
            Shape::Week(_) => add_days(start, 6)?,
            Shape::BiWeek => {
                let year = start.iso_week().year();
                let next_year = add_days(week_one_start(year.checked_add(1)?, Weekday::Mon)?, -1)?;
                add_days(start, 13)?.min(next_year)
            }
            Shape::Months { span, .. } => {
                add_days(month_start(month_index(start) + i64::from(span))?, -1)?
            }
        };
        Some(Period {
            period_type,
            start,
            end,
        })
    }

    /// The year written in the id.
    fn id_year(&self) -> i32 {
        match self.period_type.shape() {
            Shape::Day => self.start.year(),
            Shape::Week(_) => add_days(self.start, 3).map_or(0, |d| d.year()),
            Shape::BiWeek => self.start.iso_week().year(),
            Shape::Months { anchor, offset, .. } => {
                let cycle = cycle_start(month_index(self.start), anchor);
                i32::try_from(cycle.div_euclid(12)).unwrap_or(0) + offset
            }
        }
    }

    /// The number written after the infix (week, bi-week, month, quarter, half); 1 for days and
    /// years.
    fn index(&self) -> u32 {
        match self.period_type.shape() {
            Shape::Day => 1,
            Shape::Week(_) => add_days(self.start, 3).map_or(0, |d| d.ordinal0() / 7 + 1),
            Shape::BiWeek => self.start.iso_week().week().div_ceil(2),
            Shape::Months { span, anchor, .. } => {
                let month = month_index(self.start);
                let since = month - cycle_start(month, anchor);
                u32::try_from(since / i64::from(span)).unwrap_or(0) + 1
            }
        }
    }
}

impl PartialOrd for Period {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Period {
    fn cmp(&self, other: &Self) -> Ordering {
        (self.start, self.end, self.period_type).cmp(&(other.start, other.end, other.period_type))
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.id())
    }
}

impl FromStr for Period {
    type Err = MealError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Period::parse(s)
    }
}

/// The most periods one [`periods_between`] call lists: 100 000 days are 273 years. Without it a
/// two-date input (daily, 1000-01-01 to 9999-12-31) made a list of 3.3 million periods — and a
/// binding as many objects — from a few bytes.
pub const MAX_PERIODS: usize = 100_000;

/// Every period of `period_type` that overlaps `[start, end]` (both inclusive), in order.
///
/// The first period may start before `start` and the last end after `end`. Errors:
/// `period.range_reversed` when `start > end`; `period.date_out_of_range` when a period would
/// fall outside the years 1000–9999.
/// `period.too_many_periods` (params `type`, `limit`) when the range holds more than
/// [`MAX_PERIODS`] periods.
pub fn periods_between(
    period_type: PeriodType,
    start: NaiveDate,
    end: NaiveDate,
) -> Result<Vec<Period>, MealError> {
    if start > end {
        return Err(MealError::new("period.range_reversed")
            .with("start", start)
            .with("end", end));
    }
    let mut found = Vec::new();
    let mut period = Period::containing(period_type, start)?;
    loop {
        if found.len() == MAX_PERIODS {
            return Err(MealError::new("period.too_many_periods")
                .with("type", period_type.name())
                .with("limit", MAX_PERIODS));
        }
        found.push(period);
        if period.end >= end {
            return Ok(found);
        }
        period = period.next()?;
    }
}

/// Domain terms this module puts in message parameters.
pub const TERMS: &[Term] = &[
    Term {
        key: "year",
        en: "year",
        fr: "année",
    },
    Term {
        key: "month",
        en: "month",
        fr: "mois",
    },
    Term {
        key: "day",
        en: "day",
        fr: "jour",
    },
    Term {
        key: "week",
        en: "week",
        fr: "semaine",
    },
    Term {
        key: "biweek",
        en: "bi-week",
        fr: "quinzaine",
    },
    Term {
        key: "bimonth",
        en: "bi-month",
        fr: "bimestre",
    },
    Term {
        key: "quarter",
        en: "quarter",
        fr: "trimestre",
    },
    Term {
        key: "half",
        en: "half-year",
        fr: "semestre",
    },
    Term {
        key: "a period id",
        en: "a period id",
        fr: "un identifiant de période",
    },
    Term {
        key: "a 4-digit year",
        en: "a 4-digit year",
        fr: "une année à 4 chiffres",
    },
    Term {
        key: "a period suffix after the year (MM, MMdd, MMB, Wn, BiWn, Qn, Sn, April, …) or the end",
        en: "a period suffix after the year (MM, MMdd, MMB, Wn, BiWn, Qn, Sn, April, …) or the end",
        fr: "un suffixe de période après l'année (MM, MMjj, MMB, Wn, BiWn, Qn, Sn, April, …) ou la fin",
    },
];

/// Messages of this module's codes.
pub const MESSAGES: &[Message] = &[
    Message {
        code: "period.invalid",
        en: "“{id}” is not a period id: at position {position}, expected {expected}",
        fr: "« {id} » n’est pas un identifiant de période : à la position {position}, attendu {expected}",
    },
    Message {
        code: "period.out_of_range",
        en: "Period “{id}”: {field} {value} is out of range ({min} to {max})",
        fr: "Période « {id} » : {field} {value} hors limites ({min} à {max})",
    },
    Message {
        code: "period.unknown_type",
        en: "Unknown period type “{name}”",
        fr: "Type de période inconnu « {name} »",
    },
    Message {
        code: "period.date_out_of_range",
        en: "No {type} period for {date}: period ids cover the years {min} to {max}",
        fr: "Aucune période {type} pour le {date} : les identifiants de période couvrent les années {min} à {max}",
    },
    Message {
        code: "period.range_reversed",
        en: "The date range starts on {start}, after its end on {end}",
        fr: "La plage de dates commence le {start}, après sa fin le {end}",
    },
    Message {
        code: "period.too_many_periods",
        en: "The date range holds more than {limit} {type} periods: ask for a shorter range or a longer period type",
        fr: "La plage de dates contient plus de {limit} périodes {type} : demandez une plage plus courte ou un type de période plus long",
    },
];

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

// ---------------------------------------------------------------------------------------------
// Calendar arithmetic. Everything checked: `None` means "outside what chrono can represent".
// ---------------------------------------------------------------------------------------------

fn add_days(date: NaiveDate, days: i64) -> Option<NaiveDate> {
    if days >= 0 {
        date.checked_add_days(Days::new(days.unsigned_abs()))
    } else {
        date.checked_sub_days(Days::new(days.unsigned_abs()))
    }
}

/// Months since 1 January of year 0: `year * 12 + month0`.
fn month_index(date: NaiveDate) -> i64 {
    i64::from(date.year()) * 12 + i64::from(date.month0())
}

fn month_start(index: i64) -> Option<NaiveDate> {
    let year = i32::try_from(index.div_euclid(12)).ok()?;
    let month = u32::try_from(index.rem_euclid(12)).ok()? + 1;
    NaiveDate::from_ymd_opt(year, month, 1)
}

/// The month index of the most recent start of the yearly cycle anchored on `anchor` (1–12).
fn cycle_start(month: i64, anchor: u32) -> i64 {
    month - (month - i64::from(anchor) + 1).rem_euclid(12)
}

fn days_in_month(year: i32, month: u32) -> Option<u32> {
    let first = NaiveDate::from_ymd_opt(year, month, 1)?;
    let next = month_start(month_index(first) + 1)?;
    u32::try_from((next - first).num_days()).ok()
}

/// Days from the last `first` weekday on or before `date` to `date` (0–6).
fn days_since(date: NaiveDate, first: Weekday) -> i64 {
    i64::from((date.weekday().num_days_from_monday() + 7 - first.num_days_from_monday()) % 7)
}

/// The first day of week 1 of `year` for weeks starting on `first`: the week containing 4 January.
fn week_one_start(year: i32, first: Weekday) -> Option<NaiveDate> {
    let fourth = NaiveDate::from_ymd_opt(year, 1, 4)?;
    add_days(fourth, -days_since(fourth, first))
}

/// 52 or 53.
fn weeks_in_year(year: i32, first: Weekday) -> Option<u32> {
    let this = week_one_start(year, first)?;
    let next = week_one_start(year.checked_add(1)?, first)?;
    u32::try_from((next - this).num_days() / 7).ok()
}

fn start_containing(period_type: PeriodType, date: NaiveDate) -> Option<NaiveDate> {
    match period_type.shape() {
        Shape::Day => Some(date),
        Shape::Week(first) => add_days(date, -days_since(date, first)),
        Shape::BiWeek => {
            let monday = add_days(date, -days_since(date, Weekday::Mon))?;
            if date.iso_week().week() % 2 == 0 {
                add_days(monday, -7)
            } else {
                Some(monday)
            }
        }
        Shape::Months { span, anchor, .. } => {
            let month = month_index(date);
            let cycle = cycle_start(month, anchor);
            let span = i64::from(span);
            month_start(cycle + (month - cycle) / span * span)
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Errors.
// ---------------------------------------------------------------------------------------------

fn invalid(id: &str, position: usize, expected: &str) -> MealError {
    MealError::new("period.invalid")
        .with("id", id)
        .with("position", position)
        .with("expected", expected)
}

fn check_range(id: &str, field: &str, value: u32, min: u32, max: u32) -> Result<(), MealError> {
    if (min..=max).contains(&value) {
        Ok(())
    } else {
        Err(MealError::new("period.out_of_range")
            .with("id", id)
            .with("field", field)
            .with("value", value)
            .with("min", min)
            .with("max", max))
    }
}

fn date_out_of_range(period_type: PeriodType, date: NaiveDate) -> MealError {
    MealError::new("period.date_out_of_range")
        .with("type", period_type.name())
        .with("date", date)
        .with("min", MIN_YEAR)
        .with("max", MAX_YEAR)
}

// ---------------------------------------------------------------------------------------------
// The grammar: each id shape is a short sequence of literals and digit runs after a 4-digit year.
// Matching every shape side by side gives both the match and, on failure, how far the input
// could still have been an id.
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Clone, Copy)]
enum Token {
    Lit(&'static str),
    /// Between `min` and `max` ASCII digits, read greedily.
    Digits(usize, usize),
}

#[derive(Debug)]
struct Grammar {
    period_type: PeriodType,
    format: &'static str,
    /// After the 4-digit year.
    tokens: &'static [Token],
}

const WEEK_NUMBER: Token = Token::Digits(1, 2);
const TWO: Token = Token::Digits(2, 2);
const ONE: Token = Token::Digits(1, 1);

macro_rules! grammar {
    ($t:ident, $format:literal, [$($token:expr),*]) => {
        Grammar { period_type: PeriodType::$t, format: $format, tokens: &[$($token),*] }
    };
}

/// Every accepted shape, in the order `expected` lists them.
const GRAMMARS: &[Grammar] = &[
    grammar!(Daily, "yyyyMMdd", [TWO, TWO]),
    grammar!(
        Daily,
        "yyyy-MM-dd",
        [Token::Lit("-"), TWO, Token::Lit("-"), TWO]
    ),
    grammar!(Weekly, "yyyyWn", [Token::Lit("W"), WEEK_NUMBER]),
    grammar!(
        WeeklyWednesday,
        "yyyyWedWn",
        [Token::Lit("WedW"), WEEK_NUMBER]
    ),
    grammar!(
        WeeklyThursday,
        "yyyyThuWn",
        [Token::Lit("ThuW"), WEEK_NUMBER]
    ),
    grammar!(WeeklyFriday, "yyyyFriWn", [Token::Lit("FriW"), WEEK_NUMBER]),
    grammar!(
        WeeklySaturday,
        "yyyySatWn",
        [Token::Lit("SatW"), WEEK_NUMBER]
    ),
    grammar!(WeeklySunday, "yyyySunWn", [Token::Lit("SunW"), WEEK_NUMBER]),
    grammar!(BiWeekly, "yyyyBiWn", [Token::Lit("BiW"), WEEK_NUMBER]),
    grammar!(Monthly, "yyyyMM", [TWO]),
    grammar!(Monthly, "yyyy-MM", [Token::Lit("-"), TWO]),
    grammar!(BiMonthly, "yyyyMMB", [TWO, Token::Lit("B")]),
    grammar!(Quarterly, "yyyyQn", [Token::Lit("Q"), ONE]),
    grammar!(QuarterlyNov, "yyyyNovQn", [Token::Lit("NovQ"), ONE]),
    grammar!(SixMonthly, "yyyySn", [Token::Lit("S"), ONE]),
    grammar!(SixMonthlyApril, "yyyyAprilSn", [Token::Lit("AprilS"), ONE]),
    grammar!(SixMonthlyNov, "yyyyNovSn", [Token::Lit("NovS"), ONE]),
    grammar!(Yearly, "yyyy", []),
    grammar!(FinancialFeb, "yyyyFeb", [Token::Lit("Feb")]),
    grammar!(FinancialApril, "yyyyApril", [Token::Lit("April")]),
    grammar!(FinancialJuly, "yyyyJuly", [Token::Lit("July")]),
    grammar!(FinancialAug, "yyyyAug", [Token::Lit("Aug")]),
    grammar!(FinancialSep, "yyyySep", [Token::Lit("Sep")]),
    grammar!(FinancialOct, "yyyyOct", [Token::Lit("Oct")]),
    grammar!(FinancialNov, "yyyyNov", [Token::Lit("Nov")]),
];

/// The longest id is 11 characters (`2026AprilS1`); more than this can never match.
const LOOKAHEAD: usize = 16;

/// How far `chars` follows `grammar`: characters consumed, whether the whole input is one id,
/// and the numbers read (year first).
fn follow(grammar: &Grammar, chars: &[char], whole: bool) -> (usize, bool, Vec<u32>) {
    let mut pos = 0;
    let mut numbers = Vec::new();
    let year = Token::Digits(4, 4);
    for token in std::iter::once(&year).chain(grammar.tokens.iter()) {
        match *token {
            Token::Lit(text) => {
                for expected in text.chars() {
                    if chars.get(pos) != Some(&expected) {
                        return (pos, false, numbers);
                    }
                    pos += 1;
                }
            }
            Token::Digits(min, max) => {
                let mut value: u32 = 0;
                let mut count = 0;
                while count < max {
                    match chars
                        .get(pos)
                        .and_then(|c| c.to_digit(10).filter(|_| c.is_ascii()))
                    {
                        Some(digit) => {
                            value = value * 10 + digit;
                            pos += 1;
                            count += 1;
                        }
                        None => break,
                    }
                }
                if count < min {
                    return (pos, false, numbers);
                }
                numbers.push(value);
            }
        }
    }
    (pos, whole && pos == chars.len(), numbers)
}

fn match_grammar(id: &str) -> Result<(&'static Grammar, Vec<u32>), MealError> {
    let chars: Vec<char> = id.chars().take(LOOKAHEAD + 1).collect();
    let whole = chars.len() <= LOOKAHEAD;
    let mut furthest = 0;
    let mut expected: Vec<&'static str> = Vec::new();
    for grammar in GRAMMARS {
        let (pos, complete, numbers) = follow(grammar, &chars, whole);
        if complete {
            return Ok((grammar, numbers));
        }
        match pos.cmp(&furthest) {
            Ordering::Greater => {
                furthest = pos;
                expected = vec![grammar.format];
            }
            Ordering::Equal => expected.push(grammar.format),
            Ordering::Less => {}
        }
    }
    let expected = match furthest {
        0..=3 => "a 4-digit year".to_owned(),
        4 => {
            "a period suffix after the year (MM, MMdd, MMB, Wn, BiWn, Qn, Sn, April, …) or the end"
                .to_owned()
        }
        _ => expected.join(" | "),
    };
    Err(invalid(id, furthest, &expected))
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
mod tests {
    use super::*;

    fn date(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    /// Parses `id` and checks its canonical id and dates.
    fn check(id: &str, canonical: &str, period_type: PeriodType, start: &str, end: &str) {
        let period = Period::parse(id).unwrap_or_else(|e| panic!("{id}: {e}"));
        assert_eq!(period.id(), canonical, "{id}");
        assert_eq!(period.period_type(), period_type, "{id}");
        assert_eq!(period.start(), date(start), "{id} start");
        assert_eq!(period.end(), date(end), "{id} end");
        // Containment gives the same period back, from either end.
        assert_eq!(
            Period::containing(period_type, date(start)).unwrap(),
            period
        );
        assert_eq!(Period::containing(period_type, date(end)).unwrap(), period);
    }

    fn error(id: &str) -> MealError {
        Period::parse(id).expect_err(id)
    }

    #[test]
    fn daily() {
        check(
            "20260315",
            "20260315",
            PeriodType::Daily,
            "2026-03-15",
            "2026-03-15",
        );
        check(
            "2026-03-15",
            "20260315",
            PeriodType::Daily,
            "2026-03-15",
            "2026-03-15",
        );
        check(
            "20240229",
            "20240229",
            PeriodType::Daily,
            "2024-02-29",
            "2024-02-29",
        );
    }

    #[test]
    fn iso_weeks() {
        check(
            "2026W1",
            "2026W1",
            PeriodType::Weekly,
            "2025-12-29",
            "2026-01-04",
        );
        check(
            "2026W05",
            "2026W5",
            PeriodType::Weekly,
            "2026-01-26",
            "2026-02-01",
        );
        check(
            "2026W53",
            "2026W53",
            PeriodType::Weekly,
            "2026-12-28",
            "2027-01-03",
        );
        check(
            "2020W53",
            "2020W53",
            PeriodType::Weekly,
            "2020-12-28",
            "2021-01-03",
        );
        check(
            "2021W1",
            "2021W1",
            PeriodType::Weekly,
            "2021-01-04",
            "2021-01-10",
        );
        // chrono agrees on the week counts.
        for year in [2015, 2020, 2026, 2032] {
            assert!(NaiveDate::from_isoywd_opt(year, 53, Weekday::Mon).is_some());
            assert_eq!(weeks_in_year(year, Weekday::Mon), Some(53));
        }
        for year in [2021, 2024, 2025, 2027] {
            assert!(NaiveDate::from_isoywd_opt(year, 53, Weekday::Mon).is_none());
            assert_eq!(weeks_in_year(year, Weekday::Mon), Some(52));
        }
        let err = error("2025W53");
        assert_eq!(err.code, "period.out_of_range");
        assert_eq!(err.params["field"], "week");
        assert_eq!(err.params["max"], "52");
    }

    #[test]
    fn weeks_starting_other_days() {
        // Same week 1 as dhis2/multi-calendar-dates' Gregorian tests for 2023.
        check(
            "2023WedW1",
            "2023WedW1",
            PeriodType::WeeklyWednesday,
            "2023-01-04",
            "2023-01-10",
        );
        check(
            "2023ThuW1",
            "2023ThuW1",
            PeriodType::WeeklyThursday,
            "2022-12-29",
            "2023-01-04",
        );
        check(
            "2023SatW1",
            "2023SatW1",
            PeriodType::WeeklySaturday,
            "2022-12-31",
            "2023-01-06",
        );
        check(
            "2023SunW1",
            "2023SunW1",
            PeriodType::WeeklySunday,
            "2023-01-01",
            "2023-01-07",
        );
        // 2026-01-04 is a Sunday, so the Friday week holding it starts 2026-01-02.
        check(
            "2026FriW1",
            "2026FriW1",
            PeriodType::WeeklyFriday,
            "2026-01-02",
            "2026-01-08",
        );
        check(
            "2026SunW08",
            "2026SunW8",
            PeriodType::WeeklySunday,
            "2026-02-22",
            "2026-02-28",
        );
        // Sunday-weeks of 2025 number 53 (ISO 2025 has 52); 2026 has 52 (ISO 2026 has 53).
        check(
            "2025SunW53",
            "2025SunW53",
            PeriodType::WeeklySunday,
            "2025-12-28",
            "2026-01-03",
        );
        assert_eq!(error("2026SunW53").code, "period.out_of_range");
    }

    #[test]
    fn bi_weeks() {
        check(
            "2026BiW1",
            "2026BiW1",
            PeriodType::BiWeekly,
            "2025-12-29",
            "2026-01-11",
        );
        check(
            "2026BiW02",
            "2026BiW2",
            PeriodType::BiWeekly,
            "2026-01-12",
            "2026-01-25",
        );
        check(
            "2026BiW26",
            "2026BiW26",
            PeriodType::BiWeekly,
            "2026-12-14",
            "2026-12-27",
        );
        // Week 53 alone: the periods tile (dhis2-core gives it 14 days).
        check(
            "2026BiW27",
            "2026BiW27",
            PeriodType::BiWeekly,
            "2026-12-28",
            "2027-01-03",
        );
        check(
            "2027BiW1",
            "2027BiW1",
            PeriodType::BiWeekly,
            "2027-01-04",
            "2027-01-17",
        );
        assert_eq!(error("2027BiW27").code, "period.out_of_range");
    }

    #[test]
    fn months_and_their_multiples() {
        check(
            "202602",
            "202602",
            PeriodType::Monthly,
            "2026-02-01",
            "2026-02-28",
        );
        check(
            "2024-02",
            "202402",
            PeriodType::Monthly,
            "2024-02-01",
            "2024-02-29",
        );
        check(
            "202602B",
            "202602B",
            PeriodType::BiMonthly,
            "2026-03-01",
            "2026-04-30",
        );
        check(
            "202606B",
            "202606B",
            PeriodType::BiMonthly,
            "2026-11-01",
            "2026-12-31",
        );
        check(
            "2026Q1",
            "2026Q1",
            PeriodType::Quarterly,
            "2026-01-01",
            "2026-03-31",
        );
        check(
            "2026Q4",
            "2026Q4",
            PeriodType::Quarterly,
            "2026-10-01",
            "2026-12-31",
        );
        check(
            "2026S1",
            "2026S1",
            PeriodType::SixMonthly,
            "2026-01-01",
            "2026-06-30",
        );
        check(
            "2026S2",
            "2026S2",
            PeriodType::SixMonthly,
            "2026-07-01",
            "2026-12-31",
        );
        check(
            "2026AprilS1",
            "2026AprilS1",
            PeriodType::SixMonthlyApril,
            "2026-04-01",
            "2026-09-30",
        );
        check(
            "2026AprilS2",
            "2026AprilS2",
            PeriodType::SixMonthlyApril,
            "2026-10-01",
            "2027-03-31",
        );
        check(
            "2026",
            "2026",
            PeriodType::Yearly,
            "2026-01-01",
            "2026-12-31",
        );
    }

    #[test]
    fn financial_years_start_in_their_year_except_november() {
        check(
            "2026Feb",
            "2026Feb",
            PeriodType::FinancialFeb,
            "2026-02-01",
            "2027-01-31",
        );
        check(
            "2026April",
            "2026April",
            PeriodType::FinancialApril,
            "2026-04-01",
            "2027-03-31",
        );
        check(
            "2026July",
            "2026July",
            PeriodType::FinancialJuly,
            "2026-07-01",
            "2027-06-30",
        );
        check(
            "2026Aug",
            "2026Aug",
            PeriodType::FinancialAug,
            "2026-08-01",
            "2027-07-31",
        );
        check(
            "2026Sep",
            "2026Sep",
            PeriodType::FinancialSep,
            "2026-09-01",
            "2027-08-31",
        );
        check(
            "2026Oct",
            "2026Oct",
            PeriodType::FinancialOct,
            "2026-10-01",
            "2027-09-30",
        );
        check(
            "2026Nov",
            "2026Nov",
            PeriodType::FinancialNov,
            "2025-11-01",
            "2026-10-31",
        );
    }

    #[test]
    fn november_anchored_ids_name_the_year_the_cycle_ends() {
        check(
            "2026NovQ1",
            "2026NovQ1",
            PeriodType::QuarterlyNov,
            "2025-11-01",
            "2026-01-31",
        );
        check(
            "2026NovQ2",
            "2026NovQ2",
            PeriodType::QuarterlyNov,
            "2026-02-01",
            "2026-04-30",
        );
        check(
            "2026NovQ3",
            "2026NovQ3",
            PeriodType::QuarterlyNov,
            "2026-05-01",
            "2026-07-31",
        );
        check(
            "2026NovQ4",
            "2026NovQ4",
            PeriodType::QuarterlyNov,
            "2026-08-01",
            "2026-10-31",
        );
        check(
            "2026NovS1",
            "2026NovS1",
            PeriodType::SixMonthlyNov,
            "2025-11-01",
            "2026-04-30",
        );
        check(
            "2026NovS2",
            "2026NovS2",
            PeriodType::SixMonthlyNov,
            "2026-05-01",
            "2026-10-31",
        );
        let december = Period::containing(PeriodType::QuarterlyNov, date("2026-12-15")).unwrap();
        assert_eq!(december.id(), "2027NovQ1");
        assert_eq!(error("2026NovemberQ1").code, "period.invalid");
    }

    #[test]
    fn invalid_ids_report_where_and_what() {
        let cases: &[(&str, usize, &str)] = &[
            ("", 0, "a 4-digit year"),
            ("20a6", 2, "a 4-digit year"),
            ("2026X", 4, "a period suffix"),
            ("2026W", 5, "yyyyWn"),
            ("2026W123", 7, "yyyyWn"),
            ("2026Q12", 6, "yyyyQn"),
            ("2026AprilX", 9, "yyyyAprilSn | yyyyApril"),
            ("2026Wx", 5, "yyyyWn | yyyyWedWn"),
            ("2026-3-1", 6, "yyyy-MM-dd | yyyy-MM"),
            ("2026-3", 6, "yyyy-MM-dd | yyyy-MM"),
            ("٢٠٢٦", 0, "a 4-digit year"),
            ("2026é", 4, "a period suffix"),
            (" 2026", 0, "a 4-digit year"),
            ("2026q1", 4, "a period suffix"),
        ];
        for (id, position, expected) in cases {
            let err = error(id);
            assert_eq!(err.code, "period.invalid", "{id}");
            assert_eq!(err.params["id"], *id);
            assert_eq!(err.params["position"], position.to_string(), "{id}");
            assert!(
                err.params["expected"].starts_with(expected),
                "{id}: {}",
                err.params["expected"]
            );
        }
    }

    #[test]
    fn out_of_range_names_the_field() {
        let cases: &[(&str, &str, &str, &str, &str)] = &[
            ("2026W54", "week", "54", "1", "53"),
            ("2026W0", "week", "0", "1", "53"),
            ("202613", "month", "13", "1", "12"),
            ("2026-00", "month", "0", "1", "12"),
            ("20260230", "day", "30", "1", "28"),
            ("20240230", "day", "30", "1", "29"),
            ("202607B", "bimonth", "7", "1", "6"),
            ("2026Q5", "quarter", "5", "1", "4"),
            ("2026NovQ0", "quarter", "0", "1", "4"),
            ("2026S3", "half", "3", "1", "2"),
            ("0999", "year", "999", "1000", "9999"),
            ("2026BiW28", "biweek", "28", "1", "27"),
        ];
        for (id, field, value, min, max) in cases {
            let err = error(id);
            assert_eq!(err.code, "period.out_of_range", "{id}");
            assert_eq!(err.params["field"], *field, "{id}");
            assert_eq!(err.params["value"], *value, "{id}");
            assert_eq!(err.params["min"], *min, "{id}");
            assert_eq!(err.params["max"], *max, "{id}");
        }
    }

    #[test]
    fn type_names_round_trip() {
        for t in PeriodType::ALL {
            assert_eq!(PeriodType::from_name(t.name()).unwrap(), t);
            assert_eq!(
                serde_json::to_string(&t).unwrap(),
                format!("\"{}\"", t.name())
            );
        }
        let err = PeriodType::from_name("Fortnightly").unwrap_err();
        assert_eq!(err.code, "period.unknown_type");
        assert_eq!(err.params["name"], "Fortnightly");
        assert_eq!(PeriodType::Quarterly.frequency_order(), 91);
        assert_eq!(PeriodType::FinancialNov.iso8601_duration(), "P1Y");
    }

    #[test]
    fn navigation() {
        let w53 = Period::parse("2026W53").unwrap();
        assert_eq!(w53.next().unwrap().id(), "2027W1");
        assert_eq!(w53.previous().unwrap().id(), "2026W52");
        assert_eq!(
            Period::parse("2026NovQ4").unwrap().next().unwrap().id(),
            "2027NovQ1"
        );
        assert_eq!(
            Period::parse("2026NovS1").unwrap().previous().unwrap().id(),
            "2025NovS2"
        );
        assert_eq!(
            Period::parse("202612").unwrap().next().unwrap().id(),
            "202701"
        );
        assert_eq!(
            Period::parse("2026BiW27").unwrap().next().unwrap().id(),
            "2027BiW1"
        );
        let last = Period::parse("9999").unwrap();
        assert_eq!(last.next().unwrap_err().code, "period.date_out_of_range");
        let first = Period::parse("1000W1").unwrap();
        assert_eq!(
            first.previous().unwrap_err().code,
            "period.date_out_of_range"
        );
        assert_eq!(
            Period::containing(PeriodType::Daily, NaiveDate::MAX)
                .unwrap_err()
                .code,
            "period.date_out_of_range"
        );
        assert_eq!(
            Period::containing(PeriodType::Weekly, NaiveDate::MIN)
                .unwrap_err()
                .code,
            "period.date_out_of_range"
        );
    }

    #[test]
    fn within_excludes_partial_overlaps() {
        let march = Period::parse("202603").unwrap();
        let weeks: Vec<String> = march
            .periods_within(PeriodType::Weekly)
            .iter()
            .map(Period::id)
            .collect();
        assert_eq!(weeks, ["2026W10", "2026W11", "2026W12", "2026W13"]);
        let year = Period::parse("2026").unwrap();
        let quarters: Vec<String> = year
            .periods_within(PeriodType::QuarterlyNov)
            .iter()
            .map(Period::id)
            .collect();
        assert_eq!(quarters, ["2026NovQ2", "2026NovQ3", "2026NovQ4"]);
        assert_eq!(year.periods_within(PeriodType::Daily).len(), 365);
        assert!(march.periods_within(PeriodType::Yearly).is_empty());
    }

    #[test]
    fn between_refuses_more_than_max_periods_instead_of_allocating_them() {
        let start = date("2000-01-01");
        let last_allowed = start + chrono::Days::new(MAX_PERIODS as u64 - 1);
        let days = periods_between(PeriodType::Daily, start, last_allowed).unwrap();
        assert_eq!(days.len(), MAX_PERIODS);
        let one_more = last_allowed + chrono::Days::new(1);
        let err = periods_between(PeriodType::Daily, start, one_more).unwrap_err();
        assert_eq!(err.code, "period.too_many_periods");
        assert_eq!(err.params["limit"], MAX_PERIODS.to_string());
        let whole = periods_between(PeriodType::Daily, date("1000-01-01"), date("9999-12-31"));
        assert_eq!(whole.unwrap_err().code, "period.too_many_periods");
        let years = periods_between(PeriodType::Yearly, date("1000-01-01"), date("9999-12-31"));
        assert_eq!(years.unwrap().len(), 9000);
    }

    #[test]
    fn between_covers_the_range() {
        let ids: Vec<String> = periods_between(
            PeriodType::Quarterly,
            date("2026-02-15"),
            date("2026-07-01"),
        )
        .unwrap()
        .iter()
        .map(Period::id)
        .collect();
        assert_eq!(ids, ["2026Q1", "2026Q2", "2026Q3"]);
        let err = periods_between(PeriodType::Monthly, date("2026-02-01"), date("2026-01-01"))
            .unwrap_err();
        assert_eq!(err.code, "period.range_reversed");
        assert_eq!(
            periods_between(PeriodType::Daily, date("2026-02-01"), date("2026-02-01"))
                .unwrap()
                .len(),
            1
        );
    }

    #[test]
    fn serde_uses_the_canonical_id_and_order_is_by_dates() {
        let p = Period::parse("2026W05").unwrap();
        assert_eq!(serde_json::to_string(&p).unwrap(), "\"2026W5\"");
        let back: Period = serde_json::from_str("\"2026-01\"").unwrap();
        assert_eq!(back.id(), "202601");
        assert!(serde_json::from_str::<Period>("\"2026W99\"").is_err());
        assert_eq!(p.to_string(), "2026W5");
        assert_eq!("2026Q1".parse::<Period>().unwrap().days(), 90);
        let mut list = [
            Period::parse("2026").unwrap(),
            Period::parse("202601").unwrap(),
            Period::parse("2025Nov").unwrap(),
        ];
        list.sort();
        let ids: Vec<String> = list.iter().map(Period::id).collect();
        assert_eq!(ids, ["2025Nov", "202601", "2026"]);
    }

    #[test]
    fn messages_render_in_both_languages() {
        let err = error("2026W54");
        let en = err.message(crate::Locale::En);
        let fr = err.message(crate::Locale::Fr);
        assert!(en.contains("2026W54") && en.contains("54"), "{en}");
        assert!(fr.contains("hors limites"), "{fr}");
        for code in [
            "period.invalid",
            "period.out_of_range",
            "period.unknown_type",
            "period.date_out_of_range",
            "period.range_reversed",
        ] {
            assert!(crate::i18n::lookup(code).is_some(), "{code}");
        }
    }
}
