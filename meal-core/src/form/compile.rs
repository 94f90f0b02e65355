//! Compiling a form: names indexed, fields flattened into nodes with their scopes (the root
//! and one per repeat), every expression parsed and type-checked once, the dependency order of
//! relevance and calculations fixed, and every problem of the document reported as a finding
//! whose path points into the form document (`/fields/3/children/0/constraint`).

use std::collections::{BTreeSet, HashMap};
use std::hash::{BuildHasherDefault, Hasher};

use rust_decimal::Decimal;

use super::values::{self, decimal_text, Json, Kind, Typed};
use super::{Choice, Field, FieldType, Form, Labels, Required, FORMAT_VERSION, MAX_FORM_FIELDS};
use crate::error::{Finding, Severity};
use crate::expr::{Expr, Schema, ValueType};

/// FNV-1a: field names are short and trusted enough (a form, not the network) that a fast,
/// deterministic hash beats SipHash on every `${name}` lookup.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 ^= u64::from(*b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
}

pub(crate) type FnvMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;

/// `required` / `read_only` once compiled.
#[derive(Debug, Clone)]
pub(crate) enum Cond {
    Never,
    Always,
    When(Expr),
}

/// One field of the form, flattened.
#[derive(Debug, Clone)]
pub(crate) struct Node {
    pub name: String,
    /// JSON pointer of the field in the form document.
    pub doc: String,
    pub kind: Kind,
    /// The enclosing group or repeat.
    pub parent: Option<usize>,
    /// The scope the node's value lives in (0 = the submission's top level).
    pub scope: usize,
    /// Index of the node among its scope's members.
    pub local: usize,
    /// For a repeat: the scope of its instances.
    pub inner: Option<usize>,
    pub relevant: Option<Expr>,
    pub required: Cond,
    pub read_only: Cond,
    pub constraint: Option<Expr>,
    pub warning: Option<Expr>,
    pub calculation: Option<Expr>,
    pub choice_filter: Option<Expr>,
    pub repeat_count: Option<Expr>,
    pub min_count: Option<u32>,
    pub max_count: Option<u32>,
    pub required_message: Labels,
    pub constraint_message: Labels,
    pub warning_message: Labels,
    /// The field declares a `calculation` (even one that did not compile).
    pub calculated: bool,
    /// Some expression reads the value (another field's, or its own constraint, warning or
    /// choice filter): text values are copied for expressions only then.
    pub read: bool,
}

/// The top level of a submission, or the instances of one repeat.
#[derive(Debug, Clone)]
pub(crate) struct Scope {
    /// Repeat nodes from the outermost to the one owning this scope.
    pub chain: Vec<usize>,
    /// Nodes whose values live in this scope, in document order.
    pub members: Vec<usize>,
    /// The same nodes sorted by name: the key order of `cleaned`'s objects.
    pub by_name: Vec<usize>,
}

/// A choice list, indexed.
#[derive(Debug, Clone)]
pub(crate) struct List {
    pub index: FnvMap<String, usize>,
    pub choices: Vec<Choice>,
}

/// Lists up to this long are searched name by name: cheaper than hashing the name.
const SHORT_LIST: usize = 8;

impl List {
    /// True when `name` is a choice of the list.
    pub(crate) fn contains(&self, name: &str) -> bool {
        if self.choices.len() <= SHORT_LIST {
            self.choices.iter().any(|c| c.name == name)
        } else {
            self.index.contains_key(name)
        }
    }
}

/// Everything validation needs, built once.
#[derive(Debug, Clone, Default)]
pub(crate) struct Compiled {
    pub nodes: Vec<Node>,
    pub scopes: Vec<Scope>,
    pub by_name: FnvMap<String, usize>,
    /// Relevance and calculations are evaluated node by node in this order.
    pub order: Vec<usize>,
    pub lists: Vec<List>,
    pub list_names: FnvMap<String, usize>,
}

impl Compiled {
    /// True when `name` is a choice of list `list`.
    pub(crate) fn has_choice(&self, list: usize, name: &str) -> bool {
        self.lists.get(list).is_some_and(|l| l.contains(name))
    }
}

/// The column an expression sits in (a term rendered in the reader's language).
pub(crate) mod column {
    pub const RELEVANT: &str = "relevant";
    pub const REQUIRED: &str = "required";
    pub const READ_ONLY: &str = "read_only";
    pub const CONSTRAINT: &str = "constraint";
    pub const WARNING: &str = "warning";
    pub const CALCULATION: &str = "calculation";
    pub const CHOICE_FILTER: &str = "choice_filter";
    pub const REPEAT_COUNT: &str = "repeat_count";
    pub const DEFAULT: &str = "default";
}

/// Escapes a key for a JSON pointer (RFC 6901).
pub(crate) fn escape(key: &str) -> std::borrow::Cow<'_, str> {
    if key.contains(['~', '/']) {
        std::borrow::Cow::Owned(key.replace('~', "~0").replace('/', "~1"))
    } else {
        std::borrow::Cow::Borrowed(key)
    }
}

/// XLSForm names (XML element names without namespaces): a letter or `_`, then letters,
/// digits, `_`, `-` or `.`. Letters may be any Unicode letter, as XML allows. Names starting
/// with `_choice.` are reserved (choice columns inside choice filters).
pub fn is_valid_name(name: &str) -> bool {
    if name.starts_with(CHOICE_PREFIX) {
        return false;
    }
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_alphabetic() || c == '_')
        && chars.all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.'))
}

/// The type an expression sees for a field.
fn value_type(field_type: &FieldType) -> ValueType {
    match field_type {
        FieldType::Integer | FieldType::Decimal | FieldType::Range { .. } => ValueType::Number,
        FieldType::Date | FieldType::Today => ValueType::Date,
        FieldType::DateTime | FieldType::Start | FieldType::End => ValueType::DateTime,
        FieldType::SelectMultiple { .. } => ValueType::Choices,
        FieldType::Calculate | FieldType::Group | FieldType::Repeat => ValueType::Any,
        _ => ValueType::Text,
    }
}

/// The form's fields for type-checking, plus a choice list's columns inside a choice filter.
struct FormSchema<'a> {
    types: &'a FnvMap<String, ValueType>,
    choice_columns: Option<&'a BTreeSet<String>>,
}

impl Schema for FormSchema<'_> {
    fn field_type(&self, name: &str) -> Option<ValueType> {
        self.types.get(name).copied().or_else(|| {
            self.choice_columns
                .filter(|c| c.contains(name))
                .map(|_| ValueType::Text)
        })
    }
}

struct Builder<'f> {
    form: &'f Form,
    findings: Vec<Finding>,
    out: Compiled,
    fields: Vec<&'f Field>,
    /// Names each node's relevance / calculation reads (for the dependency order).
    deps: Vec<Vec<(usize, bool)>>,
    types: FnvMap<String, ValueType>,
    /// Nodes some expression names.
    referenced: BTreeSet<usize>,
}

/// Compiles `form`; `None` when names are ambiguous or dependencies loop (no evaluation order).
pub(crate) fn compile(form: &Form) -> (Option<Compiled>, Vec<Finding>) {
    let count = field_count(&form.fields);
    if count > MAX_FORM_FIELDS {
        // Refused before any per-field work: a form this size is a mistake or an attack, and
        // compiling it would cost memory for every one of its fields.
        let finding = Finding::error("form.too_many_fields", "/fields")
            .with("count", count)
            .with("max", MAX_FORM_FIELDS);
        return (None, vec![finding]);
    }
    let mut b = Builder {
        form,
        findings: Vec::new(),
        out: Compiled::default(),
        fields: Vec::new(),
        deps: Vec::new(),
        types: FnvMap::default(),
        referenced: BTreeSet::new(),
    };
    b.document();
    b.lists();
    b.out.scopes.push(Scope {
        chain: Vec::new(),
        members: Vec::new(),
        by_name: Vec::new(),
    });
    for (i, field) in form.fields.iter().enumerate() {
        b.flatten(field, format!("/fields/{i}"), None, 0);
    }
    let duplicates = b.names();
    let nodes = &b.out.nodes;
    for scope in &mut b.out.scopes {
        let mut sorted = scope.members.clone();
        sorted.sort_by(|x, y| {
            let name = |n: &usize| nodes.get(*n).map(|node| node.name.as_str());
            name(x).cmp(&name(y))
        });
        scope.by_name = sorted;
    }
    b.languages();
    for n in 0..b.fields.len() {
        b.expressions(n);
    }
    for (n, node) in b.out.nodes.iter_mut().enumerate() {
        node.read = b.referenced.contains(&n)
            || node.constraint.is_some()
            || node.warning.is_some()
            || node.choice_filter.is_some()
            || node.calculated;
    }
    let cycles = b.order();
    let mut findings = b.findings;
    crate::error::sort_findings(&mut findings);
    let usable = !duplicates && !cycles;
    (usable.then_some(b.out), findings)
}

impl<'f> Builder<'f> {
    fn push(&mut self, finding: Finding) {
        self.findings.push(finding);
    }

    fn document(&mut self) {
        let form = self.form;
        if form.format_version != FORMAT_VERSION {
            self.push(
                Finding::error("document.format_version", "/format_version")
                    .with("kind", "form")
                    .with("expected", FORMAT_VERSION)
                    .with("found", form.format_version),
            );
        }
        if form.id.trim().is_empty() {
            self.push(Finding::error("form.blank_id", "/id"));
        }
        if form.fields.is_empty() {
            self.push(Finding::error("form.no_fields", "/fields"));
        }
    }

    fn lists(&mut self) {
        let form = self.form;
        for (name, choices) in &form.choices {
            let path = format!("/choices/{}", escape(name));
            if choices.is_empty() {
                self.push(Finding::error("form.empty_list", path.clone()).with("list", name));
            }
            let mut index = FnvMap::default();
            for (i, choice) in choices.iter().enumerate() {
                let at = format!("{path}/{i}/name");
                if choice.name.is_empty() || choice.name.chars().any(char::is_whitespace) {
                    self.push(
                        Finding::error("form.invalid_choice_name", at)
                            .with("list", name)
                            .with("choice", &choice.name),
                    );
                } else if index.contains_key(&choice.name) {
                    self.push(
                        Finding::error("form.duplicate_choice", at)
                            .with("list", name)
                            .with("choice", &choice.name),
                    );
                } else {
                    index.insert(choice.name.clone(), i);
                }
            }
            self.out
                .list_names
                .insert(name.clone(), self.out.lists.len());
            self.out.lists.push(List {
                index,
                choices: choices.clone(),
            });
        }
    }

    fn list(&mut self, list: &str, doc: &str) -> usize {
        if list.trim().is_empty() {
            self.push(Finding::error(
                "form.missing_list",
                format!("{doc}/type/list"),
            ));
            return usize::MAX;
        }
        match self.out.list_names.get(list) {
            Some(i) => *i,
            None => {
                self.push(
                    Finding::error("form.unknown_list", format!("{doc}/type/list"))
                        .with("list", list),
                );
                usize::MAX
            }
        }
    }

    fn range(&mut self, doc: &str, start: &str, end: &str, step: &str) -> Kind {
        let mut read = |term: &str, prop: &str, text: &str| {
            let d = decimal_text(text.trim());
            if d.is_none() {
                self.findings.push(
                    Finding::error("form.bad_range", format!("{doc}/type/{prop}"))
                        .with("term", term)
                        .with("value", text),
                );
            }
            d
        };
        let (s, e, st) = (
            read("range_start", "start", start),
            read("range_end", "end", end),
            read("range_step", "step", step),
        );
        let step = st.unwrap_or(Decimal::ONE);
        if st.is_some() && step <= Decimal::ZERO {
            self.push(
                Finding::error("form.bad_range", format!("{doc}/type/step"))
                    .with("term", "range_step")
                    .with("value", step),
            );
        }
        Kind::Range {
            start: s.unwrap_or(Decimal::ZERO),
            end: e.unwrap_or(Decimal::ZERO),
            step: if step > Decimal::ZERO {
                step
            } else {
                Decimal::ZERO
            },
        }
    }

    fn flatten(&mut self, field: &'f Field, doc: String, parent: Option<usize>, scope: usize) {
        let kind = match &field.field_type {
            FieldType::Integer => Kind::Integer,
            FieldType::Decimal => Kind::Decimal,
            FieldType::Range { start, end, step } => self.range(&doc, start, end, step),
            FieldType::Date | FieldType::Today => Kind::Date,
            FieldType::Time => Kind::Time,
            FieldType::DateTime | FieldType::Start | FieldType::End => Kind::DateTime,
            FieldType::SelectOne { list } => Kind::SelectOne(self.list(list, &doc)),
            FieldType::SelectMultiple { list } => Kind::SelectMultiple(self.list(list, &doc)),
            FieldType::Acknowledge => Kind::Acknowledge,
            FieldType::Geopoint => Kind::Geopoint,
            FieldType::Note => Kind::Note,
            FieldType::Calculate => Kind::Calculate,
            FieldType::Group => Kind::Group,
            FieldType::Repeat => Kind::Repeat,
            FieldType::Text
            | FieldType::Hidden
            | FieldType::Barcode
            | FieldType::Image
            | FieldType::Audio
            | FieldType::File
            | FieldType::DeviceId
            | FieldType::InstanceId => Kind::Text,
        };
        let n = self.out.nodes.len();
        let is_group = matches!(kind, Kind::Group | Kind::Repeat);
        let inner = (kind == Kind::Repeat).then(|| {
            let mut chain = self
                .out
                .scopes
                .get(scope)
                .map(|s| s.chain.clone())
                .unwrap_or_default();
            chain.push(n);
            self.out.scopes.push(Scope {
                chain,
                members: Vec::new(),
                by_name: Vec::new(),
            });
            self.out.scopes.len() - 1
        });
        let local = match self.out.scopes.get_mut(scope) {
            Some(s) => {
                s.members.push(n);
                s.members.len() - 1
            }
            None => 0,
        };
        self.out.nodes.push(Node {
            name: field.name.clone(),
            doc: doc.clone(),
            kind,
            parent,
            scope,
            local,
            inner,
            relevant: None,
            required: Cond::Never,
            read_only: Cond::Never,
            constraint: None,
            warning: None,
            calculation: None,
            choice_filter: None,
            repeat_count: None,
            min_count: field.min_count,
            max_count: field.max_count,
            required_message: field.required_message.clone(),
            constraint_message: field.constraint_message.clone(),
            warning_message: field.warning_message.clone(),
            calculated: field.calculation.is_some(),
            read: false,
        });
        self.fields.push(field);
        self.deps.push(Vec::new());
        self.structure(field, &doc, is_group);
        if is_group {
            let child_scope = inner.unwrap_or(scope);
            for (i, child) in field.children.iter().enumerate() {
                self.flatten(child, format!("{doc}/children/{i}"), Some(n), child_scope);
            }
        }
    }

    /// Checks of one field that need no other field.
    fn structure(&mut self, field: &Field, doc: &str, is_group: bool) {
        if !is_valid_name(&field.name) {
            self.push(
                Finding::error("form.invalid_name", format!("{doc}/name"))
                    .with("name", &field.name),
            );
        }
        let t = &field.field_type;
        if is_group && field.children.is_empty() {
            self.push(Finding::error("form.empty_group", doc.to_owned()).with("name", &field.name));
        }
        if !is_group && !field.children.is_empty() {
            self.push(
                Finding::error("form.unexpected_children", format!("{doc}/children"))
                    .with("name", &field.name),
            );
        }
        if *t == FieldType::Calculate
            && field
                .calculation
                .as_deref()
                .is_none_or(|c| c.trim().is_empty())
        {
            self.push(
                Finding::error("form.missing_calculation", doc.to_owned())
                    .with("name", &field.name),
            );
        }
        if *t == FieldType::Note && !matches!(field.required, None | Some(Required::Always(false)))
        {
            self.push(
                Finding::error("form.required_note", format!("{doc}/required"))
                    .with("name", &field.name),
            );
        }
        if let (Some(min), Some(max)) = (field.min_count, field.max_count) {
            if min > max {
                self.push(
                    Finding::error("form.count_bounds", format!("{doc}/min_count"))
                        .with("min", min)
                        .with("max", max),
                );
            }
        }
        let mut misplaced = |present: bool, term: &str, prop: &str| {
            if present {
                self.findings.push(
                    Finding::warning("form.misplaced_property", format!("{doc}/{prop}"))
                        .with("term", term)
                        .with("name", &field.name),
                );
            }
        };
        let repeat = *t == FieldType::Repeat;
        let select = matches!(
            t,
            FieldType::SelectOne { .. } | FieldType::SelectMultiple { .. }
        );
        misplaced(
            !repeat && field.repeat_count.is_some(),
            column::REPEAT_COUNT,
            "repeat_count",
        );
        misplaced(
            !repeat && field.min_count.is_some(),
            "min_count",
            "min_count",
        );
        misplaced(
            !repeat && field.max_count.is_some(),
            "max_count",
            "max_count",
        );
        misplaced(
            !select && field.choice_filter.is_some(),
            column::CHOICE_FILTER,
            "choice_filter",
        );
        misplaced(
            (is_group || *t == FieldType::Note) && field.calculation.is_some(),
            column::CALCULATION,
            "calculation",
        );
        misplaced(
            field.constraint.is_some() && (is_group || *t == FieldType::Note),
            column::CONSTRAINT,
            "constraint",
        );
        misplaced(
            field.warning.is_some() && (is_group || *t == FieldType::Note),
            column::WARNING,
            "warning",
        );
    }

    /// Names: grammar was checked per field; here duplicates. True when a name repeats.
    fn names(&mut self) -> bool {
        let mut duplicate = false;
        for n in 0..self.out.nodes.len() {
            let Some(node) = self.out.nodes.get(n) else {
                continue;
            };
            let (name, doc) = (node.name.clone(), node.doc.clone());
            if let Some(first) = self.out.by_name.get(&name).copied() {
                duplicate = true;
                let first_doc = self
                    .out
                    .nodes
                    .get(first)
                    .map(|f| f.doc.clone())
                    .unwrap_or_default();
                self.push(
                    Finding::error("form.duplicate_name", format!("{doc}/name"))
                        .with("name", &name)
                        .with("first", first_doc),
                );
            } else {
                let t = self
                    .fields
                    .get(n)
                    .map_or(ValueType::Any, |f| value_type(&f.field_type));
                self.types.insert(name.clone(), t);
                self.out.by_name.insert(name, n);
            }
        }
        duplicate
    }

    /// Labels: a language some labels have and this one lacks is a warning.
    fn languages(&mut self) {
        let form = self.form;
        let mut all: BTreeSet<&str> = BTreeSet::new();
        for field in &self.fields {
            all.extend(field.label.keys().map(String::as_str));
        }
        for choices in form.choices.values() {
            for c in choices {
                all.extend(c.label.keys().map(String::as_str));
            }
        }
        if all.len() < 2 {
            return;
        }
        let mut missing = Vec::new();
        for (field, node) in self.fields.iter().zip(&self.out.nodes) {
            if field.label.is_empty() {
                continue;
            }
            for lang in all.iter().filter(|l| !field.label.contains_key(**l)) {
                missing.push((format!("{}/label", node.doc), (*lang).to_owned()));
            }
        }
        for (list, choices) in &form.choices {
            for (i, c) in choices.iter().enumerate() {
                if c.label.is_empty() {
                    continue;
                }
                for lang in all.iter().filter(|l| !c.label.contains_key(**l)) {
                    missing.push((
                        format!("/choices/{}/{i}/label", escape(list)),
                        (*lang).to_owned(),
                    ));
                }
            }
        }
        for (path, language) in missing {
            self.push(
                Finding::warning("form.missing_translation", path).with("language", language),
            );
        }
    }

    /// Parses, reference-checks and type-checks one expression.
    fn expr(&mut self, n: usize, source: &str, term: &str, prop: &str) -> Option<Expr> {
        let (doc, name, list) = match self.out.nodes.get(n) {
            Some(node) => (
                node.doc.clone(),
                node.name.clone(),
                match node.kind {
                    Kind::SelectOne(l) | Kind::SelectMultiple(l) => Some(l),
                    _ => None,
                },
            ),
            None => return None,
        };
        let path = format!("{doc}/{prop}");
        let rewritten;
        let parsed_source = if term == column::CHOICE_FILTER {
            let choices = list.and_then(|l| self.out.lists.get(l));
            rewritten =
                choice_filter_expression(source, choices.map_or(&[][..], |l| &l.choices[..]));
            rewritten.as_str()
        } else {
            source
        };
        let mut expr = match Expr::parse(parsed_source) {
            Ok(expr) => expr,
            Err(error) => {
                let mut finding = Finding::error("form.bad_expression", path);
                finding.params = error.params;
                self.push(
                    finding
                        .with("term", term)
                        .with("expr_code", error.code)
                        .with("source", source),
                );
                return None;
            }
        };
        let in_filter = term == column::CHOICE_FILTER;
        let columns: Option<BTreeSet<String>> = in_filter.then(|| {
            let mut cols: BTreeSet<String> = BTreeSet::from([format!("{CHOICE_PREFIX}name")]);
            if let Some(l) = list.and_then(|l| self.out.lists.get(l)) {
                for c in &l.choices {
                    cols.extend(c.properties.keys().map(|k| format!("{CHOICE_PREFIX}{k}")));
                }
            }
            cols
        });
        for reference in expr.references() {
            if let Some(target) = self.out.by_name.get(&reference) {
                self.referenced.insert(*target);
            }
            match self.out.by_name.get(&reference).copied() {
                Some(target)
                    if target == n && (term == column::RELEVANT || term == column::CALCULATION) =>
                {
                    self.push(
                        Finding::error("form.self_reference", path.clone())
                            .with("term", term)
                            .with("name", &name),
                    );
                }
                Some(target) => {
                    if term == column::RELEVANT || term == column::CALCULATION {
                        if let Some(d) = self.deps.get_mut(n) {
                            d.push((target, term == column::CALCULATION));
                        }
                    }
                }
                None if columns.as_ref().is_some_and(|c| c.contains(&reference)) => {}
                None => self.push(
                    Finding::error("form.unknown_reference", path.clone())
                        .with("term", term)
                        .with("name", reference),
                ),
            }
        }
        let schema = FormSchema {
            types: &self.types,
            choice_columns: columns.as_ref(),
        };
        let checked: Vec<Finding> = expr
            .check(&schema)
            .into_iter()
            .filter(|f| f.code != "expr.unknown_field")
            .collect();
        for f in checked {
            let mut finding = match f.severity {
                Severity::Error => Finding::error("form.expression_type", path.clone()),
                _ => Finding::warning("form.expression_type", path.clone()),
            };
            finding.params = f.params;
            self.push(
                finding
                    .with("term", term)
                    .with("expr_code", f.code)
                    .with("source", source),
            );
        }
        // Field references become node numbers: evaluation reads them without hashing names.
        let by_name = &self.out.by_name;
        expr.resolve_fields(&|name| by_name.get(name).copied());
        Some(expr)
    }

    fn cond(&mut self, n: usize, value: Option<&Required>, term: &str, prop: &str) -> Cond {
        match value {
            None | Some(Required::Always(false)) => Cond::Never,
            Some(Required::Always(true)) => Cond::Always,
            Some(Required::When(text)) => match text.trim() {
                "yes" | "true" | "true()" | "TRUE" | "1" => Cond::Always,
                "" | "no" | "false" | "false()" | "FALSE" | "0" => Cond::Never,
                source => self
                    .expr(n, source, term, prop)
                    .map_or(Cond::Never, Cond::When),
            },
        }
    }

    fn expressions(&mut self, n: usize) {
        let Some(field) = self.fields.get(n).copied() else {
            return;
        };
        let opt = |b: &mut Self, src: &Option<String>, term: &str, prop: &str| {
            src.as_deref()
                .filter(|s| !s.trim().is_empty())
                .and_then(|s| b.expr(n, s, term, prop))
        };
        // A property the field type ignores (`form.misplaced_property`) is not compiled.
        let t = &field.field_type;
        let holds_values = !matches!(t, FieldType::Group | FieldType::Repeat | FieldType::Note);
        let select = matches!(
            t,
            FieldType::SelectOne { .. } | FieldType::SelectMultiple { .. }
        );
        let repeat = *t == FieldType::Repeat;
        let none: &Option<String> = &None;
        let pick = |ok: bool, value: &'f Option<String>| if ok { value } else { none };
        let relevant = opt(self, &field.relevant, column::RELEVANT, "relevant");
        let constraint = opt(
            self,
            pick(holds_values, &field.constraint),
            column::CONSTRAINT,
            "constraint",
        );
        let warning = opt(
            self,
            pick(holds_values, &field.warning),
            column::WARNING,
            "warning",
        );
        let calculation = opt(
            self,
            pick(holds_values, &field.calculation),
            column::CALCULATION,
            "calculation",
        );
        let choice_filter = opt(
            self,
            pick(select, &field.choice_filter),
            column::CHOICE_FILTER,
            "choice_filter",
        );
        let repeat_count = opt(
            self,
            pick(repeat, &field.repeat_count),
            column::REPEAT_COUNT,
            "repeat_count",
        );
        let required = self.cond(n, field.required.as_ref(), column::REQUIRED, "required");
        let read_only = self.cond(n, field.read_only.as_ref(), column::READ_ONLY, "read_only");
        self.default(n, field);
        if let Some(node) = self.out.nodes.get_mut(n) {
            node.relevant = relevant;
            node.constraint = constraint;
            node.warning = warning;
            node.calculation = calculation;
            node.choice_filter = choice_filter;
            node.repeat_count = repeat_count;
            node.required = required;
            node.read_only = read_only;
        }
    }

    /// A default is an expression when it contains `${` or `(`; otherwise a literal that must
    /// be a value of the field's type. Defaults are applied by the collecting client.
    fn default(&mut self, n: usize, field: &Field) {
        let Some(default) = field.default.as_deref().filter(|d| !d.is_empty()) else {
            return;
        };
        if default.contains("${") || default.contains('(') {
            let _ = self.expr(n, default, column::DEFAULT, "default");
            return;
        }
        let Some(kind) = self.out.nodes.get(n).map(|node| node.kind.clone()) else {
            return;
        };
        let doc = self
            .out
            .nodes
            .get(n)
            .map(|node| node.doc.clone())
            .unwrap_or_default();
        let raw = Json::Str(default.into());
        let out = &self.out;
        let verdict = values::typed(&kind, &raw, &|l, c| out.has_choice(l, c), false);
        let bad = matches!(verdict, Typed::Bad(..))
            || matches!(kind, Kind::Group | Kind::Repeat | Kind::Note);
        if bad {
            self.push(
                Finding::error("form.bad_default", format!("{doc}/default")).with("value", default),
            );
        }
    }

    /// The evaluation order: parents before children, what a relevance or calculation reads
    /// before it. Loops are findings (`form.calculation_cycle` when calculations alone loop,
    /// `form.dependency_cycle` otherwise). True when a loop was found.
    fn order(&mut self) -> bool {
        let count = self.out.nodes.len();
        // edges[a] = nodes that must come after a; calc_edge marks calculation reads.
        let mut edges: Vec<Vec<(usize, bool)>> = vec![Vec::new(); count];
        let mut indegree = vec![0usize; count];
        for (n, node) in self.out.nodes.iter().enumerate() {
            let parent = node.parent.map(|p| (p, false));
            let reads = self.deps.get(n).into_iter().flatten().copied();
            for (from, calc) in parent.into_iter().chain(reads) {
                if from == n {
                    continue;
                }
                if let Some(e) = edges.get_mut(from) {
                    e.push((n, calc));
                }
                if let Some(d) = indegree.get_mut(n) {
                    *d += 1;
                }
            }
        }
        let mut ready: BTreeSet<usize> = (0..count)
            .filter(|n| indegree.get(*n) == Some(&0))
            .collect();
        let mut order = Vec::with_capacity(count);
        while let Some(n) = ready.pop_first() {
            order.push(n);
            for (next, _) in edges.get(n).into_iter().flatten() {
                if let Some(d) = indegree.get_mut(*next) {
                    *d -= 1;
                    if *d == 0 {
                        ready.insert(*next);
                    }
                }
            }
        }
        let stuck: BTreeSet<usize> = (0..count)
            .filter(|n| indegree.get(*n) != Some(&0))
            .collect();
        let mut seen = BTreeSet::new();
        let mut cycles = false;
        for &start in &stuck {
            if seen.contains(&start) {
                continue;
            }
            let forward = reach(&edges, start, &stuck, false);
            let reverse = reach(&transpose(&edges), start, &stuck, false);
            let component: BTreeSet<usize> = forward.intersection(&reverse).copied().collect();
            if component.len() < 2 {
                continue;
            }
            seen.extend(component.iter().copied());
            cycles = true;
            let calc_only = reach(&edges, start, &component, true).len() == component.len()
                && reach(&transpose(&edges), start, &component, true).len() == component.len();
            let names: Vec<&str> = component
                .iter()
                .filter_map(|n| self.out.nodes.get(*n).map(|node| node.name.as_str()))
                .collect();
            let (code, prop) = if calc_only {
                ("form.calculation_cycle", "calculation")
            } else {
                ("form.dependency_cycle", "relevant")
            };
            let doc = self
                .out
                .nodes
                .get(start)
                .map(|node| node.doc.clone())
                .unwrap_or_default();
            let finding =
                Finding::error(code, format!("{doc}/{prop}")).with("names", names.join(", "));
            self.findings.push(finding);
        }
        order.extend(stuck);
        self.out.order = order;
        cycles
    }
}

/// Inside a choice filter, a name that is not a field reads the choice being tested: XLSForm
/// writes the choice sheet's columns bare (`state = ${state}`: the column `state` of each
/// choice against the field `state`). The expression language has no bare names, so before
/// parsing each bare column name (or `name`) outside quotes and `${…}` becomes
/// `${_choice.column}`, a reference no form field can take (`_choice.` names are reserved).
pub(crate) const CHOICE_PREFIX: &str = "_choice.";

/// The choice filter `source` as an expression over the choices of its list: `name` and the
/// list's extra columns, written bare, become `${_choice.column}`.
pub(crate) fn choice_filter_expression(source: &str, choices: &[Choice]) -> String {
    let mut columns: BTreeSet<&str> = BTreeSet::from(["name"]);
    for choice in choices {
        columns.extend(choice.properties.keys().map(String::as_str));
    }
    choice_columns(source, &columns)
}

fn choice_columns(source: &str, columns: &BTreeSet<&str>) -> String {
    let mut out = String::with_capacity(source.len() + 16);
    let mut chars = source.char_indices().peekable();
    while let Some((i, ch)) = chars.next() {
        match ch {
            '\'' | '"' => {
                out.push(ch);
                for (_, c) in chars.by_ref() {
                    out.push(c);
                    if c == ch {
                        break;
                    }
                }
            }
            '$' if chars.peek().is_some_and(|(_, c)| *c == '{') => {
                out.push(ch);
                for (_, c) in chars.by_ref() {
                    out.push(c);
                    if c == '}' {
                        break;
                    }
                }
            }
            c if c.is_alphabetic() || c == '_' => {
                let mut end = i + c.len_utf8();
                while let Some((j, d)) = chars.peek().copied() {
                    if d.is_alphanumeric() || matches!(d, '_' | '.' | ':' | '-') {
                        end = j + d.len_utf8();
                        chars.next();
                    } else {
                        break;
                    }
                }
                let word = source.get(i..end).unwrap_or_default();
                let rest = source.get(end..).unwrap_or_default();
                let call = rest.trim_start().starts_with('(');
                if !call && columns.contains(word) {
                    out.push_str("${");
                    out.push_str(CHOICE_PREFIX);
                    out.push_str(word);
                    out.push('}');
                } else {
                    out.push_str(word);
                }
            }
            c if c.is_ascii_digit() => {
                out.push(c);
                while let Some((_, d)) = chars.peek().copied() {
                    if d.is_ascii_digit() || d == '.' {
                        out.push(d);
                        chars.next();
                    } else {
                        break;
                    }
                }
            }
            c => out.push(c),
        }
    }
    out
}

/// Fields of the form, groups, repeats and their children included.
fn field_count(fields: &[Field]) -> usize {
    fields.iter().map(|f| 1 + field_count(&f.children)).sum()
}

fn transpose(edges: &[Vec<(usize, bool)>]) -> Vec<Vec<(usize, bool)>> {
    let mut out = vec![Vec::new(); edges.len()];
    for (from, list) in edges.iter().enumerate() {
        for (to, calc) in list {
            if let Some(e) = out.get_mut(*to) {
                e.push((from, *calc));
            }
        }
    }
    out
}

/// Nodes of `within` reachable from `start` (itself included), optionally through calculation
/// reads only.
fn reach(
    edges: &[Vec<(usize, bool)>],
    start: usize,
    within: &BTreeSet<usize>,
    calc_only: bool,
) -> BTreeSet<usize> {
    let mut seen = BTreeSet::from([start]);
    let mut todo = vec![start];
    while let Some(n) = todo.pop() {
        for (next, calc) in edges.get(n).into_iter().flatten() {
            if (!calc_only || *calc) && within.contains(next) && seen.insert(*next) {
                todo.push(*next);
            }
        }
    }
    seen
}
