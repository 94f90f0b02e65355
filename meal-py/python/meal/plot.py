"""Charts for notebooks (``pip install 'meal[plot]'``): matplotlib is imported on first use.

>>> import meal.plot                                  # doctest: +SKIP
>>> ax = meal.plot.progress(results, "IDF-IND-06", logframe=idf)   # doctest: +SKIP
"""

import json
from decimal import Decimal
from typing import Any, Dict, List, Optional


def progress(
    results: Any,
    indicator: str,
    *,
    cell: Optional[Dict[str, str]] = None,
    logframe: Any = None,
    ax: Any = None,
    title: Optional[str] = None,
) -> Any:
    """Plots an indicator over the periods of ``results`` against its targets.

    Draws the computed value of each period (line ``"actual"``, with markers), the target of
    each period that has one (line ``"target"``, dashed) and, when ``logframe`` (a
    :class:`meal.Logframe` defining ``indicator``) is given, its baseline as a horizontal line
    (``"baseline"``). Periods keep the order of ``results.periods``; a period without a value
    is a gap, not a zero. ``cell`` picks a disaggregation cell (``{"sex": "f"}``); the total
    by default. Returns the matplotlib ``Axes`` (a new figure's unless ``ax`` is given).

    Raises ImportError naming the extra when matplotlib is missing, and ``KeyError`` when
    ``results`` holds no figure of ``indicator``.
    """
    plt = _pyplot()
    wanted = cell or {}
    periods = [p.id for p in results.periods]
    figures = {f["period"]: f for f in results.figures if f["indicator"] == indicator and f["cell"] == wanted}
    if not figures:
        raise KeyError(f"no figure of {indicator!r} (cell {wanted!r}) in these results")
    actual = [_number(figures.get(p, {}).get("value")) for p in periods]
    target = [_number(figures.get(p, {}).get("target")) for p in periods]
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 3.5))
    positions = list(range(len(periods)))
    ax.plot(positions, actual, marker="o", label="actual")
    if any(t is not None for t in target):
        ax.plot(positions, target, linestyle="--", marker="x", label="target")
    baseline = _baseline(logframe, indicator)
    if baseline is not None:
        ax.axhline(baseline, color="grey", linestyle=":", label="baseline")
    ax.set_xticks(positions)
    ax.set_xticklabels(periods)
    ax.set_title(title or indicator)
    ax.legend()
    return ax


def _pyplot() -> Any:
    try:
        import matplotlib.pyplot as plt
    except ImportError as missing:
        raise ImportError("meal.plot needs matplotlib: pip install 'meal[plot]'") from missing
    return plt


def _number(value: Optional[Decimal]) -> Optional[float]:
    """A figure as a float for drawing only (``None`` stays a gap)."""
    return None if value is None else float(value)


def _baseline(logframe: Any, indicator: str) -> Optional[float]:
    if logframe is None:
        return None
    document = json.loads(logframe.to_json())
    found: List[Any] = [i for i in document.get("indicators", []) if i.get("code") == indicator]
    value = (found[0].get("baseline") or {}).get("value") if found else None
    return None if value is None else float(Decimal(value))
