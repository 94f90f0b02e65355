//! Microdata for disclosure control: key (quasi-identifier) columns, dictionary-encoded, missing values kept.
//!
//! Owner: micro helper.

use crate::i18n::{Message, Term};

/// Codes raised here, in French and English.
pub(crate) const MESSAGES: &[Message] = &[];

/// Domain terms carried in params of these codes.
pub(crate) const TERMS: &[Term] = &[];
