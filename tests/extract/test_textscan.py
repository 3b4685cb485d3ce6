"""The text walk: its short cuts find exactly what a plain regex search finds."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from sqs_analysis.extract.findings import _finding_pattern
from sqs_analysis.extract.textscan import (
    BARE_SUBJECT,
    bare_subjects,
    candidates,
    original,
    squeeze,
    start_matches,
)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["in", "all", "but", "one", "7", "of", "11", "the", "cases", "just", "over", "half",
             "two-thirds", "each", "these", "twenty-one", ",", ".", "rate1", "we", "looked", "at",
             "Élan", "İn", "The", "large", "majority"]
        ),
        max_size=40,
    )
)  # fmt: skip
def test_candidate_scan_equals_finditer(words):
    """The fast scan tries only word starts; it must find exactly what finditer finds."""
    pattern = _finding_pattern()
    for text in (" ".join(words), "".join(words)):
        fast = [(m.start(), m.end()) for m in candidates(pattern, text)]
        assert fast == [(m.start(), m.end()) for m in pattern.finditer(text)]


def test_candidate_scan_equals_finditer_on_the_seeds(seed_tables):
    pattern = _finding_pattern()
    for text in seed_tables.paragraphs.text:
        fast = [(m.start(), m.end()) for m in candidates(pattern, text)]
        assert fast == [(m.start(), m.end()) for m in pattern.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["that", "That", "and", "AND", ",", "thand", "3", "12", "twenty-one", "twenty one",
             "seven", "a few", "the two", "3.5", "ſeven", "had", "have", "were", "Was", "cases",
             " ", "\t", "\x1c", "."]
        ),
        max_size=40,
    )
)  # fmt: skip
def test_bare_subject_scan_equals_finditer(words):
    """Bare subjects are tried only before the scan's starts; the same matches as finditer."""
    for text in (" ".join(words), "".join(words)):
        starts = start_matches(text)
        fast = [m.span() for m in bare_subjects(text, starts)] if starts else []
        assert fast == [m.span() for m in BARE_SUBJECT.finditer(text)]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from(["a", "b", "in", " ", "  ", "\n", "\t \n", "\x1c", "é"]), max_size=30)
)
def test_squeeze_maps_every_offset_back(parts):
    """Each whitespace run becomes one space, and every other character maps back to itself."""
    text = "".join(parts)
    squeezed, at, was = squeeze(text)
    assert "  " not in squeezed and all(c == " " or not c.isspace() for c in squeezed)
    for i, c in enumerate(squeezed):
        if not c.isspace():
            assert text[original(i, at, was)] == c
