"""Form validation from Python: meal's `Form.check_many` / `Form.check` against jsonschema-rs
(on meal's own exported JSON Schema of the form) and pydantic v2 (a model built from that same
JSON Schema, so both peers check exactly the same rules), over the household-survey form and
the 100 000 submissions of meal-core/benches/forms.rs.

    FORMS_EMIT=DIR cargo bench -p meal-core --bench forms    # writes the form, schema, submissions
    python python_forms.py DIR

Every engine starts from the JSON text of each submission (what arrives from a phone or an
API) and says valid or not with all the findings; best of 3 passes, seconds for all.
"""

import datetime
import json
import os
import sys
import time
from typing import Any, List, Literal, Optional

import jsonschema_rs
import pydantic

import meal

NOW = datetime.datetime.fromisoformat("2026-11-27T10:00:00+01:00")


def best_of(runs, f):
    best, result = float("inf"), None
    for _ in range(runs):
        started = time.perf_counter()
        result = f()
        best = min(best, time.perf_counter() - started)
    return best, result


# ---- pydantic: a model per object of the JSON Schema


def annotation(name, spec):
    """(type, pydantic.Field constraints) of one JSON Schema property."""
    if isinstance(spec.get("type"), list):  # ["integer", "null"]: the type, nullable
        kinds = [t for t in spec["type"] if t != "null"]
        kind, constraints = annotation(name, {**spec, "type": kinds[0] if len(kinds) == 1 else None})
        return Optional[kind], constraints
    constraints = {}
    for keyword, argument in (("minimum", "ge"), ("maximum", "le"), ("exclusiveMinimum", "gt"),
                              ("exclusiveMaximum", "lt"), ("minItems", "min_length"),
                              ("maxItems", "max_length"), ("pattern", "pattern")):
        if keyword in spec:
            constraints[argument] = spec[keyword]
    if "enum" in spec and all(isinstance(v, (str, int, float, bool)) for v in spec["enum"]):
        kind = Literal[tuple(spec["enum"])]
    elif "const" in spec:
        kind = Literal[spec["const"]]
    else:
        kind = {"string": str, "integer": int, "number": float, "boolean": bool}.get(spec.get("type"))
        if spec.get("type") == "string" and spec.get("format") == "date":
            kind = datetime.date
        elif spec.get("type") == "string" and spec.get("format") == "date-time":
            kind = datetime.datetime
        elif spec.get("type") == "object":
            kind = model(name, spec)
        elif spec.get("type") == "array":
            item, _ = annotation(name + "_item", spec.get("items", {}))
            kind = List[item]
        elif kind is None:
            kind = Any
    if kind is not str:  # a date's pattern is its type's own parsing
        constraints.pop("pattern", None)
    if kind not in (int, float):  # bounds of a value typed `Any` (several JSON types) are unchecked
        for bound in ("ge", "le", "gt", "lt"):
            constraints.pop(bound, None)
    if spec.get("type") != "array":  # minItems/maxItems bound arrays only, never a text's length
        constraints.pop("min_length", None)
        constraints.pop("max_length", None)
    return kind, constraints


def model(name, schema):
    fields = {}
    required = set(schema.get("required", []))
    for prop, spec in schema.get("properties", {}).items():
        kind, constraints = annotation(prop, spec)
        if prop in required:
            fields[prop] = (kind, pydantic.Field(**constraints))
        else:
            fields[prop] = (Optional[kind], pydantic.Field(default=None, **constraints))
    extra = "forbid" if schema.get("additionalProperties") is False else "allow"
    config = pydantic.ConfigDict(extra=extra, strict=False)
    return pydantic.create_model(name.title().replace("_", ""), __config__=config, **fields)


# ---- the runs


def main():
    folder = sys.argv[1]
    read = lambda name: open(os.path.join(folder, name), encoding="utf-8").read()  # noqa: E731
    form = meal.Form.from_json(read("form.json"))
    schema = json.loads(read("schema.json"))
    batch = read("submissions.json")
    texts = [json.dumps(s, separators=(",", ":")) for s in json.loads(batch)]
    n = len(texts)

    validator = jsonschema_rs.validator_for(schema)
    Model = model("submission", schema)

    def meal_many():
        return sum(v.valid for v in form.check_many(batch, now=NOW))

    def meal_each():
        return sum(form.check(t, now=NOW).valid for t in texts)

    def jsonschema_all():
        return sum(not any(True for _ in validator.iter_errors(json.loads(t))) for t in texts)

    def jsonschema_valid():
        return sum(validator.is_valid(json.loads(t)) for t in texts)

    def pydantic_all():
        valid = 0
        for t in texts:
            try:
                Model.model_validate_json(t)
                valid += 1
            except pydantic.ValidationError:
                pass
        return valid

    runs = [
        ("meal Form.check_many (one JSON array, all findings)", meal_many),
        ("meal Form.check, one call per submission", meal_each),
        ("jsonschema-rs iter_errors (json.loads + all errors)", jsonschema_all),
        ("jsonschema-rs is_valid (json.loads + first error)", jsonschema_valid),
        ("pydantic v2 model_validate_json (all errors)", pydantic_all),
    ]
    print(f"forms-python: {n} submissions, {len(batch) / n:.0f} bytes on average")
    times = {}
    for label, run in runs:
        seconds, valid = best_of(3, run)
        times[label] = seconds
        print(f"  {label:<55} {seconds * 1e6 / n:8.2f} µs each  {n / seconds:10.0f} /s  ({valid} valid)")
    ours = times[runs[0][0]]
    for label, _ in runs[2:]:
        print(f"  ratio meal check_many vs {label.split(' (')[0]}: {times[label] / ours:.2f}x")


if __name__ == "__main__":
    main()
