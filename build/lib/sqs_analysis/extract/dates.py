"""Dates as reports write them: "08 July 2015", "7th March", "30 November - 2 December 2015".

Month names are defined in :mod:`sqs_analysis.domain`.
Patterns are linear: fixed words and bounded repeats.
"""

from __future__ import annotations

import datetime as dt
import re

from sqs_analysis.domain import MONTH_NAMES

#: Month number by every spelling reports use: full names and the usual abbreviations.
MONTHS: dict[str, int] = {name.lower(): i for i, name in enumerate(MONTH_NAMES, start=1)}
MONTHS.update({name[:3].lower(): i for i, name in enumerate(MONTH_NAMES, start=1)})
MONTHS["sept"] = 9

#: One month, as a regex fragment (longest spellings first so "June" is not read as "Jun").
MONTH = r"(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
DAY = r"\d{1,2}(?:st|nd|rd|th)?"
YEAR = r"(?:19|20)\d{2}"
_WEEKDAY = r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
_ON = r"(?:\s+of)?"  # "7th of March"

DATE = re.compile(rf"\b({DAY})(?:{_ON})\s+({MONTH})\s+({YEAR})\b", re.IGNORECASE)
#: "08/07/2015" or "08.07.2015" (day first, as in the UK).
NUMERIC_DATE = re.compile(r"\b(\d{1,2})[/.](\d{1,2})[/.]((?:19|20)\d{2})\b")
#: "July 2015" (a month and year with no day).
MONTH_YEAR = re.compile(rf"\b({MONTH})\s+({YEAR})\b", re.IGNORECASE)

_SEP = r"\s*(?:[-\u2010-\u2015]|to|and|until|till|through)\s*"  # any dash: the text may not be normalised
#: A range of days: "15-17 June 2015", "30 November - 2 December 2015", "7th to 9th March 2016",
#: "between 12 and 14 January 2015", "Monday 15 June to Wednesday 17 June 2015", "15, 16 and 17
#: June 2015" (first and last day).
DAY_RANGE = re.compile(
    rf"\b{_WEEKDAY}({DAY})(?:{_ON}\s+({MONTH}))?(?:\s+({YEAR}))?"
    rf"(?:,\s*{DAY}){{0,5}}{_SEP}{_WEEKDAY}({DAY})(?:{_ON})\s+({MONTH})\s+({YEAR})\b",
    re.IGNORECASE,
)


def month_number(name: str) -> int:
    """The month number (1-12) of a month name or abbreviation ("Jan." as "January")."""
    return MONTHS[name.lower().rstrip(".")]


def day_number(day: str) -> int:
    """The day of the month in an ordinal such as "21st"."""
    return int(re.sub(r"\D", "", day))


def make_date(day: str, month: str, year: str) -> dt.date:
    """A date from its words; raises ValueError for one that does not exist (31 February)."""
    return dt.date(int(year), month_number(month), day_number(day))


def year_month(month: str, year: str | int) -> str:
    """``YYYY-MM`` from a month's name and a year."""
    return f"{int(year):04d}-{month_number(month):02d}"


def find_date(text: str) -> tuple[dt.date | None, str | None]:
    """The first date in ``text`` and its year-month; the year-month alone for "July 2015".

    Raises ValueError when the text states a day that does not exist.
    """
    m = DATE.search(text)
    if m:
        found = make_date(*m.groups())
        return found, f"{found:%Y-%m}"
    m = NUMERIC_DATE.search(text)
    if m:
        found = dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        return found, f"{found:%Y-%m}"
    m = MONTH_YEAR.search(text)
    if m:
        return None, year_month(m.group(1), m.group(2))
    return None, None


def find_range(text: str) -> tuple[re.Match[str], dt.date, dt.date] | None:
    """The first range of days in ``text`` with its first and last date.

    A range without the first month or year takes the last one's ("15-17 June 2015"); one that
    crosses a new year without saying so ("30 December - 2 January 2016") starts the year before.
    Raises ValueError for a day that does not exist.
    """
    m = DAY_RANGE.search(text)
    if m is None:
        return None
    d1, m1, y1, d2, m2, y2 = m.groups()
    end = make_date(d2, m2, y2)
    start = make_date(d1, m1 or m2, y1 or y2)
    if start > end and not y1 and m1:
        start = start.replace(year=start.year - 1)
    return m, start, end
