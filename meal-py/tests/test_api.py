"""The Python face of meal: idioms (native date/Decimal, exceptions, dunders) and the error
mapping. Behaviour itself is pinned by the shared vectors (test_vectors.py)."""

import datetime
import doctest
import json
from decimal import Decimal

import pytest

import meal
from meal import Indicator, Logframe, MealError, Observation, Period, check_logframe, periods_between


def text(en, fr=None):
    return {"en": en, "fr": fr or en}


def test_docstring_examples_run():
    failures, tried = doctest.testmod(meal)
    assert tried > 0 and failures == 0


def test_a_quarter_has_native_dates_neighbours_and_months():
    q1 = Period("2026Q1")
    assert (q1.id, q1.period_type) == ("2026Q1", "Quarterly")
    assert (q1.start, q1.end) == (datetime.date(2026, 1, 1), datetime.date(2026, 3, 31))
    assert q1.next() == Period.parse("2026Q2")
    assert q1.previous().id == "2025Q4"
    assert datetime.date(2026, 2, 28) in q1
    assert not q1.contains(datetime.date(2026, 4, 1))
    assert [p.id for p in q1.periods_within("Monthly")] == ["202601", "202602", "202603"]
    assert str(q1) == "2026Q1" and repr(q1) == 'Period("2026Q1")'
    assert Period.containing("Quarterly", datetime.date(2026, 3, 31)) == q1
    assert len({q1, Period("2026Q1"), Period("2026Q2")}) == 2
    assert sorted([Period("2026Q2"), q1]) == [q1, Period("2026Q2")]


def test_periods_between_lists_every_overlapping_period():
    months = periods_between("Monthly", datetime.date(2026, 1, 15), datetime.date(2026, 3, 1))
    assert [p.id for p in months] == ["202601", "202602", "202603"]


@pytest.mark.parametrize(
    "call, code",
    [
        (lambda: Period("2026Q5"), "period.out_of_range"),
        (lambda: Period("not a period"), "period.invalid"),
        (lambda: Period.containing("Fortnightly", datetime.date(2026, 1, 1)), "period.unknown_type"),
        (lambda: check_logframe('{"format_version": 1,'), "json.malformed"),
        (lambda: check_logframe('{"format_version": 99}'), "document.format_version"),
    ],
)
def test_errors_are_value_errors_with_a_stable_code_in_two_languages(call, code):
    with pytest.raises(MealError) as raised:
        call()
    error = raised.value
    assert isinstance(error, ValueError)
    assert error.code == code
    assert isinstance(error.params, dict)
    assert str(error) and error.message_fr and str(error) != error.message_fr


def cyclic_logframe():
    return {
        "format_version": 1,
        "project": {"code": "T", "name": text("Test")},
        "objectives": [
            {"code": "A", "level": "outcome", "parent": "B", "kind": "operational", "title": text("A")},
            {"code": "B", "level": "output", "parent": "A", "kind": "operational", "title": text("B")},
        ],
        "indicators": [],
    }


def test_a_logframe_with_a_cycle_raises_logframe_cycle():
    for read in (check_logframe, Logframe.from_json):
        with pytest.raises(MealError) as raised:
            read(json.dumps(cyclic_logframe()))
        assert raised.value.code == "logframe.cycle"


def test_findings_carry_code_path_severity_and_a_message_in_the_asked_language():
    doc = {
        "format_version": 1,
        "project": {"code": "T", "name": text("Test")},
        "objectives": [{"code": "I", "level": "impact", "kind": "operational", "title": text("Impact"), "colour": "red"}],
        "indicators": [],
    }
    english = check_logframe(json.dumps(doc))
    french = check_logframe(json.dumps(doc), locale="fr")
    unknown = next(f for f in english if f.code == "document.unknown_field")
    assert unknown.path == "/objectives/0/colour"
    assert unknown.severity == "error" and unknown.is_blocking
    unknown_fr = next(f for f in french if f.code == "document.unknown_field")
    assert unknown.message != unknown_fr.message
    logframe = Logframe.from_json(json.dumps(doc))
    assert logframe.project_code == "T" and logframe.objective_codes == ["I"]
    assert [f.code for f in logframe.findings()] == [f.code for f in english]
    assert json.loads(logframe.to_json())["project"]["code"] == "T"


def test_an_indicator_is_assessed_with_exact_decimals():
    indicator = Indicator.from_json(
        json.dumps(
            {
                "code": "IND-1",
                "name": text("Consultations"),
                "measure": {"kind": "count"},
                "unit": text("consultations"),
                "direction": {"kind": "increase"},
                "aggregation": "incremental",
                "targets": [{"period": "2026Q1", "value": "200"}],
            }
        )
    )
    q1 = Period("2026Q1")
    assert indicator.code == "IND-1"
    assert indicator.target_for(q1) == Decimal("200")
    assert indicator.target_for(Period("2026Q2")) is None
    assessment = indicator.assess(q1, Decimal("190"))
    assert assessment.status == "on_track"
    assert assessment.achievement == Decimal("0.95")
    assert indicator.assess(q1, None).status == "no_data"
    assert indicator.assess(q1, Decimal("190"), meal.Thresholds(on_track=Decimal("0.96"))).status == "at_risk"
    assert meal.Thresholds().at_risk == Decimal("0.6")
    assert indicator.assess(q1, "190").achievement == Decimal("0.95")
    for bad in (Decimal("NaN"), Decimal("Infinity"), "lots"):
        with pytest.raises(MealError) as raised:
            indicator.assess(q1, bad)
        assert raised.value.code == "input.decimal"
    monthly = [Observation(Period("202601"), Decimal(60)), Observation(Period("202602"), Decimal(70))]
    assert indicator.actual_for(q1, monthly) == Decimal(130)


def test_messages_render_in_french_and_english():
    english = meal.render_message("period.unknown_type", {"name": "Fortnightly"}, "en")
    french = meal.render_message("period.unknown_type", {"name": "Fortnightly"}, "fr")
    assert "Fortnightly" in english and "Fortnightly" in french and english != french


def test_arbitrary_input_gives_a_meal_error_never_a_crash():
    import random

    rng = random.Random(20261127)
    alphabet = "0123456789WQSBANovAprilJulyOct-_ {}[]\":,é\u2028\x00"
    valid = json.dumps(cyclic_logframe())
    for _ in range(500):
        junk = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 16)))
        cut = valid[: rng.randrange(len(valid))] + junk
        for call in (lambda: Period(junk), lambda: check_logframe(cut), lambda: Indicator.from_json(junk)):
            try:
                call()
            except MealError as error:
                assert error.code
