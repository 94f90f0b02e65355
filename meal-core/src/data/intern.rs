//! The dictionary of a text column while it is loaded: text → code in first-seen order.
//!
//! Why not a `HashMap<Box<str>, u32>`: a column like `record_id` or `person` has about as
//! many distinct texts as rows, and such a map allocates a box per new text and rereads every
//! text each time it grows (to rehash it) — on a 10-million-row load that was three quarters
//! of the time. Here the texts live end to end in one buffer, and the open-addressing table
//! keeps 32 bits of each text's hash beside its code, so growing never touches a text and a
//! probe compares text bytes only when the hash bits already agree. One hash per cell.

use std::hash::Hasher;

use rustc_hash::FxHasher;

use crate::data::NULL_CODE;

/// Texts in first-seen order, found by content.
#[derive(Debug, Default)]
pub(crate) struct Interner {
    /// Every text, end to end.
    bytes: String,
    /// End offset in `bytes` of the text of each code.
    ends: Vec<usize>,
    /// Open addressing with linear probing: `(hash bits, code)`, `NULL_CODE` when free.
    /// Never more than half full, so probes stay short.
    slots: Vec<(u32, u32)>,
}

impl Interner {
    /// The code of `text`, adding it when new; `None` when every `u32` code below
    /// [`NULL_CODE`] is taken.
    pub(crate) fn intern(&mut self, text: &str) -> Option<u32> {
        if self.slots.is_empty() {
            self.slots = vec![(0, NULL_CODE); 16];
        }
        let hash = hash(text);
        let mask = self.slots.len() - 1;
        let mut position = start(hash, mask);
        loop {
            let (bits, code) = *self.slots.get(position)?;
            if code == NULL_CODE {
                break;
            }
            if bits == hash && self.text(code) == Some(text) {
                return Some(code);
            }
            position = (position + 1) & mask;
        }
        let code = u32::try_from(self.ends.len())
            .ok()
            .filter(|&c| c != NULL_CODE)?;
        self.bytes.push_str(text);
        self.ends.push(self.bytes.len());
        *self.slots.get_mut(position)? = (hash, code);
        if self.ends.len() * 2 > self.slots.len() {
            self.grow();
        }
        Some(code)
    }

    /// The text of `code`.
    fn text(&self, code: u32) -> Option<&str> {
        let code = usize::try_from(code).ok()?;
        let start = match code.checked_sub(1) {
            Some(previous) => *self.ends.get(previous)?,
            None => 0,
        };
        self.bytes.get(start..*self.ends.get(code)?)
    }

    /// Doubles the table, placing each code by its stored hash bits (no text is read).
    fn grow(&mut self) {
        let size = self.slots.len() * 2;
        let mask = size - 1;
        let mut slots = vec![(0, NULL_CODE); size];
        for &(bits, code) in self.slots.iter().filter(|(_, code)| *code != NULL_CODE) {
            let mut position = start(bits, mask);
            while slots.get(position).is_some_and(|(_, c)| *c != NULL_CODE) {
                position = (position + 1) & mask;
            }
            if let Some(slot) = slots.get_mut(position) {
                *slot = (bits, code);
            }
        }
        self.slots = slots;
    }

    /// The dictionary: the texts in code order.
    pub(crate) fn into_dictionary(self) -> Vec<String> {
        (0..self.ends.len())
            .filter_map(|code| u32::try_from(code).ok())
            .map(|code| self.text(code).unwrap_or_default().to_owned())
            .collect()
    }
}

fn hash(text: &str) -> u32 {
    let mut hasher = FxHasher::default();
    hasher.write(text.as_bytes());
    let full = hasher.finish();
    (full ^ (full >> 32)) as u32
}

/// The first slot for `bits` (Fibonacci hashing spreads any bits over the table).
fn start(bits: u32, mask: usize) -> usize {
    let spread = u64::from(bits).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 32;
    (spread as usize) & mask
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_follow_first_sight_and_repeat_for_the_same_text() {
        let mut interner = Interner::default();
        let texts = ["b", "a", "", "b", "ab", "a"];
        let codes: Vec<u32> = texts.iter().map(|t| interner.intern(t).unwrap()).collect();
        assert_eq!(codes, [0, 1, 2, 0, 3, 1]);
        assert_eq!(interner.into_dictionary(), ["b", "a", "", "ab"]);
    }

    #[test]
    fn growing_keeps_every_code() {
        let mut interner = Interner::default();
        for round in 0..2 {
            for i in 0..10_000u32 {
                assert_eq!(
                    interner.intern(&format!("IDF-{i:07}")),
                    Some(i),
                    "round {round}"
                );
            }
        }
        let dictionary = interner.into_dictionary();
        assert_eq!(dictionary.len(), 10_000);
        assert_eq!(dictionary[9_999], "IDF-0009999");
    }
}
