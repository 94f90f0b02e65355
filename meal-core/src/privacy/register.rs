//! The Art. 30 register of processing activities, generated from the rules and the forms (JSON, Markdown, XLSX).
//!
//! Owner: rules helper.

use crate::i18n::{Message, Term};

/// Codes raised here, in French and English.
pub(crate) const MESSAGES: &[Message] = &[];

/// Domain terms carried in params of these codes.
pub(crate) const TERMS: &[Term] = &[];
