"""The workbook file: written beside the tables only when they change, whole or not at all.

Covers what :mod:`sqs_analysis.tables.workbook` decides (the table set a workbook shows, the
skip, the rewrite), its atomic write, and ``sqs-analysis workbook`` with its exit codes.
"""

from __future__ import annotations

import errno
import gc
import os
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from conftest import RAW, SO

from sqs_analysis import cli
from sqs_analysis.config import WORKBOOK_NAME
from sqs_analysis.errors import OutputError, TablesNotReady
from sqs_analysis.tables import dictionary, pipeline, schemas, sheets, tableset, workbook

SHEETS = [*schemas.SCHEMAS, dictionary.SHEET]


def test_the_workbook_records_the_table_set_it_shows(workbook_seeds):
    props = workbook.stored_properties(workbook_seeds / WORKBOOK_NAME)
    assert props[workbook.TABLES_PROPERTY] == tableset.check(workbook_seeds).generation
    assert set(props) == {workbook.TABLES_PROPERTY, workbook.CODE_PROPERTY}


def test_a_failed_write_keeps_the_previous_workbook_and_leaves_no_temporary(
    workbook_data, monkeypatch
):
    path = workbook_data / WORKBOOK_NAME
    before = path.read_bytes()

    def disk_full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(OutputError, match="could not write the workbook: No space left"):
        workbook.update(workbook_data, force=True)
    assert path.read_bytes() == before
    assert not [p for p in workbook_data.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.filterwarnings("error::pytest.PytestUnraisableExceptionWarning")
def test_a_failure_while_building_the_sheets_keeps_the_previous_workbook(
    workbook_data, monkeypatch
):
    path = workbook_data / WORKBOOK_NAME
    before = path.read_bytes()
    real, written = sheets.write_sheet, []

    def fails_on_the_third(wb, name, frame):
        if len(written) == 2:
            raise MemoryError("half way")
        written.append(name)
        real(wb, name, frame)

    monkeypatch.setattr(sheets, "write_sheet", fails_on_the_third)
    with pytest.raises(MemoryError):
        workbook.update(workbook_data, force=True)
    assert path.read_bytes() == before and written == ["inspections", "paragraphs"]
    gc.collect()  # the abandoned sheets' streams are closed already: nothing is reported


def test_an_up_to_date_workbook_is_not_written_again_and_new_tables_are(workbook_data, tmp_path):
    path = workbook_data / WORKBOOK_NAME
    before = path.stat().st_mtime_ns, path.read_bytes()
    done = workbook.update(workbook_data)
    assert not done.written and done.generation == tableset.check(workbook_data).generation
    assert (path.stat().st_mtime_ns, path.read_bytes()) == before
    raw = tmp_path / "raw"
    shutil.copytree(RAW, raw)
    somerset = raw / f"{SO}.md"
    somerset.write_text(
        somerset.read_text().replace("We examined 20 cases", "We examined 21 cases")
    )
    assert cli.extract(raw, workbook_data, progress=False, cache=False) == 0
    done = workbook.update(workbook_data)
    assert done.written and done.generation == tableset.check(workbook_data).generation
    ws = openpyxl.load_workbook(path)["inspections"]
    column = [c.value for c in ws[1]].index("cases_examined") + 1
    assert ws.cell(2, 1).value == SO and ws.cell(2, column).value == 21
    assert workbook.stored_properties(path)[workbook.TABLES_PROPERTY] == done.generation


def test_a_file_that_is_not_our_workbook_is_replaced(workbook_data):
    path = workbook_data / WORKBOOK_NAME
    path.write_bytes(b"not a zip")
    assert workbook.stored_properties(path) == {}
    assert workbook.update(workbook_data).written
    assert openpyxl.load_workbook(path).sheetnames == SHEETS


def test_tables_that_change_while_read_are_refused(workbook_data, monkeypatch):
    real = pipeline.read_tables

    def then_another_extract(folder):
        tables = real(folder)
        manifest = tableset.read_manifest(folder)
        other = tableset.Manifest(manifest.code_version, manifest.inputs, {"x.csv": "0"}, 0)
        (Path(folder) / tableset.MANIFEST).write_bytes(other.to_json())
        return tables

    monkeypatch.setattr(pipeline, "read_tables", then_another_extract)
    with pytest.raises(TablesNotReady, match="changed while they were read"):
        workbook.update(workbook_data, force=True)


# ----------------------------------------------------------------------------------- command line


def test_the_command_writes_then_says_it_is_up_to_date(workbook_data, capsys):
    (workbook_data / WORKBOOK_NAME).unlink()
    assert cli.main(["workbook", str(workbook_data)]) == 0
    assert f"written to {workbook_data / WORKBOOK_NAME}" in capsys.readouterr().out
    assert cli.main(["workbook", str(workbook_data)]) == 0
    assert "is up to date with the tables" in capsys.readouterr().out
    out = workbook_data / "elsewhere" / "tables.xlsx"
    assert cli.main(["workbook", str(workbook_data), "--out", str(out)]) == 0
    assert openpyxl.load_workbook(out).sheetnames == SHEETS


def test_the_command_exit_codes_mean_one_thing(workbook_data, tmp_path, capsys):
    assert cli.main(["workbook", str(tmp_path / "nope")]) == cli.EXIT_USAGE
    assert "no tables yet" in capsys.readouterr().err
    (workbook_data / tableset.MANIFEST).unlink()
    assert cli.main(["workbook", str(workbook_data)]) == cli.EXIT_USAGE
    assert "not a complete set" in capsys.readouterr().err


def test_a_workbook_that_cannot_be_written_is_exit_3_and_the_old_one_stays(workbook_data, capsys):
    blocker = workbook_data / "a-file"
    blocker.write_text("a file where a folder should be")
    out = blocker / WORKBOOK_NAME
    assert cli.main(["workbook", str(workbook_data), "--out", str(out)]) == cli.EXIT_OUTPUT
    err = capsys.readouterr().err
    assert "could not write the workbook" in err and "the previous workbook is kept" in err


def test_an_up_to_date_workbook_is_known_without_loading_pandas_or_openpyxl(workbook_seeds):
    """`make data` runs this every time: with nothing to do it must cost no more than extract."""
    script = (
        "import sys\n"
        "from sqs_analysis.cli import main\n"
        f"assert main(['workbook', {str(workbook_seeds)!r}]) == 0\n"
        "print(sorted(m for m in ('pandas', 'numpy', 'pandera', 'openpyxl') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        f"Workbook {workbook_seeds / WORKBOOK_NAME} is up to date with the tables in {workbook_seeds}",
        "[]",
    ]
