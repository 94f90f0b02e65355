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
