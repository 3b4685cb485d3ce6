"""Counted findings by theme: each finding as the share of cases meeting the standard.

Up to :data:`~.base.DETAIL_MAX_INSPECTIONS` inspections every finding gets a row, with its
95% Wilson interval (counted findings) or its stated range (worded ones such as "just over
half"); above that the chart summarises per inspection and theme (:mod:`.findings_overview`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.lines import Line2D

from sqs_analysis.report.charts.base import (
    CHART_WIDTH,
    DETAIL_MAX_INSPECTIONS,
    MARKERS,
    MAX_HEIGHT,
    OKABE_ITO,
    Chart,
    empty_chart,
    legend_below,
    marker_handle,
    new_figure,
    title_left,
)
from sqs_analysis.report.charts.findings_overview import findings_overview
from sqs_analysis.report.formatting import THEME_LABELS, is_missing, theme_label
from sqs_analysis.report.selection import (
    SectionScore,
    findings_met,
    section_scores,
    select_inspections,
    strongest_and_weakest,
)

if TYPE_CHECKING:  # pragma: no cover - typing only
    from sqs_analysis.tables.pipeline import Tables

_COLOURS = [OKABE_ITO[c] for c in ("blue", "vermillion", "green", "purple", "orange")]


def findings_data(tables: Tables, inspection_ids: Iterable[str] | None = None) -> pd.DataFrame:
    """Quantified findings as the share of cases meeting the standard, ordered by theme."""
    ids = select_inspections(tables, inspection_ids)["inspection_id"].tolist()
    f = tables.findings
    if f.empty:
        return findings_met(pd.DataFrame())
    met = findings_met(f[f["inspection_id"].isin(ids)])
    if met.empty:
        return met
    order = {k: i for i, k in enumerate(THEME_LABELS)}
    met = met.assign(_o=met["section"].map(order).fillna(99))
    met = met.sort_values(["_o", "inspection_id", "paragraph_id"]).drop(columns="_o")
    return met.reset_index(drop=True)


def _count_text(r: object) -> str:
    """``7 of 9``, or ``3 of 20 fell short`` for a finding stated as a shortfall."""
    if is_missing(r.cases_met):
        return ""
    den = int(r.denominator)
    if r.verdict == "not_met":
        return f": {den - int(r.cases_met)} of {den} fell short"
    return f": {int(r.cases_met)} of {den}"


def _finding_label(r: object, with_id: bool) -> str:
    """``Protecting the public, 2.3, review: 7 of 9`` (the count only when the report gives one).

    The paragraph number never stands alone: the theme's name comes first.
    """
    para = "" if r.paragraph_id == "operational-management" else f", {r.paragraph_id}"
    aspect = "" if is_missing(r.aspect) else f", {r.aspect}"
    who = f"\n[{r.inspection_id}]" if with_id else ""  # its own line: labels stay short
    return f"{theme_label(r.section)}{para}{aspect}{_count_text(r)}{who}"


def _findings_title(scores: list[SectionScore]) -> str:
    """The strongest and weakest theme when the counted evidence allows it, else a plain title."""
    pair = strongest_and_weakest(scores)
    if pair is None:
        return "Quantified findings by theme (too few counted findings to rank the themes)"
    best, worst = pair
    return (
        f"{theme_label(best.section)} strongest ({best.counted.share:.0%} of counted cases met "
        f"the standard); {theme_label(worst.section).lower()} weakest "
        f"({worst.counted.share:.0%})"
    )


def _draw_finding(ax: Axes, yi: float, r: object, colour: str, marker: str) -> None:
    """One finding: its interval as whiskers, its range as a band, its share as a dot."""
    counted = not is_missing(r.cases_met)
    if not (is_missing(r.ci_low) or is_missing(r.ci_high)):
        ax.hlines(yi, r.ci_low, r.ci_high, color="black", linewidth=1)
        ax.vlines([r.ci_low, r.ci_high], yi - 0.15, yi + 0.15, color="black", linewidth=1)
    if not counted and not (is_missing(r.range_low) or is_missing(r.range_high)):
        ax.hlines(yi, r.range_low, r.range_high, color=colour, linewidth=7, alpha=0.4)
    ax.plot(
        r.share_met,
        yi,
        marker=marker,
        color=colour,
        markerfacecolor=colour if counted else "white",
        markeredgecolor="black",
        markersize=7,
        linestyle="none",
    )


def _draw_findings(
    ax: Axes, data: pd.DataFrame, colour: dict[str, str], marker: dict[str, str]
) -> None:
    """A row per finding, labelled, with a dashed rule between themes."""
    n = len(data)
    y = np.arange(n)[::-1]
    for yi, r in zip(y, data.itertuples(), strict=True):
        iid = str(r.inspection_id)
        _draw_finding(ax, yi, r, colour[iid], marker[iid])
    ax.set_yticks(y, [_finding_label(r, len(colour) > 1) for r in data.itertuples()], fontsize=8)
    # Separate the themes with a rule so each group reads as one block.
    themes = data["section"].astype(str).tolist()
    for k in range(1, n):
        if themes[k] != themes[k - 1]:
            ax.axhline(y[k] + 0.5, color="#999999", linewidth=0.8, linestyle="--")
    ax.set_xlim(-0.02, 1.02)
    ax.set_ylim(-0.7, n - 0.3)
    ax.xaxis.set_major_formatter(mpl.ticker.PercentFormatter(1.0))
    ax.set_xlabel("Share of applicable cases meeting the standard", fontsize=9)


def _findings_handles(colour: dict[str, str], marker: dict[str, str]) -> list[Line2D]:
    """Legend: counted versus worded findings, then each inspection's marker when several."""
    handles = [
        Line2D([], [], marker="o", color="black", markerfacecolor="#555555", linestyle="-",
               linewidth=1, label="counted (x of y), with 95% Wilson interval"),
        Line2D([], [], marker="o", color="#999999", markerfacecolor="white",
               markeredgecolor="black", linewidth=7, alpha=0.7,
               label="worded (e.g. 'just over half'): range and its midpoint"),
    ]  # fmt: skip
    if len(colour) > 1:
        handles += [marker_handle(marker[i], colour[i], f"{i} (marker shape)") for i in colour]
    return handles


def _finding_alt_part(r: object) -> str:
    if not is_missing(r.cases_met):
        den, met = int(r.denominator), int(r.cases_met)
        if r.verdict == "not_met":  # said as the report says it
            what = f"{den - met} of {den} cases fell short (drawn at the other {r.share_met:.0%})"
        else:
            what = f"{met} of {den} cases ({r.share_met:.0%})"
        if not is_missing(r.ci_low):
            what += f", 95% interval {float(r.ci_low):.0%} to {float(r.ci_high):.0%}"
    else:
        what = f"between {float(r.range_low):.0%} and {float(r.range_high):.0%} ({r.quote!s})"
    return f"{r.inspection_id} paragraph {r.paragraph_id} ({r.aspect}): {what}"


def _detail_height(findings: int, inspections: int) -> float:
    """A row per finding: two-line labels when the inspections' ids are shown."""
    return 2.0 + (0.5 if inspections > 1 else 0.36) * findings


def _findings_detail(data: pd.DataFrame, inspections: list[str], title: str) -> Chart:
    """A row per finding: colour and marker shape tell the inspections apart."""
    marker = {i: MARKERS[k % len(MARKERS)] for k, i in enumerate(inspections)}
    colour = {i: _COLOURS[k % len(_COLOURS)] for k, i in enumerate(inspections)}
    fig, ax = new_figure(CHART_WIDTH, _detail_height(len(data), len(inspections)))
    _draw_findings(ax, data, colour, marker)
    legend_below(fig, _findings_handles(colour, marker))
    title_left(ax, title)
    ax.grid(axis="y", visible=False)
    alt = (
        f"Dot chart of {len(data)} quantified findings, grouped by theme, as the share of cases "
        "meeting the standard. " + "; ".join(_finding_alt_part(r) for r in data.itertuples()) + "."
    )
    return Chart(fig, data, alt, title)


def findings_by_theme(
    tables: Tables, inspection_ids: Iterable[str] | str | None = None, detail: bool | None = None
) -> Chart:
    """Each counted finding as a proportion of cases, with its stated range and Wilson interval.

    ``detail=False`` (the default above :data:`DETAIL_MAX_INSPECTIONS` inspections, or when a
    row per finding would be taller than :data:`MAX_HEIGHT`) summarises instead: each
    inspection's average share met per theme, so the chart stays readable.
    """
    if isinstance(inspection_ids, str):
        inspection_ids = [inspection_ids]
    ids = list(inspection_ids) if inspection_ids is not None else None
    data = findings_data(tables, ids)
    if data.empty:
        return empty_chart(
            "No quantified findings to chart",
            "No finding states a count or proportion of cases.",
            list(data.columns),
        )
    judged = tables.findings[tables.findings["inspection_id"].isin(data["inspection_id"])]
    scores = section_scores(judged)
    title = _findings_title(scores)
    inspections = list(dict.fromkeys(data["inspection_id"].astype(str)))
    if detail is None:
        detail = len(inspections) <= DETAIL_MAX_INSPECTIONS and (
            _detail_height(len(data), len(inspections)) <= MAX_HEIGHT
        )
    if not detail:
        return findings_overview(data, judged, scores, title)
    return _findings_detail(data, inspections, title)
