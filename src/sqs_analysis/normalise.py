"""Clean report text into lines the parser can trust.

Reports reach us converted from PDF by several tools, so the same report can carry HTML tags, broken
entities (``<sup>&</sup>lt;sup>1</sup>``), markdown emphasis, page furniture and footnotes dropped
into the middle of a sentence. This module removes all of that and nothing else: it never rewrites
words. Lines it lifts out (footnotes, rules, furniture) become :data:`SOFT_BREAK` lines so that the
parser knows a sentence may read on across them.

Every pattern here is linear: fixed alternatives and bounded repeats only, no nested quantifiers, so
hostile input cannot make a regular expression backtrack.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from dataclasses import dataclass, field

#: Stands for a line that was lifted out; a sentence may continue across it.
SOFT_BREAK = "\x00"

_CHAR_MAP = dict(
    {
        "\u00a0": " ",
        "\u2007": " ",
        "\u202f": " ",
        "\u2009": " ",
        "\u200a": " ",
        "\u2002": " ",
        "\u2003": " ",
        "\u200b": "",
        "\u00ad": "",
        "\ufeff": "",
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2022": "•",
        "\r": "",
    }
)


def _translate(text: str) -> str:
    """Map space, dash and quote variants to plain ones.

    One ``replace`` per variant present: a text holds few of them, and ``in`` finds that faster
    than any regex scan. No replacement brings in a variant another one would change (the bullet
    maps to itself), so the order does not matter.
    """
    if text.isascii():
        return text.replace("\r", "")
    for char, plain in _CHAR_MAP.items():
        if char in text:
            text = text.replace(char, plain)
    return text


# "&</sup>lt;" -> "&lt;": an entity cut in two by a tag that a converter put in the wrong place.
_BROKEN_ENTITY = re.compile(r"&(?:\s{0,3}</?[a-zA-Z]{1,10}>){1,4}\s{0,3}(#?[a-zA-Z0-9]{1,8};)")
_ENTITY = re.compile(r"&(?:#\d{1,7}|#x[0-9a-fA-F]{1,6}|[a-zA-Z]{1,10});")
# A footnote marker, possibly wrapped twice by the broken-entity repair above. The first "<sup>"
# is spelled out (not folded into the repeat) so the regex engine can skip ahead to each "<".
_SUP_NUMBER = re.compile(r"<sup>\s{0,3}(?:<sup>\s{0,3}){0,2}(\d{1,2})(?:\s{0,3}</sup>){1,3}", re.I)
# Formatting tags only: anything else (<script>, <img ...>) is report text and stays as text.
_FORMAT_TAG = re.compile(
    r"</?(?:i|b|u|em|strong|sup|sub|span|font|p|div|a|small|big|mark|s)(?:\s[^<>\n]{0,500})?\s{0,3}/?>",
    re.I,
)
_BR_TAG = re.compile(r"<br\s{0,3}/?>", re.I)
_MD_LINK = re.compile(r"\[([^\[\]\n]{0,500})\]\([^()\s]{0,1000}\)")
_AUTOLINK = re.compile(r"<((?:https?://|mailto:)[^<>\s]{1,1000})>")
# "**", "__", or a "*" touching a word; each branch starts with a literal, so the scan is fast.
_STAR_EMPHASIS = r"\*(?:\*|(?<=\S\*)|(?=\S))"
_EMPHASIS = re.compile(_STAR_EMPHASIS + "|__")
_STARS = re.compile(_STAR_EMPHASIS)  # the same when the text has no "__": a faster scan
# Furniture that fills a line from its start (used with ``match``) ...
_FURNITURE = re.compile(
    r"(?:[-*_]\s{0,2}){3,}$"  # --- rules
    r"|(?:page\s{1,3})?\d{1,3}(?:\s{0,3}(?:of|/)\s{0,3}\d{1,3})?$"  # page numbers
    r"|1st Floor,"  # address
    r"|(?:HM|Her Majesty's) Inspectorate of Probation$|Inspecting youth offending work$",
    re.I,
)
# ... and words that mark a line as furniture wherever they are (the Welsh line, the address).
_FURNITURE_WORDS = ("arolygiad o waith", "manchester civil justice centre")
_FURNITURE_IN = re.compile("|".join(_FURNITURE_WORDS), re.I)
_DIGITS = re.compile(r"\d{1,4}")
_HAS_DIGIT = re.compile(r"\d")
_MARKER = re.compile(r"\x01\d{1,2}\x01")
_GLUED = re.compile(r"(?<=[a-z]{2})(\d{1,2})(?=[\s.,;:)'\"]|$)")
_FOOTNOTE_DEF = re.compile(r"^\s{0,3}\x01(\d{1,2})\x01\s{0,3}")
_PLAIN_FOOTNOTE_DEF = re.compile(r"^(\d{1,2})\s{1,3}(?=[A-Z])")
_STARTER = re.compile(
    r"^(?:#|[-*•·▪]\s|\d\.\d{1,2}\.?\s|(?:To|Copy to|From|Publication date|Note \d{1,2})\s?:)"
)
_WRAP_HYPHEN = re.compile(r"([A-Za-z]{1,40})-$")
_WORD = re.compile(r"[A-Za-z]{2,40}(?:-[A-Za-z]{1,40}){0,3}")


@dataclass
class Document:
    """Normalised lines (furniture and footnotes lifted out) and the footnotes, by number."""

    lines: list[str]
    footnotes: dict[int, str] = field(default_factory=dict)


def clean_inline(text: str) -> str:
    """Remove markup from a string; the order matters (entities are repaired before tags go)."""
    text = _translate(text)
    if "&" in text:
        text = _BROKEN_ENTITY.sub(r"&\1", text)
        for _ in range(2):  # double-escaped input: "&amp;lt;" -> "&lt;" -> "<"
            if not _ENTITY.search(text):
                break
            text = html.unescape(text)
        text = _translate(text)
    if "<" in text:
        text = _SUP_NUMBER.sub(lambda m: f"\x01{m.group(1)}\x01", text)
        if _has_br(text):
            text = _BR_TAG.sub("\n", text)
        text = _FORMAT_TAG.sub("", text)
        if "<http" in text or "<mailto:" in text:  # what every autolink holds
            text = _AUTOLINK.sub(r"\1", text)
    if "](" in text:  # what every markdown link holds
        text = _MD_LINK.sub(r"\1", text)
    if "__" in text:
        text = _EMPHASIS.sub("", text)
    elif "*" in text:
        text = _STARS.sub("", text)
    return text


def _has_br(text: str) -> bool:
    """Whether ``text`` holds "<br" in any case (only ASCII letters fold to "b" and "r")."""
    return any(tag in text for tag in ("<br", "<BR", "<Br", "<bR"))


def _shape(line: str) -> str | None:
    """A short line with its numbers blanked: running headers repeat in this shape."""
    if not line or len(line) >= 120:
        return None
    return _DIGITS.sub("#", line) if _HAS_DIGIT.search(line) else line


def _repeated_shapes(shapes: list[str | None]) -> set[str]:
    """Running headers and footers: short lines on three pages, or repeated with a page number."""
    counts = Counter(s for s in shapes if s is not None)
    return {shape for shape, n in counts.items() if n >= 2 and ("#" in shape or n >= 3)}


def _names_furniture(line: str) -> bool:
    """A case-insensitive search for the furniture words; for ASCII, ``in`` on the lower-cased line
    gives the same answer several times faster (non-ASCII letters can fold to ASCII ones)."""
    if line.isascii():
        lowered = line.lower()
        return any(word in lowered for word in _FURNITURE_WORDS)
    return bool(_FURNITURE_IN.search(line))


def _is_furniture(line: str, shape: str | None, repeated: set[str]) -> bool:
    if not line or len(line) > 200:  # furniture is short; prose lines are not searched
        return False
    if _FURNITURE.match(line) or _names_furniture(line):
        return True
    if shape is None or (_STARTER.match(line) and not line.startswith("#")):
        return False
    return shape in repeated


def normalise(text: str) -> Document:
    """Return the report's lines with markup, furniture and footnotes lifted out."""
    raw_lines = [ln.strip() for ln in clean_inline(text).split("\n")]
    shapes = [_shape(ln) for ln in raw_lines]
    repeated = _repeated_shapes(shapes)
    plain_refs = _plain_footnote_numbers(raw_lines)

    footnotes: dict[int, list[str]] = {}
    lines: list[str] = []
    current: int | None = None  # footnote being read
    for line, shape in zip(raw_lines, shapes, strict=True):
        found = _FOOTNOTE_DEF.match(line) if line.startswith("\x01") else None
        if found is None and plain_refs and line[:1].isdigit():
            found = _PLAIN_FOOTNOTE_DEF.match(line)
            if found and int(found.group(1)) not in plain_refs:
                found = None
        if found:
            current = int(found.group(1))
            footnotes[current] = [line[found.end() :].strip()]
            lines.append(SOFT_BREAK)
            continue
        furniture = _is_furniture(line, shape, repeated)
        if current is not None:
            if line and not furniture and not _STARTER.match(line):
                footnotes[current].append(line)
                lines.append(SOFT_BREAK)
                continue
            current = None
        lines.append(SOFT_BREAK if furniture else line)

    glued = plain_refs & set(footnotes)
    lines = [_drop_markers(ln, glued) for ln in lines]
    return Document(
        lines=_join_hyphenated(lines, text),
        footnotes={k: " ".join(v).strip() for k, v in footnotes.items()},
    )


def _plain_footnote_numbers(lines: list[str]) -> set[int]:
    """Numbers glued to a word ("rate1") that also open a line ("1 Published ..."): footnotes."""
    openers = {
        int(m.group(1)) for ln in lines if ln[:1].isdigit() and (m := _PLAIN_FOOTNOTE_DEF.match(ln))
    }
    if not openers:
        return set()
    glued = {int(m.group(1)) for ln in lines for m in _GLUED.finditer(ln)}
    return glued & openers


def _drop_markers(line: str, glued: set[int]) -> str:
    if "\x01" in line:
        line = _MARKER.sub("", line)
    if glued:
        line = _GLUED.sub(lambda m: "" if int(m.group(1)) in glued else m.group(0), line)
    return line


def _join_hyphenated(lines: list[str], source: str) -> list[str]:
    """Join "reoffend-" + "ing" when the document itself spells "reoffending"; else keep the hyphen."""
    vocabulary: set[str] | None = None
    out: list[str] = []
    for line in lines:
        prev = out[-1] if out else ""
        m = _WRAP_HYPHEN.search(prev) if prev.endswith("-") else None
        if m and line[:1].islower():
            if vocabulary is None:  # only documents with wrapped hyphens pay for this
                vocabulary = {w.lower() for w in _WORD.findall(source)}
            tail = re.match(r"[a-z]{1,40}", line)
            joined_word = m.group(1) + (tail.group(0) if tail else "")
            glue = "" if joined_word.lower() in vocabulary else "-"
            out[-1] = prev[:-1] + glue + line
            continue
        out.append(line)
    return out


def is_starter(line: str) -> bool:
    """True for a line that opens a new block (heading, bullet, numbered paragraph, header label)."""
    return bool(_STARTER.match(line))


_TERMINAL = re.compile(r"[.!?:;\"')]$")


def ends_sentence(text: str) -> bool:
    return bool(_TERMINAL.search(text))


def blocks(lines: list[str]) -> list[str]:
    """Group lines into logical paragraphs.

    Consecutive lines are one paragraph (hard wraps) unless the next line opens a new block. Across
    blank lines a paragraph reads on only when the next text starts in lower case, or when something
    was lifted out between them (a footnote, a page break) and the sentence had not ended.
    """
    out: list[list[str]] = []  # each block as its lines: joining once keeps this linear
    gap = False  # blank line(s) since the last text line
    soft = False  # a lifted-out line since the last text line
    for line in lines:
        if line == SOFT_BREAK:
            soft = True
            continue
        if not line:
            gap = True
            continue
        if out and not is_starter(line):
            reads_on = line[:1].islower() or (soft and not ends_sentence(out[-1][-1]))
            if (not gap and not soft) or reads_on:
                out[-1].append(line)
                gap = soft = False
                continue
        out.append([line])
        gap = soft = False
    joined = (" ".join(parts) for parts in out)
    return [_squeeze_spaces(b).strip() for b in joined]


_SPACES = re.compile(r"[ \t]{2,}")


def _squeeze_spaces(text: str) -> str:
    """Runs of spaces and tabs as one space; most blocks have none, and ``in`` finds that faster."""
    return _SPACES.sub(" ", text) if "  " in text or "\t" in text else text
