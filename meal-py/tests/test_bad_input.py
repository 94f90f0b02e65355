"""Bad input at every entry-point family (issue 11, Python part): wrong types, missing fields,
NaN and infinities, integer overflow, invalid UTF-8, 10 000 nested arrays, multi-megabyte
strings, empty and one-row tables. Each is refused with a `MealError` subclass carrying a code
— never a PanicException, a SystemError or a crash of the interpreter.

Arguments of the wrong Python type (an `int` where the signature says `str`) are refused by
the argument conversion before meal runs, as in any typed Python API: `TypeError`,
`OverflowError` for an `int` beyond the parameter's range, `UnicodeEncodeError` for a `str`
with lone surrogates. Those are asserted separately.
"""

import json

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
    with pytest.raises((TypeError, meal.MealError)):
        reader(12345)
    with pytest.raises((UnicodeEncodeError, meal.MealError)):
        reader('{"a": "\udcff"}')


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
        with pytest.raises(TypeError):
            meal.Period(2026)  # type: ignore[arg-type]

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
        with pytest.raises(OverflowError):
            meal.k_anonymity([{"a": "1"}], ["a"], k=2**70)


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
