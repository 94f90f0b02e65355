//! The logframe (*cadre logique*) of a project: the results chain impact → outcomes → outputs →
//! activities, each objective with its indicators, assumptions, risks and means of
//! verification; and the structural validation a MEAL reviewer would do before approving it.
//!
//! # Reading
//!
//! [`Logframe::from_json`] reads the versioned JSON form through [`crate::document`]
//! (`json.malformed`, `document.format_version`, `document.invalid`; unknown fields become
//! `document.unknown_field` findings). One structural problem is an error rather than a finding:
//! a **cycle** in the parent links (`A.parent = B`, `B.parent = A`, or an objective that is its
//! own parent) leaves the results chain without a top, so nothing above or below can be
//! interpreted. It fails with `logframe.cycle`, whose `codes` parameter spells the loop from its
//! smallest code (`"A → B → A"`) and whose path is that objective's `/objectives/{i}/parent`.
//! Everything else is a [`Finding`].
//!
//! [`Logframe::to_json`] writes the canonical form; `from_json(&lf.to_json())` gives back `lf`
//! exactly.
//!
//! # Codes
//!
//! Project, objective and indicator codes follow the grammar `[A-Za-z0-9._-]+` (ASCII letters,
//! digits, dot, underscore, hyphen; at least one character): `IDF`, `IDF.OC1`, `CAL-OP2.1`.
//! They are compared exactly (case-sensitive, no trimming). See [`is_valid_code`].
//!
//! # Validation
//!
//! [`Logframe::validate`] returns every finding at once, sorted by path then code. Paths are JSON
//! pointers into the document (`/objectives/3/parent`); a finding about something missing
//! points at the field that should hold it (`/objectives/3/assumptions`). Severities follow one
//! rule: an **error** means the chain is broken or ambiguous, or a reviewer would send the
//! logframe back (it cannot be measured or approved as it is); a **warning** is a quality issue
//! worth a look that does not stop anyone from using the logframe.
//!
//! | code | severity | when |
//! |---|---|---|
//! | `document.format_version` | error | a logframe built in code carries another format version |
//! | `logframe.empty_code` | error | a project, objective or parent code is blank (a blank indicator code is `indicator.blank_code`) |
//! | `logframe.invalid_code` | error | a code breaks the grammar above |
//! | `logframe.duplicate_objective` | error | two objectives share a code (the later one is flagged) |
//! | `logframe.duplicate_indicator` | error | two indicator definitions share a code |
//! | `logframe.no_impact` | error | no objective is at the impact level |
//! | `logframe.multiple_impacts` | error | more than one impact (every one after the first is flagged) |
//! | `logframe.impact_with_parent` | error | the impact names a parent |
//! | `logframe.missing_parent` | error | an outcome, output or activity has no parent |
//! | `logframe.unknown_parent` | error | the parent code is not an objective of this logframe |
//! | `logframe.level_order` | error | the parent is not exactly one level up (outcome → impact, output → outcome, activity → output) |
//! | `logframe.no_indicator` | error | an outcome or output has no indicator |
//! | `logframe.unknown_indicator` | error | an objective lists an indicator code that is not defined |
//! | `logframe.missing_text` | error | a title, name, assumption, risk or means of verification is blank in both languages |
//! | `logframe.unmitigated_risk` | error | a risk of high likelihood and high impact has no mitigation |
//! | `logframe.missing_translation` | warning | a text is blank in one of English or French |
//! | `logframe.impact_without_indicator` | warning | the impact has no indicator (an IATI result needs one) |
//! | `logframe.activity_with_indicators` | warning | an activity lists indicators |
//! | `logframe.repeated_indicator` | warning | an objective lists the same indicator twice |
//! | `logframe.shared_indicator` | warning | an indicator measures more than one objective |
//! | `logframe.orphan_indicator` | warning | an indicator is defined but measures no objective |
//! | `logframe.influence_only_counts` | warning | an influence objective is measured only by quantitative indicators |
//! | `logframe.kind_mismatch` | warning | an output or activity is not of its parent's kind (operational / influence) |
//! | `logframe.no_means_of_verification` | warning | an impact or outcome has no means of verification, on itself or on its indicators |
//! | `logframe.no_assumptions` | warning | an outcome states no assumption |
//! | `logframe.no_disciplines` | warning | an outcome or output names no discipline |
//! | `logframe.influence_discipline_missing` | warning | an influence outcome or output names disciplines, but not influence |
//! | `logframe.duplicate_tag` | warning | a discipline or theme is listed twice on one objective |
//! | `logframe.no_children` | warning | the impact has no outcome, or an outcome has no output |
//!
//! Each indicator definition's own findings ([`Indicator::validate`]) are included with paths
//! under `/indicators/{i}`.
//!
//! Decisions worth knowing:
//! * Activities are tracked in the work plan, not measured by logframe indicators: the output
//!   above them carries the measure. Indicators on an activity are a warning, not an error,
//!   because some donor templates (EC) do accept activity-level means.
//! * An indicator shared by two objectives is a warning: a cross-cutting indicator can be
//!   deliberate, but it is counted twice in roll-ups and in an IATI export (one `result` each).
//! * "Qualitative" for `logframe.influence_only_counts` means an ordinal, nominal or qualitative
//!   measure; counts, sums, means, ratios and distinct persons are quantitative. Influence
//!   objectives change policies and practices, which counts of meetings alone do not show.
//! * A blank mitigation is accepted (the risk is accepted) unless the risk is high on both
//!   likelihood and impact.
//! * When the parent of an objective cannot be found, only `logframe.unknown_parent` is raised
//!   (no level or kind check against a parent that does not exist). A parent code that is
//!   repeated resolves to its first objective.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::document::{self, Parsed};
use crate::error::{Finding, MealError};
use crate::i18n::{Message, Term};
use crate::indicator::{Indicator, Measure};
use crate::text::Text;

/// The format version this library reads and writes.
pub const FORMAT_VERSION: u32 = 1;

/// The word used for logframes in messages (`{kind}`).
const KIND: &str = "logframe";

/// Level of an objective in the results chain, from the top.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    Impact,
    Outcome,
    Output,
    Activity,
}

impl Level {
    /// The snake_case name used in JSON and in message parameters.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Impact => "impact",
            Level::Outcome => "outcome",
            Level::Output => "output",
            Level::Activity => "activity",
        }
    }

    /// The level a parent of this level must have; `None` for the impact.
    pub fn parent_level(self) -> Option<Level> {
        match self {
            Level::Impact => None,
            Level::Outcome => Some(Level::Impact),
            Level::Output => Some(Level::Outcome),
            Level::Activity => Some(Level::Output),
        }
    }

    /// The level of this level's children; `None` for activities.
    pub fn child_level(self) -> Option<Level> {
        match self {
            Level::Impact => Some(Level::Outcome),
            Level::Outcome => Some(Level::Output),
            Level::Output => Some(Level::Activity),
            Level::Activity => None,
        }
    }
}

/// Operational objectives change services and people's situation; influence objectives change
/// policies, practices or public debate (advocacy, *plaidoyer*).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ObjectiveKind {
    Operational,
    Influence,
}

impl ObjectiveKind {
    /// The snake_case name used in JSON and in message parameters.
    pub fn as_str(self) -> &'static str {
        match self {
            ObjectiveKind::Operational => "operational",
            ObjectiveKind::Influence => "influence",
        }
    }
}

/// The four disciplines that work together in every project.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Discipline {
    Medical,
    MentalHealth,
    Protection,
    Influence,
}

impl Discipline {
    /// The snake_case name used in JSON and in message parameters.
    pub fn as_str(self) -> &'static str {
        match self {
            Discipline::Medical => "medical",
            Discipline::MentalHealth => "mental_health",
            Discipline::Protection => "protection",
            Discipline::Influence => "influence",
        }
    }
}

/// Cross-cutting themes tagged on objectives and activities.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Theme {
    Safeguarding,
    PatientCentredApproach,
    LearningAndDevelopment,
    Partnership,
}

impl Theme {
    /// The snake_case name used in JSON and in message parameters.
    pub fn as_str(self) -> &'static str {
        match self {
            Theme::Safeguarding => "safeguarding",
            Theme::PatientCentredApproach => "patient_centred_approach",
            Theme::LearningAndDevelopment => "learning_and_development",
            Theme::Partnership => "partnership",
        }
    }
}

/// Likelihood or impact rating of a risk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rating {
    Low,
    Medium,
    High,
}

/// A risk to an objective and how it is mitigated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Risk {
    pub description: Text,
    pub likelihood: Rating,
    pub impact: Rating,
    /// May be blank (the risk is accepted), except for a risk high on both likelihood and impact.
    pub mitigation: Text,
}

impl Risk {
    /// True when both the likelihood and the impact are high.
    pub fn is_critical(&self) -> bool {
        self.likelihood == Rating::High && self.impact == Rating::High
    }
}

/// One node of the results chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Objective {
    /// Stable code, unique in the logframe (`IDF.OC1`); grammar in [`is_valid_code`].
    pub code: String,
    pub level: Level,
    /// Code of the objective one level up; `None` only for the impact.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    pub kind: ObjectiveKind,
    pub title: Text,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub disciplines: Vec<Discipline>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub themes: Vec<Theme>,
    /// Codes of the indicators (defined in [`Logframe::indicators`]) that measure this objective.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub indicators: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub assumptions: Vec<Text>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub risks: Vec<Risk>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub means_of_verification: Vec<Text>,
}

impl Objective {
    /// The parent code, unless absent or blank (a blank parent links to nothing: it is a
    /// `logframe.empty_code` finding, never a link to an objective whose code is blank too).
    pub fn parent_code(&self) -> Option<&str> {
        self.parent.as_deref().filter(|p| !p.trim().is_empty())
    }
}

/// The project a logframe belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Project {
    /// Short stable code (`IDF`, `CAL`, `MRS`, `DKQ`).
    pub code: String,
    pub name: Text,
}

/// A project's logframe.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Logframe {
    pub format_version: u32,
    pub project: Project,
    pub objectives: Vec<Objective>,
    #[serde(default)]
    pub indicators: Vec<Indicator>,
}

/// True when `code` follows the code grammar `[A-Za-z0-9._-]+`.
pub fn is_valid_code(code: &str) -> bool {
    !code.is_empty()
        && code
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
}

/// True for measures that describe a change in words or on a scale rather than count it:
/// ordinal, nominal and qualitative.
fn is_qualitative(measure: &Measure) -> bool {
    matches!(
        measure,
        Measure::Ordinal { .. } | Measure::Nominal { .. } | Measure::Qualitative
    )
}

/// True when some text of `texts` is not blank in at least one language.
fn any_text(texts: &[Text]) -> bool {
    texts
        .iter()
        .any(|t| !t.en.trim().is_empty() || !t.fr.trim().is_empty())
}

impl Logframe {
    /// Reads a logframe from JSON. Errors: `json.malformed`, `document.*`, `logframe.cycle`
    /// (the parent links loop, so the results chain has no top). Unknown fields are findings.
    pub fn from_json(json: &str) -> Result<Parsed<Logframe>, MealError> {
        let parsed: Parsed<Logframe> = document::read(json, KIND, FORMAT_VERSION)?;
        parsed.value.ensure_acyclic()?;
        Ok(parsed)
    }

    /// The canonical JSON form (pretty-printed, fields in declaration order).
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// `Err(logframe.cycle)` when the parent links loop. [`Logframe::from_json`] calls it; a
    /// logframe built in code (an import, a form) can call it too.
    ///
    /// Parent codes resolve to the first objective with that code. When several loops exist,
    /// the one holding the smallest code is reported, spelled from that code:
    /// `"A → B → A"`, at `/objectives/{index of A}/parent`.
    pub fn ensure_acyclic(&self) -> Result<(), MealError> {
        let Some(cycle) = self.smallest_cycle() else {
            return Ok(());
        };
        let mut codes: Vec<&str> = cycle
            .iter()
            .filter_map(|&i| self.objectives.get(i).map(|o| o.code.as_str()))
            .collect();
        let first_index = cycle.first().copied().unwrap_or_default();
        if let Some(first) = codes.first().copied() {
            codes.push(first);
        }
        Err(MealError::new("logframe.cycle")
            .at(format!("/objectives/{first_index}/parent"))
            .with("codes", codes.join(" → ")))
    }

    /// The objective indices of the loop holding the smallest code, starting from it; `None`
    /// when the parent links are acyclic.
    fn smallest_cycle(&self) -> Option<Vec<usize>> {
        let index = self.objective_index();
        let next: Vec<Option<usize>> = self
            .objectives
            .iter()
            .map(|o| o.parent_code().and_then(|p| index.get(p).copied()))
            .collect();
        // 0: not seen, 1: on the current walk, 2: done.
        let mut state = vec![0u8; self.objectives.len()];
        let mut best: Option<(&str, Vec<usize>)> = None;
        for start in 0..self.objectives.len() {
            let mut walk: Vec<usize> = Vec::new();
            let mut current = Some(start);
            while let Some(at) = current {
                match state.get(at).copied() {
                    Some(0) => {
                        if let Some(s) = state.get_mut(at) {
                            *s = 1;
                        }
                        walk.push(at);
                        current = next.get(at).copied().flatten();
                    }
                    Some(1) => {
                        let from = walk.iter().position(|&w| w == at).unwrap_or_default();
                        let cycle: Vec<usize> = walk.get(from..).unwrap_or_default().to_vec();
                        if let Some(candidate) = self.rotate_to_smallest(cycle) {
                            if best.as_ref().is_none_or(|(code, _)| candidate.0 < *code) {
                                best = Some(candidate);
                            }
                        }
                        current = None;
                    }
                    _ => current = None,
                }
            }
            for w in walk {
                if let Some(s) = state.get_mut(w) {
                    *s = 2;
                }
            }
        }
        best.map(|(_, cycle)| cycle)
    }

    /// The loop rotated to start at its smallest code, with that code.
    fn rotate_to_smallest(&self, mut cycle: Vec<usize>) -> Option<(&str, Vec<usize>)> {
        let (position, code) = cycle
            .iter()
            .enumerate()
            .filter_map(|(p, &i)| self.objectives.get(i).map(|o| (p, o.code.as_str())))
            .min_by(|a, b| a.1.cmp(b.1))?;
        cycle.rotate_left(position);
        Some((code, cycle))
    }

    /// Objective code → index of its first objective.
    fn objective_index(&self) -> BTreeMap<&str, usize> {
        let mut index = BTreeMap::new();
        for (i, o) in self.objectives.iter().enumerate() {
            index.entry(o.code.as_str()).or_insert(i);
        }
        index
    }

    /// Indicator code → index of its first definition.
    fn indicator_index(&self) -> BTreeMap<&str, usize> {
        let mut index = BTreeMap::new();
        for (i, d) in self.indicators.iter().enumerate() {
            index.entry(d.code.as_str()).or_insert(i);
        }
        index
    }

    /// The (first) objective with `code`.
    pub fn objective(&self, code: &str) -> Option<&Objective> {
        self.objectives.iter().find(|o| o.code == code)
    }

    /// The (first) indicator definition with `code`.
    pub fn indicator(&self, code: &str) -> Option<&Indicator> {
        self.indicators.iter().find(|d| d.code == code)
    }

    /// The (first) impact objective: the top of the results chain.
    pub fn impact(&self) -> Option<&Objective> {
        self.objectives.iter().find(|o| o.level == Level::Impact)
    }

    /// The objectives whose parent is `code`, in document order.
    pub fn children(&self, code: &str) -> Vec<&Objective> {
        self.objectives
            .iter()
            .filter(|o| o.parent.as_deref() == Some(code))
            .collect()
    }

    /// The indicator definitions that measure objective `code`, in the order the objective lists
    /// them, without repeats; codes that are not defined are skipped (they are findings).
    pub fn indicators_of(&self, code: &str) -> Vec<&Indicator> {
        let Some(objective) = self.objective(code) else {
            return Vec::new();
        };
        let mut seen = BTreeSet::new();
        objective
            .indicators
            .iter()
            .filter(|c| seen.insert(c.as_str()))
            .filter_map(|c| self.indicator(c))
            .collect()
    }

    /// The results chain in reading order: each top objective (the impact first, then any
    /// objective whose parent is missing or unknown, in document order) followed depth-first by
    /// its descendants, children in document order. Every objective appears exactly once, even
    /// in a broken logframe (objectives caught in a parent loop come last, in document order).
    pub fn tree(&self) -> Vec<&Objective> {
        let index = self.objective_index();
        let parent_of: Vec<Option<usize>> = self
            .objectives
            .iter()
            .map(|o| o.parent_code().and_then(|p| index.get(p).copied()))
            .collect();
        let mut children: Vec<Vec<usize>> = vec![Vec::new(); self.objectives.len()];
        for (i, parent) in parent_of.iter().enumerate() {
            if let Some(list) = parent.and_then(|p| children.get_mut(p)) {
                list.push(i);
            }
        }
        let mut roots: Vec<usize> = parent_of
            .iter()
            .enumerate()
            .filter(|(_, p)| p.is_none())
            .map(|(i, _)| i)
            .collect();
        roots.sort_by_key(|&i| (self.objectives.get(i).map(|o| o.level != Level::Impact), i));
        roots.extend(0..self.objectives.len());
        let mut visited = vec![false; self.objectives.len()];
        let mut out = Vec::with_capacity(self.objectives.len());
        for root in roots {
            let mut stack = vec![root];
            while let Some(at) = stack.pop() {
                match visited.get_mut(at) {
                    Some(seen) if !*seen => *seen = true,
                    _ => continue,
                }
                if let Some(objective) = self.objectives.get(at) {
                    out.push(objective);
                }
                if let Some(list) = children.get(at) {
                    stack.extend(list.iter().rev().copied());
                }
            }
        }
        out
    }

    /// Structural findings, sorted by path then code. See the module docs for the codes.
    pub fn validate(&self) -> Vec<Finding> {
        let mut out = Vec::new();
        if self.format_version != FORMAT_VERSION {
            out.push(
                Finding::error("document.format_version", "/format_version")
                    .with("kind", KIND)
                    .with("expected", FORMAT_VERSION)
                    .with("found", self.format_version),
            );
        }
        check_code(&mut out, &self.project.code, "/project/code");
        check_text(
            &mut out,
            &self.project.name,
            "/project/name",
            &self.project.code,
        );
        Checker::new(self).run(&mut out);
        crate::error::sort_findings(&mut out);
        out
    }
}

/// `logframe.empty_code` or `logframe.invalid_code` for `code` at `path`.
fn check_code(out: &mut Vec<Finding>, code: &str, path: &str) {
    if code.trim().is_empty() {
        out.push(Finding::error("logframe.empty_code", path));
    } else if !is_valid_code(code) {
        out.push(Finding::error("logframe.invalid_code", path).with("code", code));
    }
}

/// `logframe.missing_text` (blank in both languages) or `logframe.missing_translation` (blank
/// in one) for `text` at `path`, owned by the project or objective `owner`.
fn check_text(out: &mut Vec<Finding>, text: &Text, path: &str, owner: &str) {
    let en = text.en.trim().is_empty();
    let fr = text.fr.trim().is_empty();
    if en && fr {
        out.push(Finding::error("logframe.missing_text", path).with("code", owner));
    } else if en || fr {
        let language = if en { "en" } else { "fr" };
        out.push(
            Finding::warning("logframe.missing_translation", path)
                .with("code", owner)
                .with("language", language),
        );
    }
}

/// The objective and indicator checks, with the indexes they share.
struct Checker<'a> {
    lf: &'a Logframe,
    objectives: BTreeMap<&'a str, usize>,
    indicators: BTreeMap<&'a str, usize>,
    /// Indicator code → first objective (index) that references it.
    referenced_by: BTreeMap<&'a str, usize>,
    /// Objective index → number of objectives naming it as parent.
    child_count: BTreeMap<usize, usize>,
    first_impact: Option<usize>,
}

impl<'a> Checker<'a> {
    fn new(lf: &'a Logframe) -> Self {
        let objectives = lf.objective_index();
        let mut child_count = BTreeMap::new();
        for o in &lf.objectives {
            if let Some(p) = o.parent_code().and_then(|p| objectives.get(p)) {
                *child_count.entry(*p).or_insert(0) += 1;
            }
        }
        Checker {
            lf,
            objectives,
            indicators: lf.indicator_index(),
            referenced_by: BTreeMap::new(),
            child_count,
            first_impact: None,
        }
    }

    fn run(mut self, out: &mut Vec<Finding>) {
        for (i, objective) in self.lf.objectives.iter().enumerate() {
            self.objective(out, i, objective);
        }
        if self.first_impact.is_none() {
            out.push(Finding::error("logframe.no_impact", "/objectives"));
        }
        for (j, definition) in self.lf.indicators.iter().enumerate() {
            let path = format!("/indicators/{j}");
            let code = definition.code.as_str();
            // A blank indicator code is `indicator.blank_code`, from the indicator's own checks.
            if !code.trim().is_empty() && !is_valid_code(code) {
                out.push(
                    Finding::error("logframe.invalid_code", format!("{path}/code"))
                        .with("code", code),
                );
            }
            let first = self.indicators.get(code).copied();
            if !code.trim().is_empty() {
                if let Some(first) = first.filter(|&f| f != j) {
                    out.push(
                        Finding::error("logframe.duplicate_indicator", format!("{path}/code"))
                            .with("indicator", code)
                            .with("first", format!("/indicators/{first}")),
                    );
                } else if !self.referenced_by.contains_key(code) {
                    out.push(
                        Finding::warning("logframe.orphan_indicator", path.as_str())
                            .with("indicator", code),
                    );
                }
            }
            out.extend(definition.validate(&path));
        }
    }

    fn objective(&mut self, out: &mut Vec<Finding>, i: usize, o: &'a Objective) {
        let base = format!("/objectives/{i}");
        let code = o.code.as_str();
        let first = self.objectives.get(code).copied();
        let is_first = first == Some(i);
        check_code(out, code, &format!("{base}/code"));
        if !code.trim().is_empty() && !is_first {
            if let Some(first) = first {
                out.push(
                    Finding::error("logframe.duplicate_objective", format!("{base}/code"))
                        .with("code", code)
                        .with("first", format!("/objectives/{first}")),
                );
            }
        }
        check_text(out, &o.title, &format!("{base}/title"), code);
        self.parent(out, &base, i, o);
        self.indicator_refs(out, &base, i, o);
        self.measurement(out, &base, o);
        self.tags(out, &base, o);
        for (k, assumption) in o.assumptions.iter().enumerate() {
            check_text(out, assumption, &format!("{base}/assumptions/{k}"), code);
        }
        for (k, means) in o.means_of_verification.iter().enumerate() {
            check_text(
                out,
                means,
                &format!("{base}/means_of_verification/{k}"),
                code,
            );
        }
        for (k, risk) in o.risks.iter().enumerate() {
            let path = format!("{base}/risks/{k}");
            check_text(out, &risk.description, &format!("{path}/description"), code);
            let mitigation = format!("{path}/mitigation");
            if any_text(std::slice::from_ref(&risk.mitigation)) {
                check_text(out, &risk.mitigation, &mitigation, code);
            } else if risk.is_critical() {
                out.push(
                    Finding::error("logframe.unmitigated_risk", mitigation).with("code", code),
                );
            }
        }
        if o.level == Level::Outcome && o.assumptions.is_empty() {
            out.push(
                Finding::warning("logframe.no_assumptions", format!("{base}/assumptions"))
                    .with("code", code),
            );
        }
        if is_first && !code.trim().is_empty() {
            if let Some(child) = o.level.child_level().filter(|&l| l != Level::Activity) {
                if self.child_count.get(&i).copied().unwrap_or_default() == 0 {
                    out.push(
                        Finding::warning("logframe.no_children", base.as_str())
                            .with("code", code)
                            .with("level", o.level.as_str())
                            .with("child_level", child.as_str()),
                    );
                }
            }
        }
    }

    fn parent(&mut self, out: &mut Vec<Finding>, base: &str, i: usize, o: &Objective) {
        let path = format!("{base}/parent");
        let code = o.code.as_str();
        let Some(expected) = o.level.parent_level() else {
            // The impact.
            match o.parent.as_deref() {
                Some(p) if p.trim().is_empty() => {
                    out.push(Finding::error("logframe.empty_code", path));
                }
                Some(p) => out.push(
                    Finding::error("logframe.impact_with_parent", path)
                        .with("code", code)
                        .with("parent", p),
                ),
                None => {}
            }
            match self.first_impact {
                None => self.first_impact = Some(i),
                Some(first) => {
                    let first_code = self
                        .lf
                        .objectives
                        .get(first)
                        .map(|f| f.code.as_str())
                        .unwrap_or_default();
                    out.push(
                        Finding::error("logframe.multiple_impacts", format!("{base}/level"))
                            .with("code", code)
                            .with("first", first_code),
                    );
                }
            }
            return;
        };
        let Some(parent_code) = o.parent.as_deref() else {
            out.push(
                Finding::error("logframe.missing_parent", path)
                    .with("code", code)
                    .with("level", o.level.as_str())
                    .with("expected", expected.as_str()),
            );
            return;
        };
        if parent_code.trim().is_empty() {
            out.push(Finding::error("logframe.empty_code", path));
            return;
        }
        let Some(parent) = self
            .objectives
            .get(parent_code)
            .and_then(|&p| self.lf.objectives.get(p))
        else {
            out.push(
                Finding::error("logframe.unknown_parent", path)
                    .with("code", code)
                    .with("parent", parent_code),
            );
            return;
        };
        if parent.level != expected {
            out.push(
                Finding::error("logframe.level_order", path)
                    .with("code", code)
                    .with("level", o.level.as_str())
                    .with("parent", parent_code)
                    .with("parent_level", parent.level.as_str())
                    .with("expected", expected.as_str()),
            );
        } else if matches!(o.level, Level::Output | Level::Activity) && parent.kind != o.kind {
            out.push(
                Finding::warning("logframe.kind_mismatch", format!("{base}/kind"))
                    .with("code", code)
                    .with("kind", o.kind.as_str())
                    .with("parent", parent_code)
                    .with("parent_kind", parent.kind.as_str()),
            );
        }
    }

    fn indicator_refs(&mut self, out: &mut Vec<Finding>, base: &str, i: usize, o: &'a Objective) {
        let code = o.code.as_str();
        let mut seen = BTreeSet::new();
        for (k, reference) in o.indicators.iter().enumerate() {
            let path = format!("{base}/indicators/{k}");
            let reference = reference.as_str();
            if !seen.insert(reference) {
                out.push(
                    Finding::warning("logframe.repeated_indicator", path)
                        .with("code", code)
                        .with("indicator", reference),
                );
                continue;
            }
            if !self.indicators.contains_key(reference) {
                out.push(
                    Finding::error("logframe.unknown_indicator", path)
                        .with("code", code)
                        .with("indicator", reference),
                );
                continue;
            }
            match self.referenced_by.get(reference).copied() {
                None => {
                    self.referenced_by.insert(reference, i);
                }
                Some(first) => {
                    let first_code = self
                        .lf
                        .objectives
                        .get(first)
                        .map(|f| f.code.as_str())
                        .unwrap_or_default();
                    out.push(
                        Finding::warning("logframe.shared_indicator", path)
                            .with("code", code)
                            .with("indicator", reference)
                            .with("first", first_code),
                    );
                }
            }
        }
    }

    /// Indicators by level, influence measures, means of verification.
    fn measurement(&self, out: &mut Vec<Finding>, base: &str, o: &Objective) {
        let code = o.code.as_str();
        let path = format!("{base}/indicators");
        let known: Vec<&Indicator> = o
            .indicators
            .iter()
            .filter_map(|c| self.indicators.get(c.as_str()))
            .filter_map(|&j| self.lf.indicators.get(j))
            .collect();
        match o.level {
            Level::Impact if o.indicators.is_empty() => out.push(
                Finding::warning("logframe.impact_without_indicator", path.as_str())
                    .with("code", code),
            ),
            Level::Outcome | Level::Output if o.indicators.is_empty() => out.push(
                Finding::error("logframe.no_indicator", path.as_str())
                    .with("code", code)
                    .with("level", o.level.as_str()),
            ),
            Level::Activity if !o.indicators.is_empty() => out.push(
                Finding::warning("logframe.activity_with_indicators", path.as_str())
                    .with("code", code)
                    .with("count", o.indicators.len()),
            ),
            _ => {}
        }
        if o.kind == ObjectiveKind::Influence
            && o.level != Level::Activity
            && !known.is_empty()
            && known.iter().all(|d| !is_qualitative(&d.measure))
        {
            out.push(
                Finding::warning("logframe.influence_only_counts", path.as_str())
                    .with("code", code)
                    .with(
                        "indicators",
                        known
                            .iter()
                            .map(|d| d.code.as_str())
                            .collect::<Vec<_>>()
                            .join(", "),
                    ),
            );
        }
        if matches!(o.level, Level::Impact | Level::Outcome)
            && !any_text(&o.means_of_verification)
            && !known.iter().any(|d| any_text(&d.means_of_verification))
        {
            out.push(
                Finding::warning(
                    "logframe.no_means_of_verification",
                    format!("{base}/means_of_verification"),
                )
                .with("code", code)
                .with("level", o.level.as_str()),
            );
        }
    }

    /// Disciplines and themes.
    fn tags(&self, out: &mut Vec<Finding>, base: &str, o: &Objective) {
        let code = o.code.as_str();
        let path = format!("{base}/disciplines");
        if matches!(o.level, Level::Outcome | Level::Output) {
            if o.disciplines.is_empty() {
                out.push(
                    Finding::warning("logframe.no_disciplines", path.as_str())
                        .with("code", code)
                        .with("level", o.level.as_str()),
                );
            } else if o.kind == ObjectiveKind::Influence
                && !o.disciplines.contains(&Discipline::Influence)
            {
                out.push(
                    Finding::warning("logframe.influence_discipline_missing", path.as_str())
                        .with("code", code),
                );
            }
        }
        let mut seen = BTreeSet::new();
        for (k, d) in o.disciplines.iter().enumerate() {
            if !seen.insert(d.as_str()) {
                out.push(
                    Finding::warning("logframe.duplicate_tag", format!("{path}/{k}"))
                        .with("code", code)
                        .with("tag", d.as_str()),
                );
            }
        }
        let mut seen = BTreeSet::new();
        for (k, t) in o.themes.iter().enumerate() {
            if !seen.insert(t.as_str()) {
                out.push(
                    Finding::warning("logframe.duplicate_tag", format!("{base}/themes/{k}"))
                        .with("code", code)
                        .with("tag", t.as_str()),
                );
            }
        }
    }
}

/// Reads and validates a logframe: the reading findings (unknown fields) and the structural
/// ones, sorted. The one call a form, a notebook or an app needs.
pub fn check(json: &str) -> Result<Vec<Finding>, MealError> {
    Logframe::from_json(json).map(|parsed| all_findings(&parsed))
}

/// The reading findings of a parsed logframe and its structural findings, sorted by path then
/// code: what a reviewer sees.
pub fn all_findings(parsed: &Parsed<Logframe>) -> Vec<Finding> {
    let mut findings = parsed.findings.clone();
    findings.extend(parsed.value.validate());
    crate::error::sort_findings(&mut findings);
    findings
}

/// Domain terms this module puts in message parameters.
pub const TERMS: &[Term] = &[
    Term {
        key: "impact",
        en: "impact",
        fr: "impact",
    },
    Term {
        key: "outcome",
        en: "outcome",
        fr: "objectif spécifique",
    },
    Term {
        key: "output",
        en: "output",
        fr: "résultat",
    },
    Term {
        key: "activity",
        en: "activity",
        fr: "activité",
    },
    Term {
        key: "operational",
        en: "operational",
        fr: "opérationnel",
    },
    Term {
        key: "influence",
        en: "influence",
        fr: "influence",
    },
    Term {
        key: "medical",
        en: "medical",
        fr: "médical",
    },
    Term {
        key: "mental_health",
        en: "mental health",
        fr: "santé mentale",
    },
    Term {
        key: "protection",
        en: "protection / socio-legal",
        fr: "protection / socio-juridique",
    },
    Term {
        key: "safeguarding",
        en: "safeguarding",
        fr: "protection contre les abus (safeguarding)",
    },
    Term {
        key: "patient_centred_approach",
        en: "patient-centred approach",
        fr: "approche centrée sur le patient",
    },
    Term {
        key: "learning_and_development",
        en: "learning & development",
        fr: "apprentissage et développement",
    },
    Term {
        key: "partnership",
        en: "partnership",
        fr: "partenariat",
    },
    Term {
        key: "en",
        en: "English",
        fr: "anglais",
    },
    Term {
        key: "fr",
        en: "French",
        fr: "français",
    },
];

/// Messages of this module's codes.
pub const MESSAGES: &[Message] = &[
    Message {
        code: "logframe.cycle",
        en: "The parent links of the objectives loop ({codes}), so the results chain has no top",
        fr: "Les liens de parenté des objectifs forment une boucle ({codes}) : la chaîne des résultats n'a pas de sommet",
    },
    Message {
        code: "logframe.empty_code",
        en: "This code is empty; projects, objectives and indicators each need a stable code",
        fr: "Ce code est vide ; projets, objectifs et indicateurs ont chacun besoin d'un code stable",
    },
    Message {
        code: "logframe.invalid_code",
        en: "Code \"{code}\" is ill-formed: use only letters A–Z, digits, '.', '_' or '-', without spaces",
        fr: "Le code « {code} » est mal formé : n'utilisez que des lettres A–Z, des chiffres, « . », « _ » ou « - », sans espace",
    },
    Message {
        code: "logframe.duplicate_objective",
        en: "Objective code {code} is already used by the objective at {first}",
        fr: "Le code d'objectif {code} est déjà utilisé par l'objectif en {first}",
    },
    Message {
        code: "logframe.duplicate_indicator",
        en: "Indicator code {indicator} is already used by the indicator at {first}",
        fr: "Le code d'indicateur {indicator} est déjà utilisé par l'indicateur en {first}",
    },
    Message {
        code: "logframe.no_impact",
        en: "The logframe has no impact: the results chain needs exactly one objective at the impact level, at its top",
        fr: "Le cadre logique n'a pas d'impact : la chaîne des résultats a besoin d'exactement un objectif de niveau impact, à son sommet",
    },
    Message {
        code: "logframe.multiple_impacts",
        en: "Objective {code} is a second impact; the logframe already has impact {first} and needs exactly one",
        fr: "L'objectif {code} est un second impact ; le cadre logique a déjà l'impact {first} et n'en admet qu'un",
    },
    Message {
        code: "logframe.impact_with_parent",
        en: "Impact {code} names parent {parent}, but the impact is the top of the results chain and has none",
        fr: "L'impact {code} désigne le parent {parent}, mais l'impact est le sommet de la chaîne des résultats et n'en a pas",
    },
    Message {
        code: "logframe.missing_parent",
        en: "Objective {code} (level {level}) has no parent; it needs one at level {expected}",
        fr: "L'objectif {code} (niveau {level}) n'a pas de parent ; il lui en faut un de niveau {expected}",
    },
    Message {
        code: "logframe.unknown_parent",
        en: "Objective {code} names parent {parent}, which is not an objective of this logframe",
        fr: "L'objectif {code} désigne le parent {parent}, qui n'est pas un objectif de ce cadre logique",
    },
    Message {
        code: "logframe.level_order",
        en: "Objective {code} (level {level}) has parent {parent} at level {parent_level}; its parent must be at level {expected}, exactly one level up",
        fr: "L'objectif {code} (niveau {level}) a pour parent {parent} de niveau {parent_level} ; son parent doit être de niveau {expected}, exactement un niveau au-dessus",
    },
    Message {
        code: "logframe.no_indicator",
        en: "Objective {code} (level {level}) has no indicator, so its achievement cannot be measured",
        fr: "L'objectif {code} (niveau {level}) n'a pas d'indicateur : son atteinte ne peut pas être mesurée",
    },
    Message {
        code: "logframe.impact_without_indicator",
        en: "Impact {code} has no indicator; a donor or IATI report needs at least one per result",
        fr: "L'impact {code} n'a pas d'indicateur ; un rapport bailleur ou IATI en demande au moins un par résultat",
    },
    Message {
        code: "logframe.activity_with_indicators",
        en: "Activity {code} lists {count} indicator(s); activities are tracked in the work plan and the output above them carries the indicators",
        fr: "L'activité {code} a {count} indicateur(s) ; les activités se suivent dans le plan de travail et c'est le résultat au-dessus qui porte les indicateurs",
    },
    Message {
        code: "logframe.unknown_indicator",
        en: "Objective {code} lists indicator {indicator}, which is not defined in this logframe",
        fr: "L'objectif {code} cite l'indicateur {indicator}, qui n'est pas défini dans ce cadre logique",
    },
    Message {
        code: "logframe.repeated_indicator",
        en: "Objective {code} lists indicator {indicator} more than once",
        fr: "L'objectif {code} cite l'indicateur {indicator} plus d'une fois",
    },
    Message {
        code: "logframe.shared_indicator",
        en: "Indicator {indicator} measures objective {code} and already objective {first}; it will be counted twice in roll-ups and exports",
        fr: "L'indicateur {indicator} mesure l'objectif {code} et déjà l'objectif {first} ; il sera compté deux fois dans les agrégations et les exports",
    },
    Message {
        code: "logframe.orphan_indicator",
        en: "Indicator {indicator} is defined but measures no objective",
        fr: "L'indicateur {indicator} est défini mais ne mesure aucun objectif",
    },
    Message {
        code: "logframe.influence_only_counts",
        en: "Influence objective {code} is measured only by quantitative indicators ({indicators}); add an ordinal, nominal or qualitative one to show the change in policy or practice",
        fr: "L'objectif d'influence {code} n'est mesuré que par des indicateurs quantitatifs ({indicators}) ; ajoutez-en un ordinal, nominal ou qualitatif pour montrer le changement de politique ou de pratique",
    },
    Message {
        code: "logframe.kind_mismatch",
        en: "Objective {code} is {kind} but its parent {parent} is {parent_kind}; check that it really contributes to it",
        fr: "L'objectif {code} est de type {kind} mais son parent {parent} est de type {parent_kind} ; vérifiez qu'il y contribue bien",
    },
    Message {
        code: "logframe.no_means_of_verification",
        en: "Objective {code} (level {level}) has no means of verification, neither on itself nor on its indicators",
        fr: "L'objectif {code} (niveau {level}) n'a aucune source de vérification, ni sur lui-même ni sur ses indicateurs",
    },
    Message {
        code: "logframe.missing_text",
        en: "A text of {code} is blank in both English and French",
        fr: "Un texte de {code} est vide en anglais comme en français",
    },
    Message {
        code: "logframe.missing_translation",
        en: "A text of {code} is blank in language \"{language}\"; both English and French are needed",
        fr: "Un texte de {code} est vide dans la langue « {language} » ; l'anglais et le français sont tous deux nécessaires",
    },
    Message {
        code: "logframe.no_assumptions",
        en: "Outcome {code} states no assumption: what must hold outside the project for it to be reached?",
        fr: "L'objectif spécifique {code} n'énonce aucune hypothèse : que faut-il, hors du projet, pour qu'il soit atteint ?",
    },
    Message {
        code: "logframe.no_disciplines",
        en: "Objective {code} (level {level}) names no discipline (medical, mental health, protection, influence)",
        fr: "L'objectif {code} (niveau {level}) ne cite aucune discipline (médical, santé mentale, protection, influence)",
    },
    Message {
        code: "logframe.influence_discipline_missing",
        en: "Influence objective {code} does not list the influence discipline among its disciplines",
        fr: "L'objectif d'influence {code} ne compte pas la discipline influence parmi ses disciplines",
    },
    Message {
        code: "logframe.duplicate_tag",
        en: "Objective {code} lists {tag} more than once",
        fr: "L'objectif {code} cite {tag} plus d'une fois",
    },
    Message {
        code: "logframe.unmitigated_risk",
        en: "A risk to {code} is high in both likelihood and impact but has no mitigation",
        fr: "Un risque pour {code} est élevé en probabilité comme en impact mais n'a pas de mesure d'atténuation",
    },
    Message {
        code: "logframe.no_children",
        en: "Objective {code} (level {level}) has no objective at level {child_level} under it, so nothing leads to it",
        fr: "L'objectif {code} (niveau {level}) n'a aucun objectif de niveau {child_level} en dessous : rien n'y conduit",
    },
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Severity;
    use crate::i18n::{self, Locale};
    use crate::indicator::{Aggregation, Direction};
    use rust_decimal::Decimal;

    fn t(en: &str) -> Text {
        Text::new(en, format!("{en} (fr)"))
    }

    fn indicator(code: &str, measure: Measure) -> Indicator {
        let aggregation = match measure {
            Measure::Ratio { .. } => Aggregation::RatioOfSums,
            Measure::DistinctPersons | Measure::Ordinal { .. } => Aggregation::LatestSnapshot,
            _ => Aggregation::Incremental,
        };
        Indicator {
            code: code.into(),
            name: t(code),
            definition: None,
            measure,
            unit: t("persons"),
            direction: Direction::Increase,
            aggregation,
            baseline: None,
            targets: Vec::new(),
            disaggregation: Vec::new(),
            means_of_verification: vec![t("register")],
        }
    }

    fn objective(code: &str, level: Level, parent: Option<&str>, kind: ObjectiveKind) -> Objective {
        let measured = level != Level::Activity;
        Objective {
            code: code.into(),
            level,
            parent: parent.map(Into::into),
            kind,
            title: t(code),
            disciplines: match (level, kind) {
                (Level::Outcome | Level::Output, ObjectiveKind::Influence) => {
                    vec![Discipline::Influence]
                }
                (Level::Outcome | Level::Output, ObjectiveKind::Operational) => {
                    vec![Discipline::Medical]
                }
                _ => Vec::new(),
            },
            themes: Vec::new(),
            indicators: if measured {
                vec![format!("{code}.I")]
            } else {
                Vec::new()
            },
            assumptions: if level == Level::Outcome {
                vec![t("access stays open")]
            } else {
                Vec::new()
            },
            risks: Vec::new(),
            means_of_verification: Vec::new(),
        }
    }

    /// A small clean logframe: an impact, an operational and an influence branch.
    fn fixture() -> Logframe {
        use ObjectiveKind::{Influence, Operational};
        let objectives = vec![
            objective("IMP", Level::Impact, None, Operational),
            objective("OC1", Level::Outcome, Some("IMP"), Operational),
            objective("OP1", Level::Output, Some("OC1"), Operational),
            objective("A1", Level::Activity, Some("OP1"), Operational),
            objective("OC2", Level::Outcome, Some("IMP"), Influence),
            objective("OP2", Level::Output, Some("OC2"), Influence),
        ];
        let indicators = vec![
            indicator("IMP.I", Measure::DistinctPersons),
            indicator(
                "OC1.I",
                Measure::Ratio {
                    numerator: t("seen"),
                    denominator: t("referred"),
                    factor: Decimal::from(100),
                },
            ),
            indicator("OP1.I", Measure::Count),
            indicator(
                "OC2.I",
                Measure::Ordinal {
                    levels: vec![t("aware"), t("committed"), t("changed")],
                },
            ),
            indicator("OP2.I", Measure::Qualitative),
        ];
        Logframe {
            format_version: FORMAT_VERSION,
            project: Project {
                code: "IDF".into(),
                name: t("Ile-de-France"),
            },
            objectives,
            indicators,
        }
    }

    fn findings(lf: &Logframe) -> Vec<(String, String, Severity)> {
        lf.validate()
            .into_iter()
            .map(|f| (f.code, f.path, f.severity))
            .collect()
    }

    /// Asserts `lf` yields exactly the one finding `code` at `path` with `severity`.
    #[track_caller]
    fn only(lf: &Logframe, code: &str, path: &str, severity: Severity) -> Finding {
        let all = lf.validate();
        let got: Vec<_> = all
            .iter()
            .map(|f| (f.code.as_str(), f.path.as_str()))
            .collect();
        assert_eq!(got, [(code, path)], "all findings: {all:#?}");
        let finding = all.into_iter().next().unwrap();
        assert_eq!(finding.severity, severity);
        for locale in [Locale::En, Locale::Fr] {
            let text = finding.message(locale);
            assert!(!text.contains('{'), "unfilled placeholder in {text}");
        }
        finding
    }

    fn at<'a>(lf: &'a mut Logframe, code: &str) -> &'a mut Objective {
        lf.objectives.iter_mut().find(|o| o.code == code).unwrap()
    }

    #[test]
    fn clean_fixture_has_no_findings() {
        assert_eq!(findings(&fixture()), []);
        assert_eq!(check(&fixture().to_json()).unwrap(), []);
    }

    #[test]
    fn every_code_has_bilingual_messages() {
        for code in [
            "logframe.cycle",
            "logframe.empty_code",
            "logframe.invalid_code",
            "logframe.duplicate_objective",
            "logframe.duplicate_indicator",
            "logframe.no_impact",
            "logframe.multiple_impacts",
            "logframe.impact_with_parent",
            "logframe.missing_parent",
            "logframe.unknown_parent",
            "logframe.level_order",
            "logframe.no_indicator",
            "logframe.impact_without_indicator",
            "logframe.activity_with_indicators",
            "logframe.unknown_indicator",
            "logframe.repeated_indicator",
            "logframe.shared_indicator",
            "logframe.orphan_indicator",
            "logframe.influence_only_counts",
            "logframe.kind_mismatch",
            "logframe.no_means_of_verification",
            "logframe.missing_text",
            "logframe.missing_translation",
            "logframe.no_assumptions",
            "logframe.no_disciplines",
            "logframe.influence_discipline_missing",
            "logframe.duplicate_tag",
            "logframe.unmitigated_risk",
            "logframe.no_children",
        ] {
            assert!(
                MESSAGES.iter().any(|m| m.code == code),
                "{code} has no message"
            );
        }
        assert!(i18n::lookup("logframe.cycle").is_some());
    }

    #[test]
    fn round_trip_is_exact() {
        let mut lf = fixture();
        at(&mut lf, "OC1").risks.push(Risk {
            description: t("eviction"),
            likelihood: Rating::Medium,
            impact: Rating::High,
            mitigation: Text::default(),
        });
        at(&mut lf, "OC1").themes.push(Theme::Safeguarding);
        let parsed = Logframe::from_json(&lf.to_json()).unwrap();
        assert_eq!(parsed.findings, []);
        assert_eq!(parsed.value, lf);
    }

    #[test]
    fn round_trip_with_baselines_and_targets() {
        let mut value: serde_json::Value = serde_json::from_str(&fixture().to_json()).unwrap();
        value["indicators"][2]["baseline"] = serde_json::json!({"value": "120", "period": "2025", "source": {"en": "register", "fr": "registre"}});
        value["indicators"][2]["targets"] = serde_json::json!([
            {"period": "2026W05", "value": "12.50"},
            {"period": "2026Q2", "value": "40", "cell": {"sex": "f"}}
        ]);
        let parsed = Logframe::from_json(&value.to_string()).unwrap();
        assert_eq!(parsed.findings, []);
        let lf = parsed.value;
        assert_eq!(lf.indicators[2].targets.len(), 2);
        let json = lf.to_json();
        // Period ids are written in their canonical form, decimals keep their scale.
        assert!(json.contains("\"2026W5\""), "{json}");
        assert!(json.contains("\"12.50\""), "{json}");
        assert_eq!(Logframe::from_json(&json).unwrap().value, lf);
    }

    #[test]
    fn cycle_is_an_error_from_the_smallest_code() {
        let mut lf = fixture();
        at(&mut lf, "OC1").parent = Some("OP1".into());
        let err = Logframe::from_json(&lf.to_json()).unwrap_err();
        assert_eq!(err.code, "logframe.cycle");
        assert_eq!(err.params["codes"], "OC1 → OP1 → OC1");
        assert_eq!(err.path, "/objectives/1/parent");
        assert!(err.message(Locale::Fr).contains("OC1 → OP1 → OC1"));
        // validate() on a value built in code never loops.
        assert!(!lf.validate().is_empty());
        assert_eq!(lf.tree().len(), lf.objectives.len());
    }

    #[test]
    fn self_parent_is_a_cycle() {
        let mut lf = fixture();
        at(&mut lf, "OP2").parent = Some("OP2".into());
        let err = lf.ensure_acyclic().unwrap_err();
        assert_eq!(err.code, "logframe.cycle");
        assert_eq!(err.params["codes"], "OP2 → OP2");
        assert_eq!(err.path, "/objectives/5/parent");
    }

    #[test]
    fn blank_parents_link_to_nothing() {
        let mut lf = fixture();
        at(&mut lf, "A1").code = " ".into();
        lf.objectives[3].parent = Some(" ".into());
        assert!(lf.ensure_acyclic().is_ok());
        let codes: Vec<_> = lf.validate().into_iter().map(|f| f.code).collect();
        assert_eq!(codes, ["logframe.empty_code", "logframe.empty_code"]);
    }

    #[test]
    fn several_cycles_report_the_smallest_code() {
        let mut lf = fixture();
        at(&mut lf, "OP2").parent = Some("OP2".into());
        at(&mut lf, "OC1").parent = Some("A1".into());
        let err = lf.ensure_acyclic().unwrap_err();
        assert_eq!(err.params["codes"], "A1 → OP1 → OC1 → A1");
        assert_eq!(err.path, "/objectives/3/parent");
    }

    #[test]
    fn wrong_format_version_on_a_built_value() {
        let mut lf = fixture();
        lf.format_version = 2;
        only(
            &lf,
            "document.format_version",
            "/format_version",
            Severity::Error,
        );
    }

    #[test]
    fn empty_and_invalid_codes() {
        let mut lf = fixture();
        lf.project.code = "  ".into();
        only(&lf, "logframe.empty_code", "/project/code", Severity::Error);
        let mut lf = fixture();
        lf.project.code = "IDF 1".into();
        let f = only(
            &lf,
            "logframe.invalid_code",
            "/project/code",
            Severity::Error,
        );
        assert_eq!(f.params["code"], "IDF 1");
        assert!(is_valid_code("CAL-OP2.1_b"));
        assert!(!is_valid_code(""));
        assert!(!is_valid_code("é"));
    }

    #[test]
    fn invalid_objective_code() {
        let mut lf = fixture();
        let a = at(&mut lf, "A1");
        a.code = "A 1".into();
        only(
            &lf,
            "logframe.invalid_code",
            "/objectives/3/code",
            Severity::Error,
        );
    }

    #[test]
    fn duplicate_objective_code() {
        let mut lf = fixture();
        at(&mut lf, "A1").code = "OP1".into();
        let f = only(
            &lf,
            "logframe.duplicate_objective",
            "/objectives/3/code",
            Severity::Error,
        );
        assert_eq!(f.params["first"], "/objectives/2");
    }

    #[test]
    fn duplicate_indicator_code() {
        let mut lf = fixture();
        let copy = lf.indicators[2].clone();
        lf.indicators.push(copy);
        only(
            &lf,
            "logframe.duplicate_indicator",
            "/indicators/5/code",
            Severity::Error,
        );
    }

    #[test]
    fn no_impact() {
        let mut lf = fixture();
        lf.objectives.clear();
        lf.indicators.clear();
        only(&lf, "logframe.no_impact", "/objectives", Severity::Error);
    }

    #[test]
    fn multiple_impacts() {
        let mut lf = fixture();
        let mut second = objective("IMP2", Level::Impact, None, ObjectiveKind::Operational);
        second.indicators.clear();
        second.means_of_verification.push(t("survey"));
        lf.objectives.push(second);
        let all = findings(&lf);
        assert!(all.contains(&(
            "logframe.multiple_impacts".into(),
            "/objectives/6/level".into(),
            Severity::Error
        )));
    }

    #[test]
    fn impact_with_parent() {
        let mut lf = fixture();
        at(&mut lf, "IMP").parent = Some("ELSEWHERE".into());
        only(
            &lf,
            "logframe.impact_with_parent",
            "/objectives/0/parent",
            Severity::Error,
        );
    }

    #[test]
    fn missing_and_blank_parent() {
        let mut lf = fixture();
        at(&mut lf, "A1").parent = None;
        let f = only(
            &lf,
            "logframe.missing_parent",
            "/objectives/3/parent",
            Severity::Error,
        );
        assert_eq!(f.params["expected"], "output");
        at(&mut lf, "A1").parent = Some(String::new());
        only(
            &lf,
            "logframe.empty_code",
            "/objectives/3/parent",
            Severity::Error,
        );
    }

    #[test]
    fn unknown_parent() {
        let mut lf = fixture();
        at(&mut lf, "A1").parent = Some("OP9".into());
        only(
            &lf,
            "logframe.unknown_parent",
            "/objectives/3/parent",
            Severity::Error,
        );
    }

    #[test]
    fn level_order() {
        let mut lf = fixture();
        at(&mut lf, "A1").parent = Some("OC1".into());
        let f = only(
            &lf,
            "logframe.level_order",
            "/objectives/3/parent",
            Severity::Error,
        );
        assert_eq!(f.params["parent_level"], "outcome");
        assert_eq!(f.params["expected"], "output");
    }

    #[test]
    fn outcome_and_output_need_indicators() {
        let mut lf = fixture();
        at(&mut lf, "OP1").indicators.clear();
        lf.indicators.retain(|d| d.code != "OP1.I");
        only(
            &lf,
            "logframe.no_indicator",
            "/objectives/2/indicators",
            Severity::Error,
        );
    }

    #[test]
    fn impact_without_indicator() {
        let mut lf = fixture();
        at(&mut lf, "IMP").indicators.clear();
        at(&mut lf, "IMP").means_of_verification.push(t("survey"));
        lf.indicators.retain(|d| d.code != "IMP.I");
        only(
            &lf,
            "logframe.impact_without_indicator",
            "/objectives/0/indicators",
            Severity::Warning,
        );
    }

    #[test]
    fn dangling_indicator_reference() {
        let mut lf = fixture();
        at(&mut lf, "OP1").indicators.push("NOPE".into());
        let f = only(
            &lf,
            "logframe.unknown_indicator",
            "/objectives/2/indicators/1",
            Severity::Error,
        );
        assert_eq!(f.params["indicator"], "NOPE");
    }

    #[test]
    fn repeated_indicator_reference() {
        let mut lf = fixture();
        at(&mut lf, "OP1").indicators.push("OP1.I".into());
        only(
            &lf,
            "logframe.repeated_indicator",
            "/objectives/2/indicators/1",
            Severity::Warning,
        );
    }

    #[test]
    fn orphan_indicator() {
        let mut lf = fixture();
        lf.indicators.push(indicator("SPARE", Measure::Count));
        only(
            &lf,
            "logframe.orphan_indicator",
            "/indicators/5",
            Severity::Warning,
        );
    }

    #[test]
    fn shared_indicator() {
        let mut lf = fixture();
        at(&mut lf, "OP1").indicators.push("OC1.I".into());
        let f = only(
            &lf,
            "logframe.shared_indicator",
            "/objectives/2/indicators/1",
            Severity::Warning,
        );
        assert_eq!(f.params["first"], "OC1");
    }

    #[test]
    fn influence_only_counts() {
        let mut lf = fixture();
        lf.indicators[3].measure = Measure::Count;
        let f = only(
            &lf,
            "logframe.influence_only_counts",
            "/objectives/4/indicators",
            Severity::Warning,
        );
        assert_eq!(f.params["indicators"], "OC2.I");
    }

    #[test]
    fn kind_mismatch() {
        let mut lf = fixture();
        at(&mut lf, "OP2").kind = ObjectiveKind::Operational;
        at(&mut lf, "OP2").disciplines = vec![Discipline::Protection];
        only(
            &lf,
            "logframe.kind_mismatch",
            "/objectives/5/kind",
            Severity::Warning,
        );
    }

    #[test]
    fn no_means_of_verification() {
        let mut lf = fixture();
        lf.indicators[1].means_of_verification.clear();
        only(
            &lf,
            "logframe.no_means_of_verification",
            "/objectives/1/means_of_verification",
            Severity::Warning,
        );
        at(&mut lf, "OC1")
            .means_of_verification
            .push(t("file review"));
        assert_eq!(findings(&lf), []);
    }

    #[test]
    fn blank_texts() {
        let mut lf = fixture();
        at(&mut lf, "OP1").title = Text::new("Consultations", " ");
        let f = only(
            &lf,
            "logframe.missing_translation",
            "/objectives/2/title",
            Severity::Warning,
        );
        assert_eq!(f.params["language"], "fr");
        at(&mut lf, "OP1").title = Text::default();
        only(
            &lf,
            "logframe.missing_text",
            "/objectives/2/title",
            Severity::Error,
        );
        let mut lf = fixture();
        lf.project.name.en.clear();
        only(
            &lf,
            "logframe.missing_translation",
            "/project/name",
            Severity::Warning,
        );
        let mut lf = fixture();
        at(&mut lf, "OC1").assumptions.push(Text::default());
        only(
            &lf,
            "logframe.missing_text",
            "/objectives/1/assumptions/1",
            Severity::Error,
        );
    }

    #[test]
    fn outcome_without_assumptions() {
        let mut lf = fixture();
        at(&mut lf, "OC2").assumptions.clear();
        only(
            &lf,
            "logframe.no_assumptions",
            "/objectives/4/assumptions",
            Severity::Warning,
        );
    }

    #[test]
    fn activity_with_indicators() {
        let mut lf = fixture();
        lf.indicators.push(indicator("A1.I", Measure::Count));
        at(&mut lf, "A1").indicators.push("A1.I".into());
        only(
            &lf,
            "logframe.activity_with_indicators",
            "/objectives/3/indicators",
            Severity::Warning,
        );
    }

    #[test]
    fn disciplines() {
        let mut lf = fixture();
        at(&mut lf, "OP1").disciplines.clear();
        only(
            &lf,
            "logframe.no_disciplines",
            "/objectives/2/disciplines",
            Severity::Warning,
        );
        let mut lf = fixture();
        at(&mut lf, "OC2").disciplines = vec![Discipline::Protection];
        only(
            &lf,
            "logframe.influence_discipline_missing",
            "/objectives/4/disciplines",
            Severity::Warning,
        );
        let mut lf = fixture();
        at(&mut lf, "OC1").disciplines.push(Discipline::Medical);
        only(
            &lf,
            "logframe.duplicate_tag",
            "/objectives/1/disciplines/1",
            Severity::Warning,
        );
        let mut lf = fixture();
        at(&mut lf, "A1").themes = vec![Theme::Partnership, Theme::Partnership];
        let f = only(
            &lf,
            "logframe.duplicate_tag",
            "/objectives/3/themes/1",
            Severity::Warning,
        );
        assert_eq!(f.params["tag"], "partnership");
    }

    #[test]
    fn critical_risk_needs_mitigation() {
        let mut lf = fixture();
        let risk = Risk {
            description: t("police evictions of camps"),
            likelihood: Rating::High,
            impact: Rating::High,
            mitigation: Text::new(" ", ""),
        };
        at(&mut lf, "OC1").risks.push(risk.clone());
        only(
            &lf,
            "logframe.unmitigated_risk",
            "/objectives/1/risks/0/mitigation",
            Severity::Error,
        );
        // A lesser risk may be accepted without mitigation.
        at(&mut lf, "OC1").risks[0].impact = Rating::Medium;
        assert_eq!(findings(&lf), []);
        // A half-translated mitigation is a translation warning.
        at(&mut lf, "OC1").risks[0] = Risk {
            mitigation: Text::new("Mobile clinic follows", ""),
            ..risk
        };
        only(
            &lf,
            "logframe.missing_translation",
            "/objectives/1/risks/0/mitigation",
            Severity::Warning,
        );
    }

    #[test]
    fn childless_impact_and_outcome() {
        let mut lf = fixture();
        lf.objectives.retain(|o| o.code != "OP2");
        lf.indicators.retain(|d| d.code != "OP2.I");
        only(
            &lf,
            "logframe.no_children",
            "/objectives/4",
            Severity::Warning,
        );
    }

    #[test]
    fn findings_are_sorted() {
        let mut lf = fixture();
        at(&mut lf, "OP2").parent = None;
        at(&mut lf, "OC1").title = Text::default();
        lf.project.code.clear();
        let all = lf.validate();
        let mut sorted = all.clone();
        crate::error::sort_findings(&mut sorted);
        assert_eq!(all, sorted);
        assert!(all.len() >= 3);
    }

    #[test]
    fn helpers_walk_the_chain() {
        let lf = fixture();
        assert_eq!(lf.impact().map(|o| o.code.as_str()), Some("IMP"));
        let children: Vec<_> = lf.children("IMP").iter().map(|o| o.code.as_str()).collect();
        assert_eq!(children, ["OC1", "OC2"]);
        let measures: Vec<_> = lf
            .indicators_of("OC2")
            .iter()
            .map(|d| d.code.as_str())
            .collect();
        assert_eq!(measures, ["OC2.I"]);
        assert!(lf.indicators_of("NOPE").is_empty());
        let order: Vec<_> = lf.tree().iter().map(|o| o.code.as_str()).collect();
        assert_eq!(order, ["IMP", "OC1", "OP1", "A1", "OC2", "OP2"]);
        assert_eq!(lf.objective("OP1").map(|o| o.level), Some(Level::Output));
    }

    #[test]
    fn tree_puts_the_impact_first_and_keeps_everything() {
        let mut lf = fixture();
        lf.objectives.rotate_left(2);
        at(&mut lf, "OP2").parent = Some("GONE".into());
        // Children in document order (OC2 now comes before OC1); the objective with an unknown
        // parent becomes a root after the impact's chain.
        let order: Vec<_> = lf.tree().iter().map(|o| o.code.as_str()).collect();
        assert_eq!(order, ["IMP", "OC2", "OC1", "OP1", "A1", "OP2"]);
    }

    #[test]
    fn unknown_fields_come_through_check() {
        let mut value: serde_json::Value = serde_json::from_str(&fixture().to_json()).unwrap();
        value["objectives"][0]["colour"] = "red".into();
        let found = check(&value.to_string()).unwrap();
        let codes: Vec<_> = found
            .iter()
            .map(|f| (f.code.as_str(), f.path.as_str()))
            .collect();
        assert_eq!(codes, [("document.unknown_field", "/objectives/0/colour")]);
    }
}
