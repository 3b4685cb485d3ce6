"""How this area compares: the whole section, with enough inspections and with too few."""

from __future__ import annotations

from conftest import SH
from corpus_tables import IDS, corpus

from sqs_analysis.report import sections


def test_seed_section_says_not_enough_and_draws_nothing(seed_tables):
    section = sections.how_this_area_compares(seed_tables, SH)
    html = section._repr_html_()
    assert "not yet enough to compare St Helens" in html
    assert "<figure" not in html and "<table" not in html


def test_section_with_enough_inspections():
    section = sections.how_this_area_compares(corpus(), IDS[0])
    html = section._repr_html_()
    assert html.count("<figure") == 1
    assert "joint 2nd largest gap above average" in html
    table = sections.positions_table(corpus(), IDS[0])
    assert table.to_dict("records") == [
        {
            "Aspect": "planning",
            "Paragraph": "2.1",
            "This area": "7 of 11 (64%)",
            "All inspections": "69% of 51 cases (4 findings, 4 inspections)",
            "Where it falls": "inside the 95% limits",
        }
    ]
    rec = sections.recurrence_table(corpus(), IDS[0])
    assert rec.values.tolist() == [["Management oversight", "3 of 4"], ["Planning", "2 of 4"]]
