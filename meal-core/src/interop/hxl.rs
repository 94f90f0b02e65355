//! HXL, the Humanitarian Exchange Language: a row of hashtags under the header row of a CSV
//! (`#affected+f+children`) that tells other humanitarian tools what each column holds.
//! Hashtags are declared on schema columns ([`crate::data::ColumnSpec::hxl`], checked by
//! [`crate::data::Schema::check`]), written by [`to_csv`], and matched by tag patterns
//! ([`Pattern`], [`columns_matching`]), which the bindings use to select columns.
//!
//! # Grammar implemented
//!
//! From the HXL standard 1.1 (hxlstandard.org, "Hashtags and attributes", "Tag patterns"), as
//! libhxl reads it:
//!
//! ```text
//! hashtag   = ws* "#" name (ws* "+" name)* ws*
//! pattern   = ws* "#" (name | "*") (ws* ("+" | "-") name)* ws*
//! name      = letter (letter | digit | "_")*        letters and digits are ASCII
//! ```
//!
//! * **Case-insensitive.** Names are read in any case and kept in lower case (`#Affected+F` is
//!   `#affected+f`), so matching is case-insensitive as the standard asks.
//! * **Attributes are a set.** Their order carries no meaning in HXL, so a [`Hashtag`] keeps
//!   them sorted and unique; [`Hashtag`]'s `Display` (the canonical form) writes them sorted.
//! * **Patterns.** `#tag` matches any hashtag with that tag; `+attr` requires the attribute,
//!   `-attr` excludes it; `#*` matches any tag. A pattern that both requires and excludes one
//!   attribute could never match: it is refused rather than silently matching nothing.
//!   The standard's absolute patterns (`!`) are not implemented.
//!
//! # CSV written by [`to_csv`]
//!
//! RFC 4180: CRLF line ends, a field quoted (inner quotes doubled) when it holds a comma, a
//! quote, CR or LF. The header row, then — when any column declares a hashtag — the hashtag row
//! (the canonical form of each valid hashtag; a declared text that does not parse is written as
//! declared, since the schema check reports it; empty for columns without one), then one row per
//! record with values as [`Table::row_json`] shows them (`null` → empty field, strings as they
//! are, numbers and booleans as JSON writes them).
//!
//! # Codes
//!
//! | code | kind | when |
//! |---|---|---|
//! | `hxl.invalid_hashtag` | `MealError` | [`Hashtag::parse`]: the text does not follow the grammar |
//! | `hxl.invalid_pattern` | `MealError` | [`Pattern::parse`]: not a pattern, or an attribute both required and excluded |

use std::fmt;

use serde_json::Value as Json;

use crate::data::{Schema, Table};
use crate::error::MealError;
use crate::i18n::Message;

/// A parsed hashtag: lower-case tag without `#`, attributes sorted and unique.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Hashtag {
    pub tag: String,
    pub attributes: Vec<String>,
}

/// A tag pattern. `tag` is `*` for any tag; `include` and `exclude` are sorted and unique.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern {
    pub tag: String,
    pub include: Vec<String>,
    pub exclude: Vec<String>,
}

/// The pieces of a hashtag or pattern: the tag and each attribute with its sign.
struct Parts {
    tag: String,
    attributes: Vec<(char, String)>,
}

/// Splits `text` by the grammar (module docs); `signs` are the attribute prefixes allowed,
/// `wildcard` whether `#*` is allowed. `None` when the text does not follow it.
fn split(text: &str, signs: &[char], wildcard: bool) -> Option<Parts> {
    let rest = text.trim().strip_prefix('#')?;
    let tag_end = rest.find(|c: char| c == '+' || c == '-' || c.is_whitespace());
    let (tag, mut rest) = rest.split_at(tag_end.unwrap_or(rest.len()));
    let tag = tag.to_ascii_lowercase();
    if !(is_name(&tag) || (wildcard && tag == "*")) {
        return None;
    }
    let mut attributes = Vec::new();
    loop {
        rest = rest.trim_start();
        let Some(sign) = rest.chars().next() else {
            break;
        };
        if !signs.contains(&sign) {
            return None;
        }
        let body = rest.get(sign.len_utf8()..).unwrap_or_default();
        let end = body
            .find(|c: char| c == '+' || c == '-' || c.is_whitespace())
            .unwrap_or(body.len());
        let (name, after) = body.split_at(end);
        let name = name.to_ascii_lowercase();
        if !is_name(&name) {
            return None;
        }
        attributes.push((sign, name));
        rest = after;
    }
    Some(Parts { tag, attributes })
}

/// `letter (letter | digit | "_")*`, ASCII lower case (callers lower-case first).
fn is_name(text: &str) -> bool {
    let mut chars = text.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// The attributes with `sign`, sorted and unique.
fn with_sign(attributes: &[(char, String)], sign: char) -> Vec<String> {
    let mut names: Vec<String> = attributes
        .iter()
        .filter(|(s, _)| *s == sign)
        .map(|(_, name)| name.clone())
        .collect();
    names.sort();
    names.dedup();
    names
}

impl Hashtag {
    /// Reads a hashtag (`#affected +f +children`). Errors: `hxl.invalid_hashtag` (param
    /// `value`, the text given).
    pub fn parse(text: &str) -> Result<Hashtag, MealError> {
        let parts = split(text, &['+'], false)
            .ok_or_else(|| MealError::new("hxl.invalid_hashtag").with("value", text))?;
        Ok(Hashtag {
            tag: parts.tag,
            attributes: with_sign(&parts.attributes, '+'),
        })
    }
}

impl fmt::Display for Hashtag {
    /// The canonical form: `#tag+attr+attr`, attributes sorted.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{}", self.tag)?;
        self.attributes
            .iter()
            .try_for_each(|attribute| write!(f, "+{attribute}"))
    }
}

impl Pattern {
    /// Reads a tag pattern (`#affected+f-adult`, `#*+f`). Errors: `hxl.invalid_pattern` (param
    /// `value`), also for an attribute both required and excluded.
    pub fn parse(text: &str) -> Result<Pattern, MealError> {
        let invalid = || MealError::new("hxl.invalid_pattern").with("value", text);
        let parts = split(text, &['+', '-'], true).ok_or_else(invalid)?;
        let include = with_sign(&parts.attributes, '+');
        let exclude = with_sign(&parts.attributes, '-');
        if include.iter().any(|name| exclude.contains(name)) {
            return Err(invalid());
        }
        Ok(Pattern {
            tag: parts.tag,
            include,
            exclude,
        })
    }

    /// True when `hashtag` has the pattern's tag (any tag for `*`), every included attribute
    /// and none of the excluded ones.
    pub fn matches(&self, hashtag: &Hashtag) -> bool {
        (self.tag == "*" || self.tag == hashtag.tag)
            && self.include.iter().all(|a| hashtag.attributes.contains(a))
            && !self.exclude.iter().any(|a| hashtag.attributes.contains(a))
    }
}

/// The names of the schema's columns whose hashtag matches `pattern`, in column order. A column
/// without a hashtag, or whose hashtag does not parse, matches nothing.
pub fn columns_matching(schema: &Schema, pattern: &Pattern) -> Vec<String> {
    schema
        .columns
        .iter()
        .filter(|column| {
            column
                .hxl
                .as_deref()
                .and_then(|text| Hashtag::parse(text).ok())
                .is_some_and(|hashtag| pattern.matches(&hashtag))
        })
        .map(|column| column.name.clone())
        .collect()
}

/// The columns `selectors` pick, in the order given: a selector starting with `#` is a tag
/// pattern (every matching column, in column order), any other is a column name; a column
/// picked twice is kept once. Errors: `hxl.invalid_pattern`, `hxl.no_column_matches`
/// (`pattern`) for a pattern no column matches (a typo would otherwise drop data silently),
/// `data.no_such_column` for an unknown name.
pub fn selected_columns(schema: &Schema, selectors: &[String]) -> Result<Vec<String>, MealError> {
    let mut names: Vec<String> = Vec::new();
    for selector in selectors {
        let picked = if selector.trim_start().starts_with('#') {
            let matching = columns_matching(schema, &Pattern::parse(selector)?);
            if matching.is_empty() {
                return Err(MealError::new("hxl.no_column_matches")
                    .at(selector.as_str())
                    .with("pattern", selector));
            }
            matching
        } else if schema.index_of(selector).is_some() {
            vec![selector.clone()]
        } else {
            return Err(MealError::new("data.no_such_column")
                .at(selector.as_str())
                .with("column", selector));
        };
        for name in picked {
            if !names.contains(&name) {
                names.push(name);
            }
        }
    }
    Ok(names)
}

/// The table of the columns `selectors` pick ([`selected_columns`]), rows unchanged.
pub fn select_columns(table: &Table, selectors: &[String]) -> Result<Table, MealError> {
    table.project(&selected_columns(table.schema(), selectors)?)
}

/// The table as CSV: header row, then the HXL hashtag row when any column declares one, then
/// the rows (values as `Table::to_json_lines` shows them, RFC 4180 quoting; module docs).
pub fn to_csv(table: &Table) -> String {
    let columns = &table.schema().columns;
    let mut out = String::new();
    push_row(&mut out, columns.iter().map(|c| c.name.clone()));
    if columns.iter().any(|c| c.hxl.is_some()) {
        push_row(
            &mut out,
            columns.iter().map(|c| hashtag_cell(c.hxl.as_deref())),
        );
    }
    for row in 0..table.len() {
        // The row object is keyed by name (not in column order): read it column by column.
        let values = table.row_json(row);
        let cells = columns
            .iter()
            .map(|c| values.get(&c.name).map_or_else(String::new, value_text));
        push_row(&mut out, cells);
    }
    out
}

/// The hashtag row's field: the canonical hashtag, or the declared text when it does not parse.
fn hashtag_cell(declared: Option<&str>) -> String {
    match declared {
        None => String::new(),
        Some(text) => Hashtag::parse(text).map_or_else(|_| text.to_owned(), |h| h.to_string()),
    }
}

/// One cell as text: `null` empty, strings as they are, other values as JSON writes them.
fn value_text(value: &Json) -> String {
    match value {
        Json::Null => String::new(),
        Json::String(text) => text.clone(),
        other => other.to_string(),
    }
}

/// Appends one RFC 4180 record and its CRLF.
fn push_row(out: &mut String, fields: impl Iterator<Item = String>) {
    for (index, field) in fields.enumerate() {
        if index > 0 {
            out.push(',');
        }
        if field.contains([',', '"', '\r', '\n']) {
            out.push('"');
            out.push_str(&field.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(&field);
        }
    }
    out.push_str("\r\n");
}

/// Every code this file raises, in English and French.
pub const MESSAGES: &[Message] = &[
    Message {
        code: "hxl.invalid_hashtag",
        en: "{value} is not a valid HXL hashtag",
        fr: "{value} n'est pas un hashtag HXL valide",
    },
    Message {
        code: "hxl.invalid_pattern",
        en: "{value} is not a valid HXL tag pattern",
        fr: "{value} n'est pas un motif de hashtag HXL valide",
    },
    Message {
        code: "hxl.no_column_matches",
        en: "No column has a hashtag matching {pattern}",
        fr: "Aucune colonne n'a de hashtag correspondant à {pattern}",
    },
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::{ColumnSpec, ColumnType};

    fn tag(text: &str) -> Hashtag {
        Hashtag::parse(text).unwrap()
    }

    #[test]
    fn hashtags_are_read_case_insensitively_with_sorted_unique_attributes() {
        let h = tag(" #Affected +F+children +f ");
        assert_eq!(h.tag, "affected");
        assert_eq!(h.attributes, ["children", "f"]);
        assert_eq!(h.to_string(), "#affected+children+f");
        assert_eq!(tag("#adm1_code").attributes, Vec::<String>::new());
    }

    #[test]
    fn text_outside_the_grammar_is_refused() {
        for bad in [
            "", "affected", "#", "#1st", "#_x", "#a+", "#a+1", "#a-f", "#a b", "#é", "#a+f b", "#*",
        ] {
            let error = Hashtag::parse(bad).unwrap_err();
            assert_eq!(error.code, "hxl.invalid_hashtag", "{bad:?}");
            assert_eq!(error.params["value"], bad);
        }
    }

    #[test]
    fn patterns_require_and_exclude_attributes() {
        let p = Pattern::parse("#affected+f-adult").unwrap();
        assert!(p.matches(&tag("#affected+f+children")));
        assert!(!p.matches(&tag("#affected+f+adult")));
        assert!(!p.matches(&tag("#affected+m")));
        assert!(!p.matches(&tag("#population+f")));
        let any = Pattern::parse("#*+F").unwrap();
        assert!(any.matches(&tag("#reached+f")) && !any.matches(&tag("#reached")));
    }

    #[test]
    fn contradictory_or_malformed_patterns_are_refused() {
        for bad in ["#a+f-f", "#a+", "a+f", "#a*", "#**"] {
            assert_eq!(
                Pattern::parse(bad).unwrap_err().code,
                "hxl.invalid_pattern",
                "{bad:?}"
            );
        }
    }

    fn schema() -> Schema {
        let mut columns = vec![
            ColumnSpec::new("id", ColumnType::Text, true),
            ColumnSpec::new("women", ColumnType::Integer, false),
            ColumnSpec::new("girls", ColumnType::Integer, false),
            ColumnSpec::new("note", ColumnType::Text, false),
        ];
        columns[1].hxl = Some("#reached+f+adult".into());
        columns[2].hxl = Some("#reached+f+children".into());
        columns[3].hxl = Some("not a tag".into());
        Schema::new(columns)
    }

    #[test]
    fn columns_are_selected_in_column_order() {
        let pattern = Pattern::parse("#reached+f").unwrap();
        assert_eq!(columns_matching(&schema(), &pattern), ["women", "girls"]);
        let pattern = Pattern::parse("#reached-adult").unwrap();
        assert_eq!(columns_matching(&schema(), &pattern), ["girls"]);
    }

    #[test]
    fn selectors_mix_names_and_patterns_in_the_order_given() {
        let csv = "id,women,girls,note\nA,3,4,x\nB,,5,\n";
        let table = Table::from_csv(&schema(), csv).unwrap().table;
        let names = |s: &[&str]| s.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        let picked = select_columns(&table, &names(&["girls", "#reached+f", "id"])).unwrap();
        let columns: Vec<&str> = picked
            .schema()
            .columns
            .iter()
            .map(|c| c.name.as_str())
            .collect();
        assert_eq!(columns, ["girls", "women", "id"]);
        assert_eq!(picked.len(), 2);
        assert_eq!(picked.column("women"), table.column("women"));
        assert_eq!(picked.source_rows(), table.source_rows());
        let error = |s: &[&str]| select_columns(&table, &names(s)).unwrap_err().code;
        assert_eq!(error(&["#affected"]), "hxl.no_column_matches");
        assert_eq!(error(&["age"]), "data.no_such_column");
        assert_eq!(error(&["#a+f-f"]), "hxl.invalid_pattern");
    }

    #[test]
    fn the_csv_has_its_hashtag_row_and_rfc4180_quoting() {
        let csv = "id,women,girls,note\nA,3,,\"say \"\"hi\"\", x\"\n";
        let loaded = Table::from_csv(&schema(), csv).unwrap();
        assert_eq!(
            to_csv(&loaded.table),
            "id,women,girls,note\r\n,#reached+adult+f,#reached+children+f,not a tag\r\n\
             A,3,,\"say \"\"hi\"\", x\"\r\n"
        );
        let plain = Schema::new(vec![ColumnSpec::new("a", ColumnType::Text, false)]);
        let loaded = Table::from_csv(&plain, "a\nx\n").unwrap();
        assert_eq!(to_csv(&loaded.table), "a\r\nx\r\n");
    }
}
