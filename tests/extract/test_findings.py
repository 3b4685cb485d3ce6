"""Quantified findings: gold for both seed reports, variant sentences, vocabulary and intervals."""

from __future__ import annotations

import csv
import math
import re
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sqs_analysis.extract import numbers
from sqs_analysis.extract.findings import (
    DENOMINATOR_SOURCES,
    QUANTIFIER_KINDS,
    Finding,
    extract_findings,
    wilson_interval,
)
from sqs_analysis.extract.parse import parse_file

ROOT = Path(__file__).resolve().parents[2]
DATA = Path(__file__).resolve().parents[1] / "data"
SEEDS = [
    ROOT / "data" / "raw" / "st-helens-2015-07.md",
    ROOT / "data" / "raw" / "somerset-2016-06.md",
]
COMPARED = ("numerator", "denominator", "denominator_source", "proportion_low", "proportion_high",
            "quantifier_kind", "verdict")  # fmt: skip


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
                assert f.verdict in ("met", "not_met", None)
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


# --- the statements the phrase list missed, each with its exact reading --------------------------

#: (text, quote, numerator, denominator, denominator_source, low, high, kind, verdict);
#: 20 cases examined.
MISSED = [
    ("Reports were of good quality in three in every four cases.",
     "in three in every four cases", None, 20, "cases_examined", 0.7, 0.8, "fraction_word", "met"),
    ("Assessment was sufficient in more than four-fifths of the cases we looked at.",
     "in more than four-fifths of the cases we looked at", None, 20, "cases_examined", 0.8, 1,
     "fraction_word", "met"),
    ("Plans were good enough in slightly fewer than half of the cases.",
     "in slightly fewer than half of the cases", None, 20, "cases_examined", 0.4, 0.5,
     "fraction_word", "met"),
    ("A plan was good enough in 13 of the 17 cases where a plan was needed.",
     "in 13 of the 17 cases", 13, 17, "stated", 13 / 17, 13 / 17, "count_of", "met"),
    ("We found that none of the four young people in custody had a plan.",
     "none of the four young people", 0, 4, "stated", 0, 0, "none", None),
    ("In all four custody cases the plan was sufficient.",
     "In all four custody cases", 4, 4, "stated", 1, 1, "all", "met"),
    ("Risk management plans were needed in eight cases.",
     "in eight cases", 8, 20, "cases_examined", 0.4, 0.4, "count", None),
    ("In the majority of cases the plan was sufficient.",
     "In the majority of cases", None, 20, "cases_examined", 0.5, 1, "fraction_word", "met"),
    ("In about a third of the cases the assessment was accurate.",
     "In about a third of the cases", None, 20, "cases_examined", 1 / 3 - 0.05, 1 / 3 + 0.05,
     "fraction_word", "met"),
    # "good quality in 12 of the 16 cases" wherever it sits in the sentence
    ("12 of the 16 cases had a plan of good quality.",
     "12 of the 16 cases", 12, 16, "stated", 0.75, 0.75, "count_of", "met"),
    ("After the review, planning was of good quality in 12 of the 16 cases.",
     "in 12 of the 16 cases", 12, 16, "stated", 0.75, 0.75, "count_of", "met"),
    ("Planning, which was of good quality in 12 of the 16 cases, had improved since 2015.",
     "in 12 of the 16 cases", 12, 16, "stated", 0.75, 0.75, "count_of", "met"),
    ("Planning was of good quality in 12 of the 16 cases.",
     "in 12 of the 16 cases", 12, 16, "stated", 0.75, 0.75, "count_of", "met"),
    ("In 12 of the 16 cases, planning was of good quality.",
     "In 12 of the 16 cases", 12, 16, "stated", 0.75, 0.75, "count_of", "met"),
    ("Work was good quality in 12 of the 16 cases that we read.",
     "in 12 of the 16 cases", 12, 16, "stated", 0.75, 0.75, "count_of", "met"),
]  # fmt: skip


@pytest.mark.parametrize("case", MISSED, ids=[c[1] for c in MISSED])
def test_missed_statements_are_read_exactly(case) -> None:
    text, quote, num, den, source, low, high, kind, verdict = case
    (f,) = extract_findings(text, cases_examined=20)
    assert f.quote == quote == text[f.start : f.end]
    assert (f.numerator, f.denominator, f.denominator_source) == (num, den, source)
    assert (f.proportion_low, f.proportion_high) == (pytest.approx(low), pytest.approx(high))
    assert (f.quantifier_kind, f.verdict) == (kind, verdict)


def test_half_of_these_takes_the_previous_sentence_count() -> None:
    text = (
        "Risk management plans were needed in eight cases. The plans were of good quality in "
        "half of these."
    )
    needed, half = extract_findings(text, cases_examined=20)
    assert (needed.quote, needed.numerator, needed.denominator) == ("in eight cases", 8, 20)
    assert half.quote == "in half of these"
    assert (half.numerator, half.denominator, half.denominator_source) == (
        None, 8, "previous_sentence",
    )  # fmt: skip
    assert (half.proportion_low, half.proportion_high) == (0.45, 0.55)
    assert half.verdict == "met"


@pytest.mark.parametrize(
    "text",
    [
        "All of the case managers we spoke to had a good understanding of risk.",
        "Most practitioners had received training in assessment.",
        "All case managers felt supported, and most practitioners said so too.",
        "Some of the children and young people had complex needs.",
    ],
)
def test_staff_and_caseload_statements_give_no_rows(text: str) -> None:
    assert extract_findings(text, cases_examined=20) == []


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        # a restricted noun with no number: the set's size is unknown
        ("Plans were sufficient in half of the cases where a plan was needed.",
         "in half of the cases"),
        ("Plans were sufficient in most applicable cases.", "in most applicable cases"),
        # a condition opens the sentence: the cases are those that met it
        ("Where a risk was identified, action was taken in the majority of cases.",
         "in the majority of cases"),
        # a narrower set named earlier in the paragraph: 'the cases' may be those
        ("Planning was good in 12 of the 16 cases with risk factors. In about half of the cases "
         "the plan was late.", "In about half of the cases"),
    ],
)  # fmt: skip
def test_denominators_stay_empty_when_the_set_is_not_the_sample(text: str, quote: str) -> None:
    found = {f.quote: f for f in extract_findings(text, cases_examined=20)}
    assert (found[quote].denominator, found[quote].denominator_source) == (None, None)


def test_the_sample_words_name_the_whole_sample_whatever_came_before() -> None:
    text = (
        "Planning was good in 12 of the 16 cases with risk factors. Reviews were timely in "
        "about half of the cases we looked at, and in two-thirds of all cases."
    )
    found = extract_findings(text, cases_examined=20)
    assert [(f.denominator, f.denominator_source) for f in found] == [
        (16, "stated"), (20, "cases_examined"), (20, "cases_examined"),
    ]  # fmt: skip


def test_a_modified_count_is_an_interval_not_a_number() -> None:
    (f,) = extract_findings("Plans were late in more than 10 of the 16 cases.", cases_examined=20)
    assert (f.numerator, f.denominator, f.denominator_source) == (None, 16, "stated")
    assert (f.proportion_low, f.proportion_high, f.proportion) == (10 / 16, 1.0, None)
    (g,) = extract_findings("Plans were late in only 7 of the 16 cases.", cases_examined=20)
    assert (g.numerator, g.denominator, g.proportion) == (7, 16, 7 / 16)


# --- properties --------------------------------------------------------------------------------

_WORDS = {v: k for k, v in {**numbers._UNITS, **numbers._TENS}.items()}


def _in_words(n: int) -> str:
    if n in _WORDS:
        return _WORDS[n]
    return f"{_WORDS[n - n % 10]}-{_WORDS[n % 10]}"


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_n_of_the_m_cases_is_stated(data) -> None:
    m = data.draw(st.integers(1, 999), label="M")
    n = data.draw(st.integers(0, m), label="N")
    as_words = m < 100 and data.draw(st.booleans(), label="words")
    n_text, m_text = (_in_words(n), _in_words(m)) if as_words else (str(n), str(m))
    text = f"The plan was sufficient in {n_text} of the {m_text} cases."
    (f,) = extract_findings(text, cases_examined=data.draw(st.sampled_from([None, 14, 20])))
    assert (f.numerator, f.denominator, f.denominator_source) == (n, m, "stated")
    assert f.quote == f"in {n_text} of the {m_text} cases"


def _normalised(found: list[Finding]) -> list[tuple]:
    return [(" ".join(f.quote.split()), *_rest(f)) for f in found]


def _rest(f: Finding) -> tuple:
    return tuple(getattr(f, k) for k in (*COMPARED, "aspect", "proportion", "ci_low", "ci_high"))


@settings(max_examples=100, deadline=None)
@given(data=st.data())
def test_line_breaks_and_spaces_between_words_never_change_the_findings(data, seed_tables):
    paragraphs = seed_tables.paragraphs
    row = data.draw(st.integers(0, len(paragraphs) - 1), label="paragraph")
    text = paragraphs.text.iloc[row]
    cases = {"st-helens-2015-07": 14, "somerset-2016-06": 20}[paragraphs.inspection_id.iloc[row]]
    gaps = re.split(r"(\s+)", text)
    for i in range(1, len(gaps), 2):
        gaps[i] = data.draw(st.sampled_from([" ", "\n", "  ", " \n ", "\t", "\n\n"]))
    varied = "".join(gaps)
    found = extract_findings(varied, cases_examined=cases)
    assert _normalised(found) == _normalised(extract_findings(text, cases_examined=cases))
    assert all(varied[f.start : f.end] == f.quote for f in found)


_SOUP = [
    "in", "of", "the", "all", "but", "one", "two", "7", "11", "16", "cases", "case", "plans",
    "these", "them", "just", "over", "under", "almost", "more", "than", "half", "a", "third",
    "two-thirds", "three-quarters", "four-fifths", "every", "each", "none", "most", "majority",
    "minority", "many", "about", "only", "at", "least", "we", "looked", "where", "young",
    "people", "four", "custody", "applicable", "60%", "and", "had", ",", ".", "In", "Two",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_SOUP), max_size=40), st.sampled_from([None, 5, 20]))
def test_every_row_is_consistent_whatever_the_words(words, cases) -> None:
    text = " ".join(words)
    for f in extract_findings(text, cases_examined=cases):
        assert text[f.start : f.end] == f.quote
        assert f.quantifier_kind in QUANTIFIER_KINDS
        assert (f.denominator is None) == (f.denominator_source is None)
        if f.numerator is not None and f.denominator is not None:
            assert 0 <= f.numerator <= f.denominator
        if f.proportion_low is not None:
            assert 0 <= f.proportion_low <= f.proportion_high <= 1


def test_x_out_of_y_is_a_ratio_only_over_a_usual_ratio_base() -> None:
    """ "three out of four cases" may be a share of the sample or a set of four: read as a ratio
    it claims no numbers; "9 out of 12 cases" can only count a set of 12."""
    (ratio,) = extract_findings("Plans were good in three out of four cases.", cases_examined=20)
    assert (ratio.numerator, ratio.quantifier_kind) == (None, "fraction_word")
    assert (ratio.proportion_low, ratio.proportion_high) == (0.7, 0.8)
    (count,) = extract_findings("Plans were good in 9 out of 12 cases.", cases_examined=20)
    assert (count.numerator, count.denominator, count.denominator_source) == (9, 12, "stated")


def test_inspected_cases_name_the_sample_not_a_narrower_set() -> None:
    text = (
        "Oversight was effective in about half of the inspected cases. In some cases the "
        "plans were late, and in high risk cases reviews were late in most cases."
    )
    found = extract_findings(text, cases_examined=20)
    assert [(f.quote, f.denominator) for f in found] == [
        ("in about half of the inspected cases", 20),
        ("In some cases", 20),
        ("in most cases", None),  # after "high risk cases": may mean those
    ]


def test_a_count_of_children_is_a_count_of_cases_that_these_can_refer_to():
    found = extract_findings(
        "Ten children had missed appointments. The YJS had responded well in half of these.",
        cases_examined=22,
    )
    assert [(f.quote, f.numerator, f.denominator, f.denominator_source) for f in found] == [
        ("Ten children", 10, None, None),  # not all children need be in the sample: no guess
        ("in half of these", None, 10, "previous_sentence"),
    ]
    assert (found[1].proportion_low, found[1].proportion_high) == (0.45, 0.55)
    assert extract_findings("Some of the children had complex needs.", cases_examined=22) == []


def test_own_fixtures_give_the_findings_an_analyst_would_record():
    from conftest import DATA

    from sqs_analysis.extract.parse import parse_file

    lynn = parse_file(DATA / "kings-lynn-2016-03.txt")
    got = [
        (p.paragraph_id, f.quote, f.numerator, f.denominator, f.denominator_source)
        for p in lynn.numbered_paragraphs
        for f in extract_findings(p.text, cases_examined=lynn.cases_examined)
    ]
    assert got == [
        ("1.1", "in three in every four cases", None, 16, "cases_examined"),
        ("1.2", "in slightly fewer than half of the cases", None, None, None),  # "that needed"
        ("2.1", "In the majority of cases", None, 16, "cases_examined"),
        ("2.2", "in eight cases", 8, 16, "cases_examined"),
        ("2.2", "Six of these", 6, 8, "previous_sentence"),
        ("3.1", "in all but one case", 15, 16, "cases_examined"),
    ]
