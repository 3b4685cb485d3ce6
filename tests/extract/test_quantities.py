"""The quantity grammar: its two tables, and intervals built from them."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sqs_analysis.extract import quantities as q


def test_modifier_table_is_valid() -> None:
    rows = q.load_modifiers()
    phrases = [m.phrase for m in rows]
    assert len(phrases) == len(set(phrases))
    assert q.BARE in phrases, "the table says what a bare fraction means"
    for m in rows:
        assert m.note, m.phrase
        assert m.effect in q.EFFECTS, m.phrase
        assert m.margin is None or 0 < m.margin <= 0.5, m.phrase
        if m.effect in ("around",):
            assert m.margin is not None, m.phrase
        if m.effect in ("exact", "at_least", "at_most"):
            assert m.margin is None, m.phrase


def test_base_table_is_valid() -> None:
    rows = q.load_bases()
    phrases = [b.phrase for b in rows]
    assert len(phrases) == len(set(phrases))
    for b in rows:
        assert b.note, b.phrase
        assert b.kind in q.BASE_KINDS, b.phrase
        if b.kind == "vague":
            assert b.low is None and b.high is None and not b.bounds, b.phrase
        else:
            assert b.low is not None and b.high is not None and 0 <= b.low <= b.high <= 1
            assert b.bounds in ("[]", "(]", "[)", "()"), b.phrase
        if b.kind in ("ordinal", "fraction"):
            assert b.low == b.high and b.low.numerator == 1, "a unit fraction: 1/d"


def _interval(words: str) -> tuple[float, float] | None:
    from sqs_analysis.extract.findings import extract_findings

    (f,) = extract_findings(
        f"Plans were sufficient in {words} of the cases we looked at.", cases_examined=20
    )
    return f.proportion_low, f.proportion_high


@pytest.mark.parametrize(
    ("words", "low", "high"),
    [
        ("half", 0.45, 0.55),
        ("just over half", 0.5, 0.6),
        ("slightly fewer than half", 0.4, 0.5),
        ("more than four-fifths", 0.8, 1.0),
        ("two-thirds", 2 / 3 - 0.05, 2 / 3 + 0.05),
        ("three quarters", 0.7, 0.8),
        ("nine-tenths", 0.85, 0.95),
        ("only half", 0.45, 0.55),
        ("about a third", 1 / 3 - 0.05, 1 / 3 + 0.05),
        ("almost all", 0.85, 1.0),
        ("at least half", 0.5, 1.0),
        ("well over half", 0.5, 1.0),
        ("the majority", 0.5, 1.0),
        ("the vast majority", 0.8, 1.0),
        ("a minority", 0.0, 0.5),
        ("around 60%", 0.55, 0.65),
        ("over one in three", 1 / 3, 1.0),
    ],
)
def test_intervals_are_composed_from_the_tables(words: str, low: float, high: float) -> None:
    assert _interval(words) == (pytest.approx(low), pytest.approx(high))


# --- properties over every modifier x base -------------------------------------------------------

_MODIFIERS = [m for m in q.load_modifiers() if m.phrase != q.BARE]
_NAMED = [b for b in q.load_bases() if b.kind in ("all", "none", "fraction", "interval")]
_ORDINALS = {b.phrase: b.low.denominator for b in q.load_bases() if b.kind == "ordinal"}
_NUMBER_WORDS = ["a", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]


@st.composite
def _fraction(draw) -> tuple[str, Fraction]:
    """A fraction as written and its value: "four-fifths", "a third", "two in every three"."""
    ordinal, d = draw(st.sampled_from(sorted(_ORDINALS.items())))
    n = draw(st.integers(1, d - 1))
    form = draw(st.sampled_from(["hyphen", "space", "ratio", "article"]))
    word = _NUMBER_WORDS[n]
    if form == "ratio":
        return (
            f"{word if n > 1 else 'one'} in every {_NUMBER_WORDS[d] if d < 10 else 'ten'}",
            Fraction(n, d),
        )
    if form == "article" or n == 1:
        return f"{'an' if ordinal == 'eighth' else 'a'} {ordinal}", Fraction(1, d)
    return f"{word}{'-' if form == 'hyphen' else ' '}{ordinal}s", Fraction(n, d)


def _read(words: str):
    from sqs_analysis.extract.findings import extract_findings

    found = extract_findings(f"Plans were sufficient in {words} of the cases.", cases_examined=20)
    return found[0] if found else None


@settings(max_examples=300, deadline=None)
@given(st.sampled_from([None, *_MODIFIERS]), st.one_of(st.sampled_from(_NAMED), _fraction()))
def test_every_modifier_of_every_base_is_an_interval_in_the_unit(mod, base) -> None:
    if isinstance(base, q.Base):
        if base.phrase in ("every", "each"):
            return  # "every of the cases" is not English; tested with a singular noun elsewhere
        words, value = base.phrase, (base.low, base.high, base.bounds)
        rounded = base.kind == "fraction"
    else:
        words, point = base
        value, rounded = (point, point, "[]"), True
    interval = q.apply(mod, value, rounded=rounded)
    f = _read(f"{mod.phrase} {words}" if mod else words)
    if interval is None:  # "more than all": not a quantity, so no row at all
        assert f is None
        return
    assert 0 <= interval.low <= interval.high <= 1
    assert f is not None and f.quote.endswith(f"{words} of the cases")
    assert (f.proportion_low, f.proportion_high) == (interval.low, interval.high)


@settings(max_examples=200, deadline=None)
@given(_fraction(), st.sampled_from(["just over", "slightly more than", "over", "more than"]))
def test_over_x_lies_above_x(fraction, phrase) -> None:
    words, x = fraction
    f = _read(f"{phrase} {words}")
    interval = q.apply(q.modifier(phrase), (x, x, "[]"), rounded=True)
    assert interval.low_open and interval.low == float(x) < interval.high
    assert f.proportion_low == pytest.approx(float(x)) and f.proportion_high > float(x)


@settings(max_examples=200, deadline=None)
@given(_fraction(), st.sampled_from(["just under", "slightly fewer than", "almost", "less than"]))
def test_under_x_lies_below_x(fraction, phrase) -> None:
    words, x = fraction
    f = _read(f"{phrase} {words}")
    interval = q.apply(q.modifier(phrase), (x, x, "[]"), rounded=True)
    assert interval.high_open and interval.low < interval.high == float(x)
    assert f.proportion_high == pytest.approx(float(x)) and f.proportion_low < float(x)


def test_fractions_are_computed_from_the_number_words() -> None:
    assert q.read(*_groups("four-fifths")).value[0] == Fraction(4, 5)
    assert q.read(*_groups("seven tenths")).value[0] == Fraction(7, 10)
    assert q.read(*_groups("two in every three")).value[0] == Fraction(2, 3)
    assert q.read(*_groups("five-quarters")) is None  # more than the whole
    assert q.read(*_groups("three in two")) is None


def _groups(words: str) -> tuple:
    import re

    m = re.fullmatch(q.pattern(), words, re.IGNORECASE)
    assert m, words
    return m.group(*q.GROUPS)
