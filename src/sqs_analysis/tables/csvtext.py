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
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

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
    """``frame`` as CSV bytes written by polars, or None when only pandas writes it as it does.

    The cells are made ready in pandas: each polars operation first used maps more of its
    library into memory, so polars only converts the table and writes it.
    """
    if frame.shape[1] < 2 or not all(isinstance(c, str) and c.isidentifier() for c in frame):
        return None
    ready = {}
    for name in frame.columns:
        column = _column(frame[name])
        if column is None:
            return None
        ready[name] = column
    pl = _polars()

    try:
        table = pl.from_pandas(pd_frame(ready, len(frame)), include_index=False)
    except Exception:  # a column polars cannot take: pandas writes the table
        return None
    buffer = io.BytesIO()
    table.write_csv(
        buffer,
        separator=",",
        line_terminator="\n",
        quote_style="necessary",
        null_value="",
        date_format="%Y-%m-%d",
        datetime_format="%Y-%m-%d",
    )
    return buffer.getvalue()


def _polars() -> Any:
    """polars, its allocator giving memory back at once (it would keep ~35 MB for a while).

    The setting is read when polars loads, so only a process that has not yet imported polars
    takes it; a setting of the user's own is kept.
    """
    import os

    os.environ.setdefault("_RJEM_MALLOC_CONF", "dirty_decay_ms:0,muzzy_decay_ms:0")
    import polars

    return polars


def pd_frame(columns: dict[str, pd.Series], rows: int) -> pd.DataFrame:
    """The columns as one frame (``rows`` long, a range index)."""
    import pandas as pd

    return pd.DataFrame(columns, index=pd.RangeIndex(rows))


def _column(column: pd.Series) -> pd.Series | None:
    """The column as polars should write it, or None when pandas must write the table."""
    import numpy as np
    import pandas as pd

    column = column.reset_index(drop=True)
    dtype = column.dtype
    if isinstance(dtype, pd.StringDtype):
        carriage = column.str.contains("\r", regex=False, na=False)
        if carriage.any():
            quoted = column.str.contains('[\n,"]', regex=True, na=False)
            if (carriage & ~quoted).any():
                return None  # a carriage return in a cell pandas would not quote otherwise
        return column.mask(column == "")  # pandas writes an empty string as a missing value
    if isinstance(dtype, pd.BooleanDtype):
        return column.map({True: "True", False: "False"}).astype(object)
    if isinstance(dtype, pd.Float64Dtype) or dtype == np.float64:
        values = column.to_numpy(dtype=np.float64, na_value=np.nan)
        present = values[~column.isna().to_numpy()]
        if np.isnan(present).any():
            return None
        size = np.abs(present)
        awkward = ((size < _SMALLEST_PLAIN) & (size != 0)) | (size >= _LARGEST_PLAIN)
        if not awkward.any():
            return column
        # as Python (and so pandas) writes each: repr is the shortest text that reads back
        return pd.Series([None if pd.isna(x) else repr(float(x)) for x in column], dtype=object)
    if isinstance(dtype, pd.Int64Dtype) or dtype == np.int64:
        return column
    if pd.api.types.is_datetime64_dtype(dtype):  # not one with a time zone
        return column
    return None
