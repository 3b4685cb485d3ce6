"""PDF input: the seeds as PDFs read back to the same tables as the text.

The seeds are laid out as A4 PDFs at test time.
"""

from __future__ import annotations

import io
import re
import shutil

import pandas as pd
import pytest
from conftest import RAW, SOMERSET, ST_HELENS
from pdfbuild import build_pdf

from sqs_analysis import load
from sqs_analysis.errors import ReportParseError
from sqs_analysis.extract.ingest import read_source


@pytest.fixture(scope="module")
def pdf_dir(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pdf")
    for seed in (ST_HELENS, SOMERSET):
        build_pdf(seed, folder / f"{seed.stem}.pdf")
    return folder


@pytest.fixture(scope="module")
def pdf_tables(pdf_dir):
    return load(pdf_dir)


def test_the_pdfs_have_what_real_ones_have(pdf_dir):
    text = read_source(pdf_dir / "st-helens-2015-07.pdf").text
    assert text.count("Short Quality Screening of youth offending work: St Helens") >= 5  # header
    assert "Page 2 of" in text
    assert "reoffending rate1 for St Helens" in text  # footnote marker glued to its word
    # paragraph 1.1 runs over the first page break, with footnote 1 at the foot of that page
    first_page_end = text.index("Page 1 of")
    assert text.index("needed to be responded to was") < text.index("1 Published January 2015")
    assert text.index("1 Published January 2015") < first_page_end < text.index("particularly good")


@pytest.mark.parametrize(
    "table", ["inspections", "paragraphs", "judgements", "contacts", "findings", "judgement_themes"]
)
def test_pdf_gives_the_same_rows_as_the_text(seed_tables, pdf_tables, table):
    expected = getattr(seed_tables, table)
    got = getattr(pdf_tables, table)
    if table == "inspections":
        expected = expected.drop(columns=["source_file", "source_sha256"])
        assert got.source_file.tolist() == ["somerset-2016-06.pdf", "st-helens-2015-07.pdf"]
        got = got.drop(columns=["source_file", "source_sha256"])
    pd.testing.assert_frame_equal(got, expected)


def test_pdf_parses_without_warnings(pdf_tables):
    assert pdf_tables.quality.empty


def test_text_and_pdf_of_one_inspection_give_one_row(pdf_dir, tmp_path):
    shutil.copy(pdf_dir / "somerset-2016-06.pdf", tmp_path)
    shutil.copy(RAW / "somerset-2016-06.md", tmp_path)
    tables = load(tmp_path)
    assert tables.inspections.source_file.tolist() == ["somerset-2016-06.md"]
    assert tables.quality.message.tolist() == [
        "somerset-2016-06.pdf is a duplicate of somerset-2016-06.md (same inspection); "
        "somerset-2016-06.pdf was not used"
    ]


def _refused(path) -> str:
    with pytest.raises(ReportParseError) as err:
        read_source(path)
    assert err.value.path == str(path)
    return err.value.reason


def test_encrypted_pdf_is_refused(pdf_dir, tmp_path):
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(pdf_dir / "st-helens-2015-07.pdf").pages:
        writer.add_page(page)
    writer.encrypt(user_password="secret", owner_password="owner")
    path = tmp_path / "locked.pdf"
    with path.open("wb") as fh:
        writer.write(fh)
    assert _refused(path) == "encrypted PDF: cannot read its text"


def test_image_only_pdf_is_refused(tmp_path):
    from fpdf import FPDF
    from PIL import Image

    image = io.BytesIO()
    Image.new("RGB", (200, 100), "white").save(image, format="PNG")
    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.image(image, x=20, y=20, w=100)
    path = tmp_path / "scan.pdf"
    pdf.output(str(path))
    assert _refused(path) == "PDF has no text layer (a scanned image?)"


def test_half_downloaded_pdf_is_refused(pdf_dir, tmp_path):
    data = (pdf_dir / "somerset-2016-06.pdf").read_bytes()
    path = tmp_path / "partial.pdf"
    path.write_bytes(data[: len(data) // 3])
    assert _refused(path).startswith(("unreadable PDF", "PDF has no text layer"))


def test_bad_pdfs_do_not_stop_the_others(pdf_dir, tmp_path):
    shutil.copy(pdf_dir / "st-helens-2015-07.pdf", tmp_path)
    (tmp_path / "fake.pdf").write_text("<html>404 not found</html>")
    tables = load(tmp_path)
    assert tables.inspections.inspection_id.tolist() == ["st-helens-2015-07"]
    refused = tables.quality.iloc[0]
    assert (refused.source_file, refused.severity, refused.message) == (
        "fake.pdf",
        "error",
        "not a PDF file (no %PDF header)",
    )
    assert pd.isna(refused.inspection_id)


@pytest.mark.parametrize(
    "error", [NotImplementedError("unsupported filter /JBIG2"), RecursionError()]
)
def test_any_failure_inside_the_pdf_reader_refuses_the_file(pdf_dir, monkeypatch, error):
    import pypdfium2

    def broken(*args, **kwargs):
        raise error

    monkeypatch.setattr(pypdfium2, "PdfDocument", broken)
    with pytest.raises(ReportParseError, match="unreadable PDF") as err:
        read_source(pdf_dir / "st-helens-2015-07.pdf")
    assert err.value.path.endswith("st-helens-2015-07.pdf")
    assert type(error).__name__ in err.value.reason


def test_the_copy_list_keeps_its_columns(pdf_dir):
    """A role and its name are apart by a run of spaces, even where the role almost fills its
    column (0.64 em apart), and a wrapped line of names is not."""
    text = read_source(pdf_dir / "somerset-2016-06.pdf").text
    (line,) = [ln for ln in text.splitlines() if "Sue Mountstevens" in ln]
    role, name = re.split(r" {2,}", line)
    assert (role, name) == (
        "Police and Crime Commissioner for Avon and Somerset",
        "Sue Mountstevens",
    )
    (wrapped,) = [ln for ln in text.splitlines() if ln.startswith("Linda Paris")]
    assert "  " not in wrapped


def test_a_damaged_stream_refuses_the_file_rather_than_giving_part_of_its_text(pdf_dir, tmp_path):
    """PDFium reads past a damaged compressed stream; the file is refused instead."""
    data = bytearray((pdf_dir / "st-helens-2015-07.pdf").read_bytes())
    start = data.index(b"stream\n", data.index(b"/FlateDecode")) + len(b"stream\n")
    data[start + 40 : start + 48] = b"\x00" * 8
    path = tmp_path / "damaged.pdf"
    path.write_bytes(bytes(data))
    assert _refused(path).startswith("unreadable PDF: a damaged compressed stream")
