"""Cheap tests that let a regular-expression search skip text it cannot match.

Most searches here run a pattern that opens with ``\\b`` or is case-insensitive over a long text,
so the regex engine tries every position in turn. Two facts about a pattern let us skip most of
that work without changing any result, for ASCII text:

* its :func:`required_literals`: words one of which every match contains, so a text without any
  of them cannot match (one ``in`` test each);
* its :func:`anchors`: for each top-level alternative, the first literal run and the most
  characters a match can hold before it, so no match of that alternative starts earlier than the
  run's first place in the text less that many characters: the search may begin there.

``pattern.search(text, pos)`` still sees the text before ``pos`` (for ``\\b`` and look-behinds),
so it finds exactly what ``pattern.search(text)`` finds when no match starts before ``pos``.
"""

from __future__ import annotations

import re
from functools import lru_cache

#: Per top-level alternative: its first literal run (lower case) and the most characters before it.
Anchors = tuple[tuple[str, int], ...]
#: Literals and anchors of a pattern (:func:`bound`).
Bound = tuple[tuple[str, ...] | None, Anchors | None]

#: Widths above this are no use as a bound (and unbounded repeats report a huge width).
_MAX_USEFUL_WIDTH = 1000
#: Characters after a backslash that belong to the escape: hex and Unicode codes.
_ESCAPE_LENGTH = {"x": 2, "u": 4, "U": 8}


def _literal_runs(pattern: str) -> list[tuple[int, list[tuple[int, str]]]]:
    """Each top-level alternative's start index and its literal runs outside groups, with their
    start indexes. Runs are ASCII only (a non-ASCII letter can match an ASCII one when case is
    ignored: "ſ" and "s")."""
    alternatives: list[tuple[int, list[tuple[int, str]]]] = []
    depth = i = alternative_start = run_start = 0
    runs: list[tuple[int, str]] = []
    run = ""

    def close_run() -> None:
        nonlocal run
        if run and run.isascii():
            runs.append((run_start, run))
        run = ""

    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            close_run()
            i = _escape_end(pattern, i)
            continue
        if c in "([":
            close_run()
            depth += 1
            if c == "[":  # skip a character class whole
                i = _class_end(pattern, i)
                depth -= 1
                continue
        elif c == ")":
            close_run()
            depth -= 1
        elif c == "|" and depth == 0:
            close_run()
            alternatives.append((alternative_start, runs))
            runs, alternative_start = [], i + 1
        elif c in "?*+{":
            run = run[:-1]  # the quantified character is optional
            close_run()
            if c == "{":
                j = pattern.find("}", i)
                i = j if j != -1 else i
        elif c in ".^$":
            close_run()
        elif depth == 0:
            if not run:
                run_start = i
            run += c
        i += 1
    close_run()
    alternatives.append((alternative_start, runs))
    return alternatives


def required_literals(pattern: str) -> tuple[str, ...] | None:
    """For each top-level alternative, its longest literal run outside groups (None if any is short).

    Every match of an alternative contains that run, so a text that contains none of them cannot
    match: a safe, cheap filter before the regular expression.
    """
    best = [max((r for _, r in runs), key=len, default="") for _, runs in _literal_runs(pattern)]
    return tuple(b.lower() for b in best) if all(len(b) >= 3 for b in best) else None


def anchors(pattern: re.Pattern[str]) -> Anchors | None:
    """Each top-level alternative's first literal run, lower-cased, and the most characters a
    match can hold before it (None if an alternative has no run or no such bound)."""
    found: dict[str, int] = {}  # run -> the most before it, over the alternatives it opens
    for alternative_start, runs in _literal_runs(pattern.pattern):
        if not runs:
            return None
        run_start, run = runs[0]
        try:
            before = re.compile(pattern.pattern[alternative_start:run_start], pattern.flags)
        except re.error:  # e.g. a group reference to an earlier alternative: no bound
            return None
        lead = max_width(before)
        if lead is None:
            return None
        found[run.lower()] = max(lead, found.get(run.lower(), 0))
    return tuple(found.items())


def _escape_end(pattern: str, i: int) -> int:
    """Index just past the escape that starts at ``pattern[i]`` (a backslash)."""
    kind = pattern[i + 1 : i + 2]
    if kind in _ESCAPE_LENGTH:
        return i + 2 + _ESCAPE_LENGTH[kind]
    if kind == "N":  # \N{NAME}
        j = pattern.find("}", i)
        return j + 1 if j != -1 else len(pattern)
    if kind.isdigit():  # a group reference or an octal code: at most three digits
        j = i + 2
        while j < min(i + 4, len(pattern)) and pattern[j].isdigit():
            j += 1
        return j
    return i + 2


def _class_end(pattern: str, i: int) -> int:
    """Index just past the character class that starts at ``pattern[i]`` ("[")."""
    j = i + 1
    if pattern[j : j + 1] == "^":
        j += 1
    if pattern[j : j + 1] == "]":  # a "]" first in the class is a member
        j += 1
    while j < len(pattern) and pattern[j] != "]":
        j += 2 if pattern[j] == "\\" else 1
    return j + 1


def max_width(pattern: re.Pattern[str]) -> int | None:
    """The most characters a match of ``pattern`` can span, or None if unbounded or unknown."""
    try:
        from re import _parser  # the regex parser's own width: Python >= 3.11

        width = _parser.parse(pattern.pattern, pattern.flags).getwidth()[1]
    except Exception:  # pragma: no cover - a future Python without the private parser
        return None
    return width if width <= _MAX_USEFUL_WIDTH else None


@lru_cache(maxsize=256)
def bound(pattern: re.Pattern[str]) -> Bound:
    """The literals and anchors of a compiled pattern (none for a verbose one: spaces not literal)."""
    if pattern.flags & re.VERBOSE:
        return None, None
    return required_literals(pattern.pattern), anchors(pattern)


def earliest_start(
    lowered: str | None, literals: tuple[str, ...] | None, anchors: Anchors | None
) -> int | None:
    """Where a search for a pattern with these :func:`required_literals` and :func:`anchors`
    may begin in a text, or None when the text cannot match at all.

    ``lowered`` is the text lower-cased if it is ASCII, else None (then: search it all).
    """
    if lowered is None or not literals:
        return 0
    if not any(map(lowered.__contains__, literals)):  # the usual answer, so found the fastest way
        return None
    if anchors is None:
        return 0
    starts = [i - lead for run, lead in anchors if (i := lowered.find(run)) >= 0]
    return max(0, min(starts)) if starts else None  # no anchor: no alternative can match


def lowered(text: str) -> str | None:
    """The text lower-cased if it is ASCII (lower() then keeps every offset), else None."""
    return text.lower() if text.isascii() else None


def search(pattern: re.Pattern[str], text: str, low: str | None) -> re.Match[str] | None:
    """``pattern.search(text)``, skipping what the pattern's :func:`bound` rules out; ``low`` is
    the text's :func:`lowered` form."""
    pos = earliest_start(low, *bound(pattern))
    return None if pos is None else pattern.search(text, pos)
