"""Forms and expressions in a notebook: XLSForm workbooks in, dicts in and out, messages in the
analyst's language. Behaviour itself is pinned by the shared vectors."""

import datetime
import pathlib
from decimal import Decimal

import pytest

from meal import Expr, Form, MealError

FORMS = pathlib.Path(__file__).resolve().parents[2] / "examples" / "forms"
NOW = datetime.datetime(2026, 11, 27, 10, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=1)))


@pytest.fixture(scope="module")
def consultation():
    return Form.from_xlsform(FORMS / "consultation_medicale.xlsx")


def visit(**changes):
    submission = {
        "date_consultation": "2026-11-26",
        "site": "idf_centre",
        "code_patient": "KAB-0417",
        "age": 16,
        "sexe": "f",
        "enceinte": "non",
        "poids": Decimal("60"),
        "taille": 170,
        "motifs": "autre",
        "motif_autre": "douleur dentaire",
        "diagnostic": "carie",
        "orientation": "aucune",
    }
    submission.update(changes)
    return submission


@pytest.mark.parametrize("path", sorted(FORMS.glob("*.xlsx")), ids=lambda p: p.name)
def test_the_mission_forms_import_clean(path):
    assert Form.from_xlsform(path).findings() == []
    assert Form.from_xlsform(path.read_bytes()).findings() == []


def test_a_valid_visit_is_cleaned_and_calculated(consultation):
    report = consultation.validate(visit(), locale="fr", now=NOW)
    assert report.valid, report.findings
    assert report.cleaned["imc"] == "20.8"
    assert "semaines_amenorrhee" not in report.cleaned


def test_findings_carry_the_form_author_message_in_the_asked_language(consultation):
    report = consultation.validate(visit(code_patient="kab-17", colour="red"), locale="fr", now=NOW)
    assert not report.valid
    by_code = {f.code: f for f in report.findings}
    assert by_code["form.constraint"].path == "/code_patient"
    assert "trois lettres majuscules" in by_code["form.constraint"].message
    assert by_code["form.unknown_field"].path == "/colour"
    english = consultation.validate(visit(code_patient="kab-17"), locale="en", now=NOW)
    assert english.findings[0].message != by_code["form.constraint"].message


def test_live_state_follows_skip_logic(consultation):
    woman = {s.path: s for s in consultation.state({"sexe": "f", "age": 30}, now=NOW)}
    man = {s.path: s for s in consultation.state({"sexe": "m", "age": 30}, now=NOW)}
    assert woman["/enceinte"].relevant and woman["/enceinte"].required
    assert not man["/enceinte"].relevant
    assert woman["/age"].value == 30


def test_json_schema_is_a_dict_for_other_tools(consultation):
    schema = consultation.json_schema()
    assert isinstance(schema, dict)
    assert schema["type"] == "object"


def test_bad_submissions_and_bad_workbooks_raise_meal_error(consultation):
    with pytest.raises(MealError) as raised:
        consultation.validate("[1, 2]")
    assert raised.value.code == "form.submission_not_object"
    with pytest.raises(MealError) as raised:
        Form.from_xlsform(b"not a workbook")
    assert raised.value.code == "xlsform.unreadable"


def test_expressions_evaluate_on_dicts_and_check_types():
    expr = Expr("${age} >= 15 and selected(${services}, 'mental_health')")
    assert expr.references == ["age", "services"]
    assert expr.evaluate({"age": 16, "services": "medical mental_health"}) == "true"
    assert Expr("round(-1.5)").evaluate() == "-2"
    assert Expr("0.1 + 0.2").evaluate() == "0.3"
    assert [f.code for f in expr.check({"age": "number"})] == ["expr.unknown_field"]
    with pytest.raises(MealError) as raised:
        Expr("${age} >=")
    assert raised.value.code == "expr.syntax"
    assert "position" in raised.value.params
