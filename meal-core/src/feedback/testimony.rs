//! Testimonies: a consent record per testimony and the can_publish decision.
//!
//! Owner: case helper.

use crate::i18n::{Message, Term};

/// Codes raised here, in French and English.
pub(crate) const MESSAGES: &[Message] = &[];

/// Domain terms carried in params of these codes.
pub(crate) const TERMS: &[Term] = &[];
