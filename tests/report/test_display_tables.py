"""The tables pages show, checked on the two seed reports."""

from __future__ import annotations

import pytest
from conftest import SH, SO

from sqs_analysis.report import display_tables


@pytest.fixture(scope="module")
def seeds(seed_tables):
    return seed_tables


def test_headline_figures(seeds):
    figures = dict(display_tables.headline_figures(seeds, SH).values.tolist())
    assert figures["Reoffending rate"] == "46.2%"
    assert figures["England and Wales average (same cohort)"] == "36.1%"
    assert figures["Gap to average"] == "+10.1 points"
    assert figures["Cases examined"] == "14"
    assert figures["Cohort"] == "April 2012 to March 2013"
    somerset = dict(display_tables.headline_figures(seeds, SO).values.tolist())
    assert somerset["Gap to average"] == "\u22125.5 points"
    assert somerset["Cases examined"] == "20"


def test_comparison_table(seeds):
    t = display_tables.comparison_table(seeds).set_index("Inspection")
    assert t.loc[SH, "Rate"] == "46.2%" and t.loc[SH, "E&W average"] == "36.1%"
    assert t.loc[SO, "Rate"] == "32.3%" and t.loc[SO, "E&W average"] == "37.8%"


def test_judgements_with_themes(seeds):
    j = display_tables.judgements_with_themes(seeds, SH)
    assert list(j["Kind"]) == ["Key strength"] * 5 + ["Area for improvement"] * 3
    assert list(j["No."]) == [1, 2, 3, 4, 5, 1, 2, 3]
    assert j.iloc[0]["Text"].startswith("Good quality pre-sentence and panel reports")


def test_data_notes_and_quality(seeds):
    notes = dict(display_tables.data_notes(seeds, SO).values.tolist())
    assert notes["Source file"].endswith("somerset-2016-06.md")
    assert len(notes["SHA-256 of source file"]) == 64
    assert notes["Lead inspector"] == "Vivienne Clarke"
    assert list(display_tables.quality_notes(seeds, [SO]).columns)[:3] == [
        "source_file", "inspection_id", "severity",
    ]  # fmt: skip
