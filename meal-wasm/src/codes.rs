//! The `MealErrorCode` union of the `.d.ts`: every code the core can raise, written at compile
//! time from the core's catalogue (`meal_core::i18n::CATALOGUES`), so the declarations can
//! never lag behind the codes. No hand-kept list: a new code in the core is a new member of the
//! union at the next build.

// The items below are read by the wasm-bindgen macro's compile-time evaluation of the section,
// which rustc does not count as a use.
#![allow(dead_code)]

use meal_core::i18n::{Message, CATALOGUES};
use wasm_bindgen::prelude::*;

const PREFIX: &str = "\n/** Every stable code the core can raise (its i18n catalogue, generated at build time). */\nexport type MealErrorCode =";
const SUFFIX: &str = ";\n";

/// Each code is written as `\n  | "code"`.
const MEMBER_OVERHEAD: usize = "\n  | \"\"".len();

/// The length of the declaration, known at compile time.
const fn declaration_len() -> usize {
    let mut len = PREFIX.len() + SUFFIX.len();
    let mut tables: &[&[Message]] = CATALOGUES;
    while let [table, rest @ ..] = tables {
        let mut messages: &[Message] = table;
        while let [message, more @ ..] = messages {
            len += MEMBER_OVERHEAD + message.code.len();
            messages = more;
        }
        tables = rest;
    }
    len
}

const LEN: usize = declaration_len();

/// Copies `text` into `out` at `at`; returns the position after it.
// Compile-time only: an index out of bounds fails the build, it cannot happen at run time.
#[allow(clippy::indexing_slicing)]
const fn put(out: &mut [u8; LEN], at: usize, text: &str) -> usize {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        out[at + i] = bytes[i];
        i += 1;
    }
    at + bytes.len()
}

const fn declaration() -> [u8; LEN] {
    let mut out = [0u8; LEN];
    let mut at = put(&mut out, 0, PREFIX);
    let mut tables: &[&[Message]] = CATALOGUES;
    while let [table, rest @ ..] = tables {
        let mut messages: &[Message] = table;
        while let [message, more @ ..] = messages {
            at = put(&mut out, at, "\n  | \"");
            at = put(&mut out, at, message.code);
            at = put(&mut out, at, "\"");
            messages = more;
        }
        tables = rest;
    }
    put(&mut out, at, SUFFIX);
    out
}

const BYTES: [u8; LEN] = declaration();

/// The declaration as text (the macro below consumes its own constant, so tests read this one).
const DECLARATION: &str = match std::str::from_utf8(&BYTES) {
    Ok(text) => text,
    // Only whole `&str`s are copied, so the bytes are UTF-8; the arm keeps the build honest.
    Err(_) => "\nexport type MealErrorCode = string;\n",
};

#[wasm_bindgen(typescript_custom_section)]
const MEAL_ERROR_CODE_TS: &str = DECLARATION;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_union_lists_every_catalogue_code_once() {
        let codes: Vec<&str> = meal_core::i18n::catalogue().map(|m| m.code).collect();
        for code in &codes {
            assert_eq!(
                DECLARATION.matches(&format!("| \"{code}\"\n")).count()
                    + DECLARATION.matches(&format!("| \"{code}\";")).count(),
                1,
                "{code}"
            );
        }
        assert!(DECLARATION.contains("| \"period.invalid\""));
        assert!(DECLARATION.ends_with("\";\n"));
    }
}
