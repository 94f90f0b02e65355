#!/usr/bin/env bash
# Builds and runs the collection-session example (CollectionSession.kt) on the JVM.
#
#   examples/kotlin/run.sh [output dir]        (default: $CARGO_TARGET_DIR/kotlin-example)
#
# It needs the compiled Kotlin binding: MEAL_MOBILE_JAR (a jar holding the generated
# org.meal.mobile classes, as meal-mobile/test.sh builds it) or, when unset, this script builds
# meal-mobile, generates the binding and compiles it with the app. Tools: meal-mobile/setup.sh.
# The envelopes land in <output dir>/outbox/*.json.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
target="${CARGO_TARGET_DIR:-$repo/target}"
case "$target" in /*) ;; *) target="$repo/$target" ;; esac
export CARGO_TARGET_DIR="$target"
out="${1:-$target/kotlin-example}"

"$repo/meal-mobile/setup.sh" 2>/dev/null
kotlin_home="$repo/.tools/kotlin/node_modules/kotlin-compiler"
jna=""
for candidate in /usr/share/java/jna.jar /usr/share/java/jna-5*.jar; do
    [[ -f "$candidate" ]] && { jna="$candidate"; break; }
done
case "$(uname -s)" in Darwin) lib=libmeal_mobile.dylib ;; *) lib=libmeal_mobile.so ;; esac

cd "$repo"
sources=("$here/CollectionSession.kt")
if [[ -z "${MEAL_MOBILE_JAR:-}" ]]; then
    cargo build -q -p meal-mobile
    cargo run -q -p uniffi-bindgen -- generate --library "$target/debug/$lib" \
        --language kotlin --out-dir "$target/bindings" --no-format
    sources+=("$target/bindings/org/meal/mobile/meal_mobile.kt")
fi
classpath="${MEAL_MOBILE_JAR:+$MEAL_MOBILE_JAR:}$jna"

app="$target/kotlin-example.jar"
stamp="$( { cat "$kotlin_home/build.txt"; sha256sum "${sources[@]}" ${MEAL_MOBILE_JAR:+"$MEAL_MOBILE_JAR"} | cut -d' ' -f1; } | sha256sum | cut -d' ' -f1)"
if [[ ! -f "$app" || ! -f "$app.stamp" || "$(cat "$app.stamp")" != "$stamp" ]]; then
    rm -f "$app" "$app.stamp"
    "$kotlin_home/bin/kotlinc" -Werror -jvm-target 17 -classpath "$classpath" -d "$app" "${sources[@]}" 2>&1
    printf '%s\n' "$stamp" > "$app.stamp"
fi
MEAL_REPO="$repo" java -ea -Djna.library.path="$target/debug" \
    -cp "$app:$classpath:$kotlin_home/lib/kotlin-stdlib.jar" \
    org.meal.mobile.example.CollectionSessionKt "$out"
