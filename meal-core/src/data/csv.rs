//! CSV loading (RFC 4180) into a typed table.
//!
//! CONTRACT — Owner: data helper. `Table::from_csv` is implemented here.

use crate::i18n::Message;

/// Messages of the codes this file raises.
pub const MESSAGES: &[Message] = &[];
