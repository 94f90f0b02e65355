#!/usr/bin/env bash
# Form validation through the Kotlin binding on the JVM (issue 10): `bash benches/run kotlin`.
# The household-survey form and its 100 000 submissions come from meal-core/benches/forms.rs
# (FORMS_EMIT, shared with the Node benchmark); meal-mobile alone is built in release, its Kotlin
# generated from that library and compiled with Bench.kt (kotlinc and JNA from
# meal-mobile/setup.sh), then run on the JVM.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
target=${CARGO_TARGET_DIR:-$root/target}
case "$target" in /*) ;; *) target="$root/$target" ;; esac
data="$target/bench-wasm"
[[ -s $data/submissions.json ]] || FORMS_EMIT="$data" cargo test -q -p meal-core --bench forms >/dev/null

meal-mobile/setup.sh 2>/dev/null
kotlin_home="$root/.tools/kotlin/node_modules/kotlin-compiler"
jna=$(ls /usr/share/java/jna.jar /usr/share/java/jna-5*.jar 2>/dev/null | head -n1)
case "$(uname -s)" in Darwin) lib=libmeal_mobile.dylib ;; *) lib=libmeal_mobile.so ;; esac

cargo build -q --release -p meal-mobile
out="$target/bench-kotlin"
cargo run -q -p uniffi-bindgen -- generate --library "$target/release/$lib" \
    --language kotlin --out-dir "$out/bindings" --no-format
sources=("$out/bindings/org/meal/mobile/meal_mobile.kt" benches/kotlin/Bench.kt meal-mobile/tests/kotlin/Json.kt)
jar="$out/bench.jar"
stamp=$( { cat "$kotlin_home/build.txt"; sha256sum "${sources[@]}" | cut -d' ' -f1; } | sha256sum | cut -d' ' -f1)
if [[ ! -f $jar.stamp || $(cat "$jar.stamp") != "$stamp" ]]; then
    "$kotlin_home/bin/kotlinc" -jvm-target 17 -nowarn -classpath "$jna" -d "$jar" "${sources[@]}" 2>&1
    printf '%s\n' "$stamp" >"$jar.stamp"
fi
java -Xss8m -Djna.library.path="$target/release" -cp "$jar:$jna:$kotlin_home/lib/kotlin-stdlib.jar" \
    org.meal.mobile.bench.BenchKt "$data"
