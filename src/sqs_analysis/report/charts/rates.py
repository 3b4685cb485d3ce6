"""Reoffending rates: one service beside its cohort's average, and every service's gap.

Each rate describes a different cohort, so across inspections the charts draw each
service's gap to its *own* cohort's England and Wales average, never raw rates side by side:
a bar per service up to :data:`~.base.ROWS_MAX_INSPECTIONS`, and above that how the gaps are
spread, the highest and lowest named (:mod:`.distribution`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from sqs_analysis.report.charts import distribution
from sqs_analysis.report.charts.base import (
    CHART_WIDTH,
    OKABE_ITO,
    ROWS_MAX_INSPECTIONS,
    Chart,
    empty_chart,
    new_figure,
    title_left,
    to_float,
)
from sqs_analysis.report.formatting import (
    fmt_cohort,
    fmt_points,
    gap_phrase,
    is_missing,
    possessive,
)
from sqs_analysis.report.selection import require_inspection, select_inspections

if TYPE_CHECKING:  # pragma: no cover - typing only
    from sqs_analysis.tables.pipeline import Tables


def possessive_title(name: str) -> str:
    """``St Helens'`` / ``Somerset's`` for chart titles."""
    return possessive(name)


# --------------------------------------------------------------------------- rate vs average


def _rate_title(area: str, gap: float) -> str:
    if gap == 0:
        return f"{possessive_title(area)} reoffending rate equalled its cohort's average"
    return (
        f"{possessive_title(area)} reoffending rate was {gap_phrase(gap).replace('percentage ', '')}"
        f" its cohort's England and Wales average"
    )


def _draw_rate_bars(ax: Axes, area: str, rate: float, avg: float, cohort: str) -> None:
    """The rate and the average as hatched bars, each labelled with its value."""
    labels = [f"{area}", "England and Wales\naverage"]
    colours = [OKABE_ITO["blue"], OKABE_ITO["grey"]]
    hatches = ["", "//"]
    bars = ax.barh(labels[::-1], [avg, rate], color=colours[::-1], edgecolor="black")
    for bar, hatch in zip(bars, hatches[::-1], strict=True):
        bar.set_hatch(hatch)
        bar.set_facecolor(mpl.colors.to_rgba(bar.get_facecolor(), 0.85))
    for bar, value in zip(bars, [avg, rate], strict=True):
        ax.text(
            bar.get_width() + 0.8,
            bar.get_y() + bar.get_height() / 2,
            f"{value:.1f}%",
            va="center",
            fontsize=10,
        )
    ax.set_xlim(0, max(rate, avg) * 1.3)
    ax.set_xlabel(f"Proven reoffending rate, % (cohort {cohort})")


def rate_vs_average(tables: Tables, inspection_id: str) -> Chart:
    """One service's reoffending rate beside the England and Wales average of the same cohort."""
    row = require_inspection(tables, inspection_id)
    area = str(row.get("area") if not is_missing(row.get("area")) else inspection_id)
    rate, avg = to_float(row.get("reoffending_rate_pct")), to_float(row.get("ew_average_pct"))
    cohort = fmt_cohort(row)
    data = pd.DataFrame(
        {
            "measure": [f"{area} reoffending rate", "England and Wales average (same cohort)"],
            "percent": pd.array([rate, avg], dtype="Float64"),
            "cohort": [cohort, cohort],
        }
    )
    if rate is None or avg is None:
        title = f"{possessive_title(area)} reoffending rate or its cohort average is not stated"
        chart = empty_chart(title, "The report does not state both figures.", list(data.columns))
        return Chart(chart.figure, data, chart.alt_text, title)
    gap = round(rate - avg, 1)
    title = _rate_title(area, gap)
    fig, ax = new_figure(CHART_WIDTH, 2.0)
    _draw_rate_bars(ax, area, rate, avg, cohort)
    title_left(ax, title)
    ax.annotate(
        f"Gap: {fmt_points(gap)}",
        xy=(max(rate, avg) * 1.12, 0.5),
        ha="center",
        va="center",
        fontsize=10,
        fontweight="bold",
    )
    alt = (
        f"Bar chart. {area}: {rate:.1f}% reoffending; England and Wales average for the same "
        f"cohort ({cohort}): {avg:.1f}%. Gap {fmt_points(gap)}."
    )
    return Chart(fig, data, alt, title)


# -------------------------------------------------------------------------- gaps across inspections


def gap_data(tables: Tables, inspection_ids: Iterable[str] | None = None) -> pd.DataFrame:
    """Each inspection's gap to its own cohort's average, largest gap first."""
    df = select_inspections(tables, inspection_ids)
    out = pd.DataFrame(
        {
            "inspection_id": df["inspection_id"].astype(str),
            "area": df["area"].astype(str),
            "rate_pct": pd.array(df["reoffending_rate_pct"], dtype="Float64"),
            "ew_average_pct": pd.array(df["ew_average_pct"], dtype="Float64"),
            "gap_pct_points": pd.array(df["rate_gap_pct_points"], dtype="Float64"),
            "cohort": [fmt_cohort(r) for _, r in df.iterrows()],
        }
    )
    return out.sort_values("gap_pct_points", ascending=False, na_position="last").reset_index(
        drop=True
    )


def _gaps_title(known: pd.DataFrame) -> str:
    """Each gap in words for up to three services; above that, how many sat above and below."""
    if len(known) > 3:
        above = int((known["gap_pct_points"] > 0).sum())
        below = int((known["gap_pct_points"] < 0).sum())
        return (
            f"{above} of {len(known)} services had reoffending above their cohort's England and "
            f"Wales average, {below} below"
        )
    title = "; ".join(
        f"{r.area} {abs(r.gap_pct_points):.1f} points "
        f"{'above' if r.gap_pct_points > 0 else 'below' if r.gap_pct_points < 0 else 'level with'}"
        for r in known.itertuples()
    )
    return title + (
        " its cohort's England and Wales average"
        if len(known) == 1
        else (" their cohorts' England and Wales averages")
    )


def _draw_gap_bar(ax: Axes, yi: float, g: float, span: float) -> None:
    """One gap as a bar from zero, hatched one way right (worse) and the other way left."""
    worse = g > 0
    ax.barh(
        yi,
        g,
        color=OKABE_ITO["vermillion"] if worse else OKABE_ITO["blue"],
        hatch="//" if worse else "\\\\",
        edgecolor="black",
        height=0.6,
    )
    word = "higher" if worse else "lower" if g < 0 else "level"
    ax.text(
        g + (0.04 if g >= 0 else -0.04) * span,
        yi,
        f"{fmt_points(g)} ({word})",
        va="center",
        ha="left" if g >= 0 else "right",
        fontsize=9,
        fontweight="bold",
    )


def _gap_tick(r: object) -> str:
    if is_missing(r.gap_pct_points):
        return f"{r.area}"
    return (
        f"{r.area}\n{float(r.rate_pct):.1f}% vs {float(r.ew_average_pct):.1f}%\ncohort {r.cohort}"
    )


def _gap_alt_part(r: object) -> str:
    if is_missing(r.gap_pct_points):
        return f"{r.area}: not stated"
    return (
        f"{r.area}: {fmt_points(r.gap_pct_points)} ({float(r.rate_pct):.1f}% against "
        f"{float(r.ew_average_pct):.1f}% for the {r.cohort} cohort)"
    )


def _draw_gaps(ax: Axes, data: pd.DataFrame, span: float) -> None:
    """Every service's bar (or a note that it is not stated), the zero line and the labels."""
    n = len(data)
    y = np.arange(n)[::-1]
    for yi, r in zip(y, data.itertuples(), strict=True):
        if is_missing(r.gap_pct_points):
            ax.text(
                0,
                yi,
                "rate or average not stated",
                va="center",
                ha="center",
                fontsize=9,
                style="italic",
            )
            continue
        _draw_gap_bar(ax, yi, float(r.gap_pct_points), span)
    ax.set_xlim(-span * 2.3, span * 2.3)  # room for the labels beyond the longest bars
    ax.axvline(0, color="black", linewidth=1.2)
    ax.text(0, n - 0.45, "0 = the service's own cohort average", ha="center", fontsize=8.5)
    ax.set_ylim(-0.7, n)
    ax.set_yticks(y, [_gap_tick(r) for r in data.itertuples()], fontsize=8.5)
    ax.set_xlabel(
        "Percentage points from the service's own cohort England and Wales average\n"
        "(right, hatched / = more reoffending than average; left, hatched \\ = less)",
        fontsize=9,
    )


def rate_gaps(tables: Tables, inspection_ids: Iterable[str] | None = None) -> Chart:
    """Every inspection's gap to its own cohort's average (never raw rates of different cohorts)."""
    data = gap_data(tables, inspection_ids)
    known = data[data["gap_pct_points"].notna()]
    if known.empty:
        return empty_chart(
            "No inspection states both its reoffending rate and its cohort average",
            "Nothing to compare.",
            list(data.columns),
        )
    title = _gaps_title(known)
    if len(data) > ROWS_MAX_INSPECTIONS:
        return _gaps_distribution(data, known, title)
    fig, ax = new_figure(CHART_WIDTH, 1.4 + 0.7 * len(data))
    _draw_gaps(ax, data, max(float(known["gap_pct_points"].abs().max()), 1.0))
    title_left(ax, title)
    ax.grid(axis="y", visible=False)
    alt = (
        "Horizontal bar chart of each service's gap to its cohort's average. "
        + "; ".join(_gap_alt_part(r) for r in data.itertuples())
        + "."
    )
    return Chart(fig, data, alt, title)


def _gap_names(rows: pd.DataFrame) -> list[str]:
    return [f"{r.area} {fmt_points(r.gap_pct_points)}" for r in rows.itertuples()]


def _gaps_distribution(data: pd.DataFrame, known: pd.DataFrame, title: str) -> Chart:
    """Many services' gaps as a histogram, the highest and lowest named; the table has all."""
    gaps = known["gap_pct_points"].astype(float).to_numpy()
    bins = distribution.edges(gaps, 1.0 if np.ptp(gaps) <= 24 else 2.0)
    above = gaps > 0
    fig, ax = new_figure(CHART_WIDTH, distribution.HEIGHT)
    distribution.draw_histogram(ax, bins, [
        distribution.Group(f"more reoffending than their cohort's average ({above.sum()})",
                           OKABE_ITO["vermillion"], "//", gaps[above]),
        distribution.Group(f"less, or level ({(~above).sum()})", OKABE_ITO["blue"], "\\\\",
                           gaps[~above]),
    ])  # fmt: skip
    ax.axvline(0, color="black", linewidth=1.2)
    k = distribution.NAMED_AT_EACH_END
    highest, lowest = known.head(k), known.tail(k).iloc[::-1]
    distribution.name_ends(ax, ("Lowest:", _gap_names(lowest)), ("Highest:", _gap_names(highest)))
    missing = len(data) - len(known)
    note = f"; {missing} not stated" if missing else ""
    xlabel = (
        "Percentage points from the service's own cohort England and Wales average\n"
        f"(a bar counts the gaps up to its right edge{note})"
    )
    distribution.finish(fig, ax, xlabel, "Services", title)
    alt = (
        f"Histogram of {len(known)} services' gaps to their own cohort's England and Wales "
        f"average, from {fmt_points(gaps.min())} to {fmt_points(gaps.max())}: {above.sum()} "
        f"above, {(~above).sum()} below or level{note}. Highest: {'; '.join(_gap_names(highest))}."
        f" Lowest: {'; '.join(_gap_names(lowest))}. The data table lists the services."
    )
    return Chart(fig, data, alt, title)
