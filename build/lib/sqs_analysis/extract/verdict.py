"""What a quantified statement says about the cases it counts: its verdict and its aspect.

* **Judgement** describes the counted cases: ``met`` when the clause says the work was good enough
  or done ("sufficient", "good quality", "appropriately"), ``not_met`` when it says it was not
  ("not", "lacked", "too low"), empty when only descriptive. A clause parallel to the one before
  (", and", "compared with") with no cue of its own inherits that clause's verdict.
* **Aspect** (what was judged: assessment, planning, review ...) is the first mention, lowest tier
  first, of a rule of ``vocab/aspects.csv`` up to the end of the quote's comma clause; else the
  antecedent's for "of these"; else any mention nearby.
"""

from __future__ import annotations

import bisect
import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from sqs_analysis.extract.shortcuts import bound, earliest_start, lowered, search


@dataclass(frozen=True)
class AspectRule:
    """A row of ``vocab/aspects.csv``; lower tiers win, then the earliest mention."""

    aspect: str
    pattern: re.Pattern[str]
    tier: int
    #: Lower-case words one of which every match contains, and where in a text a search may
    #: begin (see :func:`prefilter.earliest_start`).
    literals: tuple[str, ...] | None = None
    anchors: tuple[tuple[str, int], ...] | None = None


@lru_cache(maxsize=1)
def load_aspects() -> tuple[AspectRule, ...]:
    """The aspect keyword table, as shipped in ``vocab/aspects.csv``."""
    text = resources.files("sqs_analysis").joinpath("vocab", "aspects.csv").read_text("utf-8")
    rules = []
    for r in csv.DictReader(text.splitlines()):
        pattern = re.compile(r["pattern"], re.IGNORECASE)
        rules.append(AspectRule(r["aspect"].strip(), pattern, int(r["tier"]), *bound(pattern)))
    return tuple(rules)


_CONTRAST = re.compile(
    r",?\s+(?:although|(?<!\ball\s)but|however|whereas|while|despite)\b|;\s*(?:but|however)\b",
    re.IGNORECASE,
)
_PARALLEL = re.compile(r",\s+and\b|,?\s+compared\s+with\b", re.IGNORECASE)
_NOT_MET = re.compile(
    r"\bnot\b|\bno\s+plan\b|\bdid\s+not\b|\btoo\s+(?:low|little|focused|late)\b|\black(?:ed|ing)\b"
    r"|\binsufficient(?:ly)?\b|\bfail(?:ed|ing)?\b|\bunreasonably\b|\bdifficult\b"
    r"|\blittle\s+evidence\b|\bpoor\s+(?:quality|recording)\b",
    re.IGNORECASE,
)
_MET = re.compile(
    r"\bgood\s+enough\b|\bwell\s+enough\b|\bsufficient(?:ly)?\b|\bgood\s+quality\b"
    r"|\bwell\s+written\b|\bappropriate(?:ly)?\b|\baccurate\b|\beffective\b|\bpositive\s+impact\b"
    r"|\bmaintained\b|\bimproved\b|\bcomplied\b|\bshould\s+have\s+been\b|\bwell\s+supported\b",
    re.IGNORECASE,
)

_WINDOW = 300  # characters either side of a quote searched for its verdict and aspect


@lru_cache(maxsize=64)
def _clauses(sentence: str) -> tuple[tuple[int, bool], ...]:
    """Clause starts and whether each is parallel to the one before (", and", "compared with")."""
    cuts = [(0, False)]
    cuts += [(m.start(), False) for m in _CONTRAST.finditer(sentence)]
    cuts += [(m.start(), True) for m in _PARALLEL.finditer(sentence)]
    return tuple(sorted(cuts))


def verdict_of(sentence: str, pos: int) -> str | None:
    """Judgement of the clause holding ``pos``; a parallel clause with no cue inherits."""
    cuts = _clauses(sentence)
    bounds = [c for c, _ in cuts] + [len(sentence)]
    index = bisect.bisect_right(bounds, pos, 0, len(cuts)) - 1
    while index >= 0:
        clause = sentence[max(bounds[index], pos - _WINDOW) : min(bounds[index + 1], pos + _WINDOW)]
        low = lowered(clause)
        if search(_NOT_MET, clause, low):
            return "not_met"
        if search(_MET, clause, low):
            return "met"
        if not cuts[index][1]:
            return None
        index -= 1
    return None


@lru_cache(maxsize=1)
def _aspects_by_tier() -> tuple[AspectRule, ...]:
    """The aspect rules, lower tiers first; a stable sort keeps the table's order within a tier."""
    return tuple(sorted(load_aspects(), key=lambda rule: rule.tier))


def _aspect_in(text: str) -> str | None:
    best: tuple[int, int, str] | None = None
    low = lowered(text)
    for rule in _aspects_by_tier():
        if best is not None and rule.tier > best[0]:
            break  # a higher tier never outranks a match already found
        pos = earliest_start(low, rule.literals, rule.anchors)
        m = None if pos is None else rule.pattern.search(text, pos)
        if m and (best is None or (rule.tier, m.start()) < best[:2]):
            best = (rule.tier, m.start(), rule.aspect)
    return best[2] if best else None


def aspect(sentence: str, end: int, antecedent: str | None, anaphoric: bool) -> str | None:
    """Aspect named up to the end of the quote's comma clause, else the antecedent's, else any."""
    start, wide_end = max(0, end - _WINDOW), end + _WINDOW
    comma = sentence.find(",", end, wide_end)
    in_scope = _aspect_in(sentence[start : comma if comma >= 0 else wide_end])
    found = antecedent if in_scope is None and anaphoric else in_scope
    if found:
        return found
    # With no comma the wider window is the scope itself: its answer is known.
    return in_scope if comma < 0 else _aspect_in(sentence[start:wide_end])
