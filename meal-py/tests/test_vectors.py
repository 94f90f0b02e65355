"""Runs every shared conformance vector (tests/vectors/*.json) through the Python API.
The Rust, Node and Kotlin runners execute the same files and must agree exactly."""

import base64
import datetime
import json
import pathlib
from decimal import Decimal

import pytest

from meal import Expr, Form, Indicator, MealError, Observation, Period, check_logframe, periods_between

VECTORS = pathlib.Path(__file__).resolve().parents[2] / "tests" / "vectors"


def load():
    cases = []
    for path in sorted(VECTORS.glob("*.json")):
        for vector in json.loads(path.read_text(encoding="utf-8"))["vectors"]:
            cases.append(pytest.param(vector, id=f"{path.name}:{vector['name']}"))
    return cases


def period_data(p):
    return {"id": p.id, "type": p.period_type, "start": p.start.isoformat(), "end": p.end.isoformat()}


def document_text(document):
    return document if isinstance(document, str) else json.dumps(document)


def decimal_text(value):
    """Decimals leave in normalised form, as in every runner ("0.8", never "0.8000")."""
    if value is None:
        return None
    normalised = value.normalize()
    return f"{normalised:f}"


def date(text):
    return datetime.date.fromisoformat(text)


def indicator_of(i):
    return Indicator.from_json(document_text(i["indicator"]))


def observations(i):
    return [
        Observation(Period(o["period"]), Decimal(o["value"]), None if o.get("denominator") is None else Decimal(o["denominator"]))
        for o in i["observations"]
    ]


def assessed(i):
    actual = None if i.get("actual") is None else Decimal(i["actual"])
    a = indicator_of(i).assess(Period(i["period"]), actual)
    return {"target": decimal_text(a.target), "achievement": decimal_text(a.achievement), "status": a.status}


DEFAULT_NOW = "2026-11-27T10:00:00+01:00"


def now(i):
    return datetime.datetime.fromisoformat(i.get("now", DEFAULT_NOW))


def plain(value):
    """The cleaned submission with exact Decimals as JSON numbers, to compare with the vector."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def parsed(i):
    e = Expr(i["expression"])
    return {"canonical": e.canonical, "references": e.references}


def evaluated(i):
    today = date(i["today"]) if "today" in i else None
    return Expr(i["expression"]).evaluate(i.get("values"), i.get("current"), today, now(i))


def form_of(i):
    return Form.from_json(document_text(i["form"]))


def validated(i):
    report = form_of(i).validate(i["submission"], i.get("locale", "en"), now(i))
    findings = [{"code": f.code, "path": f.path, "message": f.message} for f in report.findings]
    return {"valid": report.valid, "findings": findings, "cleaned": plain(report.cleaned)}


def states(i):
    return [
        {"path": s.path, "relevant": s.relevant, "required": s.required, "read_only": s.read_only, "value": plain(s.value)}
        for s in form_of(i).state(i["submission"], i.get("locale", "en"), now(i))
    ]


# One entry per op of tests/vectors/README.md; an unknown op fails the vector.
OPS = {
    "period.parse": lambda i: {"ok": period_data(Period.parse(i["id"]))},
    "period.containing": lambda i: {"ok": period_data(Period.containing(i["type"], date(i["date"])))},
    "period.next": lambda i: {"ok": period_data(Period(i["id"]).next())},
    "period.previous": lambda i: {"ok": period_data(Period(i["id"]).previous())},
    "period.between": lambda i: {"ok": [p.id for p in periods_between(i["type"], date(i["start"]), date(i["end"]))]},
    "period.within": lambda i: {"ok": [p.id for p in Period(i["id"]).periods_within(i["type"])]},
    "logframe.check": lambda i: {"findings": [f.code for f in check_logframe(document_text(i["document"]))]},
    "indicator.target": lambda i: {"ok": decimal_text(indicator_of(i).target_for(Period(i["period"])))},
    "indicator.actual": lambda i: {"ok": decimal_text(indicator_of(i).actual_for(Period(i["period"]), observations(i)))},
    "indicator.assess": lambda i: {"ok": assessed(i)},
    "expr.parse": lambda i: {"ok": parsed(i)},
    "expr.evaluate": lambda i: {"ok": evaluated(i)},
    "expr.check": lambda i: {"findings": [f.code for f in Expr(i["expression"]).check(i["types"])]},
    "xlsform.read": lambda i: {
        "ok": [{"code": f.code, "path": f.path} for f in Form.from_xlsform(base64.b64decode(i["workbook"])).findings()]
    },
    "form.compile": lambda i: {"findings": [f.code for f in form_of(i).findings()]},
    "form.validate": lambda i: {"ok": validated(i)},
    "form.state": lambda i: {"ok": states(i)},
}


def outcome(vector):
    op = OPS.get(vector["op"])
    if op is None:
        return {"unknown_op": vector["op"]}
    try:
        return op(vector["input"])
    except MealError as error:
        return {"error": error.code}


def test_there_are_vectors():
    assert load()


@pytest.mark.parametrize("vector", load())
def test_vector(vector):
    assert outcome(vector) == vector["expect"]
