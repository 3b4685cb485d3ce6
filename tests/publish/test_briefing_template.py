"""The briefing page template: masthead, title, contents list and print stylesheet."""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor

import pytest
from conftest import SH, SO
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from sqs_analysis.publish import html
from sqs_analysis.publish.html import BRIEFING_CSS, SUITE_TITLE, notebook_to_html
from sqs_analysis.publish.templates import read_template
from sqs_analysis.report import narrative


def _notebook():
    return new_notebook(
        cells=[
            new_code_cell(
                "x = 1",
                outputs=[
                    new_output(
                        "display_data",
                        data={"text/html": "<div><h1>Somewhere &amp; Co: briefing</h1></div>"},
                    )
                ],
            ),
            new_markdown_cell("## Headline figures"),
            new_markdown_cell("## Data notes"),
        ]
    )


def _page(nb=None) -> str:
    return notebook_to_html(nb or _notebook(), "fallback title")


def test_title_comes_from_the_first_heading_and_language_is_set():
    page = _page()
    assert "<title>Somewhere &amp; Co: briefing</title>" in page
    assert '<html lang="en">' in page


def test_masthead_and_contents_list_follow_the_title():
    page = _page()
    assert SUITE_TITLE in page and '<header class="sqs-masthead">' in page
    nav = re.search(r'<nav class="sqs-contents" aria-label="Contents">.*?</nav>', page, re.S)
    assert nav is not None
    links = re.findall(r'<a href="#([^"]+)">([^<]+)</a>', nav.group(0))
    assert links == [("Headline-figures", "Headline figures"), ("Data-notes", "Data notes")]
    assert page.index("<h1>") < nav.start() < page.index('id="Headline-figures"')


def test_the_page_has_its_own_stylesheet_and_nothing_of_jupyterlab():
    page = _page()
    styles = re.findall(r"<style[^>]*>(.*?)</style>", page, re.S)
    assert len(styles) == 1 and styles[0].strip() == read_template(BRIEFING_CSS).strip()
    assert "--jp-" not in page and "<script" not in page and "<link" not in page
    assert "data-jp-theme" not in page
    # the lab template's cell markup stays, for the stylesheet and the contents list
    assert 'class="jp-Cell jp-MarkdownCell jp-Notebook-cell"' in page
    assert len(page) < len(read_template(BRIEFING_CSS)) + 6_000


def test_one_exporter_makes_every_page_and_the_pages_do_not_depend_on_it():
    nb, other = _notebook(), new_notebook(cells=[new_markdown_cell("## One")])
    first, comparison = _page(nb), notebook_to_html(other, "C", kind="comparison")
    reused = html._exporter()
    assert html._exporter() is reused
    html._exporter.cache_clear()  # as a fresh process would
    assert _page(nb) == first and html._exporter() is not reused
    assert notebook_to_html(other, "C", kind="comparison") == comparison
    # kernels' threads export at the same time, each its own page
    with ThreadPoolExecutor(4) as pool:
        pages = list(
            pool.map(
                lambda n: notebook_to_html(other, "C", kind="comparison") if n % 2 else _page(nb),
                range(8),
            )
        )
    assert pages == [first, comparison] * 4


def test_a_drawing_reaches_the_page_as_it_was_written():
    """nbconvert rewrites a page's HTML after export; inline SVG is kept out of its way."""
    svg = (
        '<svg viewBox="0 0 10 10" role="img" aria-label="A drawing"><defs><clipPath id="c1-p">'
        '<rect width="1"/></clipPath></defs><path clip-path="url(#c1-p)" d="M 0 0 L 1 1"/></svg>'
    )
    output = f'<figure class="sqs-chart">{svg}</figure><p>After <svg><g/></svg></p>'
    nb = new_notebook(
        cells=[new_code_cell("x", outputs=[new_output("display_data", data={"text/html": output})])]
    )
    page = notebook_to_html(nb, "A title")
    assert output in page and "sqs-drawing" not in page
    assert nb.cells[0].outputs[0].data["text/html"] == output  # the notebook given is untouched
    assert html.put_back_drawings("<!--sqs-drawing-3-->", ["<svg/>"]) == "<!--sqs-drawing-3-->"


def test_print_stylesheet():
    page = _page()
    assert re.search(r"@page\s*\{\s*size:\s*A4", page)
    assert "@media print" in page
    assert re.search(r"figure\.sqs-chart[^{]*\{\s*break-inside:\s*avoid", page)
    assert 'a[href]:not([href^="#"])::after { content: " (" attr(href) ")"' in page


def test_print_stylesheet_of_a_board_paper():
    page = _page()
    css = page[page.index("@media print") :]
    assert re.search(r"h2#Appendix \{ break-before: page", css)
    assert re.search(r"\.sqs-comparison figure\.sqs-chart \{ break-before: page", css)
    assert read_template(BRIEFING_CSS) in page
    # no word is ever broken to fit a column: neither on screen nor in print
    for breaking in ("hyphens: auto", "break-word", "break-all", "anywhere"):
        assert breaking not in read_template(BRIEFING_CSS), breaking
    assert re.search(r"table \{ font-size: 8\.5pt; width: 100%; table-layout: auto; \}", css)
    assert re.search(r"td\.sqs-num \{ white-space: nowrap; \}", page)


def test_the_body_says_what_the_page_is():
    assert '<body class="jp-Notebook sqs-briefing">' in _page()
    comparison = notebook_to_html(new_notebook(), "A comparison", kind="comparison")
    assert '<body class="jp-Notebook sqs-briefing sqs-comparison">' in comparison
    with pytest.raises(ValueError, match="not a kind of page"):
        notebook_to_html(new_notebook(), "A title", kind="index")


def test_table_cells_are_typeset():
    cell = new_code_cell(
        "x = 1",
        outputs=[
            new_output(
                "display_data",
                data={"text/html": "<table><tr><th>cases_met</th><td>46.2%</td></tr></table>"},
            )
        ],
    )
    page = notebook_to_html(new_notebook(cells=[cell]), "A title")
    assert '<th>cases_<wbr>met</th><td class="sqs-num">46.2%</td>' in page


def test_page_without_sections_is_left_alone():
    nb = new_notebook(cells=[new_markdown_cell("## Only one")])
    page = notebook_to_html(nb, "A title")
    assert "<title>A title</title>" in page and "<nav" not in page


def test_datelines(seed_tables):
    assert narrative.briefing_dateline(seed_tables, SH) == (
        "Inspection fieldwork: 15 to 17 June 2015. Report published: 8 July 2015."
    )
    line = narrative.comparison_dateline(seed_tables)
    assert line.startswith("2 inspections, published between 8 July 2015 and 8 June 2016: ")
    assert "St Helens" in line and "Somerset" in line
    assert narrative.comparison_dateline(seed_tables, [SO]).startswith(
        "1 inspection, published 8 June 2016: Somerset"
    )


def test_a_stamp_goes_into_the_title_and_a_banner_at_the_top_escaped():
    nb = new_notebook(
        cells=[
            new_code_cell(
                "x = 1",
                outputs=[new_output("display_data", data={"text/html": "<h1>Area &amp; Co</h1>"})],
            ),
            new_markdown_cell("## Headline figures"),
        ]
    )
    page = notebook_to_html(nb, "fallback title", stamp="synthetic <data> & demo")
    assert "<title>Area &amp; Co \u2014 synthetic &lt;data&gt; &amp; demo</title>" in page
    body = page[page.index("<body") :]
    banner = '<p class="sqs-stamp">synthetic &lt;data&gt; &amp; demo</p>'
    assert (
        body.index('<header class="sqs-masthead">') < body.index(banner) < body.index(SUITE_TITLE)
    )
    assert re.search(r"\.sqs-masthead p\.sqs-stamp \{[^}]*background: var\(--sqs-focus\)", page)
    # a page without a title of its own is stamped too; without a stamp there is no banner
    assert "<title>A title \u2014 demo</title>" in notebook_to_html(
        new_notebook(), "A title", "demo"
    )
    assert 'class="sqs-stamp"' not in _page() and "\u2014" not in _page().split("</title>")[0]
