//! The annual report: each indicator over the year and its quarters.
//!
//! CONTRACT — Owner: report helper.

use serde::{Deserialize, Serialize};

use crate::i18n::Message;

/// An annual report, ready to render.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnnualReport {
    pub year: i32,
}

/// Messages of the codes this file raises.
pub const MESSAGES: &[Message] = &[];
