//! Exact statistics for the outlier tests: mean and population variance, quantiles, and the
//! three tests of DHIS2's outlier detection that need no stored bounds (z-score, modified
//! z-score) plus Tukey's IQR fences.
//!
//! Pure functions over a slice of values, so they are tested without a table and their answer
//! cannot depend on row order (each test looks only at the multiset of values).
//!
//! # Decisions
//!
//! * **The decision is exact, no square root.** DHIS2 flags `|x − mean| / σ_pop ≥ t`
//!   (`reference/logframes-indicators.md` §1.8, §7.7). With n values of sum S and sum of
//!   squares Q, n²σ² = nQ − S², so the test is `(n·x − S)² ≥ t²·(nQ − S²)` — integers and exact
//!   decimals only, no division and no `sqrt` (rust_decimal's `maths` feature is not enabled,
//!   and a rounded σ could move a value across the threshold). Modified z-score:
//!   `0.6745·|x − median| ≥ t·MAD`. IQR: `x < Q1 − k·IQR` or `x > Q3 + k·IQR`, exact.
//! * **Comparisons as DHIS2 and Tukey write them**: z and modified z flag at `≥ t` (DHIS2's SQL,
//!   §1.8); the IQR fences flag strictly outside (a value on a fence is not an outlier).
//! * **No spread, no test.** A group with σ = 0, MAD = 0 or IQR = 0 is skipped, as DHIS2 skips
//!   σ = 0 and MAD = 0 (§1.8): with no spread there is nothing to measure a distance against,
//!   and every value that differs would otherwise be flagged. So a column of equal values
//!   flags nothing.
//! * **Quantiles: linear interpolation, Hyndman–Fan type 7** — numpy's and pandas' default and
//!   Postgres' `percentile_cont`, which DHIS2 uses for the median and the MAD (§1.8): with the
//!   values sorted x₀ ≤ … ≤ x₋₁ and h = (n − 1)·p, `Q(p) = x_⌊h⌋ + (h − ⌊h⌋)·(x_⌊h⌋+1 − x_⌊h⌋)`.
//!   Computed in exact decimals.
//! * **Bounds are for people to read**: `mean ± t·σ` and `median ± t·MAD/0.6745` need a square
//!   root or a division, so they (and the centre) are rounded half to even to
//!   [`BOUND_DECIMALS`] places; the flag itself never uses them. σ is found by Newton's method
//!   on decimals (28 significant digits) before that rounding.
//! * **Overflow** (values whose sums of squares pass 7.9·10²⁸) is reported, never wrapped: the
//!   group is [`Test::Overflow`].

use rust_decimal::{Decimal, RoundingStrategy};

/// Decimal places of the centre and bounds shown with an outlier (half to even).
pub const BOUND_DECIMALS: u32 = 4;

/// The constant of the modified z-score, 0.6745 (Iglewicz & Hoaglin; DHIS2 §1.8).
pub const MODIFIED_Z_CONSTANT: Decimal = Decimal::from_parts(6745, 0, 0, false, 4);

/// What an outlier test found in one group of values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Test {
    /// The test ran: its centre, bounds (rounded for display) and the flagged values.
    Ran(Fences),
    /// No spread (σ, MAD or IQR is 0): nothing tested.
    NoSpread,
    /// A sum or product did not fit a decimal: nothing tested, and the caller says so.
    Overflow,
}

/// The centre and bounds of a test, and the indices (into the slice given) of the values
/// outside them, in increasing order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fences {
    /// Mean (z-score), median (modified z-score) or the midpoint of the quartiles (IQR).
    pub centre: Decimal,
    pub lower: Decimal,
    pub upper: Decimal,
    pub flagged: Vec<usize>,
}

/// Z-score test: flags `|x − mean| ≥ t·σ_pop`, exactly as `(n·x − S)² ≥ t²·(nQ − S²)`.
pub fn z_score(values: &[Decimal], threshold: Decimal) -> Test {
    z_score_exact(values, threshold).unwrap_or(Test::Overflow)
}

fn z_score_exact(values: &[Decimal], threshold: Decimal) -> Option<Test> {
    let n = Decimal::from(values.len());
    let (mut sum, mut squares) = (Decimal::ZERO, Decimal::ZERO);
    for &x in values {
        sum = sum.checked_add(x)?;
        squares = squares.checked_add(x.checked_mul(x)?)?;
    }
    // n²σ² = nQ − S².
    let spread = n.checked_mul(squares)?.checked_sub(sum.checked_mul(sum)?)?;
    if spread <= Decimal::ZERO {
        return Some(Test::NoSpread);
    }
    let limit = threshold.checked_mul(threshold)?.checked_mul(spread)?;
    let mut flagged = Vec::new();
    for (index, &x) in values.iter().enumerate() {
        let distance = n.checked_mul(x)?.checked_sub(sum)?;
        if distance.checked_mul(distance)? >= limit {
            flagged.push(index);
        }
    }
    let mean = sum.checked_div(n)?;
    let sigma = sqrt(spread)?.checked_div(n)?;
    let reach = threshold.checked_mul(sigma)?;
    Some(Test::Ran(Fences {
        centre: shown(mean),
        lower: shown(mean.checked_sub(reach)?),
        upper: shown(mean.checked_add(reach)?),
        flagged,
    }))
}

/// Modified z-score test: flags `0.6745·|x − median| ≥ t·MAD`.
pub fn modified_z_score(values: &[Decimal], threshold: Decimal) -> Test {
    modified_z_exact(values, threshold).unwrap_or(Test::Overflow)
}

fn modified_z_exact(values: &[Decimal], threshold: Decimal) -> Option<Test> {
    let median = quantile(&sorted(values), Decimal::new(5, 1))?;
    let deviations: Vec<Decimal> = values
        .iter()
        .map(|x| x.checked_sub(median).map(|d| d.abs()))
        .collect::<Option<_>>()?;
    let mad = quantile(&sorted(&deviations), Decimal::new(5, 1))?;
    if mad <= Decimal::ZERO {
        return Some(Test::NoSpread);
    }
    let limit = threshold.checked_mul(mad)?;
    let mut flagged = Vec::new();
    for (index, deviation) in deviations.iter().enumerate() {
        if MODIFIED_Z_CONSTANT.checked_mul(*deviation)? >= limit {
            flagged.push(index);
        }
    }
    let reach = limit.checked_div(MODIFIED_Z_CONSTANT)?;
    Some(Test::Ran(Fences {
        centre: shown(median),
        lower: shown(median.checked_sub(reach)?),
        upper: shown(median.checked_add(reach)?),
        flagged,
    }))
}

/// Tukey's fences: flags `x < Q1 − k·IQR` or `x > Q3 + k·IQR`.
pub fn iqr(values: &[Decimal], factor: Decimal) -> Test {
    iqr_exact(values, factor).unwrap_or(Test::Overflow)
}

fn iqr_exact(values: &[Decimal], factor: Decimal) -> Option<Test> {
    let ordered = sorted(values);
    let q1 = quantile(&ordered, Decimal::new(25, 2))?;
    let q3 = quantile(&ordered, Decimal::new(75, 2))?;
    let range = q3.checked_sub(q1)?;
    if range <= Decimal::ZERO {
        return Some(Test::NoSpread);
    }
    let reach = factor.checked_mul(range)?;
    let (lower, upper) = (q1.checked_sub(reach)?, q3.checked_add(reach)?);
    let flagged = values
        .iter()
        .enumerate()
        .filter(|(_, &x)| x < lower || x > upper)
        .map(|(index, _)| index)
        .collect();
    Some(Test::Ran(Fences {
        centre: shown(q1.checked_add(q3)?.checked_div(Decimal::TWO)?),
        lower: lower.normalize(),
        upper: upper.normalize(),
        flagged,
    }))
}

/// The values in increasing order.
fn sorted(values: &[Decimal]) -> Vec<Decimal> {
    let mut ordered = values.to_vec();
    ordered.sort_unstable();
    ordered
}

/// Quantile `p` (0–1) of sorted values, linear interpolation (Hyndman–Fan type 7); `None`
/// for no values or an overflow.
pub fn quantile(ordered: &[Decimal], p: Decimal) -> Option<Decimal> {
    let last = ordered.len().checked_sub(1)?;
    let h = Decimal::from(last).checked_mul(p)?;
    let floor = h.floor();
    let index = usize::try_from(u64::try_from(floor).ok()?).ok()?;
    let low = *ordered.get(index)?;
    let fraction = h.checked_sub(floor)?;
    match ordered.get(index + 1) {
        Some(&high) if !fraction.is_zero() => {
            low.checked_add(fraction.checked_mul(high.checked_sub(low)?)?)
        }
        _ => Some(low),
    }
}

/// The square root of a non-negative decimal to 28 significant digits (Newton's method from
/// above); `None` for a negative value.
pub fn sqrt(value: Decimal) -> Option<Decimal> {
    if value.is_sign_negative() && !value.is_zero() {
        return None;
    }
    if value.is_zero() {
        return Some(Decimal::ZERO);
    }
    // Start at or above the root: Newton's iterates then decrease to it.
    let mut root = value.max(Decimal::ONE);
    for _ in 0..200 {
        let next = root
            .checked_add(value.checked_div(root)?)?
            .checked_div(Decimal::TWO)?;
        if next >= root {
            break;
        }
        root = next;
    }
    Some(root)
}

/// A figure rounded for display: [`BOUND_DECIMALS`] places, half to even, trailing zeros off.
fn shown(value: Decimal) -> Decimal {
    value
        .round_dp_with_strategy(BOUND_DECIMALS, RoundingStrategy::MidpointNearestEven)
        .normalize()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(text: &str) -> Decimal {
        Decimal::from_str(text).unwrap()
    }

    fn ds(values: &[i64]) -> Vec<Decimal> {
        values.iter().map(|&v| Decimal::from(v)).collect()
    }

    fn ran(test: Test) -> Fences {
        match test {
            Test::Ran(fences) => fences,
            other => panic!("expected a test, got {other:?}"),
        }
    }

    #[test]
    fn quantiles_interpolate_linearly_as_numpy() {
        // numpy.quantile([1, 2, 3, 4], [0.25, 0.5, 0.75]) = [1.75, 2.5, 3.25]
        let v = ds(&[1, 2, 3, 4]);
        assert_eq!(quantile(&v, d("0.25")), Some(d("1.75")));
        assert_eq!(quantile(&v, d("0.5")), Some(d("2.5")));
        assert_eq!(quantile(&v, d("0.75")), Some(d("3.25")));
        assert_eq!(quantile(&ds(&[7]), d("0.75")), Some(d("7")));
        assert_eq!(quantile(&[], d("0.5")), None);
    }

    #[test]
    fn square_roots_are_exact_for_squares_and_close_otherwise() {
        assert_eq!(sqrt(d("144")), Some(d("12")));
        assert_eq!(sqrt(d("0.25")), Some(d("0.5")));
        assert_eq!(sqrt(Decimal::ZERO), Some(Decimal::ZERO));
        assert_eq!(sqrt(d("-1")), None);
        let root = sqrt(d("2")).unwrap();
        assert_eq!(root.round_dp(10), d("1.4142135624"));
    }

    #[test]
    fn z_score_flags_at_the_threshold_exactly() {
        // 1, 1, 1, 1, 6: mean 2, σ² = (4·1 + 16)/5 = 4, σ = 2; z(6) = 2, z(1) = 0.5.
        let v = ds(&[1, 1, 1, 1, 6]);
        let fences = ran(z_score(&v, d("2")));
        assert_eq!(fences.flagged, vec![4], "z = 2 ≥ 2 is flagged (DHIS2 ≥)");
        assert_eq!(
            (fences.centre, fences.lower, fences.upper),
            (d("2"), d("-2"), d("6"))
        );
        assert!(ran(z_score(&v, d("2.0001"))).flagged.is_empty());
    }

    #[test]
    fn z_score_skips_equal_values() {
        assert_eq!(z_score(&ds(&[5, 5, 5]), d("3")), Test::NoSpread);
        assert_eq!(z_score(&ds(&[5]), d("3")), Test::NoSpread);
    }

    #[test]
    fn modified_z_score_uses_median_and_mad() {
        // 1, 2, 3, 4, 100: median 3; |x − 3| = 2, 1, 0, 1, 97; MAD = 1.
        // 0.6745·97 = 65.4 ≥ 3.5; 0.6745·2 = 1.349 < 3.5.
        let fences = ran(modified_z_score(&ds(&[1, 2, 3, 4, 100]), d("3.5")));
        assert_eq!(fences.flagged, vec![4]);
        assert_eq!(fences.centre, d("3"));
        // 3 ± 3.5/0.6745 = 3 ± 5.18902891030393…
        assert_eq!((fences.lower, fences.upper), (d("-2.189"), d("8.189")));
        assert_eq!(
            modified_z_score(&ds(&[4, 4, 4, 9]), d("3.5")),
            Test::NoSpread
        );
    }

    #[test]
    fn iqr_fences_flag_strictly_outside() {
        // 1..=8: Q1 = 2.75, Q3 = 6.25, IQR = 3.5; k = 1: fences −0.75 and 9.75.
        let mut v = ds(&[1, 2, 3, 4, 5, 6, 7, 8]);
        assert!(ran(iqr(&v, d("1"))).flagged.is_empty());
        v.push(d("9.75"));
        // With nine values: Q1 = 3, Q3 = 7, IQR 4, fences −1 and 11: 9.75 inside.
        assert!(ran(iqr(&v, d("1"))).flagged.is_empty());
        let fences = ran(iqr(&ds(&[1, 2, 3, 4, 5, 6, 7, 8, 40]), d("1.5")));
        assert_eq!(fences.flagged, vec![8]);
        assert_eq!((fences.lower, fences.upper), (d("-3"), d("13")));
        assert_eq!(iqr(&ds(&[0, 0, 0, 0, 7]), d("1.5")), Test::NoSpread);
    }

    #[test]
    fn overflow_is_reported() {
        let huge = vec![Decimal::MAX, Decimal::ZERO];
        assert_eq!(z_score(&huge, d("3")), Test::Overflow);
    }
}
