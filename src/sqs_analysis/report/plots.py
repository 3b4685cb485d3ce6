"""The charts a notebook shows: a deliberate facade over :mod:`sqs_analysis.report.charts`.

Why a facade: a notebook cell reads ``plots.rate_gaps(tables)`` whichever chart family module
draws it, so charts can move between :mod:`.charts.rates`, :mod:`.charts.samples`,
:mod:`.charts.findings`, :mod:`.charts.findings_overview`, :mod:`.charts.funnels`,
:mod:`.charts.corpus` and :mod:`.charts.themes` (with the
shared :class:`Chart` in :mod:`.charts.base`) without editing a notebook. Library code and
tests import the chart modules themselves. Nothing is defined here.
"""

from __future__ import annotations

from sqs_analysis.report.charts.base import (
    DETAIL_MAX_INSPECTIONS,
    DETERMINISTIC_RC,
    MARKERS,
    OKABE_ITO,
    Chart,
    chart_data,
)
from sqs_analysis.report.charts.corpus import gap_over_time, gap_strip, theme_recurrence_chart
from sqs_analysis.report.charts.findings import findings_by_theme, findings_data
from sqs_analysis.report.charts.findings_overview import findings_overview_data
from sqs_analysis.report.charts.funnels import funnel_plot, funnel_plots, worded_findings
from sqs_analysis.report.charts.rates import gap_data, possessive_title, rate_gaps, rate_vs_average
from sqs_analysis.report.charts.samples import case_samples, sample_data
from sqs_analysis.report.charts.themes import theme_grid, theme_grid_data

__all__ = [
    "DETAIL_MAX_INSPECTIONS",
    "DETERMINISTIC_RC",
    "MARKERS",
    "OKABE_ITO",
    "Chart",
    "case_samples",
    "chart_data",
    "findings_by_theme",
    "findings_data",
    "findings_overview_data",
    "funnel_plot",
    "funnel_plots",
    "gap_data",
    "gap_over_time",
    "gap_strip",
    "possessive_title",
    "rate_gaps",
    "rate_vs_average",
    "sample_data",
    "theme_grid",
    "theme_grid_data",
    "theme_recurrence_chart",
    "worded_findings",
]
