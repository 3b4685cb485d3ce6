"""The tables as the sheets of one Excel workbook, streamed, and the same bytes every time.

One sheet per table, in :data:`~sqs_analysis.tables.schemas.SCHEMAS` order and named for it, then
the data dictionary (:func:`sqs_analysis.tables.dictionary.rows`: each column's title, type and
meaning, the words of the markdown page). Each sheet has a bold, frozen header with an
autofilter, and columns as wide as their content up to :data:`MAX_WIDTH` (longer text wraps).
Values keep their kind: dates are Excel dates, integers are integers, numbers are numbers (to
the 16 significant digits openpyxl writes, one more than Excel shows), true/false are booleans
and a missing value is an empty cell, never ``nan`` or ``<NA>``.

Report text is data, never an instruction to Excel: text that openpyxl would store as a formula
(``=...``) or an error value (``#N/A``) is stored as text, as all other text is (so ``+``, ``-``
and ``@`` at the start are harmless). Rather than fail the whole file, control characters a
workbook cannot hold are removed and text longer than a cell holds is cut, each with a warning.

The sheets are streamed with openpyxl's write-only mode (a fraction of the memory and time of
building every cell first), and the file is byte-deterministic: its document properties carry a
fixed time and every zip entry a fixed timestamp, so the same tables give the same bytes.
:mod:`sqs_analysis.tables.workbook` decides when to write it, and replaces the file atomically.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import logging
import zipfile
from collections.abc import Mapping
from typing import TYPE_CHECKING, TypeAlias

import numpy as np
import pandas as pd
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES, ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.packaging.custom import StringProperty
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.xml.functions import tostring

from sqs_analysis.tables import dictionary, schemas

if TYPE_CHECKING:
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

#: What a cell of a table holds, as openpyxl writes it (None: an empty cell).
Value: TypeAlias = str | int | float | bool | dt.date | None
#: What a row is appended as: a bare value, or a cell that carries a format or a type.
Entry: TypeAlias = Value | Cell

log = logging.getLogger(__name__)

#: Widest column, in characters; longer text wraps in its cell.
MAX_WIDTH = 60
#: The most characters an Excel cell holds (Excel asks to repair a file with more).
MAX_CELL_TEXT = 32_767
#: Excel's General format shows a number in at most about this many characters.
_NUMBER_WIDTH = 12
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm:ss"

#: The document's created and modified time and every zip entry's, so that the same tables give
#: the same bytes (zip times start in 1980).
FIXED_TIME = dt.datetime(1980, 1, 1)
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_CORE = "docProps/core.xml"

_BOLD = Font(bold=True)
_WRAP = Alignment(wrap_text=True, vertical="top")


# --------------------------------------------------------------------------------- cell values


def _plain_values(series: pd.Series) -> list[Value]:
    """Integers and booleans as Python values, missing as None (an empty cell)."""
    return series.astype(object).where(series.notna(), None).tolist()


def _float_values(series: pd.Series) -> list[Value]:
    """Numbers as floats; missing, NaN and infinity (which a cell cannot hold) as None."""
    numbers = series.to_numpy(dtype=float, na_value=np.nan)
    return [float(v) if np.isfinite(v) else None for v in numbers]


def _date_values(series: pd.Series) -> list[Value]:
    """Dates as ``datetime.date``; as datetimes when any has a time of day, so none is lost."""
    present = series.dropna()
    with_time = bool((present != present.dt.normalize()).any())
    return [
        None if pd.isna(v) else (v.to_pydatetime() if with_time else v.date())
        for v in series.astype(object)
    ]


def _text_values(series: pd.Series, where: str) -> list[Value]:
    """Text as str, missing as None, made to fit a cell rather than fail the whole workbook.

    Control characters, which a workbook cannot hold, are removed; text longer than a cell
    holds is cut, ending in an ellipsis (the CSV and Parquet tables keep it whole). Each says so
    in a warning naming the column (``where``).
    """
    text = series.astype("string")
    illegal = text.str.contains(ILLEGAL_CHARACTERS_RE, na=False)
    if illegal.any():
        log.warning(
            "%s: removed control characters a workbook cannot hold from %d cell(s)",
            where, int(illegal.sum()),
        )  # fmt: skip
        text = text.str.replace(ILLEGAL_CHARACTERS_RE, "", regex=True)
    long = text.str.len() > MAX_CELL_TEXT
    if long.any():
        log.warning(
            "%s: cut %d cell(s) to the %d characters an Excel cell holds",
            where, int(long.sum()), MAX_CELL_TEXT,
        )  # fmt: skip
        text = text.where(~long.fillna(False), text.str.slice(0, MAX_CELL_TEXT - 1) + "…")
    return _plain_values(text)


def cell_values(series: pd.Series, where: str = "") -> list[Value]:
    """A column as the Python values openpyxl writes as their kind; None for every missing value.

    The kind is the data dictionary's (:func:`~sqs_analysis.tables.dictionary.kind`); ``where``
    names the column in warnings.
    """
    kind = dictionary.kind(series.dtype)
    if kind == "date":
        return _date_values(series)
    if kind == "number":
        return _float_values(series)
    if kind in ("integer", "true/false"):
        return _plain_values(series)
    return _text_values(series, where)


# ---------------------------------------------------------------------------------------- sheets


def _width(heading: str, kind: str, values: list[Value]) -> int:
    """A column's width in characters: its longest value or heading as shown, up to the cap."""
    if kind == "date":
        has_time = any(isinstance(v, dt.datetime) for v in values)
        longest = len(DATETIME_FORMAT) if has_time else len(DATE_FORMAT)
    else:
        longest = max((len(str(v)) for v in values if v is not None), default=0)
        if kind == "number":
            longest = min(longest, _NUMBER_WIDTH)
    return min(max(longest, len(heading) + 2) + 2, MAX_WIDTH)  # + 2: the filter's arrow


def _text_cell(ws: WriteOnlyWorksheet, value: str) -> Cell:
    """A cell holding ``value`` as text whatever it looks like, wrapped when it is long."""
    cell = WriteOnlyCell(ws, value=value)
    cell.data_type = "s"  # "=1+1" would be a formula and "#N/A" an error: keep the report's text
    if len(value) > MAX_WIDTH:
        cell.alignment = _WRAP
    return cell


def _text_cells(ws: WriteOnlyWorksheet, values: list[Value]) -> list[Entry]:
    """Text values; a cell object where a bare string would not stay plain, unwrapped text."""
    return [
        _text_cell(ws, v)
        if v is not None and (v.startswith("=") or v in ERROR_CODES or len(v) > MAX_WIDTH)
        else v
        for v in values
    ]


def _date_cells(ws: WriteOnlyWorksheet, values: list[Value]) -> list[Entry]:
    """Dates as cells with an ISO date format (as in the CSV tables); missing as None."""
    cells: list[Entry] = []
    for value in values:
        cell = None
        if value is not None:
            cell = WriteOnlyCell(ws, value=value)
            cell.number_format = DATETIME_FORMAT if isinstance(value, dt.datetime) else DATE_FORMAT
        cells.append(cell)
    return cells


def _cells(ws: WriteOnlyWorksheet, kind: str, values: list[Value]) -> list[Entry]:
    """What to append for a column's values: numbers and booleans as they are."""
    if kind == "date":
        return _date_cells(ws, values)
    if kind == "text":
        return _text_cells(ws, values)
    return values


def _header(ws: WriteOnlyWorksheet, headings: list[str]) -> list[Cell]:
    """The header row: bold text cells."""
    cells = []
    for heading in headings:
        cell = _text_cell(ws, heading)
        cell.font = _BOLD
        cells.append(cell)
    return cells


def write_sheet(wb: Workbook, name: str, frame: pd.DataFrame) -> None:
    """Append ``frame`` to ``wb`` as the sheet ``name``: frozen bold header, filter, widths.

    Everything about the sheet is set before its first row, as write-only mode requires.
    """
    ws = wb.create_sheet(title=name)
    headings = [str(h) for h in frame.columns]
    columns = []
    for index, heading in enumerate(headings, 1):
        kind = dictionary.kind(frame[heading].dtype)
        values = cell_values(frame[heading], f"{name}.{heading}")
        ws.column_dimensions[get_column_letter(index)].width = _width(heading, kind, values)
        columns.append(_cells(ws, kind, values))
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(max(len(headings), 1))}{len(frame) + 1}"
    ws.append(_header(ws, headings))
    for row in zip(*columns, strict=True):
        ws.append(row)


def dictionary_frame() -> pd.DataFrame:
    """The data dictionary as a table: one row per column of every table."""
    rows = list(dictionary.rows())
    return pd.DataFrame(rows, columns=list(dictionary.HEADINGS), dtype="string")


# -------------------------------------------------------------------------------------- the file


def _fixed_times(raw: bytes, core: bytes) -> bytes:
    """The workbook's zip again with a fixed time on every entry and the given core properties.

    openpyxl stamps the save time on the modified property and on each zip entry; nothing else
    in the file varies between two saves of the same tables.
    """
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(raw)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=_ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, core if info.filename == _CORE else source.read(info))
    return out.getvalue()


def _abandon(wb: Workbook) -> None:
    """Close the sheets of a workbook that will not be saved, so that nothing writes to them later.

    Left open, each sheet's row stream is closed when it is collected, after its temporary file,
    and Python reports an error for it. openpyxl removes the temporary files when Python exits.
    """
    for ws in wb.worksheets:
        with contextlib.suppress(Exception):
            if not ws.closed:
                ws.close()


def workbook_bytes(tables: Mapping[str, pd.DataFrame], properties: Mapping[str, str]) -> bytes:
    """The workbook of ``tables`` (every table of the schemas), the same bytes every time.

    ``properties`` become custom document properties (name -> text).
    """
    wb = Workbook(write_only=True)
    wb.properties.creator = "sqs-analysis"
    wb.properties.created = wb.properties.modified = FIXED_TIME
    for name, value in properties.items():
        wb.custom_doc_props.append(StringProperty(name=name, value=value))
    buffer = io.BytesIO()
    try:
        for name in schemas.SCHEMAS:
            write_sheet(wb, name, tables[name])
        write_sheet(wb, dictionary.SHEET, dictionary_frame())
        wb.save(buffer)  # sets the modified time to now: the fixed one goes back below
    except BaseException:
        _abandon(wb)
        raise
    wb.properties.modified = FIXED_TIME
    return _fixed_times(buffer.getvalue(), tostring(wb.properties.to_tree()))
