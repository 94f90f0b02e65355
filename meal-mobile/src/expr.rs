//! `Expr`: expressions of the XLSForm/ODK subset, parsed once and evaluated on JSON values.

use std::sync::Arc;

use std::collections::HashMap;

use meal_core::expr::{self, MapContext, TypeMap};
use meal_core::{document, input};

use crate::error::Result;
use crate::logframe::Finding;
use crate::types::IsoDate;

/// A parsed expression. Immutable; share it across threads.
#[derive(Debug, uniffi::Object)]
pub struct Expr(expr::Expr);

#[uniffi::export]
impl Expr {
    /// Parses an expression. Errors `expr.syntax`, `expr.unknown_function`, … with the position.
    #[uniffi::constructor]
    pub fn parse(source: String) -> Result<Arc<Expr>> {
        Ok(Arc::new(Expr(expr::Expr::parse(&source)?)))
    }

    /// The source as written.
    pub fn source(&self) -> String {
        self.0.source().to_owned()
    }

    /// The canonical text; parsing it gives the same expression.
    pub fn canonical(&self) -> String {
        self.0.to_canonical()
    }

    /// The field names referenced as `${name}`, sorted.
    pub fn references(&self) -> Vec<String> {
        self.0.references()
    }

    /// Evaluates with `valuesJson` (a JSON object: name → value, arrays for repeats), the
    /// current value `currentJson` (JSON), `today` (null: the date of `now`) and `now`
    /// (RFC 3339). Returns the result as text, exactly as every binding shows it.
    pub fn evaluate(
        &self,
        values_json: String,
        current_json: String,
        today: Option<IsoDate>,
        now: String,
    ) -> Result<String> {
        let values = json(&values_json)?;
        let current = json(&current_json)?;
        let context =
            MapContext::from_json(&values, &current, today, input::parse_date_time(&now)?);
        Ok(self.0.evaluate(&context)?.to_text())
    }

    /// Type-checks against `types` (field name → `text`, `number`, `bool`, `date`, `datetime`,
    /// `choices` or `any`), messages in `locale`.
    pub fn check(&self, types: HashMap<String, String>, locale: String) -> Result<Vec<Finding>> {
        let schema = TypeMap::from_names(types.iter().map(|(k, v)| (k.as_str(), v.as_str())))?;
        Ok(Finding::all_from_core(self.0.check(&schema), &locale))
    }
}

fn json(text: &str) -> Result<serde_json::Value> {
    serde_json::from_str(text).map_err(|e| document::malformed(&e).into())
}
