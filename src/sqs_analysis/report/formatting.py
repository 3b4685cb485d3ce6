"""Values as report text: percentages, gaps, dates, cohorts, names and lists.

Every page writes a figure the same way because every page formats it here. Each formatter
copes with a missing value by saying "not stated" rather than guessing.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

from sqs_analysis.domain import BY_KEY, COMMENTARY, MONTH_NAMES
from sqs_analysis.extract.themes import theme_labels

NOT_STATED = "not stated"

#: Human names of the report's themes, in report order.
THEME_LABELS: dict[str, str] = {key: BY_KEY[key].label for key in COMMENTARY}

_MONTHS = MONTH_NAMES


def is_missing(value: Any) -> bool:
    """True for None, NaN, pd.NA and NaT, so callers need not care which one a table holds."""
    if value is None:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def theme_label(theme: Any) -> str:
    """A readable name for a report theme or a judgement theme key such as ``planning``.

    A report section's label comes from ``domain``, a judgement theme's from the ``label`` column
    of ``vocab/themes.csv``; any other key is shown with spaces for its underscores.
    """
    if is_missing(theme):
        return "Unassigned"
    key = str(theme)
    if key in THEME_LABELS:
        return THEME_LABELS[key]
    return theme_labels().get(key) or key.replace("_", " ").capitalize()


def possessive(name: str) -> str:
    """``St Helens'`` and ``Somerset's``: titles read naturally for either ending."""
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def area_name(row: pd.Series) -> str:
    """The inspection's area, or its id when the report does not name the area."""
    area = row.get("area")
    return str(area) if not is_missing(area) else str(row.get("inspection_id"))


def count_noun(n: int, noun: str) -> str:
    """``1 inspection`` / ``2 inspections``: a count with its noun in the right number."""
    return f"{n} {noun}{'' if n == 1 else 's'}"


def join_and(parts: Sequence[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    parts = list(parts)
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def fmt_pct(value: Any, digits: int = 1) -> str:
    """A percentage such as ``46.2%``, or "not stated"."""
    if is_missing(value):
        return NOT_STATED
    return f"{float(value):.{digits}f}%"


def fmt_points(value: Any) -> str:
    """A signed gap such as ``+10.1 points`` (a true minus sign for negatives), or "not stated"."""
    if is_missing(value):
        return NOT_STATED
    v = round(float(value), 1)
    if v == 0:
        return "0.0 points"
    sign = "+" if v > 0 else "\u2212"
    return f"{sign}{abs(v):.1f} points"


def fmt_int(value: Any) -> str:
    """A whole number, or "not stated"."""
    return NOT_STATED if is_missing(value) else str(int(value))


def fmt_text(value: Any) -> str:
    """Any value as text, or "not stated" when it is missing (for tables read by people)."""
    return NOT_STATED if is_missing(value) else str(value)


def fmt_date(value: Any) -> str:
    """``8 July 2015``, or "not stated"."""
    if is_missing(value):
        return NOT_STATED
    ts = pd.Timestamp(value)
    return f"{ts.day} {_MONTHS[ts.month - 1]} {ts.year}"


def fmt_month(value: Any) -> str:
    """``2012-04`` as ``April 2012`` (the report's cohort months), or "not stated"."""
    if is_missing(value):
        return NOT_STATED
    text = str(value)
    try:
        year, month = text.split("-")[:2]
        return f"{_MONTHS[int(month) - 1]} {int(year)}"
    except (ValueError, IndexError):
        return text


def fmt_cohort(row: pd.Series) -> str:
    """The cohort the rate and its average describe, e.g. ``April 2012 to March 2013``."""
    start, end = row.get("cohort_start"), row.get("cohort_end")
    if is_missing(start) and is_missing(end):
        return NOT_STATED
    return f"{fmt_month(start)} to {fmt_month(end)}"


def fmt_fieldwork(row: pd.Series) -> str:
    """Fieldwork dates such as ``15 to 17 June 2015``, or "not stated"."""
    start, end = row.get("fieldwork_start"), row.get("fieldwork_end")
    if is_missing(start) or is_missing(end):
        return fmt_date(start if not is_missing(start) else end)
    s, e = pd.Timestamp(start), pd.Timestamp(end)
    if s == e:
        return fmt_date(s)
    if (s.year, s.month) == (e.year, e.month):
        return f"{s.day} to {fmt_date(e)}"
    if s.year == e.year:
        return f"{s.day} {_MONTHS[s.month - 1]} to {fmt_date(e)}"
    return f"{fmt_date(s)} to {fmt_date(e)}"


def gap_phrase(gap: Any) -> str:
    """``10.1 percentage points above`` / ``below`` / ``the same as`` the average."""
    if is_missing(gap):
        return ""
    v = round(float(gap), 1)
    if v == 0:
        return "the same as"
    return f"{abs(v):.1f} percentage points {'above' if v > 0 else 'below'}"
