"""The analyst notebook (examples/notebooks/mission_analyst.ipynb) runs end to end in a fresh
kernel — load, compute 2026-Q1, quality, suppression, SITREP export, plot — under a minute, and
is committed without outputs."""

import pathlib
import time

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")

NOTEBOOK = pathlib.Path(__file__).resolve().parents[2] / "examples" / "notebooks" / "mission_analyst.ipynb"


def test_the_notebook_is_committed_without_outputs():
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    code = [c for c in notebook.cells if c.cell_type == "code"]
    assert code and all(not c.outputs and c.execution_count is None for c in code)


def test_the_notebook_runs_end_to_end():
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    started = time.monotonic()
    client = nbclient.NotebookClient(
        notebook, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOK.parent)}}
    )
    client.execute()
    assert time.monotonic() - started < 60
    outputs = [o for c in notebook.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    html = [o["data"]["text/html"] for o in outputs if "text/html" in o.get("data", {})]
    assert any('class="meal"' in h and "IDF-IND-06" in h for h in html)  # the logframe
    assert any("Quality:" in h for h in html)  # the quality report
    text = "".join(o.get("text", "") for o in outputs)
    assert "cells hidden in the external SITREP" in text
    plain = "".join(o.get("data", {}).get("text/plain", "") for o in outputs)
    assert "'sitrep-2026Q1.md', 'sitrep-2026Q1.xlsx'" in plain
    assert "'actual', 'target', 'baseline'" in plain
