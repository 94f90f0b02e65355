//! Type-checking an expression against a schema: unknown fields, and operand types that ODK
//! would silently coerce (warning) or that can never give a useful answer (error).

use std::collections::BTreeSet;

use super::ast::{BinOp, Function, Node};
use super::{Schema, Value, ValueType};
use crate::error::{sort_findings, Finding};

/// Terms for the `kind` and `expected` params of `expr.type_mismatch` (keys of `TERMS`).
pub(crate) fn type_term(t: ValueType) -> &'static str {
    match t {
        ValueType::Text => "a text value",
        ValueType::Number => "a number",
        ValueType::Bool => "a true/false value",
        ValueType::Date => "a date",
        ValueType::DateTime => "a date and time",
        ValueType::Choices => "a list of selected choices",
        ValueType::Any => "any value",
    }
}

struct Checker<'a> {
    schema: &'a dyn Schema,
    findings: Vec<Finding>,
    unknown: BTreeSet<String>,
}

/// What the checker knows of an operand: its static type, and its text when it is a literal.
#[derive(Debug, Clone)]
struct Operand {
    ty: ValueType,
    literal: Option<String>,
    field: bool,
}

impl Operand {
    fn of(ty: ValueType) -> Self {
        Operand {
            ty,
            literal: None,
            field: false,
        }
    }

    /// A text literal that no conversion turns into a number (`'abc'`).
    fn never_number(&self) -> bool {
        self.literal
            .as_deref()
            .is_some_and(|t| Value::Text(t.to_owned()).to_number().is_none())
    }

    /// A text literal that is neither a date nor a date-time.
    fn never_date(&self) -> bool {
        self.literal
            .as_deref()
            .is_some_and(|t| Value::parse_date(t).is_none() && Value::parse_datetime(t).is_none())
    }

    fn temporal(&self) -> bool {
        matches!(self.ty, ValueType::Date | ValueType::DateTime)
    }
}

pub(crate) fn check(node: &Node, schema: &dyn Schema) -> Vec<Finding> {
    let mut checker = Checker {
        schema,
        findings: Vec::new(),
        unknown: BTreeSet::new(),
    };
    checker.infer(node);
    let mut findings = checker.findings;
    for name in checker.unknown {
        findings.push(Finding::error("expr.unknown_field", "").with("name", name));
    }
    sort_findings(&mut findings);
    findings.dedup();
    findings
}

impl Checker<'_> {
    fn mismatch(&mut self, error: bool, operator: &str, kind: ValueType, expected: ValueType) {
        let finding = if error {
            Finding::error("expr.type_mismatch", "")
        } else {
            Finding::warning("expr.type_mismatch", "")
        };
        self.findings.push(
            finding
                .with("operator", operator)
                .with("kind", type_term(kind))
                .with("expected", type_term(expected)),
        );
    }

    /// An operand used as a number: a non-numeric text literal is always NaN (error); a text,
    /// choices or boolean field is silently converted (warning).
    fn want_number(&mut self, operator: &str, operand: &Operand) {
        if operand.never_number() {
            self.mismatch(true, operator, ValueType::Text, ValueType::Number);
        } else if operand.field
            && matches!(
                operand.ty,
                ValueType::Text | ValueType::Choices | ValueType::Bool
            )
        {
            self.mismatch(false, operator, operand.ty, ValueType::Number);
        }
    }

    fn want_choices(&mut self, operator: &str, operand: &Operand) {
        if operand.field
            && matches!(
                operand.ty,
                ValueType::Number | ValueType::Bool | ValueType::Date | ValueType::DateTime
            )
        {
            self.mismatch(false, operator, operand.ty, ValueType::Choices);
        }
    }

    fn want_date(&mut self, operator: &str, operand: &Operand) {
        if operand.never_date() && operand.never_number() {
            self.mismatch(true, operator, ValueType::Text, ValueType::Date);
        } else if operand.field && matches!(operand.ty, ValueType::Bool | ValueType::Choices) {
            self.mismatch(false, operator, operand.ty, ValueType::Date);
        }
    }

    fn compare(&mut self, op: BinOp, left: &Operand, right: &Operand) {
        let symbol = op.symbol();
        for (a, b) in [(left, right), (right, left)] {
            if a.temporal() {
                if b.never_date() && b.never_number() {
                    // Always false (always true for `!=`).
                    self.mismatch(true, symbol, ValueType::Text, a.ty);
                } else if b.field
                    && matches!(b.ty, ValueType::Text | ValueType::Choices | ValueType::Bool)
                {
                    self.mismatch(false, symbol, b.ty, a.ty);
                }
                return;
            }
        }
        for (a, b) in [(left, right), (right, left)] {
            if a.ty == ValueType::Bool && b.literal.is_some() && matches!(op, BinOp::Eq | BinOp::Ne)
            {
                // `${consent} = 'false'` compares truthiness: any non-empty text is true.
                self.mismatch(false, symbol, ValueType::Text, ValueType::Bool);
                return;
            }
        }
        for (a, b) in [(left, right), (right, left)] {
            if a.ty == ValueType::Number && b.never_number() {
                self.mismatch(true, symbol, ValueType::Text, ValueType::Number);
                return;
            }
        }
        if !matches!(op, BinOp::Eq | BinOp::Ne) {
            self.want_number(symbol, left);
            self.want_number(symbol, right);
        }
    }

    fn infer(&mut self, node: &Node) -> Operand {
        match node {
            Node::Number(_) => Operand::of(ValueType::Number),
            Node::Text(t) => Operand {
                ty: ValueType::Text,
                literal: Some(t.clone()),
                field: false,
            },
            Node::Field(name) => match self.schema.field_type(name) {
                Some(ty) => Operand {
                    ty,
                    literal: None,
                    field: true,
                },
                None => {
                    self.unknown.insert(name.clone());
                    Operand::of(ValueType::Any)
                }
            },
            Node::Current => Operand::of(ValueType::Any),
            Node::Negate(inner) => {
                let operand = self.infer(inner);
                self.want_number("-", &operand);
                Operand::of(ValueType::Number)
            }
            Node::Chain { first, rest } => {
                let mut left = self.infer(first);
                for (op, node) in rest {
                    let right = self.infer(node);
                    left = match op {
                        BinOp::Or | BinOp::And => Operand::of(ValueType::Bool),
                        op if op.is_arithmetic() => {
                            self.want_number(op.symbol(), &left);
                            self.want_number(op.symbol(), &right);
                            Operand::of(ValueType::Number)
                        }
                        op => {
                            self.compare(*op, &left, &right);
                            Operand::of(ValueType::Bool)
                        }
                    };
                }
                left
            }
            Node::Call { function, args } => {
                let operands: Vec<Operand> = args.iter().map(|a| self.infer(a)).collect();
                self.call(*function, args, &operands)
            }
        }
    }

    fn call(&mut self, function: Function, args: &[Node], operands: &[Operand]) -> Operand {
        use Function as F;
        let name = function.name();
        let first = operands.first();
        match function {
            F::Int | F::Round | F::Abs | F::Pow | F::Sum | F::Max | F::Min => {
                for operand in operands {
                    self.want_number(name, operand);
                }
            }
            F::Selected | F::CountSelected | F::SelectedAt => {
                if let Some(operand) = first {
                    self.want_choices(name, operand);
                }
            }
            F::Date | F::FormatDate | F::DecimalDateTime => {
                if let Some(operand) = first {
                    self.want_date(name, operand);
                }
            }
            F::ChoiceName => {
                if let Some(Node::Text(field)) = args.get(1) {
                    let field = super::eval::choice_field(field);
                    if self.schema.field_type(field).is_none() {
                        self.unknown.insert(field.to_owned());
                    }
                }
            }
            _ => {}
        }
        let same_branches = |a: Option<&Operand>, b: Option<&Operand>| match (a, b) {
            (Some(a), Some(b)) if a.ty == b.ty => a.ty,
            _ => ValueType::Any,
        };
        Operand::of(match function {
            F::Selected
            | F::Regex
            | F::Contains
            | F::StartsWith
            | F::EndsWith
            | F::Boolean
            | F::BooleanFromString
            | F::True
            | F::False
            | F::Not => ValueType::Bool,
            F::CountSelected
            | F::StringLength
            | F::Int
            | F::Round
            | F::Number
            | F::DecimalDateTime
            | F::Position
            | F::Count
            | F::CountNonEmpty
            | F::Sum
            | F::Max
            | F::Min
            | F::Abs
            | F::Pow => ValueType::Number,
            F::SelectedAt
            | F::ChoiceName
            | F::Substr
            | F::SubstringBefore
            | F::SubstringAfter
            | F::Concat
            | F::Join
            | F::String
            | F::FormatDate
            | F::NormalizeSpace
            | F::Translate => ValueType::Text,
            F::Today | F::Date => ValueType::Date,
            F::Now => ValueType::DateTime,
            F::If => same_branches(operands.get(1), operands.get(2)),
            F::Coalesce => same_branches(operands.first(), operands.get(1)),
            F::Once => first.map_or(ValueType::Any, |o| o.ty),
        })
    }
}
