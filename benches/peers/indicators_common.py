"""The reference mission's indicator set, written once for the three peers (pandas, polars,
DuckDB) of `meal-demo indicators`, and the canonical text of their figures.

The recipes of `examples/data/recipes.json` are restated here in a small neutral form (each peer
compiles them into its own idiom), and the semantics are those of meal's engine
(meal-core/src/compute/plan.rs):

* a record counts for a period when its date lies in the period's window: the period itself
  for `incremental`, `ratio_of_sums` and `latest_snapshot`; everything up to the period's last
  day for `running_total`; from 1 January of that year for `yearly_reset_running_total`;
* under `latest_snapshot`, counts, sums, means and ratios keep only the rows of the latest
  date that has a matching row in the window;
* a row whose value (numerator, denominator) is empty is matched but adds nothing;
* dimension cells: the declared categories, then `unknown` for an empty or undeclared value —
  kept, never dropped (pandas needs `dropna=False`);
* a running total with an `opening` starts the day after the opening's date and adds its value;
* rows meal's loader rejects (an `age` that is not a whole number) are dropped first.

Output: one line per figure, sorted, as `meal_demo::reference::totals` writes them; the first
16 hex digits of its SHA-256 are the checksum the bench compares.
"""

import hashlib
import json
import os
import sys
import time
from datetime import date, timedelta

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DATA = os.path.join(ROOT, "examples", "data")
LOGFRAMES = ["logframe-idf.json", "logframe-calais.json", "logframe-marseille.json",
             "logframe-dunkerque.json"]

# Periods: the quarter, then its months (id, first day, last day).
PERIODS = [
    ("2026Q1", date(2026, 1, 1), date(2026, 3, 31)),
    ("202601", date(2026, 1, 1), date(2026, 1, 31)),
    ("202602", date(2026, 2, 1), date(2026, 2, 28)),
    ("202603", date(2026, 3, 1), date(2026, 3, 31)),
]
FIRST_DAY = date(1970, 1, 1)

TEXT = ["record_id", "project", "site", "person", "sex", "population_group", "activity",
        "need", "refusal_outcome"]
INTEGER = ["nights", "waiting_days", "satisfaction", "sessions", "occupied_nights",
           "available_nights", "level", "coverage_days", "quantity", "antenatal_visits"]
BOOLEAN = ["first_consultation", "assessment_within_30d", "minority_recognised",
           "distress_improved", "consent", "health_good", "referral_attended", "met_within_24h",
           "needed_care", "saw_health_worker", "coverage_within_3m", "standards_met",
           "coverage_open", "referring_doctor", "within_72h", "post_exposure_care",
           "violence_screened", "feels_safe"]
# `age` is read as text: meal rejects a row whose age is not a whole number.

SRH = ["gynaecology_consultation", "antenatal_consultation", "contraception_consultation"]
NEEDS = ["medical", "shelter", "food", "rights", "family"]
OUTCOMES = ["resolved", "pending", "court", "not_resolved"]


def one(activity, **parts):
    return dict(activities=[activity], **parts)


# Conditions: ("true", col) | ("eq", col, text) | ("in", col, [texts]).
# Parts: ("col", c) | ("one",) | ("and", c1, c2) | ("ge", c, n) | ("map", c, [codes]).
RECIPES = {
    "IDF-IND-01": one("first_visit", num=("col", "assessment_within_30d"), den=("one",)),
    "IDF-IND-02": one("medical_consultation", where=[("true", "first_consultation")],
                      value=("col", "waiting_days")),
    "IDF-IND-03": one("appeal_decision", num=("col", "minority_recognised"), den=("one",)),
    "IDF-IND-04": one("policy_stage_review", value=("col", "level")),
    "IDF-IND-06": one("medical_consultation"),
    "IDF-IND-07": one("medical_consultation", person=True),
    "IDF-IND-08": one("mental_health_session"),
    "IDF-IND-09": one("mental_health_review", num=("col", "distress_improved"), den=("one",)),
    "IDF-IND-10": one("occupancy_report", num=("col", "occupied_nights"),
                      den=("col", "available_nights")),
    "IDF-IND-11": one("shelter_stay", value=("col", "nights")),
    # Carried forward from before the records (recipes.json `opening`): 2650 as of 2025-12-31.
    "IDF-IND-12": one("appeal_filed", opening=(2650, date(2025, 12, 31))),
    "IDF-IND-13": one("advocacy_meeting"),
    "IDF-IND-14": one("testimony", where=[("true", "consent")]),
    "IDF-IND-15": one("engagement_review", value=("col", "level")),
    "IDF-IND-16": one("exit_interview", num=("col", "health_good"), den=("one",)),
    "CAL-IND-01": one("referral", num=("col", "referral_attended"), den=("one",)),
    "CAL-IND-02": one("satisfaction_survey", where=[("in", "site", ["calais_mobile", "coast_mobile"])],
                      value=("col", "satisfaction")),
    "CAL-IND-03": one("shipwreck", num=("col", "met_within_24h"), den=("one",)),
    "CAL-IND-04": one("policy_stage_review", value=("col", "level")),
    "CAL-IND-06": one("medical_consultation"),
    "CAL-IND-07": one("first_visit"),
    "CAL-IND-08": one("mental_health_session"),
    "CAL-IND-09": one("outreach_contact", where=[("eq", "population_group", "shipwreck_survivors")],
                      person=True),
    "CAL-IND-10": one("shelter_stay", value=("col", "nights")),
    "CAL-IND-11": one("outreach_contact", value=("map", "need", NEEDS)),
    "CAL-IND-12": one("incident_report"),
    "CAL-IND-14": one("access_survey", num=("and", "needed_care", "saw_health_worker"),
                      den=("col", "needed_care")),
    "MRS-IND-01": one("coverage_review", num=("col", "coverage_within_3m"), den=("one",)),
    "MRS-IND-02": one("coverage_opened", value=("col", "coverage_days")),
    "MRS-IND-03": one("squat_assessment", num=("col", "standards_met"), den=("one",)),
    "MRS-IND-04": one("policy_stage_review", value=("col", "level")),
    "MRS-IND-06": one("medical_consultation"),
    "MRS-IND-07": one("mental_health_session", person=True),
    "MRS-IND-08": one("coverage_application"),
    "MRS-IND-09": one("squat_support"),
    "MRS-IND-10": one("kit_distribution", value=("col", "quantity")),
    "MRS-IND-11": one("squat_outreach_visit"),
    "MRS-IND-12": one("care_refusal"),
    "MRS-IND-13": one("care_refusal", value=("map", "refusal_outcome", OUTCOMES)),
    "MRS-IND-14": one("engagement_review", value=("col", "level")),
    "MRS-IND-15": one("exit_interview", num=("and", "coverage_open", "referring_doctor"),
                      den=("one",)),
    "DKQ-IND-01": one("pregnancy_followup_end", num=("ge", "antenatal_visits", 4), den=("one",)),
    "DKQ-IND-02": one("satisfaction_survey", value=("col", "satisfaction")),
    "DKQ-IND-03": one("sv_consultation", where=[("true", "within_72h")],
                      num=("col", "post_exposure_care"), den=("one",)),
    "DKQ-IND-04": one("occupancy_report", num=("col", "occupied_nights"),
                      den=("col", "available_nights")),
    "DKQ-IND-05": one("policy_stage_review", value=("col", "level")),
    "DKQ-IND-07": dict(activities=SRH),
    "DKQ-IND-08": dict(activities=SRH, person=True),
    "DKQ-IND-09": one("shelter_stay", value=("col", "nights")),
    "DKQ-IND-10": dict(activities=SRH, where=[("true", "violence_screened")]),
    "DKQ-IND-11": one("mental_health_review", value=("col", "sessions")),
    "DKQ-IND-12": one("partnership_agreement"),
    "DKQ-IND-13": one("sv_documentation", where=[("true", "consent")]),
    "DKQ-IND-15": one("safety_survey", num=("col", "feels_safe"), den=("one",)),
}


class Indicator:
    """One quantitative indicator: its recipe, measure, windows and dimensions."""

    def __init__(self, definition, recipe):
        self.code = definition["code"]
        self.project = self.code.split("-")[0]
        self.kind = definition["measure"]["kind"]
        self.aggregation = definition.get("aggregation", "incremental")
        # [(dimension code, [category codes])], in declared order.
        self.dimensions = [(d["code"], [c["code"] for c in d["categories"]])
                           for d in definition.get("disaggregation", [])]
        self.activities = recipe["activities"]
        self.where = recipe.get("where", [])
        self.value = recipe.get("value")
        self.num = recipe.get("num")
        self.den = recipe.get("den")
        self.person = recipe.get("person", False)
        # Running totals: (value, last day it covers); records up to that day are in it.
        self.opening = recipe.get("opening")
        # Latest date only: snapshots of additive measures.
        self.latest_only = (self.aggregation == "latest_snapshot"
                            and self.kind in ("count", "sum", "mean", "ratio"))

    def windows(self):
        """[(period id, first day or None, last day)]."""
        out = []
        for pid, start, end in PERIODS:
            if self.aggregation == "running_total":
                start = self.opening[1] + timedelta(days=1) if self.opening else None
            elif self.aggregation == "yearly_reset_running_total":
                start = date(end.year, 1, 1)
            out.append((pid, start, end))
        return out

    def span(self):
        """The first and last day any window covers (first None: from the beginning)."""
        windows = self.windows()
        starts = [w[1] for w in windows]
        return (None if None in starts else min(starts)), max(w[2] for w in windows)


def indicators():
    """The quantitative indicators of the four logframes, in their order."""
    out = []
    for name in LOGFRAMES:
        with open(os.path.join(DATA, name), encoding="utf-8") as f:
            logframe = json.load(f)
        for definition in logframe["indicators"]:
            if definition["measure"]["kind"] == "qualitative":
                continue
            out.append(Indicator(definition, RECIPES[definition["code"]]))
    return out


def age_band(age):
    """The `age_band` dimension of recipes.json, on a number (None: empty)."""
    if age is None:
        return None
    if 0 <= age < 15:
        return "under_15"
    if 15 <= age < 18:
        return "15_17"
    if 18 <= age <= 120:
        return "18_plus"
    return None


def cell(value, categories):
    return value if value in categories else "unknown"


def number(x):
    """A figure as meal's Decimal::normalize writes it: integers without a fraction."""
    if x is None:
        return "none"
    x = int(x)
    return str(x)


class Totals:
    """The canonical lines of one computation."""

    def __init__(self):
        self.lines = []

    def total(self, ind, pid, matched, value=None, num=None, den=None):
        line = f"{ind.code} {pid} total matched={int(matched)}"
        if ind.opening and value is not None:
            value = value + ind.opening[0]
        if ind.kind in ("count", "sum", "distinct_persons"):
            line += f" value={number(value)}"
        elif ind.kind in ("ratio", "mean"):
            line += f" numerator={number(num)} denominator={number(den)}"
        self.lines.append(line)

    def cell(self, ind, pid, dimension, category, matched):
        self.lines.append(f"{ind.code} {pid} {dimension}={category} matched={int(matched)}")

    def text(self):
        return "\n".join(sorted(self.lines)) + "\n"


def report(engine, rows_read, loaded, load_s, total_s, totals, out_path=None):
    text = totals.text()
    if out_path:
        with open(out_path, "w", encoding="utf-8") as f:
            f.write(text)
    checksum = hashlib.sha256(text.encode()).hexdigest()[:16]
    print(f"engine={engine} rows_read={rows_read} loaded={loaded} rejected={rows_read - loaded} "
          f"figures={len(totals.lines)} load_s={load_s:.3f} compute_s={total_s - load_s:.3f} "
          f"total_s={total_s:.3f} rows_per_s={rows_read / max(total_s, 1e-9):.0f} "
          f"totals_sha256={checksum}", flush=True)


def arguments():
    """`python indicators_X.py FILE [--totals OUT] [--threads N]`."""
    args = sys.argv[1:]
    path, out, threads = None, None, 2
    while args:
        a = args.pop(0)
        if a == "--totals":
            out = args.pop(0)
        elif a == "--threads":
            threads = int(args.pop(0))
        else:
            path = a
    if path is None:
        sys.exit("usage: indicators_<engine>.py FILE [--totals OUT] [--threads N]")
    return path, out, threads


def clock():
    return time.perf_counter()
