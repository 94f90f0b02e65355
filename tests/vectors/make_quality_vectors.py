#!/usr/bin/env python3
"""Writes tests/vectors/quality.json: the quality checks' conformance vectors.

Every expected value below was worked out by hand (the arithmetic is in the comments); this
script only spells the JSON out, filling the scorecard fields a vector does not exercise with
their empty values, so each vector stays readable. Run: python3 tests/vectors/make_quality_vectors.py
"""

import json
import pathlib

NOW = "2026-04-10T09:00:00+02:00"


def schema(*columns):
    """A data::Schema document; a column is `name:type` with `!` for required."""
    out = []
    for column in columns:
        name, kind = column.rstrip("!").split(":")
        out.append({"name": name, "type": kind, "required": column.endswith("!")})
    return {"format_version": 1, "columns": out}


BASE = ("record_id:text!", "project:text!", "site:text", "date:date!")


def checks(**parts):
    doc = {"format_version": 1, "project": "project", "site": "site", "date": "date",
           "period_type": "Monthly"}
    doc.update(parts)
    return doc


def score(project, site, period, records, **counts):
    row = {"project": project, "site": site, "period": period, "records": records,
           "required_cells": 0, "required_filled": 0, "completeness": None,
           "reports_expected": 0, "reports_received": 1 if records else 0,
           "reports_on_time": 0, "timeliness": None, "duplicates": 0, "rule_violations": 0,
           "outliers": 0, "invalid_numerics": 0}
    for key, value in counts.items():
        assert key in row, key
        row[key] = value
    return row


def failure(check, code, severity, proj=None, st=None, per=None, row=None,
            col=None, val=None, **params):
    """A failure row (place, row, column, value given by position); keyword arguments are
    its params."""
    return {"check": check, "code": code, "severity": severity, "project": proj,
            "site": st, "period": per, "row": row, "column": col, "value": val,
            "params": params}


def report(rows, scorecard, failures, rejected=0, unplaced=0):
    return {"rows_checked": rows, "rows_rejected": rejected, "rows_unplaced": unplaced,
            "scorecard": scorecard, "failures": failures}


def vector(name, columns, csv, doc, expect, op="quality.check", now=NOW):
    return {"name": name, "op": op,
            "input": {"schema": schema(*columns), "csv": csv, "checks": doc, "now": now},
            "expect": expect}


V = []

# --- completeness: required cells -------------------------------------------------------
# day_centre Jan: r1 30, r2 blank, r3 40 -> 2 of 3 filled = 0.6666… -> 0.6667 (4 places).
# blank site Jan: r4 blank -> 0 of 1. day_centre Feb: r5 blank -> 0 of 1.
# Sorted by project, site (blank first), period; failures likewise, then by row.
V.append(vector(
    "completeness-required-cells",
    BASE + ("age:integer",),
    "record_id,project,site,date,age\n"
    "r1,IDF,day_centre,2026-01-05,30\n"
    "r2,IDF,day_centre,2026-01-06,\n"
    "r3,IDF,day_centre,2026-01-20,40\n"
    "r4,IDF,,2026-01-21,\n"
    "r5,IDF,day_centre,2026-02-02,\n",
    checks(required=["age"]),
    {"ok": report(5, [
        score("IDF", None, "202601", 1, required_cells=1, required_filled=0, completeness="0"),
        score("IDF", "day_centre", "202601", 3, required_cells=3, required_filled=2,
              completeness="0.6667"),
        score("IDF", "day_centre", "202602", 1, required_cells=1, required_filled=0,
              completeness="0"),
    ], [
        failure("completeness", "quality.required_missing", "warning", "IDF", None, "202601", 4,
                "age", column="age"),
        failure("completeness", "quality.required_missing", "warning", "IDF", "day_centre",
                "202601", 2, "age", column="age"),
        failure("completeness", "quality.required_missing", "warning", "IDF", "day_centre",
                "202602", 5, "age", column="age"),
    ])},
))

# --- completeness: expected reports -------------------------------------------------------
# now = 2026-04-10. IDF day_centre open from 2026-01-01: Jan, Feb, Mar have ended -> expected;
# April is running -> not expected (but has a record: its own row, expected 0).
# CAL calais_mobile open 2025-12-15 .. 2026-01-31: Dec 2025 and Jan 2026 expected; its Feb
# record is not expected. Missing: CAL 202512, CAL 202601, IDF 202602.
REPORTS_CSV = ("record_id,project,site,date\n"
               "r1,IDF,day_centre,2026-01-10\n"
               "r2,IDF,day_centre,2026-03-03\n"
               "r3,IDF,day_centre,2026-04-02\n"
               "r4,CAL,calais_mobile,2026-02-14\n")
REPORTS_CHECKS = checks(expected_reports=[
    {"project": "IDF", "site": "day_centre", "from": "2026-01-01", "to": None},
    {"project": "CAL", "site": "calais_mobile", "from": "2025-12-15", "to": "2026-01-31"},
])
V.append(vector(
    "completeness-expected-reports-open-and-closed-sites",
    BASE, REPORTS_CSV, REPORTS_CHECKS,
    {"ok": report(4, [
        score("CAL", "calais_mobile", "202512", 0, reports_expected=1),
        score("CAL", "calais_mobile", "202601", 0, reports_expected=1),
        score("CAL", "calais_mobile", "202602", 1),
        score("IDF", "day_centre", "202601", 1, reports_expected=1),
        score("IDF", "day_centre", "202602", 0, reports_expected=1),
        score("IDF", "day_centre", "202603", 1, reports_expected=1),
        score("IDF", "day_centre", "202604", 1),
    ], [
        failure("completeness", "quality.report_missing", "warning", "CAL", "calais_mobile",
                "202512", project="CAL", site="calais_mobile", period="202512"),
        failure("completeness", "quality.report_missing", "warning", "CAL", "calais_mobile",
                "202601", project="CAL", site="calais_mobile", period="202601"),
        failure("completeness", "quality.report_missing", "warning", "IDF", "day_centre",
                "202602", project="IDF", site="day_centre", period="202602"),
    ])},
))

# Summary of the same: expected 5, received among them 2 (IDF Jan, Mar) -> rate 0.4.
V.append(vector(
    "summary-reporting-rate",
    BASE, REPORTS_CSV, REPORTS_CHECKS,
    {"ok": {"rows_checked": 4, "rows_rejected": 0, "rows_unplaced": 0, "records": 4,
            "required_cells": 0, "required_filled": 0, "completeness": None,
            "reports_expected": 5, "reports_received": 2, "reports_on_time": 0,
            "reporting_rate": "0.4", "timeliness": None, "duplicates": 0,
            "rule_violations": 0, "outliers": 0, "invalid_numerics": 0,
            "failures": [{"check": "completeness", "code": "quality.report_missing",
                          "severity": "warning", "count": 3}]}},
    op="quality.summary",
))

# --- timeliness -------------------------------------------------------------------------------
# timely_days 7: Jan deadline 2026-02-07, Feb deadline 2026-03-07.
# r1 submitted 2026-02-07T23:30+01:00: its own local date is Feb 7 -> on time.
# r3 submitted 2026-03-08T00:30+01:00: Mar 8 > Mar 7 -> late by 1 day -> Feb report late.
# r5 (mobile_clinic, Feb) has no submission time -> its report cannot be on time.
# day_centre Mar expected (open range), no record -> missing, not on time.
V.append(vector(
    "timeliness-report-on-time-when-every-record-is",
    BASE + ("submitted_at:date_time",),
    "record_id,project,site,date,submitted_at\n"
    "r1,IDF,day_centre,2026-01-10,2026-02-07T23:30:00+01:00\n"
    "r2,IDF,day_centre,2026-01-31,2026-01-31T18:00:00+01:00\n"
    "r3,IDF,day_centre,2026-02-10,2026-03-08T00:30:00+01:00\n"
    "r4,IDF,day_centre,2026-02-11,2026-02-12T10:00:00+01:00\n"
    "r5,IDF,mobile_clinic,2026-02-03,\n",
    checks(timeliness={"submitted": "submitted_at", "timely_days": 7}, expected_reports=[
        {"project": "IDF", "site": "day_centre", "from": "2026-01-01", "to": None},
        {"project": "IDF", "site": "mobile_clinic", "from": "2026-02-01", "to": "2026-02-28"},
    ]),
    {"ok": report(5, [
        score("IDF", "day_centre", "202601", 2, reports_expected=1, reports_on_time=1,
              timeliness="1"),
        score("IDF", "day_centre", "202602", 2, reports_expected=1, timeliness="0"),
        score("IDF", "day_centre", "202603", 0, reports_expected=1, timeliness="0"),
        score("IDF", "mobile_clinic", "202602", 1, reports_expected=1, timeliness="0"),
    ], [
        failure("timeliness", "quality.submitted_late", "warning", "IDF", "day_centre",
                "202602", 3, "submitted_at", "2026-03-08T00:30:00.000+01:00",
                submitted="2026-03-08T00:30:00.000+01:00", deadline="2026-03-07",
                days_late="1"),
        failure("completeness", "quality.report_missing", "warning", "IDF", "day_centre",
                "202603", project="IDF", site="day_centre", period="202603"),
        failure("timeliness", "quality.submitted_missing", "warning", "IDF", "mobile_clinic",
                "202602", 5, "submitted_at", column="submitted_at"),
    ])},
))

# --- duplicates ---------------------------------------------------------------------------------
# Exact = all columns but record_id and submitted_at. Key = person, date, activity.
# r2 = r1 exactly (and same key); r3 same key as r1 (age differs); r5 = r4 exactly, but their
# person is blank so the key check leaves them alone. Flagged rows: 2, 3, 5 -> duplicates 3.
V.append(vector(
    "duplicates-exact-and-key-first-occurrence-is-original",
    BASE + ("submitted_at:date_time", "person:text", "activity:text", "age:integer"),
    "record_id,project,site,date,submitted_at,person,activity,age\n"
    "r1,IDF,day_centre,2026-01-05,2026-01-05T10:00:00+01:00,p1,consult,30\n"
    "r2,IDF,day_centre,2026-01-05,2026-01-06T10:00:00+01:00,p1,consult,30\n"
    "r3,IDF,day_centre,2026-01-05,2026-01-05T11:00:00+01:00,p1,consult,31\n"
    "r4,IDF,day_centre,2026-01-07,2026-01-07T10:00:00+01:00,,advocacy,\n"
    "r5,IDF,day_centre,2026-01-07,2026-01-07T12:00:00+01:00,,advocacy,\n"
    "r6,IDF,day_centre,2026-01-08,2026-01-08T10:00:00+01:00,p2,consult,25\n",
    checks(duplicates={"ignore": ["record_id", "submitted_at"],
                       "key": ["person", "date", "activity"]}),
    {"ok": report(6, [score("IDF", "day_centre", "202601", 6, duplicates=3)], [
        failure("duplicate", "quality.duplicate_exact", "warning", "IDF", "day_centre",
                "202601", 2, original="1"),
        failure("duplicate", "quality.duplicate_key", "warning", "IDF", "day_centre",
                "202601", 2, original="1", key="person,date,activity"),
        failure("duplicate", "quality.duplicate_key", "warning", "IDF", "day_centre",
                "202601", 3, original="1", key="person,date,activity"),
        failure("duplicate", "quality.duplicate_exact", "warning", "IDF", "day_centre",
                "202601", 5, original="4"),
    ])},
))

# --- validation rules ---------------------------------------------------------------------------
# VR-AGE     ${age} <= 120, high, skip if any missing: r2 (150) violates; r3 (blank) skipped.
# VR-AGE-SET ${age} >= 0, low, never skip: r3 blank -> NaN comparison not met; r5 -1 < 0.
# VR-SEX     compulsory pair ${person} / ${sex}: r3 has a person and no sex.
# VR-NIGHTS  exclusive pair ${nights} / ${waiting_days}: r2 has both.
# VR-MINOR   filter ${age} < 18: ${nights} == 0; r4 (12, nights 1) violates; r5 (-1, nights
#            blank) skipped by the default skip-if-all-missing; r3 (blank age) filtered out.
# Importance high/medium/low -> error/warning/info. Within a row, failures sort by column.
RULES = [
    {"code": "VR-AGE", "name": {"en": "Age at most 120", "fr": "Âge d'au plus 120 ans"},
     "left": "${age}", "operator": "less_than_or_equal_to", "right": "120",
     "importance": "high", "missing_value_strategy": "skip_if_any_value_missing"},
    {"code": "VR-AGE-SET", "left": "${age}", "operator": "greater_than_or_equal_to",
     "right": "0", "importance": "low", "missing_value_strategy": "never_skip"},
    {"code": "VR-SEX", "left": "${person}", "operator": "compulsory_pair", "right": "${sex}"},
    {"code": "VR-NIGHTS", "left": "${nights}", "operator": "exclusive_pair",
     "right": "${waiting_days}"},
    {"code": "VR-MINOR", "filter": "${age} < 18", "left": "${nights}", "operator": "equal_to",
     "right": "0"},
]
V.append(vector(
    "rules-operators-importance-and-missing-values",
    BASE + ("person:text", "sex:text", "age:integer", "nights:integer", "waiting_days:integer"),
    "record_id,project,site,date,person,sex,age,nights,waiting_days\n"
    "r1,IDF,day_centre,2026-01-05,p1,f,30,,\n"
    "r2,IDF,day_centre,2026-01-06,p2,m,150,2,3\n"
    "r3,IDF,day_centre,2026-01-07,p3,,,,\n"
    "r4,IDF,day_centre,2026-01-08,,,12,1,\n"
    "r5,IDF,day_centre,2026-01-09,,,-1,,\n",
    checks(rules=RULES),
    {"ok": report(5, [score("IDF", "day_centre", "202601", 5, rule_violations=6)], [
        failure("rule", "quality.rule_violation", "error", "IDF", "day_centre", "202601", 2,
                "age", "150", rule="VR-AGE", left="150", operator="<=", right="120"),
        failure("rule", "quality.rule_violation", "warning", "IDF", "day_centre", "202601", 2,
                "nights", "2", rule="VR-NIGHTS", left="2", operator="[Exclusive pair]",
                right="3"),
        failure("rule", "quality.rule_violation", "info", "IDF", "day_centre", "202601", 3,
                "age", "", rule="VR-AGE-SET", left="", operator=">=", right="0"),
        failure("rule", "quality.rule_violation", "warning", "IDF", "day_centre", "202601", 3,
                "person", "p3", rule="VR-SEX", left="p3", operator="[Compulsory pair]",
                right=""),
        failure("rule", "quality.rule_violation", "warning", "IDF", "day_centre", "202601", 4,
                "nights", "1", rule="VR-MINOR", left="1", operator="==", right="0"),
        failure("rule", "quality.rule_violation", "info", "IDF", "day_centre", "202601", 5,
                "age", "-1", rule="VR-AGE-SET", left="-1", operator=">=", right="0"),
    ])},
))

# --- outliers -------------------------------------------------------------------------------------
# nights (r6 blank, not tested) 1, 1, 1, 1, 6, z-score t = 2: n = 5, S = 10, Q = 40,
#   nQ − S² = 100 = n²σ² -> σ = 2, mean 2; (5·6 − 10)² = 400 ≥ 2²·100 -> r5 flagged;
#   (5·1 − 10)² = 25 < 400. Bounds 2 ± 2·2 = −2, 6.
# age 1, 2, 3, 4, 100 (+ r6 50), modified z default 3.5, one group: sorted 1 2 3 4 50 100,
#   median (3 + 4)/2 = 3.5; |x − 3.5| = 2.5 1.5 0.5 0.5 46.5 96.5 -> sorted 0.5 0.5 1.5 2.5 46.5
#   96.5, MAD = (1.5 + 2.5)/2 = 2; flagged when 0.6745·d ≥ 7: 0.6745·46.5 = 31.36 -> r6 and
#   r5 flagged; 0.6745·2.5 = 1.69 not. Bounds 3.5 ± 7/0.6745 = 3.5 ± 10.378057820…
#   -> −6.8781, 13.8781.
# age by site, IQR default 1.5: day_centre 1 2 3 4 100: Q1 (h = 1) = 2, Q3 (h = 3) = 4,
#   IQR 2, fences 2 − 3 = −1 and 4 + 3 = 7 -> 100 flagged, centre 3; shelter (50 alone):
#   IQR 0 -> skipped.
# Failures of r5 sort by column (age < nights), then params (lower "-1" < "-6.8781").
V.append(vector(
    "outliers-z-modified-z-iqr-exact",
    BASE + ("nights:integer", "age:integer"),
    "record_id,project,site,date,nights,age\n"
    "r1,IDF,day_centre,2026-01-05,1,1\n"
    "r2,IDF,day_centre,2026-01-06,1,2\n"
    "r3,IDF,day_centre,2026-01-07,1,3\n"
    "r4,IDF,day_centre,2026-01-08,1,4\n"
    "r5,IDF,day_centre,2026-01-09,6,100\n"
    "r6,MRS,shelter,2026-01-09,,50\n",
    checks(outliers=[
        {"column": "nights", "method": "z_score", "threshold": "2"},
        {"column": "age", "method": "modified_z_score"},
        {"column": "age", "method": "iqr", "group_by": ["site"]},
    ]),
    {"ok": report(6, [
        score("IDF", "day_centre", "202601", 5, outliers=3),
        score("MRS", "shelter", "202601", 1, outliers=1),
    ], [
        failure("outlier", "quality.outlier", "warning", "IDF", "day_centre", "202601", 5,
                "age", "100", method="iqr", threshold="1.5", centre="3", lower="-1",
                upper="7"),
        failure("outlier", "quality.outlier", "warning", "IDF", "day_centre", "202601", 5,
                "age", "100", method="modified_z_score", threshold="3.5", centre="3.5",
                lower="-6.8781", upper="13.8781"),
        failure("outlier", "quality.outlier", "warning", "IDF", "day_centre", "202601", 5,
                "nights", "6", method="z_score", threshold="2", centre="2", lower="-2",
                upper="6"),
        failure("outlier", "quality.outlier", "warning", "MRS", "shelter", "202601", 6,
                "age", "50", method="modified_z_score", threshold="3.5", centre="3.5",
                lower="-6.8781", upper="13.8781"),
    ])},
))

# Equal values: σ = 0, MAD = 0, IQR = 0 -> every test skipped, nothing flagged.
V.append(vector(
    "outliers-equal-values-flag-nothing",
    BASE + ("nights:integer",),
    "record_id,project,site,date,nights\n"
    "r1,IDF,day_centre,2026-01-05,3\n"
    "r2,IDF,day_centre,2026-01-06,3\n"
    "r3,IDF,day_centre,2026-01-07,3\n",
    checks(outliers=[{"column": "nights", "method": m} for m in
                     ("z_score", "modified_z_score", "iqr")]),
    {"ok": report(3, [score("IDF", "day_centre", "202601", 3)], [])},
))

# Sums beyond a decimal: the z-score needs the sum of squares, and 10^15 squared is 10^30,
# beyond the largest decimal (about 7.9 × 10^28): the group is not tested, and the failure is
# about the group (column and method), not about a row or a place. No outlier is counted.
V.append(vector(
    "outliers-sums-beyond-a-decimal-are-not-tested",
    BASE + ("waiting:decimal",),
    "record_id,project,site,date,waiting\n"
    "r1,IDF,day_centre,2026-01-05,1000000000000000\n"
    "r2,IDF,day_centre,2026-01-06,1\n"
    "r3,IDF,day_centre,2026-01-07,2\n",
    checks(outliers=[{"column": "waiting", "method": "z_score"}]),
    {"ok": report(3, [score("IDF", "day_centre", "202601", 3)], [
        failure("outlier", "quality.outlier_overflow", "warning", col="waiting",
                column="waiting", method="z_score"),
    ])},
))

# A rule that cannot be evaluated on a row: the pattern comes from the row ("(" is no regular
# expression), so only evaluation finds it (expr.regex). An error at that row, with the rule
# and the reason; not a violation (the scorecard counts none), and no column or value.
V.append(vector(
    "rules-a-row-where-the-rule-cannot-be-evaluated",
    BASE + ("code:text", "pattern:text"),
    "record_id,project,site,date,code,pattern\n"
    "r1,IDF,day_centre,2026-01-05,AB,^[A-Z]+$\n"
    "r2,IDF,day_centre,2026-01-06,AB,(\n",
    checks(rules=[{"code": "VR-CODE", "left": "regex(${code}, ${pattern})", "operator": "equal_to",
                   "right": "true()"}]),
    {"ok": report(2, [score("IDF", "day_centre", "202601", 2)], [
        failure("rule", "quality.rule_not_evaluated", "error", "IDF", "day_centre", "202601", 2,
                rule="VR-CODE", reason="expr.regex"),
    ])},
))

# --- invalid numerics and rejected rows -------------------------------------------------------
# r2: age "abc" -> the loader rejects it (data.not_integer): invalid_numeric, no place.
# r4: no date -> rejected (data.required): check "rejected", no value.
# quantity (text, declared numeric): "12" and "-0.5" read; "1,5" does not -> 1 failure;
# blank r6 not checked. Unplaced failures sort first (blank project).
NUMERIC_CSV = ("record_id,project,site,date,age,quantity\n"
               "r1,IDF,day_centre,2026-01-05,30,12\n"
               "r2,IDF,day_centre,2026-01-06,abc,N/A\n"
               "r3,IDF,day_centre,2026-01-07,31,\"1,5\"\n"
               "r4,IDF,day_centre,,32,3\n"
               "r5,IDF,day_centre,2026-01-08,33,-0.5\n"
               "r6,IDF,day_centre,2026-01-09,34,\n")
NUMERIC_COLUMNS = BASE + ("age:integer", "quantity:text")
V.append(vector(
    "invalid-numerics-text-and-rejected-rows",
    NUMERIC_COLUMNS, NUMERIC_CSV, checks(numeric=["quantity"]),
    {"ok": report(6, [score("IDF", "day_centre", "202601", 4, invalid_numerics=1)], [
        {"check": "invalid_numeric", "code": "quality.rejected_row", "severity": "error",
         "project": None, "site": None, "period": None, "row": 2, "column": "age",
         "value": "abc", "params": {"column": "age", "reason": "data.not_integer"}},
        {"check": "rejected", "code": "quality.rejected_row", "severity": "error",
         "project": None, "site": None, "period": None, "row": 4, "column": "date",
         "value": None, "params": {"column": "date", "reason": "data.required"}},
        failure("invalid_numeric", "quality.invalid_numeric", "error", "IDF", "day_centre",
                "202601", 3, "quantity", "1,5", column="quantity"),
    ], rejected=2)},
))
V.append(vector(
    "summary-counts-per-check",
    NUMERIC_COLUMNS, NUMERIC_CSV, checks(numeric=["quantity"]),
    {"ok": {"rows_checked": 6, "rows_rejected": 2, "rows_unplaced": 0, "records": 4,
            "required_cells": 0, "required_filled": 0, "completeness": None,
            "reports_expected": 0, "reports_received": 0, "reports_on_time": 0,
            "reporting_rate": None, "timeliness": None, "duplicates": 0,
            "rule_violations": 0, "outliers": 0, "invalid_numerics": 2,
            "failures": [
                {"check": "invalid_numeric", "code": "quality.invalid_numeric",
                 "severity": "error", "count": 1},
                {"check": "invalid_numeric", "code": "quality.rejected_row",
                 "severity": "error", "count": 1},
                {"check": "rejected", "code": "quality.rejected_row", "severity": "error",
                 "count": 1},
            ]}},
    op="quality.summary",
))

# --- a date with no period: year 999 cannot be named (ids carry years 1000–9999) ----------------
V.append(vector(
    "unplaced-date-outside-named-periods",
    BASE,
    "record_id,project,site,date\n"
    "r1,IDF,day_centre,0999-12-31\n"
    "r2,IDF,day_centre,2026-01-05\n",
    checks(),
    {"ok": report(2, [score("IDF", "day_centre", "202601", 1)], [
        failure("completeness", "quality.unplaced", "error", "IDF", "day_centre", None, 1,
                None, "0999-12-31", date="0999-12-31"),
    ], unplaced=1)},
))

# --- the checks document against the schema -------------------------------------------------------
ONE_ROW = "record_id,project,site,date,age\nr1,IDF,day_centre,2026-01-05,30\n"
AGE = BASE + ("age:integer",)
for name, columns, doc, code in [
    ("error-unknown-column", AGE, checks(required=["weight"]), "quality.unknown_column"),
    ("error-date-not-required",
     ("record_id:text!", "project:text!", "site:text", "date:date", "age:integer"),
     checks(), "quality.date_not_required"),
    ("error-outlier-column-not-numeric", AGE,
     checks(outliers=[{"column": "site", "method": "z_score"}]), "quality.column_type"),
    ("error-project-not-text", ("record_id:text!", "project:integer!", "site:text",
                                "date:date!", "age:integer"), checks(), "quality.column_type"),
    ("error-threshold-not-positive", AGE,
     checks(outliers=[{"column": "age", "method": "iqr", "threshold": "0"}]),
     "quality.bad_threshold"),
    ("error-duplicate-rule-code", AGE,
     checks(rules=[{"code": "R", "left": "${age}", "operator": "less_than", "right": "9"},
                   {"code": "R", "left": "${age}", "operator": "greater_than", "right": "0"}]),
     "quality.duplicate_rule"),
    ("error-expected-range-reversed", AGE,
     checks(expected_reports=[{"project": "IDF", "site": "day_centre", "from": "2026-02-01",
                               "to": "2026-01-31"}]), "quality.range_reversed"),
    ("error-rule-syntax", AGE,
     checks(rules=[{"code": "R", "left": "${age} <=", "operator": "equal_to", "right": "1"}]),
     "expr.syntax"),
    ("error-rule-unknown-field", AGE,
     checks(rules=[{"code": "R", "left": "${weight}", "operator": "equal_to", "right": "1"}]),
     "expr.unknown_field"),
    ("error-format-version", AGE, dict(checks(), format_version=2), "document.format_version"),
]:
    V.append(vector(name, columns, ONE_ROW, doc, {"error": code}))

V.append(vector("checks-unknown-field-is-a-finding", AGE, ONE_ROW,
                dict(checks(), colour="blue"), {"findings": ["document.unknown_field"]}))

OUT = {
    "description": "Data-quality checks (meal_core::quality): completeness, expected reports, "
                   "timeliness, duplicates, DHIS2-style validation rules, outliers, invalid "
                   "numerics, the scorecard and its summary. Expected values worked out by "
                   "hand in make_quality_vectors.py.",
    "vectors": V,
}
path = pathlib.Path(__file__).with_name("quality.json")
path.write_text(json.dumps(OUT, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
print(f"{len(V)} vectors -> {path}")
