"""From a document's blocks to the report's parts: the header, the title and area, each section.

Headings, numbered paragraphs, list items, closing paragraphs and footnotes are found where a
line starts (:mod:`sqs_analysis.extract.document`) and, when the text lost its line breaks, inside a
block: a heading's words are looked for only where a sentence or a heading ends, only for parts
the report has not reached yet and in their order; a paragraph number only when it is the next
one; a bullet only in the lists. So prose that happens to contain "Summary" stays prose.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from sqs_analysis.domain import BY_KEY, CLOSING, SECTIONS, THEMES_BY_NUMBER, TITLE, section_of
from sqs_analysis.extract.area import after_area, area_of
from sqs_analysis.extract.document import (
    BULLET,
    HEADING,
    ITEM,
    PARAGRAPH,
    Block,
    Document,
    clean_text,
)
from sqs_analysis.extract.normalise import MARK

HEADER, TITLE_PART, CLOSING_PART, OTHER = "header", "title", "closing", "other"
LISTS = frozenset({"strengths", "improvements"})
_ORDER = {s.key: i for i, s in enumerate(SECTIONS)}


@dataclass
class Part:
    """A part of the report: its key, its heading, the heading's number and the blocks under it.

    The key is a section key, or header/title/closing/other; the heading is as written; the number
    is the one the heading gives.
    """

    key: str
    heading: str = ""
    number: int | None = None
    blocks: list[Block] = field(default_factory=list)


@dataclass
class Outline:
    """The report's parts in order, the area its title names and its footnotes."""

    area: str
    parts: list[Part]
    footnotes: dict[int, str]


# --- inline structure ----------------------------------------------------------------------------

_BEFORE = re.compile(r"(?:[.!?:;\"')\]]|^)\s*$")
_AFTER_HEADING = r"(?=\s+(?:[-•*]\s+)?[\"'(A-Z0-9#|]|\s*$)"
_NUMBER = r"(?:#{1,6}\s*)?(?:(?:theme|section)\s+)?(?:(?<![\w.])\(?[1-9](?:\.|\)|:)?\s+(?:-\s+)?)?"
_PARAGRAPH_NO = re.compile(r"([1-9])\.(\d{1,2})\.?\s+(?=[\"'(A-Z])")
_BULLET_BEFORE = re.compile(r"[-•*]\s+$")
_BULLET = re.compile(r"[-•*]\s+(?=[\"'A-Z])")
_LISTED = re.compile(r"(?:(\d{1,2})[.)]|\((\d{1,2}|[a-z])\))\s+(?=[\"'A-Z])")
_NOTE = re.compile(r"Note\s+\d{1,2}\s*:")
_PAGE = re.compile(r"\s*\bPage\s+\d{1,3}\s+of\s+\d{1,3}\b\s*")  # with its spaces: no gap left
_BODY_MARK = re.compile(f"{MARK}(\\d{{1,2}}){MARK}\\s*(?=[\"'(A-Z])")
_BODY_PLAIN = re.compile(r"(?<!\S)(\d{1,2})\s+(?=[A-Z][a-z])")


def _heading_pattern(sections: dict[int, str]) -> re.Pattern[str]:
    """Sections' heading words (index -> pattern) as they may stand inside a text, a group each.

    The optional number before them is read once, not once per section.
    """
    parts = [rf"(?P<s{i}>{words})" for i, words in sections.items()]
    return re.compile(rf"{_NUMBER}(?:{'|'.join(parts)})\s*:?{_AFTER_HEADING}", re.IGNORECASE)


def _words_of(section_words: str, area: str) -> str:
    named = r"\s+".join(re.escape(w) for w in area.split()) if area else "[^:.]{1,60}"
    return section_words.replace(" ", r"\s+").replace(".{1,80}", named)


#: The sections whose heading may name the area ("Commentary on the inspection in St Helens").
_NAMES_AREA = {i for i, s in enumerate(SECTIONS) if ".{1,80}" in s.words.pattern}
#: Every other section's heading, compiled once: only the short pattern of the sections that name
#: the area is compiled per area (each report names its own, so a cache of them rarely hits).
_FIXED_HEADINGS = _heading_pattern(
    {i: _words_of(s.words.pattern, "") for i, s in enumerate(SECTIONS) if i not in _NAMES_AREA}
)


#: What the headings that name the area begin with (their first word): only where this matches is
#: the area's own pattern needed, so most reports never compile it.
_NAMES_AREA_START = re.compile(
    rf"{_NUMBER}(?:{'|'.join(re.match('[a-z]+', SECTIONS[i].words.pattern)[0] for i in _NAMES_AREA)})",
    re.IGNORECASE,
)


@lru_cache(maxsize=64)
def _area_headings(area: str) -> re.Pattern[str]:
    """The headings that name the area, for a report about ``area``.

    At most one of this and :data:`_FIXED_HEADINGS` matches at a place: these headings' words
    ("commentary") begin with none of the other sections' words, nor with a heading number's
    words, so trying one and then the other finds what one pattern of every section would.
    """
    return _heading_pattern(
        {i: _words_of(SECTIONS[i].words.pattern, area) for i in sorted(_NAMES_AREA)}
    )


def _heading_at(text: str, at: int, area: str) -> re.Match[str] | None:
    """A section heading's words starting at ``at``, or None."""
    m = _FIXED_HEADINGS.match(text, at)
    if m is None and _NAMES_AREA_START.match(text, at):
        m = _area_headings(area).match(text, at)
    return m


@dataclass
class _State:
    """Where the reader is: the part, the parts seen, the last paragraph number, the footnotes."""

    area: str
    key: str = TITLE_PART
    seen: set[str] = field(default_factory=set)
    theme: int | None = None
    last: int = 0
    references: set[int] = field(default_factory=set)
    footnotes: dict[int, str] = field(default_factory=dict)
    in_footnote: int | None = None
    #: Where the piece being read starts in the text being split.
    start: int = 0


def _boundary(text: str, pos: int, start: int) -> bool:
    """Whether ``pos`` is where a sentence, the text or the piece being read starts.

    The piece starts at ``start`` (just after a heading, say); ``pos`` counts as there when only
    spaces lie between them.
    """
    return not text[start:pos].strip() or bool(_BEFORE.search(text[max(0, pos - 4) : pos]))


#: Where a sentence can start: after terminal punctuation and spaces, or after four spaces.
_SENTENCE_START = re.compile(r"[.!?:;\"')\]]\s*(?=\S)")  # a character class first: a fast scan
_WIDE = re.compile(r"\s{4}(?=\S)")


def _starts(text: str, pos: int, start: int) -> Iterator[int]:
    """The places at or after ``pos`` where a heading could begin (see :func:`_boundary`).

    They are the piece's own start and every sentence start.

    Trying the heading pattern only there is what keeps reading a long text linear and fast.
    """
    first = len(text) - len(text[start:].lstrip()) if not text[start:pos].strip() else -1
    if first >= pos:
        yield first
    found = [m.end() for m in _SENTENCE_START.finditer(text, max(pos - 4, 0))]
    if "    " in text:
        found = sorted({*found, *(m.end() for m in _WIDE.finditer(text, max(pos - 4, 0)))})
    for at in found:
        if at >= pos and at != first:
            yield at


def _next_heading(text: str, pos: int, state: _State) -> tuple[int, int, str] | None:
    for at in _starts(text, pos, state.start):
        m = _heading_at(text, at, state.area)
        if m is None:
            continue
        key = SECTIONS[int(m.lastgroup[1:])].key  # type: ignore[index]
        letter = next((c for c in m.group() if c.isalpha()), "")
        if key not in state.seen and _order(key) > _order(state.key) and letter.isupper():
            return m.start(), m.end(), key
    return None


def _next_paragraph(text: str, pos: int, state: _State) -> tuple[int, int, str] | None:
    for m in _PARAGRAPH_NO.finditer(text, pos):
        theme, n = int(m.group(1)), int(m.group(2))
        expected = (theme == state.theme and n == state.last + 1) or (
            n == 1 and (state.theme is None or theme > state.theme)
        )
        bullet = _BULLET_BEFORE.search(text, max(0, m.start() - 4), m.start())
        at = bullet.start() if bullet else m.start()
        if expected and at >= pos and _boundary(text, at, state.start):
            return at, at, f"{theme}.{n}"
    return None


def _cuts(text: str, pos: int, state: _State) -> list[tuple[int, int, str, str]]:
    """Candidate places where a new block starts: (start, end of its opening words, kind, key)."""
    found: list[tuple[int, int, str, str]] = []
    heading = _next_heading(text, pos, state)
    if heading:
        found.append((heading[0], heading[1], HEADING, heading[2]))
    paragraph = _next_paragraph(text, pos, state)
    if paragraph:
        found.append((paragraph[0], paragraph[1], ITEM, paragraph[2]))
    if state.key in LISTS:
        found.extend(_list_cuts(text, pos, state))
    found.extend(_closing_cuts(text, pos, state))
    found.extend(_footnote_cuts(text, pos, state))
    return found


def _list_cuts(text: str, pos: int, state: _State) -> list[tuple[int, int, str, str]]:
    """The first bullet and the first list number from ``pos`` that open an item."""
    found: list[tuple[int, int, str, str]] = []
    for m in _BULLET.finditer(text, pos):
        if m.start() >= pos and _boundary(text, m.start(), state.start):
            found.append((m.start(), m.start(), ITEM, BULLET))
            break
    # whatever the number: a list may skip one or mix numbers and bullets (the parser
    # reports that); inside a list part, a number where a sentence starts opens an item
    for m in _LISTED.finditer(text, pos):
        if m.start() >= pos and _boundary(text, m.start(), state.start):
            found.append((m.start(), m.start(), ITEM, m.group(1) or m.group(2)))
            break
    return found


def _closing_cuts(text: str, pos: int, state: _State) -> list[tuple[int, int, str, str]]:
    """Where the closing part starts from ``pos``, if it does."""
    low = text.lower()
    closing = "grateful" in low or "questions" in low or "note" in low  # CLOSING's words
    for m in CLOSING.finditer(text, pos) if closing else ():
        if m.start() >= pos and (_boundary(text, m.start(), state.start) or _NOTE.match(m.group())):
            return [(m.start(), m.start(), PARAGRAPH, CLOSING_PART)]
    return []


def _footnote_cuts(text: str, pos: int, state: _State) -> list[tuple[int, int, str, str]]:
    """The first footnote body of each kind (marked, plain) from ``pos``."""
    found: list[tuple[int, int, str, str]] = []
    bodies = []
    if MARK in text:
        bodies.append((_BODY_MARK, "mark"))
    if state.references - set(state.footnotes):
        bodies.append((_BODY_PLAIN, "plain"))
    for pattern, kind in bodies:
        for m in pattern.finditer(text, pos):
            if _is_body(m, kind, text, state):
                found.append((m.start(), m.end(), "footnote", m.group(1)))
                break
    return found


def _is_body(m: re.Match[str], kind: str, text: str, state: _State) -> bool:
    n = int(m.group(1))
    if n in state.footnotes or n not in state.references:
        return False
    if kind == "mark":
        return True
    after_footnote = state.in_footnote is not None and n == state.in_footnote + 1
    return after_footnote or (m.start() > 0 and _boundary(text, m.start(), state.start))


def _marks_before(text: str, end: int) -> set[int]:
    return {int(m.group(1)) for m in _MARKS.finditer(text, 0, end)} if MARK in text else set()


_MARKS = re.compile(f"{MARK}(\\d{{1,2}}){MARK}")


def _order(key: str) -> float:
    if key == CLOSING_PART:
        return _ORDER["improvements"] + 0.5
    return _ORDER.get(key, -1)


# --- the walk over the blocks ---------------------------------------------------------------------


class _Reader:
    """Reads blocks into parts, splitting a block where the structure shows inside it."""

    def __init__(self, area: str, footnotes: dict[int, str]) -> None:
        self.state = _State(area, footnotes=dict(footnotes))
        self.parts: list[Part] = []

    def part(self, key: str, heading: str = "", number: int | None = None) -> None:
        self.parts.append(Part(key, heading, number))
        if key in BY_KEY or key == CLOSING_PART:
            self.state.key = key
            self.state.seen.add(key)
        section = BY_KEY.get(key)
        if section is not None and section.number is not None:
            self.state.theme, self.state.last = section.number, 0

    def add(self, block: Block) -> None:
        if not self.parts:
            self.part(TITLE_PART)
        if block.kind == HEADING:
            found = section_of(block.text)
            key = found[0].key if found else OTHER
            self.part(key, block.text, found[1] if found else None)
            return
        self._split("\n".join(block.lines), block)

    def _enter(self, kind: str, marker: str, raw: str) -> None:
        """What a block that opens with this kind and marker changes.

        It may change the theme and paragraph number, the list number, or a closing part.

        Idempotent: a block may be entered twice (when a cut is found and when its text is added).
        """
        state = self.state
        if kind == ITEM and "." in marker:
            theme, n = (int(x) for x in marker.split("."))
            section = THEMES_BY_NUMBER.get(theme)
            current = BY_KEY.get(state.key)
            if (
                section
                and (current is None or current.number != theme)
                and section.key not in state.seen
            ):
                self.part(section.key)  # paragraphs of a theme whose heading was not seen
            state.theme, state.last = theme, n
        elif kind == PARAGRAPH and state.key != CLOSING_PART and CLOSING.match(raw.lstrip()):
            self.part(CLOSING_PART)

    def _emit(self, kind: str, marker: str, raw: str) -> None:
        self._enter(kind, marker, raw)
        text = clean_text(raw)
        if kind == ITEM:
            text = _strip_opening(text)
        if text:
            self.parts[-1].blocks.append(Block(kind, text, marker, tuple(raw.split("\n"))))

    def _split(self, raw: str, block: Block) -> None:
        state = self.state
        paged = "Page" in raw and _PAGE.search(raw)
        if paged:
            raw = _PAGE.sub(" ", raw)
        state.references |= _marks_before(raw, len(raw)) - set(state.footnotes)
        kind, marker, start, pos = block.kind, block.marker, 0, 1
        self._enter(kind, marker, raw)  # its own number first: "1.2. ... 1.3. ..." reads on to 1.3
        while True:
            state.start = start
            cuts = [c for c in _cuts(raw, pos, state) if c[0] >= pos]
            if not cuts and start == 0 and not paged and block.text:
                self._enter(kind, marker, raw)  # the block as read: its text is clean already
                self.parts[-1].blocks.append(block)
                return
            if not cuts:
                break
            cut_start, cut_end, cut_kind, key = min(cuts, key=lambda c: (c[0], c[2] != HEADING))
            self._piece(kind, marker, raw[start:cut_start])
            if cut_kind == HEADING:
                number = section_of(raw[cut_start:cut_end])
                self.part(
                    key,
                    clean_text(raw[cut_start:cut_end]).lstrip("#* "),
                    number[1] if number else None,
                )
                kind, marker, start, pos = PARAGRAPH, "", cut_end, cut_end + 1
            elif cut_kind == "footnote":
                kind, marker, start = "footnote", key, cut_end
                state.in_footnote = int(key)
                state.footnotes[int(key)] = ""
                pos = cut_end + 1
            else:
                kind, marker, start, pos = cut_kind, key, cut_start, cut_start + 1
                if cut_kind == PARAGRAPH:
                    marker = ""
                self._enter(kind, marker, raw[cut_start:])
        self._piece(kind, marker, raw[start:])

    def _piece(self, kind: str, marker: str, raw: str) -> None:
        if kind == "footnote":
            self.state.footnotes[int(marker)] = clean_text(raw)
            return
        if clean_text(raw):
            self._emit(kind, marker, raw)


_OPENING = re.compile(
    r"^(?:[-•*]\s*)?(?:\d\.\d{1,2}\.?\s+|(?:\d{1,2}[.)]|\([a-z0-9]{1,2}\)|[a-z][.)])\s+)?"
)


def _strip_opening(text: str) -> str:
    """An item's text without its bullet or number."""
    return text[_OPENING.match(text).end() :].strip()  # type: ignore[union-attr]


def _title(blocks: list[Block]) -> tuple[int, re.Match[str]] | None:
    for i, block in enumerate(blocks):
        m = TITLE.search("\n".join(block.lines))
        if m:
            return i, m
    return None


def outline(doc: Document) -> Outline:
    """The report's parts, its area and its footnotes (those found inside blocks included)."""
    blocks = doc.blocks
    found = _title(blocks)
    if found is None:
        return Outline("", [Part(HEADER, blocks=list(blocks))], dict(doc.footnotes))
    index, m = found
    raw = "\n".join(blocks[index].lines)
    before, rest = raw[: m.start()], raw[m.end() :]
    others = " ".join(b.text for j, b in enumerate(blocks) if j != index)
    area, _end = area_of(clean_text(rest), f"{clean_text(before)} {others}")
    consumed = index + 1
    if not area and consumed < len(blocks) and blocks[consumed].kind == PARAGRAPH:
        area, end_next = area_of(blocks[consumed].text, others)
        if area and end_next >= len(blocks[consumed].text.rstrip(" .:")):
            consumed += 1  # the area on the line under the title
    header = Part(HEADER, blocks=list(blocks[:index]))
    if clean_text(before):
        header.blocks.append(Block(PARAGRAPH, clean_text(before), "", tuple(before.split("\n"))))
    reader = _Reader(area, doc.footnotes)
    heading = clean_text(raw[m.start() :])
    reader.part(TITLE_PART, heading)
    remainder = after_area(rest, area) if area else ""
    if area:
        reader.parts[-1].heading = clean_text(raw[m.start() : m.end()]) + " " + area
    if clean_text(remainder):
        lines = tuple(remainder.split("\n"))
        reader.add(Block(PARAGRAPH, clean_text(remainder), "", lines))
    for block in blocks[consumed:]:
        reader.add(block)
    return Outline(area, [header, *reader.parts], reader.state.footnotes)
