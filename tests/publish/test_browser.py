"""Each briefing opened in a real browser (headless Chromium): what a board member sees.

Checks the page loads with no console error and no failed or network request, has the right
title, shows the headline figures and every chart named by its alt text, looks like something in a
screenshot (saved under reports/screenshots/), and passes axe-core with no serious or critical
accessibility violation. Skipped with a reason when Chromium is missing; .ci/run installs it.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from conftest import ROOT, SH, SO

from sqs_analysis.config import DEMO_STAMP
from sqs_analysis.publish.printing import Browser

AXE = Path(__file__).resolve().parents[1] / "vendor" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "reports" / "screenshots"
#: WCAG 2.0, 2.1 and 2.2 A and AA rules, plus axe's best practices (headings, landmarks).
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]

PAGES = {
    SH: (
        "St Helens Youth Offending Service: Short Quality Screening briefing",
        ["46.2%", "36.1%", "+10.1 points", "Inspectors examined 14 cases"],
    ),
    SO: (
        "Somerset Youth Offending Team: Short Quality Screening briefing",
        ["32.3%", "37.8%", "\u22125.5 points", "Inspectors examined 20 cases"],
    ),
    "comparison": (
        "Comparison across inspections",
        ["46.2%", "36.1%", "32.3%", "37.8%", "between 14 and 20 per inspection"],
    ),
    "index": ("SQS briefings", ["46.2%", "36.1%", "32.3%", "37.8%", "14", "20"]),
}

# Is each string shown: in a text node whose element has a box and is not hidden?
_VISIBLE = """(figures) => figures.filter((figure) => {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!node.textContent.includes(figure) || !el) continue;
    const style = getComputedStyle(el);
    if (el.getClientRects().length && style.visibility !== 'hidden' && style.opacity !== '0')
      return false;
  }
  return true;
})"""


@pytest.fixture(scope="module")
def browser(chromium):
    with Browser(chromium) as b:
        yield b


@pytest.fixture(scope="module", params=list(PAGES))
def opened(request, browser, briefings):
    """One page at a time, opened 1280 px wide, with its load report taken right away."""
    name = request.param
    tab = browser.open(briefings[name].resolve().as_uri(), width=1280, height=1000)
    tab.page.evaluate("document.fonts.ready.then(() => true)")
    yield name, tab.page, tab.report()
    tab.close()


def test_loads_cleanly_offline(opened):
    _name, _page, report = opened
    assert report.console_errors == []
    assert report.failed_requests == []
    remote = [u for u in report.requests if not u.startswith(("file:", "data:", "about:"))]
    assert remote == [], "the page asked the network for something"


def test_title_and_headline_figures_are_visible(opened):
    name, page, _ = opened
    title, figures = PAGES[name]
    assert page.evaluate("document.title") == title
    assert page.evaluate("document.documentElement.lang") == "en"
    assert page.evaluate(_VISIBLE, figures) == []
    if name != "index":
        heading = page.evaluate("document.querySelector('h1').innerText")
        assert heading.strip() == title
        contents = page.evaluate(
            "[...document.querySelectorAll('nav.sqs-contents a')].map(a => a.textContent)"
        )
        first, last = (
            ("Headline figures", "Data notes") if name == "comparison" else ("Summary", "Appendix")
        )
        assert contents[0] == first and contents[-1] == last


def test_every_chart_shows_named_by_its_alt_text(opened):
    name, page, _ = opened
    charts = page.evaluate(
        "[...document.querySelectorAll('figure.sqs-chart > svg')].map(s => ({role: s.role,"
        " name: s.ariaLabel || '', width: s.getBoundingClientRect().width,"
        " height: s.getBoundingClientRect().height}))"
    )
    if name != "index":
        # a briefing: the rate and findings charts (the gap strip needs 3 inspections)
        assert len(charts) >= 2, "a page has charts"
    for chart in charts:
        assert chart["role"] == "img" and len(chart["name"].strip()) > 20, chart
        assert chart["width"] > 300 and chart["height"] > 50, chart
        # what a screen reader is told: an image, named by the chart's alt text
        assert page.get_by_role("img", name=chart["name"], exact=True).count() >= 1
    images = page.evaluate(
        "[...document.images].map(i => ({alt: i.alt, ok: i.complete && i.naturalWidth > 0,"
        " src: i.src.slice(0, 30)}))"
    )
    for image in images:
        assert image["ok"], f"image did not load: {image['src']}"
        assert len(image["alt"].strip()) > 20, f"no useful alt text: {image['src']}"


def not_blank(png: bytes) -> tuple[float, int]:
    """Share of pixels that are not background white, and how many grey levels are used."""
    from PIL import Image

    grey = Image.open(io.BytesIO(png)).convert("L")
    histogram = grey.histogram()
    inked = 1 - sum(histogram[245:]) / sum(histogram)
    return inked, sum(1 for count in histogram if count)


def test_screenshot_is_not_blank(opened):
    name, page, _ = opened
    png = page.screenshot(full_page=True)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    (SCREENSHOTS / f"{name}.png").write_bytes(png)
    inked, levels = not_blank(png)
    assert inked > 0.02 and levels > 20, (inked, levels)


def _serious_violations(page) -> list[dict]:
    """What axe-core finds on the page (AXE_TAGS) that is serious or critical."""
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    options = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
    violations = page.evaluate(
        "(options) => axe.run(document, options).then(r => r.violations.map(v => "
        "({id: v.id, impact: v.impact, help: v.help,"
        " nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))})))",
        options,
    )
    return [v for v in violations if v["impact"] in ("serious", "critical")]


def test_no_serious_accessibility_violations(opened):
    _name, page, _ = opened
    serious = _serious_violations(page)
    assert serious == [], json.dumps(serious, indent=1)


@pytest.mark.parametrize("name", [SH, "index"])
def test_a_stamped_page_shows_its_stamp_first_and_stays_accessible(browser, stamped_pages, name):
    tab = browser.open(stamped_pages[name].resolve().as_uri(), width=1280, height=1000)
    try:
        page = tab.page
        assert page.evaluate("document.title") == f"{PAGES[name][0]} \u2014 {DEMO_STAMP}"
        assert page.evaluate(_VISIBLE, [DEMO_STAMP]) == []
        assert page.evaluate("document.body.innerText.trim()").startswith(DEMO_STAMP)
        top, height = page.evaluate(
            "(() => { const r = document.querySelector('.sqs-stamp').getBoundingClientRect();"
            " return [r.top, r.height]; })()"
        )
        assert top < 40 and height > 20, (top, height)  # a band across the top of the page
        serious = _serious_violations(page)
        assert serious == [], json.dumps(serious, indent=1)
    finally:
        tab.close()


def test_page_prints_without_splitting_charts(opened):
    name, page, _ = opened
    if name == "index":
        return
    page.emulate_media(media="print")
    try:
        rules = page.evaluate(
            "[...document.querySelectorAll('figure.sqs-chart')].map(f =>"
            " getComputedStyle(f).breakInside)"
        )
        assert rules and set(rules) == {"avoid"}
    finally:
        page.emulate_media(media="null")


def test_remote_requests_are_blocked(browser, tmp_path):
    """A page that asks the internet for something gets nothing: the request fails in Chromium."""
    page_file = tmp_path / "remote.html"
    page_file.write_text(
        '<!doctype html><html lang="en"><title>remote</title>'
        '<img src="https://example.com/logo.png" alt="remote logo"></html>',
        encoding="utf-8",
    )
    tab = browser.open(page_file.as_uri())
    try:
        loaded = tab.page.evaluate("document.images[0].complete && document.images[0].naturalWidth")
        report = tab.report()
    finally:
        tab.close()
    assert not loaded
    assert "https://example.com/logo.png" in report.requests
    assert any("example.com" in failed for failed in report.failed_requests), report
