"""Cases examined per inspection: the base of every proportion a report gives.

Samples are small (tens of cases), so a reader should see how few cases each share rests on
before reading any finding as a percentage.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from sqs_analysis.report.charts.base import (
    CHART_WIDTH,
    OKABE_ITO,
    Chart,
    empty_chart,
    new_figure,
    title_left,
)
from sqs_analysis.report.formatting import fmt_int, is_missing
from sqs_analysis.report.selection import select_inspections

if TYPE_CHECKING:  # pragma: no cover - typing only
    from sqs_analysis.tables.pipeline import Tables


def sample_data(tables: Tables, inspection_ids: Iterable[str] | None = None) -> pd.DataFrame:
    """Cases examined and whether custody cases were among them, per inspection."""
    df = select_inspections(tables, inspection_ids)
    return pd.DataFrame(
        {
            "inspection_id": df["inspection_id"].astype(str),
            "area": df["area"].astype(str),
            "cases_examined": pd.array(df["cases_examined"], dtype="Int64"),
            "custody_cases_included": pd.array(df["custody_cases_included"], dtype="boolean"),
        }
    )


def _samples_title(data: pd.DataFrame, known: pd.Series) -> str:
    if len(data) == 1:
        return f"Inspectors examined {int(known.iloc[0])} cases in {data['area'].iloc[0]}"
    if known.min() == known.max():
        return f"Inspectors examined {int(known.min())} cases in each service"
    return (
        f"Inspectors examined between {int(known.min())} and {int(known.max())} cases per "
        "service: small samples"
    )


def _custody_note(included: object) -> str:
    if is_missing(included):
        return ""
    return " (incl. custody)" if included else " (community only)"


def _draw_samples(ax: Axes, data: pd.DataFrame) -> None:
    """A bar per inspection labelled with its count, or "not stated"."""
    y = np.arange(len(data))[::-1]
    for yi, r in zip(y, data.itertuples(), strict=True):
        if is_missing(r.cases_examined):
            ax.text(0.2, yi, "not stated", va="center", fontsize=9, style="italic")
            continue
        ax.barh(yi, int(r.cases_examined), color=OKABE_ITO["green"], edgecolor="black", height=0.6)
        ax.text(
            int(r.cases_examined) + 0.3,
            yi,
            f"{int(r.cases_examined)} cases{_custody_note(r.custody_cases_included)}",
            va="center",
            fontsize=9,
        )
    ax.set_yticks(y, data["area"].tolist())


def case_samples(tables: Tables, inspection_ids: Iterable[str] | None = None) -> Chart:
    """How many cases each inspection examined: the base of every proportion it reports."""
    data = sample_data(tables, inspection_ids)
    known = data["cases_examined"].dropna()
    if known.empty:
        return empty_chart(
            "No report states how many cases it examined", "Nothing to show.", list(data.columns)
        )
    title = _samples_title(data, known)
    fig, ax = new_figure(CHART_WIDTH, 1.2 + 0.5 * len(data))
    _draw_samples(ax, data)
    ax.set_xlim(0, float(known.max()) * 1.6)
    ax.set_xlabel("Cases examined")
    title_left(ax, title)
    ax.grid(axis="y", visible=False)
    alt = (
        "Bar chart of cases examined. "
        + "; ".join(f"{r.area}: {fmt_int(r.cases_examined)}" for r in data.itertuples())
        + "."
    )
    return Chart(fig, data, alt, title)
