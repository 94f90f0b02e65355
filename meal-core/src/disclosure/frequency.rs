//! Frequency counts f_k over quasi-identifier sets, missing values as wildcards.
//!
//! Owner: micro helper.

use crate::i18n::{Message, Term};

/// Codes raised here, in French and English.
pub(crate) const MESSAGES: &[Message] = &[];

/// Domain terms carried in params of these codes.
pub(crate) const TERMS: &[Term] = &[];
