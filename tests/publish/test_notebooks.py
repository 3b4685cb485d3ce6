"""Every notebook, executed on the seeds, gives a readable self-contained HTML page."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest
from conftest import ROOT, SH, SO

from sqs_analysis.config import KERNEL_NAME
from sqs_analysis.errors import NotebookFailed
from sqs_analysis.publish import render
from sqs_analysis.publish.offline import check_self_contained

NOTEBOOKS = ROOT / "notebooks"
ALL_NOTEBOOKS = sorted(NOTEBOOKS.glob("*.ipynb"))


class _Page(HTMLParser):
    """Collects images, drawings (inline SVG), tables and visible text of an exported page."""

    def __init__(self) -> None:
        super().__init__()
        self.images: list[dict[str, str | None]] = []
        self.drawings: list[dict[str, str | None]] = []
        self.tables = 0
        self.text: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            self.images.append(dict(attrs))
        if tag == "svg":
            self.drawings.append(dict(attrs))
        if tag == "table":
            self.tables += 1
        if tag in ("style", "script"):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in ("style", "script"):
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.text.append(data)


def parse(page: str) -> _Page:
    p = _Page()
    p.feed(page)
    return p


@pytest.fixture(scope="module")
def built(briefings, tmp_path_factory) -> dict[str, Path]:
    """The seed pages shared with the browser tests, plus the explore notebook on its own."""
    out = tmp_path_factory.mktemp("explore")
    pages = dict(briefings)
    params = {"data_dir": str(briefings["_data"])}
    pages["explore"] = render.render_notebook(
        NOTEBOOKS / "explore.ipynb", "explore", params, out, "Explore", progress=False
    ).html
    return pages


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("page", "figures"),
    [
        (SH, ["46.2%", "36.1%", "+10.1 points", "14"]),
        (SO, ["32.3%", "37.8%", "\u22125.5 points", "20"]),
        ("comparison", ["46.2%", "36.1%", "32.3%", "37.8%", "14", "20"]),
    ],
)
def test_headline_figures_present(built, page, figures):
    text = " ".join(parse(read(built[page])).text)
    for figure in figures:
        assert figure in text, figure
    if page == SH:
        assert "Inspectors examined 14 cases." in text
    if page == SO:
        assert "Inspectors examined 20 cases" in text
    if page == "comparison":
        assert "Inspectors examined 34 cases in total, between 14 and 20 per inspection." in text


@pytest.mark.parametrize("page", [SH, SO, "comparison", "explore"])
def test_page_is_clean_and_accessible(built, page):
    source = read(built[page])
    parsed = parse(source)
    text = html.unescape(" ".join(parsed.text))
    # No code, no errors.
    assert "import sqs_analysis" not in text and "narrative.prose(" not in text
    body = source[source.index("<body") :]
    assert "hl-ipython3" not in body and "jp-CodeMirrorEditor" not in body  # no code input
    assert "Traceback" not in text
    assert not re.search(r"\b\w+(Error|Exception|Warning):", text)
    assert 'data-mime-type="application/vnd.jupyter.stderr"' not in source  # errors and warnings
    # Nothing fetched from the internet.
    check_self_contained(source)
    assert not re.search(r"<script[^>]*\bsrc=", source, re.I)
    # Every chart is inline SVG named by its alt text, has a caption, and its data as a table.
    assert parsed.drawings, "no charts"
    assert parsed.images == [] and "base64" not in source
    for svg in parsed.drawings:
        assert svg.get("role") == "img" and len(svg.get("aria-label") or "") > 20
    ids = re.findall(r'\sid="([^"]+)"', body)
    assert len(ids) == len(set(ids)), "an id is used twice"
    charts = source.count('<figure class="sqs-chart">')
    assert charts == len(parsed.drawings)
    assert source.count("Data for this chart") == charts
    assert parsed.tables >= charts


def test_briefing_puts_the_answer_first_and_the_tables_last(built):
    """Summary (figures, sentences, one chart), the detail, then the appendix of chart data."""
    source = read(built[SH])
    sections = re.findall(r'<h2 id="([^"]+)"', source)
    assert sections == [
        "Summary",
        "What-the-report-found",
        "How-this-area-compares",
        "Key-strengths-and-areas-requiring-improvement",
        "Appendix",
    ]
    summary = source[source.index('id="Summary"') : source.index('id="What-the-report-found"')]
    assert summary.count('<figure class="sqs-chart">') == 1  # the one chart that matters
    assert "St Helens' reoffending rate was 46.2%" in html.unescape(summary)
    assert "Data for this chart" not in summary
    appendix = source[source.index('id="Appendix"') :]
    # Every chart's data is in the appendix, folded, and nowhere else.
    assert source.count("Data for this chart") == appendix.count("Data for this chart")
    assert appendix.count('<details class="sqs-chart-data">') == source.count(
        '<figure class="sqs-chart">'
    )


def test_seed_pages_say_what_cannot_yet_be_compared(built):
    """Two inspections: the briefing says why nothing is ranked, the comparison draws no funnel."""
    text = " ".join(parse(read(built[SH])).text)
    assert "How this area compares" in text
    assert (
        "These tables hold 2 inspections, so there is not yet enough to compare St Helens with "
        "other areas." in text
    )
    assert "largest gap" not in text  # no rank of 2
    assert "The evidence is too thin to say which theme was strongest." in text
    comparison = " ".join(parse(read(built["comparison"])).text)
    assert (
        "No aspect has counted findings from at least 3 inspections, so no funnel plot is drawn."
        in comparison
    )
    assert "Funnel plot for" not in read(built["comparison"])
    assert "The reports show only England, so England and Wales are not compared" in comparison


def test_briefing_shows_judgements_and_data_notes(built):
    text = " ".join(parse(read(built[SH])).text)
    assert "Good quality pre-sentence and panel reports" in text
    assert "Area for improvement" in text
    assert "st-helens-2015-07.md" in text
    assert re.search(r"\b[0-9a-f]{64}\b", text)  # checksum of the source file
    assert (
        "St Helens' reoffending rate was 10.1 points above its cohort's England and Wales" in text
    )


def test_executed_copies_are_kept(built):
    kept = sorted(p.name for p in (built[SH].parent / "notebooks").glob("*.ipynb"))
    assert kept == sorted([f"{SH}.ipynb", f"{SO}.ipynb", "comparison.ipynb"])
    assert (built["explore"].parent / "notebooks" / "explore.ipynb").exists()


def test_unknown_id_fails_listing_known_ids(built, tmp_path):
    with pytest.raises(NotebookFailed) as err:
        render.render_briefing("nowhere-2020-01", built["_data"], tmp_path, NOTEBOOKS,
                               progress=False)  # fmt: skip
    message = str(err.value)
    assert "UnknownInspection" in message
    assert SH in message and SO in message
    assert (tmp_path / "notebooks" / "nowhere-2020-01.ipynb").exists()


@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=lambda p: p.name)
def test_repo_notebooks_are_clean(path):
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    assert nb.metadata["kernelspec"]["name"] == KERNEL_NAME
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(not c.outputs and c.execution_count is None for c in code)
    tagged = [c for c in code if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1 and "data_dir" in tagged[0].source
    assert not any(re.search(r"^\s*(def|class)\s", c.source, re.M) for c in code)


def test_expected_notebooks_exist():
    names = {p.name for p in ALL_NOTEBOOKS}
    assert {"inspection_briefing.ipynb", "comparison.ipynb", "explore.ipynb"} <= names
