"""An executed notebook as one self-contained HTML page: no code, its title, a contents list.

Why this module exists: a briefing must open offline, show no code and embed its images. The page
is the briefing's own template and stylesheet (``templates/sqs_report/briefing.html.j2`` and
``briefing.css``, shipped as package data) around the cells as nbconvert's lab template marks
them up, without any of JupyterLab's CSS, and is checked after export to fetch nothing from the
internet (:func:`~sqs_analysis.publish.offline.check_self_contained`).

One exporter serves every page of a process (:func:`_exporter`): building one and compiling its
templates costs more than exporting a page. Everything that varies from page to page goes in
its resources, so a page comes out byte for byte the same from a fresh exporter or a reused one.
Kernels' threads export at the same time; the exporter registers per-notebook filters on itself
while it works, so one page is exported at a time (:data:`_EXPORTING`).

Charts are inline SVG in the cells' HTML (``Chart.figure_html``). nbconvert reads and rewrites
all of a page's HTML once more after export (BeautifulSoup, to give images alt text and outputs
a ``tabindex``), which would lowercase the drawings' ``viewBox`` and ``clipPath``, close every
``<path/>`` with a ``</path>`` and take most of the export's time; each ``<svg>`` is therefore
set aside before export, a comment in its place, and put back as it was written after it
(:func:`set_aside_drawings`).
"""

from __future__ import annotations

import re
import threading
from functools import cache
from html import escape, unescape
from typing import TYPE_CHECKING

import nbformat
from nbformat import NotebookNode

from sqs_analysis.publish.offline import check_self_contained
from sqs_analysis.publish.templates import read_template, stamped_title
from sqs_analysis.publish.typeset import typeset_cells

if TYPE_CHECKING:
    from nbconvert import HTMLExporter

SUITE_TITLE = "Short Quality Screening briefings"
SUITE_TAGLINE = (
    "Youth offending work inspected by HM Inspectorate of Probation, analysed with sqs-analysis"
)
#: The briefing page's template and the stylesheet it includes, by their names to Jinja.
BRIEFING_TEMPLATE = "sqs_report/briefing.html.j2"
BRIEFING_CSS = "sqs_report/briefing.css"
#: What a page is, which names its ``<body>``'s class (``sqs-<kind>``) for the stylesheet: every
#: page is styled as a briefing (``sqs-briefing``); the comparison adds its own print rules.
PAGE_KINDS = ("briefing", "comparison")


def notebook_to_html(
    nb: NotebookNode, title: str, stamp: str | None = None, *, kind: str = "briefing"
) -> str:
    """Export an executed notebook to one self-contained HTML page with the code hidden.

    ``stamp``: a few words every reader must see ("synthetic data: for demonstration only"),
    added to the page's ``<title>`` and shown in a banner at the top of the page. ``kind``: one
    of :data:`PAGE_KINDS`; a ``"comparison"`` body also has the class ``sqs-comparison``.
    """
    if kind not in PAGE_KINDS:
        raise ValueError(f"not a kind of page ({', '.join(PAGE_KINDS)}): {kind!r}")
    nb = nbformat.from_dict(nb)
    nb.metadata["title"] = title
    resources = {
        "metadata": {"name": title},
        "sqs_suite_title": SUITE_TITLE,
        "sqs_suite_tagline": SUITE_TAGLINE,
        "sqs_stamp": stamp or "",
        "sqs_page_kind": kind,
    }
    drawings = set_aside_drawings(nb)
    with _EXPORTING:
        page, _ = _exporter().from_notebook_node(nb, resources=resources)
    page = put_back_drawings(page, drawings)
    page = typeset_cells(add_contents(title_from_heading(page)))
    if stamp:
        page = stamp_title(page, stamp)
    check_self_contained(page)
    return page


_SVG = re.compile(r"<svg\b.*?</svg>", re.IGNORECASE | re.DOTALL)
_SET_ASIDE = re.compile(r"<!--sqs-drawing-(\d+)-->")


def set_aside_drawings(nb: NotebookNode) -> list[str]:
    """Replace each ``<svg>`` in the notebook's HTML outputs by a comment; return them in order.

    The notebook is changed in place (:func:`notebook_to_html` passes its own copy).
    """
    drawings: list[str] = []

    def aside(match: re.Match[str]) -> str:
        drawings.append(match.group())
        return f"<!--sqs-drawing-{len(drawings) - 1}-->"

    for cell in nb.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if isinstance(data.get("text/html"), str):
                data["text/html"] = _SVG.sub(aside, data["text/html"])
    return drawings


def put_back_drawings(page: str, drawings: list[str]) -> str:
    """The exported page with each drawing :func:`set_aside_drawings` took back in its place."""

    def back(match: re.Match[str]) -> str:
        at = int(match.group(1))
        return drawings[at] if at < len(drawings) else match.group()

    return _SET_ASIDE.sub(back, page)


#: Held while a page is exported: the one exporter does one page at a time (see the module).
_EXPORTING = threading.Lock()


@cache
def _exporter() -> HTMLExporter:
    """The exporter every page of the process is made with, built on first use.

    Its template is compiled on the first page and kept. Lab's pygments stylesheet is not made
    (it styles code, and a page shows none), and the notebook is validated once, after its
    preprocessors, rather than after each of them.
    """
    # Deferred for start-up speed: nbconvert takes a second to load, while kernels start.
    import jinja2
    from nbconvert import HTMLExporter
    from traitlets.config import Config

    templates = {name: read_template(name) for name in (BRIEFING_TEMPLATE, BRIEFING_CSS)}
    return HTMLExporter(
        config=Config({"CSSHTMLHeaderPreprocessor": {"enabled": False}}),
        template_name="lab",
        template_file=BRIEFING_TEMPLATE,
        extra_loaders=[jinja2.DictLoader(templates)],
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        embed_images=True,
        optimistic_validation=True,
    )


_H1 = re.compile(r"<h1\b[^>]*>(.*?)</h1>", re.IGNORECASE | re.DOTALL)
_H2 = re.compile(r'<h2\b[^>]*\bid="([^"]+)"[^>]*>(.*?)</h2>', re.IGNORECASE | re.DOTALL)
_TAGS = re.compile(r"<[^>]+>")
_ANCHOR_LINK = re.compile(r'<a class="anchor-link"[^>]*>.*?</a>', re.DOTALL)


def _heading_text(inner: str) -> str:
    """A heading's visible text (escaped), without nbconvert's pilcrow anchor link."""
    text = unescape(_TAGS.sub("", _ANCHOR_LINK.sub("", inner)))
    return escape(" ".join(text.split()), quote=False)


def title_from_heading(page: str) -> str:
    """Use the page's first ``<h1>`` (the briefing's own title) as its ``<title>``, if any."""
    body_at = page.find("<body")
    match = _H1.search(page, max(body_at, 0))
    if not match or not _heading_text(match.group(1)):
        return page
    return re.sub(
        r"<title>.*?</title>",
        lambda _: f"<title>{_heading_text(match.group(1))}</title>",
        page,
        count=1,
        flags=re.DOTALL,
    )


def stamp_title(page: str, stamp: str) -> str:
    """Add ``stamp`` (plain text, escaped here) to the end of the page's ``<title>``."""
    return re.sub(
        r"<title>(.*?)</title>",
        lambda m: f"<title>{stamped_title(m.group(1), escape(stamp, quote=False))}</title>",
        page,
        count=1,
        flags=re.DOTALL,
    )


def add_contents(page: str) -> str:
    """Insert a contents list of the page's sections (its ``<h2>`` headings) before the first.

    Briefings are long; a board member jumps to "Charts" or "Data notes" from the top. The list
    goes before the notebook cell holding the first section heading, so it follows the title.
    """
    body_at = max(page.find("<body"), 0)
    sections = [
        (m.start(), m.group(1), _heading_text(m.group(2))) for m in _H2.finditer(page, body_at)
    ]
    if len(sections) < 2:
        return page
    items = "".join(
        f'<li><a href="#{escape(anchor, quote=True)}">{text}</a></li>'
        for _, anchor, text in sections
    )
    nav = f'<nav class="sqs-contents" aria-label="Contents"><p>Contents</p><ol>{items}</ol></nav>\n'
    first = sections[0][0]
    cell_at = page.rfind('<div class="jp-Cell ', body_at, first)
    at = cell_at if cell_at != -1 else first
    return page[:at] + nav + page[at:]
