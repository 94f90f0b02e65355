//! Microdata for disclosure control: the key (quasi-identifier) columns of a record set,
//! dictionary-encoded, with missing values kept.
//!
//! Disclosure risk in microdata comes from the combination of *key variables* — age, sex,
//! nationality, site, arrival month — that an intruder could know from elsewhere (reference
//! `gdpr-feedback.md` §2.4, variable classes; §5.1, `QUASI_ID`). Everything in this module's
//! siblings (frequencies, k-anonymity, risk, recoding) looks only at those columns, so a
//! [`Microdata`] holds only them, in the order the caller names them.
//!
//! # Decisions
//!
//! * **Columnar and dictionary-encoded.** Each column is a `u32` code per row and a dictionary of
//!   its distinct texts; code [`MISSING`] (`0`) is reserved for a missing value. One million rows
//!   of five keys take 20 MB of codes, and grouping compares integers, never strings.
//! * **Missing is explicit and never dropped.** `None`, JSON `null`, an absent key and the empty
//!   text `""` are all *missing* (ODK and KoboToolbox write an unanswered question as empty).
//!   Missing is not a value: frequency counts treat it as a wildcard matching any value
//!   (§2.4, `frequency`). Every input row stays a row.
//! * **Values are text.** Quasi-identifiers are categories. JSON numbers and booleans are read as
//!   the text serde_json writes for them: integers exactly (`15`), other numbers in shortest
//!   round-trip form (`1.50` → `1.5`), `true`/`false`. Recode numeric keys (age → age band,
//!   [`super::recode`]) before measuring risk.
//! * **Only key columns matter.** In [`Microdata::from_json_records`] a record's other fields are
//!   read past without being kept (they are not quasi-identifiers by the caller's choice); a key
//!   holding an array or object, a key written twice in one record, or a record that is not an
//!   object stops the read with the row index rather than guessing.
//! * **At most [`MAX_KEYS`] keys**, so a row's pattern of present keys fits one `u64` bit set;
//!   k-anonymity over more than a handful of keys is meaningless anyway (every row is unique).
//!
//! # Codes
//!
//! | code | when | params |
//! |---|---|---|
//! | `disclosure.no_keys` | no key column named | — |
//! | `disclosure.too_many_keys` | more than [`MAX_KEYS`] key columns | `count`, `max` |
//! | `disclosure.duplicate_key_column` | a key column named twice | `column` |
//! | `disclosure.column_length` | columns of different lengths | `column`, `length`, `first_length` |
//! | `disclosure.too_many_rows` | more rows than a `u32` code can number | `max` |
//! | `disclosure.records_not_array` | the records JSON is not an array | — |
//! | `disclosure.record_not_object` | a record is not an object | `row` |
//! | `disclosure.nested_value` | a key holds an array or object | `row`, `column` |
//! | `disclosure.duplicate_record_key` | a key written twice in one record | `row`, `column` |
//! | `disclosure.unknown_column` | a column name that is not a key | `column` |
//! | `disclosure.columns_not_object` | the columns JSON is not an object of arrays | — |
//! | `disclosure.missing_column` | a key has no column in the columns JSON | `column` |
//! | `disclosure.column_not_array` | a column is not an array | `column` |

use std::collections::HashMap;
use std::fmt;

use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Serialize;
use serde_json::{Map, Value};

use crate::error::MealError;
use crate::i18n::{Message, Term};
use crate::parallel::parallel_map;

/// The code of a missing value in every column.
pub const MISSING: u32 = 0;

/// The largest number of key columns (one bit each in a missingness pattern).
pub const MAX_KEYS: usize = 64;

/// The key columns of a record set, columnar and dictionary-encoded. Read-only once built;
/// suppression and recoding return a new value.
#[derive(Debug, Clone)]
pub struct Microdata {
    names: Vec<String>,
    columns: Vec<Column>,
    rows: usize,
}

/// One key column: a code per row and the text of each code (`values[code - 1]`).
#[derive(Debug, Clone, Default)]
struct Column {
    values: Vec<String>,
    codes: Vec<u32>,
}

impl Microdata {
    /// Builds microdata from named columns of equal length; column order is key order.
    /// `None` and `""` are missing. Errors: `disclosure.no_keys`, `disclosure.too_many_keys`,
    /// `disclosure.duplicate_key_column`, `disclosure.column_length`, `disclosure.too_many_rows`.
    pub fn from_columns<S: AsRef<str> + Sync + Send>(
        columns: Vec<(String, Vec<Option<S>>)>,
    ) -> Result<Microdata, MealError> {
        let names: Vec<String> = columns.iter().map(|(name, _)| name.clone()).collect();
        check_keys(&names)?;
        let rows = columns.first().map_or(0, |(_, values)| values.len());
        for (name, values) in &columns {
            if values.len() != rows {
                return Err(MealError::new("disclosure.column_length")
                    .at(format!("/{name}"))
                    .with("column", name)
                    .with("length", values.len())
                    .with("first_length", rows));
            }
        }
        check_rows(rows)?;
        let encoded = parallel_map(columns, |(_, values)| {
            let mut encoder = Encoder::default();
            values
                .iter()
                .for_each(|value| encoder.push(value.as_ref().map(AsRef::as_ref)));
            encoder.finish()
        });
        Ok(Microdata {
            names,
            columns: encoded,
            rows,
        })
    }

    /// Reads a JSON array of record objects, keeping the `keys` columns in that order. A key that
    /// is absent, `null` or `""` is missing; other fields are read past (see the module docs).
    /// Errors: `json.malformed`, `disclosure.records_not_array`, `disclosure.record_not_object`,
    /// `disclosure.nested_value`, `disclosure.duplicate_record_key`, and the key checks of
    /// [`Microdata::from_columns`].
    pub fn from_json_records(json: &str, keys: &[String]) -> Result<Microdata, MealError> {
        check_keys(keys)?;
        let mut reader = RecordReader {
            index: keys
                .iter()
                .enumerate()
                .map(|(i, k)| (k.clone(), i))
                .collect(),
            encoders: vec![Encoder::default(); keys.len()],
            seen: vec![false; keys.len()],
            keys,
            row: None,
            failure: None,
        };
        let mut deserializer = serde_json::Deserializer::from_str(json);
        let read = (&mut reader)
            .deserialize(&mut deserializer)
            .and_then(|()| deserializer.end());
        if let Some(failure) = reader.failure.take() {
            return Err(failure);
        }
        match read {
            Ok(()) => {}
            Err(error) if error.is_data() => {
                return Err(match reader.row {
                    Some(row) => MealError::new("disclosure.record_not_object")
                        .at(format!("/{row}"))
                        .with("row", row),
                    None => MealError::new("disclosure.records_not_array"),
                })
            }
            Err(error) => return Err(crate::document::malformed(&error)),
        }
        let columns: Vec<Column> = reader.encoders.into_iter().map(Encoder::finish).collect();
        let rows = columns.first().map_or(0, |c| c.codes.len());
        check_rows(rows)?;
        Ok(Microdata {
            names: keys.to_vec(),
            columns,
            rows,
        })
    }

    /// Reads a JSON object of columns (`{"sex": ["f", null, …], "age": [16, …]}`), keeping the
    /// `keys` columns in that order. Values follow the records rule: `null` and `""` are
    /// missing, numbers and booleans read as their JSON text, lists and objects are
    /// `disclosure.nested_value`. This is how bindings hand over a dict or a frame of columns,
    /// so that `16` in a column and `16` in a record are the same key value everywhere.
    pub fn from_json_columns(json: &str, keys: &[String]) -> Result<Microdata, MealError> {
        check_keys(keys)?;
        let value: Value =
            serde_json::from_str(json).map_err(|e| crate::document::malformed(&e))?;
        let Value::Object(mut object) = value else {
            return Err(MealError::new("disclosure.columns_not_object"));
        };
        let mut columns = Vec::with_capacity(keys.len());
        for key in keys {
            let Some(column) = object.remove(key) else {
                return Err(MealError::new("disclosure.missing_column")
                    .at(format!("/{key}"))
                    .with("column", key));
            };
            let Value::Array(items) = column else {
                return Err(MealError::new("disclosure.column_not_array")
                    .at(format!("/{key}"))
                    .with("column", key));
            };
            let values = items
                .into_iter()
                .enumerate()
                .map(|(row, item)| match item {
                    Value::Null => Ok(None),
                    Value::String(text) => Ok(Some(text)),
                    Value::Number(_) | Value::Bool(_) => Ok(Some(item.to_string())),
                    Value::Array(_) | Value::Object(_) => {
                        Err(MealError::new("disclosure.nested_value")
                            .at(format!("/{key}/{row}"))
                            .with("row", row)
                            .with("column", key))
                    }
                })
                .collect::<Result<Vec<_>, _>>()?;
            columns.push((key.clone(), values));
        }
        Microdata::from_columns(columns)
    }

    /// The number of rows.
    pub fn rows(&self) -> usize {
        self.rows
    }

    /// The key column names, in key order.
    pub fn column_names(&self) -> &[String] {
        &self.names
    }

    /// The number of key columns.
    pub fn column_count(&self) -> usize {
        self.names.len()
    }

    /// The index of the key column `name`. Error `disclosure.unknown_column`.
    pub fn column_index(&self, name: &str) -> Result<usize, MealError> {
        self.names
            .iter()
            .position(|n| n == name)
            .ok_or_else(|| MealError::new("disclosure.unknown_column").with("column", name))
    }

    /// The value at `row`, `column`; `None` when missing or out of range.
    pub fn value(&self, row: usize, column: usize) -> Option<&str> {
        let col = self.columns.get(column)?;
        let code = *col.codes.get(row)?;
        let index = usize::try_from(code).ok()?.checked_sub(1)?;
        col.values.get(index).map(String::as_str)
    }

    /// The codes of `column` (one per row, [`MISSING`] for missing); empty when out of range.
    pub fn codes(&self, column: usize) -> &[u32] {
        self.columns.get(column).map_or(&[], |c| c.codes.as_slice())
    }

    /// The number of distinct present values of `column`.
    pub fn distinct_values(&self, column: usize) -> usize {
        self.columns.get(column).map_or(0, |c| c.values.len())
    }

    /// Every row as its values in key order (`None` for missing).
    pub fn to_rows(&self) -> Vec<Vec<Option<&str>>> {
        (0..self.rows)
            .map(|row| {
                (0..self.names.len())
                    .map(|column| self.value(row, column))
                    .collect()
            })
            .collect()
    }

    /// Every row as a JSON object `{key: value | null}` — the shape [`Self::from_json_records`] reads.
    pub fn to_json_records(&self) -> Value {
        let records = (0..self.rows).map(|row| {
            let record: Map<String, Value> = self
                .names
                .iter()
                .enumerate()
                .map(|(column, name)| {
                    let value = self.value(row, column);
                    (name.clone(), value.map_or(Value::Null, Value::from))
                })
                .collect();
            Value::Object(record)
        });
        Value::Array(records.collect())
    }

    /// Makes the value at `row`, `column` missing; `false` when it already was (or is out of
    /// range). Suppression only ever goes this way: a value never becomes another value.
    pub(crate) fn suppress(&mut self, row: usize, column: usize) -> bool {
        let code = self
            .columns
            .get_mut(column)
            .and_then(|c| c.codes.get_mut(row));
        match code {
            Some(code) if *code != MISSING => {
                *code = MISSING;
                true
            }
            _ => false,
        }
    }

    /// A copy whose `column` has each distinct present value replaced by `recode(value)`
    /// (`None` → missing); missing stays missing. `recode` runs once per distinct value; its
    /// error is reported at the first row holding that value (path `/row/column`, param `row`).
    pub(crate) fn map_column(
        &self,
        column: usize,
        mut recode: impl FnMut(&str) -> Result<Option<String>, MealError>,
    ) -> Result<Microdata, MealError> {
        let source = self
            .columns
            .get(column)
            .ok_or_else(|| MealError::new("disclosure.unknown_column").with("column", column))?;
        let mut encoder = Encoder::default();
        let mut translate = Vec::with_capacity(source.values.len() + 1);
        translate.push(MISSING);
        for (index, value) in source.values.iter().enumerate() {
            let recoded = recode(value).map_err(|error| self.locate(error, column, index))?;
            translate.push(encoder.code(recoded.as_deref()));
        }
        let codes = source
            .codes
            .iter()
            .map(|&code| {
                let index = usize::try_from(code).unwrap_or(usize::MAX);
                translate.get(index).copied().unwrap_or(MISSING)
            })
            .collect();
        let mut columns = self.columns.clone();
        if let Some(target) = columns.get_mut(column) {
            *target = Column {
                values: encoder.values,
                codes,
            };
        }
        Ok(Microdata {
            names: self.names.clone(),
            columns,
            rows: self.rows,
        })
    }

    /// Puts the first row holding dictionary entry `index` of `column` on `error`.
    fn locate(&self, error: MealError, column: usize, index: usize) -> MealError {
        let code = u32::try_from(index + 1).unwrap_or(MISSING);
        let row = self
            .codes(column)
            .iter()
            .position(|&c| c == code)
            .unwrap_or_default();
        let name = self.names.get(column).cloned().unwrap_or_default();
        error
            .at(format!("/{row}/{name}"))
            .with("row", row)
            .with("column", name)
    }
}

impl PartialEq for Microdata {
    /// Equal when the same keys hold the same values row by row, whatever the dictionary order.
    fn eq(&self, other: &Self) -> bool {
        self.names == other.names && self.rows == other.rows && self.to_rows() == other.to_rows()
    }
}

impl Eq for Microdata {}

impl Serialize for Microdata {
    /// As records: `[{key: value | null}, …]`.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.to_json_records().serialize(serializer)
    }
}

fn check_keys(names: &[String]) -> Result<(), MealError> {
    if names.is_empty() {
        return Err(MealError::new("disclosure.no_keys"));
    }
    if names.len() > MAX_KEYS {
        return Err(MealError::new("disclosure.too_many_keys")
            .with("count", names.len())
            .with("max", MAX_KEYS));
    }
    for (i, name) in names.iter().enumerate() {
        if names.iter().take(i).any(|earlier| earlier == name) {
            return Err(MealError::new("disclosure.duplicate_key_column").with("column", name));
        }
    }
    Ok(())
}

/// Codes and counts are `u32`: a column cannot have more distinct values than that.
fn check_rows(rows: usize) -> Result<(), MealError> {
    let max = usize::try_from(u32::MAX - 1).unwrap_or(usize::MAX);
    if rows > max {
        return Err(MealError::new("disclosure.too_many_rows").with("max", max));
    }
    Ok(())
}

/// Builds one column: first-seen order gives codes 1, 2, …
#[derive(Debug, Clone, Default)]
struct Encoder {
    lookup: HashMap<String, u32>,
    values: Vec<String>,
    codes: Vec<u32>,
}

impl Encoder {
    fn push(&mut self, value: Option<&str>) {
        let code = self.code(value);
        self.codes.push(code);
    }

    /// The code of `value`, adding it to the dictionary when new. Row counts are checked against
    /// `u32` before or after encoding, so the saturating conversion never merges real values.
    fn code(&mut self, value: Option<&str>) -> u32 {
        match value {
            None | Some("") => MISSING,
            Some(text) => match self.lookup.get(text) {
                Some(&code) => code,
                None => {
                    self.values.push(text.to_owned());
                    let code = u32::try_from(self.values.len()).unwrap_or(u32::MAX);
                    self.lookup.insert(text.to_owned(), code);
                    code
                }
            },
        }
    }

    fn finish(self) -> Column {
        Column {
            values: self.values,
            codes: self.codes,
        }
    }
}

/// State of one streaming read of JSON records: no intermediate tree, so a large export is read
/// once, and a key written twice in a record is noticed (a `serde_json::Value` keeps the last).
struct RecordReader<'k> {
    keys: &'k [String],
    index: HashMap<String, usize>,
    encoders: Vec<Encoder>,
    /// Which keys the current record has given.
    seen: Vec<bool>,
    /// The record being read, once inside the array.
    row: Option<usize>,
    /// The first error with a domain code; serde's own error only stops the walk.
    failure: Option<MealError>,
}

impl RecordReader<'_> {
    fn fail<E: de::Error>(&mut self, error: MealError) -> E {
        let message = error.code.clone();
        self.failure.get_or_insert(error);
        E::custom(message)
    }

    fn located(&self, code: &str, column: usize) -> MealError {
        let row = self.row.unwrap_or_default();
        let name = self.keys.get(column).cloned().unwrap_or_default();
        MealError::new(code)
            .at(format!("/{row}/{name}"))
            .with("row", row)
            .with("column", name)
    }

    /// Completes the current record: keys it did not give are missing.
    fn end_record(&mut self) {
        for (column, seen) in self.seen.iter_mut().enumerate() {
            if !*seen {
                if let Some(encoder) = self.encoders.get_mut(column) {
                    encoder.push(None);
                }
            }
            *seen = false;
        }
    }
}

impl<'de> DeserializeSeed<'de> for &mut RecordReader<'_> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for &mut RecordReader<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array of records")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut row = 0usize;
        loop {
            self.row = Some(row);
            if seq.next_element_seed(Record(&mut *self))?.is_none() {
                self.row = None;
                return Ok(());
            }
            row += 1;
        }
    }
}

/// One record object.
struct Record<'r, 'k>(&'r mut RecordReader<'k>);

impl<'de> DeserializeSeed<'de> for Record<'_, '_> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for Record<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a record object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let reader = self.0;
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            let Some(&column) = reader.index.get(key.as_ref()) else {
                map.next_value::<IgnoredAny>()?;
                continue;
            };
            if reader.seen.get(column).copied().unwrap_or(true) {
                let error = reader.located("disclosure.duplicate_record_key", column);
                return Err(reader.fail(error));
            }
            let value = map.next_value::<Scalar>()?;
            let text = match value {
                Scalar::Text(text) => Some(text),
                Scalar::Missing => None,
                Scalar::Nested => {
                    let error = reader.located("disclosure.nested_value", column);
                    return Err(reader.fail(error));
                }
            };
            if let (Some(encoder), Some(seen)) =
                (reader.encoders.get_mut(column), reader.seen.get_mut(column))
            {
                encoder.push(text.as_deref());
                *seen = true;
            }
        }
        reader.end_record();
        Ok(())
    }
}

/// A key's JSON value as microdata sees it.
enum Scalar {
    Text(String),
    Missing,
    Nested,
}

impl<'de> de::Deserialize<'de> for Scalar {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Scalar, D::Error> {
        deserializer.deserialize_any(ScalarVisitor)
    }
}

struct ScalarVisitor;

impl<'de> Visitor<'de> for ScalarVisitor {
    type Value = Scalar;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a text, number, boolean or null")
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Scalar, E> {
        Ok(Scalar::Text(text.to_owned()))
    }

    fn visit_string<E: de::Error>(self, text: String) -> Result<Scalar, E> {
        Ok(Scalar::Text(text))
    }

    fn visit_bool<E: de::Error>(self, value: bool) -> Result<Scalar, E> {
        Ok(Scalar::Text(value.to_string()))
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Scalar, E> {
        Ok(Scalar::Text(value.to_string()))
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Scalar, E> {
        Ok(Scalar::Text(value.to_string()))
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<Scalar, E> {
        // serde_json's own writing of the number (shortest round-trip form).
        Ok(Scalar::Text(Value::from(value).to_string()))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Scalar, E> {
        Ok(Scalar::Missing)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Scalar, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Scalar::Nested)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Scalar, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Scalar::Nested)
    }
}

/// Codes raised here, in French and English.
pub(crate) const MESSAGES: &[Message] = &[
    Message {
        code: "disclosure.no_keys",
        en: "No key variable was named; disclosure control needs at least one quasi-identifier",
        fr: "Aucune variable clé n'a été indiquée ; le contrôle de divulgation exige au moins un quasi-identifiant",
    },
    Message {
        code: "disclosure.too_many_keys",
        en: "{count} key variables were named; at most {max} are supported",
        fr: "{count} variables clés ont été indiquées ; {max} au plus sont prises en charge",
    },
    Message {
        code: "disclosure.duplicate_key_column",
        en: "Key variable \"{column}\" is named twice",
        fr: "La variable clé « {column} » est indiquée deux fois",
    },
    Message {
        code: "disclosure.column_length",
        en: "Column \"{column}\" has {length} values but the first column has {first_length}; every key column needs one value per row",
        fr: "La colonne « {column} » a {length} valeurs alors que la première en a {first_length} ; chaque colonne clé doit avoir une valeur par ligne",
    },
    Message {
        code: "disclosure.too_many_rows",
        en: "Too many rows: at most {max} are supported",
        fr: "Trop de lignes : {max} au plus sont prises en charge",
    },
    Message {
        code: "disclosure.records_not_array",
        en: "The records must be a JSON array of objects",
        fr: "Les enregistrements doivent être un tableau JSON d'objets",
    },
    Message {
        code: "disclosure.record_not_object",
        en: "Record {row} is not a JSON object",
        fr: "L'enregistrement {row} n'est pas un objet JSON",
    },
    Message {
        code: "disclosure.nested_value",
        en: "Record {row}: key variable \"{column}\" holds a list or an object; a key value must be a text, number, boolean or null",
        fr: "Enregistrement {row} : la variable clé « {column} » contient une liste ou un objet ; une valeur clé doit être un texte, un nombre, un booléen ou null",
    },
    Message {
        code: "disclosure.duplicate_record_key",
        en: "Record {row}: key variable \"{column}\" is written twice",
        fr: "Enregistrement {row} : la variable clé « {column} » est écrite deux fois",
    },
    Message {
        code: "disclosure.unknown_column",
        en: "\"{column}\" is not one of the key variables",
        fr: "« {column} » ne fait pas partie des variables clés",
    },
    Message {
        code: "disclosure.columns_not_object",
        en: "The columns must be a JSON object whose members are arrays of values",
        fr: "Les colonnes doivent être un objet JSON dont les membres sont des tableaux de valeurs",
    },
    Message {
        code: "disclosure.missing_column",
        en: "Key variable \"{column}\" has no column",
        fr: "La variable clé « {column} » n'a pas de colonne",
    },
    Message {
        code: "disclosure.column_not_array",
        en: "Column \"{column}\" must be an array of values",
        fr: "La colonne « {column} » doit être un tableau de valeurs",
    },
];

/// Domain terms carried in params of these codes.
pub(crate) const TERMS: &[Term] = &[];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_must_be_an_object_of_arrays() {
        let keys = vec!["a".to_owned()];
        let code = |json: &str| Microdata::from_json_columns(json, &keys).unwrap_err().code;
        assert_eq!(code(r#"[["x"]]"#), "disclosure.columns_not_object");
        assert_eq!(code(r#"{"b": ["x"]}"#), "disclosure.missing_column");
        assert_eq!(code(r#"{"a": "x"}"#), "disclosure.column_not_array");
        let data = Microdata::from_json_columns(r#"{"a": [1, true, null, ""], "b": [[]]}"#, &keys)
            .unwrap();
        assert_eq!(
            data.to_rows(),
            vec![vec![Some("1")], vec![Some("true")], vec![None], vec![None]]
        );
    }

    fn keys(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn columns_keep_missing_and_empty_as_missing() {
        let md = Microdata::from_columns(vec![
            ("sex".to_owned(), vec![Some("f"), None, Some("")]),
            ("site".to_owned(), vec![Some("a"), Some("b"), Some("a")]),
        ])
        .unwrap();
        assert_eq!(md.rows(), 3);
        assert_eq!(
            md.to_rows(),
            vec![
                vec![Some("f"), Some("a")],
                vec![None, Some("b")],
                vec![None, Some("a")]
            ]
        );
        assert_eq!(md.codes(1), &[1, 2, 1]);
        assert_eq!(md.distinct_values(0), 1);
    }

    #[test]
    fn unequal_columns_and_bad_key_lists_are_errors() {
        let err = Microdata::from_columns(vec![
            ("a".to_owned(), vec![Some("x")]),
            ("b".to_owned(), vec![Some("x"), None]),
        ])
        .unwrap_err();
        assert_eq!(err.code, "disclosure.column_length");
        assert_eq!(err.params["column"], "b");
        let none: Vec<(String, Vec<Option<&str>>)> = vec![];
        assert_eq!(
            Microdata::from_columns(none).unwrap_err().code,
            "disclosure.no_keys"
        );
        let twice = Microdata::from_json_records("[]", &keys(&["a", "a"])).unwrap_err();
        assert_eq!(twice.code, "disclosure.duplicate_key_column");
        let many: Vec<String> = (0..65).map(|i| format!("k{i}")).collect();
        assert_eq!(
            Microdata::from_json_records("[]", &many).unwrap_err().code,
            "disclosure.too_many_keys"
        );
    }

    #[test]
    fn json_records_read_scalars_as_text_and_ignore_other_fields() {
        let json = r#"[{"age": 15, "sex": "f", "note": {"x": [1]}},
                       {"age": 1.50, "sex": null},
                       {"sex": true, "age": ""}]"#;
        let md = Microdata::from_json_records(json, &keys(&["sex", "age"])).unwrap();
        assert_eq!(
            md.to_rows(),
            vec![
                vec![Some("f"), Some("15")],
                vec![None, Some("1.5")],
                vec![Some("true"), None]
            ]
        );
        let back = md.to_json_records();
        assert_eq!(back[1], serde_json::json!({"sex": null, "age": "1.5"}));
    }

    #[test]
    fn json_records_errors_carry_the_row() {
        let k = keys(&["sex"]);
        let nested = Microdata::from_json_records(r#"[{}, {"sex": ["f"]}]"#, &k).unwrap_err();
        assert_eq!(
            (nested.code.as_str(), nested.path.as_str()),
            ("disclosure.nested_value", "/1/sex")
        );
        let twice = Microdata::from_json_records(r#"[{"sex": "f", "sex": "m"}]"#, &k).unwrap_err();
        assert_eq!(twice.code, "disclosure.duplicate_record_key");
        let not_object = Microdata::from_json_records(r#"[{}, {}, 3]"#, &k).unwrap_err();
        assert_eq!(not_object.code, "disclosure.record_not_object");
        assert_eq!(not_object.params["row"], "2");
        let not_array = Microdata::from_json_records(r#"{"sex": "f"}"#, &k).unwrap_err();
        assert_eq!(not_array.code, "disclosure.records_not_array");
        let malformed = Microdata::from_json_records(r#"[{"sex": "f"}"#, &k).unwrap_err();
        assert_eq!(malformed.code, "json.malformed");
        let trailing = Microdata::from_json_records(r#"[] x"#, &k).unwrap_err();
        assert_eq!(trailing.code, "json.malformed");
    }

    #[test]
    fn map_column_recodes_distinct_values_and_locates_errors() {
        let md = Microdata::from_columns(vec![(
            "age".to_owned(),
            vec![Some("3"), None, Some("x"), Some("3")],
        )])
        .unwrap();
        let doubled = md.map_column(0, |v| Ok(Some(format!("{v}{v}")))).unwrap();
        assert_eq!(
            doubled.to_rows(),
            vec![
                vec![Some("33")],
                vec![None],
                vec![Some("xx")],
                vec![Some("33")]
            ]
        );
        let err = md
            .map_column(0, |v| {
                if v == "x" {
                    Err(MealError::new("input.decimal"))
                } else {
                    Ok(None)
                }
            })
            .unwrap_err();
        assert_eq!(
            (err.path.as_str(), err.params["row"].as_str()),
            ("/2/age", "2")
        );
    }
}
