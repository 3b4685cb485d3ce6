"""Characters and markup: whatever a report was typed, saved or extracted with, plain lines.

Reports reach us as markdown, HTML fragments, text copied out of a PDF (by pdftotext, pypdf or a
viewer), with Windows, old-Mac or Unix line ends. This module takes all of that off and nothing
else: it never rewrites words. It maps space, dash, quote and bullet variants to one form each,
turns block-level HTML into lines (so ``<h2>``, ``<p>``, ``<li>`` and ``<td>`` mean what the same
markdown means), repairs broken entities, drops formatting tags and markdown emphasis, and marks
footnote references as :data:`MARK` tokens, which :mod:`sqs_analysis.extract.document` takes out.

Every pattern here is linear: fixed alternatives and bounded repeats only, no nested quantifiers,
so hostile input cannot make a regular expression backtrack.
"""

from __future__ import annotations

import html
import re

#: Wraps the number of a footnote reference ("\x01" "1" "\x01"); never left in a block's text.
MARK = "\x01"

_SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_CHAR_MAP = {
    "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2009": " ", "\u200a": " ", "\u2002": " ",
    "\u2003": " ", "\u3000": " ", "\u200b": "", "\u200c": "", "\u200d": "", "\u00ad": "",
    "\ufeff": "", "\u2060": "",
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-",
    "\u2212": "-", "\u2043": "-",
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u02bc": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2033": '"',
    # Bullets: the Symbol-font bullet PDFs give (U+F0B7), squares, circles, triangles.
    "\uf0b7": "•", "\uf0a7": "•", "\uf076": "•", "\u25aa": "•", "\u25a0": "•", "\u25cf": "•",
    "\u25e6": "•", "\u2023": "•", "\u2219": "•", "\u00b7": "•", "\u25ba": "•", "\u27a2": "•",
    "\u2026": "...", "\f": "\n\f\n", "\v": "\n",
}  # fmt: skip
_STRAY_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f]")
_SUPERSCRIPT_RUN = re.compile(f"[{_SUPERSCRIPTS}]{{1,2}}")
_SUPERSCRIPT_VALUE = str.maketrans(_SUPERSCRIPTS, "0123456789")


def _translate(text: str) -> str:
    r"""One form for each space, dash, quote and bullet variant; ``\n`` for every line end.

    One ``replace`` per variant present: a text holds few of them, and ``in`` finds that faster
    than any regex scan. No replacement brings in a variant another one would change.
    """
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.isascii():
        return text.replace("\f", "\n\f\n") if "\f" in text else text
    for char, plain in _CHAR_MAP.items():
        if char in text:
            text = text.replace(char, plain)
    if any(c in text for c in _SUPERSCRIPTS):
        text = _SUPERSCRIPT_RUN.sub(
            lambda m: f"{MARK}{m.group().translate(_SUPERSCRIPT_VALUE)}{MARK}", text
        )
    return text


# "&</sup>lt;" -> "&lt;": an entity cut in two by a tag that a converter put in the wrong place.
_BROKEN_ENTITY = re.compile(r"&(?:\s{0,3}</?[a-zA-Z]{1,10}>){1,4}\s{0,3}(#?[a-zA-Z0-9]{1,8};)")
_ENTITY = re.compile(r"&(?:#\d{1,7}|#x[0-9a-fA-F]{1,6}|[a-zA-Z]{1,10});")
# A footnote reference, possibly wrapped twice by the broken-entity repair above. The first
# "<sup>" is spelled out (not folded into the repeat) so the engine can skip ahead to each "<".
_SUP_NUMBER = re.compile(r"<sup>\s{0,3}(?:<sup>\s{0,3}){0,2}(\d{1,2})(?:\s{0,3}</sup>){1,3}", re.I)
# Markdown footnotes: "rate[^1]" and, opening a line, "[^1]: Published ...".
_MD_FOOTNOTE = re.compile(r"\[\^(\d{1,2})\](:?)")
# Block-level HTML: what each tag means as lines.
_BLOCK_TAG = re.compile(
    r"<(/?)(h[1-6]|p|div|br|li|ul|ol|tr|td|th|table|thead|tbody|tfoot|blockquote|hr)\b"
    r"[^<>\n]{0,500}>",
    re.I,
)
_HEADING_LEVEL = {f"h{i}": "#" * i for i in range(1, 7)}
#: An HTML document (not markdown with a few inline tags): its line breaks are only spaces.
_HTML_BLOCKS = re.compile(r"<(?:p|h[1-6]|li|tr|div)\b[^<>\n]{0,500}>", re.I)
_HTML_BREAK = re.compile(r"(?<!-)\n")
_BR_AT_LINE_END = re.compile(r"<br\s{0,3}/?>[ \t]{0,50}\n", re.I)  # one line end, not two
# Formatting tags only: anything else (<script>, <img ...>) is report text and stays as text.
_FORMAT_TAG = re.compile(
    r"</?(?:i|b|u|em|strong|sup|sub|span|font|a|small|big|mark|s|abbr|cite|code)"
    r"(?:\s[^<>\n]{0,500})?\s{0,3}/?>",
    re.I,
)
_MD_LINK = re.compile(r"\[([^\[\]\n]{0,500})\]\([^()\s]{0,1000}\)")
_AUTOLINK = re.compile(r"<((?:https?://|mailto:)[^<>\s]{1,1000})>")
# "**", "__", or a "*" touching a word; each branch starts with a literal, so the scan is fast.
_STAR_EMPHASIS = r"\*(?:\*|(?<=\S\*)|(?=\S))"
_EMPHASIS = re.compile(_STAR_EMPHASIS + "|__")
_STARS = re.compile(_STAR_EMPHASIS)  # the same when the text has no "__": a faster scan


def _block_tag(m: re.Match[str]) -> str:
    closing, tag = m.group(1), m.group(2).lower()
    if tag in _HEADING_LEVEL:
        return "\n" if closing else f"\n\n{_HEADING_LEVEL[tag]} "
    if tag == "li":
        return "\n" if closing else "\n- "
    if tag in ("td", "th"):
        return "" if closing else "\t"
    if tag == "br" or (tag == "tr" and not closing):  # one line a row, no blank line between
        return "\n"
    if tag == "tr":
        return ""
    return "\n\n"


def clean_inline(text: str) -> str:
    """Take markup off a text; the order matters (entities are repaired before tags go)."""
    text = _translate(_STRAY_CONTROL.sub("", text))  # before any MARK goes in: none is forged
    if "&" in text:
        text = _unescape(text)
    if "<" in text:
        text = _strip_tags(text)
    if "[^" in text:
        text = _MD_FOOTNOTE.sub(lambda m: f"{MARK}{m.group(1)}{MARK}", text)
    if "](" in text:  # what every markdown link holds
        text = _MD_LINK.sub(r"\1", text)
    if "__" in text:
        text = _EMPHASIS.sub("", text)
    elif "*" in text:
        text = _STARS.sub("", text)
    return text


def _unescape(text: str) -> str:
    """Repair and resolve HTML entities, twice over for double-escaped input."""
    text = _BROKEN_ENTITY.sub(r"&\1", text)
    for _ in range(2):  # double-escaped input: "&amp;lt;" -> "&lt;" -> "<"
        if not _ENTITY.search(text):
            break
        text = html.unescape(text)
    return _translate(text)


def _strip_tags(text: str) -> str:
    """Take HTML tags and autolinks off, keeping footnote marks and the line breaks tags make."""
    text = _SUP_NUMBER.sub(lambda m: f"{MARK}{m.group(1)}{MARK}", text)
    if _HTML_BLOCKS.search(text):  # in HTML only tags break lines: "<h2>... in St\nHelens"
        text = _HTML_BREAK.sub(" ", text)  # a hyphen's break stays, for the word joiner
    elif "<br" in text or "<BR" in text:
        text = _BR_AT_LINE_END.sub("\n", text)
    text = _BLOCK_TAG.sub(_block_tag, text)
    text = _FORMAT_TAG.sub("", text)
    if "<http" in text or "<mailto:" in text:  # what every autolink holds
        text = _AUTOLINK.sub(r"\1", text)
    return text


def clean_lines(text: str) -> list[str]:
    """The report's lines, with markup taken off and each line stripped.

    Internal spacing is kept: a copy list separates role from names by a tab or a run of spaces.
    """
    return [line.strip(" \t") for line in clean_inline(text).split("\n")]
