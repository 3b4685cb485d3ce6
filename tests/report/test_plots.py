"""Charts on the seed reports: the message in the title, the data, the alt text, determinism."""

from __future__ import annotations

import dataclasses
import types
from xml.sax.saxutils import escape as xml_escape

import matplotlib as mpl
import matplotlib.pyplot as plt
import pandas as pd
import pytest
from conftest import SH, SO, synthetic_findings
from hypothesis import given, settings
from hypothesis import strategies as st

from sqs_analysis.report import narrative as nr
from sqs_analysis.report import plots
from sqs_analysis.report.inert import escape


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


# --------------------------------------------------------------------------- report text is inert

#: Report text matplotlib would read as maths or markup unless it is made inert.
HOSTILE = [
    r"Money $\frac$ Town",  # raises while drawing when read as maths
    "Cost $5 and $10 Town",  # italics when read as maths
    r"Price \$4 Town",  # an escaped dollar: drawn with its backslash
    "Square $x^2$ Town",
    "Under _sub_ Town",
    "Back \\ slash \\\\ Town {braces} ^",
]


def hostile_tables(seeds, text: str) -> dict[str, object]:
    """Tables with ``text`` wherever report text reaches a chart: the area, a finding's aspect
    and theme, a judgement theme and (in the tables built here) the inspection id."""
    ins = seeds.inspections.copy()
    ins.loc[ins["inspection_id"] == SH, "area"] = text

    def findings(iid: str) -> pd.DataFrame:
        f = synthetic_findings().assign(inspection_id=iid, aspect=text)
        f.loc[0, "theme"] = text
        return f

    def themed(ids: list[str]) -> types.SimpleNamespace:
        jt = judgement_themes().assign(theme=lambda d: d["theme"].where(d.index != 0, text))
        return types.SimpleNamespace(
            inspections=pd.DataFrame({"inspection_id": ids}),
            findings=pd.concat([findings(i) for i in ids], ignore_index=True),
            judgement_themes=pd.concat(
                [jt.assign(inspection_id=i) for i in ids], ignore_index=True
            ),
        )

    return {
        "named": dataclasses.replace(seeds, inspections=ins),
        "unstated": dataclasses.replace(seeds, inspections=ins.assign(reoffending_rate_pct=pd.NA)),
        "two": themed([text, SO]),
        "many": themed([f"{text} {k}" for k in range(plots.DETAIL_MAX_INSPECTIONS + 1)]),
    }


#: Every chart function (and each of its layouts), drawn from :func:`hostile_tables`.
CHARTS = {
    "rate_vs_average": lambda t: plots.rate_vs_average(t["named"], SH),
    "rate_vs_average, not stated": lambda t: plots.rate_vs_average(t["unstated"], SH),
    "rate_gaps": lambda t: plots.rate_gaps(t["named"]),
    "case_samples": lambda t: plots.case_samples(t["named"]),
    "case_samples, one": lambda t: plots.case_samples(t["named"], [SH]),
    "findings_by_theme": lambda t: plots.findings_by_theme(t["two"]),
    "findings_by_theme, overview": lambda t: plots.findings_by_theme(t["many"]),
    "theme_grid": lambda t: plots.theme_grid(t["two"]),
    "theme_grid, down the page": lambda t: plots.theme_grid(t["many"]),
}


def every_chart(seeds, text: str) -> dict[str, plots.Chart]:
    tables = hostile_tables(seeds, text)
    return {name: make(tables) for name, make in CHARTS.items()}


def _drawn_text(chart: plots.Chart) -> list[mpl.text.Text]:
    """The figure's Text artists as last drawn (tick labels are rewritten at each draw)."""
    return [t for t in chart.figure.findobj(mpl.text.Text) if t.get_visible() and t.get_text()]


@pytest.mark.parametrize("text", HOSTILE)
def test_report_text_is_drawn_as_typed(seeds, text, monkeypatch):
    # Text in the SVG stays text (not glyph paths), so what was drawn can be read back.
    monkeypatch.setitem(plots.DETERMINISTIC_RC, "svg.fonttype", "none")
    charts = every_chart(seeds, text)
    for name, chart in charts.items():
        chart.to_bytes("png")
        svg = chart.to_bytes("svg").decode("utf-8")  # a second save: nothing escaped twice
        for t in _drawn_text(chart):
            assert not mpl.cbook.is_math_text(t.get_text()), (name, t.get_text())
            assert t.get_parse_math() and not t.get_usetex(), (name, t.get_text())
        if name not in ("rate_vs_average, not stated", "findings_by_theme, overview"):
            # a tick label (a run of glyphs each positioned, had it been read as maths)
            assert f">{xml_escape(text)}" in svg, name
    overview = charts["findings_by_theme, overview"].to_bytes("svg").decode("utf-8")
    assert xml_escape(nr.theme_label(text)) in overview
    # The chart's own title, alt text and data keep the text as it is, unescaped.
    rate = charts["rate_vs_average"]
    assert rate.title.startswith(nr.possessive(text) + " reoffending rate")
    assert f"Bar chart. {text}: 46.2%" in rate.alt_text
    assert rate.data["measure"].iloc[0] == f"{text} reoffending rate"
    assert charts["case_samples, one"].title.endswith(f"cases in {text}")
    # The figure itself holds the escaped form, which matplotlib draws as the text.
    ticks = charts["findings_by_theme"].figure.axes[0].get_yticklabels()
    assert any(t.get_text().endswith(escape(f"[{text}]")) for t in ticks)


# The same draws on every run (derandomize): CI's verdict does not depend on luck.
@settings(max_examples=30, deadline=None, derandomize=True)
@given(
    text=st.text(alphabet="$\\^_{}ab ", min_size=1, max_size=14),
    chart=st.sampled_from(sorted(CHARTS)),
)
def test_any_report_text_draws(seeds, text, chart):
    CHARTS[chart](hostile_tables(seeds, text)).to_bytes("svg")


@given(text=st.text(alphabet=st.sampled_from("$\\^_{}a \n"), max_size=30))
def test_escape_is_never_maths_and_draws_back_to_the_text(text):
    escaped = escape(text)
    assert not mpl.cbook.is_math_text(escaped)
    assert escaped.replace("\\$", "$") == text  # what matplotlib does to plain text


def test_charts_ignore_a_local_matplotlibrc_asking_for_tex_or_plain_dollars(seeds):
    """No TeX here, so a text drawn with usetex would raise; parse_math off would draw ``\\$``."""
    plain = {name: c.to_bytes("svg") for name, c in every_chart(seeds, HOSTILE[1]).items()}
    local = {"text.usetex": True, "text.parse_math": False, "axes.formatter.use_mathtext": True}
    with mpl.rc_context(local):
        made = {name: c.to_bytes("svg") for name, c in every_chart(seeds, HOSTILE[1]).items()}
    assert made == plain
