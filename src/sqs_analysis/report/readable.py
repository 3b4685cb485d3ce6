"""Any frame a page shows, as a reader sees it: human column titles and human values.

Machine names (``share_met``, ``ci_low``, ``pre_sentence_and_panel_reports``) stay in the CSV,
Parquet and workbook tables and in every frame the code passes around (a chart's ``data``
included); only what a page shows goes through :func:`for_readers`:

- a column of a table is titled by its schema (``title`` in :mod:`sqs_analysis.tables.schemas`,
  one title a name); a column the report layer derives is titled by :data:`DERIVED_TITLES`, the
  one place for those; any other column keeps its name, its underscores made spaces;
- values are written as the report writes them: a share of cases as ``64%``, a rate as
  ``46.2%``, a gap as ``+10.1 points``, a date as ``8 July 2015``, a theme or report section by
  its label, a funnel position, verdict or kind of judgement in words, true/false as yes/no and
  a missing value as "not stated"; no number is shown to more places than it means;
- two columns that say one thing become one (:data:`PAIRS`): ``cases_met`` and ``cases`` as
  ``7 of 11``, ``ci_low`` and ``ci_high`` as ``35% to 85%`` (empty when both are missing).

A page about one inspection (``one_inspection``) does not repeat its id and area on every row.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType
from typing import Any

import numpy as np
import pandas as pd

from sqs_analysis.domain import BY_KEY, OPERATIONAL_MANAGEMENT_ID
from sqs_analysis.report.formatting import (
    NOT_STATED,
    fmt_date,
    fmt_fieldwork,
    fmt_month,
    fmt_pct,
    fmt_points,
    is_missing,
    theme_label,
)
from sqs_analysis.report.funnel import POSITION_LABELS, Position

#: A value as a reader's text.
Format = Callable[[Any], str]

#: Titles of the columns the report layer makes (selection, evidence, compare and the charts'
#: data); the tables' own columns take their titles from the schemas.
DERIVED_TITLES: dict[str, str] = {
    "share_met": "Share meeting the standard",
    "cases_met": "Cases meeting the standard",
    "cases": "Cases",
    "cases_short": "Cases falling short",
    "range_low": "Lowest share (range)",
    "range_high": "Highest share (range)",
    "pooled_share_met": "Pooled share meeting the standard",
    "low_95": "Lower 95% limit",
    "high_95": "Upper 95% limit",
    "low_998": "Lower 99.8% limit",
    "high_998": "Upper 99.8% limit",
    "rate_pct": "Reoffending rate",
    "gap_pct_points": "Gap to average",
    "percent": "Rate",
    "measure": "Measure",
    "cohort": "Cohort",
    "this_area": "This area",
    "counted_findings": "Counted findings",
    "findings": "Findings",
    "label": "Theme",
    "inspections": "Inspections",
    "of": "Out of",
    "strengths": "Key strengths",
    "improvements": "Areas for improvement",
    "as_stated": "As the report states it",
    "with_gap_above_average": "Gap above average",
    "with_stated_gap": "With a stated gap",
    "median_gap_pct_points": "Median gap to average",
    "counted_cases_met": "Counted cases meeting the standard",
    "counted_cases": "Counted cases",
}
#: ``position`` holding funnel positions (``within``, ``above_95``) rather than a list's order.
FUNNEL_POSITION_TITLE = "Where it falls"

#: Words for the kinds of judgement and the verdicts of findings.
KIND_LABELS = {"strength": "Key strength", "improvement": "Area for improvement"}
VERDICT_LABELS = {"met": "met the standard", "not_met": "fell short"}
_DENOMINATOR_SOURCES = {
    "stated": "the same sentence", "previous_sentence": "the sentence before",
    "cases_examined": "all cases examined",
}  # fmt: skip
_QUANTIFIER_KINDS = {
    "count_of": "a count of cases (7 of 11)", "count": "a number of cases (in 11 cases)",
    "fraction_word": "a fraction in words (just over half)", "percent": "a percentage",
    "all": "all cases", "all_but": "all but some (all but one)", "none": "no cases",
    "vague": "words with no number (many, some)",
}  # fmt: skip
#: Parts of a report the quality table names that are not columns.
_FIELD_WORDS = {"contacts": "Copy list", "paragraphs": "Paragraphs", "file": "The whole file"}
#: Columns a page about one inspection leaves out: every row would repeat them.
ID_COLUMNS = ("inspection_id", "area")


# --------------------------------------------------------------------------------- one value


def _number(value: float) -> str:
    """A number of no stated kind: whole as a whole number, else at most two decimals."""
    if not math.isfinite(value):
        return NOT_STATED if math.isnan(value) else str(value)
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def plain(value: Any) -> str:
    """Any value by its kind: yes/no, a whole number, a short number, a date, or its text."""
    if is_missing(value):
        return NOT_STATED
    if isinstance(value, bool | np.bool_):
        return "yes" if value else "no"
    if isinstance(value, int | np.integer):
        return str(int(value))
    if isinstance(value, float | np.floating):
        return _number(float(value))
    if isinstance(value, dt.date | np.datetime64):
        return fmt_date(value)
    return str(value)


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float | np.number) and not isinstance(value, bool | np.bool_)


def _numeric(fmt: Format) -> Format:
    """``fmt`` for numbers; anything else as :func:`plain` (so a stray text never fails)."""

    def show(value: Any) -> str:
        if is_missing(value) or not _is_number(value) or not math.isfinite(float(value)):
            return plain(value)
        return fmt(value)

    return show


def _timestamp(value: Any) -> pd.Timestamp | None:
    """A date from a date or an ISO text; None for anything else."""
    if not isinstance(value, dt.date | np.datetime64 | str):
        return None
    try:
        stamp = pd.Timestamp(value)
    except (ValueError, TypeError, OverflowError):
        return None
    return None if pd.isna(stamp) else stamp


def _date(value: Any) -> str:
    stamp = _timestamp(value)
    return plain(value) if stamp is None else fmt_date(stamp)


def _month(value: Any) -> str:
    return fmt_month(value) if isinstance(value, str) else plain(value)


def _words(words: Mapping[str, str]) -> Format:
    """Keys shown in the words given for them; any other value as :func:`plain`."""
    return lambda value: words.get(value, plain(value)) if isinstance(value, str) else plain(value)


def _theme(value: Any) -> str:
    return theme_label(value) if isinstance(value, str) else plain(value)


_POSITIONS = frozenset(p.value for p in Position)


def field_words(value: Any) -> str:
    """A field the quality table names: a column by its title, a part of the report in words."""
    if not isinstance(value, str):
        return plain(value)
    return titles().get(value) or _FIELD_WORDS.get(value) or value.replace("_", " ")


_SHARE = _numeric(lambda value: f"{float(value):.0%}")
_PCT, _POINTS = _numeric(fmt_pct), _numeric(fmt_points)

#: How each known column's values read; any other column's values read as :func:`plain`.
FORMATS: dict[str, Format] = {
    **dict.fromkeys(
        ["share_met", "range_low", "range_high", "ci_low", "ci_high", "pooled_share_met",
         "low_95", "high_95", "low_998", "high_998", "proportion", "proportion_low",
         "proportion_high"],
        _SHARE,
    ),
    **dict.fromkeys(["reoffending_rate_pct", "ew_average_pct", "rate_pct", "percent"], _PCT),
    **dict.fromkeys(["rate_gap_pct_points", "gap_pct_points", "median_gap_pct_points"], _POINTS),
    **dict.fromkeys(["publication_date", "fieldwork_start", "fieldwork_end"], _date),
    **dict.fromkeys(["cohort_start", "cohort_end", "rate_published"], _month),
    "section": _words({key: section.label for key, section in BY_KEY.items()}),
    "theme": _theme,
    "paragraph_id": _words({OPERATIONAL_MANAGEMENT_ID: BY_KEY["operational_management"].label}),
    "position": _words({p.value: label for p, label in POSITION_LABELS.items()}),
    "verdict": _words(VERDICT_LABELS),
    "kind": _words(KIND_LABELS),
    "denominator_source": _words(_DENOMINATOR_SOURCES),
    "quantifier_kind": _words(_QUANTIFIER_KINDS),
    "field": field_words,
}  # fmt: skip


# --------------------------------------------------------------------------------- pairs


def _of(first: str | None, second: str | None) -> str:
    if first is None:
        return f"{NOT_STATED} (of {second})"
    return f"{first} (of a number not stated)" if second is None else f"{first} of {second}"


def _to(low: str | None, high: str | None) -> str:
    if low is None:
        return f"up to {high}"
    if high is None:
        return f"from {low}"
    return low if low == high else f"{low} to {high}"


def _days(start: Any, end: Any) -> str | None:
    """Fieldwork dates as ``15 to 17 June 2015``; None when either is not a date."""
    stamps = [None if is_missing(v) else _timestamp(v) for v in (start, end)]
    if any(s is None and not is_missing(v) for s, v in zip(stamps, (start, end), strict=True)):
        return None
    return fmt_fieldwork({"fieldwork_start": stamps[0], "fieldwork_end": stamps[1]})


@dataclass(frozen=True)
class Pair:
    """Two columns shown as one: ``7 of 11``, ``35% to 85%``.

    ``join`` puts the two values, each shown as its column shows it (None: missing), together;
    ``whole``, when given, shows both raw values at once where it can (None: it cannot).
    """

    first: str
    second: str
    title: str
    join: Callable[[str | None, str | None], str]
    whole: Callable[[Any, Any], str | None] | None = None

    def combine(self, a: Any, b: Any) -> str:
        """The pair's cell: empty when both are missing, the missing one said in words."""
        if is_missing(a) and is_missing(b):
            return ""
        shown = self.whole(a, b) if self.whole else None
        if shown is not None:
            return shown
        first, second = (
            None if is_missing(v) else _cell(name, v)
            for name, v in ((self.first, a), (self.second, b))
        )
        return self.join(first, second)


#: Pairs of columns shown as one, first match first (a column joins one pair at most).
PAIRS: tuple[Pair, ...] = (
    Pair("cases_met", "cases", "Cases meeting the standard", _of),
    Pair("cases_met", "denominator", "Cases meeting the standard", _of),
    Pair("cases_short", "cases", "Cases falling short", _of),
    Pair("numerator", "denominator", "Cases", _of),
    Pair("counted_cases_met", "counted_cases", "Counted cases meeting the standard", _of),
    Pair("with_gap_above_average", "with_stated_gap", "Gap above average", _of),
    Pair("inspections", "of", "Inspections naming it", _of),
    Pair("ci_low", "ci_high", "95% interval", _to),
    Pair("range_low", "range_high", "Range meeting the standard", _to),
    Pair("proportion_low", "proportion_high", "Range the words allow", _to),
    Pair("low_95", "high_95", "95% limits", _to),
    Pair("low_998", "high_998", "99.8% limits", _to),
    Pair("cohort_start", "cohort_end", "Cohort", _to),
    Pair("fieldwork_start", "fieldwork_end", "Fieldwork", _to, _days),
)


# --------------------------------------------------------------------------------- columns


def _schema_titles() -> dict[str, str]:
    from sqs_analysis.tables.schemas import TABLES  # the plain schemas: no pandera to import

    return {
        str(name): str(col.title)
        for table in TABLES.values()
        for name, col in table.columns.items()
        if col.title
    }


@lru_cache(maxsize=1)
def titles() -> Mapping[str, str]:
    """Every known column's title (read-only): the tables' from their schemas, and the derived."""
    return MappingProxyType({**DERIVED_TITLES, **_schema_titles()})


def _is_funnel_position(series: pd.Series) -> bool:
    """Text that is all funnel positions (an empty column of text too: a funnel with no points)."""
    if pd.api.types.is_numeric_dtype(series.dtype):
        return False
    return all(isinstance(v, str) and v in _POSITIONS for v in series.dropna())


def title(name: Any, series: pd.Series | None = None) -> str:
    """A column's title: its schema's or the derived one; else its name with spaces, capitalised.

    ``position`` holding funnel positions is :data:`FUNNEL_POSITION_TITLE`, not a list's order.
    """
    key = str(name)
    if key == "position" and series is not None and _is_funnel_position(series):
        return FUNNEL_POSITION_TITLE
    known = titles().get(key)
    if known:
        return known
    words = " ".join(key.replace("_", " ").split())
    return words[:1].upper() + words[1:] if words else "Column"


def _cell(name: str, value: Any) -> str:
    return FORMATS.get(name, plain)(value)


def _pairs_in(names: list[str]) -> dict[str, Pair]:
    """The pairs ``names`` hold, each keyed by the one of its columns that comes first."""
    found: dict[str, Pair] = {}
    used: set[str] = set()
    for pair in PAIRS:
        if {pair.first, pair.second} <= set(names) - used:
            anchor = min(pair.first, pair.second, key=names.index)
            found[anchor] = pair
            used |= {pair.first, pair.second}
    return found


def _unique(heading: str, taken: set[str]) -> str:
    """``heading``, or ``heading (2)`` and so on when a column already has it."""
    n, candidate = 1, heading
    while candidate in taken:
        n += 1
        candidate = f"{heading} ({n})"
    taken.add(candidate)
    return candidate


def single_inspection(frame: pd.DataFrame) -> bool:
    """True when the frame's rows are all about one inspection (one ``inspection_id`` value)."""
    if "inspection_id" not in frame.columns:
        return False
    return frame["inspection_id"].dropna().astype(str).nunique() == 1


def shown(frame: pd.DataFrame, one_inspection: bool | None = None) -> pd.DataFrame:
    """:func:`for_readers`, deciding ``one_inspection`` from the frame when it is None.

    A frame whose rows all have one ``inspection_id`` (:func:`single_inspection`) is about that
    inspection: what a briefing's tables and charts show. Tables and charts call this.
    """
    one = single_inspection(frame) if one_inspection is None else one_inspection
    return for_readers(frame, one_inspection=one)


def for_readers(frame: pd.DataFrame, *, one_inspection: bool = False) -> pd.DataFrame:
    """``frame`` as a page shows it: titled columns, every value as text, rows in their order.

    ``one_inspection`` leaves out :data:`ID_COLUMNS` (the page is about one inspection). A
    ``theme`` column is left out when a ``label`` column gives its words already.
    """
    names = [str(c) for c in frame.columns]
    drop = set(ID_COLUMNS) if one_inspection else set()
    if "label" in names:
        drop.add("theme")
    keep = [i for i, n in enumerate(names) if n not in drop]
    pairs = _pairs_in([names[i] for i in keep])
    partners = {p.second if anchor == p.first else p.first for anchor, p in pairs.items()}
    columns: dict[str, list[str]] = {}
    taken: set[str] = set()
    for i in keep:
        name, series = names[i], frame.iloc[:, i]
        if name in partners:
            continue
        if name in pairs:
            pair = pairs[name]
            a, b = frame.iloc[:, names.index(pair.first)], frame.iloc[:, names.index(pair.second)]
            heading, cells = pair.title, [pair.combine(x, y) for x, y in zip(a, b, strict=True)]
        else:
            heading, cells = title(name, series), [_cell(name, v) for v in series]
        columns[_unique(heading, taken)] = cells
    return pd.DataFrame(columns, index=frame.index, dtype=object)
