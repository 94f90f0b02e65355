//! The evaluator and the function library. Total: every input gives a value (NaN, empty, false)
//! except an invalid regular expression, the one `Err` (`expr.regex`).

use std::borrow::Cow;

use chrono::{Datelike, Timelike};
use regex_lite::{Regex, RegexBuilder};

use super::simple_regex::SimpleRegex;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::{Decimal, RoundingStrategy};

use super::ast::{BinOp, Function};
use super::program::Op;
use super::value::{compare, decimal_days, text_of, text_of_cow, truthy};
use super::{Context, Fields, Value};
use crate::error::MealError;

/// Compiled-size cap of one regular expression (bytes of its compiled program): a pattern such
/// as `(a{100}){100}` is refused instead of eating memory.
pub(crate) const REGEX_SIZE_LIMIT: usize = 1 << 20;

/// The one error text `regex-lite` gives for a pattern beyond [`REGEX_SIZE_LIMIT`] (its error
/// type has no variants; the unit test `regex_is_a_full_match` pins this reading).
const REGEX_TOO_BIG: &str = "compiled regex exceeded size limit";

/// A compiled `regex()` pattern, matched against the whole text.
#[derive(Debug, Clone)]
pub(crate) enum Pattern {
    /// A sequence of repeated classes, run by [`SimpleRegex`] (same answers, far cheaper).
    Simple(SimpleRegex),
    /// Anything else, run by `regex-lite`.
    Full(Regex),
}

impl Pattern {
    pub(crate) fn is_match(&self, text: &str) -> bool {
        match self {
            Pattern::Simple(simple) => simple.is_match(text),
            Pattern::Full(regex) => regex.is_match(text),
        }
    }
}

/// Compiles `pattern` for a full match (`^(?:pattern)$`). The pattern is first compiled alone
/// so that text like `a)|(b` cannot escape the anchoring group. `regex-lite` always compiles
/// it, so a pattern is accepted or refused by `regex-lite`'s rules alone; a simple one is then
/// run by [`SimpleRegex`].
pub(crate) fn compile_regex(pattern: &str) -> Result<Pattern, MealError> {
    let build = |p: &str| RegexBuilder::new(p).size_limit(REGEX_SIZE_LIMIT).build();
    let full = build(pattern)
        .and_then(|_| build(&format!("^(?:{pattern})$")))
        .map_err(|e| {
            let reason = if e.to_string() == REGEX_TOO_BIG {
                "a pattern too large to compile"
            } else {
                "a pattern that is not a valid regular expression"
            };
            MealError::new("expr.regex")
                .with("pattern", pattern)
                .with("reason", reason)
        })?;
    Ok(match SimpleRegex::new(pattern) {
        Some(simple) => Pattern::Simple(simple),
        None => Pattern::Full(full),
    })
}

pub(crate) struct Evaluator<'a> {
    pub context: &'a dyn Context,
    /// Borrowed field values, when the context holds them.
    pub fields: Option<&'a dyn Fields>,
}

fn number(n: Option<Decimal>) -> Value {
    Value::Number(n.map(|d| d.normalize()))
}

fn text(s: impl Into<String>) -> Value {
    Value::Text(s.into())
}

/// Flattens lists (repeats) into their items, for `sum`, `max`, `join`, ….
fn flatten(values: Vec<Value>) -> Vec<Value> {
    let mut out = Vec::new();
    for value in values {
        match value {
            Value::List(items) => out.extend(flatten(items)),
            other => out.push(other),
        }
    }
    out
}

fn arithmetic(op: BinOp, a: Option<Decimal>, b: Option<Decimal>) -> Option<Decimal> {
    let (a, b) = (a?, b?);
    match op {
        BinOp::Add => a.checked_add(b),
        BinOp::Sub => a.checked_sub(b),
        BinOp::Mul => a.checked_mul(b),
        BinOp::Div => a.checked_div(b),
        BinOp::Mod => a.checked_rem(b),
        _ => None,
    }
}

/// `x` to the integer power `y` by repeated squaring; NaN on overflow or a non-integer `y`.
fn power(x: Decimal, y: Decimal) -> Option<Decimal> {
    if !y.is_integer() {
        return None;
    }
    let mut exponent = y.abs().to_u64()?;
    let mut base = x;
    let mut result = Decimal::ONE;
    while exponent > 0 {
        if exponent & 1 == 1 {
            result = result.checked_mul(base)?;
        }
        exponent >>= 1;
        if exponent > 0 {
            base = base.checked_mul(base)?;
        }
    }
    if y.is_sign_negative() {
        Decimal::ONE.checked_div(result)
    } else {
        Some(result)
    }
}

/// Rounds half away from zero to `digits` decimal places (negative: tens, hundreds, …).
fn round(x: Decimal, digits: Decimal) -> Option<Decimal> {
    let digits = digits.trunc().to_i64()?;
    if digits >= 0 {
        let places = u32::try_from(digits.min(28)).ok()?;
        return Some(x.round_dp_with_strategy(places, RoundingStrategy::MidpointAwayFromZero));
    }
    if digits < -28 {
        return Some(Decimal::ZERO);
    }
    let scale = power(Decimal::TEN, Decimal::from(-digits))?;
    let scaled = x
        .checked_div(scale)?
        .round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero);
    scaled.checked_mul(scale)
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/// `format-date`: ODK's `%` patterns (see the module docs); an unknown `%x` stays as written.
fn format_date(value: &Value, pattern: &str) -> Value {
    let (date, time) = match value {
        Value::DateTime(dt) => (dt.date_naive(), Some(dt.time())),
        Value::Text(t) => match Value::parse_datetime(t) {
            Some(dt) => (dt.date_naive(), Some(dt.time())),
            None => match value.to_date() {
                Some(d) => (d, None),
                None => return Value::Empty,
            },
        },
        other => match other.to_date() {
            Some(d) => (d, None),
            None => return Value::Empty,
        },
    };
    let (hour, minute, second, milli) = time.map_or((0, 0, 0, 0), |t| {
        (
            t.hour(),
            t.minute(),
            t.second(),
            t.nanosecond() / 1_000_000 % 1000,
        )
    });
    let month_index = usize::try_from(date.month0()).unwrap_or(0);
    let day_index = usize::try_from(date.weekday().num_days_from_monday()).unwrap_or(0);
    let mut out = String::new();
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('Y') => out.push_str(&format!("{:04}", date.year())),
            Some('y') => out.push_str(&format!("{:02}", date.year().rem_euclid(100))),
            Some('m') => out.push_str(&format!("{:02}", date.month())),
            Some('n') => out.push_str(&date.month().to_string()),
            Some('b') => out.push_str(MONTHS.get(month_index).copied().unwrap_or_default()),
            Some('d') => out.push_str(&format!("{:02}", date.day())),
            Some('e') => out.push_str(&date.day().to_string()),
            Some('a') => out.push_str(DAYS.get(day_index).copied().unwrap_or_default()),
            Some('H') => out.push_str(&format!("{hour:02}")),
            Some('h') => out.push_str(&hour.to_string()),
            Some('M') => out.push_str(&format!("{minute:02}")),
            Some('S') => out.push_str(&format!("{second:02}")),
            Some('3') => out.push_str(&format!("{milli:03}")),
            Some('%') => out.push('%'),
            Some(other) => {
                out.push('%');
                out.push(other);
            }
            None => out.push('%'),
        }
    }
    Value::Text(out)
}

/// `translate(s, from, to)`: each character of `from` becomes the character at the same place
/// in `to`, or disappears when `to` is shorter; the first occurrence in `from` wins.
fn translate(s: &str, from: &str, to: &str) -> String {
    let from: Vec<char> = from.chars().collect();
    let to: Vec<char> = to.chars().collect();
    s.chars()
        .filter_map(|c| match from.iter().position(|f| *f == c) {
            Some(i) => to.get(i).copied(),
            None => Some(c),
        })
        .collect()
}

fn is_xml_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r')
}

/// The field name in `jr:choice-name`'s second argument: `'${name}'` or a bare `'name'`.
pub(crate) fn choice_field(arg: &str) -> &str {
    let trimmed = arg.trim();
    trimmed
        .strip_prefix("${")
        .and_then(|rest| rest.strip_suffix('}'))
        .unwrap_or(trimmed)
}

impl<'a> Evaluator<'a> {
    pub(crate) fn eval(&self, node: &'a Op) -> Result<Value, MealError> {
        Ok(match node {
            Op::Lit(value) => value.clone(),
            Op::Field { .. } | Op::Current | Op::Chain { .. } => self.eval_ref(node)?.into_owned(),
            Op::Negate(inner) => number(self.eval_ref(inner)?.to_number().map(|n| -n)),
            Op::Call {
                function,
                args,
                regex,
            } => self.call(*function, args, regex.as_ref())?,
        })
    }

    /// The value of `node`, borrowed from the context when it is a field's value as stored and
    /// from the tree when it is a literal.
    pub(crate) fn eval_ref(&self, node: &'a Op) -> Result<Cow<'a, Value>, MealError> {
        Ok(match node {
            Op::Lit(value) => Cow::Borrowed(value),
            Op::Field { name, slot } => match (self.fields, slot) {
                (Some(fields), Some(slot)) => fields.field_at(*slot),
                (Some(fields), None) => fields.field_ref(name),
                (None, _) => self.context.field(name).map(Cow::Owned),
            }
            .unwrap_or(Cow::Owned(Value::Empty)),
            Op::Current => match self.fields {
                Some(fields) => fields.current_ref(),
                None => Cow::Owned(self.context.current()),
            },
            Op::Chain { first, rest } => {
                let mut acc = self.eval_ref(first)?;
                for (op, operand) in rest {
                    acc = Cow::Owned(match op {
                        // Short-circuit, as XPath: the right side is not evaluated.
                        BinOp::Or => Value::Bool(truthy(&acc) || self.eval_bool(operand)?),
                        BinOp::And => Value::Bool(truthy(&acc) && self.eval_bool(operand)?),
                        op if op.is_arithmetic() => number(arithmetic(
                            *op,
                            acc.to_number(),
                            self.eval_ref(operand)?.to_number(),
                        )),
                        op => Value::Bool(compare(*op, &acc, &*self.eval_ref(operand)?)),
                    });
                }
                acc
            }
            other => Cow::Owned(self.eval(other)?),
        })
    }

    fn arg(&self, args: &'a [Op], i: usize) -> Result<Value, MealError> {
        match args.get(i) {
            Some(node) => self.eval(node),
            None => Ok(Value::Empty),
        }
    }

    fn arg_ref(&self, args: &'a [Op], i: usize) -> Result<Cow<'a, Value>, MealError> {
        match args.get(i) {
            Some(node) => self.eval_ref(node),
            None => Ok(Cow::Owned(Value::Empty)),
        }
    }

    /// The argument's truth (false when it is omitted).
    fn arg_bool(&self, args: &'a [Op], i: usize) -> Result<bool, MealError> {
        match args.get(i) {
            Some(node) => self.eval_bool(node),
            None => Ok(false),
        }
    }

    fn arg_text(&self, args: &'a [Op], i: usize) -> Result<Cow<'a, str>, MealError> {
        Ok(text_of_cow(self.arg_ref(args, i)?))
    }

    fn arg_number(&self, args: &'a [Op], i: usize) -> Result<Option<Decimal>, MealError> {
        Ok(self.arg_ref(args, i)?.to_number())
    }

    /// The argument, or the current value when it is omitted (`string-length()`, `string()`).
    fn arg_or_current(&self, args: &'a [Op], i: usize) -> Result<Value, MealError> {
        match args.get(i) {
            Some(node) => self.eval(node),
            None => Ok(self.context.current()),
        }
    }

    fn all(&self, args: &'a [Op]) -> Result<Vec<Value>, MealError> {
        args.iter().map(|a| self.eval(a)).collect()
    }

    fn call(
        &self,
        function: Function,
        args: &'a [Op],
        regex: Option<&Pattern>,
    ) -> Result<Value, MealError> {
        use Function as F;
        Ok(match function {
            F::True => Value::Bool(true),
            F::False => Value::Bool(false),
            F::Not => Value::Bool(!self.arg_bool(args, 0)?),
            F::Boolean => Value::Bool(self.arg_bool(args, 0)?),
            F::BooleanFromString => {
                let s = self.arg_text(args, 0)?;
                Value::Bool(s.eq_ignore_ascii_case("true") || s == "1")
            }
            F::If => {
                if self.arg_bool(args, 0)? {
                    self.arg(args, 1)?
                } else {
                    self.arg(args, 2)?
                }
            }
            F::Coalesce => {
                let first = self.arg(args, 0)?;
                if first.is_empty() {
                    self.arg(args, 1)?
                } else {
                    first
                }
            }
            F::Once => {
                let current = self.context.current();
                if current.is_empty() {
                    self.arg(args, 0)?
                } else {
                    current
                }
            }
            F::Number => number(self.arg_or_current(args, 0)?.to_number()),
            F::String => text(text_of(&self.arg_or_current(args, 0)?)),
            F::Int => number(self.arg_number(args, 0)?.map(|n| n.trunc())),
            F::Round => {
                let x = self.arg_number(args, 0)?;
                let digits = if args.len() > 1 {
                    self.arg_number(args, 1)?
                } else {
                    Some(Decimal::ZERO)
                };
                number(x.zip(digits).and_then(|(x, d)| round(x, d)))
            }
            F::Abs => number(self.arg_number(args, 0)?.map(|n| n.abs())),
            F::Pow => {
                let (x, y) = (self.arg_number(args, 0)?, self.arg_number(args, 1)?);
                number(x.zip(y).and_then(|(x, y)| power(x, y)))
            }
            F::StringLength => Value::Number(Some(Decimal::from(
                text_of(&self.arg_or_current(args, 0)?).chars().count(),
            ))),
            F::NormalizeSpace => {
                let s = text_of(&self.arg_or_current(args, 0)?);
                text(
                    s.split(is_xml_space)
                        .filter(|w| !w.is_empty())
                        .collect::<Vec<_>>()
                        .join(" "),
                )
            }
            F::Contains => Value::Bool(self.arg_text(args, 0)?.contains(&*self.arg_text(args, 1)?)),
            F::StartsWith => Value::Bool(
                self.arg_text(args, 0)?
                    .starts_with(&*self.arg_text(args, 1)?),
            ),
            F::EndsWith => {
                Value::Bool(self.arg_text(args, 0)?.ends_with(&*self.arg_text(args, 1)?))
            }
            F::SubstringBefore => {
                let (s, sep) = (self.arg_text(args, 0)?, self.arg_text(args, 1)?);
                text(s.split_once(&*sep).map(|(b, _)| b).unwrap_or_default())
            }
            F::SubstringAfter => {
                let (s, sep) = (self.arg_text(args, 0)?, self.arg_text(args, 1)?);
                text(s.split_once(&*sep).map(|(_, a)| a).unwrap_or_default())
            }
            F::Substr => {
                let s = self.arg_text(args, 0)?;
                let len = s.chars().count();
                let bound = |n: Option<Decimal>, default: usize| -> usize {
                    match n {
                        None => default,
                        Some(n) if n.is_sign_negative() => 0,
                        Some(n) => n.trunc().to_usize().unwrap_or(len).min(len),
                    }
                };
                let start_arg = self.arg_number(args, 1)?;
                let start = bound(start_arg, 0);
                let end = if args.len() > 2 {
                    bound(self.arg_number(args, 2)?, 0)
                } else {
                    len
                };
                if start_arg.is_none() {
                    Value::Text(String::new())
                } else {
                    text(
                        s.chars()
                            .skip(start)
                            .take(end.saturating_sub(start))
                            .collect::<String>(),
                    )
                }
            }
            F::Translate => text(translate(
                &self.arg_text(args, 0)?,
                &self.arg_text(args, 1)?,
                &self.arg_text(args, 2)?,
            )),
            F::Concat => text(self.all(args)?.iter().map(text_of).collect::<String>()),
            F::Join => {
                let separator = self.arg_text(args, 0)?;
                let rest = self.all(args.get(1..).unwrap_or_default())?;
                text(
                    flatten(rest)
                        .iter()
                        .map(text_of)
                        .collect::<Vec<_>>()
                        .join(&separator),
                )
            }
            F::Regex => {
                let s = self.arg_text(args, 0)?;
                let pattern = self.arg_text(args, 1)?;
                // A literal pattern was compiled with the tree; only a computed one is compiled here.
                let matched = match regex {
                    Some(re) => re.is_match(&s),
                    None => compile_regex(&pattern)?.is_match(&s),
                };
                Value::Bool(matched)
            }
            F::Selected => {
                let value = self.arg_text(args, 0)?;
                let choice = self.arg_text(args, 1)?;
                let choice = choice.trim();
                Value::Bool(value.split_whitespace().any(|v| v == choice))
            }
            F::CountSelected => Value::Number(Some(Decimal::from(
                self.arg_text(args, 0)?.split_whitespace().count(),
            ))),
            F::SelectedAt => {
                let value = self.arg_text(args, 0)?;
                let index = self.arg_number(args, 1)?;
                index
                    .filter(|i| i.is_integer() && !i.is_sign_negative())
                    .and_then(|i| i.to_usize())
                    .and_then(|i| value.split_whitespace().nth(i))
                    .map_or(Value::Empty, text)
            }
            F::ChoiceName => {
                let value = self.arg_text(args, 0)?;
                let field = self.arg_text(args, 1)?;
                self.context
                    .choice_label(choice_field(&field), value.trim())
                    .map_or(Value::Empty, Value::Text)
            }
            F::Today => Value::Date(self.context.today()),
            F::Now => Value::DateTime(self.context.now()),
            F::Date => self
                .arg(args, 0)?
                .to_date()
                .map_or(Value::Empty, Value::Date),
            F::DecimalDateTime => {
                let v = self.arg(args, 0)?;
                let days = match &v {
                    Value::DateTime(dt) => decimal_days(dt),
                    Value::Text(t) => match Value::parse_datetime(t) {
                        Some(dt) => decimal_days(&dt),
                        None => v.to_number(),
                    },
                    other => other.to_number(),
                };
                number(days)
            }
            F::FormatDate => {
                let v = self.arg(args, 0)?;
                format_date(&v, &self.arg_text(args, 1)?)
            }
            F::Position => number(self.context.position().map(Decimal::from)),
            F::Count => Value::Number(Some(Decimal::from(match self.arg(args, 0)? {
                Value::List(items) => items.len(),
                _ => 1,
            }))),
            F::CountNonEmpty => Value::Number(Some(Decimal::from(
                flatten(vec![self.arg(args, 0)?])
                    .iter()
                    .filter(|v| !v.is_empty())
                    .count(),
            ))),
            F::Sum => {
                let items = flatten(vec![self.arg(args, 0)?]);
                number(
                    items
                        .iter()
                        .try_fold(Decimal::ZERO, |acc, v| acc.checked_add(v.to_number()?)),
                )
            }
            F::Max | F::Min => {
                let items = flatten(self.all(args)?);
                let numbers: Option<Vec<Decimal>> = items.iter().map(Value::to_number).collect();
                let pick = numbers.and_then(|ns| {
                    if function == F::Max {
                        ns.into_iter().max()
                    } else {
                        ns.into_iter().min()
                    }
                });
                number(pick)
            }
        })
    }
}
