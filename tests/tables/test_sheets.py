"""The workbook's sheets: every table equal to its CSV, the dictionary, safe text, same bytes.

Each check opens the file with openpyxl and reads real values back; the seeds are extracted once
per module, into a folder that a test changing tables copies first.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
import zipfile
from pathlib import Path

import numpy as np
import openpyxl
import openpyxl.writer.excel
import pandas as pd
import pytest
from conftest import SO

from sqs_analysis.config import WORKBOOK_NAME
from sqs_analysis.tables import dictionary, schemas, sheets, workbook

SHEETS = [*schemas.SCHEMAS, dictionary.SHEET]


@pytest.fixture(scope="module")
def book(workbook_seeds) -> openpyxl.Workbook:
    return openpyxl.load_workbook(workbook_seeds / WORKBOOK_NAME)


def _tables(folder: Path) -> dict[str, pd.DataFrame]:
    from sqs_analysis import read_tables

    return dict(read_tables(folder).items())


def _expected(text: str, kind: str) -> object:
    """A CSV cell's text as the value the workbook must hold for a column of this kind."""
    if text == "":
        return None
    if kind == "integer":
        return int(text)
    if kind == "number":
        return float(text)
    if kind == "true/false":
        return {"True": True, "False": False}[text]
    if kind == "date":
        return dt.datetime.fromisoformat(text)
    return text


def _same(cell, want: object, kind: str) -> bool:
    got = cell.value
    if want is None or got is None:
        return got is None and want is None
    if kind == "number":  # openpyxl writes 16 significant digits ("%.16g")
        return isinstance(got, int | float) and got == pytest.approx(want, rel=1e-15, abs=0)
    if kind == "date":
        return cell.is_date and got == want
    return type(got) is type(want) and got == want


# ------------------------------------------------------------------------------- the sheets


def test_the_sheets_are_the_tables_in_schema_order_then_the_dictionary(book):
    assert book.sheetnames == SHEETS


@pytest.mark.parametrize("name", list(schemas.SCHEMAS))
def test_every_sheet_equals_its_csv_table_cell_by_cell(workbook_seeds, book, name):
    csv = pd.read_csv(workbook_seeds / f"{name}.csv", dtype=str, keep_default_na=False)
    kinds = {c: dictionary.kind(col.dtype) for c, col in schemas.SCHEMAS[name].columns.items()}
    rows = list(book[name].iter_rows())
    assert [c.value for c in rows[0]] == list(csv.columns)
    assert len(rows) == len(csv) + 1
    for r, (row, (_, want)) in enumerate(zip(rows[1:], csv.iterrows(), strict=True), 2):
        for cell, column in zip(row, csv.columns, strict=True):
            expected = _expected(want[column], kinds[column])
            assert _same(cell, expected, kinds[column]), (name, r, column, cell.value, expected)


def test_the_seed_values_are_real_excel_values(book):
    ws = book["inspections"]
    head = [c.value for c in ws[1]]
    somerset = {h: c for h, c in zip(head, ws[2], strict=True)}
    assert somerset["inspection_id"].value == SO
    assert somerset["publication_date"].value == dt.datetime(2016, 6, 8)
    assert somerset["publication_date"].is_date
    assert somerset["publication_date"].number_format == sheets.DATE_FORMAT
    assert somerset["cases_examined"].value == 20 and somerset["cases_examined"].data_type == "n"
    assert somerset["reoffending_rate_pct"].value == 32.3
    assert somerset["rate_gap_pct_points"].value == pytest.approx(-5.5)
    findings = book["findings"]
    six_reports = next(r for r in findings.iter_rows(values_only=True) if r[3] == "six reports")
    head = [c.value for c in findings[1]]
    assert six_reports[head.index("numerator")] == 6
    assert six_reports[head.index("denominator")] is None  # missing: an empty cell, not "nan"


def test_every_sheet_has_a_frozen_bold_filtered_header_and_widths_from_content(book):
    for name in SHEETS:
        ws = book[name]
        assert ws.freeze_panes == "A2", name
        assert all(c.font.b for c in ws[1]), name
        assert ws.auto_filter.ref == f"A1:{ws.cell(1, ws.max_column).column_letter}{ws.max_row}"
        for cells in ws.iter_cols():
            heading, values = cells[0].value, [c.value for c in cells[1:] if c.value is not None]
            width = ws.column_dimensions[cells[0].column_letter].width
            assert len(heading) + 2 < width <= sheets.MAX_WIDTH, (name, heading)
            if values and all(isinstance(v, str) for v in values):
                longest = max(len(v) for v in values)
                want = min(max(longest, len(heading) + 2) + 2, sheets.MAX_WIDTH)
                assert width == want, (name, heading)
    assert book["inspections"].column_dimensions["A"].width == len("st-helens-2015-07") + 2


def test_long_text_wraps_in_a_column_capped_at_the_widest(book):
    ws = book["paragraphs"]
    text = next(c for c in ws[1] if c.value == "text").column_letter
    assert ws.column_dimensions[text].width == sheets.MAX_WIDTH
    long_cell = ws[f"{text}2"]
    assert len(long_cell.value) > sheets.MAX_WIDTH and long_cell.alignment.wrap_text
    short = ws["A2"]
    assert not short.alignment.wrap_text


def test_the_dictionary_sheet_has_one_row_per_schema_column_with_its_title_and_words(book):
    rows = list(book[dictionary.SHEET].iter_rows(values_only=True))
    assert rows[0] == dictionary.HEADINGS
    expected = [
        (table, column, col.title, dictionary.kind(col.dtype), "yes" if col.nullable else "no",
         col.description)
        for table, schema in schemas.SCHEMAS.items()
        for column, col in schema.columns.items()
    ]  # fmt: skip
    assert rows[1:] == expected
    gap = next(r for r in rows if r[1] == "rate_gap_pct_points")
    assert gap[2:5] == ("Gap to average", "number", "yes")
    assert gap[5].startswith("Reoffending rate minus")


# ------------------------------------------------------------------------------ hostile text


FORMULA_LIKE = [
    '=HYPERLINK("http://example.com","click")',
    "=1+1",
    "+44 1234 567890",
    "-2",
    "@SUM(A1:A9)",
    "#N/A",
    "=",
]


def test_report_text_that_looks_like_a_formula_stays_text(workbook_data, tmp_path):
    tables = _tables(workbook_data)
    paragraphs = tables["paragraphs"].copy()
    paragraphs.loc[: len(FORMULA_LIKE) - 1, "text"] = FORMULA_LIKE
    tables["paragraphs"] = paragraphs
    inspections = tables["inspections"].copy()
    inspections.loc[0, "area"] = "=cmd|' /C calc'!A0"
    tables["inspections"] = inspections
    path = tmp_path / "hostile.xlsx"
    workbook.write(tables, path, {})
    book = openpyxl.load_workbook(path)
    cells = [book["paragraphs"].cell(row, 5) for row in range(2, 2 + len(FORMULA_LIKE))]
    assert [c.value for c in cells] == FORMULA_LIKE
    assert [c.data_type for c in cells] == ["s"] * len(FORMULA_LIKE)
    area = book["inspections"]["B2"]
    assert (area.value, area.data_type) == ("=cmd|' /C calc'!A0", "s")
    with zipfile.ZipFile(path) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/")]
        assert not any(b"<f>" in archive.read(n) or b"<f " in archive.read(n) for n in sheets)
        assert all(b't="e"' not in archive.read(n) for n in sheets)  # "#N/A" is not an error


def test_characters_a_workbook_cannot_hold_are_removed_with_a_warning(
    workbook_data, tmp_path, caplog
):
    tables = _tables(workbook_data)
    judgements = tables["judgements"].copy()
    judgements.loc[0, "text"] = "Bell\x07 and\x1b escape\x00 kept apart"
    tables["judgements"] = judgements
    path = tmp_path / "control.xlsx"
    with caplog.at_level(logging.WARNING, logger="sqs_analysis.tables.sheets"):
        workbook.write(tables, path, {})
    assert openpyxl.load_workbook(path)["judgements"]["D2"].value == "Bell and escape kept apart"
    assert "judgements.text: removed control characters" in caplog.text
    assert "1 cell(s)" in caplog.text


def test_text_longer_than_a_cell_holds_is_cut_with_a_warning(tmp_path, caplog):
    huge = "x" * (sheets.MAX_CELL_TEXT + 10)
    fits = "y" * sheets.MAX_CELL_TEXT
    frame = pd.DataFrame(
        {"text": pd.array([huge, fits, None], dtype="string"), "n": pd.array([1, 2, 3], "Int64")}
    )
    wb = openpyxl.Workbook(write_only=True)
    with caplog.at_level(logging.WARNING, logger="sqs_analysis.tables.sheets"):
        sheets.write_sheet(wb, "t", frame)
    wb.save(tmp_path / "t.xlsx")
    rows = list(openpyxl.load_workbook(tmp_path / "t.xlsx")["t"].iter_rows(values_only=True))
    assert rows[1] == ("x" * (sheets.MAX_CELL_TEXT - 1) + "…", 1)
    assert rows[2:] == [(fits, 2), (None, 3)]
    assert "t.text: cut 1 cell(s) to the 32767 characters" in caplog.text


def test_missing_values_of_every_kind_are_empty_cells(tmp_path):
    frame = pd.DataFrame(
        {
            "when": pd.to_datetime(["2015-07-14", None]),
            "count": pd.array([3, None], dtype="Int64"),
            "share": pd.array([0.25, None], dtype="Float64"),
            "nan": [np.nan, 1.5],
            "flag": pd.array([True, None], dtype="boolean"),
            "words": pd.array(["a", None], dtype="string"),
        }
    )
    wb = openpyxl.Workbook(write_only=True)
    sheets.write_sheet(wb, "t", frame)
    wb.save(tmp_path / "t.xlsx")
    rows = list(openpyxl.load_workbook(tmp_path / "t.xlsx")["t"].iter_rows(values_only=True))
    assert rows[1] == (dt.datetime(2015, 7, 14), 3, 0.25, None, True, "a")
    assert rows[2] == (None, None, None, 1.5, None, None)


def test_a_time_of_day_is_kept_not_cut_to_the_date(tmp_path):
    frame = pd.DataFrame({"at": pd.to_datetime(["2015-07-14 09:30", "2015-07-15 00:00"])})
    wb = openpyxl.Workbook(write_only=True)
    sheets.write_sheet(wb, "t", frame)
    wb.save(tmp_path / "t.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "t.xlsx")["t"]
    assert ws["A2"].value == dt.datetime(2015, 7, 14, 9, 30) and ws["A2"].is_date
    assert ws["A2"].number_format == sheets.DATETIME_FORMAT


# ---------------------------------------------------------------------------------- same bytes


def test_the_same_tables_give_the_same_bytes_whatever_the_clock(workbook_data, monkeypatch):
    tables = _tables(workbook_data)
    first = sheets.workbook_bytes(tables, {"k": "v"})

    class Later:  # openpyxl stamps the save time from datetime.now(), zip entries from time.time()
        timezone = dt.timezone

        class datetime:
            @staticmethod
            def now(tz=None):
                return dt.datetime(2031, 5, 6, 7, 8, 9, tzinfo=tz)

    monkeypatch.setattr(openpyxl.writer.excel, "datetime", Later)
    monkeypatch.setattr(time, "time", lambda: 1_950_000_000.0)
    second = sheets.workbook_bytes(tables, {"k": "v"})
    assert first == second
    assert (workbook_data / WORKBOOK_NAME).read_bytes() == sheets.workbook_bytes(
        tables, workbook.stored_properties(workbook_data / WORKBOOK_NAME)
    )
    with zipfile.ZipFile(workbook_data / WORKBOOK_NAME) as archive:
        assert {i.date_time for i in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = archive.read("docProps/core.xml")
    assert core.count(b"1980-01-01T00:00:00Z") == 2  # created and modified
