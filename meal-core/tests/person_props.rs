//! Invariants of the person side of `privacy`: pseudonyms, retention, erasure.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::collections::BTreeMap;

use chrono::NaiveDate;
use meal_core::privacy::{
    access, erase, records_from_json, records_to_json, retention_due, Phase, PseudonymKey,
    Pseudonymiser, Record, Rules,
};
use proptest::prelude::*;
use serde_json::json;

fn key(seed: u8) -> PseudonymKey {
    PseudonymKey::from_bytes(&[seed; 32]).unwrap()
}

fn identifier() -> impl Strategy<Value = String> {
    "[A-Za-zÀ-ÿ0-9+]{1,12}( [A-Za-zÀ-ÿ0-9+]{1,12}){0,3}"
}

/// The same identifier with random case changes and extra white space. Only letters whose
/// uppercase lowercases back are flipped: normalisation lowercases, it does not case-fold
/// (`ß` uppercases to `SS`, which lowercases to `ss`).
fn disguise(identifier: &str, flips: &[bool]) -> String {
    let mut out = String::from(" \t");
    for (index, c) in identifier.chars().enumerate() {
        let flip = flips
            .get(index % flips.len().max(1))
            .copied()
            .unwrap_or(false);
        match c {
            ' ' => out.push_str(if flip { " \n " } else { "  " }),
            c if flip
                && c.to_uppercase().collect::<String>().to_lowercase()
                    == c.to_lowercase().collect::<String>() =>
            {
                out.extend(c.to_uppercase());
            }
            c => out.push(c),
        }
    }
    out.push(' ');
    out
}

proptest! {
    #[test]
    fn pseudonyms_are_stable_per_key_and_purpose(id in identifier(), purpose in "[a-z_]{1,12}") {
        let first = Pseudonymiser::new(&key(1), &purpose).unwrap().pseudonym(&id).unwrap();
        let again = Pseudonymiser::new(&key(1), &purpose).unwrap().pseudonym(&id).unwrap();
        prop_assert_eq!(&first, &again);
        prop_assert_eq!(first.len(), 32);
        prop_assert!(first.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)));
    }

    #[test]
    fn pseudonyms_differ_across_purposes_and_keys(
        id in identifier(), a in "[a-z_]{1,12}", b in "[a-z_]{1,12}", k1 in any::<u8>(), k2 in any::<u8>(),
    ) {
        prop_assume!(a != b && k1 != k2);
        let of = |seed: u8, purpose: &str| Pseudonymiser::new(&key(seed), purpose).unwrap().pseudonym(&id).unwrap();
        prop_assert_ne!(of(k1, &a), of(k1, &b));
        prop_assert_ne!(of(k1, &a), of(k2, &a));
    }

    #[test]
    fn pseudonyms_ignore_case_and_spacing(id in identifier(), flips in prop::collection::vec(any::<bool>(), 1..8)) {
        let p = Pseudonymiser::new(&key(7), "care").unwrap();
        let disguised = disguise(&id, &flips);
        prop_assert_eq!(p.pseudonym(&id).unwrap(), p.pseudonym(&disguised).unwrap(), "{:?}", disguised);
        prop_assert!(p.verify(&disguised, &p.pseudonym(&id).unwrap()));
    }

    #[test]
    fn reading_records_never_panics(text in ".{0,200}") {
        let _ = records_from_json(&text);
    }
}

// ---- retention

fn date(days: i64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2000, 1, 1).unwrap() + chrono::Duration::days(days)
}

fn rules_with(active: u32, intermediate: u32, age: Option<u32>, action: &str) -> Rules {
    let mut retention = json!({"trigger": "closed", "active_months": active,
                               "intermediate_months": intermediate, "end_action": action});
    if let Some(age) = age {
        retention["not_before_age"] = json!(age);
    }
    serde_json::from_value(json!({
        "format_version": 1, "version": "t", "controller": {"name": "c", "contact": "c"},
        "purposes": [{"id": "p", "name": {"en": "p", "fr": "p"}, "retention": retention}]
    }))
    .unwrap()
}

fn rank(phase: Phase) -> u8 {
    match phase {
        Phase::Active => 0,
        Phase::Intermediate => 1,
        Phase::Due => 2,
        Phase::Held | Phase::Undetermined => 3,
    }
}

proptest! {
    #[test]
    fn retention_phases_only_move_forward(
        active in 0u32..400, intermediate in 0u32..200, age in prop::option::of(0u32..40),
        closed in prop::option::of(0i64..20_000), birth in prop::option::of(0i64..20_000),
        hold in any::<bool>(), d1 in 0i64..40_000, step in 0i64..20_000,
    ) {
        let rules = rules_with(active, intermediate, age, "delete");
        let mut events = BTreeMap::new();
        if let Some(c) = closed { events.insert("closed".to_owned(), date(c)); }
        if let Some(b) = birth { events.insert("birth".to_owned(), date(b)); }
        let record = Record { id: "r".into(), form: "f".into(), purpose: "p".into(), subject: None,
                              events, legal_hold: hold, values: serde_json::Map::new() };
        let records = [record];
        let first = retention_due(&records, &rules, date(d1)).remove(0);
        let later = retention_due(&records, &rules, date(d1 + step)).remove(0);
        prop_assert!(rank(first.phase) <= rank(later.phase), "{:?} then {:?}", first.phase, later.phase);
        if matches!(first.phase, Phase::Held | Phase::Undetermined) {
            prop_assert_eq!(first.phase, later.phase);
        }
        if hold && first.phase != Phase::Undetermined {
            prop_assert_eq!(first.phase, Phase::Held);
        }
        prop_assert_eq!(first.end_action.is_some(), first.phase == Phase::Due);
    }
}

// ---- erasure

fn erasure_rules() -> Rules {
    serde_json::from_value(json!({
        "format_version": 1, "version": "t", "controller": {"name": "c", "contact": "c"},
        "purposes": [
            {"id": "care", "name": {"en": "c", "fr": "c"}, "erasure_exceptions": ["public_health"]},
            {"id": "feedback", "name": {"en": "f", "fr": "f"}},
            {"id": "testimony", "name": {"en": "t", "fr": "t"}}
        ]
    }))
    .unwrap()
}

/// (subject index or none, purpose index, legal hold) per record; values are unique markers.
fn record_set() -> impl Strategy<Value = Vec<Record>> {
    let purposes = ["care", "feedback", "testimony", "unknown"];
    prop::collection::vec(
        (
            prop::option::of(0usize..4),
            0usize..4,
            prop::bool::weighted(0.15),
        ),
        0..25,
    )
    .prop_map(move |specs| {
        specs
            .into_iter()
            .enumerate()
            .map(|(index, (subject, purpose, hold))| Record {
                id: format!("rec{index:03}"),
                form: "f".into(),
                purpose: purposes[purpose].to_owned(),
                subject: subject.map(|s| format!("subj-{s}-pseudonym")),
                events: BTreeMap::new(),
                legal_hold: hold,
                values: json!({"note": format!("marker-{index:03}-value"), "n": index})
                    .as_object()
                    .cloned()
                    .unwrap(),
            })
            .collect()
    })
}

proptest! {
    #[test]
    fn erasure_leaves_nothing_of_the_person_but_what_an_exception_keeps(records in record_set(), who in 0usize..4) {
        let subject = format!("subj-{who}-pseudonym");
        let on = date(9000);
        let (kept, outcome) = erase(&records, &erasure_rules(), &subject, on);

        let is_kept_by_rule = |r: &Record| r.legal_hold || r.purpose != "feedback" && r.purpose != "testimony";
        let erased: Vec<&Record> = records.iter().filter(|r| r.is_about(&subject) && !is_kept_by_rule(r)).collect();
        let retained: Vec<&Record> = records.iter().filter(|r| r.is_about(&subject) && is_kept_by_rule(r)).collect();

        // Others untouched and conserved, in order; the person's retained records as they were.
        let expected: Vec<&Record> = records.iter().filter(|r| !r.is_about(&subject) || is_kept_by_rule(r)).collect();
        prop_assert_eq!(kept.iter().collect::<Vec<_>>(), expected);

        // Counts add up.
        prop_assert_eq!(outcome.subject_records, erased.len() + retained.len());
        prop_assert_eq!(outcome.affected.len(), erased.len());
        prop_assert_eq!(outcome.retained.len(), retained.len());
        prop_assert_eq!(outcome.records_after, records.len() - erased.len());

        // No output carries an erased value, nor the pseudonym unless a record was retained.
        let export = access(&kept, &subject, on);
        let outputs = [records_to_json(&kept), export.to_json(), export.to_csv(), outcome.to_json(), export.outcome.to_json()];
        for output in &outputs {
            for record in &erased {
                let marker = record.values["note"].as_str().unwrap();
                prop_assert!(!output.contains(marker), "{} leaked into {}", marker, output);
            }
            if retained.is_empty() {
                prop_assert!(!output.contains(&subject), "pseudonym leaked into {}", output);
            }
        }
        prop_assert!(!outcome.to_json().contains(&subject), "an outcome never names the pseudonym");
    }
}
