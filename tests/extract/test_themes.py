"""Theme tags for strengths and areas for improvement."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sqs_analysis.errors import VocabularyError
from sqs_analysis.extract.parse import parse_file
from sqs_analysis.extract.themes import (
    ThemeTag,
    load_theme_vocabulary,
    parse_rules,
    tag_themes,
    theme_labels,
)

ROOT = Path(__file__).resolve().parents[2]
SEEDS = [
    ROOT / "data" / "raw" / "st-helens-2015-07.md",
    ROOT / "data" / "raw" / "somerset-2016-06.md",
]
EXPECTED_THEMES = {
    "assessment", "planning", "reviewing", "risk_of_harm_to_others",
    "safeguarding_and_vulnerability", "emotional_and_mental_health", "substance_misuse",
    "education", "parents_and_carers", "victims_and_restorative_justice",
    "pre_sentence_and_panel_reports", "engagement_and_compliance", "management_oversight",
    "partnership_working", "diversity_and_barriers_to_engagement", "child_sexual_exploitation",
}  # fmt: skip


def test_vocabulary_has_the_controlled_themes() -> None:
    assert {rule.theme for rule in load_theme_vocabulary()} == EXPECTED_THEMES


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem)
def test_every_seed_judgement_has_a_theme(path: Path) -> None:
    report = parse_file(path)
    assert report.judgements
    for judgement in report.judgements:
        tags = tag_themes(judgement.text)
        assert tags, judgement.text
        for tag in tags:
            assert tag.matched in judgement.text


def test_hand_checked_tags() -> None:
    text = (
        "The emotional health needs of children and young people are clearly identified, "
        "assessed and met including the provision of specialist services."
    )
    assert ThemeTag("emotional_and_mental_health", "emotional") in tag_themes(text)
    themes = {t.theme for t in tag_themes(
        "Good quality pre-sentence and panel reports to inform sentencing, with initial "
        "assessments of the individual needs of children and young people."
    )}  # fmt: skip
    assert {"pre_sentence_and_panel_reports", "assessment"} <= themes
    assert "diversity_and_barriers_to_engagement" in themes
    restorative = tag_themes(
        "Restorative justice conferencing was utilised well to enhance the well-being of victims."
    )
    assert ThemeTag("victims_and_restorative_justice", "Restorative justice") in restorative
    oversight = {t.theme for t in tag_themes(
        "Management oversight processes should be consistent and effective."
    )}  # fmt: skip
    assert oversight == {"management_oversight"}
    cse = tag_themes("The YOT was completing the child sexual exploitation assessment tool.")
    assert ThemeTag("child_sexual_exploitation", "child sexual exploitation") in cse


def test_each_theme_once_in_vocabulary_order() -> None:
    tags = tag_themes("Plans and planning; assessment and plans; a plan reviewed.")
    assert [t.theme for t in tags] == ["assessment", "planning", "reviewing"]
    assert tags[1].matched == "Plans"
    assert tag_themes("") == []


@pytest.mark.parametrize(
    "pattern, literals",
    [
        (r"\bplan(?:s|ned|ning)?\b", ("plan",)),
        (r"\brisks? of harm\b|\bharm to others\b", (" of harm", "harm to others")),
        (r"\b(?:child\s+)?sexual exploitation\b|\bCSE\b", ("sexual exploitation", "cse")),
        (r"\bpre-sentence\b[^.;]{0,30}?\breports?\b", ("pre-sentence",)),
        (r"\bdrugs?\b|\bX\b", None),  # an alternative with no word of three letters: no filter
    ],
)
def test_required_literals(pattern, literals):
    from sqs_analysis.extract.themes import required_literals

    assert required_literals(pattern) == literals


#: Words of the theme and aspect vocabularies, near misses and non-ASCII, to make texts from.
_WORDS = ["Risk", "of", "harm", "risks", "CSE", "child", "sexual", "exploitation", "pre-sentence",
          "panel", "reports", "Plans", "planning", "reassessed", "Well-being", "famil", "family",
          "x", "é", ",", "."]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*_WORDS, "children's", "social", "care"]), max_size=30))
def test_the_literal_filter_never_changes_a_tag(words):
    from sqs_analysis.extract.themes import _vocabulary

    text = " ".join(words)
    unfiltered = []
    for rule in _vocabulary():
        m = rule.pattern.search(text)
        if m and rule.theme not in {t for t, _ in unfiltered}:
            unfiltered.append((rule.theme, m.group(0)))
    assert [(t.theme, t.matched) for t in tag_themes(text)] == unfiltered


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from([*_WORDS, "review", "assessment", "the", "cases", "-", "  "]), max_size=60
    )
)
def test_a_search_from_the_earliest_start_finds_the_same_match(words):
    from sqs_analysis.extract.findings import load_aspects
    from sqs_analysis.extract.shortcuts import earliest_start
    from sqs_analysis.extract.themes import _vocabulary

    for text in (" ".join(words), "".join(words)):
        lowered = text.lower() if text.isascii() else None
        for rule in (*_vocabulary(), *load_aspects()):
            full = rule.pattern.search(text)
            pos = earliest_start(lowered, rule.literals, rule.anchors)
            found = None if pos is None else rule.pattern.search(text, pos)
            assert (found and found.span()) == (full and full.span())


def test_every_theme_has_a_label_a_page_can_show() -> None:
    labels = theme_labels()
    assert set(labels) == EXPECTED_THEMES
    assert labels["pre_sentence_and_panel_reports"] == "Pre-sentence and panel reports"
    assert labels["risk_of_harm_to_others"] == "Risk of harm to others"
    for theme, label in labels.items():
        assert label[0].isupper() and "_" not in label, (theme, label)


def test_a_theme_without_a_label_or_with_two_is_refused_naming_the_line() -> None:
    head = "theme,label,pattern,note\n"
    with pytest.raises(VocabularyError, match=re.escape("line 3: theme 'b' has no label")):
        parse_rules(head + "a,A,\\ba\\b,\nb,,\\bb\\b,\n")
    with pytest.raises(VocabularyError, match=re.escape("line 3: theme 'a' is labelled 'A'")):
        parse_rules(head + "a,A,\\ba\\b,\na,Other,\\baa\\b,\n")
    rules = parse_rules(head + "a,A,\\ba\\b,\na,A,\\baa\\b,note\n")
    assert [(r.theme, r.label, r.note) for r in rules] == [("a", "A", ""), ("a", "A", "note")]
