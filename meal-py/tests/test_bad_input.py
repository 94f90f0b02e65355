"""Bad input at every entry-point family (issue 11, Python part): wrong types, missing fields,
NaN and infinities, integer overflow, invalid UTF-8, 10 000 nested arrays, multi-megabyte
strings, empty and one-row tables. Each is refused with a `MealError` subclass carrying a code
— never a PanicException, a SystemError or a crash of the interpreter.

Arguments of the wrong Python type are refused with a code too, before meal runs: an `int`
where the signature says `str` is `ArgumentTypeError` (`input.wrong_type`, also a `TypeError`),
an `int` beyond the parameter's range `ArgumentRangeError` (`input.out_of_range`, also an
`OverflowError`), a `str` with lone surrogates `DocumentError` (`input.not_text`). The sweep at
the end gives every parameter of every exported function and method such values.
"""

import ast
import datetime
import decimal
import functools
import json
import pathlib
import re

import pytest

import meal

import reference_mission as mission

DEEP_TEXT = "[" * 10_000 + "]" * 10_000
BIG = "x" * 4_000_000


def deep_list(depth=10_000):
    value: list = []
    for _ in range(depth):
        value = [value]
    return value


#: JSON texts that no document reader can take; each must give a code.
BAD_TEXTS = {
    "empty": "",
    "truncated": '{"format_version": 1',
    "not_an_object": "[]",
    "null": "null",
    "no_fields": "{}",
    "only_version": '{"format_version": 1}',
    "wrong_version": '{"format_version": 99}',
    "deep": DEEP_TEXT,
    "huge_string": json.dumps(BIG),
    "huge_number": '{"format_version": 1e400}',
    "overflowing_int": '{"format_version": 99999999999999999999999999}',
    "nan_token": '{"format_version": NaN}',
    "invalid_utf8_decoded": b"\xff\xfe{\x00".decode("latin-1"),
}

#: Every class read from a document: (name, reader).
READERS = [
    ("Logframe", meal.Logframe.from_json),
    ("Indicator", meal.Indicator.from_json),
    ("Form", meal.Form.from_json),
    ("PrivacyRules", meal.PrivacyRules.from_json),
    ("AuditLog", meal.AuditLog.from_json),
    ("ConsentRecord", meal.ConsentRecord.from_json),
    ("Taxonomy", meal.Taxonomy.from_json),
    ("Routing", meal.Routing.from_json),
    ("Case", meal.Case.from_json),
    ("Deadlines", meal.Deadlines.from_json),
    ("Testimony", meal.Testimony.from_json),
    ("Schema", meal.Schema.from_json),
    ("Recipes", meal.Recipes.from_json),
    ("Partial", meal.Partial.from_json),
    ("Results", meal.Results.from_json),
    ("QualityChecks", meal.QualityChecks.from_json),
    ("QualityReport", meal.QualityReport.from_json),
    ("MealPlan", meal.MealPlan.from_json),
    ("LessonsRegister", meal.LessonsRegister.from_json),
    ("IatiActivities", meal.IatiActivities.from_json),
    ("Mapping", meal.Mapping.from_json),
]


def refusal(call):
    """The code of the MealError `call` raises; fails the test on anything else (a panic, a
    SystemError, an unrelated exception) or when the call is accepted."""
    with pytest.raises(meal.MealError) as raised:
        call()
    error = raised.value
    assert isinstance(error, ValueError)
    assert "." in error.code and error.message_en and error.message_fr
    return error.code


@pytest.mark.parametrize("reader", [r for _, r in READERS], ids=[n for n, _ in READERS])
@pytest.mark.parametrize("text", list(BAD_TEXTS.values()), ids=list(BAD_TEXTS))
def test_every_document_reader_refuses_bad_json_with_a_code(reader, text):
    code = refusal(lambda: reader(text))
    assert code.split(".")[0] in {"json", "document", "input"} or code.endswith(("format_version", "invalid"))


@pytest.mark.parametrize("reader", [r for _, r in READERS], ids=[n for n, _ in READERS])
def test_document_readers_refuse_wrong_python_types_before_running(reader):
    assert refusal(lambda: reader(12345))
    assert refusal(lambda: reader('{"a": "\udcff"}')) in {"input.not_text", "input.not_json"}


@pytest.mark.parametrize(
    "value, code",
    [
        ({"format_version": float("nan")}, "input.not_json"),
        ({"format_version": float("-inf")}, "input.not_json"),
        ({"nested": deep_list()}, "input.not_json"),
        ({"format_version": 1, "project": {"code": BIG}}, None),
        ({"format_version": 10**40}, None),
        ({"format_version": 1, "key": b"\xff\xfe"}, None),
    ],
    ids=["nan", "inf", "deep", "huge_string", "overflow", "bytes"],
)
def test_dict_documents_with_values_json_cannot_hold_are_refused(value, code):
    for reader in (meal.Schema.from_json, meal.PrivacyRules.from_json, meal.MealPlan.from_json, meal.Form.from_json):
        got = refusal(lambda: reader(value))
        assert code is None or got == code


class TestForms:
    form = meal.Form.from_xlsform(mission.FORMS / "consultation_medicale.xlsx")

    @pytest.mark.parametrize("method", ["validate", "check", "state"])
    def test_submissions_that_are_not_objects_are_refused(self, method):
        call = getattr(self.form, method)
        for bad in ("[]", "7", DEEP_TEXT, "", '"' + BIG + '"'):
            refusal(lambda: call(bad))
        assert refusal(lambda: call({"age": float("nan")})) == "input.not_json"
        assert refusal(lambda: call({"a": deep_list()})) == "input.not_json"

    def test_hostile_values_inside_a_submission_are_findings(self):
        verdict = self.form.check({"age": 10**40, "code_patient": BIG, "poids": "NaN", "sexe": ["f"] * 1000})
        assert not verdict.valid
        codes = {f.code for f in verdict.findings}
        assert codes and all("." in c for c in codes)

    def test_batches(self):
        assert refusal(lambda: self.form.check_many("{}")) == "form.batch_not_array"
        assert refusal(lambda: self.form.check_many(DEEP_TEXT)).startswith("json.")
        assert refusal(lambda: self.form.check_many([{"age": float("inf")}])) == "input.not_json"
        verdicts = self.form.check_many([7, None, {}, []])
        assert [v.findings[0].path for v in verdicts if v.findings and v.findings[0].code == "form.submission_not_object"] == ["/0", "/1", "/3"]
        assert self.form.check_many([]) == [] and self.form.check_many("[]") == []

    def test_workbooks_that_are_not_workbooks(self):
        for data in (b"", b"\xff\xfe\x00garbage", b"PK\x03\x04" + b"\x00" * 100, BIG.encode()):
            refusal(lambda: meal.Form.from_xlsform(data))
            refusal(lambda: meal.Logframe.from_xlsx(data))
            refusal(lambda: meal.read_mano_export(data))


class TestTables:
    schema = meal.Schema.from_json(mission.document("records-schema.json"))
    header = mission.records_csv().split(b"\n", 1)[0]

    def test_empty_and_one_row_tables_compute_and_check(self):
        empty = meal.Table.from_csv(self.schema, self.header + b"\n")
        assert (empty.rows_read, len(empty.table)) == (0, 0)
        results = mission.engine().compute(empty.table)
        assert results.figures and all(f["status"] in {"no_data", "no_target"} or f["value"] is not None for f in results.figures)
        first_row = mission.records_csv().split(b"\n", 2)[1]
        one = meal.Table.from_csv(self.schema, self.header + b"\n" + first_row + b"\n")
        assert one.rows_read == 1
        meal.check_quality(one, mission.document("quality-checks.json"), now=mission.NOW)
        meal.check_quality(empty, mission.document("quality-checks.json"), now=mission.NOW)

    def test_bad_cells_reject_rows_with_codes(self):
        line = b"R1,IDF,day_centre,2026-01-05,,p1,f,%s,mna,first_visit" + b"," * 30
        loaded = meal.Table.from_csv(
            self.schema,
            self.header + b"\n" + line % b"99999999999999999999999" + b"\n" + line % b"NaN" + b"\n" + line % b"inf" + b"\n",
        )
        assert len(loaded.rejected) == 3
        assert all(r.codes and all("." in c for c in r.codes) for r in loaded.rejected)

    def test_invalid_utf8_and_missing_columns(self):
        refusal(lambda: meal.Table.from_csv(self.schema, b"record_id,project\n\xff\xfe,\xc3\x28\n"))
        refusal(lambda: meal.Table.from_csv(self.schema, b"\xff\xfe\xfd"))
        assert refusal(lambda: meal.Table.from_json_lines(self.schema, b"\xff\xfe{}\n")) == "input.not_text"
        deep = meal.Table.from_json_lines(self.schema, DEEP_TEXT + "\n" + json.dumps(BIG) + "\n")
        assert len(deep.table) == 0 and len(deep.rejected) == 2
        assert all(r.codes and all("." in c for c in r.codes) for r in deep.rejected)

    def test_computation_inputs(self):
        refusal(lambda: mission.engine(("2026Q9",)))
        refusal(lambda: mission.engine(("",)))
        refusal(lambda: meal.Partial.from_json(DEEP_TEXT))
        refusal(lambda: meal.Sitrep(mission.logframes(), mission.results(), "2027Q1"))


class TestScalars:
    def test_periods(self):
        for bad in ("", "2026Q5", "2026W54", "99999999999Q1", "\x00", BIG):
            refusal(lambda: meal.Period(bad))
        with pytest.raises(TypeError) as raised:  # still a TypeError for existing callers
            meal.Period(2026)  # type: ignore[arg-type]
        assert isinstance(raised.value, meal.ArgumentTypeError) and raised.value.code == "input.wrong_type"
        assert raised.value.params == {"expected": "str", "got": "int", "detail": raised.value.params["detail"]}
        assert refusal(lambda: meal.Period("\ud800")) == "input.not_text"
        assert refusal(lambda: meal.Period.parse(None)) == "input.wrong_type"  # type: ignore[arg-type]

    def test_figures_beyond_exact_decimals(self):
        period = meal.Period("2026Q1")
        for bad in (10**40, float("nan"), float("inf"), "1e400", "twelve"):
            refusal(lambda: meal.Observation(period, bad))

    def test_expressions(self):
        for bad in ("", "(" * 10_000, "1 +", BIG, "${" + "x" * 100_000):
            refusal(lambda: meal.Expr(bad))

    def test_disclosure_and_privacy(self):
        refusal(lambda: meal.k_anonymity([{"a": float("nan")}], ["a"]))
        refusal(lambda: meal.recode(["a"], DEEP_TEXT))
        refusal(lambda: meal.PseudonymKey(b""))
        with pytest.raises(OverflowError) as raised:  # still an OverflowError for existing callers
            meal.k_anonymity([{"a": "1"}], ["a"], k=2**70)
        assert isinstance(raised.value, meal.ArgumentRangeError) and raised.value.code == "input.out_of_range"
        assert raised.value.params["expected"] == f"int from 0 to {2**64 - 1}"
        assert refusal(lambda: meal.k_anonymity([{"a": "1"}], ["a"], k=-1)) == "input.out_of_range"
        assert refusal(lambda: meal.k_anonymity([{"a": "1"}], "a")) == "input.wrong_type"


def test_an_argument_refusal_says_what_was_expected_in_both_languages():
    with pytest.raises(meal.ArgumentTypeError) as raised:
        meal.Form.from_xlsform(3.5)  # type: ignore[arg-type]
    error = raised.value
    assert isinstance(error, TypeError) and isinstance(error, meal.DocumentError)
    assert (error.code, error.path, error.params["argument"]) == ("input.wrong_type", "source", "source")
    assert error.message_en == "This argument has the wrong type: expected bytes, str or os.PathLike, got float"
    assert error.message_fr == "Cet argument n'a pas le bon type : attendu bytes, str or os.PathLike, reçu float"
    with pytest.raises(meal.ArgumentTypeError) as raised:
        meal.Register(meal.PrivacyRules.from_json(mission.document("privacy-rules.json")), [{"a": 1}])
    assert raised.value.params["expected"] == "list[Form]" and raised.value.params["got"] == "list"
    with pytest.raises(meal.ArgumentTypeError) as raised:
        meal.Engine([], mission.document("recipes.json"), mission.loaded().table.schema, 2026)
    assert (raised.value.params["expected"], raised.value.path) == ("list", "periods")


def test_no_call_leaves_a_panic_exception_behind():
    """The panic type is not even reachable from a refusal: pyo3 raises it only for a Rust
    panic, which the workspace lints forbid on input paths."""
    for _, reader in READERS:
        for text in BAD_TEXTS.values():
            try:
                reader(text)
            except meal.MealError:
                pass
            except BaseException as other:  # noqa: BLE001 - the point is to see anything else
                pytest.fail(f"{reader.__qualname__} raised {type(other).__name__}: {other}")


# ---- Every exported function and method, each parameter in turn given a wrong type ----------
#
# The stub `_meal.pyi` is the inventory (stubtest keeps it equal to the native module). For each
# function or method and each of its parameters, the call gets valid values for the parameters
# before it (pyo3 converts arguments in order and stops at the first refusal) and a bad value
# for it. The answer must be a `MealError` with a code — the call may also be accepted where
# the parameter takes any object (a document read from its `str()`), never a builtin
# `TypeError`, an `OverflowError`, a `UnicodeEncodeError`, a `SystemError` or a panic.

STUB = pathlib.Path(meal.__file__).with_name("_meal.pyi")
NOW = mission.NOW
DAY = datetime.date(2026, 1, 15)

#: Wrong values tried in every parameter: an object of an unrelated type, a float, an int beyond
#: any Rust integer, text that is not Unicode, and None (only where the parameter is not
#: optional).
WRONG = {"object": object(), "float": 1.5, "huge_int": 2**80, "lone_surrogate": "\ud800", "none": None}

#: Parameters whose annotation is one of these (or a class of meal) are converted to a fixed
#: type: a wrong value must be refused with an `input.*` code, not merely with some code.
STRICT = re.compile(r"^(str|int|bool|bytes|datetime\.date|list\[(str|int|Optional\[str\]|Form|Observation)\]|dict\[str, str\])$")


def strict(annotation):
    return bool(STRICT.match(annotation)) or isinstance(getattr(meal, annotation, None), type)

#: Comparison and hashing dunders answer `NotImplemented` to another type, as Python asks.
PROTOCOL = {"__eq__", "__ne__", "__lt__", "__le__", "__gt__", "__ge__", "__hash__"}


@functools.lru_cache(maxsize=None)
def instances():
    """One instance of every class with methods that take arguments."""
    form = meal.Form.from_xlsform(mission.FORMS / "consultation_medicale.xlsx")
    rules = meal.PrivacyRules.from_json(mission.document("privacy-rules.json"))
    taxonomy = meal.Taxonomy.from_json(mission.document("feedback-taxonomy.json"))
    routing = meal.Routing.from_json(mission.document("feedback-routing.json"))
    key = meal.PseudonymKey(bytes(range(32)))
    loaded = mission.loaded()
    engine = mission.engine()
    item = meal.intake(taxonomy, routing, FEEDBACK, "fb-1")["item"]
    export = meal.read_mano_export(mission.FORMS / "consultation_medicale.xlsx")
    mapping = meal.Mapping.from_json(MAPPING)
    plans = [meal.MealPlan.from_json(mission.document("plan-idf.json"))]
    year = mission.engine(("2026", "2026Q1", "2026Q2", "2026Q3", "2026Q4")).compute(mission.loaded().table)
    return {
        "Period": meal.Period("2026Q1"),
        "Logframe": mission.logframes()[0],
        "Indicator": meal.Indicator.from_json(json.dumps(INDICATOR)),
        "Expr": meal.Expr("1 + 1"),
        "Form": form,
        "PrivacyRules": rules,
        "Register": meal.Register(rules, [form]),
        "AuditLog": meal.AuditLog(),
        "PseudonymKey": key,
        "Pseudonymiser": meal.Pseudonymiser(key, "care"),
        "ConsentRecord": meal.ConsentRecord.from_json(TESTIMONY["consent"]),
        "Taxonomy": taxonomy,
        "Routing": routing,
        "RecipientKey": meal.RecipientKey(bytes(32)),
        "SafeguardingSecretKey": meal.SafeguardingSecretKey.generate(),
        "Case": meal.Case.for_item(item),
        "Deadlines": meal.Deadlines.proposed(),
        "Testimony": meal.Testimony.from_json(TESTIMONY),
        "Schema": loaded.table.schema,
        "Table": loaded.table,
        "Loaded": loaded,
        "Rejected": meal.Table.from_csv(meal.Schema.from_json(MAPPING["target"]), "person_id,gender\n,x\n").rejected[0],
        "Recipes": meal.Recipes.from_json(mission.document("recipes.json")),
        "Partial": engine.empty(),
        "Results": mission.results(),
        "Engine": engine,
        "Streamed": engine.compute_csv(mission.records_csv()[:2000].rsplit(b"\n", 1)[0]),
        "QualityChecks": meal.QualityChecks.from_json(mission.document("quality-checks.json")),
        "Sitrep": meal.Sitrep(mission.logframes(), mission.results(), "2026Q1"),
        "AnnualReport": meal.AnnualReport(mission.logframes(), year, 2026),
        "MealPlan": plans[0],
        "Calendar": meal.Calendar.build(plans, DAY, datetime.date(2026, 12, 31)),
        "LessonsRegister": meal.LessonsRegister.from_json(mission.document("lessons.json")),
        "ManoExport": export,
        "Mapping": mapping,
        "Reconciliation": mapping.migrate(meal.Table.from_csv(meal.Schema.from_json(MAPPING["target"]), "person_id,gender\nA1,male\n"))[1],
    }


INDICATOR = {"code": "IND-1", "name": {"en": "Consultations", "fr": "Consultations"}, "measure": {"kind": "count"},
             "unit": {"en": "consultations", "fr": "consultations"}, "direction": {"kind": "increase"}, "aggregation": "incremental",
             "targets": [{"period": "2026Q1", "value": "200"}]}
FEEDBACK = {"channel": "face_to_face", "received_at": "2026-03-09T14:12:00+01:00", "project": "dunkerque",
            "site": "dunkerque_femmes", "code": "attente", "text": "Trois heures d'attente mardi."}
TESTIMONY = {"format_version": 1, "id": "t1", "identification": "identified", "masking": ["place"],
             "consent": {"format_version": 1, "subject": "a3f9c2", "given_at": "2026-03-01", "given_by": "subject",
                         "age_at_consent": 34, "scopes": ["testimony_press"],
                         "information_given": ["who_we_are", "where_it_appears", "no_impact_on_aid",
                                               "how_to_withdraw", "risks_discussed"]}}
MAPPING = {"format_version": 1,
           "target": {"format_version": 1, "columns": [{"name": "person_id", "type": "text", "required": True},
                                                       {"name": "gender", "type": "text"}]},
           "columns": [{"target": "person_id", "from": "person_id"}, {"target": "gender", "from": "gender"}]}


def valid(annotation):
    """A value every parameter of `annotation` converts (its content may still be refused)."""
    if annotation.startswith("Optional["):
        return None
    simple = {
        "str": "x", "int": 1, "bool": True, "bytes": b"x", "datetime.date": DAY, "datetime.datetime": NOW,
        "_Date": DAY, "_Instant": NOW, "_Exact": decimal.Decimal(1), "dict[str, str]": {},
        "Union[Period, str]": "2026Q1", "_Workbook": mission.FORMS / "consultation_medicale.xlsx", "_Source": b"a\n",
    }
    if annotation in simple:
        return simple[annotation]
    if annotation.startswith("list["):
        return []
    # A class, or a union with one (`Union[Schema, _Json]`): an instance of the class.
    for name in re.findall(r"[A-Z][A-Za-z]+", annotation):
        if name in instances():
            return instances()[name]
    return "{}"


def signatures():
    """(name, callable factory, parameters) of every function and method of `meal._meal`;
    parameters as (name, annotation, kind, has_default)."""
    tree = ast.parse(STUB.read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.FunctionDef):
            yield node.name, (lambda name=node.name: getattr(meal, name)), parameters(node)
        elif isinstance(node, ast.ClassDef):
            for method in node.body:
                if not isinstance(method, ast.FunctionDef) or method.name in PROTOCOL:
                    continue
                decorators = {ast.unparse(d) for d in method.decorator_list}
                if "property" in decorators:
                    continue
                static = decorators & {"staticmethod", "classmethod"} or method.name in {"__new__", "__init__"}
                yield f"{node.name}.{method.name}", bound(node.name, method.name, bool(static)), parameters(method)


def bound(cls, name, static):
    def target():
        if name in {"__new__", "__init__"}:
            return getattr(meal, cls)
        return getattr(getattr(meal, cls) if static else instances()[cls], name)
    return target


def parameters(function):
    args = function.args
    positional = [(a, "positional") for a in args.posonlyargs + args.args if a.arg not in {"self", "cls"}]
    keyword = [(a, "keyword") for a in args.kwonlyargs]
    first_default = len(args.posonlyargs + args.args) - len(args.defaults)
    every = args.posonlyargs + args.args
    defaults = {a.arg for a in every[first_default:]} | {
        a.arg for a, d in zip(args.kwonlyargs, args.kw_defaults) if d is not None}
    return [(a.arg, ast.unparse(a.annotation), kind, a.arg in defaults) for a, kind in positional + keyword]


SIGNATURES = list(signatures())
CALLS = [(name, target, params, i) for name, target, params in SIGNATURES for i in range(len(params))]


def arguments(params, index, wrong):
    """The positional and keyword arguments of a call with `wrong` at `index`."""
    args, kwargs = [], {}
    for position, (name, annotation, kind, has_default) in enumerate(params):
        if position > index and has_default:
            continue
        value = wrong if position == index else valid(annotation)
        if kind == "keyword" or (position == index and has_default):
            kwargs[name] = value
        else:
            args.append(value)
    return args, kwargs


def test_the_sweep_reaches_every_exported_function_and_method():
    swept = {name for name, *_ in SIGNATURES}
    exported = {n for n in dir(meal._meal) if not n.startswith("_") and callable(getattr(meal._meal, n))}
    functions = {n for n in exported if not isinstance(getattr(meal._meal, n), type)}
    assert functions <= swept
    methods = {f"{c}.{m}" for c in exported if isinstance(getattr(meal._meal, c), type)
               for m, v in vars(getattr(meal._meal, c)).items()
               if callable(v) and not m.startswith("_") or m in {"__new__", "__call__", "__getitem__", "__contains__"}}
    assert methods - {f"{c}.__new__" for c in exported} <= swept
    assert len(swept) >= 250 and len(CALLS) >= 300, (len(swept), len(CALLS))


@pytest.mark.parametrize("name, target, params, index", CALLS, ids=[f"{n}:{p[i][0]}" for n, _, p, i in CALLS])
def test_every_parameter_refuses_a_wrong_type_with_a_code(name, target, params, index, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # a path argument may be written to
    parameter, annotation, _, _ = params[index]
    function = target()
    for label, wrong in WRONG.items():
        if wrong is None and (annotation.startswith("Optional[") or "None" in annotation):
            continue
        args, kwargs = arguments(params, index, wrong)
        try:
            function(*args, **kwargs)
        except meal.MealError as error:
            assert "." in error.code and error.message_en and error.message_fr, (label, error.code)
            if strict(annotation):
                assert error.code.startswith("input."), (label, error.code, str(error))
                assert error.params["expected"], label
        except FileNotFoundError:
            assert "PathLike" in annotation, (label, "a path that is not one")
        except BaseException as other:  # noqa: BLE001 - anything else is the failure looked for
            pytest.fail(f"{name}({parameter}={label}) raised {type(other).__name__}: {other}")
        else:
            assert not strict(annotation) or (label == "lone_surrogate" and annotation != "str"), (
                f"{name}({parameter}={label}) was accepted")
