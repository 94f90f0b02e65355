//! A matcher for the patterns forms write most: a sequence of characters and character classes,
//! each repeated a bounded number of times — `[0-9]{8,12}`, `\d{10}`, `0[67]\d{8}`,
//! `[A-Z]{2}-[0-9]+` — matched against the whole text.
//!
//! `regex-lite` runs every pattern on a backtracking-free PikeVM, which costs thousands of
//! instructions for a ten-digit phone number; this runs the same pattern as a bit-parallel
//! automaton, a few instructions per character. It is used only beside the `regex-lite`
//! program it must agree with (the pattern is always compiled by `regex-lite` first, so the
//! errors are `regex-lite`'s), and only for patterns it reads completely: anything else
//! (groups, alternation, flags, anchors inside the pattern, `\b`, classes with set operations)
//! returns `None` and stays with `regex-lite`. The property test
//! `simple_patterns_match_as_regex_lite` compares the two on generated patterns and texts.

use std::iter::Peekable;
use std::str::Chars;

/// Longest pattern handled, in single-character positions after expanding `{m,n}`.
const MAX_POSITIONS: usize = 127;

/// A set of characters: ranges, possibly negated.
#[derive(Debug, Clone)]
struct Class {
    ranges: Vec<(char, char)>,
    negated: bool,
}

impl Class {
    fn of(ranges: &[(char, char)]) -> Self {
        Class {
            ranges: ranges.to_vec(),
            negated: false,
        }
    }

    fn contains(&self, c: char) -> bool {
        self.ranges.iter().any(|&(lo, hi)| lo <= c && c <= hi) != self.negated
    }
}

const DIGIT: &[(char, char)] = &[('0', '9')];
const WORD: &[(char, char)] = &[('0', '9'), ('A', 'Z'), ('_', '_'), ('a', 'z')];
const SPACE: &[(char, char)] = &[('\t', '\r'), (' ', ' ')];

/// A compiled simple pattern: per distinct class, the positions it may fill.
#[derive(Debug, Clone)]
pub(crate) struct SimpleRegex {
    /// Each class with the bit mask of the positions it fills.
    classes: Vec<(Class, u128)>,
    /// Positions that may be skipped (`?`, `*`, the optional part of `{m,n}`).
    optional: u128,
    /// Positions that may repeat (`*`, `+`, `{m,}`).
    looping: u128,
    /// The bit past the last position: reached means matched.
    accept: u128,
}

impl SimpleRegex {
    /// The matcher of `pattern`, when it is a sequence of repeated classes.
    pub(crate) fn new(pattern: &str) -> Option<Self> {
        let mut chars = pattern.chars().peekable();
        // A leading `^` and a trailing `$` say nothing more for a whole-text match.
        if chars.peek() == Some(&'^') {
            chars.next();
        }
        let mut out = SimpleRegex {
            classes: Vec::new(),
            optional: 0,
            looping: 0,
            accept: 1,
        };
        let mut positions = 0usize;
        while let Some(c) = chars.next() {
            if c == '$' && chars.peek().is_none() {
                break;
            }
            let class = atom(c, &mut chars)?;
            let (min, max) = quantifier(&mut chars)?;
            let mut mask = 0u128;
            let count = max.unwrap_or(min.max(1));
            for k in 0..count {
                let bit = 1u128.checked_shl(u32::try_from(positions).ok()?)?;
                mask |= bit;
                if k >= min {
                    out.optional |= bit;
                }
                if max.is_none() && k + 1 == count {
                    out.looping |= bit;
                }
                positions += 1;
                if positions > MAX_POSITIONS {
                    return None;
                }
            }
            out.classes.push((class, mask));
        }
        out.accept = 1u128.checked_shl(u32::try_from(positions).ok()?)?;
        Some(out)
    }

    /// True when the whole of `text` matches.
    pub(crate) fn is_match(&self, text: &str) -> bool {
        // Bit p of `states`: the first p positions are filled.
        let mut states = self.skip_optional(1);
        for c in text.chars() {
            let fits = self
                .classes
                .iter()
                .filter(|(class, _)| class.contains(c))
                .fold(0u128, |acc, (_, mask)| acc | mask);
            let filled = states & fits;
            states = self.skip_optional((filled << 1) | (filled & self.looping));
            if states == 0 {
                return false;
            }
        }
        states & self.accept != 0
    }

    /// `states` and every state reached from them by skipping optional positions.
    fn skip_optional(&self, mut states: u128) -> u128 {
        loop {
            let next = states | ((states & self.optional) << 1);
            if next == states {
                return states;
            }
            states = next;
        }
    }
}

/// One atom: a literal, `.`, an escape or a bracketed class.
fn atom(c: char, chars: &mut Peekable<Chars<'_>>) -> Option<Class> {
    match c {
        '.' => Some(Class {
            ranges: vec![('\n', '\n')],
            negated: true,
        }),
        '\\' => escape(chars.next()?),
        '[' => bracket(chars),
        c if is_meta(c) => None,
        c => Some(Class::of(&[(c, c)])),
    }
}

/// Characters with a meaning of their own outside a class (and `#`, `&`, `~`, `-` and space,
/// whose meaning depends on flags or on the position: left to `regex-lite`).
fn is_meta(c: char) -> bool {
    matches!(
        c,
        '\\' | '.'
            | '+'
            | '*'
            | '?'
            | '('
            | ')'
            | '|'
            | '['
            | ']'
            | '{'
            | '}'
            | '^'
            | '$'
            | '#'
            | '&'
            | '~'
    ) || c.is_whitespace()
}

/// What an escape stands for: a set (`\d`, `\w`, `\s`, ASCII as java.util.regex) or an
/// escaped punctuation character.
enum Escaped {
    Set(&'static [(char, char)]),
    Char(char),
}

fn escaped(c: char) -> Option<Escaped> {
    match c {
        'd' => Some(Escaped::Set(DIGIT)),
        'w' => Some(Escaped::Set(WORD)),
        's' => Some(Escaped::Set(SPACE)),
        c if c.is_ascii_punctuation() => Some(Escaped::Char(c)),
        _ => None,
    }
}

fn escape(c: char) -> Option<Class> {
    Some(match escaped(c)? {
        Escaped::Set(set) => Class::of(set),
        Escaped::Char(c) => Class::of(&[(c, c)]),
    })
}

/// The rest of a `[...]` class: characters, ranges, `\d \w \s`, escaped punctuation, an
/// optional leading `^`. Nested classes, set operations and a `]` or `-` taken literally are
/// left to `regex-lite`.
fn bracket(chars: &mut Peekable<Chars<'_>>) -> Option<Class> {
    let mut class = Class {
        ranges: Vec::new(),
        negated: chars.next_if_eq(&'^').is_some(),
    };
    loop {
        let lo = match chars.next()? {
            ']' if !class.ranges.is_empty() => return Some(class),
            '\\' => match escaped(chars.next()?)? {
                Escaped::Set(set) => {
                    class.ranges.extend_from_slice(set);
                    continue;
                }
                Escaped::Char(c) => c,
            },
            c if is_class_meta(c) => return None,
            c => c,
        };
        let hi = match chars.next_if_eq(&'-') {
            None => lo,
            Some(_) => match chars.next()? {
                hi if is_class_meta(hi) || hi < lo => return None,
                hi => hi,
            },
        };
        class.ranges.push((lo, hi));
    }
}

/// Inside a class: characters read here only when escaped (or not at all).
fn is_class_meta(c: char) -> bool {
    matches!(c, '[' | ']' | '&' | '~' | '-' | '\\') || c.is_whitespace()
}

/// `?`, `*`, `+`, `{m}`, `{m,}`, `{m,n}` or nothing: (min, max) with `None` for unbounded.
/// Lazy (`*?`) and possessive forms are left to `regex-lite`.
fn quantifier(chars: &mut Peekable<Chars<'_>>) -> Option<(usize, Option<usize>)> {
    let bounds = match chars.peek() {
        Some('?') => (0, Some(1)),
        Some('*') => (0, None),
        Some('+') => (1, None),
        Some('{') => {
            chars.next();
            let min = number(chars)?;
            let max = if chars.next_if_eq(&',').is_some() {
                match chars.peek() {
                    Some('}') => None,
                    _ => Some(number(chars)?),
                }
            } else {
                Some(min)
            };
            chars.next_if_eq(&'}')?;
            if max.is_some_and(|m| m < min) || matches!(chars.peek(), Some('?' | '+')) {
                return None;
            }
            return Some((min, max));
        }
        _ => return Some((1, Some(1))),
    };
    chars.next();
    if matches!(chars.peek(), Some('?' | '+' | '*' | '{')) {
        return None;
    }
    Some(bounds)
}

/// A small decimal number (a repetition bound).
fn number(chars: &mut Peekable<Chars<'_>>) -> Option<usize> {
    let mut n: usize = 0;
    let mut digits = 0;
    while let Some(d) = chars.peek().and_then(|c| c.to_digit(10)) {
        chars.next();
        n = n.checked_mul(10)?.checked_add(usize::try_from(d).ok()?)?;
        digits += 1;
        if n > MAX_POSITIONS {
            return None;
        }
    }
    (digits > 0).then_some(n)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use proptest::prelude::*;

    use super::SimpleRegex;

    /// `regex-lite`'s answer for a whole-text match, the reference.
    fn reference(pattern: &str, text: &str) -> bool {
        regex_lite::Regex::new(&format!("^(?:{pattern})$"))
            .unwrap()
            .is_match(text)
    }

    #[test]
    fn phone_numbers() {
        let phone = SimpleRegex::new("[0-9]{8,12}").unwrap();
        assert!(phone.is_match("0612345678"));
        assert!(phone.is_match("06123456"));
        assert!(!phone.is_match("0612345"));
        assert!(!phone.is_match("0612345678901"));
        assert!(!phone.is_match("06 12 34 56 78"));
        // Arabic-Indic digits are not `\d`, as in ODK Collect.
        assert!(!SimpleRegex::new(r"\d{3}").unwrap().is_match("٠٦١"));
        assert!(SimpleRegex::new(r"^0[67]\d{8}$")
            .unwrap()
            .is_match("0712345678"));
        assert!(SimpleRegex::new(r"[A-Z]{2}-[0-9]+")
            .unwrap()
            .is_match("FR-2026"));
        assert!(!SimpleRegex::new(r"[A-Z]{2}-[0-9]+")
            .unwrap()
            .is_match("FR-"));
    }

    #[test]
    fn anything_else_is_left_to_regex_lite() {
        for pattern in [
            "(a|b)",
            "a|b",
            "(?i)abc",
            "a*?",
            "a+?",
            r"\bword",
            "[[:digit:]]",
            "[a-z&&b]",
            "[]a]",
            "[-a]",
            "a b",
            "a{,3}",
            "x^",
            "a$b",
            r"\p{L}",
            "[a-]",
        ] {
            assert!(SimpleRegex::new(pattern).is_none(), "{pattern}");
        }
    }

    fn atom() -> impl Strategy<Value = String> {
        prop::sample::select(vec![
            "a", "b", "1", "-", "é", ".", r"\d", r"\w", r"\s", r"\.", r"\-", "[a-c]", "[^0-9]",
            r"[\d_]", "[x-z0-3]", "[^a]", "[é-ê]",
        ])
        .prop_map(str::to_owned)
    }

    fn quantifier() -> impl Strategy<Value = String> {
        prop_oneof![
            Just(String::new()),
            Just("?".to_owned()),
            Just("*".to_owned()),
            Just("+".to_owned()),
            (0usize..4).prop_map(|m| format!("{{{m}}}")),
            (0usize..4).prop_map(|m| format!("{{{m},}}")),
            (0usize..3, 0usize..3).prop_map(|(m, d)| format!("{{{m},{}}}", m + d)),
        ]
    }

    fn pattern() -> impl Strategy<Value = String> {
        (
            any::<bool>(),
            prop::collection::vec((atom(), quantifier()), 0..6),
            any::<bool>(),
        )
            .prop_map(|(start, items, end)| {
                let body: String = items.into_iter().map(|(a, q)| a + &q).collect();
                format!(
                    "{}{body}{}",
                    if start { "^" } else { "" },
                    if end { "$" } else { "" }
                )
            })
    }

    /// Every single class with every quantifier, on every text of up to three characters
    /// (random texts rarely match; these do).
    #[test]
    fn single_items_match_as_regex_lite_on_short_texts() {
        let alphabet = ['a', '1', '-', '.', 'é', '\n', '_', ' '];
        let mut texts = vec![String::new()];
        for _ in 0..3 {
            let longer: Vec<String> = texts
                .iter()
                .filter(|t| t.chars().count() == texts.last().map_or(0, |l| l.chars().count()))
                .flat_map(|t| alphabet.iter().map(move |c| format!("{t}{c}")))
                .collect();
            texts.extend(longer);
        }
        let atoms = [
            "a", "1", "-", "é", ".", r"\d", r"\w", r"\s", r"\.", "[a-c]", "[^0-9]", r"[\d_]",
        ];
        let quantifiers = ["", "?", "*", "+", "{2}", "{0,}", "{2,}", "{1,3}", "{0,2}"];
        for atom in atoms {
            for quantifier in quantifiers {
                let pattern = format!("{atom}{quantifier}a?");
                let simple = SimpleRegex::new(&pattern).unwrap();
                for text in &texts {
                    assert_eq!(
                        simple.is_match(text),
                        reference(&pattern, text),
                        "{pattern} on {text:?}"
                    );
                }
            }
        }
    }

    proptest! {
        /// Any text as a pattern: never a panic, and whenever `regex-lite` accepts it (the
        /// only case it is used in) and it is read as simple, the same answers.
        #[test]
        fn arbitrary_patterns_read_as_simple_match_as_regex_lite(
            pattern in "[\\[\\]\\\\^$.*+?{}(|)0-9a-c,\\-dwsé ]{0,12}",
            texts in prop::collection::vec("[abc019,. \n-]{0,6}", 6),
        ) {
            let simple = SimpleRegex::new(&pattern);
            let accepted = regex_lite::Regex::new(&pattern).is_ok()
                && regex_lite::Regex::new(&format!("^(?:{pattern})$")).is_ok();
            if let (Some(simple), true) = (simple, accepted) {
                for text in &texts {
                    prop_assert_eq!(simple.is_match(text), reference(&pattern, text), "{} on {:?}", pattern, text);
                }
            }
        }

        #[test]
        fn simple_patterns_match_as_regex_lite(
            pattern in pattern(),
            texts in prop::collection::vec("[abc01x_. \n\té9ê-]{0,8}", 8),
        ) {
            let simple = SimpleRegex::new(&pattern);
            prop_assert!(simple.is_some(), "{}", pattern);
            let simple = simple.unwrap();
            for text in &texts {
                prop_assert_eq!(simple.is_match(text), reference(&pattern, text), "{} on {:?}", pattern, text);
            }
        }
    }
}
