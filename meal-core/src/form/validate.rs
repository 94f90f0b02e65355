//! The engine behind [`CompiledForm::validate`](super::CompiledForm::validate) and
//! [`CompiledForm::state`](super::CompiledForm::state): one run reads the submission into
//! scopes (the top level and each repeat instance), evaluates relevance and calculations in
//! dependency order, then checks every relevant value.

use std::borrow::Cow;
use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset, NaiveDate};
use rust_decimal::Decimal;

use super::compile::{column, escape, Compiled, Cond, Node, CHOICE_PREFIX};
use super::values::{self, Canon, Json, Kind, Typed};
use super::{FieldState, Form, Labels, Options, SubmissionFinding};
use crate::error::{Finding, MealError};
use crate::expr::{Context, Fields, Value};
use crate::i18n::Locale;

/// One scope instance: the top level of the submission, or one repeat instance.
#[derive(Debug)]
struct Inst<'a> {
    /// JSON pointer of the instance (`""` for the top level, `/members/2`).
    path: String,
    /// False when the repeat holding the instance is not relevant.
    relevant: bool,
    /// The submitted item was not an object (already reported); kept verbatim.
    malformed: Option<&'a Json<'a>>,
    slots: Vec<Slot<'a>>,
}

#[derive(Debug)]
struct Slot<'a> {
    raw: Option<&'a Json<'a>>,
    /// The value expressions see: typed, computed, or empty when absent, invalid or not relevant.
    value: Value,
    /// The value passed its type check: how to write it in `cleaned`.
    canon: Option<Canon>,
    bad: Option<(&'static str, Vec<(&'static str, String)>)>,
    relevant: bool,
    items: Vec<Inst<'a>>,
}

impl Slot<'_> {
    /// The canonical JSON of the value; the raw value when it failed its type check.
    fn clean(&self) -> serde_json::Value {
        match (self.raw, self.canon) {
            (Some(raw), Some(canon)) => values::canonical(raw, &self.value, canon),
            (Some(raw), None) if !raw.is_empty() => raw.to_value(),
            _ => serde_json::Value::Null,
        }
    }

    fn new() -> Self {
        Slot {
            raw: None,
            value: Value::Empty,
            canon: None,
            bad: None,
            relevant: true,
            items: Vec::new(),
        }
    }
}

/// A finding and, for author-message codes, the labels that may replace the library message.
struct Found<'f> {
    finding: Finding,
    author: Option<&'f Labels>,
}

/// One validation or state run over a submission.
pub(crate) struct Run<'f, 'a> {
    form: &'f Form,
    c: &'f Compiled,
    root: Inst<'a>,
    found: Vec<Found<'f>>,
    today: NaiveDate,
    now: DateTime<FixedOffset>,
    locale: &'f str,
    /// Instance addresses (repeat indexes from the outside in) of every scope.
    addresses: Vec<Vec<Vec<usize>>>,
}

impl<'f, 'a> Run<'f, 'a> {
    /// Reads the submission and evaluates relevance and calculations.
    pub(crate) fn new(
        form: &'f Form,
        c: &'f Compiled,
        submission: &'a [(std::borrow::Cow<'a, str>, Json<'a>)],
        options: &'f Options,
    ) -> Self {
        let mut found = Vec::new();
        let root = ingest(c, 0, submission, String::new(), &mut found);
        let mut run = Run {
            form,
            c,
            root,
            found,
            today: options.now.date_naive(),
            now: options.now,
            locale: &options.locale,
            addresses: Vec::new(),
        };
        run.addresses = (0..c.scopes.len())
            .map(|s| run.collect_addresses(s))
            .collect();
        run.evaluate();
        run.check();
        run
    }

    fn collect_addresses(&self, scope: usize) -> Vec<Vec<usize>> {
        let chain = self
            .c
            .scopes
            .get(scope)
            .map(|s| s.chain.as_slice())
            .unwrap_or_default();
        let mut out = Vec::new();
        walk_addresses(self.c, &self.root, chain, &mut Vec::new(), &mut out);
        out
    }

    fn chain(&self, node: &Node) -> &'f [usize] {
        self.c
            .scopes
            .get(node.scope)
            .map(|s| s.chain.as_slice())
            .unwrap_or_default()
    }

    fn inst(&self, chain: &[usize], addr: &[usize]) -> Option<&Inst<'a>> {
        let mut inst = &self.root;
        for (r, i) in chain.iter().zip(addr) {
            let local = self.c.nodes.get(*r)?.local;
            inst = inst.slots.get(local)?.items.get(*i)?;
        }
        Some(inst)
    }

    fn inst_mut(&mut self, chain: &[usize], addr: &[usize]) -> Option<&mut Inst<'a>> {
        let mut inst = &mut self.root;
        for (r, i) in chain.iter().zip(addr) {
            let local = self.c.nodes.get(*r)?.local;
            inst = inst.slots.get_mut(local)?.items.get_mut(*i)?;
        }
        Some(inst)
    }

    fn ctx<'r>(&'r self, node: usize, addr: &'r [usize]) -> Ctx<'r, 'f, 'a> {
        let chain = self
            .c
            .nodes
            .get(node)
            .map(|n| self.chain(n))
            .unwrap_or_default();
        Ctx {
            run: self,
            node,
            chain,
            addr,
            choice: None,
        }
    }

    fn failed(&mut self, path: String, term: &str, error: MealError) {
        let mut finding = Finding::error("form.expression_failed", path);
        finding.params = error.params;
        self.found.push(Found {
            finding: finding.with("term", term).with("expr_code", error.code),
            author: None,
        });
    }

    fn path(&self, inst_path: &str, node: &Node) -> String {
        format!("{inst_path}/{}", node.name)
    }

    /// Pass 1: relevance (inherited from the enclosing group or repeat) and calculations, node
    /// by node in dependency order, each over all its instances.
    fn evaluate(&mut self) {
        let c = self.c;
        for &n in &c.order {
            let Some(node) = c.nodes.get(n) else { continue };
            let chain = self.chain(node);
            let addresses = std::mem::take(
                self.addresses
                    .get_mut(node.scope)
                    .unwrap_or(&mut Vec::new()),
            );
            for addr in &addresses {
                let Some(inst) = self.inst(chain, addr) else {
                    continue;
                };
                let parent_relevant = match node.parent.and_then(|p| c.nodes.get(p)) {
                    Some(p) if p.scope == node.scope => {
                        inst.slots.get(p.local).is_some_and(|s| s.relevant)
                    }
                    _ => inst.relevant,
                };
                let mut failures = Vec::new();
                let mut relevant = parent_relevant;
                let ctx = self.ctx(n, addr);
                if let (true, Some(expr)) = (relevant, &node.relevant) {
                    match expr.evaluate_bool_with(&ctx, &ctx) {
                        Ok(b) => relevant = b,
                        Err(e) => failures.push((column::RELEVANT, e)),
                    }
                }
                let computed = match (&node.calculation, relevant) {
                    (Some(expr), true) => match expr.evaluate_with(&ctx, &ctx) {
                        // NaN (a blank operand, a division by zero) is stored as no value, not
                        // as the text "NaN" an analysis would read as data.
                        Ok(Value::Number(None)) => Some(Value::Empty),
                        Ok(v) => Some(v),
                        Err(e) => {
                            failures.push((column::CALCULATION, e));
                            Some(Value::Empty)
                        }
                    },
                    _ => None,
                };
                let inst_path = if failures.is_empty() {
                    String::new()
                } else {
                    inst.path.clone()
                };
                for (term, e) in failures {
                    let path = self.path(&inst_path, node);
                    self.failed(path, term, e);
                }
                let Some(slot) = self
                    .inst_mut(chain, addr)
                    .and_then(|i| i.slots.get_mut(node.local))
                else {
                    continue;
                };
                slot.relevant = relevant;
                if let Some(v) = computed {
                    slot.value = v;
                } else if !relevant || node.calculated {
                    slot.value = Value::Empty;
                }
                for item in &mut slot.items {
                    item.relevant = relevant;
                }
            }
            if let Some(a) = self.addresses.get_mut(node.scope) {
                *a = addresses;
            }
        }
    }

    /// Pass 2: every value of every relevant instance, in document order.
    fn check(&mut self) {
        let c = self.c;
        for (n, node) in c.nodes.iter().enumerate() {
            let chain = self.chain(node);
            let addresses = std::mem::take(
                self.addresses
                    .get_mut(node.scope)
                    .unwrap_or(&mut Vec::new()),
            );
            for addr in &addresses {
                self.check_one(n, node, chain, addr);
            }
            if let Some(a) = self.addresses.get_mut(node.scope) {
                *a = addresses;
            }
        }
    }

    fn check_one(&mut self, n: usize, node: &'f Node, chain: &[usize], addr: &[usize]) {
        let Some(inst) = self.inst(chain, addr) else {
            return;
        };
        if !inst.relevant {
            return;
        }
        let Some(slot) = inst.slots.get(node.local) else {
            return;
        };
        let inst_path = inst.path.as_str();
        let path = || format!("{inst_path}/{}", node.name);
        let mut out: Vec<Found<'f>> = Vec::new();
        let mut failures = Vec::new();
        let raw_present = slot.raw.is_some_and(|r| !r.is_empty());
        if !slot.relevant {
            if raw_present && !matches!(node.kind, Kind::Group | Kind::Note) {
                out.push(plain(
                    Finding::warning("form.non_relevant_value", path()).with("name", &node.name),
                ));
            }
        } else if let Some((code, params)) = &slot.bad {
            let mut f = Finding::error(code, path())
                .with("value", slot.raw.map(Json::shown).unwrap_or_default());
            for (k, v) in params {
                f = f.with(k, v);
            }
            out.push(plain(f));
        } else if !matches!(node.kind, Kind::Group | Kind::Note) {
            let ctx = self.ctx(n, addr);
            if node.kind == Kind::Repeat {
                self.repeat_counts(node, slot, &ctx, &path, &mut out, &mut failures);
            }
            let empty = if node.kind == Kind::Repeat {
                slot.items.is_empty()
            } else {
                if node.calculated {
                    slot.value == Value::Empty
                } else {
                    slot.canon.is_none()
                }
            };
            let required = match eval_cond(&node.required, &ctx) {
                Ok(b) => b,
                Err(e) => {
                    failures.push((column::REQUIRED, e));
                    false
                }
            };
            if required && empty {
                out.push(Found {
                    finding: Finding::error("form.required", path()).with("name", &node.name),
                    author: Some(&node.required_message),
                });
            }
            if !empty && node.kind != Kind::Repeat {
                for (expr, term, code, author) in [
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
                ] {
                    let Some(expr) = expr else { continue };
                    match expr.evaluate_bool_with(&ctx, &ctx) {
                        Ok(true) => {}
                        Ok(false) => {
                            let finding = if code == "form.warning" {
                                Finding::warning(code, path())
                            } else {
                                Finding::error(code, path())
                            };
                            out.push(Found {
                                finding: finding
                                    .with("name", &node.name)
                                    .with("expression", expr.source()),
                                author: Some(author),
                            });
                        }
                        Err(e) => failures.push((term, e)),
                    }
                }
                self.choice_filter(node, &ctx, &path, &mut out, &mut failures);
            }
            if node.calculated && raw_present {
                let submitted = slot.raw.map(Json::shown).unwrap_or_default();
                let computed = slot.value.to_text();
                if submitted != computed {
                    out.push(plain(
                        Finding::warning("form.calculation_mismatch", path())
                            .with("submitted", submitted)
                            .with("computed", computed),
                    ));
                }
            }
        }
        let failures: Vec<_> = failures.into_iter().map(|(t, e)| (path(), t, e)).collect();
        for (at, term, e) in failures {
            self.failed(at, term, e);
        }
        self.found.extend(out);
    }

    fn repeat_counts(
        &self,
        node: &Node,
        slot: &Slot<'_>,
        ctx: &Ctx<'_, 'f, 'a>,
        path: &dyn Fn() -> String,
        out: &mut Vec<Found<'f>>,
        failures: &mut Vec<(&'static str, MealError)>,
    ) {
        // Every submitted instance counts, also those beyond `MAX_REPEAT_INSTANCES`.
        let count = match slot.raw {
            Some(Json::Array(items)) => items.len(),
            _ => slot.items.len(),
        };
        if let Some(min) = node.min_count.filter(|m| count < *m as usize) {
            out.push(plain(
                Finding::error("form.repeat_too_few", path())
                    .with("count", count)
                    .with("min", min),
            ));
        }
        if let Some(max) = node.max_count.filter(|m| count > *m as usize) {
            out.push(plain(
                Finding::error("form.repeat_too_many", path())
                    .with("count", count)
                    .with("max", max),
            ));
        }
        if let Some(expr) = &node.repeat_count {
            match expr.evaluate_with(ctx, ctx) {
                Ok(v) => {
                    // An empty or non-numeric count (the field it reads is blank or invalid,
                    // and reported on its own) is not checked.
                    let expected = match &v {
                        Value::Number(Some(d)) => Some(*d),
                        Value::Text(t) => values::decimal_text(t.trim()),
                        _ => None,
                    };
                    if expected.is_some_and(|e| e != Decimal::from(count)) {
                        out.push(plain(
                            Finding::error("form.repeat_count_mismatch", path())
                                .with("count", count)
                                .with("wanted", v.to_text()),
                        ));
                    }
                }
                Err(e) => failures.push((column::REPEAT_COUNT, e)),
            }
        }
    }

    /// A selected choice the choice filter excludes.
    fn choice_filter(
        &self,
        node: &Node,
        ctx: &Ctx<'_, 'f, 'a>,
        path: &dyn Fn() -> String,
        out: &mut Vec<Found<'f>>,
        failures: &mut Vec<(&'static str, MealError)>,
    ) {
        let (Some(filter), Kind::SelectOne(list) | Kind::SelectMultiple(list)) =
            (&node.choice_filter, &node.kind)
        else {
            return;
        };
        let Some(list) = self.c.lists.get(*list) else {
            return;
        };
        let current = ctx.current_ref();
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
                Ok(false) => out.push(plain(
                    Finding::error("form.choice_filtered", path())
                        .with("choice", name)
                        .with("expression", filter.source()),
                )),
                Err(e) => {
                    failures.push((column::CHOICE_FILTER, e));
                    return;
                }
            }
        }
    }

    /// The findings, sorted by path then code, with their messages.
    pub(crate) fn findings(&mut self) -> Vec<SubmissionFinding> {
        let mut found = std::mem::take(&mut self.found);
        found.sort_by(|a, b| {
            (&a.finding.path, &a.finding.code, &a.finding.params).cmp(&(
                &b.finding.path,
                &b.finding.code,
                &b.finding.params,
            ))
        });
        let locale = Locale::parse(self.locale);
        found
            .into_iter()
            .map(|f| {
                let message = f
                    .author
                    .and_then(|labels| {
                        pick(labels, self.locale, self.form.default_language.as_deref())
                    })
                    .map_or_else(|| f.finding.message(locale), str::to_owned);
                SubmissionFinding {
                    finding: f.finding,
                    message,
                }
            })
            .collect()
    }

    /// The submission as stored: relevant values only, canonical, calculations written.
    pub(crate) fn cleaned(&self) -> serde_json::Value {
        serde_json::Value::Object(self.cleaned_inst(&self.root, 0))
    }

    fn cleaned_inst(
        &self,
        inst: &Inst<'_>,
        scope: usize,
    ) -> serde_json::Map<String, serde_json::Value> {
        let Some(scope) = self.c.scopes.get(scope) else {
            return serde_json::Map::new();
        };
        // Built in key order, then collected: a sorted input makes the map in one pass.
        let mut out: Vec<(String, serde_json::Value)> = Vec::with_capacity(scope.by_name.len());
        for &m in &scope.by_name {
            let (Some(node), Some(slot)) = (self.c.nodes.get(m), inst.slots.get(self.local(m)))
            else {
                continue;
            };
            if !slot.relevant {
                continue;
            }
            match node.kind {
                Kind::Group | Kind::Note => {}
                Kind::Repeat => {
                    if slot.raw.is_some() {
                        let inner = node.inner.unwrap_or(0);
                        let items = slot
                            .items
                            .iter()
                            .map(|item| match item.malformed {
                                Some(raw) => raw.to_value(),
                                None => serde_json::Value::Object(self.cleaned_inst(item, inner)),
                            })
                            .collect();
                        out.push((node.name.clone(), serde_json::Value::Array(items)));
                    }
                }
                _ if node.calculated => {
                    if slot.value != Value::Empty {
                        out.push((
                            node.name.clone(),
                            serde_json::Value::String(slot.value.to_text()),
                        ));
                    }
                }
                _ => {
                    if slot.raw.is_some() {
                        out.push((node.name.clone(), slot.clean()));
                    }
                }
            }
        }
        out.into_iter().collect()
    }

    fn local(&self, n: usize) -> usize {
        self.c.nodes.get(n).map_or(usize::MAX, |node| node.local)
    }

    /// The state of every field instance, in document order, repeat instances expanded.
    pub(crate) fn states(&mut self) -> Vec<FieldState> {
        let findings = self.findings();
        let mut by_path: BTreeMap<String, Vec<SubmissionFinding>> = BTreeMap::new();
        for f in findings {
            by_path.entry(f.finding.path.clone()).or_default().push(f);
        }
        let mut out = Vec::new();
        self.state_scope(0, &mut Vec::new(), &mut by_path, &mut out);
        out
    }

    fn state_scope(
        &self,
        scope: usize,
        addr: &mut Vec<usize>,
        by_path: &mut BTreeMap<String, Vec<SubmissionFinding>>,
        out: &mut Vec<FieldState>,
    ) {
        let Some(members) = self.c.scopes.get(scope).map(|s| &s.members) else {
            return;
        };
        for &m in members {
            let Some(node) = self.c.nodes.get(m) else {
                continue;
            };
            let Some(inst) = self.inst(self.chain(node), addr) else {
                continue;
            };
            let Some(slot) = inst.slots.get(node.local) else {
                continue;
            };
            let path = self.path(&inst.path, node);
            let relevant = slot.relevant && inst.relevant;
            let ctx = self.ctx(m, addr);
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
                for i in 0..slot.items.len() {
                    addr.push(i);
                    self.state_scope(inner, addr, by_path, out);
                    addr.pop();
                }
            }
        }
    }
}

fn plain<'f>(finding: Finding) -> Found<'f> {
    Found {
        finding,
        author: None,
    }
}

fn eval_cond(cond: &Cond, ctx: &Ctx<'_, '_, '_>) -> Result<bool, MealError> {
    match cond {
        Cond::Never => Ok(false),
        Cond::Always => Ok(true),
        Cond::When(expr) => expr.evaluate_bool_with(ctx, ctx),
    }
}

/// The author's text for `locale`: the exact tag, then a tag of the same language (`fr-FR` for
/// `fr`), then the form's default language, then the unlabelled `default` column.
pub(crate) fn pick<'l>(
    labels: &'l Labels,
    locale: &str,
    default_language: Option<&str>,
) -> Option<&'l str> {
    let usable = |s: &&String| !s.trim().is_empty();
    if labels.is_empty() {
        return None;
    }
    let primary = |tag: &str| {
        tag.split(['-', '_'])
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase()
    };
    let wanted = primary(locale);
    labels
        .get(locale)
        .filter(usable)
        .or_else(|| {
            labels
                .iter()
                .find(|(k, v)| !wanted.is_empty() && primary(k) == wanted && usable(v))
                .map(|(_, v)| v)
        })
        .or_else(|| default_language.and_then(|d| labels.get(d)).filter(usable))
        .or_else(|| labels.get("default").filter(usable))
        .map(String::as_str)
}

fn walk_addresses(
    c: &Compiled,
    inst: &Inst<'_>,
    chain: &[usize],
    prefix: &mut Vec<usize>,
    out: &mut Vec<Vec<usize>>,
) {
    let Some((first, rest)) = chain.split_first() else {
        out.push(prefix.clone());
        return;
    };
    let Some(slot) = c.nodes.get(*first).and_then(|n| inst.slots.get(n.local)) else {
        return;
    };
    for (i, item) in slot.items.iter().enumerate() {
        prefix.push(i);
        walk_addresses(c, item, rest, prefix, out);
        prefix.pop();
    }
}

/// Reads one scope of the submission. Keys that are not fields of this scope, repeated keys,
/// values for groups or notes and malformed repeats are reported here; type problems are kept
/// on the slot and reported only when the field turns out relevant.
fn ingest<'a>(
    c: &Compiled,
    scope: usize,
    pairs: &'a [(std::borrow::Cow<'a, str>, Json<'a>)],
    path: String,
    found: &mut Vec<Found<'_>>,
) -> Inst<'a> {
    let size = c.scopes.get(scope).map_or(0, |s| s.members.len());
    let mut inst = Inst {
        path,
        relevant: true,
        malformed: None,
        slots: (0..size).map(|_| Slot::new()).collect(),
    };
    for (key, value) in pairs {
        let node = c
            .by_name
            .get(key.as_ref())
            .and_then(|n| c.nodes.get(*n))
            .filter(|n| n.scope == scope);
        let at = || format!("{}/{}", inst.path, escape(key));
        let Some(node) = node else {
            found.push(plain(
                Finding::error("form.unknown_field", at()).with("name", key),
            ));
            continue;
        };
        let Some(slot) = inst.slots.get_mut(node.local) else {
            continue;
        };
        if slot.raw.is_some() {
            found.push(plain(
                Finding::error("form.duplicate_key", at()).with("name", key),
            ));
            continue;
        }
        slot.raw = Some(value);
        match &node.kind {
            Kind::Group => {
                if !value.is_empty() {
                    found.push(plain(
                        Finding::error("form.group_value", at()).with("name", key),
                    ));
                }
            }
            Kind::Note => {
                if !value.is_empty() {
                    found.push(plain(
                        Finding::warning("form.note_value", at()).with("name", key),
                    ));
                }
            }
            Kind::Repeat => match value {
                Json::Null => {}
                Json::Array(items) => {
                    let inner = node.inner.unwrap_or(0);
                    if items.len() > super::MAX_REPEAT_INSTANCES {
                        found.push(plain(
                            Finding::error("form.too_many_instances", at())
                                .with("count", items.len())
                                .with("max", super::MAX_REPEAT_INSTANCES),
                        ));
                    }
                    let read = items.iter().take(super::MAX_REPEAT_INSTANCES);
                    // The repeat's pointer once, then each instance's by appending its index:
                    // this runs for every instance of every submission.
                    let base = at();
                    for (i, item) in read.enumerate() {
                        let item_path = indexed(&base, i);
                        match item {
                            Json::Object(fields) => {
                                slot.items.push(ingest(c, inner, fields, item_path, found))
                            }
                            other => {
                                found.push(plain(
                                    Finding::error("form.invalid_repeat", item_path.clone())
                                        .with("name", key),
                                ));
                                slot.items.push(Inst {
                                    path: item_path,
                                    relevant: true,
                                    malformed: Some(other),
                                    slots: Vec::new(),
                                });
                            }
                        }
                    }
                }
                _ => found.push(plain(
                    Finding::error("form.invalid_repeat", at()).with("name", key),
                )),
            },
            kind => {
                if node.calculated {
                    continue;
                }
                match values::typed(kind, value, &|l, name| c.has_choice(l, name), node.read) {
                    Typed::Empty => {}
                    Typed::Ok(v, canon) => {
                        slot.value = v;
                        slot.canon = Some(canon);
                    }
                    Typed::Bad(code, params) => {
                        slot.bad = Some((code, params));
                    }
                }
            }
        }
    }
    inst
}

/// `base/index`, without the formatting machinery.
fn indexed(base: &str, index: usize) -> String {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut rest = index;
    loop {
        at -= 1;
        if let Some(d) = digits.get_mut(at) {
            *d = b'0' + u8::try_from(rest % 10).unwrap_or(0);
        }
        rest /= 10;
        if rest == 0 || at == 0 {
            break;
        }
    }
    let digits = digits.get(at..).unwrap_or_default();
    let mut out = String::with_capacity(base.len() + 1 + digits.len());
    out.push_str(base);
    out.push('/');
    out.extend(digits.iter().map(|d| char::from(*d)));
    out
}

/// What an expression sees from one field instance.
#[derive(Clone, Copy)]
struct Ctx<'r, 'f, 'a> {
    run: &'r Run<'f, 'a>,
    node: usize,
    chain: &'r [usize],
    addr: &'r [usize],
    /// Inside a choice filter: the choice being tested (its columns are visible by name).
    choice: Option<&'f super::Choice>,
}

impl Ctx<'_, '_, '_> {
    fn value_of(&self, inst: &Inst<'_>, t: usize) -> Value {
        self.value_ref(inst, t).into_owned()
    }

    fn value_ref<'s>(&self, inst: &'s Inst<'_>, t: usize) -> Cow<'s, Value> {
        let c = self.run.c;
        let Some(node) = c.nodes.get(t) else {
            return Cow::Owned(Value::Empty);
        };
        let Some(slot) = inst.slots.get(node.local) else {
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

    fn collect(&self, items: &[Inst<'_>], rest: &[usize], t: usize, out: &mut Vec<Value>) {
        let c = self.run.c;
        for item in items {
            match rest.split_first() {
                None => out.push(self.value_of(item, t)),
                Some((r, deeper)) => {
                    let local = c.nodes.get(*r).map_or(usize::MAX, |n| n.local);
                    if let Some(slot) = item.slots.get(local) {
                        self.collect(&slot.items, deeper, t, out);
                    }
                }
            }
        }
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
        let c = self.run.c;
        let target = c.nodes.get(t)?;
        let target_chain = self.run.chain(target);
        let mut inst = &self.run.root;
        for (depth, r) in target_chain.iter().enumerate() {
            let slot = inst.slots.get(c.nodes.get(*r)?.local)?;
            if self.chain.get(depth) == Some(r) {
                inst = slot.items.get(*self.addr.get(depth)?)?;
            } else {
                let mut out = Vec::new();
                self.collect(
                    &slot.items,
                    target_chain.get(depth + 1..).unwrap_or_default(),
                    t,
                    &mut out,
                );
                return Some(Cow::Owned(Value::List(out)));
            }
        }
        Some(self.value_ref(inst, t))
    }

    fn current_ref(&self) -> Cow<'_, Value> {
        self.run
            .inst(self.chain, self.addr)
            .map_or(Cow::Owned(Value::Empty), |inst| {
                self.value_ref(inst, self.node)
            })
    }
}

impl Context for Ctx<'_, '_, '_> {
    fn field(&self, name: &str) -> Option<Value> {
        self.field_ref(name).map(Cow::into_owned)
    }

    fn current(&self) -> Value {
        self.current_ref().into_owned()
    }

    fn position(&self) -> Option<usize> {
        self.addr.last().map(|i| i + 1)
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
