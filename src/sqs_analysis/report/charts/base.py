"""What every chart shares: the Chart it returns, its figure, colours and repeatable output.

Figures are built with ``matplotlib.figure.Figure`` (never pyplot), so they work under any
backend, never pop up twice in a notebook and never leak. Colours are the Okabe-Ito
colour-blind-safe set, and every distinction they draw is repeated by a marker, a hatch or a
label. Each title states the chart's message. Rendering is deterministic: SVG ids are salted
with a fixed string and dates are left out of the file metadata. On a page a chart is inline
SVG (:func:`inline_svg`): text a browser can read and scale, no base64.
"""

from __future__ import annotations

import base64
import hashlib
import html
import io
import re
from dataclasses import dataclass

import matplotlib as mpl
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from sqs_analysis.report.charts import layout
from sqs_analysis.report.display import page_rows
from sqs_analysis.report.formatting import is_missing
from sqs_analysis.report.inert import make_inert
from sqs_analysis.report.readable import shown

#: Okabe-Ito colours (Wong 2011, Nature Methods), safe for the common colour-vision deficiencies.
OKABE_ITO = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "vermillion": "#D55E00",
    "green": "#009E73",
    "sky": "#56B4E9",
    "purple": "#CC79A7",
    "yellow": "#F0E442",
    "grey": "#6E6E6E",
}
#: Marker shapes cycled across inspections so series differ by shape as well as colour.
MARKERS = ["o", "s", "D", "^", "v", "P", "X", "<", ">", "h"]

#: Above this many inspections charts summarise or turn (``findings_by_theme`` draws one dot per
#: inspection and theme, not a row per finding: 50 inspections would be a chart 7 m tall).
DETAIL_MAX_INSPECTIONS = 4

#: Above this many inspections a chart with a row per inspection (rate gaps, case samples) draws
#: how the values are spread instead (:mod:`.distribution`): 20 rows fit in two screens.
ROWS_MAX_INSPECTIONS = 20

#: No chart is drawn taller than this (inches): two screens.
MAX_HEIGHT = 18.0

#: Every chart is drawn this wide (inches): the A4 text block (210 mm less 14 mm margins is
#: 7.2 in), so a chart's text prints and shows at the size it was drawn, never scaled down.
CHART_WIDTH = 7.0

#: A chart's data table is shown open up to this many rows, folded away above it.
DATA_OPEN_MAX_ROWS = 25

#: The fonts charts are drawn and measured in, first found first. Liberation Sans has Arial's
#: metrics (and ships with most Linux systems and Chromium's fonts package), so a page that
#: shows the chart's SVG text in Arial or Helvetica instead lays it out at the same widths.
FONT_STACK = ["Liberation Sans", "Arial", "Helvetica", "DejaVu Sans"]

#: rcParams that make SVG and PNG output byte-for-byte repeatable, whatever the local
#: matplotlibrc says; no text is TeX and no tick label is mathtext (see ``inert``). SVG text
#: is written as ``<text>`` in :data:`FONT_STACK` (then ``sans-serif``), not glyph outlines.
DETERMINISTIC_RC = {
    "svg.hashsalt": "sqs-analysis",
    "svg.fonttype": "none",
    "font.family": "sans-serif",
    "font.sans-serif": FONT_STACK,
    "font.size": 10,
    "text.usetex": False,
    "text.parse_math": True,
    "axes.formatter.use_mathtext": False,
}
_SAVE_METADATA = {
    "svg": {"Date": None, "Creator": "sqs-analysis"},
    "png": {"Software": "sqs-analysis"},
}


@dataclass(frozen=True)
class Chart:
    """A figure with its message (title), a text alternative and the data it draws.

    ``data`` is the machine frame (its columns' names and raw values: what tests and the alt
    text read); the page's table under the chart shows it in a reader's words
    (:func:`~sqs_analysis.report.readable.shown`). ``one_inspection``: whether the page is about
    one inspection, so the table leaves out its id and area; None (the default) decides from the
    data (one ``inspection_id`` in every row).
    """

    figure: Figure
    data: pd.DataFrame
    alt_text: str
    title: str
    one_inspection: bool | None = None

    def __post_init__(self) -> None:
        # Report text in the figure is drawn as typed, never as maths. ``title``, ``alt_text``
        # and ``data`` keep the text unescaped (HTML escapes them itself).
        make_inert(self.figure)

    def to_bytes(self, fmt: str = "svg") -> bytes:
        """The figure as SVG or PNG bytes, identical from run to run; all its text literal."""
        buf = io.BytesIO()
        with mpl.rc_context(DETERMINISTIC_RC):
            make_inert(self.figure)  # again, for any text added since the chart was made
            layout.fit(self.figure)
            self.figure.savefig(buf, format=fmt, metadata=_SAVE_METADATA[fmt], dpi=110)
        return buf.getvalue()

    def readers_data(self) -> pd.DataFrame:
        """The chart's data as the page's table shows it: human titles and values."""
        return shown(self.data, self.one_inspection)

    def figure_html(self, fmt: str = "svg") -> str:
        """The figure with its alt text and caption (the message), without the table.

        SVG is inline (:func:`inline_svg`), its alt text its accessible name; PNG is an
        ``<img>`` with a data URI.
        """
        if fmt == "svg":
            image = inline_svg(self.to_bytes("svg").decode("utf-8"), self.alt_text)
        else:
            payload = base64.b64encode(self.to_bytes(fmt)).decode("ascii")
            image = (
                f'<img src="data:image/png;base64,{payload}" '
                f'alt="{html.escape(self.alt_text)}" style="max-width:100%;height:auto">'
            )
        return (
            f'<figure class="sqs-chart">{image}'
            f"<figcaption>{html.escape(self.title)}</figcaption>"
            "</figure>"
        )

    def data_html(self, open_rows: int = DATA_OPEN_MAX_ROWS, label: str = "") -> str:
        """The chart's data as a table in ``<details>``: open up to ``open_rows`` rows."""
        rows, cut = page_rows(self.readers_data())
        table = rows.to_html(index=False, classes="sqs-chart-data") + cut
        if self.data.empty:
            table += "<p>No rows: there is nothing to plot.</p>"
        rows = len(self.data)
        is_open = " open" if rows <= open_rows else ""
        summary = "Data for this chart" + (f": {html.escape(label)}" if label else "")
        summary += "" if is_open else f" ({rows} rows)"
        return (
            f'<details class="sqs-chart-data"{is_open}><summary>{summary}</summary>'
            f"{table}</details>"
        )

    def to_html(self, fmt: str = "svg") -> str:
        """The figure followed by the chart's data as a table (open when short)."""
        return self.figure_html(fmt) + "\n" + self.data_html()

    def figure_only(self) -> FigureOnly:
        """This chart shown without its table (the table goes to the page's appendix)."""
        return FigureOnly(self)

    def _repr_html_(self) -> str:
        return self.to_html()

    def __repr__(self) -> str:
        return f"Chart({self.title!r})"


@dataclass(frozen=True)
class FigureOnly:
    """A chart shown as its figure alone; :func:`chart_data` shows its table elsewhere."""

    chart: Chart

    def _repr_html_(self) -> str:
        return self.chart.figure_html()

    def __repr__(self) -> str:
        return f"FigureOnly({self.chart.title!r})"


def chart_data(items: list[object]) -> ChartData:
    """The data tables behind ``items``, folded, each named by its chart: a page's appendix.

    An item is a :class:`Chart`, or a section holding charts (anything with ``charts()``).
    """
    charts: list[Chart] = []
    for item in items:
        charts += [item] if isinstance(item, Chart) else list(item.charts())  # type: ignore[attr-defined]
    return ChartData(tuple(charts))


@dataclass(frozen=True)
class ChartData:
    """The tables behind several charts, each in its own closed ``<details>``."""

    charts: tuple[Chart, ...]

    def _repr_html_(self) -> str:
        return "\n".join(c.data_html(open_rows=0, label=c.title) for c in self.charts)

    def __repr__(self) -> str:
        return "\n\n".join(f"{c.title}\n{c.data.to_string(index=False)}" for c in self.charts)


#: seaborn's "whitegrid" style, ``dict(seaborn.axes_style("whitegrid"))`` (a test checks they
#: are equal) but for its colour map, "rocket", which only an imported seaborn registers and no
#: chart uses: importing seaborn imports scipy.stats, a second of every kernel's start.
WHITEGRID: dict[str, object] = {
    "figure.facecolor": "white", "axes.labelcolor": ".15", "xtick.direction": "out",
    "ytick.direction": "out", "xtick.color": ".15", "ytick.color": ".15",
    "axes.axisbelow": True, "grid.linestyle": "-", "text.color": ".15",
    "font.family": ["sans-serif"],
    "font.sans-serif": ["Arial", "DejaVu Sans", "Liberation Sans", "Bitstream Vera Sans",
                        "sans-serif"],
    "lines.solid_capstyle": "round", "patch.edgecolor": "w", "patch.force_edgecolor": True,
    "xtick.top": False, "ytick.right": False, "axes.grid": True,
    "axes.facecolor": "white", "axes.edgecolor": ".8", "grid.color": ".8",
    "axes.spines.left": True, "axes.spines.bottom": True, "axes.spines.right": True,
    "axes.spines.top": True, "xtick.bottom": False, "ytick.left": False,
}  # fmt: skip


def new_figure(width: float, height: float) -> tuple[Figure, Axes]:
    """A figure in seaborn's whitegrid style with one axes, not registered with pyplot."""
    with mpl.rc_context(WHITEGRID), mpl.rc_context(DETERMINISTIC_RC):
        fig = Figure(figsize=(width, height))  # laid out by layout.fit when it is saved
        ax = fig.add_subplot()
    return fig, ax


def empty_chart(title: str, message: str, columns: list[str]) -> Chart:
    """A chart that says there is nothing to draw, rather than an error or a blank square."""
    fig, ax = new_figure(CHART_WIDTH, 1.8)
    ax.axis("off")
    ax.text(0.5, 0.5, message, ha="center", va="center", fontsize=11, transform=ax.transAxes)
    _set_title(fig, title, ha="center")
    return Chart(fig, pd.DataFrame(columns=columns), f"{title}. {message}", title)


def to_float(value: object) -> float | None:
    """A float, or None for any kind of missing value (so arithmetic can test for it)."""
    return None if is_missing(value) else float(value)


def marker_handle(marker: str, colour: str, label: str, **style: object) -> Line2D:
    """A legend entry with no line: a marker outlined in black, as the charts draw them."""
    style = {"markeredgecolor": "black", "linestyle": "none", **style}
    return Line2D([], [], marker=marker, color=colour, label=label, **style)


def legend_below(fig: Figure, handles: list[Line2D]) -> None:
    """The legend in two columns under the axes, where it never covers data."""
    fig.legend(handles=handles, loc="outside lower center", ncol=2, fontsize=8, frameon=False)


def title_left(ax: Axes, title: str) -> None:
    """The chart's message, left-aligned and wrapped to the figure's width (not the axes').

    Long tick labels narrow the axes; a title wrapped to them would run to three lines. It is
    wrapped here, when it is set, so its height is known before the figure is drawn.
    """
    _set_title(ax.get_figure(), title, ha="left")


def _set_title(fig: Figure, title: str, ha: str) -> None:
    """The figure's title, wrapped at spaces to the figure's width less its edges."""
    width = fig.get_size_inches()[0] * (1 - 2 * layout.TITLE_X) - layout.EDGE
    with mpl.rc_context(DETERMINISTIC_RC):
        wrapped = layout.wrap_title(title, width, 11)
    x = layout.TITLE_X if ha == "left" else 0.5
    fig.suptitle(wrapped, fontsize=11, x=x, ha=ha, va="top")


_SVG_OPEN = re.compile(r"<svg\b[^>]*>")
_SVG_SIZE = re.compile(r'\s(width|height|viewBox)="([^"]*)"')
#: What a browser never shows: metadata (RDF), comments (matplotlib's copy of each text).
_SVG_UNSHOWN = re.compile(r"<metadata>.*?</metadata>|<!--.*?-->", re.DOTALL)
_SVG_ID = re.compile(r'\sid="([^"]*)"')
_SVG_REF = re.compile(r'(href="#|url\(#)([^")]*)')
#: An attribute's value (not the alt text), and a number in it with more than two decimals:
#: matplotlib writes six, in points (1/72 in), where two are a seven-thousandth of an inch.
#: Text is never touched.
_SVG_ATTRIBUTE = re.compile(r'(\s(?!aria-label=)[\w:-]+=")([^"]*)(")')
_SVG_FINE = re.compile(r"(-?\d+\.\d\d)\d+")


def inline_svg(svg: str, label: str) -> str:
    """An SVG file (matplotlib's) as an ``<svg>`` element for an HTML page, named ``label``.

    The XML prolog, DOCTYPE, metadata and comments go, and the whitespace between tags (a
    line break in a path is a space).
    ``role="img"`` with ``aria-label`` makes the alt text the image's name (and its parts
    presentational, as an ``<img>``'s). Every id left is one the drawing refers to (a clip path,
    a glyph, a marker, a hatch: matplotlib names every group too), prefixed with a hash of the
    drawing, so that two charts on one page never share an id and the same chart always has
    the same ids. The width and height it was drawn at stay, with ``max-width:100%`` and
    ``height:auto``: it shows at its size, scaled down (by its viewBox) to a narrower column,
    as the ``<img>`` it replaces did.
    """
    opening = _SVG_OPEN.search(svg)
    if opening is None:
        raise ValueError("not an SVG drawing: no <svg> element")
    body = _SVG_UNSHOWN.sub("", svg[opening.end() :])
    body = re.sub(r"\s*\n\s*", " ", re.sub(r">\s+<", "><", body)).strip()
    body = _SVG_ATTRIBUTE.sub(lambda m: m[1] + _SVG_FINE.sub(r"\1", m[2]) + m[3], body)
    prefix = "c" + hashlib.sha256(svg.encode("utf-8")).hexdigest()[:8] + "-"
    referred = {ref for _, ref in _SVG_REF.findall(body)}
    body = _SVG_ID.sub(lambda m: f' id="{prefix}{m[1]}"' if m[1] in referred else "", body)
    body = _SVG_REF.sub(lambda m: f"{m[1]}{prefix}{m[2]}", body)
    size = "".join(f' {name}="{value}"' for name, value in _SVG_SIZE.findall(opening.group()))
    xlink = ' xmlns:xlink="http://www.w3.org/1999/xlink"' if "xlink:" in body else ""
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg"{xlink}{size} role="img" '
        f'aria-label="{html.escape(label)}" style="max-width:100%;height:auto">{body}'
    )
