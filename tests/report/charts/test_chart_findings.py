"""Findings by theme, a row per finding: ranking, order and intervals."""

from __future__ import annotations

import types

import pandas as pd
import pytest
from conftest import SH, SO, synthetic_findings

from sqs_analysis.report.charts import findings


@pytest.fixture(scope="module")
def seeds(seed_tables):
    return seed_tables


def test_findings_by_theme_synthetic():
    tables = types.SimpleNamespace(
        inspections=pd.DataFrame({"inspection_id": [SH]}), findings=synthetic_findings()
    )
    chart = findings.findings_by_theme(tables, SH)
    assert chart.title == (
        "Ensuring the sentence is served scored best (93% of cases met the standard on average); "
        "protecting the public worst (64%)"
    )
    assert chart.data["paragraph_id"].tolist() == ["2.4", "3.2", "4.3"]  # report theme order
    assert chart.data["cases_met"].tolist() == [7, 6, 13]
    assert "7 of 11 cases (64%), 95% interval 35% to 85%" in chart.alt_text


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
