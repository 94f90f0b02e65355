#!/usr/bin/env python3
"""Seeds fuzz/corpus/<target>/ from the repository's own files: the conformance vectors'
inputs (tests/vectors), the mission's documents (examples/data), forms (examples/forms),
workbooks (examples/templates, examples/logframes, examples/plans). Nothing here is committed:
the corpus is regenerated from the sources on every run. Usage: fuzz/seed.py [TARGET...]"""
import base64
import glob
import hashlib
import json
import os
import sys

FUZZ = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(FUZZ)


def text(value):
    """A document as the runners pass it: raw JSON text stays text, objects are dumped."""
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def vectors():
    for path in sorted(glob.glob(os.path.join(ROOT, "tests/vectors/*.json"))):
        with open(path, encoding="utf-8") as f:
            for vector in json.load(f)["vectors"]:
                yield vector["op"], vector["input"]


def files(*patterns):
    for pattern in patterns:
        for path in sorted(glob.glob(os.path.join(ROOT, pattern))):
            with open(path, "rb") as f:
                yield f.read()


def records_seeds():
    """Selector byte 0/1 = CSV (bytes, text), 2 = JSON lines, on rows shaped by the schema."""
    with open(os.path.join(ROOT, "examples/data/records-schema.json"), encoding="utf-8") as f:
        schema = json.load(f)
    sample = {"text": "x", "date": "2026-03-02", "date_time": "2026-03-02T10:00:00+01:00",
              "integer": "3", "decimal": "1.5", "boolean": "true"}
    names = [c["name"] for c in schema["columns"]]
    row = [sample.get(c.get("type"), "a") for c in schema["columns"]]
    csv = ",".join(names) + "\n" + ",".join(row) + "\n" + ",".join(row) + "\n"
    jsonl = json.dumps(dict(zip(names, row))) + "\n"
    out = [b"\x00" + csv.encode(), b"\x01" + csv.encode(), b"\x02" + jsonl.encode()]
    for op, i in vectors():
        if op == "data.load":
            if "bytes_base64" in i:
                out.append(b"\x00" + base64.b64decode(i["bytes_base64"]))
            elif i.get("format") == "jsonl":
                out.append(b"\x02" + i["text"].encode())
            else:
                out.append(b"\x01" + i["text"].encode())
        elif "csv" in i and isinstance(i["csv"], str):
            out.append(b"\x01" + i["csv"].encode())
    return out


# json_docs: selector byte per reader, as fuzz_targets/json_docs.rs numbers them.
JSON_OPS = {
    "logframe.check": (0, "document"), "indicator.target": (1, "indicator"),
    "indicator.actual": (1, "indicator"), "form.compile": (2, "form"),
    "form.validate": (2, "form"), "data.load": (3, "schema"), "quality.check": (5, "checks"),
    "compute.run": (4, "recipes"), "privacy.rules": (6, "rules"),
    "feedback.taxonomy": (7, "taxonomy"), "feedback.routing": (8, "routing"),
    "plan.check": (9, "plan"), "lessons.check": (10, "register"),
    "lessons.search": (10, "register"), "migration.check": (11, "mapping"),
    "migration.run": (12, "source_schema"), "iati.export": (13, "request"),
}
JSON_FILES = {
    "logframe-*.json": 0, "invalid-logframe.json": 0, "records-schema.json": 3,
    "migration-voozanoo-schema.json": 12, "recipes.json": 4, "quality-checks.json": 5,
    "privacy-rules.json": 6, "feedback-taxonomy.json": 7, "feedback-routing.json": 8,
    "plan-*.json": 9, "lessons.json": 10, "migration-voozanoo-mano.json": 11,
}


def json_docs_seeds():
    out = []
    for pattern, selector in JSON_FILES.items():
        out += [bytes([selector]) + b for b in files("examples/data/" + pattern)]
    for op, i in vectors():
        if op in JSON_OPS:
            selector, key = JSON_OPS[op]
            if key in i:
                out.append(bytes([selector]) + text(i[key]).encode())
        elif op == "plan.coverage":
            out.append(b"\x0e" + json.dumps(i).encode())
        elif op == "plan.calendar":
            out.append(b"\x0f" + json.dumps(i).encode())
    return out


def migration_header():
    """A header row and one row for the example mapping's source schema."""
    with open(os.path.join(ROOT, "examples/data/migration-voozanoo-schema.json"),
              encoding="utf-8") as f:
        columns = [c["name"] for c in json.load(f)["columns"]]
    return (",".join(columns) + "\n" + ",".join("1" for _ in columns) + "\n").encode()


def xlsform_seeds():
    out = list(files("examples/forms/*.xlsx"))
    out += [base64.b64decode(i["workbook"]) for op, i in vectors() if op == "xlsform.read"]
    return out


def pick(ops, key):
    return [text(i[key]).encode() for op, i in vectors() if op in ops and key in i]


SEEDS = {
    "expr": lambda: pick({"expr.parse", "expr.check", "expr.evaluate"}, "expression"),
    "period": lambda: pick({"period.parse", "period.next", "period.previous", "period.within"}, "id"),
    "json_docs": json_docs_seeds,
    "xlsform": xlsform_seeds,
    "template_xlsx": lambda: list(files("examples/templates/*.xlsx", "examples/logframes/*.xlsx",
                                        "examples/plans/*.xlsx")),
    "mano": lambda: list(files("examples/forms/*.xlsx", "examples/templates/*.xlsx")),
    "records": records_seeds,
    "iati_xml": lambda: pick({"iati.import"}, "xml"),
    "submission": lambda: pick({"form.validate", "form.state"}, "submission") + [b"{}"],
    "migration": lambda: pick({"migration.run"}, "csv") + [migration_header()],
}


def main(targets):
    for target in targets or SEEDS:
        directory = os.path.join(FUZZ, "corpus", target)
        os.makedirs(directory, exist_ok=True)
        seeds = SEEDS[target]()
        for seed in seeds:
            name = "seed-" + hashlib.sha1(seed).hexdigest()
            with open(os.path.join(directory, name), "wb") as f:
                f.write(seed)
        print(f"{target}: {len(seeds)} seeds")


if __name__ == "__main__":
    main(sys.argv[1:])
