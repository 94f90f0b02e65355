"""Peer of meal-core/benches/anonymity.rs: pandas group sizes over 5 quasi-identifiers, 1M rows.

    /tmp/benchvenv/bin/python benches/peers/pandas_groupby.py

The rows come from the same splitmix64 stream as the Rust benchmark (seed 2026, one draw per
cell, row by row; 2 % missing), computed with numpy's wrapping uint64 arithmetic; the
fingerprint line must match the one the Rust benchmark prints.

Timed (best of 3): ``df.groupby(keys, dropna=False)[key].transform("size")`` -- each row's
group size, i.e. f_k with a missing value as a category of its own -- plus the count of rows
below k = 5. pandas does not treat a missing value as a wildcard matching every value, so it
does less work than meal's check. Two figures: string columns (grouping includes factorising
the strings: compare with meal's construction + check) and categorical columns (already
encoded: compare with meal's check alone).
"""

import time

import numpy as np
import pandas as pd

ROWS = 1_000_000
SEED = 2026
KEYS = ["sex", "age_band", "nationality", "site", "arrival_month"]
AGE_BANDS = ["0-4", "5-11", "12-14", "15-17", "18-24", "25-39", "40-59", "60+"]
M = np.uint64


def splitmix64(count):
    """The first `count` outputs of splitmix64 from SEED (numpy uint64 arithmetic wraps)."""
    with np.errstate(over="ignore"):
        z = M(SEED) + np.arange(1, count + 1, dtype=np.uint64) * M(0x9E3779B97F4A7C15)
        z = (z ^ (z >> M(30))) * M(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> M(27))) * M(0x94D049BB133111EB)
        return z ^ (z >> M(31))


def column(index, draws):
    missing = (draws % M(100)) < M(2)
    y = draws >> M(8)
    if index == 0:
        r = y % M(100)
        values = np.where(r <= M(48), "f", np.where(r <= M(97), "m", "x")).astype(object)
    elif index == 1:
        values = np.array(AGE_BANDS, dtype=object)[(y % M(8)).astype(np.int64)]
    elif index == 2:
        n = (y % M(40)) * ((y >> M(16)) % M(40)) // M(40)
        values = np.array(["N%02d" % i for i in range(40)], dtype=object)[n.astype(np.int64)]
    elif index == 3:
        values = np.array(["S1", "S2", "S3", "S4"], dtype=object)[(y % M(4)).astype(np.int64)]
    else:
        months = ["%d-%02d" % (2025 + m // 12, m % 12 + 1) for m in range(24)]
        values = np.array(months, dtype=object)[(y % M(24)).astype(np.int64)]
    values[missing] = None
    return values


def frame():
    draws = splitmix64(ROWS * len(KEYS)).reshape(ROWS, len(KEYS))
    return pd.DataFrame({key: column(i, draws[:, i]) for i, key in enumerate(KEYS)})


def best_of_3(run):
    best, out = float("inf"), None
    for _ in range(3):
        start = time.perf_counter_ns()
        out = run()
        best = min(best, time.perf_counter_ns() - start)
    return best, out


def sizes_below(df, k=5):
    sizes = df.groupby(KEYS, dropna=False, observed=True)[KEYS[0]].transform("size")
    return int((sizes < k).sum())


def main():
    df = frame()
    missing = [int(df[key].isna().sum()) for key in KEYS]
    first = [None if pd.isna(v) else v for v in df.iloc[0]]
    print(f"fingerprint: missing per column {missing}, first row {first}")
    t_str, below = best_of_3(lambda: sizes_below(df))
    print(f"k=5 without wildcards: {below} rows below k")
    print(f"peer pandas-groupby: {t_str / ROWS:.1f} ns/op (string columns, {t_str / 1e6:.1f} ms)")
    cat = df.astype("category")
    t_cat, _ = best_of_3(lambda: sizes_below(cat))
    print(f"peer pandas-groupby-categorical: {t_cat / ROWS:.1f} ns/op ({t_cat / 1e6:.1f} ms)")
    print(f"pandas {pd.__version__}")


if __name__ == "__main__":
    main()
