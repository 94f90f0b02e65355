//! Validation rules in the DHIS2 style: a left side, an operator, a right side, an importance
//! and a missing-value strategy (`reference/logframes-indicators.md` §1.7, adopted one-to-one
//! in §7.6), evaluated on each record with the expression language.
//!
//! # Decisions
//!
//! * **Record level.** DHIS2 evaluates a rule on aggregated values of an org unit and period;
//!   here each side is an expression over one record's columns (`${age}`,
//!   `${nights} + ${waiting_days}`, `120`), evaluated with the language's rules
//!   ([`crate::expr`]: exact decimals, blank arithmetic is NaN). An optional `filter` restricts a
//!   rule to some records (GX's `row_condition`, `reference/python-analytics.md` §1.6).
//! * **Operators** are DHIS2's (`Operator.java`): `equal_to`, `not_equal_to`, `greater_than`,
//!   `greater_than_or_equal_to`, `less_than`, `less_than_or_equal_to`, compared as the
//!   language's `= != > >= < <=` compare. A comparison that cannot be made (NaN) is not met, so
//!   it is a violation — except `not_equal_to`, which NaN satisfies, as in the language.
//! * **`compulsory_pair`**: if either side has a value, both must; **`exclusive_pair`**: at
//!   most one side may have a value. A side "has a value" when its result is neither blank nor
//!   NaN. The missing-value strategy does not apply to pairs: missing values are what they test.
//! * **Missing values.** A side's values are the columns it references; the strategy is applied
//!   to each side, and the rule is skipped when either side says so (DHIS2 keeps one strategy
//!   per side; one per rule keeps the document short and covers the cases met):
//!   `skip_if_all_values_missing` (DHIS2's default, also ours) skips when every referenced cell
//!   of the side is blank; `skip_if_any_value_missing` when one is; `never_skip` never skips, so
//!   a blank compared is a violation (write `coalesce(${x}, 0)` to count a blank as zero, as
//!   DHIS2 does under `NEVER_SKIP`). A side without references (`120`) is never missing.
//! * **Importance → severity**: high is an error, medium a warning, low for information;
//!   DHIS2's default importance is medium (§1.7).
//! * A violation is one failure per record and rule (DHIS2's `ValidationResult` with the left
//!   and right values, §1.7); the column is the left side's when it reads exactly one.
//!
//! # Codes
//!
//! | code | check | when | params |
//! |---|---|---|---|
//! | `quality.rule_violation` | rule | the rule is not met by the record | `rule`, `left`, `operator`, `right` |
//! | `quality.rule_not_evaluated` | rule | an expression failed on the record (a computed regex that does not compile) | `rule`, `reason` |
//!
//! Expressions that do not parse or do not fit the table keep the language's codes
//! (`expr.syntax`, `expr.unknown_field`, …), with the expression's path in the document.

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::data::{RowContext, Schema, Table};
use crate::error::{Finding, MealError, Severity};
use crate::expr::{Context, Expr, Value};
use crate::i18n::Message;
use crate::quality::key::is_blank;
use crate::quality::place::Places;
use crate::quality::scorecard::{Check, Failure};
use crate::text::Text;

/// One validation rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rule {
    /// Unique within the document (`VR-AGE`).
    pub code: String,
    /// What the rule checks, for people.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<Text>,
    /// Which records the rule applies to (all when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filter: Option<String>,
    pub left: String,
    pub operator: Operator,
    pub right: String,
    #[serde(default)]
    pub importance: Importance,
    #[serde(default)]
    pub missing_value_strategy: MissingValueStrategy,
}

/// DHIS2's validation-rule operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Operator {
    EqualTo,
    NotEqualTo,
    GreaterThan,
    GreaterThanOrEqualTo,
    LessThan,
    LessThanOrEqualTo,
    CompulsoryPair,
    ExclusivePair,
}

/// How much a violation matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Importance {
    High,
    #[default]
    Medium,
    Low,
}

/// When missing values skip a rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MissingValueStrategy {
    SkipIfAnyValueMissing,
    #[default]
    SkipIfAllValuesMissing,
    NeverSkip,
}

impl Operator {
    /// DHIS2's symbol (`Operator.java`): `==`, `<=`, `[Compulsory pair]`, …
    pub fn symbol(self) -> &'static str {
        match self {
            Operator::EqualTo => "==",
            Operator::NotEqualTo => "!=",
            Operator::GreaterThan => ">",
            Operator::GreaterThanOrEqualTo => ">=",
            Operator::LessThan => "<",
            Operator::LessThanOrEqualTo => "<=",
            Operator::CompulsoryPair => "[Compulsory pair]",
            Operator::ExclusivePair => "[Exclusive pair]",
        }
    }

    /// The expression-language operator of a comparison; `None` for the pairs.
    fn language_symbol(self) -> Option<&'static str> {
        match self {
            Operator::EqualTo => Some("="),
            Operator::NotEqualTo => Some("!="),
            Operator::GreaterThan => Some(">"),
            Operator::GreaterThanOrEqualTo => Some(">="),
            Operator::LessThan => Some("<"),
            Operator::LessThanOrEqualTo => Some("<="),
            Operator::CompulsoryPair | Operator::ExclusivePair => None,
        }
    }
}

impl Importance {
    /// The severity of a violation.
    pub fn severity(self) -> Severity {
        match self {
            Importance::High => Severity::Error,
            Importance::Medium => Severity::Warning,
            Importance::Low => Severity::Info,
        }
    }
}

/// True when a side whose referenced cells are blank as `missing` says so makes the rule skip.
pub fn side_skipped(strategy: MissingValueStrategy, missing: &[bool]) -> bool {
    match strategy {
        MissingValueStrategy::SkipIfAnyValueMissing => missing.iter().any(|&m| m),
        MissingValueStrategy::SkipIfAllValuesMissing => {
            !missing.is_empty() && missing.iter().all(|&m| m)
        }
        MissingValueStrategy::NeverSkip => false,
    }
}

/// True when a pair rule is violated, given which sides have a value.
pub fn pair_violated(operator: Operator, left: bool, right: bool) -> bool {
    match operator {
        Operator::CompulsoryPair => left != right,
        Operator::ExclusivePair => left && right,
        _ => false,
    }
}

/// The findings of a rule's expressions against `schema` (parse errors and type-check
/// findings), with paths under `path`.
pub(crate) fn expression_findings(rule: &Rule, schema: &Schema, path: &str) -> Vec<Finding> {
    let mut findings = Vec::new();
    let sides = [
        ("filter", rule.filter.as_deref()),
        ("left", Some(rule.left.as_str())),
        ("right", Some(rule.right.as_str())),
    ];
    for (name, source) in sides {
        let Some(source) = source else { continue };
        let at = format!("{path}/{name}");
        match Expr::parse(source) {
            Err(error) => {
                let mut finding = Finding::error(&error.code, at);
                finding.params = error.params;
                findings.push(finding);
            }
            Ok(expr) => findings.extend(expr.check(schema).into_iter().map(|mut f| {
                f.path.clone_from(&at);
                f
            })),
        }
    }
    findings
}

/// One side of a compiled rule.
#[derive(Debug)]
struct Side {
    expr: Expr,
    references: Vec<String>,
}

impl Side {
    fn compile(source: &str) -> Result<Side, MealError> {
        let expr = Expr::parse(source)?;
        let references = expr.references();
        Ok(Side { expr, references })
    }

    /// The blank state of each referenced cell of `row`.
    fn missing(&self, table: &Table, row: usize) -> Vec<bool> {
        self.references
            .iter()
            .map(|name| {
                table
                    .column(name)
                    .is_none_or(|values| is_blank(values, row))
            })
            .collect()
    }
}

/// A rule ready to run.
#[derive(Debug)]
struct Compiled<'a> {
    rule: &'a Rule,
    filter: Option<Expr>,
    left: Side,
    right: Side,
    /// `${left} <op> ${right}` for comparisons, evaluated on the two sides' values.
    comparison: Option<Expr>,
}

impl<'a> Compiled<'a> {
    fn new(rule: &'a Rule) -> Result<Compiled<'a>, MealError> {
        let comparison = match rule.operator.language_symbol() {
            Some(symbol) => Some(Expr::parse(&format!("${{left}} {symbol} ${{right}}"))?),
            None => None,
        };
        Ok(Compiled {
            rule,
            filter: rule.filter.as_deref().map(Expr::parse).transpose()?,
            left: Side::compile(&rule.left)?,
            right: Side::compile(&rule.right)?,
            comparison,
        })
    }

    /// The two sides' values when the rule is violated by `row`, `None` when met or skipped.
    fn judge(&self, context: &RowContext<'_>) -> Result<Option<(Value, Value)>, MealError> {
        if let Some(filter) = &self.filter {
            if !filter.evaluate_bool(context)? {
                return Ok(None);
            }
        }
        let Some(comparison) = &self.comparison else {
            let (left, right) = self.values(context)?;
            let violated = pair_violated(self.rule.operator, has_value(&left), has_value(&right));
            return Ok(violated.then_some((left, right)));
        };
        let strategy = self.rule.missing_value_strategy;
        let (table, row) = (context.table, context.row);
        if side_skipped(strategy, &self.left.missing(table, row))
            || side_skipped(strategy, &self.right.missing(table, row))
        {
            return Ok(None);
        }
        let (left, right) = self.values(context)?;
        let sides = Sides {
            left: &left,
            right: &right,
            today: context.today,
            now: context.now,
        };
        let met = comparison.evaluate_bool(&sides)?;
        Ok((!met).then_some((left, right)))
    }

    fn values(&self, context: &RowContext<'_>) -> Result<(Value, Value), MealError> {
        Ok((
            self.left.expr.evaluate(context)?,
            self.right.expr.evaluate(context)?,
        ))
    }

    /// The failure for `row`: a violation, or the evaluation error.
    fn failure(
        &self,
        places: &Places,
        row: usize,
        judged: Result<(Value, Value), MealError>,
    ) -> Failure {
        let rule = self.rule;
        match judged {
            Ok((left, right)) => {
                let (left, right) = (left.to_text(), right.to_text());
                let mut failure = places
                    .failure(
                        row,
                        Check::Rule,
                        "quality.rule_violation",
                        rule.importance.severity(),
                    )
                    .value(&left)
                    .with("rule", &rule.code)
                    .with("left", left)
                    .with("operator", rule.operator.symbol())
                    .with("right", right);
                if let [column] = self.left.references.as_slice() {
                    failure = failure.column(column);
                }
                failure
            }
            Err(error) => places
                .failure(
                    row,
                    Check::Rule,
                    "quality.rule_not_evaluated",
                    Severity::Error,
                )
                .with("rule", &rule.code)
                .with("reason", error.code),
        }
    }
}

/// A value is present when it is neither blank nor NaN.
fn has_value(value: &Value) -> bool {
    !value.is_empty() && !matches!(value, Value::Number(None))
}

/// What a comparison sees: `${left}` and `${right}`, the two sides' values.
struct Sides<'a> {
    left: &'a Value,
    right: &'a Value,
    today: NaiveDate,
    now: DateTime<FixedOffset>,
}

impl Context for Sides<'_> {
    fn field(&self, name: &str) -> Option<Value> {
        match name {
            "left" => Some(self.left.clone()),
            "right" => Some(self.right.clone()),
            _ => None,
        }
    }
    fn current(&self) -> Value {
        Value::Empty
    }
    fn position(&self) -> Option<usize> {
        None
    }
    fn today(&self) -> NaiveDate {
        self.today
    }
    fn now(&self) -> DateTime<FixedOffset> {
        self.now
    }
    fn choice_label(&self, _field: &str, _value: &str) -> Option<String> {
        None
    }
}

/// One failure per record and rule not met (or not evaluable). Error when an expression
/// does not parse (the checks' findings report it first).
pub(crate) fn violations(
    table: &Table,
    rules: &[Rule],
    places: &Places,
    now: DateTime<FixedOffset>,
) -> Result<Vec<Failure>, MealError> {
    let compiled = rules
        .iter()
        .map(Compiled::new)
        .collect::<Result<Vec<_>, _>>()?;
    let mut failures = Vec::new();
    for row in 0..table.len() {
        let context = RowContext {
            table,
            row,
            today: now.date_naive(),
            now,
        };
        for rule in &compiled {
            match rule.judge(&context) {
                Ok(None) => {}
                Ok(Some(values)) => failures.push(rule.failure(places, row, Ok(values))),
                Err(error) => failures.push(rule.failure(places, row, Err(error))),
            }
        }
    }
    Ok(failures)
}

/// Messages of the codes this file raises.
pub const MESSAGES: &[Message] = &[
    Message {
        code: "quality.rule_violation",
        en: "Validation rule {rule} is not met: {left} {operator} {right}",
        fr: "La règle de validation {rule} n'est pas respectée : {left} {operator} {right}",
    },
    Message {
        code: "quality.rule_not_evaluated",
        en: "Validation rule {rule} could not be evaluated on this record ({reason})",
        fr: "La règle de validation {rule} n'a pas pu être évaluée sur cet enregistrement ({reason})",
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strategies_skip_as_dhis2() {
        use MissingValueStrategy::*;
        assert!(side_skipped(SkipIfAllValuesMissing, &[true, true]));
        assert!(!side_skipped(SkipIfAllValuesMissing, &[true, false]));
        assert!(
            !side_skipped(SkipIfAllValuesMissing, &[]),
            "a constant is never missing"
        );
        assert!(side_skipped(SkipIfAnyValueMissing, &[true, false]));
        assert!(!side_skipped(SkipIfAnyValueMissing, &[false, false]));
        assert!(!side_skipped(NeverSkip, &[true]));
    }

    #[test]
    fn pairs_test_presence() {
        use Operator::*;
        assert!(pair_violated(CompulsoryPair, true, false));
        assert!(pair_violated(CompulsoryPair, false, true));
        assert!(!pair_violated(CompulsoryPair, true, true));
        assert!(!pair_violated(CompulsoryPair, false, false));
        assert!(pair_violated(ExclusivePair, true, true));
        assert!(!pair_violated(ExclusivePair, true, false));
        assert!(!pair_violated(ExclusivePair, false, false));
    }

    #[test]
    fn presence_excludes_blank_and_nan() {
        assert!(!has_value(&Value::Empty));
        assert!(!has_value(&Value::Text(String::new())));
        assert!(!has_value(&Value::Number(None)));
        assert!(has_value(&Value::Number(Some(rust_decimal::Decimal::ZERO))));
    }

    #[test]
    fn rules_read_with_dhis2_defaults() {
        let rule: Rule = serde_json::from_str(
            r#"{"code": "VR-1", "left": "${age}", "operator": "less_than_or_equal_to", "right": "120"}"#,
        )
        .unwrap();
        assert_eq!(rule.importance, Importance::Medium);
        assert_eq!(
            rule.missing_value_strategy,
            MissingValueStrategy::SkipIfAllValuesMissing
        );
        assert_eq!(rule.operator.symbol(), "<=");
    }
}
