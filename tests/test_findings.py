"""Quantified findings: gold for both seed reports, variant sentences, vocabulary and intervals."""

from __future__ import annotations

import csv
import math
import time
from pathlib import Path

import pytest

from sqs_analysis.findings import (
    DENOMINATOR_SOURCES,
    QUANTIFIER_KINDS,
    Finding,
    extract_findings,
    wilson_interval,
)
from sqs_analysis.parse import parse_file

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"
SEEDS = [
    ROOT / "data" / "raw" / "st-helens-2015-07.md",
    ROOT / "data" / "raw" / "somerset-2016-06.md",
]
COMPARED = ("numerator", "denominator", "denominator_source", "proportion_low", "proportion_high",
            "quantifier_kind", "judgement")  # fmt: skip


def _read(name: str) -> list[dict[str, str]]:
    with open(DATA / name, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _as_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.4f}".rstrip("0").rstrip(".")
    return str(value)


def _row(f: Finding) -> dict[str, str]:
    return {k: _as_text(getattr(f, k)) for k in (*COMPARED, "aspect")}


def _extract_seed_rows() -> dict[tuple[str, str, str], dict[str, str]]:
    rows = {}
    for path in SEEDS:
        report = parse_file(path)
        for p in report.paragraphs:
            for f in extract_findings(p.text, cases_examined=report.cases_examined):
                assert p.text[f.start : f.end] == f.quote
                rows[(report.inspection_id, p.paragraph_id, f.quote)] = _row(f)
    return rows


def test_seed_findings_match_the_hand_checked_gold() -> None:
    gold = {
        (r["inspection_id"], r["paragraph_id"], r["quote"]): r for r in _read("findings_gold.csv")
    }
    got = _extract_seed_rows()
    assert sorted(got) == sorted(gold), "every statement found and no spurious row"
    for key, row in gold.items():
        for column in (*COMPARED, "aspect"):
            assert got[key][column] == row[column], (key, column)


def test_gold_never_gives_an_exact_number_where_the_text_gives_a_range() -> None:
    for r in _read("findings_gold.csv"):
        if r["quantifier_kind"] in ("fraction_word", "vague"):
            assert r["numerator"] == ""
        if r["proportion_low"] != r["proportion_high"]:
            assert r["numerator"] == ""


def test_gold_covers_the_statements_named_in_the_issue() -> None:
    quotes = {
        (r["inspection_id"][:5], r["paragraph_id"], r["quote"]) for r in _read("findings_gold.csv")
    }
    for expected in [
        ("st-he", "2.1", "in two-thirds of all cases"),
        ("st-he", "2.4", "in 7 of 11 cases"),
        ("st-he", "4.2", "In all but one case"),
        ("st-he", "4.3", "all but one individual"),
        ("somer", "1.2", "All but one of these"),
        ("somer", "2.1", "in less than half of the 19 applicable cases"),
        ("somer", "4.3", "in eight"),
        ("somer", "operational-management", "in about half of the inspected cases"),
    ]:
        assert expected in quotes


def test_paragraph_offsets_and_one_sample_row() -> None:
    text = (
        "Children and young people had struggled to engage with the requirements of their "
        "sentences in 11 cases. The YOT responded appropriately in each of these and, in eight, "
        "this led to improved compliance."
    )
    found = extract_findings(text, cases_examined=20)
    assert [f.quote for f in found] == ["in 11 cases", "in each of these", "in eight"]
    eight = found[2]
    assert (eight.numerator, eight.denominator, eight.denominator_source) == (
        8, 11, "previous_sentence",
    )  # fmt: skip
    assert eight.proportion == pytest.approx(8 / 11)
    assert eight.ci_low == pytest.approx(0.434, abs=1e-3)
    assert eight.ci_high == pytest.approx(0.903, abs=1e-3)
    assert [f.start for f in found] == sorted(f.start for f in found)


@pytest.mark.parametrize("row", _read("findings_variants.csv"), ids=lambda r: r["variant"])
def test_variant(row: dict[str, str]) -> None:
    found = extract_findings(row["text"], cases_examined=int(row["cases_examined"]))
    siblings = [r for r in _read("findings_variants.csv") if r["variant"] == row["variant"]]
    if row["quote"] == "":
        assert found == [], row["note"]
        return
    assert [f.quote for f in found] == [r["quote"] for r in siblings]
    got = {f.quote: _row(f) for f in found}[row["quote"]]
    for column in COMPARED:
        assert got[column] == row[column], column


def test_staff_statements_are_not_findings() -> None:
    for text in [
        "All of the case managers we spoke to had a good understanding of policies.",
        "All case managers felt that they received appropriate and effective supervision.",
        "All of the practitioners we interviewed, however, had sufficient understanding.",
        "A small number advised that they would benefit from more training.",
    ]:
        assert extract_findings(text, cases_examined=20) == []


def test_unresolvable_denominators_stay_empty() -> None:
    (f,) = extract_findings("A plan had been drawn up in all cases when needed.", cases_examined=14)
    assert (f.numerator, f.denominator, f.denominator_source) == (None, None, None)
    assert (f.proportion_low, f.proportion_high, f.proportion) == (1.0, 1.0, None)
    (g,) = extract_findings("In all but one case the engagement was maintained.")
    assert (g.numerator, g.denominator, g.proportion_low, g.ci_low) == (None, None, None, None)


def test_every_row_is_well_formed_on_both_seeds() -> None:
    for path in SEEDS:
        report = parse_file(path)
        for p in report.paragraphs:
            for f in extract_findings(p.text, cases_examined=report.cases_examined):
                assert f.quantifier_kind in QUANTIFIER_KINDS
                assert f.denominator_source in (*DENOMINATOR_SOURCES, None)
                assert (f.denominator is None) == (f.denominator_source is None)
                assert f.judgement in ("met", "not_met", None)
                if f.proportion is not None:
                    assert f.proportion_low == f.proportion_high == f.proportion
                    assert f.ci_low <= f.proportion <= f.ci_high
                for v in (f.proportion_low, f.proportion_high):
                    assert v is None or 0.0 <= v <= 1.0


def test_wilson_interval() -> None:
    low, high = wilson_interval(7, 11)
    assert low == pytest.approx(0.3538, abs=1e-3)
    assert high == pytest.approx(0.8483, abs=1e-3)
    assert wilson_interval(0, 10)[0] == 0.0
    assert wilson_interval(10, 10)[1] == 1.0
    lo, hi = wilson_interval(50, 100)
    assert math.isclose(lo + hi, 1.0)
    with pytest.raises(ValueError):
        wilson_interval(3, 2)


def test_hostile_input_is_linear() -> None:
    text = ("of of 7 % of the of these in in all but " * 20000) + "." + (" 3%, 4 of" * 20000)
    started = time.perf_counter()
    extract_findings(text, cases_examined=10)
    assert time.perf_counter() - started < 10
