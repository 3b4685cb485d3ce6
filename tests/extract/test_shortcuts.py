"""The search short-cuts must never change a match: they only skip text that cannot match."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sqs_analysis.extract import headline, verdict
from sqs_analysis.extract.shortcuts import bound, lowered, required_literals, search

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
