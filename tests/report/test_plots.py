"""The ``plots`` facade: every chart a notebook draws, each the chart module's own function."""

from __future__ import annotations

import importlib

import pytest
from test_narrative import called

from sqs_analysis.report import plots


def test_notebooks_call_only_what_the_facade_exports():
    used = called("plots")
    assert used == {"rate_vs_average", "rate_gaps", "case_samples", "findings_by_theme",
                    "theme_grid", "funnel_plots", "gap_over_time",
                    "theme_recurrence_chart", "chart_data"}  # fmt: skip
    assert used <= set(plots.__all__)


@pytest.mark.parametrize("name", plots.__all__)
def test_each_name_is_its_module_s_own_object(name):
    obj = getattr(plots, name)
    home = getattr(obj, "__module__", None)
    if home is not None and home.startswith("sqs_analysis.report."):
        assert home.startswith("sqs_analysis.report.charts.")
        assert getattr(importlib.import_module(home), name) is obj
