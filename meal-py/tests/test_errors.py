"""The exception hierarchy and the locale of messages: every refusal is a `MealError` (a
`ValueError`) of its code's family, with code, path, params and messages in both languages."""

import doctest

import pytest

import meal
from meal import _findings, _progress

import reference_mission as mission


@pytest.fixture(autouse=True)
def english_afterwards():
    yield
    meal.set_locale("en")


FAMILIES = [
    (lambda: meal.Period("2026Q5"), meal.PeriodError, "period.out_of_range"),
    (lambda: meal.Logframe.from_json("{"), meal.DocumentError, "json.malformed"),
    (lambda: meal.Form.from_json({"format_version": 1}), meal.DocumentError, "document.invalid"),
    (lambda: meal.Expr("1 +"), meal.FormError, None),
    (lambda: meal.Partial.from_json("{}"), meal.DocumentError, "document.invalid"),
    (lambda: meal.Logframe.from_json(b"\xff".decode("latin-1")), meal.DocumentError, "json.malformed"),
]


@pytest.mark.parametrize("call, family, code", FAMILIES)
def test_each_refusal_is_raised_as_its_family(call, family, code):
    with pytest.raises(family) as raised:
        call()
    error = raised.value
    assert isinstance(error, meal.MealError) and isinstance(error, ValueError)
    if code:
        assert error.code == code
    assert error.code.split(".")[0] in family.__doc__


def test_every_family_is_a_meal_error_and_exported():
    families = [getattr(meal, name) for name in meal.__all__ if name.endswith("Error")]
    assert len(families) == 18  # MealError, 15 families, the 2 argument refusals
    for family in families:
        assert issubclass(family, meal.MealError) and issubclass(family, ValueError)
        assert family.__module__ == "meal"
    # An argument refusal is also the builtin Python raises for it.
    assert issubclass(meal.ArgumentTypeError, meal.DocumentError) and issubclass(meal.ArgumentTypeError, TypeError)
    assert issubclass(meal.ArgumentRangeError, meal.DocumentError) and issubclass(meal.ArgumentRangeError, OverflowError)


def test_the_locale_chooses_the_message_and_both_languages_stay_available():
    assert meal.get_locale() == "en"
    with pytest.raises(meal.PeriodError) as english:
        meal.Period("2026Q5")
    assert meal.set_locale("fr-FR") == "fr" and meal.get_locale() == "fr"
    with pytest.raises(meal.PeriodError) as french:
        meal.Period("2026Q5")
    assert str(french.value) == french.value.message == french.value.message_fr
    assert str(english.value) == english.value.message_en == french.value.message_en
    assert french.value.message_fr != french.value.message_en
    assert french.value.params == english.value.params and french.value.code == english.value.code
    assert meal.set_locale("de") == "en"  # unknown languages fall back to English


def test_a_json_value_that_is_not_data_is_a_document_error():
    form = meal.Form.from_xlsform(mission.FORMS / "consultation_medicale.xlsx")
    for value in ({"age": float("nan")}, {"age": float("inf")}, {(1, 2): "tuple key"}):
        with pytest.raises(meal.DocumentError) as raised:
            form.check(value)
        assert raised.value.code == "input.not_json" and raised.value.params["detail"]
    cycle: list = []
    cycle.append(cycle)
    with pytest.raises(meal.DocumentError):
        form.check_many(cycle)


def test_findings_convert_to_tables():
    text = (mission.DATA / "invalid-logframe.json").read_text(encoding="utf-8")
    findings = meal.Findings(meal.check_logframe(text, locale="fr"))
    assert len(findings) == 6 and findings[0].code == "logframe.impact_without_indicator"
    assert isinstance(findings[:1], meal.Findings) and findings == list(findings)
    assert findings.to_dicts()[0]["code"] == "logframe.impact_without_indicator"
    frame = findings.to_pandas()
    assert list(frame.columns) == ["code", "severity", "path", "message", "params"]
    assert frame.loc[0, "code"] == "logframe.impact_without_indicator"
    table = findings.to_arrow()
    assert table.column_names == list(_findings.COLUMNS) and table.num_rows == len(findings)
    polars = findings.to_polars()
    assert polars["code"].to_list() == [f.code for f in findings]
    import pyarrow as pa

    assert pa.table(findings).num_rows == len(findings)
    assert "logframe.impact_without_indicator" in repr(findings)
    with pytest.raises(TypeError):
        meal.Findings(["not a finding"])


def test_the_modules_docstrings_run():
    for module in (_findings, _progress):
        failures, _ = doctest.testmod(module)
        assert failures == 0


def test_check_many_with_progress_gives_the_verdicts_of_one_batch(capsys):
    pytest.importorskip("tqdm")
    form = meal.Form.from_xlsform(mission.FORMS / "consultation_medicale.xlsx")
    batch = [{"age": 16}] * 4_500
    batch[2_100] = 7  # not an object: its finding names its index in the whole batch
    shown = form.check_many(batch, progress=True)
    plain = form.check_many(batch)
    assert len(shown) == len(plain) == 4_500
    assert [(v.valid, [(f.code, f.path) for f in v.findings]) for v in shown] == [
        (v.valid, [(f.code, f.path) for f in v.findings]) for v in plain
    ]
    assert shown[2_100].findings[0].path == "/2100"
    assert "4500/4500" in capsys.readouterr().err
