//! The case workflow: a state machine with typed rejections and an append-only history.
//!
//! Owner: case helper.

use crate::i18n::{Message, Term};

/// Codes raised here, in French and English.
pub(crate) const MESSAGES: &[Message] = &[];

/// Domain terms carried in params of these codes.
pub(crate) const TERMS: &[Term] = &[];
