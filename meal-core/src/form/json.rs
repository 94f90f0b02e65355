//! The JSON tree of a submission, read straight from the text: keys and strings borrowed when
//! they have no escapes, objects kept as ordered pairs so that duplicate keys stay visible.

use std::borrow::Cow;
use std::fmt;

use serde::de::{Deserialize, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

/// A JSON value of a submission. Strings and keys borrow from the text when they have no
/// escapes; an object keeps its pairs in order, duplicates included.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Json<'a> {
    Null,
    Bool(bool),
    Int(i64),
    UInt(u64),
    Float(f64),
    Str(Cow<'a, str>),
    Array(Vec<Json<'a>>),
    Object(Vec<(Cow<'a, str>, Json<'a>)>),
}

impl Json<'_> {
    /// Null, `""` and `[]` are the empty value (XPath's `""`).
    pub(crate) fn is_empty(&self) -> bool {
        match self {
            Json::Null => true,
            Json::Str(s) => s.is_empty(),
            Json::Array(items) => items.is_empty(),
            _ => false,
        }
    }

    /// The value as `serde_json` JSON (for values kept verbatim in `cleaned` or findings).
    pub(crate) fn to_value(&self) -> serde_json::Value {
        match self {
            Json::Null => serde_json::Value::Null,
            Json::Bool(b) => serde_json::Value::Bool(*b),
            Json::Int(i) => serde_json::Value::from(*i),
            Json::UInt(u) => serde_json::Value::from(*u),
            Json::Float(f) => serde_json::Number::from_f64(*f)
                .map_or(serde_json::Value::Null, serde_json::Value::Number),
            Json::Str(s) => serde_json::Value::String(s.to_string()),
            Json::Array(items) => items.iter().map(Json::to_value).collect(),
            Json::Object(pairs) => serde_json::Value::Object(
                pairs
                    .iter()
                    .map(|(k, v)| (k.to_string(), v.to_value()))
                    .collect(),
            ),
        }
    }

    /// A short text of the value for message parameters.
    pub(crate) fn shown(&self) -> String {
        match self {
            Json::Str(s) => s.to_string(),
            other => other.to_value().to_string(),
        }
    }
}

/// Parses submission text. The common case (no escapes, no deep nesting) is read by a small
/// reader of our own ([`super::json_reader`]); anything it does not take on — and every error —
/// goes to `serde_json`, so the tree and the error are serde_json's.
pub(crate) fn parse(text: &str) -> Result<Json<'_>, serde_json::Error> {
    if let Some(value) = super::json_reader::read(text) {
        return Ok(value);
    }
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let value = Json::deserialize(&mut deserializer)?;
    deserializer.end()?;
    Ok(value)
}

/// Items and pairs of the arrays and objects being read, as a stack shared by the whole
/// parse: each array or object is then moved out in one allocation of its exact size.
struct Scratch<'a> {
    items: Vec<Json<'a>>,
    pairs: Vec<(Cow<'a, str>, Json<'a>)>,
}

struct JsonVisitor<'s, 'a> {
    scratch: &'s mut Scratch<'a>,
}

impl<'de> DeserializeSeed<'de> for JsonVisitor<'_, 'de> {
    type Value = Json<'de>;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for JsonVisitor<'_, 'de> {
    type Value = Json<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(Json::Null)
    }
    fn visit_none<E>(self) -> Result<Self::Value, E> {
        Ok(Json::Null)
    }
    fn visit_bool<E>(self, v: bool) -> Result<Self::Value, E> {
        Ok(Json::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Self::Value, E> {
        Ok(Json::Int(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Self::Value, E> {
        Ok(Json::UInt(v))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Self::Value, E> {
        Ok(Json::Float(v))
    }
    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Json::Str(Cow::Borrowed(v)))
    }
    fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Json::Str(Cow::Owned(v.to_owned())))
    }
    fn visit_string<E>(self, v: String) -> Result<Self::Value, E> {
        Ok(Json::Str(Cow::Owned(v)))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let start = self.scratch.items.len();
        while let Some(item) = seq.next_element_seed(JsonVisitor {
            scratch: &mut *self.scratch,
        })? {
            self.scratch.items.push(item);
        }
        Ok(Json::Array(self.scratch.items.drain(start..).collect()))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let start = self.scratch.pairs.len();
        while let Some(Key(key)) = map.next_key()? {
            let value = map.next_value_seed(JsonVisitor {
                scratch: &mut *self.scratch,
            })?;
            self.scratch.pairs.push((key, value));
        }
        Ok(Json::Object(self.scratch.pairs.drain(start..).collect()))
    }
}

impl<'de> Deserialize<'de> for Json<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let mut scratch = Scratch {
            items: Vec::new(),
            pairs: Vec::with_capacity(64),
        };
        deserializer.deserialize_any(JsonVisitor {
            scratch: &mut scratch,
        })
    }
}

/// An object key, borrowed when it has no escapes.
struct Key<'a>(Cow<'a, str>);

struct KeyVisitor;

impl<'de> Visitor<'de> for KeyVisitor {
    type Value = Key<'de>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a key")
    }
    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Key(Cow::Borrowed(v)))
    }
    fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Key(Cow::Owned(v.to_owned())))
    }
    fn visit_string<E>(self, v: String) -> Result<Self::Value, E> {
        Ok(Key(Cow::Owned(v)))
    }
}

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(KeyVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_keeps_duplicates_and_borrows() {
        let j = parse(r#"{"a": 1, "a": "x", "b\n": [1.5, null, true]}"#).unwrap();
        let Json::Object(pairs) = &j else { panic!() };
        assert_eq!(pairs.len(), 3);
        assert!(matches!(pairs[0].0, Cow::Borrowed("a")));
        assert!(matches!(pairs[2].0, Cow::Owned(_)));
        assert!(parse("{} x").is_err());
        assert!(parse("[").is_err());
    }
}
