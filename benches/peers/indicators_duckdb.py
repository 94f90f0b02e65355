"""The reference mission's indicator set in DuckDB (see indicators_common.py for the semantics).

    python indicators_duckdb.py FILE [--totals OUT] [--threads N]

Loads the CSV into a native table with declared column types (text as VARCHAR), drops the rows
meal rejects, then per indicator one SQL query: the rows that pass the filter, joined to the
windows of the periods they fall in, aggregated with GROUPING SETS for the total and each
dimension (a NULL key is a group of its own, so the unknown cell is kept).
"""

import duckdb

import indicators_common as common


def sql_text(value):
    return "'" + value.replace("'", "''") + "'"


def load(con, path):
    types = {c: "VARCHAR" for c in common.TEXT + ["age"]}
    types.update({c: "BIGINT" for c in common.INTEGER})
    types.update({c: "BOOLEAN" for c in common.BOOLEAN})
    types.update({"date": "DATE", "submitted_at": "TIMESTAMPTZ"})
    header = open(path, encoding="utf-8").readline().strip().split(",")
    columns = ", ".join(f"'{name}': '{types[name]}'" for name in header)
    con.execute(f"CREATE TABLE raw AS SELECT * FROM read_csv({sql_text(path)}, header = true, "
                f"columns = {{{columns}}})")
    return prepare(con)


def prepare(con):
    """Table `t` from table `raw`: the rows meal rejects dropped, the age band added;
    `(rows read, rows loaded)`."""
    rows_read = con.execute("SELECT count(*) FROM raw").fetchone()[0]
    con.execute("""
        CREATE TABLE t AS
        SELECT * REPLACE (TRY_CAST(age AS BIGINT) AS age),
               CASE WHEN TRY_CAST(age AS BIGINT) BETWEEN 0 AND 14 THEN 'under_15'
                    WHEN TRY_CAST(age AS BIGINT) BETWEEN 15 AND 17 THEN '15_17'
                    WHEN TRY_CAST(age AS BIGINT) BETWEEN 18 AND 120 THEN '18_plus' END AS age_band
        FROM raw WHERE age IS NULL OR TRY_CAST(age AS BIGINT) IS NOT NULL""")
    con.execute("DROP TABLE raw")
    loaded = con.execute("SELECT count(*) FROM t").fetchone()[0]
    return rows_read, loaded


def condition(cond):
    kind, column = cond[0], cond[1]
    if kind == "true":
        return f"coalesce({column}, false)"
    if kind == "eq":
        return f"coalesce({column} = {sql_text(cond[2])}, false)"
    return f"coalesce({column} IN ({', '.join(map(sql_text, cond[2]))}), false)"


def part(spec):
    kind = spec[0]
    if kind == "one":
        return "1"
    if kind == "col":
        return f"CAST({spec[1]} AS BIGINT)"
    if kind == "and":
        return f"CAST(coalesce({spec[1]}, false) AND coalesce({spec[2]}, false) AS BIGINT)"
    if kind == "ge":
        return f"CAST(coalesce({spec[1]} >= {spec[2]}, false) AS BIGINT)"
    cases = " ".join(f"WHEN {sql_text(c)} THEN {i}" for i, c in enumerate(spec[2], 1))
    return f"CASE {spec[1]} {cases} END"


def aggregates(ind):
    if ind.kind == "sum":
        return f"coalesce(sum({part(ind.value)}), 0), NULL"
    if ind.kind == "mean":
        v = part(ind.value)
        return f"coalesce(sum({v}), 0), count({v})"
    if ind.kind == "ratio":
        n, d = part(ind.num), part(ind.den)
        usable = f"({n}) IS NOT NULL AND ({d}) IS NOT NULL"
        return (f"coalesce(sum({n}) FILTER (WHERE {usable}), 0), "
                f"coalesce(sum({d}) FILTER (WHERE {usable}), 0)")
    if ind.kind == "distinct_persons":
        return "count(DISTINCT person), NULL"
    return "NULL, NULL"


def query(ind):
    windows = ", ".join(f"({sql_text(pid)}, DATE '{start or common.FIRST_DAY}', DATE '{end}')"
                        for pid, start, end in ind.windows())
    where = [f"project = {sql_text(ind.project)}",
             f"activity IN ({', '.join(map(sql_text, ind.activities))})"]
    where += [condition(c) for c in ind.where]
    first, last = ind.span()
    where.append(f"date <= DATE '{last}'")
    if first is not None:
        where.append(f"date >= DATE '{first}'")
    dims = [d for d, _ in ind.dimensions]
    sets = ", ".join(["(pid)"] + [f"(pid, {d})" for d in dims])
    grouping = f"GROUPING({', '.join(dims)})" if dims else "0"
    # Snapshots of additive measures keep the rows of the latest date of each period.
    latest = "QUALIFY date = max(date) OVER (PARTITION BY pid)" if ind.latest_only else ""
    return f"""
        WITH w(pid, first_day, last_day) AS (VALUES {windows}),
        rows AS (
            SELECT w.pid, t.* FROM t JOIN w ON t.date BETWEEN w.first_day AND w.last_day
            WHERE {' AND '.join(where)} {latest})
        SELECT pid, {grouping} AS g, {''.join(d + ', ' for d in dims)}
               count(*) AS matched, {aggregates(ind)}
        FROM rows GROUP BY GROUPING SETS ({sets})"""


def compute(con, ind, totals):
    result = con.execute(query(ind)).fetchall()
    dims = [d for d, _ in ind.dimensions]
    totals_by_period = {}
    matched = {(pid, d, c): 0 for pid, _, _ in ind.windows() for d, cats in ind.dimensions
               for c in cats + ["unknown"]}
    for row in result:
        pid, g, keys, rest = row[0], row[1], row[2:2 + len(dims)], row[2 + len(dims):]
        all_dims = (1 << len(dims)) - 1
        if g == all_dims or not dims:
            totals_by_period[pid] = rest
            continue
        # Exactly one dimension is grouped: the one whose GROUPING bit is 0.
        for i, (dimension, categories) in enumerate(ind.dimensions):
            if not g & (1 << (len(dims) - 1 - i)):
                matched[(pid, dimension, common.cell(keys[i], categories))] += rest[0]
    for pid, _, _ in ind.windows():
        count, first, second = totals_by_period.get(pid, (0, 0, 0))
        value = count if ind.kind == "count" else first
        totals.total(ind, pid, count, value=value, num=first, den=second)
    for (pid, dimension, category), n in matched.items():
        totals.cell(ind, pid, dimension, category, n)


def main():
    path, out, threads = common.arguments()
    con = duckdb.connect()
    con.execute(f"SET threads = {threads}")
    started = common.clock()
    rows_read, loaded = load(con, path)
    load_s = common.clock() - started
    totals = common.Totals()
    for ind in common.indicators():
        compute(con, ind, totals)
    common.report("duckdb", rows_read, loaded, load_s, common.clock() - started, totals, out)


if __name__ == "__main__":
    main()
