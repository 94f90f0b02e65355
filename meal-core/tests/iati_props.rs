//! Properties of the IATI export and import: every model that keeps the IATI rules — built by
//! hand or exported from the reference mission's logframes with generated figures — reads back
//! identical from its XML, and every XML these tests produce validates against the official
//! IATI 2.03 schema with `xmllint` (installed by tests/setup-xmllint.sh; the tests fail,
//! saying so, when it is missing). Hostile XML never panics.

// Test code: an out-of-range index or a failed unwrap here is a failed test.
#![allow(
    clippy::indexing_slicing,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic
)]

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::{DateTime, FixedOffset, NaiveDate};
use meal_core::compute::results::{Figure, RowCounts, Sources};
use meal_core::compute::Results;
use meal_core::indicator::Status;
use meal_core::interop::iati::{
    Activities, Activity, ActivityDate, IatiBaseline, IatiIndicator, IatiPeriod, IatiRequest,
    IatiResult, IatiValue, Organisation,
};
use meal_core::logframe::Logframe;
use meal_core::period::Period;
use meal_core::text::Text;
use proptest::prelude::*;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Validates `files` with xmllint against the vendored IATI 2.03 schema; panics with
/// xmllint's report when one is invalid or xmllint cannot be run.
fn xmllint(files: &[PathBuf]) {
    if files.is_empty() {
        return;
    }
    let schema = manifest().join("tests/iati/iati-activities-schema.xsd");
    let output = Command::new("xmllint")
        .arg("--noout")
        .arg("--schema")
        .arg(&schema)
        .args(files)
        .output()
        .unwrap_or_else(|e| {
            panic!("xmllint could not be run ({e}); install it with tests/setup-xmllint.sh")
        });
    assert!(
        output.status.success(),
        "xmllint refused an IATI export:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// Writes `xmls` to a fresh temporary directory and validates them.
fn validate_all(name: &str, xmls: &[String]) {
    let dir = std::env::temp_dir().join(format!("meal-iati-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let files: Vec<PathBuf> = xmls
        .iter()
        .enumerate()
        .map(|(i, xml)| {
            let path = dir.join(format!("{i}.xml"));
            std::fs::write(&path, xml).unwrap();
            path
        })
        .collect();
    xmllint(&files);
    std::fs::remove_dir_all(&dir).unwrap();
}

fn logframe(path: &Path) -> Logframe {
    Logframe::from_json(&std::fs::read_to_string(path).unwrap())
        .unwrap()
        .value
}

fn mission() -> Vec<Logframe> {
    ["idf", "calais", "marseille", "dunkerque"]
        .iter()
        .map(|p| logframe(&manifest().join(format!("../examples/data/logframe-{p}.json"))))
        .collect()
}

fn request(periods: Vec<Period>) -> IatiRequest {
    IatiRequest {
        organisation: Organisation {
            reference: "FR-RNA-W751234567".into(),
            kind: "21".into(),
            name: Text::new("Médecins & Co <mission>", "Médecins & Cie « mission »"),
        },
        activity_prefix: "FR-RNA-W751234567".into(),
        generated: DateTime::parse_from_rfc3339("2027-01-15T09:30:00+01:00").unwrap(),
        periods,
        threshold: meal_core::report::DEFAULT_THRESHOLD,
    }
}

fn quarters() -> Vec<Period> {
    ["2026Q1", "2026Q2", "2026Q3", "2026Q4"]
        .iter()
        .map(|id| Period::parse(id).unwrap())
        .collect()
}

// ---- arbitrary models ----

/// Text XML can carry, with the characters that need escaping.
fn text() -> impl Strategy<Value = Text> {
    let part = "[A-Za-zÀ-ÿ0-9 &<>'\"\t\r\n🙂\u{2028}]{0,10}";
    (part, part).prop_map(|(en, fr)| Text::new(en, fr))
}

fn word() -> impl Strategy<Value = String> {
    "[A-Za-z0-9 &<>\"'\t\r\n._-]{0,8}"
}

fn decimal() -> impl Strategy<Value = Decimal> {
    (-1_000_000i64..1_000_000, 0u32..4).prop_map(|(n, scale)| Decimal::new(n, scale))
}

fn date() -> impl Strategy<Value = NaiveDate> {
    (2000i32..2040, 1u32..=365).prop_map(|(year, day)| NaiveDate::from_yo_opt(year, day).unwrap())
}

fn value(needs_value: bool) -> impl Strategy<Value = IatiValue> {
    let value = if needs_value {
        decimal().prop_map(Some).boxed()
    } else {
        proptest::option::of(decimal()).boxed()
    };
    (value, prop::collection::vec((word(), word()), 0..3))
        .prop_map(|(value, dimensions)| IatiValue { value, dimensions })
}

fn period(needs_value: bool) -> impl Strategy<Value = IatiPeriod> {
    (
        date(),
        0i64..400,
        prop::collection::vec(value(needs_value), 0..3),
        prop::collection::vec(value(needs_value), 0..3),
    )
        .prop_map(|(start, days, targets, actuals)| IatiPeriod {
            start,
            end: start + chrono::Duration::days(days),
            targets,
            actuals,
        })
}

fn indicator() -> impl Strategy<Value = IatiIndicator> {
    (1u8..=5).prop_flat_map(|measure| {
        let needs_value = measure != 5;
        let baseline_value = if needs_value {
            decimal().prop_map(Some).boxed()
        } else {
            proptest::option::of(decimal()).boxed()
        };
        let baseline = (1i32..9999, proptest::option::of(date()), baseline_value).prop_map(
            |(year, iso_date, value)| IatiBaseline {
                year,
                iso_date,
                value,
            },
        );
        (
            proptest::option::of(any::<bool>()),
            any::<bool>(),
            word(),
            text(),
            proptest::option::of(baseline),
            prop::collection::vec(period(needs_value), 0..3),
        )
            .prop_map(
                move |(ascending, aggregation_status, code, title, baseline, periods)| {
                    IatiIndicator {
                        measure,
                        ascending,
                        aggregation_status,
                        code,
                        title,
                        baseline,
                        periods,
                    }
                },
            )
    })
}

fn result() -> impl Strategy<Value = IatiResult> {
    (
        prop::sample::select(vec![1u8, 2, 3, 9]),
        any::<bool>(),
        text(),
        prop::collection::vec(indicator(), 1..3),
    )
        .prop_map(
            |(result_type, aggregation_status, title, indicators)| IatiResult {
                result_type,
                aggregation_status,
                title,
                indicators,
            },
        )
}

fn activity() -> impl Strategy<Value = Activity> {
    (
        (word(), word(), word(), text()),
        (text(), text(), 1u8..=6),
        prop::collection::vec((1u8..=4, date()), 1..3),
        prop::collection::vec(result(), 0..3),
    )
        .prop_map(
            |(
                (identifier, reference, kind, name),
                (title, description, status),
                dates,
                results,
            )| {
                Activity {
                    identifier: identifier.trim().to_owned(),
                    organisation: Organisation {
                        reference,
                        kind,
                        name,
                    },
                    title,
                    description,
                    status,
                    dates: dates
                        .into_iter()
                        .map(|(kind, iso_date)| ActivityDate { kind, iso_date })
                        .collect(),
                    results,
                }
            },
        )
}

fn generated() -> impl Strategy<Value = DateTime<FixedOffset>> {
    (0i64..2_000_000_000, 0u32..1_000_000_000, -12i32..=14).prop_map(|(secs, nanos, hours)| {
        let offset = FixedOffset::east_opt(hours * 3600).unwrap();
        DateTime::from_timestamp(secs, nanos)
            .unwrap()
            .with_timezone(&offset)
    })
}

fn activities() -> impl Strategy<Value = Activities> {
    (generated(), prop::collection::vec(activity(), 1..3)).prop_map(|(generated, activities)| {
        Activities {
            generated,
            activities,
        }
    })
}

// ---- generated figures for the mission's logframes ----

/// Figures for every indicator of `logframes` and each period: the total and one cell per
/// category of each dimension, some without value.
fn figures(logframes: &[Logframe], periods: &[Period], values: &[Option<Decimal>]) -> Results {
    let mut figures = Vec::new();
    let mut next = values.iter().cycle();
    for indicator in logframes.iter().flat_map(|l| &l.indicators) {
        for period in periods {
            let mut cells = vec![BTreeMap::new()];
            for dimension in &indicator.disaggregation {
                for category in &dimension.categories {
                    cells.push(BTreeMap::from([(
                        dimension.code.clone(),
                        category.code.clone(),
                    )]));
                }
            }
            for cell in cells {
                let value = next.next().copied().flatten();
                figures.push(Figure {
                    indicator: indicator.code.clone(),
                    period: *period,
                    cell,
                    value,
                    numerator: None,
                    denominator: None,
                    opening: None,
                    target: None,
                    achievement: None,
                    status: Status::NoData,
                    // As many matched records as the value counts, so a sum's disclosure
                    // basis (its records) is the value too.
                    rows: RowCounts {
                        matched: value.and_then(|v| v.to_u64()).unwrap_or(0),
                        ..RowCounts::default()
                    },
                });
            }
        }
    }
    Results {
        periods: periods.to_vec(),
        figures,
        sources: Sources {
            rows_read: 0,
            rows_without_date: 0,
            documents: BTreeMap::new(),
            engine: "test".into(),
        },
        findings: Vec::new(),
    }
}

fn mission_export() -> impl Strategy<Value = (Vec<usize>, Vec<Period>, Vec<Option<Decimal>>)> {
    let all_periods = vec![
        "2026Q1", "2026Q2", "2026Q3", "2026Q4", "2026", "2026S1", "2026-03", "2025",
    ];
    (
        prop::sample::subsequence(vec![0usize, 1, 2, 3], 1..=4),
        prop::sample::subsequence(all_periods, 1..=4),
        // Small head counts often, so disclosure control has cells to hide.
        prop::collection::vec(
            proptest::option::of(prop_oneof![(0i64..12).prop_map(Decimal::from), decimal()]),
            1..20,
        ),
    )
        .prop_map(|(logframes, periods, values)| {
            let periods = periods
                .iter()
                .map(|id| Period::parse(id).unwrap())
                .collect();
            (logframes, periods, values)
        })
}

/// XML kept for xmllint (every `every`-th case: xmllint is slow to start, so files are
/// validated in one batch at the end of the test).
struct Kept {
    every: usize,
    seen: usize,
    xmls: Vec<String>,
}

impl Kept {
    fn new(every: usize) -> RefCell<Kept> {
        RefCell::new(Kept {
            every,
            seen: 0,
            xmls: Vec::new(),
        })
    }

    fn offer(&mut self, xml: String) {
        self.seen += 1;
        if self.seen % self.every == 0 {
            self.xmls.push(xml);
        }
    }
}

#[test]
fn arbitrary_models_round_trip_and_validate() {
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig::with_cases(96));
    let kept = Kept::new(8);
    runner
        .run(&activities(), |activities| {
            let xml = activities.to_xml();
            prop_assert_eq!(Activities::from_xml(&xml).unwrap(), activities.clone());
            prop_assert_eq!(
                Activities::from_json(&activities.to_json()).unwrap(),
                activities
            );
            kept.borrow_mut().offer(xml);
            Ok(())
        })
        .unwrap();
    let kept = kept.into_inner().xmls;
    assert!(kept.len() >= 10);
    validate_all("arbitrary", &kept);
}

#[test]
fn mission_exports_round_trip_and_validate() {
    let mission = mission();
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig::with_cases(48));
    let kept = Kept::new(6);
    runner
        .run(&mission_export(), |(chosen, periods, values)| {
            let logframes: Vec<Logframe> = chosen.iter().map(|&i| mission[i].clone()).collect();
            let results = figures(&logframes, &periods, &values);
            let request = request(periods);
            let exported = Activities::from_logframes(&logframes, Some(&results), &request)?;
            prop_assert!(no_small_cell_published(&exported, request.threshold));
            let xml = exported.to_xml();
            prop_assert_eq!(Activities::from_xml(&xml).unwrap(), exported);
            kept.borrow_mut().offer(xml);
            Ok(())
        })
        .map_err(|e| e.to_string())
        .unwrap();
    validate_all("mission-sample", &kept.into_inner().xmls);
}

/// The disclosure rule of a public file, checked independently of how it is enforced: no
/// crossed cell, and no cell of a head-count indicator (IATI unit measure whose values add up:
/// count, sum, distinct persons; the generated figures match as many records as their value) holding 1..k−1.
fn no_small_cell_published(exported: &Activities, k: u64) -> bool {
    let k = Decimal::from(k);
    exported
        .activities
        .iter()
        .flat_map(|a| &a.results)
        .flat_map(|r| &r.indicators)
        .filter(|i| i.measure == 1 && i.aggregation_status)
        .flat_map(|i| &i.periods)
        .flat_map(|p| &p.actuals)
        .filter(|a| !a.dimensions.is_empty())
        .all(|a| {
            a.dimensions.len() == 1
                && a.value
                    .is_none_or(|v| v <= Decimal::ZERO || v >= k || v.fract() != Decimal::ZERO)
        })
}

#[test]
fn the_four_mission_logframes_export_valid_iati() {
    let mission = mission();
    let periods = quarters();
    let values: Vec<Option<Decimal>> = (1..30)
        .map(|n| (n % 7 != 0).then(|| Decimal::new(n * 37, (n % 3) as u32)))
        .collect();
    let results = figures(&mission, &periods, &values);
    let mut xmls = Vec::new();
    for logframe in &mission {
        let one = std::slice::from_ref(logframe);
        for results in [None, Some(&results)] {
            let exported =
                Activities::from_logframes(one, results, &request(periods.to_vec())).unwrap();
            let xml = exported.to_xml();
            assert_eq!(Activities::from_xml(&xml).unwrap(), exported);
            xmls.push(xml);
        }
    }
    let all = Activities::from_logframes(&mission, Some(&results), &request(periods)).unwrap();
    assert_eq!(all.activities.len(), 4);
    xmls.push(all.to_xml());
    validate_all("mission", &xmls);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Any text, and any mangling of a valid export, is read or refused — never a panic.
    #[test]
    fn hostile_xml_never_panics(text in "\\PC{0,200}", cut in 0usize..4000, insert in "[<>&;#x0-9a-z\"'/=! ]{0,12}") {
        let _ = Activities::from_xml(&text);
        let exported = Activities::from_logframes(&mission()[..1], None, &request(quarters())).unwrap();
        let xml = exported.to_xml();
        let at = cut.min(xml.len());
        if xml.is_char_boundary(at) {
            let mangled = format!("{}{insert}{}", &xml[..at], &xml[at..]);
            if let Err(error) = Activities::from_xml(&mangled) {
                prop_assert!(error.code.starts_with("iati."), "{}", error.code);
            }
        }
    }
}

#[test]
fn deep_nesting_huge_attributes_and_entities_are_survived() {
    let deep = format!(
        "<iati-activities version=\"2.03\">{}{}</iati-activities>",
        "<x>".repeat(200_000),
        "</x>".repeat(200_000)
    );
    assert_eq!(
        Activities::from_xml(&deep).unwrap_err().code,
        "iati.invalid"
    );
    let huge = format!("<iati-activities version=\"{}\"/>", "9".repeat(5_000_000));
    assert_eq!(
        Activities::from_xml(&huge).unwrap_err().code,
        "iati.invalid"
    );
    let laughs = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;\">]>\n<iati-activities generated-datetime=\"2026-01-01T00:00:00Z\">&lol2;</iati-activities>";
    let error = Activities::from_xml(laughs).unwrap_err();
    assert_eq!(error.code, "iati.malformed");
    assert_eq!(error.params["line"], "2");
    let external = "<!DOCTYPE a [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]><iati-activities generated-datetime=\"&xxe;\"/>";
    assert_eq!(
        Activities::from_xml(external).unwrap_err().code,
        "iati.malformed"
    );
}

#[test]
fn xmllint_refuses_what_the_schema_refuses() {
    let exported = Activities::from_logframes(&mission()[..1], None, &request(quarters())).unwrap();
    let broken = exported
        .to_xml()
        .replace("<activity-status code=\"2\"/>", "");
    let outcome = std::panic::catch_unwind(|| validate_all("broken", &[broken]));
    assert!(
        outcome.is_err(),
        "xmllint accepted an activity without status"
    );
}
