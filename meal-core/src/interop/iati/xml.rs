//! A small element tree read from XML text with quick-xml's pull parser, built to survive
//! hostile input: the tree is built with an explicit stack (never recursion), only the
//! first [`MAX_DEPTH`] levels are kept (the deepest IATI element the model reads,
//! `…/target/dimension`, is level 7; deeper elements are skipped, so nesting depth costs
//! nothing), entities are never expanded beyond the five XML ones and character references (a
//! `<!DOCTYPE>` is ignored, so a reference to an entity it declares — an external entity, a
//! "billion laughs" — is an undeclared entity and refused), and a syntax error is an
//! `iati.malformed` error naming the line and column (1-based, column in characters) where
//! the offending markup starts.

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use crate::error::MealError;

/// Levels of the tree kept; deeper elements are skipped.
pub const MAX_DEPTH: usize = 16;

/// An element: its name as written (prefix included), attributes in document order, children,
/// and its text content (character data of the element itself, entities resolved).
#[derive(Debug, Default)]
pub struct Element {
    pub name: String,
    pub attributes: Vec<(String, String)>,
    pub children: Vec<Element>,
    pub text: String,
}

impl Element {
    /// The attribute `name`, if present.
    pub fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }

    /// The children named `name`, in document order.
    pub fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Element> + 'a {
        self.children.iter().filter(move |c| c.name == name)
    }

    /// The first child named `name`.
    pub fn first(&self, name: &str) -> Option<&Element> {
        self.children.iter().find(|c| c.name == name)
    }
}

/// `iati.malformed` at byte `offset` of `xml`.
fn malformed(xml: &str, offset: u64) -> MealError {
    let offset = usize::try_from(offset).unwrap_or(usize::MAX).min(xml.len());
    let before = xml.as_bytes().get(..offset).unwrap_or_default();
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |p| p + 1);
    let column = String::from_utf8_lossy(before.get(line_start..).unwrap_or_default())
        .chars()
        .count()
        + 1;
    MealError::new("iati.malformed")
        .with("line", line)
        .with("column", column)
}

/// The root element of `xml`. Errors: `iati.malformed` (module docs).
pub fn parse(xml: &str) -> Result<Element, MealError> {
    let mut reader = Reader::from_str(xml);
    reader.config_mut().trim_text(false);
    let mut tree = Tree::default();
    loop {
        let event = reader
            .read_event()
            .map_err(|_| malformed(xml, reader.error_position()))?;
        let bad = || malformed(xml, reader.buffer_position());
        let kept = tree.skipped == 0;
        match event {
            Event::Start(_) if !kept || tree.stack.len() >= MAX_DEPTH => tree.skipped += 1,
            Event::Empty(_) if !kept || tree.stack.len() >= MAX_DEPTH => {}
            Event::End(_) if !kept => tree.skipped -= 1,
            Event::Start(start) => {
                let opened = element(&start, &reader).ok_or_else(bad)?;
                tree.open(opened).ok_or_else(bad)?;
            }
            Event::Empty(start) => {
                let opened = element(&start, &reader).ok_or_else(bad)?;
                tree.open(opened).ok_or_else(bad)?;
                tree.close().ok_or_else(bad)?;
            }
            Event::End(_) => tree.close().ok_or_else(bad)?,
            Event::Text(text) if kept => {
                let content = text.xml10_content().map_err(|_| bad())?;
                tree.text(&content);
            }
            Event::CData(data) if kept => {
                let content = data.decode().map_err(|_| bad())?;
                tree.text(&content);
            }
            Event::GeneralRef(reference) => {
                let resolved = resolve(&reference).ok_or_else(bad)?;
                if kept {
                    tree.text(resolved.encode_utf8(&mut [0; 4]));
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    match tree {
        Tree {
            root: Some(root),
            stack,
            skipped: 0,
        } if stack.is_empty() => Ok(root),
        _ => Err(malformed(xml, xml.len() as u64)),
    }
}

/// The tree under construction: the open kept elements, the number of skipped levels below
/// them, and the root once it is closed.
#[derive(Default)]
struct Tree {
    stack: Vec<Element>,
    skipped: usize,
    root: Option<Element>,
}

impl Tree {
    /// Opens an element; `None` for a second root element.
    fn open(&mut self, element: Element) -> Option<()> {
        if self.root.is_some() {
            return None;
        }
        self.stack.push(element);
        Some(())
    }

    /// Closes the innermost open element; `None` when none is open.
    fn close(&mut self) -> Option<()> {
        let done = self.stack.pop()?;
        match self.stack.last_mut() {
            Some(parent) => parent.children.push(done),
            None => self.root = Some(done),
        }
        Some(())
    }

    /// Character data of the innermost open element (outside the root: whitespace, dropped).
    fn text(&mut self, content: &str) {
        if let Some(current) = self.stack.last_mut() {
            current.text.push_str(content);
        }
    }
}

/// The element of a start tag, attributes unescaped; `None` for a duplicate attribute, an
/// undeclared entity or text that is not UTF-8.
fn element(start: &BytesStart, reader: &Reader<&[u8]>) -> Option<Element> {
    let name = std::str::from_utf8(start.name().as_ref()).ok()?.to_owned();
    let mut attributes = Vec::new();
    for attribute in start.attributes() {
        let attribute = attribute.ok()?;
        let key = std::str::from_utf8(attribute.key.as_ref()).ok()?.to_owned();
        let value = attribute
            .decode_and_unescape_value(reader.decoder())
            .ok()?
            .into_owned();
        attributes.push((key, value));
    }
    Some(Element {
        name,
        attributes,
        ..Element::default()
    })
}

/// A character reference or one of the five predefined entities; `None` otherwise (no other
/// entity is ever expanded).
fn resolve(reference: &quick_xml::events::BytesRef) -> Option<char> {
    if reference.is_char_ref() {
        return reference.resolve_char_ref().ok().flatten();
    }
    match reference.decode().ok()?.as_ref() {
        "lt" => Some('<'),
        "gt" => Some('>'),
        "amp" => Some('&'),
        "apos" => Some('\''),
        "quot" => Some('"'),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_syntax_error_names_its_line_and_column() {
        let error = parse("<a>\n  <b></c>\n</a>").unwrap_err();
        assert_eq!(error.code, "iati.malformed");
        assert_eq!(
            (
                error.params["line"].as_str(),
                error.params["column"].as_str()
            ),
            ("2", "6") // where `</c>` starts
        );
    }

    #[test]
    fn entities_resolve_and_deep_levels_are_skipped() {
        let root = parse("<a x=\"&lt;&#10;\">1 &amp; &#x32;<![CDATA[<3>]]></a>").unwrap();
        assert_eq!(
            (root.attribute("x"), root.text.as_str()),
            (Some("<\n"), "1 & 2<3>")
        );
        let deep = format!(
            "<a>{}</a>",
            "<b>".repeat(MAX_DEPTH + 5) + &"</b>".repeat(MAX_DEPTH + 5)
        );
        let mut depth = 0;
        let mut at = &parse(&deep).unwrap();
        while let Some(child) = at.children.first() {
            (depth, at) = (depth + 1, child);
        }
        assert_eq!(depth, MAX_DEPTH - 1);
        assert!(
            parse("<a/><b/>").is_err() && parse("").is_err() && parse("<a>&nope;</a>").is_err()
        );
    }
}
