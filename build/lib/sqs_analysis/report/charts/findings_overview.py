"""Counted findings of many inspections: one dot per inspection and theme, and each theme's mean.

A row per finding stops being readable past a handful of inspections, so this summary keeps
one row per theme: each inspection's average share met, spread at fixed offsets (never
random, so the chart is the same on every run), and the theme's average over all findings.
"""

from __future__ import annotations

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.lines import Line2D

from sqs_analysis.report.charts.base import (
    OKABE_ITO,
    Chart,
    legend_below,
    marker_handle,
    new_figure,
    title_left,
)
from sqs_analysis.report.formatting import THEME_LABELS, count_noun, theme_label
from sqs_analysis.report.selection import SectionScore


def findings_overview_data(data: pd.DataFrame) -> pd.DataFrame:
    """Per theme and inspection: how many findings, how many counted, the average share met."""
    grouped = data.assign(counted=data["cases_met"].notna()).groupby(
        ["section", "inspection_id"], sort=False, observed=True
    )
    out = grouped.agg(
        findings=("share_met", "size"),
        counted_findings=("counted", "sum"),
        mean_share_met=("share_met", "mean"),
    ).reset_index()
    order = {k: i for i, k in enumerate(THEME_LABELS)}
    out = out.assign(_o=out["section"].map(order).fillna(99))
    out = out.sort_values(["_o", "inspection_id"]).drop(columns="_o").reset_index(drop=True)
    out["counted_findings"] = out["counted_findings"].astype(int)
    out["mean_share_met"] = out["mean_share_met"].astype(float)
    return out


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
            g["mean_share_met"],
            y + offsets,
            marker="o",
            markersize=4,
            color=OKABE_ITO["sky"],
            markeredgecolor="black",
            markeredgewidth=0.4,
            linestyle="none",
        )
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
    ax.set_xlabel("Average share of applicable cases meeting the standard", fontsize=9)
    ax.grid(axis="y", visible=False)


def _overview_alt(data: pd.DataFrame, summary: pd.DataFrame, mean_of: dict[str, float]) -> str:
    parts = []
    for theme in dict.fromkeys(summary["section"]):
        g = summary[summary["section"] == theme]["mean_share_met"]
        parts.append(
            f"{theme_label(theme)}: {count_noun(len(g), 'inspection')}, averages from "
            f"{g.min():.0%} to {g.max():.0%}, {mean_of[theme]:.0%} over all its findings"
        )
    n_ids = summary["inspection_id"].nunique()
    return (
        f"Dot chart of {len(data)} quantified findings from {count_noun(n_ids, 'inspection')}, "
        "summarised per theme as each inspection's average share of cases meeting the standard. "
        + "; ".join(parts)
        + "."
    )


def findings_overview(data: pd.DataFrame, scores: list[SectionScore], title: str) -> Chart:
    """One dot per inspection and theme (its average share met) and each theme's average."""
    summary = findings_overview_data(data)
    themes = list(dict.fromkeys(summary["section"]))
    mean_of = {s.section: s.mean_share_met for s in scores}
    fig, ax = new_figure(8.5, 1.6 + 0.55 * len(themes))
    _draw_overview(ax, summary, themes, mean_of)
    handles = [
        marker_handle("o", OKABE_ITO["sky"], "one inspection (its findings' average)"),
        Line2D([], [], marker="D", color="black", linestyle="none",
               label="average of all findings in the theme"),
    ]  # fmt: skip
    legend_below(fig, handles)
    title_left(ax, title)
    return Chart(
        fig, summary.round({"mean_share_met": 3}), _overview_alt(data, summary, mean_of), title
    )
