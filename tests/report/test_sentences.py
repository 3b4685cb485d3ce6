"""Narrative sentences, checked one by one on the two seed reports."""

from __future__ import annotations

import types

import pandas as pd
import pytest
from conftest import SH, SO, ranked_findings, synthetic_findings

from sqs_analysis.report import selection, sentences


@pytest.fixture(scope="module")
def seeds(seed_tables):
    return seed_tables


def row(tables, inspection_id: str) -> pd.Series:
    return selection.require_inspection(tables, inspection_id)


def test_rate_sentence_st_helens(seeds):
    assert sentences.rate_sentence(row(seeds, SH)) == (
        "St Helens' published reoffending rate was 46.2% (April 2012 to March 2013 cohort), "
        "10.1 percentage points above the England and Wales average of 36.1% for the same cohort."
    )


def test_rate_sentence_somerset(seeds):
    assert sentences.rate_sentence(row(seeds, SO)) == (
        "Somerset's published reoffending rate was 32.3% (July 2013 to June 2014 cohort), "
        "5.5 percentage points below the England and Wales average of 37.8% for the same cohort."
    )


def test_previous_year_sentences(seeds):
    assert sentences.previous_year_sentence(row(seeds, SH)) == (
        "Compared with the previous year, the report says the rate was 3% worse."
    )
    assert sentences.previous_year_sentence(row(seeds, SO)) == (
        "Compared with the previous year, the report says the rate was better; "
        "it does not give the size of the change."
    )


def test_sample_sentences(seeds):
    assert sentences.sample_sentence(row(seeds, SH)) == (
        "Inspectors examined 14 cases. With 14 cases, one case moves a proportion by about 7 "
        "percentage points."
    )
    assert sentences.sample_sentence(row(seeds, SO)) == (
        "Inspectors examined 20 cases; none were custody cases, so the findings describe "
        "community cases only. With 20 cases, one case moves a proportion by about 5 "
        "percentage points."
    )


def test_summary_intro_and_order(seeds):
    paras = sentences.inspection_summary(seeds, SH)
    assert paras[0] == (
        "HM Inspectorate of Probation screened youth offending work in St Helens "
        "(fieldwork 15 to 17 June 2015) and published its report on 8 July 2015."
    )
    assert paras[1].startswith("St Helens' published reoffending rate was 46.2%")
    assert paras[1].endswith("the report says the rate was 3% worse.")
    assert paras[2].startswith("Inspectors examined 14 cases.")
    assert sentences.inspection_summary(seeds, SO)[0].endswith(
        "(fieldwork 9 to 11 May 2016) and published its report on 8 June 2016."
    )


def test_missing_values_say_not_stated(seeds):
    blank = row(seeds, SH).copy()
    for col in ("reoffending_rate_pct", "ew_average_pct", "rate_gap_pct_points",
                "reoffending_vs_previous_year", "reoffending_change_stated", "cases_examined"):  # fmt: skip
        blank[col] = pd.NA
    assert sentences.rate_sentence(blank) == (
        "St Helens' published reoffending rate is not stated in the report."
    )
    assert sentences.previous_year_sentence(blank) == (
        "The report does not state how the rate compared with the previous year."
    )
    assert sentences.sample_sentence(blank) == "The number of cases examined is not stated."
    half = row(seeds, SO).copy()
    half["ew_average_pct"] = pd.NA
    half["rate_gap_pct_points"] = pd.NA
    assert sentences.rate_sentence(half).endswith(
        "the England and Wales average for comparison is not stated."
    )


def test_themes_sentence_names_strongest_only_on_enough_evidence():
    # 39/42 = 93% (Wilson 81% to 98%) against 15/33 = 45% (29% to 62%): a clear difference.
    assert sentences.themes_sentence(ranked_findings()) == (
        "Among counted findings, the strongest theme was ensuring the sentence is served "
        "(39 of 42 cases (93%) over 3 counted findings) and the weakest was protecting the "
        "public (15 of 33 cases (45%) over 3 counted findings); their 95% intervals do not "
        "overlap."
    )
    thin = (
        "The evidence is too thin to say which theme was strongest. That needs at least 3 "
        "counted findings in each theme and a clear difference between them."
    )
    # One finding per theme (and the shortfall "in two cases" is not pooled): too thin.
    assert sentences.themes_sentence(synthetic_findings()) == thin
    # Three counted findings each, but 36/42 against 30/38 overlap: too thin.
    close = ranked_findings(public=((10, 13), (10, 12), (10, 13)))
    assert sentences.themes_sentence(close) == thin
    # Two counted findings on one side: too thin, however different.
    assert sentences.themes_sentence(ranked_findings(public=((0, 20), (1, 20)))) == thin
    assert sentences.themes_sentence(synthetic_findings().iloc[:0]) == (
        "The report gives no quantified findings to rank its themes by."
    )


def test_small_denominator_caveat():
    assert sentences.small_denominator_caveat(synthetic_findings()) == (
        "Caution: 1 quantified finding rests on fewer than 10 cases (paragraph 3.2). One case "
        "moves it by more than 10 percentage points."
    )
    assert sentences.small_denominator_caveat(synthetic_findings().iloc[[0, 2]]) == ""


def test_seed_findings_sentences(seeds):
    """On the seeds: too thin to rank, and Somerset's '7 of 9' (paragraph 2.3) is caveated."""
    for iid in (SH, SO):
        # Neither seed has three counted findings in any two themes: no ranking is claimed.
        text = sentences.themes_sentence(selection.inspection_findings(seeds, iid))
        assert text.startswith("The evidence is too thin to say which theme was strongest.")
    somerset = sentences.inspection_summary(seeds, SO)
    assert somerset[-1].startswith("Caution: ")
    assert somerset[-1] == (
        "Caution: 4 quantified findings rest on fewer than 10 cases (paragraphs 1.2, 1.3 and "
        "2.3). One case moves each of them by more than 10 percentage points."
    )
    assert not sentences.small_denominator_caveat(
        selection.inspection_findings(seeds, SH)[lambda d: d["paragraph_id"] == "2.4"]
    )


def test_comparison_sentences(seeds):
    paras = sentences.comparison_summary(seeds)
    assert paras[0] == (
        "This comparison covers 2 Short Quality Screening reports, published between "
        "8 July 2015 and 8 June 2016."
    )
    assert paras[1] == (
        "Of 2 inspections, 1 reported a rate above its cohort's England and Wales average and 1 "
        "a rate below it. The largest gap above average was St Helens (+10.1 points); the "
        "largest below was Somerset (\u22125.5 points). Each rate describes a different cohort, "
        "so compare each with its own average, not the rates with each other."
    )
    assert paras[2] == "Inspectors examined 34 cases in total, between 14 and 20 per inspection."
    assert (
        sentences.comparison_sample_sentence(seeds, [SO])
        == "Inspectors examined 20 cases in total."
    )


def test_comparison_themes_sentence():
    jt = pd.DataFrame(
        {
            "inspection_id": [SH, SO, SO, SH],
            "kind": ["strength", "strength", "improvement", "improvement"],
            "position": [1, 2, 1, 3],
            "theme": [
                "planning",
                "planning",
                "management_oversight",
                "emotional_and_mental_health",
            ],
            "matched": ["plan"] * 4,
        }
    )
    ins = pd.DataFrame({"inspection_id": [SH, SO]})
    tables = types.SimpleNamespace(inspections=ins, judgement_themes=jt)
    assert sentences.comparison_themes_sentence(tables) == (
        "The most common theme among key strengths was planning (2 of 2 inspections). The most "
        "common themes among areas for improvement were emotional and mental health and "
        "management oversight (1 of 2 inspections)."
    )
    # More than three names: three are named and the rest counted.
    assert sentences.name_some(["a", "b", "c", "d", "e"], "other theme") == (
        "a, b, c and 2 other themes"
    )
    assert sentences.name_some(["a", "b", "c"]) == "a, b and c"
