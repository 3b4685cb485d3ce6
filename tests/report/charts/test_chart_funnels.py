"""Funnel plots: the points are the counted findings, the limits exact, the words the same."""

from __future__ import annotations

from corpus_tables import IDS, corpus

from sqs_analysis.report.charts import funnels
from sqs_analysis.report.funnel import funnel_limits


def test_funnel_plot_draws_counted_findings():
    chart = funnels.funnel_plot(corpus(), "planning", highlight=IDS[2])
    assert chart.title == ("Planning: 2 of 4 counted findings outside the 95% limits around 69%")
    assert chart.data["cases"].tolist() == [11, 12, 12, 16]
    assert chart.alt_text == (
        "Funnel plot for planning: 4 counted findings from 4 inspections; pooled share 69% "
        "(35 of 51 cases); 2 inside the 95% limits, 1 above the 95% limit, 1 below the 99.8% "
        "limit."
    )
    # The limits in the data are the exact ones at each finding's size.
    row = chart.data.iloc[0]
    lim = funnel_limits(35 / 51, 11)
    assert (row["low_95"], row["high_95"]) == (lim.low_95, lim.high_95)
    # Every point drawn is a counted finding: 4 points in the position groups, 1 ring.
    ax = chart.figure.axes[0]
    drawn = sum(len(line.get_xdata()) for line in ax.get_lines() if line.get_linestyle() == "None")
    assert drawn == 4 + 1


def test_funnel_plots_list_worded_and_shortfalls_separately():
    section = funnels.funnel_plots(corpus())
    charts, rest = section.parts[:-1], section.parts[-1]
    assert [c.title.split(":")[0] for c in charts] == ["Planning"]
    assert rest.frame["as_stated"].tolist() == [
        "\u201cjust over half\u201d met the standard: 50% to 60% of cases",
        "3 of 20 cases fell short (\u201cIn three cases\u201d)",
    ]
    html = section._repr_html_()
    assert html.count('<figure class="sqs-chart">') == 1 and "fell short" in html


def test_no_funnel_with_too_few_inspections():
    section = funnels.funnel_plots(corpus(2))
    assert len(section.parts) == 1  # only the table of worded findings
    empty = funnels.funnel_plot(corpus(), "review")
    assert empty.data.empty and "No counted findings on review." in empty.alt_text


def test_the_worded_findings_of_a_comparison_name_their_inspection_even_when_one():
    rest = funnels.funnel_plots(corpus()).parts[-1]
    assert set(rest.frame["inspection_id"]) == {IDS[4]}
    html = rest._repr_html_()
    assert "<th>Inspection</th>" in html and f"<td>{IDS[4]}</td>" in html
    assert "<th>As the report states it</th>" in html and "as_stated" not in html
