//! Routing: who may see what — the safeguarding focal point sees sensitive items, programme and MEAL staff a stub; out-of-scope referrals with minimal data; the two consents.
//!
//! Owner: intake helper.

use crate::i18n::{Message, Term};

/// Codes raised here, in French and English.
pub(crate) const MESSAGES: &[Message] = &[];

/// Domain terms carried in params of these codes.
pub(crate) const TERMS: &[Term] = &[];
