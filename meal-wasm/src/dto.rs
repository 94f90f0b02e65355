//! Plain data crossing the boundary, typed in the `.d.ts` by tsify. Dates and decimals cross as
//! strings (ISO `YYYY-MM-DD`, plain decimal notation) so no figure passes through a binary float.

use meal_core::{Finding as CoreFinding, Locale};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use tsify::Tsify;

/// One validation result, with its message in the requested language.
#[derive(Debug, Clone, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
#[tsify(hashmap_as_object)]
pub struct Finding {
    pub code: String,
    pub path: String,
    #[tsify(type = "\"error\" | \"warning\" | \"info\"")]
    pub severity: String,
    pub params: BTreeMap<String, String>,
    pub message: String,
}

impl Finding {
    pub fn from_core(finding: &CoreFinding, locale: Locale) -> Self {
        Finding {
            code: finding.code.clone(),
            path: finding.path.clone(),
            severity: finding.severity.as_str().to_owned(),
            params: finding.params.clone(),
            message: finding.message(locale),
        }
    }
}

/// One reported value of a period; for ratios `value` is the numerator.
#[derive(Debug, Clone, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct Observation {
    pub period: String,
    pub value: String,
    #[serde(default)]
    #[tsify(optional)]
    pub denominator: Option<String>,
}

/// An actual value set against the target of a period.
#[derive(Debug, Clone, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct Assessment {
    pub period: String,
    pub target: Option<String>,
    pub actual: Option<String>,
    /// Fraction of the target achieved ("1" = 100 %).
    pub achievement: Option<String>,
    #[tsify(type = "\"on_track\" | \"at_risk\" | \"off_track\" | \"no_data\" | \"no_target\"")]
    pub status: String,
}

/// A period as plain data (what `Period.toJSON()` returns).
#[derive(Debug, Clone, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct PeriodData {
    pub id: String,
    #[serde(rename = "type")]
    pub period_type: String,
    pub start: String,
    pub end: String,
}

/// Achievement thresholds (fractions of the target, decimal strings); absent fields take the
/// documented defaults (0.85 and 0.60).
#[derive(Debug, Clone, Default, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct Thresholds {
    #[serde(default)]
    #[tsify(optional)]
    pub on_track: Option<String>,
    #[serde(default)]
    #[tsify(optional)]
    pub at_risk: Option<String>,
}
