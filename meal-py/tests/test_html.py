"""Notebook display: `_repr_html_` of logframes, results, assessments, verdicts, findings and
quality reports — structure (one row per item, bars at the achievement, status words) and
escaping of user text (no markup from a document ever reaches the page)."""

import json
import re
from decimal import Decimal

import pytest

import meal
from meal import _html

import reference_mission as mission

HOSTILE = '<script>alert("x")</script>&'


def rows(page):
    return re.findall(r"<tr>(.*?)</tr>", page)


def test_a_logframe_shows_its_chain_and_indicators():
    idf = mission.logframes()[0]
    page = idf._repr_html_()
    assert page.startswith('<div class="meal"><style>') and "<script" not in page
    doc = json.loads(idf.to_json())
    # one row per objective and one per indicator reference, plus the header row
    expected = len(doc["objectives"]) + sum(len(o.get("indicators", [])) for o in doc["objectives"])
    assert len(rows(page)) == expected + 1
    assert page.count('class="level">indicator<') == expected - len(doc["objectives"])
    assert "IDF-IND-06" in page and "<strong>IDF — " in page


def test_a_logframe_title_with_markup_is_escaped():
    doc = json.loads(mission.logframes()[0].to_json())
    doc["objectives"][0]["title"]["en"] = HOSTILE
    doc["project"]["name"]["en"] = HOSTILE
    page = meal.Logframe.from_json(json.dumps(doc))._repr_html_()
    assert "<script>" not in page
    assert page.count("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;") == 2


def test_the_logframe_speaks_the_chosen_locale():
    try:
        meal.set_locale("fr")
        page = mission.logframes()[1]._repr_html_()
    finally:
        meal.set_locale("en")
    assert "Calais et littoral nord" in page


def test_results_show_a_bar_at_the_achievement_and_the_status_in_words():
    results = mission.results()
    page = _html.results(results)
    totals = [f for f in results.figures if not f["cell"]]
    assert len(rows(page)) == len(totals) + 1
    with_target = [f for f in totals if f["achievement"] is not None]
    assert with_target, "the sample has indicators with targets"
    first = with_target[0]
    width = min(Decimal(1), max(Decimal(0), first["achievement"])) * 100
    percent = (first["achievement"] * 100).quantize(Decimal(1))
    assert f'style="width:{width:.0f}%"></span></span> {percent} %' in page
    for status, words in (("on_track", "on track"), ("at_risk", "at risk"), ("off_track", "off track")):
        assert (f'<span class="{status}">' in page) == any(f["status"] == status for f in totals)
        if f'<span class="{status}">' in page:
            assert words in page
    # The notebook shows the same page: Results._repr_html_ is this renderer.
    assert results._repr_html_() == page


def test_an_assessment_bar_is_capped_but_its_percentage_is_not():
    indicator = meal.Indicator.from_json(
        json.dumps({**json.loads(mission.logframes()[0].to_json())["indicators"][0]})
    )
    q1 = meal.Period("2026Q1")
    target = indicator.target_for(q1)
    over = indicator.assess(q1, target * 2)
    assert over.achievement > 1
    page = over._repr_html_()
    percent = (over.achievement * 100).quantize(Decimal(1))
    assert 'style="width:100%"' in page and f"> {percent} %" in page and "on track" in page
    none = indicator.assess(q1, None)._repr_html_()
    assert "no data" in none and "bar" not in none.split("</style>")[1]


def test_verdicts_and_findings_escape_user_text():
    form = meal.Form.from_xlsform(mission.FORMS / "consultation_medicale.xlsx")
    verdict = form.check({HOSTILE: 1})
    page = verdict._repr_html_()
    assert "not valid" in page and "<script>" not in page
    assert "&lt;script&gt;" in page
    findings = meal.Findings(verdict.findings)
    table = findings._repr_html_()
    assert len(rows(table)) == len(findings) + 1
    assert f"{len(findings)} findings, {len(findings.blocking)} blocking" in table
    single = verdict.findings[0]._repr_html_()
    assert len(rows(single)) == 2 and "1 finding," in single
    ok = form.validate({})._repr_html_()
    assert ("✔ valid" in ok) == form.validate({}).valid


def test_a_quality_report_shows_totals_and_failures():
    report = meal.check_quality(mission.loaded(), mission.document("quality-checks.json"), now=mission.NOW)
    page = report._repr_html_()
    assert f"Quality: {report.rows_checked} rows checked" in page
    assert ("more failures" in page) == (len(report.failures) > 20)


def test_reprs_are_short_and_informative():
    assert repr(mission.logframes()[0]).startswith("Logframe(")
    form = meal.Form.from_xlsform(mission.FORMS / "consultation_medicale.xlsx")
    assert repr(form.check({})).startswith("Verdict(valid=False, findings=")
    assert repr(meal.Findings([])) == "Findings(0)"


def test_escape_handles_none_and_decimals():
    assert _html.esc(None) == "" and _html.esc(Decimal("12.500")) == "12.5"
    assert _html.esc(Decimal("1E+3")) == "1000" and _html.esc("a&b") == "a&amp;b"
    assert _html.bar(None, "no_data") == ""
