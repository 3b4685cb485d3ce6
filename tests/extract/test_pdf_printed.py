"""Every reformatting of each seed, printed to PDF, reads back to the text's own tables.

Each copy of :mod:`test_metamorphic` (one reformatting, after what it needs) is printed as it
stands by :func:`pdfbuild.print_text` (as an editor prints a file: a line a line, a copy list's
cells apart), read by the PDF extractor and compared table by table with the seed's own tables,
as the metamorphic tests compare the text. This is how the move from pypdf's layout mode to
PDFium was checked: both gave the same tables for every case here (and for the seeds built by
:mod:`pdfbuild` and printed by Chromium), the exceptions below included.

Cost: about 0.7 s a case (printing, then the public extract path with validation).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
import reformat
from pdfbuild import print_text
from test_metamorphic import SEEDS, baseline, differences, seed_text

from sqs_analysis.tables.pipeline import extract

#: What printing a text loses, so that its PDF cannot give the text's tables (pypdf's layout
#: mode gave these same tables too).
LOST_IN_PRINT = {
    "bullets_pua": "the Symbol-font bullet has no glyph in the printing font: no bullet marks",
    "one_line": "the whole report on one line, wrapped by the printer: the copy list's columns",
}
#: The same, for one seed only.
LOST_IN_PRINT_OF = {
    ("wrap_110", "st-helens-2015-07"): "110-character lines wrapped again by the printer",
}


def _case(seed: str, name: str):
    why = LOST_IN_PRINT.get(name) or LOST_IN_PRINT_OF.get((name, seed))
    marks = [pytest.mark.xfail(reason=why, strict=True)] if why else []
    return pytest.param(seed, name, marks=marks, id=f"{seed}-{name}")


@pytest.mark.parametrize(
    ("seed", "name"), [_case(seed, name) for seed in SEEDS for name in reformat.REGISTRY]
)
def test_a_reformatting_printed_to_pdf_gives_the_texts_tables(seed: str, name: str) -> None:
    text = reformat.compose(seed_text(seed), reformat.standalone(name))
    with tempfile.TemporaryDirectory() as folder:
        pdf = print_text(text, Path(folder) / f"{seed}.pdf")
        got = extract([pdf])[1]
    for frame in (got.inspections, got.quality):  # the PDF has the seed's name, not its suffix
        frame["source_file"] = frame["source_file"].replace(f"{seed}.pdf", SEEDS[seed].name)
    found = differences(baseline(seed), got)
    assert not found, f"{seed} after {name}, printed:\n  " + "\n  ".join(found)
