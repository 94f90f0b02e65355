//! Arrow in and out (issue 8): Arrow arrays become the core's source cells
//! (`meal_core::data::columnar`, which types and rejects rows), and a table becomes one record
//! batch. No typing rule lives here: only the reading of Arrow's physical layouts.
//!
//! # In: Arrow type → source type
//!
//! | Arrow | source |
//! |---|---|
//! | utf8, large_utf8, utf8_view; dictionary of any index type over one of these | text |
//! | int8…int64, uint8…uint64 | integer |
//! | decimal128, decimal256 (beyond i128 rejected with `data.not_decimal`) | decimal |
//! | float32, float64 | float |
//! | bool | boolean |
//! | date32, date64 | date |
//! | timestamp with a time zone (any unit) | date-time at UTC (+00:00): the instant is kept |
//! | timestamp without a time zone | date-time read as UTC, with a `data.naive_timestamp` warning |
//! | null (an all-null column) | text |
//! | anything else | `MealError` `data.unsupported_arrow_type` (`column`, `type`) |
//!
//! An inferred schema takes the field's `meal.type` and `hxl` metadata when present (what
//! `to_arrow` writes, so a table round-trips with its `choices` columns and hashtags), and
//! `required` from a non-nullable field.
//!
//! # Out
//!
//! text and choices → dictionary<int32, utf8> (categoricals in pandas); integer → int64;
//! decimal → decimal128(38, s) with `s` the largest scale in the column (every value rescaled
//! exactly), or decimal256(76, s) when a value needs more than 38 digits at that scale;
//! boolean → bool; date → date32; date_time → timestamp[us, UTC] (the offset is not kept,
//! sub-microseconds are truncated). A field is nullable unless its column is required; its
//! metadata holds `meal.type` and `hxl`.

use std::collections::HashMap;
use std::sync::Arc;

use arrow_array::cast::AsArray;
use arrow_array::types::{
    ArrowTimestampType, Date32Type, Date64Type, Decimal128Type, Decimal256Type, Float32Type,
    Float64Type, Int16Type, Int32Type, Int64Type, Int8Type, TimestampMicrosecondType,
    TimestampMillisecondType, TimestampNanosecondType, TimestampSecondType, UInt16Type, UInt32Type,
    UInt64Type, UInt8Type,
};
use arrow_array::{
    Array, ArrayRef, ArrowPrimitiveType, BooleanArray, Date32Array, Decimal128Array,
    Decimal256Array, DictionaryArray, Int32Array, Int64Array, RecordBatch, StringArray,
    TimestampMicrosecondArray,
};
use arrow_schema::{DataType, Field, TimeUnit};
use chrono::NaiveDate;
use meal_core::data::columnar::infer_schema;
use meal_core::data::{
    ColumnSpec, ColumnType, ColumnarLoad, Loaded, Schema, SourceCell, SourceColumn, SourceType,
    Table, Values, NULL_CODE,
};
use meal_core::{Finding, MealError};

/// Arrow's 256-bit integer (the native type of decimal256).
type I256 = <Decimal256Type as ArrowPrimitiveType>::Native;

/// Reads one cell of an array (not null) as a source cell.
type At = for<'x> fn(&'x dyn Array, usize) -> SourceCell<'x>;

/// How to read the cells of one input column.
enum Reader<'a> {
    Plain {
        array: &'a dyn Array,
        at: At,
    },
    Dict {
        array: &'a dyn Array,
        keys: Vec<usize>,
        values: Box<Reader<'a>>,
    },
}

impl<'a> Reader<'a> {
    fn cell(&self, row: usize) -> SourceCell<'a> {
        match self {
            Reader::Plain { array, at } => {
                if array.is_null(row) {
                    SourceCell::Empty
                } else {
                    at(*array, row)
                }
            }
            Reader::Dict {
                array,
                keys,
                values,
            } => {
                if array.is_null(row) {
                    SourceCell::Empty
                } else {
                    keys.get(row).map_or(SourceCell::Empty, |&k| values.cell(k))
                }
            }
        }
    }
}

fn int<T: ArrowPrimitiveType>(a: &dyn Array, i: usize) -> SourceCell<'_>
where
    T::Native: Into<i128>,
{
    SourceCell::Integer(a.as_primitive::<T>().value(i).into())
}

fn timestamp<T: ArrowTimestampType>(a: &dyn Array, i: usize) -> SourceCell<'_> {
    let value = a.as_primitive::<T>().value(i);
    match arrow_array::temporal_conversions::as_datetime::<T>(value) {
        Some(t) => SourceCell::DateTime(t.and_utc().fixed_offset()),
        // Out of chrono's range: the raw number, which no date_time column reads (rejected).
        None => SourceCell::Integer(value.into()),
    }
}

/// The source type and cell reader of an Arrow type, `None` when unsupported.
fn kind(data_type: &DataType) -> Option<(SourceType, At)> {
    let at: (SourceType, At) = match data_type {
        DataType::Null => (SourceType::Text, |_, _| SourceCell::Empty),
        DataType::Utf8 => (SourceType::Text, |a, i| {
            SourceCell::Text(a.as_string::<i32>().value(i))
        }),
        DataType::LargeUtf8 => (SourceType::Text, |a, i| {
            SourceCell::Text(a.as_string::<i64>().value(i))
        }),
        DataType::Utf8View => (SourceType::Text, |a, i| {
            SourceCell::Text(a.as_string_view().value(i))
        }),
        DataType::Int8 => (SourceType::Integer, int::<Int8Type>),
        DataType::Int16 => (SourceType::Integer, int::<Int16Type>),
        DataType::Int32 => (SourceType::Integer, int::<Int32Type>),
        DataType::Int64 => (SourceType::Integer, int::<Int64Type>),
        DataType::UInt8 => (SourceType::Integer, int::<UInt8Type>),
        DataType::UInt16 => (SourceType::Integer, int::<UInt16Type>),
        DataType::UInt32 => (SourceType::Integer, int::<UInt32Type>),
        DataType::UInt64 => (SourceType::Integer, int::<UInt64Type>),
        DataType::Float32 => (SourceType::Float, |a, i| {
            SourceCell::Float32(a.as_primitive::<Float32Type>().value(i))
        }),
        DataType::Float64 => (SourceType::Float, |a, i| {
            SourceCell::Float(a.as_primitive::<Float64Type>().value(i))
        }),
        DataType::Boolean => (SourceType::Boolean, |a, i| {
            SourceCell::Boolean(a.as_boolean().value(i))
        }),
        DataType::Decimal128(_, _) => (SourceType::Decimal, |a, i| {
            let array = a.as_primitive::<Decimal128Type>();
            SourceCell::Decimal {
                mantissa: array.value(i),
                scale: array.scale(),
            }
        }),
        DataType::Decimal256(_, _) => (SourceType::Decimal, |a, i| {
            let array = a.as_primitive::<Decimal256Type>();
            // Beyond i128 no decimal column could hold it: a mantissa that rejects the row.
            let mantissa = array.value(i).to_i128().unwrap_or(i128::MAX);
            SourceCell::Decimal {
                mantissa,
                scale: array.scale(),
            }
        }),
        DataType::Date32 => (SourceType::Date, |a, i| {
            let v = a.as_primitive::<Date32Type>().value(i);
            Date32Type::to_naive_date_opt(v).map_or(SourceCell::Integer(v.into()), SourceCell::Date)
        }),
        DataType::Date64 => (SourceType::Date, |a, i| {
            let v = a.as_primitive::<Date64Type>().value(i);
            arrow_array::temporal_conversions::as_datetime::<Date64Type>(v)
                .map_or(SourceCell::Integer(v.into()), |t| {
                    SourceCell::Date(t.date())
                })
        }),
        DataType::Timestamp(TimeUnit::Second, _) => {
            (SourceType::DateTime, timestamp::<TimestampSecondType>)
        }
        DataType::Timestamp(TimeUnit::Millisecond, _) => {
            (SourceType::DateTime, timestamp::<TimestampMillisecondType>)
        }
        DataType::Timestamp(TimeUnit::Microsecond, _) => {
            (SourceType::DateTime, timestamp::<TimestampMicrosecondType>)
        }
        DataType::Timestamp(TimeUnit::Nanosecond, _) => {
            (SourceType::DateTime, timestamp::<TimestampNanosecondType>)
        }
        _ => return None,
    };
    Some(at)
}

/// The source type of an Arrow type (dictionaries by their values).
fn source_type(data_type: &DataType) -> Option<SourceType> {
    match data_type {
        DataType::Dictionary(_, values) => source_type(values),
        other => kind(other).map(|(t, _)| t),
    }
}

/// A whole array as a source column: integers, booleans, dates, timestamps and texts in one
/// typed pass, a dictionary's values read once each; any other type (or a value out of
/// chrono's range) cell by cell, through its reader.
fn source_column(array: &dyn Array) -> SourceColumn<'_> {
    if let Some(dictionary) = array.as_any_dictionary_opt() {
        let values = dictionary.values().as_ref();
        let Some(reader) = reader(values) else {
            return SourceColumn::Absent;
        };
        let keys = dictionary.normalized_keys();
        return SourceColumn::Dictionary {
            keys: (0..array.len())
                .map(|row| {
                    let key = keys.get(row).and_then(|&k| u32::try_from(k).ok());
                    key.filter(|_| array.is_valid(row))
                })
                .collect(),
            values: (0..values.len()).map(|i| reader.cell(i)).collect(),
        };
    }
    typed_column(array).unwrap_or_else(|| match reader(array) {
        Some(reader) => SourceColumn::Cells((0..array.len()).map(|i| reader.cell(i)).collect()),
        None => SourceColumn::Absent,
    })
}

/// The typed pass of [`source_column`], `None` when the array needs reading cell by cell.
fn typed_column(array: &dyn Array) -> Option<SourceColumn<'_>> {
    fn ints<T: ArrowPrimitiveType>(a: &dyn Array) -> Option<SourceColumn<'_>>
    where
        T::Native: TryInto<i64>,
    {
        let values = a.as_primitive::<T>().iter();
        // A uint64 beyond i64 goes cell by cell, to be rejected with its value.
        let typed: Option<Vec<Option<i64>>> = values
            .map(|v| v.map_or(Some(None), |v| v.try_into().ok().map(Some)))
            .collect();
        typed.map(SourceColumn::Integers)
    }
    fn times<T: ArrowTimestampType>(a: &dyn Array) -> Option<SourceColumn<'_>> {
        let values = a.as_primitive::<T>().iter();
        let typed: Option<Vec<_>> = values
            .map(|v| match v {
                None => Some(None),
                Some(v) => arrow_array::temporal_conversions::as_datetime::<T>(v)
                    .map(|t| Some(t.and_utc().fixed_offset())),
            })
            .collect();
        typed.map(SourceColumn::DateTimes)
    }
    Some(match array.data_type() {
        DataType::Int8 => return ints::<Int8Type>(array),
        DataType::Int16 => return ints::<Int16Type>(array),
        DataType::Int32 => return ints::<Int32Type>(array),
        DataType::Int64 => return ints::<Int64Type>(array),
        DataType::UInt8 => return ints::<UInt8Type>(array),
        DataType::UInt16 => return ints::<UInt16Type>(array),
        DataType::UInt32 => return ints::<UInt32Type>(array),
        DataType::UInt64 => return ints::<UInt64Type>(array),
        DataType::Boolean => SourceColumn::Booleans(array.as_boolean().iter().collect()),
        DataType::Date32 => {
            let values = array.as_primitive::<Date32Type>().iter();
            let typed: Option<Vec<_>> = values
                .map(|v| v.map_or(Some(None), |v| Date32Type::to_naive_date_opt(v).map(Some)))
                .collect();
            SourceColumn::Dates(typed?)
        }
        DataType::Timestamp(TimeUnit::Second, _) => return times::<TimestampSecondType>(array),
        DataType::Timestamp(TimeUnit::Millisecond, _) => {
            return times::<TimestampMillisecondType>(array)
        }
        DataType::Timestamp(TimeUnit::Microsecond, _) => {
            return times::<TimestampMicrosecondType>(array)
        }
        DataType::Timestamp(TimeUnit::Nanosecond, _) => {
            return times::<TimestampNanosecondType>(array)
        }
        DataType::Utf8 => SourceColumn::Texts(array.as_string::<i32>().iter().collect()),
        DataType::LargeUtf8 => SourceColumn::Texts(array.as_string::<i64>().iter().collect()),
        DataType::Utf8View => SourceColumn::Texts(array.as_string_view().iter().collect()),
        _ => return None,
    })
}

fn reader(array: &dyn Array) -> Option<Reader<'_>> {
    if let Some(dictionary) = array.as_any_dictionary_opt() {
        return Some(Reader::Dict {
            array,
            keys: dictionary.normalized_keys(),
            values: Box::new(reader(dictionary.values().as_ref())?),
        });
    }
    kind(array.data_type()).map(|(_, at)| Reader::Plain { array, at })
}

fn unsupported(field: &Field) -> MealError {
    MealError::new("data.unsupported_arrow_type")
        .at(field.name().as_str())
        .with("column", field.name())
        .with("type", field.data_type())
}

/// The schema read from Arrow fields (module docs).
fn inferred(fields: &arrow_schema::Fields) -> Result<Schema, MealError> {
    let mut columns = Vec::with_capacity(fields.len());
    for field in fields {
        let source = source_type(field.data_type()).ok_or_else(|| unsupported(field))?;
        columns.push((field.name().clone(), source, !field.is_nullable()));
    }
    let mut schema = infer_schema(&columns);
    for (spec, field) in schema.columns.iter_mut().zip(fields) {
        let metadata = field.metadata();
        if let Some(declared) = metadata.get("meal.type").and_then(|t| column_type(t)) {
            // Only a type the values can be read as (choices over text, a decimal's integer…).
            if declared.is_text() == spec.column_type.is_text() {
                spec.column_type = declared;
            }
        }
        spec.hxl = metadata.get("hxl").cloned();
    }
    Ok(schema)
}

fn column_type(name: &str) -> Option<ColumnType> {
    serde_json::from_value(serde_json::Value::from(name)).ok()
}

/// Loads `batches` (of `arrow`) typed by `schema`, or by the schema their fields give.
pub fn load(
    schema: Option<Schema>,
    arrow: &arrow_schema::Schema,
    batches: &[RecordBatch],
) -> Result<Loaded, MealError> {
    let schema = match schema {
        Some(schema) => schema,
        None => inferred(arrow.fields())?,
    };
    load_keeping(&schema, arrow, batches, None)
}

/// Loads `batches` typed by `schema`, keeping the text of the columns marked in `keep_text`
/// only (all when `None`): one chunk of `Engine.compute`'s Arrow path.
pub fn load_keeping(
    schema: &Schema,
    arrow: &arrow_schema::Schema,
    batches: &[RecordBatch],
    keep_text: Option<&[bool]>,
) -> Result<Loaded, MealError> {
    let names: Vec<String> = arrow.fields().iter().map(|f| f.name().clone()).collect();
    let mut load = ColumnarLoad::new(schema, &names)?;
    if let Some(keep) = keep_text {
        load = load.keeping_text(keep);
    }
    let positions = load.positions().to_vec();
    for (spec, position) in schema.columns.iter().zip(&positions) {
        let Some(field) = position.and_then(|p| arrow.fields().get(p)) else {
            continue;
        };
        if source_type(field.data_type()).is_none() {
            return Err(unsupported(field));
        }
        let naive = |t: &DataType| matches!(t, DataType::Timestamp(_, None));
        let naive = match field.data_type() {
            DataType::Dictionary(_, values) => naive(values),
            other => naive(other),
        };
        if naive {
            load.note(
                Finding::warning("data.naive_timestamp", spec.name.as_str())
                    .with("column", &spec.name),
            );
        }
    }
    for batch in batches {
        load.push_columns(batch.num_rows(), |i| {
            positions
                .get(i)
                .copied()
                .flatten()
                .and_then(|p| batch.columns().get(p))
                .map_or(SourceColumn::Absent, |a| source_column(a.as_ref()))
        })?;
    }
    Ok(load.finish())
}

/// Rows per chunk of `Engine.compute`'s Arrow path: enough that merging the chunks' states
/// costs little, few enough that each core gets several.
pub const DEFAULT_CHUNK_ROWS: usize = 262_144;

/// Record batches regrouped into runs of about `rows` rows (a large batch sliced, small ones
/// joined), zero-copy: a slice shares its batch's buffers.
pub struct BatchChunks {
    batches: std::vec::IntoIter<RecordBatch>,
    /// The rest of a batch already partly handed out.
    pending: Option<RecordBatch>,
    rows: usize,
    /// Whether a chunk was handed out: an input without rows still gives one (empty) chunk,
    /// so its columns are checked against the schema.
    started: bool,
}

impl BatchChunks {
    pub fn new(batches: Vec<RecordBatch>, rows: usize) -> Self {
        BatchChunks {
            batches: batches.into_iter(),
            pending: None,
            rows: rows.max(1),
            started: false,
        }
    }
}

impl meal_core::compute::stream::Chunks for BatchChunks {
    type Chunk = Vec<RecordBatch>;

    fn next_chunk(&mut self) -> Result<Option<Vec<RecordBatch>>, MealError> {
        let mut run = Vec::new();
        let mut room = self.rows;
        while room > 0 {
            let Some(batch) = self.pending.take().or_else(|| self.batches.next()) else {
                break;
            };
            if batch.num_rows() > room {
                run.push(batch.slice(0, room));
                self.pending = Some(batch.slice(room, batch.num_rows() - room));
                room = 0;
            } else {
                room -= batch.num_rows();
                run.push(batch);
            }
        }
        let first = !std::mem::replace(&mut self.started, true);
        Ok((first || !run.is_empty()).then_some(run))
    }
}

/// The table as one record batch (module docs).
pub fn to_batch(table: &Table) -> Result<RecordBatch, MealError> {
    let mut fields = Vec::with_capacity(table.columns().len());
    let mut arrays: Vec<ArrayRef> = Vec::with_capacity(table.columns().len());
    for (spec, values) in table.schema().columns.iter().zip(table.columns()) {
        let array = to_array(spec, values)?;
        let mut metadata =
            HashMap::from([("meal.type".to_owned(), spec.column_type.name().to_owned())]);
        if let Some(hxl) = &spec.hxl {
            metadata.insert("hxl".to_owned(), hxl.clone());
        }
        fields.push(
            Field::new(&spec.name, array.data_type().clone(), !spec.required)
                .with_metadata(metadata),
        );
        arrays.push(array);
    }
    let schema = Arc::new(arrow_schema::Schema::new(fields));
    let options = arrow_array::RecordBatchOptions::new().with_row_count(Some(table.len()));
    RecordBatch::try_new_with_options(schema, arrays, &options)
        .map_err(|e| MealError::new("data.shape").with("detail", e))
}

fn to_array(spec: &ColumnSpec, values: &Values) -> Result<ArrayRef, MealError> {
    let too_wide = || MealError::new("data.too_many_values").with("column", &spec.name);
    Ok(match values {
        Values::Text { codes, dictionary } => {
            let keys: Vec<Option<i32>> = codes
                .iter()
                .map(|&c| {
                    if c == NULL_CODE {
                        Ok(None)
                    } else {
                        i32::try_from(c).map(Some)
                    }
                })
                .collect::<Result<_, _>>()
                .map_err(|_| too_wide())?;
            let values = StringArray::from_iter_values(dictionary.iter());
            Arc::new(
                DictionaryArray::<Int32Type>::try_new(Int32Array::from(keys), Arc::new(values))
                    .map_err(|_| too_wide())?,
            )
        }
        Values::Integer(v) => Arc::new(Int64Array::from(v.clone())),
        Values::Boolean(v) => Arc::new(BooleanArray::from(v.clone())),
        Values::Date(v) => {
            let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default();
            let days = v
                .iter()
                .map(|d| d.and_then(|d| i32::try_from((d - epoch).num_days()).ok()));
            Arc::new(Date32Array::from_iter(days))
        }
        Values::DateTime(v) => Arc::new(
            TimestampMicrosecondArray::from_iter(v.iter().map(|t| t.map(|t| t.timestamp_micros())))
                .with_timezone("UTC"),
        ),
        Values::Decimal(v) => decimal_array(v)?,
    })
}

/// Decimals at the column's largest scale: decimal128(38, s), or decimal256(76, s) when a value
/// needs more than 38 digits.
fn decimal_array(values: &[Option<rust_decimal::Decimal>]) -> Result<ArrayRef, MealError> {
    let scale = values
        .iter()
        .flatten()
        .map(|d| d.scale())
        .max()
        .unwrap_or(0);
    let scale_i8 = i8::try_from(scale).unwrap_or(28);
    let rescaled = |d: &rust_decimal::Decimal| -> Option<i128> {
        10i128
            .checked_pow(scale - d.scale())?
            .checked_mul(d.mantissa())
    };
    let narrow: Option<Vec<Option<i128>>> = values
        .iter()
        .map(|d| match d {
            None => Some(None),
            Some(d) => rescaled(d)
                .filter(|m| m.unsigned_abs() < 10u128.pow(38))
                .map(Some),
        })
        .collect();
    let fail = |e: arrow_schema::ArrowError| MealError::new("data.shape").with("detail", e);
    if let Some(narrow) = narrow {
        return Ok(Arc::new(
            Decimal128Array::from(narrow)
                .with_precision_and_scale(38, scale_i8)
                .map_err(fail)?,
        ));
    }
    let ten = I256::from_i128(10);
    let wide = values.iter().map(|d| {
        d.map(|d| {
            let factor = ten.wrapping_pow(scale - d.scale());
            I256::from_i128(d.mantissa()).wrapping_mul(factor)
        })
    });
    Ok(Arc::new(
        Decimal256Array::from_iter(wide)
            .with_precision_and_scale(76, scale_i8)
            .map_err(fail)?,
    ))
}
