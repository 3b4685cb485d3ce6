"""Page furniture: the lines a printed page adds that are not the report's text.

Running headers and footers, page numbers ("Page 2 of 5", a bare "3"), rules and the
inspectorate's letterhead repeat from page to page, so a line is furniture when its shape recurs
near page breaks across pages, never because of one word. :func:`furniture` marks them;
:mod:`sqs_analysis.extract.document` drops them before building blocks.
"""

from __future__ import annotations

import re
from collections import Counter

from sqs_analysis.domain import TITLE

_PAGE_NUMBER = re.compile(
    r"(?:-\s{0,2})?(?:page\s{0,3})?\d{1,3}(?:\s{0,3}(?:of|/)\s{0,3}\d{1,3})?(?:\s{0,2}-)?"
    r"(?:\s{0,3}\|\s{0,3}p\s?a\s?g\s?e)?",
    re.I,
)
_RULE = re.compile(r"(?:[-*_=]\s{0,2}){3,}")
_LETTERHEAD = re.compile(
    r"1st floor,|manchester civil justice centre|arolygiad o waith|"
    r"^(?:hm|her majesty's) inspectorate of probation$|^inspecting youth offending work$",
    re.I,
)
_LETTERHEAD_WORDS = ("floor,", "manchester", "arolygiad", "inspectorate", "inspecting")
#: How a line that starts a block of its own begins (a header label, the title, a closing
#: paragraph): such a line is never taken for furniture.
STARTER = re.compile(
    r"^(?:#|[-*•]\s|\d\.\d{1,2}\.?\s|(?:To|Copy to|From|Publication date|Note \d{1,2})\s?:)"
)
_DIGITS = re.compile(r"\d{1,4}")
_PAGE_BREAK = "\f"


def _shape(line: str) -> str | None:
    """A short line with its numbers blanked: running headers and footers repeat in this shape."""
    if not line or len(line) >= 120 or (STARTER.match(line) and not line.startswith("#")):
        return None
    return _DIGITS.sub("#", line)


def _letterhead(line: str) -> bool:
    low = line.lower()
    return any(w in low for w in _LETTERHEAD_WORDS) and bool(_LETTERHEAD.search(line))


def _page_marks(lines: list[str]) -> list[bool]:
    """Which lines are page numbers, page breaks, rules or the letterhead."""
    return [
        line == _PAGE_BREAK
        or (len(line) <= 200 and bool(_PAGE_NUMBER.fullmatch(line) or _RULE.fullmatch(line)))
        or (len(line) <= 200 and _letterhead(line))
        for line in lines
    ]


def _near(marks: list[bool], lines: list[str], i: int, reach: int = 3) -> bool:
    """Whether a page mark lies within ``reach`` text lines of line ``i``."""
    for step in (-1, 1):
        j, seen = i + step, 0
        while 0 <= j < len(lines) and seen < reach:
            if marks[j]:
                return True
            seen += bool(lines[j])
            j += step
    return False


def _across_pages(marks: list[bool], lines: list[str], places: list[int]) -> bool:
    """Whether a line met twice sits by page numbers on two different pages."""
    first, second = places
    return (
        any(marks[first + 1 : second])
        and _near(marks, lines, first)
        and _near(marks, lines, second)
    )


def furniture(lines: list[str]) -> list[bool]:
    """Which lines are page furniture.

    Page numbers, rules and the letterhead; and running headers and footers: a short line met
    on three pages, or twice with a page number in it, or twice next to page numbers with a page
    boundary between (the same line twice on one page is text). The first
    line that is the report's title is never furniture, even when a running header repeats it.
    """
    marks = _page_marks(lines)
    shapes = [_shape(line) if not mark else None for line, mark in zip(lines, marks, strict=True)]
    counts = Counter(s for s in shapes if s)
    where: dict[str, list[int]] = {}
    for i, s in enumerate(shapes):
        if s and counts[s] >= 2:
            where.setdefault(s, []).append(i)
    out = list(marks)
    for shape, places in where.items():
        repeated = len(places) >= 3 or "#" in shape
        if not repeated and not _across_pages(marks, lines, places):
            continue
        for n, i in enumerate(places):
            out[i] = not (n == 0 and TITLE.match(lines[i].lstrip("#* ")))
    return out
