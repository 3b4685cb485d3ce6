from __future__ import annotations

import pytest
from conftest import DATA, RAW

from sqs_analysis.errors import ReportParseError
from sqs_analysis.extract.ingest import find_reports, read_source


def test_utf8_seed_and_its_checksum():
    source = read_source(RAW / "st-helens-2015-07.md")
    assert source.encoding == "utf-8" and source.warnings == ()
    assert source.sha256 == "0254a91584d2c8f4896b59338ad7c44a8ac97e6aaf495093a7475e69faee21d7"


def test_cp1252_is_decoded_with_a_warning():
    source = read_source(DATA / "westshire-2015-12.txt")
    assert source.encoding == "cp1252"
    assert "30 November \u2013 2 December" in source.text and "child\u2019s" in source.text
    assert source.warnings == ("not valid UTF-8: decoded as Windows-1252 (cp1252)",)


def test_utf16_with_bom(tmp_path):
    path = tmp_path / "r.txt"
    path.write_bytes((RAW / "somerset-2016-06.md").read_text(encoding="utf-8").encode("utf-16"))
    source = read_source(path)
    assert source.encoding == "utf-16" and "Somerset" in source.text and source.warnings


@pytest.mark.parametrize(
    "name, data, reason",
    [
        ("empty.md", b"", "empty file"),
        ("blank.txt", b"  \n\n", "empty file"),
        ("junk.txt", bytes(range(256)) * 4, "binary data"),
        ("fake.pdf", b"hello, not a pdf", "not a PDF"),
        ("table.xlsx", b"PK\x03\x04", "unsupported file type '.xlsx'"),
    ],
)
def test_unreadable_files_raise_with_file_and_reason(tmp_path, name, data, reason):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(ReportParseError) as err:
        read_source(path)
    assert err.value.path == str(path) and reason in err.value.reason


def test_find_reports_is_sorted_and_skips_hidden_files(tmp_path):
    for name in ("b.md", "a.txt", ".DS_Store", "~lock.md"):
        (tmp_path / name).write_text("x")
    assert [p.name for p in find_reports(tmp_path)] == ["a.txt", "b.md"]
    with pytest.raises(FileNotFoundError):
        find_reports(tmp_path / "missing")


def test_a_utf8_mark_on_cp1252_text_is_read_as_cp1252_with_a_warning(tmp_path):
    path = tmp_path / "r.txt"
    path.write_bytes(b"\xef\xbb\xbf" + "The child\u2019s plan.".encode("cp1252"))
    source = read_source(path)
    assert (source.text, source.encoding) == ("The child\u2019s plan.", "cp1252")
    assert source.warnings == ("not valid UTF-8: decoded as Windows-1252 (cp1252)",)
