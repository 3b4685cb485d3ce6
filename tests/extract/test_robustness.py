"""Hostile and mutated input: only ReportParseError escapes.

Values come from the text, and time is linear.
"""

from __future__ import annotations

import contextlib
import re
import time

import pytest
from conftest import SOMERSET, ST_HELENS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sqs_analysis.errors import ReportParseError
from sqs_analysis.extract.document import read
from sqs_analysis.extract.parse import parse_text

SEEDS = [ST_HELENS.read_text(encoding="utf-8"), SOMERSET.read_text(encoding="utf-8")]
TEXT_FIELDS = (
    "area",
    "service",
    "service_name",
    "addressee",
    "addressee_role",
    "assistant_chief_inspector",
    "lead_inspector",
    "reoffending_change_stated",
)


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def _parse(text: str):
    return parse_text(text, source_file="mutant.md", sha256="0" * 64)


def _assert_values_come_from_the_text(report, text: str) -> None:
    """Every value is words of the report once page furniture and footnotes are lifted out."""
    doc = read(text)
    source = _squash(" ".join(b.text for b in doc.blocks))
    source += " " + _squash(" ".join(doc.footnotes.values()))
    for field in TEXT_FIELDS:
        value = getattr(report, field)
        if field == "service" and value is not None and value not in source:
            # the acronym of the name the text gives ("Youth Offending Team" is the YOT)
            words = re.findall(r"Youth\s+(\w+)\s+(\w+)", report.service_name or "")
            assert words and "Y" + words[0][0][0] + words[0][1][0] == value, field
        elif value is not None:
            assert _squash(value) in source, field
    _assert_nation_evidence_comes_from(report, source)
    for field in ("reoffending_rate_pct", "ew_average_pct"):
        value = getattr(report, field)
        if value is not None:
            assert re.search(rf"{value:g}(?:\.0)?\s*%", source), field
    if report.cases_examined is not None:
        assert re.search(r"(?i)\bcases\b", source)
    for p in report.paragraphs:
        for sentence in re.split(r"(?<=\.) ", p.text)[:3]:
            assert _squash(sentence)[:40] in source or "-" in sentence, p.paragraph_id
    for j in report.judgements:
        assert _squash(j.text)[:30] in source


def _assert_nation_evidence_comes_from(report, source: str) -> None:
    """Each piece of the nation's evidence ("area: Somerset") is words of the report."""
    assert report.nation in (None, "England", "Wales")
    assert (report.nation is None) == (report.nation_evidence is None)
    for piece in filter(None, (report.nation_evidence or "").split("; ")):
        assert _squash(piece.split(": ", 1)[1]) in source, piece


mutations = st.lists(
    st.tuples(
        st.sampled_from(["delete", "insert", "duplicate", "swap", "truncate"]),
        st.integers(min_value=0, max_value=15_000),
        st.integers(min_value=0, max_value=15_000),
        st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40),
    ),
    min_size=1,
    max_size=6,
)


def _mutate(text: str, ops) -> str:
    lines = text.split("\n")
    for op, a, b, junk in ops:
        n = max(len(text), 1)
        i, j = sorted((a % n, b % n))
        if op == "delete":
            text = text[:i] + text[j : j + (j - i) // 4]
        elif op == "insert":
            text = text[:i] + junk + text[i:]
        elif op == "duplicate":
            text = text[:j] + text[i:j] + text[j:]
        elif op == "swap":
            lines = text.split("\n")
            x, y = a % len(lines), b % len(lines)
            lines[x], lines[y] = lines[y], lines[x]
            text = "\n".join(lines)
        else:
            text = text[:j]
    return text


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.sampled_from(SEEDS), ops=mutations)
def test_mutated_seeds_parse_or_raise_report_parse_error_only(seed, ops):
    text = _mutate(seed, ops)
    try:
        report = _parse(text)
    except ReportParseError:
        return
    _assert_values_come_from_the_text(report, text)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=3000))
def test_arbitrary_text_never_crashes(text):
    with contextlib.suppress(ReportParseError):
        _parse(text)


HOSTILE = {
    "digits": "1" * 400_000,
    "of": " of" * 150_000,
    "percent": "%" * 200_000 + " 12.5%" * 30_000,
    "brackets": "[" * 100_000 + "(" * 100_000 + "<sup>" * 30_000 + "&</b>" * 30_000,
    "tags": "<i " * 100_000,
    "lines": "word\n" * 100_000,
    "capitals": "Youth Offending Team Capital Word " * 15_000,
    "spaces": "lead" + " " * 300_000 + "inspector",
    "paragraphs": "".join(f"- 1.{i % 99}. In 7 of 9 cases.\n" for i in range(15_000)),
    "dates": "15-17 June 2015 " * 20_000,
}


def _timed(text: str) -> float:
    start = time.perf_counter()
    with contextlib.suppress(ReportParseError):
        _parse(text)
    return time.perf_counter() - start


@pytest.mark.parametrize("name", list(HOSTILE))
def test_hostile_text_parses_in_linear_time(name):
    """No regular expression backtracks.

    Hostile text costs at most 10x ordinary text of its size.
    """
    hostile = SEEDS[1] + "\n" + HOSTILE[name]
    ordinary = (SEEDS[1] + "\n") * (len(hostile) // len(SEEDS[1]) + 1)
    baseline = min(_timed(ordinary) for _ in range(2))
    assert _timed(hostile) < 10 * baseline + 0.5, name


def test_a_50_mb_report_parses_in_linear_time(tmp_path):
    """A runaway conversion: one report with 50 MB of numbered paragraphs."""
    seed = SEEDS[1]
    paragraphs = re.findall(r"^- \d\.\d\. (.*)$", seed, flags=re.M)
    lines, size, k = [], 0, 0
    while size < 50_000_000:
        line = f"- 1.{k % 99 + 1}. {paragraphs[k % len(paragraphs)]}\n"
        lines.append(line)
        size += len(line)
        k += 1
    path = tmp_path / "big-2016-06.md"
    path.write_text(seed.replace("- 1.6. ", "".join(lines) + "- 1.6. ", 1), encoding="utf-8")
    del lines
    per_byte = min(_timed(seed) for _ in range(3)) / len(seed)
    start = time.perf_counter()
    from sqs_analysis.extract.parse import parse_file

    report = parse_file(path)
    elapsed = time.perf_counter() - start
    assert len(report.paragraphs) == k + 17  # the 16 numbered ones and operational management
    assert report.issues[0].message.startswith("paragraph numbers repeated: 1.1, 1.10")
    assert elapsed < 10 * per_byte * path.stat().st_size + 1.0
