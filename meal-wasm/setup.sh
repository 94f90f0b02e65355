#!/usr/bin/env bash
# Installs what the WebAssembly tests need, idempotently: the wasm32 target and TypeScript (for
# `tsc --noEmit --strict` on the generated declarations). Fast when everything is present.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)

rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
command -v node >/dev/null || { echo "meal-wasm: Node.js is required (node >= 18)" >&2; exit 1; }

tools="$root/.tools/node"
if [ ! -x "$tools/node_modules/.bin/tsc" ]; then
  npm install --prefix "$tools" --no-save --no-audit --no-fund --loglevel=error typescript@5.9.3
fi
