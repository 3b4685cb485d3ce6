"""The facts every stage shares, each defined once.

They are the parts of an SQS report (their keys, numbers, labels and the words their headings use),
what an inspection id is, and month names.

Every report has the same skeleton: a memo header, the title ("Report of Short Quality
Screening (SQS) of youth offending work in AREA"), Context, Summary, a commentary under four
numbered themes, Operational management, Key strengths, Areas requiring improvement, closing
paragraphs and a copy list. Headings come in every style (markdown ``#``, bold, ALL CAPS, with or
without the theme number or a colon) and with a few wordings; a heading is recognised by its
words, once its style has been taken off (:func:`heading_words`).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True)
class Section:
    """One part of the report: its key, its human label and the words of its heading."""

    key: str
    label: str
    #: The number reports give the theme (1-4); None for the other parts.
    number: int | None
    #: Matches the whole of a heading's words (lower case, style and number taken off).
    words: re.Pattern[str]
    #: Whether its text is a finding section (a ``paragraphs`` row): the four themes and
    #: operational management.
    commentary: bool = False


def _words(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


SECTIONS: tuple[Section, ...] = (
    Section("context", "Context", None, _words(r"context(?: of the inspection)?|background")),
    Section("summary", "Summary", None, _words(r"(?:overall )?summary(?: of (?:the )?findings)?")),
    Section(
        "commentary",
        "Commentary on the inspection",
        None,
        _words(r"commentary(?: on (?:the |this )?inspection(?: (?:in|of|at) .{1,80})?)?"),
    ),
    Section(
        "reducing_reoffending",
        "Reducing reoffending",
        1,
        _words(r"(?:work to )?reduc(?:e|ing) (?:the likelihood of )?re-?offending"),
        commentary=True,
    ),
    Section(
        "protecting_the_public",
        "Protecting the public",
        2,
        _words(
            r"protecting the public(?: and (?:actual or potential )?victims)?"
            r"|(?:managing )?(?:the )?risks? of harm(?: to others)?"
        ),
        commentary=True,
    ),
    Section(
        "protecting_the_child",
        "Protecting the child or young person",
        3,
        _words(
            r"protecting (?:the )?(?:child(?:ren)?|young (?:person|people))"
            r"(?: (?:or|and) (?:the )?young (?:person|people))?"
            r"|safeguarding(?: and vulnerability)?"
        ),
        commentary=True,
    ),
    Section(
        "sentence_served",
        "Ensuring the sentence is served",
        4,
        _words(r"(?:(?:ensuring|making sure)(?: that)? )?the sentence (?:is )?served"),
        commentary=True,
    ),
    Section(
        "operational_management",
        "Operational management",
        None,
        _words(r"operational management(?: and leadership)?"),
        commentary=True,
    ),
    Section("strengths", "Key strengths", None, _words(r"(?:key |main )?strengths")),
    Section(
        "improvements",
        "Areas requiring improvement",
        None,
        _words(
            r"(?:key |main )?areas? (?:requiring|for|that require|which require|in need of|"
            r"needing) (?:improvement|development)"
        ),
    ),
    Section("copy", "Copy list", None, _words(r"copy(?: to| list)")),
)

BY_KEY: dict[str, Section] = {s.key: s for s in SECTIONS}

#: The commentary sections that are ``paragraphs`` rows, keyed to their theme number.
COMMENTARY: dict[str, int | None] = {s.key: s.number for s in SECTIONS if s.commentary}

#: The four numbered themes by number.
THEMES_BY_NUMBER: dict[int, Section] = {s.number: s for s in SECTIONS if s.number is not None}

#: ``paragraph_id`` of the operational management section (it has no numbered paragraphs).
OPERATIONAL_MANAGEMENT_ID = "operational-management"

#: The report's title; the area is what follows "work in" (checked against the rest of the text).
TITLE = re.compile(
    r"(?:report\s+(?:of|on)\s+(?:the\s+|a\s+)?)?short\s+quality\s+screening(?:\s+\(sqs\))?"
    r"(?:\s+inspection)?\s+of\s+youth\s+(?:offending|justice)\s+work\s+in(?:\s+|$)",
    re.IGNORECASE,
)

#: Paragraphs that close the report after the lists ("We are grateful for the support ..."):
#: they end the list of areas for improvement even when no heading does.
CLOSING = re.compile(
    r"(?:we\s+are\s+grateful\s+for|if\s+you\s+have\s+any\s+(?:further\s+)?questions|"
    r"note\s+1\s*:)",
    re.IGNORECASE,
)

# A heading's number: "1", "1.", "1)", "(1)", "1 -", "1:", "Theme 1:", "Section 1 -".
_NUMBER = re.compile(
    r"^(?:(?:theme|section|part)\s+)?\(?([1-9])(?:\.|\)|:|\s*[-:])?(?:\s+|$)", re.IGNORECASE
)
_STYLE = re.compile(r"^[#*_\s]+|[#*_\s]+$")
_TRAILING = re.compile(r"[\s:.;,-]+$")
_SPACE = re.compile(r"\s+")


def heading_words(text: str) -> tuple[str, int | None]:
    """A heading's words in lower case with its style taken off, and its number if it has one."""
    words = _STYLE.sub("", text)
    number = None
    m = _NUMBER.match(words)
    if m:
        number = int(m.group(1))
        words = words[m.end() :]
    words = _TRAILING.sub("", _STYLE.sub("", words)).replace("&", "and")
    return _SPACE.sub(" ", words).lower(), number


def section_of(text: str) -> tuple[Section, int | None] | None:
    """The section a heading names, and the number it gives, or None if it names none.

    A number alone never makes a heading: "1. Good quality reports" is a list item. A theme's
    number must agree with its words when both are given ("2. Reducing reoffending" is no heading
    of theme 2, and is taken as theme 1 with a warning by the parser).
    """
    words, number = heading_words(text)
    if not words:
        return None
    for section in SECTIONS:
        if section.words.fullmatch(words):
            return section, number
    return None


# --------------------------------------------------------------------------- inspection ids
# What an inspection id is: the one place for the rule (the schema and file names read it here).
#
# An id is the area as a slug and the publication year-month, ``st-helens-2015-07``. Ids name
# files, so a slug holds only ``a-z``, ``0-9`` and single hyphens: report text never chooses a path.

#: A slug: lower-case ASCII letters and digits in words joined by single hyphens.
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
#: An inspection id: a slug, then ``-YYYY-MM``.
INSPECTION_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*-\d{4}-(?:0[1-9]|1[0-2])")

_APOSTROPHES = re.compile(r"['\u2019\u2018`\u02bc]")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def slugify(text: str) -> str:
    """An area as a slug: lower-case letters and digits, words joined by hyphens.

    Accents are dropped (``Môn`` -> ``mon``), apostrophes vanish (``King's`` -> ``kings``), ``&``
    becomes ``and``, and every other run of non-alphanumerics becomes one hyphen.
    """
    text = unicodedata.normalize("NFKD", text.replace("&", " and "))
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = _APOSTROPHES.sub("", text.lower())
    return _NOT_SLUG.sub("-", text.encode("ascii", "ignore").decode()).strip("-")


def inspection_id(area: str, year_month: str) -> str:
    """``<area slug>-<YYYY-MM>``; raises ValueError when the area gives an empty slug."""
    slug = slugify(area)
    if not slug:
        raise ValueError(f"the area {area!r} has no letters or digits to make an id from")
    return f"{slug}-{year_month}"


# --------------------------------------------------------------------------- months

MONTH_NAMES: tuple[str, ...] = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
