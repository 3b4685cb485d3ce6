"""Text out of a published PDF report, with PDFium (pypdfium2).

PDFium (Chrome's PDF engine, through its Python bindings; Apache-2.0/BSD, wheels with no system
libraries to install) reads a 5-page report in a few milliseconds, where pypdf's layout mode
took a tenth of a second to over a second. Its text comes in content order, with a line break
wherever the text jumps and one generated space for any gap on a line, so the lines are laid
out again from the characters' positions, as pypdf's layout mode laid them out:

* lines whose baselines are level are one line, left to right (a raised footnote marker does not
  break its line: ``rate1 for St Helens``), and lines come top to bottom;
* a gap wider than a word space (half an em between the characters' advance boxes) puts the
  text after it at its column of a fixed-width page (the page's average character width over
  1.25, as pypdf), so a copy-list role and its name are a run of spaces apart however long the
  role (:mod:`sqs_analysis.extract.copylist` splits at the widest run); a word space is one;
* a line two of its font sizes or more below the one above starts a paragraph (a blank line).

Only the ends of each line and the gaps PDFium filled are measured, a few PDFium calls a line.
Page furniture, footnotes and hard wraps are then handled by
:mod:`sqs_analysis.extract.normalise` exactly as for text copied out of a PDF.

PDFium reads past damage that pypdf refused, so before it reads a file every compressed stream
must decode whole (:func:`_damaged_text_stream`): a damaged file is refused rather than read in
part. A file PDFium finds no text in is read again with pypdf, only to say why (its error, or no
text layer).
"""

from __future__ import annotations

import contextlib
import ctypes
import logging
import re
import zlib
from dataclasses import dataclass
from pathlib import Path

from sqs_analysis.errors import ReportReadError

#: A break PDFium puts between lines.
_LINE_BREAK = re.compile(r"\r\n")
#: A run of spaces inside a line (the text's own spaces or a gap PDFium filled with one).
_SPACES = re.compile(r" +")
#: What PDFium gives for a hyphen that ends a line.
_LINE_END_HYPHEN = "\ufffe"
#: The fixed-width layout's column: the page's average character width over this (as pypdf's
#: layout mode), so a gap is a few spaces wider than its width in average characters.
_COLUMN_SCALE = 1.25
#: Baselines closer than this (in ems) are one line (a raised footnote marker stays on it).
_LEVEL = 0.5
#: A line this many ems or more below the one above starts a paragraph (as pypdf's layout mode).
_PARAGRAPH = 2.0
#: A gap PDFium found narrower than this (in ems, between the characters' advance boxes) is a
#: word space, one space; a wider one is laid out by column. A word space is 0.2-0.4 em in the
#: fonts seen (DejaVu's space is 0.32 em, Arial's 0.28); the narrowest copy-list gap, a role that
#: almost fills its column, 0.64 em.
_WORD_GAP = 0.5
#: Where a stream's data starts, and what marks a stream that holds no text (see
#: :func:`_damaged_text_stream`).
_STREAM = re.compile(rb"(?<!end)stream\r?\n")
_NOT_TEXT = re.compile(rb"/Subtype\s*/Image\b|/N\s")
#: A stream's filters, and those PDF defines (PDFium reads a stream with another as it stands).
_FILTER = re.compile(rb"/Filter\s*(\[[^\]]*\]|/\w+)")
_FILTERS = frozenset(
    b"FlateDecode LZWDecode ASCII85Decode ASCIIHexDecode RunLengthDecode DCTDecode "
    b"CCITTFaxDecode JBIG2Decode JPXDecode Crypt Fl LZW A85 AHx RL DCT CCF".split()
)
#: The most a compressed stream may hold (a report's page is well under 1 MiB of content).
_LARGEST_STREAM = 64 * 2**20
#: Lines of two PDFium lines closer than this (in ems) touch: no space between them.
_TOUCHING = 0.1


@dataclass
class _Line:
    """One line as PDFium gives it, measured.

    Its pieces (the left edge of each and its text), baseline, right edge, font size and number
    of characters. A piece starts after a wide gap PDFium found (a space it generated); the
    text's own spaces and word spaces stay inside a piece.
    """

    pieces: list[tuple[float, str]]
    baseline: float
    right: float
    size: float
    length: int


def _lines(raw, textpage, text: str) -> list[_Line]:
    """The lines PDFium broke ``text`` (the page's text, by text index) into, measured."""
    char = raw.FPDFText_GetCharIndexFromTextIndex
    generated = raw.FPDFText_IsGenerated
    char_box = raw.FPDFText_GetLooseCharBox  # advance and font height: no glyph outline
    box = raw.FS_RECTF()
    x, y = ctypes.c_double(), ctypes.c_double()
    lines: list[_Line] = []
    starts = [0, *(m.end() for m in _LINE_BREAK.finditer(text))]
    ends = [m.start() for m in _LINE_BREAK.finditer(text)] + [len(text)]
    for start, end in zip(starts, ends, strict=True):
        segment = text[start:end]
        body = segment.strip(" ")
        if not body:
            continue
        first = start + len(segment) - len(segment.lstrip(" "))
        last = first + len(body) - 1
        c_first, c_last = char(textpage, first), char(textpage, last)
        if c_first < 0 or c_last < 0:  # made up by PDFium: nowhere to measure
            continue
        char_box(textpage, c_first, box)
        pieces, at, x0 = [], first, box.left
        size = raw.FPDFText_GetFontSize(textpage, c_first) or 1.0
        for run in _SPACES.finditer(text, first, last + 1):
            before, after = char(textpage, run.start() - 1), char(textpage, run.end())
            if (
                before < 0
                or after < 0
                or not any(
                    generated(textpage, char(textpage, i)) for i in {run.start(), run.end() - 1}
                )
            ):
                continue  # the text's own spaces
            char_box(textpage, before, box)
            end_before = box.right
            char_box(textpage, after, box)
            if box.left - end_before < _WORD_GAP * size:
                continue  # a word space PDFium put in: one space
            pieces.append((x0, text[at : run.start()]))
            at, x0 = run.end(), box.left
        pieces.append((x0, text[at : last + 1]))
        char_box(textpage, c_last, box)
        end_x = box.right
        raw.FPDFText_GetCharOrigin(textpage, c_first, x, y)
        lines.append(_Line(pieces, y.value, end_x, size, len(body)))
    return lines


def _rows(lines: list[_Line]) -> list[list[_Line]]:
    """Lines with level baselines together, top to bottom, each row left to right."""
    rows: list[list[_Line]] = []
    for line in sorted(lines, key=lambda ln: -ln.baseline):
        row = rows[-1] if rows else None
        if row and abs(row[0].baseline - line.baseline) < _LEVEL * max(row[0].size, line.size):
            row.append(line)
        else:
            rows.append([line])
    for row in rows:
        row.sort(key=lambda ln: ln.pieces[0][0])
    return rows


def _row_text(row: list[_Line], page_left: float, column: float) -> str:
    """A row as a fixed-width layout prints it.

    Each piece at its column, at least one space after the one before (none where two of
    PDFium's lines touch, one where they are a word space apart).
    """
    base = int((row[0].pieces[0][0] - page_left) / column)
    text = ""
    previous: _Line | None = None
    for line in row:
        for k, (x, piece) in enumerate(line.pieces):
            gap = max(1, int((x - page_left) / column) - base - len(text))
            if k == 0 and previous is not None:  # where two of PDFium's lines meet
                apart = x - previous.right
                gap = 0 if apart < _TOUCHING * previous.size else gap
                gap = 1 if gap > 0 and apart < _WORD_GAP * previous.size else gap
            text += " " * gap + piece if text else piece
        previous = line
    return text


def _laid_out(lines: list[_Line]) -> str:
    """The page's lines laid out, with a blank line before a paragraph."""
    if not lines:
        return ""
    page_left = min(line.pieces[0][0] for line in lines)
    width = sum(line.right - line.pieces[0][0] for line in lines)
    column = max(width / (_COLUMN_SCALE * sum(line.length for line in lines)), 1e-3)
    out: list[str] = []
    above: float | None = None
    for row in _rows(lines):
        if above is not None and above - row[0].baseline >= _PARAGRAPH * row[0].size:
            out.append("")
        out.append(_row_text(row, page_left, column))
        above = row[0].baseline
    return "\n".join(out)


def _page_text(raw, textpage) -> str:
    count = raw.FPDFText_CountChars(textpage)
    if count <= 0:
        return ""
    buffer = (ctypes.c_ushort * (count + 1))()
    written = max(0, raw.FPDFText_GetText(textpage, 0, count, buffer) - 1)  # less its NUL
    units = bytes(buffer)[: written * 2]
    text = units.decode("utf-16-le", errors="surrogatepass")
    if len(text) != written:  # a surrogate pair: keep one character per text index
        text = "".join(map(chr, buffer[:written]))
    laid = _laid_out(_lines(raw, textpage, text)).replace(_LINE_END_HYPHEN, "-")
    return laid.encode("utf-16-le", errors="surrogatepass").decode("utf-16-le", errors="replace")


def _damaged_text_stream(data: bytes) -> str | None:
    """Why a stream that decides the text is damaged, or None.

    PDFium reads past a damaged stream: a page's content or a character map gives what could
    be decoded (part of the text, or other characters), and a damaged font program a fallback
    font whose measures move the characters. pypdf refused most such files, and a wrong number
    is worse than none, so every Flate stream must decode whole, its checksum too, except
    images and colour profiles (``/Subtype /Image`` or ``/N`` in their dictionary); and a
    filter must be one PDF defines.
    """
    for start in _STREAM.finditer(data):
        head = data[max(0, data.rfind(b"obj", 0, start.start())) : start.start()]
        for names in _FILTER.findall(head):
            unknown = set(re.findall(rb"/(\w+)", names)) - _FILTERS
            if unknown:
                return f"a stream with an unknown filter /{min(unknown).decode('latin-1')}"
        if b"/FlateDecode" not in head or _NOT_TEXT.search(head):
            continue
        end = data.find(b"endstream", start.end())
        if end < 0:
            return "a stream has no end"
        inflate, pending, size = zlib.decompressobj(), data[start.end() : end], 0
        try:
            while pending and not inflate.eof:
                size += len(inflate.decompress(pending, 2**20))
                pending = inflate.unconsumed_tail
                if size > _LARGEST_STREAM:
                    return f"a compressed stream holds over {_LARGEST_STREAM >> 20} MiB (a bomb?)"
        except zlib.error as exc:
            return f"a damaged compressed stream ({exc})"
        if not inflate.eof:
            return "a compressed stream is cut short"
    return None


def _why_no_text(data: bytes, path: Path) -> ReportReadError:
    """Why a PDF PDFium finds no text in has none: pypdf's reason if it cannot read it either."""
    import io

    from pypdf import PdfReader

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # malformed PDFs are reported, not logged
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            with contextlib.suppress(Exception):
                reader.decrypt("")
        for page in reader.pages:
            page.extract_text()
    except Exception as exc:
        return ReportReadError(path, f"unreadable PDF ({type(exc).__name__}: {exc})")
    return ReportReadError(path, "PDF has no text layer (a scanned image?)")


def pdf_to_text(data: bytes, path: Path) -> tuple[str, list[str]]:
    """Return the text layer of every page, pages separated by a blank line."""
    if not data.lstrip()[:5].startswith(b"%PDF"):
        raise ReportReadError(path, "not a PDF file (no %PDF header)")
    damage = None if b"/Encrypt" in data else _damaged_text_stream(data)  # encrypted: not zlib
    if damage is not None:
        raise ReportReadError(path, f"unreadable PDF: {damage}")
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if exc.err_code in (raw.FPDF_ERR_PASSWORD, raw.FPDF_ERR_SECURITY):
            raise ReportReadError(path, "encrypted PDF: cannot read its text") from exc
        raise ReportReadError(path, f"unreadable PDF: {exc}") from exc
    except Exception as exc:
        raise ReportReadError(path, f"unreadable PDF ({type(exc).__name__}: {exc})") from exc
    try:
        pages = [_document_page(document, raw, index) for index in range(len(document))]
    except Exception as exc:
        raise ReportReadError(path, f"unreadable PDF ({type(exc).__name__}: {exc})") from exc
    finally:
        document.close()
    if not any(p.strip() for p in pages):
        raise _why_no_text(data, path)
    return "\n\n".join(pages), []


def _document_page(document, raw, index: int) -> str:
    page = document[index]
    textpage = page.get_textpage()
    try:
        return _page_text(raw, textpage.raw)
    finally:
        textpage.close()
        page.close()
