#!/usr/bin/env python3
"""The conformance report: which operations and codes the shared vectors cover, and which
codes of the core's message catalogue no vector reaches yet.

    python3 tests/vectors/report.py            # (re)writes docs/conformance.md
    python3 tests/vectors/report.py --check    # fails when a vector file is malformed or the
                                               # committed report is stale (tests/run calls it)

Inputs: tests/vectors/*.json (format in tests/vectors/README.md), the op table of that README,
and tests/vectors/catalogue.txt — the catalogue's codes, kept equal to
`meal_core::i18n::catalogue()` by meal-core/tests/catalogue_codes.rs. Python 3 standard library
only; the output is deterministic (no dates), so a stale report is a plain text difference.
"""

import collections
import json
import pathlib
import re
import sys

VECTORS = pathlib.Path(__file__).resolve().parent
ROOT = VECTORS.parents[1]
REPORT = ROOT / "docs" / "conformance.md"
EXPECTATIONS = ("ok", "error", "findings")
VECTOR_KEYS = {"name", "op", "input", "expect", "description"}


class Malformed(Exception):
    """A vector file that breaks the format of tests/vectors/README.md."""


def catalogue():
    """The catalogue's codes, in catalogue order."""
    return (VECTORS / "catalogue.txt").read_text(encoding="utf-8").split()


def documented_ops():
    """The ops of the README's operation table, in table order."""
    text = (VECTORS / "README.md").read_text(encoding="utf-8")
    ops = []
    for line in text.splitlines():
        if line.startswith("| `"):
            ops += re.findall(r"`([a-z_]+\.[a-z_]+)`", line.split("|")[1])
    return ops


def checked_vector(where, vector, names, codes):
    """Raises Malformed unless `vector` is well formed; returns it."""
    if not isinstance(vector, dict):
        raise Malformed(f"{where}: a vector must be an object")
    name, op, expect = vector.get("name"), vector.get("op"), vector.get("expect")
    if not isinstance(name, str) or not name:
        raise Malformed(f"{where}: a vector needs a non-empty string \"name\"")
    if name in names:
        raise Malformed(f"{where}: duplicate vector name {name!r}")
    names.add(name)
    if not isinstance(op, str) or not re.fullmatch(r"[a-z_]+\.[a-z_]+", op):
        raise Malformed(f"{where} {name}: \"op\" must be a string module.operation")
    if not isinstance(vector.get("input"), dict):
        raise Malformed(f"{where} {name}: \"input\" must be an object")
    if not isinstance(expect, dict) or len(expect) != 1 or next(iter(expect)) not in EXPECTATIONS:
        raise Malformed(f"{where} {name}: \"expect\" must hold exactly one of ok, error, findings")
    if set(vector) - VECTOR_KEYS:
        raise Malformed(f"{where} {name}: unknown keys {sorted(set(vector) - VECTOR_KEYS)}")
    named = [expect["error"]] if "error" in expect else expect.get("findings", [])
    if not isinstance(named, list) or not all(isinstance(code, str) for code in named):
        raise Malformed(f"{where} {name}: \"error\" must be a code, \"findings\" a list of codes")
    unknown = [code for code in named if code not in codes]
    if unknown:
        raise Malformed(f"{where} {name}: codes not in the catalogue: {unknown}")
    return vector


def load(codes):
    """{file name: [vector]} of every vector file, each checked."""
    files = {}
    for path in sorted(VECTORS.glob("*.json")):
        try:
            document = json.loads(path.read_text(encoding="utf-8"))
        except ValueError as error:
            raise Malformed(f"{path.name}: not valid JSON: {error}") from error
        if not isinstance(document, dict) or not isinstance(document.get("description"), str):
            raise Malformed(f"{path.name}: an object with a \"description\" string is expected")
        vectors = document.get("vectors")
        if not isinstance(vectors, list) or not vectors:
            raise Malformed(f"{path.name}: a non-empty \"vectors\" array is expected")
        names = set()
        files[path.name] = [checked_vector(f"{path.name}[{i}]", v, names, codes) for i, v in enumerate(vectors)]
    if not files:
        raise Malformed("no vector files")
    return files


# Codes no shared vector can reach, because the four bindings do not all expose the path to
# them (or no input does): why, and the test that covers each instead. A code listed here that a
# vector comes to cover, or a code covered by no vector and not listed, is reported as such.
ARROW = "Arrow input, which only the Python binding takes"
PYTHON_ONLY_SELECT = "column selection (`Table.select_columns`), which only the Python binding exposes"
LEARNING = "feedback learning tables (`feedback::learning::aggregate`), which only the Python binding exposes"
NOT_FROM_INPUT = "no input reaches it: an internal failure, mapped to an error rather than a panic"
UNREACHABLE = {
    "compute.worker_failed": ("a computing thread panicked; " + NOT_FROM_INPUT, "none (a fault path)"),
    "data.no_such_column": (PYTHON_ONLY_SELECT,
                            "`interop::hxl::tests::selectors_mix_names_and_patterns_in_the_order_given`, meal-py `test_arrow.py`"),
    "data.shape": ("columns that do not fit the schema in `Table::from_columns`, which a binding calls with " + ARROW,
                   "`data::table::tests::from_columns_checks_the_shape`"),
    "data.too_many_values": ("a text column with more than 2^32 − 2 distinct values: beyond any vector's size",
                             "none (a size limit)"),
    "data.unreadable": ("an I/O failure while a file or socket is streamed; vectors pass text",
                        "meal-mobile `RecordsTest.kt` (a missing file)"),
    "data.not_finite": (ARROW + " (JSON has no NaN or infinity)",
                        "`data::columnar::tests::cells_are_typed_by_the_core_rules`, meal-py `test_arrow.py`"),
    "data.naive_timestamp": (ARROW, "meal-py `test_arrow.py`"),
    "data.unsupported_arrow_type": (ARROW, "meal-py `test_arrow.py`"),
    "data.not_arrow": (ARROW, "meal-py `test_arrow.py`, `test_data_compute.py`"),
    "data.arrow_unreadable": (ARROW, "meal-py `test_arrow.py`"),
    "disclosure.too_many_rows": ("more than 2^32 − 2 microdata rows: beyond any vector's size", "none (a size limit)"),
    "disclosure.columns_not_object": (
        "columns that are not a JSON object: a binding hands columns over only from a dict or object, and reads anything else as records",
        "`disclosure::microdata::tests::columns_must_be_an_object_of_arrays`"),
    "disclosure.table_shape": (
        "`Table::new` with a count list of the wrong length; bindings build tables from cells (`Table::from_json`), which fill unlisted cells",
        "`disclosure::table::tests::shape_errors_have_codes`"),
    "feedback.seal_random_length": (
        "sealing bytes given by the caller: the WASM and Kotlin bindings take them, Python draws exactly 32 from `os.urandom`",
        "`feedback::seal::tests::seal_random_takes_exactly_32_bytes`, meal-wasm `feedback.test.mjs`, meal-mobile `FeedbackTest.kt`"),
    "feedback.seal_failed": ("the cipher refusing a 32-byte key; " + NOT_FROM_INPUT, "none (a fault path)"),
    "feedback.no_dimensions": (LEARNING, "`feedback::learning::tests`"),
    "feedback.no_items": (LEARNING, "meal-py `test_feedback.py`"),
    "feedback.unknown_dimension": (LEARNING, "`feedback::learning::tests::dimensions_read_as_people_write_them`, meal-py `test_feedback.py`"),
    "hxl.invalid_hashtag": (
        "`Hashtag::parse` on its own; bindings read hashtags inside a schema, where a bad one is the finding `data.invalid_hxl` (covered)",
        "`interop::hxl::tests::text_outside_the_grammar_is_refused`"),
    "hxl.no_column_matches": (PYTHON_ONLY_SELECT,
                              "`interop::hxl::tests::selectors_mix_names_and_patterns_in_the_order_given`, meal-py `test_arrow.py`"),
    "input.not_json": ("the Python binding's conversion of Python values to JSON (NaN, cycles, keys that are not text)",
                       "meal-py `test_bad_input.py`, `test_errors.py`"),
    "privacy.register_xlsx": ("the register's `.xlsx` writer failing (a text longer than a cell holds); the WASM binding does not write the register as `.xlsx`",
                              "`privacy::register::tests::a_text_longer_than_a_cell_holds_is_an_error_not_a_cut`"),
    "report.render_failed": ("writing a rendered report failed; " + NOT_FROM_INPUT, "none (a fault path)"),
}


def codes_in(value, codes):
    """Every catalogue code named anywhere in an expectation (errors, findings, codes in ok values,
    and codes in an ok value that is itself rendered JSON text, as a report in `json` format)."""
    if isinstance(value, str):
        if value in codes:
            return {value}
        if value.startswith(("{", "[")):
            try:
                return codes_in(json.loads(value), codes)
            except ValueError:
                return set()
        return set()
    items = value.values() if isinstance(value, dict) else value if isinstance(value, list) else []
    found = set()
    for item in items:
        found |= codes_in(item, codes)
    return found


def module(name):
    return name.split(".", 1)[0]


def table(header, rows):
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return lines


def render(files, codes, ops_in_readme):
    vectors = [v for vs in files.values() for v in vs]
    known = set(codes)
    per_op = collections.defaultdict(collections.Counter)
    per_code = collections.Counter()
    for v in vectors:
        per_op[v["op"]][next(iter(v["expect"]))] += 1
        per_code.update(codes_in(v["expect"], known))
    uncovered = [c for c in codes if c not in per_code]
    per_module = collections.defaultdict(lambda: [0, set()])
    for v in vectors:
        per_module[module(v["op"])][0] += 1
        per_module[module(v["op"])][1].add(v["op"])
    code_modules = collections.defaultdict(lambda: [0, 0])
    for c in codes:
        code_modules[module(c)][0] += 1
        code_modules[module(c)][1] += c in per_code
    untested_ops = [op for op in ops_in_readme if op not in per_op]
    undocumented_ops = sorted(op for op in per_op if op not in ops_in_readme)

    out = [
        "# Conformance report",
        "",
        "Generated by `python3 tests/vectors/report.py` from `tests/vectors/*.json` and the core's",
        "message catalogue (`tests/vectors/catalogue.txt`); `tests/run` fails when this file is stale.",
        "Every vector is run by the Rust, Python, Node (WASM) and Kotlin runners, and the suite checks",
        "that each runner ran and passed every one of them (`tests/vectors/runners.py`).",
        "",
        f"**{len(vectors)} vectors** in {len(files)} files, {len(per_op)} operations; "
        f"**{len(codes) - len(uncovered)} of {len(codes)} catalogue codes** appear in an expected "
        f"result, {len(uncovered)} in none.",
        "",
        "## Vectors per module",
        "",
    ]
    out += table(["module", "vectors", "operations"],
                 [(f"`{m}`", n, len(ops)) for m, (n, ops) in sorted(per_module.items())])
    out += ["", "## Vectors per file", ""]
    out += table(["file", "vectors"], [(f"`{name}`", len(vs)) for name, vs in files.items()])
    out += ["", "## Vectors per operation", ""]
    out += table(["operation", "vectors", "ok", "error", "findings"],
                 [(f"`{op}`", sum(c.values()), c["ok"], c["error"], c["findings"])
                  for op, c in sorted(per_op.items())])
    out += ["", "Operations of the README's table without a vector: "
            + (", ".join(f"`{op}`" for op in untested_ops) or "none") + ".",
            "Operations with vectors missing from the README's table: "
            + (", ".join(f"`{op}`" for op in undocumented_ops) or "none") + ".",
            "", "## Catalogue coverage per code module", ""]
    out += table(["code module", "codes", "covered", "uncovered"],
                 [(f"`{m}`", n, k, n - k) for m, (n, k) in sorted(code_modules.items())])
    out += ["", "## Vectors per code", "",
            "Vectors whose expected result names the code (as the error, a finding, or a code in an",
            "ok value).", ""]
    out += table(["code", "vectors"], [(f"`{c}`", per_code[c]) for c in codes if c in per_code])
    out += ["", "## Codes no vector covers", "",
            "A shared vector must run the same way through all four bindings. These codes cannot: the",
            "bindings do not all expose the path to them, or no input reaches them. Each is listed with",
            "the reason and the test that covers it instead (`UNREACHABLE` in `tests/vectors/report.py`).", ""]
    out += table(["code", "why no shared vector", "tested by"],
                 [(f"`{c}`", *UNREACHABLE[c]) for c in uncovered if c in UNREACHABLE])
    unexplained = [c for c in uncovered if c not in UNREACHABLE]
    by_module = collections.defaultdict(list)
    for c in unexplained:
        by_module[module(c)].append(c)
    out += ["", f"Codes no vector covers yet, without a reason above: {len(unexplained)}."]
    if unexplained:
        out += [""] + [f"- `{m}` ({len(cs)}): " + ", ".join(f"`{c}`" for c in cs)
                       for m, cs in sorted(by_module.items())]
    covered_anyway = sorted(c for c in UNREACHABLE if c in per_code)
    if covered_anyway:
        out += ["", "Listed as unreachable but covered by a vector (remove from `UNREACHABLE`): "
                + ", ".join(f"`{c}`" for c in covered_anyway) + "."]
    return "\n".join(out) + "\n"


def main(argv):
    check = "--check" in argv
    codes = catalogue()
    try:
        files = load(set(codes))
    except Malformed as error:
        print(f"report.py: malformed vector: {error}", file=sys.stderr)
        return 1
    text = render(files, codes, documented_ops())
    if not check:
        REPORT.write_text(text, encoding="utf-8")
        print(f"wrote {REPORT.relative_to(ROOT)}")
        return 0
    if not REPORT.exists() or REPORT.read_text(encoding="utf-8") != text:
        print("report.py: docs/conformance.md is stale: run `python3 tests/vectors/report.py`", file=sys.stderr)
        return 1
    print(f"conformance report up to date: {sum(map(len, files.values()))} well-formed vectors")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
