"""Rate charts on the seed reports: the gap in the title, each rate with its own average."""

from __future__ import annotations

import types

import pandas as pd
import pytest
from conftest import SH, SO

from sqs_analysis.report.charts import rates


@pytest.fixture(scope="module")
def seeds(seed_tables):
    return seed_tables


def test_rate_vs_average_states_the_gap(seeds):
    chart = rates.rate_vs_average(seeds, SH)
    assert chart.title == (
        "St Helens' reoffending rate was 10.1 points above its cohort's England and Wales average"
    )
    assert chart.data["percent"].tolist() == [46.2, 36.1]
    assert "46.2%" in chart.alt_text and "36.1%" in chart.alt_text
    assert "April 2012 to March 2013" in chart.alt_text
    somerset = rates.rate_vs_average(seeds, SO)
    assert somerset.title == (
        "Somerset's reoffending rate was 5.5 points below its cohort's England and Wales average"
    )
    assert somerset.data["percent"].tolist() == [32.3, 37.8]


def test_rate_vs_average_copes_with_missing_rate(seeds):
    ins = seeds.inspections.copy()
    ins.loc[ins["inspection_id"] == SH, "reoffending_rate_pct"] = pd.NA
    chart = rates.rate_vs_average(types.SimpleNamespace(inspections=ins), SH)
    assert "not stated" in chart.title
    assert chart.data["percent"].isna().tolist() == [True, False]


def test_rate_gaps_are_against_each_cohort(seeds):
    chart = rates.rate_gaps(seeds)
    assert chart.title == (
        "St Helens 10.1 points above; Somerset 5.5 points below their cohorts' England and Wales "
        "averages"
    )
    d = chart.data
    assert d["inspection_id"].tolist() == [SH, SO]  # largest gap first
    assert d["gap_pct_points"].tolist() == [10.1, -5.5]
    assert d["ew_average_pct"].tolist() == [36.1, 37.8]  # every rate travels with its average
    assert "+10.1 points" in chart.alt_text and "\u22125.5 points" in chart.alt_text
