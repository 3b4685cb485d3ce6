"""The answer first: the briefing's opening sentences, with the seeds' real values."""

from __future__ import annotations

from conftest import SH, SO, synthetic_findings
from corpus_tables import IDS, corpus

from sqs_analysis.report import summary


def test_st_helens_key_messages(seed_tables):
    messages = summary.key_messages(seed_tables, SH)
    assert messages[:4] == [
        "St Helens' reoffending rate was 46.2%, 10.1 percentage points above the England and "
        "Wales average for the same cohort.",
        "Inspectors examined 14 cases during fieldwork on 15 to 17 June 2015.",
        "Its 4 counted findings run from 7 of 11 cases meeting the standard (planning) to 14 of "
        "14 (assessment).",
        "With 2 inspections in these tables, there is not yet enough to compare it with other "
        "areas.",
    ]
    assert messages[4].startswith("The report lists 3 areas requiring improvement, on ")
    assert messages[5].startswith("The report lists 5 key strengths, on ")
    assert 4 <= len(messages) <= 6


def test_somerset_is_below_its_average(seed_tables):
    assert summary.key_messages(seed_tables, SO)[0] == (
        "Somerset's reoffending rate was 32.3%, 5.5 percentage points below the England and "
        "Wales average for the same cohort."
    )


def test_findings_message_counts_only_what_met():
    # "in two cases" fell short: not one of the counted findings that met the standard.
    assert summary.findings_message(synthetic_findings()) == (
        "Its 2 counted findings run from 7 of 11 cases meeting the standard (planning) to 13 of "
        "14 (compliance)."
    )
    assert summary.findings_message(synthetic_findings().iloc[[0]]) == (
        "Its one counted finding: 7 of 11 cases met the standard."
    )
    assert summary.findings_message(synthetic_findings().iloc[[1]]) == (
        "The report gives no finding that counts the cases meeting the standard."
    )


def test_comparison_message_with_enough_inspections():
    assert summary.comparison_message(corpus(), IDS[3]) == (
        "Among all inspections, that is the largest gap above average of 4 inspections with a "
        "stated gap."
    )
