"""Beyond one machine: the mission's indicators on a local Dask cluster (two worker
processes) equal the one-machine call, figure for figure (examples/notebooks/dask_indicators.py)."""

import pathlib
import subprocess
import sys

import pytest

pytest.importorskip("distributed")

EXAMPLE = pathlib.Path(__file__).resolve().parents[2] / "examples" / "notebooks" / "dask_indicators.py"


@pytest.fixture(scope="module")
def example():
    sys.path.insert(0, str(EXAMPLE.parent))
    try:
        import dask_indicators
    finally:
        sys.path.remove(str(EXAMPLE.parent))
    return dask_indicators


def test_partitions_keep_every_line_once(example):
    csv = example.records()
    parts = example.partitions(csv, 3)
    header = csv.split(b"\n", 1)[0]
    assert len(parts) == 3 and all(p.startswith(header + b"\n") for p in parts)
    body = lambda c: c.split(b"\n", 1)[1].splitlines()  # noqa: E731
    assert sum((body(p) for p in parts), []) == body(csv)


def test_a_local_cluster_gives_the_one_machine_figures():
    # Run as a script, as a user would: its main() asserts the Dask figures equal the
    # one-machine call's, on a LocalCluster of two worker processes.
    done = subprocess.run(
        [sys.executable, str(EXAMPLE)], capture_output=True, text=True, timeout=180, cwd=EXAMPLE.parent
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "identical on Dask and on one machine" in done.stdout
