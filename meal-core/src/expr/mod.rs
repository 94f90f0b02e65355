//! The expression language: form constraints, relevance and calculations, indicator filters
//! and validation rules, source-compatible with the XLSForm/ODK XPath subset.
//!
//! SKELETON — the public API below is the contract the `form` module and the bindings are
//! written against. Implementation owned by the expr work stream (submodules welcome:
//! lexer, parser, ast, print, check, eval, functions).

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset, NaiveDate};
use rust_decimal::Decimal;

use crate::error::{Finding, MealError};
use crate::i18n::{Message, Term};

/// A value during evaluation. XPath node values are strings; this language keeps types so the
/// same expression gives the same answer everywhere (see the module docs for each rule).
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// No value: an empty or absent field (`""` in XPath).
    Empty,
    Text(String),
    /// Exact decimal. `None` is XPath's NaN (e.g. `number('abc')`, `1 div 0`).
    Number(Option<Decimal>),
    Bool(bool),
    Date(NaiveDate),
    DateTime(DateTime<FixedOffset>),
    /// The values of one field across the instances of a repeat, in order.
    List(Vec<Value>),
}

/// The static type of a field, for type-checking expressions against a form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ValueType {
    Text,
    Number,
    Bool,
    Date,
    DateTime,
    /// A select_multiple: space-separated choice names.
    Choices,
    Any,
}

/// What an expression can see while it is evaluated: field values, the current value,
/// the clock. Implemented by the form engine (and by tests with a map).
pub trait Context {
    /// The value of `${name}` seen from where the expression sits: the field's value, or
    /// `Value::List` when `name` lies in a repeat the expression is outside of;
    /// `None` when no such field exists.
    fn field(&self, name: &str) -> Option<Value>;
    /// The value of `.` (the field the expression belongs to).
    fn current(&self) -> Value;
    /// 1-based position of the current repeat instance (`position(..)`), if inside a repeat.
    fn position(&self) -> Option<usize>;
    /// Today's date (injectable clock: the same answer in a test, a phone and a notebook).
    fn today(&self) -> NaiveDate;
    /// Now, with its UTC offset.
    fn now(&self) -> DateTime<FixedOffset>;
    /// The label of choice `value` of the select field `field` (`jr:choice-name`).
    fn choice_label(&self, field: &str, value: &str) -> Option<String>;
}

/// What a type-check can see: the fields and their types.
pub trait Schema {
    /// The type of field `name`, `None` when the form has no such field.
    fn field_type(&self, name: &str) -> Option<ValueType>;
}

/// A parsed expression: immutable, evaluated many times.
#[derive(Debug, Clone, PartialEq)]
pub struct Expr {
    source: String,
}

impl Expr {
    /// Parses `source`. Errors: `expr.syntax` (params `position`, `expected`, `found`),
    /// `expr.unknown_function` (`name`, `position`), `expr.arity` (`name`, `expected`, `found`),
    /// `expr.pulldata` (pulldata is refused, with the reason).
    pub fn parse(source: &str) -> Result<Expr, MealError> {
        Err(MealError::new("expr.syntax").with("source", source))
    }

    /// The source text as written.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// The canonical text of the parsed expression; parsing it gives the same AST.
    pub fn to_canonical(&self) -> String {
        self.source.clone()
    }

    /// The field names referenced as `${name}`, sorted, without duplicates.
    pub fn references(&self) -> Vec<String> {
        Vec::new()
    }

    /// Type-checks against `schema`: unknown field references (`expr.unknown_field`), operand
    /// types that cannot work (`expr.type_mismatch`), … Paths are left empty for the caller.
    pub fn check(&self, schema: &dyn Schema) -> Vec<Finding> {
        let _ = schema;
        Vec::new()
    }

    /// Evaluates in `context`. Runtime failures that XPath would turn into NaN or empty are
    /// values, not errors; an `Err` is reserved for what cannot be given a value (an invalid
    /// regex pattern: `expr.regex`).
    pub fn evaluate(&self, context: &dyn Context) -> Result<Value, MealError> {
        let _ = context;
        Ok(Value::Empty)
    }

    /// Evaluates as a boolean, with the language's truthiness rules (see the module docs).
    pub fn evaluate_bool(&self, context: &dyn Context) -> Result<bool, MealError> {
        self.evaluate(context).map(|v| v.truthy())
    }
}

impl Value {
    /// Truthiness (XPath `boolean()` with this library's documented decisions).
    pub fn truthy(&self) -> bool {
        false
    }

    /// The value as XPath `string()` would show it (canonical: numbers normalised, dates ISO).
    pub fn to_text(&self) -> String {
        String::new()
    }
}

/// A context over fixed values, for tests, vectors and notebooks: `${name}` reads `values`.
#[derive(Debug, Clone, PartialEq)]
pub struct MapContext {
    pub values: BTreeMap<String, Value>,
    pub current: Value,
    pub today: NaiveDate,
    pub now: DateTime<FixedOffset>,
}

/// Messages of this module's codes.
pub const MESSAGES: &[Message] = &[];

/// Domain terms this module puts in message parameters.
pub const TERMS: &[Term] = &[];
