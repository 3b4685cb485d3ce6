"""Tables built by ``frames`` (no pandera) equal pandera's validated frames and break its rules."""

from __future__ import annotations

import sys

import pandas as pd
import pytest
from conftest import RAW, ROOT

from sqs_analysis.extract.ingest import find_reports
from sqs_analysis.tables import build, frames, schemas
from sqs_analysis.tables.pipeline import parse_paths


def _pandera(name: str, rows: list[dict]) -> pd.DataFrame:
    """What the suite built before: the rows as pandas reads them, validated by pandera."""
    return schemas.SCHEMAS[name].validate(
        pd.DataFrame(rows, columns=list(schemas.TABLES[name].columns))
    )


def _fast(name: str, rows: list[dict]) -> pd.DataFrame:
    return frames.table_frame(name, frames.columns_of(name, rows))


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import synth

    raw = tmp_path_factory.mktemp("synthetic")
    synth.generate(8, raw)
    return parse_paths([*find_reports(RAW), *find_reports(raw)]).reports


@pytest.mark.parametrize("name", list(build.ROWS))
def test_a_table_equals_the_one_pandera_validates(reports, name):
    rows = build.ROWS[name](reports)
    pd.testing.assert_frame_equal(_fast(name, rows), _pandera(name, rows), check_exact=True)
    pd.testing.assert_frame_equal(_fast(name, []), _pandera(name, []), check_exact=True)


def test_missing_values_everywhere_they_may_be_are_typed_as_pandera_types_them(reports):
    first, second = build.inspections_rows(reports[:2])
    nullable = [c for c, spec in schemas.TABLES["inspections"].columns.items() if spec.nullable]
    rows = [{**first, **dict.fromkeys(nullable)}, second]
    pd.testing.assert_frame_equal(_fast("inspections", rows), _pandera("inspections", rows))
    quality = [{"source_file": "a.md", "inspection_id": None, "severity": "error",
                "field": "file", "message": "empty file"}]  # fmt: skip
    pd.testing.assert_frame_equal(_fast("quality", quality), _pandera("quality", quality))


BAD = [
    ("inspections", "service", "XYZ"),  # isin
    ("inspections", "reoffending_rate_pct", 100.5),  # in_range
    ("inspections", "cases_examined", -1),  # ge
    ("inspections", "inspection_id", "Not An Id"),  # str_matches
    ("inspections", "source_sha256", None),  # not nullable
    ("inspections", "cohort_start", "2014-13"),
    ("paragraphs", "section", "other"),
    ("judgements", "position", 0),
    ("findings", "proportion", 1.5),
]


@pytest.mark.parametrize(("name", "column", "value"), BAD)
def test_a_value_pandera_refuses_is_refused(reports, name, column, value):
    import pandera.errors

    rows = build.ROWS[name](reports[:1])
    rows[0] = {**rows[0], column: value}
    with pytest.raises(pandera.errors.SchemaError):
        _pandera(name, rows)
    with pytest.raises(frames.TableError, match=column):
        _fast(name, rows)


def test_a_pattern_means_what_it_means_to_pandera(reports):
    """A text check is pandas' own ``str.match``, as pandera's: the same on a trailing newline."""
    rows = build.inspections_rows(reports[:1])
    rows[0] = {**rows[0], "inspection_id": rows[0]["inspection_id"] + "\n"}
    pd.testing.assert_frame_equal(_fast("inspections", rows), _pandera("inspections", rows))


def test_a_repeated_inspection_and_other_columns_are_refused(reports):
    rows = build.inspections_rows(reports[:1]) * 2
    with pytest.raises(frames.TableError, match="not unique"):
        _fast("inspections", rows)
    with pytest.raises(frames.TableError, match="columns"):
        frames.table_frame("contacts", {"inspection_id": []})
