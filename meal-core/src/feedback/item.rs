//! A feedback item as received: the record every other part of `feedback` acts on.
//!
//! CONTRACT (base commit): shared by intake, routing, sealing, workflow and deadlines; extend
//! with optional fields and methods, do not rename or restructure.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

/// How the item reached the mission.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    FaceToFace,
    Hotline,
    SuggestionBox,
    Messaging,
    WebForm,
    MobileApp,
}

/// What the item says: readable, or sealed to the safeguarding recipient (see [`mod@super::seal`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Content {
    /// Free text as given (non-sensitive items only).
    Plain { text: String },
    /// Base64 of a sealed box; only the recipient's secret key opens it.
    Sealed { recipient: String, sealed: String },
}

/// One feedback or complaint item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    /// Unique id (assigned at intake).
    pub id: String,
    /// When it was received, with the UTC offset of the place it was received.
    pub received_at: DateTime<FixedOffset>,
    pub channel: Channel,
    /// Project and site codes (for routing and aggregates).
    pub project: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub site: Option<String>,
    /// The taxonomy code (leaf of type → category → code).
    pub code: String,
    /// Set at intake, independent of the code (IFRC: sensitivity is orthogonal to type).
    pub sensitive: bool,
    /// Given without identity; the person keeps a claim code to follow it.
    #[serde(default)]
    pub anonymous: bool,
    /// SHA-256 (hex) of the claim code the person keeps; the code itself is never stored.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub claim_code_sha256: Option<String>,
    /// The person's pseudonym, never a name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    pub content: Content,
}

impl Content {
    /// Reads a content from JSON: `json.malformed` when the text is not JSON,
    /// `document.invalid` (kind `feedback_content`) when it is not a content.
    pub fn from_json(json: &str) -> Result<Content, crate::error::MealError> {
        let value: serde_json::Value =
            serde_json::from_str(json).map_err(|e| crate::document::malformed(&e))?;
        serde_json::from_value(value).map_err(|e| {
            crate::error::MealError::new("document.invalid")
                .with("kind", "feedback_content")
                .with("detail", e)
        })
    }
}

impl Item {
    /// Reads an item from JSON: `json.malformed` when the text is not JSON, `document.invalid`
    /// (kind `feedback_item`) when it is not an item.
    pub fn from_json(json: &str) -> Result<Item, crate::error::MealError> {
        let value: serde_json::Value =
            serde_json::from_str(json).map_err(|e| crate::document::malformed(&e))?;
        serde_json::from_value(value).map_err(|e| {
            crate::error::MealError::new("document.invalid")
                .with("kind", "feedback_item")
                .with("detail", e)
        })
    }
}
