"""Frames as a reader sees them: human titles and values on the seeds; no machine name anywhere."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from conftest import SH
from corpus_tables import IDS, corpus
from hypothesis import given, settings
from hypothesis import strategies as st

from sqs_analysis.report import compare, display_tables, evidence, narrative, plots, readable
from sqs_analysis.report.charts import funnels
from sqs_analysis.tables import schemas

RAW_FLOAT = re.compile(r"\d\.\d{3,}")
#: Every name a frame the code makes may hold: the tables' columns and the derived ones.
KNOWN = sorted(
    {c for s in schemas.SCHEMAS.values() for c in s.columns}
    | set(readable.DERIVED_TITLES)
    | {n for p in readable.PAIRS for n in (p.first, p.second)}
)


def assert_readable(shown: pd.DataFrame) -> None:
    """No header is a machine name or has an underscore; no cell is a raw float."""
    for heading in shown.columns:
        assert "_" not in heading and heading not in KNOWN, heading
    assert shown.columns.is_unique
    for heading in shown.columns:
        for cell in shown[heading]:
            assert isinstance(cell, str), (heading, cell)
            assert not RAW_FLOAT.search(cell), (heading, cell)


def row(shown: pd.DataFrame, **where: str) -> pd.Series:
    match = shown
    for heading, value in where.items():
        match = match[match[heading] == value]
    assert len(match) == 1, where
    return match.iloc[0]


# ------------------------------------------------------------------------------ the seeds


def test_st_helens_findings_read_as_counts_shares_and_intervals(seed_tables):
    data = plots.findings_by_theme(seed_tables, SH).data
    shown = readable.for_readers(data, one_inspection=True)
    assert_readable(shown)
    assert "Inspection" not in shown and "Area" not in shown
    planning = row(shown, Paragraph="2.4", Quote="in 7 of 11 cases")
    assert planning["Cases meeting the standard"] == "7 of 11"
    assert planning["Share meeting the standard"] == "64%"
    assert planning["95% interval"] == "35% to 85%"
    assert planning["Report section"] == "Protecting the public"
    assert planning["Verdict"] == "met the standard"
    worded = row(shown, Quote="Just over half of the reviews")
    assert worded["Range meeting the standard"] == "50% to 60%"
    assert worded["95% interval"] == "" and worded["Cases meeting the standard"] == ""
    short = row(shown, Quote="in two cases")
    assert (short["Verdict"], short["Cases meeting the standard"]) == ("fell short", "12 of 14")
    assert row(shown, Quote="in two-thirds of all cases")["Cases meeting the standard"] == (
        "not stated (of 14)"
    )
    assert shown["Quote"].tolist() == data["quote"].tolist()  # the rows keep their order


def test_the_inspections_table_in_a_readers_words(seed_tables):
    shown = readable.for_readers(seed_tables.inspections)
    assert_readable(shown)
    st_helens = row(shown, Inspection=SH)
    assert st_helens["Reoffending rate"] == "46.2%"
    assert st_helens["England and Wales average (same cohort)"] == "36.1%"
    assert st_helens["Gap to average"] == "+10.1 points"
    assert st_helens["Published"] == "8 July 2015"
    assert st_helens["Fieldwork"] == "15 to 17 June 2015"
    assert st_helens["Cohort"] == "April 2012 to March 2013"
    assert st_helens["Rate published"] == "January 2015"
    assert st_helens["Custody cases included"] == "not stated"
    assert row(shown, Area="Somerset")["Custody cases included"] == "no"
    assert list(shown.columns[:3]) == ["Inspection", "Area", "Service"]


def test_themes_show_their_labels(seed_tables):
    shown = readable.for_readers(plots.theme_grid(seed_tables).data)
    assert_readable(shown)
    assert "Pre-sentence and panel reports" in set(shown["Theme"])
    assert list(shown.columns) == ["Theme", "Inspection", "Key strengths", "Areas for improvement"]
    tags = readable.for_readers(seed_tables.judgement_themes, one_inspection=True)
    assert {"Risk of harm to others", "Pre-sentence and panel reports"} <= set(tags["Theme"])
    assert set(tags["Strength or improvement"]) == {"Key strength", "Area for improvement"}


def test_every_chart_and_table_of_the_seeds_reads(seed_tables):
    frames = [
        plots.rate_vs_average(seed_tables, SH).data,
        plots.rate_gaps(seed_tables).data,
        plots.case_samples(seed_tables).data,
        plots.findings_by_theme(seed_tables).data,
        plots.findings_by_theme(seed_tables, detail=False).data,
        plots.theme_grid(seed_tables).data,
        plots.gap_over_time(seed_tables).data,
        plots.theme_recurrence_chart(seed_tables).data,
        narrative.nation_table(seed_tables),
        narrative.quality_notes(seed_tables),
        display_tables.table_overview(seed_tables),
        *(getattr(seed_tables, name) for name in schemas.SCHEMAS),
    ]
    for frame in frames:
        assert_readable(readable.for_readers(frame))
    rate = readable.for_readers(plots.rate_vs_average(seed_tables, SH).data)
    assert rate.values.tolist()[0] == [
        "St Helens reoffending rate",
        "46.2%",
        "April 2012 to March 2013",
    ]


def test_every_column_the_report_layer_makes_has_a_title(seed_tables):
    """A new derived column needs its title in ``readable.DERIVED_TITLES`` (this fails if not)."""
    tables = corpus()
    frames = {
        "findings_data": plots.findings_data(tables),
        "findings_overview": plots.findings_by_theme(tables, detail=False).data,
        "funnel_data": compare.funnel_data(tables, "planning"),
        "known_gaps": compare.known_gaps(tables),
        "theme_recurrence": compare.theme_recurrence(tables),
        "nation_table": compare.nation_table(tables),
        "worded_findings": funnels.worded_findings(tables),
        "counted_short": evidence.counted_short(tables.findings),
        "worded": evidence.worded(tables.findings),
        "counted_met": evidence.counted_met(tables.findings),
        "theme_grid_data": plots.theme_grid_data(tables),
        "gap_data": plots.gap_data(seed_tables),
        "sample_data": plots.sample_data(seed_tables),
        "rate_vs_average": plots.rate_vs_average(seed_tables, SH).data,
    }
    for name, frame in frames.items():
        assert set(frame.columns) <= set(readable.titles()), (name, set(frame.columns))


# ------------------------------------------------------------------------------ comparisons


def test_funnel_data_reads_as_counts_limits_and_positions():
    data = funnels.funnel_plot(corpus(), "planning").data
    shown = readable.for_readers(data)
    assert_readable(shown)
    assert list(shown.columns) == [
        "Inspection", "Area", "Paragraph", "Report section", "Aspect", "Quote",
        "Cases meeting the standard", "Share meeting the standard",
        "Pooled share meeting the standard", "99.8% limits", "95% limits", "Where it falls",
    ]  # fmt: skip
    first = shown.iloc[0]
    assert (first["Cases meeting the standard"], first["Pooled share meeting the standard"]) == (
        "7 of 11",
        "69%",
    )
    assert re.fullmatch(r"\d+% to \d+%", first["95% limits"])
    assert set(shown["Where it falls"]) <= set(readable.POSITION_LABELS.values())


def test_recurrence_nations_and_shortfalls_read():
    rec = readable.for_readers(compare.theme_recurrence(corpus()))
    assert_readable(rec)
    assert list(rec.columns) == ["Strength or improvement", "Theme", "Inspections naming it"]
    assert row(rec, Theme="Management oversight")["Inspections naming it"] == "3 of 4"
    nations = readable.for_readers(compare.nation_table(corpus()))
    assert_readable(nations)
    england = row(nations, Nation="England")
    assert england["Gap above average"] == "2 of 2"
    assert england["Median gap to average"] == "+4.0 points"
    worded = readable.for_readers(funnels.worded_findings(corpus()))
    assert list(worded.columns) == ["Inspection", "Paragraph", "Aspect", "As the report states it"]


def test_quality_fields_are_named_as_the_dictionary_titles_them():
    quality = pd.DataFrame(
        {
            "source_file": ["a.md", "a.md", "b.md"],
            "inspection_id": [IDS[0], IDS[0], pd.NA],
            "severity": ["warning", "warning", "error"],
            "field": ["reoffending_rate_pct", "contacts", "file"],
            "message": ["over 100%", "no copy list", "empty file"],
        }
    )
    shown = readable.for_readers(quality)
    assert shown["Part of the report"].tolist() == [
        "Reoffending rate",
        "Copy list",
        "The whole file",
    ]
    assert shown["Inspection"].tolist() == [IDS[0], IDS[0], "not stated"]
    assert list(shown.columns) == [
        "Source file", "Inspection", "Severity", "Part of the report", "Problem",
    ]  # fmt: skip


# ------------------------------------------------------------------------------ the rules


def test_unknown_columns_keep_their_name_in_words_and_their_values_by_kind():
    frame = pd.DataFrame(
        {
            "my_share": [0.636364, None],
            "Already Human": ["E&W", ""],
            "flag": pd.array([True, pd.NA], dtype="boolean"),
            "when": pd.to_datetime(["2015-07-08", None]),
            "n": pd.array([3, pd.NA], dtype="Int64"),
        },
        index=[5, 2],
    )
    shown = readable.for_readers(frame)
    assert list(shown.columns) == ["My share", "Already Human", "Flag", "When", "N"]
    assert shown.loc[5].tolist() == ["0.64", "E&W", "yes", "8 July 2015", "3"]
    assert shown.loc[2].tolist() == ["not stated", "", "not stated", "not stated", "not stated"]
    assert list(shown.index) == [5, 2]


def test_one_inspection_leaves_out_its_id_and_area_and_a_label_its_key():
    frame = pd.DataFrame(
        {"inspection_id": [SH, SH], "area": ["St Helens"] * 2, "theme": ["planning"] * 2,
         "label": ["Planning"] * 2, "inspections": [1, 2]}
    )  # fmt: skip
    assert readable.single_inspection(frame)
    assert not readable.single_inspection(frame.assign(inspection_id=[SH, "x-2016-01"]))
    assert not readable.single_inspection(frame.drop(columns="inspection_id"))
    shown = readable.for_readers(frame, one_inspection=True)
    assert list(shown.columns) == ["Theme", "Inspections"]
    assert list(readable.for_readers(frame).columns) == [
        "Inspection",
        "Area",
        "Theme",
        "Inspections",
    ]


def test_empty_frames_keep_their_titles():
    empty = readable.for_readers(pd.DataFrame(columns=compare.FUNNEL_COLUMNS))
    assert empty.empty and "95% limits" in empty and "Where it falls" in empty
    judgements = readable.for_readers(pd.DataFrame({"position": pd.array([], dtype="Int64")}))
    assert list(judgements.columns) == ["No."]  # a list's order, not a funnel's position
    assert list(readable.for_readers(pd.DataFrame({"position": [1, 2]})).columns) == ["No."]
    assert readable.for_readers(pd.DataFrame()).empty


def test_titles_are_defined_once():
    schema_names = {c for s in schemas.SCHEMAS.values() for c in s.columns}
    assert not schema_names & set(readable.DERIVED_TITLES)
    for name in {*readable.FORMATS, *(n for p in readable.PAIRS for n in (p.first, p.second))}:
        assert name in readable.titles(), name
    for heading in [*readable.titles().values(), *(p.title for p in readable.PAIRS)]:
        assert "_" not in heading and heading not in KNOWN, heading


# ------------------------------------------------------------------------------ any frame

_VALUES = st.one_of(
    st.none(),
    st.floats(allow_infinity=False),
    st.floats(min_value=0, max_value=1),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.booleans(),
    st.text(alphabet="abc _-", max_size=8),
    st.sampled_from(["met", "not_met", "within", "above_95", "planning", "strength",
                     "protecting_the_public", "operational-management", "2015-07-08",
                     "2012-04"]),
    st.datetimes(min_value=pd.Timestamp("1990-01-01"), max_value=pd.Timestamp("2030-01-01")),
)  # fmt: skip


def _column(values: list) -> pd.Series:
    """The values as the dtype a table would give them when they share a kind, else objects."""
    series = pd.Series(values, dtype=object)
    try:
        return series.convert_dtypes()
    except (TypeError, ValueError):
        return series


@settings(max_examples=150, deadline=None, derandomize=True)
@given(
    names=st.lists(st.sampled_from([*KNOWN, "odd_name", "Mixed Case"]), min_size=1, max_size=8),
    rows=st.integers(min_value=0, max_value=4),
    data=st.data(),
    one=st.booleans(),
)
def test_any_frame_of_known_columns_reads(names, rows, data, one):
    columns = {
        name: _column(data.draw(st.lists(_VALUES, min_size=rows, max_size=rows)))
        for name in dict.fromkeys(names)
    }
    frame = pd.DataFrame(columns, index=pd.RangeIndex(rows))
    shown = readable.for_readers(frame, one_inspection=one)
    assert_readable(shown)
    assert list(shown.index) == list(frame.index)
    if one:
        assert not {"Inspection", "Area"} & set(shown.columns)


@pytest.mark.parametrize("value", [float("nan"), pd.NA, None, pd.NaT])
def test_every_missing_value_is_not_stated(value):
    shown = readable.for_readers(
        pd.DataFrame({"share_met": [value], "quote": [value]}, dtype=object)
    )
    assert shown.values.tolist() == [["not stated", "not stated"]]
