"""Truth-preserving reformattings of an SQS report's text, for the metamorphic tests.

Every function here rewrites *how* a report was typed, saved or extracted, never *what it says*:
the same words, figures, people and structure come out, laid out as real copies of reports show
them (markdown, an HTML fragment, plain text out of a PDF with hard wraps, page furniture and
footnotes at the page foot, Windows line ends ...). The parser's tables must not change under any
of them (``tests/extract/test_metamorphic.py``), so each one is written against the seeds' own
conventions: markdown with inline HTML, ``- `` bullets (``- 1.1.`` for numbered paragraphs),
``<sup>1</sup>`` footnote references, footnote bodies on a line of their own that opens with the
reference (``<sup>1</sup> Published ...``), a tab-separated copy list under "Copy to:".

:data:`REGISTRY` maps each name to a :class:`Reformatting`, called as ``fn(text, seed=0)``; it is
pure and deterministic (``seed`` only picks where an NBSP, a page break or a footnote goes).
Whatever the function, a leading BOM and the text's line ends (CRLF, CR) are kept: it works on
``\\n`` lines in between (:func:`_keeping_ends`), so ``crlf``, ``cr`` and ``bom`` compose with
everything in any order.

Which compositions mean something is defined here too, not by skipping failures: a text carries
*tags* (it starts as ``markdown``); each reformatting may require tags, forbid tags, add and
remove them, and belong to a *group* of which a composition holds one at most. Roughly, content
changes (headings, bullets, the copy list, footnote markers) come before the rendering (markup
stripped, HTML), layout (footnotes moved, hard wraps, pages) after it, and the loss of every line
break last; typography (quotes, dashes, NBSP) and line ends go anywhere. :func:`compatible` says
why a composition is refused, :func:`allowed_next` what may follow, :func:`compose` applies one.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import partial

# --------------------------------------------------------------------------- shared helpers

SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_TO_SUPERSCRIPT = str.maketrans("0123456789", SUPERSCRIPT_DIGITS)
_FROM_SUPERSCRIPT = str.maketrans(SUPERSCRIPT_DIGITS, "0123456789")
NBSP = "\u00a0"
PUA_BULLET = "\uf0b7"  # the Symbol-font bullet pdftotext gives

# Tags, markdown links' targets and autolinks: text inside them is never retyped.
_PROTECTED = re.compile(r"<[^<>\n]*>|\]\([^()\s]*\)")


def _outside_tags(text: str, fn: Callable[[str], str]) -> str:
    """``fn`` applied to the text between tags (and markdown link targets), which stay as are."""
    out: list[str] = []
    last = 0
    for m in _PROTECTED.finditer(text):
        out.append(fn(text[last : m.start()]))
        out.append(m.group())
        last = m.end()
    out.append(fn(text[last:]))
    return "".join(out)


def _keeping_ends(fn: Callable[[str, int], str]) -> Callable[[str, int], str]:
    """``fn`` run on ``\\n`` lines without a BOM; the text's BOM and line ends put back after."""

    def run(text: str, seed: int = 0) -> str:
        bom = text.startswith("\ufeff")
        if bom:
            text = text[1:]
        ending = "\r\n" if "\r\n" in text else "\r" if "\r" in text else "\n"
        if ending != "\n":
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        out = fn(text, seed)
        if ending != "\n":
            out = out.replace("\n", ending)
        return ("\ufeff" if bom else "") + out

    return run


_TERMINAL = re.compile(r"[.!?:;\"'’”)*]\s*$")


def ends_sentence(line: str) -> bool:
    return bool(_TERMINAL.search(line))


def is_html(text: str) -> bool:
    return bool(re.search(r"<(?:p|h[1-6]|ul|ol|table)>", text))


# --------------------------------------------------------------------------- headings

#: The words of every heading the seeds have (style, number and colon aside), both wordings of
#: theme 4 included. Matched against a whole line only, so prose is never taken for a heading.
_HEADING_WORDS = re.compile(
    r"(?P<title>report\s+of\s+short\s+quality\s+screening\s+\(sqs\)\s+of\s+youth\s+offending"
    r"\s+work\s+in\s+\S.{0,60})"
    r"|(?P<part>context|summary|commentary\s+on\s+the\s+inspection\s+in\s+\S.{0,60}"
    r"|operational\s+management|key\s+strengths|areas\s+requiring\s+improvement|copy\s+to)"
    r"|(?P<theme>reducing\s+reoffending|protecting\s+the\s+public"
    r"|protecting\s+the\s+child\s+or\s+young\s+person"
    r"|ensuring\s+that\s+the\s+sentence\s+is\s+served|making\s+sure\s+the\s+sentence\s+is\s+served)",
    re.IGNORECASE,
)
_EDGE = r"(?:[ \t#*_]|</?[a-zA-Z][a-zA-Z0-9]{0,9}>)*"
_HEADING_LINE = re.compile(
    rf"(?P<pre>{_EDGE})(?P<num>[1-4]\.\s+)?(?P<words>[^\t]+?)(?P<colon>\s*:)?(?P<post>{_EDGE})"
)
THEME4 = ("Ensuring that the sentence is served", "Making sure the sentence is served")


@dataclass
class Heading:
    """A heading line in parts: markup before, theme number, words, colon, markup after."""

    pre: str
    num: str
    words: str
    colon: str
    post: str
    kind: str  # "title", "part" or "theme"

    def line(self) -> str:
        return f"{self.pre}{self.num}{self.words}{self.colon}{self.post}"


def heading(line: str) -> Heading | None:
    """The line as a :class:`Heading` when the whole line is one of the seeds' headings."""
    if len(line) > 200:
        return None
    m = _HEADING_LINE.fullmatch(line)
    if not m:
        return None
    w = _HEADING_WORDS.fullmatch(m.group("words"))
    if not w:
        return None
    kind = w.lastgroup or "part"
    if m.group("num") and kind != "theme":
        return None
    return Heading(
        m.group("pre"), m.group("num") or "", m.group("words"), m.group("colon") or "",
        m.group("post"), kind,
    )  # fmt: skip


def _map_headings(text: str, fn: Callable[[Heading], None]) -> str:
    lines = text.split("\n")
    for i, line in enumerate(lines):
        h = heading(line)
        if h is not None:
            fn(h)
            lines[i] = h.line()
    return "\n".join(lines)


def _theme_number(words: str) -> str:
    w = " ".join(words.lower().split())
    for n, start in (("1", "reducing"), ("2", "protecting the public"), ("3", "protecting the c")):
        if w.startswith(start):
            return n
    return "4"


def headings_style(text: str, seed: int = 0, *, style: str) -> str:
    """Every heading in one style: ``hash`` (``## words``), ``bold`` (``**words**`` on its own
    line) or ``plain`` (the words alone on a line); number, words and colon kept."""

    def restyle(h: Heading) -> None:
        if style == "hash":
            h.pre, h.post = ("## " if h.kind == "title" else "### "), ""
        elif style == "bold":
            h.pre, h.post = "**", "**"
        else:
            h.pre, h.post = "", ""

    return _map_headings(text, restyle)


def headings_caps(text: str, seed: int = 0) -> str:
    """Every heading's words in ALL CAPS (the title's too), as PDFs set them."""

    def caps(h: Heading) -> None:
        h.words = h.words.upper()

    return _map_headings(text, caps)


def headings_unnumbered(text: str, seed: int = 0) -> str:
    """Theme headings without their number ("Protecting the public")."""

    def drop(h: Heading) -> None:
        h.num = ""

    return _map_headings(text, drop)


def headings_colon(text: str, seed: int = 0, *, colon: bool) -> str:
    """Every heading but the title with (``colon=True``) or without a trailing colon."""

    def set_colon(h: Heading) -> None:
        if h.kind != "title":
            h.colon = ":" if colon else ""

    return _map_headings(text, set_colon)


def theme4_wording(text: str, seed: int = 0) -> str:
    """Theme 4's heading in the other wording reports use: "Ensuring that the sentence is
    served" <-> "Making sure the sentence is served" (case kept when ALL CAPS)."""

    def swap(h: Heading) -> None:
        if h.kind != "theme" or _theme_number(h.words) != "4":
            return
        other = THEME4[1] if h.words.lower().startswith("ensuring") else THEME4[0]
        h.words = other.upper() if h.words.isupper() else other

    return _map_headings(text, swap)


# --------------------------------------------------------------------------- bullets

_DASH_BULLET = re.compile(r"^- (?=\S)")
_PARAGRAPH_BULLET = re.compile(r"^- (?=\d\.\d)")


def bullets(text: str, seed: int = 0, *, glyph: str) -> str:
    """Markdown ``- `` bullets as ``glyph``: a mark (``•``, ``▪``, ``*``, ``–``, U+F0B7), or
    ``1.`` / ``(a)``: each list of judgements numbered from one (numbered paragraphs, which
    carry their own number, keep their mark)."""
    lines = text.split("\n")
    count = 0
    for i, line in enumerate(lines):
        if not _DASH_BULLET.match(line):
            if line.strip():
                count = 0
            continue
        if glyph in ("1.", "(a)"):
            if _PARAGRAPH_BULLET.match(line):
                continue
            count += 1
            mark = f"{count}." if glyph == "1." else f"({chr(ord('a') + count - 1)})"
        else:
            mark = glyph
        lines[i] = f"{mark} {line[2:]}"
    return "\n".join(lines)


_ANY_BULLET = re.compile(rf"^(?:[-•▪*–{PUA_BULLET}]) (?=\d\.\d{{1,2}}\.?\s)")


def paragraph_numbers_plain(text: str, seed: int = 0) -> str:
    """Numbered paragraphs without a bullet before the number ("1.1. There was ...")."""
    return "\n".join(_ANY_BULLET.sub("", line) for line in text.split("\n"))


# --------------------------------------------------------------------------- copy list

_COPY_HEADING = re.compile(rf"{_EDGE}copy\s+to\s*:?{_EDGE}", re.IGNORECASE)
_NOTE_1 = re.compile(r"^note\s+1\s*:", re.IGNORECASE)
_POST_NOMINALS = frozenset({"JP", "MBE", "OBE", "CBE", "QPM", "DL", "KC", "QC"})


def split_names(cell: str) -> list[str]:
    """A copy list cell's names ("A, B, C"), a post-nominal kept with its name ("X, JP")."""
    names: list[str] = []
    for part in (p.strip() for p in cell.split(",")):
        if names and part in _POST_NOMINALS:
            names[-1] += f", {part}"
        elif part:
            names.append(part)
    return names


def copy_rows(lines: Sequence[str]) -> tuple[int, int, list[tuple[str, list[str]]]] | None:
    """Where the copy list's rows are (first, last + 1) and each row's role and names: the
    tab-separated lines under the last "Copy to:" heading, before "Note 1:"."""
    start = max((i for i, ln in enumerate(lines) if _COPY_HEADING.fullmatch(ln)), default=None)
    if start is None:
        return None
    rows: list[tuple[str, list[str]]] = []
    first = last = None
    for i in range(start + 1, len(lines)):
        line = lines[i]
        if _NOTE_1.match(line):
            break
        if "\t" not in line:
            continue
        role, _, cell = line.partition("\t")
        cell = re.sub(r"</?i>", "", cell.strip("\t"))
        rows.append((role.strip(), split_names(cell)))
        first = i if first is None else first
        last = i
    if first is None or last is None:
        return None
    return first, last + 1, rows


def copy_list(text: str, seed: int = 0, *, style: str) -> str:
    """The copy list laid out as ``tabs`` (one name a line, further names under an empty role
    cell), ``spaces`` (columns padded with runs of spaces, as ``pdftotext -layout``), ``table``
    (a markdown table), ``colon`` (``Role: Name, Name``) or ``paren`` (``Name (Role)``, one name a
    line). The italics round names are dropped."""
    lines = text.split("\n")
    found = copy_rows(lines)
    if found is None:
        return text
    first, end, rows = found
    out: list[str] = []
    width = max(len(role) for role, _ in rows) + 4
    for n, (role, names) in enumerate(rows):
        joined = ", ".join(names)
        if style == "tabs":
            out.append(f"{role}\t{names[0]}")
            out.extend(f"\t{name}" for name in names[1:])
        elif style == "spaces":
            out.append(f"{role.ljust(width)}{joined}")
        elif style == "table":
            out.append(f"| {role} | {joined} |")
            if n == 0:
                out.append("| --- | --- |")
        elif style == "colon":
            out.append(f"{role}: {joined}")
        else:
            out.extend(f"{name} ({role})" for name in names)
    return "\n".join([*lines[:first], *out, *lines[end:]])


# --------------------------------------------------------------------------- footnote markers

# "<sup>&</sup>lt;sup>1</sup>": Somerset's footnote number, a converter's "<sup>&lt;sup>1</sup>"
# with its entity split by a tag.
_SUP_OPEN = r"(?:<sup>&(?:amp;)?</sup>lt;sup>|<sup>)"
_MARKER = re.compile(
    rf"{_SUP_OPEN}(\d{{1,2}})</sup>|\[\^(\d{{1,2}})\](:?)|([{SUPERSCRIPT_DIGITS}]{{1,2}})"
)


def footnote_markers(text: str, seed: int = 0, *, form: str) -> str:
    """Footnote references and the numbers opening footnote bodies, whatever their form
    (``<sup>1</sup>``, ``[^1]``, ``¹``), as ``superscript`` (``rate¹``, ``¹ Published``),
    ``glued`` digits (``rate1``, ``1 Published``: what pdftotext gives) or ``markdown``
    (``rate[^1]``, ``[^1]: Published``). Somerset's broken ``<sup>&</sup>lt;sup>1</sup>`` is
    one such reference to footnote 1, written cleanly like the others."""

    def render(m: re.Match[str]) -> str:
        n = m.group(1) or m.group(2) or m.group(4).translate(_FROM_SUPERSCRIPT)
        body = m.start() == 0 or text[m.start() - 1] == "\n"
        if form == "superscript":
            return n.translate(_TO_SUPERSCRIPT)
        if form == "glued":
            return n
        return f"[^{n}]:" if body else f"[^{n}]"

    return _MARKER.sub(render, text)


# --------------------------------------------------------------------------- footnote bodies

_BODY_START = re.compile(
    rf"{_SUP_OPEN}(\d{{1,2}})</sup>|\[\^(\d{{1,2}})\]:"
    rf"|([{SUPERSCRIPT_DIGITS}]{{1,2}})(?=\s)|(\d{{1,2}})[ {NBSP}]+(?=[A-Z])"
)
_RULE_LINE = re.compile(r"(?:[-*_=]\s{0,2}){3,}")


def footnote_bodies(lines: Sequence[str]) -> list[tuple[int, int, int]]:
    """(first line, last line + 1, number) of each footnote body: a line that opens with a
    footnote number (in any marker form) and the lines under it up to a blank line."""
    found = []
    i = 0
    while i < len(lines):
        m = _BODY_START.match(lines[i])
        if m:
            number = next(g for g in m.groups() if g)
            end = i + 1
            while end < len(lines) and lines[end].strip():
                end += 1
            found.append((i, end, int(number.translate(_FROM_SUPERSCRIPT))))
            i = end
        else:
            i += 1
    return found


def _lift_bodies(lines: list[str]) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The lines without their footnote bodies (each taken out with the rule above it, and a
    paragraph that a body interrupted joined up again), and the bodies' numbers and lines."""
    bodies: list[tuple[int, list[str]]] = []
    while True:
        found = footnote_bodies(lines)
        if not found:
            return lines, bodies
        start, end, number = found[0]
        bodies.append((number, lines[start:end]))
        before = start
        while before > 0 and not lines[before - 1].strip():
            before -= 1
        if before > 0 and _RULE_LINE.fullmatch(lines[before - 1].strip()):
            start = before - 1
        lines = lines[:start] + lines[end:]
        p = start - 1
        while p >= 0 and not lines[p].strip():
            p -= 1
        q = start
        while q < len(lines) and not lines[q].strip():
            q += 1
        if p >= 0 and q < len(lines) and not ends_sentence(lines[p]) and lines[q][:1].islower():
            lines = [*lines[:p], f"{lines[p].rstrip()} {lines[q].lstrip()}", *lines[q + 1 :]]


def _reference(number: int) -> re.Pattern[str]:
    """A reference to footnote ``number`` in any marker form (glued: after a lower-case letter)."""
    n = str(number)
    return re.compile(
        rf"<sup>{n}</sup>|\[\^{n}\](?!:)|(?<![{SUPERSCRIPT_DIGITS}]){n.translate(_TO_SUPERSCRIPT)}"
        rf"(?![{SUPERSCRIPT_DIGITS}])|(?<=[a-z]){n}(?!\d)"
    )


def footnotes_endnotes(text: str, seed: int = 0) -> str:
    """Every footnote body moved to the end of the document (a paragraph one interrupted at a
    page foot joined up again), as a Word document saved as text gives endnotes."""
    lines, bodies = _lift_bodies(text.split("\n"))
    while lines and not lines[-1].strip():
        lines.pop()
    for _, body in bodies:
        lines += ["", *body]
    return "\n".join(lines)


#: Characters of a PDF's printed line: a longer source line fills several lines of a page.
PRINTED_LINE = 90

# A line that a reader takes as the start of a new block: a bullet or list mark, a number, a
# heading mark, a table, a footnote body's number, a header label.
_BLOCK_START = re.compile(
    rf"(?:[-*+•▪–—{PUA_BULLET}>#|](?:\s|$)|#|\d{{1,9}}[.)](?:\s|\d|$)|\(\w{{1,3}}\)\s"
    rf"|\d{{1,2}}[ {NBSP}]+[A-Z]|[{SUPERSCRIPT_DIGITS}]|<sup>|\[\^"
    r"|(?:To|From|Copy to|Publication date|Note \d{1,2})\s?:)"
)


def _printed(lines: Sequence[str]) -> int:
    """How many printed lines of a page ``lines`` fill (see :data:`PRINTED_LINE`)."""
    return sum(max(1, -(-len(line) // PRINTED_LINE)) for line in lines)


def _page_line(lines: Sequence[str], index: int, bare: bool) -> str:
    """The number of the page that line ``index`` is on, 50 printed lines a page."""
    k = 1 + _printed(lines[:index]) // 50
    return str(k) if bare else f"Page {k} of {max(k, 1 + _printed(lines) // 50)}"


def _protected_spans(line: str) -> list[tuple[int, int]]:
    pattern = r"<[^<>]*>|\[[^\]]*\]\([^)]*\)|\*[^*\s][^*]*\*|\[\^\d{1,2}\]"
    return [m.span() for m in re.finditer(pattern, line)]


def _split_points(line: str, after: int) -> list[int]:
    """Spaces of ``line`` after ``after`` where a page could end mid-sentence: not after the end
    of a sentence, inside markup, or before words a reader would take for a new block."""
    spans = _protected_spans(line)
    points = []
    for m in re.finditer(" ", line):
        i = m.start()
        if i <= after or i < 12 or ends_sentence(line[:i]):
            continue
        if any(a <= i < b for a, b in spans) or _BLOCK_START.match(line[i + 1 :]):
            continue
        if len(line) - i < 12:
            continue
        points.append(i)
    return points


def _prose(line: str) -> bool:
    return (
        len(line) >= 80 and "\t" not in line and heading(line) is None
        and not line.startswith(("#", "|", "<"))
    )  # fmt: skip


def footnote_foot(text: str, seed: int = 0, *, page: str | None, later: bool = False) -> str:
    """Each footnote body moved to a page foot that falls in the middle of a paragraph: the
    paragraph holding the reference (``later``: one or two paragraphs further on) is cut
    mid-sentence, the body set in, then the page number (``page``: ``"of"`` for "Page 2 of 5",
    ``"bare"`` for "2", None for none), then the paragraph goes on."""
    rng = random.Random(seed)
    lines, bodies = _lift_bodies(text.split("\n"))
    for number, body in bodies:
        ref = _reference(number)
        where = next((i for i, ln in enumerate(lines) if ref.search(ln)), None)
        if where is None:
            lines += ["", *body]
            continue
        after = ref.search(lines[where]).end()  # type: ignore[union-attr]
        if later:
            prose = [i for i in range(where + 1, len(lines)) if _prose(lines[i])]
            if prose:
                where, after = prose[min(rng.randint(0, 1), len(prose) - 1)], 0
        points = _split_points(lines[where], after)
        if not points:  # nowhere to cut: the body goes under the paragraph
            lines[where + 1 : where + 1] = ["", *body]
            continue
        cut = rng.choice(points)
        line = lines[where]
        foot = ["", *body, ""]
        if page is not None:
            foot += [_page_line(lines, where, page == "bare"), ""]
        lines[where : where + 1] = [line[:cut], *foot, line[cut + 1 :]]
    return "\n".join(lines)


# --------------------------------------------------------------------------- typography


def curly_quotes(text: str, seed: int = 0) -> str:
    """Straight quotes and apostrophes as typographic ones (‘ ’ “ ”), outside tags."""

    def curl(s: str) -> str:
        s = re.sub(r"(?<![\w.,;:!?%)\]*’])'(?=[\w*])", "‘", s)
        s = s.replace("'", "’")
        s = re.sub(r'(?<![\w.,;:!?%)\]*’”])"(?=[\w*‘(])', "“", s)
        return s.replace('"', "”")

    return _outside_tags(text, curl)


def dashes(text: str, seed: int = 0, *, to: str) -> str:
    """Dashes retyped: ``ascii`` (en and em dashes as hyphens), ``en`` (a spaced hyphen and a
    hyphen between numbers as en dashes: "09–11 May", "website – http"), ``em`` (a spaced hyphen
    or en dash as a spaced em dash). A hyphen inside a word, and a bullet, stay."""

    def retype(s: str) -> str:
        if to == "ascii":
            return s.replace("–", "-").replace("—", "-")
        if to == "en":
            s = re.sub(r"(?<=\S) - (?=\S|$)", " – ", s)  # "$": a tag or link follows
            return re.sub(r"(?<=\d)-(?=\d)", "–", s)
        return re.sub(r"(?<=\S) [-–] (?=\S|$)", " — ", s)

    return _outside_tags(text, retype)


def nbsp(text: str, seed: int = 0, *, share: float = 0.35) -> str:
    """About ``share`` of the spaces between two word characters as non-breaking spaces (which
    ones: by ``seed``), outside tags."""
    rng = random.Random(seed)

    def swap(s: str) -> str:
        return re.sub(r"(?<=\w) (?=\w)", lambda m: NBSP if rng.random() < share else " ", s)

    return _outside_tags(text, swap)


# --------------------------------------------------------------------------- rendering


def _superscript_marker(m: re.Match[str]) -> str:
    n = m.group(1) or m.group(2) or m.group(4).translate(_FROM_SUPERSCRIPT)
    return n.translate(_TO_SUPERSCRIPT)


def strip_markup(text: str, seed: int = 0) -> str:
    """Plain text, as a markdown viewer's "save as text" gives: no ``#`` heading marks, no
    ``**bold**`` or ``*emphasis*``, no inline HTML (``<i>``, ``<u>``, ``<a>``), links as their
    text, autolinks as the address, footnote references as superscript digits (``rate¹``), a
    markdown table as rows whose columns are padded with spaces. Bullets (``- ``) are plain
    text already and stay."""
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        if lines[i].startswith("|"):
            table = []
            while i < len(lines) and lines[i].startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-{3,}:?", c) for c in cells):
                    table.append(cells)
                i += 1
            widths = [max(len(r[k]) for r in table if k < len(r)) for k in range(len(table[0]))]
            out += [
                "   ".join(c.ljust(w) for c, w in zip(r, widths, strict=False)).rstrip()
                for r in table
            ]
            continue
        out.append(re.sub(r"^#{1,6}\s+", "", lines[i]).rstrip(" "))
        i += 1
    text = "\n".join(out)
    text = re.sub(r"\[([^\[\]\n]*)\]\([^()\s]*\)", r"\1", text)
    text = re.sub(r"<((?:https?://|mailto:)[^<>\s]+)>", r"\1", text)
    text = re.sub(r"<a\s[^<>]*>([^<>]*)</a>", r"\1", text)
    text = _MARKER.sub(_superscript_marker, text)
    text = re.sub(r"</?(?:i|b|u|em|strong|span)>", "", text)
    text = text.replace("**", "").replace("__", "")
    return re.sub(r"(?<![\w*])\*(?=\S)((?:(?!\n\s*\n)[^*])+?)(?<=\S)\*(?![\w*])", r"\1", text)


_TABLE_RULE_ROW = re.compile(r"\|?(?:\s*:?-{3,}:?\s*\|)+\s*")
_UL_ITEM = re.compile(r"[-*+] (?=\S)")
_OL_ITEM = re.compile(r"(\d{1,2})\. (?=\S)(?!\d\.\d)")


def _inline_html(s: str) -> str:
    s = re.sub(rf"{_SUP_OPEN}(\d{{1,2}})</sup>", r"<sup>\1</sup>", s)
    s = re.sub(r"&(?!#?\w{1,10};)", "&amp;", s)
    s = re.sub(r"\[\^(\d{1,2})\]:?", r"<sup>\1</sup>", s)
    s = re.sub(r"\[([^\[\]\n]*)\]\(([^()\s]*)\)", r'<a href="\2">\1</a>', s)
    s = re.sub(r"<((?:https?://|mailto:)[^<>\s]+)>", r'<a href="\1">\1</a>', s)
    s = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", s)
    return re.sub(r"(?<![\w*])\*(?=\S)([^*]+?)(?<=\S)\*(?![\w*])", r"<em>\1</em>", s)


def html_fragment(text: str, seed: int = 0) -> str:
    """The report as an HTML fragment, one element a line: ``# `` headings as ``<hN>``,
    paragraphs as ``<p>`` (their lines kept, a markdown hard break as ``<br>``), ``- `` bullets
    as ``<ul><li>``, ``1.`` items as ``<ol><li>``, tab-separated rows and markdown tables as
    ``<table><tr><td>``, footnote references as ``<sup>``, bold and emphasis as ``<strong>`` and
    ``<em>``, links as ``<a href>``; ``&`` escaped. Inline HTML the text has stays."""
    out: list[str] = []
    block: list[str] = []
    kind = ""  # "p" or "li" while a block is open
    open_list = open_table = ""

    def flush() -> None:
        nonlocal block, kind
        if block:
            inner = "\n".join(
                _inline_html(ln.rstrip())
                + ("<br>" if ln.endswith("  ") and k < len(block) - 1 else "")
                for k, ln in enumerate(block)
            )
            out.append(f"<{kind}>{inner}</{kind}>")
        block, kind = [], ""

    def close(keep: str = "") -> None:
        nonlocal open_list, open_table
        flush()
        if open_list and open_list != keep:
            out.append(f"</{open_list}>")
            open_list = ""
        if open_table and keep != "table":
            out.append("</table>")
            open_table = ""

    for line in text.split("\n"):
        if not line.strip():
            close()
            continue
        h = re.match(r"(#{1,6})\s+(.*)$", line)
        if h:
            close()
            n = len(h.group(1))
            out.append(f"<h{n}>{_inline_html(h.group(2).strip())}</h{n}>")
        elif _RULE_LINE.fullmatch(line.strip()) and not line.startswith("|"):
            close()
            out.append("<hr>")
        elif "\t" in line or line.startswith("|"):
            if _TABLE_RULE_ROW.fullmatch(line):
                continue
            close("table")
            if not open_table:
                out.append("<table>")
                open_table = "table"
            raw = (
                line.strip().strip("|").split("|")
                if line.startswith("|")
                else re.split(r"\t+", line)
            )
            out.append(
                "<tr>" + "".join(f"<td>{_inline_html(c.strip())}</td>" for c in raw) + "</tr>"
            )
        elif (plain := heading(line)) is not None and not plain.pre.startswith("#"):
            close()  # a heading set as text (bold, or plain "2. Protecting the public")
            out.append(f"<p>{_inline_html(line.strip())}</p>")
        elif item := _UL_ITEM.match(line) or _OL_ITEM.match(line):
            tag = "ul" if item.re is _UL_ITEM else "ol"
            close(tag)
            if not open_list:
                out.append(f"<{tag}>")
                open_list = tag
            kind, block = "li", [line[item.end() :]]
        else:
            if open_table:
                close()
            if not kind:
                close()
                kind = "p"
            block.append(line)
    close()
    return "\n".join(out) + "\n"


_ENTITY_NAMES = {
    "–": "&ndash;", "—": "&mdash;", "‘": "&lsquo;", "’": "&rsquo;", "“": "&ldquo;",
    "”": "&rdquo;", NBSP: "&nbsp;", "•": "&bull;", "'": "&#39;", '"': "&quot;",
}  # fmt: skip


def html_entities(text: str, seed: int = 0) -> str:
    """In an HTML fragment, quotes and every non-ASCII character as character references
    (``&rsquo;``, ``&ndash;``, ``&#185;``), as an HTML export writes them."""

    def escape(s: str) -> str:
        return "".join(_ENTITY_NAMES.get(c) or (f"&#{ord(c)};" if ord(c) > 127 else c) for c in s)

    return _outside_tags(text, escape)


# --------------------------------------------------------------------------- layout


def _fill(line: str, width: int, hyphens: bool, indent: bool) -> list[str]:
    """``line`` filled greedily into lines of at most ``width`` (a word longer stays whole), no
    line but the first starting with what a reader would take for a new block."""
    protected = re.sub(r"<[^<>]*>", lambda m: m.group().replace(" ", "\x00"), line)
    tokens: list[tuple[str, bool]] = []  # (text, a space before it)
    for word in protected.split(" "):
        if not word:
            continue
        pieces = re.findall(r"[^-]+-|[^-]+$|-", word) if hyphens and "-" in word[1:-1] else [word]
        tokens += [(p, k == 0) for k, p in enumerate(pieces)]
    mark = re.match(rf"(?:[-•▪*–{PUA_BULLET}]|\d{{1,2}}\.|\([a-z]\))\s+", line)
    hang = " " * len(mark.group()) if indent and mark else ""
    rows: list[list[tuple[str, bool]]] = [[tokens[0]]]
    for token in tokens[1:]:
        row = rows[-1]
        prefix = hang if len(rows) > 1 else ""
        joined = prefix + "".join(
            (" " if sp and k else "") + t for k, (t, sp) in enumerate([*row, token])
        )
        if len(joined) <= width:
            row.append(token)
            continue
        rows.append([token])
        while _BLOCK_START.match(rows[-1][0][0]) and len(rows[-2]) > 1:
            rows[-1].insert(0, rows[-2].pop())  # move a word down rather than open a block
    out = []
    for k, row in enumerate(rows):
        text = "".join((" " if sp and j else "") + t for j, (t, sp) in enumerate(row))
        out.append((hang if k else "") + text.replace("\x00", " "))
    return out


def wrap(
    text: str, seed: int = 0, *, width: int, hyphens: bool = False, indent: bool = False
) -> str:
    """Hard wraps at ``width`` (greedy, as a PDF's lines): a bullet's continuation lines carry
    no mark (``indent``: they are indented under its text), ``hyphens`` lets a line end after a
    hyphen inside a word ("three-" / "quarters"). Lines a converter never wraps stay whole:
    markdown headings, table rows (tabs, ``|``, runs of spaces). A line is never made to start
    with a list mark, number or label (a word moves down instead): such a line would open a new
    item in plain text too. Spaces inside HTML tags are not break points."""
    out: list[str] = []
    for line in text.split("\n"):
        if (
            len(line) <= width or "\t" in line or line.startswith(("#", "|"))
            or re.search(r"\S {2,}\S", line)
        ):  # fmt: skip
            out.append(line)
        else:
            out += _fill(line.rstrip(" "), width, hyphens, indent)
    return "\n".join(out)


def area_and_service(text: str) -> str:
    """The title's area and the service's abbreviation ("St Helens YOS"), for a running header."""
    flat = re.sub(r"<[^<>]*>|[#*]", "", text)
    m = re.search(
        r"youth\s+offending\s+work\s+in\s+([A-Za-z' .&-]{2,40}?)[\s:]*(?:\n|$)", flat, re.I
    )
    area = " ".join(m.group(1).split()) if m else ""
    if area.isupper():
        again = re.search(rf"\b{re.escape(area)}\b", flat[m.end() :] if m else flat, re.I)
        if again and not again.group().isupper():
            area = again.group()
    service = re.search(r"\((YO[ST])\)", flat)
    return " ".join(x for x in (area, service.group(1) if service else "") if x)


def _break_allowed(lines: Sequence[str], i: int, bodies: set[int]) -> bool:
    """Whether a page may end before line ``i``: not inside a table nor inside a footnote."""
    if i <= 0 or i >= len(lines):
        return False
    if lines[i - 1].startswith("|") and lines[i].startswith("|"):
        return False
    return (i - 1) not in bodies or not lines[i].strip()


def pages(text: str, seed: int = 0, *, number: str, header: bool, formfeed: bool = False) -> str:
    """Page furniture every 40-60 printed lines (by ``seed``; a source line longer than
    :data:`PRINTED_LINE` counts as the lines it would fill) and at the end: a page number at
    each page's foot (``number``: ``"of"`` for "Page 2 of 5", ``"bare"`` for "2"), a running
    header ("Short Quality Screening – St Helens YOS") at the top of the next page when
    ``header``, and with ``formfeed`` a form feed before it and no blank lines, as pdftotext
    gives. A page ends between two source lines, never inside a table or a footnote."""
    rng = random.Random(seed)
    lines = text.split("\n")
    in_body = {k for s, e, _ in footnote_bodies(lines) for k in range(s, e)}
    breaks: list[int] = []
    filled, target = 0, rng.randint(40, 60)
    for i, line in enumerate(lines):
        if filled >= target and i < len(lines) - 3 and _break_allowed(lines, i, in_body):
            breaks.append(i)
            filled, target = 0, rng.randint(40, 60)
        filled += _printed([line])
    total = len(breaks) + 1
    running = f"Short Quality Screening – {area_and_service(text)}".strip()

    def foot(k: int) -> list[str]:
        mark = str(k) if number == "bare" else f"Page {k} of {total}"
        return [mark] if formfeed else ["", mark, ""]

    out: list[str] = []
    last = 0
    for k, b in enumerate(breaks, start=1):
        out += lines[last:b] + foot(k)
        if header:
            out += [f"\f{running}"] if formfeed else [running, ""]
        elif formfeed:
            out += ["\f"]
        last = b
    out += lines[last:] + foot(total)
    return "\n".join(out)


def one_line(text: str, seed: int = 0) -> str:
    """Every line break lost: the text joined into one line (a run of line breaks and the
    spaces round it as one space; tabs stay; a word that a hard wrap broke after its hyphen,
    "three-" / "quarters", whole again).

    The footnote bodies are first moved to the end of the document (:func:`footnotes_endnotes`):
    a footnote that interrupts a sentence at a page foot cannot be delimited once the line
    breaks are gone (nothing marks where its text stops and the sentence resumes), so no copy
    that lost its line breaks and still reads truly can have one there. An HTML fragment keeps
    its footnotes where they are: their ``<p>`` delimits them without any line break.
    """
    if not is_html(text):
        text = footnotes_endnotes(text)
    text = re.sub(r"(?<=[A-Za-z]-)\n(?=[a-z])", "", text)  # "three-" / "quarters": one word
    return re.sub(r" *(?:\n *)+", " ", text).strip(" ")


def crlf(text: str, seed: int = 0) -> str:
    """Windows line ends: every line break as CRLF."""
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\r\n")


def cr(text: str, seed: int = 0) -> str:
    """Old-Mac line ends: every line break as a lone CR."""
    return text.replace("\r\n", "\n").replace("\n", "\r")


def bom(text: str, seed: int = 0) -> str:
    """A UTF-8 byte order mark at the start (as Notepad saves)."""
    return text if text.startswith("\ufeff") else "\ufeff" + text


# --------------------------------------------------------------------------- the registry


@dataclass(frozen=True)
class Reformatting:
    """A named reformatting and when it may be applied (see the module docstring)."""

    name: str
    fn: Callable[[str, int], str]
    requires: frozenset[str] = frozenset()
    forbids: frozenset[str] = frozenset()
    adds: frozenset[str] = frozenset()
    removes: frozenset[str] = frozenset()
    group: str | None = None

    def __call__(self, text: str, seed: int = 0) -> str:
        return self.fn(text, seed)


START_TAGS = frozenset({"markdown"})
#: Content changes need the text's lines as written: before the layout and any HTML.
_CONTENT = frozenset({"html", "wrapped", "paged", "flattened"})


def _entries() -> Iterable[Reformatting]:
    def r(name: str, fn: Callable[..., str], **kw: object) -> Reformatting:
        sets = {k: frozenset(v) for k, v in kw.items() if k != "group"}  # type: ignore[call-overload]
        return Reformatting(name, _keeping_ends(fn), group=kw.get("group"), **sets)  # type: ignore[arg-type]

    content = {"forbids": _CONTENT}
    for style in ("hash", "bold", "plain"):
        needs = {"requires": {"markdown"}} if style != "plain" else {}
        yield r(f"headings_{style}", partial(headings_style, style=style), **content, **needs)
    yield r("headings_caps", headings_caps, **content)
    yield r("headings_unnumbered", headings_unnumbered, **content)
    yield r("headings_colon", partial(headings_colon, colon=True), **content, group="colon")
    yield r("headings_no_colon", partial(headings_colon, colon=False), **content, group="colon")
    yield r("theme4_wording", theme4_wording, **content)
    glyphs = {
        "bullets_dot": "•", "bullets_square": "▪", "bullets_star": "*", "bullets_en_dash": "–",
        "bullets_pua": PUA_BULLET, "bullets_numbered": "1.", "bullets_lettered": "(a)",
    }  # fmt: skip
    for name, glyph in glyphs.items():
        yield r(name, partial(bullets, glyph=glyph), **content, group="bullets")
    yield r("paragraph_numbers_plain", paragraph_numbers_plain, **content)
    for style in ("tabs", "spaces", "table", "colon", "paren"):
        needs = {"requires": {"markdown"}} if style == "table" else {}
        yield r(f"copy_{style}", partial(copy_list, style=style), **content, **needs, group="copy")
    yield r(
        "markers_superscript", partial(footnote_markers, form="superscript"),
        forbids={"glued"},
    )  # fmt: skip
    yield r(
        "markers_glued", partial(footnote_markers, form="glued"), forbids={"glued"}, adds={"glued"}
    )
    yield r(
        "markers_markdown", partial(footnote_markers, form="markdown"),
        requires={"markdown"}, forbids={"glued", "flattened", "wrapped", "paged"},
    )  # fmt: skip
    yield r("curly_quotes", curly_quotes)
    for to in ("ascii", "en", "em"):
        yield r(f"dashes_{to}", partial(dashes, to=to))
    yield r("nbsp", nbsp)
    rendered = {"requires": {"markdown"}, "removes": {"markdown"}, "group": "render"}
    late = {"paged", "flattened"}
    yield r("strip_markup", strip_markup, forbids=late, adds={"plain"}, **rendered)
    yield r("html", html_fragment, forbids=late, adds={"html"}, **rendered)
    yield r("html_entities", html_entities, requires={"html"})
    moved = {"forbids": {"html", "wrapped", "paged", "flattened"}, "group": "footnotes"}
    yield r("footnotes_endnotes", footnotes_endnotes, **moved)
    yield r("footnote_foot", partial(footnote_foot, page="of"), **moved)
    yield r(
        "footnote_foot_bare", partial(footnote_foot, page="bare"),
        adds={"running_furniture"}, **moved,
    )  # fmt: skip
    yield r("footnote_foot_later", partial(footnote_foot, page=None, later=True), **moved)
    wraps = {
        "wrap_60": {"width": 60}, "wrap_72": {"width": 72}, "wrap_80": {"width": 80},
        "wrap_95": {"width": 95}, "wrap_110": {"width": 110},
        "wrap_76_hyphens": {"width": 76, "hyphens": True},
        "wrap_88_indent": {"width": 88, "indent": True},
    }  # fmt: skip
    for name, args in wraps.items():
        yield r(name, partial(wrap, **args), forbids={"flattened"}, adds={"wrapped"}, group="wrap")
    paging = {"forbids": {"html", "flattened"}, "group": "pages"}
    yield r("pages_of", partial(pages, number="of", header=False), adds={"paged"}, **paging)
    furniture = {"adds": {"paged", "running_furniture"}}
    yield r("pages_header_of", partial(pages, number="of", header=True), **furniture, **paging)
    yield r("pages_bare", partial(pages, number="bare", header=False), **furniture, **paging)
    yield r(
        "pages_formfeed", partial(pages, number="bare", header=True, formfeed=True),
        **furniture, **paging,
    )  # fmt: skip
    yield r("one_line", one_line, forbids={"flattened", "running_furniture"}, adds={"flattened"})
    yield r("crlf", crlf, forbids={"flattened"}, group="line_ends")
    yield r("cr", cr, forbids={"flattened"}, group="line_ends")
    yield r("bom", bom)


#: Every reformatting by name.
REGISTRY: dict[str, Reformatting] = {e.name: e for e in _entries()}


def why_incompatible(names: Sequence[str]) -> str | None:
    """Why the reformattings cannot be applied in this order, or None when they can."""
    tags = set(START_TAGS)
    groups: dict[str, str] = {}
    for k, name in enumerate(names):
        if name not in REGISTRY:
            return f"no reformatting {name!r}"
        if name in names[:k]:
            return f"{name} twice"
        entry = REGISTRY[name]
        if entry.group is not None and entry.group in groups:
            return f"{name} after {groups[entry.group]} (both {entry.group})"
        if not entry.requires <= tags:
            return f"{name} needs {sorted(entry.requires - tags)} (text is {sorted(tags)})"
        if entry.forbids & tags:
            return f"{name} cannot follow what made the text {sorted(entry.forbids & tags)}"
        if entry.group is not None:
            groups[entry.group] = name
        tags = (tags - entry.removes) | entry.adds
    return None


def compatible(names: Sequence[str]) -> bool:
    return why_incompatible(names) is None


def allowed_next(names: Sequence[str]) -> list[str]:
    """The reformattings that may follow ``names`` (in registry order)."""
    return [n for n in REGISTRY if compatible([*names, n])]


def compose(text: str, names: Sequence[str], seed: int = 0) -> str:
    """``text`` through each named reformatting in turn (all given ``seed``)."""
    why = why_incompatible(names)
    if why is not None:
        raise ValueError(f"incompatible reformattings {list(names)}: {why}")
    for name in names:
        text = REGISTRY[name](text, seed)
    return text


def standalone(name: str) -> list[str]:
    """The shortest composition that ends in ``name`` (``html_entities`` needs ``html`` first)."""
    frontier: list[list[str]] = [[]]
    for _ in range(3):
        for prefix in frontier:
            if compatible([*prefix, name]):
                return [*prefix, name]
        frontier = [[*p, n] for p in frontier for n in allowed_next(p) if n != name]
    raise ValueError(f"{name} cannot be applied")  # pragma: no cover
