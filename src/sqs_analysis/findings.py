"""Quantified findings about cases: "7 of 11", "just over half of the 16 cases", "all but one".

One :class:`Finding` per quantified statement about *cases* (or case-level items: reports, plans,
reviews, assessments, instances, individuals, the children in the cases). Decisions, so that
analysts can see and change them:

* **Words to intervals.** Fraction words and bounds ("two-thirds", "just over half") become an
  interval, never a point; the mapping is the documented table ``vocab/quantifiers.csv``.
* **Vague words** ("many", "some", "a number of", "a fair proportion", "few") give a row of kind
  ``vague`` when they quantify a counted noun ("In many cases", "Many plans"), with no numerator and
  no interval: the words fix no share. Elliptical vague words ("In some, ...", "in others") and
  frequency adverbs ("often", "usually", "always", "sometimes") are not rows. "most" and
  "majority"/"minority" are bounded by one half, so they are ``fraction_word`` rows.
* **Staff are not cases.** "All of the case managers we spoke to", "All case managers felt",
  "All of the practitioners we interviewed" are statements about staff and are not findings: the
  counted noun must be case-level ("case managers" is explicitly not "cases").
* **Single cases** ("in one case", "We assessed one case involving ...", "the one exception") are
  illustrations, not findings; a bare count must be at least two. "one of the 12 cases" (an
  explicit "of") is kept. Complements that restate a previous finding ("The others lacked ...")
  are not separate rows.
* **Denominators** (``denominator_source``): ``stated`` when the sentence gives it ("of the 19
  applicable cases", "7 of 9", or a count earlier in the same sentence: "In three cases ... two
  had been completed late"); ``previous_sentence`` for "of these", "each of these", "in eight,"
  referring to a count in the previous sentence; ``cases_examined`` when the words range over the
  whole sample: "the cases we looked at/inspected", "the inspected cases", "of all cases", a
  universal over unrestricted cases ("in all of the cases", "In all but one case") or a bare count
  of cases ("In 11 cases"). Otherwise empty: a fraction of "the cases" or "of cases" often silently
  means a subset named earlier, and restricted nouns ("cases that needed it", "cases when needed",
  "applicable cases") have an unknown size. We never guess.
* **Judgement** describes the counted cases: ``met`` when the clause says the work was good enough
  or done ("sufficient", "good enough", "appropriately"), ``not_met`` when it says it was not
  ("not", "lacked", "too low"), empty when only descriptive.
* **Quote** runs from the quantifier (with a directly preceding "in") to the counted noun and any
  "we looked at"/"we inspected" tail; restrictive tails ("that needed it") are not included.

All regular expressions are linear: fixed-word alternations joined by ``\\s+``, no nested
quantifiers over the same characters. Text is processed sentence by sentence.
"""

from __future__ import annotations

import bisect
import csv
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from sqs_analysis.numbers import NUMBER_PATTERN, NUMBER_WORDS, parse_number
from sqs_analysis.prefilter import bound, earliest_start, lowered, search

DENOMINATOR_SOURCES = ("stated", "previous_sentence", "cases_examined")
QUANTIFIER_KINDS = ("count_of", "count", "fraction_word", "all", "all_but", "none", "vague")


@dataclass(frozen=True)
class Finding:
    """One quantified statement about cases, located in the paragraph text by ``start``/``end``."""

    quote: str
    start: int
    end: int
    numerator: int | None
    denominator: int | None
    denominator_source: str | None
    proportion: float | None
    proportion_low: float | None
    proportion_high: float | None
    ci_low: float | None
    ci_high: float | None
    quantifier_kind: str
    aspect: str | None
    judgement: str | None


@dataclass(frozen=True)
class Quantifier:
    """A row of ``vocab/quantifiers.csv``: a phrase and the interval its words allow."""

    phrase: str
    low: float | None
    high: float | None
    bounds: str
    kind: str
    note: str


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


def _read_vocab(name: str) -> list[dict[str, str]]:
    text = resources.files("sqs_analysis").joinpath("vocab", name).read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines()))


def _float_or_none(value: str) -> float | None:
    return float(value) if value.strip() else None


@lru_cache(maxsize=1)
def load_quantifiers() -> tuple[Quantifier, ...]:
    """The phrase -> interval table, as shipped in ``vocab/quantifiers.csv``."""
    rows = _read_vocab("quantifiers.csv")
    return tuple(
        Quantifier(
            r["phrase"].strip().lower(),
            _float_or_none(r["low"]),
            _float_or_none(r["high"]),
            r["bounds"].strip(),
            r["kind"].strip(),
            r["note"].strip(),
        )
        for r in rows
    )


@lru_cache(maxsize=1)
def load_aspects() -> tuple[AspectRule, ...]:
    """The aspect keyword table, as shipped in ``vocab/aspects.csv``."""
    rules = []
    for r in _read_vocab("aspects.csv"):
        pattern = re.compile(r["pattern"], re.IGNORECASE)
        rules.append(AspectRule(r["aspect"].strip(), pattern, int(r["tier"]), *bound(pattern)))
    return tuple(rules)


def wilson_interval(k: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """95% Wilson score interval for k successes in n trials (honest for small n and k = 0 or n)."""
    if n <= 0 or not 0 <= k <= n:
        raise ValueError(f"need 0 <= k <= n and n > 0, got k={k}, n={n}")
    p = k / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return max(0.0, centre - half), min(1.0, centre + half)


# --- patterns -----------------------------------------------------------------------------------

_NUM = rf"(?<![\w.,%£/-]){NUMBER_PATTERN}(?![\w%]|[.,]\d)"
_MOD = r"(?:applicable|relevant|eligible|inspected|remaining)"
_CASE_NOUN = (
    r"(?:cases?\b(?!\s+(?:managers?|manager's|workers?|planning|management|files?|records?)\b)"
    r"|individuals?\b|children\s+and\s+young\s+people\s+(?:in|whose)\s+(?:the\s+)?cases\b)"
)
_CASE_NOUN_START = re.compile(_CASE_NOUN, re.IGNORECASE)
_ITEM_NOUN = r"(?:reports?|reviews?|plans?|assessments?|instances?)\b"
_SAMPLE = r"(?:that\s+|which\s+)?we\s+(?:looked\s+at|inspected|examined|assessed|read|saw)\b"
_RESTRICTED = re.compile(
    r"\s*[,(]?\s*(?:that|which|where|when|who|needing|requiring|involving|with)\b", re.IGNORECASE
)


def _quantifier_alternation() -> str:
    phrases = sorted((q.phrase for q in load_quantifiers()), key=len, reverse=True)
    return "|".join(r"\b" + r"(?:\s+|-)".join(map(re.escape, re.split(r"[\s-]+", p))) + r"\b"
                    for p in phrases)  # fmt: skip


@lru_cache(maxsize=1)
def _finding_pattern() -> re.Pattern[str]:
    quant = (
        rf"(?P<allbut>\ball\s+but\s+(?P<ab>{_NUM}))"
        rf"|(?P<ratio>(?P<rn>{_NUM})\s+in\s+(?:(?P<every>every|each)\s+)?(?P<rm>{_NUM}))"
        rf"|(?P<vocab>{_quantifier_alternation()})"
        rf"|(?P<num>{_NUM})"
    )
    tail = (
        # "of the applicable 19 cases", "7 of 9", "nine of the twelve"
        rf"\s+(?P<of>(?:out\s+)?of)\s+(?:the\s+)?(?:{_MOD}\s+)?(?P<den>{_NUM})"
        rf"(?:\s+{_MOD})?(?:\s+(?P<dnoun>{_CASE_NOUN}|{_ITEM_NOUN}))?"
        # "of these", "each of these"
        r"|\s+of\s+(?P<ana>these|those|them)\b"
        # "of all cases", "of the cases we looked at", "cases", "plans"
        rf"|\s+(?P<npof>of\s+)?(?P<det>the\s+|all\s+(?:the\s+)?|these\s+)?(?P<mod>{_MOD}\s+)?"
        rf"(?P<noun>{_CASE_NOUN}|{_ITEM_NOUN})(?P<sample>\s+{_SAMPLE})?"
        # elliptical "in eight," / "in almost three-quarters."
        r"|(?P<ell>(?=\s*[,.;:)]))"
    )
    return re.compile(rf"(?P<in>\bin\s+)?(?:{quant})(?:{tail})", re.IGNORECASE)


_BARE_SUBJECT = re.compile(
    rf"(?:\bthat|\band|,)\s+(?P<n>{_NUM})\s+(?=(?:had|have|were|was)\b)", re.IGNORECASE
)
# The stop is matched, not looked behind for, so the engine skips ahead to each "." "!" or "?".
_SENTENCE_END = re.compile(r"[.!?](?P<close>[\"'”’)*]*)\s+(?=[\"'“‘(*]*[A-Z0-9])")
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


#: Longer "sentences" (hostile or broken input) are cut at whitespace so per-finding work stays
#: bounded; real report sentences are well under this.
MAX_SENTENCE = 2000


def _sentences(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each sentence; a full stop followed by space and a capital ends one."""
    start = 0
    for m in _SENTENCE_END.finditer(text):
        yield from _bounded(text, start, m.end("close"))
        start = m.end()
    if start < len(text):
        yield from _bounded(text, start, len(text))


def _bounded(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while end - start > MAX_SENTENCE:
        cut = text.rfind(" ", start + 1, start + MAX_SENTENCE)
        cut = cut if cut > start else start + MAX_SENTENCE
        yield start, cut
        start = cut
    yield start, end


# --- scopes for judgement and aspect --------------------------------------------------------------


_WINDOW = 300  # characters either side of a quote searched for its judgement and aspect


@lru_cache(maxsize=64)
def _clauses(sentence: str) -> tuple[tuple[int, bool], ...]:
    """Clause starts and whether each is parallel to the one before (", and", "compared with")."""
    cuts = [(0, False)]
    cuts += [(m.start(), False) for m in _CONTRAST.finditer(sentence)]
    cuts += [(m.start(), True) for m in _PARALLEL.finditer(sentence)]
    return tuple(sorted(cuts))


def _judgement(sentence: str, pos: int) -> str | None:
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


def _aspect(sentence: str, end: int, antecedent: str | None, anaphoric: bool) -> str | None:
    """Aspect named up to the end of the quote's comma clause, else the antecedent's, else any."""
    start, wide_end = max(0, end - _WINDOW), end + _WINDOW
    comma = sentence.find(",", end, wide_end)
    in_scope = _aspect_in(sentence[start : comma if comma >= 0 else wide_end])
    found = antecedent if in_scope is None and anaphoric else in_scope
    if found:
        return found
    # With no comma the wider window is the scope itself: its answer is known.
    return in_scope if comma < 0 else _aspect_in(sentence[start:wide_end])


# --- extraction -----------------------------------------------------------------------------------


@dataclass
class _Base:
    """A counted set that later words can refer back to ("of these", "in eight")."""

    count: int
    sentence_no: int
    aspect: str | None


_WORD_GAP = re.compile(r"[\s-]+")


@lru_cache(maxsize=1)
def _vocab_index() -> dict[str, Quantifier]:
    return {re.sub(r"[\s-]+", " ", q.phrase): q for q in load_quantifiers()}


def _vocab(phrase: str) -> Quantifier:
    return _vocab_index()[_WORD_GAP.sub(" ", phrase.lower())]


def _make(
    quote_span: tuple[int, int],
    text: str,
    kind: str,
    numerator: int | None,
    denominator: int | None,
    source: str | None,
    low: float | None,
    high: float | None,
    aspect: str | None,
    judgement: str | None,
) -> Finding:
    start, end = quote_span
    proportion = ci_low = ci_high = None
    if numerator is not None and denominator:
        proportion = numerator / denominator
        low = high = proportion
        ci_low, ci_high = wilson_interval(numerator, denominator)
    if denominator is None:
        source = None
    return Finding(
        text[start:end], start, end, numerator, denominator, source, proportion, low, high,
        ci_low, ci_high, kind, aspect, judgement,
    )  # fmt: skip


_ARTICLES = frozenset({"the", "a", "an"})
_IN_BEFORE = re.compile(r"\bin\s+$", re.IGNORECASE)


@lru_cache(maxsize=1)
def _starts() -> re.Pattern[str]:
    """Where a quantifier can start: "all", a number, or a quantifier phrase's first word (its
    first two after "the"/"a", which are too common to try on their own)."""
    keys = {"all"} | set(NUMBER_WORDS)
    for q in load_quantifiers():
        words = re.split(r"[\s-]+", q.phrase.lower())
        lead = words[:2] if words[0] in _ARTICLES and len(words) > 1 else words[:1]
        keys.add(r"(?:\s+|-)".join(map(re.escape, lead)))
    alternation = _by_first_character(sorted(keys, key=len, reverse=True))
    return re.compile(rf"\b(?:(?:{alternation})\b|\d)")


def _by_first_character(alternatives: list[str]) -> str:
    """``"|".join(alternatives)`` with those that share a first character grouped behind it:
    "t(?:hree|en)|a(?:ll|lmost)". The regex engine then rejects a word after one comparison per
    group instead of one per alternative; the order within a group is kept, and alternatives
    with different first characters cannot match at the same place, so every match is the same.
    """
    groups: dict[str, list[str]] = {}
    for alternative in alternatives:
        first = alternative[:2] if alternative.startswith("\\") else alternative[:1]
        groups.setdefault(first, []).append(alternative[len(first) :])
    return "|".join(
        first + (rests[0] if len(rests) == 1 else "(?:" + "|".join(rests) + ")")
        for first, rests in groups.items()
    )


@lru_cache(maxsize=1)
def _starts_any_case() -> re.Pattern[str]:
    return re.compile(_starts().pattern, re.IGNORECASE)


def _start_matches(sentence: str) -> list[re.Match[str]]:
    """The :func:`_starts` matches in ``sentence``, in order."""
    # Case-sensitive search of the lower-cased text is 4x faster; lower() keeps offsets in ASCII.
    if sentence.isascii():
        return list(_starts().finditer(sentence.lower()))
    return list(_starts_any_case().finditer(sentence))


def _candidates(
    pattern: re.Pattern[str], sentence: str, starts: list[re.Match[str]] | None = None
) -> Iterator[re.Match[str]]:
    """``pattern.finditer(sentence)``, trying only where a finding can start (several times faster).

    Every branch of the pattern starts at a quantifier found by :func:`_starts`, or at the word
    "in" right before one; trying those places in order gives the same non-overlapping matches
    as ``finditer`` (a test checks it). ``starts`` are :func:`_start_matches`, if already known.
    """
    end = 0
    if starts is None:
        starts = _start_matches(sentence)
    for start in starts:
        pos = start.start()
        if pos < end:
            continue
        before = _IN_BEFORE.search(sentence, max(end, pos - 12), pos)
        m = (before and pattern.match(sentence, before.start())) or pattern.match(sentence, pos)
        if m:
            end = max(m.end(), m.start() + 1)
            yield m


_NUMBER_IN = re.compile(NUMBER_PATTERN, re.IGNORECASE)


def _may_count(starts: list[re.Match[str]]) -> bool:
    """False when no start holds a number, so :data:`_BARE_SUBJECT` cannot match: its number
    starts a word, and the start scan meets every word that begins a number (as that word, or
    inside a longer start such as "a few" that covers it)."""
    return any(_holds_number(m.group()) for m in starts)


@lru_cache(maxsize=1024)
def _holds_number(start: str) -> bool:
    return _NUMBER_IN.search(start) is not None  # starts are a few words, over and over


def _bare_subjects(sentence: str, starts: list[re.Match[str]]) -> list[re.Match[str]]:
    """``_BARE_SUBJECT.finditer(sentence)``, tried only where the start scan found a word.

    A bare subject is "that", "and" or "," with the spaces after it and a number, and its number
    starts a word: in ASCII text the scan meets that word as a start of its own, unless a start
    of two words ("a few") covers it (then, or for other text, the whole sentence is searched).
    So each start is tried once, from the word before the spaces before it. Two bare subjects
    cannot overlap (none of those words is inside a number), so this finds what finditer does.
    """
    if not sentence.isascii() or not all(start.group().isalnum() for start in starts):
        return list(_BARE_SUBJECT.finditer(sentence))
    found = []
    for start in starts:
        spaces = len(sentence[: start.start()].rstrip())  # where the spaces before it begin
        for lead in ("that", "and", ","):
            if start.string.endswith(lead, 0, spaces):  # the scan's lower-cased sentence
                m = _BARE_SUBJECT.match(sentence, spaces - len(lead))
                if m:
                    found.append(m)
                break
    return found


def extract_findings(text: str, *, cases_examined: int | None = None) -> list[Finding]:
    """All quantified statements about cases in ``text`` (one paragraph), sorted by ``start``."""
    findings: list[Finding] = []
    bases: list[_Base] = []
    pattern = _finding_pattern()
    for sentence_no, (s_start, s_end) in enumerate(_sentences(text)):
        sentence = text[s_start:s_end]
        starts = _start_matches(sentence)
        if not starts:
            continue  # no quantifier and no number: most sentences, skipped after one scan
        hits: list[tuple[int, re.Match[str] | None, re.Match[str] | None]] = []
        hits += [(m.start(), m, None) for m in _candidates(pattern, sentence, starts)]
        if _may_count(starts):
            hits += [(m.start("n"), None, m) for m in _bare_subjects(sentence, starts)]
        hits.sort(key=lambda h: h[0])
        taken_until = -1
        for _, m, bare in hits:
            span = (m.start(), m.end()) if m else (bare.start("n"), bare.end("n"))  # type: ignore[union-attr]
            if span[0] < taken_until:
                continue
            result = _interpret(m, bare, sentence, sentence_no, bases, cases_examined)
            if result is None:
                continue
            taken_until = span[1]
            f = result[0]
            findings.append(
                Finding(
                    f.quote,
                    f.start + s_start,
                    f.end + s_start,
                    *_rest(f),
                )
            )
            if result[1]:
                bases.append(_Base(f.numerator or 0, sentence_no, f.aspect))
    findings.sort(key=lambda f: f.start)
    return findings


def _rest(f: Finding) -> tuple:
    return (
        f.numerator, f.denominator, f.denominator_source, f.proportion, f.proportion_low,
        f.proportion_high, f.ci_low, f.ci_high, f.quantifier_kind, f.aspect, f.judgement,
    )  # fmt: skip


def _antecedent(bases: list[_Base], sentence_no: int) -> _Base | None:
    if bases and bases[-1].sentence_no >= sentence_no - 1:
        return bases[-1]
    return None


def _interpret(
    m: re.Match[str] | None,
    bare: re.Match[str] | None,
    sentence: str,
    sentence_no: int,
    bases: list[_Base],
    cases_examined: int | None,
) -> tuple[Finding, bool] | None:
    """Turn one regex hit into a Finding (and whether it starts a countable set), or None."""
    if bare is not None:
        n = parse_number(bare.group("n"))
        base = _antecedent(bases, sentence_no)
        if n is None or n < 2 or base is None or n > base.count:
            return None
        source = "stated" if base.sentence_no == sentence_no else "previous_sentence"
        span = (bare.start("n"), bare.end("n"))
        aspect = _aspect(sentence, span[1], base.aspect, True)
        judgement = _judgement(sentence, span[0])
        return _make(span, sentence, "count", n, base.count, source, None, None, aspect,
                     judgement), False  # fmt: skip
    assert m is not None
    g = m.groupdict()
    span = (m.start(), m.end())
    noun = g["dnoun"] or g["noun"]
    case_noun = bool(noun) and _CASE_NOUN_START.match(noun) is not None
    restricted = bool(g["mod"] and g["mod"].strip().lower() != "inspected") or bool(
        _RESTRICTED.match(sentence, m.end())
    )
    sample = bool(g["sample"]) or (g["mod"] or "").strip().lower() == "inspected"
    sample = sample or (g["det"] or "").strip().lower().startswith("all")
    ellipsis = g["ell"] is not None  # an empty group: test against None
    # "of these" and "in eight," refer back to a counted set; "in almost three-quarters." does not.
    anaphoric = bool(g["ana"]) or (ellipsis and bool(g["num"]))
    base = _antecedent(bases, sentence_no) if anaphoric else None
    if anaphoric and base is None:
        return None  # "these" with nothing counted before: we cannot tell what is counted

    def context_denominator(universal: bool) -> tuple[int | None, str | None]:
        if g["den"]:
            return parse_number(g["den"]), "stated"
        if anaphoric:
            if base is None:
                return None, None
            return base.count, (
                "stated" if base.sentence_no == sentence_no else "previous_sentence"
            )
        if case_noun and not restricted and (sample or universal) and cases_examined:
            return cases_examined, "cases_examined"
        return None, None

    def finish(kind, num, den, source, low, high, starts_set=False):
        aspect = _aspect(sentence, span[1], base.aspect if base else None, anaphoric)
        judgement = _judgement(sentence, span[0] + len(g["in"] or ""))
        return _make(span, sentence, kind, num, den, source, low, high, aspect,
                     judgement), starts_set  # fmt: skip

    if g["allbut"]:
        if ellipsis:
            return None
        k = parse_number(g["ab"])
        den, source = context_denominator(True)
        if k is None or (den is not None and k > den):
            return None
        return finish("all_but", None if den is None else den - k, den, source, None, None)
    if g["ratio"]:
        n, d = parse_number(g["rn"]), parse_number(g["rm"])
        if n is None or not d or n > d or not (g["every"] or noun):
            return None
        return finish("fraction_word", None, None, None, n / d, n / d)
    if g["vocab"]:
        q = _vocab(g["vocab"])
        if ellipsis and (q.kind == "vague" or not g["in"]):
            return None
        if q.kind == "vague" and g["den"] is None and not noun and not g["ana"]:
            return None
        if q.kind in ("all", "none"):
            den, source = context_denominator(True)
            num = None if den is None else (den if q.kind == "all" else 0)
            return finish(q.kind, num, den, source, q.low, q.high)
        den, source = context_denominator(False)
        return finish(q.kind, None, den, source, q.low, q.high)
    n = parse_number(g["num"])
    if n is None:
        return None
    if g["of"] or g["ana"] or g["npof"]:
        den, source = context_denominator(False)
        if g["den"] and (den is None or den == 0 or n > den):
            return None
        if den is not None and n > den:
            return None
        return finish("count_of", n, den, source, None, None, starts_set=not g["ana"])
    if n < 2:
        return None
    if ellipsis:
        if base is None or not g["in"] or n > base.count:
            return None
        den, source = context_denominator(False)
        return finish("count", n, den, source, None, None)
    if not noun or g["det"]:
        return None
    den, source = (
        (cases_examined, "cases_examined") if case_noun and cases_examined else (None, None)
    )
    if den is not None and n > den:
        den, source = None, None
    return finish("count", n, den, source, None, None, starts_set=True)
