//! Response deadlines per type and sensitivity (acknowledge, respond, close the loop) and what is overdue at a date.
//!
//! Owner: case helper.

use crate::i18n::{Message, Term};

/// Codes raised here, in French and English.
pub(crate) const MESSAGES: &[Message] = &[];

/// Domain terms carried in params of these codes.
pub(crate) const TERMS: &[Term] = &[];
