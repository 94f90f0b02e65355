"""The reference mission's indicator set in pandas (see indicators_common.py for the semantics).

    python indicators_pandas.py FILE [--totals OUT]

Loads the CSV with typed columns (pyarrow parser), drops the rows meal rejects, then per
indicator: one filter over the widest window, then per period a slice, the total and a
`groupby(dropna=False)` per dimension so that the unknown cell is kept.
"""

import pandas as pd

import indicators_common as common


def load(path):
    dtypes = {c: "string" for c in common.TEXT + ["age"]}
    dtypes.update({c: "Int64" for c in common.INTEGER})
    dtypes.update({c: "boolean" for c in common.BOOLEAN})
    frame = pd.read_csv(path, engine="pyarrow", dtype=dtypes)
    frame["date"] = pd.to_datetime(frame["date"], format="%Y-%m-%d")
    frame["submitted_at"] = pd.to_datetime(frame["submitted_at"], utc=True, format="ISO8601")
    return prepare(frame)


def prepare(frame):
    """Drops the rows meal rejects and adds the age band: `(frame, rows read)`."""
    rows_read = len(frame)
    age = pd.to_numeric(frame["age"], errors="coerce")
    keep = frame["age"].isna() | (age.notna() & (age == age.round()))
    frame = frame[keep].copy()
    frame["age"] = age[keep].astype("Int64")
    a = frame["age"]
    band = pd.Series(pd.NA, index=frame.index, dtype="string")
    band[(a >= 0) & (a < 15)] = "under_15"
    band[(a >= 15) & (a < 18)] = "15_17"
    band[(a >= 18) & (a <= 120)] = "18_plus"
    frame["age_band"] = band
    return frame, rows_read


def condition(frame, cond):
    kind, column = cond[0], cond[1]
    if kind == "true":
        return frame[column].fillna(False).astype(bool)
    if kind == "eq":
        return (frame[column] == cond[2]).fillna(False).astype(bool)
    return frame[column].isin(cond[2]).fillna(False).astype(bool)


def part(frame, spec):
    """A measure part as a float series (NaN: empty)."""
    kind = spec[0]
    if kind == "one":
        return pd.Series(1.0, index=frame.index)
    if kind == "col":
        return frame[spec[1]].astype("Float64")
    if kind == "and":
        both = frame[spec[1]].fillna(False) & frame[spec[2]].fillna(False)
        return both.astype("Float64")
    if kind == "ge":
        return (frame[spec[1]] >= spec[2]).fillna(False).astype("Float64")
    codes = {code: i for i, code in enumerate(spec[2], 1)}
    return frame[spec[1]].map(codes).astype("Float64")


def compute(frame, ind, totals):
    mask = (frame["project"] == ind.project) & frame["activity"].isin(ind.activities)
    for cond in ind.where:
        mask &= condition(frame, cond)
    first, last = ind.span()
    mask &= frame["date"] <= pd.Timestamp(last)
    if first is not None:
        mask &= frame["date"] >= pd.Timestamp(first)
    rows = frame[mask]
    for pid, start, end in ind.windows():
        window = rows["date"] <= pd.Timestamp(end)
        if start is not None:
            window &= rows["date"] >= pd.Timestamp(start)
        sel = rows[window]
        if ind.latest_only and len(sel):
            sel = sel[sel["date"] == sel["date"].max()]
        total(sel, ind, pid, totals)
        for dimension, categories in ind.dimensions:
            counts = sel.groupby(dimension, dropna=False).size()
            matched = {c: 0 for c in categories + ["unknown"]}
            for value, n in counts.items():
                key = value if isinstance(value, str) and value in categories else "unknown"
                matched[key] += int(n)
            for category, n in matched.items():
                totals.cell(ind, pid, dimension, category, n)


def total(sel, ind, pid, totals):
    matched = len(sel)
    if ind.kind == "count":
        totals.total(ind, pid, matched, value=matched)
    elif ind.kind == "sum":
        totals.total(ind, pid, matched, value=part(sel, ind.value).sum())
    elif ind.kind == "mean":
        values = part(sel, ind.value).dropna()
        totals.total(ind, pid, matched, num=values.sum(), den=len(values))
    elif ind.kind == "ratio":
        num, den = part(sel, ind.num), part(sel, ind.den)
        usable = num.notna() & den.notna()
        totals.total(ind, pid, matched, num=num[usable].sum(), den=den[usable].sum())
    elif ind.kind == "distinct_persons":
        totals.total(ind, pid, matched, value=sel["person"].nunique(dropna=True))
    else:
        totals.total(ind, pid, matched)


def main():
    path, out, _threads = common.arguments()
    started = common.clock()
    frame, rows_read = load(path)
    loaded = common.clock() - started
    totals = common.Totals()
    for ind in common.indicators():
        compute(frame, ind, totals)
    common.report("pandas", rows_read, len(frame), loaded, common.clock() - started, totals, out)


if __name__ == "__main__":
    main()
