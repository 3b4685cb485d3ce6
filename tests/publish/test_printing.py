"""`make pdf`: each briefing printed to an A4 PDF by headless Chromium, readable from page one."""

from __future__ import annotations

import os
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from conftest import ROOT, SH, SO
from test_browser import PAGES, not_blank

from sqs_analysis.publish import printing

A4 = (595.0, 842.0)  # points


def _text(page) -> str:
    """A PDF page's text with ligatures ("fi") undone and spaces collapsed."""
    return " ".join(unicodedata.normalize("NFKC", page.extract_text()).split())


@pytest.fixture(scope="module")
def pdfs(chromium, briefings, tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("pdf")
    pages = printing.pages_to_print(briefings[SH].parent)
    assert sorted(p.stem for p in pages) == sorted([SH, SO, "comparison"])  # not the index
    written = printing.print_pdfs(pages, out, executable=chromium)
    return {p.stem: p for p in written}


@pytest.mark.parametrize("name", [SH, SO, "comparison"])
def test_pdf_is_a4_titled_and_has_no_empty_page(pdfs, name):
    from pypdf import PdfReader

    reader = PdfReader(pdfs[name])
    title, figures = PAGES[name]
    assert reader.metadata.title == title
    assert 2 <= len(reader.pages) <= 12
    for number, page in enumerate(reader.pages, 1):
        size = (float(page.mediabox.width), float(page.mediabox.height))
        assert abs(size[0] - A4[0]) < 2 and abs(size[1] - A4[1]) < 2, size
        # Every page has more than its footer: no empty pages.
        body = _text(page).replace(title, "").replace(f"Page {number} of", "")
        assert len(body.strip()) > 40, f"page {number} is (nearly) empty"
    first = _text(reader.pages[0])
    assert title in first
    for figure in figures[:2]:
        assert figure in first


def test_a_stamped_briefing_prints_its_stamp_in_the_title_and_on_page_one(
    chromium, stamped_pages, tmp_path
):
    from pypdf import PdfReader

    from sqs_analysis.config import DEMO_STAMP

    (pdf,) = printing.print_pdfs([stamped_pages[SH]], tmp_path, executable=chromium)
    reader = PdfReader(pdf)
    assert reader.metadata.title == f"{PAGES[SH][0]} \u2014 {DEMO_STAMP}"
    assert _text(reader.pages[0]).startswith(DEMO_STAMP)


@pytest.mark.parametrize("name", [SH, SO, "comparison"])
def test_first_page_as_image_is_not_blank(pdfs, name, tmp_path):
    if shutil.which("pdftoppm") is None:
        if os.environ.get("CI"):
            pytest.fail("needs pdftoppm (poppler-utils); .ci/run installs it")
        pytest.skip("needs pdftoppm (apt-get install poppler-utils)")
    prefix = tmp_path / "first"
    subprocess.run(
        ["pdftoppm", "-r", "60", "-f", "1", "-l", "1", "-png", "-singlefile", pdfs[name], prefix],
        check=True,
        timeout=60,
    )
    inked, levels = not_blank((tmp_path / "first.png").read_bytes())
    assert inked > 0.02 and levels > 20, (inked, levels)


def test_chromium_flags():
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"):  # fmt: skip
        assert flag in printing.CHROMIUM_FLAGS


def test_missing_chromium_says_how_to_install(monkeypatch, tmp_path, capsys):
    monkeypatch.setenv("SQS_CHROMIUM", str(tmp_path / "no-such-chromium"))
    assert printing.find_chromium() is None
    assert printing.main(["--check"]) == 3
    err = capsys.readouterr().err
    assert "apt-get install" in err and "chromium" in err
    with pytest.raises(printing.ChromiumNotFound):
        printing.Browser()


def test_make_pdf_stops_without_chromium(tmp_path):
    if shutil.which("make") is None or not (ROOT / ".venv" / ".installed").exists():
        pytest.skip("needs make and the project's .venv (run through `make test`)")
    result = subprocess.run(
        ["make", "--no-print-directory", "-C", str(ROOT), "pdf", f"REPORTS={tmp_path}"],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "SQS_CHROMIUM": str(tmp_path / "no-such-chromium")},
        timeout=120,
    )
    assert result.returncode != 0
    assert "Chromium was not found" in result.stderr and "apt-get install" in result.stderr
    assert not list(tmp_path.iterdir())  # stopped before building anything


def test_main_prints_pdfs(chromium, briefings, tmp_path, capsys):
    page = briefings[SO]
    reports = tmp_path / "reports"
    reports.mkdir()
    shutil.copy2(page, reports / page.name)
    assert printing.main([str(reports), "--chromium", chromium]) == 0
    assert (reports / "pdf" / f"{SO}.pdf").read_bytes().startswith(b"%PDF")
    assert "Printed 1 PDF(s)" in capsys.readouterr().out
