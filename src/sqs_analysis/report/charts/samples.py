"""Cases examined per inspection: the base of every proportion a report gives.

Samples are small (tens of cases), so a reader should see how few cases each share rests on
before reading any finding as a percentage. Past :data:`~.base.ROWS_MAX_INSPECTIONS`
inspections the chart counts the inspections at each sample size (:mod:`.distribution`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

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
    if len(data) > ROWS_MAX_INSPECTIONS:
        return _samples_distribution(data, title)
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


def _sample_names(rows: pd.DataFrame) -> list[str]:
    return [f"{r.area}: {int(r.cases_examined)}" for r in rows.itertuples()]


def _samples_groups(data: pd.DataFrame) -> list[distribution.Group]:
    """Inspections with custody cases, community cases only, and not saying which."""
    custody = data["custody_cases_included"]
    cases = data["cases_examined"]
    parts = (
        ("including custody cases", OKABE_ITO["green"], "", custody.eq(True)),
        ("community cases only", OKABE_ITO["sky"], "//", custody.eq(False)),
        ("custody not stated", OKABE_ITO["grey"], "\\\\", custody.isna()),
    )
    return [
        distribution.Group(f"{label} ({int(sel.sum())})", colour, hatch,
                           cases[sel.fillna(False)].astype(float).to_numpy())
        for label, colour, hatch, sel in parts
        if sel.fillna(False).any()
    ]  # fmt: skip


def _samples_distribution(data: pd.DataFrame, title: str) -> Chart:
    """How many inspections examined each number of cases, the smallest and largest named."""
    data_known = data[data["cases_examined"].notna()]
    known = data_known.sort_values(["cases_examined", "area"])
    values = known["cases_examined"].astype(float).to_numpy()
    width = 1.0 if np.ptp(values) <= 40 else 5.0
    bins = distribution.edges(values - 0.5, width) + 0.5  # whole numbers mid-bar
    fig, ax = new_figure(CHART_WIDTH, distribution.HEIGHT)
    distribution.draw_histogram(ax, bins, _samples_groups(data_known))
    k = distribution.NAMED_AT_EACH_END
    fewest = known.head(k)
    most = known.sort_values(["cases_examined", "area"], ascending=[False, True]).head(k)
    distribution.name_ends(ax, ("Fewest cases:", _sample_names(fewest)),
                           ("Most cases:", _sample_names(most)))  # fmt: skip
    missing = len(data) - len(known)
    note = f" ({missing} inspections do not say)" if missing else ""
    distribution.finish(fig, ax, f"Cases examined{note}", "Inspections", title)
    alt = (
        f"Histogram of the cases examined by {len(known)} inspections, from {int(values.min())} "
        f"to {int(values.max())}{note}. Fewest: {'; '.join(_sample_names(fewest))}. Most: "
        f"{'; '.join(_sample_names(most))}. The data table lists the inspections."
    )
    return Chart(fig, data, alt, title)
