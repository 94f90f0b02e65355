//! Data-subject requests over a record set: access, rectification, erasure — each with an auditable result.
//!
//! Owner: person helper.

use crate::i18n::{Message, Term};

/// Codes raised here, in French and English.
pub(crate) const MESSAGES: &[Message] = &[];

/// Domain terms carried in params of these codes.
pub(crate) const TERMS: &[Term] = &[];
