//! The findings of a run, sorted by path then code, with their messages: the form author's in
//! the reader's language when present, else the library's own.

use super::super::{Labels, SubmissionFinding};
use super::Run;
use crate::i18n::Locale;

impl Run<'_, '_> {
    /// The findings, sorted by path then code, with their messages.
    pub(crate) fn findings(&mut self) -> Vec<SubmissionFinding> {
        let mut found = std::mem::take(&mut self.found);
        found.sort_by(|a, b| {
            (&a.finding.path, &a.finding.code, &a.finding.params).cmp(&(
                &b.finding.path,
                &b.finding.code,
                &b.finding.params,
            ))
        });
        let locale = Locale::parse(self.locale);
        let default_language = self.form.default_language.as_deref();
        found
            .into_iter()
            .map(|f| {
                let message = f
                    .author
                    .and_then(|labels| pick(labels, self.locale, default_language))
                    .map_or_else(|| f.finding.message(locale), str::to_owned);
                SubmissionFinding {
                    finding: f.finding,
                    message,
                }
            })
            .collect()
    }
}

/// The author's text for `locale`: the exact tag, then a tag of the same language (`fr-FR` for
/// `fr`), then the form's default language, then the unlabelled `default` column.
pub(crate) fn pick<'l>(
    labels: &'l Labels,
    locale: &str,
    default_language: Option<&str>,
) -> Option<&'l str> {
    let usable = |s: &&String| !s.trim().is_empty();
    if labels.is_empty() {
        return None;
    }
    let primary = |tag: &str| {
        tag.split(['-', '_'])
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase()
    };
    let wanted = primary(locale);
    labels
        .get(locale)
        .filter(usable)
        .or_else(|| {
            labels
                .iter()
                .find(|(k, v)| !wanted.is_empty() && primary(k) == wanted && usable(v))
                .map(|(_, v)| v)
        })
        .or_else(|| default_language.and_then(|d| labels.get(d)).filter(usable))
        .or_else(|| labels.get("default").filter(usable))
        .map(String::as_str)
}
