"""Tables, the indicator engine, quality and reports from Python: idioms (Decimal, Period,
pickle, threads, notebooks) and the error codes of bad input. Figures themselves are pinned by
the shared vectors (test_vectors.py)."""

import concurrent.futures
import copy
import json
import pathlib
import pickle
from decimal import Decimal

import pytest

import meal
from meal import Engine, Loaded, MealError, Partial, Period, Results, Schema, Table

FORMS = pathlib.Path(__file__).resolve().parents[2] / "examples" / "forms"
VECTORS = pathlib.Path(__file__).resolve().parents[2] / "tests" / "vectors"
BASE = json.loads((VECTORS / "compute.json").read_text(encoding="utf-8"))["vectors"][0]["input"]
CSV = BASE["csv"]
NOW = BASE["now"]


def code_of(call):
    with pytest.raises(MealError) as raised:
        call()
    return raised.value.code


def pending(call):
    """Runs `call`; skips while the core module it needs still answers `*.not_implemented`."""
    try:
        return call()
    except MealError as error:
        if error.code.endswith(".not_implemented"):
            pytest.skip(error.code)
        raise


def engine(periods=("2026Q1",), **changes):
    i = copy.deepcopy(BASE)
    i.update(changes)
    return Engine(i["logframes"], i["recipes"], i["schema"], list(periods), now=NOW)


def loaded(csv=CSV):
    return Table.from_csv(BASE["schema"], csv)


# ---- schemas


def test_a_schema_lists_typed_columns_and_round_trips():
    schema = Schema.from_json(json.dumps(BASE["schema"]))
    assert len(schema) == 10
    first = schema.columns[0]
    assert (first.name, first.type, first.required) == ("record_id", "text", True)
    assert [c.type for c in schema.columns][-3:] == ["decimal", "boolean", "integer"]
    assert schema.findings() == []
    assert Schema.from_json(schema.to_json()).columns == schema.columns
    assert "record_id" in repr(schema)


def test_schema_findings_name_duplicate_columns():
    doc = {"format_version": 1, "columns": [{"name": "a", "type": "text"}, {"name": "a", "type": "integer"}]}
    assert [f.code for f in Schema.from_json(doc).findings()] == ["data.duplicate_column"]


def test_a_schema_from_a_form_has_its_value_fields():
    form = meal.Form.from_xlsform(FORMS / "consultation_medicale.xlsx")
    columns = {c.name: (c.type, c.required) for c in Schema.from_form(form).columns}
    assert columns["age"][0] == "integer" and columns["date_consultation"][0] == "date"
    assert columns["sexe"][0] == "text"
    assert code_of(lambda: Table.from_csv(Schema.from_form(form), "age\n16\n")) == "data.missing_column"


@pytest.mark.parametrize(
    "document, code",
    [
        ('{"format_version": 1,', "json.malformed"),
        ({"format_version": 99, "columns": []}, "document.format_version"),
        ({"format_version": 1, "columns": [{"name": "a", "type": "colour"}]}, "document.invalid"),
        (42, "document.format_version"),
    ],
)
def test_bad_schema_documents_raise_the_core_code(document, code):
    assert code_of(lambda: Schema.from_json(document)) == code


# ---- tables


def test_csv_loads_every_row_or_rejects_it_with_its_codes():
    result = loaded(CSV + "r11,2026-13-01,p9,f,abc,consult,,,maybe,\n")
    assert isinstance(result, Loaded)
    assert result.rows_read == 11 == len(result.table) + len(result.rejected)
    (bad,) = result.rejected
    assert bad.row == 11
    assert bad.codes == ["data.not_integer", "data.not_date", "data.not_boolean"] or sorted(bad.codes) == sorted(
        ["data.not_integer", "data.not_date", "data.not_boolean"]
    )
    assert all(f.path for f in bad.findings())
    assert result.findings() == []
    assert "rejected=1" in repr(result)


def test_csv_from_text_bytes_and_a_path_agree(tmp_path):
    path = tmp_path / "records.csv"
    path.write_text(CSV, encoding="utf-8")
    tables = [loaded(CSV).table, Table.from_csv(BASE["schema"], CSV.encode()).table]
    tables.append(Table.from_csv(Schema.from_json(BASE["schema"]), path).table)
    assert len({t.to_json_lines() for t in tables}) == 1


def test_a_table_selects_rows_and_writes_json_lines_that_read_back():
    table = loaded().table
    assert table.columns[:3] == ["record_id", "date", "person"]
    assert table.source_rows == list(range(1, 11))
    part = table.select([9, 0, 99])
    assert len(part) == 2 and part.source_rows == [10, 1]
    rows = [json.loads(line) for line in table.to_json_lines().splitlines()]
    assert rows[0]["record_id"] == "r1" and rows[0]["waiting_days"] == "3" and rows[0]["referred"] is True
    again = Table.from_json_lines(table.schema, table.to_json_lines())
    assert again.rows_read == 10 and again.table.to_json_lines() == table.to_json_lines()
    assert Table.from_json_lines(BASE["schema"], table.to_json_lines().encode()).rows_read == 10


def test_unknown_columns_are_a_finding_not_an_error():
    result = loaded("record_id,colour\nr1,blue\n")
    assert "data.unknown_column" in [f.code for f in result.findings()]


@pytest.mark.parametrize(
    "call, code",
    [
        (lambda: Table.from_csv(BASE["schema"], ""), "data.no_header"),
        (lambda: Table.from_csv(BASE["schema"], "date\n2026-01-01\n"), "data.missing_column"),
        (lambda: Table.from_csv('{"format_version": 1', "a\n"), "json.malformed"),
    ],
)
def test_inputs_that_are_not_tables_raise(call, code):
    assert code_of(call) == code


def test_lines_that_are_not_objects_are_rejected():
    result = Table.from_json_lines(BASE["schema"], '{"record_id": "r1"}\n[1, 2]\n')
    assert result.rows_read == 2 and [r.row for r in result.rejected] == [2]


def test_wrong_argument_types_are_type_errors():
    with pytest.raises(TypeError):
        Table.from_csv(BASE["schema"], 42)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        loaded().table.select("1")  # type: ignore[arg-type]


# ---- the engine


def test_compute_gives_exact_decimals_period_ids_and_cells():
    e = engine()
    assert e.findings() == [] and e.periods == [Period("2026Q1")] and e.fingerprint.startswith("sha256:")
    results = e.compute(loaded().table)
    assert isinstance(results, Results) and len(results) == len(results.figures)
    total = results.figure("C1", "2026Q1")
    assert total is not None
    assert total["value"] == Decimal("5") and isinstance(total["value"], Decimal)
    assert total["target"] == Decimal("4") and total["achievement"] == Decimal("1.25")
    assert total["period"] == "2026Q1" and total["cell"] == {} and total["status"] == "on_track"
    assert total["rows"] == {"in_window": 7, "matched": 5, "without_value": 0}
    assert results.figure("C1", Period("2026Q1"), {"sex": "unknown"})["value"] == Decimal("2")  # type: ignore[index]
    assert results.figure("C1", "2026Q2") is None
    assert results.sources["rows_read"] == 10 and "recipes" in results.sources["documents"]
    assert results.periods == [Period("2026Q1")]
    again = Results.from_json(results.to_json())
    assert again.figures == results.figures


def test_an_engine_takes_logframe_recipe_and_schema_objects():
    e = Engine(
        [meal.Logframe.from_json(json.dumps(lf)) for lf in BASE["logframes"]],
        meal.Recipes.from_json(BASE["recipes"]),
        Schema.from_json(BASE["schema"]),
        [Period("2026Q1"), "2026Q2"],
        now=NOW,
    )
    assert e.compute(loaded().table).figure("C1", "2026Q2")["value"] == Decimal("1")  # type: ignore[index]
    assert meal.Recipes.from_json(BASE["recipes"]).indicators == ["C1"]


def test_partitions_merged_equal_one_pass_and_states_pickle():
    e = engine()
    table = loaded().table
    states = [e.partial(table.select(list(rows))) for rows in (range(0, 4), range(4, 10))]
    merged = e.empty().merge(states[1]).merge(states[0])
    assert merged.rows_read == 10 and merged.engine == e.fingerprint
    assert e.finalize(merged).figures == e.compute(table).figures
    shipped = pickle.loads(pickle.dumps(states[0]))
    assert isinstance(shipped, Partial) and shipped == states[0]
    assert Partial.from_json(states[1].to_json()) == states[1] == Partial(states[1].to_json())
    assert states[0].merge(states[1]) == states[1].merge(states[0])


def test_compute_runs_in_threads_with_the_gil_released():
    e = engine()
    table = loaded().table
    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        figures = list(pool.map(lambda _: e.compute(table).figures, range(4)))
    assert all(f == figures[0] for f in figures)


def test_results_show_their_totals_in_notebooks():
    html = engine().compute(loaded().table)._repr_html_()
    assert html.startswith('<div class="meal">') and "<td><code>C1</code></td>" in html
    assert '<span class="on_track">● on track</span>' in html
    assert "sex" not in html  # the totals only, not the cells


def test_not_computed_indicators_are_findings():
    recipes = {"format_version": 1, "recipes": []}
    e = engine(recipes=recipes)
    assert e.findings() and e.findings()[0].code.startswith("compute.")
    assert [f.code for f in e.compute(loaded().table).findings()] == [f.code for f in e.findings()]


def other_table():
    schema = {"format_version": 1, "columns": [{"name": "record_id", "type": "text"}]}
    return Table.from_csv(schema, "record_id\nr1\n").table


@pytest.mark.parametrize(
    "call, code",
    [
        (lambda: engine(periods=()), "compute.no_periods"),
        (lambda: engine(periods=("2026Q1", "2026Q1")), "compute.duplicate_period"),
        (lambda: engine(periods=("2026Q5",)), "period.out_of_range"),
        (lambda: Engine(BASE["logframes"], BASE["recipes"], BASE["schema"], ["2026Q1"], now="yesterday"), "input.date_time"),
        (lambda: Engine(['{"format_version": 1'], BASE["recipes"], BASE["schema"], ["2026Q1"]), "json.malformed"),
        (lambda: Engine(BASE["logframes"], {"format_version": 1}, BASE["schema"], ["2026Q1"]), "document.invalid"),
        (lambda: engine().compute(other_table()), "compute.schema_mismatch"),
        (lambda: engine().partial(other_table()), "compute.schema_mismatch"),
        (lambda: engine().finalize(engine(periods=("2026Q2",)).empty()), "compute.incompatible_partial"),
        (lambda: engine().empty().merge(engine(periods=("2026Q2",)).empty()), "compute.incompatible_partial"),
        (lambda: Partial.from_json("{"), "json.malformed"),
        (lambda: Partial.from_json('{"engine": 1}'), "document.invalid"),
        (lambda: Results.from_json("[]"), "document.invalid"),
        (lambda: meal.Recipes.from_json("nope"), "json.malformed"),
    ],
)
def test_bad_computations_raise_the_core_code(call, code):
    assert code_of(call) == code


def test_engine_arguments_of_the_wrong_kind_are_type_errors():
    # compute takes a Table or any Arrow data: a string is neither.
    with pytest.raises(meal.MealError, match="Arrow") as raised:
        engine().compute("r1,2026-01-01")
    assert raised.value.code == "data.not_arrow"
    with pytest.raises(TypeError):
        Engine(BASE["logframes"], BASE["recipes"], BASE["schema"], 2026)  # type: ignore[arg-type]


# ---- quality and reports


QUALITY = {v["name"]: v["input"] for v in json.loads((VECTORS / "quality.json").read_text(encoding="utf-8"))["vectors"]}


def test_quality_checks_give_a_scorecard_failures_and_a_summary():
    i = QUALITY["rules-operators-importance-and-missing-values"]
    checks = meal.QualityChecks.from_json(i["checks"])
    assert checks.findings() == [] and checks.findings(schema=i["schema"]) == []
    loaded = Table.from_csv(Schema.from_json(i["schema"]), i["csv"])
    report = meal.check_quality(loaded, checks, now=i["now"])
    assert report.rows_checked == loaded.rows_read
    assert report.rows_rejected == len(loaded.rejected) and report.rows_unplaced >= 0
    assert report.scorecard and all(isinstance(s["records"], int) for s in report.scorecard)
    assert report.failures and {f["check"] for f in report.failures} == {"rule"}
    summary = report.summary()
    assert summary["rule_violations"] == len(report.failures)
    assert meal.QualityReport.from_json(report.to_json()).to_json() == report.to_json()
    assert "QualityReport(" in repr(report)


def test_quality_shares_are_decimals():
    i = QUALITY["completeness-required-cells"]
    report = meal.check_quality(Table.from_csv(i["schema"], i["csv"]), i["checks"], now=i["now"])
    shares = [s["completeness"] for s in report.scorecard if s["completeness"] is not None]
    assert shares and all(isinstance(s, Decimal) for s in shares)
    assert isinstance(report.summary()["completeness"], Decimal)


def test_checks_that_do_not_fit_the_schema_are_findings_then_an_error():
    i = QUALITY["error-unknown-column"]
    checks = meal.QualityChecks.from_json(json.dumps(i["checks"]))
    assert checks.findings() == []
    codes = [f.code for f in checks.findings(schema=Schema.from_json(i["schema"]))]
    loaded = Table.from_csv(i["schema"], i["csv"])
    assert codes and code_of(lambda: meal.check_quality(loaded, checks, now=i["now"])) == codes[0]


@pytest.mark.parametrize(
    "call, code",
    [
        (lambda: meal.QualityChecks.from_json("{"), "json.malformed"),
        (lambda: meal.QualityChecks.from_json({"format_version": 7}), "document.format_version"),
        (lambda: meal.QualityChecks.from_json({"format_version": 1}), "document.invalid"),
        (lambda: meal.QualityReport.from_json('{"rows_checked": "x"}'), "document.invalid"),
        (
            lambda: meal.check_quality(
                Table.from_csv(QUALITY["completeness-required-cells"]["schema"], QUALITY["completeness-required-cells"]["csv"]),
                QUALITY["completeness-required-cells"]["checks"],
                now="soon",
            ),
            "input.date_time",
        ),
    ],
)
def test_bad_quality_input_raises_the_core_code(call, code):
    assert code_of(call) == code


def test_check_quality_wants_a_loaded_table():
    with pytest.raises(TypeError):
        meal.check_quality(loaded().table, {"format_version": 1})  # type: ignore[arg-type]


def results():
    return engine().compute(loaded().table)


def test_a_sitrep_renders_text_and_xlsx_and_writes_by_extension(tmp_path):
    sitrep = meal.Sitrep(BASE["logframes"], results(), "2026Q1", scope="TST", locale="fr")
    markdown = pending(lambda: sitrep.render("markdown"))
    assert isinstance(markdown, str) and markdown
    assert isinstance(sitrep.render("xlsx"), bytes)
    assert sitrep._repr_html_() == sitrep.render("html")
    sitrep.write(tmp_path / "sitrep.md")
    assert (tmp_path / "sitrep.md").read_text(encoding="utf-8") == markdown
    sitrep.write(tmp_path / "sitrep.xlsx")
    assert (tmp_path / "sitrep.xlsx").read_bytes()[:2] == b"PK"


def test_an_annual_report_renders():
    year = engine(periods=("2026", "2026Q1", "2026Q2", "2026Q3", "2026Q4")).compute(loaded().table)
    report = meal.AnnualReport([meal.Logframe.from_json(json.dumps(BASE["logframes"][0]))], year, 2026, audience="external")
    assert pending(lambda: report.render("csv")).startswith("project,")


@pytest.mark.parametrize(
    "call, code",
    [
        (lambda: meal.Sitrep(BASE["logframes"], results(), "2026Q1", audience="public"), "document.invalid"),
        (lambda: meal.Sitrep(BASE["logframes"], results(), "2026Q9"), "period.out_of_range"),
        (lambda: meal.Sitrep(BASE["logframes"], results(), "2026Q1").render("pdf"), "document.invalid"),
        (lambda: meal.AnnualReport(BASE["logframes"], results(), 12345), "report.bad_year"),
        (lambda: meal.AnnualReport(BASE["logframes"], results(), 2026), "report.period_not_computed"),
        (lambda: meal.Sitrep(BASE["logframes"], results(), "2026Q1", scope="ZZ"), "report.unknown_project"),
        (lambda: meal.Sitrep(BASE["logframes"], results(), "2026Q2"), "report.period_not_computed"),
        (lambda: meal.Sitrep(BASE["logframes"], results(), "2026Q1", audience="external", threshold=0), "disclosure.bad_threshold"),
        (lambda: meal.Sitrep(BASE["logframes"], results(), "2026Q1", threshold=-1), "document.invalid"),
    ],
)
def test_bad_report_requests_raise_the_core_code(call, code):
    assert code_of(call) == code


def test_writing_to_an_unknown_extension_raises(tmp_path):
    sitrep = meal.Sitrep(BASE["logframes"], results(), "2026Q1")
    assert code_of(lambda: sitrep.write(tmp_path / "sitrep.pdf")) == "document.invalid"


def test_compute_csv_streams_a_file_with_every_row_accounted_for(tmp_path):
    e = engine(periods=("2026Q1", "202601"))
    bad = CSV + "r11,2026-02-01,p9,f,old,consult,,,,\n"
    whole = e.compute(loaded().table)
    path = tmp_path / "records.csv"
    path.write_text(bad, encoding="utf-8")
    for source in (path, str(path.read_text(encoding="utf-8")), bad.encode("utf-8")):
        streamed = e.compute_csv(source, chunk_bytes=64)
        assert (streamed.rows_read, streamed.loaded) == (11, 10)
        assert [(r.row, r.codes) for r in streamed.rejected] == [(11, ["data.not_integer"])]
        assert streamed.results.figures == whole.figures
        assert streamed.findings() == []
    assert code_of(lambda: e.compute_csv(b"")) == "data.no_header"
    with pytest.raises(FileNotFoundError):
        e.compute_csv(tmp_path / "missing.csv")
