//! Cell suppression: primary (threshold, zeros) and secondary (no suppressed cell recoverable
//! from the published cells and margins).
//!
//! **Primary.** A cell — inner cell or margin — whose count is `0 < count < threshold` is
//! primary-suppressed (default threshold 5, so counts 1–4: `reference/gdpr-feedback.md` §6.1
//! item 11 proposes n < 5 for public health-related tables; sdcTable's default `maxN = 3`
//! suppresses counts ≤ 3, ACRO's `safe_threshold` is 10 — hence a parameter). Zeros follow
//! [`ZeroRule`]: an empty cell usually discloses nothing about a person, so
//! [`ZeroRule::Safe`] (the default) publishes them; [`ZeroRule::Sensitive`] suppresses every
//! zero cell, inner or margin, as ACRO does by default (`zeros_are_disclosive: True`) and
//! sdcTable with `allowZeros = FALSE` (§2.6) — for tables where "nobody in this group" is itself
//! disclosive (no survivor of violence in a small site).
//!
//! **Secondary.** An attacker knows every published value and that every margin is the sum
//! of the cells it covers. A suppressed cell is *recoverable* when these linear relations fix
//! its value. Secondary suppression hides further cells until no suppressed cell is
//! recoverable, following Statistics Norway's GaussSuppression (Langsrud; Apache-2.0, §2.6,
//! §6.1 item 12), reimplemented from its documented semantics: the candidates are taken one
//! by one in a fixed order; a candidate is published unless publishing it would make a
//! protected cell recoverable, in which case it is suppressed (secondary) and protected too.
//!
//! How recoverability is decided. Let x be the vector of inner counts; each cell is a linear
//! form `f_c·x` (the sum of the inner cells it covers). A suppressed cell p is recoverable iff
//! `f_p` lies in the span of the published forms — equivalently (the primal view: unknowns =
//! suppressed cells, equations = margin relations) iff its unit vector lies in the row space
//! of those equations. The engine keeps the dual: a basis of the *ambiguity space* `Z` of
//! changes z of the inner counts that leave every published cell unchanged (`f_c·z = 0`).
//! p is safe iff some basis vector changes it (`f_p·z ≠ 0`): that vector is the attacker's
//! blind spot. Publishing a cell c is one step of Gaussian elimination on the basis (keep the
//! vectors with `f_c·z = 0`, combine the others against one pivot), so each decision is
//! incremental and touches only the vectors that c meets. The basis starts as the triangular
//! basis `⊗ₖ(e_{aₖ} − e_{aₖ−1})` of all inner changes, which is sparse and in which each
//! margin meets at most 2^(dimensions) vectors, so fill-in stays small on large tables.
//!
//! Arithmetic is exact: integer vectors, fraction-free elimination (`z' = d₀·z − d·z₀`)
//! divided by the gcd of the entries, in `i64` with `i128` intermediates and checked
//! conversions; an overflow is the error `disclosure.arithmetic_overflow`, never a wrong
//! answer. No floating point, no modular arithmetic (a prime could divide a minor and hide a
//! dependency, which would err on the unsafe side).
//!
//! **Order of candidates** (least information loss first to be published, so the cells that
//! end up suppressed are small inner cells): under [`ZeroRule::Safe`] zero cells first
//! (GaussSuppression's default `secondaryZeros = FALSE`: hiding a zero protects little, since
//! counts cannot be negative); then larger counts first; at equal counts margins first (more
//! `Total` coordinates first), so inner cells are preferred for suppression; then cell order.
//! The result is deterministic.
//!
//! **Singletons and zeros** ([`Rules::singletons`], on by default; Langsrud's `subSum`).
//! One person in a cell of count 1 knows that cell; if two singletons are suppressed together
//! and their sum can be recomputed, each learns the other. So for every margin, the sum of
//! the primary inner cells of count 1 it covers (when there are two or more) is protected like
//! a suppressed cell. Under [`ZeroRule::Sensitive`] the same is done for the primary zero
//! cells: a recomputed sum of 0 reveals that each of them is 0. Not handled: interval
//! (non-negativity) attacks in general — a hidden cell may be bounded, e.g. to `[0, 3]`, as with
//! GaussSuppression; protection intervals need an optimisation method (sdcTable's OPT, §2.6) —
//! and linked tables or successive releases (difference attacks, §6.1 item 12).
//!
//! | code | raised when |
//! |---|---|
//! | `disclosure.bad_threshold` | the threshold is 0 |
//! | `disclosure.zero_rule` | a zero rule other than `safe` or `sensitive` is named |
//! | `disclosure.arithmetic_overflow` | exact elimination would exceed 64-bit integers |
//!
//! Reading rules from JSON fails with `json.malformed` or `document.invalid`.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::disclosure::loss::{CellLoss, InformationLoss, LossKind};
use crate::disclosure::table::{Coord, Table};
use crate::error::MealError;
use crate::i18n::{Message, Term};

/// How zero cells are treated by primary suppression. See the module docs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ZeroRule {
    /// Zeros are published (and preferred for publication over other cells).
    #[default]
    Safe,
    /// Every zero cell is primary-suppressed.
    Sensitive,
}

impl ZeroRule {
    /// Reads `safe` or `sensitive`. Error `disclosure.zero_rule`.
    pub fn from_name(name: &str) -> Result<ZeroRule, MealError> {
        match name {
            "safe" => Ok(ZeroRule::Safe),
            "sensitive" => Ok(ZeroRule::Sensitive),
            other => Err(MealError::new("disclosure.zero_rule").with("value", other)),
        }
    }
}

/// The rules of a suppression. See the module docs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Rules {
    /// Counts `0 < count < threshold` are primary-suppressed. Default 5; must be ≥ 1.
    pub threshold: u64,
    /// Zero cells: safe (published) or sensitive (suppressed). Default safe.
    pub zeros: ZeroRule,
    /// Protect the sums of suppressed singletons (and of sensitive zeros). Default true.
    pub singletons: bool,
}

impl Default for Rules {
    fn default() -> Self {
        Rules {
            threshold: 5,
            zeros: ZeroRule::Safe,
            singletons: true,
        }
    }
}

impl Rules {
    /// Reads `{"threshold"?, "zeros"?, "singletons"?}`; absent fields take their defaults.
    pub fn from_json(json: &str) -> Result<Rules, MealError> {
        let rules: Rules = serde_json::from_str(json).map_err(|e| {
            if e.is_data() {
                MealError::new("document.invalid")
                    .with("kind", "suppression_rules")
                    .with("detail", e)
            } else {
                crate::document::malformed(&e)
            }
        })?;
        rules.check()?;
        Ok(rules)
    }

    fn check(&self) -> Result<(), MealError> {
        if self.threshold == 0 {
            return Err(MealError::new("disclosure.bad_threshold")
                .at("/threshold")
                .with("threshold", self.threshold));
        }
        Ok(())
    }

    /// True when a cell of this count is primary-suppressed.
    pub fn is_primary(&self, count: u64) -> bool {
        match count {
            0 => self.zeros == ZeroRule::Sensitive,
            n => n < self.threshold,
        }
    }
}

/// Whether a cell is published, and if not, why.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Published with its value.
    Published,
    /// Hidden: below the threshold (or a sensitive zero).
    Primary,
    /// Hidden so that no primary cell can be recomputed.
    Secondary,
}

/// One cell of a suppressed table, as published.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CellDecision {
    /// One category name (or `"Total"`) per dimension.
    pub coords: Vec<String>,
    /// Published, primary or secondary.
    pub status: Status,
    /// The count, only when published.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<u64>,
}

/// A suppressed table: every cell in cell order, and the information loss.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Suppression {
    /// Every cell of the table (inner cells and margins), in cell order.
    pub cells: Vec<CellDecision>,
    /// What the suppression hides.
    pub loss: InformationLoss,
}

/// Suppresses `table` under `rules`: primary cells, then secondary cells until no suppressed
/// cell can be recomputed from the published ones. See the module docs.
pub fn suppress(table: &Table, rules: &Rules) -> Result<Suppression, MealError> {
    rules.check()?;
    let statuses = protect(table, rules, true)?;
    Ok(publish(table, &statuses))
}

/// Primary suppression only, with no secondary cells: what a naive release would publish.
/// Useful to show why secondary suppression is needed (such a table can usually be undone).
pub fn suppress_primary_only(table: &Table, rules: &Rules) -> Result<Suppression, MealError> {
    rules.check()?;
    let statuses = protect(table, rules, false)?;
    Ok(publish(table, &statuses))
}

/// The status of every cell.
fn protect(table: &Table, rules: &Rules, secondary: bool) -> Result<Vec<Status>, MealError> {
    let mut statuses: Vec<Status> = (0..table.cell_count())
        .map(|index| match rules.is_primary(table.value(index)) {
            true => Status::Primary,
            false => Status::Published,
        })
        .collect();
    if !secondary {
        return Ok(statuses);
    }
    let mut basis = Ambiguity::triangular(table)?;
    for (index, status) in statuses.iter().enumerate() {
        if *status == Status::Primary {
            let dots = basis.dots(&table.covered_inner(index))?;
            basis.protect(&dots);
        }
    }
    if rules.singletons {
        for group in singleton_groups(table, rules, &statuses) {
            let dots = basis.dots(&group)?;
            basis.protect(&dots);
        }
    }
    for index in candidates(table, rules, &statuses) {
        if let Some(dots) = basis.publish(&table.covered_inner(index))? {
            basis.protect(&dots);
            if let Some(status) = statuses.get_mut(index) {
                *status = Status::Secondary;
            }
        }
    }
    Ok(statuses)
}

/// The non-primary cells in the order they are offered for publication (module docs).
fn candidates(table: &Table, rules: &Rules, statuses: &[Status]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..table.cell_count())
        .filter(|i| statuses.get(*i) == Some(&Status::Published))
        .collect();
    order.sort_by_key(|&index| {
        let count = table.value(index);
        let zero_first = rules.zeros == ZeroRule::Safe && count == 0;
        (
            !zero_first,
            std::cmp::Reverse(count),
            std::cmp::Reverse(table.totals_in(index)),
            index,
        )
    });
    order
}

/// The sums protected against the singleton and zero problems: for each margin, its primary
/// inner cells of count 1 (and, for sensitive zeros, of count 0), when two or more.
fn singleton_groups(table: &Table, rules: &Rules, statuses: &[Status]) -> BTreeSet<Vec<u32>> {
    let mut kinds = vec![1u64];
    if rules.zeros == ZeroRule::Sensitive {
        kinds.push(0);
    }
    let is_singleton = |inner: u32, kind: u64| {
        let cell = table.cell_of_inner(inner as usize);
        table.value(cell) == kind && statuses.get(cell) == Some(&Status::Primary)
    };
    let mut groups = BTreeSet::new();
    for index in (0..table.cell_count()).filter(|i| table.totals_in(*i) > 0) {
        let covered = table.covered_inner(index);
        for kind in &kinds {
            let group: Vec<u32> = covered
                .iter()
                .copied()
                .filter(|inner| is_singleton(*inner, *kind))
                .collect();
            if group.len() >= 2 {
                groups.insert(group);
            }
        }
    }
    groups
}

/// Every cell with its status, and the loss.
fn publish(table: &Table, statuses: &[Status]) -> Suppression {
    let cells: Vec<CellDecision> = statuses
        .iter()
        .enumerate()
        .map(|(index, status)| CellDecision {
            coords: table.coord_names(index),
            status: *status,
            value: (*status == Status::Published).then(|| table.value(index)),
        })
        .collect();
    let loss = InformationLoss::measure(
        statuses.iter().enumerate().map(|(index, status)| CellLoss {
            kind: match status {
                Status::Published => LossKind::Published,
                Status::Primary => LossKind::Primary,
                Status::Secondary => LossKind::Secondary,
            },
            inner: table.totals_in(index) == 0,
            count: table.value(index),
        }),
        table.grand_total(),
    );
    Suppression { cells, loss }
}

/// A sparse integer vector: sorted `(position, value)` pairs, no zero values.
type Sparse = Vec<(u32, i64)>;

/// One basis vector of the ambiguity space: its entries over the inner cells, and its dot
/// products with the protected forms (nonzero ones, by protected id).
#[derive(Debug, Clone)]
struct Vector {
    entries: Sparse,
    dots: Sparse,
}

/// A basis of the ambiguity space, with the indexes that keep each step local.
#[derive(Debug)]
struct Ambiguity {
    /// Basis vectors by id; `None` once eliminated.
    vectors: Vec<Option<Vector>>,
    /// For each inner cell, the ids of the vectors with a nonzero entry there.
    by_cell: Vec<Vec<u32>>,
    /// For each protected form, how many vectors change it (0 would mean recoverable).
    witnesses: Vec<usize>,
}

impl Ambiguity {
    /// The basis `⊗ₖ uₖ` with `u = e₀` for coordinate 0 and `u = e_a − e_{a−1}` otherwise:
    /// it spans every change of the inner counts, and nothing is published yet.
    fn triangular(table: &Table) -> Result<Ambiguity, MealError> {
        let sizes: Vec<u32> = table
            .dimensions()
            .iter()
            .map(|d| u32::try_from(d.categories.len()).unwrap_or(u32::MAX))
            .collect();
        let inner = table.inner_count();
        let mut basis = Ambiguity {
            vectors: Vec::with_capacity(inner),
            by_cell: vec![Vec::new(); inner],
            witnesses: Vec::new(),
        };
        for a in 0..inner {
            let mut rest = a;
            let mut digits = vec![0u32; sizes.len()];
            for (digit, size) in digits.iter_mut().zip(&sizes).rev() {
                let size = (*size).max(1) as usize;
                *digit = u32::try_from(rest % size).unwrap_or(0);
                rest /= size;
            }
            let mut entries: Sparse = vec![(0, 1)];
            for (digit, size) in digits.iter().zip(&sizes) {
                let factor: &[(u32, i64)] = if *digit == 0 {
                    &[(0, 1)]
                } else {
                    &[(*digit - 1, -1), (*digit, 1)]
                };
                entries = entries
                    .iter()
                    .flat_map(|(i, v)| factor.iter().map(move |(j, w)| (i * size + j, v * w)))
                    .collect();
            }
            entries.sort_unstable();
            basis.insert(Vector {
                entries,
                dots: Vec::new(),
            });
        }
        Ok(basis)
    }

    fn vector(&self, id: u32) -> Option<&Vector> {
        self.vectors.get(id as usize).and_then(Option::as_ref)
    }

    fn insert(&mut self, vector: Vector) {
        let id = u32::try_from(self.vectors.len()).unwrap_or(u32::MAX);
        for (cell, _) in &vector.entries {
            if let Some(ids) = self.by_cell.get_mut(*cell as usize) {
                ids.push(id);
            }
        }
        self.vectors.push(Some(vector));
    }

    /// The nonzero dot products of the 0/1 form over `cells` with the basis vectors, by id.
    fn dots(&self, cells: &[u32]) -> Result<Sparse, MealError> {
        let mut sums: BTreeMap<u32, i128> = BTreeMap::new();
        for cell in cells {
            for id in self.by_cell.get(*cell as usize).into_iter().flatten() {
                let value = self.vector(*id).map_or(0, |v| entry(&v.entries, *cell));
                *sums.entry(*id).or_insert(0) += i128::from(value);
            }
        }
        sums.into_iter()
            .filter(|(_, sum)| *sum != 0)
            .map(|(id, sum)| Ok((id, narrow(sum)?)))
            .collect()
    }

    /// Protects a new form whose dot products with the basis are `dots` (ids of protected
    /// forms grow, so pushing keeps each vector's `dots` sorted).
    fn protect(&mut self, dots: &Sparse) {
        let form = u32::try_from(self.witnesses.len()).unwrap_or(u32::MAX);
        for (id, dot) in dots {
            if let Some(Some(vector)) = self.vectors.get_mut(*id as usize) {
                vector.dots.push((form, *dot));
            }
        }
        self.witnesses.push(dots.len());
    }

    /// Publishes the cell covering `cells` if that leaves every protected form changeable by
    /// some basis vector; otherwise leaves the basis as it is and returns the cell's dot
    /// products, so that the caller protects it (secondary suppression).
    fn publish(&mut self, cells: &[u32]) -> Result<Option<Sparse>, MealError> {
        let touched = self.dots(cells)?;
        let Some(&(pivot, pivot_dot)) = touched.iter().min_by_key(|(id, _)| {
            let size = self.vector(*id).map_or(usize::MAX, |v| v.entries.len());
            (size, *id)
        }) else {
            return Ok(None); // already recoverable: publishing it tells nothing new
        };
        let pivot_dots = self
            .vector(pivot)
            .map(|v| v.dots.clone())
            .unwrap_or_default();
        if self.would_reveal(&touched, pivot, pivot_dot, &pivot_dots) {
            return Ok(Some(touched));
        }
        for &(id, dot) in &touched {
            if id != pivot {
                self.combine(id, dot, pivot, pivot_dot)?;
            }
        }
        self.remove(pivot);
        Ok(None)
    }

    /// True when, after eliminating along the touched vectors, some protected form would be
    /// changed by no basis vector.
    fn would_reveal(
        &self,
        touched: &Sparse,
        pivot: u32,
        pivot_dot: i64,
        pivot_dots: &Sparse,
    ) -> bool {
        let mut met: BTreeMap<u32, usize> = BTreeMap::new();
        for (id, _) in touched {
            for (form, _) in self.vector(*id).map(|v| v.dots.as_slice()).unwrap_or(&[]) {
                *met.entry(*form).or_insert(0) += 1;
            }
        }
        met.into_iter().any(|(form, touched_witnesses)| {
            if self.witnesses.get(form as usize).copied().unwrap_or(0) > touched_witnesses {
                return false; // an untouched vector still changes it
            }
            let at_pivot = i128::from(entry(pivot_dots, form));
            !touched.iter().any(|(id, dot)| {
                let own = self.vector(*id).map_or(0, |v| entry(&v.dots, form));
                *id != pivot
                    && i128::from(pivot_dot) * i128::from(own) != i128::from(*dot) * at_pivot
            })
        })
    }

    /// Replaces vector `id` by `pivot_dot·z − dot·z_pivot` (divided by its gcd), which is
    /// orthogonal to the published form, and updates the indexes.
    fn combine(&mut self, id: u32, dot: i64, pivot: u32, pivot_dot: i64) -> Result<(), MealError> {
        let (Some(own), Some(other)) = (self.vector(id), self.vector(pivot)) else {
            return Ok(());
        };
        let entries = merge(&own.entries, pivot_dot, &other.entries, dot);
        let dots = merge(&own.dots, pivot_dot, &other.dots, dot);
        let divisor = entries.iter().fold(0i128, |g, (_, v)| gcd(g, *v)).max(1);
        let entries = shrink(entries, divisor)?;
        let dots = shrink(dots, divisor)?;
        let old = self.vectors.get_mut(id as usize).and_then(Option::take);
        if let Some(old) = old {
            self.reindex(id, &old.entries, &entries);
            for form in forms_changed(&old.dots, &dots) {
                if let Some(count) = self.witnesses.get_mut(form.0 as usize) {
                    *count = if form.1 {
                        *count + 1
                    } else {
                        count.saturating_sub(1)
                    };
                }
            }
        }
        if let Some(slot) = self.vectors.get_mut(id as usize) {
            *slot = Some(Vector { entries, dots });
        }
        Ok(())
    }

    /// Drops the pivot vector from the basis.
    fn remove(&mut self, id: u32) {
        if let Some(old) = self.vectors.get_mut(id as usize).and_then(Option::take) {
            self.reindex(id, &old.entries, &[]);
            for (form, _) in &old.dots {
                if let Some(count) = self.witnesses.get_mut(*form as usize) {
                    *count = count.saturating_sub(1);
                }
            }
        }
    }

    /// Moves vector `id` in `by_cell` from the cells of `old` to those of `new`.
    fn reindex(&mut self, id: u32, old: &[(u32, i64)], new: &[(u32, i64)]) {
        let before: BTreeSet<u32> = old.iter().map(|(cell, _)| *cell).collect();
        let after: BTreeSet<u32> = new.iter().map(|(cell, _)| *cell).collect();
        for cell in before.difference(&after) {
            if let Some(ids) = self.by_cell.get_mut(*cell as usize) {
                if let Some(at) = ids.iter().position(|x| *x == id) {
                    ids.swap_remove(at);
                }
            }
        }
        for cell in after.difference(&before) {
            if let Some(ids) = self.by_cell.get_mut(*cell as usize) {
                ids.push(id);
            }
        }
    }
}

/// The value at `position` of a sparse vector (0 when absent).
fn entry(vector: &[(u32, i64)], position: u32) -> i64 {
    vector
        .binary_search_by_key(&position, |(p, _)| *p)
        .ok()
        .and_then(|at| vector.get(at))
        .map_or(0, |(_, v)| *v)
}

/// `a·x − b·y` over sorted sparse vectors, zeros dropped, in i128.
fn merge(x: &[(u32, i64)], a: i64, y: &[(u32, i64)], b: i64) -> Vec<(u32, i128)> {
    let (a, b) = (i128::from(a), i128::from(b));
    let mut out = Vec::with_capacity(x.len() + y.len());
    let (mut xs, mut ys) = (x.iter().peekable(), y.iter().peekable());
    loop {
        let next = match (xs.peek(), ys.peek()) {
            (Some((i, v)), Some((j, _))) if i < j => {
                xs.next();
                (*i, a * i128::from(*v))
            }
            (Some((i, _)), Some((j, w))) if j < i => {
                ys.next();
                (*j, -b * i128::from(*w))
            }
            (Some((i, v)), Some((_, w))) => {
                let value = a * i128::from(*v) - b * i128::from(*w);
                xs.next();
                ys.next();
                (*i, value)
            }
            (Some((i, v)), None) => {
                xs.next();
                (*i, a * i128::from(*v))
            }
            (None, Some((j, w))) => {
                ys.next();
                (*j, -b * i128::from(*w))
            }
            (None, None) => break,
        };
        if next.1 != 0 {
            out.push(next);
        }
    }
    out
}

/// Divides every value by `divisor` (which divides them all) and narrows to i64.
fn shrink(values: Vec<(u32, i128)>, divisor: i128) -> Result<Sparse, MealError> {
    values
        .into_iter()
        .map(|(p, v)| Ok((p, narrow(v / divisor)?)))
        .collect()
}

fn narrow(value: i128) -> Result<i64, MealError> {
    i64::try_from(value).map_err(|_| MealError::new("disclosure.arithmetic_overflow"))
}

fn gcd(a: i128, b: i128) -> i128 {
    let (mut a, mut b) = (a.abs(), b.abs());
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

/// The forms whose dot product became nonzero (`true`) or zero (`false`).
fn forms_changed(old: &[(u32, i64)], new: &[(u32, i64)]) -> Vec<(u32, bool)> {
    let before: BTreeSet<u32> = old.iter().map(|(f, _)| *f).collect();
    let after: BTreeSet<u32> = new.iter().map(|(f, _)| *f).collect();
    let gained = after.difference(&before).map(|f| (*f, true));
    let lost = before.difference(&after).map(|f| (*f, false));
    gained.chain(lost).collect()
}

/// The coordinates of every suppressed cell of `suppression` in `table` (for callers that
/// address cells by [`Coord`]).
pub fn suppressed_coords(table: &Table, suppression: &Suppression) -> Vec<Vec<Coord>> {
    suppression
        .cells
        .iter()
        .enumerate()
        .filter(|(_, cell)| cell.status != Status::Published)
        .map(|(index, _)| table.coords(index))
        .collect()
}

/// Domain terms carried in params of these codes.
pub(crate) const TERMS: &[Term] = &[Term {
    key: "suppression_rules",
    en: "suppression rules",
    fr: "règles de suppression",
}];

/// Codes raised here, in French and English.
pub(crate) const MESSAGES: &[Message] = &[
    Message {
        code: "disclosure.bad_threshold",
        en: "The suppression threshold must be at least 1; {threshold} was given",
        fr: "Le seuil de suppression doit valoir au moins 1 ; {threshold} a été donné",
    },
    Message {
        code: "disclosure.zero_rule",
        en: "'{value}' is not a zero rule; expected safe or sensitive",
        fr: "« {value} » n'est pas une règle pour les zéros ; attendu safe ou sensitive",
    },
    Message {
        code: "disclosure.arithmetic_overflow",
        en: "Secondary suppression needs numbers beyond 64-bit integers for this table; split it into smaller tables",
        fr: "La suppression secondaire exige des nombres au-delà des entiers 64 bits pour ce tableau ; divisez-le en tableaux plus petits",
    },
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::disclosure::table::Dimension;

    fn table(dims: &[(&str, &[&str])], counts: Vec<u64>) -> Table {
        let dims = dims
            .iter()
            .map(|(name, cats)| Dimension {
                name: (*name).into(),
                categories: cats.iter().map(|c| (*c).into()).collect(),
            })
            .collect();
        Table::new(dims, counts).unwrap()
    }

    fn statuses(s: &Suppression) -> Vec<&str> {
        s.cells
            .iter()
            .map(|c| match c.status {
                Status::Published => ".",
                Status::Primary => "P",
                Status::Secondary => "S",
            })
            .collect()
    }

    #[test]
    fn one_dimension_needs_a_second_cell() {
        // x=3 primary; order: Total 25, z 12, y 10 -> publishing y would reveal x.
        let t = table(&[("a", &["x", "y", "z"])], vec![3, 10, 12]);
        let s = suppress(&t, &Rules::default()).unwrap();
        assert_eq!(statuses(&s), ["P", "S", ".", "."]);
        assert_eq!(s.cells[2].value, Some(12));
        assert_eq!(s.cells[1].value, None);
    }

    #[test]
    fn two_by_two_loses_all_inner_cells() {
        let t = table(&[("r", &["a", "b"]), ("c", &["a", "b"])], vec![2, 10, 8, 9]);
        let s = suppress(&t, &Rules::default()).unwrap();
        // cell order: (a,a) (a,b) (a,T) (b,a) (b,b) (b,T) (T,a) (T,b) (T,T)
        assert_eq!(statuses(&s), ["P", "S", ".", "S", "S", ".", ".", ".", "."]);
        assert_eq!(s.loss.suppressed_count, 29);
        assert_eq!(s.loss.suppressed_share.to_string(), "1");
    }

    #[test]
    fn primary_only_publishes_a_recoverable_cell() {
        let t = table(&[("a", &["x", "y", "z"])], vec![3, 10, 12]);
        let s = suppress_primary_only(&t, &Rules::default()).unwrap();
        assert_eq!(statuses(&s), ["P", ".", ".", "."]);
    }

    #[test]
    fn singletons_are_not_left_to_protect_each_other() {
        let t = table(&[("a", &["w", "x", "y", "z"])], vec![1, 1, 20, 30]);
        let with = suppress(&t, &Rules::default()).unwrap();
        assert_eq!(statuses(&with), ["P", "P", "S", ".", "."]);
        let rules = Rules {
            singletons: false,
            ..Rules::default()
        };
        let without = suppress(&t, &rules).unwrap();
        assert_eq!(statuses(&without), ["P", "P", ".", ".", "."]);
    }

    #[test]
    fn zero_rules() {
        let t = table(&[("a", &["w", "x", "y", "z"])], vec![0, 3, 10, 12]);
        let safe = suppress(&t, &Rules::default()).unwrap();
        assert_eq!(statuses(&safe), [".", "P", "S", ".", "."]);
        let rules = Rules {
            zeros: ZeroRule::Sensitive,
            ..Rules::default()
        };
        let sensitive = suppress(&t, &rules).unwrap();
        assert_eq!(statuses(&sensitive), ["P", "P", ".", ".", "."]);
    }

    #[test]
    fn rules_are_checked_and_read_from_json() {
        let t = table(&[("a", &["x"])], vec![3]);
        let zero = Rules {
            threshold: 0,
            ..Rules::default()
        };
        assert_eq!(
            suppress(&t, &zero).unwrap_err().code,
            "disclosure.bad_threshold"
        );
        assert_eq!(Rules::from_json("{}").unwrap(), Rules::default());
        let read = Rules::from_json(r#"{"threshold": 3, "zeros": "sensitive"}"#).unwrap();
        assert_eq!((read.threshold, read.zeros), (3, ZeroRule::Sensitive));
        assert_eq!(
            Rules::from_json(r#"{"threshold": 0}"#).unwrap_err().code,
            "disclosure.bad_threshold"
        );
        assert_eq!(
            Rules::from_json(r#"{"zeros": "maybe"}"#).unwrap_err().code,
            "document.invalid"
        );
        assert_eq!(
            ZeroRule::from_name("maybe").unwrap_err().code,
            "disclosure.zero_rule"
        );
    }

    #[test]
    fn a_single_cell_table_suppresses_its_duplicate_total() {
        let t = table(&[("a", &["x"])], vec![3]);
        let s = suppress(&t, &Rules::default()).unwrap();
        assert_eq!(statuses(&s), ["P", "P"]);
        let t = table(&[("a", &["x"]), ("b", &["u", "v"])], vec![3, 9]);
        let s = suppress(&t, &Rules::default()).unwrap();
        // (x,u) (x,v) (x,T) (T,u) (T,v) (T,T): (T,u) equals (x,u) and is primary itself;
        // both totals equal u + v, so both v cells must go.
        assert_eq!(statuses(&s), ["P", "S", ".", "P", "S", "."]);
    }

    #[test]
    fn merge_and_gcd() {
        let x = vec![(0, 1), (2, 2)];
        let y = vec![(1, 1), (2, 1)];
        assert_eq!(merge(&x, 2, &y, 4), vec![(0, 2), (1, -4)]);
        assert_eq!(gcd(-4, 6), 2);
        assert_eq!(entry(&x, 2), 2);
        assert_eq!(entry(&x, 1), 0);
    }
}
