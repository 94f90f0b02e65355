#!/usr/bin/env bash
# Installs what the WebAssembly tests need, idempotently (fast when everything is present):
# the wasm32 target; TypeScript (tsc --noEmit --strict on the generated declarations) and
# playwright-core (drives the browser) from npm into .tools/node; Debian's Chromium.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)

rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
command -v node >/dev/null || { echo "meal-wasm: Node.js is required (node >= 18)" >&2; exit 1; }

tools="$root/.tools/node"
if [ ! -x "$tools/node_modules/.bin/tsc" ] || [ ! -d "$tools/node_modules/playwright-core" ]; then
  # One command for both: a later `npm install --no-save` would prune the other package.
  npm install --prefix "$tools" --no-save --no-audit --no-fund --loglevel=error \
    typescript@5.9.3 playwright-core@1.64.1
fi

# playwright-core never downloads a browser; the tests drive Debian's.
if ! command -v chromium >/dev/null; then
  as_root=()
  [ "$(id -u)" = 0 ] || as_root=(sudo)
  "${as_root[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq chromium
fi
