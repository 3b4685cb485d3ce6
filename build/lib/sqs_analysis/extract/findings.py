r"""Quantified findings about cases: "7 of 11", "just over half of the 16 cases", "all but one".

One :class:`Finding` per quantified statement about *cases* (or case-level items: reports, plans,
reviews, assessments, instances, individuals, the children in the cases). A finding is

    [in] quantity [of [the] [N] [qualifier] noun [we looked at]]  (or "of these", or "in eight,")

where the *quantity* is a modifier applied to a base, read as an interval by the grammar of
:mod:`sqs_analysis.extract.quantities` (tables ``vocab/modifiers.csv`` and ``vocab/bases.csv``).
This module finds the nouns and the denominator. Decisions, so that analysts can see and
change them:

* **Denominators** (``denominator_source``), never guessed: ``stated`` when the phrase gives a
  number ("of the 17 cases", "12 of the 16", "none of the four young people", "In all four
  custody cases", "both"), or a count earlier in the same sentence ("In three cases ... two had
  been completed late"); ``previous_sentence`` for "these"/"of these"/"them" and an elliptical
  "in eight," referring to the previous sentence's count (nothing counted there: no row);
  ``cases_examined`` when the noun is unrestricted cases ("In the majority of cases", "in about
  a third of the cases", "in two-thirds of all cases", "the cases we looked at", "In 11 cases").
  Otherwise empty: restricted nouns ("cases where a plan was needed", "applicable cases",
  "custody cases"), items (plans, reports: not cases), and bare "cases" that may mean a narrower
  set, because a condition opens the sentence ("where they identified a risk, ... in the large
  majority of cases") or the paragraph has already named one ("of the 16 cases where ...",
  "high risk cases"). Only "of all cases" and the sample words ("the cases we looked at",
  "the inspected cases") name the whole sample whatever came before.
* **Numbers** follow the quantity: a count is exact unless modified ("more than 10 of the 16
  cases" is an interval); "all"/"none" give the denominator / 0; "all but N" gives it less N;
  fractions and vague words give no numerator. Single cases ("in one case") are illustrations,
  not findings: a bare count must be at least two ("one of the 12 cases" is kept).
* **Staff are not cases.** "All of the case managers we spoke to", "most practitioners": the noun
  must be case-level ("case managers" is explicitly not "cases"). "young people"/"children" count
  as cases only with a number ("none of the four young people", "Ten children had missed ..."),
  and a bare count of them gets no denominator (they may not all be in the sample).
* **Judgement and aspect** of the counted cases come from the words around the quote
  (:mod:`sqs_analysis.extract.verdict`).
* **Quote** runs from the quantity (with a directly preceding "in") to the counted noun and any
  "we looked at" tail; restrictive tails ("that needed it") are not included.

Any whitespace run is read as one space (a paragraph's line breaks mean nothing); offsets and
quotes are of the text as given. All regular expressions are linear: fixed-word alternations
joined by ``\s+``, no nested quantifiers over the same characters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from fractions import Fraction
from functools import lru_cache

from sqs_analysis.extract import quantities, textscan, verdict
from sqs_analysis.extract.numbers import parse_number
from sqs_analysis.extract.quantities import NUM
from sqs_analysis.extract.quantities import wilson_interval as wilson_interval
from sqs_analysis.extract.verdict import load_aspects as load_aspects

DENOMINATOR_SOURCES = ("stated", "previous_sentence", "cases_examined")
#: ``percent`` ("60% of cases") is a share written as a number: an interval, no numerator.
QUANTIFIER_KINDS = (
    "count_of", "count", "fraction_word", "percent", "all", "all_but", "none", "vague",
)  # fmt: skip


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
    verdict: str | None


# --- nouns and tails ------------------------------------------------------------------------------

_CASE_NOUN = (
    r"cases?\b(?!\s+(?:managers?|manager's|workers?|planning|management|files?|records?|notes?"
    r"|loads?)\b)|individuals?\b"
    r"|children\s+and\s+young\s+people\s+(?:in|whose)\s+(?:the\s+)?cases\b"
)
_PEOPLE_NOUN = r"children\s+and\s+young\s+people\b|young\s+(?:people|persons?)\b|children\b"
_ITEM_NOUN = r"(?:reports?|reviews?|plans?|assessments?|instances?)\b"
_NOUN = rf"(?:{_CASE_NOUN}|{_PEOPLE_NOUN}|{_ITEM_NOUN})"
_NOUN_CLASS = re.compile(rf"(?P<case>{_CASE_NOUN})|(?P<people>{_PEOPLE_NOUN})", re.IGNORECASE)
#: Words between "the"/a number and the noun; all but "inspected"/"sampled" restrict the set.
_RESTRICTING = r"applicable|relevant|eligible|remaining|custody|custodial|community"
_QUAL = rf"(?:{_RESTRICTING}|inspected|sampled)"
_SAMPLE = r"(?:that\s+|which\s+)?we\s+(?:looked\s+at|inspected|examined|assessed|read|saw)\b"
_RESTRICTED = re.compile(
    r"\s*[,(]?\s*(?:that|which|where|when|who|needing|requiring|involving|with)\b", re.IGNORECASE
)
#: A set of cases narrower than the sample, named anywhere ("high risk cases", "cases where"):
#: later bare "cases" may mean it. The text is squeezed, so one space is every gap.
_CASES = re.compile(r"\bcases\b", re.IGNORECASE)
_NARROWER_BEFORE = re.compile(rf"\b(?:{_RESTRICTING}|risk) $", re.IGNORECASE)
_NARROWER_AFTER = re.compile(
    r" ?,? (?:that|which|where|when|who|needing|requiring|involving|in which)\b", re.IGNORECASE
)
#: A condition before the quantity in its sentence restricts which cases it counts.
_CONDITION = re.compile(r"\b(?:where|when|whenever|if|unless)\b", re.IGNORECASE)


@lru_cache(maxsize=1)
def _finding_pattern() -> re.Pattern[str]:
    tail = (
        # "of the applicable 19 cases", "7 of 9", "nine of the twelve", "out of 12 cases"
        rf"\s+(?P<of>(?:out\s+)?of)\s+(?:the\s+)?(?:(?P<q1>{_QUAL})\s+)?(?P<den>{NUM})"
        rf"(?:\s+(?P<q2>{_QUAL}))?(?:\s+(?P<dnoun>{_NOUN}))?"
        # "of these", "each of these cases"
        rf"|\s+of\s+(?P<ana>these|those|them)\b(?:\s+(?P<anoun>{_NOUN}))?"
        # "of all cases", "of the cases we looked at", "cases", "these plans"
        r"|\s+(?P<npof>of\s+)?(?P<det>the\s+|all\s+(?:of\s+)?(?:the\s+)?|these\s+|those\s+)?"
        rf"(?:(?P<q3>{_QUAL})\s+)?(?P<noun>{_NOUN})(?P<sample>\s+{_SAMPLE})?"
        # "all four custody cases"
        rf"|\s+(?P<nden>{NUM})(?:\s+(?P<q4>{_QUAL}))?\s+(?P<nnoun>{_NOUN})"
        # elliptical "in eight," / "in almost three-quarters."
        r"|(?P<ell>(?=\s*[,.;:)]))"
    )
    return re.compile(rf"(?P<in>\bin\s+)?(?:{quantities.pattern()})(?:{tail})", re.IGNORECASE)


# --- extraction -----------------------------------------------------------------------------------


@dataclass
class _Set:
    """A counted set that later words can refer back to ("of these", "in eight")."""

    count: int
    sentence_no: int
    aspect: str | None


@dataclass
class _Paragraph:
    """What earlier sentences of the paragraph tell later ones."""

    text: str
    cases_examined: int | None
    sets: list[_Set] = field(default_factory=list)
    narrowed_at: int | None = None  # from here on, bare "cases" may mean a narrower set
    mention: int | None = -1  # end of the first narrower set named in words (-1: not searched)

    def antecedent(self, sentence_no: int) -> _Set | None:
        if self.sets and self.sets[-1].sentence_no >= sentence_no - 1:
            return self.sets[-1]
        return None

    def narrowed(self, pos: int) -> bool:
        if self.mention == -1:  # searched only when a bare "cases" needs it
            self.mention = next(
                (
                    m.end()
                    for m in _CASES.finditer(self.text)
                    if _NARROWER_AFTER.match(self.text, m.end())
                    or _NARROWER_BEFORE.search(self.text, max(0, m.start() - 12), m.start())
                ),
                None,
            )
        return any(at is not None and at <= pos for at in (self.mention, self.narrowed_at))


#: What :func:`_interpret` and :func:`_bare` give: the quote's span in the sentence, the
#: Finding's fields after ``end``, and the size of any set it counts.
_Read = tuple[tuple[int, int], tuple, int | None]


def extract_findings(text: str, *, cases_examined: int | None = None) -> list[Finding]:
    """All quantified statements about cases in ``text`` (one paragraph), sorted by ``start``."""
    findings: list[Finding] = []
    squeezed, at, was = textscan.squeeze(text)
    paragraph = _Paragraph(squeezed, cases_examined)
    pattern = _finding_pattern()
    for sentence_no, (s_start, s_end) in enumerate(textscan.sentences(squeezed)):
        sentence = squeezed[s_start:s_end]
        starts = textscan.start_matches(sentence)
        if not starts:
            continue  # no quantity and no number: most sentences, skipped after one scan
        hits = [(m.start(), m, False) for m in textscan.candidates(pattern, sentence, starts)]
        hits += [(m.start("n"), m, True) for m in textscan.bare_subjects(sentence, starts)]
        hits.sort(key=lambda h: h[0])
        taken_until = -1
        for pos, m, bare in hits:
            if pos < taken_until:
                continue
            read = (_bare if bare else _interpret)(m, sentence, sentence_no, s_start, paragraph)
            if read is None:
                continue
            (q_start, taken_until), fields, new_set = read
            start = textscan.original(s_start + q_start, at, was)
            end = textscan.original(s_start + taken_until - 1, at, was) + 1
            findings.append(Finding(text[start:end], start, end, *fields))
            if new_set is not None:
                paragraph.sets.append(_Set(new_set, sentence_no, fields[-2]))
    return findings


def _fields(
    kind: str, numerator: int | None, denominator: int | None, source: str | None,
    interval: quantities.Interval | None, aspect: str | None, judged: str | None,
) -> tuple:  # fmt: skip
    """A Finding's fields after ``end``: the proportion and its interval follow the counts."""
    low, high = (interval.low, interval.high) if interval else (None, None)
    proportion = ci_low = ci_high = None
    if numerator is not None and denominator:
        proportion = low = high = numerator / denominator
        ci_low, ci_high = wilson_interval(numerator, denominator)
    source = None if denominator is None else source
    return (numerator, denominator, source, proportion, low, high, ci_low, ci_high, kind,
            aspect, judged)  # fmt: skip


def _bare(
    m: re.Match[str], sentence: str, sentence_no: int, _: int, paragraph: _Paragraph
) -> _Read | None:
    """A bare number subject ("... and two had been completed late") counting an earlier set."""
    n = parse_number(m.group("n"))
    counted = paragraph.antecedent(sentence_no)
    if n is None or n < 2 or counted is None or n > counted.count:
        return None
    source = "stated" if counted.sentence_no == sentence_no else "previous_sentence"
    span = (m.start("n"), m.end("n"))
    aspect = verdict.aspect(sentence, span[1], counted.aspect, True)
    judged = verdict.verdict_of(sentence, span[0])
    return span, _fields("count", n, counted.count, source, None, aspect, judged), None


_KINDS = {"fraction": "fraction_word", "interval": "fraction_word"}
#: The groups of the finding pattern that :func:`_interpret` reads (two calls: fewer to unpack).
_GROUPS = ("in", "of", "den", "dnoun", "ana", "anoun", "npof", "det", "noun", "sample", "nden",
           "nnoun", "ell")  # fmt: skip
_MORE_GROUPS = ("ratio", "every", "oevery", "q1", "q2", "q3", "q4", "named")


@dataclass(frozen=True)
class _Words:
    """The words around a quantity in one match of the finding pattern, read once."""

    in_: str | None
    ana: str | None
    sample: str | None
    nden: str | None
    ratio: str | None
    every: str | None
    oevery: str | None
    noun: str | None
    noun_class: str | None
    quals: list[str]
    det: str
    named: str
    ellipsis: bool
    written: str | None
    stated: int | None
    of: bool
    anaphoric: bool


def _words(m: re.Match[str], q: quantities.Quantity) -> _Words:
    """Read the groups of a finding match that say what the quantity ``q`` counts."""
    in_, of_, den_, dnoun, ana, anoun, npof, det, noun, sample, nden, nnoun, ell = m.group(*_GROUPS)
    ratio, every, oevery, q1, q2, q3, q4, named = m.group(*_MORE_GROUPS)
    noun = dnoun or anoun or noun or nnoun
    noun_class = None if not noun else (c.lastgroup if (c := _NOUN_CLASS.match(noun)) else "item")
    det = (det or "").lower()
    ellipsis = ell is not None  # an empty group: test against None
    written = den_ or nden
    anaphoric = bool(ana) or det.startswith(("these", "those")) or (ellipsis and q.kind == "count")
    return _Words(
        in_=in_,
        ana=ana,
        sample=sample,
        nden=nden,
        ratio=ratio,
        every=every,
        oevery=oevery,
        noun=noun,
        noun_class=noun_class,
        quals=[w.lower() for w in (q1, q2, q3, q4) if w],
        det=det,
        named=(named or "").lower(),
        ellipsis=ellipsis,
        written=written,
        stated=parse_number(written) if written else q.size,
        of=bool(of_ or ana or npof),
        anaphoric=anaphoric,
    )


def _not_a_finding(w: _Words, q: quantities.Quantity) -> bool:
    """Whether the words rule the match out as a finding about cases."""
    return bool(
        (w.ellipsis and (not w.in_ or q.kind in ("vague", "all", "none", "all_but")))
        or (w.nden and w.named != "all")  # "all four custody cases", not "most four cases"
        # "some of the children" is the caseload; "Ten children had ..." counts cases
        or (w.noun_class == "people" and w.stated is None and not (q.kind == "count" and q.number))
        or not (w.noun or w.written or w.ana or w.ellipsis)  # "All of the practitioners"
        or (w.ratio and not (w.every or w.oevery or w.noun))
        or (
            q.kind == "count"
            and not (w.of or w.anaphoric)
            and (not q.number or q.number < 2 or w.det)
        )
    )


def _denominator(
    w: _Words,
    m: re.Match[str],
    sentence: str,
    counted: _Set | None,
    where: tuple[int, int],
    paragraph: _Paragraph,
) -> tuple[int | None, str | None]:
    """The denominator and its source: stated, previous sentence, cases examined, or unknown.

    ``where`` is the sentence's number and offset. As a side effect, notes in the paragraph
    where its text first narrows to fewer than the cases examined.
    """
    sentence_no, offset = where
    restricted = any(x not in ("inspected", "sampled") for x in w.quals) or bool(
        _RESTRICTED.match(sentence, m.end())
    )
    den, source = None, None
    if w.stated is not None:
        den, source = w.stated, "stated"
    elif counted is not None:
        den = counted.count
        source = "stated" if counted.sentence_no == sentence_no else "previous_sentence"
    elif w.noun_class == "case" and paragraph.cases_examined and not restricted:
        whole = bool(w.sample) or w.det.startswith("all") or "inspected" in w.quals
        if whole or not (
            paragraph.narrowed(offset + m.start()) or _CONDITION.search(sentence, 0, m.start())
        ):
            den, source = paragraph.cases_examined, "cases_examined"
    if (
        w.noun_class != "item"
        and paragraph.narrowed_at is None
        and (restricted or (w.written and w.stated != paragraph.cases_examined))
    ):
        paragraph.narrowed_at = offset + m.end()
    return den, source


#: What a quantity gives with a denominator: kind, numerator, denominator, its source, interval
#: and the size of the set it names (None: a quantity that is no finding).
_Numbers = tuple[str, int | None, int | None, str | None, quantities.Interval | None, int | None]


def _count_numbers(
    q: quantities.Quantity, w: _Words, den: int | None, source: str | None
) -> _Numbers | None:
    """The numbers of a count ("12 of the cases", "more than ten cases")."""
    n = q.number or 0
    if den is not None and n > den:
        if source != "cases_examined":
            return None
        den = source = None  # a bare count above the sample: not of the sample
    interval = q.interval(Fraction(n, den)) if den and not q.exact else None
    if den and not q.exact and interval is None:
        return None  # "more than 16 of the 16 cases"
    numerator = n if q.exact else None
    new_set = n if q.exact and not w.anaphoric else None
    return "count_of" if w.of else "count", numerator, den, source, interval, new_set


def _numbers(
    q: quantities.Quantity, w: _Words, den: int | None, source: str | None
) -> _Numbers | None:
    """The numbers the quantity gives with that denominator."""
    if q.kind == "count":
        return _count_numbers(q, w, den, source)
    kind, numerator, interval, new_set = _KINDS.get(q.kind, q.kind), None, q.interval(), None
    if q.kind == "all_but":
        if q.number is None or (den is not None and q.number > den):
            return None
        numerator = None if den is None else den - q.number
    elif q.value is not None and interval is None:
        return None  # "more than all", "fewer than a minority"
    elif q.kind in ("all", "none") and not q.exact:
        kind = "fraction_word"  # "almost all"
    elif q.kind in ("all", "none") and den is not None:
        numerator = den if q.kind == "all" else 0
        new_set = den if w.written and q.kind == "all" else None
    return kind, numerator, den, source, interval, new_set


def _interpret(
    m: re.Match[str], sentence: str, sentence_no: int, offset: int, paragraph: _Paragraph
) -> _Read | None:
    """One match of the finding pattern as a finding, or None when it is not one."""
    q = quantities.read(*m.group(*quantities.GROUPS))
    if q is None:
        return None
    w = _words(m, q)
    if _not_a_finding(w, q):
        return None
    counted = paragraph.antecedent(sentence_no) if w.anaphoric else None
    if w.anaphoric and counted is None:
        return None  # "these" with nothing counted before: we cannot tell what is counted
    den, source = _denominator(w, m, sentence, counted, (sentence_no, offset), paragraph)
    numbers = _numbers(q, w, den, source)
    if numbers is None:
        return None
    kind, numerator, den, source, interval, new_set = numbers
    span = (m.start(), m.end())
    aspect = verdict.aspect(sentence, span[1], counted.aspect if counted else None, w.anaphoric)
    judged = verdict.verdict_of(sentence, span[0] + len(w.in_ or ""))
    return span, _fields(kind, numerator, den, source, interval, aspect, judged), new_set
