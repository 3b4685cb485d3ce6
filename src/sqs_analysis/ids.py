"""What an inspection id is: the one place for the rule (the schema and file names read it here).

An id is the area as a slug and the publication year-month, ``st-helens-2015-07``. Ids name
files, so a slug holds only ``a-z``, ``0-9`` and single hyphens: report text never chooses a path.
"""

from __future__ import annotations

import re
import unicodedata

#: A slug: lower-case ASCII letters and digits in words joined by single hyphens.
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
#: An inspection id: a slug, then ``-YYYY-MM``.
INSPECTION_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*-\d{4}-(?:0[1-9]|1[0-2])")

_APOSTROPHES = re.compile(r"['\u2019\u2018`\u02bc]")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def slugify(text: str) -> str:
    """An area as a slug: accents dropped (``Môn`` -> ``mon``), apostrophes vanish (``King's`` ->
    ``kings``), ``&`` becomes ``and``, every other run of non-alphanumerics one hyphen."""
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
