//! The lessons-learned register (*capitalisation*): what a project learned, in what context, on
//! what evidence, and what it recommends — filtered, searched, and consolidated at mission level
//! as the material of the annual mission seminar (issue 7, "Capitalisation"; DOMAIN.md,
//! "Learning / capitalisation").
//!
//! A [`LessonsRegister`] is a versioned JSON document read through [`crate::document::read`].
//! [`LessonsRegister::validate`] reports its structural problems as findings,
//! [`LessonsRegister::search`] answers a [`LessonQuery`], and
//! [`LessonsRegister::consolidate`] builds the mission register from the projects' registers.
//!
//! Decisions:
//! * **Every text counts, in both languages.** A lesson is bilingual like every text a person
//!   reads in this library; the lesson, its context, its evidence and its recommendation are all
//!   required (a lesson without evidence is an opinion, one without a recommendation cannot be
//!   applied). Blank in both languages is an error, blank in one a warning — the rule of
//!   `logframe.missing_text` / `logframe.missing_translation`.
//! * **Search is forgiving, filters are exact.** Coordinators type `refugie` for *réfugié* and
//!   `Eviction` for `eviction`: the text search folds case and accents (see [`fold`]) and a word
//!   matches where its folded form appears inside the folded texts (a prefix such as `minor`
//!   finds *minority*). Every word of the query must appear (AND, the usual meaning of several
//!   words in a search box). Project, discipline, tags, status and dates are machine values and
//!   match exactly; date bounds are inclusive.
//! * **Newest first.** Results are sorted by date (newest first), then id, then register
//!   position: the seminar reads the latest lessons first, and the order is the same in every
//!   binding.
//! * **Nothing lost in consolidation.** The mission register holds every lesson of every
//!   project register (count in = count out), sorted by date then id (then register, then
//!   position, so equal keys keep their input order). A lesson id found twice is a
//!   `plan.duplicate_lesson` finding on each later occurrence, and both lessons are kept: which
//!   one is right is the coordinator's call, not the library's.
//! * **Tags and project codes have a form.** Tags are lowercase `snake_case` (the form of every
//!   machine value in the documents), so `Safeguarding` and `safeguarding` cannot become two
//!   tags; a malformed tag is a warning (the lesson is still usable). Project codes are the
//!   logframes' upper-case codes (`IDF`, `CAL`, `MRS`, `DKQ`) or `MISSION`.
//!
//! | code | severity | raised when |
//! |---|---|---|
//! | `plan.lesson_blank_id` | error | a lesson id is blank |
//! | `plan.duplicate_lesson` | error | a lesson id is used twice (in a register, or across the registers being consolidated); `{id}`, `{first}` the path of the first use |
//! | `plan.lesson_missing_text` | error | the lesson, context, evidence or recommendation is blank in both languages; `{id}`, `{field}` |
//! | `plan.lesson_missing_translation` | warning | one of those texts is blank in one language; `{id}`, `{field}`, `{language}` |
//! | `plan.lesson_bad_project` | error | the project code is not upper-case letters and digits (2 to 10, starting with a letter); `{id}`, `{project}` |
//! | `plan.lesson_bad_tag` | warning | a tag is not lowercase `snake_case`; `{id}`, `{tag}` |
//! | `plan.bad_query` | (`MealError`) | a query's JSON does not have the shape of a [`LessonQuery`], or its `from` is after its `to`; `{detail}` |

use std::cmp::Reverse;
use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::document::Parsed;
use crate::error::{sort_findings, Finding, MealError};
use crate::i18n::{Message, Term};
use crate::logframe::Discipline;
use crate::text::Text;

/// The format version this library reads and writes.
pub const FORMAT_VERSION: u32 = 1;

/// Where a lesson stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LessonStatus {
    /// Written down, not yet discussed.
    Draft,
    /// Discussed and accepted (at a review or the seminar).
    Validated,
    /// Its recommendation has been put into practice.
    Applied,
    /// No longer relevant.
    Archived,
}

/// One lesson.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Lesson {
    /// Unique in the register (`IDF-L-2026-03`).
    pub id: String,
    /// Project code; the mission itself is `MISSION`.
    pub project: String,
    /// The discipline the lesson is about, when it is about one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub discipline: Option<Discipline>,
    /// When the lesson was written down.
    pub date: NaiveDate,
    /// Where it stands.
    pub status: LessonStatus,
    /// The lesson itself, in one or two sentences.
    pub lesson: Text,
    /// The situation it was learned in.
    pub context: Text,
    /// What shows it (figures, evaluation, feedback).
    pub evidence: Text,
    /// What should be done differently.
    pub recommendation: Text,
    /// Lowercase `snake_case` tags (`safeguarding`, `data_quality`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
}

impl Lesson {
    /// The four texts with the machine name each is reported under.
    fn texts(&self) -> [(&'static str, &'static str, &Text); 4] {
        [
            ("lesson", "lesson_text", &self.lesson),
            ("context", "lesson_context", &self.context),
            ("evidence", "lesson_evidence", &self.evidence),
            (
                "recommendation",
                "lesson_recommendation",
                &self.recommendation,
            ),
        ]
    }

    /// Every text of the lesson in both languages, folded for search, separated by newlines
    /// (so that no word spans two texts).
    fn folded_texts(&self) -> String {
        let mut all = String::new();
        for (_, _, text) in self.texts() {
            for part in [&text.en, &text.fr] {
                all.push_str(&fold(part));
                all.push('\n');
            }
        }
        all
    }
}

/// A register of lessons (a project's, or the mission's).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LessonsRegister {
    pub format_version: u32,
    pub lessons: Vec<Lesson>,
}

/// A filter and search over a register. Every set criterion must hold.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LessonQuery {
    /// Words searched in every text of the lesson, in both languages (case and accents ignored;
    /// every word must appear).
    pub text: Option<String>,
    pub project: Option<String>,
    pub discipline: Option<Discipline>,
    /// Every tag listed must be on the lesson.
    pub tags: Vec<String>,
    pub status: Option<LessonStatus>,
    /// Inclusive date bounds.
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

impl LessonQuery {
    /// Reads a query from JSON (bindings pass one). Errors: `json.malformed` (not JSON),
    /// `plan.bad_query` (an unknown field, a value of the wrong type, `from` after `to`).
    pub fn from_json(json: &str) -> Result<LessonQuery, MealError> {
        let value: serde_json::Value =
            serde_json::from_str(json).map_err(|e| crate::document::malformed(&e))?;
        // serde would read `[]` as an empty query: a query is an object, nothing else.
        if !value.is_object() {
            return Err(MealError::new("plan.bad_query").with("detail", "a query is a JSON object"));
        }
        let query: LessonQuery = serde_json::from_value(value)
            .map_err(|e| MealError::new("plan.bad_query").with("detail", e))?;
        query.check()?;
        Ok(query)
    }

    /// `plan.bad_query` when the date bounds are reversed: such a query can match nothing, which
    /// is a typing mistake rather than an answer.
    pub fn check(&self) -> Result<(), MealError> {
        match (self.from, self.to) {
            (Some(from), Some(to)) if from > to => Err(MealError::new("plan.bad_query")
                .with("detail", format!("from {from} is after to {to}"))),
            _ => Ok(()),
        }
    }

    /// The folded words of the text search, empty when there is none.
    fn words(&self) -> Vec<String> {
        self.text.as_deref().map(search_words).unwrap_or_default()
    }

    /// True when every criterion but the text holds for `lesson`.
    fn filters_match(&self, lesson: &Lesson) -> bool {
        self.project.as_ref().is_none_or(|p| *p == lesson.project)
            && self.discipline.is_none_or(|d| lesson.discipline == Some(d))
            && self.tags.iter().all(|t| lesson.tags.contains(t))
            && self.status.is_none_or(|s| s == lesson.status)
            && self.from.is_none_or(|from| lesson.date >= from)
            && self.to.is_none_or(|to| lesson.date <= to)
    }

    /// True when `lesson` meets every criterion of the query.
    pub fn matches(&self, lesson: &Lesson) -> bool {
        self.filters_match(lesson) && words_appear(&self.words(), lesson)
    }
}

/// True when every (folded) word appears in the lesson's folded texts.
fn words_appear(words: &[String], lesson: &Lesson) -> bool {
    if words.is_empty() {
        return true;
    }
    let haystack = lesson.folded_texts();
    words.iter().all(|w| haystack.contains(w.as_str()))
}

/// The words of a search text: folded, cut at every character that is not a letter or digit.
pub fn search_words(text: &str) -> Vec<String> {
    fold(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Case and accent folding for search: lowercase (Unicode), then every letter of [`LATIN_FOLDS`]
/// replaced by its unaccented form, and combining marks (U+0300–U+036F, the accents of text
/// typed in decomposed form) dropped. Folding works character by character, so the folded form
/// of a word is always found inside the folded form of a text that contains the word.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        if ('\u{300}'..='\u{36f}').contains(&c) {
            continue;
        }
        match LATIN_FOLDS.iter().find(|(letters, _)| letters.contains(c)) {
            Some((_, plain)) => out.push_str(plain),
            None => out.push(c),
        }
    }
    out
}

/// Lowercase accented Latin letters and what they fold to: French first (é è ê ë à â ç î ï ô
/// û ù ü ÿ œ æ), then the letters of the names and places the mission's records carry
/// (Spanish, Portuguese, German, Polish, Czech, Romanian, Turkish, Albanian, Vietnamese bases).
pub const LATIN_FOLDS: &[(&str, &str)] = &[
    ("àáâãäåāăą", "a"),
    ("æ", "ae"),
    ("çćĉċč", "c"),
    ("ďđ", "d"),
    ("èéêëēĕėęě", "e"),
    ("ĝğġģ", "g"),
    ("ĥħ", "h"),
    ("ìíîïĩīĭįı", "i"),
    ("ĵ", "j"),
    ("ķ", "k"),
    ("ĺļľŀł", "l"),
    ("ñńņňŉ", "n"),
    ("òóôõöøōŏő", "o"),
    ("œ", "oe"),
    ("ŕŗř", "r"),
    ("śŝşšș", "s"),
    ("ß", "ss"),
    ("ţťŧț", "t"),
    ("ùúûüũūŭůűų", "u"),
    ("ŵ", "w"),
    ("ýÿŷ", "y"),
    ("źżž", "z"),
];

impl LessonsRegister {
    /// Reads a register (syntax, version, shape; unknown fields as findings).
    pub fn from_json(json: &str) -> Result<Parsed<LessonsRegister>, MealError> {
        crate::document::read(json, "lessons_register", FORMAT_VERSION)
    }

    /// The canonical JSON form.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// Structural findings (see the module's table), sorted by path then code.
    pub fn validate(&self) -> Vec<Finding> {
        let mut out = Vec::new();
        let mut first_use: BTreeMap<&str, usize> = BTreeMap::new();
        for (index, lesson) in self.lessons.iter().enumerate() {
            let base = format!("/lessons/{index}");
            check_lesson(&mut out, lesson, &base);
            if lesson.id.trim().is_empty() {
                continue;
            }
            match first_use.get(lesson.id.as_str()) {
                Some(first) => out.push(
                    Finding::error("plan.duplicate_lesson", format!("{base}/id"))
                        .with("id", &lesson.id)
                        .with("first", format!("/lessons/{first}")),
                ),
                None => {
                    first_use.insert(&lesson.id, index);
                }
            }
        }
        sort_findings(&mut out);
        out
    }

    /// The lessons matching `query`, newest first (then by id, then register order).
    pub fn search(&self, query: &LessonQuery) -> Vec<&Lesson> {
        let words = query.words();
        let mut found: Vec<&Lesson> = self
            .lessons
            .iter()
            .filter(|l| query.filters_match(l) && words_appear(&words, l))
            .collect();
        // A stable sort: equal date and id keep the register's order.
        found.sort_by(|a, b| (Reverse(a.date), &a.id).cmp(&(Reverse(b.date), &b.id)));
        found
    }

    /// The mission register: every project's lessons in one, sorted by date then id (then
    /// register, then position); a lesson id found twice is a finding (`plan.duplicate_lesson`)
    /// on each later occurrence, with paths `/registers/{r}/lessons/{l}/id`, and both are kept.
    pub fn consolidate(registers: &[LessonsRegister]) -> (LessonsRegister, Vec<Finding>) {
        let mut findings = Vec::new();
        let mut first_use: BTreeMap<&str, String> = BTreeMap::new();
        let mut all: Vec<&Lesson> = Vec::new();
        for (r, register) in registers.iter().enumerate() {
            for (l, lesson) in register.lessons.iter().enumerate() {
                all.push(lesson);
                let path = format!("/registers/{r}/lessons/{l}");
                if lesson.id.trim().is_empty() {
                    continue;
                }
                match first_use.get(lesson.id.as_str()) {
                    Some(first) => findings.push(
                        Finding::error("plan.duplicate_lesson", format!("{path}/id"))
                            .with("id", &lesson.id)
                            .with("first", first),
                    ),
                    None => {
                        first_use.insert(&lesson.id, path);
                    }
                }
            }
        }
        // Stable: equal date and id keep register then position order.
        all.sort_by(|a, b| (a.date, &a.id).cmp(&(b.date, &b.id)));
        sort_findings(&mut findings);
        let register = LessonsRegister {
            format_version: FORMAT_VERSION,
            lessons: all.into_iter().cloned().collect(),
        };
        (register, findings)
    }
}

/// The findings of one lesson but the duplicate id (which needs the whole register).
fn check_lesson(out: &mut Vec<Finding>, lesson: &Lesson, base: &str) {
    if lesson.id.trim().is_empty() {
        out.push(Finding::error("plan.lesson_blank_id", format!("{base}/id")));
    }
    if !is_project_code(&lesson.project) {
        out.push(
            Finding::error("plan.lesson_bad_project", format!("{base}/project"))
                .with("id", &lesson.id)
                .with("project", &lesson.project),
        );
    }
    for (key, field, text) in lesson.texts() {
        check_text(out, lesson, text, &format!("{base}/{key}"), field);
    }
    for (index, tag) in lesson.tags.iter().enumerate() {
        if !is_tag(tag) {
            out.push(
                Finding::warning("plan.lesson_bad_tag", format!("{base}/tags/{index}"))
                    .with("id", &lesson.id)
                    .with("tag", tag),
            );
        }
    }
}

/// `plan.lesson_missing_text` (blank in both languages) or `plan.lesson_missing_translation`.
fn check_text(out: &mut Vec<Finding>, lesson: &Lesson, text: &Text, path: &str, field: &str) {
    let en = text.en.trim().is_empty();
    let fr = text.fr.trim().is_empty();
    if en && fr {
        out.push(
            Finding::error("plan.lesson_missing_text", path)
                .with("id", &lesson.id)
                .with("field", field),
        );
    } else if en || fr {
        out.push(
            Finding::warning("plan.lesson_missing_translation", path)
                .with("id", &lesson.id)
                .with("field", field)
                .with("language", if en { "en" } else { "fr" }),
        );
    }
}

/// Upper-case ASCII letters and digits, 2 to 10, starting with a letter (`IDF`, `MISSION`).
fn is_project_code(code: &str) -> bool {
    let length_ok = (2..=10).contains(&code.len());
    let first_ok = code.chars().next().is_some_and(|c| c.is_ascii_uppercase());
    length_ok
        && first_ok
        && code
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
}

/// Lowercase `snake_case`: ASCII lowercase letters and digits in words joined by single `_`.
fn is_tag(tag: &str) -> bool {
    !tag.is_empty()
        && tag.split('_').all(|word| {
            !word.is_empty()
                && word
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        })
}

/// Every code this file raises, in English and French.
pub const MESSAGES: &[Message] = &[
    Message {
        code: "plan.lesson_blank_id",
        en: "A lesson has no id",
        fr: "Une leçon n'a pas d'identifiant",
    },
    Message {
        code: "plan.duplicate_lesson",
        en: "The lesson id '{id}' is already used at {first}",
        fr: "L'identifiant de leçon « {id} » est déjà utilisé en {first}",
    },
    Message {
        code: "plan.lesson_missing_text",
        en: "Lesson {id}: the {field} is blank in both languages",
        fr: "Leçon {id} : {field} est vide dans les deux langues",
    },
    Message {
        code: "plan.lesson_missing_translation",
        en: "Lesson {id}: the {field} has no {language} version",
        fr: "Leçon {id} : {field} n'a pas de version {language}",
    },
    Message {
        code: "plan.lesson_bad_project",
        en: "Lesson {id}: '{project}' is not a project code (upper-case letters and digits, such as IDF or MISSION)",
        fr: "Leçon {id} : « {project} » n'est pas un code de projet (majuscules et chiffres, comme IDF ou MISSION)",
    },
    Message {
        code: "plan.lesson_bad_tag",
        en: "Lesson {id}: the tag '{tag}' is not written in lowercase snake_case (such as data_quality)",
        fr: "Leçon {id} : l'étiquette « {tag} » ne s'écrit pas en minuscules reliées par des tirets bas (comme data_quality)",
    },
    Message {
        code: "plan.bad_query",
        en: "The lessons query is not valid: {detail}",
        fr: "La recherche de leçons n'est pas valide : {detail}",
    },
];

/// The document names of this file, in messages.
pub const TERMS: &[Term] = &[
    Term {
        key: "lessons_register",
        en: "lessons-learned register",
        fr: "registre des leçons apprises",
    },
    Term {
        key: "lesson_text",
        en: "lesson",
        fr: "la leçon",
    },
    Term {
        key: "lesson_context",
        en: "context",
        fr: "le contexte",
    },
    Term {
        key: "lesson_evidence",
        en: "evidence",
        fr: "la preuve",
    },
    Term {
        key: "lesson_recommendation",
        en: "recommendation",
        fr: "la recommandation",
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    fn lesson(id: &str, project: &str, date: &str) -> Lesson {
        Lesson {
            id: id.to_owned(),
            project: project.to_owned(),
            discipline: Some(Discipline::Medical),
            date: date.parse().unwrap(),
            status: LessonStatus::Validated,
            lesson: Text::new(
                "Interpreters by phone work",
                "L'interprétariat par téléphone fonctionne",
            ),
            context: Text::new("Mobile clinic in Calais", "Clinique mobile à Calais"),
            evidence: Text::new("Fewer missed referrals", "Moins d'orientations manquées"),
            recommendation: Text::new("Book interpreters early", "Réserver tôt les interprètes"),
            tags: vec!["interpreting".to_owned()],
        }
    }

    fn register(lessons: Vec<Lesson>) -> LessonsRegister {
        LessonsRegister {
            format_version: FORMAT_VERSION,
            lessons,
        }
    }

    fn codes(findings: &[Finding]) -> Vec<(&str, &str)> {
        findings
            .iter()
            .map(|f| (f.code.as_str(), f.path.as_str()))
            .collect()
    }

    #[test]
    fn folding_drops_case_and_accents_composed_or_not() {
        assert_eq!(fold("Réfugiée ÀÇÔ œuvre"), "refugiee aco oeuvre");
        // e + combining acute (decomposed form).
        assert_eq!(fold("Re\u{301}fugie\u{301}"), "refugie");
        assert_eq!(fold("Straße Łódź"), "strasse lodz");
        assert_eq!(
            search_words("  l'évaluation, mi-parcours! "),
            ["l", "evaluation", "mi", "parcours"]
        );
    }

    #[test]
    fn search_matches_every_word_in_either_language_and_sorts_newest_first() {
        let mut older = lesson("CAL-L-01", "CAL", "2026-02-01");
        older.tags.push("outreach".to_owned());
        let newer = lesson("CAL-L-02", "CAL", "2026-05-01");
        let mut other = lesson("IDF-L-01", "IDF", "2026-05-01");
        other.context = Text::new("Day centre", "Centre de jour");
        let reg = register(vec![older, newer, other]);
        let ids = |q: &LessonQuery| -> Vec<String> {
            reg.search(q).iter().map(|l| l.id.clone()).collect()
        };
        let query = LessonQuery {
            text: Some("INTERPRETARIAT calais".to_owned()),
            ..LessonQuery::default()
        };
        assert_eq!(ids(&query), ["CAL-L-02", "CAL-L-01"]);
        let all = LessonQuery::default();
        assert_eq!(ids(&all), ["CAL-L-02", "IDF-L-01", "CAL-L-01"]);
        let tagged = LessonQuery {
            tags: vec!["outreach".to_owned(), "interpreting".to_owned()],
            ..LessonQuery::default()
        };
        assert_eq!(ids(&tagged), ["CAL-L-01"]);
        let dated = LessonQuery {
            from: "2026-03-01".parse().ok(),
            project: Some("CAL".to_owned()),
            ..LessonQuery::default()
        };
        assert_eq!(ids(&dated), ["CAL-L-02"]);
        let absent = LessonQuery {
            text: Some("calais hospital".to_owned()),
            ..LessonQuery::default()
        };
        assert!(ids(&absent).is_empty());
    }

    #[test]
    fn validate_reports_each_rule() {
        let mut blank = lesson(" ", "idf", "2026-01-01");
        blank.evidence = Text::new("", " ");
        blank.recommendation = Text::new("Do", "");
        blank.tags = vec!["Data Quality".to_owned()];
        let reg = register(vec![
            lesson("A", "IDF", "2026-01-01"),
            blank,
            lesson("A", "MISSION", "2026-01-02"),
        ]);
        let found = reg.validate();
        assert_eq!(
            codes(&found),
            [
                ("plan.lesson_missing_text", "/lessons/1/evidence"),
                ("plan.lesson_blank_id", "/lessons/1/id"),
                ("plan.lesson_bad_project", "/lessons/1/project"),
                (
                    "plan.lesson_missing_translation",
                    "/lessons/1/recommendation"
                ),
                ("plan.lesson_bad_tag", "/lessons/1/tags/0"),
                ("plan.duplicate_lesson", "/lessons/2/id"),
            ]
        );
        assert_eq!(found[3].params["language"], "fr");
        assert_eq!(found[5].params["first"], "/lessons/0");
        assert!(register(vec![lesson("A", "MISSION", "2026-01-01")])
            .validate()
            .is_empty());
    }

    #[test]
    fn consolidation_keeps_everything_and_reports_duplicates() {
        let a = register(vec![
            lesson("X", "IDF", "2026-03-01"),
            lesson("Y", "IDF", "2026-01-01"),
        ]);
        let b = register(vec![lesson("X", "CAL", "2026-02-01")]);
        let (mission, findings) = LessonsRegister::consolidate(&[a, b]);
        let order: Vec<(&str, &str)> = mission
            .lessons
            .iter()
            .map(|l| (l.id.as_str(), l.project.as_str()))
            .collect();
        assert_eq!(order, [("Y", "IDF"), ("X", "CAL"), ("X", "IDF")]);
        assert_eq!(
            codes(&findings),
            [("plan.duplicate_lesson", "/registers/1/lessons/0/id")]
        );
        assert_eq!(findings[0].params["first"], "/registers/0/lessons/0");
    }

    #[test]
    fn queries_read_from_json_with_their_own_error() {
        let q =
            LessonQuery::from_json(r#"{"text": "abri", "discipline": "mental_health"}"#).unwrap();
        assert_eq!(q.discipline, Some(Discipline::MentalHealth));
        for bad in [
            r#"{"txt": "x"}"#,
            r#"{"tags": "x"}"#,
            r#"{"from": "2026-02-01", "to": "2026-01-01"}"#,
            "[]",
        ] {
            assert_eq!(
                LessonQuery::from_json(bad).unwrap_err().code,
                "plan.bad_query",
                "{bad}"
            );
        }
        assert_eq!(
            LessonQuery::from_json("{").unwrap_err().code,
            "json.malformed"
        );
    }
}
