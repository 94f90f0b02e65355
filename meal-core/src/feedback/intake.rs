//! Intake: channels, anonymous intake with a claim code, the link to the person only through a pseudonym.
//!
//! Owner: intake helper.

use crate::i18n::{Message, Term};

/// Codes raised here, in French and English.
pub(crate) const MESSAGES: &[Message] = &[];

/// Domain terms carried in params of these codes.
pub(crate) const TERMS: &[Term] = &[];
