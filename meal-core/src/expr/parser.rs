//! Lexer and recursive-descent parser: source text → [`Node`], with 0-based character positions
//! in every error and a cap on nesting depth.

use rust_decimal::Decimal;

use super::ast::{BinOp, Function, Node};
use super::MAX_DEPTH;
use crate::error::MealError;

/// Terms for the `expected` parameter of `expr.syntax` (keys of [`super::TERMS`]).
pub(crate) const EXPECT_OPERAND: &str =
    "an operand: a number, a 'text', ${field}, ., a function call or (";
pub(crate) const EXPECT_CLOSE_PAREN: &str = "a closing parenthesis )";
pub(crate) const EXPECT_COMMA_OR_CLOSE: &str = "a comma or a closing parenthesis )";
pub(crate) const EXPECT_OPEN_PAREN: &str = "an opening parenthesis ( after the function name";
pub(crate) const EXPECT_END: &str = "an operator or the end of the expression";
pub(crate) const EXPECT_FIELD_NAME: &str = "a field name and } after ${";
pub(crate) const EXPECT_QUOTE: &str = "the closing quote of the text";

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Number(String),
    Text(String),
    Field(String),
    Dot,
    DotDot,
    LParen,
    RParen,
    Comma,
    Symbol(BinOp),
    Name(String),
    End,
}

#[derive(Debug, Clone)]
struct Token {
    tok: Tok,
    /// 0-based character index of the token's first character.
    pos: usize,
    /// The token as written (for `found`).
    text: String,
}

fn syntax(position: usize, expected: &str, found: &str) -> MealError {
    MealError::new("expr.syntax")
        .with("position", position)
        .with("expected", expected)
        .with("found", found)
}

fn is_name_start(c: char) -> bool {
    c.is_alphabetic() || c == '_'
}

fn is_name_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '-' || c == '.'
}

fn lex(source: &str) -> Result<Vec<Token>, MealError> {
    let chars: Vec<char> = source.chars().collect();
    let at = |i: usize| chars.get(i).copied();
    let mut tokens = Vec::new();
    let mut i = 0;
    while let Some(c) = at(i) {
        let start = i;
        let simple = |tok: Tok, len: usize| Token {
            tok,
            pos: start,
            text: chars.iter().skip(start).take(len).collect(),
        };
        match c {
            ' ' | '\t' | '\n' | '\r' => {
                i += 1;
                continue;
            }
            '(' => tokens.push(simple(Tok::LParen, 1)),
            ')' => tokens.push(simple(Tok::RParen, 1)),
            ',' => tokens.push(simple(Tok::Comma, 1)),
            '+' => tokens.push(simple(Tok::Symbol(BinOp::Add), 1)),
            '-' => tokens.push(simple(Tok::Symbol(BinOp::Sub), 1)),
            '*' => tokens.push(simple(Tok::Symbol(BinOp::Mul), 1)),
            '=' => tokens.push(simple(Tok::Symbol(BinOp::Eq), 1)),
            '!' if at(i + 1) == Some('=') => {
                tokens.push(simple(Tok::Symbol(BinOp::Ne), 2));
                i += 2;
                continue;
            }
            '<' | '>' => {
                let or_equal = at(i + 1) == Some('=');
                let op = match (c, or_equal) {
                    ('<', false) => BinOp::Lt,
                    ('<', true) => BinOp::Le,
                    (_, false) => BinOp::Gt,
                    (_, true) => BinOp::Ge,
                };
                let len = if or_equal { 2 } else { 1 };
                tokens.push(simple(Tok::Symbol(op), len));
                i += len;
                continue;
            }
            '\'' | '"' => {
                let mut j = i + 1;
                let mut text = String::new();
                loop {
                    match at(j) {
                        None => return Err(syntax(start, EXPECT_QUOTE, "")),
                        Some(q) if q == c => break,
                        Some(other) => text.push(other),
                    }
                    j += 1;
                }
                tokens.push(Token {
                    tok: Tok::Text(text),
                    pos: start,
                    text: chars.iter().skip(start).take(j + 1 - start).collect(),
                });
                i = j + 1;
                continue;
            }
            '$' => {
                if at(i + 1) != Some('{') {
                    return Err(syntax(start, EXPECT_OPERAND, "$"));
                }
                let mut j = i + 2;
                let mut name = String::new();
                while let Some(n) = at(j) {
                    let ok = if name.is_empty() {
                        is_name_start(n)
                    } else {
                        is_name_char(n)
                    };
                    if !ok {
                        break;
                    }
                    name.push(n);
                    j += 1;
                }
                if name.is_empty() || at(j) != Some('}') {
                    let found: String = at(j).map(String::from).unwrap_or_default();
                    return Err(syntax(j, EXPECT_FIELD_NAME, &found));
                }
                tokens.push(Token {
                    tok: Tok::Field(name),
                    pos: start,
                    text: chars.iter().skip(start).take(j + 1 - start).collect(),
                });
                i = j + 1;
                continue;
            }
            '.' if at(i + 1) == Some('.') => {
                tokens.push(simple(Tok::DotDot, 2));
                i += 2;
                continue;
            }
            '.' if !at(i + 1).is_some_and(|d| d.is_ascii_digit()) => {
                tokens.push(simple(Tok::Dot, 1));
            }
            '0'..='9' | '.' => {
                let mut j = i;
                let mut seen_dot = false;
                while let Some(d) = at(j) {
                    if d.is_ascii_digit() || (d == '.' && !seen_dot) {
                        seen_dot |= d == '.';
                        j += 1;
                    } else {
                        break;
                    }
                }
                let text: String = chars.iter().skip(start).take(j - start).collect();
                tokens.push(Token {
                    tok: Tok::Number(text.clone()),
                    pos: start,
                    text,
                });
                i = j;
                continue;
            }
            c if is_name_start(c) => {
                let mut j = i;
                let mut name = String::new();
                while let Some(n) = at(j) {
                    // `jr:choice-name`: one prefix colon inside a name.
                    let colon = n == ':'
                        && !name.contains(':')
                        && !name.is_empty()
                        && at(j + 1).is_some_and(is_name_start);
                    if !(is_name_char(n) || colon) {
                        break;
                    }
                    name.push(n);
                    j += 1;
                }
                tokens.push(Token {
                    tok: Tok::Name(name.clone()),
                    pos: start,
                    text: name,
                });
                i = j;
                continue;
            }
            other => return Err(syntax(start, EXPECT_OPERAND, &other.to_string())),
        }
        i += 1;
    }
    tokens.push(Token {
        tok: Tok::End,
        pos: chars.len(),
        text: String::new(),
    });
    Ok(tokens)
}

/// Functions refused because they would make answers depend on something outside the
/// expression and its context.
const NONDETERMINISTIC: &[&str] = &["uuid", "random", "randomize", "digest"];

struct Parser {
    tokens: Vec<Token>,
    next: usize,
    depth: usize,
}

/// Parses a whole expression.
pub(crate) fn parse(source: &str) -> Result<Node, MealError> {
    let mut parser = Parser {
        tokens: lex(source)?,
        next: 0,
        depth: 0,
    };
    let node = parser.expression()?;
    let token = parser.peek();
    if token.tok != Tok::End {
        return Err(syntax(token.pos, EXPECT_END, &token.text));
    }
    Ok(node)
}

impl Parser {
    fn peek(&self) -> Token {
        self.tokens.get(self.next).cloned().unwrap_or(Token {
            tok: Tok::End,
            pos: 0,
            text: String::new(),
        })
    }

    fn bump(&mut self) -> Token {
        let token = self.peek();
        self.next += 1;
        token
    }

    fn enter(&mut self, pos: usize) -> Result<(), MealError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(MealError::new("expr.too_deep")
                .with("position", pos)
                .with("limit", MAX_DEPTH));
        }
        Ok(())
    }

    fn expression(&mut self) -> Result<Node, MealError> {
        self.level(1)
    }

    /// The binary operator at the next token if it belongs to precedence `level`.
    fn operator(&self, level: u8) -> Option<BinOp> {
        let op = match &self.peek().tok {
            Tok::Symbol(op) => *op,
            Tok::Name(name) => match name.as_str() {
                "or" => BinOp::Or,
                "and" => BinOp::And,
                "div" => BinOp::Div,
                "mod" => BinOp::Mod,
                _ => return None,
            },
            _ => return None,
        };
        (op.level() == level).then_some(op)
    }

    fn level(&mut self, level: u8) -> Result<Node, MealError> {
        if level > 6 {
            return self.unary();
        }
        let first = self.level(level + 1)?;
        let mut rest = Vec::new();
        while let Some(op) = self.operator(level) {
            self.bump();
            rest.push((op, self.level(level + 1)?));
        }
        if rest.is_empty() {
            return Ok(first);
        }
        // `(a + b) + c` is `a + b + c`: a parenthesised chain of the same level on the left
        // joins the chain, so the tree has one canonical shape.
        match first {
            Node::Chain {
                first: inner_first,
                rest: mut inner_rest,
            } if inner_rest
                .first()
                .is_some_and(|(op, _)| op.level() == level) =>
            {
                inner_rest.extend(rest);
                Ok(Node::Chain {
                    first: inner_first,
                    rest: inner_rest,
                })
            }
            first => Ok(Node::Chain {
                first: Box::new(first),
                rest,
            }),
        }
    }

    fn unary(&mut self) -> Result<Node, MealError> {
        let token = self.peek();
        if token.tok == Tok::Symbol(BinOp::Sub) {
            self.bump();
            self.enter(token.pos)?;
            let inner = self.unary()?;
            self.depth -= 1;
            return Ok(Node::Negate(Box::new(inner)));
        }
        self.primary()
    }

    fn primary(&mut self) -> Result<Node, MealError> {
        let token = self.bump();
        match token.tok {
            Tok::Number(text) => Decimal::from_str_exact(text.strip_suffix('.').unwrap_or(&text))
                .map(|d| Node::Number(d.normalize()))
                .map_err(|_| {
                    // Beyond 96 bits or 28 decimal places: a literal is never silently rounded.
                    MealError::new("expr.number")
                        .with("position", token.pos)
                        .with("value", &text)
                }),
            Tok::Text(text) => Ok(Node::Text(text)),
            Tok::Field(name) => Ok(Node::Field(name)),
            Tok::Dot => Ok(Node::Current),
            Tok::LParen => {
                self.enter(token.pos)?;
                let inner = self.expression()?;
                self.depth -= 1;
                let close = self.bump();
                if close.tok != Tok::RParen {
                    return Err(syntax(close.pos, EXPECT_CLOSE_PAREN, &close.text));
                }
                Ok(inner)
            }
            Tok::Name(name) => self.call(name, token.pos),
            _ => Err(syntax(token.pos, EXPECT_OPERAND, &token.text)),
        }
    }

    fn call(&mut self, name: String, pos: usize) -> Result<Node, MealError> {
        let open = self.peek();
        if open.tok != Tok::LParen {
            return Err(syntax(open.pos, EXPECT_OPEN_PAREN, &open.text));
        }
        if name == "pulldata" {
            return Err(MealError::new("expr.pulldata").with("position", pos));
        }
        if NONDETERMINISTIC.contains(&name.as_str()) {
            return Err(MealError::new("expr.nondeterministic")
                .with("name", &name)
                .with("position", pos));
        }
        let function = Function::from_name(&name).ok_or_else(|| {
            MealError::new("expr.unknown_function")
                .with("name", &name)
                .with("position", pos)
        })?;
        self.bump();
        self.enter(pos)?;
        let mut args = Vec::new();
        if function == Function::Position && self.peek().tok == Tok::DotDot {
            // `position(..)`, ODK's spelling: the position of the enclosing repeat instance.
            self.bump();
        } else if self.peek().tok != Tok::RParen {
            loop {
                args.push(self.expression()?);
                let sep = self.peek();
                match sep.tok {
                    Tok::Comma => {
                        self.bump();
                    }
                    Tok::RParen => break,
                    _ => return Err(syntax(sep.pos, EXPECT_COMMA_OR_CLOSE, &sep.text)),
                }
            }
        }
        let close = self.bump();
        if close.tok != Tok::RParen {
            return Err(syntax(close.pos, EXPECT_CLOSE_PAREN, &close.text));
        }
        self.depth -= 1;
        let (min, max) = function.arity();
        if args.len() < min || max.is_some_and(|max| args.len() > max) {
            let expected = match max {
                Some(max) if max == min => min.to_string(),
                Some(max) => format!("{min}–{max}"),
                None => format!("≥ {min}"),
            };
            return Err(MealError::new("expr.arity")
                .with("name", function.name())
                .with("expected", expected)
                .with("found", args.len())
                .with("position", pos));
        }
        Ok(Node::Call { function, args })
    }
}
