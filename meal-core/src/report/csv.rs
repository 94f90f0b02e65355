//! The CSV writer: one row per figure, for machines.
//!
//! Columns (stable English snake_case headers and codes whatever the report's language, so a
//! script written once reads every report): `project, indicator, period, dimension, category,
//! value, target, achievement_percent, status, rows_matched, rows_without_value`.
//! * The total of an indicator has empty `dimension` and `category`; a crossed cell joins its
//!   dimension codes and its category codes with `+` in dimension-code order (`age_band+sex`,
//!   `under_15+f`) — codes never contain `+`.
//! * Decimals with a dot, unrounded; `achievement_percent` is the core's achievement × 100,
//!   exact (`0.8751` → `87.51`).
//! * `status` is the core's status code, `suppressed` (disclosure control: `value` is `*`,
//!   achievement and row counts empty) or `not_computed` (no figure; an indicator of the scope
//!   without any figure gets one such row per period, so it never silently disappears).
//! * Figures whose indicator no logframe defines have an empty `project`.
//! * RFC 4180: comma separator, CRLF line ends, fields quoted when they hold a comma, a quote or
//!   a line break (the `csv` crate's defaults).

use crate::report::model::{Content, Entry, EntryState};
use crate::report::render::failed;
use crate::report::terms::{self, SUPPRESSED_SYMBOL};
use crate::MealError;

const HEADER: [&str; 11] = [
    "project",
    "indicator",
    "period",
    "dimension",
    "category",
    "value",
    "target",
    "achievement_percent",
    "status",
    "rows_matched",
    "rows_without_value",
];

/// The report's figures as CSV.
pub fn render(content: &Content) -> Result<Vec<u8>, MealError> {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    writer.write_record(HEADER).map_err(failed)?;
    for (project, line) in content.lines() {
        let project = project.unwrap_or_default();
        for entry in &line.entries {
            writer
                .write_record(row(project, &line.code, "", "", entry))
                .map_err(failed)?;
        }
        for d in &line.disaggregations {
            for c in &d.categories {
                for entry in &c.entries {
                    writer
                        .write_record(row(project, &line.code, &d.dimension, &c.category, entry))
                        .map_err(failed)?;
                }
            }
        }
        for crossed in &line.crossed {
            let dimension: Vec<&str> = crossed.cell.keys().map(String::as_str).collect();
            let category: Vec<&str> = crossed.cell.values().map(String::as_str).collect();
            for entry in &crossed.entries {
                writer
                    .write_record(row(
                        project,
                        &line.code,
                        &dimension.join("+"),
                        &category.join("+"),
                        entry,
                    ))
                    .map_err(failed)?;
            }
        }
    }
    for project in &content.projects {
        for missing in &project.not_computed {
            for period in &content.periods {
                let entry = Entry::not_computed(period);
                writer
                    .write_record(row(&project.project, &missing.code, "", "", &entry))
                    .map_err(failed)?;
            }
        }
    }
    writer.into_inner().map_err(failed)
}

fn row(project: &str, indicator: &str, dimension: &str, category: &str, e: &Entry) -> [String; 11] {
    let decimal = |d: Option<rust_decimal::Decimal>| {
        d.map_or_else(String::new, |v| v.normalize().to_string())
    };
    let (value, status) = match e.state {
        EntryState::Published => (
            decimal(e.value),
            e.status.map_or("", |s| s.as_str()).to_owned(),
        ),
        EntryState::Suppressed => (SUPPRESSED_SYMBOL.to_owned(), "suppressed".to_owned()),
        EntryState::NotComputed => (String::new(), "not_computed".to_owned()),
    };
    let count = |f: fn(&crate::compute::RowCounts) -> u64| {
        e.rows.map_or_else(String::new, |r| f(&r).to_string())
    };
    [
        project.to_owned(),
        indicator.to_owned(),
        e.period.id(),
        dimension.to_owned(),
        category.to_owned(),
        value,
        decimal(e.target),
        decimal(e.achievement.and_then(terms::machine_percent)),
        status,
        count(|r| r.matched),
        count(|r| r.without_value),
    ]
}

#[cfg(test)]
mod tests {
    use crate::i18n::Locale;
    use crate::report::fixture::sitrep;
    use crate::report::{Audience, Format};

    #[test]
    fn one_row_per_figure_with_machine_headers_whatever_the_locale() {
        // External, French: headers, codes and decimals stay machine-readable; m (39) and
        // unknown (3) are hidden (3 < 5, and 39 would give it back as 112 − 70 − 39).
        let expected = "project,indicator,period,dimension,category,value,target,achievement_percent,status,rows_matched,rows_without_value\r\n\
T,T-1,2026Q1,,,112,120,93.33,on_track,112,0\r\n\
T,T-1,2026Q1,sex,f,70,,,no_target,,\r\n\
T,T-1,2026Q1,sex,m,*,,,suppressed,,\r\n\
T,T-1,2026Q1,sex,unknown,*,,,suppressed,,\r\n\
T,T-2,2026Q1,,,75.5,70,107.86,on_track,200,0\r\n\
,X-9,2026Q1,,,4,,,no_target,4,0\r\n\
T,T-3,2026Q1,,,,,,not_computed,,\r\n";
        let rendered = sitrep(Audience::External, Locale::Fr)
            .render(Format::Csv)
            .unwrap();
        assert_eq!(String::from_utf8(rendered.bytes).unwrap(), expected);
        assert_eq!(rendered.media_type, "text/csv; charset=utf-8");
    }

    #[test]
    fn fields_are_quoted_as_rfc_4180_says() {
        let mut report = sitrep(Audience::Internal, Locale::En);
        report.content.unlisted[0].code = "X,\"9\"".into();
        let text = String::from_utf8(report.render(Format::Csv).unwrap().bytes).unwrap();
        assert!(text.contains(",\"X,\"\"9\"\"\",2026Q1,"));
    }
}
