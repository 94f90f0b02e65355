//! CONTRACT — Owner: quality helper.

use crate::i18n::Message;

/// Messages of the codes this file raises.
pub const MESSAGES: &[Message] = &[];
