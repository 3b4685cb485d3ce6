"""The tables ``extract`` writes: each built once from its columns, typed and checked by its schema.

A table's rows arrive as lists of values, one list per column (:func:`columns_of` turns row dicts
into them). :func:`table_frame` makes each column the pandas array of its schema's dtype, as
pandera's coercion does, and checks the schema's rules in one vectorised pass over each column:
no missing value where none may be, every check (``isin``, ``in_range``, ``ge``, ``str_matches``,
missing values apart), unique columns, and exactly the schema's columns in its order. The frame
equals what pandera's ``validate`` gives for the same rows (``tests/tables/test_frames.py``), and
pandera is never imported: that alone costs more than the checks.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from sqs_analysis.tables.schemas import TABLES
from sqs_analysis.tables.spec import Check, Column

#: How pandera (and so the suite) stores text: pandas' default string type, missing as NaN from
#: pandas 3 on.
STRING = (
    pd.StringDtype(na_value=np.nan) if int(pd.__version__.split(".")[0]) >= 3 else pd.StringDtype()
)


class TableError(ValueError):
    """A table's values break its schema (a bug: the parser never builds such a row)."""


def columns_of(name: str, rows: Iterable[Mapping[str, object]]) -> dict[str, list[object]]:
    """Row dicts as the table's columns, in schema order (a key a row lacks is a missing value)."""
    rows = rows if isinstance(rows, Sequence) else list(rows)
    return {column: [row.get(column) for row in rows] for column in TABLES[name].columns}


def table_frame(name: str, columns: Mapping[str, Sequence[object]]) -> pd.DataFrame:
    """Table ``name`` from its columns' values, each of its schema's dtype, checked.

    Raises :class:`TableError` naming the first rule broken.
    """
    return checked_frame(name, typed_columns(name, columns))


def typed_columns(name: str, columns: Mapping[str, Sequence[object]]) -> dict[str, Any]:
    """Each column's values as the pandas array of its dtype in table ``name`` (not checked).

    Arrays of parts of a table, concatenated, equal the arrays of the whole.
    """
    table = TABLES[name]
    if list(columns) != list(table.columns):
        raise TableError(f"{name}: columns {list(columns)}, expected {list(table.columns)}")
    return {
        column: typed(values, table.columns[column].dtype) for column, values in columns.items()
    }


def checked_frame(name: str, arrays: Mapping[str, Any]) -> pd.DataFrame:
    """Table ``name`` from its columns as typed arrays (:func:`typed_columns`), checked."""
    table = TABLES[name]
    if list(arrays) != list(table.columns):
        raise TableError(f"{name}: columns {list(arrays)}, expected {list(table.columns)}")
    frame = pd.DataFrame(dict(arrays))
    for column, spec in table.columns.items():
        _check_column(name, column, spec, frame[column])
    for column in table.unique:
        repeated = frame[column][frame[column].duplicated()]
        if len(repeated):
            raise TableError(f"{name}.{column} is not unique: {repeated.head(5).tolist()}")
    return frame


def typed(values: Sequence[object], dtype: str) -> Any:
    """The values as a pandas array of ``dtype``, the way pandera's coercion gives it."""
    if dtype == "string":
        try:
            return pd.array(values, dtype=STRING)
        except (TypeError, ValueError):  # not all text: coerced, as pandera does
            return pd.Series(values, dtype=object).astype(STRING).array
    return pd.Series(values, dtype=object).astype(dtype).array


def _check_column(table: str, column: str, spec: Column, series: pd.Series) -> None:
    missing = series.isna()
    if not spec.nullable and missing.any():
        raise TableError(f"{table}.{column} has {int(missing.sum())} missing value(s)")
    present = series[~missing]
    if present.empty:
        return
    for rule in spec.rules:
        failed = ~_passes(rule, present)
        if failed.any():
            raise TableError(
                f"{table}.{column} fails {rule.kind}{rule.args}: {present[failed].head(5).tolist()}"
            )


def _passes(rule: Check, values: pd.Series) -> np.ndarray:
    """Whether each (present) value meets ``rule``."""
    if rule.kind == "isin":
        return values.isin(rule.args[0]).to_numpy(dtype=bool)
    if rule.kind == "in_range":
        low, high = rule.args
        return ((values >= low) & (values <= high)).to_numpy(dtype=bool)
    if rule.kind == "ge":
        return (values >= rule.args[0]).to_numpy(dtype=bool)
    if rule.kind == "str_matches":
        return values.str.match(rule.args[0], na=False).to_numpy(dtype=bool)  # as pandera does
    raise TableError(f"unknown check {rule.kind}")
