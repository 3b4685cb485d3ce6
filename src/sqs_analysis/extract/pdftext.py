"""Text out of a published PDF report, with pypdf.

pypdf is pure Python (no system libraries to install), well kept, and its layout mode keeps the gap
between a copy-list role and a name, which plain extraction collapses to one space. Page furniture,
footnotes and hard wraps are then handled by :mod:`sqs_analysis.extract.normalise` exactly as for
text copied out of a PDF.
"""

from __future__ import annotations

import contextlib
import io
import logging
import re
from pathlib import Path

from sqs_analysis.errors import ReportReadError

_BLANK_RUN = re.compile(r"\n{3,}")


def _page_text(page) -> str:
    try:
        text = page.extract_text(extraction_mode="layout")
    except Exception:
        text = page.extract_text() or ""
    return _BLANK_RUN.sub("\n\n", text or "")


def pdf_to_text(data: bytes, path: Path) -> tuple[str, list[str]]:
    """Return the text layer of every page, pages separated by a blank line."""
    if not data.lstrip()[:5].startswith(b"%PDF"):
        raise ReportReadError(path, "not a PDF file (no %PDF header)")
    from pypdf import PdfReader
    from pypdf.errors import FileNotDecryptedError, PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # malformed PDFs are reported, not logged
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            with contextlib.suppress(Exception):
                reader.decrypt("")
        pages = [_page_text(page) for page in reader.pages]
    except FileNotDecryptedError as exc:
        raise ReportReadError(path, "encrypted PDF: cannot read its text") from exc
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise ReportReadError(path, f"unreadable PDF: {exc}") from exc
    except Exception as exc:
        raise ReportReadError(path, f"unreadable PDF ({type(exc).__name__}: {exc})") from exc
    if not any(p.strip() for p in pages):
        raise ReportReadError(path, "PDF has no text layer (a scanned image?)")
    return "\n\n".join(pages), []
