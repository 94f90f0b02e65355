"""meal.plot: indicator progress against targets and baseline, drawn with matplotlib's Agg
backend; the test reads back the points of each line."""

import json
import sys
from decimal import Decimal

import pytest

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")

import meal.plot  # noqa: E402

import reference_mission as mission  # noqa: E402


def lines(ax):
    return {line.get_label(): line for line in ax.get_lines()}


def test_progress_draws_actual_target_and_baseline_per_period():
    results = mission.results()
    idf = mission.logframes()[0]
    indicator = "IDF-IND-06"
    ax = meal.plot.progress(results, indicator, logframe=idf)
    drawn = lines(ax)
    assert set(drawn) == {"actual", "target", "baseline"}
    periods = [p.id for p in results.periods]
    assert [t.get_text() for t in ax.get_xticklabels()] == periods
    expected = {f["period"]: f for f in results.figures if f["indicator"] == indicator and not f["cell"]}
    actual = list(drawn["actual"].get_ydata())
    for period, y in zip(periods, actual):
        value = expected[period]["value"]
        assert (y is None and value is None) or float(value) == pytest.approx(y)
    targets = [expected[p]["target"] for p in periods]
    assert [None if t is None else float(t) for t in targets] == [
        None if y is None else y for y in drawn["target"].get_ydata()
    ]
    baseline = next(i for i in json.loads(idf.to_json())["indicators"] if i["code"] == indicator)["baseline"]
    assert drawn["baseline"].get_ydata()[0] == float(Decimal(baseline["value"]))
    assert ax.get_title() == indicator


def test_a_cell_and_a_given_axes():
    import matplotlib.pyplot as plt

    results = mission.results()
    cell = next(f["cell"] for f in results.figures if f["indicator"] == "IDF-IND-06" and len(f["cell"]) == 1)
    _, ax = plt.subplots()
    assert meal.plot.progress(results, "IDF-IND-06", cell=cell, ax=ax, title="by cell") is ax
    assert set(lines(ax)) <= {"actual", "target"} and ax.get_title() == "by cell"


def test_an_unknown_indicator_is_a_key_error():
    with pytest.raises(KeyError):
        meal.plot.progress(mission.results(), "NOPE")


def test_without_matplotlib_the_error_names_the_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "matplotlib.pyplot", None)
    with pytest.raises(ImportError, match=r"meal\[plot\]"):
        meal.plot.progress(mission.results(), "IDF-IND-06")
