"""Charts as Chromium draws them: every text inside the picture, no two texts overlapping.

Charts write their text as SVG ``<text>`` (``svg.fonttype = none``) in a font stack, laid out
with the widths matplotlib measured; this checks that the browser, in the fonts it has, draws
each text where it fits: inside the SVG's box and clear of every other text.
"""

from __future__ import annotations

import pytest
from conftest import SH
from test_chart_fit import _charts, many

from sqs_analysis.report.charts import findings

pytestmark = pytest.mark.browser

#: Each text's box in CSS pixels, from the SVG drawn at its own size.
_BOXES = """
() => {
  const svg = document.querySelector('svg');
  const box = svg.getBoundingClientRect();
  const texts = [...svg.querySelectorAll('text')].filter(t => t.textContent.trim());
  return {
    box: [box.left, box.top, box.right, box.bottom],
    texts: texts.map(t => {
      const r = t.getBoundingClientRect();
      return [t.textContent, r.left, r.top, r.right, r.bottom, getComputedStyle(t).fontFamily];
    }),
  };
}
"""


def _problems(drawn: dict) -> list[str]:
    left, top, right, bottom = drawn["box"]
    texts = drawn["texts"]
    found = [
        f"outside: {t[0]!r}"
        for t in texts
        if t[1] < left - 0.5 or t[2] < top - 0.5 or t[3] > right + 0.5 or t[4] > bottom + 0.5
    ]
    for i, a in enumerate(texts):
        for b in texts[i + 1 :]:
            overlap_x = min(a[3], b[3]) - max(a[1], b[1])
            overlap_y = min(a[4], b[4]) - max(a[2], b[2])
            if overlap_x > 1 and overlap_y > 1:
                found.append(f"overlap: {a[0]!r} and {b[0]!r}")
    return found


def _every_chart(seed_tables) -> dict[str, object]:
    charts = {f"seeds {k}": c for k, c in _charts(seed_tables).items()}
    for copies in (10, 75):  # 20 inspections (a row each), and 150 (distributions)
        tables = many(seed_tables, copies)
        charts |= {f"{2 * copies} {k}": c for k, c in _charts(tables).items()}
    charts["seeds findings, St Helens"] = findings.findings_by_theme(seed_tables, SH)
    return charts


def test_chromium_draws_every_chart_text_inside_and_apart(chromium, seed_tables):
    from sqs_analysis.publish.printing import Browser

    problems = {}
    fonts = set()
    with Browser(chromium) as browser:
        tab = browser.open("about:blank")
        for name, chart in _every_chart(seed_tables).items():
            svg = chart.to_bytes("svg").decode("utf-8")
            tab.page.set_content(f"<html><body style='margin:0'>{svg}</body></html>")
            drawn = tab.page.evaluate(_BOXES)
            assert drawn["texts"], name  # text is text, not glyph outlines
            fonts |= {t[5] for t in drawn["texts"]}
            if found := _problems(drawn):
                problems[name] = found
        tab.close()
    assert not problems
    assert all(f.startswith('"Liberation Sans", Arial, Helvetica') for f in fonts), fonts
