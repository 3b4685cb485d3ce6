"""Selecting inspections and restating findings as the share of cases met."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import SH, SO, synthetic_findings

from sqs_analysis.errors import UnknownInspection
from sqs_analysis.report import selection


@pytest.fixture(scope="module")
def seeds(seed_tables):
    return seed_tables


def test_findings_met_flips_not_met_and_uses_range_midpoints():
    f = synthetic_findings()
    worded = f.iloc[[0]].assign(
        proportion=float("nan"), proportion_low=0.5, proportion_high=0.6, numerator=pd.NA,
        ci_low=float("nan"), ci_high=float("nan"),
    )  # fmt: skip
    met = selection.findings_met(pd.concat([f, worded], ignore_index=True))
    flipped = met[met["paragraph_id"] == "3.2"].iloc[0]
    assert flipped["share_met"] == pytest.approx(0.75)
    assert flipped["cases_met"] == 6
    assert (flipped["ci_low"], flipped["ci_high"]) == pytest.approx((0.41, 0.93))
    assert met.iloc[-1]["share_met"] == pytest.approx(0.55)
    assert pd.isna(met.iloc[-1]["cases_met"])


def test_unknown_inspection_lists_known_ids(seeds):
    with pytest.raises(UnknownInspection) as err:
        selection.require_inspection(seeds, "nowhere-2020-01")
    assert SH in str(err.value) and SO in str(err.value)
    with pytest.raises(LookupError):
        selection.select_inspections(seeds, [SH, "nowhere-2020-01"])
