"""The tables built from the seeds: real values, validated schemas, one row per observation."""

from __future__ import annotations

import pandas as pd
import pandera.errors
import pytest

from sqs_analysis.errors import ReportParseError
from sqs_analysis.tables import schemas
from sqs_analysis.tables.pipeline import ParseRun, build_tables


def test_inspections_rows(seed_tables):
    ins = seed_tables.inspections.set_index("inspection_id")
    assert list(ins.index) == ["somerset-2016-06", "st-helens-2015-07"]
    sh, so = ins.loc["st-helens-2015-07"], ins.loc["somerset-2016-06"]
    assert (sh.reoffending_rate_pct, sh.ew_average_pct, sh.rate_gap_pct_points) == (
        46.2,
        36.1,
        10.1,
    )
    assert (so.reoffending_rate_pct, so.ew_average_pct, so.rate_gap_pct_points) == (
        32.3,
        37.8,
        -5.5,
    )
    assert (sh.cases_examined, so.cases_examined) == (14, 20)
    assert pd.isna(sh.custody_cases_included) and not so.custody_cases_included
    assert sh.publication_date == pd.Timestamp("2015-07-08")
    assert (so.fieldwork_start, so.fieldwork_end) == (
        pd.Timestamp("2016-05-09"),
        pd.Timestamp("2016-05-11"),
    )
    assert (sh.n_paragraphs, sh.n_strengths, sh.n_improvements) == (20, 5, 3)
    assert (so.n_paragraphs, so.n_strengths, so.n_improvements) == (16, 5, 3)
    assert (sh.nation, so.nation) == ("England", "England")
    assert so.nation_evidence.startswith("area: Somerset; copy list: Ofsted")
    assert so.source_file == "somerset-2016-06.md"
    assert sh.source_sha256 == "0254a91584d2c8f4896b59338ad7c44a8ac97e6aaf495093a7475e69faee21d7"


def test_paragraphs_judgements_contacts_are_long(seed_tables):
    para = seed_tables.paragraphs
    assert len(para) == 20 + 16 + 2
    sh = para[para.inspection_id == "st-helens-2015-07"]
    assert sh.groupby("section_no").size().to_dict() == {1: 5, 2: 5, 3: 6, 4: 4}
    om = para[para.paragraph_id == "operational-management"]
    assert om.section.tolist() == ["operational_management"] * 2 and om.section_no.isna().all()
    j = seed_tables.judgements
    assert j.groupby(["inspection_id", "kind"]).size().to_dict() == {
        ("somerset-2016-06", "improvement"): 3,
        ("somerset-2016-06", "strength"): 5,
        ("st-helens-2015-07", "improvement"): 3,
        ("st-helens-2015-07", "strength"): 5,
    }
    c = seed_tables.contacts
    assert c[c.inspection_id == "somerset-2016-06"].position.tolist() == list(range(1, 23))
    assert seed_tables.quality.empty


def test_quality_rows_for_refused_and_incomplete_reports():
    from conftest import DATA

    from sqs_analysis.extract.parse import parse_file

    run = ParseRun(
        reports=[parse_file(DATA / "newtown-2016-05.md")],
        errors=[ReportParseError("/raw/bad.md", "empty file")],
    )
    q = build_tables(run).quality
    assert q.source_file.tolist() == ["bad.md", "newtown-2016-05.md"]
    assert q.field.tolist() == ["file", "reoffending_rate_pct"]
    assert q.message.tolist() == ["empty file", "no published reoffending rate stated"]
    assert q.severity.tolist() == ["error", "warning"]
    assert pd.isna(q.inspection_id.iloc[0]) and q.inspection_id.iloc[1] == "newtown-2016-05"


def test_schemas_reject_bad_values(seed_tables):
    bad = seed_tables.inspections.copy()
    bad.loc[0, "service"] = "XYZ"
    with pytest.raises(pandera.errors.SchemaError):
        schemas.inspections.validate(bad)
    bad = seed_tables.paragraphs.copy()
    bad.loc[0, "section"] = "other"
    with pytest.raises(pandera.errors.SchemaError):
        schemas.paragraphs.validate(bad)


def test_counts_are_empty_when_the_section_is_missing_and_zero_only_when_it_is_empty():
    from conftest import DATA

    from sqs_analysis.extract.parse import parse_file, parse_text

    text = (DATA / "telford-and-wrekin-2014-05.md").read_text(encoding="utf-8")
    start, end = text.index("• Assessments of risk"), text.index("If you have any questions")
    no_improvements = parse_text(text[:start] + text[end:], source_file="t.md", sha256="0" * 64)
    cut_off = parse_file(DATA / "riverside-2017-01.md")
    tables = build_tables(ParseRun([cut_off, no_improvements], []))
    ins = tables.inspections.set_index("inspection_id")
    riverside, telford = ins.loc["riverside-2017-01"], ins.loc["telford-and-wrekin-2014-05"]
    assert pd.isna(riverside.n_paragraphs) and pd.isna(riverside.n_strengths)
    assert pd.isna(riverside.n_improvements)
    assert (telford.n_paragraphs, telford.n_strengths, telford.n_improvements) == (6, 2, 0)
