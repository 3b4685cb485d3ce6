"""Build an A4 PDF of a seed report at test time, laid out like the inspectorate's own.

A running header and page numbers on every page, footnotes at the foot of the page that cites them,
the copy list in two columns, and paragraphs that flow across page breaks. Only the test suite uses
this (fpdf2 is a dev dependency); the fonts come with matplotlib, so nothing is downloaded.
"""

from __future__ import annotations

import re
from pathlib import Path

import matplotlib
from fpdf import FPDF

FONTS = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
_SUP = re.compile(r"<sup>(?:&</sup>lt;sup>)?(\d)</sup>")
_TAGS = re.compile(r"</?(?:i|b|u|a)(?:\s[^>]*)?>")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")


def _plain(text: str) -> str:
    text = _LINK.sub(r"\1", _TAGS.sub("", text))
    return text.replace("**", "").replace("*", "").replace("<http://", "http://").replace(">", "")


class _Report(FPDF):
    def __init__(self, running_header: str, footnotes: dict[str, str]) -> None:
        super().__init__(format="A4")
        self.running_header = running_header
        self.footnotes = footnotes
        self.cited: list[str] = []
        self.add_font("dv", "", str(FONTS / "DejaVuSans.ttf"))
        self.add_font("dv", "B", str(FONTS / "DejaVuSans-Bold.ttf"))
        self.set_auto_page_break(True, margin=42)
        self.set_margins(20, 20, 20)

    def header(self) -> None:
        self.set_font("dv", size=8)
        self.cell(0, 5, self.running_header, new_x="LMARGIN", new_y="NEXT")
        self.ln(4)

    def footer(self) -> None:
        if self.cited:
            self.set_y(-38)
            self.set_font("dv", size=7)
            for number in self.cited:
                self.multi_cell(0, 3.5, f"{number} {self.footnotes[number]}", new_x="LMARGIN")
            self.cited = []
        self.set_y(-14)
        self.set_font("dv", size=8)
        self.cell(0, 5, f"Page {self.page_no()} of {{nb}}", align="C")

    def prose(self, text: str, size: float = 10.5, bold: bool = False, indent: float = 0) -> None:
        """Write a paragraph; a footnote marker becomes a superscript and cites its footnote."""
        self.set_font("dv", "B" if bold else "", size)
        self.set_x(self.l_margin + indent)
        for i, part in enumerate(_SUP.split(text)):
            if i % 2:
                self.cited.append(part)
                self.char_vpos = "SUP"
                self.write(5.2, part)
                self.char_vpos = "LINE"
            else:
                self.write(5.2, _plain(part))
        self.ln(5.2)
        self.ln(2.5)


def build_pdf(markdown: Path, out: Path) -> Path:
    """Lay out one seed report (markdown as shipped in data/raw) as a PDF at ``out``."""
    lines = markdown.read_text(encoding="utf-8").split("\n")
    footnotes: dict[str, str] = {}
    body: list[str] = []
    it = iter(lines)
    for line in it:
        m = re.match(r"^(?:<sup>&</sup>lt;sup>|<sup>)(\d)</sup>\s*(.*)$", line)
        if m:
            text = [m.group(2).strip()]
            for cont in it:
                if not cont.strip():
                    break
                text.append(cont.strip())
            footnotes[m.group(1)] = " ".join(text)
            continue
        if line.strip() == "---" or "Arolygiad" in line or "Civil Justice Centre" in line:
            continue
        body.append(line)
    area = next(
        _plain(ln).rsplit(" in ", 1)[1] for ln in body if "Short Quality Screening (SQS)" in ln
    )
    pdf = _Report(f"Short Quality Screening of youth offending work: {area}", footnotes)
    pdf.add_page()
    for line in body:
        text = line.strip()
        if not text:
            continue
        if text.startswith("#") or (text.startswith("**") and text.endswith("**")):
            pdf.ln(2)
            pdf.prose(text.lstrip("#").strip(), size=12, bold=True)
        elif "\t" in text:  # header label or copy list: two columns
            left, right = (_plain(t).strip() for t in text.split("\t", 1))
            pdf.set_font("dv", "", 10)
            pdf.cell(100, 5.5, left)
            pdf.multi_cell(0, 5.5, right, new_x="LMARGIN", new_y="NEXT")
        elif text.startswith("- "):
            item = text[2:]
            numbered = re.match(r"^\d\.\d{1,2}\.", item)
            pdf.prose(item if numbered else f"• {item}", indent=0 if numbered else 4)
        else:
            pdf.prose(text)
    pdf.output(str(out))
    return out


_COLUMNS = re.compile(r"\t+| {2,}")


def print_text(text: str, out: Path) -> Path:
    """Print a text report as it stands to an A4 PDF at ``out``, as an editor prints a file.

    Each line is a line of the page (one too long for it wraps), a form feed starts a page, and a
    line laid out in columns (cells apart at a tab or a run of spaces, as ``copy_tabs`` and
    ``copy_spaces`` write a copy list) puts its second cell at the page's middle and any later
    ones after it; a line's leading spaces indent it. Markup is printed as typed.
    """
    pdf = FPDF(format="A4")
    pdf.add_font("dv", "", str(FONTS / "DejaVuSans.ttf"))
    pdf.set_font("dv", size=9)
    pdf.set_margins(15, 15, 15)
    pdf.set_auto_page_break(True, margin=15)
    pdf.add_page()
    height = 4.5
    for page_number, page in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\f")):
        if page_number:
            pdf.add_page()
        for line in page.split("\n"):
            body = line.lstrip(" ")
            if not body.strip():
                pdf.ln(height)
                continue
            indent = min(len(line) - len(body), 20) * 1.8
            cells = _COLUMNS.split(body.rstrip())
            if len(cells) == 1:
                pdf.set_x(pdf.l_margin + indent)
                pdf.multi_cell(0, height, body, new_x="LMARGIN", new_y="NEXT")
                continue
            pdf.set_x(pdf.l_margin + indent)
            for k, cell in enumerate(cells[:-1]):  # the second cell at the middle at the earliest
                stop = 105 if k == 0 else pdf.get_x() + 10
                width = max(stop - pdf.get_x(), pdf.get_string_width(cell) + 8)
                pdf.cell(width, height, cell)
            if pdf.w - pdf.r_margin - pdf.get_x() < 30:
                pdf.ln(height)
                pdf.set_x(105)
            pdf.multi_cell(0, height, cells[-1], new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(out))
    return out
