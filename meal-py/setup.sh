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
