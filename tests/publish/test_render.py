"""HTML export, the index page, failure handling and the command line of the renderer."""

from __future__ import annotations

import dataclasses
import html
import json
import re

import nbformat
import pandas as pd
import pytest
from conftest import RAW, ROOT, SH, SO
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from sqs_analysis.config import KERNEL_NAME
from sqs_analysis.errors import NotebookFailed
from sqs_analysis.publish import commands, index, render
from sqs_analysis.publish.execute import scrub_volatile_metadata
from sqs_analysis.publish.html import notebook_to_html
from sqs_analysis.publish.offline import ExternalResourceError, check_self_contained
from sqs_analysis.report import plots


@pytest.fixture(scope="module")
def processed(tmp_path_factory):
    from sqs_analysis.cli import extract

    out = tmp_path_factory.mktemp("processed")
    assert extract(RAW, out, progress=False) == 0
    return out


def test_check_self_contained():
    check_self_contained("<style>/* see https://example.org */</style><p>ok</p>")
    for bad in (
        '<script src="https://cdn.example/require.js"></script>',
        "<link rel='stylesheet' href='//fonts.example/x.css'>",
        "<style>@import url(https://fonts.example/x.css);</style>",
    ):
        with pytest.raises(ExternalResourceError):
            check_self_contained(bad)


#: Pages that load nothing: report text that reads like markup, links, data URIs, fragments.
SELF_CONTAINED = [
    '<p>Area &lt;img src="http://x.example/a.png"&gt; Town</p>',  # escaped text, not a tag
    '<img src="data:image/png;base64,AAAA" alt="&lt;img src=&quot;http://x.example/a&quot;&gt;">',
    '<img src="data:image/png;base64,AAAA" alt=\'<img src="http://x.example/a">\'>',
    '<a href="https://www.justiceinspectorates.gov.uk/hmiprobation/">the inspectorate</a>',
    '<a href="#findings">Findings</a> <a href="somerset-2016-06.html">Somerset</a>',
    '<img srcset="data:image/png;base64,AA,BB 1x, chart@2x.png 2x" src="chart.png">',
    "<style>.x { background: url(data:image/svg+xml,%3Csvg%3E) } /* url(http://x) */</style>",
    '<style>p::after { content: "see https://example.org" }</style>',
    '<svg><image href="#mark"/><use xlink:href="#dot"/></svg>',
    # a chart inline: its clip paths, glyphs and hatches are ids of the page
    '<svg xmlns:xlink="http://www.w3.org/1999/xlink"><defs><clipPath id="c1-p"><rect/></clipPath>'
    '</defs><path clip-path="url(#c1-p)" fill="url(#c1-h)" style="fill: url(#c1-h)"/>'
    '<use xlink:href="#c1-m" x="1"/></svg>',
    "<script>var s = '<img src=\"http://x.example/a\">';</script>",
    '<!-- <link href="https://cdn.example/x.css"> -->',
    '<p style="color: red">plain</p>',
    '<img src="data:," alt="&lt;img src=http://x.example/a.png&gt;">',  # unquoted, in an alt
    "<td>Town @import url(http://x.example/x.css)</td>",  # CSS words in text are text
]

#: Each loads something from outside the page.
EXTERNAL = [
    '<img src=http://x.example/a.png alt="">',
    '<img src="&#104;ttp://x.example/a.png">',  # a character reference is the same URL
    "<link rel=stylesheet href=//cdn.example/x.css>",
    '<script src="https://cdn.example/require.js"></script>',
    '<iframe src="HTTPS://x.example/"></iframe>',
    '<img srcset="chart.png 1x, https://cdn.example/chart@2x.png 2x" src="chart.png">',
    '<picture><source srcset="https://cdn.example/a.webp"><img src="a.png"></picture>',
    "<style>@import url(http://fonts.example/x.css);</style>",
    '<style>\n@import "//fonts.example/x.css";\n</style>',
    "<style/>@import 'https://fonts.example/x.css';</style>",  # the slash closes nothing
    "<p>a</p><style>@import url(https://fonts.example/x.css)",  # open to the end of the page
    "<style>@font-face { src: url('ftp://x.example/f.woff') }</style>",
    '<p style="background:url(https://x.example/bg.png)">x</p>',
    '<svg><image href="http://x.example/a.png"/></svg>',
    '<svg><use xlink:href="https://x.example/sprite.svg#dot"/></svg>',
    '<svg><path fill="url(https://x.example/paint.svg#h)"/></svg>',
    '<svg><g clip-path="url(//x.example/clip.svg#c)"></g></svg>',
    "<svg><path marker-end='url(\"http://x.example/m.svg#m\")'/></svg>",
    '<svg><g filter="url(file:///etc/f.svg#blur)"></g></svg>',
    '<video poster="https://x.example/p.jpg"></video>',
    '<object data="http://x.example/a.swf"></object>',
    '<base href="https://x.example/">',
    '<iframe srcdoc="&lt;img src=&quot;http://x.example/a&quot;&gt;"></iframe>',
    '<img src=" \t//x.example/a.png">',
    '<img src="\\\\x.example/a.png">',  # a backslash reads as a slash
]


@pytest.mark.parametrize("page", SELF_CONTAINED)
def test_check_self_contained_looks_only_where_a_browser_loads(page):
    check_self_contained(page)


@pytest.mark.parametrize("page", EXTERNAL)
def test_check_self_contained_refuses_every_external_resource(page):
    with pytest.raises(ExternalResourceError, match="external resource"):
        check_self_contained(page)


@pytest.mark.parametrize(
    "area",
    ['<img src="http://x.example/a.png">', "<img src=http://x.example/a.png> Town",
     "Town @import url(//x.example/x.css)"],
)  # fmt: skip
def test_report_text_that_reads_like_a_resource_loads_nothing(seed_tables, area):
    """The area lands, escaped, in a chart's alt text, caption and data table, a heading and
    the index: the page is still self-contained."""
    ins = seed_tables.inspections.copy()
    ins.loc[ins["inspection_id"] == SH, "area"] = area
    tables = dataclasses.replace(seed_tables, inspections=ins)
    chart = plots.rate_vs_average(tables, SH).to_html()
    output = new_output("display_data", data={"text/html": chart})
    nb = new_notebook(cells=[new_markdown_cell(f"# {html.escape(area)}"),
                             new_code_cell("chart", outputs=[output])])  # fmt: skip
    page = notebook_to_html(nb, area)
    assert f"Bar chart. {area}: 46.2%" in html.unescape(page)  # nbconvert may requote the alt
    check_self_contained(page)
    check_self_contained(index.index_html(tables))


def test_external_resource_error_names_what_and_where():
    page = '<p>one</p>\n<p>two <img alt="x" src="https://x.example/a.png"></p>'
    with pytest.raises(ExternalResourceError) as err:
        check_self_contained(page)
    assert str(err.value) == (
        "exported HTML: external resource: <img> src 'https://x.example/a.png' at line 2, column 8"
    )
    with pytest.raises(
        ExternalResourceError, match=re.escape("<style> '//f.example/x.css' at line 3")
    ):
        check_self_contained("<p>a</p>\n<style>\n@import url(//f.example/x.css);</style>")


def test_notebook_to_html_hides_code_and_fetches_nothing():
    nb = new_notebook(
        cells=[
            new_markdown_cell("## Heading"),
            new_code_cell(
                "secret_code = 1",
                outputs=[new_output("display_data", data={"text/html": "<p>shown 46.2</p>"})],
            ),
        ]
    )
    page = notebook_to_html(nb, "A <title>")
    assert "shown 46.2" in page and "secret_code" not in page
    assert "<script" not in page.lower()
    assert "<title>A &lt;title&gt;</title>" in page


def test_scrub_volatile_metadata():
    nb = new_notebook(cells=[new_code_cell("x = 1")])
    nb.cells[0].metadata = {
        "tags": ["injected-parameters"],
        "papermill": {"start_time": "t", "duration": 1.0},
        "execution": {"iopub.status.busy": "t"},
    }
    nb.metadata["papermill"] = {"parameters": {"a": 1}, "start_time": "t", "input_path": "/x"}
    scrub_volatile_metadata(nb)
    assert nb.metadata["papermill"] == {"parameters": {"a": 1}}
    assert nb.cells[0]["id"] == "injected-parameters"
    assert set(nb.cells[0].metadata) == {"tags"}


def test_index_html_links_briefings_and_escapes(seed_tables):
    page = index.index_html(seed_tables)
    assert f'href="{SH}.html"' in page and f'href="{SO}.html"' in page
    assert 'href="comparison.html"' in page
    for figure in ("46.2%", "36.1%", "32.3%", "37.8%", "+10.1 points", "\u22125.5 points"):
        assert figure in page
    hostile = seed_tables.inspections.copy()
    hostile.loc[0, "area"] = "<script>alert('x')</script>"
    page = index.index_html(dataclasses.replace(seed_tables, inspections=hostile))
    assert "<script>" not in page and "&lt;script&gt;" in page
    check_self_contained(page)


def test_build_index_and_ids(processed, tmp_path):
    out = index.build_index(processed, tmp_path)
    assert out == tmp_path / "index.html"
    assert "Somerset" in out.read_text(encoding="utf-8")
    assert index.inspection_ids(processed) == [SO, SH]


def test_failing_notebook_keeps_copy_and_names_cell(tmp_path):
    nb = new_notebook(
        cells=[
            new_code_cell("x = 1", metadata={"tags": ["parameters"]}),
            new_code_cell("# the failing cell\nraise ValueError('boom')"),
        ],
        metadata={"kernelspec": {"name": KERNEL_NAME, "display_name": "x", "language": "python"}},
    )
    template = tmp_path / "fails.ipynb"
    nbformat.write(nb, template)
    with pytest.raises(NotebookFailed) as err:
        render.render_notebook(template, "fails", {"x": 2}, tmp_path / "out", "t", progress=False)
    message = str(err.value)
    assert "ValueError: boom" in message and "'# the failing cell'" in message
    kept = tmp_path / "out" / "notebooks" / "fails.ipynb"
    assert kept.exists() and str(kept) in message
    assert not (tmp_path / "out" / "fails.html").exists()
    executed = json.loads(kept.read_text(encoding="utf-8"))
    assert any(
        o.get("output_type") == "error" for c in executed["cells"] for o in c.get("outputs", [])
    )


def test_cli_exit_codes(processed, tmp_path, capsys):
    assert commands.main(["index", "--data-dir", str(processed), "--out", str(tmp_path)]) == 0
    code = commands.main(
        ["briefing", "nowhere-2020-01", "--data-dir", str(processed), "--out", str(tmp_path),
         "--notebooks", str(ROOT / "notebooks"), "--no-progress"]
    )  # fmt: skip
    assert code == 1
    err = capsys.readouterr().err
    assert "Known inspection ids" in err and SH in err and SO in err


def test_inspection_ids_ignore_missing(tmp_path):
    pd.DataFrame({"inspection_id": ["b", None, "a"]}).to_parquet(tmp_path / "inspections.parquet")
    assert index.inspection_ids(tmp_path) == ["a", "b"]
