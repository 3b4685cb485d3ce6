"""Plain English, tested: every sentence the pages write, for the seeds and a synthetic corpus.

GOV.UK style and the Analysis Function's guidance ask for short sentences, plain words and
numbers as people say them. Each check here must hold for every briefing and the comparison:
no sentence over 30 words, no machine names (snake_case) or raw floats in reader-facing text,
and no claim made from less evidence than the narrative's own thresholds.
"""

from __future__ import annotations

import re
import sys

import pytest
from conftest import RAW, ROOT

from sqs_analysis import load
from sqs_analysis.report import compare, compare_sentences, selection, sentences, summary
from sqs_analysis.report.charts import corpus, findings, funnels, rates, samples
from sqs_analysis.report.evidence import MIN_COUNTED

MAX_WORDS = 30
SNAKE = re.compile(r"\b[a-z]+(?:_[a-z0-9]+)+\b")
#: A value printed as the machine holds it: a proportion (0.64) or three or more decimals.
RAW_FLOAT = re.compile(r"(?<![\d.])(?:0\.\d{2,}|\d+\.\d{3,})(?![\d.])")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\u201c\u2212+])")


@pytest.fixture(scope="module", params=["seeds", "synthetic"])
def corpus_tables(request, tmp_path_factory):
    if request.param == "seeds":
        return load(RAW)
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import synth

    raw = tmp_path_factory.mktemp("synthetic")
    synth.generate(12, raw)
    return load(raw)


def _briefing_texts(tables, iid: str) -> list[str]:
    return [
        sentences.briefing_title(tables, iid),
        sentences.briefing_dateline(tables, iid),
        *sentences.inspection_summary(tables, iid),
        *compare_sentences.area_comparison(tables, iid),
        *summary.key_messages(tables, iid),
    ]


def _comparison_texts(tables) -> list[str]:
    return [
        sentences.comparison_dateline(tables),
        *sentences.comparison_summary(tables),
        compare_sentences.funnel_sentence(tables),
        compare_sentences.thin_evidence_note(),
        *compare_sentences.recurrence_sentences(tables),
        compare_sentences.nation_sentence(tables),
    ]


def _chart_words(tables, iid: str) -> list[str]:
    charts = [
        rates.rate_vs_average(tables, iid),
        findings.findings_by_theme(tables, iid),
        rates.rate_gaps(tables),
        samples.case_samples(tables),
        findings.findings_by_theme(tables),
        corpus.gap_over_time(tables),
        corpus.theme_recurrence_chart(tables),
        *[c for c in funnels.funnel_plots(tables).parts[:-1]],
    ]
    if compare.enough_to_compare(tables):
        charts.append(corpus.gap_strip(tables, iid))
    return [c.title for c in charts] + [c.alt_text for c in charts]


def _all_texts(tables) -> list[str]:
    texts = _comparison_texts(tables)
    for iid in tables.inspections["inspection_id"]:
        texts += _briefing_texts(tables, iid)
    return [t for t in texts if t]


def split_sentences(text: str) -> list[str]:
    return [s for s in SENTENCE_END.split(text) if s.strip()]


def test_sentence_splitting():
    assert split_sentences("One two. Three four; five. 7 of 11 cases.") == [
        "One two.",
        "Three four; five.",
        "7 of 11 cases.",
    ]


def test_no_sentence_is_over_thirty_words(corpus_tables):
    long = [
        (len(s.split()), s)
        for text in _all_texts(corpus_tables)
        for s in split_sentences(text)
        if len(s.split()) > MAX_WORDS
    ]
    assert long == []


def test_no_machine_names_or_raw_floats_in_what_readers_see(corpus_tables):
    iid = corpus_tables.inspections["inspection_id"].iloc[0]
    texts = _all_texts(corpus_tables) + _chart_words(corpus_tables, iid)
    assert [t for t in texts if SNAKE.search(t)] == []
    assert [t for t in texts if RAW_FLOAT.search(t)] == []


def test_the_checks_catch_what_they_are_for():
    assert SNAKE.search("the pre_sentence_and_panel_reports theme")
    assert RAW_FLOAT.search("a share of 0.636364") and RAW_FLOAT.search("met in 0.64")
    assert RAW_FLOAT.search("a rate of 46.2537%")
    assert not RAW_FLOAT.search("46.2% and +10.1 points, \u22120.8 points, paragraph 2.3")
    assert len(("word " * 31).split()) > MAX_WORDS


def test_no_claim_without_the_evidence_it_needs(corpus_tables):
    """A ranking of themes needs 3 counted findings each side; a gap rank needs 3 inspections."""
    enough = compare.enough_to_compare(corpus_tables)
    for iid in corpus_tables.inspections["inspection_id"]:
        text = " ".join(_briefing_texts(corpus_tables, iid))
        pair = selection.strongest_and_weakest(
            selection.section_scores(selection.inspection_findings(corpus_tables, iid))
        )
        if "the strongest theme was" in text:
            assert pair is not None
            assert min(pair[0].counted.n_findings, pair[1].counted.n_findings) >= MIN_COUNTED
        else:
            assert pair is None
        assert ("largest gap" in text) == (enough and "cannot be ranked" not in text)
