r"""Cheap tests that let a regular-expression search skip text it cannot match.

Most searches here run a pattern that opens with ``\b`` or is case-insensitive over a long text,
so the regex engine tries every position in turn. Two facts about a pattern let us skip most of
that work without changing any result, for ASCII text:

* its :func:`required_literals`: words one of which every match contains, so a text without any
  of them cannot match (one ``in`` test each);
* its :func:`anchors`: for each top-level alternative, the first literal run and the most
  characters a match can hold before it, so no match of that alternative starts earlier than the
  run's first place in the text less that many characters: the search may begin there.

``pattern.search(text, pos)`` still sees the text before ``pos`` (for ``\b`` and look-behinds),
so it finds exactly what ``pattern.search(text)`` finds when no match starts before ``pos``.
"""

from __future__ import annotations

import math
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


class _Runs:
    """The literal runs of a pattern, gathered alternative by alternative."""

    def __init__(self) -> None:
        self.alternatives: list[tuple[int, list[tuple[int, str]]]] = []
        self.runs: list[tuple[int, str]] = []
        self.run = ""
        self.run_start = self.alternative_start = 0

    def close(self) -> None:
        """End the current run, keeping it if ASCII."""
        if self.run and self.run.isascii():
            self.runs.append((self.run_start, self.run))
        self.run = ""

    def extend(self, i: int, c: str) -> None:
        """Add the literal ``c`` at index ``i`` to the current run."""
        if not self.run:
            self.run_start = i
        self.run += c

    def quantified(self) -> None:
        """Drop the run's last character, which a quantifier makes optional, and end the run."""
        self.run = self.run[:-1]
        self.close()

    def next_alternative(self, i: int) -> None:
        """End the alternative before index ``i`` (a top-level "|" or the pattern's end)."""
        self.close()
        self.alternatives.append((self.alternative_start, self.runs))
        self.runs, self.alternative_start = [], i + 1


def _literal_runs(pattern: str) -> list[tuple[int, list[tuple[int, str]]]]:
    """Each top-level alternative's start index and its literal runs outside groups.

    Runs come with their start indexes and are ASCII only (a non-ASCII letter can match an ASCII
    one when case is ignored: "ſ" and "s").
    """
    found = _Runs()
    depth = i = 0
    while i < len(pattern):
        c = pattern[i]
        if c in "\\[":  # an escape or a character class: skipped whole
            found.close()
            i = _escape_end(pattern, i) if c == "\\" else _class_end(pattern, i)
            continue
        if c in "()":
            found.close()
            depth += 1 if c == "(" else -1
        elif c == "|" and depth == 0:
            found.next_alternative(i)
        elif c in "?*+{":
            found.quantified()
            i = _quantifier_end(pattern, i)
        elif c in ".^$":
            found.close()
        elif depth == 0:
            found.extend(i, c)
        i += 1
    found.next_alternative(len(pattern))
    return found.alternatives


def _quantifier_end(pattern: str, i: int) -> int:
    """Index of the last character of the quantifier at ``pattern[i]`` (read loosely)."""
    if pattern[i] != "{":
        return i
    j = pattern.find("}", i)
    return j if j != -1 else i


def required_literals(pattern: str) -> tuple[str, ...] | None:
    """For each top-level alternative, its longest literal run outside groups.

    None if any such run is short.

    Every match of an alternative contains that run, so a text that contains none of them cannot
    match: a safe, cheap filter before the regular expression.
    """
    best = [max((r for _, r in runs), key=len, default="") for _, runs in _literal_runs(pattern)]
    return tuple(b.lower() for b in best) if all(len(b) >= 3 for b in best) else None


def anchors(pattern: re.Pattern[str]) -> Anchors | None:
    """Each top-level alternative's first literal run, lower-cased, and how much may come before it.

    That is the most characters a match can hold before the run; None if an alternative has no run
    or no such bound.
    """
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
    """The most characters a match of ``pattern`` can span, or None if unbounded or unknown.

    Read from the pattern's text by :class:`_Width` (public syntax only, no private parser), and
    never less than the true bound: where it is unsure (a group reference, a verbose pattern) it
    answers None, which only makes :func:`search` search more.
    """
    if pattern.flags & re.VERBOSE:
        return None
    width = _Width(pattern.pattern).whole()
    return int(width) if width <= _MAX_USEFUL_WIDTH else None


#: ``(?aiLmsux)`` global flags: no width.
_NO_WIDTH = re.compile(r"\(\?[aiLmsux]+\)")
#: A ``(?#...)`` comment: invisible, even between an item and its quantifier.
_COMMENT = re.compile(r"\(\?#[^)]*\)")
#: A named group reference ``(?P=name)``: its width is not read here.
_NAMED_REFERENCE = re.compile(r"\(\?P=\w+\)")
#: Look-arounds: their content is parsed but takes no width.
_LOOK_AROUND = re.compile(r"\(\?(?:<=|<!|=|!)")
#: Groups whose content is matched: plain, non-capturing, atomic, named, scoped flags, or a
#: conditional ``(?(name)yes|no)`` (whose "yes|no" is read as an alternation).
_GROUP = re.compile(r"\((?:\?(?:P<\w+>|[:>]|[aiLmsux]*(?:-[imsx]*)?:|\([^)]*\)))?")
#: A counted repeat ``{m}``, ``{m,}``, ``{,n}``, ``{m,n}`` (else "{" is a literal).
_REPEAT = re.compile(r"\{(\d*)(?:(,)(\d*))?\}")
#: Escapes that match no character.
_ZERO_WIDTH_ESCAPES = frozenset("bBAZz")
_OCTAL = re.compile(r"0[0-7]{0,2}|[0-7]{3}")


def _times(width: float, count: float) -> float:
    """The width of ``count`` repeats of something ``width`` wide (0 if either is 0)."""
    return 0 if width == 0 or count == 0 else width * count


class _Width:
    """Reads the most characters a match of a regular expression can span.

    ``math.inf`` means unbounded or unknown. It works by recursive descent over the pattern's text.
    """

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern
        self.i = 0

    def whole(self) -> float:
        """The width of the whole pattern (``math.inf`` if it is not read to its end)."""
        width = self.alternation()
        return width if self.i == len(self.pattern) else math.inf

    def peek(self) -> str:
        """The next character, or "" at the end."""
        return self.pattern[self.i : self.i + 1]

    def alternation(self) -> float:
        """The widest of the alternatives from here to the enclosing ")" or the end."""
        widest = self.sequence()
        while self.peek() == "|":
            self.i += 1
            widest = max(widest, self.sequence())
        return widest

    def sequence(self) -> float:
        """The total width of the items up to the next "|" or ")"."""
        total: float = 0
        while self.skip_comments() not in ("", "|", ")"):
            total += self.quantified(self.atom())
        return total

    def skip_comments(self) -> str:
        """Move past any comments; the next character after them, or "" at the end."""
        while m := _COMMENT.match(self.pattern, self.i):
            self.i = m.end()
        return self.peek()

    def atom(self) -> float:
        """Width of one item without its quantifier."""
        c = self.pattern[self.i]
        if c == "\\":
            return self.escape()
        if c == "(":
            return self.group()
        if c == "[":
            self.i = _class_end(self.pattern, self.i)
            return 1
        self.i += 1
        return 0 if c in "^$" else 1

    def escape(self) -> float:
        """Width of the escape at the current backslash."""
        kind = self.pattern[self.i + 1 : self.i + 2]
        if kind.isdigit():
            octal = _OCTAL.match(self.pattern, self.i + 1)
            self.i = octal.end() if octal else _escape_end(self.pattern, self.i)
            return 1 if octal else math.inf  # else a group reference
        self.i = _escape_end(self.pattern, self.i)
        return 0 if kind in _ZERO_WIDTH_ESCAPES else 1

    def group(self) -> float:
        """Width of the group that opens at the current "("."""
        if m := _NO_WIDTH.match(self.pattern, self.i):
            self.i = m.end()
            return 0
        if m := _NAMED_REFERENCE.match(self.pattern, self.i):
            self.i = m.end()
            return math.inf
        look = _LOOK_AROUND.match(self.pattern, self.i)
        head = look or _GROUP.match(self.pattern, self.i)
        assert head is not None  # _GROUP matches any "("
        self.i = head.end()
        inner = self.alternation()
        self.i += 1  # the closing ")"
        return 0 if look else inner

    def quantified(self, width: float) -> float:
        """The width of an item ``width`` wide under the quantifier that follows, if any."""
        c = self.skip_comments()
        if c in ("?", "*", "+"):
            self.i += 1
            most = width if c == "?" else _times(width, math.inf)
        elif c == "{" and (m := _REPEAT.match(self.pattern, self.i)) and m[0] != "{}":
            self.i = m.end()
            most_text = m[3] if m[2] else m[1]
            most = _times(width, int(most_text) if most_text else math.inf)
        else:
            return width
        if self.peek() in ("?", "+"):  # lazy or possessive
            self.i += 1
        return most


@lru_cache(maxsize=256)
def bound(pattern: re.Pattern[str]) -> Bound:
    """The literals and anchors of a compiled pattern.

    A verbose pattern has none: its spaces are not literal.
    """
    if pattern.flags & re.VERBOSE:
        return None, None
    return required_literals(pattern.pattern), anchors(pattern)


def earliest_start(
    lowered: str | None, literals: tuple[str, ...] | None, anchors: Anchors | None
) -> int | None:
    """Where in a text a search for a pattern may begin, or None when the text cannot match at all.

    The pattern is the one with these :func:`required_literals` and :func:`anchors`.

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
    """``pattern.search(text)``, skipping what the pattern's :func:`bound` rules out.

    ``low`` is the text's :func:`lowered` form.
    """
    pos = earliest_start(low, *bound(pattern))
    return None if pos is None else pattern.search(text, pos)
