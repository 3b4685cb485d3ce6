"""Walking a paragraph: whitespace, sentences, and the places where a finding can start.

Kept apart from :mod:`sqs_analysis.extract.findings` because it is about speed, not meaning: a
paragraph is cut into sentences, each sentence is scanned once for words that can start a quantity
(:func:`quantities.start_pattern`), and the finding pattern is tried only there. Each short cut
finds exactly what a plain ``finditer`` would (tests check it).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from functools import lru_cache

from sqs_analysis.extract import quantities
from sqs_analysis.extract.numbers import NUMBER_PATTERN
from sqs_analysis.extract.quantities import NUM

BARE_SUBJECT = re.compile(
    rf"(?:\bthat|\band|,)\s+(?P<n>{NUM})\s+(?=(?:had|have|were|was)\b)", re.IGNORECASE
)
# The stop is matched, not looked behind for, so the engine skips ahead to each "." "!" or "?".
_SENTENCE_END = re.compile(r"[.!?](?P<close>[\"'”’)*]*)\s+(?=[\"'“‘(*]*[A-Z0-9])")
#: Longer "sentences" (hostile or broken input) are cut at whitespace so per-finding work stays
#: bounded; real report sentences are well under this.
MAX_SENTENCE = 2000
_WHITESPACE = re.compile(r"\s+")
_RUN = re.compile(r"\s{2,}")


def squeeze(text: str) -> tuple[str, list[int], list[int]]:
    """``text`` with each whitespace run as one space, and where the runs end.

    The ends are given both in the new text and in ``text`` (for :func:`original`); most paragraphs
    have no runs, and are returned as they are.
    """
    if text.isascii() and text.isprintable() and "  " not in text:
        return text, [], []  # the usual answer: ASCII with no control character has only " "
    at, was, removed = [], [], 0
    for m in _RUN.finditer(text):
        removed += m.end() - m.start() - 1
        at.append(m.end() - removed)
        was.append(removed)
    return _WHITESPACE.sub(" ", text), at, was


def original(pos: int, at: list[int], was: list[int]) -> int:
    """The offset in the original text of ``pos`` in the rewritten one."""
    i = bisect.bisect_right(at, pos)
    return pos + (was[i - 1] if i else 0)


def sentences(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each sentence; a full stop followed by space and a capital ends one."""
    start = 0
    for m in _SENTENCE_END.finditer(text):
        yield from _bounded(text, start, m.end("close"))
        start = m.end()
    if start < len(text):
        yield from _bounded(text, start, len(text))


def _bounded(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while end - start > MAX_SENTENCE:
        cut = text.rfind(" ", start + 1, start + MAX_SENTENCE)
        cut = cut if cut > start else start + MAX_SENTENCE
        yield start, cut
        start = cut
    yield start, end


@lru_cache(maxsize=1)
def _starts_any_case() -> re.Pattern[str]:
    return re.compile(quantities.start_pattern().pattern, re.IGNORECASE)


def start_matches(sentence: str) -> list[re.Match[str]]:
    """Where a quantity can start in ``sentence`` (:func:`quantities.start_pattern`), in order."""
    # Case-sensitive search of the lower-cased text is 4x faster; lower() keeps offsets in ASCII.
    if sentence.isascii():
        return list(quantities.start_pattern().finditer(sentence.lower()))
    return list(_starts_any_case().finditer(sentence))


_IN_WORD = re.compile(r"\bin", re.IGNORECASE)


def _in_before(sentence: str, pos: int, floor: int) -> int | None:
    """Where the word "in" before ``pos`` starts, if only spaces lie between (not before floor)."""
    j = pos - 1
    if j <= floor or not sentence[j].isspace():
        return None
    while j > floor and sentence[j - 1].isspace():
        j -= 1
    m = _IN_WORD.match(sentence, j - 2) if j - 2 >= floor else None
    return m.start() if m and m.end() == j else None


def candidates(
    pattern: re.Pattern[str], sentence: str, starts: list[re.Match[str]] | None = None
) -> Iterator[re.Match[str]]:
    """``pattern.finditer(sentence)``, trying only where a finding can start (several times faster).

    Every branch of the pattern starts at a quantity found by the start scan, or at the word "in"
    right before one; trying those places in order gives the same non-overlapping matches as
    ``finditer`` (a test checks it). ``starts`` are :func:`start_matches`, if already known.
    """
    end = 0
    for start in start_matches(sentence) if starts is None else starts:
        pos = start.start()
        if pos < end:
            continue
        before = _in_before(sentence, pos, end)
        m = (before is not None and pattern.match(sentence, before)) or pattern.match(sentence, pos)
        if m:
            end = max(m.end(), m.start() + 1)
            yield m


_NUMBER_IN = re.compile(NUMBER_PATTERN, re.IGNORECASE)


@lru_cache(maxsize=1024)
def _holds_number(start: str) -> bool:
    return _NUMBER_IN.search(start) is not None  # starts are a few words, over and over


def bare_subjects(sentence: str, starts: list[re.Match[str]]) -> list[re.Match[str]]:
    """``BARE_SUBJECT.finditer(sentence)``, tried only where the start scan found a word.

    A bare subject is "that", "and" or "," with the spaces after it and a number, and its number
    starts a word: in ASCII text the scan meets that word as a start of its own, unless a start
    of two words ("a few") covers it (then, or for other text, the whole sentence is searched).
    So each start is tried once, from the word before the spaces before it. Two bare subjects
    cannot overlap (none of those words is inside a number), so this finds what finditer does.
    """
    if not any(map(_holds_number, map(re.Match.group, starts))):
        return []  # its number starts a word, and the scan meets every such word
    if not sentence.isascii() or not all(start.group().isalnum() for start in starts):
        return list(BARE_SUBJECT.finditer(sentence))
    found = []
    for start in starts:
        spaces = len(sentence[: start.start()].rstrip())  # where the spaces before it begin
        for lead in ("that", "and", ","):
            if start.string.endswith(lead, 0, spaces):  # the scan's lower-cased sentence
                m = BARE_SUBJECT.match(sentence, spaces - len(lead))
                if m:
                    found.append(m)
                break
    return found
