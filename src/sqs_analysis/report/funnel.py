"""Funnel-plot statistics: exact binomial control limits around a pooled proportion.

A finding of 7 in 11 cases and one of 13 in 20 look different and are not: with samples this
small, most of the spread between areas is chance. Public-sector benchmarking (PHE Fingertips,
NHS outcome indicators) therefore compares each area with the pooled proportion using control
limits that widen as the sample shrinks (Spiegelhalter 2005, *Funnel plots for comparing
institutional performance*, Statistics in Medicine 24:1185-1202). The limits here are exact
quantiles of the binomial distribution, so they are right for n = 5 as well as n = 500, and a
share lies outside a limit exactly when it is in that tail of the binomial distribution. No
scipy: the binomial sums are a few hundred terms at most.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

#: The two limits of a funnel plot: 95% ("about 1 in 20 by chance") and 99.8% ("1 in 500").
LEVELS = (0.95, 0.998)


def binom_cdf(k: int, n: int, p: float) -> float:
    """P(X <= k) for X ~ Binomial(n, p), summed in log space so large n never overflows."""
    if k < 0:
        return 0.0
    if k >= n:
        return 1.0
    if p <= 0.0:
        return 1.0
    if p >= 1.0:
        return 0.0
    log_p, log_q = math.log(p), math.log1p(-p)
    total = 0.0
    for i in range(k + 1):
        log_pmf = (
            math.lgamma(n + 1) - math.lgamma(i + 1) - math.lgamma(n - i + 1)
            + i * log_p + (n - i) * log_q
        )  # fmt: skip
        total += math.exp(log_pmf)
    return min(total, 1.0)


@lru_cache(maxsize=4096)
def _cdf(n: int, p: float) -> tuple[float, ...]:
    """P(X <= r) for r = 0..n, one pass (a funnel asks for the same n and p many times)."""
    return tuple(binom_cdf(r, n, p) if r < n else 1.0 for r in range(n + 1))


def binomial_limit(p0: float, n: int, q: float) -> float:
    """The share ``r / n`` where ``r`` is the smallest count with P(X <= r) >= q, X ~ B(n, p0).

    These are the exact binomial limits without the smoothing between counts that
    Spiegelhalter (2005, appendix A.1.1) offers for drawing: smoothed limits are always below
    100%, so every "all cases" finding would be flagged, whatever the sample. Unsmoothed, a
    share is outside a limit exactly when an exact binomial test puts it in that tail.
    """
    if n <= 0:
        raise ValueError(f"a funnel limit needs at least one case, got n={n}")
    if not 0.0 <= p0 <= 1.0 or not 0.0 < q < 1.0:
        raise ValueError(f"need 0 <= p0 <= 1 and 0 < q < 1, got p0={p0}, q={q}")
    for r, at in enumerate(_cdf(n, p0)):
        if at >= q:
            return r / n
    return 1.0  # rounding left the last cumulative sum a hair under q


@dataclass(frozen=True)
class Limits:
    """The 95% and 99.8% control limits at one sample size."""

    n: int
    low_998: float
    low_95: float
    high_95: float
    high_998: float


@lru_cache(maxsize=4096)
def funnel_limits(p0: float, n: int) -> Limits:
    """Both pairs of limits around ``p0`` for a sample of ``n`` cases."""
    inner, outer = LEVELS
    return Limits(
        n=n,
        low_998=binomial_limit(p0, n, (1 - outer) / 2),
        low_95=binomial_limit(p0, n, (1 - inner) / 2),
        high_95=binomial_limit(p0, n, 1 - (1 - inner) / 2),
        high_998=binomial_limit(p0, n, 1 - (1 - outer) / 2),
    )


class Position(StrEnum):
    """Where a proportion sits on the funnel; above is a larger share meeting the standard."""

    WITHIN = "within"
    ABOVE_95 = "above_95"
    ABOVE_998 = "above_998"
    BELOW_95 = "below_95"
    BELOW_998 = "below_998"


#: Plain words for each position (the share is of cases meeting the standard, so above is
#: better). Limits are described by what they mean, not by their statistics.
POSITION_WORDS = {
    Position.WITHIN: "within the range expected by chance (inside the 95% limits)",
    Position.ABOVE_95: "higher than expected: above the 95% limit, though inside the 99.8% limit",
    Position.ABOVE_998: "well above expected: above the 99.8% limit, so unlikely to be chance",
    Position.BELOW_95: "lower than expected: below the 95% limit, though inside the 99.8% limit",
    Position.BELOW_998: "well below expected: below the 99.8% limit, so unlikely to be chance",
}

#: Short labels for tables and chart legends.
POSITION_LABELS = {
    Position.WITHIN: "inside the 95% limits",
    Position.ABOVE_95: "above the 95% limit",
    Position.ABOVE_998: "above the 99.8% limit",
    Position.BELOW_95: "below the 95% limit",
    Position.BELOW_998: "below the 99.8% limit",
}


def funnel_position(x: int, n: int, p0: float) -> Position:
    """Where ``x`` of ``n`` falls against the limits around ``p0`` (on a limit counts as inside).

    Above the upper 95% limit means P(X >= x) <= 2.5% when the true share is ``p0``.
    """
    if not 0 <= x <= n:
        raise ValueError(f"need 0 <= x <= n, got x={x}, n={n}")
    lim = funnel_limits(p0, n)
    share = x / n
    if share > lim.high_998:
        return Position.ABOVE_998
    if share > lim.high_95:
        return Position.ABOVE_95
    if share < lim.low_998:
        return Position.BELOW_998
    if share < lim.low_95:
        return Position.BELOW_95
    return Position.WITHIN


def funnel_curve(p0: float, n_max: int, n_min: int = 1) -> list[Limits]:
    """Limits at every sample size from ``n_min`` to ``n_max``: the funnel's outline."""
    return [funnel_limits(p0, n) for n in range(max(1, n_min), max(1, n_max) + 1)]
