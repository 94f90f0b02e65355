//! Mergeable partial state: compute on partitions, serialize, merge, finalize.
//!
//! CONTRACT — Owner: compute (lead).

use serde::{Deserialize, Serialize};

use crate::error::MealError;

/// The accumulated state of an [`crate::compute::Engine`] over some rows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Partial {
    /// Fingerprint of the engine (definitions, recipes, periods) that made it.
    pub engine: String,
    pub rows_read: u64,
}

impl Partial {
    /// Adds `other` (same engine) into `self`. Error `compute.incompatible_partial`.
    pub fn merge(&mut self, other: &Partial) -> Result<(), MealError> {
        if self.engine != other.engine {
            return Err(MealError::new("compute.incompatible_partial"));
        }
        self.rows_read += other.rows_read;
        Ok(())
    }

    /// JSON text of the state (for another process to merge).
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Reads a state written by [`Partial::to_json`].
    pub fn from_json(json: &str) -> Result<Partial, MealError> {
        serde_json::from_str(json).map_err(|e| crate::document::malformed(&e))
    }
}
