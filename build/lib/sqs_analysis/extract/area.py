"""The area a report is about: the words after "youth offending work in" in its title.

A title on its own line gives the area whole. When the text runs on past it (the line break
after the title lost: "... work in St Helens The inspection was ..."), the area is the longest
run of its leading words that the report names elsewhere too; an ALL CAPS title gives the area
as the report spells it elsewhere.
"""

from __future__ import annotations

import re

_AREA_WORD = re.compile(
    r"[A-Z][\w'.&/-]{0,30},?|\d{1,4},?|(?:and|of|upon|on|the|with|in|under|le|&),?"
)
_CONNECTORS = frozenset({"and", "of", "upon", "on", "the", "with", "in", "under", "le", "&"})
_MAX_AREA_WORDS = 8


def _area_words(rest: str) -> list[str]:
    words: list[str] = []
    for word in rest.split()[:_MAX_AREA_WORDS]:
        if not _AREA_WORD.fullmatch(word) or (not words and not word[0].isupper()):
            break
        words.append(word)
        if word.endswith((",", ".", ":", ";")) and not word.endswith(","):
            break
    while words and words[-1].lower().strip(",") in _CONNECTORS:
        words.pop()
    return words


def _recurs(phrase: str, text: str) -> bool:
    return re.search(rf"(?<![\w]){re.escape(phrase)}(?![\w])", text, re.IGNORECASE) is not None


def area_of(rest: str, elsewhere: str) -> tuple[str, int]:
    """The area at the start of ``rest`` (what follows "work in") and where it ends in ``rest``.

    When ``rest`` is all area words (a title on its own line), it is the area. When text runs on
    (a title whose line break was lost: "St Helens The inspection was ..."), the area is the
    longest run of its leading words that the report names ``elsewhere`` too.
    """
    words = _area_words(rest)
    if not words:
        return "", 0
    candidates = [" ".join(words[:n]).strip(" .:;,") for n in range(len(words), 0, -1)]
    whole = " ".join(rest.split()).strip(" .:;,")
    area = candidates[0]
    if whole != area:
        area = next((c for c in candidates if _recurs(c, elsewhere)), area)
    if area.isupper():  # an ALL CAPS title: the area as the report spells it elsewhere
        found = re.search(rf"(?<![\w]){re.escape(area)}(?![\w])", elsewhere, re.IGNORECASE)
        if found and not found.group(0).isupper():
            area = found.group(0)
    end = _end_of(rest, area)
    return area, end


def _end_of(rest: str, area: str) -> int:
    """Where ``area`` (its words, whatever the spacing) ends in ``rest``."""
    pattern = r"\s+".join(re.escape(w) for w in area.split())
    m = re.match(rf"\s*{pattern}[.:;,]?", rest, re.IGNORECASE)
    return m.end() if m else 0


def after_area(rest: str, area: str) -> str:
    """``rest`` after the area's words (their spacing and line breaks as read)."""
    pattern = r"\s+".join(re.escape(w) for w in area.split())
    m = re.match(rf"\s*{pattern}[.:;,]?", rest, re.IGNORECASE)
    if not m:  # the area was spelt differently elsewhere (an ALL CAPS title)
        return ""
    return rest[m.end() :]
