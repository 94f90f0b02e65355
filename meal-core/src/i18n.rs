//! The message catalogue: every stable code renders in French and English.
//!
//! Each module owns the messages of its own codes (`period::MESSAGES`, `logframe::MESSAGES`, …)
//! next to the code that raises them; this module only gathers them and renders templates.
//! Templates name parameters in braces (`{id}`); a parameter the caller did not give stays
//! visible as `{id}` rather than vanishing, so a message never silently loses information.
//!
//! Parameters stay machine values (`outcome`, `distinct_persons`, `week`) so that programs can
//! read them; when a message is rendered, the values of the parameters that name a domain term
//! ([`TERM_PARAMS`]: `level`, `measure`, `field`, …) are shown in the reader's language from the
//! modules' `TERMS` tables. Values of other parameters (codes, ids, user text) are never touched.

use serde::{Deserialize, Serialize};

use crate::error::Params;

/// A language messages can be rendered in. French and English are both first-class.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Locale {
    /// English, also the fallback for any locale the catalogue does not know.
    #[default]
    En,
    /// French.
    Fr,
}

impl Locale {
    /// Reads a BCP 47 tag (`fr`, `fr-FR`, `en_GB`, …). Unknown languages fall back to English.
    pub fn parse(tag: &str) -> Locale {
        let language = tag.split(['-', '_']).next().unwrap_or_default();
        if language.eq_ignore_ascii_case("fr") {
            Locale::Fr
        } else {
            Locale::En
        }
    }

    /// The two-letter tag.
    pub fn as_str(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::Fr => "fr",
        }
    }
}

/// One catalogue entry: a stable code and its templates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Message {
    /// The stable code.
    pub code: &'static str,
    /// English template.
    pub en: &'static str,
    /// French template.
    pub fr: &'static str,
}

/// A domain term that parameters carry as a machine value, and how it reads in each language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Term {
    /// The machine value as it appears in params (`distinct_persons`, `week`).
    pub key: &'static str,
    /// English.
    pub en: &'static str,
    /// French.
    pub fr: &'static str,
}

/// The parameters whose values are domain terms, rendered through the term tables.
pub const TERM_PARAMS: &[&str] = &[
    "aggregation",
    "child_level",
    "direction",
    "expected",
    "field",
    "kind",
    "language",
    "level",
    "measure",
    "parent_kind",
    "parent_level",
    "reason",
    "tag",
    "term",
];

/// Every module's terms.
const TERMS: &[&[Term]] = &[
    crate::document::TERMS,
    crate::data::schema::TERMS,
    crate::compute::recipe::TERMS,
    crate::quality::checks::TERMS,
    crate::period::TERMS,
    crate::logframe::TERMS,
    crate::indicator::TERMS,
    crate::expr::TERMS,
    crate::form::TERMS,
    crate::xlsform::TERMS,
    crate::privacy::classification::TERMS,
    crate::privacy::rules::TERMS,
    crate::privacy::minimisation::TERMS,
    crate::privacy::retention::TERMS,
    crate::privacy::records::TERMS,
    crate::privacy::pseudonym::TERMS,
    crate::privacy::consent::TERMS,
    crate::privacy::subject_request::TERMS,
    crate::privacy::register::TERMS,
    crate::privacy::dpia::TERMS,
    crate::privacy::export::TERMS,
    crate::privacy::audit::TERMS,
    crate::disclosure::microdata::TERMS,
    crate::disclosure::frequency::TERMS,
    crate::disclosure::anonymity::TERMS,
    crate::disclosure::risk::TERMS,
    crate::disclosure::recode::TERMS,
    crate::disclosure::table::TERMS,
    crate::disclosure::suppression::TERMS,
    crate::disclosure::loss::TERMS,
    crate::feedback::taxonomy::TERMS,
    crate::feedback::intake::TERMS,
    crate::feedback::routing::TERMS,
    crate::feedback::seal::TERMS,
    crate::feedback::workflow::TERMS,
    crate::feedback::deadline::TERMS,
    crate::feedback::testimony::TERMS,
    crate::feedback::learning::TERMS,
    crate::plan::meal_plan::TERMS,
    crate::plan::lessons::TERMS,
    crate::interop::migration::TERMS,
];

/// All terms, in module order.
pub fn terms() -> impl Iterator<Item = &'static Term> {
    TERMS.iter().flat_map(|table| table.iter())
}

/// Every module's messages. Adding a module with codes means adding its table here.
///
/// A constant (not only [`catalogue`]) so that bindings can derive declarations from it at
/// compile time: the WebAssembly package's `MealErrorCode` union in its `.d.ts`.
pub const CATALOGUES: &[&[Message]] = &[
    crate::document::MESSAGES,
    crate::input::MESSAGES,
    crate::period::MESSAGES,
    crate::logframe::MESSAGES,
    crate::indicator::MESSAGES,
    crate::expr::MESSAGES,
    crate::form::MESSAGES,
    crate::envelope::MESSAGES,
    crate::xlsform::MESSAGES,
    crate::privacy::classification::MESSAGES,
    crate::privacy::rules::MESSAGES,
    crate::privacy::minimisation::MESSAGES,
    crate::privacy::retention::MESSAGES,
    crate::privacy::records::MESSAGES,
    crate::privacy::pseudonym::MESSAGES,
    crate::privacy::consent::MESSAGES,
    crate::privacy::subject_request::MESSAGES,
    crate::privacy::register::MESSAGES,
    crate::privacy::dpia::MESSAGES,
    crate::privacy::export::MESSAGES,
    crate::privacy::audit::MESSAGES,
    crate::disclosure::microdata::MESSAGES,
    crate::disclosure::frequency::MESSAGES,
    crate::disclosure::anonymity::MESSAGES,
    crate::disclosure::risk::MESSAGES,
    crate::disclosure::recode::MESSAGES,
    crate::disclosure::table::MESSAGES,
    crate::disclosure::suppression::MESSAGES,
    crate::disclosure::loss::MESSAGES,
    crate::feedback::taxonomy::MESSAGES,
    crate::feedback::intake::MESSAGES,
    crate::feedback::routing::MESSAGES,
    crate::feedback::seal::MESSAGES,
    crate::feedback::workflow::MESSAGES,
    crate::feedback::deadline::MESSAGES,
    crate::feedback::testimony::MESSAGES,
    crate::feedback::learning::MESSAGES,
    crate::data::schema::MESSAGES,
    crate::data::table::MESSAGES,
    crate::data::csv::MESSAGES,
    crate::data::columnar::MESSAGES,
    crate::data::jsonl::MESSAGES,
    crate::compute::plan::MESSAGES,
    crate::compute::engine::MESSAGES,
    crate::compute::partial::MESSAGES,
    crate::compute::finalize::MESSAGES,
    crate::quality::checks::MESSAGES,
    crate::quality::completeness::MESSAGES,
    crate::quality::duplicates::MESSAGES,
    crate::quality::outliers::MESSAGES,
    crate::quality::rules::MESSAGES,
    crate::quality::timeliness::MESSAGES,
    crate::report::sitrep::MESSAGES,
    crate::report::annual::MESSAGES,
    crate::report::render::MESSAGES,
    crate::report::content::MESSAGES,
    crate::plan::meal_plan::MESSAGES,
    crate::plan::coverage::MESSAGES,
    crate::plan::calendar::MESSAGES,
    crate::plan::lessons::MESSAGES,
    crate::template::MESSAGES,
    crate::interop::iati::MESSAGES,
    crate::interop::hxl::MESSAGES,
    crate::interop::mano::MESSAGES,
    crate::interop::migration::MESSAGES,
];

/// All catalogue entries, in module order.
pub fn catalogue() -> impl Iterator<Item = &'static Message> {
    CATALOGUES.iter().flat_map(|table| table.iter())
}

/// Looks a code up in the catalogue.
pub fn lookup(code: &str) -> Option<&'static Message> {
    catalogue().find(|m| m.code == code)
}

/// Renders the message of `code` in `locale` with `params`.
///
/// An unknown code renders as the code followed by its parameters, so nothing is lost even
/// when a newer core sends a code an older catalogue lacks.
pub fn render(code: &str, params: &Params, locale: Locale) -> String {
    match lookup(code) {
        Some(message) => {
            let template = match locale {
                Locale::En => message.en,
                Locale::Fr => message.fr,
            };
            fill(template, &localised(params, locale))
        }
        None => {
            let listed: Vec<String> = params.iter().map(|(k, v)| format!("{k}={v}")).collect();
            if listed.is_empty() {
                code.to_owned()
            } else {
                format!("{code} ({})", listed.join(", "))
            }
        }
    }
}

/// The params with the values of [`TERM_PARAMS`] rendered in `locale`.
fn localised(params: &Params, locale: Locale) -> Params {
    params
        .iter()
        .map(|(name, value)| {
            let term = TERM_PARAMS
                .contains(&name.as_str())
                .then(|| terms().find(|t| t.key == value))
                .flatten();
            let shown = match (term, locale) {
                (Some(term), Locale::En) => term.en.to_owned(),
                (Some(term), Locale::Fr) => term.fr.to_owned(),
                (None, _) => value.clone(),
            };
            (name.clone(), shown)
        })
        .collect()
}

/// Replaces each `{name}` in `template` by its parameter; unknown names are kept verbatim.
fn fill(template: &str, params: &Params) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let (before, from_brace) = rest.split_at(open);
        out.push_str(before);
        match from_brace.find('}') {
            Some(close) => {
                let name = from_brace.get(1..close).unwrap_or_default();
                match params.get(name) {
                    Some(value) => out.push_str(value),
                    None => out.push_str(from_brace.get(..=close).unwrap_or_default()),
                }
                rest = from_brace.get(close + 1..).unwrap_or_default();
            }
            None => {
                out.push_str(from_brace);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// The `{name}` placeholders of a template, sorted.
pub fn placeholders(template: &str) -> Vec<&str> {
    let mut names: Vec<&str> = template
        .split('{')
        .skip(1)
        .filter_map(|part| part.split_once('}').map(|(name, _)| name))
        .collect();
    names.sort_unstable();
    names.dedup();
    names
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn locale_tags_fall_back_to_english() {
        assert_eq!(Locale::parse("fr"), Locale::Fr);
        assert_eq!(Locale::parse("fr-FR"), Locale::Fr);
        assert_eq!(Locale::parse("FR_be"), Locale::Fr);
        assert_eq!(Locale::parse("en"), Locale::En);
        assert_eq!(Locale::parse("ar"), Locale::En);
        assert_eq!(Locale::parse(""), Locale::En);
    }

    #[test]
    fn fill_interpolates_and_keeps_unknown_placeholders() {
        let mut params = Params::new();
        params.insert("id".into(), "2026W60".into());
        assert_eq!(fill("bad {id} at {pos}", &params), "bad 2026W60 at {pos}");
        assert_eq!(fill("unclosed {id", &params), "unclosed {id");
    }

    #[test]
    fn unknown_code_keeps_code_and_params() {
        let mut params = Params::new();
        params.insert("x".into(), "1".into());
        assert_eq!(
            render("no.such.code", &params, Locale::Fr),
            "no.such.code (x=1)"
        );
    }

    #[test]
    fn term_params_render_in_the_reader_language_and_others_stay_verbatim() {
        let mut params = Params::new();
        params.insert("field".into(), "week".into());
        params.insert("id".into(), "week".into());
        let fr = localised(&params, Locale::Fr);
        assert_eq!(fr["field"], "semaine");
        assert_eq!(fr["id"], "week", "an id is user data, never translated");
        assert_eq!(localised(&params, Locale::En)["field"], "week");
    }

    #[test]
    fn every_term_is_unique_and_bilingual() {
        let mut seen = BTreeSet::new();
        for term in terms() {
            assert!(seen.insert(term.key), "duplicate term {}", term.key);
            assert!(
                !term.en.trim().is_empty() && !term.fr.trim().is_empty(),
                "{}",
                term.key
            );
        }
    }

    #[test]
    fn every_code_is_unique_and_bilingual_with_the_same_placeholders() {
        let mut seen = BTreeSet::new();
        for message in catalogue() {
            assert!(seen.insert(message.code), "duplicate code {}", message.code);
            assert!(
                message.code.contains('.'),
                "code {} lacks a module prefix",
                message.code
            );
            assert!(
                !message.en.trim().is_empty(),
                "{} has no English",
                message.code
            );
            assert!(
                !message.fr.trim().is_empty(),
                "{} has no French",
                message.code
            );
            assert_ne!(message.en, message.fr, "{} is not translated", message.code);
            assert_eq!(
                placeholders(message.en),
                placeholders(message.fr),
                "{} placeholders differ between languages",
                message.code
            );
        }
    }
}
