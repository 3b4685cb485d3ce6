"""The quantity grammar: its two tables, and intervals built from them."""

from __future__ import annotations

import pytest

from sqs_analysis import quantities as q


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
    from sqs_analysis.findings import extract_findings

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
