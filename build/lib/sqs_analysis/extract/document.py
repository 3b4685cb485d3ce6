"""One document model for every input: a report's text as blocks, whatever its layout.

:mod:`sqs_analysis.extract.normalise` gives plain lines; here they become :class:`Block` s
(headings, paragraphs, list items, table rows) with page furniture (running headers and footers,
page numbers, the letterhead) dropped, footnotes lifted out, hard wraps joined and a paragraph that
a page foot interrupts joined across it. A line break is whitespace: it only ever *helps* to see
where a block starts (a bullet, a number, a heading's words at the start of a line); text whose line
breaks were lost is split into the same blocks by :mod:`sqs_analysis.extract.structure`.

Footnote references are taken out by a rule that does not need the footnote's text (which may be
cut off, on another page or missing): a ``<sup>``, a superscript digit, a markdown ``[^1]``, or one
or two digits glued to the end of a lower-case word (``rate1``, ``Peter2``; not ``KS4``). A line
that opens with such a number and a capital is that footnote's text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sqs_analysis.domain import CLOSING, TITLE, section_of
from sqs_analysis.extract.furniture import STARTER, furniture
from sqs_analysis.extract.normalise import MARK, clean_lines

HEADING = "heading"
PARAGRAPH = "paragraph"
ITEM = "item"
ROW = "row"
#: The marker of every bulleted item, whatever glyph the text used.
BULLET = "•"


@dataclass(frozen=True)
class Block:
    """A heading, paragraph, list item or table row, with its text on one line.

    ``marker`` is what opened an item (``1.1`` for a numbered paragraph, ``•`` for a bullet,
    ``2`` or ``b`` for a numbered list) or the number a heading gives its theme. ``lines`` are
    the block's lines as read (inner spacing kept), for the copy list's columns.
    """

    kind: str
    text: str
    marker: str = ""
    lines: tuple[str, ...] = ()


@dataclass
class Document:
    """A report's blocks in reading order and its footnotes' text by number."""

    blocks: list[Block]
    footnotes: dict[int, str] = field(default_factory=dict)


# --- footnote references ---------------------------------------------------------------------

_GLUED = re.compile(r"(?<=[a-z]{2})(\d{1,2})(?=[\s.,;:)'\"!?]|$)")
_MARKED = re.compile(f"{MARK}(\\d{{1,2}}){MARK}")
_MAX_FOOTNOTE = 20
_MARK_OPENER = re.compile(f"^{MARK}(\\d{{1,2}}){MARK}\\s*")
_PLAIN_OPENER = re.compile(r"^(\d{1,2})\s{1,3}(?=[A-Z\"'(])")
_DATE_AFTER = re.compile(r"^\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)", re.I)


def _may_be_glued(text: str) -> bool:
    """Whether a digit follows two lower-case letters anywhere, by a scan with ``str.find``.

    A regex scan of the whole text costs more than the rest of reading it.
    """
    for digit in "0123456789":
        i = text.find(digit, 2)
        while i != -1:
            if text[i - 1].islower() and text[i - 2].islower():
                return True
            i = text.find(digit, i + 1)
    return False


def _mark_glued(line: str) -> str:
    """``rate1`` -> ``rate`` + a reference mark (numbers up to 20 only)."""
    if not _may_be_glued(line):
        return line
    return _GLUED.sub(
        lambda m: f"{MARK}{m.group(1)}{MARK}" if int(m.group(1)) <= _MAX_FOOTNOTE else m.group(1),
        line,
    )


def _referenced(lines: list[str]) -> set[int]:
    """Numbers that some reference mark in the text points to (not the marks opening a line)."""
    found: set[int] = set()
    for line in lines:
        if MARK in line:
            found.update(int(m.group(1)) for m in _MARKED.finditer(line) if m.start() > 0)
    return found


def _footnote_opener(line: str, referenced: set[int], defined: set[int]) -> re.Match[str] | None:
    """The number opening a footnote's text on this line.

    It is a mark, or a referenced number before a capital ("1 Published January 2015 ...",
    not "3 March 2015").
    """
    if line.startswith(MARK):
        return _MARK_OPENER.match(line)
    if line[:1].isdigit() and referenced:
        m = _PLAIN_OPENER.match(line)
        n = int(m.group(1)) if m else None
        if m and n in referenced and n not in defined and not _DATE_AFTER.match(line):
            return m
    return None


# --- blocks ------------------------------------------------------------------------------------

_BULLET = re.compile(r"^(?:[-*]\s+|•\s*)(?=\S)")
_NUMBERED = re.compile(r"^(?:[-*•]\s*)?(\d)\.(\d{1,2})\.?(?:\s+(?=[\"'(A-Z0-9])|$)")
_LISTED = re.compile(r"^(?:(\d{1,2})[.)]|\(([a-z]|\d{1,2})\)|([a-z])[.)])\s+(?=\S)")
_LABEL = re.compile(r"^(?:To|Copy to|From|Publication date|Date of publication)\s?:", re.I)
_TABLE = re.compile(r"^\|.*\|$|\S\s*\|\s*\S.*\|")
_TABLE_RULE = re.compile(r"^\|?(?:\s*:?-{2,}:?\s*\|)+\s*:?-{0,}:?\s*\|?$")
_TERMINAL = re.compile(r"[.!?:;\"')]$")
_WRAP_HYPHEN = re.compile(r"([A-Za-z]{1,40})-$")
_WORD = re.compile(r"[A-Za-z]{2,40}(?:-[A-Za-z]{1,40}){0,3}")
_LOWER_START = re.compile(r"[a-z]{1,40}")
_SPACES = re.compile(r"\s+")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def clean_text(text: str) -> str:
    """A block's text: references and control characters out, whitespace as single spaces."""
    if MARK in text:
        text = _MARKED.sub("", text).replace(MARK, "")
    text = " ".join(text.split())
    return text if text.isprintable() else " ".join(_CONTROL.sub("", text).split())


#: Where one sentence ends and the next begins: ". The", ". 3", '." He'.
SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(])")


def sentences(text: str) -> list[str]:
    """A block's text as its sentences (the field readers look inside one or two of them)."""
    return SENTENCE_BREAK.split(text)


def ends_sentence(text: str) -> bool:
    """Whether a line ends a sentence, so the next line may open a block."""
    return bool(_TERMINAL.search(text))


@dataclass
class _Open:
    """A block being read: its kind, marker and lines."""

    kind: str
    marker: str
    lines: list[str]


_ITEM_FIRST = frozenset("-*•0123456789")
#: First letters of a header label, the title ("Report of ...", "Short Quality ...") and a
#: closing paragraph ("We are grateful", "If you have", "Note 1:").
_STARTER_FIRST = frozenset("TtCcFfPpDdRrSsWwIiNn")


def _starts_block(line: str, fresh: bool, run: _Run | None) -> tuple[str, str] | None:
    """(kind, marker) when the line opens a block, else None.

    A block is a heading, item, row or a paragraph that always starts afresh (a header label, the
    title, a closing paragraph).

    A line is a heading by its words only when it starts with a capital or a number and does
    not read on from an unfinished sentence (``fresh``): a wrapped line "safeguarding and
    vulnerability" inside a sentence is prose.

    A list number opens an item when it is 1, or inside a list (``run``; a heading opens one
    too): always when it is the next number or the next place (a bullet among numbers counts as
    a place), and whatever the number when it comes first or the line before ended a sentence.
    A list may mix bullets and numbers or skip a number: the parser reports that, and no item
    is lost for it.
    """
    first = line[:1]
    if first == "#":
        return HEADING, ""
    if first in _ITEM_FIRST:  # each test below only where its first character can be
        m = _NUMBERED.match(line)
        if m:
            return ITEM, f"{m.group(1)}.{int(m.group(2))}"
        if _BULLET.match(line):
            return ITEM, BULLET
    if fresh and _is_heading(line):
        return HEADING, ""
    if first in _STARTER_FIRST and (_LABEL.match(line) or TITLE.match(line) or CLOSING.match(line)):
        return PARAGRAPH, ""
    m = _LISTED.match(line) if first.isdigit() or first == "(" or first.islower() else None
    if m:
        mark = m.group(1) or m.group(2) or m.group(3)
        number = list_number(mark)
        if number == 1 or (run is not None and (fresh or not run.count or number in run.next())):
            return ITEM, mark
    if "\t" in line or ("|" in line and _TABLE.search(line)):
        return ROW, ""
    return None


@dataclass
class _Run:
    """The list being read: the last number it gave (0 for none yet) and its items so far."""

    last: int = 0
    count: int = 0

    def next(self) -> tuple[int, int]:
        return self.last + 1, self.count + 1

    def add(self, marker: str) -> None:
        self.count += 1
        if marker != BULLET:
            self.last = list_number(marker)


def list_number(marker: str) -> int:
    """The place a list item's number or letter gives it (``3`` and ``c`` are both 3)."""
    return int(marker) if marker.isdigit() else ord(marker) - ord("a") + 1


def _is_heading(line: str) -> bool:
    return (
        len(line) <= 160
        and not line.endswith(".")
        and not line[:1].islower()
        and section_of(line) is not None
    )


def _finish(block: _Open) -> Block:
    if block.kind == HEADING:
        number = section_of(block.lines[0])
        marker = str(number[1]) if number and number[1] is not None else ""
        return Block(HEADING, clean_text(block.lines[0].lstrip("#")), marker, tuple(block.lines))
    text = clean_text(" ".join(block.lines))
    if block.kind == ITEM:
        text = clean_text(_strip_marker(text))
    return Block(block.kind, text, block.marker, tuple(block.lines))


def _strip_marker(text: str) -> str:
    m = _NUMBERED.match(text) or _BULLET.match(text) or _LISTED.match(text)
    return text[m.end() :] if m else text


class _Joiner:
    """Joins a word broken at a line end ("reoffend-" "ing") when the document spells it whole."""

    def __init__(self, lines: list[str]) -> None:
        self._lines = lines
        self._vocabulary: set[str] | None = None

    def join(self, previous: str, line: str) -> str | None:
        """``previous`` + ``line`` when ``previous`` ends in a hyphenated break, else None."""
        m = _WRAP_HYPHEN.search(previous) if previous.endswith("-") else None
        if not m or not line[:1].islower():
            return None
        if self._vocabulary is None:  # only documents with wrapped hyphens pay for this
            self._vocabulary = {w.lower() for ln in self._lines for w in _WORD.findall(ln)}
        tail = _LOWER_START.match(line)
        whole = m.group(1) + (tail.group(0) if tail else "")
        return previous[:-1] + ("" if whole.lower() in self._vocabulary else "-") + line


def _group(lines: list[str | None]) -> list[Block]:
    """Lines (None for a lifted-out line, "" for a blank one) into blocks.

    A line reads on in the open block (a hard wrap) unless it opens a block of its own. Across a
    blank line it reads on only when it starts in lower case; across a lifted-out line (footnote,
    page break) also when the block's last sentence had not ended.
    """
    text_lines = [ln for ln in lines if ln]
    joiner = _Joiner(text_lines)
    out: list[Block] = []
    current: _Open | None = None
    gap = soft = False
    run: _Run | None = None  # the list being read, if any
    for line in lines:
        if line is None:
            soft = True
            continue
        if not line:
            gap = True
            continue
        fresh = current is None or gap or soft or ends_sentence(current.lines[-1])
        start = _starts_block(line, fresh, run)
        if current is not None and _reads_on(current, line, start, gap, soft):
            _read_on(current, line, joiner)
        else:
            if current is not None:
                out.append(_finish(current))
            kind, marker = start or (PARAGRAPH, "")
            current = _Open(kind, marker, [line])
            run = _next_run(run, kind, marker)
        gap = soft = False
    if current is not None:
        out.append(_finish(current))
    return [b for b in out if b.text or b.kind == ROW]


def _reads_on(
    current: _Open, line: str, start: tuple[str, str] | None, gap: bool, soft: bool
) -> bool:
    """Whether ``line`` reads on in the open block, after a blank (``gap``) or lifted-out line."""
    if current.kind == HEADING or start is not None:
        return False
    if not (gap or soft):
        return True
    unfinished = not ends_sentence(current.lines[-1])
    return line[:1].islower() or (soft and unfinished)


def _read_on(current: _Open, line: str, joiner: _Joiner) -> None:
    """Add ``line`` to the open block, joined to its last line if a word was broken across them."""
    joined = joiner.join(current.lines[-1], line)
    if joined is None:
        current.lines.append(line)
    else:
        current.lines[-1] = joined


def _next_run(run: _Run | None, kind: str, marker: str) -> _Run | None:
    """The list being read once a block of this kind and marker opens."""
    if kind == ITEM and marker and not marker.count("."):  # a bullet or list number
        run = run or _Run()
        run.add(marker)
        return run
    if kind == HEADING:
        return _Run()  # a list may follow
    if kind != ITEM:  # (a numbered paragraph leaves the list open)
        return None
    return run


def read(text: str) -> Document:
    """The report's blocks, with furniture dropped and footnotes lifted out."""
    lines = clean_lines(text)
    if _may_be_glued(text):
        lines = [_mark_glued(line) for line in lines]
    referenced = _referenced(lines)
    is_furniture = furniture(lines)
    footnotes: dict[int, list[str]] = {}
    kept: list[str | None] = []
    current: int | None = None  # the footnote being read
    for line, lifted in zip(lines, is_furniture, strict=True):
        opener = None if lifted else _footnote_opener(line, referenced, set(footnotes))
        if opener is not None:
            current = int(opener.group(1))
            footnotes[current] = [line[opener.end() :]]
            kept.append(None)
            continue
        if current is not None:
            if line and not lifted and not STARTER.match(line):
                footnotes[current].append(line)
                kept.append(None)
                continue
            current = None
        if MARK in line and not clean_text(line):
            continue  # a reference mark alone on its line (a superscript set above the text)
        if _TABLE_RULE.fullmatch(line):
            continue  # a markdown table's header rule
        kept.append(None if lifted else line)
    return Document(
        blocks=_group(kept),
        footnotes={k: clean_text(" ".join(v)) for k, v in sorted(footnotes.items())},
    )
