//! Bilingual text. French and English are both first-class in this mission, so every text a
//! person reads in a document (titles, names, assumptions) carries both.

use serde::{Deserialize, Serialize};

use crate::i18n::Locale;

/// A text in English and French.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize)]
pub struct Text {
    /// English.
    pub en: String,
    /// French.
    pub fr: String,
}

impl Text {
    /// A text from its English and French versions.
    pub fn new(en: impl Into<String>, fr: impl Into<String>) -> Self {
        Self {
            en: en.into(),
            fr: fr.into(),
        }
    }

    /// The version in `locale`.
    pub fn get(&self, locale: Locale) -> &str {
        match locale {
            Locale::En => &self.en,
            Locale::Fr => &self.fr,
        }
    }

    /// True when either language is blank: a finding for the document that holds it.
    pub fn is_incomplete(&self) -> bool {
        self.en.trim().is_empty() || self.fr.trim().is_empty()
    }
}
