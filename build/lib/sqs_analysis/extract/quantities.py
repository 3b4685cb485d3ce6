r"""The quantity grammar: a modifier applied to a base, read as an interval of proportions.

A quantity is ``[modifier] base``: "just over half", "more than four-fifths", "almost every",
"slightly fewer than half", "three in every four", "60%", "12", "all but one", "the majority".
Its interval comes from two small tables that an analyst can read and edit as CSV, not from a
list of every combination:

* ``vocab/bases.csv`` (``phrase,low,high,bounds,kind,note``): what a base word is worth. Kinds:
  ``all`` and ``none`` ([1, 1] and [0, 0]); ``fraction`` ("half", a point); ``ordinal`` ("third",
  "quarter", ... "tenth": 1/d, multiplied by a number word or "a"/"an", so "two-thirds" = 2/3
  and "four-fifths" = 4/5 are built, not listed); ``interval`` (words that entail a range: "most",
  "the majority" = (0.5, 1], "a minority" = (0, 0.5)); ``vague`` ("many", "some": no interval).
  Built in, because they are numbers rather than words: ratios "x in every y", "x in y",
  "x out of every y" and "x out of y" for a usual ratio base y (:data:`RATIO_BASES`)
  (``fraction``: x/y), percentages "N%" (``percent``: N/100), counts ("12", "twelve") and
  "all but N" (their value needs the denominator, so findings.py computes it).
* ``vocab/modifiers.csv`` (``phrase,effect,margin,note``): how a modifier moves a base with
  value [lo, hi]. ``exact``: unchanged; ``around``: [lo - m, hi + m]; ``above``: (hi, hi + m],
  or (hi, 1] with no margin; ``below``: [lo - m, lo), or [0, lo); ``at_least``: [lo, 1];
  ``at_most``: [0, hi]. The row ``(none)`` is what a *bare* fraction means: inspectors round, so
  "half" is read as "about half". ``exact`` ("only") also rounds a fraction, as if unmodified.
  A move past 0 or 1 ("more than all") is not a quantity.

Every interval is clipped to [0, 1]. An exact count ("7 of 11") has a point and, for its
uncertainty, a 95% Wilson interval (:func:`wilson_interval`). Patterns are tries of fixed words
joined by ``(?:\s+|-)``: linear, no nested quantifiers.
"""

from __future__ import annotations

import csv
import math
import re
from dataclasses import dataclass, field
from fractions import Fraction
from functools import lru_cache
from importlib import resources

from sqs_analysis.extract.numbers import NUMBER_PATTERN, NUMBER_WORDS, parse_number

EFFECTS = ("exact", "around", "above", "below", "at_least", "at_most")
BASE_KINDS = ("all", "none", "fraction", "ordinal", "interval", "vague")
#: The modifier row that says what a fraction with no modifier means.
BARE = "(none)"
#: A number, not inside another number, a decimal, a money sum, a date or a percentage.
NUM = rf"(?<![\w.,%£/-]){NUMBER_PATTERN}(?![\w%]|[.,]\d)"
#: "x out of y" is a ratio ("three out of four cases") when y is one of these, as "x in y" always
#: is; otherwise ("9 out of 12 cases") it counts a set of y. Read as a ratio it gives no numbers,
#: so an ambiguous phrase never gets a denominator it may not have.
RATIO_BASES = r"(?:two|three|four|five|ten|[2-5]|10)"
_WORD_GAP = re.compile(r"[\s-]+")
_ORDINAL_END = re.compile(r"(?<=[a-z])s$")  # "thirds" -> "third"; "half" has no plural here


@dataclass(frozen=True)
class Interval:
    """Proportions from ``low`` to ``high``; an open end excludes its bound."""

    low: float
    high: float
    low_open: bool = False
    high_open: bool = False


@dataclass(frozen=True)
class Modifier:
    """A row of ``vocab/modifiers.csv``."""

    phrase: str
    effect: str
    margin: Fraction | None
    note: str


@dataclass(frozen=True)
class Base:
    """A row of ``vocab/bases.csv``; ``low``/``high`` are None for a vague word."""

    phrase: str
    low: Fraction | None
    high: Fraction | None
    bounds: str
    kind: str
    note: str


@dataclass(frozen=True)
class Quantity:
    """What the words of one quantity say, before any denominator is known.

    ``kind`` is a base kind, or ``count``, ``all_but``, ``percent``; ``value`` is the base's
    interval before the modifier (None for counts, "all but N" and vague words); ``number`` the N
    of a count or of "all but N"; ``size`` a set size the word itself states ("both" = 2).
    """

    kind: str
    modifier: Modifier | None
    value: tuple[Fraction, Fraction, str] | None
    number: int | None = None
    size: int | None = None

    def __post_init__(self) -> None:
        # Computed once: read() is cached, so each distinct phrase pays for its Fractions once.
        exact = self.modifier is None or self.modifier.effect == "exact"
        value = None
        if self.value is not None:
            value = apply(self.modifier, self.value, rounded=self.kind == "fraction")
        object.__setattr__(self, "exact", exact)
        object.__setattr__(self, "base_interval", value)

    #: True when the modifier keeps an exact count exact (none, or "only").
    exact: bool = field(init=False)
    #: The interval the words allow (None for counts, "all but N", vague words, "more than all").
    base_interval: Interval | None = field(init=False)

    def interval(self, point: Fraction | None = None) -> Interval | None:
        """The interval the words allow; ``point`` stands in for a count's value (n / d)."""
        if point is None:
            return self.base_interval
        return apply(self.modifier, (point, point, "[]"), rounded=False)


def _read(name: str) -> list[dict[str, str]]:
    text = resources.files("sqs_analysis").joinpath("vocab", name).read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines()))


def _fraction(value: str) -> Fraction | None:
    return Fraction(value.strip()) if value.strip() else None


@lru_cache(maxsize=1)
def load_modifiers() -> tuple[Modifier, ...]:
    """The modifier table, as shipped in ``vocab/modifiers.csv``."""
    return tuple(
        Modifier(r["phrase"].strip().lower(), r["effect"].strip(), _fraction(r["margin"]),
                 r["note"].strip())
        for r in _read("modifiers.csv")
    )  # fmt: skip


@lru_cache(maxsize=1)
def load_bases() -> tuple[Base, ...]:
    """The base table, as shipped in ``vocab/bases.csv``."""
    return tuple(
        Base(r["phrase"].strip().lower(), _fraction(r["low"]), _fraction(r["high"]),
             r["bounds"].strip(), r["kind"].strip(), r["note"].strip())
        for r in _read("bases.csv")
    )  # fmt: skip


def _key(phrase: str) -> str:
    return _WORD_GAP.sub(" ", phrase.lower())


@lru_cache(maxsize=1)
def _modifiers() -> dict[str, Modifier]:
    return {_key(m.phrase): m for m in load_modifiers()}


@lru_cache(maxsize=1)
def _bases() -> dict[str, Base]:
    return {_key(b.phrase): b for b in load_bases()}


@lru_cache(maxsize=1)
def _ordinals() -> dict[str, Fraction]:
    """Ordinal word (and "half") -> its unit fraction."""
    return {b.phrase: b.low for b in load_bases() if b.kind in ("ordinal", "fraction") and b.low}


def modifier(phrase: str) -> Modifier:
    """The modifier a phrase such as "just over" names, from the vocabulary."""
    return _modifiers()[_key(phrase)]


@lru_cache(maxsize=1024)
def apply(
    mod: Modifier | None, value: tuple[Fraction, Fraction, str], *, rounded: bool
) -> Interval | None:
    """The interval of ``mod`` applied to a base worth ``value``: (low, high, bounds), or None.

    It is None when the move leaves [0, 1] ("more than all", "fewer than none").
    """
    low, high, bounds = value
    effect, margin = ("exact", None) if mod is None else (mod.effect, mod.margin)
    if effect == "exact" and rounded:
        bare = _modifiers()[BARE]
        effect, margin = bare.effect, bare.margin
    if effect == "exact":
        return _interval(low, high, bounds[0] == "(", bounds[1] == ")")
    if effect == "around":
        step = margin or Fraction(0)
        return _interval(low - step, high + step)
    if effect == "above":
        if high >= 1:
            return None
        return _interval(high, high + margin if margin else Fraction(1), low_open=True)
    if effect == "below":
        if low <= 0:
            return None
        return _interval(low - margin if margin else Fraction(0), low, high_open=True)
    if effect == "at_least":
        return _interval(low, Fraction(1), low_open=bounds[0] == "(")
    if effect == "at_most":
        return _interval(Fraction(0), high, high_open=bounds[1] == ")")
    raise ValueError(f"unknown modifier effect {effect!r}")


def _interval(
    low: Fraction, high: Fraction, low_open: bool = False, high_open: bool = False
) -> Interval:
    return Interval(float(max(low, Fraction(0))), float(min(high, Fraction(1))), low_open,
                    high_open)  # fmt: skip


def wilson_interval(k: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """95% Wilson score interval for k successes in n trials (honest for small n and k = 0 or n)."""
    if n <= 0 or not 0 <= k <= n:
        raise ValueError(f"need 0 <= k <= n and n > 0, got k={k}, n={n}")
    p = k / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return max(0.0, centre - half), min(1.0, centre + half)


# --- the words as a regular expression -----------------------------------------------------------


@lru_cache(maxsize=1)
def pattern() -> str:
    """A regex fragment for one quantity, with the named groups of :data:`GROUPS`.

    The groups are ``mod``, then ``ab`` (all but N); or ``num`` (a count), which ``ratio``
    ("in every y": ``rm``) or ``ford`` (an ordinal: "two-thirds") may follow; or ``fnum`` "a"/"an"
    and ``ford``; or ``named`` (a base phrase); or ``pct``.

    The number is tried once, then what may follow it.
    """
    mods = _trie([m.phrase for m in load_modifiers() if m.phrase != BARE])
    ordinals = _trie(list(_ordinals()))
    named = _trie([b.phrase for b in load_bases() if b.kind != "ordinal"])
    ordinal = rf"\b(?:{ordinals})s?\b"
    base = (
        rf"(?P<num>{NUM})(?:(?P<ratio>\s+(?:in\s+(?:(?P<every>every|each)\s+)?"
        rf"|out\s+of\s+(?:(?P<oevery>every|each)\s+|(?={RATIO_BASES}\b)))(?P<rm>{NUM}))"
        rf"|(?:\s+|-)(?P<ford>{ordinal}))?"
        rf"|(?P<fnum>\ban?)(?:\s+|-)(?P<aord>{ordinal})"
        rf"|(?P<named>\b(?:{named})\b)"
        r"|(?<![\w.,£/-])(?P<pct>\d{1,3}(?:\.\d{1,2})?)(?:\s?%|\s+per\s?cent\b)"
    )
    return rf"(?P<allbut>\ball\s+but\s+(?P<ab>{NUM}))|(?:(?P<mod>\b(?:{mods}))\s+)?(?:{base})"


def start_words() -> set[str]:
    """The words a quantity can start with (see the start scan of :mod:`textscan`).

    They are the first word of each modifier and base phrase, or its first two when the first is an
    article or "at"/"no" (too common alone); and "a"/"an" with an ordinal.

    Number words are added by the scan.
    """
    keys = {"all"}
    phrases = [m.phrase for m in load_modifiers() if m.phrase != BARE]
    phrases += [b.phrase for b in load_bases() if b.kind != "ordinal"]
    for phrase in phrases:
        words = _WORD_GAP.split(phrase.lower())
        two = words[0] in ("the", "a", "an", "at", "no") and len(words) > 1
        keys.add(" ".join(words[: 2 if two else 1]))
    keys |= {f"{article} {ordinal}" for ordinal in _ordinals() for article in ("a", "an")}
    return keys


#: The groups of :func:`pattern` that :func:`read` reads, in its arguments' order.
GROUPS = ("allbut", "ab", "mod", "num", "ratio", "rm", "ford", "fnum", "aord", "named", "pct")


@lru_cache(maxsize=1024)
def read(*groups: str | None) -> Quantity | None:
    """The :class:`Quantity` of a match of :func:`pattern` (its :data:`GROUPS`), or None.

    It is None when the words are not a quantity ("five-quarters", "3 in 2", "120%").

    Cached: the same words recur.
    """
    g = dict(zip(GROUPS, groups, strict=True))
    if g["allbut"]:
        return Quantity("all_but", None, None, number=parse_number(g["ab"] or ""))
    mod = modifier(g["mod"]) if g["mod"] else None
    if g["ratio"]:
        n, d = parse_number(g["num"] or ""), parse_number(g["rm"] or "")
        if n is None or not d or not 0 < n < d:
            return None
        return Quantity("fraction", mod, (Fraction(n, d), Fraction(n, d), "[]"))
    if g["ford"] or g["aord"]:
        unit = _ordinals()[_ORDINAL_END.sub("", (g["ford"] or g["aord"] or "").lower())]
        word = (g["fnum"] or g["num"] or "").lower()
        n = 1 if word in ("a", "an") else parse_number(word)
        if n is None or not 0 < n * unit < 1:
            return None  # "five-quarters", "four quarters"
        return Quantity("fraction", mod, (n * unit, n * unit, "[]"))
    if g["named"]:
        b = _bases()[_key(g["named"])]
        value = None if b.low is None or b.high is None else (b.low, b.high, b.bounds)
        return Quantity(b.kind, mod, value, size=2 if b.phrase == "both" else None)
    if g["pct"]:
        share = Fraction(g["pct"]) / 100
        if share > 1:
            return None
        return Quantity("percent", mod, (share, share, "[]"))
    return Quantity("count", mod, None, number=parse_number(g["num"] or ""))


@lru_cache(maxsize=1)
def start_pattern() -> re.Pattern[str]:
    """Where a quantity can start, for a scan of lower-cased text.

    That is a word of :func:`start_words`, a number word, or a digit.
    """
    return re.compile(rf"\b(?:{_trie(start_words() | set(NUMBER_WORDS))}\b|\d)")


def _trie(phrases: set[str] | list[str]) -> str:
    """A regex matching exactly the phrases, as a trie: "a(?:l(?:l|most)|bout)".

    A space or hyphen in a phrase matches any gap.

    The engine then rejects a word after a comparison or two instead of one per phrase; at each
    branch the longer phrase is tried first, as in a longest-first alternation, so the same text
    matches.
    """
    tree: dict = {}
    for phrase in phrases:
        node = tree
        for char in _WORD_GAP.sub(" ", phrase.lower()):
            node = node.setdefault(char, {})
        node[""] = {}

    def render(node: dict) -> str:
        branches = [
            (r"(?:\s+|-)" if char == " " else re.escape(char)) + render(child)
            for char, child in node.items()
            if char
        ]
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return (f"(?:{body})?" if branches else "") if "" in node else body

    return render(tree)
