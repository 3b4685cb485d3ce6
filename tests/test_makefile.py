"""`make reports` end to end in a copy of the project: outputs, incremental rebuilds, raw untouched."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT


def _make(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["make", f"VENV={ROOT / '.venv'}", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONHASHSEED": "0"},
    )


def _digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.glob("*.*"))}


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    if shutil.which("make") is None or not (ROOT / ".venv" / ".installed").exists():
        pytest.skip("needs make and the project's .venv (run through `make test`)")
    copy = tmp_path_factory.mktemp("project")
    for name in ("Makefile", "pyproject.toml"):
        shutil.copy2(ROOT / name, copy / name)
    for name in ("src", "notebooks", "data/raw"):
        shutil.copytree(ROOT / name, copy / name, copy_function=shutil.copy2)
    # The copy shares the real .venv: its pyproject must never look newer than the install stamp,
    # or make would reinstall the package from the copy.
    os.utime(copy / "pyproject.toml", (0, 0))
    return copy


@pytest.fixture(scope="module")
def built(project: Path) -> Path:
    raw_before = _digests(project / "data" / "raw")
    result = _make(project, "reports")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert _digests(project / "data" / "raw") == raw_before  # raw input is never written
    return project


def test_make_reports_writes_every_page(built):
    names = sorted(p.name for p in (built / "reports").glob("*.html"))
    assert names == [
        "comparison.html",
        "index.html",
        "somerset-2016-06.html",
        "st-helens-2015-07.html",
    ]
    assert sorted(p.name for p in (built / "reports" / "notebooks").glob("*.ipynb")) == [
        "comparison.ipynb",
        "somerset-2016-06.ipynb",
        "st-helens-2015-07.ipynb",
    ]
    assert 'href="st-helens-2015-07.html"' in (built / "reports" / "index.html").read_text()


def test_nothing_to_do_when_nothing_changed(built):
    assert _make(built, "-q", "reports").returncode == 0


def test_changing_one_report_rebuilds_only_its_briefing_comparison_and_index(built):
    raw = built / "data" / "raw" / "somerset-2016-06.md"
    os.utime(raw)  # a new modification time, same bytes
    plan = _make(built, "-n", "reports").stdout
    assert "briefing somerset-2016-06" in plan
    assert "briefing st-helens-2015-07" not in plan
    assert "render comparison" in plan and "render index" in plan
    # One process renders what was queued, on reused kernels (sqs_analysis.batch).
    batch = [line.split() for line in plan.splitlines() if "render batch" in line]
    assert len(batch) == 1
    queued = batch[0][batch[0].index("batch") + 1 : batch[0].index("--jobs")]
    assert queued == ["somerset-2016-06", "--comparison", "--index"]

    pages = built / "reports"
    kept = (pages / "st-helens-2015-07.html").stat().st_mtime_ns
    before = (pages / "somerset-2016-06.html").stat().st_mtime_ns
    result = _make(built, "reports")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert (pages / "st-helens-2015-07.html").stat().st_mtime_ns == kept
    assert (pages / "somerset-2016-06.html").stat().st_mtime_ns > before
    assert _make(built, "-q", "reports").returncode == 0


def test_a_page_named_on_the_command_line_is_built_at_once(built):
    page = built / "reports" / "index.html"
    page.unlink()
    result = _make(built, "reports/index.html")
    assert result.returncode == 0, result.stderr[-3000:]
    assert "render index" in result.stdout and "render batch" not in result.stdout
    assert page.exists()
