//! Individual and global re-identification risk, and the publication gate.
//!
//! The individual risk of a row is the chance that an intruder who knows its key values picks
//! the right person among its look-alikes; the global risk summarises the file (reference
//! `gdpr-feedback.md` §2.4; §6.1 items 6–7).
//!
//! # Decisions
//!
//! * **r_k = 1/f_k** (§6.1 item 6 (i), "census-like registers"). sdcMicro's default is the
//!   Benedetti–Franconi Bayesian estimate, which infers the population frequency F_k from
//!   sampling weights. An NGO's patient or beneficiary register is not a sample: it is (close to)
//!   the whole served population, with no weights (§2.4, "census/no-weights caveat … use
//!   k-anonymity/f_k-based rules, not weight-based r_k"). With every weight 1, F_k = f_k and
//!   1/f_k is the worst-case risk the guide names. f_k counts missing values as wildcards
//!   ([`super::frequency`]).
//! * **Global risk R1 = mean r_k**, and the **expected number of re-identifications Σ r_k =
//!   n·R1** (§2.4). Because "a low average can hide high-risk records" (§2.4), rows whose r_k is
//!   above a threshold are counted too; default [`DEFAULT_RISK_THRESHOLD`] = 0.05, the guide's
//!   example.
//! * **Publication gate** (§2.3, §6.1 item 7): publishable when R1 < [`HDX_GLOBAL_RISK_LIMIT`]
//!   (3 %, HDX's operational threshold) **and** no row is above the threshold. Each failed
//!   condition is a blocking [`Finding`] in `reasons`. An empty file is publishable (R1 = 0).
//! * **Exact numbers.** Risks are `Decimal`s rounded to [`RISK_DECIMALS`] = 6 places, half to
//!   even (banker's rounding), then normalised (`0.5`, not `0.500000`); so an f_k above 2 000 000
//!   shows as `0`. Σ r_k is summed per distinct f_k as `count/f` (exact whenever the rows with
//!   that f_k form whole classes), with 28 significant digits, and only the final figures are
//!   rounded. Comparisons are exact: r_k > t exactly when f_k·t < 1, and R1 < 3 % exactly when
//!   Σ r_k < 0.03·n (to 28 digits).
//!
//! # Codes
//!
//! | code | kind | when | params |
//! |---|---|---|---|
//! | `disclosure.bad_risk_threshold` | error | threshold not in (0, 1] | `threshold` |
//! | `disclosure.global_risk_high` | finding (error) | R1 ≥ 3 % | `global`, `limit` |
//! | `disclosure.rows_above_threshold` | finding (error) | some r_k > threshold | `count`, `threshold` |

use std::collections::BTreeMap;

use rust_decimal::{Decimal, RoundingStrategy};
use serde::Serialize;

use super::frequency::frequencies;
use super::microdata::Microdata;
use crate::error::{Finding, MealError};
use crate::i18n::{Message, Term};

/// Rows whose individual risk is above this are flagged (§2.4, example threshold 0.05).
pub const DEFAULT_RISK_THRESHOLD: Decimal = Decimal::from_parts(5, 0, 0, false, 2);

/// HDX publishes microdata whose global risk is below 3 % (§2.3).
pub const HDX_GLOBAL_RISK_LIMIT: Decimal = Decimal::from_parts(3, 0, 0, false, 2);

/// Decimal places of every reported risk.
pub const RISK_DECIMALS: u32 = 6;

/// The risk of a file of microdata.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Risk {
    /// r_k = 1/f_k per row, in row order.
    pub individual: Vec<Decimal>,
    /// R1, the mean individual risk.
    pub global: Decimal,
    /// Σ r_k = n·R1, the expected number of re-identifications.
    pub expected_reidentifications: Decimal,
    /// The largest r_k (0 for an empty file).
    pub max_individual: Decimal,
    /// The threshold rows were compared with.
    pub threshold: Decimal,
    /// The rows with r_k above the threshold, ascending.
    pub rows_above_threshold: Vec<usize>,
    /// True when R1 < 3 % and no row is above the threshold.
    pub publishable: bool,
    /// Why not, as blocking findings (empty when publishable).
    pub reasons: Vec<Finding>,
}

/// Measures the risk of `data`; `threshold` (in (0, 1]) flags individual rows, usually
/// [`DEFAULT_RISK_THRESHOLD`]. Error `disclosure.bad_risk_threshold`.
pub fn risk(data: &Microdata, threshold: Decimal) -> Result<Risk, MealError> {
    if threshold <= Decimal::ZERO || threshold > Decimal::ONE {
        return Err(MealError::new("disclosure.bad_risk_threshold")
            .with("threshold", threshold.normalize()));
    }
    let f = frequencies(data);
    let individual: Vec<Decimal> = f.iter().map(|&fk| rounded(inverse(fk))).collect();
    let rows_above_threshold: Vec<usize> = f
        .iter()
        .enumerate()
        .filter(|(_, &fk)| Decimal::from(fk) * threshold < Decimal::ONE)
        .map(|(row, _)| row)
        .collect();
    let sum = sum_of_inverses(&f);
    let rows = Decimal::from(f.len());
    let global = if f.is_empty() {
        Decimal::ZERO
    } else {
        sum / rows
    };
    let max_individual = f.iter().min().map_or(Decimal::ZERO, |&fk| inverse(fk));
    let mut reasons = Vec::new();
    if sum >= HDX_GLOBAL_RISK_LIMIT * rows && !f.is_empty() {
        reasons.push(
            Finding::error("disclosure.global_risk_high", "")
                .with("global", rounded(global))
                .with("limit", HDX_GLOBAL_RISK_LIMIT),
        );
    }
    if !rows_above_threshold.is_empty() {
        reasons.push(
            Finding::error("disclosure.rows_above_threshold", "")
                .with("count", rows_above_threshold.len())
                .with("threshold", threshold.normalize()),
        );
    }
    Ok(Risk {
        individual,
        global: rounded(global),
        expected_reidentifications: rounded(sum),
        max_individual: rounded(max_individual),
        threshold: threshold.normalize(),
        rows_above_threshold,
        publishable: reasons.is_empty(),
        reasons,
    })
}

/// 1/f (f ≥ 1 always: a row matches itself; 0 would mean no row, risk 0).
fn inverse(fk: u64) -> Decimal {
    if fk == 0 {
        Decimal::ZERO
    } else {
        Decimal::ONE / Decimal::from(fk)
    }
}

/// Σ 1/f_k, one division per distinct f_k.
fn sum_of_inverses(f: &[u64]) -> Decimal {
    let mut counts: BTreeMap<u64, u64> = BTreeMap::new();
    for &fk in f {
        *counts.entry(fk).or_default() += 1;
    }
    counts
        .into_iter()
        .filter(|&(fk, _)| fk > 0)
        .map(|(fk, count)| Decimal::from(count) / Decimal::from(fk))
        .sum()
}

fn rounded(value: Decimal) -> Decimal {
    value
        .round_dp_with_strategy(RISK_DECIMALS, RoundingStrategy::MidpointNearestEven)
        .normalize()
}

/// Codes raised here, in French and English.
pub(crate) const MESSAGES: &[Message] = &[
    Message {
        code: "disclosure.bad_risk_threshold",
        en: "The risk threshold {threshold} must be above 0 and at most 1 (0.05 is usual)",
        fr: "Le seuil de risque {threshold} doit être supérieur à 0 et au plus égal à 1 (0,05 est usuel)",
    },
    Message {
        code: "disclosure.global_risk_high",
        en: "Global re-identification risk {global} is not below the publication limit {limit}",
        fr: "Le risque global de réidentification {global} n'est pas inférieur à la limite de publication {limit}",
    },
    Message {
        code: "disclosure.rows_above_threshold",
        en: "{count} rows have an individual re-identification risk above {threshold}",
        fr: "{count} lignes ont un risque individuel de réidentification supérieur à {threshold}",
    },
];

/// Domain terms carried in params of these codes.
pub(crate) const TERMS: &[Term] = &[];

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn dec(text: &str) -> Decimal {
        Decimal::from_str(text).unwrap()
    }

    fn one_key(values: &[Option<&str>]) -> Microdata {
        Microdata::from_columns(vec![("k".to_owned(), values.to_vec())]).unwrap()
    }

    #[test]
    fn risk_is_the_inverse_frequency_rounded_half_even() {
        // f = 3, 3, 3, 1 → r = 1/3, 1/3, 1/3, 1; Σ = 2 exactly; R1 = 0.5.
        let md = one_key(&[Some("a"), Some("a"), Some("a"), Some("b")]);
        let r = risk(&md, DEFAULT_RISK_THRESHOLD).unwrap();
        assert_eq!(
            r.individual,
            vec![dec("0.333333"), dec("0.333333"), dec("0.333333"), dec("1")]
        );
        assert_eq!(
            (r.global, r.expected_reidentifications),
            (dec("0.5"), dec("2"))
        );
        assert_eq!(r.max_individual, dec("1"));
        assert_eq!(r.rows_above_threshold, vec![0, 1, 2, 3]);
        assert!(!r.publishable);
        let codes: Vec<_> = r.reasons.iter().map(|f| f.code.as_str()).collect();
        assert_eq!(
            codes,
            [
                "disclosure.global_risk_high",
                "disclosure.rows_above_threshold"
            ]
        );
    }

    #[test]
    fn threshold_comparison_is_exact() {
        // 20 identical rows: r = 0.05, not above 0.05; R1 = 0.05 ≥ 0.03.
        let md = one_key(&[Some("a"); 20]);
        let r = risk(&md, dec("0.05")).unwrap();
        assert!(r.rows_above_threshold.is_empty());
        assert_eq!(r.reasons.len(), 1);
        assert_eq!(r.reasons[0].code, "disclosure.global_risk_high");
        // 34 identical rows: R1 = 1/34 < 0.03, publishable.
        let md = one_key(&[Some("a"); 34]);
        assert!(risk(&md, dec("0.05")).unwrap().publishable);
    }

    #[test]
    fn half_even_rounding() {
        assert_eq!(rounded(dec("0.0000125")), dec("0.000012"));
        assert_eq!(rounded(dec("0.0000135")), dec("0.000014"));
    }

    #[test]
    fn thresholds_outside_zero_to_one_are_errors() {
        let md = one_key(&[Some("a")]);
        for bad in ["0", "-0.1", "1.01"] {
            assert_eq!(
                risk(&md, dec(bad)).unwrap_err().code,
                "disclosure.bad_risk_threshold"
            );
        }
        assert!(risk(&md, Decimal::ONE).is_ok());
    }

    #[test]
    fn empty_file_is_publishable() {
        let md = one_key(&[]);
        let r = risk(&md, DEFAULT_RISK_THRESHOLD).unwrap();
        assert!(r.publishable);
        assert_eq!(r.global, Decimal::ZERO);
    }
}
