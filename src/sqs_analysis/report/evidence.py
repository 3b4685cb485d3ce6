"""Honest aggregation: which findings may be pooled, and when a comparison may be claimed.

Three kinds of finding need three treatments:

- *counted* findings that the standard was met ("good enough in 7 of 11 cases") have a
  numerator and a denominator; only these are pooled (sums of cases, never averages of shares);
- findings *stated as shortfalls* ("in three cases there was no plan") are shown as the report
  says them, 3 of 20 without a plan; they are never silently turned into "17 of 20 met";
- *worded* findings ("just over half") have a range and no count; they are shown as ranges and
  never averaged by their midpoints as if they were counts.

A claim that one group did better than another is made only when both rest on at least
:data:`MIN_COUNTED` counted findings and their 95% intervals do not overlap.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from sqs_analysis.extract.quantities import wilson_interval
from sqs_analysis.report.formatting import is_missing

#: A group's pooled share is compared with another's only when each has this many counted findings.
MIN_COUNTED = 3

_KEYS = ["inspection_id", "paragraph_id", "section", "aspect", "quote"]
COUNTED_COLUMNS = [*_KEYS, "cases_met", "cases", "share_met"]
SHORT_COLUMNS = [*_KEYS, "cases_short", "cases", "as_stated"]
WORDED_COLUMNS = [*_KEYS, "verdict", "range_low", "range_high", "as_stated"]


def _exact(findings: pd.DataFrame) -> pd.Series:
    """Rows with both counts, a positive denominator and a numerator no larger than it."""
    num = pd.to_numeric(findings["numerator"], errors="coerce")
    den = pd.to_numeric(findings["denominator"], errors="coerce")
    return num.notna() & den.notna() & (den > 0) & (num <= den)


def _judged(findings: pd.DataFrame | None, verdict: str) -> pd.DataFrame:
    if findings is None or findings.empty or "verdict" not in findings:
        return pd.DataFrame(columns=[*_KEYS, "numerator", "denominator", "verdict"])
    return findings[findings["verdict"] == verdict]


def counted_met(findings: pd.DataFrame | None) -> pd.DataFrame:
    """Counted findings that the standard was met: the only ones a pooled share is made of."""
    f = _judged(findings, "met")
    f = f[_exact(f)] if not f.empty else f
    out = pd.DataFrame(
        {
            **{k: f[k].astype(object) for k in _KEYS},
            "cases_met": pd.array(pd.to_numeric(f["numerator"]), dtype="Int64"),
            "cases": pd.array(pd.to_numeric(f["denominator"]), dtype="Int64"),
        },
        columns=COUNTED_COLUMNS[:-1],
    )
    out["share_met"] = (out["cases_met"] / out["cases"]).astype("Float64")
    return out.reset_index(drop=True)


def _cases(n: object) -> str:
    return f"{int(n)} case{'' if int(n) == 1 else 's'}"


def counted_short(findings: pd.DataFrame | None) -> pd.DataFrame:
    """Counted findings of cases that fell short, as the report states them (3 of 20)."""
    f = _judged(findings, "not_met")
    f = f[_exact(f)] if not f.empty else f
    rows = [
        {
            **{k: r[k] for k in _KEYS},
            "cases_short": int(r["numerator"]),
            "cases": int(r["denominator"]),
            "as_stated": f"{int(r['numerator'])} of {_cases(r['denominator'])} fell short "
            f"(\u201c{r['quote']}\u201d)",
        }
        for _, r in f.iterrows()
    ]
    out = pd.DataFrame(rows, columns=SHORT_COLUMNS)
    for col in ("cases_short", "cases"):
        out[col] = pd.array(out[col], dtype="Int64")
    return out


def worded(findings: pd.DataFrame | None) -> pd.DataFrame:
    """Judged findings given only in words: their range, never a midpoint."""
    if findings is None or findings.empty or "verdict" not in findings:
        return pd.DataFrame(columns=WORDED_COLUMNS)
    f = findings[findings["verdict"].isin(["met", "not_met"]) & ~_exact(findings)]
    f = f[f["proportion_low"].notna() & f["proportion_high"].notna()]
    rows = []
    for _, r in f.iterrows():
        lo, hi = float(r["proportion_low"]), float(r["proportion_high"])
        what = "met the standard" if r["verdict"] == "met" else "fell short"
        rows.append(
            {
                **{k: r[k] for k in _KEYS},
                "verdict": r["verdict"],
                "range_low": lo,
                "range_high": hi,
                "as_stated": f"\u201c{r['quote']}\u201d {what}: {lo:.0%} to {hi:.0%} of cases",
            }
        )
    return pd.DataFrame(rows, columns=WORDED_COLUMNS)


@dataclass(frozen=True)
class Pooled:
    """Cases meeting the standard, summed over a group's counted findings, with its interval.

    Findings in one report may count some cases twice, so the interval is a guide to the
    evidence's size rather than an exact sampling interval.
    """

    n_findings: int
    n_inspections: int
    cases_met: int
    cases: int

    @property
    def share(self) -> float:
        """Pooled share met (cases over cases: never an average of shares)."""
        return self.cases_met / self.cases

    @property
    def interval(self) -> tuple[float, float]:
        """95% Wilson interval of the pooled share."""
        return wilson_interval(self.cases_met, self.cases)

    @property
    def enough(self) -> bool:
        """Enough counted findings to be compared with another group."""
        return self.n_findings >= MIN_COUNTED


def pooled(counted: pd.DataFrame) -> Pooled | None:
    """The pooled share of a frame from :func:`counted_met` (None when it has no cases)."""
    if counted.empty or int(counted["cases"].sum()) == 0:
        return None
    return Pooled(
        n_findings=len(counted),
        n_inspections=int(counted["inspection_id"].nunique()),
        cases_met=int(counted["cases_met"].sum()),
        cases=int(counted["cases"].sum()),
    )


def pooled_by(counted: pd.DataFrame, key: str) -> dict[str, Pooled]:
    """One :class:`Pooled` per value of ``key`` (e.g. ``aspect`` or ``section``), sorted."""
    out: dict[str, Pooled] = {}
    for value, group in counted.groupby(key, sort=True, dropna=True):
        p = pooled(group)
        if p is not None and not is_missing(value):
            out[str(value)] = p
    return out


def clear_difference(a: Pooled, b: Pooled) -> bool:
    """True when both rest on enough counted findings and their intervals do not overlap."""
    if not (a.enough and b.enough):
        return False
    (a_lo, a_hi), (b_lo, b_hi) = a.interval, b.interval
    return a_hi < b_lo or b_hi < a_lo
