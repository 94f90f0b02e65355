//! The HTML writer: one self-contained document from a [`Layout`].
//!
//! Decisions: UTF-8 declared in a `meta` element, the `lang` attribute set to the report's
//! language (screen readers pick the voice from it), inline CSS only and no script (the file
//! is mailed and printed; nothing to fetch or run), a print style sheet (no backgrounds that
//! waste ink, tables kept from splitting a row across pages). A status is a symbol and words
//! (`✓ on track`) with a colour class on top — never colour alone (WCAG 1.4.1). Table headers
//! are `th scope="col"`. Every text is escaped (`& < > " '`).

use crate::indicator::Status;
use crate::report::layout::{Block, Class, Grid, Layout};

const STYLE: &str = "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:2rem;color:#1a1a1a;line-height:1.4}\
h1{font-size:1.6rem}h2{font-size:1.3rem;border-bottom:1px solid #ccc;margin-top:2rem}h3{font-size:1.1rem}h4,h5{font-size:1rem}\
table{border-collapse:collapse;margin:.5rem 0 1rem}th,td{border:1px solid #bbb;padding:.25rem .5rem;vertical-align:top}\
th{background:#f0f0f0;text-align:left}td.num{text-align:right;white-space:nowrap}\
.on_track{background:#e3f4e3}.at_risk{background:#fff3cd}.off_track{background:#f8d7da}.no_data,.no_target{background:#f4f4f4}\
.suppressed{background:#e8e8f8;text-align:center}dl{display:grid;grid-template-columns:max-content auto;gap:.2rem 1rem}dt{font-weight:600}dd{margin:0}\
footer{margin-top:2rem;font-size:.9rem;color:#333}\
@media print{body{margin:0}th,td{background:none!important}tr{break-inside:avoid}h2,h3,h4{break-after:avoid}}";

/// The document as HTML.
pub fn render(layout: &Layout) -> String {
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<h1>{}</h1>\n",
        escape(layout.lang),
        escape(&layout.title),
        escape(&layout.title)
    );
    for block in &layout.blocks {
        write_block(block, &mut out);
    }
    out.push_str("<footer>\n");
    for block in &layout.footer {
        write_block(block, &mut out);
    }
    out.push_str("</footer>\n</body>\n</html>\n");
    out
}

fn write_block(block: &Block, out: &mut String) {
    match block {
        Block::Heading(level, text) => {
            let level = level.clamp(&2, &6);
            out.push_str(&format!("<h{level}>{}</h{level}>\n", escape(text)));
        }
        Block::Facts(facts) => {
            out.push_str("<dl>\n");
            for (label, value) in facts {
                out.push_str(&format!(
                    "<dt>{}</dt><dd>{}</dd>\n",
                    escape(label),
                    escape(value)
                ));
            }
            out.push_str("</dl>\n");
        }
        Block::Table(grid) => write_table(grid, out),
        Block::List(items) => {
            out.push_str("<ul>\n");
            for item in items {
                out.push_str(&format!("<li>{}</li>\n", escape(item)));
            }
            out.push_str("</ul>\n");
        }
        Block::Paragraph(text) => out.push_str(&format!("<p>{}</p>\n", escape(text))),
    }
}

fn write_table(grid: &Grid, out: &mut String) {
    out.push_str("<table>\n<thead><tr>");
    for header in &grid.header {
        out.push_str(&format!("<th scope=\"col\">{}</th>", escape(header)));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in &grid.rows {
        out.push_str("<tr>");
        for cell in row {
            let class = match cell.class {
                Class::Text => String::new(),
                Class::Number => " class=\"num\"".to_owned(),
                Class::Status(status) => format!(" class=\"{}\"", status_class(status)),
                Class::Suppressed => " class=\"suppressed\"".to_owned(),
            };
            out.push_str(&format!("<td{class}>{}</td>", escape(&cell.text)));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
}

fn status_class(status: Status) -> &'static str {
    status.as_str()
}

/// Escapes text for HTML content and attribute values.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::layout::Cell;

    #[test]
    fn a_document_is_self_contained_escaped_and_says_status_in_words() {
        let layout = Layout {
            title: "A <b> & co".into(),
            lang: "fr",
            blocks: vec![Block::Table(Grid {
                header: vec!["Statut".into()],
                rows: vec![vec![Cell {
                    text: "✓ en bonne voie".into(),
                    class: Class::Status(Status::OnTrack),
                }]],
            })],
            footer: vec![Block::Paragraph("fin".into())],
        };
        let html = render(&layout);
        assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n<meta charset=\"utf-8\">\n<title>A &lt;b&gt; &amp; co</title>"));
        assert!(html.contains("<tr><td class=\"on_track\">✓ en bonne voie</td></tr>"));
        assert!(html.contains("<footer>\n<p>fin</p>\n</footer>"));
        assert!(!html.contains("<script"));
        assert!(!html.contains("http"), "nothing fetched");
    }
}

#[cfg(test)]
mod golden {
    use crate::i18n::Locale;
    use crate::report::fixture::sitrep;
    use crate::report::{Audience, Format};

    #[test]
    fn the_sitrep_as_html_shows_status_in_words_and_hidden_cells_with_a_legend() {
        let rendered = sitrep(Audience::External, Locale::Fr)
            .render(Format::Html)
            .unwrap();
        assert_eq!(rendered.media_type, "text/html; charset=utf-8");
        let html = String::from_utf8(rendered.bytes).unwrap();
        assert!(html.contains("<html lang=\"fr\">"));
        assert!(html.contains("<tr><td>T-1</td><td>Consultations</td><td>consultations</td><td class=\"num\">100 (2025)</td><td class=\"num\">112</td><td class=\"num\">120</td><td class=\"num\">93,3\u{a0}%</td><td class=\"on_track\">✓ en bonne voie</td></tr>"));
        assert!(html.contains("<tr><td>Masculin</td><td class=\"suppressed\">*</td><td class=\"num\">—</td><td class=\"num\">*</td><td class=\"suppressed\">*</td></tr>"));
        assert!(html.contains("<li>* masqué pour protéger les petits groupes"));
        assert!(!html.contains("39"));
    }
}
