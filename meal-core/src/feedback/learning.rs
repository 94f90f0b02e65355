//! Learning from feedback: how many items of which kind reached each project and site in each
//! period — as a table already protected by cell suppression — and the accountability
//! indicators a logframe can carry.
//!
//! * [`aggregate`] counts items by the chosen [`By`] dimensions (taxonomy type, category or
//!   code, project, site, channel, sensitivity, period) and runs primary and secondary
//!   suppression ([`crate::disclosure::suppression`]) before anything is returned: a count of
//!   complaints per site and week is exactly the kind of small cell that points at a person.
//!   An item whose code the taxonomy does not know, or without a site, counts in the `unknown`
//!   category — never dropped.
//! * [`indicators`] computes, at an instant: the share of items whose acknowledgement fell due
//!   and was done on time, the share of loops closed, and feedback received per 1 000
//!   consultations. Shares are exact decimals rounded to 4 places, midpoint away from zero;
//!   a share without a denominator is `None`, never 0.
//!
//! | code | when |
//! |---|---|
//! | `feedback.no_dimensions` | `aggregate` asked for no dimension |
//! | `feedback.no_items` | `aggregate` was given no item (a table has no empty dimension) |
//! | `feedback.unknown_dimension` | [`By::parse`] does not know the name |

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset};
use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

use super::deadline::{due, Deadlines};
use super::item::Item;
use super::taxonomy::Taxonomy;
use super::workflow::{Case, State};
use crate::disclosure::suppression::{self, Suppression};
use crate::disclosure::table::{Table, UNKNOWN_CATEGORY};
use crate::error::MealError;
use crate::period::{Period, PeriodType};

/// Decimal places of the indicator shares.
pub const SHARE_DECIMALS: u32 = 4;

/// A dimension feedback is counted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "by", content = "period", rename_all = "snake_case")]
pub enum By {
    /// The taxonomy type (question, complaint, …).
    Type,
    /// The taxonomy category.
    Category,
    /// The taxonomy code.
    Code,
    Project,
    Site,
    Channel,
    /// `sensitive` or `not_sensitive`.
    Sensitivity,
    /// The period of reception (a DHIS2 period type: `Monthly`, `Quarterly`, …), in the item's
    /// own UTC offset.
    Period(PeriodType),
}

impl By {
    /// Reads a dimension as people write it: `type`, `category`, `code`, `project`, `site`,
    /// `channel`, `sensitivity`, or `period:<DHIS2 period type>` (`period:Monthly`). Errors
    /// `feedback.unknown_dimension`, and `period.unknown_type` for the period type.
    pub fn parse(text: &str) -> Result<By, MealError> {
        Ok(match text {
            "type" => By::Type,
            "category" => By::Category,
            "code" => By::Code,
            "project" => By::Project,
            "site" => By::Site,
            "channel" => By::Channel,
            "sensitivity" => By::Sensitivity,
            other => match other.strip_prefix("period:") {
                Some(period_type) => By::Period(PeriodType::from_name(period_type)?),
                None => {
                    return Err(MealError::new("feedback.unknown_dimension").with("value", other))
                }
            },
        })
    }

    /// The dimension's name in the table.
    fn name(self) -> String {
        match self {
            By::Type => "type".to_owned(),
            By::Category => "category".to_owned(),
            By::Code => "code".to_owned(),
            By::Project => "project".to_owned(),
            By::Site => "site".to_owned(),
            By::Channel => "channel".to_owned(),
            By::Sensitivity => "sensitivity".to_owned(),
            By::Period(period_type) => format!("period_{}", period_type.name()),
        }
    }

    /// The item's category on this dimension (`None` counts as unknown).
    fn value(self, item: &Item, taxonomy: &Taxonomy) -> Result<Option<String>, MealError> {
        let entry = taxonomy.code(&item.code);
        Ok(match self {
            By::Type => entry.map(|e| e.feedback_type.id.clone()),
            By::Category => entry.map(|e| e.category.id.clone()),
            By::Code => Some(item.code.clone()),
            By::Project => Some(item.project.clone()),
            By::Site => item.site.clone(),
            By::Channel => serde_json::to_value(item.channel)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned)),
            By::Sensitivity => Some(
                if item.sensitive || entry.is_some_and(|e| e.is_sensitive()) {
                    "sensitive"
                } else {
                    "not_sensitive"
                }
                .to_owned(),
            ),
            By::Period(period_type) => {
                Some(Period::containing(period_type, item.received_at.date_naive())?.id())
            }
        })
    }
}

/// Counts `items` by `by` and suppresses the table under `rules` (threshold 5 by default).
pub fn aggregate(
    items: &[Item],
    taxonomy: &Taxonomy,
    by: &[By],
    rules: &suppression::Rules,
) -> Result<Suppression, MealError> {
    if by.is_empty() {
        return Err(MealError::new("feedback.no_dimensions"));
    }
    if items.is_empty() {
        // A table needs at least one category per dimension; say so rather than invent one.
        return Err(MealError::new("feedback.no_items"));
    }
    let names: Vec<String> = by.iter().map(|b| b.name()).collect();
    let mut rows = Vec::with_capacity(items.len());
    for item in items {
        let mut row = serde_json::Map::new();
        for (dimension, name) in by.iter().zip(&names) {
            let value = dimension.value(item, taxonomy)?;
            row.insert(
                name.clone(),
                serde_json::Value::String(value.unwrap_or_else(|| UNKNOWN_CATEGORY.to_owned())),
            );
        }
        rows.push(serde_json::Value::Object(row));
    }
    let columns: Vec<&str> = names.iter().map(String::as_str).collect();
    let table = Table::from_records(&serde_json::Value::Array(rows).to_string(), &columns)?;
    suppression::suppress(&table, rules)
}

/// Accountability indicators of a set of items at an instant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Indicators {
    /// Items counted.
    pub items: u64,
    /// Items whose acknowledgement deadline fell by `at`, or that were acknowledged.
    pub acknowledgements_due: u64,
    /// Of those, acknowledged by the deadline.
    pub acknowledged_on_time: u64,
    /// `acknowledged_on_time / acknowledgements_due`.
    pub acknowledged_on_time_share: Option<Decimal>,
    /// Items whose case reached `loop_closed`.
    pub loops_closed: u64,
    /// `loops_closed / items`.
    pub loops_closed_share: Option<Decimal>,
    /// `items × 1000 / consultations`, when the consultations are known and not zero.
    pub per_1000_consultations: Option<Decimal>,
}

/// The indicators of `items` (with their `cases`, matched by item id) at `at`.
pub fn indicators(
    items: &[Item],
    cases: &[Case],
    deadlines: &Deadlines,
    at: DateTime<FixedOffset>,
    consultations: Option<u64>,
) -> Result<Indicators, MealError> {
    let by_item: BTreeMap<&str, &Case> = cases.iter().map(|c| (c.item_id(), c)).collect();
    let (mut acknowledgements_due, mut acknowledged_on_time, mut loops_closed) = (0u64, 0u64, 0u64);
    for item in items {
        let case = by_item.get(item.id.as_str()).copied();
        let acknowledge = due(item, case, deadlines)?.acknowledge;
        let fell_due = acknowledge.by.is_some_and(|by| by <= at) || acknowledge.done_at.is_some();
        if fell_due && acknowledge.by.is_some() {
            acknowledgements_due += 1;
            if acknowledge.on_time == Some(true) {
                acknowledged_on_time += 1;
            }
        }
        if case.is_some_and(|c| c.state() == State::LoopClosed) {
            loops_closed += 1;
        }
    }
    let count = u64::try_from(items.len()).unwrap_or(u64::MAX);
    Ok(Indicators {
        items: count,
        acknowledgements_due,
        acknowledged_on_time,
        acknowledged_on_time_share: share(acknowledged_on_time, acknowledgements_due),
        loops_closed,
        loops_closed_share: share(loops_closed, count),
        per_1000_consultations: consultations.and_then(|c| share(count.saturating_mul(1000), c)),
    })
}

/// `part / whole` rounded to [`SHARE_DECIMALS`] places, `None` when `whole` is 0.
fn share(part: u64, whole: u64) -> Option<Decimal> {
    if whole == 0 {
        return None;
    }
    Decimal::from(part)
        .checked_div(Decimal::from(whole))
        .map(|d| d.round_dp_with_strategy(SHARE_DECIMALS, RoundingStrategy::MidpointAwayFromZero))
}

use crate::i18n::{Message, Term};

/// Codes raised here, in French and English.
pub(crate) const MESSAGES: &[Message] = &[
    Message {
        code: "feedback.no_dimensions",
        en: "Feedback aggregates need at least one dimension to count by",
        fr: "Les agrégats de retours doivent être comptés selon au moins une dimension",
    },
    Message {
        code: "feedback.no_items",
        en: "There is no feedback item to aggregate",
        fr: "Il n'y a aucun retour à agréger",
    },
    Message {
        code: "feedback.unknown_dimension",
        en: "\"{value}\" is not a dimension feedback can be counted by (type, category, code, project, site, channel, sensitivity, period:<type>)",
        fr: "« {value} » n'est pas une dimension de comptage des retours (type, category, code, project, site, channel, sensitivity, period:<type>)",
    },
];

/// Domain terms carried in params of these codes.
pub(crate) const TERMS: &[Term] = &[];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::disclosure::suppression::Status;
    use crate::feedback::workflow::{Action, Event};

    fn taxonomy() -> Taxonomy {
        Taxonomy::from_json(include_str!(
            "../../../examples/data/feedback-taxonomy.json"
        ))
        .unwrap()
        .value
    }

    fn item(id: &str, code: &str, site: Option<&str>, at: &str) -> Item {
        Item::from_json(
            &serde_json::json!({
                "id": id, "received_at": at, "channel": "hotline", "project": "calais",
                "site": site, "code": code, "sensitive": false,
                "content": {"kind": "plain", "text": "…"}
            })
            .to_string(),
        )
        .unwrap()
    }

    fn items() -> Vec<Item> {
        let mut all: Vec<Item> = (0..7)
            .map(|n| {
                item(
                    &format!("a{n}"),
                    "attente",
                    Some("accueil_jour"),
                    "2026-11-02T10:00:00+01:00",
                )
            })
            .collect();
        all.extend((0..6).map(|n| {
            item(
                &format!("q{n}"),
                "info_droits",
                Some("accueil_jour"),
                "2026-11-03T10:00:00+01:00",
            )
        }));
        all.push(item(
            "x0",
            "qualite_soins",
            None,
            "2026-12-01T00:30:00+01:00",
        ));
        all
    }

    #[test]
    fn counts_every_item_and_hides_the_small_cells() {
        let done = aggregate(
            &items(),
            &taxonomy(),
            &[By::Type, By::Site],
            &suppression::Rules::default(),
        )
        .unwrap();
        let cell = |coords: [&str; 2]| done.cells.iter().find(|c| c.coords == coords).unwrap();
        // 14 items, none lost: the site-less one counts in "unknown".
        assert_eq!(cell(["Total", "Total"]).value, Some(14));
        assert_eq!(cell(["plainte", "unknown"]).status, Status::Primary);
        // alone in its row, the 1 would be its margin minus nothing: its row total goes too
        assert_ne!(cell(["Total", "unknown"]).status, Status::Published);
        assert_eq!(cell(["question", "accueil_jour"]).value, Some(6));
    }

    #[test]
    fn periods_follow_the_items_own_offset() {
        let done = aggregate(
            &items(),
            &taxonomy(),
            &[By::Period(PeriodType::Monthly)],
            &suppression::Rules {
                threshold: 1,
                ..Default::default()
            },
        )
        .unwrap();
        let months: Vec<_> = done
            .cells
            .iter()
            .map(|c| (c.coords[0].as_str(), c.value))
            .collect();
        // 2026-12-01T00:30+01:00 is still 30 November in UTC, but December where it was received.
        assert_eq!(
            months,
            [
                ("202611", Some(13)),
                ("202612", Some(1)),
                ("Total", Some(14))
            ]
        );
        assert_eq!(
            aggregate(&items(), &taxonomy(), &[], &suppression::Rules::default())
                .unwrap_err()
                .code,
            "feedback.no_dimensions"
        );
    }

    #[test]
    fn dimensions_read_as_people_write_them() {
        assert_eq!(By::parse("site").unwrap(), By::Site);
        assert_eq!(
            By::parse("period:Quarterly").unwrap(),
            By::Period(PeriodType::Quarterly)
        );
        assert_eq!(
            By::parse("colour").unwrap_err().code,
            "feedback.unknown_dimension"
        );
        assert_eq!(
            By::parse("period:Fortnight").unwrap_err().code,
            "period.unknown_type"
        );
    }

    proptest::proptest! {
        #[test]
        fn every_item_is_counted_once(codes in proptest::collection::vec(0usize..4, 1..40)) {
            let known = ["attente", "info_droits", "fraude", "not_in_taxonomy"];
            let all: Vec<Item> = codes.iter().enumerate()
                .map(|(n, c)| item(&format!("i{n}"), known[*c], None, "2026-11-02T10:00:00+01:00"))
                .collect();
            let rules = suppression::Rules { threshold: 1, ..Default::default() };
            let done = aggregate(&all, &taxonomy(), &[By::Type, By::Sensitivity], &rules).unwrap();
            let total = done.cells.iter().find(|c| c.coords == ["Total", "Total"]).and_then(|c| c.value);
            proptest::prop_assert_eq!(total, Some(all.len() as u64));
        }
    }

    #[test]
    fn indicators_count_only_what_fell_due_and_never_divide_by_zero() {
        let all = items();
        let at = |t: &str| DateTime::parse_from_rfc3339(t).unwrap();
        let event = |action, when: &str| Event {
            action,
            actor: "cea".to_owned(),
            at: at(when),
        };
        let mut on_time = Case::for_item(&all[0]);
        on_time
            .apply(event(Action::Acknowledge, "2026-11-02T11:00:00+01:00"))
            .unwrap();
        on_time
            .apply(event(Action::Respond, "2026-11-03T11:00:00+01:00"))
            .unwrap();
        on_time
            .apply(event(Action::CloseLoop, "2026-11-04T11:00:00+01:00"))
            .unwrap();
        let deadlines = Deadlines::proposed();
        let found = indicators(
            &all,
            &[on_time],
            &deadlines,
            at("2026-11-20T00:00:00+01:00"),
            Some(2000),
        )
        .unwrap();
        assert_eq!(found.items, 14);
        // the 13 November items are past their acknowledgement deadline; December's is not yet due
        assert_eq!(found.acknowledgements_due, 13);
        assert_eq!(found.acknowledged_on_time, 1);
        assert_eq!(found.acknowledged_on_time_share, Some(Decimal::new(769, 4)));
        assert_eq!(found.loops_closed_share, Some(Decimal::new(714, 4)));
        assert_eq!(found.per_1000_consultations, Some(Decimal::new(7, 0)));
        let none = indicators(
            &[],
            &[],
            &deadlines,
            at("2026-11-20T00:00:00+01:00"),
            Some(0),
        )
        .unwrap();
        assert_eq!(
            (
                none.acknowledged_on_time_share,
                none.loops_closed_share,
                none.per_1000_consultations
            ),
            (None, None, None)
        );
    }
}
