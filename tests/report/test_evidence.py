"""Honest aggregation: counted findings pooled, shortfalls as stated, words as ranges."""

from __future__ import annotations

from conftest import ranked_findings, synthetic_findings

from sqs_analysis.report import evidence
from sqs_analysis.report.evidence import Pooled


def test_counted_met_keeps_only_met_counts():
    counted = evidence.counted_met(synthetic_findings())
    # "in two cases" (not met) is a shortfall: not among the findings that met the standard.
    assert counted["paragraph_id"].tolist() == ["2.4", "4.3"]
    assert counted["cases_met"].tolist() == [7, 13]
    assert counted["cases"].tolist() == [11, 14]
    assert counted["share_met"].round(3).tolist() == [0.636, 0.929]


def test_shortfalls_are_shown_as_stated():
    short = evidence.counted_short(synthetic_findings())
    assert short["cases_short"].tolist() == [2] and short["cases"].tolist() == [8]
    assert short["as_stated"].tolist() == ["2 of 8 cases fell short (\u201cin two cases\u201d)"]


def test_worded_findings_keep_their_range():
    words = evidence.worded(ranked_findings())
    assert words["quote"].tolist() == ["just over half"]
    assert (words["range_low"].tolist(), words["range_high"].tolist()) == ([0.5], [0.6])
    assert (
        words["as_stated"].iloc[0]
        == "\u201cjust over half\u201d met the standard: 50% to 60% of cases"
    )
    # A worded finding is never pooled as its midpoint.
    public = evidence.pooled_by(evidence.counted_met(ranked_findings()), "section")
    assert (public["protecting_the_public"].cases_met, public["protecting_the_public"].cases) == (
        15,
        33,
    )


def test_pooled_sums_cases_not_shares():
    # 1 of 1 and 10 of 30: the average of shares would be 67%; the pooled share is 11/31.
    frame = ranked_findings(public=((1, 1), (10, 30)))
    p = evidence.pooled_by(evidence.counted_met(frame), "section")["protecting_the_public"]
    assert p == Pooled(n_findings=2, n_inspections=1, cases_met=11, cases=31)
    assert round(p.share, 3) == 0.355 and not p.enough
    lo, hi = p.interval
    assert lo < p.share < hi


def test_clear_difference_needs_enough_and_apart():
    strong = Pooled(3, 1, 39, 42)
    weak = Pooled(3, 1, 15, 33)
    assert evidence.clear_difference(strong, weak) and evidence.clear_difference(weak, strong)
    assert not evidence.clear_difference(strong, Pooled(2, 1, 0, 40))  # too few findings
    assert not evidence.clear_difference(strong, Pooled(3, 1, 30, 38))  # intervals overlap


def test_empty_inputs():
    assert evidence.counted_met(None).empty and evidence.counted_short(None).empty
    assert evidence.worded(synthetic_findings().iloc[:0]).empty
    assert evidence.pooled(evidence.counted_met(None)) is None
