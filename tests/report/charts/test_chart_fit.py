"""Charts that fit the page: drawn at the text width, titles in at most two lines."""

from __future__ import annotations

import pytest
from conftest import SH

from sqs_analysis.report.charts import base, corpus, findings, funnels, rates, samples, themes
from sqs_analysis.report.compare import funnel_aspects


def _title_lines(chart: base.Chart) -> int:
    """Lines of the chart's (left) title as drawn (wrapped when set, or by matplotlib)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    canvas = FigureCanvasAgg(chart.figure)
    canvas.draw()
    title = chart.figure._suptitle
    title._renderer = canvas.get_renderer()  # wrapping is measured with the renderer
    wrapped = title._get_wrapped_text() if title.get_wrap() else title.get_text()
    return wrapped.strip().count("\n") + 1


def _charts(tables) -> dict[str, base.Chart]:
    iid = tables.inspections["inspection_id"].iloc[0]
    made = {
        "rate_vs_average": rates.rate_vs_average(tables, iid),
        "rate_gaps": rates.rate_gaps(tables),
        "case_samples": samples.case_samples(tables),
        "findings_one": findings.findings_by_theme(tables, iid),
        "findings_all": findings.findings_by_theme(tables),
        "theme_grid": themes.theme_grid(tables, [iid]),
        "gap_over_time": corpus.gap_over_time(tables),
        "theme_recurrence": corpus.theme_recurrence_chart(tables),
        "gap_strip": corpus.gap_strip(tables, iid),
    }
    for aspect in funnel_aspects(tables):
        made[f"funnel {aspect}"] = funnels.funnel_plot(tables, aspect, highlight=iid)
    return made


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    import sys

    from conftest import ROOT

    from sqs_analysis import load

    sys.path.insert(0, str(ROOT / "benchmarks"))
    import synth

    raw = tmp_path_factory.mktemp("synthetic")
    synth.generate(8, raw)
    return load(raw)


@pytest.mark.parametrize("which", ["seeds", "synthetic"])
def test_every_chart_fits_the_text_width_with_a_short_title(which, seed_tables, synthetic):
    tables = seed_tables if which == "seeds" else synthetic
    for name, chart in _charts(tables).items():
        width = chart.figure.get_size_inches()[0]
        if name != "theme_grid":  # the grid's width follows its columns
            assert width == base.CHART_WIDTH, name
        assert _title_lines(chart) <= 2, (name, chart.title)


def test_a_long_title_is_counted_as_more_lines(seed_tables):
    chart = rates.rate_vs_average(seed_tables, SH)
    base.title_left(chart.figure.axes[0], "a very long title " * 20)
    assert _title_lines(chart) > 2
    assert not chart.figure._suptitle.get_wrap()  # wrapped when set, so its height is known
