"""Beyond one machine: the mission's indicators on a local Dask cluster (two worker
processes) equal the one-machine call, figure for figure (examples/notebooks/dask_indicators.py)."""

import importlib.util
import pathlib

import pytest

pytest.importorskip("distributed")

EXAMPLE = pathlib.Path(__file__).resolve().parents[2] / "examples" / "notebooks" / "dask_indicators.py"


@pytest.fixture(scope="module")
def example():
    spec = importlib.util.spec_from_file_location("dask_indicators", EXAMPLE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_partitions_keep_every_line_once(example):
    csv = example.records()
    parts = example.partitions(csv, 3)
    header = csv.split(b"\n", 1)[0]
    assert len(parts) == 3 and all(p.startswith(header + b"\n") for p in parts)
    body = lambda c: c.split(b"\n", 1)[1].splitlines()  # noqa: E731
    assert sum((body(p) for p in parts), []) == body(csv)


def test_a_local_cluster_gives_the_one_machine_figures(example):
    from dask.distributed import Client, LocalCluster

    csv = example.records()
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        with Client(cluster) as client:
            distributed = example.on_dask(client, csv, count=5)
            workers = len(client.scheduler_info()["workers"])
    single = example.on_one_machine(csv)
    assert workers == 2
    assert distributed.to_json() == single.to_json()
    assert distributed.sources["rows_read"] == single.sources["rows_read"] > 0
    assert any(f["value"] for f in single.figures)
