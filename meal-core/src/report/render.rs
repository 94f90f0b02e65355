//! Rendering a report model to Markdown, HTML, CSV, JSON or XLSX.
//!
//! CONTRACT — Owner: report helper.

use serde::{Deserialize, Serialize};

use crate::i18n::Message;

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    Markdown,
    Html,
    Csv,
    Json,
    Xlsx,
}

/// A rendered report: bytes (UTF-8 text for every format but XLSX), media type, extension.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    pub bytes: Vec<u8>,
    pub media_type: &'static str,
    pub extension: &'static str,
}

/// Messages of the codes this file raises.
pub const MESSAGES: &[Message] = &[];
