//! DPIA screening (CNIL list 2018-327, EDPB/WP248 criteria, Art. 35(3)): required or not, and why.
//!
//! Owner: rules helper.

use crate::i18n::{Message, Term};

/// Codes raised here, in French and English.
pub(crate) const MESSAGES: &[Message] = &[];

/// Domain terms carried in params of these codes.
pub(crate) const TERMS: &[Term] = &[];
