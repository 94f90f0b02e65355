"""Runs every shared conformance vector (tests/vectors/*.json) through the Python API.
The Rust, Node and Kotlin runners execute the same files and must agree exactly."""

import base64
import datetime
import decimal
import json
import os
import pathlib
from decimal import Decimal

import pytest

import meal
from meal import Expr, Form, Indicator, MealError, Observation, Period, check_logframe, periods_between

VECTORS = pathlib.Path(__file__).resolve().parents[2] / "tests" / "vectors"


def load():
    cases = []
    for path in sorted(VECTORS.glob("*.json")):
        for vector in json.loads(path.read_text(encoding="utf-8"))["vectors"]:
            cases.append(pytest.param(path.name, vector, id=f"{path.name}:{vector['name']}"))
    return cases


def period_data(p):
    return {"id": p.id, "type": p.period_type, "start": p.start.isoformat(), "end": p.end.isoformat()}


def document_text(document):
    return document if isinstance(document, str) else json.dumps(document)


def decimal_text(value):
    """Decimals leave in normalised form, as in every runner ("0.8", never "0.8000")."""
    if value is None:
        return None
    # The core's decimals carry up to 29 digits; the default context (28) would round them.
    normalised = value.normalize(decimal.Context(prec=40))
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


def messages(findings):
    return [{"code": f.code, "path": f.path, "message": f.message} for f in findings]


def validated(i):
    report = form_of(i).validate(i["submission"], i.get("locale", "en"), now(i))
    return {"valid": report.valid, "findings": messages(report.findings), "cleaned": plain(report.cleaned)}


def checked_many(i):
    verdicts = form_of(i).check_many(i["submissions"], i.get("locale", "en"), now(i))
    return [{"valid": v.valid, "findings": messages(v.findings)} for v in verdicts]


def states(i):
    return [
        {"path": s.path, "relevant": s.relevant, "required": s.required, "read_only": s.read_only, "value": plain(s.value)}
        for s in form_of(i).state(i["submission"], i.get("locale", "en"), now(i))
    ]


# ---- privacy and disclosure


def rules_of(i):
    return meal.PrivacyRules.from_json(document_text(i["rules"]))


def code_paths(findings):
    return [{"code": f.code, "path": f.path} for f in findings]


def dpia(i):
    s = meal.screen_dpia(rules_of(i), [form_of({"form": f}) for f in i["forms"]], i["purpose"])
    reasons = [{"code": r["code"], "source": r["source"]} for r in s["reasons"]]
    findings = [{"code": f["code"], "path": f["path"]} for f in s["findings"]]
    return {"required": s["required"], "wp248_count": s["wp248_count"], "reasons": reasons, "findings": findings}


def minimisation(i):
    m = meal.check_minimisation(form_of(i), rules_of(i))
    return {"production_ready": m.production_ready, "findings": code_paths(m.findings)}


def export_applied(i):
    request = {"timestamp": DEFAULT_NOW, "actor": "vectors", "recipient": i["recipient"], "purpose": i["purpose"], "fields": i["fields"]}
    return meal.export_records(rules_of(i), form_of(i), request, i["records"], meal.AuditLog())["records"]


def audit_verified(i):
    meal.AuditLog.from_json(document_text(i["log"])).verify(i.get("head"))


def pseudonymiser(i):
    return meal.Pseudonymiser(meal.PseudonymKey.from_hex(i["key_hex"]), i["purpose"])


def verified(i):
    key = meal.PseudonymKey.from_hex(i["key_hex"])
    try:
        return meal.Pseudonymiser(key, i["purpose"]).verify(i["identifier"], i["pseudonym"])
    except MealError:
        return False


def records_read(i):
    records = i["records"]
    digest = meal.records_digest(records)
    return {"count": len(json.loads(records) if isinstance(records, str) else records), "digest": digest}


SCHEDULE = ("trigger_date", "active_until", "intermediate_until", "not_before")


def retention(i):
    out = []
    for d in meal.retention_due(i["records"], rules_of(i), i["on"]):
        row = {"record": d["record"], "phase": d["phase"], "reason": d["reason"]["code"]}
        if "end_action" in d:
            row["end_action"] = d["end_action"]
        row.update({k: d[k] for k in SCHEDULE if k in d})
        out.append(row)
    return out


def consent(i, withdraw=False):
    record = meal.ConsentRecord.from_json(document_text(i["consent"]))
    if record.findings():
        return {"findings": [f.code for f in record.findings()]}
    if withdraw:
        return {"ok": {"withdrawn_at": json.loads(record.withdrawn(i["on"]).to_json())["withdrawn_at"]}}
    decision = record.check(i["scope"], i["on"])
    return {"ok": {"valid": decision.valid, "findings": [f.code for f in decision.findings]}}


def accessed(i):
    access = meal.subject_access(i["records"], i["subject"], i["on"])
    return {"records": [r["id"] for r in access.records], "csv": access.to_csv(), "outcome": access.outcome}


def erased(i):
    records, outcome = meal.erase(i["records"], rules_of(i), i["subject"], i["on"])
    return {"records": [r["id"] for r in records], "outcome": outcome}


def rectified(i):
    records, outcome = meal.rectify(i["records"], i["subject"], i["record"], i["field"], i["value"], i["on"])
    values = next((r["values"] for r in records if r["id"] == i["record"]), None)
    return {"values": plain(values), "outcome": outcome}


def data_of(i):
    """Columns cross as a dict; records as their JSON text, so a vector's non-array records reach the core."""
    return (i["columns"] if "columns" in i else document_text(i["records"])), i["keys"]


def risk(i):
    r = meal.disclosure_risk(*data_of(i), threshold=i.get("threshold", "0.05"))
    keep = ("individual", "global", "expected_reidentifications", "max_individual", "rows_above_threshold", "publishable")
    return {**{k: r[k] for k in keep}, "reasons": [f["code"] for f in r["reasons"]]}


def recoded(i):
    if "column" in i:
        return meal.recode_column(*data_of(i), i["column"], i["recoding"])
    return meal.recode(i["values"], i["recoding"])


# ---- feedback and complaints

EXAMPLES = VECTORS.parents[1] / "examples" / "data"


def feedback_document(i, field, file):
    """`i[field]`, or the reference mission's document when absent (as the Rust runner)."""
    return i[field] if field in i else (EXAMPLES / file).read_text(encoding="utf-8")


def taxonomy_of(i):
    return meal.Taxonomy.from_json(feedback_document(i, "taxonomy", "feedback-taxonomy.json"))


def routing_of(i):
    return meal.Routing.from_json(feedback_document(i, "routing", "feedback-routing.json"))


def taxonomy_findings(i):
    taxonomy = taxonomy_of(i)
    return code_paths(taxonomy.findings(routing_of(i)))


def without_box(content):
    """Sealed content as `{kind, recipient}`: the box depends on the random bytes."""
    return {k: v for k, v in content.items() if k != "sealed"}


def claim_code_of(i):
    if "claim_random_hex" in i:
        return meal.ClaimCode.from_random(bytes.fromhex(i["claim_random_hex"]))
    if "claim_code" in i:
        return meal.ClaimCode.parse(i["claim_code"])
    return None


def received(i):
    subject_key = pseudonymiser(i) if "key_hex" in i else None
    done = meal.intake(
        taxonomy_of(i), routing_of(i), i["intake"], i["id"], pseudonymiser=subject_key, claim_code=claim_code_of(i)
    )
    return {"item": {**done["item"], "content": without_box(done["item"]["content"])}, "route": done["route"]}


def claim_code(i):
    code = meal.ClaimCode.from_random(bytes.fromhex(i["random_hex"])) if "random_hex" in i else meal.ClaimCode.parse(i["code"])
    return {"code": code.text, "sha256": code.sha256}


def case_summary(case):
    return {"state": case.state, "history_len": len(case.history)}


def read_case(document):
    """A case, or its reading findings as the `{findings}` expectation."""
    case = meal.Case.from_json(document)
    return case, ({"findings": [f.code for f in case.findings()]} if case.findings() else None)


def case_read(i):
    case, findings = read_case(i["case"])
    return findings or {"ok": case_summary(case)}


def deadlines_of(i):
    return meal.Deadlines.from_json(i["config"]) if "config" in i else meal.Deadlines.proposed()


def deadlines(i, overdue=False):
    config = deadlines_of(i)
    if config.findings():
        return {"findings": [f.code for f in config.findings()]}
    if not overdue:
        case = None
        if "case" in i:
            case, findings = read_case(i["case"])
            if findings:
                return findings
        return {"ok": config.due(i["item"], case)}
    cases = []
    for document in i["cases"]:
        case, findings = read_case(document)
        if findings:
            return findings
        cases.append(case)
    return {"ok": config.overdue(i["items"], cases, i["at"])}


def published(i, withdraw=False):
    t = meal.Testimony.from_json(i["testimony"])
    if t.findings():
        return {"findings": [f.code for f in t.findings()]}
    if withdraw:
        return {"ok": t.withdraw(i["on"])}
    target = json.loads(i["target"]) if isinstance(i["target"], str) else dict(i["target"])
    decision = t.can_publish(target.pop("scope"), target.pop("on"), **target)
    return {"ok": {"allowed": decision.allowed, "reasons": [f.code for f in decision.reasons]}}


# ---- data, compute, quality, reports


def loaded_summary(i):
    schema = meal.Schema.from_json(i["schema"])
    load = meal.Table.from_csv if i["format"] == "csv" else meal.Table.from_json_lines
    loaded = load(schema, base64.b64decode(i["bytes_base64"]) if "bytes_base64" in i else i["text"])
    return {
        "rows_read": loaded.rows_read,
        "rows": [json.loads(line) for line in loaded.table.to_json_lines().splitlines()],
        "source_rows": loaded.table.source_rows,
        "rejected": [{"row": r.row, "codes": r.codes} for r in loaded.rejected],
        "findings": [f.code for f in loaded.findings()],
    }


def engine_of(i):
    return meal.Engine(i["logframes"], i["recipes"], i["schema"], i["periods"], now=i["now"])


def table_of(i, csv):
    """The records loaded with `table_schema` when given (another schema than the engine's)."""
    return meal.Table.from_csv(i.get("table_schema", i["schema"]), csv).table


def computed(i, merge=False):
    engine = engine_of(i)
    if merge:
        state = engine.empty()
        for csv in i["csv_parts"]:
            state = state.merge(meal.Partial.from_json(engine.partial(table_of(i, csv)).to_json()))
        for raw in i.get("states", []):
            state = state.merge(meal.Partial.from_json(raw))
        results = engine.finalize(state)
    else:
        results = engine.compute(table_of(i, i["csv"]))
    sources = results.sources
    return {
        "figures": json.loads(results.to_json())["figures"],
        "rows_read": sources["rows_read"],
        "rows_without_date": sources["rows_without_date"],
        "findings": [f.code for f in results.findings()],
    }


def quality_checked(i, summary=False):
    checks = meal.QualityChecks.from_json(i["checks"])
    if checks.findings():
        return {"findings": [f.code for f in checks.findings()]}
    loaded = meal.Table.from_csv(i["schema"], i["csv"])
    report = meal.check_quality(loaded, checks, now=i["now"])
    return {"ok": plain_decimals(report.summary()) if summary else json.loads(report.to_json())}


def plain_decimals(value):
    """Decimals as the vectors write them: normalised strings."""
    if isinstance(value, Decimal):
        return decimal_text(value)
    if isinstance(value, dict):
        return {k: plain_decimals(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain_decimals(v) for v in value]
    return value


def request_args(request):
    """A report request (as the core reads it) as the Python keyword arguments."""
    request = json.loads(request) if isinstance(request, str) else dict(request)
    scope = request.pop("scope", "mission")
    request["scope"] = scope if isinstance(scope, str) else scope["project"]
    return request


def rendered(i, annual=False):
    results = meal.Results.from_json(document_text(i["results"]))
    quality = None if i.get("quality") is None else meal.QualityReport.from_json(document_text(i["quality"]))
    args = request_args(i["request"])
    if annual:
        report = meal.AnnualReport(i["logframes"], results, args.pop("year"), quality, **args)
    else:
        report = meal.Sitrep(i["logframes"], results, args.pop("period"), quality, **args)
    return report.render(i["format"])


# ---- plan, lessons, interoperability


def codes_sorted(findings):
    """A document's findings as every runner reports them: sorted by path, then code."""
    return [f.code for f in sorted(findings, key=lambda f: (f.path, f.code))]


def plan_coverage(i):
    return {"findings": [f.code for f in meal.coverage(i["plans"], i["logframes"], i["forms"], i.get("rules"))]}


def plan_calendar(i):
    request = i["request"]
    calendar = meal.Calendar.build(i["plans"], date(request["from"]), date(request["to"]), request.get("seminar"))
    return {"ok": json.loads(calendar.to_json())}


SEARCH_KEYWORDS = {"text": "text", "project": "project", "discipline": "discipline", "tags": "tags", "status": "status", "from": "start", "to": "end"}


def lessons_searched(i):
    register = meal.LessonsRegister.from_json(i["register"])
    if register.findings():
        return {"findings": [f.code for f in register.findings()]}
    query = i["query"]
    if isinstance(query, dict) and set(query) <= set(SEARCH_KEYWORDS):
        found = register.search(**{SEARCH_KEYWORDS[k]: v for k, v in query.items()})
    else:
        found = register.search_query(query)
    return {"ok": [lesson["id"] for lesson in found]}


def lessons_checked(i):
    register = meal.LessonsRegister.from_json(i["register"])
    return {"findings": codes_sorted(register.findings() + register.validate())}


def lessons_consolidated(i):
    register, findings = meal.LessonsRegister.consolidate(i["registers"])
    return {"ok": {"lessons": [lesson["id"] for lesson in register.lessons], "findings": [f.code for f in findings]}}


def results_or_none(i):
    return None if i.get("results") is None else meal.Results.from_json(document_text(i["results"]))


def hxl_csv(i):
    schema = meal.Schema.from_json(i["schema"])
    if schema.findings():
        return {"findings": [f.code for f in schema.findings()]}
    return {"ok": meal.Table.from_csv(schema, i["csv"]).table.to_csv()}


def migrated(i):
    loaded = meal.Table.from_csv(i["source_schema"], i["csv"])
    table, reconciliation = meal.Mapping.from_json(i["mapping"]).migrate(loaded)
    rows = [json.loads(line) for line in table.to_json_lines().splitlines()]
    return {"ok": {"reconciliation": json.loads(reconciliation.to_json()), "rows": rows}}


def migration_checked(i):
    schema = meal.Schema.from_json(i["source_schema"])
    mapping = meal.Mapping.from_json(i["mapping"])
    return {"findings": codes_sorted(schema.findings() + mapping.findings() + mapping.check(schema))}


# Submission envelopes (mobile helper).
def envelope_sealed(i):
    capture = i["capture"]
    return {"ok": json.loads(meal.seal_envelope(form_of(i), document_text(i["submission"]), **capture))}


def envelope_verified(i):
    form = form_of(i) if "form" in i else None
    return {"findings": [f.code for f in meal.verify_envelope(document_text(i["envelope"]), form)]}


def loaded_data(loaded):
    """A `Loaded` as `data.load` gives it."""
    return {
        "rows_read": loaded.rows_read,
        "rows": [json.loads(line) for line in loaded.table.to_json_lines().splitlines()],
        "source_rows": loaded.table.source_rows,
        "rejected": [{"row": r.row, "codes": r.codes} for r in loaded.rejected],
        "findings": [f.code for f in loaded.findings()],
    }


def authored(read, workbook):
    """`{document, findings}` of a template workbook: a workbook that gives no document raises
    its first blocking finding, with every finding in the error's `.findings`."""
    try:
        document = read(workbook)
    except MealError as error:
        if not getattr(error, "findings", None):
            raise
        return {"document": False, "findings": code_paths(error.findings)}
    return {"document": True, "findings": code_paths(document.findings())}


def template_read(i):
    read = meal.MealPlan.from_xlsx if i["kind"] == "plan" else meal.Logframe.from_xlsx
    return {"ok": authored(read, base64.b64decode(i["workbook"]))}


def template_written(i):
    workbook = meal.Logframe.from_json(document_text(i["document"])).to_xlsx(locale=i["locale"])
    return {"ok": authored(meal.Logframe.from_xlsx, workbook)}


def mano_read(i):
    config = i.get("config")
    export = meal.read_mano_export(base64.b64decode(i["workbook"]), config)
    return {
        "ok": {
            "sheets": [{"name": name, "loaded": loaded_data(export[name])} for name in export.names],
            "findings": [{"code": f.code, "path": f.path, "params": f.params} for f in export.findings()],
        }
    }


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
    "form.check_many": lambda i: {"ok": checked_many(i)},
    "form.state": lambda i: {"ok": states(i)},
    "privacy.rules": lambda i: {"ok": code_paths(rules_of(i).findings())},
    "privacy.minimisation": lambda i: {"ok": minimisation(i)},
    "privacy.dpia": lambda i: {"ok": dpia(i)},
    "privacy.export": lambda i: {"ok": meal.decide_export(rules_of(i), form_of(i), i["recipient"], i["purpose"], i["fields"])},
    "privacy.export_apply": lambda i: {"ok": plain(export_applied(i))},
    "privacy.register": lambda i: {"ok": plain(meal.Register(rules_of(i), [form_of({"form": f}) for f in i["forms"]]).to_dict())},
    "privacy.audit_verify": lambda i: {"ok": audit_verified(i)},
    "privacy.pseudonym": lambda i: {"ok": pseudonymiser(i).pseudonym(i["identifier"])},
    "privacy.verify": lambda i: {"ok": verified(i)},
    "privacy.tokenise": lambda i: {
        "ok": plain(meal.tokenise(form_of(i), meal.PseudonymKey.from_hex(i["key_hex"]), i["purpose"], i["submission"]))
    },
    "privacy.records": lambda i: {"ok": records_read(i)},
    "privacy.retention": lambda i: {"ok": retention(i)},
    "privacy.consent": consent,
    "privacy.consent_withdraw": lambda i: consent(i, withdraw=True),
    "privacy.access": lambda i: {"ok": accessed(i)},
    "privacy.erase": lambda i: {"ok": erased(i)},
    "privacy.rectify": lambda i: {"ok": rectified(i)},
    "disclosure.frequencies": lambda i: {"ok": meal.frequencies(*data_of(i))},
    "disclosure.k_anonymity": lambda i: {"ok": meal.k_anonymity(*data_of(i), k=i["k"])},
    "disclosure.local_suppression": lambda i: {
        "ok": meal.local_suppression(*data_of(i), k=i["k"], importance=i.get("importance"))
    },
    "disclosure.risk": lambda i: {"ok": risk(i)},
    "disclosure.recode": lambda i: {"ok": recoded(i)},
    "feedback.workflow": lambda i: {"ok": case_summary(meal.Case.from_events("item", i["received_at"], i["events"]))},
    "feedback.case_read": case_read,
    "feedback.deadlines": deadlines,
    "feedback.overdue": lambda i: deadlines(i, overdue=True),
    "feedback.can_publish": published,
    "feedback.withdraw_testimony": lambda i: published(i, withdraw=True),
    "feedback.taxonomy": lambda i: {"ok": taxonomy_findings(i)},
    "feedback.routing": lambda i: {"ok": code_paths(meal.Routing.from_json(i["routing"]).findings())},
    "feedback.route": lambda i: {"ok": meal.route(taxonomy_of(i), routing_of(i), i["item"])},
    "feedback.view": lambda i: {"ok": meal.view(taxonomy_of(i), routing_of(i), i["item"], i["role"])},
    "feedback.refer": lambda i: {"ok": meal.refer(taxonomy_of(i), routing_of(i), i["item"], i["role"], i["to"], i["consent"])},
    "feedback.intake": lambda i: {"ok": received(i)},
    "feedback.claim_code": lambda i: {"ok": claim_code(i)},
    "feedback.claim": lambda i: {"ok": meal.claim(i["item"], i["code"])},
    "feedback.seal": lambda i: {"ok": without_box(meal.RecipientKey.from_base64(i["public_key"]).seal(i["text"]))},
    "feedback.open": lambda i: {"ok": meal.SafeguardingSecretKey.from_base64(i["secret_key"]).open(i["content"])},
    "disclosure.suppress": lambda i: {
        "ok": plain(meal.suppress_table(document_text(i["table"]), **{k: i[k] for k in ("threshold", "zeros", "singletons", "ambiguity_limit") if k in i}))
    },
    "disclosure.tabulate": lambda i: {"ok": meal.tabulate(document_text(i["records"]), i["columns"])},
    "data.load": lambda i: {"ok": loaded_summary(i)},
    "compute.run": lambda i: {"ok": computed(i)},
    "compute.merge": lambda i: {"ok": computed(i, merge=True)},
    "quality.check": quality_checked,
    "quality.summary": lambda i: quality_checked(i, summary=True),
    "report.sitrep": lambda i: {"ok": rendered(i)},
    "report.annual": lambda i: {"ok": rendered(i, annual=True)},
    "plan.check": lambda i: {"findings": [f.code for f in meal.check_plan(i["plan"])]},
    "plan.coverage": plan_coverage,
    "plan.calendar": plan_calendar,
    "lessons.search": lessons_searched,
    "lessons.consolidate": lessons_consolidated,
    "lessons.check": lessons_checked,
    "iati.export": lambda i: {"ok": meal.iati_export(i["logframes"], results_or_none(i), i["request"])},
    "iati.import": lambda i: {"ok": json.loads(meal.IatiActivities.from_xml(i["xml"]).to_json())},
    "hxl.columns": lambda i: {"ok": meal.hxl_columns(i["schema"], i["pattern"])},
    "hxl.csv": hxl_csv,
    "migration.run": migrated,
    "migration.check": migration_checked,
    "envelope.seal": envelope_sealed,
    "envelope.verify": envelope_verified,
    "template.read": template_read,
    "template.write": template_written,
    "mano.read": mano_read,
}


def outcome(vector):
    op = OPS.get(vector["op"])
    if op is None:
        return {"unknown_op": vector["op"]}
    try:
        return op(vector["input"])
    except MealError as error:
        return {"error": error.code}


RAN = []


@pytest.fixture(scope="module", autouse=True)
def record_ran():
    """Writes the `file:name` of every passed vector to $MEAL_VECTORS_RAN/python.txt when the suite
    asks for it: tests/vectors/runners.py then checks that every runner ran every vector."""
    yield
    print(f"\nPython vectors: {len(RAN)} passed")
    directory = os.environ.get("MEAL_VECTORS_RAN")
    if directory:
        pathlib.Path(directory).mkdir(parents=True, exist_ok=True)
        (pathlib.Path(directory) / "python.txt").write_text("".join(f"{v}\n" for v in RAN), encoding="utf-8")


def test_there_are_vectors():
    assert load()


@pytest.mark.parametrize("file_name, vector", load())
def test_vector(file_name, vector):
    assert outcome(vector) == vector["expect"]
    RAN.append(f"{file_name}:{vector['name']}")
