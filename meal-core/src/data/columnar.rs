//! Loading from typed columns: what a columnar source (the Python binding's Arrow import)
//! feeds, so the typing and rejection rules stay the core's, not the binding's.
//!
//! A binding maps each input column to a [`SourceType`] (or refuses it:
//! `data.unsupported_arrow_type`), then feeds a [`ColumnarLoad`] the rows cell by cell as
//! [`SourceCell`]s ([`ColumnarLoad::push_row`]) or a batch of rows column by column as
//! [`SourceColumn`]s ([`ColumnarLoad::push_columns`], typed vectors and dictionaries: the same
//! outcome, faster). The rules are those of CSV: every input row is loaded or rejected with
//! its findings (`rows_read == len + rejected`), an empty cell in a required column rejects
//! the row (`data.required`), a declared column absent from the input is an error when it is
//! required and a warning otherwise (`data.missing_column`), an input column the schema does
//! not declare is a warning (`data.unknown_column`, with `rows`) and its values are not loaded.
//!
//! # Cell rules
//!
//! | source cell | column | result |
//! |---|---|---|
//! | text | any | the text rules of CSV (`cell.rs`): `"12"` in an integer column is 12; `""` is empty |
//! | integer | integer | the value when in the i64 range, else `data.not_integer` (a `uint64` above `i64::MAX`) |
//! | integer, decimal | decimal | exactly (a decimal beyond 28 digits of scale or 96 bits of mantissa once trailing zeros are dropped: `data.not_decimal`) |
//! | float | any | NaN and ±infinity: `data.not_finite`; else its shortest round-trip text (`0.1`, `24`), typed by the text rules — so a whole float (pandas' nullable integers arrive as `double`) loads into an integer column |
//! | boolean, date, date-time | the same type | as is |
//! | any other pairing | | the cell's canonical text (`true`, `2026-03-31`, RFC 3339, the decimal) typed by the text rules |
//!
//! # Inferred schemas
//!
//! [`SourceType::column_type`]: text → `text`, integer → `integer`, decimal and float →
//! `decimal`, boolean → `boolean`, date → `date`, date-time → `date_time`.
//!
//! | code | severity | when |
//! |---|---|---|
//! | `data.not_finite` | error (row) | a NaN or infinite float |
//! | `data.naive_timestamp` | warning | a timestamp column without a time zone, read as UTC (`column`) |
//! | `data.unsupported_arrow_type` | `MealError` | an input column of a type no column type holds (`column`, `type`) |
//! | `data.not_arrow` | `MealError` | the input does not export Arrow data (the C stream or array interface) |
//! | `data.arrow_unreadable` | `MealError` | the Arrow stream failed while read (`detail`) |

use chrono::{DateTime, FixedOffset, NaiveDate};
use rust_decimal::Decimal;

use crate::data::cell::Cell;
use crate::data::load::TableBuilder;
use crate::data::{ColumnSpec, ColumnType, Loaded, Schema};
use crate::error::{Finding, MealError};
use crate::i18n::Message;

/// The kind of an input column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceType {
    Text,
    Integer,
    Decimal,
    Float,
    Boolean,
    Date,
    DateTime,
}

impl SourceType {
    /// The column type of an inferred schema (module docs).
    pub fn column_type(self) -> ColumnType {
        match self {
            SourceType::Text => ColumnType::Text,
            SourceType::Integer => ColumnType::Integer,
            SourceType::Decimal | SourceType::Float => ColumnType::Decimal,
            SourceType::Boolean => ColumnType::Boolean,
            SourceType::Date => ColumnType::Date,
            SourceType::DateTime => ColumnType::DateTime,
        }
    }
}

/// One input cell, as a columnar source holds it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum SourceCell<'a> {
    /// A null.
    Empty,
    Text(&'a str),
    /// Any integer width, signed or not.
    Integer(i128),
    /// `mantissa × 10^-scale` (Arrow decimals; `scale` may be negative).
    Decimal {
        mantissa: i128,
        scale: i8,
    },
    Float(f64),
    /// A 32-bit float, kept apart so its shortest text is the 32-bit one (`0.1`, not
    /// `0.10000000149011612`).
    Float32(f32),
    Boolean(bool),
    Date(NaiveDate),
    DateTime(DateTime<FixedOffset>),
}

/// One input column of a batch of rows, converted whole ([`ColumnarLoad::push_columns`]):
/// the types a column can take as they are get typed vectors (`None` a null), texts are
/// borrowed, a dictionary keeps its values apart (typed and interned once each), and any
/// other source gives its cells.
#[derive(Debug, Clone, PartialEq)]
pub enum SourceColumn<'a> {
    /// Not in the input: every cell empty.
    Absent,
    Integers(Vec<Option<i64>>),
    Booleans(Vec<Option<bool>>),
    Dates(Vec<Option<NaiveDate>>),
    DateTimes(Vec<Option<DateTime<FixedOffset>>>),
    Texts(Vec<Option<&'a str>>),
    /// A key per row into `values` (`None` a null; a key out of range is empty too).
    Dictionary {
        keys: Vec<Option<u32>>,
        values: Vec<SourceCell<'a>>,
    },
    /// Any other source, a cell per row.
    Cells(Vec<SourceCell<'a>>),
}

impl<'a> SourceColumn<'a> {
    /// The cell of `row` (empty beyond the column's end).
    pub fn cell(&self, row: usize) -> SourceCell<'a> {
        let cell = match self {
            SourceColumn::Absent => None,
            SourceColumn::Integers(v) => v
                .get(row)
                .copied()
                .flatten()
                .map(|i| SourceCell::Integer(i.into())),
            SourceColumn::Booleans(v) => v.get(row).copied().flatten().map(SourceCell::Boolean),
            SourceColumn::Dates(v) => v.get(row).copied().flatten().map(SourceCell::Date),
            SourceColumn::DateTimes(v) => v.get(row).copied().flatten().map(SourceCell::DateTime),
            SourceColumn::Texts(v) => v.get(row).copied().flatten().map(SourceCell::Text),
            SourceColumn::Dictionary { keys, values } => keys
                .get(row)
                .copied()
                .flatten()
                .and_then(|k| values.get(usize::try_from(k).ok()?).copied()),
            SourceColumn::Cells(v) => v.get(row).copied(),
        };
        cell.unwrap_or(SourceCell::Empty)
    }
}

impl SourceCell<'_> {
    /// The canonical text of the cell (what the text rules then read).
    pub(crate) fn to_text(self) -> String {
        match self {
            SourceCell::Empty => String::new(),
            SourceCell::Text(text) => text.to_owned(),
            SourceCell::Integer(i) => i.to_string(),
            SourceCell::Decimal { mantissa, scale } => match exact_decimal(mantissa, scale) {
                Some(d) => d.to_string(),
                None if scale <= 0 => format!(
                    "{mantissa}{}",
                    "0".repeat(usize::from(scale.unsigned_abs()))
                ),
                None => format!("{mantissa}e-{scale}"),
            },
            SourceCell::Float(f) => f.to_string(),
            SourceCell::Float32(f) => f.to_string(),
            SourceCell::Boolean(b) => b.to_string(),
            SourceCell::Date(d) => d.to_string(),
            SourceCell::DateTime(t) => t.to_rfc3339(),
        }
    }
}

/// `mantissa × 10^-scale` as an exact decimal, when it fits.
pub(crate) fn exact_decimal(mut mantissa: i128, mut scale: i8) -> Option<Decimal> {
    while scale < 0 {
        mantissa = mantissa.checked_mul(10)?;
        scale += 1;
    }
    while scale > 0 && mantissa % 10 == 0 && (scale > 28 || mantissa.unsigned_abs() >= 1 << 96) {
        mantissa /= 10;
        scale -= 1;
    }
    Decimal::try_from_i128_with_scale(mantissa, u32::try_from(scale).ok()?).ok()
}

/// A table being loaded from typed columns (module docs).
#[derive(Debug)]
pub struct ColumnarLoad<'s> {
    builder: TableBuilder<'s>,
    input: Vec<String>,
    positions: Vec<Option<usize>>,
    findings: Vec<Finding>,
}

impl<'s> ColumnarLoad<'s> {
    /// A load of input columns named `input` (in input order) into `schema`. Error
    /// `data.duplicate_header` when an input name repeats, `data.missing_column` when a
    /// required column is absent.
    pub fn new(schema: &'s Schema, input: &[String]) -> Result<Self, MealError> {
        schema.usable()?;
        let mut seen = std::collections::BTreeSet::new();
        if let Some(name) = input.iter().find(|n| !seen.insert(n.as_str())) {
            return Err(MealError::new("data.duplicate_header")
                .at(name.as_str())
                .with("column", name));
        }
        let (positions, findings) = crate::data::csv::match_columns(schema, input)?;
        Ok(ColumnarLoad {
            builder: TableBuilder::new(schema),
            input: input.to_vec(),
            positions,
            findings,
        })
    }

    /// Keeps the values of the text columns marked in `keep` only; the others are checked
    /// (a required one still rejects an empty cell) but stored empty — for
    /// [`crate::compute::Engine::compute_chunks`], which passes the columns its recipes read.
    pub fn keeping_text(mut self, keep: &[bool]) -> Self {
        self.builder = self.builder.keeping_text(keep);
        self
    }

    /// For each schema column, the position of its input column (`None` when absent).
    pub fn positions(&self) -> &[Option<usize>] {
        &self.positions
    }

    /// Reads the next row: `cell(i)` is the cell of *schema* column `i` (rows are numbered
    /// from 1 in the order fed). `Err` only when a dictionary is full.
    pub fn push_row<'a>(
        &mut self,
        cell: impl Fn(usize) -> SourceCell<'a>,
    ) -> Result<(), MealError> {
        let row = self.builder.rows_read() + 1;
        self.builder
            .push_row(row, Vec::new(), |i| Cell::Source(cell(i)))
    }

    /// Reads the next `rows` rows given column by column: `column(i)` is the source of
    /// *schema* column `i`. The same rows load and are rejected, with the same findings, as
    /// fed one by one through [`ColumnarLoad::push_row`], only faster (`batch.rs`). `Err`
    /// only when a dictionary is full.
    pub fn push_columns<'a>(
        &mut self,
        rows: usize,
        column: impl FnMut(usize) -> SourceColumn<'a>,
    ) -> Result<(), MealError> {
        self.builder.push_columns(rows, column)
    }

    /// A finding about the input as a whole (`data.naive_timestamp`).
    pub fn note(&mut self, finding: Finding) {
        self.findings.push(finding);
    }

    /// The loaded table, with the unknown input columns as warnings.
    pub fn finish(self) -> Loaded {
        let ColumnarLoad {
            builder,
            input,
            positions,
            mut findings,
        } = self;
        let rows = builder.rows_read();
        findings.extend(
            input
                .iter()
                .enumerate()
                .filter(|(i, _)| !positions.contains(&Some(*i)))
                .map(|(_, name)| {
                    Finding::warning("data.unknown_column", name.as_str())
                        .with("column", name)
                        .with("rows", rows)
                }),
        );
        builder.finish(findings)
    }
}

/// The schema of input columns `(name, type, required)`, in order (module docs).
pub fn infer_schema(columns: &[(String, SourceType, bool)]) -> Schema {
    Schema::new(
        columns
            .iter()
            .map(|(name, source, required)| ColumnSpec::new(name, source.column_type(), *required))
            .collect(),
    )
}

/// Messages of the codes this file raises.
pub const MESSAGES: &[Message] = &[
    Message {
        code: "data.not_finite",
        en: "Column {column} holds '{value}', which is not a finite number",
        fr: "La colonne {column} contient « {value} », qui n'est pas un nombre fini",
    },
    Message {
        code: "data.naive_timestamp",
        en: "Column {column} holds timestamps without a time zone; they were read as UTC",
        fr: "La colonne {column} contient des horodatages sans fuseau horaire ; ils ont été lus en UTC",
    },
    Message {
        code: "data.unsupported_arrow_type",
        en: "Column {column} has the Arrow type {type}, which no column type holds (text, integer, decimal, float, boolean, date and timestamp are read)",
        fr: "La colonne {column} a le type Arrow {type}, qu'aucun type de colonne ne contient (texte, entier, décimal, flottant, booléen, date et horodatage sont lus)",
    },
    Message {
        code: "data.not_arrow",
        en: "The input does not export Arrow data (__arrow_c_stream__ or __arrow_c_array__): pass a pyarrow Table, a polars or pandas DataFrame or a DuckDB relation (collect a lazy frame first)",
        fr: "Les données ne s'exportent pas en Arrow (__arrow_c_stream__ ou __arrow_c_array__) : passez une table pyarrow, un DataFrame polars ou pandas ou une relation DuckDB (collectez d'abord un lazy frame)",
    },
    Message {
        code: "data.arrow_unreadable",
        en: "The Arrow data could not be read: {detail}",
        fr: "Les données Arrow n'ont pas pu être lues : {detail}",
    },
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::Values;
    use proptest::strategy::Strategy;

    fn schema() -> Schema {
        Schema::new(vec![
            ColumnSpec::new("id", ColumnType::Text, true),
            ColumnSpec::new("n", ColumnType::Integer, false),
            ColumnSpec::new("x", ColumnType::Decimal, false),
        ])
    }

    #[test]
    fn cells_are_typed_by_the_core_rules() {
        let schema = schema();
        let input = ["id", "n", "x", "extra"].map(String::from);
        let mut load = ColumnarLoad::new(&schema, &input).unwrap();
        let rows: Vec<[SourceCell<'_>; 3]> = vec![
            [
                SourceCell::Text("a"),
                SourceCell::Integer(3),
                SourceCell::Float(0.1),
            ],
            [
                SourceCell::Text("b"),
                SourceCell::Integer(u64::MAX.into()),
                SourceCell::Empty,
            ],
            [
                SourceCell::Text("c"),
                SourceCell::Float(24.0),
                SourceCell::Float(f64::NAN),
            ],
            [
                SourceCell::Empty,
                SourceCell::Empty,
                SourceCell::Float32(0.1),
            ],
            [
                SourceCell::Text("d"),
                SourceCell::Text("7"),
                SourceCell::Decimal {
                    mantissa: 1250,
                    scale: 2,
                },
            ],
        ];
        for row in &rows {
            load.push_row(|i| row[i]).unwrap();
        }
        let loaded = load.finish();
        assert_eq!(loaded.rows_read, 5);
        let codes: Vec<(u64, Vec<&str>)> = loaded
            .rejected
            .iter()
            .map(|r| (r.row, r.findings.iter().map(|f| f.code.as_str()).collect()))
            .collect();
        assert_eq!(
            codes,
            vec![
                (2, vec!["data.not_integer"]),
                (3, vec!["data.not_finite"]),
                (4, vec!["data.required"])
            ]
        );
        assert_eq!(loaded.table.source_rows(), [1, 5]);
        assert_eq!(
            loaded.table.column("x"),
            Some(&Values::Decimal(vec![
                Some(Decimal::new(1, 1)),
                Some(Decimal::new(1250, 2))
            ]))
        );
        assert_eq!(loaded.findings[0].code, "data.unknown_column");
    }

    #[test]
    fn decimals_are_exact_or_refused() {
        assert_eq!(exact_decimal(5, -2), Some(Decimal::new(500, 0)));
        assert_eq!(exact_decimal(1_000, 30), Some(Decimal::new(1, 27)));
        assert_eq!(exact_decimal(i128::MAX, 0), None);
        assert_eq!(
            SourceCell::Decimal {
                mantissa: 5,
                scale: -2
            }
            .to_text(),
            "500"
        );
    }

    #[test]
    fn a_missing_required_column_is_an_error() {
        let schema = schema();
        let error = ColumnarLoad::new(&schema, &["n".to_owned()]).unwrap_err();
        assert_eq!(error.code, "data.missing_column");
        let error = ColumnarLoad::new(&schema, &["id".to_owned(), "id".to_owned()]).unwrap_err();
        assert_eq!(error.code, "data.duplicate_header");
    }

    fn any_cell() -> impl proptest::strategy::Strategy<Value = SourceCell<'static>> {
        use proptest::prelude::*;
        prop_oneof![
            Just(SourceCell::Empty),
            prop::sample::select(vec!["", "12", "x", "2026-03-31", "true", "1e3"])
                .prop_map(SourceCell::Text),
            any::<i128>().prop_map(SourceCell::Integer),
            (any::<i128>(), any::<i8>())
                .prop_map(|(mantissa, scale)| SourceCell::Decimal { mantissa, scale }),
            any::<f64>().prop_map(SourceCell::Float),
            any::<f32>().prop_map(SourceCell::Float32),
            any::<bool>().prop_map(SourceCell::Boolean),
        ]
    }

    /// A schema of the columns `c0`, `c1`, … of `types`, each required as `required` says, and
    /// the header naming them.
    fn columns_c0_to_c6(types: &[ColumnType; 7], required: &[bool]) -> (Schema, Vec<String>) {
        let names: Vec<String> = (0..types.len()).map(|i| format!("c{i}")).collect();
        let specs = names.iter().zip(types).zip(required);
        let schema = Schema::new(
            specs
                .map(|((n, t), r)| ColumnSpec::new(n, *t, *r))
                .collect(),
        );
        (schema, names)
    }

    proptest::proptest! {
        /// Any cells into any column types: no panic, every row loaded or rejected.
        #[test]
        fn every_row_is_accounted_for(
            rows in proptest::collection::vec(proptest::collection::vec(any_cell(), 7), 0..20),
            required in proptest::collection::vec(proptest::bool::ANY, 7),
        ) {
            let types = [
                ColumnType::Text, ColumnType::Choices, ColumnType::Integer, ColumnType::Decimal,
                ColumnType::Boolean, ColumnType::Date, ColumnType::DateTime,
            ];
            let (schema, names) = columns_c0_to_c6(&types, &required);
            let mut load = ColumnarLoad::new(&schema, &names).unwrap();
            for row in &rows {
                load.push_row(|i| row[i]).unwrap();
            }
            let loaded = load.finish();
            proptest::prop_assert_eq!(loaded.rows_read as usize, rows.len());
            proptest::prop_assert_eq!(loaded.table.len() + loaded.rejected.len(), rows.len());
        }
    }

    /// The cells of one column of `rows` rows: integers, booleans, dates, texts (so the batch
    /// load takes its typed paths) or any cells.
    fn column_cells(
        rows: usize,
    ) -> impl proptest::strategy::Strategy<Value = Vec<SourceCell<'static>>> {
        use proptest::collection::vec;
        use proptest::prelude::*;
        let date = |d: i32| NaiveDate::from_num_days_from_ce_opt(739_000 + d).unwrap();
        prop_oneof![
            vec(
                prop_oneof![
                    Just(SourceCell::Empty),
                    any::<i64>().prop_map(|i| SourceCell::Integer(i.into())),
                    (-2i128..5).prop_map(SourceCell::Integer)
                ],
                rows
            ),
            vec(
                prop_oneof![
                    Just(SourceCell::Empty),
                    any::<bool>().prop_map(SourceCell::Boolean)
                ],
                rows
            ),
            vec(
                prop_oneof![
                    Just(SourceCell::Empty),
                    (0..60).prop_map(move |d| SourceCell::Date(date(d)))
                ],
                rows
            ),
            vec(
                prop_oneof![
                    Just(SourceCell::Empty),
                    prop::sample::select(vec!["", "12", "x", "2026-03-31", "true", "a b"])
                        .prop_map(SourceCell::Text)
                ],
                rows
            ),
            vec(any_cell(), rows),
        ]
    }

    /// `cells` as the batch load receives them: typed when every cell allows it, else as a
    /// dictionary (values in first-seen order) or cell by cell.
    fn as_source(cells: &[SourceCell<'static>], dictionary: bool) -> SourceColumn<'static> {
        macro_rules! all {
            ($variant:ident, $pattern:pat => $value:expr) => {
                cells
                    .iter()
                    .map(|c| match *c {
                        SourceCell::Empty => Some(None),
                        $pattern => Some(Some($value)),
                        _ => None,
                    })
                    .collect::<Option<Vec<_>>>()
                    .map(SourceColumn::$variant)
            };
        }
        let typed = all!(Integers, SourceCell::Integer(i) => i64::try_from(i).ok()?)
            .or_else(|| all!(Booleans, SourceCell::Boolean(b) => b))
            .or_else(|| all!(Dates, SourceCell::Date(d) => d))
            .or_else(|| all!(Texts, SourceCell::Text(t) => t));
        match typed {
            Some(column) if !dictionary => column,
            _ if dictionary => {
                let mut values: Vec<SourceCell<'static>> = Vec::new();
                let keys = cells
                    .iter()
                    .map(|c| {
                        if *c == SourceCell::Empty {
                            return None;
                        }
                        // By their debug text: 0.0 and -0.0 are equal floats, not one value.
                        let same = |v: &SourceCell<'_>| format!("{v:?}") == format!("{c:?}");
                        let at = values.iter().position(same).unwrap_or_else(|| {
                            values.push(*c);
                            values.len() - 1
                        });
                        Some(at as u32)
                    })
                    .collect();
                SourceColumn::Dictionary { keys, values }
            }
            _ => SourceColumn::Cells(cells.to_vec()),
        }
    }

    proptest::proptest! {
        /// Column by column, in batches, the same table, rejections and findings as row by
        /// row, for any cells in any column types (required or not, text kept or not).
        #[test]
        fn batches_load_like_rows(
            (columns, split) in (0..24usize).prop_flat_map(|rows| (
                proptest::collection::vec(column_cells(rows), 7),
                0..=rows,
            )),
            required in proptest::collection::vec(proptest::bool::ANY, 7),
            dictionary in proptest::collection::vec(proptest::bool::ANY, 7),
            keep in proptest::collection::vec(proptest::bool::ANY, 7),
        ) {
            let types = [
                ColumnType::Text, ColumnType::Integer, ColumnType::Choices, ColumnType::Decimal,
                ColumnType::Boolean, ColumnType::Date, ColumnType::DateTime,
            ];
            let (schema, names) = columns_c0_to_c6(&types, &required);
            let rows = columns[0].len();
            let mut by_row = ColumnarLoad::new(&schema, &names).unwrap().keeping_text(&keep);
            (0..rows).try_for_each(|row| by_row.push_row(|i| columns[i][row])).unwrap();
            let mut by_column = ColumnarLoad::new(&schema, &names).unwrap().keeping_text(&keep);
            for range in [0..split, split..rows] {
                by_column.push_columns(range.len(), |i| {
                    as_source(&columns[i][range.clone()], dictionary[i])
                }).unwrap();
            }
            proptest::prop_assert_eq!(by_column.finish(), by_row.finish());
        }
    }
}
