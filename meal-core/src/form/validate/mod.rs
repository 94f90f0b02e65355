//! The engine behind [`CompiledForm::validate`](super::CompiledForm::validate),
//! [`CompiledForm::check`](super::CompiledForm::check) and
//! [`CompiledForm::state`](super::CompiledForm::state): one run reads the submission into a
//! flat table of scope instances (the top level and each repeat instance, [`instances`]),
//! evaluates relevance and calculations in dependency order ([`evaluate`]), then checks every
//! relevant value ([`check`]); the findings get their messages ([`messages`]) and `validate`
//! and `state` read the table once more ([`output`]).

mod check;
mod context;
mod evaluate;
mod instances;
mod messages;
mod output;

use chrono::{DateTime, FixedOffset, NaiveDate};

use super::compile::{Compiled, Node};
use super::values::Json;
use super::{Form, Labels, Options};
use crate::error::{Finding, MealError};
use context::Ctx;
use instances::{Instances, Slot};

/// A finding and, for author-message codes, the labels that may replace the library message.
struct Found<'f> {
    finding: Finding,
    author: Option<&'f Labels>,
}

fn plain<'f>(finding: Finding) -> Found<'f> {
    Found {
        finding,
        author: None,
    }
}

/// One validation or state run over a submission.
pub(crate) struct Run<'f, 'a> {
    form: &'f Form,
    c: &'f Compiled,
    table: Instances<'a>,
    found: Vec<Found<'f>>,
    today: NaiveDate,
    now: DateTime<FixedOffset>,
    locale: &'f str,
}

impl<'f, 'a> Run<'f, 'a> {
    /// Reads the submission, evaluates relevance and calculations, checks every value.
    pub(crate) fn new(
        form: &'f Form,
        c: &'f Compiled,
        submission: &'a [(std::borrow::Cow<'a, str>, Json<'a>)],
        options: &'f Options,
    ) -> Self {
        let mut found = Vec::new();
        let table = Instances::read(c, submission, &mut found);
        let mut run = Run {
            form,
            c,
            table,
            found,
            today: options.now.date_naive(),
            now: options.now,
            locale: &options.locale,
        };
        run.evaluate();
        run.check();
        run
    }

    /// What an expression of node `node` sees from instance `inst`.
    fn ctx(&self, node: usize, inst: usize) -> Ctx<'_, 'f, 'a> {
        Ctx {
            run: self,
            node,
            inst,
            choice: None,
        }
    }

    /// The slot of `node` in instance `inst`.
    fn slot(&self, inst: usize, node: &Node) -> Option<&Slot<'a>> {
        self.table.slot(inst, node.local)
    }

    fn failed(&mut self, path: String, term: &str, error: MealError) {
        let mut finding = Finding::error("form.expression_failed", path);
        finding.params = error.params;
        self.found.push(Found {
            finding: finding.with("term", term).with("expr_code", error.code),
            author: None,
        });
    }
}

/// `{instance path}/{name}`: the JSON pointer of a node in an instance.
fn path_of(inst_path: &str, node: &Node) -> String {
    let mut out = String::with_capacity(inst_path.len() + 1 + node.name.len());
    out.push_str(inst_path);
    out.push('/');
    out.push_str(&node.name);
    out
}
