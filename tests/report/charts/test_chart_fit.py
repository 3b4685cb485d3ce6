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
        "theme_grid_all": themes.theme_grid(tables),
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
        assert chart.figure.get_size_inches()[0] == base.CHART_WIDTH, name
        assert chart.figure.get_size_inches()[1] <= base.MAX_HEIGHT, name
        assert _title_lines(chart) <= 2, (name, chart.title)


def test_a_long_title_is_counted_as_more_lines(seed_tables):
    chart = rates.rate_vs_average(seed_tables, SH)
    base.title_left(chart.figure.axes[0], "a very long title " * 20)
    assert _title_lines(chart) > 2
    assert not chart.figure._suptitle.get_wrap()  # wrapped when set, so its height is known


#: Two screens of chart, inches: the tallest any chart may be, however many inspections.
TWO_SCREENS = base.MAX_HEIGHT


def many(seed_tables, copies: int):
    """The seeds' inspections and judgement themes ``copies`` times over, under new ids."""
    import dataclasses

    import pandas as pd

    ins, jt = [], []
    for k in range(copies):
        tag = f"-{k:03d}"
        i = seed_tables.inspections.copy()
        i["area"] = i["area"] + tag
        gap = i["rate_gap_pct_points"] + (k % 7) - 3
        i = i.assign(inspection_id=i["inspection_id"] + tag, rate_gap_pct_points=gap)
        i["reoffending_rate_pct"] = i["ew_average_pct"] + gap
        i["cases_examined"] = i["cases_examined"] + k % 11
        ins.append(i)
        jt.append(seed_tables.judgement_themes.assign(
            inspection_id=seed_tables.judgement_themes["inspection_id"] + tag))  # fmt: skip
    return dataclasses.replace(
        seed_tables, inspections=pd.concat(ins, ignore_index=True),
        judgement_themes=pd.concat(jt, ignore_index=True),
    )  # fmt: skip


@pytest.mark.parametrize("copies", [10, 75])  # 20 inspections (a row each), and 150
def test_charts_of_many_inspections_stay_within_two_screens(seed_tables, copies):
    tables = many(seed_tables, copies)
    for chart in (rates.rate_gaps(tables), samples.case_samples(tables),
                  themes.theme_grid(tables), corpus.theme_recurrence_chart(tables)):  # fmt: skip
        width, height = chart.figure.get_size_inches()
        assert width == base.CHART_WIDTH and height <= TWO_SCREENS, (chart.title, height)
        assert _title_lines(chart) <= 2, chart.title
        assert len(chart.alt_text) < 4000, chart.title  # no alt text reads out 150 rows
        assert len(chart.to_bytes("svg")) < 80_000, chart.title


def test_many_gaps_are_a_distribution_with_the_ends_named(seed_tables):
    tables = many(seed_tables, 75)
    chart = rates.rate_gaps(tables)
    assert len(chart.data) == 150  # the chart's data still has every service
    assert chart.title == (
        "75 of 150 services had reoffending above their cohort's England and Wales average, 75 "
        "below"
    )
    texts = [t.get_text() for t in chart.figure.axes[0].texts]
    assert any(t.startswith("Highest:\nSt Helens-") for t in texts)
    assert any(t.startswith("Lowest:\nSomerset-") for t in texts)
    assert "Highest: St Helens-" in chart.alt_text and "The data table lists the services" in (
        chart.alt_text
    )
    bars = sum(c.datavalues.sum() for c in chart.figure.axes[0].containers)
    assert bars == 150  # every gap is in one bar
    samples_chart = samples.case_samples(tables)
    assert sum(c.datavalues.sum() for c in samples_chart.figure.axes[0].containers) == 150
    assert "Fewest: St Helens-000: 14" in samples_chart.alt_text
