"""Briefings print as a board paper: what headless Chromium makes of briefing.css's print rules.

A board paper opens with its Summary, keeps summary and detail to four pages, starts its Appendix
(the data behind the charts, the data notes) on a page of its own, fits every table into the
text block without ever breaking a word to fit a column, and the comparison prints one chart a
page at most.

Two kinds of page are printed. Small pages built here from the briefing template (a board paper:
a Summary with a chart, a very wide table of long words, an Appendix; a comparison of four
charts) test the stylesheet on its own. The seeds' pages (fixture ``briefings``) test it on what
the notebooks make: every briefing has the sections "Summary" (first) and "Appendix" (last), as
h2 headings with those ids.
"""

from __future__ import annotations

import re
import subprocess
import sys
import unicodedata
from collections import Counter
from pathlib import Path

import pytest
from conftest import SH, SO
from nbformat import NotebookNode
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from sqs_analysis.publish import printing
from sqs_analysis.publish.html import notebook_to_html
from sqs_analysis.report.charts.base import inline_svg

#: The text block of an A4 page: 210 mm less the @page margins (14 mm a side), at 96 px an inch.
TEXT_BLOCK_PX = 688
TEXT_BLOCK_PT = (14 / 25.4 * 72, (210 - 14) / 25.4 * 72)  # its left and right edges on paper
SCREEN_PX = 1000
#: Words longer than a narrow column is wide: each must print whole, on one line.
LONG_WORDS = ("disproportionately", "Northamptonshire", "interdisciplinary", "responsibilities",
              "counterbalancing", "accommodation")  # fmt: skip
#: Each table of the page wider than its container or than the text block, named by its first th.
_TOO_WIDE = """() => {
  const main = document.querySelector('main'), style = getComputedStyle(main);
  const right = main.getBoundingClientRect().right - parseFloat(style.paddingRight);
  return [...document.querySelectorAll('table')].filter(t =>
      t.scrollWidth > t.parentElement.clientWidth + 1 || t.getBoundingClientRect().right > right + 1
    ).map(t => `${(t.querySelector('th') || t).textContent.trim().slice(0, 30)}: `
      + `${t.scrollWidth}px in ${t.parentElement.clientWidth}px`);
}"""
#: Each style of table cell that lets the browser break a word to fit, with how many cells have it.
_BREAKING_CELLS = """() => {
  const found = {};
  for (const cell of document.querySelectorAll('td, th')) {
    const s = getComputedStyle(cell);
    if (s.hyphens === 'auto' || s.wordBreak === 'break-all'
        || ['anywhere', 'break-word'].includes(s.overflowWrap)) {
      const key = `${s.hyphens} / ${s.wordBreak} / ${s.overflowWrap}`;
      found[key] = (found[key] || 0) + 1;
    }
  }
  return found;
}"""
#: The caption of each chart that neither starts a page nor follows its section's heading to one.
_CHARTS_NOT_STARTING_A_PAGE = """() => [...document.querySelectorAll('figure.sqs-chart')]
  .filter(f => {
    if (getComputedStyle(f).breakBefore === 'page') return false;
    const cell = f.closest('.jp-Cell'), before = cell && cell.previousElementSibling;
    return !(before && before.querySelector('h2') && getComputedStyle(before).breakBefore === 'page'
             && cell.querySelector('figure.sqs-chart') === f);
  }).map(f => f.textContent.trim())"""


# --------------------------------------------------------------------------- helpers


def _text(page) -> str:
    """A PDF page's text with ligatures ("fi") undone and spaces collapsed."""
    return " ".join(unicodedata.normalize("NFKC", page.extract_text()).split())


def _figure_pages(pdf: Path) -> list[int]:
    """The page (from 1) of every image in the PDF, from its tagged structure (each a /Figure)."""
    from pypdf import PdfReader

    reader = PdfReader(pdf)
    number = {page.indirect_reference.idnum: n for n, page in enumerate(reader.pages, 1)}
    pages, todo = [], [reader.trailer["/Root"]["/StructTreeRoot"]]
    while todo:
        node = todo.pop().get_object()
        if isinstance(node, list):
            todo.extend(node)
        elif isinstance(node, dict):
            if node.get("/S") == "/Figure" and "/Pg" in node and "/Alt" in node:
                pages.append(number[node.raw_get("/Pg").idnum])
            if "/K" in node:
                todo.append(node["/K"])
    return sorted(pages)


def _text_starts(pdf: Path) -> list[float]:
    """Where on the page (points from its left edge) each run of text of the PDF starts."""
    from pypdf import PdfReader, mult

    starts: list[float] = []

    def visit(text, cm, tm, _font, _size):
        if text.strip():
            starts.append(mult(tm, cm)[4])

    for page in PdfReader(pdf).pages:
        page.extract_text(visitor_text=visit)
    return starts


def _laid_out(browser, path: Path, media: str, width: int):
    """The page opened ``width`` px wide as ``media`` lays it out, every ``<details>`` open."""
    tab = browser.open(path.resolve().as_uri(), width=width, height=1000)
    tab.page.emulate_media(media=media)
    printing.prepare_for_print(tab.page)
    return tab


def _has_sections(html: Path) -> None:
    """The briefing has the sections a board paper prints: Summary and Appendix."""
    text = html.read_text(encoding="utf-8")
    missing = [s for s in ("Summary", "Appendix") if not re.search(rf'<h2\b[^>]*id="{s}"', text)]
    assert not missing, f"{html.name} has no {' or '.join(missing)}"


# --------------------------------------------------------------------------- pages built here


def _html_cell(html: str):
    return new_code_cell("x", outputs=[new_output("display_data", data={"text/html": html})])


def _chart(number: int, caption: str) -> str:
    """A chart as ``Chart.figure_html`` writes one: inline SVG named by its alt text."""
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" width="640" height="120" viewBox="0 0 640 120">'
        f'<rect x="20" y="40" width="{120 + 100 * number}" height="80" fill="#1d4f91"/></svg>'
    )
    alt = f"Bar chart number {number}: one bar of {120 + 100 * number} units."
    return (
        f'<figure class="sqs-chart">{inline_svg(svg, alt)}'
        f"<figcaption>Chart {number}: {caption}</figcaption></figure>"
    )


def _table(header: list[str], rows: list[list[str]], css_class: str = "dataframe") -> str:
    head = "".join(f"<th>{h}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return f'<table border="1" class="{css_class}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def _wide_table() -> str:
    """Seven columns, three of long words: over three text blocks wide if nothing wrapped."""
    header = ["area", "what_inspectors_found", "proportion_of_cases", "gap_pct_points",
              "responsibilities_named", "cohort", "note"]  # fmt: skip
    words, word = " ".join(LONG_WORDS), LONG_WORDS[0]
    row = ["Area 1", f"the {word} plan was {words}", "46.2%", "+10.1 points", words,
           "April 2012 to March 2013", f"see the {word} note: {words}"]  # fmt: skip
    return _table(header, [row])


def _appendix_table() -> str:
    """A chart's data as the notebooks show it: thirteen snake_case columns, six-place numbers."""
    header = ["inspection_id", "paragraph_id", "section", "quote", "aspect", "verdict",
              "denominator", "cases_met", "share_met", "range_low", "range_high", "ci_low",
              "ci_high"]  # fmt: skip
    row = ["midshire-2016-06", "1.2", "protecting_the_public", "in about one-quarter",
           "safeguarding", "not_met", "20", "17", "0.857143", "0.857143", "0.857143",
           "0.486865", "0.974321"]  # fmt: skip
    return (
        '<details class="sqs-chart-data"><summary>Data for chart 1</summary>'
        + _table(header, [row] * 12, "dataframe sqs-chart-data")
        + "</details>"
    )


def board_paper(detail_paragraphs: int = 1) -> NotebookNode:
    """A briefing as the notebooks are to make one: Summary, detail, Appendix."""
    summary = (
        "Inspectors examined 14 cases. The reoffending rate was 46.2%, 10.1 points above its "
        "cohort's average. Most work to protect the public met the standard. Planning was the "
        "weakest area. The Appendix holds the data behind each chart."
    )
    detail = " ".join(f"The {word} work of the service is described here." for word in LONG_WORDS)
    notes = _table(["Item", "Value"], [["SHA-256 of source file", "8282723c" * 8]])
    return new_notebook(
        cells=[
            _html_cell("<h1>Midshire Youth Offending Service: board paper</h1>"),
            new_markdown_cell(f"## Summary\n\n{summary}"),
            _html_cell(_chart(1, "the reoffending rate was 10.1 points above average")),
            new_markdown_cell(
                "## How this area compares\n\n" + f"{detail}\n\n" * detail_paragraphs
            ),
            _html_cell(_wide_table()),
            new_markdown_cell("## Appendix\n\nThe data behind each chart, and notes on the data."),
            _html_cell(_appendix_table()),
            new_markdown_cell("### Data notes"),
            _html_cell(notes),
        ]
    )


def comparison_paper() -> NotebookNode:
    """A comparison: a section of three charts under its heading, and one of one chart."""
    cells = [
        _html_cell("<h1>Comparison across inspections</h1>"),
        new_markdown_cell("## Headline figures\n\nTwo inspections, 34 cases between them."),
        new_markdown_cell("## Charts\n\nEach chart's title states its message."),
    ]
    cells += [_html_cell(_chart(n, f"a chart of the comparison, number {n}")) for n in (1, 2, 3)]
    cells += [new_markdown_cell("## Reoffending gap over time"), _html_cell(_chart(4, "the gap"))]
    return new_notebook(cells=cells)


@pytest.fixture(scope="module")
def browser(chromium):
    """One Chromium for the module (Playwright's sync API drives one at a time in a thread)."""
    with printing.Browser(chromium) as b:
        yield b


def _printed(browser, pages: dict[str, Path], out: Path) -> dict[str, Path]:
    """Each page printed to ``out/<name>.pdf`` as `make pdf` prints it."""
    out.mkdir(parents=True, exist_ok=True)
    for name, html in pages.items():
        (out / f"{name}.pdf").write_bytes(printing.print_page(browser, html))
    return {name: out / f"{name}.pdf" for name in pages}


@pytest.fixture(scope="module")
def built(browser, tmp_path_factory) -> dict[str, tuple[Path, Path]]:
    """The pages built here, each as (HTML, PDF)."""
    out = tmp_path_factory.mktemp("print-layout")
    pages = {
        "board-paper": notebook_to_html(board_paper(), "Board paper"),
        "long-paper": notebook_to_html(board_paper(detail_paragraphs=40), "Long paper"),
        "comparison": notebook_to_html(comparison_paper(), "Comparison", kind="comparison"),
    }
    html = {name: out / f"{name}.html" for name in pages}
    for name, page in pages.items():
        html[name].write_text(page, encoding="utf-8")
    pdfs = _printed(browser, html, out / "pdf")
    return {name: (html[name], pdfs[name]) for name in pages}


def _print_as_it_flows(browser, html: Path, pdf: Path) -> Path:
    """The page printed with every forced page break undone: where its content would fall."""
    tab = browser.open(html.resolve().as_uri())
    try:
        printing.prepare_for_print(tab.page)
        tab.page.add_style_tag(content="* { break-before: auto !important; }")
        pdf.write_bytes(printing.print_pdf(tab.page))
    finally:
        tab.close()
    return pdf


def test_a_board_paper_opens_with_its_summary_and_starts_its_appendix_on_a_page_of_its_own(
    built, browser, tmp_path
):
    from pypdf import PdfReader

    html, pdf = built["board-paper"]
    headings = printing.heading_pages(pdf)
    assert headings["Summary"] == 1
    appendix = headings["Appendix"]
    pages = [_text(page) for page in PdfReader(pdf).pages]
    assert pages[appendix - 1].startswith("Appendix The data behind each chart")
    assert printing.describe(pdf) == (f"{len(pages)} pages, Appendix from page {appendix}", None)
    # Left to flow, the Appendix would start part way down the page before: the break is forced.
    flowing = _print_as_it_flows(browser, html, tmp_path / "flowing.pdf")
    at = printing.heading_pages(flowing)["Appendix"]
    assert at == appendix - 1
    assert not _text(PdfReader(flowing).pages[at - 1]).startswith("Appendix")


def test_a_long_board_paper_is_told_it_goes_over_four_pages(built, chromium, tmp_path):
    html, pdf = built["long-paper"]
    appendix = printing.heading_pages(pdf)["Appendix"]
    assert appendix > printing.PAGES_BEFORE_APPENDIX + 1
    holds, warning = printing.describe(pdf)
    assert holds.endswith(f"Appendix from page {appendix}")
    assert warning == (
        f"long-paper.pdf: {appendix - 1} pages before the Appendix; a board paper keeps to 4"
    )
    # `make pdf` says so (in a process of its own: this one drives a Chromium already)
    (tmp_path / html.name).write_bytes(html.read_bytes())
    command = [sys.executable, "-m", "sqs_analysis.publish.printing", str(tmp_path)]
    done = subprocess.run(
        [*command, "--chromium", chromium], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert f"long-paper.pdf ({holds})" in done.stdout and f"note: {warning}" in done.stderr


@pytest.mark.parametrize(("media", "width"), [("print", TEXT_BLOCK_PX), ("screen", SCREEN_PX)])
def test_a_wide_table_of_long_words_fits_the_text_block(built, browser, media, width):
    tab = _laid_out(browser, built["board-paper"][0], media, width)
    try:
        assert tab.page.evaluate(_TOO_WIDE) == []
        assert tab.page.evaluate(_BREAKING_CELLS) == {}
        # the table really is wide: with no line wrapped, it would take three text blocks
        unwrapped = tab.page.evaluate(
            "(() => { const t = document.querySelector('table'); t.style.width = 'max-content';"
            " const w = t.offsetWidth; t.style.width = ''; return w; })()"
        )
        assert unwrapped > 3 * TEXT_BLOCK_PX, unwrapped
    finally:
        tab.close()


def test_a_board_paper_prints_every_word_whole_within_the_text_block(built, browser):
    from pypdf import PdfReader

    html, pdf = built["board-paper"]
    tab = _laid_out(browser, html, "print", TEXT_BLOCK_PX)
    try:
        shown = tab.page.evaluate("document.body.innerText")
    finally:
        tab.close()
    printed = " ".join(_text(page) for page in PdfReader(pdf).pages)
    for word in LONG_WORDS:
        # every time the page shows a long word, the PDF prints it whole, on one line
        times = len(re.findall(rf"\b{word}\b", shown))
        assert times >= 4 and len(re.findall(rf"\b{word}\b", printed)) == times, word
    assert "8282723c" * 8 in printed  # the checksum, on one line
    left, right = TEXT_BLOCK_PT
    starts = _text_starts(pdf)
    assert starts and left - 1 <= min(starts) and max(starts) <= right, (min(starts), max(starts))


def test_a_comparison_prints_one_chart_a_page_with_its_heading(built, browser):
    html, pdf = built["comparison"]
    tab = _laid_out(browser, html, "print", TEXT_BLOCK_PX)
    try:
        assert tab.page.evaluate(_CHARTS_NOT_STARTING_A_PAGE) == []
    finally:
        tab.close()
    figures = _figure_pages(pdf)
    assert len(figures) == 4 and len(set(figures)) == 4, figures
    headings = printing.heading_pages(pdf)
    assert headings["Headline figures"] == 1
    assert headings["Charts"] == figures[0] > 1  # the heading went along with its first chart
    assert headings["Reoffending gap over time"] == figures[3]


def test_a_briefing_prints_its_charts_as_the_page_flows(built, browser):
    tab = _laid_out(browser, built["board-paper"][0], "print", TEXT_BLOCK_PX)
    try:
        rule = tab.page.evaluate(
            "getComputedStyle(document.querySelector('figure.sqs-chart')).breakBefore"
        )
    finally:
        tab.close()
    assert rule == "auto"  # only the comparison gives each chart a page
    assert (
        printing.heading_pages(built["board-paper"][1])["Summary"]
        == _figure_pages(built["board-paper"][1])[0]
    )


# --------------------------------------------------------------------------- the seeds' pages


@pytest.fixture(scope="module")
def seed_pdfs(browser, briefings, tmp_path_factory) -> dict[str, Path]:
    pages = {name: briefings[name] for name in (SH, SO, "comparison")}
    return _printed(browser, pages, tmp_path_factory.mktemp("pdf"))


@pytest.mark.parametrize("name", [SH, SO])
def test_a_seed_briefing_is_a_board_paper(briefings, seed_pdfs, name):
    """Summary on page 1, at most four pages before the Appendix, which starts a page."""
    from pypdf import PdfReader

    pdf = seed_pdfs[name]
    count = len(PdfReader(pdf).pages)
    assert 2 <= count <= 12, count
    _has_sections(briefings[name])
    headings = printing.heading_pages(pdf)
    assert headings["Summary"] == 1, headings
    appendix = headings["Appendix"]
    assert appendix - 1 <= printing.PAGES_BEFORE_APPENDIX, (appendix, count)
    assert _text(PdfReader(pdf).pages[appendix - 1]).startswith("Appendix")
    assert printing.describe(pdf)[1] is None


@pytest.mark.parametrize(("media", "width"), [("print", TEXT_BLOCK_PX), ("screen", SCREEN_PX)])
@pytest.mark.parametrize("name", [SH, SO, "comparison"])
def test_no_seed_table_is_wider_than_the_text_block_or_breaks_a_word(
    briefings, browser, name, media, width
):
    tab = _laid_out(browser, briefings[name], media, width)
    try:
        assert tab.page.evaluate("document.querySelectorAll('table').length") >= 4
        assert tab.page.evaluate(_TOO_WIDE) == []
        assert tab.page.evaluate(_BREAKING_CELLS) == {}
    finally:
        tab.close()


def test_the_seed_comparison_prints_one_chart_a_page(briefings, browser, seed_pdfs):
    tab = _laid_out(browser, briefings["comparison"], "print", TEXT_BLOCK_PX)
    try:
        assert tab.page.evaluate(_CHARTS_NOT_STARTING_A_PAGE) == []
        charts = tab.page.evaluate("document.querySelectorAll('figure.sqs-chart > svg').length")
    finally:
        tab.close()
    figures = _figure_pages(seed_pdfs["comparison"])
    assert len(figures) == charts >= 4
    assert max(Counter(figures).values()) == 1, Counter(figures)


def test_on_screen_the_comparison_shows_its_charts_as_before(briefings, browser):
    tab = _laid_out(browser, briefings["comparison"], "screen", SCREEN_PX)
    try:
        rules = tab.page.evaluate(
            "[...document.querySelectorAll('figure.sqs-chart')].map(f =>"
            " getComputedStyle(f).breakBefore + ' ' + getComputedStyle(f).marginTop)"
        )
    finally:
        tab.close()
    assert rules and set(rules) == {"auto 20px"}
