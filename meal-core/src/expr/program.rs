//! The tree the evaluator runs: the syntax tree prepared once so that an evaluation builds
//! nothing it could have built at parse. Literals are already values (a text literal compared
//! on every submission is borrowed, not copied), a literal `regex` pattern is compiled on its
//! call, and a `${name}` may carry the host's number for the field ([`Op::Field::slot`]), so a
//! form reads it without looking the name up.

use super::ast::{BinOp, Function, Node};
use super::eval::{compile_regex, Pattern};
use super::Value;
use crate::error::MealError;

/// One node of the prepared tree; the shape of [`Node`].
#[derive(Debug, Clone)]
pub(crate) enum Op {
    /// A number or text literal, as the value it evaluates to.
    Lit(Value),
    /// `${name}`; `slot` is the host's number for the field once resolved.
    Field {
        name: String,
        slot: Option<usize>,
    },
    Current,
    Negate(Box<Op>),
    Chain {
        first: Box<Op>,
        rest: Vec<(BinOp, Op)>,
    },
    /// A call; `regex` is the compiled pattern of a `regex()` whose pattern is a literal.
    Call {
        function: Function,
        args: Vec<Op>,
        regex: Option<Pattern>,
    },
}

/// Prepares `node`. Literal regex patterns are compiled parents first, in the order the tree
/// lists them, so the first invalid pattern is the one reported (`expr.regex`).
pub(crate) fn prepare(node: &Node) -> Result<Op, MealError> {
    Ok(match node {
        Node::Number(n) => Op::Lit(Value::Number(Some(*n))),
        Node::Text(t) => Op::Lit(Value::Text(t.clone())),
        Node::Field(name) => Op::Field {
            name: name.clone(),
            slot: None,
        },
        Node::Current => Op::Current,
        Node::Negate(inner) => Op::Negate(Box::new(prepare(inner)?)),
        Node::Chain { first, rest } => Op::Chain {
            first: Box::new(prepare(first)?),
            rest: rest
                .iter()
                .map(|(op, operand)| Ok((*op, prepare(operand)?)))
                .collect::<Result<_, MealError>>()?,
        },
        Node::Call { function, args } => {
            let regex = match (function, args.get(1)) {
                (Function::Regex, Some(Node::Text(pattern))) => Some(compile_regex(pattern)?),
                _ => None,
            };
            Op::Call {
                function: *function,
                args: args.iter().map(prepare).collect::<Result<_, _>>()?,
                regex,
            }
        }
    })
}

/// Gives every `${name}` the number `slot_of(name)` returns (none when it returns `None`).
pub(crate) fn resolve(op: &mut Op, slot_of: &dyn Fn(&str) -> Option<usize>) {
    match op {
        Op::Lit(_) | Op::Current => {}
        Op::Field { name, slot } => *slot = slot_of(name),
        Op::Negate(inner) => resolve(inner, slot_of),
        Op::Chain { first, rest } => {
            resolve(first, slot_of);
            for (_, operand) in rest {
                resolve(operand, slot_of);
            }
        }
        Op::Call { args, .. } => {
            for arg in args {
                resolve(arg, slot_of);
            }
        }
    }
}
