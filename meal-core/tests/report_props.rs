//! Invariants of `report`: every figure of the scope reaches the CSV (published or marked
//! suppressed), no suppressed value appears anywhere in an external rendering, every rendering
//! of any buildable report succeeds, and the XLSX workbook holds the figures' numbers.
//! Expectations come from the generated figures themselves (the test's own bookkeeping), never
//! from the report code.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::collections::BTreeMap;

use calamine::{Data, Reader, Xlsx};
use meal_core::compute::{Figure, Results, RowCounts, Sources};
use meal_core::i18n::Locale;
use meal_core::indicator::Status;
use meal_core::logframe::Logframe;
use meal_core::period::Period;
use meal_core::report::{Audience, EntryState, Format, Scope, Sitrep, SitrepRequest};
use proptest::prelude::*;
use rust_decimal::Decimal;

/// One project: a count by sex and a ratio by sex and age band (so crossed cells exist).
const LOGFRAME: &str = r#"{
  "format_version": 1,
  "project": {"code": "P", "name": {"en": "P", "fr": "P"}},
  "objectives": [{"code": "P", "level": "impact", "kind": "operational",
    "title": {"en": "t", "fr": "t"}, "indicators": ["P-C", "P-R"]}],
  "indicators": [
    {"code": "P-C", "name": {"en": "c", "fr": "c"}, "measure": {"kind": "count"},
     "unit": {"en": "u", "fr": "u"}, "direction": {"kind": "increase"}, "aggregation": "incremental",
     "disaggregation": [{"code": "sex", "name": {"en": "Sex", "fr": "Sexe"},
       "categories": [{"code": "f", "name": {"en": "F", "fr": "F"}}, {"code": "m", "name": {"en": "M", "fr": "M"}}]}]},
    {"code": "P-R", "name": {"en": "r", "fr": "r"},
     "measure": {"kind": "ratio", "numerator": {"en": "n", "fr": "n"}, "denominator": {"en": "d", "fr": "d"}, "factor": "100"},
     "unit": {"en": "%", "fr": "%"}, "direction": {"kind": "increase"}, "aggregation": "ratio_of_sums",
     "disaggregation": [
       {"code": "sex", "name": {"en": "Sex", "fr": "Sexe"},
        "categories": [{"code": "f", "name": {"en": "F", "fr": "F"}}, {"code": "m", "name": {"en": "M", "fr": "M"}}]},
       {"code": "age_band", "name": {"en": "Age", "fr": "Âge"},
        "categories": [{"code": "minor", "name": {"en": "minor", "fr": "mineur"}}, {"code": "adult", "name": {"en": "adult", "fr": "adulte"}}]}]}
  ]
}"#;

fn logframe() -> Logframe {
    Logframe::from_json(LOGFRAME).unwrap().value
}

fn q1() -> Period {
    Period::parse("2026Q1").unwrap()
}

fn figure(indicator: &str, cell: &[(&str, &str)], value: Option<Decimal>, matched: u64) -> Figure {
    Figure {
        indicator: indicator.into(),
        period: q1(),
        cell: cell
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect(),
        value,
        numerator: None,
        denominator: None,
        target: None,
        achievement: None,
        status: if value.is_some() {
            Status::NoTarget
        } else {
            Status::NoData
        },
        rows: RowCounts {
            in_window: matched,
            matched,
            without_value: 0,
        },
    }
}

/// A distinctive ratio value: six digits and three decimals, `seed` makes them unique.
fn distinctive(seed: u64, index: u64) -> Decimal {
    Decimal::new(
        i64::try_from(100_000_000 + (seed % 800_000) * 1_000 + index * 7_919).unwrap(),
        3,
    )
}

/// Results for the fixed logframe: counts per sex for P-C, matched rows per cell for P-R (with
/// distinctive values), crossed cells for P-R, and a figure of an undefined indicator.
fn results(counts: &[u64; 3], rows: &[u64; 6], seed: u64) -> Results {
    let sexes = ["f", "m", "unknown"];
    let ages = ["minor", "adult", "unknown"];
    let mut figures = vec![figure(
        "P-C",
        &[],
        Some(Decimal::from(counts.iter().sum::<u64>())),
        counts.iter().sum(),
    )];
    for (sex, n) in sexes.iter().zip(counts) {
        figures.push(figure("P-C", &[("sex", sex)], Some(Decimal::from(*n)), *n));
    }
    let mut index = 0;
    let mut next = || {
        index += 1;
        Some(distinctive(seed, index))
    };
    figures.push(figure("P-R", &[], next(), rows.iter().sum()));
    for (k, sex) in sexes.iter().enumerate() {
        figures.push(figure("P-R", &[("sex", sex)], next(), rows[k]));
    }
    for (k, age) in ages.iter().enumerate() {
        figures.push(figure("P-R", &[("age_band", age)], next(), rows[k + 3]));
    }
    figures.push(figure(
        "P-R",
        &[("age_band", "minor"), ("sex", "f")],
        next(),
        rows[0].min(rows[3]),
    ));
    figures.push(figure("Z-9", &[], Some(Decimal::from(3)), 3));
    Results {
        periods: vec![q1()],
        figures,
        sources: Sources {
            rows_read: 10,
            rows_without_date: 0,
            documents: BTreeMap::new(),
            engine: "meal test".into(),
        },
        findings: Vec::new(),
    }
}

fn build(results: &Results, audience: Audience, locale: Locale) -> Sitrep {
    let request = SitrepRequest::new(Scope::Mission, q1(), audience, locale);
    Sitrep::build(&[logframe()], results, None, &request).unwrap()
}

fn text(report: &Sitrep, format: Format) -> String {
    String::from_utf8(report.render(format).unwrap().bytes).unwrap()
}

/// The CSV rows keyed by (indicator, dimension, category) → (value, status).
fn csv_rows(csv: &str) -> BTreeMap<(String, String, String), (String, String)> {
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            (
                (r[1].to_owned(), r[3].to_owned(), r[4].to_owned()),
                (r[5].to_owned(), r[8].to_owned()),
            )
        })
        .collect()
}

/// The CSV key of a figure: crossed cells join codes with `+` in dimension order.
fn key(f: &Figure) -> (String, String, String) {
    let dims: Vec<&str> = f.cell.keys().map(String::as_str).collect();
    let cats: Vec<&str> = f.cell.values().map(String::as_str).collect();
    (f.indicator.clone(), dims.join("+"), cats.join("+"))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn every_figure_reaches_the_csv_published_or_suppressed(
        counts in proptest::array::uniform3(0u64..20),
        rows in proptest::array::uniform6(0u64..20),
        seed in any::<u64>(),
        external in any::<bool>(),
    ) {
        let results = results(&counts, &rows, seed);
        let audience = if external { Audience::External } else { Audience::Internal };
        let csv = csv_rows(&text(&build(&results, audience, Locale::Fr), Format::Csv));
        prop_assert_eq!(csv.len(), results.figures.len());
        for f in &results.figures {
            let (value, status) = csv.get(&key(f)).expect("every figure has its row");
            if status == "suppressed" {
                prop_assert!(external, "internal reports hide nothing");
                prop_assert_eq!(value.as_str(), "*");
            } else {
                let expected = f.value.map(|v| v.normalize().to_string()).unwrap_or_default();
                prop_assert_eq!(value, &expected);
            }
        }
    }

    #[test]
    fn no_suppressed_value_appears_in_any_external_rendering(
        counts in proptest::array::uniform3(0u64..20),
        rows in proptest::array::uniform6(0u64..20),
        seed in any::<u64>(),
        french in any::<bool>(),
    ) {
        let results = results(&counts, &rows, seed);
        let locale = if french { Locale::Fr } else { Locale::En };
        let report = build(&results, Audience::External, locale);
        let renderings: Vec<String> = [Format::Markdown, Format::Html, Format::Csv, Format::Json]
            .iter()
            .map(|f| text(&report, *f))
            .collect();
        // Which entries are hidden, from the model; their values from the generated figures.
        let line = report.content.projects[0].groups[0]
            .indicators
            .iter()
            .find(|l| l.code == "P-R")
            .unwrap();
        let mut hidden = Vec::new();
        for d in &line.disaggregations {
            for c in &d.categories {
                if c.entries[0].state == EntryState::Suppressed {
                    hidden.push(BTreeMap::from([(d.dimension.clone(), c.category.clone())]));
                }
            }
        }
        for crossed in &line.crossed {
            prop_assert_eq!(crossed.entries[0].state, EntryState::Suppressed);
            hidden.push(crossed.cell.clone());
        }
        if line.entries[0].state == EntryState::Suppressed {
            hidden.push(BTreeMap::new());
        }
        for cell in hidden {
            let value = results.figure("P-R", &q1(), &cell).unwrap().value.unwrap();
            let dot = value.normalize().to_string();
            let comma = dot.replace('.', ",");
            for rendered in &renderings {
                prop_assert!(!rendered.contains(&dot) && !rendered.contains(&comma), "{} leaked", dot);
            }
        }
        // A count cell below the threshold is never published.
        let count_line = report.content.projects[0].groups[0].indicators.iter().find(|l| l.code == "P-C").unwrap();
        for c in &count_line.disaggregations[0].categories {
            let e = &c.entries[0];
            if let Some(v) = e.value {
                prop_assert!(v.is_zero() || v >= Decimal::from(5), "{} published", v);
            }
        }
    }

    #[test]
    fn every_format_renders_for_arbitrary_figures(
        figures in proptest::collection::vec(
            (
                prop::sample::select(vec!["P-C", "P-R", "Q-1", "Z|<9>"]),
                proptest::collection::btree_map(
                    prop::sample::select(vec!["sex", "age_band", "x\"y"]),
                    prop::sample::select(vec!["f", "m", "unknown", "Total", "a,b"]),
                    0..3,
                ),
                proptest::option::of(any::<i64>().prop_map(|n| Decimal::new(n, 3))),
                proptest::option::of(any::<i64>().prop_map(|n| Decimal::new(n, 4))),
                any::<u64>(),
            ),
            0..24,
        ),
        external in any::<bool>(),
        french in any::<bool>(),
        threshold in 1u64..12,
    ) {
        let results = Results {
            periods: vec![q1()],
            figures: figures
                .into_iter()
                .map(|(indicator, cell, value, achievement, matched)| Figure {
                    indicator: indicator.into(),
                    period: q1(),
                    cell: cell.into_iter().map(|(k, v)| (k.to_owned(), v.to_owned())).collect(),
                    value,
                    numerator: None,
                    denominator: None,
                    target: value,
                    achievement,
                    status: Status::AtRisk,
                    rows: RowCounts { in_window: matched, matched, without_value: matched / 2 },
                })
                .collect(),
            sources: Sources {
                rows_read: 0,
                rows_without_date: 0,
                documents: BTreeMap::from([("a\"b".into(), "<x>".into())]),
                engine: String::new(),
            },
            findings: Vec::new(),
        };
        let mut request = SitrepRequest::new(
            Scope::Project("P".into()),
            q1(),
            if external { Audience::External } else { Audience::Internal },
            if french { Locale::Fr } else { Locale::En },
        );
        request.threshold = threshold;
        let report = Sitrep::build(&[logframe()], &results, None, &request).unwrap();
        for format in Format::ALL {
            prop_assert!(report.render(format).is_ok(), "{:?}", format);
        }
    }

    #[test]
    fn the_workbook_holds_the_figures_numbers(
        counts in proptest::array::uniform3(0u64..2000),
        rows in proptest::array::uniform6(0u64..20),
        seed in any::<u64>(),
    ) {
        let results = results(&counts, &rows, seed);
        let report = build(&results, Audience::Internal, Locale::En);
        let bytes = report.render(Format::Xlsx).unwrap().bytes;
        let mut book: Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
        let sheet = book.worksheet_range("Indicators").unwrap();
        let mut seen = BTreeMap::new();
        for r in 1..sheet.height() {
            if let (Some(Data::String(code)), Some(Data::Float(value))) =
                (sheet.get_value((u32::try_from(r).unwrap(), 2)), sheet.get_value((u32::try_from(r).unwrap(), 7)))
            {
                seen.insert(code.clone(), *value);
            }
        }
        for f in results.figures.iter().filter(|f| f.cell.is_empty()) {
            let expected: f64 = f.value.unwrap().to_string().parse().unwrap();
            prop_assert_eq!(seen.get(&f.indicator), Some(&expected), "{}", f.indicator);
        }
    }
}

/// The reference mission (four logframes, 60 indicators): a mission SITREP of figures for every
/// quantitative indicator and every declared category renders in every format, one section per
/// project, and every indicator is either in a table or listed as not computed.
#[test]
fn the_reference_mission_renders_with_every_indicator_accounted_for() {
    let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../examples/data");
    let logframes: Vec<Logframe> = ["idf", "calais", "marseille", "dunkerque"]
        .iter()
        .map(|name| {
            let text = std::fs::read_to_string(dir.join(format!("logframe-{name}.json"))).unwrap();
            Logframe::from_json(&text).unwrap().value
        })
        .collect();
    let mut figures = Vec::new();
    let mut defined = 0;
    for indicator in logframes.iter().flat_map(|lf| lf.indicators.iter()) {
        defined += 1;
        if !indicator.is_quantitative() {
            continue;
        }
        figures.push(figure(&indicator.code, &[], Some(Decimal::from(40)), 40));
        for dimension in &indicator.disaggregation {
            for (k, category) in dimension.categories.iter().enumerate() {
                let n = u64::try_from(k).unwrap() * 3 + 2;
                figures.push(figure(
                    &indicator.code,
                    &[(&dimension.code, &category.code)],
                    Some(Decimal::from(n)),
                    n,
                ));
            }
            figures.push(figure(
                &indicator.code,
                &[(&dimension.code, "unknown")],
                Some(Decimal::ONE),
                1,
            ));
        }
    }
    assert_eq!(defined, 60);
    let results = Results {
        periods: vec![q1()],
        figures,
        sources: Sources {
            rows_read: 0,
            rows_without_date: 0,
            documents: BTreeMap::new(),
            engine: "meal test".into(),
        },
        findings: Vec::new(),
    };
    for audience in [Audience::Internal, Audience::External] {
        let request = SitrepRequest::new(Scope::Mission, q1(), audience, Locale::Fr);
        let report = Sitrep::build(&logframes, &results, None, &request).unwrap();
        let codes: Vec<&str> = report
            .content
            .projects
            .iter()
            .map(|p| p.project.as_str())
            .collect();
        assert_eq!(codes, vec!["IDF", "CAL", "MRS", "DKQ"]);
        let shown: usize = report
            .content
            .projects
            .iter()
            .map(|p| {
                p.groups.iter().map(|g| g.indicators.len()).sum::<usize>() + p.not_computed.len()
            })
            .sum();
        assert_eq!(shown, 60);
        for format in Format::ALL {
            assert!(!report.render(format).unwrap().bytes.is_empty());
        }
    }
}
