"""Prose and tables show as escaped HTML, never as markup from a report."""

from __future__ import annotations

import pandas as pd

from sqs_analysis.report import display


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
