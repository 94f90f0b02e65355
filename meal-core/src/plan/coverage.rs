//! CONTRACT (owner: plan helper). Coverage validation: does each MEAL plan cover its logframe,
//! and do its data sources exist and rest on GDPR rules.
//!
//! Findings with paths into the plan set (`/plans/{i}/indicators/{j}/source/field`) or the
//! logframes (`/logframes/{i}/indicators/{j}` for an indicator with no plan row). Expected codes
//! (the helper fixes the final list in the module docs): `plan.no_plan_row`,
//! `plan.unknown_indicator`, `plan.unknown_form`, `plan.unknown_field`, `plan.no_gdpr_rule`
//! (a personal field without classification or purposes, or whose purposes do not include the
//! row's processing), `plan.unknown_purpose`, `plan.frequency_cannot_feed` (collected less often
//! than a report it feeds), `plan.unknown_role`, `plan.no_logframe`, `plan.unknown_dimension`.

use crate::error::Finding;
use crate::form::Form;
use crate::i18n::Message;
use crate::logframe::Logframe;
use crate::privacy::Rules;

use super::MealPlan;

/// The documents a coverage check reads.
#[derive(Debug, Clone, Copy)]
pub struct Coverage<'a> {
    pub plans: &'a [MealPlan],
    pub logframes: &'a [Logframe],
    pub forms: &'a [Form],
    /// The mission's GDPR rules; without them, processing ids cannot be checked (a finding says so).
    pub rules: Option<&'a Rules>,
}

/// Every coverage finding, plus each plan's own [`MealPlan::validate`] findings (paths under
/// `/plans/{i}`), sorted by path then code.
pub fn coverage(input: &Coverage<'_>) -> Vec<Finding> {
    let _ = input;
    Vec::new()
}

/// Every code this file raises, in English and French.
pub const MESSAGES: &[Message] = &[];
