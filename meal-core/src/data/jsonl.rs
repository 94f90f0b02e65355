//! JSON lines loading into a typed table.
//!
//! CONTRACT — Owner: data helper. `Table::from_json_lines` is implemented here.

use crate::i18n::Message;

/// Messages of the codes this file raises.
pub const MESSAGES: &[Message] = &[];
