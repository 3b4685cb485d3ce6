"""The search short-cuts must never change a match: they only skip text that cannot match."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sqs_analysis.extract import headline, verdict
from sqs_analysis.extract.shortcuts import bound, lowered, max_width, required_literals, search

PATTERNS = [
    verdict._NOT_MET,
    verdict._MET,
    *(rule.pattern for rule in verdict.load_aspects()),
    headline._SERVICE,
    headline._RATE,
    headline._COHORT_RANGE,
    re.compile(r"\b(?:child\s+)?sexual exploitation\b|\bCSE\b", re.IGNORECASE),
]
WORDS = [
    "not", "Not", "cases", "case", "examined", "12", "twelve", "plans", "planning", "review",
    "assessed", "good", "enough", "sufficient", "St", "Helens", "Youth", "Offending", "Team",
    "(YOT)", "reoffending", "rate", "was", "35%", "cohort", "January", "2015", "to", "2016", "CSE",
    "sexual", "exploitation", "child", "x", "é", "ſ", ",", ".", "-", "  ", "\n",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=60))
def test_search_finds_what_a_full_search_finds(words):
    for text in (" ".join(words), "".join(words)):
        for pattern in PATTERNS:
            full = pattern.search(text)
            found = search(pattern, text, lowered(text))
            assert (found and found.span()) == (full and full.span()), pattern.pattern


@pytest.mark.parametrize(
    "pattern, literals",
    [
        (r"\bplan(?:s|ned|ning)?\b", ("plan",)),
        (r"[\]x]abc", ("abc",)),  # an escaped "]" does not end the class
        (r"[^]x]abcd", ("abcd",)),  # nor does a "]" first in it
        (r"\x41bcd", ("bcd",)),  # the hex digits belong to the escape
        (r"\N{EM DASH}abc", ("abc",)),
        (r"\1234abc", ("4abc",)),  # an octal code takes three digits at most
        (r"ſabc|def", None),  # "ſ" matches "s" when case is ignored: no ASCII filter
    ],
)
def test_required_literals_reads_escapes_and_classes(pattern, literals):
    assert required_literals(pattern) == literals


def test_a_verbose_pattern_has_no_bound():
    assert bound(re.compile(r"plan \s ning", re.VERBOSE)) == (None, None)


def test_anchors_are_first_runs_and_what_can_come_before_them():
    assert bound(re.compile(r"\bplan(?:s|ned|ning)?\b")) == (("plan",), (("plan", 0),))
    assert bound(re.compile(r"\breassess\w*|\bno\s+plan")) == (
        ("reassess", "plan"),
        (("reassess", 0), ("no", 0)),
    )
    assert bound(re.compile(r"(?:pre-sentence|court)\s{1,3}reports?")) == (
        ("report",),
        (("report", 15),),
    )
    assert bound(re.compile(r"\w+ing|\s+plan"))[1] is None  # no bound before "ing" or "plan"


@pytest.mark.parametrize(
    "pattern, width",
    [
        (r"", 0),
        (r"\b", 0),
        (r"\bplan\B\A\Z^$", 4),
        (r"(?:pre-sentence|court)\s{1,3}", 15),
        (r"[^]x][\]x].\x41\u00e9\N{EM DASH}\n\d", 8),
        (r"\0\09\012\123", 5),  # octal codes: "\09" is "\0" then "9"
        (r"a?b??c{2}d{1,3}?e{,4}f{0}g*+", None),
        (r"a?b??c{2}d{1,3}?e{,4}f{0}", 1 + 1 + 2 + 3 + 4),
        (r"x{}y{x}z{3", 3 + 4 + 3),  # not repeats: literal braces
        (r"a(?#note){3}", 3),  # a comment is invisible to the repeat
        (r"(?i)(?=abc)(?!d)(?<=e)(?<!f)g", 1),  # look-arounds take no width
        (r"(?P<n>ab|cde)(?>f)(?i:g)(?-i:h)", 6),
        (r"(?P<n>a)(?(n)bc|d)", 3),
        (r"(a)\1", None),  # group references: not read, so no bound
        (r"(?P<n>a)(?P=n)", None),
        (r"\b(?:child\s+)?", None),
        (r"a{1001}", None),  # too wide to be of use
        (r"a b c", None),  # verbose patterns are not read (see bound)
    ],
)
def test_max_width_reads_the_pattern(pattern, width):
    flags = re.VERBOSE if pattern == "a b c" else 0
    assert max_width(re.compile(pattern, flags)) == width


PIECES = [
    "a", "b", "ab", ".", r"\b", r"\s", r"\w", "[ab]", "^", "$", "(?:a|bb)", "(a|b{2})", "(?=a)",
    "(?<=b)", "(?#c)", "?", "*", "+", "{2}", "{1,3}", "{,2}", "{}", "|", "(?i:a)",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=8), st.text("ab \n", max_size=20))
def test_max_width_bounds_every_match(pieces, text):
    try:
        pattern = re.compile("".join(pieces))
    except re.error:
        return
    width = max_width(pattern)
    if width is None:
        return
    for pos in range(len(text) + 1):
        m = pattern.match(text, pos)
        assert m is None or m.end() - m.start() <= width, pattern.pattern
