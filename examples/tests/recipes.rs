//! The mission's recipes compute every quantitative indicator of the four logframes from the
//! columns the generator writes, and nothing else.

// A test reports a broken fixture by panicking, with the reason.
#![allow(clippy::panic)]

use std::collections::{BTreeMap, BTreeSet};

use meal_core::compute::{Recipe, Recipes};
use meal_core::data::Schema;
use meal_core::expr::Expr;
use meal_core::indicator::{Indicator, Measure};
use meal_core::logframe::Logframe;
use meal_core::Severity;
use meal_demo::synthetic;

const LOGFRAMES: [&str; 4] = [
    include_str!("../data/logframe-idf.json"),
    include_str!("../data/logframe-calais.json"),
    include_str!("../data/logframe-marseille.json"),
    include_str!("../data/logframe-dunkerque.json"),
];
const RECIPES: &str = include_str!("../data/recipes.json");
const SCHEMA: &str = include_str!("../data/records-schema.json");

fn indicators() -> Vec<Indicator> {
    LOGFRAMES
        .iter()
        .flat_map(|json| match Logframe::from_json(json) {
            Ok(parsed) => parsed.value.indicators,
            Err(error) => panic!("logframe does not parse: {error}"),
        })
        .collect()
}

fn recipes() -> Recipes {
    let parsed = match Recipes::from_json(RECIPES) {
        Ok(parsed) => parsed,
        Err(error) => panic!("recipes.json does not parse: {error} at {}", error.path),
    };
    assert!(parsed.findings.is_empty(), "{:#?}", parsed.findings);
    parsed.value
}

/// The schema document, read as plain serde (its loader belongs to the data module).
fn schema() -> Schema {
    match serde_json::from_str(SCHEMA) {
        Ok(schema) => schema,
        Err(error) => panic!("records-schema.json does not parse: {error}"),
    }
}

/// Every expression of a recipe, with the field it sits in.
fn expressions(recipe: &Recipe) -> Vec<(&'static str, &str)> {
    let mut all = vec![("date", recipe.date.as_str())];
    let optional = [
        ("filter", &recipe.filter),
        ("value", &recipe.value),
        ("numerator", &recipe.numerator),
        ("denominator", &recipe.denominator),
        ("person", &recipe.person),
    ];
    all.extend(
        optional
            .iter()
            .filter_map(|(n, e)| e.as_deref().map(|e| (*n, e))),
    );
    all.extend(
        recipe
            .dimensions
            .values()
            .map(|e| ("dimension", e.as_str())),
    );
    all
}

#[test]
fn the_schema_document_is_the_generators_columns() {
    assert_eq!(schema(), synthetic::schema());
    assert_eq!(schema().format_version, 1);
}

#[test]
fn every_expression_parses_and_reads_only_schema_columns() {
    let schema = schema();
    let recipes = recipes();
    let dimensions = recipes
        .dimensions
        .values()
        .map(|e| ("dimension", e.as_str()));
    let all = recipes
        .recipes
        .iter()
        .flat_map(|r| {
            expressions(r)
                .into_iter()
                .map(move |e| (r.indicator.as_str(), e))
        })
        .chain(dimensions.map(|e| ("dimensions", e)));
    for (indicator, (field, source)) in all {
        let expr = match Expr::parse(source) {
            Ok(expr) => expr,
            Err(error) => panic!("{indicator} {field}: `{source}` does not parse: {error}"),
        };
        for name in expr.references() {
            assert!(
                schema.index_of(&name).is_some(),
                "{indicator} {field}: no column {name}"
            );
        }
        let errors: Vec<_> = expr
            .check(&schema)
            .into_iter()
            .filter(|f| f.severity == Severity::Error)
            .collect();
        assert!(errors.is_empty(), "{indicator} {field}: {errors:#?}");
    }
}

#[test]
fn every_quantitative_indicator_has_exactly_one_recipe_and_qualitative_ones_none() {
    let recipes = recipes();
    let mut per_indicator: BTreeMap<&str, usize> = BTreeMap::new();
    for recipe in &recipes.recipes {
        *per_indicator.entry(recipe.indicator.as_str()).or_default() += 1;
    }
    let indicators = indicators();
    for indicator in &indicators {
        let count = per_indicator
            .get(indicator.code.as_str())
            .copied()
            .unwrap_or(0);
        let expected = usize::from(indicator.measure != Measure::Qualitative);
        assert_eq!(count, expected, "{}", indicator.code);
    }
    let known: BTreeSet<&str> = indicators.iter().map(|i| i.code.as_str()).collect();
    for code in per_indicator.keys() {
        assert!(known.contains(code), "recipe for unknown indicator {code}");
    }
    assert_eq!(recipes.recipes.len(), 54);
}

#[test]
fn each_recipe_gives_what_its_measure_needs_and_nothing_more() {
    let recipes = recipes();
    for indicator in indicators() {
        let Some(recipe) = recipes
            .recipes
            .iter()
            .find(|r| r.indicator == indicator.code)
        else {
            continue;
        };
        let has = |e: &Option<String>| e.is_some();
        let shape = (
            has(&recipe.value),
            has(&recipe.numerator) && has(&recipe.denominator),
            has(&recipe.person),
        );
        let expected = match indicator.measure {
            Measure::Count => (false, false, false),
            Measure::Sum | Measure::Mean | Measure::Ordinal { .. } | Measure::Nominal { .. } => {
                (true, false, false)
            }
            Measure::Ratio { .. } => (false, true, false),
            Measure::DistinctPersons => (false, false, true),
            Measure::Qualitative => continue,
        };
        assert_eq!(shape, expected, "{}", indicator.code);
        assert_eq!(
            has(&recipe.numerator),
            has(&recipe.denominator),
            "{}",
            indicator.code
        );
        let project = indicator.code.split('-').next().unwrap_or_default();
        let filter = recipe.filter.as_deref().unwrap_or_default();
        assert!(
            filter.starts_with(&format!("${{project}} = '{project}' and ")),
            "{}: {filter}",
            indicator.code
        );
    }
}

#[test]
fn every_declared_dimension_has_a_source() {
    let recipes = recipes();
    for indicator in indicators() {
        let recipe = recipes
            .recipes
            .iter()
            .find(|r| r.indicator == indicator.code);
        for dimension in &indicator.disaggregation {
            let in_recipe = recipe.is_some_and(|r| r.dimensions.contains_key(&dimension.code));
            assert!(
                in_recipe || recipes.dimensions.contains_key(&dimension.code),
                "{} {}",
                indicator.code,
                dimension.code
            );
        }
    }
}
