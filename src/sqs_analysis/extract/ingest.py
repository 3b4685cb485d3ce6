"""Read a report file into text, deciding its encoding, and fingerprint it.

Only this module touches report bytes. It never writes: ``data/raw/`` is read-only input.
"""

from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from sqs_analysis.errors import ReportReadError

#: File types the suite reads; anything else in a raw folder is reported and skipped.
TEXT_SUFFIXES = frozenset({".md", ".txt", ".markdown"})
PDF_SUFFIXES = frozenset({".pdf"})
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | PDF_SUFFIXES


@dataclass(frozen=True)
class SourceText:
    """A report's text with where it came from and what reading it involved."""

    path: Path
    sha256: str
    text: str
    encoding: str
    warnings: tuple[str, ...] = ()


def sha256_bytes(data: bytes) -> str:
    """The hex SHA-256 of some bytes: how a raw file is recognised again."""
    return hashlib.sha256(data).hexdigest()


def fingerprint(path: Path) -> str | None:
    """The SHA-256 of a file's bytes, or None if it cannot be read (reading it will say why)."""
    try:
        return sha256_bytes(path.read_bytes())
    except OSError:
        return None


def decode(data: bytes, path: Path) -> tuple[str, str, tuple[str, ...]]:
    """Decode report bytes: UTF-8 (with or without BOM), UTF-16 with BOM, else cp1252.

    Falling back to cp1252 comes with a warning.
    """
    if not data.strip():
        raise ReportReadError(path, "empty file")
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8", errors="strict"), "utf-8-sig", ()
        except UnicodeDecodeError:
            data = data[3:]  # a UTF-8 mark on text that is not UTF-8: read it as below
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16", (f"decoded as UTF-16 ({path.name})",)
        except UnicodeDecodeError as exc:
            raise ReportReadError(path, f"invalid UTF-16 text: {exc.reason}") from exc
    if b"\x00" in data:
        raise ReportReadError(path, "binary data, not a text report (contains NUL bytes)")
    try:
        return data.decode("utf-8"), "utf-8", ()
    except UnicodeDecodeError:
        pass
    text = data.decode("cp1252", errors="replace")
    if text.count("\ufffd") > max(10, len(text) // 100):
        raise ReportReadError(path, "not text in UTF-8 or cp1252 (binary data?)")
    return text, "cp1252", ("not valid UTF-8: decoded as Windows-1252 (cp1252)",)


def read_source(path: str | Path) -> SourceText:
    """Read one report file; raises :class:`ReportReadError` for a file that holds no text."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ReportReadError(path, f"cannot read file: {exc.strerror or exc}") from exc
    digest = sha256_bytes(data)
    suffix = path.suffix.lower()
    if suffix in PDF_SUFFIXES:
        from sqs_analysis.extract.pdftext import (
            pdf_to_text,  # imported late: only PDF input needs PDFium
        )

        text, warnings = pdf_to_text(data, path)
        return SourceText(path, digest, text, "pdf", tuple(warnings))
    if suffix not in TEXT_SUFFIXES:
        raise ReportReadError(path, f"unsupported file type {suffix or '(none)'!r}")
    text, encoding, warnings = decode(data, path)
    return SourceText(path, digest, text, encoding, warnings)


@dataclass(frozen=True)
class Skipped:
    """An entry of the raw folder that is not read as a report, and why (a quality row)."""

    path: Path
    severity: str  # "error": it looks like a report but cannot be read; "warning": set aside
    reason: str


def _kind(path: Path) -> str:
    """What a folder entry that is not a regular file is, in words."""
    mode = path.lstat().st_mode
    for test, word in (
        (stat.S_ISFIFO, "a named pipe (FIFO)"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
    ):
        if test(mode):
            return word
    return "not a regular file"


def _skip(path: Path) -> Skipped | None:
    """Why ``path`` is not read as a report, or None if it is."""
    if path.name.startswith((".", "~")):
        return Skipped(
            path, "warning", 'skipped: a hidden or temporary file (its name starts with "." or "~")'
        )
    try:
        if path.is_symlink() and not path.exists():
            return Skipped(
                path, "error", f"a symbolic link to nothing: {os.readlink(path)} does not exist"
            )
        if path.is_dir():
            return Skipped(
                path,
                "warning",
                "skipped: a folder (reports are read from the raw folder itself, not from its subfolders)",
            )
        if not path.is_file():
            return Skipped(
                path, "error", f"{_kind(path)}, not a file: it cannot be read as a report"
            )
    except OSError as exc:
        return Skipped(path, "error", f"cannot read file: {exc.strerror or exc}")
    return None


def scan_raw(raw_dir: str | Path) -> tuple[list[Path], list[Skipped]]:
    """The report files of a folder, and every other entry with the reason it is not read.

    The folder is not read recursively; both lists are sorted by name so runs are deterministic.

    Any name a file system allows is a report's name; the suffix decides how it is read (in any
    case: ``.MD``, ``.PDF``).
    """
    raw_dir = Path(raw_dir)
    if not raw_dir.is_dir():
        raise FileNotFoundError(f"raw report folder not found: {raw_dir}")
    files: list[Path] = []
    skipped: list[Skipped] = []
    for path in sorted(raw_dir.iterdir(), key=lambda p: p.name):
        why = _skip(path)
        if why is None:
            files.append(path)
        else:
            skipped.append(why)
    return files, skipped


def find_reports(raw_dir: str | Path) -> list[Path]:
    """Report files in a folder (not recursive), sorted by name (see :func:`scan_raw`)."""
    return scan_raw(raw_dir)[0]
