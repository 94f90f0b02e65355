//! Minimisation: every personal field of a form has a purpose, a lawful basis and a retention rule, or the form is not ready for production.
//!
//! Owner: rules helper.

use crate::i18n::{Message, Term};

/// Codes raised here, in French and English.
pub(crate) const MESSAGES: &[Message] = &[];

/// Domain terms carried in params of these codes.
pub(crate) const TERMS: &[Term] = &[];
