//! The `choices` sheet: one row per choice (`list_name`, `name`, labels), extra columns kept as
//! properties for `choice_filter`.

use std::collections::BTreeMap;

use super::columns::{self, Kind};
use super::report::{self, Loc, Report, SheetKind};
use crate::form::Choice;
use crate::workbook::Sheet;

/// The choice lists and where each choice's name is written.
#[derive(Debug, Clone, Default)]
pub(crate) struct Choices {
    pub lists: BTreeMap<String, Vec<Choice>>,
    /// The cell of each choice's name, in list order.
    pub cells: BTreeMap<String, Vec<Loc>>,
    /// Language keys of the label columns.
    pub languages: Vec<String>,
}

pub(crate) fn read(sheet: Option<&Sheet>, default_lang: &str, report: &mut Report) -> Choices {
    let mut choices = Choices::default();
    let Some(sheet) = sheet else {
        return choices;
    };
    let header = columns::read(
        sheet,
        SheetKind::Choices,
        default_lang,
        columns::choices_kind,
        report,
    );
    choices.languages = header.languages();
    let header_loc = |col: u32| Loc::new(SheetKind::Choices, &sheet.name, header.row, col);
    let (Some(list_col), Some(name_col)) = (header.col(Kind::ListName), header.col(Kind::Name))
    else {
        for (kind, name) in [(Kind::ListName, "list_name"), (Kind::Name, "name")] {
            if header.col(kind).is_none() {
                report.push(
                    report::error("xlsform.missing_column", &header_loc(0), "")
                        .with("header", name),
                    &header_loc(0),
                );
            }
        }
        return choices;
    };
    if header.col(Kind::Label).is_none() {
        report.push(
            report::error("xlsform.missing_column", &header_loc(0), "").with("header", "label"),
            &header_loc(0),
        );
    }
    let mut first: BTreeMap<(String, String), Loc> = BTreeMap::new();
    for (row, cells) in sheet.rows().into_iter().filter(|(r, _)| *r > header.row) {
        let loc = Loc::new(SheetKind::Choices, &sheet.name, row, list_col);
        let known = header.columns.iter().any(|c| cells.contains_key(&c.col));
        if !known {
            continue;
        }
        let Some(list) = cells.get(&list_col).copied() else {
            report.error("xlsform.missing_list_name", &loc, "");
            continue;
        };
        let name_loc = loc.at_col(name_col);
        let Some(name) = cells.get(&name_col).copied() else {
            report.push(
                report::error("xlsform.missing_choice_name", &name_loc, "").with("list", list),
                &name_loc,
            );
            continue;
        };
        let key = (list.to_owned(), name.to_owned());
        if let Some(earlier) = first.get(&key) {
            report.push(
                report::error("xlsform.duplicate_choice", &name_loc, name)
                    .with("list", list)
                    .with("first", earlier.a1()),
                &name_loc,
            );
            continue;
        }
        first.insert(key, name_loc.clone());
        let label = header.labels(Kind::Label, &cells);
        if label.is_empty() {
            let col = header.col(Kind::Label).unwrap_or(name_col);
            report.push(
                report::finding(
                    "xlsform.missing_choice_label",
                    crate::error::Severity::Warning,
                    &loc.at_col(col),
                    name,
                )
                .with("list", list),
                &loc.at_col(col),
            );
        } else {
            super::survey::missing_translations(&header, Kind::Label, &cells, &loc, report);
        }
        let properties = header
            .all(Kind::Property)
            .filter_map(|c| {
                let text = cells.get(&c.col)?;
                Some((c.property.clone(), (*text).to_owned()))
            })
            .collect();
        choices
            .lists
            .entry(list.to_owned())
            .or_default()
            .push(Choice {
                name: name.to_owned(),
                label,
                properties,
            });
        choices
            .cells
            .entry(list.to_owned())
            .or_default()
            .push(name_loc);
    }
    choices
}
