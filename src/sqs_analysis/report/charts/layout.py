"""A fixed layout: margins measured once from the text a chart draws, then set.

Why not constrained layout: it measures every artist two or three times per draw, and saving a
figure with any layout engine adds a whole draw pass; for the suite's charts (one axes, a title
above, perhaps a legend below) one measurement gives the same layout at a fraction of the cost.

:func:`wrap_title` breaks a title into lines when it is set (so its height is known before
drawing, and it never depends on matplotlib's wrapping at draw time); :func:`fit` runs just
before a figure is saved: it measures the axes' tick labels, axis labels and any text outside
the axes with one renderer, the title and the legend, and moves the axes so all of them fit
inside the figure with a small pad. Text is measured in the fonts it is drawn in: call both
inside ``rc_context(DETERMINISTIC_RC)`` (:mod:`.base` does).
"""

from __future__ import annotations

import io

from matplotlib.backend_bases import RendererBase
from matplotlib.backends.backend_svg import RendererSVG
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.textpath import text_to_path

#: Space kept clear at the figure's edges, inches.
EDGE = 0.08
#: Space between the title and the axes, and between the axes and the legend, inches.
GAP = 0.12
#: The x position (figure fraction) of a left-aligned title.
TITLE_X = 0.01


#: Where the axes sit while they are measured (figure fractions).
_START = {"left": 0.3, "right": 0.95, "bottom": 0.25, "top": 0.8}


def text_width(text: str, size: float, weight: str = "normal") -> float:
    """The width in inches of one line of ``text`` at ``size`` points in the current font."""
    prop = FontProperties(size=size, weight=weight)
    width, _, _ = text_to_path.get_text_width_height_descent(text, prop, ismath=False)
    return width / 72.0


def wrap_title(text: str, width: float, size: float, weight: str = "normal") -> str:
    """``text`` broken at spaces into lines no wider than ``width`` inches (a word never split)."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if line and text_width(candidate, size, weight) > width:
            lines.append(line)
            line = word
        else:
            line = candidate
    return "\n".join([*lines, line])


def _extents(fig: Figure, renderer: RendererBase) -> tuple[float, float, float, float]:
    """How far the axes' decorations reach past it: inches left, right, below and above.

    Its decorations are its tick labels, axis labels, and any text drawn outside the axes.
    """
    ax = fig.axes[0]
    dpi = fig.dpi
    inner = ax.get_window_extent(renderer)
    outer = ax.get_tightbbox(renderer)
    if outer is None:  # an axes with nothing drawn
        return 0.0, 0.0, 0.0, 0.0
    return (
        max(inner.x0 - outer.x0, 0.0) / dpi,
        max(outer.x1 - inner.x1, 0.0) / dpi,
        max(inner.y0 - outer.y0, 0.0) / dpi,
        max(outer.y1 - inner.y1, 0.0) / dpi,
    )


def _title_height(fig: Figure, renderer: RendererBase) -> float:
    """The title's height in inches (placed at the top edge first), or 0 without one."""
    title = fig._suptitle  # the figure's title has no public getter
    if title is None or not title.get_text():
        return 0.0
    title.set_y(1.0 - EDGE / fig.get_size_inches()[1])
    title.set_va("top")
    return title.get_window_extent(renderer).height / fig.dpi


def _legend_height(fig: Figure, renderer: RendererBase) -> float:
    """The height in inches of the legends under the axes (drawn at the bottom edge)."""
    height = 0.0
    for legend in fig.legends:
        legend.set_bbox_to_anchor((0.5, EDGE / fig.get_size_inches()[1]), fig.transFigure)
        legend.set_loc("lower center")
        legend.borderaxespad = 0.0
        height += legend.get_window_extent(renderer).height / fig.dpi
    return height


def fit(fig: Figure) -> None:
    """Place the figure's one axes so its labels, title and legend all fit inside the figure."""
    if len(fig.axes) != 1:
        return
    # Measured as SVG measures text (unhinted outlines, at 72 dots an inch), and from the same
    # start every time, so saving twice gives the same bytes.
    dpi = fig.get_dpi()
    fig.set_dpi(72)
    try:
        _fit(fig, RendererSVG(1, 1, io.StringIO()))  # measures text; never draws
    finally:
        fig.set_dpi(dpi)


def _fit(fig: Figure, renderer: RendererBase) -> None:
    width, height = fig.get_size_inches()
    ax = fig.axes[0]
    fig.subplots_adjust(**_START)
    if not ax.axison:  # an empty chart: a message in the middle, the title above
        top = EDGE + _title_height(fig, renderer) + GAP
        fig.subplots_adjust(left=0.0, right=1.0, bottom=0.0, top=max(1.0 - top / height, 0.1))
        return
    left, right, bottom, top = _extents(fig, renderer)
    top += EDGE + _title_height(fig, renderer) + GAP
    legend = _legend_height(fig, renderer)
    bottom += EDGE + (legend + GAP if legend else 0.0)
    left, right = left + EDGE, right + EDGE + 0.04
    fig.subplots_adjust(
        left=left / width,
        right=1.0 - right / width,
        bottom=bottom / height,
        top=1.0 - top / height,
    )
