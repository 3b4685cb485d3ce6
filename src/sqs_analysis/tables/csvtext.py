"""A table as CSV bytes: written by polars, byte for byte what pandas' ``to_csv`` writes.

pandas formats each cell in Python (about 0.8 s for the tables of 1,000 reports); polars writes the
same bytes about ten times faster. They agree on every cell of the suite's column types except
these, which are dealt with before polars writes or by handing the table to pandas:

- booleans: pandas writes ``True``/``False``, polars ``true``/``false`` (written as text here);
- an empty string: pandas writes nothing, as for a missing value, polars ``""`` (made missing);
- a text holding a carriage return and no line feed, comma or quote: pandas leaves it unquoted,
  polars quotes it (pandas writes the table);
- a float that Python writes with an exponent (``1e-05``, ``2.7756e-17``, ``1e+16``): polars
  writes ``0.00001``, so such a column is written as Python's ``repr`` of each value, which is
  what pandas writes (a NaN, as against a missing value: pandas writes the table);
- a table of one column (pandas quotes a row's only empty cell), with names that need quoting, or
  with a column of another type (time zones, categories, objects).

``tests/tables/test_csvtext.py`` compares the two writers on the suite's tables and on cells
made to be awkward (quotes, commas, line breaks, missing values, dates, floats of every size).
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd
    import polars as pl

#: Python writes a float with an exponent below this magnitude (0 apart) ...
_SMALLEST_PLAIN = 1e-4
#: ... and from this one.
_LARGEST_PLAIN = 1e16


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """``frame`` as CSV bytes, the same as :func:`pandas_csv_bytes` gives."""
    fast = polars_csv_bytes(frame)
    return fast if fast is not None else pandas_csv_bytes(frame)


def pandas_csv_bytes(frame: pd.DataFrame) -> bytes:
    """The reference: how the suite has always written its tables."""
    return frame.to_csv(index=False, lineterminator="\n", date_format="%Y-%m-%d").encode("utf-8")


def polars_csv_bytes(frame: pd.DataFrame) -> bytes | None:
    """``frame`` as CSV bytes written by polars, or None when only pandas writes it as it does."""
    if frame.shape[1] < 2 or not all(isinstance(c, str) and c.isidentifier() for c in frame):
        return None
    import polars as pl

    try:
        table = pl.from_pandas(frame, include_index=False)
    except Exception:  # a column polars cannot take: pandas writes the table
        return None
    columns = []
    for name, dtype in table.schema.items():
        column = _column(table.get_column(name), dtype)
        if column is None:
            return None
        columns.append(column)
    buffer = io.BytesIO()
    pl.DataFrame(columns).write_csv(
        buffer,
        separator=",",
        line_terminator="\n",
        quote_style="necessary",
        null_value="",
        date_format="%Y-%m-%d",
        datetime_format="%Y-%m-%d",
    )
    return buffer.getvalue()


def _column(column: pl.Series, dtype: pl.DataType) -> pl.Series | None:
    """The column as polars should write it, or None when pandas must write the table."""
    import polars as pl

    if dtype == pl.String:
        lone = column.str.contains("\r", literal=True) & ~column.str.contains('[\n,"]')
        if lone.any():  # a carriage return in a cell pandas would not quote otherwise
            return None
        return column.replace("", None)
    if dtype == pl.Boolean:
        return column.replace_strict({True: "True", False: "False"}, return_dtype=pl.String)
    if dtype.is_float():
        if column.is_nan().any():
            return None
        size = column.abs()
        awkward = ((size < _SMALLEST_PLAIN) & (size != 0)) | (size >= _LARGEST_PLAIN)
        if not awkward.any():
            return column
        # as Python (and so pandas) writes each: repr is the shortest text that reads back
        return pl.Series(
            column.name, [None if x is None else repr(x) for x in column.to_list()], pl.String
        )
    if dtype.is_integer() or dtype == pl.Date:
        return column
    if isinstance(dtype, pl.Datetime) and dtype.time_zone is None:
        return column
    return None
