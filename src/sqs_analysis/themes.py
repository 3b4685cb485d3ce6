"""Theme tags for strengths, areas for improvement and paragraphs, from a controlled vocabulary.

The vocabulary is data (``vocab/themes.csv``: theme, pattern, note) so that an analyst can read
why a tag was given (``ThemeTag.matched`` holds the exact words) and change it without touching
code. Patterns are case-insensitive regular expressions; a plain word or phrase works as-is.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


@dataclass(frozen=True)
class ThemeTag:
    """One theme given to a text, with the words that earned it."""

    theme: str
    matched: str


@dataclass(frozen=True)
class ThemeRule:
    """A row of ``vocab/themes.csv``."""

    theme: str
    pattern: re.Pattern[str]
    note: str
    #: Lower-case words one of which every match contains (None: no such words), so a text
    #: without any of them is skipped without running the pattern.
    literals: tuple[str, ...] | None = None
    #: The most characters a match can span (None: no useful bound); see :func:`earliest_start`.
    width: int | None = None


def required_literals(pattern: str) -> tuple[str, ...] | None:
    """For each top-level alternative, its longest literal run outside groups (None if any is short).

    Every match of an alternative contains that run, so a text that contains none of them cannot
    match: a safe, cheap filter before the regular expression.
    """
    alternatives: list[list[str]] = []
    depth = i = 0
    runs: list[str] = []
    run = ""

    def close_run() -> None:
        nonlocal run
        if run:
            runs.append(run)
        run = ""

    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            close_run()
            i += 2
            continue
        if c in "([":
            close_run()
            depth += 1
            if c == "[":  # skip a character class whole
                j = pattern.find("]", i + 2)
                i = (j if j != -1 else len(pattern) - 1) + 1
                depth -= 1
                continue
        elif c == ")":
            close_run()
            depth -= 1
        elif c == "|" and depth == 0:
            close_run()
            alternatives.append(runs)
            runs = []
        elif c in "?*+{":
            run = run[:-1]  # the quantified character is optional
            close_run()
            if c == "{":
                j = pattern.find("}", i)
                i = j if j != -1 else i
        elif c in ".^$":
            close_run()
        elif depth == 0:
            run += c
        i += 1
    close_run()
    alternatives.append(runs)
    best = [max(r, key=len).lower() if r else "" for r in alternatives]
    return tuple(best) if all(len(b) >= 3 for b in best) else None


#: Widths above this are no use as a bound (and unbounded repeats report a huge width).
_MAX_USEFUL_WIDTH = 1000


def max_width(pattern: re.Pattern[str]) -> int | None:
    """The most characters a match of ``pattern`` can span, or None if unbounded or unknown."""
    try:
        from re import _parser  # the regex parser's own width: Python >= 3.11

        width = _parser.parse(pattern.pattern, pattern.flags).getwidth()[1]
    except Exception:  # pragma: no cover - a future Python without the private parser
        return None
    return width if width <= _MAX_USEFUL_WIDTH else None


def earliest_start(
    lowered: str | None, literals: tuple[str, ...] | None, width: int | None
) -> int | None:
    """Where a search for a pattern with these :func:`required_literals` and :func:`max_width`
    may begin in a text, or None when the text cannot match at all.

    ``lowered`` is the text lower-cased if it is ASCII, else None (then: search it all). Every
    match holds one of the literals, so it ends no earlier than the first literal found ends and
    starts at most ``width`` before that: ``pattern.search(text, pos)`` finds the same match as
    ``pattern.search(text)`` (a search from ``pos`` still sees the text before it, for ``\\b``),
    without trying the places before ``pos``.
    """
    if lowered is None or not literals:
        return 0
    if not any(map(lowered.__contains__, literals)):  # the usual answer, so found the fastest way
        return None
    if width is None:
        return 0
    first_end = min(i + len(word) for word in literals if (i := lowered.find(word)) >= 0)
    return max(0, first_end - width)


@lru_cache(maxsize=1)
def _vocabulary() -> tuple[ThemeRule, ...]:
    text = resources.files("sqs_analysis").joinpath("vocab", "themes.csv").read_text("utf-8")
    rules = []
    for row in csv.DictReader(text.splitlines()):
        pattern = re.compile(row["pattern"].strip(), re.IGNORECASE)
        rules.append(
            ThemeRule(
                row["theme"].strip(),
                pattern,
                (row.get("note") or "").strip(),
                required_literals(row["pattern"].strip()),
                max_width(pattern),
            )
        )
    return tuple(rules)


@lru_cache(maxsize=1)
def _theme_order() -> tuple[str, ...]:
    return tuple(dict.fromkeys(rule.theme for rule in _vocabulary()))


def load_theme_vocabulary() -> list[ThemeRule]:
    """The theme rules in vocabulary order (one or more rows per theme)."""
    return list(_vocabulary())


def tag_themes(text: str) -> list[ThemeTag]:
    """Each theme at most once, in vocabulary order, with its earliest matching words."""
    best: dict[str, re.Match[str]] = {}
    lowered = text.lower() if text.isascii() else None  # the filter is exact for ASCII only
    for rule in _vocabulary():
        pos = earliest_start(lowered, rule.literals, rule.width)
        if pos is None:
            continue
        m = rule.pattern.search(text, pos)
        if m and (rule.theme not in best or m.start() < best[rule.theme].start()):
            best[rule.theme] = m
    return [ThemeTag(theme, best[theme].group(0)) for theme in _theme_order() if theme in best]
