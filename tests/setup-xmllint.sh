#!/usr/bin/env bash
# xmllint (Debian's libxml2-utils): the IATI tests validate every file they export against the
# official IATI 2.03 schema with `xmllint --schema`. Idempotent: nothing to do when present.
set -euo pipefail
if command -v xmllint >/dev/null 2>&1; then
    printf 'setup: xmllint at %s\n' "$(command -v xmllint)" >&2
    exit 0
fi
sudo_cmd=()
if [[ $(id -u) -ne 0 ]]; then sudo_cmd=(sudo); fi
printf 'setup: installing libxml2-utils (xmllint) from Debian\n' >&2
"${sudo_cmd[@]}" apt-get install -y --no-install-recommends libxml2-utils >&2 \
    || { "${sudo_cmd[@]}" apt-get update >&2 && "${sudo_cmd[@]}" apt-get install -y --no-install-recommends libxml2-utils >&2; }
command -v xmllint >/dev/null 2>&1 || { echo "setup: error: xmllint still missing" >&2; exit 1; }
