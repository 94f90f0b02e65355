"""The reference mission's indicator set from one pyarrow table, in Python: meal against the
same queries in pandas, polars and DuckDB (the peers' code is imported from
indicators_{pandas,polars,duckdb}.py, semantics in indicators_common.py).

    python python_indicators.py ENGINE FILE [--threads N]     # ENGINE: meal, polars, duckdb, pandas

The CSV is read once into a pyarrow table the way a notebook holds one (typed columns, the
low-cardinality texts dictionary-encoded as they come out of Parquet; `record_id`, `person`
and `age` plain strings) — outside the timing, the same for every engine. The timing starts
from that table: each engine takes it in (meal reads it in place through the Arrow C stream;
polars mostly zero-copy; DuckDB copies it into a native table; pandas converts it), drops
the rows meal rejects and computes every indicator. The checksum of the totals is
indicators_common's, so a run agrees with `benches/run indicators`.
"""

import json
import os
import sys

import indicators_common as common

ENGINE = sys.argv[1] if len(sys.argv) > 1 else ""
sys.argv = [sys.argv[0]] + sys.argv[2:]  # the rest as indicators_common reads it
PATH, OUT, THREADS = common.arguments()
os.environ["POLARS_MAX_THREADS"] = str(THREADS)

import pyarrow as pa  # noqa: E402
import pyarrow.csv as pacsv  # noqa: E402

# Text columns whose values repeat (sites, activities, …): dictionary-encoded in the table.
PLAIN_TEXT = ["record_id", "person", "age"]


def arrow_table(path):
    types = {c: pa.int64() for c in common.INTEGER}
    types.update({c: pa.bool_() for c in common.BOOLEAN})
    types.update({c: pa.string() for c in common.TEXT + ["age"]})
    types.update({"date": pa.date32(), "submitted_at": pa.timestamp("us", tz="UTC")})
    # An empty field is a null, as every engine reads it from the CSV.
    options = pacsv.ConvertOptions(column_types=types, strings_can_be_null=True)
    table = pacsv.read_csv(path, convert_options=options)
    for name in table.column_names:
        if name in common.TEXT and name not in PLAIN_TEXT:
            index = table.schema.get_field_index(name)
            table = table.set_column(index, name, table[name].dictionary_encode())
    return table


def meal_totals(results):
    """`meal_demo::reference::totals` over the results' figures (total and one-dimension cells)."""
    kinds = {}
    for name in common.LOGFRAMES:
        with open(os.path.join(common.DATA, name), encoding="utf-8") as f:
            for ind in json.load(f)["indicators"]:
                kinds[ind["code"]] = ind["measure"]["kind"]
    totals = common.Totals()
    number = lambda d: "none" if d is None else format(d.normalize(), "f")  # noqa: E731
    for figure in results.figures:
        kind = kinds.get(figure["indicator"])
        if kind is None or len(figure["cell"]) > 1:
            continue
        head = f'{figure["indicator"]} {figure["period"]}'
        matched = figure["rows"]["matched"]
        if figure["cell"]:
            ((dimension, category),) = figure["cell"].items()
            totals.lines.append(f"{head} {dimension}={category} matched={matched}")
            continue
        line = f"{head} total matched={matched}"
        if kind in ("count", "sum", "distinct_persons"):
            line += f" value={number(figure['value'])}"
        elif kind in ("ratio", "mean"):
            line += f" numerator={number(figure['numerator'])} denominator={number(figure['denominator'])}"
        totals.lines.append(line)
    return totals


def run_meal(table):
    import meal

    def document(name):
        with open(os.path.join(common.DATA, name), encoding="utf-8") as f:
            return f.read()

    periods = [pid for pid, _, _ in common.PERIODS]
    engine = meal.Engine([document(n) for n in common.LOGFRAMES], document("recipes.json"),
                         document("records-schema.json"), periods, now="2026-04-15T09:00:00+02:00")
    streamed = engine.compute_arrow(table)
    return streamed.rows_read, streamed.loaded, meal_totals(streamed.results)


def run_polars(table):
    import indicators_polars as peer
    import polars as pl

    frame, rows_read = peer.prepare(pl.from_arrow(table))
    totals = common.Totals()
    for ind in common.indicators():
        peer.compute(frame, ind, totals)
    return rows_read, frame.height, totals


def run_duckdb(table):
    import duckdb
    import indicators_duckdb as peer

    con = duckdb.connect()
    con.execute(f"SET threads = {THREADS}")
    con.register("records", table)
    con.execute("CREATE TABLE raw AS SELECT * FROM records")
    con.unregister("records")
    rows_read, loaded = peer.prepare(con)
    totals = common.Totals()
    for ind in common.indicators():
        peer.compute(con, ind, totals)
    return rows_read, loaded, totals


def run_pandas(table):
    import indicators_pandas as peer
    import pandas as pd

    mapping = {pa.int64(): pd.Int64Dtype(), pa.bool_(): pd.BooleanDtype(), pa.string(): pd.StringDtype()}
    frame = table.to_pandas(types_mapper=mapping.get, date_as_object=False)
    frame, rows_read = peer.prepare(frame)
    totals = common.Totals()
    for ind in common.indicators():
        peer.compute(frame, ind, totals)
    return rows_read, len(frame), totals


def main():
    runs = {"meal": run_meal, "polars": run_polars, "duckdb": run_duckdb, "pandas": run_pandas}
    if ENGINE not in runs:
        sys.exit("usage: python_indicators.py meal|polars|duckdb|pandas FILE [--threads N]")
    started = common.clock()
    table = arrow_table(PATH)
    read_s = common.clock() - started
    print(f"arrow_table_s={read_s:.3f} rows={table.num_rows} bytes={table.nbytes}", file=sys.stderr)
    started = common.clock()
    rows_read, loaded, totals = runs[ENGINE](table)
    # load_s is 0: the table is the input, its reading outside the timing.
    common.report(ENGINE, rows_read, loaded, 0.0, common.clock() - started, totals, OUT)


if __name__ == "__main__":
    main()
