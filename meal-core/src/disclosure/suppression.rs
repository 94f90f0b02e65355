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
//! incremental: it touches only the vectors that c meets, and re-examines only the protected
//! forms those vectors change. The basis starts as the triangular basis
//! `⊗ₖ(e_{aₖ} − e_{aₖ−1})` of all inner changes (nothing published yet): it is sparse, and
//! each margin meets at most 2^(dimensions) of its vectors, so publishing the margins, offered
//! first as they hold the largest counts, leaves the sparse "hypercube" basis of the
//! interactions; the sparsest touched vector is the pivot, to limit fill-in. (Keeping the
//! basis in echelon form along the publication order makes inner cells cheaper but the
//! interaction basis dense: measured slower.)
//!
//! **Cost, and [`Rules::ambiguity_limit`].** On 1- and 2-dimension tables and small 3-dimension
//! ones the exact greedy is instant. On large tables of 3 or more dimensions the ambiguity
//! vectors that protect many cells at once become long (they tie the hidden cells together,
//! which is how the greedy publishes as much as it does), and the work grows with them: on
//! the 10 × 10 × 10 × 10 benchmark (`benches/suppression.rs`) the exact greedy takes minutes.
//! `ambiguity_limit: Some(n)` drops any vector that would grow beyond n cells. The basis then
//! spans a subspace of the ambiguity space, so each witness kept is genuine and the result is
//! exactly as safe; but a cell may be judged recoverable when a dropped vector would still
//! have hidden it, so more cells are suppressed. Measured on the benchmark (2 shared cores):
//! exact, 2 308 secondary cells hiding 10.9 % of the units, in about 4 minutes; n = 256,
//! 4 690 secondary cells hiding 36 %, in 1.2 s.
//!
//! Arithmetic is exact and never floating point. Exact rational elimination is not practical
//! here: on tables of 3 or more dimensions the coefficients grow like minors of the table's
//! 0/1 incidence matrix, far beyond 128 bits (fraction-free integer elimination overflowed
//! `i64` on the 4-dimension benchmark). So the elimination runs over the prime fields
//! F_p, p = 2^61 − 1 and p = 2^62 − 57, in lockstep, and a cell is published only when
//! *neither* field finds that publishing it reveals a protected form. Working modulo p can
//! only differ from the rationals when p divides a minor of the published forms; the unsafe
//! error (missing a revelation) needs p to divide every maximal minor of the published forms
//! and not those with the protected form added — for both primes at once (a product near
//! 2^123). The property tests replay the attacker over exact rationals on random tables of 1
//! to 3 dimensions, independently of this code.
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
//! | `disclosure.bad_ambiguity_limit` | an ambiguity limit below 2 is given |
//! | `disclosure.zero_rule` | a zero rule other than `safe` or `sensitive` is named |
//!
//! Reading rules from JSON fails with `json.malformed` or `document.invalid`.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::disclosure::loss::{CellLoss, InformationLoss, LossKind};
use crate::disclosure::table::Table;
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
    /// `None` (default): the exact greedy. `Some(n)`: ambiguity vectors longer than n cells
    /// are dropped, which bounds the work on large tables of 3 or more dimensions at the
    /// price of more secondary suppression; the result is just as safe. See the module docs.
    pub ambiguity_limit: Option<u64>,
}

impl Default for Rules {
    fn default() -> Self {
        Rules {
            threshold: 5,
            zeros: ZeroRule::Safe,
            singletons: true,
            ambiguity_limit: None,
        }
    }
}

impl Rules {
    /// Reads `{"threshold"?, "zeros"?, "singletons"?, "ambiguity_limit"?}`; absent fields
    /// take their defaults.
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
        if let Some(limit @ 0..=1) = self.ambiguity_limit {
            return Err(MealError::new("disclosure.bad_ambiguity_limit")
                .at("/ambiguity_limit")
                .with("limit", limit));
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
    let statuses = protect(table, rules, true);
    Ok(publish(table, &statuses))
}

/// Primary suppression only, with no secondary cells: what a naive release would publish.
/// Useful to show why secondary suppression is needed (such a table can usually be undone).
pub fn suppress_primary_only(table: &Table, rules: &Rules) -> Result<Suppression, MealError> {
    rules.check()?;
    let statuses = protect(table, rules, false);
    Ok(publish(table, &statuses))
}

/// The status of every cell.
fn protect(table: &Table, rules: &Rules, secondary: bool) -> Vec<Status> {
    let mut statuses: Vec<Status> = (0..table.cell_count())
        .map(|index| match rules.is_primary(table.value(index)) {
            true => Status::Primary,
            false => Status::Published,
        })
        .collect();
    if !secondary {
        return statuses;
    }
    let order = candidates(table, rules, &statuses);
    let limit = rules
        .ambiguity_limit
        .map(|n| usize::try_from(n).unwrap_or(usize::MAX));
    let mut engine = Engine::new(table, limit);
    for (index, status) in statuses.iter().enumerate() {
        if *status == Status::Primary {
            engine.protect(&table.covered_inner(index));
        }
    }
    if rules.singletons {
        for group in singleton_groups(table, rules, &statuses) {
            engine.protect(&group);
        }
    }
    for index in order {
        if !engine.publish(&table.covered_inner(index)) {
            if let Some(status) = statuses.get_mut(index) {
                *status = Status::Secondary;
            }
        }
    }
    statuses
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

/// The primes of the two fields the elimination runs in: 2^61 − 1 and 2^62 − 57.
const PRIMES: [u64; 2] = [(1 << 61) - 1, (1 << 62) - 57];

/// The ambiguity space computed in each field of [`PRIMES`], in lockstep: a cell is
/// published only when neither field finds that publishing it reveals a protected form.
#[derive(Debug)]
struct Engine {
    fields: Vec<Ambiguity>,
}

impl Engine {
    fn new(table: &Table, limit: Option<usize>) -> Engine {
        Engine {
            fields: PRIMES
                .iter()
                .map(|prime| Ambiguity::triangular(table, Field(*prime), limit))
                .collect(),
        }
    }

    /// Protects the sum of `cells`: from now on it must stay changeable.
    fn protect(&mut self, cells: &[u32]) {
        for basis in &mut self.fields {
            let dots = basis.dots(cells);
            basis.protect(&dots);
        }
    }

    /// Publishes the cell covering `cells` unless that would reveal a protected form in some
    /// field; then protects it instead and returns false (a secondary suppression).
    fn publish(&mut self, cells: &[u32]) -> bool {
        let steps: Vec<Step> = self
            .fields
            .iter_mut()
            .map(|basis| basis.step(cells))
            .collect();
        let reveals = self
            .fields
            .iter()
            .zip(&steps)
            .any(|(basis, step)| basis.would_reveal(step));
        for (basis, step) in self.fields.iter_mut().zip(steps) {
            if reveals {
                basis.protect(&step.touched);
            } else {
                basis.apply(&step);
            }
        }
        !reveals
    }
}

/// Arithmetic modulo a prime below 2^63.
#[derive(Debug, Clone, Copy)]
struct Field(u64);

impl Field {
    /// Sum of two reduced elements (both below p < 2^63, so no overflow).
    fn add(self, a: u64, b: u64) -> u64 {
        let sum = a + b;
        if sum >= self.0 {
            sum - self.0
        } else {
            sum
        }
    }

    fn sub(self, a: u64, b: u64) -> u64 {
        if a >= b {
            a - b
        } else {
            self.0 - (b - a)
        }
    }

    fn mul(self, a: u64, b: u64) -> u64 {
        self.narrow(u128::from(a) * u128::from(b))
    }

    /// `factor·value`, with the factors ±1 that elimination on 0/1 forms mostly meets
    /// taken without a multiplication.
    fn scale(self, factor: u64, value: u64) -> u64 {
        if factor == 1 {
            value
        } else if factor == self.0 - 1 {
            self.sub(0, value)
        } else {
            self.mul(factor, value)
        }
    }

    fn element(self, value: i8) -> u64 {
        let magnitude = u64::from(value.unsigned_abs());
        if value < 0 {
            self.sub(0, magnitude)
        } else {
            magnitude
        }
    }

    /// The inverse of a nonzero element (Fermat: a^(p−2)).
    fn inverse(self, a: u64) -> u64 {
        let (mut result, mut base, mut exponent) = (1u64, a, self.0 - 2);
        while exponent > 0 {
            if exponent & 1 == 1 {
                result = self.mul(result, base);
            }
            base = self.mul(base, base);
            exponent >>= 1;
        }
        result
    }

    /// `value mod p` for the pseudo-Mersenne primes `p = 2^k − c` of [`PRIMES`]: folding the
    /// high bits as `hi·c` (since `2^k ≡ c`) instead of a 128-bit division.
    fn narrow(self, value: u128) -> u64 {
        let p = u128::from(self.0);
        let bits = 128 - p.leading_zeros();
        let c = (1u128 << bits) - p;
        let mask = (1u128 << bits) - 1;
        let mut folded = value;
        while folded >> bits != 0 {
            folded = (folded >> bits) * c + (folded & mask);
        }
        if folded >= p {
            folded -= p;
        }
        u64::try_from(folded).unwrap_or(0)
    }
}

/// A sparse vector over a field: sorted `(position, value)` pairs, no zero values.
type Sparse = Vec<(u32, u64)>;

/// One basis vector of the ambiguity space: its entries over the inner cells, and its dot
/// products with the protected forms (nonzero ones, by protected id).
#[derive(Debug, Clone)]
struct Vector {
    entries: Sparse,
    dots: Sparse,
}

/// What publishing a cell would do: the vectors it meets (with their dot products) and the
/// pivot the others would be combined against.
#[derive(Debug)]
struct Step {
    touched: Sparse,
    pivot: Option<(u32, u64)>,
}

/// A basis of the ambiguity space in one field, with the indexes that keep each step local.
#[derive(Debug)]
struct Ambiguity {
    field: Field,
    /// The most entries a basis vector may have, if limited (see [`Ambiguity::survives`]).
    limit: Option<usize>,
    /// Basis vectors by id; `None` once eliminated.
    vectors: Vec<Option<Vector>>,
    /// For each inner cell, the ids of the vectors with a nonzero entry there.
    by_cell: Vec<Vec<u32>>,
    /// For each protected form, how many vectors change it (0 would mean recoverable).
    witnesses: Vec<usize>,
}

impl Ambiguity {
    /// The basis `⊗ₖ uₖ` with `u = e₀` for coordinate 0 and `u = e_a − e_{a−1}` otherwise:
    /// it spans every change of the inner counts, as nothing is published yet.
    fn triangular(table: &Table, field: Field, limit: Option<usize>) -> Ambiguity {
        let sizes: Vec<u32> = table
            .dimensions()
            .iter()
            .map(|d| u32::try_from(d.categories.len()).unwrap_or(u32::MAX))
            .collect();
        let inner = table.inner_count();
        let mut basis = Ambiguity {
            field,
            limit,
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
            let mut entries: Vec<(u32, i8)> = vec![(0, 1)];
            for (digit, size) in digits.iter().zip(&sizes) {
                let factor: &[(u32, i8)] = if *digit == 0 {
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
            let entries = entries
                .into_iter()
                .map(|(i, v)| (i, field.element(v)))
                .collect();
            basis.insert(Vector {
                entries,
                dots: Vec::new(),
            });
        }
        basis
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
    /// `by_cell` lists may hold stale or repeated ids (see [`Ambiguity::replace`]); reading a
    /// list compacts it first.
    fn dots(&mut self, cells: &[u32]) -> Sparse {
        let mut sums: Vec<(u32, u64)> = Vec::new();
        for cell in cells {
            let Some(mut ids) = self.by_cell.get_mut(*cell as usize).map(std::mem::take) else {
                continue;
            };
            ids.sort_unstable();
            ids.dedup();
            ids.retain(|id| {
                let value = self.vector(*id).map_or(0, |v| entry(&v.entries, *cell));
                if value != 0 {
                    sums.push((*id, value));
                }
                value != 0
            });
            if let Some(slot) = self.by_cell.get_mut(*cell as usize) {
                *slot = ids;
            }
        }
        sums.sort_unstable_by_key(|(id, _)| *id);
        let mut out: Sparse = Vec::with_capacity(sums.len());
        for (id, value) in sums {
            match out.last_mut() {
                Some((last, sum)) if *last == id => *sum = self.field.add(*sum, value),
                _ => out.push((id, value)),
            }
        }
        out.retain(|(_, sum)| *sum != 0);
        out
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

    /// The elimination step that would publish the cell covering `cells`; the pivot is the
    /// sparsest vector it meets (fewest entries, then lowest id), to limit fill-in.
    fn step(&mut self, cells: &[u32]) -> Step {
        let touched = self.dots(cells);
        let pivot = touched.iter().copied().min_by_key(|(id, _)| {
            let size = self.vector(*id).map_or(usize::MAX, |v| v.entries.len());
            (size, *id)
        });
        Step { touched, pivot }
    }

    /// True when, after the step, some protected form would be changed by no basis vector.
    /// Only forms met by the touched vectors can lose witnesses; a form keeps one if an
    /// untouched vector changes it or if some combined vector still does.
    fn would_reveal(&self, step: &Step) -> bool {
        let Some((pivot, pivot_dot)) = step.pivot else {
            return false; // already recoverable: publishing it tells nothing new
        };
        let mut met: Vec<u32> = step
            .touched
            .iter()
            .flat_map(|(id, _)| self.vector(*id).map_or(&[][..], |v| v.dots.as_slice()))
            .map(|(form, _)| *form)
            .collect();
        met.sort_unstable();
        let field = self.field;
        let pivot_dots = self.vector(pivot).map_or(&[][..], |v| v.dots.as_slice());
        met.chunk_by(|a, b| a == b).any(|run| {
            let form = run.first().copied().unwrap_or(0);
            if self.witnesses.get(form as usize).copied().unwrap_or(0) > run.len() {
                return false; // an untouched vector still changes it
            }
            let at_pivot = entry(pivot_dots, form);
            !step.touched.iter().any(|(id, dot)| {
                let own = self.vector(*id).map_or(0, |v| entry(&v.dots, form));
                *id != pivot
                    && self.survives(*id, pivot)
                    && field.mul(pivot_dot, own) != field.mul(*dot, at_pivot)
            })
        })
    }

    /// True when combining vector `id` with the pivot stays within [`Rules::ambiguity_limit`]
    /// (judged on the sum of their sizes, a bound known before combining). A vector that
    /// would not is dropped: the basis then spans a subspace of the ambiguity space, so every
    /// witness it keeps is genuine (safety holds) while a form may be judged recoverable when
    /// a longer vector would still have hidden it (more suppression, never less protection).
    fn survives(&self, id: u32, pivot: u32) -> bool {
        let size = |v: u32| self.vector(v).map_or(0, |v| v.entries.len());
        self.limit
            .is_none_or(|limit| size(id) + size(pivot) <= limit)
    }

    /// Publishes: every touched vector z becomes `z − (d / d₀)·z₀`, orthogonal to the
    /// published form, and the pivot z₀ leaves the basis.
    fn apply(&mut self, step: &Step) {
        let Some((pivot, pivot_dot)) = step.pivot else {
            return;
        };
        let inverse = self.field.inverse(pivot_dot);
        for &(id, dot) in &step.touched {
            if id == pivot {
                continue;
            }
            if self.survives(id, pivot) {
                self.combine(id, self.field.mul(dot, inverse), pivot);
            } else {
                self.replace(id, None);
            }
        }
        self.replace(pivot, None);
    }

    /// Replaces vector `id` by `z − factor·z_pivot`.
    fn combine(&mut self, id: u32, factor: u64, pivot: u32) {
        let (Some(own), Some(other)) = (self.vector(id), self.vector(pivot)) else {
            return;
        };
        let combined = Vector {
            entries: merge(self.field, &own.entries, factor, &other.entries),
            dots: merge(self.field, &own.dots, factor, &other.dots),
        };
        self.replace(id, Some(combined));
    }

    /// Puts `new` in place of vector `id` (or drops it) and keeps the indexes in step.
    fn replace(&mut self, id: u32, new: Option<Vector>) {
        let old = self.vectors.get_mut(id as usize).and_then(Option::take);
        let (old_entries, old_dots) = old.map(|v| (v.entries, v.dots)).unwrap_or_default();
        let (new_entries, new_dots) = new
            .as_ref()
            .map(|v| (v.entries.as_slice(), v.dots.as_slice()))
            .unwrap_or_default();
        // Cells a vector leaves keep its id until their list is next read (`dots` drops ids
        // whose entry is zero); cells it enters get the id at once.
        let by_cell = &mut self.by_cell;
        support_changes(&old_entries, new_entries, |cell, gained| {
            if let (true, Some(ids)) = (gained, by_cell.get_mut(cell as usize)) {
                ids.push(id);
            }
        });
        let witnesses = &mut self.witnesses;
        support_changes(&old_dots, new_dots, |form, gained| {
            if let Some(count) = witnesses.get_mut(form as usize) {
                *count = if gained {
                    *count + 1
                } else {
                    count.saturating_sub(1)
                };
            }
        });
        if let Some(slot) = self.vectors.get_mut(id as usize) {
            *slot = new;
        }
    }
}

/// The value at `position` of a sparse vector (0 when absent).
fn entry(vector: &[(u32, u64)], position: u32) -> u64 {
    vector
        .binary_search_by_key(&position, |(p, _)| *p)
        .ok()
        .and_then(|at| vector.get(at))
        .map_or(0, |(_, v)| *v)
}

/// `x − factor·y` over sorted sparse vectors, zeros dropped.
fn merge(field: Field, x: &[(u32, u64)], factor: u64, y: &[(u32, u64)]) -> Sparse {
    let mut out = Vec::with_capacity(x.len() + y.len());
    let (mut xs, mut ys) = (x.iter().peekable(), y.iter().peekable());
    loop {
        let (position, value) = match (xs.peek().copied(), ys.peek().copied()) {
            (Some(&(i, v)), Some(&(j, w))) if i == j => {
                xs.next();
                ys.next();
                (i, field.sub(v, field.scale(factor, w)))
            }
            (Some(&(i, v)), Some(&(j, _))) if i < j => {
                xs.next();
                (i, v)
            }
            (Some(&(i, v)), None) => {
                xs.next();
                (i, v)
            }
            (_, Some(&(j, w))) => {
                ys.next();
                (j, field.sub(0, field.scale(factor, w)))
            }
            (None, None) => break,
        };
        if value != 0 {
            out.push((position, value));
        }
    }
    out
}

/// The positions that enter (`true`) or leave (`false`) the support of a sparse vector, by a
/// walk over both sorted supports.
fn support_changes(old: &[(u32, u64)], new: &[(u32, u64)], mut change: impl FnMut(u32, bool)) {
    let (mut before, mut after) = (old.iter().peekable(), new.iter().peekable());
    loop {
        match (before.peek(), after.peek()) {
            (Some((i, _)), Some((j, _))) if i == j => {
                before.next();
                after.next();
            }
            (Some((i, _)), Some((j, _))) if i < j => {
                change(*i, false);
                before.next();
            }
            (Some((i, _)), None) => {
                change(*i, false);
                before.next();
            }
            (_, Some((j, _))) => {
                change(*j, true);
                after.next();
            }
            (None, None) => break,
        }
    }
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
        code: "disclosure.bad_ambiguity_limit",
        en: "The ambiguity limit must be at least 2 cells; {limit} was given",
        fr: "La limite d'ambiguïté doit valoir au moins 2 cellules ; {limit} a été donné",
    },
    Message {
        code: "disclosure.zero_rule",
        en: "'{value}' is not a zero rule; expected safe or sensitive",
        fr: "« {value} » n'est pas une règle pour les zéros ; attendu safe ou sensitive",
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
        let limit = Rules {
            ambiguity_limit: Some(1),
            ..Rules::default()
        };
        assert_eq!(
            suppress(&t, &limit).unwrap_err().code,
            "disclosure.bad_ambiguity_limit"
        );
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
    fn field_arithmetic_is_exact_modulo_the_prime() {
        let f = Field(PRIMES[0]);
        let minus_one = f.element(-1);
        assert_eq!(f.add(minus_one, 1), 0);
        assert_eq!(f.mul(minus_one, minus_one), 1);
        assert_eq!(f.mul(f.inverse(12345), 12345), 1);
        let x = vec![(0, 1), (2, 2)];
        let y = vec![(1, 1), (2, 1)];
        assert_eq!(merge(f, &x, 2, &y), vec![(0, 1), (1, f.sub(0, 2))]);
        assert_eq!(entry(&x, 2), 2);
        assert_eq!(entry(&x, 1), 0);
    }
}
