"""Findings by theme for many inspections: one dot per inspection and theme."""

from __future__ import annotations

import types

import pandas as pd
from conftest import synthetic_findings

from sqs_analysis.report.charts import findings


def test_findings_by_theme_summarises_many_inspections():
    """Five inspections: one dot per inspection and theme, not one row per finding."""
    ids = [f"area-{k}-2016-01" for k in range(5)]
    frames = []
    for k, iid in enumerate(ids):
        f = synthetic_findings().assign(inspection_id=iid)
        f.loc[0, ["numerator", "proportion"]] = [k + 5, (k + 5) / 11]
        frames.append(f)
    tables = types.SimpleNamespace(
        inspections=pd.DataFrame({"inspection_id": ids}), findings=pd.concat(frames)
    )
    chart = findings.findings_by_theme(tables)
    assert chart.title == (
        "Ensuring the sentence is served scored best (93% of cases met the standard on average); "
        "protecting the public worst (64%)"
    )
    d = chart.data
    assert list(d.columns) == [
        "section", "inspection_id", "findings", "counted_findings", "mean_share_met",
    ]  # fmt: skip
    assert len(d) == 15 and d["section"].iloc[0] == "protecting_the_public"
    public = d[d["section"] == "protecting_the_public"]
    assert public["mean_share_met"].tolist() == [round((k + 5) / 11, 3) for k in range(5)]
    child = d[d["section"] == "protecting_the_child"]
    assert child["mean_share_met"].tolist() == [0.75] * 5  # 2 of 8 not met: 6 of 8 met
    assert (d["findings"] == 1).all() and (d["counted_findings"] == 1).all()
    assert "Protecting the public: 5 inspections, averages from 45% to 82%" in chart.alt_text
    assert chart.figure.get_size_inches()[1] < 5  # does not grow with the number of findings
    detailed = findings.findings_by_theme(tables, detail=True)
    assert len(detailed.data) == 15 and "quote" in detailed.data
    assert findings.findings_by_theme(tables, ids[:4]).data["quote"].notna().all()
