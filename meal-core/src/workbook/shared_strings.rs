//! A check that a workbook's shared-string cells point inside its shared-string table, made
//! before calamine reads it.
//!
//! calamine (0.31, and 0.38 as well) looks a shared-string cell up with an unchecked index
//! (`xlsx/cells_reader.rs`, `&strings[idx]`, where an unreadable index counts as 0): a cell
//! `<c t="s"><v>7</v></c>` in a workbook with fewer than 8 strings panics. A native build
//! catches that panic (see [`super::read_workbook`]), but a wasm32 build aborts on panic, and
//! a form, template or case-tool export is exactly what a browser user uploads. So every cell
//! is checked first, counting the strings the way calamine keeps them
//! (`Xlsx::read_shared_strings` / `read_string`: an `<si>` counts when it holds an `<r>` or a
//! `<t>` outside phonetic `<rPh>` text), with the same XML reader settings.
//!
//! The check is conservative: every entry of the archive is scanned (a worksheet may live
//! under any name), an entry that is not XML is scanned up to its first error (calamine stops
//! there too), and an index written with an entity reference is refused rather than decoded.
//! It never refuses a workbook whose indices are all in range.

use std::io::{BufRead, BufReader, Cursor};

use quick_xml::events::Event;
use quick_xml::Reader;
use zip::ZipArchive;

/// The path calamine reads the shared strings from (matched as it matches it: ASCII case
/// ignored, `\` read as `/`).
const SHARED_STRINGS: &str = "xl/sharedStrings.xml";

/// `Err(detail)` when a shared-string cell points past the table; `Ok(())` otherwise,
/// including for bytes that are not a zip archive (calamine reports those itself).
pub(super) fn check(bytes: &[u8]) -> Result<(), String> {
    let Ok(mut archive) = ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(());
    };
    let names: Vec<String> = archive.file_names().map(str::to_owned).collect();
    let table = names
        .iter()
        .find(|name| SHARED_STRINGS.eq_ignore_ascii_case(&name.replace('\\', "/")));
    let strings = match table {
        Some(name) => match archive.by_name(name) {
            Ok(entry) => count_strings(BufReader::new(entry)),
            Err(_) => 0,
        },
        None => 0,
    };
    for name in names.iter().filter(|n| Some(*n) != table) {
        let Ok(entry) = archive.by_name(name) else {
            continue;
        };
        if let Some(index) = first_index_beyond(BufReader::new(entry), strings) {
            return Err(format!(
                "{name}: shared string {index} of a table of {strings}"
            ));
        }
    }
    Ok(())
}

/// An XML reader configured as calamine configures its own.
fn reader<R: BufRead>(input: R) -> Reader<R> {
    let mut reader = Reader::from_reader(input);
    let config = reader.config_mut();
    config.check_end_names = false;
    config.trim_text(false);
    config.check_comments = false;
    config.expand_empty_elements = true;
    reader
}

/// How many strings calamine keeps from a shared-string table.
fn count_strings<R: BufRead>(input: R) -> usize {
    let mut xml = reader(input);
    let mut buf = Vec::new();
    let mut count = 0usize;
    loop {
        buf.clear();
        match xml.read_event_into(&mut buf) {
            Ok(Event::Start(e)) if e.local_name().as_ref() == b"si" => {
                let closing = e.name().as_ref().to_vec();
                match string_kept(&mut xml, &closing) {
                    Some(true) => count = count.saturating_add(1),
                    Some(false) => {}
                    None => return count,
                }
            }
            Ok(Event::End(e)) if e.local_name().as_ref() == b"sst" => return count,
            Ok(Event::Eof) | Err(_) => return count,
            _ => {}
        }
    }
}

/// Whether the `<si>` being read gives a string (`read_string` returns `Some`): it holds an
/// `<r>` or a non-phonetic `<t>`. `None` when the XML ends or breaks first. Walks the events
/// exactly as `read_string` does, because its count decides which index panics: a `<t>` runs
/// to the first end tag with its own name, even past `</si>` (a damaged `</t…>` makes one
/// string of two `<si>`, found by fuzzing), and a plain string then skips to the end of the
/// `<si>` as quick-xml's `read_to_end_into` does, nested `<si>` included.
fn string_kept<R: BufRead>(xml: &mut Reader<R>, closing: &[u8]) -> Option<bool> {
    let mut buf = Vec::new();
    let mut rich = false;
    let mut phonetic = false;
    loop {
        buf.clear();
        match xml.read_event_into(&mut buf) {
            // A rich text: calamine keeps it (its buffer is `Some` from here on).
            Ok(Event::Start(e)) if e.local_name().as_ref() == b"r" => rich = true,
            Ok(Event::Start(e)) if e.local_name().as_ref() == b"rPh" => phonetic = true,
            Ok(Event::End(e)) if e.name().as_ref() == closing => return Some(rich),
            Ok(Event::End(e)) if e.local_name().as_ref() == b"rPh" => phonetic = false,
            Ok(Event::Start(e)) if e.local_name().as_ref() == b"t" && !phonetic => {
                let text_end = e.name().as_ref().to_vec();
                skip_to(xml, &text_end)?;
                if !rich {
                    return skip_to_end_of(xml, closing).map(|()| true);
                }
            }
            Ok(Event::Eof) | Err(_) => return None,
            _ => {}
        }
    }
}

/// Reads up to the first end tag named `closing`; `None` when the XML ends or breaks first.
fn skip_to<R: BufRead>(xml: &mut Reader<R>, closing: &[u8]) -> Option<()> {
    let mut buf = Vec::new();
    loop {
        buf.clear();
        match xml.read_event_into(&mut buf) {
            Ok(Event::End(e)) if e.name().as_ref() == closing => return Some(()),
            Ok(Event::Eof) | Err(_) => return None,
            _ => {}
        }
    }
}

/// Reads up to the end tag that closes the element named `closing` being read, skipping
/// nested elements of the same name (quick-xml's `read_to_end_into`); `None` when the XML
/// ends or breaks first.
fn skip_to_end_of<R: BufRead>(xml: &mut Reader<R>, closing: &[u8]) -> Option<()> {
    let mut buf = Vec::new();
    let mut depth = 0usize;
    loop {
        buf.clear();
        match xml.read_event_into(&mut buf) {
            Ok(Event::Start(e)) if e.name().as_ref() == closing => depth = depth.saturating_add(1),
            Ok(Event::End(e)) if e.name().as_ref() == closing => match depth.checked_sub(1) {
                Some(outer) => depth = outer,
                None => return Some(()),
            },
            Ok(Event::Eof) | Err(_) => return None,
            _ => {}
        }
    }
}

/// The first shared-string index (`<c t="s"><v>i</v>`) that is `strings` or more; an
/// unreadable index counts as 0, as calamine counts it, and one written with an entity
/// reference counts as out of range.
fn first_index_beyond<R: BufRead>(input: R, strings: usize) -> Option<usize> {
    let mut xml = reader(input);
    let mut buf = Vec::new();
    let mut shared = false;
    loop {
        buf.clear();
        match xml.read_event_into(&mut buf) {
            Ok(Event::Start(e)) if e.local_name().as_ref() == b"c" => {
                shared = e
                    .attributes()
                    .flatten()
                    .any(|a| a.key.as_ref() == b"t" && a.value.as_ref() == b"s");
            }
            Ok(Event::Start(e)) if shared && e.local_name().as_ref() == b"v" => {
                let closing = e.name().as_ref().to_vec();
                let index = read_index(&mut xml, &closing)?;
                if index >= strings {
                    return Some(index);
                }
            }
            Ok(Event::End(e)) if e.local_name().as_ref() == b"c" => shared = false,
            Ok(Event::Eof) | Err(_) => return None,
            _ => {}
        }
    }
}

/// The index in a `<v>`: its text parsed (0 when unreadable); `usize::MAX` when an entity
/// reference is part of it. `None` when the XML ends or breaks first.
fn read_index<R: BufRead>(xml: &mut Reader<R>, closing: &[u8]) -> Option<usize> {
    let mut buf = Vec::new();
    let mut text = Vec::new();
    loop {
        buf.clear();
        match xml.read_event_into(&mut buf) {
            Ok(Event::Text(t)) => text.extend_from_slice(t.as_ref()),
            Ok(Event::GeneralRef(_)) => {
                skip_to(xml, closing)?;
                return Some(usize::MAX);
            }
            Ok(Event::End(e)) if e.name().as_ref() == closing => {
                let index = std::str::from_utf8(&text)
                    .ok()
                    .and_then(|t| t.parse::<usize>().ok())
                    .unwrap_or(0);
                return Some(index);
            }
            Ok(Event::Eof) | Err(_) => return None,
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use std::io::{Read, Write};

    use super::*;

    /// A workbook of two text cells (`a`, `b`) and a number, as rust_xlsxwriter writes it.
    fn workbook() -> Vec<u8> {
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        sheet.write_string(0, 0, "a").unwrap();
        sheet.write_string(0, 1, "b").unwrap();
        sheet.write_number(1, 0, 3.0).unwrap();
        book.save_to_buffer().unwrap()
    }

    /// `bytes` with every entry's text passed through `edit` (stored, uncompressed).
    fn rewritten(bytes: &[u8], edit: impl Fn(&str, String) -> String) -> Vec<u8> {
        let mut archive = ZipArchive::new(Cursor::new(bytes)).unwrap();
        let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        for i in 0..archive.len() {
            let mut entry = archive.by_index(i).unwrap();
            let name = entry.name().to_owned();
            let mut text = String::new();
            entry.read_to_string(&mut text).unwrap();
            out.start_file(name.as_str(), options).unwrap();
            out.write_all(edit(&name, text).as_bytes()).unwrap();
        }
        out.finish().unwrap().into_inner()
    }

    fn sheet_edit(from: &'static str, to: &'static str) -> impl Fn(&str, String) -> String {
        move |name, text| {
            if name.ends_with("sheet1.xml") {
                text.replace(from, to)
            } else {
                text
            }
        }
    }

    #[test]
    fn a_damaged_text_end_tag_merges_two_strings_as_calamine_does() {
        // Found by the `template_xlsx` fuzz target: `<si><t>…</t     oq-HM…</t></si>` — the
        // `<t>` runs to the next `</t>`, in the following `<si>`, so calamine keeps 196 of
        // the 197 strings and the cell pointing at string 196 panics in calamine.
        let bytes = include_bytes!("../../../tests/fixtures/shared-string-damaged-end-tag.xlsx");
        let detail = check(bytes).unwrap_err();
        assert!(
            detail.contains("shared string 196 of a table of 196"),
            "{detail}"
        );
        let sheet_text = "<si><t>a</t x></si><si><t>b</t></si><si><t>c</t></si>";
        let table = |name: &str, text: String| {
            if name.ends_with("sharedStrings.xml") {
                format!("<sst>{sheet_text}</sst>")
            } else {
                text
            }
        };
        // `a</t x>` is no end of `<t>`: "a…b" is one string, "c" the second; index 1 is in range.
        let merged = rewritten(&workbook(), table);
        assert_eq!(check(&merged), Ok(()));
        let beyond = rewritten(&merged, sheet_edit("<v>1</v>", "<v>2</v>"));
        assert!(check(&beyond).is_err());
    }

    #[test]
    fn a_workbook_whose_indices_are_in_range_passes() {
        assert_eq!(check(&workbook()), Ok(()));
        // Not an archive at all: calamine reports it itself.
        assert_eq!(check(b"not a zip"), Ok(()));
    }

    #[test]
    fn an_index_past_the_table_is_refused_before_calamine_reads_it() {
        let bytes = rewritten(&workbook(), sheet_edit("<v>1</v>", "<v>7</v>"));
        let detail = check(&bytes).unwrap_err();
        assert!(
            detail.contains("shared string 7 of a table of 2"),
            "{detail}"
        );
        let error = super::super::read_workbook(&bytes, "template.unreadable").unwrap_err();
        assert_eq!(error.code, "template.unreadable");
    }

    #[test]
    fn an_unreadable_index_counts_as_zero_and_an_empty_table_holds_none() {
        // calamine reads `x` as index 0: in range while the table has strings.
        let bytes = rewritten(&workbook(), sheet_edit("<v>1</v>", "<v>x</v>"));
        assert_eq!(check(&bytes), Ok(()));
        // Without a shared-string table, index 0 is past it too.
        let no_table = rewritten(&workbook(), |name, text| {
            if name.ends_with("sharedStrings.xml") {
                "<sst></sst>".to_owned()
            } else {
                text
            }
        });
        assert!(check(&no_table).is_err());
        let entity = rewritten(&workbook(), sheet_edit("<v>1</v>", "<v>&#49;</v>"));
        assert!(
            check(&entity).is_err(),
            "an entity-written index is refused"
        );
    }

    #[test]
    fn strings_count_as_calamine_keeps_them() {
        let count = |xml: &str| count_strings(xml.as_bytes());
        assert_eq!(
            count("<sst><si><t>a</t></si><si><r><t>b</t></r></si></sst>"),
            2
        );
        // An `<si>` with only phonetic text, or nothing, gives no string in calamine.
        assert_eq!(count("<sst><si><rPh><t>x</t></rPh></si><si/></sst>"), 0);
        assert_eq!(count("<sst><si><t>a</t><rPh><t>x</t></rPh></si></sst>"), 1);
    }
}
