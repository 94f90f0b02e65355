#!/usr/bin/env bash
# Builds the WebAssembly package and tests it: node:test (API + every shared vector) on the very
# ESM artifact a browser imports, and `tsc --noEmit --strict` on its declarations.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
target=${CARGO_TARGET_DIR:-$root/target}
pkg="$target/pkg/meal"
cd "$root"
stage() { printf '\n== meal-wasm: %s\n' "$*"; }

stage "build wasm32"
cargo build -p meal-wasm --target wasm32-unknown-unknown
stage "bindgen runner: the glue's type checks apply as written (unit tests)"
cargo test -q -p meal-wasm-bindgen
stage "bindgen (pinned wasm-bindgen CLI from Cargo.lock, glue hardened)"
cargo run -q -p meal-wasm-bindgen -- --target web --out-dir "$pkg" \
  "$target/wasm32-unknown-unknown/debug/meal_wasm.wasm"
cp meal-wasm/package.json "$pkg/"
stage "build and bindgen the lean module meal/forms (no default features)"
cargo build -p meal-wasm --target wasm32-unknown-unknown --no-default-features
cargo run -q -p meal-wasm-bindgen -- --target web --out-dir "$pkg/forms" \
  "$target/wasm32-unknown-unknown/debug/meal_wasm.wasm"

stage "node:test (Node, and Chromium for the web-form demo)"
MEAL_WASM_PKG="$pkg" MEAL_NODE_TOOLS="$root/.tools/node" MEAL_CHROMIUM="$(command -v chromium)" \
  node --test meal-wasm/tests/*.test.mjs
stage "node:test: the lean module meal/forms agrees on every vector of its families"
env -u MEAL_VECTORS_RAN MEAL_WASM_PKG="$pkg/forms" MEAL_VECTORS_OPS="period,expr,form,envelope" \
  node --test meal-wasm/tests/vectors.test.mjs

stage "tsc --noEmit --strict"
tsconfig="$target/pkg/tsconfig.types.json"
cat > "$tsconfig" <<JSON
{
  "compilerOptions": {
    "strict": true, "noEmit": true, "target": "esnext", "module": "esnext", "lib": ["esnext", "dom"],
    "moduleResolution": "bundler", "types": [],
    "paths": { "meal": ["$pkg/meal_wasm.d.ts"] }
  },
  "files": ["$root/meal-wasm/tests/types.ts", "$pkg/meal_wasm.d.ts", "$pkg/forms/meal_wasm.d.ts"]
}
JSON
"$root/.tools/node/node_modules/.bin/tsc" -p "$tsconfig"
echo "tsc: declarations type-check (strict)"
