//! Pass 2: every value of every relevant instance, in document order: type problems,
//! relevance of submitted values, `required`, constraints and warnings, choice filters,
//! repeat counts, submitted calculations.

use rust_decimal::Decimal;

use super::super::compile::{column, Cond, Node};
use super::super::values::{self, Json, Kind};
use super::context::Ctx;
use super::instances::Slot;
use super::{path_of, plain, Found, Run};
use crate::error::{Finding, MealError};
use crate::expr::Value;

/// Findings and failed expressions of one node in one instance.
struct Out<'f> {
    found: Vec<Found<'f>>,
    failures: Vec<(&'static str, MealError)>,
}

impl<'f> Run<'f, '_> {
    pub(super) fn check(&mut self) {
        let c = self.c;
        for (n, node) in c.nodes.iter().enumerate() {
            let count = self.table.of_scope(node.scope).len();
            for k in 0..count {
                if let Some(&inst) = self.table.of_scope(node.scope).get(k) {
                    self.check_one(n, node, inst);
                }
            }
        }
    }

    fn check_one(&mut self, n: usize, node: &'f Node, inst: usize) {
        let Some(instance) = self.table.get(inst).filter(|i| i.relevant) else {
            return;
        };
        let Some(slot) = self.slot(inst, node) else {
            return;
        };
        let path = || path_of(&instance.path, node);
        let mut out = Out {
            found: Vec::new(),
            failures: Vec::new(),
        };
        let holds_value = !matches!(node.kind, Kind::Group | Kind::Note);
        if !slot.relevant {
            if slot.raw_present() && holds_value {
                out.found.push(plain(
                    Finding::warning("form.non_relevant_value", path()).with("name", &node.name),
                ));
            }
        } else if let Some(bad) = &slot.bad {
            let (code, params) = &**bad;
            let mut f = Finding::error(code, path())
                .with("value", slot.raw.map(Json::shown).unwrap_or_default());
            for (k, v) in params {
                f = f.with(k, v);
            }
            out.found.push(plain(f));
        } else if holds_value {
            self.check_value(n, node, inst, slot, &path, &mut out);
        }
        // Most nodes find nothing: no vector is moved then (this runs per node per instance).
        if !out.failures.is_empty() {
            let at = path();
            for (term, e) in out.failures {
                self.failed(at.clone(), term, e);
            }
        }
        if !out.found.is_empty() {
            self.found.append(&mut out.found);
        }
    }

    /// The checks of a relevant, well-typed value (or repeat).
    fn check_value(
        &self,
        n: usize,
        node: &'f Node,
        inst: usize,
        slot: &Slot<'_>,
        path: &dyn Fn() -> String,
        out: &mut Out<'f>,
    ) {
        let ctx = self.ctx(n, inst);
        let empty = if node.kind == Kind::Repeat {
            self.repeat_counts(node, slot, &ctx, path, out);
            slot.items.is_empty()
        } else if node.calculated {
            slot.value == Value::Empty
        } else {
            slot.canon.is_none()
        };
        let required = match eval_cond(&node.required, &ctx) {
            Ok(b) => b,
            Err(e) => {
                out.failures.push((column::REQUIRED, e));
                false
            }
        };
        if required && empty {
            out.found.push(Found {
                finding: Finding::error("form.required", path()).with("name", &node.name),
                author: Some(&node.required_message),
            });
        }
        if !empty && node.kind != Kind::Repeat {
            self.constraints(node, &ctx, path, out);
            self.choice_filter(node, &ctx, path, out);
        }
        if node.calculated && slot.raw_present() {
            let submitted = slot.raw.map(Json::shown).unwrap_or_default();
            let computed = slot.value.to_text();
            if submitted != computed {
                out.found.push(plain(
                    Finding::warning("form.calculation_mismatch", path())
                        .with("submitted", submitted)
                        .with("computed", computed),
                ));
            }
        }
    }

    /// The constraint (an error when false) and the warning (a warning when false).
    fn constraints(
        &self,
        node: &'f Node,
        ctx: &Ctx<'_, 'f, '_>,
        path: &dyn Fn() -> String,
        out: &mut Out<'f>,
    ) {
        let rules = [
            (
                &node.constraint,
                column::CONSTRAINT,
                "form.constraint",
                &node.constraint_message,
            ),
            (
                &node.warning,
                column::WARNING,
                "form.warning",
                &node.warning_message,
            ),
        ];
        for (expr, term, code, author) in rules {
            let Some(expr) = expr else { continue };
            match expr.evaluate_bool_with(ctx, ctx) {
                Ok(true) => {}
                Ok(false) => {
                    let finding = if code == "form.warning" {
                        Finding::warning(code, path())
                    } else {
                        Finding::error(code, path())
                    };
                    out.found.push(Found {
                        finding: finding
                            .with("name", &node.name)
                            .with("expression", expr.source()),
                        author: Some(author),
                    });
                }
                Err(e) => out.failures.push((term, e)),
            }
        }
    }

    /// Instance count against `min_count`, `max_count` and `repeat_count`.
    fn repeat_counts(
        &self,
        node: &Node,
        slot: &Slot<'_>,
        ctx: &Ctx<'_, 'f, '_>,
        path: &dyn Fn() -> String,
        out: &mut Out<'f>,
    ) {
        // Every submitted instance counts, also those beyond `MAX_REPEAT_INSTANCES`.
        let count = match slot.raw {
            Some(Json::Array(items)) => items.len(),
            _ => slot.items.len(),
        };
        if let Some(min) = node.min_count.filter(|m| count < *m as usize) {
            out.found.push(plain(
                Finding::error("form.repeat_too_few", path())
                    .with("count", count)
                    .with("min", min),
            ));
        }
        if let Some(max) = node.max_count.filter(|m| count > *m as usize) {
            out.found.push(plain(
                Finding::error("form.repeat_too_many", path())
                    .with("count", count)
                    .with("max", max),
            ));
        }
        let Some(expr) = &node.repeat_count else {
            return;
        };
        match expr.evaluate_with(ctx, ctx) {
            Ok(v) => {
                // An empty or non-numeric count (the field it reads is blank or invalid, and
                // reported on its own) is not checked.
                let expected = match &v {
                    Value::Number(Some(d)) => Some(*d),
                    Value::Text(t) => values::decimal_text(t.trim()),
                    _ => None,
                };
                if expected.is_some_and(|e| e != Decimal::from(count)) {
                    out.found.push(plain(
                        Finding::error("form.repeat_count_mismatch", path())
                            .with("count", count)
                            .with("wanted", v.to_text()),
                    ));
                }
            }
            Err(e) => out.failures.push((column::REPEAT_COUNT, e)),
        }
    }

    /// A selected choice the choice filter excludes.
    fn choice_filter(
        &self,
        node: &Node,
        ctx: &Ctx<'_, 'f, '_>,
        path: &dyn Fn() -> String,
        out: &mut Out<'f>,
    ) {
        let (Some(filter), Kind::SelectOne(list) | Kind::SelectMultiple(list)) =
            (&node.choice_filter, &node.kind)
        else {
            return;
        };
        let Some(list) = self.c.lists.get(*list) else {
            return;
        };
        let current = ctx.current_value();
        let selected = crate::expr::text_cow(&current);
        for name in selected.split(' ').filter(|s| !s.is_empty()) {
            let Some(choice) = list.index.get(name).and_then(|i| list.choices.get(*i)) else {
                continue;
            };
            let choice_ctx = Ctx {
                choice: Some(choice),
                ..*ctx
            };
            match filter.evaluate_bool_with(&choice_ctx, &choice_ctx) {
                Ok(true) => {}
                Ok(false) => out.found.push(plain(
                    Finding::error("form.choice_filtered", path())
                        .with("choice", name)
                        .with("expression", filter.source()),
                )),
                Err(e) => {
                    out.failures.push((column::CHOICE_FILTER, e));
                    return;
                }
            }
        }
    }
}

/// `required` or `read_only` in `ctx`.
pub(super) fn eval_cond(cond: &Cond, ctx: &Ctx<'_, '_, '_>) -> Result<bool, MealError> {
    match cond {
        Cond::Never => Ok(false),
        Cond::Always => Ok(true),
        Cond::When(expr) => expr.evaluate_bool_with(ctx, ctx),
    }
}
