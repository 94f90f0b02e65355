//! Export policy: per recipient and purpose, which fields may leave; every decision appended to the audit log.
//!
//! Owner: rules helper.

use crate::i18n::{Message, Term};

/// Codes raised here, in French and English.
pub(crate) const MESSAGES: &[Message] = &[];

/// Domain terms carried in params of these codes.
pub(crate) const TERMS: &[Term] = &[];
