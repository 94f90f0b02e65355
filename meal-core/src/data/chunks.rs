//! A CSV stream cut into chunks of whole records, each a small CSV of its own (the header, then
//! its records), so large files can be loaded and computed piece by piece — in parallel, in
//! bounded memory — with exactly the rows a whole-file load would give.
//!
//! A chunk ends at a record terminator (`\n` or `\r`) that lies outside quotes. Quotes are
//! followed the way the `csv` reader reads them: a quote opens a quoted field only at the start
//! of a field, `""` inside one is an escaped quote, and a quote inside an unquoted field is an
//! ordinary character — so a line break inside a quoted field never splits a record, and a
//! stray quote in malformed input cannot shift every later boundary.

use std::io::Read;

use crate::error::MealError;

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Where the scanner stands in the CSV grammar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    FieldStart,
    Unquoted,
    Quoted,
    /// A quote seen inside a quoted field: it closes it, or escapes a second quote.
    QuoteInQuoted,
}

/// The chunks of a CSV source; see the module docs.
#[derive(Debug)]
pub struct CsvChunks<R> {
    source: R,
    /// The header record with its terminator, put before every chunk's records.
    header: Vec<u8>,
    /// Bytes read past the last chunk's end.
    carry: Vec<u8>,
    state: State,
    target: usize,
    done: bool,
}

impl<R: Read> CsvChunks<R> {
    /// Chunks of about `target_bytes` (at least one record each) of `source`. Error
    /// `data.no_header` for an empty source, `data.unreadable` when reading fails.
    pub fn new(source: R, target_bytes: usize) -> Result<CsvChunks<R>, MealError> {
        let mut chunks = CsvChunks {
            source,
            header: Vec::new(),
            carry: Vec::new(),
            state: State::FieldStart,
            target: target_bytes.max(1),
            done: false,
        };
        let header = chunks.records(1)?;
        let header = header.strip_prefix(BOM).unwrap_or(&header).to_vec();
        if header.is_empty() {
            return Err(MealError::new("data.no_header"));
        }
        chunks.header = header;
        if !chunks.header.ends_with(b"\n") && !chunks.header.ends_with(b"\r") {
            chunks.header.push(b'\n');
        }
        Ok(chunks)
    }

    /// The next chunk as CSV bytes (the header, then whole records), or `None` at the end.
    pub fn next_chunk(&mut self) -> Result<Option<Vec<u8>>, MealError> {
        let records = self.records(self.target)?;
        if records.is_empty() {
            return Ok(None);
        }
        let mut chunk = Vec::with_capacity(self.header.len() + records.len());
        chunk.extend_from_slice(&self.header);
        chunk.extend_from_slice(&records);
        Ok(Some(chunk))
    }

    /// At least `bytes` bytes of whole records (fewer at the end of the source).
    fn records(&mut self, bytes: usize) -> Result<Vec<u8>, MealError> {
        let mut out = std::mem::take(&mut self.carry);
        let mut scanned = 0;
        loop {
            if let Some(end) = self.boundary(&out, scanned, bytes) {
                self.carry = out.split_off(end);
                return Ok(out);
            }
            scanned = out.len();
            if self.done {
                return Ok(out);
            }
            let before = out.len();
            out.resize(before + (1 << 16), 0);
            let read = self
                .source
                .read(out.get_mut(before..).unwrap_or_default())
                .map_err(|e| MealError::new("data.unreadable").with("detail", e))?;
            out.truncate(before + read);
            self.done = read == 0;
        }
    }

    /// The end (exclusive) of the first record terminator at or past `wanted` bytes, scanning
    /// from `from` (the state carries over between calls).
    fn boundary(&mut self, bytes: &[u8], from: usize, wanted: usize) -> Option<usize> {
        let rest = bytes.get(from..)?;
        if !matches!(self.state, State::Quoted | State::QuoteInQuoted) && !rest.contains(&b'"') {
            // No quote ahead: every terminator ends a record, so jump to the first one at or
            // past `wanted` instead of stepping through the grammar byte by byte.
            let skip = wanted.saturating_sub(1).max(from);
            let found = bytes
                .get(skip..)
                .and_then(|tail| tail.iter().position(|&b| b == b'\n' || b == b'\r'));
            let Some(at) = found.map(|offset| skip + offset) else {
                // Read on, in the state the last byte leaves.
                if let Some(&last) = rest.last() {
                    self.state = match last {
                        b',' | b'\n' | b'\r' => State::FieldStart,
                        _ => State::Unquoted,
                    };
                }
                return None;
            };
            self.state = State::FieldStart;
            let end = if bytes.get(at) == Some(&b'\r') && bytes.get(at + 1) == Some(&b'\n') {
                at + 2
            } else {
                at + 1
            };
            if end == bytes.len() && bytes.get(at) == Some(&b'\r') && !self.done {
                return None;
            }
            return Some(end);
        }
        for (offset, &byte) in rest.iter().enumerate() {
            let at = from + offset;
            let terminator = byte == b'\n' || byte == b'\r';
            self.state = match (self.state, byte) {
                (State::Quoted, b'"') => State::QuoteInQuoted,
                (State::Quoted, _) => State::Quoted,
                (State::QuoteInQuoted, b'"') => State::Quoted,
                (State::FieldStart, b'"') => State::Quoted,
                (_, b',') => State::FieldStart,
                (_, b'\n' | b'\r') => State::FieldStart,
                _ => State::Unquoted,
            };
            if terminator && self.state == State::FieldStart && at + 1 >= wanted {
                // Keep a `\r\n` pair together.
                let end = if byte == b'\r' && bytes.get(at + 1) == Some(&b'\n') {
                    at + 2
                } else {
                    at + 1
                };
                if byte == b'\r' && end == at + 1 && at + 1 == bytes.len() && !self.done {
                    // A `\r` at the end of what was read may be half of `\r\n`: read on.
                    self.state = State::FieldStart;
                    return None;
                }
                return Some(end);
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(text: &str, target: usize) -> (Vec<u8>, Vec<String>) {
        let mut chunks = CsvChunks::new(text.as_bytes(), target).unwrap();
        let header = chunks.header.clone();
        let mut out = Vec::new();
        while let Some(chunk) = chunks.next_chunk().unwrap() {
            out.push(String::from_utf8(chunk).unwrap());
        }
        (header, out)
    }

    #[test]
    fn every_chunk_starts_with_the_header_and_ends_on_a_record() {
        let (header, chunks) = all("a,b\n1,2\n3,4\n5,6\n", 1);
        assert_eq!(header, b"a,b\n");
        assert_eq!(chunks, ["a,b\n1,2\n", "a,b\n3,4\n", "a,b\n5,6\n"]);
    }

    #[test]
    fn a_line_break_inside_quotes_stays_in_its_record() {
        let (_, chunks) = all("a,b\n\"x\ny\",2\n\"q\"\"\n\",3\n", 1);
        assert_eq!(chunks, ["a,b\n\"x\ny\",2\n", "a,b\n\"q\"\"\n\",3\n"]);
    }

    #[test]
    fn a_stray_quote_in_an_unquoted_field_is_a_character() {
        let (_, chunks) = all("a,b\nx\"y,1\nz,2\n", 1);
        assert_eq!(chunks, ["a,b\nx\"y,1\n", "a,b\nz,2\n"]);
    }

    #[test]
    fn crlf_pairs_bom_and_a_missing_last_terminator() {
        let (header, chunks) = all("\u{feff}a,b\r\n1,2\r\n3,4", 1);
        assert_eq!(header, b"a,b\r\n");
        assert_eq!(chunks, ["a,b\r\n1,2\r\n", "a,b\r\n3,4"]);
        let (_, whole) = all("a,b\n1,2\n3,4\n", 1 << 20);
        assert_eq!(whole, ["a,b\n1,2\n3,4\n"]);
    }

    /// A source that gives one byte per read, so every boundary falls across reads.
    struct Trickle<'a>(&'a [u8]);

    impl Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            match (self.0.split_first(), buf.first_mut()) {
                (Some((&b, rest)), Some(slot)) => {
                    *slot = b;
                    self.0 = rest;
                    Ok(1)
                }
                _ => Ok(0),
            }
        }
    }

    #[test]
    fn boundaries_across_reads_match_one_read() {
        let text = "a,b\r\nx\"y,1\r\n\"q\nr\",2\n3,\"4\"\n";
        for target in [1, 5, 9, 100] {
            let mut one = CsvChunks::new(text.as_bytes(), target).unwrap();
            let mut trickled = CsvChunks::new(Trickle(text.as_bytes()), target).unwrap();
            loop {
                let (a, b) = (one.next_chunk().unwrap(), trickled.next_chunk().unwrap());
                let joined: Vec<u8> = a.iter().flatten().copied().collect();
                assert!(a.is_none() || joined.len() > one.header.len());
                if a.is_none() {
                    assert!(b.is_none());
                    break;
                }
                let records = |c: &Vec<u8>| c.iter().filter(|&&x| x == b'\n').count();
                assert_eq!(
                    a.as_ref().map(records),
                    b.as_ref().map(records),
                    "target {target}"
                );
            }
        }
    }

    #[test]
    fn an_empty_source_has_no_header() {
        assert_eq!(
            CsvChunks::new(&b""[..], 10).unwrap_err().code,
            "data.no_header"
        );
    }
}
