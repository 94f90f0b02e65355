//! Writing the model as IATI 2.03 XML: elements in the order the schema's sequences ask,
//! two-space indentation, attributes in a fixed order, so one model gives one byte string.
//!
//! Escaping: `&`, `<`, `>` everywhere, `"` in attributes; CR as `&#13;` (a parser would turn a
//! raw CR into LF) and, in attributes, TAB and LF as `&#9;` and `&#10;` (a parser would turn
//! them into spaces), so text reads back exactly. Characters XML 1.0 cannot carry at all (most
//! controls below U+0020, U+FFFE, U+FFFF) are written as U+FFFD: no text read from a logframe
//! document holds them in practice, and writing them would give a file no parser accepts.
//!
//! A text's narratives: the English one (`xml:lang="en"`) then the French one, each only when
//! not empty; when both are empty one empty English narrative, since the schema asks for one.

use chrono::SecondsFormat;

use crate::text::Text;

use super::model::{Activities, Activity, IatiIndicator, IatiPeriod, IatiResult, IatiValue};

/// The IATI version written on `iati-activities`.
pub const VERSION: &str = "2.03";

/// An XML document under construction.
struct Writer {
    out: String,
    depth: usize,
}

impl Writer {
    fn indent(&mut self) {
        for _ in 0..self.depth {
            self.out.push_str("  ");
        }
    }

    fn tag(&mut self, name: &str, attributes: &[(&str, String)]) {
        self.indent();
        self.out.push('<');
        self.out.push_str(name);
        for (key, value) in attributes {
            self.out.push(' ');
            self.out.push_str(key);
            self.out.push_str("=\"");
            escape(&mut self.out, value, true);
            self.out.push('"');
        }
    }

    fn open(&mut self, name: &str, attributes: &[(&str, String)]) {
        self.tag(name, attributes);
        self.out.push_str(">\n");
        self.depth += 1;
    }

    fn close(&mut self, name: &str) {
        self.depth = self.depth.saturating_sub(1);
        self.indent();
        self.out.push_str("</");
        self.out.push_str(name);
        self.out.push_str(">\n");
    }

    fn empty(&mut self, name: &str, attributes: &[(&str, String)]) {
        self.tag(name, attributes);
        self.out.push_str("/>\n");
    }

    fn text(&mut self, name: &str, attributes: &[(&str, String)], text: &str) {
        self.tag(name, attributes);
        self.out.push('>');
        escape(&mut self.out, text, false);
        self.out.push_str("</");
        self.out.push_str(name);
        self.out.push_str(">\n");
    }

    /// `<name>` holding the narratives of `text` (module docs).
    fn narratives(&mut self, name: &str, attributes: &[(&str, String)], text: &Text) {
        self.open(name, attributes);
        let both_empty = text.en.is_empty() && text.fr.is_empty();
        for (lang, value) in [("en", &text.en), ("fr", &text.fr)] {
            if !value.is_empty() || (both_empty && lang == "en") {
                self.text("narrative", &[("xml:lang", lang.to_owned())], value);
            }
        }
        self.close(name);
    }
}

/// Appends `text` escaped (module docs).
fn escape(out: &mut String, text: &str, attribute: bool) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attribute => out.push_str("&quot;"),
            '\r' => out.push_str("&#13;"),
            '\t' if attribute => out.push_str("&#9;"),
            '\n' if attribute => out.push_str("&#10;"),
            '\t' | '\n' => out.push(c),
            c if is_xml_char(c) => out.push(c),
            _ => out.push('\u{FFFD}'),
        }
    }
}

/// The XML 1.0 `Char` production (besides TAB, LF, CR, handled by the caller).
fn is_xml_char(c: char) -> bool {
    c >= '\u{20}' && c != '\u{FFFE}' && c != '\u{FFFF}'
}

fn flag(value: bool) -> String {
    if value { "true" } else { "false" }.to_owned()
}

impl Activities {
    /// The IATI 2.03 XML document (`iati-activities version="2.03"`), deterministic (module
    /// docs of `write.rs`).
    pub fn to_xml(&self) -> String {
        let mut w = Writer {
            out: String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"),
            depth: 0,
        };
        let generated = self.generated.to_rfc3339_opts(SecondsFormat::AutoSi, false);
        w.open(
            "iati-activities",
            &[
                ("version", VERSION.to_owned()),
                ("generated-datetime", generated),
            ],
        );
        for activity in &self.activities {
            write_activity(&mut w, activity);
        }
        w.close("iati-activities");
        w.out
    }
}

fn write_activity(w: &mut Writer, activity: &Activity) {
    let org = &activity.organisation;
    w.open("iati-activity", &[]);
    w.text("iati-identifier", &[], &activity.identifier);
    let org_attributes = [("ref", org.reference.clone()), ("type", org.kind.clone())];
    w.narratives("reporting-org", &org_attributes, &org.name);
    w.narratives("title", &[], &activity.title);
    w.narratives(
        "description",
        &[("type", "1".to_owned())],
        &activity.description,
    );
    let participant = [
        ("ref", org.reference.clone()),
        ("type", org.kind.clone()),
        ("role", "4".to_owned()),
    ];
    w.narratives("participating-org", &participant, &org.name);
    w.empty("activity-status", &[("code", activity.status.to_string())]);
    for date in &activity.dates {
        let attributes = [
            ("type", date.kind.to_string()),
            ("iso-date", date.iso_date.to_string()),
        ];
        w.empty("activity-date", &attributes);
    }
    for result in &activity.results {
        write_result(w, result);
    }
    w.close("iati-activity");
}

fn write_result(w: &mut Writer, result: &IatiResult) {
    let attributes = [
        ("type", result.result_type.to_string()),
        ("aggregation-status", flag(result.aggregation_status)),
    ];
    w.open("result", &attributes);
    w.narratives("title", &[], &result.title);
    for indicator in &result.indicators {
        write_indicator(w, indicator);
    }
    w.close("result");
}

fn write_indicator(w: &mut Writer, indicator: &IatiIndicator) {
    let mut attributes = vec![("measure", indicator.measure.to_string())];
    if let Some(ascending) = indicator.ascending {
        attributes.push(("ascending", flag(ascending)));
    }
    attributes.push(("aggregation-status", flag(indicator.aggregation_status)));
    w.open("indicator", &attributes);
    w.narratives("title", &[], &indicator.title);
    if !indicator.code.is_empty() {
        let reference = [
            ("vocabulary", "99".to_owned()),
            ("code", indicator.code.clone()),
        ];
        w.empty("reference", &reference);
    }
    if let Some(baseline) = &indicator.baseline {
        let mut attributes = vec![("year", baseline.year.to_string())];
        if let Some(date) = baseline.iso_date {
            attributes.push(("iso-date", date.to_string()));
        }
        if let Some(value) = baseline.value {
            attributes.push(("value", value.to_string()));
        }
        w.empty("baseline", &attributes);
    }
    for period in &indicator.periods {
        write_period(w, period);
    }
    w.close("indicator");
}

fn write_period(w: &mut Writer, period: &IatiPeriod) {
    w.open("period", &[]);
    w.empty("period-start", &[("iso-date", period.start.to_string())]);
    w.empty("period-end", &[("iso-date", period.end.to_string())]);
    for target in &period.targets {
        write_value(w, "target", target);
    }
    for actual in &period.actuals {
        write_value(w, "actual", actual);
    }
    w.close("period");
}

fn write_value(w: &mut Writer, name: &str, value: &IatiValue) {
    let attributes: Vec<(&str, String)> = value
        .value
        .iter()
        .map(|v| ("value", v.to_string()))
        .collect();
    if value.dimensions.is_empty() {
        w.empty(name, &attributes);
        return;
    }
    w.open(name, &attributes);
    for (dimension, category) in &value.dimensions {
        let attributes = [("name", dimension.clone()), ("value", category.clone())];
        w.empty("dimension", &attributes);
    }
    w.close(name);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_and_attributes_are_escaped_so_they_read_back() {
        let mut text = String::new();
        escape(&mut text, "a&b<c>\"\t\r\n\u{1}", false);
        assert_eq!(text, "a&amp;b&lt;c&gt;\"\t&#13;\n\u{FFFD}");
        let mut attribute = String::new();
        escape(&mut attribute, "\"\t\n", true);
        assert_eq!(attribute, "&quot;&#9;&#10;");
    }
}
