//! Sealing: a sensitive item's content encrypted on the device to the safeguarding recipient's public key.
//!
//! Owner: intake helper.

use crate::i18n::{Message, Term};

/// Codes raised here, in French and English.
pub(crate) const MESSAGES: &[Message] = &[];

/// Domain terms carried in params of these codes.
pub(crate) const TERMS: &[Term] = &[];
