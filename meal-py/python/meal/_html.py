"""HTML for Jupyter: what ``_repr_html_`` of logframes, results, assessments, verdicts,
findings and quality reports shows.

Every text that comes from a document or a record (titles, codes, messages, cells) is user text
and goes through :func:`html.escape`. No JavaScript; one small style block scoped to
``.meal``; a status is always a symbol and a word as well as a colour (colour alone does not
reach every reader, nor a black-and-white print).
"""

import html
import json
from decimal import Decimal
from typing import Any, Iterable, List, Mapping, Optional, Sequence

STYLE = (
    "<style>"
    ".meal{font-family:system-ui,sans-serif;font-size:13px}"
    ".meal table{border-collapse:collapse;margin:4px 0}"
    ".meal th,.meal td{border-bottom:1px solid #ddd;padding:2px 8px;text-align:left;vertical-align:top}"
    ".meal .num{text-align:right;font-variant-numeric:tabular-nums}"
    ".meal .bar{display:inline-block;width:120px;height:10px;background:#eee;border-radius:2px}"
    ".meal .bar>span{display:block;height:10px;border-radius:2px}"
    ".meal .on_track{color:#1a7f37}.meal .bar>.on_track{background:#2da44e}"
    ".meal .at_risk{color:#9a6700}.meal .bar>.at_risk{background:#d4a72c}"
    ".meal .off_track{color:#cf222e}.meal .bar>.off_track{background:#e5534b}"
    ".meal .no_data,.meal .no_target{color:#6e7781}.meal .bar>.no_data,.meal .bar>.no_target{background:#afb8c1}"
    ".meal .error{color:#cf222e}.meal .warning{color:#9a6700}.meal .info{color:#6e7781}"
    ".meal .level{color:#6e7781;font-size:11px;text-transform:uppercase}"
    "</style>"
)

#: Status → (symbol, words); the same vocabulary as the core's reports.
STATUS = {
    "on_track": ("●", "on track"),
    "at_risk": ("▲", "at risk"),
    "off_track": ("■", "off track"),
    "no_data": ("○", "no data"),
    "no_target": ("○", "no target"),
}

SEVERITY = {"error": "✖", "warning": "⚠", "info": "ℹ"}


def esc(value: Any) -> str:
    """Any value as escaped HTML text (``None`` is empty; decimals without trailing zeros)."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        value = format(value.normalize(), "f")
    return html.escape(str(value), quote=True)


def _frame(body: str, caption: str = "") -> str:
    head = f"<div><strong>{caption}</strong></div>" if caption else ""
    return f'<div class="meal">{STYLE}{head}{body}</div>'


def _table(headers: Sequence[str], rows: Iterable[Sequence[str]], numeric: Sequence[int] = ()) -> str:
    """A table; cells are HTML already (escape before), headers are plain text."""
    head = "".join(f"<th>{esc(h)}</th>" for h in headers)
    body = "".join(
        "<tr>" + "".join(f'<td class="num">{c}</td>' if i in numeric else f"<td>{c}</td>" for i, c in enumerate(row)) + "</tr>"
        for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def status(name: Optional[str]) -> str:
    """A status as a coloured symbol and words: ``<span class="on_track">● on track</span>``."""
    key = name or "no_data"
    symbol, words = STATUS.get(key, ("?", key))
    return f'<span class="{esc(key)}">{symbol} {esc(words)}</span>'


def bar(achievement: Optional[Decimal], state: Optional[str]) -> str:
    """Progress toward the target: a bar filled to the achievement (capped at 100 %) and the
    percentage written next to it (uncapped: 130 % is worth reading)."""
    if achievement is None:
        return ""
    width = max(Decimal(0), min(Decimal(1), Decimal(achievement))) * 100
    percent = (Decimal(achievement) * 100).quantize(Decimal(1))
    return (
        f'<span class="bar" title="{esc(percent)} %"><span class="{esc(state or "no_data")}" '
        f'style="width:{width:.0f}%"></span></span> {esc(percent)} %'
    )


def findings(items: Any) -> str:
    """A finding, or an iterable of them: severity, code, path, message."""
    listed: List[Any] = [items] if hasattr(items, "code") else list(items)
    rows = [
        (
            f'<span class="{esc(f.severity)}">{SEVERITY.get(f.severity, "")} {esc(f.severity)}</span>',
            f"<code>{esc(f.code)}</code>",
            f"<code>{esc(f.path)}</code>",
            esc(f.message),
        )
        for f in listed
    ]
    blocking = sum(1 for f in listed if f.is_blocking)
    caption = f"{len(listed)} finding{'s' if len(listed) != 1 else ''}, {blocking} blocking"
    return _frame(_table(("severity", "code", "path", "message"), rows), caption)


def verdict(report: Any) -> str:
    """A submission's verdict (``Report`` or ``Verdict``): valid or not, and its findings."""
    word = "valid" if report.valid else "not valid"
    css = "on_track" if report.valid else "off_track"
    head = f'<div class="{css}"><strong>{"✔" if report.valid else "✖"} {word}</strong></div>'
    return head + (findings(report.findings) if report.findings else "")


def assessment(item: Any) -> str:
    """One indicator assessment: period, actual against target, bar and status."""
    row = (
        esc(item.period.id),
        esc(item.actual),
        esc(item.target),
        bar(item.achievement, item.status),
        status(item.status),
    )
    return _frame(_table(("period", "actual", "target", "achievement", "status"), [row], (1, 2)))


def results(res: Any, cells: bool = False) -> str:
    """Computed indicators (``Results``): one row per indicator and period — the totals, or
    every cell with ``cells=True`` — with value, target, a progress bar and the status."""
    figures = [f for f in res.figures if cells or not f["cell"]]
    rows = [
        (
            f"<code>{esc(f['indicator'])}</code>",
            esc(f["period"]),
            esc(", ".join(f"{k}={v}" for k, v in sorted(f["cell"].items())) or "total"),
            esc(f["value"]),
            esc(f["target"]),
            bar(f["achievement"], f["status"]),
            status(f["status"]),
        )
        for f in figures
    ]
    indicators = len({f["indicator"] for f in figures})
    caption = f"{indicators} indicators, {len(res.periods)} periods, {len(figures)} figures"
    headers = ("indicator", "period", "cell", "value", "target", "achievement", "status")
    return _frame(_table(headers, rows, (3, 4)), caption)


def logframe(frame: Any) -> str:
    """A logframe: its results chain (objectives by level, indented under their parent) and
    each objective's indicators with baseline and targets."""
    from meal import get_locale

    doc = json.loads(frame.to_json())
    lang = get_locale()
    indicators = {i.get("code"): i for i in doc.get("indicators", [])}
    children: dict = {}
    for objective in doc.get("objectives", []):
        children.setdefault(objective.get("parent"), []).append(objective)
    rows: List[Sequence[str]] = []

    def walk(parent: Optional[str], depth: int) -> None:
        for objective in children.get(parent, []):
            indent = f'style="padding-left:{depth * 16}px"'
            title = _text(objective.get("title"), lang)
            rows.append(
                (
                    f'<span class="level">{esc(objective.get("level"))}</span>',
                    f"<span {indent}><code>{esc(objective.get('code'))}</code> {esc(title)}</span>",
                    "",
                    "",
                )
            )
            for code in objective.get("indicators", []):
                rows.append(_indicator_row(indicators.get(code, {"code": code}), lang, depth))
            if objective.get("code") != parent:
                walk(objective.get("code"), depth + 1)

    walk(None, 0)
    project = doc.get("project", {})
    caption = f"{esc(project.get('code'))} — {esc(_text(project.get('name'), lang))}"
    return _frame(_table(("level", "objective / indicator", "baseline", "targets"), rows), caption)


def _indicator_row(indicator: Mapping[str, Any], lang: str, depth: int) -> Sequence[str]:
    baseline = indicator.get("baseline") or {}
    base = f"{esc(baseline.get('value'))} ({esc(baseline.get('period'))})" if baseline else ""
    targets = ", ".join(f"{esc(t.get('period'))}: {esc(t.get('value'))}" for t in indicator.get("targets", []) if not t.get("cell"))
    name = esc(_text(indicator.get("name"), lang))
    indent = f'style="padding-left:{depth * 16 + 16}px"'
    return ('<span class="level">indicator</span>', f"<span {indent}><code>{esc(indicator.get('code'))}</code> {name}</span>", base, targets)


def _text(value: Any, lang: str) -> str:
    """A translated text (``{"en": …, "fr": …}``) in ``lang``, else English, else any."""
    if isinstance(value, Mapping):
        return str(value.get(lang) or value.get("en") or next(iter(value.values()), ""))
    return "" if value is None else str(value)


def quality(report: Any) -> str:
    """A quality report: the totals, the scorecard and the first failures."""
    summary = report.summary()
    head = _table(("measure", "value"), [(esc(k), esc(v)) for k, v in summary.items() if not isinstance(v, (dict, list))], (1,))
    failures = report.failures
    shown = failures[:20]
    keys = ("check", "row", "column", "value")
    rows = [tuple(esc(f.get(k)) for k in keys) for f in shown]
    more = f"<div>… and {len(failures) - len(shown)} more failures</div>" if len(failures) > len(shown) else ""
    return _frame(head + _table(keys, rows) + more, f"Quality: {report.rows_checked} rows checked")
