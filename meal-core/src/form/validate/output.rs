//! What `validate` and `state` give beyond the findings: the cleaned submission (relevant
//! values only, canonical, calculations written) and the state of every field instance.

use std::collections::BTreeMap;

use super::super::values::Kind;
use super::super::{FieldState, SubmissionFinding};
use super::check::eval_cond;
use super::instances::ROOT;
use super::{path_of, Run};
use crate::expr::Value;

type Object = serde_json::Map<String, serde_json::Value>;

impl Run<'_, '_> {
    /// The submission as stored: relevant values only, canonical, calculations written.
    pub(crate) fn cleaned(&self) -> serde_json::Value {
        serde_json::Value::Object(self.cleaned_instance(ROOT, 0))
    }

    fn cleaned_instance(&self, inst: usize, scope: usize) -> Object {
        let Some(scope) = self.c.scopes.get(scope) else {
            return Object::new();
        };
        // Built in key order, then collected: a sorted input makes the map in one pass.
        let mut out: Vec<(String, serde_json::Value)> = Vec::with_capacity(scope.by_name.len());
        for &m in &scope.by_name {
            let Some(node) = self.c.nodes.get(m) else {
                continue;
            };
            let Some(slot) = self.slot(inst, node).filter(|s| s.relevant) else {
                continue;
            };
            match node.kind {
                Kind::Group | Kind::Note => {}
                Kind::Repeat if slot.raw.is_some() => {
                    let inner = node.inner.unwrap_or(0);
                    let items = slot
                        .items
                        .iter()
                        .map(|&item| self.cleaned_item(item, inner));
                    out.push((node.name.clone(), serde_json::Value::Array(items.collect())));
                }
                Kind::Repeat => {}
                // A calculation is written as computed, never as submitted.
                _ if node.calculated && slot.value != Value::Empty => {
                    let text = serde_json::Value::String(slot.value.to_text());
                    out.push((node.name.clone(), text));
                }
                _ if node.calculated => {}
                _ if slot.raw.is_some() => out.push((node.name.clone(), slot.clean())),
                _ => {}
            }
        }
        out.into_iter().collect()
    }

    /// A repeat instance: its cleaned object, or the submitted item kept verbatim when it was
    /// not an object.
    fn cleaned_item(&self, item: usize, scope: usize) -> serde_json::Value {
        match self.table.get(item).and_then(|i| i.malformed) {
            Some(raw) => raw.to_value(),
            None => serde_json::Value::Object(self.cleaned_instance(item, scope)),
        }
    }

    /// The state of every field instance, in document order, repeat instances expanded.
    pub(crate) fn states(&mut self) -> Vec<FieldState> {
        let mut by_path: BTreeMap<String, Vec<SubmissionFinding>> = BTreeMap::new();
        for f in self.findings() {
            by_path.entry(f.finding.path.clone()).or_default().push(f);
        }
        let mut out = Vec::new();
        self.state_scope(0, ROOT, &mut by_path, &mut out);
        out
    }

    fn state_scope(
        &self,
        scope: usize,
        inst: usize,
        by_path: &mut BTreeMap<String, Vec<SubmissionFinding>>,
        out: &mut Vec<FieldState>,
    ) {
        let (Some(members), Some(instance)) = (
            self.c.scopes.get(scope).map(|s| &s.members),
            self.table.get(inst),
        ) else {
            return;
        };
        for &m in members {
            let Some(node) = self.c.nodes.get(m) else {
                continue;
            };
            let Some(slot) = self.slot(inst, node) else {
                continue;
            };
            let path = path_of(&instance.path, node);
            let relevant = slot.relevant && instance.relevant;
            let ctx = self.ctx(m, inst);
            let required = relevant
                && !matches!(node.kind, Kind::Group | Kind::Note)
                && eval_cond(&node.required, &ctx).unwrap_or(false);
            let read_only = node.calculated || eval_cond(&node.read_only, &ctx).unwrap_or(false);
            let value = if !relevant {
                serde_json::Value::Null
            } else {
                match node.kind {
                    Kind::Group | Kind::Note => serde_json::Value::Null,
                    Kind::Repeat => serde_json::Value::from(slot.items.len()),
                    _ if node.calculated => match &slot.value {
                        Value::Empty => serde_json::Value::Null,
                        v => serde_json::Value::String(v.to_text()),
                    },
                    _ => slot.clean(),
                }
            };
            out.push(FieldState {
                findings: by_path.remove(&path).unwrap_or_default(),
                path,
                relevant,
                required,
                read_only,
                value,
            });
            if let (Kind::Repeat, Some(inner)) = (&node.kind, node.inner) {
                for &item in &slot.items {
                    self.state_scope(inner, item, by_path, out);
                }
            }
        }
    }
}
