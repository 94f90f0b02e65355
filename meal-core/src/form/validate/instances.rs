//! The submission read into a flat table: every scope instance (the top level, each repeat
//! instance) in one vector with a link to the instance holding it, every slot (one per member
//! node of the instance's scope) in another, and per scope the list of its instances. An
//! expression then reaches a field by following parent links, and a pass over a node's
//! instances is a walk over one list — no instance addresses walked from the root.

use super::super::compile::{escape, Compiled, Node};
use super::super::values::{self, Canon, Json, Kind, Typed};
use super::super::MAX_REPEAT_INSTANCES;
use super::{plain, Found};
use crate::error::Finding;
use crate::expr::Value;

/// One scope instance: the top level of the submission, or one repeat instance.
#[derive(Debug)]
pub(super) struct Instance<'a> {
    pub scope: usize,
    /// The instance holding the repeat this one belongs to (`None` for the top level).
    pub parent: Option<usize>,
    /// 0-based index among the instances of its repeat.
    pub index: usize,
    /// JSON pointer of the instance (`""` for the top level, `/members/2`).
    pub path: String,
    /// False when the repeat holding the instance is not relevant.
    pub relevant: bool,
    /// The submitted item was not an object (already reported); kept verbatim, no slots.
    pub malformed: Option<&'a Json<'a>>,
    /// Its slots are `slots[first..first + count]`.
    first: usize,
    count: usize,
}

/// A type problem of a value, reported only when its field turns out relevant.
pub(super) type Bad = (&'static str, Vec<(&'static str, String)>);

/// The state of one node in one instance.
#[derive(Debug)]
pub(super) struct Slot<'a> {
    pub raw: Option<&'a Json<'a>>,
    /// The value expressions see: typed, computed, or empty when absent, invalid or not relevant.
    pub value: Value,
    /// The value passed its type check: how to write it in `cleaned`.
    pub canon: Option<Canon>,
    /// Boxed: rare, and the slot stays small.
    pub bad: Option<Box<Bad>>,
    pub relevant: bool,
    /// For a repeat: its instances (ids in [`Instances`]).
    pub items: Vec<usize>,
}

impl Slot<'_> {
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

    /// The canonical JSON of the value; the raw value when it failed its type check.
    pub fn clean(&self) -> serde_json::Value {
        match (self.raw, self.canon) {
            (Some(raw), Some(canon)) => values::canonical(raw, &self.value, canon),
            (Some(raw), None) if !raw.is_empty() => raw.to_value(),
            _ => serde_json::Value::Null,
        }
    }

    /// The submitted value is there and not empty.
    pub fn raw_present(&self) -> bool {
        self.raw.is_some_and(|r| !r.is_empty())
    }
}

/// Every instance and slot of one submission.
#[derive(Debug, Default)]
pub(super) struct Instances<'a> {
    instances: Vec<Instance<'a>>,
    slots: Vec<Slot<'a>>,
    /// Per scope, its instances in document order (outer repeat index first).
    by_scope: Vec<Vec<usize>>,
}

/// The top level is instance 0.
pub(super) const ROOT: usize = 0;

impl<'a> Instances<'a> {
    /// Reads `pairs` (the submission object). Keys that are not fields of their scope,
    /// repeated keys, values for groups or notes and malformed repeats are reported here; type
    /// problems are kept on the slot and reported only when the field turns out relevant.
    pub fn read(
        c: &Compiled,
        pairs: &'a [(std::borrow::Cow<'a, str>, Json<'a>)],
        found: &mut Vec<Found<'_>>,
    ) -> Self {
        // Room for the top level and a few repeat instances without growing.
        let mut table = Instances {
            instances: Vec::with_capacity(16),
            slots: Vec::with_capacity(2 * c.nodes.len()),
            by_scope: vec![Vec::new(); c.scopes.len()],
        };
        let root = table.open(c, 0, None, 0, String::new(), None);
        Reader {
            c,
            table: &mut table,
            found,
        }
        .object(root, pairs);
        table
    }

    pub fn get(&self, inst: usize) -> Option<&Instance<'a>> {
        self.instances.get(inst)
    }

    pub fn get_mut(&mut self, inst: usize) -> Option<&mut Instance<'a>> {
        self.instances.get_mut(inst)
    }

    /// The instances of `scope`, in document order.
    pub fn of_scope(&self, scope: usize) -> &[usize] {
        self.by_scope
            .get(scope)
            .map(Vec::as_slice)
            .unwrap_or_default()
    }

    fn slot_index(&self, inst: usize, local: usize) -> Option<usize> {
        let i = self.instances.get(inst)?;
        (local < i.count).then_some(i.first + local)
    }

    /// The slot of the node numbered `local` in its scope, in instance `inst`.
    pub fn slot(&self, inst: usize, local: usize) -> Option<&Slot<'a>> {
        self.slots.get(self.slot_index(inst, local)?)
    }

    pub fn slot_mut(&mut self, inst: usize, local: usize) -> Option<&mut Slot<'a>> {
        let at = self.slot_index(inst, local)?;
        self.slots.get_mut(at)
    }

    /// The ancestor of `inst` (or `inst` itself) whose scope sits `depth` repeats deep.
    pub fn ancestor(&self, c: &Compiled, mut inst: usize, depth: usize) -> Option<usize> {
        loop {
            let i = self.instances.get(inst)?;
            if c.scopes.get(i.scope)?.chain.len() <= depth {
                return Some(inst);
            }
            inst = i.parent?;
        }
    }

    /// A new instance of `scope`, with an empty slot per member unless it is malformed.
    fn open(
        &mut self,
        c: &Compiled,
        scope: usize,
        parent: Option<usize>,
        index: usize,
        path: String,
        malformed: Option<&'a Json<'a>>,
    ) -> usize {
        let count = match malformed {
            Some(_) => 0,
            None => c.scopes.get(scope).map_or(0, |s| s.members.len()),
        };
        let id = self.instances.len();
        self.instances.push(Instance {
            scope,
            parent,
            index,
            path,
            relevant: true,
            malformed,
            first: self.slots.len(),
            count,
        });
        self.slots.extend((0..count).map(|_| Slot::new()));
        if let Some(list) = self.by_scope.get_mut(scope) {
            list.push(id);
        }
        id
    }
}

/// Reads submission objects into the table.
struct Reader<'r, 'c, 'a, 'f> {
    c: &'c Compiled,
    table: &'r mut Instances<'a>,
    found: &'r mut Vec<Found<'f>>,
}

impl<'a> Reader<'_, '_, 'a, '_> {
    /// The pointer of `key` in instance `inst`.
    fn at(&self, inst: usize, key: &str) -> String {
        let base = self.table.get(inst).map_or("", |i| i.path.as_str());
        format!("{base}/{}", escape(key))
    }

    /// The pairs of instance `inst`'s object.
    fn object(&mut self, inst: usize, pairs: &'a [(std::borrow::Cow<'a, str>, Json<'a>)]) {
        let c = self.c;
        let scope = self.table.get(inst).map_or(0, |i| i.scope);
        for (key, value) in pairs {
            let node = c
                .by_name
                .get(key.as_ref())
                .and_then(|n| c.nodes.get(*n))
                .filter(|n| n.scope == scope);
            let Some(node) = node else {
                let finding =
                    Finding::error("form.unknown_field", self.at(inst, key)).with("name", key);
                self.found.push(plain(finding));
                continue;
            };
            let Some(slot) = self.table.slot_mut(inst, node.local) else {
                continue;
            };
            if slot.raw.is_some() {
                let finding =
                    Finding::error("form.duplicate_key", self.at(inst, key)).with("name", key);
                self.found.push(plain(finding));
                continue;
            }
            slot.raw = Some(value);
            self.value(inst, node, key, value);
        }
    }

    /// The first value of `node` in instance `inst`.
    fn value(&mut self, inst: usize, node: &Node, key: &str, value: &'a Json<'a>) {
        let at = || self.at(inst, key);
        match &node.kind {
            Kind::Group if !value.is_empty() => {
                let finding = Finding::error("form.group_value", at()).with("name", key);
                self.found.push(plain(finding));
            }
            Kind::Note if !value.is_empty() => {
                let finding = Finding::warning("form.note_value", at()).with("name", key);
                self.found.push(plain(finding));
            }
            Kind::Group | Kind::Note => {}
            Kind::Repeat => match value {
                Json::Null => {}
                Json::Array(items) => {
                    let base = at();
                    self.repeat(inst, node, key, base, items);
                }
                _ => {
                    let finding = Finding::error("form.invalid_repeat", at()).with("name", key);
                    self.found.push(plain(finding));
                }
            },
            _ if node.calculated => {}
            kind => {
                let c = self.c;
                let typed = values::typed(kind, value, &|l, name| c.has_choice(l, name), node.read);
                let Some(slot) = self.table.slot_mut(inst, node.local) else {
                    return;
                };
                match typed {
                    Typed::Empty => {}
                    Typed::Ok(v, canon) => {
                        slot.value = v;
                        slot.canon = Some(canon);
                    }
                    Typed::Bad(code, params) => slot.bad = Some(Box::new((code, params))),
                }
            }
        }
    }

    /// The instances of repeat `node` in instance `inst`; `base` is the repeat's pointer.
    fn repeat(&mut self, inst: usize, node: &Node, key: &str, base: String, items: &'a [Json<'a>]) {
        if items.len() > MAX_REPEAT_INSTANCES {
            let finding = Finding::error("form.too_many_instances", base.clone())
                .with("count", items.len())
                .with("max", MAX_REPEAT_INSTANCES);
            self.found.push(plain(finding));
        }
        let inner = node.inner.unwrap_or(0);
        for (i, item) in items.iter().take(MAX_REPEAT_INSTANCES).enumerate() {
            // The repeat's pointer once, then each instance's by appending its index: this
            // runs for every instance of every submission.
            let item_path = indexed(&base, i);
            let id = match item {
                Json::Object(fields) => {
                    let id = self
                        .table
                        .open(self.c, inner, Some(inst), i, item_path, None);
                    self.object(id, fields);
                    id
                }
                other => {
                    let finding =
                        Finding::error("form.invalid_repeat", item_path.clone()).with("name", key);
                    self.found.push(plain(finding));
                    self.table
                        .open(self.c, inner, Some(inst), i, item_path, Some(other))
                }
            };
            if let Some(slot) = self.table.slot_mut(inst, node.local) {
                slot.items.push(id);
            }
        }
    }
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
