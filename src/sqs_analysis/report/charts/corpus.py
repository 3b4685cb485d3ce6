"""Charts of the whole corpus: every gap in one strip, gaps over time, recurring themes.

Each stays a fixed height whatever the number of inspections (150 is the real corpus), so a
chart never runs past a screen: one strip, one scatter, and bars per theme (about 20).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from sqs_analysis.report import compare
from sqs_analysis.report.charts.base import (
    CHART_WIDTH,
    OKABE_ITO,
    Chart,
    empty_chart,
    legend_below,
    marker_handle,
    new_figure,
    title_left,
)
from sqs_analysis.report.formatting import area_name, count_noun, fmt_date, fmt_points, possessive
from sqs_analysis.report.selection import require_inspection

if TYPE_CHECKING:  # pragma: no cover - typing only
    from sqs_analysis.tables.pipeline import Tables

_GAP_LABEL = "Reoffending rate minus its cohort's England and Wales average (points)"


def _spread(values: pd.Series) -> np.ndarray:
    """Fixed vertical offsets so equal gaps do not hide each other (never random)."""
    order = values.rank(method="first").to_numpy()
    return ((order % 5) - 2) * 0.12


def gap_strip(tables: Tables, inspection_id: str) -> Chart:
    """Every inspection's gap as a dot on one line, this inspection's drawn large and labelled."""
    row = require_inspection(tables, inspection_id)
    gaps = compare.known_gaps(tables)
    area = area_name(row)
    rank = compare.gap_rank(tables, inspection_id)
    title = f"{possessive(area)} reoffending gap among {count_noun(len(gaps), 'inspection')}"
    if rank is None:
        return empty_chart(title, "The report does not state this area's gap.", list(gaps))
    data = gaps.assign(this_area=gaps["inspection_id"] == inspection_id)
    fig, ax = new_figure(CHART_WIDTH, 2.4)
    others = data[~data["this_area"]]
    ax.plot(others["rate_gap_pct_points"], _spread(others["rate_gap_pct_points"]), "o",
            color=OKABE_ITO["grey"], alpha=0.6, markersize=5)  # fmt: skip
    ax.plot([rank.gap], [0], "D", color=OKABE_ITO["vermillion"], markeredgecolor="black",
            markersize=11)  # fmt: skip
    ax.annotate(area, (rank.gap, 0), xytext=(0, 14), textcoords="offset points", ha="center",
                fontsize=9, fontweight="bold")  # fmt: skip
    ax.axvline(0, color="black", linewidth=1)
    ax.set_ylim(-0.6, 0.6)
    ax.set_yticks([])
    ax.set_xlabel(_GAP_LABEL, fontsize=9)
    legend_below(fig, [
        marker_handle("D", OKABE_ITO["vermillion"], area, markersize=8),
        marker_handle("o", OKABE_ITO["grey"], "another inspection"),
    ])  # fmt: skip
    title_left(ax, f"{title}: {compare.gap_rank_words(rank)}")
    alt = (
        f"Strip of {count_noun(len(gaps), 'reoffending gap')} from "
        f"{data['rate_gap_pct_points'].min():+.1f} to {data['rate_gap_pct_points'].max():+.1f} "
        f"points; {area} is at {rank.gap:+.1f}, {compare.gap_rank_words(rank)}."
    )
    # This area first, so a page that shows only the first rows of a long table still shows it.
    shown = data.sort_values(
        ["this_area", "rate_gap_pct_points", "inspection_id"], ascending=[False, False, True]
    )
    table = pd.DataFrame(
        {
            "Area": shown["area"],
            "Published": shown["publication_date"].map(fmt_date),
            "Gap (points)": shown["rate_gap_pct_points"].map(fmt_points),
            "This area": shown["this_area"].map({True: "this area", False: ""}),
        }
    )
    return Chart(fig, table.reset_index(drop=True), alt, title)


_NATIONS = {
    "England": ("o", OKABE_ITO["blue"]),
    "Wales": ("s", OKABE_ITO["vermillion"]),
    None: ("^", OKABE_ITO["grey"]),
}


def gap_over_time(tables: Tables, inspection_ids: Iterable[str] | None = None) -> Chart:
    """Each inspection's gap at its publication date, England and Wales apart."""
    data = compare.known_gaps(tables, inspection_ids)
    data = data[data["publication_date"].notna()].sort_values(["publication_date", "inspection_id"])
    title = "Reoffending gap to each cohort's average, by publication date"
    if data.empty:
        return empty_chart(title, "No report states both a gap and a date.", list(data.columns))
    fig, ax = new_figure(CHART_WIDTH, 3.6)
    handles = []
    for nation, (marker, colour) in _NATIONS.items():
        sel = data["nation"].isna() if nation is None else data["nation"] == nation
        part = data[sel]
        if part.empty:
            continue
        ax.plot(part["publication_date"], part["rate_gap_pct_points"], marker, color=colour,
                markeredgecolor="black", markersize=6)  # fmt: skip
        label = nation or "nation not shown in the report"
        handles.append(marker_handle(marker, colour, f"{label} ({len(part)})"))
    ax.axhline(0, color="black", linewidth=1)
    ax.set_ylabel("Gap (points; above 0 is worse)", fontsize=9)
    ax.set_xlabel("Report published", fontsize=9)
    legend_below(fig, handles)
    above = int((data["rate_gap_pct_points"] > 0).sum())
    title_left(ax, f"{above} of {count_noun(len(data), 'inspection')} reported a rate above "
               "their cohort's average")  # fmt: skip
    first, last = data["publication_date"].min(), data["publication_date"].max()
    alt = (
        f"Scatter of {count_noun(len(data), 'inspection')} published from {first:%B %Y} to "
        f"{last:%B %Y}; {above} above their cohort's average, gaps from "
        f"{data['rate_gap_pct_points'].min():+.1f} to {data['rate_gap_pct_points'].max():+.1f}."
    )
    return Chart(fig, data.reset_index(drop=True), alt, title)


def theme_recurrence_chart(tables: Tables, inspection_ids: Iterable[str] | None = None) -> Chart:
    """How many inspections name each theme, strengths beside areas for improvement."""
    rec = compare.theme_recurrence(tables, inspection_ids)
    title = "How often each theme recurs across inspections"
    if rec.empty:
        return empty_chart(title, "No judgement is tagged with a theme.", list(rec.columns))
    wide = rec.pivot_table(index="label", columns="kind", values="inspections", fill_value=0)
    wide = wide.reindex(columns=["strength", "improvement"], fill_value=0)
    wide = wide.sort_values(["improvement", "strength"], ascending=True)
    fig, ax = new_figure(CHART_WIDTH, 1.4 + 0.28 * len(wide))
    y = np.arange(len(wide))
    ax.barh(y + 0.2, wide["strength"], height=0.4, color=OKABE_ITO["blue"], edgecolor="black",
            label="key strength")  # fmt: skip
    ax.barh(y - 0.2, wide["improvement"], height=0.4, color=OKABE_ITO["orange"],
            edgecolor="black", hatch="//", label="area for improvement")  # fmt: skip
    ax.set_yticks(y, wide.index, fontsize=8)
    ax.set_xlabel("Inspections naming the theme", fontsize=9)
    ax.grid(axis="y", visible=False)
    fig.legend(loc="outside lower center", ncol=2, fontsize=8, frameon=False)
    top = rec[rec["kind"] == "improvement"].head(1)
    if not top.empty:
        r = top.iloc[0]
        title = f"{r['label']} is the most common area for improvement ({r['inspections']} of {r['of']})"
    title_left(ax, title)
    alt = (
        "Bar chart of theme recurrence: "
        + "; ".join(
            f"{label}: {int(w['strength'])} as a strength, {int(w['improvement'])} as an improvement"
            for label, w in wide.iloc[::-1].iterrows()
        )
        + "."
    )
    return Chart(fig, rec, alt, title)
