#!/usr/bin/env bash
# The mobile binding's tests: build the cdylib, generate Kotlin + Swift with the pinned
# uniffi-bindgen, check the Swift carries the whole API (and the Kotlin tests call all of it),
# compile the generated Kotlin with the JVM tests, run them on the JVM, then play the
# collection-session example (examples/kotlin) and verify its envelopes with Python when the
# project venv has the `meal` package (meal-py/test.sh installs it).
#
#   meal-mobile/test.sh            (from any directory; CARGO_TARGET_DIR respected)
#
# Stages and their timings are printed; any failure fails the script. Tools come from
# meal-mobile/setup.sh (kotlinc 2.1.21 from npm in .tools/, Debian JNA, Java >= 17).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
target="${CARGO_TARGET_DIR:-$repo/target}"
case "$target" in /*) ;; *) target="$repo/$target" ;; esac
export CARGO_TARGET_DIR="$target"
vectors="${MEAL_VECTORS:-$repo/tests/vectors}"

bindings="$target/bindings"
kotlin_out="$target/kotlin"
jar="$kotlin_out/meal-mobile-tests.jar"

timings=()
stage_start=0
begin() { printf '\n== %s\n' "$1" >&2; stage_name="$1"; stage_start="$(date +%s%N)"; }
end() {
    local ms=$(( ($(date +%s%N) - stage_start) / 1000000 ))
    timings+=("$(printf '%-10s %6d.%01ds' "$stage_name" $((ms / 1000)) $(((ms % 1000) / 100)))")
}
report() {
    printf '\n== timings\n' >&2
    local t
    for t in "${timings[@]}"; do printf '%s\n' "$t" >&2; done
}
trap report EXIT

begin setup
"$here/setup.sh"
kotlin_home="$repo/.tools/kotlin/node_modules/kotlin-compiler"
kotlinc="$kotlin_home/bin/kotlinc"
stdlib="$kotlin_home/lib/kotlin-stdlib.jar"
jna=""
for candidate in /usr/share/java/jna.jar /usr/share/java/jna-5*.jar; do
    [[ -f "$candidate" ]] && { jna="$candidate"; break; }
done
[[ -n "$jna" ]] || { echo "test.sh: no JNA jar (run meal-mobile/setup.sh)" >&2; exit 1; }
end

cd "$repo"
case "$(uname -s)" in
    Darwin) library="$target/debug/libmeal_mobile.dylib" ;;
    *) library="$target/debug/libmeal_mobile.so" ;;
esac

begin build
cargo build -p meal-mobile
end

begin generate
rm -rf "$bindings/org/meal/mobile" "$bindings"/MealMobile.swift "$bindings"/MealMobileFFI.*
cargo run -q -p uniffi-bindgen -- generate --library "$library" \
    --language kotlin --language swift --out-dir "$bindings" --no-format
kotlin_api="$bindings/org/meal/mobile/meal_mobile.kt"
for f in "$kotlin_api" "$bindings/MealMobile.swift" "$bindings/MealMobileFFI.h" "$bindings/MealMobileFFI.modulemap"; do
    [[ -s "$f" ]] || { echo "test.sh: generation did not produce $f" >&2; exit 1; }
done
end

begin api
python3 "$here/check_api.py" "$bindings" "$here"/tests/kotlin/*.kt "$repo"/examples/kotlin/*.kt
end

begin compile
mkdir -p "$kotlin_out"
sources=("$kotlin_api" "$here"/tests/kotlin/*.kt)
# kotlinc takes tens of seconds: reuse the jar when the compiler and every source are unchanged.
stamp="$( { cat "$kotlin_home/build.txt"; echo; sha256sum "${sources[@]}" | cut -d' ' -f1; } | sha256sum | cut -d' ' -f1)"
if [[ -f "$jar" && -f "$jar.stamp" && "$(cat "$jar.stamp")" == "$stamp" ]]; then
    echo "unchanged sources: reusing $jar" >&2
else
    rm -f "$jar" "$jar.stamp"
    "$kotlinc" -Werror -jvm-target 17 -classpath "$jna" -d "$jar" "${sources[@]}" 2>&1
    printf '%s\n' "$stamp" > "$jar.stamp"
fi
end

begin test
classpath="$jar:$stdlib:$jna"
java_run=(env MEAL_FORMS="$repo/examples/forms" java -ea -Djna.library.path="$target/debug" -cp "$classpath")
status=0
"${java_run[@]}" org.meal.mobile.test.ApiTestKt || status=1
"${java_run[@]}" org.meal.mobile.test.PrivacyTestKt "$vectors" || status=1
"${java_run[@]}" org.meal.mobile.test.FeedbackTestKt "$vectors" || status=1
"${java_run[@]}" org.meal.mobile.test.RecordsTestKt "$vectors" || status=1
"${java_run[@]}" org.meal.mobile.test.PlanTestKt "$vectors" || status=1
"${java_run[@]}" org.meal.mobile.test.MobileTestKt "$vectors" || status=1
"${java_run[@]}" org.meal.mobile.test.VectorsKt "$vectors" || status=1
end

begin example
example_out="$target/kotlin-example"
MEAL_MOBILE_JAR="$jar" "$repo/examples/kotlin/run.sh" "$example_out" || status=1
python="$repo/.venv/bin/python"
if [[ -x "$python" ]] && "$python" -c "import meal" 2>/dev/null; then
    "$python" "$repo/examples/kotlin/verify_envelopes.py" "$example_out" || status=1
else
    echo "no project venv with meal: the envelopes' Python check is left to tests/vectors/envelope.json" >&2
fi
end
exit "$status"
