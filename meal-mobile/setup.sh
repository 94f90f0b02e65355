#!/usr/bin/env bash
# Tools for the Kotlin (JVM) tests of meal-mobile. Idempotent and fast when already done:
#   * kotlinc 2.1.21, the JVM compiler, from npm into <repo>/.tools/kotlin (Debian's kotlinc 1.3
#     cannot read the generated code; Maven Central is not needed);
#   * JNA, from Debian's libjna-java;
#   * a Java runtime >= 17.
# Prints the three locations it settled on. Run from anywhere.
set -euo pipefail

KOTLIN_VERSION=2.1.21
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
kotlin_prefix="$repo/.tools/kotlin"
kotlin_home="$kotlin_prefix/node_modules/kotlin-compiler"

say() { printf 'setup: %s\n' "$*" >&2; }
die() { printf 'setup: error: %s\n' "$*" >&2; exit 1; }

# --- Java >= 17 -------------------------------------------------------------------------------
command -v java >/dev/null 2>&1 || die "no 'java' on PATH; install a JDK >= 17 (Debian: apt-get install -y openjdk-17-jdk-headless)"
java_major="$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p' | head -n1)"
java_major="${java_major#1.}"
[[ "$java_major" =~ ^[0-9]+$ ]] || die "cannot read the Java version (got '$java_major')"
(( java_major >= 17 )) || die "Java $java_major found; Java >= 17 is required"

# --- kotlinc (JVM) from npm -------------------------------------------------------------------
installed_version=""
if [[ -f "$kotlin_home/build.txt" ]]; then
    installed_version="$(head -n1 "$kotlin_home/build.txt" | sed 's/-release.*//')"
fi
if [[ "$installed_version" != "$KOTLIN_VERSION" || ! -x "$kotlin_home/bin/kotlinc" ]]; then
    command -v npm >/dev/null 2>&1 || die "no 'npm' on PATH; it is needed once to fetch kotlin-compiler@$KOTLIN_VERSION"
    say "installing kotlin-compiler@$KOTLIN_VERSION into $kotlin_prefix"
    mkdir -p "$kotlin_prefix"
    # The package is the plain compiler distribution: no install scripts are needed.
    npm install --prefix "$kotlin_prefix" --no-save --no-audit --no-fund --ignore-scripts \
        --loglevel=error "kotlin-compiler@$KOTLIN_VERSION" >&2
    chmod +x "$kotlin_home/bin/"* 2>/dev/null || true
fi
[[ -x "$kotlin_home/bin/kotlinc" ]] || die "kotlinc missing at $kotlin_home/bin/kotlinc"
[[ -f "$kotlin_home/lib/kotlin-stdlib.jar" ]] || die "kotlin-stdlib.jar missing in $kotlin_home/lib"

# --- JNA (Debian) -----------------------------------------------------------------------------
find_jna() {
    local jar
    for jar in /usr/share/java/jna.jar /usr/share/java/jna-5*.jar; do
        [[ -f "$jar" ]] && { printf '%s\n' "$jar"; return 0; }
    done
    return 1
}
if ! jna_jar="$(find_jna)"; then
    if ! dpkg -s libjna-java >/dev/null 2>&1; then
        command -v apt-get >/dev/null 2>&1 || die "JNA not found and no apt-get; put a JNA >= 5.12 jar at /usr/share/java/jna.jar"
        as_root=()
        if [[ "$(id -u)" != 0 ]]; then
            command -v sudo >/dev/null 2>&1 || die "installing libjna-java needs root"
            as_root=(sudo)
        fi
        say "installing libjna-java (apt)"
        "${as_root[@]}" apt-get update -qq >&2
        DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq libjna-java >&2
    fi
    jna_jar="$(find_jna)" || die "libjna-java is installed but no jna jar is in /usr/share/java"
fi

say "java $java_major: $(command -v java)"
say "kotlinc $KOTLIN_VERSION: $kotlin_home/bin/kotlinc"
say "jna: $jna_jar"
