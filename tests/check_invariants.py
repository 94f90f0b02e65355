#!/usr/bin/env python3
"""Fails when docs/invariants.md cites a property test that does not exist: every
"`<file>_props.rs` `test_fn`" there must name a `fn test_fn(` in meal-core/tests/<file>_props.rs,
so the catalogue cannot quietly outlive a renamed or deleted test.

    python3 tests/check_invariants.py
"""

import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]


def missing():
    text = (ROOT / "docs" / "invariants.md").read_text(encoding="utf-8")
    cited = re.findall(r"`([a-z_]+\.rs)` ((?:`[a-z_0-9]+`(?:, )?)+)", text)
    gone = []
    for file, names in cited:
        source = (ROOT / "meal-core" / "tests" / file)
        body = source.read_text(encoding="utf-8") if source.exists() else ""
        gone += [f"{file}: {name}" for name in re.findall(r"`([a-z_0-9]+)`", names) if f"fn {name}(" not in body]
    return len(cited), gone


def main():
    count, gone = missing()
    for line in gone:
        print(f"docs/invariants.md cites a missing test: {line}", file=sys.stderr)
    if gone or not count:
        return 1
    print(f"docs/invariants.md: {count} citations, every test exists")
    return 0


if __name__ == "__main__":
    sys.exit(main())
