//! Indicator definitions, targets, aggregation over periods, achievement and status.
//!
//! An [`Indicator`] says what is measured ([`Measure`]), which way is better ([`Direction`]) and
//! how the values of short periods make the value of a longer one ([`Aggregation`]). This module
//! turns a definition and a series of [`Observation`]s into the target and the actual of any
//! period, sets one against the other ([`achievement`], [`Status`]) and checks definitions
//! ([`Indicator::validate`]). Every rule below is pinned by unit tests, by the property tests of
//! `meal-core/tests/indicator_props.rs` and by the conformance vectors of
//! `tests/vectors/indicator.json`.
//!
//! Sources are cited by the section of `reference/logframes-indicators.md` that studied them
//! (§1.3 DHIS2 indicators, §3.2 TolaData, §7.2 indicator value, §7.4 cumulative semantics,
//! §7.5 on-track status, §8 user complaints).
//!
//! # Figures
//!
//! Every figure is a [`Decimal`] and every operation on one is checked: an overflow gives `None`
//! (targets) or the error `indicator.overflow` (actuals), never a panic and never a wrapped
//! value. Returned figures are normalised (`0.8`, not `0.8000`). Two figures are rounded, both to
//! 4 decimal places, half to even (banker's rounding, the IEEE 754 default, so rounding errors do
//! not drift one way across the many cells of a report): the achievement, and the actual of a
//! ratio or mean measure (a quotient). Sums are exact and never rounded.
//!
//! # Measures: what combines, and how
//!
//! The *aggregation* chooses which observations count for a period (the window, below); the
//! *measure* chooses how the chosen observations combine:
//! * `count`, `sum`, `distinct_persons`: the values are added.
//! * `ratio { factor }`: each observation carries its numerator (`value`) and its `denominator`;
//!   the actual is Σ numerators / Σ denominators × factor — a **ratio of sums, never a mean or a
//!   sum of ratios** (§7.2; Akvo #2446 and ActivityInfo's SUMX in §8 item 2). It is `None` when
//!   Σ denominators is 0, as DHIS2 gives null when the denominator is 0 (§1.3,
//!   `DefaultExpressionService.getIndicatorValueObject`).
//! * `mean`: a mean of means is wrong whenever the groups differ in size, so a mean observation
//!   carries its sum in `value` and its count in `denominator`; the actual is Σ sums / Σ counts —
//!   the ratio rule with factor 1.
//! * `ordinal`, `nominal`, `qualitative`: no numeric actual; asking for one is the error
//!   `indicator.not_quantitative`. An ordinal indicator may still declare targets and baseline
//!   (a level of its scale, 1 = first level) and be assessed against an actual the caller gives.
//!
//! An observation's shape must fit the measure, else `indicator.observation_mismatch` with the
//! observation's `period` and a `reason`: `missing_denominator` (ratio or mean without one),
//! `unexpected_denominator` (a denominator on an additive measure) or `negative_denominator`.
//! Observations of one series must not overlap in time (two for the same month, or a month and
//! the quarter holding it): that is `indicator.duplicate_observation` (params `period`, `other`),
//! because any choice between them would silently drop or double-count a value.
//!
//! # Actual of a period: the window of each aggregation (§7.4)
//!
//! "Inside" means the observation's period lies wholly inside the asked period.
//! * `incremental` — the observations inside the period (Tola `NON_CUMULATIVE`, Akvo periodic).
//! * `ratio_of_sums` — the observations inside the period.
//! * `running_total` — every observation that has *ended* by the end of the period, since the
//!   start of the series (Tola `CUMULATIVE`). An observation still running at the period's end is
//!   not counted yet.
//! * `yearly_reset_running_total` — as `running_total`, but only observations ending on or after
//!   1 January of the year in which the period ends (Terraware "Yearly cumulative", DHIS2
//!   `yearToDate`). An observation straddling the new year belongs to the year it ends in, so
//!   every observation is counted in exactly one year.
//! * `latest_snapshot` — the one observation inside the period with the latest end date (Tola
//!   `NON_SUMMING_CUMULATIVE`, Akvo cumulative: "the value of the last period with a value",
//!   Akvo #5211 in §8). A snapshot outside the period does not stand for it: a quarter with no
//!   snapshot of its own has no actual, rather than repeating an older level.
//!
//! The actual is `None` when the window is empty ("no data" is not zero).
//!
//! # Target of a period
//!
//! Targets are declared per period, of any period type, for the total (empty `cell`) or for one
//! disaggregation cell; [`Indicator::target_for`] answers for the total.
//! 1. A total target declared for exactly the period's dates is the target. If several are
//!    declared (a `indicator.duplicate_target` finding), the first one counts.
//! 2. Otherwise the target derives from the *coarsest* total targets wholly inside the period
//!    (a target inside another such target is ignored: a year with quarterly and monthly targets
//!    uses the quarters).
//!    * additive measures (`count`, `sum`, `distinct_persons`) with `incremental` aggregation:
//!      the **sum** of those targets — only when they tile the period exactly, first day to last
//!      day, without gap or overlap; otherwise `None`. A year with targets for Q1–Q3 only has no
//!      target: summing what exists would under-count it, which is hikaya #645 (§8 item 4: an
//!      end-of-programme target of 80 instead of 100).
//!    * every other case (`running_total`, `latest_snapshot`, `yearly_reset_running_total`,
//!      `ratio_of_sums`, and any ratio, mean or ordinal measure whatever its aggregation): the
//!      target of the **latest** of those periods, never a sum (Tola `calculated_lop_target`,
//!      §3.2: "last periodic target if cumulative"; a rate target is a level). That latest target
//!      must end on the period's last day; otherwise `None`, since a target set for an earlier date
//!      is not the bar for the period's end.
//! 3. Nothing is pro-rated: a quarter inside a year that only has a yearly target has no target
//!    (§7.5 asks to make that choice explicit; pro-rating assumes an even pace nobody declared).
//!    Nominal and qualitative indicators have no numeric target.
//!
//! # Achievement ([`achievement`], a fraction: 1 = 100 %)
//!
//! * `increase` with a baseline: (actual − baseline) / (target − baseline).
//! * `decrease` with a baseline: (baseline − actual) / (baseline − target) (hikaya #397, §3.3).
//! * `increase` without a baseline: actual / target (progress from zero, Tola §3.2).
//! * `decrease` without a baseline: target / actual. Without a baseline there is no point to
//!   reflect about, so the ratio is turned round instead: a decreasing indicator at twice its
//!   target scores 0.5, like an increasing one at half its target; the two rules are exact mirrors
//!   under x ↦ 1/x. Both no-baseline ratios need a positive target (and a positive actual for
//!   `decrease`): a ratio of signed values points the wrong way.
//! * `maintain { tolerance }`: 1 when |actual − target| ≤ tolerance, else
//!   1 − (|actual − target| − tolerance) / |target|. With tolerance 0 this is Mercy Corps'
//!   two-sided rule `|actual/target − 1| ≤ margin` (§3.2, §7.5) written as a fraction.
//!   The baseline plays no part.
//!
//! The baseline counts only where a value is a level it can be compared with
//! ([`Aggregation::compares_with_baseline`]): under `incremental` and
//! `yearly_reset_running_total` each value is a flow over its own period, so a yearly baseline is
//! no starting point for a quarter and achievement is the no-baseline ratio.
//!
//! Over-achievement is kept (1.25 means 125 %); achievement can be negative (a move away from
//! the target). It is `None` — undefined, never a panic — when a division by zero would occur or
//! the target is not beyond the baseline in the indicator's direction (an `increase` target at
//! or below its baseline: no progress is asked for, so no fraction measures it; validation warns
//! with `indicator.target_against_direction`).
//!
//! # Status (§7.5)
//!
//! * `no_target` when the period has no target (checked first), `no_data` when it has no actual.
//! * Otherwise from the rounded achievement (the figure a reader sees, so they can recompute it):
//!   at or above [`Thresholds::on_track`] → `on_track` (over-achievement included); at or above
//!   [`Thresholds::at_risk`] → `at_risk`; below → `off_track`.
//! * When achievement is undefined (above), the status is the plain test "is the target reached
//!   in the indicator's direction" (actual ≥ target for `increase`, ≤ for `decrease`, within the
//!   tolerance for `maintain`): `on_track` if so, `off_track` if not.
//!
//! Default thresholds: `on_track` 0.85 is Mercy Corps' 15 % margin (`ONSCOPE_MARGIN = .15`,
//! §3.2); `at_risk` 0.60 is this library's choice (a shortfall of up to 40 % can still be
//! recovered within a reporting cycle; beyond it, the plan needs revising), and callers can pass
//! their own [`Thresholds`]. The status is symmetric: an increasing indicator and its mirror image
//! as a decreasing one (baseline, target and actual reflected about any point) get the same
//! achievement and the same status, because the two formulas are exact mirrors.
//!
//! # Validation ([`Indicator::validate`])
//!
//! Findings, with stable codes and paths under the given prefix (`{path}/targets/2/cell`):
//! * `indicator.blank_code` — blank indicator, dimension or category code;
//! * `indicator.blank_text` — a text blank in English or French (error for names, unit,
//!   ratio parts, scale entries; warning for definition, baseline source, means of verification);
//! * `indicator.ratio_factor` — ratio factor ≤ 0;
//! * `indicator.empty_scale` — an ordinal scale of fewer than 2 levels, a nominal one of none;
//! * `indicator.negative_tolerance` — `maintain` with a negative tolerance;
//! * `indicator.ratio_summed` — a ratio or mean measure with `incremental` aggregation: summing
//!   percentages or means is the classic error (§7.2, §8 item 2);
//! * `indicator.aggregation_mismatch` — `ratio_of_sums` on a measure without a denominator, or an
//!   ordinal measure with anything but `latest_snapshot`;
//! * `indicator.distinct_summed` (warning) — distinct persons added up across periods count a
//!   person once per period;
//! * `indicator.baseline_not_allowed`, `indicator.target_not_allowed` — numeric baseline or
//!   targets on a nominal or qualitative measure;
//! * `indicator.ordinal_out_of_scale` — ordinal baseline or target not a whole level 1..=n;
//! * `indicator.invalid_count` — a count or distinct-persons baseline or target that is negative
//!   or fractional;
//! * `indicator.unknown_dimension`, `indicator.unknown_category` — a target cell naming an
//!   undeclared dimension or category (the implicit `unknown` category is declared);
//! * `indicator.duplicate_target` — two targets for the same period and cell;
//! * `indicator.duplicate_dimension`, `indicator.duplicate_category` — repeated codes;
//! * `indicator.reserved_category` — a category coded `unknown` ([`UNKNOWN_CATEGORY`]);
//! * `indicator.target_against_direction` (warning) — a total target not beyond the baseline in
//!   the indicator's direction.
//!
//! Unknown fields of structs surface as `document.unknown_field` findings (see `document`);
//! the tagged enums (`measure`, `direction`) deny unknown fields outright because serde
//! cannot report what it skips inside them, and an error is better than a silent drop. They are
//! read through private mirrors with struct variants, because serde lets extra fields of unit
//! variants through even under `deny_unknown_fields`: `{"kind": "increase", "tolerance": "5"}`
//! is an error, not an increase that silently lost its tolerance.

use std::collections::BTreeMap;

use chrono::Datelike;
use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

use crate::error::{sort_findings, Finding, MealError};
use crate::i18n::{Message, Term};
use crate::period::Period;
use crate::text::Text;

/// What an indicator measures, and so how its values combine.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    tag = "kind",
    rename_all = "snake_case",
    deny_unknown_fields,
    from = "MeasureJson"
)]
pub enum Measure {
    /// Number of events or items (consultations, sessions).
    Count,
    /// Sum of a quantity (nights of shelter, kits).
    Sum,
    /// Mean of a quantity (waiting days).
    Mean,
    /// Numerator over denominator times `factor` (100 for a percentage). Both parts are kept so
    /// that roll-ups are ratios of sums, never means of ratios.
    Ratio {
        numerator: Text,
        denominator: Text,
        factor: Decimal,
    },
    /// Number of distinct persons (by pseudonym), not of contacts.
    DistinctPersons,
    /// A position on an ordered scale (e.g. a 1–4 policy-change stage).
    Ordinal { levels: Vec<Text> },
    /// One of unordered categories.
    Nominal { categories: Vec<Text> },
    /// A narrative (outcome harvesting statement, testimony of change).
    Qualitative,
}

/// Which way is better.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    tag = "kind",
    rename_all = "snake_case",
    deny_unknown_fields,
    from = "DirectionJson"
)]
pub enum Direction {
    /// Higher is better.
    Increase,
    /// Lower is better.
    Decrease,
    /// Stay within `tolerance` (absolute, in the indicator's unit) of the target.
    Maintain { tolerance: Decimal },
}

/// The JSON form of [`Measure`] as read. serde ignores extra fields of *unit* variants of an
/// internally tagged enum even under `deny_unknown_fields` (`{"kind": "count", "factor": "100"}`
/// would read as a plain count); empty struct variants do reject them, so reading goes through
/// this mirror. The JSON shape is the same.
#[derive(Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
enum MeasureJson {
    Count {},
    Sum {},
    Mean {},
    Ratio {
        numerator: Text,
        denominator: Text,
        factor: Decimal,
    },
    DistinctPersons {},
    Ordinal {
        levels: Vec<Text>,
    },
    Nominal {
        categories: Vec<Text>,
    },
    Qualitative {},
}

impl From<MeasureJson> for Measure {
    fn from(json: MeasureJson) -> Self {
        match json {
            MeasureJson::Count {} => Measure::Count,
            MeasureJson::Sum {} => Measure::Sum,
            MeasureJson::Mean {} => Measure::Mean,
            MeasureJson::Ratio {
                numerator,
                denominator,
                factor,
            } => Measure::Ratio {
                numerator,
                denominator,
                factor,
            },
            MeasureJson::DistinctPersons {} => Measure::DistinctPersons,
            MeasureJson::Ordinal { levels } => Measure::Ordinal { levels },
            MeasureJson::Nominal { categories } => Measure::Nominal { categories },
            MeasureJson::Qualitative {} => Measure::Qualitative,
        }
    }
}

/// The JSON form of [`Direction`] as read (see [`MeasureJson`] for why).
#[derive(Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
enum DirectionJson {
    Increase {},
    Decrease {},
    Maintain { tolerance: Decimal },
}

impl From<DirectionJson> for Direction {
    fn from(json: DirectionJson) -> Self {
        match json {
            DirectionJson::Increase {} => Direction::Increase,
            DirectionJson::Decrease {} => Direction::Decrease,
            DirectionJson::Maintain { tolerance } => Direction::Maintain { tolerance },
        }
    }
}

/// How values of consecutive periods combine into the value of a longer period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Aggregation {
    /// Each period's value is new: a longer period sums them; its target sums the targets.
    Incremental,
    /// Values are increments reported as a running total since the start.
    RunningTotal,
    /// Each value is already a to-date total or a level: a longer period takes the latest.
    LatestSnapshot,
    /// A running total that restarts each calendar year.
    YearlyResetRunningTotal,
    /// Ratios: a longer period is Σ numerators / Σ denominators.
    RatioOfSums,
}

/// A baseline value and when it was measured.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Baseline {
    pub value: Decimal,
    /// Period of the measurement (its id in JSON).
    pub period: Period,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Text>,
}

/// A target for one period, optionally for one disaggregation cell.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Target {
    pub period: Period,
    pub value: Decimal,
    /// Dimension code → category code. Empty means the total.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub cell: BTreeMap<String, String>,
}

/// One category of a disaggregation dimension.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Category {
    pub code: String,
    pub name: Text,
}

/// A disaggregation dimension with declared categories. The "unknown" cell always exists
/// implicitly (code [`UNKNOWN_CATEGORY`]) so no value is ever dropped for lack of a category.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dimension {
    pub code: String,
    pub name: Text,
    pub categories: Vec<Category>,
}

/// Code of the implicit cell holding values whose category is missing or undeclared.
pub const UNKNOWN_CATEGORY: &str = "unknown";

/// An indicator definition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Indicator {
    pub code: String,
    pub name: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub definition: Option<Text>,
    pub measure: Measure,
    /// Unit in words (`persons`, `consultations`, `%`).
    pub unit: Text,
    pub direction: Direction,
    pub aggregation: Aggregation,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline: Option<Baseline>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub targets: Vec<Target>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub disaggregation: Vec<Dimension>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub means_of_verification: Vec<Text>,
}

/// Where an indicator stands against its target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    OnTrack,
    AtRisk,
    OffTrack,
    NoData,
    NoTarget,
}

/// Achievement thresholds (fractions of the target) that separate the statuses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Thresholds {
    /// Achievement at or above this is on track.
    pub on_track: Decimal,
    /// Achievement at or above this (and below `on_track`) is at risk; below is off track.
    pub at_risk: Decimal,
}

/// One reported value of a period. For ratio measures `value` is the numerator and
/// `denominator` is required; for other measures `denominator` must be absent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Observation {
    pub period: Period,
    pub value: Decimal,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub denominator: Option<Decimal>,
}

impl Default for Thresholds {
    /// Documented defaults (see the module docs for their source).
    fn default() -> Self {
        Thresholds {
            on_track: Decimal::new(85, 2),
            at_risk: Decimal::new(60, 2),
        }
    }
}

/// The result of setting an actual value against the target of a period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assessment {
    pub period: Period,
    pub target: Option<Decimal>,
    pub actual: Option<Decimal>,
    /// Fraction of the target achieved (1 = 100 %), rounded to 4 decimal places.
    pub achievement: Option<Decimal>,
    pub status: Status,
}

impl Measure {
    /// The snake_case name of the measure, as in JSON (`ratio`, `distinct_persons`, …).
    pub fn kind(&self) -> &'static str {
        match self {
            Measure::Count => "count",
            Measure::Sum => "sum",
            Measure::Mean => "mean",
            Measure::Ratio { .. } => "ratio",
            Measure::DistinctPersons => "distinct_persons",
            Measure::Ordinal { .. } => "ordinal",
            Measure::Nominal { .. } => "nominal",
            Measure::Qualitative => "qualitative",
        }
    }

    /// How observations of this measure combine; `None` for measures without a numeric actual.
    fn combination(&self) -> Option<Combination> {
        match self {
            Measure::Count | Measure::Sum | Measure::DistinctPersons => Some(Combination::Add),
            Measure::Mean => Some(Combination::Quotient(Decimal::ONE)),
            Measure::Ratio { factor, .. } => Some(Combination::Quotient(*factor)),
            Measure::Ordinal { .. } | Measure::Nominal { .. } | Measure::Qualitative => None,
        }
    }

    /// True for the measures whose values add up across periods (count, sum, distinct persons).
    fn is_additive(&self) -> bool {
        matches!(self.combination(), Some(Combination::Add))
    }
}

impl Direction {
    /// The snake_case name of the direction, as in JSON.
    pub fn kind(&self) -> &'static str {
        match self {
            Direction::Increase => "increase",
            Direction::Decrease => "decrease",
            Direction::Maintain { .. } => "maintain",
        }
    }
}

impl Aggregation {
    /// True when a value is a level (a to-date total, a snapshot, a rate) that a baseline of any
    /// period can be compared with. Under `incremental` and `yearly_reset_running_total` a value
    /// is a flow over its own period: a 2025 baseline of 4 230 consultations is no starting point
    /// for a quarter's 1 050, so achievement ignores it (actual / target) and validation does not
    /// hold targets against it. The baseline stays in the definition, for reports.
    pub fn compares_with_baseline(self) -> bool {
        !matches!(
            self,
            Aggregation::Incremental | Aggregation::YearlyResetRunningTotal
        )
    }

    /// The snake_case name of the aggregation, as in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Aggregation::Incremental => "incremental",
            Aggregation::RunningTotal => "running_total",
            Aggregation::LatestSnapshot => "latest_snapshot",
            Aggregation::YearlyResetRunningTotal => "yearly_reset_running_total",
            Aggregation::RatioOfSums => "ratio_of_sums",
        }
    }
}

impl Status {
    /// The snake_case name used in JSON and every binding (`on_track`, `no_data`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            Status::OnTrack => "on_track",
            Status::AtRisk => "at_risk",
            Status::OffTrack => "off_track",
            Status::NoData => "no_data",
            Status::NoTarget => "no_target",
        }
    }
}

/// How the observations of a window combine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Combination {
    /// Σ values.
    Add,
    /// Σ values / Σ denominators × factor.
    Quotient(Decimal),
}

/// Decimal places of achievements and quotients.
const DECIMAL_PLACES: u32 = 4;

/// Rounds to [`DECIMAL_PLACES`], half to even, and strips trailing zeros.
pub(crate) fn round(value: Decimal) -> Decimal {
    value
        .round_dp_with_strategy(DECIMAL_PLACES, RoundingStrategy::MidpointNearestEven)
        .normalize()
}

/// True when `inner` lies wholly inside `outer` (dates, whatever the period types).
fn lies_within(inner: &Period, outer: &Period) -> bool {
    outer.start() <= inner.start() && inner.end() <= outer.end()
}

/// True when two periods cover the same dates.
fn same_dates(a: &Period, b: &Period) -> bool {
    a.start() == b.start() && a.end() == b.end()
}

/// Fraction of the target achieved (1 = 100 %), rounded to 4 decimal places half to even and
/// normalised; `None` when undefined (see the module docs for each direction's formula).
pub fn achievement(
    direction: &Direction,
    baseline: Option<Decimal>,
    target: Decimal,
    actual: Decimal,
) -> Option<Decimal> {
    let raw = match (direction, baseline) {
        (Direction::Increase, Some(base)) => {
            if target <= base {
                return None;
            }
            actual
                .checked_sub(base)?
                .checked_div(target.checked_sub(base)?)?
        }
        (Direction::Decrease, Some(base)) => {
            if target >= base {
                return None;
            }
            base.checked_sub(actual)?
                .checked_div(base.checked_sub(target)?)?
        }
        (Direction::Increase, None) => {
            if target <= Decimal::ZERO {
                return None;
            }
            actual.checked_div(target)?
        }
        (Direction::Decrease, None) => {
            if target <= Decimal::ZERO || actual <= Decimal::ZERO {
                return None;
            }
            target.checked_div(actual)?
        }
        (Direction::Maintain { tolerance }, _) => {
            let gap = actual.checked_sub(target)?.abs();
            if gap <= *tolerance {
                Decimal::ONE
            } else {
                if target.is_zero() {
                    return None;
                }
                let beyond = gap.checked_sub(*tolerance)?;
                Decimal::ONE.checked_sub(beyond.checked_div(target.abs())?)?
            }
        }
    };
    Some(round(raw))
}

/// True when `actual` reaches `target` in the direction: the plain test used for the status
/// when achievement is undefined.
fn reached(direction: &Direction, target: Decimal, actual: Decimal) -> bool {
    match direction {
        Direction::Increase => actual >= target,
        Direction::Decrease => actual <= target,
        Direction::Maintain { tolerance } => actual
            .checked_sub(target)
            .is_some_and(|gap| gap.abs() <= *tolerance),
    }
}

/// The status of an assessment (see the module docs).
pub fn status(
    direction: &Direction,
    target: Option<Decimal>,
    actual: Option<Decimal>,
    achievement: Option<Decimal>,
    thresholds: &Thresholds,
) -> Status {
    let (Some(target), Some(actual)) = (target, actual) else {
        return if target.is_none() {
            Status::NoTarget
        } else {
            Status::NoData
        };
    };
    match achievement {
        Some(fraction) if fraction >= thresholds.on_track => Status::OnTrack,
        Some(fraction) if fraction >= thresholds.at_risk => Status::AtRisk,
        Some(_) => Status::OffTrack,
        None if reached(direction, target, actual) => Status::OnTrack,
        None => Status::OffTrack,
    }
}

impl Indicator {
    /// Reads one indicator definition from JSON. Error `json.malformed` for a syntax error,
    /// `document.invalid` for a value of the wrong shape.
    pub fn from_json(json: &str) -> Result<Indicator, MealError> {
        serde_json::from_str(json).map_err(|e| {
            if e.is_data() {
                MealError::new("document.invalid")
                    .with("kind", "indicator")
                    .with("detail", e)
            } else {
                crate::document::malformed(&e)
            }
        })
    }

    /// True when the measure has a numeric actual (count, sum, mean, ratio, distinct persons).
    pub fn is_quantitative(&self) -> bool {
        self.measure.combination().is_some()
    }

    /// The target of `period` (the total cell), following the aggregation semantics: a target
    /// declared for the period, else derived from the targets inside it (a sum for incremental
    /// additive measures when they tile the period, else the latest one when it ends with the
    /// period); `None` otherwise. See the module docs.
    pub fn target_for(&self, period: &Period) -> Option<Decimal> {
        if matches!(self.measure, Measure::Nominal { .. } | Measure::Qualitative) {
            return None;
        }
        let totals = self.targets.iter().filter(|t| t.cell.is_empty());
        if let Some(exact) = totals.clone().find(|t| same_dates(&t.period, period)) {
            return Some(exact.value.normalize());
        }
        // Targets inside the period, the first declared of each date range.
        let mut inside: Vec<&Target> = Vec::new();
        for target in totals.filter(|t| lies_within(&t.period, period)) {
            if !inside.iter().any(|t| same_dates(&t.period, &target.period)) {
                inside.push(target);
            }
        }
        // The coarsest: drop any target lying inside another one.
        let mut coarsest: Vec<&Target> = inside
            .iter()
            .filter(|t| {
                !inside.iter().any(|other| {
                    !same_dates(&other.period, &t.period) && lies_within(&t.period, &other.period)
                })
            })
            .copied()
            .collect();
        coarsest.sort_by_key(|t| (t.period.start(), t.period.end()));
        if self.measure.is_additive() && self.aggregation == Aggregation::Incremental {
            sum_if_tiling(period, &coarsest)
        } else {
            let latest = coarsest.iter().max_by_key(|t| t.period.end())?;
            (latest.period.end() == period.end()).then(|| latest.value.normalize())
        }
    }

    /// The value of `period` from `observations` (of that period or shorter ones), under the
    /// indicator's aggregation semantics; `None` when no observation counts for it.
    /// Error `indicator.observation_mismatch` when an observation's shape does not fit the
    /// measure (a ratio value without denominator, a denominator on a count),
    /// `indicator.duplicate_observation` when two observations overlap in time,
    /// `indicator.not_quantitative` for ordinal, nominal and qualitative measures,
    /// `indicator.overflow` when a sum does not fit a decimal.
    pub fn actual_for(
        &self,
        period: &Period,
        observations: &[Observation],
    ) -> Result<Option<Decimal>, MealError> {
        let combination = self.measure.combination().ok_or_else(|| {
            MealError::new("indicator.not_quantitative")
                .with("code", &self.code)
                .with("measure", self.measure.kind())
        })?;
        check_shapes(combination, observations)?;
        check_overlaps(observations)?;

        let end = period.end();
        let window: Vec<&Observation> = match self.aggregation {
            Aggregation::Incremental | Aggregation::RatioOfSums => observations
                .iter()
                .filter(|o| lies_within(&o.period, period))
                .collect(),
            Aggregation::RunningTotal => observations
                .iter()
                .filter(|o| o.period.end() <= end)
                .collect(),
            Aggregation::YearlyResetRunningTotal => {
                let new_year = end.with_ordinal(1).unwrap_or(end);
                observations
                    .iter()
                    .filter(|o| new_year <= o.period.end() && o.period.end() <= end)
                    .collect()
            }
            Aggregation::LatestSnapshot => observations
                .iter()
                .filter(|o| lies_within(&o.period, period))
                .max_by_key(|o| o.period.end())
                .into_iter()
                .collect(),
        };
        if window.is_empty() {
            return Ok(None);
        }
        let overflow = || MealError::new("indicator.overflow").with("period", period.id());
        let values = window
            .iter()
            .try_fold(Decimal::ZERO, |sum, o| sum.checked_add(o.value))
            .ok_or_else(overflow)?;
        match combination {
            Combination::Add => Ok(Some(values.normalize())),
            Combination::Quotient(factor) => {
                let denominators = window
                    .iter()
                    .try_fold(Decimal::ZERO, |sum, o| {
                        sum.checked_add(o.denominator.unwrap_or_default())
                    })
                    .ok_or_else(overflow)?;
                if denominators.is_zero() {
                    return Ok(None);
                }
                let scaled = values.checked_mul(factor).ok_or_else(overflow)?;
                let quotient = scaled.checked_div(denominators).ok_or_else(overflow)?;
                Ok(Some(round(quotient)))
            }
        }
    }

    /// Sets `actual` against the target of `period`: the target from [`Indicator::target_for`],
    /// the achievement from [`achievement`] with the baseline, the status from [`status`].
    pub fn assess(
        &self,
        period: &Period,
        actual: Option<Decimal>,
        thresholds: &Thresholds,
    ) -> Assessment {
        let target = self.target_for(period);
        let actual = actual.map(|a| a.normalize());
        let baseline = self
            .baseline
            .as_ref()
            .filter(|_| self.aggregation.compares_with_baseline())
            .map(|b| b.value);
        let achieved = match (target, actual) {
            (Some(target), Some(actual)) => achievement(&self.direction, baseline, target, actual),
            _ => None,
        };
        Assessment {
            period: *period,
            target,
            actual,
            achievement: achieved,
            status: status(&self.direction, target, actual, achieved, thresholds),
        }
    }

    /// Structural findings about this definition, paths prefixed by `path`, sorted by path then
    /// code. See the module docs for the codes.
    pub fn validate(&self, path: &str) -> Vec<Finding> {
        let mut found = Vec::new();
        if self.code.trim().is_empty() {
            found.push(Finding::error(
                "indicator.blank_code",
                format!("{path}/code"),
            ));
        }
        required_text(&mut found, &self.name, format!("{path}/name"));
        required_text(&mut found, &self.unit, format!("{path}/unit"));
        if let Some(definition) = &self.definition {
            optional_text(&mut found, definition, format!("{path}/definition"));
        }
        for (i, means) in self.means_of_verification.iter().enumerate() {
            optional_text(
                &mut found,
                means,
                format!("{path}/means_of_verification/{i}"),
            );
        }
        self.validate_measure(path, &mut found);
        self.validate_direction(path, &mut found);
        self.validate_aggregation(path, &mut found);
        self.validate_values(path, &mut found);
        self.validate_disaggregation(path, &mut found);
        self.validate_targets(path, &mut found);
        sort_findings(&mut found);
        found
    }

    fn validate_measure(&self, path: &str, found: &mut Vec<Finding>) {
        match &self.measure {
            Measure::Ratio {
                numerator,
                denominator,
                factor,
            } => {
                required_text(found, numerator, format!("{path}/measure/numerator"));
                required_text(found, denominator, format!("{path}/measure/denominator"));
                if *factor <= Decimal::ZERO {
                    found.push(
                        Finding::error("indicator.ratio_factor", format!("{path}/measure/factor"))
                            .with("factor", factor),
                    );
                }
            }
            Measure::Ordinal { levels } => {
                scale(
                    found,
                    "ordinal",
                    levels,
                    2,
                    format!("{path}/measure/levels"),
                );
            }
            Measure::Nominal { categories } => {
                scale(
                    found,
                    "nominal",
                    categories,
                    1,
                    format!("{path}/measure/categories"),
                );
            }
            Measure::Count
            | Measure::Sum
            | Measure::Mean
            | Measure::DistinctPersons
            | Measure::Qualitative => {}
        }
    }

    fn validate_direction(&self, path: &str, found: &mut Vec<Finding>) {
        if let Direction::Maintain { tolerance } = &self.direction {
            if *tolerance < Decimal::ZERO {
                found.push(
                    Finding::error(
                        "indicator.negative_tolerance",
                        format!("{path}/direction/tolerance"),
                    )
                    .with("tolerance", tolerance),
                );
            }
        }
    }

    fn validate_aggregation(&self, path: &str, found: &mut Vec<Finding>) {
        let at = format!("{path}/aggregation");
        let measure = self.measure.kind();
        let aggregation = self.aggregation.as_str();
        match (&self.measure, self.aggregation) {
            (Measure::Ratio { .. } | Measure::Mean, Aggregation::Incremental) => {
                found.push(Finding::error("indicator.ratio_summed", at).with("measure", measure))
            }
            (
                Measure::Count | Measure::Sum | Measure::DistinctPersons,
                Aggregation::RatioOfSums,
            ) => found.push(
                Finding::error("indicator.aggregation_mismatch", at)
                    .with("measure", measure)
                    .with("aggregation", aggregation),
            ),
            (Measure::Ordinal { .. }, a) if a != Aggregation::LatestSnapshot => found.push(
                Finding::error("indicator.aggregation_mismatch", at)
                    .with("measure", measure)
                    .with("aggregation", aggregation),
            ),
            (
                Measure::DistinctPersons,
                Aggregation::Incremental
                | Aggregation::RunningTotal
                | Aggregation::YearlyResetRunningTotal,
            ) => found.push(
                Finding::warning("indicator.distinct_summed", at).with("aggregation", aggregation),
            ),
            _ => {}
        }
    }

    /// Baseline and target values against the measure and the direction.
    fn validate_values(&self, path: &str, found: &mut Vec<Finding>) {
        let measure = self.measure.kind();
        let numeric = !matches!(self.measure, Measure::Nominal { .. } | Measure::Qualitative);
        if let Some(baseline) = &self.baseline {
            let at = format!("{path}/baseline");
            if let Some(source) = &baseline.source {
                optional_text(found, source, format!("{at}/source"));
            }
            if numeric {
                self.check_value(found, baseline.value, format!("{at}/value"));
            } else {
                found.push(
                    Finding::error("indicator.baseline_not_allowed", at).with("measure", measure),
                );
            }
        }
        for (i, target) in self.targets.iter().enumerate() {
            let at = format!("{path}/targets/{i}");
            if !numeric {
                found.push(
                    Finding::error("indicator.target_not_allowed", at).with("measure", measure),
                );
                continue;
            }
            self.check_value(found, target.value, format!("{at}/value"));
            let comparable = target.cell.is_empty() && self.aggregation.compares_with_baseline();
            let (Some(baseline), true) = (&self.baseline, comparable) else {
                continue;
            };
            let against = match self.direction {
                Direction::Increase => target.value <= baseline.value,
                Direction::Decrease => target.value >= baseline.value,
                Direction::Maintain { .. } => false,
            };
            if against {
                found.push(
                    Finding::warning("indicator.target_against_direction", format!("{at}/value"))
                        .with("period", target.period.id())
                        .with("target", target.value)
                        .with("baseline", baseline.value)
                        .with("direction", self.direction.kind()),
                );
            }
        }
    }

    /// A baseline or target value against the measure's domain.
    fn check_value(&self, found: &mut Vec<Finding>, value: Decimal, at: String) {
        let whole = value.fract().is_zero();
        match &self.measure {
            Measure::Ordinal { levels } => {
                let top = Decimal::from(levels.len());
                if !whole || value < Decimal::ONE || value > top {
                    found.push(
                        Finding::error("indicator.ordinal_out_of_scale", at)
                            .with("value", value)
                            .with("levels", levels.len()),
                    );
                }
            }
            Measure::Count | Measure::DistinctPersons if !whole || value < Decimal::ZERO => {
                found.push(Finding::error("indicator.invalid_count", at).with("value", value));
            }
            _ => {}
        }
    }

    fn validate_disaggregation(&self, path: &str, found: &mut Vec<Finding>) {
        let mut dimensions: Vec<&str> = Vec::new();
        for (d, dimension) in self.disaggregation.iter().enumerate() {
            let at = format!("{path}/disaggregation/{d}");
            code(
                found,
                &mut dimensions,
                &dimension.code,
                "indicator.duplicate_dimension",
                &at,
            );
            required_text(found, &dimension.name, format!("{at}/name"));
            let mut categories: Vec<&str> = Vec::new();
            for (c, category) in dimension.categories.iter().enumerate() {
                let at = format!("{at}/categories/{c}");
                code(
                    found,
                    &mut categories,
                    &category.code,
                    "indicator.duplicate_category",
                    &at,
                );
                if category.code == UNKNOWN_CATEGORY {
                    found.push(
                        Finding::error("indicator.reserved_category", format!("{at}/code"))
                            .with("code", UNKNOWN_CATEGORY),
                    );
                }
                required_text(found, &category.name, format!("{at}/name"));
            }
        }
    }

    fn validate_targets(&self, path: &str, found: &mut Vec<Finding>) {
        for (i, target) in self.targets.iter().enumerate() {
            let at = format!("{path}/targets/{i}");
            for (dimension_code, category_code) in &target.cell {
                let Some(dimension) = self
                    .disaggregation
                    .iter()
                    .find(|d| &d.code == dimension_code)
                else {
                    found.push(
                        Finding::error("indicator.unknown_dimension", format!("{at}/cell"))
                            .with("dimension", dimension_code),
                    );
                    continue;
                };
                let declared = category_code == UNKNOWN_CATEGORY
                    || dimension
                        .categories
                        .iter()
                        .any(|c| &c.code == category_code);
                if !declared {
                    found.push(
                        Finding::error("indicator.unknown_category", format!("{at}/cell"))
                            .with("dimension", dimension_code)
                            .with("category", category_code),
                    );
                }
            }
            let earlier = self
                .targets
                .iter()
                .take(i)
                .position(|t| t.period == target.period && t.cell == target.cell);
            if let Some(first) = earlier {
                found.push(
                    Finding::error("indicator.duplicate_target", at)
                        .with("period", target.period.id())
                        .with("first", first),
                );
            }
        }
    }
}

/// The sum of `targets` (sorted by start) when they tile `period` exactly, else `None`.
fn sum_if_tiling(period: &Period, targets: &[&Target]) -> Option<Decimal> {
    let mut next_day = period.start();
    let mut total = Decimal::ZERO;
    for target in targets {
        if target.period.start() != next_day {
            return None;
        }
        total = total.checked_add(target.value)?;
        next_day = target.period.end().succ_opt()?;
    }
    let last = targets.last()?;
    (last.period.end() == period.end()).then(|| total.normalize())
}

/// Every observation's shape against the combination.
fn check_shapes(combination: Combination, observations: &[Observation]) -> Result<(), MealError> {
    for (i, observation) in observations.iter().enumerate() {
        let reason = match (combination, observation.denominator) {
            (Combination::Add, Some(_)) => "unexpected_denominator",
            (Combination::Quotient(_), None) => "missing_denominator",
            (Combination::Quotient(_), Some(d)) if d < Decimal::ZERO => "negative_denominator",
            _ => continue,
        };
        return Err(MealError::new("indicator.observation_mismatch")
            .at(format!("/observations/{i}"))
            .with("period", observation.period.id())
            .with("reason", reason));
    }
    Ok(())
}

/// Error `indicator.duplicate_observation` at the first observation (by start date) that
/// overlaps an earlier one.
fn check_overlaps(observations: &[Observation]) -> Result<(), MealError> {
    let mut order: Vec<(usize, &Observation)> = observations.iter().enumerate().collect();
    order.sort_by_key(|(i, o)| (o.period.start(), o.period.end(), *i));
    let mut reach: Option<&Observation> = None;
    for (i, observation) in order {
        if let Some(earlier) = reach {
            if observation.period.start() <= earlier.period.end() {
                return Err(MealError::new("indicator.duplicate_observation")
                    .at(format!("/observations/{i}"))
                    .with("period", observation.period.id())
                    .with("other", earlier.period.id()));
            }
        }
        if reach.is_none_or(|r| observation.period.end() > r.period.end()) {
            reach = Some(observation);
        }
    }
    Ok(())
}

/// A text every reader needs: blank in either language is an error.
fn required_text(found: &mut Vec<Finding>, text: &Text, at: String) {
    if text.is_incomplete() {
        found.push(Finding::error("indicator.blank_text", at));
    }
}

/// An optional text that was given: blank in either language is a warning.
fn optional_text(found: &mut Vec<Finding>, text: &Text, at: String) {
    if text.is_incomplete() {
        found.push(Finding::warning("indicator.blank_text", at));
    }
}

/// The entries of an ordinal or nominal scale.
fn scale(found: &mut Vec<Finding>, measure: &str, entries: &[Text], minimum: usize, at: String) {
    if entries.len() < minimum {
        found.push(
            Finding::error("indicator.empty_scale", at.clone())
                .with("measure", measure)
                .with("count", entries.len())
                .with("minimum", minimum),
        );
    }
    for (i, entry) in entries.iter().enumerate() {
        required_text(found, entry, format!("{at}/{i}"));
    }
}

/// A dimension or category code: not blank, not seen before in `seen`.
fn code<'a>(
    found: &mut Vec<Finding>,
    seen: &mut Vec<&'a str>,
    code: &'a str,
    duplicate: &str,
    at: &str,
) {
    if code.trim().is_empty() {
        found.push(Finding::error("indicator.blank_code", format!("{at}/code")));
    } else if seen.contains(&code) {
        found.push(Finding::error(duplicate, format!("{at}/code")).with("code", code));
    } else {
        seen.push(code);
    }
}

/// Domain terms this module puts in message parameters.
pub const TERMS: &[Term] = &[
    Term {
        key: "count",
        en: "count",
        fr: "comptage",
    },
    Term {
        key: "sum",
        en: "sum",
        fr: "somme",
    },
    Term {
        key: "mean",
        en: "mean",
        fr: "moyenne",
    },
    Term {
        key: "ratio",
        en: "ratio",
        fr: "ratio",
    },
    Term {
        key: "distinct_persons",
        en: "distinct persons",
        fr: "personnes distinctes",
    },
    Term {
        key: "ordinal",
        en: "ordinal scale",
        fr: "échelle ordinale",
    },
    Term {
        key: "nominal",
        en: "nominal",
        fr: "nominal",
    },
    Term {
        key: "qualitative",
        en: "qualitative",
        fr: "qualitatif",
    },
    Term {
        key: "incremental",
        en: "incremental (sum of periods)",
        fr: "incrémental (somme des périodes)",
    },
    Term {
        key: "running_total",
        en: "running total",
        fr: "total cumulé",
    },
    Term {
        key: "latest_snapshot",
        en: "latest value",
        fr: "dernière valeur",
    },
    Term {
        key: "yearly_reset_running_total",
        en: "total since 1 January",
        fr: "total depuis le 1er janvier",
    },
    Term {
        key: "ratio_of_sums",
        en: "ratio of sums",
        fr: "ratio des sommes",
    },
    Term {
        key: "increase",
        en: "increase",
        fr: "hausse",
    },
    Term {
        key: "decrease",
        en: "decrease",
        fr: "baisse",
    },
    Term {
        key: "maintain",
        en: "maintain",
        fr: "maintien",
    },
    Term {
        key: "unexpected_denominator",
        en: "a denominator where the measure takes none",
        fr: "un dénominateur alors que la mesure n’en a pas",
    },
    Term {
        key: "missing_denominator",
        en: "no denominator where the measure needs one",
        fr: "pas de dénominateur alors que la mesure en exige un",
    },
    Term {
        key: "negative_denominator",
        en: "a negative denominator",
        fr: "un dénominateur négatif",
    },
];

/// Messages of this module's codes.
pub const MESSAGES: &[Message] = &[
    Message {
        code: "indicator.not_quantitative",
        en: "Indicator {code} has a {measure} measure: it has no numeric value to compute",
        fr: "L'indicateur {code} a une mesure {measure} : il n'a pas de valeur numérique à calculer",
    },
    Message {
        code: "indicator.observation_mismatch",
        en: "The observation of period {period} does not fit the indicator's measure ({reason})",
        fr: "L'observation de la période {period} ne correspond pas à la mesure de l'indicateur ({reason})",
    },
    Message {
        code: "indicator.duplicate_observation",
        en: "The observations of periods {period} and {other} overlap: a value would be counted twice",
        fr: "Les observations des périodes {period} et {other} se chevauchent : une valeur serait comptée deux fois",
    },
    Message {
        code: "indicator.overflow",
        en: "The figures of period {period} are too large to be computed exactly",
        fr: "Les valeurs de la période {period} sont trop grandes pour être calculées exactement",
    },
    Message {
        code: "indicator.blank_code",
        en: "The code is blank",
        fr: "Le code est vide",
    },
    Message {
        code: "indicator.blank_text",
        en: "This text is blank in English or in French",
        fr: "Ce texte est vide en anglais ou en français",
    },
    Message {
        code: "indicator.ratio_factor",
        en: "The ratio factor is {factor}; it must be greater than zero (100 for a percentage)",
        fr: "Le facteur du ratio vaut {factor} ; il doit être strictement positif (100 pour un pourcentage)",
    },
    Message {
        code: "indicator.empty_scale",
        en: "The {measure} scale has {count} entries; it needs at least {minimum}",
        fr: "L'échelle {measure} a {count} entrées ; il en faut au moins {minimum}",
    },
    Message {
        code: "indicator.negative_tolerance",
        en: "The tolerance is {tolerance}; it cannot be negative",
        fr: "La tolérance vaut {tolerance} ; elle ne peut pas être négative",
    },
    Message {
        code: "indicator.ratio_summed",
        en: "A {measure} indicator cannot be incremental: summing ratios or means across periods gives a false figure (use ratio_of_sums)",
        fr: "Un indicateur {measure} ne peut pas être incrémental : additionner des ratios ou des moyennes entre périodes donne un chiffre faux (utilisez ratio_of_sums)",
    },
    Message {
        code: "indicator.aggregation_mismatch",
        en: "The {aggregation} aggregation does not fit a {measure} measure",
        fr: "L'agrégation {aggregation} ne convient pas à une mesure {measure}",
    },
    Message {
        code: "indicator.distinct_summed",
        en: "With {aggregation} aggregation, distinct persons are added up across periods: a person seen in several periods is counted several times",
        fr: "Avec l'agrégation {aggregation}, les personnes distinctes s'additionnent entre périodes : une personne vue sur plusieurs périodes est comptée plusieurs fois",
    },
    Message {
        code: "indicator.baseline_not_allowed",
        en: "A {measure} indicator cannot have a numeric baseline",
        fr: "Un indicateur {measure} ne peut pas avoir de valeur de référence numérique",
    },
    Message {
        code: "indicator.target_not_allowed",
        en: "A {measure} indicator cannot have a numeric target",
        fr: "Un indicateur {measure} ne peut pas avoir de cible numérique",
    },
    Message {
        code: "indicator.ordinal_out_of_scale",
        en: "Value {value} is not a level of the scale (a whole number from 1 to {levels})",
        fr: "La valeur {value} n'est pas un niveau de l'échelle (un nombre entier de 1 à {levels})",
    },
    Message {
        code: "indicator.invalid_count",
        en: "Value {value} cannot be a count (a whole number, zero or more)",
        fr: "La valeur {value} ne peut pas être un effectif (un nombre entier positif ou nul)",
    },
    Message {
        code: "indicator.unknown_dimension",
        en: "The target names dimension {dimension}, which the indicator does not declare",
        fr: "La cible nomme la dimension {dimension}, que l'indicateur ne déclare pas",
    },
    Message {
        code: "indicator.unknown_category",
        en: "The target names category {category} of dimension {dimension}, which is not declared",
        fr: "La cible nomme la catégorie {category} de la dimension {dimension}, qui n'est pas déclarée",
    },
    Message {
        code: "indicator.duplicate_target",
        en: "Target {first} is already declared for period {period} and the same cell",
        fr: "La cible {first} est déjà déclarée pour la période {period} et la même cellule",
    },
    Message {
        code: "indicator.duplicate_dimension",
        en: "Dimension code {code} is declared more than once",
        fr: "Le code de dimension {code} est déclaré plus d'une fois",
    },
    Message {
        code: "indicator.duplicate_category",
        en: "Category code {code} is declared more than once in this dimension",
        fr: "Le code de catégorie {code} est déclaré plus d'une fois dans cette dimension",
    },
    Message {
        code: "indicator.reserved_category",
        en: "Category code {code} is reserved for values whose category is missing or undeclared",
        fr: "Le code de catégorie {code} est réservé aux valeurs dont la catégorie manque ou n'est pas déclarée",
    },
    Message {
        code: "indicator.target_against_direction",
        en: "The target {target} of period {period} is not beyond the baseline {baseline} in the indicator's direction ({direction}): achievement cannot be measured as progress",
        fr: "La cible {target} de la période {period} ne dépasse pas la valeur de référence {baseline} dans le sens de l'indicateur ({direction}) : la réalisation ne peut pas se mesurer comme un progrès",
    },
];

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    fn p(id: &str) -> Period {
        Period::parse(id).unwrap()
    }

    fn t(en: &str) -> Text {
        Text::new(en, format!("{en} (fr)"))
    }

    fn indicator(measure: Measure, direction: Direction, aggregation: Aggregation) -> Indicator {
        Indicator {
            code: "IND-1".into(),
            name: t("Consultations"),
            definition: None,
            measure,
            unit: t("consultations"),
            direction,
            aggregation,
            baseline: None,
            targets: Vec::new(),
            disaggregation: Vec::new(),
            means_of_verification: Vec::new(),
        }
    }

    fn count(aggregation: Aggregation) -> Indicator {
        indicator(Measure::Count, Direction::Increase, aggregation)
    }

    fn percent() -> Measure {
        Measure::Ratio {
            numerator: t("referred"),
            denominator: t("seen"),
            factor: d("100"),
        }
    }

    fn target(period: &str, value: &str) -> Target {
        Target {
            period: p(period),
            value: d(value),
            cell: BTreeMap::new(),
        }
    }

    fn with_targets(mut indicator: Indicator, targets: &[(&str, &str)]) -> Indicator {
        indicator.targets = targets.iter().map(|(p, v)| target(p, v)).collect();
        indicator
    }

    fn obs(period: &str, value: &str) -> Observation {
        Observation {
            period: p(period),
            value: d(value),
            denominator: None,
        }
    }

    fn ratio_obs(period: &str, value: &str, denominator: &str) -> Observation {
        Observation {
            denominator: Some(d(denominator)),
            ..obs(period, value)
        }
    }

    fn codes(found: &[Finding]) -> Vec<&str> {
        found.iter().map(|f| f.code.as_str()).collect()
    }

    // --- names ---------------------------------------------------------------------------

    #[test]
    fn status_names_match_serde() {
        for status in [
            Status::OnTrack,
            Status::AtRisk,
            Status::OffTrack,
            Status::NoData,
            Status::NoTarget,
        ] {
            let json = serde_json::to_string(&status).unwrap();
            assert_eq!(json, format!("\"{}\"", status.as_str()));
        }
        for aggregation in [
            Aggregation::Incremental,
            Aggregation::RunningTotal,
            Aggregation::LatestSnapshot,
            Aggregation::YearlyResetRunningTotal,
            Aggregation::RatioOfSums,
        ] {
            let json = serde_json::to_string(&aggregation).unwrap();
            assert_eq!(json, format!("\"{}\"", aggregation.as_str()));
        }
    }

    // --- targets -------------------------------------------------------------------------

    #[test]
    fn target_declared_for_the_period_wins() {
        let ind = with_targets(
            count(Aggregation::Incremental),
            &[("2026", "500"), ("2026Q1", "100"), ("2026Q2", "100")],
        );
        assert_eq!(ind.target_for(&p("2026")), Some(d("500")));
        assert_eq!(ind.target_for(&p("2026Q2")), Some(d("100")));
    }

    #[test]
    fn incremental_target_of_a_year_sums_its_quarters() {
        let ind = with_targets(
            count(Aggregation::Incremental),
            &[
                ("2026Q3", "30"),
                ("2026Q1", "10"),
                ("2026Q2", "20"),
                ("2026Q4", "40"),
            ],
        );
        assert_eq!(ind.target_for(&p("2026")), Some(d("100")));
        assert_eq!(ind.target_for(&p("2026S1")), Some(d("30")));
    }

    #[test]
    fn incremental_target_with_a_gap_is_none_not_a_partial_sum() {
        // hikaya #645: 80 instead of 100 must not happen.
        let ind = with_targets(
            count(Aggregation::Incremental),
            &[("2026Q1", "20"), ("2026Q2", "30"), ("2026Q3", "30")],
        );
        assert_eq!(ind.target_for(&p("2026")), None);
        let missing_first = with_targets(
            count(Aggregation::Incremental),
            &[("2026Q2", "30"), ("2026Q3", "30"), ("2026Q4", "20")],
        );
        assert_eq!(missing_first.target_for(&p("2026")), None);
    }

    #[test]
    fn incremental_target_uses_the_coarsest_targets() {
        // Quarters and the months of Q1: the quarters count, the months are not added twice.
        let ind = with_targets(
            count(Aggregation::Incremental),
            &[
                ("202601", "5"),
                ("202602", "5"),
                ("202603", "5"),
                ("2026Q1", "15"),
                ("2026Q2", "15"),
                ("2026Q3", "15"),
                ("2026Q4", "15"),
            ],
        );
        assert_eq!(ind.target_for(&p("2026")), Some(d("60")));
        // Mixed types tiling the year: months for Q1, quarters after.
        let mixed = with_targets(
            count(Aggregation::Incremental),
            &[
                ("202601", "1"),
                ("202602", "2"),
                ("202603", "3"),
                ("2026Q2", "10"),
                ("2026S2", "20"),
            ],
        );
        assert_eq!(mixed.target_for(&p("2026")), Some(d("36")));
        assert_eq!(mixed.target_for(&p("2026Q1")), Some(d("6")));
    }

    #[test]
    fn targets_are_never_pro_rated() {
        let ind = with_targets(count(Aggregation::Incremental), &[("2026", "400")]);
        assert_eq!(ind.target_for(&p("2026Q1")), None);
        assert_eq!(ind.target_for(&p("2027")), None);
    }

    #[test]
    fn cumulative_targets_take_the_latest_not_the_sum() {
        for aggregation in [
            Aggregation::RunningTotal,
            Aggregation::LatestSnapshot,
            Aggregation::YearlyResetRunningTotal,
        ] {
            let ind = with_targets(
                count(aggregation),
                &[
                    ("2026Q1", "25"),
                    ("2026Q2", "50"),
                    ("2026Q3", "75"),
                    ("2026Q4", "100"),
                ],
            );
            assert_eq!(
                ind.target_for(&p("2026")),
                Some(d("100")),
                "{aggregation:?}"
            );
            assert_eq!(
                ind.target_for(&p("2026S1")),
                Some(d("50")),
                "{aggregation:?}"
            );
        }
    }

    #[test]
    fn cumulative_target_must_end_with_the_period() {
        let ind = with_targets(
            count(Aggregation::RunningTotal),
            &[("2026Q1", "25"), ("2026Q2", "50")],
        );
        assert_eq!(ind.target_for(&p("2026")), None);
    }

    #[test]
    fn rate_targets_are_levels_even_when_declared_incremental() {
        let mut ind = with_targets(
            indicator(percent(), Direction::Increase, Aggregation::RatioOfSums),
            &[
                ("2026Q1", "80"),
                ("2026Q2", "80"),
                ("2026Q3", "85"),
                ("2026Q4", "90"),
            ],
        );
        assert_eq!(ind.target_for(&p("2026")), Some(d("90")));
        ind.aggregation = Aggregation::Incremental; // flagged by validate; never 335 %
        assert_eq!(ind.target_for(&p("2026")), Some(d("90")));
    }

    #[test]
    fn cell_targets_are_not_the_total() {
        let mut ind = count(Aggregation::Incremental);
        let mut cell = target("2026", "60");
        cell.cell.insert("sex".into(), "f".into());
        ind.targets = vec![cell];
        assert_eq!(ind.target_for(&p("2026")), None);
    }

    #[test]
    fn nominal_and_qualitative_have_no_target() {
        let ind = with_targets(
            indicator(
                Measure::Qualitative,
                Direction::Increase,
                Aggregation::LatestSnapshot,
            ),
            &[("2026", "1")],
        );
        assert_eq!(ind.target_for(&p("2026")), None);
    }

    #[test]
    fn duplicate_targets_use_the_first_declared() {
        let ind = with_targets(
            count(Aggregation::Incremental),
            &[("2026", "10"), ("2026", "20")],
        );
        assert_eq!(ind.target_for(&p("2026")), Some(d("10")));
    }

    #[test]
    fn target_sum_overflow_is_none() {
        let ind = with_targets(
            count(Aggregation::Incremental),
            &[("2026S1", &Decimal::MAX.to_string()), ("2026S2", "1")],
        );
        assert_eq!(ind.target_for(&p("2026")), None);
    }

    // --- actuals -------------------------------------------------------------------------

    #[test]
    fn incremental_actual_sums_observations_inside() {
        let ind = count(Aggregation::Incremental);
        let series = [
            obs("2025Q4", "7"),
            obs("2026Q1", "10"),
            obs("2026Q2", "12.5"),
            obs("2027Q1", "9"),
        ];
        assert_eq!(
            ind.actual_for(&p("2026"), &series).unwrap(),
            Some(d("22.5"))
        );
        assert_eq!(
            ind.actual_for(&p("2026Q2"), &series).unwrap(),
            Some(d("12.5"))
        );
        assert_eq!(ind.actual_for(&p("2026Q3"), &series).unwrap(), None);
        // A month does not hold its quarter.
        assert_eq!(ind.actual_for(&p("202601"), &series).unwrap(), None);
    }

    #[test]
    fn running_total_counts_everything_ended_by_the_period_end() {
        let ind = count(Aggregation::RunningTotal);
        let series = [obs("2025Q4", "7"), obs("2026Q1", "10"), obs("2026Q2", "12")];
        assert_eq!(
            ind.actual_for(&p("2026Q1"), &series).unwrap(),
            Some(d("17"))
        );
        assert_eq!(
            ind.actual_for(&p("2026Q2"), &series).unwrap(),
            Some(d("29"))
        );
        assert_eq!(ind.actual_for(&p("2026"), &series).unwrap(), Some(d("29")));
        assert_eq!(ind.actual_for(&p("2025Q3"), &series).unwrap(), None);
        // Q1 2026 is still running at the end of January.
        assert_eq!(ind.actual_for(&p("202601"), &series).unwrap(), Some(d("7")));
    }

    #[test]
    fn yearly_reset_restarts_on_january_first() {
        let ind = count(Aggregation::YearlyResetRunningTotal);
        let series = [obs("2025Q4", "7"), obs("2026Q1", "10"), obs("2026Q2", "12")];
        assert_eq!(
            ind.actual_for(&p("2026Q2"), &series).unwrap(),
            Some(d("22"))
        );
        assert_eq!(ind.actual_for(&p("2025"), &series).unwrap(), Some(d("7")));
        // 2026W1 runs 2025-12-29..2026-01-04: it belongs to 2026, the year it ends in.
        let weeks = [obs("2025W52", "3"), obs("2026W1", "4"), obs("2026W2", "5")];
        assert_eq!(ind.actual_for(&p("202601"), &weeks).unwrap(), Some(d("9")));
        assert_eq!(ind.actual_for(&p("2025"), &weeks).unwrap(), Some(d("3")));
    }

    #[test]
    fn latest_snapshot_takes_the_last_value_inside_the_period() {
        let ind = count(Aggregation::LatestSnapshot);
        let series = [
            obs("202601", "40"),
            obs("202603", "55"),
            obs("202602", "70"),
        ];
        assert_eq!(
            ind.actual_for(&p("2026Q1"), &series).unwrap(),
            Some(d("55"))
        );
        assert_eq!(ind.actual_for(&p("2026"), &series).unwrap(), Some(d("55")));
        // No snapshot of its own in Q2: no data, not a repeated March level.
        assert_eq!(ind.actual_for(&p("2026Q2"), &series).unwrap(), None);
    }

    #[test]
    fn ratio_of_sums_not_mean_of_ratios() {
        let ind = indicator(percent(), Direction::Increase, Aggregation::RatioOfSums);
        // Q1 1/10 = 10 %, Q2 27/30 = 90 %: mean of ratios 50 %, ratio of sums 28/40 = 70 %.
        let series = [
            ratio_obs("2026Q1", "1", "10"),
            ratio_obs("2026Q2", "27", "30"),
        ];
        assert_eq!(ind.actual_for(&p("2026"), &series).unwrap(), Some(d("70")));
        // 2/3 × 100, rounded to 4 places.
        let thirds = [ratio_obs("2026Q1", "2", "3")];
        assert_eq!(
            ind.actual_for(&p("2026"), &thirds).unwrap(),
            Some(d("66.6667"))
        );
    }

    #[test]
    fn ratio_with_zero_denominator_is_none() {
        let ind = indicator(percent(), Direction::Increase, Aggregation::RatioOfSums);
        let series = [ratio_obs("2026Q1", "0", "0"), ratio_obs("2026Q2", "0", "0")];
        assert_eq!(ind.actual_for(&p("2026"), &series).unwrap(), None);
    }

    #[test]
    fn ratio_windows_follow_the_aggregation() {
        let mut ind = indicator(percent(), Direction::Increase, Aggregation::RunningTotal);
        let series = [
            ratio_obs("2025Q4", "5", "10"),
            ratio_obs("2026Q1", "1", "10"),
            ratio_obs("2026Q2", "27", "30"),
        ];
        // (5 + 1) / (10 + 10) = 30 %.
        assert_eq!(
            ind.actual_for(&p("2026Q1"), &series).unwrap(),
            Some(d("30"))
        );
        ind.aggregation = Aggregation::LatestSnapshot;
        assert_eq!(ind.actual_for(&p("2026"), &series).unwrap(), Some(d("90")));
    }

    #[test]
    fn mean_is_sum_over_count() {
        let ind = indicator(Measure::Mean, Direction::Decrease, Aggregation::RatioOfSums);
        // 10 persons waited 30 days in all (mean 3), 30 persons 150 days (mean 5): mean 4.5.
        let series = [
            ratio_obs("2026Q1", "30", "10"),
            ratio_obs("2026Q2", "150", "30"),
        ];
        assert_eq!(ind.actual_for(&p("2026"), &series).unwrap(), Some(d("4.5")));
    }

    #[test]
    fn observation_shape_must_fit_the_measure() {
        let ratio = indicator(percent(), Direction::Increase, Aggregation::RatioOfSums);
        let err = ratio
            .actual_for(
                &p("2026"),
                &[ratio_obs("2026Q1", "1", "2"), obs("2026Q2", "3")],
            )
            .unwrap_err();
        assert_eq!(err.code, "indicator.observation_mismatch");
        assert_eq!(err.params["reason"], "missing_denominator");
        assert_eq!(err.path, "/observations/1");
        let err = ratio
            .actual_for(&p("2026"), &[ratio_obs("2026Q1", "1", "-2")])
            .unwrap_err();
        assert_eq!(err.params["reason"], "negative_denominator");
        let err = count(Aggregation::Incremental)
            .actual_for(&p("2026"), &[ratio_obs("2026Q1", "1", "2")])
            .unwrap_err();
        assert_eq!(err.code, "indicator.observation_mismatch");
        assert_eq!(err.params["reason"], "unexpected_denominator");
        assert!(!err.params["period"].is_empty());
    }

    #[test]
    fn overlapping_observations_are_an_error() {
        let ind = count(Aggregation::Incremental);
        let same = [obs("2026Q1", "1"), obs("2026Q2", "2"), obs("2026Q1", "3")];
        let err = ind.actual_for(&p("2026"), &same).unwrap_err();
        assert_eq!(err.code, "indicator.duplicate_observation");
        assert_eq!(err.path, "/observations/2");
        let nested = [obs("2026Q1", "1"), obs("202602", "2")];
        let err = ind.actual_for(&p("2026"), &nested).unwrap_err();
        assert_eq!(err.code, "indicator.duplicate_observation");
        assert_eq!(err.path, "/observations/1");
    }

    #[test]
    fn non_quantitative_measures_have_no_actual() {
        let ind = indicator(
            Measure::Ordinal {
                levels: vec![t("a"), t("b")],
            },
            Direction::Increase,
            Aggregation::LatestSnapshot,
        );
        let err = ind.actual_for(&p("2026"), &[obs("2026", "1")]).unwrap_err();
        assert_eq!(err.code, "indicator.not_quantitative");
        assert_eq!(err.params["measure"], "ordinal");
        assert!(!ind.is_quantitative());
        assert!(count(Aggregation::Incremental).is_quantitative());
    }

    #[test]
    fn overflow_is_an_error_not_a_panic() {
        let ind = count(Aggregation::Incremental);
        let series = [obs("2026Q1", &Decimal::MAX.to_string()), obs("2026Q2", "1")];
        let err = ind.actual_for(&p("2026"), &series).unwrap_err();
        assert_eq!(err.code, "indicator.overflow");
        let ratio = indicator(percent(), Direction::Increase, Aggregation::RatioOfSums);
        let big = [ratio_obs("2026Q1", &Decimal::MAX.to_string(), "1")];
        assert_eq!(
            ratio.actual_for(&p("2026"), &big).unwrap_err().code,
            "indicator.overflow"
        );
    }

    // --- achievement -----------------------------------------------------------------------

    fn ach(
        direction: &Direction,
        baseline: Option<&str>,
        target: &str,
        actual: &str,
    ) -> Option<String> {
        achievement(direction, baseline.map(d), d(target), d(actual)).map(|a| a.to_string())
    }

    #[test]
    fn increase_achievement() {
        let up = Direction::Increase;
        assert_eq!(ach(&up, None, "100", "80").as_deref(), Some("0.8"));
        assert_eq!(ach(&up, None, "100", "125").as_deref(), Some("1.25"));
        assert_eq!(ach(&up, Some("40"), "100", "70").as_deref(), Some("0.5"));
        assert_eq!(
            ach(&up, Some("40"), "100", "30").as_deref(),
            Some("-0.1667")
        );
        assert_eq!(ach(&up, None, "0", "5"), None);
        assert_eq!(ach(&up, Some("100"), "100", "5"), None);
        assert_eq!(ach(&up, Some("100"), "80", "90"), None);
    }

    #[test]
    fn decrease_achievement() {
        let down = Direction::Decrease;
        // hikaya #397: (baseline − actual) / (baseline − target).
        assert_eq!(
            ach(&down, Some("50"), "20", "30").as_deref(),
            Some("0.6667")
        );
        assert_eq!(
            ach(&down, Some("50"), "20", "10").as_deref(),
            Some("1.3333")
        );
        assert_eq!(ach(&down, None, "10", "20").as_deref(), Some("0.5"));
        assert_eq!(ach(&down, None, "10", "8").as_deref(), Some("1.25"));
        assert_eq!(ach(&down, None, "10", "0"), None);
        assert_eq!(ach(&down, Some("20"), "20", "10"), None);
    }

    #[test]
    fn maintain_achievement() {
        let keep = Direction::Maintain { tolerance: d("5") };
        assert_eq!(ach(&keep, None, "100", "104").as_deref(), Some("1"));
        assert_eq!(ach(&keep, None, "100", "95").as_deref(), Some("1"));
        assert_eq!(ach(&keep, Some("3"), "100", "120").as_deref(), Some("0.85"));
        assert_eq!(ach(&keep, None, "100", "70").as_deref(), Some("0.75"));
        assert_eq!(ach(&keep, None, "0", "7"), None);
        assert_eq!(ach(&keep, None, "0", "3").as_deref(), Some("1"));
    }

    #[test]
    fn achievement_rounds_half_to_even() {
        let up = Direction::Increase;
        assert_eq!(ach(&up, None, "20000", "1").as_deref(), Some("0"));
        assert_eq!(ach(&up, None, "20000", "3").as_deref(), Some("0.0002"));
        assert_eq!(ach(&up, None, "3", "1").as_deref(), Some("0.3333"));
        assert_eq!(ach(&up, None, "3", "2").as_deref(), Some("0.6667"));
    }

    // --- status --------------------------------------------------------------------------

    #[test]
    fn default_thresholds() {
        let th = Thresholds::default();
        assert_eq!(th.on_track, d("0.85"));
        assert_eq!(th.at_risk, d("0.6"));
    }

    #[test]
    fn status_from_achievement() {
        let ind = with_targets(count(Aggregation::Incremental), &[("2026", "100")]);
        let th = Thresholds::default();
        let at = |actual: Option<&str>| ind.assess(&p("2026"), actual.map(d), &th);
        assert_eq!(at(Some("85")).status, Status::OnTrack);
        assert_eq!(at(Some("150")).status, Status::OnTrack);
        assert_eq!(at(Some("84.99")).status, Status::AtRisk);
        assert_eq!(at(Some("60")).status, Status::AtRisk);
        assert_eq!(at(Some("59.9")).status, Status::OffTrack);
        assert_eq!(at(None).status, Status::NoData);
        let a = at(Some("80.0"));
        assert_eq!(a.achievement, Some(d("0.8")));
        assert_eq!(a.achievement.unwrap().to_string(), "0.8");
        assert_eq!(a.target, Some(d("100")));
        assert_eq!(a.actual.unwrap().to_string(), "80");
        // Rounded figure decides: 0.849951 shows as 0.85, so on track.
        let fine = with_targets(count(Aggregation::Incremental), &[("2026", "1000000")]);
        let close = fine.assess(&p("2026"), Some(d("849951")), &th);
        assert_eq!(close.achievement, Some(d("0.85")));
        assert_eq!(close.status, Status::OnTrack);
    }

    #[test]
    fn no_target_comes_before_no_data() {
        let ind = count(Aggregation::Incremental);
        let th = Thresholds::default();
        assert_eq!(ind.assess(&p("2026"), None, &th).status, Status::NoTarget);
        assert_eq!(
            ind.assess(&p("2026"), Some(d("5")), &th).status,
            Status::NoTarget
        );
    }

    #[test]
    fn undefined_achievement_falls_back_to_reached_or_not() {
        let th = Thresholds::default();
        let mut down = with_targets(
            indicator(
                Measure::Count,
                Direction::Decrease,
                Aggregation::Incremental,
            ),
            &[("2026", "2")],
        );
        // Zero stock-outs against a target of 2: achievement undefined, target reached.
        let zero = down.assess(&p("2026"), Some(d("0")), &th);
        assert_eq!((zero.achievement, zero.status), (None, Status::OnTrack));
        down.targets = vec![target("2026", "0")];
        let three = down.assess(&p("2026"), Some(d("3")), &th);
        assert_eq!((three.achievement, three.status), (None, Status::OffTrack));
    }

    #[test]
    fn a_flow_is_not_measured_from_a_baseline_of_another_length() {
        // 2025: 4 230 consultations in the year; 2026Q1 target 1 050, actual 1 012.
        let mut flow = with_targets(count(Aggregation::Incremental), &[("2026Q1", "1050")]);
        flow.baseline = Some(Baseline {
            value: d("4230"),
            period: p("2025"),
            source: None,
        });
        let q1 = flow.assess(&p("2026Q1"), Some(d("1012")), &Thresholds::default());
        assert_eq!(q1.achievement, Some(d("0.9638")));
        assert_eq!(q1.status, Status::OnTrack);
        assert!(flow.validate("").is_empty(), "{:?}", flow.validate(""));
        // The same figures as a level are progress from the baseline (and a target below it).
        flow.aggregation = Aggregation::LatestSnapshot;
        let level = flow.assess(&p("2026Q1"), Some(d("1012")), &Thresholds::default());
        assert_ne!(level.achievement, q1.achievement);
        assert_eq!(
            codes(&flow.validate("")),
            ["indicator.target_against_direction"]
        );
    }

    #[test]
    fn mirrored_indicators_share_their_status() {
        let th = Thresholds::default();
        let mut up = with_targets(count(Aggregation::LatestSnapshot), &[("2026", "100")]);
        up.baseline = Some(Baseline {
            value: d("40"),
            period: p("2025"),
            source: None,
        });
        // Mirror about 50: baseline 60, target 0, actual 100 − a.
        let mut down = with_targets(
            indicator(
                Measure::Sum,
                Direction::Decrease,
                Aggregation::LatestSnapshot,
            ),
            &[("2026", "0")],
        );
        down.baseline = Some(Baseline {
            value: d("60"),
            period: p("2025"),
            source: None,
        });
        for a in ["30", "70", "85", "91", "100", "120"] {
            let mirrored = d("100") - d(a);
            let x = up.assess(&p("2026"), Some(d(a)), &th);
            let y = down.assess(&p("2026"), Some(mirrored), &th);
            assert_eq!(x.achievement, y.achievement, "actual {a}");
            assert_eq!(x.status, y.status, "actual {a}");
        }
    }

    // --- validation ----------------------------------------------------------------------

    fn clean() -> Indicator {
        let mut ind = with_targets(
            count(Aggregation::Incremental),
            &[("2026Q1", "10"), ("2026Q2", "20")],
        );
        ind.baseline = Some(Baseline {
            value: d("5"),
            period: p("2025"),
            source: Some(t("register")),
        });
        ind.disaggregation = vec![Dimension {
            code: "sex".into(),
            name: t("Sex"),
            categories: vec![
                Category {
                    code: "f".into(),
                    name: t("Female"),
                },
                Category {
                    code: "m".into(),
                    name: t("Male"),
                },
            ],
        }];
        let mut cell = target("2026Q1", "6");
        cell.cell.insert("sex".into(), "f".into());
        ind.targets.push(cell);
        ind
    }

    #[test]
    fn a_clean_indicator_has_no_findings() {
        assert_eq!(clean().validate("/indicators/0"), Vec::new());
    }

    #[test]
    fn blank_texts_and_codes() {
        let mut ind = clean();
        ind.code = " ".into();
        ind.name = Text::new("Consultations", "");
        ind.definition = Some(Text::new("", "définition"));
        let found = ind.validate("/i");
        assert_eq!(
            codes(&found),
            [
                "indicator.blank_code",
                "indicator.blank_text",
                "indicator.blank_text"
            ]
        );
        let paths: Vec<_> = found.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(paths, ["/i/code", "/i/definition", "/i/name"]);
        assert!(found[1].severity == crate::error::Severity::Warning);
        assert!(found[2].is_blocking());
    }

    #[test]
    fn ratio_factor_and_summed_ratios() {
        let mut ind = indicator(
            Measure::Ratio {
                numerator: t("n"),
                denominator: t("d"),
                factor: d("0"),
            },
            Direction::Increase,
            Aggregation::Incremental,
        );
        let found = ind.validate("");
        assert_eq!(
            codes(&found),
            ["indicator.ratio_summed", "indicator.ratio_factor"]
        );
        assert_eq!(found[1].path, "/measure/factor");
        ind.measure = Measure::Mean;
        assert_eq!(codes(&ind.validate("")), ["indicator.ratio_summed"]);
        ind.aggregation = Aggregation::RatioOfSums;
        assert!(ind.validate("").is_empty());
        ind.measure = Measure::Sum;
        assert_eq!(codes(&ind.validate("")), ["indicator.aggregation_mismatch"]);
    }

    #[test]
    fn distinct_persons_summed_is_a_warning() {
        let ind = indicator(
            Measure::DistinctPersons,
            Direction::Increase,
            Aggregation::Incremental,
        );
        let found = ind.validate("");
        assert_eq!(codes(&found), ["indicator.distinct_summed"]);
        assert!(!found[0].is_blocking());
    }

    #[test]
    fn cells_must_name_declared_dimensions_and_categories() {
        let mut ind = clean();
        let mut a = target("2026Q2", "1");
        a.cell.insert("age".into(), "0-4".into());
        let mut b = target("2026Q2", "1");
        b.cell.insert("sex".into(), "x".into());
        let mut c = target("2026Q2", "1");
        c.cell.insert("sex".into(), UNKNOWN_CATEGORY.into());
        ind.targets.extend([a, b, c]);
        let found = ind.validate("/i");
        assert_eq!(
            codes(&found),
            ["indicator.unknown_dimension", "indicator.unknown_category"]
        );
        assert_eq!(found[0].path, "/i/targets/3/cell");
        assert_eq!(found[1].path, "/i/targets/4/cell");
    }

    #[test]
    fn duplicates_and_reserved_codes() {
        let mut ind = clean();
        ind.targets.push(target("2026Q1", "12"));
        let mut dimension = ind.disaggregation[0].clone();
        dimension.categories.push(Category {
            code: "f".into(),
            name: t("Female"),
        });
        dimension.categories.push(Category {
            code: UNKNOWN_CATEGORY.into(),
            name: t("Unknown"),
        });
        ind.disaggregation.push(dimension);
        let found = ind.validate("");
        assert_eq!(
            codes(&found),
            [
                "indicator.duplicate_category",
                "indicator.reserved_category",
                "indicator.duplicate_dimension",
                "indicator.duplicate_target",
            ]
        );
        // Sorted by path: ".../categories/..." comes before ".../code".
        assert_eq!(found[0].path, "/disaggregation/1/categories/2/code");
        assert_eq!(found[1].path, "/disaggregation/1/categories/3/code");
        assert_eq!(found[2].path, "/disaggregation/1/code");
        assert_eq!(found[3].path, "/targets/3");
        assert_eq!(found[3].params["first"], "0");
    }

    #[test]
    fn values_against_measure_and_direction() {
        let mut ind = clean();
        // A level (a stock of open files), so its targets are held against the baseline.
        ind.aggregation = Aggregation::LatestSnapshot;
        ind.targets.push(target("2026Q3", "-1"));
        ind.targets.push(target("2026Q4", "2.5"));
        let found = ind.validate("");
        assert_eq!(
            codes(&found),
            [
                "indicator.invalid_count",
                "indicator.target_against_direction",
                "indicator.invalid_count",
                "indicator.target_against_direction",
            ]
        );
        assert_eq!(found[0].path, "/targets/3/value");

        let mut maintain = clean();
        maintain.direction = Direction::Maintain { tolerance: d("-1") };
        assert_eq!(
            codes(&maintain.validate("")),
            ["indicator.negative_tolerance"]
        );
    }

    #[test]
    fn ordinal_scale() {
        let mut ind = with_targets(
            indicator(
                Measure::Ordinal {
                    levels: vec![t("none"), t("debated"), t("adopted")],
                },
                Direction::Increase,
                Aggregation::LatestSnapshot,
            ),
            &[("2026", "3"), ("2027", "4"), ("2028", "1.5")],
        );
        ind.baseline = Some(Baseline {
            value: d("0"),
            period: p("2025"),
            source: None,
        });
        let found = ind.validate("");
        assert_eq!(
            codes(&found),
            [
                "indicator.ordinal_out_of_scale",
                "indicator.ordinal_out_of_scale",
                "indicator.ordinal_out_of_scale",
            ]
        );
        ind.aggregation = Aggregation::Incremental;
        ind.measure = Measure::Ordinal {
            levels: vec![t("only")],
        };
        let found = ind.validate("");
        assert!(codes(&found).contains(&"indicator.aggregation_mismatch"));
        assert!(codes(&found).contains(&"indicator.empty_scale"));
    }

    #[test]
    fn qualitative_and_nominal_take_no_numbers() {
        let mut ind = with_targets(
            indicator(
                Measure::Qualitative,
                Direction::Increase,
                Aggregation::LatestSnapshot,
            ),
            &[("2026", "1")],
        );
        ind.baseline = Some(Baseline {
            value: d("0"),
            period: p("2025"),
            source: None,
        });
        assert_eq!(
            codes(&ind.validate("")),
            [
                "indicator.baseline_not_allowed",
                "indicator.target_not_allowed"
            ]
        );
        ind.measure = Measure::Nominal {
            categories: Vec::new(),
        };
        assert!(codes(&ind.validate("")).contains(&"indicator.empty_scale"));
    }

    #[test]
    fn every_raised_code_is_in_the_catalogue() {
        let source = include_str!("indicator.rs");
        let mut raised: Vec<&str> = source
            .split('"')
            .filter(|s| {
                s.starts_with("indicator.")
                    && s.len() > "indicator.".len()
                    && s.chars()
                        .all(|c| c.is_ascii_lowercase() || c == '.' || c == '_')
                    && !s.ends_with(".rs")
            })
            .collect();
        raised.sort_unstable();
        raised.dedup();
        for code in raised {
            assert!(
                MESSAGES.iter().any(|m| m.code == code),
                "{code} has no message"
            );
        }
    }

    // --- JSON ----------------------------------------------------------------------------

    #[test]
    fn json_round_trip_and_errors() {
        let json = r#"{
            "code": "MH-1", "name": {"en": "Referral rate", "fr": "Taux d'orientation"},
            "measure": {"kind": "ratio", "numerator": {"en": "referred", "fr": "orientés"},
                        "denominator": {"en": "seen", "fr": "vus"}, "factor": "100"},
            "unit": {"en": "%", "fr": "%"},
            "direction": {"kind": "maintain", "tolerance": "2.5"},
            "aggregation": "ratio_of_sums",
            "targets": [{"period": "2026", "value": "80"}]
        }"#;
        let ind = Indicator::from_json(json).unwrap();
        assert_eq!(ind.target_for(&p("2026")), Some(d("80")));
        let again = Indicator::from_json(&serde_json::to_string(&ind).unwrap()).unwrap();
        assert_eq!(again, ind);
        assert_eq!(
            Indicator::from_json("{").unwrap_err().code,
            "json.malformed"
        );
        // Extra fields inside the tagged enums are errors, unit variants included.
        for (from, to) in [
            (
                r#"{"kind": "ratio""#,
                r#"{"kind": "count", "factor": "100""#,
            ),
            (r#"{"kind": "maintain""#, r#"{"kind": "increase""#),
        ] {
            let changed = json.replacen(from, to, 1);
            assert_ne!(changed, json);
            assert_eq!(
                Indicator::from_json(&changed).unwrap_err().code,
                "document.invalid",
                "{changed}"
            );
        }
        assert!(serde_json::from_str::<Measure>(r#"{"kind": "count"}"#).is_ok());
        assert!(serde_json::from_str::<Direction>(r#"{"kind": "decrease"}"#).is_ok());
        assert_eq!(
            Indicator::from_json(r#"{"code": 5}"#).unwrap_err().code,
            "document.invalid"
        );
    }
}
