//! The XLSX writer: a workbook for people who keep working on the figures.
//!
//! Sheets (names in the report's language): *Summary* (title, scope, period, audience, legend,
//! sources), *Indicators* (one row per indicator and period, objectives in results-chain order;
//! indicators not computed follow with their reasons), *Disaggregations* (one row per category
//! or crossed cell and period) and *Quality* (the scorecard rows and their total).
//!
//! Decisions: values, targets and baselines are numbers; achievements are numbers (the fraction)
//! formatted `0.0%`, so a spreadsheet computes with them; the decimal separator a reader sees
//! is then their spreadsheet's, per their own settings. A suppressed value is the text `*`
//! (never the number). Header rows are bold and frozen. Only APIs that also build for
//! `wasm32-unknown-unknown` are used (no file system: the workbook is saved to a buffer).
//! Numbers are written as IEEE doubles — the only number type of the format; the exact decimals
//! are in the CSV and JSON renderings.

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use rust_xlsxwriter::{Format as CellFormat, Workbook, Worksheet, XlsxError};

use crate::i18n::Locale;
use crate::report::layout::layout;
use crate::report::layout::Block;
use crate::report::model::{Entry, EntryState};
use crate::report::render::{failed, View};
use crate::report::terms::{self, Label, SUPPRESSED_SYMBOL};
use crate::MealError;

/// The report as an `.xlsx` workbook.
pub fn render(view: &View<'_>) -> Result<Vec<u8>, MealError> {
    write(view).map_err(failed)
}

struct Styles {
    bold: CellFormat,
    percent: CellFormat,
}

fn write(view: &View<'_>) -> Result<Vec<u8>, XlsxError> {
    let styles = Styles {
        bold: CellFormat::new().set_bold(),
        percent: CellFormat::new().set_num_format("0.0%"),
    };
    let mut workbook = Workbook::new();
    summary(workbook.add_worksheet(), view, &styles)?;
    indicators(workbook.add_worksheet(), view, &styles)?;
    disaggregations(workbook.add_worksheet(), view, &styles)?;
    quality(workbook.add_worksheet(), view, &styles)?;
    workbook.save_to_buffer()
}

/// Column index as the writer wants it.
fn col(index: usize) -> u16 {
    u16::try_from(index).unwrap_or(u16::MAX)
}

/// Row index as the writer wants it.
fn row(index: usize) -> u32 {
    u32::try_from(index).unwrap_or(u32::MAX)
}

fn header(
    sheet: &mut Worksheet,
    labels: &[Label],
    locale: Locale,
    styles: &Styles,
) -> Result<(), XlsxError> {
    for (c, label) in labels.iter().enumerate() {
        sheet.write_string_with_format(0, col(c), label.text(locale), &styles.bold)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}

fn number(sheet: &mut Worksheet, r: u32, c: u16, value: Option<Decimal>) -> Result<(), XlsxError> {
    match value {
        Some(v) => match v.to_f64() {
            Some(f) => sheet.write_number(r, c, f).map(|_| ()),
            None => sheet.write_string(r, c, v.to_string()).map(|_| ()),
        },
        None => Ok(()),
    }
}

/// Value, target, achievement, status from column `c`.
fn entry(
    sheet: &mut Worksheet,
    r: u32,
    c: u16,
    e: &Entry,
    locale: Locale,
    styles: &Styles,
) -> Result<(), XlsxError> {
    match e.state {
        EntryState::Suppressed => {
            sheet.write_string(r, c, SUPPRESSED_SYMBOL)?;
            sheet.write_string(r, c + 2, SUPPRESSED_SYMBOL)?;
            sheet.write_string(r, c + 3, SUPPRESSED_SYMBOL)?;
        }
        EntryState::NotComputed => {}
        EntryState::Published => {
            number(sheet, r, c, e.value)?;
            if let Some(a) = e.achievement.and_then(|a| a.to_f64()) {
                sheet.write_number_with_format(r, c + 2, a, &styles.percent)?;
            }
            if let Some(s) = e.status {
                sheet.write_string(r, c + 3, terms::status(s, locale))?;
            }
        }
    }
    number(sheet, r, c + 1, e.target)
}

fn summary(sheet: &mut Worksheet, view: &View<'_>, styles: &Styles) -> Result<(), XlsxError> {
    sheet.set_name(Label::Summary.text(view.locale))?;
    sheet.write_string_with_format(0, 0, view.title, &styles.bold)?;
    sheet.set_column_width(0, 28)?;
    sheet.set_column_width(1, 90)?;
    let laid = layout(view);
    let mut r = 2usize;
    let facts = laid.blocks.iter().take(1).chain(laid.footer.iter());
    for block in facts {
        match block {
            Block::Facts(facts) => {
                for (label, value) in facts {
                    sheet.write_string_with_format(row(r), 0, label, &styles.bold)?;
                    sheet.write_string(row(r), 1, value)?;
                    r += 1;
                }
            }
            Block::List(items) => {
                for item in items {
                    sheet.write_string(row(r), 1, item)?;
                    r += 1;
                }
            }
            Block::Heading(_, text) => {
                r += 1;
                sheet.write_string_with_format(row(r), 0, text, &styles.bold)?;
                r += 1;
            }
            Block::Table(_) | Block::Paragraph(_) => {}
        }
    }
    Ok(())
}

fn indicators(sheet: &mut Worksheet, view: &View<'_>, styles: &Styles) -> Result<(), XlsxError> {
    let locale = view.locale;
    sheet.set_name(Label::Indicators.text(locale))?;
    header(
        sheet,
        &[
            Label::Project,
            Label::Objective,
            Label::Code,
            Label::Indicator,
            Label::Unit,
            Label::Baseline,
            Label::Period,
            Label::Value,
            Label::Target,
            Label::Achievement,
            Label::Status,
        ],
        locale,
        styles,
    )?;
    sheet.set_column_width(3, 60)?;
    let mut r = 1usize;
    for project in &view.content.projects {
        for group in &project.groups {
            for line in &group.indicators {
                for e in &line.entries {
                    sheet.write_string(row(r), 0, &project.project)?;
                    sheet.write_string(
                        row(r),
                        1,
                        group.objective.as_deref().unwrap_or_default(),
                    )?;
                    sheet.write_string(row(r), 2, &line.code)?;
                    sheet.write_string(row(r), 3, &line.name)?;
                    sheet.write_string(row(r), 4, &line.unit)?;
                    number(sheet, row(r), 5, line.baseline.as_ref().map(|b| b.value))?;
                    sheet.write_string(row(r), 6, e.period.id())?;
                    entry(sheet, row(r), 7, e, locale, styles)?;
                    r += 1;
                }
            }
        }
        for missing in &project.not_computed {
            let reasons: Vec<&str> = missing.reasons.iter().map(|n| n.message.as_str()).collect();
            sheet.write_string(row(r), 0, &project.project)?;
            sheet.write_string(row(r), 2, &missing.code)?;
            sheet.write_string(row(r), 3, &missing.name)?;
            sheet.write_string(row(r), 10, reasons.join("; "))?;
            r += 1;
        }
    }
    for line in &view.content.unlisted {
        for e in &line.entries {
            sheet.write_string(row(r), 2, &line.code)?;
            sheet.write_string(row(r), 3, &line.name)?;
            sheet.write_string(row(r), 6, e.period.id())?;
            entry(sheet, row(r), 7, e, locale, styles)?;
            r += 1;
        }
    }
    Ok(())
}

fn disaggregations(
    sheet: &mut Worksheet,
    view: &View<'_>,
    styles: &Styles,
) -> Result<(), XlsxError> {
    let locale = view.locale;
    sheet.set_name(Label::Disaggregations.text(locale))?;
    header(
        sheet,
        &[
            Label::Project,
            Label::Code,
            Label::Period,
            Label::Dimension,
            Label::Category,
            Label::Value,
            Label::Target,
            Label::Achievement,
            Label::Status,
        ],
        locale,
        styles,
    )?;
    let mut r = 1usize;
    for (project, line) in view.content.lines() {
        let cells = line
            .disaggregations
            .iter()
            .flat_map(|d| {
                d.categories
                    .iter()
                    .map(move |c| (d.name.as_str(), c.name.as_str(), &c.entries))
            })
            .chain(line.crossed.iter().map(|c| {
                (
                    Label::CrossedCells.text(locale),
                    c.name.as_str(),
                    &c.entries,
                )
            }));
        for (dimension, category, entries) in cells {
            for e in entries {
                sheet.write_string(row(r), 0, project.unwrap_or_default())?;
                sheet.write_string(row(r), 1, &line.code)?;
                sheet.write_string(row(r), 2, e.period.id())?;
                sheet.write_string(row(r), 3, dimension)?;
                sheet.write_string(row(r), 4, category)?;
                entry(sheet, row(r), 5, e, locale, styles)?;
                r += 1;
            }
        }
    }
    Ok(())
}

fn quality(sheet: &mut Worksheet, view: &View<'_>, styles: &Styles) -> Result<(), XlsxError> {
    let locale = view.locale;
    sheet.set_name(Label::Quality.text(locale))?;
    header(
        sheet,
        &[
            Label::Project,
            Label::Site,
            Label::Period,
            Label::Records,
            Label::Completeness,
            Label::Timeliness,
            Label::ReportsReceived,
            Label::Duplicates,
            Label::RuleViolations,
            Label::Outliers,
            Label::InvalidNumerics,
        ],
        locale,
        styles,
    )?;
    let Some(summary) = &view.content.quality else {
        sheet.write_string(1, 0, Label::NoQuality.text(locale))?;
        return Ok(());
    };
    let total = summary.total.iter().map(|s| (s, true));
    for (index, (score, is_total)) in summary
        .scores
        .iter()
        .map(|s| (s, false))
        .chain(total)
        .enumerate()
    {
        let r = row(index + 1);
        let unknown = Label::Unknown.text(locale);
        let (project, site) = if is_total {
            (Label::Total.text(locale), Label::AllSites.text(locale))
        } else {
            (
                score.project.as_deref().unwrap_or(unknown),
                score.site.as_deref().unwrap_or(unknown),
            )
        };
        sheet.write_string(r, 0, project)?;
        sheet.write_string(r, 1, site)?;
        sheet.write_string(r, 2, score.period.id())?;
        number(sheet, r, 3, Some(Decimal::from(score.records)))?;
        for (c, share) in [(4, score.completeness), (5, score.timeliness)] {
            if let Some(v) = share.and_then(|v| v.to_f64()) {
                sheet.write_number_with_format(r, c, v, &styles.percent)?;
            }
        }
        sheet.write_string(
            r,
            6,
            format!("{} / {}", score.reports_received, score.reports_expected),
        )?;
        for (c, n) in [
            (7, score.duplicates),
            (8, score.rule_violations),
            (9, score.outliers),
            (10, score.invalid_numerics),
        ] {
            number(sheet, r, c, Some(Decimal::from(n)))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::i18n::Locale;
    use crate::report::fixture::sitrep;
    use crate::report::{Audience, Format};
    use calamine::{Data, Reader, Xlsx};

    #[test]
    fn the_workbook_holds_numbers_as_numbers_and_hides_suppressed_ones() {
        let bytes = sitrep(Audience::External, Locale::Fr)
            .render(Format::Xlsx)
            .unwrap()
            .bytes;
        let mut book: Xlsx<_> =
            calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
        assert_eq!(
            book.sheet_names(),
            vec!["Synthèse", "Indicateurs", "Ventilations", "Qualité"]
        );
        let indicators = book.worksheet_range("Indicateurs").unwrap();
        assert_eq!(
            indicators.get_value((0, 7)),
            Some(&Data::String("Valeur".into()))
        );
        assert_eq!(
            indicators.get_value((1, 2)),
            Some(&Data::String("T-1".into()))
        );
        assert_eq!(indicators.get_value((1, 7)), Some(&Data::Float(112.0)));
        assert_eq!(indicators.get_value((1, 9)), Some(&Data::Float(0.9333)));
        assert_eq!(indicators.get_value((2, 7)), Some(&Data::Float(75.5)));
        let cells = book.worksheet_range("Ventilations").unwrap();
        assert_eq!(
            cells.get_value((1, 4)),
            Some(&Data::String("Féminin".into()))
        );
        assert_eq!(cells.get_value((1, 5)), Some(&Data::Float(70.0)));
        assert_eq!(cells.get_value((2, 5)), Some(&Data::String("*".into())));
        assert!(cells.rows().flatten().all(|c| c != &Data::Float(39.0)));
    }
}
