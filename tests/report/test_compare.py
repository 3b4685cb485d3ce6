"""One inspection against all: gap ranks, funnel positions, recurrence, nations."""

from __future__ import annotations

import pytest
from corpus_tables import IDS, corpus

from sqs_analysis.report import compare
from sqs_analysis.report.compare import GapRank


def test_enough_to_compare_needs_three():
    assert not compare.enough_to_compare(corpus(2))
    assert compare.enough_to_compare(corpus(3))


def test_gap_rank_with_ties_and_unknowns():
    tables = corpus()
    # Known gaps: +4.0, -2.5, +4.0, +9.1 (area 4 does not state one).
    assert compare.gap_rank(tables, IDS[3]) == GapRank(9.1, "above", 1, 1, 3, 4)
    assert compare.gap_rank(tables, IDS[0]) == GapRank(4.0, "above", 2, 2, 3, 4)
    assert compare.gap_rank(tables, IDS[1]) == GapRank(-2.5, "below", 1, 1, 1, 4)
    assert compare.gap_rank(tables, IDS[4]) is None
    words = compare.gap_rank_words
    assert words(compare.gap_rank(tables, IDS[3])) == (
        "the largest gap above average of 4 inspections with a stated gap"
    )
    assert words(compare.gap_rank(tables, IDS[2])) == (
        "the joint 2nd largest gap above average of 4 inspections with a stated gap"
    )
    assert words(GapRank(0.0, "level", 1, 3, 3, 38)) == (
        "level with its cohort's average, as were 2 other inspections of 38 inspections with a "
        "stated gap"
    )
    assert words(GapRank(5.0, "above", 12, 1, 20, 38)) == (
        "the 12th largest gap above average of 38 inspections with a stated gap"
    )


@pytest.mark.parametrize(
    ("n", "text"), [(1, "1st"), (2, "2nd"), (3, "3rd"), (4, "4th"), (11, "11th"), (12, "12th"),
                    (13, "13th"), (21, "21st"), (22, "22nd"), (101, "101st"), (112, "112th")]
)  # fmt: skip
def test_ordinal(n, text):
    assert compare.ordinal(n) == text


def test_funnel_pools_counted_findings_only():
    tables = corpus()
    pool = compare.aspect_pools(tables)["planning"]
    # 35 of 51: the shortfall (3 of 20) and "just over half" are not pooled.
    assert (pool.cases_met, pool.cases, pool.n_findings, pool.n_inspections) == (35, 51, 4, 4)
    assert compare.funnel_aspects(tables) == ["planning"]
    data = compare.funnel_data(tables, "planning")
    assert data["cases"].tolist() == [11, 12, 12, 16]  # by size
    positions = dict(zip(data["quote"], data["position"], strict=True))
    # Against 35/51 = 69%: 2 of 12 is in the lower 0.1% tail, 16 of 16 in the upper 2.5%.
    assert positions == {
        "in 7 of 11 cases": "within",
        "in 10 of 12 cases": "within",
        "in 2 of 12 cases": "below_998",
        "in 16 of 16 cases": "above_95",
    }
    assert data["pooled_share_met"].iloc[0] == round(35 / 51, 4)
    assert compare.funnel_data(tables, "review").empty


def test_area_positions_and_too_few_inspections():
    assert compare.area_positions(corpus(), IDS[2])["position"].tolist() == ["below_998"]
    # With two inspections no aspect has a funnel.
    assert compare.funnel_aspects(corpus(2)) == []
    assert compare.area_positions(corpus(2), IDS[0]).empty


def test_theme_recurrence_counts_inspections_once():
    rec = compare.theme_recurrence(corpus())
    imp = rec[rec["kind"] == "improvement"].set_index("theme")
    # Area 3 names management oversight twice: one inspection. Area 2 has no improvements
    # section, so the denominator is the 4 inspections that have one.
    assert imp.loc["management_oversight", "inspections"] == 3
    assert imp.loc["planning", "inspections"] == 2
    assert set(imp["of"]) == {4}
    assert rec[rec["kind"] == "strength"]["inspections"].tolist() == [1]
    mine = compare.improvement_recurrence(corpus(), IDS[1])
    assert mine[["label", "inspections", "of"]].values.tolist() == [["Management oversight", 3, 4]]


def test_nations():
    tables = corpus()
    assert compare.nations_present(tables) == ["England", "Wales"]
    assert compare.unknown_nation(tables) == 1
    table = compare.nation_table(tables).set_index("nation")
    assert table.loc["England", "inspections"] == 2
    assert table.loc["England", "with_gap_above_average"] == 2
    assert table.loc["Wales", "with_stated_gap"] == 1  # area 4 states no gap
    assert table.loc["England", "counted_cases_met"] == 9  # 7 of 11 and 2 of 12
    assert compare.nations_present(corpus(1)) == ["England"]
