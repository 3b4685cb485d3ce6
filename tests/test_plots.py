"""Charts on the seed reports: the message in the title, the data, the alt text, determinism."""

from __future__ import annotations

import dataclasses
import types

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from conftest import SH, SO, synthetic_findings

from sqs_analysis import plots


@pytest.fixture(scope="module")
def seeds(seed_tables):
    return seed_tables


def judgement_themes() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "inspection_id": [SH, SH, SO, SO, SO],
            "kind": ["strength", "improvement", "strength", "improvement", "improvement"],
            "position": [4, 3, 1, 2, 3],
            "theme": [
                "planning",
                "emotional_and_mental_health",
                "reports",
                "planning",
                "management_oversight",
            ],  # fmt: skip
            "matched": ["plan"] * 5,
        }
    )


def test_rate_vs_average_states_the_gap(seeds):
    chart = plots.rate_vs_average(seeds, SH)
    assert chart.title == (
        "St Helens' reoffending rate was 10.1 points above its cohort's England and Wales average"
    )
    assert chart.data["percent"].tolist() == [46.2, 36.1]
    assert "46.2%" in chart.alt_text and "36.1%" in chart.alt_text
    assert "April 2012 to March 2013" in chart.alt_text
    somerset = plots.rate_vs_average(seeds, SO)
    assert somerset.title == (
        "Somerset's reoffending rate was 5.5 points below its cohort's England and Wales average"
    )
    assert somerset.data["percent"].tolist() == [32.3, 37.8]


def test_rate_vs_average_copes_with_missing_rate(seeds):
    ins = seeds.inspections.copy()
    ins.loc[ins["inspection_id"] == SH, "reoffending_rate_pct"] = pd.NA
    chart = plots.rate_vs_average(types.SimpleNamespace(inspections=ins), SH)
    assert "not stated" in chart.title
    assert chart.data["percent"].isna().tolist() == [True, False]


def test_rate_gaps_are_against_each_cohort(seeds):
    chart = plots.rate_gaps(seeds)
    assert chart.title == (
        "St Helens 10.1 points above; Somerset 5.5 points below their cohorts' England and Wales "
        "averages"
    )
    d = chart.data
    assert d["inspection_id"].tolist() == [SH, SO]  # largest gap first
    assert d["gap_pct_points"].tolist() == [10.1, -5.5]
    assert d["ew_average_pct"].tolist() == [36.1, 37.8]  # every rate travels with its average
    assert "+10.1 points" in chart.alt_text and "\u22125.5 points" in chart.alt_text


def test_case_samples(seeds):
    chart = plots.case_samples(seeds)
    assert chart.title == ("Inspectors examined between 14 and 20 cases per service: small samples")
    assert dict(zip(chart.data["area"], chart.data["cases_examined"], strict=True)) == {
        "St Helens": 14,
        "Somerset": 20,
    }
    assert "St Helens: 14" in chart.alt_text and "Somerset: 20" in chart.alt_text
    assert plots.case_samples(seeds, [SO]).title == "Inspectors examined 20 cases in Somerset"


def test_findings_by_theme_synthetic():
    tables = types.SimpleNamespace(
        inspections=pd.DataFrame({"inspection_id": [SH]}), findings=synthetic_findings()
    )
    chart = plots.findings_by_theme(tables, SH)
    assert chart.title == (
        "Ensuring the sentence is served scored best (93% of cases met the standard on average); "
        "protecting the public worst (64%)"
    )
    assert chart.data["paragraph_id"].tolist() == ["2.4", "3.2", "4.3"]  # report theme order
    assert chart.data["cases_met"].tolist() == [7, 6, 13]
    assert "7 of 11 cases (64%), 95% interval 35% to 85%" in chart.alt_text


def test_findings_by_theme_seeds(seeds):
    chart = plots.findings_by_theme(seeds, SO)
    d = chart.data
    assert not d.empty and set(d["inspection_id"]) == {SO}
    row = d[(d["paragraph_id"] == "2.3") & (d["denominator"] == 9)].iloc[0]
    assert row["cases_met"] == 7
    assert row["ci_low"] < row["share_met"] < row["ci_high"]
    assert "paragraph 2.3" in chart.alt_text
    both = plots.findings_by_theme(seeds)
    assert set(both.data["inspection_id"]) == {SH, SO}


def test_findings_by_theme_summarises_many_inspections():
    """Five inspections: one dot per inspection and theme, not one row per finding."""
    ids = [f"area-{k}-2016-01" for k in range(5)]
    frames = []
    for k, iid in enumerate(ids):
        f = synthetic_findings().assign(inspection_id=iid)
        f.loc[0, ["numerator", "proportion"]] = [k + 5, (k + 5) / 11]
        frames.append(f)
    tables = types.SimpleNamespace(
        inspections=pd.DataFrame({"inspection_id": ids}), findings=pd.concat(frames)
    )
    chart = plots.findings_by_theme(tables)
    assert chart.title == (
        "Ensuring the sentence is served scored best (93% of cases met the standard on average); "
        "protecting the public worst (64%)"
    )
    d = chart.data
    assert list(d.columns) == [
        "theme", "inspection_id", "findings", "counted_findings", "mean_share_met",
    ]  # fmt: skip
    assert len(d) == 15 and d["theme"].iloc[0] == "protecting_the_public"
    public = d[d["theme"] == "protecting_the_public"]
    assert public["mean_share_met"].tolist() == [round((k + 5) / 11, 3) for k in range(5)]
    child = d[d["theme"] == "protecting_the_child"]
    assert child["mean_share_met"].tolist() == [0.75] * 5  # 2 of 8 not met: 6 of 8 met
    assert (d["findings"] == 1).all() and (d["counted_findings"] == 1).all()
    assert "Protecting the public: 5 inspections, averages from 45% to 82%" in chart.alt_text
    assert chart.figure.get_size_inches()[1] < 5  # does not grow with the number of findings
    detailed = plots.findings_by_theme(tables, detail=True)
    assert len(detailed.data) == 15 and "quote" in detailed.data
    assert plots.findings_by_theme(tables, ids[:4]).data["quote"].notna().all()


def test_theme_grid():
    tables = types.SimpleNamespace(
        inspections=pd.DataFrame({"inspection_id": [SH, SO]}), judgement_themes=judgement_themes()
    )
    chart = plots.theme_grid(tables)
    assert chart.title == (
        "Strengths most often concerned planning and reports; improvements most often emotional "
        "and mental health, management oversight and planning"
    )
    d = chart.data.set_index(["theme", "inspection_id"])
    assert d.loc[("planning", SH), "strengths"] == 1
    assert d.loc[("planning", SO), "improvements"] == 1
    assert d.loc[("reports", SH), "strengths"] == 0  # zero cells are explicit
    assert "somerset-2016-06, planning: 0 strengths, 1 improvement" in chart.alt_text


def test_theme_grid_runs_inspections_down_the_page_when_there_are_many():
    ids = [f"area-{k}-2016-01" for k in range(6)]
    jt = pd.concat([judgement_themes().assign(inspection_id=i) for i in ids], ignore_index=True)
    tables = types.SimpleNamespace(
        inspections=pd.DataFrame({"inspection_id": ids}), judgement_themes=jt
    )
    chart = plots.theme_grid(tables)
    ax = chart.figure.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ids[::-1]
    assert [t.get_text() for t in ax.get_xticklabels()][:2] == [
        "Emotional and mental health", "Management oversight",
    ]  # fmt: skip
    assert chart.figure.get_size_inches()[0] < 10  # width follows the themes, not inspections
    d = chart.data.set_index(["theme", "inspection_id"])
    assert d.loc[("planning", ids[5]), "strengths"] == 1
    assert d.loc[("planning", ids[5]), "improvements"] == 1
    assert len(chart.data) == 6 * chart.data["theme"].nunique()
    few = plots.theme_grid(tables, ids[:2]).figure.axes[0]
    assert [t.get_text() for t in few.get_xticklabels()] == ids[:2]


def test_empty_inputs_give_a_chart_that_says_so(seeds):
    bare = dataclasses.replace(
        seeds, findings=seeds.findings.iloc[0:0], judgement_themes=seeds.judgement_themes.iloc[0:0]
    )
    grid = plots.theme_grid(bare)
    assert grid.title.startswith("No themes have been assigned")
    assert grid.data.empty and "Nothing to show" in grid.alt_text
    assert plots.findings_by_theme(bare).title == "No quantified findings to chart"
    assert "No rows" in grid.to_html()


def test_html_has_alt_text_and_data_table(seeds):
    page = plots.rate_vs_average(seeds, SH).to_html()
    assert page.count("<img ") == 1
    assert 'alt="Bar chart. St Helens: 46.2% reoffending;' in page
    assert "<table" in page and "46.2" in page
    assert 'src="data:image/svg+xml;base64,' in page
    samples = plots.case_samples(seeds).to_html()
    assert "&lt;NA&gt;" not in samples and "not stated" in samples  # St Helens' custody flag


def test_output_is_deterministic_and_not_left_in_pyplot(seeds):
    plt.close("all")
    first = plots.rate_gaps(seeds).to_bytes("svg")
    second = plots.rate_gaps(seeds).to_bytes("svg")
    assert first == second
    assert plots.case_samples(seeds).to_bytes("png") == plots.case_samples(seeds).to_bytes("png")
    assert plt.get_fignums() == []  # figures are not registered with pyplot
    assert b"<dc:date>" not in first
