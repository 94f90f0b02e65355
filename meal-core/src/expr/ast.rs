//! The typed syntax tree an expression is parsed into once, then printed, checked and evaluated.
//!
//! Binary operators of one precedence level are kept as a flat [`Node::Chain`] (`a + b - c` is
//! one node with three operands), so a long sum of fields does not make the tree deep; only
//! nesting (parentheses, function arguments, unary minus) does, and nesting is capped at parse
//! ([`super::MAX_DEPTH`]).

use rust_decimal::Decimal;

/// A node of the syntax tree.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    /// A number literal (`12`, `0.5`), never negative (`-1` is [`Node::Negate`]).
    Number(Decimal),
    /// A string literal (`'text'` or `"text"`).
    Text(String),
    /// `${name}`.
    Field(String),
    /// `.`, the current value.
    Current,
    /// Unary minus.
    Negate(Box<Node>),
    /// `first op₁ x₁ op₂ x₂ …`, evaluated left to right; every operator has the same precedence
    /// level and `first` is never itself a chain of that level.
    Chain {
        first: Box<Node>,
        rest: Vec<(BinOp, Node)>,
    },
    /// A function call with its arguments.
    Call { function: Function, args: Vec<Node> },
}

/// A binary operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum BinOp {
    Or,
    And,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    Add,
    Sub,
    Mul,
    Div,
    Mod,
}

impl BinOp {
    /// The operator as written.
    pub fn symbol(self) -> &'static str {
        match self {
            BinOp::Or => "or",
            BinOp::And => "and",
            BinOp::Eq => "=",
            BinOp::Ne => "!=",
            BinOp::Lt => "<",
            BinOp::Le => "<=",
            BinOp::Gt => ">",
            BinOp::Ge => ">=",
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Mul => "*",
            BinOp::Div => "div",
            BinOp::Mod => "mod",
        }
    }

    /// Precedence level, XPath 1.0: `or` 1 < `and` 2 < equality 3 < relational 4 <
    /// additive 5 < multiplicative 6 (unary minus binds tighter still).
    pub fn level(self) -> u8 {
        match self {
            BinOp::Or => 1,
            BinOp::And => 2,
            BinOp::Eq | BinOp::Ne => 3,
            BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge => 4,
            BinOp::Add | BinOp::Sub => 5,
            BinOp::Mul | BinOp::Div | BinOp::Mod => 6,
        }
    }

    /// True for `+ - * div mod`.
    pub fn is_arithmetic(self) -> bool {
        self.level() >= 5
    }
}

macro_rules! functions {
    ($($variant:ident = $name:literal, $min:literal, $max:expr;)*) => {
        /// A function of the language's library.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Function {
            $($variant,)*
        }

        impl Function {
            /// Every function, in declaration order.
            pub const ALL: &'static [Function] = &[$(Function::$variant,)*];

            /// The name as written in expressions.
            pub fn name(self) -> &'static str {
                match self {
                    $(Function::$variant => $name,)*
                }
            }

            /// Fewest and most arguments (`None`: no upper bound).
            pub fn arity(self) -> (usize, Option<usize>) {
                match self {
                    $(Function::$variant => ($min, $max),)*
                }
            }
        }
    };
}

functions! {
    Selected = "selected", 2, Some(2);
    CountSelected = "count-selected", 1, Some(1);
    SelectedAt = "selected-at", 2, Some(2);
    ChoiceName = "jr:choice-name", 2, Some(2);
    StringLength = "string-length", 0, Some(1);
    Regex = "regex", 2, Some(2);
    Contains = "contains", 2, Some(2);
    StartsWith = "starts-with", 2, Some(2);
    EndsWith = "ends-with", 2, Some(2);
    Substr = "substr", 2, Some(3);
    SubstringBefore = "substring-before", 2, Some(2);
    SubstringAfter = "substring-after", 2, Some(2);
    Concat = "concat", 0, None;
    Join = "join", 1, None;
    Coalesce = "coalesce", 2, Some(2);
    If = "if", 3, Some(3);
    Int = "int", 1, Some(1);
    Round = "round", 1, Some(2);
    Number = "number", 0, Some(1);
    String = "string", 0, Some(1);
    Boolean = "boolean", 1, Some(1);
    BooleanFromString = "boolean-from-string", 1, Some(1);
    True = "true", 0, Some(0);
    False = "false", 0, Some(0);
    Not = "not", 1, Some(1);
    Today = "today", 0, Some(0);
    Now = "now", 0, Some(0);
    Date = "date", 1, Some(1);
    DecimalDateTime = "decimal-date-time", 1, Some(1);
    FormatDate = "format-date", 2, Some(2);
    Once = "once", 1, Some(1);
    Position = "position", 0, Some(0);
    Count = "count", 1, Some(1);
    CountNonEmpty = "count-non-empty", 1, Some(1);
    Sum = "sum", 1, Some(1);
    Max = "max", 1, None;
    Min = "min", 1, None;
    Abs = "abs", 1, Some(1);
    Pow = "pow", 2, Some(2);
    NormalizeSpace = "normalize-space", 0, Some(1);
    Translate = "translate", 3, Some(3);
}

impl Function {
    /// The function called `name`, if the library has it.
    pub fn from_name(name: &str) -> Option<Function> {
        Function::ALL.iter().copied().find(|f| f.name() == name)
    }
}

impl Node {
    /// Calls `visit` on this node and every node below it, parents first.
    pub fn walk<'a>(&'a self, visit: &mut dyn FnMut(&'a Node)) {
        visit(self);
        match self {
            Node::Number(_) | Node::Text(_) | Node::Field(_) | Node::Current => {}
            Node::Negate(inner) => inner.walk(visit),
            Node::Chain { first, rest } => {
                first.walk(visit);
                for (_, operand) in rest {
                    operand.walk(visit);
                }
            }
            Node::Call { args, .. } => {
                for arg in args {
                    arg.walk(visit);
                }
            }
        }
    }

    /// The precedence level of this node as an operand: a chain's level, 7 for unary minus,
    /// 8 for everything that never needs parentheses.
    pub fn level(&self) -> u8 {
        match self {
            Node::Chain { rest, .. } => rest.first().map_or(8, |(op, _)| op.level()),
            Node::Negate(_) => 7,
            _ => 8,
        }
    }
}
