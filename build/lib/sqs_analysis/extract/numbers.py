"""Numbers written as digits or English words ("14", "twelve", "twenty-one")."""

from __future__ import annotations

import re

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip

#: Every word that can start a number ("twenty" of "twenty-one").
NUMBER_WORDS = frozenset(_UNITS) | frozenset(_TENS)

#: A regular-expression fragment matching one number as digits or words (no backtracking traps:
#: alternatives are fixed words).
NUMBER_PATTERN = (
    r"(?:\d{1,4}|(?:"
    + "|".join(sorted(_TENS, key=len, reverse=True))
    + r")(?:[- ](?:"
    + "|".join(k for k in _UNITS if 0 < _UNITS[k] < 10)
    + r"))?|"
    + "|".join(sorted(_UNITS, key=len, reverse=True))
    + r")"
)


def parse_number(text: str) -> int | None:
    """Return the integer a digit string or number word spells, or None if it spells none."""
    word = text.strip().lower()
    if word.isdigit():
        return int(word)
    if word in _UNITS:
        return _UNITS[word]
    if word in _TENS:
        return _TENS[word]
    parts = re.split(r"[- ]", word)
    if len(parts) == 2 and parts[0] in _TENS and parts[1] in _UNITS and 0 < _UNITS[parts[1]] < 10:
        return _TENS[parts[0]] + _UNITS[parts[1]]
    return None
