//! The expression language: form constraints, relevance and calculations, indicator filters
//! and validation rules, source-compatible with the XLSForm/ODK XPath subset field teams write
//! (`${age} >= 15 and selected(${services}, 'mental_health')`, `. <= 120`,
//! `if(${sex} = 'f', 1, 0)`).
//!
//! An expression is parsed once ([`Expr::parse`]) into a typed tree ([`ast::Node`]), checked
//! against a form ([`Expr::check`]) and evaluated many times ([`Expr::evaluate`]) against a
//! [`Context`]. The reference for ODK semantics and for the places where ODK engines disagree is
//! `reference/forms-validation.md` §1.2 (semantics), §1.5 (verified divergences between JavaRosa
//! — ODK Collect and KoboCollect —, Enketo, ODK Web Forms and CommCare) and §1.6 (known bugs).
//! Where engines disagree this module picks one rule, documents it below and pins it with a
//! conformance vector (`tests/vectors/expr.json`, named after "vectors:").
//!
//! # Grammar
//!
//! | construct | written | notes |
//! |---|---|---|
//! | field | `${name}` | name: a letter or `_`, then letters, digits, `_`, `-`, `.` |
//! | current value | `.` | the field the expression belongs to |
//! | text | `'…'` or `"…"` | no escapes (XPath): a text holds the other quote |
//! | number | `12`, `0.5`, `.5`, `3.` | never negative: `-1` is unary minus applied to `1` |
//! | operators | `or`, `and`, `= !=`, `< <= > >=`, `+ -`, `* div mod`, unary `-` | lowest to highest precedence, XPath 1.0; all binary operators associate to the left |
//! | call | `name(arg, …)` | the functions below; `position(..)` as ODK writes it |
//!
//! Paths (`/data/x`), predicates, `instance()`, `current()` and unions are not part of the
//! language: XLSForm authors write `${name}`, and the form engine resolves repeats (a field in a
//! repeat seen from outside it is a [`Value::List`]).
//!
//! Errors carry a 0-based **character** (not byte) `position`:
//! `expr.syntax` (`position`, `expected`, `found`), `expr.unknown_function` (`name`, `position`),
//! `expr.arity` (`name`, `expected`, `found`, `position`), `expr.pulldata` (`position`),
//! `expr.nondeterministic` (`name`, `position`: `uuid`, `random`, `randomize`, `digest`),
//! `expr.too_deep` (`position`, `limit`), `expr.number` (`value`, `position`: a literal that does
//! not fit an exact decimal), `expr.regex` (`pattern`, `reason`; raised at parse for a literal
//! pattern, at evaluation for a computed one).
//!
//! ## Refused functions
//!
//! `pulldata()` reads an external CSV attached to the form on the device; this engine is offline
//! and reproducible — the same expression and values give the same answer in a notebook, a
//! browser and a phone — so it cannot depend on a file it does not see: `expr.pulldata`, with a
//! message that says so. `uuid()`, `random()`, `randomize()` and `digest()` are refused for the
//! same reason (`expr.nondeterministic`): their answer is not a function of the inputs.
//! (vectors: `parse-pulldata-refused`, `parse-uuid-refused`)
//!
//! ## Depth
//!
//! Nesting (parentheses, function arguments, unary minus) is capped at [`MAX_DEPTH`] = 64 levels
//! (`expr.too_deep`), so evaluation never exhausts a stack — a browser's is small. Long flat
//! chains (`${q1} + ${q2} + … + ${q300}`) are not nesting: one precedence level is one tree node.
//!
//! # Values and conversions
//!
//! XPath node values are strings; here values keep a type ([`Value`]) and convert on demand,
//! following XPath 1.0 except where this section says otherwise.
//!
//! ## Numbers are exact decimals
//!
//! Every number is a 96-bit [`Decimal`] with up to 28 decimal places, never a binary float, so
//! `0.1 + 0.2 = 0.3` is **true** here and false in every ODK engine (JavaRosa, Enketo and Web
//! Forms use IEEE doubles). A deliberate divergence: a figure a person reads must be exact.
//! Integers are not 32-bit as in JavaRosa (§1.5 "int storage"): they are exact up to
//! 79 228 162 514 264 337 593 543 950 335. A result that does not fit (overflow) is NaN.
//! Division is exact to 28 significant digits: `1 div 3` = `0.3333333333333333333333333333`.
//! A number literal that cannot be held exactly is refused at parse (`expr.number`).
//! (vectors: `eval-decimal-exact`, `eval-overflow-nan`, `parse-number-too-large`)
//!
//! ## NaN, division by zero
//!
//! `Value::Number(None)` is XPath's NaN. There is no Infinity: `1 div 0`, `-1 div 0`, `0 div 0`
//! and `5 mod 0` are all NaN (XPath gives ±Infinity for the first two). NaN spreads through
//! arithmetic, compares false with everything (`!=` true), is falsy, and reads `NaN` as text.
//! (vectors: `eval-div-zero`, `eval-mod-zero`, `eval-nan-compare`)
//!
//! ## Text to number
//!
//! As XPath `number()`: optional surrounding whitespace, optional `-`, digits with an optional
//! fraction. No `+`, exponent or thousands separator (`number('1e3')` is NaN). As ODK's spec
//! adds, text holding an ISO date (`2026-01-01`) or RFC 3339 date-time converts to its days since
//! 1970-01-01. `true` is 1, `false` 0, a date its day count, a date-time its fractional day count
//! in UTC. A list converts through its text (so a one-item list is its item, more items NaN).
//!
//! ## Empty values
//!
//! An empty or absent field is [`Value::Empty`], XPath's `''`:
//! * in arithmetic it is NaN, as in XPath and every ODK engine: `${blank} + 1` is NaN — use
//!   `coalesce(${x}, 0)` to count a blank as zero (vectors: `eval-empty-arith-nan`);
//! * `${blank} = ''` is true and `${blank} != ''` false (text comparison)
//!   (vectors: `eval-empty-equals-empty-text`); `${blank} = 0` is false (NaN) (vectors: `eval-empty-equals-zero`);
//! * relational comparisons with it are false (NaN) (vectors: `eval-empty-relational`);
//! * it is falsy; `string-length` is 0; `count-selected` 0;
//! * `coalesce`, `once` and `count-non-empty` treat `Empty`, `''` and a list of blanks as empty;
//!   NaN is not empty (it reads `NaN`).
//!
//! ## Truthiness
//!
//! XPath `boolean()`: empty text and `Empty` are false, any other text is true — including
//! `'false'` and `'0'` (§1.2: `boolean("false") = true()`; use `boolean-from-string`); a number
//! is true unless 0 or NaN; dates are true; a list is true when it has at least one item (an
//! XPath node-set). (vectors: `eval-boolean-false-text`, `eval-boolean-nan`)
//!
//! ## Comparisons
//!
//! * A list (repeat) compares item by item: true when any item satisfies the comparison
//!   (XPath node-set semantics); an empty list makes every comparison false.
//! * `=`/`!=` against a boolean compare truthiness (XPath): `false() = 'false'` is false, since
//!   the text `'false'` is true; `check` warns when a boolean is compared with a text literal.
//!   (vectors: `eval-bool-compare-truthy`, `check-bool-vs-text-warning`)
//! * Against a date or date-time, the other side is read as a date: ISO text, a date-time, or a
//!   day count; a date-time compares by its instant (fractional UTC days), a date as its UTC
//!   midnight. Text that is no date makes `=` and the order comparisons false, `!=` true
//!   (`check` reports it). (vectors: `eval-date-compare-text`)
//! * Otherwise `=`/`!=` compare numbers when one side is a number (text converted: `'5' = 5`
//!   is true, `'abc' = 0` false), else texts exactly (`'a' = 'A'` is false).
//! * `< <= > >=` always compare numbers, XPath 1.0: `'b' > 'a'` is false (both NaN), but
//!   `'10' > '9'` is true and ISO date texts compare as dates. (vectors: `eval-text-relational-numeric`)
//!
//! ## Dates
//!
//! `today()` and `now()` come from the [`Context`] (an injectable clock: the same answer in a test,
//! on a phone and in a notebook). Arithmetic converts dates to day counts, so
//! `today() - date('2026-01-01')` is a number of days and `today() + 1` a day count; wrap it in
//! `date()` to get a date back. `date(x)`: a date; a date-time's date in its own offset; ISO text;
//! a number of days since 1970-01-01 (a fraction counts toward the past); anything else (and
//! dates outside chrono's range) is `Empty`, not an error. `decimal-date-time(x)`: fractional days
//! since 1970-01-01T00:00:00Z (`2026-11-27T10:00:00+01:00` → `20784.375`). Date-times are
//! written `YYYY-MM-DDTHH:MM:SS.sss±HH:MM`, as ODK stores them, keeping their offset.
//! (vectors: `eval-date-diff`, `eval-date-from-number`, `eval-decimal-date-time`)
//!
//! ## `format-date` patterns
//!
//! ODK's patterns: `%Y` 4-digit year, `%y` 2-digit year, `%m` 2-digit month, `%n` month
//! without padding, `%b` short month name, `%d` 2-digit day, `%e` day without padding, `%a` short
//! weekday name, `%H` 2-digit hour, `%h` hour without padding, `%M` minutes, `%S` seconds, `%3`
//! milliseconds, `%%` a percent sign. Names are English (`Jan`, `Mon`): a locale-dependent
//! answer would differ between a phone and a server. Any other `%x` stays as written. The time
//! patterns read 0 for a date. A value that is not a date gives `Empty`.
//! (vectors: `eval-format-date-all`, `eval-format-date-unknown`)
//!
//! # Functions
//!
//! [`ast::Function`] lists them with their arities. Text arguments convert with `string()`,
//! numbers with `number()`. Beyond XPath:
//!
//! * **`regex(text, pattern)` — full match, the ASCII dialect of JavaRosa.** JavaRosa matches
//!   the whole text (`Pattern.matches`), Enketo and Web Forms search anywhere (`RegExp.test`)
//!   (§1.5). This module follows JavaRosa — the engine most field phones run and the reading the
//!   XLSForm docs' examples assume: the pattern is compiled as `^(?:pattern)$` after being checked
//!   alone (so `a)|(b` cannot escape the group). Classes read as both `java.util.regex` and
//!   ECMAScript read them by default: `\d` is `[0-9]`, `\w` is `[0-9A-Za-z_]`, `\s` is ASCII
//!   white space, `\b` an ASCII word boundary, and `(?i)` folds ASCII letters only. So a phone
//!   number written in Arabic-Indic digits fails `\d{10}` here as on the phone and in Enketo
//!   (the Rust `regex` crate, used before, accepted it). Syntax is Rust's (`regex-lite`): no
//!   look-around, no back-references, no Unicode property classes (`\p{L}`: Java knows them,
//!   ECMAScript reads them as the letters `p{L}`; here they are refused when the form loads, so
//!   the author lists the letters, e.g. `[A-Za-zÀ-ÖØ-öø-ÿ]`), no nested classes. Matching is
//!   linear in the text: no catastrophic backtracking (the "took too long" CommCare guards
//!   against). A pattern that is not valid, or compiles beyond 1 MiB, is `expr.regex`. The
//!   patterns forms mostly write — a sequence of characters and classes with `? * + {m,n}`,
//!   such as `[0-9]{8,12}` — run on a small bit-parallel automaton (`simple_regex.rs`) beside
//!   the `regex-lite` program, which still compiles every pattern (so what is accepted is
//!   `regex-lite`'s rule) and runs the rest. (vectors: `eval-regex-full-match`,
//!   `eval-regex-anchors-harmless`, `parse-regex-invalid`, `eval-regex-invalid-dynamic`,
//!   `eval-regex-ascii-digit`, `eval-regex-ascii-word`, `eval-regex-ascii-case`,
//!   `parse-regex-unicode-class`, `eval-regex-bounded-*`, `eval-regex-optional-prefix*`,
//!   `eval-regex-negated-class`, `eval-regex-redundant-anchors`, `eval-regex-dot-not-newline`)
//! * **`round(x)` — half away from zero.** `round(-1.5)` = −2, `round(2.5)` = 3. JavaRosa gives
//!   −1 (HALF_DOWN on negatives), Enketo −2 (§1.5): rounding symmetric around zero is what a
//!   person expects of `-1.5`, and what rust_decimal and spreadsheets do. `round(x, digits)`
//!   rounds to `digits` places; negative digits round to tens, hundreds (`round(1250, -2)` =
//!   1300). (vectors: `eval-round-negative-half`, `eval-round-digits`)
//! * **`int(x)`** truncates toward zero: `int(-3.7)` = −3.
//! * **`boolean-from-string(s)`**: true for `true` in any case and for `1`, as JavaRosa
//!   (`equalsIgnoreCase`); Enketo and Web Forms accept only lowercase (§1.5). Spreadsheets turn a
//!   typed `true` into `TRUE`, so the case-blind rule keeps XLSForm data right. No trimming.
//!   (vectors: `eval-boolean-from-string-upper`)
//! * **`pow(x, y)`**: exact for an integer `y` (negative: a division); NaN for a fractional `y`
//!   (an exact decimal root does not exist in general) or on overflow.
//! * **`string-length`, `substr`** count Unicode characters, not UTF-16 units (JavaRosa counts
//!   `"😀"` as 2; here 1). `substr(s, start, end?)` is ODK's: 0-based, `end` exclusive, both
//!   clamped to the text. `substring-before/after` are XPath's (not found → `''`).
//! * **Selects**: a select_multiple value is its choice names separated by spaces.
//!   `selected(v, c)` is true when `c` is one of them, `count-selected(v)` counts them,
//!   `selected-at(v, n)` is the `n`-th, **0-based** (out of range → `''`),
//!   `jr:choice-name(v, '${field}')` is the label of choice `v` of `field`
//!   ([`Context::choice_label`]; `''` when unknown).
//! * **`once(x)`**: the current value when it is not empty, else `x` (ODK: a value computed once).
//! * **`coalesce(a, b)`**: `a` unless empty, else `b`. **`if(c, a, b)`** evaluates only the
//!   chosen branch; `and`/`or` short-circuit.
//! * **Repeats**: `count(list)` (a non-list counts as one instance), `count-non-empty`, `sum`
//!   (NaN if any item is not a number, as XPath: blanks included; 0 for no instance), `max(…)`,
//!   `min(…)` (over a list or several arguments; NaN if any is NaN or none is given),
//!   `join(sep, …)` (flattens lists), `position(..)` (1-based instance from the context; NaN
//!   outside a repeat).
//! * **Text**: `concat`, `contains`, `starts-with`, `ends-with`, `normalize-space` (XML
//!   whitespace), `translate` (XPath), `string(x?)`, `string-length(x?)` (no argument: `.`).
//! * `number`, `boolean`, `not`, `true()`, `false()`, `abs`, `today()`, `now()` as XPath/ODK.
//!
//! # Text of a value
//!
//! [`Value::to_text`] (XPath `string()`), also the `ok` of the `expr.evaluate` vectors: `Empty`
//! is `''`; numbers are normalised decimals (`1.50` → `1.5`, never an exponent, `-0` → `0`); NaN
//! is `NaN`; booleans `true`/`false`; dates `YYYY-MM-DD`; date-times
//! `YYYY-MM-DDTHH:MM:SS.sss±HH:MM`; a list its items' texts joined by one space (how a
//! select_multiple reads).
//!
//! # Canonical text
//!
//! [`Expr::to_canonical`] prints the tree with fully determined spacing and minimal parentheses
//! (see the `print` submodule): `(${a}+${b})*2 div .5` → `(${a} + ${b}) * 2 div 0.5`. Parsing it
//! gives the same tree, and printing is idempotent.
//!
//! # Type checking
//!
//! [`Expr::check`] reports `expr.unknown_field` (error, param `name`) for each `${name}` the
//! schema lacks (also the field named in `jr:choice-name`), and `expr.type_mismatch` (params
//! `operator`, `kind` — the type found —, `expected`): an **error** where the answer is fixed
//! whatever the data (arithmetic on a text literal that is no number, a number or date field
//! compared with such a literal), a **warning** where ODK would silently convert (arithmetic or
//! ordering on a text, choices or boolean field; a text field compared with a date; `selected()`
//! on a number or date field). Paths are left empty for the caller to fill.

pub mod ast;
mod check;
mod eval;
mod eval_bool;
mod parser;
mod print;
mod program;
mod simple_regex;
mod value;

#[cfg(test)]
mod tests;

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset, NaiveDate};
use rust_decimal::Decimal;

use crate::error::{Finding, MealError};
use crate::i18n::{Message, Term};

pub use ast::{BinOp, Function, Node};
pub(crate) use value::{number_text, text_cow};

/// Deepest nesting of parentheses, function calls and unary minus an expression may have
/// (`expr.too_deep`).
pub const MAX_DEPTH: usize = 64;

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

/// Borrowed access to the values a [`Context`] holds (the form engine's), so that reading
/// `${name}` or `.` copies nothing. Answers exactly as [`Context::field`] and
/// [`Context::current`] do.
pub(crate) trait Fields {
    fn field_ref(&self, name: &str) -> Option<std::borrow::Cow<'_, Value>>;
    /// [`Fields::field_ref`] of the field the host numbered `slot` (see
    /// [`Expr::resolve_fields`]).
    fn field_at(&self, slot: usize) -> Option<std::borrow::Cow<'_, Value>>;
    fn current_ref(&self) -> std::borrow::Cow<'_, Value>;
}

/// What a type-check can see: the fields and their types.
pub trait Schema {
    /// The type of field `name`, `None` when the form has no such field.
    fn field_type(&self, name: &str) -> Option<ValueType>;
}

/// A parsed expression: immutable, evaluated many times.
#[derive(Debug, Clone)]
pub struct Expr {
    source: String,
    ast: Node,
    /// The tree the evaluator runs: literals and literal regexes built once, at parse.
    program: program::Op,
}

impl PartialEq for Expr {
    fn eq(&self, other: &Self) -> bool {
        self.source == other.source && self.ast == other.ast
    }
}

impl Expr {
    /// Parses `source`. Errors: `expr.syntax` (params `position`, `expected`, `found`),
    /// `expr.unknown_function` (`name`, `position`), `expr.arity` (`name`, `expected`, `found`),
    /// `expr.pulldata` (pulldata is refused, with the reason), `expr.nondeterministic`,
    /// `expr.too_deep`, `expr.number`, `expr.regex` (a literal pattern that does not compile).
    pub fn parse(source: &str) -> Result<Expr, MealError> {
        let ast = parser::parse(source)?;
        let program = program::prepare(&ast)?;
        Ok(Expr {
            source: source.to_owned(),
            ast,
            program,
        })
    }

    /// Numbers every `${name}` with `slot_of(name)`, so that a host implementing
    /// [`Fields::field_at`] reads the field without looking its name up on each evaluation.
    /// A name `slot_of` does not know is read by name ([`Fields::field_ref`]).
    pub(crate) fn resolve_fields(&mut self, slot_of: &dyn Fn(&str) -> Option<usize>) {
        program::resolve(&mut self.program, slot_of);
    }

    /// The source text as written.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// The syntax tree.
    pub fn ast(&self) -> &Node {
        &self.ast
    }

    /// The canonical text of the parsed expression; parsing it gives the same AST.
    pub fn to_canonical(&self) -> String {
        print::print(&self.ast)
    }

    /// The field names referenced as `${name}` (and the field named in `jr:choice-name`'s
    /// second argument), sorted, without duplicates.
    pub fn references(&self) -> Vec<String> {
        let mut names = std::collections::BTreeSet::new();
        self.ast.walk(&mut |node| match node {
            Node::Field(name) => {
                names.insert(name.clone());
            }
            Node::Call {
                function: Function::ChoiceName,
                args,
            } => {
                if let Some(Node::Text(field)) = args.get(1) {
                    let field = eval::choice_field(field);
                    if !field.is_empty() {
                        names.insert(field.to_owned());
                    }
                }
            }
            _ => {}
        });
        names.into_iter().collect()
    }

    /// Type-checks against `schema`: unknown field references (`expr.unknown_field`), operand
    /// types that cannot work (`expr.type_mismatch`), … Paths are left empty for the caller.
    pub fn check(&self, schema: &dyn Schema) -> Vec<Finding> {
        check::check(&self.ast, schema)
    }

    /// Evaluates in `context`. Runtime failures that XPath would turn into NaN or empty are
    /// values, not errors; an `Err` is reserved for what cannot be given a value (an invalid
    /// regex pattern: `expr.regex`).
    pub fn evaluate(&self, context: &dyn Context) -> Result<Value, MealError> {
        eval::Evaluator {
            context,
            fields: None,
        }
        .eval(&self.program)
    }

    /// [`Expr::evaluate`], reading field values borrowed through `fields`.
    pub(crate) fn evaluate_with(
        &self,
        context: &dyn Context,
        fields: &dyn Fields,
    ) -> Result<Value, MealError> {
        eval::Evaluator {
            context,
            fields: Some(fields),
        }
        .eval(&self.program)
    }

    /// [`Expr::evaluate_bool`], reading field values borrowed through `fields`.
    pub(crate) fn evaluate_bool_with(
        &self,
        context: &dyn Context,
        fields: &dyn Fields,
    ) -> Result<bool, MealError> {
        eval::Evaluator {
            context,
            fields: Some(fields),
        }
        .eval_bool(&self.program)
    }

    /// Evaluates as a boolean, with the language's truthiness rules (see the module docs).
    pub fn evaluate_bool(&self, context: &dyn Context) -> Result<bool, MealError> {
        eval::Evaluator {
            context,
            fields: None,
        }
        .eval_bool(&self.program)
    }
}

impl Value {
    /// Truthiness (XPath `boolean()` with this library's documented decisions).
    pub fn truthy(&self) -> bool {
        value::truthy(self)
    }

    /// The value as XPath `string()` would show it (canonical: numbers normalised, dates ISO).
    pub fn to_text(&self) -> String {
        value::text_of(self)
    }
}

impl ValueType {
    /// The lowercase name used in JSON and every binding.
    pub fn as_str(self) -> &'static str {
        match self {
            ValueType::Text => "text",
            ValueType::Number => "number",
            ValueType::Bool => "bool",
            ValueType::Date => "date",
            ValueType::DateTime => "datetime",
            ValueType::Choices => "choices",
            ValueType::Any => "any",
        }
    }

    /// The type named `name` (as [`ValueType::as_str`] writes it), if any.
    pub fn from_name(name: &str) -> Option<ValueType> {
        [
            ValueType::Text,
            ValueType::Number,
            ValueType::Bool,
            ValueType::Date,
            ValueType::DateTime,
            ValueType::Choices,
            ValueType::Any,
        ]
        .into_iter()
        .find(|t| t.as_str() == name)
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

impl MapContext {
    /// A context over `values`, with an empty current value and the given clock.
    pub fn new(
        values: BTreeMap<String, Value>,
        today: NaiveDate,
        now: DateTime<FixedOffset>,
    ) -> Self {
        MapContext {
            values,
            current: Value::Empty,
            today,
            now,
        }
    }

    /// A context from JSON, as every binding and the vectors build it: `values` is an object
    /// (name → JSON value, arrays for repeats; anything else gives no values), `current` the
    /// value of `.` (see [`Value::from_json`]), `today` the date of `now` when absent.
    pub fn from_json(
        values: &serde_json::Value,
        current: &serde_json::Value,
        today: Option<NaiveDate>,
        now: DateTime<FixedOffset>,
    ) -> Self {
        let values = match values {
            serde_json::Value::Object(map) => map
                .iter()
                .map(|(name, value)| (name.clone(), Value::from_json(value)))
                .collect(),
            _ => BTreeMap::new(),
        };
        MapContext {
            values,
            current: Value::from_json(current),
            today: today.unwrap_or_else(|| now.date_naive()),
            now,
        }
    }
}

/// A schema from field names to type names (`text`, `number`, `bool`, `date`, `datetime`,
/// `choices`, `any`): for checking an expression outside a form — in a notebook, a binding,
/// a vector.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TypeMap(BTreeMap<String, ValueType>);

impl TypeMap {
    /// Reads `(field, type name)` pairs. Error `expr.unknown_type` for a type name that is not
    /// one of [`ValueType::from_name`]'s.
    pub fn from_names<'a>(
        types: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<TypeMap, MealError> {
        types
            .into_iter()
            .map(|(field, name)| match ValueType::from_name(name) {
                Some(value_type) => Ok((field.to_owned(), value_type)),
                None => Err(MealError::new("expr.unknown_type")
                    .with("field", field)
                    .with("type", name)),
            })
            .collect::<Result<_, _>>()
            .map(TypeMap)
    }
}

impl Schema for TypeMap {
    fn field_type(&self, name: &str) -> Option<ValueType> {
        self.0.get(name).copied()
    }
}

impl Context for MapContext {
    fn field(&self, name: &str) -> Option<Value> {
        self.values.get(name).cloned()
    }

    fn current(&self) -> Value {
        self.current.clone()
    }

    fn position(&self) -> Option<usize> {
        None
    }

    fn today(&self) -> NaiveDate {
        self.today
    }

    fn now(&self) -> DateTime<FixedOffset> {
        self.now
    }

    fn choice_label(&self, _field: &str, _value: &str) -> Option<String> {
        None
    }
}

/// Messages of this module's codes.
pub const MESSAGES: &[Message] = &[
    Message {
        code: "expr.unknown_type",
        en: "Field {field} is given the type '{type}', which is none of text, number, bool, date, datetime, choices, any",
        fr: "Le champ {field} reçoit le type « {type} », qui n'est aucun de text, number, bool, date, datetime, choices, any",
    },
    Message {
        code: "expr.syntax",
        en: "Expression not understood at character {position}: expected {expected}, found '{found}'",
        fr: "Expression incomprise au caractère {position} : attendu {expected}, trouvé « {found} »",
    },
    Message {
        code: "expr.unknown_function",
        en: "Unknown function '{name}' at character {position}",
        fr: "Fonction « {name} » inconnue au caractère {position}",
    },
    Message {
        code: "expr.arity",
        en: "Function '{name}' at character {position} takes {expected} argument(s), not {found}",
        fr: "La fonction « {name} » au caractère {position} prend {expected} argument(s), pas {found}",
    },
    Message {
        code: "expr.pulldata",
        en: "pulldata() at character {position} is not supported: it reads an external CSV file on the device, and expressions here must give the same answer offline, everywhere, from the form's own values",
        fr: "pulldata() au caractère {position} n'est pas pris en charge : elle lit un fichier CSV externe sur l'appareil, alors qu'une expression doit ici donner la même réponse hors ligne, partout, à partir des seules valeurs du formulaire",
    },
    Message {
        code: "expr.nondeterministic",
        en: "{name}() at character {position} is not supported: its answer would change from one evaluation to the next",
        fr: "{name}() au caractère {position} n'est pas prise en charge : sa réponse changerait d'une évaluation à l'autre",
    },
    Message {
        code: "expr.too_deep",
        en: "Expression nested too deeply at character {position} (more than {limit} levels)",
        fr: "Expression trop imbriquée au caractère {position} (plus de {limit} niveaux)",
    },
    Message {
        code: "expr.number",
        en: "Number {value} at character {position} cannot be held exactly (at most 28 decimal places, below 7.9 × 10^28)",
        fr: "Le nombre {value} au caractère {position} ne peut pas être représenté exactement (28 décimales au plus, moins de 7,9 × 10^28)",
    },
    Message {
        code: "expr.regex",
        en: "Regular expression '{pattern}' refused: {reason}",
        fr: "Expression régulière « {pattern} » refusée : {reason}",
    },
    Message {
        code: "expr.unknown_field",
        en: "The expression refers to the field '{name}', which this form does not have",
        fr: "L'expression fait référence au champ « {name} », que ce formulaire n'a pas",
    },
    Message {
        code: "expr.type_mismatch",
        en: "'{operator}' expects {expected} but is given {kind}",
        fr: "« {operator} » attend {expected} mais reçoit {kind}",
    },
];

/// Domain terms this module puts in message parameters.
pub const TERMS: &[Term] = &[
    Term {
        key: parser::EXPECT_OPERAND,
        en: "an operand: a number, a 'text', ${field}, ., a function call or (",
        fr: "un opérande : un nombre, un 'texte', ${champ}, ., un appel de fonction ou (",
    },
    Term {
        key: parser::EXPECT_CLOSE_PAREN,
        en: "a closing parenthesis )",
        fr: "une parenthèse fermante )",
    },
    Term {
        key: parser::EXPECT_COMMA_OR_CLOSE,
        en: "a comma or a closing parenthesis )",
        fr: "une virgule ou une parenthèse fermante )",
    },
    Term {
        key: parser::EXPECT_OPEN_PAREN,
        en: "an opening parenthesis ( after the function name",
        fr: "une parenthèse ouvrante ( après le nom de la fonction",
    },
    Term {
        key: parser::EXPECT_END,
        en: "an operator or the end of the expression",
        fr: "un opérateur ou la fin de l'expression",
    },
    Term {
        key: parser::EXPECT_FIELD_NAME,
        en: "a field name and } after ${",
        fr: "un nom de champ et } après ${",
    },
    Term {
        key: parser::EXPECT_QUOTE,
        en: "the closing quote of the text",
        fr: "le guillemet fermant du texte",
    },
    Term {
        key: "a pattern that is not a valid regular expression",
        en: "not a valid regular expression",
        fr: "ce n'est pas une expression régulière valide",
    },
    Term {
        key: "a pattern too large to compile",
        en: "too large once compiled (limit 1 MiB)",
        fr: "trop volumineuse une fois compilée (limite 1 Mio)",
    },
    Term {
        key: "a text value",
        en: "a text value",
        fr: "un texte",
    },
    Term {
        key: "a number",
        en: "a number",
        fr: "un nombre",
    },
    Term {
        key: "a true/false value",
        en: "a true/false value",
        fr: "une valeur vrai/faux",
    },
    Term {
        key: "a date",
        en: "a date",
        fr: "une date",
    },
    Term {
        key: "a date and time",
        en: "a date and time",
        fr: "une date et heure",
    },
    Term {
        key: "a list of selected choices",
        en: "a list of selected choices",
        fr: "une liste de choix sélectionnés",
    },
    Term {
        key: "any value",
        en: "any value",
        fr: "une valeur quelconque",
    },
];
