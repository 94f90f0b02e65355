//! The feedback taxonomy: type → category → code after the IFRC coding framework, sensitivity as a separate flag, sensitive families with their own route; a versioned document the mission extends.
//!
//! Owner: intake helper.

use crate::i18n::{Message, Term};

/// Codes raised here, in French and English.
pub(crate) const MESSAGES: &[Message] = &[];

/// Domain terms carried in params of these codes.
pub(crate) const TERMS: &[Term] = &[];
