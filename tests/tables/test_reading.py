"""Reading a checked set of tables: validated once (when written), read once per process."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

from sqs_analysis.errors import TablesNotReady
from sqs_analysis.tables import pipeline, reading, schemas, tableset
from sqs_analysis.tables.spec import Column


def _sha(folder, name: str) -> str:
    return tableset.check(folder).tables[f"{name}.parquet"]


@pytest.mark.parametrize("name", list(schemas.SCHEMAS))
def test_a_trusted_read_is_the_validated_read(workbook_seeds, name):
    """Skipping the validation of this version's tables changes no value and no dtype."""
    sha = _sha(workbook_seeds, name)
    trusted = reading.read_table(workbook_seeds, name, sha, trusted=True)
    validated = reading.read_table(workbook_seeds, name, sha, trusted=False)
    pd.testing.assert_frame_equal(trusted, validated, check_exact=True)
    assert trusted.dtypes.astype(str).tolist() == validated.dtypes.astype(str).tolist()


def test_tables_of_this_version_are_not_validated_again(workbook_seeds, monkeypatch):
    calls = []
    monkeypatch.setattr(reading, "_validate", lambda folder, name, frame: calls.append(name))
    reading._read.cache_clear()
    tables = pipeline.read_tables(workbook_seeds)
    assert calls == []
    assert sorted(tables.inspections.inspection_id) == ["somerset-2016-06", "st-helens-2015-07"]


def test_tables_of_another_version_are_validated(workbook_seeds, monkeypatch):
    calls = []

    def validate(folder, name, frame):
        calls.append(name)
        return frame

    monkeypatch.setattr(reading, "_validate", validate)
    monkeypatch.setattr(pipeline, "code_version", lambda: "an-older-version")
    reading._read.cache_clear()
    pipeline.read_tables(workbook_seeds)
    assert calls == list(schemas.SCHEMAS)
    reading._read.cache_clear()


def test_a_second_read_is_an_independent_copy(workbook_seeds):
    """One notebook changing its tables in place never changes what the next one reads."""
    first = pipeline.read_tables(workbook_seeds)
    before = first.inspections["cases_examined"].tolist()
    first.inspections.loc[0, "cases_examined"] = 999
    first.findings["extra"] = 1
    second = pipeline.read_tables(workbook_seeds)
    assert second.inspections is not first.inspections
    assert second.inspections["cases_examined"].tolist() == before
    assert "extra" not in second.findings.columns


def test_a_file_that_changed_while_read_is_refused(workbook_seeds):
    with pytest.raises(TablesNotReady, match=r"findings\.parquet changed while it was read"):
        reading.read_table(workbook_seeds, "findings", "0" * 64, trusted=True)


def test_other_columns_are_refused_even_when_trusted(workbook_seeds, monkeypatch):
    """This version's code with another version's schema (an upgrade) says to rebuild."""
    contacts = schemas.TABLES["contacts"]
    newer = dataclasses.replace(
        contacts, columns={**contacts.columns, "new_column": Column("string")}
    )
    sha = _sha(workbook_seeds, "contacts")
    reading.read_table(workbook_seeds, "contacts", sha, trusted=True)  # read (and kept) first
    monkeypatch.setitem(schemas.TABLES, "contacts", newer)
    with pytest.raises(TablesNotReady, match=r"contacts\.parquet .*missing \['new_column'\]"):
        reading.read_table(workbook_seeds, "contacts", sha, trusted=True)
