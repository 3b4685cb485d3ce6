"""Findings by theme, a row per finding: ranking, order and intervals."""

from __future__ import annotations

import types

import pandas as pd
import pytest
from conftest import SH, SO, ranked_findings, synthetic_findings

from sqs_analysis.report.charts import findings


@pytest.fixture(scope="module")
def seeds(seed_tables):
    return seed_tables


def test_findings_by_theme_synthetic():
    tables = types.SimpleNamespace(
        inspections=pd.DataFrame({"inspection_id": [SH]}), findings=synthetic_findings()
    )
    chart = findings.findings_by_theme(tables, SH)
    # One counted finding per theme is too thin to rank: the title claims nothing.
    assert chart.title == (
        "Quantified findings by theme (too few counted findings to rank the themes)"
    )
    assert chart.data["paragraph_id"].tolist() == ["2.4", "3.2", "4.3"]  # report theme order
    assert chart.data["cases_met"].tolist() == [7, 6, 13]
    assert "7 of 11 cases (64%), 95% interval 35% to 85%" in chart.alt_text
    # "In two cases" (not met) is said as the report says it, not as "6 of 8 met".
    assert "2 of 8 cases fell short (drawn at the other 75%)" in chart.alt_text
    labels = [t.get_text() for t in chart.figure.axes[0].get_yticklabels()]
    assert "Protecting the child or young person, 3.2, assessment: 2 of 8 fell short" in labels


def test_findings_title_ranks_on_enough_counted_evidence():
    tables = types.SimpleNamespace(
        inspections=pd.DataFrame({"inspection_id": [SH]}), findings=ranked_findings()
    )
    chart = findings.findings_by_theme(tables, SH)
    assert chart.title == (
        "Ensuring the sentence is served strongest (93% of counted cases met the standard); "
        "protecting the public weakest (45%)"
    )


def test_findings_by_theme_seeds(seeds):
    chart = findings.findings_by_theme(seeds, SO)
    d = chart.data
    assert not d.empty and set(d["inspection_id"]) == {SO}
    row = d[(d["paragraph_id"] == "2.3") & (d["denominator"] == 9)].iloc[0]
    assert row["cases_met"] == 7
    assert row["ci_low"] < row["share_met"] < row["ci_high"]
    assert "paragraph 2.3" in chart.alt_text
    both = findings.findings_by_theme(seeds)
    assert set(both.data["inspection_id"]) == {SH, SO}
