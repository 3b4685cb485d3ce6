"""The JupyterLab explorer: the widgets choose, the tested view shows."""

from __future__ import annotations

from corpus_tables import IDS, corpus

from sqs_analysis.report import explore


def test_options():
    tables = corpus()
    assert explore.inspection_options(tables)[0] == ("Area 0, 15 January 2016", IDS[0])
    assert explore.aspect_options(tables) == ["planning"]


def test_view_follows_the_widgets():
    ex = explore.FunnelExplorer(corpus())
    assert list(ex.inspections.value) == IDS and ex.aspect.value == "planning"
    first = ex.shown.parts[0]
    assert first.title == "Planning: 2 of 4 counted findings outside the 95% limits around 69%"
    # Fewer than three inspections: the view says what to choose, it draws nothing.
    ex.inspections.value = IDS[:2]
    assert str(ex.shown) == "Choose at least 3 inspections to compare."
    # Three inspections: the pool is theirs only (7+10+2 of 11+12+12 = 19/35 = 54%).
    ex.inspections.value = IDS[:3]
    assert ex.shown.parts[0].title.endswith("around 54%")
    assert ex.shown.parts[1].frame["cases"].tolist() == [11, 12, 12]


def test_no_aspect_to_show():
    view = explore.funnel_view(corpus(), IDS, None)
    assert str(view) == "No finding in these tables counts cases on any aspect."
