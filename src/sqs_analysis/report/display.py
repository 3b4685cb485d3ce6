"""How sentences and tables show in a notebook: escaped HTML, no row index, "not stated".

Report text reaches pages through these wrappers only, so every string is escaped once,
in one place, before it becomes HTML (and reads as plain text outside a notebook). A table
shows its frame as a reader reads it (:func:`~sqs_analysis.report.readable.shown`: human
titles and values), while ``TableView.frame`` keeps the machine frame.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from sqs_analysis.report.formatting import NOT_STATED
from sqs_analysis.report.readable import shown


@dataclass(frozen=True)
class Prose:
    """Paragraphs that show as escaped HTML in a notebook (and as plain text elsewhere)."""

    paragraphs: tuple[str, ...]
    heading: str | None = None
    level: int = 2

    def _repr_html_(self) -> str:
        tag = f"h{self.level}"
        head = f"<{tag}>{html.escape(self.heading)}</{tag}>\n" if self.heading else ""
        body = "\n".join(f"<p>{html.escape(p)}</p>" for p in self.paragraphs if p)
        return f'<div class="sqs-prose">{head}{body}</div>'

    def __str__(self) -> str:
        head = f"{self.heading}\n\n" if self.heading else ""
        return head + "\n\n".join(p for p in self.paragraphs if p)

    __repr__ = __str__


def prose(paragraphs: Iterable[str], heading: str | None = None, level: int = 2) -> Prose:
    """Wrap sentences so a notebook shows them as escaped paragraphs under an optional heading."""
    return Prose(tuple(paragraphs), heading, level)


#: The most rows of one table a page shows. Longer tables (a corpus of 150 inspections has a
#: thousand worded findings) show their first rows, say how many there are and where all of
#: them are, so a page stays small enough to open and print (issue 16: a comparison page of 150
#: inspections in at most 600 KB).
PAGE_MAX_ROWS = 60
#: Where every row is, said under a table cut to :data:`PAGE_MAX_ROWS`.
ALL_ROWS_AT = (
    "Every row is in the tables this page was made from (data/processed: CSV, Parquet and the "
    "workbook sqs-tables.xlsx)."
)


def page_rows(
    frame: pd.DataFrame, max_rows: int | None = PAGE_MAX_ROWS
) -> tuple[pd.DataFrame, str]:
    """The rows of ``frame`` a page shows (its first ``max_rows``), and a note if it is cut."""
    if max_rows is None or len(frame) <= max_rows:
        return frame, ""
    note = f"The first {max_rows} of {len(frame):,} rows are shown. {ALL_ROWS_AT}"
    return frame.head(max_rows), f'<p class="sqs-rows-cut">{html.escape(note)}</p>'


def display_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy with every missing value (None, NaN, pd.NA, NaT) as "not stated", names kept.

    Pages show tables through :class:`TableView`, in a reader's words, instead.
    """
    shown = frame.astype(object)
    return shown.where(frame.notna(), NOT_STATED)


@dataclass(frozen=True)
class TableView:
    """A DataFrame shown without its index (escaped), or a sentence when it is empty.

    It is shown in a reader's words (:meth:`readers_frame`). ``one_inspection``: whether the page
    is about one inspection, so its id and area columns are left out; None (the default) decides
    from the frame: a frame whose rows all have one ``inspection_id`` is about that inspection.
    """

    frame: pd.DataFrame
    empty_message: str = "None."
    caption: str | None = None
    collapse_over: int | None = None
    one_inspection: bool | None = None
    #: At most this many rows shown (:func:`page_rows`); None: every row.
    max_rows: int | None = PAGE_MAX_ROWS

    def readers_frame(self) -> pd.DataFrame:
        """The frame as the page shows it: human titles and values, every cell text."""
        return shown(self.frame, self.one_inspection)

    def _repr_html_(self) -> str:
        if self.frame.empty:
            return f'<p class="sqs-empty">{html.escape(self.empty_message)}</p>'
        rows, cut = page_rows(self.readers_frame(), self.max_rows)
        table = rows.to_html(index=False, escape=True) + cut
        if self.collapse_over is not None and len(self.frame) > self.collapse_over:
            # A long table stays out of the reader's way until asked for.
            what = html.escape(self.caption or "Table")
            return (
                f'<details class="sqs-long-table"><summary>{what} ({len(self.frame)} rows)'
                f"</summary>{table}</details>"
            )
        cap = f"<p><strong>{html.escape(self.caption)}</strong></p>" if self.caption else ""
        return cap + table

    def __repr__(self) -> str:
        if self.frame.empty:
            return self.empty_message
        return self.readers_frame().to_string(index=False)


def as_table(
    frame: pd.DataFrame,
    empty: str = "None.",
    caption: str | None = None,
    collapse_over: int | None = None,
    *,
    one_inspection: bool | None = None,
    max_rows: int | None = PAGE_MAX_ROWS,
) -> TableView:
    """Show a table without the row index, in a reader's words, saying so if it is empty.

    With ``collapse_over``, a table longer than that many rows is folded into ``<details>``.
    ``one_inspection`` as in :class:`TableView` (None: decided from the frame). At most
    ``max_rows`` rows are shown (:func:`page_rows`; None: all, for a page's reference table).
    """
    return TableView(frame, empty, caption, collapse_over, one_inspection, max_rows)


@dataclass(frozen=True)
class Section:
    """Several displayable parts (prose, charts, tables) shown one after another.

    A notebook cell returns one object, so a part of a page whose content depends on the data
    (a chart, or a sentence saying there is not enough to draw it) is a Section.
    """

    parts: tuple[object, ...]

    def _repr_html_(self) -> str:
        return "\n".join(p._repr_html_() for p in self.parts)  # type: ignore[attr-defined]

    def charts(self) -> list[object]:
        """The charts shown as figures alone here, whose tables belong in an appendix."""
        return [p.chart for p in self.parts if hasattr(p, "chart")]  # type: ignore[attr-defined]

    def __repr__(self) -> str:
        return "\n\n".join(repr(p) for p in self.parts)
