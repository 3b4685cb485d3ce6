"""Many inspections at once: a histogram of one value, with the inspections at each end named.

A chart with a row per inspection grows half an inch or more a row, so past
:data:`~.base.ROWS_MAX_INSPECTIONS` it would run past two screens (150 inspections: 2.7 m).
Such a chart draws how the values are spread instead, at a fixed height, and names the few
inspections at each end in the corners; its data has every inspection (a page shows the first
rows of a long table and says where all of them are).
Bars are stacked by group, each group with its own colour and hatch, and every bar is labelled
with its count, so nothing rests on colour alone.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from sqs_analysis.report.charts.base import legend_below, title_left

#: Inspections named at each end of a distribution.
NAMED_AT_EACH_END = 3
#: A distribution's height (inches): title, the bars with room for the names, axis and legend.
HEIGHT = 3.8


@dataclass(frozen=True)
class Group:
    """Values drawn as one part of each bar: ``label`` in the legend, with its colour and hatch."""

    label: str
    colour: str
    hatch: str
    values: np.ndarray


def edges(values: np.ndarray, width: float) -> np.ndarray:
    """Bin edges ``width`` apart on multiples of ``width`` (so 0 is an edge), covering values.

    Bins are closed on the right (see :func:`counts`), so the first edge is below the smallest
    value.
    """
    low = np.floor(values.min() / width) * width
    if low >= values.min():
        low -= width
    high = max(np.ceil(values.max() / width) * width, low + width)
    return np.arange(low, high + width / 2, width)


def counts(values: np.ndarray, bins: np.ndarray) -> np.ndarray:
    """How many values fall in each bin, a bin holding ``(left, right]`` (0 counts below 0)."""
    flipped, _ = np.histogram(-values, -bins[::-1])
    return flipped[::-1]


def draw_histogram(ax: Axes, bins: np.ndarray, groups: list[Group]) -> None:
    """The groups stacked in each bin, each bar labelled with its count; room left above."""
    width = np.diff(bins)
    bottom = np.zeros(len(width))
    for group in groups:
        n = counts(group.values, bins)
        if n.any():
            ax.bar(bins[:-1], n, width=width, bottom=bottom, align="edge", color=group.colour,
                   hatch=group.hatch, edgecolor="black", linewidth=0.8, label=group.label)  # fmt: skip
        bottom = bottom + n
    for x, n in zip(bins[:-1] + width / 2, bottom, strict=True):
        if n:
            ax.text(x, n, f"{int(n)}", ha="center", va="bottom", fontsize=7.5)
    ax.set_xlim(bins[0], bins[-1])
    ax.set_ylim(0, max(float(bottom.max()), 1.0) * 1.6)  # the top third holds the names
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.grid(axis="x", visible=False)


def name_ends(ax: Axes, low: tuple[str, list[str]], high: tuple[str, list[str]]) -> None:
    """Each end's heading and names in the top corners: the low end left, the high end right."""
    for (heading, names), x, ha in ((low, 0.01, "left"), (high, 0.99, "right")):
        ax.text(x, 0.97, "\n".join([heading, *names]), transform=ax.transAxes, ha=ha, va="top",
                fontsize=8, linespacing=1.3)  # fmt: skip


def finish(fig: Figure, ax: Axes, xlabel: str, ylabel: str, title: str) -> None:
    """The axes' labels, the groups' legend below and the title: every distribution's last step."""
    ax.set_xlabel(xlabel, fontsize=9)
    ax.set_ylabel(ylabel, fontsize=9)
    legend_below(fig, ax.get_legend_handles_labels()[0])
    title_left(ax, title)
