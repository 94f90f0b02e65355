"""The MEAL plan, the reporting calendar, the lessons register, spreadsheet authoring and
interoperability (IATI, HXL, MANO, migration) from Python: idioms (dates, dicts, notebooks,
pandas) and the error codes of bad input. Exact outputs are pinned by the shared vectors
(test_vectors.py)."""

import copy
import datetime
import json
import pathlib

import pytest

import meal
from meal import (
    Calendar,
    IatiActivities,
    LessonsRegister,
    Logframe,
    Mapping,
    MealError,
    MealPlan,
    Reconciliation,
    Schema,
    Table,
)

ROOT = pathlib.Path(__file__).resolve().parents[2]
LOGFRAME = json.loads((ROOT / "examples" / "data" / "logframe-idf.json").read_text(encoding="utf-8"))


def text(en, fr=None):
    return {"en": en, "fr": fr or en}


def code_of(call):
    with pytest.raises(MealError) as raised:
        call()
    return raised.value.code


def plan_doc(**changes):
    rows = [
        {
            "indicator": indicator["code"],
            "source": {"kind": "external", "description": text("Partner register", "Registre du partenaire")},
            "method": "document_review",
            "tool": text("Spreadsheet", "Tableur"),
            "frequency": "monthly",
            "responsible": "meal_officer",
            "reporting": ["sitrep", "annual_report"],
        }
        for indicator in LOGFRAME["indicators"]
    ]
    doc = {
        "format_version": 1,
        "project": "IDF",
        "start": "2026-01-01",
        "roles": [{"code": "meal_officer", "name": text("MEAL officer", "Chargé SERA")}],
        "reporting": {"sitrep": "quarterly", "sitrep_due_days": 15, "annual_report_due_days": 60, "quality_review": "quarterly"},
        "indicators": rows,
        "evaluations": [
            {
                "code": "EVAL-MT",
                "kind": "mid_term",
                "title": text("Mid-term evaluation", "Évaluation à mi-parcours"),
                "questions": [text("Do minors come back?", "Les mineurs reviennent-ils ?")],
                "period": "2026S1",
                "responsible": "meal_officer",
            }
        ],
    }
    doc.update(changes)
    return doc


def lesson(id, project="IDF", date="2026-03-01", status="validated", tags=(), words="Outreach at night", discipline="medical"):
    return {
        "id": id,
        "project": project,
        "discipline": discipline,
        "date": date,
        "status": status,
        "lesson": text(words, words),
        "context": text("Context", "Contexte"),
        "evidence": text("Evidence", "Preuves"),
        "recommendation": text("Recommendation", "Recommandation"),
        "tags": list(tags),
    }


def register_doc(*lessons):
    return {"format_version": 1, "lessons": list(lessons)}


REGISTER = register_doc(
    lesson("IDF-L-2026-01", tags=["outreach"], words="Night outreach finds more minors"),
    lesson("IDF-L-2026-02", date="2026-05-10", status="draft", tags=["outreach", "housing"], words="Housing referrals take weeks"),
    lesson("CAL-L-2026-01", project="CAL", date="2026-02-01", discipline="protection", words="Interpreters by phone"),
)


# ---- the MEAL plan


def test_a_plan_reads_from_json_and_dicts_and_round_trips():
    plan = MealPlan.from_json(json.dumps(plan_doc()))
    assert plan.project == "IDF" and plan.start == datetime.date(2026, 1, 1)
    assert plan.indicators == [i["code"] for i in LOGFRAME["indicators"]]
    assert plan.roles == ["meal_officer"]
    assert MealPlan.from_dict(plan.to_dict()) == plan
    assert MealPlan.from_json(plan.to_json()) == plan
    assert MealPlan.from_json(plan_doc()) == plan
    assert plan.findings() == [] and "IDF" in repr(plan)


def test_unknown_fields_are_reading_findings():
    plan = MealPlan.from_dict(plan_doc(colour="blue"))
    assert [f.code for f in plan.findings()] == ["document.unknown_field"]


def test_findings_become_dicts_for_data_frames():
    finding = MealPlan.from_dict(plan_doc(colour="blue")).findings()[0]
    row = finding.to_dict()
    assert row == {"code": finding.code, "path": finding.path, "severity": finding.severity, "params": finding.params, "message": finding.message}


def test_validate_names_an_undefined_role():
    doc = plan_doc()
    doc["indicators"][0]["responsible"] = "nobody"
    findings = MealPlan.from_dict(doc).validate()
    assert findings and all(isinstance(f, meal.Finding) for f in findings)
    assert any("/indicators/0" in f.path for f in findings)
    assert MealPlan.from_dict(plan_doc()).validate() == []


@pytest.mark.parametrize(
    "call, code",
    [
        (lambda: MealPlan.from_json('{"format_version": 1,'), "json.malformed"),
        (lambda: MealPlan.from_json('{"format_version": 9}'), "document.format_version"),
        (lambda: MealPlan.from_json({"format_version": 1}), "document.invalid"),
        (lambda: MealPlan.from_dict(plan_doc(start="someday")), "document.invalid"),
        (lambda: MealPlan.from_dict(plan_doc(indicators="all")), "document.invalid"),
        (lambda: MealPlan.from_xlsx(b"this is not a workbook"), "template.unreadable"),
        (lambda: Logframe.from_xlsx(b"PK\x03\x04 truncated"), "template.unreadable"),
    ],
)
def test_bad_plans_raise_the_core_code(call, code):
    assert code_of(call) == code


def test_a_workbook_argument_of_the_wrong_type_is_a_type_error():
    with pytest.raises(TypeError):
        MealPlan.from_xlsx(42)  # type: ignore[arg-type]


def test_a_plan_round_trips_through_the_xlsx_template(tmp_path):
    plan = MealPlan.from_dict(plan_doc())
    for locale in ("en", "fr"):
        workbook = plan.to_xlsx(locale=locale)
        assert workbook[:2] == b"PK"
        assert MealPlan.from_xlsx(workbook) == plan
    path = tmp_path / "plan.xlsx"
    assert plan.to_xlsx(path) == path.read_bytes()
    read = MealPlan.from_xlsx(path)
    assert read == plan and read.findings() == []


def test_a_logframe_round_trips_through_the_xlsx_template(tmp_path):
    logframe = Logframe.from_json(json.dumps(LOGFRAME))
    for locale in ("en", "fr"):
        assert Logframe.from_xlsx(logframe.to_xlsx(locale=locale)) == logframe
    path = tmp_path / "logframe.xlsx"
    logframe.to_xlsx(str(path), "fr")
    assert Logframe.from_xlsx(path).project_code == "IDF"


def test_the_mission_plans_are_authored_in_the_template():
    for workbook in sorted((ROOT / "examples" / "plans").glob("plan-*.xlsx")):
        authored = MealPlan.from_xlsx(workbook)
        document = ROOT / "examples" / "data" / workbook.with_suffix(".json").name
        assert authored == MealPlan.from_json(document.read_text(encoding="utf-8"))
        assert authored.findings() == []


def test_an_empty_template_gives_no_document_and_says_where():
    templates = ROOT / "examples" / "templates"
    with pytest.raises(MealError) as raised:
        MealPlan.from_xlsx(templates / "meal-plan-template.en.xlsx")
    error = raised.value
    assert (error.code, error.path, error.params["sheet"]) == ("template.missing_row", "plan!A2", "plan")
    assert [f.code for f in error.findings] == ["template.missing_row"] and str(error)
    with pytest.raises(MealError) as raised:
        Logframe.from_xlsx((templates / "logframe-template.fr.xlsx").read_bytes())
    assert raised.value.path == "projet!A2"
    assert code_of(lambda: Logframe.from_xlsx(templates / "meal-plan-template.en.xlsx")) == "template.missing_sheet"


# ---- coverage


def test_coverage_finds_an_indicator_without_a_plan_row():
    doc = plan_doc()
    missing = doc["indicators"].pop(0)["indicator"]
    findings = meal.coverage([doc], [LOGFRAME], [])
    assert "plan.no_plan_row" in [f.code for f in findings]
    assert all(isinstance(f, meal.Finding) and f.message for f in findings)
    assert meal.coverage([MealPlan.from_dict(doc)], [Logframe.from_json(json.dumps(LOGFRAME))], [], None, "fr")
    assert missing


def test_a_complete_plan_covers_its_logframe():
    assert [f.code for f in meal.coverage([plan_doc()], [LOGFRAME], []) if f.is_blocking] == []


def test_coverage_reads_every_document_and_rules():
    rules = meal.PrivacyRules.from_json((ROOT / "examples" / "data" / "privacy-rules.json").read_text(encoding="utf-8"))
    assert isinstance(meal.coverage([plan_doc()], [LOGFRAME], [], rules), list)
    with pytest.raises(MealError) as raised:
        meal.coverage([plan_doc()], [LOGFRAME], ['{"id": 1,'])
    assert (raised.value.code, raised.value.path) == ("json.malformed", "/forms/0")
    assert code_of(lambda: meal.coverage(['{"format_version": 1,'], [LOGFRAME], [])) == "json.malformed"
    assert code_of(lambda: meal.coverage(["{}, {}"], [LOGFRAME], [])) == "json.malformed"
    assert code_of(lambda: meal.coverage([[]], [LOGFRAME], [])) == "document.format_version"
    with pytest.raises(TypeError):
        meal.coverage(5, [LOGFRAME], [])  # type: ignore[arg-type]


def test_the_reference_mission_plans_cover_their_logframes():
    data = ROOT / "examples" / "data"
    plans = [MealPlan.from_json(p.read_text(encoding="utf-8")) for p in sorted(data.glob("plan-*.json"))]
    logframes = [Logframe.from_json(p.read_text(encoding="utf-8")) for p in sorted(data.glob("logframe-*.json")) if "invalid" not in p.name]
    forms = [meal.Form.from_xlsform(p) for p in sorted((ROOT / "examples" / "forms").glob("*.xlsx"))]
    rules = meal.PrivacyRules.from_json((data / "privacy-rules.json").read_text(encoding="utf-8"))
    assert len(plans) == 4 and all(p.findings() == [] and p.validate() == [] for p in plans)
    assert meal.coverage(plans, logframes, forms, rules) == []
    assert meal.check_plan(plans[0].to_json()) == [] and meal.check_plan(plans[0].to_dict()) == []
    year = Calendar.build(plans, datetime.date(2026, 1, 1), datetime.date(2026, 12, 31), datetime.date(2026, 11, 20))
    assert {i["project"] for i in year.items} == {p.project for p in plans} | {None}
    html = year._repr_html_()
    assert html.index("January 2026") < html.index("December 2026")
    lessons = LessonsRegister.from_json((data / "lessons.json").read_text(encoding="utf-8"))
    assert lessons.findings() == [] and lessons.validate() == []


def test_check_plan_reads_text_and_dicts():
    assert [f.code for f in meal.check_plan(plan_doc(colour="blue"))] == ["document.unknown_field"]
    assert code_of(lambda: meal.check_plan('{"format_version": 1,')) == "json.malformed"


# ---- the reporting calendar


def calendar():
    return Calendar.build([plan_doc()], datetime.date(2026, 1, 1), datetime.date(2026, 12, 31), seminar=datetime.date(2026, 11, 20))


def test_the_calendar_lists_what_is_due_with_native_dates():
    cal = calendar()
    assert (cal.start, cal.end) == (datetime.date(2026, 1, 1), datetime.date(2026, 12, 31))
    items = cal.items
    assert len(items) == len(cal) > 0
    assert set(items[0]) == {"date", "kind", "project", "period", "reference", "responsible"}
    assert all(isinstance(i["date"], datetime.date) for i in items)
    assert [i["date"] for i in items] == sorted(i["date"] for i in items)
    kinds = {i["kind"] for i in items}
    assert {"sitrep", "seminar"} <= kinds
    assert any(i["project"] is None for i in items if i["kind"] == "seminar")
    assert json.loads(cal.to_json())["from"] == "2026-01-01"
    assert cal.for_project("IDF") == items
    assert all(i["project"] is None for i in cal.for_project("CAL"))


def test_the_calendar_shows_as_a_table_grouped_by_month():
    html = calendar()._repr_html_()
    assert html.startswith("<table>") and "November 2026" in html and "sitrep" in html
    assert "2026" in repr(calendar())


def test_calendar_dates_may_be_iso_text():
    assert len(Calendar.build([MealPlan.from_dict(plan_doc())], "2026-01-01", "2026-03-31")) <= len(calendar())


@pytest.mark.parametrize(
    "call, code",
    [
        (lambda: Calendar.build([plan_doc()], datetime.date(2026, 12, 31), datetime.date(2026, 1, 1)), "plan.bad_range"),
        (lambda: Calendar.build([plan_doc()], "2026-02-30", "2026-12-31"), "input.date"),
        (lambda: Calendar.build(["{nope"], "2026-01-01", "2026-12-31"), "json.malformed"),
        (lambda: Calendar.build([[]], "2026-01-01", "2026-12-31"), "document.format_version"),
    ],
)
def test_bad_calendars_raise_the_core_code(call, code):
    assert code_of(call) == code


def test_results_go_to_pandas_when_it_is_installed():
    try:
        import pandas  # noqa: F401
    except ImportError:
        with pytest.raises(ImportError):
            calendar().to_pandas()
        with pytest.raises(ImportError):
            LessonsRegister.from_dict(REGISTER).to_pandas()
        return
    frame = calendar().to_pandas()
    assert list(frame.columns) == ["date", "kind", "project", "period", "reference", "responsible"]
    assert len(LessonsRegister.from_dict(REGISTER).to_pandas()) == 3


# ---- lessons


def ids(lessons):
    return [lesson["id"] for lesson in lessons]


def test_a_register_reads_and_searches():
    register = LessonsRegister.from_dict(REGISTER)
    assert len(register) == 3 and register.findings() == [] and register.validate() == []
    assert register.lessons[0]["date"] == datetime.date(2026, 3, 1)
    assert LessonsRegister.from_json(register.to_json()).to_dict() == register.to_dict()
    assert ids(register.search()) == ["IDF-L-2026-02", "IDF-L-2026-01", "CAL-L-2026-01"]
    assert ids(register.search(text="MINORS night")) == ["IDF-L-2026-01"]
    assert ids(register.search(project="CAL")) == ["CAL-L-2026-01"]
    assert ids(register.search(discipline="protection")) == ["CAL-L-2026-01"]
    assert ids(register.search(tags=("outreach", "housing"))) == ["IDF-L-2026-02"]
    assert ids(register.search(status="draft")) == ["IDF-L-2026-02"]
    assert ids(register.search(start=datetime.date(2026, 2, 15), end="2026-04-01")) == ["IDF-L-2026-01"]
    assert ids(register.search_query({"project": "IDF", "tags": ["outreach"]})) == ["IDF-L-2026-02", "IDF-L-2026-01"]


@pytest.mark.parametrize(
    "call, code",
    [
        (lambda r: r.search(discipline="astrology"), "plan.bad_query"),
        (lambda r: r.search(status="forgotten"), "plan.bad_query"),
        (lambda r: r.search(tags="outreach"), "plan.bad_query"),
        (lambda r: r.search(start="2026-06-01", end="2026-01-01"), "plan.bad_query"),
        (lambda r: r.search(start=5), "plan.bad_query"),
        (lambda r: r.search_query("{nope"), "json.malformed"),
        (lambda r: r.search_query({"colour": "red"}), "plan.bad_query"),
        (lambda r: LessonsRegister.from_json("[1,"), "json.malformed"),
        (lambda r: LessonsRegister.from_dict({"format_version": 1, "lessons": "none"}), "document.invalid"),
    ],
)
def test_bad_queries_and_registers_raise_the_core_code(call, code):
    assert code_of(lambda: call(LessonsRegister.from_dict(REGISTER))) == code


def test_consolidation_keeps_duplicates_and_says_so():
    project = register_doc(lesson("IDF-L-2026-01"))
    mission, findings = LessonsRegister.consolidate([LessonsRegister.from_dict(REGISTER), project])
    assert isinstance(mission, LessonsRegister) and len(mission) == 4
    assert [f.code for f in findings] == ["plan.duplicate_lesson"]
    dates = [lesson["date"] for lesson in mission.lessons]
    assert dates == sorted(dates)
    html = mission._repr_html_()
    assert html.startswith("<table>") and "IDF-L-2026-01" in html


# ---- IATI

REQUEST = {
    "organisation": {"ref": "FR-RNA-W751234567", "type": "21", "name": text("Mission", "Mission")},
    "activity_prefix": "FR-RNA-W751234567",
    "generated": "2026-11-27T10:00:00+01:00",
    "periods": ["2026Q1"],
}


def test_iati_export_and_import_round_trip():
    xml = meal.iati_export([LOGFRAME], None, REQUEST)
    assert "iati-activities" in xml and 'version="2.03"' in xml
    activities = IatiActivities.from_xml(xml)
    assert activities == IatiActivities.from_logframes([Logframe.from_json(json.dumps(LOGFRAME))], None, json.dumps(REQUEST))
    assert activities.identifiers == ["FR-RNA-W751234567-IDF"] and len(activities) == 1
    assert activities.generated == datetime.datetime.fromisoformat("2026-11-27T10:00:00+01:00")
    assert activities.to_dict() == json.loads(activities.to_json())
    assert IatiActivities.from_json(activities.to_json()) == activities == IatiActivities.from_json(activities.to_dict())
    assert activities.to_xml() == xml


@pytest.mark.parametrize(
    "call, code",
    [
        (lambda: IatiActivities.from_xml("this is not xml <"), "iati.malformed"),
        (lambda: IatiActivities.from_xml("<iati-activities/>"), "iati.invalid"),
        (lambda: IatiActivities.from_json("[]"), "document.invalid"),
        (lambda: meal.iati_export([LOGFRAME], None, {"organisation": {}}), "document.invalid"),
        (lambda: meal.iati_export([LOGFRAME], "{nope", REQUEST), "json.malformed"),
        (lambda: meal.iati_export(["{nope"], None, REQUEST), "json.malformed"),
    ],
)
def test_bad_iati_input_raises_the_core_code(call, code):
    assert code_of(call) == code


# ---- HXL

HXL_SCHEMA = {
    "format_version": 1,
    "columns": [
        {"name": "site", "type": "text", "hxl": "#loc+name"},
        {"name": "girls", "type": "integer", "hxl": "#affected+f+children"},
        {"name": "women", "type": "integer", "hxl": "#affected+f+adult"},
        {"name": "note", "type": "text"},
    ],
}


def test_hxl_selects_columns_and_tags_the_csv():
    assert meal.hxl_columns(HXL_SCHEMA, "#affected+f") == ["girls", "women"]
    assert meal.hxl_columns(Schema.from_json(HXL_SCHEMA), "#affected-adult") == ["girls"]
    assert Schema.from_json(HXL_SCHEMA).columns[0].hxl == "#loc+name"
    table = Table.from_csv(HXL_SCHEMA, "site,girls,women,note\nCalais,3,4,ok\n").table
    lines = table.to_csv().splitlines()
    assert lines[0] == "site,girls,women,note" and lines[1].startswith("#loc+name,") and lines[2].startswith("Calais,3,4")
    assert table.to_csv(hxl=False).splitlines() == [lines[0], lines[2]]


def test_the_mission_schema_carries_hxl_hashtags():
    schema = Schema.from_json((ROOT / "examples" / "data" / "records-schema.json").read_text(encoding="utf-8"))
    assert meal.hxl_columns(schema, "#date") == ["date", "submitted_at"]
    assert meal.hxl_columns(schema, "#date-reported") == ["date"]


def test_a_bad_hxl_pattern_raises():
    assert code_of(lambda: meal.hxl_columns(HXL_SCHEMA, "affected")) == "hxl.invalid_pattern"
    assert code_of(lambda: meal.hxl_columns("{nope", "#affected")) == "json.malformed"


# ---- MANO and migration


def test_a_mano_export_reads_every_sheet_into_a_loaded_table():
    # An XLSForm workbook is an xlsx but not a MANO export: every sheet is read, as text, with
    # warnings, and flows into a migration like any loaded table.
    path = ROOT / "examples" / "forms" / "consultation_medicale.xlsx"
    export = meal.read_mano_export(path)
    assert export.names == ["survey", "choices", "settings"] == list(export) and len(export) == 3
    assert "survey" in export and "personnes suivies" not in export
    assert [f.code for f in export.findings()][:2] == ["mano.no_known_sheet", "mano.unknown_sheet"]
    survey = export["survey"]
    assert isinstance(survey, meal.Loaded) and survey is not None and export.sheets["survey"].rows_read == survey.rows_read
    assert survey.rows_read == len(survey.table) + len(survey.rejected) > 0
    assert meal.read_mano_export(path.read_bytes(), {"customFieldsPersons": []}).names == export.names
    mapping = Mapping.from_json(
        {
            "format_version": 1,
            "target": {"format_version": 1, "columns": [{"name": "field", "type": "text"}]},
            "columns": [{"target": "field", "from": "name"}],
        }
    )
    table, reconciliation = mapping.migrate(survey)
    assert reconciliation.rows_read == survey.rows_read == reconciliation.migrated + len(reconciliation.rejected)
    with pytest.raises(KeyError):
        export["personnes suivies"]


def test_a_mano_export_that_is_not_a_workbook_raises():
    assert code_of(lambda: meal.read_mano_export(ROOT / "examples" / "forms" / "consultation_medicale.xlsx", "[1]")) == "mano.bad_config"
    assert code_of(lambda: meal.read_mano_export(b"not a workbook")) == "mano.unreadable"
    with pytest.raises(TypeError):
        meal.read_mano_export(3.5)  # type: ignore[arg-type]


SOURCE = {
    "format_version": 1,
    "columns": [
        {"name": "N° dossier", "type": "text", "required": True},
        {"name": "Sexe", "type": "text"},
    ],
}
MAPPING = {
    "format_version": 1,
    "target": {
        "format_version": 1,
        "columns": [
            {"name": "person_id", "type": "text", "required": True},
            {"name": "gender", "type": "text"},
        ],
    },
    "key": "person_id",
    "columns": [
        {"target": "person_id", "from": "N° dossier"},
        {"target": "gender", "from": "Sexe", "map": {"H": "male", "F": "female"}},
    ],
}
LEGACY = "N° dossier,Sexe\nA1,H\nA2,X\nA1,F\n,F\nA3,F\n"


def test_a_migration_accounts_for_every_record():
    loaded = Table.from_csv(SOURCE, LEGACY)
    mapping = Mapping.from_json(MAPPING)
    assert mapping.findings() == [] and mapping.check(SOURCE) == []
    assert [c.name for c in mapping.target.columns] == ["person_id", "gender"]
    table, reconciliation = mapping.migrate(loaded)
    assert isinstance(table, Table) and isinstance(reconciliation, Reconciliation)
    assert reconciliation.rows_read == 5
    assert reconciliation.migrated == len(table) == 2
    assert reconciliation.rows_read == reconciliation.migrated + len(reconciliation.rejected)
    assert [r.row for r in reconciliation.rejected] == [2, 3, 4]
    assert reconciliation.rejected[0].codes == ["migration.unmapped_value"]
    assert reconciliation.to_dict() == json.loads(reconciliation.to_json())
    html = reconciliation._repr_html_()
    assert "<td>5</td><td>2</td><td>3</td>" in html and "migration.unmapped_value" in html
    assert Mapping.from_json(mapping.to_json()).check(Schema.from_json(SOURCE)) == []


def test_mapping_problems_are_findings_then_an_error():
    bad = copy.deepcopy(MAPPING)
    bad["columns"][1]["from"] = "Genre"
    mapping = Mapping.from_json(json.dumps(bad))
    assert "migration.unknown_source" in [f.code for f in mapping.check(SOURCE)]
    assert code_of(lambda: mapping.migrate(Table.from_csv(SOURCE, LEGACY))) == "migration.invalid_mapping"


@pytest.mark.parametrize(
    "call, code",
    [
        (lambda: Mapping.from_json("{"), "json.malformed"),
        (lambda: Mapping.from_json({"format_version": 2}), "document.format_version"),
        (lambda: Mapping.from_json({"format_version": 1, "columns": []}), "document.invalid"),
    ],
)
def test_bad_mappings_raise_the_core_code(call, code):
    assert code_of(call) == code


def test_migrate_takes_a_loaded_table():
    with pytest.raises(TypeError):
        Mapping.from_json(MAPPING).migrate(LEGACY)  # type: ignore[arg-type]
