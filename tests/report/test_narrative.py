"""Narrative sentences, checked one by one on the two seed reports."""

from __future__ import annotations

import types

import pandas as pd
import pytest
from conftest import SH, SO, synthetic_findings

from sqs_analysis.errors import UnknownInspection
from sqs_analysis.report import narrative as nr


@pytest.fixture(scope="module")
def seeds(seed_tables):
    return seed_tables


def row(tables, inspection_id: str) -> pd.Series:
    return nr.require_inspection(tables, inspection_id)


# --------------------------------------------------------------------------- one inspection


def test_rate_sentence_st_helens(seeds):
    assert nr.rate_sentence(row(seeds, SH)) == (
        "St Helens' published reoffending rate was 46.2% (April 2012 to March 2013 cohort), "
        "10.1 percentage points above the England and Wales average of 36.1% for the same cohort."
    )


def test_rate_sentence_somerset(seeds):
    assert nr.rate_sentence(row(seeds, SO)) == (
        "Somerset's published reoffending rate was 32.3% (July 2013 to June 2014 cohort), "
        "5.5 percentage points below the England and Wales average of 37.8% for the same cohort."
    )


def test_previous_year_sentences(seeds):
    assert nr.previous_year_sentence(row(seeds, SH)) == (
        "Compared with the previous year, the report says the rate was 3% worse."
    )
    assert nr.previous_year_sentence(row(seeds, SO)) == (
        "Compared with the previous year, the report says the rate was better; "
        "it does not give the size of the change."
    )


def test_sample_sentences(seeds):
    assert nr.sample_sentence(row(seeds, SH)) == (
        "Inspectors examined 14 cases. With 14 cases, one case moves a proportion by about 7 "
        "percentage points."
    )
    assert nr.sample_sentence(row(seeds, SO)) == (
        "Inspectors examined 20 cases; none were custody cases, so the findings describe "
        "community cases only. With 20 cases, one case moves a proportion by about 5 "
        "percentage points."
    )


def test_summary_intro_and_order(seeds):
    paras = nr.inspection_summary(seeds, SH)
    assert paras[0] == (
        "HM Inspectorate of Probation screened youth offending work in St Helens "
        "(fieldwork 15 to 17 June 2015) and published its report on 8 July 2015."
    )
    assert paras[1].startswith("St Helens' published reoffending rate was 46.2%")
    assert paras[1].endswith("the report says the rate was 3% worse.")
    assert paras[2].startswith("Inspectors examined 14 cases.")
    assert nr.inspection_summary(seeds, SO)[0].endswith(
        "(fieldwork 9 to 11 May 2016) and published its report on 8 June 2016."
    )


def test_missing_values_say_not_stated(seeds):
    blank = row(seeds, SH).copy()
    for col in ("reoffending_rate_pct", "ew_average_pct", "rate_gap_pct_points",
                "reoffending_vs_previous_year", "reoffending_change_stated", "cases_examined"):  # fmt: skip
        blank[col] = pd.NA
    assert nr.rate_sentence(blank) == (
        "St Helens' published reoffending rate is not stated in the report."
    )
    assert nr.previous_year_sentence(blank) == (
        "The report does not state how the rate compared with the previous year."
    )
    assert nr.sample_sentence(blank) == "The number of cases examined is not stated."
    half = row(seeds, SO).copy()
    half["ew_average_pct"] = pd.NA
    half["rate_gap_pct_points"] = pd.NA
    assert nr.rate_sentence(half).endswith(
        "the England and Wales average for comparison is not stated."
    )


def test_themes_sentence_ranks_share_met():
    # 2/8 not met -> 6/8 = 75% met; 7/11 = 64%; 13/14 = 93%.
    assert nr.themes_sentence(synthetic_findings()) == (
        "Among quantified findings, the strongest theme was ensuring the sentence is served "
        "(on average 93% of applicable cases met the standard, across 1 quantified finding) "
        "and the weakest was protecting the public (on average 64% of applicable cases met the "
        "standard, across 1 quantified finding)."
    )
    assert nr.themes_sentence(synthetic_findings().iloc[:0]) == (
        "The report gives no quantified findings to rank its themes by."
    )


def test_findings_met_flips_not_met_and_uses_range_midpoints():
    f = synthetic_findings()
    worded = f.iloc[[0]].assign(
        proportion=float("nan"), proportion_low=0.5, proportion_high=0.6, numerator=pd.NA,
        ci_low=float("nan"), ci_high=float("nan"),
    )  # fmt: skip
    met = nr.findings_met(pd.concat([f, worded], ignore_index=True))
    flipped = met[met["paragraph_id"] == "3.2"].iloc[0]
    assert flipped["share_met"] == pytest.approx(0.75)
    assert flipped["cases_met"] == 6
    assert (flipped["ci_low"], flipped["ci_high"]) == pytest.approx((0.41, 0.93))
    assert met.iloc[-1]["share_met"] == pytest.approx(0.55)
    assert pd.isna(met.iloc[-1]["cases_met"])


def test_small_denominator_caveat():
    assert nr.small_denominator_caveat(synthetic_findings()) == (
        "Caution: 1 quantified finding rests on fewer than 10 cases (paragraph 3.2: 8 cases), "
        "so one case changes it by more than 10 percentage points."
    )
    assert nr.small_denominator_caveat(synthetic_findings().iloc[[0, 2]]) == ""


def test_seed_findings_sentences(seeds):
    """On the seeds: a ranking is given, and Somerset's '7 of 9' (paragraph 2.3) is caveated."""
    for iid in (SH, SO):
        text = nr.themes_sentence(nr.inspection_findings(seeds, iid))
        assert text.startswith("Among quantified findings, the strongest theme was ")
        assert any(label.lower() in text for label in nr.THEME_LABELS.values())
    somerset = nr.inspection_summary(seeds, SO)
    assert somerset[-1].startswith("Caution: ")
    assert "paragraph 2.3: 9 cases" in somerset[-1]
    assert not nr.small_denominator_caveat(
        nr.inspection_findings(seeds, SH)[lambda d: d["paragraph_id"] == "2.4"]
    )


# --------------------------------------------------------------------------- comparison


def test_comparison_sentences(seeds):
    paras = nr.comparison_summary(seeds)
    assert paras[0] == (
        "This comparison covers 2 Short Quality Screening reports, published between "
        "8 July 2015 and 8 June 2016."
    )
    assert paras[1] == (
        "Of 2 inspections, 1 reported a reoffending rate above its cohort's England and Wales "
        "average (St Helens +10.1 points) and 1 reported a rate below its cohort's average "
        "(Somerset \u22125.5 points). Each rate describes a different cohort, so compare each "
        "with its own average rather than the rates with each other."
    )
    assert paras[2] == "Inspectors examined 34 cases in total, between 14 and 20 per inspection."
    assert nr.comparison_sample_sentence(seeds, [SO]) == "Inspectors examined 20 cases in total."


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
    assert nr.comparison_themes_sentence(tables) == (
        "The most common theme among key strengths was planning (2 of 2 inspections); the most "
        "common theme among areas for improvement was emotional and mental health and "
        "management oversight (1 of 2 inspections)."
    )


def test_unknown_inspection_lists_known_ids(seeds):
    with pytest.raises(UnknownInspection) as err:
        nr.require_inspection(seeds, "nowhere-2020-01")
    assert SH in str(err.value) and SO in str(err.value)
    with pytest.raises(LookupError):
        nr.select_inspections(seeds, [SH, "nowhere-2020-01"])


# --------------------------------------------------------------------------- display tables


def test_headline_figures(seeds):
    figures = dict(nr.headline_figures(seeds, SH).values.tolist())
    assert figures["Reoffending rate"] == "46.2%"
    assert figures["England and Wales average (same cohort)"] == "36.1%"
    assert figures["Gap to average"] == "+10.1 points"
    assert figures["Cases examined"] == "14"
    assert figures["Cohort"] == "April 2012 to March 2013"
    somerset = dict(nr.headline_figures(seeds, SO).values.tolist())
    assert somerset["Gap to average"] == "\u22125.5 points"
    assert somerset["Cases examined"] == "20"


def test_comparison_table(seeds):
    t = nr.comparison_table(seeds).set_index("Inspection")
    assert t.loc[SH, "Rate"] == "46.2%" and t.loc[SH, "E&W average"] == "36.1%"
    assert t.loc[SO, "Rate"] == "32.3%" and t.loc[SO, "E&W average"] == "37.8%"


def test_judgements_with_themes(seeds):
    j = nr.judgements_with_themes(seeds, SH)
    assert list(j["Kind"]) == ["Key strength"] * 5 + ["Area requiring improvement"] * 3
    assert list(j["No."]) == [1, 2, 3, 4, 5, 1, 2, 3]
    assert j.iloc[0]["Text"].startswith("Good quality pre-sentence and panel reports")


def test_data_notes_and_quality(seeds):
    notes = dict(nr.data_notes(seeds, SO).values.tolist())
    assert notes["Source file"].endswith("somerset-2016-06.md")
    assert len(notes["SHA-256 of source file"]) == 64
    assert notes["Lead inspector"] == "Vivienne Clarke"
    assert list(nr.quality_notes(seeds, [SO]).columns)[:3] == [
        "source_file", "inspection_id", "severity",
    ]  # fmt: skip


def test_prose_and_tables_escape_html():
    shown = nr.prose(["<script>alert(1)</script> & more"], heading="A <b>title</b>")
    page = shown._repr_html_()
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "<h2>A &lt;b&gt;title&lt;/b&gt;</h2>" in page
    view = nr.as_table(pd.DataFrame({"x": ["<img src=x>"]}))._repr_html_()
    assert "<img" not in view
    assert nr.as_table(pd.DataFrame(), empty="Nothing here.")._repr_html_() == (
        '<p class="sqs-empty">Nothing here.</p>'
    )


def test_formatters():
    assert nr.fmt_points(10.1) == "+10.1 points"
    assert nr.fmt_points(-5.5) == "\u22125.5 points"
    assert nr.fmt_points(pd.NA) == "not stated"
    assert nr.fmt_month("2013-07") == "July 2013"
    assert nr.possessive("St Helens") == "St Helens'"
    assert nr.possessive("Somerset") == "Somerset's"
    assert nr.theme_label("emotional_and_mental_health") == "Emotional and mental health"
