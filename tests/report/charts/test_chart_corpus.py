"""Corpus charts: the gap strip, gaps over time and theme recurrence."""

from __future__ import annotations

from corpus_tables import IDS, corpus

from sqs_analysis.report.charts import corpus as charts


def test_gap_strip_highlights_the_area():
    chart = charts.gap_strip(corpus(), IDS[0])
    assert chart.title == "Area 0's reoffending gap among 4 inspections"
    assert chart.alt_text == (
        "Strip of 4 reoffending gaps from -2.5 to +9.1 points; Area 0 is at +4.0, the joint 2nd "
        "largest gap above average of 4 inspections with a stated gap."
    )
    # This area first (a page cut to its first rows still shows it), then by gap.
    assert chart.data["Area"].tolist() == ["Area 0", "Area 3", "Area 2", "Area 1"]
    assert chart.data["This area"].tolist() == ["this area", "", "", ""]
    assert chart.data["Gap (points)"].tolist()[-1] == "\u22122.5 points"
    unknown = charts.gap_strip(corpus(), IDS[4])
    assert "does not state this area's gap" in unknown.alt_text


def test_gap_over_time_by_nation():
    chart = charts.gap_over_time(corpus())
    assert chart.data["nation"].fillna("-").tolist() == ["England", "Wales", "England", "-"]
    labels = [t.get_text() for t in chart.figure.legends[0].get_texts()]
    assert labels == ["England (2)", "Wales (1)", "nation not shown in the report (1)"]
    assert chart.alt_text.startswith(
        "Scatter of 4 inspections published from January 2016 to April 2016; 3 above"
    )


def test_theme_recurrence_chart():
    chart = charts.theme_recurrence_chart(corpus())
    assert chart.title == "Management oversight is the most common area for improvement (3 of 4)"
    assert "Management oversight: 0 as a strength, 3 as an improvement" in chart.alt_text
    assert "Planning: 1 as a strength, 2 as an improvement" in chart.alt_text
