"""Prose and tables show as escaped HTML, never as markup from a report."""

from __future__ import annotations

import pandas as pd
from conftest import SH

from sqs_analysis.report import display
from sqs_analysis.report.charts.findings import findings_data


def test_prose_and_tables_escape_html():
    shown = display.prose(["<script>alert(1)</script> & more"], heading="A <b>title</b>")
    page = shown._repr_html_()
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "<h2>A &lt;b&gt;title&lt;/b&gt;</h2>" in page
    view = display.as_table(pd.DataFrame({"x": ["<img src=x>"]}))._repr_html_()
    assert "<img" not in view
    assert display.as_table(pd.DataFrame(), empty="Nothing here.")._repr_html_() == (
        '<p class="sqs-empty">Nothing here.</p>'
    )


def test_long_table_folds_away():
    frame = pd.DataFrame({"n": range(30)})
    folded = display.as_table(frame, caption="Every gap", collapse_over=25)._repr_html_()
    assert folded.startswith('<details class="sqs-long-table"><summary>Every gap (30 rows)')
    short = display.as_table(frame.head(25), caption="Every gap", collapse_over=25)._repr_html_()
    assert short.startswith("<p><strong>Every gap</strong></p>") and "<details" not in short


def test_tables_show_a_readers_frame_and_keep_the_machine_one(seed_tables):
    frame = findings_data(seed_tables, [SH])
    view = display.as_table(frame)
    page = view._repr_html_()
    assert "<th>Cases meeting the standard</th>" in page and "<td>7 of 11</td>" in page
    assert "<td>35% to 85%</td>" in page and "<td>64%</td>" in page
    assert "share_met" not in page and "0.636364" not in page
    assert "<th>Inspection</th>" not in page  # one inspection: its id is not repeated
    assert view.frame is frame and "share_met" in view.frame
    assert "Cases meeting the standard" in repr(view)
    named = display.as_table(frame, one_inspection=False)._repr_html_()
    assert "<th>Inspection</th>" in named and f"<td>{SH}</td>" in named
    both = display.as_table(findings_data(seed_tables))._repr_html_()
    assert "<th>Inspection</th>" in both  # two inspections: each row names its own


def test_a_long_table_shows_its_first_rows_and_says_where_the_rest_are():
    frame = pd.DataFrame({"quote": [f"finding {k}" for k in range(display.PAGE_MAX_ROWS + 5)]})
    page = display.as_table(frame)._repr_html_()
    assert page.count("<tr>") == display.PAGE_MAX_ROWS  # the first rows (the header: <tr style=...)
    assert f"finding {display.PAGE_MAX_ROWS - 1}<" in page
    assert f"finding {display.PAGE_MAX_ROWS}<" not in page
    assert f"The first {display.PAGE_MAX_ROWS} of {display.PAGE_MAX_ROWS + 5} rows" in page
    every = display.as_table(frame, max_rows=None)._repr_html_()
    assert every.count("<tr>") == display.PAGE_MAX_ROWS + 5 and "rows are shown" not in every
