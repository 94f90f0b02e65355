//! The texts of a JSON array's elements, found by one scan of brackets, braces and strings —
//! so that a batch of submissions can be parsed element by element on every core instead of
//! as one tree on one. The scan checks structure only; each element is then parsed on its
//! own, and the caller goes back to parsing the whole text whenever an element fails, so an
//! error is always the one the whole text gives.

/// Deeper than this the scan gives up: an element parsed alone sits one level higher than in
/// its array, and near the parser's depth limit that could change the answer.
const MAX_DEPTH: usize = 100;

/// The trimmed text of each element of the array `text` is; `None` when `text` is not one
/// well-bracketed array with only whitespace around it and no empty element.
pub(crate) fn array_elements(text: &str) -> Option<Vec<&str>> {
    let bytes = text.as_bytes();
    let open = bytes.iter().position(|b| !is_space(*b))?;
    if bytes.get(open) != Some(&b'[') {
        return None;
    }
    let mut elements = Vec::new();
    let mut depth = 0usize;
    let mut start = open + 1;
    let mut at = start;
    while let Some(&byte) = bytes.get(at) {
        match byte {
            b'"' => at = string_close(bytes, at + 1)?,
            b'[' | b'{' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return None;
                }
            }
            b']' | b'}' if depth > 0 => depth -= 1,
            b',' if depth == 0 => {
                elements.push(element(text, start, at)?);
                start = at + 1;
            }
            b']' => {
                let last = text.get(start..at)?.trim_matches(is_space_char);
                // `[]` has no element; `[1,]` has an empty one.
                if !(last.is_empty() && elements.is_empty()) {
                    elements.push(element(text, start, at)?);
                }
                let rest = bytes.get(at + 1..)?;
                return rest.iter().all(|b| is_space(*b)).then_some(elements);
            }
            b'}' => return None,
            _ => {}
        }
        at += 1;
    }
    None
}

/// The non-empty trimmed text between `start` and `end`.
fn element(text: &str, start: usize, end: usize) -> Option<&str> {
    let element = text.get(start..end)?.trim_matches(is_space_char);
    (!element.is_empty()).then_some(element)
}

/// The index of the `"` closing the string whose text starts at `at`.
fn string_close(bytes: &[u8], mut at: usize) -> Option<usize> {
    loop {
        match bytes.get(at)? {
            b'"' => return Some(at),
            b'\\' => at += 2,
            _ => at += 1,
        }
    }
}

fn is_space(byte: u8) -> bool {
    matches!(byte, b' ' | b'\t' | b'\n' | b'\r')
}

fn is_space_char(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r')
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use proptest::prelude::*;
    use serde_json::Value;

    use super::array_elements;

    fn json() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(Value::from),
            "[a-z,\\[\\]{}\"\\\\ é]{0,6}".prop_map(Value::String),
        ];
        leaf.prop_recursive(4, 24, 4, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
                prop::collection::btree_map("[a-z\\],]{1,3}", inner, 0..4)
                    .prop_map(|m| Value::Object(m.into_iter().collect())),
            ]
        })
    }

    proptest! {
        /// Each element's text parses to the item the whole array holds at its place.
        #[test]
        fn elements_are_the_items_of_the_array(
            items in prop::collection::vec(json(), 0..6),
            pretty in any::<bool>(),
        ) {
            let array = Value::Array(items.clone());
            let text = if pretty {
                serde_json::to_string_pretty(&array).unwrap()
            } else {
                serde_json::to_string(&array).unwrap()
            };
            let elements = array_elements(&text).unwrap();
            let parsed: Vec<Value> = elements
                .iter()
                .map(|e| serde_json::from_str(e).unwrap())
                .collect();
            prop_assert_eq!(parsed, items);
        }

        /// Whenever the scan splits a text and every element parses, the whole text is that
        /// array.
        #[test]
        fn a_split_that_parses_is_the_whole_array(text in "[\\[\\]{}\",:1a \\\\]{0,16}") {
            if let Some(elements) = array_elements(&text) {
                let parsed: Result<Vec<Value>, _> =
                    elements.iter().map(|e| serde_json::from_str(e)).collect();
                if let Ok(items) = parsed {
                    let whole: Value = serde_json::from_str(&text).unwrap();
                    prop_assert_eq!(whole, Value::Array(items));
                }
            }
        }
    }

    #[test]
    fn elements_of_a_batch() {
        assert_eq!(
            array_elements(r#" [ {"a": "x,]}"} , {"b": [1, {"c": "\"]"}]}, 3 ]  "#),
            Some(vec![r#"{"a": "x,]}"}"#, r#"{"b": [1, {"c": "\"]"}]}"#, "3"])
        );
        assert_eq!(array_elements("[]"), Some(vec![]));
        assert_eq!(array_elements(" [ ] "), Some(vec![]));
    }

    #[test]
    fn anything_else_is_left_to_the_parser() {
        for text in [
            "", "{}", "[1,]", "[,1]", "[1,,2]", "[1] x", "[1", "[\"a]", "[1}", "[{]}", "x[1]",
        ] {
            assert_eq!(array_elements(text), None, "{text}");
        }
        let deep = format!("[{}{}]", "[".repeat(101), "]".repeat(101));
        assert_eq!(array_elements(&deep), None);
    }
}
