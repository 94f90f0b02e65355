//! A small JSON reader for the submissions field teams send: UTF-8 text without escapes in
//! strings, moderately nested. It builds the same [`Json`] tree `serde_json` builds through
//! [`Json`]'s `Deserialize`, in about half the instructions (no visitor dispatch, one scan per
//! string). It gives up — `None` — on anything it does not take on (an escape, a control
//! character, deep nesting, an integer beyond 18 digits, `-0`) and on every error; the caller
//! then reads the text with `serde_json`, so a tree is always serde_json's tree and an error
//! always serde_json's error.

use std::borrow::Cow;

use super::json::Json;

/// Deeper than this, serde_json decides (its own limit is 128).
const MAX_DEPTH: usize = 100;

/// The tree of `text`, or `None` when `serde_json` must decide.
pub(crate) fn read(text: &str) -> Option<Json<'_>> {
    let mut reader = Reader {
        text,
        bytes: text.as_bytes(),
        at: 0,
        items: Vec::new(),
        pairs: Vec::with_capacity(64),
    };
    let value = reader.value(0)?;
    reader.skip_whitespace();
    (reader.at == reader.bytes.len()).then_some(value)
}

struct Reader<'a> {
    text: &'a str,
    bytes: &'a [u8],
    at: usize,
    /// Items and pairs of the arrays and objects being read, as stacks shared by the whole
    /// read: each array or object is then moved out in one allocation of its exact size.
    items: Vec<Json<'a>>,
    pairs: Vec<(Cow<'a, str>, Json<'a>)>,
}

impl<'a> Reader<'a> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    /// JSON whitespace: space, tab, line feed, carriage return.
    fn skip_whitespace(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.at += 1;
        }
    }

    /// Skips whitespace, then expects `byte`.
    fn expect(&mut self, byte: u8) -> Option<()> {
        self.skip_whitespace();
        (self.peek()? == byte).then(|| self.at += 1)
    }

    fn value(&mut self, depth: usize) -> Option<Json<'a>> {
        self.skip_whitespace();
        match self.peek()? {
            b'"' => self.string().map(|s| Json::Str(Cow::Borrowed(s))),
            b'{' if depth < MAX_DEPTH => self.object(depth + 1),
            b'[' if depth < MAX_DEPTH => self.array(depth + 1),
            b'n' => self.literal(b"null", Json::Null),
            b't' => self.literal(b"true", Json::Bool(true)),
            b'f' => self.literal(b"false", Json::Bool(false)),
            b'-' | b'0'..=b'9' => self.number(),
            _ => None,
        }
    }

    fn literal(&mut self, word: &[u8], value: Json<'a>) -> Option<Json<'a>> {
        let end = self.at + word.len();
        (self.bytes.get(self.at..end)? == word).then(|| {
            self.at = end;
            value
        })
    }

    /// A string at `"`, borrowed: none when it holds an escape or a control character.
    fn string(&mut self) -> Option<&'a str> {
        let start = self.at + 1;
        let rest = self.bytes.get(start..)?;
        let len = string_end(rest)?;
        if rest.get(len) != Some(&b'"') {
            return None;
        }
        self.at = start + len + 1;
        self.text.get(start..start + len)
    }

    fn object(&mut self, depth: usize) -> Option<Json<'a>> {
        self.at += 1;
        let start = self.pairs.len();
        self.skip_whitespace();
        if self.peek()? == b'}' {
            self.at += 1;
            return Some(Json::Object(Vec::new()));
        }
        loop {
            self.skip_whitespace();
            if self.peek()? != b'"' {
                return None;
            }
            let key = self.string()?;
            self.expect(b':')?;
            let value = self.value(depth)?;
            self.pairs.push((Cow::Borrowed(key), value));
            if !self.more(b'}')? {
                break;
            }
        }
        Some(Json::Object(self.pairs.drain(start..).collect()))
    }

    fn array(&mut self, depth: usize) -> Option<Json<'a>> {
        self.at += 1;
        let start = self.items.len();
        self.skip_whitespace();
        if self.peek()? == b']' {
            self.at += 1;
            return Some(Json::Array(Vec::new()));
        }
        loop {
            let value = self.value(depth)?;
            self.items.push(value);
            if !self.more(b']')? {
                break;
            }
        }
        Some(Json::Array(self.items.drain(start..).collect()))
    }

    /// After a member: `,` (true: another follows) or `close` (false).
    fn more(&mut self, close: u8) -> Option<bool> {
        self.skip_whitespace();
        let byte = self.peek()?;
        self.at += 1;
        match byte {
            b',' => Some(true),
            b if b == close => Some(false),
            _ => None,
        }
    }

    /// Runs of ASCII digits; how many.
    fn digits(&mut self) -> usize {
        let start = self.at;
        while self.peek().is_some_and(|b| b.is_ascii_digit()) {
            self.at += 1;
        }
        self.at - start
    }

    /// A number, as serde_json reads it: an integer without sign is `UInt`, with `-` `Int`;
    /// with a fraction or an exponent `Float`, converted by serde_json itself.
    fn number(&mut self) -> Option<Json<'a>> {
        let start = self.at;
        let negative = self.peek() == Some(b'-');
        if negative {
            self.at += 1;
        }
        let int_start = self.at;
        let int_len = self.digits();
        let leading_zero = int_len > 1 && self.bytes.get(int_start) == Some(&b'0');
        if int_len == 0 || leading_zero {
            return None;
        }
        let mut float = false;
        if self.peek() == Some(b'.') {
            self.at += 1;
            float = true;
            if self.digits() == 0 {
                return None;
            }
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.at += 1;
            float = true;
            if let Some(b'+' | b'-') = self.peek() {
                self.at += 1;
            }
            if self.digits() == 0 {
                return None;
            }
        }
        let token = self.text.get(start..self.at)?;
        if float {
            return serde_json::from_str::<f64>(token).ok().map(Json::Float);
        }
        if int_len > 18 {
            return None;
        }
        let digits = self.bytes.get(int_start..int_start + int_len)?;
        let magnitude = digits
            .iter()
            .fold(0u64, |acc, d| acc * 10 + u64::from(d - b'0'));
        match (negative, i64::try_from(magnitude).ok()?) {
            (false, _) => Some(Json::UInt(magnitude)),
            // serde_json reads `-0` as the float -0.0: let it.
            (true, 0) => None,
            (true, m) => Some(Json::Int(-m)),
        }
    }
}

/// The index of the first `"`, `\` or control character of `bytes`: eight bytes per step
/// (the bit trick of "determine if a word has a zero byte"; the lowest flagged byte is always
/// exact), then one by one.
fn string_end(bytes: &[u8]) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let zero_byte = |v: u64| v.wrapping_sub(ONES) & !v & HIGH;
    let mut chunks = bytes.chunks_exact(8);
    let mut offset = 0;
    for chunk in chunks.by_ref() {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let v = u64::from_le_bytes(word);
        let quote = zero_byte(v ^ (ONES * u64::from(b'"')));
        let backslash = zero_byte(v ^ (ONES * u64::from(b'\\')));
        let control = v.wrapping_sub(ONES * 0x20) & !v & HIGH;
        let found = quote | backslash | control;
        if found != 0 {
            return Some(offset + (found.trailing_zeros() / 8) as usize);
        }
        offset += 8;
    }
    let tail = chunks.remainder();
    let at = tail
        .iter()
        .position(|&b| b == b'"' || b == b'\\' || b < 0x20)?;
    Some(offset + at)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    /// The tree serde_json builds (through `Json`'s `Deserialize`).
    fn serde(text: &str) -> Option<Json<'_>> {
        let mut de = serde_json::Deserializer::from_str(text);
        let value = Json::deserialize(&mut de).ok()?;
        de.end().ok()?;
        Some(value)
    }

    #[test]
    fn reads_what_serde_json_reads() {
        for text in [
            r#"{"a": 1, "a": "x", "b": [1.5, null, true, false, -3, 0, 1e3, 2E-2, -0.5]}"#,
            r#" { "members" : [ {"age": 7}, [], {}, "x" ] , "é": "ü 🙂" } "#,
            "18446744073709551615",
            "-9223372036854775808",
            "123456789012345678",
            "-123456789012345678",
            "[]",
            "{}",
            "\"\"",
            "0",
        ] {
            if let Some(ours) = read(text) {
                assert_eq!(Some(ours), serde(text), "{text}");
            }
        }
        assert!(read(r#"{"a": [1, {"b": "c"}], "d": 2.25}"#).is_some());
    }

    #[test]
    fn string_end_finds_the_first_stop_byte() {
        let plain = |b: &[u8]| b.iter().position(|&c| c == b'"' || c == b'\\' || c < 0x20);
        let mut cases: Vec<Vec<u8>> = Vec::new();
        for len in 0..20 {
            for stop in [b'"', b'\\', 0x00, 0x1f, b'\n'] {
                for at in 0..len {
                    let mut v = vec![b'a'; len];
                    v[at] = stop;
                    cases.push(v.clone());
                    v.iter_mut().skip(at + 1).for_each(|c| *c = b'"');
                    cases.push(v);
                }
            }
            cases.push("é🙂\u{7f}x ".repeat(len).into_bytes());
        }
        for case in cases {
            assert_eq!(string_end(&case), plain(&case), "{case:?}");
        }
    }

    #[test]
    fn gives_up_on_what_it_does_not_take_on() {
        for text in [
            "{} x",
            "[",
            "{",
            "[1,]",
            "{\"a\":1,}",
            "01",
            "-",
            "1.",
            "1e",
            "-0",
            "\"a\\nb\"",
            "\"a\u{1}\"",
            "nul",
            "tru",
            "{\"a\" 1}",
            "{1: 2}",
            "1e400",
            "[1 2]",
            "123456789012345678901",
            "\u{feff}{}",
        ] {
            assert_eq!(read(text), None, "{text}");
        }
        let deep = format!("{}{}", "[".repeat(120), "]".repeat(120));
        assert_eq!(read(&deep), None);
        assert!(serde(&deep).is_some());
    }
}
