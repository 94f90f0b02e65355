#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use super::*;
use chrono::TimeZone;

fn ctx(values: &[(&str, Value)]) -> MapContext {
    MapContext::new(
        values
            .iter()
            .map(|(k, v)| ((*k).to_owned(), v.clone()))
            .collect(),
        NaiveDate::from_ymd_opt(2026, 11, 27).unwrap(),
        FixedOffset::east_opt(3600)
            .unwrap()
            .with_ymd_and_hms(2026, 11, 27, 10, 0, 0)
            .unwrap(),
    )
}

fn eval_in(source: &str, context: &MapContext) -> String {
    Expr::parse(source)
        .unwrap_or_else(|e| panic!("{source}: {e}"))
        .evaluate(context)
        .unwrap_or_else(|e| panic!("{source}: {e}"))
        .to_text()
}

fn ev(source: &str) -> String {
    eval_in(source, &ctx(&[]))
}

fn err(source: &str) -> String {
    Expr::parse(source).unwrap_err().code
}

fn canon(source: &str) -> String {
    Expr::parse(source).unwrap().to_canonical()
}

#[test]
fn smoke() {
    assert_eq!(ev("1 + 2 * 3"), "7");
    assert_eq!(ev("0.1 + 0.2 = 0.3"), "true");
    assert_eq!(canon("(1+2)*3"), "(1 + 2) * 3");
    assert_eq!(err("1 +"), "expr.syntax");
}

fn text(s: &str) -> Value {
    Value::Text(s.to_owned())
}

fn num(s: &str) -> Value {
    Value::Number(Value::parse_number(s))
}

fn list(items: &[Value]) -> Value {
    Value::List(items.to_vec())
}

// ---- parsing -------------------------------------------------------------------------------

#[test]
fn precedence_is_xpath() {
    assert_eq!(ev("1 + 2 * 3 - 4 div 2"), "5");
    assert_eq!(ev("2 * 3 mod 4"), "2");
    assert_eq!(ev("1 = 1 and 2 < 1 or 3 > 2"), "true");
    assert_eq!(ev("1 < 2 = 2 < 3"), "true");
    assert_eq!(ev("-2 * 3"), "-6");
    assert_eq!(ev("- -2"), "2");
    assert_eq!(ev("10 - 4 - 3"), "3");
    assert_eq!(ev("10 - (4 - 3)"), "9");
    assert_eq!(ev("1 or 0 and 0"), "true");
}

#[test]
fn canonical_text() {
    assert_eq!(canon("(${a}+${b})*2 div .5"), "(${a} + ${b}) * 2 div 0.5");
    assert_eq!(canon("((1+2))+3"), "1 + 2 + 3");
    assert_eq!(canon("1-(2-3)"), "1 - (2 - 3)");
    assert_eq!(canon("-(1+2)"), "-(1 + 2)");
    assert_eq!(canon("--1"), "--1");
    assert_eq!(canon("\"it's\""), "\"it's\"");
    assert_eq!(canon("\"plain\""), "'plain'");
    assert_eq!(canon("position(..)"), "position(..)");
    assert_eq!(canon("position()"), "position(..)");
    assert_eq!(canon("1.50"), "1.5");
    assert_eq!(canon("3."), "3");
    assert_eq!(
        canon("jr:choice-name(${a},'${a}')"),
        "jr:choice-name(${a}, '${a}')"
    );
    assert_eq!(canon("not(.)and ${x}!=''"), "not(.) and ${x} != ''");
    for source in [
        "(1 = 2) = (3 = 4)",
        "1 < (2 < 3)",
        "-(-1)",
        "(1 or 2) and 3",
    ] {
        let once = canon(source);
        assert_eq!(canon(&once), once, "{source}");
        assert_eq!(
            Expr::parse(&once).unwrap().ast(),
            Expr::parse(source).unwrap().ast()
        );
    }
}

#[test]
fn references_are_sorted_and_unique() {
    let e = Expr::parse("${b} + ${a} + ${b} + jr:choice-name(1, '${c}')").unwrap();
    assert_eq!(e.references(), ["a", "b", "c"]);
    assert!(Expr::parse("1").unwrap().references().is_empty());
}

#[test]
fn syntax_errors_have_char_positions() {
    let e = Expr::parse("'é' +").unwrap_err();
    assert_eq!(e.code, "expr.syntax");
    assert_eq!(e.params["position"], "5");
    assert_eq!(e.params["found"], "");
    let e = Expr::parse("1 2").unwrap_err();
    assert_eq!(
        (e.params["position"].as_str(), e.params["found"].as_str()),
        ("2", "2")
    );
    assert_eq!(Expr::parse("'open").unwrap_err().params["position"], "0");
    assert_eq!(Expr::parse("${a b}").unwrap_err().params["position"], "3");
    assert_eq!(
        Expr::parse("(1").unwrap_err().params["expected"],
        parser::EXPECT_CLOSE_PAREN
    );
    for bad in [
        "",
        "1 +",
        "/data/x",
        "${}",
        "$x",
        "a",
        "1 | 2",
        "round(1,)",
        "round(1 2)",
        "ß",
    ] {
        assert_eq!(err(bad), "expr.syntax", "{bad}");
    }
}

#[test]
fn function_errors() {
    assert_eq!(err("foo(1)"), "expr.unknown_function");
    assert_eq!(err("pulldata('x', 'y', 'z', 'w')"), "expr.pulldata");
    assert_eq!(err("uuid()"), "expr.nondeterministic");
    assert_eq!(err("random()"), "expr.nondeterministic");
    let e = Expr::parse("if(1, 2)").unwrap_err();
    assert_eq!(e.code, "expr.arity");
    assert_eq!(e.params["expected"], "3");
    assert_eq!(e.params["found"], "2");
    assert_eq!(
        Expr::parse("round()").unwrap_err().params["expected"],
        "1–2"
    );
    assert_eq!(Expr::parse("max()").unwrap_err().params["expected"], "≥ 1");
    assert_eq!(err("true(1)"), "expr.arity");
}

#[test]
fn depth_is_capped() {
    let ok = format!("{}1{}", "(".repeat(MAX_DEPTH), ")".repeat(MAX_DEPTH));
    assert_eq!(ev(&ok), "1");
    let deep = format!(
        "{}1{}",
        "(".repeat(MAX_DEPTH + 1),
        ")".repeat(MAX_DEPTH + 1)
    );
    assert_eq!(err(&deep), "expr.too_deep");
    assert_eq!(err(&"-".repeat(1000)), "expr.too_deep");
    assert_eq!(err(&format!("{}1", "not(".repeat(100))), "expr.too_deep");
    // Long flat chains are not deep.
    let sum = vec!["1"; 5000].join(" + ");
    assert_eq!(ev(&sum), "5000");
}

#[test]
fn number_literals_must_be_exact() {
    assert_eq!(
        ev("79228162514264337593543950335"),
        "79228162514264337593543950335"
    );
    assert_eq!(err("79228162514264337593543950336"), "expr.number");
    assert_eq!(err("0.12345678901234567890123456789"), "expr.number");
}

// ---- decisions -----------------------------------------------------------------------------

#[test]
fn decimal_arithmetic_is_exact_and_overflow_is_nan() {
    assert_eq!(ev("0.1 + 0.2"), "0.3");
    assert_eq!(ev("1 div 3"), "0.3333333333333333333333333333");
    assert_eq!(ev("2 div 4"), "0.5");
    assert_eq!(ev("79228162514264337593543950335 + 1"), "NaN");
    assert_eq!(ev("79228162514264337593543950335 * 2"), "NaN");
    assert_eq!(ev("1.5 * 2"), "3");
    assert_eq!(ev("0 * -1"), "0");
}

#[test]
fn division_and_modulo_by_zero_are_nan() {
    assert_eq!(ev("1 div 0"), "NaN");
    assert_eq!(ev("-1 div 0"), "NaN");
    assert_eq!(ev("0 div 0"), "NaN");
    assert_eq!(ev("5 mod 0"), "NaN");
    assert_eq!(ev("5 mod 3"), "2");
    assert_eq!(ev("-5 mod 3"), "-2");
    assert_eq!(ev("5 mod -3"), "2");
    assert_eq!(ev("5.5 mod 2"), "1.5");
}

#[test]
fn nan_rules() {
    assert_eq!(ev("number('abc') = number('abc')"), "false");
    assert_eq!(ev("number('abc') != number('abc')"), "true");
    assert_eq!(ev("number('abc') < 1"), "false");
    assert_eq!(ev("boolean(number('x'))"), "false");
    assert_eq!(ev("number('x') + 1"), "NaN");
    assert_eq!(ev("-number('x')"), "NaN");
}

#[test]
fn empty_values() {
    let c = ctx(&[("blank", Value::Empty), ("e", text(""))]);
    assert_eq!(eval_in("${blank} + 1", &c), "NaN");
    assert_eq!(eval_in("${blank} = ''", &c), "true");
    assert_eq!(eval_in("${blank} != ''", &c), "false");
    assert_eq!(eval_in("${e} = ${blank}", &c), "true");
    assert_eq!(eval_in("${blank} = 0", &c), "false");
    assert_eq!(eval_in("${blank} < 1", &c), "false");
    assert_eq!(eval_in("${blank} >= 0", &c), "false");
    assert_eq!(eval_in("boolean(${blank})", &c), "false");
    assert_eq!(eval_in("coalesce(${blank}, 0) + 1", &c), "1");
    assert_eq!(eval_in("string-length(${blank})", &c), "0");
    // An absent field reads as empty.
    assert_eq!(eval_in("${missing} = ''", &c), "true");
}

#[test]
fn truthiness() {
    assert_eq!(ev("boolean('false')"), "true");
    assert_eq!(ev("boolean('0')"), "true");
    assert_eq!(ev("boolean('')"), "false");
    assert_eq!(ev("boolean(0)"), "false");
    assert_eq!(ev("boolean(0.1)"), "true");
    assert_eq!(ev("boolean(today())"), "true");
    assert!(!Value::List(vec![]).truthy());
    assert!(Value::List(vec![Value::Empty]).truthy());
    assert!(!Value::Number(None).truthy());
}

#[test]
fn comparisons() {
    assert_eq!(ev("'5' = 5"), "true");
    assert_eq!(ev("'5.0' = 5"), "true");
    assert_eq!(ev("'abc' = 0"), "false");
    assert_eq!(ev("'a' = 'A'"), "false");
    assert_eq!(ev("'a' = 'a'"), "true");
    assert_eq!(ev("'b' > 'a'"), "false");
    assert_eq!(ev("'10' > '9'"), "true");
    assert_eq!(ev("'2026-01-02' > '2026-01-01'"), "true");
    assert_eq!(ev("true() = 'x'"), "true");
    assert_eq!(ev("false() = ''"), "true");
    assert_eq!(ev("true() = 2"), "true");
    assert_eq!(ev("1 != 2"), "true");
    assert_eq!(ev("2 <= 2 and 2 >= 2 and 1 < 2 and 3 > 2"), "true");
    let c = ctx(&[("ages", list(&[num("3"), num("40")]))]);
    assert_eq!(eval_in("${ages} > 30", &c), "true");
    assert_eq!(eval_in("${ages} = 3", &c), "true");
    assert_eq!(eval_in("${ages} > 50", &c), "false");
    assert_eq!(eval_in("${ages} != 3", &c), "true");
    let none = ctx(&[("ages", list(&[]))]);
    assert_eq!(eval_in("${ages} = ''", &none), "false");
    assert_eq!(eval_in("${ages} != ''", &none), "false");
}

#[test]
fn dates() {
    let d = ctx(&[
        (
            "dob",
            Value::Date(NaiveDate::from_ymd_opt(2000, 5, 1).unwrap()),
        ),
        ("t", text("2026-11-27T10:00:00+01:00")),
    ]);
    assert_eq!(ev("today()"), "2026-11-27");
    assert_eq!(ev("now()"), "2026-11-27T10:00:00.000+01:00");
    assert_eq!(ev("today() - date('2026-01-01')"), "330");
    assert_eq!(ev("date(0)"), "1970-01-01");
    assert_eq!(ev("date(20454)"), "2026-01-01");
    assert_eq!(ev("date(-0.5)"), "1969-12-31");
    assert_eq!(ev("date('2026-02-30')"), "");
    assert_eq!(ev("date('abc')"), "");
    assert_eq!(ev("date(today() + 1)"), "2026-11-28");
    assert_eq!(ev("date(now())"), "2026-11-27");
    assert_eq!(ev("date('2026-11-27T23:30:00-05:00')"), "2026-11-27");
    assert_eq!(ev("number(date('1970-01-11'))"), "10");
    assert_eq!(ev("number('2026-01-01')"), "20454");
    assert_eq!(eval_in("${dob} < today()", &d), "true");
    assert_eq!(eval_in("${dob} = '2000-05-01'", &d), "true");
    assert_eq!(eval_in("${dob} = 'yesterday'", &d), "false");
    assert_eq!(eval_in("${dob} != 'yesterday'", &d), "true");
    assert_eq!(eval_in("${dob} < 'yesterday'", &d), "false");
    assert_eq!(eval_in("decimal-date-time(${t})", &d), "20784.375");
    assert_eq!(ev("decimal-date-time(now())"), "20784.375");
    assert_eq!(ev("decimal-date-time('2026-01-01')"), "20454");
    assert_eq!(ev("decimal-date-time('x')"), "NaN");
    assert_eq!(ev("now() > today()"), "true");
    assert_eq!(ev("date('99999-01-01')"), "");
    assert_eq!(ev("date(100000000000)"), "");
}

#[test]
fn format_date_patterns() {
    assert_eq!(
        ev("format-date('2026-03-05T07:08:09.012+01:00', '%Y %y %m %n %b %d %e %a %H %h %M %S %3 %%')"),
        "2026 26 03 3 Mar 05 5 Thu 07 7 08 09 012 %"
    );
    assert_eq!(
        ev("format-date(date('2026-11-27'), '%d/%m/%Y')"),
        "27/11/2026"
    );
    assert_eq!(ev("format-date(today(), '%H:%M %q')"), "00:00 %q");
    assert_eq!(ev("format-date('nope', '%Y')"), "");
    assert_eq!(ev("format-date(0, '%Y-%m-%d %a')"), "1970-01-01 Thu");
    assert_eq!(ev("format-date(today(), '100%')"), "100%");
}

#[test]
fn regex_is_a_full_match() {
    assert_eq!(ev("regex('abc123', '[a-z]+')"), "false");
    assert_eq!(ev("regex('abc', '[a-z]+')"), "true");
    assert_eq!(ev("regex('abc', '^[a-z]+$')"), "true");
    assert_eq!(ev("regex('0612345678', '0[67][0-9]{8}')"), "true");
    assert_eq!(ev("regex('', 'a*')"), "true");
    assert_eq!(err("regex(., '(')"), "expr.regex");
    assert_eq!(err("regex(., 'a)|(b')"), "expr.regex");
    // java.util.regex's defaults (ODK Collect): ASCII classes and case folding; no `\p{…}`.
    assert_eq!(ev("regex('\u{0660}\u{0661}', '\\d+')"), "false");
    assert_eq!(ev("regex('01', '\\d+')"), "true");
    assert_eq!(ev("regex('é', '\\w')"), "false");
    assert_eq!(ev("regex('a_9', '\\w+')"), "true");
    assert_eq!(ev("regex('a\u{a0}b', 'a\\sb')"), "false");
    assert_eq!(ev("regex('AbC', '(?i)abc')"), "true");
    assert_eq!(ev("regex('É', '(?i)é')"), "false");
    assert_eq!(err("regex(., '\\p{L}')"), "expr.regex");
    assert_eq!(
        Expr::parse("regex(., '(')").unwrap_err().params["reason"],
        "a pattern that is not a valid regular expression"
    );
    let big = Expr::parse("regex(., '((a{100}){100}){100}')").unwrap_err();
    assert_eq!(big.params["reason"], "a pattern too large to compile");
    let c = ctx(&[("p", text("[")), ("q", text("[0-9]+"))]);
    let e = Expr::parse("regex('1', ${p})").unwrap();
    assert_eq!(e.evaluate(&c).unwrap_err().code, "expr.regex");
    assert_eq!(eval_in("regex('12', ${q})", &c), "true");
    assert_eq!(eval_in("regex('12a', ${q})", &c), "false");
}

#[test]
fn rounding() {
    assert_eq!(ev("round(-1.5)"), "-2");
    assert_eq!(ev("round(1.5)"), "2");
    assert_eq!(ev("round(2.5)"), "3");
    assert_eq!(ev("round(-2.4)"), "-2");
    assert_eq!(ev("round(1.2345, 2)"), "1.23");
    assert_eq!(ev("round(1.235, 2)"), "1.24");
    assert_eq!(ev("round(-1.235, 2)"), "-1.24");
    assert_eq!(ev("round(1250, -2)"), "1300");
    assert_eq!(ev("round(1249, -2)"), "1200");
    assert_eq!(ev("round(5, -40)"), "0");
    assert_eq!(ev("round(1.5, 40)"), "1.5");
    assert_eq!(ev("round('x')"), "NaN");
    assert_eq!(ev("round(1.5, 'x')"), "NaN");
    assert_eq!(ev("int(3.7)"), "3");
    assert_eq!(ev("int(-3.7)"), "-3");
    assert_eq!(ev("int('12.9')"), "12");
    assert_eq!(ev("int('')"), "NaN");
}

#[test]
fn boolean_from_string_is_case_blind() {
    assert_eq!(ev("boolean-from-string('TRUE')"), "true");
    assert_eq!(ev("boolean-from-string('true')"), "true");
    assert_eq!(ev("boolean-from-string('1')"), "true");
    assert_eq!(ev("boolean-from-string('yes')"), "false");
    assert_eq!(ev("boolean-from-string(' true')"), "false");
    assert_eq!(ev("boolean-from-string('0')"), "false");
}

#[test]
fn numeric_functions() {
    assert_eq!(ev("number('  -0.50 ')"), "-0.5");
    assert_eq!(ev("number('1e3')"), "NaN");
    assert_eq!(ev("number('+1')"), "NaN");
    assert_eq!(ev("number('.5')"), "0.5");
    assert_eq!(ev("number(true())"), "1");
    assert_eq!(ev("number('')"), "NaN");
    assert_eq!(ev("abs(-2.5)"), "2.5");
    assert_eq!(ev("pow(2, 10)"), "1024");
    assert_eq!(ev("pow(2, -2)"), "0.25");
    assert_eq!(ev("pow(1.1, 2)"), "1.21");
    assert_eq!(ev("pow(0, 0)"), "1");
    assert_eq!(ev("pow(2, 0.5)"), "NaN");
    assert_eq!(ev("pow(10, 100)"), "NaN");
    assert_eq!(ev("pow(0, -1)"), "NaN");
    assert_eq!(ev("pow(2, 99999999999999999999)"), "NaN");
}

#[test]
fn text_functions() {
    assert_eq!(ev("string-length('héllo😀')"), "6");
    assert_eq!(ev("contains('abc', 'b')"), "true");
    assert_eq!(ev("contains('abc', '')"), "true");
    assert_eq!(ev("starts-with('abc', 'ab')"), "true");
    assert_eq!(ev("ends-with('abc', 'bc')"), "true");
    assert_eq!(ev("ends-with('abc', 'b')"), "false");
    assert_eq!(ev("substr('abcdef', 1, 3)"), "bc");
    assert_eq!(ev("substr('abcdef', 2)"), "cdef");
    assert_eq!(ev("substr('abc', -1, 2)"), "ab");
    assert_eq!(ev("substr('abc', 5)"), "");
    assert_eq!(ev("substr('abc', 2, 1)"), "");
    assert_eq!(ev("substr('héllo', 1, 2)"), "é");
    assert_eq!(ev("substr('abc', 'x')"), "");
    assert_eq!(ev("substring-before('1999/04/01', '/')"), "1999");
    assert_eq!(ev("substring-after('1999/04/01', '/')"), "04/01");
    assert_eq!(ev("substring-after('abc', 'z')"), "");
    assert_eq!(ev("substring-after('abc', '')"), "abc");
    assert_eq!(ev("substring-before('abc', '')"), "");
    assert_eq!(ev("concat('a', 1, true(), '')"), "a1true");
    assert_eq!(ev("concat()"), "");
    assert_eq!(ev("normalize-space('  a \t b\n ')"), "a b");
    assert_eq!(ev("translate('bar', 'abc', 'ABC')"), "BAr");
    assert_eq!(ev("translate('--aaa--', 'abc-', 'ABC')"), "AAA");
    assert_eq!(ev("translate('a', 'aa', 'xy')"), "x");
    assert_eq!(ev("string(1.50)"), "1.5");
    assert_eq!(ev("string(1 div 0)"), "NaN");
    let c = MapContext {
        current: text(" x  y "),
        ..ctx(&[])
    };
    assert_eq!(eval_in("string-length()", &c), "6");
    assert_eq!(eval_in("normalize-space()", &c), "x y");
    assert_eq!(eval_in("string()", &c), " x  y ");
    assert_eq!(eval_in("number()", &c), "NaN");
}

#[test]
fn select_functions() {
    let c = ctx(&[("s", text("water food  shelter")), ("none", Value::Empty)]);
    assert_eq!(eval_in("selected(${s}, 'food')", &c), "true");
    assert_eq!(eval_in("selected(${s}, ' food ')", &c), "true");
    assert_eq!(eval_in("selected(${s}, 'foo')", &c), "false");
    assert_eq!(eval_in("selected(${none}, 'food')", &c), "false");
    assert_eq!(eval_in("count-selected(${s})", &c), "3");
    assert_eq!(eval_in("count-selected(${none})", &c), "0");
    assert_eq!(eval_in("selected-at(${s}, 0)", &c), "water");
    assert_eq!(eval_in("selected-at(${s}, 2)", &c), "shelter");
    assert_eq!(eval_in("selected-at(${s}, 3)", &c), "");
    assert_eq!(eval_in("selected-at(${s}, -1)", &c), "");
    assert_eq!(eval_in("selected-at(${s}, 0.5)", &c), "");
    assert_eq!(eval_in("jr:choice-name('food', '${s}')", &c), "");
}

struct Labels;

impl Context for Labels {
    fn field(&self, name: &str) -> Option<Value> {
        (name == "sex").then(|| text("f"))
    }
    fn current(&self) -> Value {
        Value::Empty
    }
    fn position(&self) -> Option<usize> {
        Some(3)
    }
    fn today(&self) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()
    }
    fn now(&self) -> DateTime<FixedOffset> {
        FixedOffset::east_opt(0)
            .unwrap()
            .with_ymd_and_hms(2026, 1, 1, 0, 0, 0)
            .unwrap()
    }
    fn choice_label(&self, field: &str, value: &str) -> Option<String> {
        (field == "sex" && value == "f").then(|| "Female".to_owned())
    }
}

#[test]
fn choice_name_and_position_use_the_context() {
    let e = |s: &str| Expr::parse(s).unwrap().evaluate(&Labels).unwrap().to_text();
    assert_eq!(e("jr:choice-name(${sex}, '${sex}')"), "Female");
    assert_eq!(e("jr:choice-name(${sex}, 'sex')"), "Female");
    assert_eq!(e("jr:choice-name('m', '${sex}')"), "");
    assert_eq!(e("position(..)"), "3");
    assert_eq!(ev("position(..)"), "NaN");
}

#[test]
fn logic_functions() {
    assert_eq!(ev("if(1 > 0, 'yes', 'no')"), "yes");
    assert_eq!(ev("if('', 'yes', 'no')"), "no");
    // Only the chosen branch is evaluated: the other would be an error.
    let c = ctx(&[("p", text("["))]);
    assert_eq!(eval_in("if(true(), 1, regex('a', ${p}))", &c), "1");
    assert_eq!(eval_in("false() and regex('a', ${p})", &c), "false");
    assert_eq!(eval_in("true() or regex('a', ${p})", &c), "true");
    assert_eq!(ev("coalesce('', 'b')"), "b");
    assert_eq!(ev("coalesce('a', 'b')"), "a");
    assert_eq!(ev("coalesce(number('x'), 2)"), "NaN");
    assert_eq!(ev("not(1)"), "false");
    assert_eq!(ev("not('')"), "true");
    assert_eq!(ev("true() and not(false())"), "true");
    let filled = MapContext {
        current: text("kept"),
        ..ctx(&[])
    };
    assert_eq!(eval_in("once(today())", &filled), "kept");
    assert_eq!(ev("once(today())"), "2026-11-27");
}

#[test]
fn repeat_functions() {
    let c = ctx(&[
        ("n", list(&[num("1"), num("2.5"), num("-4")])),
        ("names", list(&[text("a"), Value::Empty, text("c")])),
        ("none", list(&[])),
        ("one", num("7")),
    ]);
    assert_eq!(eval_in("count(${n})", &c), "3");
    assert_eq!(eval_in("count(${none})", &c), "0");
    assert_eq!(eval_in("count(${one})", &c), "1");
    assert_eq!(eval_in("count-non-empty(${names})", &c), "2");
    assert_eq!(eval_in("count-non-empty(${none})", &c), "0");
    assert_eq!(eval_in("sum(${n})", &c), "-0.5");
    assert_eq!(eval_in("sum(${none})", &c), "0");
    assert_eq!(eval_in("sum(${names})", &c), "NaN");
    assert_eq!(eval_in("sum(${one})", &c), "7");
    assert_eq!(eval_in("max(${n})", &c), "2.5");
    assert_eq!(eval_in("min(${n})", &c), "-4");
    assert_eq!(eval_in("max(${none})", &c), "NaN");
    assert_eq!(eval_in("max(1, 5, ${one})", &c), "7");
    assert_eq!(eval_in("min(1, 'x')", &c), "NaN");
    assert_eq!(eval_in("join(', ', ${names})", &c), "a, , c");
    assert_eq!(eval_in("join('-', 'x', ${n})", &c), "x-1-2.5--4");
    assert_eq!(eval_in("join(',')", &c), "");
    assert_eq!(eval_in("${n}", &c), "1 2.5 -4");
    assert_eq!(eval_in("${n} + 0", &c), "NaN");
}

// ---- values --------------------------------------------------------------------------------

#[test]
fn json_mapping() {
    use serde_json::json;
    assert_eq!(Value::from_json(&json!("2026-01-01")), text("2026-01-01"));
    assert_eq!(Value::from_json(&json!(0.1)), num("0.1"));
    assert_eq!(Value::from_json(&json!(12)), num("12"));
    assert_eq!(Value::from_json(&json!(1e300)), Value::Number(None));
    assert_eq!(Value::from_json(&json!(true)), Value::Bool(true));
    assert_eq!(Value::from_json(&json!(null)), Value::Empty);
    assert_eq!(Value::from_json(&json!({"a": 1})), Value::Empty);
    assert_eq!(
        Value::from_json(&json!([1, "a", null])),
        list(&[num("1"), text("a"), Value::Empty])
    );
}

#[test]
fn value_text() {
    assert_eq!(Value::Empty.to_text(), "");
    assert_eq!(num("-0").to_text(), "0");
    assert_eq!(num("1.500").to_text(), "1.5");
    assert_eq!(Value::Number(None).to_text(), "NaN");
    assert_eq!(Value::Bool(false).to_text(), "false");
    assert_eq!(list(&[text("a"), list(&[text("b")])]).to_text(), "a b");
}

// ---- type checking -------------------------------------------------------------------------

struct Types;

impl Schema for Types {
    fn field_type(&self, name: &str) -> Option<ValueType> {
        Some(match name {
            "age" => ValueType::Number,
            "name" => ValueType::Text,
            "dob" => ValueType::Date,
            "services" => ValueType::Choices,
            "consent" => ValueType::Bool,
            "seen" => ValueType::DateTime,
            "any" => ValueType::Any,
            _ => return None,
        })
    }
}

fn findings(source: &str) -> Vec<(String, Severity)> {
    Expr::parse(source)
        .unwrap()
        .check(&Types)
        .into_iter()
        .map(|f| (f.code, f.severity))
        .collect()
}

use crate::error::Severity;

#[test]
fn check_reports_unknown_fields() {
    let found = Expr::parse("${nope} + ${age} + ${nope} + jr:choice-name(1, '${other}')")
        .unwrap()
        .check(&Types);
    let names: Vec<_> = found.iter().map(|f| f.params["name"].as_str()).collect();
    assert_eq!(names, ["nope", "other"]);
    assert!(found
        .iter()
        .all(|f| f.code == "expr.unknown_field" && f.path.is_empty()));
}

#[test]
fn check_types() {
    use Severity::{Error, Warning};
    let mismatch = |s| ("expr.type_mismatch".to_owned(), s);
    for clean in [
        "${age} + 1",
        "${age} >= 15 and selected(${services}, 'x')",
        "${dob} < today()",
        "${dob} = '2000-01-01'",
        "${name} = 'x'",
        "today() - ${dob} > 365",
        "if(${consent}, 1, 0)",
        "${any} + 1",
        "'3' + 1",
        "round(${age} div 3, 1)",
        "format-date(${dob}, '%Y')",
        "${seen} > ${dob}",
        "count-selected(${services}) > 1",
    ] {
        assert_eq!(findings(clean), [], "{clean}");
    }
    assert_eq!(findings("'abc' + 1"), [mismatch(Error)]);
    assert_eq!(findings("${name} + 1"), [mismatch(Warning)]);
    assert_eq!(findings("-${services}"), [mismatch(Warning)]);
    assert_eq!(findings("${dob} = 'yesterday'"), [mismatch(Error)]);
    assert_eq!(findings("'later' > ${seen}"), [mismatch(Error)]);
    assert_eq!(findings("${dob} = ${name}"), [mismatch(Warning)]);
    assert_eq!(findings("${age} = 'many'"), [mismatch(Error)]);
    assert_eq!(findings("${name} > 3"), [mismatch(Warning)]);
    assert_eq!(findings("selected(${age}, 'x')"), [mismatch(Warning)]);
    assert_eq!(findings("round('x')"), [mismatch(Error)]);
    assert_eq!(findings("${consent} = 'false'"), [mismatch(Warning)]);
    assert_eq!(ev("false() = 'false'"), "false");
    assert_eq!(findings("date('soon')"), [mismatch(Error)]);
    let f = &Expr::parse("'abc' * 2").unwrap().check(&Types)[0];
    assert_eq!(f.params["operator"], "*");
    assert_eq!(f.params["kind"], "a text value");
    assert_eq!(f.params["expected"], "a number");
    assert_eq!(
        f.message(crate::Locale::Fr),
        "« * » attend un nombre mais reçoit un texte"
    );
}

#[test]
fn messages_render_in_both_languages() {
    let e = Expr::parse("1 +").unwrap_err();
    assert!(
        e.message(crate::Locale::Fr).contains("un opérande"),
        "{}",
        e.message(crate::Locale::Fr)
    );
    assert!(e.message(crate::Locale::En).contains("character 3"));
    let p = Expr::parse("pulldata('a','b','c','d')").unwrap_err();
    assert!(p.message(crate::Locale::En).contains("CSV"));
    for m in MESSAGES {
        assert!(m.code.starts_with("expr."));
    }
}
