"""Funnel limits: exact binomial quantiles, checked against scipy and by hand."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy.stats import binom

from sqs_analysis.report import funnel
from sqs_analysis.report.funnel import Position


def _scipy_limit(p0: float, n: int, q: float) -> float:
    """The exact binomial limit from scipy's quantile function."""
    return float(binom.ppf(q, n, p0)) / n


@pytest.mark.parametrize(
    ("p0", "n"), [(0.5, 10), (0.7, 11), (0.64, 20), (0.9, 14), (0.05, 40), (0.99, 5), (0.3, 300)]
)
@pytest.mark.parametrize("q", [0.001, 0.025, 0.975, 0.999])
def test_limits_match_scipy(p0, n, q):
    assert funnel.binomial_limit(p0, n, q) == pytest.approx(_scipy_limit(p0, n, q), abs=1e-9)


def test_limit_by_hand():
    # Binomial(10, 0.5): P(X <= 7) = 968/1024 < 0.975 <= P(X <= 8) = 1013/1024, so the upper
    # 95% limit is 8/10; P(X <= 1) = 11/1024 < 0.025 <= P(X <= 2) = 56/1024: lower limit 2/10.
    assert funnel.binomial_limit(0.5, 10, 0.975) == 0.8
    assert funnel.binomial_limit(0.5, 10, 0.025) == 0.2
    assert funnel.binom_cdf(7, 10, 0.5) == pytest.approx(968 / 1024)
    # Tail meaning: 9 of 10 is above the 95% limit, since P(X >= 9) = 11/1024 <= 2.5%.
    assert funnel.funnel_position(9, 10, 0.5) is Position.ABOVE_95
    assert funnel.funnel_position(8, 10, 0.5) is Position.WITHIN


def test_limits_are_nested_and_narrow_with_n():
    small, large = funnel.funnel_limits(0.7, 10), funnel.funnel_limits(0.7, 200)
    for lim in (small, large):
        assert lim.low_998 <= lim.low_95 <= 0.7 <= lim.high_95 <= lim.high_998
    assert large.high_95 - large.low_95 < small.high_95 - small.low_95
    assert [lim.n for lim in funnel.funnel_curve(0.7, 4)] == [1, 2, 3, 4]


@pytest.mark.parametrize(
    ("x", "n", "p0", "position"),
    [
        (7, 11, 0.7, Position.WITHIN),  # 64% against 70%: chance
        (4, 11, 0.7, Position.BELOW_95),  # P(X <= 4) = 2.2%: in the lower 2.5% tail
        (2, 11, 0.7, Position.BELOW_998),  # P(X <= 2) = 0.04%
        (19, 20, 0.5, Position.ABOVE_998),
        (15, 20, 0.5, Position.ABOVE_95),  # P(X >= 15) = 2.1%, more than 0.1%
        (11, 11, 0.7, Position.ABOVE_95),  # all 11 cases: P = 0.7**11 = 2.0%
        (11, 11, 0.8, Position.WITHIN),  # all 11 cases: P = 0.8**11 = 8.6%, chance
    ],
)
def test_positions(x, n, p0, position):
    assert funnel.funnel_position(x, n, p0) is position


def test_position_words_are_plain():
    assert funnel.POSITION_WORDS[Position.WITHIN] == (
        "within the range expected by chance (inside the 95% limits)"
    )
    assert set(funnel.POSITION_WORDS) == set(Position) == set(funnel.POSITION_LABELS)


@given(p0=st.floats(0.01, 0.99), n=st.integers(1, 120), data=st.data())
def test_position_agrees_with_limits(p0, n, data):
    """Whatever the counts, a share inside both 95% limits is 'within', and outside is not."""
    x = data.draw(st.integers(0, n))
    lim = funnel.funnel_limits(p0, n)
    inside = lim.low_95 <= x / n <= lim.high_95
    assert (funnel.funnel_position(x, n, p0) is Position.WITHIN) == inside


def test_bad_arguments():
    with pytest.raises(ValueError, match="at least one case"):
        funnel.binomial_limit(0.5, 0, 0.975)
    with pytest.raises(ValueError, match="0 <= x <= n"):
        funnel.funnel_position(12, 11, 0.5)
