"""The reference mission's indicators on a Dask cluster: each partition of the records becomes
a partial state on a worker, the states merge, and the engine finalises them — the same
figures as the one-machine call, whatever the split.

    python examples/notebooks/dask_indicators.py          # a local cluster of 2 processes

Needs `dask[distributed]` (meal-py/setup.sh installs it pinned). The partial state is an
Arrow-free JSON text, so any scheduler that moves bytes carries it (Spark `mapInArrow`: see the
README's "In Python" section).
"""

import datetime
import functools
import gzip
import json
import pathlib
from typing import List

import meal

DATA = pathlib.Path(__file__).resolve().parents[1] / "data"
PROJECTS = ("idf", "calais", "marseille", "dunkerque")
NOW = datetime.datetime(2026, 11, 27, 10, 0, tzinfo=datetime.timezone.utc)
PERIODS = ["2026Q1", "202601", "202602", "202603"]


def documents() -> dict:
    """The mission's logframes, recipes and record schema, as JSON texts (cheap to ship)."""
    read = lambda name: (DATA / name).read_text(encoding="utf-8")  # noqa: E731
    return {
        "logframes": [read(f"logframe-{p}.json") for p in PROJECTS],
        "recipes": read("recipes.json"),
        "schema": read("records-schema.json"),
    }


@functools.lru_cache(maxsize=4)
def engine(docs_json: str) -> meal.Engine:
    """One engine per worker process and documents (built once, reused by every partition)."""
    docs = json.loads(docs_json)
    return meal.Engine(docs["logframes"], docs["recipes"], docs["schema"], PERIODS, now=NOW)


def partial_of(docs_json: str, csv: bytes) -> meal.Partial:
    """On a worker: load one partition (CSV with its header) and compute its partial state."""
    built = engine(docs_json)
    loaded = meal.Table.from_csv(meal.Schema.from_json(json.loads(docs_json)["schema"]), csv)
    return built.partial(loaded.table)


def partitions(csv: bytes, count: int) -> List[bytes]:
    """The CSV cut into `count` parts of whole lines, each with the header."""
    header, _, body = csv.partition(b"\n")
    lines = body.splitlines()
    size = -(-len(lines) // count)
    return [header + b"\n" + b"\n".join(lines[i : i + size]) + b"\n" for i in range(0, len(lines), size)]


def on_dask(client, csv: bytes, count: int = 4) -> meal.Results:
    """Partials on the cluster's workers, merged, finalised here."""
    docs_json = json.dumps(documents())
    futures = client.map(partial_of, [docs_json] * count, partitions(csv, count), pure=False)
    states = client.gather(futures)
    merged = functools.reduce(meal.Partial.merge, states)
    return engine(docs_json).finalize(merged)


def on_one_machine(csv: bytes) -> meal.Results:
    docs_json = json.dumps(documents())
    loaded = meal.Table.from_csv(meal.Schema.from_json(json.loads(docs_json)["schema"]), csv)
    return engine(docs_json).compute(loaded.table)


def records() -> bytes:
    return gzip.decompress((DATA / "records-sample.csv.gz").read_bytes())


def main() -> None:
    from dask.distributed import Client, LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, Client(cluster) as client:
        distributed = on_dask(client, records())
    single = on_one_machine(records())
    assert distributed.to_json() == single.to_json()
    print(f"{len(single.figures)} figures, identical on Dask and on one machine")


if __name__ == "__main__":
    main()
