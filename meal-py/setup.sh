#!/usr/bin/env bash
# Creates the project-local virtual environment with the Python test tools, idempotently.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
venv="$root/.venv"
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
if ! "$venv/bin/python" -c "import maturin, pytest, mypy" 2>/dev/null; then
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
    "maturin>=1.9.4,<2" "pytest>=8" "mypy>=1.10"
fi
# The DataFrame libraries the Arrow tests read and write (tests/test_arrow.py), pinned.
if ! "$venv/bin/python" -c "import pyarrow, polars, pandas, duckdb" 2>/dev/null; then
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
    "pyarrow==26.0.1" "polars==2.1.0" "pandas==3.1.1" "duckdb==2.0.1"
fi
# The notebook experience (tests/test_notebook.py, test_plot.py, test_dask.py): matplotlib for
# meal.plot, tqdm for progress bars, a local Dask cluster, and nbclient to run the analyst
# notebook, pinned.
if ! "$venv/bin/python" -c "import matplotlib, tqdm, distributed, nbclient, nbformat, ipykernel" 2>/dev/null; then
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
    "matplotlib==3.11.2" "tqdm==4.70.1" "dask[distributed]==2026.8.0" \
    "nbclient==0.11.0" "nbformat==5.11.1" "ipykernel==7.4.0"
fi
