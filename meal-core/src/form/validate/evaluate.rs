//! Pass 1: relevance (inherited from the enclosing group or repeat) and calculations, node by
//! node in dependency order, each over all its instances.

use super::super::compile::{column, Node};
use super::{path_of, Run};
use crate::error::MealError;
use crate::expr::Value;

/// What pass 1 found for one node in one instance.
struct Outcome {
    relevant: bool,
    /// The computed value of a relevant calculation.
    computed: Option<Value>,
    failures: Vec<(&'static str, MealError)>,
}

impl Run<'_, '_> {
    pub(super) fn evaluate(&mut self) {
        let c = self.c;
        for &n in &c.order {
            let Some(node) = c.nodes.get(n) else { continue };
            let count = self.table.of_scope(node.scope).len();
            for k in 0..count {
                let Some(&inst) = self.table.of_scope(node.scope).get(k) else {
                    continue;
                };
                let outcome = self.outcome(n, node, inst);
                self.store(node, inst, outcome);
            }
        }
    }

    /// Relevance and calculation of `node` in `inst`.
    fn outcome(&self, n: usize, node: &Node, inst: usize) -> Outcome {
        let inherited = match node.parent.and_then(|p| self.c.nodes.get(p)) {
            Some(p) if p.scope == node.scope => self.slot(inst, p).is_some_and(|s| s.relevant),
            _ => self.table.get(inst).is_some_and(|i| i.relevant),
        };
        let mut failures = Vec::new();
        let mut relevant = inherited;
        let ctx = self.ctx(n, inst);
        if let (true, Some(expr)) = (relevant, &node.relevant) {
            match expr.evaluate_bool_with(&ctx, &ctx) {
                Ok(b) => relevant = b,
                Err(e) => failures.push((column::RELEVANT, e)),
            }
        }
        let computed = match (&node.calculation, relevant) {
            (Some(expr), true) => match expr.evaluate_with(&ctx, &ctx) {
                // NaN (a blank operand, a division by zero) is stored as no value, not as the
                // text "NaN" an analysis would read as data.
                Ok(Value::Number(None)) => Some(Value::Empty),
                Ok(v) => Some(v),
                Err(e) => {
                    failures.push((column::CALCULATION, e));
                    Some(Value::Empty)
                }
            },
            _ => None,
        };
        Outcome {
            relevant,
            computed,
            failures,
        }
    }

    /// Records the outcome: failures as findings, relevance on the slot and the repeat's
    /// instances, the computed value (or none when not relevant).
    fn store(&mut self, node: &Node, inst: usize, outcome: Outcome) {
        if !outcome.failures.is_empty() {
            let inst_path = self.table.get(inst).map_or("", |i| i.path.as_str());
            let path = path_of(inst_path, node);
            for (term, e) in outcome.failures {
                self.failed(path.clone(), term, e);
            }
        }
        let relevant = outcome.relevant;
        let Some(slot) = self.table.slot_mut(inst, node.local) else {
            return;
        };
        slot.relevant = relevant;
        if let Some(v) = outcome.computed {
            slot.value = v;
        } else if !relevant || node.calculated {
            slot.value = Value::Empty;
        }
        let items = std::mem::take(&mut slot.items);
        for &item in &items {
            if let Some(i) = self.table.get_mut(item) {
                i.relevant = relevant;
            }
        }
        if let Some(slot) = self.table.slot_mut(inst, node.local) {
            slot.items = items;
        }
    }
}
