"""Byte-level faults in whole files: damaged PDFs and texts never stop ``extract``.

The seeds are built as PDFs once (:mod:`pdfbuild`) and read as text bytes; each copy has a few
random faults (a seeded :class:`random.Random`, so every run makes the same files). All of them go
through :func:`sqs_analysis.tables.pipeline.extract`, the public entry point, in one call: it must
not raise, and every file ends as exactly one of a row in ``inspections``, a copy set aside as a
duplicate of one (the kept report's warning names it), or an ``error`` row in ``quality`` naming it,
whose reason says what is wrong with the file (never an internal error: that is a bug).

Cost on the 2-core development machine: about 9 s for the 600 files with ``workers=2`` (13 s in
one process), the two seed PDFs built once in 0.7 s; an undamaged seed PDF reads in about 0.05 s.
Of the 600, about 250 parse (all but two set aside as copies of a report already kept: each seed
is one inspection) and 350 are refused, all but a few of the PDFs among them: PDFium reads past
damage, so a PDF with any damaged stream is refused (pdftext) rather than read in part.
"""

from __future__ import annotations

import random
import re
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import SOMERSET, ST_HELENS
from pdfbuild import build_pdf

from sqs_analysis.tables.pipeline import extract

SEEDS = (ST_HELENS, SOMERSET)
N_PDF = 300
N_TEXT = 300
#: Processes for extract's pool (it parallelises at 64 files or more).
WORKERS = 2
_DUPLICATE = re.compile(
    r"^(?P<copy>.+) is a duplicate of (?P<kept>.+) \((?:identical content|same inspection)\)"
)


# --------------------------------------------------------------------------- damage to bytes


def _overwrite(data: bytes, rng: random.Random) -> bytes:
    at = rng.randrange(len(data))
    size = rng.randint(1, 8)
    return data[:at] + rng.randbytes(size) + data[at + size :]


def _insert(data: bytes, rng: random.Random) -> bytes:
    at = rng.randrange(len(data) + 1)
    return data[:at] + rng.randbytes(rng.randint(1, 16)) + data[at:]


def _delete(data: bytes, rng: random.Random) -> bytes:
    at = rng.randrange(len(data))
    return data[:at] + data[at + rng.randint(1, 64) :]


def _truncate(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randrange(len(data))]


def _flip(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 12)):
        out[rng.randrange(len(out))] ^= 1 << rng.randrange(8)
    return bytes(out)


_INVALID_UTF8 = (b"\xff", b"\xc3", b"\xe2\x80", b"\xed\xa0\x80", b"\xf8\x88\x80\x80\x80", b"\x80")


def _invalid_utf8(data: bytes, rng: random.Random) -> bytes:
    at = rng.randrange(len(data) + 1)
    return data[:at] + rng.choice(_INVALID_UTF8) + data[at:]


def _nul(data: bytes, rng: random.Random) -> bytes:
    at = rng.randrange(len(data) + 1)
    return data[:at] + b"\x00" * rng.randint(1, 3) + data[at:]


def _bom_cp1252(data: bytes, rng: random.Random) -> bytes:
    """A UTF-8 mark on text saved as cp1252 (an editor that added the mark and not the code)."""
    text = data.removeprefix(b"\xef\xbb\xbf").decode("utf-8", errors="replace")
    return b"\xef\xbb\xbf" + text.encode("cp1252", errors="replace")


def _duplicate(data: bytes, rng: random.Random) -> bytes:
    i, j = sorted(rng.randrange(len(data) + 1) for _ in range(2))
    at = rng.randrange(len(data) + 1)
    return data[:at] + data[i:j] + data[at:]


Damage = Callable[[bytes, random.Random], bytes]
#: Faults and how often each is drawn. A truncated PDF (its cross-reference table gone) and a
#: text with a NUL byte are always refused, so they are drawn less often than the faults that
#: leave something to read.
PDF_DAMAGE: dict[Damage, int] = {_overwrite: 3, _insert: 3, _delete: 3, _truncate: 1}
TEXT_DAMAGE: dict[Damage, int] = {
    _flip: 3, _invalid_utf8: 3, _bom_cp1252: 2, _duplicate: 3, _overwrite: 3, _delete: 3,
    _truncate: 1, _nul: 1,
}  # fmt: skip


def _damaged(data: bytes, damage: dict[Damage, int], rng: random.Random) -> tuple[bytes, str]:
    """``data`` with one to four faults, and their names."""
    names = []
    for fault in rng.choices(list(damage), weights=list(damage.values()), k=rng.randint(1, 4)):
        data = fault(data, rng) if data else data
        names.append(fault.__name__.strip("_"))
    return data, "+".join(names)


def _write_faults(folder: Path, pdfs: dict[str, bytes]) -> dict[str, str]:
    """The damaged copies under distinct names in ``folder``: file name -> faults made."""
    rng = random.Random(20_130_707)
    made: dict[str, str] = {}
    texts = {seed.stem: seed.read_bytes() for seed in SEEDS}
    for kind, n, originals, damage in (
        ("pdf", N_PDF, pdfs, PDF_DAMAGE),
        ("text", N_TEXT, texts, TEXT_DAMAGE),
    ):
        for i in range(n):
            stem = rng.choice(sorted(originals))
            data, faults = _damaged(originals[stem], damage, rng)
            suffix = ".pdf" if kind == "pdf" else rng.choice([".md", ".txt", ".markdown"])
            name = f"{kind}-{i:03d}-{stem}{suffix}"
            (folder / name).write_bytes(data)
            made[name] = faults
    return made


# --------------------------------------------------------------------------- the test


@pytest.fixture(scope="module")
def faulty(tmp_path_factory) -> dict[str, object]:
    pdf_dir = tmp_path_factory.mktemp("seed-pdfs")
    pdfs = {s.stem: build_pdf(s, pdf_dir / f"{s.stem}.pdf").read_bytes() for s in SEEDS}
    folder = tmp_path_factory.mktemp("faults")
    made = _write_faults(folder, pdfs)
    run, tables = extract(sorted(folder.iterdir()), workers=WORKERS)
    return {"made": made, "run": run, "tables": tables}


def _outcomes(made: dict[str, str], tables) -> dict[str, list[str]]:
    """Each file's outcomes: "parsed", "duplicate" and "error" as the tables show them."""
    quality = tables.quality
    outcomes: dict[str, list[str]] = {name: [] for name in made}
    for name in tables.inspections.source_file:
        outcomes.setdefault(name, []).append("parsed")
    kept = quality[(quality.severity == "warning") & (quality.field == "file")]
    for source, message in zip(kept.source_file, kept.message, strict=True):
        m = _DUPLICATE.match(message)
        if m:
            assert m.group("kept") == source
            outcomes.setdefault(m.group("copy"), []).append("duplicate")
    for name in quality.source_file[quality.severity == "error"]:
        outcomes.setdefault(name, []).append("error")
    return outcomes


def test_every_damaged_file_is_parsed_set_aside_or_refused_exactly_once(faulty):
    made, tables = faulty["made"], faulty["tables"]
    assert len(made) == N_PDF + N_TEXT  # distinct names
    outcomes = _outcomes(made, tables)
    assert set(outcomes) == set(made), "a row names a file that was not given"
    wrong = {name: found for name, found in outcomes.items() if len(found) != 1}
    assert not wrong, wrong
    split = {o: sum(found == [o] for found in outcomes.values()) for o in ("parsed", "duplicate")}
    assert split["parsed"] >= 2 and split["duplicate"] >= 1  # the damage is not all fatal


def test_a_refused_file_is_refused_for_what_is_wrong_with_it_never_an_internal_error(faulty):
    errors = faulty["tables"].quality
    errors = errors[errors.severity == "error"]
    assert (errors.field == "file").all()
    internal = {
        name: (faulty["made"][name], message)
        for name, message in zip(errors.source_file, errors.message, strict=True)
        if "internal error" in message
    }
    assert not internal, internal
    assert errors.message.str.len().gt(0).all()


# --------------------------------------------------------------------------- the issue's cases


def _minimal_pdf(content: bytes, stream_dict: bytes = b"") -> bytes:
    """A one-page PDF whose page draws ``content`` (a content stream, ``stream_dict`` added)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d" % len(content) + stream_dict + b" >>\nstream\n" + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    return out + b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )


_TEXT = b"BT /F1 12 Tf 72 720 Td (Report of Short Quality Screening) Tj ET"


def _seed(area: str, replace: tuple[str, str] = ("", "")) -> str:
    """St Helens's report as another area's (each case is its own inspection), with a change."""
    text = ST_HELENS.read_text(encoding="utf-8")
    assert replace[0] in text, replace
    return text.replace(*replace).replace("St Helens", area)


#: Each bad input the issue found, as file bytes, and what must come of it: ("error", words of
#: the reason) refuses the file; ("warning", column, word) parses it with a warning holding the
#: word and, if the column is given, that cell empty.
CASES: dict[str, tuple[Callable[[], bytes], tuple[str, ...]]] = {
    "rate-over-100.md": (
        lambda: _seed("Aton", ("St Helens was 46.2%", "St Helens was 146.2%")).encode(),
        ("warning", "reoffending_rate_pct", "146.2"),
    ),
    "average-over-100.md": (
        lambda: _seed("Beeton", ("average of 36.1%", "average of 136.1%")).encode(),
        ("warning", "ew_average_pct", "136.1"),
    ),
    "fieldwork-backwards.md": (
        lambda: _seed("Ceeton", ("15–17 June 2015", "17–15 June 2015")).encode(),
        ("warning", "fieldwork_start", "17"),
    ),
    "impossible-date.md": (
        lambda: _seed("Deeton", ("08 July 2015", "31 February 2015")).encode(),
        ("error", "31 February 2015"),
    ),
    "tokyo.md": (lambda: _seed("東京").encode(), ("error", "no area named")),
    "punctuation-area.md": (lambda: _seed("--- !!! ---").encode(), ("error", "no area named")),
    "bom-then-cp1252.md": (
        lambda: b"\xef\xbb\xbf" + _seed("Eeton").encode("cp1252", errors="replace"),
        ("warning", "", "cp1252"),
    ),
    "unknown-filter.pdf": (
        lambda: _minimal_pdf(_TEXT, b" /Filter /FooDecode"),
        ("error", "unreadable PDF", "FooDecode"),
    ),
    "nested-too-deep.pdf": (
        lambda: _minimal_pdf(b"BT " + b"[" * 20000 + b"]" * 20000 + b" TJ ET"),
        ("error", "unreadable PDF"),
    ),
    "compression-bomb.pdf": (
        lambda: _minimal_pdf(zlib.compress(b" " * (100 * 2**20), 9), b" /Filter /FlateDecode"),
        ("error", "unreadable PDF"),
    ),
}


@pytest.fixture(scope="module")
def cases(tmp_path_factory):
    raw = tmp_path_factory.mktemp("cases")
    for name, (make, _) in CASES.items():
        (raw / name).write_bytes(make())
    (raw / SOMERSET.name).write_bytes(SOMERSET.read_bytes())  # a good report beside them
    from sqs_analysis.tables.pipeline import extract_folder

    return extract_folder(raw)[1]


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_bad_input_of_the_issue_refuses_or_warns_about_its_own_file(cases, name):
    expected = CASES[name][1]
    rows = cases.quality[cases.quality.source_file == name]
    if expected[0] == "error":
        assert name not in set(cases.inspections.source_file)
        (reason,) = rows[rows.severity == "error"].message
        assert all(word in reason for word in expected[1:]), reason
        assert "internal error" not in reason
    else:
        _, column, word = expected
        assert rows.severity.eq("error").sum() == 0, rows.message.tolist()
        warned = rows[rows.severity == "warning"].message
        assert any(word in m for m in warned), warned.tolist()
        row = cases.inspections[cases.inspections.source_file == name]
        assert len(row) == 1
        if column:
            assert row[column].isna().all(), row[column].tolist()
    assert SOMERSET.name in set(cases.inspections.source_file)  # the others are read
