//! Canonical printing: one text per tree, so `parse(print(e)) == e` and printing is idempotent.
//!
//! * one space around every binary operator, none inside parentheses, `, ` between arguments;
//! * minimal parentheses: an operand is parenthesised only when its precedence is lower than its
//!   operator's (or equal, on the right, since every operator associates to the left);
//! * numbers in normalised decimal form (`1.50` → `1.5`, `.5` → `0.5`);
//! * text in single quotes, or double quotes when it contains a single quote;
//! * `position()` as ODK spells it, `position(..)`.

use super::ast::{Function, Node};

pub(crate) fn print(node: &Node) -> String {
    let mut out = String::new();
    write(node, &mut out);
    out
}

fn write_operand(node: &Node, parens: bool, out: &mut String) {
    if parens {
        out.push('(');
        write(node, out);
        out.push(')');
    } else {
        write(node, out);
    }
}

fn write(node: &Node, out: &mut String) {
    match node {
        Node::Number(n) => out.push_str(&n.normalize().to_string()),
        Node::Text(text) => write_text(text, out),
        Node::Field(name) => {
            out.push_str("${");
            out.push_str(name);
            out.push('}');
        }
        Node::Current => out.push('.'),
        Node::Negate(inner) => {
            out.push('-');
            write_operand(inner, inner.level() < node.level(), out);
        }
        Node::Chain { first, rest } => {
            let level = node.level();
            write_operand(first, first.level() < level, out);
            for (op, operand) in rest {
                out.push(' ');
                out.push_str(op.symbol());
                out.push(' ');
                write_operand(operand, operand.level() <= level, out);
            }
        }
        Node::Call { function, args } => {
            out.push_str(function.name());
            out.push('(');
            if *function == Function::Position && args.is_empty() {
                out.push_str("..");
            }
            for (i, arg) in args.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write(arg, out);
            }
            out.push(')');
        }
    }
}

/// XPath literals have no escapes: quote with the delimiter the text does not contain.
fn write_text(text: &str, out: &mut String) {
    if !text.contains('\'') {
        out.push('\'');
        out.push_str(text);
        out.push('\'');
    } else if !text.contains('"') {
        out.push('"');
        out.push_str(text);
        out.push('"');
    } else {
        // Unreachable from parsed text (a literal cannot hold both quotes); kept total.
        out.push_str("concat(");
        for (i, part) in text.split('\'').enumerate() {
            if i > 0 {
                out.push_str(", \"'\", ");
            }
            out.push('\'');
            out.push_str(part);
            out.push('\'');
        }
        out.push(')');
    }
}
