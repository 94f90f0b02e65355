//! Reading an IATI activities file into the model: the XML is parsed into an element tree
//! (`xml.rs`), then each part the model carries is taken from it; a part the model needs
//! that is missing or wrong is `iati.invalid` with its XPath-like path
//! (`/iati-activities/iati-activity[1]/result[2]/@type`, 1-based positions among elements of
//! that name), then the model's rules are checked (`rules.rs`).
//!
//! # What is read, and what is left
//!
//! * Texts: the first `narrative` in `en` and the first in `fr`; a narrative without
//!   `xml:lang` is in the activity's `xml:lang`, else English; other languages are left.
//!   A language with no narrative reads as empty.
//! * Activity: `iati-identifier`, `reporting-org` (`ref`, `type`, narratives), `title`, the
//!   first `description` of type 1 (or without type), `activity-status/@code`, every
//!   `activity-date`, every `result`.
//! * Result: `@type`, `@aggregation-status` (absent reads as false), `title`, every
//!   `indicator` (the schema asks for at least one). Indicator: `@measure`, `@ascending`,
//!   `@aggregation-status`, `title`, the code of the first `reference` of vocabulary 99, the
//!   first `baseline` (`@year`, `@iso-date`, `@value`), every `period` with its `target`s and
//!   `actual`s (`@value`, and each `dimension`'s `@name` and `@value`, absent read as empty).
//! * Left out, as the model does not carry them: `participating-org`, `other-identifier`,
//!   budgets, transactions, locations, sectors, document links, comments, descriptions of
//!   results and indicators, references of other vocabularies, further baselines, and any
//!   element of another namespace.
//! * Rule 8.11.1: a result with a `reference` whose indicator also has one is refused
//!   (`iati.reference_conflict`).
//!
//! Values must be numbers (`12`, `-0.5`, `1e3`); booleans `true`, `false`, `1`, `0` (the XML
//! Schema boolean); dates `YYYY-MM-DD`.

use chrono::{DateTime, NaiveDate};
use rust_decimal::Decimal;

use crate::error::MealError;
use crate::input::parse_decimal;
use crate::text::Text;

use super::model::{
    Activities, Activity, ActivityDate, IatiBaseline, IatiIndicator, IatiPeriod, IatiResult,
    IatiValue, Organisation,
};
use super::rules::invalid;
use super::xml::{self, Element};

impl Activities {
    /// Reads an IATI activities file (module docs of `read.rs`). Errors: `iati.malformed`
    /// (not XML; `line`, `column`), `iati.invalid` (a part the model needs is missing or wrong;
    /// `path`), `iati.reference_conflict`, and the rules' codes (`Activities::validate`).
    pub fn from_xml(xml: &str) -> Result<Activities, MealError> {
        let root = xml::parse(xml)?;
        let path = "/iati-activities";
        if root.name != "iati-activities" {
            return Err(invalid(path));
        }
        let generated = required(&root, "generated-datetime", path)?;
        let generated = DateTime::parse_from_rfc3339(generated)
            .map_err(|_| invalid(&format!("{path}/@generated-datetime")))?;
        let activities = root
            .all("iati-activity")
            .enumerate()
            .map(|(i, a)| read_activity(a, &format!("{path}/iati-activity[{}]", i + 1)))
            .collect::<Result<Vec<_>, _>>()?;
        if activities.is_empty() {
            return Err(invalid(&format!("{path}/iati-activity")));
        }
        let activities = Activities {
            generated,
            activities,
        };
        activities.validate()?;
        Ok(activities)
    }
}

/// The attribute `name` of `element`, or `iati.invalid` at `path/@name`.
fn required<'a>(element: &'a Element, name: &str, path: &str) -> Result<&'a str, MealError> {
    element
        .attribute(name)
        .ok_or_else(|| invalid(&format!("{path}/@{name}")))
}

/// The first child `name`, or `iati.invalid` at `path/name`.
fn child<'a>(element: &'a Element, name: &str, path: &str) -> Result<&'a Element, MealError> {
    element
        .first(name)
        .ok_or_else(|| invalid(&format!("{path}/{name}")))
}

/// The attribute `name` read by `parse`; `None` when absent, `iati.invalid` when unreadable.
fn optional<T>(
    element: &Element,
    name: &str,
    path: &str,
    parse: impl Fn(&str) -> Option<T>,
) -> Result<Option<T>, MealError> {
    element
        .attribute(name)
        .map(|text| parse(text).ok_or_else(|| invalid(&format!("{path}/@{name}"))))
        .transpose()
}

/// The attribute `name`, required and read by `parse`.
fn parsed<T>(
    element: &Element,
    name: &str,
    path: &str,
    parse: impl Fn(&str) -> Option<T>,
) -> Result<T, MealError> {
    optional(element, name, path, parse)?.ok_or_else(|| invalid(&format!("{path}/@{name}")))
}

fn code(text: &str) -> Option<u8> {
    text.trim().parse().ok()
}

fn date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok()
}

fn boolean(text: &str) -> Option<bool> {
    match text.trim() {
        "true" | "1" => Some(true),
        "false" | "0" => Some(false),
        _ => None,
    }
}

fn number(text: &str) -> Option<Decimal> {
    parse_decimal(text).ok()
}

/// The narratives of `element` as a text (module docs); `lang` is the default language.
fn narratives(element: &Element, lang: &str) -> Text {
    let mut text = Text::default();
    let (mut en, mut fr) = (false, false);
    for narrative in element.all("narrative") {
        match narrative.attribute("xml:lang").unwrap_or(lang) {
            "en" if !en => (text.en, en) = (narrative.text.clone(), true),
            "fr" if !fr => (text.fr, fr) = (narrative.text.clone(), true),
            _ => {}
        }
    }
    text
}

fn read_activity(activity: &Element, path: &str) -> Result<Activity, MealError> {
    let lang = activity.attribute("xml:lang").unwrap_or("en");
    let org = child(activity, "reporting-org", path)?;
    let org_path = format!("{path}/reporting-org");
    let organisation = Organisation {
        reference: required(org, "ref", &org_path)?.to_owned(),
        kind: required(org, "type", &org_path)?.to_owned(),
        name: narratives(org, lang),
    };
    let description = activity
        .all("description")
        .find(|d| d.attribute("type").is_none_or(|t| t.trim() == "1"))
        .ok_or_else(|| invalid(&format!("{path}/description")))?;
    let status = child(activity, "activity-status", path)?;
    let dates = activity
        .all("activity-date")
        .enumerate()
        .map(|(i, d)| {
            let date_path = format!("{path}/activity-date[{}]", i + 1);
            Ok(ActivityDate {
                kind: parsed(d, "type", &date_path, code)?,
                iso_date: parsed(d, "iso-date", &date_path, date)?,
            })
        })
        .collect::<Result<Vec<_>, MealError>>()?;
    if dates.is_empty() {
        return Err(invalid(&format!("{path}/activity-date")));
    }
    let results = activity
        .all("result")
        .enumerate()
        .map(|(i, r)| read_result(r, &format!("{path}/result[{}]", i + 1), lang))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Activity {
        identifier: child(activity, "iati-identifier", path)?
            .text
            .trim()
            .to_owned(),
        organisation,
        title: narratives(child(activity, "title", path)?, lang),
        description: narratives(description, lang),
        status: parsed(status, "code", &format!("{path}/activity-status"), code)?,
        dates,
        results,
    })
}

fn read_result(result: &Element, path: &str, lang: &str) -> Result<IatiResult, MealError> {
    let has_reference = result.first("reference").is_some();
    let indicators = result
        .all("indicator")
        .enumerate()
        .map(|(i, indicator)| {
            let indicator_path = format!("{path}/indicator[{}]", i + 1);
            if has_reference && indicator.first("reference").is_some() {
                return Err(MealError::new("iati.reference_conflict")
                    .at(&indicator_path)
                    .with("path", &indicator_path));
            }
            read_indicator(indicator, &indicator_path, lang)
        })
        .collect::<Result<Vec<_>, _>>()?;
    if indicators.is_empty() {
        return Err(invalid(&format!("{path}/indicator")));
    }
    Ok(IatiResult {
        result_type: parsed(result, "type", path, code)?,
        aggregation_status: optional(result, "aggregation-status", path, boolean)?.unwrap_or(false),
        title: narratives(child(result, "title", path)?, lang),
        indicators,
    })
}

fn read_indicator(indicator: &Element, path: &str, lang: &str) -> Result<IatiIndicator, MealError> {
    let reference_code = indicator
        .all("reference")
        .find(|r| r.attribute("vocabulary").map(str::trim) == Some("99"))
        .map(|r| required(r, "code", &format!("{path}/reference")))
        .transpose()?
        .unwrap_or_default();
    let baseline = indicator
        .first("baseline")
        .map(|b| read_baseline(b, &format!("{path}/baseline[1]")))
        .transpose()?;
    let periods = indicator
        .all("period")
        .enumerate()
        .map(|(i, p)| read_period(p, &format!("{path}/period[{}]", i + 1)))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(IatiIndicator {
        measure: parsed(indicator, "measure", path, code)?,
        ascending: optional(indicator, "ascending", path, boolean)?,
        aggregation_status: optional(indicator, "aggregation-status", path, boolean)?
            .unwrap_or(false),
        code: reference_code.to_owned(),
        title: narratives(child(indicator, "title", path)?, lang),
        baseline,
        periods,
    })
}

fn read_baseline(baseline: &Element, path: &str) -> Result<IatiBaseline, MealError> {
    Ok(IatiBaseline {
        year: parsed(baseline, "year", path, |t| {
            t.trim().parse::<i32>().ok().filter(|y| *y >= 1)
        })?,
        iso_date: optional(baseline, "iso-date", path, date)?,
        value: optional(baseline, "value", path, number)?,
    })
}

fn read_period(period: &Element, path: &str) -> Result<IatiPeriod, MealError> {
    let bound = |name: &str| {
        let element = child(period, name, path)?;
        parsed(element, "iso-date", &format!("{path}/{name}"), date)
    };
    let values = |name: &str| {
        period
            .all(name)
            .enumerate()
            .map(|(i, v)| read_value(v, &format!("{path}/{name}[{}]", i + 1)))
            .collect::<Result<Vec<_>, _>>()
    };
    Ok(IatiPeriod {
        start: bound("period-start")?,
        end: bound("period-end")?,
        targets: values("target")?,
        actuals: values("actual")?,
    })
}

fn read_value(value: &Element, path: &str) -> Result<IatiValue, MealError> {
    let dimensions = value
        .all("dimension")
        .map(|d| {
            let text = |name: &str| d.attribute(name).unwrap_or_default().to_owned();
            (text("name"), text("value"))
        })
        .collect();
    Ok(IatiValue {
        value: optional(value, "value", path, number)?,
        dimensions,
    })
}
