"""One boundary per file: whatever goes wrong with one report refuses that report only."""

from __future__ import annotations

import shutil

import pytest
from conftest import SOMERSET, ST_HELENS

from sqs_analysis.extract.ingest import find_reports
from sqs_analysis.tables import build, pipeline


@pytest.fixture
def raw(tmp_path):
    for seed in (ST_HELENS, SOMERSET):
        shutil.copy(seed, tmp_path / seed.name)
    return tmp_path


def test_an_unexpected_exception_while_parsing_refuses_that_file_only(raw, monkeypatch):
    real = pipeline.parse_file

    def parse(path):
        if "somerset" in str(path):
            raise RecursionError("maximum recursion depth exceeded")
        return real(path)

    monkeypatch.setattr(pipeline, "parse_file", parse)
    run, tables = pipeline.extract(find_reports(raw))
    assert [r.inspection_id for r in run.reports] == ["st-helens-2015-07"]
    assert [(e.path.rsplit("/", 1)[-1], e.reason) for e in run.errors] == [
        (
            "somerset-2016-06.md",
            "internal error while reading it (RecursionError: maximum recursion depth exceeded)",
        )
    ]
    errors = tables.quality[tables.quality.severity == "error"]
    assert errors.source_file.tolist() == ["somerset-2016-06.md"]
    assert tables.inspections.inspection_id.tolist() == ["st-helens-2015-07"]


def test_an_exception_while_building_one_reports_rows_refuses_that_file_only(raw, monkeypatch):
    real = build.ROWS["findings"]

    def rows(reports):
        if any(r.inspection_id == "st-helens-2015-07" for r in reports):
            raise KeyError("boom")
        return real(reports)

    monkeypatch.setitem(build.ROWS, "findings", rows)
    run, tables = pipeline.extract(find_reports(raw))
    assert [e.reason for e in run.errors] == ["internal error building its rows (KeyError)"]
    assert tables.inspections.inspection_id.tolist() == ["somerset-2016-06"]
    assert set(tables.findings.inspection_id) == {"somerset-2016-06"}


def test_tables_of_an_older_version_say_to_rebuild(workbook_seeds, monkeypatch):
    """Tables with other columns than this version's (an upgrade) are not read: rebuild them."""
    import dataclasses

    from sqs_analysis.errors import TablesNotReady
    from sqs_analysis.tables import schemas
    from sqs_analysis.tables.spec import Column

    table = schemas.TABLES["inspections"]
    newer = dataclasses.replace(table, columns={**table.columns, "new_column": Column("string")})
    monkeypatch.setitem(schemas.TABLES, "inspections", newer)
    with pytest.raises(TablesNotReady, match=r"inspections\.parquet does not match this "
                       r"version's tables .*run `make data` to rebuild them"):  # fmt: skip
        pipeline.read_tables(workbook_seeds)
