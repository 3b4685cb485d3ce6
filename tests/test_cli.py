"""`sqs-analysis extract`: tables written, bad files reported.

Raw input is untouched, and reruns are identical.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
from conftest import DATA, RAW

from sqs_analysis import read_tables
from sqs_analysis.cli import main

TABLES = ["inspections", "paragraphs", "judgements", "contacts", "quality"]


def _digests(folder: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.iterdir())
        if p.is_file()
    }


def test_extract_writes_every_table_and_leaves_raw_untouched(tmp_path, capsys):
    before = _digests(RAW)
    assert main(["extract", str(RAW), str(tmp_path), "--no-progress"]) == 0
    assert _digests(RAW) == before
    assert before == {
        "somerset-2016-06.md": "8282723c31c59eaa2d74ad55ec86b68dfcc544c5756f79a139e4715f7f511122",
        "st-helens-2015-07.md": "0254a91584d2c8f4896b59338ad7c44a8ac97e6aaf495093a7475e69faee21d7",
    }
    out = capsys.readouterr().out
    assert "Parsed 2 of 2 report(s)" in out and "0 refused" in out
    for name in TABLES:
        assert (tmp_path / f"{name}.csv").exists() and (tmp_path / f"{name}.parquet").exists()
    csv = pd.read_csv(tmp_path / "inspections.csv")
    assert csv.set_index("inspection_id").loc["st-helens-2015-07", "reoffending_rate_pct"] == 46.2
    tables = read_tables(tmp_path)
    assert tables.inspections.cases_examined.tolist() == [20, 14]
    assert not list(tmp_path.glob(".*.tmp"))  # no temporary files left behind


def test_extract_is_deterministic(tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    main(["extract", str(RAW), str(first), "--no-progress"])
    main(["extract", str(RAW), str(second), "--no-progress"])
    assert _digests(first) == _digests(second)


def test_one_bad_report_does_not_stop_the_others(tmp_path, capsys):
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(RAW / "somerset-2016-06.md", raw)
    shutil.copy(DATA / "full-joint-inspection.md", raw)
    (raw / "empty.md").write_bytes(b"")
    assert main(["extract", str(raw), str(tmp_path / "out"), "--no-progress"]) == 1
    captured = capsys.readouterr()
    assert "Parsed 1 of 3 report(s)" in captured.out and "2 refused" in captured.out
    assert "empty.md: empty file" in captured.err
    tables = read_tables(tmp_path / "out")
    assert tables.inspections.inspection_id.tolist() == ["somerset-2016-06"]
    errors = tables.quality[tables.quality.severity == "error"]
    assert errors.source_file.tolist() == ["empty.md", "full-joint-inspection.md"]


def test_missing_raw_folder_is_a_clear_error(tmp_path, capsys):
    assert main(["extract", str(tmp_path / "nope"), str(tmp_path / "out")]) == 2
    assert "raw report folder not found" in capsys.readouterr().err


def test_console_script_runs(tmp_path):
    exe = Path(sys.executable).with_name("sqs-analysis")
    result = subprocess.run(
        [str(exe), "extract", str(RAW), str(tmp_path), "--no-progress"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Parsed 2 of 2 report(s)" in result.stdout


def test_the_same_report_twice_gives_one_row_and_a_warning_naming_both(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(RAW / "st-helens-2015-07.md", raw / "st-helens-2015-07.md")
    shutil.copy(RAW / "st-helens-2015-07.md", raw / "copy-of-st-helens.md")
    shutil.copy(DATA / "st-helens-pdf-text.txt", raw / "st-helens-from-pdf.txt")
    assert main(["extract", str(raw), str(tmp_path / "out"), "--no-progress"]) == 0
    tables = read_tables(tmp_path / "out")
    assert tables.inspections.source_file.tolist() == ["copy-of-st-helens.md"]
    assert tables.quality.message.tolist() == [
        "st-helens-2015-07.md is a duplicate of copy-of-st-helens.md (identical content); "
        "st-helens-2015-07.md was not used",
        "st-helens-from-pdf.txt is a duplicate of copy-of-st-helens.md (same inspection); "
        "st-helens-from-pdf.txt was not used",
    ]
    assert tables.paragraphs.inspection_id.value_counts().to_dict() == {"st-helens-2015-07": 21}


def test_version_and_verbose_say_what_they_promise(tmp_path):
    import sqs_analysis

    done = subprocess.run(
        [sys.executable, "-m", "sqs_analysis.cli", "--version"], capture_output=True, text=True
    )
    assert done.stdout.strip() == f"sqs-analysis {sqs_analysis.__version__}"
    command = [sys.executable, "-m", "sqs_analysis.cli", "-v", "extract", str(RAW)]
    first = subprocess.run(
        [*command, str(tmp_path), "--no-progress"], capture_output=True, text=True
    )
    again = subprocess.run(
        [*command, str(tmp_path), "--no-progress", "--force"], capture_output=True, text=True
    )
    assert "0 of 2 file(s) read from the cache" in first.stderr
    assert "parsing 2 file(s) in 1 process(es)" in first.stderr
    assert "2 of 2 file(s) read from the cache" in again.stderr


def test_extract_never_imports_test_only_packages_nor_pandera(tmp_path):
    """hypothesis (a dev extra) and pandera (only to read tables back) cost start-up time."""
    script = (
        "import sys, sqs_analysis.cli as cli\n"
        f"code = cli.main(['extract', '--no-progress', {str(RAW)!r}, {str(tmp_path / 'out')!r}])\n"
        "print(code, sorted(m for m in ('hypothesis', 'pandera', 'pytest') if m in sys.modules))\n"
        "import gc; print(gc.get_freeze_count() > 0)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-2:] == ["0 []", "True"]


def test_build_goes_on_past_refused_files_and_stops_at_any_other_failure(tmp_path, monkeypatch):
    """`make reports` is `build`: extract, the workbook, then the pages, in one process."""
    from sqs_analysis import cli

    calls: list[object] = []
    codes: list[int] = []
    monkeypatch.setattr(
        cli, "extract", lambda raw, data, progress: calls.append("extract") or codes.pop(0)
    )
    monkeypatch.setattr(cli, "workbook", lambda data: calls.append("workbook") or cli.EXIT_OK)
    monkeypatch.setattr(
        cli, "publish", lambda data, out, dry_run, **kw: calls.append(kw["stamp"]) or cli.EXIT_OK
    )
    paths = (tmp_path / "raw", tmp_path / "data", tmp_path / "reports")
    codes.append(cli.EXIT_REFUSED)  # some files refused: they are in quality, the build goes on
    assert cli.build(*paths, notebooks=None, jobs=1, stamp="demo") == cli.EXIT_OK
    assert calls == ["extract", "workbook", "demo"]
    calls.clear()
    codes.append(cli.EXIT_OUTPUT)  # the tables could not be written: nothing more is done
    assert cli.build(*paths, notebooks=None, jobs=1, stamp=None) == cli.EXIT_OUTPUT
    assert calls == ["extract"]
