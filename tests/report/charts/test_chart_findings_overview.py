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
    # Five counted findings per theme: 35/55 (public) against 65/70 (served), clearly apart.
    assert chart.title == (
        "Ensuring the sentence is served strongest (93% of counted cases met the standard); "
        "protecting the public weakest (64%)"
    )
    d = chart.data
    assert list(d.columns) == [
        "section", "inspection_id", "findings", "counted_findings", "cases_met", "cases",
        "pooled_share_met",
    ]  # fmt: skip
    assert len(d) == 15 and d["section"].iloc[0] == "protecting_the_public"
    public = d[d["section"] == "protecting_the_public"]
    assert public["pooled_share_met"].tolist() == [round((k + 5) / 11, 3) for k in range(5)]
    # "In two cases" fell short: a shortfall is not pooled as "6 of 8 met".
    child = d[d["section"] == "protecting_the_child"]
    assert child["counted_findings"].tolist() == [0] * 5
    assert child["pooled_share_met"].isna().all()
    assert (d["findings"] == 1).all()
    assert (
        "Protecting the public: 5 inspections with counted findings, from 45% to 82%, 64% "
        "pooled over all of them" in chart.alt_text
    )
    assert (
        "Protecting the child or young person: no counted finding met the standard, none pooled"
        in chart.alt_text
    )
    assert chart.figure.get_size_inches()[1] < 5  # does not grow with the number of findings
    detailed = findings.findings_by_theme(tables, detail=True)
    assert len(detailed.data) == 15 and "quote" in detailed.data
    assert findings.findings_by_theme(tables, ids[:4]).data["quote"].notna().all()
