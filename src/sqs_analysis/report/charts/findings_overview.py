"""Counted findings of many inspections: one dot per inspection and theme, and each theme's pool.

A row per finding stops being readable past a handful of inspections, so this summary keeps
one row per theme: each inspection's pooled share of counted cases meeting the standard, spread
at fixed offsets (never random, so the chart is the same on every run), and the theme's pooled
share over all counted findings. Worded findings have no count and are not averaged in.
"""

from __future__ import annotations

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.lines import Line2D

from sqs_analysis.report import evidence
from sqs_analysis.report.charts.base import (
    CHART_WIDTH,
    OKABE_ITO,
    Chart,
    legend_below,
    marker_handle,
    new_figure,
    title_left,
)
from sqs_analysis.report.formatting import THEME_LABELS, count_noun, theme_label
from sqs_analysis.report.selection import SectionScore


def findings_overview_data(data: pd.DataFrame, findings: pd.DataFrame) -> pd.DataFrame:
    """Per theme and inspection: how many judged findings, and the pooled counted share met.

    ``data`` is the charted findings (:func:`~sqs_analysis.report.selection.findings_met`),
    ``findings`` the same inspections' rows of the findings table. The share pools counted
    findings that the standard was met (cases over cases); worded ones are counted, not averaged.
    """
    counts = data.groupby(["section", "inspection_id"], sort=False).size().rename("findings")
    counted = evidence.counted_met(findings)
    sums = counted.groupby(["section", "inspection_id"], sort=False).agg(
        counted_findings=("cases", "size"), cases_met=("cases_met", "sum"), cases=("cases", "sum")
    )
    out = pd.concat([counts, sums], axis=1).reset_index()
    out["counted_findings"] = out["counted_findings"].fillna(0).astype(int)
    for col in ("cases_met", "cases"):
        out[col] = pd.array(out[col], dtype="Int64")
    out["pooled_share_met"] = (out["cases_met"] / out["cases"]).astype("Float64").round(3)
    out["findings"] = out["findings"].fillna(0).astype(int)
    order = {k: i for i, k in enumerate(THEME_LABELS)}
    out = out.assign(_o=out["section"].map(order).fillna(99))
    return out.sort_values(["_o", "inspection_id"]).drop(columns="_o").reset_index(drop=True)


def _draw_overview(
    ax: Axes, summary: pd.DataFrame, themes: list[str], mean_of: dict[str, float]
) -> None:
    """Per theme: the inspections' averages as small dots, the theme's average as a diamond."""
    y_of = {t: len(themes) - 1 - k for k, t in enumerate(themes)}
    for theme, g in summary.groupby("section", sort=False):
        y = y_of[theme]
        # A fixed spread (not random) so the chart is the same on every run.
        offsets = np.linspace(-0.22, 0.22, len(g)) if len(g) > 1 else np.zeros(1)
        ax.plot(
            g["pooled_share_met"].astype(float),
            y + offsets,
            marker="o",
            markersize=4,
            color=OKABE_ITO["sky"],
            markeredgecolor="black",
            markeredgewidth=0.4,
            linestyle="none",
        )
        if theme in mean_of:
            ax.plot(mean_of[theme], y, marker="D", markersize=9, color="black", linestyle="none")
    ax.set_yticks(
        [y_of[t] for t in themes],
        [f"{theme_label(t)} ({count_noun(int((summary['section'] == t).sum()), 'inspection')})"
         for t in themes],
        fontsize=8,
    )  # fmt: skip
    ax.set_xlim(-0.02, 1.02)
    ax.set_ylim(-0.6, len(themes) - 0.4)
    ax.xaxis.set_major_formatter(mpl.ticker.PercentFormatter(1.0))
    ax.set_xlabel("Share of counted cases meeting the standard (pooled)", fontsize=9)
    ax.grid(axis="y", visible=False)


def _overview_alt(summary: pd.DataFrame, mean_of: dict[str, float]) -> str:
    parts = []
    for theme in dict.fromkeys(summary["section"]):
        rows = summary[(summary["section"] == theme) & summary["cases"].fillna(0).gt(0)]
        g = (rows["cases_met"] / rows["cases"]).astype(float)
        if g.empty or theme not in mean_of:
            parts.append(f"{theme_label(theme)}: no counted finding met the standard, none pooled")
            continue
        parts.append(
            f"{theme_label(theme)}: {count_noun(len(g), 'inspection')} with counted findings, "
            f"from {g.min():.0%} to {g.max():.0%}, {mean_of[theme]:.0%} pooled over all of them"
        )
    n_ids = summary["inspection_id"].nunique()
    return (
        f"Dot chart of the judged findings of {count_noun(n_ids, 'inspection')}, summarised per "
        "theme as each inspection's pooled share of counted cases meeting the standard. "
        + "; ".join(parts)
        + "."
    )


def findings_overview(
    data: pd.DataFrame, findings: pd.DataFrame, scores: list[SectionScore], title: str
) -> Chart:
    """One dot per inspection and theme (its pooled counted share) and each theme's pooled share."""
    summary = findings_overview_data(data, findings)
    themes = list(dict.fromkeys(summary["section"]))
    mean_of = {s.section: s.counted.share for s in scores if s.counted is not None}
    fig, ax = new_figure(CHART_WIDTH, 1.6 + 0.55 * len(themes))
    _draw_overview(ax, summary, themes, mean_of)
    handles = [
        marker_handle("o", OKABE_ITO["sky"], "one inspection (its counted cases, pooled)"),
        Line2D([], [], marker="D", color="black", linestyle="none",
               label="all counted cases in the theme, pooled"),
    ]  # fmt: skip
    legend_below(fig, handles)
    title_left(ax, title)
    return Chart(fig, summary, _overview_alt(summary, mean_of), title)
