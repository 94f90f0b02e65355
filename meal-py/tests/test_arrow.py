"""Arrow in and out (issue 8): pyarrow, polars, pandas and DuckDB frames load typed by the
core's rules (rows rejected with findings, never dropped), and tables go back out through the
PyCapsule stream."""

import datetime
import io
import json
import pathlib
from decimal import Decimal

import pytest

pa = pytest.importorskip("pyarrow")
pacsv = pytest.importorskip("pyarrow.csv")
pl = pytest.importorskip("polars")
pd = pytest.importorskip("pandas")

import meal  # noqa: E402
from meal import Engine, MealError, Table  # noqa: E402

VECTORS = pathlib.Path(__file__).resolve().parents[2] / "tests" / "vectors"
BASE = json.loads((VECTORS / "compute.json").read_text(encoding="utf-8"))["vectors"][0]["input"]


def schema(*columns):
    return {
        "format_version": 1,
        "columns": [{"name": n, "type": t, "required": r} for n, t, r in columns],
    }


def rejected(loaded):
    return [(r.row, r.codes) for r in loaded.rejected]


def code_of(call):
    with pytest.raises(MealError) as raised:
        call()
    return raised.value.code


def rows(loaded):
    return [json.loads(line) for line in loaded.table.to_json_lines().splitlines()]


# ---- in


def test_types_are_inferred_from_arrow():
    t = pa.table(
        {
            "s": pa.array(["a", None, "b"]),
            "i": pa.array([1, 2, None], pa.int16()),
            "d": pa.array([Decimal("1.50"), None, Decimal("-2")], pa.decimal128(10, 2)),
            "f": pa.array([0.1, None, 2.0], pa.float32()),
            "b": pa.array([True, None, False]),
            "on": pa.array([datetime.date(2026, 3, 31), None, datetime.date(2026, 1, 1)]),
            "at": pa.array(
                [datetime.datetime(2026, 3, 31, 10, tzinfo=datetime.timezone.utc), None, None],
                pa.timestamp("ms", tz="Europe/Paris"),
            ),
        }
    )
    loaded = Table.from_arrow(t)
    types = [c.type for c in loaded.table.schema.columns]
    assert types == ["text", "integer", "decimal", "decimal", "boolean", "date", "date_time"]
    assert loaded.rows_read == 3 and rejected(loaded) == [] and loaded.findings() == []
    assert rows(loaded)[0] == {
        "s": "a",
        "i": 1,
        "d": "1.50",
        "f": "0.1",
        "b": True,
        "on": "2026-03-31",
        "at": "2026-03-31T10:00:00+00:00",
    }
    assert all(v is None for k, v in rows(loaded)[1].items() if k != "i")


def test_a_round_trip_through_arrow_gives_the_same_table():
    csv = meal.Table.from_csv(BASE["schema"], BASE["csv"]).table
    back = Table.from_arrow(csv)
    assert back.rejected == [] and back.findings() == []
    assert back.table.to_json_lines() == csv.to_json_lines()
    assert back.table.schema.columns == csv.schema.columns
    again = Table.from_arrow(pa.table(csv), BASE["schema"]).table
    assert again.to_json_lines() == csv.to_json_lines()


def test_choices_and_hashtags_survive_the_round_trip():
    s = {
        "format_version": 1,
        "columns": [
            {"name": "needs", "type": "choices", "hxl": "#need+list"},
            {"name": "n", "type": "integer", "required": True},
        ],
    }
    t = Table.from_json_lines(s, '{"needs": ["food", "water"], "n": 2}\n').table
    back = Table.from_arrow(t).table
    assert back.schema.columns == t.schema.columns
    assert back.to_json_lines() == t.to_json_lines()


def test_a_schema_types_columns_by_name_and_reports_extra_columns():
    t = pa.table({"extra": [1, 2], "n": ["3", "x"], "on": ["2026-01-01", "2026-02-30"]})
    loaded = Table.from_arrow(t, schema(("n", "integer", True), ("on", "date", False)))
    assert loaded.rows_read == 2
    assert rejected(loaded) == [(2, ["data.not_integer", "data.not_date"])]
    findings = loaded.findings()
    assert [f.code for f in findings] == ["data.unknown_column"]
    assert rows(loaded) == [{"n": 3, "on": "2026-01-01"}]


def test_a_missing_required_column_is_an_error_and_an_optional_one_a_warning():
    t = pa.table({"a": [1]})
    assert code_of(lambda: Table.from_arrow(t, schema(("b", "integer", True)))) == "data.missing_column"
    loaded = Table.from_arrow(t, schema(("a", "integer", True), ("b", "text", False)))
    assert [f.code for f in loaded.findings()] == ["data.missing_column"]
    assert rows(loaded) == [{"a": 1, "b": None}]


def test_nulls_in_a_required_column_reject_the_row():
    t = pa.table({"id": ["a", None, "c"], "n": [1, 2, 3]})
    loaded = Table.from_arrow(t, schema(("id", "text", True), ("n", "integer", False)))
    assert loaded.rows_read == 3 == len(loaded.table) + len(loaded.rejected)
    assert rejected(loaded) == [(2, ["data.required"])]
    assert loaded.table.source_rows == [1, 3]


def test_nan_infinity_and_uint64_overflow_reject_rows_with_findings():
    t = pa.table(
        {
            "x": pa.array([1.5, float("nan"), float("inf"), -float("inf"), 2.0]),
            "u": pa.array([1, 2, 3, 4, 2**64 - 1], pa.uint64()),
        }
    )
    loaded = Table.from_arrow(t)
    assert rejected(loaded) == [
        (2, ["data.not_finite"]),
        (3, ["data.not_finite"]),
        (4, ["data.not_finite"]),
        (5, ["data.not_integer"]),
    ]
    finding = loaded.rejected[3].findings()[0]
    assert finding.path == "u"
    assert rows(loaded) == [{"x": "1.5", "u": 1}]


def test_whole_floats_load_into_integer_columns():
    # pandas turns a nullable integer column into float64.
    df = pd.DataFrame({"age": [16, None, 40]})
    assert df["age"].dtype == "float64"
    loaded = Table.from_arrow(df, schema(("age", "integer", False)))
    assert rows(loaded) == [{"age": 16}, {"age": None}, {"age": 40}]
    half = Table.from_arrow(pa.table({"age": [1.5]}), schema(("age", "integer", False)))
    assert rejected(half) == [(1, ["data.not_integer"])]


def test_dictionary_and_string_view_columns_are_text():
    codes = pa.array([0, 1, None, 0], pa.int8())
    dictionary = pa.DictionaryArray.from_arrays(codes, pa.array(["north", "south"]))
    view = pa.array(["a", None, "b", "a"], pa.string_view())
    large = pa.array(["x", "y", None, ""], pa.large_string())
    loaded = Table.from_arrow(pa.table({"site": dictionary, "v": view, "l": large}))
    assert [c.type for c in loaded.table.schema.columns] == ["text", "text", "text"]
    assert [r["site"] for r in rows(loaded)] == ["north", "south", None, "north"]
    assert [r["v"] for r in rows(loaded)] == ["a", None, "b", "a"]
    assert [r["l"] for r in rows(loaded)] == ["x", "y", None, None]


def test_polars_frames_with_categoricals_and_string_views_load():
    df = pl.DataFrame(
        {
            "site": pl.Series(["n", "s", None], dtype=pl.Categorical),
            "name": ["a", "b", "c"],
            "n": pl.Series([1, None, 3], dtype=pl.Int32),
            "on": [datetime.date(2026, 1, 1), None, datetime.date(2026, 2, 1)],
        }
    )
    loaded = Table.from_arrow(df)
    assert [c.type for c in loaded.table.schema.columns] == ["text", "text", "integer", "date"]
    assert rows(loaded)[2] == {"site": None, "name": "c", "n": 3, "on": "2026-02-01"}


def test_pandas_frames_with_categoricals_load():
    df = pd.DataFrame({"sex": pd.Categorical(["f", "m", None]), "n": [1, 2, 3]})
    loaded = Table.from_arrow(df)
    assert [r["sex"] for r in rows(loaded)] == ["f", "m", None]
    assert [r["n"] for r in rows(loaded)] == [1, 2, 3]


def test_duckdb_relations_load_and_read_tables():
    duckdb = pytest.importorskip("duckdb")
    relation = duckdb.sql("SELECT 1 AS n, 'a' AS s, DATE '2026-03-31' AS on_date")
    loaded = Table.from_arrow(relation)
    assert rows(loaded) == [{"n": 1, "s": "a", "on_date": "2026-03-31"}]
    tbl = loaded.table  # noqa: F841 (read by DuckDB's replacement scan)
    assert duckdb.sql("SELECT n, s FROM tbl").fetchall() == [(1, "a")]


def test_empty_and_one_row_tables():
    empty = pa.table({"n": pa.array([], pa.int64()), "s": pa.array([], pa.string())})
    loaded = Table.from_arrow(empty)
    assert loaded.rows_read == 0 and len(loaded.table) == 0
    assert pa.table(loaded.table).num_rows == 0
    assert pa.table(loaded.table).schema.field("s").type == pa.dictionary(pa.int32(), pa.string())
    one = Table.from_arrow(pa.table({"n": [7]}))
    assert rows(one) == [{"n": 7}]
    assert Table.from_arrow(pa.table({})).rows_read == 0


def test_record_batches_and_readers_are_accepted():
    batch = pa.record_batch({"n": [1, 2]})
    assert Table.from_arrow(batch).rows_read == 2
    reader = pa.RecordBatchReader.from_batches(batch.schema, [batch, batch])
    loaded = Table.from_arrow(reader)
    assert loaded.rows_read == 4 and loaded.table.source_rows == [1, 2, 3, 4]


def test_naive_timestamps_are_read_as_utc_with_a_warning():
    t = pa.table({"at": pa.array([datetime.datetime(2026, 3, 31, 10)], pa.timestamp("us"))})
    loaded = Table.from_arrow(t)
    assert rows(loaded) == [{"at": "2026-03-31T10:00:00+00:00"}]
    assert [f.code for f in loaded.findings()] == ["data.naive_timestamp"]


def test_unsupported_types_and_non_arrow_input_raise_codes():
    t = pa.table({"xs": pa.array([[1, 2]])})
    with pytest.raises(MealError) as raised:
        Table.from_arrow(t)
    assert raised.value.code == "data.unsupported_arrow_type"
    assert raised.value.params["column"] == "xs"
    assert code_of(lambda: Table.from_arrow(t, schema(("xs", "text", False)))) == (
        "data.unsupported_arrow_type"
    )
    # An unsupported column the schema does not declare is only an unknown column.
    ok = Table.from_arrow(pa.table({"xs": pa.array([[1]]), "n": [1]}), schema(("n", "integer", False)))
    assert [f.code for f in ok.findings()] == ["data.unknown_column"]
    assert code_of(lambda: Table.from_arrow({"n": [1]})) == "data.not_arrow"
    assert code_of(lambda: Table.from_arrow(pl.DataFrame({"n": [1]}).lazy())) == "data.not_arrow"
    dup = pa.table([pa.array([1]), pa.array([2])], names=["n", "n"])
    assert code_of(lambda: Table.from_arrow(dup)) == "data.duplicate_column"
    assert code_of(lambda: Table.from_arrow(dup, schema(("n", "integer", False)))) == (
        "data.duplicate_header"
    )


def test_decimals_are_exact_in_and_out():
    values = [Decimal("0.1"), Decimal("123456789012345678.123456789"), None]
    t = pa.table({"d": pa.array(values, pa.decimal128(38, 9))})
    loaded = Table.from_arrow(t)
    assert [r["d"] for r in rows(loaded)] == ["0.100000000", "123456789012345678.123456789", None]
    big = pa.table({"d": pa.array([Decimal(10) ** 30], pa.decimal128(38, 0))})
    assert rejected(Table.from_arrow(big)) == [(1, ["data.not_decimal"])]
    wide = pa.table({"d": pa.array([Decimal("1.5")], pa.decimal256(50, 1))})
    assert rows(Table.from_arrow(wide)) == [{"d": "1.5"}]
    mixed = Table.from_json_lines(
        schema(("d", "decimal", False)), '{"d": "1.5"}\n{"d": "20"}\n{"d": null}\n'
    ).table
    out = pa.table(mixed)
    assert out.schema.field("d").type == pa.decimal128(38, 1)
    assert out.column("d").to_pylist() == [Decimal("1.5"), Decimal("20.0"), None]


# ---- out


def test_out_types_follow_the_documented_rules():
    csv = meal.Table.from_csv(BASE["schema"], BASE["csv"]).table
    out = csv.to_arrow()
    assert isinstance(out, pa.Table)
    types = {f.name: f.type for f in out.schema}
    assert types["record_id"] == pa.dictionary(pa.int32(), pa.string())
    assert types["date"] == pa.date32()
    assert types["age"] == pa.int64()
    assert types["referred"] == pa.bool_()
    assert pa.types.is_decimal(types["waiting_days"])
    assert not out.schema.field("record_id").nullable and out.schema.field("age").nullable
    at = Table.from_json_lines(
        schema(("at", "date_time", False)), '{"at": "2026-03-31T12:00:00+02:00"}\n'
    ).table
    field = pa.table(at).schema.field("at")
    assert field.type == pa.timestamp("us", tz="UTC")
    assert pa.table(at).column("at")[0].as_py() == datetime.datetime(
        2026, 3, 31, 10, tzinfo=datetime.timezone.utc
    )


def test_pandas_and_polars_helpers():
    csv = meal.Table.from_csv(BASE["schema"], BASE["csv"]).table
    df = csv.to_pandas()
    assert isinstance(df, pd.DataFrame) and len(df) == len(csv)
    assert str(df["sex"].dtype) == "category"
    assert str(df["age"].dtype) == "Int64" and str(df["referred"].dtype) == "boolean"
    assert df["nights"].isna().sum() == sum(1 for line in csv.to_json_lines().splitlines() if '"nights":null' in line)
    frame = csv.to_polars()
    assert isinstance(frame, pl.DataFrame) and frame.height == len(csv)
    assert frame.schema["sex"] == pl.Categorical
    assert pl.DataFrame(csv).shape == frame.shape


def test_computing_from_arrow_equals_computing_from_the_csv():
    engine = Engine(BASE["logframes"], BASE["recipes"], BASE["schema"], ["2026Q1"], now=BASE["now"])
    from_csv = Table.from_csv(BASE["schema"], BASE["csv"])
    arrow = pacsv.read_csv(io.BytesIO(BASE["csv"].encode()))
    from_arrow = Table.from_arrow(arrow, BASE["schema"])
    assert from_arrow.rows_read == from_csv.rows_read
    assert rejected(from_arrow) == rejected(from_csv)
    assert from_arrow.table.to_json_lines() == from_csv.table.to_json_lines()
    assert engine.compute(from_arrow.table).figures == engine.compute(from_csv.table).figures
    from_polars = Table.from_arrow(pl.from_arrow(arrow), BASE["schema"])
    assert engine.compute(from_polars.table).figures == engine.compute(from_csv.table).figures


# ---- the engine straight from DataFrames, column selection


def base_engine():
    return Engine(BASE["logframes"], BASE["recipes"], BASE["schema"], ["2026Q1"], now=BASE["now"])


def base_arrow():
    return pacsv.read_csv(io.BytesIO(BASE["csv"].encode()))


def test_the_engine_computes_from_any_arrow_producer_as_from_the_loaded_table():
    engine = base_engine()
    arrow = base_arrow()
    expected = engine.compute(Table.from_arrow(arrow, BASE["schema"]).table).figures
    duckdb = pytest.importorskip("duckdb")
    categorical = arrow.set_column(
        arrow.schema.get_field_index("sex"), "sex", pa.compute.dictionary_encode(arrow["sex"])
    )
    producers = {
        "pyarrow": arrow,
        "reader": pa.RecordBatchReader.from_batches(arrow.schema, arrow.to_batches(max_chunksize=2)),
        "polars": pl.from_arrow(arrow).with_columns(pl.col("sex").cast(pl.Categorical)),
        "pandas": arrow.to_pandas(types_mapper=pd.ArrowDtype),
        "duckdb": duckdb.sql("SELECT * FROM arrow"),
        "dictionary": categorical,
        "string_view": arrow.cast(
            pa.schema([f.with_type(pa.string_view()) if f.type == pa.string() else f for f in arrow.schema])
        ),
    }
    for name, records in producers.items():
        assert engine.compute(records).figures == expected, name
    # Tiny chunks: the same figures once the chunks' states are merged.
    streamed = engine.compute_arrow(arrow, chunk_rows=1)
    assert streamed.results.figures == expected
    assert streamed.rows_read == arrow.num_rows == streamed.loaded
    assert engine.finalize(engine.partial(arrow)).figures == expected


def test_compute_arrow_accounts_for_every_row_in_stream_order():
    engine = base_engine()
    arrow = base_arrow()
    # Row 3's person is required nowhere, but a record_id is: a null rejects that row only.
    ids = arrow["record_id"].to_pylist()
    ids[2] = None
    broken = arrow.set_column(0, "record_id", pa.array(ids))
    for chunk_rows in (1, 2, 1000):
        streamed = engine.compute_arrow(broken, chunk_rows=chunk_rows)
        assert streamed.rows_read == arrow.num_rows
        assert streamed.loaded == arrow.num_rows - 1
        assert [(r.row, r.codes) for r in streamed.rejected] == [(3, ["data.required"])]
    loaded = Table.from_arrow(broken, BASE["schema"])
    assert engine.compute(broken).figures == engine.compute(loaded.table).figures


def test_the_engine_refuses_bad_arrow_input_with_codes():
    engine = base_engine()
    arrow = base_arrow()

    class NotArrow:
        pass

    class BrokenStream:
        def __arrow_c_stream__(self, requested_schema=None):
            raise RuntimeError("producer failed")

    assert code_of(lambda: engine.compute(NotArrow())) == "data.not_arrow"
    assert code_of(lambda: engine.compute([1, 2])) == "data.not_arrow"
    assert code_of(lambda: engine.compute_arrow(BrokenStream())) == "data.arrow_unreadable"
    assert code_of(lambda: engine.partial(NotArrow())) == "data.not_arrow"
    assert code_of(lambda: engine.compute(arrow.drop_columns(["record_id"]))) == "data.missing_column"
    # A required column absent is refused even when there are no rows to read.
    empty = arrow.slice(0, 0).drop_columns(["record_id"])
    assert code_of(lambda: engine.compute(empty)) == "data.missing_column"
    lists = pa.array([[1]] * arrow.num_rows, pa.list_(pa.int64()))
    odd = arrow.set_column(arrow.schema.get_field_index("age"), "age", lists)
    assert code_of(lambda: engine.compute(odd)) == "data.unsupported_arrow_type"
    # A column the schema does not declare is not read: a warning, whatever its type.
    extra = engine.compute_arrow(arrow.append_column("blob", lists))
    assert [f.code for f in extra.findings()] == ["data.unknown_column"]
    # A column of a type no cell of its schema column can be read from rejects rows, never crashes.
    wrong = arrow.set_column(
        arrow.schema.get_field_index("age"), "age", pa.array([2**62] * arrow.num_rows, pa.uint64())
    )
    streamed = engine.compute_arrow(wrong)
    assert streamed.rows_read == arrow.num_rows and streamed.loaded == arrow.num_rows


def test_null_heavy_and_huge_values_are_typed_by_the_core_rules():
    engine = base_engine()
    arrow = base_arrow()
    n = arrow.num_rows
    nulls = {name: pa.nulls(n, arrow.schema.field(name).type) for name in arrow.column_names if name != "record_id"}
    all_null = pa.table({"record_id": arrow["record_id"], **nulls})
    streamed = engine.compute_arrow(all_null)
    assert streamed.loaded == n and streamed.rejected == []
    assert all(f["rows"]["in_window"] == 0 for f in streamed.results.figures)
    huge = arrow.set_column(
        arrow.schema.get_field_index("nights"), "nights", pa.array([2**64 - 1] * n, pa.uint64())
    )
    streamed = engine.compute_arrow(huge)
    assert streamed.loaded == 0
    assert {tuple(r.codes) for r in streamed.rejected} == {("data.not_integer",)}


def test_columns_are_selected_by_name_or_hxl_pattern():
    doc = {
        "format_version": 1,
        "columns": [
            {"name": "site", "type": "text", "hxl": "#loc+name"},
            {"name": "women", "type": "integer", "hxl": "#reached+f+adult"},
            {"name": "girls", "type": "integer", "hxl": "#reached+f+children"},
            {"name": "boys", "type": "integer", "hxl": "#reached+m+children"},
            {"name": "note", "type": "text"},
        ],
    }
    table = Table.from_csv(doc, "site,women,girls,boys,note\nCalais,3,4,5,x\nDunkerque,,1,2,\n").table
    assert table.columns_matching("#reached+f") == ["women", "girls"]
    assert table.columns_matching("#*+children") == ["girls", "boys"]
    assert table.columns_matching("#reached-adult") == ["girls", "boys"]
    assert table.columns_matching("#affected") == []
    picked = table.select_columns(["note", "#reached+children", "girls", "site"])
    assert picked.columns == ["note", "girls", "boys", "site"]
    assert picked.source_rows == table.source_rows and len(picked) == 2
    assert [c.hxl for c in picked.schema.columns] == [None, "#reached+f+children", "#reached+m+children", "#loc+name"]
    assert pa.table(picked).column("boys").to_pylist() == [5, 2]
    assert code_of(lambda: table.select_columns(["age"])) == "data.no_such_column"
    assert code_of(lambda: table.select_columns(["#affected"])) == "hxl.no_column_matches"
    assert code_of(lambda: table.select_columns(["#reached+f-f"])) == "hxl.invalid_pattern"
    assert code_of(lambda: table.columns_matching("reached")) == "hxl.invalid_pattern"
    assert table.select_columns([]).columns == []
