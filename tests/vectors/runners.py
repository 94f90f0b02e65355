#!/usr/bin/env python3
"""Checks that every conformance runner ran — and passed — every vector.

    python3 tests/vectors/runners.py DIR

Each runner, when `MEAL_VECTORS_RAN=DIR` is set, writes `DIR/<runner>.txt`: one `file:name` line
per vector it passed (meal-core/tests/vectors.rs, meal-py/tests/test_vectors.py,
meal-wasm/tests/vectors.test.mjs, meal-mobile/tests/kotlin/Vectors.kt). A runner that skipped a
vector, ran it twice, or did not run at all would otherwise agree with everything; here it fails
the suite. tests/run sets the variable, runs the four runners, then this check.
"""

import collections
import json
import pathlib
import sys

VECTORS = pathlib.Path(__file__).resolve().parent
RUNNERS = ("rust", "python", "node", "kotlin")


def expected():
    return sorted(
        f"{path.name}:{vector['name']}"
        for path in sorted(VECTORS.glob("*.json"))
        for vector in json.loads(path.read_text(encoding="utf-8"))["vectors"]
    )


def problems(runner, wanted, directory):
    """What is wrong with one runner's record, as lines (none when it ran every vector once)."""
    path = directory / f"{runner}.txt"
    if not path.exists():
        return [f"{runner}: no record ({path}): the runner did not run, or not under MEAL_VECTORS_RAN"]
    ran = collections.Counter(path.read_text(encoding="utf-8").splitlines())
    missing = sorted(set(wanted) - set(ran))
    unknown = sorted(set(ran) - set(wanted))
    twice = sorted(key for key, n in ran.items() if n > 1)
    lines = [f"{runner}: did not pass {key}" for key in missing[:20]]
    lines += [f"{runner}: ran {key}, which no vector file holds" for key in unknown[:20]]
    lines += [f"{runner}: ran {key} {ran[key]} times" for key in twice[:20]]
    if missing or unknown or twice:
        lines.append(f"{runner}: {len(missing)} missing, {len(unknown)} unknown, {len(twice)} repeated")
    return lines


def main(argv):
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    directory = pathlib.Path(argv[0])
    wanted = expected()
    failures = [line for runner in RUNNERS for line in problems(runner, wanted, directory)]
    for line in failures:
        print(line, file=sys.stderr)
    if failures:
        return 1
    print(f"every runner ({', '.join(RUNNERS)}) ran and passed all {len(wanted)} vectors")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
