//! Reading JSON documents (logframes, and later plans, forms, rules) the same way everywhere.
//!
//! Every document carries a `format_version`. Reading happens in three steps so that each
//! failure says where and why:
//! 1. syntax (`json.malformed`, with line and column);
//! 2. the format version (`document.format_version`), before the shape is looked at, so an
//!    old or future document fails with the real reason rather than a confusing type error;
//! 3. the shape (`document.invalid`, with the path of the offending value).
//!
//! Fields the type does not know are not dropped silently: each becomes a
//! `document.unknown_field` finding with its path.

use serde::de::DeserializeOwned;

use crate::error::{Finding, MealError};
use crate::i18n::{Message, Term};

/// A document read from JSON, with the findings reading produced (unknown fields).
#[derive(Debug, Clone, PartialEq)]
pub struct Parsed<T> {
    /// The document.
    pub value: T,
    /// Problems noticed while reading that did not stop it (unknown fields).
    pub findings: Vec<Finding>,
}

/// The field every document uses for its format version.
pub const FORMAT_VERSION_FIELD: &str = "format_version";

/// Reads a document of `kind` (used in messages) whose format version must be `version`.
pub fn read<T: DeserializeOwned>(
    json: &str,
    kind: &str,
    version: u32,
) -> Result<Parsed<T>, MealError> {
    let value: serde_json::Value = serde_json::from_str(json).map_err(|e| malformed(&e))?;
    check_version(&value, kind, version)?;
    let mut parsed = from_value(value, kind)?;
    parsed.findings.extend(
        duplicate_keys(json)
            .into_iter()
            .map(|(path, key)| Finding::error("document.duplicate_key", path).with("key", key)),
    );
    crate::error::sort_findings(&mut parsed.findings);
    Ok(parsed)
}

/// The keys written twice in one object, with the object's path. serde_json keeps the last
/// value and drops the first without a word; a document must say so instead.
pub(crate) fn duplicate_keys(json: &str) -> Vec<(String, String)> {
    let mut found = Vec::new();
    let mut deserializer = serde_json::Deserializer::from_str(json);
    // The text was already read once, so this walk cannot fail short of the depth limit,
    // which the first read would have hit too.
    let _ = serde::de::DeserializeSeed::deserialize(
        KeyWalk {
            path: String::new(),
            found: &mut found,
        },
        &mut deserializer,
    );
    found
}

/// Walks a JSON value, recording duplicate keys of every object.
struct KeyWalk<'a> {
    path: String,
    found: &'a mut Vec<(String, String)>,
}

impl<'de> serde::de::DeserializeSeed<'de> for KeyWalk<'_> {
    type Value = ();

    fn deserialize<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> serde::de::Visitor<'de> for KeyWalk<'_> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut seen = std::collections::BTreeSet::new();
        while let Some(key) = map.next_key::<String>()? {
            let path = format!("{}/{key}", self.path);
            if !seen.insert(key.clone()) {
                let at = if self.path.is_empty() {
                    "/".to_owned()
                } else {
                    self.path.clone()
                };
                self.found.push((at, key));
            }
            map.next_value_seed(KeyWalk {
                path,
                found: self.found,
            })?;
        }
        Ok(())
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut index = 0usize;
        while seq
            .next_element_seed(KeyWalk {
                path: format!("{}/{index}", self.path),
                found: self.found,
            })?
            .is_some()
        {
            index += 1;
        }
        Ok(())
    }

    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }

    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }

    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }

    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }

    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        Ok(())
    }

    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }
}

/// The `json.malformed` error for a syntax error, with its position.
pub fn malformed(error: &serde_json::Error) -> MealError {
    MealError::new("json.malformed")
        .with("line", error.line())
        .with("column", error.column())
        .with("detail", error)
}

fn check_version(value: &serde_json::Value, kind: &str, version: u32) -> Result<(), MealError> {
    let found = value.get(FORMAT_VERSION_FIELD);
    if found.and_then(serde_json::Value::as_u64) == Some(u64::from(version)) {
        return Ok(());
    }
    let shown = found.map_or_else(|| "none".to_owned(), ToString::to_string);
    Err(MealError::new("document.format_version")
        .at(format!("/{FORMAT_VERSION_FIELD}"))
        .with("kind", kind)
        .with("expected", version)
        .with("found", shown))
}

fn from_value<T: DeserializeOwned>(
    value: serde_json::Value,
    kind: &str,
) -> Result<Parsed<T>, MealError> {
    let mut unknown = Vec::new();
    let mut track = serde_path_to_error::Track::new();
    let tracked = serde_path_to_error::Deserializer::new(value, &mut track);
    let result =
        serde_ignored::deserialize(tracked, |path| unknown.push(pointer(&path.to_string())));
    match result {
        Ok(value) => Ok(Parsed {
            value,
            findings: unknown
                .into_iter()
                .map(|path| Finding::error("document.unknown_field", path).with("kind", kind))
                .collect(),
        }),
        Err(error) => Err(MealError::new("document.invalid")
            .at(pointer(&track.path().to_string()))
            .with("kind", kind)
            .with("detail", error)),
    }
}

/// Turns the dotted paths of serde helpers (`objectives[3].parent`, `.`) into JSON pointers.
fn pointer(dotted: &str) -> String {
    let mut out = String::new();
    for segment in dotted
        .split(['.', '[', ']'])
        .filter(|s| !s.is_empty() && *s != "?")
    {
        out.push('/');
        out.push_str(segment);
    }
    if out.is_empty() {
        out.push('/');
    }
    out
}

/// Domain terms this module puts in message parameters.
pub const TERMS: &[Term] = &[
    Term {
        key: "logframe",
        en: "logframe",
        fr: "cadre logique",
    },
    Term {
        key: "indicator",
        en: "indicator",
        fr: "indicateur",
    },
    Term {
        key: "argument",
        en: "argument",
        fr: "argument",
    },
];

/// Messages of this module's codes.
pub const MESSAGES: &[Message] = &[
    Message {
        code: "json.malformed",
        en: "The JSON text is malformed at line {line}, column {column}: {detail}",
        fr: "Le texte JSON est mal formé à la ligne {line}, colonne {column} : {detail}",
    },
    Message {
        code: "document.format_version",
        en: "This {kind} document has format version {found}; this library reads version {expected}",
        fr: "Ce document {kind} est au format version {found} ; cette bibliothèque lit la version {expected}",
    },
    Message {
        code: "document.invalid",
        en: "This {kind} document does not have the expected shape: {detail}",
        fr: "Ce document {kind} n'a pas la forme attendue : {detail}",
    },
    Message {
        code: "document.duplicate_key",
        en: "The key '{key}' is written twice in this object; only the last value was read",
        fr: "La clé « {key} » figure deux fois dans cet objet ; seule la dernière valeur a été lue",
    },
    Message {
        code: "document.unknown_field",
        en: "Unknown field in this {kind} document; it was not read (check its spelling)",
        fr: "Champ inconnu dans ce document {kind} ; il n'a pas été lu (vérifiez son orthographe)",
    },
];

/// A short, stable fingerprint of a document: `sha256:` and the first 16 hex digits of the
/// SHA-256 of its canonical JSON. Two documents with the same content have the same
/// fingerprint whatever their key order or spacing; provenance cites documents by it.
pub fn fingerprint(document: &impl serde::Serialize) -> String {
    use sha2::Digest;
    let value = serde_json::to_value(document).unwrap_or(serde_json::Value::Null);
    let digest = sha2::Sha256::digest(canonical_json(&value).as_bytes());
    let hex: String = digest.iter().take(8).map(|b| format!("{b:02x}")).collect();
    format!("sha256:{hex}")
}

/// Compact JSON with object keys sorted at every depth, whatever map order serde_json was
/// built with (its `preserve_order` feature can be switched on by any crate of a build).
pub fn canonical_json(value: &serde_json::Value) -> String {
    let mut out = String::new();
    write_canonical(value, &mut out);
    out
}

fn write_canonical(value: &serde_json::Value, out: &mut String) {
    match value {
        serde_json::Value::Array(items) => {
            out.push('[');
            for (index, item) in items.iter().enumerate() {
                if index > 0 {
                    out.push(',');
                }
                write_canonical(item, out);
            }
            out.push(']');
        }
        serde_json::Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            out.push('{');
            for (index, key) in keys.into_iter().enumerate() {
                if index > 0 {
                    out.push(',');
                }
                out.push_str(&serde_json::Value::from(key.as_str()).to_string());
                out.push(':');
                if let Some(item) = map.get(key) {
                    write_canonical(item, out);
                }
            }
            out.push('}');
        }
        scalar => out.push_str(&scalar.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize, PartialEq)]
    struct Doc {
        format_version: u32,
        items: Vec<Item>,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    struct Item {
        code: String,
    }

    #[test]
    fn syntax_errors_say_where() {
        let err = read::<Doc>("{\n  \"format_version\": 1,\n  oops", "test", 1).unwrap_err();
        assert_eq!(err.code, "json.malformed");
        assert_eq!(err.params["line"], "3");
    }

    #[test]
    fn wrong_version_is_reported_before_shape() {
        let err = read::<Doc>(r#"{"format_version": 2, "items": 5}"#, "test", 1).unwrap_err();
        assert_eq!(err.code, "document.format_version");
        assert_eq!(err.params["found"], "2");
        let missing = read::<Doc>(r#"{"items": []}"#, "test", 1).unwrap_err();
        assert_eq!(missing.params["found"], "none");
    }

    #[test]
    fn shape_errors_carry_the_path() {
        let err = read::<Doc>(
            r#"{"format_version": 1, "items": [{"code": "a"}, {"code": 7}]}"#,
            "test",
            1,
        )
        .unwrap_err();
        assert_eq!(err.code, "document.invalid");
        assert_eq!(err.path, "/items/1/code");
    }

    #[test]
    fn duplicate_keys_become_findings_not_silence() {
        let parsed = read::<Doc>(
            r#"{"format_version": 1, "items": [{"code": "a", "code": "b"}], "items": []}"#,
            "test",
            1,
        )
        .unwrap();
        let found: Vec<_> = parsed
            .findings
            .iter()
            .map(|f| (f.code.as_str(), f.path.as_str(), f.params["key"].as_str()))
            .collect();
        assert_eq!(
            found,
            [
                ("document.duplicate_key", "/", "items"),
                ("document.duplicate_key", "/items/0", "code"),
            ]
        );
    }

    #[test]
    fn unknown_fields_become_findings_not_silence() {
        let parsed = read::<Doc>(
            r#"{"format_version": 1, "colour": "red", "items": [{"code": "a", "cdoe": "b"}]}"#,
            "test",
            1,
        )
        .unwrap();
        assert_eq!(parsed.value.items.len(), 1);
        let paths: Vec<_> = parsed.findings.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(paths, ["/colour", "/items/0/cdoe"]);
        assert!(parsed
            .findings
            .iter()
            .all(|f| f.code == "document.unknown_field"));
    }
}
