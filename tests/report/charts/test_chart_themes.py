"""The theme grid: counts per theme and inspection, and its two layouts."""

from __future__ import annotations

import types

import pandas as pd
from chart_tables import judgement_themes
from conftest import SH, SO

from sqs_analysis.report.charts import themes


def test_theme_grid():
    tables = types.SimpleNamespace(
        inspections=pd.DataFrame({"inspection_id": [SH, SO]}), judgement_themes=judgement_themes()
    )
    chart = themes.theme_grid(tables)
    assert chart.title == (
        "Strengths most often concerned planning and reports; improvements most often emotional "
        "and mental health, management oversight and planning"
    )
    d = chart.data.set_index(["theme", "inspection_id"])
    assert d.loc[("planning", SH), "strengths"] == 1
    assert d.loc[("planning", SO), "improvements"] == 1
    assert d.loc[("reports", SH), "strengths"] == 0  # zero cells are explicit
    assert "somerset-2016-06, planning: 0 strengths, 1 improvement" in chart.alt_text


def test_theme_grid_adds_up_the_themes_when_there_are_many_inspections():
    ids = [f"area-{k}-2016-01" for k in range(6)]
    jt = pd.concat([judgement_themes().assign(inspection_id=i) for i in ids], ignore_index=True)
    tables = types.SimpleNamespace(
        inspections=pd.DataFrame({"inspection_id": ids}), judgement_themes=jt
    )
    chart = themes.theme_grid(tables)
    assert chart.figure.get_size_inches()[0] == 7.0  # the text width, whatever the inspections
    d = chart.data.set_index("theme")
    assert list(chart.data.columns) == ["theme", "strengths", "improvements", "inspections"]
    assert d.loc["planning"].tolist() == [6, 6, 6]  # one of each in every inspection
    assert d.loc["reports"].tolist() == [6, 0, 6]
    assert chart.data["theme"].iloc[0] == "planning"  # most judgements first
    ax = chart.figure.axes[0]
    assert ax.get_yticklabels()[0].get_text() == "Planning (6)"
    assert "Planning: 6 strengths, 6 improvements, in 6 inspections" in chart.alt_text
    assert chart.title == themes.theme_grid(tables, ids[:2]).title  # the same message
    few = themes.theme_grid(tables, ids[:2]).figure.axes[0]
    assert [t.get_text() for t in few.get_xticklabels()] == ids[:2]
