"""The reference mission's indicator set in polars (see indicators_common.py for the semantics).

    python indicators_polars.py FILE [--totals OUT] [--threads N]

Loads the CSV with a declared schema (text columns as categoricals), drops the rows meal
rejects, then per indicator: one lazy query that filters, joins the rows to the windows of the
periods they fall in, and aggregates the total and each dimension (nulls are a group of their
own in polars, so the unknown cell is kept).
"""

import os
import sys

import indicators_common as common

if __name__ == "__main__":
    os.environ["POLARS_MAX_THREADS"] = str(common.arguments()[2])
import polars as pl  # noqa: E402  (the thread count is read at import)


def load(path):
    schema = {}
    for name in open(path, encoding="utf-8").readline().strip().split(","):
        if name in common.INTEGER:
            schema[name] = pl.Int64
        elif name in common.BOOLEAN:
            schema[name] = pl.Boolean
        elif name == "date":
            schema[name] = pl.Date
        elif name == "submitted_at":
            schema[name] = pl.Datetime("us", "UTC")
        elif name in ("record_id", "person", "age"):
            schema[name] = pl.String
        else:
            schema[name] = pl.Categorical
    return prepare(pl.read_csv(path, schema=schema))


def prepare(frame):
    """Drops the rows meal rejects and adds the age band: `(frame, rows read)`."""
    rows_read = frame.height
    age = pl.col("age").cast(pl.Int64, strict=False)
    frame = frame.filter(pl.col("age").is_null() | age.is_not_null()).with_columns(age.alias("age"))
    a = pl.col("age")
    frame = frame.with_columns(
        pl.when((a >= 0) & (a < 15)).then(pl.lit("under_15"))
        .when((a >= 15) & (a < 18)).then(pl.lit("15_17"))
        .when((a >= 18) & (a <= 120)).then(pl.lit("18_plus"))
        .otherwise(None).alias("age_band"))
    return frame, rows_read


def condition(cond):
    kind, column = cond[0], cond[1]
    if kind == "true":
        return pl.col(column).fill_null(False)
    if kind == "eq":
        return (pl.col(column).cast(pl.String) == cond[2]).fill_null(False)
    return pl.col(column).cast(pl.String).is_in(cond[2]).fill_null(False)


def part(spec):
    kind = spec[0]
    if kind == "one":
        return pl.lit(1, dtype=pl.Int64)
    if kind == "col":
        return pl.col(spec[1]).cast(pl.Int64)
    if kind == "and":
        return (pl.col(spec[1]).fill_null(False) & pl.col(spec[2]).fill_null(False)).cast(pl.Int64)
    if kind == "ge":
        return (pl.col(spec[1]) >= spec[2]).fill_null(False).cast(pl.Int64)
    mapping = {code: i for i, code in enumerate(spec[2], 1)}
    return pl.col(spec[1]).cast(pl.String).replace_strict(mapping, default=None, return_dtype=pl.Int64)


def windows_frame(ind):
    rows = [(pid, start or common.FIRST_DAY, end) for pid, start, end in ind.windows()]
    return pl.DataFrame({"pid": [r[0] for r in rows], "start": [r[1] for r in rows],
                         "end": [r[2] for r in rows]})


def aggregates(ind):
    out = [pl.len().alias("matched")]
    if ind.kind == "sum":
        out.append(part(ind.value).sum().alias("value"))
    elif ind.kind == "mean":
        v = part(ind.value)
        out += [v.sum().alias("num"), v.count().alias("den")]
    elif ind.kind == "ratio":
        n, d = part(ind.num), part(ind.den)
        usable = n.is_not_null() & d.is_not_null()
        out += [n.filter(usable).sum().alias("num"), d.filter(usable).sum().alias("den")]
    elif ind.kind == "distinct_persons":
        out.append(pl.col("person").drop_nulls().n_unique().alias("value"))
    return out


def compute(frame, ind, totals):
    mask = (pl.col("project").cast(pl.String) == ind.project) & \
        pl.col("activity").cast(pl.String).is_in(ind.activities)
    for cond in ind.where:
        mask = mask & condition(cond)
    first, last = ind.span()
    mask = mask & (pl.col("date") <= last)
    if first is not None:
        mask = mask & (pl.col("date") >= first)
    columns = {"date", "person", "age_band", *[d for d, _ in ind.dimensions]}
    for spec in (ind.value, ind.num, ind.den):
        if spec and spec[0] != "one":
            columns.update(spec[1:3] if spec[0] == "and" else [spec[1]])
    rows = frame.lazy().filter(mask).select(sorted(columns))
    joined = rows.join_where(windows_frame(ind).lazy(),
                             pl.col("date") >= pl.col("start"), pl.col("date") <= pl.col("end"))
    if ind.latest_only:
        joined = joined.filter(pl.col("date") == pl.col("date").max().over("pid"))
    groups = [joined.group_by("pid").agg(aggregates(ind))]
    for dimension, _ in ind.dimensions:
        groups.append(joined.group_by("pid", pl.col(dimension).cast(pl.String))
                      .agg(pl.len().alias("matched")))
    results = pl.collect_all(groups)
    emit(ind, results, totals)


def emit(ind, results, totals):
    by_period = {row["pid"]: row for row in results[0].iter_rows(named=True)}
    for pid, _, _ in ind.windows():
        row = by_period.get(pid, {})
        matched = row.get("matched", 0)
        value = matched if ind.kind == "count" else row.get("value") or 0
        totals.total(ind, pid, matched, value=value, num=row.get("num") or 0, den=row.get("den") or 0)
    for (dimension, categories), frame in zip(ind.dimensions, results[1:]):
        matched = {(pid, c): 0 for pid, _, _ in ind.windows() for c in categories + ["unknown"]}
        for row in frame.iter_rows(named=True):
            key = (row["pid"], common.cell(row[dimension], categories))
            matched[key] += row["matched"]
        for (pid, category), n in matched.items():
            totals.cell(ind, pid, dimension, category, n)


def main():
    path, out, _threads = common.arguments()
    started = common.clock()
    frame, rows_read = load(path)
    loaded = common.clock() - started
    totals = common.Totals()
    for ind in common.indicators():
        compute(frame, ind, totals)
    common.report("polars", rows_read, frame.height, loaded, common.clock() - started, totals, out)


if __name__ == "__main__":
    sys.exit(main())
