"""Table cells typeset for paper: names break after their underscores, numbers stay whole.

Why this module exists: a briefing printed on A4 must fit every table into the text block
without ever breaking a word to fit a column (``briefing.css`` sets ``overflow-wrap: normal``,
``word-break: normal`` and ``hyphens: manual`` on every cell). To a browser a column name or a
value such as ``protecting_the_public`` is one unbreakable word, wider than a column of a
thirteen-column table; a ``<wbr>`` after each underscore lets it wrap where a reader sees a word
end, as at a space, and nowhere else. A cell holding only a number ("46.2%", "+10.1 points")
gets ``class="sqs-num"``, which the stylesheet keeps on one line.

Only cells whose content is plain (escaped) text are touched, as pandas writes them; a cell
holding markup (a ``<wbr>`` too) is left alone, so typesetting twice changes nothing more. The
text copied or read aloud is the same: ``<wbr>`` is no character.
"""

from __future__ import annotations

import re

__all__ = ["NUMBER_CLASS", "is_number", "typeset_cells"]

#: The class of a cell that holds only a number, kept on one line by ``briefing.css``.
NUMBER_CLASS = "sqs-num"
#: One table cell holding plain text: its opening tag's name and attributes, text, closing tag.
_CELL = re.compile(r"<(t[dh])((?:\s[^<>]*)?)>([^<]*)</\1>")
_CLASS = re.compile(r'\bclass="([^"]*)"')
#: A number as the tables show one: sign, digits (with thousands commas), decimals, a unit.
_NUMBER = re.compile(r"[+\-\u2212\u00b1]?\d[\d,]*(?:\.\d+)?(?:%| ?(?:points?|pp))?")


def is_number(text: str) -> bool:
    """Whether a cell's text is one number, as "46.2%", "-5.5", "+10.1 points" or "1,204"."""
    return _NUMBER.fullmatch(text.strip()) is not None


def _with_class(attributes: str, name: str) -> str:
    """The opening tag's attributes with ``name`` in its class (made if it has none)."""
    found = _CLASS.search(attributes)
    if found is None:
        return f'{attributes} class="{name}"'
    names = found.group(1).split()
    if name in names:
        return attributes
    joined = " ".join([*names, name])
    return f'{attributes[: found.start()]}class="{joined}"{attributes[found.end() :]}'


def _typeset(cell: re.Match[str]) -> str:
    tag, attributes, text = cell.group(1), cell.group(2), cell.group(3)
    if tag == "td" and is_number(text):
        attributes = _with_class(attributes, NUMBER_CLASS)
    return f"<{tag}{attributes}>{text.replace('_', '_<wbr>')}</{tag}>"


def typeset_cells(page: str) -> str:
    """Every plain-text table cell in the page's body typeset for print (see the module)."""
    body_at = max(page.find("<body"), 0)
    return page[:body_at] + _CELL.sub(_typeset, page[body_at:])
