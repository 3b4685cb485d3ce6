"""The theme grid: which themes the key strengths and the areas for improvement fall under.

Inspections run across as columns while they fit (up to :data:`~.base.DETAIL_MAX_INSPECTIONS`)
and down the page as rows above that, so the grid stays readable for fifty inspections.
Strengths are blue upward triangles, improvements orange downward ones, each labelled +n/-n.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd
from matplotlib.axes import Axes

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
    """Where each cell sits: inspections across (``across``) or down the page."""

    across: bool
    columns: list[str]
    rows: list[str]

    @classmethod
    def of(cls, data: pd.DataFrame) -> _Layout:
        themes = sorted(data["theme"].unique(), key=lambda t: theme_label(t))
        ids = list(dict.fromkeys(data["inspection_id"]))
        # Inspections across while they fit; above DETAIL_MAX_INSPECTIONS they run down the page.
        across = len(ids) <= DETAIL_MAX_INSPECTIONS
        columns, rows = (ids, themes[::-1]) if across else (themes, ids[::-1])
        return cls(across, columns, rows)

    def size(self) -> tuple[float, float]:
        """At least the text width (one inspection's grid is no narrow column), wider if need be."""
        if self.across:
            width, height = 1.8 + 2.2 * len(self.columns), 1.4 + 0.42 * len(self.rows)
        else:
            width, height = 2.2 + 0.95 * len(self.columns), 2.4 + 0.32 * len(self.rows)
        return max(CHART_WIDTH, width), height


def _draw_cell(ax: Axes, x: float, y: float, r: object, offsets: tuple[float, float]) -> None:
    """A cell's strengths (▲, +n) and improvements (▼, -n), each sized by its count."""
    up, down = offsets
    if r.strengths:
        ax.plot(x + up, y, marker="^", markersize=5 + 3 * r.strengths, color=OKABE_ITO["blue"],
                markeredgecolor="black", linestyle="none")  # fmt: skip
        ax.text(x + up + 0.13, y, f"+{r.strengths}", va="center", fontsize=8.5)
    if r.improvements:
        ax.plot(x + down, y, marker="v", markersize=5 + 3 * r.improvements,
                color=OKABE_ITO["orange"], markeredgecolor="black", linestyle="none")  # fmt: skip
        ax.text(x + down + 0.12, y, f"\u2212{r.improvements}", va="center", fontsize=8.5)


def _draw_cells(ax: Axes, data: pd.DataFrame, layout: _Layout) -> None:
    offsets = (-0.18, 0.18) if layout.across else (-0.32, 0.08)  # marker offsets in a cell
    xi = {c: k for k, c in enumerate(layout.columns)}
    yi = {r: k for k, r in enumerate(layout.rows)}
    for r in data.itertuples():
        if layout.across:
            x, y = xi[r.inspection_id], yi[r.theme]
        else:
            x, y = xi[r.theme], yi[r.inspection_id]
        _draw_cell(ax, x, y, r, offsets)


def _label_axes(ax: Axes, layout: _Layout) -> None:
    """Tick labels for the layout; rules between theme columns when themes run across."""
    columns, rows = layout.columns, layout.rows
    if layout.across:
        ax.set_xticks(range(len(columns)), columns, fontsize=8.5)
        ax.set_yticks(range(len(rows)), [theme_label(t) for t in rows], fontsize=8.5)
    else:
        labels = [theme_label(t) for t in columns]
        ax.set_xticks(range(len(columns)), labels, fontsize=8, rotation=40, ha="right")
        ax.set_yticks(range(len(rows)), rows, fontsize=8)
        # Rules between the theme columns, not through them, so each pair reads as one cell.
        ax.grid(axis="x", visible=False)
        for k in range(1, len(columns)):
            ax.axvline(k - 0.5, color="#cccccc", linewidth=0.8)
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

    Inspections are columns up to :data:`DETAIL_MAX_INSPECTIONS`, and rows above.
    """
    data = theme_grid_data(tables, inspection_ids)
    if data.empty:
        return empty_chart(
            "No themes have been assigned to the key strengths or areas for improvement",
            "Nothing to show.",
            _COLUMNS,
        )
    title = _grid_title(data)
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
