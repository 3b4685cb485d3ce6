"""The cases-examined chart on the seed reports."""

from __future__ import annotations

import pytest
from conftest import SO

from sqs_analysis.report.charts import samples


@pytest.fixture(scope="module")
def seeds(seed_tables):
    return seed_tables


def test_case_samples(seeds):
    chart = samples.case_samples(seeds)
    assert chart.title == ("Inspectors examined between 14 and 20 cases per service: small samples")
    assert dict(zip(chart.data["area"], chart.data["cases_examined"], strict=True)) == {
        "St Helens": 14,
        "Somerset": 20,
    }
    assert "St Helens: 14" in chart.alt_text and "Somerset: 20" in chart.alt_text
    assert samples.case_samples(seeds, [SO]).title == "Inspectors examined 20 cases in Somerset"
