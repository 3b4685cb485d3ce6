"""The CSV tables are written by polars with exactly the bytes pandas' ``to_csv`` writes."""

from __future__ import annotations

import math
import sys

import pandas as pd
import pytest
from conftest import ROOT
from hypothesis import given, settings
from hypothesis import strategies as st

from sqs_analysis.tables import csvtext
from sqs_analysis.tables.pipeline import extract_folder


@pytest.fixture(scope="module")
def synthetic_tables(tmp_path_factory):
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import synth

    raw = tmp_path_factory.mktemp("synthetic")
    synth.generate(12, raw)
    return extract_folder(raw)[1]


def _same(frame: pd.DataFrame, *, fast: bool = True) -> None:
    """Both writers give the same bytes; ``fast``: polars wrote them (no fallback to pandas)."""
    expected = csvtext.pandas_csv_bytes(frame)
    assert csvtext.csv_bytes(frame) == expected
    written = csvtext.polars_csv_bytes(frame)
    if fast:
        assert written == expected
    else:
        assert written is None


def test_the_seed_tables_are_written_by_polars_byte_for_byte(seed_tables):
    for _name, frame in seed_tables.items():
        _same(frame)


def test_synthetic_tables_are_written_by_polars_byte_for_byte(synthetic_tables):
    for _name, frame in synthetic_tables.items():
        _same(frame)


AWKWARD_TEXT = [
    "", " ", "a,b", 'say "hi"', "line\nbreak", "crlf\r\nx", "tab\tx", " lead", "trail ",
    "é ü ∑ 漢", "'quote'", "#hash", "a;b", "\u2028sep", "\x00nul", 'multi,\n"all"', "\\back",
    "\ufeffbom", "NA", "None", "nan",
]  # fmt: skip


def test_awkward_cells_are_written_as_pandas_writes_them():
    n = len(AWKWARD_TEXT)
    # 2.7756e-17: float noise in a Wilson bound of 0 of n, which Python writes with an exponent
    floats = [
        0.0,
        -0.0,
        1.0,
        6.0,
        0.1,
        1 / 3,
        1e-4,
        9.99e-5,
        2.7756e-17,
        1e15,
        1e16,
        -9.5,
        math.inf,
    ]
    frame = pd.DataFrame(
        {
            "text": pd.array([*AWKWARD_TEXT, None], dtype="string"),
            "count": pd.array([*range(-2, n - 2), None], dtype="Int64"),
            "share": pd.array([*(floats * 2)[:n], None], dtype="Float64"),
            "flag": pd.array([*([True, False, None] * n)[:n], None], dtype="boolean"),
            "day": pd.to_datetime([*(["2016-01-02", None, "1999-12-31"] * n)[:n], None]),
        }
    )
    _same(frame)
    _same(frame[["text", "count"]].iloc[:3])
    _same(frame.iloc[:0])  # an empty table: its header only


def test_what_polars_writes_otherwise_is_left_to_pandas():
    carriage = pd.DataFrame({"text": pd.array(["cr\rhere"], dtype="string"), "n": [1]})
    _same(carriage, fast=False)  # pandas does not quote a lone carriage return; polars does
    _same(pd.DataFrame({"text": pd.array(["", None], dtype="string")}), fast=False)
    zero = pd.array([0.0, 1.0], dtype="Float64")
    nan = pd.DataFrame({"x": zero / zero, "n": [1, 2]})  # 0/0: pandas may keep a NaN apart
    assert csvtext.csv_bytes(nan) == csvtext.pandas_csv_bytes(nan)
    _same(pd.DataFrame({"x": [object(), 1], "n": [1, 2]}).astype({"x": str}))


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.one_of(st.none(), st.text(max_size=8)),
            st.one_of(st.none(), st.floats(allow_nan=False)),
            st.one_of(st.none(), st.integers(-(2**62), 2**62)),
        ),
        max_size=12,
    )
)
def test_any_cells_are_written_as_pandas_writes_them(rows):
    frame = pd.DataFrame(
        {
            "text": pd.array([r[0] for r in rows], dtype="string"),
            "share": pd.array([r[1] for r in rows], dtype="Float64"),
            "count": pd.array([r[2] for r in rows], dtype="Int64"),
        }
    )
    assert csvtext.csv_bytes(frame) == csvtext.pandas_csv_bytes(frame)
