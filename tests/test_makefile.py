"""`make reports` and `make demo` end to end in a copy of the project: outputs, what is rebuilt,
raw untouched, and the demo (reports/demo/) kept apart from the real pages.

What is stale is decided by the tool from content (`sqs_analysis.tables.tableset`,
`sqs_analysis.publish.pages`), so these tests change bytes, names and folder entries, never only
file times.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import time
from pathlib import Path

import openpyxl
import pytest
from conftest import ROOT

from sqs_analysis.config import WORKBOOK_NAME

SH, SO = "st-helens-2015-07", "somerset-2016-06"


def _make(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["make", "--no-print-directory", f"VENV={ROOT / '.venv'}", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONHASHSEED": "0"},
    )


def _ok(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return result.stdout


def _plan(cwd: Path) -> list[str]:
    exe = ROOT / ".venv" / "bin" / "sqs-analysis"
    args = [str(exe), "publish", "--dry-run", "--notebooks", "notebooks"]
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, check=True).stdout.split(
        "\n"
    )[:-1]


def _digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.glob("*.*"))}


def _mtimes(folder: Path) -> dict[str, int]:
    return {p.name: p.stat().st_mtime_ns for p in sorted(folder.glob("*.html"))}


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
    _ok(_make(project, "reports"))
    assert _digests(project / "data" / "raw") == raw_before  # raw input is never written
    return project


def test_make_reports_writes_every_page(built):
    names = sorted(p.name for p in (built / "reports").glob("*.html"))
    assert names == ["comparison.html", "index.html", f"{SO}.html", f"{SH}.html"]
    assert sorted(p.name for p in (built / "reports" / "notebooks").glob("*.ipynb")) == [
        "comparison.ipynb",
        f"{SO}.ipynb",
        f"{SH}.ipynb",
    ]
    assert f'href="{SH}.html"' in (built / "reports" / "index.html").read_text()
    sheets = openpyxl.load_workbook(built / "data" / "processed" / WORKBOOK_NAME).sheetnames
    assert sheets[0] == "inspections" and sheets[-1] == "dictionary"


def test_nothing_to_do_when_nothing_changed_even_if_files_were_touched(built):
    before = _mtimes(built / "reports")
    for raw in (built / "data" / "raw").iterdir():
        os.utime(raw)  # a new time, the same bytes: nothing is stale
    out = _ok(_make(built, "reports"))
    assert "Tables in data/processed are up to date" in out
    assert "Pages in reports are up to date" in out
    assert f"Workbook data/processed/{WORKBOOK_NAME} is up to date" in out
    assert _mtimes(built / "reports") == before
    assert _plan(built) == ["Nothing to do"]


def test_changing_one_report_rebuilds_only_its_briefing_comparison_and_index(built):
    raw = built / "data" / "raw" / f"{SO}.md"
    raw.write_text(raw.read_text().replace("We examined 20 cases", "We examined 21 cases"))
    assert f"written to data/processed/{WORKBOOK_NAME}" in _ok(_make(built, "data"))
    assert _plan(built) == [f"briefing {SO}", "comparison", "index"]
    inspections = openpyxl.load_workbook(built / "data" / "processed" / WORKBOOK_NAME)[
        "inspections"
    ]
    cases = [c.value for c in inspections[1]].index("cases_examined") + 1
    assert (inspections.cell(2, 1).value, inspections.cell(2, cases).value) == (SO, 21)
    before = _mtimes(built / "reports")
    _ok(_make(built, "reports"))
    after = _mtimes(built / "reports")
    assert after[f"{SH}.html"] == before[f"{SH}.html"]
    for page in (f"{SO}.html", "comparison.html", "index.html"):
        assert after[page] > before[page], page
    assert ">21<" in (built / "reports" / f"{SO}.html").read_text()
    assert _plan(built) == ["Nothing to do"]


def test_any_file_name_works_and_a_deleted_report_takes_its_pages_with_it(built):
    raw = built / "data" / "raw"
    odd = raw / "Copy of: St Helens\t(final).MD"  # a space, a colon, a tab, brackets, upper case
    (raw / f"{SH}.md").rename(odd)
    (raw / f"{SO}.md").unlink()
    out = _ok(_make(built, "reports"))
    assert f"Removed the briefing of {SO}" in out
    pages = built / "reports"
    assert sorted(p.name for p in pages.glob("*.html")) == [
        "comparison.html",
        "index.html",
        f"{SH}.html",
    ]
    assert not (pages / "notebooks" / f"{SO}.ipynb").exists()
    index = (pages / "index.html").read_text()
    assert f'href="{SH}.html"' in index and SO not in index
    assert (pages / f"{SH}.html").read_text().count("St Helens") > 0
    # the odd name is read and tracked like any other: edit it and its briefing is rebuilt
    odd.write_text(odd.read_text().replace("14 cases", "15 cases"))
    _ok(_make(built, "data"))
    assert _plan(built) == [f"briefing {SH}", "comparison", "index"]


def test_a_refused_file_lets_the_build_go_on_and_is_listed(built):
    raw = built / "data" / "raw"
    (raw / "empty.md").write_bytes(b"")
    try:
        out = _ok(_make(built, "reports"))
        assert "1 refused" in out
        assert "empty.md" in (built / "reports" / "index.html").read_text()
    finally:
        (raw / "empty.md").unlink()


def test_tables_that_cannot_be_written_stop_make_and_keep_the_pages(built):
    blocker = built / "not-a-folder"
    blocker.write_text("a file where the tables folder should be")
    before = _mtimes(built / "reports")
    result = _make(built, "reports", f"PROCESSED={blocker.name}")
    assert result.returncode != 0
    assert "could not write the tables" in result.stderr
    assert "Pages in" not in result.stdout and "Built" not in result.stdout  # make stopped
    assert _mtimes(built / "reports") == before


def test_make_clean_removes_the_tables_and_the_workbook_and_keeps_raw(built):
    raw_before = _digests(built / "data" / "raw")
    _ok(_make(built, "clean"))
    assert [p.name for p in (built / "data" / "processed").iterdir()] == []
    assert _digests(built / "data" / "raw") == raw_before


# --------------------------------------------------------------------------- make demo

DEMO_N = 50


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    """A copy of the checkout (with the benchmarks' generator) after a cold `make demo`."""
    if shutil.which("make") is None or not (ROOT / ".venv" / ".installed").exists():
        pytest.skip("needs make and the project's .venv (run through `make test`)")
    copy = tmp_path_factory.mktemp("demo-project")
    for name in ("Makefile", "pyproject.toml"):
        shutil.copy2(ROOT / name, copy / name)
    for name in ("src", "notebooks", "data/raw", "benchmarks"):
        shutil.copytree(
            ROOT / name, copy / name, copy_function=shutil.copy2,
            ignore=shutil.ignore_patterns("results", "__pycache__"),
        )  # fmt: skip
    os.utime(copy / "pyproject.toml", (0, 0))  # never newer than the shared .venv's stamp
    raw_before = _digests(copy / "data" / "raw")
    _ok(_make(copy, "demo"))
    assert _digests(copy / "data" / "raw") == raw_before
    return copy


def _stamped(page: Path) -> bool:
    from sqs_analysis.config import DEMO_STAMP

    text = page.read_text(encoding="utf-8")
    title = re.search(r"<title>(.*?)</title>", text, re.S)
    body = text[text.index("<body") :]
    return (
        title is not None
        and title.group(1).endswith(f" \u2014 {DEMO_STAMP}")
        and f'<p class="sqs-stamp">{DEMO_STAMP}</p>' in body
    )


def _tree(folder: Path) -> dict[str, tuple[str, int]]:
    return {
        str(p.relative_to(folder)): (
            hashlib.sha256(p.read_bytes()).hexdigest(),
            p.stat().st_mtime_ns,
        )
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_make_demo_builds_every_page_stamped_into_reports_demo_only(demo):
    pages = sorted(p.name for p in (demo / "reports" / "demo").glob("*.html"))
    briefings = [p for p in pages if p not in ("comparison.html", "index.html")]
    assert "comparison.html" in pages and "index.html" in pages
    assert len(briefings) == DEMO_N and all(
        re.fullmatch(r"area-\d{4}-\d{4}-\d\d\.html", b) for b in briefings
    )
    unstamped = [p for p in pages if not _stamped(demo / "reports" / "demo" / p)]
    assert unstamped == []
    index = (demo / "reports" / "demo" / "index.html").read_text(encoding="utf-8")
    assert all(f'href="{b}"' in index for b in briefings)
    assert list((demo / "reports").glob("*.html")) == []  # nothing at the top of reports/
    assert not list((demo / "data" / "processed").glob("*.*"))  # nor in the real tables
    assert len(list((demo / "build" / "demo" / "raw").iterdir())) == DEMO_N


def test_make_demo_compares_every_area(demo):
    """50 inspections: each briefing ranks its gap, the comparison draws a funnel per aspect."""
    out = demo / "reports" / "demo"
    for page in sorted(out.glob("area-*.html")):
        text = page.read_text(encoding="utf-8")
        assert 'id="How-this-area-compares"' in text, page.name
        assert "inspections with a stated gap" in text and "not yet enough" not in text
    comparison = (out / "comparison.html").read_text(encoding="utf-8")
    funnels = re.findall(r'aria-label="Funnel plot for ([a-z ]+):', comparison)
    assert len(funnels) >= 4 and "planning" in funnels
    assert "England and Wales are not compared" not in comparison  # the demo has both
    assert (demo / "build" / "demo" / "processed" / "sqs-tables.xlsx").exists()


def test_make_demo_again_is_a_quick_no_op(demo):
    before = _tree(demo / "reports" / "demo")
    started = time.perf_counter()
    out = _ok(_make(demo, "demo"))
    assert time.perf_counter() - started < 10
    assert "Tables in build/demo/processed are up to date" in out
    assert "Pages in reports/demo are up to date" in out
    assert _tree(demo / "reports" / "demo") == before


def test_a_smaller_demo_leaves_no_stale_report_or_page(demo):
    out = _ok(_make(demo, "demo", "DEMO_N=45"))
    assert out.count("Removed the briefing of") == 5
    assert len(list((demo / "build" / "demo" / "raw").iterdir())) == 45
    briefings = [p for p in (demo / "reports" / "demo").glob("area-*.html")]
    assert len(briefings) == 45 and all(_stamped(p) for p in briefings)


def test_make_reports_never_touches_reports_demo_and_make_clean_removes_it(demo):
    before = _tree(demo / "reports" / "demo")
    _ok(_make(demo, "reports"))
    names = sorted(p.name for p in (demo / "reports").glob("*.html"))
    assert names == ["comparison.html", "index.html", f"{SO}.html", f"{SH}.html"]
    assert not _stamped(demo / "reports" / "index.html")
    assert "demo" not in (demo / "reports" / "index.html").read_text(encoding="utf-8")
    assert _tree(demo / "reports" / "demo") == before
    raw_before = _digests(demo / "data" / "raw")
    _ok(_make(demo, "clean"))
    assert not (demo / "reports" / "demo").exists() and not (demo / "build" / "demo").exists()
    assert _digests(demo / "data" / "raw") == raw_before
