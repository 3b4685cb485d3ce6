"""HTML export, the index page, the make fragment and failure handling of the renderer."""

from __future__ import annotations

import dataclasses
import json

import nbformat
import pandas as pd
import pytest
from conftest import RAW, ROOT, SH, SO
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from sqs_analysis import render


@pytest.fixture(scope="module")
def processed(tmp_path_factory):
    from sqs_analysis.cli import extract

    out = tmp_path_factory.mktemp("processed")
    assert extract(RAW, out, progress=False) == 0
    return out


def test_check_self_contained():
    render.check_self_contained("<style>/* see https://example.org */</style><p>ok</p>")
    for bad in (
        '<script src="https://cdn.example/require.js"></script>',
        "<link rel='stylesheet' href='//fonts.example/x.css'>",
        "<style>@import url(https://fonts.example/x.css);</style>",
    ):
        with pytest.raises(render.ExternalResourceError):
            render.check_self_contained(bad)


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
    page = render.notebook_to_html(nb, "A <title>")
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
    render.scrub_volatile_metadata(nb)
    assert nb.metadata["papermill"] == {"parameters": {"a": 1}}
    assert nb.cells[0]["id"] == "injected-parameters"
    assert set(nb.cells[0].metadata) == {"tags"}


def test_index_html_links_briefings_and_escapes(seed_tables):
    page = render.index_html(seed_tables)
    assert f'href="{SH}.html"' in page and f'href="{SO}.html"' in page
    assert 'href="comparison.html"' in page
    for figure in ("46.2%", "36.1%", "32.3%", "37.8%", "+10.1 points", "\u22125.5 points"):
        assert figure in page
    hostile = seed_tables.inspections.copy()
    hostile.loc[0, "area"] = "<script>alert('x')</script>"
    page = render.index_html(dataclasses.replace(seed_tables, inspections=hostile))
    assert "<script>" not in page and "&lt;script&gt;" in page
    render.check_self_contained(page)


def test_build_index_and_ids(processed, tmp_path):
    out = render.build_index(processed, tmp_path)
    assert out == tmp_path / "index.html"
    assert "Somerset" in out.read_text(encoding="utf-8")
    assert render.inspection_ids(processed) == [SO, SH]


def test_failing_notebook_keeps_copy_and_names_cell(tmp_path):
    nb = new_notebook(
        cells=[
            new_code_cell("x = 1", metadata={"tags": ["parameters"]}),
            new_code_cell("# the failing cell\nraise ValueError('boom')"),
        ],
        metadata={
            "kernelspec": {"name": render.KERNEL_NAME, "display_name": "x", "language": "python"}
        },
    )
    template = tmp_path / "fails.ipynb"
    nbformat.write(nb, template)
    with pytest.raises(render.NotebookFailed) as err:
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
    assert render.main(["index", "--data-dir", str(processed), "--out", str(tmp_path)]) == 0
    code = render.main(
        ["briefing", "nowhere-2020-01", "--data-dir", str(processed), "--out", str(tmp_path),
         "--notebooks", str(ROOT / "notebooks"), "--no-progress"]
    )  # fmt: skip
    assert code == 1
    err = capsys.readouterr().err
    assert "Known inspection ids" in err and SH in err and SO in err


def test_inspection_ids_ignore_missing(tmp_path):
    pd.DataFrame({"inspection_id": ["b", None, "a"]}).to_parquet(tmp_path / "inspections.parquet")
    assert render.inspection_ids(tmp_path) == ["a", "b"]
