#!/usr/bin/env python3
"""Writes tests/vectors/compute.json: the indicator engine on the ten records of
meal-core/tests/fixtures/compute-records.csv, one indicator per vector so every figure can be
checked by hand. The expected figures below are worked out by hand from the records (the
comment above each says how), following the rules in meal-core/src/compute (module docs) —
they are not taken from the engine's output.

    python3 tests/vectors/make_compute_vectors.py
"""

import json
import pathlib

HERE = pathlib.Path(__file__).resolve().parent
FIXTURES = HERE.parent.parent / "meal-core" / "tests" / "fixtures"
LOGFRAME = json.loads((FIXTURES / "compute-logframe.json").read_text())
RECIPES = json.loads((FIXTURES / "compute-recipes.json").read_text())
SCHEMA = json.loads((FIXTURES / "compute-schema.json").read_text())
CSV = (FIXTURES / "compute-records.csv").read_text()
NOW = "2026-04-10T09:00:00+02:00"


def only(code, extra_indicator=None, recipe=None):
    """The fixture logframe and recipes reduced to one indicator."""
    logframe = dict(LOGFRAME)
    indicators = [i for i in LOGFRAME["indicators"] if i["code"] == code] or [extra_indicator]
    logframe["indicators"] = indicators
    recipes = {"format_version": 1, "dimensions": RECIPES["dimensions"],
               "recipes": [recipe] if recipe else [r for r in RECIPES["recipes"] if r["indicator"] == code]}
    return [logframe], recipes


def fig(indicator, period, value, rows, cell=None, target=None, achievement=None,
        status="no_target", numerator=None, denominator=None, opening=None):
    out = {"indicator": indicator, "period": period, "cell": cell or {}, "value": value}
    if opening is not None:
        out["opening"] = opening
    if numerator is not None:
        out["numerator"] = numerator
        out["denominator"] = denominator
    out.update({"target": target, "achievement": achievement, "status": status,
                "rows": {"in_window": rows[0], "matched": rows[1], "without_value": rows[2]}})
    return out


def vector(name, code, periods, figures, without_date, findings=(), csv=CSV, parts=None, **kw):
    logframes, recipes = only(code, **kw)
    data = {"logframes": logframes, "recipes": recipes, "schema": SCHEMA, "periods": periods, "now": NOW}
    if parts:
        data["csv_parts"] = parts
        op = "compute.merge"
    else:
        data["csv"] = csv
        op = "compute.run"
    ok = {"figures": figures, "rows_read": 10, "rows_without_date": without_date, "findings": list(findings)}
    return {"name": name, "op": op, "input": data, "expect": {"ok": ok}}


LINES = CSV.strip().split("\n")
HEADER = LINES[0]


def part(numbers):
    """The CSV of the records r<n> listed (1-based)."""
    return HEADER + "\n" + "\n".join(LINES[n] for n in numbers) + "\n"


# Consultations in Q1: r2 (f), r3 (m), r4 (sex empty), r6 (sex "x", not declared), r10 (f).
# Rows dated in Q1: r2 r3 r4 r5 r6 r7 r10 = 7. r8 is a consultation without a date.
C1_Q1 = [
    fig("C1", "2026Q1", "5", (7, 5, 0), target="4", achievement="1.25", status="on_track"),
    fig("C1", "2026Q1", "2", (7, 2, 0), cell={"sex": "f"}, target="2", achievement="1", status="on_track"),
    fig("C1", "2026Q1", "1", (7, 1, 0), cell={"sex": "m"}),
    fig("C1", "2026Q1", "2", (7, 2, 0), cell={"sex": "unknown"}),
]
# p1 (f, r2), p2 (m at r3 in January, f at r10 in March: counted where first seen, m),
# p3 (r4, no sex), p4 (r6, "x"). Matched rows per cell: f r2 r10, m r3, unknown r4 r6.
P1_Q1 = [
    fig("P1", "2026Q1", "4", (7, 5, 0)),
    fig("P1", "2026Q1", "1", (7, 2, 0), cell={"sex": "f"}),
    fig("P1", "2026Q1", "1", (7, 1, 0), cell={"sex": "m"}),
    fig("P1", "2026Q1", "2", (7, 2, 0), cell={"sex": "unknown"}),
]

VECTORS = [
    vector("count-with-sex-cells-unknown-and-targets", "C1", ["2026Q1"], C1_Q1, 1),
    # Shelter: r5 (Feb, 3 nights), r7 (Mar, 2). January has rows (r2, r3) but no shelter: 0.
    vector("sum-zero-when-rows-but-no-match", "S1", ["202601", "202602"], [
        fig("S1", "202601", "0", (2, 0, 0)),
        fig("S1", "202602", "3", (2, 1, 0)),
    ], 0),
    # Waiting days of the Q1 consultations: r3 5, r6 1; r2 r4 r10 empty. 6 / 2 = 3; decreasing
    # target 4 without baseline: 4 / 3 = 1.3333. February: r4 only, empty: no denominator.
    vector("mean-is-sum-over-count-of-values", "M1", ["2026Q1", "202602"], [
        fig("M1", "2026Q1", "3", (7, 5, 3), target="4", achievement="1.3333", status="on_track",
            numerator="6", denominator="2"),
        fig("M1", "202602", None, (2, 1, 1), numerator="0", denominator="0"),
    ], 1),
    # Referred among Q1 consultations: r3 r4 true; r2 r6 r10 false: 2 / 5 × 100 = 40 against 50
    # (0.8: at risk). March: r6 r10 both false: 0 / 2.
    vector("ratio-of-sums-times-factor", "R1", ["2026Q1", "202603"], [
        fig("R1", "2026Q1", "40", (7, 5, 0), target="50", achievement="0.8", status="at_risk",
            numerator="2", denominator="5"),
        fig("R1", "202603", "0", (3, 2, 0), numerator="0", denominator="2"),
    ], 1),
    vector("distinct-persons-in-first-cell", "P1", ["2026Q1"], P1_Q1, 1),
    # Running total since the first record: January r1 (Dec 2025) r2 r3 = 3 of the 3 rows dated
    # up to 31 Jan; Q1: r1 r2 r3 r4 r6 r10 = 6 of the 8 rows dated up to 31 Mar.
    vector("running-total-reaches-back", "RT", ["202601", "2026Q1"], [
        fig("RT", "202601", "3", (3, 3, 0)),
        fig("RT", "2026Q1", "6", (8, 6, 0)),
    ], 1),
    # Carried forward: 100 as of 31 December 2025 (r1 is in it). January adds r2 r3 (2 rows
    # dated from 1 January to 31 January); Q1 adds r2 r3 r4 r6 r10 (of the 7 rows dated in Q1).
    vector("running-total-with-opening", "RT", ["202601", "2026Q1"], [
        fig("RT", "202601", "102", (2, 2, 0), opening="100"),
        fig("RT", "2026Q1", "105", (7, 5, 0), opening="100"),
    ], 1, recipe={"indicator": "RT", "date": "${date}", "filter": "${activity} = 'consult'",
                  "opening": {"value": "100", "through": "2025-12-31"}}),
    # Year to date at the end of February: r2 r3 r4 (consultations) of r2 r3 r4 r5.
    vector("yearly-reset-from-1-january", "YR", ["202602"], [
        fig("YR", "202602", "3", (4, 3, 0)),
    ], 1),
    # Latest day with a record: Q1 15 March (r6 r7 r10); February 10 Feb (r5).
    vector("latest-snapshot-takes-the-last-day", "LS", ["2026Q1", "202602"], [
        fig("LS", "2026Q1", "3", (7, 3, 0)),
        fig("LS", "202602", "1", (2, 1, 0)),
    ], 1),
    # Satisfaction levels in Q1: r2 3, r3 4, r4 2, r6 4 (r5 r7 r10 empty): sorted 2 3 4 4, the
    # lower median (2nd of 4) is 3.
    vector("ordinal-lower-median", "O1", ["2026Q1"], [
        fig("O1", "2026Q1", "3", (7, 7, 3)),
    ], 1),
    # Three categories: 4 is none of them. Q1: 3 (r2) and 2 (r4) once each: the first, 2.
    # March: r6 4, r7 and r10 empty: nothing usable.
    vector("nominal-mode-ties-to-first", "N1", ["2026Q1", "202603"], [
        fig("N1", "2026Q1", "2", (7, 7, 5)),
        fig("N1", "202603", None, (3, 3, 3)),
    ], 1),
    # Age band by expression; an empty age must land in `unknown`, so the expression says so.
    # Q1 consultations: r2 16, r3 17, r4 15, r10 17 minors; r6 40 adult.
    vector("dimension-from-an-expression", "AB", ["2026Q1"], [
        fig("AB", "2026Q1", "5", (7, 5, 0)),
        fig("AB", "2026Q1", "4", (7, 4, 0), cell={"age_band": "minor"}),
        fig("AB", "2026Q1", "1", (7, 1, 0), cell={"age_band": "adult"}),
        fig("AB", "2026Q1", "0", (7, 0, 0), cell={"age_band": "unknown"}),
    ], 1, extra_indicator={
        "code": "AB", "name": {"en": "Consultations by age band", "fr": "Consultations par tranche d'âge"},
        "measure": {"kind": "count"}, "unit": {"en": "consultations", "fr": "consultations"},
        "direction": {"kind": "increase"}, "aggregation": "incremental",
        "disaggregation": [{"code": "age_band", "name": {"en": "Age band", "fr": "Tranche d'âge"},
                            "categories": [{"code": "minor", "name": {"en": "Minor", "fr": "Mineur"}},
                                           {"code": "adult", "name": {"en": "Adult", "fr": "Majeur"}}]}]},
        recipe={"indicator": "AB", "date": "${date}", "filter": "${activity} = 'consult'",
                "dimensions": {"age_band": "if(string-length(string(${age})) = 0, '', if(${age} < 18, 'minor', 'adult'))"}}),
    # The same figures from two partitions, each state written to JSON and read back.
    vector("merged-partitions-equal-one-pass", "C1", ["2026Q1"], C1_Q1, 1,
           parts=[part([1, 2, 3, 4, 5]), part([6, 7, 8, 9, 10])]),
    # p2's two consultations in different partitions (r3 in the first, r10 in the second).
    vector("merged-persons-counted-once", "P1", ["2026Q1"], P1_Q1, 1,
           parts=[part([3, 5, 7, 9]), part([1, 2, 4, 6, 8, 10])]),
]

# A qualitative indicator and an indicator without recipe: listed, not computed.
ALL_LOGFRAME = [LOGFRAME]
VECTORS.append({
    "name": "not-computed-indicators-are-listed",
    "op": "compute.run",
    "input": {"logframes": [dict(LOGFRAME, indicators=[i for i in LOGFRAME["indicators"] if i["code"] in ("Q1", "NR")])],
              "recipes": {"format_version": 1, "recipes": []}, "schema": SCHEMA, "periods": ["2026Q1"],
              "now": NOW, "csv": CSV},
    "expect": {"ok": {"figures": [], "rows_read": 10, "rows_without_date": 0,
                      "findings": ["compute.no_recipe", "compute.not_computable"]}},
})
# Recipe problems, each with its path (sorted by path): nothing can be computed.
VECTORS.append({
    "name": "recipe-problems-are-findings",
    "op": "compute.run",
    "input": {"logframes": [dict(LOGFRAME, indicators=[i for i in LOGFRAME["indicators"] if i["code"] in ("C1", "S1", "M1", "R1")])],
              "recipes": {"format_version": 1, "recipes": [
                  {"indicator": "C1", "date": "${date}", "value": "${nights}"},
                  {"indicator": "S1", "date": "${date}"},
                  {"indicator": "M1", "date": "${date}", "value": "${nope}"},
                  {"indicator": "R1", "date": "${date}", "numerator": "1 +", "denominator": "1"},
                  {"indicator": "ZZ", "date": "${date}"},
                  {"indicator": "S1", "date": "${date}", "value": "${nights}"}]},
              "schema": SCHEMA, "periods": ["2026Q1"], "now": NOW, "csv": CSV},
    "expect": {"ok": {"figures": [], "rows_read": 10, "rows_without_date": 0, "findings": [
        "compute.no_dimension_source", "compute.unused_part", "compute.missing_part",
        "expr.unknown_field", "compute.bad_expression", "compute.unknown_indicator",
        "compute.duplicate_recipe"]}},
})
# A recipe dimension the indicator does not disaggregate by is a warning and left out: C1 is
# still computed by sex (the recipes' shared dimension), exactly as in the first vector.
logframes, recipes = only("C1", recipe={"indicator": "C1", "date": "${date}", "filter": "${activity} = 'consult'",
                                        "dimensions": {"age": "${age}"}})
VECTORS.append({
    "name": "recipe-dimension-the-indicator-lacks-is-a-warning",
    "op": "compute.run",
    "input": {"logframes": logframes, "recipes": recipes, "schema": SCHEMA, "periods": ["2026Q1"], "now": NOW, "csv": CSV},
    "expect": {"ok": {"figures": C1_Q1, "rows_read": 10, "rows_without_date": 1, "findings": ["compute.unknown_dimension"]}},
})
# An opening balance only carries a running total forward; C1 is incremental: an error, and a
# recipe error keeps the plan from running.
logframes, recipes = only("C1", recipe={"indicator": "C1", "date": "${date}", "filter": "${activity} = 'consult'",
                                        "opening": {"value": "100", "through": "2025-12-31"}})
VECTORS.append({
    "name": "opening-on-an-incremental-indicator",
    "op": "compute.run",
    "input": {"logframes": logframes, "recipes": recipes, "schema": SCHEMA, "periods": ["2026Q1"], "now": NOW, "csv": CSV},
    "expect": {"ok": {"figures": [], "rows_read": 10, "rows_without_date": 0, "findings": ["compute.opening_not_allowed"]}},
})
# Two waiting times of 5 × 10^28 days: their sum, 10^29, is beyond the largest decimal
# (about 7.9 × 10^28): the mean is withheld, not wrapped.
logframes, recipes = only("M1")
HUGE = "50000000000000000000000000000"
VECTORS.append({
    "name": "sum-beyond-a-decimal-is-withheld",
    "op": "compute.run",
    "input": {"logframes": logframes, "recipes": recipes, "schema": SCHEMA, "periods": ["202602"], "now": NOW,
              "csv": HEADER + f"\no1,2026-02-02,p1,f,30,consult,,{HUGE},false,\no2,2026-02-03,p2,m,40,consult,,{HUGE},false,\n"},
    "expect": {"ok": {"figures": [], "rows_read": 2, "rows_without_date": 0, "findings": ["compute.overflow"]}},
})
# A table loaded with another schema than the engine's (nights a decimal, not an integer): the
# engine's expressions were typed against its own schema, so it refuses the table.
logframes, recipes = only("C1")
OTHER_SCHEMA = dict(SCHEMA, columns=[dict(c, type="decimal") if c["name"] == "nights" else c
                                     for c in SCHEMA["columns"]])
VECTORS.append({
    "name": "table-of-another-schema",
    "op": "compute.run",
    "input": {"logframes": logframes, "recipes": recipes, "schema": SCHEMA, "table_schema": OTHER_SCHEMA,
              "periods": ["2026Q1"], "now": NOW, "csv": CSV},
    "expect": {"error": "compute.schema_mismatch"},
})
for name, periods, code in [("no-periods", [], "compute.no_periods"),
                            ("duplicate-period", ["2026Q1", "2026Q1"], "compute.duplicate_period")]:
    logframes, recipes = only("C1")
    VECTORS.append({"name": name, "op": "compute.run",
                    "input": {"logframes": logframes, "recipes": recipes, "schema": SCHEMA,
                              "periods": periods, "now": NOW, "csv": CSV},
                    "expect": {"error": code}})
for name, state, code in [("state-not-json", "{", "json.malformed"),
                          ("state-of-nothing", "{}", "document.invalid"),
                          ("state-of-another-engine",
                           '{"engine": "sha256:0000000000000000", "rows_read": 0, "rows_without_date": 0, "dates": [], "windows": []}',
                           "compute.incompatible_partial")]:
    logframes, recipes = only("C1")
    VECTORS.append({"name": name, "op": "compute.merge",
                    "input": {"logframes": logframes, "recipes": recipes, "schema": SCHEMA,
                              "periods": ["2026Q1"], "now": NOW, "csv_parts": [CSV], "states": [state]},
                    "expect": {"error": code}})

(HERE / "compute.json").write_text(json.dumps({
    "description": "The indicator engine: every measure, aggregation window, disaggregation cell (with the explicit unknown), target, status and provenance count on ten hand-checked records; partial states merged across partitions; recipe findings; errors.",
    "vectors": VECTORS,
}, indent=1, ensure_ascii=False) + "\n")
print(len(VECTORS), "vectors")
