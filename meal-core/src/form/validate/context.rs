//! What an expression sees from one field instance: values of other fields (the same instance
//! along the repeats both share, the list of all instances below the first repeat they do
//! not), `.`, `position()`, the clock, choice labels, and inside a choice filter the columns of
//! the choice being tested.

use std::borrow::Cow;

use chrono::{DateTime, FixedOffset, NaiveDate};
use rust_decimal::Decimal;

use super::super::compile::CHOICE_PREFIX;
use super::super::values::Kind;
use super::instances::ROOT;
use super::messages::pick;
use super::Run;
use crate::expr::{Context, Fields, Value};

#[derive(Clone, Copy)]
pub(super) struct Ctx<'r, 'f, 'a> {
    pub run: &'r Run<'f, 'a>,
    /// The node the expression belongs to.
    pub node: usize,
    /// The instance it is evaluated in.
    pub inst: usize,
    /// Inside a choice filter: the choice being tested (its columns are visible by name).
    pub choice: Option<&'f super::super::Choice>,
}

impl<'r> Ctx<'r, '_, '_> {
    /// The value of `.`.
    pub fn current_value(&self) -> Cow<'r, Value> {
        self.value_ref(self.inst, self.node)
    }

    /// Node `t`'s value in instance `inst`: a repeat reads as the list of its positions.
    fn value_ref(&self, inst: usize, t: usize) -> Cow<'r, Value> {
        let run = self.run;
        let Some(node) = run.c.nodes.get(t) else {
            return Cow::Owned(Value::Empty);
        };
        let Some(slot) = run.table.slot(inst, node.local) else {
            return Cow::Owned(Value::Empty);
        };
        match node.kind {
            Kind::Group => Cow::Owned(Value::Empty),
            Kind::Repeat if slot.relevant => Cow::Owned(Value::List(
                (1..=slot.items.len())
                    .map(|i| Value::Number(Some(Decimal::from(i))))
                    .collect(),
            )),
            Kind::Repeat => Cow::Owned(Value::List(Vec::new())),
            _ => Cow::Borrowed(&slot.value),
        }
    }

    /// Node `t`'s values in `items` and below them, through the repeats of `rest`.
    fn collect(&self, items: &[usize], rest: &[usize], t: usize, out: &mut Vec<Value>) {
        let run = self.run;
        for &item in items {
            match rest.split_first() {
                None => out.push(self.value_ref(item, t).into_owned()),
                Some((r, deeper)) => {
                    let local = run.c.nodes.get(*r).map_or(usize::MAX, |n| n.local);
                    if let Some(slot) = run.table.slot(item, local) {
                        self.collect(&slot.items, deeper, t, out);
                    }
                }
            }
        }
    }

    /// The repeat chain of node `n`'s scope.
    fn chain(&self, n: usize) -> &'r [usize] {
        let c = self.run.c;
        c.nodes
            .get(n)
            .and_then(|node| c.scopes.get(node.scope))
            .map(|s| s.chain.as_slice())
            .unwrap_or_default()
    }
}

impl Fields for Ctx<'_, '_, '_> {
    fn field_ref(&self, name: &str) -> Option<Cow<'_, Value>> {
        match self.run.c.by_name.get(name) {
            Some(&t) => self.field_at(t),
            None => {
                let choice = self.choice?;
                match name.strip_prefix(CHOICE_PREFIX)? {
                    "name" => Some(Cow::Owned(Value::Text(choice.name.clone()))),
                    column => Some(Cow::Owned(Value::Text(
                        choice.properties.get(column).cloned().unwrap_or_default(),
                    ))),
                }
            }
        }
    }

    /// Node `t`'s value seen from this instance: the same instance along the repeats both
    /// share, the list of all instances below the first repeat they do not.
    fn field_at(&self, t: usize) -> Option<Cow<'_, Value>> {
        let run = self.run;
        // The usual cases, answered without comparing repeat chains: a field of the same
        // scope (same instance), or of the top level (one instance).
        match (run.c.nodes.get(t)?.scope, run.c.nodes.get(self.node)?.scope) {
            (0, _) => return Some(self.value_ref(ROOT, t)),
            (target, own) if target == own => return Some(self.value_ref(self.inst, t)),
            _ => {}
        }
        let target = self.chain(t);
        let own = self.chain(self.node);
        let shared = target.iter().zip(own).take_while(|(a, b)| a == b).count();
        let holder = run.table.ancestor(run.c, self.inst, shared)?;
        let Some((repeat, deeper)) = target.get(shared..).and_then(<[usize]>::split_first) else {
            return Some(self.value_ref(holder, t));
        };
        let local = run.c.nodes.get(*repeat)?.local;
        let slot = run.table.slot(holder, local)?;
        let mut out = Vec::new();
        self.collect(&slot.items, deeper, t, &mut out);
        Some(Cow::Owned(Value::List(out)))
    }

    fn current_ref(&self) -> Cow<'_, Value> {
        self.current_value()
    }
}

impl Context for Ctx<'_, '_, '_> {
    fn field(&self, name: &str) -> Option<Value> {
        self.field_ref(name).map(Cow::into_owned)
    }

    fn current(&self) -> Value {
        self.current_value().into_owned()
    }

    fn position(&self) -> Option<usize> {
        let inst = self.run.table.get(self.inst)?;
        inst.parent.map(|_| inst.index + 1)
    }

    fn today(&self) -> NaiveDate {
        self.run.today
    }

    fn now(&self) -> DateTime<FixedOffset> {
        self.run.now
    }

    fn choice_label(&self, field: &str, value: &str) -> Option<String> {
        let c = self.run.c;
        let node = c.nodes.get(*c.by_name.get(field)?)?;
        let (Kind::SelectOne(list) | Kind::SelectMultiple(list)) = node.kind else {
            return None;
        };
        let list = c.lists.get(list)?;
        let choice = list.choices.get(*list.index.get(value)?)?;
        pick(
            &choice.label,
            self.run.locale,
            self.run.form.default_language.as_deref(),
        )
        .map(str::to_owned)
    }
}
