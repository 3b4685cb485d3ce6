"""Funnel plots: each counted finding's share met against its number of cases.

The pooled share of every counted finding on the aspect is the centre line; the exact
binomial 95% and 99.8% limits (:mod:`sqs_analysis.report.funnel`) narrow as cases grow.
Points are coloured and shaped by where they fall, so the distinction never rests on colour.
Worded findings have no count, so they are not points: the page lists them separately.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import matplotlib as mpl
import pandas as pd

from sqs_analysis.report import compare, evidence, funnel
from sqs_analysis.report.charts.base import (
    CHART_WIDTH,
    DATA_OPEN_MAX_ROWS,
    OKABE_ITO,
    Chart,
    empty_chart,
    legend_below,
    marker_handle,
    new_figure,
    title_left,
)
from sqs_analysis.report.display import Section, as_table
from sqs_analysis.report.formatting import count_noun
from sqs_analysis.report.funnel import Position
from sqs_analysis.report.selection import select_inspections

if TYPE_CHECKING:  # pragma: no cover - typing only
    from matplotlib.axes import Axes

    from sqs_analysis.tables.pipeline import Tables

_STYLE = {
    Position.WITHIN: ("o", OKABE_ITO["sky"]),
    Position.ABOVE_95: ("^", OKABE_ITO["green"]),
    Position.ABOVE_998: ("^", OKABE_ITO["green"]),
    Position.BELOW_95: ("v", OKABE_ITO["vermillion"]),
    Position.BELOW_998: ("v", OKABE_ITO["vermillion"]),
}


def _draw_limits(ax: Axes, p0: float, n_max: int) -> None:
    """The centre line and both pairs of limits, as steps (exact limits move in whole cases)."""
    curve = funnel.funnel_curve(p0, n_max + 2)
    ns = [lim.n for lim in curve]
    ax.axhline(p0, color="black", linewidth=1.2, label="pooled share")
    for attr, style in (("95", "--"), ("998", ":")):
        for side in ("low", "high"):
            ys = [getattr(lim, f"{side}_{attr}") for lim in curve]
            ax.step(ns, ys, where="mid", color="#555555", linestyle=style, linewidth=1)


def _draw_points(ax: Axes, data: pd.DataFrame, highlight: str | None) -> None:
    for pos, group in data.groupby("position", sort=True):
        marker, colour = _STYLE[Position(pos)]
        ax.plot(group["cases"].astype(int), group["share_met"].astype(float), marker=marker,
                color=colour, markeredgecolor="black", markersize=6, linestyle="none")  # fmt: skip
    if highlight is not None:
        mine = data[data["inspection_id"] == highlight]
        ax.plot(mine["cases"].astype(int), mine["share_met"].astype(float), marker="o",
                markersize=13, markerfacecolor="none", markeredgecolor="black",
                markeredgewidth=2, linestyle="none")  # fmt: skip


def _handles(highlight: str | None) -> list:
    handles = [
        marker_handle("o", OKABE_ITO["sky"], "inside the 95% limits"),
        marker_handle("^", OKABE_ITO["green"], "above the 95% limit"),
        marker_handle("v", OKABE_ITO["vermillion"], "below the 95% limit"),
        mpl.lines.Line2D([], [], color="#555555", linestyle="--", label="95% limits"),
        mpl.lines.Line2D([], [], color="#555555", linestyle=":", label="99.8% limits"),
        mpl.lines.Line2D([], [], color="black", label="pooled share of all counted cases"),
    ]
    if highlight is not None:
        handles.append(marker_handle("o", "none", "this area's findings (ringed)", markersize=11))
    return handles


def _funnel_alt(aspect: str, data: pd.DataFrame, pool: evidence.Pooled) -> str:
    counts = data["position"].value_counts()
    parts = [
        f"{counts.get(p.value, 0)} {funnel.POSITION_LABELS[p]}"
        for p in Position
        if counts.get(p.value, 0)
    ]
    return (
        f"Funnel plot for {aspect}: {count_noun(len(data), 'counted finding')} from "
        f"{count_noun(pool.n_inspections, 'inspection')}; pooled share {pool.share:.0%} "
        f"({pool.cases_met} of {pool.cases} cases); " + ", ".join(parts) + "."
    )


def funnel_plot(
    tables: Tables,
    aspect: str,
    inspection_ids: Iterable[str] | None = None,
    highlight: str | None = None,
) -> Chart:
    """One aspect's counted findings on a funnel; ``highlight`` rings one inspection's."""
    data = compare.funnel_data(tables, aspect, inspection_ids)
    pool = compare.aspect_pools(tables, inspection_ids).get(aspect)
    title = f"{aspect.capitalize()}: counted findings against the pooled share"
    if data.empty or pool is None:
        return empty_chart(title, f"No counted findings on {aspect}.", list(data.columns))
    outside = int((data["position"] != Position.WITHIN.value).sum())
    title = (
        f"{aspect.capitalize()}: {outside} of {count_noun(len(data), 'counted finding')} outside "
        f"the 95% limits around {pool.share:.0%}"
    )
    fig, ax = new_figure(CHART_WIDTH, 4.2)
    _draw_limits(ax, pool.share, int(data["cases"].max()))
    _draw_points(ax, data, highlight)
    ax.set_ylim(-0.03, 1.03)
    ax.set_xlim(0, int(data["cases"].max()) + 2)
    ax.yaxis.set_major_formatter(mpl.ticker.PercentFormatter(1.0))
    ax.set_xlabel("Cases the finding counts (its denominator)", fontsize=9)
    ax.set_ylabel("Share meeting the standard", fontsize=9)
    legend_below(fig, _handles(highlight))
    title_left(ax, title)
    return Chart(fig, data, _funnel_alt(aspect, data, pool), title)


def worded_findings(tables: Tables, inspection_ids: Iterable[str] | None = None) -> pd.DataFrame:
    """Judged findings given in words, by aspect: shown as stated, never as points."""
    ids = select_inspections(tables, inspection_ids)["inspection_id"]
    f = tables.findings
    words = evidence.worded(f[f["inspection_id"].isin(ids)])
    short = evidence.counted_short(f[f["inspection_id"].isin(ids)])
    both = pd.concat(
        [words[["inspection_id", "paragraph_id", "aspect", "as_stated"]],
         short[["inspection_id", "paragraph_id", "aspect", "as_stated"]]],
        ignore_index=True,
    )  # fmt: skip
    return both.sort_values(["aspect", "inspection_id", "paragraph_id"]).reset_index(drop=True)


def funnel_plots(tables: Tables, inspection_ids: Iterable[str] | None = None) -> Section:
    """A funnel per aspect with enough inspections, then the findings no funnel can hold."""
    ids = list(inspection_ids) if inspection_ids is not None else None
    charts = [funnel_plot(tables, a, ids) for a in compare.funnel_aspects(tables, ids)]
    rest = as_table(
        worded_findings(tables, ids),
        empty="Every judged finding counts cases.",
        caption="Findings with no count to plot (worded) or stated as shortfalls, as the "
        "reports say them",
        collapse_over=DATA_OPEN_MAX_ROWS,
        one_inspection=False,  # a comparison: each row names its inspection, even when one
    )
    return Section((*charts, rest))
