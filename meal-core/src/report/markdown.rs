//! The Markdown writer: GitHub-flavoured Markdown (pipe tables) from a [`Layout`].
//!
//! Decisions: numeric columns are right-aligned (`---:`); a `|` inside a cell is escaped and a
//! line break becomes a space, so user text (a title, a finding's message) cannot break a table.
//! Facts are written as a two-column table without a header text, which GitHub requires; the
//! footer follows a horizontal rule.

use crate::report::layout::{Block, Class, Grid, Layout};

/// The document as Markdown.
pub fn render(layout: &Layout) -> String {
    let mut out = format!("# {}\n", inline(&layout.title));
    for block in &layout.blocks {
        write_block(block, &mut out);
    }
    out.push_str("\n---\n");
    for block in &layout.footer {
        write_block(block, &mut out);
    }
    out
}

fn write_block(block: &Block, out: &mut String) {
    out.push('\n');
    match block {
        Block::Heading(level, text) => {
            let hashes = "#".repeat(usize::from(*level).clamp(2, 6));
            out.push_str(&format!("{hashes} {}\n", inline(text)));
        }
        Block::Facts(facts) => {
            out.push_str("| | |\n|---|---|\n");
            for (label, value) in facts {
                out.push_str(&format!("| {} | {} |\n", cell(label), cell(value)));
            }
        }
        Block::Table(grid) => write_table(grid, out),
        Block::List(items) => {
            for item in items {
                out.push_str(&format!("- {}\n", inline(item)));
            }
        }
        Block::Paragraph(text) => {
            out.push_str(&inline(text));
            out.push('\n');
        }
    }
}

fn write_table(grid: &Grid, out: &mut String) {
    let header: Vec<String> = grid.header.iter().map(|h| cell(h)).collect();
    out.push_str(&format!("| {} |\n", header.join(" | ")));
    let numeric = |column: usize| {
        !grid.rows.is_empty()
            && grid.rows.iter().all(|row| {
                row.get(column)
                    .is_none_or(|c| matches!(c.class, Class::Number | Class::Suppressed))
            })
    };
    let rule: Vec<&str> = (0..grid.header.len())
        .map(|c| if numeric(c) { "---:" } else { "---" })
        .collect();
    out.push_str(&format!("|{}|\n", rule.join("|")));
    for row in &grid.rows {
        let cells: Vec<String> = row.iter().map(|c| cell(&c.text)).collect();
        out.push_str(&format!("| {} |\n", cells.join(" | ")));
    }
}

/// Text on one line.
fn inline(text: &str) -> String {
    text.replace(['\r', '\n'], " ")
}

/// Text in a table cell: one line, `|` escaped.
fn cell(text: &str) -> String {
    inline(text).replace('|', "\\|")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::layout::Cell;

    #[test]
    fn tables_escape_pipes_and_align_numbers() {
        let layout = Layout {
            title: "T".into(),
            lang: "en",
            blocks: vec![Block::Table(Grid {
                header: vec!["Name".into(), "Value".into()],
                rows: vec![vec![
                    Cell {
                        text: "a|b\nc".into(),
                        class: Class::Text,
                    },
                    Cell {
                        text: "12.5".into(),
                        class: Class::Number,
                    },
                ]],
            })],
            footer: vec![Block::List(vec!["x".into()])],
        };
        assert_eq!(
            render(&layout),
            "# T\n\n| Name | Value |\n|---|---:|\n| a\\|b c | 12.5 |\n\n---\n\n- x\n"
        );
    }
}

#[cfg(test)]
mod golden {
    use crate::i18n::Locale;
    use crate::report::fixture::sitrep;
    use crate::report::{Audience, Format};

    /// The internal English SITREP of the fixture, checked by hand: achievements 0.9333 and
    /// 1.0786 read 93.3% and 107.9% (one decimal, half to even), the unknown cell is shown,
    /// the qualitative T-3 is listed as not computed, X-9 (no logframe) has its own section.
    const INTERNAL_EN: &str = r#"# Situation report (SITREP) — T — Test project — 2026Q1

| | |
|---|---|
| Scope | Project T — Test project |
| Period | 2026Q1 (2026-01-01 – 2026-03-31) |
| Audience | Internal |

## T — Test project

### Impact T — People are healthier (operational)

| Code | Indicator | Unit | Baseline | Value | Target | Achievement | Status |
|---|---|---|---:|---:|---:|---:|---|
| T-1 | Consultations | consultations | 100 (2025) | 112 | 120 | 93.3% | ✓ on track |

### Outcome T.OC1 — Care is timely (operational)

| Code | Indicator | Unit | Baseline | Value | Target | Achievement | Status |
|---|---|---|---:|---:|---:|---:|---|
| T-2 | Minors seen within 7 days | % | — | 75.5 | 70 | 107.9% | ✓ on track |

### Disaggregations

#### T-1 — Consultations

##### By Sex

| Category | Value | Target | Achievement | Status |
|---|---:|---:|---:|---|
| Female | 70 | — | — | ○ no target |
| Male | 39 | — | — | ○ no target |
| unknown | 3 | — | — | ○ no target |

### Indicators not computed

- T-3 — Testimonies of change: Indicator T-3 has a qualitative measure: it is reported in words, not computed

## Figures of indicators no logframe defines

| Code | Indicator | Unit | Baseline | Value | Target | Achievement | Status |
|---|---|---|---:|---:|---:|---:|---|
| X-9 | X-9 |  | — | 4 | — | — | ○ no target |

## Notes on the computation

- report.unknown_indicator — The results give figures for indicator X-9, which no logframe defines

## Data quality

| Project | Site | Period | Records | Completeness | Timeliness | Reports received / expected | Duplicates | Rule violations | Outliers | Invalid numbers |
|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|
| T | centre | 202601 | 300 | 98.8% | 66.7% | 3 / 3 | 2 | 1 | 0 | 1 |
| Total | All sites | 2026Q1 | 300 | 98.8% | 66.7% | 3 / 3 | 2 | 1 | 0 | 1 |

| | |
|---|---|
| Rows checked | 501 |
| Failures by check | duplicate: 1 |

---

## Legend

- ✓ on track
- ! at risk
- ✗ off track
- ∅ no data
- ○ no target
- on track: at least 85% of the target; at risk: at least 60%; off track: below 60%
- — no value

## Sources

| | |
|---|---|
| Rows read | 500 |
| Rows without a date | 1 |
| Documents | logframe T sha256:0123456789abcdef |
| Engine | meal 0.1.0 |
"#;

    #[test]
    fn the_internal_sitrep_reads_as_written_by_hand() {
        let rendered = sitrep(Audience::Internal, Locale::En)
            .render(Format::Markdown)
            .unwrap();
        assert_eq!(rendered.extension, "md");
        assert_eq!(String::from_utf8(rendered.bytes).unwrap(), INTERNAL_EN);
    }

    #[test]
    fn the_external_french_sitrep_hides_small_cells_with_a_legend() {
        let text = String::from_utf8(
            sitrep(Audience::External, Locale::Fr)
                .render(Format::Markdown)
                .unwrap()
                .bytes,
        )
        .unwrap();
        assert!(text.contains("| Féminin | 70 | — | — | ○ pas de cible |"));
        assert!(text.contains("| Masculin | * | — | * | * |"));
        assert!(text.contains("| inconnu | * | — | * | * |"));
        assert!(text.contains("| T-1 | Consultations | consultations | 100 (2025) | 112 | 120 | 93,3\u{a0}% | ✓ en bonne voie |"));
        assert!(text.contains("- * masqué pour protéger les petits groupes : moins de 5 personnes"));
        assert!(
            !text.contains("39"),
            "the hidden count of males appears nowhere"
        );
    }
}
