#!/usr/bin/env bash
# Builds the Python package with maturin into the project venv and tests it: pytest (API, doc
# examples, every shared vector) and mypy.stubtest (the .pyi matches the native module).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
venv="$root/.venv"
cd "$root"
stage() { printf '\n== meal-py: %s\n' "$*"; }

stage "maturin develop"
VIRTUAL_ENV="$venv" PATH="$venv/bin:$PATH" "$venv/bin/maturin" develop --quiet -m meal-py/Cargo.toml

stage "pytest"
"$venv/bin/python" -m pytest -q -p no:cacheprovider meal-py/tests

stage "mypy.stubtest"
"$venv/bin/python" -m mypy.stubtest meal._meal --mypy-config-file meal-py/mypy.ini
