"""The theme grid: which themes the key strengths and the areas for improvement fall under.

Inspections run across as columns while they fit the text width (up to
:data:`~.base.DETAIL_MAX_INSPECTIONS`): strengths are blue upward triangles, improvements orange
downward ones, each labelled +n/-n. Above that a cell per theme and inspection is unreadable at
the page's width (150 inspections would be a chart 1.3 m tall), so the chart adds them up: each
theme's key strengths (right) and areas for improvement (left, hatched) over all inspections,
with how many inspections name it; its data table is those totals.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.ticker import FuncFormatter

from sqs_analysis.report.charts.base import (
    CHART_WIDTH,
    DETAIL_MAX_INSPECTIONS,
    OKABE_ITO,
    Chart,
    empty_chart,
    legend_below,
    marker_handle,
    new_figure,
    title_left,
)
from sqs_analysis.report.formatting import count_noun, join_and, theme_label
from sqs_analysis.report.selection import select_inspections

if TYPE_CHECKING:  # pragma: no cover - typing only
    from sqs_analysis.tables.pipeline import Tables

_COLUMNS = ["theme", "inspection_id", "strengths", "improvements"]


def theme_grid_data(tables: Tables, inspection_ids: Iterable[str] | None = None) -> pd.DataFrame:
    """Counts of key strengths and areas for improvement per judgement theme and inspection."""
    ids = select_inspections(tables, inspection_ids)["inspection_id"].astype(str).tolist()
    jt = tables.judgement_themes
    if jt.empty:
        return pd.DataFrame(columns=_COLUMNS)
    jt = jt[jt["inspection_id"].isin(ids)].drop_duplicates(
        ["inspection_id", "kind", "position", "theme"]
    )
    if jt.empty:
        return pd.DataFrame(columns=_COLUMNS)
    counts = jt.groupby(["theme", "inspection_id", "kind"]).size().unstack("kind", fill_value=0)
    counts = counts.reindex(columns=["strength", "improvement"], fill_value=0)
    counts = counts.rename(columns={"strength": "strengths", "improvement": "improvements"})
    counts.columns.name = None
    full = pd.MultiIndex.from_product(
        [sorted(jt["theme"].astype(str).unique()), ids], names=["theme", "inspection_id"]
    )
    counts = counts.reindex(full, fill_value=0).reset_index()
    counts["strengths"] = counts["strengths"].astype("int64")
    counts["improvements"] = counts["improvements"].astype("int64")
    return counts[_COLUMNS]


def _grid_title(data: pd.DataFrame) -> str:
    """The themes strengths and improvements most often concern (or that they spread evenly)."""
    totals = data.groupby("theme")[["strengths", "improvements"]].sum()
    parts = []
    for col, lead in (("strengths", "strengths most often concerned"),
                      ("improvements", "improvements most often")):  # fmt: skip
        top = totals[col][totals[col] == totals[col].max()]
        if totals[col].max() <= 0:
            continue
        if len(top) > 3:
            parts.append(f"{col} spread over {len(top)} themes equally")
        else:
            parts.append(f"{lead} {join_and([theme_label(t).lower() for t in top.index])}")
    title = "; ".join(parts) or "No themed judgements"
    return title[0].upper() + title[1:]


@dataclass(frozen=True)
class _Layout:
    """Where each cell sits: an inspection a column, a theme a row."""

    columns: list[str]
    rows: list[str]

    @classmethod
    def of(cls, data: pd.DataFrame) -> _Layout:
        themes = sorted(data["theme"].unique(), key=lambda t: theme_label(t))
        return cls(list(dict.fromkeys(data["inspection_id"])), themes[::-1])

    def size(self) -> tuple[float, float]:
        """The text width, and a row per theme."""
        return CHART_WIDTH, 1.4 + 0.42 * len(self.rows)


def _draw_cell(ax: Axes, x: float, y: float, r: object) -> None:
    """A cell's strengths (▲, +n) and improvements (▼, -n), each sized by its count."""
    up, down = -0.18, 0.18  # marker offsets in a cell
    if r.strengths:
        ax.plot(x + up, y, marker="^", markersize=5 + 3 * r.strengths, color=OKABE_ITO["blue"],
                markeredgecolor="black", linestyle="none")  # fmt: skip
        ax.text(x + up + 0.13, y, f"+{r.strengths}", va="center", fontsize=8.5)
    if r.improvements:
        ax.plot(x + down, y, marker="v", markersize=5 + 3 * r.improvements,
                color=OKABE_ITO["orange"], markeredgecolor="black", linestyle="none")  # fmt: skip
        ax.text(x + down + 0.12, y, f"\u2212{r.improvements}", va="center", fontsize=8.5)


def _draw_cells(ax: Axes, data: pd.DataFrame, layout: _Layout) -> None:
    xi = {c: k for k, c in enumerate(layout.columns)}
    yi = {r: k for k, r in enumerate(layout.rows)}
    for r in data.itertuples():
        _draw_cell(ax, xi[r.inspection_id], yi[r.theme], r)


def _label_axes(ax: Axes, layout: _Layout) -> None:
    """Inspections along the bottom, themes down the side."""
    columns, rows = layout.columns, layout.rows
    ax.set_xticks(range(len(columns)), columns, fontsize=8.5 if len(columns) < 4 else 8)
    ax.set_yticks(range(len(rows)), [theme_label(t) for t in rows], fontsize=8.5)
    ax.set_xlim(-0.6, len(columns) - 0.4)
    ax.set_ylim(-0.6, len(rows) - 0.4)


def _grid_alt(data: pd.DataFrame) -> str:
    alt_parts = [
        f"{r.inspection_id}, {theme_label(r.theme).lower()}: "
        f"{count_noun(r.strengths, 'strength')}, {count_noun(r.improvements, 'improvement')}"
        for r in data.itertuples()
        if r.strengths or r.improvements
    ]
    return "Grid of themes by inspection. " + "; ".join(alt_parts) + "."


def theme_grid(tables: Tables, inspection_ids: Iterable[str] | None = None) -> Chart:
    """Which themes the key strengths and the areas for improvement fall under, per inspection.

    Inspections are columns up to :data:`DETAIL_MAX_INSPECTIONS`; above that, each theme's
    totals over all of them (:func:`theme_totals`).
    """
    data = theme_grid_data(tables, inspection_ids)
    if data.empty:
        return empty_chart(
            "No themes have been assigned to the key strengths or areas for improvement",
            "Nothing to show.",
            _COLUMNS,
        )
    title = _grid_title(data)
    if data["inspection_id"].nunique() > DETAIL_MAX_INSPECTIONS:
        return _totals_chart(theme_totals(data), title)
    layout = _Layout.of(data)
    fig, ax = new_figure(*layout.size())
    _draw_cells(ax, data, layout)
    _label_axes(ax, layout)
    handles = [
        marker_handle("^", OKABE_ITO["blue"], "+n key strengths (\u25b2)"),
        marker_handle("v", OKABE_ITO["orange"], "\u2212n areas for improvement (\u25bc)"),
    ]
    legend_below(fig, handles)
    title_left(ax, title)
    return Chart(fig, data, _grid_alt(data), title)


def theme_totals(data: pd.DataFrame) -> pd.DataFrame:
    """Each theme's key strengths and areas for improvement over all inspections in ``data``.

    ``data`` is :func:`theme_grid_data`; ``inspections`` counts those naming the theme at all.
    The themes with most judgements come first.
    """
    named = data[(data["strengths"] > 0) | (data["improvements"] > 0)]
    totals = data.groupby("theme")[["strengths", "improvements"]].sum()
    totals["inspections"] = named.groupby("theme")["inspection_id"].nunique()
    totals = totals.fillna({"inspections": 0}).astype("int64").reset_index()
    totals = totals.assign(_all=totals["strengths"] + totals["improvements"])
    totals = totals.sort_values(["_all", "theme"], ascending=[False, True]).drop(columns="_all")
    return totals.reset_index(drop=True)


def _draw_totals(ax: Axes, totals: pd.DataFrame) -> None:
    """Strengths right of zero, improvements left (hatched), each bar labelled with its count."""
    y = np.arange(len(totals))[::-1]
    ax.barh(y, totals["strengths"], height=0.6, color=OKABE_ITO["blue"], edgecolor="black",
            label="key strengths (right)")  # fmt: skip
    ax.barh(y, -totals["improvements"], height=0.6, color=OKABE_ITO["orange"], hatch="//",
            edgecolor="black", label="areas for improvement (left)")  # fmt: skip
    span = max(int(totals[["strengths", "improvements"]].max().max()), 1)
    for yi, r in zip(y, totals.itertuples(), strict=True):
        if r.strengths:
            ax.text(r.strengths + 0.02 * span, yi, f"+{r.strengths}", va="center", fontsize=8)
        if r.improvements:
            ax.text(-r.improvements - 0.02 * span, yi, f"\u2212{r.improvements}", va="center",
                    ha="right", fontsize=8)  # fmt: skip
    ax.axvline(0, color="black", linewidth=1)
    ax.set_xlim(-span * 1.25, span * 1.25)
    labels = [f"{theme_label(r.theme)} ({r.inspections})" for r in totals.itertuples()]
    ax.set_yticks(y, labels, fontsize=8)
    ax.set_ylim(-0.6, len(totals) - 0.4)
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{abs(v):.0f}"))
    ax.set_xlabel("Judgements on the theme, over all inspections (in brackets: inspections "
                  "naming it)", fontsize=9)  # fmt: skip
    ax.grid(axis="y", visible=False)


def _totals_chart(totals: pd.DataFrame, title: str) -> Chart:
    fig, ax = new_figure(CHART_WIDTH, 1.8 + 0.3 * len(totals))
    _draw_totals(ax, totals)
    legend_below(fig, ax.get_legend_handles_labels()[0])
    title_left(ax, title)
    alt = "Bar chart of the themes of key strengths and areas for improvement, added up. " + (
        "; ".join(
            f"{theme_label(r.theme)}: {count_noun(r.strengths, 'strength')}, "
            f"{count_noun(r.improvements, 'improvement')}, in "
            f"{count_noun(r.inspections, 'inspection')}"
            for r in totals.itertuples()
        )
        + "."
    )
    return Chart(fig, totals, alt, title, one_inspection=False)
