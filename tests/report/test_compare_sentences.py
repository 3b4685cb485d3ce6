"""The words of "How this area compares" and of the comparison page, on known corpora."""

from __future__ import annotations

from conftest import SH
from corpus_tables import IDS, corpus

from sqs_analysis.report import compare_sentences as cs


def test_seeds_say_what_cannot_be_compared(seed_tables):
    assert cs.area_comparison(seed_tables, SH) == [
        "These tables hold 2 inspections, so there is not yet enough to compare St Helens with "
        "other areas.",
        "Ranking a reoffending gap, placing findings on funnel plots and saying how common an "
        "area for improvement is each need at least 3 inspections.",
        "What can be read now is each report's own figures and findings, as above; add reports "
        "to data/raw and rebuild to compare.",
    ]


def test_area_comparison_with_enough_inspections():
    tables = corpus()
    assert cs.area_comparison(tables, IDS[2]) == [
        "Area 2's reoffending rate was 4.0 percentage points above its cohort's average: the "
        "joint 2nd largest gap above average of 4 inspections with a stated gap.",
        "Of Area 2's 1 counted finding, none is within the range expected by chance; planning "
        "(paragraph 2.1) is below the 99.8% limit.",
    ]  # its report has no areas for improvement: nothing to say how common
    assert cs.area_comparison(tables, IDS[0])[2:] == [
        "Management oversight was an area for improvement in 3 of 4 inspections.",
        "Planning was an area for improvement in 2 of 4 inspections.",
    ]
    assert cs.gap_rank_sentence(tables, IDS[4]) == (
        "The report does not state both Area 4's rate and its cohort's average, so its gap "
        "cannot be ranked."
    )
    assert cs.positions_sentence(tables, IDS[4]) == (
        "None of Area 4's findings counts cases on an aspect that at least 3 inspections count, "
        "so none can be placed on a funnel."
    )


def test_comparison_page_sentences():
    tables = corpus()
    assert cs.funnel_sentence(tables) == (
        "Funnel plots are drawn for 1 aspect (planning); 2 of 4 counted findings fall outside "
        "the 95% limits."
    )
    assert cs.funnel_sentence(corpus(2)) == (
        "No aspect has counted findings from at least 3 inspections, so no funnel plot is drawn."
    )
    assert cs.recurrence_sentences(tables) == [
        "The most common key strength theme was planning (1 of 5 inspections).",
        "The most common area for improvement theme was management oversight (3 of 4 inspections).",
    ]
    assert cs.nation_sentence(tables) == (
        "England: 2 of 2 above their cohort's average (median gap +4.0 points); Wales: 0 of 1 "
        "above their cohort's average (median gap \u22122.5 points). 1 inspection does not show "
        "its nation."
    )
    assert cs.nation_sentence(corpus(1)) == (
        "The reports show only England, so England and Wales are not compared; of 1 "
        "inspection, every report shows its nation."
    )


def test_thin_evidence_note_states_the_rule():
    assert "at least 3 counted findings" in cs.thin_evidence_note()
