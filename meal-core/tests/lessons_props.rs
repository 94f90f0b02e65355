//! Invariants of the lessons-learned register: search returns exactly the lessons that meet
//! every criterion (checked here by an independent predicate with its own accent table), newest
//! first; a lesson is found by any word of its own texts, however it is cased or accented;
//! consolidation keeps every lesson and reports each repeated id; registers and queries
//! round-trip through JSON.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::collections::BTreeMap;

use chrono::NaiveDate;
use meal_core::logframe::Discipline;
use meal_core::plan::{Lesson, LessonQuery, LessonStatus, LessonsRegister};
use meal_core::text::Text;
use proptest::prelude::*;

/// Words the generated texts are made of: accents, capitals and a ligature on purpose.
const WORDS: &[&str] = &[
    "réfugié",
    "abri",
    "Mineur",
    "évaluation",
    "SANTÉ",
    "clinique",
    "maraude",
    "Œuvre",
    "naufrage",
    "leçon",
    "plaidoyer",
    "data",
    "Hôpital",
    "interprète",
    "Noël",
    "forêt",
];

/// The test's own folding of the vocabulary above (not the library's table).
fn plain(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        match c {
            'é' | 'É' | 'è' | 'È' | 'ê' | 'Ê' | 'ë' | 'Ë' => out.push('e'),
            'ç' | 'Ç' => out.push('c'),
            'ô' | 'Ô' => out.push('o'),
            'Œ' | 'œ' => out.push_str("oe"),
            other => out.push(other.to_ascii_lowercase()),
        }
    }
    out
}

const PROJECTS: &[&str] = &["IDF", "CAL", "MRS", "DKQ", "MISSION"];
const TAGS: &[&str] = &[
    "safeguarding",
    "data_quality",
    "partnership",
    "interpreting",
];

fn day(offset: i64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 1, 1).unwrap() + chrono::Duration::days(offset)
}

fn sentence() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(prop::sample::select(WORDS), 1..5),
        prop::sample::select(&[" ", ", ", " - ", "' "][..]),
    )
        .prop_map(|(words, sep)| words.join(sep))
}

fn text() -> impl Strategy<Value = Text> {
    (sentence(), sentence()).prop_map(|(en, fr)| Text::new(en, fr))
}

fn discipline() -> impl Strategy<Value = Option<Discipline>> {
    prop::option::of(prop::sample::select(vec![
        Discipline::Medical,
        Discipline::MentalHealth,
        Discipline::Protection,
        Discipline::Influence,
    ]))
}

fn status() -> impl Strategy<Value = LessonStatus> {
    prop::sample::select(vec![
        LessonStatus::Draft,
        LessonStatus::Validated,
        LessonStatus::Applied,
        LessonStatus::Archived,
    ])
}

fn tags() -> impl Strategy<Value = Vec<String>> {
    prop::sample::subsequence(TAGS, 0..=TAGS.len())
        .prop_map(|t| t.into_iter().map(str::to_owned).collect())
}

fn lesson() -> impl Strategy<Value = Lesson> {
    (
        (
            0u8..12,
            prop::sample::select(PROJECTS),
            discipline(),
            0i64..700,
            status(),
        ),
        (text(), text(), text(), text(), tags()),
    )
        .prop_map(
            |((n, project, discipline, date, status), (l, c, e, r, tags))| Lesson {
                id: format!("L-{n:02}"),
                project: project.to_owned(),
                discipline,
                date: day(date),
                status,
                lesson: l,
                context: c,
                evidence: e,
                recommendation: r,
                tags,
            },
        )
}

fn register() -> impl Strategy<Value = LessonsRegister> {
    prop::collection::vec(lesson(), 0..12).prop_map(|lessons| LessonsRegister {
        format_version: 1,
        lessons,
    })
}

fn query() -> impl Strategy<Value = LessonQuery> {
    (
        prop::option::of(prop::collection::vec(prop::sample::select(WORDS), 1..3)),
        prop::option::of(prop::sample::select(PROJECTS)),
        discipline(),
        prop::sample::subsequence(TAGS, 0..=2),
        prop::option::of(status()),
        prop::option::of(0i64..700),
        prop::option::of(0i64..700),
    )
        .prop_map(|(words, project, discipline, tags, status, a, b)| {
            let (from, to) = match (a, b) {
                (Some(a), Some(b)) => (Some(day(a.min(b))), Some(day(a.max(b)))),
                other => (other.0.map(day), other.1.map(day)),
            };
            LessonQuery {
                text: words.map(|w| w.join(" ").to_uppercase()),
                project: project.map(str::to_owned),
                discipline,
                tags: tags.into_iter().map(str::to_owned).collect(),
                status,
                from,
                to,
            }
        })
}

fn all_texts(lesson: &Lesson) -> Vec<&str> {
    [
        &lesson.lesson,
        &lesson.context,
        &lesson.evidence,
        &lesson.recommendation,
    ]
    .into_iter()
    .flat_map(|t| [t.en.as_str(), t.fr.as_str()])
    .collect()
}

/// Every criterion of the query, written independently of the library.
fn meets(query: &LessonQuery, lesson: &Lesson) -> bool {
    let texts: Vec<String> = all_texts(lesson).into_iter().map(plain).collect();
    let words_ok = query.text.as_deref().is_none_or(|t| {
        t.split(' ')
            .all(|w| texts.iter().any(|text| text.contains(&plain(w))))
    });
    words_ok
        && query.project.as_ref().is_none_or(|p| *p == lesson.project)
        && query
            .discipline
            .is_none_or(|d| lesson.discipline == Some(d))
        && query.tags.iter().all(|t| lesson.tags.contains(t))
        && query.status.is_none_or(|s| s == lesson.status)
        && query.from.is_none_or(|f| lesson.date >= f)
        && query.to.is_none_or(|t| lesson.date <= t)
}

proptest! {
    #[test]
    fn search_returns_exactly_the_matching_lessons_newest_first(reg in register(), q in query()) {
        let found = reg.search(&q);
        // Every result is a lesson of the register (by address) and meets every criterion.
        for l in &found {
            prop_assert!(reg.lessons.iter().any(|r| std::ptr::eq(r, *l)));
            prop_assert!(meets(&q, l));
        }
        let expected = reg.lessons.iter().filter(|l| meets(&q, l)).count();
        prop_assert_eq!(found.len(), expected);
        for pair in found.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            prop_assert!(a.date > b.date || (a.date == b.date && a.id <= b.id));
        }
    }

    #[test]
    fn a_lesson_is_found_by_any_word_of_its_texts(
        reg in register().prop_filter("non-empty", |r| !r.lessons.is_empty()),
        pick in any::<prop::sample::Index>(),
        text_pick in any::<prop::sample::Index>(),
        word_pick in any::<prop::sample::Index>(),
        shout in any::<bool>(),
    ) {
        let lesson = &reg.lessons[pick.index(reg.lessons.len())];
        let texts = all_texts(lesson);
        let text = texts[text_pick.index(texts.len())];
        let words: Vec<&str> = text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
        let word = words[word_pick.index(words.len())];
        // As typed in the text, or shouted without accents.
        let typed = if shout { plain(word).to_uppercase() } else { word.to_owned() };
        let q = LessonQuery { text: Some(typed), ..LessonQuery::default() };
        let found = reg.search(&q);
        prop_assert!(found.iter().any(|l| std::ptr::eq(*l, lesson)));
    }

    #[test]
    fn consolidation_keeps_every_lesson_and_reports_each_repeat(regs in prop::collection::vec(register(), 0..5)) {
        let (mission, findings) = LessonsRegister::consolidate(&regs);
        let count_in: usize = regs.iter().map(|r| r.lessons.len()).sum();
        prop_assert_eq!(mission.lessons.len(), count_in);
        // Same lessons, as a multiset (by their canonical JSON).
        let mut before: Vec<String> = regs.iter().flat_map(|r| r.lessons.iter()).map(|l| serde_json::to_string(l).unwrap()).collect();
        let mut after: Vec<String> = mission.lessons.iter().map(|l| serde_json::to_string(l).unwrap()).collect();
        before.sort();
        after.sort();
        prop_assert_eq!(before, after);
        for pair in mission.lessons.windows(2) {
            prop_assert!((pair[0].date, &pair[0].id) <= (pair[1].date, &pair[1].id));
        }
        let mut uses: BTreeMap<&str, usize> = BTreeMap::new();
        for l in regs.iter().flat_map(|r| r.lessons.iter()) {
            *uses.entry(l.id.as_str()).or_default() += 1;
        }
        let repeats: usize = uses.values().map(|n| n - 1).sum();
        prop_assert_eq!(findings.len(), repeats);
        prop_assert!(findings.iter().all(|f| f.code == "plan.duplicate_lesson"));
        // Same input, same output.
        prop_assert_eq!(LessonsRegister::consolidate(&regs), (mission, findings));
    }

    #[test]
    fn registers_and_queries_round_trip_through_json(reg in register(), q in query()) {
        let back = LessonsRegister::from_json(&reg.to_json()).unwrap();
        prop_assert!(back.findings.is_empty());
        prop_assert_eq!(back.value, reg);
        let q_back = LessonQuery::from_json(&serde_json::to_string(&q).unwrap()).unwrap();
        prop_assert_eq!(q_back, q);
    }
}
