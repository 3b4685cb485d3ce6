"""Text out of a published PDF report, with pypdf (pure Python, no system libraries)."""

from __future__ import annotations

import io
from pathlib import Path

from .errors import ReportParseError


def pdf_to_text(data: bytes, path: Path) -> tuple[str, list[str]]:
    """Return the text layer of every page, pages separated by a form feed line."""
    if not data.startswith(b"%PDF"):
        raise ReportParseError(path, "not a PDF file (no %PDF header)")
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise ReportParseError(path, "encrypted PDF: cannot read its text")
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, TypeError) as exc:
        raise ReportParseError(path, f"unreadable PDF: {exc}") from exc
    if not any(p.strip() for p in pages):
        raise ReportParseError(path, "PDF has no text layer (scanned image?)")
    return "\n\n".join(pages), []
