//! The evaluator where a boolean is wanted — `relevant`, `required`, `constraint`, the warning,
//! a choice filter, the argument of `not()`, `boolean()` and `if()`. It gives exactly
//! `truthy(eval(op))` (the property test `eval_bool_is_truthy_of_eval` pins that), but `and`,
//! `or` and one comparison are answered as `bool`s: no intermediate `Value::Bool` is built,
//! moved and dropped for each step. That is most of what a form evaluates on every submission
//! (`${consent} = 'yes'`, `. >= 0 and . <= 110`).

use super::ast::BinOp;
use super::eval::Evaluator;
use super::program::Op;
use super::value::{compare, truthy};
use crate::error::MealError;

impl<'a> Evaluator<'a> {
    /// `truthy(eval(node))`. Operands are evaluated in the same order and short-circuited the
    /// same way, so the same error (an invalid computed regex) surfaces.
    pub(crate) fn eval_bool(&self, node: &'a Op) -> Result<bool, MealError> {
        match node {
            Op::Chain { first, rest } => match rest.as_slice() {
                [(
                    op @ (BinOp::Eq | BinOp::Ne | BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge),
                    right,
                )] => {
                    let left = self.eval_ref(first)?;
                    Ok(compare(*op, &left, &*self.eval_ref(right)?))
                }
                _ if rest
                    .iter()
                    .all(|(op, _)| matches!(op, BinOp::And | BinOp::Or)) =>
                {
                    let mut acc = self.eval_bool(first)?;
                    for (op, operand) in rest {
                        acc = match op {
                            BinOp::Or => acc || self.eval_bool(operand)?,
                            _ => acc && self.eval_bool(operand)?,
                        };
                    }
                    Ok(acc)
                }
                _ => Ok(truthy(&*self.eval_ref(node)?)),
            },
            _ => Ok(truthy(&*self.eval_ref(node)?)),
        }
    }
}
