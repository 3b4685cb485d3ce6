r"""Chart text is drawn as typed: never read as mathtext or TeX.

Why this module exists: report text (an area name, a strength, an aspect) reaches chart titles,
tick labels, annotations and legends, and matplotlib reads an even number of ``$`` in any of
them as maths: ``Money $\frac$ Town`` raises while drawing, ``Cost $5 and $10`` comes out in
italics. ``text.parse_math = False`` is not enough, because text drawn with ``wrap=True`` is
measured as mathtext all the same. So the one rule is: just before a figure is saved, every
string it draws has each ``$`` escaped as ``\$``, which matplotlib draws as a plain ``$``
(:func:`escape`), with mathtext parsing on and TeX off for every text.

:func:`make_inert` applies the rule to a whole figure: every ``Text`` artist (titles,
suptitles, axis labels, ``ax.text``, annotations, legend entries) and every tick label. Tick
labels are rewritten from their formatter at each draw, so escaping them once is not enough:
each axis' formatters are wrapped in :class:`InertFormatter`, which escapes what they produce.
The pass is idempotent: a text already escaped by it is left alone, a formatter already
wrapped is not wrapped again. The suite's charts draw no intentional mathtext, and
``axes.formatter.use_mathtext`` and ``text.usetex`` are pinned off where charts are made
(``charts.base.DETERMINISTIC_RC``), so numeric tick labels never contain any either.
"""

from __future__ import annotations

import weakref

from matplotlib import axis as maxis
from matplotlib import text as mtext
from matplotlib import ticker as mticker
from matplotlib.figure import Figure

#: The escaped string each Text was last given by :func:`make_inert` (so a second pass skips it).
_ESCAPED: weakref.WeakKeyDictionary[mtext.Text, str] = weakref.WeakKeyDictionary()


def escape(text: str) -> str:
    r"""``text`` as matplotlib must be given it to draw it literally (mathtext parsing on).

    Every ``$`` becomes ``\$``: no unescaped dollar is left, so the text is never maths, and
    matplotlib turns each ``\$`` of plain text back into ``$``; a backslash already before a
    dollar is kept, because only the one added is removed.
    """
    return str(text).replace("$", "\\$")


class InertFormatter(mticker.Formatter):
    """Another tick formatter's labels, escaped with :func:`escape`."""

    def __init__(self, inner: mticker.Formatter) -> None:
        self.inner = inner

    def set_axis(self, axis: object) -> None:
        """Give the inner formatter the axis too."""
        super().set_axis(axis)
        self.inner.set_axis(axis)

    def set_locs(self, locs: object) -> None:
        """Pass the tick locations on to the inner formatter."""
        self.inner.set_locs(locs)

    def __call__(self, x: float, pos: int | None = None) -> str:
        """The inner formatter's label for one tick, escaped."""
        return escape(self.inner(x, pos))

    def format_ticks(self, values: object) -> list[str]:
        """The inner formatter's labels, escaped."""
        return [escape(s) for s in self.inner.format_ticks(values)]

    def format_data(self, value: float) -> str:
        """The inner formatter's value text, escaped."""
        return escape(self.inner.format_data(value))

    def format_data_short(self, value: float) -> str:
        """The inner formatter's mouse-over text, left plain (it is never drawn as text)."""
        return self.inner.format_data_short(value)  # the mouse-over read-out: plain text

    def get_offset(self) -> str:
        """The inner formatter's offset text, escaped."""
        return escape(self.inner.get_offset())


def make_inert(fig: Figure) -> Figure:
    """Escape every string ``fig`` draws, now and at every later draw; returns ``fig``."""
    regenerated: set[int] = set()  # tick labels and offsets: rewritten from formatters at draw
    for axis in fig.findobj(maxis.Axis):
        for formatter, wrap in (
            (axis.get_major_formatter(), axis.set_major_formatter),
            (axis.get_minor_formatter(), axis.set_minor_formatter),
        ):
            if not isinstance(formatter, InertFormatter):
                wrap(InertFormatter(formatter))
        regenerated.add(id(axis.offsetText))
        for tick in (*axis.get_major_ticks(), *axis.get_minor_ticks()):
            regenerated.update((id(tick.label1), id(tick.label2)))
    for text in fig.findobj(mtext.Text):
        text.set_usetex(False)
        text.set_parse_math(True)
        if id(text) in regenerated or _ESCAPED.get(text) == text.get_text():
            continue
        escaped = escape(text.get_text())
        text.set_text(escaped)
        _ESCAPED[text] = escaped
    return fig
