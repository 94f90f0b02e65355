//! Invariants of DHIS2 period ids: canonical round-trips, one period per date and type, periods
//! that tile time, ranges covered without gap or overlap, and no panic on any input.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use chrono::{Days, NaiveDate};
use meal_core::period::{periods_between, Period, PeriodType};
use proptest::prelude::*;

fn any_type() -> impl Strategy<Value = PeriodType> {
    prop::sample::select(PeriodType::ALL.to_vec())
}

/// Dates whose periods, and their neighbours, all have ids in 1000–9999.
fn any_date() -> impl Strategy<Value = NaiveDate> {
    let first = NaiveDate::from_ymd_opt(1002, 1, 1).unwrap();
    (0u64..2_900_000).prop_map(move |days| first.checked_add_days(Days::new(days)).unwrap())
}

/// Dates near year ends, where week and November arithmetic is most fragile.
fn year_end_date() -> impl Strategy<Value = NaiveDate> {
    (1002i32..9998, 0u32..24).prop_map(|(year, offset)| {
        let dec20 = NaiveDate::from_ymd_opt(year, 12, 20).unwrap();
        dec20
            .checked_add_days(Days::new(u64::from(offset)))
            .unwrap()
    })
}

fn some_date() -> impl Strategy<Value = NaiveDate> {
    prop_oneof![any_date(), year_end_date()]
}

/// Rewrites a canonical id in one of its documented alternate spellings, when it has one.
fn alternates(id: &str, period_type: PeriodType) -> Vec<String> {
    let mut out = Vec::new();
    match period_type {
        PeriodType::Daily => out.push(format!("{}-{}-{}", &id[..4], &id[4..6], &id[6..8])),
        PeriodType::Monthly => out.push(format!("{}-{}", &id[..4], &id[4..6])),
        _ => {
            // Weeks and bi-weeks: a 1-digit week may be zero-padded.
            let digits = id.chars().rev().take_while(char::is_ascii_digit).count();
            let is_week = matches!(
                period_type,
                PeriodType::Weekly
                    | PeriodType::WeeklyWednesday
                    | PeriodType::WeeklyThursday
                    | PeriodType::WeeklyFriday
                    | PeriodType::WeeklySaturday
                    | PeriodType::WeeklySunday
                    | PeriodType::BiWeekly
            );
            if is_week && digits == 1 {
                let (head, week) = id.split_at(id.len() - 1);
                out.push(format!("{head}0{week}"));
            }
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn parse_of_canonical_id_is_identity(period_type in any_type(), date in some_date()) {
        let period = Period::containing(period_type, date).unwrap();
        let id = period.id();
        let parsed = Period::parse(&id).unwrap();
        prop_assert_eq!(parsed, period);
        prop_assert_eq!(parsed.id(), id.clone());
        for alternate in alternates(&id, period_type) {
            let again = Period::parse(&alternate).unwrap();
            prop_assert_eq!(again, period, "{}", alternate);
            prop_assert_eq!(again.id(), id.clone());
        }
        // Serde carries the canonical id.
        let json = serde_json::to_string(&period).unwrap();
        prop_assert_eq!(json, format!("\"{id}\""));
    }

    #[test]
    fn every_date_lies_in_exactly_one_period(period_type in any_type(), date in some_date()) {
        let period = Period::containing(period_type, date).unwrap();
        prop_assert!(period.contains(date));
        prop_assert_eq!(period.period_type(), period_type);
        let next = period.next().unwrap();
        let previous = period.previous().unwrap();
        prop_assert!(!next.contains(date));
        prop_assert!(!previous.contains(date));
        // Every day of the period finds the same period.
        prop_assert_eq!(Period::containing(period_type, period.start()).unwrap(), period);
        prop_assert_eq!(Period::containing(period_type, period.end()).unwrap(), period);
    }

    #[test]
    fn consecutive_periods_tile_time(period_type in any_type(), date in some_date()) {
        let period = Period::containing(period_type, date).unwrap();
        let next = period.next().unwrap();
        prop_assert_eq!(next.start(), period.end().succ_opt().unwrap());
        prop_assert_eq!(next.previous().unwrap(), period);
        let previous = period.previous().unwrap();
        prop_assert_eq!(previous.end(), period.start().pred_opt().unwrap());
        prop_assert_eq!(previous.next().unwrap(), period);
        prop_assert!(previous < period && period < next);
        prop_assert!(previous.id() != period.id() && period.id() != next.id());
    }

    #[test]
    fn periods_between_cover_the_range_without_gap_or_overlap(
        period_type in any_type(),
        start in some_date(),
        length in 0u64..400,
    ) {
        let end = start.checked_add_days(Days::new(length)).unwrap();
        let periods = periods_between(period_type, start, end).unwrap();
        prop_assert!(!periods.is_empty());
        prop_assert!(periods[0].contains(start));
        prop_assert!(periods[periods.len() - 1].contains(end));
        for pair in periods.windows(2) {
            prop_assert_eq!(pair[1].start(), pair[0].end().succ_opt().unwrap());
        }
        for period in &periods {
            prop_assert!(period.start() <= end && period.end() >= start);
        }
        if start < end {
            let reversed = periods_between(period_type, end, start).unwrap_err();
            prop_assert_eq!(reversed.code, "period.range_reversed");
        }
    }

    #[test]
    fn periods_within_lie_wholly_inside(outer in any_type(), inner in any_type(), date in some_date()) {
        let container = Period::containing(outer, date).unwrap();
        let inside = container.periods_within(inner);
        for period in &inside {
            prop_assert!(container.start() <= period.start() && period.end() <= container.end());
            prop_assert_eq!(period.period_type(), inner);
        }
        for pair in inside.windows(2) {
            prop_assert_eq!(pair[1].start(), pair[0].end().succ_opt().unwrap());
        }
        // Nothing wholly inside was left out at either end.
        if let Some(first) = inside.first() {
            let before = first.previous().unwrap();
            prop_assert!(before.start() < container.start());
        }
        if let Some(last) = inside.last() {
            let after = last.next().unwrap();
            prop_assert!(after.end() > container.end());
        }
    }

    #[test]
    fn arbitrary_text_never_panics(text in any::<String>()) {
        if let Err(err) = Period::parse(&text) {
            prop_assert!(
                ["period.invalid", "period.out_of_range"].contains(&err.code.as_str()),
                "{}", err.code
            );
            prop_assert_eq!(err.params.get("id").map(String::as_str), Some(text.as_str()));
        }
        let _ = PeriodType::from_name(&text);
    }

    #[test]
    fn id_shaped_text_never_panics(text in "[0-9]{0,5}[-A-Za-z0-9]{0,8}") {
        match Period::parse(&text) {
            Ok(period) => prop_assert!(period.start() <= period.end()),
            Err(err) => {
                prop_assert!(["period.invalid", "period.out_of_range"].contains(&err.code.as_str()));
                if err.code == "period.invalid" {
                    let position: usize = err.params["position"].parse().unwrap();
                    prop_assert!(position <= text.chars().count());
                }
            }
        }
    }

    #[test]
    fn any_date_either_has_a_period_or_says_why(
        period_type in any_type(),
        days in any::<i32>(),
    ) {
        let date = NaiveDate::from_num_days_from_ce_opt(days / 8);
        if let Some(date) = date {
            match Period::containing(period_type, date) {
                Ok(period) => prop_assert!(period.contains(date)),
                Err(err) => prop_assert_eq!(err.code, "period.date_out_of_range"),
            }
        }
    }
}
