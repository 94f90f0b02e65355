"""The reference mission for the notebook-experience tests: the four logframes, recipes and
record schema of examples/data, and examples/data/records-sample.csv.gz — 4 000 records written
by `meal-demo generate --rows 4000` (October 2025 to December 2026)."""

import datetime
import functools
import gzip
import json
import pathlib

import meal

DATA = pathlib.Path(__file__).resolve().parents[2] / "examples" / "data"
FORMS = DATA.parent / "forms"
PROJECTS = ("idf", "calais", "marseille", "dunkerque")
NOW = datetime.datetime(2026, 11, 27, 10, 0, tzinfo=datetime.timezone.utc)
QUARTERS = ["2025Q4", "2026Q1", "2026Q2", "2026Q3", "2026Q4"]


def document(name):
    return json.loads((DATA / name).read_text(encoding="utf-8"))


@functools.lru_cache(maxsize=None)
def logframes():
    return [meal.Logframe.from_json((DATA / f"logframe-{p}.json").read_text(encoding="utf-8")) for p in PROJECTS]


@functools.lru_cache(maxsize=None)
def records_csv() -> bytes:
    return gzip.decompress((DATA / "records-sample.csv.gz").read_bytes())


@functools.lru_cache(maxsize=None)
def loaded():
    return meal.Table.from_csv(meal.Schema.from_json(document("records-schema.json")), records_csv())


def engine(periods=("2026Q1",)):
    return meal.Engine(logframes(), document("recipes.json"), loaded().table.schema, list(periods), now=NOW)


@functools.lru_cache(maxsize=None)
def results():
    return engine(tuple(QUARTERS)).compute(loaded().table)
